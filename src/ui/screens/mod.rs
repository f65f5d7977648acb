//! Drawing: state → widgets. The console is drawn from a [`ConsoleView`], which holds no clock
//! and no engine, only what is on screen; nothing here changes state.

pub mod agenda;
pub mod card;
pub mod closing;
pub mod compare;
pub mod end;
pub mod fit;
pub mod follow_up;
mod overlay;
mod setup;
pub mod text;
pub mod time;

use chrono::{DateTime, TimeDelta, Utc};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::i18n::{self as t};
use super::keymap::{Bar, Binding, Context};
use super::model::{AgendaRow, Level, Overlay, Screen};
use super::setup::SetupForm;
use super::theme;
use crate::scenario::{Deck, Lang, clean};
use crate::session::State;
use crate::session::room::Viewer;

/// Everything the console draws, read from the app; the renderers know nothing else.
pub struct ConsoleView<'a> {
    pub lang: Lang,
    pub screen: Screen,
    /// The running session, once the setup is done.
    pub live: Option<Live<'a>>,
    pub setup: Option<&'a SetupForm>,
    pub setup_deck: &'a Deck,
    /// The earlier session a follow-up starts from (`play --follow-up`), shown on the setup form.
    pub setup_follow_up: Option<&'a crate::session::PreviousSession>,
    /// Where the new session's log goes, shown on the setup form: the file `--log` named (true),
    /// or the sessions folder (false), so a facilitator finds the log again.
    pub setup_log: (&'a std::path::Path, bool),
    pub overlay: Option<&'a Overlay>,
    pub notice: Option<&'a (Level, String)>,
    /// The keys of the current context (status bar).
    pub bindings: Vec<Binding>,
    /// The keys of the screen beneath any overlay (help).
    pub help: Vec<Binding>,
    pub help_context: Context,
    pub blackout: bool,
    /// The facilitator's own view (recorded answers and notes on screen), not room-safe.
    pub private: bool,
    pub agenda_sel: usize,
    pub follow_up_sel: usize,
    /// The selected row of the closing screen.
    pub closing_sel: usize,
    /// A standing line above the notice (`play --devices`: which groups have a device
    /// connected; names only, room-safe).
    pub lobby: Option<String>,
}

/// The session part of the console's view.
pub struct Live<'a> {
    pub view: View<'a>,
    pub log_path: String,
    pub agenda_rows: Vec<AgendaRow>,
}

/// Anything that can show itself as a console (the app, whatever its clock).
pub trait Console {
    fn console_view(&self) -> ConsoleView<'_>;
}

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
    /// Who looks: what the room may see ([`crate::session::room`]) is asked of this, and only
    /// of this.
    pub viewer: Viewer,
    /// Show the scores as they stood right after `plays[i]` (review), not the latest ones.
    pub scores_after: Option<usize>,
    /// The page of the facilitator notes' box (`[` `]`), apart from the screen's own page.
    pub notes_page: u16,
    /// Where the console learns how many pages the last frame had, so its page keys stop at the
    /// last page (like ratatui's `ListState`, written while drawing; never the session's state).
    pub pages: Option<&'a PageCount>,
}

/// The word that stands for the end of the text: every screen shows its last page.
pub const LAST_PAGE: u32 = u32::MAX;

/// How many pages the screen and the notes' box had when last drawn (1 when all fit), and for
/// the screen's pages where each starts (in words, see [`text::page_of`]) and which one shows,
/// so the page keys can name the page they turn to in the log.
#[derive(Debug, Default)]
pub struct PageCount {
    pub main: std::cell::Cell<usize>,
    pub notes: std::cell::Cell<usize>,
    starts: std::cell::RefCell<Vec<u32>>,
    shown: std::cell::Cell<usize>,
}

impl PageCount {
    pub fn reset(&self) {
        self.main.set(1);
        self.notes.set(1);
        self.starts.borrow_mut().clear();
        self.shown.set(0);
    }

    /// What the screen's pages were while drawing: where each starts, and which one showed.
    pub fn learn(&self, starts: &[u32], shown: usize) {
        if starts.len() >= self.main.get() {
            self.main.set(starts.len());
            *self.starts.borrow_mut() = starts.to_vec();
            self.shown.set(shown);
        }
    }

