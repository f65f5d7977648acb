//! Small drawing pieces shared by the beamer-first screens: text cut to a width, time bars.

pub mod cut;
pub mod wrap;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::theme;

/// A time bar: the label in plain text (it must be read), then a bar in the pace colour that
/// fills as `ratio` goes to 1.
pub fn time_bar(label: &str, ratio: f64, width: u16) -> Line<'static> {
    let label = format!(" {label} ");
    let bar_width = usize::from(width).saturating_sub(label.width() + 1);
    let filled = ((ratio.clamp(0.0, 1.0) * bar_width as f64).round() as usize).min(bar_width);
    Line::from(vec![
        Span::styled(label, theme::heading()),
        Span::styled("█".repeat(filled), Style::new().fg(theme::gauge_color(ratio))),
        Span::styled("░".repeat(bar_width - filled), theme::dim()),
    ])
}
