#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The session engine and its log, driven the way the console drives them.

use crate::common;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, TimeZone};
use proptest::prelude::*;
use weerbaar::log;
use weerbaar::scenario::{self, AgendaId, CardId, Deck, InjectId, Lang, OptionId, Role};
use weerbaar::session::{
    Clock, Command, Decision, Event, GroupId, GroupSetup, ManualClock, Refusal, Session, SessionError, Setup, State,
};

fn deck() -> Deck {
    scenario::load_deck(Some(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/deck"))))
        .expect("bundled deck loads")
}

fn setup(groups: &[&str]) -> Setup {
    Setup {
        title: "Proefsessie".into(),
        facilitator: "Rian".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 42,
        agenda: AgendaId::from("gemengd"),
        groups: groups
            .iter()
            .map(|n| GroupSetup { name: n.to_string(), roles: vec![Role::Mayor, Role::Ciso] })
            .collect(),
    }
}

fn clock() -> ManualClock {
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    ManualClock::new(offset.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap())
}

fn new_session(dir: &Path) -> (Session<ManualClock>, ManualClock, PathBuf) {
    let c = clock();
    let path = dir.join("s.jsonl");
    let s = Session::start(deck(), setup(&["Laren", "Krimpen aan den IJssel"]), &path, c.clone()).unwrap();
    (s, c, path)
}

/// A session without a file: for the rules of the engine, which need no disk.
fn memory_session() -> (Session<ManualClock>, ManualClock) {
    let c = clock();
    let s = Session::in_memory(deck(), setup(&["Laren", "Krimpen aan den IJssel"]), c.clone()).unwrap();
    (s, c)
}

fn choose(s: &mut Session<ManualClock>, g: u8, option: &str) {
    s.execute(Command::RecordChoice {
        group: GroupId(g),
        option: OptionId::from(option),
        rationale: format!("rationale {g}"),
        decision: Decision::Majority,
        dissent: vec![Role::Ciso],
    })
    .unwrap();
}

fn line_count(path: &Path) -> usize {
    std::fs::read_to_string(path).unwrap().lines().count()
}

fn folded(path: &Path) -> State {
    let read = log::read(path).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty(), "{rejected:?}");
    state
}

#[test]
fn a_new_session_writes_header_start_and_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _, path) = new_session(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0].contains("\"weerbaar_log\":1"));
    assert!(lines[1].contains("\"type\":\"session_started\"") && lines[1].contains("\"offset\":3600"));
    assert!(lines[1].contains(&s.deck().digest));
    assert_eq!(s.state().next_planned(), Some(&CardId::from("helpdesk-fraud-wave")));
}

#[cfg(unix)]
#[test]
fn logs_are_owner_only_and_never_overwritten() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (_s, c, path) = new_session(dir.path());
    assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    let before = std::fs::read(&path).unwrap();
    let again = Session::start(deck(), setup(&["A", "B"]), &path, c);
    assert!(matches!(again, Err(SessionError::Log(log::LogError::Exists { .. }))));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn setup_needs_two_to_eight_named_groups_and_a_known_agenda() {
    let dir = tempfile::tempdir().unwrap();
    let err = Session::start(deck(), setup(&["Alleen"]), &dir.path().join("a.jsonl"), clock()).err().unwrap();
    assert_eq!(err.to_string(), "a session needs 2 to 8 groups, not 1");
    let mut s = setup(&["A", "B"]);
    s.agenda = AgendaId::from("nope");
    let err = Session::start(deck(), s, &dir.path().join("b.jsonl"), clock()).err().unwrap();
    assert!(err.to_string().starts_with("the deck has no agenda `nope`; it has: gemengd"), "{err}");
    assert!(!dir.path().join("a.jsonl").exists() && !dir.path().join("b.jsonl").exists());
}

#[test]
fn reveal_waits_until_every_group_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = new_session(dir.path());
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    choose(&mut s, 0, "refuse");
    let lines = line_count(&path);
    let err = s.execute(Command::Reveal).unwrap_err();
    assert!(matches!(err, SessionError::Refused(Refusal::NotEveryoneAnswered(ref g)) if g == &[GroupId(1)]));
    assert_eq!(line_count(&path), lines, "a refused command writes nothing");
    choose(&mut s, 1, "pay");
    s.execute(Command::Reveal).unwrap();
    assert!(s.state().current_play().unwrap().is_revealed());
}

#[test]
fn answers_change_until_the_reveal_and_not_after() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = new_session(dir.path());
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    choose(&mut s, 0, "refuse");
    choose(&mut s, 0, "pay");
    choose(&mut s, 1, "pay");
    let play = s.state().current_play().unwrap();
    assert_eq!(play.choices[&GroupId(0)].option.as_str(), "pay");
    assert_eq!(play.choices[&GroupId(0)].changes, 1);
    s.execute(Command::Reveal).unwrap();
    let lines = line_count(&path);
    let err = s
        .execute(Command::RecordChoice {
            group: GroupId(0),
            option: "refuse".into(),
            rationale: String::new(),
            decision: Decision::Unanimous,
            dissent: vec![],
        })
        .unwrap_err();
    assert!(matches!(err, SessionError::Refused(Refusal::AlreadyRevealed)));
    assert_eq!(line_count(&path), lines);
}

#[test]
fn unknown_groups_options_and_cards_are_refused() {
    let (mut s, _) = memory_session();
    assert!(matches!(s.execute(Command::OpenCard("nope".into())), Err(SessionError::Refused(Refusal::UnknownCard(_)))));
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    let bad_group = Command::RecordChoice {
        group: GroupId(5),
        option: "pay".into(),
        rationale: String::new(),
        decision: Decision::Split,
        dissent: vec![],
    };
    assert!(matches!(s.execute(bad_group), Err(SessionError::Refused(Refusal::UnknownGroup(GroupId(5))))));
    let bad_option = Command::RecordChoice {
        group: GroupId(0),
        option: "steal".into(),
        rationale: String::new(),
        decision: Decision::Split,
        dissent: vec![],
    };
    assert!(matches!(s.execute(bad_option), Err(SessionError::Refused(Refusal::UnknownOption(_)))));
    assert!(matches!(
        s.execute(Command::OpenCard("alderman-doxed".into())),
        Err(SessionError::Refused(Refusal::CardStillOpen(_)))
    ));
}

#[test]
fn nothing_is_accepted_after_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = new_session(dir.path());
    s.execute(Command::End).unwrap();
    let lines = line_count(&path);
    for cmd in [
        Command::OpenCard("ransom-friday".into()),
        Command::AddNote { about: None, text: "te laat".into() },
        Command::Pause,
        Command::End,
    ] {
        assert!(matches!(s.execute(cmd), Err(SessionError::Refused(Refusal::Ended))));
    }
    assert_eq!(line_count(&path), lines);
}

