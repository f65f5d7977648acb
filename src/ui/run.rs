//! The terminal loop: read input, update, draw. Redraws only on input, on resize, on clock
//! ticks and when a program's own news arrives (a device's answer), and blocks in between, so an
//! idle program uses no CPU.
//!
//! One queue wakes the loop ([`Wake`]): a reader thread puts the terminal's input in it
//! (crossterm's `EventStream`, which its owner can stop on every platform), and anything else
//! that must wake the console (the device server, the signal thread) holds a [`Waker`] for the
//! same queue. The loop blocks on that one receiver until the next clock tick: no polling, no
//! signal raised to interrupt a read, and it works the same on Windows.
//!
//! On Unix one more thread (`listen`) waits in `poll(2)` for the signals and the terminal's
//! hang-up at once. SIGTERM, SIGHUP and SIGINT restore the terminal (raw mode off, alternate
//! screen left, cursor shown) and then end the program as the signal would; the log needs
//! nothing, as every event is on disk before it is shown. SIGTSTP (and Ctrl-Z, which raw mode
//! delivers as a key) restores the terminal before the program stops; SIGCONT enters raw mode and
//! the alternate screen again and redraws the whole screen. A terminal that goes away without a
//! signal (a test's pseudo-terminal closed, a program started in a session that is not its
//! terminal's) ends the program too, as SIGHUP would: crossterm's reader spins on a terminal
//! that has gone (crossterm issue 793). That thread never waits for the terminal's input: crossterm
//! waits on it edge-triggered, and a second waiter loses keys (tried, see docs/design.md).
//!
//! Windows has none of these signals: a console control handler restores the terminal there
//! (see the Windows `listen` module).

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use crossterm::event::{DisableBracketedPaste, EnableBracketedPaste, Event, KeyEvent, KeyEventKind};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::Frame;

/// A full-screen program: the console, the review and the audience screen.
pub trait Program {
    fn on_key(&mut self, key: KeyEvent);
    /// A printable key that came right after another one (see [`mark_words`]): a word being
    /// typed. Programs with commands on letters treat it as typing, not as a command.
    fn on_word_key(&mut self, key: KeyEvent) {
        self.on_key(key);
    }
    fn on_paste(&mut self, _text: &str) {}
    /// Called after input and on every tick: read the clock, follow a file, release injects.
    fn on_tick(&mut self);
    /// Draws from the current state; never changes it.
    fn render(&self, frame: &mut Frame);
    fn should_quit(&self) -> bool;
    /// How long to block waiting for input before the next tick.
    fn tick(&self) -> Duration;
    /// Called once when the loop starts on a real terminal, with a handle that wakes the loop
    /// from any thread: news that arrives between keys and ticks (a device's answer) is handled
    /// at once instead of at the next tick.
    fn attach(&mut self, _waker: Waker) {}
}

/// What wakes the loop.
enum Wake {
    /// Input from the terminal: everything that was queued when the reader woke, in order.
    Input(Vec<Event>),
    /// A program's own news (see [`Waker`]) or a redraw after SIGCONT.
    News,
    /// Reading the terminal failed: the loop ends with this error.
    Failed(io::Error),
    /// The terminal has gone (hung up): nothing can be shown or read any more. (Unix only: a
    /// closed Windows console arrives as a control event, see `listen`.)
    #[cfg_attr(not(unix), allow(dead_code))]
    Gone,
}

/// Wakes the terminal loop from any thread, on every platform: a message in the queue the loop
/// blocks on. Cheap to clone and to call; a wake while the loop is busy is handled as soon as it
/// is free (wakes are never lost, and several at once cost one frame).
#[derive(Clone)]
pub struct Waker(Sender<Wake>);

impl Waker {
    pub fn wake(&self) {
        let _ = self.0.send(Wake::News);
    }
}

