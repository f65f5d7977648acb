//! The update: a key becomes an [`Intent`](super::intent::Intent) through the keymap of the current context, and the
//! action is carried out here, per screen and per overlay. No key is looked at anywhere else.

use std::path::PathBuf;

use chrono::TimeDelta;
use crossterm::event::{KeyEvent, KeyEventKind};

use super::app::{App, Mode, REVEAL_GUARD_MS, announce, session_error_text};
use super::i18n::{self as t};
use super::intent::Intent;
use super::keymap::{self, Context, Hit};
use super::model::{AgendaRow, ClosingItem, Confirm, FirstLetter, Level, Overlay, Screen, closing_items, picker_rows};
use super::screens::closing;
use super::text_field::TextField;
use crate::debrief::beside::{Asked, Written};
use crate::log::default_path;
use crate::scenario::{CardId, InjectId, OptionId, Release, Role, Theme, clean};
use crate::session::room::Viewer;
use crate::session::{Choice, Clock, Command, Decision, GroupId, Progress, Session, Source, Visibility};

/// In a form, ↑ and ↓ move between fields as Tab and Shift-Tab do, except inside a text of
/// several lines, where they move between its lines (and on to the next field from its last).
fn arrow_between_fields(overlay: &Overlay, hit: Hit, key: &KeyEvent) -> Hit {
    use crossterm::event::KeyCode;
    let up = match key.code {
        KeyCode::Up => true,
        KeyCode::Down => false,
        _ => return hit,
    };
    if hit.intent != Intent::Edit || !key.modifiers.is_empty() {
        return hit;
    }
    let text = match overlay {
        Overlay::Note { field: 2, text: f, .. }
        | Overlay::Action { field: 1, what: f, .. }
        | Overlay::Action { field: 2, owner: f, .. }
        | Overlay::Action { field: 3, due: f, .. }
        | Overlay::Finding { field: 3, text: f, .. }
        | Overlay::Assess { field: 1, why: f, .. } => Some(f),
        Overlay::Note { .. } | Overlay::Action { .. } | Overlay::Finding { .. } | Overlay::Assess { .. } => None,
        _ => return hit,
    };
    let leaves = text.is_none_or(|f| if up { f.at_top() } else { f.at_bottom() });
    if !leaves {
        return hit;
    }
    Hit { intent: if up { Intent::PrevField } else { Intent::NextField }, digit: None }
}

impl<C: Clock + Clone> App<C> {
    pub fn on_paste(&mut self, text: &str) {
        match &mut self.overlay {
            Some(
                Overlay::Note { text: f, .. }
                | Overlay::Rationale { text: f, .. }
                | Overlay::Other { text: f, .. }
                | Overlay::Development { text: f }
                | Overlay::SaveAs { path: f }
                | Overlay::Action { what: f, field: 1, .. }
                | Overlay::Action { owner: f, field: 2, .. }
                | Overlay::Action { due: f, field: 3, .. }
                | Overlay::Finding { text: f, field: 3, .. }
                | Overlay::Assess { why: f, field: 1, .. },
            ) => f.paste(text),
            None => {
                if let Mode::Setup(form) = &mut self.mode {
                    form.paste(text);
                }
            }
            _ => {}
        }
    }