#[test]
fn clock_excludes_pauses_and_knows_what_is_left() {
    let (mut s, c) = memory_session();
    c.advance_secs(10 * 60);
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    c.advance_secs(3 * 60);
    s.execute(Command::Pause).unwrap();
    c.advance_secs(30 * 60);
    s.execute(Command::Resume).unwrap();
    c.advance_secs(2 * 60);
    let now = c.now_utc();
    assert_eq!(s.state().elapsed(now).num_minutes(), 15);
    assert_eq!(s.state().card_elapsed(now).num_minutes(), 5);
    assert_eq!(s.state().minutes_left(now), 105);
}

trait NowUtc {
    fn now_utc(&self) -> chrono::DateTime<chrono::Utc>;
}
impl NowUtc for ManualClock {
    fn now_utc(&self) -> chrono::DateTime<chrono::Utc> {
        weerbaar::session::Clock::now(self).to_utc()
    }
}

#[test]
fn timed_injects_fall_due_on_card_time() {
    let (mut s, c) = memory_session();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    c.advance_secs(4 * 60 + 59);
    assert!(s.release_due().unwrap().is_empty());
    c.advance_secs(1);
    assert_eq!(s.release_due().unwrap(), vec![InjectId::from("press-calls")]);
    c.advance_secs(10 * 60);
    assert_eq!(s.release_due().unwrap(), vec![InjectId::from("data-stolen")]);
    // Facilitator-released injects never fall due by themselves.
    assert!(s.release_due().unwrap().is_empty());
    s.execute(Command::ReleaseInject("council-asks".into())).unwrap();
    assert!(matches!(
        s.execute(Command::ReleaseInject("council-asks".into())),
        Err(SessionError::Refused(Refusal::AlreadyReleased(_)))
    ));
}

#[test]
fn follow_ups_and_conditional_injects_depend_on_each_groups_choice() {
    let (mut s, _) = memory_session();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    choose(&mut s, 0, "ask-council");
    choose(&mut s, 1, "pay");
    s.execute(Command::Reveal).unwrap();
    let d = deck();
    assert_eq!(s.state().follow_up_for(&d, GroupId(0)), Some(CardId::from("forensic-report-public")));
    assert_eq!(s.state().follow_up_for(&d, GroupId(1)), Some(CardId::from("ransom-second-demand")));
    let suggestions = s.state().suggestions(&d);
    assert_eq!(suggestions[0].card.as_str(), "helpdesk-fraud-wave");
    assert!(suggestions.iter().any(|x| x.card.as_str() == "ransom-second-demand" && x.groups == vec![GroupId(1)]));
    // Not on the plan: a follow-up for the group whose choice led there.
    let second = suggestions.iter().find(|x| x.card.as_str() == "ransom-second-demand").unwrap();
    assert!(!second.planned);
    assert_eq!(second.open_for(), vec![GroupId(1)]);
    s.execute(Command::CloseCard).unwrap();
    // A skipped follow-up is no longer offered, until it is put back.
    s.execute(Command::SkipCard("ransom-second-demand".into())).unwrap();
    assert!(!s.state().suggestions(&d).iter().any(|x| x.card.as_str() == "ransom-second-demand"));
    s.execute(Command::RestoreCard("ransom-second-demand".into())).unwrap();
    assert!(s.state().suggestions(&d).iter().any(|x| x.card.as_str() == "ransom-second-demand"));
    s.execute(Command::OpenCard("forensic-report-public".into())).unwrap();
    s.execute(Command::ReleaseInject("leak-claim".into())).unwrap();
    let card = CardId::from("forensic-report-public");
    let inject = InjectId::from("leak-claim");
    assert_eq!(s.state().inject_audience(&d, &card, &inject), vec![GroupId(0)]);
    assert_eq!(s.state().inject_audience(&d, &card, &"woo-request".into()), vec![GroupId(0), GroupId(1)]);
}

#[test]
fn scores_count_only_revealed_answers() {
    let (mut s, _) = memory_session();
    let d = deck();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    choose(&mut s, 0, "refuse");
    choose(&mut s, 1, "pay");
    assert!(s.state().scores(&d).iter().all(|row| row.values().all(|v| *v == 0)));
    s.execute(Command::Reveal).unwrap();
    let scores = s.state().scores(&d);
    assert_eq!(scores[0][&"legal".into()], 2);
    assert_eq!(scores[1][&"finances".into()], -3);
}

fn script(s: &mut Session<ManualClock>, c: &ManualClock) {
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    c.advance_secs(200);
    s.release_due().unwrap();
    choose(s, 0, "ambassadors");
    c.advance_secs(40);
    choose(s, 1, "leave-to-police");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::AddNote { about: Some(GroupId(1)), text: "Laren twijfelde lang".into() }).unwrap();
    s.execute(Command::AddAction {
        group: GroupId(0),
        what: "Digibuddies starten".into(),
        owner: Role::Mayor,
        due: "1 maart".into(),
    })
    .unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::SkipCard("ransom-friday".into())).unwrap();
}

#[test]
fn the_same_seed_and_commands_give_the_same_session() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, ca, _) = new_session(dir.path());
    let c = clock();
    let mut b =
        Session::start(deck(), setup(&["Laren", "Krimpen aan den IJssel"]), &dir.path().join("b.jsonl"), c.clone())
            .unwrap();
    script(&mut a, &ca);
    script(&mut b, &c);
    assert_eq!(a.state(), b.state());
    let order = |s: &Session<ManualClock>| s.state().plays[0].revealed.clone();
    assert_eq!(order(&a), order(&b));
}

#[test]
fn resume_rebuilds_the_state_and_continues_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, c, path) = new_session(dir.path());
    script(&mut s, &c);
    s.execute(Command::OpenCard("telegram-riot-call".into())).unwrap();
    choose(&mut s, 0, "emergency-bylaw");
    let live = s.state().clone();
    drop(s);
    let (mut r, warnings) = Session::resume(deck(), &path, c.clone()).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(r.state(), &live);
    choose(&mut r, 1, "presence-dialogue");
    r.execute(Command::Reveal).unwrap();
    assert_eq!(&folded(&path), r.state());
}

