//! Pacing: will the session end on time, and if not, which cards to drop.
//!
//! A two-hour session always runs late somewhere. The facilitator needs one number (how far
//! over or under the plan the session is heading) and, when behind, a concrete proposal that
//! still covers every theme.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::state::State;
use crate::scenario::{CardId, Deck, Theme};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pacing {
    /// Minutes the session is heading for: time used, the rest of the open card, the remaining
    /// planned cards and the closing round.
    pub projected: i64,
    pub target: i64,
    /// Cards to drop (in plan order) to end on time while every theme keeps at least one card.
    pub drop: Vec<CardId>,
    /// Cards played per theme (closed without answers does not count), in [`Theme::ALL`] order.
    pub played_per_theme: [usize; 4],
    /// Cards still planned per theme, in [`Theme::ALL`] order.
    pub planned_per_theme: [usize; 4],
}

impl Pacing {
    /// Positive when the session is heading over its target, negative when under.
    pub fn over(&self) -> i64 {
        self.projected - self.target
    }
}

fn theme_index(theme: Theme) -> usize {
    Theme::ALL.iter().position(|t| *t == theme).unwrap_or(0)
}

pub fn pacing(state: &State, deck: &Deck, now: DateTime<Utc>) -> Pacing {
    let minutes_of = |id: &CardId| deck.card(id).map_or(0, |c| i64::from(state.card_minutes(c)));
    let elapsed = state.elapsed(now).num_seconds() as f64 / 60.0;
    let open_rest = state.current_play().map_or(0.0, |p| {
        let used = state.card_elapsed(now).num_seconds() as f64 / 60.0;
        (minutes_of(&p.card) as f64 - used).max(0.0)
    });
    let open_card = state.current_play().map(|p| &p.card);
    let remaining: Vec<&CardId> = state
        .plan
        .iter()
        .filter(|c| !state.is_played(c) && !state.skipped.contains(c) && Some(*c) != open_card)
        .collect();
    let (opening, closing) =
        deck.agenda(&state.setup.agenda).map_or((0, 0), |a| (i64::from(a.opening), i64::from(a.closing)));
    let rest: i64 = remaining.iter().map(|c| minutes_of(c)).sum();
    // Until the first card opens, whatever is left of the opening round is still to come.
    let opening_left = if state.plays.is_empty() { (opening as f64 - elapsed).max(0.0) } else { 0.0 };
    let projected = (elapsed + open_rest + opening_left).ceil() as i64 + rest + closing;
    let target = i64::from(state.setup.target_minutes);

    let mut played_per_theme = [0; 4];
    for play in state.played() {
        if let Some(card) = deck.card(&play.card) {
            played_per_theme[theme_index(card.theme)] += 1;
        }
    }
    let mut planned_per_theme = [0; 4];
    for id in &remaining {
        if let Some(card) = deck.card(id) {
            planned_per_theme[theme_index(card.theme)] += 1;
        }
    }

    let drop = if projected > target {
        drop_to_fit(deck, state, &remaining, &played_per_theme, projected - target)
    } else {
        Vec::new()
    };
    Pacing { projected, target, drop, played_per_theme, planned_per_theme }
}

/// Greedy: drop the longest remaining cards first, but never the last card of a theme that has
/// not been played yet, until the overrun is gone (or nothing more can go).
fn drop_to_fit(deck: &Deck, state: &State, remaining: &[&CardId], played: &[usize; 4], mut over: i64) -> Vec<CardId> {
    let mut cover = *played;
    let mut candidates: Vec<(usize, &CardId, i64, usize)> = Vec::new();
    for (pos, id) in remaining.iter().enumerate() {
        if let Some(card) = deck.card(id) {
            let t = theme_index(card.theme);
            cover[t] += 1;
            candidates.push((pos, id, i64::from(state.card_minutes(card)), t));
        }
    }
    candidates.sort_by(|a, b| b.2.cmp(&a.2).then(b.0.cmp(&a.0)));
    let mut dropped: Vec<(usize, CardId)> = Vec::new();
    for (pos, id, minutes, theme) in candidates {
        if over <= 0 {
            break;
        }
        if cover[theme] > 1 {
            cover[theme] -= 1;
            over -= minutes;
            dropped.push((pos, (*id).clone()));
        }
    }
    dropped.sort();
    dropped.into_iter().map(|(_, id)| id).collect()
}