    /// A key that came as part of a word (see [`super::run::mark_words`]). In a text field it is
    /// typing, as always. Where no field has focus it does nothing but say so; and when the word's
    /// first letter opened a form or a question (`a`, `e`, `i`, ...), that form goes again:
    /// nothing was written, and nothing of the word reaches the room's screen.
    pub fn on_word_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let first = std::mem::take(&mut self.first_letter);
        let undone = first.is_some();
        match first {
            Some(FirstLetter::Opened) => {
                self.overlay = None;
                self.discard_armed = false;
            }
            Some(FirstLetter::Blackout) => {
                self.exec(Command::Blackout(false));
            }
            Some(FirstLetter::Paused) => {
                self.exec(Command::Resume);
            }
            Some(FirstLetter::Resumed) => {
                self.exec(Command::Pause);
            }
            None => {}
        }
        let context = self.context();
        if undone || context.is_session_screen() || matches!(context, Context::Confirm | Context::ConfirmEnter) {
            self.say(Level::Info, self.tr(t::NO_TEXT_FIELD));
        } else {
            self.on_key(key);
        }
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let letter_on_screen = self.overlay.is_none()
            && super::text_field::typed(&key).is_some()
            && matches!(
                self.context(),
                Context::Agenda
                    | Context::Card
                    | Context::Compare
                    | Context::Closing
                    | Context::End
                    | Context::FollowUp
            );
        let before = (self.blackout(), self.paused());
        self.first_letter = None;
        self.on_key_inner(key);
        if letter_on_screen {
            self.first_letter = match (before, (self.blackout(), self.paused())) {
                _ if self.overlay.is_some() => Some(FirstLetter::Opened),
                ((false, _), (true, _)) => Some(FirstLetter::Blackout),
                ((_, false), (_, true)) => Some(FirstLetter::Paused),
                ((_, true), (_, false)) => Some(FirstLetter::Resumed),
                _ => None,
            };
        }
    }

    fn on_key_inner(&mut self, key: KeyEvent) {
        if self.notice.as_ref().is_some_and(|(l, _)| *l != Level::Error) {
            self.notice = None;
        }
        let context = self.context();
        let Some(hit) = keymap::lookup(context, self.log_failed, &key) else {
            // A word typed as if a text field had focus does nothing here; say so, so the
            // gespreksleider looks up before typing on.
            if super::text_field::typed(&key).is_some() && context != Context::Review {
                // A question answered with a letter it does not know is not being read: someone
                // is typing. It goes, as with "no", before an Enter meant for a text confirms it.
                if matches!(context, Context::Confirm | Context::ConfirmEnter) {
                    self.overlay = None;
                }
                self.say(Level::Info, self.tr(t::NO_TEXT_FIELD));
            }
            return;
        };
        if hit.intent == Intent::Quit && !matches!(context, Context::Confirm | Context::ConfirmEnter) {
            self.overlay = Some(Overlay::Confirm(Confirm::Quit));
            return;
        }
        match context {
            Context::Help => self.overlay = None,
            Context::Confirm if hit.intent == Intent::Quit => self.overlay = Some(Overlay::Confirm(Confirm::Quit)),
            Context::Confirm | Context::ConfirmEnter => self.confirm(hit),
            Context::Note
            | Context::ActionForm
            | Context::FindingForm
            | Context::Assess
            | Context::Rationale
            | Context::Other
            | Context::Development
            | Context::SaveAs => self.text_form(hit, key),
            Context::Decision | Context::Dissent | Context::Roles | Context::Picker | Context::OptionFirst => {
                self.chooser(hit)
            }
            Context::Setup | Context::SetupText => self.setup(hit, key),
            // Other programs' contexts (review, audience screen, the devices' join screen and
            // conflict question, the terminal's own keys); the App is never in them.
            Context::Review | Context::Audience | Context::Join | Context::DeviceConflict | Context::Terminal => {}
            Context::FollowUp
            | Context::Agenda
            | Context::Card
            | Context::Compare
            | Context::Closing
            | Context::End
            | Context::Blackout => self.screen_action(hit),
        }
        self.offer_closing();
    }

    /// Once, when the agenda has no card left: the closing round is offered on the status line
    /// (never opened by itself: the facilitator may still add a card).
    fn offer_closing(&mut self) {
        let reached = self.screen() == Screen::Agenda
            && self.overlay.is_none()
            && self.session().is_some_and(|s| super::screens::time::closing_reached(s.state(), &self.agenda_rows()));
        if !reached || self.closing_offered {
            return;
        }
        self.closing_offered = true;
        let offer = self.tr(t::CLOSING_NOW);
        let text = match self.notice.take() {
            Some((_, before)) => format!("{before} · {offer}"),
            None => offer,
        };
        self.say(Level::Info, text);
    }

    // ---- screens ---------------------------------------------------------------------------

    fn screen_action(&mut self, hit: Hit) {
        let ended = self.screen() == Screen::End;
        match hit.intent {
            Intent::Help => self.overlay = Some(Overlay::Help),
            Intent::Quit => self.overlay = Some(Overlay::Confirm(Confirm::Quit)),
            Intent::Blackout if !ended => {
                let on = !self.blackout();
                self.exec(Command::Blackout(on));
            }
            // To the private view only after a question: one stray `v` must not put the answers
            // on the projector. Back to room-safe at once.
            Intent::PrivateView if !self.private => self.overlay = Some(Overlay::Confirm(Confirm::PrivateView)),
            Intent::PrivateView => {
                self.set_private(false);
                self.say(Level::Info, self.tr(t::PRIVATE_OFF));
            }
            Intent::SaveElsewhere if self.log_failed => {
                let suggestion = self.session().map(|s| s.log_path().with_extension("kopie.jsonl")).unwrap_or_default();
                self.overlay = Some(Overlay::SaveAs { path: TextField::new(&suggestion.display().to_string()) });
            }
            // After the end only what `review` may add too: findings, assessments, the debrief.
            Intent::Note | Intent::NewAction if self.session().is_some_and(|s| s.state().is_ended()) => {
                self.say(Level::Info, self.tr(t::CLOSED_AFTER_END));
            }
            Intent::Note => {
                let about = (self.screen() == Screen::Card).then_some(self.focus_group());
                self.overlay = Some(Overlay::Note {
                    about,
                    visibility: Visibility::default(),
                    field: 2,
                    text: TextField::multiline(""),
                    edit: None,
                });
            }
            Intent::Closing => {
                self.closing = !self.closing;
                self.room_follows_closing();
                self.closing_offered = true;
                let n = self.closing_rows();
                self.closing_sel = self.closing_sel.min(n.saturating_sub(1));
            }
            Intent::Finding => {
                let card = match self.screen() {
                    Screen::Card => self.session().and_then(|s| s.state().current_play()).map(|p| p.card.clone()),
                    _ => None,
                };
                // On the closing screen, about the objective selected (or the one of the
                // selected finding).
                let items = self.closing_items();
                let Some(s) = self.session() else { return };
                let mut overlay = Overlay::finding(s.state(), s.deck(), card);
                let selected = match items.get(self.closing_sel) {
                    Some(ClosingItem::Objective(id)) if self.screen() == Screen::Closing => Some(id.clone()),
                    Some(ClosingItem::Finding(i)) if self.screen() == Screen::Closing => {
                        s.state().findings.get(*i).and_then(|f| f.objective.clone())
                    }
                    _ => None,
                };
                if let (Some(id), Overlay::Finding { objective, .. }) = (selected, &mut overlay)
                    && let Some(at) = s.state().objectives(s.deck()).iter().position(|o| o.id == id)
                {
                    *objective = at;
                }
                self.overlay = Some(overlay);
            }
            Intent::NewAction => {
                // On a follow-up for some groups, an action is for one of them, not an onlooker
                // the gespreksleider last selected with Tab.
                let focus = self.focus_group();
                let group = self
                    .session()
                    .and_then(|s| s.state().current_play())
                    .filter(|p| !p.takes_part(focus))
                    .and_then(|p| p.for_groups.iter().min().copied())
                    .unwrap_or(focus);
                let owner = self.roles_of(group).first().map_or("", |r| r.label(self.lang)).to_string();
                self.overlay = Some(Overlay::Action {
                    group,
                    field: 1,
                    what: TextField::multiline(""),
                    owner: TextField::new(&owner),
                    due: TextField::default(),
                    edit: None,
                })
            }
            Intent::Pause => {
                let paused = self.session().is_some_and(|s| s.state().is_paused());
                self.exec(if paused { Command::Resume } else { Command::Pause });
            }
            // Every scrolled screen is paged: a key turns one page and stops at the last.
            // A card's screens and the end page are what the room reads: the page turned to goes
            // into the log, and every room screen follows it (see `screens::text::page_of`).
            Intent::Scroll(_) | Intent::Page(_) if self.room_pages() => {
                match self.pages.turn(hit.forward(), self.session().map_or(0, |s| s.state().page_word())) {
                    Some(word) => {
                        self.turn_page(word);
                        // Past the console's last page: a smaller room screen went to its own last.
                        if word == super::screens::LAST_PAGE {
                            self.say(Level::Info, self.tr(t::LAST_PAGE));
                        }
                    }
                    None => self.say(Level::Info, self.tr(if hit.forward() { t::LAST_PAGE } else { t::FIRST_PAGE })),
                }
            }
            Intent::Scroll(_) | Intent::Page(_) => {
                let to = step_to(self.scroll, self.pages.last_main(), hit.forward());
                if to == self.scroll {
                    self.say(Level::Info, self.tr(if hit.forward() { t::LAST_PAGE } else { t::FIRST_PAGE }));
                }
                self.scroll = to;
            }
            Intent::NotesPage(_) if !(self.show_notes && self.private) => {
                self.say(Level::Info, self.tr(t::NOTES_FIRST))
            }
            Intent::NotesPage(_) => {
                let to = step_to(self.notes_page, self.pages.last_notes(), hit.forward());
                if to == self.notes_page {
                    self.say(Level::Info, self.tr(if hit.forward() { t::LAST_PAGE } else { t::FIRST_PAGE }));
                }
                self.notes_page = to;
            }
            // The devices console answers `l` before the App sees it; here there are no devices.
            Intent::Links => self.say(Level::Info, self.tr(t::NO_DEVICES)),
            Intent::ScrollTop => {
                if self.room_pages() && self.session().is_some_and(|s| s.state().page_word() > 0) {
                    self.turn_page(0);
                }
                self.scroll = 0;
                self.agenda_sel = 0;
            }
            _ => match self.screen() {
                Screen::FollowUp => self.follow_up(hit),
                Screen::Agenda => self.agenda(hit),
                Screen::Card => self.card(hit),
                Screen::Closing => self.closing_action(hit),
                Screen::End | Screen::Setup => {}
            },
        }
    }

    /// Whether the screen on show is one the room reads page by page (a card, the end page).
    fn room_pages(&self) -> bool {
        matches!(self.screen(), Screen::Card | Screen::End)
            && self.session().is_some_and(|s| s.state().paged_screen().is_some())
    }

    /// Turns the room's pages (this console's and every audience screen's) to the one holding `word`.
    fn turn_page(&mut self, word: u32) {
        let Some(screen) = self.session().and_then(|s| s.state().paged_screen()) else { return };
        self.exec(Command::TurnPage { screen, word });
    }

    pub(super) fn focus_group(&self) -> GroupId {
        GroupId(u8::try_from(self.focus).unwrap_or(0))
    }

    // ---- closing round -----------------------------------------------------------------------

    fn closing_items(&self) -> Vec<ClosingItem> {
        let viewer = if self.private { Viewer::Private } else { Viewer::Console };
        self.session().map(|s| closing_items(s.state(), s.deck(), viewer)).unwrap_or_default()
    }

    /// Switches the view; the closing screen keeps the same row selected (the rows differ: the
    /// room-safe view has no private notes), or the nearest one before it.
    fn set_private(&mut self, private: bool) {
        let before = self.closing_items();
        let kept = before.get(self.closing_sel).cloned();
        self.private = private;
        let after = self.closing_items();
        self.closing_sel = match kept.and_then(|k| after.iter().position(|i| *i == k)) {
            Some(i) => i,
            None => {
                // The row is hidden now: the last row before it that is still shown.
                let earlier = before.get(..self.closing_sel).unwrap_or_default();
                earlier.iter().rev().find_map(|k| after.iter().position(|i| i == k)).unwrap_or(0)
            }
        };
    }

    /// The room's screens show the closing round while the console does (an event in the log,
    /// which every audience screen follows), and what they showed before once it is left.
    /// With it, the section the selection is in (a municipality, the whole room, the
    /// objectives), logged only when the selection moves to another section.
    fn room_follows_closing(&mut self) {
        if self.session().is_some_and(|s| s.state().closing_round != self.closing) {
            self.exec(Command::ShowClosing(self.closing));
        }
        let Some(s) = self.session() else { return };
        let state = s.state();
        let items = self.closing_items();
        let section = items.get(self.closing_sel).map_or(0, |i| closing::section(state, i));
        if self.closing && state.closing_round && state.closing_page != section {
            self.exec(Command::TurnPage { screen: crate::session::Paged::Closing, word: section });
        }
    }

    fn closing_rows(&self) -> usize {
        self.closing_items().len()
    }

    fn closing_action(&mut self, hit: Hit) {
        let items = self.closing_items();
        match hit.intent {
            Intent::Select(_) => {
                self.closing_sel = step(self.closing_sel, items.len(), hit.forward());
                self.room_follows_closing();
            }
            Intent::EditItem => {
                let Some(item) = items.get(self.closing_sel) else { return };
                let Some(s) = self.session() else { return };
                let state = s.state();
                if state.is_ended() && matches!(item, ClosingItem::Action(_) | ClosingItem::Note(_)) {
                    self.say(Level::Info, self.tr(t::CLOSED_AFTER_END));
                    return;
                }
                self.overlay = match item {
                    ClosingItem::Action(i) => state.actions.get(*i).map(|a| {
                        let due = match a.due_date {
                            Some(d) => {
                                let shown = crate::session::show_date(d, self.lang);
                                let same = crate::session::parse_due(&shown).ok().flatten() == Some(d);
                                if same { shown } else { d.format("%Y-%m-%d").to_string() }
                            }
                            None => a.due.clone(),
                        };
                        Overlay::Action {
                            group: a.group,
                            field: 1,
                            what: TextField::multiline(&a.what),
                            owner: TextField::new(a.owner.label(self.lang)),
                            due: TextField::new(&due),
                            edit: Some(*i),
                        }
                    }),
                    ClosingItem::Note(i) => state.notes.get(*i).map(|n| Overlay::Note {
                        about: n.about,
                        visibility: n.visibility,
                        field: 2,
                        text: TextField::multiline(&n.text),
                        edit: Some(*i),
                    }),
                    ClosingItem::Objective(id) => Some(Overlay::assess(state, id.clone())),
                    ClosingItem::Finding(_) => {
                        self.say(Level::Info, self.tr(t::FINDING_STAYS));
                        None
                    }
                };
            }
            Intent::WriteDebrief => self.write_debrief(),
            _ => {}
        }
    }

    /// `w` on the closing screen: the debrief as HTML and Word beside the log, from the session
    /// as it stands, written on a thread of its own so the console keeps answering; the status
    /// line says so at once, and where the files are when they are done ([`Self::poll_debrief`]).
    /// Nothing new when one is being written or nothing changed since the last one.
    fn write_debrief(&mut self) {
        let Mode::Live(s) = &self.mode else { return };
        let log = crate::debrief::SessionLog {
            path: s.log_path().to_path_buf(),
            state: s.state().clone(),
            records: s.records().to_vec(),
            warnings: Vec::new(),
        };
        match self.debriefs.write(s.deck(), self.lang, log) {
            Ok(Asked::Started) => self.say(Level::Info, self.tr(closing::DEBRIEF_WRITING)),
            Ok(Asked::Busy) => self.say(Level::Info, self.tr(closing::DEBRIEF_BUSY)),
            Ok(Asked::Unchanged(written)) => {
                let text = format!("{} {}", self.tr(closing::DEBRIEF_UNCHANGED), self.where_written(written));
                self.say(Level::Info, text);
            }
            Err(e) => self.say(Level::Warn, format!("{}: {}", self.tr(t::DEBRIEF_FAILED), e.describe(self.lang))),
        }
    }

    /// The debrief being written is done: the status line says where (the whole path), or why not.
    pub(super) fn poll_debrief(&mut self) {
        match self.debriefs.finished() {
            Some(Ok(written)) => {
                let text = format!("{}: {}", self.tr(t::DEBRIEF_WRITTEN), self.where_written(written));
                self.say(Level::Info, text);
            }
            Some(Err(e)) => self.say(Level::Warn, format!("{}: {}", self.tr(t::DEBRIEF_FAILED), e.describe(self.lang))),
            None => {}
        }
    }

    /// "/the/whole/path.html en path.docx".
    fn where_written(&self, written: Written) -> String {
        let html = std::path::absolute(&written.html).unwrap_or(written.html);
        let docx = written.docx.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        format!("{} {} {docx}", html.display(), self.tr(t::DEBRIEF_AND))
    }

    // ---- follow-up -------------------------------------------------------------------------

    fn follow_up(&mut self, hit: Hit) {
        let n = self.session().map_or(0, |s| s.state().follow_up.len());
        match hit.intent {
            Intent::Select(_) => self.follow_up_sel = step(self.follow_up_sel, n, hit.forward()),
            Intent::Progress => {
                let Some(status) = hit.digit.and_then(|d| Progress::ALL.get(d).copied()) else { return };
                // The screen lists the actions per municipality: the selection is a place in that list.
                let order = self.session().map(|s| super::screens::follow_up::order(s.state())).unwrap_or_default();
                let Some(&index) = order.get(self.follow_up_sel) else { return };
                // The selection stays on the action just set: a correction is one more digit, and
                // ↓ moves on (a selection that moved by itself set the wrong action after ↓).
                self.exec(Command::RecordProgress { index, status });
            }
            Intent::Continue => self.follow_up_done = true,
            _ => {}
        }
    }

    // ---- agenda ----------------------------------------------------------------------------

    fn agenda(&mut self, hit: Hit) {
        let rows = self.agenda_rows();
        match hit.intent {
            Intent::Select(_) => self.agenda_sel = step(self.agenda_sel, rows.len(), hit.forward()),
            Intent::MoveUp => self.move_planned(&rows, -1),
            Intent::MoveDown => self.move_planned(&rows, 1),
            Intent::Open => match rows.get(self.agenda_sel).or(rows.first()) {
                // A suggested follow-up is played for the groups whose choice led there, unless it
                // is on the plan: then it is a card for every group, only brought forward.
                Some(row) => self.open_card_for(row.card().clone(), row.open_for()),
                None => self.say(Level::Info, self.tr(t::END_OF_AGENDA)),
            },
            Intent::Skip => {
                if let Some(row) = rows.get(self.agenda_sel) {
                    self.overlay = Some(Overlay::Confirm(Confirm::Skip(row.card().clone())));
                }
            }
            Intent::DropSuggested => {
                let Some(s) = self.session() else { return };
                let pace = crate::session::pacing(s.state(), s.deck(), self.now);
                let over = pace.over();
                let drop = pace.drop;
                // The tempo panel and D read the same schedule: behind it with nothing to drop
                // means every card left is the last of its theme, and D says so.
                if drop.is_empty() && over > 0 {
                    self.say(Level::Warn, self.tr(t::OVER_BUT_THEMES).replace("{min}", &over.to_string()));
                } else if drop.is_empty() {
                    self.say(Level::Info, self.tr(t::NOTHING_TO_DROP));
                } else {
                    self.overlay = Some(Overlay::Confirm(Confirm::Drop(drop)));
                }
            }
            Intent::Undo => self.ask_undo(),
            Intent::Pick => self.overlay = Some(Overlay::Picker { theme: None, selected: 0 }),
            Intent::EndSession => self.overlay = Some(Overlay::Confirm(Confirm::End)),
            _ => {}
        }
    }

    fn put_back(&mut self, card: CardId) {
        let title = self.deck().card(&card).map(|c| c.title.show(self.lang).into_owned()).unwrap_or_default();
        // A card closed without a reveal comes back as it was never opened; any other as restored.
        let returnable = self.session().is_some_and(|s| s.state().returnable(&card));
        let command = if returnable { Command::ReturnCard(card.clone()) } else { Command::RestoreCard(card.clone()) };
        if self.exec(command) {
            self.agenda_sel = self.agenda_rows().iter().position(|r| r.card() == &card).unwrap_or(0);
            self.say(Level::Info, format!("{}: {}", self.tr(t::PUT_BACK), clean(&title)));
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

    /// Opens `card` for `groups` (every group when empty); the answers start at the first of them.
    fn open_card_for(&mut self, card: CardId, groups: Vec<GroupId>) {
        let first = groups.iter().min().map_or(0, |g| g.index());
        if self.exec(Command::OpenCardFor { card, groups }) {
            self.focus = first;
            self.scroll = 0;
            self.notes_page = 0;
            self.show_notes = false;
            self.seen_injects = 0;
            self.revealed_at = None;
            self.on_tick();
        }
    }

    // ---- card ------------------------------------------------------------------------------

    fn card(&mut self, hit: Hit) {
        let groups = self.group_count().max(1);
        let revealed = self.revealed();
        match hit.intent {
            Intent::Notes => {
                self.show_notes = !self.show_notes;
                self.notes_page = 0;
                if self.show_notes && !self.private {
                    self.say(Level::Info, self.tr(t::NOTES_PRIVATE_ONLY));
                }
            }
            Intent::Undo => self.ask_undo(),
            Intent::Continue if revealed => {
                let hasty = self
                    .revealed_at
                    .is_some_and(|at| self.clock.now().to_utc() - at < TimeDelta::milliseconds(REVEAL_GUARD_MS));
                if !hasty && self.exec(Command::CloseCard) {
                    self.agenda_sel = 0;
                    self.revealed_at = None;
                }
            }
            _ if revealed => {}
            Intent::NextGroup => self.focus = (self.focus + 1) % groups,
            Intent::PrevGroup => self.focus = (self.focus + groups - 1) % groups,
            Intent::Release => self.ask_release(),
            Intent::Back => self.back_to_agenda(),
            Intent::CloseUnrevealed => self.overlay = Some(Overlay::Confirm(Confirm::Close)),
            Intent::Reveal => self.reveal(),
            Intent::Choose => {
                if let Some(d) = hit.digit {
                    self.choose_option(d);
                }
            }
            Intent::Rationale => {
                let group = self.focus_group();
                let text = self.rationale_of(group);
                self.overlay = Some(Overlay::Rationale { group, text: TextField::multiline(&text) });
            }
            Intent::WriteDevelopment => self.overlay = Some(Overlay::Development { text: TextField::multiline("") }),
            Intent::OtherAnswer => {
                let group = self.focus_group();
                let text = self.focused_choice().map(|c| c.other).unwrap_or_default();
                self.overlay = Some(Overlay::Other { group, text: TextField::multiline(&text) });
            }
            Intent::NoChoice => {
                let group = self.focus_group();
                self.record_outside(group, None);
            }
            Intent::Decided => self.open_decided(false),
            Intent::Dissent => self.open_decided(true),
            _ => {}
        }
    }

    /// The decision (or dissent) chooser of the focused group; without an option yet, the option
    /// comes first.
    fn open_decided(&mut self, dissent: bool) {
        let group = self.focus_group();
        self.overlay = Some(match self.focused_choice() {
            None => Overlay::OptionFirst { group, dissent },
            Some(choice) if dissent => {
                let offered = self
                    .session()
                    .and_then(|s| s.state().setup.groups.get(group.index()).map(|g| g.roles.clone()))
                    .unwrap_or_default();
                Overlay::Dissent { group, offered, roles: choice.dissent }
            }
            Some(choice) => Overlay::decision(group, choice.decision),
        });
    }

    /// The group's rationale so far: of its answer, or recorded before it chose.
    fn rationale_of(&self, group: GroupId) -> String {
        let Some(play) = self.session().and_then(|s| s.state().current_play()) else { return String::new() };
        play.choices
            .get(&group)
            .map(|c| c.rationale.clone())
            .or_else(|| play.drafts.get(&group).cloned())
            .unwrap_or_default()
    }

    fn focused_choice(&self) -> Option<Choice> {
        let play = self.session()?.state().current_play()?;
        play.choices.get(&self.focus_group()).cloned()
    }

    fn choose_option(&mut self, index: usize) {
        let Some(s) = self.session() else { return };
        let Some(card) = s.state().current_play().and_then(|p| s.deck().card(&p.card)) else { return };
        let Some(option) = card.options.get(index) else { return };
        let option = option.id.clone();
        let group = self.focus_group();
        let name = clean(s.state().group_name(group)).into_owned();
        let replaces_device = s
            .state()
            .current_play()
            .and_then(|p| p.choices.get(&group))
            .is_some_and(|c| c.source == Source::Device && c.option != option);
        if self.record(group, Some(option), None, None) {
            // Say which group was recorded, never which option: the room may be reading along.
            let said = if replaces_device { t::ANSWER_REPLACES_DEVICE } else { t::ANSWER_RECORDED };
            self.say(Level::Info, format!("{name}: {}", self.tr(said)));
        }
    }

    /// Records the group's answer, keeping whatever part is not being changed.
    fn record(
        &mut self,
        group: GroupId,
        option: Option<OptionId>,
        decision: Option<Decision>,
        dissent: Option<Vec<Role>>,
    ) -> bool {
        let mut previous =
            self.session().and_then(|s| s.state().current_play()).and_then(|p| p.choices.get(&group).cloned());
        // Another option than the group chose on its own device replaces that answer whole: its
        // rationale, decision and dissent were about the other option, and nothing merges silently.
        let replaces_device = previous
            .as_ref()
            .is_some_and(|c| c.source == Source::Device && option.as_ref().is_some_and(|o| *o != c.option));
        if replaces_device {
            previous = None;
        }
        let Some(option) = option.or_else(|| previous.as_ref().map(|c| c.option.clone())) else { return false };
        let rationale = if replaces_device { String::new() } else { self.rationale_of(group) };
        let command = Command::RecordChoice {
            group,
            option,
            rationale,
            decision: decision.or_else(|| previous.as_ref().map(|c| c.decision)).unwrap_or(Decision::NotRecorded),
            dissent: dissent.or_else(|| previous.as_ref().map(|c| c.dissent.clone())).unwrap_or_default(),
        };
        self.exec(command)
    }

    /// Records an answer outside the options: "anders" with the group's words, or "geen keuze".
    fn record_outside(&mut self, group: GroupId, other: Option<String>) -> bool {
        let name = self.session().map(|s| clean(s.state().group_name(group)).into_owned()).unwrap_or_default();
        let ok = self.exec(Command::RecordOutside { group, other });
        if ok {
            // As for an option: which group, never what (the room may be reading along).
            self.say(Level::Info, format!("{name}: {}", self.tr(t::ANSWER_RECORDED)));
        }
        ok
    }

    fn reveal(&mut self) {
        let Some(s) = self.session() else { return };
        let missing = s.state().unanswered();
        if missing.is_empty() {
            if self.exec(Command::Reveal) {
                self.scroll = 0;
                self.revealed_at = Some(self.clock.now().to_utc());
            }
        } else {
            // A group that will not choose does not hold up the room: reveal anyway, after one
            // question that names who has not chosen.
            self.overlay = Some(Overlay::Confirm(Confirm::RevealMissing(missing)));
        }
    }

    /// `u`: the last step, in a box that says what it undoes; Enter undoes it.
    fn ask_undo(&mut self) {
        let Some(s) = self.session() else { return };
        match crate::session::last_step(s.state(), s.records()) {
            Ok(undo) => self.overlay = Some(Overlay::Confirm(Confirm::Undo(undo))),
            Err(crate::session::NoUndo::Revealed) => self.say(Level::Info, self.tr(t::REVEALED_NO_UNDO)),
            Err(crate::session::NoUndo::Nothing) => self.say(Level::Info, self.tr(t::NOTHING_TO_UNDO)),
        }
    }

    fn undo(&mut self, undo: crate::session::Undo) {
        use crate::session::Undo;
        let Some(s) = self.session() else { return };
        let done = super::model::describe_undo(&undo, s.state(), s.deck(), self.lang, true);
        if !self.exec(undo.command()) {
            return;
        }
        match &undo {
            Undo::ReturnOpen { card } | Undo::ReturnClosed { card } | Undo::Restore { card } => {
                self.agenda_sel = self.agenda_rows().iter().position(|r| r.card() == card).unwrap_or(0);
                self.leave_card();
            }
            Undo::WithdrawInject { .. } => self.seen_injects = self.released_count(),
            Undo::WithdrawChoice { group, .. } => self.focus = group.index(),
        }
        self.say(Level::Info, done);
    }

    /// Esc on a card: back to the agenda before the first answer, the card still planned.
    fn back_to_agenda(&mut self) {
        let Some(play) = self.session().and_then(|s| s.state().current_play()) else { return };
        if !play.choices.is_empty() {
            self.say(Level::Info, self.tr(t::BACK_HAS_ANSWERS));
            return;
        }
        let undo = crate::session::Undo::ReturnOpen { card: play.card.clone() };
        self.undo(undo);
    }

    /// Forgets what belonged to the card that was open.
    fn leave_card(&mut self) {
        self.scroll = 0;
        self.notes_page = 0;
        self.show_notes = false;
        self.seen_injects = 0;
        self.revealed_at = None;
    }

    /// `i`: the next development for the gespreksleider to release, in a box with its text
    /// (and who sees it); only Enter sends it to the room.
    fn ask_release(&mut self) {
        match self.next_inject() {
            Some(inject) => self.overlay = Some(Overlay::Confirm(Confirm::Release(inject))),
            None => self.say(Level::Info, self.tr(t::NO_MORE_INJECTS)),
        }
    }

    fn next_inject(&self) -> Option<InjectId> {
        self.session().and_then(|s| {
            let play = s.state().current_play()?;
            let card = s.deck().card(&play.card)?;
            card.injects
                .iter()
                .find(|i| i.at == Release::Facilitator && !play.released.contains(&i.id))
                .map(|i| i.id.clone())
        })
    }

    fn release(&mut self, inject: InjectId) {
        let before = self.released_count();
        if self.exec(Command::ReleaseInject(inject.clone()))
            && let Mode::Live(s) = &self.mode
        {
            let text = announce(s, &[inject], self.lang);
            self.seen_injects = before;
            self.say(Level::Info, text);
        }
    }

    // ---- confirmations ---------------------------------------------------------------------

    fn confirm(&mut self, hit: Hit) {
        let Some(Overlay::Confirm(what)) = self.overlay.take() else { return };
        if hit.intent != Intent::Yes {
            return;
        }
        match what {
            Confirm::Quit => self.quit = true,
            Confirm::End => {
                if self.exec(Command::End) {
                    self.scroll = 0;
                    // A debrief written during the session says "not ended": write the final one.
                    if self.debriefs.has_written() {
                        self.write_debrief();
                    }
                }
            }
            Confirm::Close => {
                if self.exec(Command::CloseCard) {
                    self.agenda_sel = 0;
                }
            }
            Confirm::Skip(card) => {
                if self.exec(Command::SkipCard(card)) {
                    self.say(Level::Info, self.tr(t::SKIPPED_UNDO));
                }
            }
            Confirm::Release(inject) => self.release(inject),
            Confirm::Undo(undo) => self.undo(undo),
            Confirm::RevealMissing(_) => {
                if self.exec(Command::RevealAnyway) {
                    self.scroll = 0;
                    self.revealed_at = Some(self.clock.now().to_utc());
                }
            }
            Confirm::PrivateView => {
                self.set_private(true);
                self.say(Level::Info, self.tr(t::PRIVATE_ON));
            }
            Confirm::Drop(cards) => {
                for card in cards {
                    if !self.exec(Command::SkipCard(card)) {
                        break;
                    }
                }
                self.agenda_sel = 0;
                self.say(Level::Info, self.tr(t::DROPPED_UNDO));
            }
        }
    }

    // ---- text forms ------------------------------------------------------------------------

    fn text_form(&mut self, hit: Hit, key: KeyEvent) {
        let Some(mut overlay) = self.overlay.take() else { return };
        let hit = arrow_between_fields(&overlay, hit, &key);
        let groups = self.group_count().max(1);
        // Esc on typed text asks first: the first Esc says what a second one throws away.
        let armed = std::mem::take(&mut self.discard_armed);
        let done = match (&mut overlay, hit.intent) {
            (o, Intent::Cancel) if !armed && self.unsaved(o) => {
                self.discard_armed = true;
                self.say(Level::Warn, self.tr(t::DISCARD_FIRST));
                false
            }
            (_, Intent::Cancel) => true,
            (Overlay::Note { about, text, visibility, edit: Some(index), .. }, Intent::Save) => {
                let command = Command::ReviseNote {
                    index: *index,
                    about: *about,
                    text: text.text().trim().to_string(),
                    visibility: *visibility,
                };
                let ok = !text.is_empty() && self.exec(command);
                if ok {
                    self.say(Level::Info, self.tr(t::REVISED));
                }
                ok
            }
            (Overlay::Note { about, text, visibility, .. }, Intent::Save) => {
                !text.is_empty()
                    && self.exec_saved(Command::AddNoteAs {
                        about: *about,
                        text: text.text().trim().to_string(),
                        visibility: *visibility,
                    })
            }
            (Overlay::Finding { text, field, .. }, Intent::Save) if text.is_empty() => {
                *field = 3;
                self.say(Level::Warn, self.tr(t::FINDING_EMPTY));
                false
            }
            (Overlay::Finding { kind, objective, group, card, text, .. }, Intent::Save) => {
                let objective =
                    self.session().and_then(|s| s.state().objectives(s.deck()).get(*objective).map(|o| o.id.clone()));
                let command = Command::RecordFinding {
                    kind: *kind,
                    text: text.text().trim().to_string(),
                    objective,
                    card: card.clone(),
                    group: *group,
                };
                let ok = self.exec(command);
                if ok {
                    self.say(Level::Info, format!("{}: {}", self.tr(t::FINDING_SAVED), kind.label(self.lang)));
                }
                ok
            }
            (Overlay::Finding { field, .. }, Intent::NextField) => {
                *field = (*field + 1) % 4;
                false
            }
            (Overlay::Finding { field, .. }, Intent::PrevField) => {
                *field = (*field + 3) % 4;
                false
            }
            (Overlay::Finding { field: 0, kind, .. }, Intent::Cycle(_)) => {
                *kind = kind.next();
                false
            }
            (Overlay::Finding { field: 1, objective, .. }, Intent::Cycle(_)) => {
                // The session's objectives, then "no objective".
                let n = self.session().map_or(0, |s| s.state().objectives(s.deck()).len()) + 1;
                *objective = if hit.forward() { (*objective + 1) % n } else { (*objective + n - 1) % n };
                false
            }
            (Overlay::Finding { field: 2, group, .. }, Intent::Cycle(_)) => {
                *group = cycle_about(*group, groups, hit.forward());
                false
            }
            (Overlay::Finding { field: field @ 0..=2, text, .. }, Intent::Type | Intent::Edit) => {
                *field = 3;
                text.handle(key);
                false
            }
            (Overlay::Assess { objective, rating, why, .. }, Intent::Save) => {
                let Some(r) = crate::session::Rating::ALL.get(*rating).copied() else { return };
                let command = Command::AssessObjective {
                    objective: objective.clone(),
                    rating: r,
                    why: why.text().trim().to_string(),
                };
                let ok = self.exec(command);
                if ok {
                    self.say(Level::Info, format!("{}: {}", self.tr(t::ASSESSED), r.label(self.lang)));
                }
                ok
            }
            (Overlay::Assess { field, .. }, Intent::NextField | Intent::PrevField) => {
                *field = (*field + 1) % 2;
                false
            }
            (Overlay::Assess { field: 0, rating, .. }, Intent::Cycle(_)) => {
                let n = crate::session::Rating::ALL.len();
                *rating = if hit.forward() { (*rating + 1) % n } else { (*rating + n - 1) % n };
                false
            }
            (Overlay::Assess { field: field @ 0, why, .. }, Intent::Type | Intent::Edit) => {
                *field = 1;
                why.handle(key);
                false
            }
            (Overlay::Note { field, .. }, Intent::NextField) => {
                *field = (*field + 1) % 3;
                false
            }
            (Overlay::Note { field, .. }, Intent::PrevField) => {
                *field = (*field + 2) % 3;
                false
            }
            (Overlay::Note { field: 0, about, visibility, .. }, Intent::Cycle(_)) => {
                *about = cycle_about(*about, groups, hit.forward());
                // A note for one municipality's report needs that municipality.
                if about.is_none() && *visibility == Visibility::Group {
                    *visibility = Visibility::Private;
                }
                false
            }
            (Overlay::Note { field: 1, about, visibility, .. }, Intent::Cycle(_)) => {
                *visibility = cycle_visibility(*visibility, about.is_some(), hit.forward());
                false
            }
            // Typing on a chooser goes to the text: nothing typed is lost.
            (Overlay::Note { field: field @ (0 | 1), text, .. }, Intent::Type | Intent::Edit) => {
                *field = 2;
                text.handle(key);
                false
            }
            (Overlay::Action { group, what, owner, due, field, edit }, Intent::Save) => {
                if what.is_empty() {
                    *field = 1;
                    false
                } else {
                    self.save_action(*group, what.text(), owner.text(), due.text(), field, *edit)
                }
            }
            (Overlay::Action { field, .. }, Intent::NextField) => {
                *field = (*field + 1) % 4;
                false
            }
            (Overlay::Action { field, .. }, Intent::PrevField) => {
                *field = (*field + 3) % 4;
                false
            }
            (Overlay::Action { field: 0, group, .. }, Intent::Cycle(_)) => {
                let n = u8::try_from(groups).unwrap_or(1);
                group.0 = if hit.forward() { (group.0 + 1) % n } else { (group.0 + n - 1) % n };
                false
            }
            (Overlay::Action { field: 2, owner, group, .. }, Intent::Cycle(_)) => {
                let labels: Vec<&str> = self.roles_of(*group).iter().map(|r| r.label(self.lang)).collect();
                if !labels.is_empty() {
                    let at = labels.iter().position(|l| *l == owner.text());
                    let n = labels.len();
                    let next = match (at, hit.forward()) {
                        (Some(i), true) => (i + 1) % n,
                        (Some(i), false) => (i + n - 1) % n,
                        (None, true) => 0,
                        (None, false) => n - 1,
                    };
                    *owner = TextField::new(labels[next]);
                }
                false
            }
            // Typing over a chosen role starts a name of one's own ("wethouder"), not "burgemeesterw…".
            (Overlay::Action { field: 2, owner, group, .. }, Intent::Type)
                if self.roles_of(*group).iter().any(|r| r.label(self.lang) == owner.text()) =>
            {
                *owner = TextField::new("");
                owner.handle(key);
                false
            }
            // Typing on the group chooser goes to "Wat": nothing typed is lost.
            (Overlay::Action { field: field @ 0, what, .. }, Intent::Type | Intent::Edit) => {
                *field = 1;
                what.handle(key);
                false
            }
            (Overlay::Development { text }, Intent::Save) => {
                if text.is_empty() {
                    self.say(Level::Warn, self.tr(t::DEVELOPMENT_EMPTY));
                    false
                } else {
                    let before = self.released_count();
                    let ok = self.exec(Command::WriteInject(text.text().to_string()));
                    if ok && let Mode::Live(s) = &self.mode {
                        // Said as a deck's development is, and marked new on the screens.
                        let written = s.state().current_play().and_then(|p| p.released.last().cloned());
                        let said = announce(s, &written.into_iter().collect::<Vec<_>>(), self.lang);
                        self.seen_injects = before;
                        self.say(Level::Info, said);
                    }
                    ok
                }
            }
            (Overlay::Other { group, text }, Intent::Save) => {
                if text.is_empty() {
                    self.say(Level::Warn, self.tr(t::OTHER_EMPTY));
                    false
                } else {
                    let (group, text) = (*group, text.text().trim().to_string());
                    self.record_outside(group, Some(text))
                }
            }
            (
                Overlay::Action { field: 1, what: f, .. }
                | Overlay::Action { field: 2, owner: f, .. }
                | Overlay::Action { field: 3, due: f, .. }
                | Overlay::Finding { field: 3, text: f, .. }
                | Overlay::Assess { field: 1, why: f, .. },
                _,
            )
            | (
                Overlay::Note { text: f, .. }
                | Overlay::Rationale { text: f, .. }
                | Overlay::Other { text: f, .. }
                | Overlay::Development { text: f }
                | Overlay::SaveAs { path: f },
                _,
            ) => match hit.intent {
                Intent::Save => self.save_text(&overlay),
                _ => {
                    f.handle(key);
                    false
                }
            },
            _ => false,
        };
        if !done {
            self.overlay = Some(overlay);
        }
    }

    /// Whether a form holds typed text that Esc would throw away.
    fn unsaved(&self, overlay: &Overlay) -> bool {
        let state = self.session().map(|s| s.state());
        match overlay {
            Overlay::Note { text, edit: Some(i), .. } => {
                state.and_then(|s| s.notes.get(*i)).is_none_or(|n| n.text.trim() != text.text().trim())
            }
            Overlay::Action { what, edit: Some(i), .. } => {
                state.and_then(|s| s.actions.get(*i)).is_none_or(|a| a.what.trim() != what.text().trim())
            }
            Overlay::Note { text, .. } | Overlay::Development { text } => !text.text().trim().is_empty(),
            Overlay::Action { what, due, .. } => !what.text().trim().is_empty() || !due.text().trim().is_empty(),
            Overlay::Finding { text, .. } => !text.text().trim().is_empty(),
            Overlay::Assess { objective, why, .. } => {
                let before = state.and_then(|s| s.assessment(objective)).map_or("", |a| a.why.as_str());
                why.text().trim() != before.trim()
            }
            Overlay::Rationale { group, text } => text.text().trim() != self.rationale_of(*group),
            Overlay::Other { group, text } => {
                text.text().trim() != self.focused_choice_of(*group).map(|c| c.other).unwrap_or_default()
            }
            _ => false,
        }
    }

    /// Enter in a rationale or save-as field; returns true when the overlay closes.
    fn save_text(&mut self, overlay: &Overlay) -> bool {
        match overlay {
            Overlay::Rationale { group, text } => {
                let rationale = text.text().trim().to_string();
                if rationale == self.rationale_of(*group) {
                    return true;
                }
                let chosen = self.focused_choice_of(*group).is_some();
                let ok = self.exec(Command::RecordRationale { group: *group, rationale });
                if ok {
                    let text = if chosen { t::SAVED } else { t::RATIONALE_BEFORE_OPTION };
                    self.say(Level::Info, self.tr(text));
                }
                ok
            }
            Overlay::SaveAs { path } if !path.is_empty() => {
                let target = PathBuf::from(path.text());
                let Mode::Live(s) = &mut self.mode else { return true };
                match s.relocate(&target) {
                    Ok(()) => {
                        self.log_failed = false;
                        let shown = target.display().to_string();
                        self.say(Level::Info, format!("{}: {shown}", t::LOG.get(self.lang)));
                        true
                    }
                    Err(e) => {
                        self.say(Level::Error, session_error_text(&e, self.lang));
                        false
                    }
                }
            }
            _ => false,
        }
    }

    /// Saves an action as data: the owner a role or any text, "by when" read as a date. A text
    /// that is no date keeps the form open on that field with an example; nothing is stored.
    fn save_action(
        &mut self,
        group: GroupId,
        what: &str,
        owner: &str,
        due: &str,
        field: &mut usize,
        edit: Option<usize>,
    ) -> bool {
        let due = match crate::session::parse_due(due) {
            Ok(d) => d,
            Err(e) => {
                // One status line: the examples stand under the field already.
                *field = 3;
                let open = if self.lang == crate::scenario::Lang::Nl { "„" } else { "“" };
                self.say(Level::Warn, format!("{open}{}” {}", clean(&e.text), self.tr(t::NOT_A_DATE)));
                return false;
            }
        };
        let Some(owner) = crate::session::Owner::parse(owner) else {
            *field = 2;
            self.say(Level::Warn, self.tr(t::OWNER_NEEDED));
            return false;
        };
        let card = self.session().and_then(|s| s.state().current_play().map(|p| p.card.clone()));
        let today = self.session().map(|s| s.state().setup.date);
        let past = match (due, today) {
            (Some(date), Some(today)) if date < today => Some(date),
            _ => None,
        };
        let saved = match edit {
            Some(index) => {
                let ok = self.exec(Command::ReviseAction { index, group, what: what.trim().to_string(), owner, due });
                if ok {
                    self.say(Level::Info, self.tr(t::REVISED));
                }
                ok
            }
            None => self.exec_saved(Command::AddActionItem { group, what: what.trim().to_string(), owner, due, card }),
        };
        if !saved {
            return false;
        }
        // Saved as typed (a deadline already missed can be the point), but said: it is rarely meant.
        if let Some(date) = past {
            let shown = crate::session::show_date(date, self.lang);
            self.say(Level::Warn, self.tr(t::DUE_IN_PAST).replace("{date}", &shown));
        }
        true
    }

    /// The roles present in a delegation (all six for a group without a list).
    pub(super) fn roles_of(&self, group: GroupId) -> Vec<Role> {
        self.session()
            .and_then(|s| s.state().setup.groups.get(group.index()).map(|g| g.roles.clone()))
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| Role::ALL.to_vec())
    }

    fn focused_choice_of(&self, group: GroupId) -> Option<Choice> {
        self.session()?.state().current_play()?.choices.get(&group).cloned()
    }

    // ---- choosers --------------------------------------------------------------------------

    fn chooser(&mut self, hit: Hit) {
        let Some(mut overlay) = self.overlay.take() else { return };
        let done = match (&mut overlay, hit.intent) {
            (_, Intent::Cancel) => true,
            (Overlay::Decision { selected, .. }, Intent::Select(_)) => {
                *selected = step(*selected, Decision::ALL.len(), hit.forward());
                false
            }
            (Overlay::Decision { group, selected }, Intent::Save | Intent::Choose) => {
                let index = hit.digit.unwrap_or(*selected);
                match Decision::ALL.get(index) {
                    Some(d) => self.record(*group, None, Some(*d), None),
                    None => false,
                }
            }
            (Overlay::Dissent { offered, roles, .. }, Intent::Toggle) => {
                if let Some(role) = hit.digit.and_then(|d| offered.get(d)) {
                    toggle_role(roles, *role);
                }
                false
            }
            (Overlay::Dissent { group, roles, .. }, Intent::Save) => {
                let (g, r) = (*group, roles.clone());
                self.record(g, None, None, Some(r))
            }
            (Overlay::Roles { group }, Intent::Toggle) => {
                if let Mode::Setup(form) = &mut self.mode
                    && let Some(g) = form.groups.get_mut(*group)
                    && let Some(role) = hit.digit.and_then(|d| Role::ALL.get(d))
                {
                    toggle_role(&mut g.1, *role);
                }
                false
            }
            (Overlay::Roles { .. }, Intent::Close) => true,
            (Overlay::OptionFirst { group, dissent }, Intent::Choose) => {
                let (group, dissent) = (*group, *dissent);
                if let Some(d) = hit.digit
                    && group == self.focus_group()
                {
                    self.choose_option(d);
                }
                if self.focused_choice_of(group).is_some() {
                    self.open_decided(dissent);
                    return;
                }
                false
            }
            (Overlay::Picker { theme, selected }, Intent::Cycle(_)) => {
                *theme = cycle_theme(*theme, hit.forward());
                *selected = 0;
                false
            }
            (Overlay::Picker { theme, selected }, Intent::Select(_)) => {
                let n = self.session().map_or(0, |s| picker_rows(s.state(), s.deck(), *theme).len());
                *selected = step(*selected, n, hit.forward());
                false
            }
            (Overlay::Picker { theme, selected }, Intent::Save) => {
                let card =
                    self.session().and_then(|s| picker_rows(s.state(), s.deck(), *theme).get(*selected).cloned());
                match card {
                    Some(card) => {
                        self.put_back(card);
                        true
                    }
                    None => false,
                }
            }
            _ => false,
        };
        if !done {
            self.overlay = Some(overlay);
        }
    }

    // ---- setup -----------------------------------------------------------------------------

    fn setup(&mut self, hit: Hit, key: KeyEvent) {
        let Mode::Setup(form) = &mut self.mode else { return };
        match hit.intent {
            Intent::Quit => self.overlay = Some(Overlay::Confirm(Confirm::Quit)),
            Intent::Help => self.overlay = Some(Overlay::Help),
            Intent::SetupEnter if form.on_start() => self.start_from_setup(),
            Intent::SetupEnter if form.on_group().is_some() => {
                self.overlay = form.on_group().map(|group| Overlay::Roles { group });
            }
            intent => {
                form.handle(intent, key, &self.launch.deck);
                self.lang = form.lang;
                // The colours change on screen at once (the form's "Kleuren" row).
                super::theme::set_palette(form.palette);
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
                self.say(Level::Info, format!("{}: {shown}", self.tr(t::LOG)));
                self.open_follow_up();
                self.open_peers();
            }
            Err(e) => self.say(Level::Error, session_error_text(&e, self.lang)),
        }
    }
}

