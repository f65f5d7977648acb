#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! The beamer: what the room reads on the projector. The audience screen (`weerbaar screen`)
//! never shows what the room must not see, and what it must see is on screen at any size.

mod common;

use std::path::Path;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::scenario::Lang;
use weerbaar::session::{Command, Decision, GroupId, ManualClock, Session};
use weerbaar::ui::audience::Audience;
use weerbaar::ui::run::Program;

const SIZES: [(u16, u16); 4] = [(80, 24), (100, 30), (120, 35), (160, 45)];

fn draw(a: &Audience<ManualClock>, (w, h): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|f| a.render(f)).unwrap();
    terminal.backend().to_string()
}

/// Every frame the room sees at every size over a minute (so every page of a paged screen).
fn room_frames(a: &mut Audience<ManualClock>, clock: &ManualClock) -> Vec<String> {
    let mut out = Vec::new();
    for _ in 0..12 {
        a.on_tick();
        for size in SIZES {
            out.push(draw(a, size));
        }
        clock.advance_secs(5);
    }
    out
}

/// The screen text with line breaks and borders turned into spaces and runs of spaces into one,
/// so a phrase wrapped over two lines is still found.
fn flat(screen: &str) -> String {
    let cleaned: String =
        screen.chars().map(|c| if c.is_alphanumeric() || ",.:;'!?-()[]".contains(c) { c } else { ' ' }).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn choose(s: &mut Session<ManualClock>, group: u8, option: &str, why: &str) {
    s.execute(Command::RecordChoice {
        group: GroupId(group),
        option: option.into(),
        rationale: why.into(),
        decision: Decision::Majority,
        dissent: vec![],
    })
    .unwrap();
}

const GROUPS: [&str; 3] = ["Laren", "Krimpen aan den IJssel", "Texel"];

/// Ransom Friday answered by all three groups and closed without the reveal, then the forensic
/// report with the development that is only for the groups that asked the council.
fn unrevealed_then_conditional(path: &Path, clock: &ManualClock) -> Session<ManualClock> {
    let setup = common::setup("Zaal", &GROUPS, "gemengd");
    let mut s = Session::start(common::deck(), setup, path, clock.clone()).unwrap();
    clock.advance_secs(600);
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    clock.advance_secs(300);
    choose(&mut s, 0, "ask-council", "Geheim motief van Laren");
    choose(&mut s, 1, "pay", "Geheim motief van Krimpen");
    choose(&mut s, 2, "ask-council", "");
    clock.advance_secs(300);
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::OpenCard("forensic-report-public".into())).unwrap();
    clock.advance_secs(60);
    s.execute(Command::ReleaseInject("leak-claim".into())).unwrap();
    s
}

/// What would tell the room the answers to Ransom Friday: the option labels, the rationales,
/// and the names of the groups in the label of the development that depends on it.
fn assert_no_ransom_answers(frames: &[String]) {
    for frame in frames {
        let text = flat(frame);
        for leak in [
            "Nog niet beslissen",
            "fractievoorzitters vertrouwelijk",
            "Betalen om de dienstverlening",
            "Niet betalen. Aangifte",
            "Geheim motief",
        ] {
            assert!(!text.contains(leak), "the room sees an unrevealed answer ({leak}):\n{frame}");
        }
        for name in GROUPS {
            assert!(!text.contains(&format!("alleen voor {name}")), "the room sees who chose what:\n{frame}");
        }
        assert!(!text.contains("alleen voor"), "the room sees who a development is for:\n{frame}");
    }
}

#[test]
fn the_room_never_sees_answers_of_a_card_closed_without_the_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let clock = common::clock();
    let mut s = unrevealed_then_conditional(&path, &clock);
    let mut screen = Audience::new(&path, common::deck(), Lang::Nl, clock.clone());

    let during = room_frames(&mut screen, &clock);
    assert_no_ransom_answers(&during);
    assert!(
        during.iter().any(|f| flat(f).contains("voor wie het betreft")),
        "the development is shown, labelled without names:\n{}",
        during[0]
    );

    choose(&mut s, 0, "publish-full", "");
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    let end = room_frames(&mut screen, &clock);
    assert_no_ransom_answers(&end);
    assert!(
        end.iter().any(|f| flat(f).contains("gesloten zonder de antwoorden te tonen")),
        "the end page says why there are no answers:\n{}",
        end[0]
    );
}

