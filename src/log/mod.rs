//! The debrief log: events to JSON Lines and back.
//!
//! Writing is append-only and durable: every line is flushed and `sync_data`ed before the
//! engine reports the event as recorded, so a crash loses nothing that was shown. Reading is
//! forgiving: a torn last line or a corrupt line is reported and skipped, and every intact
//! event is kept.

pub mod deck;
pub mod follow;
mod session;
mod writer;

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

pub use deck::{DeckDiff, DeckFile, DeckNote, DeckRecord, LogDeck, LogDeckError, deck_for_log};
pub use session::{Replay, replay};
pub use writer::{LogWriter, private_dir};

use crate::scenario::{Lang, clean};
use crate::session::Record;

/// The longest header line: it carries the deck as played (the bundled deck is about 125 KiB).
pub const MAX_HEADER: usize = 64 << 20;

// The format's limits and version, and why a log cannot be used, are the journal's contract in
// the engine ([`crate::session::journal`]); they are re-exported here for the file's readers.
pub use crate::session::journal::{LogError, MAX_LINE, MAX_LOG, SCHEMA};

/// The first line of every log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub weerbaar_log: u32,
    pub app_version: String,
    /// The deck as played, so resume, review, the audience screen and reports need nothing but
    /// the log. Absent in logs written before decks were recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deck: Option<DeckRecord>,
}

impl Header {
    /// A header without a deck (for tools and benchmarks that have none).
    pub fn current() -> Header {
        Header { weerbaar_log: SCHEMA, app_version: env!("CARGO_PKG_VERSION").to_string(), deck: None }
    }

    /// The header of a session played with `deck`.
    pub fn for_deck(deck: &crate::scenario::Deck) -> Header {
        Header { deck: Some(DeckRecord::of(deck)), ..Header::current() }
    }

    /// The first line of a new log played with `deck`: `Header::for_deck(deck)` in JSON. For the
    /// bundled deck the record was encoded when the binary was built (`build.rs`), which spares
    /// a session started with `--group` copying and encoding 400 KB before its first frame.
    pub fn line_for_deck(deck: &crate::scenario::Deck) -> Result<String, serde_json::Error> {
        Ok(Header::parts_for_deck(deck)?.concat())
    }

    /// [`Header::line_for_deck`] in the pieces it is made of: for the bundled deck, the 400 KB
    /// record is written to the log from the binary as it is, not copied into a line first (two
    /// copies of it were about 200 fresh heap pages before a `--group` start's first frame).
    pub fn parts_for_deck(
        deck: &crate::scenario::Deck,
    ) -> Result<Vec<std::borrow::Cow<'static, str>>, serde_json::Error> {
        use std::borrow::Cow;
        let Some(record) = crate::scenario::load::bundled_record_json(&deck.digest) else {
            return Ok(vec![Cow::Owned(serde_json::to_string(&Header::for_deck(deck))?)]);
        };
        let Header { weerbaar_log, app_version, deck: _ } = Header::current();
        let head = format!(
            "{{\"weerbaar_log\":{},\"app_version\":{},\"deck\":",
            serde_json::to_string(&weerbaar_log)?,
            serde_json::to_string(&app_version)?
        );
        Ok(vec![Cow::Owned(head), Cow::Borrowed(record), Cow::Borrowed("}")])
    }
}

/// What kind of thing a non-regular file is, for an error message.
fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_block_device() || t.is_char_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Opens `path` without blocking (a FIFO would wait for a writer forever) and refuses anything
/// that is not a regular file: a pipe, a device or a directory is never read as a log.
pub(crate) fn open_regular(path: &Path, options: &mut OpenOptions) -> Result<File, LogError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|source| LogError::Io { path: path.to_path_buf(), source })?;
    let meta = file.metadata().map_err(|source| LogError::Io { path: path.to_path_buf(), source })?;
    if !meta.is_file() {
        return Err(LogError::NotAFile { path: path.to_path_buf(), kind: file_kind(&meta) });
    }
    Ok(file)
}

/// A line of a log that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogProblem {
    pub line: usize,
    pub kind: ProblemKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ProblemKind {
    /// The last line was cut off mid-write (a crash); it is skipped.
    TornTail,
    /// A line in the middle could not be read; it is skipped.
    Corrupt(String),
    /// A line longer than any event the program writes (a pasted file, a damaged disk): skipped
    /// unread, so a huge line never fills the memory.
    TooLong { max_kib: usize },
    /// The event is intact but contradicts the events before it; it is skipped. The reason in
    /// Dutch and in English, so a Dutch report never quotes English.
    Rejected { nl: String, en: String },
    /// The event numbers jump or repeat: events may be missing.
    OutOfSequence { expected: u64, found: u64 },
}

