//! The card screen: the briefing while groups discuss, and the comparison after the reveal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;

use super::View;
use super::minute_text;
use crate::scenario::{Card, Lang};
use crate::session::{Play, State};
use crate::ui::i18n::{self as t};

/// Draws `play`: the briefing while answers are hidden, the comparison once they are shown.
pub fn render(view: &View, play: &Play, frame: &mut Frame, area: Rect) {
    let state = view.state;
    let Some(card) = view.deck.card(&play.card) else { return };
    let lang = view.lang;
    let title_lines = super::fit::title_lines(card, lang, area.width);
    let [title, gauge, body] =
        Layout::vertical([Constraint::Length(title_lines.len() as u16), Constraint::Length(1), Constraint::Fill(1)])
            .areas(area);
    frame.render_widget(Paragraph::new(title_lines), title);
    render_gauge(view, state, play, card, frame, gauge);
    if play.is_revealed() || view.reveal_all {
        super::compare::render(view, play, card, frame, body);
    } else {
        super::fit::render_briefing(view, play, card, frame, body);
    }
}

fn render_gauge(view: &View, state: &State, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let spent = play.duration(state.elapsed(view.now));
    let planned = f64::from(card.minutes.max(1)) * 60.0;
    let ratio = spent.num_seconds() as f64 / planned;
    let label = format!("{} / {} {}", minute_text(spent), card.minutes, t::MINUTES.get(view.lang));
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

/// How a group decided, and who dissented: `meerderheid · afwijkende mening: CISO`.
/// `short` names the roles by their abbreviation, for narrow columns.
pub fn how_decided(choice: &crate::session::Choice, lang: Lang, short: bool) -> String {
    let mut how = choice.decision.label(lang).to_string();
    if !choice.dissent.is_empty() {
        let roles: Vec<&str> =
            choice.dissent.iter().map(|r| if short { r.short(lang) } else { r.label(lang) }).collect();
        how.push_str(&format!(" · {}: {}", t::DISSENT.get(lang), roles.join(", ")));
    }
    how
}

/// One group's answer for the facilitator's eyes: `2 · meerderheid · afwijkende mening: CISO`.
pub fn choice_summary(option: usize, choice: &crate::session::Choice, lang: Lang) -> String {
    format!("{option} · {}", how_decided(choice, lang, true))
}
