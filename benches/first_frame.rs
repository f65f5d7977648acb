#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Start to first frame in a pseudo-terminal: Weerbaar against a bare ratatui app
//! (`benches/bare`, a package of its own), side by side in one run, so the ratio holds on any
//! machine.
//!
//! Each run spawns the program on a fresh pty (120x40) and reads its output until the first
//! frame's text is there; the program is then killed. Runs alternate between the programs and
//! the median of each is reported.
//!
//! It measures the binary a facilitator gets, so it builds both programs itself, with
//! `cargo build --release` into `target/first-frame`, one at a time: the binary `cargo bench`
//! puts in `target/release` is not that one (built beside the benches, it gets the features the
//! dev-dependencies ask of shared crates, such as all of regex's Unicode tables). Each program is
//! evicted from the page cache before the runs, so both start from pages read from disk alike.
//! `WEERBAAR_BIN=path` measures another build of Weerbaar (a copy of an earlier one) against the
//! same bare app.

#[cfg(unix)]
fn main() {
    unix::main();
}

#[cfg(not(unix))]
fn main() {
    eprintln!("this benchmark opens a Unix pseudo-terminal; run it on Linux or macOS");
}

#[cfg(unix)]
#[allow(unsafe_code)] // openpty: the one call std has no wrapper for.
mod unix {
    use std::io::Read;
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::path::{Path, PathBuf};
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};

    const RUNS: usize = 41;
    /// How long after its first frame a start is left running for the whole start's CPU time.
    const SETTLE: Duration = Duration::from_millis(250);

    /// A pty of 120x40: (master, slave).
    fn pty() -> (std::fs::File, OwnedFd) {
        let (mut master, mut slave) = (0, 0);
        let size = libc::winsize { ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0 };
        // SAFETY: both out-pointers are valid; name and termios may be null; the size is read only.
        let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
        assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: openpty returned two fresh descriptors that nothing else owns.
        unsafe { (std::fs::File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) }
    }

    /// One start: the wall time from spawn until `marker` is on the pty, the CPU time (user +
    /// system, all threads, in ms) and the minor page faults the program had by the time it was
    /// killed.
    #[derive(Clone, Copy)]
    struct Start {
        wall: f64,
        cpu: f64,
        faults: f64,
    }

    /// Starts `program` and kills it `settle` after `marker` is on the pty.
    ///
    /// The CPU time is what the program costs, whatever else the machine is doing: on a shared,
    /// loaded machine the wall time mostly measures the wait for a core. With `settle` zero the
    /// child is killed as soon as the frame is seen, so the CPU time read at `wait4` is the CPU
    /// time to the first frame (plus whatever it did in the moment it took to kill it). With a
    /// `settle` of a few hundred milliseconds it is everything the start costs, including work a
    /// program does after its first frame: an idle console blocks on input by then.
    #[allow(clippy::zombie_processes)] // Reaped by `cpu_at_exit` with wait4, which std has no wrapper for.
    fn first_frame(program: &Path, args: &[&str], marker: &str, dir: &Path, settle: Duration) -> Start {
        let (mut master, slave) = pty();
        let start = Instant::now();
        // Reaped by `wait4` in `cpu_at_exit`, which clippy cannot see.
        #[allow(clippy::zombie_processes)]
        let mut child = Command::new(program)
            .args(args)
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env("WEERBAAR_DIR", dir)
            .current_dir(dir)
            .stdin(Stdio::from(slave.try_clone().unwrap()))
            .stdout(Stdio::from(slave.try_clone().unwrap()))
            .stderr(Stdio::from(slave))
            .spawn()
            .unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        let elapsed = loop {
            let n = master.read(&mut buf).unwrap_or(0);
            assert!(n > 0, "{} ended before its first frame: {}", program.display(), String::from_utf8_lossy(&seen));
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(marker.len()).any(|w| w == marker.as_bytes()) {
                break start.elapsed();
            }
            assert!(start.elapsed() < Duration::from_secs(20), "no first frame from {}", program.display());
        };
        if !settle.is_zero() {
            std::thread::sleep(settle);
        }
        let _ = child.kill();
        let (cpu, faults) = cpu_at_exit(&child);
        Start { wall: elapsed.as_secs_f64() * 1000.0, cpu, faults }
    }

    /// Reaps the child and returns its user + system CPU time in milliseconds and its minor page
    /// faults.
    fn cpu_at_exit(child: &std::process::Child) -> (f64, f64) {
        let pid = i32::try_from(child.id()).unwrap();
        let mut status = 0;
        // SAFETY: rusage is plain data that wait4 fills in; the pid is our own unreaped child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: valid pointers to a status word and a rusage struct.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        assert_eq!(rc, pid, "wait4: {}", std::io::Error::last_os_error());
        let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
        (ms(usage.ru_utime) + ms(usage.ru_stime), usage.ru_minflt as f64)
    }

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    /// Builds `cargo build --release` `what` into `target/first-frame`, apart from the benches.
    fn build(what: &[&str]) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| env!("CARGO").into());
        let status = Command::new(cargo)
            .args(["build", "--release", "--locked", "--target-dir", "target/first-frame"])
            .args(what)
            .current_dir(root)
            .status()
            .unwrap();
        assert!(status.success(), "cargo build --release {what:?} failed");
    }

    /// Drops the file's pages from the page cache, so its next start reads it as a first start
    /// after a download or a reboot would (how many pages one page fault maps depends on how the
    /// pages came into the cache: a binary the linker just wrote faults differently).
    fn evict(path: &Path) {
        use std::os::fd::AsRawFd;
        let file = std::fs::File::open(path).unwrap();
        file.sync_all().unwrap();
        // SAFETY: a valid descriptor; the advice only drops clean cached pages.
        let rc = unsafe { libc::posix_fadvise(file.as_raw_fd(), 0, 0, libc::POSIX_FADV_DONTNEED) };
        assert_eq!(rc, 0, "posix_fadvise");
    }

    pub fn main() {
        let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/first-frame/release");
        // Two builds: built in one, the two would share their dependencies' features.
        build(&["--bin", "weerbaar"]);
        build(&["--package", "bare"]);
        // Another build of Weerbaar to compare (a copy of an earlier one) may be named here.
        let weerbaar = std::env::var_os("WEERBAAR_BIN").map_or_else(|| release.join("weerbaar"), PathBuf::from);
        let bare: PathBuf = release.join("bare");
        evict(&weerbaar);
        evict(&bare);
        let dir = tempfile::tempdir().unwrap();
        // The three programs; `--group` creates the log (header with the deck, synced) first.
        let log = |i: usize, part: &str| dir.path().join(format!("s{i}{part}.jsonl")).display().to_string();
        let group = |log: String| {
            vec!["--group".to_string(), "Laren".into(), "--group".into(), "Blaricum".into(), "--log".into(), log]
        };
        let mut runs: [Vec<Start>; 3] = Default::default();
        let mut settled: [Vec<Start>; 3] = Default::default();
        for i in 0..RUNS {
            for (settle, out) in [(Duration::ZERO, &mut runs), (SETTLE, &mut settled)] {
                let part = if settle.is_zero() { "" } else { "-settled" };
                out[0].push(first_frame(&bare, &[], "Tempo", dir.path(), settle));
                // What a facilitator who double-clicks sees first: the setup form.
                out[1].push(first_frame(&weerbaar, &[], "Nieuwe sessie", dir.path(), settle));
                let args = group(log(i, part));
                let args: Vec<&str> = args.iter().map(String::as_str).collect();
                out[2].push(first_frame(&weerbaar, &args, "Tempo", dir.path(), settle));
            }
        }
        let med = |v: &[Start], f: fn(&Start) -> f64| median(v.iter().map(f).collect());
        let names = [
            "bare ratatui app (benches/bare)                     ",
            "weerbaar, setup form (no arguments)                 ",
            "weerbaar --group a --group b (creates and syncs log)",
        ];
        let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
        let load = load.split_whitespace().next().unwrap_or("?").to_string();
        println!("start to first frame in a 120x40 pty, median of {RUNS} runs each, interleaved (load average {load})");
        let table = |title: &str, v: &[Vec<Start>; 3], f: fn(&Start) -> f64, unit: &str| {
            println!("{title}");
            let base = med(&v[0], f);
            for (name, runs) in names.iter().zip(v) {
                let m = med(runs, f);
                println!("  {name}: {m:8.2} {unit} = {:.2}x", m / base);
            }
        };
        table("wall time to the first frame", &runs, |s| s.wall, "ms");
        table("CPU time (user + system, all threads) to the first frame", &runs, |s| s.cpu, "ms");
        table("minor page faults to the first frame", &runs, |s| s.faults, "  ");
        let settle = SETTLE.as_millis();
        table(
            &format!(
                "CPU time of the whole start: killed {settle} ms after the first frame (work done after it included)"
            ),
            &settled,
            |s| s.cpu,
            "ms",
        );
        // In process: what the embedded, pre-parsed deck saves over loading it with the checker.
        let time = |f: &dyn Fn()| {
            let runs: Vec<f64> = (0..RUNS)
                .map(|_| {
                    let start = Instant::now();
                    f();
                    start.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            median(runs)
        };
        let checked = time(&|| {
            std::hint::black_box(weerbaar::scenario::load(None).unwrap().into_deck().unwrap());
        });
        let fast = time(&|| {
            std::hint::black_box(weerbaar::scenario::load::bundled_deck().unwrap());
        });
        let cards = time(&|| {
            std::hint::black_box(weerbaar::scenario::load::bundled_deck().unwrap().cards.len());
        });
        println!("in process, the bundled deck (median of {RUNS})");
        println!("  parsed and checked (`weerbaar check`'s path)           : {checked:.2} ms");
        println!("  pre-parsed by build.rs: the manifest (before the frame): {fast:.2} ms");
        println!("  ... and its cards, read when first used                : {cards:.2} ms");
    }
}
