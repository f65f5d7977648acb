//! The Word report of a session: the same report as the Markdown and HTML ([`super::layout`]
//! says what goes where), written through [`crate::report::docx::Word`].

use super::layout;
use super::words as w;
use super::{DebriefError, Report};
use crate::report::docx::{Page, Word};

pub fn render(report: &Report) -> Result<Vec<u8>, DebriefError> {
    let lang = report.lang;
    let summaries = report.summaries();
    let title = summaries.first().map_or(w::REPORT.get(lang).to_string(), |s| s.title.clone());
    let mut word = Word::new();
    layout::warnings(&mut word, &report.warnings(), lang);
    for s in &summaries {
        layout::session(&mut word, s, lang);
    }
    if let Some(a) = report.aggregate() {
        layout::aggregate(&mut word, &a, lang);
    }
    let created = report.sessions.first().map(|s| s.state.setup.date.format("%Y-%m-%dT09:00:00Z").to_string());
    let creator = report
        .sessions
        .first()
        .map(|s| crate::scenario::clean(s.state.setup.facilitator.trim()).into_owned())
        .filter(|f| !f.is_empty())
        .unwrap_or_else(|| "Weerbaar".to_string());
    let title = format!("{}: {title}", w::REPORT.get(lang));
    word.document(&Page {
        lang,
        title: &title,
        running: &title,
        mark: Some(w::CONFIDENTIAL.get(lang)),
        creator: &creator,
        created: created.as_deref().unwrap_or("2026-01-01T09:00:00Z"),
    })
    .map_err(|e| DebriefError::Write(e.to_string()))
}
