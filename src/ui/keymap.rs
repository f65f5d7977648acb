//! The one keymap: per context, one table of bindings (keys, what they do in Dutch and English,
//! the intent, whether the status bar shows them). Dispatch, the status bar, the help overlay,
//! the README key table and the key names in hints ("druk op u") are all read from these tables,
//! so they cannot drift apart. A key writes its own label ([`Key::label`]); a key that goes two
//! ways names its direction ([`Binding::back`]); no key means two things in one context (a test
//! presses every key of every context against every binding).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::intent::{Dir, Intent};
use super::text_field::{ctrl, typed};
use crate::scenario::Lang;
use crate::scenario::text::L;

/// A key (or a family of keys) a binding answers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A character, with or without Shift (`E` arrives with Shift).
    Char(char),
    /// A letter that depends on the language it is named in, either one accepted in either case:
    /// `j` (ja) in Dutch, `y` (yes) in English.
    Word(char, char),
    /// A special key without Shift, Ctrl or Alt (`BackTab` arrives with Shift and counts too).
    Code(KeyCode),
    Shift(KeyCode),
    Ctrl(char),
    /// Any digit in the range; the digit goes with the intent.
    Digits(char, char),
    /// Any printable character: typing into a text field.
    Text,
    /// Moving and deleting in a text field, apart from ← →: ↑ ↓ Home End Backspace Delete, Ctrl-U.
    Editing,
}

impl Key {
    /// Whether `key` is this key.
    pub fn matches(self, key: &KeyEvent) -> bool {
        // Ctrl+Alt+character is AltGr typing on Windows (see `typed`): text, never a command.
        let ctrl_alt = key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match (self, key.code) {
            (Key::Char(c), KeyCode::Char(k)) => !ctrl_alt && c == k,
            (Key::Word(nl, en), KeyCode::Char(k)) => {
                let k = k.to_ascii_lowercase();
                !ctrl_alt && (k == nl || k == en)
            }
            (Key::Code(c), k) => c == k && !ctrl_alt && (!shift || k == KeyCode::BackTab),
            (Key::Shift(c), k) => c == k && shift && !ctrl_alt,
            (Key::Ctrl(c), KeyCode::Char(k)) => ctrl(key) && c == k.to_ascii_lowercase(),
            (Key::Digits(lo, hi), KeyCode::Char(k)) => !ctrl_alt && (lo..=hi).contains(&k),
            (Key::Text, KeyCode::Char(_)) => typed(key).is_some(),
            (Key::Editing, KeyCode::Char('u')) => ctrl(key),
            (
                Key::Editing,
                KeyCode::Up | KeyCode::Down | KeyCode::Home | KeyCode::End | KeyCode::Backspace | KeyCode::Delete,
            ) => !ctrl_alt,
            _ => false,
        }
    }

    /// How the key is written for people, in `lang`: "↑", "Shift-Tab", "Ctrl-C", "1-9".
    pub fn label(self, lang: Lang) -> String {
        let nl = lang == Lang::Nl;
        match self {
            Key::Char(' ') => (if nl { "spatie" } else { "Space" }).into(),
            Key::Char(c) => c.to_string(),
            Key::Word(n, e) => (if nl { n } else { e }).to_string(),
            Key::Code(c) => code_label(c, lang),
            Key::Shift(c) => format!("Shift-{}", code_label(c, lang)),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::Digits(lo, hi) => format!("{lo}-{hi}"),
            Key::Text => "a-z".into(),
            Key::Editing => "↑ ↓ Home End ⌫ Del Ctrl-U".into(),
        }
    }

