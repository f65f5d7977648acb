//! The agenda: what comes next, what was played, and whether the session will end on time.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::View;
use super::time;
use crate::scenario::text::L;
use crate::scenario::{Theme, clean};
use crate::ui::i18n::{self as t};
use crate::ui::model::AgendaRow;
use crate::ui::theme;
use crate::ui::widgets::cut::fit_spans;

/// A suggested follow-up not on the plan: what it would add and when the session would then end,
/// "+15 min → einde 12:20".
pub const IF_PLAYED: L = L("+{m} min → einde {t}", "+{m} min → ends {t}");

/// A card on the plan that a group's choice suggests earlier: it stays a card for every group.
pub const BROUGHT_FORWARD: L =
    L("naar voren: vervolg op de keuze van {}", "brought forward: follows up the choice of {}");

/// On the closing row once no card is left: the key that opens the closing screen.
pub const CLOSING_ROW: L = L("nu: {Agenda.Closing}", "now: {Agenda.Closing}");

/// Stands for a space the wrapping must not break at (one column wide, like the space).
const GLUE: &str = "\u{E000}";

pub fn render(view: &View, rows: &[AgendaRow], selected: usize, frame: &mut Frame, area: Rect) {
    let (state, deck, lang) = (view.state, view.deck, view.lang);
    // One clock for the rows and the Tempo panel: the closing row ends at the expected end, and
    // a follow-up moves that end by its minutes.
    let schedule = time::Schedule::new(state, deck, view.now, rows);
    let side = (area.width / 3).clamp(26, 40);
    let [main, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(area);

    let mut lines: Vec<Line> = Vec::new();
    let mut selected_line = 0usize;
    let (opening, closing) =
        deck.agenda(&state.setup.agenda).map_or((0, 0), |a| (i64::from(a.opening), i64::from(a.closing)));
    // Planned ends as times of day in a column before the titles, so they are never cut off.
    let at = |minute: i64| format!("→ {}  ", time::time_of_day_at(state, view.now, minute));
    lines.push(Line::styled(t::NEXT.get(lang).to_uppercase(), theme::heading()));
    // The opening and closing rounds are rows of the agenda, so every planned end adds up.
    if state.plays.is_empty() && opening > 0 {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled("◦ ", theme::dim()),
            Span::styled(format!("{:>3} {} ", opening, t::MINUTES.get(lang)), theme::dim()),
            Span::styled(at(schedule.start), theme::dim()),
            Span::raw(time::OPENING.get(lang)),
        ]));
    }
    for (i, row) in rows.iter().enumerate() {
        let Some(card) = deck.card(row.card()) else { continue };
        if i > 0 && matches!(row, AgendaRow::Planned { .. }) && matches!(rows[i - 1], AgendaRow::Suggested { .. }) {
            lines.push(Line::default());
            lines.push(Line::styled(t::PLANNED.get(lang).to_uppercase(), theme::heading()));
        }
        let is_selected = i == selected && view.viewer.shows_controls();
        if is_selected {
            selected_line = lines.len();
        }
        let color = theme::theme_color(card.theme);
        // The running clock follows the plan; a follow-up is an alternative, not an addition.
        let end = match schedule.ends.get(i).copied().flatten() {
            Some(minute) => at(minute),
            None => " ".repeat(at(schedule.end).width()),
        };
        // "+12 min → einde 15:50" is kept on one row when the row wraps.
        let mut unbroken: Option<String> = None;
        let mut spans = vec![
            Span::raw(if is_selected { "▶ " } else { "  " }),
            Span::styled("█ ", Style::new().fg(color)),
            Span::styled(format!("{:>3} {} ", state.card_minutes(card), t::MINUTES.get(lang)), theme::dim()),
            Span::styled(end, theme::dim()),
            Span::styled(card.title.show(lang).into_owned(), if is_selected { theme::focus() } else { Style::new() }),
        ];
        match row {
            // On the plan anyway: only earlier, for every group, because of someone's choice.
            AgendaRow::Suggested { groups, planned: true, .. } if !groups.is_empty() => {
                let names: Vec<String> = groups.iter().map(|g| clean(state.group_name(*g)).into_owned()).collect();
                spans.push(Span::styled(
                    format!("  ({})", BROUGHT_FORWARD.get(lang).replace("{}", &names.join(", "))),
                    theme::warn(),
                ));
            }
            AgendaRow::Suggested { groups, .. } if !groups.is_empty() => {
                let names: Vec<String> = groups.iter().map(|g| clean(state.group_name(*g)).into_owned()).collect();
                // A follow-up already further down the plan only comes earlier: it adds nothing.
                let cost = if time::counts_in_plan(state, row) {
                    String::new()
                } else {
                    let minutes = state.card_minutes(card);
                    let end = time::time_of_day_at(state, view.now, schedule.end_with(minutes));
                    let text = IF_PLAYED.get(lang).replace("{m}", &minutes.to_string()).replace("{t}", &end);
                    unbroken = Some(text.clone());
                    format!(" · {text}")
                };
                spans.push(Span::styled(
                    format!("  ({} {}{cost})", t::FOLLOW_UP_FOR.get(lang), names.join(", ")),
                    theme::warn(),
                ));
            }
            AgendaRow::Suggested { .. } => {
                spans.push(Span::styled(format!("  ({})", t::NEXT_ON_AGENDA.get(lang)), theme::dim()));
            }
            AgendaRow::Planned { .. } => {}
        }
        // Played in the session this one follows up on: the facilitator may prefer another.
        // One bracket for both remarks, so a wrapped row reads as one phrase.
        if state.played_before(row.card()) {
            let mark = t::PLAYED_BEFORE.get(lang);
            match spans.get_mut(5) {
                Some(last) if last.content.ends_with(')') => {
                    let text = last.content.trim_end_matches(')').to_string();
                    last.content = format!("{text} · {mark})").into();
                }
                _ => spans.push(Span::styled(format!("  ({mark})"), theme::dim())),
            }
        }
        // A long title is cut with "…" and never the planned end; what a suggestion is moves
        // to a row of its own under the title.
        let width = usize::from(main.width.saturating_sub(2));
        if spans.iter().map(Span::width).sum::<usize>() > width && spans.len() > 5 {
            let indent: usize = spans[..4].iter().map(Span::width).sum();
            let mut suffix: Vec<Span> = spans.split_off(5);
            if let Some(first) = suffix.first_mut() {
                first.content = first.content.trim_start().to_string().into();
            }
            lines.push(Line::from(fit_spans(spans, width, 4)));
            // Whom a follow-up is for is wrapped, never cut: the facilitator needs every name.
            let style = suffix.first().map(|s| s.style).unwrap_or_default();
            let mut text: String = suffix.iter().map(|s| s.content.as_ref()).collect();
            if let Some(unit) = &unbroken {
                text = text.replace(unit.as_str(), &unit.replace(' ', GLUE));
            }
            for row in crate::ui::widgets::wrap::wrap(&text, width.saturating_sub(indent)) {
                let row = row.replace(GLUE, " ");
                lines.push(Line::from(vec![Span::raw(" ".repeat(indent)), Span::styled(row, style)]));
            }
        } else {
            lines.push(Line::from(fit_spans(spans, width, 4)));
        }
    }
    if rows.is_empty() {
        lines.push(Line::styled(t::keyed(t::END_OF_AGENDA, lang), theme::warn()));
    }
    if closing > 0 {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled("◦ ", theme::dim()),
            Span::styled(format!("{:>3} {} ", closing, t::MINUTES.get(lang)), theme::dim()),
            Span::styled(at(schedule.end), theme::dim()),
            Span::raw(time::CLOSING.get(lang)),
            // Reached: the key that opens the closing screen, right on its row.
            Span::styled(
                if time::closing_reached(state, rows) {
                    format!("  ({})", t::keyed(CLOSING_ROW, lang))
                } else {
                    String::new()
                },
                theme::warn(),
            ),
        ]));
    }
    let row_width = usize::from(main.width.saturating_sub(2));
    let done: Vec<Line> = state
        .plays
        .iter()
        .filter_map(|p| deck.card(&p.card).map(|c| (p, c)))
        .map(|(p, c)| {
            // ✓ for a card the room saw answered; a card closed without its reveal (with or
            // without answers) is done but not played through, and says why after its title.
            let closed = p.closed_elapsed.is_some() && !p.is_revealed();
            let mut spans = vec![
                if closed { Span::styled("  – ", theme::dim()) } else { Span::styled("  ✓ ", theme::ok()) },
                Span::styled(format!("{:>6} ", time::duration_text(p.duration(state.elapsed(view.now)))), theme::dim()),
                Span::styled(c.title.show(lang).into_owned(), theme::dim()),
            ];
            if p.closed_unplayed() {
                spans.push(Span::styled(format!(" ({})", t::CLOSED_UNPLAYED.get(lang)), theme::dim()));
            } else if !p.is_revealed() && p.closed_elapsed.is_some() {
                let text = crate::session::room::CLOSED_UNREVEALED.get(lang);
                spans.push(Span::styled(format!(" ({text})"), theme::dim()));
            }
            // The title gives way with "…", so the mark at the end stays whole.
            Line::from(fit_spans(spans, row_width, 2))
        })
        .chain(state.skipped.iter().filter_map(|id| deck.card(id)).map(|c| {
            let spans = vec![
                Span::styled("  ✗ ", theme::dim()),
                Span::styled(
                    format!("{} ({})", c.title.show(lang), t::SKIPPED.get(lang)),
                    theme::dim().add_modifier(Modifier::CROSSED_OUT),
                ),
            ];
            Line::from(fit_spans(spans, row_width, 1))
        }))
        .collect();
    if !done.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("{} / {}", t::PLAYED.get(lang), t::SKIPPED.get(lang)).to_uppercase(),
            theme::heading(),
        ));
        lines.extend(done);
    }
    let visible = main.height.saturating_sub(2) as usize;
    let scroll = selected_line.saturating_sub(visible.saturating_sub(3)) as u16;
    let block = Block::bordered().title(format!(" {} ", t::AGENDA.get(lang)));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), main);
    render_pace(view, &schedule, frame, right);
}

