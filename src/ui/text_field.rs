//! A one-line text field with a cursor, for rationales, notes and names.
//!
//! The cursor moves by characters (not bytes), so é and ë edit like any other letter.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthStr;

/// The longest text a field takes: a rationale or a note, not an essay.
pub const MAX_CHARS: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    /// Cursor position in characters.
    cursor: usize,
}

impl TextField {
    pub fn new(text: &str) -> Self {
        let text: String = text.chars().filter(|c| !c.is_control()).take(MAX_CHARS).collect();
        let cursor = text.chars().count();
        TextField { text, cursor }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    /// Handles an editing key; returns false when the key is not for the field.
    pub fn handle(&mut self, key: KeyEvent) -> bool {
        let len = self.text.chars().count();
        match key.code {
            KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => self.insert(c),
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
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
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// Inserts pasted text at the cursor; escape sequences are removed, line breaks become spaces.
    pub fn paste(&mut self, s: &str) {
        for c in crate::scenario::clean(s).chars() {
            self.insert(if c == '\n' || c == '\r' || c == '\t' { ' ' } else { c });
        }
    }

    fn insert(&mut self, c: char) {
        if c.is_control() || self.text.chars().count() >= MAX_CHARS {
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
    fn paste_flattens_lines_and_drops_escapes() {
        let mut f = TextField::default();
        f.paste("een\ntwee\u{1b}[2J");
        assert_eq!(f.text(), "een twee");
    }
}
