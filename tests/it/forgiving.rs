#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Issue #28, end to end: the real binary in tmux at 80x24 and 120x35, in Dutch and English. A
//! console that forgives: a word typed blindly does nothing, releasing a development asks first,
//! the last step can be undone, a card opened by mistake goes back to the agenda, and a group that
//! will not choose does not hold up the reveal.

use std::path::Path;

use crate::common;
use common::tmux::words;

use common::tmux::Tmux;
use weerbaar::log;
use weerbaar::session::Event;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];

/// The words each language's texts use, so one test reads in both.
struct Words {
    lang: &'static str,
    first_card: &'static str,
    answers: &'static str,
    no_field: &'static str,
    release_title: &'static str,
    hidden: &'static str,
    inject: &'static str,
    undo_title: &'static str,
    back: &'static str,
    agenda: &'static str,
    missing: &'static str,
    compare: &'static str,
    drop_title: &'static str,
}

const NL: Words = Words {
    lang: "nl",
    first_card: "Een golf van bankhelpdeskfraude",
    answers: "Antwoorden 0/3",
    no_field: "Geen tekstveld actief",
    release_title: "Ontwikkeling vrijgeven",
    hidden: "niet op dit zaalveilige scherm",
    inject: "gehackte leverancier",
    undo_title: "Laatste stap ongedaan maken",
    back: "terug op de agenda, nog gepland",
    agenda: "Tempo",
    missing: "Blaricum heeft niet gekozen — toch tonen?",
    compare: "verder naar de agenda",
    drop_title: "Kaarten schrappen",
};

const EN: Words = Words {
    lang: "en",
    first_card: "A wave of bank-helpdesk fraud",
    answers: "Answers 0/3",
    no_field: "No text field active",
    release_title: "Release a development",
    hidden: "not on this room-safe screen",
    inject: "hacked supplier",
    undo_title: "Undo the last step",
    back: "back on the agenda, still planned",
    agenda: "Pace",
    missing: "Blaricum has not chosen — reveal anyway?",
    compare: "on to the agenda",
    drop_title: "Drop cards",
};

fn events(path: &Path) -> Vec<Event> {
    log::read(path).unwrap().records.into_iter().map(|r| r.event).collect()
}

fn start(name: &str, w: &Words, size: (u16, u16)) -> (Tmux, std::path::PathBuf) {
    start_with(name, w, size, &[])
}

fn start_with(name: &str, w: &Words, (cols, rows): (u16, u16), extra: &[&str]) -> (Tmux, std::path::PathBuf) {
    let deck = common::deck_dir().display().to_string();
    let name = format!("{name}-{}-{cols}", w.lang);
    let mut args = vec![
        "play", "--deck", &deck, "--lang", w.lang, "--group", "Laren", "--group", "Huizen", "--group", "Blaricum",
        "--seed", "5", "--log", "s.jsonl",
    ];
    args.extend_from_slice(extra);
    let t = Tmux::program(&name, cols, rows, &args);
    let log = t.path("s.jsonl");
    t.wait_for(w.agenda);
    (t, log)
}

/// Types a word as if a text field had focus, and waits for the console to have read it.
fn type_blindly(t: &Tmux, word: &str, w: &Words) {
    t.type_text(word);
    // The last letter of each word here is unbound on every screen: the status line says so.
    let screen = t.wait_for(&w.no_field[..12]);
    assert!(words(&screen).contains(w.no_field), "{screen}");
    // A key within a second of the word's last letter would be its next letter.
    std::thread::sleep(weerbaar::ui::run::WORD_GOES_ON + std::time::Duration::from_millis(100));
}

/// The boxes a letter can open on the agenda or a card (note, action, rationale, "anders", the
/// release and quit questions): none of them may be open after a word typed blindly.
fn assert_no_box(screen: &str, lang: &str) {
    let titles: &[&str] = if lang == "nl" {
        &["Notitie", "Actie", "Toelichting", "Anders / combinatie", "Ontwikkeling vrijgeven", "Weerbaar afsluiten"]
    } else {
        &["Note", "Action", "Rationale", "Other / combination", "Release a development", "Quit Weerbaar"]
    };
    for title in titles {
        assert!(!screen.contains(&format!("┌ {title} ")), "{lang}: a box {title:?} is open:\n{screen}");
    }
}

