//! Every UI string, in Dutch and English. A string is a pair, so no screen can forget a language.

pub use crate::scenario::text::L;
/// The room rule's own words, shared with the engine ([`crate::session::room`]).
pub use crate::session::room::{CLOSED_UNPLAYED, DISSENT};

/// A hint in `lang` with its keys filled in from the keymap (`{Agenda.Undo}` → `u`), so the
/// words follow the table when a key changes.
pub fn keyed(l: L, lang: crate::scenario::Lang) -> String {
    super::keymap::with_keys(l.get(lang), lang)
}

pub const NEW_SESSION: L = L("Nieuwe sessie", "New session");
pub const AGENDA: L = L("Agenda", "Agenda");
pub const DEBRIEF: L = L("Nabespreking", "Debrief");
pub const KEYS: L = L("Toetsen", "Keys");
pub const SESSION: L = L("Sessie", "Session");
pub const LEFT: L = L("over", "left");
pub const OVER_TIME: L = L("te laat", "over time");
pub const PAUSED: L = L("GEPAUZEERD", "PAUSED");
pub const CARD: L = L("Kaart", "Card");
pub const SITUATION: L = L("Situatie", "Situation");
pub const DEVELOPMENTS: L = L("Ontwikkelingen", "Developments");
pub const NEW: L = L("NIEUW", "NEW");
pub const QUESTIONS: L = L("Vragen", "Questions");
pub const OPTIONS: L = L("Opties", "Options");
pub const ANSWERS: L = L("Antwoorden", "Answers");
pub const ANSWERED: L = L("geantwoord", "answered");
pub const WAITING: L = L("denkt na", "thinking");
/// A group a follow-up was not for, without an answer of its own.
pub const WATCHES: L = L("kijkt mee", "looks on");
pub const FACILITATOR_NOTES: L = L("Voor de gespreksleider", "For the facilitator");
pub const REFERENCES: L = L("Bronnen", "References");
pub const COMPARE: L = L("Vergelijken", "Compare");
pub const CONSEQUENCE: L = L("Gevolg", "Consequence");
pub const GROUPS_DIFFER: L =
    L("De groepen kozen verschillend: bespreek waarom.", "The groups chose differently: discuss why.");
pub const GROUPS_AGREE: L = L("Alle groepen kozen hetzelfde.", "All groups chose the same.");
pub const SPEAKING_ORDER: L = L("Wie begint", "Who starts");
pub const SCORES: L = L("Scores", "Scores");
pub const NEXT: L = L("Volgende", "Next");
pub const SUGGESTED: L = L("Voorgesteld", "Suggested");
pub const FOLLOW_UP_FOR: L = L("vervolg voor", "follow-up for");
pub const NEXT_ON_AGENDA: L = L("volgende op de agenda", "next on the agenda");
pub const PLANNED: L = L("Gepland", "Planned");
pub const PLAYED: L = L("gespeeld", "played");
pub const SKIPPED: L = L("overgeslagen", "skipped");
pub const OPEN: L = L("open", "open");
pub const PACE: L = L("Tempo", "Pace");
pub const BEHIND: L = L("min uitloop verwacht", "min over plan");
pub const AHEAD: L = L("min ruimte", "min to spare");
pub const ON_TIME: L = L("precies op tijd", "exactly on time");
pub const DROP_TO_FIT: L = L("Schrap om op tijd te eindigen", "Drop to finish on time");
pub const THEMES: L = L("Gespeelde thema's", "Themes played");
pub const END_OF_AGENDA: L = L(
    "De agenda is rond: {Agenda.Closing} opent de afsluiting, {Agenda.EndSession} beëindigt de sessie.",
    "The agenda is done: {Agenda.Closing} opens the closing round, {Agenda.EndSession} ends the session.",
);
pub const SUMMARY: L = L("Per kaart", "Per card");
pub const SCOREBOARD: L = L("Scorebord", "Scoreboard");
pub const ACTIONS: L = L("Actiepunten", "Action items");
pub const ACTIONS_SHORT: L = L("Acties", "Actions");
/// On the end screen: the session is over, so not "yet".
pub const NO_ACTIONS: L = L("Geen acties.", "No actions.");
pub const TIME_PER_CARD: L = L("Tijd per kaart", "Time per card");
pub const LOG: L = L("Logboek", "Log");
pub const NOTES: L = L("Notities", "Notes");
pub const MINUTES: L = L("min", "min");
pub const NOTE: L = L("Notitie", "Note");
pub const ABOUT: L = L("Over", "About");
pub const THE_ROOM: L = L("de hele zaal", "the whole room");
pub const ACTION: L = L("Actie", "Action");
pub const GROUP: L = L("Groep", "Group");
pub const WHAT: L = L("Wat", "What");
pub const OWNER: L = L("Eigenaar", "Owner");
pub const OWNER_NEEDED: L = L(
    "Wie is eigenaar? Kies een rol met {ActionForm.Cycle} of typ een naam of functie.",
    "Who owns it? Choose a role with {ActionForm.Cycle} or type a name or position.",
);
pub const READERS: L = L("Wie leest het", "Who reads it");
pub const PRACTICE_HINT: L = L("Elders:", "Elsewhere:");
pub const NOT_A_DATE: L = L(
    "is geen datum: schrijf het zoals de voorbeelden onder Wanneer.",
    "is not a date: write it like the examples under By when.",
);
pub const DUE: L = L("Wanneer", "By when");
pub const RATIONALE: L = L("Toelichting", "Rationale");
pub const DECISION: L = L("Hoe besloot de groep?", "How did the group decide?");
pub const DISSENTING_ROLES: L = L("Afwijkende rollen", "Dissenting roles");
pub const QUIT_TITLE: L = L("Weerbaar afsluiten", "Quit Weerbaar");
pub const QUIT_ENDED: L = L(
    "Weerbaar afsluiten? De sessie is afgesloten; alles staat in het logboek.",
    "Quit Weerbaar? The session has ended; everything is in the log.",
);
pub const QUIT_QUESTION: L = L(
    "Weerbaar afsluiten? Alles staat al in het logboek; met --resume gaat u later verder.",
    "Quit Weerbaar? Everything is already in the log; --resume continues later.",
);
pub const QUIT_SETUP_QUESTION: L =
    L("Weerbaar afsluiten? Er is nog geen sessie gestart.", "Quit Weerbaar? No session has been started yet.");
