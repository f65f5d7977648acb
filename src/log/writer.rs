//! Appending to a log: one writer at a time, every line whole or not at all.
//!
//! A line is written with one `write_all`, then `sync_data`; only then is the event reported as
//! recorded. When a write fails (a full disk), the file is cut back to its last whole line, so a
//! retry writes a whole line and nothing is glued to torn bytes. When it cannot be cut back, the
//! next line starts on a fresh line. After every write the writer checks that the path still
//! names the file it writes to: a log deleted or replaced under a running console is reported at
//! once instead of "recording" into a file nobody will find.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{Header, LogError, open_regular};
use crate::session::Record;

/// An open log, appending durably, holding the log's exclusive lock until it is dropped.
#[derive(Debug)]
pub struct LogWriter {
    file: File,
    path: PathBuf,
    /// Length of the file up to and including its last whole line.
    good_len: u64,
    /// A failed write left bytes after `good_len` that are still to be cut off.
    torn: bool,
    /// The file does not end with a newline (torn bytes kept): the next line starts with one.
    needs_newline: bool,
    identity: Option<Identity>,
    /// A new log whose first lines are written but not yet synced ([`LogWriter::settle`]):
    /// nothing of it has been shown, so one `sync_data` for the header and the session's first
    /// events keeps the promise (an event is on disk before it is shown) at a third of the cost.
    unsettled: bool,
}

/// Which file a path named when the log was opened (device and inode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Identity {
    dev: u64,
    ino: u64,
}

impl Identity {
    #[cfg(unix)]
    pub(crate) fn of(meta: &std::fs::Metadata) -> Option<Identity> {
        use std::os::unix::fs::MetadataExt;
        Some(Identity { dev: meta.dev(), ino: meta.ino() })
    }

    #[cfg(not(unix))]
    pub(crate) fn of(_meta: &std::fs::Metadata) -> Option<Identity> {
        None
    }
}

