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

// ---------------------------------------------------------------------------------------------
// Issue #31: what a first-time author still trips over, one point at a time.

/// 31.1: a raw string closed with `"` is named where `"#` belongs, also as the file's last text,
/// and the English it swallowed is not reported as missing.
#[test]
fn a_raw_string_closed_with_a_plain_quote_is_found_where_it_should_end() {
    let proef = Proef::new();
    // The last text of the file: nothing after it ever closes it.
    proef.edit(
        "cards/vervolg.ron",
        "    ],\n)",
        "    ],\n    notes: (nl: r#\"Let op de toon.\"#, en: r#\"Mind the tone.\"),\n)",
    );
    // A text followed by another raw string: it swallows the English.
    proef.edit(
        "cards/tweede.ron",
        "situation: (nl: \"De back-up is twee weken oud.\", en: \"The backup is two weeks old.\"),",
        "situation: (nl: r#\"De back-up is twee weken oud.\", en: r#\"The backup is two weeks old.\"#),",
    );
    let (code, nl) = proef.check("nl");
    assert_eq!(code, 1, "{nl}");
    assert!(nl.contains("cards/vervolg.ron:23:60: fout: de tekst die op regel 23 begint met `r#\"` wordt hier gesloten met `\"` in plaats van `\"#`"), "{nl}");
    assert!(nl.contains("hulp: sluit af met \"#: schrijf hier `\"#`"), "{nl}");
    assert!(nl.contains("cards/tweede.ron:5:53: fout: de tekst die op regel 5 begint met `r#\"`"), "{nl}");
    assert!(!nl.contains("geen sluitend aanhalingsteken"), "{nl}");
    assert!(!nl.contains("[W003]"), "the swallowed English is a consequence, not a second problem: {nl}");
    assert!(nl.ends_with("2 kaarten, 2 fouten, 0 waarschuwingen\n"), "{nl}");
    let (_, en) = proef.check("en");
    assert!(en.contains("cards/vervolg.ron:23:60: error: the text that starts with `r#\"` on line 23 is closed here with `\"` instead of `\"#`"), "{en}");
    assert!(en.contains("help: close it with \"#: write `\"#` here"), "{en}");
    assert!(!en.contains("[W003]") && !en.contains("no closing quote"), "{en}");
}

/// 31.2: the minus sign of a word processor is named as such.
#[test]
fn a_typographic_minus_is_named_by_its_character() {
    let proef = Proef::new();
    proef.edit("cards/tweede.ron", "(\"continuiteit\", -2)", "(\"continuiteit\", \u{2212}2)");
    proef.edit("cards/vervolg.ron", "(\"continuiteit\", -1)", "(\"continuiteit\", \u{2013}1)");
    let (code, nl) = proef.check("nl");
    assert_eq!(code, 1, "{nl}");
    assert!(
        nl.contains("fout: `\u{2212}` (het wiskundige minteken, U+2212) is geen gewoon minteken; typ - [E039]"),
        "{nl}"
    );
    assert!(
        nl.contains("fout: `\u{2013}` (een gedachtestreepje (en-dash), U+2013) is geen gewoon minteken; typ - [E039]"),
        "{nl}"
    );
    assert!(!nl.contains("4294967295") && !nl.contains("heel getal"), "no misleading hint: {nl}");
    assert_eq!(nl.matches("[E").count(), 2, "{nl}");
    let (_, en) = proef.check("en");
    assert!(
        en.contains("error: `\u{2212}` (the mathematical minus sign, U+2212) is not a plain minus sign; type - [E039]"),
        "{en}"
    );
    // The guide's own examples are typed with the plain minus.
    let guide = std::fs::read_to_string("docs/scenarios.md").unwrap();
    assert!(!guide.contains('\u{2212}'), "docs/scenarios.md uses ASCII minus");
}

/// 31.3: errors first, and no warning that only follows from an error.
#[test]
fn errors_come_first_and_their_knock_on_warnings_are_left_out() {
    let proef = Proef::new();
    // A typo in a follow-up: the card meant is not "in no agenda".
    proef.edit("cards/dilemma.ron", "follow_up: \"vervolg\"", "follow_up: \"vervlog\"");
    // A typo in a dimension: the option is not "nowhere better".
    proef.edit("cards/tweede.ron", "(\"vertrouwen\", 1)", "(\"vertrouwn\", 1)");
    // A real warning too, in a file sorted before the errors: it must come after them.
    proef.edit(
        "cards/dilemma.ron",
        "title: (nl: \"De pers belt\", en: \"The press calls\")",
        "title: \"De pers belt\"",
    );
    for (lang, error, warning) in [("nl", ": fout: ", ": waarschuwing: "), ("en", ": error: ", ": warning: ")] {
        let (code, out) = proef.check(lang);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains("[E013]") && out.contains("[E018]"), "{out}");
        assert!(!out.contains("[W001]") && !out.contains("[W008]") && !out.contains("[W012]"), "{out}");
        assert!(out.contains("[W003]"), "{out}");
        let last_error = out.rfind(error).unwrap();
        let first_warning = out.find(warning).unwrap();
        assert!(last_error < first_warning, "errors first: {out}");
    }
}

