//! The comparison after the reveal, grouped by option: each chosen option once, with its
//! consequence, its effect on the scores and the groups that chose it (how each decided, and why);
//! the options nobody chose one line each; then the scores as a table of groups by every
//! dimension of the deck. What does not fit is paged (see [`super::fit`]).

use std::collections::BTreeMap;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::View;
use super::text::{hanging, paged, section};
use crate::scenario::text::L;
use crate::scenario::{Card, DimensionId, clean};
use crate::session::{GroupId, Outside, Play, room};
use crate::ui::i18n::{self as t};
use crate::ui::theme;
use crate::ui::widgets::cut::{cut, fit};
use crate::ui::widgets::wrap::wrap;

pub const NOT_CHOSEN: L = L("Niet gekozen", "Not chosen");
pub const WHAT_OTHERS_DID: L = L("Wat andere gemeenten deden", "What other municipalities did");
pub const NO_ANSWER: L = L("Geen antwoord", "No answer");
/// In a score row: the group gave no answer (so no change).
pub const NO_ANSWER_SHORT: L = L("geen antwoord", "no answer");
/// Beside "Anders / combinatie" and "Geen keuze" on the compare screen.
pub const NOT_SCORED: L = L("telt niet in de scores", "not scored");
/// The words of a group that answered outside the options.
pub const OWN_ANSWER: L = L("Eigen antwoord", "Own answer");
pub const CHOSEN_BY: L = L("gekozen door", "chosen by");
pub const THIS_CARD_TOTAL: L = L("deze kaart → stand", "this card → total");
pub const GROUP: L = L("Groep", "Group");
/// A follow-up for some groups: the groups it was not for, that did not answer.
pub const LOOKED_ON: L = L("Keek mee", "Looked on");
pub const LOOKED_ON_MANY: L = L("Keken mee", "Looked on");
/// More groups were asked, and one answered.
pub const ONLY_ONE_ANSWERED: L = L("Alleen {} antwoordde.", "Only {} answered.");
/// A follow-up for one group, answered: nobody else was asked, so nothing is missing.
pub const FOLLOW_UP_FOR_ONE: L = L("Vervolg voor {}.", "Follow-up for {}.");
pub const THOSE_AGREE: L = L("Wie antwoordde koos hetzelfde.", "Those who answered chose the same.");

/// Draws the comparison of `play` into `area`.
pub fn render(view: &View, play: &Play, card: &Card, frame: &mut Frame, area: Rect) {
    let state = view.state;
    let notes_height = if view.viewer.shows_notes(view.show_notes) { area.height / 3 } else { 0 };
    let mut summary_lines = summary_lines(view, play, usize::from(area.width));
    let peers = peer_lines(view, play, card, usize::from(area.width));
    let summary_height = (summary_lines.len() as u16).min(3) + peers.len() as u16;
    summary_lines.truncate(3);
    summary_lines.extend(peers);
    let [summary, body, notes] =
        Layout::vertical([Constraint::Length(summary_height), Constraint::Fill(1), Constraint::Length(notes_height)])
            .areas(area);
    frame.render_widget(Paragraph::new(summary_lines), summary);

    let body = body.inner(ratatui::layout::Margin { horizontal: 1, vertical: 0 });
    let width = usize::from(body.width);
    let options = option_lines(view, play, card, width);
    // A group that chose an option has this card's change; one that chose none, gave its own
    // answer or did not answer has none (never "±0": it did not score nothing, it was not scored).
    let changes: Vec<Change> = state
        .groups()
        .map(|g| match play.choices.get(&g) {
            Some(c) => match (card.option(&c.option), c.outside()) {
                (Some(o), _) => Change::Scored(o.effects.iter().cloned().collect()),
                (None, Some(outside)) => Change::Unscored(outside.label(view.lang)),
                (None, None) => Change::Unscored(NO_ANSWER_SHORT.get(view.lang)),
            },
            None if play.expects(g) => Change::Unscored(NO_ANSWER_SHORT.get(view.lang)),
            None => Change::Unscored(""),
        })
        .collect();
    let table = score_table(view, Some(&changes), width);
    let height = usize::from(body.height);
    // The table stays on screen under the options when both leave room to read; else the
    // table is the last page.
    let lines = if options.len() + 1 + table.len() <= height {
        let mut all = options;
        all.push(Line::default());
        all.extend(table);
        all
    } else if height >= table.len() + 8 {
        let mut all = paged(view, options, height - table.len() - 1);
        all.push(Line::default());
        all.extend(table);
        all
    } else {
        let mut all = options;
        all.push(Line::default());
        all.extend(table);
        paged(view, all, height)
    };
    frame.render_widget(Paragraph::new(lines), body);

    if notes_height > 0 {
        super::text::render_notes(view, card, frame, notes);
    }
}

