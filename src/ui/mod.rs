//! The terminal UI: the facilitator console. Keys → [`intent::Intent`]s through one
//! [`keymap`] per context, carried out in [`update`] on the [`app`]'s state; state →
//! [`model`] and [`screens::ConsoleView`] → widgets ([`screens`]). The loop in [`run`] is the
//! only part that touches a real terminal.

pub mod app;
pub mod audience;
pub mod i18n;
pub mod intent;
pub mod keymap;
pub mod model;
pub mod review;
pub mod run;
pub mod screens;
pub mod setup;
pub mod text_field;
pub mod theme;
pub mod update;
pub mod widgets;

pub use app::{App, Mode};
pub use model::{Confirm, Launch, Level, Overlay, Screen};
pub use setup::SetupForm;
