//! The content of a report, independent of its format: what happened per card, the scores,
//! the actions and the timeline, with every text already in the report's language and cleaned.

use std::collections::BTreeMap;

use super::SessionLog;
use super::words as w;
use chrono::NaiveDate;

use crate::scenario::{CardId, Deck, Lang, OptionId, clean};
use crate::session::{Event, GroupId, State};

#[derive(Debug, Clone)]
pub struct Answer {
    pub group: String,
    /// The option's place on the card; `None` for an option the card does not have (a log
    /// edited by hand, or a deck changed since): never shown as if it were option 1.
    pub option_index: Option<usize>,
    pub option_label: String,
    pub decision: String,
    pub dissent: String,
    pub rationale: String,
    /// A follow-up played for other groups, answered anyway by this one.
    pub looked_on: bool,
    /// Entered on the group's own device (`play --devices`), not at the console.
    pub device: bool,
}

/// A development as it was released during the card.
#[derive(Debug, Clone)]
pub struct Development {
    pub time: String,
    pub text: String,
    /// Empty when every group saw it; else who did.
    pub audience: String,
}

/// What a chosen option led to: its consequence and its effect on the scores.
#[derive(Debug, Clone)]
pub struct Consequence {
    pub option: String,
    pub text: String,
    /// "Vertrouwen +2, Financiën −1"; empty when the option changes no score.
    pub effects: String,
}

#[derive(Debug, Clone)]
pub struct CardSummary {
    pub id: String,
    pub title: String,
    pub theme: String,
    pub theme_index: usize,
    pub planned_minutes: u32,
    /// How long the card was open, in whole minutes: "6 min", "minder dan 1 min".
    pub actual: String,
    pub situation: String,
    pub developments: Vec<Development>,
    pub answers: Vec<Answer>,
    pub revealed: bool,
    /// Closed without a single answer: shown, not played.
    pub unplayed: bool,
    /// One sentence: all agreed, how the groups split, or that the card was not played.
    pub agreement: String,
    pub differ: bool,
    pub consequences: Vec<Consequence>,
    pub notes: Vec<String>,
    pub references: Vec<String>,
    /// "Wat anderen deden": who, what, and where to check it.
    pub practices: Vec<String>,
    /// (label, count) for every option of the card, for the spread chart.
    pub spread: Vec<(String, usize)>,
    /// A card played again: per municipality, its answer last time beside the one now
    /// ("Laren: vorige keer optie 1, nu optie 2").
    pub compared: Vec<String>,
    /// How earlier sessions answered this card (`play --peers`), once revealed: an
    /// anonymous aggregate the room saw too.
    pub peers: Option<String>,
    /// A follow-up played for some groups: "Vervolg voor Laren"; empty for every group.
    pub for_whom: String,
}

#[derive(Debug, Clone)]
pub struct ActionRow {
    pub what: String,
    pub owner: String,
    pub due: String,
    pub due_date: Option<NaiveDate>,
    /// The card the action came from, or "vorige sessie" for a previous session's action.
    pub card: String,
    pub status: String,
    /// An earlier session's action not yet done: it stays on this session's plan.
    pub carried: bool,
    /// This session's action number (1-based, the order agreed), for `review --action N`;
    /// empty for an earlier session's action.
    pub number: String,
    /// The observation or problem the action answers (empty when not recorded).
    pub observation: String,
    pub priority: String,
    /// The objective's number in the findings table (empty when none).
    pub objective: String,
    /// "IBD: CISO", or only the owner when no organisation was recorded.
    pub responsible: String,
    pub start: String,
    /// Progress notes with their dates, oldest first.
    pub progress: String,
}

/// One municipality's part of the improvement plan: the previous session's actions with what
/// became of them ("Laren: 2 van 3 gedaan"), then this session's.
#[derive(Debug, Clone)]
pub struct PlanGroup {
    pub name: String,
    /// "Laren: 2 van 3 gedaan", when the municipality had previous actions.
    pub completion: Option<String>,
    pub rows: Vec<ActionRow>,
}

/// One objective of the session, as the report's "findings per objective" shows it: the
/// facilitator's assessment, the cards that exercised it, and the findings linked to it.
#[derive(Debug, Clone)]
pub struct ObjectiveFindings {
    pub text: String,
    /// "deels behaald"; `None` when the facilitator did not assess it.
    pub rating: Option<String>,
    pub why: String,
    /// The played cards that exercised the objective.
    pub cards: Vec<String>,
    pub strengths: Vec<String>,
    pub improvements: Vec<String>,
}

/// One municipality's scores, each with the choices behind it: a profile, not a ranking.
#[derive(Debug, Clone)]
pub struct Profile {
    pub group: String,
    /// (dimension, score, the choices that moved it)
    pub rows: Vec<(String, i32, String)>,
}