#[test]
fn words_typed_blindly_send_nothing_to_the_room_and_a_release_asks_with_its_text() {
    for w in [&NL, &EN] {
        for size in SIZES {
            let (t, log) = start("blind", w, size);
            // The agenda: words write nothing, move nothing and open nothing, whether their
            // first letter means something here (`a` action, `n` note, `q` quit) or not.
            let before = events(&log).len();
            let agenda = t.screen();
            for word in ["wij", "Huizen", "actie", "notitie", "quorum"] {
                type_blindly(&t, word, w);
                assert_no_box(&t.screen(), w.lang);
            }
            assert_eq!(events(&log).len(), before, "{}: the agenda wrote nothing", w.lang);
            assert_eq!(selected_row(&t.screen()), selected_row(&agenda), "{}: `j` in a word moved nothing", w.lang);

            // A card: the same words, and words that start with a card's letters (`e`
            // rationale, `i` release, `a` action, `n` note, `o` anders), release nothing, open
            // nothing and close nothing.
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            let opened = events(&log).len();
            for word in ["Huizen", "wij", "even", "ik", "actie", "notitie", "omdat"] {
                type_blindly(&t, word, w);
                let screen = t.screen();
                assert_no_box(&screen, w.lang);
                assert!(screen.contains(w.first_card), "{}: still on the card:\n{screen}", w.lang);
            }
            // `b` blanks the room's screen and `p` pauses the clock: as a word's first letter,
            // both are taken back by the word's next letter.
            for word in ["burgemeester", "politie"] {
                type_blindly(&t, word, w);
            }
            let screen = t.wait_for(w.answers);
            assert!(screen.contains(w.first_card), "{}: still on the card:\n{screen}", w.lang);
            let read = log::read(&log).unwrap();
            let written: Vec<&Event> = read.records[opened..]
                .iter()
                .map(|r| &r.event)
                .filter(|e| !matches!(e, Event::Blackout { .. } | Event::ClockPaused | Event::ClockResumed))
                .collect();
            assert!(written.is_empty(), "{}: {written:?}", w.lang);
            let (state, _) = weerbaar::session::State::fold(&read.records).unwrap();
            assert!(
                !state.blackout && !state.is_paused(),
                "{}: the room's screen and the clock are as they were",
                w.lang
            );

            // `i` asks, and a room-safe screen keeps the text back until Enter.
            t.send(&["i"]);
            let ask = t.wait_for(w.release_title);
            assert!(words(&ask).contains(w.hidden), "{ask}");
            assert!(!ask.contains(w.inject), "room-safe: the text waits for Enter\n{ask}");
            t.send(&["Enter"]);
            t.wait_for(w.inject);
            assert!(events(&log).iter().any(|e| matches!(e, Event::InjectReleased { .. })));
            t.send(&["C-c"]);
            t.send(&["j"]);
        }
    }
}

#[test]
fn a_card_opened_by_mistake_goes_back_and_every_step_can_be_undone() {
    for w in [&NL, &EN] {
        for size in SIZES {
            let (t, log) = start("undo", w, size);
            // Esc before any answer: back on the agenda, the same card still first.
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            t.escape(w.answers);
            let agenda = t.wait_for(w.back);
            let selected = agenda.lines().find(|l| l.contains('▶')).unwrap_or_default().to_string();
            assert!(words(&agenda).contains(w.agenda), "{agenda}");
            assert!(selected.contains(&w.first_card[..12]), "{}: the returned card is selected:\n{agenda}", w.lang);
            assert!(events(&log).iter().any(|e| matches!(e, Event::CardReturned { .. })));

            // Opened again: a development released, then taken back with u + Enter.
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            t.send(&["i"]);
            t.wait_for(w.release_title);
            t.send(&["Enter"]);
            t.wait_for(w.inject);
            t.send(&["u"]);
            let ask = t.wait_for(w.undo_title);
            assert!(words(&ask).contains(w.inject), "the undo says what it takes back:\n{ask}");
            t.send(&["Enter"]);
            let screen = t.wait_for(w.answers);
            assert!(!screen.contains(w.inject) || words(&screen).contains(w.inject), "{screen}");
            assert!(events(&log).iter().any(|e| matches!(e, Event::InjectWithdrawn { .. })));

            // An answer, taken back.
            t.send(&["2"]);
            t.wait_for(&w.answers.replace("0/3", "1/3"));
            t.send(&["u"]);
            t.wait_for(w.undo_title);
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            assert!(events(&log).iter().any(|e| matches!(e, Event::ChoiceWithdrawn { .. })));

            // Closed without a reveal, then put back from the agenda, and played after all.
            t.send(&["x"]);
            t.send(&["j"]);
            t.wait_for(w.agenda);
            t.send(&["u"]);
            t.wait_for(w.undo_title);
            t.send(&["Enter"]);
            std::thread::sleep(std::time::Duration::from_millis(300));
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            let opened = events(&log).iter().filter(|e| matches!(e, Event::CardOpened { .. })).count();
            assert_eq!(opened, 3, "{}: opened, returned; opened, closed, put back; opened", w.lang);
            t.send(&["C-c"]);
            t.send(&["j"]);
        }
    }
}

