//! Random sessions through the real engine, to test a deck before a room of mayors does:
//! which cards are never reached, which follow-ups never happen, which agendas run long.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use chrono::{TimeDelta, TimeZone, Utc};
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::engine::{Command, decide};
use super::event::{Decision, GroupId, GroupSetup, Record, Setup};
use super::state::State;
use crate::scenario::{AgendaId, CardId, Deck, InjectId, Lang, OptionId, Role};

/// What many random sessions revealed about a deck.
#[derive(Debug, Clone, Default)]
pub struct SimReport {
    pub runs: usize,
    pub unreached: Vec<CardId>,
    /// (card, option, follow-up) where a group chose the option but the follow-up never came.
    pub broken_follow_ups: Vec<(CardId, OptionId, CardId)>,
    /// (card, option) that no random group ever chose (a sign of too few runs, not of a bad deck).
    pub never_chosen: Vec<(CardId, OptionId)>,
    /// (card, inject) with a condition that no group ever met.
    pub unseen_injects: Vec<(CardId, InjectId)>,
    /// Per agenda: target, shortest, mean and longest planned minutes over the runs.
    pub agendas: Vec<(AgendaId, u32, u32, f64, u32)>,
    /// Per dimension: min, mean, max of a group's final score.
    pub scores: Vec<(String, i32, f64, i32)>,
    /// Per agenda: sessions in which a group's choice asked for a follow-up, and sessions in
    /// which at least one asked-for follow-up still fitted the clock (or was already on the agenda).
    pub follow_up_fit: Vec<(AgendaId, usize, usize)>,
    /// Per agenda: its target and the minutes it plans with 2, 3 and 4 delegations
    /// ([`Deck::agenda_minutes`], the rule the agenda screen and the Tempo panel count with).
    pub fit_per_groups: Vec<(AgendaId, u32, [u32; 3])>,
}

/// The delegation counts `simulate` plays and reports the fit for.
pub const SIMULATED_GROUPS: [usize; 3] = [2, 3, 4];

impl SimReport {
    pub fn is_clean(&self) -> bool {
        self.unreached.is_empty()
            && self.broken_follow_ups.is_empty()
            && self.agendas.iter().all(|a| a.4 <= a.1)
            && self.fit_per_groups.iter().all(|(_, target, planned)| planned.iter().all(|p| p <= target))
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} random sessions per agenda, 2 to 4 groups each\n", self.runs);
        let _ = writeln!(out, "agendas (target / shortest / mean / longest, minutes incl. opening and closing):");
        for (id, target, min, mean, max) in &self.agendas {
            let flag = if max > target { "  OVERRUNS" } else { "" };
            let _ = writeln!(out, "  {id}: {target} / {min} / {mean:.0} / {max}{flag}");
        }
        let _ = writeln!(out, "\nplanned minutes per number of delegations (target / 2 / 3 / 4 delegations):");
        for (id, target, planned) in &self.fit_per_groups {
            let flag = if planned.iter().any(|p| p > target) { "  OVERRUNS" } else { "" };
            let [two, three, four] = planned;
            let _ = writeln!(out, "  {id}: {target} / {two} / {three} / {four}{flag}");
        }
        let list = |out: &mut String, title: &str, items: Vec<String>| {
            let _ = writeln!(out, "\n{title}: {}", if items.is_empty() { "none".to_string() } else { String::new() });
            for i in items {
                let _ = writeln!(out, "  {i}");
            }
        };
        list(&mut out, "cards never reached", self.unreached.iter().map(ToString::to_string).collect());
        list(
            &mut out,
            "follow-ups chosen but never played",
            self.broken_follow_ups.iter().map(|(c, o, f)| format!("{c} / {o} -> {f}")).collect(),
        );
        list(&mut out, "options never chosen", self.never_chosen.iter().map(|(c, o)| format!("{c} / {o}")).collect());
        list(
            &mut out,
            "conditional injects never seen",
            self.unseen_injects.iter().map(|(c, i)| format!("{c} / {i}")).collect(),
        );
        let _ = writeln!(
            out,
            "\nfollow-ups (sessions that asked for one / in which one fitted the clock, of all sessions):"
        );
        for (id, asked, fitted) in &self.follow_up_fit {
            let share = *fitted as f64 * 100.0 / self.runs.max(1) as f64;
            let _ = writeln!(out, "  {id}: {asked} / {fitted} ({share:.0}% of {})", self.runs);
        }
        let _ = writeln!(out, "\nscores of a group at the end of a session (min / mean / max):");
        for (label, min, mean, max) in &self.scores {
            let _ = writeln!(out, "  {label}: {min:+} / {mean:+.1} / {max:+}");
        }
        out
    }
}

