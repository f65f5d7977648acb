//! The card screen: the briefing while groups discuss, and the comparison after the reveal.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

use super::View;
use super::one_line;
use super::{minute_text, score_bar};
use crate::scenario::{Card, Lang, clean};
use crate::session::{GroupId, Play, State};
use crate::ui::i18n::{self as t};
use crate::ui::theme;

/// Draws `play`: the briefing while answers are hidden, the comparison once they are shown.
pub fn render(view: &View, play: &Play, frame: &mut Frame, area: Rect) {
    let state = view.state;
    let Some(card) = view.deck.card(&play.card) else { return };
    let lang = view.lang;
    let [title, gauge, body] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    render_title(card, lang, frame, title);
    render_gauge(view, state, play, card, frame, gauge);
    if play.is_revealed() || view.reveal_all {
        render_compare(view, state, play, card, frame, body);
    } else {
        render_briefing(view, state, play, card, frame, body);
    }
}

fn render_title(card: &Card, lang: Lang, frame: &mut Frame, area: Rect) {
    let color = theme::theme_color(card.theme);
    let line = Line::from(vec![
        Span::styled(format!(" {} ", card.theme.label(lang)), theme::badge(color)),
        Span::styled(format!(" {}", card.title.show(lang)), theme::heading()),
    ]);
    frame.render_widget(line, area);
}

fn render_gauge(view: &View, state: &State, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let spent = play.duration(state.elapsed(view.now));
    let planned = f64::from(card.minutes.max(1)) * 60.0;
    let ratio = spent.num_seconds() as f64 / planned;
    let label = format!("{} / {} {}", minute_text(spent), card.minutes, t::MINUTES.get(view.lang));
    frame.render_widget(crate::ui::widgets::time_bar(&label, ratio, area.width), area);
}

fn section(title: &str) -> Line<'static> {
    Line::styled(title.to_uppercase(), theme::heading().add_modifier(Modifier::UNDERLINED))
}

fn render_briefing(view: &View, state: &State, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let side = (area.width / 3).clamp(24, 44);
    let [main, right] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(side)]).areas(area);
    let mut lines: Vec<Line> = vec![section(t::SITUATION.get(lang))];
    lines.extend(Text::from(card.situation.show(lang).into_owned()).lines);
    if !play.released.is_empty() {
        lines.push(Line::default());
        lines.push(section(t::DEVELOPMENTS.get(lang)));
        for (i, id) in play.released.iter().enumerate().rev() {
            let Some(inject) = card.inject(id) else { continue };
            let mut spans = Vec::new();
            if i >= view.seen_injects {
                spans.push(Span::styled(format!(" {} ", t::NEW.get(lang)), theme::new_item()));
                spans.push(Span::raw(" "));
            } else {
                spans.push(Span::raw("• "));
            }
            if let Some(label) = super::room::only_for_label(view, play, card, id) {
                spans.push(Span::styled(format!("{label} "), theme::warn()));
            }
            spans.push(Span::raw(inject.text.show(lang).replace('\n', " ")));
            lines.push(Line::from(spans));
        }
    }
    if !card.questions.is_empty() {
        lines.push(Line::default());
        lines.push(section(t::QUESTIONS.get(lang)));
        lines.extend(card.questions.iter().map(|q| Line::raw(format!("? {}", q.show(lang)))));
    }
    lines.push(Line::default());
    lines.push(section(t::OPTIONS.get(lang)));
    for (i, o) in card.options.iter().enumerate() {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", i + 1), theme::badge(theme::option_color(i))),
            Span::raw(format!(" {}", o.label.show(lang))),
        ]));
    }
    let para = Paragraph::new(lines).wrap(Wrap { trim: false }).scroll((view.scroll, 0));
    frame.render_widget(para, main.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 }));
    render_answers(view, state, play, card, frame, right);
}

