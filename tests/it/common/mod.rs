#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Shared fixtures for the integration tests.

#![allow(dead_code)]

#[cfg(target_os = "linux")]
pub mod pty;
pub mod tmux;
pub mod tools;

use std::path::{Path, PathBuf};

use chrono::TimeZone;
use weerbaar::scenario::{self, AgendaId, Deck, Lang, Role};
use weerbaar::session::{Command, Decision, GroupId, GroupSetup, ManualClock, Session, Setup, Visibility};

/// The frozen test deck (a copy of the bundled deck of November 2026), so that screens and reports under test
/// do not change with every edit to the bundled cards. Tests of the bundled deck itself load it directly.
pub fn deck() -> Deck {
    scenario::load_deck(Some(&deck_dir())).unwrap()
}

pub fn deck_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deck")
}

/// Applies random edits to bytes: (where, byte, 0 = overwrite / 1 = remove / 2 = insert).
pub fn mutate(bytes: &mut Vec<u8>, edits: Vec<(proptest::sample::Index, u8, u8)>) {
    for (at, byte, kind) in edits {
        let i = at.index(bytes.len().max(1));
        match kind {
            0 if i < bytes.len() => bytes[i] = byte,
            1 if i < bytes.len() => {
                bytes.remove(i);
            }
            _ => bytes.insert(i.min(bytes.len()), byte),
        }
    }
}

/// A clock at 14:00 local time (UTC+1) on the day of the fixtures; it moves only when told.
pub fn clock() -> ManualClock {
    ManualClock::new(chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap())
}

/// A session setup with every role present in each group.
pub fn setup(title: &str, groups: &[&str], agenda: &str) -> Setup {
    Setup {
        title: title.into(),
        facilitator: "Rian".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 4,
        agenda: AgendaId::from(agenda),
        groups: groups.iter().map(|n| GroupSetup { name: n.to_string(), roles: Role::ALL.to_vec() }).collect(),
    }
}

/// A private note in [`fixture_log`]: no report may show it unless asked for.
pub const PRIVATE_NOTE: &str = "Niet in het verslag opnemen: de burgemeester was er niet bij";

/// A session with two groups over three cards: answers with rationales (one with a comma, quotes
/// and a line break), a dissent, notes (one trying to inject a script), actions, a skipped card.
pub fn fixture_log(dir: &Path, name: &str, groups: [&str; 2], seed: u64) -> PathBuf {
    let offset = chrono::FixedOffset::east_opt(3600).unwrap();
    let c = ManualClock::new(offset.with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap());
    let path = dir.join(name);
    let setup = Setup {
        title: format!("Sessie {} en {}", groups[0], groups[1]),
        facilitator: "Rian van Dam".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: groups[0].into(), roles: vec![Role::Mayor, Role::Ciso, Role::DataProtectionOfficer] },
            GroupSetup { name: groups[1].into(), roles: Role::ALL.to_vec() },
        ],
    };
    let mut s = Session::start(deck(), setup, &path, c.clone()).unwrap();
    let choose =
        |s: &mut Session<ManualClock>, g: u8, option: &str, why: &str, decision: Decision, dissent: Vec<Role>| {
            s.execute(Command::RecordChoice {
                group: GroupId(g),
                option: option.into(),
                rationale: why.into(),
                decision,
                dissent,
            })
            .unwrap();
        };
    c.advance_secs(8 * 60);
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    c.advance_secs(4 * 60);
    s.release_due().unwrap();
    choose(
        &mut s,
        0,
        "ambassadors",
        "Past bij ons \"buurtnetwerk\", ook al kost het tijd,\nen geld",
        Decision::Unanimous,
        vec![],
    );
    c.advance_secs(90);
    choose(&mut s, 1, "broad-campaign", "=1+1 werkt niet in een spreadsheet", Decision::Majority, vec![Role::Ciso]);
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::AddNoteAs {
        about: Some(GroupId(1)),
        text: format!("{} twijfelde over de kosten", groups[1]),
        visibility: Visibility::Group,
    })
    .unwrap();
    s.execute(Command::AddNote { about: Some(GroupId(0)), text: PRIVATE_NOTE.into() }).unwrap();
    c.advance_secs(5 * 60);
    s.execute(Command::CloseCard).unwrap();

    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    c.advance_secs(6 * 60);
    s.release_due().unwrap();
    choose(&mut s, 0, "ask-council", "De raad gaat over geld", Decision::MayorDecided, vec![]);
    choose(
        &mut s,
        1,
        "ask-council",
        "Samen met de fractievoorzitters",
        Decision::Split,
        vec![Role::CommunicationsAdviser],
    );
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::AddNoteAs {
        about: None,
        text: "<script>alert(1)</script> & \"quotes\"".into(),
        visibility: Visibility::Room,
    })
    .unwrap();
    s.execute(Command::AddAction {
        group: GroupId(0),
        what: "Losgeldscenario in het crisisplan".into(),
        owner: Role::MunicipalSecretary,
        due: "1 maart 2027".into(),
    })
    .unwrap();
    s.execute(Command::AddAction {
        group: GroupId(1),
        what: "Back-ups offline testen".into(),
        owner: Role::Ciso,
        due: "Q1 2027".into(),
    })
    .unwrap();
    c.advance_secs(10 * 60);
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::SkipCard("telegram-riot-call".into())).unwrap();

    s.execute(Command::OpenCard("forensic-report-public".into())).unwrap();
    c.advance_secs(5 * 60);
    s.execute(Command::ReleaseInject("leak-claim".into())).unwrap();
    choose(&mut s, 0, "summary-and-briefing", "", Decision::Unanimous, vec![]);
    choose(&mut s, 1, "publish-full", "Openheid eerst", Decision::Majority, vec![Role::Ciso]);
    s.execute(Command::Reveal).unwrap();
    c.advance_secs(7 * 60);
    s.execute(Command::CloseCard).unwrap();
    c.advance_secs(15 * 60);
    s.execute(Command::End).unwrap();
    path
}

/// A CSV reader for a report's CSV: `;` for a Dutch report (what Dutch Excel splits on), `,`
/// for an English one, told apart by the header line.
pub fn csv_reader(body: &str) -> csv::Reader<&[u8]> {
    let header = body.lines().next().unwrap_or("");
    let sep = if header.starts_with("Soort;") || header.starts_with('\u{feff}') && header.contains(';') {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new().delimiter(sep).from_reader(body.as_bytes())
}
