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

/// 31.5: every empty text is named, in the deck as in a card; an optional one left `""` too.
#[test]
fn every_empty_text_is_named() {
    let proef = Proef::new();
    proef.edit("deck.ron", "title: (nl: \"Korte sessie\", en: \"Short session\")", "title: \"\"");
    proef.edit("deck.ron", "text: (nl: \"Weten wie beslist\", en: \"Know who decides\")", "text: \"\"");
    proef.edit("deck.ron", "label: (nl: \"Vertrouwen\", en: \"Trust\")", "label: \"\"");
    proef.edit("cards/vervolg.ron", "    ],\n)", "    ],\n    notes: \"\",\n    references: [\"\"],\n)");
    let (code, nl) = proef.check("nl");
    assert_eq!(code, 1, "{nl}");
    for expected in [
        "deck.ron:17:13: fout: de titel van agenda `kort` is leeg [E017]",
        "deck.ron:8:29: fout: de tekst van doel `wie-beslist` is leeg [E017]",
        "deck.ron:11:28: fout: het label van dimensie `vertrouwen` is leeg [E017]",
        "cards/vervolg.ron:24:18: fout: de eerste bron van kaart `vervolg` is leeg [E017]",
        "cards/vervolg.ron:23:5: waarschuwing: de notitietekst van kaart `vervolg` is leeg [W016]",
    ] {
        assert!(nl.contains(expected), "{expected}: {nl}");
    }
    let (_, en) = proef.check("en");
    assert!(en.contains("error: the title of agenda `kort` is empty [E017]"), "{en}");
    assert!(en.contains("warning: the notes text of card `vervolg` is empty [W016]"), "{en}");
    assert!(en.contains("help: write the text, or delete the line `notes: \"\"`: it may be left out"), "{en}");

    // `proof` prints no empty heading: the agenda's id stands in for its title.
    let proef = Proef::new();
    proef.edit("deck.ron", "title: (nl: \"Korte sessie\", en: \"Short session\")", "title: \"\"");
    proef.edit("deck.ron", "title: (nl: \"Proefdeck\", en: \"Trial deck\")", "title: \"\"");
    for lang in ["nl", "en"] {
        let (code, out) = weerbaar(&["proof", "--lang", lang, "--deck", proef.path()]);
        assert_eq!(code, 2, "an empty title is an error, so the deck is refused: {out}");
    }
}

/// 31.6: messages in the author's words, with the caret where the author looks.
#[test]
fn messages_name_things_in_the_authors_words() {
    let proef = Proef::new();
    proef.edit("cards/dilemma.ron", "(nl: \"Wie spreekt?\", en: \"Who speaks?\")", "\"\"");
    proef.edit(
        "cards/dilemma.ron",
        "consequence: (nl: \"De krant schrijft zonder u.\", en: \"The paper writes without you.\")",
        "consequence: \"\"",
    );
    proef.edit("cards/tweede.ron", "roles: [Mayor, Ciso]", "roles: [Burgemeester, Wethouder]");
    proef.edit("cards/vervolg.ron", "title:", "titel:");
    let (_, nl) = proef.check("nl");
    assert!(nl.contains("cards/dilemma.ron:11:9: fout: de tweede vraag van kaart `dilemma` is leeg [E017]"), "{nl}");
    assert!(nl.contains("11 |         \"\",\n   |         ^^"), "the caret on the question: {nl}");
    assert!(nl.contains("fout: het gevolg van optie `zwijgen` van kaart `dilemma` is leeg [E017]"), "{nl}");
    assert!(nl.contains("fout: onbekende waarde `Wethouder` voor een rol [E007]"), "{nl}");
    assert!(nl.contains("mogelijk zijn: Burgemeester, Gemeentesecretaris, CISO, FG, OOV, Communicatie"), "{nl}");
    assert!(nl.contains("fout: onbekend veld `titel` in de kaart [E002]"), "{nl}");
    assert!(!nl.contains("questions[") && !nl.contains("options[") && !nl.contains(" in Card"), "{nl}");
    let (_, en) = proef.check("en");
    assert!(en.contains("error: the second question of card `dilemma` is empty [E017]"), "{en}");
    assert!(en.contains("error: the consequence of option `zwijgen` of card `dilemma` is empty [E017]"), "{en}");
    assert!(en.contains("expected one of: Mayor, MunicipalSecretary, Ciso, DataProtectionOfficer, PublicOrderAdviser, CommunicationsAdviser"), "{en}");
    assert!(en.contains("error: unknown field `titel` in the card [E002]"), "{en}");
}

