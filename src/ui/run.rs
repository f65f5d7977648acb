//! The terminal loop: read input, update, draw. Redraws only on input, on resize and on clock
//! ticks, and blocks in between, so an idle program uses no CPU.
//!
//! Signals: SIGTERM, SIGHUP and SIGINT restore the terminal (raw mode off, alternate screen
//! left, cursor shown) and then end the program as the signal would; the log needs nothing, as
//! every event is on disk before it is shown. SIGTSTP (and Ctrl-Z, which raw mode delivers as a
//! key) restores the terminal before the program stops; SIGCONT enters raw mode and the
//! alternate screen again and redraws the whole screen.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};
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

/// Runs `program` until it quits. The terminal is restored on every path out, including errors,
/// panics (ratatui's panic hook) and the signals above.
pub fn run(program: &mut impl Program) -> io::Result<()> {
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let redraw = Arc::new(AtomicBool::new(false));
    let signals = signals::watch(Arc::clone(&redraw));
    let result = event_loop(&mut terminal, program, &redraw);
    signals::stop(signals);
    leave_terminal();
    result
}

/// Raw mode off, bracketed paste off, alternate screen left, cursor shown.
fn leave_terminal() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
    let _ = io::stdout().flush();
}

/// Raw mode, the alternate screen and bracketed paste again, after a stop.
fn enter_terminal() {
    let _ = crossterm::terminal::enable_raw_mode();
    let _ = execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen, EnableBracketedPaste);
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

fn is_suspend(key: &KeyEvent) -> bool {
    key.kind == KeyEventKind::Press && key.code == KeyCode::Char('z') && key.modifiers.contains(KeyModifiers::CONTROL)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    program: &mut impl Program,
    redraw: &AtomicBool,
) -> io::Result<()> {
    program.on_tick();
    draw(terminal, program)?;
    while !program.should_quit() {
        if event::poll(program.tick())? {
            // Drain everything queued before drawing once: a paste or key repeat costs one frame.
            loop {
                match event::read()? {
                    // Raw mode turns Ctrl-Z into a key; stop as a shell user expects.
                    Event::Key(key) if is_suspend(&key) => signals::suspend(),
                    Event::Key(key) => program.on_key(key),
                    Event::Paste(text) => program.on_paste(&text),
                    _ => {}
                }
                if program.should_quit() || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        if redraw.swap(false, Ordering::SeqCst) {
            terminal.clear()?;
        }
        program.on_tick();
        draw(terminal, program)?;
    }
    Ok(())
}

/// Unix signals: stop, continue, hang-up and termination each leave the terminal usable.
#[cfg(unix)]
mod signals {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
    use signal_hook::iterator::{Handle, Signals};

    use super::{enter_terminal, leave_terminal};

    pub(super) type Watch = Option<(Handle, std::thread::JoinHandle<()>)>;

    /// A thread that answers the signals; `redraw` tells the loop to draw the whole screen anew.
    pub(super) fn watch(redraw: Arc<AtomicBool>) -> Watch {
        let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT]).ok()?;
        let handle = signals.handle();
        let thread = std::thread::spawn(move || {
            for signal in signals.forever() {
                match signal {
                    SIGTSTP => {
                        leave_terminal();
                        // Stop as the default handler would; this returns once continued.
                        let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                    }
                    SIGCONT => {
                        enter_terminal();
                        redraw.store(true, Ordering::SeqCst);
                        // Wake the loop, which waits for input: a (pretend) resize does that.
                        let _ = signal_hook::low_level::raise(SIGWINCH);
                    }
                    other => {
                        leave_terminal();
                        // End the way the signal ends a program, so the shell sees why.
                        let _ = signal_hook::low_level::emulate_default_handler(other);
                        std::process::exit(128 + other);
                    }
                }
            }
        });
        Some((handle, thread))
    }

    pub(super) fn stop(watch: Watch) {
        if let Some((handle, thread)) = watch {
            handle.close();
            let _ = thread.join();
        }
    }

    /// Raw mode turns Ctrl-Z into a key; stop as a shell user expects.
    pub(super) fn suspend() {
        let _ = signal_hook::low_level::raise(SIGTSTP);
    }
}

/// Elsewhere (Windows) there is no job control: the suspend key does nothing.
#[cfg(not(unix))]
mod signals {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    pub(super) type Watch = ();

    pub(super) fn watch(_redraw: Arc<AtomicBool>) -> Watch {}

    pub(super) fn stop(_watch: Watch) {}

    pub(super) fn suspend() {}
}