#[derive(Default)]
struct Tally {
    reached: BTreeSet<CardId>,
    chosen: BTreeSet<(CardId, OptionId)>,
    /// Follow-ups a group's choice asked for, and whether the card was then played.
    wanted: BTreeMap<(CardId, OptionId, CardId), bool>,
    seen: BTreeSet<(CardId, InjectId)>,
    scores: Vec<Vec<i32>>,
    /// In the current run: a group's choice asked for a follow-up, and one of them fitted.
    asked: bool,
    fitted: bool,
}

/// Plays `runs` random sessions through every agenda of the deck.
pub fn simulate(deck: &Deck, runs: usize, seed: u64) -> SimReport {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tally = Tally { scores: vec![Vec::new(); deck.manifest.dimensions.len()], ..Tally::default() };
    let mut agendas = Vec::new();
    let mut follow_up_fit = Vec::new();
    for agenda in &deck.manifest.agendas {
        let mut lengths = Vec::new();
        let (mut asked, mut fitted) = (0, 0);
        for _ in 0..runs {
            tally.asked = false;
            tally.fitted = false;
            let (minutes, _) = run_once(deck, &agenda.id, &mut rng, &mut tally);
            lengths.push(minutes + agenda.opening + agenda.closing);
            asked += usize::from(tally.asked);
            fitted += usize::from(tally.fitted);
        }
        follow_up_fit.push((agenda.id.clone(), asked, fitted));
        let min = lengths.iter().copied().min().unwrap_or(0);
        let max = lengths.iter().copied().max().unwrap_or(0);
        let mean = lengths.iter().map(|m| f64::from(*m)).sum::<f64>() / lengths.len().max(1) as f64;
        agendas.push((agenda.id.clone(), agenda.minutes, min, mean, max));
    }
    let fit_per_groups = deck
        .manifest
        .agendas
        .iter()
        .map(|a| (a.id.clone(), a.minutes, SIMULATED_GROUPS.map(|g| deck.agenda_minutes(a, g))))
        .collect();
    let mut report = SimReport { runs, agendas, follow_up_fit, fit_per_groups, ..SimReport::default() };
    for card in &deck.cards {
        if !tally.reached.contains(&card.id) {
            report.unreached.push(card.id.clone());
        }
        for o in &card.options {
            if !tally.chosen.contains(&(card.id.clone(), o.id.clone())) {
                report.never_chosen.push((card.id.clone(), o.id.clone()));
            }
        }
        for inj in card.injects.iter().filter(|i| i.only_if.is_some()) {
            if !tally.seen.contains(&(card.id.clone(), inj.id.clone())) {
                report.unseen_injects.push((card.id.clone(), inj.id.clone()));
            }
        }
    }
    report.broken_follow_ups = tally.wanted.iter().filter(|(_, played)| !**played).map(|(k, _)| k.clone()).collect();
    report.scores = deck
        .manifest
        .dimensions
        .iter()
        .zip(&tally.scores)
        .map(|(d, v)| {
            let mean = v.iter().map(|x| f64::from(*x)).sum::<f64>() / v.len().max(1) as f64;
            (
                d.label.get(Lang::En).to_string(),
                v.iter().copied().min().unwrap_or(0),
                mean,
                v.iter().copied().max().unwrap_or(0),
            )
        })
        .collect();
    report
}

