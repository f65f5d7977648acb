#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! `play --peers DIR`: how earlier sessions answered a card, counted from their logs, recorded in
//! the new session's log and shown after the reveal on the console and the audience screen.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::peers::{self, Gathered};
use weerbaar::scenario::{AgendaId, Lang, Role};
use weerbaar::session::{Command, Decision, Event, GroupId, GroupSetup, ManualClock, PeerCard, Session, Setup, State};
use weerbaar::ui::audience::Audience;
use weerbaar::ui::run::Program;
use weerbaar::ui::{App, Launch, screens};

/// The card every earlier session plays: options 1 broad-campaign, 2 ambassadors, 3 leave-to-police.
const CARD: &str = "helpdesk-fraud-wave";
const LINE_NL: &str = "In 7 eerdere sessies koos 57% optie 2";

fn clock_at(day: u32) -> ManualClock {
    ManualClock::new(chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 10, day, 14, 0, 0).unwrap())
}

fn setup(title: &str, groups: &[&str], seed: u64) -> Setup {
    Setup {
        title: title.into(),
        facilitator: "Rian van Dam".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed,
        agenda: AgendaId::from("gemengd"),
        groups: groups.iter().map(|n| GroupSetup { name: n.to_string(), roles: Role::ALL.to_vec() }).collect(),
    }
}

/// Opens `card`, records one option per group, reveals and closes it.
fn answer(s: &mut Session<ManualClock>, card: &str, options: &[&str]) {
    s.execute(Command::OpenCard(card.into())).unwrap();
    for (g, option) in options.iter().enumerate() {
        s.execute(Command::RecordChoice {
            group: GroupId(g as u8),
            option: (*option).into(),
            rationale: String::new(),
            decision: Decision::Unanimous,
            dissent: vec![],
        })
        .unwrap();
    }
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
}

/// Earlier session number `n` (on day `n`): `groups` answer [`CARD`] with `options`, one each.
fn earlier(dir: &Path, n: u32, groups: &[&str], options: &[&str]) -> PathBuf {
    let path = dir.join(format!("s{n:02}.jsonl"));
    let mut s =
        Session::start(common::deck(), setup(&format!("Sessie {n}"), groups, n.into()), &path, clock_at(n)).unwrap();
    answer(&mut s, CARD, options);
    s.execute(Command::End).unwrap();
    path
}

/// Ten municipalities, two per session.
const TOWNS: [&str; 14] = [
    "Laren",
    "Blaricum",
    "Huizen",
    "Eemnes",
    "Gooise Meren",
    "Hilversum",
    "Wijdemeren",
    "Baarn",
    "Soest",
    "Bunschoten",
    "Amersfoort",
    "Leusden",
    "Zeist",
    "De Bilt",
];

/// Seven sessions of two municipalities each: 14 answers, 8 for option 2, 4 for option 1 and 2
/// for option 3 (57%, 29%, 14%).
fn seven_sessions(dir: &Path) {
    let answers = [
        ["ambassadors", "ambassadors"],
        ["ambassadors", "broad-campaign"],
        ["ambassadors", "ambassadors"],
        ["broad-campaign", "ambassadors"],
        ["ambassadors", "leave-to-police"],
        ["broad-campaign", "leave-to-police"],
        ["broad-campaign", "ambassadors"],
    ];
    for (i, options) in answers.iter().enumerate() {
        earlier(dir, i as u32 + 1, &TOWNS[i * 2..i * 2 + 2], options);
    }
}

fn gather(dir: &Path) -> Gathered {
    peers::gather(dir, &common::deck(), None, Lang::Nl).unwrap()
}

fn only_card(found: &Gathered) -> &PeerCard {
    assert_eq!(found.cards.len(), 1, "{:?}", found.cards);
    &found.cards[0]
}

fn count(peer: &PeerCard, option: &str) -> u32 {
    peer.options.iter().find(|(o, _)| o.as_str() == option).map_or(0, |(_, n)| *n)
}

