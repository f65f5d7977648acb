//! The console's model and update: view state, keys → engine commands. Drawing lives in
//! [`super::screens`] and only reads from here.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::i18n::{self as t, L};
use super::keys::{self, Hint};
use super::setup::SetupForm;
use super::text_field::TextField;
use crate::log::{LogError, default_path};
use crate::scenario::{CardId, Deck, InjectId, Lang, Release, Role};
use crate::session::{Clock, Command, Decision, GroupId, Refusal, Session, SessionError};

/// Which screen shows; derived from the session state, never stored beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Setup,
    /// "What have you done since?": the previous session's actions, before the first card.
    FollowUp,
    Agenda,
    Card,
    End,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Warn,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    Help,
    ConfirmQuit,
    ConfirmEnd,
    Note { about: Option<GroupId>, text: TextField },
    Action { group: GroupId, field: usize, what: TextField, owner: usize, due: TextField },
    Rationale { group: GroupId, text: TextField },
    Dissent { group: GroupId, roles: Vec<Role> },
    Roles { group: usize },
    SaveAs { path: TextField },
}

/// An agenda row the facilitator can select.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaRow {
    Suggested { card: CardId, groups: Vec<GroupId> },
    Planned { card: CardId },
}

impl AgendaRow {
    pub fn card(&self) -> &CardId {
        match self {
            AgendaRow::Suggested { card, .. } | AgendaRow::Planned { card } => card,
        }
    }
}

pub enum Mode<C: Clock> {
    Setup(Box<SetupForm>),
    Live(Box<Session<C>>),
}

/// What the console needs to start a session from the setup screen.
#[derive(Debug, Clone)]
pub struct Launch {
    pub deck: Deck,
    pub log: Option<PathBuf>,
    pub log_dir: PathBuf,
    pub seed: u64,
    pub facilitator: String,
    /// Actions of a previous session to follow up on: (its log's name, the actions).
    pub follow_up: Option<(String, Vec<crate::session::PreviousAction>)>,
}

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
    pub scroll: u16,
    pub now: DateTime<Utc>,
    /// How many released injects of the open card the facilitator has seen (the rest are new).
    pub seen_injects: usize,
    pub log_failed: bool,
    pub quit: bool,
    pub clock: C,
    /// The facilitator has moved on from the follow-up screen.
    pub follow_up_done: bool,
    pub follow_up_sel: usize,
}

impl<C: Clock + Clone> App<C> {
    pub fn with_setup(launch: Launch, form: SetupForm, lang: Lang, clock: C) -> Self {
        Self::new(Mode::Setup(Box::new(form)), launch, lang, clock)
    }

    pub fn with_session(launch: Launch, session: Session<C>, lang: Lang, clock: C) -> Self {
        let mut app = Self::new(Mode::Live(Box::new(session)), launch, lang, clock);
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
            scroll: 0,
            now,
            seen_injects: 0,
            log_failed: false,
            quit: false,
            clock,
            follow_up_done: false,
            follow_up_sel: 0,
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

    pub fn say(&mut self, level: Level, text: impl Into<String>) {
        self.notice = Some((level, text.into()));
    }

    fn tr(&self, l: L) -> &'static str {
        l.get(self.lang)
    }

    /// The clock ticked: update the time and let timed injects announce themselves.
    pub fn on_tick(&mut self) {
        self.now = self.clock.now().to_utc();
        let lang = self.lang;
        let Mode::Live(session) = &mut self.mode else { return };
        if session.state().is_paused() || session.state().is_ended() {
            return;
        }
        match session.release_due() {
            Ok(released) if !released.is_empty() => {
                let text = announce(session, &released, lang);
                self.say(Level::Info, text);
            }
            Ok(_) => {}
            Err(e) => self.on_error(e),
        }
    }

