//! Time as the room reads it: minutes left or over ("nog 91 min", "15 min over tijd"), planned
//! ends as times of day ("→ 14:35"), and durations labelled as durations ("12 min").

use chrono::{DateTime, Local, TimeDelta, Utc};

use crate::scenario::Lang;
use crate::scenario::text::L;
use crate::session::State;

pub const OPENING: L = L("Opening", "Opening");
pub const CLOSING: L = L("Afsluiting", "Closing");
pub const ENDS_AT: L = L("klaar om", "ends at");

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

/// The time of day, in the local time zone, at which `minutes` of session time will have passed
/// from `now`'s point in the session. `None` before the session has started.
pub fn time_of_day_at(state: &State, now: DateTime<Utc>, session_minute: i64) -> String {
    let elapsed = state.elapsed(now).num_minutes();
    let at = now + TimeDelta::minutes(session_minute - elapsed);
    at.with_timezone(&Local).format("%H:%M").to_string()
}
