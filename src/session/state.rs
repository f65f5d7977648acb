//! The session state: a fold of the events. [`State::apply`] is the only way it changes, so the
//! live console, a resumed session, the review mode and the reports all see the same thing.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::Serialize;

use super::action::Owner;
use super::event::{
    Decision, Event, FindingKind, GroupId, MAX_GROUPS, Paged, PeerCard, PreviousAction, PreviousAnswer, Progress,
    Rating, Record, Setup, Source, Visibility,
};
use crate::scenario::{CardId, Deck, DimensionId, InjectId, ObjectiveId, OptionId, Release, Role};

/// One group's answer to one card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Choice {
    pub option: OptionId,
    pub rationale: String,
    pub decision: Decision,
    pub dissent: Vec<Role>,
    /// When the answer as it stands was recorded (its last change).
    pub at: DateTime<Utc>,
    /// Session seconds (pauses excluded) from the card's opening to the answer as it stands.
    pub seconds_to_answer: i64,
    /// When the group first answered: "time to answer" means this, not the last correction.
    pub first_at: DateTime<Utc>,
    /// Session seconds (pauses excluded) from the card's opening to the group's first answer.
    pub seconds_to_first_answer: i64,
    /// How many times the group changed its answer before the reveal.
    pub changes: u32,
    /// Where the answer as it stands was entered: at the console or on the group's own device.
    pub source: Source,
    /// The group's own words for an answer outside the options ("anders / combinatie").
    #[serde(skip_serializing_if = "String::is_empty")]
    pub other: String,
}

impl Choice {
    /// Whether the answer is outside the card's options, and which.
    pub fn outside(&self) -> Option<super::event::Outside> {
        super::event::Outside::of(&self.option)
    }
}

/// A card as it was played.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Play {
    pub card: CardId,
    pub opened_at: DateTime<Utc>,
    /// Session time (pauses excluded) when the card was opened.
    pub opened_elapsed: TimeDelta,
    pub released: Vec<InjectId>,
    pub choices: BTreeMap<GroupId, Choice>,
    pub revealed: Option<Vec<GroupId>>,
    pub closed_elapsed: Option<TimeDelta>,
    /// Rationales recorded before the group chose an option; they join the answer once it is
    /// recorded.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub drafts: BTreeMap<GroupId, String>,
    /// A suggested follow-up played for the groups whose choice led there (the others watch);
    /// empty for every group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub for_groups: Vec<GroupId>,
    /// Developments released and then taken back (undo): not on any screen, and a timed one
    /// does not fire again.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub withdrawn: Vec<InjectId>,
    /// Developments the gespreksleider wrote during this play ([`Event::InjectWritten`]), as
    /// the deck's developments are written: for everyone, released by hand.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub written: Vec<crate::scenario::Inject>,
}

impl Play {
    pub fn is_revealed(&self) -> bool {
        self.revealed.is_some()
    }

    /// Whether the card was played for some groups only (a suggested follow-up).
    pub fn is_for_some(&self) -> bool {
        !self.for_groups.is_empty()
    }

    /// Whether `group` is asked to answer: every group, or for a follow-up the groups it is for.
    pub fn expects(&self, group: GroupId) -> bool {
        self.for_groups.is_empty() || self.for_groups.contains(&group)
    }

    /// Whether `group` takes part: asked to answer, or answered anyway (a group a follow-up was
    /// not for may still answer when the gespreksleider selects it).
    pub fn takes_part(&self, group: GroupId) -> bool {
        self.expects(group) || self.choices.contains_key(&group)
    }

    /// Closed without a single answer: shown to the room but not played. It counts for nothing
    /// (objectives, themes, pacing, scores); reports and screens say "closed, not played".
    pub fn closed_unplayed(&self) -> bool {
        self.closed_elapsed.is_some() && self.choices.is_empty()
    }

