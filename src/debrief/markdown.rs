//! The Markdown report: the form a municipality can paste straight into its own agenda.

use std::fmt::Write as _;

use super::Report;
use super::layout::{self, Cell, Markup, Tone};

/// Makes untrusted text safe inside a Markdown line or table cell.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' | '_' | '`' | '[' | ']' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Markdown {
    out: String,
}

impl Markup for Markdown {
    fn heading(&mut self, level: u8, text: &str) {
        let _ = writeln!(self.out, "{} {}\n", "#".repeat(usize::from(level.clamp(1, 6))), md(text));
    }

    fn paragraph(&mut self, tone: Option<Tone>, text: &str) {
        let text = md(text);
        let _ = match tone {
            Some(Tone::Meta) => writeln!(self.out, "*{text}*\n"),
            Some(Tone::Differ | Tone::Agree) => writeln!(self.out, "**{text}**\n"),
            Some(Tone::Warning) => writeln!(self.out, "> ⚠ {text}\n"),
            None => writeln!(self.out, "{text}\n"),
        };
    }

    fn labelled(&mut self, label: &str, text: &str) {
        let _ = writeln!(self.out, "**{}:** {}  ", md(label), md(text));
    }

    fn table(&mut self, headers: &[&str], rows: Vec<Vec<Cell>>) {
        self.out.push('\n');
        let _ = writeln!(self.out, "| {} |", headers.iter().map(|h| md(h)).collect::<Vec<_>>().join(" | "));
        let numeric: Vec<bool> =
            (0..headers.len()).map(|i| rows.first().and_then(|r| r.get(i)).is_some_and(|c| c.numeric)).collect();
        let rule: Vec<&str> = numeric.iter().map(|n| if *n { "---:" } else { "---" }).collect();
        let _ = writeln!(self.out, "|{}|", rule.join("|"));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| md(&c.text)).collect();
            let _ = writeln!(self.out, "| {} |", cells.join(" | "));
        }
        self.out.push('\n');
    }

    fn bullets(&mut self, items: &[String]) {
        for i in items {
            let _ = writeln!(self.out, "- {}", md(i));
        }
        self.out.push('\n');
    }

    fn checklist(&mut self, items: &[(String, bool)]) {
        for (text, done) in items {
            let _ = writeln!(self.out, "- [{}] {}", if *done { "x" } else { " " }, md(text));
        }
        self.out.push('\n');
    }
}

pub fn render(report: &Report) -> String {
    let mut m = Markdown::default();
    for s in report.summaries() {
        layout::session(&mut m, &s, report.lang);
    }
    if let Some(a) = report.aggregate() {
        layout::aggregate(&mut m, &a, report.lang);
    }
    layout::warnings(&mut m, &report.warnings(), report.lang);
    m.out
}
