//! The card briefing made to fit: the title, the options and a newly released development are
//! always on screen, down to 80x24. The situation, the questions and older developments give way
//! first: when they do not fit they are paged, with a visible "1/2". The console turns them with
//! its page keys, and the room's screen shows the page the console is on (see
//! `screens::text::page_of`). The answers panel shrinks to one line per group, or to a one-line strip.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::View;
use super::text::{hanging, paged, render_notes, section};
use crate::scenario::{Card, Lang, clean};
use crate::session::Play;
use crate::ui::i18n::{self as t};
use crate::ui::theme;
use crate::ui::widgets::cut::cut;
use crate::ui::widgets::wrap::wrap;

/// Below this width the answers become a one-line strip under the card, not a side panel.
const SIDE_PANEL_MIN_WIDTH: u16 = 100;

/// The card's theme badge and title, wrapped; as many rows as the title needs.
pub fn title_lines(card: &Card, lang: Lang, width: u16) -> Vec<Line<'static>> {
    let badge = Span::styled(format!(" {} ", card.theme.label(lang)), theme::badge(theme::theme_color(card.theme)));
    let first = vec![badge, Span::raw(" ")];
    hanging(first, &card.title.show(lang), theme::heading(), usize::from(width))
}

/// The options with their numbers as badges; wrapped rows under the text.
pub fn option_lines(card: &Card, lang: Lang, width: usize) -> Vec<Line<'static>> {
    let mut lines = vec![section(t::OPTIONS.get(lang))];
    for (i, o) in card.options.iter().enumerate() {
        let number = Span::styled(format!(" {} ", i + 1), theme::badge(theme::option_color(i)));
        lines.extend(hanging(vec![number, Span::raw(" ")], &o.label.show(lang), Style::new(), width));
    }
    lines
}

fn development_lines(view: &View, play: &Play, card: &Card, index: usize, width: usize) -> Vec<Line<'static>> {
    let lang = view.lang;
    let Some(id) = play.released.get(index) else { return Vec::new() };
    let Some(inject) = view.state.inject(view.deck, &play.card, id) else { return Vec::new() };
    let mut first = Vec::new();
    if index >= view.seen_injects {
        first.push(Span::styled(format!(" {} ", t::NEW.get(lang)), theme::new_item()));
        first.push(Span::raw(" "));
    } else {
        first.push(Span::raw("• "));
    }
    let mut lines = Vec::new();
    if let Some(label) = view.viewer.only_for_label(view.state, view.deck, play, card, id, lang) {
        // The label on its own row when it would leave too little room for the text beside it.
        let label_width = label.width() + 1;
        if label_width + 30 <= width {
            first.push(Span::styled(label, theme::warn()));
            first.push(Span::raw(" "));
        } else {
            let mut row = first.clone();
            row.push(Span::styled(cut(&label, width.saturating_sub(4)), theme::warn()));
            lines.push(Line::from(row));
            first = vec![Span::raw("  ")];
        }
    }
    lines.extend(hanging(first, &inject.text.show(lang).replace('\n', " "), Style::new(), width));
    lines
}

/// The briefing while groups discuss: what they must read, and who has answered.
pub fn render_briefing(view: &View, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let notes = view.viewer.shows_notes(view.show_notes);
    // The facilitator's private view shows each group's answer, which needs the side panel.
    let private = view.viewer.shows_private();
    let side = notes || private || area.width >= SIDE_PANEL_MIN_WIDTH;
    let (main, panel) = if side {
        let names = view.state.groups().map(|g| clean(view.state.group_name(g)).width()).max().unwrap_or(8);
        let width = if notes { (area.width / 3).clamp(28, 44) } else { (names as u16 + 17).clamp(28, 40) };
        let [main, panel] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(width)]).areas(area);
        (main, panel)
    } else {
        let [main, panel] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
        (main, panel)
    };
    let main = main.inner(Margin { horizontal: 1, vertical: 0 });
    frame.render_widget(Paragraph::new(briefing_lines(view, play, card, main)), main);
    if side {
        render_answers_panel(view, play, card, frame, panel);
    } else {
        frame.render_widget(answers_strip(view, play, panel.width), panel);
    }
}