impl LogProblem {
    /// The problem in the reader's language, with the line it is on.
    pub fn describe(&self, lang: Lang) -> String {
        self.describe_with(lang, true)
    }

    /// For a report to publish: the problem and its line, quoting nothing of the line itself (a
    /// damaged line can hold a name, and the reader's reason quotes it).
    pub fn describe_published(&self, lang: Lang) -> String {
        self.describe_with(lang, false)
    }

    fn describe_with(&self, lang: Lang, quote: bool) -> String {
        let line = self.line;
        let kind = match &self.kind {
            ProblemKind::Corrupt(_) if !quote => ProblemKind::Corrupt(String::new()),
            ProblemKind::Rejected { .. } if !quote => ProblemKind::Rejected { nl: String::new(), en: String::new() },
            kind => kind.clone(),
        };
        let text = match (&kind, lang) {
            (ProblemKind::TornTail, Lang::En) => {
                format!("line {line}: the last line is incomplete (cut off mid-write); it was skipped")
            }
            (ProblemKind::TornTail, Lang::Nl) => {
                format!("regel {line}: de laatste regel is onvolledig (afgebroken tijdens het schrijven); overgeslagen")
            }
            (ProblemKind::Corrupt(why), Lang::En) => format!("line {line}: unreadable event, skipped ({why})"),
            (ProblemKind::Corrupt(why), Lang::Nl) => {
                format!("regel {line}: onleesbare gebeurtenis, overgeslagen ({why})")
            }
            (ProblemKind::TooLong { max_kib }, Lang::En) => {
                format!("line {line}: unreadable event, skipped (longer than {max_kib} KiB)")
            }
            (ProblemKind::TooLong { max_kib }, Lang::Nl) => {
                format!("regel {line}: onleesbare gebeurtenis, overgeslagen (langer dan {max_kib} KiB)")
            }
            (ProblemKind::Rejected { en: why, .. }, Lang::En) => {
                format!("line {line}: event does not fit the session, skipped ({why})")
            }
            (ProblemKind::Rejected { nl: why, .. }, Lang::Nl) => {
                format!("regel {line}: gebeurtenis past niet in de sessie, overgeslagen ({why})")
            }
            (ProblemKind::OutOfSequence { expected, found }, Lang::En) => {
                format!("line {line}: event number {found} where {expected} was expected; events may be missing")
            }
            (ProblemKind::OutOfSequence { expected, found }, Lang::Nl) => {
                format!(
                    "regel {line}: gebeurtenis {found} waar {expected} werd verwacht; er kunnen gebeurtenissen ontbreken"
                )
            }
        };
        // Without the reason, no empty brackets.
        text.replace(" ()", "")
    }
}

impl std::fmt::Display for LogProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

/// Something the facilitator or a reviewer should know about a log that was still read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LogWarning {
    Problem(LogProblem),
    /// The deck used is not exactly the one recorded in the log (or the log recorded none).
    Deck(deck::DeckNote),
}

impl LogWarning {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            LogWarning::Problem(p) => p.describe(lang),
            LogWarning::Deck(note) => note.describe(lang),
        }
    }

    /// For a report to publish: nothing quoted from a damaged line (see
    /// [`LogProblem::describe_published`]).
    pub fn describe_published(&self, lang: Lang) -> String {
        match self {
            LogWarning::Problem(p) => p.describe_published(lang),
            LogWarning::Deck(note) => note.describe(lang),
        }
    }
}

/// What a log held: the header, every intact record (with its line number) and what was wrong.
#[derive(Debug, Clone)]
pub struct LogRead {
    pub header: Header,
    pub records: Vec<Record>,
    /// 1-based line number of each record, parallel to `records`.
    pub lines: Vec<usize>,
    pub problems: Vec<LogProblem>,
    /// True when the file does not end with a newline (a torn write); appending must start a line.
    pub needs_newline: bool,
}