/// Whether the groups agree, and who speaks first (wrapped, never cut off).
fn summary_lines(view: &View, play: &Play, width: usize) -> Vec<Line<'static>> {
    let (state, lang) = (view.state, view.lang);
    let chosen: Vec<_> = state.groups().filter_map(|g| play.choices.get(&g).map(|c| &c.option)).collect();
    let differ = chosen.windows(2).any(|w| w[0] != w[1]);
    let mut head = vec![if chosen.is_empty() {
        // Closed before anyone answered (seen in the review): nobody chose, so nobody agreed.
        Span::styled(format!(" {}", t::NO_ANSWERS.get(lang)), theme::warn())
    } else if differ {
        Span::styled(format!(" {} ", t::GROUPS_DIFFER.get(lang)), theme::new_item())
    } else if chosen.len() == 1 && state.taking_part(play).len() > 1 {
        // Others were asked and did not answer: one group cannot "choose the same".
        let who =
            state.groups().find(|g| play.choices.contains_key(g)).map(|g| clean(state.group_name(g)).into_owned());
        Span::styled(format!(" {}", ONLY_ONE_ANSWERED.get(lang).replace("{}", &who.unwrap_or_default())), theme::warn())
    } else if chosen.len() < state.taking_part(play).len() {
        Span::styled(format!(" {}", t::NOT_ALL_ANSWERED.get(lang)), theme::warn())
    } else if play.is_for_some() && chosen.len() == 1 {
        // A follow-up for one group, and it answered: nobody to agree with, nobody missing.
        let who =
            state.groups().find(|g| play.choices.contains_key(g)).map(|g| clean(state.group_name(g)).into_owned());
        Span::styled(format!(" {}", FOLLOW_UP_FOR_ONE.get(lang).replace("{}", &who.unwrap_or_default())), theme::ok())
    } else if play.is_for_some() {
        // Not every group was asked: "all groups chose the same" would claim too much.
        Span::styled(format!(" {}", THOSE_AGREE.get(lang)), theme::ok())
    } else {
        Span::styled(format!(" {}", t::GROUPS_AGREE.get(lang)), theme::ok())
    }];
    // Who starts, when more than one group speaks.
    let Some(order) = play.revealed.as_ref().filter(|o| o.len() > 1) else { return vec![Line::from(head)] };
    let names: Vec<String> = order.iter().map(|g| clean(state.group_name(*g)).into_owned()).collect();
    let text = format!("{}: {}", t::SPEAKING_ORDER.get(lang), names.join(" → "));
    let head_width: usize = head.iter().map(Span::width).sum();
    if head_width + 2 + text.width() <= width {
        head.push(Span::raw("  "));
        head.push(Span::raw(text));
        return vec![Line::from(head)];
    }
    let mut lines = vec![Line::from(head)];
    lines.extend(hanging(vec![Span::raw(" ")], &text, Style::new(), width));
    lines
}

