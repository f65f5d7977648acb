//! What the room may see. The audience screen (and the console's room view) share one rule: an
//! answer is public only once its card was revealed. That holds for the end page, the timelines
//! and the labels of conditional developments, which would otherwise tell the room who chose what.

use crate::scenario::text::L;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::scenario::{Card, InjectId, clean};
use crate::session::Play;

use super::View;
use crate::ui::i18n::CLOSED_UNPLAYED;

pub const CLOSED_UNREVEALED: L = L("gesloten zonder de antwoorden te tonen", "closed without showing the answers");
pub const FOR_THOSE_CONCERNED: L = L("voor wie het betreft", "for the groups concerned");

/// Whether the screen may be seen by the room: the audience screen always, the console unless
/// the facilitator switched to the private view.
pub fn room_safe(view: &View) -> bool {
    view.audience || !view.private
}

/// Whether the answers of `play` may be drawn: for the room only after the reveal, in the
/// facilitator's private view and in a review always.
pub fn answers_visible(view: &View, play: &Play) -> bool {
    !room_safe(view) || play.is_revealed() || view.reveal_all
}

/// Whether the card a conditional development depends on has been revealed (so the room has
/// already seen who chose the option the development is for).
fn condition_public(view: &View, card: &Card, inject: &InjectId) -> bool {
    let Some(cond) = card.inject(inject).and_then(|i| i.only_if.as_ref()) else {
        return true;
    };
    view.state.plays.iter().any(|p| p.card == cond.card && p.is_revealed())
}

/// The label of a conditional development: who it is for, or for the room before the card it
/// depends on was revealed, a phrase that names no one. `None` for a development for everyone.
pub fn only_for_label(view: &View, play: &Play, card: &Card, inject: &InjectId) -> Option<String> {
    card.inject(inject)?.only_if.as_ref()?;
    let lang = view.lang;
    if room_safe(view) && !view.reveal_all && !condition_public(view, card, inject) {
        return Some(format!("[{}]", FOR_THOSE_CONCERNED.get(lang)));
    }
    let state = view.state;
    let names: Vec<String> = state
        .inject_audience(view.deck, &play.card, inject)
        .iter()
        .map(|g| clean(state.group_name(*g)).into_owned())
        .collect();
    Some(format!("[{} {}]", crate::ui::i18n::ONLY_FOR.get(lang), names.join(", ")))
}

/// For a card whose answers the room may not see: why (closed without answers, or without the
/// reveal). `None` when the answers may be shown.
pub fn hidden_reason(view: &View, play: &Play) -> Option<&'static str> {
    if answers_visible(view, play) {
        None
    } else if play.choices.is_empty() {
        Some(CLOSED_UNPLAYED.get(view.lang))
    } else {
        Some(CLOSED_UNREVEALED.get(view.lang))
    }
}

/// How earlier sessions answered the card (`play --peers`), for the compare screen: public only
/// after the card's reveal, like the answers themselves, and only when the log holds an aggregate
/// large enough to share. One line, or two when the other options' shares do not fit beside it.
pub fn peer_lines(view: &View, play: &Play, card: &Card, width: usize) -> Vec<Line<'static>> {
    if !play.is_revealed() {
        return Vec::new();
    }
    let Some(peer) = view.state.peers_of(&play.card) else { return Vec::new() };
    let Some((head, rest)) = crate::peers::line(peer, card, view.lang) else { return Vec::new() };
    let mark = Span::styled(" ◆ ", crate::ui::theme::dim());
    let head = Span::styled(head, crate::ui::theme::heading());
    let used = mark.width() + head.width();
    if rest.is_empty() {
        return vec![Line::from(vec![mark, head])];
    }
    if used + rest.chars().count() <= width {
        return vec![Line::from(vec![mark, head, Span::raw(rest)])];
    }
    let rest = rest.trim_start_matches(" · ").to_string();
    let mut lines = vec![Line::from(vec![mark, head])];
    lines.extend(super::fit::hanging(vec![Span::raw("   ")], &rest, Style::new(), width));
    lines
}
