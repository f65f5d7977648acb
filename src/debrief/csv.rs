//! The CSV export: one row per card per group, for spreadsheets.

use super::{DebriefError, Report};
use crate::scenario::clean;

/// Text cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) get a leading
/// apostrophe, so a rationale can never become a formula on a reviewer's machine.
fn cell(text: &str) -> String {
    let text = clean(text);
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.into_owned(),
    }
}

pub fn render(report: &Report) -> Result<String, DebriefError> {
    let lang = report.lang;
    let deck = report.deck;
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "session",
        "date",
        "card_id",
        "theme",
        "group",
        "option_id",
        "option_label",
        "decision",
        "dissent",
        "rationale",
        "seconds_to_answer",
    ]
    .into_iter()
    .map(String::from)
    .collect::<Vec<_>>();
    header.extend(deck.manifest.dimensions.iter().map(|d| format!("effect_{}", d.id)));
    writer.write_record(&header).map_err(|e| DebriefError::Write(e.to_string()))?;
    for s in &report.sessions {
        let state = &s.state;
        for play in &state.plays {
            let Some(card) = deck.card(&play.card) else { continue };
            for (group, choice) in &play.choices {
                let option = card.option(&choice.option);
                let mut row = vec![
                    cell(&state.setup.title),
                    state.setup.date.format("%Y-%m-%d").to_string(),
                    card.id.to_string(),
                    format!("{:?}", card.theme),
                    cell(state.group_name(*group)),
                    choice.option.to_string(),
                    option.map_or(String::new(), |o| cell(&o.label.show(lang))),
                    format!("{:?}", choice.decision).to_lowercase(),
                    choice.dissent.iter().map(|r| r.label(lang)).collect::<Vec<_>>().join("; "),
                    cell(&choice.rationale),
                    choice.seconds_to_answer.to_string(),
                ];
                for d in &deck.manifest.dimensions {
                    let effect =
                        option.and_then(|o| o.effects.iter().find(|(id, _)| id == &d.id)).map_or(0, |(_, v)| *v);
                    row.push(effect.to_string());
                }
                writer.write_record(&row).map_err(|e| DebriefError::Write(e.to_string()))?;
            }
        }
    }
    let bytes = writer.into_inner().map_err(|e| DebriefError::Write(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| DebriefError::Write(e.to_string()))
}
