//! Following a log while another process appends to it: the audience screen's only source.
//!
//! It reads what was added since the last poll, applies every complete line and keeps a torn
//! last line until its end arrives. A file that shrinks (a different session at the same path)
//! is read again from the start.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::session::{Record, State};

#[derive(Debug)]
pub struct Follower {
    path: PathBuf,
    offset: u64,
    pending: Vec<u8>,
    header_seen: bool,
    state: Option<State>,
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
            problem: None,
        }
    }

    pub fn state(&self) -> Option<&State> {
        self.state.as_ref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads whatever was appended since the last call. Returns true when the state changed.
    pub fn poll(&mut self) -> bool {
        let Ok(mut file) = File::open(&self.path) else {
            return false;
        };
        let len = file.metadata().map(|m| m.len()).unwrap_or(0);
        if len < self.offset {
            *self = Follower::new(&self.path);
        }
        if len == self.offset || file.seek(SeekFrom::Start(self.offset)).is_err() {
            return false;
        }
        let mut fresh = Vec::new();
        if file.read_to_end(&mut fresh).is_err() {
            return false;
        }
        self.offset += fresh.len() as u64;
        self.pending.extend_from_slice(&fresh);
        let mut changed = false;
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            changed |= self.take_line(&line[..line.len() - 1]);
        }
        changed
    }

    fn take_line(&mut self, line: &[u8]) -> bool {
        if line.iter().all(u8::is_ascii_whitespace) {
            return false;
        }
        if !self.header_seen {
            self.header_seen = true;
            if super::parse(&self.path, &[line, b"\n"].concat()).is_err() {
                self.problem = Some(format!("{} is not a Weerbaar log", self.path.display()));
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