#[derive(Debug, Clone)]
pub struct SessionSummary {
    /// The municipality a `--group` report is for.
    pub own: Option<String>,
    pub title: String,
    pub date: String,
    pub facilitator: String,
    pub groups: Vec<(String, String)>,
    pub agenda: String,
    pub planned_minutes: u32,
    /// How long the session took: "95 min", "minder dan 1 min".
    pub actual: String,
    pub ended: bool,
    /// (theme, cards played in it)
    pub themes: Vec<(String, usize)>,
    /// Whether any card was answered: without one there is no agreement or dissent to report.
    pub played: bool,
    /// Per card where the delegations chose differently: one sentence.
    pub differed: Vec<String>,
    /// Decisions taken split or against a dissent: one sentence each.
    pub contested: Vec<String>,
    pub action_count: usize,
    /// Of those, the earlier sessions' actions still open.
    pub carried_count: usize,
    pub cards: Vec<CardSummary>,
    pub skipped: Vec<String>,
    pub unplayed: Vec<String>,
    /// (label, what the dimension means)
    pub dimensions: Vec<(String, String)>,
    /// Per group: its name and its score on each dimension, in `dimensions` order.
    pub scores: Vec<(String, Vec<i32>)>,
    pub profiles: Vec<Profile>,
    /// The improvement plan: per municipality, the previous session's actions with what became
    /// of them, then this session's, by date.
    pub actions: Vec<PlanGroup>,
    pub room_notes: Vec<String>,
    pub group_notes: Vec<(String, String)>,
    pub objectives: Vec<(String, bool)>,
    /// Where the exercise took place (empty when not recorded).
    pub place: String,
    /// What the exercise covered: the facilitator's words, else a sentence from the setup.
    pub scope: String,
    /// The agenda and the cards played, one sentence.
    pub scenario: String,
    /// Per objective: its assessment and its findings.
    pub findings: Vec<ObjectiveFindings>,
    /// Findings not linked to an objective: (strengths, points for improvement).
    pub other_findings: (Vec<String>, Vec<String>),
    /// The findings a reader of the first page needs, labelled, points for improvement first.
    pub key_findings: Vec<String>,
    /// "2 behaald, 1 deels behaald, 3 niet beoordeeld"; `None` when the deck has no objectives.
    pub objectives_line: Option<String>,
    pub timeline: Vec<(String, String)>,
    /// Whether any action has more than what, who and by when: the plan then shows every
    /// column of an improvement plan (observation, priority, objective, start, progress).
    pub plan_detailed: bool,
    pub log: String,
    pub follow_up_from: Option<String>,
}

/// Whose report this is: everyone's, or one municipality's (its own profile and actions only).
#[derive(Debug, Clone, Copy, Default)]
pub struct Viewer {
    pub own: Option<GroupId>,
}

impl Viewer {
    fn sees(self, g: GroupId) -> bool {
        self.own.is_none_or(|o| o == g)
    }
}

