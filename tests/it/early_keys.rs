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

/// A signal that comes while the console is still starting (the facilitator's terminal closed
/// at once, a service manager stopping it) ends the program as it would later: by that signal,
/// with the terminal given back in order. The console answers signals from before its first
/// frame, but starts the thread that answers them after it; sent at a range of moments, the
/// signal falls before, inside and after that window, and once after the first frame for sure.
#[test]
fn a_signal_while_the_console_starts_ends_it_with_the_terminal_restored() {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::unix::process::ExitStatusExt;
    let deck = common::deck_dir().display().to_string();
    // Milliseconds after the start; `None`: once the alternate screen is there.
    let moments = [Some(0), Some(2), Some(5), Some(10), Some(20), Some(40), Some(80), None];
    for moment in moments {
        let dir = tempfile::tempdir().unwrap();
        let (mut master, terminal) = terminal_nobody_reads();
        let args = ["play", "--deck", &deck, "--group", "Laren", "--group", "Huizen", "--log", "s.jsonl"];
        let mut console = Program::start(&args, dir.path(), &terminal);
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        // Reads what the console draws for a moment, so no write of it blocks on a full terminal.
        let mut read = |seen: &mut Vec<u8>| {
            let brief = Timespec { tv_sec: 0, tv_nsec: 20_000_000 };
            let mut fds = [PollFd::new(&master, PollFlags::IN)];
            if poll(&mut fds, Some(&brief)).unwrap() > 0 {
                let n = master.read(&mut buf).unwrap_or(0);
                seen.extend_from_slice(&buf[..n]);
            }
        };
        let start = std::time::Instant::now();
        match moment {
            Some(ms) => std::thread::sleep(Duration::from_millis(ms)),
            None => {
                while !String::from_utf8_lossy(&seen).contains("\x1b[?1049h") {
                    assert!(start.elapsed() < Duration::from_secs(15), "the console never drew");
                    read(&mut seen);
                }
            }
        }
        let pid = rustix::process::Pid::from_raw(i32::try_from(console.pid()).unwrap()).unwrap();
        rustix::process::kill_process(pid, rustix::process::Signal::TERM).unwrap();
        let status = loop {
            read(&mut seen);
            if let Some(status) = console.0.try_wait().unwrap() {
                break status;
            }
            assert!(start.elapsed() < Duration::from_secs(15), "SIGTERM at {moment:?} ms did not end the console");
        };
        common::pty::drain(&mut master);
        assert_eq!(status.signal(), Some(15), "at {moment:?} ms: {status:?}");
        let shown = String::from_utf8_lossy(&seen);
        if let Some(entered) = shown.find("\x1b[?1049h") {
            assert!(shown[entered..].contains("\x1b[?1049l"), "at {moment:?} ms the alternate screen was not left");
        }
        let modes = rustix::termios::tcgetattr(&terminal).unwrap();
        let cooked = rustix::termios::LocalModes::ICANON | rustix::termios::LocalModes::ECHO;
        assert!(modes.local_modes.contains(cooked), "at {moment:?} ms the terminal was left raw");
    }
}