    /// The word where the page one step on (`forward`) or back from the one on show starts;
    /// `None` at the first page, and at the last once it was turned to [`LAST_PAGE`]. On the
    /// console's last page one more step on is [`LAST_PAGE`]: a room screen smaller than the
    /// console has more pages, and this takes it to its own last one.
    pub fn turn(&self, forward: bool, word_now: u32) -> Option<u32> {
        let starts = self.starts.borrow();
        let shown = self.shown.get();
        if forward && shown + 1 == starts.len() && starts.len() > 1 {
            return (word_now != LAST_PAGE).then_some(LAST_PAGE);
        }
        let to = if forward { shown.checked_add(1)? } else { shown.checked_sub(1)? };
        starts.get(to).copied()
    }

    /// The last page index the screen's page keys may reach.
    pub fn last_main(&self) -> u16 {
        u16::try_from(self.main.get().max(1) - 1).unwrap_or(u16::MAX)
    }

    pub fn last_notes(&self) -> u16 {
        u16::try_from(self.notes.get().max(1) - 1).unwrap_or(u16::MAX)
    }
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
            viewer: Viewer::Console,
            scores_after: None,
            notes_page: 0,
            pages: None,
        }
    }
}

pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 20;

/// Draws the whole console for the current state.
pub fn render(console: &impl Console, frame: &mut Frame) {
    render_view(&console.console_view(), frame);
}

/// Draws the console from its view.
pub fn render_view(cv: &ConsoleView, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(cv.lang, frame, area);
        return;
    }
    // A notice takes the rows it needs (up to three), so no sentence is cut off; an error (the
    // log cannot be written) always three, so its whole message shows.
    let notice_height = notice_rows(cv.notice, area.width);
    // The devices' lobby line: wrapped into a second row rather than cut inside a name.
    let lobby_rows: Vec<String> = match cv.lobby.as_deref().filter(|_| cv.live.is_some()) {
        Some(text) => crate::ui::widgets::wrap::wrap_rows(&clean(text), usize::from(area.width), 2),
        None => Vec::new(),
    };
    let lobby_height = u16::try_from(lobby_rows.len()).unwrap_or(2);
    let [header, body, lobby, notice, status] = frame_rows(area, lobby_height, notice_height);
    render_header(cv, frame, header);
    if let Some(pages) = cv.live.as_ref().and_then(|l| l.view.pages) {
        pages.reset();
    }
    if cv.blackout && cv.screen != Screen::End {
        let msg = Paragraph::new(t::BLACKOUT.get(cv.lang)).style(theme::dim()).alignment(Alignment::Center);
        frame.render_widget(msg, Rect { y: body.y + body.height / 2, height: 1, ..body });
    } else {
        match (cv.screen, &cv.live) {
            (Screen::Setup, _) => setup::render(cv, frame, body),
            (Screen::FollowUp, Some(live)) => follow_up::render(&live.view, Some(cv.follow_up_sel), frame, body),
            (Screen::Agenda, Some(live)) => agenda::render(&live.view, &live.agenda_rows, cv.agenda_sel, frame, body),
            (Screen::Card, Some(live)) => {
                if let Some(play) = live.view.state.current_play() {
                    card::render(&live.view, play, frame, body);
                }
            }
            (Screen::End, Some(live)) => end::render(&live.view, &live.log_path, frame, body),
            (Screen::Closing, Some(live)) => closing::render(&live.view, cv.closing_sel, frame, body),
            (_, None) => {}
        }
    }
    if lobby_height > 0 {
        let rows: Vec<Line> = lobby_rows.into_iter().map(Line::raw).collect();
        frame.render_widget(Paragraph::new(rows).style(theme::dim()), lobby);
    }
    render_notice(cv, frame, notice);
    render_status(cv, frame, status);
    overlay::render(cv, frame, body);
}

fn too_small(lang: Lang, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!("{} ({MIN_WIDTH}x{MIN_HEIGHT})", t::TOO_SMALL.get(lang));
    let y = area.y + area.height / 2;
    let line = Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true });
    frame.render_widget(line, Rect { y: y.saturating_sub(1).max(area.y), height: area.height.min(3), ..area });
}

