#![allow(clippy::unwrap_used)] // Tests fail loudly on purpose.
//! The beamer: what the room reads on the projector. The audience screen (`weerbaar screen`)
//! never shows what the room must not see, and what it must see is on screen at any size.

use crate::common;
use crate::common::tools::{Tool, need};

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

/// Every frame the room sees at every size on every page: the gespreksleider turns the pages
/// (a few words at a time, so no page of any size is skipped), and the room follows.
fn room_frames(a: &mut Audience<ManualClock>, s: &mut Session<ManualClock>) -> Vec<String> {
    let mut out = Vec::new();
    for word in (0..480).step_by(6) {
        if let Some(screen) = s.state().paged_screen() {
            s.execute(Command::TurnPage { screen, word }).unwrap();
        } else if word > 0 {
            break;
        }
        a.on_tick();
        for size in SIZES {
            out.push(draw(a, size));
        }
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

    let during = room_frames(&mut screen, &mut s);
    assert_no_ransom_answers(&during);
    assert!(
        during.iter().any(|f| flat(f).contains("voor wie het betreft")),
        "the development is shown, labelled without names:\n{}",
        during[0]
    );

    choose(&mut s, 0, "publish-full", "");
    s.execute(Command::CloseCard).unwrap();
    s.execute(Command::End).unwrap();
    let end = room_frames(&mut screen, &mut s);
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
    let frames = room_frames(&mut screen, &mut s);
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

// ---------------------------------------------------------------------------------------------
// Snapshots: the room's screens at the sizes of a projector with a large font, 2, 3 and 8 groups.

const SNAP_SIZES: [(u16, u16); 3] = [(80, 24), (100, 30), (160, 45)];
const EIGHT: [&str; 8] =
    ["Laren", "Krimpen aan den IJssel", "Texel", "Súdwest-Fryslân", "Ede", "Alphen aan den Rijn", "Urk", "Rijswijk"];

fn groups(n: usize) -> Vec<&'static str> {
    EIGHT[..n].to_vec()
}

/// Opens the longest card of the deck (ransom-friday) with its first development released and
/// some groups answered: the briefing the room reads.
#[allow(dead_code)] // The session is driven further by some tests.
struct Scene {
    _dir: tempfile::TempDir,
    clock: ManualClock,
    session: Session<ManualClock>,
    path: std::path::PathBuf,
    n: usize,
}

fn scene(n: usize) -> Scene {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let clock = common::clock();
    let setup = common::setup("Oefening Weerbaar", &groups(n), "gemengd");
    let mut session = Session::start(common::deck(), setup, &path, clock.clone()).unwrap();
    clock.advance_secs(600);
    session.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    clock.advance_secs(6 * 60);
    session.release_due().unwrap();
    for g in 0..n / 2 {
        choose(&mut session, g as u8, ["refuse", "ask-council", "pay"][g % 3], "");
    }
    Scene { _dir: dir, clock, session, path, n }
}

/// The room's screen at every snapshot size, one frame after another.
fn room_at_sizes(scene: &Scene, lang: Lang) -> String {
    let mut screen = Audience::new(&scene.path, common::deck(), lang, scene.clock.clone());
    screen.on_tick();
    let mut out = String::new();
    for size in SNAP_SIZES {
        out.push_str(&format!("── {}x{} ──\n", size.0, size.1));
        out.push_str(&draw(&screen, size));
        out.push('\n');
    }
    out
}

fn lang_code(lang: Lang) -> &'static str {
    if lang == Lang::Nl { "nl" } else { "en" }
}

#[test]
fn snapshots_of_the_briefing() {
    for n in [2, 3, 8] {
        let scene = scene(n);
        for lang in [Lang::Nl, Lang::En] {
            insta::assert_snapshot!(
                format!("briefing_{}_{}groups", lang_code(lang), scene.n),
                room_at_sizes(&scene, lang)
            );
        }
    }
}

/// Every group answers (some alike, with and without a rationale and dissent) and the answers
/// are revealed.
fn revealed(mut scene: Scene) -> Scene {
    let options = ["refuse", "ask-council", "pay"];
    for g in 0..scene.n {
        let why = match g % 3 {
            0 => "Wij betalen nooit aan criminelen, ook niet als maandag de uitkeringen te laat zijn",
            1 => "De raad moet meebeslissen over zoveel geld",
            _ => "",
        };
        scene
            .session
            .execute(Command::RecordChoice {
                group: GroupId(g as u8),
                option: options[g % 2].into(),
                rationale: why.into(),
                decision: if g % 2 == 0 { Decision::Unanimous } else { Decision::Majority },
                dissent: if g == 1 { vec![weerbaar::scenario::Role::Ciso] } else { vec![] },
            })
            .unwrap();
    }
    scene.session.execute(Command::Reveal).unwrap();
    scene
}

