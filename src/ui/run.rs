//! The terminal loop: read input, update, draw. Redraws only on input, on resize and on clock
//! ticks, and blocks in between, so an idle program uses no CPU.

use std::io;
use std::time::Duration;

use crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyEvent};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::Frame;

/// A full-screen program: the console, the review and the audience screen.
pub trait Program {
    fn on_key(&mut self, key: KeyEvent);
    fn on_paste(&mut self, _text: &str) {}
    /// Called after input and on every tick: read the clock, follow a file, release injects.
    fn on_tick(&mut self);
    /// Draws from the current state; never changes it.
    fn render(&self, frame: &mut Frame);
    fn should_quit(&self) -> bool;
    /// How long to block waiting for input before the next tick.
    fn tick(&self) -> Duration;
}

/// Runs `program` until it quits. The terminal is restored on every path out, including errors
/// and panics (ratatui's panic hook).
pub fn run(program: &mut impl Program) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let result = event_loop(&mut terminal, program);
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
    result
}

/// Draws one frame inside a synchronized update, so terminals that support it (and tmux) show
/// whole frames only: no half-drawn screen on a projector.
fn draw(terminal: &mut ratatui::DefaultTerminal, program: &impl Program) -> io::Result<()> {
    let _ = execute!(io::stdout(), BeginSynchronizedUpdate);
    let result = terminal
        .draw(|f| {
            // The palette's background under everything (the light palette paints it white).
            f.render_widget(ratatui::widgets::Block::new().style(super::theme::base()), f.area());
            program.render(f);
        })
        .map(|_| ());
    let _ = execute!(io::stdout(), EndSynchronizedUpdate);
    result
}

fn event_loop(terminal: &mut ratatui::DefaultTerminal, program: &mut impl Program) -> io::Result<()> {
    program.on_tick();
    draw(terminal, program)?;
    while !program.should_quit() {
        if event::poll(program.tick())? {
            // Drain everything queued before drawing once: a paste or key repeat costs one frame.
            loop {
                match event::read()? {
                    Event::Key(key) => program.on_key(key),
                    Event::Paste(text) => program.on_paste(&text),
                    _ => {}
                }
                if program.should_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        program.on_tick();
        draw(terminal, program)?;
    }
    Ok(())
}
