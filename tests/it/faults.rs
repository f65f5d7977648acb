#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
#![allow(unsafe_code)] // libc: a file-size limit stands in for a full disk, mkfifo for a hostile log.
//! Faults a facilitator may meet: a log that cannot be written, a disk that fills up mid-session.
//! Nothing recorded may be lost, and the facilitator must be told loudly.

use crate::common;
use crate::common::tools::{Tool, need};

use std::process::Command as Process;

use common::tmux::Tmux;

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
    #[cfg_attr(not(unix), allow(unused_mut))]
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
        assert!(err.contains(&place) && err.contains("--log PAD"), "{err}");
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

    // The disk fills up at several places in the next line (even before its first byte); each
    // time the torn bytes are cut off, and once space is freed the same answer is one whole line.
    key(&mut app, KeyCode::Tab);
    for (round, cut) in [20u64, 0, 1, 150].into_iter().enumerate() {
        let good = std::fs::metadata(&path).unwrap().len();
        limit_file_size(good + cut);
        let before = app.session().unwrap().state().clone();
        let option = if round % 2 == 0 { '2' } else { '3' };
        key(&mut app, KeyCode::Char(option));
        assert!(app.log_failed, "the failed write is reported (cut at {cut})");
        assert_eq!(app.session().unwrap().state(), &before, "an answer that was not written is not shown as recorded");
        assert_eq!(std::fs::metadata(&path).unwrap().len(), good, "the torn bytes were cut off (cut at {cut})");
        if round == 0 {
            let screen = screen_text(&app);
            assert!(screen.contains("SCHRIJVEN NAAR HET LOGBOEK MISLUKT"), "{screen}");
            assert!(screen.contains("too large") || screen.contains("te groot"), "the cause is named: {screen}");
            // A second attempt on the full disk fails the same way and leaves nothing either.
            key(&mut app, KeyCode::Char(option));
            assert_eq!(app.session().unwrap().state(), &before);
            assert_eq!(std::fs::metadata(&path).unwrap().len(), good);
        }
        limit_file_size(libc::RLIM_INFINITY);
        key(&mut app, KeyCode::Char(option));
        assert_eq!(app.session().unwrap().state().last_seq, before.last_seq + 1, "{:?}", app.notice);
        confirm(&app);
    }
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
        .args(["--exact", "faults::full_disk_child", "--nocapture", "--test-threads=1"])
        .env("WEERBAAR_FULL_DISK_CHILD", &path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let confirmed: Vec<u64> = stdout.lines().filter_map(|l| l.split_whitespace().last()?.parse().ok()).collect();
    assert_eq!(confirmed.len(), 7, "{stdout}");

    let read = log::read(&path).unwrap();
    assert!(read.problems.is_empty(), "no torn or glued line: {:?}", read.problems);
    let seqs: Vec<u64> = read.records.iter().map(|r| r.seq).collect();
    assert_eq!(seqs, (1..=seqs.len() as u64).collect::<Vec<_>>());
    for seq in &confirmed {
        assert!(seqs.contains(seq), "confirmed event {seq} is in the log");
    }
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty());
    assert_eq!(state.current_play().unwrap().choices.len(), 2, "both answers, the retried ones included");
    assert_eq!(state.current_play().unwrap().choices[&weerbaar::session::GroupId(1)].changes, 3);
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

// ---- the command line in a hostile environment --------------------------------------------

fn weerbaar(args: &[&str]) -> std::process::Output {
    Process::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).stdin(std::process::Stdio::null()).output().unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// The bundled deck copied into `dir`, for tests that need a deck of one's own on disk.
/// The card a session on the bundled deck opens with (the first agenda's first card): its id and
/// title, so these tests follow the bundled cards instead of freezing them.
fn first_card(lang: Lang) -> (String, String) {
    let deck = scenario::load_deck(None).unwrap();
    let id = deck.manifest.agendas[0].cards[0].clone();
    let title = deck.card(&id).unwrap().title.show(lang).into_owned();
    (id.as_str().to_string(), title)
}

