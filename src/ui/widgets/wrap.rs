//! Word wrapping by display width, so a screen knows how many rows a text takes before it draws
//! it (and can page or condense what does not fit).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` broken into rows of at most `width` columns at spaces; a word longer than a row is
/// broken inside (never inside a grapheme: combining marks stay with their letter). Line breaks
/// in the text start a new row.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for paragraph in text.split('\n') {
        let mut row = String::new();
        let mut row_width = 0;
        for word in paragraph.split_whitespace() {
            let w = word.width();
            let gap = usize::from(!row.is_empty());
            if row_width + gap + w <= width {
                if gap == 1 {
                    row.push(' ');
                }
                row.push_str(word);
                row_width += gap + w;
                continue;
            }
            if !row.is_empty() {
                rows.push(std::mem::take(&mut row));
                row_width = 0;
            }
            if w <= width {
                row.push_str(word);
                row_width = w;
                continue;
            }
            // A word wider than a row: break it by characters.
            for c in word.chars() {
                let cw = c.width().unwrap_or(0);
                if row_width + cw > width && !row.is_empty() {
                    rows.push(std::mem::take(&mut row));
                    row_width = 0;
                }
                row.push(c);
                row_width += cw;
            }
        }
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_break_at_spaces_and_never_exceed_the_width() {
        assert_eq!(wrap("Niet betalen. Aangifte doen.", 14), ["Niet betalen.", "Aangifte doen."]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
        for row in wrap("東京都庁舎 東京都庁舎 東京", 5) {
            assert!(row.width() <= 5, "{row}");
        }
    }
}
