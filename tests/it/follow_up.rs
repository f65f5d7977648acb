#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Follow-up as a chain: three sessions, each following up on the one before. What the
//! gespreksleider and the reports show: the previous actions per municipality with how many are
//! done, the previous session named by its date and title, open actions carried on until they
//! are done, and a card played again beside the earlier answer.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::debrief::{Format, Options, Report, load_log, previous_actions, previous_session};
use weerbaar::scenario::{AgendaId, Lang, Role};
use weerbaar::session::{
    Command, Decision, GroupId, GroupSetup, ManualClock, PreviousSession, Progress, Session, Setup, State,
};
use weerbaar::ui::{App, Launch, Screen, SetupForm, screens};

use common::deck;

fn clock_on(date: NaiveDate) -> ManualClock {
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    ManualClock::new(offset.from_local_datetime(&date.and_hms_opt(14, 0, 0).unwrap()).unwrap())
}

fn setup(title: &str, date: NaiveDate) -> Setup {
    Setup {
        title: title.into(),
        facilitator: "Rian van Dam".into(),
        date,
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 7,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: vec![Role::Mayor, Role::Ciso, Role::DataProtectionOfficer] },
            GroupSetup { name: "Huizen".into(), roles: Role::ALL.to_vec() },
        ],
    }
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Both groups answer the fraud card (options by id) and the answers are revealed.
fn play_fraud_card(s: &mut Session<ManualClock>, c: &ManualClock, laren: &str, huizen: &str) {
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    c.advance_secs(5 * 60);
    for (g, option) in [(0, laren), (1, huizen)] {
        s.execute(Command::RecordChoice {
            group: GroupId(g),
            option: option.into(),
            rationale: String::new(),
            decision: Decision::Majority,
            dissent: vec![],
        })
        .unwrap();
    }
    s.execute(Command::Reveal).unwrap();
    c.advance_secs(60);
}

fn action(s: &mut Session<ManualClock>, g: u8, what: &str) {
    s.execute(Command::AddAction { group: GroupId(g), what: what.into(), owner: Role::Ciso, due: String::new() })
        .unwrap();
}

/// The first session (12 October 2026): Laren chooses option 1 and Huizen option 2 on the fraud
/// card; Laren takes three actions home, Huizen one.
fn first_session(dir: &Path, title: &str) -> PathBuf {
    let path = dir.join("s1.jsonl");
    let c = clock_on(day(2026, 10, 12));
    let mut s = Session::start(deck(), setup(title, day(2026, 10, 12)), &path, c.clone()).unwrap();
    play_fraud_card(&mut s, &c, "broad-campaign", "ambassadors");
    action(&mut s, 0, "Back-ups offline testen");
    action(&mut s, 0, "Crisisplan bijwerken");
    action(&mut s, 0, "Losgeldscenario oefenen");
    action(&mut s, 1, "Crisisoefening plannen");
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    path
}

fn state_of(path: &Path) -> State {
    load_log(path, &deck()).unwrap().state
}

fn status_of(state: &State, what: &str) -> Option<Progress> {
    state.follow_up.iter().find(|(a, _)| a.what == what).and_then(|(_, s)| *s)
}

fn index_of(state: &State, what: &str) -> usize {
    state.follow_up.iter().position(|(a, _)| a.what == what).unwrap()
}

/// The second session (18 January 2027) follows up on the first: Laren did two of its three
/// actions, Huizen's is under way. The fraud card is played again: Laren now chooses option 2,
/// Huizen option 2 again. Huizen writes its open action down again (in other case): it must not
/// be listed twice.
fn second_session(dir: &Path, first: &Path) -> PathBuf {
    let path = dir.join("s2.jsonl");
    let c = clock_on(day(2027, 1, 18));
    let previous = previous_session(&state_of(first), "s1.jsonl");
    let mut s = Session::start(deck(), setup("Tweede sessie", day(2027, 1, 18)), &path, c.clone()).unwrap();
    s.execute(Command::FollowUpOn(Box::new(previous))).unwrap();
    let st = s.state().clone();
    for (what, status) in [
        ("Back-ups offline testen", Progress::Done),
        ("Crisisplan bijwerken", Progress::Done),
        ("Losgeldscenario oefenen", Progress::NotStarted),
        ("Crisisoefening plannen", Progress::UnderWay),
    ] {
        s.execute(Command::RecordProgress { index: index_of(&st, what), status }).unwrap();
    }
    play_fraud_card(&mut s, &c, "ambassadors", "ambassadors");
    action(&mut s, 0, "Phishingtest voor raadsleden");
    action(&mut s, 1, "crisisoefening plannen ");
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    path
}

