//! The content of a report, independent of its format: what happened per card, the scores,
//! the actions and the timeline, with every text already in the report's language and cleaned.

use std::collections::BTreeMap;

use super::SessionLog;
use super::words as w;
use crate::scenario::{CardId, Deck, Lang, OptionId, clean};
use crate::session::{Event, GroupId, State};

#[derive(Debug, Clone)]
pub struct Answer {
    pub group: String,
    pub option_index: usize,
    pub option_label: String,
    pub decision: String,
    pub dissent: String,
    pub rationale: String,
    pub seconds: i64,
}

#[derive(Debug, Clone)]
pub struct CardSummary {
    pub id: String,
    pub title: String,
    pub theme: String,
    pub theme_index: usize,
    pub planned_minutes: u32,
    pub actual: String,
    /// The first paragraph of the situation.
    pub situation: String,
    pub answers: Vec<Answer>,
    pub revealed: bool,
    /// One sentence: all agreed, or how the groups split.
    pub agreement: String,
    pub differ: bool,
    /// (option label, consequence) for every option that was chosen.
    pub consequences: Vec<(String, String)>,
    pub notes: Vec<String>,
    /// (label, count) for every option of the card, for the spread chart.
    pub spread: Vec<(String, usize)>,
}

#[derive(Debug, Clone)]
pub struct ActionRow {
    pub what: String,
    pub owner: String,
    pub due: String,
}

#[derive(Debug, Clone)]
pub struct SessionSummary {
    pub title: String,
    pub date: String,
    pub facilitator: String,
    pub groups: Vec<(String, String)>,
    pub agenda: String,
    pub planned_minutes: u32,
    pub actual_minutes: i64,
    pub ended: bool,
    pub cards: Vec<CardSummary>,
    pub skipped: Vec<String>,
    pub dimensions: Vec<String>,
    /// Per group: its name and its score on each dimension, in `dimensions` order.
    pub scores: Vec<(String, Vec<i32>)>,
    pub actions: Vec<(String, Vec<ActionRow>)>,
    pub room_notes: Vec<String>,
    pub group_notes: Vec<(String, String)>,
    pub objectives: Vec<(String, bool)>,
    pub timeline: Vec<(String, String)>,
    pub log: String,
    /// The previous session's actions and what became of them: (group, what, owner, due, status).
    pub follow_up: Vec<(String, String, String, String, String)>,
    pub follow_up_from: Option<String>,
}

fn first_paragraph(text: &str) -> String {
    text.split("\n\n").next().unwrap_or("").replace('\n', " ")
}

