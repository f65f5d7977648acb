//! The console's state: the session (or the setup form), the view model and the engine calls.
//! Keys are turned into actions by [`super::keymap`] and carried out in [`super::update`];
//! drawing lives in [`super::screens`] and only reads the [`ConsoleView`] built here.

use chrono::{DateTime, Utc};

use super::i18n::{self as t, L};
use super::keymap::{self, Binding, Context};
pub use super::model::Launch;
use super::model::{AgendaRow, Level, Overlay, Screen, agenda_rows};
use super::screens::{ConsoleView, Live, View};
use super::setup::SetupForm;
use crate::scenario::{Deck, InjectId, Lang};
use crate::session::room::Viewer;
use crate::session::{Clock, Command, Session, SessionError};

pub enum Mode<C: Clock> {
    Setup(Box<SetupForm>),
    Live(Box<Session<C>>),
}

/// How long after a reveal an Enter is taken for the tail of the one that revealed.
pub const REVEAL_GUARD_MS: i64 = 1200;

pub struct App<C: Clock + Clone> {
    pub mode: Mode<C>,
    pub launch: Launch,
    pub lang: Lang,
    pub overlay: Option<Overlay>,
    pub notice: Option<(Level, String)>,
    /// The focused group on the card screen.
    pub focus: usize,
    pub agenda_sel: usize,
    pub show_notes: bool,
    /// The facilitator's own view: recorded answers, notes and facilitator notes on screen.
    /// Off by default: the console assumes the room can see it.
    pub private: bool,
    /// The page of the screen (card, compare, end): the page keys turn it one at a time.
    pub scroll: u16,
    /// The page of the facilitator notes' box (`[` `]`).
    pub notes_page: u16,
    /// How many pages the last frame had, so the page keys stop at the last one.
    pub pages: super::screens::PageCount,
    pub now: DateTime<Utc>,
    /// Released injects of the open card before this index are no longer marked new: the mark
    /// stays on the latest release until the next one or the end of the card.
    pub seen_injects: usize,
    /// When the open card's answers were revealed (by this console), to ignore a hasty Enter.
    pub revealed_at: Option<DateTime<Utc>>,
    pub log_failed: bool,
    pub quit: bool,
    pub clock: C,
    /// The facilitator has moved on from the follow-up screen.
    pub follow_up_done: bool,
    pub follow_up_sel: usize,
    /// Esc was pressed once on a form with typed text: a second Esc throws the text away.
    pub discard_armed: bool,
    /// The closing screen is on (over whatever screen was on: the same key goes back).
    pub closing: bool,
    /// The selected row of the closing screen, in [`super::model::closing_items`].
    pub closing_sel: usize,
    /// The console has offered the closing round once, when the agenda reached it.
    pub closing_offered: bool,
    /// The closing round's debrief writer (`w`): one write at a time, off the console's thread.
    pub debriefs: crate::debrief::beside::Desk,
    /// What the last key, a letter on a screen, did: if the next key comes as part of a word,
    /// the letter was the word's first, and what it did is taken back.
    pub first_letter: Option<super::model::FirstLetter>,
    /// How earlier sessions answered the cards (`play --peers`), to record once the session runs,
    /// with the line that says what was read.
    pub peers: Option<(Vec<crate::session::PeerCard>, Level, String)>,
}

impl<C: Clock + Clone> App<C> {
    pub fn with_setup(launch: Launch, form: SetupForm, lang: Lang, clock: C) -> Self {
        Self::new(Mode::Setup(Box::new(form)), launch, lang, clock)
    }

    pub fn with_session(launch: Launch, session: Session<C>, lang: Lang, clock: C) -> Self {
        let mut app = Self::new(Mode::Live(Box::new(session)), launch, lang, clock);
        app.seen_injects = app.released_count();
        // A resumed session opens where the room is: on the closing round if it was left open.
        app.closing = app.session().is_some_and(|s| s.state().closing_round);
        app.sync_after_change();
        app
    }

    fn new(mode: Mode<C>, launch: Launch, lang: Lang, clock: C) -> Self {
        let now = clock.now().to_utc();
        App {
            mode,
            launch,
            lang,
            overlay: None,
            notice: None,
            focus: 0,
            agenda_sel: 0,
            show_notes: false,
            private: false,
            scroll: 0,
            notes_page: 0,
            pages: super::screens::PageCount::default(),
            now,
            seen_injects: 0,
            revealed_at: None,
            log_failed: false,
            quit: false,
            clock,
            follow_up_done: false,
            follow_up_sel: 0,
            discard_armed: false,
            closing: false,
            closing_sel: 0,
            closing_offered: false,
            debriefs: crate::debrief::beside::Desk::default(),
            first_letter: None,
            peers: None,
        }
    }

