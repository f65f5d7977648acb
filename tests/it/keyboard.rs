#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The keyboard of a Windows laptop, without Windows: AltGr arrives as Ctrl+Alt, and a paste
//! without bracketed paste arrives as key presses. Keys go through the same decoding and
//! handlers as in the terminal loop; screens are drawn into ratatui's `TestBackend`.

use crate::common::tools::{Tool, need};
use std::path::Path;

use chrono::TimeZone;
use crossterm::event::{Event as TermEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::log;
use weerbaar::scenario::{self, AgendaId, Lang, Role};
use weerbaar::session::{Event, GroupSetup, ManualClock, Session, Setup};
use weerbaar::ui::keymap::{self, Context, Key};
use weerbaar::ui::run::{self, Input};
use weerbaar::ui::{App, Launch, Overlay, SetupForm, screens};

fn clock() -> ManualClock {
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    ManualClock::new(offset.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap())
}

fn launch(dir: &Path) -> Launch {
    Launch {
        deck: scenario::load_deck(Some(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/deck"))))
            .unwrap(),
        log: Some(dir.join("sessie.jsonl")),
        log_dir: dir.to_path_buf(),
        seed: 3,
        facilitator: "Rian".into(),
        follow_up: None,
    }
}

fn live_app(dir: &Path) -> App<ManualClock> {
    let c = clock();
    let l = launch(dir);
    let setup = Setup {
        title: "Laren & Krimpen".into(),
        facilitator: "Rian".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 3,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: Role::ALL.to_vec() },
            GroupSetup { name: "Krimpen".into(), roles: Role::ALL.to_vec() },
        ],
    };
    let session = Session::start(l.deck.clone(), setup, l.log.as_deref().unwrap(), c.clone()).unwrap();
    let mut app = App::with_session(l, session, Lang::Nl, c);
    app.notice = None;
    app
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// What a Windows console reports for AltGr+key: the character, with Ctrl and Alt held.
fn altgr(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// The rationale of group 1 on the first card, open and empty.
fn rationale_open(dir: &Path) -> App<ManualClock> {
    let mut app = live_app(dir);
    app.on_key(key(KeyCode::Enter)); // open the card
    app.on_key(key(KeyCode::Char('2'))); // group 1 chooses option 2
    app.on_key(key(KeyCode::Char('e'))); // and explains why
    assert!(matches!(app.overlay, Some(Overlay::Rationale { .. })), "{:?}", app.overlay);
    app
}

fn draw(app: &App<ManualClock>) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    terminal.backend().to_string()
}

fn rationales(path: &Path) -> Vec<String> {
    let read = log::read(path).unwrap();
    read.records
        .iter()
        .filter_map(|r| match &r.event {
            Event::RationaleRecorded { rationale, .. } => Some(rationale.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn altgr_characters_are_text_in_a_rationale() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = rationale_open(dir.path());
    app.on_key(key(KeyCode::Char('K')));
    // € @ and accented letters come with AltGr on Dutch, German and US-International layouts;
    // `q` with Ctrl+Alt must type, not ask to quit.
    for c in ['€', '@', 'é', 'ë', 'q', '{'] {
        app.on_key(altgr(c));
    }
    assert!(!app.quit && matches!(app.overlay, Some(Overlay::Rationale { .. })), "{:?}", app.overlay);
    assert!(draw(&app).contains("K€@éëq{"), "{}", draw(&app));
    app.on_key(key(KeyCode::Enter));
    assert!(app.overlay.is_none(), "Enter saves the rationale: {:?}", app.overlay);
    assert_eq!(rationales(&dir.path().join("sessie.jsonl")), ["K€@éëq{"]);
}

#[test]
fn altgr_characters_are_text_in_every_field_and_never_a_command() {
    // Wherever a context types text, Ctrl+Alt+character types it too; elsewhere it does nothing
    // (it is no command anywhere: not `q` to quit, not `e`, not Ctrl-U to clear).
    for context in Context::ALL {
        for log_failed in [false, true] {
            let text = keymap::bindings(context, log_failed).into_iter().find(|b| b.keys.contains(&Key::Text));
            for c in ['€', '@', 'é', 'q', 'e', 'u', '1'] {
                let hit = keymap::lookup(context, log_failed, &altgr(c));
                assert_eq!(hit.map(|h| h.intent), text.map(|b| b.action), "{context:?} Ctrl+Alt+{c}");
            }
        }
    }
    // The setup form's text fields (title, facilitator, group names) take them as well.
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::with_setup(launch(dir.path()), SetupForm::new(Lang::Nl, "Rian"), Lang::Nl, clock());
    for c in "Regio ".chars() {
        app.on_key(key(KeyCode::Char(c)));
    }
    for c in ['€', '@', 'ü'] {
        app.on_key(altgr(c));
    }
    assert!(draw(&app).contains("Regio €@ü"), "{}", draw(&app));
}

#[test]
fn a_paste_as_keys_never_saves_a_form_on_its_line_break() {
    // A Windows console pastes "Eerst bellen⏎dan mailen" as keys, all queued at once.
    let dir = tempfile::tempdir().unwrap();
    let mut app = rationale_open(dir.path());
    let mut burst: Vec<TermEvent> = Vec::new();
    for c in "Eerst bellen\rdan mailen\r".chars() {
        let code = if c == '\r' { KeyCode::Enter } else { KeyCode::Char(c) };
        burst.push(TermEvent::Key(key(code)));
        // Windows reports the release of every key too.
        burst.push(TermEvent::Key(KeyEvent { kind: KeyEventKind::Release, ..key(code) }));
    }
    let inputs = run::decode(burst, true);
    assert_eq!(inputs, [Input::Paste("Eerst bellen\ndan mailen\n".into())]);
    run::deliver(&mut app, inputs);
    assert!(matches!(app.overlay, Some(Overlay::Rationale { .. })), "the paste saved the form: {:?}", app.overlay);
    assert!(rationales(&dir.path().join("sessie.jsonl")).is_empty());
    let screen = draw(&app);
    assert!(screen.contains("Eerst bellen") && screen.contains("dan mailen"), "{screen}");
    // A deliberate Enter, on its own, saves it.
    run::deliver(&mut app, run::decode(vec![TermEvent::Key(key(KeyCode::Enter))], true));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert_eq!(rationales(&dir.path().join("sessie.jsonl")), ["Eerst bellen\ndan mailen"]);
}

#[test]
fn a_burst_of_keys_is_a_paste_only_with_a_typed_character_and_a_line_break() {
    let keys = |codes: &[KeyCode]| codes.iter().map(|c| TermEvent::Key(key(*c))).collect::<Vec<_>>();
    let enter = KeyCode::Enter;
    // A lone Enter, and key repeat without text, stay keys.
    assert_eq!(run::decode(keys(&[enter]), true), [Input::Key(key(enter))]);
    assert_eq!(run::decode(keys(&[KeyCode::Down, KeyCode::Down, enter]), true).len(), 3);
    // Typing without a line break stays typing (digits choose options on a card).
    assert_eq!(
        run::decode(keys(&[KeyCode::Char('2'), KeyCode::Char('e')]), true),
        [Input::Key(key(KeyCode::Char('2'))), Input::Key(key(KeyCode::Char('e')))]
    );
    // Text and a line break: one paste; a Tab inside is pasted too (never a jump to another field),
    // and keys that are no text stay keys in their place.
    assert_eq!(
        run::decode(keys(&[KeyCode::Char('a'), KeyCode::Tab, KeyCode::Char('b'), KeyCode::Esc, enter]), true),
        [Input::Paste("a\tb".into()), Input::Key(key(KeyCode::Esc)), Input::Paste("\n".into())]
    );
    // AltGr characters are text in a paste as well.
    let burst = vec![TermEvent::Key(altgr('€')), TermEvent::Key(key(enter)), TermEvent::Key(key(KeyCode::Char('5')))];
    assert_eq!(run::decode(burst, true), [Input::Paste("€\n5".into())]);
    // Where the terminal announces pastes (Unix), a burst is keys as they came.
    let burst = keys(&[KeyCode::Char('a'), enter]);
    assert_eq!(run::decode(burst, false), [Input::Key(key(KeyCode::Char('a'))), Input::Key(key(enter))]);
    // Ctrl-Z is the suspend key, not a key for the program.
    let ctrl_z = KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL);
    assert_eq!(run::decode(vec![TermEvent::Key(ctrl_z)], true), [Input::Suspend]);
}

#[test]
fn ctrl_alt_characters_from_a_real_terminal_are_text_in_a_rationale() {
    if !need(Tool::Tmux) {
        return;
    }
    use crate::common::tmux::Tmux;
    // tmux sends `C-M-e` as ESC ^E, which the terminal layer reads as Ctrl+Alt+e: the shape in
    // which Windows reports AltGr. It must be typed, and never be a command (q asks to quit,
    // Ctrl-U clears the field).
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("altgr.jsonl");
    let deck = crate::common::deck_dir().display().to_string();
    let args = ["--deck", &deck, "--group", "Laren", "--group", "Blaricum", "--log", &log.display().to_string()];
    let t = Tmux::program("altgr", 120, 35, &args);
    t.wait_for("Een golf van bankhelpdeskfraude");
    t.send(&["Enter"]);
    t.wait_for("Antwoorden 0/2");
    t.send(&["2"]);
    t.wait_for("Antwoorden 1/2");
    t.send(&["e"]);
    t.wait_for("Toelichting");
    t.type_text("K");
    for k in ["C-M-e", "C-M-q", "C-M-u", "C-M-x"] {
        t.send(&[k]);
    }
    t.wait_for("Kequx");
    t.send(&["Enter"]);
    let start = std::time::Instant::now();
    while rationales(&log).is_empty() {
        assert!(start.elapsed() < crate::common::tmux::PATIENCE, "the rationale never reached the log");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(rationales(&log), ["Kequx"]);
}

#[test]
fn printable_keys_close_together_are_a_word_and_a_key_after_a_pause_or_another_key_is_a_command() {
    let start = std::time::Instant::now();
    let at = |ms: u64| start + std::time::Duration::from_millis(ms);
    let mut typing = run::Typing::default();
    let mut step = |code: KeyCode, ms: u64| run::mark_words(vec![Input::Key(key(code))], &mut typing, at(ms));
    // "ik" typed at a normal speed: the `k` belongs to the word.
    assert_eq!(step(KeyCode::Char('i'), 0), [Input::Key(key(KeyCode::Char('i')))]);
    assert_eq!(step(KeyCode::Char('k'), 120), [Input::WordKey(key(KeyCode::Char('k')))]);
    // After a pause a letter is a command again.
    assert_eq!(step(KeyCode::Char('a'), 120 + 1100), [Input::Key(key(KeyCode::Char('a')))]);
    // A key that is no text in between (Tab to the next group) makes the next digit a command.
    assert_eq!(step(KeyCode::Tab, 1250), [Input::Key(key(KeyCode::Tab))]);
    assert_eq!(step(KeyCode::Char('2'), 1280), [Input::Key(key(KeyCode::Char('2')))]);
    // A digit never starts a word: option 2, then at once its rationale.
    assert_eq!(step(KeyCode::Char('e'), 1300), [Input::Key(key(KeyCode::Char('e')))]);
    // But it goes on one: "kiest 2".
    assert_eq!(step(KeyCode::Char('t'), 3000), [Input::Key(key(KeyCode::Char('t')))]);
    assert_eq!(step(KeyCode::Char(' '), 3100), [Input::WordKey(key(KeyCode::Char(' ')))]);
    assert_eq!(step(KeyCode::Char('2'), 3200), [Input::WordKey(key(KeyCode::Char('2')))]);
    // A slow typist: once a word has begun, its letters may come up to a second apart.
    assert_eq!(step(KeyCode::Char('h'), 6000), [Input::Key(key(KeyCode::Char('h')))]);
    assert_eq!(step(KeyCode::Char('u'), 6300), [Input::WordKey(key(KeyCode::Char('u')))]);
    assert_eq!(step(KeyCode::Char('i'), 6900), [Input::WordKey(key(KeyCode::Char('i')))]);
    assert_eq!(step(KeyCode::Char('z'), 7800), [Input::WordKey(key(KeyCode::Char('z')))]);
    // ... but the second letter must come soon: two deliberate commands are further apart.
    assert_eq!(step(KeyCode::Char('n'), 10_000), [Input::Key(key(KeyCode::Char('n')))]);
    assert_eq!(step(KeyCode::Char('x'), 10_500), [Input::Key(key(KeyCode::Char('x')))]);
    // Several letters in one burst arrived together: all but the first are the word's.
    let burst = vec![Input::Key(key(KeyCode::Char('w'))), Input::Key(key(KeyCode::Char('i')))];
    assert_eq!(
        run::mark_words(burst, &mut typing, at(20_000)),
        [Input::Key(key(KeyCode::Char('w'))), Input::WordKey(key(KeyCode::Char('i')))]
    );
}

#[test]
fn a_form_the_first_letter_of_a_word_opened_closes_on_its_next_letter() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = rationale_open(dir.path());
    app.overlay = None;
    // `a` on its own opens the action form; as the first letter of "actie" it is taken back.
    app.on_key(key(KeyCode::Char('a')));
    assert!(matches!(app.overlay, Some(Overlay::Action { .. })), "{:?}", app.overlay);
    app.on_word_key(key(KeyCode::Char('c')));
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    for c in "tie".chars() {
        app.on_word_key(key(KeyCode::Char(c)));
    }
    assert!(app.overlay.is_none(), "{:?}", app.overlay);
    assert!(draw(&app).contains("Geen tekstveld actief"), "{}", draw(&app));
    // In a text field a word is typing, as always.
    app.on_key(key(KeyCode::Char('n')));
    assert!(matches!(app.overlay, Some(Overlay::Note { .. })), "{:?}", app.overlay);
    // (a deliberate key in between: the facilitator moved to the text with Tab)
    app.on_key(key(KeyCode::Tab));
    app.on_key(key(KeyCode::Tab));
    for c in "wij".chars() {
        app.on_word_key(key(KeyCode::Char(c)));
    }
    assert!(draw(&app).contains("wij"), "{}", draw(&app));
}

#[test]
fn arrows_move_between_the_fields_of_a_form_and_between_the_lines_of_a_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = rationale_open(dir.path());
    app.overlay = None;
    let field = |app: &App<ManualClock>| match &app.overlay {
        Some(Overlay::Finding { field, .. }) => *field,
        other => panic!("{other:?}"),
    };
    app.on_key(KeyEvent::new(KeyCode::Char('F'), KeyModifiers::SHIFT));
    assert_eq!(field(&app), 3, "the finding form opens on its text");
    // ↑ from an empty text goes to the municipality, then the objective, the kind.
    for expected in [2, 1, 0] {
        app.on_key(key(KeyCode::Up));
        assert_eq!(field(&app), expected);
    }
    app.on_key(key(KeyCode::Down));
    assert_eq!(field(&app), 1);
    for _ in 0..2 {
        app.on_key(key(KeyCode::Down));
    }
    assert_eq!(field(&app), 3);
    // In a text of two lines ↑ goes to the first line before it leaves the text.
    app.on_paste("eerste regel\ntweede");
    app.on_key(key(KeyCode::Up));
    assert_eq!(field(&app), 3, "↑ on the second line stays in the text");
    app.on_key(key(KeyCode::Up));
    assert_eq!(field(&app), 2, "↑ on the first line goes to the field above");
    assert!(draw(&app).contains("tweede"), "nothing typed was lost");
}