    pub fn on_paste(&mut self, text: &str) {
        match &mut self.overlay {
            Some(
                Overlay::Note { text: f, .. }
                | Overlay::Rationale { text: f, .. }
                | Overlay::SaveAs { path: f }
                | Overlay::Action { what: f, field: 1, .. }
                | Overlay::Action { due: f, field: 3, .. },
            ) => f.paste(text),
            None => {
                if let Mode::Setup(form) = &mut self.mode {
                    form.paste(text);
                }
            }
            _ => {}
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        if key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL) {
            self.overlay = Some(Overlay::ConfirmQuit);
            return;
        }
        if self.notice.as_ref().is_some_and(|(l, _)| *l != Level::Error) {
            self.notice = None;
        }
        if let Some(overlay) = self.overlay.take() {
            self.overlay_key(overlay, key);
            return;
        }
        if self.screen() == Screen::Setup {
            self.setup_key(key);
            return;
        }
        if self.global_key(key) {
            return;
        }
        match self.screen() {
            Screen::FollowUp => self.follow_up_key(key),
            Screen::Agenda => self.agenda_key(key),
            Screen::Card => self.card_key(key),
            Screen::End => self.end_key(key),
            Screen::Setup => {}
        }
    }

    /// Keys that work on every screen of a live session. Returns true when handled.
    fn global_key(&mut self, key: KeyEvent) -> bool {
        let ended = self.screen() == Screen::End;
        let blackout = self.blackout();
        match key.code {
            KeyCode::Char('?') | KeyCode::F(1) => self.overlay = Some(Overlay::Help),
            KeyCode::Char('q') => self.overlay = Some(Overlay::ConfirmQuit),
            KeyCode::Char('b') if !ended => {
                self.exec(Command::Blackout(!blackout));
            }
            _ if blackout => {}
            KeyCode::Char('n') if !ended => {
                let about = (self.screen() == Screen::Card).then_some(GroupId(self.focus_u8()));
                self.overlay = Some(Overlay::Note { about, text: TextField::default() });
            }
            KeyCode::Char('a') if !ended => {
                self.overlay = Some(Overlay::Action {
                    group: GroupId(self.focus_u8()),
                    field: 1,
                    what: TextField::default(),
                    owner: 0,
                    due: TextField::default(),
                })
            }
            KeyCode::Char('p') if !ended => {
                let paused = self.session().is_some_and(|s| s.state().is_paused());
                self.exec(if paused { Command::Resume } else { Command::Pause });
            }
            KeyCode::Char('W') if self.log_failed => {
                let suggestion = self.session().map(|s| s.log_path().with_extension("kopie.jsonl")).unwrap_or_default();
                self.overlay = Some(Overlay::SaveAs { path: TextField::new(&suggestion.display().to_string()) });
            }
            KeyCode::PageDown | KeyCode::Down if self.screen() != Screen::Agenda => {
                self.scroll = self.scroll.saturating_add(if key.code == KeyCode::PageDown { 10 } else { 1 })
            }
            KeyCode::PageUp | KeyCode::Up if self.screen() != Screen::Agenda => {
                self.scroll = self.scroll.saturating_sub(if key.code == KeyCode::PageUp { 10 } else { 1 })
            }
            _ => return false,
        }
        true
    }

    fn focus_u8(&self) -> u8 {
        u8::try_from(self.focus).unwrap_or(0)
    }

    fn group_count(&self) -> usize {
        self.session().map_or(0, |s| s.state().setup.groups.len())
    }

    // ---- agenda ----------------------------------------------------------------------------

    pub fn agenda_rows(&self) -> Vec<AgendaRow> {
        self.session().map(|s| agenda_rows(s.state(), s.deck())).unwrap_or_default()
    }

    fn agenda_key(&mut self, key: KeyEvent) {
        let rows = self.agenda_rows();
        let n = rows.len();
        let shift = key.modifiers.contains(KeyModifiers::SHIFT);
        match key.code {
            KeyCode::Up if shift => self.move_planned(&rows, -1),
            KeyCode::Down if shift => self.move_planned(&rows, 1),
            KeyCode::Char('K') => self.move_planned(&rows, -1),
            KeyCode::Char('J') => self.move_planned(&rows, 1),
            KeyCode::Up | KeyCode::Char('k') => self.agenda_sel = self.agenda_sel.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => self.agenda_sel = (self.agenda_sel + 1).min(n.saturating_sub(1)),
            KeyCode::Enter => {
                if let Some(row) = rows.get(self.agenda_sel).or(rows.first()) {
                    self.open_card(row.card().clone());
                } else {
                    self.say(Level::Info, self.tr(t::END_OF_AGENDA));
                }
            }
            KeyCode::Char('s') | KeyCode::Delete => {
                if let Some(row) = rows.get(self.agenda_sel) {
                    let card = row.card().clone();
                    self.exec(Command::SkipCard(card));
                    self.agenda_sel = self.agenda_sel.min(self.agenda_rows().len().saturating_sub(1));
                }
            }
            KeyCode::Char('D') => self.drop_suggested(),
            KeyCode::Char('E') => self.overlay = Some(Overlay::ConfirmEnd),
            _ => {}
        }
    }

