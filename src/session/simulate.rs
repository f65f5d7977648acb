//! Random sessions through the real engine, to test a deck before a room of mayors does:
//! which cards are never reached, which follow-ups never happen, which agendas run long.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::sync::Arc;

use chrono::{TimeZone, Utc};
use rand::seq::IndexedRandom;
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::clock::ManualClock;
use super::engine::{Command, Session};
use super::event::{Decision, GroupId, GroupSetup, Setup};
use super::journal::MemoryJournal;
use super::state::State;
use crate::scenario::{AgendaId, CardId, Deck, InjectId, Lang, OptionId, Role};

/// What many random sessions revealed about a deck.
#[derive(Debug, Clone, Default)]
pub struct SimReport {
    /// Random sessions per agenda and per number of delegations.
    pub runs: usize,
    /// Cards no session reached, each with why.
    pub unreached: Vec<CardId>,
    /// (card, option, follow-up) where a group chose the option but the follow-up never came.
    pub broken_follow_ups: Vec<(CardId, OptionId, CardId)>,
    /// (card, option) that no random group ever chose on a card that was played (a sign of too
    /// few runs, not of a bad deck). Options of cards never reached are not listed again.
    pub never_chosen: Vec<(CardId, OptionId)>,
    /// (card, inject) with a condition that no group ever met.
    pub unseen_injects: Vec<(CardId, InjectId)>,
    /// Per agenda, over every session: target, shortest, mean and longest planned minutes.
    pub agendas: Vec<(AgendaId, u32, u32, f64, u32)>,
    /// Per dimension: min, mean, max of a group's final score.
    pub scores: Vec<(String, i32, f64, i32)>,
    /// Per agenda, over every session: sessions in which a group's choice asked for a follow-up,
    /// and sessions in which at least one asked-for follow-up still fitted the clock (or was
    /// already on the agenda).
    pub follow_up_fit: Vec<(AgendaId, usize, usize)>,
    /// Per agenda: its target and the minutes it plans with 2, 3 and 4 delegations
    /// ([`Deck::agenda_minutes`], the rule the agenda screen and the Tempo panel count with).
    pub fit_per_groups: Vec<(AgendaId, u32, [u32; 3])>,
    /// Per agenda and number of delegations: the sessions played with exactly that many.
    pub per_groups: Vec<GroupsRun>,
    /// Per follow-up (card, option, follow-up) never played: why, as far as the clock tells.
    pub why_not: BTreeMap<(CardId, OptionId, CardId), Why>,
    /// Dimension labels in Dutch, for the Dutch report.
    pub score_labels_nl: Vec<String>,
}

/// The sessions of one agenda with one number of delegations.
#[derive(Debug, Clone)]
pub struct GroupsRun {
    pub agenda: AgendaId,
    pub groups: usize,
    pub target: u32,
    /// The agenda itself at this number of delegations, without a follow-up.
    pub planned: u32,
    pub shortest: u32,
    pub mean: f64,
    pub longest: u32,
    /// Sessions that asked for a follow-up, and of those, sessions in which one fitted.
    pub asked: usize,
    pub fitted: usize,
}

