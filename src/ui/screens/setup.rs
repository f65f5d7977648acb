//! The setup screen: a form the facilitator fills in before the room arrives.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::ConsoleView;
use crate::scenario::text::L;
use crate::scenario::{Lang, clean};
use crate::ui::i18n::{self as t};
use crate::ui::setup::Row;
use crate::ui::theme::{self, Palette};

pub const COLOURS: L = L("Kleuren", "Colours");
pub const DARK: L = L("donker", "dark");
pub const LIGHT: L = L("licht", "light");

pub const FOLLOW_UP_OF: L = L("Vervolg op", "Follow-up of");
/// Where the log goes: the sessions folder, or the one file `--log` named.
pub const SESSIONS_FOLDER: L = L("Sessiemap", "Sessions folder");
pub const LOG_FILE: L = L("Logboek", "Log");

/// "sessie van 12-10-2026, ‘Sessie Laren - Huizen’ · 3 actiepunten": which session, and what
/// there is to follow up.
fn previous_text(previous: &crate::session::PreviousSession, lang: Lang) -> String {
    let (of, actions, one) = match lang {
        Lang::Nl => ("sessie van", "actiepunten", "actiepunt"),
        Lang::En => ("session of", "actions", "action"),
    };
    // A title of any length never pushes the form off the screen: at most a line of it.
    let title = previous
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| crate::ui::widgets::cut::cut(&clean(t), 60));
    let session = match (previous.date, title) {
        (Some(date), Some(title)) => format!("{of} {}, ‘{title}’", crate::session::show_date(date, lang)),
        (Some(date), None) => format!("{of} {}", crate::session::show_date(date, lang)),
        (None, _) => crate::ui::widgets::cut::cut(&clean(&previous.from), 60),
    };
    let n = previous.actions.len();
    clean(&format!("{session} · {n} {}", if n == 1 { one } else { actions })).into_owned()
}

pub fn render(cv: &ConsoleView, frame: &mut Frame, area: Rect) {
    let Some(form) = cv.setup else { return };
    let lang = cv.lang;
    let deck = cv.setup_deck;
    let label_width = 22usize;
    let mut lines: Vec<Line> =
        vec![Line::styled(deck.manifest.title.show(lang).into_owned(), theme::heading()), Line::default()];
    // A follow-up says so before anything is started: the form was filled in from that session.
    if let Some(previous) = cv.setup_follow_up {
        let label = format!("{:<label_width$}", FOLLOW_UP_OF.get(lang));
        let first = vec![Span::raw("  "), Span::styled(label, theme::dim())];
        let width = usize::from(area.width.saturating_sub(2));
        lines.extend(super::text::hanging(first, &previous_text(previous, lang), Style::new(), width));
        lines.push(Line::default());
    }
    let mut cursor: Option<(usize, u16)> = None;
    for (i, row) in form.rows().iter().enumerate() {
        let focused = i == form.focus;
        let style = if focused { theme::focus() } else { Style::new() };
        let marker = if focused { "▶ " } else { "  " };
        let (label, value): (String, String) = match row {
            Row::Title => (t::TITLE.get(lang).into(), form.title.text().into()),
            Row::Facilitator => (t::FACILITATOR.get(lang).into(), form.facilitator.text().into()),
            Row::Group(g) => {
                let (name, roles) = &form.groups[*g];
                let tags: Vec<&str> = roles.iter().map(|r| r.short(lang)).collect();
                let label = if *g == 0 { t::GROUPS.get(lang).to_string() } else { String::new() };
                let shown = if name.text().is_empty() && !focused { "…" } else { name.text() };
                (label, format!("{}. {shown}   [{}]", g + 1, tags.join(" ")))
            }
            Row::AddGroup => (String::new(), t::ADD_GROUP.get(lang).into()),
            Row::Agenda => {
                let agenda = deck.manifest.agendas.get(form.agenda);
                let text = agenda.map_or(String::new(), |a| {
                    let facts =
                        format!("({} {}, {} {})", a.minutes, t::MINUTES.get(lang), a.cards.len(), t::CARDS.get(lang));
                    // The title gives way, so the length, the count and ▶ always show.
                    let room =
                        usize::from(area.width.saturating_sub(2)).saturating_sub(2 + label_width + facts.width() + 5);
                    let title = a.title.show(lang);
                    let title: String = if title.width() > room {
                        let mut cut = String::new();
                        for c in title.chars() {
                            if cut.width() + c.to_string().width() + 1 > room {
                                break;
                            }
                            cut.push(c);
                        }
                        format!("{}…", cut.trim_end())
                    } else {
                        title.into_owned()
                    };
                    format!("◀ {title} {facts} ▶")
                });
                (t::AGENDA.get(lang).into(), text)
            }
            Row::Minutes => (t::LENGTH.get(lang).into(), form.minutes.text().into()),
            Row::Language => (
                t::LANGUAGE.get(lang).into(),
                if form.lang == Lang::Nl { "◀ Nederlands ▶".into() } else { "◀ English ▶".into() },
            ),
            Row::Colours => {
                let name = if form.palette == Palette::Dark { DARK } else { LIGHT };
                (COLOURS.get(lang).into(), format!("◀ {} ▶", name.get(lang)))
            }
            Row::Start => (String::new(), format!("[ {} ]", t::START.get(lang))),
        };
        if focused {
            let field = match row {
                Row::Title => Some(&form.title),
                Row::Facilitator => Some(&form.facilitator),
                Row::Minutes => Some(&form.minutes),
                Row::Group(g) => Some(&form.groups[*g].0),
                _ => None,
            };
            if let Some(f) = field {
                let prefix = if let Row::Group(g) = row { format!("{}. ", g + 1).len() } else { 0 };
                cursor = Some((lines.len(), (2 + label_width + prefix) as u16 + f.cursor_column()));
            }
        }
        lines.push(Line::from(vec![
            Span::raw(marker),
            Span::styled(format!("{label:<label_width$}"), theme::dim()),
            Span::styled(clean(&value).into_owned(), style),
        ]));
    }
    // Where the log will be: a facilitator who double-clicked the program must find it again.
    let (place, is_file) = cv.setup_log;
    let label = format!("{:<label_width$}", if is_file { LOG_FILE } else { SESSIONS_FOLDER }.get(lang));
    let first = vec![Span::raw("  "), Span::styled(label, theme::dim())];
    let width = usize::from(area.width.saturating_sub(2));
    lines.push(Line::default());
    lines.extend(super::text::hanging(first, &clean(&place.display().to_string()), theme::dim(), width));
    let block = Block::bordered().title(format!(" {} ", t::NEW_SESSION.get(lang)));
    let inner = block.inner(area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    if let Some((line, col)) = cursor
        && cv.overlay.is_none()
    {
        let y = inner.y + line as u16;
        let x = inner.x + col;
        if y < inner.bottom() && x < inner.right() {
            frame.set_cursor_position(Position { x, y });
        }
    }
}
