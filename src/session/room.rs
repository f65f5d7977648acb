//! What the room may see: the product's safety rule, in one place and without a terminal.
//!
//! Assume the room reads whatever the console shows (a mirrored projector is the common set-up).
//! Unrevealed answers, private notes and the other groups' drafts are hidden by default
//! everywhere, and shown only in a view the facilitator switched to on purpose. Every view (the
//! console, the audience screen, the review, the delegations' own pages) is built for one
//! [`Viewer`], asked once; the renderers ask the viewer, never a flag of their own.

use super::event::Source;
use super::state::{Choice, Play, State};
use crate::scenario::text::L;
use crate::scenario::{Card, Deck, InjectId, Lang, clean};

pub const CLOSED_UNREVEALED: L = L("gesloten zonder de antwoorden te tonen", "closed without showing the answers");
pub const CLOSED_UNPLAYED: L = L("gesloten, niet gespeeld", "closed, not played");
pub const FOR_THOSE_CONCERNED: L = L("voor wie het betreft", "for the groups concerned");
pub const ONLY_FOR: L = L("alleen voor", "only for");
pub const DISSENT: L = L("afwijkende mening", "dissent");
pub const VIA_DEVICE: L = L("via apparaat", "via device");

/// Who looks at a view. The room is the default: a view shows more only when the facilitator
/// chose so (the private view) or the session is being looked back on (the review).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Viewer {
    /// The console as the room sees it on a mirrored projector.
    #[default]
    Console,
    /// The room's own screens: the audience screen and the delegations' pages. No facilitator's
    /// cursor, no keys; the page is the one the gespreksleider turned to.
    Audience,
    /// The facilitator's private console view, switched on on purpose: recorded answers before
    /// the reveal, notes.
    Private,
    /// The facilitator's look back after the session: every recorded answer, notes.
    Review,
}

impl Viewer {
    /// Whether the room may see this view: the audience screen always, the console unless the
    /// facilitator switched to the private view.
    pub fn room_safe(self) -> bool {
        matches!(self, Viewer::Console | Viewer::Audience)
    }

    /// Whether the view is the room's own screen (no cursor, no keys).
    pub fn is_audience(self) -> bool {
        self == Viewer::Audience
    }

    /// Whether the facilitator's own marks (the selected group, the page keys) are drawn.
    pub fn shows_controls(self) -> bool {
        !self.is_audience()
    }

    /// Whether what only the facilitator may read (recorded answers before the reveal, which
    /// group used a device, private notes) may be drawn.
    pub fn shows_private(self) -> bool {
        !self.room_safe()
    }

    /// Whether the facilitator notes may be drawn when `asked` for: never where the room looks.
    pub fn shows_notes(self, asked: bool) -> bool {
        asked && self.shows_private()
    }

    /// Whether every recorded answer is drawn, revealed or not (the review after the session).
    pub fn reveals_all(self) -> bool {
        self == Viewer::Review
    }

    /// Whether the answers of `play` may be drawn: for the room only after the reveal, in the
    /// facilitator's private view and in a review always.
    pub fn answers_visible(self, play: &Play) -> bool {
        !self.room_safe() || play.is_revealed() || self.reveals_all()
    }

    /// For a card whose answers this viewer may not see: why (closed without answers, or
    /// without the reveal). `None` when the answers may be shown.
    pub fn hidden_reason(self, play: &Play, lang: Lang) -> Option<&'static str> {
        if self.answers_visible(play) {
            None
        } else if play.choices.is_empty() {
            Some(CLOSED_UNPLAYED.get(lang))
        } else {
            Some(CLOSED_UNREVEALED.get(lang))
        }
    }

    /// The label of a conditional development: who it is for, or for the room before the card
    /// it depends on was revealed, a phrase that names no one (the names would tell the room who
    /// chose what). `None` for a development for everyone.
    pub fn only_for_label(
        self,
        state: &State,
        deck: &Deck,
        play: &Play,
        card: &Card,
        inject: &InjectId,
        lang: Lang,
    ) -> Option<String> {
        card.inject(inject)?.only_if.as_ref()?;
        if self.room_safe() && !self.reveals_all() && !condition_public(state, card, inject) {
            return Some(format!("[{}]", FOR_THOSE_CONCERNED.get(lang)));
        }
        let names: Vec<String> = state
            .inject_audience(deck, &play.card, inject)
            .iter()
            .map(|g| clean(state.group_name(*g)).into_owned())
            .collect();
        Some(format!("[{} {}]", ONLY_FOR.get(lang), names.join(", ")))
    }
}

/// Whether the card a conditional development depends on has been revealed (so the room has
/// already seen who chose the option the development is for).
fn condition_public(state: &State, card: &Card, inject: &InjectId) -> bool {
    let Some(cond) = card.inject(inject).and_then(|i| i.only_if.as_ref()) else {
        return true;
    };
    state.plays.iter().any(|p| p.card == cond.card && p.is_revealed())
}