/// 31.8: two pairs of Word quotes on one line are two problems, both named in one run.
#[test]
fn every_typographic_quote_pair_on_a_line_is_reported() {
    let proef = Proef::new();
    proef.edit(
        "cards/tweede.ron",
        "title: (nl: \"De back-up\", en: \"The backup\")",
        "title: (nl: \u{201e}De back-up\u{201d}, en: \u{201c}The backup\u{201d})",
    );
    let (_, nl) = proef.check("nl");
    assert!(nl.contains("cards/tweede.ron:4:17: fout: typografisch aanhalingsteken `\u{201e}`"), "{nl}");
    assert!(nl.contains("cards/tweede.ron:4:35: fout: typografisch aanhalingsteken `\u{201c}`"), "{nl}");
    assert_eq!(nl.matches("[E037]").count(), 2, "one report per pair: {nl}");
    let (_, en) = proef.check("en");
    assert_eq!(en.matches("error: typographic quote").count(), 2, "{en}");
}

/// 31.4: a follow-up longer than the agenda's free time is found by `check`, and `simulate` says
/// why, in Dutch by default, per number of delegations.
#[test]
fn a_follow_up_that_never_fits_is_warned_about_and_simulate_says_why() {
    let proef = Proef::new();
    // 60 minutes: opening 10, two cards of 15, closing 10: 10 free. A 15-minute follow-up never fits.
    proef.edit("cards/vervolg.ron", "minutes: 10,", "minutes: 15,");
    let (code, nl) = proef.check("nl");
    assert_eq!(code, 0, "{nl}");
    assert!(nl.contains("cards/dilemma.ron:31:13: waarschuwing: de vervolgkaart `vervolg` (15 min) past nooit in agenda `kort`: die heeft 10 minuten vrij (50 van 60 gepland); wie optie `wachten` van `dilemma` kiest, krijgt haar nooit te zien [W015]"), "{nl}");
    assert!(
        nl.contains(
            "hulp: maak ruimte: een kaart minder op `kort`, `minutes` hoger, of maak `vervolg` hoogstens 10 minuten"
        ),
        "{nl}"
    );
    let (_, en) = proef.check("en");
    assert!(en.contains("warning: the follow-up `vervolg` (15 min) never fits agenda `kort`: it has 10 minutes free (50 of 60 planned); groups choosing option `wachten` of `dilemma` never see it [W015]"), "{en}");

    let (code, nl) = weerbaar(&["simulate", "--runs", "20", "--deck", proef.path()]);
    assert_eq!(code, 1, "{nl}");
    assert!(nl.contains("20 willekeurige sessies per agenda en per aantal delegaties (2, 3 en 4)"), "{nl}");
    assert!(nl.contains("kortste: de kortste gesimuleerde sessie"), "the figure is explained: {nl}");
    assert!(nl.contains("    2 delegaties: gepland 50, kortste 50,"), "{nl}");
    assert!(nl.contains("    3 delegaties: gepland 56,"), "{nl}");
    assert!(nl.contains("    4 delegaties: gepland 62,") && nl.contains("TE LANG"), "{nl}");
    assert!(nl.contains("dilemma / wachten -> vervolg: past nooit: agenda `kort` heeft met 2 delegaties 10 minuten vrij, de vervolgkaart duurt 15"), "{nl}");
    assert!(nl.contains("vervolg (alleen te bereiken via een vervolgkaart die nooit in de tijd past"), "{nl}");
    assert!(!nl.contains("vervolg / reageren"), "the options of a card never reached are not listed again: {nl}");
    assert!(!nl.contains("sessions") && !nl.contains("never"), "all Dutch: {nl}");
    let (_, en) = weerbaar(&["simulate", "--runs", "20", "--lang", "en", "--deck", proef.path()]);
    assert!(en.contains("    2 delegations: planned 50, shortest 50,"), "{en}");
    assert!(en.contains("dilemma / wachten -> vervolg: never fits: agenda `kort` has 10 minutes free with 2 delegations, the follow-up takes 15"), "{en}");
    assert!(en.contains("shortest: the shortest simulated session"), "{en}");
}
