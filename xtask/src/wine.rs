//! `cargo xtask wine`: the Windows build, checked on Linux.
//!
//! 1. Installs Debian's `rustc-web`, `cargo-web`, `rust-web-src` (a current Rust with the standard
//!    library's sources, for `-Zbuild-std`), `gcc-mingw-w64-x86-64` (the linker) and `wine`, where
//!    missing. rustup's own Windows target is not used: it would be a download outside Debian.
//! 2. Builds `weerbaar.exe` for `x86_64-pc-windows-gnu` with Debian's cargo and
//!    `-Zbuild-std` (`RUSTC_BOOTSTRAP=1` for that one step only), in `target/wine`.
//! 3. Builds a stand-in `bcryptprimitives.dll` (see [`STUB_C`]) and runs every non-interactive
//!    command (`check`, `debrief` in all six formats, `series`, `proof`, `simulate`) under wine in a
//!    fresh prefix in a temporary directory, and the same commands with the Linux binary, on the
//!    same inputs; then compares exit codes, stdout, stderr and the files written. Line endings
//!    are not compared; .docx and .xlsx are compared entry by entry after unzipping, with only the
//!    creation/modification times in `docProps/core.xml` blanked.
//!
//! Console programs need no X server under wine: `DISPLAY` is removed on purpose, so a step that
//! would need one fails here rather than passing on a developer's desktop only.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use crate::Result;
use crate::setup::{apt_install, deb_installed};

const TARGET: &str = "x86_64-pc-windows-gnu";

/// Wine 8 (Debian 12) has no `ProcessPrng` in `bcryptprimitives.dll`, which Rust's standard
/// library (and `getrandom`) call for random bytes on Windows 10 and later; without it the program
/// does not start. This stand-in, only for the test, forwards to `BCryptGenRandom`, which wine
/// has. Real Windows has the real DLL; nothing of this ships.
const STUB_C: &str = r#"#include <windows.h>
#include <bcrypt.h>
BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG n = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (BCryptGenRandom(NULL, data, n, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += n; len -= n;
    }
    return TRUE;
}
"#;
const STUB_DEF: &str = "LIBRARY bcryptprimitives.dll\nEXPORTS\n    ProcessPrng\n";

pub fn run(_args: &[String]) -> Result<bool> {
    if std::env::consts::OS != "linux" {
        println!("xtask wine: this check runs on Linux (Debian 12 or later) only; skipped here.");
        return Ok(true);
    }
    let root = repo_root()?;
    let mut clock = Clock::default();

    let packages = ["rustc-web", "cargo-web", "rust-web-src", "gcc-mingw-w64-x86-64", "wine"];
    let missing: Vec<&str> = packages.into_iter().filter(|p| !deb_installed(p)).collect();
    apt_install(&missing)?;
    clock.lap("apt-get install of the Windows tools", !missing.is_empty());

    let linux = build_linux(&root)?;
    clock.lap("Linux binary (usually built already by the tests)", true);
    let exe = build_windows(&root)?;
    clock.lap("cross build of weerbaar.exe (-Zbuild-std)", true);

    let work = root.join("target/wine/run");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let bin = work.join("bin");
    std::fs::create_dir_all(&bin).map_err(|e| e.to_string())?;
    build_stub(&bin)?;
    std::fs::copy(&exe, bin.join("weerbaar.exe")).map_err(|e| format!("copy {}: {e}", exe.display()))?;
    let inputs = work.join("inputs");
    write_inputs(&root, &inputs)?;
    clock.lap("stand-in DLL and inputs", true);

    let prefix = Prefix::new()?;
    let boot = prefix.wine(&bin.join("weerbaar.exe"), &inputs).arg("--version").output();
    let boot = boot.map_err(|e| format!("cannot start wine: {e}"))?;
    if !boot.status.success() {
        return Err(format!(
            "weerbaar.exe --version failed under wine ({}):\n{}{}",
            boot.status,
            String::from_utf8_lossy(&boot.stdout),
            String::from_utf8_lossy(&boot.stderr)
        ));
    }
    clock.lap("wine prefix (first start)", true);

    let mut failures = 0;
    let mut checked = 0;
    for case in cases() {
        let lin_dir = work.join("linux").join(case.name);
        let win_dir = work.join("windows").join(case.name);
        for d in [&lin_dir, &win_dir] {
            copy_dir(&inputs, d)?;
        }
        let lin = Command::new(&linux).args(&case.args).current_dir(&lin_dir).env("NO_COLOR", "1").output();
        let lin = lin.map_err(|e| format!("{}: {e}", linux.display()))?;
        let win = prefix.wine(&bin.join("weerbaar.exe"), &win_dir).args(&case.args).output();
        let win = win.map_err(|e| format!("wine: {e}"))?;
        let diffs = compare(&case, &lin, &win, &lin_dir, &win_dir);
        checked += 1;
        if diffs.is_empty() {
            println!("wine: ok    weerbaar {}", case.args.join(" "));
        } else {
            failures += 1;
            println!("wine: DIFF  weerbaar {}", case.args.join(" "));
            for d in diffs {
                println!("      {}", d.replace('\n', "\n      "));
            }
        }
    }
    clock.lap(&format!("{checked} commands under wine and on Linux"), true);

    // What cannot be compared with Linux, checked on Windows itself: AltGr (Ctrl+Alt) characters
    // typed into fields, and readers of a log that a console holds locked (a byte-range lock
    // past the end, so Windows' LockFileEx denies other processes nothing they read). These are
    // the test suite's own tests, compiled for Windows and run under wine.
    let it = build_windows_tests(root.as_path())?;
    clock.lap("cross build of the integration tests", true);
    let windows_ok = run_windows_tests(&prefix, &root, &it, &bin)?;
    clock.lap("AltGr and locked-log tests under wine", true);

    clock.report();
    println!("wine: {} of {checked} commands agree with Linux", checked - failures);
    Ok(failures == 0 && windows_ok)
}

