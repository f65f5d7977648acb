//! What a delegation's page shows, and the page itself.
//!
//! [`PageState`] is the room's view of the session (what the audience screen shows) plus each
//! group's own answer, built from the engine's state after every change. It is the only thing
//! the web server reads: no facilitator notes, notes, actions or other groups' unrevealed answers
//! are in it, so no page can show them. [`render`] turns it into one self-contained HTML page
//! per group, every text escaped.

pub use crate::scenario::text::html_escape as esc;
use std::fmt::Write as _;

use crate::scenario::text::L;
use crate::scenario::{CardId, Deck, Lang, OptionId, Role};
use crate::session::room::{Viewer, how_decided};
use crate::session::{Choice, Decision, GroupId, State};

/// A group's own answer as it stands (before the reveal only its own page sees it).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnAnswer {
    pub option: Option<OptionId>,
    pub decision: Option<Decision>,
    pub dissent: Vec<Role>,
    pub rationale: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupPage {
    pub name: String,
    pub roles: Vec<Role>,
    pub answered: bool,
    pub own: OwnAnswer,
    /// Asked to answer the open card: every group, or for a follow-up the groups it is for.
    pub expected: bool,
    /// Takes part in the open card: asked, or answered anyway (entered at the console). A group
    /// that only looks on gets no form: its page says so and a post from it is refused.
    pub takes_part: bool,
}

/// One group's answer after the reveal, as the audience screen compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub group: String,
    /// The option's number; `None` for an answer outside the options ("anders", "geen keuze").
    pub number: Option<usize>,
    /// The option's label, or for an answer outside the options what it is and that it is not
    /// scored, as the compare screen says it.
    pub option: String,
    /// For "anders / combinatie": the group's own answer, in its words.
    pub own: String,
    pub how: String,
    pub rationale: String,
    /// Empty for an answer outside the options (it has no consequence on the card).
    pub consequence: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardPage {
    pub id: CardId,
    pub title: String,
    pub situation: String,
    pub questions: Vec<String>,
    pub options: Vec<(OptionId, String)>,
    /// Released developments: the text and, for a conditional one, the room's label.
    pub developments: Vec<(String, Option<String>)>,
    /// After the reveal: every group's answer, in the speaking order.
    pub revealed: Option<Vec<Compared>>,
    /// A suggested follow-up played for some groups: their positions in `PageState::groups`
    /// (empty: the card is for every group). The room may know: the console shows it too.
    pub for_groups: Vec<usize>,
}

/// The room's view for the pages; published by the console after every applied event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageState {
    pub lang: Lang,
    pub title: String,
    pub ended: bool,
    pub blackout: bool,
    pub groups: Vec<GroupPage>,
    pub card: Option<CardPage>,
}

