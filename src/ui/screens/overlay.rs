//! Overlays drawn on top of a screen: help, confirmations and the small forms.

use ratatui::Frame;
use ratatui::layout::{Alignment, Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use crate::scenario::{Role, clean};
use crate::session::{Clock, GroupId};
use crate::ui::app::{App, Overlay};
use crate::ui::i18n::{self as t};
use crate::ui::text_field::TextField;
use crate::ui::theme;

pub fn render<C: Clock + Clone>(app: &App<C>, frame: &mut Frame, body: Rect) {
    let Some(overlay) = &app.overlay else { return };
    let lang = app.lang;
    let group_name = |g: GroupId| app.session().map_or(String::new(), |s| clean(s.state().group_name(g)).into_owned());
    match overlay {
        Overlay::Help => {
            let lines: Vec<Line> = app
                .hints()
                .iter()
                .map(|h| {
                    Line::from(vec![
                        Span::styled(format!(" {:<14}", h.key), theme::heading()),
                        Span::raw(h.what.get(lang)),
                    ])
                })
                .collect();
            popup(frame, body, t::KEYS.get(lang), lines, None);
        }
        Overlay::ConfirmQuit => {
            popup(frame, body, "?", vec![Line::styled(t::QUIT_QUESTION.get(lang), theme::warn())], None)
        }
        Overlay::ConfirmEnd => {
            popup(frame, body, "?", vec![Line::styled(t::END_QUESTION.get(lang), theme::warn())], None)
        }
        Overlay::Note { about, text } => {
            let who = about.map_or(t::THE_ROOM.get(lang).to_string(), group_name);
            let lines = vec![
                Line::from(vec![
                    Span::styled(format!("{} (Tab): ", t::ABOUT.get(lang)), theme::dim()),
                    Span::styled(who, theme::heading()),
                ]),
                Line::default(),
                field_line(text, true),
            ];
            popup(frame, body, t::NOTE.get(lang), lines, Some((2, text)));
        }
        Overlay::Action { group, field, what, owner, due } => {
            let role = Role::ALL[*owner % Role::ALL.len()];
            let row = |i: usize, label: &str, value: Line<'static>| {
                let mut spans = vec![
                    Span::raw(if *field == i { "▶ " } else { "  " }),
                    Span::styled(format!("{label:<12}"), theme::dim()),
                ];
                spans.extend(value.spans);
                Line::from(spans)
            };
            let lines = vec![
                row(0, t::GROUP.get(lang), Line::raw(format!("◀ {} ▶", group_name(*group)))),
                row(1, t::WHAT.get(lang), field_line(what, *field == 1)),
                row(2, t::OWNER.get(lang), Line::raw(format!("◀ {} ▶", role.label(lang)))),
                row(3, t::DUE.get(lang), field_line(due, *field == 3)),
            ];
            let cursor = match field {
                1 => Some((1, what)),
                3 => Some((3, due)),
                _ => None,
            };
            popup(frame, body, t::ACTION.get(lang), lines, cursor);
        }
        Overlay::Rationale { group, text } => {
            let lines =
                vec![Line::styled(group_name(*group), theme::heading()), Line::default(), field_line(text, true)];
            popup(frame, body, t::RATIONALE.get(lang), lines, Some((2, text)));
        }
        Overlay::Dissent { group, roles } => {
            let mut lines = vec![Line::styled(group_name(*group), theme::heading()), Line::default()];
            lines.extend(role_toggles(roles, lang));
            popup(frame, body, t::DISSENTING_ROLES.get(lang), lines, None);
        }
        Overlay::Roles { group } => {
            let roles = match &app.mode {
                crate::ui::app::Mode::Setup(form) => form.groups.get(*group).map(|g| g.1.clone()).unwrap_or_default(),
                _ => Vec::new(),
            };
            popup(frame, body, t::ROLES.get(lang), role_toggles(&roles, lang), None);
        }
        Overlay::SaveAs { path } => {
            popup(frame, body, t::SAVE_AS.get(lang), vec![field_line(path, true)], Some((0, path)));
        }
    }
}

fn role_toggles(selected: &[Role], lang: crate::scenario::Lang) -> Vec<Line<'static>> {
    Role::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let on = selected.contains(r);
            Line::from(vec![
                Span::styled(format!(" {} ", i + 1), theme::key()),
                Span::raw(format!(" [{}] {}", if on { "x" } else { " " }, r.label(lang))),
            ])
        })
        .collect()
}

fn field_line(field: &TextField, focused: bool) -> Line<'static> {
    let style = if focused { Style::new().add_modifier(ratatui::style::Modifier::UNDERLINED) } else { Style::new() };
    Line::styled(format!("{} ", clean(field.text())), style)
}

/// A centred bordered box; `cursor` puts the terminal cursor in a text field on line `n`.
fn popup(frame: &mut Frame, body: Rect, title: &str, lines: Vec<Line>, cursor: Option<(usize, &TextField)>) {
    let width = body.width.saturating_sub(4).clamp(20, 76);
    let height = (lines.len() as u16 + 2).min(body.height);
    let area = Rect {
        x: body.x + (body.width.saturating_sub(width)) / 2,
        y: body.y + (body.height.saturating_sub(height)) / 3,
        width: width.min(body.width),
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(format!(" {title} ")).title_alignment(Alignment::Left);
    let inner = block.inner(area);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
    if let Some((line, field)) = cursor {
        let offset = if line == 1 || line == 3 { 14 } else { 0 };
        let x = inner.x + offset + field.cursor_column();
        let y = inner.y + line as u16;
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position(Position { x, y });
        }
    }
}
