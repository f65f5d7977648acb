#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! End-to-end: the real binary in a real terminal (tmux), driven with send-keys and read with
//! capture-pane, the way a facilitator uses it.

use crate::common::tools::{Tool, need};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::common;

use common::tmux::{Tmux, bin, play};
use weerbaar::log;
use weerbaar::session::{Event, GroupId, State};

fn events(path: &Path) -> Vec<Event> {
    let read = log::read(path).unwrap();
    read.records.into_iter().map(|r| r.event).collect()
}

#[test]
fn a_card_is_answered_revealed_noted_and_the_terminal_comes_back_sane() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("play");
    let log = t.path("sessie.jsonl");
    t.type_text(&format!(
        "stty -g > before.txt; {} --group Laren --group 'Krimpen aan den IJssel' --seed 5 --log {}; stty -g > after.txt; echo KLA''AR",
        play(),
        log.display()
    ));
    t.send(&["Enter"]);
    let agenda = t.wait_for("Een golf van bankhelpdeskfraude");
    assert!(agenda.contains(&format!("Logboek: {}", log.display())), "{agenda}");
    assert_eq!(t.display("#{alternate_on}"), "1");

    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["1", "e"]);
    t.wait_for("Toelichting");
    t.type_text("Dichtbij de inwoners, ook voor ouderen");
    t.send(&["Enter", "Tab", "3"]);
    t.wait_for("Antwoorden 2/2");
    t.send(&["Enter"]);
    let compare = t.wait_for("De groepen kozen verschillend");
    assert!(compare.contains("“Dichtbij de inwoners, ook voor ouderen”"), "{compare}");

    t.send(&["n"]);
    t.wait_for("Notitie");
    t.type_text("Krimpen wil eerst met de banken praten");
    t.send(&["Enter"]);
    t.wait_for("Vastgelegd in het logboek.");

    t.send(&["q"]);
    t.wait_for("Weerbaar afsluiten?");
    t.send(&["j"]);
    t.wait_for("KLAAR");

    let before = std::fs::read_to_string(t.path("before.txt")).unwrap();
    let after = std::fs::read_to_string(t.path("after.txt")).unwrap();
    assert_eq!(before, after, "the terminal modes are restored");
    assert_eq!(t.display("#{alternate_on}"), "0", "the alternate screen is left");
    assert_eq!(t.display("#{cursor_flag}"), "1", "the cursor is visible again");

    let events = events(&log);
    let kinds: Vec<&str> = events
        .iter()
        .map(|e| match e {
            Event::SessionStarted { .. } => "started",
            Event::AgendaChanged { .. } => "agenda",
            Event::CardOpened { .. } => "opened",
            Event::ChoiceRecorded { .. } => "choice",
            Event::ChoicesRevealed { .. } => "revealed",
            Event::NoteAdded { .. } => "note",
            Event::RationaleRecorded { .. } => "rationale",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["started", "agenda", "opened", "choice", "rationale", "choice", "revealed", "note"]);
    let Event::NoteAdded { text, .. } = &events[7] else { unreachable!() };
    assert_eq!(text, "Krimpen wil eerst met de banken praten");
}

