//! The terminal UI: the facilitator console. State → widgets ([`screens`]), keys → engine
//! commands ([`app`]); the loop in [`run`] is the only part that touches a real terminal.

pub mod app;
pub mod audience;
pub mod i18n;
pub mod keys;
pub mod review;
pub mod run;
pub mod screens;
pub mod setup;
pub mod text_field;
pub mod theme;
pub mod widgets;

pub use app::{App, Launch, Level, Mode, Overlay, Screen};
pub use setup::SetupForm;
