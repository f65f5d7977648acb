//! Reports from session logs: Markdown, self-contained HTML with charts, CSV and JSON.
//!
//! Every format is built from the same [`Report`]: the logs are read and folded, names are
//! anonymised once (if asked), and each format only lays the result out.

pub mod beside;
mod csv;
mod docx;
mod html;
mod layout;
mod markdown;
pub(crate) mod summary;
mod tables;
pub mod words;
mod xlsx;

use std::path::{Path, PathBuf};

use crate::log;
use crate::scenario::{CardId, Deck, Lang, OptionId};
use crate::session::{Record, State};

pub use summary::{Aggregate, CardSummary, SessionSummary, due_text};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Json,
    /// An Excel workbook (binary: written to a file).
    Xlsx,
    /// A Word document (binary: written to a file).
    Docx,
}

impl Format {
    /// Whether the format is a binary file rather than text for a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx | Format::Docx)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DebriefError {
    #[error(transparent)]
    Log(#[from] log::LogError),
    #[error("{path}: the log holds no session (the first event is missing or damaged)")]
    NoSession { path: PathBuf },
    #[error("cannot write the report: {0}")]
    Write(String),
}

impl DebriefError {
    /// The error in the reader's language (a writer's own reason, such as a cell's limit, stays
    /// as the writer gave it).
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (DebriefError::Log(e), _) => e.describe(lang),
            (DebriefError::NoSession { path }, Lang::Nl) => format!(
                "{}: het logboek bevat geen sessie (de eerste gebeurtenis ontbreekt of is beschadigd)",
                crate::scenario::clean(&path.display().to_string())
            ),
            (DebriefError::Write(why), Lang::Nl) => {
                format!("kan het verslag niet schrijven: {}", crate::scenario::clean(why))
            }
            (e, Lang::En) => crate::scenario::clean(&e.to_string()).into_owned(),
        }
    }
}

/// One session as read from its log, with everything that was wrong with the log.
#[derive(Debug, Clone)]
pub struct SessionLog {
    pub path: PathBuf,
    pub state: State,
    pub records: Vec<Record>,
    /// Problems worth a warning: damaged lines, skipped events, a different deck.
    pub warnings: Vec<log::LogWarning>,
}

/// Reads and folds a log. Damage is reported as warnings; only a log with no session at all fails.
pub fn load_log(path: &Path, deck: &Deck) -> Result<SessionLog, DebriefError> {
    match crate::log::replay(path, deck) {
        Ok(r) => Ok(SessionLog { path: path.to_path_buf(), state: r.state, records: r.records, warnings: r.warnings }),
        Err(crate::session::SessionError::Log(e)) => Err(DebriefError::Log(e)),
        Err(_) => Err(DebriefError::NoSession { path: path.to_path_buf() }),
    }
}

/// Stand-in names for one municipality's own report: each peer's name, in every text and in any
/// spelling the anonymiser recognises (any case, invisible characters, look-alike letters, each
/// distinctive part: "KRIMPEN", "krimpen aan den ijssel"), becomes "andere gemeente". The
/// matching is [`crate::anonymize`]'s, so `--group` and `--anonymize` never disagree.
#[derive(Debug)]
pub struct Names {
    peers: Vec<String>,
    replacement: String,
    matcher: crate::anonymize::Anonymizer,
}

impl Names {
    fn replace_in(&self, text: &str) -> String {
        self.matcher.text(text)
    }

    /// A group's name: a peer's becomes the stand-in whole.
    fn group(&self, name: &str) -> String {
        if self.peers.iter().any(|p| crate::anonymize::normalize(p) == crate::anonymize::normalize(name)) {
            self.replacement.clone()
        } else {
            self.replace_in(name)
        }
    }

