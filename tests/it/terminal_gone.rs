#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! A terminal that goes away under a running program (a closed window, a dropped ssh
//! connection, a test's pseudo-terminal) must end the program, and a signal must end it even when
//! its screen is stalled: a program left running on no terminal burns a core (crossterm's reader
//! spins on a hung-up terminal) and holds the session's log locked.

use std::io::{Read, Write};
use std::time::Duration;

use crate::common;
use common::pty::{Program, blocked_in_write, terminal_nobody_reads};

/// Reads the terminal until `text` has been drawn (or gives up after the test's patience). No
/// reader thread: the test must be able to close its side for good.
fn wait_for_screen(master: &mut std::fs::File, text: &str) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let mut seen = Vec::new();
    let mut buf = [0u8; 65536];
    let start = std::time::Instant::now();
    let tenth = Timespec { tv_sec: 0, tv_nsec: 100_000_000 };
    while !String::from_utf8_lossy(&seen).contains(text) {
        assert!(start.elapsed() < common::tmux::PATIENCE, "{text:?} never drawn");
        let mut fds = [PollFd::new(&*master, PollFlags::IN)];
        if poll(&mut fds, Some(&tenth)).unwrap() > 0 {
            let n = master.read(&mut buf).unwrap();
            seen.extend_from_slice(&buf[..n]);
        }
    }
}

#[test]
fn every_full_screen_program_ends_when_its_terminal_goes_away() {
    let dir = tempfile::tempdir().unwrap();
    let deck = common::deck_dir().display().to_string();
    // A short log for `review` and `screen` to open.
    let log = dir.path().join("s.jsonl");
    let session = weerbaar::session::Session::start(
        common::deck(),
        common::setup("Laren", &["Laren", "Huizen"], "gemengd"),
        &log,
        common::clock(),
    )
    .unwrap();
    drop(session);
    let log = log.display().to_string();
    // The setup form, the console, `review` and `screen`: each waits a minute or an hour for
    // its next tick, so only the hang-up itself can end it.
    let programs: [(&[&str], &str); 4] = [
        (&["play", "--deck", &deck, "--log", "new.jsonl"], "Nieuwe sessie"),
        (&["play", "--deck", &deck, "--group", "Laren", "--group", "Huizen", "--log", "p.jsonl"], "Laren"),
        (&["review", &log], "Laren"),
        (&["screen", &log], "Laren"),
    ];
    for (args, shown) in programs {
        let (mut master, terminal) = terminal_nobody_reads();
        let mut program = Program::start(args, dir.path(), &terminal);
        drop(terminal);
        wait_for_screen(&mut master, shown);
        drop(master);
        let status = program.ended_within(Duration::from_secs(10));
        let status = status.unwrap_or_else(|| panic!("{args:?} still runs 10 s after its terminal went away"));
        // As a hang-up ends a program (128 + SIGHUP).
        assert_eq!(status.code(), Some(129), "{args:?}: {status:?}");
    }
}

#[test]
fn a_signal_ends_the_console_while_its_screen_is_stalled() {
    let dir = tempfile::tempdir().unwrap();
    let deck = common::deck_dir().display().to_string();
    let (mut master, terminal) = terminal_nobody_reads();
    let args = ["play", "--deck", &deck, "--group", "Laren", "--group", "Huizen", "--log", "s.jsonl"];
    let mut console = Program::start(&args, dir.path(), &terminal);
    drop(terminal);
    // Help on, help off, ... each a new frame, until the unread screen is full and the console
    // hangs in its write.
    let mut sent = 0;
    while !blocked_in_write(console.pid()) {
        assert!(sent < 3000, "the console never blocked");
        master.write_all(b"\x1bOP").unwrap(); // F1: help on, help off (never a letter: letters in a row are a word)
        sent += 1;
        std::thread::sleep(Duration::from_millis(10));
    }
    let killed = std::process::Command::new("kill").args(["-TERM", &console.pid().to_string()]).status();
    assert!(killed.unwrap().success());
    let status = console.ended_within(Duration::from_secs(10));
    let status = status.expect("SIGTERM did not end a console whose screen nobody reads");
    // The shell sees that SIGTERM ended it.
    use std::os::unix::process::ExitStatusExt;
    assert!(status.signal() == Some(15) || status.code() == Some(128 + 15), "{status:?}");
    drop(master);
}
