//! The HTML writer of [`Markup`]: one self-contained page (no external assets, no scripts), A4
//! when printed with the running header and "Pagina n van m" in the page margins. Every text is
//! escaped.

use std::fmt::Write as _;

use super::{Cell, Markup, OF, PAGE, Tone};
use crate::scenario::text::html_escape as esc;

/// Text for a CSS string in the page's `@page` rules: quotes and backslashes escaped, `<`
/// written as a CSS escape so no text can close the `<style>` element, controls dropped.
fn css_string(text: &str) -> String {
    let text = crate::scenario::clean(text);
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            '&' => out.push_str("\\26 "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

const STYLE: &str = "
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b;line-height:1.45}
h1{border-bottom:3px solid #154273;padding-bottom:.3rem;color:#154273}
h2{color:#154273;margin-top:2rem}
h3{margin-bottom:.2rem}
h1,h2,h3,h4{break-after:avoid;page-break-after:avoid;break-inside:avoid}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
thead{display:table-header-group}
tr{break-inside:avoid;page-break-inside:avoid}
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#e8e8e8}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nowrap,.nowrap{white-space:nowrap}
.meta{color:#444}
.differ{padding:.3rem .5rem;border-left:6px double #333;background:#f2f2f2}
.agree{padding:.3rem .5rem;border-left:2px solid #333}
.warn{border:2px dashed #333;padding:.3rem .5rem}
figure{margin:.5rem 0 1rem;break-inside:avoid}
figure svg{max-width:100%;height:auto}
.keep{break-inside:avoid;page-break-inside:avoid}
figcaption{font-weight:bold;font-size:.9em}
.legend{font-size:.85em;color:#444;margin:.2rem 0}
.bars{width:100%;border:none;margin:.3rem 0}
.bars td{border:none;padding:.15rem .3rem}
.bars td.label{width:55%}
.bar{display:inline-block;height:.9em;background:#555;vertical-align:middle;margin-right:.3rem}
svg text{font-family:inherit;font-size:12px}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
@media print{body{margin:0;max-width:none;font-size:10.5pt}.card{break-inside:auto}h2{margin-top:1.2rem}}
";

/// The font of the running header and the page numbers (margin boxes do not inherit the body's).
const MARGIN_FONT: &str = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:8pt";

/// The HTML [`Markup`]: the debrief and the series report are both written through it, on the
/// same A4 page with a running header and page numbers.
pub(crate) struct Html {
    out: String,
    open: Vec<&'static str>,
}

impl Html {
    /// A page: `title` in the browser's tab, `running` at the top left of every printed page,
    /// `mark` (Vertrouwelijk) at the top right, "Pagina n van m" at the bottom.
    pub(crate) fn page(lang: crate::scenario::Lang, title: &str, running: &str, mark: Option<&str>) -> Html {
        let mut m = Html { out: String::new(), open: Vec::new() };
        let mark = mark.map_or(String::new(), |mark| {
            format!("@top-right{{content:{};{MARGIN_FONT};font-weight:bold}}", css_string(mark))
        });
        // The running header and the page numbers live in the page margins (CSS paged media).
        let page = format!(
            "@page{{size:A4;margin:20mm 16mm 18mm 16mm;@top-left{{content:{};{MARGIN_FONT};color:#444}}{mark}@bottom-right{{content:{} counter(page) {} counter(pages);{MARGIN_FONT}}}}}",
            css_string(running),
            css_string(&format!("{} ", PAGE.get(lang))),
            css_string(&format!(" {} ", OF.get(lang))),
        );
        let _ = write!(
            m.out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}{page}\n</style>\n</head>\n<body>\n",
            lang.code(),
            esc(title)
        );
        m
    }

    pub(crate) fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out.push_str("</body>\n</html>\n");
        self.out
    }
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
        self.out.push_str("<table><thead><tr>");
        for h in headers {
            let _ = write!(self.out, "<th>{}</th>", esc(h));
        }
        self.out.push_str("</tr></thead>\n<tbody>\n");
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
        self.out.push_str("</tbody></table>\n");
    }

    fn bullets(&mut self, items: &[String]) {
        self.out.push_str("<ul>\n");
        for i in items {
            let _ = writeln!(self.out, "<li>{}</li>", esc(i));
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

    fn score_chart(&mut self, caption: &str, legend: &str, dimensions: &[String], values: &[i32]) {
        let _ = writeln!(self.out, "<figure>\n<figcaption>{}</figcaption>", esc(caption));
        let _ = writeln!(self.out, "<p class=\"legend\">{}</p>", esc(legend));
        self.out.push_str(&super::chart::scores_svg(caption, dimensions, values));
        self.out.push_str("</figure>\n");
    }

    fn bar_chart(&mut self, caption: &str, legend: &str, bars: &[super::chart::Bar]) {
        let _ = writeln!(self.out, "<figure>\n<figcaption>{}</figcaption>", esc(caption));
        if !legend.is_empty() {
            let _ = writeln!(self.out, "<p class=\"legend\">{}</p>", esc(legend));
        }
        self.out.push_str(&super::chart::bars_svg(caption, bars));
        self.out.push_str("</figure>\n");
    }

    fn option_chart(&mut self, caption: &str, legend: &str, options: &[(String, usize)]) {
        let _ = writeln!(self.out, "<figure>\n<figcaption>{}</figcaption>", esc(caption));
        let _ = writeln!(self.out, "<p class=\"legend\">{}</p>", esc(legend));
        let max = options.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
        self.out.push_str("<table class=\"bars\"><tbody>\n");
        for (i, (label, n)) in options.iter().enumerate() {
            let width = *n as f64 / max as f64 * 85.0;
            let _ = writeln!(
                self.out,
                "<tr><td class=\"label\">{}. {}</td><td><span class=\"bar\" style=\"width:{width:.0}%\"></span>{n}</td></tr>",
                i + 1,
                esc(label)
            );
        }
        self.out.push_str("</tbody></table>\n</figure>\n");
    }
}
