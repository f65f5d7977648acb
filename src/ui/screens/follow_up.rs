//! "What have you done since?": the previous session's take-home actions, one status each.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::View;
use super::one_line;
use crate::scenario::clean;
use crate::session::Progress;
use crate::ui::i18n::{self as t};
use crate::ui::theme;

pub fn render(view: &View, selected: usize, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let state = view.state;
    let mut lines = vec![Line::styled(t::SINCE_LAST.get(lang), theme::heading()), Line::default()];
    let mut group = String::new();
    for (i, (action, status)) in state.follow_up.iter().enumerate() {
        if action.group != group {
            group = action.group.clone();
            lines.push(Line::styled(clean(&group).into_owned(), theme::heading()));
        }
        let focused = i == selected;
        let status_span = match status {
            Some(Progress::Done) => Span::styled(format!("[{}]", Progress::Done.label(lang)), theme::ok()),
            Some(p) => Span::styled(format!("[{}]", p.label(lang)), theme::warn()),
            None => Span::styled("[ … ]", theme::dim()),
        };
        let due = if action.due.is_empty() { String::new() } else { format!(", {}", clean(&action.due)) };
        lines.push(Line::from(vec![
            Span::raw(if focused { "▶ " } else { "  " }),
            status_span,
            Span::raw(" "),
            Span::styled(one_line(&action.what), if focused { theme::focus() } else { Style::new() }),
            Span::styled(format!(" ({}{due})", action.owner.label(lang)), theme::dim()),
        ]));
    }
    let from = state.follow_up_from.as_deref().map(|f| clean(f).into_owned()).unwrap_or_default();
    let block = Block::bordered().title(format!(" {} · {from} ", t::FOLLOW_UP.get(lang)));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
}
