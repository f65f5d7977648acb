//! How earlier sessions answered each card, counted while the series reader folds their logs
//! one at a time: the counters behind `play --peers` ([`crate::peers`]). Only counters are
//! kept: per card, the sessions that revealed answers to it, the distinct municipalities among
//! them and the answers per option. A municipality counts once per session per card; the session
//! being played and second copies of a log are left out by the session's identity.

use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::scenario::{CardId, Deck, OptionId};
use crate::session::{PeerCard, State};

/// A session's identity: a digest of its first event (start time, seed, title, groups), the same
/// in every copy of its log and different for every other session.
pub type SessionKey = u64;

/// The identity of the session in `state` (see [`SessionKey`]).
pub fn session_key(state: &State) -> SessionKey {
    let mut h = DefaultHasher::new();
    state.started_at.hash(&mut h);
    state.setup.seed.hash(&mut h);
    state.setup.title.hash(&mut h);
    for g in &state.setup.groups {
        g.name.hash(&mut h);
    }
    h.finish()
}

#[derive(Debug, Default)]
struct CardTally {
    sessions: u32,
    municipalities: HashSet<u32>,
    /// The same municipalities by a stricter reading of their names ([`strict_name`]): the
    /// threshold counts the smaller of the two, so spellings never make one town look like two.
    strict: HashSet<String>,
    options: BTreeMap<OptionId, u32>,
}

/// A municipality's name read strictly, for the privacy threshold only: case, accents,
/// punctuation, a bracketed or trailing province ("Laren (NH)", "Huizen NH") and a leading
/// "gemeente"/"gem." are dropped. Two real municipalities may fall together ("Bergen (NH)" and
/// "Bergen (L)"); that errs on the side of showing nothing.
pub fn strict_name(name: &str) -> String {
    const PROVINCES: [&str; 24] = [
        "nh", "zh", "nb", "l", "u", "g", "o", "f", "d", "z", "gr", "fr", "dr", "ov", "gld", "gl", "ut", "fl", "zl",
        "lb", "li", "ze", "n", "h",
    ];
    let mut plain = String::new();
    let mut depth = 0usize;
    for c in name.to_lowercase().chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => plain.push(fold_accent(c)),
            _ => plain.push(' '),
        }
    }
    let mut words: Vec<&str> = plain.split_whitespace().collect();
    if words.len() > 1 && matches!(words[0], "gemeente" | "gem") {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| PROVINCES.contains(w)) {
        words.pop();
    }
    words.concat()
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        c => c,
    }
}

/// The counters, fed by the series reader one folded session at a time.
#[derive(Debug, Default)]
pub struct Tally {
    own: Option<SessionKey>,
    seen: HashSet<SessionKey>,
    cards: HashMap<CardId, CardTally>,
    /// Logs of the session being played that were left out.
    pub own_left_out: u32,
    /// Second copies of a session's log that were left out.
    pub copies_left_out: u32,
}

impl Tally {
    /// Counters that leave out the session `own` (the one being played).
    pub fn new(own: Option<SessionKey>) -> Tally {
        Tally { own, ..Tally::default() }
    }

    /// Adds one session; `municipalities` has each group's municipality (by the series' number
    /// for it, so spellings of one name count as one), `None` for a group without a name.
    pub fn absorb(&mut self, state: &State, municipalities: &[Option<u32>]) {
        let key = session_key(state);
        if self.own == Some(key) {
            self.own_left_out += 1;
            return;
        }
        if !self.seen.insert(key) {
            self.copies_left_out += 1;
            return;
        }
        let mut counted: HashMap<&CardId, Vec<u32>> = HashMap::new();
        for play in state.plays.iter().filter(|p| p.is_revealed()) {
            for (group, choice) in &play.choices {
                let Some(Some(m)) = municipalities.get(group.index()).copied() else { continue };
                let seen = counted.entry(&play.card).or_default();
                if seen.contains(&m) {
                    continue;
                }
                let first_of_session = seen.is_empty();
                seen.push(m);
                let t = self.cards.entry(play.card.clone()).or_default();
                if first_of_session {
                    t.sessions += 1;
                }
                t.municipalities.insert(m);
                if let Some(g) = state.setup.groups.get(group.index()) {
                    t.strict.insert(strict_name(&g.name));
                }
                *t.options.entry(choice.option.clone()).or_default() += 1;
            }
        }
    }

    /// The cards of `deck` that enough sessions and municipalities played, in the deck's order,
    /// their options in the card's order (options the card no longer has are left out).
    pub fn cards(&self, deck: &Deck) -> Vec<PeerCard> {
        deck.cards
            .iter()
            .filter_map(|card| {
                let t = self.cards.get(&card.id)?;
                let options: Vec<(OptionId, u32)> = card
                    .options
                    .iter()
                    .filter_map(|o| t.options.get(&o.id).filter(|n| **n > 0).map(|n| (o.id.clone(), *n)))
                    .collect();
                let peer = PeerCard {
                    card: card.id.clone(),
                    sessions: t.sessions,
                    municipalities: u32::try_from(t.municipalities.len().min(t.strict.len())).unwrap_or(u32::MAX),
                    options,
                };
                (peer.shareable() && !peer.options.is_empty()).then_some(peer)
            })
            .collect()
    }
}
