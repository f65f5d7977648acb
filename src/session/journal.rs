//! Where a session's events go: the journal. [`Session`](super::Session) checks a command,
//! hands the event to its journal, and applies it only once the journal took it, so what a screen
//! shows is always recorded. The engine knows the journal only by this trait: the file journal
//! (an append-only JSON Lines log, synced per line) lives in [`crate::log`]; the
//! [`MemoryJournal`] serves the simulator and tests, which need no file.
//!
//! Also here, because the engine's errors carry them: the log format's limits and version, why a
//! log cannot be used ([`LogError`]), and which deck a log is read with ([`DeckNote`]). They are
//! data only; every file access is in [`crate::log`].

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::event::Record;
use crate::scenario::{Deck, DeckError, Lang, clean};

/// Takes a session's events, in order, each before it is applied.
pub trait Journal {
    /// Records `record` durably, or says why not; on an error nothing of it counts as recorded.
    fn append(&mut self, record: &Record) -> Result<(), LogError>;

    /// Where the journal is kept, for messages (empty for one in memory).
    fn path(&self) -> &Path;

    /// Makes durable what a new journal was given before anything of it was shown (a new file's
    /// header and first events, synced once instead of line by line). Called once a session is
    /// started or moved, before it is used; a journal that makes each record durable as it takes
    /// it has nothing to do.
    fn settle(&mut self) -> Result<(), LogError> {
        Ok(())
    }

    /// The longest line (an event as JSON) the journal's reader takes back, if it has a reader:
    /// the session refuses a longer event rather than record what would be lost on reading.
    fn max_line(&self) -> Option<usize> {
        Some(MAX_LINE)
    }
}

/// A journal that keeps nothing beyond what the session itself holds: for the simulator and
/// tests, which play sessions without a file.
#[derive(Debug, Clone)]
pub struct MemoryJournal {
    appended: usize,
    max_line: Option<usize>,
}

impl Default for MemoryJournal {
    fn default() -> Self {
        MemoryJournal::new()
    }
}

impl MemoryJournal {
    /// A journal with the log file's limits, so a session in memory refuses what a log would.
    pub fn new() -> MemoryJournal {
        MemoryJournal { appended: 0, max_line: Some(MAX_LINE) }
    }

    /// A journal that checks no line length: for the simulator, whose events are made by the
    /// machine, small, and many (measuring each as JSON would be most of its time).
    pub fn unlimited() -> MemoryJournal {
        MemoryJournal { appended: 0, max_line: None }
    }

    /// How many events it took.
    pub fn appended(&self) -> usize {
        self.appended
    }
}

impl Journal for MemoryJournal {
    fn append(&mut self, _record: &Record) -> Result<(), LogError> {
        self.appended += 1;
        Ok(())
    }

    fn path(&self) -> &Path {
        Path::new("")
    }

    fn max_line(&self) -> Option<usize> {
        self.max_line
    }
}

/// The longest event line read back. Real events are a few hundred bytes (a long rationale a few
/// KiB); a longer line is damage or an attack, and is reported instead of filling the memory.
pub const MAX_LINE: usize = 1 << 20;
/// The largest log read: ten times the 100,000-event benchmark log.
pub const MAX_LOG: u64 = 256 << 20;

/// The log format version written on the first line.
pub const SCHEMA: u32 = 1;

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("{path} already exists; a log is never overwritten (use --resume to continue it)")]
    Exists { path: PathBuf },
    #[error("{path} is empty: it holds no Weerbaar session")]
    Empty { path: PathBuf },
    #[error("{path}:1: not a Weerbaar log (the first line must be the log header)")]
    NotALog { path: PathBuf },
    #[error("{path}:1: log schema version {found} is newer than this Weerbaar understands ({SCHEMA}); update Weerbaar")]
    UnknownSchema { path: PathBuf, found: u32 },
    #[error("{path} was deleted or replaced while this console was writing it; nothing more is recorded there")]
    Gone { path: PathBuf },
    #[error("{path} is being written by another Weerbaar console")]
    Locked { path: PathBuf },
    #[error("{path} is {kind}, not a log file")]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{path} is larger than {} MiB: not a Weerbaar log", MAX_LOG >> 20)]
    TooLarge { path: PathBuf },
}

