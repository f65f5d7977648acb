//! Overlays drawn on top of a screen: help, confirmations, the small forms and choosers.

use ratatui::Frame;
use ratatui::layout::{Alignment, Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use unicode_width::UnicodeWidthStr;

use super::ConsoleView;
use crate::scenario::{Lang, Role, clean};
use crate::session::{Decision, GroupId};
use crate::ui::i18n::{self as t};
use crate::ui::intent::Intent;
use crate::ui::keymap::{self, Binding, Context};
use crate::ui::model::{Confirm, Overlay, picker_rows};
use crate::ui::text_field::TextField;
use crate::ui::theme;

/// The most rows a text field grows to before it scrolls.
const MAX_FIELD_ROWS: usize = 6;

pub fn render(cv: &ConsoleView, frame: &mut Frame, body: Rect) {
    let Some(overlay) = cv.overlay else { return };
    let lang = cv.lang;
    let state = cv.live.as_ref().map(|l| l.view.state);
    let group_name = |g: GroupId| state.map_or(String::new(), |s| clean(s.group_name(g)).into_owned());
    let width = popup_width(body);
    let inner_width = width.saturating_sub(2) as usize;
    match overlay {
        Overlay::Help => {
            let max_rows = usize::from(body.height.saturating_sub(2));
            let lines = help_lines(&cv.help, lang, inner_width, max_rows);
            let title = format!("{} · {}", t::KEYS.get(lang), cv.help_context.name().get(lang));
            popup(frame, body, &title, lines, None);
        }
        Overlay::Confirm(what) => {
            let (title, question) = confirm_text(cv, what);
            let mut lines = vec![Line::styled(question, theme::warn())];
            if let Confirm::Release(inject) = what {
                lines.extend(release_lines(cv, inject));
            }
            lines.push(Line::default());
            // The keys from the table, in the status bar's words ("ja"), with what yes does here.
            let context = if what.needs_enter() { Context::ConfirmEnter } else { Context::Confirm };
            let key = |intent| keymap::keys_for_hint(context, intent, lang).unwrap_or_default();
            let yes = match what {
                Confirm::Release(_) => format!("{}: {}", t::YES.get(lang), t::ENTER_RELEASE.get(lang)),
                Confirm::Undo(_) => format!("{}: {}", t::YES.get(lang), t::ENTER_UNDO.get(lang)),
                _ => t::YES.get(lang).to_string(),
            };
            lines.push(Line::from(vec![
                Span::styled(format!(" {} ", key(Intent::Yes)), theme::key()),
                Span::raw(format!(" {yes}   ")),
                Span::styled(format!(" {} ", key(Intent::No)), theme::key()),
                Span::raw(format!(" {}", t::NO.get(lang))),
            ]));
            popup(frame, body, &title, lines, None);
        }
        Overlay::Note { about, visibility: readers, field, text, edit } => {
            let who = about.map_or(t::THE_ROOM.get(lang).to_string(), group_name);
            let chooser = |i: usize, name: &str, value: String| {
                Line::from(vec![
                    Span::raw(if *field == i { "▶ " } else { "  " }),
                    Span::styled(format!("{name:<15}"), theme::dim()),
                    Span::styled(format!("◀ {value} ▶"), if *field == i { theme::focus() } else { theme::heading() }),
                ])
            };
            let mut lines = vec![
                chooser(0, t::ABOUT.get(lang), who),
                chooser(1, t::READERS.get(lang), readers.label(lang).to_string()),
                Line::styled(format!("  {}", readers.hint(lang)), theme::dim()),
                visibility(cv),
            ];
            let (rows, cursor) = text_box(text, inner_width, MAX_FIELD_ROWS);
            let cursor = cursor.filter(|_| *field == 2).map(|(r, c)| (r + lines.len(), c));
            lines.extend(rows);
            let title = if edit.is_some() { t::NOTE_EDIT.get(lang) } else { t::NOTE.get(lang) };
            popup(frame, body, title, lines, cursor);
        }
        Overlay::Action { group, field, what, owner, due, edit } => {
            let label = |i: usize, text: &str| {
                vec![
                    Span::raw(if *field == i { "▶ " } else { "  " }),
                    Span::styled(format!("{text:<12}"), theme::dim()),
                ]
            };
            let value_width = inner_width.saturating_sub(14);
            let mut lines = Vec::new();
            let mut cursor = None;
            let mut l = label(0, t::GROUP.get(lang));
            l.push(Span::raw(format!("◀ {} ▶", group_name(*group))));
            lines.push(Line::from(l));
            // "Wat" grows to three rows, so owner and date always stay in view (80x24 too).
            let (rows, at) = text_box(what, value_width, 3);
            for (i, row) in rows.into_iter().enumerate() {
                let mut l = if i == 0 { label(1, t::WHAT.get(lang)) } else { vec![Span::raw(" ".repeat(14))] };
                l.extend(row.spans);
                lines.push(Line::from(l));
            }
            if *field == 1 {
                cursor = at.map(|(r, c)| (1 + r, 14 + c));
            }
            // A role chosen with ← →, or any name typed: one short line between the arrows.
            let shown = crate::ui::widgets::cut::cut(owner.text(), value_width.saturating_sub(4));
            let mut l = label(2, t::OWNER.get(lang));
            l.push(Span::raw(format!("◀ {shown} ▶")));
            if *field == 2 {
                let column = usize::from(owner.cursor_column()).min(shown.width());
                cursor = Some((lines.len(), 16 + column));
            }
            lines.push(Line::from(l));
            let (rows, at) = text_box(due, value_width, 1);
            let mut l = label(3, t::DUE.get(lang));
            l.extend(rows.into_iter().next().map(|r| r.spans).unwrap_or_default());
            if *field == 3 {
                cursor = at.map(|(_, c)| (lines.len(), 14 + c));
            }
            lines.push(Line::from(l));
            lines.push(Line::styled(format!("{}{}", " ".repeat(14), crate::session::due_example(lang)), theme::dim()));
            // What other municipalities did on the card on screen: a starting point for "Wat".
            let card =
                cv.live.as_ref().and_then(|l| l.view.state.current_play().and_then(|p| l.view.deck.card(&p.card)));
            for p in card.map(|c| c.practices.as_slice()).unwrap_or_default().iter().take(2) {
                let text = format!("{}: {}", clean(&p.who), clean(&p.text.show(lang)));
                let head = format!("  {} ", t::PRACTICE_HINT.get(lang));
                let shown = crate::ui::widgets::cut::cut(&text, inner_width.saturating_sub(head.width()));
                lines.push(Line::styled(format!("{head}{shown}"), theme::dim()));
            }
            lines.push(visibility(cv));
            let title = if edit.is_some() { t::ACTION_EDIT.get(lang) } else { t::ACTION.get(lang) };
            popup(frame, body, title, lines, cursor);
        }
        Overlay::Rationale { group, text } => {
            let chosen = state.and_then(|s| s.current_play()).is_some_and(|p| p.choices.contains_key(group));
            let mut lines = vec![Line::styled(group_name(*group), theme::heading())];
            if !chosen {
                lines.push(Line::styled(t::NO_OPTION_YET.get(lang), theme::dim()));
            }
            lines.push(visibility(cv));
            let (field, cursor) = text_box(text, inner_width, MAX_FIELD_ROWS);
            let cursor = cursor.map(|(r, c)| (r + lines.len(), c));
            lines.extend(field);
            popup(frame, body, t::RATIONALE.get(lang), lines, cursor);
        }
        Overlay::Other { group, text } => {
            let mut lines = vec![Line::styled(group_name(*group), theme::heading())];
            lines.push(Line::styled(t::OTHER_HINT.get(lang), theme::dim()));
            lines.push(visibility(cv));
            let (field, cursor) = text_box(text, inner_width, MAX_FIELD_ROWS);
            let cursor = cursor.map(|(r, c)| (r + lines.len(), c));
            lines.extend(field);
            popup(frame, body, t::OTHER_TITLE.get(lang), lines, cursor);
        }
        Overlay::Development { text } => {
            let mut lines = vec![Line::styled(t::keyed(t::DEVELOPMENT_HINT, lang), theme::dim())];
            let (field, cursor) = text_box(text, inner_width, MAX_FIELD_ROWS);
            let cursor = cursor.map(|(r, c)| (r + lines.len(), c));
            lines.extend(field);
            popup(frame, body, t::DEVELOPMENT_TITLE.get(lang), lines, cursor);
        }
        Overlay::Decision { group, selected } => {
            let mut lines = vec![Line::styled(group_name(*group), theme::heading()), Line::default()];
            for (i, d) in Decision::ALL.iter().enumerate() {
                let on = i == *selected;
                lines.push(Line::from(vec![
                    Span::raw(if on { "▶ " } else { "  " }),
                    Span::styled(format!(" {} ", i + 1), theme::key()),
                    Span::styled(format!(" {}", d.label(lang)), if on { theme::focus() } else { Style::new() }),
                ]));
            }
            popup(frame, body, t::DECISION.get(lang), lines, None);
        }
        Overlay::Dissent { group, offered, roles } => {
            let mut lines = vec![Line::styled(group_name(*group), theme::heading()), Line::default()];
            lines.extend(role_toggles(offered, roles, lang));
            popup(frame, body, t::DISSENTING_ROLES.get(lang), lines, None);
        }
        Overlay::Roles { group } => {
            let (name, roles) = cv
                .setup
                .and_then(|form| form.groups.get(*group))
                .map(|g| (clean(g.0.text()).trim().to_string(), g.1.clone()))
                .unwrap_or_default();
            // Which municipality's delegation these roles are (a group not yet named by its number).
            let name = if name.is_empty() { format!("{} {}", t::GROUP_WORD.get(lang), group + 1) } else { name };
            let mut lines = vec![Line::styled(name, theme::heading()), Line::default()];
            lines.extend(role_toggles(&Role::ALL, &roles, lang));
            popup(frame, body, t::ROLES.get(lang), lines, None);
        }
        Overlay::SaveAs { path } => {
            let (field, cursor) = text_box(path, inner_width, 3);
            popup(frame, body, t::SAVE_AS.get(lang), field, cursor);
        }
        Overlay::OptionFirst { group, .. } => {
            let mut lines = vec![
                Line::styled(group_name(*group), theme::heading()),
                Line::styled(t::OPTION_FIRST.get(lang), theme::dim()),
                Line::default(),
            ];
            let card =
                cv.live.as_ref().and_then(|l| l.view.state.current_play().and_then(|p| l.view.deck.card(&p.card)));
            for (i, o) in card.map(|c| c.options.as_slice()).unwrap_or_default().iter().enumerate() {
                lines.push(Line::from(vec![
                    Span::styled(format!(" {} ", i + 1), theme::key()),
                    Span::raw(format!(" {}", o.label.show(lang))),
                ]));
            }
            popup(frame, body, t::CHOOSE_OPTION.get(lang), lines, None);
        }
        Overlay::Finding { kind, objective, group, card, field, text } => {
            let Some(live) = &cv.live else { return };
            let (state, deck) = (live.view.state, live.view.deck);
            let chooser = |i: usize, name: &str, value: &str| {
                Line::from(vec![
                    Span::raw(if *field == i { "▶ " } else { "  " }),
                    Span::styled(format!("{name:<14}"), theme::dim()),
                    Span::styled(format!("◀ {value} ▶"), if *field == i { theme::focus() } else { theme::heading() }),
                ])
            };
            // Long texts (an objective, a card's title) wrap under their label, never cut.
            let under =
                |text: &str| super::text::hanging(vec![Span::raw(" ".repeat(16))], text, theme::dim(), inner_width);
            let objectives = state.objectives(deck);
            let (which, objective_text) = match objectives.get(*objective) {
                Some(o) => (
                    format!("{} {} {}", objective + 1, t::OF.get(lang), objectives.len()),
                    clean(&o.text.show(lang)).into_owned(),
                ),
                None => (t::NO_OBJECTIVE.get(lang).to_string(), String::new()),
            };
            let who = group.map_or_else(|| t::NO_MUNICIPALITY.get(lang).to_string(), group_name);
            let mut lines = vec![
                chooser(0, t::FINDING_KIND.get(lang), kind.label(lang)),
                chooser(1, t::OBJECTIVE.get(lang), &which),
            ];
            if !objective_text.is_empty() {
                lines.extend(under(&objective_text));
            }
            lines.push(chooser(2, t::MUNICIPALITY.get(lang), &who));
            if let Some(c) = card.as_ref().and_then(|c| deck.card(c)) {
                let first = vec![Span::raw("  "), Span::styled(format!("{:<14}", t::CARD.get(lang)), theme::dim())];
                lines.extend(super::text::hanging(first, &clean(&c.title.show(lang)), theme::dim(), inner_width));
            }
            lines.push(Line::from(vec![
                Span::raw(if *field == 3 { "▶ " } else { "  " }),
                Span::styled(t::FINDING_TEXT.get(lang), theme::dim()),
            ]));
            let (rows, cursor) = text_box(text, inner_width, MAX_FIELD_ROWS);
            let cursor = cursor.filter(|_| *field == 3).map(|(r, c)| (r + lines.len(), c));
            lines.extend(rows);
            lines.push(visibility(cv));
            popup(frame, body, t::FINDING.get(lang), lines, cursor);
        }
        Overlay::Assess { objective, rating, field, why } => {
            let Some(live) = &cv.live else { return };
            let deck = live.view.deck;
            let text = deck
                .manifest
                .objectives
                .iter()
                .find(|o| &o.id == objective)
                .map_or_else(|| objective.to_string(), |o| clean(&o.text.show(lang)).into_owned());
            let mut lines = super::text::hanging(vec![Span::raw("  ")], &text, theme::heading(), inner_width);
            let value = crate::session::Rating::ALL.get(*rating).map_or("", |r| r.label(lang));
            lines.push(Line::from(vec![
                Span::raw(if *field == 0 { "▶ " } else { "  " }),
                Span::styled(format!("{:<14}", t::RATING.get(lang)), theme::dim()),
                Span::styled(format!("◀ {value} ▶"), if *field == 0 { theme::focus() } else { theme::heading() }),
            ]));
            lines.push(Line::from(vec![
                Span::raw(if *field == 1 { "▶ " } else { "  " }),
                Span::styled(t::WHY.get(lang), theme::dim()),
            ]));
            let (rows, cursor) = text_box(why, inner_width, 3);
            let cursor = cursor.filter(|_| *field == 1).map(|(r, c)| (r + lines.len(), c));
            lines.extend(rows);
            lines.push(visibility(cv));
            popup(frame, body, t::ASSESS.get(lang), lines, cursor);
        }
        Overlay::Picker { theme: filter, selected } => {
            let Some(live) = &cv.live else { return };
            let (state, deck) = (live.view.state, live.view.deck);
            let shown = filter.map_or(t::ALL_THEMES.get(lang).to_string(), |th| th.label(lang).to_string());
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{} (← →): ", t::THEME.get(lang)), theme::dim()),
                Span::styled(format!("◀ {shown} ▶"), theme::heading()),
            ])];
            lines.push(Line::default());
            let rows = picker_rows(state, deck, *filter);
            if rows.is_empty() {
                lines.push(Line::styled(t::NO_CARDS_LEFT.get(lang), theme::dim()));
            }
            let visible = (body.height as usize).saturating_sub(6).max(3);
            let first = selected.saturating_sub(visible.saturating_sub(1));
            for (i, id) in rows.iter().enumerate().skip(first).take(visible) {
                let Some(card) = deck.card(id) else { continue };
                let on = i == *selected;
                let mut spans = vec![
                    Span::raw(if on { "▶ " } else { "  " }),
                    Span::styled("█ ", Style::new().fg(theme::theme_color(card.theme))),
                    Span::styled(format!("{:>3} {} ", state.card_minutes(card), t::MINUTES.get(lang)), theme::dim()),
                    Span::styled(card.title.show(lang).into_owned(), if on { theme::focus() } else { Style::new() }),
                ];
                if state.skipped.contains(id) {
                    spans.push(Span::styled(format!("  ({})", t::SKIPPED.get(lang)), theme::dim()));
                }
                if state.played_before(id) {
                    spans.push(Span::styled(format!("  ({})", t::PLAYED_BEFORE.get(lang)), theme::dim()));
                }
                lines.push(Line::from(spans));
            }
            popup(frame, body, t::ADD_CARD.get(lang), lines, None);
        }
    }
}

