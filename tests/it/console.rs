#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The facilitator console without a terminal: keys go through the app's own handler and
//! screens are drawn into ratatui's `TestBackend`, as a facilitator would see them.

use std::path::{Path, PathBuf};

use chrono::TimeZone;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::log;
use weerbaar::scenario::{self, AgendaId, Lang, Role};
use weerbaar::session::{Event, GroupSetup, ManualClock, Session, Setup, State};
use weerbaar::ui::keymap::{self, Bar, Context, Key};
use weerbaar::ui::{App, Launch, Overlay, Screen, SetupForm, screens};

fn clock() -> ManualClock {
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    ManualClock::new(offset.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap())
}

fn launch(dir: &Path) -> Launch {
    Launch {
        deck: scenario::load_deck(Some(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/deck"
        ))))
        .unwrap(),
        log: Some(dir.join("sessie.jsonl")),
        log_dir: dir.to_path_buf(),
        seed: 3,
        facilitator: "Rian".into(),
        follow_up: None,
    }
}

fn live_app(dir: &Path, lang: Lang) -> (App<ManualClock>, ManualClock) {
    let c = clock();
    let l = launch(dir);
    let setup = Setup {
        title: "Laren & Krimpen".into(),
        facilitator: "Rian".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang,
        target_minutes: 120,
        seed: 3,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: Role::ALL.to_vec() },
            GroupSetup { name: "Krimpen aan den IJssel".into(), roles: vec![Role::Mayor, Role::Ciso] },
        ],
    };
    let session = Session::start(l.deck.clone(), setup, l.log.as_deref().unwrap(), c.clone()).unwrap();
    let mut app = App::with_session(l, session, lang, c.clone());
    app.notice = None;
    (app, c)
}

fn press(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn press_shift(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::SHIFT));
}

fn chars(app: &mut App<ManualClock>, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn draw(app: &App<ManualClock>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    terminal.backend().to_string()
}

fn redact(text: String, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "<tmp>")
}

fn log_events(path: &Path) -> Vec<Event> {
    let read = log::read(path).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    read.records.into_iter().map(|r| r.event).collect()
}

// ---- the screens, as snapshots ----------------------------------------------------------

/// Every screen the console has, built by pressing keys from a fresh session.
fn screens_for(dir: &Path, lang: Lang) -> Vec<(&'static str, App<ManualClock>)> {
    let mut out = Vec::new();

    let form = SetupForm::new(lang, "Rian");
    let mut setup = App::with_setup(launch(dir), form, lang, clock());
    chars(&mut setup, "Regio Gooi");
    press(&mut setup, KeyCode::Down);
    press(&mut setup, KeyCode::Down);
    chars(&mut setup, "Laren");
    out.push(("setup", setup));

    let (agenda, _) = live_app(&dir.join("agenda"), lang);
    out.push(("agenda", agenda));

    let (mut card, c) = live_app(&dir.join("card"), lang);
    press(&mut card, KeyCode::Down);
    press(&mut card, KeyCode::Enter); // open the ransom card
    c.advance_secs(6 * 60);
    card.on_tick(); // the press call at minute 5 is released
    press(&mut card, KeyCode::Char('2'));
    out.push(("card", card));

    let (mut notes, c) = live_app(&dir.join("notes"), lang);
    press(&mut notes, KeyCode::Down);
    press(&mut notes, KeyCode::Enter);
    c.advance_secs(16 * 60);
    notes.on_tick();
    press(&mut notes, KeyCode::Char('v')); // the private view: the laptop is not on the projector
    press(&mut notes, KeyCode::Char('j')); // yes, the room cannot see this screen
    press(&mut notes, KeyCode::Char('f'));
    out.push(("card_notes_overrun", notes));

    let (mut compare, c) = live_app(&dir.join("compare"), lang);
    press(&mut compare, KeyCode::Down);
    press(&mut compare, KeyCode::Enter);
    press(&mut compare, KeyCode::Char('3'));
    press(&mut compare, KeyCode::Char('e'));
    chars(&mut compare, "Maandag moeten de uitkeringen eruit");
    press(&mut compare, KeyCode::Enter);
    press(&mut compare, KeyCode::Tab);
    press(&mut compare, KeyCode::Char('1'));
    press(&mut compare, KeyCode::Char('d'));
    press(&mut compare, KeyCode::Char('3')); // majority
    c.advance_secs(9 * 60);
    press(&mut compare, KeyCode::Enter);
    out.push(("compare", compare));

    let (mut end, c) = live_app(&dir.join("end"), lang);
    press(&mut end, KeyCode::Enter);
    press(&mut end, KeyCode::Char('1'));
    press(&mut end, KeyCode::Tab);
    press(&mut end, KeyCode::Char('2'));
    press(&mut end, KeyCode::Enter);
    c.advance_secs(2); // an Enter right after the reveal is taken for part of it
    press(&mut end, KeyCode::Char('a'));
    chars(&mut end, "Digibuddies starten");
    press(&mut end, KeyCode::Tab);
    press(&mut end, KeyCode::Right);
    press(&mut end, KeyCode::Tab);
    chars(&mut end, "1 maart 2027");
    press(&mut end, KeyCode::Enter);
    press(&mut end, KeyCode::Enter);
    press_shift(&mut end, KeyCode::Char('E'));
    press(&mut end, KeyCode::Char('j'));
    out.push(("end", end));

    let (mut follow, c) = live_app(&dir.join("follow"), lang);
    press(&mut follow, KeyCode::Down);
    press(&mut follow, KeyCode::Enter);
    press(&mut follow, KeyCode::Char('3'));
    press(&mut follow, KeyCode::Tab);
    press(&mut follow, KeyCode::Char('2'));
    c.advance_secs(14 * 60);
    press(&mut follow, KeyCode::Enter);
    c.advance_secs(2);
    press(&mut follow, KeyCode::Enter);
    follow.on_tick(); // as the real loop does after every key
    out.push(("agenda_with_follow_ups", follow));

    let (mut help, _) = live_app(&dir.join("help"), lang);
    press(&mut help, KeyCode::Enter);
    press(&mut help, KeyCode::Char('?'));
    out.push(("help_card", help));

    let (mut note, _) = live_app(&dir.join("note"), lang);
    press(&mut note, KeyCode::Char('n'));
    chars(&mut note, "Krimpen kent de IBD niet");
    out.push(("note_overlay", note));

    let (mut quit, _) = live_app(&dir.join("quit"), lang);
    press(&mut quit, KeyCode::Char('q'));
    out.push(("quit_confirm", quit));

    for (name, context) in [
        ("help_setup", Context::Setup),
        ("help_agenda", Context::Agenda),
        ("help_compare", Context::Compare),
        ("help_end", Context::End),
    ] {
        let (mut help, _) = app_in(&dir.join(name), context);
        help.lang = lang;
        help.scroll = 0;
        help.notice = None;
        press(&mut help, KeyCode::F(1));
        out.push((name, help));
    }

    let (mut close, _) = live_app(&dir.join("close"), lang);
    press(&mut close, KeyCode::Enter);
    press(&mut close, KeyCode::Char('x'));
    out.push(("confirm_close", close));

    let (mut decision, _) = live_app(&dir.join("decision"), lang);
    press(&mut decision, KeyCode::Enter);
    press(&mut decision, KeyCode::Tab);
    press(&mut decision, KeyCode::Char('1'));
    press(&mut decision, KeyCode::Char('d'));
    press(&mut decision, KeyCode::Down);
    out.push(("decision_chooser", decision));

    let (mut rationale, _) = live_app(&dir.join("rationale"), lang);
    press(&mut rationale, KeyCode::Enter);
    press(&mut rationale, KeyCode::Char('e'));
    chars(&mut rationale, &LONG_RATIONALE[..200]);
    out.push(("rationale_long", rationale));

    let (mut action, _) = live_app(&dir.join("action"), lang);
    press(&mut action, KeyCode::Char('a'));
    chars(&mut action, LONG_RATIONALE);
    press(&mut action, KeyCode::Tab);
    press(&mut action, KeyCode::Tab);
    chars(&mut action, "voor de zomer");
    out.push(("action_long", action));

    let (mut private, _) = live_app(&dir.join("private"), lang);
    press(&mut private, KeyCode::Enter);
    press(&mut private, KeyCode::Char('e'));
    chars(&mut private, "Eerst de ouderenbond bellen");
    press(&mut private, KeyCode::Enter);
    press(&mut private, KeyCode::Tab);
    press(&mut private, KeyCode::Char('2'));
    press(&mut private, KeyCode::Char('d'));
    press(&mut private, KeyCode::Char('3'));
    press(&mut private, KeyCode::Char('r'));
    press(&mut private, KeyCode::Char('2'));
    press(&mut private, KeyCode::Enter);
    press(&mut private, KeyCode::Char('v'));
    press(&mut private, KeyCode::Char('j')); // yes, the room cannot see this screen
    press(&mut private, KeyCode::Char('f'));
    out.push(("card_private", private));

    let (mut picker, _) = live_app(&dir.join("picker"), lang);
    press(&mut picker, KeyCode::Char('t'));
    press(&mut picker, KeyCode::Right);
    out.push(("picker", picker));
    out
}