pub const END_TITLE: L = L("Sessie beëindigen", "End the session");
pub const END_QUESTION: L = L(
    "Sessie beëindigen? Daarna kan er geen kaart meer bij; in de afsluiting ({End.Closing}) blijven notities en acties te wijzigen.",
    "End the session? No card can be played afterwards; in the closing round ({End.Closing}) notes and actions can still be changed.",
);
pub const CLOSE_TITLE: L = L("Kaart sluiten zonder tonen", "Close the card without a reveal");
pub const CLOSE_QUESTION: L = L(
    "Kaart sluiten zonder de antwoorden te tonen? De zaal ziet de antwoorden dan nooit; zonder een enkel \
     antwoord telt de kaart als gesloten, niet gespeeld.",
    "Close the card without revealing the answers? The room then never sees them; with no answer at all the \
     card counts as closed, not played.",
);
pub const SKIP_TITLE: L = L("Kaart overslaan", "Skip the card");
pub const SKIP_QUESTION: L = L(
    "overslaan? U kunt de kaart later terugzetten (toets {Agenda.Undo}, of {Agenda.Pick} voor de kaartenlijst).",
    "You can put the card back later (key {Agenda.Undo}, or {Agenda.Pick} for the list of cards).",
);
pub const DROP_TITLE: L = L("Kaarten schrappen", "Drop cards");
pub const DROP_QUESTION: L = L("Deze kaarten schrappen", "Drop these cards");
/// `u` puts back the last skipped card only; `t` picks any card, skipped ones included.
pub const CAN_PUT_BACK: L = L(
    "Terugzetten kan: {Agenda.Undo} zet de laatste terug, {Agenda.Pick} kiest er een uit het deck.",
    "To put them back: {Agenda.Undo} puts back the last one, {Agenda.Pick} picks any from the deck.",
);
pub const DROPPED_UNDO: L = L(
    "Geschrapt: {Agenda.Undo} zet de laatste terug, {Agenda.Pick} kiest er een uit het deck.",
    "Dropped: {Agenda.Undo} puts back the last one, {Agenda.Pick} picks any from the deck.",
);
pub const YES: L = L("ja", "yes");
pub const NO: L = L("nee", "no");
pub const TOO_SMALL: L = L("Maak het venster groter", "Make the window larger");
pub const WAITING_FOR: L = L("Nog niet iedereen heeft geantwoord:", "Not every group has answered:");
pub const SAVED: L = L("Vastgelegd in het logboek.", "Recorded in the log.");
pub const NO_MORE_INJECTS: L =
    L("Er zijn geen ontwikkelingen meer om vrij te geven.", "There are no more developments to release.");
