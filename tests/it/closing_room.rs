#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! Issue #28, the closing round on the room's screen and the debrief written without blocking:
//! opening and leaving the closing round are log events the audience screen follows (the
//! actions per municipality and the notes to the room, never a private note); `w` says at once
//! that it writes, refuses a second write while one runs, and says where the report is instead
//! of writing a copy when nothing changed. In process (the engine, the audience screen on a
//! `TestBackend`, the review and the reports on a log with the new events) and end to end (the
//! real console and `weerbaar screen` in tmux, Dutch and English, 80x24 and 120x35).

use std::path::Path;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::scenario::{Lang, Role};
use weerbaar::session::{Command, Event, GroupId, ManualClock, Owner, Session, Visibility};
use weerbaar::ui::audience::Audience;
use weerbaar::ui::run::Program;
use weerbaar::ui::{App, Screen};

use crate::common;
use common::tmux::Tmux;
use common::tmux::words;

/// Only the gespreksleider may read it: never on the room's screen.
const PRIVATE: &str = "Burgemeester twijfelt aan de CISO";
/// Said to the whole room: on the room's screen in the closing round.
const ROOM_NOTE: &str = "Iedereen wil de back-up vaker testen";
const ACTION: &str = "Draaiboek ransomware met de raad bespreken";
const REVISED: &str = "Draaiboek ransomware in de raad vaststellen";

fn draw(a: &Audience<ManualClock>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| a.render(f)).unwrap();
    terminal.backend().to_string()
}

/// A session with a card played, a private note about Laren, a note to the room and an action
/// for Laren and for Huizen: what a closing round discusses.
fn session(path: &Path, lang: Lang, c: &ManualClock) -> Session<ManualClock> {
    let mut setup = common::setup("Gooi en Vecht", &["Laren", "Huizen", "Blaricum"], "gemengd");
    setup.lang = lang;
    let mut s = Session::start(common::deck(), setup, path, c.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    for g in 0..3 {
        s.execute(Command::RecordChoice {
            group: GroupId(g),
            option: if g == 1 { "refuse" } else { "pay" }.into(),
            rationale: String::new(),
            decision: weerbaar::session::Decision::Unanimous,
            dissent: vec![],
        })
        .unwrap();
    }
    s.execute(Command::Reveal).unwrap();
    c.advance_secs(600);
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::AddNoteAs { about: Some(GroupId(0)), text: PRIVATE.into(), visibility: Visibility::Private })
        .unwrap();
    s.execute(Command::AddNoteAs { about: None, text: ROOM_NOTE.into(), visibility: Visibility::Room }).unwrap();
    s.execute(Command::AddActionItem {
        group: GroupId(0),
        what: ACTION.into(),
        owner: Owner::Role(Role::Ciso),
        due: NaiveDate::from_ymd_opt(2027, 3, 1),
        card: None,
    })
    .unwrap();
    s.execute(Command::AddActionItem {
        group: GroupId(1),
        what: "Crisisteam oefent twee keer per jaar".into(),
        owner: Owner::Other("gemeentesecretaris".into()),
        due: NaiveDate::from_ymd_opt(2027, 6, 30),
        card: None,
    })
    .unwrap();
    s
}

