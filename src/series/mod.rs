//! `weerbaar series`: what a series of sessions teaches, aggregate only, for organisers.
//!
//! Logs are read and folded one at a time and only counters are kept: per card and
//! municipality (a municipality counts once per card), per theme, role, month and objective.
//! What is kept grows with the number of cards, municipalities and months, never with the
//! number of logs, so 10,000 logs take the memory of a few. Rationales are kept per option,
//! the latest few only.
//!
//! A deck recorded in a log's header is recognised by its digest before the header is parsed:
//! a series of logs played with one deck loads that deck once.

mod fast;
mod render;
mod report;
pub mod tally;
mod xlsx;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Deserialize;

pub use render::{Format, RenderError, decimal, esc, int, md, percent, render};
pub use report::{CardRow, CountRow, MonthRow, ObjectiveRow, OptionRow, Report, RoleRow, ThemeRow};

use crate::anonymize::normalize;
use crate::log::{Header, MAX_HEADER, MAX_LINE, MAX_LOG, SCHEMA};
use crate::scenario::{CardId, Deck, Lang, ObjectiveId, OptionId, Role, Text, Theme, clean};
use crate::session::{Decision, Owner, Progress, Record, State};

/// How many rationales are kept (and shown) per option: the latest ones.
pub const RATIONALES_PER_OPTION: usize = 3;
/// The longest rationale shown, in characters; longer ones are cut with an ellipsis.
pub const RATIONALE_CHARS: usize = 300;
/// The longest rationale kept while reading (bounds the memory; cut again when shown).
const RATIONALE_KEPT: usize = 2000;

/// Something wrong with one log. The text never names the file (the caller adds it, or not when
/// anonymising).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesWarning {
    pub path: PathBuf,
    pub text: String,
    /// The whole log was left out (otherwise only some lines were).
    pub log_skipped: bool,
}

/// How much of a log is read first: enough for the header's digest.
const PREFIX: usize = 8192;
/// How many of a header's last bytes are compared to recognise it.
const TAIL: usize = 64;

/// A header line that recorded a deck: its length and last bytes.
#[derive(Debug, Clone)]
struct KnownHeader {
    len: u64,
    tail: Vec<u8>,
}

/// Where a card's text comes from: the first deck read that has it.
#[derive(Debug, Clone)]
struct CardMeta {
    theme: Theme,
    title: Text,
    options: Vec<(OptionId, Text)>,
    objectives: Vec<ObjectiveId>,
}

/// One municipality's answers to one card across the series.
#[derive(Debug, Clone)]
struct Visit {
    first: (DateTime<Utc>, OptionId),
    last: (DateTime<Utc>, OptionId),
    sessions: u32,
    /// The latest answer that came with a rationale. It is quoted only when its option is the
    /// one counted ([`Visit::last`]): words for a choice the municipality no longer holds are
    /// never quoted. The latest by (time, option, text), so the order of the logs is no matter.
    said: Option<(DateTime<Utc>, OptionId, String)>,
}

#[derive(Debug, Clone)]
struct CardAgg {
    id: CardId,
    meta: Option<CardMeta>,
    visits: HashMap<u32, Visit>,
    /// Every answer, repeats included.
    answers: u64,
    decisions: [u64; Decision::ALL.len()],
    /// Sessions in which it was revealed with at least one answer counted.
    sessions: u64,
}

#[derive(Debug, Clone)]
struct Municipality {
    /// How often each spelling was used (at most [`SPELLINGS`] kept).
    spellings: BTreeMap<String, u32>,
    sessions: u32,
}

/// How many spellings of one municipality are counted.
const SPELLINGS: usize = 16;

impl Municipality {
    /// The spelling used most, preferring one with lower-case letters ("Laren" over "LAREN"),
    /// whatever the order of the logs.
    fn name(&self) -> String {
        self.spellings
            .iter()
            .max_by(|a, b| {
                let key = |(s, n): &(&String, &u32)| (**n, s.chars().any(char::is_lowercase));
                key(a).cmp(&key(b)).then_with(|| b.0.cmp(a.0))
            })
            .map(|(s, _)| s.clone())
            .unwrap_or_default()
    }
}

