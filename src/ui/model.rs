//! The console's view model: which screen, which overlay, which rows. Plain data the update
//! changes and the renderers read; nothing here knows about the clock or the terminal.

use std::path::PathBuf;

use super::text_field::TextField;
use crate::scenario::{CardId, Deck, InjectId, Lang, ObjectiveId, Role, Theme, clean};
use crate::session::room::Viewer;
use crate::session::{Decision, FindingKind, GroupId, Rating, State, Undo, Visibility};

/// Which screen shows; derived from the session state, never stored beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Setup,
    /// "What have you done since?": the previous session's actions, before the first card.
    FollowUp,
    Agenda,
    Card,
    /// The closing round ("Afsluiting"): actions and notes per municipality, findings and the
    /// objectives' assessments, editable; reachable at any time, over whatever screen was on.
    Closing,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

/// What a confirmation box asks before anything is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirm {
    Quit,
    End,
    /// Close the open card without revealing the answers.
    Close,
    Skip(CardId),
    Drop(Vec<CardId>),
    /// Release a development: the box shows the text that will go to the room (Enter).
    Release(InjectId),
    /// Undo the last step; the box says what will be undone (Enter).
    Undo(Undo),
    /// Reveal although these groups have not answered ("toch tonen?").
    RevealMissing(Vec<GroupId>),
    /// Switch to the private view: answers and notes come on this screen.
    PrivateView,
}

impl Confirm {
    /// Whether only Enter confirms: for what the room sees at once and a typed letter must not
    /// set off.
    pub fn needs_enter(&self) -> bool {
        matches!(self, Confirm::Release(_) | Confirm::Undo(_))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    Confirm(Confirm),
    /// A note: about whom (field 0), who may read it (field 1), the text (field 2).
    Note {
        about: Option<GroupId>,
        visibility: Visibility,
        field: usize,
        text: TextField,
        /// The note being corrected (closing round), or `None` for a new one.
        edit: Option<usize>,
    },
    /// An action: group (0), what (1), owner (2: a role, cycled with ← →, or any text typed),
    /// by when (3: read as a date on saving).
    Action {
        group: GroupId,
        field: usize,
        what: TextField,
        owner: TextField,
        due: TextField,
        /// The action being corrected (closing round), or `None` for a new one.
        edit: Option<usize>,
    },
    /// A finding: strength or point for improvement (field 0), objective (1: `objective` is an
    /// index into the session's objectives, one past the last for none), municipality (2: none
    /// or one), the text (3). `card` is the card it was recorded on, if any.
    Finding {
        kind: FindingKind,
        objective: usize,
        group: Option<GroupId>,
        card: Option<CardId>,
        field: usize,
        text: TextField,
    },
    /// An objective's assessment: the rating (field 0, an index into [`Rating::ALL`]) and a line
    /// why (field 1).
    Assess {
        objective: ObjectiveId,
        rating: usize,
        field: usize,
        why: TextField,
    },
    Rationale {
        group: GroupId,
        text: TextField,
    },
    /// "Anders / combinatie": the group's own answer in a few words (required).
    Other {
        group: GroupId,
        text: TextField,
    },
    /// A development of the gespreksleider's own (what the room brought up, today's news),
    /// released to the room with Enter.
    Development {
        text: TextField,
    },
    /// How the group decided: a small list, `selected` in [`Decision::ALL`].
    Decision {
        group: GroupId,
        selected: usize,
    },
    /// Dissenting roles: `offered` are the roles of the delegation, `roles` the ones ticked.
    Dissent {
        group: GroupId,
        offered: Vec<Role>,
        roles: Vec<Role>,
    },
    Roles {
        group: usize,
    },
    SaveAs {
        path: TextField,
    },
    /// `d` or `r` before the group has an option: the option first (by its number), then the
    /// decision or dissent chooser, so the digit meant for the chooser is not taken as an answer.
    OptionFirst {
        group: GroupId,
        dissent: bool,
    },
    /// Any card of the deck not played and not on the agenda, filtered by theme.
    Picker {
        theme: Option<Theme>,
        selected: usize,
    },
}

impl Overlay {
    pub fn decision(group: GroupId, current: Decision) -> Overlay {
        let selected = Decision::ALL.iter().position(|d| *d == current).unwrap_or(0);
        Overlay::Decision { group, selected }
    }
}

/// An agenda row the facilitator can select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaRow {
    /// The agenda's next card (no groups), or a follow-up with the groups whose choice led there;
    /// `planned` when it is on the plan anyway (then it opens for every group).
    Suggested {
        card: CardId,
        groups: Vec<GroupId>,
        planned: bool,
    },
    Planned {
        card: CardId,
    },
}