/// The chosen options, each once with its groups; then the options nobody chose.
fn option_lines(view: &View, play: &Play, card: &Card, width: usize) -> Vec<Line<'static>> {
    let (state, lang) = (view.state, view.lang);
    let mut lines = Vec::new();
    let mut unchosen = Vec::new();
    for (i, option) in card.options.iter().enumerate() {
        let groups: Vec<GroupId> =
            state.groups().filter(|g| play.choices.get(g).is_some_and(|c| c.option == option.id)).collect();
        let number = Span::styled(format!(" {} ", i + 1), theme::badge(theme::option_color(i)));
        if groups.is_empty() {
            unchosen.push((number, option.label.show(lang).into_owned()));
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(hanging(vec![number, Span::raw(" ")], &option.label.show(lang), theme::heading(), width));
        let indent = "    ";
        lines.extend(hanging(vec![Span::raw(indent)], &option.consequence.show(lang), Style::new(), width));
        if !option.effects.is_empty() {
            let mut spans = vec![Span::raw(indent)];
            // In the deck's order of dimensions, the order of the score table's columns.
            let mut effects: Vec<&(DimensionId, i32)> = option.effects.iter().collect();
            let order = |d: &DimensionId| view.deck.manifest.dimensions.iter().position(|x| &x.id == d);
            effects.sort_by_key(|(d, _)| order(d));
            for (n, (dim, delta)) in effects.into_iter().enumerate() {
                let label = view.deck.dimension(dim).map_or(dim.to_string(), |d| d.label.show(lang).into_owned());
                if n > 0 {
                    spans.push(Span::raw(" · "));
                }
                spans.push(Span::raw(format!("{label} ")));
                let style = if *delta < 0 { theme::negative() } else { theme::positive() };
                spans.push(Span::styled(format!("{delta:+}"), style.add_modifier(Modifier::BOLD)));
            }
            lines.extend(wrap_spans(spans, width, indent.len()));
        }
        for g in groups {
            lines.extend(group_lines(view, play, g, width));
        }
    }
    // Answers outside the options, each kind once with its groups: never scored, named as such.
    for outside in [Outside::Other, Outside::NoChoice] {
        let groups: Vec<GroupId> =
            state.groups().filter(|g| play.choices.get(g).is_some_and(|c| c.outside() == Some(outside))).collect();
        if groups.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        let head = format!("{} ({})", capitalised(outside.label(lang)), NOT_SCORED.get(lang));
        lines.extend(hanging(vec![Span::styled(" – ", theme::dim()), Span::raw(" ")], &head, theme::heading(), width));
        for g in groups {
            lines.extend(group_lines(view, play, g, width));
        }
    }
    if !unchosen.is_empty() {
        lines.push(Line::default());
        lines.push(section(NOT_CHOSEN.get(lang)));
        for (number, label) in unchosen {
            let rest = width.saturating_sub(number.width() + 1);
            lines.push(Line::from(vec![number, Span::raw(" "), Span::raw(cut(&label, rest))]));
        }
    }
    let silent: Vec<String> = state
        .groups()
        .filter(|g| play.expects(*g) && !play.choices.contains_key(g))
        .map(|g| clean(state.group_name(g)).into_owned())
        .collect();
    if !silent.is_empty() {
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", NO_ANSWER.get(lang)), theme::heading()),
            Span::raw(silent.join(", ")),
        ]));
    }
    // A follow-up not played for every group: who looked on.
    let watched: Vec<String> =
        state.groups().filter(|g| !play.takes_part(*g)).map(|g| clean(state.group_name(g)).into_owned()).collect();
    if !watched.is_empty() {
        let head = if watched.len() == 1 { LOOKED_ON } else { LOOKED_ON_MANY };
        lines.push(Line::from(vec![
            Span::styled(format!("{}: ", head.get(lang)), theme::heading()),
            Span::raw(watched.join(", ")),
        ]));
    }
    lines.extend(previous_lines(view, play, card, width));
    // After the choices, what real municipalities did: the peer lesson of the card (the room
    // sees it too; the source is in the reports and the proof copy).
    if !card.practices.is_empty() {
        lines.push(Line::default());
        lines.push(section(WHAT_OTHERS_DID.get(lang)));
        for p in &card.practices {
            let first = vec![Span::raw(" ▸ "), Span::styled(format!("{}: ", clean(&p.who)), theme::heading())];
            lines.extend(hanging(first, &clean(&p.text.show(lang)), Style::new(), width));
        }
    }
    lines
}

/// One group under its answer: how it decided (and, for "anders", what it chose), and why.
fn group_lines(view: &View, play: &Play, g: GroupId, width: usize) -> Vec<Line<'static>> {
    let (state, lang) = (view.state, view.lang);
    let indent = "    ";
    let mut lines = Vec::new();
    let Some(choice) = play.choices.get(&g) else { return lines };
    // "Not recorded" with nobody dissenting says nothing to the room; leave it out.
    let mut how = match choice.decision {
        crate::session::Decision::NotRecorded => String::new(),
        d => d.label(lang).to_string(),
    };
    if !choice.dissent.is_empty() {
        let roles: Vec<&str> = choice.dissent.iter().map(|r| r.label(lang)).collect();
        let sep = if how.is_empty() { "" } else { ", " };
        how.push_str(&format!("{sep}{}: {}", room::DISSENT.get(lang), roles.join(", ")));
    }
    // Who entered it is for the facilitator (private view, review), not the room.
    if view.viewer.shows_private() && choice.source == crate::session::Source::Device {
        let sep = if how.is_empty() { "" } else { ", " };
        how.push_str(&format!("{sep}{}", room::VIA_DEVICE.get(lang)));
    }
    let name = clean(state.group_name(g)).into_owned();
    let sep = if how.is_empty() { "" } else { " · " };
    let first = vec![Span::raw(format!("{indent}▸ ")), Span::styled(name, theme::heading()), Span::raw(sep)];
    lines.extend(hanging(first, &how, Style::new(), width));
    if choice.outside() == Some(Outside::Other) {
        let own = format!("{}: {}", OWN_ANSWER.get(lang), super::one_line(choice.other.trim()));
        lines.extend(hanging(vec![Span::raw(format!("{indent}  "))], &own, theme::heading(), width));
    }
    if !choice.rationale.trim().is_empty() {
        let why = format!("“{}”", super::one_line(choice.rationale.trim()));
        lines.extend(hanging(
            vec![Span::raw(format!("{indent}  "))],
            &why,
            Style::new().add_modifier(Modifier::ITALIC),
            width,
        ));
    }
    lines
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// Spans laid out over rows of `width`, breaking between spans; further rows indented.
fn wrap_spans(spans: Vec<Span<'static>>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let mut rows: Vec<Vec<Span>> = vec![Vec::new()];
    let mut used = 0;
    for span in spans {
        let w = span.width();
        if used + w > width && used > indent {
            rows.push(vec![Span::raw(" ".repeat(indent))]);
            used = indent;
            if span.content.trim() == "·" {
                continue;
            }
        }
        used += w;
        if let Some(row) = rows.last_mut() {
            row.push(span);
        }
    }
    rows.into_iter().map(Line::from).collect()
}

