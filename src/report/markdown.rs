//! The Markdown writer of [`Markup`]; the escaping is `scenario::text::markdown`, shared with the proof.

use std::fmt::Write as _;

use super::{Cell, Markup, Tone};

/// Makes untrusted text inert inside a Markdown line or table cell: see
/// [`crate::scenario::text::markdown`], where the one escaper lives (the deck's proof, below the
/// reports, uses it too).
pub fn md(text: &str) -> String {
    crate::scenario::text::markdown(text, true)
}

/// As [`md`], for text after other markup on its line (a heading's `#`, a table cell, a bold
/// label): nothing there can start a block, so a leading "1." or "-" stays as it is.
pub fn md_inline(text: &str) -> String {
    crate::scenario::text::markdown(text, false)
}

/// The Markdown [`Markup`]: the debrief and the series report are both written through it.
#[derive(Default)]
pub(crate) struct Markdown {
    out: String,
}

impl Markdown {
    pub(crate) fn finish(self) -> String {
        self.out
    }
}

impl Markup for Markdown {
    fn heading(&mut self, level: u8, text: &str) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        let _ = writeln!(self.out, "{} {}\n", "#".repeat(usize::from(level.clamp(1, 6))), md_inline(text));
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
        let _ = writeln!(self.out, "**{}:** {}  ", md_inline(label), md_inline(text));
    }

    fn table(&mut self, headers: &[&str], rows: Vec<Vec<Cell>>) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        let _ = writeln!(self.out, "| {} |", headers.iter().map(|h| md_inline(h)).collect::<Vec<_>>().join(" | "));
        let numeric: Vec<bool> =
            (0..headers.len()).map(|i| rows.first().and_then(|r| r.get(i)).is_some_and(|c| c.numeric)).collect();
        let rule: Vec<&str> = numeric.iter().map(|n| if *n { "---:" } else { "---" }).collect();
        let _ = writeln!(self.out, "|{}|", rule.join("|"));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| md_inline(&c.text)).collect();
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
}
