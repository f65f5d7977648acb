#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! A published report (`debrief --anonymize`) quotes nothing of a damaged log line: the reader's
//! reason for skipping a line quotes the line, and a damaged line can hold a name.

use crate::common;

use std::io::Write;

use weerbaar::debrief::{Format, Options, Report, load_log};
use weerbaar::scenario::Lang;

#[test]
fn a_published_report_names_a_damaged_line_but_quotes_nothing_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 1);
    // A line an editor or a disk damaged, with a name in a value the reader does not know.
    let mut file = std::fs::OpenOptions::new().append(true).open(&path).unwrap();
    writeln!(file, r#"{{"seq":99,"at":"2026-11-23T15:00:00Z","offset":3600,"type":"Burgemeester Jansen GEHEIM"}}"#)
        .unwrap();
    drop(file);
    let deck = common::deck();
    let render = |anonymize: bool, format: Format| {
        let log = load_log(&path, &deck).unwrap();
        let options = Options { anonymize, ..Options::default() };
        let report = Report::with(&deck, Lang::Nl, vec![log], options);
        let mut text = report.render(format).unwrap();
        text.push_str(&report.warnings().join("\n"));
        text
    };
    for format in [Format::Markdown, Format::Html, Format::Json] {
        let published = render(true, format);
        assert!(published.contains("onleesbare gebeurtenis, overgeslagen"), "{format:?}:\n{published}");
        assert!(!published.contains("Jansen") && !published.contains("GEHEIM"), "{format:?}:\n{published}");
    }
    // The gespreksleider's own report keeps the reader's reason, to find and mend the line.
    assert!(render(false, Format::Markdown).contains("Burgemeester Jansen GEHEIM"));
}

/// An option the card does not have (a log edited by hand, a deck changed since) is named as
/// such, never shown as if it were option 1.
#[test]
fn an_unknown_option_is_named_as_such_and_never_numbered() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 1);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(r#""option":"ambassadors""#));
    std::fs::write(&path, text.replace(r#""option":"ambassadors""#, r#""option":"verzonnen""#)).unwrap();
    let deck = common::deck();
    let log = load_log(&path, &deck).unwrap();
    let md = Report::with(&deck, Lang::Nl, vec![log], Options::default()).render(Format::Markdown).unwrap();
    assert!(md.contains("| Laren | verzonnen (geen optie van deze kaart) |"), "{md}");
    assert!(!md.contains("1. verzonnen"), "{md}");
}

/// Card and option ids carried in from a previous log are published only as the deck knows
/// them: a hand-edited previous log could hide any text in an id.
#[test]
fn a_published_report_carries_no_ids_from_a_previous_log_that_the_deck_does_not_know() {
    use weerbaar::session::{Command, PreviousAnswer, PreviousSession};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    let mut s = weerbaar::session::Session::start(
        common::deck(),
        common::setup("Tweede", &["Laren", "Huizen"], "gemengd"),
        &path,
        common::clock(),
    )
    .unwrap();
    let crafted = "verzonnen-kaart-GEHEIM";
    s.execute(Command::FollowUpOn(Box::new(PreviousSession {
        from: "vorige.jsonl".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 12),
        title: Some("Vorige".into()),
        actions: vec![],
        answers: vec![
            PreviousAnswer { group: "Laren".into(), card: crafted.into(), option: "x".into() },
            PreviousAnswer { group: "Laren".into(), card: "helpdesk-fraud-wave".into(), option: "ambassadors".into() },
        ],
        played: vec![crafted.into(), "helpdesk-fraud-wave".into()],
    })))
    .unwrap();
    drop(s);
    let deck = common::deck();
    let render = |anonymize: bool| {
        let log = load_log(&path, &deck).unwrap();
        Report::with(&deck, Lang::Nl, vec![log], Options { anonymize, ..Options::default() })
            .render(Format::Json)
            .unwrap()
    };
    let published = render(true);
    assert!(!published.contains("GEHEIM"), "{published}");
    assert!(published.contains("helpdesk-fraud-wave"), "known ids stay: {published}");
    assert!(render(false).contains(crafted), "the gespreksleider's own report shows what the log holds");
}

/// A skipped event is explained in the report's language: a Dutch report quotes no English.
#[test]
fn why_an_event_was_skipped_reads_in_the_reports_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "s.jsonl", ["Laren", "Huizen"], 1);
    // Before the session's end: a progress for an action the follow-up never brought in.
    let text = std::fs::read_to_string(&path).unwrap();
    let (before, ended) = text.trim_end().rsplit_once('\n').unwrap();
    assert!(ended.contains("session_ended"), "{ended}");
    let mut end: serde_json::Value = serde_json::from_str(ended).unwrap();
    let seq = end["seq"].as_u64().unwrap();
    end["seq"] = (seq + 1).into();
    let crafted = format!(
        r#"{{"seq":{seq},"at":"2026-11-23T16:00:00Z","offset":3600,"type":"action_progress","index":99,"status":"done"}}"#
    );
    std::fs::write(&path, format!("{before}\n{crafted}\n{end}\n")).unwrap();
    let deck = common::deck();
    let warnings = |lang: Lang| {
        let log = load_log(&path, &deck).unwrap();
        Report::with(&deck, lang, vec![log], Options::default()).warnings().join("\n")
    };
    let nl = warnings(Lang::Nl);
    assert!(nl.contains("de stand van een onbekende actie") && !nl.contains("progress of"), "{nl}");
    assert!(warnings(Lang::En).contains("progress of an unknown action"));
}
