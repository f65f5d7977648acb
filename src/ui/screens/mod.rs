//! Drawing: state → widgets. Every function here takes `&App` and never changes it.

pub mod agenda;
pub mod card;
pub mod compare;
pub mod end;
pub mod fit;
mod follow_up;
mod overlay;
pub mod room;
mod setup;
pub mod time;

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, Level, Screen};
use super::i18n::{self as t};
use super::theme;
use crate::scenario::{Deck, Lang, clean};
use crate::session::{Clock, State};

/// What a screen needs to draw a session. The console, the review and the audience screen
/// each build one from their own state, so they draw the same cards the same way.
#[derive(Clone, Copy)]
pub struct View<'a> {
    pub state: &'a State,
    pub deck: &'a Deck,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub scroll: u16,
    pub show_notes: bool,
    /// The group the facilitator is entering answers for.
    pub focus: Option<usize>,
    /// Released injects before this index are no longer highlighted as new.
    pub seen_injects: usize,
    /// For the room: never facilitator notes, private observations or a selection cursor.
    pub audience: bool,
    /// Show every recorded answer even before the reveal (review after the session).
    pub reveal_all: bool,
    /// Show the scores as they stood right after `plays[i]` (review), not the latest ones.
    pub scores_after: Option<usize>,
}

impl<'a> View<'a> {
    pub fn new(state: &'a State, deck: &'a Deck, lang: Lang, now: DateTime<Utc>) -> Self {
        View {
            state,
            deck,
            lang,
            now,
            scroll: 0,
            show_notes: false,
            focus: None,
            seen_injects: usize::MAX,
            audience: false,
            reveal_all: false,
            scores_after: None,
        }
    }
}

impl<C: Clock + Clone> App<C> {
    /// The view of the live session as the facilitator sees it.
    pub fn view(&self) -> Option<View<'_>> {
        let s = self.session()?;
        Some(View {
            scroll: self.scroll,
            show_notes: self.show_notes,
            focus: Some(self.focus),
            seen_injects: self.seen_injects,
            ..View::new(s.state(), s.deck(), self.lang, self.now)
        })
    }
}

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Draws the whole console for the current state.
pub fn render<C: Clock + Clone>(app: &App<C>, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(app, frame, area);
        return;
    }
    // An error (the log cannot be written) takes more room, so its whole message shows.
    let notice_height = if app.notice.as_ref().is_some_and(|(l, _)| *l == Level::Error) { 3 } else { 1 };
    let [header, body, notice, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(notice_height),
        Constraint::Length(1),
    ])
    .areas(area);
    render_header(app, frame, header);
    if app.blackout() {
        let msg = Paragraph::new(t::BLACKOUT.get(app.lang)).style(theme::dim()).alignment(Alignment::Center);
        frame.render_widget(msg, Rect { y: body.y + body.height / 2, height: 1, ..body });
    } else {
        match (app.screen(), app.view()) {
            (Screen::Setup, _) => setup::render(app, frame, body),
            (Screen::FollowUp, Some(view)) => follow_up::render(&view, app.follow_up_sel, frame, body),
            (Screen::Agenda, Some(view)) => agenda::render(&view, &app.agenda_rows(), app.agenda_sel, frame, body),
            (Screen::Card, Some(view)) => {
                if let Some(play) = view.state.current_play() {
                    card::render(&view, play, frame, body);
                }
            }
            (Screen::End, Some(view)) => {
                let path = app.session().map(|s| s.log_path().display().to_string()).unwrap_or_default();
                end::render(&view, &path, frame, body);
            }
            (_, None) => {}
        }
    }
    render_notice(app, frame, notice);
    render_status(app, frame, status);
    overlay::render(app, frame, body);
}

fn too_small<C: Clock + Clone>(app: &App<C>, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!("{} ({MIN_WIDTH}x{MIN_HEIGHT})", t::TOO_SMALL.get(app.lang));
    let y = area.y + area.height / 2;
    let line = Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true });
    frame.render_widget(line, Rect { y: y.saturating_sub(1).max(area.y), height: area.height.min(3), ..area });
}

fn render_header<C: Clock + Clone>(app: &App<C>, frame: &mut Frame, area: Rect) {
    let title = match app.session() {
        Some(s) => clean(&s.state().setup.title).into_owned(),
        None => t::NEW_SESSION.get(app.lang).to_string(),
    };
    header(frame, area, None, &title, app.session().map(|s| (s.state(), app.now)), app.lang);
}

