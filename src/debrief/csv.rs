//! The CSV export for tools: one file, RFC 4180 (CRLF, quotes doubled), UTF-8 with a byte-order
//! mark so Excel reads the accents. The separator is what Excel splits on in the report's language
//! (Dutch Excel's list separator is `;`, English `,`), or `--csv-sep`. Every row starts with its record type (choice,
//! action, note, follow-up) in the report's language; the other columns are the union of the
//! tables' columns, headers and labels in that same language. A text a spreadsheet would run as a
//! formula gets a leading apostrophe: one starting with `=`, `+` or `@`, or `-` followed by a
//! digit or another formula character. Numbers and dates are written plainly (ISO dates).

use super::tables::{Value, tables};
use super::words as w;
use super::{DebriefError, Report};

/// Defuses a text cell: only what a spreadsheet would run. "- twijfel" (a list dash) stays as it is;
/// "-twijfel" does not: Excel reads a leading minus as a formula (`-cmd|' /C calc'!A0`).
pub fn defuse(text: &str) -> String {
    let mut chars = text.chars();
    let risky = match chars.next() {
        Some('=' | '+' | '@') => true,
        Some('-') => chars.next().is_some_and(|c| !c.is_whitespace()),
        _ => false,
    };
    if risky { format!("'{text}") } else { text.to_string() }
}

/// The separator Excel splits a CSV on in `lang`: `;` in Dutch, `,` in English.
pub fn separator(lang: crate::scenario::Lang) -> u8 {
    match lang {
        crate::scenario::Lang::Nl => b';',
        crate::scenario::Lang::En => b',',
    }
}

pub fn render(report: &Report) -> Result<String, DebriefError> {
    let lang = report.lang;
    let tables = tables(report);
    let mut columns: Vec<String> = vec![w::RECORD.get(lang).to_string()];
    for t in &tables {
        for h in &t.headers {
            if !columns.contains(h) {
                columns.push(h.clone());
            }
        }
    }
    let separator = report.options.csv_separator.unwrap_or(separator(lang));
    let mut writer =
        ::csv::WriterBuilder::new().delimiter(separator).terminator(::csv::Terminator::CRLF).from_writer(Vec::new());
    let fail = |e: ::csv::Error| DebriefError::Write(e.to_string());
    writer.write_record(&columns).map_err(fail)?;
    for t in &tables {
        let at: Vec<usize> = t.headers.iter().map(|h| columns.iter().position(|c| c == h).unwrap_or(0)).collect();
        for row in &t.rows {
            let mut line = vec![String::new(); columns.len()];
            if let Some(first) = line.first_mut() {
                *first = t.kind.record(lang).to_string();
            }
            for (value, &i) in row.iter().zip(&at) {
                if let Some(cell) = line.get_mut(i) {
                    *cell = match value {
                        Value::Text(text) => defuse(text),
                        other => other.plain(),
                    };
                }
            }
            writer.write_record(&line).map_err(fail)?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| DebriefError::Write(e.to_string()))?;
    let text = String::from_utf8(bytes).map_err(|e| DebriefError::Write(e.to_string()))?;
    Ok(format!("\u{feff}{text}"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_what_a_spreadsheet_would_run_is_defused() {
        for (text, want) in [
            ("=1+1", "'=1+1"),
            ("+31 6", "'+31 6"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-3", "'-3"),
            ("-=A1", "'-=A1"),
            ("- twijfel", "- twijfel"),
            ("-twijfel", "'-twijfel"),
            ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
            ("-", "-"),
            ("Q1 2027", "Q1 2027"),
            ("", ""),
        ] {
            assert_eq!(super::defuse(text), want, "{text}");
        }
    }
}
