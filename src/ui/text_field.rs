//! A text field with a cursor, for rationales, notes and names: one line, or several with soft
//! wrap ([`TextField::wrapped`]) for the texts that run long.
//!
//! The cursor moves by characters (not bytes), so é and ë edit like any other letter.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

/// The character a key types into a text field, if any.
///
/// Ctrl+Alt+character counts as typed: Windows consoles report AltGr as Ctrl+Alt, and AltGr is
/// how a Dutch or German laptop types `€`, `@` and accented letters (US-International too). No
/// binding uses Ctrl+Alt, so nothing is lost by it. Ctrl or Alt alone is a command, never text.
pub fn typed(key: &KeyEvent) -> Option<char> {
    let KeyCode::Char(c) = key.code else { return None };
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    (ctrl == alt && !c.is_control()).then_some(c)
}

/// The character a key stands for inside a paste that arrives as keys (Windows): Enter is a
/// line break, Tab a tab; other keys are none.
pub fn pasted_break(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Enter => Some('\n'),
        KeyCode::Tab => Some('\t'),
        _ => None,
    }
}

/// Ctrl held without Alt: Ctrl+Alt is AltGr typing (see [`typed`]).
pub fn ctrl(key: &KeyEvent) -> bool {
    key.modifiers.contains(KeyModifiers::CONTROL) && !key.modifiers.contains(KeyModifiers::ALT)
}

/// The longest text a field takes: a rationale or a note, not an essay.
pub const MAX_CHARS: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
    /// Keeps the line breaks of a paste (one-line fields turn them into spaces).
    multiline: bool,
}

impl TextField {
    pub fn new(text: &str) -> Self {
        let text: String = text.chars().filter(|c| !c.is_control()).take(MAX_CHARS).collect();
        let cursor = text.chars().count();
        TextField { text, cursor, multiline: false }
    }

