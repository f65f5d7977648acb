//! The one keymap: per context, one table of bindings (keys, what they do in Dutch and English,
//! the action, whether the status bar shows them). Dispatch, the status bar, the help overlay
//! and the README key table are all read from these tables, so they cannot drift apart.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use super::i18n::L;
use super::text_field::{ctrl, typed};

/// A key (or a family of keys) a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character, with or without Shift (`E` arrives with Shift).
    Char(char),
    /// A special key without Shift, Ctrl or Alt (`BackTab` arrives with Shift and counts too).
    Code(KeyCode),
    Shift(KeyCode),
    Ctrl(char),
    /// Any digit in the range; the digit goes with the action.
    Digits(char, char),
    /// Any printable character: typing into a text field.
    Text,
    /// Moving and deleting in a text field: ← → ↑ ↓ Home End Backspace Delete, Ctrl-U.
    Editing,
}

impl Key {
    fn matches(self, key: &KeyEvent) -> bool {
        // Ctrl+Alt+character is AltGr typing on Windows (see `typed`): text, never a command.
        let ctrl_alt = key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match (self, key.code) {
            (Key::Char(c), KeyCode::Char(k)) => !ctrl_alt && c == k,
            (Key::Code(c), k) => c == k && !ctrl_alt && (!shift || k == KeyCode::BackTab),
            (Key::Shift(c), k) => c == k && shift && !ctrl_alt,
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl(key) && c == k.to_ascii_lowercase(),
            (Key::Digits(lo, hi), KeyCode::Char(k)) => !ctrl_alt && (lo..=hi).contains(&k),
            (Key::Text, KeyCode::Char(_)) => typed(key).is_some(),
            (Key::Editing, KeyCode::Char('u')) => ctrl(key),
            (
                Key::Editing,
                KeyCode::Left
                | KeyCode::Right
                | KeyCode::Up
                | KeyCode::Down
                | KeyCode::Home
                | KeyCode::End
                | KeyCode::Backspace
                | KeyCode::Delete,
            ) => !ctrl_alt,
            _ => false,
        }
    }

    /// A real key event for this key (for tests that press every binding).
    pub fn example(self) -> KeyEvent {
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        match self {
            Key::Char(c) if c.is_ascii_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
            Key::Char(c) => plain(KeyCode::Char(c)),
            Key::Code(KeyCode::BackTab) => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            Key::Code(c) => plain(c),
            Key::Shift(c) => KeyEvent::new(c, KeyModifiers::SHIFT),
            Key::Ctrl(c) => KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL),
            Key::Digits(lo, _) => plain(KeyCode::Char(lo)),
            Key::Text => plain(KeyCode::Char('x')),
            Key::Editing => plain(KeyCode::Backspace),
        }
    }
}

/// Whether the status bar shows a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bar {
    /// Only in the help overlay.
    Hide,
    /// In the status bar while there is room; dropped whole when there is not.
    Show,
    /// Always in the status bar, at the right (help, quit, the reveal).
    Pin,
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written for people: "↑ k", "1-9".
    pub shown: &'static str,
    pub what: L,
    pub action: Action,
    pub bar: Bar,
}

const fn b(
    keys: &'static [Key],
    shown: &'static str,
    nl: &'static str,
    en: &'static str,
    action: Action,
    bar: Bar,
) -> Binding {
    Binding { keys, shown, what: L(nl, en), action, bar }
}

/// Where the facilitator is: each context has its own table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// The setup form on a row that is not a text field.
    Setup,
    /// The setup form on a text field: letters type, so `?` and `q` are text.
    SetupText,
    FollowUp,
    Agenda,
    /// A card before the reveal.
    Card,
    /// A card after the reveal.
    Compare,
    End,
    Blackout,
    Help,
    Confirm,
    /// A confirmation of something the room sees (a development, an undo): only Enter says yes,
    /// so a word typed blindly ("wij", "Huizen") cannot.
    ConfirmEnter,
    Note,
    ActionForm,
    Rationale,
    Decision,
    Dissent,
    Roles,
    SaveAs,
    Picker,
    /// `d` or `r` before an option: the option first.
    OptionFirst,
    /// `weerbaar review`: a finished session, read-only.
    Review,
}

