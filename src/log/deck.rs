//! The deck as played, recorded in the log's header, and how a reader finds the deck of a log.
//!
//! A log that carries its deck stands alone: a card later removed or reworded, a deck of one's
//! own, a machine without that deck: resume, review, the audience screen and the reports still
//! show what the room saw. `--deck` becomes an override, and when it differs from the recorded
//! deck the reader is told exactly how. Logs from before decks were recorded keep working with
//! `--deck` (or the bundled deck), and say so.

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use crate::session::journal::{DeckDiff, DeckNote, LogDeckError, RecordedDeckError};

use super::{read, read_header};
use crate::scenario::{self, Deck, Source};
use crate::session::Event;

/// The deck's files as they were when the session started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckRecord {
    pub id: String,
    /// The deck's digest ([`Deck::digest`]); the files must hash to it.
    pub digest: String,
    pub files: Vec<DeckFile>,
}

/// One file of a recorded deck, by its path inside the deck (`deck.ron`, `cards/x.ron`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeckFile {
    pub path: String,
    pub text: String,
}

impl DeckRecord {
    /// The record of `deck`, with paths relative to its folder (as the digest sees them).
    pub fn of(deck: &Deck) -> DeckRecord {
        let root = deck
            .sources
            .iter()
            .find(|s| Path::new(&s.path).file_name().is_some_and(|n| n == "deck.ron"))
            .and_then(|s| Path::new(&s.path).parent().map(Path::to_path_buf))
            .unwrap_or_default();
        let files = deck
            .sources
            .iter()
            .map(|s| {
                let rel = Path::new(&s.path).strip_prefix(&root).unwrap_or(Path::new(&s.path));
                DeckFile {
                    path: rel.to_string_lossy().replace('\\', "/"),
                    text: String::from_utf8_lossy(&s.bytes).into_owned(),
                }
            })
            .collect();
        DeckRecord { id: deck.manifest.id.clone(), digest: deck.digest.clone(), files }
    }

    /// The deck again, loaded from the recorded files; fails when they do not make the deck
    /// they claim to be (a damaged header).
    pub fn to_deck(&self) -> Result<Deck, RecordedDeckError> {
        let sources =
            self.files.iter().map(|f| Source { path: f.path.clone(), bytes: f.text.clone().into_bytes() }).collect();
        let deck = scenario::load_sources(sources).into_deck().map_err(RecordedDeckError::Invalid)?;
        if deck.digest != self.digest {
            return Err(RecordedDeckError::Digest);
        }
        Ok(deck)
    }
}

/// The deck to read a log with, and what the reader should know about it.
#[derive(Debug, Clone)]
pub struct LogDeck {
    pub deck: Deck,
    /// `None` when the deck is exactly the one played and recorded in the log.
    pub note: Option<DeckNote>,
}

/// Finds the deck for the log at `path`: the recorded one, unless `given` (`--deck`) overrides
/// it. A log without a recorded deck uses `given`, or the bundled deck.
pub fn deck_for_log(path: &Path, given: Option<Deck>) -> Result<LogDeck, LogDeckError> {
    let header = read_header(path)?;
    if let Some(record) = &header.deck {
        let recorded = record.to_deck().map_err(|why| LogDeckError::Recorded { path: path.to_path_buf(), why });
        return Ok(match given {
            None => LogDeck { deck: recorded?, note: None },
            Some(deck) if deck.digest == record.digest => LogDeck { deck, note: None },
            Some(deck) if deck.manifest.id != record.id => {
                let note = DeckNote::AnotherDeck { played: record.id.clone(), used: deck.manifest.id.clone() };
                LogDeck { deck, note: Some(note) }
            }
            Some(deck) => {
                let diff = match &recorded {
                    Ok(played) => DeckDiff::between(played, &deck),
                    Err(_) => DeckDiff { manifest: true, ..DeckDiff::default() },
                };
                LogDeck { note: Some(DeckNote::AnotherVersion { deck_id: record.id.clone(), diff }), deck }
            }
        });
    }
    let deck = match given {
        Some(deck) => deck,
        None => scenario::load_deck(None)?,
    };
    let (played, digest) = match read(path)?.records.first().map(|r| &r.event) {
        Some(Event::SessionStarted { deck_id, deck_digest, .. }) => (deck_id.clone(), deck_digest.clone()),
        _ => (String::new(), String::new()),
    };
    let same_version = digest == deck.digest;
    let note = DeckNote::NotRecorded { played, used: deck.manifest.id.clone(), same_version };
    Ok(LogDeck { deck, note: Some(note) })
}
