//! The console's side of the devices: one wrapper around the console [`App`] that, on every
//! tick, runs the devices' commands through the App's own engine call (as a key press would),
//! publishes the room's view for the pages after every change, and shows the join screen
//! (first when the session starts, again on `l`). Everything else goes to the App unchanged.

use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::Frame;

use super::Devices;
use super::join;
use crate::scenario::text::L;
use crate::session::{Clock, GroupId};
use crate::ui::app::{App, Mode};
use crate::ui::keymap;
use crate::ui::model::Level;
use crate::ui::run::Program;

/// How often the loop wakes to take the devices' answers (the longest an answer waits).
pub const DEVICE_TICK: Duration = Duration::from_millis(100);

pub const FROM_DEVICE: L = L("antwoord via eigen apparaat ontvangen", "answer received from its own device");
pub const DEVICE_REFUSED: L = L("antwoord via apparaat niet vastgelegd", "answer from a device not recorded");
/// Why the console did not take an answer from the device of a group looking on at a follow-up.
pub const LOOKS_ON: L = L("kijkt mee bij dit vervolg", "looks on at this follow-up");
pub const NO_SESSION: L = L(
    "De sessie is nog niet begonnen; wacht op de gespreksleider.",
    "The session has not started yet; wait for the facilitator.",
);
pub const DEVICES_STOPPED: L = L(
    "Sessie afgesloten: de links van de groepen werken niet meer.",
    "Session ended: the groups' links no longer work.",
);

/// The key that opens the join screen (only where the console has no use for it).
pub const JOIN_KEY: char = 'l';

/// The console with devices attached.
pub struct DeviceConsole<C: Clock + Clone> {
    pub app: App<C>,
    pub devices: Devices,
    /// The join screen is open, showing this group's link.
    pub join: Option<usize>,
    join_shown: bool,
    published_seq: Option<u64>,
}

impl<C: Clock + Clone> DeviceConsole<C> {
    pub fn new(app: App<C>, devices: Devices) -> Self {
        let mut console = DeviceConsole { app, devices, join: None, join_shown: false, published_seq: None };
        console.sync();
        console
    }

    /// Runs every waiting device command through the App, as a key press would, and replies.
    pub fn drain(&mut self) {
        while let Some(cmd) = self.devices.next_command() {
            let lang = self.app.lang;
            if self.app.session().is_none() {
                let _ = cmd.reply.send(Err(NO_SESSION.get(lang).to_string()));
                continue;
            }
            let name = self
                .app
                .session()
                .map(|s| crate::scenario::clean(s.state().group_name(cmd.group)).into_owned())
                .unwrap_or_default();
            // A group looking on at a follow-up answers only when the gespreksleider enters
            // its answer at the console; its own device is refused (its page has no form).
            if let Some(why) = self.looking_on(cmd.group) {
                self.app.say(Level::Warn, format!("{name}: {} ({})", DEVICE_REFUSED.get(lang), LOOKS_ON.get(lang)));
                let _ = cmd.reply.send(Err(why));
                continue;
            }
            let before = self.app.notice.clone();
            if self.app.exec(cmd.command) {
                // Room-safe: which group answered, never what it chose.
                self.app.say(Level::Info, format!("✓ {name}: {}", FROM_DEVICE.get(lang)));
                self.sync();
                let _ = cmd.reply.send(Ok(()));
            } else {
                let why = match &self.app.notice {
                    Some((_, text)) if self.app.notice != before => text.clone(),
                    _ => DEVICE_REFUSED.get(lang).to_string(),
                };
                let level = if self.app.log_failed { Level::Error } else { Level::Warn };
                self.app.say(level, format!("{name}: {} ({why})", DEVICE_REFUSED.get(lang)));
                // A failed write names the log's path: the device hears only that it failed.
                let shown = if self.app.log_failed { super::page::NOT_SAVED.get(lang).to_string() } else { why };
                let _ = cmd.reply.send(Err(shown));
            }
        }
    }

    /// Why `group` may not answer the open card from its device: it is a follow-up for other
    /// groups that this group only looks on at (it has not answered at the console either).
    fn looking_on(&self, group: GroupId) -> Option<String> {
        let state = self.app.session()?.state();
        let play = state.current_play()?;
        if !play.is_for_some() || play.takes_part(group) || play.is_revealed() {
            return None;
        }
        let names: Vec<String> =
            play.for_groups.iter().map(|g| crate::scenario::clean(state.group_name(*g)).into_owned()).collect();
        Some(super::page::looking_on_refusal(&names, self.app.lang))
    }

    /// Publishes the room's view when the session changed; opens the join screen once when a
    /// session first runs; closes the server when the session has ended.
    pub fn sync(&mut self) {
        let Mode::Live(session) = &self.app.mode else { return };
        let state = session.state();
        if self.published_seq != Some(state.last_seq) {
            self.devices.publish(state, session.deck(), self.app.lang);
            self.published_seq = Some(state.last_seq);
        }
        if state.is_ended() && self.devices.is_running() {
            self.devices.stop();
            self.join = None;
            let text = DEVICES_STOPPED.get(self.app.lang);
            self.app.say(Level::Info, text);
            return;
        }
        if !self.join_shown && !state.is_ended() {
            self.join_shown = true;
            self.join = Some(0);
        }
    }

    fn join_key(&mut self, key: KeyEvent) {
        let groups = self.devices.links().len().max(1);
        let sel = self.join.unwrap_or(0);
        match key.code {
            KeyCode::Enter | KeyCode::Esc => self.join = None,
            KeyCode::Char(c) if c == JOIN_KEY => self.join = None,
            KeyCode::Right | KeyCode::Down | KeyCode::Tab | KeyCode::Char(' ') => self.join = Some((sel + 1) % groups),
            KeyCode::Left | KeyCode::Up | KeyCode::BackTab => self.join = Some((sel + groups - 1) % groups),
            KeyCode::Char(c) if c.is_ascii_digit() => {
                let n = c.to_digit(10).unwrap_or(0) as usize;
                if (1..=groups).contains(&n) {
                    self.join = Some(n - 1);
                }
            }
            _ => {}
        }
    }
}

impl<C: Clock + Clone> Program for DeviceConsole<C> {
    fn on_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if self.join.is_some() && !ctrl_c {
            self.join_key(key);
            return;
        }
        self.join = None;
        let free = keymap::lookup(self.app.context(), self.app.log_failed, &key).is_none();
        let live = matches!(self.app.mode, Mode::Live(_));
        if free
            && live
            && key.code == KeyCode::Char(JOIN_KEY)
            && self.app.overlay.is_none()
            && self.devices.is_running()
        {
            self.join = Some(0);
            return;
        }
        self.app.on_key(key);
        self.sync();
    }

    fn on_paste(&mut self, text: &str) {
        if self.join.is_none() {
            self.app.on_paste(text);
        }
    }

    fn on_tick(&mut self) {
        self.drain();
        self.app.on_tick();
        self.sync();
    }

    fn render(&self, frame: &mut Frame) {
        match self.join {
            Some(sel) => join::render(frame, &self.devices.links(), sel, self.app.lang),
            None => crate::ui::screens::render(&self.app, frame),
        }
    }

    fn should_quit(&self) -> bool {
        self.app.quit
    }

    fn tick(&self) -> Duration {
        self.app.tick().min(DEVICE_TICK)
    }
}