#[test]
fn four_sessions_show_nothing_and_the_fifth_shows_the_card() {
    let dir = tempfile::tempdir().unwrap();
    for n in 1..=4 {
        let i = (n as usize - 1) * 2;
        earlier(dir.path(), n, &TOWNS[i..i + 2], &["ambassadors", "broad-campaign"]);
    }
    let four = gather(dir.path());
    assert_eq!(four.sessions, 4);
    assert!(four.cards.is_empty(), "8 municipalities but 4 sessions: {:?}", four.cards);
    earlier(dir.path(), 5, &TOWNS[8..10], &["ambassadors", "leave-to-police"]);
    let five = gather(dir.path());
    let peer = only_card(&five);
    assert_eq!((peer.card.as_str(), peer.sessions, peer.municipalities), (CARD, 5, 10));
    assert_eq!((count(peer, "ambassadors"), count(peer, "broad-campaign"), count(peer, "leave-to-police")), (5, 4, 1));
    // In the card's order of options.
    let order: Vec<&str> = peer.options.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(order, ["broad-campaign", "ambassadors", "leave-to-police"]);
}

#[test]
fn five_sessions_of_four_municipalities_show_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let pairs =
        [["Laren", "Blaricum"], ["Huizen", "Eemnes"], ["Laren", "Huizen"], ["Blaricum", "Eemnes"], ["LAREN", "Eemnes"]];
    for (i, pair) in pairs.iter().enumerate() {
        earlier(dir.path(), i as u32 + 1, pair, &["ambassadors", "ambassadors"]);
    }
    let found = gather(dir.path());
    assert_eq!(found.sessions, 5);
    assert!(found.cards.is_empty(), "four municipalities could be recognised: {:?}", found.cards);
}

#[test]
fn a_municipality_counts_once_per_session_and_again_in_the_next() {
    let dir = tempfile::tempdir().unwrap();
    // "Laren" and "Gemeente Laren" are one municipality at two tables of one session: its answer
    // counts once (the first table's).
    earlier(dir.path(), 1, &["Laren", "Gemeente Laren", "Huizen"], &["ambassadors", "broad-campaign", "ambassadors"]);
    // Laren again in another session: it counts again.
    earlier(dir.path(), 2, &["Laren", "Eemnes"], &["leave-to-police", "ambassadors"]);
    for n in 3..=5 {
        let i = n as usize * 2;
        earlier(dir.path(), n, &TOWNS[i..i + 2], &["ambassadors", "ambassadors"]);
    }
    let peer = gather(dir.path()).cards.into_iter().next().unwrap();
    assert_eq!(peer.sessions, 5);
    // Laren, Huizen, Eemnes and six others.
    assert_eq!(peer.municipalities, 9);
    // Session 1: Laren's first table and Huizen, option 2 (the second Laren table's option 1 is
    // not counted); 2: Laren option 3, Eemnes option 2; 3-5: option 2 twice each.
    assert_eq!(
        (count(&peer, "ambassadors"), count(&peer, "broad-campaign"), count(&peer, "leave-to-police")),
        (9, 0, 1)
    );
}

#[test]
fn the_session_being_played_and_a_copy_of_a_log_are_left_out() {
    let dir = tempfile::tempdir().unwrap();
    seven_sessions(dir.path());
    // A copy of the first log in a subfolder (a backup): read, but the session counts once.
    std::fs::create_dir(dir.path().join("kopie")).unwrap();
    std::fs::copy(dir.path().join("s01.jsonl"), dir.path().join("kopie/s01-kopie.jsonl")).unwrap();
    let all = gather(dir.path());
    assert_eq!((all.sessions, only_card(&all).sessions), (7, 7));
    assert!(!all.own_left_out);

    // The session being played is s07 (resumed from its log in the same folder).
    let own_log = weerbaar::log::read(&dir.path().join("s07.jsonl")).unwrap();
    let (own, _) = State::fold(&own_log.records).unwrap();
    let found = peers::gather(dir.path(), &common::deck(), Some(peers::session_key(&own)), Lang::Nl).unwrap();
    assert!(found.own_left_out);
    assert_eq!((found.sessions, only_card(&found).sessions), (6, 6));
}

#[test]
fn the_line_names_the_most_chosen_option_and_the_shares_add_up() {
    let dir = tempfile::tempdir().unwrap();
    seven_sessions(dir.path());
    let found = gather(dir.path());
    let deck = common::deck();
    let card = deck.card(&CARD.into()).unwrap();
    let (head, rest) = peers::line(only_card(&found), card, Lang::Nl).unwrap();
    assert_eq!(head, LINE_NL);
    assert_eq!(rest, " · optie 1: 29% · optie 3: 14%");
    let (head, rest) = peers::line(only_card(&found), card, Lang::En).unwrap();
    assert_eq!(format!("{head}{rest}"), "In 7 earlier sessions 57% chose option 2 · option 1: 29% · option 3: 14%");
    assert_eq!(found.status(Lang::Nl), "Eerdere sessies: 7 gelezen; genoeg voor 1 kaart");
}

