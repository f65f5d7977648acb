//! The engine: commands in, checked events out, written to the log, then applied.
//!
//! A command is what the facilitator asks for; [`decide`] checks it against the state and the
//! deck and turns it into an event, or refuses it with a typed error. Nothing is written for a
//! refused command. An accepted event is appended (and synced) to the log *before* it is
//! applied, so what the screen shows is always on disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rand::SeedableRng;
use rand::seq::SliceRandom;
use rand_chacha::ChaCha8Rng;

use chrono::NaiveDate;

use super::action::{DueError, Owner, parse_due};
use super::clock::Clock;
use super::event::{
    Decision, Event, FindingKind, GroupId, Outside, Paged, PeerCard, PreviousAction, PreviousSession, Progress, Rating,
    Record, Setup, Source, Visibility,
};
use super::journal::{DeckNote, Journal, LogDeckError, LogError, MAX_LINE, MemoryJournal};
use super::setup::{SetupError, validate_setup};
use super::state::{ApplyError, State};
use crate::scenario::{CardId, Deck, InjectId, ObjectiveId, OptionId, Role};

/// What the facilitator can ask the engine to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    ChangeAgenda(Vec<CardId>),
    OpenCard(CardId),
    ReleaseInject(InjectId),
    /// A development of the gespreksleider's own on the open card, released at once.
    WriteInject(String),
    Pause,
    Resume,
    RecordChoice {
        group: GroupId,
        option: OptionId,
        rationale: String,
        decision: Decision,
        dissent: Vec<Role>,
    },
    /// An answer outside the card's options: "anders / combinatie" with the group's own words
    /// (`Some`, not empty), or "geen keuze" (`None`). Never scored. The group's rationale, and
    /// for "anders" how it decided, stay as they were.
    RecordOutside {
        group: GroupId,
        other: Option<String>,
    },
    Reveal,
    /// A note for the gespreksleider only (the default visibility: in no report).
    AddNote {
        about: Option<GroupId>,
        text: String,
    },
    /// A note with the visibility chosen in the note dialog. [`Visibility::Group`] needs `about`.
    AddNoteAs {
        about: Option<GroupId>,
        text: String,
        visibility: Visibility,
    },
    /// An action owned by a role, "by when" as typed: stored as a date when it reads as one,
    /// else kept as text (as in old logs). Recorded with the open card. The action form uses
    /// [`Command::AddActionItem`], which refuses a text that is not a date.
    AddAction {
        group: GroupId,
        what: String,
        owner: Role,
        due: String,
    },
    /// An action as data: owner a role or free text, "by when" as a date (the form reads the
    /// typed text with [`parse_due`](super::parse_due), which refuses anything that is not a date
    /// with an example, so no text reaches the log unread) and the card on screen when it was
    /// added.
    AddActionItem {
        group: GroupId,
        what: String,
        owner: Owner,
        due: Option<NaiveDate>,
        card: Option<CardId>,
    },
    CloseCard,
    SkipCard(CardId),
    /// Put a skipped card, or any card not yet played, on the agenda as the next card.
    RestoreCard(CardId),
    /// A group's rationale, before or after its option (until the reveal).
    RecordRationale {
        group: GroupId,
        rationale: String,
    },
    End,
    /// Bring in the take-home actions of a previous session (before the first card).
    OpenFollowUp {
        from: String,
        actions: Vec<PreviousAction>,
    },
    RecordProgress {
        index: usize,
        status: Progress,
    },
    /// Blank (or restore) the console card view and every audience screen.
    Blackout(bool),
    /// Show (or stop showing) the closing round on every room screen; also after the end, as
    /// the closing screen is reachable then too.
    ShowClosing(bool),
    /// Show the page of `screen` holding `word` on the console and every audience screen.
    TurnPage {
        screen: Paged,
        word: u32,
    },
    /// A command sent by a delegation's own device (`play --devices`): checked exactly as the
    /// same command from the console, and recorded with [`Source::Device`]. Only
    /// [`Command::RecordChoice`] may come from a device.
    FromDevice(Box<Command>),
    /// A delegation's answer from its own device, naming the card it answers: refused when that
    /// card is not the open card or its answers are already revealed, so an answer never lands
    /// on a card the group did not see. Recorded as [`Command::RecordChoice`] with
    /// [`Source::Device`].
    AnswerFromDevice {
        card: CardId,
        group: GroupId,
        option: OptionId,
        rationale: String,
        decision: Decision,
        dissent: Vec<Role>,
    },
    /// Bring in a previous session (before the first card): its date and title, its actions,
    /// its revealed answers and the cards it played. Without actions it still records the rest.
    FollowUpOn(Box<PreviousSession>),
    /// Record how earlier sessions answered the cards (`play --peers`). Cards not in the deck,
    /// options not on the card and cards below the threshold ([`PeerCard::shareable`]) are left
    /// out, so nothing recognisable reaches the log.
    LoadPeers(Vec<PeerCard>),
    /// Open a suggested follow-up card for the groups whose choice led there: only they are
    /// waited for before the reveal (another group may still answer). For every group it is
    /// [`Command::OpenCard`].
    OpenCardFor {
        card: CardId,
        groups: Vec<GroupId>,
    },
    /// Reveal although some groups have not answered ("toch tonen"): the console asks first.
    RevealAnyway,
    /// Take a released development back from the room (undo).
    WithdrawInject(InjectId),
    /// Take a group's answer back before the reveal (undo).
    WithdrawChoice(GroupId),
    /// Put the open card (before any answer) or a card closed without a reveal back on the
    /// agenda, still planned (undo of opening or closing it).
    ReturnCard(CardId),
    /// A correction of one of this session's notes (0-based, in the order they were added): the
    /// closing round corrects what was written in haste. The note keeps its card and time.
    ReviseNote {
        index: usize,
        about: Option<GroupId>,
        text: String,
        visibility: Visibility,
    },
    /// A correction of one of this session's actions (0-based, in the order they were added):
    /// what, for which municipality, who and by when, as the action form reads them.
    ReviseAction {
        index: usize,
        group: GroupId,
        what: String,
        owner: Owner,
        due: Option<NaiveDate>,
    },
    /// A finding: a strength or point for improvement, linked to one of the deck's objectives
    /// (and optionally a card and a municipality). Accepted after the end of the session too.
    RecordFinding {
        kind: FindingKind,
        text: String,
        objective: Option<ObjectiveId>,
        card: Option<CardId>,
        group: Option<GroupId>,
    },
    /// The facilitator's assessment of one objective, with a line why. Accepted after the end.
    AssessObjective {
        objective: ObjectiveId,
        rating: Rating,
        why: String,
    },
    /// More about one of this session's actions (0-based, in the order they were added).
    /// Accepted after the end: the plan is kept up to date afterwards.
    DetailAction {
        index: usize,
        detail: super::event::ActionDetail,
    },
    /// Where the exercise took place and what it covered. Accepted after the end.
    RecordDetails {
        place: String,
        scope: String,
    },
}

