//! The report as tables of typed values, for spreadsheets and tools: the choices, the actions,
//! the notes and the follow-up of every session, with headers and labels in the report's
//! language. The xlsx and CSV formats lay these out; every text is cleaned here once.

use chrono::{NaiveDate, NaiveDateTime};

use super::Report;
use super::summary::due_text;
use super::words as w;
use crate::scenario::{Lang, clean};
use crate::session::Progress;

/// One cell: text is always text (never a formula), numbers and dates are typed.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(i64),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Empty,
}

impl Value {
    fn text(s: &str) -> Value {
        Value::Text(clean(s).into_owned())
    }

    /// The value as a CSV field or a tool would read it: ISO dates, plain numbers.
    pub fn plain(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Number(n) => n.to_string(),
            Value::Date(d) => d.format("%Y-%m-%d").to_string(),
            Value::DateTime(d) => d.format("%Y-%m-%d %H:%M").to_string(),
            Value::Empty => String::new(),
        }
    }
}

/// Which table: also the record type in the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Choices,
    Actions,
    Notes,
    FollowUp,
}

impl Kind {
    /// The sheet's name (at most 31 characters, as Excel requires).
    pub fn sheet(self, lang: Lang) -> &'static str {
        match self {
            Kind::Choices => w::SHEET_CHOICES.get(lang),
            Kind::Actions => w::SHEET_ACTIONS.get(lang),
            Kind::Notes => w::SHEET_NOTES.get(lang),
            Kind::FollowUp => w::SHEET_FOLLOW_UP.get(lang),
        }
    }

    /// The record type of a CSV row, one word.
    pub fn record(self, lang: Lang) -> &'static str {
        match self {
            Kind::Choices => w::REC_CHOICE.get(lang),
            Kind::Actions => w::REC_ACTION.get(lang),
            Kind::Notes => w::REC_NOTE.get(lang),
            Kind::FollowUp => w::REC_FOLLOW_UP.get(lang),
        }
    }
}

pub struct Table {
    pub kind: Kind,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

fn local(at: chrono::DateTime<chrono::Utc>, offset: i32) -> NaiveDateTime {
    let offset = chrono::FixedOffset::east_opt(offset).unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("0"));
    at.with_timezone(&offset).naive_local()
}