impl Context {
    pub const ALL: [Context; 21] = [
        Context::Setup,
        Context::SetupText,
        Context::FollowUp,
        Context::Agenda,
        Context::Card,
        Context::Compare,
        Context::End,
        Context::Blackout,
        Context::Help,
        Context::Confirm,
        Context::ConfirmEnter,
        Context::Note,
        Context::ActionForm,
        Context::Rationale,
        Context::Decision,
        Context::Dissent,
        Context::Roles,
        Context::SaveAs,
        Context::Picker,
        Context::OptionFirst,
        Context::Review,
    ];

    /// The context's name, for the help overlay's title and the README table.
    pub fn name(self) -> L {
        match self {
            Context::Setup => L("Nieuwe sessie", "New session"),
            Context::SetupText => L("Nieuwe sessie, in een tekstveld", "New session, in a text field"),
            Context::FollowUp => L("Vervolg op de vorige sessie", "Follow-up of the previous session"),
            Context::Agenda => L("Agenda", "Agenda"),
            Context::Card => L("Kaart", "Card"),
            Context::Compare => L("Vergelijken (na het tonen)", "Compare (after the reveal)"),
            Context::End => L("Einde", "End"),
            Context::Blackout => L("Scherm op zwart", "Screen blanked"),
            Context::Help => L("Help", "Help"),
            Context::Confirm => L("Bevestigen", "Confirmation"),
            Context::ConfirmEnter => L("Bevestigen met Enter", "Confirm with Enter"),
            Context::Note => L("Notitie", "Note"),
            Context::ActionForm => L("Actiepunt", "Action item"),
            Context::Rationale => L("Toelichting", "Rationale"),
            Context::Decision => L("Hoe besloten", "How they decided"),
            Context::Dissent => L("Afwijkende mening", "Dissenting roles"),
            Context::Roles => L("Rollen van een groep", "Roles of a group"),
            Context::SaveAs => L("Logboek elders opslaan", "Save the log elsewhere"),
            Context::Picker => L("Kaart toevoegen", "Add a card"),
            Context::OptionFirst => L("Eerst een optie", "An option first"),
            Context::Review => L("Terugblik (weerbaar review)", "Review (weerbaar review)"),
        }
    }
}

use Action as A;
use Bar::{Hide, Pin, Show};
use KeyCode as K;

const HELP: Binding = b(&[Key::Char('?'), Key::Code(K::F(1))], "? F1", "help", "help", A::Help, Pin);
const QUIT: Binding = b(&[Key::Char('q')], "q", "afsluiten", "quit", A::Quit, Pin);
/// Raw mode turns Ctrl-C into a key: it asks to quit, from anywhere.
const CTRL_C: Binding = b(&[Key::Ctrl('c')], "Ctrl-C", "afsluiten (vraagt eerst)", "quit (asks first)", A::Quit, Hide);
const SAVE_ELSEWHERE: Binding = b(
    &[Key::Char('W')],
    "W",
    "logboek elders opslaan (na een schrijffout)",
    "save the log elsewhere (after a write failure)",
    A::SaveElsewhere,
    Show,
);
const PRIVATE: Binding = b(
    &[Key::Char('v')],
    "v",
    "zaalveilig / eigen weergave (vraagt eerst)",
    "room-safe / private view (asks first)",
    A::PrivateView,
    Hide,
);

/// The keys of every screen of a running session (not the end screen, not during a blackout).
const SESSION: [Binding; 7] = [
    b(&[Key::Char('n')], "n", "notitie", "note", A::Note, Show),
    b(&[Key::Char('a')], "a", "actiepunt", "action item", A::NewAction, Show),
    b(&[Key::Char('p')], "p", "klok pauzeren / verder", "pause / resume the clock", A::Pause, Hide),
    b(&[Key::Char('b')], "b", "scherm op zwart", "blank the screen", A::Blackout, Hide),
    PRIVATE,
    HELP,
    QUIT,
];

const SCROLL: [Binding; 2] = [
    b(&[Key::Code(K::Up), Key::Code(K::Down)], "↑ ↓", "scrollen", "scroll", A::Scroll, Hide),
    b(
        &[Key::Code(K::PageUp), Key::Code(K::PageDown)],
        "PgUp PgDn",
        "pagina terug / verder",
        "page back / on",
        A::Page,
        Hide,
    ),
];