/// The help list: one column when it fits, else two, labels wrapped by word in their column,
/// so every key of the screen shows (80x24 included).
fn help_lines(help: &[Binding], lang: Lang, width: usize, max_rows: usize) -> Vec<Line<'static>> {
    let key_width = help.iter().map(|b| b.shown(lang).width()).max().unwrap_or(4) + 2;
    let one_column = help.len() <= max_rows;
    let column = if one_column { width } else { width / 2 };
    let label_width = column.saturating_sub(key_width + 1).max(8);
    let entries: Vec<Vec<(String, String)>> = help
        .iter()
        .map(|b| {
            let rows = wrap_words(b.what.get(lang), label_width);
            rows.into_iter()
                .enumerate()
                .map(|(i, r)| (if i == 0 { format!(" {}", b.shown(lang)) } else { String::new() }, r))
                .collect()
        })
        .collect();
    let cell = |(key, label): &(String, String)| {
        vec![Span::styled(format!("{key:<key_width$}"), theme::heading()), Span::raw(format!("{label:<label_width$} "))]
    };
    if one_column {
        return entries.iter().flatten().map(|c| Line::from(cell(c))).collect();
    }
    let total: usize = entries.iter().map(Vec::len).sum();
    let mut left: Vec<(String, String)> = Vec::new();
    let mut right: Vec<(String, String)> = Vec::new();
    for entry in entries {
        if left.len() + entry.len() <= total.div_ceil(2) && right.is_empty() {
            left.extend(entry);
        } else {
            right.extend(entry);
        }
    }
    (0..left.len().max(right.len()))
        .map(|i| {
            let mut spans = left.get(i).map(cell).unwrap_or_else(|| vec![Span::raw(" ".repeat(column))]);
            if let Some(c) = right.get(i) {
                spans.extend(cell(c));
            }
            Line::from(spans)
        })
        .collect()
}