/// Whether how earlier sessions answered the card (`play --peers`) may be shown: like the
/// answers themselves, only after the card's reveal, for every viewer.
pub fn peers_visible(play: &Play) -> bool {
    play.is_revealed()
}

/// How a group decided, and who dissented: `meerderheid · afwijkende mening: CISO`.
/// `short` names the roles by their abbreviation, for narrow columns.
pub fn how_decided(choice: &Choice, lang: Lang, short: bool) -> String {
    let mut how = choice.decision.label(lang).to_string();
    if !choice.dissent.is_empty() {
        let roles: Vec<&str> =
            choice.dissent.iter().map(|r| if short { r.short(lang) } else { r.label(lang) }).collect();
        how.push_str(&format!(" · {}: {}", DISSENT.get(lang), roles.join(", ")));
    }
    how
}

/// One group's answer for the facilitator's eyes: `2 · meerderheid · afwijkende mening: CISO`,
/// with `via apparaat` right after the option when the group entered it on its own device (first,
/// so a narrow column cuts the decision, not the source).
pub fn choice_summary(option: Option<usize>, choice: &Choice, lang: Lang) -> String {
    let option = match (option, choice.outside()) {
        (Some(i), _) => i.to_string(),
        (None, Some(outside)) => outside.describe(&choice.other, lang),
        (None, None) => "?".to_string(),
    };
    format!("{option}{} · {}", via_device(choice, lang), how_decided(choice, lang, true))
}