#[test]
fn a_tie_at_the_top_is_said_as_a_tie_and_equals_show_equal_shares() {
    let deck = common::deck();
    let card = deck.card(&CARD.into()).unwrap();
    let peer = |counts: [u32; 3]| PeerCard {
        card: CARD.into(),
        sessions: 6,
        municipalities: 18,
        options: ["broad-campaign", "ambassadors", "leave-to-police"]
            .iter()
            .zip(counts)
            .map(|(id, n)| ((*id).into(), n))
            .collect(),
    };
    // The facilitator's example: six each. Nobody "won", and no option looks a point bigger.
    let even = peer([6, 6, 6]);
    let (head, rest) = peers::line(&even, card, Lang::Nl).unwrap();
    assert_eq!(format!("{head}{rest}"), "In 6 eerdere sessies kozen evenveel voor optie 1, 2 en 3 (elk 33%)");
    let (head, rest) = peers::line(&even, card, Lang::En).unwrap();
    assert_eq!(
        format!("{head}{rest}"),
        "In 6 earlier sessions options 1, 2 and 3 were chosen equally often (33% each)"
    );
    // Two tied at the top, one behind: the two together, then the third.
    let two = peer([1, 3, 3]);
    let (head, rest) = peers::line(&two, card, Lang::Nl).unwrap();
    assert_eq!(
        format!("{head}{rest}"),
        "In 6 eerdere sessies kozen evenveel voor optie 2 en 3 (elk 43%) · optie 1: 14%"
    );
    let (head, rest) = peers::line(&two, card, Lang::En).unwrap();
    assert_eq!(
        format!("{head}{rest}"),
        "In 6 earlier sessions options 2 and 3 were chosen equally often (43% each) · option 1: 14%"
    );
    // Equal runners-up are shown equal too.
    let (head, rest) = peers::line(&peer([1, 4, 1]), card, Lang::Nl).unwrap();
    assert_eq!(format!("{head}{rest}"), "In 6 eerdere sessies koos 67% optie 2 · optie 1: 17% · optie 3: 17%");
}

#[test]
fn broken_logs_are_skipped_and_counted_and_a_missing_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    seven_sessions(dir.path());
    std::fs::write(dir.path().join("kapot.jsonl"), b"dit is geen logboek\n").unwrap();
    std::fs::write(dir.path().join("leeg.jsonl"), b"").unwrap();
    std::fs::write(dir.path().join("notities.txt"), b"niet gelezen").unwrap();
    // A log whose last line was torn mid-write: read, with the damage counted.
    let mut torn = std::fs::read(dir.path().join("s01.jsonl")).unwrap();
    std::fs::remove_file(dir.path().join("s01.jsonl")).unwrap();
    torn.truncate(torn.len() - 5);
    std::fs::write(dir.path().join("s01.jsonl"), torn).unwrap();
    let found = gather(dir.path());
    assert_eq!((found.sessions, found.skipped, found.damaged), (7, 2, 1));
    assert_eq!(
        found.status(Lang::Nl),
        "Eerdere sessies: 7 gelezen, 2 kapot overgeslagen, 1 met beschadigde regels; genoeg voor 1 kaart"
    );
    assert!(found.status(Lang::En).contains("2 broken skipped"));

    let missing = dir.path().join("bestaat-niet");
    let e = peers::gather(&missing, &common::deck(), None, Lang::Nl).unwrap_err();
    assert_eq!(e.describe(Lang::Nl), format!("de map met eerdere sessies bestaat niet: {}", missing.display()));
    assert!(e.describe(Lang::En).starts_with("the folder of earlier sessions does not exist: "));
}

#[test]
fn the_log_records_only_cards_enough_sessions_played() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nu.jsonl");
    let mut s = Session::start(common::deck(), setup("Nu", &["Naarden", "Weesp"], 9), &path, clock_at(20)).unwrap();
    let good =
        PeerCard { card: CARD.into(), sessions: 5, municipalities: 5, options: vec![("ambassadors".into(), 10)] };
    let few =
        PeerCard { card: "ransom-friday".into(), sessions: 4, municipalities: 8, options: vec![("pay".into(), 8)] };
    let unknown = PeerCard { card: "geen-kaart".into(), ..good.clone() };
    s.execute(Command::LoadPeers(vec![good.clone(), few, unknown])).unwrap();
    let read = weerbaar::log::read(&path).unwrap();
    let recorded: Vec<&Event> =
        read.records.iter().map(|r| &r.event).filter(|e| matches!(e, Event::PeersLoaded { .. })).collect();
    assert_eq!(recorded, [&Event::PeersLoaded { cards: vec![good.clone()] }]);
    let (state, _) = State::fold(&read.records).unwrap();
    assert_eq!(state.peers_of(&CARD.into()), Some(&good));
    assert_eq!(state.peers_of(&"ransom-friday".into()), None);
}