/// The tests run on Windows: filters, and how many tests they must select (a renamed test must
/// not make the check pass by running nothing).
const WINDOWS_TESTS: &[&str] = &["keyboard::altgr_", "platform::readers_read_a_log_while_a_console_holds_its_lock"];
const WINDOWS_TESTS_AT_LEAST: u64 = 3;

fn build_windows_tests(root: &Path) -> Result<PathBuf> {
    let out = debian_cargo(root)
        .args([
            "test",
            "-Zbuild-std",
            "--target",
            TARGET,
            "--test",
            "it",
            "--no-run",
            "--message-format=json-render-diagnostics",
        ])
        .arg("--target-dir")
        .arg(root.join("target/wine"))
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("Debian's cargo: {e}"))?;
    if !out.status.success() {
        return Err("the Windows build of the tests failed".into());
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("\"profile\"") && l.contains("\"test\":true"))
        .find_map(|l| {
            let at = l.find("\"executable\":\"")? + 14;
            Some(PathBuf::from(&l[at..at + l[at..].find('"')?]))
        })
        .ok_or_else(|| "cargo named no test executable".into())
}

fn run_windows_tests(prefix: &Prefix, root: &Path, it: &Path, stub_dir: &Path) -> Result<bool> {
    // The stand-in DLL beside the test binary and beside weerbaar.exe, which a test starts.
    let debug = root.join("target/wine").join(TARGET).join("debug");
    for dir in [it.parent().unwrap_or(&debug), debug.as_path()] {
        std::fs::copy(stub_dir.join("bcryptprimitives.dll"), dir.join("bcryptprimitives.dll"))
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let out = prefix.wine(it, root).args(WINDOWS_TESTS).output().map_err(|e| format!("wine: {e}"))?;
    let stdout = text(&out.stdout);
    print!("{stdout}");
    let passed: u64 =
        stdout.lines().filter_map(|l| l.strip_prefix("test result: ")).map(|l| crate::count_before(l, " passed")).sum();
    if !out.status.success() {
        println!("wine: the tests failed under wine:\n{}", text(&out.stderr));
        return Ok(false);
    }
    if passed < WINDOWS_TESTS_AT_LEAST {
        println!("wine: only {passed} of the {WINDOWS_TESTS_AT_LEAST} Windows tests ran ({WINDOWS_TESTS:?}); renamed?");
        return Ok(false);
    }
    println!("wine: {passed} tests passed on Windows (AltGr typing, reading a locked log)");
    Ok(true)
}

fn repo_root() -> Result<PathBuf> {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(Path::to_path_buf).ok_or_else(|| "no repository root".into())
}

#[derive(Default)]
struct Clock {
    laps: Vec<(String, f64)>,
    last: Option<Instant>,
}

impl Clock {
    fn lap(&mut self, what: &str, keep: bool) {
        let now = Instant::now();
        let secs = self.last.map_or(0.0, |l| now.duration_since(l).as_secs_f64());
        if keep {
            self.laps.push((what.to_string(), secs));
        }
        self.last = Some(now);
    }

    fn report(&self) {
        for (what, secs) in &self.laps {
            println!("wine: {secs:7.1} s  {what}");
        }
    }
}

fn build_linux(root: &Path) -> Result<PathBuf> {
    let status = crate::cargo()
        .args(["build", "--locked", "--bin", "weerbaar"])
        .current_dir(root)
        .status()
        .map_err(|e| format!("cargo build: {e}"))?;
    if !status.success() {
        return Err("cargo build failed".into());
    }
    Ok(root.join("target/debug/weerbaar"))
}

/// Debian's cargo and rustc (`cargo-web`, `rustc-web` install them as /usr/bin/cargo and
/// /usr/bin/rustc), never rustup's proxies, which come first on PATH.
fn debian_cargo(root: &Path) -> Command {
    let mut c = Command::new("/usr/bin/cargo");
    c.current_dir(root)
        .env("RUSTC", "/usr/bin/rustc")
        .env("RUSTDOC", "/usr/bin/rustdoc")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env_remove("RUSTC_WRAPPER")
        .env_remove("CARGO")
        // Only this step: -Zbuild-std is an unstable flag, and Debian's Rust is a stable release.
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_X86_64_PC_WINDOWS_GNU_LINKER", "x86_64-w64-mingw32-gcc")
        .args(["--locked"]);
    c
}

fn build_windows(root: &Path) -> Result<PathBuf> {
    let target_dir = root.join("target/wine");
    let status = debian_cargo(root)
        .args(["build", "-Zbuild-std", "--target", TARGET, "--bin", "weerbaar", "--target-dir"])
        .arg(&target_dir)
        .status()
        .map_err(|e| format!("Debian's cargo (/usr/bin/cargo from cargo-web): {e}"))?;
    if !status.success() {
        return Err("the Windows build failed".into());
    }
    Ok(target_dir.join(TARGET).join("debug/weerbaar.exe"))
}

fn build_stub(bin: &Path) -> Result<()> {
    let c = bin.join("bcryptprimitives.c");
    let def = bin.join("bcryptprimitives.def");
    std::fs::write(&c, STUB_C).map_err(|e| e.to_string())?;
    std::fs::write(&def, STUB_DEF).map_err(|e| e.to_string())?;
    let status = Command::new("x86_64-w64-mingw32-gcc")
        .args(["-shared", "-O2", "-o"])
        .arg(bin.join("bcryptprimitives.dll"))
        .arg(&c)
        .arg(&def)
        .arg("-lbcrypt")
        .status()
        .map_err(|e| format!("x86_64-w64-mingw32-gcc: {e}"))?;
    if status.success() { Ok(()) } else { Err("the stand-in bcryptprimitives.dll did not build".into()) }
}

/// A wine prefix of its own in a temporary directory, removed afterwards: nothing of a
/// developer's own ~/.wine is used or changed.
struct Prefix(PathBuf);

impl Prefix {
    fn new() -> Result<Prefix> {
        let dir = std::env::temp_dir().join(format!("weerbaar-wine-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        Ok(Prefix(dir))
    }

    fn wine(&self, exe: &Path, cwd: &Path) -> Command {
        let mut c = Command::new("wine");
        c.arg(exe)
            .current_dir(cwd)
            .env("WINEPREFIX", &self.0)
            .env("WINEDEBUG", "-all")
            // Our stand-in bcryptprimitives.dll (native, beside the exe) over wine's own; no
            // Mono or Gecko installer dialogs for a console program.
            .env("WINEDLLOVERRIDES", "bcryptprimitives=n,b;mscoree=;mshtml=")
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .env("NO_COLOR", "1")
            .stdin(Stdio::null());
        c
    }
}

impl Drop for Prefix {
    fn drop(&mut self) {
        // wineserver lingers a few seconds after the last program; stop it before removing.
        let _ = Command::new("wineserver").arg("-k").env("WINEPREFIX", &self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The inputs both binaries get: decks from tests/fixtures and session logs written by the
/// test suite's own fixture (tests/it/wine_fixtures.rs).
fn write_inputs(root: &Path, inputs: &Path) -> Result<()> {
    let logs = inputs.join("logs");
    let status = crate::cargo()
        .args(["test", "--locked", "--test", "it", "wine_fixtures", "--", "--ignored", "--quiet"])
        .env("WEERBAAR_FIXTURES_OUT", &logs)
        .current_dir(root)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cargo test (fixtures): {e}"))?;
    if !status.success() {
        return Err("writing the session logs failed".into());
    }
    for deck in ["deck", "mistakes", "syntax"] {
        copy_dir(&root.join("tests/fixtures").join(deck), &inputs.join(deck))?;
    }
    // `--anonymize` draws a random alias for a municipality it has not seen before; with every
    // municipality of the fixtures in the table, both platforms publish the same aliases.
    std::fs::write(inputs.join("aliases.txt"), ALIASES).map_err(|e| format!("aliases.txt: {e}"))?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let entries = std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))?;
    for entry in entries.flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_dir(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst).map_err(|e| format!("{}: {e}", src.display()))?;
        }
    }
    Ok(())
}

struct Case {
    name: &'static str,
    args: Vec<String>,
    /// Files the command writes (relative to its directory), compared too.
    outputs: Vec<&'static str>,
    /// The command prints paths of deck files, which Windows joins with `\`.
    paths_in_output: bool,
}

/// The aliases of every municipality in the fixture logs (`tests/it/wine_fixtures.rs`).
const ALIASES: &str = "K = Laren\nP = Krimpen aan den IJssel\nM = Huizen\nT = Blaricum\nW = Súdwest-Fryslân\nB = Bergen (NH) & \"Egmond\"\n";

fn case(name: &'static str, args: &[&str], outputs: &[&'static str]) -> Case {
    Case { name, args: args.iter().map(|s| s.to_string()).collect(), outputs: outputs.to_vec(), paths_in_output: false }
}

fn cases() -> Vec<Case> {
    const LOG: &str = "logs/laren-krimpen.jsonl";
    let mut all = vec![
        Case { paths_in_output: true, ..case("check-deck", &["check", "deck"], &[]) },
        Case { paths_in_output: true, ..case("check-mistakes", &["check", "mistakes"], &[]) },
        Case { paths_in_output: true, ..case("check-syntax-en", &["check", "syntax", "--lang", "en"], &[]) },
        case("check-bundled", &["check"], &[]),
    ];
    for format in ["md", "html", "csv", "json", "docx", "xlsx"] {
        let name = Box::leak(format!("debrief-{format}").into_boxed_str());
        let out = Box::leak(format!("verslag.{format}").into_boxed_str());
        all.push(case(name, &["debrief", LOG, "--format", format, "--output", out], &[out]));
    }
    all.push(case("debrief-md-stdout-en", &["debrief", LOG, "--lang", "en"], &[]));
    let anonymized = ["debrief", LOG, "logs/huizen-blaricum.jsonl", "--anonymize", "--aliases", "aliases.txt"];
    all.push(case("debrief-anonymized", &anonymized, &[]));
    for format in ["md", "html", "json", "xlsx", "docx"] {
        let name = Box::leak(format!("series-{format}").into_boxed_str());
        let out = Box::leak(format!("reeks.{format}").into_boxed_str());
        all.push(case(name, &["series", "logs", "--format", format, "-o", out], &[out]));
    }
    all.push(case("proof-bundled", &["proof", "--output", "proef.md"], &["proef.md"]));
    all.push(case("proof-deck-en", &["proof", "--deck", "deck", "--lang", "en"], &[]));
    all.push(case("simulate", &["simulate", "--deck", "deck", "--runs", "20"], &[]));
    all
}

/// What differs between the Linux and the Windows run, in words; empty when they agree.
fn compare(case: &Case, lin: &Output, win: &Output, lin_dir: &Path, win_dir: &Path) -> Vec<String> {
    let mut diffs = Vec::new();
    if lin.status.code() != win.status.code() {
        diffs.push(format!("exit code: Linux {:?}, Windows {:?}", lin.status.code(), win.status.code()));
    }
    for (what, l, w) in [("stdout", &lin.stdout, &win.stdout), ("stderr", &lin.stderr, &win.stderr)] {
        let (l, mut w) = (text(l), text(w));
        if case.paths_in_output {
            w = separators_as_on_linux(&l, &w);
        }
        if let Some(d) = first_difference(&l, &w) {
            diffs.push(format!("{what}: {d}"));
        }
    }
    for out in &case.outputs {
        let (l, w) = (std::fs::read(lin_dir.join(out)), std::fs::read(win_dir.join(out)));
        match (l, w) {
            (Ok(l), Ok(w)) => {
                if let Some(d) = compare_file(out, &l, &w) {
                    diffs.push(format!("{out}: {d}"));
                }
            }
            (l, w) => diffs.push(format!("{out}: written on Linux: {}, on Windows: {}", l.is_ok(), w.is_ok())),
        }
    }
    diffs
}

/// The Windows text with `\\` read as `/` exactly where the Linux text has a `/` (the path
/// separator in a printed deck path), and nowhere else: a `\\"` in a hint stays as it is.
fn separators_as_on_linux(lin: &str, win: &str) -> String {
    let lines: Vec<String> = win
        .split('\n')
        .zip(lin.split('\n').chain(std::iter::repeat("")))
        .map(|(w, l)| {
            let mut l = l.chars();
            w.chars().map(|c| if l.next() == Some('/') && c == '\\' { '/' } else { c }).collect()
        })
        .collect();
    lines.join("\n")
}

/// Text with Windows line endings made Unix ones (the only difference allowed).
fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace("\r\n", "\n")
}