/// Runs `program` until it quits. The terminal is restored on every path out, including errors,
/// panics (ratatui's panic hook) and the signals above.
///
/// The first frame is drawn before the threads that wait for input and signals start: the
/// facilitator sees the screen as soon as it can be drawn (see docs/performance.md, "First
/// frame"). Nothing is lost meanwhile: keys wait in the terminal until the reader takes them,
/// and a signal that comes in between waits in the signal pipe, whose handlers are registered
/// before the terminal is touched.
pub fn run(program: &mut impl Program) -> io::Result<()> {
    let signals = listen::Signals::register()?;
    let mut terminal = ratatui::try_init()?;
    let _ = execute!(io::stdout(), EnableBracketedPaste);
    let redraw = Arc::new(AtomicBool::new(false));
    let (tx, inbox) = mpsc::channel();
    program.attach(Waker(tx.clone()));
    let (listener, result) = match first_frame(&mut terminal, program) {
        Ok(()) => match signals.listen(tx, Arc::clone(&redraw)) {
            Ok(listener) => (Some(listener), event_loop(&mut terminal, program, &redraw, &inbox)),
            Err(e) => (None, Err(Ended::Failed(e))),
        },
        Err(e) => (None, Err(e)),
    };
    if let Err(Ended::Gone) = result {
        // As SIGHUP ends a program: nothing to restore on a terminal that is not there, and the
        // log needs nothing (every event is on disk before it is shown). Before stopping the
        // reader, not after: on a hung-up terminal crossterm's read loops for ever on end-of-file
        // (crossterm issue 793), so joining the reader would leave the program spinning.
        std::process::exit(listen::HANG_UP_EXIT);
    }
    if let Some(listener) = listener {
        listener.stop();
    }
    leave_terminal();
    result.map_err(Ended::into_io)
}

/// The program's first frame, from its state at the start.
fn first_frame(terminal: &mut ratatui::DefaultTerminal, program: &mut impl Program) -> Result<(), Ended> {
    program.on_tick();
    Ok(draw(terminal, program)?)
}

/// Why the loop ended early.
enum Ended {
    Failed(io::Error),
    Gone,
}

impl Ended {
    fn into_io(self) -> io::Error {
        match self {
            Ended::Failed(e) => e,
            Ended::Gone => io::Error::new(io::ErrorKind::BrokenPipe, "terminal gone"),
        }
    }
}

impl From<io::Error> for Ended {
    /// A failed write or read on a terminal that has hung up is the hang-up, not an error to
    /// report (there is nowhere to report it).
    fn from(e: io::Error) -> Ended {
        if listen::hung_up() { Ended::Gone } else { Ended::Failed(e) }
    }
}

/// Raw mode off, bracketed paste off, alternate screen left, cursor shown.
fn leave_terminal() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    let _ = execute!(io::stdout(), crossterm::cursor::Show);
    let _ = io::stdout().flush();
}

/// Raw mode, the alternate screen and bracketed paste again, after a stop (Unix job control).
#[cfg(unix)]
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
    key.kind == KeyEventKind::Press && super::keymap::suspends(key)
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    program: &mut impl Program,
    redraw: &AtomicBool,
    inbox: &Receiver<Wake>,
) -> Result<(), Ended> {
    let mut typing = Typing::default();
    while !program.should_quit() {
        // Block until input, news or the next tick; then drain everything queued before drawing
        // once: a paste, key repeat or a run of device answers costs one frame.
        let mut burst = Vec::new();
        // A timeout is the tick; the queue cannot close while `run` holds a sender.
        let mut next = inbox.recv_timeout(program.tick()).ok();
        while let Some(wake) = next {
            match wake {
                Wake::Input(events) => burst.extend(events),
                Wake::News => {}
                Wake::Failed(e) => return Err(e.into()),
                Wake::Gone => return Err(Ended::Gone),
            }
            next = if burst.len() < MAX_BURST { inbox.try_recv().ok() } else { None };
        }
        if !burst.is_empty() {
            deliver(program, mark_words(decode(burst, KEYS_PASTE), &mut typing, std::time::Instant::now()));
        }
        if redraw.swap(false, Ordering::SeqCst) {
            // Clear and draw everything anew. Not `Terminal::clear`: it asks the terminal where
            // its cursor is, and that answer comes through the input reader, which the reader
            // thread holds while it waits (so nothing here may ask the terminal a question).
            let size = terminal.size()?;
            terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        }
        program.on_tick();
        draw(terminal, program)?;
    }
    Ok(())
}

