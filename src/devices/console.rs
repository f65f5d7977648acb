//! The console's side of the devices: one wrapper around the console [`App`] that, on every
//! tick, runs the devices' commands through the App's own engine call (as a key press would),
//! publishes the room's view for the pages after every change, writes the links' handout beside
//! the log, and shows the join screen on `l` in the private view only (a room-safe console may
//! be mirrored on the projector). Everything else goes to the App unchanged.

use std::collections::VecDeque;
use std::time::Duration;

use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;

use super::Devices;
use super::join;
use crate::scenario::Lang;
use crate::scenario::text::L;
use crate::session::{Choice, Clock, Command, GroupId, Outside, Refusal, SessionError, Source};
use crate::ui::app::{App, Mode};
use crate::ui::intent::Intent;
use crate::ui::keymap::{self, Context, with_keys};
use crate::ui::model::Level;
use crate::ui::model::Overlay;
use crate::ui::run::Program;

/// How many recorded request ids are remembered to recognise a repeated submission.
const RECORDED_KEPT: usize = 512;

/// What the page and the console say about a refused device answer: the problem, in the
/// session's language, never the request's own text (an option id could be anything).
pub fn refusal_texts(e: &SessionError, lang: Lang) -> (String, String) {
    let fixed = |page: L, console: L| (page.get(lang).to_string(), console.get(lang).to_string());
    match e {
        SessionError::Refused(Refusal::NotTheOpenCard | Refusal::NoOpenCard) => {
            fixed(super::page::CARD_CLOSED, CARD_CLOSED)
        }
        SessionError::Refused(Refusal::AlreadyRevealed) => fixed(super::page::REVEALED, REVEALED),
        SessionError::Refused(Refusal::UnknownOption(_)) => fixed(super::page::NO_SUCH_OPTION, NO_SUCH_OPTION),
        SessionError::Log(_) => fixed(super::page::WRITE_FAILED, WRITE_FAILED),
        SessionError::Refused(r) => {
            let text = r.describe(lang);
            (text.clone(), text)
        }
        other => {
            let text = crate::ui::app::session_error_text(other, lang);
            (text.clone(), text)
        }
    }
}

pub const LINKS_PRIVATE: L = L(
    "De links staan niet op het zaalscherm: {Agenda.PrivateView} (eigen weergave) en dan {Agenda.Links} toont ze, of print",
    "The links are never on the room's screen: {Agenda.PrivateView} (private view) then {Agenda.Links} shows them, or print",
);
/// Said at once when a device answers for the group whose answer is being edited.
pub const ANSWERED_ITSELF: L =
    L("{name} heeft zelf geantwoord via een eigen apparaat", "{name} answered on its own device");
pub const CONFLICT_TITLE: L = L("Twee antwoorden voor één groep", "Two answers for one group");
pub const CONFLICT_TEXT: L = L(
    "{name} heeft zelf geantwoord via een eigen apparaat terwijl je het antwoord van {name} invoerde. Welk antwoord telt?",
    "{name} answered on its own device while you were entering {name}'s answer. Which answer stands?",
);
pub const CONFLICT_DEVICE: L = L(
    "{DeviceConflict.DeviceStands}  het antwoord van het apparaat (je invoer vervalt)",
    "{DeviceConflict.DeviceStands}  the device's answer (your entry is dropped)",
);
pub const CONFLICT_CONSOLE: L = L(
    "{DeviceConflict.ConsoleStands}  je invoer aan de console (het antwoord van de console komt terug; maak je invoer af)",
    "{DeviceConflict.ConsoleStands}  your entry at the console (the console's answer comes back; finish your entry)",
);
pub const CONFLICT_CONSOLE_PART: L = L(
    "{DeviceConflict.ConsoleStands}  je invoer aan de console (vervangt dat deel van het antwoord van het apparaat)",
    "{DeviceConflict.ConsoleStands}  your entry at the console (replaces that part of the device's answer)",
);
pub const DEVICE_STANDS: L = L(
    "Het antwoord van {name} via het apparaat telt; je invoer aan de console is vervallen.",
    "{name}'s answer from its device stands; your entry at the console was dropped.",
);
pub const CONSOLE_STANDS: L = L(
    "Het antwoord van {name} aan de console telt weer; maak je invoer af.",
    "{name}'s answer at the console stands again; finish your entry.",
);
pub const CONSOLE_PART: L = L(
    "Maak je invoer voor {name} af: die vervangt dat deel van het antwoord van het apparaat.",
    "Finish your entry for {name}: it replaces that part of the device's answer.",
);
pub const CONNECTED: L = L("Apparaten verbonden", "Devices connected");
pub const NONE_CONNECTED: L = L("nog geen", "none yet");
pub const LISTENING: L = L("Pagina's voor de groepen op", "Pages for the groups at");
pub const HANDOUT_WRITTEN: L = L("Links voor de groepen om uit te delen", "Links for the groups to hand out");
pub const HANDOUT_FAILED: L =
    L("Kon de links voor de groepen niet schrijven naar", "Could not write the groups' links to");
