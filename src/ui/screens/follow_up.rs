//! "What have you done since?": the previous session's take-home actions, one status each,
//! grouped per municipality (this session's groups first) with how many are done.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::View;
use super::one_line;
use crate::scenario::clean;
use crate::scenario::text::L;
use crate::session::{Progress, State};
use crate::ui::i18n::{self as t};
use crate::ui::theme;

pub const SOURCE: L = L("Vorige sessie", "Previous session");
pub const NO_ACTIONS: L = L("De vorige sessie had geen actiepunten.", "The previous session had no take-home actions.");

/// "30-11-2026, ‘Sessie Laren - Huizen’": which session this one follows up, said once after
/// "Vorige sessie:".
fn source(state: &State, lang: crate::scenario::Lang) -> Option<String> {
    let from = state.follow_up_from.as_ref()?;
    let title = state.follow_up_title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let text = match (state.follow_up_date, title) {
        (Some(date), Some(title)) => format!("{}, ‘{title}’", crate::session::show_date(date, lang)),
        (Some(date), None) => crate::session::show_date(date, lang),
        (None, _) if !from.trim().is_empty() => from.trim().to_string(),
        (None, _) => return None,
    };
    Some(clean(&text).into_owned())
}

/// The previous actions in the order the screen lists them (per municipality): the selection on
/// the screen is a position in this list.
pub fn order(state: &State) -> Vec<usize> {
    state.follow_up_groups().into_iter().flat_map(|(_, items)| items).collect()
}

/// Draws the follow-up; `selected` is a position in [`order`] (none in the review).
pub fn render(view: &View, selected: Option<usize>, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let state = view.state;
    let mut lines = Vec::new();
    if selected.is_some() {
        lines.push(Line::styled(t::SINCE_LAST.get(lang), theme::heading()));
    }
    if let Some(source) = source(state, lang) {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", SOURCE.get(lang)), theme::dim()),
            Span::raw(one_line(&source)),
        ]));
    }
    if state.follow_up.is_empty() {
        lines.push(Line::default());
        lines.push(Line::raw(NO_ACTIONS.get(lang)));
    }
    let width = usize::from(area.width.saturating_sub(2));
    let mut focus_line = 0;
    let mut position = 0;
    for (group, items) in state.follow_up_groups() {
        lines.push(Line::default());
        let line =
            crate::debrief::words::completion(&one_line(&group), state.follow_up_done(&items), items.len(), lang);
        lines.push(Line::styled(line, theme::heading()));
        for i in items {
            let Some((action, status)) = state.follow_up.get(i) else { continue };
            let focused = selected == Some(position);
            if focused {
                focus_line = lines.len();
            }
            position += 1;
            let status_span = match status {
                Some(Progress::Done) => Span::styled(format!("[{}]", Progress::Done.label(lang)), theme::ok()),
                Some(p) => Span::styled(format!("[{}]", p.label(lang)), theme::warn()),
                None => Span::styled("[ … ]", theme::dim()),
            };
            let due = if action.due.is_empty() {
                String::new()
            } else {
                format!(", {}", crate::debrief::due_text(None, &action.due, lang))
            };
            let carried = action
                .since
                .map(|d| {
                    format!(
                        ", {} {}",
                        crate::debrief::words::CARRIED_FROM.get(lang),
                        crate::session::show_date(d, lang)
                    )
                })
                .unwrap_or_default();
            let lead = vec![Span::raw(if focused { "▶ " } else { "  " }), status_span, Span::raw(" ")];
            let what = one_line(&action.what);
            let who = format!(" ({}{due}{carried})", clean(action.owner.label(lang)));
            let style = if focused { theme::focus() } else { Style::new() };
            let row_width: usize = lead.iter().map(Span::width).sum::<usize>() + what.width() + who.width();
            if row_width <= width {
                let mut spans = lead;
                spans.push(Span::styled(what, style));
                spans.push(Span::styled(who, theme::dim()));
                lines.push(Line::from(spans));
            } else {
                // Wrapped rows go on under the text, not at the edge of the box.
                lines.extend(super::text::hanging(lead, &format!("{what}{who}"), style, width));
            }
        }
    }
    // Keep the selected action on screen (rows are one line each unless a text is very long).
    let inner = usize::from(area.height.saturating_sub(2));
    let scroll = if inner > 0 && focus_line + 2 > inner { focus_line + 2 - inner } else { usize::from(view.scroll) };
    let block = Block::bordered().title(format!(" {} ", t::FOLLOW_UP.get(lang)));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
