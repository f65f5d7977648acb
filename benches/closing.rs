#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The closing round's `w`: how long writing the debrief (HTML and Word) beside the log takes
//! for a whole session: eight delegations, every card of the mixed agenda played and revealed,
//! an action and a note per group per card. The console writes it on a thread of its own (the
//! loop keeps answering keys); this says how long the facilitator waits for the status line
//! "Verslag geschreven".

mod common;

use chrono::{NaiveDate, TimeZone};
use weerbaar::debrief::{Format, Options, Report};
use weerbaar::scenario::{self, AgendaId, Lang, Role};
use weerbaar::session::{Command, Decision, GroupId, GroupSetup, ManualClock, Owner, Session, Setup, Visibility};

fn main() {
    let deck = scenario::load_deck(None).expect("bundled deck");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sessie.jsonl");
    let clock = ManualClock::new(
        chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 13, 0, 0).unwrap(),
    );
    let setup = Setup {
        title: "Bench".into(),
        facilitator: "Bench".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 180,
        seed: 1,
        agenda: AgendaId::from("gemengd"),
        groups: (0..8).map(|i| GroupSetup { name: format!("Gemeente {i}"), roles: Role::ALL.to_vec() }).collect(),
    };
    let mut s = Session::start(deck.clone(), setup, &path, clock.clone()).unwrap();
    let plan = s.state().plan.clone();
    for card in &plan {
        let options: Vec<_> = deck.card(card).unwrap().options.iter().map(|o| o.id.clone()).collect();
        s.execute(Command::OpenCard(card.clone())).unwrap();
        for g in 0..8u8 {
            s.execute(Command::RecordChoice {
                group: GroupId(g),
                option: options[usize::from(g) % options.len()].clone(),
                rationale: format!("Omdat de dienstverlening maandag door moet (groep {g})"),
                decision: Decision::Majority,
                dissent: vec![Role::Ciso],
            })
            .unwrap();
        }
        s.execute(Command::Reveal).unwrap();
        clock.advance_secs(15 * 60);
        for g in 0..8u8 {
            s.execute(Command::AddActionItem {
                group: GroupId(g),
                what: format!("Draaiboek bijwerken na {card} (groep {g})"),
                owner: Owner::Role(Role::Ciso),
                due: NaiveDate::from_ymd_opt(2027, 3, 1),
                card: Some(card.clone()),
            })
            .unwrap();
            s.execute(Command::AddNoteAs {
                about: Some(GroupId(g)),
                text: "De raad moet eerder betrokken worden".into(),
                visibility: Visibility::Room,
            })
            .unwrap();
        }
        s.execute(Command::CloseCard).unwrap();
    }
    let events = s.records().len();
    let log = || weerbaar::debrief::SessionLog {
        path: path.clone(),
        state: s.state().clone(),
        records: s.records().to_vec(),
        warnings: Vec::new(),
    };
    let runs = 5;
    let render = |format| {
        common::median(runs, || {
            Report::with(&deck, Lang::Nl, vec![log()], Options::default()).render_bytes(format).unwrap().len()
        })
    };
    let html = render(Format::Html);
    let docx = render(Format::Docx);
    let mut n = 0;
    let beside = common::median(runs, || {
        n += 1;
        // A copy of the log per run, so every run writes the first pair of its own folder.
        let sub = dir.path().join(format!("run{n}"));
        std::fs::create_dir_all(&sub).unwrap();
        let mut session = log();
        session.path = sub.join("sessie.jsonl");
        weerbaar::debrief::beside::write_beside(&deck, Lang::Nl, session).unwrap()
    });
    println!("closing round debrief: {} cards, 8 groups, {events} events, median of {runs} runs", plan.len());
    println!("  render HTML                               : {}", common::ms(html));
    println!("  render Word                               : {}", common::ms(docx));
    println!("  w: both rendered and written beside the log : {}", common::ms(beside));
}