fn render_pace(view: &View, schedule: &time::Schedule, frame: &mut Frame, area: Rect) {
    let (state, deck, lang) = (view.state, view.deck, view.lang);
    let pace = &schedule.pace;
    let over = pace.over();
    let mut lines = vec![
        Line::from(vec![
            Span::raw(format!("{} ", time::EXPECTED_END.get(lang))),
            Span::styled(time::time_of_day_at(state, view.now, schedule.end), theme::heading()),
        ]),
        Line::raw(format!("{} {}", time::TARGET_END.get(lang), time::time_of_day_at(state, view.now, pace.target))),
    ];
    lines.push(match over {
        o if o > 0 => Line::styled(format!("+{o} {}", t::BEHIND.get(lang)), theme::warn()),
        o if o < 0 => Line::styled(format!("{} {}", -o, t::AHEAD.get(lang)), theme::ok()),
        _ => Line::styled(t::ON_TIME.get(lang), theme::ok()),
    });
    if !pace.drop.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(format!("{} (D):", t::DROP_TO_FIT.get(lang)), theme::heading()));
        for id in &pace.drop {
            if let Some(c) = deck.card(id) {
                lines.push(Line::raw(format!(
                    "✗ {} ({} {})",
                    c.title.show(lang),
                    state.card_minutes(c),
                    t::MINUTES.get(lang)
                )));
            }
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(t::THEMES.get(lang), theme::heading()));
    for (i, theme_kind) in Theme::ALL.iter().enumerate() {
        let played = pace.played_per_theme[i];
        let planned = pace.planned_per_theme[i];
        lines.push(Line::from(vec![
            Span::styled("●".repeat(played), Style::new().fg(theme::theme_color(*theme_kind))),
            Span::styled("○".repeat(planned), Style::new().fg(theme::theme_color(*theme_kind))),
            Span::raw(format!(" {}", theme_kind.label(lang))),
        ]));
    }
    let actions = state.actions.len();
    let notes = state.notes.len();
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{}: {actions}   {}: {notes}", t::ACTIONS_SHORT.get(lang), t::NOTES.get(lang)),
        theme::dim(),
    ));
    let block = Block::bordered()
        .title(format!(" {} ", t::PACE.get(lang)))
        .border_style(Style::new().fg(if over > 0 { Color::Yellow } else { Color::Reset }));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), area);
}