/// Words of `text` in rows of at most `width` columns (a longer word gets a row of its own).
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let mut rows = vec![String::new()];
    for word in text.split_whitespace() {
        let last = rows.last_mut().map_or(0, |r| r.width());
        if last > 0 && last + 1 + word.width() > width {
            rows.push(word.to_string());
        } else if let Some(r) = rows.last_mut() {
            if !r.is_empty() {
                r.push(' ');
            }
            r.push_str(word);
        }
    }
    rows
}

/// The box title and question of a confirmation.
fn confirm_text(cv: &ConsoleView, what: &Confirm) -> (String, String) {
    let lang = cv.lang;
    let title_of = |id: &crate::scenario::CardId| {
        cv.live.as_ref().and_then(|l| l.view.deck.card(id)).map_or(id.to_string(), |c| c.title.show(lang).into_owned())
    };
    match what {
        Confirm::Quit if cv.live.as_ref().is_some_and(|l| l.view.state.is_ended()) => {
            (t::QUIT_TITLE.get(lang).into(), t::QUIT_ENDED.get(lang).into())
        }
        Confirm::Quit if cv.live.is_some() => (t::QUIT_TITLE.get(lang).into(), t::QUIT_QUESTION.get(lang).into()),
        Confirm::Quit => (t::QUIT_TITLE.get(lang).into(), t::QUIT_SETUP_QUESTION.get(lang).into()),
        Confirm::End => (t::END_TITLE.get(lang).into(), t::keyed(t::END_QUESTION, lang)),
        Confirm::Close => (t::CLOSE_TITLE.get(lang).into(), t::CLOSE_QUESTION.get(lang).into()),
        Confirm::Skip(card) => (t::SKIP_TITLE.get(lang).into(), {
            let title = clean(&title_of(card)).into_owned();
            match lang {
                Lang::Nl => format!("{} „{title}” {}", t::CARD.get(lang), t::keyed(t::SKIP_QUESTION, lang)),
                // English asks first: "Skip the card “…”? …".
                Lang::En => format!("Skip the card “{title}”? {}", t::keyed(t::SKIP_QUESTION, lang)),
            }
        }),
        Confirm::Release(_) => (t::RELEASE_TITLE.get(lang).into(), t::RELEASE_QUESTION.get(lang).into()),
        Confirm::Undo(undo) => (
            t::UNDO_TITLE.get(lang).into(),
            cv.live
                .as_ref()
                .map(|l| crate::ui::model::describe_undo(undo, l.view.state, l.view.deck, lang, false))
                .unwrap_or_default(),
        ),
        Confirm::RevealMissing(groups) => {
            let names: Vec<String> = groups
                .iter()
                .map(|g| cv.live.as_ref().map_or(String::new(), |l| clean(l.view.state.group_name(*g)).into_owned()))
                .collect();
            let question = match (lang, names.len()) {
                (Lang::Nl, 1) => format!("{} heeft niet gekozen — toch tonen?", names.join("")),
                (Lang::Nl, _) => format!("{} hebben niet gekozen — toch tonen?", and_list(&names, "en")),
                (Lang::En, 1) => format!("{} has not chosen — reveal anyway?", names.join("")),
                (Lang::En, _) => format!("{} have not chosen — reveal anyway?", and_list(&names, "and")),
            };
            (t::REVEAL_MISSING_TITLE.get(lang).into(), question)
        }
        Confirm::PrivateView => (t::PRIVATE_TITLE.get(lang).into(), t::PRIVATE_QUESTION.get(lang).into()),
        Confirm::Drop(cards) => {
            let titles: Vec<String> = cards.iter().map(|c| clean(&title_of(c)).into_owned()).collect();
            (
                t::DROP_TITLE.get(lang).into(),
                format!("{}: {}. {}", t::DROP_QUESTION.get(lang), titles.join(", "), t::keyed(t::CAN_PUT_BACK, lang)),
            )
        }
    }
}