/// A group's change of score on the card being compared.
pub enum Change {
    /// It chose an option: that option's effects.
    Scored(BTreeMap<DimensionId, i32>),
    /// It chose none of the options ("geen keuze"), gave its own answer, did not answer, or
    /// looked on: not scored, and said so in its row.
    Unscored(&'static str),
}

/// The scores as a table: one row per group, one column per dimension of the deck, each cell
/// the running total and, with `changes`, this card's change (`+1 → 3`); a group not scored on
/// the card shows its totals and why ("geen keuze"), never "±0".
pub fn score_table(view: &View, changes: Option<&[Change]>, width: usize) -> Vec<Line<'static>> {
    let (state, deck, lang) = (view.state, view.deck, view.lang);
    let scores = match view.scores_after {
        Some(i) => state.scores_after(deck, i),
        None => state.scores(deck),
    };
    let dims = &deck.manifest.dimensions;
    let names: Vec<String> = state.groups().map(|g| clean(state.group_name(g)).into_owned()).collect();
    let cell = |g: usize, dim: &DimensionId| -> (Option<i32>, i32) {
        let total = scores.get(g).and_then(|row| row.get(dim)).copied().unwrap_or(0);
        let change = match changes.and_then(|c| c.get(g)) {
            Some(Change::Scored(row)) => Some(row.get(dim).copied().unwrap_or(0)),
            _ => None,
        };
        (change, total)
    };
    let cell_text = |(change, total): (Option<i32>, i32)| match change {
        Some(c) => format!("{} → {total}", signed(c)),
        None => format!("{total}"),
    };
    // Columns as wide as their widest cell; the rest of the width for the labels.
    let mut cell_width = 0;
    for g in 0..names.len() {
        for d in dims {
            cell_width = cell_width.max(cell_text(cell(g, &d.id)).width());
        }
    }
    let gap = 2;
    let name_width = names.iter().map(|n| n.width()).max().unwrap_or(5).max(GROUP.get(lang).width());
    let dims_n = dims.len().max(1);
    let min_col = cell_width.max(6);
    // The group column gets what it needs up to a third of the width; each dimension at least
    // its widest cell.
    let name_width = name_width.min((width / 3).max(8)).min(width.saturating_sub(dims_n * (min_col + gap)).max(6));
    // A rule after the names, so the figures never touch a name.
    let rule = " │";
    let col = (width.saturating_sub(name_width + rule.width()) / dims_n).saturating_sub(gap).max(min_col);

