#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! A session survives `kill -9` of the process writing it: every event the writer reported as
//! recorded is in the log, and the log resumes.
//!
//! The writer is this test binary itself, started again with `WEERBAAR_CRASH_CHILD` set, so no
//! helper binary ships with the product.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command as Process, Stdio};

use chrono::NaiveDate;
use weerbaar::log;
use weerbaar::scenario::{self, AgendaId, Lang, Role};
use weerbaar::session::{Command, Decision, Event, GroupId, GroupSetup, Session, Setup, State, SystemClock};

fn setup() -> Setup {
    Setup {
        title: "Crash".into(),
        facilitator: "Test".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 7,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "A".into(), roles: vec![Role::Mayor] },
            GroupSetup { name: "B".into(), roles: vec![Role::Ciso] },
        ],
    }
}

/// The child: writes notes and answers as fast as it can and prints each confirmed sequence number.
#[test]
fn crash_child_writer() {
    let Ok(path) = std::env::var("WEERBAAR_CRASH_CHILD") else {
        return;
    };
    let deck =
        scenario::load_deck(Some(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/deck"))))
            .unwrap();
    let mut s = Session::start(deck, setup(), Path::new(&path), SystemClock).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    let options = ["refuse", "ask-council", "pay"];
    for i in 0u64.. {
        let cmd = if i % 3 == 0 {
            Command::AddNote { about: None, text: format!("notitie {i}") }
        } else {
            Command::RecordChoice {
                group: GroupId((i % 2) as u8),
                option: options[(i % 3) as usize].into(),
                rationale: format!("omdat {i}"),
                decision: Decision::Majority,
                dissent: vec![],
            }
        };
        let seq = s.execute(cmd).unwrap().seq;
        println!("{seq}");
    }
}

/// Kills the writer at many different moments (seeded, so a failure can be replayed) and checks
/// that every event it confirmed is in the log and that the log resumes.
#[test]
fn kill_9_loses_nothing_that_was_confirmed() {
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2026);
    for round in 0..30 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crash.jsonl");
        let mut child = Process::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash::crash_child_writer", "--nocapture", "--test-threads=1"])
            .env("WEERBAAR_CRASH_CHILD", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        // Collect confirmations on a thread while the main thread picks the moment to kill.
        let reader = std::thread::spawn(move || {
            let mut last = 0u64;
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if let Ok(seq) = line.trim().parse::<u64>() {
                    last = seq;
                }
            }
            last
        });
        let wait_for_file = std::time::Instant::now();
        while !path.exists() && wait_for_file.elapsed() < std::time::Duration::from_secs(10) {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        std::thread::sleep(std::time::Duration::from_millis(rng.random_range(0..60)));
        if round == 0 {
            // The writer holds the log's lock: a second writer is refused while it runs...
            let started = std::time::Instant::now();
            while std::fs::read_to_string(&path).unwrap_or_default().lines().count() < 4 {
                assert!(
                    started.elapsed() < std::time::Duration::from_secs(60),
                    "the child writer never wrote 4 events"
                );
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            assert!(matches!(log::LogWriter::append_to(&path), Err(log::LogError::Locked { .. })));
        }
        // ...and the kill releases it, so the resume below works at once.
        // SIGKILL: no destructors, no flushing, exactly like a crash.
        child.kill().unwrap();
        child.wait().unwrap();
        let confirmed = reader.join().unwrap();

        let Ok(read) = log::read(&path) else {
            assert_eq!(confirmed, 0, "round {round}: nothing readable, yet {confirmed} events were confirmed");
            continue;
        };
        assert!(
            read.problems.iter().all(|p| p.kind == log::ProblemKind::TornTail),
            "round {round}: {:?}",
            read.problems
        );
        let last = read.records.last().map_or(0, |r| r.seq);
        assert!(last >= confirmed, "round {round}: confirmed {confirmed} but only {last} in the log");
        if read.records.is_empty() {
            continue;
        }
        let (state, rejected) = State::fold(&read.records).unwrap();
        assert!(rejected.is_empty());
        assert_eq!(state.last_seq, last);

        let deck = scenario::load_deck(Some(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/deck"
        ))))
        .unwrap();
        let (mut resumed, _) = Session::resume(deck, &path, SystemClock).unwrap();
        assert_eq!((&resumed.state().plays, &resumed.state().notes), (&state.plays, &state.notes));
        // The downtime since the last event is recorded as a pause: paused at the last event.
        let downtime: Vec<_> = resumed.records()[read.records.len()..].iter().map(|r| r.event.clone()).collect();
        assert_eq!(downtime, vec![Event::ClockPaused, Event::ClockResumed], "round {round}");
        assert_eq!(resumed.records()[read.records.len()].at, state.last_at);
        resumed.execute(Command::AddNote { about: None, text: "verder".into() }).unwrap();
        assert_eq!(log::read(&path).unwrap().records.len(), read.records.len() + 3);
    }
}