/// One session: a random number of groups, random answers, follow-ups taken half the time and
/// played, as in the console, by the groups whose choice led there. Returns the planned minutes
/// of the cards played, and the session as it ended.
fn run_once(deck: &Deck, agenda: &AgendaId, rng: &mut ChaCha8Rng, tally: &mut Tally) -> (u32, Option<State>) {
    let groups: u8 = rng.random_range(2..=4);
    let setup = Setup {
        title: "simulation".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: rng.random(),
        agenda: agenda.clone(),
        groups: (0..groups).map(|i| GroupSetup { name: format!("G{i}"), roles: Role::ALL.to_vec() }).collect(),
    };
    let mut sim = Sim { deck, at: Utc.timestamp_opt(0, 0).single().unwrap_or_default(), state: None };
    sim.apply(super::event::Event::SessionStarted {
        setup,
        deck_id: deck.manifest.id.clone(),
        deck_digest: deck.digest.clone(),
    });
    let plan = deck.agenda(agenda).map(|a| a.cards.clone()).unwrap_or_default();
    let (opening, closing, target) = deck.agenda(agenda).map_or((0, 0, 120), |a| (a.opening, a.closing, a.minutes));
    sim.exec(Command::ChangeAgenda(plan));
    let mut minutes = 0;
    for _ in 0..deck.cards.len() * 2 {
        let Some(state) = &sim.state else { break };
        let suggestions = state.suggestions(deck);
        // Like a facilitator watching the clock: a follow-up only when it still fits.
        let rest: u32 = state
            .plan
            .iter()
            .filter(|c| !state.is_played(c) && !state.skipped.contains(c))
            .filter_map(|c| deck.card(c))
            .map(|c| state.card_minutes(c))
            .sum();
        let fits = |card: &CardId| {
            deck.card(card).is_some_and(|c| opening + minutes + state.card_minutes(c) + rest + closing <= target)
        };
        let follow_ups: Vec<_> = suggestions.iter().filter(|s| !s.groups.is_empty() && fits(&s.card)).collect();
        // A follow-up to a card still on the agenda only brings it forward: it costs no time.
        let on_plan = |card: &CardId| {
            state.plan.iter().any(|c| c == card) && !state.is_played(card) && !state.skipped.contains(card)
        };
        for s in suggestions.iter().filter(|s| !s.groups.is_empty()) {
            tally.asked = true;
            tally.fitted |= on_plan(&s.card) || fits(&s.card);
        }
        let next = match (follow_ups.choose(rng), suggestions.first()) {
            (Some(f), _) if rng.random_bool(0.5) => f.card.clone(),
            (_, Some(first)) => first.card.clone(),
            (Some(f), None) => f.card.clone(),
            (None, None) => break,
        };
        // The agenda's next card is always played; a follow-up only when it fits, and once the
        // agenda is done, the session ends rather than run over.
        let next = match suggestions.first() {
            Some(first) if !first.groups.is_empty() && !fits(&next) => break,
            Some(first) if first.groups.is_empty() && next != first.card && !fits(&next) => first.card.clone(),
            _ => next,
        };
        // As the console does: a suggested follow-up is opened for the groups whose choice led
        // there (the others look on and do not answer); the agenda's next card for every group.
        let for_groups = suggestions.iter().find(|s| s.card == next).map(|s| s.groups.clone()).unwrap_or_default();
        if !sim.exec(Command::OpenCardFor { card: next.clone(), groups: for_groups.clone() }) {
            break;
        }
        tally.reached.insert(next.clone());
        let Some(card) = deck.card(&next) else { break };
        minutes += card.minutes_for(usize::from(groups));
        for inj in &card.injects {
            sim.exec(Command::ReleaseInject(inj.id.clone()));
            if let Some(state) = &sim.state
                && inj.only_if.is_some()
                && !state.inject_audience(deck, &next, &inj.id).is_empty()
            {
                tally.seen.insert((next.clone(), inj.id.clone()));
            }
        }
        for g in (0..groups).filter(|g| for_groups.is_empty() || for_groups.contains(&GroupId(*g))) {
            let Some(option) = card.options.choose(rng) else { continue };
            tally.chosen.insert((next.clone(), option.id.clone()));
            if let Some(f) = &option.follow_up {
                tally.wanted.entry((next.clone(), option.id.clone(), f.clone())).or_insert(false);
            }
            sim.exec(Command::RecordChoice {
                group: GroupId(g),
                option: option.id.clone(),
                rationale: String::new(),
                decision: Decision::Majority,
                dissent: Vec::new(),
            });
        }
        sim.exec(Command::Reveal);
        sim.exec(Command::CloseCard);
        // A follow-up that was asked for and is now played counts as working.
        for ((_, _, f), played) in tally.wanted.iter_mut() {
            if *f == next {
                *played = true;
            }
        }
    }
    if let Some(state) = &sim.state {
        for row in state.scores(deck) {
            for (i, d) in deck.manifest.dimensions.iter().enumerate() {
                tally.scores[i].push(row.get(&d.id).copied().unwrap_or(0));
            }
        }
    }
    (minutes, sim.state)
}