    let mut title = section(t::SCORES.get(lang));
    if changes.is_some() {
        title.spans.push(Span::styled(format!("  ({})", THIS_CARD_TOTAL.get(lang)), theme::dim()));
    }
    let mut lines = vec![title];
    // A name wider than its column takes a second row ("Continuity of / services") rather than
    // being cut; what still does not fit is cut with "…". Labels sit on the row above the figures.
    let labels: Vec<Vec<String>> = dims
        .iter()
        .map(|d| {
            let label = d.label.show(lang);
            // Only at spaces: a word broken in two reads worse than one cut with "…".
            if label.width() <= col || label.split_whitespace().any(|w| w.width() > col) {
                return vec![cut(&label, col)];
            }
            let rows = wrap(&label, col);
            match rows.as_slice() {
                [one] => vec![cut(one, col)],
                [first, rest @ ..] => vec![cut(first, col), cut(&rest.join(" "), col)],
                [] => vec![String::new()],
            }
        })
        .collect();
    let head_rows = labels.iter().map(Vec::len).max().unwrap_or(1);
    for r in 0..head_rows {
        let last = r + 1 == head_rows;
        let group = if last { GROUP.get(lang) } else { "" };
        let mut head = vec![Span::styled(fit(group, name_width), theme::dim()), Span::styled(rule, theme::dim())];
        for rows in &labels {
            head.push(Span::raw(" ".repeat(gap)));
            let offset = head_rows - rows.len();
            let label = r.checked_sub(offset).and_then(|i| rows.get(i)).map_or("", String::as_str);
            head.push(Span::styled(
                format!("{}{label}", " ".repeat(col.saturating_sub(label.width()))),
                theme::heading(),
            ));
        }
        lines.push(Line::from(head));
    }
    for (g, name) in names.iter().enumerate() {
        let mut row = vec![Span::styled(fit(name, name_width), theme::heading()), Span::styled(rule, theme::dim())];
        for d in dims {
            row.push(Span::raw(" ".repeat(gap)));
            let (change, total) = cell(g, &d.id);
            let text = cell_text((change, total));
            row.push(Span::raw(" ".repeat(col.saturating_sub(text.width()))));
            if let Some(c) = change {
                let style = match c {
                    c if c < 0 => theme::negative().add_modifier(Modifier::BOLD),
                    c if c > 0 => theme::positive().add_modifier(Modifier::BOLD),
                    _ => theme::dim(),
                };
                row.push(Span::styled(signed(c), style));
                row.push(Span::raw(" → "));
            }
            row.push(Span::styled(format!("{total}"), theme::heading()));
        }
        if let Some(Change::Unscored(why)) = changes.and_then(|c| c.get(g))
            && !why.is_empty()
        {
            row.push(Span::styled(format!("  ({why})"), theme::dim()));
        }
        lines.push(Line::from(row));
    }
    lines
}

/// Rows the score table takes: its title, the column heads and a row per group.
/// Rows the score table takes in an area `width` columns wide (drawn with a margin of one on
/// either side): a row more when a dimension's name needs two.
pub fn table_height(view: &View, width: u16) -> u16 {
    u16::try_from(score_table(view, None, usize::from(width.saturating_sub(2))).len()).unwrap_or(u16::MAX)
}

/// A change with its sign; no change as "±0".
fn signed(change: i32) -> String {
    if change == 0 { "±0".into() } else { format!("{change:+}") }
}

/// A card played in the session followed up on: each municipality's answer then beside the one
/// now ("Laren: vorige keer optie 1, nu optie 2"). Both answers were revealed (only revealed
/// answers are brought in), and nothing shows before this card's reveal in a room-safe view.
fn previous_lines(view: &View, play: &Play, card: &Card, width: usize) -> Vec<Line<'static>> {
    if !view.viewer.answers_visible(play) {
        return Vec::new();
    }
    let state = view.state;
    let number = |id: &crate::scenario::OptionId| card.options.iter().position(|o| &o.id == id).map(|i| i + 1);
    let parts: Vec<String> = state
        .groups()
        .filter_map(|g| {
            let before = number(state.previous_answer(g, &play.card)?)?;
            let now = number(&play.choices.get(&g)?.option)?;
            Some(format!("{}: {}", clean(state.group_name(g)), crate::debrief::words::compared(before, now, view.lang)))
        })
        .collect();
    if parts.is_empty() {
        return Vec::new();
    }
    hanging(vec![Span::styled("↺ ", theme::dim())], &parts.join(" · "), theme::dim(), width)
}

/// How earlier sessions answered the card (`play --peers`), for the compare screen: public only
/// after the card's reveal ([`room::peers_visible`]), like the answers themselves, and only when
/// the log holds an aggregate large enough to share. One line, or two when the other options'
/// shares do not fit beside it.
pub fn peer_lines(view: &View, play: &Play, card: &Card, width: usize) -> Vec<Line<'static>> {
    if !room::peers_visible(play) {
        return Vec::new();
    }
    let Some(peer) = view.state.peers_of(&play.card) else { return Vec::new() };
    let Some((head, rest)) = crate::peers::line(peer, card, view.lang) else { return Vec::new() };
    let mark = Span::styled(" ◆ ", theme::dim());
    let head = Span::styled(head, theme::heading());
    let used = mark.width() + head.width();
    if rest.is_empty() {
        return vec![Line::from(vec![mark, head])];
    }
    if used + rest.chars().count() <= width {
        return vec![Line::from(vec![mark, head, Span::raw(rest)])];
    }
    let rest = rest.trim_start_matches(" · ").to_string();
    let mut lines = vec![Line::from(vec![mark, head])];
    lines.extend(hanging(vec![Span::raw("   ")], &rest, Style::new(), width));
    lines
}
