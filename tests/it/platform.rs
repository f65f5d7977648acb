#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! What must hold on every platform the facilitator's laptop may run: Windows, macOS, Linux.
//! These tests run everywhere; on Windows they are the proof that the Windows paths work.

use crate::common::tools::{Tool, need};
use std::process::Command as Process;

use weerbaar::log::{self, LogError, LogWriter, follow::Follower};
use weerbaar::session::{Command, Session};

use crate::common::{self, tmux::bin};

#[test]
fn readers_read_a_log_while_a_console_holds_its_lock() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let setup = common::setup("Live sessie", &["Laren", "Blaricum"], "gemengd");
    let mut console = Session::start(common::deck(), setup, &path, common::clock()).unwrap();
    console.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    // The console holds the lock: a second console is refused...
    assert!(matches!(LogWriter::append_to(&path), Err(LogError::Locked { .. })));
    // ...while every reader reads: the audience screen's follower, the review's reader,
    let read = log::read(&path).unwrap();
    assert!(read.problems.is_empty() && read.records.len() >= 2, "{:?}", read.problems);
    let mut follower = Follower::new(&path);
    assert!(follower.poll(), "{:?}", follower.problem);
    assert!(follower.state().is_some_and(|s| s.current.is_some()), "the follower sees the open card");
    // and `debrief` in another process (Windows would deny it a whole-file lock's range).
    let out = Process::new(bin()).args(["debrief", &path.display().to_string()]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Live sessie"));
    // The console goes on writing while they read.
    console.execute(Command::End).unwrap();
    assert!(follower.poll());
    assert!(follower.state().is_some_and(|s| s.is_ended()));
    // Once the console is gone, the log can be continued.
    drop(console);
    // (Retried briefly: a test running in parallel that spawns a process shares the lock
    // between its fork and exec, as any process start does.)
    let start = std::time::Instant::now();
    let again = loop {
        match LogWriter::append_to(&path) {
            Err(LogError::Locked { .. }) if start.elapsed() < std::time::Duration::from_secs(2) => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other,
        }
    };
    assert!(again.is_ok(), "{:?}", again.err());
}

#[test]
fn the_sessions_folder_is_chosen_by_weerbaar_dir_and_named_in_help() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("mijn sessies");
    for args in [&["--help"][..], &["play", "--help"], &["screen", "--help"], &["review", "--help"]] {
        let out = Process::new(bin()).args(args).env(log::DIR_VAR, &folder).output().unwrap();
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains(&format!("Sessions folder: {}", folder.display())), "{args:?}: {help}");
        assert!(help.contains("WEERBAAR_DIR"), "{help}");
    }
    // Without the variable it is the user's own data folder, never the working folder.
    let default = std::env::var_os(log::DIR_VAR).map_or_else(log::sessions_dir, |_| None);
    if let Some(default) = default {
        assert!(default.is_absolute() && default.ends_with("sessions"), "{}", default.display());
    }
}

#[test]
fn screen_and_review_without_a_log_say_so_when_the_folder_has_none() {
    let dir = tempfile::tempdir().unwrap();
    for command in ["screen", "review"] {
        let out = Process::new(bin())
            .arg(command)
            .env(log::DIR_VAR, dir.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{command}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("geen sessie gevonden in {}", dir.path().display())), "{err}");
        let out = Process::new(bin()).args([command, "--lang", "en"]).env(log::DIR_VAR, dir.path()).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&format!("no session found in {}", dir.path().display())), "{err}");
    }
}

#[test]
fn newest_log_is_the_last_changed_jsonl_in_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(log::newest_log(dir.path()), None);
    assert_eq!(log::newest_log(&dir.path().join("nergens")), None);
    let older = common::fixture_log(dir.path(), "2026-11-23_1400_a.jsonl", ["Laren", "Huizen"], 1);
    std::thread::sleep(std::time::Duration::from_millis(20));
    let newer = common::fixture_log(dir.path(), "2026-10-01_0900_b.jsonl", ["Laren", "Huizen"], 2);
    std::fs::write(dir.path().join("verslag.md"), "not a log").unwrap();
    std::fs::create_dir(dir.path().join("map.jsonl")).unwrap();
    assert_eq!(log::newest_log(dir.path()), Some(newer.clone()));
    // Continuing the older one makes it the newest.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::OpenOptions::new().append(true).open(&older).unwrap().set_modified(std::time::SystemTime::now()).unwrap();
    assert_eq!(log::newest_log(dir.path()), Some(older));
}

#[test]
fn the_setup_screen_names_the_sessions_folder_and_review_opens_the_newest_session() {
    if !need(Tool::Tmux) {
        return;
    }
    use crate::common::tmux::{Tmux, play};
    let t = Tmux::start("place");
    let sessions = t.path("sessions");
    std::fs::create_dir(&sessions).unwrap();
    common::fixture_log(&sessions, "a.jsonl", ["Oudstad", "Huizen"], 1);
    std::thread::sleep(std::time::Duration::from_millis(20));
    common::fixture_log(&sessions, "b.jsonl", ["Nieuwdorp", "Huizen"], 2);
    t.run(&format!("{} review", bin()));
    t.wait_for("Nieuwdorp");
    t.send(&["q"]);
    t.wait_for_prompt();
    t.run(&play());
    let setup = t.wait_for("Sessiemap");
    assert!(setup.contains(&sessions.display().to_string()), "{setup}");
}