    /// Session time spent on the card; for an open card, up to `now_elapsed`.
    pub fn duration(&self, now_elapsed: TimeDelta) -> TimeDelta {
        self.closed_elapsed.unwrap_or(now_elapsed) - self.opened_elapsed
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub about: Option<GroupId>,
    pub card: Option<CardId>,
    pub text: String,
    pub at: DateTime<Utc>,
    pub visibility: Visibility,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Action {
    pub group: GroupId,
    pub what: String,
    pub owner: Owner,
    /// "By when" as typed (the only form in old logs).
    pub due: String,
    /// "By when" as a date, when it was one.
    pub due_date: Option<NaiveDate>,
    /// The card on screen when the action was added.
    pub card: Option<CardId>,
    pub at: DateTime<Utc>,
    /// Observation, priority, objective, organisation, start and status, as last detailed.
    pub detail: super::event::ActionDetail,
    /// Progress notes, each with the date it was written, oldest first.
    pub progress: Vec<(NaiveDate, String)>,
}

/// A finding of the facilitator (see [`Event::FindingRecorded`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub text: String,
    pub objective: Option<ObjectiveId>,
    pub card: Option<CardId>,
    pub group: Option<GroupId>,
    pub at: DateTime<Utc>,
}

/// The facilitator's assessment of one objective, as last recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub objective: ObjectiveId,
    pub rating: Rating,
    pub why: String,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct State {
    pub setup: Setup,
    pub deck_id: String,
    pub deck_digest: String,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    /// The cards still planned, in order (the agenda as changed by the facilitator).
    pub plan: Vec<CardId>,
    pub plays: Vec<Play>,
    /// Index into `plays` of the open card.
    pub current: Option<usize>,
    pub skipped: Vec<CardId>,
    pub paused_since: Option<DateTime<Utc>>,
    pub paused_total: TimeDelta,
    pub notes: Vec<Note>,
    pub actions: Vec<Action>,
    pub last_seq: u64,
    pub last_at: DateTime<Utc>,
    /// The log the previous actions came from, when this session follows up on another.
    pub follow_up_from: Option<String>,
    pub follow_up: Vec<(PreviousAction, Option<Progress>)>,
    /// The screens are blanked (console card view and every audience screen).
    pub blackout: bool,
    /// The room's screens show the closing round (the gespreksleider has it open). A view
    /// setting, like the blackout: not in the JSON report.
    #[serde(skip)]
    pub closing_round: bool,
    /// The section of the closing round the room's screens bring into view (see
    /// [`Paged::Closing`]); the first when the closing round opens.
    #[serde(skip)]
    pub closing_page: u32,
    /// The page the gespreksleider turned to last, and on which screen (`None` until then, and
    /// again once another card opens).
    /// A view setting, like the blackout, that no report needs: not in the JSON report.
    #[serde(skip)]
    pub page: Option<(Paged, u32)>,
    /// The facilitator's local UTC offset in seconds, as of the latest event (for times of day).
    pub local_offset: i32,
    /// The date of the session followed up on (absent for older logs).
    pub follow_up_date: Option<NaiveDate>,
    /// The title of the session followed up on (absent for older logs; never published).
    pub follow_up_title: Option<String>,
    /// The revealed answers of the session followed up on.
    pub previous_answers: Vec<PreviousAnswer>,
    /// The cards the session followed up on played.
    pub previous_played: Vec<CardId>,
    /// How earlier sessions answered the cards (`play --peers`), as last recorded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub peers: Vec<PeerCard>,
    /// The facilitator's findings, in the order recorded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub findings: Vec<Finding>,
    /// The objectives assessed, each once (the latest assessment), in the order first assessed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub assessments: Vec<Assessment>,
    /// Where the exercise took place (empty when not recorded).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub place: String,
    /// What the exercise covered, in the facilitator's words (empty when not recorded).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub scope: String,
}

/// Why an event from a log could not be applied (it contradicts the events before it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    #[error("the log does not start with a session_started event")]
    NotStarted,
    #[error("a second session_started event")]
    StartedTwice,
    #[error("event for card `{0}`, which is not the open card")]
    NotOpen(CardId),
    #[error("the session had already ended")]
    Ended,
    #[error("unknown group {0}")]
    UnknownGroup(GroupId),
    #[error("the event does not fit the state: {0}")]
    Inconsistent(&'static str),
    #[error("the session claims {0} groups; Weerbaar supports at most {MAX_GROUPS}")]
    TooManyGroups(usize),
}

impl State {
    /// The state right after `session_started`.
    pub fn start(record: &Record) -> Result<State, ApplyError> {
        let Event::SessionStarted { setup, deck_id, deck_digest } = &record.event else {
            return Err(ApplyError::NotStarted);
        };
        // Everything downstream (screens, reports) is sized for at most MAX_GROUPS groups.
        if setup.groups.len() > MAX_GROUPS {
            return Err(ApplyError::TooManyGroups(setup.groups.len()));
        }
        Ok(State {
            plan: Vec::new(),
            setup: setup.clone(),
            deck_id: deck_id.clone(),
            deck_digest: deck_digest.clone(),
            started_at: record.at,
            ended_at: None,
            plays: Vec::new(),
            current: None,
            skipped: Vec::new(),
            paused_since: None,
            paused_total: TimeDelta::zero(),
            notes: Vec::new(),
            actions: Vec::new(),
            last_seq: record.seq,
            last_at: record.at,
            follow_up_from: None,
            follow_up: Vec::new(),
            blackout: false,
            closing_round: false,
            closing_page: 0,
            page: None,
            local_offset: record.offset,
            follow_up_date: None,
            follow_up_title: None,
            previous_answers: Vec::new(),
            previous_played: Vec::new(),
            peers: Vec::new(),
            findings: Vec::new(),
            assessments: Vec::new(),
            place: String::new(),
            scope: String::new(),
        })
    }