#[test]
fn after_the_reveal_the_room_is_told_who_a_development_is_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let clock = common::clock();
    let setup = common::setup("Zaal", &GROUPS, "gemengd");
    let mut s = Session::start(common::deck(), setup, &path, clock.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    choose(&mut s, 0, "ask-council", "");
    choose(&mut s, 1, "pay", "");
    choose(&mut s, 2, "ask-council", "");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::OpenCard("forensic-report-public".into())).unwrap();
    s.execute(Command::ReleaseInject("leak-claim".into())).unwrap();
    let mut screen = Audience::new(&path, common::deck(), Lang::Nl, clock.clone());
    let frames = room_frames(&mut screen, &clock);
    assert!(
        frames.iter().any(|f| flat(f).contains("alleen voor Laren, Texel")),
        "the label names the groups once their answers are public:\n{}",
        frames[3]
    );
    assert!(frames.iter().all(|f| !flat(f).contains("alleen voor Laren, Krimpen")));
}

/// Every cell of text in `buffer` (not bars, dots and borders) with its contrast ratio.
fn low_contrast_cells(buffer: &ratatui::buffer::Buffer) -> Vec<String> {
    use ratatui::style::{Modifier, Style};
    let mut out = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            let symbol = cell.symbol();
            let graphic = symbol.chars().all(|c| c.is_whitespace() || ('\u{2500}'..='\u{25FF}').contains(&c));
            if graphic {
                continue;
            }
            let style = Style::new().fg(cell.fg).bg(cell.bg).add_modifier(cell.modifier);
            let ratio = weerbaar::ui::theme::contrast(style);
            if ratio < 7.0 || cell.modifier.contains(Modifier::DIM) {
                out.push(format!("{symbol:?} at {x},{y}: {ratio:.1} {style:?}"));
            }
        }
    }
    out
}

#[test]
fn every_text_style_reads_at_seven_to_one_in_both_palettes() {
    use weerbaar::ui::theme::{self, Palette};
    for palette in Palette::ALL {
        theme::set_palette(palette);
        for (name, style) in theme::text_styles() {
            let ratio = theme::contrast(style);
            assert!(ratio >= 7.0, "{palette:?} {name}: contrast {ratio:.2} < 7 ({style:?})");
            assert!(!style.add_modifier.contains(ratatui::style::Modifier::DIM), "{palette:?} {name} is dimmed");
        }
    }
    theme::set_palette(Palette::Dark);
    // The measure itself: white on black is 21:1, and a colour against itself 1:1.
    assert!((theme::contrast(ratatui::style::Style::new()) - 21.0).abs() < 0.01);
    let same = ratatui::style::Color::Indexed(120);
    assert!((theme::contrast(ratatui::style::Style::new().fg(same).bg(same)) - 1.0).abs() < 0.01);
}

#[test]
fn every_character_the_room_reads_has_seven_to_one_contrast() {
    use weerbaar::ui::theme::{self, Palette};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let clock = common::clock();
    let mut s = unrevealed_then_conditional(&path, &clock);
    let mut screen = Audience::new(&path, common::deck(), Lang::Nl, clock.clone());
    let mut stages = Vec::new();
    let mut stage = |screen: &mut Audience<ManualClock>| {
        screen.on_tick();
        for palette in Palette::ALL {
            theme::set_palette(palette);
            for (w, h) in SIZES {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
                terminal
                    .draw(|f| {
                        f.render_widget(ratatui::widgets::Block::new().style(theme::base()), f.area());
                        screen.render(f);
                    })
                    .unwrap();
                let low = low_contrast_cells(terminal.backend().buffer());
                assert!(low.is_empty(), "{palette:?} {w}x{h}:\n{}\n{}", low.join("\n"), terminal.backend());
            }
        }
        theme::set_palette(Palette::Dark);
        stages.push(());
    };
    stage(&mut screen);
    choose(&mut s, 0, "publish-full", "Openheid");
    choose(&mut s, 1, "summary-and-briefing", "");
    choose(&mut s, 2, "publish-full", "");
    stage(&mut screen);
    s.execute(Command::Reveal).unwrap();
    stage(&mut screen);
    s.execute(Command::CloseCard).unwrap();
    stage(&mut screen);
    s.execute(Command::End).unwrap();
    stage(&mut screen);
    assert_eq!(stages.len(), 5);
}
