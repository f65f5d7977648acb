#![allow(clippy::unwrap_used)]
//! The red team's corpus (reviews of December 2026, attack rows A2–A11, M1): names, numbers and
//! addresses written the ways people and copy-paste write them, through every format of
//! `debrief --anonymize`, `debrief --group` and `series --anonymize`. After folding invisible
//! characters, look-alike letters, case and accents, no secret may survive.

use std::path::{Path, PathBuf};

use crate::series::{Plan, a, crowd, plan, play, run, unpack};
use weerbaar::anonymize::fold_str;
use weerbaar::session::Decision;

const GROUPS: [&str; 5] = ["Laren", "Krimpen aan den IJssel", "Nuenen, Gerwen en Nederwetten", "Huizen", "Blaricum"];

/// What people typed: each string holds at least one secret.
const CORPUS: &[&str] = &[
    "La\u{ad}ren koos niet",
    "La\u{200b}ren en Hui\u{200b}zen",
    "L\u{430}ren met Cyrillisch",
    "ＬＡＲＥＮ breed",
    "Laren\u{2060} met woordverbinder",
    "KRIMPEN koos niet betalen",
    "krimpen aan den ijssel ook niet",
    "in Krimpen is de CISO bezig",
    "Nuenen wil dit niet; Gerwen wel",
    "mevrouw Jansen belde",
    "Wit zei het al",
    "A. de Wit en Anna",
    "bel 06 - 1234 5678",
    "bel 06–12345678",
    "bel 06/12345678",
    "bel 035/5281911",
    "bel +31 (0) 6 - 12 34 56 78",
    "bel 31612345678",
    "bel +49 170 1234567",
    "bel (06) 12345678",
    "bel +44 20 7946 0958",
    "mail jan%40laren.nl",
    "mail jan@192.168.1.1",
    "mail jan(at)laren.nl",
    "mail j.devries[at]huizen.nl",
    "mail jan＠laren.nl",
    "mail jan[at]laren[dot]nl",
    "postcode 1251 ab",
    "postcode 1251-AB",
    "BSN 123456782",
    "IBAN NL91ABNA0417164300",
    "IBAN NL91 ABNA 0417 1643 00 bij de bank",
];

/// The secrets, folded: none may be a word of any published text, folded the same way.
const SECRETS: &[&str] = &[
    "laren",
    "huizen",
    "krimpen",
    "ijssel",
    "nuenen",
    "gerwen",
    "nederwetten",
    "blaricum",
    "jansen",
    "wit",
    "anna",
    "devries",
    "jan",
    "12345678",
    "1234",
    "5678",
    "5281911",
    "1234567",
    "7946",
    "0958",
    "123456782",
    "abna",
    "0417164300",
    "0417",
    "1251",
];

fn survivors(text: &str) -> Vec<&'static str> {
    // Tags and entities out, then the folded words.
    let mut plain = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                plain.push(' ');
            }
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let folded = fold_str(&plain);
    let words: std::collections::HashSet<&str> = folded.split(' ').collect();
    SECRETS.iter().copied().filter(|s| words.contains(fold_str(s).as_str())).collect()
}

/// Five sessions of the same five municipalities; the last one has the corpus in its
/// rationales (three strings each, spread over cards), notes and actions.
fn corpus_series(dir: &Path) -> Vec<PathBuf> {
    let cards =
        ["ransom-friday", "helpdesk-fraud-wave", "citrix-shutdown", "phishing-test-results", "open-rdp-password"];
    let deck = crate::common::deck();
    let options: Vec<String> =
        cards.iter().map(|c| deck.card(&(*c).into()).unwrap().options.first().unwrap().id.to_string()).collect();
    let chunks: Vec<String> = CORPUS.chunks(3).map(|c| c.join("; ")).collect();
    let mut logs = Vec::new();
    for s in 0..5 {
        let last = s == 4;
        let file = format!("corpus-{s}.jsonl");
        let mut p: Plan = plan(&file, (2026, 10, 1 + s), &GROUPS);
        p.facilitator = "Anna de Wit-Jansen";
        p.title = "Gooi-sessie Laren Huizen Blaricum";
        let mut played = Vec::new();
        for (k, card) in cards.iter().enumerate() {
            let answers = (0..GROUPS.len())
                .map(|g| {
                    let i = k * 3 + g.saturating_sub(2);
                    let why = if last && g >= 2 { chunks.get(i).map_or("", String::as_str) } else { "" };
                    a(options[k].as_str(), why, Decision::Unanimous, &[])
                })
                .collect();
            played.push((*card, answers));
        }
        p.cards = played;
        if last {
            p.notes = &["Zaal: KRIMPEN koos niet betalen, Huizen wel; in Krimpen is de CISO al twee jaar bezig."];
            p.actions = &[(0, "mevrouw Jansen belt 06/12345678"), (3, "mail j.devries[at]huizen.nl")];
        }
        logs.push(play(dir, p));
    }
    logs
}