fn compare_file(name: &str, lin: &[u8], win: &[u8]) -> Option<String> {
    if name.ends_with(".docx") || name.ends_with(".xlsx") {
        let (l, w) = match (unzip(lin), unzip(win)) {
            (Ok(l), Ok(w)) => (l, w),
            (l, w) => return Some(format!("cannot unzip: Linux {:?}, Windows {:?}", l.err(), w.err())),
        };
        if l.keys().ne(w.keys()) {
            return Some(format!("entries differ: Linux {:?}, Windows {:?}", l.keys(), w.keys()));
        }
        for (entry, lb) in &l {
            let wb = &w[entry];
            let (mut lt, mut wt) = (text(lb), text(wb));
            if entry == "docProps/core.xml" {
                lt = blank_times(&lt);
                wt = blank_times(&wt);
            }
            if let Some(d) = first_difference(&lt, &wt) {
                return Some(format!("{entry}: {d}"));
            }
        }
        None
    } else {
        first_difference(&text(lin), &text(win))
    }
}

fn unzip(bytes: &[u8]) -> std::result::Result<BTreeMap<String, Vec<u8>>, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut entries = BTreeMap::new();
    for i in 0..archive.len() {
        let mut f = archive.by_index(i).map_err(|e| e.to_string())?;
        let mut data = Vec::new();
        f.read_to_end(&mut data).map_err(|e| e.to_string())?;
        let name = f.name().map_err(|e| e.to_string())?.to_string();
        entries.insert(name, data);
    }
    Ok(entries)
}