fn render_answers(view: &View, state: &State, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let notes_height = if view.show_notes && !view.audience { area.height / 2 } else { 0 };
    let [answers, notes] = Layout::vertical([Constraint::Fill(1), Constraint::Length(notes_height)]).areas(area);
    let mut lines = Vec::new();
    for g in state.groups() {
        let answered = play.choices.get(&g);
        let focused = view.focus == Some(g.index());
        let marker = if focused { "▶ " } else { "  " };
        let name = clean(state.group_name(g)).into_owned();
        let name_style = if focused { theme::focus() } else { theme::heading() };
        lines.push(Line::from(vec![Span::raw(marker), Span::styled(name, name_style)]));
        let status = match answered {
            // The facilitator's own view: which option, how decided, who dissented.
            Some(choice) if view.private => {
                let index = card.options.iter().position(|o| o.id == choice.option).map_or(0, |i| i + 1);
                Span::styled(format!("    ✓ {}", choice_summary(index, choice, lang)), theme::ok())
            }
            Some(_) => Span::styled(format!("    ✓ {}", t::ANSWERED.get(lang)), theme::ok()),
            None => Span::styled(format!("    … {}", t::WAITING.get(lang)), theme::dim()),
        };
        lines.push(Line::from(status));
        if view.private {
            let rationale = answered.map(|c| c.rationale.as_str()).or_else(|| play.drafts.get(&g).map(String::as_str));
            if let Some(r) = rationale.filter(|r| !r.is_empty()) {
                lines.push(Line::styled(format!("    “{}”", one_line(r)), Style::new().add_modifier(Modifier::ITALIC)));
            }
        }
    }
    let done = play.choices.len();
    let title = format!(" {} {done}/{} ", t::ANSWERS.get(lang), state.setup.groups.len());
    let block = Block::bordered().title(title);
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }), answers);
    if view.show_notes && !view.audience {
        let mut text: Vec<Line> = Text::from(card.notes.show(lang).into_owned()).lines;
        if !card.references.is_empty() {
            text.push(Line::default());
            text.push(Line::styled(t::REFERENCES.get(lang), theme::heading()));
            text.extend(card.references.iter().map(|r| Line::raw(format!("• {}", r.show(lang)))));
        }
        let block =
            Block::bordered().title(format!(" {} ", t::FACILITATOR_NOTES.get(lang))).border_style(theme::secret());
        frame.render_widget(Paragraph::new(text).block(block).wrap(Wrap { trim: false }), notes);
    }
}

fn render_compare(view: &View, state: &State, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let lang = view.lang;
    let deck = view.deck;
    let groups: Vec<GroupId> = state.groups().collect();
    let chart_height = super::chart_height(deck.manifest.dimensions.len(), groups.len(), area.height);
    let notes_height = if view.show_notes && !view.audience { area.height / 4 } else { 0 };
    let [summary, columns, chart, notes] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(chart_height),
        Constraint::Length(notes_height),
    ])
    .areas(area);

    let chosen: Vec<_> = groups.iter().filter_map(|g| play.choices.get(g).map(|c| &c.option)).collect();
    let differ = chosen.windows(2).any(|w| w[0] != w[1]);
    let mut head = vec![if chosen.is_empty() {
        // Closed before anyone answered (seen in the review): nobody chose, so nobody agreed.
        Span::styled(t::NO_ANSWERS.get(lang), theme::warn())
    } else if differ {
        Span::styled(format!(" {} ", t::GROUPS_DIFFER.get(lang)), theme::new_item())
    } else if chosen.len() < groups.len() {
        Span::styled(t::NOT_ALL_ANSWERED.get(lang), theme::warn())
    } else {
        Span::styled(t::GROUPS_AGREE.get(lang), theme::ok())
    }];
    if let Some(order) = &play.revealed {
        let names: Vec<String> = order.iter().map(|g| clean(state.group_name(*g)).into_owned()).collect();
        head.push(Span::styled(format!("  {}: {}", t::SPEAKING_ORDER.get(lang), names.join(" → ")), theme::dim()));
    }
    frame.render_widget(Line::from(head), summary);

    let per_row = if columns.width / groups.len().max(1) as u16 >= 28 { groups.len() } else { 2.min(groups.len()) };
    let rows = groups.len().div_ceil(per_row.max(1));
    let row_areas = Layout::vertical(vec![Constraint::Fill(1); rows]).split(columns);
    for (r, row_area) in row_areas.iter().enumerate() {
        let slice = &groups[r * per_row..((r + 1) * per_row).min(groups.len())];
        let cols = Layout::horizontal(vec![Constraint::Fill(1); slice.len()]).split(*row_area);
        for (g, col) in slice.iter().zip(cols.iter()) {
            render_group_answer(view, state, play, card, *g, frame, *col);
        }
    }
    render_scores(view, state, frame, chart);
    if view.show_notes {
        let block =
            Block::bordered().title(format!(" {} ", t::FACILITATOR_NOTES.get(lang))).border_style(theme::secret());
        frame.render_widget(
            Paragraph::new(card.notes.show(lang).into_owned()).block(block).wrap(Wrap { trim: false }),
            notes,
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn render_group_answer(
    view: &View,
    state: &State,
    play: &Play,
    card: &Card,
    group: GroupId,
    frame: &mut Frame,
    area: Rect,
) {
    let lang = view.lang;
    let name = clean(state.group_name(group)).into_owned();
    let Some(choice) = play.choices.get(&group) else {
        frame.render_widget(Paragraph::new("-").block(Block::bordered().title(name)), area);
        return;
    };
    let index = card.options.iter().position(|o| o.id == choice.option).unwrap_or(0);
    let color = theme::option_color(index);
    let mut lines = Vec::new();
    if let Some(option) = card.option(&choice.option) {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", index + 1), theme::badge(color)),
            Span::styled(format!(" {}", option.label.show(lang)), theme::heading()),
        ]));
        // "Not recorded" with nobody dissenting says nothing to the room; leave it out.
        if choice.decision != crate::session::Decision::NotRecorded || !choice.dissent.is_empty() {
            lines.push(Line::styled(how_decided(choice, lang, false), theme::dim()));
        }
        if !choice.rationale.is_empty() {
            lines.push(Line::styled(
                format!("“{}”", one_line(&choice.rationale)),
                Style::new().add_modifier(Modifier::ITALIC),
            ));
        }
        lines.push(Line::default());
        lines.push(Line::styled(t::CONSEQUENCE.get(lang), theme::heading()));
        lines.extend(Text::from(option.consequence.show(lang).into_owned()).lines);
        if !option.effects.is_empty() {
            let effects: Vec<Span> = option
                .effects
                .iter()
                .map(|(dim, delta)| {
                    let label = view.deck.dimension(dim).map_or(dim.to_string(), |d| d.label.show(lang).into_owned());
                    let style = if *delta < 0 { theme::negative() } else { theme::positive() };
                    Span::styled(format!("{label} {delta:+}  "), style)
                })
                .collect();
            lines.push(Line::from(effects));
        }
    }
    let block = Block::bordered().title(Span::styled(format!(" {name} "), theme::heading()));
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((view.scroll, 0)), area);
}