    /// Replaces the names in every text of the session (the facilitator's name aside).
    fn rename(&self, state: &mut State) {
        state.setup.title = self.replace_in(&state.setup.title);
        for g in &mut state.setup.groups {
            g.name = self.group(&g.name);
        }
        for play in &mut state.plays {
            for choice in play.choices.values_mut() {
                choice.rationale = self.replace_in(&choice.rationale);
            }
            for draft in play.drafts.values_mut() {
                *draft = self.replace_in(draft);
            }
        }
        for note in &mut state.notes {
            note.text = self.replace_in(&note.text);
        }
        for finding in &mut state.findings {
            finding.text = self.replace_in(&finding.text);
        }
        for assessment in &mut state.assessments {
            assessment.why = self.replace_in(&assessment.why);
        }
        state.place = self.replace_in(&state.place);
        state.scope = self.replace_in(&state.scope);
        for action in &mut state.actions {
            action.what = self.replace_in(&action.what);
            action.due = self.replace_in(&action.due);
            if let crate::session::Owner::Other(owner) = &mut action.owner {
                *owner = self.replace_in(owner);
            }
        }
        for (previous, _) in &mut state.follow_up {
            previous.group = self.group(&previous.group);
            previous.what = self.replace_in(&previous.what);
        }
        state.follow_up_from = state.follow_up_from.take().map(|f| self.replace_in(&f));
        state.follow_up_title = state.follow_up_title.take().map(|t| self.replace_in(&t));
        for answer in &mut state.previous_answers {
            answer.group = self.group(&answer.group);
        }
    }
}

/// The title of one municipality's report: the session's title without any municipality's name
/// (nor the dashes and "en" between them), followed by how many municipalities took part:
/// "Gooi-sessie Laren Huizen Blaricum" → "Gooi-sessie (3 gemeenten)"; "Sessie Krimpen aan den
/// IJssel - Huizen" → "Sessie (2 gemeenten)".
fn own_title(title: &str, groups: &[String], lang: Lang) -> String {
    const CUT: &str = "\u{1}";
    let all = crate::anonymize::Anonymizer::for_peers(groups.iter().map(String::as_str), CUT, lang);
    let marked = all.text(title);
    let joiners = ["en", "and", "vs", "&", "+", "-", "–", "—", ",", "/", "|", ":", ";"];
    let mut kept: Vec<String> = Vec::new();
    for piece in marked.split(CUT) {
        let mut words: Vec<&str> = piece.split_whitespace().collect();
        while words.first().is_some_and(|w| joiners.contains(&w.to_lowercase().as_str())) {
            words.remove(0);
        }
        while words.last().is_some_and(|w| joiners.contains(&w.to_lowercase().as_str())) {
            words.pop();
        }
        let piece = words.join(" ");
        let piece = piece.trim_matches(|c: char| joiners.iter().any(|j| j.len() == c.len_utf8() && j.starts_with(c)));
        let piece = piece.trim();
        if !piece.is_empty() {
            kept.push(piece.to_string());
        }
    }
    let head = if kept.is_empty() { words::SESSION.get(lang).to_string() } else { kept.join(" ") };
    let n = groups.len();
    let count = match (lang, n) {
        (Lang::Nl, 1) => "1 gemeente".to_string(),
        (Lang::Nl, n) => format!("{n} gemeenten"),
        (Lang::En, 1) => "1 municipality".to_string(),
        (Lang::En, n) => format!("{n} municipalities"),
    };
    format!("{head} ({count})")
}

/// Narrows a session to what one municipality may read: its own actions and follow-up, its
/// peers' choices without their names or rationales (their names in every text become "andere
/// gemeente"). Returns the municipality's group.
fn only_for(state: &mut State, name: &str, peers: &Names) -> Option<crate::session::GroupId> {
    let own = state.groups().find(|g| same_name(state.group_name(*g), name))?;
    let own_name = state.group_name(own).to_string();
    state.actions.retain(|a| a.group == own);
    // A finding about a peer is the peer's; findings about the room stay.
    state.findings.retain(|f| f.group.is_none_or(|g| g == own));
    state.follow_up.retain(|(a, _)| same_name(&a.group, &own_name));
    state.previous_answers.retain(|a| same_name(&a.group, &own_name));
    for play in &mut state.plays {
        // A peer's answer the room never saw is the peer's alone: gone from every format.
        if !play.is_revealed() {
            play.choices.retain(|g, _| *g == own);
            play.drafts.retain(|g, _| *g == own);
        }
        let opened = play.opened_at;
        for (g, choice) in &mut play.choices {
            if *g != own {
                // What the peer chose, nothing of how: not its words, its dissent, how it decided,
                // how often it changed its mind or how long it took (in every format, JSON too).
                choice.rationale.clear();
                choice.dissent.clear();
                choice.decision = crate::session::Decision::NotRecorded;
                choice.changes = 0;
                choice.at = opened;
                choice.first_at = opened;
                choice.seconds_to_answer = 0;
                choice.seconds_to_first_answer = 0;
            }
        }
    }
    let groups: Vec<String> = state.setup.groups.iter().map(|g| g.name.clone()).collect();
    let title = own_title(&state.setup.title, &groups, state.setup.lang);
    peers.rename(state);
    state.setup.title = title;
    Some(own)
}