fn render_header(cv: &ConsoleView, frame: &mut Frame, area: Rect) {
    let title = match &cv.live {
        Some(live) => clean(&live.view.state.setup.title).into_owned(),
        None => t::NEW_SESSION.get(cv.lang).to_string(),
    };
    let badge = if cv.private {
        Span::styled(format!(" {} ", t::PRIVATE_BADGE.get(cv.lang)), theme::error())
    } else {
        Span::styled(
            format!(" {} ", t::ROOM_BADGE.get(cv.lang)),
            theme::ok().add_modifier(ratatui::style::Modifier::REVERSED),
        )
    };
    let badge = cv.live.is_some().then_some(badge);
    header(frame, area, badge, &title, cv.live.as_ref().map(|l| (l.view.state, l.view.now)), cv.lang);
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
        // After the end the clock stands still, and says so instead of minutes left.
        let rest = if state.ended_at.is_some() {
            t::ENDED_SHORT.get(lang).to_string()
        } else {
            time::left_text(left_min, lang)
        };
        if state.is_paused() {
            right.push(Span::styled(format!(" {} ", t::PAUSED.get(lang)), theme::error()));
            right.push(Span::raw(" "));
        }
        let style = if left_min < 0 && state.ended_at.is_none() { theme::warn() } else { Style::new() };
        right.push(Span::styled(
            format!(" {} {} · {rest} ", t::SESSION.get(lang), clock_text(state.elapsed(now))),
            style,
        ));
    }
    let right_width: usize = right.iter().map(Span::width).sum();
    // The title is cut with "…" before it could run into the clock.
    left_width += 1;
    let room = usize::from(area.width).saturating_sub(left_width + right_width + 1);
    left.push(Span::styled(format!(" {}", crate::ui::widgets::cut::cut(&clean(title), room)), theme::heading()));
    let [l, r] = split_right(area, u16::try_from(right_width).unwrap_or(u16::MAX));
    frame.render_widget(Line::from(left), l);
    frame.render_widget(Line::from(right).alignment(Alignment::Right), r);
}

/// The frame's rows, top to bottom: header (one row), body (the rest), the devices' lobby, the
/// notice, the status bar (one row). The same rows as `Layout::vertical` with the body as its one
/// `Fill`, by arithmetic: every frame is split so, and the layout solver's first run is about a
/// tenth of the CPU time to the first frame (see "First frame" in docs/performance.md). A frame
/// lower than the fixed rows (never drawn: see `MIN_HEIGHT`) gives the body none.
fn frame_rows(area: Rect, lobby: u16, notice: u16) -> [Rect; 5] {
    let rows = |y: u16, height: u16| Rect { y, height, ..area };
    let header = rows(area.y, area.height.min(1));
    let bottom = area.bottom();
    let status_y = bottom.saturating_sub(1).max(header.bottom());
    let notice_y = status_y.saturating_sub(notice).max(header.bottom());
    let lobby_y = notice_y.saturating_sub(lobby).max(header.bottom());
    [
        header,
        rows(header.bottom(), lobby_y - header.bottom()),
        rows(lobby_y, notice_y - lobby_y),
        rows(notice_y, status_y - notice_y),
        rows(status_y, bottom - status_y),
    ]
}

/// `area` as what is left and the `width` columns at its right end (all of it when narrower):
/// `Layout::horizontal([Fill(1), Length(width)])` without the solver (see [`frame_rows`]).
fn split_right(area: Rect, width: u16) -> [Rect; 2] {
    let width = width.min(area.width);
    let left = Rect { width: area.width - width, ..area };
    [left, Rect { x: left.right(), width, ..area }]
}

/// Rows the notice needs at `width`: wrapped, at most three; three for an error.
pub fn notice_rows(notice: Option<&(Level, String)>, width: u16) -> u16 {
    match notice {
        Some((Level::Error, _)) => 3,
        Some((_, text)) => {
            let rows = crate::ui::widgets::wrap::wrap_rows(&clean(text), usize::from(width).max(1), 3).len();
            u16::try_from(rows.clamp(1, 3)).unwrap_or(3)
        }
        None => 1,
    }
}