impl AgendaRow {
    pub fn card(&self) -> &CardId {
        match self {
            AgendaRow::Suggested { card, .. } | AgendaRow::Planned { card } => card,
        }
    }

    /// The groups the card opens for: every group (empty), except for a suggested follow-up that
    /// is not on the plan, which is for the groups whose choice led there.
    pub fn open_for(&self) -> Vec<GroupId> {
        match self {
            AgendaRow::Suggested { groups, planned: false, .. } => groups.clone(),
            _ => Vec::new(),
        }
    }
}

/// What the console needs to start a session from the setup screen.
#[derive(Debug, Clone)]
pub struct Launch {
    pub deck: Deck,
    pub log: Option<PathBuf>,
    pub log_dir: PathBuf,
    pub seed: u64,
    pub facilitator: String,
    /// A previous session to follow up on (`play --follow-up`): its actions, answers, played
    /// cards, date and title.
    pub follow_up: Option<crate::session::PreviousSession>,
}

/// The selectable rows of the agenda: suggestions first (the agenda's next card and any
/// follow-ups), then the rest of the plan.
pub fn agenda_rows(state: &State, deck: &Deck) -> Vec<AgendaRow> {
    let mut rows: Vec<AgendaRow> = state
        .suggestions(deck)
        .into_iter()
        .map(|sug| AgendaRow::Suggested { card: sug.card, groups: sug.groups, planned: sug.planned })
        .collect();
    for card in &state.plan {
        if state.is_played(card) || state.skipped.contains(card) || rows.iter().any(|r| r.card() == card) {
            continue;
        }
        rows.push(AgendaRow::Planned { card: card.clone() });
    }
    rows
}

/// The cards the picker offers: every card of the deck not played (or open) and not waiting on
/// the agenda, skipped ones included, in deck order, of one theme or all.
pub fn picker_rows(state: &State, deck: &Deck, theme: Option<Theme>) -> Vec<CardId> {
    deck.cards
        .iter()
        .filter(|c| theme.is_none_or(|t| c.theme == t))
        .filter(|c| !state.is_played(&c.id) || state.returnable(&c.id))
        .filter(|c| !state.plan.contains(&c.id) || state.skipped.contains(&c.id))
        .map(|c| c.id.clone())
        .collect()
}

/// What an undo does, in one sentence for its confirmation (a question) and, once done, for the
/// status line.
pub fn describe_undo(undo: &Undo, state: &State, deck: &Deck, lang: Lang, done: bool) -> String {
    let title =
        |card: &CardId| deck.card(card).map_or_else(|| card.to_string(), |c| clean(&c.title.show(lang)).into_owned());
    let nl = lang == Lang::Nl;
    let pick = |q_nl: String, q_en: String, d_nl: String, d_en: String| match (done, nl) {
        (false, true) => q_nl,
        (false, false) => q_en,
        (true, true) => d_nl,
        (true, false) => d_en,
    };
    match undo {
        Undo::WithdrawInject { card, inject } => {
            let text = state
                .inject(deck, card, inject)
                .map_or_else(|| inject.to_string(), |i| clean(i.text.get(lang)).into_owned());
            pick(
                format!("Deze ontwikkeling van de schermen halen? „{text}”"),
                format!("Take this development off the screens? “{text}”"),
                format!("Ontwikkeling van de schermen gehaald: „{text}”"),
                format!("Development taken off the screens: “{text}”"),
            )
        }
        Undo::WithdrawChoice { group, .. } => {
            let name = clean(state.group_name(*group)).into_owned();
            pick(
                format!("Het antwoord van {name} terugnemen? De groep kiest dan opnieuw."),
                format!("Take back the answer of {name}? The group then chooses again."),
                format!("Antwoord van {name} teruggenomen."),
                format!("Answer of {name} taken back."),
            )
        }
        Undo::ReturnOpen { card } => {
            let t = title(card);
            pick(
                format!("Kaart „{t}” terug naar de agenda? Ze blijft gepland."),
                format!("Card “{t}” back to the agenda? It stays planned."),
                format!("Kaart „{t}” terug op de agenda, nog gepland."),
                format!("Card “{t}” back on the agenda, still planned."),
            )
        }
        Undo::ReturnClosed { card } => {
            let t = title(card);
            pick(
                format!("Gesloten kaart „{t}” terug op de agenda, als volgende?"),
                format!("Closed card “{t}” back on the agenda, as the next card?"),
                format!("Kaart „{t}” staat weer op de agenda, als volgende."),
                format!("Card “{t}” is back on the agenda, as the next card."),
            )
        }
        Undo::Restore { card } => {
            let t = title(card);
            pick(
                format!("Overgeslagen kaart „{t}” terug op de agenda, als volgende?"),
                format!("Skipped card “{t}” back on the agenda, as the next card?"),
                format!("Kaart „{t}” staat weer op de agenda, als volgende."),
                format!("Card “{t}” is back on the agenda, as the next card."),
            )
        }
    }
}

