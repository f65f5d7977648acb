#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Eight delegations on their own devices through a two-hour session, compressed: every group
//! polls its page every 2 s of session time and answers each of the agenda's four cards 3 to 10
//! minutes after it opened (one in three twice); the console loop runs as in the program (wakes every 100 ms, drains the devices' answers, draws a frame),
//! reveals and moves on. Prints the answer-to-console latency (POST sent → written, synced and
//! acknowledged), the requests served, and the memory at the start and the end.
//!
//! Time is compressed `SPEED` times: the session clock (a `ManualClock`, so timed developments
//! come out on schedule) runs 120 s of session per real second; polls come 2 s of session time
//! apart, so the server sees 120 times the real request rate (the rate limits are raised for
//! that). Bounded: about a minute of real time.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::TimeZone;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use weerbaar::devices::{DeviceConsole, Devices, Limits};
use weerbaar::scenario::{self, AgendaId, Lang, Role};
use weerbaar::session::{Clock, Command, GroupSetup, ManualClock, Session, Setup};
use weerbaar::ui::run::Program;
use weerbaar::ui::{App, Launch};

const SPEED: f64 = 120.0;
const SESSION_SECS: f64 = 2.0 * 3600.0;
const CARD_SECS: f64 = 25.0 * 60.0;
const POLL_SECS: f64 = 2.0;
const GROUPS: usize = 8;

fn rss_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn http(addr: SocketAddr, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    let mut raw = String::new();
    let _ = s.read_to_string(&mut raw);
    let status = raw.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, raw)
}