fn render_notice(cv: &ConsoleView, frame: &mut Frame, area: Rect) {
    let Some((level, text)) = cv.notice else { return };
    let style = match level {
        Level::Info => theme::ok(),
        Level::Warn => theme::warn(),
        Level::Error => theme::error(),
    };
    // Wrapped the way its height was counted, so the rows it was given hold all of it; a text
    // longer than three rows ends in "…" after a whole word, never inside one.
    let rows: Vec<Line> = crate::ui::widgets::wrap::wrap_rows(&clean(text), usize::from(area.width).max(1), 3)
        .into_iter()
        .map(Line::raw)
        .collect();
    frame.render_widget(Paragraph::new(rows).style(style), area);
}

/// The status bar: the pinned keys (help, quit, the reveal) at the right, always; the others
/// from the left while they fit. An entry that does not fit is left out whole, never cut.
fn render_status(cv: &ConsoleView, frame: &mut Frame, area: Rect) {
    let (pinned, shown) = status_entries(&cv.bindings, cv.lang, area.width as usize);
    let right_width: usize = pinned.iter().map(Span::width).sum();
    let [l, r] = split_right(area, u16::try_from(right_width).unwrap_or(u16::MAX));
    frame.render_widget(Line::from(shown), l);
    frame.render_widget(Line::from(pinned), r);
}

/// A binding's keys as the status bar writes them: the first two (`↑ ↓`, not `↑ ↓ k j`); the help
/// overlay lists them all.
pub fn bar_keys(binding: &Binding, lang: Lang) -> String {
    binding.labels(lang).into_iter().take(2).collect::<Vec<_>>().join(" ")
}

/// The spans of the status bar at `width` columns: (pinned, others that fit).
pub fn status_entries(bindings: &[Binding], lang: Lang, width: usize) -> (Vec<Span<'static>>, Vec<Span<'static>>) {
    let entry = |b: &Binding| {
        [
            Span::styled(format!(" {} ", bar_keys(b, lang)), theme::key()),
            Span::raw(format!(" {}  ", b.bar_what().get(lang))),
        ]
    };
    let pinned: Vec<Span> = bindings.iter().filter(|b| b.bar == Bar::Pin).flat_map(entry).collect();
    let mut room = width.saturating_sub(pinned.iter().map(Span::width).sum());
    let mut shown = Vec::new();
    for b in bindings.iter().filter(|b| b.bar == Bar::Show) {
        let spans = entry(b);
        let w: usize = spans.iter().map(Span::width).sum();
        if w <= room {
            room -= w;
            shown.extend(spans);
        }
    }
    (pinned, shown)
}

/// Text someone typed, cleaned for the terminal, on one line: a multi-line note or rationale keeps
/// its line breaks in the log and reads as one paragraph on screen.
pub fn one_line(text: &str) -> String {
    clean(text).replace('\n', " ")
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

#[cfg(test)]
mod tests {
    use super::{frame_rows, split_right};
    use ratatui::layout::{Constraint, Layout, Rect};

    /// The hand-made splits give the solver's rows and columns for every frame a console draws.
    #[test]
    fn the_frame_splits_agree_with_ratatuis_layout() {
        for (width, height) in [(60, 20), (80, 24), (120, 35), (300, 100), (61, 21)] {
            let area = Rect::new(0, 0, width, height);
            for lobby in 0..=2 {
                for notice in 1..=3 {
                    let solved: [Rect; 5] = Layout::vertical([
                        Constraint::Length(1),
                        Constraint::Fill(1),
                        Constraint::Length(lobby),
                        Constraint::Length(notice),
                        Constraint::Length(1),
                    ])
                    .areas(area);
                    assert_eq!(frame_rows(area, lobby, notice), solved, "{width}x{height}, {lobby}, {notice}");
                }
            }
            for right in [0, 1, 17, width - 1, width, width + 5] {
                let solved: [Rect; 2] =
                    Layout::horizontal([Constraint::Fill(1), Constraint::Length(right)]).areas(area);
                assert_eq!(split_right(area, right), solved, "{width}, {right}");
            }
        }
    }
}