fn deck_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let root = dir.join("mijn-deck");
    for source in weerbaar::scenario::load::bundled_sources() {
        let rel = source.path.strip_prefix("scenarios/").unwrap();
        let target = root.join(rel);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(target, &source.bytes).unwrap();
    }
    root
}

#[test]
fn a_report_never_replaces_its_log_or_an_existing_file_and_is_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let log = common::fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Huizen"], 1);
    let original = std::fs::read(&log).unwrap();
    let shown = log.display().to_string();
    for extra in [&[][..], &["--force"][..]] {
        let out = weerbaar(&[&["debrief", &shown, "-o", &shown][..], extra].concat());
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("een van de invoerbestanden van deze opdracht"), "{}", stderr(&out));
        assert_eq!(std::fs::read(&log).unwrap(), original, "the log is untouched");
    }
    let out = weerbaar(&["debrief", &shown, "-o", &shown, "--lang", "en"]);
    assert!(stderr(&out).contains("one of this command's inputs"), "{}", stderr(&out));
    // Spelled differently, still the same file.
    let other_spelling = dir.path().join(".").join("sessie.jsonl").display().to_string();
    assert_eq!(weerbaar(&["debrief", &shown, "-o", &other_spelling, "--force"]).status.code(), Some(2));

    let report = dir.path().join("verslag.md");
    let report_shown = report.display().to_string();
    assert!(weerbaar(&["debrief", &shown, "-o", &report_shown]).status.success());
    #[cfg(unix)]
    assert_eq!(mode(&report), 0o600, "reports carry names and candid words");
    std::fs::write(&report, "eigen aantekeningen").unwrap();
    let out = weerbaar(&["debrief", &shown, "-o", &report_shown]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "eigen aantekeningen");
    assert!(weerbaar(&["debrief", &shown, "-o", &report_shown, "--force"]).status.success());
    assert!(std::fs::read_to_string(&report).unwrap().contains("Laren"));
    #[cfg(unix)]
    assert_eq!(mode(&report), 0o600);
}

