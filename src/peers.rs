//! `play --peers DIR`: how earlier sessions answered each card, shown after the reveal
//! ("In 14 eerdere sessies koos 57% optie 2").
//!
//! The logs in DIR (and its subfolders) are read with the series reader ([`crate::series`]:
//! streamed, one log at a time, a deck recorded in many logs parsed once) and only counters are
//! kept: per card, the sessions that revealed answers to it, the distinct municipalities among
//! them and the answers per option. A municipality counts once per session per card. The session
//! being played is left out by its identity (its first event), and so is a second copy of a log.
//! What comes out is an anonymised aggregate: no names, titles or dates, and nothing for a card
//! fewer than [`crate::session::PEERS_MIN`] sessions or municipalities played.
//!
//! The console computes this once at the start and records it in the log
//! ([`crate::session::Event::PeersLoaded`]), so the audience screen and the review show the same
//! line without reading DIR.

use std::path::{Path, PathBuf};

use crate::scenario::{Card, Deck, Lang, clean};
use crate::series::{Series, int};
use crate::session::{PEERS_MIN, PeerCard};

/// The counters live with the series reader that feeds them ([`crate::series::tally`]): one
/// tally, in one place.
pub use crate::series::tally::{SessionKey, Tally, session_key, strict_name};

/// What [`gather`] found.
#[derive(Debug, Default)]
pub struct Gathered {
    /// The cards that may be shown (see [`PeerCard::shareable`]).
    pub cards: Vec<PeerCard>,
    /// Earlier sessions read (the one being played and second copies not counted).
    pub sessions: u64,
    /// Logs left out whole (not a session log, unreadable, empty).
    pub skipped: u64,
    /// Logs read with some damaged lines left out.
    pub damaged: u64,
    /// The session being played was found in the folder and left out.
    pub own_left_out: bool,
}

impl Gathered {
    /// One line for the console's status line: what was read and what was left out.
    pub fn status(&self, lang: Lang) -> String {
        let cards = self.cards.len();
        let mut text = match lang {
            Lang::Nl => format!("Eerdere sessies: {} gelezen", int(self.sessions, lang)),
            Lang::En => format!("Earlier sessions: {} read", int(self.sessions, lang)),
        };
        if self.skipped > 0 {
            text.push_str(&match lang {
                Lang::Nl => format!(", {} kapot overgeslagen", int(self.skipped, lang)),
                Lang::En => format!(", {} broken skipped", int(self.skipped, lang)),
            });
        }
        if self.damaged > 0 {
            text.push_str(&match lang {
                Lang::Nl => format!(", {} met beschadigde regels", int(self.damaged, lang)),
                Lang::En => format!(", {} with damaged lines", int(self.damaged, lang)),
            });
        }
        // Short enough for one row at 80 columns: what was read, then what it is good for.
        text.push_str(&match (lang, cards) {
            (Lang::Nl, 0) => format!("; te weinig om te tonen (minstens {PEERS_MIN} per kaart)"),
            (Lang::En, 0) => format!("; too few to show (at least {PEERS_MIN} a card)"),
            (Lang::Nl, 1) => "; genoeg voor 1 kaart".to_string(),
            (Lang::Nl, n) => format!("; genoeg voor {n} kaarten"),
            (Lang::En, 1) => "; enough for 1 card".to_string(),
            (Lang::En, n) => format!("; enough for {n} cards"),
        });
        text
    }
}

/// Why the folder of earlier sessions could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum PeersError {
    #[error("{0}: no such folder or file")]
    NotFound(PathBuf),
    #[error("{path}: cannot be read: {source}")]
    Unreadable { path: PathBuf, source: std::io::Error },
}

impl PeersError {
    /// The error in the reader's language (file names cleaned of control characters).
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (PeersError::NotFound(p), Lang::Nl) => {
                format!("de map met eerdere sessies bestaat niet: {}", clean(&p.display().to_string()))
            }
            (PeersError::NotFound(p), Lang::En) => {
                format!("the folder of earlier sessions does not exist: {}", clean(&p.display().to_string()))
            }
            (PeersError::Unreadable { path, source }, Lang::Nl) => format!(
                "de map met eerdere sessies is niet te lezen: {}: {}",
                clean(&path.display().to_string()),
                clean(&source.to_string())
            ),
            (PeersError::Unreadable { path, source }, Lang::En) => format!(
                "the folder of earlier sessions cannot be read: {}: {}",
                clean(&path.display().to_string()),
                clean(&source.to_string())
            ),
        }
    }
}

