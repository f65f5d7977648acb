//! The session engine: commands → events → state, with a clock, no terminal and no file, so the
//! console, the audience screen, the review mode and the reports share one truth.

pub mod action;
pub mod clock;
mod describe;
pub mod engine;
pub mod event;
pub mod journal;
pub mod pacing;
pub mod room;
pub mod setup;
pub mod simulate;
pub mod state;
pub mod undo;

pub use action::{DueError, Owner, due_example, parse_due, show_date};
pub use clock::{Clock, ManualClock, SystemClock};
pub use engine::{Command, Refusal, Session, SessionError, decide};
pub use event::{
    ActionDetail, DEFAULT_MINUTES, Decision, Event, FindingKind, GroupId, GroupSetup, MAX_GROUPS, MIN_GROUPS,
    NO_CHOICE, OTHER, Outside, PEERS_MIN, Paged, PeerCard, PreviousAction, PreviousAnswer, PreviousSession, Priority,
    Progress, Rating, Record, Setup, Source, Visibility,
};
pub use journal::{Journal, MemoryJournal};
pub use pacing::{Pacing, pacing};
pub use setup::{
    GroupSpecError, MAX_MINUTES, MIN_MINUTES, SetupBuilder, SetupError, default_title, minutes_from_text, parse_group,
    validate_setup,
};
pub use state::{Action, Assessment, Choice, Finding, Note, Play, State, Suggestion};
pub use undo::{NoUndo, Undo, last_step};