    fn move_planned(&mut self, rows: &[AgendaRow], delta: isize) {
        let Some(row) = rows.get(self.agenda_sel) else { return };
        let Some(s) = self.session() else { return };
        let mut plan = s.state().plan.clone();
        let Some(pos) = plan.iter().position(|c| c == row.card()) else { return };
        // Move past played and skipped cards so one key press always changes the visible order.
        let state = s.state();
        let visible = |c: &CardId| !state.is_played(c) && !state.skipped.contains(c);
        let mut target = pos as isize;
        loop {
            target += delta;
            if target < 0 || target as usize >= plan.len() {
                return;
            }
            if visible(&plan[target as usize]) {
                break;
            }
        }
        let card = plan.remove(pos);
        plan.insert(target as usize, card.clone());
        if self.exec(Command::ChangeAgenda(plan)) {
            self.agenda_sel = self.agenda_rows().iter().position(|r| r.card() == &card).unwrap_or(self.agenda_sel);
        }
    }

    fn drop_suggested(&mut self) {
        let Some(s) = self.session() else { return };
        let pace = crate::session::pacing(s.state(), s.deck(), self.now);
        for card in pace.drop {
            if !self.exec(Command::SkipCard(card)) {
                break;
            }
        }
        self.agenda_sel = 0;
    }

    fn open_card(&mut self, card: CardId) {
        if self.exec(Command::OpenCard(card)) {
            self.focus = 0;
            self.scroll = 0;
            self.show_notes = false;
            self.seen_injects = 0;
            self.on_tick();
        }
    }

    // ---- card ------------------------------------------------------------------------------

    fn card_key(&mut self, key: KeyEvent) {
        let groups = self.group_count().max(1);
        let revealed = self.session().and_then(|s| s.state().current_play()).is_some_and(|p| p.is_revealed());
        self.seen_injects = self.session().and_then(|s| s.state().current_play()).map_or(0, |p| p.released.len());
        match key.code {
            KeyCode::Tab => self.focus = (self.focus + 1) % groups,
            KeyCode::BackTab => self.focus = (self.focus + groups - 1) % groups,
            KeyCode::Char('f') => self.show_notes = !self.show_notes,
            KeyCode::Char('i') => self.release_next_inject(),
            KeyCode::Char('x') => {
                self.exec(Command::CloseCard);
            }
            KeyCode::Enter if revealed && self.exec(Command::CloseCard) => self.agenda_sel = 0,
            KeyCode::Enter if revealed => {}
            KeyCode::Enter => self.reveal(),
            _ if revealed => {}
            KeyCode::Char(c @ '1'..='9') => self.choose_option(c as usize - '1' as usize),
            KeyCode::Char('e') => match self.focused_choice() {
                Some(choice) => {
                    self.overlay = Some(Overlay::Rationale {
                        group: GroupId(self.focus_u8()),
                        text: TextField::new(&choice.rationale),
                    })
                }
                None => self.say(Level::Warn, self.tr(t::CHOOSE_FIRST)),
            },
            KeyCode::Char('d') => match self.focused_choice() {
                Some(choice) => {
                    let i = Decision::ALL.iter().position(|d| *d == choice.decision).unwrap_or(0);
                    let next = Decision::ALL[(i + 1) % Decision::ALL.len()];
                    self.record(GroupId(self.focus_u8()), None, None, Some(next), None);
                }
                None => self.say(Level::Warn, self.tr(t::CHOOSE_FIRST)),
            },
            KeyCode::Char('r') => match self.focused_choice() {
                Some(choice) => {
                    self.overlay =
                        Some(Overlay::Dissent { group: GroupId(self.focus_u8()), roles: choice.dissent.clone() })
                }
                None => self.say(Level::Warn, self.tr(t::CHOOSE_FIRST)),
            },
            _ => {}
        }
    }

