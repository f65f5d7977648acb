//! The HTML report: one self-contained file (no external assets, no scripts) with inline SVG
//! charts, readable offline and printable to PDF from the browser. Every text is escaped.

use std::fmt::Write as _;

use super::Report;
use super::layout::{self, Cell, Markup, Tone};
use super::words as w;

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let text = crate::scenario::clean(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{border-bottom:3px solid #154273;padding-bottom:.3rem;color:#154273}
h2{color:#154273;margin-top:2rem}
h3{margin-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
th,td{border:1px solid #c8c8c8;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}
td.num{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555}
.differ{background:#fff4cc;padding:.3rem .5rem;border-left:4px solid #e0a800}
.agree{background:#e6f4ea;padding:.3rem .5rem;border-left:4px solid #2e7d32}
.theme{display:inline-block;padding:0 .4rem;border-radius:3px;color:#fff;font-size:.85em}
.t0{background:#8e24aa}.t1{background:#1565c0}.t2{background:#00838f}.t3{background:#2e7d32}
.warn{background:#fdecea;border-left:4px solid #c62828;padding:.3rem .5rem}
svg text{font-family:inherit;font-size:12px}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}.card{page-break-inside:avoid}}
";

struct Html {
    out: String,
    open: Vec<&'static str>,
}

impl Markup for Html {
    fn heading(&mut self, level: u8, text: &str) {
        let level = level.clamp(1, 6);
        let _ = writeln!(self.out, "<h{level}>{}</h{level}>", esc(text));
    }

    fn paragraph(&mut self, tone: Option<Tone>, text: &str) {
        let class = match tone {
            Some(Tone::Meta) => " class=\"meta\"",
            Some(Tone::Differ) => " class=\"differ\"",
            Some(Tone::Agree) => " class=\"agree\"",
            Some(Tone::Warning) => " class=\"warn\"",
            None => "",
        };
        let _ = writeln!(self.out, "<p{class}>{}</p>", esc(text));
    }

    fn labelled(&mut self, label: &str, text: &str) {
        let _ = writeln!(self.out, "<p class=\"meta\"><strong>{}:</strong> {}</p>", esc(label), esc(text));
    }

    fn table(&mut self, headers: &[&str], rows: Vec<Vec<Cell>>) {
        self.out.push_str("<table><tr>");
        for h in headers {
            let _ = write!(self.out, "<th>{}</th>", esc(h));
        }
        self.out.push_str("</tr>\n");
        for row in rows {
            self.out.push_str("<tr>");
            for c in row {
                let class = match (c.numeric, c.nowrap) {
                    (true, _) => " class=\"num\"",
                    (false, true) => " class=\"nowrap\"",
                    (false, false) => "",
                };
                let _ = write!(self.out, "<td{class}>{}</td>", esc(&c.text));
            }
            self.out.push_str("</tr>\n");
        }
        self.out.push_str("</table>\n");
    }

    fn bullets(&mut self, items: &[String]) {
        self.out.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(self.out, "<li>{}</li>", esc(i));
        }
        self.out.push_str("</ul>\n");
    }

    fn checklist(&mut self, items: &[(String, bool)]) {
        self.out.push_str("<ul class=\"check\">\n");
        for (text, done) in items {
            let _ = writeln!(self.out, "<li>{} {}</li>", if *done { "☑" } else { "☐" }, esc(text));
        }
        self.out.push_str("</ul>\n");
    }

    fn begin(&mut self, class: &str) {
        let tag = if class == "card" { "div" } else { "section" };
        let _ = writeln!(self.out, "<{tag} class=\"{}\">", esc(class));
        self.open.push(tag);
    }

    fn end(&mut self) {
        if let Some(tag) = self.open.pop() {
            let _ = writeln!(self.out, "</{tag}>");
        }
    }

    fn score_chart(&mut self, title: &str, dimensions: &[String], scores: &[(String, Vec<i32>)]) {
        let _ = writeln!(self.out, "<h4>{}</h4>", esc(title));
        score_chart(&mut self.out, dimensions, scores);
    }

    fn spread_chart(&mut self, title: &str, rows: &[(String, Vec<(String, usize)>)]) {
        let _ = writeln!(self.out, "<h4>{}</h4>", esc(title));
        spread_chart(&mut self.out, rows);
    }
}

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let summaries = report.summaries();
    let title = summaries.first().map_or(w::REPORT.get(lang).to_string(), |s| s.title.clone());
    let mut m = Html { out: String::new(), open: Vec::new() };
    let _ = write!(
        m.out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(w::REPORT.get(lang)),
        esc(&title)
    );
    layout::warnings(&mut m, &report.warnings(), lang);
    for s in &summaries {
        layout::session(&mut m, s, lang);
    }
    if let Some(a) = report.aggregate() {
        layout::aggregate(&mut m, &a, lang);
    }
    m.out.push_str("</body>\n</html>\n");
    m.out
}

const COLORS: [&str; 8] = ["#1565c0", "#e0a800", "#8e24aa", "#2e7d32", "#00838f", "#c62828", "#6d4c41", "#546e7a"];

/// Horizontal bars centred on zero: one row per group, grouped by dimension.
fn score_chart(out: &mut String, dimensions: &[String], scores: &[(String, Vec<i32>)]) {
    let max = scores.iter().flat_map(|(_, r)| r.iter()).map(|v| v.abs()).max().unwrap_or(1).max(1);
    let (label_w, half, row_h) = (220.0, 200.0, 18.0);
    let rows = dimensions.len() * (scores.len() + 1);
    let height = rows as f64 * row_h + 10.0;
    let width = label_w + 2.0 * half + 50.0;
    let _ = writeln!(
        out,
        "<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    let zero = label_w + half;
    let _ = writeln!(out, "<line x1=\"{zero}\" y1=\"0\" x2=\"{zero}\" y2=\"{height}\" stroke=\"#888\"/>");
    let mut y = 0.0;
    for (d, dim) in dimensions.iter().enumerate() {
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\" font-weight=\"bold\">{}</text>", y + 13.0, esc(dim));
        y += row_h;
        for (g, (name, row)) in scores.iter().enumerate() {
            let v = row.get(d).copied().unwrap_or(0);
            let len = f64::from(v.abs()) / f64::from(max) * half;
            let x = if v < 0 { zero - len } else { zero };
            let color = if v < 0 { "#c62828" } else { COLORS[g % COLORS.len()] };
            let _ = writeln!(out, "<text x=\"12\" y=\"{}\">{}</text>", y + 13.0, esc(name));
            let _ = writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{len:.1}\" height=\"{}\" fill=\"{color}\"><title>{}: {v:+}</title></rect>",
                y + 3.0,
                row_h - 6.0,
                esc(name)
            );
            let _ = writeln!(out, "<text x=\"{}\" y=\"{}\">{v:+}</text>", zero + half + 8.0, y + 13.0);
            y += row_h;
        }
    }
    out.push_str("</svg>\n");
}

/// One stacked bar per card: how the groups' choices were spread over its options.
fn spread_chart(out: &mut String, rows: &[(String, Vec<(String, usize)>)]) {
    let (label_w, bar_w, row_h) = (300.0, 400.0, 24.0);
    let height = rows.len() as f64 * row_h + 10.0;
    let width = label_w + bar_w + 20.0;
    let _ = writeln!(
        out,
        "<svg role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"
    );
    for (i, (title, options)) in rows.iter().enumerate() {
        let y = i as f64 * row_h;
        let short: String = title.chars().take(42).collect();
        let _ = writeln!(out, "<text x=\"0\" y=\"{}\">{}</text>", y + 16.0, esc(&short));
        let total: usize = options.iter().map(|(_, n)| n).sum();
        let mut x = label_w;
        for (o, (label, n)) in options.iter().enumerate() {
            if *n == 0 || total == 0 {
                continue;
            }
            let w = *n as f64 / total as f64 * bar_w;
            let _ = writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{}\" width=\"{w:.1}\" height=\"{}\" fill=\"{}\"><title>{}: {n}</title></rect>",
                y + 4.0,
                row_h - 8.0,
                COLORS[o % COLORS.len()],
                esc(label)
            );
            let _ = writeln!(out, "<text x=\"{:.1}\" y=\"{}\" fill=\"#fff\">{}</text>", x + 4.0, y + 16.0, o + 1);
            x += w;
        }
    }
    out.push_str("</svg>\n");
}
