//! One integration test crate: every module below used to be its own test binary (24 binaries of 100-150 MiB each).
//! One crate links once; the shared helpers live in `common`.

mod agenda_clock;
mod audience;
mod beamer;
mod check;
mod common;
mod console;
mod crash;
mod debrief;
mod debrief_tables;
mod deck;
mod deck_coverage;
mod devices;
mod engine;
mod faults;
mod follow_up;
mod follow_up_groups;
mod follow_up_tmux;
mod keyboard;
mod monkey;
mod peers;
mod peers_names;
mod platform;
mod published;
mod review;
mod series;
mod setup_colours;
mod tmux;
mod wine_fixtures;