const SETUP: [Binding; 7] = [
    b(&[Key::Code(K::Down), Key::Code(K::Tab)], "↓ Tab", "volgend veld", "next field", A::NextField, Show),
    b(&[Key::Code(K::Up), Key::Code(K::BackTab)], "↑ Shift-Tab", "vorig veld", "previous field", A::PrevField, Hide),
    b(&[Key::Code(K::Enter)], "Enter", "verder / rollen / starten", "next / roles / start", A::SetupEnter, Show),
    b(
        &[Key::Code(K::Left), Key::Code(K::Right)],
        "← →",
        "agenda, taal of kleuren wisselen",
        "change agenda, language or colours",
        A::Cycle,
        Show,
    ),
    HELP,
    QUIT,
    b(&[Key::Code(K::Esc)], "Esc", "afsluiten", "quit", A::Quit, Hide),
];

const SETUP_TEXT: [Binding; 9] = [
    b(&[Key::Code(K::Down), Key::Code(K::Tab)], "↓ Tab", "volgend veld", "next field", A::NextField, Show),
    b(&[Key::Code(K::Up), Key::Code(K::BackTab)], "↑ Shift-Tab", "vorig veld", "previous field", A::PrevField, Hide),
    b(&[Key::Code(K::Enter)], "Enter", "verder / rollen", "next / roles", A::SetupEnter, Show),
    b(&[Key::Ctrl('d')], "Ctrl-D", "groep weghalen", "remove the group", A::RemoveGroup, Hide),
    b(&[Key::Text], "a-z", "typen", "type", A::Type, Hide),
    b(
        &[
            Key::Code(K::Left),
            Key::Code(K::Right),
            Key::Code(K::Home),
            Key::Code(K::End),
            Key::Code(K::Backspace),
            Key::Code(K::Delete),
        ],
        "← → Home End ⌫ Del",
        "tekst bewerken",
        "edit the text",
        A::Edit,
        Hide,
    ),
    b(&[Key::Code(K::F(1))], "F1", "help", "help", A::Help, Pin),
    b(&[Key::Code(K::Esc)], "Esc", "afsluiten", "quit", A::Quit, Pin),
    b(&[Key::Ctrl('u')], "Ctrl-U", "veld leegmaken", "clear the field", A::Edit, Hide),
];

const FOLLOW_UP: [Binding; 3] = [
    b(
        &[Key::Code(K::Up), Key::Code(K::Down), Key::Char('k'), Key::Char('j')],
        "↑ ↓ k j",
        "actie kiezen",
        "select an action",
        A::Select,
        Show,
    ),
    b(
        &[Key::Digits('1', '3')],
        "1-3",
        "gedaan / onderweg / niet begonnen",
        "done / under way / not started",
        A::Progress,
        Show,
    ),
    b(&[Key::Code(K::Enter)], "Enter", "verder naar de agenda", "on to the agenda", A::Continue, Pin),
];

const AGENDA: [Binding; 10] = [
    b(
        &[Key::Code(K::Up), Key::Code(K::Down), Key::Char('k'), Key::Char('j')],
        "↑ ↓ k j",
        "kaart kiezen",
        "select a card",
        A::Select,
        Show,
    ),
    b(&[Key::Code(K::Enter)], "Enter", "kaart openen", "open the card", A::Open, Pin),
    b(&[Key::Char('s'), Key::Code(K::Delete)], "s Del", "kaart overslaan", "skip the card", A::Skip, Show),
    b(&[Key::Shift(K::Up), Key::Char('K')], "Shift-↑ K", "kaart omhoog", "move the card up", A::MoveUp, Hide),
    b(&[Key::Shift(K::Down), Key::Char('J')], "Shift-↓ J", "kaart omlaag", "move the card down", A::MoveDown, Hide),
    b(&[Key::Char('D')], "D", "voorgestelde kaarten schrappen", "drop the suggested cards", A::DropSuggested, Hide),
    UNDO,
    b(
        &[Key::Char('t'), Key::Char('+')],
        "t +",
        "kaart uit het deck toevoegen",
        "add a card from the deck",
        A::Pick,
        Show,
    ),
    b(&[Key::Char('E')], "E", "sessie beëindigen", "end the session", A::EndSession, Show),
    b(&[Key::Code(K::Home)], "Home", "naar boven", "to the top", A::ScrollTop, Hide),
];

