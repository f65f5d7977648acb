//! What the facilitator means by a key, without the key: the keymap ([`super::keymap`]) turns
//! keys into intents per context, and the update ([`super::update`]) carries them out. Named
//! `Intent`, not `Action`: an action is the take-home action a municipality agrees to.

/// Which way a two-way key goes: back (↑ ← PgUp k, Shift-Tab) or on (↓ → PgDn j, Tab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dir {
    Back,
    On,
}

/// One thing the facilitator can ask the console to do. Digit keys carry their digit separately
/// (see [`super::keymap::Hit`]), so one binding covers `1`–`9`; keys that go two ways carry
/// their direction, so no table depends on the order its keys are listed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Intent {
    // Everywhere in a session.
    Help,
    Quit,
    Blackout,
    Note,
    NewAction,
    Pause,
    SaveElsewhere,
    PrivateView,
    /// Ctrl-Z: the console steps aside for the shell (Unix), the terminal restored.
    Suspend,
    // Lists and scrolling.
    Select(Dir),
    Scroll(Dir),
    Page(Dir),
    ScrollTop,
    // Agenda.
    Open,
    Skip,
    MoveUp,
    MoveDown,
    DropSuggested,
    /// `u`: undo the last step (asks first, with Enter).
    Undo,
    /// Esc on a card before any answer: back to the agenda, the card still planned.
    Back,
    Pick,
    EndSession,
    // Card, before the reveal.
    Choose,
    NextGroup,
    PrevGroup,
    Rationale,
    /// `o`: an answer outside the options ("anders / combinatie"), in the group's own words.
    OtherAnswer,
    /// `0`: the group chooses none of the options ("geen keuze").
    NoChoice,
    Decided,
    Dissent,
    Release,
    /// `I`: a development of the gespreksleider's own, typed, to the room after Enter.
    WriteDevelopment,
    Notes,
    /// `[` `]`: a page of the facilitator notes back or on.
    NotesPage(Dir),
    Reveal,
    CloseUnrevealed,
    // Compare and follow-up.
    Continue,
    Progress,
    // Forms, choosers and confirmations.
    Save,
    Cancel,
    NextField,
    PrevField,
    /// ← → on a chooser: agenda, language, group, owner, theme filter.
    Cycle(Dir),
    Type,
    Edit,
    Toggle,
    Yes,
    No,
    Close,
    // Closing round.
    /// `c`: the closing screen, from anywhere in a session, and back.
    Closing,
    /// `F`: record a finding (strength or point for improvement).
    Finding,
    /// Enter on the closing screen: correct the selected action or note, assess an objective.
    EditItem,
    /// `w` on the closing screen: write the debrief (HTML and Word) beside the log.
    WriteDebrief,
    // Review (read-only, page by page).
    NextPage,
    PrevPage,
    FirstPage,
    LastPage,
    // Setup.
    SetupEnter,
    RemoveGroup,
    // The join screen of `--devices` and its answer conflict.
    /// Show the device links (join screen) again.
    Links,
    /// A device answered while the console edited the same group: the device's answer stands.
    DeviceStands,
    /// … or the console's.
    ConsoleStands,
}

impl Intent {
    /// The same intent going `dir` (unchanged for intents without a direction).
    pub fn toward(self, dir: Dir) -> Intent {
        match self {
            Intent::Select(_) => Intent::Select(dir),
            Intent::Scroll(_) => Intent::Scroll(dir),
            Intent::Page(_) => Intent::Page(dir),
            Intent::NotesPage(_) => Intent::NotesPage(dir),
            Intent::Cycle(_) => Intent::Cycle(dir),
            other => other,
        }
    }

    /// The direction of a two-way intent; `None` for the others.
    pub fn dir(self) -> Option<Dir> {
        match self {
            Intent::Select(d) | Intent::Scroll(d) | Intent::Page(d) | Intent::NotesPage(d) | Intent::Cycle(d) => {
                Some(d)
            }
            _ => None,
        }
    }

    /// Whether a two-way intent goes on (down, right, next).
    pub fn forward(self) -> bool {
        self.dir() == Some(Dir::On)
    }
}
