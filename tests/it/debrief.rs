#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Reports from a session log, in every format and both languages, read the way their users
//! read them: a Markdown file, a spreadsheet, a browser.

use crate::common::tools::{Tool, need};
use std::path::PathBuf;
use std::process::Command as Process;

use crate::common;

use common::{deck, fixture_log};
use weerbaar::debrief::{Format, Options, Report, load_log};
use weerbaar::scenario::Lang;

fn report(paths: &[PathBuf], lang: Lang, anonymize: bool, format: Format) -> String {
    report_with(paths, lang, Options { anonymize, ..Options::default() }, format)
}

fn report_with(paths: &[PathBuf], lang: Lang, options: Options, format: Format) -> String {
    let d = deck();
    let sessions = paths.iter().map(|p| load_log(p, &d).unwrap()).collect();
    let text = Report::with(&d, lang, sessions, options).render(format).unwrap();
    // The paths of temporary directories differ per run.
    let mut text = text;
    for p in paths {
        if let Some(dir) = p.parent() {
            text = text.replace(&dir.display().to_string(), "<tmp>");
        }
    }
    text
}

#[test]
fn golden_reports_in_every_format_and_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    for lang in [Lang::Nl, Lang::En] {
        for (format, ext) in [(Format::Markdown, "md"), (Format::Html, "html"), (Format::Csv, "csv")] {
            insta::assert_snapshot!(
                format!("report_{}_{ext}", lang.code()),
                report(std::slice::from_ref(&log), lang, false, format)
            );
        }
    }
    let json = report(std::slice::from_ref(&log), Lang::Nl, false, Format::Json);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["setup"]["groups"][1]["name"], "Krimpen aan den IJssel");
    assert_eq!(value["plays"].as_array().unwrap().len(), 3);
    assert_eq!(value["actions"][1]["what"], "Back-ups offline testen");
    assert_eq!(value["skipped"][0], "telegram-riot-call");
}

#[test]
fn csv_is_rfc_4180_with_a_bom_dutch_labels_and_every_record_type() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Súdwest-Fryslân"], 11);
    let text = report(&[log], Lang::Nl, false, Format::Csv);
    let body = text.strip_prefix('\u{feff}').expect("a UTF-8 byte-order mark for Excel");
    assert!(body.contains("\r\n"), "CRLF line ends (RFC 4180)");
    assert!(body.starts_with("Soort;Sessie;"), "semicolons, which Dutch Excel splits on: {body}");
    let mut reader = common::csv_reader(body);
    let headers = reader.headers().unwrap().clone();
    let col =
        |name: &str| headers.iter().position(|h| h == name).unwrap_or_else(|| panic!("no column {name}: {headers:?}"));
    assert_eq!(&headers[0], "Soort");
    for h in [
        "Sessie",
        "Datum",
        "Kaart",
        "Thema",
        "Gemeente",
        "Keuze",
        "Besluitvorming",
        "Toelichting",
        "Wat",
        "Eigenaar",
        "Wanneer",
        "Stand",
        "Notitie",
    ] {
        col(h);
    }
    assert!(!headers.iter().any(|h| h.contains('_')), "no snake_case: {headers:?}");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let of = |kind: &str| rows.iter().filter(|r| &r[0] == kind).collect::<Vec<_>>();
    assert_eq!(of("keuze").len(), 6, "one row per card per group");
    assert_eq!(of("actie").len(), 2);
    assert_eq!(of("notitie").len(), 1, "the room note; not the group's or the private one");
    let choices = of("keuze");
    assert_eq!(&choices[0][col("Gemeente")], "Laren");
    assert_eq!(&choices[1][col("Gemeente")], "Súdwest-Fryslân", "accents intact");
    assert_eq!(&choices[0][col("Thema")], "Digitale criminaliteit", "themes in words");
    assert_eq!(&choices[1][col("Besluitvorming")], "meerderheid");
    assert_eq!(&choices[2][col("Besluitvorming")], "burgemeester besliste", "not mayordecided");
    assert_eq!(
        &choices[0][col("Toelichting")],
        "Past bij ons \"buurtnetwerk\", ook al kost het tijd,\nen geld",
        "commas, quotes and line breaks survive"
    );
    assert_eq!(&choices[1][col("Toelichting")], "'=1+1 werkt niet in een spreadsheet", "formulas are defused");
    assert_eq!(&choices[1][col("Afwijkend")], "CISO");
    assert_eq!(&choices[1][col("Effect op Financiën")], "-1", "numbers stay numbers");
    assert_eq!(&choices[0][col("Datum")], "2026-11-23");
    let actions = of("actie");
    assert_eq!(&actions[0][col("Wanneer")], "2027-03-01");
    assert_eq!(&actions[0][col("Eigenaar")], "gemeentesecretaris");
    assert_eq!(&actions[0][col("Kaart")], "Vrijdag 17.00 uur: alles staat op slot");

    let en = report(&[dir.path().join("sessie.jsonl")], Lang::En, false, Format::Csv);
    let first = en.lines().next().unwrap();
    assert!(first.starts_with("\u{feff}Record,Session,Date,Card,Theme,Played for,Municipality,Asked"), "{first}");
    assert!(!en.contains("Gemeente") && !en.contains("keuze,"), "one language per file");
}

#[test]
fn html_escapes_every_text() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren <b>", "Krimpen aan den IJssel"], 11);
    let html = report(&[log], Lang::En, false, Format::Html);
    assert!(!html.contains("<script>"), "a note must never become a script");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    assert!(!html.contains("Laren <b>"));
    assert!(html.contains("Laren &lt;b&gt;"));
    assert!(
        !html.contains("http://")
            || html.matches("http://").all(|_| html.contains("xmlns=\"http://www.w3.org/2000/svg\""))
    );
    assert!(!html.contains("<link") && !html.contains("src="), "self-contained: no external assets");
}

#[test]
fn html_renders_in_headless_chromium() {
    if !need(Tool::Chromium) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let html_path = dir.path().join("report.html");
    std::fs::write(&html_path, report(&[log], Lang::Nl, false, Format::Html)).unwrap();
    let shot = dir.path().join("report.png");
    let profile = dir.path().join("profile");
    let chromium = crate::common::tools::chromium();
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ];
    let url = crate::common::tools::file_url(&html_path);
    let out = Process::new(&chromium)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1200,2400")
        .arg(&url)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let png = std::fs::read(&shot).unwrap();
    assert_eq!(&png[1..4], b"PNG");
    assert!(png.len() > 20_000, "the screenshot is not blank ({} bytes)", png.len());

    // The browser's own view of the page: the note is text, never an element.
    let dom = Process::new(&chromium)
        .args(common)
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&dom.stdout);
    assert!(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "{dom}");
    assert!(!dom.contains("<script>"));
    assert!(dom.contains("<svg"), "charts are inline SVG");
}

#[test]
fn several_logs_are_compared_and_anonymized_consistently() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixture_log(dir.path(), "a.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let b = fixture_log(dir.path(), "b.jsonl", ["Uithoorn", "Laren"], 12);
    let md = report(&[a.clone(), b.clone()], Lang::Nl, false, Format::Markdown);
    assert!(md.contains("# Over alle sessies (2 sessies, 4 delegaties)"), "{md}");
    assert!(md.contains(
        "| Samen met welzijn en de seniorenvereniging 'digibuddies' opleiden die langsgaan en uitleggen. | 2 |"
    ));

    let anon = report(&[a.clone(), b], Lang::En, true, Format::Markdown);
    for name in ["Laren", "Krimpen", "Uithoorn", "Rian"] {
        assert!(!anon.contains(name), "{name} is still in the anonymized report");
    }
    // Titles name the municipalities: they become neutral. Aliases are drawn at random, and Laren
    // has the same one in both sessions.
    let (first, second) = anon.split_once("# Debrief: Session 2").expect("the second session by number");
    assert!(first.contains("# Debrief: Session 1"), "{anon}");
    let aliases = |text: &str| -> std::collections::BTreeSet<String> {
        text.match_indices("Municipality ")
            .filter_map(|(i, _)| text.get(i + 13..i + 14))
            .filter(|c| c.chars().all(|c| c.is_ascii_uppercase()))
            .map(String::from)
            .collect()
    };
    let (a1, a2) = (aliases(first), aliases(second));
    assert_eq!((a1.len(), a2.len()), (2, 2), "{first}\n{second}");
    assert_eq!(a1.intersection(&a2).count(), 1, "Laren, in both sessions, under one alias: {a1:?} {a2:?}");
    assert!(!anon.contains("a.jsonl") && !anon.contains("b.jsonl"), "file names are not printed");
    assert!(!anon.contains("twijfelde over de kosten"), "a group's note is for its own report only");
    let own = report_with(
        &[a],
        Lang::En,
        Options { anonymize: true, group: Some("krimpen aan den ijssel".into()), ..Options::default() },
        Format::Markdown,
    );
    let (_, after) = own.split_once(" twijfelde over de kosten").map(|(b, _)| ((), b)).unwrap();
    let alias = after.rsplit("Municipality ").next().unwrap().to_string();
    assert!(alias.chars().all(|c| c.is_ascii_uppercase()), "its own note under its alias: {own}");
    assert!(!own.contains("Krimpen") && !own.contains("Laren"), "{own}");
    let others: std::collections::BTreeSet<&str> = own
        .match_indices("Municipality ")
        .filter_map(|(i, _)| own.get(i + 13..i + 13 + alias.len()))
        // The attendees table's column "Municipality" is no alias.
        .filter(|a| a.chars().all(|c| c.is_ascii_uppercase()))
        .collect();
    assert_eq!(others.len(), 1, "peers stay unnamed, only its own alias appears: {own}");
}