#[test]
fn open_actions_are_carried_along_a_chain_of_three_sessions_until_done() {
    let dir = tempfile::tempdir().unwrap();
    let first = first_session(dir.path(), "Sessie Laren - Huizen");
    let second = second_session(dir.path(), &first);
    let s2 = state_of(&second);

    // The second session knows where its follow-up came from and what the groups chose then.
    assert_eq!(s2.follow_up_date, Some(day(2026, 10, 12)));
    assert_eq!(s2.follow_up_title.as_deref(), Some("Sessie Laren - Huizen"));
    assert_eq!(s2.follow_up.len(), 4);
    let groups: Vec<(String, usize, usize)> =
        s2.follow_up_groups().into_iter().map(|(g, items)| (g, s2.follow_up_done(&items), items.len())).collect();
    assert_eq!(groups, vec![("Laren".to_string(), 2, 3), ("Huizen".to_string(), 0, 1)]);

    // What the third session will ask about: the second session's own actions, and the first
    // session's open action, carried with the date it was agreed. Done ones are not carried;
    // Huizen's action, written down again, is listed once.
    let next = previous_actions(&s2);
    let listed: Vec<(&str, &str, Option<NaiveDate>)> =
        next.iter().map(|a| (a.group.as_str(), a.what.as_str(), a.since)).collect();
    assert_eq!(
        listed,
        vec![
            ("Laren", "Phishingtest voor raadsleden", None),
            ("Huizen", "crisisoefening plannen", Some(day(2026, 10, 12))),
            ("Laren", "Losgeldscenario oefenen", Some(day(2026, 10, 12))),
        ]
    );

    // The third session follows up on the second: the carried action is asked about again, and
    // once done, it is carried no further.
    let third = dir.path().join("s3.jsonl");
    let c = clock_on(day(2027, 4, 5));
    let mut s = Session::start(deck(), setup("Derde sessie", day(2027, 4, 5)), &third, c).unwrap();
    s.execute(Command::FollowUpOn(Box::new(previous_session(&s2, "s2.jsonl")))).unwrap();
    let st = s.state().clone();
    assert_eq!(st.follow_up_date, Some(day(2027, 1, 18)));
    let carried = st.follow_up.iter().find(|(a, _)| a.what == "Losgeldscenario oefenen").unwrap();
    assert_eq!(carried.0.since, Some(day(2026, 10, 12)), "the date it was first agreed travels along");
    s.execute(Command::RecordProgress { index: index_of(&st, "Losgeldscenario oefenen"), status: Progress::Done })
        .unwrap();
    s.execute(Command::RecordProgress {
        index: index_of(&st, "Phishingtest voor raadsleden"),
        status: Progress::UnderWay,
    })
    .unwrap();
    s.execute(Command::End).unwrap();
    let s3 = s.state().clone();
    assert_eq!(status_of(&s3, "Losgeldscenario oefenen"), Some(Progress::Done));
    assert_eq!(status_of(&s3, "crisisoefening plannen"), None, "not discussed");
    let fourth: Vec<(String, Option<NaiveDate>)> =
        previous_actions(&s3).into_iter().map(|a| (a.what, a.since)).collect();
    assert_eq!(
        fourth,
        vec![
            ("Phishingtest voor raadsleden".to_string(), Some(day(2027, 1, 18))),
            ("crisisoefening plannen".to_string(), Some(day(2026, 10, 12))),
        ],
        "what is not done (or not discussed) goes on; what is done stops"
    );
}

