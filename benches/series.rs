#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! `weerbaar series` at scale: 10,000 session logs (each with the bundled deck in its header, as
//! the console writes them) generated through the engine's `decide` into a temp folder, then
//! reported on. Prints the series time against the baseline of reading the same files and
//! parsing every line into a `serde_json::Value`, as a ratio, and the peak memory after 1,000 and
//! after 10,000 logs (it must not grow with the number of logs).
//!
//! `WEERBAAR_BENCH_LOGS=200` makes a quick smoke run.

mod common;

use std::io::{BufRead, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{NaiveDate, TimeDelta, TimeZone, Utc};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use weerbaar::log::Header;
use weerbaar::scenario::{self, AgendaId, CardId, Deck, Lang, Role};
use weerbaar::series::{Format, Series};
use weerbaar::session::{
    Command, Decision, GroupId, GroupSetup, PreviousAction, Progress, Record, Setup, State, decide,
};

/// Writes one session log: 2 to 4 municipalities out of 340, five cards of an agenda, answers
/// with rationales, a note per card, two actions, sometimes a follow-up of earlier actions.
fn write_session(deck: &Deck, header: &str, path: &Path, rng: &mut ChaCha8Rng) {
    let agenda = &deck.manifest.agendas[rng.random_range(0..deck.manifest.agendas.len())];
    let groups: Vec<GroupSetup> = {
        let n = rng.random_range(2..=4);
        let mut names: Vec<String> = Vec::new();
        while names.len() < n {
            let name = format!("Gemeente {:03}", rng.random_range(0..340));
            if !names.contains(&name) {
                names.push(name);
            }
        }
        names.into_iter().map(|name| GroupSetup { name, roles: Role::ALL.to_vec() }).collect()
    };
    let month = rng.random_range(0..24u32);
    let date = NaiveDate::from_ymd_opt(2025 + (month / 12) as i32, month % 12 + 1, rng.random_range(1..=28)).unwrap();
    let setup = Setup {
        title: "Bench".into(),
        facilitator: "Gespreksleider".into(),
        date,
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId(agenda.id.0.clone()),
        groups: groups.clone(),
    };
    let mut at = Utc.from_utc_datetime(&date.and_hms_opt(13, 0, 0).unwrap());
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
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    out.write_all(header.as_bytes()).unwrap();
    out.write_all(b"\n").unwrap();
    serde_json::to_writer(&mut out, &first).unwrap();
    out.write_all(b"\n").unwrap();
    let mut seq = 1;
    let mut run = |state: &mut State, out: &mut std::io::BufWriter<std::fs::File>, cmd: Command| {
        let event = decide(state, deck, cmd).expect("a valid command");
        seq += 1;
        at += TimeDelta::seconds(90);
        let record = Record { seq, at, offset: 3600, event };
        state.apply(&record).unwrap();
        serde_json::to_writer(&mut *out, &record).unwrap();
        out.write_all(b"\n").unwrap();
    };
    if rng.random_range(0..4) == 0 {
        let actions = (0..3)
            .map(|i| PreviousAction {
                group: groups[i % groups.len()].name.clone(),
                what: format!("Actie {i}"),
                owner: Role::Ciso.into(),
                due: String::new(),
                since: None,
                card: None,
            })
            .collect();
        run(&mut state, &mut out, Command::OpenFollowUp { from: "vorige.jsonl".into(), actions });
        for index in 0..3 {
            let status = Progress::ALL[rng.random_range(0..3)];
            run(&mut state, &mut out, Command::RecordProgress { index, status });
        }
    }
    let cards: Vec<CardId> = agenda.cards.iter().take(5).cloned().collect();
    for card_id in cards {
        let Some(card) = deck.card(&card_id) else { continue };
        run(&mut state, &mut out, Command::OpenCard(card_id.clone()));
        for g in 0..groups.len() {
            let option = card.options[rng.random_range(0..card.options.len())].id.clone();
            let decision = Decision::ALL[rng.random_range(0..4)];
            let dissent =
                if decision == Decision::Unanimous { vec![] } else { vec![Role::ALL[rng.random_range(0..6)]] };
            let rationale = format!("Omdat de dienstverlening maandag door moet ({})", rng.random_range(0..1000));
            run(
                &mut state,
                &mut out,
                Command::RecordChoice { group: GroupId(g as u8), option, rationale, decision, dissent },
            );
        }
        run(&mut state, &mut out, Command::Reveal);
        run(&mut state, &mut out, Command::AddNote { about: None, text: "Goed gesprek over de rolverdeling".into() });
        run(&mut state, &mut out, Command::CloseCard);
    }
    for g in 0..2 {
        let cmd = Command::AddAction {
            group: GroupId(g),
            what: "Crisisplan bijwerken".into(),
            owner: Role::MunicipalSecretary,
            due: "Q2".into(),
        };
        run(&mut state, &mut out, cmd);
    }
    run(&mut state, &mut out, Command::End);
    out.flush().unwrap();
}

/// The series report of every log in `dir`, as Markdown.
fn series(dir: &Path) -> (u64, usize) {
    let mut s = Series::new(Lang::Nl, None);
    let warnings = s.add_path(dir);
    assert!(warnings.is_empty(), "{:?}", warnings.first());
    let report = s.report(None);
    (s.sessions(), weerbaar::series::render(&report, Format::Markdown).unwrap().len())
}

/// `play --peers DIR`'s start-up: the per-card counts of every log in `dir` (the cards shown).
fn peers(dir: &Path, deck: &Deck) -> (u64, usize) {
    let found = weerbaar::peers::gather(dir, deck, None, Lang::Nl).unwrap();
    assert_eq!(found.skipped + found.damaged, 0);
    (found.sessions, found.cards.len())
}

/// The baseline: read every file and parse every line into a `serde_json::Value`.
fn baseline(dir: &Path) -> usize {
    let mut lines = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let mut bytes = Vec::new();
        std::fs::File::open(entry.unwrap().path()).unwrap().read_to_end(&mut bytes).unwrap();
        for line in bytes.lines() {
            let line = line.unwrap();
            if !line.is_empty() {
                let value: serde_json::Value = serde_json::from_str(&line).unwrap();
                std::hint::black_box(value);
                lines += 1;
            }
        }
    }
    lines
}

