#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! A suggested follow-up card played for the groups whose choice led there: Laren paid the ransom,
//! Huizen did not, so "six weeks after the payment" is Laren's card. Only Laren is waited for,
//! Huizen looks on (and may still answer), and every screen and report says for whom it was.

use crate::common;

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::debrief::{Format, Options, Report, load_log};
use weerbaar::log;
use weerbaar::scenario::{CardId, Lang};
use weerbaar::session::{
    Command, Decision, Event, GroupId, ManualClock, Record, Refusal, Session, SessionError, State,
};
use weerbaar::ui::model::AgendaRow;
use weerbaar::ui::{App, Launch, Screen, screens};

use common::{clock, deck};

const SECOND_DEMAND: &str = "ransom-second-demand";

fn answer(s: &mut Session<ManualClock>, g: u8, option: &str) -> Result<(), SessionError> {
    s.execute(Command::RecordChoice {
        group: GroupId(g),
        option: option.into(),
        rationale: String::new(),
        decision: Decision::Majority,
        dissent: vec![],
    })
    .map(|_| ())
}

/// Laren pays the ransom (its follow-up: the second demand), Huizen asks the council first.
fn after_ransom(dir: &Path, lang: Lang) -> (Session<ManualClock>, ManualClock, PathBuf) {
    let c = clock();
    let path = dir.join("sessie.jsonl");
    let mut setup = common::setup("Regio Gooi", &["Laren", "Huizen"], "gemengd");
    setup.lang = lang;
    let mut s = Session::start(deck(), setup, &path, c.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    c.advance_secs(10 * 60);
    answer(&mut s, 0, "pay").unwrap();
    answer(&mut s, 1, "ask-council").unwrap();
    s.execute(Command::Reveal).unwrap();
    c.advance_secs(5 * 60);
    s.execute(Command::CloseCard).unwrap();
    (s, c, path)
}

fn open_for_laren(s: &mut Session<ManualClock>) {
    let suggestion =
        s.state().suggestions(s.deck()).into_iter().find(|x| x.card.as_str() == SECOND_DEMAND).expect("suggested");
    assert_eq!(suggestion.groups, vec![GroupId(0)], "the second demand is suggested for Laren");
    s.execute(Command::OpenCardFor { card: suggestion.card, groups: suggestion.groups }).unwrap();
}

fn events(path: &Path) -> Vec<Event> {
    log::read(path).unwrap().records.into_iter().map(|r| r.event).collect()
}

// ---- the engine -------------------------------------------------------------------------------

#[test]
fn a_follow_up_for_laren_waits_for_laren_only_and_reveals_once_laren_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = after_ransom(dir.path(), Lang::Nl);
    open_for_laren(&mut s);
    let play = s.state().current_play().unwrap();
    assert_eq!(play.for_groups, vec![GroupId(0)]);
    assert_eq!(s.state().unanswered(), vec![GroupId(0)], "Huizen is not waited for");
    assert_eq!(s.state().taking_part(play), vec![GroupId(0)]);
    assert!(matches!(
        s.execute(Command::Reveal),
        Err(SessionError::Refused(Refusal::NotEveryoneAnswered(ref g))) if g == &vec![GroupId(0)]
    ));
    answer(&mut s, 0, "refuse-and-disclose").unwrap();
    assert!(s.state().unanswered().is_empty());
    s.execute(Command::Reveal).unwrap();
    let play = s.state().current_play().unwrap();
    assert_eq!(play.revealed, Some(vec![GroupId(0)]), "only Laren explains its answer");
    // The log says for whom: the state read back is the same.
    assert!(events(&path).contains(&Event::CardOpened { card: SECOND_DEMAND.into(), for_groups: vec![GroupId(0)] }));
    let read = log::read(&path).unwrap();
    let (folded, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    assert_eq!(&folded, s.state());
}

#[test]
fn a_group_the_follow_up_was_not_for_may_still_answer_and_then_takes_part() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, _) = after_ransom(dir.path(), Lang::Nl);
    open_for_laren(&mut s);
    answer(&mut s, 1, "refuse-quietly").unwrap();
    // Huizen's answer does not stand in for Laren's.
    assert_eq!(s.state().unanswered(), vec![GroupId(0)]);
    answer(&mut s, 0, "pay-again").unwrap();
    let play = s.state().current_play().unwrap();
    assert_eq!(s.state().taking_part(play), vec![GroupId(0), GroupId(1)]);
    s.execute(Command::Reveal).unwrap();
    let mut order = s.state().current_play().unwrap().revealed.clone().unwrap();
    order.sort();
    assert_eq!(order, vec![GroupId(0), GroupId(1)]);
}