/// "Laren, Huizen en Blaricum".
fn and_list(names: &[String], and: &str) -> String {
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// The development as the room will read it, and who sees it when not everyone does.
fn release_lines(cv: &ConsoleView, inject: &crate::scenario::InjectId) -> Vec<Line<'static>> {
    let lang = cv.lang;
    let Some(live) = cv.live.as_ref() else { return Vec::new() };
    let state = live.view.state;
    let Some(play) = state.current_play() else { return Vec::new() };
    let Some(text) = live.view.deck.card(&play.card).and_then(|c| c.inject(inject)) else { return Vec::new() };
    // On a room-safe screen the room may be reading along: the text waits for Enter.
    let shown = if cv.private {
        let text = clean(text.text.get(lang)).into_owned();
        if lang == Lang::Nl { format!("„{text}”") } else { format!("“{text}”") }
    } else {
        t::keyed(t::RELEASE_HIDDEN, lang).to_string()
    };
    let mut lines = vec![Line::default(), Line::styled(shown, theme::heading())];
    let audience = state.inject_audience(live.view.deck, &play.card, inject);
    if audience.len() < state.setup.groups.len() {
        let names: Vec<String> = audience.iter().map(|g| clean(state.group_name(*g)).into_owned()).collect();
        lines.push(Line::styled(format!("{}: {}", t::RELEASE_ONLY_FOR.get(lang), names.join(", ")), theme::dim()));
    }
    lines
}