/// A rationale as a group dictates it: longer than one line of any popup.
const LONG_RATIONALE: &str = "We bellen eerst de ouderenbond en de wijkagent, want die kennen de mensen die nu gebeld worden; daarna pas een brief, omdat een brief alleen niet aankomt bij wie eenzaam is en geen krant leest. Het kost tijd, maar het werkt blijvend.";

#[test]
fn every_screen_at_two_sizes_in_both_languages() {
    for lang in [Lang::Nl, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        for (name, app) in screens_for(dir.path(), lang) {
            for (w, h) in [(80, 24), (120, 40)] {
                let text = redact(draw(&app, w, h), dir.path());
                insta::assert_snapshot!(format!("{name}_{}_{w}x{h}", lang.code()), text);
            }
        }
    }
}

#[test]
fn below_the_minimum_size_one_message_and_no_panic_at_any_size() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = live_app(dir.path(), Lang::Nl);
    let small = draw(&app, 40, 10);
    assert!(small.contains("Maak het venster groter (60x20)"), "{small}");
    for (_, app) in screens_for(dir.path(), Lang::En) {
        for (w, h) in [(1, 1), (0, 0), (59, 19), (60, 20), (300, 100), (61, 80), (200, 3)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| screens::render(&app, f)).unwrap();
        }
    }
}

#[test]
fn facilitator_notes_stay_hidden_until_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let hidden = draw(&app, 120, 40);
    assert!(!hidden.contains("Welkom2020"));
    press(&mut app, KeyCode::Char('f'));
    let room = draw(&app, 120, 40);
    assert!(!room.contains("Welkom2020"), "room-safe by default: {room}");
    assert!(room.contains("alleen in de eigen weergave (v)"), "{room}");
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('j')); // yes, the room cannot see this screen
    let shown = draw(&app, 120, 40);
    assert!(shown.contains("Welkom2020"), "{shown}");
}

#[test]
fn answers_stay_hidden_until_the_reveal_and_can_change() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::En);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('1'));
    let before = draw(&app, 120, 40);
    assert!(before.contains("✓ answered"));
    assert!(!before.contains("Consequence"));
    press(&mut app, KeyCode::Enter);
    assert!(draw(&app, 120, 40).contains("Krimpen aan den IJssel has not chosen — reveal anyway?"));
    press(&mut app, KeyCode::Char('n'));
    assert!(!app.revealed(), "n reveals nothing");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    let after = draw(&app, 120, 40);
    assert!(after.contains("All groups chose the same."), "{after}");
    let path = dir.path().join("sessie.jsonl");
    let choices = log_events(&path).into_iter().filter(|e| matches!(e, Event::ChoiceRecorded { .. })).count();
    assert_eq!(choices, 3);
}

#[test]
fn text_from_cards_and_people_never_reaches_the_terminal_as_control_codes() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    app.on_paste("x");
    press(&mut app, KeyCode::Char('n'));
    app.on_paste("Let op\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7} \u{202e}gevaar");
    press(&mut app, KeyCode::Enter);
    press_shift(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Char('y'));
    assert!(!draw(&app, 120, 40).contains("Let op gevaar"), "notes stay off a room-safe end screen");
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('j')); // yes, the room cannot see this screen
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("[de hele zaal] Let op gevaar"), "{screen}");
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{202e}'));
}

// ---- a whole session through the key handler --------------------------------------------

#[test]
fn a_full_session_from_setup_to_debrief_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let c = clock();
    let mut app = App::with_setup(launch(dir.path()), SetupForm::new(Lang::Nl, "Rian"), Lang::Nl, c.clone());
    assert_eq!(app.screen(), Screen::Setup);
    chars(&mut app, "Gooi en Vechtstreek");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "Laren");
    press(&mut app, KeyCode::Down);
    chars(&mut app, "Blaricum");
    press(&mut app, KeyCode::Enter); // roles of Blaricum
    press(&mut app, KeyCode::Char('4')); // no DPO today
    press(&mut app, KeyCode::Enter);
    for _ in 0..6 {
        press(&mut app, KeyCode::Down); // add group, agenda, minutes, language, colours, start
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Agenda, "{:?}", app.notice);

    // Card 1: fraud wave. Both groups answer; one changes its mind.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Card);
    c.advance_secs(200);
    app.on_tick();
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('e'));
    chars(&mut app, "Vrijwilligers zijn er al");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Char('r')); // Blaricum's roles: no DPO today, so the adviser is 5th
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('i')); // release the facilitator's inject
    press(&mut app, KeyCode::Enter); // after its text is shown
    press(&mut app, KeyCode::Enter); // reveal
    press(&mut app, KeyCode::Char('n')); // about the focused group; Tab cycles room, 1, 2 and back
    for _ in 0..3 {
        press(&mut app, KeyCode::Tab);
    }
    chars(&mut app, "Blaricum wil eerst de politie spreken");
    press(&mut app, KeyCode::Enter);
    c.advance_secs(2);
    press(&mut app, KeyCode::Enter); // on to the agenda
    assert_eq!(app.screen(), Screen::Agenda);

    // Card 2: ransom; skip the third card from the agenda first.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('j')); // yes, skip it
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Enter);
    c.advance_secs(300);
    app.on_tick();
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('3')); // majority
    press(&mut app, KeyCode::Enter);
    c.advance_secs(2);
    press(&mut app, KeyCode::Char('a')); // for the focused group, cursor in "what"
    chars(&mut app, "Back-ups offline testen");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "Q1 2027");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    press_shift(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.screen(), Screen::End);
    let end = draw(&app, 120, 40);
    assert!(end.contains("Back-ups offline testen (CISO · 31-3-2027)"), "{end}");
    press(&mut app, KeyCode::Char('q'));
    let asked = draw(&app, 120, 40);
    assert!(
        asked.contains("De sessie is afgesloten; alles staat in het logboek."),
        "no --resume after the end:\n{asked}"
    );
    press(&mut app, KeyCode::Char('y'));
    assert!(app.quit);

    let path: PathBuf = dir.path().join("sessie.jsonl");
    let events = log_events(&path);
    let Event::SessionStarted { setup, .. } = &events[0] else { panic!("{:?}", events[0]) };
    assert_eq!(setup.title, "Gooi en Vechtstreek");
    assert_eq!(setup.facilitator, "Rian");
    assert_eq!(setup.groups[1].name, "Blaricum");
    assert!(!setup.groups[1].roles.contains(&Role::DataProtectionOfficer));
    let read = log::read(&path).unwrap();
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty());
    assert_eq!(state.plays.len(), 2);
    let first = &state.plays[0];
    assert_eq!(first.card.as_str(), "helpdesk-fraud-wave");
    assert_eq!(first.choices[&weerbaar::session::GroupId(0)].option.as_str(), "ambassadors");
    assert_eq!(first.choices[&weerbaar::session::GroupId(0)].rationale, "Vrijwilligers zijn er al");
    assert_eq!(first.choices[&weerbaar::session::GroupId(1)].dissent, vec![Role::CommunicationsAdviser]);
    assert_eq!(first.released, vec!["victim-in-paper".into(), "leak-suspected".into()]);
    assert_eq!(state.skipped.len(), 1);
    assert_eq!(state.plays[1].card.as_str(), "ransom-friday");
    assert_eq!(state.plays[1].choices[&weerbaar::session::GroupId(1)].decision, weerbaar::session::Decision::Majority);
    assert_eq!(state.notes[0].about, Some(weerbaar::session::GroupId(1)));
    assert_eq!(state.actions[0].owner, Role::Ciso);
    assert_eq!(state.actions[0].group, weerbaar::session::GroupId(1));
    assert!(state.is_ended());
}