#[test]
fn a_proof_copy_never_replaces_a_deck_file() {
    let dir = tempfile::tempdir().unwrap();
    let deck = deck_copy(dir.path());
    let manifest = deck.join("deck.ron");
    let before = std::fs::read(&manifest).unwrap();
    let out =
        weerbaar(&["proof", "--deck", &deck.display().to_string(), "-o", &manifest.display().to_string(), "--force"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("een van de invoerbestanden van deze opdracht"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&manifest).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn the_sessions_folder_and_its_logs_are_owner_only() {
    let dir = tempfile::tempdir().unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T14:05:00+01:00").unwrap();
    let path = log::default_path(&dir.path().join("sessions"), "Laren", now);
    let s =
        Session::start(common::deck(), common::setup("Laren", &["Laren", "Huizen"], "gemengd"), &path, common::clock())
            .unwrap();
    drop(s);
    assert_eq!(mode(&dir.path().join("sessions")), 0o700);
    assert_eq!(mode(&path), 0o600);
}

#[test]
fn standard_output_closed_early_is_quiet_and_a_full_one_is_an_error() {
    for command in [&["proof"][..], &["graph"][..], &["simulate", "--runs", "3"][..]] {
        // A reader that went away (`| head`): exit 0, nothing on stderr.
        let mut child = Process::new(env!("CARGO_BIN_EXE_weerbaar"))
            .args(command)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{command:?}: {err}");
        assert!(matches!(out.status.code(), Some(0 | 1)), "{command:?}: {:?} {err}", out.status);

        #[cfg(target_os = "linux")]
        {
            // Told in the command's language, as every other message.
            for (lang, said) in
                [("nl", "kan niet naar de standaarduitvoer schrijven"), ("en", "cannot write to standard output")]
            {
                let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
                let out = Process::new(env!("CARGO_BIN_EXE_weerbaar"))
                    .args(command)
                    .args(["--lang", lang])
                    .stdout(full)
                    .output()
                    .unwrap();
                let err = stderr(&out);
                assert_eq!(out.status.code(), Some(2), "{command:?}: {err}");
                assert!(err.contains(said) && !err.contains("panicked"), "{err}");
            }
        }
    }
}

#[cfg(unix)]
#[test]
fn pipes_devices_and_directories_are_refused_as_logs_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pijp.jsonl");
    let c = std::ffi::CString::new(fifo.display().to_string()).unwrap();
    // SAFETY: mkfifo on a path in our own temporary directory.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let cases = [
        (fifo.display().to_string(), "named pipe"),
        ("/dev/zero".to_string(), "een apparaat"),
        (dir.path().display().to_string(), "een map"),
    ];
    for (path, kind) in &cases {
        for command in ["debrief", "review", "screen"] {
            let start = std::time::Instant::now();
            let out = weerbaar(&[command, path]);
            assert!(start.elapsed() < std::time::Duration::from_secs(5), "{command} {path} took too long");
            assert_eq!(out.status.code(), Some(2), "{command} {path}: {}", stderr(&out));
            assert!(stderr(&out).contains(kind), "{command} {path}: {}", stderr(&out));
        }
        let e = Session::resume_log(std::path::Path::new(path), None, common::clock()).err().unwrap();
        assert!(e.describe(weerbaar::scenario::Lang::Nl).contains(kind), "{e}");
    }
}

#[test]
fn screen_on_a_file_that_is_not_a_log_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notities.txt");
    std::fs::write(&notes, "boodschappen\n").unwrap();
    let out = weerbaar(&["screen", &notes.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("geen Weerbaar-logboek"), "{}", stderr(&out));
}

#[test]
fn a_log_claiming_64_groups_is_refused_by_review_and_screen() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "veel.jsonl", ["Laren", "Huizen"], 1);
    let text = std::fs::read_to_string(&path).unwrap();
    let many: Vec<String> = (0..62).map(|i| format!("{{\"name\":\"G{i}\",\"roles\":[]}}")).collect();
    std::fs::write(&path, text.replacen("\"groups\":[", &format!("\"groups\":[{},", many.join(",")), 1)).unwrap();
    for command in ["review", "screen", "debrief"] {
        let out = weerbaar(&[command, &path.display().to_string()]);
        assert_eq!(out.status.code(), Some(2), "{command}");
        assert!(
            stderr(&out).contains("64 groepen") && stderr(&out).contains("hoogstens 8"),
            "{command}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn escape_codes_quoted_from_a_log_line_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "vies.jsonl", ["Laren", "Huizen"], 1);
    let mut text = std::fs::read_to_string(&path).unwrap();
    text.push_str("{\"seq\":99,\"at\":\"2026-11-23T15:00:00Z\",\"offset\":0,\"type\":\"\\u001b]0;PWNED\\u0007\"}\n");
    std::fs::write(&path, text).unwrap();
    let out = weerbaar(&["debrief", &path.display().to_string()]);
    let all = [out.stdout.clone(), out.stderr.clone()].concat();
    assert!(!all.contains(&0x1b) && !all.contains(&0x07), "{}", String::from_utf8_lossy(&all));
    assert!(stderr(&out).contains("unknown variant"), "the problem is still reported: {}", stderr(&out));
}

#[test]
fn the_command_line_refuses_what_the_setup_screen_refuses() {
    for minutes in ["0", "9", "601", "4294967295"] {
        let out = weerbaar(&["--group", "Laren", "--group", "Huizen", "--minutes", minutes]);
        assert_eq!(out.status.code(), Some(2), "--minutes {minutes}");
        assert!(stderr(&out).contains("10..=600") || stderr(&out).contains("10"), "{}", stderr(&out));
    }
    let out = weerbaar(&["--group", "a:", "--group", "Huizen"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("zonder rollen"), "{}", stderr(&out));
    let out = weerbaar(&["--group", "a:", "--group", "Huizen", "--lang", "en"]);
    assert!(stderr(&out).contains("without roles"), "{}", stderr(&out));
}

#[test]
fn play_without_a_terminal_leaves_no_log() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessie.jsonl");
    let out = weerbaar(&["--group", "Laren", "--group", "Huizen", "--log", &path.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("heeft een terminal nodig"), "{}", stderr(&out));
    assert!(!path.exists(), "no stray log");
    let out = Process::new(env!("CARGO_BIN_EXE_weerbaar"))
        .args(["--group", "Laren", "--group", "Huizen"])
        .current_dir(dir.path())
        .env(log::DIR_VAR, dir.path().join("sessions"))
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let left: Vec<_> = std::fs::read_dir(dir.path().join("sessions")).map(|d| d.count()).into_iter().collect();
    assert!(left.iter().all(|n| *n == 0), "no stray log under sessions/");
}

#[test]
fn an_agenda_that_lists_a_card_twice_is_refused_with_what_to_do_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let deck = deck_copy(dir.path());
    let manifest = deck.join("deck.ron");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replacen("\"ransom-friday\",", "\"ransom-friday\", \"ransom-friday\",", 1)).unwrap();
    let path = dir.path().join("sessie.jsonl");
    let out = weerbaar(&[
        "--deck",
        &deck.display().to_string(),
        "--group",
        "Laren",
        "--group",
        "Huizen",
        "--log",
        &path.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains("--log PATH"), "no unrelated hint: {err}");
    assert!(!path.exists());
}

// ---- end to end in tmux ---------------------------------------------------------------------

#[test]
fn a_session_on_a_deck_of_ones_own_needs_only_its_log_afterwards() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::shell("eigen", 140, 42);
    let deck = deck_copy(t.dir.path());
    let (first, title) = first_card(Lang::En);
    let card = deck.join(format!("cards/{first}.ron"));
    let text = std::fs::read_to_string(&card).unwrap();
    assert!(text.contains(&title), "{first}: the English title is written in the card file as shown");
    std::fs::write(&card, text.replace(&title, "Our own fraud wave")).unwrap();
    let manifest = deck.join("deck.ron");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replacen("id: \"weerbaar-basis\"", "id: \"ons-eigen-deck\"", 1)).unwrap();
    let log = t.path("sessie.jsonl");
    let bin = env!("CARGO_BIN_EXE_weerbaar");
    t.run(&format!("{bin} --deck {} --group Laren --group Huizen --lang en --log {}", deck.display(), log.display()));
    t.wait_for("Our own fraud wave");
    t.send(&["Enter"]);
    t.wait_for("Answers 0/2");
    t.send(&["1", "Tab", "2"]);
    t.wait_for("Answers 2/2");
    t.send(&["q", "y"]);
    t.wait_for_prompt();
    // The deck is gone from the disk; the log carries it.
    std::fs::rename(&deck, t.path("weg")).unwrap();

    let out = weerbaar(&["debrief", &log.display().to_string(), "--lang", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Our own fraud wave"));

    t.run(&format!("{bin} review {} --lang en", log.display()));
    t.wait_for("Our own fraud wave");
    t.send(&["q"]);
    t.wait_for_prompt();
    t.run(&format!("{bin} screen {} --lang en", log.display()));
    t.wait_for("Our own fraud wave");
    t.send(&["q"]);
    t.wait_for_prompt();
    t.run(&format!("{bin} --resume {} --lang en", log.display()));
    let resumed = t.wait_for("Session resumed from the log.");
    assert!(resumed.contains("Our own fraud wave") && resumed.contains("Answers 2/2"), "{resumed}");
    t.send(&["q", "y"]);
    t.wait_for_prompt();

    // The bundled deck, given by --deck, is another deck: said so, and nothing is appended.
    let before = std::fs::read(&log).unwrap();
    let out = weerbaar(&["debrief", &log.display().to_string(), "--deck", "scenarios", "--lang", "en"]);
    assert!(stderr(&out).contains("played with deck `ons-eigen-deck`"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&log).unwrap(), before);
}

#[test]
fn a_report_shows_the_deck_as_played_and_names_what_an_edit_changed() {
    // The deck as it was during the session: ransom-friday worded differently than today's
    // bundled deck (as if the bundled deck was edited after the session).
    let dir = tempfile::tempdir().unwrap();
    let then = deck_copy(dir.path());
    let card = then.join("cards/ransom-friday.ron");
    let text = std::fs::read_to_string(&card).unwrap();
    std::fs::write(&card, text.replace("alles staat op slot", "alles ligt plat")).unwrap();
    let deck = weerbaar::scenario::load_deck(Some(&then)).unwrap();
    let log = dir.path().join("sessie.jsonl");
    let mut s =
        Session::start(deck, common::setup("Toen", &["Laren", "Huizen"], "gemengd"), &log, common::clock()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    for g in 0..2 {
        s.execute(Command::RecordChoice {
            group: weerbaar::session::GroupId(g),
            option: "refuse".into(),
            rationale: String::new(),
            decision: weerbaar::session::Decision::Unanimous,
            dissent: vec![],
        })
        .unwrap();
    }
    s.execute(Command::Reveal).unwrap();
    drop(s);
    std::fs::remove_dir_all(&then).unwrap();

    let shown = log.display().to_string();
    let out = weerbaar(&["debrief", &shown]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("alles ligt plat") && !report.contains("alles staat op slot"), "{report}");
    // Today's bundled deck, given on purpose, is named as another version, card by card.
    let out = weerbaar(&["debrief", &shown, "--deck", "scenarios", "--lang", "en"]);
    assert!(stderr(&out).contains("another version of deck `weerbaar-basis`"), "{}", stderr(&out));
    assert!(stderr(&out).contains("cards changed: ransom-friday"), "{}", stderr(&out));
}

#[test]
fn deleting_the_log_under_a_running_console_is_shown_at_the_next_action() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::shell("weg", 140, 42);
    let log = t.path("sessie.jsonl");
    t.run(&format!("{} --group Laren --group Huizen --log {}", env!("CARGO_BIN_EXE_weerbaar"), log.display()));
    t.wait_for(&first_card(Lang::Nl).1);
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    std::fs::remove_file(&log).unwrap();
    t.send(&["1"]);
    let screen = t.wait_for("SCHRIJVEN NAAR HET LOGBOEK MISLUKT");
    assert!(screen.contains("is verwijderd of"), "{screen}");
    assert!(screen.contains("Antwoorden 0/2"), "the answer is not shown as recorded: {screen}");
    t.send(&["q", "j"]);
}

#[test]
fn screen_follows_a_log_replaced_by_another_session() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::shell("vervangen", 140, 42);
    let log = t.path("sessie.jsonl");
    let first = Session::start(
        common::deck(),
        common::setup("Eerste sessie", &["Laren", "Huizen"], "gemengd"),
        &log,
        common::clock(),
    )
    .unwrap();
    drop(first);
    t.run(&format!("{} screen {}", env!("CARGO_BIN_EXE_weerbaar"), log.display()));
    t.wait_for("Eerste sessie");
    let other = t.path("ander.jsonl");
    let second = Session::start(
        common::deck(),
        common::setup("Tweede sessie", &["Blaricum", "Eemnes"], "gemengd"),
        &other,
        common::clock(),
    )
    .unwrap();
    drop(second);
    std::fs::rename(&other, &log).unwrap();
    let screen = t.wait_for("Tweede sessie");
    assert!(!screen.contains("Eerste sessie"), "{screen}");
    t.send(&["q"]);
}