#[test]
fn snapshots_of_the_comparison() {
    for n in [2, 3, 8] {
        let scene = revealed(scene(n));
        for lang in [Lang::Nl, Lang::En] {
            insta::assert_snapshot!(
                format!("compare_{}_{}groups", lang_code(lang), scene.n),
                room_at_sizes(&scene, lang)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The real audience screen in a real terminal.

/// The card of the frozen deck with the most text for the room (situation, questions,
/// developments and options, in Dutch).
fn longest_card() -> weerbaar::scenario::Card {
    let deck = common::deck();
    deck.cards
        .iter()
        .max_by_key(|c| {
            let lang = Lang::Nl;
            c.situation.get(lang).len()
                + c.questions.iter().map(|q| q.get(lang).len()).sum::<usize>()
                + c.injects.iter().map(|i| i.text.get(lang).len()).sum::<usize>()
                + c.options.iter().map(|o| o.label.get(lang).len()).sum::<usize>()
        })
        .unwrap()
        .clone()
}

#[test]
fn at_80x24_the_audience_screen_shows_every_option_of_the_longest_card_over_its_pages() {
    if !need(Tool::Tmux) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let card = longest_card();
    let clock = common::clock();
    let setup = common::setup("Krimpen aan den IJssel, Súdwest-Fryslân en Alphen aan den Rijn", &GROUPS, "gemengd");
    let mut s = Session::start(common::deck(), setup, &path, clock.clone()).unwrap();
    s.execute(Command::OpenCard(card.id.clone())).unwrap();
    clock.advance_secs(i64::from(card.minutes) * 60);
    s.release_due().unwrap();
    for inject in &card.injects {
        let _ = s.execute(Command::ReleaseInject(inject.id.clone()));
    }
    choose(&mut s, 0, card.options[0].id.as_str(), "");

    let t = common::tmux::Tmux::program("beamer", 80, 24, &["screen", &path.display().to_string()]);
    let first = t.wait_for("pagina 1/");
    for (i, option) in card.options.iter().enumerate() {
        let wanted = flat(&format!("{} {}", i + 1, option.label.get(Lang::Nl)));
        assert!(flat(&first).contains(&wanted), "option {} ({wanted}) not on the page:\n{first}", i + 1);
    }
    assert!(first.lines().count() <= 24);
    // The gespreksleider turns to the last page, and the room's screen follows.
    let screen = s.state().paged_screen().unwrap();
    s.execute(Command::TurnPage { screen, word: 100_000 }).unwrap();
    let total = first.split("pagina 1/").nth(1).unwrap().split_whitespace().next().unwrap().to_string();
    let last = t.wait_for(&format!("pagina {total}/{total}"));
    assert_ne!(total, "1", "the longest card is paged at 80x24:\n{first}");
    assert!(flat(&last).contains(&flat(&format!("1 {}", card.options[0].label.get(Lang::Nl)))), "{last}");
}

/// Writes a log for playing the audience screen by hand: `BEAMER_LOG=/tmp/x.jsonl cargo test
/// --test beamer write_a_log_to_look_at -- --ignored`.
#[test]
#[ignore]
fn write_a_log_to_look_at() {
    let path = std::path::PathBuf::from(std::env::var("BEAMER_LOG").unwrap());
    let _ = std::fs::remove_file(&path);
    let card = longest_card();
    let clock = common::clock();
    let setup = common::setup("Krimpen aan den IJssel, Súdwest-Fryslân en Alphen aan den Rijn", &EIGHT, "gemengd");
    let mut s = Session::start(common::deck(), setup, &path, clock.clone()).unwrap();
    s.execute(Command::OpenCard(card.id.clone())).unwrap();
    clock.advance_secs(i64::from(card.minutes) * 60);
    s.release_due().unwrap();
    for inject in &card.injects {
        let _ = s.execute(Command::ReleaseInject(inject.id.clone()));
    }
    choose(&mut s, 0, card.options[0].id.as_str(), "");
}

#[test]
fn names_are_cut_with_an_ellipsis_and_the_score_table_stays_aligned() {
    let names = ["L\u{336}a\u{336}r\u{336}e\u{336}n\u{336}", "東京都庁", "Krimpen aan den IJssel en Lekkerkerk-Oost"];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let clock = common::clock();
    let mut s =
        Session::start(common::deck(), common::setup("Namen", &names, "gemengd"), &path, clock.clone()).unwrap();
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    for g in 0..3 {
        choose(&mut s, g, ["refuse", "pay", "ask-council"][usize::from(g)], "");
    }
    s.execute(Command::Reveal).unwrap();
    let mut screen = Audience::new(&path, common::deck(), Lang::Nl, clock.clone());
    screen.on_tick();
    for (w, h) in SNAP_SIZES {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| screen.render(f)).unwrap();
        let buffer = terminal.backend().buffer();
        // A wide character takes two cells; the second one is not text.
        let row_text = |y: u16| {
            let mut text = String::new();
            let mut x = 0;
            while x < w {
                let symbol = buffer[(x, y)].symbol();
                text.push_str(symbol);
                x += u16::try_from(unicode_width::UnicodeWidthStr::width(symbol).max(1)).unwrap();
            }
            text
        };
        let last_mark = |y: u16| (0..w).rev().find(|&x| !buffer[(x, y)].symbol().trim().is_empty());
        let head = (0..h).find(|&y| row_text(y).starts_with(" Groep")).expect("a score table");
        let right = last_mark(head);
        for y in head + 1..head + 4 {
            let text = row_text(y);
            assert_eq!(last_mark(y), right, "{w}x{h}: row {y} is out of line:\n{text}\n{}", terminal.backend());
            // Whole or cut with an ellipsis, never cut into another name.
            assert!(
                names.iter().any(|n| text.contains(n)) || text.contains('…'),
                "{w}x{h}: a name cut without an ellipsis: {text}"
            );
        }
        let all = terminal.backend().to_string();
        assert!(!all.contains("Krimpen aan den IJssel en Lekkerkerk-Oos "), "{all}");
    }
}

#[test]
fn time_reads_as_minutes_left_or_over_and_the_clock_stops_at_the_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let clock = common::clock();
    let mut s =
        Session::start(common::deck(), common::setup("Tijd", &GROUPS[..2], "gemengd"), &path, clock.clone()).unwrap();
    let mut screen = Audience::new(&path, common::deck(), Lang::Nl, clock.clone());
    let header = |screen: &mut Audience<ManualClock>| {
        screen.on_tick();
        draw(screen, (100, 30)).lines().next().unwrap().to_string()
    };
    clock.advance_secs(29 * 60);
    assert!(header(&mut screen).contains("Sessie 0:29 · nog 91 min"), "{}", header(&mut screen));
    s.execute(Command::OpenCard("ransom-friday".into())).unwrap();
    clock.advance_secs(7 * 60 + 30);
    choose(&mut s, 0, "pay", "");
    choose(&mut s, 1, "refuse", "");
    s.execute(Command::Reveal).unwrap();
    s.execute(Command::CloseCard).unwrap();
    clock.advance_secs(98 * 60 + 30);
    assert!(header(&mut screen).contains("Sessie 2:15 · 15 min over tijd"), "{}", header(&mut screen));
    s.execute(Command::End).unwrap();
    let at_end = header(&mut screen);
    assert!(at_end.contains("Sessie 2:15 · afgesloten"), "{at_end}");
    clock.advance_secs(45 * 60);
    assert_eq!(header(&mut screen), at_end, "the clock runs on after the end");
    // Durations on the end page are labelled as durations, next to the planned length.
    let end = flat(&draw(&screen, (100, 30)));
    assert!(end.contains("Vrijdag 17.00 uur: alles staat op slot 7 min (gepland 15 min)"), "{end}");

    let mut en = Audience::new(&path, common::deck(), Lang::En, clock.clone());
    assert!(header(&mut en).contains("Session 2:15 · ended"), "{}", header(&mut en));
}

#[test]
fn snapshots_between_cards_and_at_the_end() {
    for n in [2, 3, 8] {
        let mut scene = revealed(scene(n));
        scene.session.execute(Command::CloseCard).unwrap();
        // A second card closed without the reveal: the end page must not show its answers.
        scene.session.execute(Command::OpenCard("helpdesk-fraud-wave".into())).unwrap();
        choose(&mut scene.session, 0, "broad-campaign", "Geheim");
        scene.session.execute(Command::CloseCard).unwrap();
        for lang in [Lang::Nl, Lang::En] {
            let text = room_at_sizes(&scene, lang);
            if lang == Lang::En {
                // A dimension's name of several words takes two rows rather than a "…", at every size.
                assert!(text.contains("of services") && !text.contains("Continuity…"), "{text}");
            }
            insta::assert_snapshot!(format!("between_{}_{}groups", lang_code(lang), scene.n), text);
        }
        scene
            .session
            .execute(Command::AddAction {
                group: GroupId(0),
                what: "Losgeldscenario in het crisisplan".into(),
                owner: weerbaar::scenario::Role::MunicipalSecretary,
                due: "2027-03-01".into(),
            })
            .unwrap();
        scene.clock.advance_secs(20 * 60);
        scene.session.execute(Command::End).unwrap();
        for lang in [Lang::Nl, Lang::En] {
            let text = room_at_sizes(&scene, lang);
            assert!(!text.contains("Geheim"), "{text}");
            insta::assert_snapshot!(format!("end_{}_{}groups", lang_code(lang), scene.n), text);
        }
    }
}

/// The facilitator's agenda: opening and closing rows, planned ends as times of day, played cards
/// with their durations, follow-ups named for their groups.
fn agenda_at_sizes(scene: &Scene, lang: Lang) -> String {
    use weerbaar::session::Clock;
    let state = scene.session.state();
    let deck = scene.session.deck();
    let view = weerbaar::ui::screens::View::new(state, deck, lang, scene.clock.now().to_utc());
    let rows = weerbaar::ui::model::agenda_rows(state, deck);
    let mut out = String::new();
    for (w, h) in SNAP_SIZES {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
        terminal.draw(|f| weerbaar::ui::screens::agenda::render(&view, &rows, 0, f, f.area())).unwrap();
        out.push_str(&format!("── {w}x{h} ──\n{}\n", terminal.backend()));
    }
    out
}

#[test]
fn snapshots_of_the_agenda() {
    for n in [2, 3, 8] {
        let fresh = scene_without_card(n);
        for lang in [Lang::Nl, Lang::En] {
            let text = agenda_at_sizes(&fresh, lang);
            let first = text.lines().take(12).collect::<Vec<_>>().join("\n");
            assert!(
                first.contains("→ 14:10") || first.contains("→ 14:1"),
                "the opening ends at a time of day:\n{first}"
            );
            insta::assert_snapshot!(format!("agenda_start_{}_{}groups", lang_code(lang), n), text);
        }
        let mut played = revealed(scene(n));
        played.clock.advance_secs(5 * 60);
        played.session.execute(Command::CloseCard).unwrap();
        for lang in [Lang::Nl, Lang::En] {
            let text = agenda_at_sizes(&played, lang);
            assert!(text.contains("11 min"), "the played card with its duration:\n{text}");
            insta::assert_snapshot!(format!("agenda_played_{}_{}groups", lang_code(lang), n), text);
        }
    }
}

/// A session that has started, with no card opened yet.
fn scene_without_card(n: usize) -> Scene {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.jsonl");
    let clock = common::clock();
    let setup = common::setup("Oefening Weerbaar", &groups(n), "gemengd");
    let session = Session::start(common::deck(), setup, &path, clock.clone()).unwrap();
    Scene { _dir: dir, clock, session, path, n }
}

#[test]
fn the_room_keeps_its_page_while_people_read_and_follows_the_page_the_gespreksleider_turns_to() {
    let mut scene = revealed(scene(8));
    let mut screen = Audience::new(&scene.path, common::deck(), Lang::Nl, scene.clock.clone());
    let marker = |text: &str| {
        text.lines()
            .find_map(|l| l.split("pagina ").nth(1).map(|r| r.split_whitespace().next().unwrap_or("").to_string()))
            .expect("the 8-group comparison at 80x24 is paged")
    };
    // A minute of discussion: the room's screen stays on the first page.
    for _ in 0..8 {
        screen.on_tick();
        assert!(marker(&draw(&screen, (80, 24))).starts_with("1/"), "{}", draw(&screen, (80, 24)));
        scene.clock.advance_secs(8);
    }

    use weerbaar::session::Clock;
    let console = |session: &Session<ManualClock>, viewer, scroll: u16| {
        let state = session.state();
        let view = weerbaar::ui::screens::View {
            scroll,
            viewer,
            ..weerbaar::ui::screens::View::new(state, session.deck(), Lang::Nl, scene.clock.now().to_utc())
        };
        let mut terminal = Terminal::new(TestBackend::new(120, 35)).unwrap();
        let play = state.current_play().unwrap();
        terminal.draw(|f| weerbaar::ui::screens::card::render(&view, play, f, f.area())).unwrap();
        terminal.backend().to_string()
    };
    // The gespreksleider turns to the last page: the console and the room (another size) both show it.
    let screen_id = scene.session.state().paged_screen().unwrap();
    scene.session.execute(Command::TurnPage { screen: screen_id, word: 100_000 }).unwrap();
    screen.on_tick();
    let room = marker(&draw(&screen, (80, 24)));
    let (page, total) = room.split_once('/').unwrap();
    assert_eq!(page, total, "the room follows to the last page");
    let own = marker(&console(&scene.session, weerbaar::session::room::Viewer::Console, 0));
    let (page, total) = own.split_once('/').unwrap();
    assert_eq!(page, total, "the console shows the page it turned to");
    // Back to the top: both at the first page again.
    scene.session.execute(Command::TurnPage { screen: screen_id, word: 0 }).unwrap();
    screen.on_tick();
    assert!(marker(&draw(&screen, (80, 24))).starts_with("1/"));
    // The review (no room) pages by its own scroll.
    let review = console(&scene.session, weerbaar::session::room::Viewer::Review, 1);
    assert!(marker(&review).starts_with("2/"), "{review}");
}
