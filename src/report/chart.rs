//! The report's charts, drawn once as SVG: the HTML report inlines the SVG, the Word report
//! carries the same drawing as a PNG image (rendered with `resvg`), so a chart cannot differ
//! between the two. Grey only, with the number written beside each bar, so a chart reads on a
//! black-and-white print. Every text is escaped here.
//!
//! The PNG is drawn with a font that ships inside the program (DejaVu Sans, see
//! `assets/DejaVuSans-LICENSE.txt`), so a chart looks the same on every machine and a report
//! made twice is the same file, whatever fonts the computer has.

use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

use crate::scenario::text::html_escape as esc;

/// One bar of a bar chart: its label, its length (any unit; the longest bar fills the width)
/// and the number written beside it ("12 sessies (40%)").
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub shown: String,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: f64, shown: impl Into<String>) -> Bar {
        Bar { label: label.into(), value, shown: shown.into() }
    }
}

const FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");
const FONT_FAMILY: &str = "DejaVu Sans";
/// Characters of a label per line: the label column is 300 px of 12 px text.
const LABEL_CHARS: usize = 46;
const LINE_H: f64 = 15.0;

/// Breaks a label into lines of at most `width` characters, at spaces where it can (a word
/// longer than a line is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        while word.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
        }
        if line.is_empty() {
            line = word;
        } else if line.chars().count() + 1 + word.chars().count() <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// A horizontal bar chart: the label (wrapped) on the left, the bar, then its number.
pub fn bars_svg(caption: &str, bars: &[Bar]) -> String {
    let (label_w, bar_w, value_w) = (300.0, 240.0, 130.0);
    let width = label_w + bar_w + value_w;
    let max = bars.iter().map(|b| b.value).fold(0.0_f64, f64::max);
    let rows: Vec<Vec<String>> = bars.iter().map(|b| wrap(&crate::scenario::clean(&b.label), LABEL_CHARS)).collect();
    let height: f64 = rows.iter().map(|r| r.len() as f64 * LINE_H + 9.0).sum::<f64>() + 4.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">",
        esc(caption)
    );
    let _ = writeln!(out, "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
    let mut y = 2.0;
    for (bar, lines) in bars.iter().zip(&rows) {
        let row_h = lines.len() as f64 * LINE_H + 9.0;
        for (i, line) in lines.iter().enumerate() {
            let _ = writeln!(
                out,
                "<text x=\"0\" y=\"{:.1}\" font-size=\"12\">{}</text>",
                y + 15.0 + i as f64 * LINE_H,
                esc(line)
            );
        }
        let len = if max > 0.0 { (bar.value.max(0.0) / max) * (bar_w - 10.0) } else { 0.0 };
        let bar_y = y + 4.0;
        let _ = writeln!(
            out,
            "<rect x=\"{label_w}\" y=\"{bar_y:.1}\" width=\"{len:.1}\" height=\"{:.1}\" fill=\"#555\"/>",
            (row_h - 8.0).min(14.0)
        );
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\">{}</text>",
            label_w + len + 5.0,
            y + 15.0,
            esc(&crate::scenario::clean(&bar.shown))
        );
        y += row_h;
    }
    let _ = writeln!(out, "<line x1=\"{label_w}\" y1=\"0\" x2=\"{label_w}\" y2=\"{height}\" stroke=\"#000\"/>");
    out.push_str("</svg>\n");
    out
}

/// One municipality's profile: a bar per dimension from a centre line, right of it favourable,
/// left unfavourable, the score written next to each bar.
pub fn scores_svg(caption: &str, dimensions: &[String], values: &[i32]) -> String {
    let max = values.iter().map(|v| v.unsigned_abs()).max().unwrap_or(1).max(1);
    let (label_w, half, row_h) = (160.0, 160.0, 20.0);
    let height = dimensions.len() as f64 * row_h + 6.0;
    let width = label_w + 2.0 * half + 40.0;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">",
        esc(caption)
    );
    let _ = writeln!(out, "<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#fff\"/>");
    let zero = label_w + half;
    let _ = writeln!(out, "<line x1=\"{zero}\" y1=\"0\" x2=\"{zero}\" y2=\"{height}\" stroke=\"#000\"/>");
    for (i, (dim, v)) in dimensions.iter().zip(values).enumerate() {
        let y = i as f64 * row_h;
        let len = f64::from(v.unsigned_abs()) / f64::from(max) * (half - 30.0);
        let x = if *v < 0 { zero - len } else { zero };
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\" font-size=\"12\">{}</text>", y + 14.0, esc(dim));
        let _ = writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{}\" width=\"{len:.1}\" height=\"{}\" fill=\"#555\"/>",
            y + 4.0,
            row_h - 8.0
        );
        let tx = if *v < 0 { zero - len - 28.0 } else { zero + len + 4.0 };
        let _ = writeln!(out, "<text x=\"{tx:.1}\" y=\"{}\" font-size=\"12\">{}</text>", y + 14.0, super::signed(*v));
    }
    out.push_str("</svg>\n");
    out
}

/// The shipped font, loaded once.
fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        db.load_font_data(FONT.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// A PNG of the chart, drawn at twice its size so it stays sharp in print, with its size in
/// CSS pixels (96 per inch); none if the SVG could not be read (never expected: it is ours).
pub fn png(svg: &str) -> Option<(Vec<u8>, u32, u32)> {
    let options = resvg::usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: fonts(),
        ..resvg::usvg::Options::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &options).ok()?;
    let size = tree.size();
    let scale = 2.0;
    let (w, h) = ((size.width() * scale).ceil() as u32, (size.height() * scale).ceil() as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(w.max(1), h.max(1))?;
    resvg::render(&tree, resvg::tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
    let png = pixmap.encode_png().ok()?;
    Some((png, size.width().ceil() as u32, size.height().ceil() as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_at_spaces_and_long_words_are_cut() {
        assert_eq!(wrap("een twee drie", 8), ["een twee", "drie"]);
        assert_eq!(wrap("Raadsinformatieprotocol", 10), ["Raadsinfor", "matieproto", "col"]);
        assert_eq!(wrap("", 10), [""]);
    }

    #[test]
    fn a_chart_becomes_a_png_with_its_text_drawn() {
        let svg = bars_svg("Test", &[Bar::new("Optie <a> & \"b\"", 3.0, "3"), Bar::new("Optie 2", 0.0, "0")]);
        let (png, w, h) = png(&svg).unwrap();
        assert!(png.starts_with(&[137, 80, 78, 71]));
        assert_eq!(w, 670);
        assert!(h > 30);
        // The text is drawn: a chart with labels has more dark pixels than one without.
        let dark = |bytes: &[u8]| {
            let p = resvg::tiny_skia::Pixmap::decode_png(bytes).unwrap();
            p.pixels().iter().filter(|c| c.red() < 128).count()
        };
        let (bare, _, _) = super::png(&bars_svg("Test", &[Bar::new("", 3.0, ""), Bar::new("", 0.0, "")])).unwrap();
        assert!(dark(&png) > dark(&bare) + 200, "no text drawn");
    }
}