/// At most this many events are handled before a frame is drawn (a long paste is drawn in
/// parts, and the program still answers).
const MAX_BURST: usize = 4096;

/// Whether a paste can arrive as key presses. Windows consoles have no bracketed paste:
/// crossterm's Windows reader never produces `Event::Paste`, so a pasted text arrives as keys,
/// and its line breaks as Enter, which would save a half-pasted form. Unix terminals announce a
/// paste (bracketed paste is switched on in [`run`]), and there a fast Enter stays a key.
pub const KEYS_PASTE: bool = cfg!(windows);

/// What the loop hands a program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Key(KeyEvent),
    Paste(String),
    /// A printable key within [`WORD_GAP`] of the printable key before it, nothing in between:
    /// part of a word typed, as when one thinks a text field has focus.
    WordKey(KeyEvent),
    /// The suspend key (Ctrl-Z): stop as a shell user expects.
    Suspend,
}

/// A printable key this soon after the printable key before it is that word's next letter, not
/// a command: people type the letters of a word 80-300 ms apart, and nobody gives two commands
/// (or reads a question a key opened and answers it) that fast.
pub const WORD_GAP: std::time::Duration = std::time::Duration::from_millis(350);

/// Once a word has two letters, a slow typist's next letter may come this much later and still
/// be part of it: a word typed blindly is never read as commands half-way.
pub const WORD_GOES_ON: std::time::Duration = std::time::Duration::from_millis(1000);

/// When the last input was a printable key that can go on into a word, and whether it was
/// itself a word's letter.
#[derive(Debug, Default)]
pub struct Typing {
    last_printable: Option<std::time::Instant>,
    in_word: bool,
}

/// Marks the printable keys that go on a word as [`Input::WordKey`]: a printable key within
/// [`WORD_GAP`] of the printable key before it (with no other input between), or within
/// [`WORD_GOES_ON`] once a word has begun. A digit goes on a word ("kiest 2") but never starts
/// one: a digit chooses an option on a card, and the rationale key right after it is a command.
/// `now` is when the burst arrived; the keys of one burst arrived together.
pub fn mark_words(inputs: Vec<Input>, typing: &mut Typing, now: std::time::Instant) -> Vec<Input> {
    inputs
        .into_iter()
        .map(|input| {
            let typed = match &input {
                Input::Key(k) => super::text_field::typed(k),
                _ => None,
            };
            let gap = if typing.in_word { WORD_GOES_ON } else { WORD_GAP };
            let in_word = typed.is_some() && typing.last_printable.is_some_and(|t| now.duration_since(t) < gap);
            typing.last_printable = typed.filter(|c| !c.is_ascii_digit() || in_word).map(|_| now);
            typing.in_word = in_word;
            match input {
                Input::Key(key) if in_word => Input::WordKey(key),
                other => other,
            }
        })
        .collect()
}

/// Turns one burst of events (all that was queued when the loop woke up) into inputs.
///
/// With `keys_paste` ([`KEYS_PASTE`]), a burst that holds a typed character and an Enter (or a
/// Tab) is a paste, not typing: nobody types a letter and Enter within one frame, a paste always
/// does. Its typed characters, Enters and Tabs become one [`Input::Paste`] (a line break in a
/// multi-line field, a space in a one-line field, ignored outside a field), so an embedded line
/// break never saves a form and never moves to another field. Other keys in the burst (arrows,
/// Esc, Ctrl-keys) stay keys, in order. A lone Enter, or an Enter in a burst without typed
/// characters (key repeat), is a key as always. The price: a facilitator who types a character
/// and Enter faster than one frame (a few milliseconds) gets a line break and presses Enter again.
pub fn decode(burst: Vec<Event>, keys_paste: bool) -> Vec<Input> {
    let press = |e: &Event| match e {
        Event::Key(k) if k.kind == KeyEventKind::Press => Some(*k),
        _ => None,
    };
    let typed = |e: &Event| press(e).is_some_and(|k| super::text_field::typed(&k).is_some());
    let breaks = |e: &Event| press(e).is_some_and(|k| super::text_field::pasted_break(&k).is_some());
    let pasted = keys_paste && burst.iter().any(typed) && burst.iter().any(breaks);
    let mut inputs = Vec::new();
    let mut text = String::new();
    for event in burst {
        let key = press(&event);
        if pasted
            && let Some(k) = key
            && let Some(c) = super::text_field::typed(&k).or_else(|| super::text_field::pasted_break(&k))
        {
            text.push(c);
            continue;
        }
        // A key release or repeat in a paste belongs to the paste's keys: nothing to hand on.
        if pasted && matches!(&event, Event::Key(_)) && key.is_none() {
            continue;
        }
        if !text.is_empty() {
            inputs.push(Input::Paste(std::mem::take(&mut text)));
        }
        match event {
            Event::Key(key) if is_suspend(&key) => inputs.push(Input::Suspend),
            Event::Key(key) => inputs.push(Input::Key(key)),
            Event::Paste(text) => inputs.push(Input::Paste(text)),
            _ => {}
        }
    }
    if !text.is_empty() {
        inputs.push(Input::Paste(text));
    }
    inputs
}

