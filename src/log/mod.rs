//! The debrief log: events to JSON Lines and back.
//!
//! Writing is append-only and durable: every line is flushed and `sync_data`ed before the
//! engine reports the event as recorded, so a crash loses nothing that was shown. Reading is
//! forgiving: a torn last line or a corrupt line is reported and skipped, and every intact
//! event is kept.

pub mod follow;

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::scenario::Lang;
use crate::session::Record;

/// The log format version written on the first line.
pub const SCHEMA: u32 = 1;

/// The first line of every log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    pub weerbaar_log: u32,
    pub app_version: String,
}

impl Header {
    pub fn current() -> Header {
        Header { weerbaar_log: SCHEMA, app_version: env!("CARGO_PKG_VERSION").to_string() }
    }
}

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
    /// The event is intact but contradicts the events before it; it is skipped.
    Rejected(String),
    /// The event numbers jump or repeat: events may be missing.
    OutOfSequence { expected: u64, found: u64 },
}

impl LogProblem {
    /// The problem in the reader's language, with the line it is on.
    pub fn describe(&self, lang: Lang) -> String {
        let line = self.line;
        match (&self.kind, lang) {
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
            (ProblemKind::Rejected(why), Lang::En) => {
                format!("line {line}: event does not fit the session, skipped ({why})")
            }
            (ProblemKind::Rejected(why), Lang::Nl) => {
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
        }
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
    /// The log was written with another version of the deck (its digest differs).
    OtherDeck {
        deck_id: String,
    },
}

impl LogWarning {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (LogWarning::Problem(p), _) => p.describe(lang),
            (LogWarning::OtherDeck { deck_id }, Lang::En) => format!(
                "the log was written with a different version of the deck `{deck_id}`; texts are taken from the current deck"
            ),
            (LogWarning::OtherDeck { deck_id }, Lang::Nl) => format!(
                "het logboek is geschreven met een andere versie van het deck `{deck_id}`; de teksten komen uit het huidige deck"
            ),
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
            Err(e) => read.problems.push(LogProblem { line: number, kind: ProblemKind::Corrupt(e.to_string()) }),
        }
    }
    Ok(read)
}

fn parse_header(path: &Path, line: &[u8]) -> Result<Header, LogError> {
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

/// Reads and parses the log at `path`.
pub fn read(path: &Path) -> Result<LogRead, LogError> {
    let bytes = std::fs::read(path).map_err(|source| LogError::Io { path: path.to_path_buf(), source })?;
    parse(path, &bytes)
}

/// An open log, appending durably.
#[derive(Debug)]
pub struct LogWriter {
    file: File,
    path: PathBuf,
}

impl LogWriter {
    /// Creates a new log (never overwriting one), owner-only on Unix, and writes the header.
    pub fn create(path: &Path) -> Result<LogWriter, LogError> {
        let io_err = |source| LogError::Io { path: path.to_path_buf(), source };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(io_err)?;
        }
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(path).map_err(|e| {
            if e.kind() == io::ErrorKind::AlreadyExists {
                LogError::Exists { path: path.to_path_buf() }
            } else {
                io_err(e)
            }
        })?;
        let mut writer = LogWriter { file, path: path.to_path_buf() };
        let header = serde_json::to_string(&Header::current()).map_err(|e| io_err(io::Error::other(e)))?;
        writer.write_line(&header)?;
        Ok(writer)
    }

    /// Opens an existing log to continue it. A torn last line is left in place (it is reported
    /// on every read) and the next event starts on a fresh line.
    pub fn append_to(path: &Path) -> Result<LogWriter, LogError> {
        let io_err = |source| LogError::Io { path: path.to_path_buf(), source };
        let mut file = OpenOptions::new().read(true).append(true).open(path).map_err(io_err)?;
        let len = file.metadata().map_err(io_err)?.len();
        if len > 0 {
            file.seek(SeekFrom::End(-1)).map_err(io_err)?;
            let mut last = [0u8; 1];
            file.read_exact(&mut last).map_err(io_err)?;
            if last[0] != b'\n' {
                file.write_all(b"\n").map_err(io_err)?;
                file.sync_data().map_err(io_err)?;
            }
        }
        Ok(LogWriter { file, path: path.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes one record and waits until it is on disk.
    pub fn append(&mut self, record: &Record) -> Result<(), LogError> {
        let line = serde_json::to_string(record)
            .map_err(|e| LogError::Io { path: self.path.clone(), source: io::Error::other(e) })?;
        self.write_line(&line)
    }

    fn write_line(&mut self, line: &str) -> Result<(), LogError> {
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.extend_from_slice(line.as_bytes());
        buf.push(b'\n');
        let io_err = |source| LogError::Io { path: self.path.clone(), source };
        self.file.write_all(&buf).map_err(io_err)?;
        self.file.flush().map_err(io_err)?;
        self.file.sync_data().map_err(io_err)
    }
}

/// `sessions/YYYY-MM-DD_HHMM_<title-slug>.jsonl` under `dir`, the default place for a new log.
/// When that file exists (a second start within the same minute), `-2`, `-3`, … is added, so a
/// default path never collides; an explicit `--log` path is never renamed.
pub fn default_path(dir: &Path, title: &str, now: DateTime<FixedOffset>) -> PathBuf {
    let stem = format!("{}_{}", now.format("%Y-%m-%d_%H%M"), slug(title));
    let sessions = dir.join("sessions");
    let first = sessions.join(format!("{stem}.jsonl"));
    if !first.exists() {
        return first;
    }
    (2..).map(|n| sessions.join(format!("{stem}-{n}.jsonl"))).find(|p| !p.exists()).unwrap_or(first)
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
        assert!(first.ends_with("sessions/2026-11-23_1405_laren-blaricum.jsonl"));
        LogWriter::create(&first).unwrap();
        assert!(
            default_path(dir.path(), "Laren & Blaricum", now)
                .ends_with("sessions/2026-11-23_1405_laren-blaricum-2.jsonl")
        );
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