/// Parses a log's bytes. Fails only when the file is not a Weerbaar log at all.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<LogRead, LogError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LogError::Empty { path: path.to_path_buf() });
    }
    let ends_clean = bytes.last() == Some(&b'\n');
    let mut lines = bytes.split(|b| *b == b'\n').enumerate().peekable();
    let (_, first) = lines.next().ok_or_else(|| LogError::Empty { path: path.to_path_buf() })?;
    let header = parse_header(path, first)?;
    let mut read =
        LogRead { header, records: Vec::new(), lines: Vec::new(), problems: Vec::new(), needs_newline: !ends_clean };
    while let Some((i, line)) = lines.next() {
        let number = i + 1;
        let is_last = lines.peek().is_none_or(|(_, rest)| rest.is_empty() && ends_clean);
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if line.len() > MAX_LINE {
            read.problems.push(LogProblem { line: number, kind: ProblemKind::TooLong { max_kib: MAX_LINE >> 10 } });
            continue;
        }
        match serde_json::from_slice::<Record>(line) {
            Ok(record) => {
                let expected = read.records.last().map_or(1, |r| r.seq + 1);
                if record.seq != expected {
                    read.problems.push(LogProblem {
                        line: number,
                        kind: ProblemKind::OutOfSequence { expected, found: record.seq },
                    });
                }
                read.records.push(record);
                read.lines.push(number);
            }
            Err(_) if is_last && !ends_clean => {
                read.problems.push(LogProblem { line: number, kind: ProblemKind::TornTail })
            }
            // serde quotes the offending text (an unknown event type): never let it reach a terminal.
            Err(e) => read
                .problems
                .push(LogProblem { line: number, kind: ProblemKind::Corrupt(clean(&e.to_string()).into_owned()) }),
        }
    }
    Ok(read)
}

fn parse_header(path: &Path, line: &[u8]) -> Result<Header, LogError> {
    if line.len() > MAX_HEADER {
        return Err(LogError::NotALog { path: path.to_path_buf() });
    }
    #[derive(Deserialize)]
    struct Probe {
        weerbaar_log: u32,
    }
    let probe: Probe = serde_json::from_slice(line).map_err(|_| LogError::NotALog { path: path.to_path_buf() })?;
    if probe.weerbaar_log > SCHEMA || probe.weerbaar_log == 0 {
        return Err(LogError::UnknownSchema { path: path.to_path_buf(), found: probe.weerbaar_log });
    }
    serde_json::from_slice(line).map_err(|_| LogError::NotALog { path: path.to_path_buf() })
}

/// Reads and parses the log at `path` (a regular file of at most [`MAX_LOG`] bytes).
pub fn read(path: &Path) -> Result<LogRead, LogError> {
    parse(path, &read_bytes(path)?)
}

/// The bytes of the log at `path`, refusing pipes, devices, directories and absurd sizes.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, LogError> {
    let io_err = |source| LogError::Io { path: path.to_path_buf(), source };
    let file = open_regular(path, OpenOptions::new().read(true))?;
    if file.metadata().map_err(io_err)?.len() > MAX_LOG {
        return Err(LogError::TooLarge { path: path.to_path_buf() });
    }
    let mut bytes = Vec::new();
    // Still bounded: the file may grow while it is read.
    file.take(MAX_LOG + 1).read_to_end(&mut bytes).map_err(io_err)?;
    if bytes.len() as u64 > MAX_LOG {
        return Err(LogError::TooLarge { path: path.to_path_buf() });
    }
    Ok(bytes)
}

/// Reads only the header (the first line) of the log at `path`: what a reader needs to find the
/// deck before reading the events.
pub fn read_header(path: &Path) -> Result<Header, LogError> {
    let io_err = |source| LogError::Io { path: path.to_path_buf(), source };
    let file = open_regular(path, OpenOptions::new().read(true))?;
    let mut reader = io::BufReader::new(file.take(MAX_HEADER as u64 + 1));
    let mut line = Vec::new();
    io::BufRead::read_until(&mut reader, b'\n', &mut line).map_err(io_err)?;
    if line.iter().all(u8::is_ascii_whitespace) {
        return Err(LogError::Empty { path: path.to_path_buf() });
    }
    if line.last() == Some(&b'\n') {
        line.pop();
    }
    parse_header(path, &line)
}

/// `YYYY-MM-DD_HHMM_<title-slug>.jsonl` in `dir` (the sessions folder, [`sessions_dir`]), the
/// default place for a new log. When that file exists (a second start within the same minute),
/// `-2`, `-3`, … is added, so a default path never collides; an explicit `--log` path is never
/// renamed.
pub fn default_path(dir: &Path, title: &str, now: DateTime<FixedOffset>) -> PathBuf {
    let stem = format!("{}_{}", now.format("%Y-%m-%d_%H%M"), slug(title));
    let first = dir.join(format!("{stem}.jsonl"));
    if !first.exists() {
        return first;
    }
    (2..).map(|n| dir.join(format!("{stem}-{n}.jsonl"))).find(|p| !p.exists()).unwrap_or(first)
}