pub const CARD_CLOSED: L = L("die kaart is gesloten", "that card is closed");
pub const REVEALED: L = L("de antwoorden zijn al getoond", "the answers have already been shown");
pub const NO_SUCH_OPTION: L = L("onbekende optie", "unknown option");
pub const WRITE_FAILED: L = L("schrijven naar het logboek mislukt", "writing to the log failed");

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

/// The console with devices attached.
pub struct DeviceConsole<C: Clock + Clone> {
    pub app: App<C>,
    pub devices: Devices,
    /// The join screen is open, showing this group's link.
    pub join: Option<usize>,
    published_seq: Option<u64>,
    /// Request ids recorded lately, oldest first.
    recorded: VecDeque<String>,
    /// The handout of links written beside the log (removed when the session ends and when the
    /// console quits: its links die with the server, and a resume writes new ones).
    pub handout: Option<std::path::PathBuf>,
    /// A device answered for the group whose answer the gespreksleider is editing: which
    /// answer stands is asked before anything else (nothing merges silently).
    pub conflict: Option<Conflict>,
    /// The groups with a device connected, as last said on the status line.
    pub connected: Vec<usize>,
}

/// Two sources for one group's answer at once: the device's is recorded, the console's edit
/// is still open. `previous` is the answer entered at the console before the device's, if any.
#[derive(Debug, Clone)]
pub struct Conflict {
    pub group: GroupId,
    pub name: String,
    pub previous: Option<Choice>,
}

impl<C: Clock + Clone> DeviceConsole<C> {
    pub fn new(app: App<C>, devices: Devices) -> Self {
        let mut console = DeviceConsole {
            app,
            devices,
            join: None,
            published_seq: None,
            recorded: VecDeque::new(),
            handout: None,
            conflict: None,
            connected: Vec::new(),
        };
        console.sync();
        console
    }