fn weerbaar(args: &[&str]) -> (i32, String, String) {
    let out = Process::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_damaged_log_is_described_in_dutch_on_a_dutch_report() {
    let dir = tempfile::tempdir().unwrap();
    // A line of 2 MiB in the middle (a pasted file): skipped unread, said in Dutch, the rest kept.
    let log = fixture_log(dir.path(), "lang.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let text = std::fs::read_to_string(&log).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines.insert(3, "x".repeat(2 << 20));
    std::fs::write(&log, lines.join("\n") + "\n").unwrap();
    let (code, out, err) = weerbaar(&["debrief", log.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("regel 4: onleesbare gebeurtenis, overgeslagen (langer dan 1024 KiB)"), "{err}");
    assert!(out.contains("langer dan 1024 KiB") && !out.contains("longer than"), "the report says it in Dutch");
    assert!(out.contains("Losgeldscenario in het crisisplan"), "everything intact is in the report");
    let (_, out, _) = weerbaar(&["debrief", log.to_str().unwrap(), "--lang", "en"]);
    assert!(out.contains("line 4: unreadable event, skipped (longer than 1024 KiB)"), "and in English on request");

    // A deck in the header whose files were changed afterwards: refused with the reason, in Dutch.
    let log = fixture_log(dir.path(), "deck.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let text = std::fs::read_to_string(&log).unwrap();
    let (header, rest) = text.split_once('\n').unwrap();
    let mut value: serde_json::Value = serde_json::from_str(header).unwrap();
    fn first_files(v: &mut serde_json::Value) -> Option<&mut serde_json::Value> {
        let serde_json::Value::Object(map) = v else { return None };
        if map.contains_key("files") && map.contains_key("digest") {
            return map.get_mut("files");
        }
        map.values_mut().find_map(first_files)
    }
    let files = first_files(&mut value).expect("the header records the deck");
    let text_of_first = files[0]["text"].as_str().unwrap().to_string();
    files[0]["text"] = serde_json::Value::String(format!("{text_of_first}\n// later bijgewerkt\n"));
    std::fs::write(&log, format!("{value}\n{rest}")).unwrap();
    // (`debrief` goes on with the bundled deck and a warning; `review` needs the deck played.)
    let (code, _, err) = weerbaar(&["review", log.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("het deck in het logboek is onleesbaar (de bestanden horen niet bij de vastgelegde vingerafdruk)"),
        "{err}"
    );
    assert!(!err.contains("digest"), "{err}");
}

#[test]
fn a_truncated_log_still_gives_a_report_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let bytes = std::fs::read(&log).unwrap();
    let lines = bytes.split(|b| *b == b'\n').count() - 1;
    std::fs::write(&log, &bytes[..bytes.len() - 30]).unwrap();
    let (code, out, err) = weerbaar(&["debrief", log.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&format!("regel {lines}: de laatste regel is onvolledig")), "{err}");
    assert!(
        out.contains(&format!("regel {lines}: de laatste regel is onvolledig")),
        "the report names the bad line too"
    );
    assert!(out.contains("Losgeldscenario in het crisisplan"), "everything intact is in the report");
    assert!(out.contains("(sessie niet afgesloten)"));

    let (code, _, _) = weerbaar(&["debrief", "Cargo.toml"]);
    assert_eq!(code, 2);
    let clean = fixture_log(dir.path(), "clean.jsonl", ["Laren", "Blaricum"], 3);
    let out_file = dir.path().join("r.html");
    let (code, _, err) =
        weerbaar(&["debrief", clean.to_str().unwrap(), "--format", "html", "-o", out_file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(out_file).unwrap().starts_with("<!DOCTYPE html>"));
}

#[test]
fn the_next_debrief_shows_what_became_of_the_previous_actions() {
    use chrono::TimeZone;
    use weerbaar::debrief::previous_actions;
    use weerbaar::session::{Command, GroupSetup, ManualClock, Progress, Session, Setup};
    let dir = tempfile::tempdir().unwrap();
    let first = fixture_log(dir.path(), "eerste.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let previous = load_log(&first, &deck()).unwrap();
    let actions = previous_actions(&previous.state);
    assert_eq!(actions.len(), 2);

    let c =
        ManualClock::new(chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2027, 3, 1, 14, 0, 0).unwrap());
    let setup = Setup {
        groups: previous
            .state
            .setup
            .groups
            .iter()
            .map(|g| GroupSetup { name: g.name.clone(), roles: g.roles.clone() })
            .collect(),
        title: "Tweede sessie".into(),
        ..previous.state.setup.clone()
    };
    let second = dir.path().join("tweede.jsonl");
    let mut s = Session::start(deck(), setup, &second, c).unwrap();
    s.execute(Command::OpenFollowUp { from: "eerste.jsonl".into(), actions }).unwrap();
    s.execute(Command::RecordProgress { index: 0, status: Progress::Done }).unwrap();
    s.execute(Command::RecordProgress { index: 1, status: Progress::NotStarted }).unwrap();
    s.execute(Command::End).unwrap();

    let md = report(std::slice::from_ref(&second), Lang::Nl, false, Format::Markdown);
    assert!(md.contains("*Vervolg op: uit eerste.jsonl*"), "{md}");
    assert!(
        md.contains(
            "### Laren\n\nLaren: 1 van 1 gedaan\n\n| Wat | Eigenaar | Wanneer | Kaart | Stand |\n|---|---|---|---|---|\n| Losgeldscenario in het crisisplan | gemeentesecretaris | 1-3-2027 | Vrijdag 17.00 uur: alles staat op slot (vorige sessie) | gedaan |"
        ),
        "{md}"
    );
    // Not done: carried over (a follow-up written before follow-ups had dates says only that).
    assert!(md.contains("| Back-ups offline testen | CISO | 31-3-2027 | Vrijdag 17.00 uur: alles staat op slot (overgenomen) | niet begonnen |"), "{md}");
    let anon = report(&[second], Lang::En, true, Format::Html);
    assert!(!anon.contains("Laren") && anon.contains("Municipality "), "{anon}");
}

#[test]
fn escape_sequences_never_reach_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let log =
        fixture_log(dir.path(), "sessie.jsonl", ["Laren\u{1b}[2J", "Krimpen\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}"], 11);
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        let text = report(std::slice::from_ref(&log), Lang::Nl, false, format);
        let bad: Vec<char> =
            text.chars().filter(|c| (c.is_control() && !matches!(c, '\n' | '\r' | '\t')) || *c == '\u{202e}').collect();
        assert!(bad.is_empty(), "{format:?} holds control characters {bad:?}");
    }
    // JSON keeps the data exactly as typed, as escapes: a tool reading it sees the same names.
    let json: serde_json::Value =
        serde_json::from_str(&report(std::slice::from_ref(&log), Lang::Nl, false, Format::Json)).unwrap();
    assert_eq!(json["setup"]["groups"][1]["name"], "Krimpen\u{1b}]52;c;ZXZpbA==\u{7}\u{202e}");
}

/// A session whose names, notes, rationales and actions carry `text`, written through the engine.
fn hostile_log(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
    use weerbaar::session::{Command, Decision, GroupId, Session, Visibility};
    let path = dir.join(name);
    let mut setup = common::setup(&format!("Sessie {text}"), &["Laren", "Blaricum"], "gemengd");
    setup.groups[0].name = format!("Laren {text}");
    let c = common::clock();
    let mut s = Session::start(deck(), setup, &path, c.clone()).unwrap();
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    for g in 0..2 {
        s.execute(Command::RecordChoice {
            group: GroupId(g),
            option: "ambassadors".into(),
            // The second group's rationale is the text itself, so it can start with "=".
            rationale: if g == 0 { format!("Omdat {text}") } else { text.to_string() },
            decision: Decision::Majority,
            dissent: vec![],
        })
        .unwrap();
    }
    s.execute(Command::Reveal).unwrap();
    let note = |about, visibility| Command::AddNoteAs { about, text: format!("Notitie {text}"), visibility };
    s.execute(note(None, Visibility::Room)).unwrap();
    s.execute(note(Some(GroupId(0)), Visibility::Group)).unwrap();
    s.execute(Command::AddNote { about: None, text: format!("{} {text}", common::PRIVATE_NOTE) }).unwrap();
    s.execute(Command::AddActionItem {
        group: GroupId(0),
        what: format!("Actie {text}"),
        owner: weerbaar::session::Owner::Other(format!("wethouder {text}")),
        due: chrono::NaiveDate::from_ymd_opt(2027, 3, 31),
        card: Some("helpdesk-fraud-wave".into()),
    })
    .unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    path
}

/// What a Markdown renderer makes of a report: every text run, and whether the input became a
/// link, an image, raw HTML or code.
fn commonmark(md: &str) -> (String, Vec<String>) {
    use pulldown_cmark::{Event, Options as Md, Parser, Tag};
    let mut text = String::new();
    let mut markup = Vec::new();
    // The test helpers write "<tmp>" for the temporary directory of the log's path.
    let md = &md.replace("<tmp>", "tmp");
    let options = Md::ENABLE_TABLES | Md::ENABLE_STRIKETHROUGH | Md::ENABLE_TASKLISTS | Md::ENABLE_FOOTNOTES;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Text(t) => text.push_str(&t),
            Event::Start(Tag::Link { dest_url, .. }) => markup.push(format!("link to {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => markup.push(format!("image {dest_url}")),
            Event::Start(Tag::CodeBlock(_)) => markup.push("code block".into()),
            Event::Start(Tag::Strikethrough) => markup.push("strikethrough".into()),
            Event::Html(h) | Event::InlineHtml(h) => markup.push(format!("html {h}")),
            Event::Code(c) => markup.push(format!("code {c}")),
            Event::FootnoteReference(f) => markup.push(format!("footnote {f}")),
            Event::End(_) | Event::SoftBreak | Event::HardBreak => text.push('\n'),
            _ => {}
        }
    }
    (text, markup)
}

/// What a hostile text looks like once cleaned for a report: no controls, one line.
fn as_reported(text: &str) -> String {
    let cleaned = weerbaar::scenario::clean(text);
    cleaned.replace(['\n', '\r'], " ").trim().to_string()
}

const HOSTILE: &str = "\\[het verslag\\](javascript:alert(1)) <script>x</script> a\\|b | **vet** =HYPERLINK(\"http://x\") \u{1b}]0;PWNED\u{7} \u{85}c1 `code` ![img](http://x/i.png) <http://x> ~~weg~~ &amp; [^1]";

#[test]
fn markdown_of_a_hostile_log_has_no_link_image_or_html_from_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let log = hostile_log(dir.path(), "vijandig.jsonl", HOSTILE);
    for lang in [Lang::Nl, Lang::En] {
        for options in [Options::default(), Options { group: Some(format!("Laren {HOSTILE}")), ..Options::default() }] {
            let md = report_with(std::slice::from_ref(&log), lang, options, Format::Markdown);
            let (text, markup) = commonmark(&md);
            assert!(markup.is_empty(), "{markup:?}\n{md}");
            let want = as_reported(HOSTILE);
            assert!(text.contains(&format!("Omdat {want}")), "the rationale is intact as text:\n{text}\n{md}");
            assert!(text.contains(&format!("Notitie {want}")), "the room note is intact as text:\n{text}");
            assert!(!text.contains("PWNED\u{7}") && !md.contains('\u{1b}') && !md.contains('\u{85}'));
        }
    }
}

use proptest::strategy::Strategy as _;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..Default::default() })]

    #[test]
    fn markdown_escaping_holds_for_any_mix_of_markup(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::sample::select(vec![
                    "\\", "[", "]", "(", ")", "](javascript:alert(1))", "<", ">", "<img src=x onerror=y>", "|",
                    "*", "**", "_", "__", "`", "```", "~", "~~", "#", "# ", "- ", "+ ", "1. ", "2) ", "> ", "    ",
                    "!", "![", "&", "&lt;", "&#91;", "=", "==", "---", "\n", "\r\n", "\t", "\u{1b}[2J", "\u{85}",
                    "\u{9b}31m", "http://x.nl", "www.x.nl", "<http://x>", "[^1]", "[x]: http://y", ":", "\"", "'",
                ]).prop_map(String::from),
                "[a-zA-Z0-9 ]{1,6}",
            ],
            1..12,
        )
    ) {
        let text: String = parts.concat();
        proptest::prop_assume!(!as_reported(&text).is_empty());
        let dir = tempfile::tempdir().unwrap();
        let log = hostile_log(dir.path(), "p.jsonl", &text);
        let md = report(std::slice::from_ref(&log), Lang::Nl, false, Format::Markdown);
        let (rendered, markup) = commonmark(&md);
        proptest::prop_assert!(markup.is_empty(), "{:?} from {:?}\n{}", markup, text, md);
        let want = as_reported(&format!("Omdat {text}"));
        proptest::prop_assert!(rendered.contains(&want), "{:?} lost in\n{}\n{}", want, rendered, md);
    }
}