    fn focused_choice(&self) -> Option<crate::session::Choice> {
        let play = self.session()?.state().current_play()?;
        play.choices.get(&GroupId(self.focus_u8())).cloned()
    }

    fn choose_option(&mut self, index: usize) {
        let Some(s) = self.session() else { return };
        let Some(card) = s.state().current_play().and_then(|p| s.deck().card(&p.card)) else { return };
        let Some(option) = card.options.get(index) else { return };
        let option = option.id.clone();
        let group = GroupId(self.focus_u8());
        let name = crate::scenario::clean(s.state().group_name(group)).into_owned();
        if self.record(group, Some(option), None, None, None) {
            // Say which group was recorded, never which option: the room may be reading along.
            self.say(Level::Info, format!("{name}: {}", self.tr(t::ANSWER_RECORDED)));
        }
    }

    /// Records the focused group's answer, keeping whatever part is not being changed.
    fn record(
        &mut self,
        group: GroupId,
        option: Option<crate::scenario::OptionId>,
        rationale: Option<String>,
        decision: Option<Decision>,
        dissent: Option<Vec<Role>>,
    ) -> bool {
        let previous =
            self.session().and_then(|s| s.state().current_play()).and_then(|p| p.choices.get(&group).cloned());
        let Some(option) = option.or_else(|| previous.as_ref().map(|c| c.option.clone())) else { return false };
        let command = Command::RecordChoice {
            group,
            option,
            rationale: rationale.or_else(|| previous.as_ref().map(|c| c.rationale.clone())).unwrap_or_default(),
            decision: decision.or_else(|| previous.as_ref().map(|c| c.decision)).unwrap_or(Decision::Unanimous),
            dissent: dissent.or_else(|| previous.as_ref().map(|c| c.dissent.clone())).unwrap_or_default(),
        };
        self.exec(command)
    }

    fn reveal(&mut self) {
        let Some(s) = self.session() else { return };
        let missing = s.state().unanswered();
        if missing.is_empty() {
            self.exec(Command::Reveal);
            self.scroll = 0;
        } else {
            let names: Vec<String> =
                missing.iter().map(|g| crate::scenario::clean(s.state().group_name(*g)).into_owned()).collect();
            self.say(Level::Warn, format!("{} {}", self.tr(t::WAITING_FOR), names.join(", ")));
        }
    }

    fn release_next_inject(&mut self) {
        let next: Option<InjectId> = self.session().and_then(|s| {
            let play = s.state().current_play()?;
            let card = s.deck().card(&play.card)?;
            card.injects
                .iter()
                .find(|i| i.at == Release::Facilitator && !play.released.contains(&i.id))
                .map(|i| i.id.clone())
        });
        match next {
            Some(inject) => {
                if self.exec(Command::ReleaseInject(inject.clone()))
                    && let Mode::Live(s) = &self.mode
                {
                    let text = announce(s, &[inject], self.lang);
                    self.say(Level::Info, text);
                }
            }
            None => self.say(Level::Info, self.tr(t::NO_MORE_INJECTS)),
        }
    }

    fn follow_up_key(&mut self, key: KeyEvent) {
        let n = self.session().map_or(0, |s| s.state().follow_up.len());
        match key.code {
            KeyCode::Up => self.follow_up_sel = self.follow_up_sel.saturating_sub(1),
            KeyCode::Down => self.follow_up_sel = (self.follow_up_sel + 1).min(n.saturating_sub(1)),
            KeyCode::Char(c @ '1'..='3') => {
                let status = crate::session::Progress::ALL[c as usize - '1' as usize];
                if self.exec(Command::RecordProgress { index: self.follow_up_sel, status }) {
                    self.follow_up_sel = (self.follow_up_sel + 1).min(n.saturating_sub(1));
                }
            }
            KeyCode::Enter => self.follow_up_done = true,
            _ => {}
        }
    }

    /// Brings in the previous session's actions right after a session starts.
    pub fn open_follow_up(&mut self) {
        if let Some((from, actions)) = self.launch.follow_up.clone() {
            self.exec(Command::OpenFollowUp { from, actions });
        }
    }