/// Every other municipality's name, to be replaced by "andere gemeente".
fn peer_names(state: &State, name: &str, lang: Lang) -> Names {
    let peer = words::OTHER_MUNICIPALITY.get(lang).to_string();
    let peers: Vec<String> =
        state.setup.groups.iter().filter(|g| !same_name(&g.name, name)).map(|g| g.name.clone()).collect();
    let matcher = crate::anonymize::Anonymizer::for_peers(peers.iter().map(String::as_str), &peer, lang);
    Names { peers, replacement: peer, matcher }
}

/// Writes control characters (C0, DEL, C1: serde_json leaves DEL and C1 as they are), line and
/// paragraph separators and bidi controls as JSON `\uXXXX` escapes: the data stays exactly as
/// typed for any JSON reader, but a terminal showing the file runs none of them.
fn escape_controls(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(
            c,
            '\u{0}'..='\u{8}'
                | '\u{b}'..='\u{c}'
                | '\u{e}'..='\u{1f}'
                | '\u{7f}'..='\u{9f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{061C}'
        ) {
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// The take-home actions of a session, to carry into the next one (`play --follow-up`): the
/// actions agreed in it, then the previous actions it carried over because they were not done
/// (marked with the date they were first agreed), so a chain of sessions keeps asking about an
/// action until it is done. An action listed twice (the same municipality and text, case and
/// spaces aside) is listed once.
pub fn previous_actions(state: &State) -> Vec<crate::session::PreviousAction> {
    let mut out: Vec<crate::session::PreviousAction> = state
        .actions
        .iter()
        .map(|a| crate::session::PreviousAction {
            group: state.group_name(a.group).to_string(),
            what: a.what.clone(),
            owner: a.owner.clone(),
            due: a.due_date.map_or_else(|| a.due.clone(), |d| d.format("%Y-%m-%d").to_string()),
            since: None,
            card: a.card.clone(),
        })
        .collect();
    for a in state.carried_over() {
        let since = a.since.or(state.follow_up_date);
        match out.iter_mut().find(|b| same_name(&b.group, &a.group) && same_name(&b.what, &a.what)) {
            // Agreed again: one action, still dated from when it was first agreed.
            Some(again) => {
                again.since = again.since.or(since);
                again.card = a.card.clone().or(again.card.take());
            }
            None => out.push(crate::session::PreviousAction { since, ..a.clone() }),
        }
    }
    out
}

/// Everything a follow-up brings in from a session's log: its date and title, its actions (with
/// the ones it carried over), its revealed answers and the cards it played.
pub fn previous_session(state: &State, from: &str) -> crate::session::PreviousSession {
    let answers = state
        .plays
        .iter()
        .filter(|p| p.is_revealed())
        .flat_map(|p| {
            p.choices.iter().map(|(g, c)| crate::session::PreviousAnswer {
                group: state.group_name(*g).to_string(),
                card: p.card.clone(),
                option: c.option.clone(),
            })
        })
        .collect();
    crate::session::PreviousSession {
        from: from.to_string(),
        date: Some(state.setup.date),
        title: Some(state.setup.title.clone()),
        actions: previous_actions(state),
        answers,
        played: state.played().map(|p| p.card.clone()).collect(),
    }
}

/// The session a follow-up came from, for a reader: "sessie van 12-10-2026, ‘Sessie Laren -
/// Huizen’"; the date only once the title is gone (published reports); the file name only for a
/// log from before follow-ups recorded the date. Cleaned of control characters.
pub fn follow_up_source(state: &State, lang: Lang) -> Option<String> {
    let from = state.follow_up_from.as_ref()?;
    let text = match (state.follow_up_date, &state.follow_up_title) {
        (Some(date), Some(title)) if !title.trim().is_empty() => {
            format!("{} {}, ‘{}’", words::SESSION_OF.get(lang), crate::session::show_date(date, lang), title.trim())
        }
        (Some(date), _) => format!("{} {}", words::SESSION_OF.get(lang), crate::session::show_date(date, lang)),
        (None, _) if !from.trim().is_empty() => format!("{} {}", words::FROM.get(lang), from.trim()),
        (None, _) => words::PREVIOUS_SESSION.get(lang).to_string(),
    };
    Some(crate::scenario::clean(&text).into_owned())
}

/// What a report may show, besides the logs themselves.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Replace names by "Groep A/B/…".
    pub anonymize: bool,
    /// Include the gespreksleider's private notes (`--include-private`): for their own copy only.
    pub include_private: bool,
    /// Include the answers the room never saw (`--include-unrevealed`), marked as such; by
    /// default they are in no report and no format, as if never given.
    pub include_unrevealed: bool,
    /// One municipality's own report (`--group NAME`): its choices, notes and actions; its
    /// peers' choices without their names.
    pub group: Option<String>,
    /// The CSV's field separator (`--csv-sep`); by default what the report's language's Excel
    /// splits on: `;` for Dutch (whose decimal separator is the comma), `,` for English.
    pub csv_separator: Option<u8>,
}

/// Which notes a report may show: room notes always; a group note only in that group's own
/// report; private notes only when asked for.
fn keep_note(note: &crate::session::Note, state: &State, options: &Options) -> bool {
    use crate::session::Visibility;
    let own = |g: Option<crate::session::GroupId>| {
        options.group.as_deref().is_some_and(|name| g.is_some_and(|g| same_name(state.group_name(g), name)))
    };
    match note.visibility {
        // Said to the room: in every municipality's report (a peer's name in it is replaced).
        Visibility::Room => true,
        // The gespreksleider's own complete copy (`--include-private`, whole session) has every note.
        Visibility::Group => own(note.about) || (options.include_private && options.group.is_none()),
        Visibility::Private => {
            options.include_private && (options.group.is_none() || note.about.is_none() || own(note.about))
        }
    }
}

/// Municipality names as people type them on a command line: matched as the anonymiser matches
/// them ([`crate::anonymize::normalize`]: case, accents, invisible characters, hyphens and a
/// leading "Gemeente" aside), so `--group "Gemeente Huizen"` is Huizen.
pub fn same_name(a: &str, b: &str) -> bool {
    crate::session::state::same_municipality(a, b) || {
        let (a, b) = (crate::anonymize::normalize(a), crate::anonymize::normalize(b));
        !a.is_empty() && a == b
    }
}

/// Everything a report shows, built once from the logs.
pub struct Report<'a> {
    pub deck: &'a Deck,
    pub lang: Lang,
    pub sessions: Vec<SessionLog>,
    pub options: Options,
    /// Per session, the municipality a `--group` report is for.
    own: Vec<Option<crate::session::GroupId>>,
}