/// Where what is typed will be seen: room-safe mode says the room can read it.
fn visibility(cv: &ConsoleView) -> Line<'static> {
    if cv.private {
        Line::styled(t::VISIBLE_PRIVATE.get(cv.lang), theme::dim())
    } else {
        Line::styled(t::VISIBLE_TO_ROOM.get(cv.lang), theme::warn())
    }
}

fn role_toggles(offered: &[Role], selected: &[Role], lang: Lang) -> Vec<Line<'static>> {
    offered
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

/// A text field soft-wrapped to `width`, at most `max_rows` high, scrolled so the cursor shows;
/// with the cursor's (row, column) in the returned lines.
fn text_box(field: &TextField, width: usize, max_rows: usize) -> (Vec<Line<'static>>, Option<(usize, usize)>) {
    let width = width.max(4);
    let (mut rows, (row, col)) = field.wrapped(width.saturating_sub(1));
    if row >= rows.len() {
        rows.push(String::new());
    }
    let max_rows = max_rows.max(1);
    let first = (row + 1).saturating_sub(max_rows);
    let style = Style::new().add_modifier(Modifier::UNDERLINED);
    let lines = rows
        .iter()
        .skip(first)
        .take(max_rows)
        .map(|r| {
            let text = clean(r).into_owned();
            let pad = width.saturating_sub(unicode_width::UnicodeWidthStr::width(text.as_str()));
            Line::styled(format!("{text}{}", " ".repeat(pad)), style)
        })
        .collect();
    (lines, Some((row - first, col)))
}