/// The engine without a log: decide, then apply, as `Session::execute` does.
struct Sim<'a> {
    deck: &'a Deck,
    at: chrono::DateTime<Utc>,
    state: Option<State>,
}

impl Sim<'_> {
    fn apply(&mut self, event: super::event::Event) {
        self.at += TimeDelta::seconds(30);
        let seq = self.state.as_ref().map_or(1, |s| s.last_seq + 1);
        let record = Record { seq, at: self.at, offset: 0, event };
        match &mut self.state {
            None => self.state = State::start(&record).ok(),
            Some(state) => {
                let _ = state.apply(&record);
            }
        }
    }

    fn exec(&mut self, command: Command) -> bool {
        let Some(state) = &self.state else { return false };
        match decide(state, self.deck, command) {
            Ok(event) => {
                self.apply(event);
                true
            }
            Err(_) => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A simulated follow-up is answered as in a real session: asked of the groups whose answer
    /// to the card before led there, answered by them only, the others looking on.
    #[test]
    fn a_simulated_follow_up_is_played_by_the_groups_whose_choice_led_there() {
        let deck = crate::scenario::load_deck(None).unwrap();
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut tally = Tally { scores: vec![Vec::new(); deck.manifest.dimensions.len()], ..Tally::default() };
        let (mut for_some, mut watched) = (0, 0);
        for agenda in &deck.manifest.agendas {
            for _ in 0..40 {
                let (_, state) = run_once(&deck, &agenda.id, &mut rng, &mut tally);
                let state = state.unwrap();
                for (i, play) in state.plays.iter().enumerate() {
                    if !play.is_for_some() {
                        continue;
                    }
                    for_some += 1;
                    let before = &state.plays[i - 1];
                    let card = deck.card(&before.card).unwrap();
                    let led_there: Vec<GroupId> = state
                        .groups()
                        .filter(|g| {
                            before.choices.get(g).is_some_and(|c| {
                                card.option(&c.option).is_some_and(|o| o.follow_up.as_ref() == Some(&play.card))
                            })
                        })
                        .collect();
                    assert_eq!(play.for_groups, led_there, "{}", play.card);
                    let answered: Vec<GroupId> = play.choices.keys().copied().collect();
                    assert_eq!(answered, play.for_groups, "{}: only the groups it is for answer", play.card);
                    assert!(play.is_revealed(), "{}: revealed without waiting for the others", play.card);
                    watched += state.groups().count() - play.for_groups.len();
                }
            }
        }
        assert!(for_some > 10, "follow-ups were played for some groups {for_some} times");
        assert!(watched > 0, "some groups looked on");
    }
}