#[test]
fn a_torn_last_line_is_reported_and_everything_before_it_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, c, path) = new_session(dir.path());
    script(&mut s, &c);
    let intact = s.records().len();
    drop(s);
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"{\"seq\":99,\"at\":\"2026-11-23T13:");
    std::fs::write(&path, &bytes).unwrap();
    let read = log::read(&path).unwrap();
    assert_eq!(read.records.len(), intact);
    assert_eq!(read.problems.len(), 1);
    let lines = bytes.split(|b| *b == b'\n').count();
    assert_eq!(
        read.problems[0].to_string(),
        format!("line {lines}: the last line is incomplete (cut off mid-write); it was skipped")
    );
    // Resuming starts a fresh line; the torn bytes stay and are still reported.
    let (mut r, warnings) = Session::resume(deck(), &path, c).unwrap();
    assert_eq!(warnings.len(), 1);
    r.execute(Command::AddNote { about: None, text: "na herstart".into() }).unwrap();
    let read = log::read(&path).unwrap();
    assert_eq!(read.records.len(), intact + 1);
    assert!(matches!(read.problems[0].kind, log::ProblemKind::Corrupt(_)));
}

#[test]
fn a_corrupt_middle_line_is_reported_by_number_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, c, path) = new_session(dir.path());
    script(&mut s, &c);
    drop(s);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let note_line = lines.iter().position(|l| l.contains("note_added")).unwrap();
    lines[note_line] = "{garbage".into();
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let read = log::read(&path).unwrap();
    assert_eq!(read.problems[0].line, note_line + 1);
    assert!(read.problems[0].to_string().starts_with(&format!("line {}: unreadable event, skipped", note_line + 1)));
    // The gap in the numbering is reported too, and the rest still folds.
    assert!(read.problems.iter().any(|p| matches!(p.kind, log::ProblemKind::OutOfSequence { .. })));
    let (state, _) = State::fold(&read.records).unwrap();
    assert_eq!(state.actions.len(), 1);
    assert!(state.notes.is_empty());
}

#[test]
fn a_log_is_never_continued_with_another_version_of_its_deck() {
    let dir = tempfile::tempdir().unwrap();
    let (s, c, path) = new_session(dir.path());
    drop(s);
    let before = std::fs::read(&path).unwrap();
    let mut other = deck();
    other.digest = "0".repeat(64);
    let Err(e) = Session::resume(other, &path, c.clone()) else { panic!("resumed with another deck") };
    let weerbaar::session::SessionError::OtherDeck { note, .. } = &e else { panic!("{e}") };
    assert!(note.describe(Lang::Nl).contains("andere versie van deck `weerbaar-basis`"), "{}", note.describe(Lang::Nl));
    assert!(note.describe(Lang::En).contains("no card changed"), "{}", note.describe(Lang::En));
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was appended");
    // Without --deck the deck recorded in the log is used, and the session goes on.
    let (r, warnings) = Session::resume_log(&path, None, c).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(r.deck().digest, deck().digest);
}

// ---- properties -------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Step {
    Open(usize),
    Choose(u8, usize),
    Reveal,
    Close,
    Skip(usize),
    Note(String),
    Action(u8),
    Inject(usize),
    Pause,
    Resume,
    Wait(u16),
    End,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..12).prop_map(Step::Open),
        6 => (0u8..4, 0usize..6).prop_map(|(g, o)| Step::Choose(g, o)),
        3 => Just(Step::Reveal),
        2 => Just(Step::Close),
        1 => (0usize..12).prop_map(Step::Skip),
        1 => "[a-zé <>\"\\\\\u{1b}]{0,12}".prop_map(Step::Note),
        1 => (0u8..4).prop_map(Step::Action),
        1 => (0usize..4).prop_map(Step::Inject),
        1 => Just(Step::Pause),
        1 => Just(Step::Resume),
        3 => (0u16..400).prop_map(Step::Wait),
        1 => Just(Step::End),
    ]
}

fn to_command(s: &Session<ManualClock>, step: &Step, c: &ManualClock) -> Option<Command> {
    let d = s.deck();
    let card_at = |i: usize| d.cards[i % d.cards.len()].id.clone();
    let open = s.state().current_play().and_then(|p| d.card(&p.card));
    Some(match step {
        Step::Open(i) => Command::OpenCard(card_at(*i)),
        Step::Choose(g, o) => {
            let option = open.map_or(OptionId::from("x"), |c| c.options[o % c.options.len()].id.clone());
            Command::RecordChoice {
                group: GroupId(*g),
                option,
                rationale: "r".into(),
                decision: Decision::Split,
                dissent: vec![],
            }
        }
        Step::Reveal => Command::Reveal,
        Step::Close => Command::CloseCard,
        Step::Skip(i) => Command::SkipCard(card_at(*i)),
        Step::Note(t) => Command::AddNote { about: None, text: t.clone() },
        Step::Action(g) => {
            Command::AddAction { group: GroupId(*g), what: "doen".into(), owner: Role::Ciso, due: String::new() }
        }
        Step::Inject(i) => {
            let inj = open.and_then(|c| c.injects.get(i % c.injects.len().max(1)))?;
            Command::ReleaseInject(inj.id.clone())
        }
        Step::Pause => Command::Pause,
        Step::Resume => Command::Resume,
        Step::Wait(secs) => {
            c.advance_secs(i64::from(*secs));
            return None;
        }
        Step::End => Command::End,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn folding_the_written_log_gives_the_live_state(steps in proptest::collection::vec(step(), 0..60)) {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, c, path) = new_session(dir.path());
        for st in &steps {
            if let Some(cmd) = to_command(&s, st, &c) {
                let before = s.state().clone();
                if s.execute(cmd).is_err() {
                    prop_assert_eq!(s.state(), &before);
                }
            }
        }
        let read = log::read(&path).unwrap();
        prop_assert!(read.problems.is_empty());
        let (state, rejected) = State::fold(&read.records).unwrap();
        prop_assert!(rejected.is_empty());
        prop_assert_eq!(&state, s.state());
    }

    #[test]
    fn truncating_the_log_anywhere_keeps_every_complete_event(steps in proptest::collection::vec(step(), 5..30), cut in 0.0f64..1.0) {
        let dir = tempfile::tempdir().unwrap();
        let (mut s, c, path) = new_session(dir.path());
        for st in &steps {
            if let Some(cmd) = to_command(&s, st, &c) {
                let _ = s.execute(cmd);
            }
        }
        let bytes = std::fs::read(&path).unwrap();
        let at = ((bytes.len() as f64) * cut) as usize;
        let cut_bytes = &bytes[..at];
        let complete_lines = cut_bytes.iter().filter(|b| **b == b'\n').count();
        match log::parse(Path::new("cut.jsonl"), cut_bytes) {
            Ok(read) => {
                // Line 1 is the header; every complete line after it is an event we must keep.
                // A cut just before a newline leaves a whole event without its newline: kept too.
                let tail = cut_bytes.rsplit(|b| *b == b'\n').next().unwrap_or_default();
                let tail_whole = complete_lines > 0 && serde_json::from_slice::<weerbaar::session::Record>(tail).is_ok();
                prop_assert_eq!(read.records.len(), complete_lines.saturating_sub(1) + usize::from(tail_whole));
                prop_assert_eq!(&read.records[..], &s.records()[..read.records.len()]);
                prop_assert!(read.problems.iter().all(|p| p.kind == log::ProblemKind::TornTail));
                prop_assert!(read.problems.len() <= 1);
            }
            Err(_) => prop_assert!(complete_lines == 0),
        }
    }
}

#[test]
fn every_event_kind_round_trips_through_json() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, c, path) = new_session(dir.path());
    script(&mut s, &c);
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    s.execute(Command::Pause).unwrap();
    s.execute(Command::Resume).unwrap();
    s.execute(Command::End).unwrap();
    let read = log::read(&path).unwrap();
    assert_eq!(read.records, s.records());
    let kinds: std::collections::BTreeSet<String> = read
        .records
        .iter()
        .map(|r| serde_json::to_value(&r.event).unwrap()["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds.len(), 13, "{kinds:?}");
    assert!(matches!(read.records.last().unwrap().event, Event::SessionEnded));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Arbitrary bytes, and a real log with random bytes flipped, inserted or removed: the reader
    /// and the fold report what they cannot use and never panic.
    #[test]
    fn the_log_reader_never_panics_on_damage(
        noise in proptest::collection::vec(any::<u8>(), 0..300),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 0..12),
    ) {
        if let Ok(read) = log::parse(Path::new("noise.jsonl"), &noise) {
            let _ = State::fold(&read.records);
        }
        let dir = tempfile::tempdir().unwrap();
        let (mut s, c, path) = new_session(dir.path());
        script(&mut s, &c);
        let mut bytes = std::fs::read(&path).unwrap();
        common::mutate(&mut bytes, edits);
        if let Ok(read) = log::parse(Path::new("damaged.jsonl"), &bytes) {
            let problems = read.problems.len();
            let _ = State::fold(&read.records);
            // Every line is either an intact event, a reported problem, or blank.
            let lines = bytes.split(|b| *b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
            prop_assert!(read.records.len() + problems >= lines.saturating_sub(1));
        }
    }
}

// ---- engine rules ------------------------------------------------------------------------

/// Cards whose developments depend on each other's answers: supplier-breach-72h → (ap-asks on)
/// blame-the-supplier → (outage-remembered on) forensic-report-public; ransom-friday →
/// (leak-claim on) forensic-report-public.
const CHAIN: [&str; 4] = ["supplier-breach-72h", "blame-the-supplier", "ransom-friday", "forensic-report-public"];

fn chain_step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..CHAIN.len()).prop_map(Step::Open),
        6 => (0u8..2, 0usize..3).prop_map(|(g, o)| Step::Choose(g, o)),
        3 => Just(Step::Reveal),
        3 => Just(Step::Close),
        4 => (0usize..4).prop_map(Step::Inject),
        2 => (0u16..400).prop_map(Step::Wait),
    ]
}