/// Why a command was refused. Nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the session has ended")]
    Ended,
    #[error("there is no card `{0}` in the deck")]
    UnknownCard(CardId),
    #[error("card `{0}` has already been played")]
    AlreadyPlayed(CardId),
    #[error("card `{0}` is still open; close it first")]
    CardStillOpen(CardId),
    #[error("no card is open")]
    NoOpenCard,
    #[error("the card has no inject `{0}`")]
    UnknownInject(InjectId),
    #[error("inject `{0}` has already been released")]
    AlreadyReleased(InjectId),
    #[error("there is no group {0}")]
    UnknownGroup(GroupId),
    #[error("the card has no option `{0}`")]
    UnknownOption(OptionId),
    #[error("the answers have already been revealed")]
    AlreadyRevealed,
    #[error("not every group has answered yet (waiting for group(s) {})", list(.0))]
    NotEveryoneAnswered(Vec<GroupId>),
    #[error("the clock is already paused")]
    AlreadyPaused,
    #[error("the clock is not paused")]
    NotPaused,
    #[error("the text is empty")]
    EmptyText,
    #[error("card `{0}` is listed twice")]
    Duplicate(CardId),
    #[error("previous actions can only be brought in once, before the first card")]
    FollowUpTooLate,
    #[error("there is no previous action {0}")]
    UnknownAction(usize),
    /// A correction of a note or action this session does not have.
    #[error("there is no note or action {} in this session", .0 + 1)]
    NothingToRevise(usize),
    /// An `only_if` development whose condition no group meets: nobody would see it.
    #[error("development `{0}` is only for groups that made a choice no group made")]
    ConditionNotMet(InjectId),
    /// "Unanimous" and dissenting roles contradict each other.
    #[error("a unanimous decision has no dissenting roles; choose another way of deciding or remove the dissent")]
    UnanimousWithDissent,
    /// The card is already on the agenda (and not skipped).
    #[error("card `{0}` is already on the agenda")]
    AlreadyPlanned(CardId),
    /// A device may only record its group's answer.
    #[error("a device can only record its group's answer")]
    NotFromDevice,
    /// A device answered a card that is not (or no longer) the open card.
    #[error("the card answered is not the open card")]
    NotTheOpenCard,
    /// Undo of an answer or an opening after the room has seen the answers.
    #[error("the answers have been shown to the room; that cannot be undone")]
    RevealedCannotUndo,
    /// Back to the agenda from a card that has answers: close it, or take the answers back.
    #[error("the card already has answers; take them back first (u) or close the card (x)")]
    HasAnswers,
    #[error("development `{0}` is not on the screens")]
    NotReleased(InjectId),
    #[error("group {0} has no answer to take back")]
    NoAnswer(GroupId),
    #[error("the deck has no objective `{0}`")]
    UnknownObjective(ObjectiveId),
    /// The event would be a line longer than the log's reader accepts: written, it would be
    /// lost on the next read, so it is not written at all.
    #[error("this is too large for one line of the log (more than {} KiB); nothing was recorded", MAX_LINE >> 10)]
    TooLarge,
}

