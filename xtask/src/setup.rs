//! Installing what the tests drive, where this machine lets us; otherwise saying exactly what to
//! install. Debian/Ubuntu: apt-get (as root, or with sudo when it needs no password). macOS:
//! Homebrew. Windows: nothing is installed for you (tmux does not exist there; the tests that need
//! it skip with a message), but the browser and poppler are named with their winget ids.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::Result;

/// Makes tmux, Chromium and poppler present where possible; returns the ones still missing.
pub fn test_tools() -> Vec<&'static str> {
    let missing = missing_test_tools();
    if missing.is_empty() {
        return missing;
    }
    match std::env::consts::OS {
        "linux" => {
            let packages: Vec<&str> = missing
                .iter()
                .map(|t| match *t {
                    "Chromium" => "chromium",
                    "poppler" => "poppler-utils",
                    other => other,
                })
                .collect();
            if let Err(e) = apt_install(&packages) {
                println!("xtask: {e}");
            }
        }
        "macos" => {
            let mut failed = false;
            for t in &missing {
                let args: &[&str] = match *t {
                    "Chromium" => &["install", "--cask", "chromium"],
                    "poppler" => &["install", "poppler"],
                    _ => &["install", "tmux"],
                };
                failed |= !run_shown(Command::new("brew").args(args));
            }
            if failed {
                println!(
                    "xtask: Homebrew could not install everything; install it from https://brew.sh and run \
                     `brew install tmux poppler` and `brew install --cask chromium` (or set CHROMIUM to a Chrome binary)"
                );
            }
        }
        "windows" => {
            println!("xtask: on Windows, install what you can yourself:");
            for t in &missing {
                println!(
                    "  {}",
                    match *t {
                        "tmux" =>
                            "tmux: does not exist on Windows; the end-to-end tests in tmux run on Linux and macOS",
                        "Chromium" => "Chromium: winget install Google.Chrome (or set CHROMIUM to a chrome.exe)",
                        _ => "poppler: winget install oschwartz10612.Poppler, then put its bin folder on PATH",
                    }
                );
            }
        }
        os => println!(
            "xtask: cannot install on {os}: install tmux, Chromium (or set CHROMIUM) and poppler (pdfinfo, pdftotext)"
        ),
    }
    missing_test_tools()
}

fn missing_test_tools() -> Vec<&'static str> {
    let mut missing = Vec::new();
    if !runs("tmux", &["-V"]) {
        missing.push("tmux");
    }
    if chromium().is_none() {
        missing.push("Chromium");
    }
    if !(runs("pdfinfo", &["-v"]) && runs("pdftotext", &["-v"])) {
        missing.push("poppler");
    }
    missing
}

/// Chromium or Chrome, looked up as tests/it/common/tools.rs does.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    for name in ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] {
        if runs(name, &["--version"]) {
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

pub fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Whether a Debian package is installed (dpkg's own record, not a guess from PATH).
pub fn deb_installed(package: &str) -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", package])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// Installs Debian packages with apt-get, as root or through password-less sudo; otherwise an
/// error with the command to run.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    if packages.is_empty() {
        return Ok(());
    }
    let line = format!("apt-get install {}", packages.join(" "));
    if !runs("apt-get", &["--version"]) {
        return Err(format!("no apt-get here: install {} with your package manager", packages.join(", ")));
    }
    let root = Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let prefix: &[&str] = if root {
        &[]
    } else if runs("sudo", &["-n", "true"]) {
        &["sudo", "-n"]
    } else {
        return Err(format!("not root and no password-less sudo: run `sudo {line}`"));
    };
    println!("xtask: {line}");
    let apt = |args: &[&str]| {
        let mut all: Vec<&str> = prefix.to_vec();
        all.push("apt-get");
        all.extend_from_slice(args);
        let mut c = Command::new(all[0]);
        c.args(&all[1..]).env("DEBIAN_FRONTEND", "noninteractive");
        run_shown(&mut c)
    };
    // The package lists of a fresh machine may be empty or stale: update once, then install.
    if !apt(&["update", "-qq"]) {
        return Err("apt-get update failed".into());
    }
    let mut args = vec!["install", "-y", "-qq"];
    args.extend_from_slice(packages);
    if apt(&args) { Ok(()) } else { Err(format!("`{line}` failed")) }
}

fn run_shown(c: &mut Command) -> bool {
    c.status().is_ok_and(|s| s.success())
}
