//! Every colour and style of the screens in one place. The screen is read from the back of a
//! room on a projector, so every style that carries text reaches a contrast ratio of at least
//! 7:1 (WCAG AAA) against its background, in both palettes (see `tests/it/beamer.rs`). Theme and
//! option colours are backgrounds of badges (black text on a light colour), never text colours.
//!
//! Colours are from the 256-colour palette, whose values are the same in every terminal (the
//! first 16 colours are not: each terminal has its own idea of "blue").

use std::cell::Cell;

use ratatui::style::{Color, Modifier, Style};

use crate::scenario::Theme;

/// The two palettes: light text on the terminal's own dark background, or dark text on a white
/// background that the screens paint themselves (for projectors that wash out dark screens).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Dark,
    Light,
}

impl Palette {
    pub const ALL: [Palette; 2] = [Palette::Dark, Palette::Light];

    /// `dark` or `light` (the values of `--theme`).
    pub fn parse(s: &str) -> Option<Palette> {
        match s.trim().to_lowercase().as_str() {
            "dark" | "donker" => Some(Palette::Dark),
            "light" | "licht" => Some(Palette::Light),
            _ => None,
        }
    }
}

impl std::str::FromStr for Palette {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Palette::parse(s).ok_or_else(|| format!("unknown theme `{s}`: use dark or light (donker of licht)"))
    }
}

thread_local! {
    static PALETTE: Cell<Palette> = const { Cell::new(Palette::Dark) };
}

/// Chooses the palette for every screen drawn from this thread (the program's only drawing thread).
pub fn set_palette(palette: Palette) {
    PALETTE.with(|p| p.set(palette));
}

pub fn palette() -> Palette {
    PALETTE.with(Cell::get)
}

const BLACK: Color = Color::Indexed(16);
const WHITE: Color = Color::Indexed(231);

/// The background and text colour of the whole screen: the terminal's own in the dark palette,
/// black on white in the light one. Drawn under every frame.
pub fn base() -> Style {
    match palette() {
        Palette::Dark => Style::new(),
        Palette::Light => Style::new().fg(BLACK).bg(WHITE),
    }
}

/// The background colour of a badge for a theme (black text on it).
pub fn theme_color(theme: Theme) -> Color {
    match theme {
        Theme::DigitalCrime => Color::Indexed(213),
        Theme::OwnHouse => Color::Indexed(117),
        Theme::Disruption => Color::Indexed(87),
        Theme::Leadership => Color::Indexed(150),
    }
}

/// Distinct badge colours for options, so differing answers stand out side by side.
pub fn option_color(index: usize) -> Color {
    const PALETTE: [Color; 6] = [
        Color::Indexed(87),
        Color::Indexed(220),
        Color::Indexed(213),
        Color::Indexed(120),
        Color::Indexed(117),
        Color::Indexed(210),
    ];
    PALETTE[index % PALETTE.len()]
}

/// Black text on a light colour: theme, option and state badges.
pub fn badge(color: Color) -> Style {
    Style::new().fg(BLACK).bg(color)
}

/// The program's name at the left of the header.
pub fn brand() -> Style {
    badge(Color::Indexed(87))
}

pub fn heading() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

/// Secondary text: a grey that still reads at 7:1. Never the terminal's DIM, which projectors
/// turn into nothing.
pub fn dim() -> Style {
    match palette() {
        Palette::Dark => Style::new().fg(Color::Indexed(250)),
        Palette::Light => Style::new().fg(Color::Indexed(238)),
    }
}

pub fn key() -> Style {
    Style::new().fg(BLACK).bg(Color::Indexed(250)).add_modifier(Modifier::BOLD)
}

pub fn focus() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn new_item() -> Style {
    badge(Color::Indexed(220)).add_modifier(Modifier::BOLD)
}

pub fn ok() -> Style {
    match palette() {
        Palette::Dark => Style::new().fg(Color::Indexed(120)),
        Palette::Light => Style::new().fg(Color::Indexed(22)),
    }
    .add_modifier(Modifier::BOLD)
}

/// Something to notice (over time, a development for some groups): a yellow badge, which reads
/// on either background.
pub fn warn() -> Style {
    badge(Color::Indexed(220)).add_modifier(Modifier::BOLD)
}

pub fn error() -> Style {
    Style::new().fg(WHITE).bg(Color::Indexed(88)).add_modifier(Modifier::BOLD)
}

/// What the room must not see (facilitator notes): red.
pub fn secret() -> Style {
    match palette() {
        Palette::Dark => Style::new().fg(Color::Indexed(210)),
        Palette::Light => Style::new().fg(Color::Indexed(88)),
    }
}

