#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! What a first-time author meets, one mistake at a time, on a copy of the small clean deck in
//! `tests/fixtures/proef` (never the bundled deck): each check, in Dutch and in English.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh copy of `tests/fixtures/proef` in a temporary folder.
struct Proef {
    dir: tempfile::TempDir,
}

impl Proef {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("cards")).unwrap();
        for name in ["deck.ron", "cards/dilemma.ron", "cards/tweede.ron", "cards/vervolg.ron"] {
            std::fs::copy(Path::new("tests/fixtures/proef").join(name), dir.path().join(name)).unwrap();
        }
        Proef { dir }
    }

    fn path(&self) -> &str {
        self.dir.path().to_str().unwrap()
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Replaces `from` by `to` in one file; the text must be there, so a mutation never silently misses.
    fn edit(&self, name: &str, from: &str, to: &str) -> &Self {
        let path = self.file(name);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{name} has no `{from}`");
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        self
    }

    /// `weerbaar check` on the copy in `lang`: exit code and everything printed.
    fn check(&self, lang: &str) -> (i32, String) {
        weerbaar(&["check", "--lang", lang, self.path()])
    }
}

/// Runs the real binary: exit code, standard error then standard output.
fn weerbaar(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        format!("{}{}", String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&out.stdout)),
    )
}

#[test]
fn the_trial_deck_is_clean() {
    let proef = Proef::new();
    let (code, out) = weerbaar(&["check", "--deny-warnings", proef.path()]);
    assert_eq!((code, out.as_str()), (0, "3 kaarten, 0 fouten, 0 waarschuwingen\n"));
}

// ---------------------------------------------------------------------------------------------
// Issue #27: honest options.

#[test]
fn an_option_that_gains_nothing_is_named_with_the_fix() {
    let proef = Proef::new();
    proef.edit("cards/tweede.ron", "[(\"continuiteit\", -2), (\"vertrouwen\", 1)]", "[(\"continuiteit\", -2)]");
    let (code, nl) = proef.check("nl");
    assert_eq!(code, 0, "a warning, not an error: {nl}");
    assert!(nl.contains("waarschuwing: optie `onderzoeken` van kaart `tweede` wint nergens iets: geen enkel effect is positief [W012]"), "{nl}");
    assert!(nl.contains("Geef die winst een effect van +1 tot +3"), "{nl}");
    let (_, en) = proef.check("en");
    assert!(
        en.contains(
            "warning: option `onderzoeken` of card `tweede` gains nothing: none of its effects is positive [W012]"
        ),
        "{en}"
    );
    assert!(en.contains("Give that gain an effect of +1 to +3"), "{en}");
    let (code, _) = weerbaar(&["check", "--deny-warnings", proef.path()]);
    assert_eq!(code, 1);
}

#[test]
fn an_option_without_effects_is_one_warning_not_two() {
    let proef = Proef::new();
    proef.edit("cards/tweede.ron", "effects: [(\"continuiteit\", -2), (\"vertrouwen\", 1)],", "");
    let (_, nl) = proef.check("nl");
    assert!(
        nl.contains(
            "optie `onderzoeken` van kaart `tweede` verandert geen enkele score: ze wint niets en kost niets [W012]"
        ),
        "{nl}"
    );
    assert!(nl.contains("zoals [(\"vertrouwen\", 1), (\"continuiteit\", -1)]"), "{nl}");
    assert_eq!(nl.matches("[W01").count(), 1, "{nl}");
    let (_, en) = proef.check("en");
    assert!(
        en.contains(
            "option `onderzoeken` of card `tweede` changes no score: it gains nothing and costs nothing [W012]"
        ),
        "{en}"
    );
}

#[test]
fn an_option_that_costs_nothing_is_named_with_the_fix() {
    let proef = Proef::new();
    proef.edit("cards/tweede.ron", "[(\"continuiteit\", 2), (\"vertrouwen\", -1)]", "[(\"continuiteit\", 2)]");
    let (code, nl) = proef.check("nl");
    assert_eq!(code, 0, "{nl}");
    assert!(nl.contains("waarschuwing: optie `herstellen` van kaart `tweede` kost nergens iets: geen enkel effect is negatief [W013]"), "{nl}");
    assert!(nl.contains("Geef die een effect van -1 tot -3"), "{nl}");
    let (_, en) = proef.check("en");
    assert!(
        en.contains(
            "warning: option `herstellen` of card `tweede` costs nothing: none of its effects is negative [W013]"
        ),
        "{en}"
    );
    assert!(en.contains("Give it an effect of -1 to -3"), "{en}");
}

#[test]
fn an_option_far_ahead_of_every_other_is_named_with_the_margin() {
    let proef = Proef::new();
    // uitleggen: +3 -1 = +2; the others: 0 and 0. A lead of 2 is within the margin of 3.
    proef.edit(
        "cards/dilemma.ron",
        "[(\"vertrouwen\", 2), (\"continuiteit\", -1)]",
        "[(\"vertrouwen\", 3), (\"continuiteit\", -1)]",
    );
    let (code, out) = weerbaar(&["check", "--deny-warnings", proef.path()]);
    assert_eq!(code, 0, "a lead of 2 is no wide margin: {out}");
    // +3 +1 = +4 against 0 and 0: a lead of 4, more than 3.
    let proef = Proef::new();
    proef.edit(
        "cards/dilemma.ron",
        "[(\"vertrouwen\", 2), (\"continuiteit\", -1)]",
        "[(\"vertrouwen\", 3), (\"continuiteit\", 1)]",
    );
    let (code, nl) = proef.check("nl");
    assert_eq!(code, 0, "{nl}");
    assert!(nl.contains("waarschuwing: optie `uitleggen` van kaart `dilemma` wint ruim: haar effecten tellen op tot +4, 4 punten meer dan elke andere optie (de grens is 3) [W014]"), "{nl}");
    assert!(nl.contains("tot het verschil hoogstens 3 is"), "{nl}");
    let (_, en) = proef.check("en");
    assert!(en.contains("warning: option `uitleggen` of card `dilemma` wins by a wide margin: its effects add up to +4, 4 points more than any other option (the limit is 3) [W014]"), "{en}");
    assert!(en.contains("until the lead is at most 3"), "{en}");
}

#[test]
fn a_typo_in_a_dimension_is_one_error_and_no_knock_on_warning() {
    let proef = Proef::new();
    proef.edit(
        "cards/tweede.ron",
        "(\"continuiteit\", 2), (\"vertrouwen\", -1)",
        "(\"continuitiet\", 2), (\"vertrouwen\", -1)",
    );
    for lang in ["nl", "en"] {
        let (code, out) = proef.check(lang);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("[E018]"), "{out}");
        assert!(!out.contains("[W0"), "the typo explains everything; no warning follows from it: {out}");
    }
}