impl<'a> Report<'a> {
    /// A report for everyone at the table: room notes only, no private or group notes.
    pub fn new(deck: &'a Deck, lang: Lang, sessions: Vec<SessionLog>, anonymize: bool) -> Self {
        Self::with(deck, lang, sessions, Options { anonymize, ..Options::default() })
    }

    /// A report with the given options. Notes nobody asked for are gone before any format sees
    /// the sessions, so no format can leak them. Anonymising uses a fresh alias table; to keep
    /// aliases across publications and redact names, use [`Report::published`].
    pub fn with(deck: &'a Deck, lang: Lang, sessions: Vec<SessionLog>, options: Options) -> Self {
        let mut fresh = crate::anonymize::Anonymizer::new(crate::anonymize::AliasTable::new(), Vec::new(), lang);
        Self::published(deck, lang, sessions, options, &mut fresh)
    }

    /// A report whose anonymisation (when `options.anonymize`) goes through `anonymizer`: the
    /// same aliases as the series report and earlier publications, the redact file's names,
    /// e-mail addresses, phone numbers and postcodes replaced, titles and file names never shown.
    pub fn published(
        deck: &'a Deck,
        lang: Lang,
        mut sessions: Vec<SessionLog>,
        options: Options,
        anonymizer: &mut crate::anonymize::Anonymizer,
    ) -> Self {
        for s in &mut sessions {
            let state = s.state.clone();
            s.state.notes.retain(|n| keep_note(n, &state, &options));
            if !options.include_unrevealed {
                // An answer the room never saw is not a finding: gone from every format.
                for play in s.state.plays.iter_mut().filter(|p| !p.is_revealed()) {
                    play.choices.clear();
                    play.drafts.clear();
                }
            }
        }
        let mut own = vec![None; sessions.len()];
        if let Some(name) = &options.group {
            sessions.retain(|s| s.state.setup.groups.iter().any(|g| same_name(&g.name, name)));
            own = sessions
                .iter_mut()
                .map(|s| {
                    let peers = peer_names(&s.state, name, lang);
                    let file = s.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
                    s.path = PathBuf::from(peers.replace_in(&file));
                    only_for(&mut s.state, name, &peers)
                })
                .collect();
        }
        if options.anonymize {
            publish(&mut sessions, deck, lang, anonymizer);
        }
        Report { deck, lang, sessions, options, own }
    }

