//! The debrief written from the console's closing round: HTML and Word, side by side with the
//! log, as `weerbaar debrief LOG --format html|docx -o …` would write them (the room-safe report:
//! no private or group notes, no answers the room never saw). Never over an existing file: a
//! taken name gets a number (`-2`, `-3`, …), the same for both files, so they stay a pair; and
//! owner-only (0600 on Unix), like every report, since it carries names and candid words.
//!
//! The console writes it on a thread of its own ([`Desk`]): rendering the Word file takes a
//! noticeable moment, and the console must keep answering keys (and say it is writing) meanwhile.

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
    /// The writing thread could not be started, or ended without an answer.
    #[error("the debrief was not written: the writing stopped ({0})")]
    Stopped(String),
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
            (BesideError::Stopped(why), Lang::Nl) => format!("het schrijven is afgebroken ({why})"),
            // After "Debrief not written:" on the status line: not the error's own lead again.
            (BesideError::Stopped(why), Lang::En) => format!("the writing stopped ({why})"),
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

/// What [`Desk::write`] did with the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Asked {
    /// The writing has started; [`Desk::finished`] has the answer when it is done.
    Started,
    /// A debrief is being written already: nothing more was started.
    Busy,
    /// Nothing the debrief shows changed since the last one, which is still there: these files.
    Unchanged(Written),
}

/// The closing round's debrief writer: one write at a time, on a thread of its own, and no new
/// copy when nothing changed. A write after a change still makes a new pair of files (never over
/// the earlier one: see [`write_beside`]).
#[derive(Default)]
pub struct Desk {
    running: Option<Running>,
    /// The last pair written: for which version of the session (see [`version`]) and language.
    last: Option<(u64, Lang, Written)>,
    /// Called from the writing thread when it is done, so the console shows the result at once
    /// instead of at its next clock tick.
    wake: Option<std::sync::Arc<dyn Fn() + Send + Sync>>,
}

struct Running {
    version: u64,
    lang: Lang,
    answer: std::sync::mpsc::Receiver<Result<Written, BesideError>>,
    thread: std::thread::JoinHandle<()>,
}

/// The name of the thread that writes the debrief (its panics are the console's to report).
const THREAD: &str = "debrief";

/// Which version of the session a debrief shows: the number of the last event that is not only
/// a view change (a page turned, the blackout, the closing round opened), since only those
/// events change what a debrief says.
pub fn version(session: &SessionLog) -> u64 {
    session.records.iter().rev().find(|r| !r.event.is_view()).map_or(0, |r| r.seq)
}

impl Desk {
    /// Wake whoever waits for the result (the console's loop) when a write is done. Called once
    /// the terminal is set up: a panic on the writing thread then no longer goes to the
    /// terminal's panic hook (which would restore the terminal under a console that goes on);
    /// the write fails and the status line says so.
    pub fn set_wake(&mut self, wake: impl Fn() + Send + Sync + 'static) {
        self.wake = Some(std::sync::Arc::new(wake));
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(THREAD) {
                previous(info);
            }
        }));
    }

    /// Whether a debrief is being written now.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts writing the debrief of `session` beside its log, unless one is being written or
    /// nothing changed since the last one (whose files are both still there).
    pub fn write(&mut self, deck: &Deck, lang: Lang, session: SessionLog) -> Result<Asked, BesideError> {
        if self.running.is_some() {
            return Ok(Asked::Busy);
        }
        let version = version(&session);
        if let Some((v, l, written)) = &self.last
            && *v == version
            && *l == lang
            && written.html.is_file()
            && written.docx.is_file()
        {
            return Ok(Asked::Unchanged(written.clone()));
        }
        let (tell, answer) = std::sync::mpsc::channel();
        let deck = deck.clone();
        let wake = self.wake.clone();
        let thread = std::thread::Builder::new()
            .name(THREAD.into())
            .spawn(move || {
                let written =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| write_beside(&deck, lang, session)))
                        .unwrap_or_else(|panic| {
                            let why = panic
                                .downcast_ref::<&str>()
                                .map(|s| s.to_string())
                                .or_else(|| panic.downcast_ref::<String>().cloned())
                                .unwrap_or_default();
                            Err(BesideError::Stopped(why))
                        });
                let _ = tell.send(written);
                if let Some(wake) = wake {
                    wake();
                }
            })
            .map_err(|e| BesideError::Stopped(e.to_string()))?;
        self.running = Some(Running { version, lang, answer, thread });
        Ok(Asked::Started)
    }

    /// The result of the write in progress, once it is done (`None` while it runs or when none
    /// runs).
    pub fn finished(&mut self) -> Option<Result<Written, BesideError>> {
        let running = self.running.as_ref()?;
        let result = match running.answer.try_recv() {
            Ok(result) => result,
            Err(std::sync::mpsc::TryRecvError::Empty) => return None,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Err(BesideError::Stopped("no answer from the writing thread".into()))
            }
        };
        let running = self.running.take()?;
        let _ = running.thread.join();
        if let Ok(written) = &result {
            self.last = Some((running.version, running.lang, written.clone()));
        }
        Some(result)
    }
}

impl Drop for Desk {
    /// A console that quits while writing waits for the files to be complete: never half a
    /// report beside the log.
    fn drop(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.thread.join();
        }
    }
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
