//! The real binary in a real terminal: a private tmux server per test, driven with send-keys and
//! read with capture-pane, the way a facilitator uses it. One harness for every end-to-end test.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// How long a screen may take to show what a test waits for: generous, because the machine
/// running the suite may be loaded. These are not timing tests.
pub const PATIENCE: Duration = Duration::from_secs(45);

/// A private tmux server with one pane in a temporary directory, killed when dropped.
pub struct Tmux {
    socket: String,
    pub dir: tempfile::TempDir,
    /// When a letter was last sent on its own: see [`Tmux::pace`].
    last_letter: std::cell::Cell<Option<(Instant, bool)>>,
}

impl Tmux {
    /// A plain shell (prompt `$ `) at 120x40, to type command lines into.
    pub fn start(name: &str) -> Tmux {
        Tmux::shell(name, 120, 40)
    }

    /// A plain shell (prompt `$ `) of the given size.
    pub fn shell(name: &str, cols: u16, rows: u16) -> Tmux {
        let args = ["env", "PS1=$ ", "TERM=xterm-256color", "LANG=C.UTF-8", "bash", "--norc", "--noprofile"];
        Tmux::with(name, cols, rows, &args.map(str::to_string))
    }

    /// The binary itself as the pane's process (no shell): its pid is the pane's pid.
    pub fn program(name: &str, cols: u16, rows: u16, args: &[&str]) -> Tmux {
        let mut cmd = vec!["env".to_string(), "TERM=xterm-256color".into(), "LANG=C.UTF-8".into(), bin().into()];
        cmd.extend(args.iter().map(|a| a.to_string()));
        Tmux::with(name, cols, rows, &cmd)
    }

    /// `command` starts with `env`: the sessions folder is set to `sessions/` in the test's own
    /// directory, so no test ever writes into the real user's data folder.
    fn with(name: &str, cols: u16, rows: u16, command: &[String]) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let mut command = command.to_vec();
        let sessions = dir.path().join("sessions");
        command.insert(1, format!("{}={}", weerbaar::log::DIR_VAR, sessions.display()));
        let socket = format!("weerbaar-{name}-{}", std::process::id());
        let (x, y) = (cols.to_string(), rows.to_string());
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x", &x, "-y", &y, "-s", "t"])
            .args(["-c", &dir.path().display().to_string()])
            .args(&command)
            .status()
            .expect("tmux must be installed (apt-get install tmux)");
        assert!(status.success());
        Tmux { socket, dir, last_letter: std::cell::Cell::new(None) }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Keys by tmux name (`Enter`, `Escape`, `C-c`) or as literal characters.
    pub fn send(&self, keys: &[&str]) {
        for k in keys {
            self.pace(usize::from(k.chars().count() == 1));
            self.tmux(&["send-keys", "-t", "t", k]);
        }
    }

    /// Text typed as it is, never read as key names.
    pub fn type_text(&self, text: &str) {
        self.pace(text.chars().count());
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    /// A letter sent right after another one reads as the next letter of a word typed by
    /// mistake (the console then takes back what the first did: `ui::run::WORD_GAP`, and
    /// `WORD_GOES_ON` after a word of two letters or more). A person who gives two commands, or
    /// opens a box and starts typing in it, is slower than that: so is this harness.
    fn pace(&self, letters: usize) {
        if letters > 0
            && let Some((last, word)) = self.last_letter.get()
        {
            let gap = if word { weerbaar::ui::run::WORD_GOES_ON } else { weerbaar::ui::run::WORD_GAP };
            if let Some(rest) = (gap + Duration::from_millis(50)).checked_sub(last.elapsed()) {
                std::thread::sleep(rest);
            }
        }
        self.last_letter.set((letters > 0).then(|| (Instant::now(), letters > 1)));
    }

    /// A command line typed into the shell and entered.
    pub fn run(&self, line: &str) {
        self.type_text(line);
        self.send(&["Enter"]);
    }

    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until the screen shows `text` and has settled (two captures alike), so a frame
    /// still being drawn is never read.
    pub fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                std::thread::sleep(Duration::from_millis(80));
                if self.screen() == screen {
                    return screen;
                }
                continue;
            }
            assert!(start.elapsed() < PATIENCE, "waited for {text:?}; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until the shell prompt is back on the last line (capture-pane trims the space after `$`).
    pub fn wait_for_prompt(&self) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.lines().rev().find(|l| !l.trim().is_empty()).is_some_and(|l| l.trim_end() == "$") {
                return;
            }
            assert!(start.elapsed() < PATIENCE, "waited for the prompt; the screen shows:\n{screen}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends Esc on its own: followed at once by a letter, a terminal reads the pair as Alt-letter.
    pub fn escape(&self, gone: &str) {
        self.send(&["Escape"]);
        let start = Instant::now();
        while self.screen().contains(gone) {
            assert!(start.elapsed() < PATIENCE, "Esc did not close {gone:?}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// A tmux format (`#{pane_pid}`, `#{pane_current_command}`) for the pane.
    pub fn display(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "t", format]).trim().to_string()
    }

    /// The pane's process: the program itself when started with [`Tmux::program`].
    pub fn pid(&self) -> u32 {
        self.display("#{pane_pid}").parse().unwrap()
    }
}

/// A screen as one line of words: texts wrapped in boxes still read as sentences.
pub fn words(screen: &str) -> String {
    screen.replace(['│', '┌', '┐', '└', '┘', '─'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Tmux {
    /// Waits until the screen, read as [`words`], holds `text` (a sentence may wrap anywhere).
    pub fn wait_words(&self, text: &str) -> String {
        self.wait_words_until(text, true)
    }

    /// Waits until the screen, read as [`words`], no longer holds `text`.
    pub fn wait_words_gone(&self, text: &str) -> String {
        self.wait_words_until(text, false)
    }

    fn wait_words_until(&self, text: &str, shown: bool) -> String {
        let start = Instant::now();
        loop {
            let screen = words(&self.screen());
            if screen.contains(text) == shown {
                return screen;
            }
            let what = if shown { "waited for" } else { "still shows" };
            assert!(start.elapsed() < PATIENCE, "{what} {text:?}; the screen shows:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_weerbaar")
}

/// `weerbaar play` on the frozen test deck, so end-to-end tests do not follow edits to the bundled cards.
pub fn play() -> String {
    format!("{} --deck {}", bin(), super::deck_dir().display())
}