pub const LOG_FAILED: L = L(
    "SCHRIJVEN NAAR HET LOGBOEK MISLUKT. Niets is verloren; druk op {Agenda.SaveElsewhere} om elders op te slaan.",
    "WRITING THE LOG FAILED. Nothing is lost; press {Agenda.SaveElsewhere} to save elsewhere.",
);
pub const SAVE_AS: L = L("Logboek elders opslaan (pad)", "Save the log elsewhere (path)");
pub const TITLE: L = L("Titel", "Title");
pub const FACILITATOR: L = L("Gespreksleider", "Facilitator");
pub const GROUPS: L = L("Groepen (2 tot 8)", "Groups (2 to 8)");
pub const ADD_GROUP: L = L("+ groep toevoegen", "+ add group");
pub const LENGTH: L = L("Lengte (minuten)", "Length (minutes)");
pub const LANGUAGE: L = L("Taal", "Language");
pub const START: L = L("Start de sessie", "Start the session");
pub const ROLES: L = L("Rollen", "Roles");
pub const RESUMED: L = L("Sessie hervat uit het logboek.", "Session resumed from the log.");
pub const BLACKOUT: L = L("Scherm op zwart (b om terug te gaan)", "Screen blanked (b to return)");
pub const ENDED: L = L("De sessie is afgesloten.", "The session has ended.");
pub const DUE_IN_PAST: L = L("Opgeslagen; let op: {date} ligt in het verleden.", "Saved; note: {date} is in the past.");
pub const CARRIED: L = L("overgenomen uit de vorige sessie", "carried over from the previous session");
pub const CARRIED_FROM: L = L("overgenomen van", "carried over from");
pub const ENDED_SHORT: L = L("afgesloten", "ended");
pub const SCROLL: L = L("scrollen", "scroll");
pub const REVIEW: L = L("TERUGBLIK (alleen lezen)", "REVIEW (read-only)");
pub const FOLLOW_UP: L = L("Vervolg op de vorige sessie", "Follow-up of the previous session");
pub const NO_PREVIOUS_ACTIONS: L = L(
    "Geen actiepunten in de vorige sessie: niets op te volgen",
    "No actions in the previous session: nothing to follow up",
);
pub const PLAYED_BEFORE: L = L("eerder gespeeld", "played before");
pub const SINCE_LAST: L = L(
    "Wat is er gedaan sinds de vorige keer? Kies per actie: 1 gedaan, 2 onderweg, 3 niet begonnen.",
    "What has been done since last time? For each action: 1 done, 2 under way, 3 not started.",
);
pub const LOG_MISSING: L = L("Dit logboek bestaat niet (nog niet):", "This log does not exist (not yet):");
pub const NEWEST_LOGS: L = L("De nieuwste logboeken in die map:", "The newest logs in that folder:");
pub const NO_LOGS_THERE: L = L("Er staan geen logboeken in die map.", "There are no logs in that folder.");
pub const STILL_WAITING: L = L(
    "Het scherm wacht verder; q stopt. Start opnieuw met de juiste naam.",
    "The screen keeps waiting; q stops. Start again with the right name.",
);
pub const WAITING_FOR_SESSION: L = L("Wachten op de sessie in", "Waiting for the session in");
pub const NEXT_CARD_SOON: L = L("De volgende kaart komt eraan.", "The next card is coming up.");
pub const CARDS: L = L("kaarten", "cards");
pub const ANSWER_RECORDED: L = L("antwoord vastgelegd, nog verborgen", "answer recorded, still hidden");
/// The console chose another option than the group gave on its own device: that answer is replaced whole.
pub const ANSWER_REPLACES_DEVICE: L = L(
    "antwoord vastgelegd, nog verborgen; het antwoord via het eigen apparaat (met toelichting) is vervangen",
    "answer recorded, still hidden; the answer from its own device (with its rationale) was replaced",
);
pub const PRIVATE_BADGE: L = L("EIGEN WEERGAVE", "PRIVATE VIEW");
pub const ROOM_BADGE: L = L("ZAALVEILIG", "ROOM-SAFE");
pub const PRIVATE_ON: L = L(
    "Eigen weergave: antwoorden en notities staan op dit scherm. Alleen als de zaal het niet ziet ({Card.PrivateView} = terug).",
    "Private view: answers and notes are on this screen. Only when the room cannot see it ({Card.PrivateView} = back).",
);
pub const PRIVATE_OFF: L =
    L("Zaalveilig: geen antwoorden of notities op dit scherm.", "Room-safe: no answers or notes on this screen.");
