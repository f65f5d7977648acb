#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! Issue #28, end to end in tmux at 80x24 and 120x35, Dutch and English: status and hint lines
//! never cut a word (a released development repeated on the status line, the answers strip with
//! long names), and `q` says what it does: the console asks first, the review closes at once.

use crate::common;

use common::tmux::Tmux;
use weerbaar::scenario::{Lang, Release};

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 35)];
const GROUPS: [&str; 4] = ["Krimpen aan den IJssel", "Súdwest-Fryslân", "Blaricum", "Alphen aan den Rijn"];

/// A word cut with "…" ("Súdwest…"): letters right before the ellipsis.
fn cut_words(line: &str) -> Vec<String> {
    line.split_whitespace().filter(|w| w.len() > "…".len() && w.ends_with('…')).map(str::to_string).collect()
}

#[test]
fn status_lines_keep_whole_words_and_q_says_what_it_does() {
    let deck = common::deck();
    let card = deck.card(&"helpdesk-fraud-wave".into()).unwrap().clone();
    let by_hand = card.injects.iter().find(|i| i.at == Release::Facilitator).unwrap().clone();
    for lang in [Lang::Nl, Lang::En] {
        let (code, new, asks, short, quit_q, no, closes) = match lang {
            Lang::Nl => (
                "nl",
                "NIEUW:",
                "afsluiten (vraagt eerst)",
                "q  afsluiten",
                "Weerbaar afsluiten?",
                "n",
                "sluiten (vraagt niets)",
            ),
            Lang::En => ("en", "NEW:", "quit (asks first)", "q  quit", "Quit Weerbaar?", "n", "close (asks nothing)"),
        };
        for (cols, rows) in SIZES {
            let t = Tmux::shell(&format!("words-{code}-{cols}"), cols, rows);
            let mut line = format!("{} --lang {code} --seed 2 --log s.jsonl", common::tmux::play());
            for g in GROUPS {
                line.push_str(&format!(" --group '{g}'"));
            }
            t.run(&format!("{line}; echo KLA''AR"));
            t.wait_for(if lang == Lang::Nl { "Tempo" } else { "Pace" });
            t.send(&["Enter"]);
            let opened = t.wait_for("0/4");
            // The answers: whole names, or how many more ("+2"), never "Súdwest…".
            for row in opened.lines().filter(|l| l.contains("0/4")) {
                assert!(cut_words(row).is_empty(), "{code} {cols}: a name is cut: {row}");
            }

            // A development released by hand is repeated on the status line in whole words.
            t.send(&["i"]);
            std::thread::sleep(std::time::Duration::from_millis(300));
            t.send(&["Enter"]);
            let screen = t.wait_for(new);
            let lines: Vec<&str> = screen.lines().collect();
            let start = lines.iter().rposition(|l| l.starts_with(new)).unwrap();
            let words: Vec<String> =
                format!("{new} {}", by_hand.text.get(lang)).split_whitespace().map(String::from).collect();
            // The notice rows: from "NIEUW:" to the status bar (the last row).
            let last = lines.iter().rposition(|l| !l.trim().is_empty()).unwrap();
            for row in &lines[start..last] {
                for word in row.split_whitespace() {
                    assert!(
                        words.iter().any(|w| w == word) || word == "…",
                        "{code} {cols}: `{word}` is not a whole word of the development:\n{screen}"
                    );
                }
            }
            let status = lines[last];
            assert!(status.contains(short) && !status.contains(asks), "{code} {cols}: short on the bar: {status}");

            // The help says that q asks first; q does ask; n keeps the session.
            t.send(&["?"]);
            t.wait_for(asks);
            t.escape(asks);
            t.send(&["q"]);
            t.wait_for(quit_q);
            t.send(&[no]);
            let kept = t.wait_for("0/4");
            assert!(!kept.contains(quit_q), "{kept}");
            t.send(&["q"]);
            t.wait_for(quit_q);
            t.send(&[if lang == Lang::Nl { "j" } else { "y" }]);
            t.wait_for("KLAAR");

            // The review changes nothing: its help says q closes without a question, and it does.
            t.run(&format!("clear; {} review --lang {code} s.jsonl; echo KLA''AR", common::tmux::bin()));
            std::thread::sleep(std::time::Duration::from_millis(500));
            t.send(&["?"]);
            t.wait_for(closes);
            t.escape(closes);
            t.send(&["q"]);
            t.wait_for("KLAAR");
        }
    }
}

/// Issue #28: Esc in the rationale, "anders" and action boxes with typed text asks first (the
/// note box has its own test in `forgiving`); the text stays, and a second Esc throws it away.
#[test]
fn esc_in_the_rationale_other_and_action_boxes_asks_before_throwing_text_away() {
    for (code, ask) in [("nl", "Esc nog een keer gooit die weg"), ("en", "Esc once more throws it away")] {
        for (cols, rows) in SIZES {
            let deck = common::deck_dir().display().to_string();
            let args =
                ["play", "--deck", &deck, "--lang", code, "--group", "Laren", "--group", "Huizen", "--log", "s.jsonl"];
            let t = Tmux::program(&format!("esc-{code}-{cols}"), cols, rows, &args);
            t.wait_for(if code == "nl" { "Tempo" } else { "Pace" });
            t.send(&["Enter"]);
            t.wait_for("0/2");
            for (key, typed) in [("e", "halve toelichting"), ("o", "eigen woorden"), ("a", "een halve actie")] {
                t.send(&[key]);
                std::thread::sleep(std::time::Duration::from_millis(300));
                t.type_text(typed);
                t.wait_for(typed);
                t.send(&["Escape"]);
                let asked = t.wait_for(&ask[..12]);
                let flat = asked.split_whitespace().collect::<Vec<_>>().join(" ");
                assert!(flat.contains(ask) && asked.contains(typed), "{code} {cols} `{key}`: kept and asked:\n{asked}");
                t.escape(typed);
            }
            let log = std::fs::read_to_string(t.path("s.jsonl")).unwrap();
            assert!(!log.contains("halve") && !log.contains("eigen woorden"), "thrown away on purpose: {log}");
        }
    }
}
