//! Problems found in a deck, told the way rustc tells them: where, what, and the line itself.

use std::fmt::Write as _;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::text::clean;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
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
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: &'static str, file: &str, message: impl Into<String>) -> Self {
        let severity = if code.starts_with('W') { Severity::Warning } else { Severity::Error };
        Diagnostic {
            code,
            severity,
            file: file.to_string(),
            line: 0,
            col: 0,
            len: 1,
            message: message.into(),
            help: None,
        }
    }

    pub fn at(mut self, line: usize, col: usize, len: usize) -> Self {
        self.line = line;
        self.col = col;
        self.len = len.max(1);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The first line: `path:line:column: error: message [E002]`.
    pub fn headline(&self) -> String {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place =
            if self.line == 0 { self.file.clone() } else { format!("{}:{}:{}", self.file, self.line, self.col) };
        format!("{place}: {kind}: {} [{}]", clean(&self.message), self.code)
    }

    /// The full report: headline, the offending source line with a caret under the spot, and help.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = self.headline();
        out.push('\n');
        if let Some(line_text) = source.filter(|_| self.line > 0).and_then(|s| s.lines().nth(self.line - 1)) {
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
            let _ = writeln!(out, "  = help: {}", clean(help));
        }
        out
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
        let d = Diagnostic::new("E002", "a.ron", "x").at(1, 4, 2);
        let out = d.render(Some("éé xy z"));
        assert!(out.contains("1 | éé xy z\n  |    ^^\n"), "{out}");
    }
}