#[test]
fn a_group_that_will_not_choose_does_not_hold_up_the_reveal() {
    for w in [&NL, &EN] {
        for size in SIZES {
            let (t, log) = start("missing", w, size);
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            t.send(&["1", "Tab", "2"]);
            t.wait_for(&w.answers.replace("0/3", "2/3"));
            t.send(&["Enter"]);
            let ask = t.wait_for(&w.missing[..20]);
            assert!(words(&ask).contains(w.missing), "{ask}");
            t.send(&["n"]);
            std::thread::sleep(std::time::Duration::from_millis(200));
            assert!(!events(&log).iter().any(|e| matches!(e, Event::ChoicesRevealed { .. })), "n reveals nothing");
            t.send(&["Enter"]);
            t.wait_for(&w.missing[..20]);
            t.send(&["j"]);
            t.wait_for(w.compare);
            assert!(events(&log).iter().any(|e| matches!(e, Event::ChoicesRevealed { .. })));
            t.send(&["C-c"]);
            t.send(&["j"]);
        }
    }
}

/// Answers the open card (one digit per group, in order), reveals, and goes on to the agenda.
fn play_card(t: &Tmux, w: &Words, digits: &[&str]) {
    for (i, d) in digits.iter().enumerate() {
        if i > 0 {
            t.send(&["Tab"]);
        }
        t.send(&[d]);
    }
    t.send(&["Enter"]);
    t.wait_for(w.compare);
    // An Enter right after the reveal is taken for the tail of the one that revealed.
    std::thread::sleep(std::time::Duration::from_millis(1400));
    t.send(&["Enter"]);
    t.wait_for(w.agenda);
}

fn selected_row(screen: &str) -> String {
    screen.lines().find(|l| l.contains('▶')).unwrap_or_default().to_string()
}

#[test]
fn after_a_reveal_the_plan_is_selected_and_every_groups_follow_up_stays_offered() {
    for w in [&NL, &EN] {
        let (next, forensic, second, for_huizen) = match w.lang {
            "nl" => ("Oproep tot rellen", "De raad wil het forensisch", "Zes weken later", "vervolg voor Huizen"),
            _ => ("A call to riot", "The council wants the forensic", "Six weeks later", "follow-up for Huizen"),
        };
        for size in SIZES {
            let (t, _log) = start("plan", w, size);
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            play_card(&t, w, &["1", "1", "1"]);
            // Friday 5 pm: Laren asks the council (a follow-up), Huizen pays (another one).
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            play_card(&t, w, &["2", "3", "1"]);
            let agenda = t.wait_for(forensic);
            assert!(selected_row(&agenda).contains(next), "the planned card is selected:\n{agenda}");
            assert!(agenda.contains(second), "{agenda}");
            // Laren's follow-up played: Huizen's is still offered, the plan still selected.
            t.send(&["Down", "Enter"]);
            t.wait_for(forensic);
            t.wait_for(&w.answers.replace("0/3", "0/1"));
            play_card(&t, w, &["1"]);
            let agenda = t.wait_for(second);
            assert!(words(&agenda).contains(for_huizen), "{agenda}");
            assert!(selected_row(&agenda).contains(next), "{agenda}");
            t.send(&["C-c"]);
            t.send(&["j"]);
        }
    }
}