impl PageState {
    /// The room's view of `state`, with each group's own answer.
    pub fn build(state: &State, deck: &Deck, lang: Lang) -> PageState {
        let play = state.current_play();
        let groups = state
            .setup
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| {
                let id = GroupId(i as u8);
                let choice = play.and_then(|p| p.choices.get(&id));
                let draft = play.and_then(|p| p.drafts.get(&id));
                GroupPage {
                    name: g.name.clone(),
                    roles: g.roles.clone(),
                    answered: choice.is_some(),
                    own: own_answer(choice, draft),
                    expected: play.is_none_or(|p| p.expects(id)),
                    takes_part: play.is_none_or(|p| p.takes_part(id)),
                }
            })
            .collect();
        let card = play.and_then(|p| {
            let card = deck.card(&p.card)?;
            let developments = p
                .released
                .iter()
                .filter_map(|id| {
                    let inject = state.inject(deck, &p.card, id)?;
                    Some((
                        inject.text.get(lang).to_string(),
                        Viewer::Audience.only_for_label(state, deck, p, card, id, lang),
                    ))
                })
                .collect();
            let revealed = p.revealed.as_ref().map(|order| {
                order
                    .iter()
                    .filter_map(|g| {
                        let choice = p.choices.get(g)?;
                        let group = state.group_name(*g).to_string();
                        let how = how_decided(choice, lang, false);
                        let rationale = choice.rationale.clone();
                        // An answer outside the options is named as the compare screen names it.
                        if let Some(outside) = choice.outside() {
                            let label = outside.label(lang);
                            let mut head = label.chars();
                            let head = head.next().map(|c| c.to_uppercase().chain(head).collect::<String>());
                            return Some(Compared {
                                group,
                                number: None,
                                option: format!("{} ({})", head.unwrap_or_default(), NOT_SCORED.get(lang)),
                                own: choice.other.trim().to_string(),
                                how,
                                rationale,
                                consequence: String::new(),
                            });
                        }
                        let number = card.options.iter().position(|o| o.id == choice.option)?;
                        let option = &card.options[number];
                        Some(Compared {
                            group,
                            number: Some(number + 1),
                            option: option.label.get(lang).to_string(),
                            own: String::new(),
                            how,
                            rationale,
                            consequence: option.consequence.get(lang).to_string(),
                        })
                    })
                    .collect()
            });
            Some(CardPage {
                id: card.id.clone(),
                title: card.title.get(lang).to_string(),
                situation: card.situation.get(lang).to_string(),
                questions: card.questions.iter().map(|q| q.get(lang).to_string()).collect(),
                options: card.options.iter().map(|o| (o.id.clone(), o.label.get(lang).to_string())).collect(),
                developments,
                revealed,
                for_groups: p.for_groups.iter().map(|g| g.index()).collect(),
            })
        });
        PageState {
            lang,
            title: state.setup.title.clone(),
            ended: state.is_ended(),
            blackout: state.blackout,
            groups,
            card,
        }
    }
}

fn own_answer(choice: Option<&Choice>, draft: Option<&String>) -> OwnAnswer {
    match choice {
        Some(c) => OwnAnswer {
            option: Some(c.option.clone()),
            decision: Some(c.decision),
            dissent: c.dissent.clone(),
            rationale: c.rationale.clone(),
        },
        None => OwnAnswer { rationale: draft.cloned().unwrap_or_default(), ..OwnAnswer::default() },
    }
}

// ---- words ------------------------------------------------------------------------------------

pub const NO_CARD: L = L(
    "Er ligt nu geen kaart op tafel. Deze pagina ververst zichzelf zodra de gespreksleider een kaart opent.",
    "No card is on the table. This page refreshes itself when the facilitator opens one.",
);
pub const BLACKOUT: L = L("Even pauze: kijk naar de gespreksleider.", "A short break: look at the facilitator.");
pub const ENDED: L = L("De sessie is afgelopen. Dank voor jullie inbreng.", "The session has ended. Thank you.");
pub const SITUATION: L = L("Situatie", "Situation");
pub const DEVELOPMENTS: L = L("Ontwikkelingen", "Developments");
pub const QUESTIONS: L = L("Vragen", "Questions");
pub const YOUR_ANSWER: L = L("Jullie antwoord", "Your answer");
pub const OPTION: L = L("Optie", "Option");
pub const HOW_DECIDED: L = L("Hoe besloot de groep?", "How did the group decide?");
pub const DISSENT: L = L("Afwijkende mening (rollen)", "Dissenting roles");
pub const RATIONALE: L = L("Waarom (toelichting)", "Why (rationale)");
pub const SAVE: L = L("Antwoord opslaan", "Save answer");
pub const SAVED: L = L(
    "Opgeslagen ✓ — jullie kunnen het antwoord wijzigen tot de antwoorden worden getoond.",
    "Saved ✓ — you can change your answer until the answers are shown.",
);
pub const ANSWERED: L = L("Geantwoord", "Answered");
pub const NOT_YET: L = L("nog niet", "not yet");
pub const COMPARISON: L = L("De antwoorden naast elkaar", "The answers side by side");
pub const CONSEQUENCE: L = L("Gevolg", "Consequence");
/// Beside "Anders / combinatie" and "Geen keuze", as on the compare screen.
pub const NOT_SCORED: L = L("telt niet in de scores", "not scored");
/// The words of a group that answered outside the options, as on the compare screen.
pub const OWN_ANSWER: L = L("Eigen antwoord", "Own answer");
pub const REFRESH: L = L("Vernieuwen", "Refresh");
pub const GROUP: L = L("Groep", "Group");
pub const CHOOSE_OPTION: L = L("Kies eerst een optie.", "Choose an option first.");
pub const CARD_CHANGED: L = L(
    "De kaart is intussen veranderd; bekijk de nieuwe kaart en antwoord opnieuw.",
    "The card has changed in the meantime; read the new card and answer again.",
);
pub const BAD_FORM: L = L("Het formulier klopt niet; vernieuw de pagina.", "The form is not right; refresh the page.");
pub const TOO_LONG: L =
    L("De toelichting is te lang (hoogstens 2000 tekens).", "The rationale is too long (2000 characters at most).");
