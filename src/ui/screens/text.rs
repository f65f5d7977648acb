//! The screens' shared text pieces: hanging indents, section heads, and pages that turn (by
//! the gespreksleider's page keys, on the console and the room's screens alike), and the
//! facilitator notes' box. Every screen builds on these; they build on no screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph};

use super::View;
use crate::scenario::{Card, Lang, clean};
use crate::ui::i18n::{self as t};
use crate::ui::theme;
use crate::ui::widgets::cut::cut;
use crate::ui::widgets::wrap::wrap;

/// Which of the pages (given by the words before each page's first row) to show. The console
/// and the room's screens show the page holding the word the gespreksleider turned to
/// ([`crate::session::State::page_word`]), each at its own size, so the room reads what the
/// gespreksleider points at and no screen turns a page by itself; the review (no room) by its
/// own scroll position, clamped to the last page.
pub fn page_of(view: &View, starts: &[u32]) -> usize {
    if starts.len() <= 1 {
        return 0;
    }
    if view.viewer.reveals_all() {
        usize::from(view.scroll).min(starts.len() - 1)
    } else {
        page_holding(starts, view.state.page_word())
    }
}

/// The page holding `word`: the last page starting at or before it.
pub fn page_holding(starts: &[u32], word: u32) -> usize {
    starts.iter().rposition(|&s| s <= word).unwrap_or(0)
}

/// The words of a row, as the page anchor counts them: the same text wrapped to another width
/// has the same words, so a word is a place in the text at any screen size.
fn words(line: &Line) -> u32 {
    let n: usize = line.spans.iter().map(|s| s.content.split_whitespace().count()).sum();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The keys that turn the console's pages, and those of the notes' box.
pub const PAGE_KEYS: (&str, &str) = ("PgUp", "PgDn");
pub const NOTES_KEYS: (&str, &str) = ("[", "]");

/// The "1/2" under a page, so the reader knows there is more; on the console with the key that
/// turns it ("pagina 1/2 · PgDn", on the last page the key back). The room's screen turns its
/// pages itself and shows no key.
pub fn page_marker(page: usize, pages: usize, lang: Lang, keys: Option<(&str, &str)>) -> Line<'static> {
    Line::from(Span::styled(marker_text(page, pages, lang, keys), theme::key())).alignment(Alignment::Right)
}

fn marker_text(page: usize, pages: usize, lang: Lang, keys: Option<(&str, &str)>) -> String {
    let more = match lang {
        Lang::Nl => "pagina",
        Lang::En => "page",
    };
    let key = match keys {
        Some((back, on)) => format!(" · {}", if page + 1 < pages { on } else { back }),
        None => String::new(),
    };
    format!(" {more} {}/{pages}{key} ", page + 1)
}

/// Cuts `lines` into pages of `height` rows, the last row of each page its marker, and returns
/// the page to show now. Everything when it fits. The console learns the number of pages.
pub fn paged(view: &View, lines: Vec<Line<'static>>, height: usize) -> Vec<Line<'static>> {
    let keys = view.viewer.shows_controls().then_some(PAGE_KEYS);
    let mut shown = 0;
    // The room's screens and the console start their page at the row holding the word turned
    // to, so both show the same first row whatever their size; the review keeps fixed pages.
    let anchor = (!view.viewer.reveals_all()).then(|| view.state.page_word());
    let (out, starts) = page_at(
        lines,
        height,
        |starts| {
            shown = page_of(view, starts);
            shown
        },
        anchor,
        view.lang,
        keys,
    );
    if let Some(count) = view.pages {
        count.learn(&starts, shown);
    }
    out
}

/// `lines` cut into pages of `height` rows (the last row the marker); the page `pick` chooses
/// from the words before each page's first row, and those (one per page). With an `anchor` word
/// inside a page, the page shown starts at the row holding it instead (a screen of another size
/// turned to that word), numbered as the page holding it.
fn page_at(
    lines: Vec<Line<'static>>,
    height: usize,
    pick: impl FnOnce(&[u32]) -> usize,
    anchor: Option<u32>,
    lang: Lang,
    keys: Option<(&str, &str)>,
) -> (Vec<Line<'static>>, Vec<u32>) {
    if lines.len() <= height || height < 2 {
        pick(&[0]);
        return (lines, vec![0]);
    }
    let per_page = height - 1;
    let pages = page_breaks(&lines, per_page);
    let mut before = 0u32;
    let mut counted = 0;
    let starts: Vec<u32> = pages
        .iter()
        .map(|&(start, _)| {
            before += lines[counted..start].iter().map(words).sum::<u32>();
            counted = start;
            before
        })
        .collect();
    let page = pick(&starts).min(pages.len() - 1);
    let (mut start, mut end) = pages.get(page).copied().unwrap_or((0, 0));
    let mut number = page;
    if let Some(word) = anchor.filter(|w| *w != super::LAST_PAGE && Some(w) != starts.get(page)) {
        // The row holding the word: the first whose words reach past it.
        let mut seen = 0u32;
        let row = lines.iter().position(|l| {
            seen += words(l);
            seen > word
        });
        if let Some(row) = row {
            let (s, e) = page_breaks(&lines[row..], per_page).first().copied().unwrap_or((0, 0));
            // Numbered as the page it reaches into: the last when it shows the end.
            let later = row + s > start;
            (start, end) = (row + s, row + e);
            number =
                if end >= lines.len() { pages.len() - 1 } else { (page + usize::from(later)).min(pages.len() - 1) };
        }
    }
    let mut out: Vec<Line> = lines.get(start..end).unwrap_or_default().to_vec();
    out.resize(per_page, Line::default());
    out.push(page_marker(number, pages.len(), lang, keys));
    (out, starts)
}

/// The facilitator notes (and the card's references) in their own box, wrapped and paged by
/// `[` `]` apart from the screen: every word can be read, however small the box.
pub fn render_notes(view: &View, card: &Card, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let mut text: Vec<Line> = Text::from(clean(&card.notes.show(lang)).into_owned()).lines;
    if !card.references.is_empty() {
        text.push(Line::default());
        text.push(Line::styled(t::REFERENCES.get(lang), theme::heading()));
        text.extend(card.references.iter().map(|r| Line::raw(format!("• {}", clean(&r.show(lang))))));
    }
    let title = cut(t::FACILITATOR_NOTES.get(lang), usize::from(area.width.saturating_sub(4)));
    let block = Block::bordered().title(format!(" {title} ")).border_style(theme::secret());
    let inner = block.inner(area);
    let wrapped = crate::ui::widgets::wrap::wrap_lines(text, usize::from(inner.width));
    let pick = |starts: &[u32]| usize::from(view.notes_page).min(starts.len().saturating_sub(1));
    let (page, starts) = page_at(wrapped, usize::from(inner.height), pick, None, lang, Some(NOTES_KEYS));
    if let Some(count) = view.pages {
        count.notes.set(count.notes.get().max(starts.len()));
    }
    frame.render_widget(Paragraph::new(page).block(block), area);
}

fn is_heading(line: &Line) -> bool {
    line.style.add_modifier.contains(Modifier::UNDERLINED)
}

fn is_blank(line: &Line) -> bool {
    line.spans.iter().all(|s| s.content.trim().is_empty())
}

/// Where pages start and end: at most `per_page` rows each, never ending on a heading or a
/// blank row and never starting with a blank row.
fn page_breaks(lines: &[Line], per_page: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        while start < lines.len() && is_blank(&lines[start]) {
            start += 1;
        }
        if start >= lines.len() {
            break;
        }
        let mut end = (start + per_page).min(lines.len());
        if end < lines.len() {
            // Prefer to end a page at a blank row (between blocks) in its lower half.
            if let Some(b) = (start + per_page / 2..end).rev().find(|&i| is_blank(&lines[i])) {
                end = b;
            }
            let mut e = end;
            while e > start + 1 && (is_heading(&lines[e - 1]) || is_blank(&lines[e - 1])) {
                e -= 1;
            }
            end = e;
        }
        out.push((start, end));
        start = end;
    }
    if out.is_empty() {
        out.push((0, 0));
    }
    out
}