pub fn tables(report: &Report) -> Vec<Table> {
    let lang = report.lang;
    let deck = report.deck;
    let t = |l: w::Pair| l.get(lang).to_string();
    let mut choices = Table {
        kind: Kind::Choices,
        headers: vec![
            t(w::SESSION),
            t(w::DATE),
            t(w::CARD),
            t(w::THEME),
            t(w::PLAYED_FOR),
            t(w::MUNICIPALITY),
            t(w::ASKED),
            t(w::OPTION_NUMBER),
            t(w::CHOICE),
            t(w::PREVIOUS_OPTION),
            t(w::HOW),
            t(w::DISSENT),
            t(w::RATIONALE),
        ],
        rows: Vec::new(),
    };
    // With `--include-unrevealed`, whether the room saw each answer (otherwise every answer
    // in the report was shown).
    let shown_column = report.options.include_unrevealed;
    if shown_column {
        choices.headers.insert(7, t(w::SHOWN));
    }
    choices
        .headers
        .extend(deck.manifest.dimensions.iter().map(|d| format!("{} {}", t(w::EFFECT_ON), d.label.show(lang))));
    // Last, so the columns before it keep their places for whoever reads them by position.
    choices.headers.push(t(w::ENTERED));
    let mut actions = Table {
        kind: Kind::Actions,
        headers: vec![t(w::SESSION), t(w::MUNICIPALITY), t(w::WHAT), t(w::OWNER), t(w::DUE), t(w::CARD), t(w::STATUS)],
        rows: Vec::new(),
    };
    let mut notes = Table {
        kind: Kind::Notes,
        headers: vec![t(w::SESSION), t(w::TIME), t(w::CARD), t(w::ABOUT), t(w::NOTE), t(w::FOR_WHOM)],
        rows: Vec::new(),
    };
    let mut follow = Table {
        kind: Kind::FollowUp,
        headers: vec![t(w::SESSION), t(w::MUNICIPALITY), t(w::WHAT), t(w::OWNER), t(w::DUE), t(w::STATUS)],
        rows: Vec::new(),
    };
    for (i, s) in report.sessions.iter().enumerate() {
        let state = &s.state;
        // In one municipality's own report, how its peers decided is theirs to tell.
        let own = report.own.get(i).copied().flatten();
        let sees = |g: crate::session::GroupId| own.is_none_or(|o| o == g);
        let session = Value::text(&state.setup.title);
        let card_title = |c: &crate::scenario::CardId| {
            deck.card(c).map_or_else(|| Value::text(c.as_str()), |card| Value::Text(card.title.show(lang).into_owned()))
        };
        for play in state.plays.iter().filter(|p| !p.closed_unplayed()) {
            let Some(card) = deck.card(&play.card) else { continue };
            // A follow-up played for some groups names them; the others looked on (and may have
            // answered anyway).
            let played_for =
                if play.is_for_some() { Value::text(&state.for_names(play)) } else { Value::Text(t(w::ALL_GROUPS)) };
            let number = |id: &crate::scenario::OptionId| {
                card.options.iter().position(|o| &o.id == id).map_or_else(
                    || match crate::session::Outside::of(id) {
                        Some(outside) => Value::text(outside.label(lang)),
                        None => Value::text(id.as_str()),
                    },
                    |i| Value::Number(i as i64 + 1),
                )
            };
            for (group, choice) in &play.choices {
                let index = card.options.iter().position(|o| o.id == choice.option);
                let option = card.option(&choice.option);
                let asked = if play.expects(*group) { w::YES } else { w::LOOKED_ON_ROW };
                let mut row = vec![
                    session.clone(),
                    Value::Date(state.setup.date),
                    Value::Text(card.title.show(lang).into_owned()),
                    Value::Text(card.theme.label(lang).to_string()),
                    played_for.clone(),
                    Value::text(state.group_name(*group)),
                    Value::Text(t(asked)),
                    index.map_or(Value::Empty, |i| Value::Number(i as i64 + 1)),
                    match (option, choice.outside()) {
                        (Some(o), _) => Value::Text(o.label.show(lang).into_owned()),
                        (None, Some(outside)) => Value::text(&outside.describe(&choice.other, lang)),
                        (None, None) => Value::text(choice.option.as_str()),
                    },
                    // A card played again in a follow-up: the municipality's answer last time.
                    state.previous_answer(*group, &play.card).map_or(Value::Empty, number),
                    if sees(*group) { Value::Text(choice.decision.label(lang).to_string()) } else { Value::Empty },
                    Value::Text(choice.dissent.iter().map(|r| r.label(lang)).collect::<Vec<_>>().join(", ")),
                    Value::text(&choice.rationale),
                ];
                if shown_column {
                    row.insert(7, Value::Text(t(if play.is_revealed() { w::YES } else { w::NO })));
                }
                for d in &deck.manifest.dimensions {
                    let effect = option
                        .map(|o| o.effects.iter().filter(|(id, _)| id == &d.id).map(|(_, v)| i64::from(*v)).sum())
                        .unwrap_or(0);
                    row.push(Value::Number(effect));
                }
                let via = if choice.source == crate::session::Source::Device { w::ON_DEVICE } else { w::AT_CONSOLE };
                row.push(Value::Text(t(via)));
                choices.rows.push(row);
            }
        }
        // When an action was first agreed, if not in this session; as in the plan.
        let carried_from = |a: &crate::session::PreviousAction| match a.since.or(state.follow_up_date) {
            Some(d) => format!("{} {}", w::CARRIED_FROM.get(lang), crate::session::show_date(d, lang)),
            None => w::CARRIED.get(lang).to_string(),
        };
        for a in &state.actions {
            let date = a.due_date.or_else(|| crate::session::parse_due(&a.due).ok().flatten());
            // An earlier action not yet done, agreed again: the same action (the plan lists it
            // once, as carried over), not a new one.
            let again = state
                .follow_up
                .iter()
                .find(|(p, status)| {
                    *status != Some(Progress::Done)
                        && super::same_name(&p.group, state.group_name(a.group))
                        && super::same_name(&p.what, &a.what)
                })
                .map(|(p, _)| p);
            let status = match again {
                Some(p) => format!("{}; {}", w::AGREED_AGAIN.get(lang), carried_from(p)),
                None => w::NEW.get(lang).to_string(),
            };
            actions.rows.push(vec![
                session.clone(),
                Value::text(state.group_name(a.group)),
                Value::text(&a.what),
                Value::text(a.owner.label(lang)),
                date.map_or_else(|| if a.due.is_empty() { Value::Empty } else { Value::text(&a.due) }, Value::Date),
                a.card.as_ref().map_or(Value::Empty, card_title),
                Value::Text(status),
            ]);
        }
        let record_at = |seq_at: chrono::DateTime<chrono::Utc>| {
            let offset = s.records.iter().find(|r| r.at == seq_at).map_or(0, |r| r.offset);
            local(seq_at, offset)
        };
        for n in &state.notes {
            notes.rows.push(vec![
                session.clone(),
                Value::DateTime(record_at(n.at)),
                n.card.as_ref().map_or(Value::Empty, card_title),
                n.about.map_or(Value::Empty, |g| Value::text(state.group_name(g))),
                Value::text(&n.text),
                Value::Text(n.visibility.label(lang).to_string()),
            ]);
        }
        // Per municipality, as in the other formats; an action not done is carried over, with the
        // date it was first agreed.
        let order = state.follow_up_groups().into_iter().flat_map(|(_, items)| items);
        for (a, status) in order.filter_map(|i| state.follow_up.get(i)) {
            let date = crate::session::parse_due(&a.due).ok().flatten();
            let carried = match status {
                Some(Progress::Done) => String::new(),
                _ => format!("; {}", carried_from(a)),
            };
            follow.rows.push(vec![
                session.clone(),
                Value::text(&a.group),
                Value::text(&a.what),
                Value::text(a.owner.label(lang)),
                date.map_or_else(
                    || if a.due.is_empty() { Value::Empty } else { Value::Text(due_text(None, &a.due, lang)) },
                    Value::Date,
                ),
                Value::Text(format!("{}{carried}", status.map_or(w::NO_STATUS.get(lang), |p: Progress| p.label(lang)))),
            ]);
        }
    }
    vec![choices, actions, notes, follow]
}