/// ` · via apparaat` for an answer entered on the group's own device (`play --devices`), else
/// nothing: for the facilitator's views (private console, review), never the room's.
pub fn via_device(choice: &Choice, lang: Lang) -> String {
    match choice.source {
        Source::Device => format!(" · {}", VIA_DEVICE.get(lang)),
        Source::Console => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{CardId, Role};
    use crate::session::{Command, Decision, GroupId, GroupSetup, ManualClock, Session, Setup};

    const ALL: [Viewer; 4] = [Viewer::Console, Viewer::Audience, Viewer::Private, Viewer::Review];

    /// The bundled deck, two groups, and a state folded from `commands` (each must be accepted).
    fn played(commands: Vec<Command>) -> (Deck, State) {
        let deck = crate::scenario::load_deck(None).unwrap();
        let agenda = deck.manifest.agendas[0].id.clone();
        let setup = Setup {
            title: "t".into(),
            facilitator: String::new(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            lang: Lang::Nl,
            target_minutes: 120,
            seed: 1,
            agenda,
            groups: ["Laren", "Huizen"]
                .iter()
                .map(|n| GroupSetup { name: (*n).into(), roles: Role::ALL.to_vec() })
                .collect(),
        };
        let clock = ManualClock::new(chrono::DateTime::<chrono::Utc>::default().fixed_offset());
        let mut session = Session::in_memory(deck, setup, clock).unwrap();
        for command in commands {
            session.execute(command.clone()).unwrap_or_else(|e| panic!("{command:?}: {e}"));
        }
        (session.deck().clone(), session.state().clone())
    }

    fn choose(group: u8, option: &str) -> Command {
        Command::RecordChoice {
            group: GroupId(group),
            option: option.into(),
            rationale: "want".into(),
            decision: Decision::Majority,
            dissent: vec![Role::Ciso],
        }
    }

    fn open(card: &str) -> Command {
        Command::OpenCardFor { card: CardId::from(card), groups: Vec::new() }
    }

    #[test]
    fn only_the_facilitators_own_views_are_not_room_safe() {
        assert_eq!(Viewer::default(), Viewer::Console, "a view is for the room unless asked otherwise");
        let safe: Vec<Viewer> = ALL.into_iter().filter(|v| v.room_safe()).collect();
        assert_eq!(safe, [Viewer::Console, Viewer::Audience], "only the facilitator's own views show more");
        for viewer in ALL {
            // Whatever only the facilitator may read is drawn exactly where the room cannot look.
            assert_eq!(viewer.shows_private(), !viewer.room_safe(), "{viewer:?}");
            assert_eq!(viewer.shows_notes(true), !viewer.room_safe(), "{viewer:?}");
            assert!(!viewer.shows_notes(false), "{viewer:?}: notes only when asked for");
        }
        assert!(!Viewer::Audience.shows_controls(), "the room's screen shows no cursor and no keys");
        assert!(Viewer::Console.shows_controls());
    }

    #[test]
    fn the_room_sees_answers_only_after_the_reveal() {
        let (_, before) = played(vec![open("who-leads-gbt"), choose(0, "civil-service"), choose(1, "mayor-gbt")]);
        let play = before.current_play().unwrap();
        for viewer in ALL {
            let shown = viewer.answers_visible(play);
            assert_eq!(shown, !viewer.room_safe(), "{viewer:?} before the reveal");
            assert_eq!(viewer.hidden_reason(play, Lang::Nl).is_none(), shown, "{viewer:?}");
            assert!(!peers_visible(play), "earlier sessions' answers wait for the reveal too");
        }
        let (_, after) =
            played(vec![open("who-leads-gbt"), choose(0, "civil-service"), choose(1, "mayor-gbt"), Command::Reveal]);
        let play = after.current_play().unwrap();
        for viewer in ALL {
            assert!(viewer.answers_visible(play), "{viewer:?} after the reveal");
        }
        assert!(peers_visible(play));
    }

    #[test]
    fn a_card_closed_without_the_reveal_stays_hidden_from_the_room() {
        let (_, state) = played(vec![open("who-leads-gbt"), choose(0, "civil-service"), Command::CloseCard]);
        let play = &state.plays[0];
        assert_eq!(Viewer::Console.hidden_reason(play, Lang::Nl), Some(CLOSED_UNREVEALED.get(Lang::Nl)));
        assert_eq!(Viewer::Audience.hidden_reason(play, Lang::En), Some(CLOSED_UNREVEALED.get(Lang::En)));
        assert!(Viewer::Review.answers_visible(play), "the review shows what the room never saw");
        let (_, unplayed) = played(vec![open("who-leads-gbt"), Command::CloseCard]);
        assert_eq!(Viewer::Audience.hidden_reason(&unplayed.plays[0], Lang::Nl), Some(CLOSED_UNPLAYED.get(Lang::Nl)));
    }

    #[test]
    fn a_conditional_development_names_no_one_to_the_room_before_the_reveal() {
        // "mayor-sees-late" on blame-the-supplier is for the groups that chose civil-service on
        // who-leads-gbt: naming them would tell the room who chose what.
        let (card_id, inject) = (CardId::from("blame-the-supplier"), InjectId::from("mayor-sees-late"));
        let base = vec![open("who-leads-gbt"), choose(0, "civil-service"), choose(1, "mayor-gbt")];
        let mut unrevealed = base.clone();
        unrevealed.extend([Command::CloseCard, open("blame-the-supplier")]);
        let mut revealed = base;
        revealed.extend([Command::Reveal, Command::CloseCard, open("blame-the-supplier")]);
        for (commands, public) in [(unrevealed, false), (revealed, true)] {
            let (deck, state) = played(commands);
            let card = deck.card(&card_id).unwrap();
            let play = state.current_play().unwrap();
            for viewer in ALL {
                let label = viewer.only_for_label(&state, &deck, play, card, &inject, Lang::Nl).unwrap();
                let named = label.contains("Laren");
                assert_eq!(named, public || !viewer.room_safe(), "{viewer:?}, reveal {public}: {label}");
                assert!(!label.contains("Huizen"), "{label}");
                if !named {
                    assert_eq!(label, format!("[{}]", FOR_THOSE_CONCERNED.get(Lang::Nl)));
                }
            }
            let everyone = &card.injects.iter().find(|i| i.only_if.is_none()).unwrap().id;
            assert_eq!(Viewer::Audience.only_for_label(&state, &deck, play, card, everyone, Lang::Nl), None);
        }
    }

    #[test]
    fn how_a_group_decided_names_dissent_and_a_device_only_in_the_summary() {
        let (_, state) = played(vec![open("who-leads-gbt"), choose(0, "civil-service")]);
        let mut choice = state.current_play().unwrap().choices[&GroupId(0)].clone();
        assert_eq!(
            how_decided(&choice, Lang::En, false),
            format!("majority · dissent: {}", Role::Ciso.label(Lang::En))
        );
        assert_eq!(
            choice_summary(Some(2), &choice, Lang::Nl),
            format!("2 · meerderheid · afwijkende mening: {}", Role::Ciso.short(Lang::Nl))
        );
        choice.source = Source::Device;
        assert!(choice_summary(Some(2), &choice, Lang::Nl).starts_with("2 · via apparaat · "));
        // An answer outside the options is named, never numbered.
        choice.option = crate::session::OTHER.into();
        choice.other = "combinatie van 1 en 3".into();
        assert!(choice_summary(None, &choice, Lang::Nl).starts_with("anders: combinatie van 1 en 3 · "));
        choice.option = crate::session::NO_CHOICE.into();
        assert!(choice_summary(None, &choice, Lang::En).starts_with("no choice · "));
        assert!(
            !how_decided(&choice, Lang::Nl, false).contains("apparaat"),
            "the room's pages never say who used a device"
        );
    }
}