/// The console did not take the answer in time: it was withdrawn and will not be recorded.
pub const WITHDRAWN: L = L(
    "Niet opgeslagen: de console kon het antwoord niet op tijd aannemen, dus het is ingetrokken en wordt ook later niet vastgelegd. Probeer het opnieuw of zeg het de gespreksleider.",
    "Not saved: the console could not take the answer in time, so it was withdrawn and will not be recorded later either. Try again or tell the facilitator.",
);
/// The console took the answer but did not say how the write went within a minute.
pub const UNKNOWN: L = L(
    "Onbekend of het antwoord is opgeslagen: de console reageert niet. Vraag het de gespreksleider.",
    "Not known whether the answer was saved: the console does not respond. Ask the facilitator.",
);
pub const CARD_CLOSED: L = L(
    "Niet opgeslagen: de kaart waarop jullie antwoordden is gesloten. Bekijk de kaart die nu open is en antwoord opnieuw.",
    "Not saved: the card you answered has been closed. Read the card that is open now and answer again.",
);
pub const REVEALED: L = L(
    "Niet opgeslagen: de antwoorden op deze kaart zijn al getoond.",
    "Not saved: the answers to this card have already been shown.",
);
pub const WRITE_FAILED: L = L(
    "Niet opgeslagen: de console kon het antwoord niet naar het logboek schrijven. Zeg het de gespreksleider.",
    "Not saved: the console could not write the answer to its log. Tell the facilitator.",
);
pub const NO_SUCH_OPTION: L = L(
    "Niet opgeslagen: deze kaart heeft die optie niet; vernieuw de pagina.",
    "Not saved: this card has no such option; refresh the page.",
);

pub const OPTIONS: L = L("Opties", "Options");
/// A follow-up for this group (and perhaps others, "{names}").
pub const FOR_YOU: L = L("Vervolg voor jullie gemeente", "Follow-up for your municipality");
pub const FOR_YOU_AND: L = L("Vervolg voor jullie gemeente en {names}", "Follow-up for your municipality and {names}");
/// A follow-up for other groups: this one looks on (no form).
pub const FOR_OTHERS_LOOK_ON: L =
    L("Dit is een vervolg voor {names}; jullie kijken mee.", "This is a follow-up for {names}; you look on.");
pub const ASK_TO_ANSWER: L = L(
    "Willen jullie toch antwoorden? Vraag het de gespreksleider. Voert die jullie antwoord in, dan telt het mee en kunnen jullie het hier nog wijzigen.",
    "Want to answer anyway? Ask the facilitator. Once they enter your answer, it counts and you can still change it here.",
);
/// A follow-up for other groups that this group answered anyway (entered at the console).
pub const FOR_OTHERS_ANSWERED: L = L(
    "Dit is een vervolg voor {names}; jullie antwoorden toch, en jullie antwoord telt mee.",
    "This is a follow-up for {names}; you answer anyway, and your answer counts.",
);
pub const LOOKS_ON: L = L("kijkt mee", "looks on");
pub const LOOK_ON: L = L("kijken mee", "look on");
pub const AND: L = L("en", "and");
pub const LOOKING_ON_REFUSED: L = L(
    "Niet opgeslagen: dit vervolg is voor {names}; jullie kijken mee. Vraag de gespreksleider als jullie toch willen antwoorden.",
    "Not saved: this follow-up is for {names}; you look on. Ask the facilitator if you want to answer anyway.",
);