#[test]
fn d_and_the_tempo_panel_never_contradict_each_other() {
    for w in [&NL, &EN] {
        let (over, on_time) = match w.lang {
            "nl" => ("D schrapt er geen", "eindigt op tijd"),
            _ => ("D drops none", "ends on time"),
        };
        for size in SIZES {
            let (t, _log) = start_with("pace", w, size, &["--minutes", "10"]);
            // Far behind: D drops what it can, then every card left is the last of its theme.
            t.send(&["D"]);
            t.wait_for(w.drop_title);
            t.send(&["j"]);
            t.wait_for(w.agenda);
            std::thread::sleep(std::time::Duration::from_millis(200));
            t.send(&["D"]);
            let screen = t.wait_words(over);
            assert!(screen.contains(over), "{screen}");
            assert!(!screen.contains(on_time), "{screen}");
            t.send(&["C-c"]);
            t.send(&["j"]);
        }
    }
}

#[test]
fn esc_in_a_note_with_text_asks_before_throwing_it_away() {
    for w in [&NL, &EN] {
        let (title, ask) = match w.lang {
            "nl" => ("Notitie", "Esc nog een keer gooit die weg"),
            _ => ("Note", "Esc once more throws it away"),
        };
        for size in SIZES {
            let (t, log) = start("esc", w, size);
            t.send(&["n"]);
            t.wait_for(title);
            t.type_text("Laren wil eerst de raad bellen");
            t.wait_for("raad bellen");
            t.send(&["Escape"]);
            t.wait_words(ask);
            // The text is still there, and Enter saves it.
            t.send(&["Enter"]);
            std::thread::sleep(std::time::Duration::from_millis(300));
            let saved =
                events(&log).iter().any(|e| matches!(e, Event::NoteAdded { text, .. } if text.contains("raad")));
            assert!(saved, "{}: the note was kept and saved", w.lang);
            // Twice Esc throws a text away on purpose.
            t.send(&["n"]);
            t.wait_for(title);
            t.type_text("weg ermee");
            t.wait_for("weg ermee");
            t.send(&["Escape"]);
            t.wait_words(ask);
            t.escape("weg ermee");
            t.send(&["C-c"]);
            t.send(&["j"]);
        }
    }
}

/// `weerbaar screen` with a mistyped log name says so after a few seconds and lists the newest
/// logs in that folder, instead of waiting forever.
#[test]
fn the_room_screen_says_when_its_log_does_not_appear_and_lists_the_newest() {
    for w in [&NL, &EN] {
        let (missing, newest) = match w.lang {
            "nl" => ("Dit logboek bestaat niet", "De nieuwste logboeken in die map"),
            _ => ("This log does not exist", "The newest logs in that folder"),
        };
        for (cols, rows) in SIZES {
            let name = format!("screen-{}-{cols}", w.lang);
            // A real session's log beside the mistyped name.
            let dir = tempfile::tempdir().unwrap();
            let real = dir.path().join("2026-12-07_0120_sessie-gooi.jsonl");
            let deck = weerbaar::scenario::load_deck(Some(&common::deck_dir())).unwrap();
            let setup = common::setup("Sessie Gooi", &["Laren", "Huizen"], "gemengd");
            drop(weerbaar::session::Session::start(deck, setup, &real, common::clock()).unwrap());
            let wrong = dir.path().join("2026-12-07_0120_sessie-goi.jsonl").display().to_string();
            let t = Tmux::program(&name, cols, rows, &["screen", "--lang", w.lang, &wrong]);
            let screen = t.wait_words(missing);
            assert!(words(&screen).contains(newest), "{screen}");
            assert!(screen.contains("2026-12-07_0120_sessie-gooi.jsonl"), "{screen}");
            t.send(&["q"]);
        }
    }
}

