#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The checker as an author meets it: every error class has a fixture and its exact message.

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

/// What a Dutch author sees by default: the same problems, every word Dutch.
#[test]
fn every_syntax_and_type_error_is_reported_in_dutch() {
    let loaded = scenario::load(Some(Path::new("tests/fixtures/syntax"))).unwrap();
    let summary = scenario::diag::summary(scenario::Lang::Nl, loaded.card_count(), loaded.errors(), loaded.warnings());
    insta::assert_snapshot!(format!("{}\n{summary}\n", loaded.render_in(scenario::Lang::Nl)));
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
    // list.ron holds two cards, the second with an unknown field: that card reports its error,
    // the first is read all the same.
    assert!(loaded.diagnostics.iter().any(|d| d.file.ends_with("list.ron") && d.code == "E002"));
    assert_eq!(loaded.card_files.iter().filter(|&&f| f == list_file).count(), 1);
}

#[test]
fn bundled_deck_passes_with_warnings_denied() {
    let loaded = scenario::load(None).unwrap();
    // Warnings denied, the honest-option warnings (W008, W012-W014) included: the bundled deck must be clean.
    assert_eq!(loaded.render(), "");
    assert!(loaded.card_count() >= 8);
    let deck = loaded.into_deck().unwrap();
    for theme in scenario::Theme::ALL {
        let n = deck.cards.iter().filter(|c| c.theme == theme).count();
        assert!(n >= 2, "theme {theme:?} has {n} cards");
    }
}

/// Runs the real binary: exit code, standard output, standard error.
fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Exit code and everything the author sees (problems on stderr, then the summary on stdout).
fn weerbaar(args: &[&str]) -> (i32, String) {
    let (code, out, err) = run(args);
    (code, format!("{err}{out}"))
}

