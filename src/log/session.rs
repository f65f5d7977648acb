//! A session kept in a log file: the file journal, and the ways to open one (start a new log,
//! resume one, annotate one afterwards, read one back). The engine ([`crate::session`]) knows
//! the log only as a [`Journal`]; everything here touches the file.

use std::path::Path;

use super::{LogError, LogProblem, LogWarning, LogWriter, ProblemKind};
use crate::scenario::Deck;
use crate::session::{Clock, Journal, Record, Session, SessionError, Setup, State};

impl Journal for LogWriter {
    fn append(&mut self, record: &Record) -> Result<(), LogError> {
        LogWriter::append(self, record)
    }

    fn path(&self) -> &Path {
        LogWriter::path(self)
    }

    fn settle(&mut self) -> Result<(), LogError> {
        LogWriter::settle(self)
    }
}

/// A session read back from its log: what resume, review and the reports start from.
#[derive(Debug, Clone)]
pub struct Replay {
    pub state: State,
    pub records: Vec<Record>,
    /// What was wrong with the log (damaged lines, skipped events, another deck), for the user.
    pub warnings: Vec<LogWarning>,
}

/// Reads a log and folds it. Damage becomes warnings; only a log with no session at all fails.
pub fn replay(path: &Path, deck: &Deck) -> Result<Replay, SessionError> {
    let read = super::read(path)?;
    let mut warnings: Vec<LogWarning> = read.problems.iter().cloned().map(LogWarning::Problem).collect();
    let (state, rejected) =
        State::fold(&read.records).map_err(|source| SessionError::Unusable { path: path.to_path_buf(), source })?;
    for (seq, why) in rejected {
        let line = read.records.iter().position(|r| r.seq == seq).and_then(|i| read.lines.get(i)).copied().unwrap_or(0);
        let kind = ProblemKind::Rejected {
            nl: why.describe(crate::scenario::Lang::Nl),
            en: why.describe(crate::scenario::Lang::En),
        };
        warnings.push(LogWarning::Problem(LogProblem { line, kind }));
    }
    if state.deck_digest != deck.digest
        && let Some(note) = super::deck_for_log(path, Some(deck.clone())).ok().and_then(|d| d.note)
    {
        warnings.push(LogWarning::Deck(note));
    }
    Ok(Replay { state, records: read.records, warnings })
}

/// The first note that forbids appending to the log at `path` with the deck used, as an error.
fn refuse_other_deck(path: &Path, warnings: &[LogWarning]) -> Result<(), SessionError> {
    match warnings.iter().find_map(|w| match w {
        LogWarning::Deck(note) if !note.allows_appending() => Some(note.clone()),
        _ => None,
    }) {
        Some(note) => Err(SessionError::OtherDeck { path: path.to_path_buf(), note: Box::new(note) }),
        None => Ok(()),
    }
}

impl<C: Clock> Session<C> {
    /// Starts a new session and its log at `path` (which must not exist yet). The setup and the
    /// deck are checked first: a refused start leaves no file behind. The log's header records
    /// the deck as played.
    pub fn start(deck: Deck, setup: Setup, path: &Path, clock: C) -> Result<Self, SessionError> {
        crate::session::validate_setup(&deck, &setup)?;
        let log = LogWriter::create(path, &deck)?;
        let started = Self::start_in(deck, setup, log, clock).and_then(|mut session| {
            session.settle_journal()?;
            Ok(session)
        });
        if started.is_err() {
            // Only a header, or not even that: no session to keep.
            let _ = std::fs::remove_file(path);
        }
        started
    }

    /// Rebuilds a session from its log and continues appending to it, with `deck`, which must be
    /// the deck the session was played with. Takes the log's lock first: a log another console
    /// writes is refused. The time since the last event is recorded as a pause, so card time,
    /// session time and timed developments go on where they were. Returns the problems the log
    /// had (torn tail, corrupt lines) for the facilitator to see.
    pub fn resume(deck: Deck, path: &Path, clock: C) -> Result<(Self, Vec<LogWarning>), SessionError> {
        let log = LogWriter::append_to(path)?;
        let Replay { state, records, mut warnings } = replay(path, &deck)?;
        refuse_other_deck(path, &warnings)?;
        warnings.retain(|w| matches!(w, LogWarning::Problem(_)));
        let mut session = Session::carry_on(deck, state, records, Box::new(log), clock);
        session.pause_downtime()?;
        Ok((session, warnings))
    }

    /// Opens a log to add the facilitator's findings, assessments and details afterwards
    /// (`weerbaar review LOG --finding …`): takes the log's lock like [`Session::resume`] (a log
    /// a console is still writing is refused) and appends only, never rewriting a line. Unlike
    /// resume it records no pause: nothing was played.
    pub fn annotate(path: &Path, given: Option<Deck>, clock: C) -> Result<(Self, Vec<LogWarning>), SessionError> {
        let found = super::deck_for_log(path, given)?;
        let log = LogWriter::append_to(path)?;
        let Replay { state, records, warnings } = replay(path, &found.deck)?;
        refuse_other_deck(path, &warnings)?;
        let warnings = warnings.into_iter().filter(|w| matches!(w, LogWarning::Problem(_))).collect();
        Ok((Session::carry_on(found.deck, state, records, Box::new(log), clock), warnings))
    }

    /// Resumes the log at `path` with the deck recorded in it, or `given` (`--deck`) for a log
    /// written before decks were recorded.
    pub fn resume_log(path: &Path, given: Option<Deck>, clock: C) -> Result<(Self, Vec<LogWarning>), SessionError> {
        let found = super::deck_for_log(path, given)?;
        Self::resume(found.deck, path, clock)
    }

    /// Moves the log to a new file after a write failure: writes every event so far to `path`
    /// and continues there. The old file is left as it is.
    pub fn relocate(&mut self, path: &Path) -> Result<(), SessionError> {
        let log = LogWriter::create(path, self.deck())?;
        self.move_to(log)
    }
}