impl LogWriter {
    /// Creates a new log (never overwriting one), owner-only on Unix, and writes the header,
    /// which records `deck` ([`Header::line_for_deck`]). A missing `sessions/`-style parent
    /// directory is created owner-only too: logs carry the names of officials and their candid words.
    ///
    /// The header and what is appended next are synced together by [`LogWriter::settle`], which
    /// the caller must call before it shows anything of the session; every append after that is
    /// synced on its own.
    pub fn create(path: &Path, deck: &crate::scenario::Deck) -> Result<LogWriter, LogError> {
        let io_err = |source| LogError::Io { path: path.to_path_buf(), source };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
            private_dir(dir).map_err(io_err)?;
        }
        let mut options = OpenOptions::new();
        // Append mode: after a failed write is cut off, the next write goes to the new end
        // (with a plain write position it would leave a hole of zero bytes).
        options.append(true).create_new(true);
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
        lock(&file, path)?;
        let identity = file.metadata().ok().as_ref().and_then(Identity::of);
        let mut writer = LogWriter {
            file,
            path: path.to_path_buf(),
            good_len: 0,
            torn: false,
            needs_newline: false,
            identity,
            unsettled: true,
        };
        let parts = Header::parts_for_deck(deck).map_err(|e| io_err(io::Error::other(e)))?;
        let parts: Vec<&str> = parts.iter().map(|p| p.as_ref()).collect();
        if let Err(e) = writer.write_parts(&parts) {
            // A log without its header is no log: leave nothing behind.
            let _ = std::fs::remove_file(path);
            return Err(e);
        }
        Ok(writer)
    }

    /// Opens an existing log to continue it, taking its lock (refused while another console
    /// writes it). A torn last line is left in place (it is reported on every read) and the next
    /// event starts on a fresh line.
    pub fn append_to(path: &Path) -> Result<LogWriter, LogError> {
        let io_err = |source| LogError::Io { path: path.to_path_buf(), source };
        let mut file = open_regular(path, OpenOptions::new().read(true).append(true))?;
        lock(&file, path)?;
        let meta = file.metadata().map_err(io_err)?;
        let len = meta.len();
        let identity = Identity::of(&meta);
        let mut needs_newline = false;
        if len > 0 {
            file.seek(SeekFrom::End(-1)).map_err(io_err)?;
            let mut last = [0u8; 1];
            file.read_exact(&mut last).map_err(io_err)?;
            needs_newline = last[0] != b'\n';
        }
        // The torn bytes of a crash stay (for forensics, reported on every read).
        Ok(LogWriter {
            file,
            path: path.to_path_buf(),
            good_len: len,
            torn: false,
            needs_newline,
            identity,
            unsettled: false,
        })
    }

    /// Syncs what a new log holds so far (its header and first events) in one `sync_data`; from
    /// then on every append is synced before it returns. On an error the log cannot be trusted
    /// to hold anything: the caller gives the start up.
    pub fn settle(&mut self) -> Result<(), LogError> {
        if self.unsettled {
            self.file.sync_data().map_err(|source| LogError::Io { path: self.path.clone(), source })?;
            self.unsettled = false;
        }
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes one record and waits until it is on disk. On error nothing of it remains in the
    /// file (or, if the file could not be cut back, the next record starts on a new line).
    pub fn append(&mut self, record: &Record) -> Result<(), LogError> {
        let line = serde_json::to_string(record)
            .map_err(|e| LogError::Io { path: self.path.clone(), source: io::Error::other(e) })?;
        self.write_line(&line)
    }

    fn write_line(&mut self, line: &str) -> Result<(), LogError> {
        self.write_parts(&[line])
    }

    /// Writes one line made of `parts`. A line of one part (every event) goes out in one
    /// `write`; a line of several (the header of the bundled deck, [`Header::parts_for_deck`])
    /// part by part, so its 400 KB are not copied into a buffer first. Either way it is synced
    /// before this returns (a new log's first lines wait for [`LogWriter::settle`]), and a
    /// failure cuts the file back to its last whole line.
    fn write_parts(&mut self, parts: &[&str]) -> Result<(), LogError> {
        self.still_ours()?;
        if self.torn && !self.cut_back() {
            self.needs_newline = true;
        }
        let written = if let [line] = parts {
            let mut buf = Vec::with_capacity(line.len() + 2);
            if self.needs_newline {
                buf.push(b'\n');
            }
            buf.extend_from_slice(line.as_bytes());
            buf.push(b'\n');
            self.file.write_all(&buf)
        } else {
            let newline: &[u8] = if self.needs_newline { b"\n" } else { b"" };
            std::iter::once(newline)
                .chain(parts.iter().map(|p| p.as_bytes()))
                .chain(std::iter::once(&b"\n"[..]))
                .try_for_each(|bytes| self.file.write_all(bytes))
        };
        let written = written.and_then(|()| self.file.flush());
        let written = if self.unsettled { written } else { written.and_then(|()| self.file.sync_data()) };
        if let Err(source) = written {
            self.torn = true;
            self.cut_back();
            return Err(LogError::Io { path: self.path.clone(), source });
        }
        // Torn bytes that could not be cut off sit before this line: ask the file its length.
        let len = parts.iter().map(|p| p.len() as u64).sum::<u64>() + 1 + u64::from(self.needs_newline);
        self.good_len = self.file.metadata().map_or(self.good_len + len, |m| m.len());
        self.torn = false;
        self.needs_newline = false;
        self.still_ours()
    }

    /// Cuts the file back to its last whole line; true when the file now ends there.
    fn cut_back(&mut self) -> bool {
        let cut = self.file.set_len(self.good_len).and_then(|()| self.file.sync_data());
        let ends_clean = cut.is_ok() || self.file.metadata().is_ok_and(|m| m.len() == self.good_len);
        if ends_clean {
            self.torn = false;
        }
        ends_clean
    }

    /// The path still names the file this writer writes to (not deleted, not replaced).
    fn still_ours(&self) -> Result<(), LogError> {
        let Some(mine) = self.identity else {
            return Ok(());
        };
        let linked = self.file.metadata().map(|m| nlink(&m) > 0).unwrap_or(true);
        let same = std::fs::metadata(&self.path).ok().as_ref().and_then(Identity::of) == Some(mine);
        if linked && same { Ok(()) } else { Err(LogError::Gone { path: self.path.clone() }) }
    }
}