/// Reads every `.jsonl` log in `dir` and its subfolders (or `dir` itself when it is a file) and
/// counts how their sessions answered the cards of `deck`, leaving out the session `own`. Broken
/// logs are skipped and counted; only a folder that does not exist or cannot be listed fails.
pub fn gather(dir: &Path, deck: &Deck, own: Option<SessionKey>, lang: Lang) -> Result<Gathered, PeersError> {
    let meta = check(dir)?;
    let files = if meta.is_dir() {
        let mut files = Vec::new();
        walk(dir, &mut files, 0).map_err(|source| PeersError::Unreadable { path: dir.to_path_buf(), source })?;
        // A fixed order, so which of two copies of a log counts does not depend on the disk.
        files.sort();
        files
    } else {
        vec![dir.to_path_buf()]
    };
    let mut series = Series::new(lang, Some(deck.clone()));
    series.publishing();
    series.count_peers(Tally::new(own));
    let mut found = Gathered::default();
    for file in &files {
        let warnings = series.add(file);
        if warnings.iter().any(|w| w.log_skipped) {
            found.skipped += 1;
        } else if !warnings.is_empty() {
            found.damaged += 1;
        }
    }
    let tally = series.take_peers().unwrap_or_default();
    found.sessions = series.sessions().saturating_sub(u64::from(tally.own_left_out + tally.copies_left_out));
    found.own_left_out = tally.own_left_out > 0;
    found.cards = tally.cards(deck);
    Ok(found)
}

/// Whether `dir` exists and can be read (checked before a session is resumed, so a mistyped
/// folder stops the start before anything is written).
pub fn check(dir: &Path) -> Result<std::fs::Metadata, PeersError> {
    std::fs::metadata(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PeersError::NotFound(dir.to_path_buf()),
        _ => PeersError::Unreadable { path: dir.to_path_buf(), source: e },
    })
}

/// How deep subfolders are followed (a guard against a loop of bind mounts).
const MAX_DEPTH: usize = 16;

/// The `.jsonl` regular files under `dir`. Symbolic links to folders are not followed (no loops);
/// an unreadable subfolder is passed over, only `dir` itself must be readable.
fn walk(dir: &Path, files: &mut Vec<PathBuf>, depth: usize) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)?.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                let _ = walk(&path, files, depth + 1);
            }
        } else if path.extension().is_some_and(|e| e == "jsonl") && std::fs::metadata(&path).is_ok_and(|m| m.is_file())
        {
            files.push(path);
        }
    }
    Ok(())
}

/// Whole percentages of `counts`: each the exact share rounded down or up, and equal counts
/// always equal. They add up to 100 (largest remainder) unless that would lift only some of
/// several equal shares; then those are rounded to the nearest whole number together, so 1, 1, 1
/// is 33, 33, 33 and 1, 4, 1 is 17, 67, 17, never 34, 33, 33.
pub fn percentages(counts: &[u32]) -> Vec<u32> {
    let total: u64 = counts.iter().map(|n| u64::from(*n)).sum();
    if total == 0 {
        return vec![0; counts.len()];
    }
    let mut shares: Vec<u32> = counts.iter().map(|n| (u64::from(*n) * 100 / total) as u32).collect();
    let given: u32 = shares.iter().sum();
    // The remainder of n/total in hundredths is (n*100) mod total.
    let remainder = |i: usize| counts.get(i).map_or(0, |n| (u64::from(*n) * 100) % total);
    let mut order: Vec<usize> = (0..counts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(remainder(i)));
    let mut left = 100u32.saturating_sub(given) as usize;
    let mut at = 0;
    while left > 0 && at < order.len() {
        // The shares with this remainder: all of them go up, or none.
        let r = order.get(at).map_or(0, |&i| remainder(i));
        let tied: Vec<usize> = order.iter().skip(at).copied().take_while(|&i| remainder(i) == r).collect();
        let half_or_more = 2 * r >= total;
        if r == 0 || (tied.len() > left && !half_or_more) {
            break;
        }
        for i in &tied {
            if let Some(s) = shares.get_mut(*i) {
                *s += 1;
            }
        }
        left = left.saturating_sub(tied.len());
        at += tied.len();
    }
    shares
}