#[test]
fn after_kill_9_mid_card_resume_shows_the_recorded_answers() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("kill");
    let log = t.path("sessie.jsonl");
    let pid_file = t.path("pid");
    t.type_text(&format!(
        "sh -c 'echo $$ > {}; exec {} --group Laren --group Blaricum --lang en --log {}'",
        pid_file.display(),
        play(),
        log.display()
    ));
    t.send(&["Enter"]);
    t.wait_for("A wave of bank-helpdesk fraud");
    t.send(&["Enter"]);
    t.wait_for("Answers 0/2");
    t.send(&["2", "e"]);
    t.wait_for("Rationale");
    t.type_text("Buurtnetwerk bestaat al");
    t.send(&["Enter"]);
    t.wait_for("Answers 1/2");
    // Kill only once the rationale is on disk: what was confirmed must survive.
    let start = Instant::now();
    while !std::fs::read_to_string(&log).unwrap_or_default().contains("Buurtnetwerk bestaat al") {
        assert!(start.elapsed() < Duration::from_secs(45), "the rationale never reached the log");
        std::thread::sleep(Duration::from_millis(50));
    }

    let pid = std::fs::read_to_string(&pid_file).unwrap().trim().to_string();
    let status = Command::new("kill").args(["-9", &pid]).status().unwrap();
    assert!(status.success());
    // The killed process left the terminal as it was; the shell gets it back in order.
    t.type_text("stty sane; tput rmcup; clear; echo KLA''AR");
    t.send(&["Enter"]);
    t.wait_for("KLAAR");

    t.type_text(&format!("{} --resume {} --lang en", bin(), log.display()));
    t.send(&["Enter"]);
    let resumed = t.wait_for("Session resumed from the log.");
    assert!(resumed.contains("Answers 1/2"), "{resumed}");
    assert!(resumed.contains("✓ answered"), "{resumed}");
    t.send(&["Tab", "3", "Enter"]);
    let compare = t.wait_for("The groups chose differently");
    assert!(compare.contains("“Buurtnetwerk bestaat al”"), "{compare}");
    t.send(&["q", "y"]);

    let read = log::read(&log).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty());
    let play = &state.plays[0];
    assert_eq!(play.choices[&GroupId(0)].rationale, "Buurtnetwerk bestaat al");
    assert_eq!(play.choices[&GroupId(1)].option.as_str(), "leave-to-police");
    assert!(play.is_revealed());
}

#[test]
fn a_tiny_window_shows_one_message_and_resizing_never_breaks() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("size");
    t.type_text(&format!("{} --group A --group B --log {}; echo KLA''AR", play(), t.path("s.jsonl").display()));
    t.send(&["Enter"]);
    t.wait_for("Tempo");
    t.tmux(&["resize-window", "-t", "t", "-x", "50", "-y", "15"]);
    t.wait_for("Maak het venster groter (60x20)");
    t.tmux(&["resize-window", "-t", "t", "-x", "200", "-y", "60"]);
    t.wait_for("Tempo");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

