//! `weerbaar screen LOG`: the room's view of a live session, following the log the console
//! writes. It shows what the room should see (the card, developments, questions, the clock,
//! who has answered, and after the reveal the comparison; during the closing round the actions
//! per municipality and the notes to the room) and never facilitator notes,
//! unrevealed answers or private observations. It never writes anything.

use std::path::Path;
use std::time::Duration;

use chrono::{DateTime, Utc};
use crossterm::event::{KeyEvent, KeyEventKind};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::i18n::{self as t};
use super::run::Program;
use super::screens::{self, View, card};
use super::theme;
use crate::log::follow::Follower;
use crate::scenario::{Deck, Lang, Theme};
use crate::session::Clock;

pub struct Audience<C: Clock> {
    pub follower: Follower,
    pub deck: Deck,
    pub lang: Lang,
    pub clock: C,
    pub now: DateTime<Utc>,
    pub quit: bool,
    /// When the screen started following, to tell a mistyped path from a console still starting.
    pub started: DateTime<Utc>,
    /// The log has not appeared after [`MISSING_AFTER_SECS`]: the newest logs in its folder, to
    /// say so and show what may have been meant.
    pub missing: Option<Vec<String>>,
}

/// How long a log may take to appear before the screen says it does not exist (a console
/// started at the same moment writes its log within a second).
pub const MISSING_AFTER_SECS: i64 = 4;

/// The newest session logs (`*.jsonl`) in `dir`, newest first, by file name.
pub fn newest_logs(dir: &Path, n: usize) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut logs: Vec<(std::time::SystemTime, String)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        .filter_map(|e| {
            let modified = e.metadata().ok()?.modified().ok()?;
            Some((modified, e.file_name().to_string_lossy().into_owned()))
        })
        .collect();
    logs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    logs.into_iter().take(n).map(|(_, name)| crate::scenario::clean(&name).into_owned()).collect()
}

impl<C: Clock> Audience<C> {
    pub fn new(path: &Path, deck: Deck, lang: Lang, clock: C) -> Self {
        let now = clock.now().to_utc();
        let mut a = Audience {
            follower: Follower::new(path),
            deck,
            lang,
            clock,
            now,
            quit: false,
            started: now,
            missing: None,
        };
        a.follower.poll();
        a
    }

    fn view(&self) -> Option<View<'_>> {
        let state = self.follower.state()?;
        let seen = state.current_play().map_or(0, |p| p.released.len().saturating_sub(1));
        // The deck recorded in the log, so a new session at the path shows its own cards.
        let deck = self.follower.deck().unwrap_or(&self.deck);
        Some(View {
            viewer: crate::session::room::Viewer::Audience,
            seen_injects: seen,
            ..View::new(state, deck, self.lang, self.now)
        })
    }
}

impl<C: Clock> Program for Audience<C> {
    fn on_key(&mut self, key: KeyEvent) {
        let hit = super::keymap::lookup(super::keymap::Context::Audience, false, &key);
        if key.kind == KeyEventKind::Press && hit.is_some_and(|h| h.intent == super::intent::Intent::Quit) {
            self.quit = true;
        }
    }

    fn on_tick(&mut self) {
        self.now = self.clock.now().to_utc();
        self.follower.poll();
        let path = self.follower.path();
        let late = self.now - self.started >= chrono::TimeDelta::seconds(MISSING_AFTER_SECS);
        self.missing = (late && self.follower.state().is_none() && !path.exists()).then(|| {
            let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
            newest_logs(dir, 5)
        });
    }

    fn render(&self, frame: &mut Frame) {
        let area = frame.area();
        let lang = self.lang;
        if area.width < screens::MIN_WIDTH || area.height < screens::MIN_HEIGHT {
            if area.height > 0 && area.width > 0 {
                let msg = format!("{} ({}x{})", t::TOO_SMALL.get(lang), screens::MIN_WIDTH, screens::MIN_HEIGHT);
                frame.render_widget(Paragraph::new(msg).alignment(Alignment::Center), area);
            }
            return;
        }
        let Some(view) = self.view() else {
            let shown = crate::scenario::clean(&self.follower.path().display().to_string()).into_owned();
            if let Some(newest) = &self.missing {
                let mut lines =
                    vec![Line::styled(format!("{} {shown}", t::LOG_MISSING.get(lang)), theme::warn()), Line::default()];
                if newest.is_empty() {
                    lines.push(Line::raw(t::NO_LOGS_THERE.get(lang)));
                } else {
                    lines.push(Line::raw(t::NEWEST_LOGS.get(lang)));
                    lines.extend(newest.iter().map(|n| Line::styled(n.clone(), theme::heading())));
                }
                lines.push(Line::default());
                lines.push(Line::styled(t::STILL_WAITING.get(lang), theme::dim()));
                let height = u16::try_from(lines.len()).unwrap_or(u16::MAX).min(area.height);
                let top = Rect { y: area.y + area.height.saturating_sub(height) / 2, height, ..area };
                frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), top);
                return;
            }
            let msg = format!("{} {shown}", t::WAITING_FOR_SESSION.get(lang));
            frame.render_widget(Paragraph::new(msg).alignment(Alignment::Center), centre_line(area));
            return;
        };
        let state = view.state;
        if state.blackout {
            return;
        }
        let [header, body] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
        screens::header(frame, header, None, &state.setup.title, Some((state, self.now)), lang);
        if state.closing_round {
            // The room-safe closing round, as the console draws it for the room (the viewer hides
            // private notes and the gespreksleider's keys), updated as the log grows.
            screens::closing::render(&view, 0, frame, body);
        } else if state.is_ended() {
            screens::end::render(&view, "", frame, body);
        } else if let Some(play) = state.current_play() {
            card::render(&view, play, frame, body);
        } else {
            between_cards(&view, frame, body);
        }
    }

    fn should_quit(&self) -> bool {
        self.quit
    }

    fn tick(&self) -> Duration {
        Duration::from_millis(500)
    }
}

fn centre_line(area: Rect) -> Rect {
    Rect { y: area.y + area.height / 2, height: 1, ..area }
}

/// Between cards the room sees which themes were played and the scores so far.
fn between_cards(view: &View, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let table = screens::compare::table_height(view, area.width);
    let [top, bottom] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(table.min(area.height / 2 + 4))]).areas(area);
    let mut lines = vec![Line::default(), Line::styled(t::NEXT_CARD_SOON.get(lang), theme::heading()), Line::default()];
    // The themes as a block of rows, the dots in a column of their own so the names line up.
    let counts: Vec<(Theme, usize)> = Theme::ALL
        .iter()
        .map(|&k| (k, view.state.played().filter_map(|p| view.deck.card(&p.card)).filter(|c| c.theme == k).count()))
        .collect();
    let dots = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let label_width = counts.iter().map(|(k, _)| k.label(lang).chars().count()).max().unwrap_or(0);
    for (theme_kind, played) in counts {
        let label = theme_kind.label(lang);
        let pad = label_width.saturating_sub(label.chars().count());
        lines.push(Line::from(vec![
            Span::styled("●".repeat(played), Style::new().fg(theme::theme_color(theme_kind))),
            Span::styled("○".repeat(dots - played), theme::dim()),
            Span::raw(format!(" {label}{}", " ".repeat(pad))),
        ]));
    }
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), top);
    card::render_scores(view, view.state, frame, bottom);
}
