//! The fixed words of the reports, in Dutch and English.

pub use crate::scenario::text::L as Pair;
use crate::scenario::text::L;

pub const GROUP: L = L("Groep", "Group");
pub const FACILITATOR: L = L("Gespreksleider", "Facilitator");
pub const REPORT: L = L("Nabespreking", "Debrief");
pub const DATE: L = L("Datum", "Date");
pub const GROUPS: L = L("Delegaties", "Delegations");
pub const AGENDA: L = L("Agenda", "Agenda");
pub const LENGTH: L = L("Lengte", "Length");
pub const PLANNED: L = L("gepland", "planned");
pub const ACTUAL: L = L("werkelijk", "actual");
pub const NOT_ENDED: L = L("(sessie niet afgesloten)", "(session not ended)");
pub const MINUTES: L = L("min", "min");
pub const CARDS: L = L("Kaarten", "Cards");
pub const THEME: L = L("Thema", "Theme");
pub const TIME: L = L("Tijd", "Time");
pub const CHOICE: L = L("Keuze", "Choice");
pub const HOW: L = L("Besluitvorming", "How decided");
/// An answer a group entered on its own device (`play --devices`).
pub const VIA_DEVICE: L = L("ingevoerd op eigen apparaat", "entered on own device");
/// The table column: where an answer was entered.
pub const ENTERED: L = L("Ingevoerd via", "Entered via");
pub const AT_CONSOLE: L = L("console", "console");
pub const ON_DEVICE: L = L("eigen apparaat", "own device");
pub const DISSENT: L = L("Afwijkend", "Dissent");
pub const RATIONALE: L = L("Toelichting", "Rationale");
pub const CONSEQUENCES: L = L("Gevolgen", "Consequences");
pub const NOTES: L = L("Notities", "Notes");
pub const NO_ANSWERS: L = L("Geen antwoorden vastgelegd.", "No answers recorded.");
pub const ALL_CHOSE: L = L("Alle groepen kozen:", "All groups chose:");
pub const SOME_CHOSE: L =
    L("Niet iedere groep antwoordde; wie antwoordde koos:", "Not every group answered; those who did chose:");