    pub fn session(&self) -> Option<&Session<C>> {
        match &self.mode {
            Mode::Live(s) => Some(s),
            Mode::Setup(_) => None,
        }
    }

    pub fn deck(&self) -> &Deck {
        match &self.mode {
            Mode::Live(s) => s.deck(),
            Mode::Setup(_) => &self.launch.deck,
        }
    }

    pub fn screen(&self) -> Screen {
        match &self.mode {
            Mode::Setup(_) => Screen::Setup,
            Mode::Live(_) if self.closing => Screen::Closing,
            Mode::Live(s) if s.state().is_ended() => Screen::End,
            Mode::Live(s) if s.state().current_play().is_some() => Screen::Card,
            Mode::Live(s) if !self.follow_up_done && !s.state().follow_up.is_empty() && s.state().plays.is_empty() => {
                Screen::FollowUp
            }
            Mode::Live(_) => Screen::Agenda,
        }
    }

    /// The screens are blanked; it is in the log, so every audience screen follows.
    pub fn blackout(&self) -> bool {
        self.session().is_some_and(|s| s.state().blackout)
    }

    pub fn paused(&self) -> bool {
        self.session().is_some_and(|s| s.state().is_paused())
    }

    pub fn revealed(&self) -> bool {
        self.session().and_then(|s| s.state().current_play()).is_some_and(|p| p.is_revealed())
    }