#[test]
fn reordering_and_dropping_cards_changes_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, c) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Down);
    press_shift(&mut app, KeyCode::Up);
    let plan = &app.session().unwrap().state().plan;
    assert_eq!(plan[1].as_str(), "telegram-riot-call");
    assert_eq!(plan[2].as_str(), "ransom-friday");
    // Fall far behind: the pacing proposes cards to drop, and D drops them.
    c.advance_secs(60 * 60);
    app.on_tick();
    let before = app.session().unwrap().state().plan.len();
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("Schrap om op tijd te eindigen"), "{screen}");
    press_shift(&mut app, KeyCode::Char('D'));
    assert!(app.session().unwrap().state().skipped.is_empty(), "D asks first");
    press(&mut app, KeyCode::Char('j'));
    let state = app.session().unwrap().state();
    assert!(!state.skipped.is_empty());
    assert_eq!(state.plan.len() + state.skipped.len(), before);
    let pace = weerbaar::session::pacing(state, app.deck(), app.now);
    assert!(pace.over() <= 0, "{pace:?}");
    assert!(pace.planned_per_theme.iter().all(|n| *n >= 1), "every theme still covered: {pace:?}");
}

#[test]
fn key_releases_and_repeats_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    let mut release = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    release.kind = KeyEventKind::Release;
    app.on_key(release);
    assert_eq!(app.screen(), Screen::Agenda);
}

#[test]
fn a_follow_up_session_asks_what_became_of_the_previous_actions() {
    use weerbaar::session::{PreviousAction, Progress};
    let dir = tempfile::tempdir().unwrap();
    let mut l = launch(dir.path());
    l.follow_up = Some(weerbaar::session::PreviousSession {
        from: "vorige.jsonl".into(),
        actions: vec![
            PreviousAction {
                group: "Laren".into(),
                what: "Back-ups offline testen".into(),
                owner: Role::Ciso.into(),
                due: "Q1".into(),
                since: None,
                card: None,
            },
            PreviousAction {
                group: "Laren".into(),
                what: "Crisisplan bijwerken".into(),
                owner: Role::Mayor.into(),
                due: String::new(),
                since: None,
                card: None,
            },
            PreviousAction {
                group: "Blaricum".into(),
                what: "Phishingtest".into(),
                owner: Role::MunicipalSecretary.into(),
                due: String::new(),
                since: None,
                card: None,
            },
        ],
        ..Default::default()
    });
    let c = clock();
    let mut app = App::with_setup(l, SetupForm::new(Lang::Nl, ""), Lang::Nl, c);
    chars(&mut app, "Vervolgsessie");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "Laren");
    press(&mut app, KeyCode::Down);
    chars(&mut app, "Blaricum");
    for _ in 0..6 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::FollowUp);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('2'));
    let screen = draw(&app, 100, 30);
    insta::assert_snapshot!("follow_up_nl_100x30", redact(screen, dir.path()));
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Agenda);
    let state = app.session().unwrap().state();
    assert_eq!(state.follow_up[0].1, Some(Progress::Done));
    assert_eq!(state.follow_up[1].1, Some(Progress::UnderWay));
    assert_eq!(state.follow_up[2].1, None);
    let events = log_events(&dir.path().join("sessie.jsonl"));
    assert!(
        matches!(&events[2], Event::FollowUpOpened { from, actions, .. } if from == "vorige.jsonl" && actions.len() == 3)
    );
}

#[test]
fn escape_sequences_in_cards_and_group_names_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let deck_dir = dir.path().join("deck");
    std::fs::create_dir_all(deck_dir.join("cards")).unwrap();
    std::fs::copy("tests/fixtures/syntax/deck.ron", deck_dir.join("deck.ron")).unwrap();
    let card = std::fs::read_to_string("tests/fixtures/syntax/cards/ok.ron")
        .unwrap()
        .replace("\"Er gebeurt iets.\"", "\"Let op\\u{1b}[2J\\u{1b}]52;c;ZXZpbA==\\u{7} \\u{202e}gevaar\\u{9b}31m!\"");
    std::fs::write(deck_dir.join("cards/ok.ron"), card).unwrap();
    let deck = scenario::load_deck(Some(&deck_dir)).unwrap();
    let c = clock();
    let setup = Setup {
        title: "Escape\u{1b}[5m".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from("all"),
        groups: vec![
            GroupSetup { name: "Laren\u{1b}[31m".into(), roles: Role::ALL.to_vec() },
            GroupSetup { name: "Blaricum\u{7}".into(), roles: Role::ALL.to_vec() },
        ],
    };
    let path = dir.path().join("s.jsonl");
    let session = Session::start(deck.clone(), setup, &path, c.clone()).unwrap();
    let launch =
        Launch { deck, log: None, log_dir: dir.path().into(), seed: 1, facilitator: String::new(), follow_up: None };
    let mut app = App::with_session(launch, session, Lang::Nl, c);
    let mut screens = vec![draw(&app, 120, 40)];
    press(&mut app, KeyCode::Enter);
    screens.push(draw(&app, 120, 40));
    assert!(screens[1].contains("Let op gevaar!"), "{}", screens[1]);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    screens.push(draw(&app, 120, 40));
    assert!(screens[2].contains("Laren") && screens[2].contains("Blaricum"), "{}", screens[2]);
    for (i, text) in screens.iter().enumerate() {
        assert!(!text.chars().any(|ch| ch.is_control() && ch != '\n'), "screen {i}: control codes in\n{text}");
        assert!(!text.contains('\u{202e}'), "screen {i}: a bidi override");
    }
}

// ---- the keymap ---------------------------------------------------------------------------

