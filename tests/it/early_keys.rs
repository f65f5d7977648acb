#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! A key pressed while the console is still starting (a facilitator who presses F1 the moment
//! the program opens) is answered once the console is up, without pressing it again.

use std::io::{Read, Write};
use std::time::Duration;

use crate::common;
use common::pty::{Program, terminal_nobody_reads};

#[test]
fn a_key_pressed_before_the_first_frame_is_answered() {
    let dir = tempfile::tempdir().unwrap();
    let deck = common::deck_dir().display().to_string();
    let (mut master, terminal) = terminal_nobody_reads();
    // F1 before the program even runs: it waits in the terminal until the program reads it.
    master.write_all(b"\x1bOP").unwrap();
    let args = ["play", "--deck", &deck, "--group", "Laren", "--group", "Huizen", "--log", "s.jsonl"];
    let _console = Program::start(&args, dir.path(), &terminal);
    drop(terminal);
    // The help overlay, drawn once: the key was read, not left in a buffer until the next one.
    let mut seen = Vec::new();
    let mut buf = [0u8; 65536];
    let start = std::time::Instant::now();
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    let tenth = Timespec { tv_sec: 0, tv_nsec: 100_000_000 };
    while !String::from_utf8_lossy(&seen).contains("Toetsen") {
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the key pressed at the start was never answered: {}",
            String::from_utf8_lossy(&seen)
        );
        let mut fds = [PollFd::new(&master, PollFlags::IN)];
        if poll(&mut fds, Some(&tenth)).unwrap() > 0 {
            let n = master.read(&mut buf).unwrap();
            seen.extend_from_slice(&buf[..n]);
        }
    }
}
