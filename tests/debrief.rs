#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Reports from a session log, in every format and both languages, read the way their users
//! read them: a Markdown file, a spreadsheet, a browser.

use std::path::PathBuf;
use std::process::Command as Process;

mod common;

use common::{deck, fixture_log};
use weerbaar::debrief::{Format, Report, load_log};
use weerbaar::scenario::Lang;

fn report(paths: &[PathBuf], lang: Lang, anonymize: bool, format: Format) -> String {
    let d = deck();
    let sessions = paths.iter().map(|p| load_log(p, &d).unwrap()).collect();
    let text = Report::new(&d, lang, sessions, anonymize).render(format).unwrap();
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
fn csv_reads_back_with_one_row_per_card_per_group() {
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let text = report(&[log], Lang::Nl, false, Format::Csv);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[2], "card_id");
    assert_eq!(headers.iter().next_back(), Some("effect_finances"));
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 6);
    assert_eq!(&rows[0][4], "Laren");
    assert_eq!(
        &rows[0][9], "Past bij ons \"buurtnetwerk\", ook al kost het tijd,\nen geld",
        "commas, quotes and line breaks survive"
    );
    assert_eq!(&rows[1][9], "'=1+1 werkt niet in een spreadsheet", "formulas are defused");
    assert_eq!(&rows[1][10], "330", "seconds from the card opening to the answer");
    assert_eq!(&rows[1][8], "CISO");
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
    let dir = tempfile::tempdir().unwrap();
    let log = fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let html_path = dir.path().join("report.html");
    std::fs::write(&html_path, report(&[log], Lang::Nl, false, Format::Html)).unwrap();
    let shot = dir.path().join("report.png");
    let profile = dir.path().join("profile");
    let chromium = ["chromium", "chromium-browser"]
        .into_iter()
        .find(|c| Process::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
        .expect("chromium must be installed (apt-get install chromium)");
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
    let url = format!("file://{}", html_path.display());
    let out = Process::new(chromium)
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
    let dom = Process::new(chromium)
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
    assert!(md.contains("# Over alle sessies (2 sessies, 4 groep)"), "{md}");
    assert!(md.contains(
        "| Samen met welzijn en de seniorenvereniging 'digibuddies' opleiden die langsgaan en uitleggen. | 2 |"
    ));

    let anon = report(&[a, b], Lang::En, true, Format::Markdown);
    for name in ["Laren", "Krimpen", "Uithoorn", "Rian"] {
        assert!(!anon.contains(name), "{name} is still in the anonymized report");
    }
    // Laren is Group A in both sessions, and its name in a note is replaced too.
    assert!(anon.contains("# Debrief: Sessie Group A en Group B"));
    assert!(anon.contains("# Debrief: Sessie Group C en Group A"));
    assert!(anon.contains("Group B twijfelde over de kosten"));
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
    assert!(md.contains("## Wat is er gedaan sinds de vorige sessie?\n\n*uit eerste.jsonl*"), "{md}");
    assert!(
        md.contains("| Laren | Losgeldscenario in het crisisplan | gemeentesecretaris | 1 maart 2027 | gedaan |"),
        "{md}"
    );
    assert!(
        md.contains("| Krimpen aan den IJssel | Back-ups offline testen | CISO | Q1 2027 | niet begonnen |"),
        "{md}"
    );
    let anon = report(&[second], Lang::En, true, Format::Html);
    assert!(!anon.contains("Laren") && anon.contains("Group A"));
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