    /// Every warning, in the report's language, prefixed with the log it is about. A warning can
    /// quote a damaged log line: it is cleaned like every text from outside.
    pub fn warnings(&self) -> Vec<String> {
        self.sessions
            .iter()
            .flat_map(|s| {
                s.warnings.iter().map(|w| {
                    // A published report quotes nothing of a damaged line: it can hold a name.
                    let why =
                        if self.options.anonymize { w.describe_published(self.lang) } else { w.describe(self.lang) };
                    let text = format!("{}: {}", s.path.display(), why);
                    crate::scenario::clean(&text).into_owned()
                })
            })
            .collect()
    }

    pub fn summaries(&self) -> Vec<SessionSummary> {
        self.sessions.iter().map(|s| summary::session(s, self.deck, self.lang, self.viewer(s))).collect()
    }

    /// Whose report a session is shown for: its own municipality's, in a `--group` report.
    fn viewer(&self, s: &SessionLog) -> summary::Viewer {
        let own =
            self.sessions.iter().position(|x| std::ptr::eq(x, s)).and_then(|i| self.own.get(i).copied().flatten());
        summary::Viewer { own }
    }

    pub fn aggregate(&self) -> Option<Aggregate> {
        (self.sessions.len() > 1).then(|| summary::aggregate(&self.sessions, self.deck, self.lang))
    }

    /// The report as the bytes of its file: UTF-8 text, or an xlsx / docx file.
    pub fn render_bytes(&self, format: Format) -> Result<Vec<u8>, DebriefError> {
        match format {
            Format::Xlsx => xlsx::render(self),
            Format::Docx => docx::render(self),
            text => self.render(text).map(String::into_bytes),
        }
    }

    /// A text format as a string; xlsx and docx are files, see [`Report::render_bytes`].
    pub fn render(&self, format: Format) -> Result<String, DebriefError> {
        match format {
            Format::Xlsx | Format::Docx => {
                Err(DebriefError::Write("xlsx and docx are files: write them with --output FILE".into()))
            }
            Format::Markdown => Ok(markdown::render(self)),
            Format::Html => Ok(html::render(self)),
            Format::Csv => csv::render(self),
            Format::Json => {
                let states: Vec<&State> = self.sessions.iter().map(|s| &s.state).collect();
                let value =
                    if states.len() == 1 { serde_json::to_value(states[0]) } else { serde_json::to_value(&states) };
                let text = value
                    .map(|mut v| {
                        label_options(&mut v, self.deck, self.lang);
                        v
                    })
                    .and_then(|v| serde_json::to_string_pretty(&v))
                    .map_err(|e| DebriefError::Write(e.to_string()))?;
                Ok(escape_controls(&text))
            }
        }
    }
}

/// Gives every answer in the JSON report an `option_label` beside its `option` id: the option's
/// text, or for an answer outside the options what it is ("anders / combinatie", "geen keuze"),
/// so a reader of the JSON need not know the ids `_other` and `_none`. The ids stay as they were.
fn label_options(value: &mut serde_json::Value, deck: &Deck, lang: Lang) {
    if let Some(states) = value.as_array_mut() {
        states.iter_mut().for_each(|s| label_options(s, deck, lang));
        return;
    }
    let Some(plays) = value.get_mut("plays").and_then(|p| p.as_array_mut()) else { return };
    for play in plays {
        let card = play.get("card").and_then(|c| c.as_str()).and_then(|id| deck.card(&CardId::from(id))).cloned();
        let Some(choices) = play.get_mut("choices").and_then(|c| c.as_object_mut()) else { continue };
        for choice in choices.values_mut() {
            let Some(id) = choice.get("option").and_then(|o| o.as_str()).map(OptionId::from) else { continue };
            let label = match crate::session::Outside::of(&id) {
                Some(outside) => Some(outside.label(lang).to_string()),
                None => card.as_ref().and_then(|c| c.option(&id)).map(|o| o.label.get(lang).to_string()),
            };
            if let (Some(label), Some(object)) = (label, choice.as_object_mut()) {
                object.insert("option_label".into(), serde_json::Value::String(label));
            }
        }
    }
}