#[test]
fn no_private_note_reaches_any_format_unless_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let hostile = hostile_log(dir.path(), "vijandig.jsonl", HOSTILE);
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        for group in [None, Some("Laren".to_string())] {
            let options = Options { group: group.clone(), ..Options::default() };
            let text = report_with(&[log.clone(), hostile.clone()], Lang::Nl, options, format);
            assert!(!text.contains("Niet in het verslag"), "{format:?} {group:?} shows a private note:\n{text}");
        }
    }
    let own = report_with(
        std::slice::from_ref(&log),
        Lang::Nl,
        Options { include_private: true, ..Options::default() },
        Format::Markdown,
    );
    assert!(own.contains("Niet in het verslag"), "--include-private shows it:\n{own}");
}

#[test]
fn json_escapes_c0_and_c1_controls() {
    let dir = tempfile::tempdir().unwrap();
    let log = hostile_log(dir.path(), "vijandig.jsonl", "a\u{1b}[2J b\u{85} c\u{9b}1m d\u{7f} e\u{2028} f");
    let json = report(std::slice::from_ref(&log), Lang::Nl, false, Format::Json);
    let raw: Vec<char> = json.chars().filter(|c| c.is_control() && *c != '\n').collect();
    assert!(raw.is_empty(), "raw controls in the JSON: {raw:?}");
    assert!(!json.contains('\u{2028}'));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(
        value["plays"][0]["choices"]["0"]["rationale"],
        "Omdat a\u{1b}[2J b\u{85} c\u{9b}1m d\u{7f} e\u{2028} f"
    );
}

#[test]
fn old_logs_without_visibility_read_their_notes_as_room_notes() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "oud.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    // Make it an old log: no visibility, no due date, no card, owner as before.
    let text = std::fs::read_to_string(&log).unwrap();
    let mut old = String::new();
    for line in text.lines() {
        let mut v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(_) => {
                old.push_str(line);
                old.push('\n');
                continue;
            }
        };
        if let Some(o) = v.as_object_mut() {
            o.remove("visibility");
            o.remove("due_date");
            o.remove("card").filter(|_| o.get("type").is_some_and(|t| t == "action_added"));
        }
        old.push_str(&serde_json::to_string(&v).unwrap());
        old.push('\n');
    }
    assert!(!old.contains("visibility"));
    std::fs::write(&log, old).unwrap();
    let md = report(std::slice::from_ref(&log), Lang::Nl, false, Format::Markdown);
    assert!(md.contains("Niet in het verslag"), "an old note meant every report:\n{md}");
    assert!(md.contains("Losgeldscenario in het crisisplan"));
}