#[cfg(unix)]
fn nlink(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn nlink(_meta: &std::fs::Metadata) -> u64 {
    1
}

/// An advisory, exclusive lock for as long as the file is open. The system drops it when the
/// process ends in any way (kill -9 included), so a crash never blocks a resume. Readers
/// (`screen`, `review`, `debrief`) never take it, and must never be stopped by it: see
/// [`try_lock`] for how that holds on Windows too.
fn lock(file: &File, path: &Path) -> Result<(), LogError> {
    match try_lock(file) {
        Ok(()) => Ok(()),
        Err(TryLockError::WouldBlock) => Err(LogError::Locked { path: path.to_path_buf() }),
        // A file system without locks (some network shares) must not stop a session.
        Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => Ok(()),
        Err(TryLockError::Error(source)) => Err(LogError::Io { path: path.to_path_buf(), source }),
    }
}

/// Unix (and anything not Windows): std's `File::try_lock`, a whole-file `flock`. It is
/// advisory: readers that do not ask for it read on.
#[cfg(not(windows))]
fn try_lock(file: &File) -> Result<(), TryLockError> {
    file.try_lock()
}

/// Where the Windows lock sits: one byte far beyond the end of any log (2^62, 4 EiB).
#[cfg(windows)]
const LOCK_AT: u64 = 1 << 62;

/// Windows: std's `File::try_lock` locks the whole file with `LockFileEx`, and an exclusive
/// lock there is mandatory: it "denies all other processes both read and write access" to its
/// range, so the audience screen could not read a log its console writes. This locks one byte
/// past the end instead ([`LOCK_AT`]): a second console still meets the lock, readers never
/// touch that byte, and Windows releases it when the handle closes or the process dies.
/// Not a sidecar `.lock` file: that would lie beside every log in the user's folder.
#[cfg(windows)]
#[allow(unsafe_code)]
fn try_lock(file: &File) -> Result<(), TryLockError> {
    use std::os::windows::io::AsRawHandle;
    use windows_sys::Win32::Foundation::ERROR_LOCK_VIOLATION;
    use windows_sys::Win32::Storage::FileSystem::{LOCKFILE_EXCLUSIVE_LOCK, LOCKFILE_FAIL_IMMEDIATELY, LockFileEx};
    use windows_sys::Win32::System::IO::OVERLAPPED;
    // SAFETY: OVERLAPPED is plain data, and all zeroes is how the API wants it before use.
    let mut overlapped: OVERLAPPED = unsafe { std::mem::zeroed() };
    overlapped.Anonymous.Anonymous.Offset = (LOCK_AT & 0xFFFF_FFFF) as u32;
    overlapped.Anonymous.Anonymous.OffsetHigh = (LOCK_AT >> 32) as u32;
    let flags = LOCKFILE_EXCLUSIVE_LOCK | LOCKFILE_FAIL_IMMEDIATELY;
    // SAFETY: the handle belongs to `file`, open for the whole call; the file is not opened for
    // overlapped I/O, so the call completes before it returns and `overlapped` outlives it.
    let locked = unsafe { LockFileEx(file.as_raw_handle(), flags, 0, 1, 0, &mut overlapped) };
    if locked != 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    if e.raw_os_error() == Some(ERROR_LOCK_VIOLATION as i32) {
        Err(TryLockError::WouldBlock)
    } else {
        Err(TryLockError::Error(e))
    }
}

/// Creates `dir` and its missing parents; the last one owner-only on Unix.
pub fn private_dir(dir: &Path) -> io::Result<()> {
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    // Only Unix sets a mode on it (Windows: the folder inherits the user's own ACL).
    #[cfg_attr(not(unix), allow(unused_mut))]
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    match builder.create(dir) {
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        other => other,
    }
}