/// Undo the last step: a skipped or closed card back on the agenda, a development or an answer
/// taken back, a card opened by mistake back on the plan. It asks first, with Enter.
const UNDO: Binding = b(
    &[Key::Char('u')],
    "u",
    "laatste stap ongedaan maken (vraagt eerst)",
    "undo the last step (asks first)",
    A::Undo,
    Show,
);

/// The facilitator notes' own pages (the box says "pagina 1/2 · ]").
const NOTES_PAGE: Binding =
    b(&[Key::Char('['), Key::Char(']')], "[ ]", "notities bladeren", "page the notes", A::NotesPage, Hide);
const NOTES_PAGE_BAR: Binding = Binding { bar: Show, ..NOTES_PAGE };

const CARD: [Binding; 13] = [
    b(&[Key::Digits('1', '9')], "1-9", "optie kiezen", "choose an option", A::Choose, Show),
    b(&[Key::Code(K::Tab)], "Tab", "volgende groep", "next group", A::NextGroup, Show),
    b(&[Key::Code(K::BackTab)], "Shift-Tab", "vorige groep", "previous group", A::PrevGroup, Hide),
    b(&[Key::Char('e')], "e", "toelichting", "rationale", A::Rationale, Show),
    b(&[Key::Char('d')], "d", "hoe besloten", "how they decided", A::Decided, Show),
    b(&[Key::Char('r')], "r", "afwijkende mening", "dissenting roles", A::Dissent, Hide),
    b(
        &[Key::Char('i')],
        "i",
        "ontwikkeling vrijgeven (vraagt eerst)",
        "release the next development (asks first)",
        A::Release,
        Show,
    ),
    UNDO,
    b(
        &[Key::Code(K::Esc)],
        "Esc",
        "terug naar de agenda (vóór het eerste antwoord)",
        "back to the agenda (before the first answer)",
        A::Back,
        Hide,
    ),
    b(&[Key::Char('f')], "f", "notities voor de gespreksleider", "notes for the facilitator", A::Notes, Hide),
    NOTES_PAGE,
    b(&[Key::Code(K::Enter)], "Enter", "antwoorden tonen", "reveal the answers", A::Reveal, Pin),
    b(
        &[Key::Char('x')],
        "x",
        "kaart sluiten zonder tonen",
        "close the card without a reveal",
        A::CloseUnrevealed,
        Hide,
    ),
];

const COMPARE: [Binding; 3] = [
    b(&[Key::Code(K::Enter)], "Enter", "verder naar de agenda", "on to the agenda", A::Continue, Pin),
    b(&[Key::Char('f')], "f", "notities voor de gespreksleider", "notes for the facilitator", A::Notes, Show),
    NOTES_PAGE_BAR,
];

const END: [Binding; 4] =
    [b(&[Key::Code(K::Home)], "Home", "naar boven", "to the top", A::ScrollTop, Hide), PRIVATE, HELP, QUIT];

const BLACKOUT: [Binding; 3] =
    [b(&[Key::Char('b')], "b", "scherm terug", "show the screen again", A::Blackout, Pin), HELP, QUIT];

const HELP_OVERLAY: [Binding; 1] = [b(
    &[Key::Code(K::Esc), Key::Code(K::Enter), Key::Char('?'), Key::Code(K::F(1))],
    "Esc Enter ?",
    "help sluiten",
    "close the help",
    A::Close,
    Pin,
)];

const CONFIRM: [Binding; 2] = [
    b(&[Key::Char('j'), Key::Char('y'), Key::Char('J'), Key::Char('Y')], "j y", "ja", "yes", A::Yes, Pin),
    b(&[Key::Char('n'), Key::Code(K::Esc)], "n Esc", "nee", "no", A::No, Pin),
];

const CONFIRM_ENTER: [Binding; 2] = [
    b(&[Key::Code(K::Enter)], "Enter", "ja, doen", "yes, do it", A::Yes, Pin),
    b(&[Key::Code(K::Esc), Key::Char('n')], "Esc n", "nee", "no", A::No, Pin),
];