#[test]
fn a_card_for_every_group_is_logged_as_before_and_an_old_line_reads_as_for_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = after_ransom(dir.path(), Lang::Nl);
    // Naming every group is the ordinary card: the log line has no list of groups.
    s.execute(Command::OpenCardFor { card: SECOND_DEMAND.into(), groups: vec![GroupId(1), GroupId(0)] }).unwrap();
    assert!(s.state().current_play().unwrap().for_groups.is_empty());
    assert_eq!(s.state().unanswered(), vec![GroupId(0), GroupId(1)]);
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|l| l.contains(SECOND_DEMAND) && l.contains("card_opened")).unwrap();
    assert!(!line.contains("for_groups"), "{line}");

    // A line written before follow-ups could be for some groups.
    let old =
        r#"{"seq":9,"at":"2026-11-23T13:30:00Z","offset":3600,"type":"card_opened","card":"ransom-second-demand"}"#;
    let record: Record = serde_json::from_str(old).unwrap();
    assert_eq!(record.event, Event::CardOpened { card: CardId::from(SECOND_DEMAND), for_groups: vec![] });
}

#[test]
fn a_follow_up_for_a_group_that_does_not_exist_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = after_ransom(dir.path(), Lang::Nl);
    let before = std::fs::read_to_string(&path).unwrap();
    assert!(matches!(
        s.execute(Command::OpenCardFor { card: SECOND_DEMAND.into(), groups: vec![GroupId(5)] }),
        Err(SessionError::Refused(Refusal::UnknownGroup(GroupId(5))))
    ));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

// ---- the console ------------------------------------------------------------------------------

fn launch(dir: &Path) -> Launch {
    Launch {
        deck: deck(),
        log: Some(dir.join("sessie.jsonl")),
        log_dir: dir.to_path_buf(),
        seed: 4,
        facilitator: "Rian".into(),
        follow_up: None,
    }
}

fn press(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn draw(app: &App<ManualClock>, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    terminal.backend().to_string()
}

/// The console on the agenda after the ransom card, the second demand selected and opened.
fn console_on_follow_up(dir: &Path, lang: Lang) -> (App<ManualClock>, ManualClock) {
    let (s, c, _) = after_ransom(dir, lang);
    let mut app = App::with_session(launch(dir), s, lang, c.clone());
    app.notice = None;
    assert_eq!(app.screen(), Screen::Agenda);
    // The agenda says what the follow-up would cost: its minutes and the session's end then.
    let agenda = draw(&app, 120, 35);
    let cost = if lang == Lang::Nl { "+12 min → einde 15:" } else { "+12 min → ends 15:" };
    assert!(agenda.contains(cost), "{agenda}");
    let row = app.agenda_rows().iter().position(|r| r.card().as_str() == SECOND_DEMAND).unwrap();
    assert!(matches!(&app.agenda_rows()[row], AgendaRow::Suggested { groups, .. } if groups == &vec![GroupId(0)]));
    for _ in 0..row {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Card);
    c.advance_secs(3 * 60);
    app.on_tick();
    (app, c)
}

#[test]
fn the_card_screen_says_for_whom_and_counts_only_laren() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, c) = console_on_follow_up(dir.path(), Lang::Nl);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Vervolg voor Laren — Huizen kijkt mee"), "{screen}");
    assert!(screen.contains("Antwoorden 0/1"), "{screen}");
    insta::assert_snapshot!("follow_up_for_laren_card_nl_80x24", screen);
    let wide = draw(&app, 120, 35);
    assert!(wide.contains("Antwoorden 0/1") && wide.contains("kijkt mee"), "{wide}");
    insta::assert_snapshot!("follow_up_for_laren_card_nl_120x35", wide);

    // Laren answers; the reveal is allowed without Huizen.
    press(&mut app, KeyCode::Char('1'));
    assert!(draw(&app, 80, 24).contains("Antwoorden 1/1"));
    c.advance_secs(60);
    app.on_tick();
    press(&mut app, KeyCode::Enter);
    let compare = draw(&app, 80, 24);
    assert!(app.session().unwrap().state().current_play().unwrap().is_revealed(), "{compare}");
    assert!(compare.contains("Vervolg voor Laren."), "the card was for Laren: nothing missing\n{compare}");
    assert!(!compare.contains("Alleen Laren antwoordde."), "{compare}");
    assert!(compare.contains("Keek mee: Huizen"), "{compare}");
    assert!(!compare.contains("Alle groepen kozen"), "{compare}");
    assert!(!compare.contains("Geen antwoord"), "{compare}");
    insta::assert_snapshot!("follow_up_for_laren_compare_nl_80x24", compare);
}