/// 76 columns, centred; on a screen too narrow for a clear margin on both sides (80 columns) the
/// whole width, so no word or border of the screen below shows beside the box as if it were part
/// of it.
fn popup_width(body: Rect) -> u16 {
    const WIDTH: u16 = 76;
    if body.width < WIDTH + 8 { body.width } else { WIDTH }
}

/// A centred bordered box; `cursor` puts the terminal cursor at (line, column) inside it.
fn popup(frame: &mut Frame, body: Rect, title: &str, lines: Vec<Line>, cursor: Option<(usize, usize)>) {
    let width = popup_width(body);
    let inner_width = usize::from(width.saturating_sub(2)).max(1);
    // Long lines wrap: count the rows they take, so the last line is never cut off.
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner_width).max(1)).sum();
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX).min(body.height);
    let area = Rect {
        x: body.x + (body.width.saturating_sub(width)) / 2,
        y: body.y + (body.height.saturating_sub(height)) / 3,
        width,
        height,
    };
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(format!(" {title} ")).title_alignment(Alignment::Left);
    let inner = block.inner(area);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), area);
    if let Some((line, col)) = cursor {
        let x = inner.x.saturating_add(u16::try_from(col).unwrap_or(u16::MAX));
        let y = inner.y.saturating_add(u16::try_from(line).unwrap_or(u16::MAX));
        if x < inner.right() && y < inner.bottom() {
            frame.set_cursor_position(Position { x, y });
        }
    }
}