fn list(groups: &[GroupId]) -> String {
    groups.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")
}

#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    #[error("refused: {0}")]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Setup(#[from] SetupError),
    /// The event could not be written; it was not applied, and the state is unchanged.
    #[error("could not write to the log: {0}")]
    Log(#[from] LogError),
    #[error("{path}: {source}")]
    Unusable { path: PathBuf, source: ApplyError },
    #[error(transparent)]
    Deck(#[from] LogDeckError),
    /// "By when" as typed in the action form is not a date; nothing was written.
    #[error("refused: {0}")]
    Due(#[from] DueError),
    /// Appending with another deck than the one played would make the log contradict itself.
    #[error(
        "{path}: not continued, because the deck is not the one the session was played with: {}",
        .note.describe(crate::scenario::Lang::En)
    )]
    OtherDeck { path: PathBuf, note: Box<DeckNote> },
}

/// Checks a command against the state and the deck and returns the event it would make.
/// Pure: no clock, no I/O; randomness is derived from the seed in the state.
pub fn decide(state: &State, deck: &Deck, command: Command) -> Result<Event, Refusal> {
    let after_end = matches!(
        command,
        Command::RecordFinding { .. }
            | Command::AssessObjective { .. }
            | Command::RecordDetails { .. }
            | Command::DetailAction { .. }
            | Command::TurnPage { screen: Paged::End | Paged::Closing, .. }
            | Command::ShowClosing(_)
    );
    if state.is_ended() && !after_end {
        return Err(Refusal::Ended);
    }
    let open = state.current_play();
    let open_card = || open.map(|p| p.card.clone()).ok_or(Refusal::NoOpenCard);
    Ok(match command {
        Command::ChangeAgenda(cards) => {
            let mut seen = std::collections::HashSet::new();
            for c in &cards {
                deck.card(c).ok_or_else(|| Refusal::UnknownCard(c.clone()))?;
                if !seen.insert(c) {
                    return Err(Refusal::Duplicate(c.clone()));
                }
            }
            Event::AgendaChanged { cards }
        }
        Command::OpenCard(card) => {
            return decide(state, deck, Command::OpenCardFor { card, groups: Vec::new() });
        }
        Command::OpenCardFor { card, groups } => {
            deck.card(&card).ok_or_else(|| Refusal::UnknownCard(card.clone()))?;
            if let Some(p) = open {
                return Err(Refusal::CardStillOpen(p.card.clone()));
            }
            if state.is_played(&card) {
                return Err(Refusal::AlreadyPlayed(card));
            }
            for g in &groups {
                check_group(state, *g)?;
            }
            let mut for_groups = groups;
            for_groups.sort();
            for_groups.dedup();
            // For every group is the ordinary card: the log says so by leaving the field out.
            if for_groups.len() == state.setup.groups.len() {
                for_groups.clear();
            }
            Event::CardOpened { card, for_groups }
        }
        Command::ReleaseInject(inject) => {
            let card = open_card()?;
            state.inject(deck, &card, &inject).ok_or_else(|| Refusal::UnknownInject(inject.clone()))?;
            if open.is_some_and(|p| p.released.contains(&inject)) {
                return Err(Refusal::AlreadyReleased(inject));
            }
            if state.inject_audience(deck, &card, &inject).is_empty() {
                return Err(Refusal::ConditionNotMet(inject));
            }
            Event::InjectReleased { card, inject }
        }
        Command::WriteInject(text) => {
            let card = open_card()?;
            // Typed at the console, but shown on every screen and in every report: no control
            // sequences, whatever arrived.
            let text = non_empty(crate::scenario::clean(&text).into_owned())?;
            // "eigen-1", "eigen-2", ... on this card, never an id the deck's card already has.
            let taken = |id: &InjectId| state.inject(deck, &card, id).is_some();
            let inject = (1..)
                .map(|n| InjectId::from(format!("eigen-{n}").as_str()))
                .find(|id| !taken(id))
                .ok_or(Refusal::EmptyText)?;
            Event::InjectWritten { card, inject, text }
        }
        Command::Pause if state.is_paused() => return Err(Refusal::AlreadyPaused),
        Command::Pause => Event::ClockPaused,
        Command::Resume if !state.is_paused() => return Err(Refusal::NotPaused),
        Command::Resume => Event::ClockResumed,
        Command::RecordChoice { group, option, rationale, decision, dissent } => {
            let card = open_card()?;
            check_group(state, group)?;
            if open.is_some_and(|p| p.is_revealed()) {
                return Err(Refusal::AlreadyRevealed);
            }
            // "Anders" keeps its words when the decision or dissent changes; "geen keuze" needs none.
            let other = match Outside::of(&option) {
                Some(Outside::Other) => open
                    .and_then(|p| p.choices.get(&group))
                    .map(|c| c.other.clone())
                    .filter(|t| !t.is_empty())
                    .ok_or(Refusal::EmptyText)?,
                Some(Outside::NoChoice) => String::new(),
                None => {
                    deck.card(&card)
                        .and_then(|c| c.option(&option))
                        .ok_or_else(|| Refusal::UnknownOption(option.clone()))?;
                    String::new()
                }
            };
            let mut dissent = dissent;
            dissent.sort();
            dissent.dedup();
            if decision == Decision::Unanimous && !dissent.is_empty() {
                return Err(Refusal::UnanimousWithDissent);
            }
            Event::ChoiceRecorded {
                card,
                group,
                option,
                rationale: rationale.trim().to_string(),
                decision,
                dissent,
                source: Source::Console,
                other,
            }
        }
        Command::RecordOutside { group, other } => {
            let card = open_card()?;
            check_group(state, group)?;
            if open.is_some_and(|p| p.is_revealed()) {
                return Err(Refusal::AlreadyRevealed);
            }
            let previous = open.and_then(|p| p.choices.get(&group));
            let draft = open.and_then(|p| p.drafts.get(&group)).cloned();
            let rationale = previous.map(|c| c.rationale.clone()).or(draft).unwrap_or_default();
            let (option, other, decision, dissent) = match other {
                Some(text) if text.trim().is_empty() => return Err(Refusal::EmptyText),
                Some(text) => {
                    let decision = previous.map_or(Decision::NotRecorded, |c| c.decision);
                    let dissent = previous.map(|c| c.dissent.clone()).unwrap_or_default();
                    (Outside::Other.id(), text.trim().to_string(), decision, dissent)
                }
                None => (Outside::NoChoice.id(), String::new(), Decision::NotRecorded, Vec::new()),
            };
            Event::ChoiceRecorded { card, group, option, rationale, decision, dissent, source: Source::Console, other }
        }
        Command::FromDevice(inner) => match *inner {
            // A device chooses one of the card's options; an answer outside them is the
            // gespreksleider's to record.
            Command::RecordChoice { ref option, .. } if Outside::of(option).is_some() => {
                return Err(Refusal::UnknownOption(option.clone()));
            }
            inner @ Command::RecordChoice { .. } => match decide(state, deck, inner)? {
                Event::ChoiceRecorded { card, group, option, rationale, decision, dissent, other, .. } => {
                    Event::ChoiceRecorded {
                        card,
                        group,
                        option,
                        rationale,
                        decision,
                        dissent,
                        source: Source::Device,
                        other,
                    }
                }
                _ => return Err(Refusal::NotFromDevice),
            },
            _ => return Err(Refusal::NotFromDevice),
        },
        Command::AnswerFromDevice { card, group, option, rationale, decision, dissent } => {
            let open = open.ok_or(Refusal::NotTheOpenCard)?;
            if open.card != card {
                return Err(Refusal::NotTheOpenCard);
            }
            if open.is_revealed() {
                return Err(Refusal::AlreadyRevealed);
            }
            return decide(
                state,
                deck,
                Command::FromDevice(Box::new(Command::RecordChoice { group, option, rationale, decision, dissent })),
            );
        }
        reveal @ (Command::Reveal | Command::RevealAnyway) => {
            let card = open_card()?;
            if open.is_some_and(|p| p.is_revealed()) {
                return Err(Refusal::AlreadyRevealed);
            }
            let missing = state.unanswered();
            if !missing.is_empty() && reveal == Command::Reveal {
                return Err(Refusal::NotEveryoneAnswered(missing));
            }
            // A follow-up for some groups: those who took part speak (the others watched). Shown
            // anyway with a group missing: a group that did not choose has nothing to explain first.
            let answered = |g: &GroupId| reveal == Command::Reveal || open.is_some_and(|p| p.choices.contains_key(g));
            let mut order: Vec<GroupId> =
                state.groups().filter(|g| open.is_none_or(|p| p.takes_part(*g))).filter(answered).collect();
            let mut rng = ChaCha8Rng::seed_from_u64(
                state.setup.seed ^ (state.plays.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            );
            order.shuffle(&mut rng);
            Event::ChoicesRevealed { card, speaking_order: order }
        }
        Command::AddNote { about, text } => {
            return decide(state, deck, Command::AddNoteAs { about, text, visibility: Visibility::default() });
        }
        Command::AddNoteAs { about, text, visibility } => {
            if let Some(g) = about {
                check_group(state, g)?;
            }
            // A note for one municipality's report without a municipality would reach no report:
            // say so in the log.
            let visibility =
                if visibility == Visibility::Group && about.is_none() { Visibility::Private } else { visibility };
            let text = non_empty(text)?;
            Event::NoteAdded { about, card: open.map(|p| p.card.clone()), text, visibility }
        }
        Command::AddAction { group, what, owner, due } => {
            check_group(state, group)?;
            let due = due.trim().to_string();
            let due_date = parse_due(&due).ok().flatten();
            let card = open.map(|p| p.card.clone());
            Event::ActionAdded { group, what: non_empty(what)?, owner: owner.into(), due, due_date, card }
        }
        Command::AddActionItem { group, what, owner, due, card } => {
            check_group(state, group)?;
            if let Some(c) = &card {
                deck.card(c).ok_or_else(|| Refusal::UnknownCard(c.clone()))?;
            }
            let owner = match owner {
                Owner::Other(text) => Owner::parse(&text).ok_or(Refusal::EmptyText)?,
                role => role,
            };
            let text = due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            Event::ActionAdded { group, what: non_empty(what)?, owner, due: text, due_date: due, card }
        }
        Command::ReviseNote { index, about, text, visibility } => {
            if index >= state.notes.len() {
                return Err(Refusal::NothingToRevise(index));
            }
            if let Some(g) = about {
                check_group(state, g)?;
            }
            let visibility =
                if visibility == Visibility::Group && about.is_none() { Visibility::Private } else { visibility };
            Event::NoteRevised { index, about, text: non_empty(text)?, visibility }
        }
        Command::ReviseAction { index, group, what, owner, due } => {
            if index >= state.actions.len() {
                return Err(Refusal::NothingToRevise(index));
            }
            check_group(state, group)?;
            let owner = match owner {
                Owner::Other(text) => Owner::parse(&text).ok_or(Refusal::EmptyText)?,
                role => role,
            };
            let text = due.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
            Event::ActionRevised { index, group, what: non_empty(what)?, owner, due: text, due_date: due }
        }
        Command::CloseCard => Event::CardClosed { card: open_card()? },
        Command::WithdrawInject(inject) => {
            let card = open_card()?;
            if !open.is_some_and(|p| p.released.contains(&inject)) {
                return Err(Refusal::NotReleased(inject));
            }
            Event::InjectWithdrawn { card, inject }
        }
        Command::WithdrawChoice(group) => {
            let card = open_card()?;
            check_group(state, group)?;
            if open.is_some_and(|p| p.is_revealed()) {
                return Err(Refusal::RevealedCannotUndo);
            }
            if !open.is_some_and(|p| p.choices.contains_key(&group)) {
                return Err(Refusal::NoAnswer(group));
            }
            Event::ChoiceWithdrawn { card, group }
        }
        Command::ReturnCard(card) => {
            deck.card(&card).ok_or_else(|| Refusal::UnknownCard(card.clone()))?;
            match open {
                Some(p) if p.card == card => {
                    if p.is_revealed() {
                        return Err(Refusal::RevealedCannotUndo);
                    }
                    if !p.choices.is_empty() {
                        return Err(Refusal::HasAnswers);
                    }
                }
                Some(p) => return Err(Refusal::CardStillOpen(p.card.clone())),
                None => {
                    let last = state.plays.iter().rev().find(|p| p.card == card).ok_or(Refusal::NoOpenCard)?;
                    if last.is_revealed() {
                        return Err(Refusal::RevealedCannotUndo);
                    }
                }
            }
            Event::CardReturned { card }
        }
        Command::SkipCard(card) => {
            deck.card(&card).ok_or_else(|| Refusal::UnknownCard(card.clone()))?;
            if state.is_played(&card) {
                return Err(Refusal::AlreadyPlayed(card));
            }
            Event::CardSkipped { card }
        }
        Command::RestoreCard(card) => {
            deck.card(&card).ok_or_else(|| Refusal::UnknownCard(card.clone()))?;
            if state.is_played(&card) {
                return Err(Refusal::AlreadyPlayed(card));
            }
            if state.plan.contains(&card) && !state.skipped.contains(&card) {
                return Err(Refusal::AlreadyPlanned(card));
            }
            Event::CardRestored { card }
        }
        Command::RecordRationale { group, rationale } => {
            let card = open_card()?;
            check_group(state, group)?;
            if open.is_some_and(|p| p.is_revealed()) {
                return Err(Refusal::AlreadyRevealed);
            }
            Event::RationaleRecorded { card, group, rationale: rationale.trim().to_string() }
        }
        Command::End => Event::SessionEnded,
        Command::OpenFollowUp { from, actions } => {
            return decide(
                state,
                deck,
                Command::FollowUpOn(Box::new(PreviousSession { from, actions, ..PreviousSession::default() })),
            );
        }
        Command::FollowUpOn(previous) => {
            if state.follow_up_from.is_some() || !state.plays.is_empty() {
                return Err(Refusal::FollowUpTooLate);
            }
            let PreviousSession { from, date, title, actions, answers, played } = *previous;
            Event::FollowUpOpened { from, actions, date, title, answers, played }
        }
        Command::Blackout(on) => Event::Blackout { on },
        Command::ShowClosing(on) => Event::ClosingRound { on },
        Command::TurnPage { screen, word } => {
            // Only the screen on show: a page of another screen would turn nothing anyone sees.
            let on_show = match screen {
                Paged::Closing => state.closing_round,
                _ => state.paged_screen() == Some(screen),
            };
            if !on_show {
                return Err(if open.is_some() { Refusal::NotTheOpenCard } else { Refusal::NoOpenCard });
            }
            Event::PageTurned { screen, word }
        }
        Command::RecordProgress { index, status } => {
            if index >= state.follow_up.len() {
                return Err(Refusal::UnknownAction(index));
            }
            Event::ActionProgress { index, status }
        }
        Command::RecordFinding { kind, text, objective, card, group } => {
            if let Some(o) = &objective {
                check_objective(deck, o)?;
            }
            if let Some(c) = &card {
                deck.card(c).ok_or_else(|| Refusal::UnknownCard(c.clone()))?;
            }
            if let Some(g) = group {
                check_group(state, g)?;
            }
            // A finding made while a card is open is about that card unless said otherwise.
            let card = card.or_else(|| open.map(|p| p.card.clone()));
            Event::FindingRecorded { kind, text: non_empty(text)?, objective, card, group }
        }
        Command::AssessObjective { objective, rating, why } => {
            check_objective(deck, &objective)?;
            Event::ObjectiveAssessed { objective, rating, why: why.trim().to_string() }
        }
        Command::DetailAction { index, detail } => {
            if index >= state.actions.len() {
                return Err(Refusal::UnknownAction(index));
            }
            if let Some(o) = &detail.objective {
                check_objective(deck, o)?;
            }
            let detail = super::event::ActionDetail {
                observation: detail.observation.trim().to_string(),
                organisation: detail.organisation.trim().to_string(),
                progress: detail.progress.trim().to_string(),
                ..detail
            };
            if detail == super::event::ActionDetail::default() {
                return Err(Refusal::EmptyText);
            }
            Event::ActionDetailed { index, detail }
        }
        Command::RecordDetails { place, scope } => {
            let (place, scope) = (place.trim().to_string(), scope.trim().to_string());
            if place.is_empty() && scope.is_empty() {
                return Err(Refusal::EmptyText);
            }
            Event::DetailsRecorded { place, scope }
        }
        Command::LoadPeers(cards) => Event::PeersLoaded {
            cards: cards
                .into_iter()
                .filter_map(|mut p| {
                    let card = deck.card(&p.card)?;
                    p.options.retain(|(o, n)| *n > 0 && card.option(o).is_some());
                    p.shareable().then_some(p)
                })
                .collect(),
        },
    })
}

fn check_group(state: &State, group: GroupId) -> Result<(), Refusal> {
    if group.index() < state.setup.groups.len() { Ok(()) } else { Err(Refusal::UnknownGroup(group)) }
}

fn check_objective(deck: &Deck, objective: &ObjectiveId) -> Result<(), Refusal> {
    if deck.manifest.objectives.iter().any(|o| &o.id == objective) {
        Ok(())
    } else {
        Err(Refusal::UnknownObjective(objective.clone()))
    }
}

fn non_empty(text: String) -> Result<String, Refusal> {
    let t = text.trim();
    if t.is_empty() { Err(Refusal::EmptyText) } else { Ok(t.to_string()) }
}

/// A live session: the deck, the state, the journal it writes and the clock it reads. The
/// engine knows its journal only as a [`Journal`]: a file ([`crate::log`], which also holds the
/// constructors that open one: `start`, `resume`, `annotate`) or memory (the simulator, tests).
pub struct Session<C: Clock> {
    /// Shared, so the simulator's thousands of sessions do not copy the deck each.
    deck: Arc<Deck>,
    state: State,
    records: Vec<Record>,
    journal: Box<dyn Journal>,
    clock: C,
}

impl<C: Clock> Session<C> {
    /// Starts a new session in `journal`: the setup and the deck are checked first, then the
    /// start and the agenda are recorded.
    pub fn start_in(
        deck: impl Into<Arc<Deck>>,
        setup: Setup,
        journal: impl Journal + 'static,
        clock: C,
    ) -> Result<Self, SessionError> {
        let deck = deck.into();
        validate_setup(&deck, &setup)?;
        let plan = deck.agenda(&setup.agenda).map(|a| a.cards.clone()).unwrap_or_default();
        let first = Record {
            seq: 1,
            at: clock.now().to_utc(),
            offset: clock.now().offset().local_minus_utc(),
            event: Event::SessionStarted { setup, deck_id: deck.manifest.id.clone(), deck_digest: deck.digest.clone() },
        };
        let mut journal: Box<dyn Journal> = Box::new(journal);
        journal.append(&first)?;
        let state = State::start(&first)
            .map_err(|source| SessionError::Unusable { path: journal.path().to_path_buf(), source })?;
        let mut session = Session { deck, state, records: vec![first], journal, clock };
        session.execute(Command::ChangeAgenda(plan))?;
        Ok(session)
    }

    /// A session kept in memory only: for the simulator and tests, which need no file.
    pub fn in_memory(deck: impl Into<Arc<Deck>>, setup: Setup, clock: C) -> Result<Self, SessionError> {
        Self::start_in(deck, setup, MemoryJournal::new(), clock)
    }

    /// Continues a session from its events with a journal of the caller's choosing: for tools
    /// that move a session to another file, and for tests of what happens when the disk fails.
    pub fn continue_in(
        deck: Deck,
        records: Vec<Record>,
        journal: impl Journal + 'static,
        clock: C,
    ) -> Result<Self, SessionError> {
        let (state, _) = State::fold(&records)
            .map_err(|source| SessionError::Unusable { path: journal.path().to_path_buf(), source })?;
        Ok(Session { deck: Arc::new(deck), state, records, journal: Box::new(journal), clock })
    }

    /// A session from events already folded (a log read back), going on in `journal`.
    pub(crate) fn carry_on(
        deck: Deck,
        state: State,
        records: Vec<Record>,
        journal: Box<dyn Journal>,
        clock: C,
    ) -> Self {
        Session { deck: Arc::new(deck), state, records, journal, clock }
    }

    /// Records the time between the last event and now as a pause (paused at the last event,
    /// resumed now), unless the clock was already paused or the session is over: a session
    /// taken up again goes on where it was (card time, session time, timed developments).
    pub fn pause_downtime(&mut self) -> Result<(), SessionError> {
        let now = self.clock.now();
        if self.state.is_ended() || self.state.is_paused() || now.to_utc() <= self.state.last_at {
            return Ok(());
        }
        let paused_at = self.state.last_at;
        self.write(Event::ClockPaused, paused_at, now.offset().local_minus_utc())?;
        self.write(Event::ClockResumed, now.to_utc(), now.offset().local_minus_utc())?;
        Ok(())
    }

    /// Checks, writes and applies a command. On any error the state is unchanged.
    pub fn execute(&mut self, command: Command) -> Result<&Record, SessionError> {
        let event = decide(&self.state, &self.deck, command)?;
        let now = self.clock.now();
        self.write(event, now.to_utc(), now.offset().local_minus_utc())
    }

    /// Writes an event and, once the journal took it, applies it.
    fn write(&mut self, event: Event, at: chrono::DateTime<chrono::Utc>, offset: i32) -> Result<&Record, SessionError> {
        let record = Record {
            seq: self.state.last_seq + 1,
            // Never before the previous event, even if the wall clock steps back.
            at: at.max(self.state.last_at),
            offset,
            event,
        };
        // Never write what the reader would refuse (a pasted book, a previous session of
        // thousands of actions): it would be lost from the session on the next read.
        if let Some(max) = self.journal.max_line()
            && serde_json::to_vec(&record).map_or(true, |line| line.len() > max)
        {
            return Err(Refusal::TooLarge.into());
        }
        self.journal.append(&record)?;
        self.state
            .apply(&record)
            .map_err(|source| SessionError::Unusable { path: self.journal.path().to_path_buf(), source })?;
        self.records.push(record);
        Ok(self.records.last().expect("just pushed"))
    }

    /// Adds an action as the action form has it, all text: the owner (a role's name or anyone,
    /// e.g. "wethouder") and "by when" as typed, with the card on screen. A "by when" that is not
    /// a date is refused ([`SessionError::Due`], with examples) and nothing is written.
    pub fn add_action(
        &mut self,
        group: GroupId,
        what: &str,
        owner: &str,
        due: &str,
        card: Option<CardId>,
    ) -> Result<&Record, SessionError> {
        let due = parse_due(due)?;
        let owner = Owner::parse(owner).ok_or(Refusal::EmptyText)?;
        self.execute(Command::AddActionItem { group, what: what.to_string(), owner, due, card })
    }

    /// Releases every timed inject that is due; returns what was released.
    pub fn release_due(&mut self) -> Result<Vec<InjectId>, SessionError> {
        let due = self.state.due_injects(&self.deck, self.clock.now().to_utc());
        for inject in &due {
            self.execute(Command::ReleaseInject(inject.clone()))?;
        }
        Ok(due)
    }

    /// Moves the session to another journal after a write failure: writes every event so far
    /// to `journal` and continues there. The old journal is left as it is.
    pub fn move_to(&mut self, journal: impl Journal + 'static) -> Result<(), SessionError> {
        let mut journal: Box<dyn Journal> = Box::new(journal);
        for record in &self.records {
            journal.append(record)?;
        }
        journal.settle()?;
        self.journal = journal;
        Ok(())
    }

    /// Makes the journal's first lines durable ([`Journal::settle`]): a new log's header and
    /// first events are synced once, before the session is shown.
    pub(crate) fn settle_journal(&mut self) -> Result<(), SessionError> {
        Ok(self.journal.settle()?)
    }

    pub fn state(&self) -> &State {
        &self.state
    }

    /// The state as it ended, without a copy (the simulator keeps thousands).
    pub fn into_state(self) -> State {
        self.state
    }

    pub fn deck(&self) -> &Deck {
        &self.deck
    }

    pub fn records(&self) -> &[Record] {
        &self.records
    }

    /// Where the journal is kept (the log file; empty in memory).
    pub fn log_path(&self) -> &Path {
        self.journal.path()
    }

    pub fn clock(&self) -> &C {
        &self.clock
    }
}