#[test]
fn actions_are_data_an_owner_a_date_and_the_card_they_came_from() {
    use weerbaar::session::{Command, GroupId, Owner, Refusal, Session, SessionError, parse_due};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acties.jsonl");
    let c = common::clock();
    let mut s =
        Session::start(deck(), common::setup("Acties", &["Laren", "Blaricum"], "gemengd"), &path, c.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    // The form reads the typed date first; what it cannot read never reaches the engine.
    let refused = parse_due("voor de zomer").unwrap_err();
    assert!(refused.describe(Lang::Nl).contains("schrijf bijvoorbeeld 31-3-2027"), "{}", refused.describe(Lang::Nl));
    s.execute(Command::AddActionItem {
        group: GroupId(1),
        what: "Raadsinformatiebrief over losgeld".into(),
        owner: Owner::Other("wethouder".into()),
        due: parse_due("Q2 2027").unwrap(),
        card: Some("ransom-friday".into()),
    })
    .unwrap();
    // The engine refuses a typed text that is not a date, and writes nothing.
    let before = s.records().len();
    let refused = s.add_action(GroupId(0), "Oefenen", "directeur", "voor de zomer", None);
    assert!(matches!(refused, Err(SessionError::Due(_))));
    assert_eq!(s.records().len(), before);
    s.add_action(GroupId(0), "Oefenen", "directeur bedrijfsvoering", "maart 2027", Some("ransom-friday".into()))
        .unwrap();
    let unknown = s.execute(Command::AddActionItem {
        group: GroupId(1),
        what: "x".into(),
        owner: Owner::Other("directeur".into()),
        due: None,
        card: Some("geen-kaart".into()),
    });
    assert!(matches!(unknown, Err(SessionError::Refused(Refusal::UnknownCard(_)))));
    // The older command keeps working: a role, the open card, the text kept when it is no date.
    s.execute(Command::AddAction {
        group: GroupId(0),
        what: "Crisisplan bijwerken".into(),
        owner: weerbaar::scenario::Role::Mayor,
        due: "voor de zomer".into(),
    })
    .unwrap();
    let state = s.state().clone();
    assert_eq!(state.actions[0].owner, Owner::Other("wethouder".into()));
    assert_eq!(state.actions[0].due_date, chrono::NaiveDate::from_ymd_opt(2027, 6, 30));
    assert_eq!(state.actions[0].card.as_ref().map(|c| c.as_str()), Some("ransom-friday"));
    assert_eq!(state.actions[1].owner, Owner::Other("directeur bedrijfsvoering".into()));
    assert_eq!(state.actions[1].due_date, chrono::NaiveDate::from_ymd_opt(2027, 3, 31));
    assert_eq!(state.actions[2].due_date, None);
    assert_eq!(state.actions[2].due, "voor de zomer");
    assert_eq!(state.actions[2].card.as_ref().map(|c| c.as_str()), Some("ransom-friday"), "the open card");
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();

    let md = report(std::slice::from_ref(&path), Lang::Nl, false, Format::Markdown);
    assert!(md.contains("wethouder"), "{md}");
    assert!(md.contains("30-6-2027"), "{md}");
    assert!(md.contains("voor de zomer"), "a text from an old form is kept as typed:\n{md}");
    // Read back after a restart: the same actions.
    let again = load_log(&path, &deck()).unwrap();
    assert_eq!(again.state.actions, state.actions);
}

#[test]
fn a_mayor_reads_the_summary_first_then_the_plan_then_the_cards_then_the_scores() {
    use weerbaar::session::{Command, Session};
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    // A card shown and closed without answers: not played, and not "everyone chose the same".
    let extra = dir.path().join("ongespeeld.jsonl");
    let c = common::clock();
    let mut s =
        Session::start(deck(), common::setup("Kort", &["Laren", "Blaricum"], "gemengd"), &extra, c.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();

    let mut d = deck();
    let card = d.cards.iter_mut().find(|c| c.id.as_str() == "helpdesk-fraud-wave").unwrap();
    card.practices.push(weerbaar::scenario::Practice {
        who: "Leeuwarden".into(),
        text: weerbaar::scenario::Text::nl("Digibuddies via het sociaal wijkteam"),
        source: "leeuwarden.nl".into(),
    });
    let sessions = vec![load_log(&log, &d).unwrap()];
    let md = Report::new(&d, Lang::Nl, sessions, false).render(Format::Markdown).unwrap();
    let at = |s: &str| md.find(s).unwrap_or_else(|| panic!("{s} missing in\n{md}"));
    assert!(at("## Oefening in het kort") < at("## Samenvatting"));
    assert!(at("## Samenvatting") < at("## Verbeterplan") && at("## Verbeterplan") < at("## Kaarten"));
    assert!(at("## Kaarten") < at("## Bijlage: scores per gemeente"));
    // Each option named with its text, not only its number (a mayor should not need the card).
    assert!(md.contains("### Waar de delegaties verschilden\n\n- Een golf van bankhelpdeskfraude: optie 1 ("), "{md}");
    assert!(md.contains("): Krimpen aan den IJssel; optie 2 ("), "{md}");
    assert!(md.contains("Krimpen aan den IJssel koos optie 2, verdeeld (tegen de mening van de communicatieadviseur)"));
    assert!(md.contains("**Acties voor het verbeterplan:** 2"));
    assert!(md.contains(
        "#### Wat anderen deden\n\n- Leeuwarden: Digibuddies via het sociaal wijkteam (bron: leeuwarden.nl)"
    ));
    assert!(md.contains("- 14:12 Een slachtoffer (84)"), "developments with their times:\n{md}");
    assert!(md.contains("(Effect op de scores: Vertrouwen +2, Financiën −1)"), "{md}");
    assert!(
        md.contains("| Vertrouwen | +3 | Een golf van bankhelpdeskfraude +2;"),
        "scores with the choices behind them"
    );
    assert!(!md.contains("Tijd tot antwoord"));
    assert!(!md.contains("Actie vastgelegd"));
    assert!(md.contains("| 14:24 | Actie voor Laren: Losgeldscenario in het crisisplan |"), "{md}");

    let short = report(&[extra], Lang::Nl, false, Format::Markdown);
    assert!(short.contains("**Gesloten zonder te spelen:** Vrijdag 17.00 uur: alles staat op slot"), "{short}");
    assert!(!short.contains("Alle groepen kozen"), "{short}");
}

/// Prints an HTML file to PDF with headless Chromium, as an organiser would with "Save as PDF".
pub(crate) fn print_to_pdf(html: &std::path::Path) -> PathBuf {
    let chromium = crate::common::tools::chromium();
    let dir = html.parent().unwrap();
    let pdf = html.with_extension("pdf");
    let out = Process::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("pdf-profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(crate::common::tools::file_url(html))
        .output()
        .unwrap();
    assert!(out.status.success() && pdf.exists(), "{}", String::from_utf8_lossy(&out.stderr));
    pdf
}

pub(crate) fn pdf_pages(pdf: &std::path::Path) -> Vec<String> {
    let info = Process::new("pdfinfo").arg(pdf).output().expect("pdfinfo (poppler-utils) must be installed");
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no page count in {info}"));
    (1..=pages)
        .map(|p| {
            let out = Process::new("pdftotext")
                .args(["-layout", "-f", &p.to_string(), "-l", &p.to_string()])
                .arg(pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

#[test]
fn the_html_prints_on_a4_with_page_numbers_a_running_header_and_the_plan_up_front() {
    if !(need(Tool::Chromium) && need(Tool::Poppler)) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let html = dir.path().join("verslag.html");
    std::fs::write(&html, report(std::slice::from_ref(&log), Lang::Nl, false, Format::Html)).unwrap();
    let pdf = print_to_pdf(&html);
    if let Ok(keep) = std::env::var("WEERBAAR_KEEP_PDF") {
        std::fs::copy(&pdf, keep).unwrap();
    }
    let info = String::from_utf8_lossy(&Process::new("pdfinfo").arg(&pdf).output().unwrap().stdout).into_owned();
    assert!(info.contains("(A4)"), "not A4:\n{info}");
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let plan = pages.iter().position(|p| p.contains("Verbeterplan: acties per gemeente")).unwrap();
    assert!(plan <= 1, "the improvement plan is on page {}", plan + 1);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains(&format!("Pagina {} van {}", i + 1, pages.len())),
            "page {} has no number:\n{page}",
            i + 1
        );
        assert!(page.contains("Vertrouwelijk"), "page {} has no running header:\n{page}", i + 1);
        assert!(page.contains("Nabespreking: Sessie Laren en Krimpen aan den IJssel"), "page {}:\n{page}", i + 1);
        assert!(!page.contains("Niet in het verslag"), "a private note on page {}", i + 1);
    }
    // No heading is left alone at the bottom of a page.
    let md = report(std::slice::from_ref(&log), Lang::Nl, false, Format::Markdown);
    let headings: Vec<String> =
        md.lines().filter(|l| l.starts_with('#')).map(|l| l.trim_start_matches('#').trim().replace('\\', "")).collect();
    for (i, page) in pages.iter().enumerate().take(pages.len() - 1) {
        let raw = page.lines().rfind(|l| !l.trim().is_empty() && !l.trim().starts_with("Pagina ")).unwrap_or("");
        let last = raw.trim();
        // A heading stands at the margin; a wrapped bullet line that happens to read "Laren" does not.
        let at_margin = raw.len() - raw.trim_start().len() <= 2;
        assert!(!(at_margin && headings.iter().any(|h| h == last)), "page {} ends on the heading {last:?}", i + 1);
    }
    let all = pages.concat();
    assert!(all.contains("23 november 2026"));
    // Dates stay on one line in the plan.
    assert!(all.lines().any(|l| l.contains("1-3-2027")), "{all}");
    // The chart names the options in words, not just numbers.
    assert!(all.contains("Hoe vaak elke optie gekozen is"));
}

fn render_bytes(paths: &[PathBuf], lang: Lang, options: Options, format: Format) -> Vec<u8> {
    let d = deck();
    let sessions = paths.iter().map(|p| load_log(p, &d).unwrap()).collect();
    Report::with(&d, lang, sessions, options).render_bytes(format).unwrap()
}

/// Every sheet of a workbook as rows of cells, read back with calamine.
fn read_xlsx(bytes: &[u8]) -> Vec<(String, Vec<Vec<calamine::Data>>, usize)> {
    use calamine::Reader as _;
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let names = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let formulas = book.worksheet_formula(&name).unwrap();
            let formula_count = formulas.used_cells().filter(|(_, _, f)| !f.is_empty()).count();
            (name, range.rows().map(|r| r.to_vec()).collect(), formula_count)
        })
        .collect()
}

fn excel_serial(y: i32, m: u32, d: u32) -> f64 {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap() - base).num_days() as f64
}

#[test]
fn xlsx_has_a_sheet_per_table_with_typed_numbers_dates_and_dutch_headers() {
    use calamine::Data;
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let bytes = render_bytes(std::slice::from_ref(&log), Lang::Nl, Options::default(), Format::Xlsx);
    let sheets = read_xlsx(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _, _)| n.as_str()).collect();
    assert_eq!(names, ["Keuzes", "Acties", "Notities", "Opvolging", "Actieregister"]);
    for (name, _, formulas) in &sheets {
        assert_eq!(*formulas, 0, "sheet {name} holds a formula");
    }
    let choices = &sheets[0].1;
    let header: Vec<String> = choices[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        header[..11],
        [
            "Sessie",
            "Datum",
            "Kaart",
            "Thema",
            "Gespeeld voor",
            "Gemeente",
            "Gevraagd",
            "Optie",
            "Keuze",
            "Optie vorige keer",
            "Besluitvorming"
        ]
    );
    // Where each answer was entered comes last, after the effects.
    assert_eq!(header.last().map(String::as_str), Some("Ingevoerd via"));
    assert_eq!(header[header.len() - 2], "Effect op Financiën");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(choices.len(), 7, "a header and one row per card per group");
    let krimpen = &choices[2];
    assert_eq!(krimpen[col("Gemeente")], Data::String("Krimpen aan den IJssel".into()));
    assert_eq!(
        krimpen[col("Toelichting")],
        Data::String("=1+1 werkt niet in een spreadsheet".into()),
        "text stays text, no apostrophe"
    );
    assert_eq!(krimpen[col("Optie")], Data::Float(1.0), "the option number is a number");
    assert_eq!(krimpen[col("Thema")], Data::String("Digitale criminaliteit".into()), "themes in words");
    assert_eq!(krimpen[col("Besluitvorming")], Data::String("meerderheid".into()), "decisions in words");
    assert_eq!(krimpen[col("Gespeeld voor")], Data::String("alle groepen".into()), "an ordinary card");
    assert_eq!(krimpen[col("Gevraagd")], Data::String("ja".into()));
    assert_eq!(krimpen[col("Optie vorige keer")], Data::Empty, "not a follow-up");
    match &krimpen[1] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), excel_serial(2026, 11, 23)),
        other => panic!("the date is not a date: {other:?}"),
    }
    assert_eq!(krimpen[col("Effect op Vertrouwen")], Data::Float(2.0), "effect on trust is a number");
    assert_eq!(krimpen[col("Ingevoerd via")], Data::String("console".into()), "entered at the console");

    let actions = &sheets[1].1;
    assert_eq!(actions[0][4], Data::String("Wanneer".into()));
    match &actions[1][4] {
        Data::DateTime(d) => assert_eq!(d.as_f64(), excel_serial(2027, 3, 1)),
        other => panic!("the due date is not a date: {other:?}"),
    }
    assert_eq!(actions[1][5], Data::String("Vrijdag 17.00 uur: alles staat op slot".into()));
    let notes: String = sheets[2].1.iter().flatten().map(|c| c.to_string()).collect::<Vec<_>>().join("|");
    assert!(notes.contains("<script>alert(1)</script>"), "the room note, as typed: {notes}");
    assert!(!notes.contains("Niet in het verslag"), "no private note");

    let en = read_xlsx(&render_bytes(&[log], Lang::En, Options::default(), Format::Xlsx));
    assert_eq!(
        en.iter().map(|(n, _, _)| n.as_str()).collect::<Vec<_>>(),
        ["Choices", "Actions", "Notes", "Follow-up", "Action register"]
    );
    assert_eq!(en[0].1[0][5], Data::String("Municipality".into()));
    assert_eq!(en[0].1[0][4], Data::String("Played for".into()));
}