    /// Folds a whole log. Events that contradict the ones before them are skipped and returned
    /// with their sequence numbers, so a damaged log still yields everything that fits.
    pub fn fold(records: &[Record]) -> Result<(State, Vec<(u64, ApplyError)>), ApplyError> {
        let (first, rest) = records.split_first().ok_or(ApplyError::NotStarted)?;
        let mut state = State::start(first)?;
        let mut rejected = Vec::new();
        for record in rest {
            if let Err(e) = state.apply(record) {
                rejected.push((record.seq, e));
            }
        }
        Ok((state, rejected))
    }

    /// Applies one event. On error nothing has changed.
    pub fn apply(&mut self, record: &Record) -> Result<(), ApplyError> {
        if self.ended_at.is_some() && !record.event.after_end() {
            return Err(ApplyError::Ended);
        }
        let at = record.at;
        match &record.event {
            Event::SessionStarted { .. } => return Err(ApplyError::StartedTwice),
            Event::AgendaChanged { cards } => self.plan = cards.clone(),
            Event::CardOpened { card, for_groups } => {
                if self.current.is_some() {
                    return Err(ApplyError::Inconsistent("a card was opened while another was open"));
                }
                for g in for_groups {
                    self.check_group(*g)?;
                }
                // A new card starts at its first page, also when it takes the place of a returned one.
                self.page = None;
                // The room follows the card, not a closing round left open.
                self.closing_round = false;
                let opened_elapsed = self.elapsed(at);
                self.plays.push(Play {
                    card: card.clone(),
                    opened_at: at,
                    opened_elapsed,
                    released: Vec::new(),
                    choices: BTreeMap::new(),
                    revealed: None,
                    closed_elapsed: None,
                    drafts: BTreeMap::new(),
                    // A hand-edited log may name a group twice: once is enough.
                    for_groups: for_groups
                        .iter()
                        .enumerate()
                        .filter(|(i, g)| !for_groups[..*i].contains(g))
                        .map(|(_, g)| *g)
                        .collect(),
                    withdrawn: Vec::new(),
                    written: Vec::new(),
                });
                self.current = Some(self.plays.len() - 1);
            }
            Event::InjectReleased { card, inject } => {
                let play = self.open_play_mut(card)?;
                if !play.released.contains(inject) {
                    play.released.push(inject.clone());
                }
                play.withdrawn.retain(|i| i != inject);
            }
            Event::InjectWritten { card, inject, text } => {
                let play = self.open_play_mut(card)?;
                if play.released.contains(inject) || play.written.iter().any(|i| &i.id == inject) {
                    return Err(ApplyError::Inconsistent("a development written twice"));
                }
                play.written.push(crate::scenario::Inject {
                    id: inject.clone(),
                    at: crate::scenario::Release::Facilitator,
                    text: crate::scenario::Text::nl(text.clone()),
                    only_if: None,
                });
                play.released.push(inject.clone());
            }
            Event::InjectWithdrawn { card, inject } => {
                let play = self.open_play_mut(card)?;
                if !play.released.contains(inject) {
                    return Err(ApplyError::Inconsistent("a development withdrawn that was not released"));
                }
                play.released.retain(|i| i != inject);
                play.withdrawn.push(inject.clone());
            }
            Event::ChoiceWithdrawn { card, group } => {
                self.check_group(*group)?;
                let play = self.open_play_mut(card)?;
                if play.is_revealed() {
                    return Err(ApplyError::Inconsistent("an answer withdrawn after the reveal"));
                }
                play.choices.remove(group).ok_or(ApplyError::Inconsistent("an answer withdrawn that was not given"))?;
            }
            Event::CardReturned { card } => {
                let index = self
                    .plays
                    .iter()
                    .rposition(|p| &p.card == card)
                    .ok_or(ApplyError::Inconsistent("a card returned that was never opened"))?;
                let open = self.current == Some(index);
                if self.current.is_some() && !open {
                    return Err(ApplyError::Inconsistent("a card returned while another is open"));
                }
                if self.plays[index].is_revealed() {
                    return Err(ApplyError::Inconsistent("a card returned after its reveal"));
                }
                self.plays.remove(index);
                self.current = None;
                // An open card is still on the plan where it was; a closed one comes next.
                if !self.plan.contains(card) {
                    let at = self.plan.iter().position(|c| !self.is_played(c)).unwrap_or(self.plan.len());
                    self.plan.insert(at, card.clone());
                }
                self.skipped.retain(|c| c != card);
            }
            Event::ClockPaused => {
                if self.paused_since.is_some() {
                    return Err(ApplyError::Inconsistent("paused twice"));
                }
                self.paused_since = Some(at);
            }
            Event::ClockResumed => {
                let since = self.paused_since.take().ok_or(ApplyError::Inconsistent("resumed while running"))?;
                self.paused_total = saturating_add(self.paused_total, (at - since).max(TimeDelta::zero()));
            }
            Event::ChoiceRecorded { card, group, option, rationale, decision, dissent, source, other } => {
                self.check_group(*group)?;
                let elapsed = self.elapsed(at);
                let play = self.open_play_mut(card)?;
                if play.is_revealed() {
                    return Err(ApplyError::Inconsistent("a choice after the reveal"));
                }
                let earlier = play.choices.get(group);
                let changes = earlier.map_or(0, |c| c.changes + 1);
                play.drafts.remove(group);
                let seconds_to_answer = (elapsed - play.opened_elapsed).num_seconds();
                let (first_at, seconds_to_first_answer) =
                    earlier.map_or((at, seconds_to_answer), |c| (c.first_at, c.seconds_to_first_answer));
                play.choices.insert(
                    *group,
                    Choice {
                        option: option.clone(),
                        rationale: rationale.clone(),
                        decision: *decision,
                        dissent: dissent.clone(),
                        at,
                        seconds_to_answer,
                        first_at,
                        seconds_to_first_answer,
                        changes,
                        source: *source,
                        other: other.clone(),
                    },
                );
            }
            Event::ChoicesRevealed { card, speaking_order } => {
                let play = self.open_play_mut(card)?;
                if play.is_revealed() {
                    return Err(ApplyError::Inconsistent("revealed twice"));
                }
                play.revealed = Some(speaking_order.clone());
            }
            Event::NoteAdded { about, card, text, visibility } => {
                if let Some(g) = about {
                    self.check_group(*g)?;
                }
                self.notes.push(Note {
                    about: *about,
                    card: card.clone(),
                    text: text.clone(),
                    at,
                    visibility: *visibility,
                });
            }
            Event::ActionAdded { group, what, owner, due, due_date, card } => {
                self.check_group(*group)?;
                self.actions.push(Action {
                    group: *group,
                    what: what.clone(),
                    owner: owner.clone(),
                    due: due.clone(),
                    due_date: *due_date,
                    card: card.clone(),
                    at,
                    detail: super::event::ActionDetail::default(),
                    progress: Vec::new(),
                });
            }
            Event::NoteRevised { index, about, text, visibility } => {
                if let Some(g) = about {
                    self.check_group(*g)?;
                }
                let note =
                    self.notes.get_mut(*index).ok_or(ApplyError::Inconsistent("a correction of an unknown note"))?;
                note.about = *about;
                note.text = text.clone();
                note.visibility = *visibility;
            }
            Event::ActionRevised { index, group, what, owner, due, due_date } => {
                self.check_group(*group)?;
                let action = self
                    .actions
                    .get_mut(*index)
                    .ok_or(ApplyError::Inconsistent("a correction of an unknown action"))?;
                action.group = *group;
                action.what = what.clone();
                action.owner = owner.clone();
                action.due = due.clone();
                action.due_date = *due_date;
            }
            Event::ActionDetailed { index, detail } => {
                let day = record.local_time().date_naive();
                let action =
                    self.actions.get_mut(*index).ok_or(ApplyError::Inconsistent("details of an unknown action"))?;
                let d = &mut action.detail;
                if !detail.observation.trim().is_empty() {
                    d.observation = detail.observation.clone();
                }
                if !detail.organisation.trim().is_empty() {
                    d.organisation = detail.organisation.clone();
                }
                d.priority = detail.priority.or(d.priority);
                d.objective = detail.objective.clone().or(d.objective.take());
                d.start = detail.start.or(d.start);
                d.status = detail.status.or(d.status);
                if !detail.progress.trim().is_empty() {
                    action.progress.push((day, detail.progress.clone()));
                }
            }
            Event::CardClosed { card } => {
                let elapsed = self.elapsed(at);
                let play = self.open_play_mut(card)?;
                play.closed_elapsed = Some(elapsed);
                self.plan.retain(|c| c != card);
                self.current = None;
            }
            Event::CardSkipped { card } => {
                if !self.skipped.contains(card) {
                    self.skipped.push(card.clone());
                }
                self.plan.retain(|c| c != card);
            }
            Event::CardRestored { card } => {
                if self.is_played(card) {
                    return Err(ApplyError::Inconsistent("a played card put back on the agenda"));
                }
                self.skipped.retain(|c| c != card);
                self.plan.retain(|c| c != card);
                // Next up: after the cards already played or open, before the rest of the plan.
                let at = self.plan.iter().position(|c| !self.is_played(c)).unwrap_or(self.plan.len());
                self.plan.insert(at, card.clone());
            }
            Event::RationaleRecorded { card, group, rationale } => {
                self.check_group(*group)?;
                let play = self.open_play_mut(card)?;
                if play.is_revealed() {
                    return Err(ApplyError::Inconsistent("a rationale after the reveal"));
                }
                match play.choices.get_mut(group) {
                    Some(choice) => choice.rationale = rationale.clone(),
                    None => {
                        play.drafts.insert(*group, rationale.clone());
                    }
                }
            }
            Event::FollowUpOpened { from, actions, date, title, answers, played } => {
                if self.follow_up_from.is_some() {
                    return Err(ApplyError::Inconsistent("a second follow-up"));
                }
                self.follow_up_from = Some(from.clone());
                self.follow_up = actions.iter().map(|a| (a.clone(), None)).collect();
                self.follow_up_date = *date;
                self.follow_up_title = title.clone();
                self.previous_answers = answers.clone();
                self.previous_played = played.clone();
            }
            Event::Blackout { on } => self.blackout = *on,
            // The closing round's section is kept apart: the card's page stays where it was.
            Event::PageTurned { screen: Paged::Closing, word } => self.closing_page = *word,
            Event::PageTurned { screen, word } => self.page = Some((*screen, *word)),
            Event::ClosingRound { on } => {
                self.closing_round = *on;
                self.closing_page = 0;
            }
            Event::ActionProgress { index, status } => {
                let item =
                    self.follow_up.get_mut(*index).ok_or(ApplyError::Inconsistent("progress of an unknown action"))?;
                item.1 = Some(*status);
            }
            Event::PeersLoaded { cards } => {
                // As the engine writes it, whatever a hand-edited log says: shareable cards only,
                // each once, each option once.
                let mut kept: Vec<PeerCard> = Vec::new();
                for card in cards.iter().filter(|c| c.shareable()) {
                    if kept.iter().any(|k| k.card == card.card) {
                        continue;
                    }
                    let mut card = card.clone();
                    let mut seen = std::collections::HashSet::new();
                    card.options.retain(|(option, _)| seen.insert(option.clone()));
                    kept.push(card);
                }
                self.peers = kept;
            }
            Event::FindingRecorded { kind, text, objective, card, group } => {
                if let Some(g) = group {
                    self.check_group(*g)?;
                }
                self.findings.push(Finding {
                    kind: *kind,
                    text: text.clone(),
                    objective: objective.clone(),
                    card: card.clone(),
                    group: *group,
                    at,
                });
            }
            Event::ObjectiveAssessed { objective, rating, why } => {
                let assessment = Assessment { objective: objective.clone(), rating: *rating, why: why.clone(), at };
                match self.assessments.iter_mut().find(|a| &a.objective == objective) {
                    Some(earlier) => *earlier = assessment,
                    None => self.assessments.push(assessment),
                }
            }
            Event::DetailsRecorded { place, scope } => {
                if !place.trim().is_empty() {
                    self.place = place.clone();
                }
                if !scope.trim().is_empty() {
                    self.scope = scope.clone();
                }
            }
            Event::SessionEnded => {
                let elapsed = self.elapsed(at);
                if let Some(i) = self.current.take()
                    && let Some(play) = self.plays.get_mut(i)
                {
                    play.closed_elapsed = Some(elapsed);
                }
                if let Some(since) = self.paused_since.take() {
                    self.paused_total = saturating_add(self.paused_total, (at - since).max(TimeDelta::zero()));
                }
                self.ended_at = Some(at);
            }
        }
        self.last_seq = record.seq;
        self.last_at = at;
        self.local_offset = record.offset;
        Ok(())
    }

