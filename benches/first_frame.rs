#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Start to first frame in a pseudo-terminal: Weerbaar against a bare ratatui app
//! (`examples/bare.rs`), side by side in one run, so the ratio holds on any machine.
//!
//! Each run spawns the program on a fresh pty (120x40) and reads its output until the first
//! frame's text is there; the program is then killed. Runs alternate between the programs and
//! the median of each is reported. Needs the release builds:
//! `cargo build --release --bin weerbaar --example bare`.

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

    /// Time from spawn until `marker` is on the pty, and the CPU time (user + system, all threads)
    /// the program had used by then, both in milliseconds.
    ///
    /// The CPU time is what the program costs, whatever else the machine is doing: on a shared,
    /// loaded machine the wall time mostly measures the wait for a core. The child is killed as
    /// soon as the frame is seen; after its first frame an idle console blocks on input, so the
    /// CPU time read at `wait4` is the CPU time to the first frame.
    #[allow(clippy::zombie_processes)] // Reaped by `cpu_at_exit` with wait4, which std has no wrapper for.
    fn first_frame(program: &Path, args: &[&str], marker: &str, dir: &Path) -> (f64, f64) {
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
        let _ = child.kill();
        let cpu = cpu_at_exit(&child);
        (elapsed.as_secs_f64() * 1000.0, cpu)
    }

    /// Reaps the child and returns its user + system CPU time in milliseconds.
    fn cpu_at_exit(child: &std::process::Child) -> f64 {
        let pid = i32::try_from(child.id()).unwrap();
        let mut status = 0;
        // SAFETY: rusage is plain data that wait4 fills in; the pid is our own unreaped child.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: valid pointers to a status word and a rusage struct.
        let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        assert_eq!(rc, pid, "wait4: {}", std::io::Error::last_os_error());
        let ms = |t: libc::timeval| t.tv_sec as f64 * 1000.0 + t.tv_usec as f64 / 1000.0;
        ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    fn median(mut v: Vec<f64>) -> f64 {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    }

    pub fn main() {
        let release = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release");
        let weerbaar = release.join("weerbaar");
        let bare: PathBuf = release.join("examples/bare");
        if !weerbaar.exists() || !bare.exists() {
            eprintln!("build both first: cargo build --release --bin weerbaar --example bare");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let (mut base, mut setup, mut agenda) = (Vec::new(), Vec::new(), Vec::new());
        for i in 0..RUNS {
            base.push(first_frame(&bare, &[], "Tempo", dir.path()));
            // What a facilitator who double-clicks sees first: the setup form.
            setup.push(first_frame(&weerbaar, &[], "Nieuwe sessie", dir.path()));
            // Started with the groups: the log is created (header with the deck, synced) first.
            let log = dir.path().join(format!("s{i}.jsonl"));
            let args = ["--group", "Laren", "--group", "Blaricum", "--log", log.to_str().unwrap()];
            agenda.push(first_frame(&weerbaar, &args, "Tempo", dir.path()));
        }
        let wall = |v: &[(f64, f64)]| median(v.iter().map(|r| r.0).collect());
        let cpu = |v: &[(f64, f64)]| median(v.iter().map(|r| r.1).collect());
        let (base_cpu, setup_cpu, agenda_cpu) = (cpu(&base), cpu(&setup), cpu(&agenda));
        let (base, setup, agenda) = (wall(&base), wall(&setup), wall(&agenda));
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
        println!("start to first frame in a 120x40 pty, median of {RUNS} runs each, interleaved");
        println!("  bare ratatui app (examples/bare.rs)                 : {base:.2} ms");
        println!("  weerbaar, setup form (no arguments)                 : {setup:.2} ms = {:.2}x", setup / base);
        println!("  weerbaar --group a --group b (creates and syncs log) : {agenda:.2} ms = {:.2}x", agenda / base);
        println!("CPU time (user + system, all threads) to the first frame, median of {RUNS}");
        println!("  bare ratatui app                                    : {base_cpu:.2} ms");
        println!(
            "  weerbaar, setup form                                : {setup_cpu:.2} ms = {:.2}x",
            setup_cpu / base_cpu
        );
        println!(
            "  weerbaar --group a --group b                        : {agenda_cpu:.2} ms = {:.2}x",
            agenda_cpu / base_cpu
        );
        println!("in process, the bundled deck (median of {RUNS})");
        println!("  parsed and checked (`weerbaar check`'s path)        : {checked:.2} ms");
        println!("  pre-parsed by build.rs, read from JSON (what play uses): {fast:.2} ms");
    }
}