    fn end_key(&mut self, key: KeyEvent) {
        if key.code == KeyCode::Home {
            self.scroll = 0;
        }
    }

    // ---- setup -----------------------------------------------------------------------------

    fn setup_key(&mut self, key: KeyEvent) {
        let Mode::Setup(form) = &mut self.mode else { return };
        match key.code {
            KeyCode::Esc => self.overlay = Some(Overlay::ConfirmQuit),
            KeyCode::F(1) => self.overlay = Some(Overlay::Help),
            KeyCode::Char('?') if !form.on_text() => self.overlay = Some(Overlay::Help),
            KeyCode::Char('q') if !form.on_text() => self.overlay = Some(Overlay::ConfirmQuit),
            KeyCode::Enter if form.on_start() => self.start_from_setup(),
            KeyCode::Enter if form.on_group().is_some() => {
                self.overlay = form.on_group().map(|group| Overlay::Roles { group });
            }
            _ => {
                form.handle(key, &self.launch.deck);
                self.lang = form.lang;
            }
        }
    }

    fn start_from_setup(&mut self) {
        let Mode::Setup(form) = &self.mode else { return };
        let setup = match form.to_setup(&self.launch, self.clock.now().date_naive()) {
            Ok(setup) => setup,
            Err(message) => {
                self.say(Level::Warn, message);
                return;
            }
        };
        let path = self
            .launch
            .log
            .clone()
            .unwrap_or_else(|| default_path(&self.launch.log_dir, &setup.title, self.clock.now()));
        match Session::start(self.launch.deck.clone(), setup, &path, self.clock.clone()) {
            Ok(session) => {
                let shown = session.log_path().display().to_string();
                self.mode = Mode::Live(Box::new(session));
                self.open_follow_up();
                self.say(Level::Info, format!("{}: {shown}", self.tr(t::LOG)));
            }
            Err(e) => self.say(Level::Error, session_error_text(&e, self.lang)),
        }
    }

    // ---- overlays --------------------------------------------------------------------------

    fn overlay_key(&mut self, overlay: Overlay, key: KeyEvent) {
        let keep = match overlay {
            Overlay::Help => !matches!(key.code, KeyCode::Esc | KeyCode::Char('?') | KeyCode::Enter | KeyCode::F(1)),
            Overlay::ConfirmQuit => {
                self.quit = matches!(key.code, KeyCode::Char('y' | 'j' | 'Y' | 'J'));
                false
            }
            Overlay::ConfirmEnd => {
                if matches!(key.code, KeyCode::Char('y' | 'j' | 'Y' | 'J')) && self.exec(Command::End) {
                    self.scroll = 0;
                }
                false
            }
            ref o @ (Overlay::Note { .. }
            | Overlay::Action { .. }
            | Overlay::Rationale { .. }
            | Overlay::Dissent { .. }
            | Overlay::Roles { .. }
            | Overlay::SaveAs { .. }) => {
                let mut o = o.clone();
                let done = self.form_key(&mut o, key);
                if !done {
                    self.overlay = Some(o);
                }
                return;
            }
        };
        if keep {
            self.overlay = Some(overlay);
        }
    }