#[test]
fn check_exit_codes_tell_clean_from_broken_from_unusable() {
    let (code, err) = weerbaar(&["check", "--deny-warnings", "--lang", "en", "scenarios"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.ends_with(" cards, 0 errors, 0 warnings\n"), "{err}");

    let (code, err) = weerbaar(&["check", "--lang", "en", "tests/fixtures/syntax"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "tests/fixtures/syntax/cards/unknown-field.ron:4:5: error: unknown field `titel` in the card [E002]"
        ),
        "{err}"
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
    assert!(err.contains("waarschuwing: kaart `unused` staat op geen agenda"), "{err}");
    let (code, _) = weerbaar(&["check", "--deny-warnings", path]);
    assert_eq!(code, 1);
}

#[test]
fn a_single_card_file_is_checked_inside_its_deck() {
    let (code, err) = weerbaar(&["check", "--lang", "en", "tests/fixtures/semantic/cards/bad-refs.ron"]);
    assert_eq!(code, 1);
    assert!(err.contains("did you mean `good-card`?"), "{err}");
    assert!(!err.contains("dup2.ron"), "only the named file's problems: {err}");
    assert!(err.ends_with("1 card, 8 errors, 0 warnings\n"), "{err}");
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
    let (code, err) = weerbaar(&["check", "--deny-warnings", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.ends_with("1 kaart, 0 fouten, 0 waarschuwingen\n"), "{err}");
    std::fs::write(&path, "Card(id: \"x\")").unwrap();
    let (code, err) = weerbaar(&["check", "--lang", "en", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("losse-kaart.ron:1:1: error: missing field `theme` in the card [E003]"), "{err}");
}

/// Each mistake authors make, alone in a card, with what the checker must say in Dutch and English.
const MISTAKES: &[(&str, &str, &str)] = &[
    ("typographic-quotes.ron", "typografisch aanhalingsteken `„`", "typographic quote `„`"),
    ("typographic-quotes-english.ron", "rechte aanhalingstekens", "straight quotes"),
    ("hash-comment.ron", "een opmerking begint met `//`", "a comment starts with `//`"),
    ("at-number.ron", "schrijf `Minute(3)`", "write `Minute(3)`"),
    ("dash-field.ron", "schrijf `follow_up`", "write `follow_up`"),
    ("raw-string-swallows.ron", "gesloten met `\"` in plaats van `\"#`", "closed here with `\"` instead of `\"#`"),
    ("unclosed-quote.ron", "mist zijn sluitende aanhalingsteken", "misses its closing quote"),
    ("decimal-minutes.ron", "heel getal van 0 tot 4294967295", "whole number from 0 to 4294967295"),
    ("huge-effect.ron", "heel getal van -3 tot +3", "whole number from -3 to +3"),
    ("effect-out-of-range.ron", "tussen -3 en +3", "between -3 and +3"),
    ("quoted-theme.ron", "zonder aanhalingstekens", "without quotes"),
    (
        "dominated-option.ron",
        "optie `b` van kaart `naam` is op geen enkele dimensie beter",
        "option `b` of card `naam` is nowhere better",
    ),
];

#[test]
fn each_mistake_is_named_in_the_authors_words_in_dutch_and_english() {
    for (file, nl, en) in MISTAKES {
        let path = format!("tests/fixtures/mistakes/{file}");
        let (_, dutch) = weerbaar(&["check", &path]);
        assert!(dutch.contains(nl), "{file} (nl): {dutch}");
        let (code, english) = weerbaar(&["check", "--lang", "en", &path]);
        assert!(english.contains(en), "{file} (en): {english}");
        let is_warning = english.contains(", 0 errors, 1 warning");
        assert_eq!(code, i32::from(!is_warning), "{file}: {english}");
        assert_eq!(
            dutch.matches(" [E0").count() + dutch.matches(" [W0").count(),
            1,
            "one problem, one message: {dutch}"
        );
    }
}

#[test]
fn a_bom_and_the_dutch_names_authors_write_are_accepted() {
    for file in ["ok.ron", "bom.ron", "dutch-names.ron"] {
        let (code, out) = weerbaar(&["check", &format!("tests/fixtures/mistakes/{file}")]);
        assert_eq!((code, out.as_str()), (0, "1 kaart, 0 fouten, 0 waarschuwingen\n"), "{file}");
    }
    let text = std::fs::read_to_string("tests/fixtures/mistakes/dutch-names.ron").unwrap();
    let card: scenario::Card = ron::from_str(&text).unwrap();
    assert_eq!(card.theme, scenario::Theme::Leadership);
    let mut roles = card.roles.clone();
    roles.sort();
    assert_eq!(roles, scenario::Role::ALL.to_vec());
    assert_eq!(card.injects[0].at, scenario::Release::Facilitator);
}

#[test]
fn a_card_with_many_mistakes_reports_every_one_in_one_run_and_no_false_missing_card() {
    let (code, out) = weerbaar(&["check", "--lang", "en", "tests/fixtures/many-mistakes"]);
    assert_eq!(code, 1);
    let file = "tests/fixtures/many-mistakes/cards/pers-belt.ron";
    for expected in [
        ":1:1: error: a comment starts with `//`",
        ":4:12: error: `theme` is a choice from a list, not a text",
        ":5:5: error: unknown field `titel` in the card",
        ":6:16: error: typographic quote `„`",
        ":8:14: error: `minutes` is a whole number from 0 to 4294967295",
        ":9:43: error: `at:` is a moment, not a bare number: write `Minute(5)`",
        ":13:112: error: unknown field `follow-up` in an option",
    ] {
        assert!(out.contains(&format!("{file}{expected}")), "{expected}: {out}");
    }
    assert!(!out.contains("does not exist"), "the card exists, it is only unreadable: {out}");
    assert!(out.ends_with("1 card, 7 errors, 0 warnings\n"), "{out}");
}

#[test]
fn the_summary_goes_to_stdout_and_output_writes_the_whole_report() {
    let (code, stdout, stderr) = run(&["check", "tests/fixtures/mistakes/at-number.ron"]);
    assert_eq!(code, 1);
    assert_eq!(stdout, "0 kaarten, 1 fout, 0 waarschuwingen\n");
    assert!(stderr.starts_with("tests/fixtures/mistakes/at-number.ron:8:32: fout: "), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("rapport.txt");
    let (code, stdout, stderr) =
        run(&["check", "--lang", "en", "--output", report.to_str().unwrap(), "tests/fixtures/mistakes/at-number.ron"]);
    assert_eq!(code, 1);
    assert_eq!(stderr, "");
    assert_eq!(stdout, "0 cards, 1 error, 0 warnings\n");
    let text = std::fs::read_to_string(report).unwrap();
    assert!(text.starts_with("tests/fixtures/mistakes/at-number.ron:8:32: error: `at:` is a moment"), "{text}");
    assert!(text.contains("8 |     injects: [(id: \"pers\", at: 3,"), "{text}");
    assert!(text.ends_with("0 cards, 1 error, 0 warnings\n"), "{text}");
}

/// A deck in a temporary folder made from the small valid fixture deck.
fn temp_deck() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cards")).unwrap();
    std::fs::copy("tests/fixtures/syntax/deck.ron", dir.path().join("deck.ron")).unwrap();
    std::fs::copy("tests/fixtures/syntax/cards/ok.ron", dir.path().join("cards/ok.ron")).unwrap();
    dir
}

#[test]
#[cfg(unix)] // symlinks, /dev/zero and Unix permissions
fn special_files_links_out_and_odd_names_are_refused_quickly_and_named() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_deck();
    let cards = dir.path().join("cards");
    let fifo = cards.join("pijp.ron");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    std::os::unix::fs::symlink("/dev/zero", cards.join("nul.ron")).unwrap();
    let secret = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(secret.path(), "geheim-wachtwoord-123\n").unwrap();
    std::os::unix::fs::symlink(secret.path(), cards.join("buiten.ron")).unwrap();
    std::fs::write(cards.join(std::ffi::OsStr::from_bytes(b"kaart-\xff.ron")), "Card(").unwrap();
    std::fs::write(cards.join("kaart\u{1b}]0;PWNED\u{7}.ron"), "Card(").unwrap();
    std::fs::write(cards.join("nog-een.ron.txt"), "Card()").unwrap();
    std::fs::write(cards.join("deck.ron"), "Deck()").unwrap();

    let started = std::time::Instant::now();
    let (code, out) = weerbaar(&["check", "--lang", "en", dir.path().to_str().unwrap()]);
    assert!(started.elapsed() < std::time::Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("pijp.ron: error: this is not a regular file"), "{out}");
    assert!(out.contains("buiten.ron: error: this link points to a file outside the deck"), "{out}");
    assert!(!out.contains("geheim-wachtwoord"), "the content behind a link out is never printed: {out}");
    assert!(out.contains("nul.ron: error: this link points to a file outside the deck"), "{out}");
    assert!(out.contains("error: the file name is not valid UTF-8 text [E031]"), "{out}");
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}'), "escape codes in a name reach the terminal: {out:?}");
    assert!(out.contains("cards/kaart.ron:1:5: error: the file ends too early"), "{out}");
    assert!(out.contains("nog-een.ron.txt: warning: this file does not end in `.ron`"), "{out}");
    assert!(out.contains("cards/deck.ron: warning: a second `deck.ron`"), "{out}");

    // A file with such a name, named directly, is reported too (it used to say "0 cards, 0 errors").
    let odd = cards.join(std::ffi::OsStr::from_bytes(b"kaart-\xff.ron"));
    let named =
        Command::new(env!("CARGO_BIN_EXE_weerbaar")).args(["check", "--lang", "en"]).arg(&odd).output().unwrap();
    assert_eq!(named.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&named.stdout), "0 cards, 1 error, 0 warnings\n");
    assert!(String::from_utf8_lossy(&named.stderr).contains("the file name is not valid UTF-8 text [E031]"));

    // The same special files named directly.
    let (code, out) = weerbaar(&["check", fifo.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("is geen deck: geen map en geen gewoon bestand"), "{out}");
    let (code, out) = weerbaar(&["check", "/dev/zero"]);
    assert_eq!(code, 2, "{out}");
    let (code, out) = weerbaar(&["play", "--deck", fifo.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
}

#[test]
fn a_manifest_in_the_wrong_case_is_named_and_the_missing_manifest_points_at_the_deck() {
    let dir = temp_deck();
    std::fs::rename(dir.path().join("deck.ron"), dir.path().join("Deck.RON")).unwrap();
    let root = dir.path().to_str().unwrap();
    let (code, out) = weerbaar(&["check", "--lang", "en", root]);
    assert_eq!(code, 1);
    assert!(out.contains("Deck.RON: warning: the manifest must be called `deck.ron`"), "{out}");
    assert!(out.contains(&format!("{root}: error: the deck has no manifest file `deck.ron` [E009]")), "{out}");
}

#[test]
#[cfg(unix)] // symlinks, /dev/zero and Unix permissions
fn an_unreadable_card_is_one_error_among_the_rest() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_deck();
    let locked = dir.path().join("cards/op-slot.ron");
    std::fs::write(&locked, "Card(").unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        return; // running as root: permissions do not stop reading; nothing to test here
    }
    let (code, out) = weerbaar(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("op-slot.ron: fout: u hebt geen leesrechten voor dit bestand"), "{out}");
    assert!(out.ends_with("1 kaart, 1 fout, 0 waarschuwingen\n"), "{out}");
}

#[test]
fn agenda_ids_are_checked_like_card_ids() {
    let dir = temp_deck();
    let manifest =
        std::fs::read_to_string(dir.path().join("deck.ron")).unwrap().replace("id: \"all\"", "id: \"Alles\\u{1b}[2J\"");
    std::fs::write(dir.path().join("deck.ron"), manifest).unwrap();
    let (code, out) = weerbaar(&["check", "--lang", "en", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    // The escape sequence is cleaned out of the id before it is printed.
    assert!(out.contains("error: the id `Alles` is not kebab-case [E020]"), "{out:?}");
    assert!(!out.contains('\u{1b}'), "{out:?}");
}

/// One rulebook: whatever `check` passes, `play --deck` accepts, deck and every agenda.
mod one_rulebook {
    use proptest::prelude::*;
    use weerbaar::scenario::{self, Source};
    use weerbaar::session::Session;

    type Spans = Vec<(usize, usize)>;

    /// Byte ranges of every quoted string and every number outside strings.
    fn tokens(text: &str) -> (Spans, Spans) {
        let (mut strings, mut numbers) = (Vec::new(), Vec::new());
        let b = text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'"' {
                let end = text[i + 1..].find('"').map_or(b.len(), |n| i + 1 + n + 1);
                strings.push((i, end.min(b.len())));
                i = end;
            } else if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
                let end = i + text[i..].bytes().take_while(u8::is_ascii_digit).count();
                numbers.push((i, end));
                i = end;
            } else {
                i += 1;
            }
        }
        (strings, numbers)
    }

    /// Edits that keep RON valid, so the checker's rules rather than the parser are tested: a
    /// card id replaced by another card id (ids, agendas, follow-ups, conditions), a card id
    /// repeated after itself (a list naming a card twice), a number changed.
    fn mutate(text: &str, ids: &[String], kind: u8, a: prop::sample::Index, b: prop::sample::Index, n: i64) -> String {
        let mut text = text.to_string();
        let (strings, numbers) = tokens(&text);
        let id_strings: Vec<(usize, usize)> =
            strings.into_iter().filter(|&(s, e)| ids.iter().any(|id| *id == text[s..e])).collect();
        match kind % 3 {
            0 if !id_strings.is_empty() => {
                let (s, e) = id_strings[a.index(id_strings.len())];
                text.replace_range(s..e, &ids[b.index(ids.len())]);
            }
            1 if !id_strings.is_empty() => {
                let (s, e) = id_strings[a.index(id_strings.len())];
                let copy = text[s..e].to_string();
                text.insert_str(e, &format!(", {copy}"));
            }
            _ if !numbers.is_empty() => {
                let (s, e) = numbers[a.index(numbers.len())];
                text.replace_range(s..e, &n.to_string());
            }
            _ => {}
        }
        text
    }

    /// Every card id of the deck, quoted.
    fn card_ids(sources: &[Source]) -> Vec<String> {
        sources
            .iter()
            .filter(|s| s.path.contains("/cards/"))
            .filter_map(|s| s.path.rsplit('/').next()?.strip_suffix(".ron").map(|id| format!("\"{id}\"")))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        #[test]
        fn no_mutation_passes_check_and_is_then_refused_by_play(
            edits in proptest::collection::vec((any::<u8>(), any::<bool>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), any::<prop::sample::Index>(), prop_oneof![Just(0i64), Just(-1), Just(4), Just(-4), Just(1_000_000), Just(4_294_967_296), -3i64..4]), 1..4),
        ) {
            let mut sources = scenario::load::bundled_sources();
            let ids = card_ids(&sources);
            let manifest = sources.iter().position(|s| s.path.ends_with("/deck.ron")).unwrap();
            for (kind, in_manifest, file, a, b, n) in edits {
                // Half the edits go to the manifest (agendas), half to a card.
                let t = if in_manifest { manifest } else { file.index(sources.len()) };
                let text = String::from_utf8_lossy(&sources[t].bytes).into_owned();
                sources[t].bytes = mutate(&text, &ids, kind, a, b, n).into_bytes();
            }
            let loaded = scenario::load_sources(sources);
            if loaded.errors() > 0 {
                return Ok(());
            }
            let deck = loaded.into_deck();
            prop_assert!(deck.is_ok(), "check passed but the deck is refused: {:?}", deck.err());
            let Ok(deck) = deck else { return Ok(()) };
            let dir = tempfile::tempdir().unwrap();
            for (i, agenda) in deck.manifest.agendas.iter().enumerate() {
                let setup = crate::common::setup("Proef", &["Laren", "Blaricum"], agenda.id.as_str());
                let started = Session::start(deck.clone(), setup, &dir.path().join(format!("{i}.jsonl")), crate::common::clock());
                prop_assert!(started.is_ok(), "check passed but play refuses agenda `{}`: {:?}", agenda.id, started.err().map(|e| e.to_string()));
            }
            for card in &deck.cards {
                for option in &card.options {
                    for (_, delta) in &option.effects {
                        prop_assert!((-3..=3).contains(delta), "check passed an effect of {delta}");
                    }
                }
                for inject in &card.injects {
                    prop_assert!(inject.only_if.as_ref().is_none_or(|c| c.card != card.id), "check passed an only_if on its own card `{}`", card.id);
                }
            }
        }
    }
}

#[test]
fn a_development_that_can_never_come_is_an_error() {
    let dir = temp_deck();
    let ok = std::fs::read_to_string("tests/fixtures/syntax/cards/ok.ron").unwrap();
    let own = ok.replace(
        "    questions:",
        "    injects: [(id: \"lek\", at: Facilitator, only_if: (card: \"ok\", option: \"a\"), text: \"Het lekt.\")],\n    questions:",
    );
    std::fs::write(dir.path().join("cards/ok.ron"), own).unwrap();
    let (code, out) = weerbaar(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("fout: ontwikkeling `lek` hangt af van een keuze in haar eigen kaart `ok`"), "{out}");

    // Depending on a card that the only agenda plays later is no better.
    let later = ok.replace("\"ok\"", "\"later\"");
    std::fs::write(dir.path().join("cards/later.ron"), later).unwrap();
    let first = ok.replace(
        "    questions:",
        "    injects: [(id: \"lek\", at: Facilitator, only_if: (card: \"later\", option: \"a\"), text: \"Het lekt.\")],\n    questions:",
    );
    std::fs::write(dir.path().join("cards/ok.ron"), first).unwrap();
    let manifest =
        std::fs::read_to_string(dir.path().join("deck.ron")).unwrap().replace("[\"ok\"]", "[\"ok\", \"later\"]");
    std::fs::write(dir.path().join("deck.ron"), &manifest).unwrap();
    let (code, out) = weerbaar(&["check", "--lang", "en", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error: inject `lek` of card `ok` depends on card `later`, but that card never comes before `ok`"),
        "{out}"
    );

    // Played the other way round, the development can come.
    std::fs::write(dir.path().join("deck.ron"), manifest.replace("[\"ok\", \"later\"]", "[\"later\", \"ok\"]"))
        .unwrap();
    let (code, out) = weerbaar(&["check", dir.path().to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn a_new_deck_and_card_pass_check_once_their_texts_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let deck = dir.path().join("mijn-deck");
    let deck_arg = deck.to_str().unwrap();
    let (code, out) = weerbaar(&["new", "deck", deck_arg]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = weerbaar(&["new", "card", "pers-belt", "--theme", "Leiderschap", "--deck", deck_arg]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("cards/pers-belt.ron"), "{out}");
    let card = std::fs::read_to_string(deck.join("cards/pers-belt.ron")).unwrap();
    assert!(card.contains("theme: Leiderschap,") && card.contains("// Een scenariokaart."), "{card}");

    // As written, every empty text is named.
    let (code, out) = weerbaar(&["check", deck_arg]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("fout: de titel van kaart `pers-belt` is leeg [E017]"), "{out}");

    // The author writes the texts and puts the new card on the agenda.
    for entry in walk(&deck) {
        let text = std::fs::read_to_string(&entry).unwrap().replace("\"\"", "\"Tekst.\"");
        std::fs::write(&entry, text).unwrap();
    }
    let manifest = std::fs::read_to_string(deck.join("deck.ron")).unwrap();
    std::fs::write(deck.join("deck.ron"), manifest.replace("[\"eerste-kaart\"]", "[\"eerste-kaart\", \"pers-belt\"]"))
        .unwrap();
    let (code, out) = weerbaar(&["check", "--deny-warnings", deck_arg]);
    assert_eq!((code, out.as_str()), (0, "2 kaarten, 0 fouten, 0 waarschuwingen\n"));
    let deck_loaded = scenario::load_deck(Some(&deck)).unwrap();
    assert_eq!(deck_loaded.cards.len(), 2);

    // Nothing is ever overwritten, and a bad id or theme is refused with a reason.
    let (code, out) = weerbaar(&["new", "card", "pers-belt", "--theme", "Leadership", "--deck", deck_arg]);
    assert_eq!(code, 2);
    assert!(out.contains("bestaat al"), "{out}");
    let (code, out) = weerbaar(&["new", "card", "Pers Belt", "--theme", "Leadership", "--deck", deck_arg]);
    assert_eq!(code, 2);
    assert!(out.contains("geen goed id"), "{out}");
    let (code, out) = weerbaar(&["new", "card", "x", "--theme", "Sport", "--lang", "en", "--deck", deck_arg]);
    assert_eq!(code, 2);
    assert!(out.contains("unknown theme `Sport`"), "{out}");
    let (code, _) = weerbaar(&["new", "deck", deck_arg]);
    assert_eq!(code, 2);
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
    }
    out
}

#[test]
fn the_report_file_never_replaces_the_deck_it_reports_on() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("cards")).unwrap();
    std::fs::copy("tests/fixtures/syntax/deck.ron", dir.path().join("deck.ron")).unwrap();
    std::fs::copy("tests/fixtures/syntax/cards/ok.ron", dir.path().join("cards/ok.ron")).unwrap();
    let manifest = dir.path().join("deck.ron");
    let before = std::fs::read(&manifest).unwrap();
    let deck = dir.path().to_str().unwrap();
    // Not with --force either: the manifest and the cards are this command's inputs.
    for force in [false, true] {
        let mut args = vec!["check", deck, "-o", manifest.to_str().unwrap()];
        if force {
            args.push("--force");
        }
        let (code, err) = weerbaar(&args);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("wordt niet beschreven: het is een van de invoerbestanden"), "{err}");
        assert_eq!(std::fs::read(&manifest).unwrap(), before, "the manifest is untouched");
    }
    // An existing report is kept unless --force says otherwise; a new one is the reader's own.
    let report = dir.path().join("rapport.txt");
    std::fs::write(&report, "oud").unwrap();
    let (code, err) = weerbaar(&["check", deck, "-o", report.to_str().unwrap(), "--lang", "en"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("already exists; give --force"), "{err}");
    let (code, err) = weerbaar(&["check", deck, "-o", report.to_str().unwrap(), "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&report).unwrap().contains("0 fouten"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&report).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "owner-only, as every report");
    }
}