#[test]
fn in_english_the_card_screen_says_for_whom_too() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _) = console_on_follow_up(dir.path(), Lang::En);
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Follow-up for Laren — Huizen looks on"), "{screen}");
    assert!(screen.contains("Answers 0/1"), "{screen}");
    insta::assert_snapshot!("follow_up_for_laren_card_en_80x24", screen);
}

#[test]
fn huizen_selected_with_tab_may_answer_and_is_then_counted() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, _) = console_on_follow_up(dir.path(), Lang::Nl);
    press(&mut app, KeyCode::Tab); // Huizen
    press(&mut app, KeyCode::Char('3'));
    let screen = draw(&app, 80, 24);
    assert!(screen.contains("Antwoorden 1/2"), "{screen}");
    // Still waiting for Laren: the reveal says so and nothing is revealed.
    press(&mut app, KeyCode::Enter);
    assert!(!app.session().unwrap().state().current_play().unwrap().is_revealed());
}

#[test]
fn opening_from_the_agenda_s_own_next_card_stays_for_everyone() {
    let dir = tempfile::tempdir().unwrap();
    let (s, c, _) = after_ransom(dir.path(), Lang::Nl);
    let mut app = App::with_session(launch(dir.path()), s, Lang::Nl, c);
    press(&mut app, KeyCode::Enter); // the first row: the agenda's next card
    let play = app.session().unwrap().state().current_play().unwrap().clone();
    assert!(play.for_groups.is_empty(), "{play:?}");
    assert!(draw(&app, 80, 24).contains("0/2"));
}

// ---- the reports ------------------------------------------------------------------------------

#[test]
fn the_debrief_says_the_follow_up_was_for_laren_and_claims_no_agreement_of_all_groups() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = after_ransom(dir.path(), Lang::Nl);
    open_for_laren(&mut s);
    answer(&mut s, 0, "refuse-and-disclose").unwrap();
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    drop(s);
    let d = deck();
    let report = |lang| {
        Report::with(&d, lang, vec![load_log(&path, &d).unwrap()], Options::default()).render(Format::Markdown).unwrap()
    };
    let nl = report(Lang::Nl);
    // The card's own section (the overview names the card too, in its scenario line).
    let card_section = |text: &str, title: &str| {
        text.split("\n### ")
            .find(|s| s.starts_with(|c: char| c.is_ascii_digit()) && s.contains(title))
            .expect("the card's section")
            .to_string()
    };
    let section = card_section(&nl, "Zes weken later");
    assert!(section.contains("Vervolg voor Laren"), "{section}");
    assert!(section.contains("Gekozen door Laren: Niet betalen."), "{section}");
    assert!(!section.contains("Alle groepen kozen"), "{section}");
    assert!(!section.contains("Niet iedere groep antwoordde"), "{section}");
    assert!(nl.contains("Kaart geopend: Zes weken later: ze zijn terug (Vervolg voor Laren)"), "{nl}");
    let en = report(Lang::En);
    assert!(en.contains("Follow-up for Laren") && en.contains("Chosen by Laren:"), "{en}");
    assert!(!card_section(&en, "Six weeks later").contains("All groups chose"));
}
