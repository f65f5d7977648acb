#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The `--peers` threshold counts municipalities, not spellings: five sessions of Laren and
//! Huizen written five ways are two municipalities, and show nothing.

use crate::common;

use weerbaar::peers::{gather, strict_name};
use weerbaar::scenario::Lang;

#[test]
fn spellings_of_one_municipality_are_one_name() {
    for (a, b) in [
        ("Laren", "Laren (NH)"),
        ("Laren", "Gem. Laren"),
        ("Laren", "Laren."),
        ("Huizen", "Huizen NH"),
        ("Huizen", "gemeente HUIZEN"),
        ("Súdwest-Fryslân", "Sudwest Fryslan"),
    ] {
        assert_eq!(strict_name(a), strict_name(b), "{a} / {b}");
    }
    for (a, b) in [("Laren", "Huizen"), ("Den Haag", "Den Helder"), ("Gemeente", "Gemert")] {
        assert_ne!(strict_name(a), strict_name(b), "{a} / {b}");
    }
}

#[test]
fn five_sessions_of_two_municipalities_in_other_spellings_show_nothing() {
    let spelled = [
        ["Laren", "Huizen"],
        ["Laren (NH)", "Huizen NH"],
        ["Gem. Laren", "Huizen (NH)"],
        ["Laren.", "Gemeente Huizen"],
        ["LAREN", "huizen nh"],
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, groups) in spelled.iter().enumerate() {
        common::fixture_log(dir.path(), &format!("s{i}.jsonl"), *groups, i as u64);
    }
    let found = gather(dir.path(), &common::deck(), None, Lang::Nl).unwrap();
    assert_eq!(found.sessions, 5);
    assert!(found.cards.is_empty(), "two municipalities, however spelled: {:?}", found.cards);

    // Five sessions of ten real municipalities do show.
    let real = tempfile::tempdir().unwrap();
    let towns = ["Laren", "Huizen", "Eemnes", "Baarn", "Soest", "Zeist", "Weesp", "Naarden", "Bussum", "Blaricum"];
    for i in 0..5 {
        common::fixture_log(real.path(), &format!("s{i}.jsonl"), [towns[2 * i], towns[2 * i + 1]], i as u64);
    }
    let found = gather(real.path(), &common::deck(), None, Lang::Nl).unwrap();
    assert!(found.cards.iter().any(|c| c.card.as_str() == "helpdesk-fraud-wave" && c.municipalities == 10));
}
