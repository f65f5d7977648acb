//! The HTML report of a session: one self-contained file (no external assets, no scripts) with
//! inline SVG charts, readable offline and printable to PDF from the browser; written through
//! [`crate::report::html::Html`].

use super::Report;
use super::layout;
use super::words as w;
use crate::report::html::Html;

pub fn render(report: &Report) -> String {
    let lang = report.lang;
    let summaries = report.summaries();
    let title = summaries.first().map_or(w::REPORT.get(lang).to_string(), |s| s.title.clone());
    let heading = format!("{}: {title}", w::REPORT.get(lang));
    let mut m = Html::page(lang, &heading, &heading, Some(w::CONFIDENTIAL.get(lang)));
    layout::warnings(&mut m, &report.warnings(), lang);
    for s in &summaries {
        layout::session(&mut m, s, lang);
    }
    if let Some(a) = report.aggregate() {
        layout::aggregate(&mut m, &a, lang);
    }
    m.finish()
}