fn target_minutes(log: &std::path::Path) -> u32 {
    let read = log::read(log).unwrap();
    match &read.records[0].event {
        weerbaar::session::Event::SessionStarted { setup, .. } => setup.target_minutes,
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_agendas_own_length_is_the_target_unless_minutes_are_given() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::shell("minuten", 140, 42);
    let deck = deck_copy(t.dir.path());
    let manifest = deck.join("deck.ron");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replacen("minutes: 120,", "minutes: 90,", 1)).unwrap();
    let bin = env!("CARGO_BIN_EXE_weerbaar");
    for (extra, expected) in [("", 90), ("--minutes 45", 45)] {
        let log = t.path(&format!("sessie-{expected}.jsonl"));
        t.run(&format!("{bin} --deck {} --group Laren --group Huizen {extra} --log {}", deck.display(), log.display()));
        t.wait_for(&first_card(Lang::Nl).1);
        t.send(&["q", "j"]);
        t.wait_for("Logboek:");
        assert_eq!(target_minutes(&log), expected, "{extra:?}");
    }
}

#[test]
fn a_second_console_on_a_log_in_use_is_refused_and_the_first_goes_on() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::shell("twee", 140, 42);
    let log = t.path("sessie.jsonl");
    let bin = env!("CARGO_BIN_EXE_weerbaar");
    t.run(&format!("{bin} --group Laren --group Huizen --lang en --log {}", log.display()));
    t.wait_for(&first_card(Lang::En).1);
    let before = std::fs::read(&log).unwrap();
    let out = t.tmux(&["new-window", "-d", "-P", "-F", "#{window_id}"]);
    let second = out.trim().to_string();
    t.tmux(&["send-keys", "-t", &second, "-l", &format!("{bin} --resume {}; echo EX''IT=$?", log.display())]);
    t.tmux(&["send-keys", "-t", &second, "Enter"]);
    let start = std::time::Instant::now();
    let shown = loop {
        let screen = t.tmux(&["capture-pane", "-p", "-J", "-t", &second]);
        if screen.contains("EXIT=") {
            break screen;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(45), "{screen}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(shown.contains("EXIT=2") && shown.contains("andere Weerbaar-console"), "{shown}");
    assert!(shown.contains("weerbaar screen"), "what to do meanwhile: {shown}");
    assert_eq!(std::fs::read(&log).unwrap(), before, "the second console wrote nothing");
    // The first console goes on, and the log folds clean.
    t.send(&["Enter"]);
    t.wait_for("Answers 0/2");
    t.send(&["1", "Tab", "2"]);
    t.wait_for("Answers 2/2");
    t.send(&["q", "y"]);
    t.wait_for("Log:");
    let read = log::read(&log).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty());
    assert_eq!(state.current_play().unwrap().choices.len(), 2);
}