#[test]
fn a_follow_up_log_from_before_dates_still_reads() {
    // A follow-up event as older versions wrote it: only the file name and the actions.
    let line = r#"{"type":"follow_up_opened","from":"s1.jsonl","actions":[{"group":"Laren","what":"Back-ups","owner":"ciso","due":""}]}"#;
    let event: weerbaar::session::Event = serde_json::from_str(line).unwrap();
    match event {
        weerbaar::session::Event::FollowUpOpened { from, actions, date, title, answers, played } => {
            assert_eq!((from.as_str(), actions.len()), ("s1.jsonl", 1));
            assert!(date.is_none() && title.is_none() && answers.is_empty() && played.is_empty());
            assert!(actions[0].since.is_none());
        }
        other => panic!("{other:?}"),
    }
}

fn markdown(paths: &[PathBuf], options: Options, format: Format) -> String {
    let d = deck();
    let sessions = paths.iter().map(|p| load_log(p, &d).unwrap()).collect();
    let mut text = Report::with(&d, Lang::Nl, sessions, options).render(format).unwrap();
    for p in paths {
        text = text.replace(&p.parent().unwrap().display().to_string(), "<tmp>");
    }
    text
}

#[test]
fn the_debrief_of_a_follow_up_shows_the_plan_per_municipality_and_the_card_played_again() {
    let dir = tempfile::tempdir().unwrap();
    let first = first_session(dir.path(), "Sessie Laren - Huizen");
    let second = second_session(dir.path(), &first);
    let md = markdown(std::slice::from_ref(&second), Options::default(), Format::Markdown);
    assert!(md.contains("Vervolg op: sessie van 12-10-2026, ‘Sessie Laren - Huizen’"), "{md}");
    assert!(!md.contains("s1.jsonl"), "the previous session is named by date and title, not by its file");
    assert!(md.contains("Laren: 2 van 3 gedaan") && md.contains("Huizen: 0 van 1 gedaan"), "{md}");
    // The summary counts what is on the plan: one new action and the two earlier ones still open.
    assert!(md.contains("**Acties voor het verbeterplan:** 3 (waarvan 2 overgenomen uit een eerdere sessie)"), "{md}");
    // A carried action keeps the card it came from, beside where it was agreed.
    assert!(
        md.contains(
            "| Losgeldscenario oefenen | CISO |  | Een golf van bankhelpdeskfraude (overgenomen van 12-10-2026) | niet begonnen |"
        ),
        "{md}"
    );
    assert!(
        md.contains("| Back-ups offline testen | CISO |  | Een golf van bankhelpdeskfraude (vorige sessie) | gedaan |"),
        "{md}"
    );
    assert!(
        md.contains("Laren: vorige keer optie 1, nu optie 2; Huizen: vorige keer optie 2, nu weer optie 2"),
        "{md}"
    );
    // Laren's plan first (this session's order), its previous actions before its new one.
    let plan = &md[md.find("## Verbeterplan").unwrap()..md.find("## Kaarten").unwrap()];
    insta::assert_snapshot!("follow_up_debrief_plan_nl", plan);
    let card = &md[md.find("### 1. ").unwrap()..];
    let card = &card[..card.find("#### ").unwrap_or(card.len())];
    insta::assert_snapshot!("follow_up_debrief_card_nl", card);

    // The same in English, and in the tables.
    let d = deck();
    let en = Report::with(&d, Lang::En, vec![load_log(&second, &d).unwrap()], Options::default())
        .render(Format::Markdown)
        .unwrap();
    assert!(en.contains("session of 12 October 2026, ‘Sessie Laren - Huizen’"), "{en}");
    assert!(en.contains("Laren: 2 of 3 done") && en.contains("carried over from 12 October 2026"), "{en}");
    assert!(en.contains("Laren: previously option 1, now option 2"), "{en}");
    let csv = markdown(std::slice::from_ref(&second), Options::default(), Format::Csv);
    assert!(csv.contains("Losgeldscenario oefenen;CISO;;\"niet begonnen; overgenomen van 12-10-2026\""), "{csv}");
}