#[derive(Debug, Clone, Default)]
struct MonthAgg {
    sessions: u64,
    municipalities: HashSet<u32>,
    answers: u64,
    actions: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct RoleAgg {
    /// Answers given while the role was at the table.
    present: u64,
    dissent: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct FollowAgg {
    brought: u64,
    done: u64,
    under_way: u64,
    not_started: u64,
}

/// A day as a user types it for `--from`/`--to`: `2027-03-31` or `31-3-2027`.
pub fn parse_day(s: &str, lang: Lang) -> Result<NaiveDate, String> {
    let s = s.trim();
    NaiveDate::parse_from_str(s, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(s, "%d-%m-%Y")).map_err(|_| {
        let s = clean(s);
        match lang {
            Lang::Nl => format!("`{s}` is geen datum; schrijf bijvoorbeeld 2027-01-01 of 1-1-2027"),
            Lang::En => format!("`{s}` is not a date; write for example 2027-01-01 or 1-1-2027"),
        }
    })
}

/// The counters of a series. Feed it logs with [`Series::add`], then make a [`Report`].
#[derive(Debug)]
pub struct Series {
    lang: Lang,
    /// Decks by digest (None: the recorded deck could not be read).
    decks: HashMap<String, Option<Rc<Deck>>>,
    /// The header lines that recorded those decks, to skip them in the next log.
    headers: HashMap<String, KnownHeader>,
    /// The deck for logs that recorded none (`--deck`, or the bundled deck, loaded when needed).
    fallback: Option<Rc<Deck>>,
    fallback_tried: bool,
    cards: Vec<CardAgg>,
    card_index: HashMap<CardId, usize>,
    objectives: Vec<(ObjectiveId, Text)>,
    municipalities: Vec<Municipality>,
    municipality_index: HashMap<String, u32>,
    facilitators: HashSet<String>,
    roles: BTreeMap<Role, RoleAgg>,
    actions: u64,
    actions_by_owner: BTreeMap<Role, u64>,
    /// Actions owned by someone named in free text (never shown: it may be a name).
    actions_other: u64,
    /// Actions by the theme of the card on screen when they were added (None: no card known).
    actions_by_theme: BTreeMap<Option<Theme>, u64>,
    follow: FollowAgg,
    months: BTreeMap<(i32, u32), MonthAgg>,
    themes: BTreeMap<Theme, HashSet<u32>>,
    sessions: u64,
    ended: u64,
    logs_skipped: u64,
    logs_damaged: u64,
    without_deck: u64,
    /// Warnings leave out what they would quote from a damaged line (see [`Series::publishing`]).
    private_details: bool,
    /// How each session answered the cards, for `play --peers` (see [`Series::count_peers`]).
    peers: Option<tally::Tally>,
    /// In a published report, a card's shares and quotes need this many municipalities (and
    /// [`crate::session::PEERS_MIN`] sessions); a quote also needs this many behind its option.
    min_municipalities: usize,
    /// Only sessions held in this period count (`--from`, `--to`; both days included).
    period: Option<(NaiveDate, NaiveDate)>,
    /// Sessions left out by the period.
    outside: u64,
    /// The day of the last session counted.
    last_day: Option<NaiveDate>,
}

impl Series {
    /// An empty series; `fallback` is the deck for logs that recorded none (`--deck`).
    pub fn new(lang: Lang, fallback: Option<Deck>) -> Series {
        Series {
            lang,
            decks: HashMap::new(),
            headers: HashMap::new(),
            fallback_tried: fallback.is_some(),
            fallback: fallback.map(Rc::new),
            cards: Vec::new(),
            card_index: HashMap::new(),
            objectives: Vec::new(),
            municipalities: Vec::new(),
            municipality_index: HashMap::new(),
            facilitators: HashSet::new(),
            roles: BTreeMap::new(),
            actions: 0,
            actions_by_owner: BTreeMap::new(),
            actions_other: 0,
            actions_by_theme: BTreeMap::new(),
            follow: FollowAgg::default(),
            months: BTreeMap::new(),
            themes: BTreeMap::new(),
            sessions: 0,
            ended: 0,
            logs_skipped: 0,
            logs_damaged: 0,
            without_deck: 0,
            private_details: false,
            peers: None,
            min_municipalities: crate::session::PEERS_MIN as usize,
            period: None,
            outside: 0,
            last_day: None,
        }
    }

    /// Raises the small-cell threshold of a published report (`--min-municipalities N`); it
    /// never goes below the [`crate::session::PEERS_MIN`] of `play --peers`.
    pub fn min_municipalities(&mut self, n: usize) {
        self.min_municipalities = n.max(crate::session::PEERS_MIN as usize);
    }

    /// Counts only sessions held from `from` to `to`, both days included (a quarterly
    /// edition from one folder of logs); the others are counted as left out.
    pub fn period(&mut self, from: Option<NaiveDate>, to: Option<NaiveDate>) {
        self.period = match (from, to) {
            (None, None) => None,
            (from, to) => Some((from.unwrap_or(NaiveDate::MIN), to.unwrap_or(NaiveDate::MAX))),
        };
    }

    /// Sessions read but left out by [`Series::period`].
    pub fn sessions_outside(&self) -> u64 {
        self.outside
    }

    /// Also counts, per session, how it answered each card (`play --peers`): read back with
    /// [`Series::take_peers`].
    pub fn count_peers(&mut self, tally: tally::Tally) {
        self.peers = Some(tally);
    }

    /// The peers' counters (see [`Series::count_peers`]).
    pub fn take_peers(&mut self) -> Option<tally::Tally> {
        self.peers.take()
    }

    /// For a report to publish: warnings name the problem and the line, but quote nothing of the
    /// line itself (a damaged line can hold a name).
    pub fn publishing(&mut self) {
        self.private_details = true;
    }

    /// Adds every `.jsonl` file in a directory (not its subdirectories), or the file itself.
    pub fn add_path(&mut self, path: &Path) -> Vec<SeriesWarning> {
        if !path.is_dir() {
            return self.add(path);
        }
        let entries = match std::fs::read_dir(path) {
            Ok(entries) => entries,
            Err(e) => {
                self.logs_skipped += 1;
                return vec![
                    self.skip(path, &format!("{}: {}", words::UNREADABLE_DIR.get(self.lang), clean(&e.to_string()))),
                ];
            }
        };
        let mut warnings = Vec::new();
        for entry in entries.flatten() {
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "jsonl") && std::fs::metadata(&p).is_ok_and(|m| m.is_file()) {
                warnings.extend(self.add(&p));
            }
        }
        warnings
    }

    fn skip(&self, path: &Path, text: &str) -> SeriesWarning {
        SeriesWarning { path: path.to_path_buf(), text: text.to_string(), log_skipped: true }
    }

    /// Reads one log and adds what it holds. Damaged lines are skipped and reported; a file that
    /// is not a session log is left out and reported.
    pub fn add(&mut self, path: &Path) -> Vec<SeriesWarning> {
        match self.read_and_add(path) {
            Ok(problems) => {
                if !problems.is_empty() {
                    self.logs_damaged += 1;
                }
                problems
                    .into_iter()
                    .map(|text| SeriesWarning { path: path.to_path_buf(), text, log_skipped: false })
                    .collect()
            }
            Err(text) => {
                self.logs_skipped += 1;
                vec![self.skip(path, &text)]
            }
        }
    }

    /// Reads the log at `path` (a regular file, never a pipe) and adds it. A header that records
    /// a deck already met (same digest, same length, same last bytes) is not read again: the
    /// reader seeks past it, so a series pays for each deck's files once.
    fn read_and_add(&mut self, path: &Path) -> Result<Vec<String>, String> {
        let lang = self.lang;
        let io = |e: std::io::Error| io_text(&e, lang);
        let mut file = crate::log::open_regular(path, OpenOptions::new().read(true)).map_err(|e| not_read(&e, lang))?;
        let len = file.metadata().map_err(io)?.len();
        if len > MAX_LOG {
            return Err(words::TOO_LARGE.get(lang).to_string());
        }
        let mut head = Vec::with_capacity(PREFIX);
        (&mut file).take(PREFIX as u64).read_to_end(&mut head).map_err(io)?;
        if memchr::memchr(b'\n', &head).is_none()
            && let Some(peek) = peek_header(&head)
            && (1..=SCHEMA).contains(&peek.weerbaar_log)
            && let Some(digest) = peek.deck.map(|d| d.digest)
            && let Some(known) = self.headers.get(&digest)
            && let Some(Some(deck)) = self.decks.get(&digest)
        {
            let deck = deck.clone();
            let tail_len = known.tail.len();
            let start = known.len.saturating_sub(tail_len as u64);
            let tail = known.tail.clone();
            file.seek(SeekFrom::Start(start)).map_err(io)?;
            let mut rest = Vec::with_capacity(usize::try_from(len.saturating_sub(start)).unwrap_or(0) + 1);
            file.take(MAX_LOG).read_to_end(&mut rest).map_err(io)?;
            if rest.starts_with(&tail) && rest.get(tail_len) == Some(&b'\n') {
                return self.add_events(rest.get(tail_len + 1..).unwrap_or_default(), Some(deck));
            }
            // Another header after all: read the file whole, as below.
            return self.add_whole(path);
        }
        let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0) + 1);
        bytes.extend_from_slice(&head);
        file.take(MAX_LOG + 1 - head.len() as u64).read_to_end(&mut bytes).map_err(io)?;
        self.add_bytes(&bytes)
    }

    fn add_whole(&mut self, path: &Path) -> Result<Vec<String>, String> {
        let bytes = crate::log::read_bytes(path).map_err(|e| not_read(&e, self.lang))?;
        self.add_bytes(&bytes)
    }

    /// Adds the log in `bytes`: the problems with some of its lines, or why none of it could be used.
    fn add_bytes(&mut self, bytes: &[u8]) -> Result<Vec<String>, String> {
        let lang = self.lang;
        if bytes.len() as u64 > MAX_LOG {
            return Err(words::TOO_LARGE.get(lang).to_string());
        }
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(words::EMPTY.get(lang).to_string());
        }
        let end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
        let header = bytes.get(..end).unwrap_or_default();
        let deck = self.deck_of(header)?;
        self.add_events(bytes.get(end + 1..).unwrap_or_default(), deck)
    }

    /// Folds the event lines (the log after its header line) and adds the session.
    fn add_events(&mut self, bytes: &[u8], deck: Option<Rc<Deck>>) -> Result<Vec<String>, String> {
        let lang = self.lang;
        let ends_clean = bytes.last() == Some(&b'\n');
        let mut lines = bytes.split(|b| *b == b'\n').enumerate().peekable();
        let mut problems = Vec::new();
        let mut state: Option<State> = None;
        let mut actions: Vec<(Owner, Option<CardId>)> = Vec::new();
        let mut last_seq = 0u64;
        let line_no = |n: usize| format!("{} {n}", words::LINE.get(lang));
        while let Some((i, line)) = lines.next() {
            // The header is line 1.
            let number = i + 2;
            let is_last = lines.peek().is_none_or(|(_, rest)| rest.is_empty() && ends_clean);
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if line.len() > MAX_LINE {
                problems.push(format!("{}: {}", line_no(number), words::TOO_LONG.get(lang)));
                continue;
            }
            let parsed = match fast::parse(line) {
                Some(p) => Ok(p),
                None => serde_json::from_slice::<Record>(line).map(fast::Parsed::Record),
            };
            let parsed = match parsed {
                Ok(p) => p,
                Err(_) if is_last && !ends_clean => {
                    problems.push(format!("{}: {}", line_no(number), words::TORN.get(lang)));
                    continue;
                }
                // The reader's message can quote the line (a name in an unknown value): not when
                // the report is to be published.
                Err(_) if self.private_details => {
                    problems.push(format!("{}: {}", line_no(number), words::CORRUPT.get(lang)));
                    continue;
                }
                Err(e) => {
                    problems.push(format!(
                        "{}: {} ({})",
                        line_no(number),
                        words::CORRUPT.get(lang),
                        clean(&e.to_string())
                    ));
                    continue;
                }
            };
            let seq = parsed.seq();
            if state.is_some() && seq != last_seq + 1 {
                problems.push(format!("{}: {} {seq} / {}", line_no(number), words::SEQUENCE.get(lang), last_seq + 1));
            }
            last_seq = seq;
            let private = self.private_details;
            let rejected = |why: String| match private {
                // The reason names a card or group as the log has it.
                true => format!("{}: {}", line_no(number), words::REJECTED.get(lang)),
                false => format!("{}: {} ({})", line_no(number), words::REJECTED.get(lang), why),
            };
            match (&mut state, parsed) {
                (None, fast::Parsed::Record(record)) => match State::start(&record) {
                    Ok(s) => state = Some(s),
                    Err(e) => return Err(format!("{} ({})", words::NO_SESSION.get(lang), clean(&e.to_string()))),
                },
                (None, _) => return Err(words::NO_SESSION.get(lang).to_string()),
                (Some(s), fast::Parsed::Record(record)) => {
                    if let Err(e) = s.apply(&record) {
                        problems.push(rejected(clean(&e.to_string()).into_owned()));
                    }
                }
                // A series shows no notes: they are checked as JSON and otherwise passed over.
                (Some(_), fast::Parsed::Note { .. }) => {}
                (Some(s), fast::Parsed::Action { group, owner, card, .. }) => {
                    if s.is_ended() {
                        problems.push(rejected(crate::session::state::ApplyError::Ended.to_string()));
                    } else if group.index() >= s.setup.groups.len() {
                        problems.push(rejected(crate::session::state::ApplyError::UnknownGroup(group).to_string()));
                    } else {
                        actions.push((owner, card));
                    }
                }
            }
        }
        let Some(state) = state else {
            return Err(words::NO_SESSION.get(lang).to_string());
        };
        // The deck's cards are known now (registered when it was first met); the state is enough.
        drop(deck);
        self.absorb(&state, &actions);
        Ok(problems)
    }

    /// The deck of a log, from its header line: by digest from the cache, else read from the
    /// header (once per digest), else the fallback deck.
    fn deck_of(&mut self, line: &[u8]) -> Result<Option<Rc<Deck>>, String> {
        let lang = self.lang;
        if line.len() > MAX_HEADER {
            return Err(words::NOT_A_LOG.get(lang).to_string());
        }
        let header = line.strip_suffix(b"\r").unwrap_or(line);
        let peek = peek_header(header).ok_or_else(|| words::NOT_A_LOG.get(lang).to_string())?;
        if peek.weerbaar_log == 0 || peek.weerbaar_log > SCHEMA {
            return Err(format!("{} ({})", words::NEWER.get(lang), peek.weerbaar_log));
        }
        let Some(digest) = peek.deck.map(|d| d.digest) else {
            self.without_deck += 1;
            return Ok(self.fallback());
        };
        if let Some(found) = self.decks.get(&digest) {
            return Ok(found.clone().or_else(|| self.fallback()));
        }
        let full: Header = serde_json::from_slice(header).map_err(|_| words::NOT_A_LOG.get(lang).to_string())?;
        let deck = full.deck.and_then(|r| r.to_deck().ok()).map(Rc::new);
        if let Some(d) = &deck {
            self.register(d);
            if line.len() > PREFIX {
                let tail = line.get(line.len().saturating_sub(TAIL)..).unwrap_or_default().to_vec();
                self.headers.insert(digest.clone(), KnownHeader { len: line.len() as u64, tail });
            }
        }
        self.decks.insert(digest, deck.clone());
        Ok(deck.or_else(|| self.fallback()))
    }

    fn fallback(&mut self) -> Option<Rc<Deck>> {
        if self.fallback.is_none() && !self.fallback_tried {
            self.fallback_tried = true;
            self.fallback = crate::scenario::load_deck(None).ok().map(Rc::new);
        }
        let deck = self.fallback.clone()?;
        if !self.decks.contains_key(&deck.digest) {
            self.decks.insert(deck.digest.clone(), Some(deck.clone()));
            self.register(&deck);
        }
        Some(deck)
    }

    /// Makes the deck's cards and objectives known (the first deck to have a card names it).
    fn register(&mut self, deck: &Deck) {
        for objective in &deck.manifest.objectives {
            if !self.objectives.iter().any(|(id, _)| id == &objective.id) {
                self.objectives.push((objective.id.clone(), objective.text.clone()));
            }
        }
        for card in &deck.cards {
            let i = self.card(&card.id);
            if let Some(agg) = self.cards.get_mut(i)
                && agg.meta.is_none()
            {
                agg.meta = Some(CardMeta {
                    theme: card.theme,
                    title: card.title.clone(),
                    options: card.options.iter().map(|o| (o.id.clone(), o.label.clone())).collect(),
                    objectives: card.objectives.clone(),
                });
            }
        }
    }

    fn card(&mut self, id: &CardId) -> usize {
        if let Some(i) = self.card_index.get(id) {
            return *i;
        }
        let i = self.cards.len();
        self.cards.push(CardAgg {
            id: id.clone(),
            meta: None,
            visits: HashMap::new(),
            answers: 0,
            decisions: [0; Decision::ALL.len()],
            sessions: 0,
        });
        self.card_index.insert(id.clone(), i);
        i
    }

    fn municipality(&mut self, name: &str) -> Option<u32> {
        let key = normalize(name);
        if key.is_empty() {
            return None;
        }
        let spelled = clean(name).trim().to_string();
        if let Some(&i) = self.municipality_index.get(&key) {
            if let Some(m) = self.municipalities.get_mut(i as usize) {
                m.sessions += 1;
                if m.spellings.len() < SPELLINGS || m.spellings.contains_key(&spelled) {
                    *m.spellings.entry(spelled).or_default() += 1;
                }
            }
            return Some(i);
        }
        let i = u32::try_from(self.municipalities.len()).ok()?;
        self.municipalities.push(Municipality { spellings: BTreeMap::from([(spelled, 1)]), sessions: 1 });
        self.municipality_index.insert(key, i);
        Some(i)
    }

    /// Adds a folded session to the counters.
    fn absorb(&mut self, state: &State, fast_actions: &[(Owner, Option<CardId>)]) {
        if let Some((from, to)) = self.period
            && !(from..=to).contains(&state.setup.date)
        {
            self.outside += 1;
            return;
        }
        self.sessions += 1;
        self.last_day = self.last_day.max(Some(state.setup.date));
        if state.is_ended() {
            self.ended += 1;
        }
        let at = state.started_at;
        let date = state.setup.date;
        let month = (date.year(), date.month());
        if !state.setup.facilitator.trim().is_empty() {
            self.facilitators.insert(state.setup.facilitator.clone());
        }
        let groups: Vec<Option<u32>> = state.setup.groups.iter().map(|g| self.municipality(&g.name)).collect();
        if let Some(peers) = &mut self.peers {
            peers.absorb(state, &groups);
        }
        let mut answers = 0u64;
        let mut cards_counted: HashSet<usize> = HashSet::new();
        for play in state.plays.iter().filter(|p| p.is_revealed()) {
            let ci = self.card(&play.card);
            let theme = self.cards.get(ci).and_then(|c| c.meta.as_ref()).map(|m| m.theme);
            for (group, choice) in &play.choices {
                let Some(Some(mi)) = groups.get(group.index()).copied() else { continue };
                answers += 1;
                if let Some(theme) = theme {
                    self.themes.entry(theme).or_default().insert(mi);
                }
                let roles = state.setup.groups.get(group.index()).map(|g| g.roles.clone()).unwrap_or_default();
                for role in roles {
                    let r = self.roles.entry(role).or_default();
                    r.present += 1;
                    if choice.dissent.contains(&role) {
                        r.dissent += 1;
                    }
                }
                let Some(card) = self.cards.get_mut(ci) else { continue };
                card.answers += 1;
                // An answer outside the options is counted under its own name ("anders / geen
                // keuze"), listed after the card's options once a municipality gave one.
                if let Some(outside) = choice.outside()
                    && let Some(meta) = card.meta.as_mut()
                    && !meta.options.iter().any(|(id, _)| *id == choice.option)
                {
                    let text = Text::both(outside.label(Lang::Nl), outside.label(Lang::En));
                    meta.options.push((choice.option.clone(), text));
                }
                if let Some(d) = Decision::ALL.iter().position(|d| *d == choice.decision)
                    && let Some(n) = card.decisions.get_mut(d)
                {
                    *n += 1;
                }
                if cards_counted.insert(ci) {
                    card.sessions += 1;
                }
                let answer = (at, choice.option.clone());
                let text = clean(&choice.rationale).trim().to_string();
                // Kept longer than shown: it is anonymised before it is cut to its shown length,
                // so no address or number is cut in half and slips past the patterns.
                let said = (!text.is_empty()).then(|| (at, choice.option.clone(), cut(&text, RATIONALE_KEPT)));
                card.visits
                    .entry(mi)
                    .and_modify(|v| {
                        v.sessions += 1;
                        if answer < v.first {
                            v.first = answer.clone();
                        }
                        if answer > v.last {
                            v.last = answer.clone();
                        }
                        if said > v.said {
                            v.said = said.clone();
                        }
                    })
                    .or_insert_with(|| Visit { first: answer.clone(), last: answer.clone(), sessions: 1, said });
            }
        }
        let actions = (state.actions.len() + fast_actions.len()) as u64;
        self.actions += actions;
        let all = state.actions.iter().map(|a| (&a.owner, &a.card)).chain(fast_actions.iter().map(|(o, c)| (o, c)));
        for (owner, card) in all {
            match owner {
                Owner::Role(role) => *self.actions_by_owner.entry(*role).or_default() += 1,
                Owner::Other(_) => self.actions_other += 1,
            }
            let theme = card
                .as_ref()
                .and_then(|id| self.card_index.get(id))
                .and_then(|i| self.cards.get(*i))
                .and_then(|c| c.meta.as_ref())
                .map(|m| m.theme);
            *self.actions_by_theme.entry(theme).or_default() += 1;
        }
        for (_, progress) in &state.follow_up {
            self.follow.brought += 1;
            match progress {
                Some(Progress::Done) => self.follow.done += 1,
                Some(Progress::UnderWay) => self.follow.under_way += 1,
                Some(Progress::NotStarted) => self.follow.not_started += 1,
                None => {}
            }
        }
        let m = self.months.entry(month).or_default();
        m.sessions += 1;
        m.answers += answers;
        m.actions += actions;
        m.municipalities.extend(groups.into_iter().flatten());
    }

    /// How many sessions were read (logs left out not counted).
    pub fn sessions(&self) -> u64 {
        self.sessions
    }

    /// Every spelling of every municipality (for the anonymiser), the spelling used most first, so
    /// an alias table records "Laren" rather than "LAREN".
    pub fn municipality_names(&self) -> Vec<String> {
        let preferred = self.municipalities.iter().map(Municipality::name);
        preferred.chain(self.municipalities.iter().flat_map(|m| m.spellings.keys().cloned())).collect()
    }

    /// The facilitators' names (for the anonymiser: they never appear).
    pub fn facilitators(&self) -> Vec<String> {
        let mut v: Vec<String> = self.facilitators.iter().cloned().collect();
        v.sort();
        v
    }

    /// The texts of the decks read (for the anonymiser's list of words that are not names).
    pub fn deck_texts(&self) -> Vec<String> {
        let mut out = Vec::new();
        for deck in self.decks.values().flatten() {
            for card in &deck.cards {
                out.extend(card.title.all().map(String::from));
                out.extend(card.situation.all().map(String::from));
                for o in &card.options {
                    out.extend(o.label.all().map(String::from));
                    out.extend(o.consequence.all().map(String::from));
                }
                for q in &card.questions {
                    out.extend(q.all().map(String::from));
                }
            }
        }
        out
    }
}