/// The engine's rules, checked on the state after every accepted command.
fn check_rules(s: &Session<ManualClock>) -> Result<(), TestCaseError> {
    let (state, deck) = (s.state(), s.deck());
    for play in &state.plays {
        for inject in &play.released {
            // A conditional development was released only when some group met its condition,
            // and exactly those groups see it.
            let audience = state.inject_audience(deck, &play.card, inject);
            prop_assert!(!audience.is_empty(), "{} released to nobody", inject);
            let cond = deck.card(&play.card).and_then(|c| c.inject(inject)).and_then(|i| i.only_if.clone());
            for g in state.groups() {
                let meets = cond.as_ref().is_none_or(|cond| {
                    state
                        .plays
                        .iter()
                        .any(|p| p.card == cond.card && p.choices.get(&g).is_some_and(|ch| ch.option == cond.option))
                });
                prop_assert_eq!(audience.contains(&g), meets);
            }
        }
    }
    // A card closed without answers is not played: not in `played`, not counted per theme.
    let pacing = weerbaar::session::pacing(state, deck, state.last_at);
    let played = state.played().count();
    prop_assert_eq!(pacing.played_per_theme.iter().sum::<usize>(), played);
    prop_assert_eq!(played + state.closed_unplayed().count(), state.plays.len());
    // The scores after the last card are the scores.
    if let Some(last) = state.plays.len().checked_sub(1) {
        prop_assert_eq!(state.scores_after(deck, last), state.scores(deck));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn engine_rules_hold_over_random_sessions(steps in proptest::collection::vec(step(), 0..60)) {
        let (mut s, c) = memory_session();
        for st in &steps {
            if let Some(cmd) = to_command(&s, st, &c) {
                let _ = s.execute(cmd);
                s.release_due().unwrap();
                check_rules(&s)?;
            }
        }
    }

    #[test]
    fn engine_rules_hold_over_chained_conditions(steps in proptest::collection::vec(chain_step(), 0..80)) {
        let (mut s, c) = memory_session();
        for st in &steps {
            let step = match st {
                Step::Open(i) => {
                    let _ = s.execute(Command::OpenCard(CHAIN[*i].into()));
                    continue;
                }
                other => other,
            };
            if let Some(cmd) = to_command(&s, step, &c) {
                let _ = s.execute(cmd);
            }
            s.release_due().unwrap();
            check_rules(&s)?;
        }
    }
}

#[test]
fn a_conditional_development_is_refused_when_no_group_meets_its_condition() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _c, path) = new_session(dir.path());
    s.execute(Command::OpenCard("telegram-riot-call".into())).unwrap();
    let lines = line_count(&path);
    let e = s.execute(Command::ReleaseInject("mocked".into())).unwrap_err();
    assert!(matches!(e, SessionError::Refused(Refusal::ConditionNotMet(_))), "{e}");
    assert_eq!(line_count(&path), lines, "nothing written");
    assert!(s.state().current_play().unwrap().released.is_empty());
}

#[test]
fn a_card_closed_without_answers_is_closed_not_played() {
    let (mut s, _c) = memory_session();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::OpenCard("telegram-riot-call".into())).unwrap();
    choose(&mut s, 0, "presence-dialogue");
    choose(&mut s, 1, "presence-dialogue");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    let state = s.state();
    assert_eq!(state.closed_unplayed().collect::<Vec<_>>(), vec![&CardId::from("ransom-friday")]);
    assert_eq!(state.played().map(|p| p.card.as_str()).collect::<Vec<_>>(), vec!["telegram-riot-call"]);
    assert!(state.plays[0].closed_unplayed() && !state.plays[1].closed_unplayed());
    let pacing = weerbaar::session::pacing(state, s.deck(), state.last_at);
    assert_eq!(pacing.played_per_theme.iter().sum::<usize>(), 1, "the unplayed card counts for no theme");
}