// --- Screens -------------------------------------------------------------------------------

fn launch(dir: &Path) -> Launch {
    Launch {
        deck: common::deck(),
        log: Some(dir.join("nu.jsonl")),
        log_dir: dir.to_path_buf(),
        seed: 3,
        facilitator: "Rian".into(),
        follow_up: None,
    }
}

/// A console in the room view with the peers of `earlier` recorded, at the first card's reveal
/// (not yet revealed when `reveal` is false).
fn console(dir: &Path, earlier: &Path, reveal: bool) -> App<ManualClock> {
    let found = gather(earlier);
    let status = found.status(Lang::Nl);
    console_with(dir, found.cards, status, Lang::Nl, reveal)
}

fn console_with(dir: &Path, cards: Vec<PeerCard>, status: String, lang: Lang, reveal: bool) -> App<ManualClock> {
    let c = clock_at(20);
    let l = launch(dir);
    let session = Session::start(
        l.deck.clone(),
        setup("Naarden en Weesp", &["Naarden", "Weesp"], 3),
        l.log.as_deref().unwrap(),
        c.clone(),
    )
    .unwrap();
    let mut app = App::with_session(l, session, lang, c);
    app.peers = Some((cards, weerbaar::ui::Level::Info, status));
    app.open_peers();
    assert!(app.exec(Command::OpenCard(CARD.into())));
    for (g, option) in ["ambassadors", "leave-to-police"].iter().enumerate() {
        assert!(app.exec(Command::RecordChoice {
            group: GroupId(g as u8),
            option: (*option).into(),
            rationale: String::new(),
            decision: Decision::Majority,
            dissent: vec![],
        }));
    }
    if reveal {
        assert!(app.exec(Command::Reveal));
    }
    app
}

fn draw(app: &App<ManualClock>, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| screens::render(app, f)).unwrap();
    terminal.backend().to_string()
}

fn draw_room(a: &Audience<ManualClock>, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| a.render(f)).unwrap();
    terminal.backend().to_string()
}

#[test]
fn the_compare_screen_shows_how_earlier_sessions_chose_after_the_reveal() {
    let earlier = tempfile::tempdir().unwrap();
    seven_sessions(earlier.path());
    let dir = tempfile::tempdir().unwrap();
    let mut app = console(dir.path(), earlier.path(), true);
    app.notice = None;
    for size in [(80, 24), (120, 35)] {
        let screen = draw(&app, size);
        assert!(
            screen.contains(&format!("{LINE_NL} · optie 1: 29% · optie 3: 14%")),
            "{size:?}: the whole line, on one row:\n{screen}"
        );
        insta::assert_snapshot!(format!("peers_compare_{}x{}", size.0, size.1), screen);
    }
}

#[test]
fn nothing_is_shown_before_the_reveal_or_below_five_sessions() {
    let earlier = tempfile::tempdir().unwrap();
    seven_sessions(earlier.path());
    let dir = tempfile::tempdir().unwrap();
    let mut app = console(dir.path(), earlier.path(), false);
    for private in [false, true] {
        app.private = private;
        let screen = draw(&app, (120, 35));
        assert!(screen.contains("Antwoorden 2/2"), "{screen}");
        assert!(!screen.contains("eerdere sessies"), "before the reveal (private view {private}):\n{screen}");
    }

    let four = tempfile::tempdir().unwrap();
    for n in 1..=4 {
        let i = (n as usize - 1) * 2;
        earlier_in(four.path(), n, &TOWNS[i..i + 2]);
    }
    let dir = tempfile::tempdir().unwrap();
    let app = console(dir.path(), four.path(), true);
    let screen = draw(&app, (120, 35));
    assert!(screen.contains("De groepen kozen verschillend"), "{screen}");
    assert!(!screen.contains("eerdere sessies"), "four sessions:\n{screen}");
    assert!(screen.contains("Eerdere sessies: 4 gelezen; te weinig om te tonen (minstens 5 per kaart)"), "{screen}");
}