/// A fresh app in `context`, set up so every key of that context has something to do
/// (a selection in the middle of a list, text in a field, a scrolled page).
fn app_in(dir: &Path, context: Context) -> (App<ManualClock>, ManualClock) {
    let lang = Lang::Nl;
    let setup_app = |focus_text: bool| {
        let mut app = App::with_setup(launch(dir), SetupForm::new(lang, "Rian"), lang, clock());
        chars(&mut app, "Regio");
        press(&mut app, KeyCode::Down);
        press(&mut app, KeyCode::Down);
        chars(&mut app, "Laren");
        press(&mut app, KeyCode::Left);
        press(&mut app, KeyCode::Left);
        if !focus_text {
            for _ in 0..3 {
                press(&mut app, KeyCode::Down); // group 2, add group, agenda
            }
        }
        (app, clock())
    };
    if context == Context::Setup {
        return setup_app(false);
    }
    if context == Context::SetupText {
        return setup_app(true);
    }
    if context == Context::Roles {
        let (mut app, c) = setup_app(true);
        press(&mut app, KeyCode::Enter);
        return (app, c);
    }
    if context == Context::FollowUp {
        use weerbaar::session::PreviousAction;
        let mut l = launch(dir);
        let action = |what: &str| PreviousAction {
            group: "Laren".into(),
            what: what.into(),
            owner: weerbaar::session::Owner::Role(Role::Ciso),
            due: String::new(),
            since: None,
            card: None,
        };
        l.follow_up = Some(weerbaar::session::PreviousSession {
            from: "vorige.jsonl".into(),
            actions: vec![action("Een"), action("Twee"), action("Drie")],
            ..Default::default()
        });
        let mut app = App::with_setup(l, SetupForm::new(lang, ""), lang, clock());
        chars(&mut app, "Vervolg");
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Tab);
        chars(&mut app, "Laren");
        press(&mut app, KeyCode::Down);
        chars(&mut app, "Blaricum");
        for _ in 0..6 {
            press(&mut app, KeyCode::Down);
        }
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Down);
        assert_eq!(app.context(), Context::FollowUp);
        return (app, clock());
    }
    let (mut app, c) = live_app(dir, lang);
    match context {
        Context::Agenda => {
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Char('s'));
            press(&mut app, KeyCode::Char('j')); // something to put back
            press(&mut app, KeyCode::Down);
            c.advance_secs(80 * 60); // behind: D has cards to drop
            app.on_tick();
        }
        Context::Picker => {
            press(&mut app, KeyCode::Char('t'));
            press(&mut app, KeyCode::Down);
        }
        Context::ConfirmEnter => {
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('u')); // the card opened by mistake back to the agenda?
        }
        Context::Card | Context::Compare | Context::Decision | Context::Dissent => {
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('2'));
            app.scroll = 3;
            match context {
                Context::Compare => {
                    press(&mut app, KeyCode::Tab);
                    press(&mut app, KeyCode::Char('1'));
                    press(&mut app, KeyCode::Enter);
                    c.advance_secs(5);
                    app.scroll = 3;
                }
                Context::Decision => {
                    press(&mut app, KeyCode::Char('d'));
                    press(&mut app, KeyCode::Down);
                }
                Context::Dissent => press(&mut app, KeyCode::Char('r')),
                _ => {}
            }
        }
        Context::End => {
            press_shift(&mut app, KeyCode::Char('E'));
            press(&mut app, KeyCode::Char('j'));
            app.scroll = 3;
        }
        Context::OptionFirst => {
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('d'));
        }
        Context::Blackout => press(&mut app, KeyCode::Char('b')),
        Context::Help => press(&mut app, KeyCode::Char('?')),
        Context::Confirm => {
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('x'));
        }
        Context::Note => {
            press(&mut app, KeyCode::Char('n'));
            chars(&mut app, "ab");
            press(&mut app, KeyCode::Tab); // on the "about" chooser
        }
        Context::ActionForm => {
            press(&mut app, KeyCode::Char('a'));
            chars(&mut app, "ab");
            press(&mut app, KeyCode::BackTab); // on the group chooser
        }
        Context::Rationale => {
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('e'));
            chars(&mut app, "ab");
            press(&mut app, KeyCode::Left); // the cursor mid-text: ← and → both move it
        }
        Context::Other => {
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('o'));
            chars(&mut app, "ab");
            press(&mut app, KeyCode::Left);
        }
        Context::Development => {
            press(&mut app, KeyCode::Enter);
            press_shift(&mut app, KeyCode::Char('I'));
            chars(&mut app, "ab");
            press(&mut app, KeyCode::Left);
        }
        Context::Closing => {
            press(&mut app, KeyCode::Char('c'));
            app.closing_sel = 1; // ↑ and ↓ both have somewhere to go
        }
        Context::FindingForm => {
            press(&mut app, KeyCode::Char('c'));
            press_shift(&mut app, KeyCode::Char('F'));
            chars(&mut app, "ab");
            press(&mut app, KeyCode::BackTab); // on the municipality chooser
        }
        Context::Assess => {
            press(&mut app, KeyCode::Char('c'));
            press(&mut app, KeyCode::Enter); // the first objective
            chars(&mut app, "ab");
            press(&mut app, KeyCode::BackTab); // on the rating chooser
        }
        Context::SaveAs => {
            app.log_failed = true;
            press_shift(&mut app, KeyCode::Char('W'));
            press(&mut app, KeyCode::Left);
        }
        _ => {}
    }
    (app, c)
}

/// Everything a key can change: the screen, the cursor, the log, the app's own state.
fn fingerprint(app: &App<ManualClock>) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    let cursor = terminal.get_cursor_position().ok();
    let records = app.session().map_or(0, |s| s.records().len());
    format!(
        "{}{cursor:?}{records}{:?}{}{}{}{}{}",
        terminal.backend(),
        app.overlay,
        app.quit,
        app.scroll,
        app.private,
        app.show_notes,
        app.follow_up_done
    )
}

#[test]
fn every_binding_of_every_context_does_something() {
    // The review is another program; its keys are tested with it (tests/review.rs walks them).
    // Other programs' contexts are tested with them (review here below, the join screen and the
    // conflict question in devices, the audience screen in beamer).
    let others = [Context::Review, Context::Audience, Context::Join, Context::DeviceConflict, Context::Terminal];
    for context in Context::ALL.into_iter().filter(|c| !others.contains(c)) {
        for binding in keymap::bindings(context, true) {
            for (i, key) in binding.all_keys().iter().enumerate() {
                let dir = tempfile::tempdir().unwrap();
                let (mut app, _) = app_in(dir.path(), context);
                if binding.action == weerbaar::ui::intent::Intent::SaveElsewhere {
                    app.log_failed = true;
                }
                assert_eq!(app.context(), context, "fixture for {context:?}");
                let before = fingerprint(&app);
                let event = key.example();
                app.on_key(event);
                assert_ne!(
                    before,
                    fingerprint(&app),
                    "{context:?}: key {i} of `{}` ({}) did nothing",
                    binding.shown(Lang::En),
                    binding.what.1
                );
            }
        }
    }
}

#[test]
fn the_readme_key_table_is_the_keymap() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme.find(keymap::README_START).expect("README has the start marker") + keymap::README_START.len();
    let end = readme.find(keymap::README_END).expect("README has the end marker");
    let table = keymap::readme_table();
    if std::env::var_os("WEERBAAR_UPDATE_README").is_some() {
        std::fs::write(&path, format!("{}{table}{}", &readme[..start], &readme[end..])).unwrap();
        return;
    }
    assert_eq!(
        readme[start..end],
        table,
        "the README key table is out of date: run WEERBAAR_UPDATE_README=1 cargo test --test it readme"
    );
    for context in Context::ALL {
        for binding in keymap::bindings(context, true) {
            assert!(readme[start..end].contains(binding.what.1), "{}", binding.what.1);
        }
    }
}

#[test]
fn help_lists_every_key_of_the_screen_beneath_it() {
    for context in [Context::Setup, Context::Agenda, Context::Card, Context::Compare, Context::End, Context::FollowUp] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _) = app_in(dir.path(), context);
        app.scroll = 0;
        press(&mut app, KeyCode::F(1));
        assert!(matches!(app.overlay, Some(Overlay::Help)), "{context:?}");
        let screen = draw(&app, 120, 40);
        let small = draw(&app, 80, 24);
        for binding in keymap::bindings(context, false) {
            let shown = binding.shown(Lang::Nl);
            assert!(screen.contains(&shown), "{context:?}: help lacks `{shown}`\n{screen}");
            assert!(screen.contains(binding.what.0), "{context:?}: help lacks `{}`\n{screen}", binding.what.0);
            // At 80x24 the list goes into two columns and labels wrap, but every key is there.
            assert!(small.contains(&format!(" {shown} ")), "{context:?} 80x24: `{shown}`\n{small}");
        }
    }
}