    /// A real key event for this key (for tests that press every binding).
    pub fn example(self) -> KeyEvent {
        let plain = |code| KeyEvent::new(code, KeyModifiers::NONE);
        match self {
            Key::Char(c) if c.is_ascii_uppercase() => KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT),
            Key::Char(c) => plain(KeyCode::Char(c)),
            Key::Word(c, _) => plain(KeyCode::Char(c)),
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

fn code_label(code: KeyCode, lang: Lang) -> String {
    match code {
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Backspace => "⌫".into(),
        KeyCode::Delete => "Del".into(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(c) => Key::Char(c).label(lang),
        other => format!("{other:?}"),
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
    /// The keys that do [`Binding::action`]; for a two-way binding, the keys that go on.
    pub keys: &'static [Key],
    /// For a two-way binding (↑ ↓, ← →, PgUp PgDn): the keys that go back, which do the intent
    /// turned back ([`Intent::toward`]). Empty for the others.
    pub back: &'static [Key],
    pub what: L,
    pub action: Intent,
    pub bar: Bar,
    /// A shorter label for the status bar, where room is scarce ("afsluiten"); the help and the
    /// README say it in full ("afsluiten (vraagt eerst)"). `None`: the bar says [`Binding::what`].
    pub short: Option<L>,
}

impl Binding {
    /// The label as the status bar writes it: the short one when there is one.
    pub fn bar_what(&self) -> L {
        self.short.unwrap_or(self.what)
    }

    /// The same binding with a shorter label for the status bar.
    const fn short(self, nl: &'static str, en: &'static str) -> Binding {
        Binding { short: Some(L(nl, en)), ..self }
    }

    /// Every key of the binding in the order people read them: back and on in pairs ("↑ ↓ k j").
    pub fn all_keys(&self) -> Vec<Key> {
        let mut out = Vec::new();
        for i in 0..self.keys.len().max(self.back.len()) {
            out.extend(self.back.get(i));
            out.extend(self.keys.get(i));
        }
        out
    }

    /// The keys' labels, each as it is written ("↑", "Shift-Tab").
    pub fn labels(&self, lang: Lang) -> Vec<String> {
        // A family of keys (Editing) is written as its keys, one label each.
        let labels = self.all_keys().into_iter().map(|k| k.label(lang));
        labels.flat_map(|l| l.split(' ').map(str::to_string).collect::<Vec<_>>()).collect()
    }

    /// How the keys are written in the status bar and the help: "↑ ↓ k j", "1-9".
    pub fn shown(&self, lang: Lang) -> String {
        self.labels(lang).join(" ")
    }

    /// The main key(s) as a hint names them: the first key, or the first pair ("← →").
    pub fn main_keys(&self, lang: Lang) -> String {
        self.all_keys()
            .iter()
            .take(if self.back.is_empty() { 1 } else { 2 })
            .map(|k| k.label(lang))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// What `key` does under this binding, if it is one of its keys.
    fn hit(&self, key: &KeyEvent) -> Option<Intent> {
        if self.keys.iter().any(|k| k.matches(key)) {
            Some(self.action)
        } else if self.back.iter().any(|k| k.matches(key)) {
            Some(self.action.toward(Dir::Back))
        } else {
            None
        }
    }
}

const fn b(keys: &'static [Key], nl: &'static str, en: &'static str, action: Intent, bar: Bar) -> Binding {
    Binding { keys, back: &[], what: L(nl, en), action, bar, short: None }
}

/// A two-way binding: `back` keys go back, `on` keys go on (`action` is the on-going intent).
const fn two(
    back: &'static [Key],
    on: &'static [Key],
    nl: &'static str,
    en: &'static str,
    action: Intent,
    bar: Bar,
) -> Binding {
    Binding { keys: on, back, what: L(nl, en), action, bar, short: None }
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
    /// "Anders / combinatie": the group's own answer, typed.
    Other,
    /// A development of the gespreksleider's own, typed.
    Development,
    Decision,
    Dissent,
    Roles,
    SaveAs,
    Picker,
    /// `d` or `r` before an option: the option first.
    OptionFirst,
    /// The join screen of `play --devices`: a group's link and QR code.
    Join,
    /// A device answered while the console was editing the same group's answer.
    DeviceConflict,
    /// The closing round: actions, notes, findings and objectives, editable.
    Closing,
    /// A finding being recorded.
    FindingForm,
    /// An objective being assessed.
    Assess,
    /// `weerbaar review`: a finished session, read-only.
    Review,
    /// `weerbaar screen`: the audience screen, which only follows the log.
    Audience,
    /// Any screen of any program, before its own context: the terminal's own keys.
    Terminal,
}

impl Context {
    /// A screen of a running session with no field or question open: letters are commands
    /// here, and `W` saves the log elsewhere after a write failure.
    pub fn is_session_screen(self) -> bool {
        matches!(
            self,
            Context::FollowUp
                | Context::Agenda
                | Context::Card
                | Context::Compare
                | Context::Closing
                | Context::End
                | Context::Blackout
        )
    }

    pub const ALL: [Context; 30] = [
        Context::Setup,
        Context::SetupText,
        Context::FollowUp,
        Context::Agenda,
        Context::Card,
        Context::Compare,
        Context::Closing,
        Context::End,
        Context::Blackout,
        Context::Help,
        Context::Confirm,
        Context::ConfirmEnter,
        Context::Note,
        Context::ActionForm,
        Context::Rationale,
        Context::Other,
        Context::Development,
        Context::Decision,
        Context::Dissent,
        Context::Roles,
        Context::SaveAs,
        Context::Picker,
        Context::OptionFirst,
        Context::FindingForm,
        Context::Assess,
        Context::Join,
        Context::DeviceConflict,
        Context::Review,
        Context::Audience,
        Context::Terminal,
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
            Context::Closing => L("Afsluiting", "Closing round"),
            Context::FindingForm => L("Bevinding", "Finding"),
            Context::Assess => L("Doelstelling beoordelen", "Assess an objective"),
            Context::Blackout => L("Scherm op zwart", "Screen blanked"),
            Context::Help => L("Help", "Help"),
            Context::Confirm => L("Bevestigen", "Confirmation"),
            Context::ConfirmEnter => L("Bevestigen met Enter", "Confirm with Enter"),
            Context::Note => L("Notitie", "Note"),
            Context::ActionForm => L("Actiepunt", "Action item"),
            Context::Rationale => L("Toelichting", "Rationale"),
            Context::Other => L("Anders / combinatie", "Other / combination"),
            Context::Development => L("Eigen ontwikkeling", "A development of your own"),
            Context::Decision => L("Hoe besloten", "How they decided"),
            Context::Dissent => L("Afwijkende mening", "Dissenting roles"),
            Context::Roles => L("Rollen van een groep", "Roles of a group"),
            Context::SaveAs => L("Logboek elders opslaan", "Save the log elsewhere"),
            Context::Picker => L("Kaart toevoegen", "Add a card"),
            Context::OptionFirst => L("Eerst een optie", "An option first"),
            Context::Join => L("Aanmelden met een apparaat (--devices)", "Joining with a device (--devices)"),
            Context::DeviceConflict => {
                L("Een groep antwoordde zelf tijdens het bewerken", "A group answered itself during an edit")
            }
            Context::Review => L("Terugblik (weerbaar review)", "Review (weerbaar review)"),
            Context::Audience => L("Zaalscherm (weerbaar screen)", "Audience screen (weerbaar screen)"),
            Context::Terminal => L("Overal", "Everywhere"),
        }
    }
}

use Bar::{Hide, Pin, Show};
use Dir::On;
use Intent as A;
use KeyCode as K;

const HELP: Binding = b(&[Key::Char('?'), Key::Code(K::F(1))], "help", "help", A::Help, Pin);
/// `q` asks before it quits, wherever it is bound (the join screen hands it to the console):
/// the help says so; the status bar, short of room, says "afsluiten".
const QUIT: Binding =
    b(&[Key::Char('q')], "afsluiten (vraagt eerst)", "quit (asks first)", A::Quit, Pin).short("afsluiten", "quit");
/// Raw mode turns Ctrl-C into a key: it asks to quit, from anywhere.
const CTRL_C: Binding = b(&[Key::Ctrl('c')], "afsluiten (vraagt eerst)", "quit (asks first)", A::Quit, Hide);
const SAVE_ELSEWHERE: Binding = b(
    &[Key::Char('W')],
    "logboek elders opslaan (na een schrijffout)",
    "save the log elsewhere (after a write failure)",
    A::SaveElsewhere,
    Show,
);
const PRIVATE: Binding = b(
    &[Key::Char('v')],
    "zaalveilig / eigen weergave (vraagt eerst)",
    "room-safe / private view (asks first)",
    A::PrivateView,
    Hide,
);

/// The closing screen, from anywhere in a session (and after its end, for findings, the
/// objectives and the debrief); the same key goes back.
const CLOSING_KEY: Binding = b(&[Key::Char('c')], "afsluitronde", "closing round", A::Closing, Show);

/// Record a finding, on a card (about that card) and on the closing screen.
const FINDING: Binding = b(&[Key::Char('F')], "bevinding vastleggen", "record a finding", A::Finding, Show);
const FINDING_HIDDEN: Binding = Binding { bar: Hide, ..FINDING };

/// The keys of every screen of a running session (not the end screen, not during a blackout).
const SESSION: [Binding; 9] = [
    b(&[Key::Char('n')], "notitie", "note", A::Note, Show),
    b(&[Key::Char('a')], "actiepunt", "action item", A::NewAction, Show),
    CLOSING_KEY,
    b(&[Key::Char('p')], "klok pauzeren / verder", "pause / resume the clock", A::Pause, Hide),
    b(&[Key::Char('b')], "scherm op zwart", "blank the screen", A::Blackout, Hide),
    PRIVATE,
    LINKS,
    HELP,
    QUIT,
];

const SCROLL: [Binding; 2] = [
    two(&[Key::Code(K::Up)], &[Key::Code(K::Down)], "scrollen", "scroll", A::Scroll(On), Hide),
    two(
        &[Key::Code(K::PageUp)],
        &[Key::Code(K::PageDown)],
        "pagina terug / verder",
        "page back / on",
        A::Page(On),
        Hide,
    ),
];

/// ↑ ↓ k j through a list.
const fn select(nl: &'static str, en: &'static str, bar: Bar) -> Binding {
    two(&[Key::Code(K::Up), Key::Char('k')], &[Key::Code(K::Down), Key::Char('j')], nl, en, A::Select(On), bar)
}

const NEXT_FIELD: Binding =
    b(&[Key::Code(K::Down), Key::Code(K::Tab)], "volgend veld", "next field", A::NextField, Show);
const PREV_FIELD: Binding =
    b(&[Key::Code(K::Up), Key::Code(K::BackTab)], "vorig veld", "previous field", A::PrevField, Hide);

const SETUP: [Binding; 7] = [
    NEXT_FIELD,
    PREV_FIELD,
    b(&[Key::Code(K::Enter)], "verder / rollen / starten", "next / roles / start", A::SetupEnter, Show),
    two(
        &[Key::Code(K::Left)],
        &[Key::Code(K::Right), Key::Char(' ')],
        "agenda, taal of kleuren wisselen",
        "change agenda, language or colours",
        A::Cycle(On),
        Show,
    ),
    HELP,
    QUIT,
    b(&[Key::Code(K::Esc)], "afsluiten (vraagt eerst)", "quit (asks first)", A::Quit, Hide),
];

const SETUP_TEXT: [Binding; 8] = [
    NEXT_FIELD,
    PREV_FIELD,
    b(&[Key::Code(K::Enter)], "verder / rollen", "next / roles", A::SetupEnter, Show),
    b(&[Key::Ctrl('d')], "groep weghalen", "remove the group", A::RemoveGroup, Hide),
    b(&[Key::Text], "typen", "type", A::Type, Hide),
    b(
        &[
            Key::Code(K::Left),
            Key::Code(K::Right),
            Key::Code(K::Home),
            Key::Code(K::End),
            Key::Code(K::Backspace),
            Key::Code(K::Delete),
            Key::Ctrl('u'),
        ],
        "tekst bewerken (Ctrl-U: veld leegmaken)",
        "edit the text (Ctrl-U: clear the field)",
        A::Edit,
        Hide,
    ),
    b(&[Key::Code(K::F(1))], "help", "help", A::Help, Pin),
    b(&[Key::Code(K::Esc)], "afsluiten (vraagt eerst)", "quit (asks first)", A::Quit, Pin).short("afsluiten", "quit"),
];

const FOLLOW_UP: [Binding; 3] = [
    select("actie kiezen", "select an action", Show),
    b(
        &[Key::Digits('1', '3')],
        "1 gedaan · 2 onderweg · 3 niet begonnen (keuze blijft)",
        "1 done · 2 under way · 3 not started (stays selected)",
        A::Progress,
        Show,
    ),
    b(&[Key::Code(K::Enter)], "verder naar de agenda", "on to the agenda", A::Continue, Pin),
];

const AGENDA: [Binding; 10] = [
    select("kaart kiezen", "select a card", Show),
    b(&[Key::Code(K::Enter)], "kaart openen", "open the card", A::Open, Pin),
    b(&[Key::Char('s'), Key::Code(K::Delete)], "kaart overslaan", "skip the card", A::Skip, Show),
    b(&[Key::Shift(K::Up), Key::Char('K')], "kaart omhoog", "move the card up", A::MoveUp, Hide),
    b(&[Key::Shift(K::Down), Key::Char('J')], "kaart omlaag", "move the card down", A::MoveDown, Hide),
    b(&[Key::Char('D')], "voorgestelde kaarten schrappen", "drop the suggested cards", A::DropSuggested, Hide),
    UNDO,
    b(&[Key::Char('t'), Key::Char('+')], "kaart uit het deck toevoegen", "add a card from the deck", A::Pick, Show),
    b(&[Key::Char('E')], "sessie beëindigen", "end the session", A::EndSession, Show),
    b(&[Key::Code(K::Home)], "naar boven", "to the top", A::ScrollTop, Hide),
];

/// Undo the last step: a skipped or closed card back on the agenda, a development or an answer
/// taken back, a card opened by mistake back on the plan. It asks first, with Enter.
const UNDO: Binding = b(
    &[Key::Char('u')],
    "laatste stap ongedaan maken (vraagt eerst)",
    "undo the last step (asks first)",
    A::Undo,
    Show,
);

/// The facilitator notes' own pages (the box says "pagina 1/2 · ]").
const NOTES_PAGE: Binding =
    two(&[Key::Char('[')], &[Key::Char(']')], "notities bladeren", "page the notes", A::NotesPage(On), Hide);
const NOTES_PAGE_BAR: Binding = Binding { bar: Show, ..NOTES_PAGE };

const CARD: [Binding; 17] = [
    b(&[Key::Digits('1', '9')], "optie kiezen", "choose an option", A::Choose, Show),
    b(
        &[Key::Char('o')],
        "anders / combinatie (eigen antwoord, telt niet)",
        "other / combination (own answer, not scored)",
        A::OtherAnswer,
        Show,
    ),
    b(&[Key::Char('0')], "geen keuze (telt niet)", "no choice (not scored)", A::NoChoice, Hide),
    b(&[Key::Code(K::Tab)], "volgende groep", "next group", A::NextGroup, Show),
    b(&[Key::Code(K::BackTab)], "vorige groep", "previous group", A::PrevGroup, Hide),
    b(&[Key::Char('e')], "toelichting", "rationale", A::Rationale, Show),
    b(&[Key::Char('d')], "hoe besloten", "how they decided", A::Decided, Show),
    b(&[Key::Char('r')], "afwijkende mening", "dissenting roles", A::Dissent, Hide),
    b(
        &[Key::Char('i')],
        "ontwikkeling vrijgeven (vraagt eerst)",
        "release the next development (asks first)",
        A::Release,
        Show,
    ),
    b(
        &[Key::Char('I')],
        "eigen ontwikkeling schrijven (naar de zaal na Enter)",
        "write a development of your own (to the room after Enter)",
        A::WriteDevelopment,
        Hide,
    ),
    UNDO,
    b(
        &[Key::Code(K::Esc)],
        "terug naar de agenda (vóór het eerste antwoord)",
        "back to the agenda (before the first answer)",
        A::Back,
        Hide,
    ),
    b(&[Key::Char('f')], "notities voor de gespreksleider", "notes for the facilitator", A::Notes, Hide),
    NOTES_PAGE,
    b(&[Key::Code(K::Enter)], "antwoorden tonen", "reveal the answers", A::Reveal, Pin),
    b(
        &[Key::Char('x')],
        "kaart sluiten zonder tonen (vraagt eerst)",
        "close the card without a reveal (asks first)",
        A::CloseUnrevealed,
        Hide,
    ),
    FINDING_HIDDEN,
];

const COMPARE: [Binding; 4] = [
    b(&[Key::Code(K::Enter)], "verder naar de agenda", "on to the agenda", A::Continue, Pin),
    b(&[Key::Char('f')], "notities voor de gespreksleider", "notes for the facilitator", A::Notes, Show),
    NOTES_PAGE_BAR,
    FINDING,
];

const END: [Binding; 5] =
    [b(&[Key::Code(K::Home)], "naar boven", "to the top", A::ScrollTop, Hide), CLOSING_KEY, PRIVATE, HELP, QUIT];

/// The closing round: a list of actions, notes, objectives and findings; the session's own
/// keys (`n`, `a`) add to it.
const CLOSING: [Binding; 5] = [
    select("regel kiezen", "select a row", Show),
    b(
        &[Key::Code(K::Enter)],
        "wijzigen (actie, notitie) / beoordelen (doelstelling)",
        "change (action, note) / assess (objective)",
        A::EditItem,
        Show,
    ),
    FINDING,
    b(
        &[Key::Char('w')],
        "verslag schrijven (HTML en Word, naast het logboek)",
        "write the debrief (HTML and Word, beside the log)",
        A::WriteDebrief,
        Show,
    ),
    b(&[Key::Code(K::Esc), Key::Char('c')], "terug", "back", A::Closing, Pin),
];

const BLACKOUT: [Binding; 3] =
    [b(&[Key::Char('b')], "scherm terug", "show the screen again", A::Blackout, Pin), HELP, QUIT];

const HELP_OVERLAY: [Binding; 1] = [b(
    &[Key::Code(K::Esc), Key::Code(K::Enter), Key::Char('?'), Key::Code(K::F(1))],
    "help sluiten",
    "close the help",
    A::Close,
    Pin,
)];

const NO: Binding = b(&[Key::Char('n'), Key::Code(K::Esc)], "nee", "no", A::No, Pin);

const CONFIRM: [Binding; 2] = [b(&[Key::Word('j', 'y')], "ja", "yes", A::Yes, Pin), NO];

/// The yes of a box that asks with Enter: "ja" in the status bar, "ja: naar de zaal" in the box.
const CONFIRM_ENTER: [Binding; 2] = [
    b(&[Key::Code(K::Enter)], "ja", "yes", A::Yes, Pin),
    b(&[Key::Code(K::Esc), Key::Char('n')], "nee", "no", A::No, Pin),
];

const SAVE: Binding = b(&[Key::Code(K::Enter)], "opslaan", "save", A::Save, Pin);
const CANCEL: Binding = b(&[Key::Code(K::Esc)], "annuleren", "cancel", A::Cancel, Pin);
/// In a form with text: Esc asks first (a second Esc throws the text away).
const CANCEL_TEXT: Binding = b(&[Key::Code(K::Esc)], "annuleren (tekst: 2×)", "cancel (text: 2×)", A::Cancel, Pin);
const TYPE: Binding = b(&[Key::Text], "typen", "type", A::Type, Hide);
/// Editing in a form whose ← → choose (note, action): ↑ ↓ Home End ⌫ Del Ctrl-U.
const EDIT_LINES: Binding = b(
    &[Key::Editing],
    "tekst bewerken (↑ ↓ gaan ook naar het veld erboven of eronder)",
    "edit the text (↑ ↓ also go to the field above or below)",
    A::Edit,
    Hide,
);
const EDIT: Binding =
    b(&[Key::Code(K::Left), Key::Code(K::Right), Key::Editing], "tekst bewerken", "edit the text", A::Edit, Hide);

/// The note and the action item: fields to choose (← →) and fields to type in.
const FORM: [Binding; 7] = [
    SAVE,
    CANCEL_TEXT,
    b(&[Key::Code(K::Tab)], "volgend veld", "next field", A::NextField, Show),
    b(&[Key::Code(K::BackTab)], "vorig veld", "previous field", A::PrevField, Hide),
    two(&[Key::Code(K::Left)], &[Key::Code(K::Right)], "kiezen / cursor", "choose / cursor", A::Cycle(On), Show),
    TYPE,
    EDIT_LINES,
];

const TEXT_ONLY: [Binding; 4] = [SAVE, CANCEL_TEXT, TYPE, EDIT];

const DECISION: [Binding; 4] = [
    select("kiezen", "select", Show),
    b(&[Key::Digits('1', '5')], "kiezen en opslaan", "choose and save", A::Choose, Show),
    SAVE,
    CANCEL,
];

const TOGGLES: [Binding; 3] = [
    b(&[Key::Digits('1', '9')], "rol aan / uit", "toggle a role", A::Toggle, Show),
    b(&[Key::Code(K::Enter)], "opslaan", "save", A::Save, Pin),
    CANCEL,
];

const OPTION_FIRST: [Binding; 2] = [
    b(&[Key::Digits('1', '9')], "optie van de groep, dan verder", "the group's option, then on", A::Choose, Show),
    CANCEL,
];

const ROLES: [Binding; 2] = [
    b(&[Key::Digits('1', '6')], "rol aan / uit", "toggle a role", A::Toggle, Show),
    b(&[Key::Code(K::Enter), Key::Code(K::Esc)], "klaar", "done", A::Close, Pin),
];

const PICKER: [Binding; 4] = [
    select("kaart kiezen", "select a card", Show),
    two(&[Key::Code(K::Left)], &[Key::Code(K::Right)], "thema filteren", "filter by theme", A::Cycle(On), Show),
    b(&[Key::Code(K::Enter)], "als volgende op de agenda", "next on the agenda", A::Save, Pin),
    CANCEL,
];

/// The key that shows the device links (join screen) again, from the agenda or a card.
pub const LINKS: Binding = b(
    &[Key::Char('l')],
    "links voor de apparaten (eigen weergave)",
    "links for the devices (private view)",
    A::Links,
    Hide,
);

const JOIN: [Binding; 7] = [
    two(&[Key::Code(K::Left)], &[Key::Code(K::Right)], "andere groep", "another group", A::Select(On), Show),
    two(
        &[Key::Code(K::Up), Key::Code(K::BackTab)],
        &[Key::Code(K::Down), Key::Code(K::Tab), Key::Char(' ')],
        "ook: andere groep",
        "also: another group",
        A::Select(On),
        Hide,
    ),
    b(&[Key::Digits('1', '8')], "groep kiezen", "choose a group", A::Choose, Hide),
    b(&[Key::Code(K::Enter), Key::Code(K::Esc)], "verder", "go on", A::Close, Pin),
    b(
        &[Key::Char('l')],
        "verder (l toont dit scherm later weer)",
        "go on (l shows this screen again later)",
        A::Close,
        Hide,
    ),
    HELP,
    QUIT,
];

const DEVICE_CONFLICT: [Binding; 2] = [
    b(
        &[Key::Char('t')],
        "het antwoord van het apparaat blijft staan",
        "the device's answer stands",
        A::DeviceStands,
        Pin,
    ),
    b(
        &[Key::Char('c')],
        "het antwoord van de console blijft staan",
        "the console's answer stands",
        A::ConsoleStands,
        Pin,
    ),
];

const REVIEW: [Binding; 9] = [
    b(&[Key::Code(K::Right), Key::Code(K::Enter), Key::Char(' ')], "volgende kaart", "next card", A::NextPage, Show),
    b(&[Key::Code(K::Left), Key::Code(K::Backspace)], "vorige kaart", "previous card", A::PrevPage, Show),
    b(&[Key::Code(K::Home)], "eerste kaart", "first card", A::FirstPage, Hide),
    b(&[Key::Code(K::End)], "nabespreking", "debrief", A::LastPage, Hide),
    SCROLL[0],
    two(&[Key::Code(K::PageUp)], &[Key::Code(K::PageDown)], "scrollen per pagina", "scroll a page", A::Page(On), Hide),
    b(&[Key::Char('f')], "notities voor de gespreksleider", "notes for the facilitator", A::Notes, Show),
    HELP,
    // The review changes nothing: every way out closes at once (Ctrl-C too), and says so.
    b(
        &[Key::Char('q'), Key::Code(K::Esc), Key::Ctrl('c')],
        "sluiten (vraagt niets)",
        "close (asks nothing)",
        A::Quit,
        Pin,
    )
    .short("sluiten", "close"),
];

/// The audience screen loses nothing by closing: it asks nothing, Ctrl-C included.
const AUDIENCE: [Binding; 1] = [b(
    &[Key::Char('q'), Key::Code(K::Esc), Key::Ctrl('c')],
    "zaalscherm sluiten",
    "close the audience screen",
    A::Quit,
    Pin,
)];

const TERMINAL: [Binding; 1] = [b(
    &[Key::Ctrl('z')],
    "even naar de shell (fg komt terug; alleen Linux en macOS)",
    "step out to the shell (fg comes back; Linux and macOS only)",
    A::Suspend,
    Hide,
)];

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
        // The session's keys but `c`, which is the way back here.
        Context::Closing => [&CLOSING[..], &SESSION[..2], &SESSION[3..]].concat(),
        Context::Blackout => BLACKOUT.to_vec(),
        Context::Help => HELP_OVERLAY.to_vec(),
        Context::Confirm => CONFIRM.to_vec(),
        Context::ConfirmEnter => CONFIRM_ENTER.to_vec(),
        Context::Note | Context::ActionForm | Context::FindingForm | Context::Assess => FORM.to_vec(),
        Context::Rationale | Context::Other | Context::Development | Context::SaveAs => TEXT_ONLY.to_vec(),
        Context::Decision => DECISION.to_vec(),
        Context::Dissent => TOGGLES.to_vec(),
        Context::Roles => ROLES.to_vec(),
        Context::Picker => PICKER.to_vec(),
        Context::OptionFirst => OPTION_FIRST.to_vec(),
        Context::Join => JOIN.to_vec(),
        Context::DeviceConflict => DEVICE_CONFLICT.to_vec(),
        Context::Review => return REVIEW.to_vec(),
        Context::Audience => return AUDIENCE.to_vec(),
        Context::Terminal => return TERMINAL.to_vec(),
    };
    out.push(CTRL_C);
    if log_failed && context.is_session_screen() {
        out.insert(0, SAVE_ELSEWHERE);
    }
    out
}

/// What a key press means in a context: the intent, and the digit for digit bindings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub intent: Intent,
    /// 0 for `1`, 1 for `2`, …; only for digit bindings.
    pub digit: Option<usize>,
}

impl Hit {
    /// For two-way intents: whether the key goes on (↓ → PgDn j).
    pub fn forward(&self) -> bool {
        self.intent.forward()
    }
}

/// The binding of `context` that answers to `key`, if any (there is at most one: see the test
/// `no_key_means_two_things`).
pub fn lookup(context: Context, log_failed: bool, key: &KeyEvent) -> Option<Hit> {
    bindings(context, log_failed).into_iter().find_map(|binding| {
        let action = binding.hit(key)?;
        let digit = match key.code {
            KeyCode::Char(c) if binding.keys.iter().any(|k| matches!(k, Key::Digits(..))) => {
                (c as usize).checked_sub('1' as usize)
            }
            _ => None,
        };
        Some(Hit { intent: action, digit })
    })
}

/// Whether `key` is the terminal's suspend key (Ctrl-Z), whatever the screen.
pub fn suspends(key: &KeyEvent) -> bool {
    lookup(Context::Terminal, false, key).is_some_and(|h| h.intent == Intent::Suspend)
}

/// The main key of the binding for `intent` in `context`, as a hint or a box names it ("j", "Esc"
/// of "n Esc" is not the main one: "n").
pub fn keys_for_hint(context: Context, intent: Intent, lang: Lang) -> Option<String> {
    bindings(context, true).into_iter().find(|b| b.action == intent).map(|b| b.main_keys(lang))
}

/// The keys of the binding for `intent` in `context`, as written in `lang` ("u", "← →").
pub fn keys_for(context: Context, intent: Intent, lang: Lang) -> Option<String> {
    bindings(context, true).into_iter().find(|b| b.action == intent).map(|b| b.shown(lang))
}

/// A hint with its keys filled in from the table: every `{Context.Intent}` in `text` (for example
/// `{Agenda.Undo}`, `{Join.Select}`) becomes the main key of that binding ([`Binding::main_keys`]:
/// `t` of `t +`, `← →` of `← → ↑ ↓`), so a hint follows the
/// table when a key changes. A directional intent is named without its direction. An unknown
/// name is left as it is (a test checks every hint resolves).
pub fn with_keys(text: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(len) = rest[open..].find('}') else { break };
        let token = &rest[open + 1..open + len];
        out.push_str(&rest[..open]);
        match resolve(token, lang) {
            Some(keys) => out.push_str(&keys),
            None => out.push_str(&rest[open..=open + len]),
        }
        rest = &rest[open + len + 1..];
    }
    out.push_str(rest);
    out
}

