#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The closing round ("Afsluiting", issue 28) and findings from the console (issue 30): the
//! closing screen as the room and the facilitator see it, corrections of notes and actions as
//! new events, findings and assessments through the engine, and the debrief written beside the
//! log with one key.

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::scenario::{AgendaId, Lang, Role};
use weerbaar::session::{
    Command, Event, FindingKind, GroupId, GroupSetup, ManualClock, Owner, Rating, Refusal, Session, SessionError,
    Setup, Visibility,
};
use weerbaar::ui::{App, Screen, screens};

use crate::common;

fn live_app(dir: &Path, lang: Lang) -> (App<ManualClock>, ManualClock) {
    std::fs::create_dir_all(dir).unwrap();
    let c = common::clock();
    let deck = common::deck();
    let log = dir.join("sessie.jsonl");
    let launch = weerbaar::ui::Launch {
        deck: deck.clone(),
        log: Some(log.clone()),
        log_dir: dir.to_path_buf(),
        seed: 3,
        facilitator: "Rian".into(),
        follow_up: None,
    };
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
    let session = Session::start(deck, setup, &log, c.clone()).unwrap();
    let mut app = App::with_session(launch, session, lang, c.clone());
    app.notice = None;
    (app, c)
}

fn press(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn shift(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::SHIFT));
}

fn chars(app: &mut App<ManualClock>, text: &str) {
    for c in text.chars() {
        if c.is_ascii_uppercase() {
            shift(app, KeyCode::Char(c));
        } else {
            press(app, KeyCode::Char(c));
        }
    }
}

fn draw(app: &App<ManualClock>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    terminal.backend().to_string()
}

/// The note only the gespreksleider may read: never on the room's view.
const PRIVATE: &str = "Burgemeester wil eerst de raad bellen";
const ROOM: &str = "Iedereen wil de back-up vaker testen";
const FINDING: &str = "Laren belde binnen vijf minuten de CISO";

/// A session played to its closing round: one card answered and revealed (with a finding from
/// the card and a private note about Laren), a note to the whole room, an action for Krimpen,
/// an objective assessed; then the closing screen.
fn played_to_closing(dir: &Path, lang: Lang) -> (App<ManualClock>, ManualClock) {
    let (mut app, c) = live_app(dir, lang);
    press(&mut app, KeyCode::Enter); // the agenda's first card
    assert_eq!(app.screen(), Screen::Card);
    press(&mut app, KeyCode::Char('1'));
    chars(&mut app, "n"); // a note about the focused group (Laren), for the facilitator only
    chars(&mut app, PRIVATE);
    press(&mut app, KeyCode::Enter);
    chars(&mut app, "F"); // a finding about this card
    chars(&mut app, FINDING);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Enter); // reveal
    c.advance_secs(5 * 60);
    press(&mut app, KeyCode::Enter); // on to the agenda
    assert_eq!(app.screen(), Screen::Agenda);
    chars(&mut app, "n"); // a note to the whole room
    shift(&mut app, KeyCode::BackTab); // to "who may read it"
    press(&mut app, KeyCode::Right); // the room
    press(&mut app, KeyCode::Tab);
    chars(&mut app, ROOM);
    press(&mut app, KeyCode::Enter);
    chars(&mut app, "a"); // an action for Krimpen, the group last answered for
    chars(&mut app, "Draaiboek ransomware met de raad bespreken");
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Tab);
    chars(&mut app, "1-3-2027");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.notice);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen(), Screen::Closing);
    (app, c)
}

/// Selects the first row of the closing screen whose drawn text holds `text`.
fn select_row(app: &mut App<ManualClock>, text: &str) {
    for _ in 0..30 {
        press(app, KeyCode::Up);
    }
    for _ in 0..30 {
        let screen = draw(app, 120, 35);
        if screen.lines().any(|l| l.contains('▶') && l.contains(text)) {
            return;
        }
        press(app, KeyCode::Down);
    }
    panic!("no row with {text:?}:\n{}", draw(app, 120, 35));
}

fn assess_first_objective(app: &mut App<ManualClock>, lang: Lang) {
    let objective = match lang {
        Lang::Nl => "Weten wie beslist",
        Lang::En => "Know who decides",
    };
    select_row(app, objective);
    press(app, KeyCode::Enter);
    press(app, KeyCode::Right); // deels behaald
    press(app, KeyCode::Tab);
    chars(app, "de rol van de raad bleef open");
    press(app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.notice);
}

