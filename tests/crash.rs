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
use weerbaar::session::{Command, Decision, GroupId, GroupSetup, Session, Setup, State, SystemClock};

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
    let deck = scenario::load_deck(None).unwrap();
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

#[test]
fn kill_9_loses_nothing_that_was_confirmed() {
    for round in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("crash.jsonl");
        let mut child = Process::new(std::env::current_exe().unwrap())
            .args(["--exact", "crash_child_writer", "--nocapture", "--test-threads=1"])
            .env("WEERBAAR_CRASH_CHILD", &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let mut confirmed = 0u64;
        let wanted = 20 + round * 37;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Ok(seq) = line.trim().parse::<u64>() {
                confirmed = seq;
                if seq >= wanted {
                    break;
                }
            }
        }
        // SIGKILL: no destructors, no flushing, exactly like a crash.
        child.kill().unwrap();
        child.wait().unwrap();
        assert!(confirmed >= wanted, "the child confirmed only {confirmed} events");

        let read = log::read(&path).unwrap();
        assert!(read.problems.iter().all(|p| p.kind == log::ProblemKind::TornTail), "{:?}", read.problems);
        let last = read.records.last().unwrap().seq;
        assert!(last >= confirmed, "confirmed {confirmed} but only {last} in the log");
        let (state, rejected) = State::fold(&read.records).unwrap();
        assert!(rejected.is_empty());
        assert_eq!(state.last_seq, last);

        let deck = scenario::load_deck(None).unwrap();
        let (mut resumed, _) = Session::resume(deck, &path, SystemClock).unwrap();
        assert_eq!(resumed.state(), &state);
        resumed.execute(Command::AddNote { about: None, text: "verder".into() }).unwrap();
        assert_eq!(log::read(&path).unwrap().records.len(), read.records.len() + 1);
    }
}
