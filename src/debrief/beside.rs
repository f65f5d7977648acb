//! The debrief written from the console's closing round: HTML and Word, side by side with the
//! log, as `weerbaar debrief LOG --format html|docx -o …` would write them (the room-safe report:
//! no private or group notes, no answers the room never saw). Never over an existing file: a
//! taken name gets a number (`-2`, `-3`, …), the same for both files, so they stay a pair; and
//! owner-only (0600 on Unix), like every report, since it carries names and candid words.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{DebriefError, Format, Options, Report, SessionLog};
use crate::scenario::{Deck, Lang};

/// Why the debrief could not be written beside the log.
#[derive(Debug, thiserror::Error)]
pub enum BesideError {
    #[error(transparent)]
    Report(#[from] DebriefError),
    #[error("cannot write {}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
}

impl BesideError {
    /// The reason in the facilitator's language (the system's own words for a failed write).
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (BesideError::Io { path, source }, Lang::Nl) => {
                format!("kan {} niet schrijven: {source}", path.display())
            }
            (BesideError::Report(DebriefError::Write(why)), Lang::Nl) => {
                format!("het verslag kon niet worden gemaakt: {why}")
            }
            (e, _) => e.to_string(),
        }
    }
}

/// The two files written: the HTML and the Word debrief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub html: PathBuf,
    pub docx: PathBuf,
}

/// Writes the debrief of `session` in `lang` beside its log: `<log name>.html` and
/// `<log name>.docx`, or `<log name>-2.html` and `-2.docx` when either is taken, and so on.
pub fn write_beside(deck: &Deck, lang: Lang, session: SessionLog) -> Result<Written, BesideError> {
    let log = session.path.clone();
    let report = Report::with(deck, lang, vec![session], Options::default());
    let html = report.render_bytes(Format::Html)?;
    let docx = report.render_bytes(Format::Docx)?;
    let stem = log.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "weerbaar".into());
    let dir = log.parent().map(Path::to_path_buf).unwrap_or_default();
    for n in 1..1000u32 {
        let name = if n == 1 { stem.clone() } else { format!("{stem}-{n}") };
        let written = Written { html: dir.join(format!("{name}.html")), docx: dir.join(format!("{name}.docx")) };
        if written.html.symlink_metadata().is_ok() || written.docx.symlink_metadata().is_ok() {
            continue;
        }
        // Another program may take a name between the look and the write: `create_new` refuses
        // it then, and the next number is tried.
        match create_new(&written.html, &html) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(source) => return Err(BesideError::Io { path: written.html, source }),
        }
        if let Err(source) = create_new(&written.docx, &docx) {
            let _ = std::fs::remove_file(&written.html);
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                continue;
            }
            return Err(BesideError::Io { path: written.docx, source });
        }
        return Ok(written);
    }
    let source = std::io::Error::new(std::io::ErrorKind::AlreadyExists, "every numbered name is taken");
    Err(BesideError::Io { path: dir.join(format!("{stem}.html")), source })
}

/// A new file with `bytes`, owner-only on Unix; an existing file is never touched.
fn create_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(bytes).and_then(|()| file.sync_data())
}