#[test]
fn a_published_debrief_of_a_follow_up_names_the_previous_session_by_date_only() {
    let dir = tempfile::tempdir().unwrap();
    let first = first_session(dir.path(), "Tafeloefening Gooi en Vecht");
    let second = second_session(dir.path(), &first);
    let options = Options { anonymize: true, ..Options::default() };
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        let text = markdown(std::slice::from_ref(&second), options.clone(), format);
        for secret in ["Gooi en Vecht", "Tafeloefening", "s1.jsonl", "s2.jsonl", "Laren", "Huizen"] {
            assert!(!text.contains(secret), "{format:?} shows {secret:?}:\n{text}");
        }
    }
    let md = markdown(std::slice::from_ref(&second), options.clone(), Format::Markdown);
    assert!(md.contains("Vervolg op: sessie van 12-10-2026*"), "{md}");
    let d = deck();
    for format in [Format::Xlsx, Format::Docx] {
        let bytes = Report::with(&d, Lang::Nl, vec![load_log(&second, &d).unwrap()], options.clone())
            .render_bytes(format)
            .unwrap();
        let text = unzip_text(&bytes);
        for secret in ["Gooi en Vecht", "s1.jsonl", "Laren"] {
            assert!(!text.contains(secret), "{format:?} shows {secret:?}");
        }
    }
}

/// Every text file of a zip (xlsx, docx) as one text; the chart images are pictures.
fn unzip_text(bytes: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        if file.name().unwrap().ends_with(".png") {
            continue;
        }
        std::io::Read::read_to_string(&mut file, &mut out).unwrap();
    }
    out
}

// ---- the console ------------------------------------------------------------------------

