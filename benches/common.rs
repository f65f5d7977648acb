#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Small helpers shared by the benchmark binaries: robust timing and peak memory.

#![allow(dead_code)]

use std::time::{Duration, Instant};

/// Runs `f` `runs` times and returns the median duration (robust on a shared, noisy machine).
pub fn median<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

/// Peak resident memory of this process so far, in MiB (Linux; 0 elsewhere).
pub fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_string))
        .and_then(|l| l.split_whitespace().nth(1).and_then(|kb| kb.parse::<f64>().ok()))
        .map_or(0.0, |kb| kb / 1024.0)
}

pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Times `a` and `b` alternately, `runs` times each, and returns the fastest of each: on a
/// shared machine, interleaving keeps both under the same load and the minimum is the least noisy.
pub fn paired<A, B>(runs: usize, mut a: impl FnMut() -> A, mut b: impl FnMut() -> B) -> (Duration, Duration) {
    let (mut best_a, mut best_b) = (Duration::MAX, Duration::MAX);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        std::hint::black_box(a());
        best_a = best_a.min(start.elapsed());
        let start = Instant::now();
        std::hint::black_box(b());
        best_b = best_b.min(start.elapsed());
    }
    (best_a, best_b)
}
