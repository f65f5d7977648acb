#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! End-to-end: `weerbaar play --follow-up PREVIOUS_LOG` in a real terminal (tmux), the way a
//! gespreksleider starts the next session of a series.

use crate::common;
use crate::common::tools::{Tool, need};

use std::path::Path;

use common::deck_dir;
use common::tmux::{Tmux, play};

use weerbaar::scenario::{AgendaId, Lang, Role};
use weerbaar::session::{Command as Cmd, GroupId, GroupSetup, Session, Setup, SystemClock};

/// A finished earlier session: Laren (three roles) and Huizen, the fraud card answered and
/// revealed, and `actions` take-home actions for Laren.
fn previous_log(path: &Path, actions: &[&str]) {
    let deck = weerbaar::scenario::load_deck(Some(&deck_dir())).unwrap();
    let setup = Setup {
        title: "Sessie Laren - Huizen".into(),
        facilitator: "Rian van Dam".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: vec![Role::Mayor, Role::Ciso, Role::DataProtectionOfficer] },
            GroupSetup { name: "Huizen".into(), roles: Role::ALL.to_vec() },
        ],
    };
    let mut s = Session::start(deck, setup, path, SystemClock).unwrap();
    s.execute(Cmd::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    for (g, option) in [(0, "broad-campaign"), (1, "ambassadors")] {
        s.execute(Cmd::RecordChoice {
            group: GroupId(g),
            option: option.into(),
            rationale: String::new(),
            decision: weerbaar::session::Decision::Majority,
            dissent: vec![],
        })
        .unwrap();
    }
    s.execute(Cmd::Reveal).unwrap();
    for what in actions {
        s.execute(Cmd::AddAction { group: GroupId(0), what: (*what).into(), owner: Role::Ciso, due: String::new() })
            .unwrap();
    }
    s.execute(Cmd::CloseCard).unwrap();
    s.execute(Cmd::End).unwrap();
}

#[test]
fn play_follow_up_fills_in_the_form_and_a_log_without_actions_only_gives_a_notice() {
    if !need(Tool::Tmux) {
        return;
    }
    let t = Tmux::shell("followup-chain", 100, 30);
    let previous = t.path("vorige.jsonl");
    previous_log(&previous, &["Back-ups offline testen", "Crisisplan bijwerken"]);

    // Without --group: the form holds the previous session's title, gespreksleider, groups and roles.
    t.type_text(&format!(
        "{} --follow-up {} --log {}; echo KLA''AR",
        play(),
        previous.display(),
        t.path("s2.jsonl").display()
    ));
    t.send(&["Enter"]);
    let form = t.wait_for("Start de sessie");
    assert!(form.contains("Sessie Laren - Huizen") && form.contains("Rian van Dam"), "{form}");
    assert!(form.contains("1. Laren   [BM CISO FG]") && form.contains("2. Huizen"), "{form}");
    assert!(!form.contains("vorige.jsonl"), "{form}");
    // Everything stays editable: a third municipality joins, then the session starts.
    for _ in 0..4 {
        t.send(&["Down"]);
    }
    t.send(&["Enter"]);
    t.type_text("Blaricum");
    for _ in 0..6 {
        t.send(&["Down"]);
    }
    t.wait_for("3. Blaricum");
    t.send(&["Enter"]);
    let follow_up = t.wait_for("Laren: 0 van 2 gedaan");
    assert!(follow_up.contains("Vorige sessie: 12-10-2026, ‘Sessie Laren - Huizen’"), "{follow_up}");
    t.send(&["1", "Enter"]);
    let agenda = t.wait_for("eerder gespeeld");
    assert!(agenda.contains("Een golf van bankhelpdeskfraude"), "{agenda}");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");

    // A previous session without actions no longer refuses: the session starts, with a notice.
    let empty = t.path("leeg.jsonl");
    previous_log(&empty, &[]);
    t.type_text(&format!(
        "clear; {} --group Laren --group Huizen --follow-up {} --log {}; echo KLA''AR",
        play(),
        empty.display(),
        t.path("s3.jsonl").display()
    ));
    t.send(&["Enter"]);
    let started = t.wait_for("Geen actiepunten in de vorige sessie");
    assert!(started.contains("Agenda") && started.contains("eerder gespeeld"), "{started}");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}

/// Issue #28: on the follow-up status screen a digit sets the status of the selected action and
/// the selection stays there: `1 ↓ 2 ↓ 3` sets three actions in order, `↑ 1` corrects the second,
/// and the help says so. At 80x24 and 120x35, in Dutch and English.
#[test]
fn a_digit_sets_the_selected_action_and_the_selection_stays() {
    if !need(Tool::Tmux) {
        return;
    }
    for (lang, size, counted, stays) in [
        ("nl", (80, 24), "Laren: 0 van 3 gedaan", "(keuze blijft)"),
        ("en", (120, 35), "Laren: 0 of 3 done", "(stays selected)"),
    ] {
        let t = Tmux::shell(&format!("followup-digits-{lang}"), size.0, size.1);
        let previous = t.path("vorige.jsonl");
        previous_log(&previous, &["Back-ups offline testen", "Crisisplan bijwerken", "Phishingtest herhalen"]);
        let log = t.path("s2.jsonl");
        t.run(&format!(
            "{} --lang {lang} --group Laren --group Huizen --follow-up {} --log {}",
            play(),
            previous.display(),
            log.display()
        ));
        t.wait_for(counted);
        t.send(&["?"]);
        let help = t.wait_for(stays);
        assert!(help.contains("1-3"), "{help}");
        t.send(&["Escape"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        for key in ["1", "Down", "2", "Down", "3", "Up", "1"] {
            t.send(&[key]);
            std::thread::sleep(std::time::Duration::from_millis(250));
        }
        t.wait_for(if lang == "nl" { "Laren: 2 van 3 gedaan" } else { "Laren: 2 of 3 done" });
        let set: Vec<(usize, String)> = weerbaar::log::read(&log)
            .unwrap()
            .records
            .into_iter()
            .filter_map(|r| match r.event {
                weerbaar::session::Event::ActionProgress { index, status } => Some((index, format!("{status:?}"))),
                _ => None,
            })
            .collect();
        let want: Vec<(usize, String)> = [(0, "Done"), (1, "UnderWay"), (2, "NotStarted"), (1, "Done")]
            .into_iter()
            .map(|(i, s)| (i, s.to_string()))
            .collect();
        assert_eq!(set, want, "{lang}: each digit set the action selected when it was pressed");
    }
}
