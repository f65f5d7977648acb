#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Monkey tests: thousands of random key presses, pastes and window sizes through the console's
//! own key handler. Nothing may panic, and the log must always fold to the state on screen.

use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::log;
use weerbaar::scenario::{self, Lang};
use weerbaar::session::{ManualClock, State};
use weerbaar::ui::{App, Launch, SetupForm, screens};

const RUNS: u64 = 8;
const EVENTS: usize = 2_500;

fn random_key(rng: &mut ChaCha8Rng) -> KeyEvent {
    const CODES: &[KeyCode] = &[
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::F(1),
        KeyCode::F(5),
        KeyCode::Insert,
    ];
    const CHARS: &str = "123456789123456789eedrrifxnnaapbsDEKJWq?jy éëüß€😀\u{202e}\u{1b}\u{7}vvtuu+jn";
    let code = if rng.random_bool(0.55) {
        let chars: Vec<char> = CHARS.chars().collect();
        let c = *chars.choose(rng).unwrap_or(&'x');
        // Avoid confirming a quit so most runs exercise the session, but keep some.
        if c == 'q' && rng.random_bool(0.7) { KeyCode::Char('n') } else { KeyCode::Char(c) }
    } else {
        *CODES.choose(rng).unwrap_or(&KeyCode::Enter)
    };
    let modifiers = match rng.random_range(0..20) {
        0 => KeyModifiers::SHIFT,
        1 => KeyModifiers::CONTROL,
        2 => KeyModifiers::ALT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, modifiers)
}

fn random_text(rng: &mut ChaCha8Rng) -> String {
    let pool = ["Laren", "é", "\n", "\u{1b}[2J", "\u{1b}]52;c;aGk=\u{7}", "😀", "<script>", "a,b\"c", " "];
    (0..rng.random_range(0..8)).map(|_| *pool.choose(rng).unwrap_or(&"x")).collect()
}

fn check_log_matches(app: &App<ManualClock>, path: &std::path::Path, seed: u64) {
    let Some(session) = app.session() else { return };
    let read = log::read(path).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
    assert!(read.problems.is_empty(), "seed {seed}: {:?}", read.problems);
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty(), "seed {seed}: {rejected:?}");
    assert_eq!(&state, session.state(), "seed {seed}: the log does not fold to the shown state");
}

#[test]
fn random_keys_pastes_and_sizes_never_panic_and_the_log_stays_true() {
    let mut reached_reveal = false;
    for seed in 0..RUNS {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("monkey.jsonl");
        let c = ManualClock::new(
            chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap(),
        );
        let launch = Launch {
            deck: scenario::load_deck(Some(std::path::Path::new(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/deck"
            ))))
            .unwrap(),
            log: Some(path.clone()),
            log_dir: dir.path().into(),
            seed,
            facilitator: String::new(),
            follow_up: None,
        };
        let lang = if seed % 2 == 0 { Lang::Nl } else { Lang::En };
        let mut form = SetupForm::new(lang, "");
        // Half the runs start with named groups so the monkey reaches the session quickly.
        if seed % 2 == 0 {
            form.groups[0].0 = weerbaar::ui::text_field::TextField::new("Laren");
            form.groups[1].0 = weerbaar::ui::text_field::TextField::new("Blaricum");
            form.focus = form.rows().len() - 1;
        }
        let mut app = App::with_setup(launch, form, lang, c.clone());
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        for i in 0..EVENTS {
            match rng.random_range(0..100) {
                0..=84 => app.on_key(random_key(&mut rng)),
                85..=89 => app.on_paste(&random_text(&mut rng)),
                90..=94 => {
                    c.advance_secs(rng.random_range(0..240));
                    app.on_tick();
                }
                _ => {
                    let (w, h) = (rng.random_range(1..=300), rng.random_range(1..=100));
                    terminal.backend_mut().resize(w, h);
                    terminal.resize(ratatui::layout::Rect::new(0, 0, w, h)).unwrap();
                }
            }
            if i % 7 == 0 {
                terminal.draw(|f| screens::render(&app, f)).unwrap();
            }
            if i % 500 == 0 {
                check_log_matches(&app, &path, seed);
            }
        }
        check_log_matches(&app, &path, seed);
        if let Some(s) = app.session() {
            let st = s.state();
            let revealed = st.plays.iter().filter(|p| p.is_revealed()).count();
            eprintln!(
                "seed {seed}: {} events, {} cards, {revealed} revealed, {} notes",
                s.records().len(),
                st.plays.len(),
                st.notes.len()
            );
            reached_reveal |= revealed > 0;
        }
    }
    assert!(reached_reveal, "the monkey never got as far as a reveal: the test is too shallow");
}
