#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! Agendas that fit the room: a card is written for two delegations and takes three minutes more
//! for every delegation beyond two. The agenda screen, the Tempo panel and `simulate` count with
//! that one rule, and every bundled agenda fits two hours with two, three and four delegations.

use crate::common;

use weerbaar::scenario::{self, Deck};
use weerbaar::session::simulate::{SIMULATED_GROUPS, simulate};
use weerbaar::session::{Session, pacing};
use weerbaar::ui::model::agenda_rows;
use weerbaar::ui::screens::time::Schedule;

const NAMES: [&str; 4] = ["Laren", "Huizen", "Blaricum", "Eemnes"];

#[test]
fn a_card_takes_three_minutes_more_for_every_delegation_beyond_two() {
    let deck = scenario::load_deck(None).unwrap();
    let card = deck.cards.iter().find(|c| c.minutes == 15).unwrap();
    assert_eq!([2, 3, 4].map(|g| card.minutes_for(g)), [15, 18, 21]);
    assert_eq!(card.minutes_for(1), 15, "one delegation is not quicker than the card is written for");
}

#[test]
fn every_bundled_agenda_fits_two_hours_with_two_three_and_four_delegations() {
    let deck = scenario::load_deck(None).unwrap();
    for agenda in &deck.manifest.agendas {
        for groups in SIMULATED_GROUPS {
            let planned = deck.agenda_minutes(agenda, groups);
            assert!(
                planned <= agenda.minutes,
                "{} with {groups} delegations plans {planned} of {} minutes",
                agenda.id,
                agenda.minutes
            );
        }
    }
}

/// A dense card (four options and four questions) needs more than 15 minutes of conferring.
#[test]
fn a_dense_card_gets_twenty_minutes() {
    let deck = scenario::load_deck(None).unwrap();
    for card in &deck.cards {
        if card.options.len() >= 4 && card.questions.len() >= 4 {
            assert!(card.minutes >= 20, "{}: four options and four questions in {} minutes", card.id, card.minutes);
        }
    }
}

/// A development that changes the decision comes while the groups still confer: in the first
/// two fifths of the card, not after they have chosen.
#[test]
fn timed_developments_arrive_before_the_groups_choose() {
    let deck = scenario::load_deck(None).unwrap();
    for card in &deck.cards {
        for inject in &card.injects {
            if let scenario::Release::Minute(m) = inject.at {
                assert!(m <= 6, "{}/{}: minute {m} comes after the groups have chosen", card.id, inject.id);
            }
        }
    }
}

fn start(deck: &Deck, agenda: &str, groups: usize, dir: &std::path::Path) -> Session<weerbaar::session::ManualClock> {
    let setup = common::setup("Regio Gooi", &NAMES[..groups], agenda);
    Session::start(deck.clone(), setup, &dir.join(format!("{agenda}-{groups}.jsonl")), common::clock()).unwrap()
}

#[test]
fn the_agenda_the_tempo_panel_and_simulate_plan_the_same_minutes_for_every_number_of_delegations() {
    let deck = scenario::load_deck(None).unwrap();
    let report = simulate(&deck, 20, 3);
    let dir = tempfile::tempdir().unwrap();
    for agenda in &deck.manifest.agendas {
        let (_, target, simulated) = report.fit_per_groups.iter().find(|(id, _, _)| id == &agenda.id).unwrap();
        assert_eq!(*target, agenda.minutes);
        for (i, groups) in SIMULATED_GROUPS.into_iter().enumerate() {
            let session = start(&deck, agenda.id.as_str(), groups, dir.path());
            let state = session.state();
            let now = state.last_at;
            let planned = i64::from(deck.agenda_minutes(agenda, groups));
            // The Tempo panel's expected end.
            assert_eq!(pacing(state, &deck, now).projected, planned, "{} with {groups}", agenda.id);
            // The agenda rows: the last card ends where the closing round starts.
            let schedule = Schedule::new(state, &deck, now, &agenda_rows(state, &deck));
            assert_eq!(schedule.end, planned, "{} with {groups}", agenda.id);
            let last = schedule.ends.iter().flatten().last().copied().unwrap();
            assert_eq!(last + i64::from(agenda.closing), planned, "{} with {groups}", agenda.id);
            // simulate.
            assert_eq!(i64::from(simulated[i]), planned, "{} with {groups}", agenda.id);
        }
    }
    let text = report.render();
    assert!(text.contains("planned minutes per number of delegations"), "{text}");
    assert!(!text.contains("OVERRUNS"), "{text}");
}