    /// Where the facilitator is, for the keymap: the overlay if one is open, else the screen.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help) => return Context::Help,
            Some(Overlay::Confirm(c)) if c.needs_enter() => return Context::ConfirmEnter,
            Some(Overlay::Confirm(_)) => return Context::Confirm,
            Some(Overlay::Note { .. }) => return Context::Note,
            Some(Overlay::Action { .. }) => return Context::ActionForm,
            Some(Overlay::Rationale { .. }) => return Context::Rationale,
            Some(Overlay::Other { .. }) => return Context::Other,
            Some(Overlay::Development { .. }) => return Context::Development,
            Some(Overlay::Decision { .. }) => return Context::Decision,
            Some(Overlay::Dissent { .. }) => return Context::Dissent,
            Some(Overlay::Roles { .. }) => return Context::Roles,
            Some(Overlay::SaveAs { .. }) => return Context::SaveAs,
            Some(Overlay::Picker { .. }) => return Context::Picker,
            Some(Overlay::OptionFirst { .. }) => return Context::OptionFirst,
            Some(Overlay::Finding { .. }) => return Context::FindingForm,
            Some(Overlay::Assess { .. }) => return Context::Assess,
            None => {}
        }
        self.screen_context()
    }

    /// The context of the screen, whatever overlay is open: what the help overlay lists.
    pub fn screen_context(&self) -> Context {
        match &self.mode {
            Mode::Setup(form) if form.on_text() => Context::SetupText,
            Mode::Setup(_) => Context::Setup,
            Mode::Live(_) if self.blackout() && self.screen() != Screen::End => Context::Blackout,
            Mode::Live(_) => match self.screen() {
                Screen::FollowUp => Context::FollowUp,
                Screen::Card if self.revealed() => Context::Compare,
                Screen::Card => Context::Card,
                Screen::End => Context::End,
                Screen::Closing => Context::Closing,
                Screen::Agenda | Screen::Setup => Context::Agenda,
            },
        }
    }

    /// The keys of the current context, for the status bar and the help overlay.
    pub fn bindings(&self) -> Vec<Binding> {
        keymap::bindings(self.context(), self.log_failed)
    }

    /// The help overlay lists the keys of the screen beneath it.
    pub fn help_bindings(&self) -> Vec<Binding> {
        keymap::bindings(self.screen_context(), self.log_failed)
    }

    pub fn say(&mut self, level: Level, text: impl Into<String>) {
        self.notice = Some((level, text.into()));
    }

    /// A text in the console's language, its keys filled in from the keymap.
    pub(super) fn tr(&self, l: L) -> String {
        super::i18n::keyed(l, self.lang)
    }

    pub(super) fn released_count(&self) -> usize {
        self.session().and_then(|s| s.state().current_play()).map_or(0, |p| p.released.len())
    }

    pub fn agenda_rows(&self) -> Vec<AgendaRow> {
        self.session().map(|s| agenda_rows(s.state(), s.deck())).unwrap_or_default()
    }

    /// The clock ticked: update the time and let timed injects announce themselves.
    pub fn on_tick(&mut self) {
        self.now = self.clock.now().to_utc();
        self.poll_debrief();
        let lang = self.lang;
        let before = self.released_count();
        let Mode::Live(session) = &mut self.mode else { return };
        if session.state().is_paused() || session.state().is_ended() {
            return;
        }
        match session.release_due() {
            Ok(released) if !released.is_empty() => {
                let text = announce(session, &released, lang);
                self.seen_injects = before;
                self.say(Level::Info, text);
            }
            Ok(_) => {}
            Err(e) => self.on_error(e),
        }
    }

    /// Sends a command to the engine; shows why when it is refused or cannot be written.
    pub fn exec(&mut self, cmd: Command) -> bool {
        let Mode::Live(session) = &mut self.mode else { return false };
        match session.execute(cmd) {
            Ok(_) => {
                self.sync_after_change();
                true
            }
            Err(e) => {
                self.on_error(e);
                false
            }
        }
    }

    /// As [`App::exec`], but gives the engine's error back for the caller to word (the device
    /// console answers a page with it); a failed write is still shown and remembered here.
    pub fn try_exec(&mut self, cmd: Command) -> Result<(), SessionError> {
        let Mode::Live(session) = &mut self.mode else {
            return Err(crate::session::Refusal::NoOpenCard.into());
        };
        match session.execute(cmd) {
            Ok(_) => {
                self.sync_after_change();
                Ok(())
            }
            Err(e) => {
                if matches!(e, SessionError::Log(_)) {
                    self.log_failed = true;
                    self.say(
                        Level::Error,
                        format!("{} ({})", self.tr(t::LOG_FAILED), session_error_text(&e, self.lang)),
                    );
                }
                Err(e)
            }
        }
    }

    pub(super) fn exec_saved(&mut self, cmd: Command) -> bool {
        if self.exec(cmd) {
            self.say(Level::Info, self.tr(t::SAVED));
            true
        } else {
            false
        }
    }

    pub(super) fn on_error(&mut self, e: SessionError) {
        if matches!(e, SessionError::Log(_)) {
            self.log_failed = true;
            self.say(Level::Error, format!("{} ({})", self.tr(t::LOG_FAILED), session_error_text(&e, self.lang)));
        } else {
            self.say(Level::Warn, session_error_text(&e, self.lang));
        }
    }

    pub(super) fn sync_after_change(&mut self) {
        let groups = self.group_count().max(1);
        self.focus = self.focus.min(groups - 1);
        let rows = self.agenda_rows().len();
        self.agenda_sel = self.agenda_sel.min(rows.saturating_sub(1));
    }

    pub(super) fn group_count(&self) -> usize {
        self.session().map_or(0, |s| s.state().setup.groups.len())
    }

    /// Brings in the previous session right after a session starts. A previous session without
    /// actions still brings its answers and played cards; the status line says there is nothing
    /// to ask about (before the log's name, which it would otherwise replace).
    pub fn open_follow_up(&mut self) {
        let Some(previous) = self.launch.follow_up.clone() else { return };
        let empty = previous.actions.is_empty();
        if self.exec(Command::FollowUpOn(Box::new(previous))) && empty {
            let log = self.notice.as_ref().map(|(_, text)| format!(" · {text}")).unwrap_or_default();
            self.say(Level::Info, format!("{}{log}", self.tr(t::NO_PREVIOUS_ACTIONS)));
        }
    }

    /// Records how earlier sessions answered the cards (`play --peers`) once a session runs, and
    /// says what was read before anything else on the status line.
    pub fn open_peers(&mut self) {
        let Some((cards, level, text)) = self.peers.take() else { return };
        if self.exec(Command::LoadPeers(cards)) {
            let text = match &self.notice {
                Some((_, before)) => format!("{text} | {before}"),
                None => text,
            };
            self.say(level, text);
        }
    }

    /// Everything the renderers need, without the clock's type.
    pub fn console_view(&self) -> ConsoleView<'_> {
        let live = self.session().map(|s| Live {
            view: View {
                scroll: self.scroll,
                notes_page: self.notes_page,
                pages: Some(&self.pages),
                show_notes: self.show_notes && self.private,
                focus: Some(self.focus),
                seen_injects: self.seen_injects,
                viewer: if self.private { Viewer::Private } else { Viewer::Console },
                ..View::new(s.state(), s.deck(), self.lang, self.now)
            },
            log_path: s.log_path().display().to_string(),
            agenda_rows: self.agenda_rows(),
        });
        let setup = match &self.mode {
            Mode::Setup(form) => Some(&**form),
            Mode::Live(_) => None,
        };
        ConsoleView {
            lang: self.lang,
            screen: self.screen(),
            live,
            setup,
            setup_deck: &self.launch.deck,
            setup_follow_up: self.launch.follow_up.as_ref(),
            setup_log: match &self.launch.log {
                Some(file) => (file.as_path(), true),
                None => (self.launch.log_dir.as_path(), false),
            },
            overlay: self.overlay.as_ref(),
            notice: self.notice.as_ref(),
            bindings: self.bindings(),
            help: self.help_bindings(),
            help_context: self.screen_context(),
            blackout: self.blackout(),
            private: self.private,
            agenda_sel: self.agenda_sel,
            follow_up_sel: self.follow_up_sel,
            closing_sel: self.closing_sel,
            lobby: None,
        }
    }
}