pub const NOTES_PRIVATE_ONLY: L = L(
    "Notities voor de gespreksleider staan alleen in de eigen weergave ({Card.PrivateView}).",
    "Notes for the facilitator show only in the private view ({Card.PrivateView}).",
);
pub const OVER_BUT_THEMES: L = L(
    "De sessie loopt {min} min uit, maar elke resterende kaart is de laatste van haar thema: D schrapt er \
     geen. Sla zelf een kaart over (s) of kort de afsluiting in.",
    "The session runs {min} min over, but every card left is the last of its theme: D drops none. Skip a \
     card yourself (s) or shorten the closing round.",
);
pub const NOTHING_TO_DROP: L = L(
    "Er hoeft geen kaart geschrapt te worden: de sessie eindigt op tijd.",
    "No card needs dropping: the session ends on time.",
);
pub const NOTHING_TO_UNDO: L = L("Er is geen stap om ongedaan te maken.", "There is no step to undo.");
pub const REVEALED_NO_UNDO: L = L(
    "De zaal heeft de antwoorden al gezien; dat is niet terug te draaien.",
    "The room has seen the answers; that cannot be undone.",
);
pub const NO_DEVICES: L = L(
    "Deze sessie heeft geen apparaten: start met --devices om groepen zelf te laten antwoorden.",
    "This session has no devices: start with --devices to let groups answer themselves.",
);
pub const NO_TEXT_FIELD: L = L(
    "Geen tekstveld actief: wat u typt doet hier niets ({Card.Note} = notitie, {Card.Rationale} = toelichting, {Card.Help} = toetsen).",
    "No text field active: typing does nothing here ({Card.Note} = note, {Card.Rationale} = rationale, {Card.Help} = keys).",
);
pub const DISCARD_FIRST: L = L(
    "Er staat getypte tekst: {Rationale.Cancel} nog een keer gooit die weg, {Rationale.Save} slaat op.",
    "There is typed text: {Rationale.Cancel} once more throws it away, {Rationale.Save} saves it.",
);
/// The developments still to come, in the facilitator's private view.
pub const COMING_UP: L = L("Komt nog", "Coming up");
/// "+2 meer": what did not fit in a list.
pub const MORE: L = L("meer", "more");
pub const RELEASE_TITLE: L = L("Ontwikkeling vrijgeven", "Release a development");
pub const RELEASE_QUESTION: L =
    L("Dit gaat naar de zaal (scherm en projector):", "This goes to the room (screen and projector):");