    /// Keys in a form overlay; returns true when the overlay closes.
    fn form_key(&mut self, overlay: &mut Overlay, key: KeyEvent) -> bool {
        if key.code == KeyCode::Esc {
            return true;
        }
        let groups = self.group_count().max(1);
        match overlay {
            Overlay::Note { about, text } => match key.code {
                KeyCode::Enter if !text.is_empty() => {
                    let cmd = Command::AddNote { about: *about, text: text.text().to_string() };
                    return self.exec_saved(cmd);
                }
                KeyCode::Tab | KeyCode::BackTab => *about = cycle_about(*about, groups, key.code == KeyCode::Tab),
                _ => {
                    text.handle(key);
                }
            },
            Overlay::Action { group, field, what, owner, due } => match key.code {
                KeyCode::Enter if !what.is_empty() => {
                    let cmd = Command::AddAction {
                        group: *group,
                        what: what.text().to_string(),
                        owner: Role::ALL[*owner % Role::ALL.len()],
                        due: due.text().to_string(),
                    };
                    return self.exec_saved(cmd);
                }
                KeyCode::Tab => *field = (*field + 1) % 4,
                KeyCode::BackTab => *field = (*field + 3) % 4,
                KeyCode::Left | KeyCode::Right if *field == 0 || *field == 2 => {
                    let forward = key.code == KeyCode::Right;
                    if *field == 0 {
                        let n = groups as u8;
                        group.0 = if forward { (group.0 + 1) % n } else { (group.0 + n - 1) % n };
                    } else {
                        let n = Role::ALL.len();
                        *owner = if forward { (*owner + 1) % n } else { (*owner + n - 1) % n };
                    }
                }
                _ if *field == 1 => {
                    what.handle(key);
                }
                _ if *field == 3 => {
                    due.handle(key);
                }
                _ => {}
            },
            Overlay::Rationale { group, text } => match key.code {
                KeyCode::Enter => {
                    let g = *group;
                    let r = text.text().to_string();
                    self.record(g, None, Some(r), None, None);
                    return true;
                }
                _ => {
                    text.handle(key);
                }
            },
            Overlay::Dissent { group, roles } => match key.code {
                KeyCode::Enter => {
                    let (g, r) = (*group, roles.clone());
                    self.record(g, None, None, None, Some(r));
                    return true;
                }
                KeyCode::Char(c @ '1'..='6') => toggle_role(roles, Role::ALL[c as usize - '1' as usize]),
                _ => {}
            },
            Overlay::Roles { group } => match key.code {
                KeyCode::Enter => return true,
                KeyCode::Char(c @ '1'..='6') => {
                    if let Mode::Setup(form) = &mut self.mode
                        && let Some(g) = form.groups.get_mut(*group)
                    {
                        toggle_role(&mut g.1, Role::ALL[c as usize - '1' as usize]);
                    }
                }
                _ => {}
            },
            Overlay::SaveAs { path } => match key.code {
                KeyCode::Enter if !path.is_empty() => {
                    let target = PathBuf::from(path.text());
                    if let Mode::Live(s) = &mut self.mode {
                        match s.relocate(&target) {
                            Ok(()) => {
                                self.log_failed = false;
                                let shown = target.display().to_string();
                                self.say(Level::Info, format!("{}: {shown}", t::LOG.get(self.lang)));
                                return true;
                            }
                            Err(e) => self.say(Level::Error, session_error_text(&e, self.lang)),
                        }
                    }
                }
                _ => {
                    path.handle(key);
                }
            },
            Overlay::Help | Overlay::ConfirmQuit | Overlay::ConfirmEnd => return true,
        }
        false
    }