#[test]
fn scores_saturate_instead_of_wrapping() {
    let dir = tempfile::tempdir().unwrap();
    let mut huge = deck();
    for card in &mut huge.cards {
        for option in &mut card.options {
            option.effects = vec![(weerbaar::scenario::DimensionId::from("trust"), i32::MAX)];
        }
    }
    let c = clock();
    let path = dir.path().join("s.jsonl");
    let mut s = Session::start(huge, setup(&["Laren", "Huizen"]), &path, c).unwrap();
    for card in ["ransom-friday", "telegram-riot-call"] {
        s.execute(Command::OpenCard(card.into())).unwrap();
        let option = s.deck().card(&CardId::from(card)).unwrap().options[0].id.clone();
        choose(&mut s, 0, option.as_str());
        choose(&mut s, 1, option.as_str());
        s.execute(Command::Reveal).unwrap();
        s.execute(Command::CloseCard).unwrap();
    }
    let scores = s.state().scores(s.deck());
    assert_eq!(scores[0][&weerbaar::scenario::DimensionId::from("trust")], i32::MAX);
}

#[test]
fn review_scores_are_those_after_each_card() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 1);
    let (state, _) = State::fold(&log::read(&path).unwrap().records).unwrap();
    let d = deck();
    let trust = weerbaar::scenario::DimensionId::from("trust");
    let mut running = vec![0i32; 2];
    for (i, play) in state.plays.iter().enumerate() {
        let card = d.card(&play.card).unwrap();
        for (g, choice) in &play.choices {
            let option = card.option(&choice.option).unwrap();
            running[g.index()] += option.effects.iter().filter(|(dim, _)| dim == &trust).map(|(_, v)| v).sum::<i32>();
        }
        let after = state.scores_after(&d, i);
        assert_eq!(vec![after[0][&trust], after[1][&trust]], running, "after card {}", i + 1);
    }
    assert_ne!(state.scores_after(&d, 0), state.scores(&d), "the fixture's scores change after the first card");
}

#[test]
fn a_refused_start_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nooit.jsonl");
    let mut twice = deck();
    let agenda = twice.manifest.agendas.iter_mut().find(|a| a.id.as_str() == "gemengd").unwrap();
    let first = agenda.cards[0].clone();
    agenda.cards.push(first);
    let Err(e) = Session::start(twice, setup(&["Laren", "Huizen"]), &path, clock()) else { panic!("started") };
    assert!(e.to_string().contains("twice"), "{e}");
    assert!(!path.exists(), "a refused start leaves nothing");
    let mut short = setup(&["Laren", "Huizen"]);
    short.target_minutes = 0;
    assert!(Session::start(deck(), short, &path, clock()).is_err());
    assert!(!path.exists());
}

#[test]
fn a_log_claiming_more_than_eight_groups_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _c, path) = new_session(dir.path());
    drop(s);
    let text = std::fs::read_to_string(&path).unwrap();
    let many: Vec<String> = (0..64).map(|i| format!("{{\"name\":\"G{i}\",\"roles\":[]}}")).collect();
    let crafted = text.replacen("\"groups\":[", &format!("\"groups\":[{},", many.join(",")), 1);
    std::fs::write(&path, crafted).unwrap();
    let e = weerbaar::log::replay(&path, &deck()).unwrap_err();
    assert!(e.to_string().contains("66 groups") && e.to_string().contains("at most 8"), "{e}");
}

#[test]
fn resume_counts_the_downtime_as_a_pause() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, c, path) = new_session(dir.path());
    // blame-the-supplier has `screenshot` at Minute(3).
    s.execute(Command::OpenCard("blame-the-supplier".into())).unwrap();
    c.advance_secs(60);
    s.execute(Command::AddNote { about: None, text: "een minuut in".into() }).unwrap();
    c.advance_secs(30);
    drop(s); // the laptop dies 1:30 into the card; the last event was at 1:00
    c.advance_secs(120);
    let (mut r, _) = Session::resume(deck(), &path, c.clone()).unwrap();
    let now = c.now().to_utc();
    assert_eq!(r.state().card_elapsed(now).num_seconds(), 60, "card time goes on from the last event");
    assert!(r.release_due().unwrap().is_empty(), "Minute(3) is not released early");
    c.advance_secs(119);
    assert!(r.release_due().unwrap().is_empty());
    c.advance_secs(1);
    assert_eq!(r.release_due().unwrap(), vec![InjectId::from("screenshot")]);
    // The pause is in the log: a fold of the file gives the same times.
    let (state, _) = State::fold(&log::read(&path).unwrap().records).unwrap();
    assert_eq!(state.card_elapsed(c.now().to_utc()), r.state().card_elapsed(c.now().to_utc()));
}

#[test]
fn a_second_console_on_the_same_log_is_refused_and_the_first_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let (mut first, c, path) = new_session(dir.path());
    first.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    let before = std::fs::read(&path).unwrap();
    let Err(e) = Session::resume(deck(), &path, c.clone()) else { panic!("a second writer was accepted") };
    assert!(matches!(e, SessionError::Log(log::LogError::Locked { .. })), "{e}");
    assert!(e.to_string().contains("another Weerbaar console"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before, "the refused console wrote nothing");
    choose(&mut first, 0, "refuse");
    choose(&mut first, 1, "pay");
    let read = log::read(&path).unwrap();
    assert!(read.problems.is_empty());
    let (state, rejected) = State::fold(&read.records).unwrap();
    assert!(rejected.is_empty());
    assert_eq!(&state, first.state());
    // Once the first console is gone, the log resumes.
    drop(first);
    assert!(Session::resume(deck(), &path, c).is_ok());
    // Readers never take the lock.
    assert!(log::read(&path).is_ok());
}

/// The bundled deck under another id: another deck, as far as a log can tell.
fn other_deck() -> Deck {
    let sources = scenario::load::bundled_sources()
        .into_iter()
        .map(|mut s| {
            if s.path.ends_with("deck.ron") {
                let text = String::from_utf8(s.bytes.into_owned()).unwrap();
                s.bytes = text.replacen("id: \"weerbaar-basis\"", "id: \"ander-deck\"", 1).into_bytes().into();
            }
            s
        })
        .collect();
    scenario::load_sources(sources).into_deck().unwrap()
}