/// Whether a published text quotes the corpus: its placeholders are there (markdown escapes
/// the brackets: backslashes are dropped first).
fn quoted(text: &str) -> bool {
    let text = text.replace('\\', "");
    ["telefoonnummer]", "e-mail]", "postcode]", "BSN]", "IBAN]", "naam]"].iter().all(|p| text.matches(p).count() >= 1)
        && text.matches("telefoonnummer]").count() >= 3
}

fn s(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

fn cli(args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = run(&args);
    assert!(code == 0 || code == 1, "{args:?}: {err}");
    out
}

#[test]
fn no_secret_of_the_corpus_survives_any_published_format() {
    let dir = tempfile::tempdir().unwrap();
    let logs = corpus_series(dir.path());
    let last = logs.last().unwrap();
    let aliases = dir.path().join("aliassen.txt");
    // The corpus is there to find: without anonymising, the report holds the secrets.
    let plain = cli(&["debrief".into(), s(last)]);
    assert!(survivors(&plain).len() > 15, "{:?}", survivors(&plain));

    let mut outputs: Vec<(String, String)> = Vec::new();
    for format in ["md", "html", "csv", "json", "xlsx", "docx"] {
        let file = dir.path().join(format!("verslag.{format}"));
        let mut args = vec!["debrief".into(), s(last), "--anonymize".into(), "--format".into(), format.into()];
        args.extend(["--aliases".into(), s(&aliases), "-o".into(), s(&file)]);
        cli(&args);
        let text =
            if format == "xlsx" || format == "docx" { unpack(&file) } else { std::fs::read_to_string(&file).unwrap() };
        assert!(quoted(&text), "debrief {format}: the corpus is in it:\n{text}");
        outputs.push((format!("debrief --anonymize {format}"), text));
        // One municipality's own report: no peer, in any spelling, in any format.
        let file = dir.path().join(format!("huizen.{format}"));
        cli(&[
            "debrief".into(),
            s(last),
            "--group".into(),
            "Huizen".into(),
            "--format".into(),
            format.into(),
            "-o".into(),
            s(&file),
        ]);
        let text =
            if format == "xlsx" || format == "docx" { unpack(&file) } else { std::fs::read_to_string(&file).unwrap() };
        let folded = fold_str(&text);
        for peer in ["laren", "krimpen", "ijssel", "nuenen", "gerwen", "blaricum"] {
            assert!(!folded.split(' ').any(|w| w == peer), "debrief --group Huizen {format} names {peer}");
        }
        if format == "md" {
            assert!(text.contains("# Nabespreking: Gooi-sessie (5 gemeenten) — verslag voor Huizen"), "{text}");
        }
    }
    for format in ["md", "html", "json", "xlsx"] {
        let file = dir.path().join(format!("reeks.{format}"));
        let mut args = vec!["series".into(), "--anonymize".into(), "--format".into(), format.into()];
        args.extend(["--aliases".into(), s(&aliases), "-o".into(), s(&file)]);
        args.extend(logs.iter().map(|l| s(l)));
        cli(&args);
        let text = if format == "xlsx" { unpack(&file) } else { std::fs::read_to_string(&file).unwrap() };
        assert!(quoted(&text), "series {format}: the corpus is in it:\n{text}");
        outputs.push((format!("series --anonymize {format}"), text));
    }
    for (what, text) in &outputs {
        assert!(survivors(text).is_empty(), "{what}: {:?} survive", survivors(text));
    }
    // One alias file for all: each municipality has one letter, and every report uses it.
    let table = std::fs::read_to_string(&aliases).unwrap();
    assert_eq!(table.lines().filter(|l| !l.starts_with('#')).count(), GROUPS.len(), "{table}");
}

#[test]
fn deck_words_and_ordinary_words_are_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let groups = ["Buren", "Best", "Huizen", "Laren", "Baarn"];
    let mut logs = Vec::new();
    for s in 0..5u32 {
        let file = format!("b-{s}.jsonl");
        let mut p = plan(&file, (2026, 9, 1 + s), &groups);
        p.facilitator = "Burgemeester Van der Laan";
        p.cards = vec![(
            "ransom-friday",
            groups
                .iter()
                .map(|_| {
                    a("refuse", "het beste idee kwam van de buren; de burgemeester belt", Decision::Unanimous, &[])
                })
                .collect(),
        )];
        logs.push(play(dir.path(), p));
    }
    let md = cli(&["debrief".into(), s(logs.last().unwrap()), "--anonymize".into()]);
    assert!(md.contains("het beste idee kwam van de buren; de burgemeester belt"), "{md}");
    assert!(!md.contains("[naam]"), "no role word is a name: {md}");
    let mut args = vec!["series".into(), "--anonymize".into()];
    args.extend(logs.iter().map(|l| s(l)));
    let series = cli(&args);
    assert!(series.contains("het beste idee kwam van de buren; de burgemeester belt"), "{series}");
    assert!(series.contains("bevoegdheden van de burgemeester"), "the deck's own words stay: {series}");
}