/// Hands inputs to the program in order, and stops at the first that makes it quit.
pub fn deliver(program: &mut impl Program, inputs: Vec<Input>) {
    for input in inputs {
        if program.should_quit() {
            break;
        }
        match input {
            Input::Key(key) => program.on_key(key),
            Input::WordKey(key) => program.on_word_key(key),
            Input::Paste(text) => program.on_paste(&text),
            Input::Suspend => listen::suspend(),
        }
    }
}

/// Unix: the input is read by the stream reader; one more thread waits in `poll(2)` for the
/// signals and (on Linux) the terminal's hang-up. It never reads the terminal nor waits for its
/// input: crossterm's reader waits on the same terminal edge-triggered, and a second reader
/// would take its wake-ups.
#[cfg(unix)]
mod listen {
    use std::io;
    use std::os::unix::net::UnixStream;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc::Sender;
    use std::time::Duration;

    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    use signal_hook::iterator::backend::{Handle, SignalDelivery};
    use signal_hook::iterator::exfiltrator::SignalOnly;

    use super::stream::Reader;
    use super::{Wake, enter_terminal, leave_terminal};

    /// How a program ends when its terminal hangs up: as SIGHUP ends it (128 + 1).
    pub(super) const HANG_UP_EXIT: i32 = 128 + SIGHUP;

    /// The signals the listener answers.
    const SIGNALS: [i32; 5] = [SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT];

    /// Whether `poll(2)` can tell a terminal's hang-up here: on macOS it reports every terminal
    /// device as invalid ("poll() does not support devices"), which would read as a hang-up.
    const WATCHES_HANG_UP: bool = cfg!(target_os = "linux");

    /// The signal handlers, registered: a signal that arrives from now on waits in the pipe
    /// until [`Signals::listen`] starts the thread that answers it.
    pub(super) struct Signals(SignalDelivery<UnixStream, SignalOnly>);

    impl Signals {
        pub(super) fn register() -> io::Result<Signals> {
            let (read, write) = UnixStream::pair()?;
            Ok(Signals(SignalDelivery::with_pipe(read, write, SignalOnly, SIGNALS)?))
        }

        /// Starts the reader and the thread that answers the signals. `redraw` tells the loop to
        /// draw the whole screen anew after a stop.
        pub(super) fn listen(self, tx: Sender<Wake>, redraw: Arc<AtomicBool>) -> io::Result<Listener> {
            let reader = Reader::start(tx.clone())?;
            let handle = self.0.handle();
            let delivery = self.0;
            let spawned = std::thread::Builder::new()
                .name("terminal-signals".into())
                .spawn(move || listen(delivery, &tx, &redraw));
            match spawned {
                Ok(thread) => Ok(Listener { reader, handle, thread }),
                Err(e) => {
                    reader.stop();
                    Err(e)
                }
            }
        }
    }

    /// The reader and the listening thread; stopping them also takes back the signal handlers.
    pub(super) struct Listener {
        reader: Reader,
        handle: Handle,
        thread: std::thread::JoinHandle<()>,
    }