/// A follow-up card played for the groups whose choice led there: "Vervolg voor Laren".
pub const FOLLOW_UP_FOR: L = L("Vervolg voor", "Follow-up for");
/// A follow-up's answers, when not every group was asked: "Gekozen door Laren: …".
pub const CHOSEN_BY: L = L("Gekozen door", "Chosen by");
pub const GROUPS_DIFFERED: L = L("De groepen verschilden:", "The groups differed:");
pub const OPTION: L = L("optie", "option");
pub const NOT_REVEALED: L = L("(niet getoond in de zaal)", "(not revealed to the room)");
pub const SKIPPED: L = L("Overgeslagen", "Skipped");
pub const SCOREBOARD: L = L("Scorebord", "Scoreboard");
pub const PLAN: L = L("Verbeterplan: acties per gemeente", "Improvement plan: actions per municipality");
pub const WHAT: L = L("Wat", "What");
pub const OWNER: L = L("Eigenaar", "Owner");
pub const DUE: L = L("Wanneer", "By when");
pub const NO_ACTIONS: L = L("Geen acties vastgelegd.", "No actions recorded.");
pub const OTHER_NOTES: L = L("Overige notities", "Other notes");
pub const ROOM: L = L("Zaal", "Room");
pub const OBJECTIVES: L = L("Doelen", "Objectives");
pub const COVERED: L = L("behandeld", "covered");
pub const NOT_COVERED: L = L("niet behandeld", "not covered");
pub const TIMELINE: L = L("Tijdlijn", "Timeline");
pub const WARNINGS: L = L("Waarschuwingen", "Warnings");
pub const ACROSS: L = L("Over alle sessies", "Across all sessions");
pub const SESSIONS: L = L("sessies", "sessions");
pub const CHOSEN: L = L("Hoe vaak gekozen", "Times chosen");
pub const SCORE_SPREAD: L = L("Spreiding van de scores", "Spread of the scores");
pub const DIMENSION: L = L("Dimensie", "Dimension");
pub const MIN: L = L("laagst", "min");
pub const MEDIAN: L = L("mediaan", "median");
pub const MAX: L = L("hoogst", "max");
pub const MEAN: L = L("gemiddeld", "mean");
pub const SPREAD_CHART: L = L("Hoe vaak elke optie gekozen is", "How often each option was chosen");
pub const SPREAD_LEGEND: L = L(
    "Lengte van de balk: aantal delegaties dat de optie koos.",
    "Length of the bar: the number of delegations that chose the option.",
);
pub const SCORE_CHART: L = L("Scoreprofiel", "Score profile");
pub const SCORE_LEGEND: L = L(
    "Balk rechts van de lijn: gunstig; links: ongunstig. Het getal is de score.",
    "Bar right of the line: favourable; left: unfavourable. The number is the score.",
);
pub const PAGE: L = L("Pagina", "Page");
pub const OF: L = L("van", "of");
pub const LOG: L = L("Logboek", "Log");
pub const T_STARTED: L = L("Sessie gestart", "Session started");
pub const T_OPENED: L = L("Kaart geopend", "Card opened");
pub const T_INJECT: L = L("Ontwikkeling", "Development");
pub const T_PAUSED: L = L("Klok gepauzeerd", "Clock paused");
pub const T_RESUMED: L = L("Klok loopt weer", "Clock resumed");
pub const T_REVEALED: L = L("Antwoorden getoond", "Answers revealed");
pub const T_CLOSED: L = L("Kaart gesloten", "Card closed");
pub const T_SKIPPED: L = L("Kaart overgeslagen", "Card skipped");
pub const T_RETURNED: L = L("Kaart terug op de agenda", "Card back on the agenda");
pub const T_WITHDRAWN: L = L("Ontwikkeling teruggenomen", "Development taken back");
pub const T_ENDED: L = L("Sessie afgesloten", "Session ended");
pub const T_ACTION: L = L("Actie voor", "Action for");
/// The previous session's actions were brought up on the follow-up page (statuses not yet set).
pub const T_FOLLOW_UP_OPENED: L = L("Acties van de vorige sessie opgeroepen", "Previous session's actions brought up");
/// The first status of a previous action was set: from here they were discussed.
pub const T_FOLLOW_UP: L = L("Acties van de vorige sessie besproken", "Previous session's actions discussed");
pub const FOLLOW_UP: L = L("Vervolg op", "Follow-up of");
pub const STATUS: L = L("Stand", "Status");
pub const NO_STATUS: L = L("niet besproken", "not discussed");
pub const FROM: L = L("uit", "from");
pub const SESSION_OF: L = L("sessie van", "session of");
pub const DONE: L = L("gedaan", "done");
pub const CARRIED_FROM: L = L("overgenomen van", "carried over from");
pub const CARRIED: L = L("overgenomen", "carried over");
pub const COMPARED: L = L("Vergeleken met de vorige sessie", "Compared with the previous session");
pub const ROLES: L = L("Rollen", "Roles");
pub const AGAINST: L = L("tegen de mening van", "against the view of");
pub const LESS_THAN_A_MINUTE: L = L("minder dan 1 min", "under 1 min");
pub const CHOSE: L = L("koos optie", "chose option");
pub const CHOSE_OUTSIDE: L = L("koos", "chose");
pub const CLOSED_UNPLAYED: L = L("Gesloten zonder te spelen", "Closed without being played");
pub const SOURCE: L = L("bron:", "source:");
pub const OVERDUE: L = L("over tijd", "overdue");
pub const PREVIOUS_SESSION: L = L("vorige sessie", "previous session");
pub const NEW: L = L("nieuw", "new");
/// An earlier session's open action agreed again in this one: the same action, not a new one.
pub const AGREED_AGAIN: L = L("opnieuw afgesproken", "agreed again");
pub const ONLY_FOR: L = L("alleen voor", "only for");
pub const SUMMARY: L = L("Samenvatting", "Summary");
pub const CONFIDENTIAL: L = L("Vertrouwelijk", "Confidential");
pub const THEMES: L = L("Thema's", "Themes");
pub const CARDS_WORD: L = L("kaarten", "cards");
pub const CARD_WORD: L = L("kaart", "card");
pub const DIFFERED: L = L("Waar de delegaties verschilden", "Where the delegations differed");
/// A session in which no card was answered: nothing to compare, no agreement to claim.
pub const NO_CARDS_PLAYED: L = L("Er zijn geen kaarten gespeeld.", "No cards were played.");
pub const NONE_DIFFERED: L = L(
    "Op geen enkele kaart: alle delegaties kozen steeds hetzelfde.",
    "Nowhere: the delegations made the same choices on every card.",
);
pub const CONTESTED: L = L(
    "Verdeelde besluiten en besluiten tegen een afwijkende mening",
    "Split decisions and decisions against a dissent",
);
pub const NONE_CONTESTED: L =
    L("Geen: elke delegatie besliste zonder afwijkende mening.", "None: every delegation decided without a dissent.");
