//! Following a log while another process appends to it: the audience screen's only source.
//!
//! It reads what was added since the last poll, applies every complete line and keeps a torn
//! last line until its end arrives. A different session at the same path (a file that shrinks,
//! another file put in its place, or another session's first event) is read again from the
//! start. Only regular files are read, without blocking: a pipe never hangs the screen.

use std::fs::OpenOptions;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::writer::Identity;
use super::{MAX_HEADER, open_regular};
use crate::scenario::Deck;
use crate::session::{Record, State};

#[derive(Debug)]
pub struct Follower {
    path: PathBuf,
    offset: u64,
    pending: Vec<u8>,
    header_seen: bool,
    state: Option<State>,
    /// The deck recorded in the log's header, when it has one.
    deck: Option<Deck>,
    /// The file being followed, to notice another one put in its place.
    identity: Option<Identity>,
    /// Where the session's first event is in the file, and its bytes: another session written
    /// over the same file shows up as other bytes there.
    start_line: Option<(u64, Vec<u8>)>,
    /// The last problem seen (unreadable line, not a log), for a discreet status line.
    pub problem: Option<String>,
}

impl Follower {
    pub fn new(path: &Path) -> Follower {
        Follower {
            path: path.to_path_buf(),
            offset: 0,
            pending: Vec::new(),
            header_seen: false,
            state: None,
            deck: None,
            identity: None,
            start_line: None,
            problem: None,
        }
    }

    pub fn state(&self) -> Option<&State> {
        self.state.as_ref()
    }

    /// The deck recorded in the followed log (None for logs from before decks were recorded).
    pub fn deck(&self) -> Option<&Deck> {
        self.deck.as_ref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads whatever was appended since the last call. Returns true when the state changed.
    pub fn poll(&mut self) -> bool {
        let mut file = match open_regular(&self.path, OpenOptions::new().read(true)) {
            Ok(file) => file,
            Err(e @ super::LogError::NotAFile { .. }) => {
                self.problem = Some(e.to_string());
                return false;
            }
            Err(_) => return false,
        };
        let meta = file.metadata().ok();
        let len = meta.as_ref().map_or(0, |m| m.len());
        let identity = meta.as_ref().and_then(Identity::of);
        let mut restarted = false;
        if len < self.offset || self.identity.is_some_and(|mine| Some(mine) != identity) || self.start_moved(&file) {
            *self = Follower::new(&self.path);
            restarted = true;
        }
        self.identity = identity;
        if len == self.offset || file.seek(SeekFrom::Start(self.offset)).is_err() {
            return restarted;
        }
        let mut fresh = Vec::new();
        if file.read_to_end(&mut fresh).is_err() {
            return restarted;
        }
        let read_from = self.offset - self.pending.len() as u64;
        self.offset += fresh.len() as u64;
        self.pending.extend_from_slice(&fresh);
        let mut changed = restarted;
        let mut line_start = read_from;
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let body = &line[..line.len() - 1];
            if self.header_seen && self.state.is_none() && !body.iter().all(u8::is_ascii_whitespace) {
                self.start_line = Some((line_start, body.to_vec()));
            }
            changed |= self.take_line(body);
            line_start += line.len() as u64;
        }
        if self.pending.len() > MAX_HEADER {
            // No line end in sight: not a log being written. Drop it rather than fill the memory.
            self.pending.clear();
            self.problem = Some(format!("{} holds a line too long for a Weerbaar log", self.path.display()));
        }
        changed
    }

    /// The session's first event is no longer where it was: another session was written there.
    /// Seek and read (not `read_exact_at`, which is Unix-only): `poll` seeks again before reading.
    fn start_moved(&self, mut file: &std::fs::File) -> bool {
        let Some((at, bytes)) = &self.start_line else {
            return false;
        };
        let mut now = vec![0u8; bytes.len()];
        let read = file.seek(SeekFrom::Start(*at)).and_then(|_| file.read_exact(&mut now));
        read.map_or(true, |()| &now != bytes)
    }

    fn take_line(&mut self, line: &[u8]) -> bool {
        if line.iter().all(u8::is_ascii_whitespace) {
            return false;
        }
        if !self.header_seen {
            self.header_seen = true;
            match super::parse_header(&self.path, line) {
                // The deck the session is played with, so a new session at the path shows its own cards.
                Ok(header) => self.deck = header.deck.and_then(|record| record.to_deck().ok()),
                Err(_) => self.problem = Some(format!("{} is not a Weerbaar log", self.path.display())),
            }
            return false;
        }
        let Ok(record) = serde_json::from_slice::<Record>(line) else {
            // A torn line followed by a newline (a resume after a crash): skip it.
            self.problem = Some("an unreadable line was skipped".into());
            return false;
        };
        match &mut self.state {
            None => match State::start(&record) {
                Ok(state) => {
                    self.state = Some(state);
                    true
                }
                Err(e) => {
                    self.problem = Some(e.to_string());
                    false
                }
            },
            Some(state) => state.apply(&record).is_ok(),
        }
    }
}