/// The rows of the briefing's main column for `area`: the context (situation, questions, older
/// developments) paged above what must always show (new developments and the options).
fn briefing_lines(view: &View, play: &Play, card: &Card, area: Rect) -> Vec<Line<'static>> {
    let lang = view.lang;
    let width = usize::from(area.width);
    let height = usize::from(area.height);
    let mut context: Vec<Line> = vec![section(t::SITUATION.get(lang))];
    context.extend(wrap(&card.situation.show(lang), width).into_iter().map(Line::raw));
    if !card.questions.is_empty() {
        context.push(Line::default());
        context.push(section(t::QUESTIONS.get(lang)));
        for q in &card.questions {
            context.extend(hanging(vec![Span::raw("? ")], &q.show(lang), Style::new(), width));
        }
    }
    let first_new = view.seen_injects.min(play.released.len());
    if first_new > 0 {
        context.push(Line::default());
        context.push(section(t::DEVELOPMENTS.get(lang)));
        for i in 0..first_new {
            context.extend(development_lines(view, play, card, i, width));
        }
    }
    let mut must: Vec<Line> = Vec::new();
    if first_new < play.released.len() {
        if first_new == 0 {
            must.push(section(t::DEVELOPMENTS.get(lang)));
        }
        for i in first_new..play.released.len() {
            must.extend(development_lines(view, play, card, i, width));
        }
        must.push(Line::default());
    }
    must.extend(option_lines(card, lang, width));

    if context.len() + 1 + must.len() <= height {
        context.push(Line::default());
        context.extend(must);
        return context;
    }
    let room = height.saturating_sub(must.len() + 1);
    if room >= 3 {
        let mut out = paged(view, context, room);
        out.push(Line::default());
        out.extend(must);
        out
    } else {
        // Not even the options fit beside a page of context: page everything.
        context.push(Line::default());
        context.extend(must);
        paged(view, context, height)
    }
}

fn answer_mark(answered: bool) -> (Span<'static>, Style) {
    if answered {
        (Span::styled("✓ ", theme::ok()), theme::ok())
    } else {
        (Span::styled("… ", theme::dim()), theme::dim())
    }
}

/// One line per group: answered or still thinking; the facilitator's focus marked.
fn render_answers_panel(view: &View, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let (state, lang) = (view.state, view.lang);
    let notes = view.viewer.shows_notes(view.show_notes);
    let groups = state.setup.groups.len() as u16;
    let private = view.viewer.shows_private();
    let inner = usize::from(area.width.saturating_sub(3));
    let mut lines = Vec::new();
    for g in state.groups() {
        let focused = view.focus == Some(g.index()) && view.viewer.shows_controls();
        if private {
            lines.extend(private_answer(view, play, card, g, focused, inner));
            continue;
        }
        let answered = play.choices.contains_key(&g);
        let (mark, style, word) = if play.takes_part(g) {
            let (mark, style) = answer_mark(answered);
            (mark, style, if answered { t::ANSWERED.get(lang) } else { t::WAITING.get(lang) })
        } else {
            // A follow-up not for this group: it looks on, and is not waited for.
            (Span::styled("· ", theme::dim()), theme::dim(), t::WATCHES.get(lang))
        };
        let status_width = word.width() + 2;
        let name_width = inner.saturating_sub(status_width + 1);
        let name = crate::ui::widgets::cut::fit(&clean(state.group_name(g)), name_width);
        lines.push(Line::from(vec![
            Span::raw(if focused { "▶" } else { " " }),
            Span::styled(name, if focused { theme::focus() } else { theme::heading() }),
            Span::raw(" "),
            mark,
            Span::styled(word, style),
        ]));
    }
    // With the notes open the answers keep what they need (up to two thirds), the notes the rest;
    // what is still to come shows when the notes are closed.
    if private && !notes {
        let rows = usize::from(area.height.saturating_sub(2)).saturating_sub(lines.len());
        lines.extend(pending_lines(view, play, card, inner, rows));
    }
    let needed = u16::try_from(lines.len()).unwrap_or(u16::MAX).saturating_add(2).max(groups + 2);
    let answers_height = if notes { needed.min(area.height * 2 / 3) } else { area.height };
    let [answers, notes_area] = Layout::vertical([Constraint::Length(answers_height), Constraint::Fill(1)]).areas(area);
    let title = format!(" {} {} ", t::ANSWERS.get(lang), answer_count(view, play));
    frame.render_widget(Paragraph::new(lines).block(Block::bordered().title(title)), answers);
    if notes {
        render_notes(view, card, frame, notes_area);
    }
}