/// The private view tells the gespreksleider what is still to come on the card, and when; the
/// release box there shows the development's text before Enter sends it.
#[test]
fn the_private_view_lists_the_developments_still_to_come() {
    for w in [&NL, &EN] {
        let coming = if w.lang == "nl" { "KOMT NOG" } else { "COMING UP" };
        for size in SIZES {
            let (t, log) = start("coming", w, size);
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            t.send(&["v"]);
            std::thread::sleep(std::time::Duration::from_millis(200));
            t.send(&["j"]);
            let screen = t.wait_for(coming);
            assert!(screen.contains("3:00"), "the timed one, with its minute:\n{screen}");
            assert!(screen.lines().any(|l| l.contains("│i ")), "the one released by hand, with its key:\n{screen}");
            t.send(&["i"]);
            let ask = t.wait_for(w.release_title);
            assert!(words(&ask).contains(w.inject), "the private view shows the text first:\n{ask}");
            t.send(&["Enter"]);
            std::thread::sleep(std::time::Duration::from_millis(300));
            assert!(events(&log).iter().any(|e| matches!(e, Event::InjectReleased { .. })));
            let after = t.wait_for(coming);
            assert!(!after.lines().any(|l| l.contains("│i ")), "released: no longer to come\n{after}");
            t.send(&["C-c"]);
            t.send(&["j"]);
        }
    }
}

/// An answer outside the options, per language: the words typed, and how every place names it.
struct Outside {
    lang: &'static str,
    typed: &'static str,
    other_title: &'static str,
    empty: &'static str,
    own: &'static str,
    none: &'static str,
    not_scored: &'static str,
}

const OUTSIDE: [Outside; 2] = [
    Outside {
        lang: "nl",
        typed: "combinatie van 1 en 3",
        other_title: "Anders / combinatie",
        empty: "Schrijf kort wat de groep koos",
        own: "Eigen antwoord: combinatie van 1 en 3",
        none: "geen keuze",
        not_scored: "telt niet in de scores",
    },
    Outside {
        lang: "en",
        typed: "a combination of 1 and 3",
        other_title: "Other / combination",
        empty: "Write briefly what the group chose",
        own: "Own answer: a combination of 1 and 3",
        none: "no choice",
        not_scored: "not scored",
    },
];

