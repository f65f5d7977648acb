#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The audience screen follows the log the console writes and shows the room only what the
//! room should see.

use crate::common;

use std::io::Write;

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::log::follow::Follower;
use weerbaar::scenario::Lang;
use weerbaar::session::{Command, Decision, GroupId, ManualClock, Session, Setup};
use weerbaar::ui::audience::Audience;
use weerbaar::ui::run::Program;

const SECRET_NOTE: &str = "Krimpen kent de IBD niet eens";

fn draw(a: &Audience<ManualClock>) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 32)).unwrap();
    terminal.draw(|f| a.render(f)).unwrap();
    terminal.backend().to_string()
}

fn setup() -> Setup {
    common::setup("Laren en Krimpen", &["Laren", "Krimpen aan den IJssel"], "gemengd")
}

#[test]
fn the_room_sees_the_card_and_the_comparison_but_never_notes_or_hidden_answers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let c = ManualClock::new(
        chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap(),
    );
    let mut screen = Audience::new(&path, common::deck(), Lang::Nl, c.clone());
    let waiting = draw(&screen);
    assert!(waiting.contains("Wachten op de sessie in"), "{waiting}");

    let mut s = Session::start(common::deck(), setup(), &path, c.clone()).unwrap();
    let mut frames: Vec<(String, String)> = Vec::new();
    let step = |name: &str, screen: &mut Audience<ManualClock>, frames: &mut Vec<(String, String)>| -> String {
        screen.on_tick();
        let text = draw(screen);
        assert!(!text.contains(SECRET_NOTE), "{name}: a note reached the room:\n{text}");
        assert!(!text.contains("Welkom2020"), "{name}: facilitator notes reached the room");
        frames.push((name.to_string(), text.clone()));
        text
    };
    step("1_started", &mut screen, &mut frames);
    c.advance_secs(300);
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    c.advance_secs(330);
    s.release_due().unwrap();
    step("2_card_with_development", &mut screen, &mut frames);
    s.execute(Command::RecordChoice {
        group: GroupId(0),
        option: "pay".into(),
        rationale: "Maandag moeten de uitkeringen eruit".into(),
        decision: Decision::Majority,
        dissent: vec![],
    })
    .unwrap();
    s.execute(Command::AddNote { about: Some(GroupId(1)), text: SECRET_NOTE.into() }).unwrap();
    let hidden = step("3_one_group_answered", &mut screen, &mut frames);
    assert!(hidden.contains("✓ geantwoord") && hidden.contains("Antwoorden 1/2"), "{hidden}");
    assert!(!hidden.contains("Maandag moeten de uitkeringen"), "an unrevealed answer reached the room");
    s.execute(Command::RecordChoice {
        group: GroupId(1),
        option: "refuse".into(),
        rationale: String::new(),
        decision: Decision::Unanimous,
        dissent: vec![],
    })
    .unwrap();
    s.execute(Command::Reveal).unwrap();
    let revealed = step("4_revealed", &mut screen, &mut frames);
    assert!(revealed.contains("Maandag moeten de uitkeringen eruit"), "{revealed}");
    s.execute(Command::Blackout(true)).unwrap();
    let blank = step("5_blackout", &mut screen, &mut frames);
    assert!(blank.chars().all(|c| c == ' ' || c == '"' || c == '\n'), "a blackout shows nothing:\n{blank}");
    s.execute(Command::Blackout(false)).unwrap();
    s.execute(Command::CloseCard).unwrap();
    step("6_between_cards", &mut screen, &mut frames);
    s.execute(Command::End).unwrap();
    step("7_ended", &mut screen, &mut frames);
    for (name, text) in frames {
        insta::assert_snapshot!(format!("audience_{name}"), text);
    }
}

#[test]
fn the_follower_waits_for_a_torn_line_and_survives_a_resume() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let c =
        ManualClock::new(chrono::FixedOffset::east_opt(0).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap());
    let mut s = Session::start(common::deck(), setup(), &path, c.clone()).unwrap();
    s.execute(Command::OpenCard("alderman-doxed".into())).unwrap();
    drop(s);
    let mut f = Follower::new(&path);
    assert!(f.poll());
    assert_eq!(f.state().unwrap().plays.len(), 1);

    // A crash mid-write: half a line arrives first; nothing changes until the line is whole.
    let full = r#"{"seq":4,"at":"2026-11-23T14:00:00Z","offset":0,"type":"note_added","text":"half"}"#;
    let mut file = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
    file.write_all(&full.as_bytes()[..30]).unwrap();
    assert!(!f.poll());
    file.write_all(&full.as_bytes()[30..]).unwrap();
    file.write_all(b"\n").unwrap();
    assert!(f.poll());
    assert_eq!(f.state().unwrap().notes.len(), 1);

    // The console is restarted with --resume and goes on appending to the same file.
    let (mut resumed, _) = Session::resume(common::deck(), &path, c).unwrap();
    resumed.execute(Command::Reveal).err();
    resumed.execute(Command::CloseCard).unwrap();
    assert!(f.poll());
    assert!(f.state().unwrap().current_play().is_none());
}