#[test]
fn a_followed_log_that_is_replaced_is_followed_anew() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let s = Session::start(deck(), setup(&["Laren", "Huizen"]), &path, clock()).unwrap();
    drop(s);
    let mut follower = log::follow::Follower::new(&path);
    follower.poll();
    assert_eq!(follower.state().unwrap().setup.groups[0].name, "Laren");

    // Another session put in its place (a new file, renamed over the old one).
    let other = dir.path().join("ander.jsonl");
    let mut next = setup(&["Blaricum", "Eemnes"]);
    next.title = "Tweede".into();
    let s = Session::start(other_deck(), next, &other, clock()).unwrap();
    drop(s);
    std::fs::rename(&other, &path).unwrap();
    assert!(follower.poll());
    assert_eq!(follower.state().unwrap().setup.title, "Tweede");
    assert_eq!(follower.deck().unwrap().manifest.id, "ander-deck", "the new session's own deck");

    // Another session written over the same file, as long or longer.
    let mut third = setup(&["Wijdemeren", "Gooise Meren"]);
    third.title = "Derde, met een langere titel".into();
    let scratch = dir.path().join("derde.jsonl");
    let s = Session::start(deck(), third, &scratch, clock()).unwrap();
    drop(s);
    std::fs::write(&path, std::fs::read(&scratch).unwrap()).unwrap();
    assert!(follower.poll());
    assert_eq!(follower.state().unwrap().setup.title, "Derde, met een langere titel");
}

#[test]
fn a_card_closed_without_answers_covers_no_objective_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _c, path) = new_session(dir.path());
    // ransom-friday is the agenda's only card for `ransom-decision`.
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    s.execute(Command::CloseCard).unwrap();
    drop(s);
    let d = deck();
    let log = weerbaar::debrief::load_log(&path, &d).unwrap();
    let report = weerbaar::debrief::Report::new(&d, Lang::En, vec![log], false);
    let text = report.render(weerbaar::debrief::Format::Markdown).unwrap();
    let ransom = d.manifest.objectives.iter().find(|o| o.id.as_str() == "ransom-decision").unwrap();
    let line = text.lines().find(|l| l.contains(ransom.text.show(Lang::En).as_ref())).unwrap();
    assert!(line.contains("| not assessed | no card played |"), "{line}");
}

/// A log as written before decks were recorded: the header without its deck.
fn strip_deck(path: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let (_, rest) = text.split_once('\n').unwrap();
    let header = serde_json::to_string(&log::Header::current()).unwrap();
    std::fs::write(path, format!("{header}\n{rest}")).unwrap();
}

#[test]
fn a_log_from_before_decks_were_recorded_still_works_and_says_when_the_deck_may_differ() {
    let dir = tempfile::tempdir().unwrap();
    // Played with the bundled deck itself (not the frozen test copy, which the bundled cards
    // move away from), since that is the deck a log without a recorded deck is read with.
    let c = clock();
    let path = dir.path().join("s.jsonl");
    let bundled = scenario::load_deck(None).unwrap();
    let mut s = Session::start(bundled, setup(&["Laren", "Krimpen aan den IJssel"]), &path, c.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    drop(s);
    strip_deck(&path);
    assert!(log::read_header(&path).unwrap().deck.is_none());

    // The bundled deck is the one it was played with: nothing to say, and it resumes.
    let found = log::deck_for_log(&path, None).unwrap();
    assert_eq!(found.deck.digest, scenario::load_deck(None).unwrap().digest);
    let replay = weerbaar::log::replay(&path, &found.deck).unwrap();
    assert!(replay.warnings.is_empty(), "{:?}", replay.warnings);
    let (r, _) = Session::resume_log(&path, None, c.clone()).unwrap();
    drop(r);

    // Another version: read with a note, and never appended to.
    let mut other = deck();
    other.digest = "f".repeat(64);
    let replay = weerbaar::log::replay(&path, &other).unwrap();
    let notes: Vec<String> = replay.warnings.iter().map(|w| w.describe(Lang::En)).collect();
    assert!(notes.iter().any(|n| n.contains("before decks were recorded") && n.contains("--deck")), "{notes:?}");
    let before = std::fs::read(&path).unwrap();
    let Err(e) = Session::resume_log(&path, Some(other), c) else { panic!("appended with an unknown deck") };
    assert!(matches!(e, SessionError::OtherDeck { .. }), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn the_deck_recorded_in_a_log_is_the_deck_played() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _c, path) = new_session(dir.path());
    drop(s);
    let header = log::read_header(&path).unwrap();
    let recorded = header.deck.unwrap();
    assert_eq!(recorded.id, "weerbaar-basis");
    let again = recorded.to_deck().unwrap();
    assert_eq!(again.digest, deck().digest);
    assert_eq!(again.cards.len(), deck().cards.len());
    // A damaged recording is found out by its digest.
    let mut damaged = recorded.clone();
    damaged.files[0].text.push_str("\n// edited");
    assert!(damaged.to_deck().is_err());
}

// ---- putting cards back, rationales first, how a group decided ------------------------------

#[test]
fn a_skipped_card_can_be_put_back_and_any_unplayed_card_added() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = new_session(dir.path());
    let planned = s.state().plan.clone();
    let skipped = planned[1].clone();
    s.execute(Command::SkipCard(skipped.clone())).unwrap();
    assert!(s.state().skipped.contains(&skipped));
    s.execute(Command::RestoreCard(skipped.clone())).unwrap();
    assert!(!s.state().skipped.contains(&skipped), "no longer skipped");
    assert_eq!(s.state().next_planned(), Some(&skipped), "back as the next card");
    // A card of the deck that was never on the agenda.
    let extra = s.deck().cards.iter().find(|c| !planned.contains(&c.id)).unwrap().id.clone();
    s.execute(Command::RestoreCard(extra.clone())).unwrap();
    assert_eq!(s.state().next_planned(), Some(&extra));
    assert_eq!(s.state().plan.len(), planned.len() + 1);
    // Refused: already waiting on the agenda, played, unknown.
    let e = s.execute(Command::RestoreCard(extra.clone())).unwrap_err();
    assert!(matches!(e, SessionError::Refused(Refusal::AlreadyPlanned(_))), "{e}");
    s.execute(Command::OpenCard(extra.clone())).unwrap();
    s.execute(Command::CloseCard).unwrap();
    let e = s.execute(Command::RestoreCard(extra)).unwrap_err();
    assert!(matches!(e, SessionError::Refused(Refusal::AlreadyPlayed(_))), "{e}");
    let e = s.execute(Command::RestoreCard("no-such-card".into())).unwrap_err();
    assert!(matches!(e, SessionError::Refused(Refusal::UnknownCard(_))), "{e}");
    let state = folded(&path);
    assert_eq!(&state.plan, &s.state().plan, "the log folds to the same agenda");
    assert_eq!(state.skipped, s.state().skipped);
}