/// 31.7: `new card` writes every field the guide promises, and the theme as the author asked.
#[test]
fn a_new_card_has_every_field_and_the_theme_as_asked() {
    let proef = Proef::new();
    for (asked, written, lang) in
        [("Leiderschap", "theme: Leiderschap,", "nl"), ("Leadership", "theme: Leadership,", "en")]
    {
        let id = format!("nieuw-{lang}");
        let (code, out) = weerbaar(&["new", "card", &id, "--theme", asked, "--lang", lang, "--deck", proef.path()]);
        assert_eq!(code, 0, "{out}");
        let card = std::fs::read_to_string(proef.file(&format!("cards/{id}.ron"))).unwrap();
        assert!(card.contains(written), "{card}");
        for field in [
            "objectives: [\"wie-beslist\"]",
            "injects:",
            "questions:",
            "options:",
            "effects:",
            "follow_up",
            "notes:",
            "references:",
            "practices:",
            "tags:",
        ] {
            assert!(card.contains(field), "{field} is missing: {card}");
        }
    }
    // The theme as written is one the loader reads: the card's only problems are its empty texts.
    let (_, out) = proef.check("en");
    assert!(!out.contains("[E007]") && !out.contains("[E002]") && !out.contains("[E001]"), "{out}");
    let (code, out) = weerbaar(&["new", "card", "x", "--theme", "Sport", "--deck", proef.path()]);
    assert_eq!(code, 2);
    assert!(
        out.contains("onbekend thema `Sport`: kies Leiderschap, EigenHuis, Ontwrichting of DigitaleCriminaliteit"),
        "{out}"
    );
}

/// 31.9: `proof` reads in agenda order (each card followed by its follow-ups), and `--lang both`
/// puts the English under the Dutch per card.
#[test]
fn proof_follows_the_agenda_and_shows_both_languages() {
    let proef = Proef::new();
    proef.edit("deck.ron", "cards: [\"dilemma\", \"tweede\"]", "cards: [\"tweede\", \"dilemma\"]");
    let (code, nl) = weerbaar(&["proof", "--deck", proef.path()]);
    assert_eq!(code, 0, "{nl}");
    let at = |text: &str, heading: &str| text.find(heading).unwrap_or_else(|| panic!("{heading}: {text}"));
    let (tweede, dilemma, vervolg) = (
        at(&nl, "### De back-up (`tweede`)"),
        at(&nl, "### De pers belt (`dilemma`)"),
        at(&nl, "### Een dag later (`vervolg`)"),
    );
    assert!(tweede < dilemma && dilemma < vervolg, "agenda order, the follow-up after its card: {nl}");
    let (_, en) = weerbaar(&["proof", "--lang", "en", "--deck", proef.path()]);
    assert!(at(&en, "### The backup (`tweede`)") < at(&en, "### The press calls (`dilemma`)"), "{en}");

    let (code, both) = weerbaar(&["proof", "--lang", "both", "--deck", proef.path()]);
    assert_eq!(code, 0, "{both}");
    let nl_card = at(&both, "### De pers belt (`dilemma`)");
    let en_card = at(&both, "#### English: The press calls (`dilemma`)");
    let next = at(&both, "### Een dag later (`vervolg`)");
    assert!(nl_card < en_card && en_card < next, "Dutch, then English, then the next card: {both}");
    assert!(
        both.contains("Gevolg: De krant schrijft zonder u.")
            && both.contains("Consequence: The paper writes without you."),
        "{both}"
    );
    assert!(!both.contains("\n### \n") && !both.contains("\n#### English:  ("), "no empty heading: {both}");
}

/// 31.5: even handed a deck with empty titles (which `check` refuses), the proof copy prints the
/// id instead of an empty heading.
#[test]
fn the_proof_never_prints_an_empty_heading() {
    let proef = Proef::new();
    proef.edit("deck.ron", "title: (nl: \"Korte sessie\", en: \"Short session\")", "title: \"\"");
    proef.edit("deck.ron", "title: (nl: \"Proefdeck\", en: \"Trial deck\")", "title: \"\"");
    proef.edit("cards/tweede.ron", "title: (nl: \"De back-up\", en: \"The backup\")", "title: \"\"");
    let loaded = weerbaar::scenario::load(Some(proef.dir.path())).unwrap();
    let deck = loaded.deck.unwrap();
    for lang in [weerbaar::scenario::Lang::Nl, weerbaar::scenario::Lang::En] {
        let text = weerbaar::scenario::present::proof(&deck, lang);
        assert!(text.starts_with("# `proef`\n"), "{text}");
        assert!(text.contains("### `kort` ("), "{text}");
        assert!(text.contains("### `tweede` (`tweede`)"), "{text}");
        assert!(!text.lines().any(|l| l.trim_end_matches('#').trim().is_empty() && l.starts_with('#')), "{text}");
        assert!(!text.contains("# (") && !text.contains("#  ("), "{text}");
    }
}
