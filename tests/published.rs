#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! A published report (`debrief --anonymize`) quotes nothing of a damaged log line: the reader's
//! reason for skipping a line quotes the line, and a damaged line can hold a name.

mod common;

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
