//! Every colour and style of the console in one place. Few colours, high contrast: the screen
//! is read from the back of a room on a projector.

use ratatui::style::{Color, Modifier, Style};

use crate::scenario::Theme;

pub fn theme_color(theme: Theme) -> Color {
    match theme {
        Theme::DigitalCrime => Color::Magenta,
        Theme::OwnHouse => Color::Blue,
        Theme::Disruption => Color::Cyan,
        Theme::Leadership => Color::Green,
    }
}

/// Distinct colours for options, so differing answers stand out side by side.
pub fn option_color(index: usize) -> Color {
    const PALETTE: [Color; 6] =
        [Color::Cyan, Color::Yellow, Color::Magenta, Color::Green, Color::LightBlue, Color::LightRed];
    PALETTE[index % PALETTE.len()]
}

pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

pub fn key() -> Style {
    Style::new().fg(Color::Black).bg(Color::Gray).add_modifier(Modifier::BOLD)
}

pub fn focus() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn new_item() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn ok() -> Style {
    Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
}

pub fn warn() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::new().fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD)
}

pub fn secret() -> Style {
    Style::new().fg(Color::Red)
}

/// Green while on time, amber near the end, red when over.
pub fn gauge_color(ratio: f64) -> Color {
    if ratio < 0.8 {
        Color::Green
    } else if ratio <= 1.0 {
        Color::Yellow
    } else {
        Color::Red
    }
}