pub const RELEASE_HIDDEN: L = L(
    "De tekst staat niet op dit zaalveilige scherm (eigen weergave: {Card.PrivateView}); na {ConfirmEnter.Yes} ziet de zaal hem.",
    "The text is not on this room-safe screen (private view: {Card.PrivateView}); after {ConfirmEnter.Yes} the room sees it.",
);
pub const RELEASE_ONLY_FOR: L = L("Alleen voor", "Only for");
pub const UNDO_TITLE: L = L("Laatste stap ongedaan maken", "Undo the last step");
pub const ENTER_RELEASE: L = L("naar de zaal", "to the room");
pub const ENTER_UNDO: L = L("ongedaan maken", "undo");
pub const REVEAL_MISSING_TITLE: L = L("Toch tonen?", "Reveal anyway?");
pub const PRIVATE_TITLE: L = L("Eigen weergave", "Private view");
pub const PRIVATE_QUESTION: L = L(
    "Eigen weergave tonen? Antwoorden en notities komen op dit scherm. Alleen als de zaal dit scherm niet ziet.",
    "Show the private view? Answers and notes come on this screen. Only when the room cannot see this screen.",
);
pub const BACK_HAS_ANSWERS: L = L(
    "Deze kaart heeft al antwoorden: neem ze terug met {Card.Undo}, of sluit de kaart met {Card.CloseUnrevealed}.",
    "This card already has answers: take them back with {Card.Undo}, or close the card with {Card.CloseUnrevealed}.",
);
pub const PUT_BACK: L = L("Als volgende op de agenda", "Next on the agenda");
pub const SKIPPED_UNDO: L = L(
    "Overgeslagen: druk op {Agenda.Undo} om de kaart terug te zetten.",
    "Skipped: press {Agenda.Undo} to put the card back.",
);
pub const RATIONALE_BEFORE_OPTION: L = L(
    "Toelichting vastgelegd; kies nog een optie ({Card.Choose}) voor deze groep.",
    "Rationale recorded; still choose an option ({Card.Choose}) for this group.",
);
pub const OTHER_TITLE: L = L("Anders / combinatie", "Other / combination");
pub const DEVELOPMENT_TITLE: L = L("Eigen ontwikkeling", "A development of your own");
pub const DEVELOPMENT_HINT: L = L(
    "Wat de zaal nu hoort, in een of twee zinnen. Na Enter staat het op elk scherm en in het verslag, \
     als de ontwikkelingen van de kaart; de toets {Card.Undo} maakt het ongedaan.",
    "What the room hears now, in a sentence or two. After Enter it is on every screen and in the report, \
     like the card's developments; the key {Card.Undo} undoes it.",
);
pub const DEVELOPMENT_EMPTY: L = L("Schrijf eerst wat er gebeurt.", "Write first what happens.");
pub const OTHER_HINT: L = L(
    "Wat koos de groep, in een paar woorden (bijvoorbeeld: combinatie van 1 en 3)? Telt niet in de scores.",
    "What did the group choose, in a few words (for example: a combination of 1 and 3)? Not scored.",
);
pub const OTHER_EMPTY: L = L(
    "Schrijf kort wat de groep koos; zonder tekst wordt niets vastgelegd.",
    "Write briefly what the group chose; without a text nothing is recorded.",
);
pub const NO_OPTION_YET: L = L(
    "Nog geen optie gekozen; de toelichting wordt nu al vastgelegd.",
    "No option chosen yet; the rationale is recorded already.",
);
pub const VISIBLE_TO_ROOM: L = L(
    "Let op: zichtbaar voor de zaal als dit scherm meekijkt.",
    "Note: visible to the room if this screen is mirrored.",
);
pub const VISIBLE_PRIVATE: L = L("Eigen weergave: alleen op dit scherm.", "Private view: on this screen only.");
pub const ALL_THEMES: L = L("alle thema's", "all themes");
pub const THEME: L = L("Thema", "Theme");
pub const NO_CARDS_LEFT: L =
    L("Geen kaarten meer die nog niet gespeeld of gepland zijn.", "No cards left that are not played or planned.");
pub const ADD_CARD: L = L("Kaart toevoegen", "Add a card");
pub const NO_CHOICE: L = L("geen keuze gemaakt", "made no choice");
pub const NO_ANSWERS: L =
    L("Gesloten, niet gespeeld: geen enkele groep antwoordde.", "Closed, not played: no group answered.");
pub const NOT_ALL_ANSWERED: L = L(
    "Niet alle groepen antwoordden; wie antwoordde koos hetzelfde.",
    "Not every group answered; those that did chose the same.",
);
pub const CHOOSE_OPTION: L = L("Eerst een optie", "An option first");
pub const OPTION_FIRST: L = L(
    "Welke optie koos de groep? Daarna legt u vast hoe de groep besloot.",
    "Which option did the group choose? Then record how the group decided.",
);
/// "Groep 2" for a group in the setup form that has no name yet.
pub const GROUP_WORD: L = L("Groep", "Group");
pub const LAST_PAGE: L = L("Dit is de laatste pagina.", "This is the last page.");
pub const FIRST_PAGE: L = L("Dit is de eerste pagina.", "This is the first page.");
pub const NOTES_FIRST: L = L(
    "Eerst {Card.Notes}: de notities voor de gespreksleider tonen (in de eigen weergave, {Card.PrivateView}).",
    "First {Card.Notes}: show the notes for the facilitator (in the private view, {Card.PrivateView}).",
);

