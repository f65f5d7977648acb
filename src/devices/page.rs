//! What a delegation's page shows, and the page itself.
//!
//! [`PageState`] is the room's view of the session (what the audience screen shows) plus each
//! group's own answer, built from the engine's state after every change. It is the only thing
//! the web server reads: no facilitator notes, notes, actions or other groups' unrevealed answers
//! are in it, so no page can show them. [`render`] turns it into one self-contained HTML page
//! per group, every text escaped.

use std::fmt::Write as _;

use crate::scenario::text::L;
use crate::scenario::{CardId, Deck, Lang, OptionId, Role};
use crate::session::{Choice, Decision, GroupId, State};
use crate::ui::screens::{View, room};

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
}

/// One group's answer after the reveal, as the audience screen compares them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    pub group: String,
    pub number: usize,
    pub option: String,
    pub how: String,
    pub rationale: String,
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
        let view = View { audience: true, ..View::new(state, deck, lang, state.last_at) };
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
                }
            })
            .collect();
        let card = play.and_then(|p| {
            let card = deck.card(&p.card)?;
            let developments = p
                .released
                .iter()
                .filter_map(|id| {
                    let inject = card.inject(id)?;
                    Some((inject.text.get(lang).to_string(), room::only_for_label(&view, p, card, id)))
                })
                .collect();
            let revealed = p.revealed.as_ref().map(|order| {
                order
                    .iter()
                    .filter_map(|g| {
                        let choice = p.choices.get(g)?;
                        let number = card.options.iter().position(|o| o.id == choice.option)?;
                        let option = &card.options[number];
                        Some(Compared {
                            group: state.group_name(*g).to_string(),
                            number: number + 1,
                            option: option.label.get(lang).to_string(),
                            how: crate::ui::screens::card::how_decided(choice, lang, false),
                            rationale: choice.rationale.clone(),
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
pub const NOT_SAVED: L = L(
    "Niet opgeslagen: de console antwoordde niet. Probeer het opnieuw of zeg het de gespreksleider.",
    "Not saved: the console did not answer. Try again or tell the facilitator.",
);

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
.dev{background:#fff6d6}.ok{background:#e2f5e2;padding:.5rem;border-radius:.4rem}.err{background:#fde2e2;padding:.5rem;border-radius:.4rem}\
label{display:block;margin:.3rem 0}textarea,select{width:100%;font-size:1rem;box-sizing:border-box}\
textarea{min-height:6rem}button{font-size:1.1rem;padding:.6rem 1rem;margin-top:.6rem;width:100%}\
p{white-space:pre-line}fieldset{border:1px solid #bbb;border-radius:.4rem}";

/// Escapes text for HTML content and attribute values (control and escape sequences dropped).
pub fn esc(text: &str) -> String {
    let text = crate::scenario::clean(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

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
        card_html(&mut h, page, card, me, token);
    } else {
        let _ = write!(h, "<p>{}</p>", esc(NO_CARD.get(lang)));
    }
    let _ = write!(h, "<p class=\"meta\"><a href=\"/g/{}\">{}</a></p>", esc(token), esc(REFRESH.get(lang)));
    let _ = write!(h, "<script>{SCRIPT}</script></body></html>");
    h
}

fn card_html(h: &mut String, page: &PageState, card: &CardPage, me: &GroupPage, token: &str) {
    let lang = page.lang;
    let _ = write!(h, "<h1>{}</h1>", esc(&card.title));
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
            let _ = write!(
                h,
                "<div class=\"box\"><b>{}</b><br>{}. {}<br><span class=\"meta\">{}</span>",
                esc(&c.group),
                c.number,
                esc(&c.option),
                esc(&c.how)
            );
            if !c.rationale.is_empty() {
                let _ = write!(h, "<p><i>“{}”</i></p>", esc(&c.rationale));
            }
            let _ = write!(h, "<p><b>{}:</b> {}</p></div>", esc(CONSEQUENCE.get(lang)), esc(&c.consequence));
        }
        return;
    }
    let answered: Vec<String> = page
        .groups
        .iter()
        .map(|g| format!("{} {}", esc(&g.name), if g.answered { "✓" } else { NOT_YET.get(lang) }))
        .collect();
    let _ = write!(h, "<p class=\"meta\">{}: {}</p>", esc(ANSWERED.get(lang)), answered.join(" · "));
    let own = &me.own;
    let _ = write!(
        h,
        "<h2>{}</h2><form method=\"post\" action=\"/g/{}\"><input type=\"hidden\" name=\"card\" value=\"{}\">\
         <fieldset><legend>{}</legend>",
        esc(YOUR_ANSWER.get(lang)),
        esc(token),
        esc(card.id.as_str()),
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

/// The longest rationale a page accepts, in characters.
pub const MAX_RATIONALE: usize = 2000;