fn launch(dir: &Path, follow_up: Option<PreviousSession>) -> Launch {
    Launch {
        deck: deck(),
        log: Some(dir.join("sessie.jsonl")),
        log_dir: dir.to_path_buf(),
        seed: 3,
        facilitator: String::new(),
        follow_up,
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

#[test]
fn the_setup_form_of_a_follow_up_starts_from_the_previous_session() {
    let dir = tempfile::tempdir().unwrap();
    let first = first_session(dir.path(), "Sessie Laren - Huizen");
    let previous = state_of(&first);
    let form = SetupForm::from_previous(Lang::Nl, &previous.setup, "");
    let l = launch(dir.path(), Some(previous_session(&previous, "s1.jsonl")));
    let app = App::with_setup(l, form, Lang::Nl, clock_on(day(2027, 1, 18)));
    let screen = draw(&app, 80, 24);
    // The log's place in the temporary folder differs per run: the snapshot shows <tmp>.
    let shown = screen.replace(&dir.path().display().to_string(), "<tmp>");
    insta::assert_snapshot!("follow_up_setup_prefilled_nl_80x24", shown);
    assert!(screen.contains("Sessie Laren - Huizen") && screen.contains("Rian van Dam"), "{screen}");
    assert!(screen.contains("Laren") && screen.contains("Huizen"), "{screen}");
    // Before anything starts, the form says what it follows up on.
    assert!(screen.contains("Vervolg op            sessie van 12-10-2026, ‘Sessie Laren - Huizen’"), "{screen}");
    // The roles come along: Laren had three.
    let Some(form) = (match &app.mode {
        weerbaar::ui::Mode::Setup(f) => Some(f),
        _ => None,
    }) else {
        panic!("no form")
    };
    assert_eq!(form.groups[0].1, vec![Role::Mayor, Role::Ciso, Role::DataProtectionOfficer]);
    // A gespreksleider given on the command line wins.
    let given = SetupForm::from_previous(Lang::Nl, &previous.setup, "Sam");
    assert_eq!(given.facilitator.text(), "Sam");
}

/// A live second session following up on the first, on the follow-up screen.
fn follow_up_app(dir: &Path) -> App<ManualClock> {
    let first = first_session(dir, "Sessie Laren - Huizen");
    let previous = previous_session(&state_of(&first), "s1.jsonl");
    let l = launch(dir, Some(previous));
    let c = clock_on(day(2027, 1, 18));
    let session =
        Session::start(l.deck.clone(), setup("Tweede sessie", day(2027, 1, 18)), l.log.as_deref().unwrap(), c.clone())
            .unwrap();
    let mut app = App::with_session(l, session, Lang::Nl, c);
    app.open_follow_up();
    app.notice = None;
    app
}

#[test]
fn the_follow_up_screen_groups_the_actions_per_municipality_and_counts_what_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = follow_up_app(dir.path());
    assert_eq!(app.screen(), Screen::FollowUp);
    // A digit sets the selected action and the selection stays: ↓ moves on, as the help says.
    press(&mut app, KeyCode::Char('1'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('1')); // a correction of the same action
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('3'));
    let screen = draw(&app, 80, 24);
    insta::assert_snapshot!("follow_up_screen_nl_80x24", screen);
    assert!(screen.contains("Laren: 2 van 3 gedaan"), "{screen}");
    assert!(screen.contains("Vorige sessie: 12-10-2026, ‘Sessie Laren - Huizen’"), "said once: {screen}");
    // The keys followed the screen's order: Huizen's action is listed last.
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Char('2'));
    let state = app.session().unwrap().state();
    assert_eq!(status_of(state, "Crisisoefening plannen"), Some(Progress::UnderWay));
    assert_eq!(status_of(state, "Losgeldscenario oefenen"), Some(Progress::NotStarted));

    // On the agenda the card played last time is marked; after the reveal, the earlier answers
    // stand beside the new ones.
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Agenda);
    let agenda = draw(&app, 120, 30);
    assert!(agenda.contains("(volgende op de agenda · eerder gespeeld)"), "{agenda}");
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Card);
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Tab);
    press(&mut app, KeyCode::Char('2'));
    let before = draw(&app, 100, 30);
    assert!(!before.contains("vorige keer"), "nothing before the reveal:\n{before}");
    press(&mut app, KeyCode::Enter);
    assert!(app.revealed());
    let compare = draw(&app, 100, 30);
    assert!(
        compare.contains("Laren: vorige keer optie 1, nu optie 2 · Huizen: vorige keer optie 2, nu weer optie 2"),
        "{compare}"
    );

    // At the end the plan on screen holds the earlier actions still open, marked as carried
    // over; a done one is not carried.
    assert!(app.exec(Command::CloseCard));
    assert!(app.exec(Command::End));
    let end = draw(&app, 100, 30);
    assert!(end.contains("□ Losgeldscenario oefenen (CISO) — overgenomen van 12-10-2026"), "{end}");
    assert!(end.contains("□ Crisisoefening plannen (CISO) — overgenomen van 12-10-2026"), "{end}");
    assert!(!end.contains("Back-ups offline testen") && !end.contains("Geen acties."), "{end}");
}

#[test]
fn a_previous_session_without_actions_starts_normally_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("leeg.jsonl");
    let c = clock_on(day(2026, 10, 12));
    let mut s = Session::start(deck(), setup("Zonder acties", day(2026, 10, 12)), &path, c.clone()).unwrap();
    play_fraud_card(&mut s, &c, "broad-campaign", "ambassadors");
    s.execute(Command::End).unwrap();
    let previous = previous_session(&state_of(&path), "leeg.jsonl");
    assert!(previous.actions.is_empty());
    let l = launch(dir.path(), Some(previous));
    let c = clock_on(day(2027, 1, 18));
    let session =
        Session::start(l.deck.clone(), setup("Tweede", day(2027, 1, 18)), l.log.as_deref().unwrap(), c.clone())
            .unwrap();
    let mut app = App::with_session(l, session, Lang::Nl, c);
    app.open_follow_up();
    assert_eq!(app.screen(), Screen::Agenda);
    let notice = app.notice.as_ref().map(|(_, t)| t.clone()).unwrap_or_default();
    assert!(notice.contains("Geen actiepunten in de vorige sessie"), "{notice}");
    // The earlier answers came along all the same.
    let state = app.session().unwrap().state();
    assert_eq!(state.previous_answers.len(), 2);
    assert!(state.played_before(&"helpdesk-fraud-wave".into()));
}

