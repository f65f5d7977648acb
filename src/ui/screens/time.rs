//! Time as the room reads it: minutes left or over ("nog 91 min", "15 min over tijd"), planned
//! ends as times of day ("→ 14:35"), and durations labelled as durations ("12 min").

use chrono::{DateTime, FixedOffset, Offset, TimeDelta, Utc};

use crate::scenario::text::L;
use crate::scenario::{Deck, Lang};
use crate::session::{Pacing, State, pacing};
use crate::ui::model::AgendaRow;

pub const OPENING: L = L("Opening", "Opening");
pub const CLOSING: L = L("Afsluiting", "Closing");
pub const PLANNED: L = L("gepland", "planned");
pub const EXPECTED_END: L = L("Einde verwacht", "Expected end");
pub const TARGET_END: L = L("Gepland einde", "Planned end");

/// "nog 91 min" or "15 min over tijd".
pub fn left_text(minutes_left: i64, lang: Lang) -> String {
    match (lang, minutes_left >= 0) {
        (Lang::Nl, true) => format!("nog {minutes_left} min"),
        (Lang::Nl, false) => format!("{} min over tijd", -minutes_left),
        (Lang::En, true) => format!("{minutes_left} min left"),
        (Lang::En, false) => format!("{} min over time", -minutes_left),
    }
}

/// A duration as "12 min" (whole minutes, rounded down; under a minute "0 min").
pub fn duration_text(d: TimeDelta) -> String {
    format!("{} min", d.num_minutes().max(0))
}

/// The time of day (the facilitator's local time) at which the session clock will show
/// `session_minute`, if it runs on from `now` without a pause: "14:35".
pub fn time_of_day_at(state: &State, now: DateTime<Utc>, session_minute: i64) -> String {
    let now = state.ended_at.map_or(now, |end| end.min(now));
    let elapsed = state.elapsed(now).num_seconds();
    let at = now
        + TimeDelta::seconds(
            session_minute.saturating_mul(60).saturating_sub(elapsed).clamp(-1_000_000_000, 1_000_000_000),
        );
    let offset = FixedOffset::east_opt(state.local_offset).unwrap_or(Utc.fix());
    at.with_timezone(&offset).format("%H:%M").to_string()
}

/// The agenda's clock, computed once for the rows and the Tempo panel so they always agree:
/// where each row the plan counts ends, and the session's expected end, as session minutes.
/// The expected end is the pacing's (time used, rounded up to the minute, plus the rest of the
/// open card, of the opening round, of the plan and the closing round); the rows count back
/// from it, so the closing row's time is the Tempo panel's "Einde verwacht" at any second.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    pub pace: Pacing,
    /// Where the next card starts (the end of the opening round before the first card).
    pub start: i64,
    /// Per agenda row: where it ends if the plan counts it, `None` for a follow-up not on the plan.
    pub ends: Vec<Option<i64>>,
    /// The session's expected end, after the closing round.
    pub end: i64,
}

impl Schedule {
    pub fn new(state: &State, deck: &Deck, now: DateTime<Utc>, rows: &[AgendaRow]) -> Schedule {
        let pace = pacing(state, deck, now);
        let closing = deck.agenda(&state.setup.agenda).map_or(0, |a| i64::from(a.closing));
        let minutes: Vec<Option<i64>> = rows
            .iter()
            .map(|row| {
                let card = deck.card(row.card())?;
                counts_in_plan(state, row).then_some(i64::from(state.card_minutes(card)))
            })
            .collect();
        let planned: i64 = minutes.iter().flatten().sum();
        let end = pace.projected;
        let start = end - closing - planned;
        let mut clock = start;
        let ends = minutes
            .iter()
            .map(|m| {
                m.map(|m| {
                    clock += m;
                    clock
                })
            })
            .collect();
        Schedule { pace, start, ends, end }
    }

    /// Where the session would end if the follow-up of `minutes` not on the plan were played too.
    pub fn end_with(&self, minutes: u32) -> i64 {
        self.end + i64::from(minutes)
    }
}

/// Whether the plan counts `row`'s minutes: a planned card, the agenda's next card, or a
/// follow-up that is also further down the plan (playing it earlier adds nothing).
pub fn counts_in_plan(state: &State, row: &AgendaRow) -> bool {
    match row {
        AgendaRow::Suggested { card, groups, .. } if !groups.is_empty() => {
            state.plan.contains(card) && !state.skipped.contains(card)
        }
        _ => true,
    }
}

/// Whether the agenda has reached its closing round: no card the plan counts is left (a
/// suggested follow-up not on the plan may still be played, as an extra).
pub fn closing_reached(state: &State, rows: &[AgendaRow]) -> bool {
    !state.plays.is_empty() && state.current_play().is_none() && !rows.iter().any(|r| counts_in_plan(state, r))
}