#[test]
fn the_audience_screen_follows_the_console_in_another_pane() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("screen");
    let log = t.path("live.jsonl");
    t.type_text(&format!("{} --group Laren --group Blaricum --log {}", play(), log.display()));
    t.send(&["Enter"]);
    t.wait_for("Tempo");
    t.tmux(&[
        "split-window",
        "-t",
        "t",
        "-h",
        "-c",
        &t.dir.path().display().to_string(),
        "bash",
        "--norc",
        "--noprofile",
    ]);
    t.tmux(&["send-keys", "-t", "t.1", "-l", &format!("{} screen {}", bin(), log.display())]);
    t.tmux(&["send-keys", "-t", "t.1", "Enter"]);
    let pane = |t: &Tmux, n: &str| t.tmux(&["capture-pane", "-p", "-t", &format!("t.{n}")]);
    let wait_pane = |t: &Tmux, n: &str, text: &str| {
        let start = Instant::now();
        loop {
            let screen = pane(t, n);
            if screen.contains(text) {
                return screen;
            }
            assert!(start.elapsed() < Duration::from_secs(45), "pane {n} never showed {text:?}:\n{screen}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    // The panes are narrow; make the window wide enough for both.
    t.tmux(&["resize-window", "-t", "t", "-x", "200", "-y", "50"]);
    wait_pane(&t, "1", "De volgende kaart komt eraan.");
    t.tmux(&["send-keys", "-t", "t.0", "Enter"]);
    wait_pane(&t, "1", "Een golf van bankhelpdeskfraude");
    // A person opens the note box and then types (a letter at once after `n` would be the
    // second letter of a word typed blindly: see `ui::run::WORD_GAP`).
    let pause = || std::thread::sleep(weerbaar::ui::run::WORD_GAP * 2);
    t.tmux(&["send-keys", "-t", "t.0", "2", "n"]);
    pause();
    t.tmux(&["send-keys", "-t", "t.0", "-l", "Geheime observatie"]);
    t.tmux(&["send-keys", "-t", "t.0", "Enter"]);
    let room = wait_pane(&t, "1", "Antwoorden 1/2");
    assert!(!room.contains("Geheime observatie"));
    t.tmux(&["send-keys", "-t", "t.0", "b"]);
    let start = Instant::now();
    while pane(&t, "1").contains("bankhelpdeskfraude") {
        assert!(start.elapsed() < Duration::from_secs(45), "the blackout never reached the room");
        std::thread::sleep(Duration::from_millis(100));
    }
    t.tmux(&["send-keys", "-t", "t.0", "b"]);
    wait_pane(&t, "1", "Antwoorden 1/2");
    t.tmux(&["send-keys", "-t", "t.1", "q"]);
    t.tmux(&["send-keys", "-t", "t.0", "q"]);
    pause();
    t.tmux(&["send-keys", "-t", "t.0", "j"]);
}

#[test]
fn random_keys_against_the_real_binary_leave_it_responsive_and_the_terminal_sane() {
    if !need(Tool::Tmux) {
        return;
    }
    use rand::seq::IndexedRandom;
    use rand::{RngExt, SeedableRng};
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(99);
    let t = Tmux::start("monkey");
    let log = t.path("aap.jsonl");
    t.type_text(&format!(
        "stty -g > before.txt; {} --group Laren --group Blaricum --log {}; stty -g > after.txt; echo KLA''AR",
        play(),
        log.display()
    ));
    t.send(&["Enter"]);
    t.wait_for("Tempo");
    let keys = [
        "Enter", "Enter", "Tab", "BTab", "Up", "Down", "Left", "Right", "PPage", "NPage", "Home", "End", "BSpace",
        "DC", "Escape", "F1", "1", "2", "3", "4", "e", "d", "r", "i", "f", "x", "n", "a", "p", "b", "s", "D", "é", "ë",
        "?",
    ];
    for round in 0..400 {
        let key = *keys.choose(&mut rng).unwrap_or(&"Enter");
        t.send(&[key]);
        if round % 50 == 0 {
            let (w, h) = (rng.random_range(20..220), rng.random_range(8..70));
            t.tmux(&["resize-window", "-t", "t", "-x", &w.to_string(), "-y", &h.to_string()]);
        }
        if round % 25 == 0 {
            // Type text into whatever field may be open, and answer any quit question with no.
            t.type_text("Tekst 😀 <b>");
            t.send(&["q", "n"]);
        }
    }
    t.tmux(&["resize-window", "-t", "t", "-x", "120", "-y", "40"]);
    // Still responsive: whatever overlay the monkey left open (a confirmation eats one key), help
    // opens within a few presses. Help shows during a blackout too.
    let mut answered = false;
    for _ in 0..5 {
        t.send(&["Escape", "Escape", "F1"]);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(4) {
            if t.screen().contains(" Toetsen ") {
                answered = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        if answered {
            break;
        }
    }
    assert!(answered, "the console did not answer F1:\n{}", t.screen());
    t.escape(" Toetsen ");
    t.send(&["q"]);
    t.wait_for("afsluiten?");
    t.send(&["j"]);
    t.wait_for("KLAAR");
    let before = std::fs::read_to_string(t.path("before.txt")).unwrap();
    let after = std::fs::read_to_string(t.path("after.txt")).unwrap();
    assert_eq!(before, after, "the terminal modes are restored");
    assert_eq!(t.display("#{alternate_on}"), "0");
    let read = log::read(&log).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    assert!(State::fold(&read.records).unwrap().1.is_empty());
}

#[test]
fn review_walks_a_finished_session_and_leaves_the_log_untouched() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("review");
    let log = t.path("sessie.jsonl");
    // Play a short session for real, then review it.
    t.type_text(&format!("{} --group Laren --group Blaricum --lang en --log {}", play(), log.display()));
    t.send(&["Enter"]);
    t.wait_for("A wave of bank-helpdesk fraud");
    t.send(&["Enter", "2", "Tab", "1", "Enter"]);
    t.wait_for("The groups chose differently");
    // An Enter right after the reveal is ignored (a deliberate one comes later).
    std::thread::sleep(Duration::from_millis(1500));
    t.send(&["Enter", "E", "y"]);
    t.wait_for("The session has ended.");
    t.send(&["q", "y"]);
    // The console has left when it prints where the log is; only then does the shell read keys.
    t.wait_for("Log: /");
    t.type_text(&format!("clear; {} review {} --lang en; echo KLA''AR", bin(), log.display()));
    let before = std::fs::read(&log).unwrap();
    t.send(&["Enter"]);
    let first = t.wait_for("REVIEW (read-only)");
    assert!(first.contains("Card 1/1") && first.contains("The groups chose differently"), "{first}");
    t.send(&["Right"]);
    let debrief = t.wait_for("The session has ended.");
    assert!(debrief.contains("Debrief"), "{debrief}");
    t.send(&["q"]);
    t.wait_for("KLAAR");
    assert_eq!(std::fs::read(&log).unwrap(), before, "review never writes to the log");
}

/// Starts `weerbaar play` with two groups in `t` (the shell saves its `stty -a` first and again
/// after, then prints KLAAR), and waits for the agenda.
fn start_session(t: &Tmux, log: &Path, extra: &str) {
    t.type_text(&format!(
        "stty -a > before.txt; {} --group Laren --group Blaricum --seed 5 --log {} {extra}; stty -a > after.txt; echo KLA''AR",
        play(),
        log.display()
    ));
    t.send(&["Enter"]);
}

fn assert_terminal_sane(t: &Tmux) {
    let before = std::fs::read_to_string(t.path("before.txt")).unwrap();
    let after = std::fs::read_to_string(t.path("after.txt")).unwrap();
    assert_eq!(before, after, "stty -a differs after the program");
    assert_eq!(t.display("#{alternate_on}"), "0", "the alternate screen is left");
    assert_eq!(t.display("#{cursor_flag}"), "1", "the cursor is visible again");
}

#[test]
fn help_on_a_card_lists_the_option_rationale_and_reveal_keys() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("help");
    start_session(&t, &t.path("s.jsonl"), "");
    t.wait_for("Een golf van bankhelpdeskfraude");
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["?"]);
    let help = t.wait_for("Toetsen · Kaart");
    for (key, what) in [("1-9", "optie kiezen"), ("e", "toelichting"), ("Enter", "antwoorden tonen")] {
        assert!(help.lines().any(|l| l.contains(&format!(" {key} ")) && l.contains(what)), "{key} {what}:\n{help}");
    }
    t.escape("Toetsen · Kaart");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

#[test]
fn x_asks_before_closing_a_card() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("close");
    let log = t.path("s.jsonl");
    start_session(&t, &log, "");
    t.wait_for("Een golf van bankhelpdeskfraude");
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["x"]);
    t.wait_for("Kaart sluiten zonder tonen");
    t.send(&["n"]);
    let still = t.wait_for("Antwoorden 0/2");
    assert!(!still.contains("Kaart sluiten zonder tonen"), "{still}");
    assert!(!events(&log).iter().any(|e| matches!(e, Event::CardClosed { .. })), "n closes nothing");
    t.send(&["x"]);
    t.wait_for("Kaart sluiten zonder tonen");
    t.send(&["j"]);
    let agenda = t.wait_for("gesloten, niet gespeeld");
    assert!(agenda.contains("Tempo"), "{agenda}");
    assert!(events(&log).iter().any(|e| matches!(e, Event::CardClosed { .. })));
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

#[test]
fn enter_twice_after_the_last_answer_still_shows_the_compare_screen() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("twice");
    start_session(&t, &t.path("s.jsonl"), "");
    t.wait_for("Een golf van bankhelpdeskfraude");
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["1", "Tab", "2"]);
    t.wait_for("Antwoorden 2/2");
    t.send(&["Enter", "Enter"]);
    t.wait_for("De groepen kozen verschillend");
    std::thread::sleep(Duration::from_millis(300));
    let compare = t.wait_for("De groepen kozen verschillend");
    assert!(compare.contains("verder naar de agenda"), "{compare}");
    // A deliberate Enter, later, moves on.
    std::thread::sleep(Duration::from_millis(1300));
    t.send(&["Enter"]);
    t.wait_for("Tempo");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

