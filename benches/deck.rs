#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Deck loading and checking at scale: a generated deck of 10,000 cards, loaded and checked by
//! Weerbaar, against the bare `ron::from_str` of the same files in the same run.

mod common;

use weerbaar::scenario::{self, Card, Source};

const CARDS: usize = 10_000;

fn card_source(i: usize) -> String {
    let next = if i + 1 < CARDS { format!("follow_up: \"card-{}\",", i + 1) } else { String::new() };
    format!(
        r##"Card(
    id: "card-{i}",
    theme: OwnHouse,
    title: (nl: "Kaart {i}", en: "Card {i}"),
    situation: (
        nl: r#"
            Het is vrijdag. Er is iets aan de hand bij leverancier {i}.
            De CISO belt de gemeentesecretaris.
        "#,
        en: r#"
            It is Friday. Something is wrong at supplier {i}.
            The CISO calls the municipal secretary.
        "#,
    ),
    roles: [Mayor, Ciso],
    minutes: 10,
    injects: [(id: "press", at: Minute(5), text: (nl: "De pers belt.", en: "The press calls."))],
    questions: [(nl: "Wat doet u?", en: "What do you do?")],
    options: [
        (id: "a", label: (nl: "Melden", en: "Report"), consequence: (nl: "Op tijd.", en: "On time."), effects: [("trust", 1)], {next}),
        (id: "b", label: (nl: "Wachten", en: "Wait"), consequence: (nl: "Te laat.", en: "Too late."), effects: [("trust", -1), ("speed", 1)]),
    ],
    notes: (nl: "Achtergrond {i}.", en: "Background {i}."),
)
"##
    )
}

fn manifest() -> String {
    r#"Deck(
    id: "bench",
    format: 1,
    title: (nl: "Benchmark", en: "Benchmark"),
    languages: [nl, en],
    dimensions: [(id: "trust", label: (nl: "Vertrouwen", en: "Trust")), (id: "speed", label: (nl: "Snelheid", en: "Speed"))],
    agendas: [(id: "all", title: (nl: "Alles", en: "All"), minutes: 100000, cards: ["card-0"])],
)
"#
    .to_string()
}

fn main() {
    let mut sources = vec![Source { path: "bench/deck.ron".into(), bytes: manifest().into_bytes().into() }];
    for i in 0..CARDS {
        let text = card_source(i);
        sources.push(Source { path: format!("bench/cards/card-{i:05}.ron"), bytes: text.into_bytes().into() });
    }
    let bytes: usize = sources.iter().map(|s| s.bytes.len()).sum();

    let check = scenario::load_sources(sources.clone());
    assert_eq!(check.diagnostics.len(), 0, "a clean deck: {}", check.render());
    assert_eq!(check.card_count(), CARDS);

    let parsed = sources
        .iter()
        .skip(1)
        .filter_map(|s| ron::from_str::<Card>(std::str::from_utf8(&s.bytes).unwrap()).ok())
        .count();
    assert_eq!(parsed, CARDS, "the baseline must parse every card, or it measures failures");
    let runs = 7;
    // Both sides get their own copy of the sources, so the copy is part of neither.
    let (bare, full) = common::paired(
        runs,
        // The baseline keeps the parsed cards, as any loader must; dropping each one at once would
        // measure a hotter allocator, not a cheaper parse.
        || {
            sources
                .iter()
                .skip(1)
                .filter_map(|s| ron::from_str::<Card>(std::str::from_utf8(&s.bytes).unwrap()).ok())
                .collect::<Vec<Card>>()
        },
        || scenario::load_sources(sources.clone()).card_count(),
    );
    let value = common::median(runs, || {
        sources
            .iter()
            .skip(1)
            .filter(|s| ron::from_str::<ron::Value>(std::str::from_utf8(&s.bytes).unwrap()).is_ok())
            .count()
    });
    let clone = common::median(runs, || sources.clone().len());
    let digest = common::median(runs, || scenario::load::digest(&sources).len());

    println!(
        "deck load and check: {CARDS} cards, {:.1} MiB of RON, fastest of {runs} interleaved runs",
        bytes as f64 / 1048576.0
    );
    println!("  baseline ron::from_str::<Card>, kept    : {}", common::ms(bare));
    println!("  ron::from_str::<ron::Value> per file    : {}", common::ms(value));
    println!("  weerbaar load + every check             : {}", common::ms(full.saturating_sub(clone)));
    println!("  of which the deck digest (SHA-256)      : {}", common::ms(digest));
    println!(
        "  ratio load+check / bare parse           : {:.2}x",
        full.saturating_sub(clone).as_secs_f64() / bare.as_secs_f64()
    );
    one_list_file_with_a_warning_per_card();
    one_list_file_with_an_error_per_card();
    println!("  peak memory                             : {:.1} MiB", common::peak_rss_mib());
}