/// The small-cell rule of `play --peers`: 5 sessions and 5 municipalities, or no shares.
#[test]
fn a_published_series_shows_a_card_only_from_five_sessions_and_five_municipalities() {
    let dir = tempfile::tempdir().unwrap();
    let why = "Omdat het moet";
    let mut logs = crowd(dir.path(), 2); // 2 sessions, 4 municipalities, no words
    let four = ["Laren", "Huizen"];
    let mut p = plan("x.jsonl", (2026, 12, 1), &four);
    p.cards = vec![(
        "ransom-friday",
        vec![a("refuse", why, Decision::Unanimous, &[]), a("refuse", why, Decision::Unanimous, &[])],
    )];
    logs.push(play(dir.path(), p));
    let series = |logs: &[PathBuf], extra: &[&str]| {
        let mut args = vec!["series".to_string(), "--anonymize".into(), "--format".into(), "json".into()];
        args.extend(extra.iter().map(|e| e.to_string()));
        args.extend(logs.iter().map(|l| s(l)));
        let v: serde_json::Value = serde_json::from_str(&cli(&args)).unwrap();
        v["cards"].as_array().unwrap().iter().find(|c| c["id"] == "ransom-friday").unwrap().clone()
    };
    // 3 sessions, 6 municipalities: too few sessions.
    let card = series(&logs, &[]);
    assert_eq!(card["small"], true, "{card}");
    assert!(
        card["options"]
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["municipalities"] == 0 && o["rationales"] == serde_json::json!([]))
    );
    // 4 sessions: still too few.
    let mut p = plan("y.jsonl", (2026, 12, 2), &["Eemnes", "Baarn"]);
    p.cards = vec![(
        "ransom-friday",
        vec![a("refuse", why, Decision::Unanimous, &[]), a("pay", "", Decision::Unanimous, &[])],
    )];
    logs.push(play(dir.path(), p));
    assert_eq!(series(&logs, &[])["small"], true, "4 sessions");
    // 5 sessions, 8 municipalities: shown; "refuse" has 5 municipalities behind it (quoted), "pay" fewer.
    let mut p = plan("z.jsonl", (2026, 12, 3), &["Bussum", "Weesp"]);
    p.cards = vec![(
        "ransom-friday",
        vec![a("refuse", "", Decision::Unanimous, &[]), a("pay", "Geld", Decision::Unanimous, &[])],
    )];
    logs.push(play(dir.path(), p));
    let card = series(&logs, &[]);
    assert_eq!(card["small"], false, "5 sessions, 10 municipalities: {card}");
    let option = |id: &str| card["options"].as_array().unwrap().iter().find(|o| o["id"] == id).unwrap().clone();
    assert!(option("refuse")["municipalities"].as_u64().unwrap() >= 5, "{card}");
    assert_eq!(option("refuse")["rationales"][0], why);
    assert!(option("pay")["municipalities"].as_u64().unwrap() < 5);
    assert_eq!(
        option("pay")["rationales"],
        serde_json::json!([]),
        "an option fewer than 5 chose is quoted from no one"
    );
    // Raised: more municipalities needed.
    assert_eq!(series(&logs, &["--min-municipalities", "11"])["small"], true);
    // The gespreksleider's own (unpublished) overview shows everything.
    let mut args = vec!["series".to_string(), "--format".into(), "json".into()];
    args.extend(logs.iter().map(|l| s(l)));
    let v: serde_json::Value = serde_json::from_str(&cli(&args)).unwrap();
    assert!(v["cards"].as_array().unwrap().iter().all(|c| c["small"] == false));
}