impl<C: Clock + Clone> super::screens::Console for App<C> {
    fn console_view(&self) -> ConsoleView<'_> {
        App::console_view(self)
    }
}

impl<C: Clock + Clone> super::run::Program for App<C> {
    fn on_key(&mut self, key: crossterm::event::KeyEvent) {
        App::on_key(self, key);
    }

    fn on_word_key(&mut self, key: crossterm::event::KeyEvent) {
        App::on_word_key(self, key);
    }

    fn on_paste(&mut self, text: &str) {
        App::on_paste(self, text);
    }

    fn on_tick(&mut self) {
        App::on_tick(self);
    }

    /// A debrief written in the background wakes the loop when it is done.
    fn attach(&mut self, waker: super::run::Waker) {
        self.debriefs.set_wake(move || waker.wake());
    }

    fn render(&self, frame: &mut ratatui::Frame) {
        super::screens::render(self, frame);
    }

    fn should_quit(&self) -> bool {
        self.quit
    }

    /// A second while a clock is on screen, so it ticks; otherwise a long wait (any key or
    /// resize wakes the loop at once).
    fn tick(&self) -> std::time::Duration {
        let secs = match self.screen() {
            Screen::Setup | Screen::End | Screen::FollowUp => 60,
            _ if self.session().is_some_and(|s| s.state().is_paused()) => 30,
            _ => 1,
        };
        std::time::Duration::from_secs(secs)
    }
}

/// One line announcing newly released injects, in the session's language.
pub(super) fn announce<C: Clock>(session: &Session<C>, released: &[InjectId], lang: Lang) -> String {
    let state = session.state();
    let Some(play) = state.current_play() else { return String::new() };
    let texts: Vec<String> = released
        .iter()
        .filter_map(|id| state.inject(session.deck(), &play.card, id))
        .map(|i| whole_words(&crate::scenario::clean(i.text.get(lang)), ANNOUNCED_CHARS))
        .collect();
    format!("{}: {}", t::NEW.get(lang), texts.join(" · "))
}

/// The longest development text the status line repeats (it wraps to three rows at most).
const ANNOUNCED_CHARS: usize = 200;

/// `text` cut to at most `max` characters at a space, with "…" when cut: never mid-word.
fn whole_words(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let kept = head.rfind(' ').map_or(head.as_str(), |i| &head[..i]);
    format!("{}…", kept.trim_end())
}

/// Engine errors in the facilitator's language (the engine describes its own errors; the
/// console only says that a refused setup is about the setup).
pub fn session_error_text(e: &SessionError, lang: Lang) -> String {
    match (e, lang) {
        (SessionError::Setup(s), Lang::Nl) => format!("Instellingen kloppen niet: {}", s.describe(lang)),
        (SessionError::Setup(s), Lang::En) => format!("The setup is not right: {}", s.describe(lang)),
        (e, _) => e.describe(lang),
    }
}