/// The line shown after the reveal: "In 14 eerdere sessies koos 57% optie 2", then the other
/// options chosen (" · optie 1: 29% · optie 3: 14%"). Options are numbered as on the card. When
/// the most chosen options were chosen equally often, it says so and names none above the others:
/// "In 6 eerdere sessies kozen evenveel voor optie 1, 2 en 3 (elk 33%)".
/// `None` when the card may not show it.
pub fn line(peer: &PeerCard, card: &Card, lang: Lang) -> Option<(String, String)> {
    if !peer.shareable() {
        return None;
    }
    let mut known: Vec<(usize, u32)> = peer
        .options
        .iter()
        .filter_map(|(id, n)| card.options.iter().position(|o| &o.id == id).map(|i| (i + 1, *n)))
        .filter(|(_, n)| *n > 0)
        .collect();
    known.sort_by_key(|(number, _)| *number);
    let shares = percentages(&known.iter().map(|(_, n)| *n).collect::<Vec<_>>());
    let rows: Vec<(usize, u32, u32)> =
        known.iter().zip(&shares).map(|((number, n), share)| (*number, *n, *share)).collect();
    // The most chosen first (all of them when they tie, in card order); the rest in card order.
    let most = rows.iter().map(|(_, n, _)| *n).max()?;
    let (top, rest): (Vec<_>, Vec<_>) = rows.iter().partition(|(_, n, _)| *n == most);
    let share = top.first().map(|(_, _, s)| *s)?;
    let sessions = int(u64::from(peer.sessions), lang);
    let head = match top.as_slice() {
        [(number, _, _)] => match lang {
            Lang::Nl => format!("In {sessions} eerdere sessies koos {share}% optie {number}"),
            Lang::En => format!("In {sessions} earlier sessions {share}% chose option {number}"),
        },
        tied => {
            let numbers: Vec<String> = tied.iter().map(|(number, _, _)| number.to_string()).collect();
            let listed = match lang {
                Lang::Nl => list(&numbers, "en"),
                Lang::En => list(&numbers, "and"),
            };
            match lang {
                Lang::Nl => format!("In {sessions} eerdere sessies kozen evenveel voor optie {listed} (elk {share}%)"),
                Lang::En => {
                    format!("In {sessions} earlier sessions options {listed} were chosen equally often ({share}% each)")
                }
            }
        }
    };
    let word = match lang {
        Lang::Nl => "optie",
        Lang::En => "option",
    };
    let rest: String = rest.iter().map(|(number, _, share)| format!(" · {word} {number}: {share}%")).collect();
    Some((head, rest))
}

/// "1, 2 en 3": the last two joined by `and`.
fn list(items: &[String], and: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {and} {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_add_up_to_a_hundred() {
        assert_eq!(percentages(&[8, 4, 2]), vec![57, 29, 14]);
        assert_eq!(percentages(&[2, 1]), vec![67, 33]);
        assert_eq!(percentages(&[5]), vec![100]);
        assert_eq!(percentages(&[0, 0]), vec![0, 0]);
        // Three equal ones get the extra points together.
        assert_eq!(percentages(&[7, 7, 7, 1]), vec![32, 32, 32, 4]);
        for counts in [[1u32, 2, 3, 4], [7, 7, 7, 1], [1, 0, 0, 99], [13, 17, 19, 23]] {
            assert_eq!(percentages(&counts).iter().sum::<u32>(), 100, "{counts:?}");
        }
    }

    #[test]
    fn equal_counts_get_equal_shares_even_if_they_add_up_to_less_than_a_hundred() {
        assert_eq!(percentages(&[1, 1, 1]), vec![33, 33, 33]);
        assert_eq!(percentages(&[6, 6, 6]), vec![33, 33, 33]);
        assert_eq!(percentages(&[3, 3, 1]), vec![43, 43, 14]);
        assert_eq!(percentages(&[1, 4, 1]), vec![17, 67, 17]);
        for counts in [vec![1u32, 1, 1], vec![2, 2, 2, 1], vec![5, 5, 3, 3, 1], vec![4, 4, 4, 4, 4, 4, 1]] {
            let shares = percentages(&counts);
            for (i, a) in counts.iter().enumerate() {
                for (j, b) in counts.iter().enumerate() {
                    if a == b {
                        assert_eq!(shares[i], shares[j], "{counts:?} -> {shares:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn fewer_than_five_sessions_or_municipalities_is_never_shown() {
        let deck = crate::scenario::load_deck(None).unwrap();
        let card = deck.cards.first().unwrap();
        let option = card.options.first().unwrap().id.clone();
        let mut peer = PeerCard { card: card.id.clone(), sessions: 4, municipalities: 9, options: vec![(option, 9)] };
        assert!(line(&peer, card, Lang::Nl).is_none());
        peer.sessions = 5;
        peer.municipalities = 4;
        assert!(line(&peer, card, Lang::Nl).is_none());
        peer.municipalities = 5;
        let (head, rest) = line(&peer, card, Lang::Nl).unwrap();
        assert_eq!(head, "In 5 eerdere sessies koos 100% optie 1");
        assert_eq!(rest, "");
    }
}
