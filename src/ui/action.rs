//! What the facilitator means by a key, without the key: the keymap ([`super::keymap`]) turns
//! keys into actions per context, and the update ([`super::update`]) carries them out.

/// One thing the facilitator can ask the console to do. Digit keys carry their digit separately
/// (see [`super::keymap::Hit`]), so one binding covers `1`–`9`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    // Everywhere in a session.
    Help,
    Quit,
    Blackout,
    Note,
    NewAction,
    Pause,
    SaveElsewhere,
    PrivateView,
    // Lists and scrolling; the direction comes from which key of the binding was pressed
    // (see [`super::keymap::Hit::forward`]).
    Select,
    Scroll,
    Page,
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
    Decided,
    Dissent,
    Release,
    Notes,
    /// `[` `]`: a page of the facilitator notes back or on.
    NotesPage,
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
    Cycle,
    Type,
    Edit,
    Toggle,
    Yes,
    No,
    Close,
    // Review (read-only, page by page).
    NextPage,
    PrevPage,
    FirstPage,
    LastPage,
    // Setup.
    SetupEnter,
    RemoveGroup,
}