pub const UNKNOWN_OPTION: L = L("geen optie van deze kaart", "not an option of this card");
pub const PEERS: L = L("Eerdere sessies", "Earlier sessions");
pub const OF_WHICH: L = L("waarvan", "of which");
pub const CARRIED_LOWER: L = L("overgenomen uit een eerdere sessie", "carried over from an earlier session");
pub const ACTIONS_COUNT: L = L("Acties voor het verbeterplan", "Actions for the improvement plan");
pub const NOT_PLAYED: L = L("Gesloten zonder te spelen", "Closed without being played");
pub const DEVELOPMENTS: L = L("Ontwikkelingen", "Developments");
pub const REFERENCES: L = L("Bronnen", "References");
pub const PRACTICES: L = L("Wat anderen deden", "What others did");
pub const APPENDIX: L = L("Bijlage: scores per gemeente", "Appendix: scores per municipality");
pub const PROFILE_NOTE: L = L(
    "Een score is de optelsom van de gevolgen van de gekozen opties op de kaarten die in de zaal zijn getoond. Hij zegt iets over de keuzes in deze oefening, niet over de gemeente zelf, en is geen ranglijst.",
    "A score is the sum of the effects of the options chosen on the cards revealed to the room. It says something about the choices in this exercise, not about the municipality itself, and is not a ranking.",
);
pub const SCORE: L = L("Score", "Score");
pub const BECAUSE: L = L("Door de keuzes op", "Because of the choices on");
pub const CARD: L = L("Kaart", "Card");
pub const EFFECTS: L = L("Effect op de scores", "Effect on the scores");
pub const NO_EFFECT: L = L("geen effect op de scores", "no effect on the scores");
pub const OTHER_MUNICIPALITY: L = L("andere gemeente", "another municipality");
pub const OWN_REPORT: L = L("verslag voor", "report for");

