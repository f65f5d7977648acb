//! Undo for the last step, as compensating events: the log stays append-only, and what was
//! undone is in it as plainly as what was done. Which step is "the last" is read from the log
//! and checked against the state, so an undo is never offered for something already undone.

use super::engine::Command;
use super::event::{Event, GroupId, Record};
use super::state::State;
use crate::scenario::{CardId, InjectId};

/// A step the facilitator can take back, with the command that does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undo {
    /// A development on the screens is taken back from the room.
    WithdrawInject { card: CardId, inject: InjectId },
    /// A group's answer (before the reveal) is taken back.
    WithdrawChoice { card: CardId, group: GroupId },
    /// The open card (no answers yet) goes back to the agenda, still planned.
    ReturnOpen { card: CardId },
    /// A card closed without a reveal goes back on the agenda, as the next card.
    ReturnClosed { card: CardId },
    /// A skipped card goes back on the agenda.
    Restore { card: CardId },
}

impl Undo {
    pub fn command(&self) -> Command {
        match self {
            Undo::WithdrawInject { inject, .. } => Command::WithdrawInject(inject.clone()),
            Undo::WithdrawChoice { group, .. } => Command::WithdrawChoice(*group),
            Undo::ReturnOpen { card } | Undo::ReturnClosed { card } => Command::ReturnCard(card.clone()),
            Undo::Restore { card } => Command::RestoreCard(card.clone()),
        }
    }
}

/// Why there is nothing to undo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoUndo {
    /// Nothing since the start, or the last step was itself an undo or a card put back.
    Nothing,
    /// The room has seen the answers: a reveal is not taken back.
    Revealed,
}

/// The last step that can be undone. Pauses, the blank screen, notes, actions, rationales and
/// agenda order are passed over: they are not steps the room sees as a decision (notes and
/// actions are corrected in the closing round).
pub fn last_step(state: &State, records: &[Record]) -> Result<Undo, NoUndo> {
    let open = state.current_play();
    let is_open = |card: &CardId| open.is_some_and(|p| &p.card == card);
    for record in records.iter().rev() {
        match &record.event {
            Event::InjectReleased { card, inject } | Event::InjectWritten { card, inject, .. }
                if is_open(card) && open.is_some_and(|p| p.released.contains(inject)) =>
            {
                return Ok(Undo::WithdrawInject { card: card.clone(), inject: inject.clone() });
            }
            Event::ChoiceRecorded { card, group, .. } if is_open(card) => {
                let current = open.and_then(|p| p.choices.get(group)).is_some_and(|c| c.at == record.at);
                if current && open.is_some_and(|p| !p.is_revealed()) {
                    return Ok(Undo::WithdrawChoice { card: card.clone(), group: *group });
                }
            }
            Event::CardOpened { card, .. } if is_open(card) => {
                return match open {
                    Some(p) if p.choices.is_empty() && !p.is_revealed() => Ok(Undo::ReturnOpen { card: card.clone() }),
                    _ => Err(NoUndo::Nothing),
                };
            }
            Event::ChoicesRevealed { .. } => return Err(NoUndo::Revealed),
            Event::CardClosed { card } if open.is_none() => {
                return if state.returnable(card) {
                    Ok(Undo::ReturnClosed { card: card.clone() })
                } else {
                    Err(NoUndo::Revealed)
                };
            }
            Event::CardSkipped { card } if open.is_none() && state.skipped.contains(card) => {
                return Ok(Undo::Restore { card: card.clone() });
            }
            Event::CardReturned { .. } | Event::CardRestored { .. } | Event::SessionStarted { .. } => {
                return Err(NoUndo::Nothing);
            }
            Event::SessionEnded => return Err(NoUndo::Nothing),
            _ => {}
        }
    }
    Err(NoUndo::Nothing)
}
