//! The end screen: the debrief of the session at a glance, and where the log is.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use super::View;
use super::card::render_scores;
use super::one_line;
use super::text::{hanging, hanging_at};
use crate::scenario::clean;
use crate::session::Progress;
use crate::ui::i18n::{self as t};
use crate::ui::theme;

/// Where a wrapped answer goes on: under the answer, not under a long municipality name.
const ANSWER_INDENT: usize = 6;

pub fn render(view: &View, log_path: &str, frame: &mut Frame, area: Rect) {
    let (state, deck, lang) = (view.state, view.deck, view.lang);
    let chart_height = super::compare::table_height(view, area.width).min(area.height / 2);
    let [text_area, chart] = Layout::vertical([Constraint::Fill(1), Constraint::Length(chart_height)]).areas(area);
    // Long answers, actions and notes wrap under their own text, not under the group's name.
    let width = usize::from(text_area.width.saturating_sub(2));
    let mut lines: Vec<Line> = vec![Line::styled(t::ENDED.get(lang), theme::ok())];
    if !log_path.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", t::LOG.get(lang)), theme::heading()),
            Span::raw(log_path.to_string()),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(t::SUMMARY.get(lang).to_uppercase(), theme::heading()));
    let end = state.elapsed(view.now);
    for play in &state.plays {
        let Some(card) = deck.card(&play.card) else { continue };
        let mut head = vec![
            Span::styled(card.title.show(lang).into_owned(), theme::heading()),
            Span::styled(
                format!(
                    "  {} ({} {} {})",
                    super::time::duration_text(play.duration(end)),
                    super::time::PLANNED.get(lang),
                    state.card_minutes(card),
                    t::MINUTES.get(lang)
                ),
                theme::dim(),
            ),
        ];
        if play.is_for_some() {
            let who = format!("{} {}", super::card::FOLLOW_UP_FOR.get(lang), state.for_names(play));
            head.push(Span::styled(format!("  — {}", lowercase_first(&who)), theme::dim()));
        }
        if play.closed_unplayed() {
            head.push(Span::styled(format!("  — {}", t::CLOSED_UNPLAYED.get(lang)), theme::warn()));
        }
        lines.push(Line::from(head));
        // Answers never revealed stay off a screen the room may see.
        if play.closed_unplayed() {
            continue;
        }
        if let Some(why) = view.viewer.hidden_reason(play, view.lang) {
            lines.push(Line::styled(format!("    {why}"), theme::dim()));
            continue;
        }
        // A follow-up for some groups: those who looked on have no answer to show.
        for g in state.groups().filter(|g| play.takes_part(*g)) {
            let answer = play
                .choices
                .get(&g)
                .and_then(|c| {
                    let label = match (card.option(&c.option), c.outside()) {
                        (Some(o), _) => o.label.show(lang).into_owned(),
                        (None, Some(outside)) => outside.describe(&c.other, lang),
                        (None, None) => return None,
                    };
                    let why = if c.rationale.is_empty() {
                        String::new()
                    } else {
                        format!(" — “{}”", one_line(&c.rationale))
                    };
                    Some(format!("{label}{why}"))
                })
                // Revealed without this group's choice ("toch tonen"): said in words, not a dash.
                .unwrap_or_else(|| t::NO_CHOICE.get(lang).into());
            let first = vec![Span::raw(format!("    {}: ", clean(state.group_name(g))))];
            lines.extend(hanging_at(first, &answer, Style::new(), width, ANSWER_INDENT));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(t::ACTIONS.get(lang).to_uppercase(), theme::heading()));
    let same = crate::session::state::same_municipality;
    let carried = |g| carried_actions(state, g);
    let carried_from = |a: &crate::session::PreviousAction| carried_from(state, a, lang);
    let carried_text = |a: &crate::session::PreviousAction| carried_text(state, a, lang);
    // Municipalities of the earlier session that are not at this table keep their open actions
    // on the plan, as in the debrief.
    let away: Vec<(String, Vec<&crate::session::PreviousAction>)> = state
        .follow_up_groups()
        .into_iter()
        .filter(|(name, _)| !state.groups().any(|g| same(name, state.group_name(g))))
        .map(|(name, items)| {
            let open = items
                .iter()
                .filter_map(|i| state.follow_up.get(*i))
                .filter(|(_, status)| *status != Some(Progress::Done))
                .map(|(a, _)| a)
                .collect();
            (name, open)
        })
        .filter(|(_, open): &(String, Vec<_>)| !open.is_empty())
        .collect();
    if state.actions.is_empty() && state.groups().all(|g| carried(g).is_empty()) && away.is_empty() {
        lines.push(Line::styled(t::NO_ACTIONS.get(lang), theme::dim()));
    }
    for g in state.groups() {
        let mine: Vec<_> = state.actions.iter().filter(|a| a.group == g).collect();
        let earlier = carried(g);
        if mine.is_empty() && earlier.is_empty() {
            continue;
        }
        lines.push(Line::styled(clean(state.group_name(g)).into_owned(), theme::heading()));
        for a in earlier {
            lines.extend(hanging(vec![Span::raw("  □ ")], &carried_text(a), Style::new(), width));
        }
        for a in mine {
            let due = match (a.due_date, a.due.is_empty()) {
                (Some(date), _) => format!(" · {}", crate::session::show_date(date, lang)),
                (None, false) => format!(" · {}", one_line(&a.due)),
                (None, true) => String::new(),
            };
            // An open earlier action agreed again: the same action, marked as carried over.
            let again = state
                .follow_up
                .iter()
                .find(|(p, status)| {
                    *status != Some(Progress::Done) && same(&p.group, state.group_name(g)) && same(&p.what, &a.what)
                })
                .map_or(String::new(), |(p, _)| format!(" — {}", carried_from(p)));
            let text = format!("{} ({}{due}){again}", one_line(&a.what), a.owner.label(lang));
            lines.extend(hanging(vec![Span::raw("  □ ")], &text, Style::new(), width));
        }
    }
    for (name, open) in &away {
        lines.push(Line::styled(clean(name).into_owned(), theme::heading()));
        for a in open {
            lines.extend(hanging(vec![Span::raw("  □ ")], &carried_text(a), Style::new(), width));
        }
    }
    if !state.notes.is_empty() && view.viewer.shows_private() {
        lines.push(Line::default());
        lines.push(Line::styled(t::NOTES.get(lang).to_uppercase(), theme::heading()));
        for n in &state.notes {
            let about = n.about.map_or(t::THE_ROOM.get(lang).to_string(), |g| clean(state.group_name(g)).into_owned());
            lines.extend(hanging(vec![Span::raw(format!("  • [{about}] "))], &one_line(&n.text), Style::new(), width));
        }
    }
    let block = Block::bordered().title(format!(" {} ", t::DEBRIEF.get(lang)));
    // Paged on the console too: the page keys turn a page and stop at the last one.
    super::text::render_pages(view, lines, block, frame, text_area);
    render_scores(view, state, frame, chart);
}