/// The case that was quadratic (issue 19): every card in one list file, each with a warning, so
/// every diagnostic must be placed (line, column, source line) inside the same large file.
fn one_list_file_with_a_warning_per_card() {
    let mut list = String::from("[\n");
    for i in 0..CARDS {
        // No agenda names these cards: each gets W001, and no questions: W006.
        list.push_str(
            &card_source(i).replace("    questions: [(nl: \"Wat doet u?\", en: \"What do you do?\")],\n", ""),
        );
        list.push_str(",\n");
    }
    list.push(']');
    let manifest = manifest()
        .replace("[\"card-0\"]", "[\"elsewhere\"]")
        .replace("languages: [nl, en],", "languages: [nl, en],\n    objectives: [],");
    let sources = vec![
        Source { path: "bench/deck.ron".into(), bytes: manifest.into_bytes().into() },
        Source { path: "bench/cards/all.ron".into(), bytes: list.clone().into_bytes().into() },
    ];
    let loaded = scenario::load_sources(sources.clone());
    let warnings = loaded.warnings();
    assert!(warnings >= CARDS, "every card must carry a warning, got {warnings}");
    let runs = 3;
    let (bare, full) = common::paired(
        runs,
        || ron::from_str::<Vec<Card>>(&list).map(|v| v.len()).unwrap_or(0),
        || {
            let loaded = scenario::load_sources(sources.clone());
            loaded.render_in(scenario::Lang::Nl).len()
        },
    );
    println!(
        "one list file, {CARDS} cards, {} MiB, {warnings} warnings (was quadratic: 10,000 cards > 300 s)",
        list.len() / (1024 * 1024)
    );
    println!("  baseline ron::from_str::<Vec<Card>>     : {}", common::ms(bare));
    println!("  weerbaar load + check + render report   : {}", common::ms(full));
    println!("  ratio                                   : {:.2}x", full.as_secs_f64() / bare.as_secs_f64());
}

/// Every card of one list file broken (an unknown field each): each is read again field by field,
/// and every error placed in the same large file. This must stay linear too.
fn one_list_file_with_an_error_per_card() {
    let mut list = String::from("[\n");
    for i in 0..CARDS {
        list.push_str(&card_source(i).replace("    minutes: 10,", "    minutes: 10,\n    extra: 1,"));
        list.push_str(",\n");
    }
    list.push(']');
    let sources = vec![
        Source { path: "bench/deck.ron".into(), bytes: manifest().into_bytes().into() },
        Source { path: "bench/cards/all.ron".into(), bytes: list.clone().into_bytes().into() },
    ];
    let loaded = scenario::load_sources(sources.clone());
    assert!(loaded.errors() >= CARDS, "every card must carry an error, got {}", loaded.errors());
    let errors = loaded.errors();
    let runs = 3;
    let (bare, full) = common::paired(
        runs,
        || ron::from_str::<Vec<ron::Value>>(&list).map(|v| v.len()).unwrap_or(0),
        || scenario::load_sources(sources.clone()).render_in(scenario::Lang::Nl).len(),
    );
    println!("one list file, {CARDS} broken cards, {errors} errors, each card read again field by field");
    println!("  baseline ron::from_str::<Vec<ron::Value>>: {}", common::ms(bare));
    println!("  weerbaar load + recover + render report : {}", common::ms(full));
    println!("  ratio                                   : {:.2}x", full.as_secs_f64() / bare.as_secs_f64());
}