pub fn session(log: &SessionLog, deck: &Deck, lang: Lang, viewer: Viewer) -> SessionSummary {
    let state = &log.state;
    let name = |g: GroupId| clean(state.group_name(g)).into_owned();
    let end = state.ended_at.unwrap_or(state.last_at);
    let dims: Vec<_> = deck.manifest.dimensions.iter().collect();
    let dim_label = |id: &crate::scenario::DimensionId| {
        deck.dimension(id).map_or(id.to_string(), |d| d.label.show(lang).into_owned())
    };
    // In the deck's order of dimensions on every card, as the score table has them; a dimension
    // the deck does not list (a damaged deck) after those.
    let effects_text = |o: &crate::scenario::CardOption| {
        let mut effects: Vec<(Option<usize>, &crate::scenario::DimensionId, i32)> = Vec::new();
        for (d, v) in &o.effects {
            match effects.iter_mut().find(|(_, id, _)| *id == d) {
                Some((_, _, sum)) => *sum += *v,
                None => effects.push((dims.iter().position(|x| &x.id == d), d, *v)),
            }
        }
        effects.sort_by_key(|(at, _, _)| at.unwrap_or(usize::MAX));
        effects
            .iter()
            .filter(|(_, _, v)| *v != 0)
            .map(|(_, d, v)| format!("{} {}", dim_label(d), signed(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut cards = Vec::new();
    let mut differed = Vec::new();
    let mut contested = Vec::new();
    for play in &state.plays {
        let Some(card) = deck.card(&play.card) else { continue };
        let title = card.title.show(lang).into_owned();
        let mut answers = Vec::new();
        // In one municipality's own report, a peer's answer that was never revealed in the room
        // stays the peer's: it is not shown, counted or compared.
        let choices: Vec<(&GroupId, &crate::session::Choice)> =
            play.choices.iter().filter(|(g, _)| play.is_revealed() || viewer.sees(**g)).collect();
        for &(g, choice) in &choices {
            let index = card.options.iter().position(|o| o.id == choice.option);
            let label = match (card.option(&choice.option), choice.outside()) {
                (Some(o), _) => o.label.show(lang).into_owned(),
                // "anders: combinatie van 1 en 3", "geen keuze": no option, and never scored.
                (None, Some(outside)) => outside.describe(&choice.other, lang),
                (None, None) => format!("{} ({})", clean(choice.option.as_str()), w::UNKNOWN_OPTION.get(lang)),
            };
            let dissent: Vec<&str> = choice.dissent.iter().map(|r| r.label(lang)).collect();
            // In one municipality's own report, how its peers decided is theirs to tell.
            let own = viewer.sees(*g);
            let answer = Answer {
                group: name(*g),
                option_index: index,
                option_label: label,
                decision: if own { choice.decision.label(lang).to_string() } else { String::new() },
                dissent: if own { dissent.join(", ") } else { String::new() },
                rationale: clean(&choice.rationale).into_owned(),
                looked_on: !play.expects(*g),
                device: choice.source == crate::session::Source::Device,
            };
            if own && (choice.decision == crate::session::Decision::Split || !choice.dissent.is_empty()) {
                let against = if choice.dissent.is_empty() {
                    String::new()
                } else {
                    format!(" ({} {})", w::AGAINST.get(lang), w::the_roles(&dissent, lang))
                };
                // "koos optie 2"; an answer outside the options is named as it is ("koos: geen keuze").
                let chose = match index {
                    Some(i) => format!("{} {}", w::CHOSE.get(lang), i + 1),
                    None => format!("{}: {}", w::CHOSE_OUTSIDE.get(lang), answer.option_label),
                };
                contested.push(format!("{title}: {} {chose}, {}{against}", answer.group, answer.decision));
            }
            answers.push(answer);
        }
        let mut chosen: Vec<&OptionId> = choices.iter().map(|(_, c)| &c.option).collect();
        // The card's options in its order, then the answers outside them.
        chosen.sort_by_key(|id| (card.options.iter().position(|o| &&o.id == id).unwrap_or(usize::MAX), id.as_str()));
        chosen.dedup();
        let differ = chosen.len() > 1;
        let unplayed = play.closed_unplayed();
        let agreement = if unplayed {
            w::CLOSED_UNPLAYED.get(lang).to_string()
        } else if answers.is_empty() {
            w::NO_ANSWERS.get(lang).to_string()
        } else if !differ && play.is_for_some() {
            // Not every group was asked: name who chose, never "all groups".
            let who: Vec<&str> = answers.iter().map(|a| a.group.as_str()).collect();
            format!("{} {}: {}", w::CHOSEN_BY.get(lang), who.join(", "), answers[0].option_label)
        } else if !differ && answers.len() < state.setup.groups.len() {
            format!("{} {}", w::SOME_CHOSE.get(lang), answers[0].option_label)
        } else if !differ {
            format!("{} {}", w::ALL_CHOSE.get(lang), answers[0].option_label)
        } else {
            let parts: Vec<String> = chosen
                .iter()
                .filter_map(|id| {
                    let groups: Vec<String> =
                        choices.iter().filter(|(_, c)| &&c.option == id).map(|(g, _)| name(**g)).collect();
                    if let Some(outside) = crate::session::Outside::of(id) {
                        return Some(format!("{}: {}", outside.label(lang), groups.join(", ")));
                    }
                    let number = card.options.iter().position(|o| &&o.id == id)? + 1;
                    let label = card.option(id).map(|o| o.label.show(lang).into_owned()).unwrap_or_default();
                    Some(format!("{} {number} ({}): {}", w::OPTION.get(lang), short(&label), groups.join(", ")))
                })
                .collect();
            let sentence = parts.join("; ");
            differed.push(format!("{title}: {sentence}"));
            format!("{} {sentence}.", w::GROUPS_DIFFERED.get(lang))
        };
        let consequences = chosen
            .iter()
            .filter_map(|id| card.option(id))
            .map(|o| Consequence {
                option: o.label.show(lang).into_owned(),
                text: o.consequence.show(lang).into_owned(),
                effects: effects_text(o),
            })
            .collect();
        let notes = state
            .notes
            .iter()
            .filter(|n| n.card.as_ref() == Some(&play.card))
            .map(|n| note_text(n, &name, lang))
            .collect();
        let mut spread: Vec<(String, usize)> = card
            .options
            .iter()
            .map(|o| (o.label.show(lang).into_owned(), choices.iter().filter(|(_, c)| c.option == o.id).count()))
            .collect();
        // Answers outside the options get their own bar, only where a group gave one.
        for outside in [crate::session::Outside::Other, crate::session::Outside::NoChoice] {
            let n = choices.iter().filter(|(_, c)| c.outside() == Some(outside)).count();
            if n > 0 {
                spread.push((outside.label(lang).to_string(), n));
            }
        }
        let developments = developments(log, deck, lang, &play.card, viewer);
        let number = |id: &OptionId| card.options.iter().position(|o| &o.id == id).map(|i| i + 1);
        let compared = choices
            .iter()
            .filter_map(|&(g, c)| {
                let before = number(state.previous_answer(*g, &play.card)?)?;
                Some(format!("{}: {}", name(*g), w::compared(before, number(&c.option)?, lang)))
            })
            .collect();
        let theme_index = crate::scenario::Theme::ALL.iter().position(|t| *t == card.theme).unwrap_or(0);
        cards.push(CardSummary {
            id: card.id.to_string(),
            title,
            theme: card.theme.label(lang).to_string(),
            theme_index,
            planned_minutes: state.card_minutes(card),
            actual: w::minutes(play.duration(state.elapsed(end)).num_seconds(), lang),
            situation: card.situation.show(lang).into_owned(),
            developments,
            answers,
            revealed: play.is_revealed(),
            unplayed,
            agreement,
            differ,
            consequences,
            notes,
            references: card.references.iter().map(|r| r.show(lang).into_owned()).collect(),
            practices: card
                .practices
                .iter()
                .map(|p| {
                    format!("{}: {} ({} {})", clean(&p.who), p.text.show(lang), w::SOURCE.get(lang), clean(&p.source))
                })
                .collect(),
            spread,
            compared,
            peers: play
                .is_revealed()
                .then(|| state.peers_of(&play.card))
                .flatten()
                .and_then(|peer| crate::peers::line(peer, card, lang))
                .map(|(head, rest)| format!("{head}{rest}")),
            for_whom: for_whom(state, play, lang),
        });
    }
    let mut themes: Vec<(String, usize)> = Vec::new();
    for c in cards.iter().filter(|c| !c.unplayed) {
        match themes.iter_mut().find(|(t, _)| t == &c.theme) {
            Some((_, n)) => *n += 1,
            None => themes.push((c.theme.clone(), 1)),
        }
    }
    let scores_by_group = state.scores(deck);
    let scores: Vec<(String, Vec<i32>)> = state
        .groups()
        .filter(|g| viewer.sees(*g))
        .map(|g| {
            let row = scores_by_group.get(g.index());
            (name(g), dims.iter().map(|d| row.and_then(|r| r.get(&d.id)).copied().unwrap_or(0)).collect())
        })
        .collect();
    let profiles = state
        .groups()
        .filter(|g| viewer.sees(*g))
        .map(|g| {
            let rows = dims
                .iter()
                .map(|d| {
                    let score = scores_by_group.get(g.index()).and_then(|r| r.get(&d.id)).copied().unwrap_or(0);
                    let because: Vec<String> = state
                        .plays
                        .iter()
                        .filter(|p| p.is_revealed())
                        .filter_map(|p| {
                            let card = deck.card(&p.card)?;
                            let option = card.option(&p.choices.get(&g)?.option)?;
                            let v = option.effects.iter().filter(|(id, _)| id == &d.id).map(|(_, v)| *v).sum::<i32>();
                            (v != 0).then(|| format!("{} {}", card.title.show(lang), signed(v)))
                        })
                        .collect();
                    (d.label.show(lang).into_owned(), score, because.join("; "))
                })
                .collect();
            Profile { group: name(g), rows }
        })
        .collect();
    let card_title = |c: &Option<CardId>| {
        c.as_ref().and_then(|c| deck.card(c)).map_or(String::new(), |card| card.title.show(lang).into_owned())
    };
    let session_date = state.setup.date;
    // An action is over time when its date has passed by the last entry in the log (a plan
    // brought up to date afterwards is judged on the day of its last update).
    let last_day = chrono::FixedOffset::east_opt(state.local_offset)
        .map_or(state.last_at.date_naive(), |o| state.last_at.with_timezone(&o).date_naive());
    let as_of = session_date.max(last_day);
    let session_objectives_ids: Vec<crate::scenario::ObjectiveId> =
        state.objectives(deck).iter().map(|o| o.id.clone()).collect();
    let previous_row = |(a, status): &(crate::session::PreviousAction, Option<crate::session::Progress>)| {
        let done = *status == Some(crate::session::Progress::Done);
        // Agreed again in this session: the owner and date agreed now, where it came from kept.
        let again = (!done)
            .then(|| {
                state.actions.iter().rev().find(|b| {
                    super::same_name(state.group_name(b.group), &a.group) && super::same_name(&b.what, &a.what)
                })
            })
            .flatten();
        let (date, due, owner) = match again {
            Some(b) => (
                b.due_date.or_else(|| crate::session::parse_due(&b.due).ok().flatten()),
                b.due.clone(),
                b.owner.label(lang).to_string(),
            ),
            None => (crate::session::parse_due(&a.due).ok().flatten(), a.due.clone(), a.owner.label(lang).to_string()),
        };
        let mut status = status.map_or(w::NO_STATUS.get(lang).to_string(), |p| p.label(lang).to_string());
        if !done && date.is_some_and(|d| d < session_date) {
            status = format!("{status}, {}", w::OVERDUE.get(lang));
        }
        // Not done: carried into this session's plan (and on into the next follow-up), with the
        // date the action was first agreed.
        // The card it came from when the log recorded it, then where it was agreed.
        let origin = if done {
            w::PREVIOUS_SESSION.get(lang).to_string()
        } else {
            match a.since.or(state.follow_up_date) {
                Some(d) => format!("{} {}", w::CARRIED_FROM.get(lang), crate::session::show_date(d, lang)),
                None => w::CARRIED.get(lang).to_string(),
            }
        };
        let card = match card_title(&a.card) {
            title if title.is_empty() => origin,
            title => format!("{title} ({origin})"),
        };
        ActionRow {
            what: clean(&a.what).into_owned(),
            owner: clean(&owner).into_owned(),
            due: due_text(date, &due, lang),
            due_date: date,
            card,
            status,
            carried: !done,
            number: String::new(),
            observation: String::new(),
            priority: String::new(),
            objective: String::new(),
            responsible: clean(a.owner.label(lang)).into_owned(),
            start: String::new(),
            progress: String::new(),
        }
    };
    let follow_groups = state.follow_up_groups();
    let previous_of = |name: &str| follow_groups.iter().find(|(n, _)| super::same_name(n, name)).map(|(_, i)| i);
    let completion =
        |shown: &str, items: &[usize]| w::completion(shown, state.follow_up_done(items), items.len(), lang);
    let mut actions: Vec<PlanGroup> = state
        .groups()
        .filter(|g| viewer.sees(*g))
        .map(|g| {
            let items = previous_of(state.group_name(g)).cloned().unwrap_or_default();
            let mut rows: Vec<ActionRow> =
                items.iter().filter_map(|i| state.follow_up.get(*i)).map(previous_row).collect();
            // An open previous action agreed again is on the plan once, as carried over.
            let again = |what: &str| {
                items.iter().filter_map(|i| state.follow_up.get(*i)).any(|(p, status)| {
                    *status != Some(crate::session::Progress::Done) && super::same_name(&p.what, what)
                })
            };
            let mut new: Vec<ActionRow> = state
                .actions
                .iter()
                .enumerate()
                .filter(|(_, a)| a.group == g && !again(&a.what))
                .map(|(i, a)| {
                    let due_date = a.due_date.or_else(|| crate::session::parse_due(&a.due).ok().flatten());
                    let d = &a.detail;
                    let done = d.status == Some(crate::session::Progress::Done);
                    let mut status = d.status.map_or(w::NEW.get(lang).to_string(), |p| p.label(lang).to_string());
                    if !done && due_date.is_some_and(|due| due < as_of) {
                        status = format!("{status}, {}", w::OVERDUE.get(lang));
                    }
                    let owner = clean(a.owner.label(lang)).into_owned();
                    ActionRow {
                        what: clean(&a.what).into_owned(),
                        responsible: if d.organisation.trim().is_empty() {
                            owner.clone()
                        } else {
                            format!("{}: {owner}", clean(&d.organisation))
                        },
                        owner,
                        due: due_text(a.due_date, &a.due, lang),
                        due_date,
                        card: card_title(&a.card),
                        status,
                        carried: false,
                        number: (i + 1).to_string(),
                        observation: clean(&d.observation).into_owned(),
                        priority: d.priority.map(|p| p.label(lang).to_string()).unwrap_or_default(),
                        objective: d
                            .objective
                            .as_ref()
                            .and_then(|o| session_objectives_ids.iter().position(|x| x == o))
                            .map(|n| (n + 1).to_string())
                            .unwrap_or_default(),
                        start: d.start.map(|s| crate::session::show_date(s, lang)).unwrap_or_default(),
                        progress: a
                            .progress
                            .iter()
                            .map(|(day, note)| format!("{}: {}", crate::session::show_date(*day, lang), clean(note)))
                            .collect::<Vec<_>>()
                            .join("; "),
                    }
                })
                .collect();
            // By date; undated last, in the order they were agreed.
            new.sort_by_key(|a| (a.due_date.is_none(), a.due_date));
            rows.extend(new);
            let completion = (!items.is_empty()).then(|| completion(&name(g), &items));
            PlanGroup { name: name(g), completion, rows }
        })
        .collect();
    // Municipalities of the previous session that are not at this table: their actions stay on
    // the plan (in the report for everyone; a municipality's own report has only its own).
    if viewer.own.is_none() {
        for (group, items) in
            follow_groups.iter().filter(|(n, _)| !state.setup.groups.iter().any(|g| super::same_name(&g.name, n)))
        {
            let shown = clean(group).into_owned();
            let rows = items.iter().filter_map(|i| state.follow_up.get(*i)).map(previous_row).collect();
            actions.push(PlanGroup { completion: Some(completion(&shown, items)), name: shown, rows });
        }
    }
    // The plan holds this session's new actions and the earlier ones still open.
    let count = |f: &dyn Fn(&ActionRow) -> bool| actions.iter().map(|p| p.rows.iter().filter(|r| f(r)).count()).sum();
    let carried_count: usize = count(&|r| r.carried);
    let action_count: usize = count(&|r| r.carried || !r.number.is_empty());
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
    let finding_text = |f: &crate::session::Finding| {
        let mut about: Vec<String> = Vec::new();
        if let Some(card) = f.card.as_ref().and_then(|c| deck.card(c)) {
            about.push(format!("{} {}", w::ABOUT_CARD.get(lang), card.title.show(lang)));
        }
        if let Some(g) = f.group {
            about.push(name(g));
        }
        let text = clean(&f.text).into_owned();
        if about.is_empty() { text } else { format!("{text} ({})", about.join("; ")) }
    };
    let split = |found: Vec<&crate::session::Finding>| {
        let of = |kind| found.iter().filter(|f| f.kind == kind).map(|f| finding_text(f)).collect::<Vec<_>>();
        (of(crate::session::FindingKind::Strength), of(crate::session::FindingKind::Improvement))
    };
    let session_objectives = state.objectives(deck);
    let findings: Vec<ObjectiveFindings> = session_objectives
        .iter()
        .map(|o| {
            let assessed = state.assessment(&o.id);
            let (strengths, improvements) =
                split(state.findings.iter().filter(|f| f.objective.as_ref() == Some(&o.id)).collect());
            ObjectiveFindings {
                text: o.text.show(lang).into_owned(),
                rating: assessed.map(|a| a.rating.label(lang).to_string()),
                why: assessed.map(|a| clean(&a.why).into_owned()).unwrap_or_default(),
                cards: played
                    .iter()
                    .filter_map(|c| deck.card(c))
                    .filter(|c| c.objectives.contains(&o.id))
                    .map(|c| c.title.show(lang).into_owned())
                    .collect(),
                strengths,
                improvements,
            }
        })
        .collect();
    let known = |f: &&crate::session::Finding| {
        f.objective.as_ref().is_some_and(|o| session_objectives.iter().any(|x| &x.id == o))
    };
    let other_findings = split(state.findings.iter().filter(|f| !known(f)).collect());
    let key_findings: Vec<String> = {
        let label = |k: crate::session::FindingKind| {
            let l = k.label(lang);
            let mut c = l.chars();
            c.next().map_or_else(String::new, |f| f.to_uppercase().collect::<String>() + c.as_str())
        };
        let of = |kind| {
            state
                .findings
                .iter()
                .filter(move |f| f.kind == kind)
                .map(move |f| format!("{}: {}", label(kind), finding_text(f)))
        };
        of(crate::session::FindingKind::Improvement).chain(of(crate::session::FindingKind::Strength)).collect()
    };
    let objectives_line = (!session_objectives.is_empty()).then(|| {
        let mut parts: Vec<String> = crate::session::Rating::ALL
            .iter()
            .filter_map(|r| {
                let n = findings.iter().filter(|f| f.rating.as_deref() == Some(r.label(lang))).count();
                (n > 0).then(|| format!("{n} {}", r.label(lang)))
            })
            .collect();
        let open = findings.iter().filter(|f| f.rating.is_none()).count();
        if open > 0 {
            parts.push(format!("{open} {}", w::NOT_ASSESSED.get(lang)));
        }
        parts.join(", ")
    });
    let played_cards: Vec<String> = state
        .played()
        .filter_map(|p| deck.card(&p.card))
        .map(|c| format!("{} ({})", c.title.show(lang), c.theme.label(lang)))
        .collect();
    let agenda_title =
        deck.agenda(&state.setup.agenda).map_or(state.setup.agenda.to_string(), |a| a.title.show(lang).into_owned());
    let scenario = if played_cards.is_empty() {
        format!("{agenda_title}.")
    } else {
        format!("{agenda_title} — {}.", played_cards.join("; "))
    };
    let groups_n = state.setup.groups.len();
    let scope = if state.scope.trim().is_empty() {
        let word = if groups_n == 1 { w::MUNICIPALITY_WORD } else { w::MUNICIPALITIES_WORD };
        let theme_names: Vec<&str> = {
            let mut seen: Vec<&str> = Vec::new();
            for c in state.played().filter_map(|p| deck.card(&p.card)) {
                let t = c.theme.label(lang);
                if !seen.contains(&t) {
                    seen.push(t);
                }
            }
            seen
        };
        let about = if theme_names.is_empty() {
            String::new()
        } else {
            format!(" {} {}", w::ON.get(lang), w::listing(&theme_names, lang).to_lowercase())
        };
        format!("{} {} {groups_n} {}{about}.", w::TABLETOP.get(lang), w::WITH.get(lang), word.get(lang))
    } else {
        clean(&state.scope).into_owned()
    };
    let plan_detailed =
        state.actions.iter().any(|a| a.detail != crate::session::ActionDetail::default() || !a.progress.is_empty());
    SessionSummary {
        plan_detailed,
        place: clean(&state.place).into_owned(),
        scope,
        scenario,
        findings,
        other_findings,
        key_findings,
        objectives_line,
        own: viewer.own.map(name),
        title: clean(&state.setup.title).into_owned(),
        date: show_long_date(state.setup.date, lang),
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
        actual: w::minutes(state.elapsed(end).num_seconds(), lang),
        ended: state.is_ended(),
        themes,
        played: cards.iter().any(|c| !c.unplayed && !c.answers.is_empty()),
        differed,
        contested,
        action_count,
        carried_count,
        unplayed: cards.iter().filter(|c| c.unplayed).map(|c| c.title.clone()).collect(),
        cards,
        skipped: state.skipped.iter().filter_map(|c| deck.card(c)).map(|c| c.title.show(lang).into_owned()).collect(),
        dimensions: dims
            .iter()
            .map(|d| (d.label.show(lang).into_owned(), w::dimension_meaning(d.id.as_str(), lang).to_string()))
            .collect(),
        scores,
        profiles,
        actions,
        room_notes: state
            .notes
            .iter()
            .filter(|n| n.about.is_none() && n.card.is_none())
            .map(|n| note_text(n, &name, lang))
            .collect(),
        group_notes: state
            .notes
            .iter()
            .filter(|n| n.about.is_some() && n.card.is_none())
            .filter_map(|n| n.about.map(|g| (name(g), note_text(n, &|_| String::new(), lang))))
            .collect(),
        objectives,
        timeline: timeline(log, deck, lang, viewer),
        log: clean(&log.path.display().to_string()).into_owned(),
        follow_up_from: super::follow_up_source(state, lang),
    }
}

pub use crate::report::signed;

/// A number with `places` decimals and its sign as people write it: `+1,5`, `−0,83`, `±0,0` in
/// Dutch (decimal comma, a real minus sign), `+1.5`, `−0.83` in English.
pub fn signed_decimal(x: f64, places: usize, lang: Lang) -> String {
    let body = format!("{:.places$}", x.abs());
    let zero = body.chars().all(|c| c == '0' || c == '.');
    let sign = if zero {
        "±"
    } else if x < 0.0 {
        "\u{2212}"
    } else {
        "+"
    };
    let body = if lang == Lang::Nl { body.replace('.', ",") } else { body };
    format!("{sign}{body}")
}

pub use crate::report::show_long_date;

/// A note as a report shows it: who it is about, and, for a note that is not for the whole room,
/// for whom it was meant (only the gespreksleider's own copy has private notes).
fn note_text(n: &crate::session::Note, name: &dyn Fn(GroupId) -> String, lang: Lang) -> String {
    use crate::session::Visibility;
    let tag = match n.visibility {
        Visibility::Room => String::new(),
        v => format!("[{}] ", v.label(lang)),
    };
    let who = n.about.map(name).filter(|w| !w.is_empty());
    match who {
        Some(who) => format!("{tag}{who}: {}", clean(&n.text)),
        None => format!("{tag}{}", clean(&n.text)),
    }
}

/// "By when" for a reader: the date in the report's language when there is one (or the text
/// reads as one), else the text as typed in an old log.
pub fn due_text(date: Option<NaiveDate>, text: &str, lang: Lang) -> String {
    match date.or_else(|| crate::session::parse_due(text).ok().flatten()) {
        Some(d) => crate::session::show_date(d, lang),
        None => clean(text).into_owned(),
    }
}

/// The developments of one card as released, with their local times and who saw them. One taken
/// back (undo) is left out: the room saw it withdrawn, and the timeline says so.
fn developments(log: &SessionLog, deck: &Deck, lang: Lang, card: &CardId, viewer: Viewer) -> Vec<Development> {
    let state = &log.state;
    let mut out: Vec<(&crate::scenario::InjectId, Option<Development>)> = Vec::new();
    for r in &log.records {
        match &r.event {
            Event::InjectReleased { card: c, inject } | Event::InjectWritten { card: c, inject, .. } if c == card => {
                out.push((inject, development(state, deck, lang, card, inject, viewer, r)));
            }
            Event::InjectWithdrawn { card: c, inject } if c == card => {
                if let Some(at) = out.iter().rposition(|(i, _)| *i == inject) {
                    out.remove(at);
                }
            }
            _ => {}
        }
    }
    out.into_iter().filter_map(|(_, d)| d).collect()
}

fn development(
    state: &crate::session::State,
    deck: &Deck,
    lang: Lang,
    card: &CardId,
    inject: &crate::scenario::InjectId,
    viewer: Viewer,
    r: &crate::session::Record,
) -> Option<Development> {
    let i = state.inject(deck, card, inject)?;
    let audience = state.inject_audience(deck, card, inject);
    let everyone = audience.len() == state.setup.groups.len();
    if !everyone && viewer.own.is_some_and(|o| !audience.contains(&o)) {
        return None;
    }
    let audience = if everyone {
        String::new()
    } else {
        let names: Vec<String> = audience.iter().map(|g| clean(state.group_name(*g)).into_owned()).collect();
        format!("{} {}", w::ONLY_FOR.get(lang), names.join(", "))
    };
    Some(Development {
        time: r.local_time().format("%H:%M").to_string(),
        text: i.text.show(lang).into_owned(),
        audience,
    })
}

/// What mattered, in local time: the cards, the developments, the reveals, the actions agreed
/// (with their content). Pauses and screen changes are left out.
fn timeline(log: &SessionLog, deck: &Deck, lang: Lang, viewer: Viewer) -> Vec<(String, String)> {
    let state = &log.state;
    let card_title = |c: &CardId| deck.card(c).map_or(c.to_string(), |card| card.title.show(lang).into_owned());
    let unplayed: Vec<&CardId> = state.closed_unplayed().collect();
    let mut discussed = false;
    log.records
        .iter()
        .filter_map(|r| {
            let text = match &r.event {
                Event::SessionStarted { .. } => w::T_STARTED.get(lang).to_string(),
                Event::CardOpened { card, for_groups } => {
                    let whom = state
                        .plays
                        .iter()
                        .find(|p| &p.card == card && &p.for_groups == for_groups)
                        .map(|p| for_whom(state, p, lang))
                        .filter(|w| !w.is_empty())
                        .map_or(String::new(), |w| format!(" ({w})"));
                    format!("{}: {}{whom}", w::T_OPENED.get(lang), card_title(card))
                }
                Event::InjectReleased { card, inject } | Event::InjectWritten { card, inject, .. } => {
                    let audience = state.inject_audience(deck, card, inject);
                    if viewer.own.is_some_and(|o| !audience.contains(&o)) {
                        return None;
                    }
                    let text =
                        state.inject(deck, card, inject).map_or(inject.to_string(), |i| i.text.show(lang).into_owned());
                    format!("{}: {}", w::T_INJECT.get(lang), text)
                }
                Event::ChoicesRevealed { card, .. } => format!("{}: {}", w::T_REVEALED.get(lang), card_title(card)),
                Event::CardClosed { card } if unplayed.contains(&card) => {
                    format!("{}: {}", w::CLOSED_UNPLAYED.get(lang), card_title(card))
                }
                Event::CardSkipped { card } => format!("{}: {}", w::T_SKIPPED.get(lang), card_title(card)),
                Event::CardReturned { card } => format!("{}: {}", w::T_RETURNED.get(lang), card_title(card)),
                Event::InjectWithdrawn { card, inject } => {
                    if viewer.own.is_some_and(|o| !state.inject_audience(deck, card, inject).contains(&o)) {
                        return None;
                    }
                    let text =
                        state.inject(deck, card, inject).map_or(inject.to_string(), |i| i.text.show(lang).into_owned());
                    format!("{}: {}", w::T_WITHDRAWN.get(lang), text)
                }
                Event::SessionEnded => w::T_ENDED.get(lang).to_string(),
                Event::ActionAdded { group, .. } => {
                    // The action as the report holds it (anonymised, or left out of another
                    // municipality's report).
                    let action = state.actions.iter().find(|a| a.at == r.at && a.group == *group)?;
                    format!("{} {}: {}", w::T_ACTION.get(lang), clean(state.group_name(*group)), clean(&action.what))
                }
                // Brought up is not discussed: that begins with the first status set.
                Event::FollowUpOpened { .. } => w::T_FOLLOW_UP_OPENED.get(lang).to_string(),
                Event::ActionProgress { .. } if !std::mem::replace(&mut discussed, true) => {
                    w::T_FOLLOW_UP.get(lang).to_string()
                }
                _ => return None,
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

/// "Vervolg voor Laren" for a follow-up played for some groups; empty for every group.
fn for_whom(state: &State, play: &crate::session::Play, lang: Lang) -> String {
    if play.is_for_some() { format!("{} {}", w::FOLLOW_UP_FOR.get(lang), state.for_names(play)) } else { String::new() }
}

/// An option's text, cut at a word to fit a summary line ("Betalen om de dienstverlening …").
fn short(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        return text.to_string();
    }
    let mut out = String::new();
    for word in text.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > MAX {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.push_str(" …");
    out
}
