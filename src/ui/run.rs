//! The terminal loop: read input, update the app, draw. Redraws only on input, on resize and
//! on clock ticks, and blocks in between, so an idle console uses no CPU.

use std::io;
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use crossterm::execute;

use super::app::{App, Screen};
use super::screens;
use crate::session::Clock;

/// Runs the console until the facilitator quits. The terminal is restored on every path out,
/// including errors and panics (ratatui's panic hook).
pub fn run<C: Clock + Clone>(app: &mut App<C>) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, app);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
    result
}

fn event_loop<C: Clock + Clone>(terminal: &mut ratatui::DefaultTerminal, app: &mut App<C>) -> io::Result<()> {
    app.on_tick();
    terminal.draw(|f| screens::render(app, f))?;
    while !app.quit {
        if event::poll(tick_interval(app))? {
            // Drain everything queued before drawing once: a paste or key repeat costs one frame.
            loop {
                match event::read()? {
                    Event::Key(key) => app.on_key(key),
                    Event::Paste(text) => app.on_paste(&text),
                    _ => {}
                }
                if app.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        app.on_tick();
        terminal.draw(|f| screens::render(app, f))?;
    }
    Ok(())
}

/// How long to block for input: a second while a clock is on screen (so it ticks), otherwise
/// a long wait; any key or resize wakes the loop at once.
fn tick_interval<C: Clock + Clone>(app: &App<C>) -> Duration {
    match app.screen() {
        Screen::Setup | Screen::End => Duration::from_secs(60),
        _ if app.session().is_some_and(|s| s.state().is_paused()) => Duration::from_secs(30),
        _ => Duration::from_secs(1),
    }
}