fn earlier_in(dir: &Path, n: u32, groups: &[&str]) {
    earlier(dir, n, groups, &["ambassadors", "broad-campaign"]);
}

#[test]
fn the_audience_screen_reads_the_line_from_the_log_after_the_reveal() {
    let earlier = tempfile::tempdir().unwrap();
    seven_sessions(earlier.path());
    let dir = tempfile::tempdir().unwrap();
    let app = console(dir.path(), earlier.path(), false);
    let log = app.session().unwrap().log_path().to_path_buf();
    let mut room = Audience::new(&log, common::deck(), Lang::Nl, clock_at(20));
    room.on_tick();
    let before = draw_room(&room, (80, 24));
    assert!(before.contains("Antwoorden 2/2"), "{before}");
    assert!(!before.contains("eerdere sessies"), "before the reveal:\n{before}");

    let mut app = app;
    assert!(app.exec(Command::Reveal));
    room.on_tick();
    for size in [(80, 24), (120, 35)] {
        let screen = draw_room(&room, size);
        assert!(screen.contains(&format!("{LINE_NL} · optie 1: 29% · optie 3: 14%")), "{size:?}:\n{screen}");
        insta::assert_snapshot!(format!("peers_audience_{}x{}", size.0, size.1), screen);
    }

    // The review reads it from the log too, without the folder.
    drop(earlier);
    let review = weerbaar::ui::review::Review::new(
        weerbaar::debrief::load_log(&log, &common::deck()).unwrap(),
        common::deck(),
        Lang::Nl,
    );
    let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
    terminal.draw(|f| review.render(f)).unwrap();
    let screen = terminal.backend().to_string();
    assert!(screen.contains(LINE_NL), "{screen}");
}

#[test]
fn the_longest_line_is_whole_at_80_columns() {
    // Ten thousand sessions in English: the longest the line gets with the deck's three options.
    let dir = tempfile::tempdir().unwrap();
    let many = PeerCard {
        card: CARD.into(),
        sessions: 10_000,
        municipalities: 340,
        options: vec![("broad-campaign".into(), 2900), ("ambassadors".into(), 5700), ("leave-to-police".into(), 1400)],
    };
    let app = console_with(dir.path(), vec![many], String::new(), Lang::En, true);
    let screen = draw(&app, (80, 24));
    let rows: Vec<&str> = screen.lines().collect();
    let at = rows.iter().position(|r| r.contains("In 10,000 earlier sessions 57% chose option 2")).expect(&screen);
    // On one row, or the other options on the next: never cut.
    let both = format!("{} {}", rows[at], rows[at + 1]);
    assert!(both.contains("option 1: 29% · option 3: 14%"), "{screen}");
    assert!(!rows[at].contains('…') && !rows[at + 1].contains('…'), "nothing is cut:\n{screen}");

    // Where the row is too narrow, the other options go to a second row, whole.
    let session = app.session().unwrap();
    let (state, deck) = (session.state(), session.deck());
    let play = state.current_play().unwrap();
    let view = screens::View::new(state, deck, Lang::En, state.last_at);
    let lines: Vec<String> = screens::compare::peer_lines(&view, play, deck.card(&play.card).unwrap(), 60)
        .iter()
        .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
        .collect();
    assert_eq!(lines, [" ◆ In 10,000 earlier sessions 57% chose option 2", "   option 1: 29% · option 3: 14%"]);
}

/// The debrief says what the room saw: the peers line under a revealed card, nothing under one
/// never revealed.
#[test]
fn the_debrief_shows_the_line_under_a_revealed_card_only() {
    let earlier = tempfile::tempdir().unwrap();
    seven_sessions(earlier.path());
    for reveal in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let app = console(dir.path(), earlier.path(), reveal);
        let log = app.session().unwrap().log_path().to_path_buf();
        drop(app);
        let deck = common::deck();
        let session = weerbaar::debrief::load_log(&log, &deck).unwrap();
        let md = weerbaar::debrief::Report::with(&deck, Lang::Nl, vec![session], Default::default())
            .render(weerbaar::debrief::Format::Markdown)
            .unwrap();
        let line = format!("**Eerdere sessies:** {LINE_NL} · optie 1: 29% · optie 3: 14%");
        assert_eq!(md.contains(&line), reveal, "revealed: {reveal}\n{md}");
        assert_eq!(md.contains("eerdere sessies"), reveal, "revealed: {reveal}\n{md}");
    }
}