/// "2/3": the answers so far of the groups taking part (every group, or for a follow-up the
/// groups it is for and any other that answered anyway).
fn answer_count(view: &View, play: &Play) -> String {
    format!("{}/{}", play.choices.len(), view.state.taking_part(play).len())
}

/// The answers on one line: every group with its mark when they fit, else the count and the
/// groups still thinking.
fn answers_strip(view: &View, play: &Play, width: u16) -> Line<'static> {
    let (state, lang) = (view.state, view.lang);
    let width = usize::from(width);
    let head = format!("{} {}:", t::ANSWERS.get(lang), answer_count(view, play));
    let mut spans = vec![Span::styled(head.clone(), theme::heading())];
    for g in state.groups() {
        let focused = view.focus == Some(g.index()) && view.viewer.shows_controls();
        // A follow-up's onlookers are left out, unless the gespreksleider selected one.
        if !play.takes_part(g) && !focused {
            continue;
        }
        let (mark, style) = answer_mark(play.choices.contains_key(&g));
        spans.push(Span::raw(if focused { " ▶ " } else { "  " }));
        spans.push(mark);
        spans.push(Span::styled(clean(state.group_name(g)).into_owned(), if focused { theme::focus() } else { style }));
    }
    if spans.iter().map(Span::width).sum::<usize>() <= width {
        return Line::from(spans);
    }
    let waiting: Vec<String> = state
        .groups()
        .filter(|g| play.expects(*g) && !play.choices.contains_key(g))
        .map(|g| clean(state.group_name(g)).into_owned())
        .collect();
    let head = head.trim_end_matches(':').to_string();
    let mut spans = vec![Span::styled(head.clone(), theme::heading())];
    let mut used = head.width();
    if let Some(f) = view.focus.filter(|_| view.viewer.shows_controls()).and_then(|i| state.groups().nth(i)) {
        // The selected group whole when it leaves room for the count; a name is cut only when
        // the line could hold nothing else.
        let whole = clean(state.group_name(f)).into_owned();
        let name = if whole.width() + 3 <= width / 2 { whole } else { cut(&whole, 16) };
        used += name.width() + 3;
        spans.insert(0, Span::raw(" "));
        spans.insert(0, Span::styled(name, theme::focus()));
        spans.insert(0, Span::raw("▶"));
    }
    if !waiting.is_empty() {
        // Whole names while they fit, then how many more ("+2"): a name is never cut here.
        let room = width.saturating_sub(used);
        let mut rest = format!(" · … {}:", t::WAITING.get(lang));
        for (i, name) in waiting.iter().enumerate() {
            let sep = if i == 0 { " " } else { ", " };
            let with = format!("{rest}{sep}{name}");
            // Room for this name and, if others follow, for the count of the rest.
            let after = waiting.len() - i - 1;
            let reserve = if after > 0 { format!(" +{after}").width() } else { 0 };
            if with.width() + reserve > room {
                rest.push_str(&format!(" +{}", waiting.len() - i));
                break;
            }
            rest = with;
        }
        spans.push(Span::styled(cut(&rest, room), theme::dim()));
    }
    Line::from(spans)
}

