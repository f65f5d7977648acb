#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The bundled deck as its authors and reviewers see it: simulated, drawn and proof-read.

use std::process::Command;

use weerbaar::scenario::{self, Lang, Role, Theme, present};
use weerbaar::session::simulate::simulate;

fn weerbaar(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_weerbaar")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn random_sessions_reach_every_card_and_every_agenda_fits() {
    let deck = scenario::load_deck(None).unwrap();
    let report = simulate(&deck, 300, 7);
    assert!(report.unreached.is_empty(), "{}", report.render());
    assert!(report.broken_follow_ups.is_empty(), "{}", report.render());
    assert!(report.unseen_injects.is_empty(), "{}", report.render());
    assert!(report.is_clean(), "{}", report.render());
    let (code, out) = weerbaar(&["simulate", "--runs", "50", "--seed", "3", "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("cards never reached: none"), "{out}");
}

#[test]
fn the_deck_covers_every_theme_and_branches() {
    let deck = scenario::load_deck(None).unwrap();
    assert!(deck.cards.len() >= 24, "{} cards", deck.cards.len());
    for theme in Theme::ALL {
        assert!(deck.cards.iter().filter(|c| c.theme == theme).count() >= 6, "{theme:?}");
    }
    for card in &deck.cards {
        assert!((3..=4).contains(&card.options.len()), "{}: {} options", card.id, card.options.len());
        assert!((2..=4).contains(&card.injects.len()), "{}: {} injects", card.id, card.injects.len());
        assert!((2..=4).contains(&card.questions.len()), "{}: {} questions", card.id, card.questions.len());
        assert!(!card.notes.nl.is_empty() && !card.references.is_empty(), "{}: notes and references", card.id);
    }
    assert!(deck.manifest.agendas.len() >= 3);
    let branching =
        deck.cards
            .iter()
            .filter(|c| {
                c.options.iter().any(|o| o.follow_up.is_some())
                    || deck.cards.iter().any(|other| {
                        other.injects.iter().any(|i| i.only_if.as_ref().is_some_and(|cond| cond.card == c.id))
                    })
            })
            .count();
    assert!(branching * 3 >= deck.cards.len(), "only {branching} of {} cards branch", deck.cards.len());
}

#[test]
fn the_graph_draws_every_card_and_follow_up() {
    let deck = scenario::load_deck(None).unwrap();
    let mermaid = present::mermaid(&deck, Lang::Nl);
    assert!(mermaid.starts_with("flowchart TD\n"));
    for card in &deck.cards {
        assert!(mermaid.contains(&format!("  {}[\"", card.id.as_str().replace('-', "_"))), "{}", card.id);
        for o in card.options.iter().filter(|o| o.follow_up.is_some()) {
            assert!(mermaid.contains(&format!("-->|\"{}\"|", o.id)), "{}/{}", card.id, o.id);
        }
    }
    let (code, dot) = weerbaar(&["graph", "--format", "dot", "--lang", "en"]);
    assert_eq!(code, 0);
    assert!(dot.starts_with("digraph deck {") && dot.trim_end().ends_with('}'));
    assert_eq!(dot.matches("fillcolor=").count(), deck.cards.len());
    assert_eq!(weerbaar(&["graph", "--format", "svg"]).0, 2);
}

#[test]
fn the_proof_copy_holds_every_text_of_the_deck() {
    let deck = scenario::load_deck(None).unwrap();
    for lang in [Lang::Nl, Lang::En] {
        let proof = present::proof(&deck, lang);
        for card in &deck.cards {
            assert!(proof.contains(&format!("(`{}`)", card.id)), "{}", card.id);
            let notes: String = card.notes.show(lang).chars().take(40).collect();
            assert!(proof.contains(notes.split(['*', '_', '[', '#']).next().unwrap_or("")), "notes of {}", card.id);
            for o in &card.options {
                let consequence: String = o.consequence.show(lang).chars().take(30).collect();
                assert!(
                    proof.contains(consequence.split(['*', '_', '[', '#', '\'']).next().unwrap_or("")),
                    "{}/{}",
                    card.id,
                    o.id
                );
            }
            for p in &card.practices {
                let text: String = p.text.show(lang).chars().take(30).collect();
                let plain = |t: &str| t.split(['*', '_', '[', '#', '\'', '.']).next().unwrap_or("").to_string();
                assert!(proof.contains(&plain(&text)), "practice of {}: {text}", card.id);
                assert!(proof.contains(&plain(&p.who)), "who of a practice of {}", card.id);
            }
        }
        let heading = if lang == Lang::Nl { "Wat anderen deden" } else { "What others did" };
        assert!(proof.contains(heading), "the practices are in the proof copy");
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("proef.md");
    let (code, _) = weerbaar(&["proof", "--lang", "en", "-o", out.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(out).unwrap().contains("## Cards"));
}

#[test]
fn every_agenda_leaves_room_for_a_follow_up_in_at_least_half_the_sessions_that_ask() {
    let deck = scenario::load_deck(None).unwrap();
    for agenda in &deck.manifest.agendas {
        let cards: Vec<_> = agenda.cards.iter().map(|id| deck.card(id).unwrap()).collect();
        assert_eq!(cards.len(), 4, "{}: four cards fit two hours with four delegations", agenda.id);
        assert!(agenda.opening >= 15, "{}: an opening of {} minutes", agenda.id, agenda.opening);
        for c in &cards {
            assert!(c.minutes >= 15, "{}: card {} has {} minutes", agenda.id, c.id, c.minutes);
        }
        let planned: u32 = cards.iter().map(|c| c.minutes).sum::<u32>() + agenda.opening + agenda.closing;
        assert!(
            planned + 15 <= agenda.minutes,
            "{}: {planned} of {} minutes planned with two delegations",
            agenda.id,
            agenda.minutes
        );
    }
    // Simulated sessions have two to four delegations. With four, a four-card agenda fills the two
    // hours (114 of 120 minutes) and the Tempo panel proposes a card to drop for a follow-up; with
    // two or three, the follow-up fits. So of the sessions that ask for one, at least half fit it.
    let runs = 200;
    let report = simulate(&deck, runs, 11);
    assert_eq!(report.follow_up_fit.len(), deck.manifest.agendas.len());
    for (agenda, asked, fitted) in &report.follow_up_fit {
        assert!(*asked > 0, "{agenda}: no session asked for a follow-up");
        assert!(fitted * 2 >= *asked, "{agenda}: a follow-up fitted in {fitted} of the {asked} sessions that asked");
    }
    let (code, out) = weerbaar(&["simulate", "--runs", "100", "--seed", "5", "--lang", "en"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("follow-ups (sessions that asked for one / in which one fitted the clock"), "{out}");
}

#[test]
fn each_card_involves_the_mayor_and_asks_a_named_role_a_question() {
    let deck = scenario::load_deck(None).unwrap();
    for card in &deck.cards {
        assert!(card.roles.contains(&Role::Mayor), "{}: no mayor, but these are executive conversations", card.id);
        for lang in [Lang::Nl, Lang::En] {
            let named = card.questions.iter().any(|q| {
                let q = q.show(lang).to_lowercase();
                card.roles.iter().any(|r| q.contains(&r.label(lang).to_lowercase()))
            });
            assert!(named, "{} ({lang:?}): no question names one of its roles", card.id);
        }
    }
    // Where personal data is at stake, the DPO has work (the review's list).
    for id in [
        "phishing-test-results",
        "telegram-riot-call",
        "drug-dealing-telegram",
        "helpdesk-fraud-wave",
        "sextortion-schools",
        "project-x-invitation",
        "forensic-report-public",
        "ransom-friday",
        "supplier-breach-72h",
    ] {
        let card = deck.cards.iter().find(|c| c.id.as_str() == id).unwrap();
        assert!(card.roles.contains(&Role::DataProtectionOfficer), "{id}: no DPO");
        let label = Role::DataProtectionOfficer.label(Lang::Nl);
        assert!(card.questions.iter().any(|q| q.show(Lang::Nl).contains(label)), "{id}: no question for the DPO");
    }
}

/// The references are printed under each card in the debrief a council reads: a law, a report, a
/// publisher. A path into this repository means nothing to a mayor.
#[test]
fn no_reference_points_a_mayor_to_a_file_of_the_repository() {
    let deck = scenario::load_deck(None).unwrap();
    for card in &deck.cards {
        for reference in &card.references {
            for lang in [Lang::Nl, Lang::En] {
                let text = reference.get(lang);
                assert!(
                    !text.contains("docs/") && !text.contains(".md") && !text.contains(".ron"),
                    "{}: the reference {text:?} names a file",
                    card.id
                );
            }
        }
    }
}

#[test]
fn the_bundled_deck_is_clean_and_loads_fast_as_checked() {
    // Playing loads the bundled deck without the checker (`scenario::load::bundled_deck`), so the
    // first frame does not wait for checks settled at build time. That holds only while the checker
    // finds nothing in it, not even a warning, and the fast path gives the very same deck.
    let loaded = scenario::load(None).unwrap();
    let problems: Vec<String> = loaded.diagnostics.iter().map(|d| format!("{d:?}")).collect();
    assert!(problems.is_empty(), "the bundled deck must be clean: {problems:#?}");
    let checked = loaded.into_deck().unwrap();
    let fast = scenario::load::bundled_deck().expect("the bundled deck parses without the checker");
    // The cards are read when first used, from the JSON build.rs embedded (not by the fallback).
    assert!(!fast.cards.is_read(), "the bundled deck's cards are read only when used");
    let embedded = scenario::load::embedded_cards().expect("the embedded cards read");
    assert_eq!(serde_json::to_value(&embedded).unwrap(), serde_json::to_value(&*checked.cards).unwrap());
    assert_eq!(serde_json::to_value(&fast).unwrap(), serde_json::to_value(&checked).unwrap());
    assert!(fast.cards.is_read());
    assert_eq!(fast.digest, checked.digest);
    let files = |d: &scenario::Deck| d.sources.iter().map(|s| (s.path.clone(), s.bytes.clone())).collect::<Vec<_>>();
    assert_eq!(files(&fast), files(&checked));
    assert_eq!(fast.cards.len(), checked.cards.len());
    // And every command that plays takes the fast path.
    assert_eq!(scenario::load_deck(None).unwrap().digest, checked.digest);
}

#[test]
fn a_log_of_the_bundled_deck_starts_with_its_encoded_record() {
    // A new log's header records the deck; for the bundled deck that record was encoded by
    // build.rs, so a session starts without encoding 400 KB. It must be the same bytes.
    let deck = scenario::load_deck(None).unwrap();
    let encoded = serde_json::to_string(&weerbaar::log::Header::for_deck(&deck)).unwrap();
    assert_eq!(weerbaar::log::Header::line_for_deck(&deck).unwrap(), encoded);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.jsonl");
    drop(weerbaar::log::LogWriter::create(&path, &deck).unwrap());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), format!("{encoded}\n"));
    // Any other deck is encoded as it is: one changed byte and the build's record is not used.
    let mut sources = scenario::load::bundled_sources();
    sources.last_mut().unwrap().bytes.to_mut().extend_from_slice(b"\n// edited\n");
    let edited = scenario::load_sources(sources).into_deck().unwrap();
    let line = weerbaar::log::Header::line_for_deck(&edited).unwrap();
    assert_eq!(line, serde_json::to_string(&weerbaar::log::Header::for_deck(&edited)).unwrap());
    assert_ne!(line, encoded);
    assert!(line.contains("// edited"), "{}", &line[..200]);
}

#[test]
fn the_setup_screen_shows_the_bundled_deck_before_its_cards_are_read() {
    // The first frame of `weerbaar` (the setup form) needs the manifest only: the cards are read
    // when the session starts, and the session has all of them.
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use weerbaar::session::ManualClock;
    use weerbaar::ui::{App, Launch, Screen, SetupForm, screens};

    let dir = tempfile::tempdir().unwrap();
    let deck = scenario::load_deck(None).unwrap();
    let cards = scenario::load(None).unwrap().into_deck().unwrap().cards.len();
    let launch = Launch {
        deck,
        log: Some(dir.path().join("s.jsonl")),
        log_dir: dir.path().to_path_buf(),
        seed: 3,
        facilitator: String::new(),
        follow_up: None,
    };
    let start = chrono::DateTime::parse_from_rfc3339("2026-12-07T14:00:00+01:00").unwrap();
    let mut app = App::with_setup(launch, SetupForm::new(Lang::Nl, "Rian"), Lang::Nl, ManualClock::new(start));
    for (width, height) in [(120, 35), (80, 24)] {
        let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| screens::render(&app, f)).unwrap();
        let shown = terminal.backend().to_string();
        assert!(shown.contains("Nieuwe sessie"), "{shown}");
        let agenda = &app.launch.deck.manifest.agendas[0];
        let line = format!("({} min, {} kaarten)", agenda.minutes, agenda.cards.len());
        assert!(shown.contains(&line), "{line} in {shown}");
    }
    assert!(!app.launch.deck.cards.is_read(), "drawing the setup form read the cards");

    let mut press = |code| app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
    for c in "Regio Gooi".chars() {
        press(KeyCode::Char(c));
    }
    press(KeyCode::Tab);
    press(KeyCode::Tab);
    for c in "Laren".chars() {
        press(KeyCode::Char(c));
    }
    press(KeyCode::Down);
    for c in "Blaricum".chars() {
        press(KeyCode::Char(c));
    }
    for _ in 0..6 {
        press(KeyCode::Down); // add group, agenda, minutes, language, colours, start
    }
    press(KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Agenda, "{:?}", app.notice);
    assert_eq!(app.session().unwrap().deck().cards.len(), cards);
}
