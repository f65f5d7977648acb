//! The Markdown report: the form a municipality can paste straight into its own agenda.

use super::Report;
use super::layout;
use crate::report::markdown::Markdown;

pub fn render(report: &Report) -> String {
    let mut m = Markdown::default();
    for s in report.summaries() {
        layout::session(&mut m, &s, report.lang);
    }
    if let Some(a) = report.aggregate() {
        layout::aggregate(&mut m, &a, report.lang);
    }
    layout::warnings(&mut m, &report.warnings(), report.lang);
    m.finish()
}