#[test]
fn a_rationale_before_the_option_is_logged_and_joins_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = new_session(dir.path());
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    s.execute(Command::RecordRationale { group: GroupId(0), rationale: "  Eerst de ouderenbond  ".into() }).unwrap();
    let play = s.state().current_play().unwrap();
    assert!(play.choices.is_empty(), "a rationale is no answer");
    assert_eq!(play.drafts[&GroupId(0)], "Eerst de ouderenbond");
    assert_eq!(s.state().unanswered().len(), 2);
    s.execute(Command::RecordChoice {
        group: GroupId(0),
        option: "ambassadors".into(),
        rationale: "Eerst de ouderenbond".into(),
        decision: Decision::NotRecorded,
        dissent: vec![],
    })
    .unwrap();
    // After the option: the rationale changes without counting as a change of mind.
    s.execute(Command::RecordRationale { group: GroupId(0), rationale: "Eerst de ouderenbond, dan de brief".into() })
        .unwrap();
    let choice = &s.state().current_play().unwrap().choices[&GroupId(0)];
    assert_eq!(choice.rationale, "Eerst de ouderenbond, dan de brief");
    assert_eq!(choice.changes, 0);
    assert!(s.state().current_play().unwrap().drafts.is_empty());
    let state = folded(&path);
    assert_eq!(state.plays, s.state().plays, "the log folds to the same answers");
    choose(&mut s, 1, "ambassadors");
    s.execute(Command::Reveal).unwrap();
    let e = s.execute(Command::RecordRationale { group: GroupId(0), rationale: "te laat".into() }).unwrap_err();
    assert!(matches!(e, SessionError::Refused(Refusal::AlreadyRevealed)), "{e}");
}

#[test]
fn unanimous_with_dissent_is_refused_and_not_recorded_is_a_decision() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = new_session(dir.path());
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    let lines = line_count(&path);
    let e = s
        .execute(Command::RecordChoice {
            group: GroupId(0),
            option: "ambassadors".into(),
            rationale: String::new(),
            decision: Decision::Unanimous,
            dissent: vec![Role::Ciso],
        })
        .unwrap_err();
    assert!(matches!(e, SessionError::Refused(Refusal::UnanimousWithDissent)), "{e}");
    assert!(e.to_string().contains("unanimous"), "{e}");
    assert_eq!(line_count(&path), lines, "nothing written");
    s.execute(Command::RecordChoice {
        group: GroupId(0),
        option: "ambassadors".into(),
        rationale: String::new(),
        decision: Decision::NotRecorded,
        dissent: vec![Role::Ciso],
    })
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"decision\":\"not_recorded\""), "{text}");
    assert_eq!(folded(&path).plays[0].choices[&GroupId(0)].decision, Decision::NotRecorded);
}

#[test]
fn a_log_written_before_these_events_folds_as_before() {
    // A play as older consoles logged it: no drafts appear, and the serialised state is the same
    // as it was (no new keys for old logs).
    let dir = tempfile::tempdir().unwrap();
    let (mut s, c, path) = new_session(dir.path());
    script(&mut s, &c);
    let state = folded(&path);
    assert!(state.plays.iter().all(|p| p.drafts.is_empty()));
    let json = serde_json::to_string(&state).unwrap();
    assert!(!json.contains("drafts"), "{json}");
}

/// What the reader would refuse is never written: a note pasted from a whole book is refused
/// with a reason, and the log stays whole and readable.
#[test]
fn an_event_longer_than_the_reader_accepts_is_refused_and_the_log_stays_readable() {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _, path) = new_session(dir.path());
    let before = line_count(&path);
    let book = "woord ".repeat(weerbaar::log::MAX_LINE / 5);
    let refused = s.execute(Command::AddNote { about: None, text: book }).unwrap_err();
    assert!(matches!(refused, SessionError::Refused(Refusal::TooLarge)), "{refused:?}");
    assert!(refused.describe(Lang::Nl).contains("te groot voor één regel van het logboek"), "{refused:?}");
    assert_eq!(line_count(&path), before, "nothing was written");
    s.execute(Command::AddNote { about: None, text: "Kort en goed".into() }).unwrap();
    let state = folded(&path);
    assert_eq!(state.notes.len(), 1);
    assert_eq!(state.notes[0].text, "Kort en goed");
}

/// A hand-edited log is read as the engine would have written it: a group named twice for a
/// follow-up counts once, and earlier sessions' counts below the threshold or repeated never
/// reach a screen.
#[test]
fn a_hand_edited_log_with_repeats_and_small_counts_is_read_as_the_engine_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (s, c, path) = new_session(dir.path());
    drop(s);
    let mut state = folded(&path);
    let record = |seq: u64, event: Event| weerbaar::session::Record { seq, at: c.now().to_utc(), offset: 3600, event };
    let peer = |card: &str, sessions: u32, options: Vec<(&str, u32)>| weerbaar::session::PeerCard {
        card: CardId::from(card),
        sessions,
        municipalities: sessions,
        options: options.into_iter().map(|(o, n)| (OptionId::from(o), n)).collect(),
    };
    let cards = vec![
        peer("ransom-friday", 6, vec![("pay", 3), ("pay", 3)]),
        peer("ransom-friday", 9, vec![("refuse", 9)]),
        peer("helpdesk-fraud-wave", 4, vec![("ambassadors", 4)]),
    ];
    let next = state.last_seq + 1;
    state.apply(&record(next, Event::PeersLoaded { cards })).unwrap();
    assert_eq!(state.peers.len(), 1, "{:?}", state.peers);
    assert_eq!(state.peers[0].options, vec![(OptionId::from("pay"), 3)]);
    let twice = Event::CardOpened { card: CardId::from("ransom-friday"), for_groups: vec![GroupId(1), GroupId(1)] };
    state.apply(&record(next + 1, twice)).unwrap();
    assert_eq!(state.plays.last().unwrap().for_groups, vec![GroupId(1)]);
}

#[test]
fn a_follow_up_on_the_plan_is_only_brought_forward_and_stays_for_every_group() {
    let (mut s, _) = memory_session();
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    choose(&mut s, 0, "broad-campaign");
    choose(&mut s, 1, "leave-to-police");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    let d = deck();
    let supplier = s.state().suggestions(&d).into_iter().find(|x| x.card.as_str() == "supplier-breach-72h").unwrap();
    assert_eq!(supplier.groups, vec![GroupId(1)], "suggested because of Krimpen's choice");
    assert!(supplier.planned, "it is on the gemengd plan");
    assert!(supplier.open_for().is_empty(), "so it opens for every group");
}

/// The setup form cleans escape codes out of a name it takes from a previous log; the earlier
/// actions and answers must still be found under the name as the form shows it.
#[test]
fn a_municipality_is_the_same_with_or_without_what_a_screen_cannot_show() {
    use weerbaar::session::state::same_municipality;
    assert!(same_municipality("Laren\u{1b}[2J\u{1b}[31mRED", "LarenRED"));
    assert!(same_municipality(" laren ", "Laren"));
    assert!(!same_municipality("Laren", "Huizen"));
}