    /// Runs every waiting device command through the App, as a key press would, and replies.
    /// A command the device has given up on is dropped unrun; a request already recorded is
    /// answered "saved" again without a second event.
    pub fn drain(&mut self) {
        while let Some(cmd) = self.devices.next_command() {
            if !cmd.take() {
                // Too late: the page says (or will say) "not saved"; it must stay that way.
                continue;
            }
            let lang = self.app.lang;
            if self.app.session().is_none() {
                cmd.answer(Err(NO_SESSION.get(lang).to_string()));
                continue;
            }
            if self.recorded.contains(&cmd.request) {
                cmd.answer(Ok(()));
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
                cmd.answer(Err(why));
                continue;
            }
            let group = cmd.group;
            let command = cmd.command.clone();
            let previous = self
                .app
                .session()
                .and_then(|s| s.state().current_play())
                .and_then(|p| p.choices.get(&group))
                .filter(|c| c.source == Source::Console)
                .cloned();
            match self.app.try_exec(command) {
                Ok(()) => {
                    if self.recorded.len() >= RECORDED_KEPT {
                        self.recorded.pop_front();
                    }
                    self.recorded.push_back(cmd.request.clone());
                    // Room-safe: which group answered, never what it chose.
                    self.app.say(Level::Info, format!("✓ {name}: {}", FROM_DEVICE.get(lang)));
                    self.sync();
                    cmd.answer(Ok(()));
                    self.on_device_answer(group, name, previous);
                }
                Err(e) => {
                    let (page_text, console_text) = refusal_texts(&e, lang);
                    // A failed write is already on the status line in full (it names the log).
                    if !matches!(e, SessionError::Log(_)) {
                        self.app.say(Level::Warn, format!("{name}: {} ({console_text})", DEVICE_REFUSED.get(lang)));
                    }
                    cmd.answer(Err(page_text));
                }
            }
        }
    }

    /// After a device's answer for `group` was recorded: when the gespreksleider is editing
    /// that group's answer, say so at once and ask which answer stands.
    fn on_device_answer(&mut self, group: GroupId, name: String, previous: Option<Choice>) {
        let editing = match &self.app.overlay {
            Some(
                Overlay::Rationale { group: g, .. }
                | Overlay::Decision { group: g, .. }
                | Overlay::Dissent { group: g, .. }
                | Overlay::OptionFirst { group: g, .. },
            ) => *g == group,
            _ => false,
        };
        if !editing {
            return;
        }
        let lang = self.app.lang;
        self.app.say(Level::Warn, ANSWERED_ITSELF.get(lang).replace("{name}", &name));
        // A second device answer during the question keeps the console's answer from before.
        let previous = match self.conflict.take() {
            Some(c) if c.group == group => c.previous,
            _ => previous,
        };
        self.conflict = Some(Conflict { group, name, previous });
    }