#[test]
fn the_status_bar_drops_whole_entries_and_always_shows_the_reveal() {
    for width in [60u16, 80, 100, 120, 200] {
        for lang in [Lang::Nl, Lang::En] {
            let dir = tempfile::tempdir().unwrap();
            let (mut app, _) = app_in(dir.path(), Context::Card);
            app.lang = lang;
            app.notice = None;
            let screen = draw(&app, width, 24);
            let bar = screen.lines().last().unwrap().trim_matches('"').to_string();
            let reveal = if lang == Lang::Nl { "antwoorden tonen" } else { "reveal the answers" };
            assert!(bar.contains(" Enter ") && bar.contains(reveal), "{width}: {bar}");
            for binding in keymap::bindings(Context::Card, false) {
                // The bar's own label: short where the help says more ("afsluiten").
                let label = binding.bar_what().get(lang);
                let keys = binding.shown(lang);
                let shown = bar.contains(&format!(" {keys} "));
                // A key is shown with its whole label or not at all.
                if shown {
                    assert!(bar.contains(label), "{width}: `{keys}` without its label `{label}`: {bar}");
                }
                if binding.bar == Bar::Pin {
                    assert!(shown, "{width}: pinned `{keys}` missing: {bar}");
                }
            }
        }
    }
}

#[test]
fn digit_and_text_keys_follow_the_table_not_a_second_list() {
    // Text keys are only text where the table says so: in the rationale, "q" types.
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = app_in(dir.path(), Context::Rationale);
    press(&mut app, KeyCode::Char('q'));
    assert!(!app.quit && matches!(app.overlay, Some(Overlay::Rationale { .. })));
    assert!(keymap::lookup(Context::Rationale, false, &Key::Char('q').example()).is_some());
}

#[test]
fn a_card_closed_without_answers_is_closed_not_played_everywhere() {
    use weerbaar::ui::run::Program;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('x'));
    press(&mut app, KeyCode::Char('j'));
    let agenda = draw(&app, 120, 40);
    assert!(agenda.contains("Een golf van bankhelpdeskfraude (gesloten, niet gespeeld)"), "{agenda}");
    let pace = weerbaar::session::pacing(app.session().unwrap().state(), app.deck(), app.now);
    assert_eq!(pace.played_per_theme.iter().sum::<usize>(), 0, "it counts for no theme");
    press_shift(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Char('j'));
    let end = draw(&app, 120, 40);
    assert!(end.contains("— gesloten, niet gespeeld"), "{end}");
    let path = dir.path().join("sessie.jsonl");
    let log = weerbaar::debrief::load_log(&path, app.deck()).unwrap();
    let review = weerbaar::ui::review::Review::new(log, app.deck().clone(), Lang::Nl);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| review.render(f)).unwrap();
    let page = terminal.backend().to_string();
    assert!(page.contains("Gesloten, niet gespeeld: geen enkele groep antwoordde."), "{page}");
    assert!(!page.contains("Alle groepen kozen hetzelfde"), "{page}");
}

#[test]
fn every_key_of_the_review_does_something() {
    use weerbaar::ui::review::Review;
    use weerbaar::ui::run::Program;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, c) = live_app(dir.path(), Lang::Nl);
    for card in 0..2 {
        press(&mut app, KeyCode::Enter);
        press(&mut app, KeyCode::Char('1'));
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char(if card == 0 { '2' } else { '1' }));
        press(&mut app, KeyCode::Enter);
        c.advance_secs(120);
        press(&mut app, KeyCode::Enter);
    }
    press_shift(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Char('j'));
    let path = dir.path().join("sessie.jsonl");
    let state = |r: &Review| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
        terminal.draw(|f| r.render(f)).unwrap();
        format!("{}{}{}{}{}{}", terminal.backend(), r.page, r.scroll, r.show_notes, r.help, r.quit)
    };
    for binding in keymap::bindings(Context::Review, false) {
        for (i, key) in binding.all_keys().iter().enumerate() {
            let log = weerbaar::debrief::load_log(&path, app.deck()).unwrap();
            let mut r = Review::new(log, app.deck().clone(), Lang::Nl);
            r.page = 1;
            r.scroll = 2;
            let before = state(&r);
            r.on_key(key.example());
            assert_ne!(before, state(&r), "review: key {i} of `{}` did nothing", binding.shown(Lang::Nl));
        }
    }
}

#[test]
fn d_before_an_option_asks_for_the_option_first_so_no_digit_is_misread() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('d'));
    assert!(draw(&app, 80, 24).contains("Welke optie koos de groep?"));
    press(&mut app, KeyCode::Char('2')); // the option
    assert!(matches!(app.overlay, Some(Overlay::Decision { .. })), "{:?}", app.overlay);
    press(&mut app, KeyCode::Char('3')); // majority
    assert!(app.overlay.is_none());
    let choice = &app.session().unwrap().state().current_play().unwrap().choices[&weerbaar::session::GroupId(0)];
    assert_eq!(choice.option.as_str(), "ambassadors");
    assert_eq!(choice.decision, weerbaar::session::Decision::Majority);
    // Unanimous with dissent is refused with a clear message, and nothing changes.
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('d'));
    press(&mut app, KeyCode::Char('2')); // unanimous
    let screen = draw(&app, 120, 40);
    assert!(screen.contains("Unaniem en een afwijkende mening gaan niet samen"), "{screen}");
    let choice = &app.session().unwrap().state().current_play().unwrap().choices[&weerbaar::session::GroupId(0)];
    assert_eq!(choice.decision, weerbaar::session::Decision::Majority);
}

#[test]
fn wide_and_combining_names_line_up_in_the_score_table() {
    use weerbaar::ui::widgets::cut::cut;
    assert_eq!(cut("L\u{336}\u{336}\u{336}aren", 5), "L\u{336}\u{336}\u{336}aren", "combining marks take no column");
    assert_eq!(cut("L\u{336}aren Blaricum", 4), "L\u{336}ar…", "a mark stays with its letter");
    assert_eq!(cut("東京都庁", 5), "東京…", "a wide character is not split");
    let dir = tempfile::tempdir().unwrap();
    let c = clock();
    let l = launch(dir.path());
    let setup = Setup {
        title: "Breed".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 3,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "東京".into(), roles: Role::ALL.to_vec() },
            GroupSetup { name: "L\u{336}aren".into(), roles: Role::ALL.to_vec() },
        ],
    };
    let session = Session::start(l.deck.clone(), setup, l.log.as_deref().unwrap(), c.clone()).unwrap();
    let mut app = App::with_session(l, session, Lang::Nl, c.clone());
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    let screen = draw(&app, 120, 40);
    // Every row of the score table puts its first score in the same column, whatever the name.
    let columns: Vec<usize> = screen
        .lines()
        .map(|l| l.trim_matches('"'))
        .filter(|l| {
            let row = l.trim_start();
            (row.starts_with("東京 ") || row.starts_with("L\u{336}aren ")) && l.contains('→')
        })
        .filter_map(|l| l.find('→').map(|at| unicode_width::UnicodeWidthStr::width(&l[..at])))
        .collect();
    assert_eq!(columns.len(), 2, "{screen}");
    assert!(columns.windows(2).all(|w| w[0] == w[1]), "{columns:?}\n{screen}");
}

