#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! What the bundled deck promises a cyber-mayor: enough cards on every theme, and the three agendas for
//! a shared incident, the elections and the recovery, each with room for one follow-up in two hours.

use std::collections::BTreeSet;

use weerbaar::scenario::{self, AgendaId, Deck, Role, Theme};
use weerbaar::session::simulate::simulate;

const NEW_AGENDAS: [&str; 3] = ["samen-met-de-buren", "verkiezingen", "herstel"];

/// The longest follow-up a facilitator needs room for: one card of 15 minutes.
const FOLLOW_UP: u32 = 15;

fn planned(deck: &Deck, id: &str) -> u32 {
    let agenda = deck.agenda(&AgendaId::from(id)).unwrap();
    agenda.opening + agenda.closing + agenda.cards.iter().map(|c| deck.card(c).unwrap().minutes).sum::<u32>()
}

#[test]
fn the_deck_has_at_least_44_cards_and_10_on_every_theme() {
    let deck = scenario::load_deck(None).unwrap();
    assert!(deck.cards.len() >= 44, "only {} cards", deck.cards.len());
    for theme in Theme::ALL {
        let n = deck.cards.iter().filter(|c| c.theme == theme).count();
        assert!(n >= 10, "{theme:?} has only {n} cards");
    }
}

#[test]
fn the_three_new_agendas_fit_two_hours_with_room_for_a_follow_up() {
    let deck = scenario::load_deck(None).unwrap();
    for id in NEW_AGENDAS {
        let agenda = deck.agenda(&AgendaId::from(id)).unwrap_or_else(|| panic!("agenda {id} is missing"));
        assert!((4..=5).contains(&agenda.cards.len()), "{id}: {} cards", agenda.cards.len());
        assert!(
            agenda.opening >= 15,
            "{id}: an opening of {} minutes is too short for two delegations",
            agenda.opening
        );
        let cards: Vec<_> = agenda.cards.iter().map(|c| deck.card(c).unwrap()).collect();
        for card in &cards {
            assert!((15..=20).contains(&card.minutes), "{id}/{}: {} minutes", card.id, card.minutes);
            assert!(card.roles.contains(&Role::Mayor), "{id}/{}: no mayor at the table", card.id);
        }
        assert!(cards.iter().filter(|c| c.minutes == 20).count() <= 1, "{id}: more than one flagship card");
        let slack = agenda.minutes.saturating_sub(planned(&deck, id));
        assert!(slack >= FOLLOW_UP, "{id}: {slack} minutes of slack, no room for a follow-up");
        // A follow-up that adds time leads out of the agenda, and it must fit in the slack.
        let in_agenda: BTreeSet<_> = agenda.cards.iter().collect();
        let outside: Vec<_> = cards
            .iter()
            .flat_map(|c| c.options.iter().filter_map(|o| o.follow_up.as_ref()))
            .filter(|f| !in_agenda.contains(f))
            .map(|f| deck.card(f).unwrap())
            .collect();
        assert!(!outside.is_empty(), "{id}: no card leads to a follow-up outside the agenda");
        for f in outside {
            assert!(f.minutes <= slack, "{id}: the follow-up {} ({} min) does not fit in {slack}", f.id, f.minutes);
        }
    }
}

#[test]
fn random_sessions_of_the_new_agendas_fit_a_follow_up_at_least_half_the_time() {
    let deck = scenario::load_deck(None).unwrap();
    let report = simulate(&deck, 400, 11);
    for id in NEW_AGENDAS {
        let (_, target, _, _, longest) = report.agendas.iter().find(|a| a.0.as_str() == id).unwrap().clone();
        assert!(longest <= target, "{id}: a session ran to {longest} of {target} minutes");
        let (_, asked, fitted) = report.follow_up_fit.iter().find(|f| f.0.as_str() == id).unwrap().clone();
        assert!(
            asked > 0 && fitted * 2 >= asked,
            "{id}: a follow-up fitted in {fitted} of the {asked} sessions that asked"
        );
    }
}