#[test]
fn typing_after_e_without_an_option_writes_no_action_and_closes_nothing() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("typing");
    let log = t.path("s.jsonl");
    start_session(&t, &log, "");
    t.wait_for("Een golf van bankhelpdeskfraude");
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["e"]);
    t.wait_for("Nog geen optie gekozen");
    t.type_text("ax");
    t.wait_for("ax");
    t.send(&["Enter"]);
    t.wait_for("Toelichting vastgelegd; kies nog een optie");
    let events = events(&log);
    assert!(!events.iter().any(|e| matches!(e, Event::ActionAdded { .. } | Event::CardClosed { .. })), "{events:?}");
    assert!(events.iter().any(|e| matches!(e, Event::RationaleRecorded { rationale, .. } if rationale == "ax")));
    // The rationale joins the answer once the option is chosen.
    t.send(&["2", "Tab", "1"]);
    t.wait_for("Antwoorden 2/2");
    t.send(&["Enter"]);
    let compare = t.wait_for("De groepen kozen verschillend");
    assert!(compare.contains("“ax”"), "{compare}");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

#[test]
fn a_200_character_rationale_is_readable_on_screen() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("long");
    start_session(&t, &t.path("s.jsonl"), "");
    t.wait_for("Een golf van bankhelpdeskfraude");
    t.tmux(&["resize-window", "-t", "t", "-x", "80", "-y", "24"]);
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    let words = [
        "We",
        "bellen",
        "eerst",
        "de",
        "ouderenbond",
        "en",
        "de",
        "wijkagent,",
        "want",
        "die",
        "kennen",
        "de",
        "mensen",
        "die",
        "nu",
        "gebeld",
        "worden;",
        "daarna",
        "pas",
        "een",
        "brief,",
        "omdat",
        "een",
        "brief",
        "alleen",
        "niet",
        "aankomt",
        "bij",
        "wie",
        "eenzaam",
        "is",
        "en",
        "geen",
        "krant",
        "leest.",
        "Einde.",
    ];
    let text = words.join(" ");
    assert!(text.chars().count() >= 200, "{}", text.chars().count());
    t.send(&["1", "e"]);
    t.wait_for("Toelichting");
    t.type_text(&text);
    let screen = t.wait_for("Einde.");
    // Every word is on screen: nothing scrolled out of view or cut off.
    let shown: String = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    for w in words {
        assert!(shown.contains(w), "{w} missing:\n{screen}");
    }
    assert!(screen.contains("We bellen eerst"), "the start is still visible:\n{screen}");
    // Esc on typed text asks first; the second Esc throws it away.
    t.send(&["Escape"]);
    t.wait_for("Esc nog een keer");
    t.escape("Einde.");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