/// CPU time of this thread so far, in nanoseconds (Linux; 0 elsewhere): on a shared machine the
/// wall time counts the other processes too.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

/// The fastest of `runs` runs of `f`, in wall time and in CPU time.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, f64) {
    let (mut wall, mut cpu) = (f64::MAX, f64::MAX);
    for _ in 0..runs {
        let (start, start_cpu) = (Instant::now(), cpu_ns());
        std::hint::black_box(f());
        wall = wall.min(start.elapsed().as_secs_f64());
        cpu = cpu.min((cpu_ns() - start_cpu) as f64 / 1e9);
    }
    (wall, cpu)
}

fn dir_size(dir: &Path) -> u64 {
    std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().metadata().unwrap().len()).sum()
}

fn main() {
    let total: usize = std::env::var("WEERBAAR_BENCH_LOGS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let small_n = (total / 10).max(1);
    let deck = scenario::load_deck(None).expect("bundled deck");
    let header = serde_json::to_string(&Header::for_deck(&deck)).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let (small, large): (PathBuf, PathBuf) = (tmp.path().join("small"), tmp.path().join("large"));
    std::fs::create_dir_all(&small).unwrap();
    std::fs::create_dir_all(&large).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(15);
    let start = Instant::now();
    for i in 0..total {
        let path = large.join(format!("{i:05}.jsonl"));
        write_session(&deck, &header, &path, &mut rng);
        if i < small_n {
            // A link, not a copy: the same bytes without another 300 MiB on disk.
            let link = small.join(format!("{i:05}.jsonl"));
            if std::fs::hard_link(&path, &link).is_err() {
                std::fs::copy(&path, &link).unwrap();
            }
        }
    }
    // Let the kernel write the files out now rather than during the measurements.
    let _ = std::process::Command::new("sync").status();
    let size = dir_size(&large);
    println!(
        "generated {total} logs ({:.0} MiB, header {} KiB each) in {:.1} s",
        size as f64 / 1048576.0,
        header.len() / 1024,
        start.elapsed().as_secs_f64()
    );

    // Memory first, before anything else raises the high-water mark.
    let before = common::peak_rss_mib();
    let (n, _) = series(&small);
    assert_eq!(n as usize, small_n);
    let after_small = common::peak_rss_mib();
    let start = Instant::now();
    let (n, bytes) = series(&large);
    let first_large = start.elapsed();
    assert_eq!(n as usize, total);
    let after_large = common::peak_rss_mib();
    println!(
        "peak memory (VmHWM): {before:.1} MiB before, {after_small:.1} MiB after {small_n} logs, {after_large:.1} MiB after {total} logs"
    );
    println!("series of {total} logs, first run: {} (report {} KiB)", common::ms(first_large), bytes / 1024);

    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("machine load (1, 5, 15 min): {}", load.split_whitespace().take(3).collect::<Vec<_>>().join(", "));
    let (series_wall, series_cpu) = best(3, || series(&large));
    let (base_wall, base_cpu) = best(3, || baseline(&large));
    println!(
        "series of {total} logs: {:.2} s wall, {:.2} s CPU | baseline (read + every line into serde_json::Value): {:.2} s wall, {:.2} s CPU | ratio series/baseline: {:.2} wall, {:.2} CPU",
        series_wall,
        series_cpu,
        base_wall,
        base_cpu,
        series_wall / base_wall,
        series_cpu / base_cpu
    );
    // `play --peers DIR` reads the same logs at the start of a session: its cost at both sizes.
    for (dir, n) in [(&small, small_n), (&large, total)] {
        let (sessions, cards) = peers(dir, &deck);
        let (peers_wall, peers_cpu) = best(3, || peers(dir, &deck));
        let (base_wall, base_cpu) = best(3, || baseline(dir));
        println!(
            "play --peers start-up, {n} logs ({sessions} sessions, {cards} cards shown): {:.2} s wall, {:.2} s CPU | baseline: {:.2} s wall, {:.2} s CPU | ratio peers/baseline: {:.2} wall, {:.2} CPU",
            peers_wall,
            peers_cpu,
            base_wall,
            base_cpu,
            peers_wall / base_wall,
            peers_cpu / base_cpu
        );
    }
    let per = |t: f64| t * 1e6 / total as f64;
    println!("per log: series {:.0} µs CPU, baseline {:.0} µs CPU", per(series_cpu), per(base_cpu));
    let budget = 2.0 * total as f64 / 10_000.0;
    let verdict = |t: f64| if t < budget { "met" } else { "NOT met" };
    println!(
        "goal 10,000 logs under 2 s (scaled to {total}: {budget:.2} s): {} in wall time, {} in CPU time",
        verdict(series_wall),
        verdict(series_cpu)
    );
}