/// The environment variable that chooses the sessions folder (`--log` chooses one file).
pub const DIR_VAR: &str = "WEERBAAR_DIR";

/// The folder where sessions go when no `--log` is given, and where `screen` and `review` look
/// without a path: `$WEERBAAR_DIR` when set, else `sessions` in the user's own local data folder
/// (`%LOCALAPPDATA%\Weerbaar` on Windows, `~/Library/Application Support/Weerbaar` on macOS,
/// `$XDG_DATA_HOME/weerbaar` or `~/.local/share/weerbaar` on Linux).
///
/// Why there and not in Documents: a program started by double-click has no useful working
/// folder, so the place must not depend on one; the local data folder belongs to the user alone
/// (on Windows its ACL admits only the user, SYSTEM and administrators), and unlike Documents it
/// is neither synced to OneDrive nor copied with a roaming profile: logs carry officials' names
/// and candid words. The setup screen and `--help` print the folder, so it is found again.
/// `None` when the system names no home folder at all.
pub fn sessions_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DIR_VAR).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    let base = directories::BaseDirs::new()?;
    let app = if cfg!(any(windows, target_os = "macos")) { "Weerbaar" } else { "weerbaar" };
    Some(base.data_local_dir().join(app).join("sessions"))
}

/// The newest session log (`*.jsonl`, by last change, then by name) directly in `dir`, for
/// `screen` and `review` without a path. `None` when there is none (or no such folder).
pub fn newest_log(dir: &Path) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "jsonl"))
        .filter_map(|e| {
            let meta = e.metadata().ok().filter(std::fs::Metadata::is_file)?;
            Some((meta.modified().ok(), e.file_name(), e.path()))
        })
        .max_by(|a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)))
        .map(|(_, _, path)| path)
}

/// Lowercase ASCII words joined by dashes; accents are folded (é → e) so names stay portable.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let c = fold_accent(c);
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    let out: String = out.chars().take(60).collect();
    if out.is_empty() { "sessie".to_string() } else { out }
}

fn fold_accent(c: char) -> char {
    match c {
        'á' | 'à' | 'ä' | 'â' | 'Á' | 'À' | 'Ä' | 'Â' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'Ó' | 'Ò' | 'Ö' | 'Ô' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_folds_accents_and_punctuation() {
        assert_eq!(slug("Sessie Krimpen aan den IJssel & Laren!"), "sessie-krimpen-aan-den-ijssel-laren");
        assert_eq!(slug("Één café"), "een-cafe");
        assert_eq!(slug("***"), "sessie");
    }

    #[test]
    fn a_default_path_never_collides_with_an_earlier_log() {
        let dir = tempfile::tempdir().unwrap();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T14:05:00+01:00").unwrap();
        let first = default_path(dir.path(), "Laren & Blaricum", now);
        assert_eq!(first, dir.path().join("2026-11-23_1405_laren-blaricum.jsonl"));
        LogWriter::create(&first, &crate::scenario::load_deck(None).unwrap()).unwrap();
        assert_eq!(
            default_path(dir.path(), "Laren & Blaricum", now),
            dir.path().join("2026-11-23_1405_laren-blaricum-2.jsonl")
        );
    }

    #[test]
    fn an_overlong_line_is_reported_and_the_rest_kept() {
        let header = serde_json::to_string(&Header::current()).unwrap();
        let long = format!("{{\"seq\":1,\"x\":\"{}\"}}", "a".repeat(MAX_LINE));
        let read = parse(Path::new("x.jsonl"), format!("{header}\n{long}\n\n").as_bytes()).unwrap();
        assert_eq!(read.problems.len(), 1);
        assert!(read.problems[0].describe(Lang::En).contains("longer than 1024 KiB"), "{}", read.problems[0]);
    }

    #[test]
    fn a_log_larger_than_the_cap_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("groot.jsonl");
        let file = File::create(&path).unwrap();
        // Sparse: no disk space used, but the reader would have to read it all.
        file.set_len(MAX_LOG + 1).unwrap();
        assert!(matches!(read(&path), Err(LogError::TooLarge { .. })));
    }

    #[test]
    fn not_a_log_and_newer_schema_are_clear_errors() {
        let p = Path::new("x.jsonl");
        assert!(matches!(parse(p, b"hello\n"), Err(LogError::NotALog { .. })));
        assert!(matches!(
            parse(p, b"{\"weerbaar_log\":99,\"app_version\":\"9\"}\n"),
            Err(LogError::UnknownSchema { found: 99, .. })
        ));
        assert!(matches!(parse(p, b"  \n"), Err(LogError::Empty { .. })));
    }
}
