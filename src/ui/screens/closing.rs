//! The closing round ("Afsluiting"): per municipality its actions (what, owner, by when) and
//! the notes about it, then the session's objectives with their assessment and the findings,
//! on one list the facilitator walks with ↑ ↓ and corrects with Enter. Room-safe unless the
//! private view is on: the room sees only notes said to the whole room (the rule is
//! [`crate::ui::model::note_visible`], the same one that picks the selectable rows).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::View;
use super::one_line;
use super::text::hanging;
use crate::scenario::clean;
use crate::scenario::text::L;
use crate::session::{FindingKind, GroupId};
use crate::ui::i18n::{self as t};
use crate::ui::model::{ClosingItem, closing_items, note_visible};
use crate::ui::theme;

pub const TITLE: L = L("Afsluiting", "Closing round");
pub const INTRO: L = L(
    "{Closing.EditItem} wijzigt de gekozen actie of notitie of beoordeelt de doelstelling · {Closing.Finding} bevinding · {Closing.NewAction} actie · {Closing.Note} notitie · {Closing.WriteDebrief} verslag (HTML en Word)",
    "{Closing.EditItem} changes the selected action or note or assesses the objective · {Closing.Finding} finding · {Closing.NewAction} action · {Closing.Note} note · {Closing.WriteDebrief} debrief (HTML and Word)",
);
pub const PER_MUNICIPALITY: L = L("Acties en notities per gemeente", "Actions and notes per municipality");
pub const NOTHING_YET: L = L("nog geen acties of notities", "no actions or notes yet");
/// Room-safe: a municipality may have notes only the private view shows.
pub const NOTHING_FOR_ROOM: L = L("nog geen acties of notities voor de zaal", "no actions or notes for the room yet");
/// Room-safe: how an objective was assessed, and the findings, are the gespreksleider's and the
/// report's, never the projector's (a finding may name a municipality's weak point).
pub const ASSESSMENT_PRIVATE: L = L(
    "beoordeeld (te zien in de eigen weergave, {Closing.PrivateView})",
    "assessed (shown in the private view, {Closing.PrivateView})",
);
pub const HIDDEN_FINDINGS: L = L(
    "{n} bevinding(en) staan alleen in de eigen weergave ({Closing.PrivateView}).",
    "{n} finding(s) are only in the private view ({Closing.PrivateView}).",
);
pub const WHOLE_ROOM: L = L("De hele zaal", "The whole room");
pub const HIDDEN_NOTE: L = L(
    "1 notitie staat alleen in de eigen weergave ({Closing.PrivateView}).",
    "1 note is only in the private view ({Closing.PrivateView}).",
);
pub const HIDDEN_NOTES: L = L(
    "{n} notities staan alleen in de eigen weergave ({Closing.PrivateView}).",
    "{n} notes are only in the private view ({Closing.PrivateView}).",
);
pub const OBJECTIVES: L = L("Doelstellingen en bevindingen", "Objectives and findings");
/// Room-safe, where the findings are not shown.
pub const OBJECTIVES_ONLY: L = L("Doelstellingen van deze sessie", "This session's objectives");
pub const NOT_ASSESSED: L = L("nog niet beoordeeld", "not assessed yet");
pub const NO_OBJECTIVE: L = L("Zonder doelstelling", "Without an objective");
pub const NO_FINDINGS: L =
    L("Nog geen bevindingen ({Closing.Finding} legt er een vast).", "No findings yet ({Closing.Finding} records one).");
pub const NO_DATE: L = L("geen datum", "no date");
pub const MORE_BELOW: L = L("meer: ↓", "more: ↓");
/// `w` on the closing screen: the status line at once, before the files are there.
pub const DEBRIEF_WRITING: L = L(
    "Verslag wordt geschreven (HTML en Word, naast het logboek) …",
    "Writing the debrief (HTML and Word, beside the log) …",
);
/// `w` again while the debrief is being written.
pub const DEBRIEF_BUSY: L =
    L("Het verslag wordt nog geschreven; even geduld.", "The debrief is still being written; a moment please.");
/// `w` when nothing changed since the last debrief: where it is, no second copy.
pub const DEBRIEF_UNCHANGED: L =
    L("Niets gewijzigd sinds het laatste verslag; het staat in", "Nothing changed since the last debrief; it is in");
/// The room's screen when the actions and notes are more than it can show (no key scrolls it).
pub const MORE_ON_CONSOLE: L = L("meer op het scherm van de gespreksleider", "more on the facilitator's screen");