/// The text of a Word document's main part, its header and footer, read back from the zip.
fn read_docx(bytes: &[u8]) -> (String, String) {
    use std::io::Read as _;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut document).unwrap();
    let names: Vec<String> = (0..zip.len()).map(|i| zip.by_index(i).unwrap().name().unwrap().to_string()).collect();
    let mut margins = String::new();
    for n in names.iter().filter(|n| n.starts_with("word/header") || n.starts_with("word/footer")) {
        let mut xml = String::new();
        zip.by_name(n).unwrap().read_to_string(&mut xml).unwrap();
        margins.push_str(&xml);
    }
    (document, margins)
}

/// The paragraphs of a WordprocessingML part as (style, text).
fn docx_paragraphs(xml: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(end) = rest.find("</w:p>") {
        let part = &rest[..end];
        let start = part.rfind("<w:p ").into_iter().chain(part.rfind("<w:p>")).max().unwrap_or(0);
        let p = &part[start..];
        let style = p.split("<w:pStyle w:val=\"").nth(1).and_then(|s| s.split('"').next()).unwrap_or("");
        let mut text = String::new();
        for piece in p.split("<w:t").skip(1) {
            // Only <w:t> and <w:t xml:space=...>, not <w:tbl>, <w:tc>, <w:tab>.
            if let Some(body) = piece
                .strip_prefix('>')
                .or_else(|| piece.strip_prefix(' ').and_then(|x| x.split_once('>').map(|(_, b)| b)))
            {
                text.push_str(body.split("</w:t>").next().unwrap_or(""));
            }
        }
        if !text.is_empty() {
            out.push((style.to_string(), text));
        }
        rest = &rest[end + 6..];
    }
    out
}

#[test]
fn docx_has_headings_tables_and_the_improvement_plan() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let bytes = render_bytes(std::slice::from_ref(&log), Lang::Nl, Options::default(), Format::Docx);
    let (document, margins) = read_docx(&bytes);
    let paragraphs = docx_paragraphs(&document);
    let headings: Vec<&str> =
        paragraphs.iter().filter(|(s, _)| s.starts_with("Heading")).map(|(_, t)| t.as_str()).collect();
    assert_eq!(headings.first(), Some(&"Nabespreking: Sessie Laren en Krimpen aan den IJssel"));
    let at = |h: &str| headings.iter().position(|x| *x == h).unwrap_or_else(|| panic!("no heading {h}: {headings:?}"));
    assert!(at("Samenvatting") < at("Verbeterplan: acties per gemeente"));
    assert!(at("Verbeterplan: acties per gemeente") < at("Kaarten"));
    assert!(at("Kaarten") < at("Bijlage: scores per gemeente"));
    assert!(document.contains("<w:tbl>"), "tables are Word tables");
    assert!(document.contains("Losgeldscenario in het crisisplan") && document.contains("1-3-2027"));
    assert!(document.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "the note is escaped text");
    assert!(!document.contains("Niet in het verslag"));
    assert!(margins.contains("Vertrouwelijk"), "a running header");
    assert!(margins.contains("PAGE") && margins.contains("NUMPAGES"), "page numbers");
    assert!(document.contains("w:w=\"11906\"") && document.contains("w:h=\"16838\""), "A4");
}

#[test]
fn a_municipality_s_own_report_names_only_that_municipality() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie-laren-krimpen.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let options = || Options { group: Some("laren".into()), ..Options::default() };
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        let text = report_with(std::slice::from_ref(&log), Lang::Nl, options(), format);
        assert!(!text.contains("Krimpen"), "{format:?} names another municipality:\n{text}");
        assert!(text.contains("Laren"), "{format:?}");
        assert!(!text.contains("twijfelde over de kosten"), "{format:?}: another municipality's note");
        assert!(!text.contains("Back-ups offline testen"), "{format:?}: another municipality's action");
        assert!(!text.contains("Openheid eerst"), "{format:?}: another municipality's rationale");
    }
    let xlsx = read_xlsx(&render_bytes(std::slice::from_ref(&log), Lang::Nl, options(), Format::Xlsx));
    let cells: String = xlsx.iter().flat_map(|(_, rows, _)| rows.iter().flatten().map(|c| c.to_string())).collect();
    assert!(!cells.contains("Krimpen") && cells.contains("Laren"));
    let (document, margins) = read_docx(&render_bytes(std::slice::from_ref(&log), Lang::Nl, options(), Format::Docx));
    assert!(!document.contains("Krimpen") && !margins.contains("Krimpen"));

    let md = report_with(std::slice::from_ref(&log), Lang::Nl, options(), Format::Markdown);
    insta::assert_snapshot!("report_group_nl_md", md);
    assert!(md.contains("# Nabespreking: Sessie (2 gemeenten) — verslag voor Laren"), "{md}");
    // Its own choices with its rationale; the peer's choice without a name.
    assert!(md.contains("| Laren | 2. Samen met welzijn"), "{md}");
    assert!(md.contains("| andere gemeente | 1. Een brede campagne: brief aan alle 65-plussers, huis-aan-huisblad, lokale radio. |  |  |"), "{md}");
    assert!(!md.contains("andere gemeente koos"), "how a peer decided is not in another's report:\n{md}");
    assert!(md.contains("| Losgeldscenario in het crisisplan |"));
    assert!(md.contains("### Laren\n\n| Dimensie |"), "its own score profile");
    assert!(!md.contains("### andere gemeente\n\n| Dimensie |"), "no one else's profile");

    // Krimpen's own report has its group note.
    let krimpen = report_with(
        std::slice::from_ref(&log),
        Lang::Nl,
        Options { group: Some("Krimpen aan den IJssel".into()), ..Options::default() },
        Format::Markdown,
    );
    assert!(krimpen.contains("Krimpen aan den IJssel twijfelde over de kosten"), "{krimpen}");
    assert!(!krimpen.contains("Laren"), "{krimpen}");

    // The command line refuses a municipality that is not in the logs, and names those that are.
    let (code, _, err) = weerbaar(&["debrief", log.to_str().unwrap(), "--group", "Ede"]);
    assert_eq!(code, 2);
    assert!(err.contains("Ede") && err.contains("Laren, Krimpen aan den IJssel"), "{err}");
}