pub fn session(log: &SessionLog, deck: &Deck, lang: Lang) -> SessionSummary {
    let state = &log.state;
    let name = |g: GroupId| clean(state.group_name(g)).into_owned();
    let end = state.ended_at.unwrap_or(state.last_at);
    let mut cards = Vec::new();
    for play in &state.plays {
        let Some(card) = deck.card(&play.card) else { continue };
        let mut answers = Vec::new();
        for (g, choice) in &play.choices {
            let index = card.options.iter().position(|o| o.id == choice.option).unwrap_or(0);
            let label =
                card.option(&choice.option).map_or(choice.option.to_string(), |o| o.label.show(lang).into_owned());
            let dissent: Vec<&str> = choice.dissent.iter().map(|r| r.label(lang)).collect();
            answers.push(Answer {
                group: name(*g),
                option_index: index,
                option_label: label,
                decision: choice.decision.label(lang).to_string(),
                dissent: dissent.join(", "),
                rationale: clean(&choice.rationale).into_owned(),
                seconds: choice.seconds_to_answer,
            });
        }
        let mut chosen: Vec<&OptionId> = play.choices.values().map(|c| &c.option).collect();
        chosen.sort_by_key(|id| card.options.iter().position(|o| &&o.id == id));
        chosen.dedup();
        let differ = chosen.len() > 1;
        let agreement = if answers.is_empty() {
            w::NO_ANSWERS.get(lang).to_string()
        } else if !differ {
            format!("{} {}", w::ALL_CHOSE.get(lang), answers[0].option_label)
        } else {
            let parts: Vec<String> = chosen
                .iter()
                .filter_map(|id| {
                    let groups: Vec<String> =
                        play.choices.iter().filter(|(_, c)| &&c.option == id).map(|(g, _)| name(*g)).collect();
                    let number = card.options.iter().position(|o| &&o.id == id)? + 1;
                    Some(format!("{} {number}: {}", w::OPTION.get(lang), groups.join(", ")))
                })
                .collect();
            format!("{} {}.", w::GROUPS_DIFFERED.get(lang), parts.join("; "))
        };
        let consequences = chosen
            .iter()
            .filter_map(|id| card.option(id))
            .map(|o| (o.label.show(lang).into_owned(), o.consequence.show(lang).into_owned()))
            .collect();
        let notes = state
            .notes
            .iter()
            .filter(|n| n.card.as_ref() == Some(&play.card))
            .map(|n| match n.about {
                Some(g) => format!("{}: {}", name(g), clean(&n.text)),
                None => clean(&n.text).into_owned(),
            })
            .collect();
        let spread = card
            .options
            .iter()
            .map(|o| (o.label.show(lang).into_owned(), play.choices.values().filter(|c| c.option == o.id).count()))
            .collect();
        let theme_index = crate::scenario::Theme::ALL.iter().position(|t| *t == card.theme).unwrap_or(0);
        cards.push(CardSummary {
            id: card.id.to_string(),
            title: card.title.show(lang).into_owned(),
            theme: card.theme.label(lang).to_string(),
            theme_index,
            planned_minutes: card.minutes,
            actual: mmss(play.duration(state.elapsed(end)).num_seconds()),
            situation: first_paragraph(&card.situation.show(lang)),
            answers,
            revealed: play.is_revealed(),
            agreement,
            differ,
            consequences,
            notes,
            spread,
        });
    }
    let dims: Vec<_> = deck.manifest.dimensions.iter().collect();
    let scores_by_group = state.scores(deck);
    let scores = state
        .groups()
        .map(|g| {
            let row = scores_by_group.get(g.index());
            (name(g), dims.iter().map(|d| row.and_then(|r| r.get(&d.id)).copied().unwrap_or(0)).collect())
        })
        .collect();
    let actions = state
        .groups()
        .map(|g| {
            let rows = state
                .actions
                .iter()
                .filter(|a| a.group == g)
                .map(|a| ActionRow {
                    what: clean(&a.what).into_owned(),
                    owner: a.owner.label(lang).to_string(),
                    due: clean(&a.due).into_owned(),
                })
                .collect();
            (name(g), rows)
        })
        .collect();
    let played: Vec<&CardId> = state.played().map(|p| &p.card).collect();
    let objectives = deck
        .manifest
        .objectives
        .iter()
        .map(|o| {
            let covered = played.iter().filter_map(|c| deck.card(c)).any(|c| c.objectives.contains(&o.id));
            (o.text.show(lang).into_owned(), covered)
        })
        .collect();
    SessionSummary {
        title: clean(&state.setup.title).into_owned(),
        date: state.setup.date.format("%Y-%m-%d").to_string(),
        facilitator: clean(&state.setup.facilitator).into_owned(),
        groups: state
            .setup
            .groups
            .iter()
            .map(|g| {
                (clean(&g.name).into_owned(), g.roles.iter().map(|r| r.label(lang)).collect::<Vec<_>>().join(", "))
            })
            .collect(),
        agenda: deck
            .agenda(&state.setup.agenda)
            .map_or(state.setup.agenda.to_string(), |a| a.title.show(lang).into_owned()),
        planned_minutes: state.setup.target_minutes,
        actual_minutes: state.elapsed(end).num_minutes(),
        ended: state.is_ended(),
        cards,
        skipped: state.skipped.iter().filter_map(|c| deck.card(c)).map(|c| c.title.show(lang).into_owned()).collect(),
        dimensions: dims.iter().map(|d| d.label.show(lang).into_owned()).collect(),
        scores,
        actions,
        room_notes: state
            .notes
            .iter()
            .filter(|n| n.about.is_none() && n.card.is_none())
            .map(|n| clean(&n.text).into_owned())
            .collect(),
        group_notes: state
            .notes
            .iter()
            .filter(|n| n.about.is_some() && n.card.is_none())
            .filter_map(|n| n.about.map(|g| (name(g), clean(&n.text).into_owned())))
            .collect(),
        objectives,
        timeline: timeline(log, deck, lang),
        log: log.path.display().to_string(),
        follow_up: state
            .follow_up
            .iter()
            .map(|(a, status)| {
                (
                    clean(&a.group).into_owned(),
                    clean(&a.what).into_owned(),
                    a.owner.label(lang).to_string(),
                    clean(&a.due).into_owned(),
                    status.map_or(w::NO_STATUS.get(lang).to_string(), |p| p.label(lang).to_string()),
                )
            })
            .collect(),
        follow_up_from: state.follow_up_from.as_ref().map(|f| clean(f).into_owned()),
    }
}