/// A score going up, and its bar.
pub fn positive() -> Style {
    match palette() {
        Palette::Dark => Style::new().fg(Color::Indexed(120)),
        Palette::Light => Style::new().fg(Color::Indexed(22)),
    }
}

/// A score going down, and its bar.
pub fn negative() -> Style {
    match palette() {
        Palette::Dark => Style::new().fg(Color::Indexed(210)),
        Palette::Light => Style::new().fg(Color::Indexed(88)),
    }
}

/// Green while on time, amber near the end, red when over (the colour of a time bar).
pub fn gauge_color(ratio: f64) -> Color {
    let dark = palette() == Palette::Dark;
    if ratio < 0.8 {
        if dark { Color::Indexed(120) } else { Color::Indexed(22) }
    } else if ratio <= 1.0 {
        if dark { Color::Indexed(220) } else { Color::Indexed(94) }
    } else if dark {
        Color::Indexed(210)
    } else {
        Color::Indexed(88)
    }
}

/// Every style that carries text in the current palette, by name: what the contrast test checks.
pub fn text_styles() -> Vec<(String, Style)> {
    let mut out: Vec<(String, Style)> = vec![
        ("base".into(), base()),
        ("brand".into(), brand()),
        ("heading".into(), heading()),
        ("dim".into(), dim()),
        ("key".into(), key()),
        ("focus".into(), focus()),
        ("new_item".into(), new_item()),
        ("ok".into(), ok()),
        ("warn".into(), warn()),
        ("error".into(), error()),
        ("secret".into(), secret()),
        ("positive".into(), positive()),
        ("negative".into(), negative()),
    ];
    for t in Theme::ALL {
        out.push((format!("theme badge {t:?}"), badge(theme_color(t))));
    }
    for i in 0..6 {
        out.push((format!("option badge {}", i + 1), badge(option_color(i))));
    }
    out
}

/// The colour as red, green and blue, with `default` for the terminal's own colour. The first
/// 16 colours as xterm draws them.
pub fn rgb(color: Option<Color>, default: (u8, u8, u8)) -> (u8, u8, u8) {
    const LEVELS: [u8; 6] = [0, 95, 135, 175, 215, 255];
    const ANSI: [(u8, u8, u8); 16] = [
        (0, 0, 0),
        (205, 0, 0),
        (0, 205, 0),
        (205, 205, 0),
        (0, 0, 238),
        (205, 0, 205),
        (0, 205, 205),
        (229, 229, 229),
        (127, 127, 127),
        (255, 0, 0),
        (0, 255, 0),
        (255, 255, 0),
        (92, 92, 255),
        (255, 0, 255),
        (0, 255, 255),
        (255, 255, 255),
    ];
    let ansi = |i: usize| ANSI[i];
    match color {
        None | Some(Color::Reset) => default,
        Some(Color::Rgb(r, g, b)) => (r, g, b),
        Some(Color::Indexed(i)) if i < 16 => ansi(usize::from(i)),
        Some(Color::Indexed(i)) if i >= 232 => {
            let v = 8 + 10 * (i - 232);
            (v, v, v)
        }
        Some(Color::Indexed(i)) => {
            let i = usize::from(i - 16);
            (LEVELS[i / 36], LEVELS[(i / 6) % 6], LEVELS[i % 6])
        }
        Some(Color::Black) => ansi(0),
        Some(Color::Red) => ansi(1),
        Some(Color::Green) => ansi(2),
        Some(Color::Yellow) => ansi(3),
        Some(Color::Blue) => ansi(4),
        Some(Color::Magenta) => ansi(5),
        Some(Color::Cyan) => ansi(6),
        Some(Color::Gray) => ansi(7),
        Some(Color::DarkGray) => ansi(8),
        Some(Color::LightRed) => ansi(9),
        Some(Color::LightGreen) => ansi(10),
        Some(Color::LightYellow) => ansi(11),
        Some(Color::LightBlue) => ansi(12),
        Some(Color::LightMagenta) => ansi(13),
        Some(Color::LightCyan) => ansi(14),
        Some(Color::White) => ansi(15),
    }
}

/// WCAG relative luminance.
pub fn luminance((r, g, b): (u8, u8, u8)) -> f64 {
    let lin = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The WCAG contrast ratio of a style's text against its background, drawn over the palette's
/// base (the terminal's default colours taken as white on black in the dark palette).
pub fn contrast(style: Style) -> f64 {
    let under = base();
    let (default_fg, default_bg) = match palette() {
        Palette::Dark => ((255, 255, 255), (0, 0, 0)),
        Palette::Light => ((0, 0, 0), (255, 255, 255)),
    };
    let mut fg = rgb(style.fg.or(under.fg), default_fg);
    let mut bg = rgb(style.bg.or(under.bg), default_bg);
    if style.add_modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    let (a, b) = (luminance(fg), luminance(bg));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}