    impl Listener {
        /// Stops listening and reading: no read is left waiting when the program goes on without
        /// the terminal (or another full-screen program starts).
        pub(super) fn stop(self) {
            self.handle.close();
            let _ = self.thread.join();
            self.reader.stop();
        }
    }

    fn listen(mut delivery: SignalDelivery<UnixStream, SignalOnly>, tx: &Sender<Wake>, redraw: &AtomicBool) {
        // Once the terminal has hung up, only the signals (and the stop) are waited for: a
        // hung-up terminal is always "ready", and waiting on it would spin.
        let mut watching = WATCHES_HANG_UP;
        loop {
            let (signalled, hung_up) = match wait(delivery.get_read(), watching) {
                Ok(woke) => woke,
                Err(e) => {
                    let _ = tx.send(Wake::Failed(e));
                    return;
                }
            };
            if signalled {
                if delivery.handle().is_closed() {
                    return;
                }
                for signal in delivery.pending() {
                    answer(signal, redraw, tx);
                }
            }
            if hung_up {
                watching = false;
                let _ = tx.send(Wake::Gone);
            }
        }
    }

    /// Waits for a signal or (while `watching`) the terminal's hang-up: standard input is asked
    /// for no events, so `poll(2)` reports only a hang-up, an error or a closed descriptor.
    fn wait(signals: &UnixStream, watching: bool) -> io::Result<(bool, bool)> {
        let stdin = io::stdin();
        loop {
            let mut fds = [PollFd::new(signals, PollFlags::IN), PollFd::new(&stdin, PollFlags::empty())];
            let watched = if watching { &mut fds[..] } else { &mut fds[..1] };
            match poll(watched, None) {
                Ok(_) => {}
                Err(rustix::io::Errno::INTR) => continue,
                Err(e) => return Err(e.into()),
            }
            let [signal, terminal] = &fds;
            let gone = PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL;
            return Ok((!signal.revents().is_empty(), watching && terminal.revents().intersects(gone)));
        }
    }

    fn answer(signal: i32, redraw: &AtomicBool, tx: &Sender<Wake>) {
        match signal {
            SIGTSTP => {
                leave_terminal();
                // Stop as the default handler would; this returns once continued.
                let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
            }
            SIGCONT => {
                enter_terminal();
                redraw.store(true, Ordering::SeqCst);
                let _ = tx.send(Wake::News);
            }
            other => {
                leave_terminal_within(Duration::from_secs(1));
                // End the way the signal ends a program, so the shell sees why.
                let _ = signal_hook::low_level::emulate_default_handler(other);
                std::process::exit(128 + other);
            }
        }
    }

    /// Whether standard input has hung up, asked without waiting: a failed write to a terminal
    /// that has gone is the hang-up, not an error to report.
    pub(super) fn hung_up() -> bool {
        if !WATCHES_HANG_UP {
            return false;
        }
        let stdin = io::stdin();
        let mut fds = [PollFd::new(&stdin, PollFlags::empty())];
        poll(&mut fds, Some(&Timespec { tv_sec: 0, tv_nsec: 0 }))
            .is_ok_and(|_| fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL))
    }

    /// Restores the terminal, but gives up after `limit`: on a terminal whose screen nobody
    /// reads (a stalled ssh connection) the write blocks, and the signal must still end the
    /// program.
    fn leave_terminal_within(limit: Duration) {
        let (done, finished) = std::sync::mpsc::channel();
        let _ = std::thread::Builder::new().name("terminal-restore".into()).spawn(move || {
            leave_terminal();
            let _ = done.send(());
        });
        let _ = finished.recv_timeout(limit);
    }

    /// Raw mode turns Ctrl-Z into a key; stop as a shell user expects.
    pub(super) fn suspend() {
        let _ = signal_hook::low_level::raise(SIGTSTP);
    }
}

/// The terminal is read by crossterm's `EventStream` on a thread of its own, which its owner can
/// stop, so no read is left waiting when a full-screen program ends.
mod stream {
    use std::sync::mpsc::Sender;
    use std::time::Duration;

