//! Cutting text to a width on a terminal: by display width (wide characters take two columns),
//! never inside a grapheme (combining characters stay with their letter), and with "…" so the
//! reader sees that something is missing.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `text` in at most `width` columns; cut with "…" when it does not fit.
pub fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut pending = String::new();
    let mut pending_width = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if w == 0 {
            // A combining mark belongs to the letter before it.
            pending.push(c);
            continue;
        }
        if used + pending_width + w > width - 1 {
            break;
        }
        out.push_str(&pending);
        used += pending_width;
        pending.clear();
        pending.push(c);
        pending_width = w;
    }
    if used + pending_width < width {
        out.push_str(&pending);
    }
    out.push('…');
    out
}

/// `text` cut to `width` and padded with spaces to exactly `width` columns.
pub fn fit(text: &str, width: usize) -> String {
    let shown = cut(text, width);
    let pad = width.saturating_sub(shown.width());
    format!("{shown}{}", " ".repeat(pad))
}

/// Makes `spans` fit in `width` columns: first the span at `shrink` gives way (cut with "…",
/// down to 24 columns), then the spans from the end.
pub fn fit_spans(
    mut spans: Vec<ratatui::text::Span<'static>>,
    width: usize,
    shrink: usize,
) -> Vec<ratatui::text::Span<'static>> {
    use ratatui::text::Span;
    let total: usize = spans.iter().map(Span::width).sum();
    if total <= width {
        return spans;
    }
    let over = total - width;
    if let Some(span) = spans.get_mut(shrink) {
        let w = span.width();
        let keep = w.saturating_sub(over).max(w.min(24));
        span.content = cut(&span.content, keep).into();
    }
    let mut used = 0;
    let mut out = Vec::with_capacity(spans.len());
    for span in spans {
        let w = span.width();
        if used + w <= width {
            used += w;
            out.push(span);
        } else {
            let rest = width - used;
            if rest > 1 {
                out.push(Span::styled(cut(&span.content, rest), span.style));
            }
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cut_with_an_ellipsis_by_display_width() {
        assert_eq!(cut("Krimpen aan den IJssel", 10), "Krimpen a…");
        assert_eq!(cut("Laren", 10), "Laren");
        assert_eq!(cut("Laren", 5), "Laren");
        assert_eq!(cut("Laren", 4), "Lar…");
        assert_eq!(cut("東京都庁舎", 5), "東京…");
        assert_eq!(cut("東京都庁舎", 6), "東京…");
        assert_eq!(fit("東京都庁舎", 6).width(), 6);
        // Combining characters stay with their letter.
        let struck = "L\u{336}a\u{336}r\u{336}e\u{336}n\u{336}";
        assert_eq!(cut(struck, 3), "L\u{336}a\u{336}…");
        assert_eq!(cut(struck, 5), struck);
    }
}