/// Undo as compensating events: the log only grows, and the fold of it is the session as the
/// facilitator left it (a development off the screens and not fired again, an answer gone, a
/// card back on the plan and playable).
#[test]
fn undo_writes_compensating_events_and_the_fold_agrees() {
    use weerbaar::session::{NoUndo, Undo, last_step};
    let dir = tempfile::tempdir().unwrap();
    let (mut s, c, path) = new_session(dir.path());
    let card = CardId::from("helpdesk-fraud-wave");
    assert_eq!(last_step(s.state(), s.records()), Err(NoUndo::Nothing));
    s.execute(Command::OpenCard(card.clone())).unwrap();
    assert_eq!(last_step(s.state(), s.records()), Ok(Undo::ReturnOpen { card: card.clone() }));
    // A timed development, taken back, does not fire again.
    c.advance_secs(3 * 60 + 1);
    let fired = s.release_due().unwrap();
    assert_eq!(fired.len(), 1);
    let step = last_step(s.state(), s.records()).unwrap();
    assert_eq!(step, Undo::WithdrawInject { card: card.clone(), inject: fired[0].clone() });
    s.execute(step.command()).unwrap();
    c.advance_secs(60);
    assert!(s.release_due().unwrap().is_empty(), "a withdrawn development stays withdrawn");
    assert!(s.state().current_play().unwrap().released.is_empty());
    // An answer taken back; the card cannot go back while it has answers.
    choose(&mut s, 1, "broad-campaign");
    assert_eq!(
        s.execute(Command::ReturnCard(card.clone())).unwrap_err().to_string(),
        SessionError::Refused(Refusal::HasAnswers).to_string()
    );
    s.execute(last_step(s.state(), s.records()).unwrap().command()).unwrap();
    assert!(s.state().current_play().unwrap().choices.is_empty());
    // Back to the agenda: still planned, first in line, and it opens again.
    s.execute(last_step(s.state(), s.records()).unwrap().command()).unwrap();
    assert!(s.state().current_play().is_none());
    assert_eq!(s.state().next_planned(), Some(&card));
    assert!(!s.state().is_played(&card));
    s.execute(Command::OpenCard(card.clone())).unwrap();
    // Closed without a reveal, put back, played and revealed: then nothing goes back.
    s.execute(Command::CloseCard).unwrap();
    assert_eq!(last_step(s.state(), s.records()), Ok(Undo::ReturnClosed { card: card.clone() }));
    s.execute(Command::ReturnCard(card.clone())).unwrap();
    s.execute(Command::OpenCard(card.clone())).unwrap();
    choose(&mut s, 0, "broad-campaign");
    s.execute(Command::RevealAnyway).unwrap();
    assert_eq!(last_step(s.state(), s.records()), Err(NoUndo::Revealed));
    // The log holds every step, and folds to the same state.
    assert_eq!(&folded(&path), s.state());
    let kinds: Vec<Event> = log::read(&path).unwrap().records.into_iter().map(|r| r.event).collect();
    assert_eq!(kinds.iter().filter(|e| matches!(e, Event::CardReturned { .. })).count(), 2);
    assert_eq!(kinds.iter().filter(|e| matches!(e, Event::InjectWithdrawn { .. })).count(), 1);
    assert_eq!(kinds.iter().filter(|e| matches!(e, Event::ChoiceWithdrawn { .. })).count(), 1);
}

#[test]
fn reveal_anyway_shows_the_answers_given_and_reveal_still_waits() {
    let (mut s, _c) = memory_session();
    s.execute(Command::OpenCard(CardId::from("helpdesk-fraud-wave"))).unwrap();
    choose(&mut s, 0, "broad-campaign");
    assert!(s.execute(Command::Reveal).is_err(), "an ordinary reveal still waits");
    s.execute(Command::RevealAnyway).unwrap();
    let play = s.state().current_play().unwrap();
    assert!(play.is_revealed());
    assert_eq!(play.choices.len(), 1);
    assert_eq!(play.revealed.as_deref(), Some(&[GroupId(0)][..]), "only a group that chose is asked to start");
}

/// A development the gespreksleider writes during a card: logged with its text, released at
/// once, shown like the deck's own (looked up through the state), undone like them, and kept
/// through a fold of the log.
#[test]
fn a_development_written_during_a_card_is_released_logged_and_undone_like_the_decks_own() {
    use weerbaar::session::{Undo, last_step};
    let dir = tempfile::tempdir().unwrap();
    let (mut s, _c, path) = new_session(dir.path());
    let card = CardId::from("helpdesk-fraud-wave");
    assert_eq!(
        s.execute(Command::WriteInject("Te vroeg".into())).unwrap_err().to_string(),
        SessionError::Refused(Refusal::NoOpenCard).to_string(),
        "only on an open card"
    );
    s.execute(Command::OpenCard(card.clone())).unwrap();
    assert!(s.execute(Command::WriteInject("   ".into())).is_err(), "an empty development is refused");
    s.execute(Command::WriteInject("  De wethouder belt: de krant weet het al.  ".into())).unwrap();
    s.execute(Command::WriteInject("Een tweede bericht.".into())).unwrap();
    let first = InjectId::from("eigen-1");
    let play = s.state().current_play().unwrap();
    assert_eq!(play.released, [first.clone(), InjectId::from("eigen-2")]);
    let text = s.state().inject(s.deck(), &card, &first).unwrap().text.show(Lang::En).into_owned();
    assert_eq!(text, "De wethouder belt: de krant weet het al.", "trimmed, and the same in every language");
    // For everyone: every group sees it.
    assert_eq!(s.state().inject_audience(s.deck(), &card, &first).len(), 2);
    // Undo takes the last one back from the screens, as a deck's development.
    let step = last_step(s.state(), s.records()).unwrap();
    assert_eq!(step, Undo::WithdrawInject { card: card.clone(), inject: InjectId::from("eigen-2") });
    s.execute(step.command()).unwrap();
    assert_eq!(s.state().current_play().unwrap().released, std::slice::from_ref(&first));
    // The log holds the text and folds to the same state.
    let folded = folded(&path);
    assert_eq!(&folded, s.state());
    assert!(folded.inject(s.deck(), &card, &first).is_some());
    // The debrief lists it under the card, as the room saw it.
    let log = weerbaar::debrief::load_log(&path, s.deck()).unwrap();
    let md = weerbaar::debrief::Report::with(s.deck(), Lang::Nl, vec![log], Default::default())
        .render(weerbaar::debrief::Format::Markdown)
        .unwrap();
    assert!(md.contains("- 14:00 De wethouder belt: de krant weet het al."), "{md}");
    assert!(!md.contains("- 14:00 Een tweede bericht."), "a development taken back is not listed under its card\n{md}");
    assert!(md.contains("Ontwikkeling teruggenomen: Een tweede bericht."), "the timeline says it was taken back\n{md}");
}
