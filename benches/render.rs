#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Render time per frame of each console screen at 200x60 (aim: under 2 ms), against a baseline
//! frame that only fills the same buffer with text, and the time from start to the first frame.

mod common;

use std::time::Instant;

use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::widgets::Paragraph;
use weerbaar::scenario::{self, AgendaId, Lang, Role};
use weerbaar::session::{GroupSetup, ManualClock, Session, Setup};
use weerbaar::ui::{App, Launch, SetupForm, screens};

const W: u16 = 200;
const H: u16 = 60;

fn clock() -> ManualClock {
    ManualClock::new(chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap())
}

fn launch(dir: &std::path::Path) -> Launch {
    Launch {
        deck: scenario::load_deck(None).unwrap(),
        log: Some(dir.join("s.jsonl")),
        log_dir: dir.into(),
        seed: 1,
        facilitator: String::new(),
        follow_up: None,
    }
}

fn live(dir: &std::path::Path) -> App<ManualClock> {
    let c = clock();
    let l = launch(dir);
    let setup = Setup {
        title: "Bench".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from("gemengd"),
        groups: (0..4).map(|i| GroupSetup { name: format!("Gemeente {i}"), roles: Role::ALL.to_vec() }).collect(),
    };
    let s = Session::start(l.deck.clone(), setup, l.log.as_deref().unwrap(), c.clone()).unwrap();
    App::with_session(l, s, Lang::Nl, c)
}

fn keys(app: &mut App<ManualClock>, codes: &[KeyCode]) {
    for c in codes {
        app.on_key(KeyEvent::new(*c, KeyModifiers::NONE));
    }
}

fn main() {
    let frames = 300;
    let mut terminal = Terminal::new(TestBackend::new(W, H)).unwrap();
    let text = "Weerbaar ".repeat(usize::from(W) * usize::from(H) / 9);
    let baseline = common::median(frames, || {
        terminal
            .draw(|f| {
                f.render_widget(Paragraph::new(text.as_str()).wrap(ratatui::widgets::Wrap { trim: false }), f.area())
            })
            .unwrap();
    });
    println!("render per frame at {W}x{H}, median of {frames} frames");
    println!("  baseline (one wrapped paragraph)    : {}", common::ms(baseline));

    let dirs: Vec<tempfile::TempDir> = (0..6).map(|_| tempfile::tempdir().unwrap()).collect();
    let setup = App::with_setup(launch(dirs[0].path()), SetupForm::new(Lang::Nl, ""), Lang::Nl, clock());
    let agenda = live(dirs[1].path());
    let mut card = live(dirs[2].path());
    keys(&mut card, &[KeyCode::Down, KeyCode::Enter, KeyCode::Char('1'), KeyCode::Char('f')]);
    let mut compare = live(dirs[3].path());
    keys(&mut compare, &[KeyCode::Down, KeyCode::Enter]);
    for _ in 0..4 {
        keys(&mut compare, &[KeyCode::Char('2'), KeyCode::Tab]);
    }
    keys(&mut compare, &[KeyCode::Enter]);
    let mut end = live(dirs[4].path());
    keys(&mut end, &[KeyCode::Char('E'), KeyCode::Char('j')]);
    for (name, app) in
        [("setup", &setup), ("agenda", &agenda), ("card + notes", &card), ("compare", &compare), ("end", &end)]
    {
        let t = common::median(frames, || terminal.draw(|f| screens::render(app, f)).map(|_| ()).unwrap());
        println!("  {name:<36}: {}  ({:.2}x baseline)", common::ms(t), t.as_secs_f64() / baseline.as_secs_f64());
    }

    let start = Instant::now();
    let deck = scenario::load_deck(None).unwrap();
    let l = Launch {
        deck,
        log: None,
        log_dir: dirs[5].path().into(),
        seed: 1,
        facilitator: String::new(),
        follow_up: None,
    };
    let app = App::with_setup(l, SetupForm::new(Lang::Nl, ""), Lang::Nl, clock());
    terminal.draw(|f| screens::render(&app, f)).unwrap();
    println!("  start to first frame (load bundled deck, build, draw): {}", common::ms(start.elapsed()));
}