/// A row of the closing screen the facilitator can select: Enter corrects an action or a note,
/// or assesses an objective; a finding is selectable so the list can be read to its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClosingItem {
    /// An action, by its place in the session's actions.
    Action(usize),
    /// A note, by its place in the session's notes.
    Note(usize),
    Objective(ObjectiveId),
    /// A finding, by its place in the session's findings.
    Finding(usize),
}

/// Whether `viewer` may see a note: the room sees only what was said to the whole room; a note
/// for the facilitator or for one municipality's report waits for the private view.
pub fn note_visible(note: &crate::session::Note, viewer: Viewer) -> bool {
    viewer.shows_private() || note.visibility == Visibility::Room
}

/// The closing screen's rows in the order it draws them: per municipality its actions and the
/// notes about it, then the notes about the whole room, then per objective of the session its
/// assessment and findings, then the findings linked to no objective.
pub fn closing_items(state: &State, deck: &Deck, viewer: Viewer) -> Vec<ClosingItem> {
    let mut items = Vec::new();
    let notes_about = |about: Option<GroupId>| {
        state
            .notes
            .iter()
            .enumerate()
            .filter(move |(_, n)| n.about == about && note_visible(n, viewer))
            .map(|(i, _)| ClosingItem::Note(i))
    };
    for g in state.groups() {
        items.extend(
            state.actions.iter().enumerate().filter(|(_, a)| a.group == g).map(|(i, _)| ClosingItem::Action(i)),
        );
        items.extend(notes_about(Some(g)));
    }
    items.extend(notes_about(None));
    let objectives = state.objectives(deck);
    for o in &objectives {
        items.push(ClosingItem::Objective(o.id.clone()));
        items.extend(
            state
                .findings
                .iter()
                .enumerate()
                .filter(|(_, f)| f.objective.as_ref() == Some(&o.id))
                .map(|(i, _)| ClosingItem::Finding(i)),
        );
    }
    items.extend(
        state
            .findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.objective.as_ref().is_none_or(|id| !objectives.iter().any(|o| &o.id == id)))
            .map(|(i, _)| ClosingItem::Finding(i)),
    );
    // Findings are the private view's (see `screens::closing`): not on a room-safe screen, so not
    // selectable there either.
    if !viewer.shows_private() {
        items.retain(|i| !matches!(i, ClosingItem::Finding(_)));
    }
    items
}

impl Overlay {
    /// A new finding, about `card` when one is on screen: linked to the card's first objective
    /// (or the session's first), about no municipality in particular.
    pub fn finding(state: &State, deck: &Deck, card: Option<CardId>) -> Overlay {
        let objectives = state.objectives(deck);
        let first = card.as_ref().and_then(|c| deck.card(c)).and_then(|c| c.objectives.first());
        let objective = first.and_then(|id| objectives.iter().position(|o| &o.id == id)).unwrap_or(0);
        Overlay::Finding {
            kind: FindingKind::Strength,
            objective,
            group: None,
            card,
            field: 3,
            text: TextField::multiline(""),
        }
    }

    /// The assessment form of `objective`, holding its latest assessment if there is one.
    pub fn assess(state: &State, objective: ObjectiveId) -> Overlay {
        let (rating, why) = state
            .assessment(&objective)
            .map(|a| (Rating::ALL.iter().position(|r| *r == a.rating).unwrap_or(0), a.why.clone()))
            .unwrap_or((0, String::new()));
        Overlay::Assess { objective, rating, field: 0, why: TextField::multiline(&why) }
    }
}

/// What the last key, a letter on a screen, did that the next key can take back if it shows the
/// letter was the first of a word typed by mistake (see [`App::on_word_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FirstLetter {
    /// Opened a form, a chooser or a question (nothing written yet).
    Opened,
    /// Blanked the room's screen.
    Blackout,
    /// Paused the clock.
    Paused,
    /// Started the clock again.
    Resumed,
}
