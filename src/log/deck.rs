//! The deck as played, recorded in the log's header, and how a reader finds the deck of a log.
//!
//! A log that carries its deck stands alone: a card later removed or reworded, a deck of one's
//! own, a machine without that deck: resume, review, the audience screen and the reports still
//! show what the room saw. `--deck` becomes an override, and when it differs from the recorded
//! deck the reader is told exactly how. Logs from before decks were recorded keep working with
//! `--deck` (or the bundled deck), and say so.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{LogError, read, read_header};
use crate::scenario::{self, Deck, DeckError, Lang, Source, clean};
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
    pub fn to_deck(&self) -> Result<Deck, String> {
        let sources =
            self.files.iter().map(|f| Source { path: f.path.clone(), bytes: f.text.clone().into_bytes() }).collect();
        let deck = scenario::load_sources(sources).into_deck().map_err(|e| clean(&e.to_string()).into_owned())?;
        if deck.digest != self.digest {
            return Err("its files do not match the recorded digest".into());
        }
        Ok(deck)
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

/// The deck to read a log with, and what the reader should know about it.
#[derive(Debug, Clone)]
pub struct LogDeck {
    pub deck: Deck,
    /// `None` when the deck is exactly the one played and recorded in the log.
    pub note: Option<DeckNote>,
}

#[derive(Debug, thiserror::Error)]
pub enum LogDeckError {
    #[error(transparent)]
    Log(#[from] LogError),
    #[error("{path}: the deck recorded in the log cannot be read ({why}); give the deck it was played with by --deck")]
    Recorded { path: std::path::PathBuf, why: String },
    #[error(transparent)]
    Deck(#[from] DeckError),
}

impl LogDeckError {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (LogDeckError::Log(e), _) => e.describe(lang),
            (LogDeckError::Recorded { path, why }, Lang::Nl) => format!(
                "{}: het deck in het logboek is onleesbaar ({why}); geef het gespeelde deck op met --deck",
                clean(&path.display().to_string())
            ),
            (e, _) => clean(&e.to_string()).into_owned(),
        }
    }
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
