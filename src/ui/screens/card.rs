//! The card screen: the briefing while groups discuss, and the comparison after the reveal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::View;
use super::minute_text;
use crate::scenario::text::L;
use crate::scenario::{Card, clean};
use crate::session::{Play, State};
use crate::ui::i18n::{self as t};
use crate::ui::theme;

pub const FOLLOW_UP_FOR: L = L("Vervolg voor", "Follow-up for");
pub const OTHERS_WATCH: L = L("de andere groepen kijken mee", "the other groups look on");

/// Draws `play`: the briefing while answers are hidden, the comparison once they are shown.
pub fn render(view: &View, play: &Play, frame: &mut Frame, area: Rect) {
    let state = view.state;
    let Some(card) = view.deck.card(&play.card) else { return };
    let lang = view.lang;
    let title_lines = super::fit::title_lines(card, lang, area.width);
    let for_whom = for_whom_line(view, play, usize::from(area.width));
    let [title, whom, gauge, body] = Layout::vertical([
        Constraint::Length(title_lines.len() as u16),
        Constraint::Length(u16::from(for_whom.is_some())),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(title_lines), title);
    if let Some(line) = for_whom {
        frame.render_widget(Paragraph::new(line), whom);
    }
    render_gauge(view, state, play, card, frame, gauge);
    if play.is_revealed() || view.viewer.reveals_all() {
        super::compare::render(view, play, card, frame, body);
    } else {
        super::fit::render_briefing(view, play, card, frame, body);
    }
}

/// For a follow-up played for some groups: for whom, and who looks on ("Vervolg voor Laren —
/// Huizen kijkt mee") in `width` columns: who looks on is left out before a name is cut.
pub fn for_whom_line(view: &View, play: &Play, width: usize) -> Option<Line<'static>> {
    if !play.is_for_some() {
        return None;
    }
    let (state, lang) = (view.state, view.lang);
    let head = format!(" {} {}", FOLLOW_UP_FOR.get(lang), state.for_names(play));
    let watchers: Vec<String> =
        state.groups().filter(|g| !play.takes_part(*g)).map(|g| clean(state.group_name(g)).into_owned()).collect();
    let rest = match watchers.as_slice() {
        [] => String::new(),
        [one] => format!(" — {one} {}", t::WATCHES.get(lang)),
        _ => format!(" — {}", OTHERS_WATCH.get(lang)),
    };
    let mut spans = vec![Span::styled(" ↳", theme::dim())];
    if 2 + head.width() + rest.width() <= width {
        spans.push(Span::styled(head, theme::heading()));
        spans.push(Span::raw(rest));
    } else {
        spans.push(Span::styled(crate::ui::widgets::cut::cut(&head, width.saturating_sub(2)), theme::heading()));
    }
    Some(Line::from(spans))
}

fn render_gauge(view: &View, state: &State, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let spent = play.duration(state.elapsed(view.now));
    let minutes = state.card_minutes(card);
    let planned = f64::from(minutes.max(1)) * 60.0;
    let ratio = spent.num_seconds() as f64 / planned;
    // "3:05 min / 18 min": with its unit, minutes and seconds never read as hours and minutes.
    let unit = t::MINUTES.get(view.lang);
    let label = format!("{} {unit} / {minutes} {unit}", minute_text(spent));
    frame.render_widget(crate::ui::widgets::time_bar(&label, ratio, area.width), area);
}

/// The scores as a table of groups by every dimension of the deck (running totals).
pub fn render_scores(view: &View, _state: &State, frame: &mut Frame, area: Rect) {
    if area.height < 3 {
        return;
    }
    let inner = area.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
    let lines = super::compare::score_table(view, None, usize::from(inner.width));
    frame.render_widget(Paragraph::new(lines), inner);
}