/// Why a follow-up was never played.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// It never fits: on the roomiest agenda that plays the card before it, with two delegations,
    /// `free` minutes are left and the follow-up takes `needs`.
    NeverFits { agenda: AgendaId, free: u32, needs: u32 },
    /// It fits somewhere, but no random session happened to take it: more runs may show it.
    Chance,
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

    /// The report in English.
    pub fn render(&self) -> String {
        self.render_in(Lang::En)
    }

    /// The report in `lang`, with a word on what each figure means.
    pub fn render_in(&self, lang: Lang) -> String {
        let t = |nl: &'static str, en: &'static str| if lang == Lang::Nl { nl } else { en };
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} {}\n",
            self.runs,
            t(
                "willekeurige sessies per agenda en per aantal delegaties (2, 3 en 4)",
                "random sessions per agenda and per number of delegations (2, 3 and 4)"
            )
        );
        let _ = writeln!(
            out,
            "{}",
            t(
                "Minuten per agenda, opening en afsluiting inbegrepen. Een kaart is geschreven voor twee delegaties en duurt 3 minuten langer voor elke delegatie meer.\n  gepland: de agenda zelf, zonder vervolgkaart\n  kortste: de kortste gesimuleerde sessie (meestal de agenda zonder vervolgkaart; korter als een kaart werd overgeslagen)\n  langste: de langste gesimuleerde sessie (met de vervolgkaarten die nog pasten; nooit boven het doel)\n  vervolg: van de sessies waarin een groep om een vervolgkaart vroeg, in hoeveel er een paste",
                "Minutes per agenda, opening and closing included. A card is written for two delegations and takes 3 minutes more for every delegation beyond two.\n  planned: the agenda itself, without a follow-up\n  shortest: the shortest simulated session (usually the agenda without a follow-up; shorter when a card was skipped)\n  longest: the longest simulated session (with the follow-ups that still fitted; never above the target)\n  follow-up: of the sessions in which a group asked for a follow-up, in how many one fitted"
            )
        );
        let mut last: Option<&AgendaId> = None;
        for r in &self.per_groups {
            if last != Some(&r.agenda) {
                let _ = writeln!(out, "\n  {} ({} {}):", r.agenda, t("doel", "target"), r.target);
                last = Some(&r.agenda);
            }
            let flag = if r.planned > r.target { t("  TE LANG", "  OVERRUNS") } else { "" };
            let fit = if r.asked == 0 {
                t("niemand vroeg erom", "nobody asked for one").to_string()
            } else {
                format!("{} {} {}", r.fitted, t("van", "of"), r.asked)
            };
            let _ = writeln!(
                out,
                "    {} {}: {} {}, {} {}, {} {:.0}, {} {}; {}: {fit}{flag}",
                r.groups,
                t("delegaties", "delegations"),
                t("gepland", "planned"),
                r.planned,
                t("kortste", "shortest"),
                r.shortest,
                t("gemiddeld", "mean"),
                r.mean,
                t("langste", "longest"),
                r.longest,
                t("vervolg", "follow-up"),
            );
        }
        let _ = writeln!(
            out,
            "\n{}",
            t(
                "gepland per aantal delegaties (doel / 2 / 3 / 4 delegaties):",
                "planned minutes per number of delegations (target / 2 / 3 / 4 delegations):"
            )
        );
        for (id, target, planned) in &self.fit_per_groups {
            let flag = if planned.iter().any(|p| p > target) { t("  TE LANG", "  OVERRUNS") } else { "" };
            let [two, three, four] = planned;
            let _ = writeln!(out, "  {id}: {target} / {two} / {three} / {four}{flag}");
        }
        let none = t("geen", "none");
        let list = |out: &mut String, title: &str, items: Vec<String>| {
            let _ = writeln!(out, "\n{title}: {}", if items.is_empty() { none } else { "" });
            for i in items {
                let _ = writeln!(out, "  {i}");
            }
        };
        let never_played: BTreeSet<&CardId> = self
            .broken_follow_ups
            .iter()
            .filter(|k| matches!(self.why_not.get(*k), Some(Why::NeverFits { .. })))
            .map(|(_, _, f)| f)
            .collect();
        list(
            &mut out,
            t("kaarten die nooit aan bod kwamen", "cards never reached"),
            self.unreached
                .iter()
                .map(|c| {
                    if never_played.contains(c) {
                        format!(
                            "{c} ({})",
                            t(
                                "alleen te bereiken via een vervolgkaart die nooit in de tijd past, zie hieronder",
                                "reached only as a follow-up that never fits the time, see below"
                            )
                        )
                    } else {
                        format!(
                            "{c} ({})",
                            t(
                                "geen agenda noemt haar en geen gekozen optie leidt ernaartoe",
                                "no agenda lists it and no chosen option leads to it"
                            )
                        )
                    }
                })
                .collect(),
        );
        list(
            &mut out,
            t("vervolgkaarten gekozen maar nooit gespeeld", "follow-ups chosen but never played"),
            self.broken_follow_ups
                .iter()
                .map(|k| {
                    let (c, o, f) = k;
                    let why = match self.why_not.get(k) {
                        Some(Why::NeverFits { agenda, free, needs }) => match lang {
                            Lang::Nl => format!(
                                "past nooit: agenda `{agenda}` heeft met 2 delegaties {free} minuten vrij, de vervolgkaart duurt {needs}"
                            ),
                            Lang::En => format!(
                                "never fits: agenda `{agenda}` has {free} minutes free with 2 delegations, the follow-up takes {needs}"
                            ),
                        },
                        _ => t(
                            "paste wel, maar geen sessie nam haar toevallig; meer --runs laat het zien",
                            "it fits, but no session happened to take it; more --runs will show it"
                        )
                        .to_string(),
                    };
                    format!("{c} / {o} -> {f}: {why}")
                })
                .collect(),
        );
        list(
            &mut out,
            t(
                "opties die niemand koos (op kaarten die wel gespeeld werden; meer --runs helpt)",
                "options never chosen (on cards that were played; more --runs helps)",
            ),
            self.never_chosen.iter().map(|(c, o)| format!("{c} / {o}")).collect(),
        );
        list(
            &mut out,
            t("voorwaardelijke ontwikkelingen die nooit kwamen", "conditional injects never seen"),
            self.unseen_injects.iter().map(|(c, i)| format!("{c} / {i}")).collect(),
        );
        let _ = writeln!(
            out,
            "\n{}",
            t(
                "vervolgkaarten (sessies die erom vroegen / waarin er een paste, van alle sessies):",
                "follow-ups (sessions that asked for one / in which one fitted the clock, of all sessions):"
            )
        );
        let all = self.runs * SIMULATED_GROUPS.len();
        for (id, asked, fitted) in &self.follow_up_fit {
            let share = *fitted as f64 * 100.0 / all.max(1) as f64;
            let _ = writeln!(out, "  {id}: {asked} / {fitted} ({share:.0}% {} {all})", t("van", "of"));
        }
        let _ = writeln!(
            out,
            "\n{}",
            t(
                "scores van een groep aan het eind van een sessie (laagste / gemiddeld / hoogste):",
                "scores of a group at the end of a session (min / mean / max):"
            )
        );
        for (i, (label, min, mean, max)) in self.scores.iter().enumerate() {
            let label = match lang {
                Lang::Nl => self.score_labels_nl.get(i).unwrap_or(label),
                Lang::En => label,
            };
            let _ = writeln!(out, "  {label}: {min:+} / {mean:+.1} / {max:+}");
        }
        out
    }
}