/// One page back or on, between the first page and `last`.
fn step_to(at: u16, last: u16, forward: bool) -> u16 {
    if forward { at.saturating_add(1).min(last) } else { at.min(last).saturating_sub(1) }
}

/// One step up or down a list of `n`, stopping at the ends.
fn step(at: usize, n: usize, forward: bool) -> usize {
    if forward { (at + 1).min(n.saturating_sub(1)) } else { at.saturating_sub(1) }
}

fn toggle_role(roles: &mut Vec<Role>, role: Role) {
    if let Some(i) = roles.iter().position(|r| *r == role) {
        roles.remove(i);
    } else {
        roles.push(role);
        roles.sort();
    }
}

/// The next reader of a note; "one municipality" only when the note is about one.
fn cycle_visibility(v: Visibility, about_group: bool, forward: bool) -> Visibility {
    let all: Vec<Visibility> = Visibility::ALL.into_iter().filter(|x| about_group || *x != Visibility::Group).collect();
    let at = all.iter().position(|x| *x == v).unwrap_or(0);
    let n = all.len();
    all[if forward { (at + 1) % n } else { (at + n - 1) % n }]
}

fn cycle_about(about: Option<GroupId>, groups: usize, forward: bool) -> Option<GroupId> {
    // None (the room) → group 1 → … → group n → None.
    let pos = about.map_or(0, |g| g.index() + 1);
    let n = groups + 1;
    let next = if forward { (pos + 1) % n } else { (pos + n - 1) % n };
    (next > 0).then(|| GroupId(u8::try_from(next - 1).unwrap_or(0)))
}

fn cycle_theme(theme: Option<Theme>, forward: bool) -> Option<Theme> {
    // All themes → each theme → all themes.
    let pos = theme.and_then(|t| Theme::ALL.iter().position(|x| *x == t)).map_or(0, |i| i + 1);
    let n = Theme::ALL.len() + 1;
    let next = if forward { (pos + 1) % n } else { (pos + n - 1) % n };
    next.checked_sub(1).and_then(|i| Theme::ALL.get(i).copied())
}