/// The top line of every screen: the name, an optional badge, the title, and the session clock
/// (elapsed, and minutes left of the target or over it) when there is a session.
pub fn header(
    frame: &mut Frame,
    area: Rect,
    badge: Option<Span>,
    title: &str,
    clock: Option<(&State, DateTime<Utc>)>,
    lang: Lang,
) {
    let mut left = vec![Span::styled(" Weerbaar ", theme::brand())];
    if let Some(b) = badge {
        left.push(Span::raw(" "));
        left.push(b);
    }
    let mut left_width: usize = left.iter().map(Span::width).sum();
    let mut right: Vec<Span> = Vec::new();
    if let Some((state, now)) = clock {
        let left_min = state.minutes_left(now);
        let rest = time::left_text(left_min, lang);
        if state.is_paused() {
            right.push(Span::styled(format!(" {} ", t::PAUSED.get(lang)), theme::error()));
            right.push(Span::raw(" "));
        }
        let style = if left_min < 0 { theme::warn() } else { Style::new() };
        right.push(Span::styled(
            format!("{} {} · {rest} ", t::SESSION.get(lang), clock_text(state.elapsed(now))),
            style,
        ));
    }
    let right_width: usize = right.iter().map(Span::width).sum();
    // The title is cut with "…" before it could run into the clock.
    left_width += 1;
    let room = usize::from(area.width).saturating_sub(left_width + right_width + 1);
    left.push(Span::styled(format!(" {}", crate::ui::widgets::cut::cut(&clean(title), room)), theme::heading()));
    let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width as u16)]).areas(area);
    frame.render_widget(Line::from(left), l);
    frame.render_widget(Line::from(right).alignment(Alignment::Right), r);
}

fn render_notice<C: Clock + Clone>(app: &App<C>, frame: &mut Frame, area: Rect) {
    let Some((level, text)) = &app.notice else { return };
    let style = match level {
        Level::Info => theme::ok(),
        Level::Warn => theme::warn(),
        Level::Error => theme::error(),
    };
    frame.render_widget(Paragraph::new(clean(text).into_owned()).style(style).wrap(Wrap { trim: true }), area);
}

/// The main keys of the screen; help and quit sit at the right so they never fall off.
fn render_status<C: Clock + Clone>(app: &App<C>, frame: &mut Frame, area: Rect) {
    let hint_spans = |hints: &[&super::keys::Hint]| -> Vec<Span<'static>> {
        hints
            .iter()
            .flat_map(|h| {
                [Span::styled(format!(" {} ", h.key), theme::key()), Span::raw(format!(" {}  ", h.what.get(app.lang)))]
            })
            .collect()
    };
    let hints = app.hints();
    let (fixed, main): (Vec<_>, Vec<_>) =
        hints.iter().filter(|h| h.main).partition(|h| matches!(h.key, "?" | "q") && app.overlay.is_none());
    let right = hint_spans(&fixed);
    let right_width: usize = right.iter().map(Span::width).sum();
    let [l, r] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(right_width as u16)]).areas(area);
    frame.render_widget(Line::from(hint_spans(&main)), l);
    frame.render_widget(Line::from(right), r);
}

/// `h:mm` for session and card clocks.
pub fn clock_text(d: TimeDelta) -> String {
    let secs = d.num_seconds().max(0);
    format!("{}:{:02}", secs / 3600, (secs / 60) % 60)
}

/// `m:ss` for card timers.
pub fn minute_text(d: TimeDelta) -> String {
    let secs = d.num_seconds().max(0);
    format!("{}:{:02}", secs / 60, secs % 60)
}

/// Rows for the score chart: all of it when there is room, at most a third of the screen, and
/// none when that would be too small to read (the text matters more on a small screen).
pub fn chart_height(dimensions: usize, groups: usize, available: u16) -> u16 {
    let wanted = (dimensions * (groups + 1) + 2) as u16;
    let allowed = wanted.min(available / 3);
    if allowed < 6 { 0 } else { allowed }
}

/// A horizontal bar centred on zero: negative values grow left in red, positive right in green.
pub fn score_bar(value: i32, max_abs: i32, half: usize) -> Vec<Span<'static>> {
    let max_abs = max_abs.max(1);
    let len = ((value.unsigned_abs() as usize) * half).div_ceil(max_abs.unsigned_abs() as usize).min(half);
    let (left, right) = if value < 0 { (len, 0) } else { (0, len) };
    vec![
        Span::raw(" ".repeat(half - left)),
        Span::styled("█".repeat(left), theme::negative()),
        Span::styled("│", theme::dim()),
        Span::styled("█".repeat(right), theme::positive()),
        Span::raw(" ".repeat(half - right)),
        Span::styled(format!(" {value:+}"), theme::heading()),
    ]
}
