#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! Issue #28: the room's screen shows the page the gespreksleider is on. The real console and
//! the real audience screen (`weerbaar screen`) in two tmux panes of different sizes, in Dutch
//! and English: the room starts at the first page and stays there while people read, turns when
//! the console's page key turns, and comes back with it.

use crate::common;

use common::tmux::{Tmux, words};

/// "2/5" from "pagina 2/5 · PgDn" (or "page 2/5").
fn marker(screen: &str, word: &str) -> Option<String> {
    screen.lines().find_map(|l| {
        let next = l.split(&format!(" {word} ")).nth(1)?.split_whitespace().next()?;
        next.contains('/').then(|| next.to_string())
    })
}

/// Waits until `t` shows a page marker for which `want` holds, and returns the screen.
fn wait_page(t: &Tmux, word: &str, want: impl Fn(&str) -> bool) -> String {
    let start = std::time::Instant::now();
    loop {
        let screen = t.screen();
        if marker(&screen, word).is_some_and(|m| want(&m)) {
            return screen;
        }
        assert!(start.elapsed() < common::tmux::PATIENCE, "waited for a page; the screen shows:\n{screen}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The first row of the console's page under the comparison's summary: a group or option row.
fn first_body_row(screen: &str) -> String {
    screen
        .lines()
        .skip(3)
        .map(str::trim)
        .find(|l| l.starts_with('▸') || l.chars().next().is_some_and(|c| c.is_ascii_digit()) && !l.contains('█'))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn the_room_shows_the_page_the_gespreksleider_turns_to_and_never_turns_by_itself() {
    let groups = ["Laren", "Huizen", "Blaricum", "Eemnes", "Baarn", "Soest", "Bussum", "Naarden"];
    // The console at one size, the room's screen at the other.
    for (lang, page, console, room) in [("nl", "pagina", (80, 24), (120, 35)), ("en", "page", (120, 35), (80, 24))] {
        let deck = common::deck_dir().display().to_string();
        let mut args = vec!["play", "--deck", &deck, "--lang", lang, "--seed", "3", "--log", "s.jsonl"];
        for g in &groups {
            args.extend(["--group", g]);
        }
        let c = Tmux::program(&format!("pages-console-{lang}"), console.0, console.1, &args);
        c.wait_for(if lang == "nl" { "Tempo" } else { "Pace" });
        let log = c.path("s.jsonl").display().to_string();
        let r = Tmux::program(&format!("pages-room-{lang}"), room.0, room.1, &["screen", "--lang", lang, &log]);
        c.send(&["Enter"]);
        c.wait_for(&format!("0/{}", groups.len()));
        // Every group answers, two ways apart, with a rationale to read back.
        for i in 0..groups.len() {
            c.send(&[if i % 2 == 0 { "1" } else { "2" }, "e"]);
            std::thread::sleep(std::time::Duration::from_millis(150));
            c.type_text("Wij willen eerst weten wat de raad ervan vindt, en dan pas besluiten");
            c.send(&["Enter", "Tab"]);
            std::thread::sleep(std::time::Duration::from_millis(150));
        }
        c.send(&["Enter"]);
        let first = wait_page(&c, page, |m| m.starts_with("1/"));
        let pages: usize = marker(&first, page).unwrap().split('/').nth(1).unwrap().parse().unwrap();
        assert!(pages > 1, "eight groups' comparison is paged on the console:\n{first}");
        let room_first = wait_page(&r, page, |m| m.starts_with("1/"));
        let room_pages: usize = marker(&room_first, page).unwrap().split('/').nth(1).unwrap().parse().unwrap();

        // The gespreksleider turns a page: the room follows to the page holding the same text.
        c.send(&["PageDown"]);
        let second = wait_page(&c, page, |m| m.starts_with("2/"));
        let row = first_body_row(&second);
        assert!(!row.is_empty(), "{second}");
        let shown = wait_page(&r, page, |m| !m.starts_with("1/") || room_pages == 1);
        let lead: String = words(&row).split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(
            words(&shown).contains(&lead),
            "{lang}: the room shows the page holding {lead:?}; console:\n{second}\nroom:\n{shown}"
        );

        // To the last page and back to the first: the room comes along both ways (one more
        // step on the console's last page takes a smaller room screen to its own last page).
        for _ in 0..pages {
            c.send(&["PageDown"]);
        }
        wait_page(&c, page, |m| m == format!("{pages}/{pages}"));
        wait_page(&r, page, |m| m == format!("{room_pages}/{room_pages}"));
        for _ in 0..pages {
            c.send(&["PageUp"]);
        }
        wait_page(&c, page, |m| m.starts_with("1/"));
        let back = wait_page(&r, page, |m| m.starts_with("1/"));
        assert!(!back.contains("PgDn"), "the room's screen shows no keys:\n{back}");
        // The page turns are in the log, the only way the room's screen learns them.
        let turns = std::fs::read_to_string(c.path("s.jsonl")).unwrap().matches("\"page_turned\"").count();
        assert!(turns >= 2 * pages - 1, "{turns} page turns logged");
    }
}

/// Issue #28: after the reveal the groups' own pages (`play --devices`) show the answers outside
/// the options as the console's compare screen does. The real binary in tmux, its page fetched
/// over loopback, at 80x24 in Dutch and 120x35 in English.
#[test]
fn device_pages_show_anders_and_geen_keuze_after_the_reveal() {
    use std::io::{Read, Write};
    for (lang, (cols, rows), other, own, none) in [
        (
            "nl",
            (80, 24),
            "Anders / combinatie (telt niet in de scores)",
            "Eigen antwoord",
            "Geen keuze (telt niet in de scores)",
        ),
        ("en", (120, 35), "Other / combination (not scored)", "Own answer", "No choice (not scored)"),
    ] {
        let deck = common::deck_dir().display().to_string();
        let args = [
            "play",
            "--deck",
            &deck,
            "--lang",
            lang,
            "--group",
            "Laren",
            "--group",
            "Huizen",
            "--group",
            "Blaricum",
            "--log",
            "s.jsonl",
            "--devices",
            "127.0.0.1:0",
        ];
        let t = Tmux::program(&format!("pages-devices-{lang}"), cols, rows, &args);
        t.wait_for(if lang == "nl" { "Tempo" } else { "Pace" });
        let handout = std::fs::read_to_string(t.path("s.links.html")).unwrap();
        let link = handout.split("http://127.0.0.1:").nth(1).unwrap().split(['"', '<']).next().unwrap();
        let link = format!("127.0.0.1:{link}");
        let (host, path) = link.split_once('/').unwrap();
        assert!(host.starts_with("127.0.0.1:"), "{host}");
        t.send(&["Enter"]);
        t.wait_for("0/3");
        t.send(&["1", "Tab", "o"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        t.type_text("Een combinatie van 1 en 3");
        t.send(&["Enter"]);
        std::thread::sleep(std::time::Duration::from_millis(300));
        t.send(&["Tab", "0"]);
        t.wait_for("3/3");
        t.send(&["Enter"]);
        t.wait_for(if lang == "nl" { "Wie begint" } else { "Who starts" });
        let mut stream = std::net::TcpStream::connect(host).unwrap();
        write!(stream, "GET /{path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
        let mut page = String::new();
        stream.read_to_string(&mut page).unwrap();
        for want in [other, own, "Een combinatie van 1 en 3", none, "<b>Huizen</b>", "<b>Blaricum</b>"] {
            assert!(page.contains(want), "{lang}: Laren's page lacks {want:?}:\n{page}");
        }
    }
}