/// "Laren", "Laren en Huizen", "Laren, Blaricum en Huizen" (not escaped).
pub fn join_names<S: AsRef<str>>(names: &[S], lang: Lang) -> String {
    match names {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [rest @ .., last] => {
            let rest: Vec<&str> = rest.iter().map(AsRef::as_ref).collect();
            format!("{} {} {}", rest.join(", "), AND.get(lang), last.as_ref())
        }
    }
}

/// Why a device of a group that only looks on at a follow-up for `names` cannot answer.
pub fn looking_on_refusal<S: AsRef<str>>(names: &[S], lang: Lang) -> String {
    LOOKING_ON_REFUSED.get(lang).replace("{names}", &join_names(names, lang))
}

/// What a page says above the form after a submission.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    None,
    Saved,
    Refused(String),
}

/// The script that refreshes the page when the room's view changes, unless someone is typing.
/// Its hash goes into the page's Content-Security-Policy, which allows no other script.
pub const SCRIPT: &str = "(function(){var v=document.body.getAttribute('data-v'),d=false;\
document.addEventListener('input',function(){d=true});\
setInterval(function(){if(d)return;fetch(location.pathname+'/v',{cache:'no-store'})\
.then(function(r){return r.ok?r.text():null}).then(function(t){if(t!==null&&t!==v)location.replace(location.pathname)})\
.catch(function(){})},3000)})();";

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:40rem;margin:0 auto;padding:.8rem;\
line-height:1.4;color:#111;background:#fff}h1{font-size:1.3rem;margin:.2rem 0}h2{font-size:1.1rem;margin:1rem 0 .3rem}\
.meta{color:#555;font-size:.9rem}.box{border:1px solid #bbb;border-radius:.4rem;padding:.6rem;margin:.5rem 0}\
.dev{background:#fff6d6}.for{background:#e6efff;padding:.5rem;border-radius:.4rem}.ok{background:#e2f5e2;padding:.5rem;border-radius:.4rem}.err{background:#fde2e2;padding:.5rem;border-radius:.4rem}\
label{display:block;margin:.3rem 0}textarea,select{width:100%;font-size:1rem;box-sizing:border-box}\
textarea{min-height:6rem}button{font-size:1.1rem;padding:.6rem 1rem;margin-top:.6rem;width:100%}\
p{white-space:pre-line}fieldset{border:1px solid #bbb;border-radius:.4rem}";

/// The page of `group` (which must be in `page`), at `/g/<token>`, with `version` for the script.
pub fn render(page: &PageState, group: usize, token: &str, version: u64, flash: &Flash) -> String {
    let lang = page.lang;
    let me = page.groups.get(group);
    let mut h = String::with_capacity(8192);
    let _ = write!(
        h,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\"><title>{}</title><style>{STYLE}</style></head>\
         <body data-v=\"{version}\">",
        lang.code(),
        esc(me.map_or("", |g| g.name.as_str())),
    );
    let _ = write!(
        h,
        "<p class=\"meta\">{} · {}</p>",
        esc(&page.title),
        esc(&format!("{} {}", GROUP.get(lang), me.map_or("", |g| g.name.as_str())))
    );
    match flash {
        Flash::None => {}
        Flash::Saved => {
            let _ = write!(h, "<p class=\"ok\" role=\"status\">{}</p>", esc(SAVED.get(lang)));
        }
        Flash::Refused(why) => {
            let _ = write!(h, "<p class=\"err\" role=\"alert\">{}</p>", esc(why));
        }
    }
    if page.ended {
        let _ = write!(h, "<h1>{}</h1>", esc(ENDED.get(lang)));
    } else if page.blackout {
        let _ = write!(h, "<h1>{}</h1>", esc(BLACKOUT.get(lang)));
    } else if let (Some(card), Some(me)) = (&page.card, me) {
        card_html(&mut h, page, card, group, me, token);
    } else {
        let _ = write!(h, "<p>{}</p>", esc(NO_CARD.get(lang)));
    }
    let _ = write!(h, "<p class=\"meta\"><a href=\"/g/{}\">{}</a></p>", esc(token), esc(REFRESH.get(lang)));
    let _ = write!(h, "<script>{SCRIPT}</script></body></html>");
    h
}

fn card_html(h: &mut String, page: &PageState, card: &CardPage, group: usize, me: &GroupPage, token: &str) {
    let lang = page.lang;
    let _ = write!(h, "<h1>{}</h1>", esc(&card.title));
    for_whom_html(h, page, card, group, me);
    let _ = write!(h, "<h2>{}</h2><p>{}</p>", esc(SITUATION.get(lang)), esc(&card.situation));
    if !card.developments.is_empty() {
        let _ = write!(h, "<h2>{}</h2>", esc(DEVELOPMENTS.get(lang)));
        for (text, label) in &card.developments {
            let label = label.as_deref().map(|l| format!("<b>{}</b> ", esc(l))).unwrap_or_default();
            let _ = write!(h, "<div class=\"box dev\">{label}<p>{}</p></div>", esc(text));
        }
    }
    if !card.questions.is_empty() {
        let _ = write!(h, "<h2>{}</h2><ol>", esc(QUESTIONS.get(lang)));
        for q in &card.questions {
            let _ = write!(h, "<li>{}</li>", esc(q));
        }
        h.push_str("</ol>");
    }
    if let Some(compared) = &card.revealed {
        let _ = write!(h, "<h2>{}</h2>", esc(COMPARISON.get(lang)));
        for c in compared {
            let number = c.number.map(|n| format!("{n}. ")).unwrap_or_default();
            let _ = write!(
                h,
                "<div class=\"box\"><b>{}</b><br>{number}{}<br><span class=\"meta\">{}</span>",
                esc(&c.group),
                esc(&c.option),
                esc(&c.how)
            );
            if !c.own.is_empty() {
                let _ = write!(h, "<p><b>{}:</b> {}</p>", esc(OWN_ANSWER.get(lang)), esc(&c.own));
            }
            if !c.rationale.is_empty() {
                let _ = write!(h, "<p><i>“{}”</i></p>", esc(&c.rationale));
            }
            if !c.consequence.is_empty() {
                let _ = write!(h, "<p><b>{}:</b> {}</p>", esc(CONSEQUENCE.get(lang)), esc(&c.consequence));
            }
            h.push_str("</div>");
        }
        return;
    }
    // Who has answered, of the groups taking part; for a follow-up, who looks on.
    let mut answered: Vec<String> = page
        .groups
        .iter()
        .filter(|g| g.takes_part)
        .map(|g| format!("{} {}", esc(&g.name), if g.answered { "✓" } else { NOT_YET.get(lang) }))
        .collect();
    let watching: Vec<&str> = page.groups.iter().filter(|g| !g.takes_part).map(|g| g.name.as_str()).collect();
    if !watching.is_empty() {
        let verb = if watching.len() == 1 { LOOKS_ON } else { LOOK_ON };
        answered.push(esc(&format!("{} {}", join_names(&watching, lang), verb.get(lang))));
    }
    let _ = write!(h, "<p class=\"meta\">{}: {}</p>", esc(ANSWERED.get(lang)), answered.join(" · "));
    // A group looking on at a follow-up reads the options but gets no form: answering is the
    // gespreksleider's call, as at the console.
    if !me.takes_part {
        let _ = write!(h, "<h2>{}</h2><ol>", esc(OPTIONS.get(lang)));
        for (_, label) in &card.options {
            let _ = write!(h, "<li>{}</li>", esc(label));
        }
        h.push_str("</ol>");
        return;
    }
    let own = &me.own;
    let _ = write!(
        h,
        "<h2>{}</h2><form method=\"post\" action=\"/g/{}\"><input type=\"hidden\" name=\"card\" value=\"{}\">\
         <input type=\"hidden\" name=\"request\" value=\"{}\"><fieldset><legend>{}</legend>",
        esc(YOUR_ANSWER.get(lang)),
        esc(token),
        esc(card.id.as_str()),
        new_request_id(),
        esc(OPTION.get(lang))
    );
    for (i, (id, label)) in card.options.iter().enumerate() {
        let checked = if own.option.as_ref() == Some(id) { " checked" } else { "" };
        let _ = write!(
            h,
            "<label><input type=\"radio\" name=\"option\" value=\"{}\" required{checked}> {}. {}</label>",
            esc(id.as_str()),
            i + 1,
            esc(label)
        );
    }
    let _ = write!(h, "</fieldset><label>{}<select name=\"decision\">", esc(HOW_DECIDED.get(lang)));
    let current = own.decision.unwrap_or(Decision::NotRecorded);
    for (i, d) in Decision::ALL.iter().enumerate() {
        let selected = if *d == current { " selected" } else { "" };
        let _ = write!(h, "<option value=\"{i}\"{selected}>{}</option>", esc(d.label(lang)));
    }
    let _ = write!(h, "</select></label><fieldset><legend>{}</legend>", esc(DISSENT.get(lang)));
    for role in &me.roles {
        let Some(i) = Role::ALL.iter().position(|r| r == role) else { continue };
        let checked = if own.dissent.contains(role) { " checked" } else { "" };
        let _ = write!(
            h,
            "<label><input type=\"checkbox\" name=\"dissent\" value=\"{i}\"{checked}> {}</label>",
            esc(role.label(lang))
        );
    }
    let _ = write!(
        h,
        "</fieldset><label>{}<textarea name=\"rationale\" maxlength=\"{MAX_RATIONALE}\">{}</textarea></label>\
         <button type=\"submit\">{}</button></form>",
        esc(RATIONALE.get(lang)),
        esc(&own.rationale),
        esc(SAVE.get(lang))
    );
}

/// For a follow-up played for some groups: for whom, said to this group ("Vervolg voor jullie
/// gemeente" or "Dit is een vervolg voor Laren; jullie kijken mee"), and what a group looking on
/// may do.
fn for_whom_html(h: &mut String, page: &PageState, card: &CardPage, group: usize, me: &GroupPage) {
    if card.for_groups.is_empty() {
        return;
    }
    let lang = page.lang;
    let others: Vec<&str> = card
        .for_groups
        .iter()
        .filter(|i| **i != group)
        .filter_map(|i| page.groups.get(*i))
        .map(|g| g.name.as_str())
        .collect();
    let names = join_names(&others, lang);
    let text = if me.expected && others.is_empty() {
        FOR_YOU.get(lang).to_string()
    } else if me.expected {
        FOR_YOU_AND.get(lang).replace("{names}", &names)
    } else if me.takes_part {
        FOR_OTHERS_ANSWERED.get(lang).replace("{names}", &names)
    } else {
        FOR_OTHERS_LOOK_ON.get(lang).replace("{names}", &names)
    };
    let _ = write!(h, "<p class=\"for\" role=\"note\"><b>↳ {}</b></p>", esc(&text));
    if !me.takes_part && card.revealed.is_none() {
        let _ = write!(h, "<p class=\"meta\">{}</p>", esc(ASK_TO_ANSWER.get(lang)));
    }
}

/// The longest rationale a page accepts, in characters.
pub const MAX_RATIONALE: usize = 2000;

/// A request id as pages make them: 32 lowercase hex digits.
pub fn is_request_id(text: &str) -> bool {
    text.len() == 32 && text.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// A fresh request id for a form (128 random bits; a failing generator falls back to the time,
/// which only weakens the de-duplication of a double submit, nothing else).
pub fn new_request_id() -> String {
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        bytes = nanos.to_le_bytes();
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