/// The document's creation and modification times (the moment it was written) blanked; nothing else.
fn blank_times(xml: &str) -> String {
    let mut out = xml.to_string();
    for tag in ["dcterms:created", "dcterms:modified"] {
        let open = format!("<{tag}");
        let close = format!("</{tag}>");
        if let (Some(a), Some(b)) = (out.find(&open), out.find(&close))
            && let Some(gt) = out[a..b].find('>')
        {
            out.replace_range(a + gt + 1..b, "");
        }
    }
    out
}

/// The first line that differs, with its number, or `None` when the texts are equal.
fn first_difference(lin: &str, win: &str) -> Option<String> {
    if lin == win {
        return None;
    }
    let (l, w): (Vec<&str>, Vec<&str>) = (lin.lines().collect(), win.lines().collect());
    let n = l.iter().zip(&w).position(|(a, b)| a != b).unwrap_or(l.len().min(w.len()));
    Some(format!(
        "line {}: Linux {:?}, Windows {:?} ({} and {} lines)",
        n + 1,
        l.get(n).unwrap_or(&"<end>"),
        w.get(n).unwrap_or(&"<end>"),
        l.len(),
        w.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_document_times_are_blanked() {
        let xml = "<cp:coreProperties><dc:title>Verslag</dc:title>\
                   <dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-12-07T02:00:00Z</dcterms:created>\
                   <dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-12-07T02:00:01Z</dcterms:modified></cp:coreProperties>";
        let b = blank_times(xml);
        assert!(b.contains("<dc:title>Verslag</dc:title>"), "{b}");
        assert!(!b.contains("2026-12-07"), "{b}");
        assert!(b.contains("<dcterms:created xsi:type=\"dcterms:W3CDTF\"></dcterms:created>"), "{b}");
    }

    #[test]
    fn only_path_separators_where_linux_has_slashes_are_forgiven() {
        let lin = "deck/kaart.ron:1:2: fout\n  = hulp: schrijf `\\\"`\n";
        let win = "deck\\kaart.ron:1:2: fout\n  = hulp: schrijf `\\\"`\n";
        assert_eq!(separators_as_on_linux(lin, win), lin);
        let bad = "deck\\kaart.ron:1:2: fout\n  = hulp: schrijf `/\"`\n";
        assert_ne!(separators_as_on_linux(lin, bad), lin);
    }

    #[test]
    fn line_endings_are_the_only_forgiven_difference() {
        assert_eq!(first_difference(&text(b"a\r\nb\r\n"), &text(b"a\nb\n")), None);
        let d = first_difference("a\nb\n", "a\nc\n").unwrap_or_default();
        assert!(d.starts_with("line 2:"), "{d}");
        assert!(first_difference("a\n", "a\nb\n").is_some());
    }
}
