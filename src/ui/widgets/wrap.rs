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

/// `text` wrapped into at most `max_rows` rows of `width`, for a status or hint line that may not
/// grow: every word shown is whole. When the text needs more rows, the last row ends with "…" after
/// its last whole word that leaves room for it, so the reader knows there is more.
pub fn wrap_rows(text: &str, width: usize, max_rows: usize) -> Vec<String> {
    let mut rows = wrap(text, width);
    if rows.len() <= max_rows.max(1) {
        return rows;
    }
    rows.truncate(max_rows.max(1));
    if let Some(last) = rows.last_mut() {
        let mut words: Vec<&str> = last.split(' ').collect();
        while !words.is_empty() && words.join(" ").width() + 2 > width {
            words.pop();
        }
        *last = if words.is_empty() { "…".to_string() } else { format!("{} …", words.join(" ")) };
    }
    rows
}

/// Styled lines wrapped to `width` at spaces, keeping each word's style; a wrapped row is
/// indented like the start of its line. So a screen knows how many rows it takes (to page it).
pub fn wrap_lines(lines: Vec<ratatui::text::Line<'static>>, width: usize) -> Vec<ratatui::text::Line<'static>> {
    use ratatui::text::{Line, Span};
    let width = width.max(1);
    let mut out = Vec::new();
    for line in lines {
        if line.width() <= width {
            out.push(line);
            continue;
        }
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let indent = (text.len() - text.trim_start().len()).min(width / 2);
        // Words with their styles, including the leading indent as its own piece.
        let mut words: Vec<(String, ratatui::style::Style)> = Vec::new();
        let mut started = false;
        for span in &line.spans {
            let style = line.style.patch(span.style);
            for (i, piece) in span.content.split(' ').enumerate() {
                if i > 0 && started {
                    words.push((String::new(), style));
                }
                if !piece.is_empty() {
                    started = true;
                    match words.last_mut() {
                        Some((w, _)) if !w.is_empty() && i == 0 => w.push_str(piece),
                        _ => words.push((piece.to_string(), style)),
                    }
                }
            }
        }
        let mut row: Vec<Span<'static>> = vec![Span::raw(" ".repeat(indent))];
        let mut used = indent;
        let mut pending_space = false;
        for (word, style) in words {
            if word.is_empty() {
                pending_space = used > indent;
                continue;
            }
            for chunk in wrap(&word, width.saturating_sub(indent).max(1)) {
                let w = chunk.width();
                let gap = usize::from(pending_space);
                if used + gap + w > width && used > indent {
                    out.push(Line::from(std::mem::take(&mut row)));
                    row.push(Span::raw(" ".repeat(indent)));
                    used = indent;
                } else if gap == 1 {
                    row.push(Span::raw(" "));
                    used += 1;
                }
                row.push(Span::styled(chunk, style));
                used += w;
                pending_space = false;
            }
        }
        out.push(Line::from(row));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_that_may_not_grow_keep_whole_words_and_say_there_is_more() {
        let text = "NIEUW: De politie vermoedt dat de adressen komen van een gehackte leverancier van de gemeente";
        let rows = wrap_rows(text, 30, 2);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows[1].ends_with(" …"), "{rows:?}");
        let words: Vec<&str> = text.split(' ').collect();
        for row in &rows {
            assert!(row.width() <= 30, "{row:?}");
            for w in row.split(' ').filter(|w| *w != "…") {
                assert!(words.contains(&w), "{w:?} is a cut word: {rows:?}");
            }
        }
        assert_eq!(wrap_rows("kort", 30, 2), vec!["kort".to_string()]);
    }

    #[test]
    fn rows_break_at_spaces_and_never_exceed_the_width() {
        assert_eq!(wrap("Niet betalen. Aangifte doen.", 14), ["Niet betalen.", "Aangifte doen."]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("a\nb", 10), ["a", "b"]);
        assert_eq!(wrap("", 10), [""]);
        for row in wrap("東京都庁舎 東京都庁舎 東京", 5) {
            assert!(row.width() <= 5, "{row}");
        }
        let styled = ratatui::text::Line::from(vec![
            ratatui::text::Span::raw("    Laren: "),
            ratatui::text::Span::raw("Niet betalen en aangifte doen"),
        ]);
        let rows: Vec<String> = wrap_lines(vec![styled], 20).iter().map(|l| l.to_string()).collect();
        assert_eq!(rows, ["    Laren: Niet", "    betalen en", "    aangifte doen"]);
    }
}