/// Anonymises the sessions for publication through the shared anonymiser: municipalities under
/// their aliases, the facilitators and every name in free text replaced, titles and file names
/// replaced by neutral ones (they name the municipalities).
fn publish(sessions: &mut [SessionLog], deck: &Deck, lang: Lang, a: &mut crate::anonymize::Anonymizer) {
    // In a `--group` report the peers are already "andere gemeente": that is no municipality.
    let peer = words::OTHER_MUNICIPALITY.get(lang);
    // The municipalities of a follow-up are municipalities too, also those not at this table.
    let names: Vec<String> = sessions
        .iter()
        .flat_map(|s| {
            let state = &s.state;
            state
                .setup
                .groups
                .iter()
                .map(|g| g.name.clone())
                .chain(state.follow_up.iter().map(|(a, _)| a.group.clone()))
                .chain(state.previous_answers.iter().map(|a| a.group.clone()))
        })
        .filter(|n| n != peer)
        .collect();
    // The deck's words first: those it writes in lower case are ordinary words ("buren"), which
    // a municipality or person of that name matches only where written as a name.
    a.allow_words(crate::anonymize::deck_texts(deck));
    a.add_municipalities(names.iter().map(String::as_str));
    let people: Vec<String> = sessions.iter().map(|s| s.state.setup.facilitator.clone()).collect();
    a.add_people(people.iter().map(String::as_str).filter(|p| !p.trim().is_empty()));
    let word = words::SESSION.get(lang);
    for (i, s) in sessions.iter_mut().enumerate() {
        let state = &mut s.state;
        state.setup.title = format!("{word} {}", i + 1);
        state.setup.facilitator = String::new();
        for g in state.setup.groups.iter_mut().filter(|g| g.name != peer) {
            g.name = a.municipality(&g.name);
        }
        for play in &mut state.plays {
            for choice in play.choices.values_mut() {
                choice.rationale = a.text(&choice.rationale);
            }
            for draft in play.drafts.values_mut() {
                *draft = a.text(draft);
            }
        }
        for note in &mut state.notes {
            note.text = a.text(&note.text);
        }
        for finding in &mut state.findings {
            finding.text = a.text(&finding.text);
        }
        for assessment in &mut state.assessments {
            assessment.why = a.text(&assessment.why);
        }
        // The place names the municipality: a published report has none.
        state.place = String::new();
        state.scope = a.text(&state.scope);
        for action in &mut state.actions {
            action.what = a.text(&action.what);
            action.due = a.text(&action.due);
            if let crate::session::Owner::Other(text) = &action.owner {
                action.owner = crate::session::Owner::Other(a.text(text));
            }
        }
        for (previous, _) in &mut state.follow_up {
            previous.group = a.municipality(&previous.group);
            previous.what = a.text(&previous.what);
            previous.due = a.text(&previous.due);
            if let crate::session::Owner::Other(text) = &previous.owner {
                previous.owner = crate::session::Owner::Other(a.text(text));
            }
        }
        // The previous session is named by its date only: its title and file name name the
        // municipalities.
        state.follow_up_title = None;
        if state.follow_up_from.is_some() {
            state.follow_up_from = Some(String::new());
        }
        for answer in &mut state.previous_answers {
            answer.group = a.municipality(&answer.group);
        }
        // Ids from the previous log are published only as the deck knows them: a hand-edited
        // log could carry any text in an id.
        let known = |card: &crate::scenario::CardId| deck.card(card).is_some();
        state.previous_answers.retain(|p| deck.card(&p.card).is_some_and(|c| c.option(&p.option).is_some()));
        state.previous_played.retain(known);
        s.path = PathBuf::from(format!("{}-{}.jsonl", word.to_lowercase(), i + 1));
    }
}