    /// A field for a text that may run over several lines (rationale, note, action).
    pub fn multiline(text: &str) -> Self {
        let text: String = text.chars().filter(|c| !c.is_control() || *c == '\n').take(MAX_CHARS).collect();
        let cursor = text.chars().count();
        TextField { text, cursor, multiline: true }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Whether ↑ has nowhere to go inside the field (a one-line field, or the cursor on the
    /// first line), so in a form it moves to the field above.
    pub fn at_top(&self) -> bool {
        !self.multiline || !self.text.chars().take(self.cursor).any(|c| c == '\n')
    }

    /// Whether ↓ has nowhere to go inside the field, so in a form it moves to the field below.
    pub fn at_bottom(&self) -> bool {
        !self.multiline || !self.text.chars().skip(self.cursor).any(|c| c == '\n')
    }

    /// Handles an editing key; returns false when the key is not for the field.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let len = self.text.chars().count();
        if let Some(c) = typed(&key) {
            self.insert(c);
            return true;
        }
        match key.code {
            KeyCode::Char('u') if ctrl(&key) => {
                self.text.clear();
                self.cursor = 0;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.remove_at(self.cursor);
            }
            KeyCode::Delete if self.cursor < len => self.remove_at(self.cursor),
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(len),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = len,
            KeyCode::Up if self.multiline => self.cursor = self.cursor.saturating_sub(1 + self.column_in_line()),
            KeyCode::Down if self.multiline => {
                let rest = self.text.chars().skip(self.cursor).position(|c| c == '\n');
                self.cursor = rest.map_or(len, |p| self.cursor + p + 1);
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// Inserts pasted text at the cursor; escape sequences are removed. Line breaks stay in a
    /// multi-line field and become spaces in a one-line field; a tab is a space.
    pub fn paste(&mut self, s: &str) {
        let s = s.replace("\r\n", "\n").replace('\r', "\n");
        for c in crate::scenario::clean(&s).chars() {
            self.insert(match c {
                '\n' if self.multiline => '\n',
                '\n' | '\t' => ' ',
                c => c,
            });
        }
    }

    fn column_in_line(&self) -> usize {
        self.text.chars().take(self.cursor).collect::<Vec<_>>().iter().rev().take_while(|c| **c != '\n').count()
    }

    fn insert(&mut self, c: char) {
        if (c.is_control() && !(c == '\n' && self.multiline)) || self.text.chars().count() >= MAX_CHARS {
            return;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    fn remove_at(&mut self, char_index: usize) {
        let at = self.byte_at(char_index);
        if at < self.text.len() {
            self.text.remove(at);
        }
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text.char_indices().nth(char_index).map_or(self.text.len(), |(i, _)| i)
    }

    /// The display column of the cursor (wide characters count double).
    pub fn cursor_column(&self) -> u16 {
        let before: String = self.text.chars().take(self.cursor).collect();
        u16::try_from(before.width()).unwrap_or(u16::MAX)
    }

    /// The text soft-wrapped to `width` columns (at a space where one fits, else mid-word), and
    /// the cursor's (row, column) in it. Every character is in exactly one row; line breaks end
    /// a row.
    pub fn wrapped(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(2);
        let chars: Vec<char> = self.text.chars().collect();
        let mut rows: Vec<(usize, usize)> = Vec::new(); // [start, end) in chars
        let mut start = 0;
        let mut col = 0;
        let mut last_space: Option<usize> = None;
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '\n' {
                rows.push((start, i + 1));
                start = i + 1;
                col = 0;
                last_space = None;
                i += 1;
                continue;
            }
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if col + w > width && i > start {
                let cut = match last_space {
                    Some(s) if s > start => s + 1,
                    _ => i,
                };
                rows.push((start, cut));
                start = cut;
                col = chars[start..i].iter().map(|c| unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0)).sum();
                last_space = None;
                continue;
            }
            if c == ' ' {
                last_space = Some(i);
            }
            col += w;
            i += 1;
        }
        rows.push((start, chars.len()));
        let row = rows.iter().rposition(|(s, _)| *s <= self.cursor).unwrap_or(0);
        let (s, e) = rows[row];
        let before: String = chars[s..self.cursor.min(e).max(s)].iter().filter(|c| **c != '\n').collect();
        let mut cursor = (row, before.width());
        // A cursor right after a full row sits at the start of the next one.
        if cursor.1 >= width {
            cursor = (row + 1, 0);
        }
        let text_rows =
            rows.iter().map(|(s, e)| chars[*s..*e].iter().filter(|c| **c != '\n').collect::<String>()).collect();
        (text_rows, cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(s: &str) -> TextField {
        let mut f = TextField::default();
        for c in s.chars() {
            f.handle(key(KeyCode::Char(c)));
        }
        f
    }

    #[test]
    fn edits_accented_text_by_character() {
        let mut f = typed("café ëën");
        f.handle(key(KeyCode::Left));
        f.handle(key(KeyCode::Backspace));
        assert_eq!(f.text(), "café ën");
        f.handle(key(KeyCode::Home));
        f.handle(key(KeyCode::Delete));
        f.handle(key(KeyCode::Char('C')));
        assert_eq!(f.text(), "Café ën");
        f.handle(key(KeyCode::End));
        f.handle(key(KeyCode::Char('!')));
        assert_eq!(f.text(), "Café ën!");
        assert_eq!(f.cursor_column(), 8);
    }

    #[test]
    fn backspace_at_start_and_delete_at_end_do_nothing() {
        let mut f = typed("ab");
        f.handle(key(KeyCode::Delete));
        f.handle(key(KeyCode::Home));
        f.handle(key(KeyCode::Backspace));
        assert_eq!(f.text(), "ab");
    }

    #[test]
    fn long_text_wraps_at_spaces_and_the_cursor_follows() {
        let f = typed("een twee drie vier");
        let (rows, cursor) = f.wrapped(9);
        assert_eq!(rows, ["een twee ", "drie vier"]);
        assert_eq!(cursor, (2, 0), "after a full row the cursor starts the next");
        let (rows, _) = typed("abcdefghij").wrapped(4);
        assert_eq!(rows, ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn a_multiline_paste_keeps_its_line_breaks() {
        let mut f = TextField::multiline("");
        f.paste("een\r\ntwee");
        assert_eq!(f.text(), "een\ntwee");
        assert_eq!(f.wrapped(20).0, ["een", "twee"]);
        f.handle(key(KeyCode::Up));
        f.handle(key(KeyCode::Char('!')));
        assert_eq!(f.text(), "een!\ntwee");
    }

    #[test]
    fn paste_flattens_lines_and_drops_escapes() {
        let mut f = TextField::default();
        f.paste("een\ntwee\u{1b}[2J");
        assert_eq!(f.text(), "een twee");
    }
}