impl LogError {
    /// The error in the reader's language (file names and OS messages cleaned for the terminal).
    pub fn describe(&self, lang: Lang) -> String {
        let shown = |p: &Path| clean(&p.display().to_string()).into_owned();
        match (self, lang) {
            (LogError::Io { path, source }, _) => {
                format!("{}: {}", shown(path), crate::scenario::text::io_error(source, lang))
            }
            (_, Lang::En) => clean(&self.to_string()).into_owned(),
            (LogError::Exists { path }, Lang::Nl) => {
                format!(
                    "{} bestaat al; een logboek wordt nooit overschreven (gebruik --resume om verder te gaan)",
                    shown(path)
                )
            }
            (LogError::Empty { path }, Lang::Nl) => {
                format!("{} is leeg: er staat geen Weerbaar-sessie in", shown(path))
            }
            (LogError::NotALog { path }, Lang::Nl) => {
                format!("{}:1: geen Weerbaar-logboek (de eerste regel moet de kop van het logboek zijn)", shown(path))
            }
            (LogError::UnknownSchema { path, found }, Lang::Nl) => format!(
                "{}:1: logboekversie {found} is nieuwer dan deze Weerbaar begrijpt ({SCHEMA}); werk Weerbaar bij",
                shown(path)
            ),
            (LogError::Gone { path }, Lang::Nl) => format!(
                "{} is verwijderd of vervangen terwijl deze console erin schreef; daar wordt niets meer vastgelegd",
                shown(path)
            ),
            (LogError::Locked { path }, Lang::Nl) => {
                format!("in {} schrijft al een andere Weerbaar-console", shown(path))
            }
            (LogError::NotAFile { path, kind }, Lang::Nl) => {
                format!("{} is {}, geen logbestand", shown(path), kind_nl(kind))
            }
            (LogError::TooLarge { path }, Lang::Nl) => {
                format!("{} is groter dan {} MiB: geen Weerbaar-logboek", shown(path), MAX_LOG >> 20)
            }
        }
    }
}

fn kind_nl(kind: &str) -> &'static str {
    match kind {
        "a directory" => "een map",
        "a named pipe (FIFO)" => "een named pipe (FIFO)",
        "a device" => "een apparaat",
        "a socket" => "een socket",
        _ => "geen gewoon bestand",
    }
}

/// How two versions of one deck differ, card by card.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeckDiff {
    pub changed: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// The manifest (title, dimensions, agendas) differs.
    pub manifest: bool,
}

impl DeckDiff {
    /// What changed from `played` to `used`.
    pub fn between(played: &Deck, used: &Deck) -> DeckDiff {
        let ids = |d: &Deck| d.cards.iter().map(|c| c.id.to_string()).collect::<BTreeSet<_>>();
        let (before, after) = (ids(played), ids(used));
        let changed = before
            .intersection(&after)
            .filter(|id| {
                let a = played.cards.iter().find(|c| c.id.as_str() == id.as_str());
                let b = used.cards.iter().find(|c| c.id.as_str() == id.as_str());
                a.map(json) != b.map(json)
            })
            .cloned()
            .collect();
        DeckDiff {
            changed,
            added: after.difference(&before).cloned().collect(),
            removed: before.difference(&after).cloned().collect(),
            manifest: json(&played.manifest) != json(&used.manifest),
        }
    }

    fn describe(&self, lang: Lang) -> String {
        let (changed, added, removed, manifest, none) = match lang {
            Lang::Nl => (
                "kaarten gewijzigd",
                "toegevoegd",
                "verwijderd",
                "deckgegevens of agenda's gewijzigd",
                "geen kaart gewijzigd",
            ),
            Lang::En => ("cards changed", "added", "removed", "deck details or agendas changed", "no card changed"),
        };
        let mut parts = Vec::new();
        for (word, list) in [(changed, &self.changed), (added, &self.added), (removed, &self.removed)] {
            if !list.is_empty() {
                parts.push(format!("{word}: {}", clean(&list.join(", "))));
            }
        }
        if self.manifest {
            parts.push(manifest.to_string());
        }
        if parts.is_empty() {
            parts.push(none.to_string());
        }
        parts.join("; ")
    }
}