/// An earlier session's actions for `group` not yet done and not agreed again now: they stay on
/// the plan (the end screen and the closing round list them).
pub fn carried_actions(
    state: &crate::session::State,
    group: crate::session::GroupId,
) -> Vec<&crate::session::PreviousAction> {
    let same = crate::session::state::same_municipality;
    state
        .follow_up
        .iter()
        .filter(|(a, status)| *status != Some(Progress::Done) && same(&a.group, state.group_name(group)))
        .map(|(a, _)| a)
        .filter(|a| !state.actions.iter().any(|b| b.group == group && same(&b.what, &a.what)))
        .collect()
}

/// "overgenomen van 12-10-2026": where a carried action comes from.
pub fn carried_from(
    state: &crate::session::State,
    a: &crate::session::PreviousAction,
    lang: crate::scenario::Lang,
) -> String {
    match a.since.or(state.follow_up_date) {
        Some(d) => format!("{} {}", t::CARRIED_FROM.get(lang), crate::session::show_date(d, lang)),
        None => t::CARRIED.get(lang).to_string(),
    }
}

/// A carried action as the follow-up screen shows it: what, who, by when; then where it came from.
pub fn carried_text(
    state: &crate::session::State,
    a: &crate::session::PreviousAction,
    lang: crate::scenario::Lang,
) -> String {
    let due = match crate::session::parse_due(&a.due) {
        Ok(Some(date)) => format!(" · {}", crate::session::show_date(date, lang)),
        _ if a.due.trim().is_empty() => String::new(),
        _ => format!(" · {}", one_line(&a.due)),
    };
    format!("{} ({}{due}) — {}", one_line(&a.what), a.owner.label(lang), carried_from(state, a, lang))
}

/// "vervolg voor Laren" after a dash in a sentence.
fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}