/// Five sessions of only four municipalities: too few; a fifth municipality: shown.
#[test]
fn four_municipalities_are_too_few_and_five_enough() {
    let dir = tempfile::tempdir().unwrap();
    let pairs =
        [["Laren", "Huizen"], ["Baarn", "Eemnes"], ["Laren", "Baarn"], ["Huizen", "Eemnes"], ["Laren", "Eemnes"]];
    let mut logs: Vec<PathBuf> = pairs
        .iter()
        .enumerate()
        .map(|(i, pair)| {
            let file = format!("p-{i}.jsonl");
            let mut p = plan(&file, (2026, 9, 1 + i as u32), pair);
            p.cards = vec![(
                "ransom-friday",
                vec![a("refuse", "", Decision::Unanimous, &[]), a("pay", "", Decision::Unanimous, &[])],
            )];
            play(dir.path(), p)
        })
        .collect();
    let small = |logs: &[PathBuf]| {
        let mut args = vec!["series".to_string(), "--anonymize".into(), "--format".into(), "json".into()];
        args.extend(logs.iter().map(|l| s(l)));
        let v: serde_json::Value = serde_json::from_str(&cli(&args)).unwrap();
        v["cards"].as_array().unwrap().iter().find(|c| c["id"] == "ransom-friday").unwrap()["small"].clone()
    };
    assert_eq!(small(&logs), true, "5 sessions, 4 municipalities");
    let mut p = plan("p-5.jsonl", (2026, 9, 10), &["Weesp", "Laren"]);
    p.cards = vec![(
        "ransom-friday",
        vec![a("refuse", "", Decision::Unanimous, &[]), a("pay", "", Decision::Unanimous, &[])],
    )];
    logs.push(play(dir.path(), p));
    assert_eq!(small(&logs), false, "6 sessions, 5 municipalities");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..proptest::prelude::ProptestConfig::default() })]
    /// Whatever the redact file and the people hold (here: the deck's own words and phrases),
    /// no text of the deck changes in a published series.
    #[test]
    fn no_deck_text_changes_under_anonymisation(picks in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 1..8)) {
        use weerbaar::anonymize::{AliasTable, Anonymizer, deck_texts};
        use weerbaar::scenario::{Lang, clean};
        let deck = crate::common::deck();
        let texts = deck_texts(&deck);
        let mut words: Vec<String> = texts.iter().flat_map(|t| t.split_whitespace().map(String::from)).collect();
        words.extend(texts.iter().map(|t| t.chars().take(30).collect::<String>()));
        let picked: Vec<String> = picks.iter().map(|i| i.get(&words).clone()).collect();
        let dir = tempfile::tempdir().unwrap();
        let log = crate::common::fixture_log(dir.path(), "s.jsonl", ["Buren", "Best"], 3);
        let mut a = Anonymizer::new(AliasTable::new(), picked.clone(), Lang::Nl);
        a.add_people(picked.iter().map(String::as_str));
        let mut series = weerbaar::series::Series::new(Lang::Nl, None);
        series.add_path(&log);
        let r = series.report(Some(&mut a));
        for c in &r.cards {
            let card = deck.card(&c.id.as_str().into()).unwrap();
            proptest::prop_assert_eq!(&c.title, &clean(&card.title.nl).into_owned());
            for o in &c.options {
                let option = card.options.iter().find(|x| x.id.as_str() == o.id).unwrap();
                proptest::prop_assert_eq!(&o.label, &clean(&option.label.nl).into_owned());
            }
        }
        for o in &r.objectives {
            let objective = deck.manifest.objectives.iter().find(|x| x.id.as_str() == o.id).unwrap();
            proptest::prop_assert_eq!(&o.text, &clean(&objective.text.nl).into_owned());
        }
    }
}

