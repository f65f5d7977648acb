//! The programs some tests drive besides Weerbaar itself: tmux (the real binary in a real
//! terminal), Chromium (the HTML report and the device pages in a real browser) and poppler
//! (`pdfinfo`, `pdftotext`: the printed report).
//!
//! `cargo xtask test` installs them where it can (Linux, macOS). A test that needs one begins with
//! `if !common::tools::need(Tool::Tmux) { return; }`:
//! - the program is there: the test runs;
//! - it is missing in CI (`CI` set, as GitHub Actions and `.ci/run` do) on a platform where the
//!   set-up installs it: the test fails, so CI never passes by skipping;
//! - otherwise (tmux on Windows, or a developer's machine without the program): the test is
//!   skipped, and says so on stderr, with what to install. The line starts with `skipped:` so that
//!   `cargo xtask test` can count them. It is written to the real stderr, past the test harness'
//!   capture, so it shows in a normal `cargo test` run.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Tmux,
    Chromium,
    Poppler,
}

impl Tool {
    fn name(self) -> &'static str {
        match self {
            Tool::Tmux => "tmux",
            Tool::Chromium => "Chromium",
            Tool::Poppler => "poppler (pdfinfo, pdftotext)",
        }
    }

    /// Whether `cargo xtask test` installs it on this platform (and CI must therefore have it).
    fn installable_here(self) -> bool {
        cfg!(any(target_os = "linux", target_os = "macos"))
    }

    /// What to install, said for this platform.
    fn how(self) -> &'static str {
        match (self, std::env::consts::OS) {
            (Tool::Tmux, "windows") => "tmux does not exist on Windows; these tests run on Linux and macOS",
            (Tool::Tmux, "macos") => "brew install tmux (or run `cargo xtask test`)",
            (Tool::Tmux, _) => "apt-get install tmux (or run `cargo xtask test`)",
            (Tool::Chromium, "windows") => "winget install Google.Chrome, or set CHROMIUM to a chrome.exe",
            (Tool::Chromium, "macos") => "brew install --cask chromium, or set CHROMIUM to a Chrome binary",
            (Tool::Chromium, _) => "apt-get install chromium (or run `cargo xtask test`)",
            (Tool::Poppler, "windows") => "winget install oschwartz10612.Poppler, and put its bin folder on PATH",
            (Tool::Poppler, "macos") => "brew install poppler (or run `cargo xtask test`)",
            (Tool::Poppler, _) => "apt-get install poppler-utils (or run `cargo xtask test`)",
        }
    }

    fn present(self) -> bool {
        match self {
            Tool::Tmux => runs("tmux", "-V"),
            Tool::Chromium => chromium_path().is_some(),
            Tool::Poppler => runs("pdfinfo", "-v") && runs("pdftotext", "-v"),
        }
    }
}

/// Whether the test may go on: see the module comment. Fails the test in CI when the tool is
/// missing on a platform where the set-up installs it.
pub fn need(tool: Tool) -> bool {
    if tool.present() {
        return true;
    }
    let test = std::thread::current().name().unwrap_or("?").to_string();
    let ci = std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0");
    assert!(
        !(ci && tool.installable_here()),
        "{test} needs {}, which is missing; in CI it must be installed: {}",
        tool.name(),
        tool.how()
    );
    let _ = writeln!(std::io::stderr(), "skipped: {test}: needs {}; {}", tool.name(), tool.how());
    false
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program).arg(arg).output().is_ok_and(|o| o.status.success())
}

/// Chromium or Chrome: `CHROMIUM` if set, else the usual names on PATH, else where the installers
/// put it on macOS and Windows.
pub fn chromium_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        if runs(name, "--version") {
            return Some(PathBuf::from(name));
        }
    }
    let mut places: Vec<PathBuf> = vec![
        "/Applications/Chromium.app/Contents/MacOS/Chromium".into(),
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome".into(),
    ];
    for var in ["ProgramFiles", "ProgramFiles(x86)", "LOCALAPPDATA"] {
        if let Some(dir) = std::env::var_os(var) {
            places.push(Path::new(&dir).join(r"Google\Chrome\Application\chrome.exe"));
            places.push(Path::new(&dir).join(r"Chromium\Application\chrome.exe"));
        }
    }
    places.into_iter().find(|p| p.is_file())
}

/// The browser to run, for a test that called [`need`] with [`Tool::Chromium`] first.
pub fn chromium() -> PathBuf {
    chromium_path().expect("need(Tool::Chromium) was checked first")
}

/// A `file:` URL a browser opens on every platform (`file:///C:/...` on Windows).
pub fn file_url(path: &Path) -> String {
    let p = path.display().to_string().replace('\\', "/");
    if p.starts_with('/') { format!("file://{p}") } else { format!("file:///{p}") }
}