#[test]
fn the_room_screen_shows_the_closing_round_while_the_console_does_and_then_what_it_showed_before() {
    for lang in [Lang::Nl, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("live.jsonl");
        let c = common::clock();
        let mut s = session(&path, lang, &c);
        let mut room = Audience::new(&path, common::deck(), lang, c.clone());
        room.on_tick();
        let (next, heading, owner, date) = match lang {
            Lang::Nl => ("De volgende kaart komt eraan", "ACTIES EN NOTITIES PER GEMEENTE", "CISO", "1-3-2027"),
            Lang::En => ("The next card is coming", "ACTIONS AND NOTES PER MUNICIPALITY", "CISO", "1 March 2027"),
        };
        let before = draw(&room, 120, 35);
        assert!(before.contains(next), "{before}");

        s.execute(Command::ShowClosing(true)).unwrap();
        room.on_tick();
        let l = format!("{lang:?}").to_lowercase();
        for (w, h) in [(80, 24), (120, 35)] {
            let shown = draw(&room, w, h);
            let text = words(&shown);
            assert!(text.contains(heading), "{lang:?} {w}x{h}: the closing round on the room's screen:\n{shown}");
            assert!(!shown.contains(next), "{shown}");
            for want in [ACTION, owner, date, "Huizen", "Crisisteam oefent twee keer per jaar", ROOM_NOTE] {
                assert!(text.contains(want), "{lang:?} {w}x{h}: {want:?} missing:\n{shown}");
            }
            assert!(!text.contains("Burgemeester twijfelt"), "a private note on the room's screen:\n{shown}");
            assert!(!shown.contains('▶'), "no cursor on the room's screen:\n{shown}");
            assert!(!text.contains("Enter"), "no keys on the room's screen:\n{shown}");
            insta::assert_snapshot!(format!("room_closing_{l}_{w}x{h}"), shown);
        }

        // A finding and an assessment may name a municipality's weak point: they are the
        // gespreksleider's and the report's, never on the room's screen.
        let objective = s.state().objectives(s.deck())[0].id.clone();
        s.execute(Command::RecordFinding {
            kind: weerbaar::session::FindingKind::Improvement,
            text: "De burgemeester van Blaricum wist niet dat de raad meebeslist".into(),
            objective: Some(objective.clone()),
            card: None,
            group: Some(GroupId(2)),
        })
        .unwrap();
        s.execute(Command::AssessObjective {
            objective,
            rating: weerbaar::session::Rating::Partly,
            why: "Blaricum betrok de raad niet".into(),
        })
        .unwrap();
        room.on_tick();
        for (w, h) in [(80, 24), (120, 35)] {
            let text = words(&draw(&room, w, h));
            assert!(text.contains(heading), "{text}");
            assert!(!text.contains("wist niet dat de raad") && !text.contains("betrok de raad niet"), "{text}");
        }

        // A correction at the console reaches the room as it is made.
        s.execute(Command::ReviseAction {
            index: 0,
            group: GroupId(0),
            what: REVISED.into(),
            owner: Owner::Role(Role::Ciso),
            due: NaiveDate::from_ymd_opt(2027, 4, 1),
        })
        .unwrap();
        s.execute(Command::ReviseNote {
            index: 0,
            about: Some(GroupId(0)),
            text: "Laren test de back-up elk kwartaal".into(),
            visibility: Visibility::Room,
        })
        .unwrap();
        room.on_tick();
        let text = words(&draw(&room, 80, 24));
        assert!(text.contains(REVISED) && !text.contains(ACTION), "{text}");
        assert!(text.contains("Laren test de back-up elk kwartaal"), "a note made public is shown: {text}");

        // Left: the room shows what it showed before.
        s.execute(Command::ShowClosing(false)).unwrap();
        room.on_tick();
        let after = draw(&room, 120, 35);
        assert!(after.contains(next) && !words(&after).contains(heading), "{after}");

        // Opening a card ends the closing round on the room's screen too.
        s.execute(Command::ShowClosing(true)).unwrap();
        s.execute(Command::OpenCard("citrix-shutdown".into())).unwrap();
        room.on_tick();
        let card = draw(&room, 120, 35);
        assert!(!words(&card).contains(heading), "{card}");
        assert!(!s.state().closing_round);
    }
}