pub const NOTE_EDIT: L = L("Notitie wijzigen", "Change the note");
pub const ACTION_EDIT: L = L("Actie wijzigen", "Change the action");
pub const FINDING: L = L("Bevinding", "Finding");
pub const FINDING_KIND: L = L("Soort", "Kind");
pub const OBJECTIVE: L = L("Doelstelling", "Objective");
pub const OF: L = L("van", "of");
pub const FINDING_TEXT: L = L("Wat viel op (sterk of te verbeteren):", "What stood out (strong or to improve):");
pub const NO_OBJECTIVE: L = L("geen doelstelling", "no objective");
pub const MUNICIPALITY: L = L("Gemeente", "Municipality");
pub const NO_MUNICIPALITY: L = L("geen (de hele zaal)", "none (the whole room)");
pub const RATING: L = L("Oordeel", "Rating");
pub const WHY: L = L("Waarom (één regel)", "Why (one line)");
pub const ASSESS: L = L("Doelstelling beoordelen", "Assess the objective");
pub const FINDING_EMPTY: L = L(
    "Schrijf de bevinding in een zin; zonder tekst wordt niets vastgelegd.",
    "Write the finding in a sentence; without a text nothing is recorded.",
);
pub const FINDING_SAVED: L = L("Bevinding vastgelegd", "Finding recorded");
pub const ASSESSED: L = L("Doelstelling beoordeeld", "Objective assessed");
pub const REVISED: L =
    L("Gewijzigd; het logboek bewaart ook de eerste versie.", "Changed; the log keeps the first version too.");
pub const FINDING_STAYS: L = L(
    "Een bevinding blijft zoals vastgelegd; leg zo nodig een aanvullende vast met {Closing.Finding}.",
    "A finding stays as recorded; record an additional one with {Closing.Finding} if needed.",
);
pub const CLOSING_NOW: L = L(
    "De agenda is bij de afsluiting: {Agenda.Closing} toont de acties, notities en bevindingen.",
    "The agenda has reached the closing round: {Agenda.Closing} shows the actions, notes and findings.",
);
pub const CLOSED_AFTER_END: L = L(
    "De sessie is beëindigd: notities en acties liggen vast. Bevindingen, doelstellingen en het verslag kunnen nog.",
    "The session has ended: notes and actions are fixed. Findings, objectives and the debrief still can be added.",
);
pub const DEBRIEF_WRITTEN: L = L("Verslag geschreven", "Debrief written");
pub const DEBRIEF_AND: L = L("en", "and");
pub const DEBRIEF_FAILED: L = L("Verslag niet geschreven", "Debrief not written");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Lang;

    #[test]
    fn every_hint_names_keys_the_keymap_has() {
        let hints = [
            END_OF_AGENDA,
            SKIP_QUESTION,
            CAN_PUT_BACK,
            DROPPED_UNDO,
            LOG_FAILED,
            NO_TEXT_FIELD,
            END_QUESTION,
            DEVELOPMENT_HINT,
            DISCARD_FIRST,
            RELEASE_HIDDEN,
            BACK_HAS_ANSWERS,
            SKIPPED_UNDO,
            RATIONALE_BEFORE_OPTION,
            NOTES_FIRST,
            NOTES_PRIVATE_ONLY,
            FINDING_STAYS,
            CLOSING_NOW,
            crate::ui::screens::agenda::CLOSING_ROW,
            crate::ui::screens::closing::INTRO,
            crate::ui::screens::closing::HIDDEN_NOTE,
            crate::ui::screens::closing::ASSESSMENT_PRIVATE,
            crate::ui::screens::closing::NO_FINDINGS,
            OWNER_NEEDED,
            PRIVATE_ON,
            crate::devices::join::KEYS,
            crate::devices::console::LINKS_PRIVATE,
            crate::devices::console::CONFLICT_DEVICE,
            crate::devices::console::CONFLICT_CONSOLE,
            crate::devices::console::CONFLICT_CONSOLE_PART,
        ];
        for hint in hints {
            for lang in [Lang::Nl, Lang::En] {
                let text = keyed(hint, lang);
                assert!(!text.contains('{'), "{text}");
            }
        }
        assert_eq!(keyed(SKIPPED_UNDO, Lang::Nl), "Overgeslagen: druk op u om de kaart terug te zetten.");
        assert!(keyed(crate::devices::join::KEYS, Lang::En).starts_with("← → or 1-8 another group · Enter go on · l "));
    }
}