#[test]
fn the_closing_screen_as_the_room_and_the_facilitator_see_it() {
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Nl, Lang::En] {
        let (mut app, _) = played_to_closing(&dir.path().join(format!("{lang:?}")), lang);
        assess_first_objective(&mut app, lang);
        app.notice = None;
        let l = format!("{lang:?}").to_lowercase();
        for (w, h) in [(80, 24), (120, 35)] {
            let room = draw(&app, w, h);
            assert!(!room.contains("Burgemeester wil"), "a private note on the room's view:\n{room}");
            assert!(room.contains("Draaiboek"), "{room}");
            insta::assert_snapshot!(format!("closing_room_{l}_{w}x{h}"), room);
        }
        press(&mut app, KeyCode::Char('v'));
        press(&mut app, KeyCode::Char('j'));
        app.notice = None;
        for (w, h) in [(80, 24), (120, 35)] {
            let private = draw(&app, w, h);
            assert!(private.contains("Burgemeester wil"), "{private}");
            insta::assert_snapshot!(format!("closing_private_{l}_{w}x{h}"), private);
        }
    }
}

#[test]
fn findings_assessments_and_corrections_land_in_the_log_as_new_events() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = played_to_closing(dir.path(), Lang::Nl);
    assess_first_objective(&mut app, Lang::Nl);
    // Correct the action: a new date, the same action.
    select_row(&mut app, "Draaiboek");
    press(&mut app, KeyCode::Enter);
    for _ in 0..2 {
        press(&mut app, KeyCode::Tab);
    }
    app.on_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    chars(&mut app, "Q2 2027");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.notice);
    // Correct the private note: now for the room.
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('j'));
    select_row(&mut app, "Burgemeester");
    press(&mut app, KeyCode::Enter);
    shift(&mut app, KeyCode::BackTab);
    press(&mut app, KeyCode::Right);
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.notice);

    let read = weerbaar::log::read(&dir.path().join("sessie.jsonl")).unwrap();
    let events: Vec<Event> = read.records.into_iter().map(|r| r.event).collect();
    let finding = events.iter().find_map(|e| match e {
        Event::FindingRecorded { kind, text, objective, card, group } => Some((kind, text, objective, card, group)),
        _ => None,
    });
    let (kind, text, objective, card, group) = finding.expect("a finding in the log");
    assert_eq!((*kind, text.as_str(), *group), (FindingKind::Strength, FINDING, None));
    assert_eq!(card.as_ref().map(|c| c.as_str()), Some("helpdesk-fraud-wave"), "recorded on the card");
    assert!(objective.is_some(), "linked to an objective of the agenda");
    assert!(events.iter().any(|e| matches!(e,
        Event::ObjectiveAssessed { rating: Rating::Partly, why, .. } if why == "de rol van de raad bleef open")));
    // The first versions stay in the log; the corrections follow them.
    assert!(events.iter().any(|e| matches!(e, Event::ActionAdded { due, .. } if due == "2027-03-01")));
    assert!(events.iter().any(|e| matches!(e,
        Event::ActionRevised { index: 0, group: GroupId(1), due, .. } if due == "2027-06-30")));
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::NoteAdded { visibility: Visibility::Private, text, .. } if text == PRIVATE))
    );
    assert!(events.iter().any(|e| matches!(e,
        Event::NoteRevised { index: 0, visibility: Visibility::Room, text, .. } if text == PRIVATE)));
    let state = app.session().unwrap().state();
    assert_eq!(state.actions.len(), 1, "corrected, not added");
    assert_eq!(state.actions[0].due_date, chrono::NaiveDate::from_ymd_opt(2027, 6, 30));
    assert_eq!(state.notes[0].visibility, Visibility::Room);
}

