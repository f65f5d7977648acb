#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The checker as an author meets it: every error class has a fixture and its exact message.

mod common;

use std::path::Path;
use std::process::Command;

use weerbaar::scenario;

fn report(dir: &str) -> String {
    let loaded = scenario::load(Some(Path::new(dir))).expect("fixture deck is readable");
    format!(
        "{}\n{} cards, {} errors, {} warnings\n",
        loaded.render(),
        loaded.card_count(),
        loaded.errors(),
        loaded.warnings()
    )
}

#[test]
fn every_syntax_and_type_error_is_reported_with_its_place() {
    insta::assert_snapshot!(report("tests/fixtures/syntax"));
}

#[test]
fn every_semantic_problem_is_reported_with_its_place() {
    insta::assert_snapshot!(report("tests/fixtures/semantic"));
}

#[test]
fn the_remaining_checks_are_reported_with_their_place() {
    insta::assert_snapshot!(report("tests/fixtures/more"));
}

#[test]
fn a_deck_without_a_manifest_says_so() {
    let text = report("tests/fixtures/no-manifest");
    assert!(
        text.starts_with("tests/fixtures/no-manifest: error: the deck has no manifest file `deck.ron` [E009]"),
        "{text}"
    );
}

#[test]
fn a_list_of_cards_in_one_file_loads_each_card() {
    let loaded = scenario::load(Some(Path::new("tests/fixtures/syntax"))).unwrap();
    let list_file = loaded.sources.iter().position(|s| s.path.ends_with("list.ron")).unwrap();
    // list.ron holds two cards, the second with an unknown field: the file reports that error.
    assert!(loaded.diagnostics.iter().any(|d| d.file.ends_with("list.ron") && d.code == "E002"));
    assert!(!loaded.card_files.contains(&list_file));
}

#[test]
fn bundled_deck_passes_with_warnings_denied() {
    let loaded = scenario::load(None).unwrap();
    assert_eq!(loaded.render(), "");
    assert!(loaded.card_count() >= 8);
    let deck = loaded.into_deck().unwrap();
    for theme in scenario::Theme::ALL {
        let n = deck.cards.iter().filter(|c| c.theme == theme).count();
        assert!(n >= 2, "theme {theme:?} has {n} cards");
    }
}

fn weerbaar(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn check_exit_codes_tell_clean_from_broken_from_unusable() {
    let (code, err) = weerbaar(&["check", "--deny-warnings", "scenarios"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.ends_with("cards, 0 errors, 0 warnings\n"), "{err}");

    let (code, err) = weerbaar(&["check", "tests/fixtures/syntax"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("tests/fixtures/syntax/cards/unknown-field.ron:4:5: error: unknown field `titel` in Card [E002]")
    );

    let (code, _) = weerbaar(&["check", "no/such/deck"]);
    assert_eq!(code, 2);
}

#[test]
fn warnings_fail_only_when_denied() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cards")).unwrap();
    std::fs::copy("tests/fixtures/syntax/deck.ron", dir.path().join("deck.ron")).unwrap();
    std::fs::copy("tests/fixtures/syntax/cards/ok.ron", dir.path().join("cards/ok.ron")).unwrap();
    let extra = std::fs::read_to_string("tests/fixtures/syntax/cards/ok.ron").unwrap().replace("\"ok\"", "\"unused\"");
    std::fs::write(dir.path().join("cards/unused.ron"), extra).unwrap();
    let path = dir.path().to_str().unwrap();
    let (code, err) = weerbaar(&["check", path]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: card `unused` is in no agenda"), "{err}");
    let (code, _) = weerbaar(&["check", "--deny-warnings", path]);
    assert_eq!(code, 1);
}

#[test]
fn a_single_card_file_is_checked_inside_its_deck() {
    let (code, err) = weerbaar(&["check", "tests/fixtures/semantic/cards/bad-refs.ron"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `good-card`?"), "{err}");
    assert!(!err.contains("dup2.ron"), "only the named file's problems: {err}");
    assert!(err.ends_with("1 cards, 8 errors, 0 warnings\n"), "{err}");
}

#[test]
fn every_check_code_is_documented_in_the_authoring_guide() {
    let guide = std::fs::read_to_string("docs/scenarios.md").unwrap();
    let mut codes = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir("src/scenario").unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for (i, _) in text.match_indices("\"E0").chain(text.match_indices("\"W0")) {
            codes.insert(text[i + 1..i + 5].to_string());
        }
    }
    assert!(codes.len() > 20, "{codes:?}");
    for code in codes {
        assert!(guide.contains(&format!("| {code} |")), "{code} is not in docs/scenarios.md");
    }
}

mod never_panics {
    use proptest::prelude::*;
    use weerbaar::scenario::{self, Source};

    fn bundled_card() -> Vec<u8> {
        std::fs::read("scenarios/cards/ransom-friday.ron").unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
            let loaded = scenario::load_card_files(vec![Source { path: "x.ron".into(), bytes }]);
            let _ = loaded.render();
        }

        #[test]
        fn on_mutated_bundled_cards(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..6)) {
            let mut bytes = bundled_card();
            crate::common::mutate(&mut bytes, edits);
            let mut sources = scenario::load::bundled_sources();
            if let Some(s) = sources.iter_mut().find(|s| s.path.ends_with("ransom-friday.ron")) {
                s.bytes = bytes;
            }
            let loaded = scenario::load_sources(sources);
            let text = loaded.render();
            // Whatever broke, it is reported with a place, never as a panic.
            prop_assert!(loaded.errors() == 0 || text.contains("ransom-friday.ron") || text.contains("error"));
        }
    }
}

#[test]
fn a_card_file_outside_any_deck_is_checked_on_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let card = std::fs::read_to_string("scenarios/cards/ransom-friday.ron").unwrap();
    let path = dir.path().join("losse-kaart.ron");
    std::fs::write(&path, card).unwrap();
    // Its follow-ups point at cards that are not here: that is no error for a file on its own.
    let (code, err) = weerbaar(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.ends_with("1 cards, 0 errors, 0 warnings\n"), "{err}");
    std::fs::write(&path, "Card(id: \"x\")").unwrap();
    let (code, err) = weerbaar(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("losse-kaart.ron:1:13: error: missing field `theme` in Card [E003]"), "{err}");
}