#[test]
fn a_log_with_the_closing_round_reads_in_the_review_and_every_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessie.jsonl");
    let c = common::clock();
    let mut s = session(&path, Lang::Nl, &c);
    let turn = |word| Command::TurnPage { screen: weerbaar::session::Paged::Closing, word };
    assert!(s.execute(turn(1)).is_err(), "no section to show while the room does not show the closing round");
    s.execute(Command::ShowClosing(true)).unwrap();
    s.execute(turn(2)).unwrap();
    s.execute(Command::ShowClosing(false)).unwrap();
    s.execute(Command::ShowClosing(true)).unwrap();
    assert_eq!(s.state().closing_page, 0, "a closing round opened again starts at the top");
    s.execute(Command::End).unwrap();
    // The closing screen stays reachable after the end, and the room follows it.
    s.execute(Command::ShowClosing(false)).unwrap();
    s.execute(Command::ShowClosing(true)).unwrap();
    s.execute(turn(1)).unwrap();
    drop(s);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("\"type\":\"closing_round\"").count(), 5, "{text}");

    let log = weerbaar::debrief::load_log(&path, &common::deck()).unwrap();
    assert!(log.warnings.is_empty(), "{:?}", log.warnings);
    assert!(log.state.closing_round && log.state.is_ended());
    assert!(log.records.iter().any(|r| matches!(r.event, Event::ClosingRound { on: true })));
    let deck = common::deck();
    let report = weerbaar::debrief::Report::new(&deck, Lang::Nl, vec![log], false);
    for format in [
        weerbaar::debrief::Format::Markdown,
        weerbaar::debrief::Format::Html,
        weerbaar::debrief::Format::Json,
        weerbaar::debrief::Format::Csv,
    ] {
        let out = report.render(format).unwrap();
        assert!(out.contains(ACTION), "{format:?} has the action");
        assert!(!out.contains("closing_round"), "{format:?} shows no view event");
    }
    // The real binary: `debrief` (Word too) and `review` on the same log.
    let bin = common::tmux::bin();
    let docx = dir.path().join("verslag.docx");
    let out = std::process::Command::new(bin)
        .args(["debrief", &path.display().to_string(), "--format", "docx", "-o", &docx.display().to_string()])
        .env(weerbaar::log::DIR_VAR, dir.path().join("sessions"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    let out = std::process::Command::new(bin)
        .args(["series", &path.display().to_string(), "--format", "md"])
        .env(weerbaar::log::DIR_VAR, dir.path().join("sessions"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("closing"), "no warning about the new events");
    let log = weerbaar::debrief::load_log(&path, &common::deck()).unwrap();
    let mut review = weerbaar::ui::review::Review::new(log, common::deck(), Lang::Nl);
    let mut pages = Vec::new();
    for code in [KeyCode::Right, KeyCode::End, KeyCode::PageDown, KeyCode::PageDown] {
        review.on_key(KeyEvent::new(code, KeyModifiers::NONE));
        let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
        terminal.draw(|f| review.render(f)).unwrap();
        pages.push(terminal.backend().to_string());
    }
    let all = pages.join("\n");
    assert!(words(&all).contains(ACTION), "the review reaches the session's actions:\n{all}");
}

// ---- the debrief from the closing screen, in process -------------------------------------

fn console(dir: &Path, lang: Lang) -> App<ManualClock> {
    let c = common::clock();
    let path = dir.join("sessie.jsonl");
    let s = session(&path, lang, &c);
    let launch = weerbaar::ui::Launch {
        deck: common::deck(),
        log: Some(path),
        log_dir: dir.to_path_buf(),
        seed: 4,
        facilitator: "Rian".into(),
        follow_up: None,
    };
    let mut app = App::with_session(launch, s, lang, c);
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    assert_eq!(app.screen(), Screen::Closing);
    app
}

/// Ticks the console (as its loop does) until the status line says `text`.
fn wait_notice(app: &mut App<ManualClock>, text: &str) -> String {
    let start = std::time::Instant::now();
    loop {
        app.on_tick();
        let said = app.notice.as_ref().map(|n| n.1.clone()).unwrap_or_default();
        if said.contains(text) {
            return said;
        }
        assert!(start.elapsed() < common::tmux::PATIENCE, "waited for {text:?}; the status line says {said:?}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

fn files(dir: &Path, ext: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(ext))
        .collect();
    names.sort();
    names
}

#[test]
fn w_says_it_writes_refuses_a_second_write_meanwhile_and_makes_no_copy_of_an_unchanged_debrief() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = console(dir.path(), Lang::Nl);
    let w = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE);
    app.on_key(w);
    // Said at once, before the files are there; the console answers keys meanwhile.
    assert!(app.notice.as_ref().unwrap().1.starts_with("Verslag wordt geschreven"), "{:?}", app.notice);
    assert!(app.debriefs.is_running());
    app.on_key(w);
    assert_eq!(app.notice.as_ref().unwrap().1, "Het verslag wordt nog geschreven; even geduld.");
    app.on_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    assert_eq!(app.closing_sel, 1, "keys act at once while the debrief is written");
    let said = wait_notice(&mut app, "Verslag geschreven: ");
    let html = std::path::absolute(dir.path().join("sessie.html")).unwrap();
    assert!(said.contains(&html.display().to_string()) && said.ends_with("en sessie.docx"), "{said}");
    assert_eq!(files(dir.path(), ".html"), ["sessie.html"]);

    // Nothing changed (leaving and opening the closing round is no change): where it is.
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    app.on_key(w);
    let said = app.notice.as_ref().unwrap().1.clone();
    assert!(!app.debriefs.is_running());
    assert_eq!(
        said,
        format!("Niets gewijzigd sinds het laatste verslag; het staat in {} en sessie.docx", html.display())
    );
    assert_eq!(files(dir.path(), ".html"), ["sessie.html"]);
    assert_eq!(files(dir.path(), ".docx"), ["sessie.docx"]);

    // A change: a new pair, the first untouched.
    let first = std::fs::read(&html).unwrap();
    app.on_key(KeyEvent::new(KeyCode::Char('F'), KeyModifiers::SHIFT));
    for ch in "De CISO was er snel bij".chars() {
        app.on_key(KeyEvent::new(KeyCode::Char(ch), KeyModifiers::NONE));
    }
    app.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.overlay.is_none(), "{:?}", app.notice);
    app.on_key(w);
    let said = wait_notice(&mut app, "Verslag geschreven: ");
    assert!(said.contains("sessie-2.html") && said.ends_with("en sessie-2.docx"), "{said}");
    assert_eq!(std::fs::read(&html).unwrap(), first);
    assert!(std::fs::read_to_string(dir.path().join("sessie-2.html")).unwrap().contains("De CISO was er snel bij"));

    // A report removed since: written again, not pointed at.
    std::fs::remove_file(dir.path().join("sessie-2.html")).unwrap();
    app.on_key(w);
    wait_notice(&mut app, "Verslag geschreven: ");
}

// ---- end to end: the real console and the room's screen in tmux ----------------------------

struct Words {
    lang: &'static str,
    agenda: &'static str,
    heading: &'static str,
    next: &'static str,
    owner: &'static str,
    date: &'static str,
    written: &'static str,
    unchanged: &'static str,
}

const NL: Words = Words {
    lang: "nl",
    agenda: "Tempo",
    heading: "ACTIES EN NOTITIES PER GEMEENTE",
    next: "De volgende kaart komt eraan",
    owner: "burgemeester",
    date: "1-3-2027",
    written: "Verslag geschreven:",
    unchanged: "Niets gewijzigd sinds het laatste verslag; het staat in",
};

const EN: Words = Words {
    lang: "en",
    agenda: "Pace",
    heading: "ACTIONS AND NOTES PER MUNICIPALITY",
    next: "The next card is coming",
    owner: "mayor",
    date: "1 March 2027",
    written: "Debrief written:",
    unchanged: "Nothing changed since the last debrief; it is in",
};

/// The console on the agenda with a private note, a note to the room and an action for Laren.
fn console_with_notes(w: &Words, name: &str, size: (u16, u16)) -> Tmux {
    let deck = common::deck_dir().display().to_string();
    let args = [
        "play", "--deck", &deck, "--lang", w.lang, "--group", "Laren", "--group", "Huizen", "--seed", "5", "--log",
        "s.jsonl",
    ];
    let c = Tmux::program(name, size.0, size.1, &args);
    c.wait_for(w.agenda);
    c.send(&["n"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    c.type_text(PRIVATE);
    c.send(&["Enter"]);
    c.wait_words_gone(PRIVATE);
    c.send(&["n"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    c.send(&["BTab", "Right", "Tab"]);
    c.type_text(ROOM_NOTE);
    c.send(&["Enter"]);
    c.wait_words_gone(ROOM_NOTE);
    c.send(&["a"]);
    std::thread::sleep(std::time::Duration::from_millis(300));
    c.type_text(ACTION);
    c.send(&["Tab", "Tab"]);
    c.type_text("1-3-2027");
    c.send(&["Enter"]);
    c.wait_words_gone(ACTION);
    c
}

#[test]
fn the_room_screen_follows_the_console_into_the_closing_round_and_out_of_it() {
    for (w, console, room) in
        [(&NL, (80, 24), (120, 35)), (&NL, (120, 35), (80, 24)), (&EN, (120, 35), (80, 24)), (&EN, (80, 24), (120, 35))]
    {
        let name = format!("closing-room-{}-{}", w.lang, room.0);
        let c = console_with_notes(w, &format!("{name}-console"), console);
        let log = c.path("s.jsonl").display().to_string();
        let r = Tmux::program(&format!("{name}-room"), room.0, room.1, &["screen", "--lang", w.lang, &log]);
        r.wait_for(w.next);
        c.send(&["c"]);
        let shown = r.wait_words(w.heading);
        for want in [ACTION, w.owner, w.date, ROOM_NOTE, "Laren", "Huizen"] {
            assert!(
                shown.contains(want),
                "{} {room:?}: {want:?} missing on the room's screen:\n{}",
                w.lang,
                r.screen()
            );
        }
        assert!(!shown.contains("Burgemeester twijfelt"), "a private note on the room's screen:\n{}", r.screen());
        // The action corrected at the console: the room reads the new text.
        c.send(&["Enter"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        c.send(&["C-u"]);
        c.type_text(REVISED);
        c.send(&["Enter"]);
        let shown = r.wait_words(REVISED);
        assert!(!shown.contains(ACTION), "{}", r.screen());
        // Back to the agenda: the room shows what it showed before.
        c.send(&["c"]);
        r.wait_words(w.next);
        r.wait_words_gone(w.heading);
        let events = std::fs::read_to_string(c.path("s.jsonl")).unwrap();
        assert_eq!(events.matches("\"closing_round\"").count(), 2, "opened and left, in the log");
    }
}

#[test]
fn w_twice_without_a_change_writes_one_pair_and_says_where_it_is() {
    for (w, size) in [(&NL, (80, 24)), (&EN, (120, 35)), (&NL, (120, 35)), (&EN, (80, 24))] {
        let name = format!("closing-w-{}-{}", w.lang, size.0);
        let c = console_with_notes(w, &name, size);
        c.send(&["c"]);
        c.wait_words(w.heading);
        // (That `w` says at once that it writes is asserted in process above: a short session
        // is written faster than a terminal can be read.)
        c.send(&["w"]);
        let screen = c.wait_words(w.written);
        let html = c.path("s.html").display().to_string();
        assert!(screen.contains(&html), "the whole path:\n{}", c.screen());
        c.send(&["w"]);
        let screen = c.wait_words(w.unchanged);
        assert!(screen.contains(&html), "where the report is:\n{}", c.screen());
        std::thread::sleep(std::time::Duration::from_millis(500));
        assert_eq!(files(c.dir.path(), ".html"), ["s.html"], "{}", w.lang);
        assert_eq!(files(c.dir.path(), ".docx"), ["s.docx"], "{}", w.lang);
    }
}

/// A console resumed (`--resume`) with the closing round open opens on it, as the room's screen
/// shows it; the first `c` leaves it on both.
#[test]
fn a_resumed_console_opens_where_the_room_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessie.jsonl");
    let c = common::clock();
    let mut s = session(&path, Lang::Nl, &c);
    s.execute(Command::ShowClosing(true)).unwrap();
    drop(s);
    let (resumed, _) = Session::resume(common::deck(), &path, c.clone()).unwrap();
    let launch = weerbaar::ui::Launch {
        deck: common::deck(),
        log: Some(path.clone()),
        log_dir: dir.path().to_path_buf(),
        seed: 4,
        facilitator: "Rian".into(),
        follow_up: None,
    };
    let mut app = App::with_session(launch, resumed, Lang::Nl, c);
    assert_eq!(app.screen(), Screen::Closing);
    app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    assert_ne!(app.screen(), Screen::Closing);
    assert!(!app.session().unwrap().state().closing_round, "the room leaves it too");
}

/// Eight delegations with two actions each do not fit a room's screen: the room's screen brings
/// the municipality the gespreksleider's selection is in into view, logged once per
/// municipality passed (not per arrow key).
#[test]
fn the_room_screen_follows_the_municipality_under_discussion() {
    let names = ["Laren", "Huizen", "Blaricum", "Eemnes", "Baarn", "Soest", "Bussum", "Naarden"];
    for lang in [Lang::Nl, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessie.jsonl");
        let c = common::clock();
        let mut setup = common::setup("Gooi en Vecht", &names, "gemengd");
        setup.lang = lang;
        let mut s = Session::start(common::deck(), setup, &path, c.clone()).unwrap();
        for (g, name) in names.iter().enumerate() {
            for n in 1..=2 {
                s.execute(Command::AddActionItem {
                    group: GroupId(g as u8),
                    what: format!("{name} actie {n}: draaiboek bijwerken"),
                    owner: Owner::Role(Role::Ciso),
                    due: NaiveDate::from_ymd_opt(2027, 3, n),
                    card: None,
                })
                .unwrap();
            }
        }
        s.execute(Command::AddNoteAs {
            about: Some(GroupId(7)),
            text: PRIVATE.into(),
            visibility: Visibility::Private,
        })
        .unwrap();
        let launch = weerbaar::ui::Launch {
            deck: common::deck(),
            log: Some(path.clone()),
            log_dir: dir.path().to_path_buf(),
            seed: 4,
            facilitator: "Rian".into(),
            follow_up: None,
        };
        let mut app = App::with_session(launch, s, lang, c.clone());
        let mut room = Audience::new(&path, common::deck(), lang, c);
        app.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
        room.on_tick();
        let first = words(&draw(&room, 80, 24));
        assert!(first.contains("Laren actie 1") && !first.contains("Naarden actie 2"), "{first}");
        // Down to Naarden's second action: 15 rows, 7 municipalities passed.
        for _ in 0..15 {
            app.on_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        }
        room.on_tick();
        let l = format!("{lang:?}").to_lowercase();
        for (w, h) in [(80, 24), (120, 35)] {
            let shown = draw(&room, w, h);
            let text = words(&shown);
            assert!(text.contains("Naarden actie 1") && text.contains("Naarden actie 2"), "{w}x{h}:\n{shown}");
            assert!(!text.contains("Burgemeester twijfelt"), "{shown}");
            insta::assert_snapshot!(format!("room_closing_naarden_{l}_{w}x{h}"), shown);
        }
        let log = std::fs::read_to_string(&path).unwrap();
        assert_eq!(log.matches("\"screen\":\"closing\"").count(), 7, "one turn per municipality passed");
        // Back up to Laren: the room follows.
        for _ in 0..15 {
            app.on_key(KeyEvent::new(KeyCode::Up, KeyModifiers::NONE));
        }
        room.on_tick();
        let text = words(&draw(&room, 80, 24));
        assert!(text.contains("Laren actie 1"), "{text}");
    }
}

/// A debrief written during the session says "sessie niet afgesloten": ending the session writes
/// the final one beside it (never over it), so the newest report is never one of an unfinished
/// session.
#[test]
fn ending_the_session_after_a_debrief_writes_the_final_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = console(dir.path(), Lang::Nl);
    app.on_key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE));
    wait_notice(&mut app, "Verslag geschreven");
    let during = std::fs::read_to_string(dir.path().join("sessie.html")).unwrap();
    assert!(during.contains("sessie niet afgesloten"), "the first report is of a session not ended yet");
    app.overlay = Some(weerbaar::ui::Overlay::Confirm(weerbaar::ui::Confirm::End));
    app.on_key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE));
    assert!(app.session().unwrap().state().is_ended());
    let said = wait_notice(&mut app, "Verslag geschreven");
    assert!(said.contains("sessie-2.html"), "{said}");
    assert_eq!(files(dir.path(), ".html"), ["sessie-2.html", "sessie.html"]);
    let last = std::fs::read_to_string(dir.path().join("sessie-2.html")).unwrap();
    assert!(!last.contains("sessie niet afgesloten"), "the final report is of the ended session");
    assert_eq!(std::fs::read_to_string(dir.path().join("sessie.html")).unwrap(), during, "the first is untouched");
}