    fn exec_saved(&mut self, cmd: Command) -> bool {
        if self.exec(cmd) {
            self.say(Level::Info, self.tr(t::SAVED));
            true
        } else {
            false
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

    fn on_error(&mut self, e: SessionError) {
        if matches!(e, SessionError::Log(_)) {
            self.log_failed = true;
            self.say(Level::Error, format!("{} ({})", self.tr(t::LOG_FAILED), session_error_text(&e, self.lang)));
        } else {
            self.say(Level::Warn, session_error_text(&e, self.lang));
        }
    }

    fn sync_after_change(&mut self) {
        let groups = self.group_count().max(1);
        self.focus = self.focus.min(groups - 1);
        let rows = self.agenda_rows().len();
        self.agenda_sel = self.agenda_sel.min(rows.saturating_sub(1));
    }

    /// The key hints of the current screen, for the status bar and the help overlay.
    pub fn hints(&self) -> Vec<Hint> {
        keys::hints(self)
    }
}

/// The selectable rows of the agenda: suggestions first (the agenda's next card and any
/// follow-ups), then the rest of the plan.
pub fn agenda_rows(state: &crate::session::State, deck: &Deck) -> Vec<AgendaRow> {
    let mut rows: Vec<AgendaRow> = state
        .suggestions(deck)
        .into_iter()
        .map(|sug| AgendaRow::Suggested { card: sug.card, groups: sug.groups })
        .collect();
    for card in &state.plan {
        if state.is_played(card) || state.skipped.contains(card) || rows.iter().any(|r| r.card() == card) {
            continue;
        }
        rows.push(AgendaRow::Planned { card: card.clone() });
    }
    rows
}

impl<C: Clock + Clone> super::run::Program for App<C> {
    fn on_key(&mut self, key: KeyEvent) {
        App::on_key(self, key);
    }

    fn on_paste(&mut self, text: &str) {
        App::on_paste(self, text);
    }

    fn on_tick(&mut self) {
        App::on_tick(self);
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

fn toggle_role(roles: &mut Vec<Role>, role: Role) {
    if let Some(i) = roles.iter().position(|r| *r == role) {
        roles.remove(i);
    } else {
        roles.push(role);
        roles.sort();
    }
}

fn cycle_about(about: Option<GroupId>, groups: usize, forward: bool) -> Option<GroupId> {
    // None (the room) → group 1 → … → group n → None.
    let pos = about.map_or(0, |g| g.index() + 1);
    let n = groups + 1;
    let next = if forward { (pos + 1) % n } else { (pos + n - 1) % n };
    (next > 0).then(|| GroupId(u8::try_from(next - 1).unwrap_or(0)))
}

/// One line announcing newly released injects, in the session's language.
fn announce<C: Clock>(session: &Session<C>, released: &[InjectId], lang: Lang) -> String {
    let state = session.state();
    let Some(card) = state.current_play().and_then(|p| session.deck().card(&p.card)) else { return String::new() };
    let texts: Vec<String> = released
        .iter()
        .filter_map(|id| card.inject(id))
        .map(|i| crate::scenario::clean(i.text.get(lang)).chars().take(80).collect())
        .collect();
    format!("{}: {}", t::NEW.get(lang), texts.join(" · "))
}

/// Engine errors in the facilitator's language.
pub fn session_error_text(e: &SessionError, lang: Lang) -> String {
    match (e, lang) {
        (SessionError::Refused(r), Lang::Nl) => refusal_nl(r),
        (SessionError::Log(LogError::Exists { path }), Lang::Nl) => {
            format!("{} bestaat al; een logboek wordt nooit overschreven (gebruik --resume)", path.display())
        }
        (SessionError::Log(LogError::Io { path, source }), Lang::Nl) => format!("{}: {source}", path.display()),
        (SessionError::Log(e), _) => e.describe(lang),
        (SessionError::Setup(s), Lang::Nl) => format!("Instellingen kloppen niet: {s}"),
        (e, _) => e.to_string(),
    }
}

fn refusal_nl(r: &Refusal) -> String {
    match r {
        Refusal::Ended => "De sessie is al afgesloten.".into(),
        Refusal::UnknownCard(c) => format!("Er is geen kaart `{c}` in het deck."),
        Refusal::AlreadyPlayed(c) => format!("Kaart `{c}` is al gespeeld."),
        Refusal::CardStillOpen(c) => format!("Kaart `{c}` is nog open; sluit die eerst."),
        Refusal::NoOpenCard => "Er is geen kaart open.".into(),
        Refusal::UnknownInject(i) => format!("Deze kaart heeft geen ontwikkeling `{i}`."),
        Refusal::AlreadyReleased(i) => format!("Ontwikkeling `{i}` is al vrijgegeven."),
        Refusal::UnknownGroup(g) => format!("Er is geen groep {g}."),
        Refusal::UnknownOption(o) => format!("Deze kaart heeft geen optie `{o}`."),
        Refusal::AlreadyRevealed => "De antwoorden zijn al getoond.".into(),
        Refusal::NotEveryoneAnswered(_) => t::WAITING_FOR.0.into(),
        Refusal::AlreadyPaused => "De klok staat al stil.".into(),
        Refusal::NotPaused => "De klok loopt al.".into(),
        Refusal::EmptyText => "De tekst is leeg.".into(),
        Refusal::Duplicate(c) => format!("Kaart `{c}` staat twee keer op de agenda."),
        Refusal::FollowUpTooLate => {
            "Acties van een vorige sessie kunnen alleen aan het begin worden ingebracht.".into()
        }
        Refusal::UnknownAction(i) => format!("Er is geen eerdere actie {}.", i + 1),
        Refusal::ConditionNotMet(i) => {
            format!("Ontwikkeling `{i}` is alleen voor groepen met een keuze die geen groep maakte.")
        }
    }
}
