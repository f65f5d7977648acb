#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The real binary in a real terminal (tmux): time from start to the first frame, and CPU used
//! while the console sits idle on a card for 10 seconds (it must block, not spin). The baseline
//! is `sleep` in the same terminal for the same time.

use std::process::Command;
use std::time::{Duration, Instant};

fn tmux(socket: &str, args: &[&str]) -> String {
    let out = Command::new("tmux").args(["-L", socket]).args(args).output().expect("tmux is installed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// User + system CPU seconds of a process, from /proc.
fn cpu_seconds(pid: &str) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after = stat.rsplit(')').next().unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11).and_then(|u| u.parse::<f64>().ok()).unwrap_or(0.0)
        + fields.get(12).and_then(|s| s.parse::<f64>().ok()).unwrap_or(0.0);
    ticks / 100.0
}

fn wait_for(socket: &str, text: &str) -> Duration {
    let start = Instant::now();
    while !tmux(socket, &["capture-pane", "-p", "-t", "b"]).contains(text) {
        assert!(start.elapsed() < Duration::from_secs(20), "never saw {text}");
        std::thread::sleep(Duration::from_millis(2));
    }
    start.elapsed()
}

fn main() {
    let bin = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/weerbaar");
    if !bin.exists() {
        eprintln!("build the release binary first: cargo build --release");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let socket = format!("weerbaar-bench-{}", std::process::id());
    let log = dir.path().join("bench.jsonl");
    let pid_file = dir.path().join("pid");
    let cmd = format!(
        "echo $$ > {}; exec {} --group Laren --group Blaricum --log {}",
        pid_file.display(),
        bin.display(),
        log.display()
    );
    let start = Instant::now();
    tmux(&socket, &["-f", "/dev/null", "new-session", "-d", "-x", "200", "-y", "60", "-s", "b", "sh", "-c", &cmd]);
    wait_for(&socket, "Tempo");
    let first_frame = start.elapsed();

    // Baseline: the same tmux start with a shell that prints the same word at once.
    let socket2 = format!("{socket}-base");
    let baseline_start = Instant::now();
    tmux(
        &socket2,
        &[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-x",
            "200",
            "-y",
            "60",
            "-s",
            "b",
            "sh",
            "-c",
            "echo Tempo; sleep 5",
        ],
    );
    wait_for(&socket2, "Tempo");
    let spawn_baseline = baseline_start.elapsed();
    tmux(&socket2, &["kill-server"]);

    let pid = std::fs::read_to_string(&pid_file).unwrap().trim().to_string();
    tmux(&socket, &["send-keys", "-t", "b", "Enter"]);
    wait_for(&socket, "Antwoorden 0/2");
    let before = cpu_seconds(&pid);
    std::thread::sleep(Duration::from_secs(10));
    let idle = cpu_seconds(&pid) - before;
    tmux(&socket, &["send-keys", "-t", "b", "q", "j"]);
    std::thread::sleep(Duration::from_millis(300));
    tmux(&socket, &["kill-server"]);

    println!("the real binary in tmux at 200x60");
    println!(
        "  start to first frame (spawn, load deck, create log, draw) : {:.1} ms",
        first_frame.as_secs_f64() * 1000.0
    );
    println!(
        "  baseline: the same in tmux for `sh -c 'echo Tempo'`       : {:.1} ms",
        spawn_baseline.as_secs_f64() * 1000.0
    );
    println!(
        "  so Weerbaar itself takes about                           : {:.1} ms",
        (first_frame.as_secs_f64() - spawn_baseline.as_secs_f64()) * 1000.0
    );
    println!(
        "  CPU while idle on a card for 10 s (clock ticking)        : {:.2} s = {:.1}% of one core",
        idle,
        idle * 10.0
    );
}
