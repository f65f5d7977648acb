//! Weerbaar: facilitator-led tabletop exercises on digital safety for Dutch municipalities.
//!
//! The library holds everything but the command line, so tests, benchmarks and other front
//! ends share one engine: the deck ([`scenario`]), the session engine ([`session`]), the
//! append-only log ([`log`]), the terminal UI ([`ui`]), the reports ([`debrief`]) and the
//! delegations' own answer pages ([`devices`]). The command line ([`cli`]) lives here too, one
//! module per command, so `main.rs` only parses, dispatches and reports errors.

pub mod anonymize;
pub mod cli;
pub mod debrief;
pub mod devices;
pub mod log;
pub mod peers;
pub mod scenario;
pub mod series;
pub mod session;
pub mod ui;