#[test]
fn review_shows_the_follow_up_statuses_and_the_earlier_answers() {
    use weerbaar::ui::run::Program;
    let dir = tempfile::tempdir().unwrap();
    let first = first_session(dir.path(), "Sessie Laren - Huizen");
    let second = second_session(dir.path(), &first);
    let mut review = weerbaar::ui::review::Review::new(load_log(&second, &deck()).unwrap(), deck(), Lang::Nl);
    let draw_review = |r: &weerbaar::ui::review::Review| {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        terminal.draw(|f| r.render(f)).unwrap();
        terminal.backend().to_string()
    };
    let page = draw_review(&review);
    assert!(page.contains("Laren: 2 van 3 gedaan") && page.contains("Huizen: 0 van 1 gedaan"), "{page}");
    assert!(page.contains("[gedaan] Back-ups offline testen") && page.contains("[onderweg] Crisisoefening"), "{page}");
    review.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    let card = draw_review(&review);
    assert!(card.contains("Kaart 1/1") && card.contains("Laren: vorige keer optie 1, nu optie 2"), "{card}");
}

/// A municipality of the earlier session that is not at this table keeps its open actions on the
/// end screen's plan, with their date, as in the debrief.
#[test]
fn the_end_screen_keeps_the_open_actions_of_a_municipality_not_at_the_table() {
    use weerbaar::session::{Owner, PreviousAction, PreviousSession};
    let dir = tempfile::tempdir().unwrap();
    let action = |group: &str, what: &str| PreviousAction {
        group: group.into(),
        what: what.into(),
        owner: Owner::Role(Role::Ciso),
        due: "2027-03-31".into(),
        since: None,
        card: None,
    };
    let previous = PreviousSession {
        from: "vorige.jsonl".into(),
        date: Some(day(2026, 10, 12)),
        title: Some("Gooi".into()),
        actions: vec![action("Laren", "Back-ups testen"), action("Blaricum", "Crisisplan bijwerken")],
        answers: vec![],
        played: vec![],
    };
    let l = launch(dir.path(), Some(previous));
    let c = clock_on(day(2027, 1, 18));
    let session =
        Session::start(l.deck.clone(), setup("Tweede", day(2027, 1, 18)), l.log.as_deref().unwrap(), c.clone())
            .unwrap();
    let mut app = App::with_session(l, session, Lang::Nl, c);
    app.open_follow_up();
    assert!(app.exec(Command::End));
    let end = draw(&app, 100, 30);
    assert!(end.contains("Blaricum"), "{end}");
    assert!(end.contains("□ Crisisplan bijwerken (CISO · 31-3-2027) — overgenomen van 12-10-2026"), "{end}");
    assert!(end.contains("□ Back-ups testen (CISO · 31-3-2027) — overgenomen van 12-10-2026"), "{end}");
}

#[test]
fn the_closing_round_keeps_the_earlier_actions_not_yet_done_on_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = follow_up_app(dir.path());
    let previous: Vec<String> = app.session().unwrap().state().follow_up.iter().map(|(a, _)| a.what.clone()).collect();
    assert!(previous.len() >= 2, "{previous:?}");
    press(&mut app, KeyCode::Char('1')); // the first one is done
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(app.screen(), Screen::Closing);
    let screen = draw(&app, 120, 35).replace(['│', '┌', '┐', '└', '┘', '─'], " ");
    let words = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    let shown = |what: &str| words.contains(&what.split_whitespace().collect::<Vec<_>>().join(" "));
    assert!(!shown(&previous[0]), "a done action leaves the plan:\n{screen}");
    for what in &previous[1..] {
        assert!(shown(what), "{what:?} is still on the plan:\n{screen}");
    }
    assert!(words.contains("overgenomen van 12-10-2026"), "{screen}");
}