#[test]
fn an_agenda_id_with_escape_codes_never_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let deck = deck_copy(dir.path());
    let manifest = deck.join("deck.ron");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(&manifest, text.replacen("id: \"gemengd\"", "id: \"gem\\u{1b}]0;PWNED\\u{7}engd\"", 1)).unwrap();
    let shown = deck.display().to_string();
    for args in [&["simulate", "--runs", "2", "--deck", &shown][..], &["--deck", &shown, "--agenda", "x\u{1b}[2J"][..]]
    {
        let out = weerbaar(args);
        let all = [out.stdout.clone(), out.stderr.clone()].concat();
        assert!(!all.contains(&0x1b) && !all.contains(&0x07), "{args:?}: {}", String::from_utf8_lossy(&all));
        assert!(String::from_utf8_lossy(&all).contains("gemengd"), "the ids are still shown: {args:?}");
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_error_is_no_panic_and_reading_a_non_log_is_not_called_writing() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Process::new(env!("CARGO_BIN_EXE_weerbaar")).args(["check"]).stderr(full).output().unwrap();
    assert_ne!(out.status.code(), Some(101), "no panic");
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notities.jsonl");
    std::fs::write(&notes, "boodschappen\n").unwrap();
    let out = weerbaar(&["debrief", &notes.display().to_string()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("geen Weerbaar-logboek") && !err.contains("schrijv"), "{err}");
}

/// `weerbaar --lang en play …` set the language of a `play` that was never run; the session then
/// spoke Dutch. Options before a subcommand are refused, with usage.
#[test]
fn options_before_a_subcommand_are_refused_not_silently_dropped() {
    let out = weerbaar(&["--lang", "en", "play", "--group", "Laren", "--group", "Huizen"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("'play' cannot be used with '--lang"), "{err}");
    // Without `--lang en` the refusal is Dutch, and says what to do.
    let out = weerbaar(&["--theme", "light", "play", "--group", "Laren", "--group", "Huizen"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("fout: de opdracht 'play' gaat niet samen met --theme ervoor; zet de opties na de opdracht\n"),
        "{err}"
    );
}