/// A card or manifest in canonical form, to compare two versions of it.
fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// Where the deck used to read a log came from, when that is worth saying.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeckNote {
    /// The deck used (`--deck`, or the first log's deck in a report of several) is another deck
    /// than the one played; its texts are shown.
    AnotherDeck { played: String, used: String },
    /// The deck used is another version of the deck played.
    AnotherVersion { deck_id: String, diff: DeckDiff },
    /// The log was written before decks were recorded; the deck comes from `--deck` or the
    /// bundled deck, and may or may not be the version played.
    NotRecorded { played: String, used: String, same_version: bool },
}

impl DeckNote {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (DeckNote::AnotherDeck { played, used }, Lang::En) => format!(
                "the session was played with deck `{}`, not with the deck used here, `{}`; the texts shown are those of `{}`",
                clean(played),
                clean(used),
                clean(used)
            ),
            (DeckNote::AnotherDeck { played, used }, Lang::Nl) => format!(
                "de sessie is gespeeld met deck `{}`, niet met het deck dat hier gebruikt wordt, `{}`; de getoonde teksten komen uit `{}`",
                clean(played),
                clean(used),
                clean(used)
            ),
            (DeckNote::AnotherVersion { deck_id, diff }, Lang::En) => format!(
                "the deck used here is another version of deck `{}` than the one played ({}); the texts shown are those of the deck used here",
                clean(deck_id),
                diff.describe(lang)
            ),
            (DeckNote::AnotherVersion { deck_id, diff }, Lang::Nl) => format!(
                "het deck dat hier gebruikt wordt is een andere versie van deck `{}` dan die gespeeld is ({}); de getoonde teksten komen uit dat deck",
                clean(deck_id),
                diff.describe(lang)
            ),
            (DeckNote::NotRecorded { played, used, same_version }, Lang::En) => {
                let how = if *same_version {
                    "the same version as played".to_string()
                } else if played == used {
                    "another version than the one played; texts may differ".to_string()
                } else {
                    format!("another deck than `{}` played; cards may be missing", clean(played))
                };
                format!(
                    "this log was written before decks were recorded in logs; using deck `{}` ({how}); give the deck it was played with by --deck",
                    clean(used)
                )
            }
            (DeckNote::NotRecorded { played, used, same_version }, Lang::Nl) => {
                let how = if *same_version {
                    "dezelfde versie als gespeeld".to_string()
                } else if played == used {
                    "een andere versie dan gespeeld; teksten kunnen verschillen".to_string()
                } else {
                    format!("een ander deck dan het gespeelde `{}`; kaarten kunnen ontbreken", clean(played))
                };
                format!(
                    "dit logboek is geschreven voordat decks in het logboek werden vastgelegd; deck `{}` wordt gebruikt ({how}); geef het gespeelde deck op met --deck",
                    clean(used)
                )
            }
        }
    }

    /// Whether a session may go on writing with this deck: only with the deck it was played with.
    pub fn allows_appending(&self) -> bool {
        matches!(self, DeckNote::NotRecorded { same_version: true, .. })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LogDeckError {
    #[error(transparent)]
    Log(#[from] LogError),
    #[error("{path}: the deck recorded in the log cannot be read ({}); give the deck it was played with by --deck", why.describe(Lang::En))]
    Recorded { path: std::path::PathBuf, why: RecordedDeckError },
    #[error(transparent)]
    Deck(#[from] DeckError),
}

impl LogDeckError {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (LogDeckError::Log(e), _) => e.describe(lang),
            (LogDeckError::Recorded { path, why }, Lang::Nl) => format!(
                "{}: het deck in het logboek is onleesbaar ({}); geef het gespeelde deck op met --deck",
                clean(&path.display().to_string()),
                why.describe(lang)
            ),
            (LogDeckError::Deck(e), _) => e.describe(lang),
            (e, _) => clean(&e.to_string()).into_owned(),
        }
    }
}

/// Why the deck recorded in a log's header does not make a deck again (a damaged header).
#[derive(Debug)]
pub enum RecordedDeckError {
    /// The recorded files do not load as a deck.
    Invalid(DeckError),
    /// They load, but not as the deck the log names (its digest differs).
    Digest,
}

impl RecordedDeckError {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (RecordedDeckError::Invalid(e), _) => e.describe(lang),
            (RecordedDeckError::Digest, Lang::Nl) => "de bestanden horen niet bij de vastgelegde vingerafdruk".into(),
            (RecordedDeckError::Digest, Lang::En) => "its files do not match the recorded digest".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{CardId, Role};
    use crate::session::{Command, GroupSetup, ManualClock, Session, SessionError, Setup};

    /// A journal whose disk fills up after `room` events.
    struct Filling {
        room: usize,
    }

    impl Journal for Filling {
        fn append(&mut self, _record: &Record) -> Result<(), LogError> {
            if self.room == 0 {
                let source = io::Error::new(io::ErrorKind::StorageFull, "no space left on device");
                return Err(LogError::Io { path: PathBuf::from("full.jsonl"), source });
            }
            self.room -= 1;
            Ok(())
        }

        fn path(&self) -> &Path {
            Path::new("full.jsonl")
        }
    }

    fn setup(deck: &Deck) -> Setup {
        Setup {
            title: "t".into(),
            facilitator: String::new(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            lang: Lang::Nl,
            target_minutes: 120,
            seed: 1,
            agenda: deck.manifest.agendas[0].id.clone(),
            groups: ["Laren", "Huizen"]
                .iter()
                .map(|n| GroupSetup { name: (*n).into(), roles: Role::ALL.to_vec() })
                .collect(),
        }
    }

    fn clock() -> ManualClock {
        ManualClock::new(chrono::DateTime::<chrono::Utc>::default().fixed_offset())
    }

    #[test]
    fn a_session_in_memory_plays_by_the_engines_rules() {
        let deck = crate::scenario::load_deck(None).unwrap();
        let mut session = Session::in_memory(deck.clone(), setup(&deck), clock()).unwrap();
        assert_eq!(session.records().len(), 2, "the start and the agenda");
        assert!(session.log_path().as_os_str().is_empty(), "no file");
        let open = Command::OpenCardFor { card: CardId::from("who-leads-gbt"), groups: Vec::new() };
        session.execute(open.clone()).unwrap();
        let before = session.records().len();
        assert!(matches!(session.execute(open), Err(SessionError::Refused(_))), "a card already open");
        assert_eq!(session.records().len(), before, "a refused command records nothing");
        let seqs: Vec<u64> = session.records().iter().map(|r| r.seq).collect();
        assert_eq!(seqs, (1..=before as u64).collect::<Vec<_>>());
    }

    #[test]
    fn an_event_the_journal_cannot_take_is_not_applied() {
        let deck = crate::scenario::load_deck(None).unwrap();
        let mut session = Session::start_in(deck.clone(), setup(&deck), Filling { room: 2 }, clock()).unwrap();
        let state = session.state().clone();
        let open = Command::OpenCardFor { card: CardId::from("who-leads-gbt"), groups: Vec::new() };
        let e = session.execute(open.clone()).unwrap_err();
        assert!(matches!(e, SessionError::Log(LogError::Io { .. })), "{e}");
        assert_eq!(session.state(), &state, "the screen shows only what was recorded");
        assert_eq!(session.records().len(), 2);
        // Moved to a journal with room, the session goes on where it was.
        session.move_to(MemoryJournal::new()).unwrap();
        session.execute(open).unwrap();
        assert!(session.state().current_play().is_some());
    }

    #[test]
    fn a_session_in_memory_refuses_an_event_too_long_for_the_log() {
        let deck = crate::scenario::load_deck(None).unwrap();
        let mut session = Session::in_memory(deck.clone(), setup(&deck), clock()).unwrap();
        let note = Command::AddNote { text: "x".repeat(MAX_LINE + 1), about: None };
        let e = session.execute(note).unwrap_err();
        assert!(matches!(e, SessionError::Refused(crate::session::Refusal::TooLarge)), "{e}");
    }
}