    fn check_group(&self, group: GroupId) -> Result<(), ApplyError> {
        if group.index() < self.setup.groups.len() { Ok(()) } else { Err(ApplyError::UnknownGroup(group)) }
    }

    fn open_play_mut(&mut self, card: &CardId) -> Result<&mut Play, ApplyError> {
        match self.current {
            Some(i) if self.plays.get(i).is_some_and(|p| &p.card == card) => {
                self.plays.get_mut(i).ok_or(ApplyError::NotOpen(card.clone()))
            }
            _ => Err(ApplyError::NotOpen(card.clone())),
        }
    }

    /// The objectives this session exercised, in the deck's order: those of the agenda's cards
    /// and of every card opened (a deck whose cards name no objectives: all of them). These are
    /// the objectives the facilitator assesses and the report's findings are grouped by.
    pub fn objectives<'d>(&self, deck: &'d Deck) -> Vec<&'d crate::scenario::Objective> {
        let agenda = deck.agenda(&self.setup.agenda).map(|a| a.cards.as_slice()).unwrap_or_default();
        let cards: Vec<&crate::scenario::Card> =
            agenda.iter().chain(self.plays.iter().map(|p| &p.card)).filter_map(|c| deck.card(c)).collect();
        let named = |o: &crate::scenario::Objective| {
            cards.iter().any(|c| c.objectives.contains(&o.id))
                || self.assessments.iter().any(|a| a.objective == o.id)
                || self.findings.iter().any(|f| f.objective.as_ref() == Some(&o.id))
        };
        let mine: Vec<_> = deck.manifest.objectives.iter().filter(|o| named(o)).collect();
        if mine.is_empty() { deck.manifest.objectives.iter().collect() } else { mine }
    }

    /// The latest assessment of `objective`, if any.
    pub fn assessment(&self, objective: &ObjectiveId) -> Option<&Assessment> {
        self.assessments.iter().find(|a| &a.objective == objective)
    }

    /// How earlier sessions answered `card`, when it may be shown (see [`PeerCard::shareable`]).
    pub fn peers_of(&self, card: &CardId) -> Option<&PeerCard> {
        self.peers.iter().find(|p| &p.card == card && p.shareable())
    }

    pub fn is_ended(&self) -> bool {
        self.ended_at.is_some()
    }

    pub fn is_paused(&self) -> bool {
        self.paused_since.is_some()
    }

    pub fn current_play(&self) -> Option<&Play> {
        self.current.and_then(|i| self.plays.get(i))
    }

    /// The paged screen the room reads now: the open card's briefing or comparison, or the end
    /// page. `None` between cards (nothing there is paged).
    pub fn paged_screen(&self) -> Option<Paged> {
        if self.is_ended() {
            return Some(Paged::End);
        }
        let i = self.current?;
        let play = self.plays.get(i)?;
        Some(if play.is_revealed() { Paged::Comparison(i) } else { Paged::Briefing(i) })
    }

    /// Where the screen on show starts: the word the gespreksleider last turned to on it, or 0
    /// (the first page) when no page of it was turned.
    pub fn page_word(&self) -> u32 {
        match (self.page, self.paged_screen()) {
            (Some((turned, word)), Some(now)) if turned == now => word,
            _ => 0,
        }
    }

    /// Minutes `card` is planned to take in this session, for its number of delegations
    /// ([`crate::scenario::Card::minutes_for`]).
    pub fn card_minutes(&self, card: &crate::scenario::Card) -> u32 {
        card.minutes_for(self.setup.groups.len())
    }

    pub fn groups(&self) -> impl Iterator<Item = GroupId> + '_ {
        (0..self.setup.groups.len()).map(|i| GroupId(u8::try_from(i).unwrap_or(u8::MAX)))
    }

    pub fn group_name(&self, group: GroupId) -> &str {
        self.setup.groups.get(group.index()).map_or("?", |g| g.name.as_str())
    }

    /// Session time at `now`, pauses excluded; stops at the end of the session.
    pub fn elapsed(&self, now: DateTime<Utc>) -> TimeDelta {
        let now = self.ended_at.map_or(now, |end| end.min(now));
        let paused_now = self.paused_since.map_or(TimeDelta::zero(), |p| (now - p).max(TimeDelta::zero()));
        let paused = saturating_add(self.paused_total, paused_now);
        (now - self.started_at).checked_sub(&paused).unwrap_or(TimeDelta::zero()).max(TimeDelta::zero())
    }

    /// Time on the open card at `now`, pauses excluded.
    pub fn card_elapsed(&self, now: DateTime<Utc>) -> TimeDelta {
        self.current_play().map_or(TimeDelta::zero(), |p| self.elapsed(now) - p.opened_elapsed)
    }

    /// Minutes left of the target length (negative when over).
    pub fn minutes_left(&self, now: DateTime<Utc>) -> i64 {
        i64::from(self.setup.target_minutes) - self.elapsed(now).num_minutes()
    }

    /// Whether `card` was opened in this session (played, open, or closed without answers).
    pub fn is_played(&self, card: &CardId) -> bool {
        self.plays.iter().any(|p| &p.card == card)
    }

    /// The cards that count as played: every opened card except those closed without answers.
    pub fn played(&self) -> impl Iterator<Item = &Play> + '_ {
        self.plays.iter().filter(|p| !p.closed_unplayed())
    }

    /// The cards closed without any answer ("closed, not played"), in the order they were opened.
    pub fn closed_unplayed(&self) -> impl Iterator<Item = &CardId> + '_ {
        self.plays.iter().filter(|p| p.closed_unplayed()).map(|p| &p.card)
    }

    /// Whether `card` was closed without a reveal and is not open: it can be put back on the
    /// agenda ([`Event::CardReturned`]) and played later.
    pub fn returnable(&self, card: &CardId) -> bool {
        let open = self.current_play().is_some_and(|p| &p.card == card);
        !open && self.plays.iter().rev().find(|p| &p.card == card).is_some_and(|p| !p.is_revealed())
    }

    /// The next card of the plan that has not been played or skipped.
    pub fn next_planned(&self) -> Option<&CardId> {
        self.plan.iter().find(|c| !self.is_played(c) && !self.skipped.contains(c))
    }

    /// Timed injects of the open card whose minute has come and that are not yet released.
    pub fn due_injects(&self, deck: &Deck, now: DateTime<Utc>) -> Vec<InjectId> {
        let Some(play) = self.current_play() else {
            return Vec::new();
        };
        let Some(card) = deck.card(&play.card) else {
            return Vec::new();
        };
        let minutes = self.card_elapsed(now).num_seconds() / 60;
        card.injects
            .iter()
            .filter(|i| matches!(i.at, Release::Minute(m) if i64::from(m) <= minutes))
            .filter(|i| !play.released.contains(&i.id) && !play.withdrawn.contains(&i.id))
            .filter(|i| !self.inject_audience(deck, &play.card, &i.id).is_empty())
            .map(|i| i.id.clone())
            .collect()
    }

    /// A development of `card`: the deck's own, or one the gespreksleider wrote while the card
    /// was played. Every screen and report looks developments up here, so a written one is shown
    /// wherever the deck's are.
    pub fn inject<'a>(
        &'a self,
        deck: &'a Deck,
        card: &CardId,
        inject: &InjectId,
    ) -> Option<&'a crate::scenario::Inject> {
        deck.card(card).and_then(|c| c.inject(inject)).or_else(|| {
            self.plays.iter().rev().filter(|p| &p.card == card).flat_map(|p| &p.written).find(|i| &i.id == inject)
        })
    }

    /// Whether `group` sees `inject` of `card`: unconditional injects are for everyone; a
    /// conditional one only for groups that made the named choice (in any earlier card).
    pub fn sees_inject(&self, deck: &Deck, group: GroupId, card: &CardId, inject: &InjectId) -> bool {
        let Some(cond) = self.inject(deck, card, inject).and_then(|i| i.only_if.as_ref()) else {
            return true;
        };
        self.plays
            .iter()
            .filter(|p| p.card == cond.card)
            .any(|p| p.choices.get(&group).is_some_and(|c| c.option == cond.option))
    }

    /// Which groups see a released inject; every group for an unconditional one.
    pub fn inject_audience(&self, deck: &Deck, card: &CardId, inject: &InjectId) -> Vec<GroupId> {
        self.groups().filter(|g| self.sees_inject(deck, *g, card, inject)).collect()
    }

    /// Score per group per dimension: the sum of the effects of the group's choices on revealed
    /// cards (unrevealed answers must not leak through the scoreboard). Sums saturate, so no
    /// deck can make a score wrap around.
    pub fn scores(&self, deck: &Deck) -> Vec<BTreeMap<DimensionId, i32>> {
        self.scores_of(deck, &self.plays)
    }

    /// The scores as they stood right after the card at `plays[index]` (for the review, which
    /// walks through a session card by card).
    pub fn scores_after(&self, deck: &Deck, index: usize) -> Vec<BTreeMap<DimensionId, i32>> {
        let end = index.saturating_add(1).min(self.plays.len());
        self.scores_of(deck, self.plays.get(..end).unwrap_or_default())
    }

    fn scores_of(&self, deck: &Deck, plays: &[Play]) -> Vec<BTreeMap<DimensionId, i32>> {
        let mut out: Vec<BTreeMap<DimensionId, i32>> =
            self.groups().map(|_| deck.manifest.dimensions.iter().map(|d| (d.id.clone(), 0)).collect()).collect();
        for play in plays.iter().filter(|p| p.is_revealed()) {
            let Some(card) = deck.card(&play.card) else {
                continue;
            };
            for (group, choice) in &play.choices {
                let Some(option) = card.option(&choice.option) else {
                    continue;
                };
                if let Some(row) = out.get_mut(group.index()) {
                    for (dim, delta) in &option.effects {
                        let score = row.entry(dim.clone()).or_insert(0);
                        *score = score.saturating_add(*delta);
                    }
                }
            }
        }
        out
    }

    /// The follow-up card the engine suggests for `group`: where its answer to the latest
    /// revealed card leads, if that card has not been played yet.
    pub fn follow_up_for(&self, deck: &Deck, group: GroupId) -> Option<CardId> {
        let play = self.plays.iter().rev().find(|p| p.is_revealed())?;
        let option = deck.card(&play.card)?.option(&play.choices.get(&group)?.option)?;
        option.follow_up.clone().filter(|c| !self.is_played(c))
    }

    /// What could come next: the agenda's next card first, always (the habitual Enter opens
    /// the plan), then every suggested follow-up with the groups whose answers lead there, the
    /// latest reveal's first. A follow-up stays suggested until it is played or skipped, also
    /// after another group's follow-up was played. One that is on the plan anyway is `planned`:
    /// it is only brought forward, and opens for every group. The facilitator decides.
    pub fn suggestions(&self, deck: &Deck) -> Vec<Suggestion> {
        let mut follow: Vec<(CardId, Vec<GroupId>)> = Vec::new();
        for play in self.plays.iter().rev().filter(|p| p.is_revealed()) {
            let Some(card) = deck.card(&play.card) else { continue };
            for (group, choice) in &play.choices {
                let Some(next) = card.option(&choice.option).and_then(|o| o.follow_up.clone()) else { continue };
                // A follow-up the facilitator skipped stays skipped until it is put back.
                if self.is_played(&next) || self.skipped.contains(&next) {
                    continue;
                }
                match follow.iter_mut().find(|(c, _)| c == &next) {
                    Some((_, groups)) if !groups.contains(group) => groups.push(*group),
                    Some(_) => {}
                    None => follow.push((next, vec![*group])),
                }
            }
        }
        let mut out: Vec<Suggestion> = follow
            .into_iter()
            .map(|(card, mut groups)| {
                groups.sort();
                let planned = self.plan.contains(&card);
                Suggestion { card, groups, planned }
            })
            .collect();
        if let Some(next) = self.next_planned() {
            let first = match out.iter().position(|s| &s.card == next) {
                Some(i) => out.remove(i),
                None => Suggestion { card: next.clone(), groups: Vec::new(), planned: true },
            };
            out.insert(0, first);
        }
        out
    }

    /// The previous actions per municipality, as index lists into `follow_up`: this session's
    /// groups first (in their order), then any other municipality in the order it first appears.
    /// Every screen and report lists the follow-up in this order.
    pub fn follow_up_groups(&self) -> Vec<(String, Vec<usize>)> {
        let same = same_municipality;
        let mut out: Vec<(String, Vec<usize>)> = Vec::new();
        for g in &self.setup.groups {
            let items: Vec<usize> = self
                .follow_up
                .iter()
                .enumerate()
                .filter(|(_, (a, _))| same(&a.group, &g.name))
                .map(|(i, _)| i)
                .collect();
            if !items.is_empty() {
                out.push((g.name.clone(), items));
            }
        }
        for (i, (a, _)) in self.follow_up.iter().enumerate() {
            if self.setup.groups.iter().any(|g| same(&g.name, &a.group)) {
                continue;
            }
            match out.iter_mut().find(|(name, _)| same(name, &a.group)) {
                Some((_, items)) => items.push(i),
                None => out.push((a.group.clone(), vec![i])),
            }
        }
        out
    }

    /// How many of `items` (indexes into `follow_up`) are done.
    pub fn follow_up_done(&self, items: &[usize]) -> usize {
        items.iter().filter(|i| self.follow_up.get(**i).is_some_and(|(_, s)| *s == Some(Progress::Done))).count()
    }

    /// The previous actions not done (not started, under way, or not asked about): they are
    /// carried into this session's improvement plan, and on into the next follow-up.
    pub fn carried_over(&self) -> impl Iterator<Item = &PreviousAction> + '_ {
        self.follow_up.iter().filter(|(_, s)| *s != Some(Progress::Done)).map(|(a, _)| a)
    }

    /// The answer `group` gave to `card` in the session followed up on, when it was revealed.
    pub fn previous_answer(&self, group: GroupId, card: &CardId) -> Option<&OptionId> {
        let name = self.group_name(group);
        self.previous_answers.iter().find(|a| &a.card == card && same_municipality(&a.group, name)).map(|a| &a.option)
    }

    /// Whether the session followed up on played `card` ("eerder gespeeld").
    pub fn played_before(&self, card: &CardId) -> bool {
        self.previous_played.contains(card)
    }

    /// The groups the open card still waits for: every group without an answer, or for a
    /// follow-up the groups it is for.
    pub fn unanswered(&self) -> Vec<GroupId> {
        match self.current_play() {
            Some(play) => self.groups().filter(|g| play.expects(*g) && !play.choices.contains_key(g)).collect(),
            None => Vec::new(),
        }
    }

    /// The groups that take part in `play` (see [`Play::takes_part`]): every group for an
    /// ordinary card.
    pub fn taking_part(&self, play: &Play) -> Vec<GroupId> {
        self.groups().filter(|g| play.takes_part(*g)).collect()
    }

    /// The names of the groups a follow-up was played for, joined ("Laren, Huizen"); empty for a
    /// card played for every group. Cleaned for a screen or a report.
    pub fn for_names(&self, play: &Play) -> String {
        play.for_groups
            .iter()
            .map(|g| crate::scenario::clean(self.group_name(*g)).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Time sums from a log must not overflow, whatever dates a damaged log holds.
fn saturating_add(a: TimeDelta, b: TimeDelta) -> TimeDelta {
    a.checked_add(&b).unwrap_or(TimeDelta::MAX)
}

/// A card the facilitator might open next; `groups` is empty for the agenda's own next card,
/// and for a follow-up the groups whose choice led there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub card: CardId,
    pub groups: Vec<GroupId>,
    /// On the plan: a card for every group, whatever choice suggests it earlier.
    pub planned: bool,
}

impl Suggestion {
    /// The groups the card opens for: those whose choice led to a follow-up that is not on the
    /// plan; every group (empty) for a card on the plan.
    pub fn open_for(&self) -> Vec<GroupId> {
        if self.planned { Vec::new() } else { self.groups.clone() }
    }
}

/// One municipality's name as it is written in two logs: case, surrounding spaces and anything a
/// screen does not show (control characters, escape codes: the setup form cleans them away) aside.
pub fn same_municipality(a: &str, b: &str) -> bool {
    let plain = |s: &str| crate::scenario::clean(s).trim().to_lowercase();
    plain(a) == plain(b)
}