/// The text cut to at most `max` characters at a word boundary, with an ellipsis when cut. A
/// word (an e-mail address, a placeholder such as `[e-mail]`) is never cut in half.
pub(crate) fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    // One long word keeps nothing: half an e-mail address or phone number would no longer be
    // recognised by the anonymiser, which reads the quote after it is cut.
    let kept = match head.rfind(char::is_whitespace) {
        Some(i) => head.get(..i).unwrap_or_default(),
        None => "",
    };
    format!("{}…", kept.trim_end())
}

#[derive(Deserialize)]
struct Peek {
    weerbaar_log: u32,
    #[serde(default)]
    deck: Option<PeekDeck>,
}

#[derive(Deserialize)]
struct PeekDeck {
    digest: String,
}

/// The schema and deck digest of a header line, without reading the deck's files when the
/// header is laid out as Weerbaar writes it (`..."digest":"…","files":[…]}}`): only the part
/// before the files is parsed. Anything else is parsed whole.
fn peek_header(line: &[u8]) -> Option<Peek> {
    const FILES: &[u8] = b",\"files\":";
    if let Some(pos) = line.windows(FILES.len()).take(4096).position(|w| w == FILES) {
        let mut short = line.get(..pos)?.to_vec();
        short.extend_from_slice(b"}}");
        if let Ok(peek) = serde_json::from_slice::<Peek>(&short) {
            return Some(peek);
        }
    }
    serde_json::from_slice(line).ok()
}

