#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! `weerbaar review`: the finished session, card by card, read-only.

use crate::common;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::debrief::load_log;
use weerbaar::scenario::Lang;
use weerbaar::ui::review::Review;
use weerbaar::ui::run::Program;

fn draw(r: &Review, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| r.render(f)).unwrap();
    terminal.backend().to_string()
}

fn key(r: &mut Review, code: KeyCode) {
    r.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn review_walks_card_by_card_to_the_debrief_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let before = std::fs::read(&path).unwrap();
    for lang in [Lang::Nl, Lang::En] {
        let log = load_log(&path, &common::deck()).unwrap();
        let mut r = Review::new(log, common::deck(), lang);
        let mut pages = Vec::new();
        for _ in 0..4 {
            pages.push(draw(&r, 120, 40).replace(&dir.path().display().to_string(), "<tmp>"));
            key(&mut r, KeyCode::Right);
        }
        key(&mut r, KeyCode::Right);
        assert_eq!(r.page, 3, "the debrief page is the last");
        for (i, page) in pages.iter().enumerate() {
            insta::assert_snapshot!(format!("review_{}_page{}", lang.code(), i + 1), page);
        }
        key(&mut r, KeyCode::Left);
        key(&mut r, KeyCode::Char('f'));
        assert!(draw(&r, 120, 40).contains("Rotterdam (2017)"), "facilitator notes on request");
        key(&mut r, KeyCode::Char('q'));
        assert!(r.should_quit());
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "review never writes to the log");
}

#[test]
fn the_review_s_end_page_marks_an_action_agreed_again_as_carried_over() {
    use weerbaar::scenario::Role;
    use weerbaar::session::{Command, GroupId, Progress, Session};
    let dir = tempfile::tempdir().unwrap();
    let first = common::fixture_log(dir.path(), "eerste.jsonl", ["Laren", "Huizen"], 11);
    let previous = load_log(&first, &common::deck()).unwrap();
    let path = dir.path().join("tweede.jsonl");
    let mut s = Session::start(
        common::deck(),
        common::setup("Tweede sessie", &["Laren", "Huizen"], "gemengd"),
        &path,
        common::clock(),
    )
    .unwrap();
    let from = weerbaar::debrief::previous_session(&previous.state, "eerste.jsonl");
    s.execute(Command::FollowUpOn(Box::new(from))).unwrap();
    s.execute(Command::RecordProgress { index: 1, status: Progress::UnderWay }).unwrap();
    // Huizen's open action, agreed again.
    s.execute(Command::AddAction {
        group: GroupId(1),
        what: "Back-ups offline testen".into(),
        owner: Role::Ciso,
        due: "31-3-2027".into(),
    })
    .unwrap();
    s.execute(Command::End).unwrap();
    for (lang, mark) in [(Lang::Nl, "— overgenomen van 23-11-2026"), (Lang::En, "— carried over from 23 November 2026")]
    {
        let mut r = Review::new(load_log(&path, &common::deck()).unwrap(), common::deck(), lang);
        key(&mut r, KeyCode::End);
        let page = draw(&r, 120, 40);
        let line = page.lines().find(|l| l.contains("Back-ups offline testen")).unwrap_or_else(|| panic!("{page}"));
        assert!(line.contains("□") && line.contains(mark), "{page}");
        assert_eq!(page.matches("Back-ups offline testen").count(), 1, "listed once:\n{page}");
    }
}

/// A page that does not fit 80x24 is paged, and the page keys turn one page at a time and
/// stop at the last: PgUp after many PgDn goes back at once.
#[test]
fn the_review_s_page_keys_turn_one_page_and_stop_at_the_last() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::fixture_log(dir.path(), "sessie.jsonl", ["Laren", "Krimpen aan den IJssel"], 11);
    let log = load_log(&path, &common::deck()).unwrap();
    let mut r = Review::new(log, common::deck(), Lang::Nl);
    key(&mut r, KeyCode::End); // the debrief page: longer than a screen
    let first = draw(&r, 80, 24);
    let marker = |screen: &str| -> Option<(usize, usize)> {
        let at = screen.find("pagina ")?;
        let rest = &screen[at + "pagina ".len()..];
        let (page, total) = rest.split_once('/')?;
        let total: String = total.chars().take_while(char::is_ascii_digit).collect();
        Some((page.parse().ok()?, total.parse().ok()?))
    };
    let Some((1, total)) = marker(&first) else { panic!("not paged at 80x24:\n{first}") };
    assert!(total >= 2);
    key(&mut r, KeyCode::PageDown);
    assert_eq!(marker(&draw(&r, 80, 24)), Some((2, total)), "one page, not ten");
    for _ in 0..20 {
        key(&mut r, KeyCode::PageDown);
        draw(&r, 80, 24);
    }
    assert_eq!(marker(&draw(&r, 80, 24)), Some((total, total)));
    key(&mut r, KeyCode::PageUp);
    assert_eq!(marker(&draw(&r, 80, 24)), Some((total - 1, total)), "back at once from the last page");
}
