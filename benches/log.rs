#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The log at scale: 100,000 events applied in memory, written as JSON Lines, then read back and
//! folded, as a resume or a debrief does. Peak memory is reported at the end.

mod common;

use std::path::Path;
use std::time::Instant;

use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use weerbaar::log::{self, Header};
use weerbaar::scenario::{self, AgendaId, Lang, Role};
use weerbaar::session::{Command, Decision, GroupId, GroupSetup, Record, Setup, State, decide};

const EVENTS: usize = 100_000;

fn main() {
    let deck = scenario::load_deck(None).expect("bundled deck");
    let setup = Setup {
        title: "Bench".into(),
        facilitator: "Bench".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from("gemengd"),
        groups: (0..8).map(|i| GroupSetup { name: format!("Gemeente {i}"), roles: Role::ALL.to_vec() }).collect(),
    };
    let mut at = Utc.with_ymd_and_hms(2026, 11, 23, 13, 0, 0).unwrap();
    let first = Record {
        seq: 1,
        at,
        offset: 3600,
        event: weerbaar::session::Event::SessionStarted {
            setup,
            deck_id: deck.manifest.id.clone(),
            deck_digest: deck.digest.clone(),
        },
    };
    let mut state = State::start(&first).unwrap();
    let mut records = vec![first];
    let options = ["refuse", "ask-council", "pay"];
    let generate = Instant::now();
    let mut i = 0usize;
    while records.len() < EVENTS {
        let cmd = if state.current_play().is_none() {
            Command::OpenCard("ransom-friday".into())
        } else if i % 50 == 49 {
            Command::AddNote { about: Some(GroupId((i % 8) as u8)), text: format!("Observatie {i} over de discussie") }
        } else {
            Command::RecordChoice {
                group: GroupId((i % 8) as u8),
                option: options[i % 3].into(),
                rationale: format!("Omdat de dienstverlening maandag door moet ({i})"),
                decision: Decision::Majority,
                dissent: vec![Role::Ciso],
            }
        };
        i += 1;
        let event = decide(&state, &deck, cmd).expect("valid command");
        at += TimeDelta::milliseconds(250);
        let record = Record { seq: state.last_seq + 1, at, offset: 3600, event };
        state.apply(&record).expect("applies");
        records.push(record);
    }
    let generated = generate.elapsed();

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut text = serde_json::to_string(&Header::current()).unwrap();
    text.push('\n');
    for r in &records {
        text.push_str(&serde_json::to_string(r).unwrap());
        text.push('\n');
    }
    std::fs::write(&path, &text).unwrap();

    let runs = 5;
    let fold = common::median(runs, || State::fold(&records).unwrap().0.last_seq);
    let parse_only = common::median(runs, || log::parse(Path::new("big"), text.as_bytes()).unwrap().records.len());
    // Interleaved, fastest of each: both sides run under the same load on a shared machine.
    let (reload, baseline) = common::paired(
        runs,
        || {
            let read = log::read(&path).unwrap();
            State::fold(&read.records).unwrap().0.last_seq
        },
        || {
            let bytes = std::fs::read(&path).unwrap();
            bytes
                .split(|b| *b == b'\n')
                .skip(1)
                .filter(|l| serde_json::from_slice::<serde_json::Value>(l).is_ok())
                .count()
        },
    );

    let exports: Vec<(&str, std::time::Duration, usize)> = [
        ("markdown", weerbaar::debrief::Format::Markdown),
        ("html", weerbaar::debrief::Format::Html),
        ("csv", weerbaar::debrief::Format::Csv),
        ("json", weerbaar::debrief::Format::Json),
    ]
    .into_iter()
    .map(|(name, format)| {
        let mut size = 0;
        let t = common::median(3, || {
            let session = weerbaar::debrief::load_log(&path, &deck).unwrap();
            let report = weerbaar::debrief::Report::new(&deck, Lang::Nl, vec![session], false);
            size = report.render(format).unwrap().len();
        });
        (name, t, size)
    })
    .collect();

    println!("log: {EVENTS} events, {:.1} MiB of JSON Lines, median of {runs} runs", text.len() as f64 / 1048576.0);
    println!("  decide + apply while generating           : {}", common::ms(generated));
    println!("  fold (apply only, from memory)            : {}", common::ms(fold));
    println!("  baseline: read file + serde_json::Value per line : {}", common::ms(baseline));
    println!("  parse log into records                    : {}", common::ms(parse_only));
    println!("  reload (read file + parse + fold)         : {}", common::ms(reload));
    println!("  ratio reload / Value baseline             : {:.2}x", reload.as_secs_f64() / baseline.as_secs_f64());
    for (name, t, size) in exports {
        println!(
            "  debrief export {name:<8} (load + render)     : {}  ({:.1} KiB)",
            common::ms(t),
            size as f64 / 1024.0
        );
    }
    self_contained(&deck, &records, dir.path());
    println!("  peak memory                               : {:.1} MiB", common::peak_rss_mib());
}

/// What recording the deck in the log costs: bytes on disk, and time to resume or review (the
/// deck read back from the log instead of from the binary).
fn self_contained(deck: &scenario::Deck, records: &[Record], dir: &Path) {
    let write = |name: &str, header: &Header, n: usize| {
        let mut text = serde_json::to_string(header).unwrap();
        text.push('\n');
        for r in &records[..n] {
            text.push_str(&serde_json::to_string(r).unwrap());
            text.push('\n');
        }
        let path = dir.join(name);
        std::fs::write(&path, &text).unwrap();
        (path, text.len())
    };
    let bare = Header::current();
    let with_deck = Header::for_deck(deck);
    println!("self-contained logs (the bundled deck recorded in the header)");
    for n in [200, EVENTS] {
        let (old, old_len) = write(&format!("old-{n}.jsonl"), &bare, n);
        let (new, new_len) = write(&format!("new-{n}.jsonl"), &with_deck, n);
        let (from_log, from_binary) = common::paired(
            5,
            || {
                let found = log::deck_for_log(&new, None).unwrap();
                weerbaar::log::replay(&new, &found.deck).unwrap().state.last_seq
            },
            || {
                let deck = scenario::load_deck(None).unwrap();
                weerbaar::log::replay(&old, &deck).unwrap().state.last_seq
            },
        );
        println!(
            "  {n:>6} events: log {:.1} KiB -> {:.1} KiB (+{:.1} KiB); resume/review read {} (deck from the log) vs {} (deck from the binary): {:.2}x",
            old_len as f64 / 1024.0,
            new_len as f64 / 1024.0,
            (new_len - old_len) as f64 / 1024.0,
            common::ms(from_log),
            common::ms(from_binary),
            from_log.as_secs_f64() / from_binary.as_secs_f64()
        );
    }
}
