#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The colours chosen on the setup screen: the "Kleuren" row switches between the dark and the
//! light palette at once, so the gespreksleider sees on the projector which reads best before the
//! session starts. `--theme` only sets where it starts.

use crate::common;

use std::path::Path;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use weerbaar::scenario::Lang;
use weerbaar::session::ManualClock;
use weerbaar::ui::theme::{self, Palette};
use weerbaar::ui::{App, Launch, Screen, SetupForm, screens};

fn launch(dir: &Path) -> Launch {
    Launch {
        deck: common::deck(),
        log: Some(dir.join("sessie.jsonl")),
        log_dir: dir.to_path_buf(),
        seed: 4,
        facilitator: "Rian".into(),
        follow_up: None,
    }
}

fn press(app: &mut App<ManualClock>, code: KeyCode) {
    app.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

/// The screen as the program draws it: the palette's background under every frame.
fn draw(app: &App<ManualClock>, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal
        .draw(|f| {
            f.render_widget(ratatui::widgets::Block::new().style(theme::base()), f.area());
            screens::render(app, f);
        })
        .unwrap();
    terminal
}

/// The form with its "Kleuren" row selected (Up from the title: Start, then Kleuren).
fn on_colours(dir: &Path, lang: Lang) -> App<ManualClock> {
    let mut form = SetupForm::new(lang, "Rian");
    form.groups[0].0 = weerbaar::ui::text_field::TextField::new("Laren");
    form.groups[1].0 = weerbaar::ui::text_field::TextField::new("Huizen");
    let mut app = App::with_setup(launch(dir), form, lang, common::clock());
    press(&mut app, KeyCode::Up);
    press(&mut app, KeyCode::Up);
    app
}

#[test]
fn the_colours_row_switches_the_palette_at_once_and_back() {
    theme::set_palette(Palette::Dark);
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_colours(dir.path(), Lang::Nl);
    let dark = draw(&app, 80, 24);
    assert!(dark.backend().to_string().contains("▶ Kleuren               ◀ donker ▶"), "{}", dark.backend());
    assert_eq!(dark.backend().buffer()[(40, 20)].bg, Color::Reset);

    press(&mut app, KeyCode::Right);
    assert_eq!(theme::palette(), Palette::Light);
    let light = draw(&app, 80, 24);
    let text = light.backend().to_string();
    assert!(text.contains("▶ Kleuren               ◀ licht ▶"), "{text}");
    // The whole screen turns light, not only the form.
    assert_eq!(light.backend().buffer()[(40, 20)].bg, Color::Indexed(231));
    // The log's place in the temporary folder differs per run: the snapshot shows <tmp>.
    insta::assert_snapshot!("setup_colours_light_nl_80x24", text.replace(&dir.path().display().to_string(), "<tmp>"));

    press(&mut app, KeyCode::Left);
    assert_eq!(theme::palette(), Palette::Dark);
    assert!(draw(&app, 80, 24).backend().to_string().contains("◀ donker ▶"));
}

#[test]
fn the_flag_sets_where_the_row_starts_and_the_choice_holds_into_the_session() {
    theme::set_palette(Palette::Light); // `--theme light`
    let dir = tempfile::tempdir().unwrap();
    let mut app = on_colours(dir.path(), Lang::En);
    let text = draw(&app, 80, 24).backend().to_string();
    assert!(text.contains("▶ Colours               ◀ light ▶"), "{text}");
    press(&mut app, KeyCode::Left);
    assert_eq!(theme::palette(), Palette::Dark);
    press(&mut app, KeyCode::Down); // Start
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.screen(), Screen::Agenda, "{:?}", app.notice);
    assert_eq!(theme::palette(), Palette::Dark, "the session keeps the colours chosen");
}
