//! Time as the room reads it: minutes left or over ("nog 91 min", "15 min over tijd"), planned
//! ends as times of day ("→ 14:35"), and durations labelled as durations ("12 min").

use chrono::{DateTime, FixedOffset, Offset, TimeDelta, Utc};

use crate::scenario::Lang;
use crate::scenario::text::L;
use crate::session::State;

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
