//! `cargo xtask`: the developer tasks that need more than cargo.
//!
//! - `cargo xtask test [ARGS]`: installs what the test suite drives where it is missing (tmux,
//!   Chromium, poppler-utils; with apt-get on Debian/Ubuntu, Homebrew on macOS), or says exactly what
//!   to install where it cannot; then runs `cargo test --locked [ARGS]` and prints one line with the
//!   totals. This is the README's test command, and `.ci/run` calls it.
//! - `cargo xtask wine`: builds the Windows binary with Debian's Rust and MinGW and checks its
//!   non-interactive commands under wine against the Linux binary (Linux only; see `wine.rs`).
//!
//! Written in Rust rather than as a shell script so that the same command works on Windows and
//! macOS, with nothing to install but Rust (see docs/design.md, "One test command").

mod setup;
mod wine;

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, ExitCode, Stdio};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(&args[1..]),
        Some("wine") => wine::run(&args[1..]),
        _ => {
            eprintln!(
                "usage: cargo xtask test [CARGO TEST ARGS]   set up tmux, Chromium and poppler, then cargo test --locked\n       \
                 cargo xtask wine                       build for Windows and compare it with Linux under wine"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

/// An error for the developer: what failed, in a sentence.
pub type Result<T> = std::result::Result<T, String>;

/// The cargo that runs this task (rustup's, or whatever `cargo xtask` was started with).
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// Whether this is a CI run (`CI` set to something other than false/0, as GitHub Actions and
/// `.ci/run` do): there a missing tool is a failure, never a skip.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

fn test(args: &[String]) -> Result<bool> {
    let missing = setup::test_tools();
    if !missing.is_empty() {
        println!("xtask: the tests that need {} will be skipped (in CI: fail).", missing.join(", "));
    }
    // The whole workspace (the game and these tasks) unless the caller picks tests.
    let all: &[String] = &["--workspace".to_string()];
    let args = if args.is_empty() { all } else { args };
    println!("xtask: cargo test --locked {}", args.join(" "));
    let mut child = cargo()
        .args(["test", "--locked"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start cargo: {e}"))?;
    let (Some(out), Some(err)) = (child.stdout.take(), child.stderr.take()) else {
        return Err("cargo's output could not be read".into());
    };
    // Echo both streams as they come, and count the totals and skips on the way.
    let err_thread = std::thread::spawn(move || tally(BufReader::new(err), &mut std::io::stderr()));
    let mut totals = tally(BufReader::new(out), &mut std::io::stdout());
    let e = err_thread.join().unwrap_or_default();
    totals.add(&e);
    let status = child.wait().map_err(|e| format!("cargo test: {e}"))?;
    // A skipped test reports itself as passed to libtest: count it as skipped here.
    let skipped = totals.skipped.len() as u64;
    match skipped {
        0 => println!("tests: {} passed, {} failed", totals.passed, totals.failed),
        _ => println!(
            "tests: {} passed, {} failed, {skipped} skipped",
            totals.passed.saturating_sub(skipped),
            totals.failed
        ),
    }
    if skipped > 0 {
        println!("skipped for want of a tool:");
        for s in &totals.skipped {
            println!("  {s}");
        }
    }
    Ok(status.success())
}

#[derive(Default)]
struct Totals {
    passed: u64,
    failed: u64,
    skipped: Vec<String>,
}

impl Totals {
    fn add(&mut self, other: &Totals) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.skipped.extend(other.skipped.iter().cloned());
    }
}

/// Copies lines to `echo` and adds up libtest's `test result:` lines and the suite's `skipped:`
/// lines (see tests/it/common/tools.rs).
fn tally(input: impl BufRead, echo: &mut impl Write) -> Totals {
    let mut t = Totals::default();
    for line in input.lines().map_while(std::result::Result::ok) {
        let _ = writeln!(echo, "{line}");
        if let Some(rest) = line.strip_prefix("test result: ") {
            t.passed += count_before(rest, " passed");
            t.failed += count_before(rest, " failed");
        } else if let Some(rest) = line.strip_prefix("skipped: ") {
            t.skipped.push(rest.to_string());
        }
    }
    t
}

/// The number just before `word` in `ok. 12 passed; 0 failed; ...`.
pub fn count_before(text: &str, word: &str) -> u64 {
    text.find(word)
        .and_then(|at| text[..at].rsplit([' ', '.', ';']).next())
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_up_libtest_lines_and_skips() {
        let out = "running 3 tests\n\
                   test result: ok. 12 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 1.2s\n\
                   test result: FAILED. 3 passed; 2 failed; 0 ignored\n\
                   skipped: it::tmux::x: needs tmux; apt-get install tmux\n";
        let mut sink = Vec::new();
        let t = tally(out.as_bytes(), &mut sink);
        assert_eq!((t.passed, t.failed), (15, 2));
        assert_eq!(t.skipped, vec!["it::tmux::x: needs tmux; apt-get install tmux".to_string()]);
        assert_eq!(String::from_utf8(sink).unwrap_or_default(), out);
    }
}