#[test]
fn a_paste_keeps_its_lines_in_a_note_and_becomes_one_line_in_a_one_line_field() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Char('n'));
    app.on_paste("Eerst de banken\r\ndan de ouderen");
    let form = draw(&app, 80, 24);
    assert!(form.contains("Eerst de banken ") && form.contains("dan de ouderen"), "{form}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.session().unwrap().state().notes[0].text, "Eerst de banken\ndan de ouderen");
    // The action's date is one line: the break becomes a space.
    press(&mut app, KeyCode::Char('a'));
    chars(&mut app, "Oefenen");
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    app.on_paste("voor\nde zomer");
    press(&mut app, KeyCode::Enter);
    // One line, and not a date: refused with an example, nothing stored, the form stays open.
    assert!(app.session().unwrap().state().actions.is_empty());
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("„voor de zomer” is geen datum"), "{screen}");
    assert_eq!(app.context(), weerbaar::ui::keymap::Context::ActionForm);
    for _ in 0.."voor de zomer".chars().count() {
        press(&mut app, KeyCode::Backspace);
    }
    app.on_paste("Q2\n2027");
    press(&mut app, KeyCode::Enter);
    let action = &app.session().unwrap().state().actions[0];
    assert_eq!(action.due_date, chrono::NaiveDate::from_ymd_opt(2027, 6, 30), "the end of the quarter");
}

#[test]
fn a_note_is_for_the_facilitator_unless_shared_and_says_who_reads_it() {
    use weerbaar::session::Visibility;
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _c) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Char('n'));
    chars(&mut app, "Gevoelig; niet breed delen");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Wie leest het  ◀ gespreksleider ▶"), "{screen}");
    assert!(screen.contains("in geen enkel verslag"), "{screen}");
    press(&mut app, KeyCode::Enter);
    // Shared with the room: Tab to "who reads it", → once, and typing goes back to the text.
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    chars(&mut app, "Iedereen wil oefenen");
    press(&mut app, KeyCode::Enter);
    // "One municipality" is offered only for a note about one.
    press(&mut app, KeyCode::Char('n'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Right);
    assert!(draw(&app, 80, 24).contains("◀ gespreksleider ▶"), "room → back to the facilitator, never 'groep'");
    press(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Right); // about Laren
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Left); // group
    chars(&mut app, "Laren twijfelt");
    press(&mut app, KeyCode::Enter);
    let notes = &app.session().unwrap().state().notes;
    let seen: Vec<(&str, Visibility)> = notes.iter().map(|n| (n.text.as_str(), n.visibility)).collect();
    assert_eq!(
        seen,
        [
            ("Gevoelig; niet breed delen", Visibility::Private),
            ("Iedereen wil oefenen", Visibility::Room),
            ("Laren twijfelt", Visibility::Group)
        ]
    );
    assert_eq!(notes[2].about, Some(weerbaar::session::GroupId(0)));
}

#[test]
fn an_owner_typed_over_a_role_is_that_name_and_the_action_keeps_its_card_and_date() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _c) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Enter); // open the first card
    press(&mut app, KeyCode::Char('a'));
    chars(&mut app, "Raad informeren");
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "wethouder");
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "maart 2027");
    press(&mut app, KeyCode::Enter);
    let state = app.session().unwrap().state();
    let action = &state.actions[0];
    assert_eq!(action.owner, weerbaar::session::Owner::Other("wethouder".into()));
    assert_eq!(action.due_date, chrono::NaiveDate::from_ymd_opt(2027, 3, 31), "the end of the month");
    assert_eq!(action.card.as_ref(), state.current_play().map(|p| &p.card), "the card on screen");
}

#[test]
fn after_the_reveal_the_room_reads_what_other_municipalities_did() {
    let dir = tempfile::tempdir().unwrap();
    let c = clock();
    let mut l = launch(dir.path());
    // The bundled deck: its cards carry sourced practices.
    l.deck = scenario::load_deck(None).unwrap();
    let card = l.deck.cards.iter().find(|c| !c.practices.is_empty()).unwrap().clone();
    let setup = Setup {
        title: "Praktijk".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 3,
        agenda: l.deck.manifest.agendas[0].id.clone(),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: Role::ALL.to_vec() },
            GroupSetup { name: "Huizen".into(), roles: Role::ALL.to_vec() },
        ],
    };
    let mut session = Session::start(l.deck.clone(), setup, l.log.as_deref().unwrap(), c.clone()).unwrap();
    session.execute(weerbaar::session::Command::OpenCard(card.id.clone())).unwrap();
    let mut app = App::with_session(l, session, Lang::Nl, c.clone());
    let before = draw(&app, 120, 40);
    assert!(!before.contains("WAT ANDERE GEMEENTEN DEDEN"), "not before the reveal:\n{before}");
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    // The practices come after the options: page down until they show.
    let mut screen = draw(&app, 120, 40);
    for _ in 0..6 {
        if screen.contains("WAT ANDERE GEMEENTEN DEDEN") {
            break;
        }
        press(&mut app, KeyCode::PageDown);
        screen = draw(&app, 120, 40);
    }
    assert!(screen.contains("WAT ANDERE GEMEENTEN DEDEN"), "{screen}");
    assert!(screen.contains(&card.practices[0].who), "{screen}");
    // The action form offers it as a starting point.
    press(&mut app, KeyCode::Char('a'));
    let form = draw(&app, 80, 24);
    assert!(form.contains(&format!("Elders: {}", card.practices[0].who)), "{form}");
}

/// The screen's rows as text, cell by cell (no quotes, no padding cut).
fn rows(app: &App<ManualClock>, width: u16, height: u16) -> Vec<String> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..height).map(|y| (0..width).map(|x| buffer[(x, y)].symbol().to_string()).collect::<String>()).collect()
}

/// The text inside the box whose top border carries `title`, row by row.
fn boxed(rows: &[String], title: &str) -> Vec<String> {
    let Some((top, col)) = rows.iter().enumerate().find_map(|(y, r)| r.find(title).map(|b| (y, b))) else {
        return Vec::new();
    };
    let start = rows[top][..col].chars().count() - 2; // "┌ " before the title
    let mut out = Vec::new();
    for row in &rows[top + 1..] {
        let cells: Vec<char> = row.chars().collect();
        if cells.get(start) == Some(&'└') {
            break;
        }
        let inner: String = cells.iter().skip(start + 1).take_while(|c| **c != '│').collect();
        out.push(inner);
    }
    out
}

fn words(text: &str) -> Vec<String> {
    text.split_whitespace().map(str::to_string).collect()
}

#[test]
fn every_word_of_the_facilitator_notes_can_be_read_page_by_page() {
    for (lang, title, marker) in
        [(Lang::Nl, "Voor de gespreksleider", "pagina"), (Lang::En, "For the facilitator", "page")]
    {
        for (width, height) in [(80, 24), (120, 35)] {
            let dir = tempfile::tempdir().unwrap();
            let (mut app, _) = live_app(dir.path(), lang);
            press(&mut app, KeyCode::Down);
            press(&mut app, KeyCode::Enter);
            press(&mut app, KeyCode::Char('v'));
            press(&mut app, KeyCode::Char('j')); // yes, the room cannot see this screen
            press(&mut app, KeyCode::Char('f'));
            let card = app.session().unwrap().state().current_play().unwrap().card.clone();
            let notes = app.deck().card(&card).unwrap().notes.show(lang).into_owned();
            let mut read = Vec::new();
            let mut pages = 0;
            loop {
                let screen = rows(&app, width, height);
                // The whole title shows in the box's border.
                let inside = boxed(&screen, title);
                assert!(!inside.is_empty(), "{lang:?} {width}x{height}: no notes box:\n{}", screen.join("\n"));
                pages += 1;
                let last = inside.last().unwrap().clone();
                let more = last.contains(&format!("{marker} {pages}/")) && last.contains(" · ");
                let body = if last.contains(marker) { &inside[..inside.len() - 1] } else { &inside[..] };
                read.extend(body.iter().flat_map(|r| words(r)));
                let Some(total) = last.split('/').nth(1).and_then(|t| t.split_whitespace().next()) else { break };
                assert!(more, "the marker says which key turns the page: {last:?}");
                if total.parse::<usize>().unwrap() == pages {
                    // On the last page, one more ] stays there and says so.
                    press(&mut app, KeyCode::Char(']'));
                    assert_eq!(boxed(&rows(&app, width, height), title), inside, "past the last page");
                    break;
                }
                press(&mut app, KeyCode::Char(']'));
                assert!(pages < 20, "the pages never end");
            }
            let want = words(&notes);
            assert_eq!(read[..want.len().min(read.len())], want[..], "{lang:?} {width}x{height}: not every word read");
            if width == 80 {
                assert!(pages > 1, "{lang:?}: the fixture's notes need pages at 80x24");
                // [ turns back to the first page.
                for _ in 0..pages {
                    press(&mut app, KeyCode::Char('['));
                }
                let first = boxed(&rows(&app, width, height), title);
                assert!(first.last().unwrap().contains(&format!("{marker} 1/")), "{first:?}");
            }
        }
    }
}