/// `-o -` is standard output, never a file called `-`.
#[test]
fn dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let log = crate::common::fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 1);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_weerbaar"))
        .current_dir(dir.path())
        .args(["debrief", "s.jsonl", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("# Nabespreking"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_weerbaar"))
        .current_dir(dir.path())
        .args(["series", "s.jsonl", "--format", "xlsx", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stdout.starts_with(b"PK"), "the workbook on standard output");
    assert!(!dir.path().join("-").exists(), "no file called -");
    drop(log);
}

/// A card closed before the reveal: its answers are in no report and no format by default;
/// `--include-unrevealed` puts them in, marked ("getoond: nee" in csv and xlsx).
#[test]
fn answers_never_revealed_stay_out_unless_asked_for_and_then_are_marked() {
    use weerbaar::session::{Command, GroupId, Session};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("u.jsonl");
    let clock = crate::common::clock();
    let setup = crate::common::setup("Gooi-sessie", &["Laren", "Huizen", "Blaricum"], "gemengd");
    let mut s = Session::start(crate::common::deck(), setup, &path, clock.clone()).unwrap();
    for (card, reveal, why) in
        [("ransom-friday", true, "Openlijk gezegd"), ("young-hacker-halt", false, "GEHEIM-ANTWOORD")]
    {
        s.execute(Command::OpenCard(card.into())).unwrap();
        let option = crate::common::deck().card(&card.into()).unwrap().options[0].id.clone();
        for g in 0..(if reveal { 3u8 } else { 2 }) {
            clock.advance_secs(30);
            let choice = Command::RecordChoice {
                group: GroupId(g),
                option: option.clone(),
                rationale: why.into(),
                decision: Decision::Unanimous,
                dissent: Vec::new(),
            };
            s.execute(choice).unwrap();
        }
        if reveal {
            s.execute(Command::Reveal).unwrap();
        }
        s.execute(Command::CloseCard).unwrap();
    }
    s.execute(Command::End).unwrap();
    drop(s);
    let render = |extra: &[&str], format: &str, group: Option<&str>| {
        let file = dir.path().join(format!("out-{}-{format}-{}", extra.len(), group.unwrap_or("all")));
        let mut args = vec!["debrief".to_string(), s_(&path), "--format".into(), format.into(), "-o".into(), s_(&file)];
        args.extend(extra.iter().map(|e| e.to_string()));
        if let Some(g) = group {
            args.extend(["--group".to_string(), g.to_string()]);
        }
        cli(&args);
        if format == "xlsx" || format == "docx" { unpack(&file) } else { std::fs::read_to_string(&file).unwrap() }
    };
    for group in [None, Some("Huizen"), Some("Blaricum")] {
        for format in ["md", "html", "csv", "json", "xlsx", "docx"] {
            let text = render(&[], format, group);
            assert!(text.contains("Openlijk gezegd"), "{format} {group:?}: the revealed answer");
            assert!(!text.contains("GEHEIM-ANTWOORD"), "{format} {group:?}: an unrevealed answer");
        }
    }
    let csv = render(&["--include-unrevealed"], "csv", None);
    assert!(csv.contains("GEHEIM-ANTWOORD"), "{csv}");
    let mut rows = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "getoond").expect("a getoond column");
    for row in rows.filter(|r| r.contains("GEHEIM-ANTWOORD") || r.contains("Openlijk gezegd")) {
        let cells: Vec<&str> = row.split(',').collect();
        let want = if row.contains("GEHEIM") { "nee" } else { "ja" };
        assert_eq!(cells[at], want, "{row}");
    }
    let xlsx = render(&["--include-unrevealed"], "xlsx", None);
    assert!(xlsx.contains("GEHEIM-ANTWOORD") && xlsx.contains(">getoond<"), "the workbook has the column");
}

fn s_(p: &Path) -> String {
    s(p)
}
