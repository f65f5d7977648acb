//! One integration test crate: every module below used to be its own test binary (24 binaries of 100-150 MiB each).
//! One crate links once; the shared helpers live in `common`.

mod agenda_clock;
mod audience;
mod authoring;
mod beamer;
mod check;
mod cli;
mod closing;
mod closing_room;
mod common;
mod console;
mod crash;
mod debrief;
mod debrief_tables;
mod deck;
mod deck_coverage;
mod devices;
#[cfg(target_os = "linux")] // /proc (threads, memory, sockets) and openpty
mod devices_attack;
#[cfg(target_os = "linux")] // openpty
mod early_keys;
mod engine;
mod examples;
mod faults;
mod findings;
mod follow_up;
mod follow_up_groups;
mod follow_up_tmux;
mod forgiving;
mod keyboard;
mod layers;
mod monkey;
mod pacing_groups;
mod peers;
mod peers_names;
mod platform;
mod published;
mod published_redteam;
mod review;
mod room_pages;
mod series;
mod series_print;
mod setup_colours;
#[cfg(target_os = "linux")] // openpty and /proc
mod terminal_gone;
mod tmux;
mod whole_words;
mod wine_fixtures;