fn mmss(secs: i64) -> String {
    let secs = secs.max(0);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// The session's events in local time, in words.
fn timeline(log: &SessionLog, deck: &Deck, lang: Lang) -> Vec<(String, String)> {
    let state = &log.state;
    let card_title = |c: &CardId| deck.card(c).map_or(c.to_string(), |card| card.title.show(lang).into_owned());
    log.records
        .iter()
        .filter_map(|r| {
            let text = match &r.event {
                Event::SessionStarted { .. } => w::T_STARTED.get(lang).to_string(),
                Event::CardOpened { card } => format!("{}: {}", w::T_OPENED.get(lang), card_title(card)),
                Event::InjectReleased { card, inject } => {
                    let text = deck
                        .card(card)
                        .and_then(|c| c.inject(inject))
                        .map_or(inject.to_string(), |i| i.text.show(lang).into_owned());
                    format!("{}: {}", w::T_INJECT.get(lang), text)
                }
                Event::ClockPaused => w::T_PAUSED.get(lang).to_string(),
                Event::ClockResumed => w::T_RESUMED.get(lang).to_string(),
                Event::ChoicesRevealed { card, .. } => format!("{}: {}", w::T_REVEALED.get(lang), card_title(card)),
                Event::CardClosed { card } => format!("{}: {}", w::T_CLOSED.get(lang), card_title(card)),
                Event::CardSkipped { card } => format!("{}: {}", w::T_SKIPPED.get(lang), card_title(card)),
                Event::SessionEnded => w::T_ENDED.get(lang).to_string(),
                Event::ActionAdded { group, .. } => {
                    format!("{}: {}", w::T_ACTION.get(lang), clean(state.group_name(*group)))
                }
                Event::FollowUpOpened { .. } => w::T_FOLLOW_UP.get(lang).to_string(),
                Event::ChoiceRecorded { .. }
                | Event::NoteAdded { .. }
                | Event::AgendaChanged { .. }
                | Event::ActionProgress { .. }
                | Event::Blackout { .. }
                | Event::CardRestored { .. }
                | Event::RationaleRecorded { .. } => return None,
            };
            Some((r.local_time().format("%H:%M").to_string(), text))
        })
        .collect()
}

/// Across sessions: how often each option was chosen, and the spread of the scores.
#[derive(Debug, Clone)]
pub struct Aggregate {
    pub sessions: usize,
    pub groups: usize,
    /// Per card played anywhere: title and (option label, times chosen).
    pub cards: Vec<(String, Vec<(String, usize)>)>,
    /// Per dimension: label, min, median, max, mean over every group of every session.
    pub scores: Vec<(String, i32, f64, i32, f64)>,
}

pub fn aggregate(sessions: &[SessionLog], deck: &Deck, lang: Lang) -> Aggregate {
    let mut counts: BTreeMap<usize, BTreeMap<usize, usize>> = BTreeMap::new();
    let card_index = |id: &CardId| deck.cards.iter().position(|c| &c.id == id);
    let mut per_dim: Vec<Vec<i32>> = vec![Vec::new(); deck.manifest.dimensions.len()];
    let mut groups = 0;
    for s in sessions {
        let state: &State = &s.state;
        for play in &state.plays {
            let (Some(ci), Some(card)) = (card_index(&play.card), deck.card(&play.card)) else { continue };
            let entry = counts.entry(ci).or_default();
            for c in play.choices.values() {
                if let Some(oi) = card.options.iter().position(|o| o.id == c.option) {
                    *entry.entry(oi).or_default() += 1;
                }
            }
        }
        for row in state.scores(deck) {
            groups += 1;
            for (i, d) in deck.manifest.dimensions.iter().enumerate() {
                per_dim[i].push(row.get(&d.id).copied().unwrap_or(0));
            }
        }
    }
    let cards = counts
        .into_iter()
        .filter_map(|(ci, opts)| {
            let card = deck.cards.get(ci)?;
            let rows = card
                .options
                .iter()
                .enumerate()
                .map(|(oi, o)| (o.label.show(lang).into_owned(), opts.get(&oi).copied().unwrap_or(0)))
                .collect();
            Some((card.title.show(lang).into_owned(), rows))
        })
        .collect();
    let scores = deck
        .manifest
        .dimensions
        .iter()
        .zip(per_dim)
        .map(|(d, mut v)| {
            v.sort();
            let n = v.len().max(1);
            let median = if v.is_empty() {
                0.0
            } else if v.len() % 2 == 1 {
                f64::from(v[v.len() / 2])
            } else {
                f64::from(v[v.len() / 2 - 1] + v[v.len() / 2]) / 2.0
            };
            let mean = v.iter().map(|x| f64::from(*x)).sum::<f64>() / n as f64;
            (
                d.label.show(lang).into_owned(),
                v.first().copied().unwrap_or(0),
                median,
                v.last().copied().unwrap_or(0),
                mean,
            )
        })
        .collect();
    Aggregate { sessions: sessions.len(), groups, cards, scores }
}