#[test]
fn one_key_writes_the_debrief_beside_the_log_and_never_over_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = played_to_closing(dir.path(), Lang::Nl);
    assess_first_objective(&mut app, Lang::Nl);
    press(&mut app, KeyCode::Char('w'));
    let said = written(&mut app);
    let html = dir.path().join("sessie.html");
    let docx = dir.path().join("sessie.docx");
    assert!(said.starts_with("Verslag geschreven: "), "{said}");
    assert!(said.contains(&std::path::absolute(&html).unwrap().display().to_string()), "the whole path: {said}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(FINDING), "the finding is in the HTML");
    assert!(page.contains("de rol van de raad bleef open"), "the assessment is in the HTML");
    assert!(!page.contains(PRIVATE), "no private note in a report to send on");
    let word = std::fs::read(&docx).unwrap();
    assert!(word.starts_with(b"PK"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in [&html, &docx] {
            assert_eq!(std::fs::metadata(f).unwrap().permissions().mode() & 0o777, 0o600, "{}", f.display());
        }
    }
    // After a change: a new pair beside the first, the first untouched.
    std::fs::write(&html, "mijn eigen aantekeningen").unwrap();
    assess_first_objective(&mut app, Lang::Nl);
    press(&mut app, KeyCode::Char('w'));
    let said = written(&mut app);
    assert!(said.contains("sessie-2.html") && said.contains("sessie-2.docx"), "{said}");
    assert_eq!(std::fs::read_to_string(&html).unwrap(), "mijn eigen aantekeningen");
    assert!(dir.path().join("sessie-2.docx").exists());
}

/// The status line once the debrief written in the background is done (the console's loop
/// ticks the App; here the test does).
fn written(app: &mut App<ManualClock>) -> String {
    let start = std::time::Instant::now();
    loop {
        app.on_tick();
        let said = app.notice.clone().unwrap().1;
        if !app.debriefs.is_running() {
            return said;
        }
        assert!(start.elapsed() < common::tmux::PATIENCE, "the debrief is not written: {said}");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn the_agenda_offers_the_closing_round_once_it_is_reached_and_c_goes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, c) = live_app(dir.path(), Lang::Nl);
    let cards = app.agenda_rows().len();
    assert!(cards > 1);
    // Skip all but one card, play that one.
    for _ in 1..cards {
        press(&mut app, KeyCode::Char('s'));
        press(&mut app, KeyCode::Char('j'));
    }
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Enter);
    c.advance_secs(60);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Agenda, "offered, not forced");
    let (_, said) = app.notice.clone().unwrap_or_else(|| panic!("{}", draw(&app, 80, 24)));
    assert!(said.contains("De agenda is bij de afsluiting: c toont"), "{said}");
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Afsluiting  (nu: c)"), "{screen}");
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen(), Screen::Closing);
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.screen(), Screen::Agenda);
    // From a card too, and back to the card.
    let (mut app, _) = live_app(&dir.path().join("card"), Lang::En);
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen(), Screen::Closing);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen(), Screen::Card);
}

#[test]
fn the_engine_corrects_notes_and_actions_only_with_new_events() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let mut s =
        Session::start(common::deck(), common::setup("t", &["Laren", "Huizen"], "gemengd"), &path, common::clock())
            .unwrap();
    s.execute(Command::AddNoteAs { about: Some(GroupId(0)), text: "eerst".into(), visibility: Visibility::Private })
        .unwrap();
    s.execute(Command::AddActionItem {
        group: GroupId(0),
        what: "Back-ups testen".into(),
        owner: Owner::Role(Role::Ciso),
        due: None,
        card: None,
    })
    .unwrap();
    s.execute(Command::ReviseNote { index: 0, about: None, text: " daarna ".into(), visibility: Visibility::Group })
        .unwrap();
    let due = chrono::NaiveDate::from_ymd_opt(2027, 3, 31);
    s.execute(Command::ReviseAction {
        index: 0,
        group: GroupId(1),
        what: "Back-ups maandelijks testen".into(),
        owner: Owner::Other("wethouder".into()),
        due,
    })
    .unwrap();
    let refused = |r: Result<_, SessionError>| matches!(r, Err(SessionError::Refused(_)));
    assert!(refused(s.execute(Command::ReviseNote {
        index: 5,
        about: None,
        text: "x".into(),
        visibility: Visibility::Room
    })));
    assert!(matches!(
        s.execute(Command::ReviseAction {
            index: 0,
            group: GroupId(0),
            what: " ".into(),
            owner: Owner::Role(Role::Ciso),
            due
        }),
        Err(SessionError::Refused(Refusal::EmptyText))
    ));
    let state = s.state().clone();
    drop(s);
    // A group note without a municipality reaches no report: kept for the facilitator.
    assert_eq!(
        (state.notes[0].about, state.notes[0].visibility, state.notes[0].text.as_str()),
        (None, Visibility::Private, "daarna")
    );
    let a = &state.actions[0];
    assert_eq!((a.group, a.what.as_str(), a.due_date), (GroupId(1), "Back-ups maandelijks testen", due));
    assert_eq!(a.owner, Owner::Other("wethouder".into()));
    // The log folds to the same state, and keeps the first versions.
    let replayed = weerbaar::debrief::load_log(&path, &common::deck()).unwrap();
    assert_eq!(replayed.state.actions, state.actions);
    assert_eq!(replayed.state.notes, state.notes);
    let events: Vec<Event> = replayed.records.into_iter().map(|r| r.event).collect();
    assert!(events.iter().any(|e| matches!(e, Event::NoteAdded { text, .. } if text == "eerst")));
    assert!(events.iter().any(|e| matches!(e, Event::ActionAdded { what, .. } if what == "Back-ups testen")));
}