/// the rationale (or the draft being typed).
fn private_answer(
    view: &View,
    play: &Play,
    card: &Card,
    g: crate::session::GroupId,
    focused: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let (state, lang) = (view.state, view.lang);
    let name = cut(&clean(state.group_name(g)), width.saturating_sub(1));
    let mut lines = vec![Line::from(vec![
        Span::raw(if focused { "▶" } else { " " }),
        Span::styled(name, if focused { theme::focus() } else { theme::heading() }),
    ])];
    let answered = play.choices.get(&g);
    // In full, wrapped: the gespreksleider reads the answer, dissent and rationale back before
    // the reveal.
    match answered {
        Some(choice) => {
            let index = card.options.iter().position(|o| o.id == choice.option).map(|i| i + 1);
            let summary = crate::session::room::choice_summary(index, choice, lang);
            lines.extend(hanging(vec![Span::styled("  ✓ ", theme::ok())], &summary, theme::ok(), width));
        }
        None if !play.expects(g) => lines.push(Line::styled(format!("  · {}", t::WATCHES.get(lang)), theme::dim())),
        None => lines.push(Line::styled(format!("  … {}", t::WAITING.get(lang)), theme::dim())),
    }
    let rationale = answered.map(|c| c.rationale.as_str()).or_else(|| play.drafts.get(&g).map(String::as_str));
    if let Some(r) = rationale.filter(|r| !r.is_empty()) {
        let why = format!("“{}”", super::one_line(r));
        lines.extend(hanging(vec![Span::raw("    ")], &why, Style::new().add_modifier(Modifier::ITALIC), width));
    }
    lines
}

/// For the gespreksleider in the private view: the developments still to come on this card and
/// when ("3:00", or "i" for the ones released by hand), so nothing surprises the one leading.
/// In `rows`: wrapped in full when they fit, else a line each (cut with "…"), and what does not
/// fit even so is counted ("+2 meer"), never silently cut off at the bottom.
fn pending_lines(view: &View, play: &Play, card: &Card, width: usize, rows: usize) -> Vec<Line<'static>> {
    let lang = view.lang;
    let pending: Vec<_> = card
        .injects
        .iter()
        .filter(|i| !play.released.contains(&i.id) && !play.withdrawn.contains(&i.id))
        .filter(|i| !view.state.inject_audience(view.deck, &play.card, &i.id).is_empty())
        .collect();
    if pending.is_empty() {
        return Vec::new();
    }
    let head = vec![Line::default(), section(t::COMING_UP.get(lang))];
    let items: Vec<(String, String)> = pending
        .iter()
        .map(|inject| {
            let when = match inject.at {
                crate::scenario::Release::Minute(m) => format!("{m}:00 "),
                crate::scenario::Release::Facilitator => "i ".to_string(),
            };
            (when, inject.text.show(lang).replace('\n', " "))
        })
        .collect();
    let full: Vec<Line<'static>> = items
        .iter()
        .flat_map(|(when, text)| hanging(vec![Span::styled(when.clone(), theme::key())], text, theme::dim(), width))
        .collect();
    let room = rows.saturating_sub(head.len());
    if full.len() <= room {
        return head.into_iter().chain(full).collect();
    }
    if room == 0 {
        return Vec::new();
    }
    // One line each; the last row says how many more when not all fit.
    let shown = if items.len() <= room { items.len() } else { room - 1 };
    let mut lines = head;
    for (when, text) in &items[..shown] {
        let rest = cut(text, width.saturating_sub(when.width()));
        lines.push(Line::from(vec![Span::styled(when.clone(), theme::key()), Span::styled(rest, theme::dim())]));
    }
    if shown < items.len() {
        lines.push(Line::styled(format!("+{} {}", items.len() - shown, t::MORE.get(lang)), theme::dim()));
    }
    lines
}