/// Why the follow-up `f` of a card on the deck's agendas would never be played: the roomiest
/// agenda that plays `from` (or any agenda, for a card reached only through follow-ups), with
/// two delegations, leaves less time than `f` takes. A follow-up already on that agenda costs nothing.
fn why_not(deck: &Deck, from: &CardId, f: &CardId) -> Why {
    let Some(follow) = deck.card(f) else { return Why::Chance };
    let on: Vec<_> = deck.manifest.agendas.iter().filter(|a| a.cards.contains(from)).collect();
    let agendas: Vec<_> = if on.is_empty() { deck.manifest.agendas.iter().collect() } else { on };
    if agendas.iter().any(|a| a.cards.contains(f)) {
        return Why::Chance;
    }
    let roomiest =
        agendas.iter().map(|a| (a, a.minutes.saturating_sub(deck.agenda_minutes(a, 2)))).max_by_key(|(_, free)| *free);
    match roomiest {
        Some((a, free)) if follow.minutes_for(2) > free => {
            Why::NeverFits { agenda: a.id.clone(), free, needs: follow.minutes_for(2) }
        }
        _ => Why::Chance,
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

/// Plays `runs` random sessions through every agenda of the deck with each number of
/// delegations in [`SIMULATED_GROUPS`].
pub fn simulate(deck: &Deck, runs: usize, seed: u64) -> SimReport {
    let shared = Arc::new(deck.clone());
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tally = Tally { scores: vec![Vec::new(); deck.manifest.dimensions.len()], ..Tally::default() };
    let mut agendas = Vec::new();
    let mut follow_up_fit = Vec::new();
    let mut per_groups = Vec::new();
    for agenda in &deck.manifest.agendas {
        let mut all = Vec::new();
        let (mut asked_all, mut fitted_all) = (0, 0);
        for groups in SIMULATED_GROUPS {
            let mut lengths = Vec::new();
            let (mut asked, mut fitted) = (0, 0);
            for _ in 0..runs {
                tally.asked = false;
                tally.fitted = false;
                let count = u8::try_from(groups).unwrap_or(2);
                let (minutes, _) = run_once(&shared, &agenda.id, count, &mut rng, &mut tally);
                lengths.push(minutes + agenda.opening + agenda.closing);
                asked += usize::from(tally.asked);
                fitted += usize::from(tally.fitted);
            }
            per_groups.push(GroupsRun {
                agenda: agenda.id.clone(),
                groups,
                target: agenda.minutes,
                planned: deck.agenda_minutes(agenda, groups),
                shortest: lengths.iter().copied().min().unwrap_or(0),
                mean: lengths.iter().map(|m| f64::from(*m)).sum::<f64>() / lengths.len().max(1) as f64,
                longest: lengths.iter().copied().max().unwrap_or(0),
                asked,
                fitted,
            });
            all.extend(lengths);
            asked_all += asked;
            fitted_all += fitted;
        }
        follow_up_fit.push((agenda.id.clone(), asked_all, fitted_all));
        let min = all.iter().copied().min().unwrap_or(0);
        let max = all.iter().copied().max().unwrap_or(0);
        let mean = all.iter().map(|m| f64::from(*m)).sum::<f64>() / all.len().max(1) as f64;
        agendas.push((agenda.id.clone(), agenda.minutes, min, mean, max));
    }
    let fit_per_groups = deck
        .manifest
        .agendas
        .iter()
        .map(|a| (a.id.clone(), a.minutes, SIMULATED_GROUPS.map(|g| deck.agenda_minutes(a, g))))
        .collect();
    let mut report = SimReport { runs, agendas, follow_up_fit, fit_per_groups, per_groups, ..SimReport::default() };
    for card in &deck.cards {
        if !tally.reached.contains(&card.id) {
            report.unreached.push(card.id.clone());
            continue;
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
    report.why_not = report.broken_follow_ups.iter().map(|k| (k.clone(), why_not(deck, &k.0, &k.2))).collect();
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
    report.score_labels_nl = deck.manifest.dimensions.iter().map(|d| d.label.get(Lang::Nl).to_string()).collect();
    report
}

/// One session: `groups` delegations, random answers, follow-ups taken half the time and
/// played, as in the console, by the groups whose choice led there. Returns the planned minutes
/// of the cards played, and the session as it ended.
fn run_once(
    deck: &Arc<Deck>,
    agenda: &AgendaId,
    groups: u8,
    rng: &mut ChaCha8Rng,
    tally: &mut Tally,
) -> (u32, Option<State>) {
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
    // Events 30 seconds apart, from the start of 1970: a record of where a session went, not
    // of when; the real engine in memory, so the simulator plays by the console's rules.
    let clock = ManualClock::new(Utc.timestamp_opt(30, 0).single().unwrap_or_default().fixed_offset());
    let mut sim = Sim {
        session: Session::start_in(Arc::clone(deck), setup, MemoryJournal::unlimited(), clock.clone()).ok(),
        clock,
    };
    sim.clock.advance_secs(30);
    let (opening, closing, target) = deck.agenda(agenda).map_or((0, 0, 120), |a| (a.opening, a.closing, a.minutes));
    let mut minutes = 0;
    for _ in 0..deck.cards.len() * 2 {
        let Some(state) = sim.state() else { break };
        let suggestions = state.suggestions(deck);
        // Like a facilitator watching the clock: a follow-up only when it still fits.
        let rest: u32 = state
            .plan
            .iter()
            .filter(|c| !state.is_played(c) && !state.skipped.contains(c))
            .filter_map(|c| deck.card(c))
            .map(|c| state.card_minutes(c))
            .sum();
        // A follow-up to a card still on the agenda only brings it forward: it costs no time.
        let on_plan = |card: &CardId| {
            state.plan.iter().any(|c| c == card) && !state.is_played(card) && !state.skipped.contains(card)
        };
        let fits = |card: &CardId| {
            on_plan(card)
                || deck.card(card).is_some_and(|c| opening + minutes + state.card_minutes(c) + rest + closing <= target)
        };
        let follow_ups: Vec<_> = suggestions.iter().filter(|s| !s.groups.is_empty() && fits(&s.card)).collect();
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
        let agenda_next = suggestions.iter().find(|s| on_plan(&s.card));
        let next = match agenda_next {
            _ if fits(&next) => next,
            Some(a) => a.card.clone(),
            None => break,
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
            if let Some(state) = sim.state()
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
    if let Some(state) = sim.state() {
        for row in state.scores(deck) {
            for (i, d) in deck.manifest.dimensions.iter().enumerate() {
                tally.scores[i].push(row.get(&d.id).copied().unwrap_or(0));
            }
        }
    }
    (minutes, sim.session.map(|s| s.state().clone()))
}

/// A simulated session: the engine over a journal in memory, on a clock that moves 30 seconds
/// for every event it records.
struct Sim {
    session: Option<Session<ManualClock>>,
    clock: ManualClock,
}

impl Sim {
    fn state(&self) -> Option<&State> {
        self.session.as_ref().map(Session::state)
    }

    /// Whether the engine accepted `command`; a refused one takes no time.
    fn exec(&mut self, command: Command) -> bool {
        let Some(session) = &mut self.session else { return false };
        self.clock.advance_secs(30);
        let done = session.execute(command).is_ok();
        if !done {
            self.clock.advance_secs(-30);
        }
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A simulated follow-up is answered as in a real session: asked of the groups whose answer
    /// to the card before led there, answered by them only, the others looking on.
    #[test]
    fn a_simulated_follow_up_is_played_by_the_groups_whose_choice_led_there() {
        let deck = Arc::new(crate::scenario::load_deck(None).unwrap());
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut tally = Tally { scores: vec![Vec::new(); deck.manifest.dimensions.len()], ..Tally::default() };
        let (mut for_some, mut watched) = (0, 0);
        for agenda in &deck.manifest.agendas {
            for i in 0..40 {
                let groups = [2, 3, 4][i % 3];
                let (_, state) = run_once(&deck, &agenda.id, groups, &mut rng, &mut tally);
                let state = state.unwrap();
                for (i, play) in state.plays.iter().enumerate() {
                    if !play.is_for_some() {
                        continue;
                    }
                    for_some += 1;
                    // A follow-up stays suggested until played: any earlier reveal may have led there.
                    let led_there: Vec<GroupId> = state
                        .groups()
                        .filter(|g| {
                            state.plays[..i].iter().filter(|p| p.is_revealed()).any(|before| {
                                let card = deck.card(&before.card).unwrap();
                                before.choices.get(g).is_some_and(|c| {
                                    card.option(&c.option).is_some_and(|o| o.follow_up.as_ref() == Some(&play.card))
                                })
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
