#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Faults a facilitator may meet: a log that cannot be written, a disk that fills up mid-session.
//! Nothing recorded may be lost, and the facilitator must be told loudly.

mod common;

use std::process::Command as Process;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::log::{self, LogWriter};
use weerbaar::scenario::{self, Lang};
use weerbaar::session::{Command, ManualClock, Session, State};
use weerbaar::ui::{App, Launch, screens};

#[test]
fn play_refuses_to_start_where_the_log_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut places = vec!["/sys/weerbaar-test.jsonl".to_string(), "/proc/none/weerbaar.jsonl".to_string()];
    // Permission bits do not stop root; a read-only directory is tested for other users.
    let readonly = dir.path().join("alleen-lezen");
    std::fs::create_dir(&readonly).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&readonly, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::write(readonly.join("probe"), b"x").is_err() {
            places.push(readonly.join("sessie.jsonl").display().to_string());
        }
    }
    for place in places {
        let out = Process::new(env!("CARGO_BIN_EXE_weerbaar"))
            .args(["--group", "Laren", "--group", "Blaricum", "--log", &place])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(&place) && err.contains("--log PATH"), "{err}");
        assert!(out.stdout.is_empty(), "the terminal was never touched");
    }
}

fn key(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_mid_session_is_shown_loudly_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("sessie.jsonl");
    let deck = scenario::load_deck(None).unwrap();
    let setup = common::setup("Schijf vol", &["Laren", "Blaricum"], "gemengd");
    let c = common::clock();
    let mut s = Session::start(deck.clone(), setup, &first, c.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    let records = s.records().to_vec();
    drop(s);

    // From here on every write fails as on a full disk.
    let full = LogWriter::append_to(std::path::Path::new("/dev/full")).unwrap();
    let session = Session::continue_in(deck.clone(), records.clone(), full, c.clone()).unwrap();
    let launch =
        Launch { deck, log: None, log_dir: dir.path().into(), seed: 1, facilitator: String::new(), follow_up: None };
    let mut app = App::with_session(launch, session, Lang::Nl, c);
    let before = app.session().unwrap().state().clone();
    key(&mut app, KeyCode::Char('1'));
    assert!(app.log_failed);
    assert_eq!(app.session().unwrap().state(), &before, "a choice that was not written is not shown as recorded");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| screens::render(&app, f)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains("SCHRIJVEN NAAR HET LOGBOEK MISLUKT"), "{screen}");
    assert!(screen.contains("/dev/full: No space left on"), "the cause is named: {screen}");

    // The facilitator saves to another place and carries on.
    let rescue = dir.path().join("elders.jsonl");
    key(&mut app, KeyCode::Char('W'));
    for _ in 0..200 {
        key(&mut app, KeyCode::Backspace);
    }
    for ch in rescue.display().to_string().chars() {
        key(&mut app, KeyCode::Char(ch));
    }
    key(&mut app, KeyCode::Enter);
    assert!(!app.log_failed, "{:?}", app.notice);
    key(&mut app, KeyCode::Char('1'));
    let read = log::read(&rescue).unwrap();
    assert!(read.problems.is_empty());
    assert_eq!(&read.records[..records.len()], &records[..], "every earlier event is in the new log");
    let (state, _) = State::fold(&read.records).unwrap();
    assert_eq!(&state, app.session().unwrap().state());
    assert_eq!(state.current_play().unwrap().choices.len(), 1);
}
