//! One list of keys per screen: the status bar shows the main ones, the help overlay all of
//! them, so the two can never disagree.

use super::app::{App, Overlay, Screen};
use super::i18n::L;
use crate::session::Clock;

#[derive(Debug, Clone, Copy)]
pub struct Hint {
    pub key: &'static str,
    pub what: L,
    /// Shown in the status bar, not only in the help overlay.
    pub main: bool,
}

const fn h(key: &'static str, nl: &'static str, en: &'static str, main: bool) -> Hint {
    Hint { key, what: L(nl, en), main }
}

const GLOBAL: [Hint; 6] = [
    h("n", "notitie", "note", true),
    h("a", "actie", "action", true),
    h("p", "pauze/verder", "pause/resume", false),
    h("b", "scherm op zwart", "blank screen", false),
    h("?", "help", "help", true),
    h("q", "afsluiten", "quit", true),
];

const SETUP: [Hint; 8] = [
    h("↑↓ Tab", "veld kiezen", "move between fields", true),
    h("typen", "naam of titel invullen", "type a name or title", false),
    h("Enter", "volgende / rollen van groep / start", "next / group roles / start", true),
    h("←→", "agenda of taal wisselen", "change agenda or language", true),
    h("Del", "lege groep weghalen", "remove an empty group", false),
    h("Ctrl-D", "groep weghalen", "remove a group", false),
    h("F1", "help", "help", true),
    h("Esc", "afsluiten", "quit", true),
];

const AGENDA: [Hint; 6] = [
    h("↑↓", "kaart kiezen", "select a card", true),
    h("Enter", "kaart openen", "open the card", true),
    h("s", "kaart overslaan", "skip the card", true),
    h("Shift-↑↓ K J", "kaart verplaatsen", "move the card", false),
    h("D", "voorgestelde kaarten schrappen", "drop the suggested cards", false),
    h("E", "sessie beëindigen", "end the session", true),
];

const CARD: [Hint; 11] = [
    h("1-9", "optie voor groep", "option for group", true),
    h("Tab", "volgende groep", "next group", true),
    h("Shift-Tab", "vorige groep", "previous group", false),
    h("e", "toelichting", "rationale", true),
    h("d", "besluitvorming wisselen", "how they decided", false),
    h("r", "afwijkende rollen", "dissenting roles", false),
    h("i", "ontwikkeling vrijgeven", "release a development", true),
    h("f", "facilitatornotities", "facilitator notes", true),
    h("Enter", "antwoorden tonen", "reveal answers", true),
    h("x", "kaart sluiten", "close the card", false),
    h("↑↓ PgUp PgDn", "scrollen", "scroll", false),
];

const COMPARE: [Hint; 4] = [
    h("Enter", "verder naar de agenda", "on to the agenda", true),
    h("f", "facilitatornotities", "facilitator notes", true),
    h("↑↓ PgUp PgDn", "scrollen", "scroll", true),
    h("x", "kaart sluiten", "close the card", false),
];

const FOLLOW_UP: [Hint; 3] = [
    h("↑↓", "actie kiezen", "select an action", true),
    h("1 2 3", "gedaan / onderweg / niet begonnen", "done / under way / not started", true),
    h("Enter", "verder naar de agenda", "on to the agenda", true),
];

const END: [Hint; 2] = [h("↑↓ PgUp PgDn", "scrollen", "scroll", true), h("q", "afsluiten", "quit", true)];

const TEXT: [Hint; 4] = [
    h("Enter", "opslaan", "save", true),
    h("Esc", "annuleren", "cancel", true),
    h("Tab", "volgend veld", "next field", true),
    h("←→", "kiezen", "choose", true),
];

const TOGGLES: [Hint; 3] = [
    h("1-6", "rol aan/uit", "toggle a role", true),
    h("Enter", "opslaan", "save", true),
    h("Esc", "annuleren", "cancel", true),
];

const CLOSE: [Hint; 1] = [h("Esc", "sluiten", "close", true)];

const CONFIRM: [Hint; 2] = [h("j/y", "ja", "yes", true), h("n Esc", "nee", "no", true)];

pub fn hints<C: Clock + Clone>(app: &App<C>) -> Vec<Hint> {
    match &app.overlay {
        Some(Overlay::Help) => return CLOSE.to_vec(),
        Some(Overlay::ConfirmQuit | Overlay::ConfirmEnd) => return CONFIRM.to_vec(),
        Some(Overlay::Dissent { .. } | Overlay::Roles { .. }) => return TOGGLES.to_vec(),
        Some(_) => return TEXT.to_vec(),
        None => {}
    }
    let revealed = app.session().and_then(|s| s.state().current_play()).is_some_and(|p| p.is_revealed());
    let screen: &[Hint] = match app.screen() {
        Screen::Setup => return SETUP.to_vec(),
        Screen::Agenda => &AGENDA,
        Screen::FollowUp => &FOLLOW_UP,
        Screen::Card if revealed => &COMPARE,
        Screen::Card => &CARD,
        Screen::End => return END.to_vec(),
    };
    let mut out = screen.to_vec();
    out.extend_from_slice(&GLOBAL);
    if app.log_failed {
        out.insert(0, h("W", "logboek elders opslaan", "save the log elsewhere", true));
    }
    out
}