#[test]
fn every_format_of_a_hostile_log_stays_intact_and_inert() {
    use calamine::Data;
    const EVIL: &str = "=HYPERLINK(\"http://x\",\"klik\") <script>alert(1)</script> a|b **vet** \u{1b}[31mrood\u{9b}2J\u{7} c\u{85}d\u{FFFF}";
    let dir = tempfile::tempdir().unwrap();
    let log = hostile_log(dir.path(), "vijandig.jsonl", EVIL);
    let cleaned = weerbaar::scenario::clean(EVIL).into_owned();
    assert!(cleaned.starts_with("=HYPERLINK") && !cleaned.contains('\u{1b}') && !cleaned.contains('\u{85}'));
    let paths = std::slice::from_ref(&log);
    for group in [None, Some(format!("Laren {EVIL}"))] {
        let options = || Options { group: group.clone(), ..Options::default() };

        let md = report_with(paths, Lang::Nl, options(), Format::Markdown);
        let (text, markup) = commonmark(&md);
        assert!(markup.is_empty(), "{markup:?}");
        assert!(text.contains(&as_reported(&format!("Notitie {EVIL}"))), "markdown keeps the note as text");

        let html = report_with(paths, Lang::Nl, options(), Format::Html);
        assert!(!html.contains("<script>") && !html.contains("**vet**</"), "html");
        assert!(html.contains("Notitie =HYPERLINK(&quot;http://x&quot;,&quot;klik&quot;) &lt;script&gt;alert(1)&lt;/script&gt; a|b **vet** rood"));

        let csv_text = report_with(paths, Lang::Nl, options(), Format::Csv);
        let mut reader = common::csv_reader(csv_text.trim_start_matches('\u{feff}'));
        let cells: Vec<String> =
            reader.records().flat_map(|r| r.unwrap().iter().map(String::from).collect::<Vec<_>>()).collect();
        assert!(
            cells.contains(&format!("'{cleaned}")) || group.is_some(),
            "csv defuses the formula and keeps the text: {cells:?}"
        );
        assert!(cells.contains(&format!("Notitie {cleaned}")));
        assert!(!cells.iter().any(|c| c.starts_with('=')), "no cell starts a formula");

        let json = report_with(paths, Lang::Nl, options(), Format::Json);
        assert!(!json.chars().any(|c| c.is_control() && c != '\n'), "json escapes controls");
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["notes"][0]["text"], format!("Notitie {EVIL}"), "json keeps the data exactly as typed");

        let xlsx = read_xlsx(&render_bytes(paths, Lang::Nl, options(), Format::Xlsx));
        for (name, _, formulas) in &xlsx {
            assert_eq!(*formulas, 0, "{name}");
        }
        let strings: Vec<&Data> = xlsx.iter().flat_map(|(_, rows, _)| rows.iter().flatten()).collect();
        assert!(
            strings.contains(&&Data::String(cleaned.clone())) || group.is_some(),
            "xlsx: the rationale is a text cell"
        );
        assert!(strings.contains(&&Data::String(format!("Notitie {cleaned}"))));

        let (document, _) = read_docx(&render_bytes(paths, Lang::Nl, options(), Format::Docx));
        let paragraphs = docx_paragraphs(&document);
        assert!(!document.contains("<script>"));
        assert!(!document.contains(['\u{FFFE}', '\u{FFFF}']), "XML forbids these: Word would refuse the file");
        assert!(
            paragraphs
                .iter()
                .any(|(_, t)| t.contains("=HYPERLINK(&quot;http://x&quot;,&quot;klik&quot;) &lt;script&gt;")),
            "docx keeps the text, escaped"
        );

        for (format, bytes) in [
            ("md", md.into_bytes()),
            ("html", html.into_bytes()),
            ("csv", csv_text.into_bytes()),
            ("json", json.into_bytes()),
            ("docx", document.into_bytes()),
        ] {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("Niet in het verslag"), "{format} shows a private note");
        }
        assert!(!strings.iter().any(|d| d.to_string().contains("Niet in het verslag")), "xlsx shows a private note");
    }
}