/// The "pagina 2/3" marker on the screen, as (page, pages).
fn page_on(screen: &str, marker: &str) -> Option<(usize, usize)> {
    let at = screen.find(&format!("{marker} "))?;
    let rest = &screen[at + marker.len() + 1..];
    let (page, rest) = rest.split_once('/')?;
    let pages: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((page.parse().ok()?, pages.parse().ok()?))
}

#[test]
fn page_keys_turn_one_page_and_stop_at_the_last_on_every_paged_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, c) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    c.advance_secs(5);
    for (what, keys) in [("compare", (KeyCode::PageDown, KeyCode::PageUp)), ("compare ↓", (KeyCode::Down, KeyCode::Up))]
    {
        let start = page_on(&draw(&app, 80, 24), "pagina").unwrap_or_else(|| panic!("{}", draw(&app, 80, 24)));
        assert_eq!(start.0, 1, "{what}");
        let pages = start.1;
        assert!(pages >= 2, "{what}: the fixture needs pages at 80x24");
        for expected in 2..=pages {
            press(&mut app, keys.0);
            assert_eq!(page_on(&draw(&app, 80, 24), "pagina"), Some((expected, pages)), "{what}: one page a press");
        }
        press(&mut app, keys.0);
        let screen = draw(&app, 80, 24);
        assert_eq!(page_on(&screen, "pagina"), Some((pages, pages)), "{what}: stays on the last page");
        assert!(screen.contains("laatste pagina"), "{what}: says so\n{screen}");
        press(&mut app, keys.1);
        assert_eq!(page_on(&draw(&app, 80, 24), "pagina"), Some((pages - 1, pages)), "{what}: one press back");
        for _ in 0..pages {
            press(&mut app, keys.1);
        }
        assert_eq!(page_on(&draw(&app, 80, 24), "pagina"), Some((1, pages)), "{what}");
    }
    // The end screen: pages too, never a blank one past the end.
    c.advance_secs(2);
    press(&mut app, KeyCode::Enter);
    for i in 0..3 {
        press(&mut app, KeyCode::Char('a'));
        chars(&mut app, &format!("Actie {i}: {}", &LONG_RATIONALE[..120]));
        press(&mut app, KeyCode::Enter);
    }
    press_shift(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.screen(), Screen::End);
    let (_, pages) = page_on(&draw(&app, 80, 24), "pagina").expect("the end screen is paged at 80x24");
    for _ in 0..pages + 3 {
        press(&mut app, KeyCode::PageDown);
    }
    let screen = draw(&app, 80, 24);
    assert_eq!(page_on(&screen, "pagina"), Some((pages, pages)), "{screen}");
    assert!(screen.contains("Actie 2"), "the last page has the last action: {screen}");
}

#[test]
fn a_card_on_the_plan_stays_a_card_for_every_group_when_a_choice_brings_it_forward() {
    for (lang, forward, answers) in [
        (Lang::Nl, "naar voren: vervolg op de keuze van Krimpen", "Antwoorden 0/2"),
        (Lang::En, "brought forward", "Answers 0/2"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, c) = live_app(dir.path(), lang);
        press(&mut app, KeyCode::Enter); // the bank-helpdesk fraud wave
        press(&mut app, KeyCode::Char('1'));
        press(&mut app, KeyCode::Tab);
        press(&mut app, KeyCode::Char('3')); // Krimpen leaves it to the police → the supplier card
        press(&mut app, KeyCode::Enter);
        c.advance_secs(2);
        press(&mut app, KeyCode::Enter);
        assert_eq!(app.screen(), Screen::Agenda);
        let rows = app.agenda_rows();
        let at = rows.iter().position(|r| r.card().as_str() == "supplier-breach-72h").expect("suggested");
        let screen = draw(&app, 120, 40);
        assert!(screen.contains(forward), "{screen}");
        assert!(!screen.contains("(vervolg voor") && !screen.contains("(follow-up for"), "{screen}");
        app.agenda_sel = at;
        press(&mut app, KeyCode::Enter);
        let play = app.session().unwrap().state().current_play().unwrap().clone();
        assert_eq!(play.card.as_str(), "supplier-breach-72h");
        assert!(!play.is_for_some(), "a card on the plan opens for every group");
        let screen = draw(&app, 120, 40);
        assert!(screen.contains(answers), "{screen}");
    }
}

#[test]
fn a_long_notice_takes_a_second_row_and_keeps_every_word() {
    for (lang, tail) in [(Lang::Nl, "het niet ziet (v = terug)."), (Lang::En, "cannot see it (v = back).")] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _) = live_app(dir.path(), lang);
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('j')); // yes, the room cannot see this screen
        let screen = rows(&app, 80, 24);
        let text = screen.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text.contains(tail), "{lang:?}: the notice was cut:\n{}", screen.join("\n"));
        // The status bar keeps its row under it.
        assert!(screen[23].contains("afsluiten") || screen[23].contains("quit"), "{}", screen[23]);
    }
    // A date that is no date: the whole sentence, "Wanneer" included.
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Char('a'));
    chars(&mut app, "Back-ups testen");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "eind volgend jaar");
    press(&mut app, KeyCode::Enter);
    let screen = rows(&app, 80, 24);
    let text = screen.join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("voorbeelden onder Wanneer."), "{}", screen.join("\n"));
}

#[test]
fn skipping_and_dropping_say_which_key_puts_what_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, c) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Char('s'));
    press(&mut app, KeyCode::Char('j'));
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Overgeslagen: druk op u om de kaart terug te zetten."), "{screen}");
    // Behind schedule, D drops several cards; u puts back only the last, and the texts say so.
    c.advance_secs(80 * 60);
    app.on_tick();
    press_shift(&mut app, KeyCode::Char('D'));
    let text = rows(&app, 120, 40).join(" ").split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("u zet de laatste terug, t kiest er een uit het deck"), "{text}");
    let Some(Overlay::Confirm(weerbaar::ui::Confirm::Drop(dropped))) = app.overlay.clone() else { panic!("{text}") };
    assert!(dropped.len() > 1, "the fixture drops several cards");
    press(&mut app, KeyCode::Char('j'));
    assert!(draw(&app, 120, 40).contains("Geschrapt: u zet de laatste terug"));
    press(&mut app, KeyCode::Char('u'));
    assert!(
        matches!(app.overlay, Some(Overlay::Confirm(weerbaar::ui::Confirm::Undo(_)))),
        "u asks first: {}",
        rows(&app, 120, 40).join("\n")
    );
    press(&mut app, KeyCode::Enter);
    let skipped = &app.session().unwrap().state().skipped;
    assert!(!skipped.contains(dropped.last().unwrap()), "u put back the last one");
    assert_eq!(skipped.len(), dropped.len(), "and only that one (the first skip stays)");
}