fn resolve(token: &str, lang: Lang) -> Option<String> {
    let (context, intent) = token.split_once('.')?;
    let context = Context::ALL.into_iter().find(|c| format!("{c:?}") == context)?;
    bindings(context, true)
        .into_iter()
        .find(|b| {
            let name = format!("{:?}", b.action);
            name == intent || name.split('(').next() == Some(intent)
        })
        .map(|b| b.main_keys(lang))
}

pub const README_START: &str =
    "<!-- keys:start (generated from src/ui/keymap.rs; WEERBAAR_UPDATE_README=1 cargo test --test it readme) -->";
pub const README_END: &str = "<!-- keys:end -->";

/// The README's key table, one section per context, in English.
pub fn readme_table() -> String {
    let mut out = String::new();
    for context in Context::ALL {
        out.push_str(&format!("\n**{}**\n\n| key | what | status bar |\n|---|---|---|\n", context.name().1));
        for binding in bindings(context, true) {
            let keys: Vec<String> = binding.labels(Lang::En).iter().map(|k| format!("`{k}`")).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key event a table could answer to: printable characters, plain and shifted, the
    /// special keys with every modifier, Ctrl-letters.
    fn every_key() -> Vec<KeyEvent> {
        let mods = [KeyModifiers::NONE, KeyModifiers::SHIFT, KeyModifiers::CONTROL, KeyModifiers::ALT];
        let mut codes: Vec<KeyCode> = (' '..='~').map(KeyCode::Char).collect();
        codes.extend(['é', '€'].map(KeyCode::Char));
        codes.extend([
            K::Up,
            K::Down,
            K::Left,
            K::Right,
            K::Enter,
            K::Esc,
            K::Tab,
            K::BackTab,
            K::Home,
            K::End,
            K::PageUp,
            K::PageDown,
            K::Backspace,
            K::Delete,
            K::Insert,
        ]);
        codes.extend((1..=12).map(K::F));
        codes.into_iter().flat_map(|c| mods.map(|m| KeyEvent::new(c, m))).collect()
    }

    #[test]
    fn no_key_means_two_things() {
        for context in Context::ALL {
            let table = bindings(context, true);
            for key in every_key() {
                let meanings: Vec<String> = table
                    .iter()
                    .filter(|b| b.hit(&key).is_some())
                    .map(|b| format!("{} ({})", b.shown(Lang::En), b.what.1))
                    .collect();
                assert!(meanings.len() <= 1, "{context:?}: {key:?} is bound twice: {meanings:?}");
            }
        }
    }

    #[test]
    fn the_terminal_keys_are_free_everywhere() {
        // Ctrl-Z goes to the terminal before any screen: no table may give it a meaning.
        let suspend = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
        assert!(suspends(&suspend));
        for context in Context::ALL.into_iter().filter(|c| *c != Context::Terminal) {
            assert_eq!(lookup(context, true, &suspend), None, "{context:?}");
        }
    }

    #[test]
    fn a_label_is_written_from_its_keys() {
        let help = HELP_OVERLAY[0];
        assert_eq!(help.shown(Lang::En), "Esc Enter ? F1");
        assert_eq!(AGENDA[0].shown(Lang::Nl), "↑ ↓ k j");
        assert_eq!(CONFIRM[0].shown(Lang::Nl), "j");
        assert_eq!(CONFIRM[0].shown(Lang::En), "y");
        assert_eq!(REVIEW[0].shown(Lang::En), "→ Enter Space");
        assert_eq!(REVIEW[0].shown(Lang::Nl), "→ Enter spatie");
    }

    #[test]
    fn yes_is_j_and_y_in_either_language_and_either_case() {
        for c in ['j', 'J', 'y', 'Y'] {
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(lookup(Context::Confirm, false, &key).map(|h| h.intent), Some(Intent::Yes), "{c}");
        }
    }

    #[test]
    fn a_two_way_key_names_its_direction() {
        let press = |code| lookup(Context::Agenda, false, &KeyEvent::new(code, KeyModifiers::NONE)).map(|h| h.intent);
        assert_eq!(press(K::Up), Some(Intent::Select(Dir::Back)));
        assert_eq!(press(K::Char('k')), Some(Intent::Select(Dir::Back)));
        assert_eq!(press(K::Down), Some(Intent::Select(Dir::On)));
        assert_eq!(press(K::Char('j')), Some(Intent::Select(Dir::On)));
        let join = |code| lookup(Context::Join, false, &KeyEvent::new(code, KeyModifiers::NONE)).map(|h| h.intent);
        assert_eq!(join(K::Left), Some(Intent::Select(Dir::Back)));
        assert_eq!(join(K::Char(' ')), Some(Intent::Select(Dir::On)));
    }

    #[test]
    fn hints_take_their_keys_from_the_table() {
        assert_eq!(with_keys("druk op {Agenda.Undo}", Lang::Nl), "druk op u");
        assert_eq!(with_keys("{Join.Select} andere groep", Lang::Nl), "← → andere groep");
        assert_eq!(with_keys("{min} min", Lang::Nl), "{min} min");
        assert_eq!(with_keys("{Nowhere.Undo}", Lang::Nl), "{Nowhere.Undo}");
    }
}
