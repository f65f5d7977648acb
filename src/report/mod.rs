//! The skeleton every report is written through: the [`Markup`] blocks (headings, paragraphs,
//! tables, lists, charts) and their writers for Markdown, HTML (an A4 page with running header and
//! page numbers) and Word, and the charts drawn once for HTML and Word. The debrief of a session
//! and the series report both say only what goes where; how it looks, and how untrusted text is
//! escaped, is decided here once. Below both on the floors (`tests/it/layers.rs`).

pub mod chart;
pub mod docx;
pub mod html;
pub mod markdown;

use crate::scenario::Lang;
use crate::scenario::text::L;

/// "Pagina n van m" at the foot of every printed page.
pub const PAGE: L = L("Pagina", "Page");
pub const OF: L = L("van", "of");

/// A score as people write it, and as the console shows it: +2, −1 (a real minus sign), ±0.
pub fn signed(v: i32) -> String {
    match v {
        0 => "±0".to_string(),
        v if v < 0 => format!("\u{2212}{}", v.unsigned_abs()),
        v => format!("+{v}"),
    }
}

/// How a block of text is meant: the formats style these differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Secondary information (dates, times, the log's path).
    Meta,
    /// Groups chose differently: where the peer conversation starts.
    Differ,
    /// Groups agreed.
    Agree,
    /// Something went wrong reading the log.
    Warning,
}

/// A table cell; numbers are right-aligned, dates and times never wrap.
pub struct Cell {
    pub text: String,
    pub numeric: bool,
    pub nowrap: bool,
}

pub fn text(s: impl Into<String>) -> Cell {
    Cell { text: s.into(), numeric: false, nowrap: false }
}

pub fn num(s: impl Into<String>) -> Cell {
    Cell { text: s.into(), numeric: true, nowrap: true }
}

/// A date or a time: kept on one line.
pub fn date(s: impl Into<String>) -> Cell {
    Cell { text: s.into(), numeric: false, nowrap: true }
}

/// The building blocks of a report. Text passed in is plain and untrusted: each format escapes it.
pub trait Markup {
    fn heading(&mut self, level: u8, text: &str);
    fn paragraph(&mut self, tone: Option<Tone>, text: &str);
    /// A bold lead-in followed by plain text on one line.
    fn labelled(&mut self, label: &str, text: &str);
    fn table(&mut self, headers: &[&str], rows: Vec<Vec<Cell>>);
    fn bullets(&mut self, items: &[String]);
    /// A group of blocks that belongs together (a session, a card): HTML keeps it on one page.
    fn begin(&mut self, _class: &str) {}
    fn end(&mut self) {}
    /// Charts exist only where the format can draw them. One municipality's score profile:
    /// a bar per dimension, right of the axis favourable, left unfavourable.
    fn score_chart(&mut self, _caption: &str, _legend: &str, _dimensions: &[String], _values: &[i32]) {}
    /// How often each option of one card was chosen, each bar labelled with the option's text.
    fn option_chart(&mut self, _caption: &str, _legend: &str, _options: &[(String, usize)]) {}
    /// Any other horizontal bar chart (the series' trend, decision styles, divergence). The
    /// numbers are always in a table beside it too: Markdown draws no chart.
    fn bar_chart(&mut self, _caption: &str, _legend: &str, _bars: &[chart::Bar]) {}
}

/// A month's name: `maart` / `March` (`month` from 1).
pub fn month_name(month: u32, lang: Lang) -> &'static str {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = if lang == Lang::Nl { &NL } else { &EN };
    names.get(month.saturating_sub(1) as usize).copied().unwrap_or("")
}

/// A session date in words: 23 november 2026 / 23 November 2026.
pub fn show_long_date(date: chrono::NaiveDate, lang: Lang) -> String {
    use chrono::Datelike;
    format!("{} {} {}", date.day(), month_name(date.month(), lang), date.year())
}