#[test]
fn an_action_on_a_follow_up_defaults_to_a_group_it_is_for() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, c) = live_app(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter); // ransom, Friday
    press(&mut app, KeyCode::Char('3'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter);
    c.advance_secs(2);
    press(&mut app, KeyCode::Enter);
    let rows = app.agenda_rows();
    let at = rows.iter().position(|r| !r.open_for().is_empty()).expect("a follow-up for some groups");
    let for_groups = rows[at].open_for();
    assert_eq!(for_groups.len(), 1, "{rows:?}");
    app.agenda_sel = at;
    press(&mut app, KeyCode::Enter);
    // Select the onlooker with Tab, then open the action form.
    let onlooker = (0..2).find(|i| weerbaar::session::GroupId(*i) != for_groups[0]).unwrap();
    while app.focus != usize::from(onlooker) {
        press(&mut app, KeyCode::Tab);
    }
    press(&mut app, KeyCode::Char('a'));
    let Some(Overlay::Action { group, .. }) = app.overlay.clone() else { panic!("no action form") };
    assert_eq!(group, for_groups[0], "the action is for the group the card is for");
    let name = app.session().unwrap().state().group_name(group).to_string();
    let screen = draw(&app, 80, 24);
    assert!(screen.contains(&name), "{screen}");
}

#[test]
fn the_roles_popup_says_whose_delegation_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = app_in(dir.path(), Context::Roles);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Rollen") || screen.contains("Roles"), "{screen}");
    // The row under the popup's title names the group (Laren is the form's first group).
    let lines: Vec<&str> = screen.lines().collect();
    let title = lines.iter().position(|l| l.contains("┌ Rollen")).unwrap_or_else(|| panic!("{screen}"));
    assert!(lines[title + 1].contains("Laren"), "{screen}");
}

/// The skip question reads as a question in both languages, the card's title in its quotes.
#[test]
fn the_skip_question_is_a_question_in_both_languages() {
    for (lang, wanted) in [(Lang::Nl, "Kaart „"), (Lang::En, "Skip the card “")] {
        let dir = tempfile::tempdir().unwrap();
        let (mut app, _) = live_app(dir.path(), lang);
        press(&mut app, KeyCode::Char('s'));
        let screen = draw(&app, 120, 35);
        assert!(screen.contains(wanted), "{screen}");
        assert!(!screen.contains("” skip?"), "{screen}");
    }
}

/// A played card's row on the agenda at 80x24 is cut with "…", never mid-word at the box's edge.
#[test]
fn a_played_row_on_the_agenda_cuts_its_title_and_keeps_its_mark() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    assert!(app.exec(weerbaar::session::Command::OpenCard("supplier-breach-72h".into())));
    assert!(app.exec(weerbaar::session::Command::RecordChoice {
        group: weerbaar::session::GroupId(0),
        option: app.session().unwrap().deck().card(&"supplier-breach-72h".into()).unwrap().options[0].id.clone(),
        rationale: String::new(),
        decision: weerbaar::session::Decision::Majority,
        dissent: vec![],
    }));
    assert!(app.exec(weerbaar::session::Command::CloseCard));
    let screen = draw(&app, 80, 24);
    // Closed before the reveal: done, but not the ✓ of a card the room saw answered.
    assert!(!screen.contains('✓'), "{screen}");
    let row = screen.lines().find(|l| l.contains(" – ")).unwrap_or_else(|| panic!("{screen}"));
    // Inside the agenda's box: the row ends in a whole mark or with "…", never mid-word.
    let inside = row.split('│').nth(1).unwrap_or_default().trim_end();
    assert!(inside.contains("De leverancier") && inside.contains('…'), "{row}\n{screen}");
    assert!(inside.ends_with('…') || inside.ends_with(')'), "{row}\n{screen}");
}

/// A deadline already past is saved as typed (it can be the point), and the gespreksleider is
/// told so at once rather than at the next follow-up.
#[test]
fn an_action_due_in_the_past_is_saved_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = live_app(dir.path(), Lang::Nl);
    assert!(app.exec(weerbaar::session::Command::OpenCard("helpdesk-fraud-wave".into())));
    press(&mut app, KeyCode::Char('a'));
    chars(&mut app, "Oefening inhalen");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "maart 2024");
    press(&mut app, KeyCode::Enter);
    let state = app.session().unwrap().state();
    assert_eq!(state.actions.len(), 1, "saved as typed");
    assert_eq!(state.actions[0].due_date, chrono::NaiveDate::from_ymd_opt(2024, 3, 31));
    let notice = app.notice.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
    assert!(notice.contains("31-3-2024 ligt in het verleden"), "{notice}");
}

/// Issue #28: at 80x24, in every context of the console and in both languages, the status bar and
/// a long notice above it show whole words only: an entry that does not fit is left out whole, a
/// notice wraps at spaces into up to three rows and ends in "…" after a whole word. The bottom rows
/// of every context are one snapshot per language, read as the facilitator reads them.
#[test]
fn status_and_notice_rows_never_cut_a_word_at_80x24_in_any_context() {
    use weerbaar::ui::Level;
    let notice = "NIEUW: De politie vermoedt dat de adressen komen van een gehackte leverancier van de gemeente; \
                  de Autoriteit Persoonsgegevens is ingelicht en vraagt binnen 72 uur om een volledige melding \
                  met de maatregelen die de gemeente heeft genomen en nog gaat nemen";
    for lang in [Lang::Nl, Lang::En] {
        let mut spec = String::new();
        let excluded = [Context::Review, Context::Audience, Context::Join, Context::DeviceConflict, Context::Terminal];
        for context in Context::ALL.into_iter().filter(|c| !excluded.contains(c)) {
            let dir = tempfile::tempdir().unwrap();
            let (mut app, _) = app_in(dir.path(), context);
            app.lang = lang;
            app.notice = None;
            let screen = draw(&app, 80, 24);
            let bar = screen.lines().last().unwrap().trim_matches('"').to_string();
            let allowed: Vec<String> = keymap::bindings(app.context(), app.log_failed)
                .iter()
                .flat_map(|b| {
                    let text = format!("{} {}", screens::bar_keys(b, lang), b.bar_what().get(lang));
                    text.split_whitespace().map(str::to_string).collect::<Vec<_>>()
                })
                .collect();
            for word in bar.split_whitespace() {
                assert!(allowed.iter().any(|a| a == word), "{context:?} {lang:?}: `{word}` is cut:\n{bar}");
            }
            spec.push_str(&format!("{:<14}|{}|\n", format!("{context:?}"), bar.trim_end()));

            app.say(Level::Info, notice);
            let screen = draw(&app, 80, 24);
            let rows: Vec<&str> = screen.lines().map(|l| l.trim_matches('"')).collect();
            let n = usize::from(screens::notice_rows(app.notice.as_ref(), 80));
            assert_eq!(n, 3, "{context:?}: a long notice takes three rows");
            let shown: Vec<&str> = rows[rows.len() - 1 - n..rows.len() - 1].to_vec();
            let words: Vec<&str> = notice.split_whitespace().collect();
            for (i, row) in shown.iter().enumerate() {
                for word in row.split_whitespace() {
                    assert!(
                        words.contains(&word) || (word == "…" && i == n - 1),
                        "{context:?}: notice word `{word}` is cut:\n{}",
                        shown.join("\n")
                    );
                }
            }
            assert!(shown[n - 1].trim_end().ends_with('…'), "{context:?}: says there is more: {shown:?}");
        }
        insta::assert_snapshot!(format!("status_bars_80x24_{}", if lang == Lang::Nl { "nl" } else { "en" }), spec);
    }
}
