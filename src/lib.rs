//! Weerbaar: facilitator-led tabletop exercises on digital safety for Dutch municipalities.
//!
//! The library holds everything, the command line too, so tests, benchmarks and other front
//! ends share one engine. Its modules, bottom floor first (a module uses only its own floor and
//! those below; `docs/design.md` draws the floors, `tests/it/layers.rs` checks them):
//! - [`scenario`]: the deck: model, loader, checker, bilingual text;
//! - [`session`]: the engine: commands → events → state, the room rule ([`session::room`]),
//!   the journal a session writes through ([`session::journal`]); no file, no terminal;
//! - [`log`]: the file journal (append-only JSON Lines), its readers and follower, and opening
//!   a session on a log; [`anonymize`]: making reports fit to publish;
//! - [`report`]: the skeleton every report is written through (Markdown, HTML, Word, charts);
//! - [`series`]: many logs at once, and the tallies `play --peers` shows ([`peers`]);
//! - [`debrief`]: the reports of a session;
//! - [`ui`]: the terminal: console, review, audience screen;
//! - [`devices`]: the delegations' own answer pages.
//! - [`cli`]: the command line, one module per command, so `main.rs` only parses, dispatches
//!   and reports errors.

pub mod anonymize;
pub mod cli;
pub mod debrief;
pub mod devices;
pub mod log;
pub mod peers;
pub mod report;
pub mod scenario;
pub mod series;
pub mod session;
pub mod ui;