/// What a score dimension of the bundled deck means, for the appendix; empty for a dimension a
/// deck adds that the report does not know.
pub fn dimension_meaning(id: &str, lang: crate::scenario::Lang) -> &'static str {
    let pair = match id {
        "continuity" => L(
            "Kunnen inwoners en ondernemers de diensten van de gemeente blijven gebruiken (loket, uitkeringen, vergunningen)?",
            "Can residents and businesses keep using the municipality's services (desk, benefits, permits)?",
        ),
        "trust" => L(
            "Blijven inwoners, raad en pers de gemeente geloven en vertrouwen?",
            "Do residents, the council and the press keep believing and trusting the municipality?",
        ),
        "legal" => L(
            "Handelt de gemeente binnen de wet: AVG, meldplichten, bevoegdheden van burgemeester en raad?",
            "Does the municipality act within the law: GDPR, duties to report, the powers of mayor and council?",
        ),
        "finances" => L(
            "Wat kost de keuze de gemeente, nu en later?",
            "What does the choice cost the municipality, now and later?",
        ),
        _ => L("", ""),
    };
    pair.get(lang)
}
pub const SHEET_CHOICES: L = L("Keuzes", "Choices");
pub const SHEET_ACTIONS: L = L("Acties", "Actions");
pub const SHEET_NOTES: L = L("Notities", "Notes");
pub const SHEET_FOLLOW_UP: L = L("Opvolging", "Follow-up");
pub const REC_CHOICE: L = L("keuze", "choice");
pub const REC_ACTION: L = L("actie", "action");
pub const REC_NOTE: L = L("notitie", "note");
pub const REC_FOLLOW_UP: L = L("opvolging", "follow-up");
pub const RECORD: L = L("Soort", "Record");
pub const SESSION: L = L("Sessie", "Session");
pub const MUNICIPALITY: L = L("Gemeente", "Municipality");
pub const OPTION_NUMBER: L = L("Optie", "Option");
pub const EFFECT_ON: L = L("Effect op", "Effect on");
pub const ABOUT: L = L("Over", "About");
pub const NOTE: L = L("Notitie", "Note");
pub const FOR_WHOM: L = L("Voor wie", "For whom");
/// The choices table: for whom the card was played ("alle groepen", or a follow-up's groups).
pub const PLAYED_FOR: L = L("Gespeeld voor", "Played for");
pub const ALL_GROUPS: L = L("alle groepen", "all groups");
/// The choices table: whether this municipality was asked to answer, or looked on and answered anyway.
pub const ASKED: L = L("Gevraagd", "Asked");
pub const YES: L = L("ja", "yes");
pub const NO: L = L("nee", "no");
/// The column of `--include-unrevealed`: whether the room saw the answer.
pub const SHOWN: L = L("getoond", "shown");
pub const LOOKED_ON_ROW: L = L("nee (keek mee)", "no (looked on)");
/// In a card's table of answers: a group the follow-up was not for that answered anyway.
pub const LOOKED_ON: L = L("keek mee", "looked on");
/// The choices table: the option number the municipality chose when it played the card before.
pub const PREVIOUS_OPTION: L = L("Optie vorige keer", "Previous option");
pub const DELEGATIONS: L = L("delegaties", "delegations");
pub const NONE_CONTESTED_OWN: L = L("Geen:", "None:");
pub const NONE_CONTESTED_OWN_END: L =
    L("besliste steeds zonder afwijkende mening.", "decided without a dissent every time.");

/// A card played again, the earlier answer beside the one now (option numbers as on screen):
/// "vorige keer optie 1, nu optie 2", or "vorige keer optie 1, nu weer optie 1".
pub fn compared(previous: usize, now: usize, lang: crate::scenario::Lang) -> String {
    use crate::scenario::Lang;
    match (lang, previous == now) {
        (Lang::Nl, false) => format!("vorige keer optie {previous}, nu optie {now}"),
        (Lang::Nl, true) => format!("vorige keer optie {previous}, nu weer optie {now}"),
        (Lang::En, false) => format!("previously option {previous}, now option {now}"),
        (Lang::En, true) => format!("previously option {previous}, now option {now} again"),
    }
}

/// "Laren: 2 van 3 gedaan" / "Laren: 2 of 3 done".
pub fn completion(name: &str, done: usize, of: usize, lang: crate::scenario::Lang) -> String {
    format!("{name}: {done} {} {of} {}", OF.get(lang), DONE.get(lang))
}