// ---- end to end: the real binary in tmux -------------------------------------------------

struct Words {
    lang: &'static str,
    agenda: &'static str,
    compare: &'static str,
    finding_title: &'static str,
    finding_saved: &'static str,
    closing: &'static str,
    assess_title: &'static str,
    assessed: &'static str,
    written: &'static str,
    finding: &'static str,
    rated: &'static str,
    private_only: &'static str,
    private_question: &'static str,
    yes: &'static str,
}

const NL: Words = Words {
    lang: "nl",
    agenda: "Tempo",
    compare: "verder naar de agenda",
    finding_title: "Bevinding",
    finding_saved: "Bevinding vastgelegd: sterk punt",
    closing: "DOELSTELLINGEN VAN DEZE SESSIE",
    assess_title: "Doelstelling beoordelen",
    assessed: "Doelstelling beoordeeld: deels behaald",
    written: "Verslag geschreven:",
    finding: "+ sterk punt: Laren belde binnen vijf minuten",
    rated: "deels behaald: de rol van de raad bleef open",
    private_only: "beoordeeld (te zien in de eigen weergave, v)",
    private_question: "Eigen weergave tonen?",
    yes: "j",
};

const EN: Words = Words {
    lang: "en",
    agenda: "Pace",
    compare: "on to the agenda",
    finding_title: "Finding",
    finding_saved: "Finding recorded: strength",
    closing: "THIS SESSION'S OBJECTIVES",
    assess_title: "Assess the objective",
    assessed: "Objective assessed: partly achieved",
    written: "Debrief written:",
    finding: "+ strength: Laren belde binnen vijf minuten",
    rated: "partly achieved: de rol van de raad bleef open",
    private_only: "assessed (shown in the private view, v)",
    private_question: "Show the private view?",
    yes: "y",
};

/// The words of a Word file's body, tags left out.
fn docx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    let text = regex::Regex::new("<[^>]*>").unwrap().replace_all(&xml, "");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_played_session_closes_with_a_finding_an_assessment_and_the_debrief_written_by_one_key() {
    for w in [&NL, &EN] {
        for (cols, rows) in [(80u16, 24u16), (120, 35)] {
            let deck = common::deck_dir().display().to_string();
            let name = format!("closing-{}-{cols}", w.lang);
            let args = [
                "play", "--deck", &deck, "--lang", w.lang, "--group", "Laren", "--group", "Huizen", "--seed", "5",
                "--log", "s.jsonl",
            ];
            let t = common::tmux::Tmux::program(&name, cols, rows, &args);
            t.wait_for(w.agenda);
            t.send(&["Enter", "1", "Tab", "2", "Enter"]);
            t.wait_for(w.compare);
            // A finding from the card, after the reveal.
            t.send(&["F"]);
            t.wait_for(&format!(" {} ", w.finding_title));
            t.type_text(FINDING);
            t.send(&["Enter"]);
            t.wait_words(w.finding_saved);
            std::thread::sleep(std::time::Duration::from_millis(1400));
            t.send(&["Enter"]);
            t.wait_for(w.agenda);
            // The closing round: assess the first objective, write the debrief.
            t.send(&["c"]);
            t.wait_for(w.closing);
            t.send(&["Enter"]);
            t.wait_for(w.assess_title);
            t.send(&["Right", "Tab"]);
            t.type_text("de rol van de raad bleef open");
            t.send(&["Enter"]);
            let screen = t.wait_words(w.assessed);
            // Room-safe: the closing screen says the objective is assessed, not how or why.
            assert!(!screen.contains(w.rated) && screen.contains(w.private_only), "{screen}");
            t.send(&["w"]);
            let screen = t.wait_words(w.written);
            let html = t.path("s.html");
            let docx = t.path("s.docx");
            assert!(screen.contains(&html.display().to_string()), "the whole path on the status line:\n{screen}");
            let page = std::fs::read_to_string(&html).unwrap();
            assert!(page.contains(FINDING), "the finding in the HTML debrief");
            assert!(page.contains("de rol van de raad bleef open"));
            let word = docx_text(&docx);
            assert!(word.contains(FINDING), "the finding in the Word debrief");
            // In the private view, the rating and the finding on the closing screen too, below
            // the objective they belong to.
            t.send(&["v"]);
            t.wait_for(w.private_question);
            t.send(&[w.yes]);
            t.wait_words(w.rated);
            for _ in 0..12 {
                t.send(&["Down"]);
            }
            t.wait_words(w.finding);
            let events: Vec<Event> =
                weerbaar::log::read(&t.path("s.jsonl")).unwrap().records.into_iter().map(|r| r.event).collect();
            assert!(events.iter().any(|e| matches!(e, Event::FindingRecorded { text, .. } if text == FINDING)));
            assert!(events.iter().any(|e| matches!(e, Event::ObjectiveAssessed { rating: Rating::Partly, .. })));
        }
    }
}