const SAVE: Binding = b(&[Key::Code(K::Enter)], "Enter", "opslaan", "save", A::Save, Pin);
const CANCEL: Binding = b(&[Key::Code(K::Esc)], "Esc", "annuleren", "cancel", A::Cancel, Pin);
const TYPE: Binding = b(&[Key::Text], "a-z", "typen", "type", A::Type, Hide);
const EDIT: Binding = b(&[Key::Editing], "← → ↑ ↓ Home End ⌫ Del", "tekst bewerken", "edit the text", A::Edit, Hide);

const NOTE: [Binding; 7] = [
    SAVE,
    CANCEL,
    b(&[Key::Code(K::Tab)], "Tab", "volgend veld", "next field", A::NextField, Show),
    b(&[Key::Code(K::BackTab)], "Shift-Tab", "vorig veld", "previous field", A::PrevField, Hide),
    b(&[Key::Code(K::Left), Key::Code(K::Right)], "← →", "kiezen", "choose", A::Cycle, Show),
    TYPE,
    EDIT,
];

const ACTION_FORM: [Binding; 7] = [
    SAVE,
    CANCEL,
    b(&[Key::Code(K::Tab)], "Tab", "volgend veld", "next field", A::NextField, Show),
    b(&[Key::Code(K::BackTab)], "Shift-Tab", "vorig veld", "previous field", A::PrevField, Hide),
    b(&[Key::Code(K::Left), Key::Code(K::Right)], "← →", "kiezen", "choose", A::Cycle, Show),
    TYPE,
    EDIT,
];

const TEXT_ONLY: [Binding; 4] = [SAVE, CANCEL, TYPE, EDIT];

const DECISION: [Binding; 4] = [
    b(
        &[Key::Code(K::Up), Key::Code(K::Down), Key::Char('k'), Key::Char('j')],
        "↑ ↓ k j",
        "kiezen",
        "select",
        A::Select,
        Show,
    ),
    b(&[Key::Digits('1', '5')], "1-5", "kiezen en opslaan", "choose and save", A::Choose, Show),
    SAVE,
    CANCEL,
];

const TOGGLES: [Binding; 3] = [
    b(&[Key::Digits('1', '9')], "1-9", "rol aan / uit", "toggle a role", A::Toggle, Show),
    b(&[Key::Code(K::Enter)], "Enter", "opslaan", "save", A::Save, Pin),
    CANCEL,
];

const OPTION_FIRST: [Binding; 2] = [
    b(
        &[Key::Digits('1', '9')],
        "1-9",
        "optie van de groep, dan verder",
        "the group's option, then on",
        A::Choose,
        Show,
    ),
    CANCEL,
];

const ROLES: [Binding; 2] = [
    b(&[Key::Digits('1', '6')], "1-6", "rol aan / uit", "toggle a role", A::Toggle, Show),
    b(&[Key::Code(K::Enter), Key::Code(K::Esc)], "Enter Esc", "klaar", "done", A::Close, Pin),
];

const PICKER: [Binding; 4] = [
    b(
        &[Key::Code(K::Up), Key::Code(K::Down), Key::Char('k'), Key::Char('j')],
        "↑ ↓ k j",
        "kaart kiezen",
        "select a card",
        A::Select,
        Show,
    ),
    b(&[Key::Code(K::Left), Key::Code(K::Right)], "← →", "thema filteren", "filter by theme", A::Cycle, Show),
    b(&[Key::Code(K::Enter)], "Enter", "als volgende op de agenda", "next on the agenda", A::Save, Pin),
    CANCEL,
];

const REVIEW: [Binding; 9] = [
    b(
        &[Key::Code(K::Right), Key::Code(K::Enter), Key::Char(' ')],
        "→ Enter",
        "volgende kaart",
        "next card",
        A::NextPage,
        Show,
    ),
    b(&[Key::Code(K::Left), Key::Code(K::Backspace)], "← ⌫", "vorige kaart", "previous card", A::PrevPage, Show),
    b(&[Key::Code(K::Home)], "Home", "eerste kaart", "first card", A::FirstPage, Hide),
    b(&[Key::Code(K::End)], "End", "nabespreking", "debrief", A::LastPage, Hide),
    SCROLL[0],
    b(
        &[Key::Code(K::PageUp), Key::Code(K::PageDown)],
        "PgUp PgDn",
        "scrollen per pagina",
        "scroll a page",
        A::Page,
        Hide,
    ),
    b(&[Key::Char('f')], "f", "notities voor de gespreksleider", "notes for the facilitator", A::Notes, Show),
    HELP,
    b(&[Key::Char('q'), Key::Code(K::Esc)], "q Esc", "sluiten", "close", A::Quit, Pin),
];