#[test]
fn the_command_line_writes_xlsx_and_docx_to_a_file_only() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Blaricum"], 3);
    let (code, out, err) = weerbaar(&["debrief", log.to_str().unwrap(), "--format", "xlsx"]);
    assert_eq!(code, 2, "{err}");
    // A Dutch session: the refusal is Dutch too.
    assert!(out.is_empty() && err.contains("--output BESTAND"), "{err}");
    for (format, magic) in [("xlsx", "Keuzes"), ("docx", "Verbeterplan")] {
        let file = dir.path().join(format!("verslag.{format}"));
        let (code, _, err) =
            weerbaar(&["debrief", log.to_str().unwrap(), "--format", format, "-o", file.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(&bytes[..2], b"PK", "{format} is a zip package");
        let found = if format == "xlsx" {
            read_xlsx(&bytes).iter().any(|(name, _, _)| name == magic)
        } else {
            read_docx(&bytes).0.contains(magic)
        };
        assert!(found, "{format}");
    }
    let (code, out, _) = weerbaar(&["debrief", log.to_str().unwrap(), "--include-private"]);
    assert_eq!(code, 0);
    assert!(out.contains("\\[gespreksleider\\] Laren: Niet in het verslag opnemen"), "{out}");
    let (_, out, _) = weerbaar(&["debrief", log.to_str().unwrap()]);
    assert!(!out.contains("Niet in het verslag"));
}

#[test]
fn a_log_line_quoted_in_a_warning_reaches_no_report_with_its_escape_codes() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Blaricum"], 3);
    let mut text = std::fs::read_to_string(&log).unwrap();
    text.push_str(
        "{\"seq\":99,\"at\":\"2026-11-23T15:30:00Z\",\"offset\":3600,\"type\":\"\\u001b]0;PWNED\\u0007\\u009b2J\"}\n",
    );
    std::fs::write(&log, text).unwrap();
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        let report = report(std::slice::from_ref(&log), Lang::Nl, false, format);
        assert!(!report.contains('\u{1b}') && !report.contains('\u{7}') && !report.contains('\u{9b}'), "{format:?}");
    }
    let md = report(std::slice::from_ref(&log), Lang::Nl, false, Format::Markdown);
    assert!(md.contains("## Waarschuwingen"), "the damaged line is reported:\n{md}");
    let (code, _, err) = weerbaar(&["debrief", log.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

#[test]
fn anonymised_reports_name_no_municipality_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let options = || Options { anonymize: true, ..Options::default() };
    let paths = std::slice::from_ref(&log);
    let mut texts: Vec<(String, String)> = [Format::Markdown, Format::Html, Format::Csv, Format::Json]
        .into_iter()
        .map(|f| (format!("{f:?}"), report_with(paths, Lang::Nl, options(), f)))
        .collect();
    let xlsx = read_xlsx(&render_bytes(paths, Lang::Nl, options(), Format::Xlsx));
    texts.push(("xlsx".into(), xlsx.iter().flat_map(|(_, r, _)| r.iter().flatten().map(|c| c.to_string())).collect()));
    let (document, margins) = read_docx(&render_bytes(paths, Lang::Nl, options(), Format::Docx));
    texts.push(("docx".into(), document + &margins));
    for (format, text) in texts {
        for name in ["Laren", "Krimpen", "Rian"] {
            assert!(!text.contains(name), "{format} names {name}");
        }
        let aliases: std::collections::BTreeSet<&str> =
            text.match_indices("Gemeente ").filter_map(|(i, _)| text.get(i..i + 10)).collect();
        assert!(aliases.len() >= 2, "{format}: two municipalities under two aliases: {aliases:?}");
    }
}

#[test]
fn a_published_debrief_keeps_its_aliases_across_runs_and_shows_no_title_file_or_redacted_name() {
    let dir = tempfile::tempdir().unwrap();
    let a = fixture_log(dir.path(), "laren-krimpen.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let b = fixture_log(dir.path(), "uithoorn-laren.jsonl", ["Uithoorn", "Laren"], 12);
    let aliases = dir.path().join("aliassen.txt");
    let redact = dir.path().join("namen.txt");
    std::fs::write(&redact, "Rian\n").unwrap();
    let run = |logs: [&PathBuf; 2]| {
        let (code, out, err) = weerbaar(&[
            "debrief",
            logs[0].to_str().unwrap(),
            logs[1].to_str().unwrap(),
            "--anonymize",
            "--aliases",
            aliases.to_str().unwrap(),
            "--redact",
            redact.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        out
    };
    let first = run([&b, &a]);
    let table = std::fs::read_to_string(&aliases).unwrap();
    let second = run([&a, &b]);
    assert_eq!(std::fs::read_to_string(&aliases).unwrap(), table, "nothing new to add the second time");
    for out in [&first, &second] {
        for name in ["Laren", "Krimpen", "Uithoorn", "Rian", "laren-krimpen", "uithoorn-laren"] {
            assert!(!out.contains(name), "{name} in a published report:\n{out}");
        }
    }
    // Laren has one alias, whatever the order of the logs.
    let laren = table.lines().find(|l| l.to_lowercase().contains("laren")).expect("Laren in the alias table");
    let code = laren.split(['=', ' ', '\t']).find(|w| w.len() == 1).expect("a letter for Laren");
    for out in [&first, &second] {
        assert!(out.contains(&format!("Gemeente {code}")), "{laren}\n{out}");
    }
}

#[test]
fn an_answer_never_revealed_stays_out_of_a_peers_report_and_nobody_is_said_to_agree() {
    use weerbaar::session::{Command, Decision, GroupId, Session};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dicht.jsonl");
    let setup = common::setup("Dicht", &["Laren", "Krimpen aan den IJssel"], "gemengd");
    let mut s = Session::start(deck(), setup, &path, common::clock()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    s.execute(Command::RecordChoice {
        group: GroupId(0),
        option: "pay".into(),
        rationale: "Laren wil snel weer draaien".into(),
        decision: Decision::Majority,
        dissent: vec![],
    })
    .unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    drop(s);
    let pay =
        deck().card(&"ransom-friday".into()).unwrap().option(&"pay".into()).unwrap().label.show(Lang::Nl).into_owned();
    let krimpen = Options { group: Some("Krimpen aan den IJssel".into()), ..Options::default() };
    for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
        let text = report_with(std::slice::from_ref(&path), Lang::Nl, krimpen.clone(), format);
        assert!(!text.contains(&pay), "{format:?}: Laren's unrevealed choice in Krimpen's report");
        assert!(!text.contains("snel weer draaien"), "{format:?}");
    }
    // The whole report leaves it out too, unless asked for; then only Laren answered.
    let full = report_with(std::slice::from_ref(&path), Lang::Nl, Options::default(), Format::Markdown);
    assert!(!full.contains("snel weer draaien") && !full.contains("Alle groepen kozen"), "{full}");
    let asked = Options { include_unrevealed: true, ..Options::default() };
    let full = report_with(std::slice::from_ref(&path), Lang::Nl, asked, Format::Markdown);
    assert!(!full.contains("Alle groepen kozen"), "only Laren answered:\n{full}");
    assert!(full.contains("Niet iedere groep antwoordde") && full.contains("snel weer draaien"), "{full}");
}

/// Two cards: one answered within seconds, one open for 5 min 40 s; a choice against the view of
/// two roles.
fn short_and_long_card_log(dir: &std::path::Path) -> PathBuf {
    use weerbaar::scenario::Role;
    use weerbaar::session::{Command, Decision, GroupId, Session};
    let path = dir.join("kort.jsonl");
    let c = common::clock();
    let mut s =
        Session::start(deck(), common::setup("Kort en lang", &["Laren", "Huizen"], "gemengd"), &path, c.clone())
            .unwrap();
    let choose = |s: &mut Session<_>, g: u8, option: &str, dissent: Vec<Role>| {
        s.execute(Command::RecordChoice {
            group: GroupId(g),
            option: option.into(),
            rationale: String::new(),
            decision: Decision::Majority,
            dissent,
        })
        .unwrap();
    };
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    c.advance_secs(4);
    choose(&mut s, 0, "ambassadors", vec![Role::Ciso, Role::DataProtectionOfficer]);
    choose(&mut s, 1, "ambassadors", vec![]);
    s.execute(Command::Reveal).unwrap();
    c.advance_secs(6);
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    c.advance_secs(5 * 60 + 40);
    choose(&mut s, 0, "refuse", vec![]);
    choose(&mut s, 1, "ask-council", vec![]);
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    path
}

#[test]
fn card_times_read_as_whole_minutes_effects_in_the_deck_s_order_and_no_change_as_plus_minus_zero() {
    let dir = tempfile::tempdir().unwrap();
    let log = short_and_long_card_log(dir.path());
    let d = deck();
    for (lang, short, long, against) in [
        (
            Lang::Nl,
            "Tijd: minder dan 1 min (10 min gepland)",
            "Tijd: 6 min (",
            "Laren koos optie 2, meerderheid (tegen de mening van de CISO en de FG)",
        ),
        (
            Lang::En,
            "Time: under 1 min (10 min planned)",
            "Time: 6 min (",
            "Laren chose option 2, majority (against the view of the CISO and the DPO)",
        ),
    ] {
        let md = report(std::slice::from_ref(&log), lang, false, Format::Markdown);
        // A card answered in ten seconds does not look like ten minutes (or hours).
        assert!(md.contains(short), "{md}");
        // 5 min 40 s is about six minutes.
        assert!(md.contains(long), "{md}");
        assert!(!md.contains(":10 min") && !md.contains(":40 min"), "{md}");
        assert!(md.contains(against), "{md}");
        // Every effect list names the dimensions in the deck's order, as the score table does.
        let labels: Vec<String> = d.manifest.dimensions.iter().map(|x| x.label.show(lang).into_owned()).collect();
        let word = if lang == Lang::Nl { "(Effect op de scores: " } else { "(Effect on the scores: " };
        let mut lists = 0;
        for part in md.split(word).skip(1) {
            let list = part.split(')').next().unwrap();
            let at: Vec<usize> = list
                .split(", ")
                .map(|e| labels.iter().position(|l| e.starts_with(l.as_str())).unwrap_or_else(|| panic!("{e}")))
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "not in the deck's order: {list}");
            lists += 1;
        }
        assert!(lists >= 3, "{md}");
        // A score that did not move (Huizen's continuity: +1, then −1) reads as the console shows it.
        assert!(md.contains(&format!("| {} | ±0 |", labels[0])), "{md}");
        assert!(!md.contains("| +0 |"), "{md}");
    }
}

/// A follow-up session ended at once: the previous actions brought up, no status set (or one,
/// with `discussed`), no card opened.
fn follow_up_without_cards(dir: &std::path::Path, name: &str, discussed: bool) -> PathBuf {
    use weerbaar::session::{Command, Progress, Session};
    let first = fixture_log(dir, &format!("eerste-{name}"), ["Laren", "Huizen"], 11);
    let previous = load_log(&first, &deck()).unwrap();
    let path = dir.join(name);
    let c = common::clock();
    let mut s = Session::start(
        deck(),
        common::setup("Vervolg zonder kaarten", &["Laren", "Huizen"], "gemengd"),
        &path,
        c.clone(),
    )
    .unwrap();
    let actions = weerbaar::debrief::previous_actions(&previous.state);
    s.execute(Command::OpenFollowUp { from: "eerste.jsonl".into(), actions }).unwrap();
    c.advance_secs(10);
    if discussed {
        s.execute(Command::RecordProgress { index: 0, status: Progress::UnderWay }).unwrap();
    }
    s.execute(Command::End).unwrap();
    path
}

#[test]
fn a_session_without_cards_claims_no_agreement_and_says_no_card_was_played_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let log = follow_up_without_cards(dir.path(), "leeg.jsonl", false);
    let logs = std::slice::from_ref(&log);
    for (lang, none, claims, cards, opened, discussed) in [
        (
            Lang::Nl,
            "Er zijn geen kaarten gespeeld.",
            ["alle delegaties kozen steeds hetzelfde", "besliste zonder afwijkende mening", "Waar de delegaties"],
            "Kaarten",
            "Acties van de vorige sessie opgeroepen",
            "Acties van de vorige sessie besproken",
        ),
        (
            Lang::En,
            "No cards were played.",
            ["the same choices on every card", "decided without a dissent", "Where the delegations"],
            "Cards",
            "Previous session's actions brought up",
            "Previous session's actions discussed",
        ),
    ] {
        let md = report(logs, lang, false, Format::Markdown);
        // Read as text: the apostrophe of "session's" unescaped.
        let html = report(logs, lang, false, Format::Html).replace("&#39;", "'");
        let (docx, _) = read_docx(&render_bytes(logs, lang, Options::default(), Format::Docx));
        let docx: String = docx_paragraphs(&docx)
            .into_iter()
            .map(|(_, t)| t.replace("&apos;", "'").replace("&#39;", "'") + "\n")
            .collect();
        for (format, text) in [("md", &md), ("html", &html), ("docx", &docx)] {
            assert!(text.contains(none), "{format}: {text}");
            for claim in claims {
                assert!(!text.contains(claim), "{format} claims `{claim}` with no card played:\n{text}");
            }
            // Brought up, not discussed: no status was set.
            assert!(text.contains(opened), "{format}: {text}");
            assert!(!text.contains(discussed), "{format}: {text}");
            // No appendix of zeros for cards nobody answered.
            assert!(!text.contains("±0"), "{format}: {text}");
        }
        // No empty heading: the next section follows the plan directly.
        assert!(!md.contains(&format!("## {cards}\n")), "{md}");
        assert!(!html.contains(&format!(">{cards}</h2>")), "{html}");
        assert!(!docx.contains(&format!("\n{cards}\n")), "{docx}");
        // The previous actions are still on the plan, as not discussed.
        let status = if lang == Lang::Nl { "niet besproken" } else { "not discussed" };
        assert!(md.contains(status), "{md}");

        // The spreadsheets hold the follow-up and no choice rows.
        let csv = report(logs, lang, false, Format::Csv);
        let choice = if lang == Lang::Nl { "keuze;" } else { "choice," };
        assert!(!csv.lines().any(|l| l.starts_with(choice)), "{csv}");
        let follow = if lang == Lang::Nl { "opvolging;" } else { "follow-up," };
        assert_eq!(csv.lines().filter(|l| l.starts_with(follow)).count(), 2, "{csv}");
        let book = read_xlsx(&render_bytes(logs, lang, Options::default(), Format::Xlsx));
        assert_eq!(book[0].1.len(), 1, "only the header on the choices sheet");
    }

    // Once a status is set, the timeline says the actions were discussed, from that moment.
    let talked = follow_up_without_cards(dir.path(), "besproken.jsonl", true);
    let md = report(&[talked], Lang::Nl, false, Format::Markdown);
    let opened = md.find("Acties van de vorige sessie opgeroepen").unwrap();
    let discussed = md.find("Acties van de vorige sessie besproken").unwrap();
    assert!(opened < discussed, "{md}");
    assert_eq!(md.matches("Acties van de vorige sessie besproken").count(), 1, "{md}");
}

/// A follow-up in which Huizen's open action ("Back-ups offline testen", under way) is agreed
/// again, as the facilitator does when it is still needed.
fn agreed_again_log(dir: &std::path::Path) -> PathBuf {
    use weerbaar::scenario::Role;
    use weerbaar::session::{Command, GroupId, Progress, Session};
    let first = fixture_log(dir, "eerste.jsonl", ["Laren", "Huizen"], 11);
    let previous = load_log(&first, &deck()).unwrap();
    let path = dir.join("tweede.jsonl");
    let mut s =
        Session::start(deck(), common::setup("Tweede sessie", &["Laren", "Huizen"], "gemengd"), &path, common::clock())
            .unwrap();
    let from = weerbaar::debrief::previous_session(&previous.state, "eerste.jsonl");
    assert_eq!(from.actions[1].what, "Back-ups offline testen");
    s.execute(Command::FollowUpOn(Box::new(from))).unwrap();
    s.execute(Command::RecordProgress { index: 0, status: Progress::Done }).unwrap();
    s.execute(Command::RecordProgress { index: 1, status: Progress::UnderWay }).unwrap();
    s.execute(Command::AddAction {
        group: GroupId(1),
        what: "Back-ups offline testen".into(),
        owner: Role::Mayor,
        due: "1-6-2027".into(),
    })
    .unwrap();
    s.execute(Command::End).unwrap();
    path
}

#[test]
fn an_action_agreed_again_is_one_action_carried_over_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let log = agreed_again_log(dir.path());
    let logs = std::slice::from_ref(&log);
    let md = report(logs, Lang::Nl, false, Format::Markdown);
    // The plan: once, carried over from the first session, with its status.
    assert_eq!(md.matches("| Back-ups offline testen |").count(), 1, "{md}");
    assert!(
        // With the owner and the date agreed now, not the old ones (31-3-2027, CISO).
        md.contains("| Back-ups offline testen | burgemeester | 1-6-2027 | Vrijdag 17.00 uur: alles staat op slot (overgenomen van 23-11-2026) | onderweg |"),
        "{md}"
    );
    for (lang, again, new) in [
        (Lang::Nl, "opnieuw afgesproken; overgenomen van 23-11-2026", "nieuw"),
        (Lang::En, "agreed again; carried over from 23 November 2026", "new"),
    ] {
        // The spreadsheet's action row says it is the same action, not a new one.
        let csv = report(logs, lang, false, Format::Csv);
        let body = csv.strip_prefix('\u{feff}').unwrap();
        let mut reader = common::csv_reader(body);
        let headers = reader.headers().unwrap().clone();
        let col = |h: &str| headers.iter().position(|x| x == h).unwrap();
        let (what, status) = if lang == Lang::Nl { (col("Wat"), col("Stand")) } else { (col("What"), col("Status")) };
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        let backups: Vec<&csv::StringRecord> = rows.iter().filter(|r| &r[what] == "Back-ups offline testen").collect();
        let action = if lang == Lang::Nl { "actie" } else { "action" };
        let row = backups.iter().find(|r| &r[0] == action).unwrap();
        assert_eq!(&row[status], again);
        assert!(backups.iter().all(|r| &r[status] != new), "{csv}");
        // The same in the workbook's actions sheet.
        let book = read_xlsx(&render_bytes(logs, lang, Options::default(), Format::Xlsx));
        let sheet = &book[1].1;
        let at = sheet[0].iter().position(|c| *c == headers[status]).unwrap();
        let cells: Vec<String> = sheet.iter().skip(1).map(|r| r[at].to_string()).collect();
        assert_eq!(cells, vec![again.to_string()], "{}", book[1].0);
    }
}

#[test]
fn the_debrief_speaks_the_session_s_language_unless_asked_and_dutch_for_a_mix() {
    use weerbaar::session::{Command, Session};
    let dir = tempfile::tempdir().unwrap();
    let dutch = fixture_log(dir.path(), "nl.jsonl", ["Laren", "Huizen"], 11);
    let english = dir.path().join("en.jsonl");
    let setup = weerbaar::session::Setup {
        lang: Lang::En,
        ..common::setup("Regional exercise", &["Amersfoort", "Utrecht"], "gemengd")
    };
    let mut s = Session::start(deck(), setup, &english, common::clock()).unwrap();
    s.execute(Command::End).unwrap();
    let (en, nl) = (english.to_str().unwrap(), dutch.to_str().unwrap());

    // Played in English: the report is in English, as review and screen would be.
    let (code, out, _) = weerbaar(&["debrief", en]);
    assert_eq!(code, 0);
    assert!(out.starts_with("# Debrief: Regional exercise") && out.contains("## Summary"), "{out}");
    assert!(!out.contains("Samenvatting"), "{out}");
    // Asked for Dutch: Dutch.
    let (_, out, _) = weerbaar(&["debrief", en, "--lang", "nl"]);
    assert!(out.starts_with("# Nabespreking: Regional exercise"), "{out}");
    // A Dutch session stays Dutch; a mix of languages is Dutch.
    let (_, out, _) = weerbaar(&["debrief", nl]);
    assert!(out.starts_with("# Nabespreking:"), "{out}");
    let (_, out, _) = weerbaar(&["debrief", nl, en]);
    assert!(out.contains("# Nabespreking: Regional exercise") && out.contains("# Over alle sessies"), "{out}");
    // The command's own messages follow the report's language too.
    let (code, _, err) = weerbaar(&["debrief", en, "--format", "xlsx"]);
    assert_eq!(code, 2);
    assert!(err.contains("give --output FILE"), "{err}");
    let (code, _, err) = weerbaar(&["debrief", nl, "--format", "docx"]);
    assert_eq!(code, 2);
    assert!(err.contains("geef --output BESTAND"), "{err}");
}

/// Issue #28: the JSON report names every answer beside its id: an option by its text, an answer
/// outside the options as "anders / combinatie" or "geen keuze" (in the report's language); the
/// ids `_other` and `_none` stay, so earlier readers of the JSON read it as before.
#[test]
fn the_json_report_labels_answers_outside_the_options_and_keeps_their_ids() {
    use weerbaar::session::{Command, GroupId, Session};
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("sessie.jsonl");
    let setup = common::setup("Gooi", &["Laren", "Huizen", "Blaricum"], "gemengd");
    let mut s = Session::start(deck(), setup, &log, common::clock()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    s.execute(Command::RecordChoice {
        group: GroupId(0),
        option: "refuse".into(),
        rationale: String::new(),
        decision: weerbaar::session::Decision::Majority,
        dissent: vec![],
    })
    .unwrap();
    s.execute(Command::RecordOutside { group: GroupId(1), other: Some("Een combinatie van 1 en 3".into()) }).unwrap();
    s.execute(Command::RecordOutside { group: GroupId(2), other: None }).unwrap();
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    drop(s);
    for (lang, refuse, other, none) in [
        ("nl", "Niet betalen.", "anders / combinatie", "geen keuze"),
        ("en", "Do not pay.", "other / combination", "no choice"),
    ] {
        let (code, out, err) = weerbaar(&["debrief", "--format", "json", "--lang", lang, &log.display().to_string()]);
        assert_eq!(code, 0, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        let choices = &json["plays"][0]["choices"];
        assert_eq!(choices["0"]["option"], "refuse");
        assert!(choices["0"]["option_label"].as_str().unwrap().starts_with(refuse), "{lang}: {choices}");
        assert_eq!(choices["1"]["option"], "_other");
        assert_eq!(choices["1"]["option_label"], other, "{lang}");
        assert_eq!(choices["1"]["other"], "Een combinatie van 1 en 3");
        assert_eq!(choices["2"]["option"], "_none");
        assert_eq!(choices["2"]["option_label"], none, "{lang}");
        assert!(json.get("page").is_none(), "the room's page is no report content");
    }
}

#[test]
fn a_development_taken_back_is_not_reported_as_part_of_the_card() {
    use weerbaar::session::{Command, Decision, GroupId, Session};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("terug.jsonl");
    let d = deck();
    let card = d.card(&"helpdesk-fraud-wave".into()).unwrap();
    let text = |id: &str| card.inject(&id.into()).unwrap().text.show(Lang::Nl).into_owned();
    let (kept, taken_back) = (text("victim-in-paper"), text("leak-suspected"));
    let mut s =
        Session::start(d.clone(), common::setup("Terug", &["Laren", "Huizen"], "gemengd"), &path, common::clock())
            .unwrap();
    s.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    s.execute(Command::ReleaseInject("victim-in-paper".into())).unwrap();
    s.execute(Command::ReleaseInject("leak-suspected".into())).unwrap();
    s.execute(Command::WithdrawInject("leak-suspected".into())).unwrap();
    for g in 0..2 {
        let choice = Command::RecordChoice {
            group: GroupId(g),
            option: "ambassadors".into(),
            rationale: String::new(),
            decision: Decision::Unanimous,
            dissent: vec![],
        };
        s.execute(choice).unwrap();
    }
    s.execute(Command::Reveal).unwrap();
    drop(s);
    let md = report(std::slice::from_ref(&path), Lang::Nl, false, Format::Markdown);
    let developments = md.split("#### Ontwikkelingen").nth(1).and_then(|rest| rest.split("####").next()).unwrap();
    assert!(developments.contains(&kept[..40]), "{developments}");
    assert!(
        !developments.contains(&taken_back[..40]),
        "the development taken back is no part of the card: {developments}"
    );
    assert!(md.contains("teruggenomen"), "the timeline says it was taken back");
}