#[test]
fn an_answer_outside_the_options_is_named_as_such_and_never_scored() {
    use weerbaar::debrief::{Format, Report, load_log};
    for (w, o) in [(&NL, &OUTSIDE[0]), (&EN, &OUTSIDE[1])] {
        assert_eq!(w.lang, o.lang);
        for size in SIZES {
            let (t, log) = start("outside", w, size);
            t.send(&["Enter"]);
            t.wait_for(w.answers);
            // Laren: its own answer. Enter on an empty box records nothing and says why.
            t.send(&["o"]);
            t.wait_for(o.other_title);
            t.send(&["Enter"]);
            t.wait_words(o.empty);
            t.type_text(o.typed);
            t.send(&["Enter"]);
            t.wait_for(&w.answers.replace("0/3", "1/3"));
            // Huizen: none of these. Blaricum: option 2.
            t.send(&["Tab", "0"]);
            t.wait_for(&w.answers.replace("0/3", "2/3"));
            t.send(&["Tab", "2"]);
            t.wait_for(&w.answers.replace("0/3", "3/3"));
            t.send(&["Enter"]);
            t.wait_words(w.compare);
            // At 80x24 the compare screen is paged: the answers outside the options follow the options.
            let mut seen = String::new();
            for _ in 0..4 {
                seen.push_str(&words(&t.screen()));
                if seen.contains(o.own) {
                    break;
                }
                t.send(&["PageDown"]);
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
            assert!(seen.contains(o.not_scored) && seen.contains(o.own), "{seen}");
            assert!(seen.to_lowercase().contains(o.none), "{seen}");
            let choices: Vec<(u8, String, String)> = events(&log)
                .into_iter()
                .filter_map(|e| match e {
                    Event::ChoiceRecorded { group, option, other, .. } => Some((group.0, option.0, other)),
                    _ => None,
                })
                .collect();
            assert!(choices.contains(&(0, weerbaar::session::OTHER.into(), o.typed.into())), "{choices:?}");
            assert!(choices.contains(&(1, weerbaar::session::NO_CHOICE.into(), String::new())), "{choices:?}");
            t.send(&["C-c"]);
            t.send(&[if w.lang == "nl" { "j" } else { "y" }]);
            // Every report names both answers as such; none shows an id or an option number.
            let deck = common::deck();
            let lang = if w.lang == "nl" { weerbaar::scenario::Lang::Nl } else { weerbaar::scenario::Lang::En };
            let session = load_log(&log, &deck).unwrap();
            let report = Report::new(&deck, lang, vec![session], false);
            for format in [Format::Markdown, Format::Html, Format::Csv] {
                let text = report.render(format).unwrap();
                assert!(text.contains(o.typed), "{format:?}: {text}");
                assert!(text.contains(o.none), "{format:?}");
                assert!(!text.contains("_other") && !text.contains("_none"), "{format:?}: an id leaked");
            }
        }
    }
}

/// `I` on a card: the gespreksleider writes a development of their own; after Enter it is on
/// the room's screen like the deck's, marked new, in the log with its text, and `u` takes it
/// back from the room again.
#[test]
fn a_development_written_at_the_console_reaches_the_room_and_can_be_taken_back() {
    for (w, size) in [(&NL, (120, 35)), (&EN, (80, 24))] {
        let (t, log) = start("written", w, size);
        t.send(&["Enter"]);
        t.wait_for(w.answers);
        t.send(&["I"]);
        let title = if w.lang == "nl" { "Eigen ontwikkeling" } else { "A development of your own" };
        t.wait_for(title);
        let news = "Omroep Gooi meldt dat de burgemeester van Huizen wist van het lek.";
        t.type_text(news);
        t.wait_words("Omroep Gooi meldt");
        assert!(events(&log).iter().all(|e| !matches!(e, Event::InjectWritten { .. })), "nothing before Enter");
        t.send(&["Enter"]);
        // The console says it, and the room's own screen shows it.
        t.wait_words(news);
        let room = Tmux::program(
            &format!("written-room-{}", w.lang),
            size.0,
            size.1,
            &["screen", "--lang", w.lang, &log.display().to_string()],
        );
        room.wait_words(news);
        let written: Vec<String> = events(&log)
            .into_iter()
            .filter_map(|e| match e {
                Event::InjectWritten { text, .. } => Some(text),
                _ => None,
            })
            .collect();
        assert_eq!(written, [news]);
        // Undo: asked first, then off the room's screen.
        t.send(&["u"]);
        t.wait_for(w.undo_title);
        t.send(&["Enter"]);
        let start = std::time::Instant::now();
        while words(&room.screen()).contains("Omroep Gooi meldt") {
            assert!(start.elapsed() < common::tmux::PATIENCE, "the development stayed on the room's screen");
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        assert!(events(&log).iter().any(|e| matches!(e, Event::InjectWithdrawn { .. })));
    }
}

/// A slow typist (0.3 s a key) who thinks a text field has focus: the words' letters are typing
/// from the second one on, a question a letter opened goes at the next letter, and the Enter
/// after the words (to "save" them) releases nothing.
#[test]
fn words_typed_slowly_and_then_enter_release_nothing_and_blank_nothing() {
    for (w, size) in [(&NL, (120, 35)), (&EN, (80, 24))] {
        let (t, log) = start("slow", w, size);
        t.send(&["Enter"]);
        t.wait_for(w.answers);
        let opened = events(&log).len();
        let slowly = |text: &str| {
            for c in text.chars() {
                t.tmux(&["send-keys", "-t", "t", "-l", &c.to_string()]);
                std::thread::sleep(std::time::Duration::from_millis(300));
            }
        };
        slowly("Huizen kiest twee");
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_no_box(&t.screen(), w.lang);
        assert!(!t.screen().contains(w.release_title), "{}", t.screen());
        t.send(&["Enter"]);
        std::thread::sleep(std::time::Duration::from_millis(500));
        t.send(&["Escape"]);
        slowly("burgemeester");
        std::thread::sleep(std::time::Duration::from_millis(1200));
        let read = log::read(&log).unwrap();
        assert!(
            !read.records[opened..].iter().any(|r| matches!(r.event, Event::InjectReleased { .. })),
            "{}: a development went to the room",
            w.lang
        );
        let (state, _) = weerbaar::session::State::fold(&read.records).unwrap();
        assert!(!state.blackout, "{}: the room's screen stayed black", w.lang);
        let screen = t.screen();
        assert!(screen.contains(w.first_card), "{}: still on the card:\n{screen}", w.lang);
    }
}
