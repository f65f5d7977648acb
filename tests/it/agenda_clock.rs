#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The agenda's clock times and the Tempo panel's expected end come from one computation: the
//! closing row ends when the panel says the session will, at any second of a minute, and a
//! suggested follow-up's "+12 min → einde" is that end plus its minutes.

use crate::common;

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::scenario::Lang;
use weerbaar::session::{Command, Decision, GroupId, ManualClock, Session};
use weerbaar::ui::{App, Launch, Screen, screens};

/// A session of Laren and Huizen on the mixed agenda that started `start_secs` seconds after
/// 14:00 (local time, UTC+1).
fn session(dir: &std::path::Path, start_secs: u32) -> (Session<ManualClock>, ManualClock) {
    let start = chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, start_secs).unwrap();
    let clock = ManualClock::new(start);
    let setup = common::setup("Regio Gooi", &["Laren", "Huizen"], "gemengd");
    let s = Session::start(common::deck(), setup, &dir.join("sessie.jsonl"), clock.clone()).unwrap();
    (s, clock)
}

fn answer(s: &mut Session<ManualClock>, g: u8, option: &str) {
    s.execute(Command::RecordChoice {
        group: GroupId(g),
        option: option.into(),
        rationale: String::new(),
        decision: Decision::Majority,
        dissent: vec![],
    })
    .unwrap();
}

fn draw(s: Session<ManualClock>, clock: &ManualClock, dir: &std::path::Path, width: u16, height: u16) -> String {
    let launch = Launch {
        deck: common::deck(),
        log: None,
        log_dir: dir.to_path_buf(),
        seed: 4,
        facilitator: "Rian".into(),
        follow_up: None,
    };
    let mut app = App::with_session(launch, s, Lang::Nl, clock.clone());
    app.notice = None;
    assert_eq!(app.screen(), Screen::Agenda);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| screens::render(&app, f)).unwrap();
    terminal.backend().to_string()
}

/// The first "HH:MM" after `after` on the first screen line that contains `marker`.
fn time_after(screen: &str, marker: &str, after: &str) -> String {
    let line = screen.lines().find(|l| l.contains(marker)).unwrap_or_else(|| panic!("no {marker:?}:\n{screen}"));
    let from = line.find(after).unwrap_or_else(|| panic!("no {after:?} in {line:?}")) + after.len();
    let rest = line[from..].trim_start();
    let hhmm: String = rest.chars().take(5).collect();
    assert!(hhmm.len() == 5 && hhmm.as_bytes()[2] == b':', "not a time in {line:?}");
    hhmm
}

fn minutes(hhmm: &str) -> u32 {
    let (h, m) = hhmm.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

/// The closing row's time ("Afsluiting" is the agenda's last row) and the Tempo panel's.
fn closing_and_expected(screen: &str) -> (String, String) {
    // The closing row reads "◦  10 min → 15:55  Afsluiting": its time is before the name.
    let line = screen.lines().find(|l| l.contains("Afsluiting")).unwrap_or_else(|| panic!("{screen}"));
    let closing = time_after(line, "Afsluiting", "→");
    (closing, time_after(screen, "Einde verwacht", "Einde verwacht"))
}

/// Draws the agenda at `start_secs` into the minute the session started and `elapsed_secs`
/// after, with Laren's and Huizen's answers to the ransom card first when `after_ransom`.
fn agenda(start_secs: u32, elapsed_secs: i64, after_ransom: bool, width: u16, height: u16) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, clock) = session(dir.path(), start_secs);
    if after_ransom {
        clock.advance_secs(20 * 60);
        s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
        answer(&mut s, 0, "pay");
        answer(&mut s, 1, "ask-council");
        s.execute(Command::Reveal).unwrap();
        s.execute(Command::CloseCard).unwrap();
    }
    clock.advance_secs(elapsed_secs);
    draw(s, &clock, dir.path(), width, height)
}

const SIZES: [(u16, u16); 2] = [(120, 35), (80, 24)];

#[test]
fn the_last_agenda_row_ends_when_the_tempo_panel_says_at_any_second() {
    for start_secs in [0, 25, 59] {
        for now_secs in [0, 1, 30, 59] {
            // During the opening round, and after it ran over (no card opened yet).
            for minute in [3, 22] {
                for (w, h) in SIZES {
                    let screen = agenda(start_secs, minute * 60 + now_secs, false, w, h);
                    let (closing, expected) = closing_and_expected(&screen);
                    assert_eq!(closing, expected, "start +{start_secs}s, now {minute}m{now_secs}s, {w}x{h}:\n{screen}");
                }
            }
        }
    }
}

#[test]
fn after_a_card_the_rows_and_a_follow_up_s_end_agree_with_the_tempo_panel() {
    for start_secs in [0, 25, 59] {
        for now_secs in [0, 1, 30, 59] {
            for (w, h) in SIZES {
                let screen = agenda(start_secs, 17 * 60 + now_secs, true, w, h);
                let (closing, expected) = closing_and_expected(&screen);
                let at = format!("start +{start_secs}s, now +{now_secs}s, {w}x{h}:\n{screen}");
                assert_eq!(closing, expected, "{at}");
                // Laren paid: the second demand is suggested, and playing it ends 12 minutes later.
                let with = time_after(&screen, "→ einde", "→ einde");
                assert_eq!(minutes(&with), minutes(&expected) + 12, "{at}");
            }
        }
    }
}