/// The value of the first `name="NAME" value="..."` in a page.
fn field<'a>(page: &'a str, name: &str) -> Option<&'a str> {
    let at = page.find(&format!("name=\"{name}\" value=\""))? + name.len() + 15;
    page[at..].split('"').next()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(
        chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap(),
    );
    let deck = scenario::load_deck(None).unwrap();
    let agenda = deck.manifest.agendas[0].id.clone();
    let setup = Setup {
        title: "Bench".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from(agenda.as_str()),
        groups: (0..GROUPS).map(|i| GroupSetup { name: format!("Gemeente {i}"), roles: Role::ALL.to_vec() }).collect(),
    };
    let log = dir.path().join("s.jsonl");
    let session = Session::start(deck.clone(), setup, &log, clock.clone()).unwrap();
    let launch =
        Launch { deck, log: None, log_dir: dir.path().into(), seed: 1, facilitator: String::new(), follow_up: None };
    let app = App::with_session(launch, session, Lang::Nl, clock.clone());
    let limits = Limits {
        per_ip_burst: 5000.0,
        per_ip_rate: 5000.0,
        per_token_burst: 500.0,
        per_token_rate: 500.0,
        ..Limits::default()
    };
    let started = Instant::now();
    let devices = Devices::start_with("127.0.0.1:0".parse().unwrap(), limits).unwrap();
    let start_cost = started.elapsed();
    let addr = devices.addr().unwrap();
    let mut console = DeviceConsole::new(app, devices);
    // The loop wakes when a device's command waits, as the program's does.
    let (wake_tx, wake_rx) = std::sync::mpsc::channel::<()>();
    let wake_tx = Mutex::new(wake_tx);
    console.devices.set_waker(Box::new(move || {
        let _ = wake_tx.lock().unwrap().send(());
    }));
    let links: Vec<String> = console
        .devices
        .links()
        .into_iter()
        .map(|(_, url)| url.split_once("/g/").map(|(_, t)| format!("/g/{t}")).unwrap())
        .collect();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let (rss_start, _) = rss_kib();

    let t0 = Instant::now();
    let sim = move || t0.elapsed().as_secs_f64() * SPEED;
    let done = Arc::new(AtomicBool::new(false));
    let polls = Arc::new(AtomicU64::new(0));
    let latencies = Arc::new(Mutex::new(Vec::<Duration>::new()));
    let clients: Vec<_> = links
        .iter()
        .enumerate()
        .map(|(g, path)| {
            let (path, done, polls, latencies) = (path.clone(), done.clone(), polls.clone(), latencies.clone());
            std::thread::spawn(move || {
                let mut answered: Option<(String, u32)> = None;
                let mut next_poll = POLL_SECS * g as f64 / GROUPS as f64;
                while !done.load(Ordering::Relaxed) {
                    let now = sim();
                    if now < next_poll {
                        std::thread::sleep(Duration::from_secs_f64(((next_poll - now) / SPEED).min(0.05)));
                        continue;
                    }
                    next_poll += POLL_SECS;
                    let (status, page) = http(addr, "GET", &path, "");
                    polls.fetch_add(1, Ordering::Relaxed);
                    assert_eq!(status, 200, "{page}");
                    let Some(card) = field(&page, "card").map(str::to_string) else { continue };
                    // Each group answers 3 to 10 minutes into the card, and one in three changes
                    // its answer a minute later.
                    let into = now % CARD_SECS;
                    let answer_at = 180.0 + 60.0 * ((g * 7 + card.len()) % 8) as f64;
                    let times = match &answered {
                        Some((c, n)) if *c == card => *n,
                        _ => 0,
                    };
                    let wants = if (g + card.len()) % 3 == 0 { 2 } else { 1 };
                    if times < wants && into >= answer_at + 60.0 * f64::from(times) {
                        let option = field(&page, "option").unwrap().to_string();
                        let form = format!("card={card}&option={option}&decision=2&rationale=Bench+{g}");
                        let sent = Instant::now();
                        let (status, reply) = http(addr, "POST", &path, &form);
                        let took = sent.elapsed();
                        if status == 303 {
                            latencies.lock().unwrap().push(took);
                            answered = Some((card, times + 1));
                        } else {
                            eprintln!("group {g}: {status} {}", reply.lines().next().unwrap_or(""));
                        }
                    }
                }
            })
        })
        .collect();

    // The console loop, as `ui::run` drives it: wait for the tick, tick, draw.
    let mut frames = 0u64;
    let mut card_started: Option<f64> = None;
    let mut cards = 0;
    let session_start = clock.now();
    while sim() < SESSION_SECS {
        // Wait for a device's command, or the tick (at most 100 ms here, to move the clock on).
        let _ = wake_rx.recv_timeout(console.tick().min(Duration::from_millis(100)));
        let now = sim();
        let target = session_start + chrono::TimeDelta::milliseconds((now * 1000.0) as i64);
        let behind = target - clock.now();
        if behind > chrono::TimeDelta::zero() {
            clock.advance(behind);
        }
        console.on_tick();
        terminal.draw(|f| console.render(f)).unwrap();
        frames += 1;
        let state = console.app.session().unwrap().state();
        let open = state.current_play().map(|p| (p.is_revealed(), state.unanswered().is_empty()));
        match (open, card_started) {
            // A card opens at the start of each 25-minute slot (the agenda has four cards).
            (None, _) if now % CARD_SECS < 30.0 => {
                if let Some(next) = state.next_planned().cloned() {
                    console.app.exec(Command::OpenCard(next));
                    card_started = Some(now - now % CARD_SECS);
                    cards += 1;
                }
            }
            (Some((false, true)), Some(at)) if now - at >= 13.0 * 60.0 => {
                console.app.exec(Command::Reveal);
            }
            (Some(_), Some(at)) if now - at >= CARD_SECS - 20.0 => {
                console.app.exec(Command::CloseCard);
            }
            _ => {}
        }
        console.sync();
    }
    done.store(true, Ordering::Relaxed);
    for c in clients {
        c.join().unwrap();
    }
    let real = t0.elapsed();
    let (rss_end, hwm) = rss_kib();
    let mut lat = latencies.lock().unwrap().clone();
    lat.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let median = lat.get(lat.len() / 2).copied().unwrap_or_default();
    let p99 = lat.get(lat.len() * 99 / 100).copied().unwrap_or_default();
    let worst = lat.last().copied().unwrap_or_default();
    let state = console.app.session().unwrap().state();
    let device_answers = weerbaar::log::read(&log)
        .unwrap()
        .records
        .iter()
        .filter(|r| {
            matches!(
                &r.event,
                weerbaar::session::Event::ChoiceRecorded { source: weerbaar::session::Source::Device, .. }
            )
        })
        .count();
    println!("devices: server start (bind, runtime thread): {:.2} ms", ms(start_cost));
    println!(
        "devices: simulated {:.0} min in {:.1} s real ({}x): {} cards opened, {} revealed, {} frames drawn",
        SESSION_SECS / 60.0,
        real.as_secs_f64(),
        SPEED,
        cards,
        state.plays.iter().filter(|p| p.is_revealed()).count(),
        frames
    );
    println!(
        "devices: {} page polls ({:.0}/s real), {} answers acknowledged, {} in the log with source device",
        polls.load(Ordering::Relaxed),
        polls.load(Ordering::Relaxed) as f64 / real.as_secs_f64(),
        lat.len(),
        device_answers
    );
    println!(
        "devices: answer-to-console latency (POST sent -> written, synced, acknowledged): median {:.1} ms, p99 {:.1} ms, worst {:.1} ms",
        ms(median),
        ms(p99),
        ms(worst)
    );
    println!("devices: memory (RSS) at the start {} KiB, at the end {} KiB, peak {} KiB", rss_start, rss_end, hwm);
    assert_eq!(device_answers, lat.len(), "every acknowledged answer is in the log");
    drop(console);
    load();
}