#[test]
fn the_follow_up_screen_moves_its_selection_with_the_arrows() {
    if !need(Tool::Tmux) {
        return;
    }
    use weerbaar::scenario::{AgendaId, Lang, Role};
    use weerbaar::session::{Command as Cmd, GroupSetup, Session, Setup, SystemClock};
    let t = Tmux::start("followup");
    let previous = t.path("vorige.jsonl");
    let deck = common::deck();
    let setup = Setup {
        title: "Vorige keer".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: Role::ALL.to_vec() },
            GroupSetup { name: "Blaricum".into(), roles: Role::ALL.to_vec() },
        ],
    };
    let mut s = Session::start(deck, setup, &previous, SystemClock).unwrap();
    for (g, what) in [(0, "Back-ups testen"), (0, "Crisisplan bijwerken"), (1, "Phishingtest")] {
        s.execute(Cmd::AddAction { group: GroupId(g), what: what.into(), owner: Role::Ciso, due: String::new() })
            .unwrap();
    }
    s.execute(Cmd::End).unwrap();
    drop(s);
    start_session(&t, &t.path("s.jsonl"), &format!("--follow-up {}", previous.display()));
    let first = t.wait_for("Vervolg op de vorige sessie");
    assert!(first.contains("▶ [ … ] Back-ups testen"), "{first}");
    t.send(&["Down", "Down"]);
    let moved = t.wait_for("▶ [ … ] Phishingtest");
    assert!(moved.contains("  [ … ] Back-ups testen"), "{moved}");
    t.send(&["Up"]);
    t.wait_for("▶ [ … ] Crisisplan bijwerken");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