/// A length in whole minutes, as a reader says it: "6 min", "minder dan 1 min" / "under 1 min".
/// Rounded to the nearest minute (5 min 40 s is "6 min").
pub fn minutes(secs: i64, lang: crate::scenario::Lang) -> String {
    let secs = secs.max(0);
    if secs < 60 {
        return LESS_THAN_A_MINUTE.get(lang).to_string();
    }
    format!("{} {}", (secs + 30) / 60, MINUTES.get(lang))
}

/// The roles that held another view, as a sentence says them: "de CISO en de FG" / "the CISO
/// and the DPO".
pub fn the_roles(roles: &[&str], lang: crate::scenario::Lang) -> String {
    use crate::scenario::Lang;
    let (the, and) = match lang {
        Lang::Nl => ("de", "en"),
        Lang::En => ("the", "and"),
    };
    let named: Vec<String> = roles.iter().map(|r| format!("{the} {r}")).collect();
    match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => named.join(""),
    }
}

// The after-action report's sections (HSEEP/CTEP order): overview, summary, findings per
// objective, the improvement plan, then the cards and appendices.
pub const OVERVIEW: L = L("Oefening in het kort", "Exercise overview");
pub const PLACE: L = L("Plaats", "Place");
pub const SCOPE: L = L("Reikwijdte", "Scope");
pub const SCENARIO: L = L("Scenario", "Scenario");
pub const ATTENDEES: L = L("Deelnemers naar functie", "Attendees by function");
pub const FUNCTIONS: L = L("Functies", "Functions");
pub const KEY_FINDINGS: L = L("Belangrijkste bevindingen", "Key findings");
pub const FINDINGS: L = L("Bevindingen per doelstelling", "Findings per objective");
pub const OBJECTIVE: L = L("Doelstelling", "Objective");
pub const ASSESSMENT: L = L("Beoordeling", "Assessment");
pub const NOT_ASSESSED: L = L("niet beoordeeld", "not assessed");
pub const PLAYED_IN: L = L("Geoefend met", "Exercised with");
pub const NOT_EXERCISED: L = L("geen gespeelde kaart", "no card played");
pub const STRENGTHS: L = L("Sterke punten", "Strengths");
pub const IMPROVEMENTS: L = L("Verbeterpunten", "Points for improvement");
/// A report goes to municipalities and organisers: no tool instructions in it (how to add
/// findings is in the README and `weerbaar review --help`).
pub const NO_FINDINGS: L = L("Geen bevindingen vastgelegd.", "No findings recorded.");
pub const OTHER_FINDINGS: L = L("Overige bevindingen", "Other findings");
pub const OBJECTIVES_LINE: L = L("Doelstellingen", "Objectives");
pub const ABOUT_CARD: L = L("kaart", "card");
pub const TABLETOP: L = L("Bestuurlijk gesprek digitale veiligheid", "Executive conversation on digital safety");
pub const WITH: L = L("met", "with");
pub const MUNICIPALITIES_WORD: L = L("gemeenten", "municipalities");
pub const MUNICIPALITY_WORD: L = L("gemeente", "municipality");
pub const ON: L = L("over", "on");

/// "a, b en c" / "a, b and c".
pub fn listing(items: &[&str], lang: crate::scenario::Lang) -> String {
    let and = match lang {
        crate::scenario::Lang::Nl => "en",
        crate::scenario::Lang::En => "and",
    };
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => items.join(""),
    }
}
pub const NUMBER: L = L("Nr.", "No.");
pub const OBSERVATION: L = L("Waarneming", "Observation");
pub const ACTION: L = L("Actie", "Action");
pub const PRIORITY: L = L("Prioriteit", "Priority");
pub const OBJECTIVE_SHORT: L = L("Doel", "Obj.");
pub const RESPONSIBLE: L = L("Verantwoordelijk", "Responsible");
pub const START: L = L("Start", "Start");
pub const PROGRESS: L = L("Voortgang", "Progress");
pub const REGISTER: L = L("Actieregister", "Action register");
pub const OVERDUE_COLUMN: L = L("Over tijd", "Overdue");
pub const ORIGIN: L = L("Herkomst", "Origin");