/// Why a log could not be read, without its file name.
fn not_read(e: &crate::log::LogError, lang: Lang) -> String {
    use crate::log::LogError;
    match e {
        LogError::Io { source, .. } => io_text(source, lang),
        LogError::TooLarge { .. } => words::TOO_LARGE.get(lang).to_string(),
        LogError::NotAFile { .. } => words::NOT_A_FILE.get(lang).to_string(),
        _ => words::NOT_A_LOG.get(lang).to_string(),
    }
}

/// A file that could not be read, in the reader's language.
fn io_text(e: &std::io::Error, lang: Lang) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => words::NOT_FOUND.get(lang).to_string(),
        std::io::ErrorKind::PermissionDenied => words::NO_ACCESS.get(lang).to_string(),
        _ => format!("{}: {}", words::UNREADABLE.get(lang), clean(&e.to_string())),
    }
}

/// The fixed words of the series report and its warnings.
pub(crate) mod words {
    use crate::scenario::text::L;

    pub const UNKNOWN_THEME: L = L("Onbekend thema (kaart niet in het deck)", "Unknown theme (card not in the deck)");
    pub const OTHER_OWNER: L = L("iemand anders (niet getoond)", "someone else (not shown)");
    pub const NO_CARD: L = L("zonder kaart", "without a card");
    pub const LINE: L = L("regel", "line");
    pub const EMPTY: L = L("leeg: er staat geen sessie in; overgeslagen", "empty: it holds no session; skipped");
    pub const NOT_A_LOG: L = L("geen Weerbaar-logboek; overgeslagen", "not a Weerbaar log; skipped");
    pub const NEWER: L = L(
        "logboekversie nieuwer dan deze Weerbaar begrijpt; overgeslagen (werk Weerbaar bij)",
        "log version newer than this Weerbaar understands; skipped (update Weerbaar)",
    );
    pub const NO_SESSION: L = L(
        "geen bruikbare sessie (eerste gebeurtenis ontbreekt); overgeslagen",
        "no usable session (first event missing); skipped",
    );
    pub const TOO_LONG: L = L("regel te lang, overgeslagen", "line too long, skipped");
    pub const TORN: L = L(
        "de laatste regel is onvolledig (afgebroken tijdens het schrijven); overgeslagen",
        "the last line is incomplete (cut off mid-write); skipped",
    );
    pub const CORRUPT: L = L("onleesbare gebeurtenis, overgeslagen", "unreadable event, skipped");
    pub const REJECTED: L =
        L("gebeurtenis past niet in de sessie, overgeslagen", "event does not fit the session, skipped");
    pub const SEQUENCE: L = L(
        "gebeurtenisnummer klopt niet (gevonden/verwacht); er kunnen gebeurtenissen ontbreken",
        "event number out of sequence (found/expected); events may be missing",
    );
    pub const NOT_FOUND: L = L("bestaat niet; overgeslagen", "does not exist; skipped");
    pub const NO_ACCESS: L = L("geen leesrechten; overgeslagen", "no permission to read it; skipped");
    pub const UNREADABLE: L = L("onleesbaar; overgeslagen", "unreadable; skipped");
    pub const UNREADABLE_DIR: L = L("map onleesbaar; overgeslagen", "folder unreadable; skipped");
    pub const TOO_LARGE: L = L("te groot voor een logboek; overgeslagen", "too large for a log; skipped");
    pub const NOT_A_FILE: L = L("geen gewoon bestand; overgeslagen", "not a regular file; skipped");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_between_words() {
        assert_eq!(cut("kort", 10), "kort");
        assert_eq!(cut("mail j.smit@laren.nl nu", 12), "mail…");
        assert_eq!(cut("eenheellangwoord", 5), "…");
        assert_eq!(cut("één twee drie", 9), "één twee…");
    }

    #[test]
    fn the_digest_is_found_without_reading_the_deck() {
        let deck = crate::scenario::load_deck(None).unwrap();
        let header = serde_json::to_vec(&Header::for_deck(&deck)).unwrap();
        let peek = peek_header(&header).unwrap();
        assert_eq!(peek.deck.unwrap().digest, deck.digest);
    }
}