/// The pid of the `weerbaar` running in the tmux pane.
fn app_pid(t: &Tmux) -> String {
    let shell = t.display("#{pane_pid}");
    let out = Command::new("pgrep").args(["-P", &shell]).output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().next().expect("weerbaar runs in the pane").trim().to_string()
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_leave_the_log_whole() {
    if !need(Tool::Tmux) {
        return;
    }
    for signal in ["TERM", "HUP", "INT"] {
        let t = Tmux::start(&format!("sig{signal}"));
        let log = t.path("s.jsonl");
        // Nothing after the program on the command line: bash drops the rest of a line whose
        // program died of SIGINT, as it should.
        t.type_text("stty -a > before.txt");
        t.send(&["Enter"]);
        t.type_text(&format!("{} --group Laren --group Blaricum --log {}", play(), log.display()));
        t.send(&["Enter"]);
        t.wait_for("Een golf van bankhelpdeskfraude");
        t.send(&["Enter"]);
        t.wait_for("Antwoorden 0/2");
        t.send(&["2"]);
        t.wait_for("antwoord vastgelegd");
        assert_eq!(t.display("#{alternate_on}"), "1");
        let before = std::fs::read(&log).unwrap();
        let pid = app_pid(&t);
        let status = Command::new("kill").args([&format!("-{signal}"), &pid]).status().unwrap();
        assert!(status.success());
        let start = Instant::now();
        while Path::new(&format!("/proc/{pid}")).exists() {
            assert!(start.elapsed() < Duration::from_secs(10), "{signal}: the program did not end");
            std::thread::sleep(Duration::from_millis(50));
        }
        std::thread::sleep(Duration::from_millis(200));
        t.type_text("stty -a > after.txt; echo KLA''AR");
        t.send(&["Enter"]);
        t.wait_for("KLAAR");
        assert_terminal_sane(&t);
        assert_eq!(std::fs::read(&log).unwrap(), before, "{signal}: the log is left as it was");
        let read = log::read(&log).unwrap();
        assert!(read.problems.is_empty(), "{signal}: {:?}", read.problems);
    }
}

#[test]
fn ctrl_z_and_fg_give_the_shell_a_sane_terminal_and_the_app_its_keys_back() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("suspend");
    let log = t.path("s.jsonl");
    t.type_text("stty -a > before.txt");
    t.send(&["Enter"]);
    t.type_text(&format!("{} --group Laren --group Blaricum --log {}", play(), log.display()));
    t.send(&["Enter"]);
    t.wait_for("Een golf van bankhelpdeskfraude");
    t.send(&["C-z"]);
    t.wait_for("Stopped");
    assert_eq!(t.display("#{alternate_on}"), "0", "the alternate screen is left while stopped");
    t.type_text("stty -a > stopped.txt; clear");
    t.send(&["Enter"]);
    std::thread::sleep(Duration::from_millis(300));
    let before = std::fs::read_to_string(t.path("before.txt")).unwrap();
    let stopped = std::fs::read_to_string(t.path("stopped.txt")).unwrap();
    assert_eq!(before, stopped, "the shell gets a sane terminal while the app is stopped");
    t.type_text("fg");
    t.send(&["Enter"]);
    t.wait_for("Een golf van bankhelpdeskfraude");
    // Raw mode again: one key, no Enter, opens the card.
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["?"]);
    t.wait_for("Toetsen · Kaart");
    t.escape("Toetsen · Kaart");
    t.send(&["q", "j"]);
    t.wait_for("Log");
    t.type_text("stty -a > after.txt; echo KLA''AR");
    t.send(&["Enter"]);
    t.wait_for("KLAAR");
    assert_terminal_sane(&t);
}