/// Every binding of a context, in the order the help overlay lists them. `W` is there only
/// when the log could not be written.
pub fn bindings(context: Context, log_failed: bool) -> Vec<Binding> {
    let mut out: Vec<Binding> = match context {
        Context::Setup => SETUP.to_vec(),
        Context::SetupText => SETUP_TEXT.to_vec(),
        Context::FollowUp => [&FOLLOW_UP[..], &SESSION[..]].concat(),
        Context::Agenda => [&AGENDA[..], &SESSION[..]].concat(),
        Context::Card => [&CARD[..], &SCROLL[..], &SESSION[..]].concat(),
        Context::Compare => [&COMPARE[..], &SCROLL[..], &SESSION[..]].concat(),
        Context::End => [&SCROLL[..], &END[..]].concat(),
        Context::Blackout => BLACKOUT.to_vec(),
        Context::Help => HELP_OVERLAY.to_vec(),
        Context::Confirm => CONFIRM.to_vec(),
        Context::ConfirmEnter => CONFIRM_ENTER.to_vec(),
        Context::Note => NOTE.to_vec(),
        Context::ActionForm => ACTION_FORM.to_vec(),
        Context::Rationale | Context::SaveAs => TEXT_ONLY.to_vec(),
        Context::Decision => DECISION.to_vec(),
        Context::Dissent => TOGGLES.to_vec(),
        Context::Roles => ROLES.to_vec(),
        Context::Picker => PICKER.to_vec(),
        Context::OptionFirst => OPTION_FIRST.to_vec(),
        Context::Review => REVIEW.to_vec(),
    };
    out.push(CTRL_C);
    let session_screen = matches!(
        context,
        Context::FollowUp | Context::Agenda | Context::Card | Context::Compare | Context::End | Context::Blackout
    );
    if log_failed && session_screen {
        out.insert(0, SAVE_ELSEWHERE);
    }
    out
}

/// What a key press means in a context: the action, and the digit for digit bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub action: Action,
    /// 0 for `1`, 1 for `2`, …; only for digit bindings.
    pub digit: Option<usize>,
    /// Which of the binding's keys: ↑ (0) or ↓ (1) for "↑ ↓" bindings, and so on.
    pub which: usize,
}

impl Hit {
    /// For two-way bindings (↑ ↓, ← →, PgUp PgDn, k j): the keys are listed backward first, so
    /// every second key goes forward.
    pub fn forward(&self) -> bool {
        self.which % 2 == 1
    }
}

/// The first binding of `context` that answers to `key`, if any.
pub fn lookup(context: Context, log_failed: bool, key: &KeyEvent) -> Option<Hit> {
    bindings(context, log_failed).into_iter().find_map(|binding| {
        let which = binding.keys.iter().position(|k| k.matches(key))?;
        let digit = match (binding.keys[which], key.code) {
            (Key::Digits(..), KeyCode::Char(c)) => (c as usize).checked_sub('1' as usize),
            _ => None,
        };
        Some(Hit { action: binding.action, digit, which })
    })
}

pub const README_START: &str =
    "<!-- keys:start (generated from src/ui/keymap.rs; WEERBAAR_UPDATE_README=1 cargo test --test console readme) -->";
pub const README_END: &str = "<!-- keys:end -->";

/// The README's key table, one section per context, in English.
pub fn readme_table() -> String {
    let mut out = String::new();
    for context in Context::ALL {
        out.push_str(&format!("\n**{}**\n\n| key | what | status bar |\n|---|---|---|\n", context.name().1));
        for binding in bindings(context, true) {
            let keys: Vec<String> = binding.shown.split(' ').map(|k| format!("`{k}`")).collect();
            let bar = match binding.bar {
                Bar::Hide => "",
                Bar::Show => "yes",
                Bar::Pin => "always",
            };
            out.push_str(&format!("| {} | {} | {bar} |\n", keys.join(" "), binding.what.1));
        }
    }
    out.push('\n');
    out
}
