//! Problems found in a deck, told the way rustc tells them: where, what, and the line itself.
//!
//! Every message is written in Dutch and English ([`Msg`]); the author reads the one they asked for.

use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::text::{Lang, clean};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

/// A message in both languages: authors are Dutch civil servants, so Dutch is the default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Msg {
    pub nl: String,
    pub en: String,
}

impl Msg {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Self {
        Msg { nl: nl.into(), en: en.into() }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// Both languages at once: `msg!("Dutch {x}", "English {x}")`.
#[macro_export]
macro_rules! msg {
    ($nl:literal, $en:literal $(, $arg:expr)* $(,)?) => {
        $crate::scenario::diag::Msg::new(format!($nl $(, $arg)*), format!($en $(, $arg)*))
    };
}

/// One problem. Lines and columns are 1-based (columns count characters); 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// A stable code such as `E002` or `W001`, listed in `docs/scenarios.md`.
    pub code: &'static str,
    pub severity: Severity,
    pub file: String,
    pub line: usize,
    pub col: usize,
    /// How many characters the caret line underlines.
    pub len: usize,
    pub message: Msg,
    pub help: Option<Msg>,
    /// For a text that swallowed what followed (E038): the lines from its start to where it
    /// should have ended. Messages about those lines follow from this one and are left out.
    #[serde(skip)]
    pub covers: Option<(usize, usize)>,
}

impl Diagnostic {
    pub fn new(code: &'static str, file: &str, message: Msg) -> Self {
        let severity = if code.starts_with('W') { Severity::Warning } else { Severity::Error };
        Diagnostic {
            code,
            severity,
            file: file.to_string(),
            line: 0,
            col: 0,
            len: 1,
            message,
            help: None,
            covers: None,
        }
    }

    pub fn at(mut self, line: usize, col: usize, len: usize) -> Self {
        self.line = line;
        self.col = col;
        self.len = len.max(1);
        self
    }

    pub fn help(mut self, help: Msg) -> Self {
        self.help = Some(help);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line: `path:line:column: fout: message [E002]`. The path is cleaned too: a
    /// file name can carry escape sequences as well as a text can.
    pub fn headline(&self, lang: Lang) -> String {
        let kind = match (self.severity, lang) {
            (Severity::Error, Lang::Nl) => "fout",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Nl) => "waarschuwing",
            (Severity::Warning, Lang::En) => "warning",
        };
        let file = clean(&self.file);
        let place = if self.line == 0 { file.into_owned() } else { format!("{file}:{}:{}", self.line, self.col) };
        format!("{place}: {kind}: {} [{}]", clean(self.message.get(lang)), self.code)
    }

    /// The full report: headline, the offending source line with a caret under the spot, and help.
    pub fn render(&self, source: Option<&str>, lang: Lang) -> String {
        let line = source.filter(|_| self.line > 0).and_then(|s| s.lines().nth(self.line - 1));
        self.render_line(line, lang)
    }

    /// Like [`Diagnostic::render`], given the offending line itself (found once through an index).
    pub fn render_line(&self, line_text: Option<&str>, lang: Lang) -> String {
        let mut out = self.headline(lang);
        out.push('\n');
        if let Some(line_text) = line_text.filter(|_| self.line > 0) {
            let shown: String = clean(line_text).replace('\r', "");
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            let prefix: String = shown.chars().take(self.col.saturating_sub(1)).collect();
            let marked: String = shown.chars().skip(self.col.saturating_sub(1)).take(self.len).collect();
            let caret_len = UnicodeWidthStr::width(marked.as_str()).max(1);
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(out, "{pad} | {}{}", " ".repeat(prefix.width()), "^".repeat(caret_len));
        }
        if let Some(help) = &self.help {
            let word = if lang == Lang::Nl { "hulp" } else { "help" };
            let _ = writeln!(out, "  = {word}: {}", clean(help.get(lang)));
        }
        out
    }
}

/// Where each line of a text starts, so a diagnostic finds its line and column in O(log n)
/// instead of rescanning the file from the start (10,000 diagnostics in one file stay linear).
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let col = self.text.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map_or(self.text.len(), |&e| e.saturating_sub(1));
        self.text.get(start..end.max(start))
    }
}

/// The closing line of `weerbaar check`: "1 kaart, 1 fout, 0 waarschuwingen".
pub fn summary(lang: Lang, cards: usize, errors: usize, warnings: usize) -> String {
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    match lang {
        Lang::Nl => format!(
            "{}, {}, {}",
            count(cards, "kaart", "kaarten"),
            count(errors, "fout", "fouten"),
            count(warnings, "waarschuwing", "waarschuwingen")
        ),
        Lang::En => format!(
            "{}, {}, {}",
            count(cards, "card", "cards"),
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings")
        ),
    }
}

/// The closest candidate to `found` when it is plausibly a typo, for "did you mean" hints.
pub fn suggest<'a>(found: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let found_l = found.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&found_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1) + usize::from(found_l.chars().count() > 6))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal-string-alignment distance: like Levenshtein, but a swap of two neighbours (`titel`
/// for `title`) costs one, the commonest typo.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(suggest("titel", ["title", "theme", "id"]), Some("title"));
        assert_eq!(suggest("situatie", ["situation", "title"]), Some("situation"));
        assert_eq!(suggest("zzz", ["title", "theme"]), None);
    }

    #[test]
    fn caret_sits_under_the_column_with_wide_characters() {
        let d = Diagnostic::new("E002", "a.ron", Msg::new("x", "x")).at(1, 4, 2);
        let out = d.render(Some("éé xy z"), Lang::En);
        assert!(out.contains("1 | éé xy z\n  |    ^^\n"), "{out}");
    }

    #[test]
    fn line_index_finds_lines_and_columns() {
        let idx = LineIndex::new(
            "ab
éé x

last",
        );
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(8), (2, 4));
        assert_eq!(idx.line(2), Some("éé x"));
        assert_eq!(idx.line(3), Some(""));
        assert_eq!(idx.line(4), Some("last"));
        assert_eq!(idx.line(5), None);
    }
}