/// Scores per dimension, one bar per group, so the room sees where the municipalities diverge.
pub fn render_scores(view: &View, state: &State, frame: &mut Frame, area: Rect) {
    if area.height < 3 {
        return;
    }
    let lang = view.lang;
    let deck = view.deck;
    let scores = match view.scores_after {
        Some(i) => state.scores_after(deck, i),
        None => state.scores(deck),
    };
    let max_abs = scores.iter().flat_map(|row| row.values()).map(|v| v.saturating_abs()).max().unwrap_or(1).max(1);
    let names: Vec<String> = state.groups().map(|g| clean(state.group_name(g)).into_owned()).collect();
    let name_width = names.iter().map(|n| n.width()).max().unwrap_or(4).min(22);
    let half = (area.width as usize).saturating_sub(name_width + 12) / 2;
    let half = half.clamp(2, 20);
    let mut lines = Vec::new();
    for dim in &deck.manifest.dimensions {
        lines.push(Line::styled(dim.label.show(lang).into_owned(), theme::heading()));
        for (g, name) in names.iter().enumerate() {
            let value = scores.get(g).and_then(|row| row.get(&dim.id)).copied().unwrap_or(0);
            let shown = fit_width(name, name_width);
            let pad = " ".repeat(name_width.saturating_sub(shown.width()));
            let mut spans = vec![Span::raw(format!("  {shown}{pad} "))];
            spans.extend(score_bar(value, max_abs, half));
            lines.push(Line::from(spans));
        }
    }
    let block = Block::bordered().title(format!(" {} ", t::SCORES.get(lang)));
    frame.render_widget(Paragraph::new(lines).block(block).scroll((0, 0)), area);
}

/// How a group decided, and who dissented: `meerderheid · afwijkende mening: CISO`.
/// `short` names the roles by their abbreviation, for narrow columns.
pub fn how_decided(choice: &crate::session::Choice, lang: Lang, short: bool) -> String {
    let mut how = choice.decision.label(lang).to_string();
    if !choice.dissent.is_empty() {
        let roles: Vec<&str> =
            choice.dissent.iter().map(|r| if short { r.short(lang) } else { r.label(lang) }).collect();
        how.push_str(&format!(" · {}: {}", t::DISSENT.get(lang), roles.join(", ")));
    }
    how
}

/// One group's answer for the facilitator's eyes: `2 · meerderheid · afwijkende mening: CISO`.
pub fn choice_summary(option: usize, choice: &crate::session::Choice, lang: Lang) -> String {
    format!("{option} · {}", how_decided(choice, lang, true))
}

/// `text` cut to at most `width` columns: wide characters count double, combining marks stay
/// with their letter (they take no column), so "L̶aren" is never cut after its accent.
pub fn fit_width(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out
}