pub fn section(title: &str) -> Line<'static> {
    Line::styled(title.to_uppercase(), theme::heading().add_modifier(Modifier::UNDERLINED))
}

/// `text` wrapped to `width` with `first` in front of its first row and every further row
/// indented to where the text starts (so wrapped option lines sit under their text, not under
/// their number).
pub fn hanging(first: Vec<Span<'static>>, text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let indent: usize = first.iter().map(Span::width).sum();
    hanging_at(first, text, style, width, indent)
}

/// Like [`hanging`], with the further rows indented by `indent` columns: for a long lead-in
/// (a municipality's name) under which a full-width indent would leave too little room. Line
/// breaks in `text` become spaces.
pub fn hanging_at(
    first: Vec<Span<'static>>,
    text: &str,
    style: Style,
    width: usize,
    indent: usize,
) -> Vec<Line<'static>> {
    let lead: usize = first.iter().map(Span::width).sum();
    if lead != indent {
        // The first row has its own room: fill it, then wrap the rest under the indent. The
        // text is read as one paragraph, so the first row is a prefix of it.
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let head = wrap(&text, width.saturating_sub(lead).max(8)).into_iter().next().unwrap_or_default();
        let rest = text.get(head.len()..).unwrap_or("").trim_start();
        let mut spans = first;
        spans.push(Span::styled(head, style));
        let mut out = vec![Line::from(spans)];
        if !rest.is_empty() {
            out.extend(hanging(vec![Span::raw(" ".repeat(indent))], rest, style, width));
        }
        return out;
    }
    let rows = wrap(text, width.saturating_sub(indent).max(8));
    let mut out = Vec::with_capacity(rows.len());
    let mut first = Some(first);
    for row in rows {
        let mut spans = first.take().unwrap_or_else(|| vec![Span::raw(" ".repeat(indent))]);
        spans.push(Span::styled(row, style));
        out.push(Line::from(spans));
    }
    out
}

/// `lines` in `block`, wrapped and paged to fit `area` (the room's screen cannot scroll).
pub fn render_pages(view: &View, lines: Vec<Line<'static>>, block: Block, frame: &mut Frame, area: Rect) {
    let inner = block.inner(area);
    let wrapped = crate::ui::widgets::wrap::wrap_lines(lines, usize::from(inner.width));
    let page = paged(view, wrapped, usize::from(inner.height));
    frame.render_widget(Paragraph::new(page).block(block), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    fn rows(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    #[test]
    fn a_long_lead_in_leaves_further_rows_at_the_short_indent_and_every_word_kept() {
        let text = "Wij betalen nooit aan criminelen, ook niet als maandag de uitkeringen te laat zijn";
        let lead = vec![Span::raw("    Krimpen aan den IJssel: ")];
        let out = rows(&hanging_at(lead, text, Style::new(), 40, 6));
        assert!(out.len() > 2, "{out:?}");
        assert!(out[0].starts_with("    Krimpen aan den IJssel: Wij"), "{out:?}");
        for row in &out[1..] {
            assert!(row.starts_with("      ") && !row.starts_with("       "), "{row:?}");
        }
        assert!(out.iter().all(|r| r.width() <= 40), "{out:?}");
        let words: Vec<&str> = out.iter().flat_map(|r| r.split_whitespace()).collect();
        assert_eq!(words[4..].join(" "), text);
    }
}