/// The section of the closing round a row is in, as the room's screen counts them: a
/// municipality by its number, then the notes about the whole room, then the objectives and
/// findings. The console logs it ([`crate::session::Paged::Closing`]) when its selection moves to
/// another section, so the room's screen shows what is being discussed.
pub fn section(state: &crate::session::State, item: &ClosingItem) -> u32 {
    let whole_room = state.setup.groups.len();
    let n = match item {
        ClosingItem::Action(i) => state.actions.get(*i).map_or(0, |a| a.group.index()),
        ClosingItem::Note(i) => state.notes.get(*i).and_then(|n| n.about).map_or(whole_room, |g| g.index()),
        ClosingItem::Objective(_) | ClosingItem::Finding(_) => whole_room + 1,
    };
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub fn render(view: &View, selected: usize, frame: &mut Frame, area: Rect) {
    let (state, deck, lang) = (view.state, view.deck, view.lang);
    let block = Block::bordered().title(format!(" {} ", TITLE.get(lang)));
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let items = closing_items(state, deck, view.viewer);
    let controls = view.viewer.shows_controls();
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_rows: Option<(usize, usize)> = None;
    // One selectable row: the marker, then the text wrapped under itself.
    let mut push_item = |lines: &mut Vec<Line<'static>>, item: ClosingItem, lead: &str, text: &str, style: Style| {
        let on = controls && items.iter().position(|i| *i == item) == Some(selected);
        let marker = if on { "▶ " } else { "  " };
        let first = vec![Span::raw(marker.to_string()), Span::styled(lead.to_string(), style)];
        let start = lines.len();
        lines.extend(hanging(first, text, if on { theme::focus() } else { style }, width));
        if on {
            selected_rows = Some((start, lines.len()));
        }
    };

    // The keys are the gespreksleider's: the room's own screen has none.
    if controls {
        for row in crate::ui::widgets::wrap::wrap(&t::keyed(INTRO, lang), width.max(1)) {
            lines.push(Line::styled(row, theme::dim()));
        }
        lines.push(Line::default());
    }
    lines.push(Line::styled(PER_MUNICIPALITY.get(lang).to_uppercase(), theme::heading()));
    let private = view.viewer.shows_private();
    // Said first, so it is not read as part of the last municipality's list.
    let hidden = state.notes.iter().filter(|n| !note_visible(n, view.viewer)).count();
    if hidden > 0 && controls {
        let text =
            t::keyed(if hidden == 1 { HIDDEN_NOTE } else { HIDDEN_NOTES }, lang).replace("{n}", &hidden.to_string());
        lines.extend(hanging(vec![Span::raw("  ")], &text, theme::dim(), width));
    }
    let note_line = |n: &crate::session::Note| {
        // The private view says who may read a note; the room only ever sees the room's.
        let readers =
            if view.viewer.shows_private() { format!("[{}] ", n.visibility.label(lang)) } else { String::new() };
        format!("{readers}{}", one_line(&n.text))
    };
    let groups: Vec<Option<GroupId>> = state.groups().map(Some).chain([None]).collect();
    // Where each section starts, for the room's screen to bring the one under discussion into view.
    let section_of = |g: GroupId| u32::try_from(g.index()).unwrap_or(u32::MAX);
    let whole_room = u32::try_from(state.setup.groups.len()).unwrap_or(u32::MAX);
    let mut sections: Vec<(u32, usize)> = Vec::new();
    for about in groups {
        let actions: Vec<usize> = match about {
            Some(g) => state.actions.iter().enumerate().filter(|(_, a)| a.group == g).map(|(i, _)| i).collect(),
            None => Vec::new(),
        };
        let notes: Vec<usize> = state
            .notes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.about == about && note_visible(n, view.viewer))
            .map(|(i, _)| i)
            .collect();
        // An earlier session's actions not yet done stay on the plan, as on the end screen; they
        // are not this session's to correct (their status was set on the follow-up screen).
        let carried = about.map(|g| super::end::carried_actions(state, g)).unwrap_or_default();
        let name = about.map_or_else(|| WHOLE_ROOM.get(lang).to_string(), |g| clean(state.group_name(g)).into_owned());
        if about.is_none() && notes.is_empty() {
            continue;
        }
        sections.push((about.map_or(whole_room, section_of), lines.len()));
        lines.push(Line::styled(name, theme::heading()));
        if actions.is_empty() && notes.is_empty() && carried.is_empty() {
            let nothing = if private { NOTHING_YET } else { NOTHING_FOR_ROOM };
            lines.push(Line::styled(format!("    {}", nothing.get(lang)), theme::dim()));
        }
        for a in carried {
            let text = super::end::carried_text(state, a, lang);
            lines.extend(hanging(vec![Span::raw("  □ ".to_string())], &text, theme::dim(), width));
        }
        for i in actions {
            let a = &state.actions[i];
            let due = match (a.due_date, a.due.trim().is_empty()) {
                (Some(date), _) => crate::session::show_date(date, lang),
                (None, false) => one_line(&a.due),
                (None, true) => NO_DATE.get(lang).to_string(),
            };
            let text = format!("{} — {} · {due}", one_line(&a.what), clean(a.owner.label(lang)));
            push_item(&mut lines, ClosingItem::Action(i), "□ ", &text, Style::new());
        }
        for i in notes {
            push_item(&mut lines, ClosingItem::Note(i), "• ", &note_line(&state.notes[i]), theme::dim());
        }
    }
    lines.push(Line::default());
    sections.push((whole_room + 1, lines.len()));
    let heading = if private { OBJECTIVES } else { OBJECTIVES_ONLY };
    lines.push(Line::styled(heading.get(lang).to_uppercase(), theme::heading()));
    let finding_line = |i: usize| {
        let f = &state.findings[i];
        let mut about: Vec<String> = Vec::new();
        if let Some(g) = f.group {
            about.push(clean(state.group_name(g)).into_owned());
        }
        if let Some(card) = f.card.as_ref().and_then(|c| deck.card(c)) {
            about.push(clean(&card.title.show(lang)).into_owned());
        }
        let about = if about.is_empty() { String::new() } else { format!(" ({})", about.join(" · ")) };
        (
            match f.kind {
                FindingKind::Strength => "+ ",
                FindingKind::Improvement => "− ",
            },
            format!("{}: {}{about}", f.kind.label(lang), one_line(&f.text)),
        )
    };
    let objectives = state.objectives(deck);
    for (n, o) in objectives.iter().enumerate() {
        let lead = format!("{}. ", n + 1);
        push_item(
            &mut lines,
            ClosingItem::Objective(o.id.clone()),
            &lead,
            &clean(&o.text.show(lang)),
            theme::heading(),
        );
        let (text, style) = match state.assessment(&o.id) {
            Some(_) if !private => (t::keyed(ASSESSMENT_PRIVATE, lang), theme::dim()),
            Some(a) if a.why.trim().is_empty() => (a.rating.label(lang).to_string(), theme::ok()),
            Some(a) => (format!("{}: {}", a.rating.label(lang), one_line(&a.why)), theme::ok()),
            None => (NOT_ASSESSED.get(lang).to_string(), theme::dim()),
        };
        // The room's own screen lists the objectives only.
        if controls || private {
            lines.extend(hanging(vec![Span::raw(" ".repeat(2 + lead.chars().count()))], &text, style, width));
        }
        if !private {
            continue;
        }
        for (i, _) in state.findings.iter().enumerate().filter(|(_, f)| f.objective.as_ref() == Some(&o.id)) {
            let (mark, text) = finding_line(i);
            push_item(&mut lines, ClosingItem::Finding(i), &format!("   {mark}"), &text, Style::new());
        }
    }
    let loose: Vec<usize> = state
        .findings
        .iter()
        .enumerate()
        .filter(|(_, f)| f.objective.as_ref().is_none_or(|id| !objectives.iter().any(|o| &o.id == id)))
        .map(|(i, _)| i)
        .collect();
    if !loose.is_empty() && private {
        lines.push(Line::styled(format!("  {}", NO_OBJECTIVE.get(lang)), theme::heading()));
        for i in loose {
            let (mark, text) = finding_line(i);
            push_item(&mut lines, ClosingItem::Finding(i), &format!("   {mark}"), &text, Style::new());
        }
    }
    if state.findings.is_empty() && controls {
        lines.extend(hanging(vec![Span::raw("  ")], &t::keyed(NO_FINDINGS, lang), theme::dim(), width));
    } else if !private && controls {
        let text = t::keyed(HIDDEN_FINDINGS, lang).replace("{n}", &state.findings.len().to_string());
        lines.extend(hanging(vec![Span::raw("  ")], &text, theme::dim(), width));
    }

    // The selected row's whole text in view, with a little of what comes after it.
    let visible = usize::from(inner.height);
    if !controls {
        // The room's screen has no cursor: it brings the section the gespreksleider's selection
        // is in into view (a municipality, the whole room, the objectives: `page_turned` in the
        // log), from the top when everything fits, and says when there is more than it shows.
        let want = state.closing_page;
        let start = match sections.iter().find(|(s, _)| *s >= want) {
            _ if want == 0 => 0,
            Some((_, line)) => *line,
            None => lines.len(),
        };
        // Near the end the view stops at the last line; it then starts at a section's heading
        // (never with a line whose municipality is scrolled away), even if that shows less below.
        let last = start.min(lines.len().saturating_sub(visible));
        let scroll = sections.iter().map(|(_, line)| *line).filter(|line| *line <= last).max().unwrap_or(last);
        let block = if lines.len() > visible {
            block.title_bottom(Line::styled(format!(" {} ", MORE_ON_CONSOLE.get(lang)), theme::dim()).right_aligned())
        } else {
            block
        };
        let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
        frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
        return;
    }
    let last_selected = items.len().checked_sub(1) == Some(selected);
    let scroll = match selected_rows {
        // On the last row, what follows it (the hints) comes into view too: nothing below is
        // out of reach.
        Some((start, _)) if last_selected => lines.len().saturating_sub(visible).min(start),
        Some((start, end)) if end + 1 > visible => (end + 1 - visible).min(start),
        _ => 0,
    };
    let block = if lines.len() > scroll + visible {
        block.title_bottom(Line::styled(format!(" {} ", MORE_BELOW.get(lang)), theme::key()).right_aligned())
    } else {
        block
    };
    let scroll = u16::try_from(scroll).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}
