//! Faults a facilitator may meet: a log that cannot be written, a disk that fills up mid-session.
//! Nothing recorded may be lost, and the facilitator must be told loudly.

mod common;

use std::process::Command as Process;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::log;
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
        assert!(!std::path::Path::new(&place).exists());
        assert!(out.stdout.is_empty(), "the terminal was never touched");
    }
}

fn key(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn screen_text(app: &App<ManualClock>) -> String {
    let mut terminal = Terminal::new(TestBackend::new(140, 40)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    terminal.backend().to_string()
}

fn type_text(app: &mut App<ManualClock>, text: &str) {
    for ch in text.chars() {
        key(app, KeyCode::Char(ch));
    }
}

/// Sets the largest file this process may write (RLIMIT_FSIZE): a write past it fails with
/// EFBIG after writing what fits, exactly like a disk that fills up mid-line.
#[cfg(target_os = "linux")]
fn limit_file_size(bytes: u64) {
    let limit = libc::rlimit { rlim_cur: bytes as libc::rlim_t, rlim_max: libc::RLIM_INFINITY };
    // SAFETY: plain system calls on this (child) process's own limits and signal disposition.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
        assert_eq!(libc::setrlimit(libc::RLIMIT_FSIZE, &limit), 0);
    }
}

/// The child of the full-disk test: plays through the console with a file-size limit that cuts
/// a write in the middle of a line, then lifts the limit ("frees space") and records again.
/// Prints the sequence number of every event the console confirmed.
#[cfg(target_os = "linux")]
#[test]
fn full_disk_child() {
    let Ok(path) = std::env::var("WEERBAAR_FULL_DISK_CHILD") else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let deck = scenario::load_deck(None).unwrap();
    let c = common::clock();
    let mut s =
        Session::start(deck.clone(), common::setup("Schijf vol", &["Laren", "Blaricum"], "gemengd"), &path, c.clone())
            .unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    let launch = Launch {
        deck,
        log: None,
        log_dir: path.parent().unwrap().into(),
        seed: 1,
        facilitator: String::new(),
        follow_up: None,
    };
    let mut app = App::with_session(launch, s, Lang::Nl, c);
    let confirm = |app: &App<ManualClock>| println!("{}", app.session().unwrap().state().last_seq);
    confirm(&app);
    key(&mut app, KeyCode::Char('1'));
    assert!(!app.log_failed);
    confirm(&app);

    // The disk is full 20 bytes into the next line.
    let good = std::fs::metadata(&path).unwrap().len();
    limit_file_size(good + 20);
    let before = app.session().unwrap().state().clone();
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('2'));
    assert!(app.log_failed, "the failed write is reported");
    assert_eq!(app.session().unwrap().state(), &before, "an answer that was not written is not shown as recorded");
    assert_eq!(std::fs::metadata(&path).unwrap().len(), good, "the torn bytes were cut off");
    let screen = screen_text(&app);
    assert!(screen.contains("SCHRIJVEN NAAR HET LOGBOEK MISLUKT"), "{screen}");
    assert!(screen.contains("too large") || screen.contains("te groot"), "the cause is named: {screen}");
    // A second attempt on the full disk fails the same way and leaves nothing either.
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.session().unwrap().state(), &before);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), good);

    // Space is freed; the same answer is recorded again, as one whole line.
    limit_file_size(libc::RLIM_INFINITY);
    key(&mut app, KeyCode::Char('2'));
    assert_eq!(app.session().unwrap().state().last_seq, before.last_seq + 1, "{:?}", app.notice);
    confirm(&app);
    key(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "na de volle schijf");
    key(&mut app, KeyCode::Enter);
    confirm(&app);
}

#[cfg(target_os = "linux")]
#[test]
fn a_disk_full_mid_line_loses_nothing_confirmed_and_glues_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessie.jsonl");
    let out = Process::new(std::env::current_exe().unwrap())
        .args(["--exact", "full_disk_child", "--nocapture", "--test-threads=1"])
        .env("WEERBAAR_FULL_DISK_CHILD", &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let confirmed: Vec<u64> = stdout.lines().filter_map(|l| l.split_whitespace().last()?.parse().ok()).collect();
    assert!(confirmed.len() >= 4, "{stdout}");

    let read = log::read(&path).unwrap();
    assert!(read.problems.is_empty(), "no torn or glued line: {:?}", read.problems);
    let seqs: Vec<u64> = read.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>());
    for seq in &confirmed {
        assert!(seqs.contains(seq), "confirmed event {seq} is in the log");
    }
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty());
    assert_eq!(state.current_play().unwrap().choices.len(), 2, "both answers, the retried one included");
    assert_eq!(state.notes.len(), 1);
}

#[test]
fn a_log_deleted_under_the_console_is_reported_at_once_and_w_saves_everything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessie.jsonl");
    let deck = scenario::load_deck(None).unwrap();
    let c = common::clock();
    let mut s = Session::start(deck.clone(), common::setup("Weg", &["Laren", "Blaricum"], "gemengd"), &path, c.clone())
        .unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    let launch =
        Launch { deck, log: None, log_dir: dir.path().into(), seed: 1, facilitator: String::new(), follow_up: None };
    let mut app = App::with_session(launch, s, Lang::Nl, c);
    std::fs::remove_file(&path).unwrap();

    let before = app.session().unwrap().state().clone();
    key(&mut app, KeyCode::Char('1'));
    assert!(app.log_failed, "the next action already says so");
    assert_eq!(app.session().unwrap().state(), &before, "nothing is shown as recorded");
    let screen = screen_text(&app);
    assert!(screen.contains("SCHRIJVEN NAAR HET LOGBOEK MISLUKT"), "{screen}");
    assert!(screen.contains("is verwijderd of"), "{screen}");

    let rescue = dir.path().join("elders.jsonl");
    key(&mut app, KeyCode::Char('W'));
    for _ in 0..200 {
        key(&mut app, KeyCode::Backspace);
    }
    type_text(&mut app, &rescue.display().to_string());
    key(&mut app, KeyCode::Enter);
    assert!(!app.log_failed, "{:?}", app.notice);
    key(&mut app, KeyCode::Char('1'));
    let read = log::read(&rescue).unwrap();
    assert!(read.problems.is_empty());
    let (state, _) = State::fold(&read.records).unwrap();
    assert_eq!(&state, app.session().unwrap().state());
    assert_eq!(state.current_play().unwrap().choices.len(), 1);
    // The new file carries the deck too.
    assert!(log::read_header(&rescue).unwrap().deck.is_some());
}

#[test]
fn a_log_replaced_under_the_console_is_never_written_to() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessie.jsonl");
    let c = common::clock();
    let mut s = Session::start(common::deck(), common::setup("Vervangen", &["Laren", "Blaricum"], "gemengd"), &path, c)
        .unwrap();
    std::fs::rename(&path, dir.path().join("oud.jsonl")).unwrap();
    std::fs::write(&path, b"iets anders\n").unwrap();
    let e = s.execute(Command::OpenCard("ransom-friday".into())).unwrap_err();
    assert!(matches!(e, weerbaar::session::SessionError::Log(log::LogError::Gone { .. })), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), b"iets anders\n", "the new file is left alone");
    assert!(s.state().plays.is_empty());
}