#[test]
fn switching_the_view_keeps_the_selected_row_or_the_one_before_a_hidden_note() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = played_to_closing(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('j'));
    select_row(&mut app, ROOM);
    press(&mut app, KeyCode::Char('v')); // back to room-safe at once: the private note above goes
    let room = draw(&app, 120, 35);
    let selected: Vec<&str> = room.lines().filter(|l| l.contains('▶')).collect();
    assert_eq!(selected.len(), 1, "{room}");
    assert!(selected[0].contains(ROOM), "the same note stays selected:\n{room}");
    // On the hidden note itself: the room's view selects a row it shows, and Enter never opens
    // the hidden note.
    press(&mut app, KeyCode::Char('v'));
    press(&mut app, KeyCode::Char('j'));
    select_row(&mut app, "Burgemeester wil");
    press(&mut app, KeyCode::Char('v'));
    let room = draw(&app, 120, 35);
    assert!(!room.contains("Burgemeester wil"), "{room}");
    assert_eq!(room.lines().filter(|l| l.contains('▶')).count(), 1, "{room}");
    press(&mut app, KeyCode::Enter);
    assert!(!matches!(app.overlay, Some(weerbaar::ui::Overlay::Note { edit: Some(0), .. })), "{:?}", app.overlay);
}

#[test]
fn a_finding_on_the_closing_screen_is_about_the_objective_selected() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = played_to_closing(dir.path(), Lang::En);
    select_row(&mut app, "Know the duty to report a data breach");
    press_f(&mut app);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("◀ 2 of "), "{screen}");
    chars(&mut app, "The DPO was called within the hour");
    press(&mut app, KeyCode::Enter);
    let state = app.session().unwrap().state();
    let last = state.findings.last().unwrap();
    assert_eq!(last.objective.as_ref().map(|o| o.as_str()), Some("breach-notification"));
    assert_eq!(last.card, None, "no card is open on the closing screen");
}

fn press_f(app: &mut App<ManualClock>) {
    shift(app, KeyCode::Char('F'));
    assert!(matches!(app.overlay, Some(weerbaar::ui::Overlay::Finding { .. })), "{:?}", app.overlay);
}

#[test]
fn after_the_end_the_closing_screen_takes_findings_and_assessments_but_no_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = played_to_closing(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Esc);
    shift(&mut app, KeyCode::Char('E'));
    press(&mut app, KeyCode::Char('j'));
    assert_eq!(app.screen(), Screen::End);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen(), Screen::Closing);
    select_row(&mut app, "Draaiboek");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "no form that cannot be saved");
    assert!(app.notice.as_ref().unwrap().1.starts_with("De sessie is beëindigd: notities en acties liggen vast."));
    press(&mut app, KeyCode::Char('a'));
    assert!(app.overlay.is_none());
    assess_first_objective(&mut app, Lang::Nl);
    press_f(&mut app);
    chars(&mut app, "Achteraf: de FG was er niet bij");
    press(&mut app, KeyCode::Enter);
    assert!(app.overlay.is_none(), "{:?}", app.notice);
    let state = app.session().unwrap().state();
    assert!(state.is_ended());
    assert_eq!(state.findings.len(), 2);
    assert_eq!(state.assessments.len(), 1);
}