    /// The gespreksleider's choice after a device answered during an edit: `t` the device's
    /// answer stands (the edit is dropped), `c` the console's (its earlier answer is recorded
    /// again and the edit stays open to finish). Other keys wait.
    fn conflict_key(&mut self, key: KeyEvent) {
        let Some(conflict) = self.conflict.clone() else { return };
        let lang = self.app.lang;
        let Some(hit) = keymap::lookup(Context::DeviceConflict, false, &key) else { return };
        match hit.intent {
            Intent::DeviceStands => {
                self.conflict = None;
                self.app.overlay = None;
                self.app.say(Level::Info, DEVICE_STANDS.get(lang).replace("{name}", &conflict.name));
            }
            Intent::ConsoleStands => {
                self.conflict = None;
                match conflict.previous {
                    Some(p) => {
                        // "Anders" takes its words from the answer it replaces, which is now the
                        // device's: put the console's words back first, then the rest of its answer.
                        let words_back = p.outside() != Some(Outside::Other)
                            || self
                                .app
                                .exec(Command::RecordOutside { group: conflict.group, other: Some(p.other.clone()) });
                        let restored = words_back
                            && self.app.exec(Command::RecordChoice {
                                group: conflict.group,
                                option: p.option,
                                rationale: p.rationale,
                                decision: p.decision,
                                dissent: p.dissent,
                            });
                        if restored {
                            self.app.say(Level::Info, CONSOLE_STANDS.get(lang).replace("{name}", &conflict.name));
                        }
                    }
                    None => self.app.say(Level::Info, CONSOLE_PART.get(lang).replace("{name}", &conflict.name)),
                }
                self.sync();
            }
            _ => {}
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
        self.devices.log_errors_to(super::ErrorLog::path_for(session.log_path()));
        let state = session.state();
        if self.published_seq != Some(state.last_seq) {
            self.devices.publish(state, session.deck(), self.app.lang);
            self.published_seq = Some(state.last_seq);
        }
        let log = session.log_path().to_path_buf();
        let title = state.setup.title.clone();
        let ended = state.is_ended();
        if ended && self.devices.is_running() {
            self.devices.stop();
            if let Some(path) = self.handout.take() {
                let _ = std::fs::remove_file(path);
            }
            self.join = None;
            let text = DEVICES_STOPPED.get(self.app.lang);
            self.app.say(Level::Info, text);
            return;
        }
        if !ended && self.devices.is_running() {
            self.write_handout(&log, &title);
        }
    }

    /// The console once the loop has ended (`q`, an error): the handout goes, because its links
    /// stopped working with the server and a resume hands out new ones; a page of dead links
    /// beside the log only misleads. (A signal that ends the program at once leaves it; the next
    /// start writes new links over it.)
    pub fn finish(mut self) -> crate::ui::App<C> {
        if let Some(path) = self.handout.take() {
            let _ = std::fs::remove_file(path);
        }
        self.app
    }

    /// Keeps the lobby line current: the groups whose page was used lately (a page polls every
    /// few seconds while it is open). The line stands on the console (see `render`).
    fn lobby(&mut self) {
        self.connected = self.devices.connected();
    }

    /// "Apparaten verbonden (2/3): Laren, Huizen".
    pub fn lobby_line(&self) -> String {
        let lang = self.app.lang;
        let Some(state) = self.app.session().map(|s| s.state()) else { return String::new() };
        let names: Vec<String> = self
            .connected
            .iter()
            .filter(|g| **g < state.setup.groups.len())
            .map(|g| crate::scenario::clean(state.group_name(GroupId(*g as u8))).into_owned())
            .collect();
        let list = if names.is_empty() { NONE_CONNECTED.get(lang).to_string() } else { names.join(", ") };
        format!("{} ({}/{}): {list}", CONNECTED.get(lang), names.len(), state.setup.groups.len())
    }

    /// Writes the links' handout beside the log (once, and again when the log moves) and says
    /// where it is.
    fn write_handout(&mut self, log: &std::path::Path, title: &str) {
        let path = super::handout::path_for(log);
        if self.handout.as_ref() == Some(&path) {
            return;
        }
        let links = self.devices.links();
        if links.is_empty() {
            return;
        }
        let lang = self.app.lang;
        if let Some(old) = self.handout.take() {
            let _ = std::fs::remove_file(old);
        }
        match super::handout::write(&path, &super::handout::html(title, &links, lang)) {
            Ok(()) => {
                let at = self.devices.base_url().to_string();
                self.app.say(
                    Level::Info,
                    format!("{} {at} · {}: {}", LISTENING.get(lang), HANDOUT_WRITTEN.get(lang), path.display()),
                );
                self.handout = Some(path);
            }
            Err(e) => {
                let why = crate::scenario::text::io_error(&e, lang);
                self.app.say(Level::Warn, format!("{} {} ({why})", HANDOUT_FAILED.get(lang), path.display()));
                // Not tried again on every tick; the join screen (private view) has the links.
                self.handout = Some(path);
            }
        }
    }

    fn join_key(&mut self, key: KeyEvent) {
        let groups = self.devices.links().len().max(1);
        let sel = self.join.unwrap_or(0);
        let Some(hit) = keymap::lookup(Context::Join, false, &key) else { return };
        match hit.intent {
            Intent::Close => self.join = None,
            Intent::Select(_) if hit.forward() => self.join = Some((sel + 1) % groups),
            Intent::Select(_) => self.join = Some((sel + groups - 1) % groups),
            Intent::Choose => {
                if let Some(d) = hit.digit.filter(|d| *d < groups) {
                    self.join = Some(d);
                }
            }
            // Help and quit: the join screen closes and the console answers the key.
            Intent::Help | Intent::Quit => {
                self.join = None;
                self.app.on_key(key);
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
        // Ctrl-C asks to quit from anywhere, the join screen and the conflict question included.
        let ctrl_c = keymap::lookup(Context::DeviceConflict, false, &key).is_some_and(|h| h.intent == Intent::Quit);
        if self.conflict.is_some() && !ctrl_c {
            self.conflict_key(key);
            return;
        }
        if self.join.is_some() && !ctrl_c {
            self.join_key(key);
            return;
        }
        self.join = None;
        let links =
            keymap::lookup(self.app.context(), self.app.log_failed, &key).is_some_and(|h| h.intent == Intent::Links);
        let live = matches!(self.app.mode, Mode::Live(_));
        if links && live && self.app.overlay.is_none() && self.devices.is_running() {
            if self.app.private {
                self.join = Some(0);
            } else {
                // Room-safe: never a link on screen; say where they are instead.
                let lang = self.app.lang;
                let file = self.handout.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
                let lobby = self.lobby_line();
                self.app.say(Level::Info, format!("{} {file} · {lobby}", with_keys(LINKS_PRIVATE.get(lang), lang)));
            }
            return;
        }
        self.app.on_key(key);
        self.sync();
    }

    fn on_paste(&mut self, text: &str) {
        if self.join.is_none() && self.conflict.is_none() {
            self.app.on_paste(text);
        }
    }

    fn on_tick(&mut self) {
        self.lobby();
        self.drain();
        self.app.on_tick();
        self.sync();
    }

    fn render(&self, frame: &mut Frame) {
        // The links only ever on the private view: a room-safe console may be on the projector.
        match self.join.filter(|_| self.app.private) {
            Some(sel) => join::render(frame, &self.devices.links(), sel, self.app.lang),
            None => {
                let mut view = self.app.console_view();
                if self.devices.is_running() {
                    view.lobby = Some(self.lobby_line());
                }
                // The question below takes only its own keys: the edit's keys are not offered.
                if self.conflict.is_some() {
                    view.bindings = Vec::new();
                }
                crate::ui::screens::render_view(&view, frame);
            }
        }
        if let Some(conflict) = &self.conflict {
            render_conflict(frame, conflict, self.app.lang);
        }
    }

    fn should_quit(&self) -> bool {
        self.app.quit
    }

    fn tick(&self) -> Duration {
        self.app.tick()
    }

    /// On a real terminal: the server's panics go to its error file, not to the terminal's hook
    /// (installed just before), and a device's command wakes the loop at once.
    fn attach(&mut self, waker: crate::ui::run::Waker) {
        self.devices.guard_panics();
        self.app.debriefs.set_wake({
            let waker = waker.clone();
            move || waker.wake()
        });
        self.devices.set_waker(Box::new(move || waker.wake()));
    }
}

/// The question after a device answered during an edit: room-safe (who, never what).
fn render_conflict(frame: &mut Frame, conflict: &Conflict, lang: Lang) {
    use ratatui::layout::Rect;
    use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
    let area = frame.area();
    let width = area.width.saturating_sub(4).min(76);
    let height = 9.min(area.height);
    let at = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    let name = &conflict.name;
    let console = if conflict.previous.is_some() { CONFLICT_CONSOLE } else { CONFLICT_CONSOLE_PART };
    let lines = vec![
        ratatui::text::Line::raw(CONFLICT_TEXT.get(lang).replace("{name}", name)),
        ratatui::text::Line::raw(""),
        ratatui::text::Line::raw(with_keys(CONFLICT_DEVICE.get(lang), lang)),
        ratatui::text::Line::raw(with_keys(console.get(lang), lang)),
    ];
    frame.render_widget(Clear, at);
    let block = Block::new()
        .borders(Borders::ALL)
        .title(CONFLICT_TITLE.get(lang))
        .style(crate::ui::theme::base())
        .border_style(crate::ui::theme::warn());
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), at);
}