    use crossterm::event;

    use super::{MAX_BURST, Wake};

    pub(super) struct Reader {
        stop: tokio::sync::oneshot::Sender<()>,
        thread: std::thread::JoinHandle<()>,
    }

    impl Reader {
        pub(super) fn start(tx: Sender<Wake>) -> std::io::Result<Reader> {
            let (stop, stopped) = tokio::sync::oneshot::channel();
            let thread =
                std::thread::Builder::new().name("terminal-input".into()).spawn(move || read_input(tx, stopped))?;
            Ok(Reader { stop, thread })
        }

        pub(super) fn stop(self) {
            let _ = self.stop.send(());
            let _ = self.thread.join();
        }
    }

    /// Reads the terminal until `stopped`: each wake-up of the reader sends everything queued
    /// at that moment as one [`Wake::Input`] (so a paste stays one burst, see [`super::decode`]).
    fn read_input(tx: Sender<Wake>, mut stopped: tokio::sync::oneshot::Receiver<()>) {
        use futures_core::Stream;
        use std::future::Future;
        use std::pin::Pin;
        use std::task::Poll;

        let runtime = match tokio::runtime::Builder::new_current_thread().build() {
            Ok(r) => r,
            Err(e) => {
                let _ = tx.send(Wake::Failed(e));
                return;
            }
        };
        runtime.block_on(async move {
            let mut events = event::EventStream::new();
            loop {
                let next = std::future::poll_fn(|cx| {
                    if Pin::new(&mut stopped).poll(cx).is_ready() {
                        return Poll::Ready(None);
                    }
                    Pin::new(&mut events).poll_next(cx).map(Some)
                })
                .await;
                let wake = match next {
                    // Stopped, or the terminal has no more input.
                    None | Some(None) => return,
                    Some(Some(Err(e))) => Wake::Failed(e),
                    Some(Some(Ok(first))) => {
                        // The stream's reader is idle now: take what else is queued without waiting.
                        let mut burst = vec![first];
                        while burst.len() < MAX_BURST && event::poll(Duration::ZERO).unwrap_or(false) {
                            match event::read() {
                                Ok(e) => burst.push(e),
                                Err(_) => break,
                            }
                        }
                        Wake::Input(burst)
                    }
                };
                let failed = matches!(wake, Wake::Failed(_));
                if tx.send(wake).is_err() || failed {
                    return;
                }
            }
        });
    }
}

/// Windows (and any other system without Unix signals): the stream reader above. Raw mode
/// delivers Ctrl-C as a key (the program asks before it quits), and there is no job control, so
/// the suspend key does nothing. Ctrl-Break, closing the console window, logging off and shutting
/// down arrive as console control events: `ctrlc` answers every one of them (its Windows handler
/// takes all event kinds) by restoring the terminal and ending the program with 130, as Ctrl-C
/// does elsewhere. A panic is restored by ratatui's panic hook.
#[cfg(not(unix))]
mod listen {
    use std::io;
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;
    use std::sync::mpsc::Sender;

    use super::Wake;
    use super::stream::Reader;

    pub(super) const HANG_UP_EXIT: i32 = 1;

    /// The console control handler, set (Windows).
    pub(super) struct Signals;

    impl Signals {
        pub(super) fn register() -> io::Result<Signals> {
            // One handler per process: a second `run` (or a handler set earlier) keeps the
            // first, which does the same thing.
            #[cfg(windows)]
            let _ = ctrlc::set_handler(|| {
                super::leave_terminal();
                std::process::exit(130);
            });
            Ok(Signals)
        }

        pub(super) fn listen(self, tx: Sender<Wake>, _redraw: Arc<AtomicBool>) -> io::Result<Listener> {
            Ok(Listener { reader: Reader::start(tx)? })
        }
    }

    pub(super) struct Listener {
        reader: Reader,
    }

    impl Listener {
        pub(super) fn stop(self) {
            self.reader.stop();
        }
    }

    /// A closed Windows console arrives as a control event (see [`Signals::register`]).
    pub(super) fn hung_up() -> bool {
        false
    }

    pub(super) fn suspend() {}
}