/// Six earlier sessions of two municipalities each, all answering the first card of the agenda
/// (option 2 eight times, option 1 four times), and one broken log, in `dir/earlier`.
fn earlier_sessions(dir: &Path) -> std::path::PathBuf {
    use chrono::TimeZone;
    use weerbaar::scenario::{AgendaId, Lang, Role};
    use weerbaar::session::{Command as Do, Decision, GroupSetup, ManualClock, Session, Setup};
    let earlier = dir.join("earlier");
    std::fs::create_dir_all(earlier.join("2026")).unwrap();
    let deck = common::deck();
    let towns = ["Huizen", "Eemnes", "Baarn", "Soest", "Zeist", "De Bilt", "Weesp", "Naarden", "Leusden", "Bussum"];
    let towns = towns.iter().chain(["Hilversum", "Amersfoort"].iter()).collect::<Vec<_>>();
    for n in 0..6u32 {
        let clock = ManualClock::new(
            chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 10, n + 1, 14, 0, 0).unwrap(),
        );
        let setup = Setup {
            title: format!("Bijeenkomst Gooi {n}"),
            facilitator: "Rian".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 10, n + 1).unwrap(),
            lang: Lang::Nl,
            target_minutes: 120,
            seed: u64::from(n),
            agenda: AgendaId::from("gemengd"),
            groups: towns[n as usize * 2..n as usize * 2 + 2]
                .iter()
                .map(|t| GroupSetup { name: t.to_string(), roles: Role::ALL.to_vec() })
                .collect(),
        };
        let path = earlier.join("2026").join(format!("s{n}.jsonl"));
        let mut s = Session::start(deck.clone(), setup, &path, clock).unwrap();
        s.execute(Do::OpenCard("helpdesk-fraud-wave".into())).unwrap();
        let options = if n < 4 { ["ambassadors", "broad-campaign"] } else { ["ambassadors", "ambassadors"] };
        for (g, option) in options.iter().enumerate() {
            s.execute(Do::RecordChoice {
                group: GroupId(g as u8),
                option: (*option).into(),
                rationale: String::new(),
                decision: Decision::Unanimous,
                dissent: vec![],
            })
            .unwrap();
        }
        s.execute(Do::Reveal).unwrap();
        s.execute(Do::End).unwrap();
    }
    std::fs::write(earlier.join("kapot.jsonl"), b"{\"niet\": \"een logboek\"}\n").unwrap();
    earlier
}

#[test]
fn play_with_peers_shows_how_earlier_sessions_chose_after_the_reveal() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::start("peers");
    let earlier = earlier_sessions(t.dir.path());
    let log = t.path("s.jsonl");

    // A folder that does not exist: a Dutch error, and no log.
    let missing = t.path("bestaat-niet");
    t.type_text(&format!(
        "{} --group Laren --group Blaricum --log {} --peers {}; echo KLA''AR",
        play(),
        log.display(),
        missing.display()
    ));
    t.send(&["Enter"]);
    let refused = t.wait_for("KLAAR");
    assert!(refused.contains(&format!("de map met eerdere sessies bestaat niet: {}", missing.display())), "{refused}");
    assert!(!log.exists(), "a refused start leaves no log");
    t.wait_for_prompt();
    t.run("clear");
    t.wait_for_prompt();

    start_session(&t, &log, &format!("--peers {}", earlier.display()));
    let agenda = t.wait_for("Een golf van bankhelpdeskfraude");
    assert!(agenda.contains("Eerdere sessies: 6 gelezen, 1 kapot overgeslagen; genoeg voor 1 kaart"), "{agenda}");
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["1", "Tab", "2"]);
    let answered = t.wait_for("Antwoorden 2/2");
    assert!(!answered.contains("eerdere sessies"), "nothing before the reveal:\n{answered}");
    t.send(&["Enter"]);
    let compare = t.wait_for("De groepen kozen verschillend");
    assert!(compare.contains("In 6 eerdere sessies koos 67% optie 2 · optie 1: 33%"), "{compare}");
    for name in ["Huizen", "Eemnes", "Bijeenkomst", "Rian"] {
        assert!(!compare.contains(name), "{name} reached the screen:\n{compare}");
    }
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
    assert_terminal_sane(&t);

    let recorded: Vec<Event> = events(&log).into_iter().filter(|e| matches!(e, Event::PeersLoaded { .. })).collect();
    let [Event::PeersLoaded { cards }] = recorded.as_slice() else { panic!("{recorded:?}") };
    assert_eq!(cards.len(), 1);
    assert_eq!((cards[0].card.as_str(), cards[0].sessions, cards[0].municipalities), ("helpdesk-fraud-wave", 6, 12));
}