const DEVICES_PER_GROUP: usize = 5;
/// Quiet and loaded stretches of `PHASE_SECS` each, alternating.
const ROUNDS: usize = 5;
const PHASE_SECS: f64 = 2.0;
const STALLED: usize = 200;

enum Msg {
    Key(Instant),
    Wake,
}

/// CPU time (user + system) used so far by this process's thread named `name`, and by the whole
/// process, in clock ticks (Linux; zeros elsewhere).
fn cpu_ticks(name: &str) -> (u64, u64) {
    let ticks = |stat: &str| -> u64 {
        let after = stat.rsplit_once(") ").map_or("", |(_, rest)| rest);
        let f: Vec<&str> = after.split_whitespace().collect();
        f.get(11).and_then(|u| u.parse::<u64>().ok()).unwrap_or(0)
            + f.get(12).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0)
    };
    let mut thread = 0;
    for task in std::fs::read_dir("/proc/self/task").into_iter().flatten().flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() == name {
            thread += ticks(&std::fs::read_to_string(task.path().join("stat")).unwrap_or_default());
        }
    }
    (thread, ticks(&std::fs::read_to_string("/proc/self/stat").unwrap_or_default()))
}

/// Percentile of sorted durations, in ms.
fn pct(sorted: &[Duration], p: usize) -> f64 {
    sorted.get((sorted.len() * p / 100).min(sorted.len().saturating_sub(1))).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// The console loop as `ui::run` drives it, with keys and device wake-ups in one queue: a key
/// is timed from when it was sent to when its frame is drawn. Runs for `secs`.
fn console_loop(
    console: &mut DeviceConsole<ManualClock>,
    terminal: &mut Terminal<TestBackend>,
    rx: &std::sync::mpsc::Receiver<Msg>,
    secs: f64,
) -> Vec<Duration> {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut keys = Vec::new();
    let end = Instant::now() + Duration::from_secs_f64(secs);
    while Instant::now() < end {
        let msg = rx.recv_timeout(console.tick().min(Duration::from_millis(200)));
        let mut sent = None;
        if let Ok(Msg::Key(at)) = msg {
            // `?` opens the help, Esc closes it: a full redraw of a changed screen each time. Esc
            // only when the help is open (on the card itself it would leave the card).
            let code = if console.app.overlay.is_some() { KeyCode::Esc } else { KeyCode::Char('?') };
            console.on_key(KeyEvent::new(code, KeyModifiers::NONE));
            sent = Some(at);
        }
        let tick = Instant::now();
        console.on_tick();
        let took = tick.elapsed();
        if took > SLOW_TICK {
            println!(
                "load: one tick (devices' answers taken, written, synced) took {:.1} ms",
                took.as_secs_f64() * 1000.0
            );
        }
        terminal.draw(|f| console.render(f)).unwrap();
        if let Some(at) = sent {
            keys.push(at.elapsed());
        }
    }
    keys.sort();
    keys
}

/// A console tick slower than this is printed (what makes the key latency's tail).
const SLOW_TICK: Duration = Duration::from_millis(50);

/// Eight groups with five devices each polling their page every 100 ms, 200 connections that
/// send half a request and stall, and one device answering every 50 ms; the console's key
/// latency against the same loop without any of that, in one run: five quiet and five loaded
/// stretches of 2 s alternate, so a shared machine's noise falls on both alike.
fn load() {
    let dir = tempfile::tempdir().unwrap();
    let clock = ManualClock::new(
        chrono::FixedOffset::east_opt(3600).unwrap().with_ymd_and_hms(2026, 11, 23, 14, 0, 0).unwrap(),
    );
    let deck = scenario::load_deck(None).unwrap();
    let agenda = deck.manifest.agendas[0].id.clone();
    let setup = Setup {
        title: "Bench".into(),
        facilitator: String::new(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from(agenda.as_str()),
        groups: (0..GROUPS).map(|i| GroupSetup { name: format!("Gemeente {i}"), roles: Role::ALL.to_vec() }).collect(),
    };
    let log = dir.path().join("load.jsonl");
    let mut session = Session::start(deck.clone(), setup, &log, clock.clone()).unwrap();
    let first = session.state().next_planned().cloned().unwrap();
    session.execute(Command::OpenCard(first)).unwrap();
    let launch =
        Launch { deck, log: None, log_dir: dir.path().into(), seed: 1, facilitator: String::new(), follow_up: None };
    let app = App::with_session(launch, session, Lang::Nl, clock.clone());
    // Rate limits off the path (the load is the point); the connection caps as shipped, except
    // per address: every client here is 127.0.0.1, so that cap is raised to let the 200
    // stalled connections in, which is the harder case for the server.
    let limits = Limits {
        per_ip_burst: 1e9,
        per_ip_rate: 1e9,
        per_token_burst: 1e9,
        per_token_rate: 1e9,
        max_connections_per_ip: 1000,
        max_connections: 1000,
        ..Limits::default()
    };
    let devices = Devices::start_with("127.0.0.1:0".parse().unwrap(), limits).unwrap();
    let addr = devices.addr().unwrap();
    let mut console = DeviceConsole::new(app, devices);
    let (tx, rx) = std::sync::mpsc::channel::<Msg>();
    let wake = Mutex::new(tx.clone());
    console.devices.set_waker(Box::new(move || {
        let _ = wake.lock().unwrap().send(Msg::Wake);
    }));
    let links: Vec<String> = console
        .devices
        .links()
        .into_iter()
        .map(|(_, url)| url.split_once("/g/").map(|(_, t)| format!("/g/{t}")).unwrap())
        .collect();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    // Keys every 20 ms, timed from here.
    let keys = {
        let (tx, done) = (tx.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(20));
                let _ = tx.send(Msg::Key(Instant::now()));
            }
        })
    };
    let (rss_before, _) = rss_kib();

    // The load, which runs while `quiet` is false. Quiet and loaded stretches alternate (ROUNDS
    // of each), so both meet the same state of a shared machine.
    let load_on = Arc::new(AtomicBool::new(true));
    let quiet_now = Arc::new(AtomicBool::new(true));
    let polls = Arc::new(AtomicU64::new(0));
    let mut threads = Vec::new();
    for path in links.iter().cycle().take(GROUPS * DEVICES_PER_GROUP) {
        let (path, on, hush, polls) = (path.clone(), load_on.clone(), quiet_now.clone(), polls.clone());
        threads.push(std::thread::spawn(move || {
            while on.load(Ordering::Relaxed) {
                if !hush.load(Ordering::Relaxed) {
                    let (status, _) = http(addr, "GET", &path, "");
                    assert_eq!(status, 200);
                    polls.fetch_add(1, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        }));
    }
    {
        let (on, hush) = (load_on.clone(), quiet_now.clone());
        threads.push(std::thread::spawn(move || {
            let mut stalled = Vec::new();
            while on.load(Ordering::Relaxed) {
                if hush.load(Ordering::Relaxed) {
                    // Quiet: no stalled connections either.
                    stalled.clear();
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                // Keep 200 open: those the server closed (header timeout) are opened again.
                stalled.retain(|s: &TcpStream| {
                    let mut b = [0u8; 1];
                    s.set_nonblocking(true).unwrap();
                    !matches!((&*s).read(&mut b), Ok(0))
                });
                while stalled.len() < STALLED {
                    let mut s = TcpStream::connect(addr).unwrap();
                    s.write_all(b"GET /g/").unwrap();
                    stalled.push(s);
                }
                std::thread::sleep(Duration::from_millis(200));
            }
        }));
    }
    let saved = Arc::new(Mutex::new(Vec::<Duration>::new()));
    {
        let (on, hush, saved, links) = (load_on.clone(), quiet_now.clone(), saved.clone(), links.clone());
        threads.push(std::thread::spawn(move || {
            let mut n = 0usize;
            while on.load(Ordering::Relaxed) {
                if hush.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                let path = &links[n % GROUPS];
                let (_, page) = http(addr, "GET", path, "");
                let (Some(card), Some(option)) = (field(&page, "card"), field(&page, "option")) else { continue };
                let form = format!("card={card}&option={option}&decision=2&rationale=Last+{n}");
                let sent = Instant::now();
                let (status, reply) = http(addr, "POST", path, &form);
                assert_eq!(status, 303, "{reply}");
                saved.lock().unwrap().push(sent.elapsed());
                n += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
        }));
    }
    let (mut quiet, mut loaded) = (Vec::new(), Vec::new());
    let (mut server_ticks, mut all_ticks) = (0, 0);
    let mut rss_loaded = 0;
    for _ in 0..ROUNDS {
        quiet_now.store(true, Ordering::Relaxed);
        console_loop(&mut console, &mut terminal, &rx, 0.3); // settle, not counted
        quiet.extend(console_loop(&mut console, &mut terminal, &rx, PHASE_SECS));
        quiet_now.store(false, Ordering::Relaxed);
        console_loop(&mut console, &mut terminal, &rx, 0.3);
        let (server_before, all_before) = cpu_ticks(weerbaar::devices::server::THREAD);
        loaded.extend(console_loop(&mut console, &mut terminal, &rx, PHASE_SECS));
        let (server_after, all_after) = cpu_ticks(weerbaar::devices::server::THREAD);
        server_ticks += server_after - server_before;
        all_ticks += all_after - all_before;
        rss_loaded = rss_loaded.max(rss_kib().0);
    }
    quiet.sort();
    loaded.sort();
    let hwm = rss_kib().1;
    load_on.store(false, Ordering::Relaxed);
    for t in threads {
        t.join().unwrap();
    }
    done.store(true, Ordering::Relaxed);
    keys.join().unwrap();
    let mut saved = saved.lock().unwrap().clone();
    saved.sort();
    println!(
        "load: {} devices polling every 100 ms ({} polls), {} stalled connections, one answer every 50 ms",
        GROUPS * DEVICES_PER_GROUP,
        polls.load(Ordering::Relaxed),
        STALLED
    );
    println!(
        "load: key-to-screen quiet p50 {:.2} ms p99 {:.2} ms ({} keys); loaded p50 {:.2} ms p99 {:.2} ms ({} keys); ratio p50 {:.2}, p99 {:.2}",
        pct(&quiet, 50),
        pct(&quiet, 99),
        quiet.len(),
        pct(&loaded, 50),
        pct(&loaded, 99),
        loaded.len(),
        pct(&loaded, 50) / pct(&quiet, 50).max(1e-9),
        pct(&loaded, 99) / pct(&quiet, 99).max(1e-9)
    );
    println!(
        "load: answer-to-saved (POST sent -> 303 after write+fsync) p50 {:.2} ms p99 {:.2} ms worst {:.2} ms ({} answers)",
        pct(&saved, 50),
        pct(&saved, 99),
        pct(&saved, 100),
        saved.len()
    );
    println!(
        "load: memory (RSS, whole process with the 40 client threads) before {rss_before} KiB, under load {rss_loaded} KiB, peak {hwm} KiB"
    );
    println!(
        "load: CPU in the loaded stretches (10 s in all): server thread {} ticks, whole process (clients included) {} ticks (100 ticks = 1 core-second)",
        server_ticks, all_ticks
    );
}
