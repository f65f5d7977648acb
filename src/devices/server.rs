//! The HTTP side: hyper 1 (HTTP/1 only) on a current-thread tokio runtime in a thread of its
//! own. Every limit holds before anything is allocated for it: header bytes and count (hyper's
//! parser refuses more with 431), the body (the declared length is checked first, and the body
//! is read through a counting limit, never by the declared length), timeouts for the headers
//! and the body, a cap on open connections in all and per address, and keep-alive bounded in
//! time and requests. A connection costs a small task, not a thread: thousands of idle sockets
//! take memory in kilobytes and block nothing.
//!
//! It reads only the published [`PageState`] and writes nothing: an answer becomes a
//! [`DeviceCommand`] for the console, which runs it through the engine and replies; the page
//! says "saved" only after that reply. Nothing the server does can reach the console's screen:
//! its errors (and a panic on its thread) go to a file beside the log ([`ErrorLog`]).

use std::collections::HashMap;
use std::convert::Infallible;
use std::io::Write as _;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::header::{self, HeaderValue};
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::oneshot;

use super::page::{self, Flash, PageState};
use super::token::Tokens;
use crate::scenario::{CardId, OptionId, Role};
use crate::session::{Command, Decision, GroupId};

/// What the console is asked to do for a device, and where to say how it went.
///
/// The console must [`take`](DeviceCommand::take) a command before it runs it: a command the
/// device has given up on (its deadline passed, or the server withdrew it after waiting) is
/// never taken, so an answer the page called "not saved" is never recorded later.
#[derive(Debug)]
pub struct DeviceCommand {
    pub group: GroupId,
    pub command: Command,
    /// The page's id of this submission: the same id twice is recorded once.
    pub request: String,
    /// After this the console drops the command unrun.
    pub deadline: Instant,
    claim: Arc<AtomicU8>,
    reply: oneshot::Sender<Result<(), String>>,
}

const PENDING: u8 = 0;
const TAKEN: u8 = 1;
const WITHDRAWN: u8 = 2;

impl DeviceCommand {
    /// Claims the command for the console; `false` when it is too late (the device was or will
    /// be told "not saved"): then it must not be run.
    pub fn take(&self) -> bool {
        Instant::now() < self.deadline
            && self.claim.compare_exchange(PENDING, TAKEN, Ordering::SeqCst, Ordering::SeqCst).is_ok()
    }

    /// Tells the waiting page how it went: `Ok` once written and applied, else why not (in the
    /// session's language, naming the problem, never echoing the request).
    pub fn answer(self, result: Result<(), String>) {
        let _ = self.reply.send(result);
    }
}

/// Limits on what a device, or anything else on the network, may send.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// The request line and headers together, in bytes (more: 431, nothing kept).
    pub max_header_bytes: usize,
    /// Headers per request (more: 431).
    pub max_headers: usize,
    /// A request's headers must arrive within this, from the moment the server waits for them
    /// (so this also ends an idle keep-alive connection).
    pub header_timeout: Duration,
    /// A request's body must arrive within this.
    pub body_timeout: Duration,
    /// Open connections in all, and from one address; more are closed at once.
    pub max_connections: usize,
    pub max_connections_per_ip: usize,
    /// A connection is closed after this long or this many requests, whatever it does.
    pub connection_lifetime: Duration,
    pub max_requests_per_connection: usize,
    /// Requests one address may make in a burst, and per second after that.
    pub per_ip_burst: f64,
    pub per_ip_rate: f64,
    /// Requests one group's link may take in a burst, and per second after that.
    pub per_token_burst: f64,
    pub per_token_rate: f64,
    /// How long a request waits for the console to take an answer; after that the answer is
    /// withdrawn (never recorded later) and the page says so.
    pub reply_timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 16 * 1024,
            max_header_bytes: 8 * 1024,
            max_headers: 32,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(10),
            max_connections: 256,
            max_connections_per_ip: 32,
            connection_lifetime: Duration::from_secs(120),
            max_requests_per_connection: 100,
            per_ip_burst: 60.0,
            per_ip_rate: 10.0,
            per_token_burst: 40.0,
            per_token_rate: 5.0,
            reply_timeout: Duration::from_secs(5),
        }
    }
}

/// The room's view as last published, with a number that changes when it changes.
#[derive(Debug, Clone)]
pub struct Published {
    pub page: PageState,
    pub version: u64,
}

/// Where the server's errors go: a file beside the session's log (mode 0600), never the
/// terminal. Until the log's path is known (the setup form is still open) they wait in memory;
/// the file stops growing at [`ErrorLog::MAX_BYTES`], so a flood cannot fill the disk.
#[derive(Default)]
pub struct ErrorLog {
    path: Option<PathBuf>,
    waiting: Vec<String>,
    written: u64,
}

impl ErrorLog {
    pub const MAX_BYTES: u64 = 1 << 20;
    const MAX_WAITING: usize = 200;

    /// The file for a session logged at `log`: `sessie.jsonl` → `sessie.devices.log`.
    pub fn path_for(log: &std::path::Path) -> PathBuf {
        log.with_extension("devices.log")
    }

    fn set_path(&mut self, path: PathBuf) {
        if self.path.as_ref() == Some(&path) {
            return;
        }
        self.path = Some(path);
        let waiting = std::mem::take(&mut self.waiting);
        for line in waiting {
            self.add(line);
        }
    }

    fn add(&mut self, line: String) {
        let line = format!("{} {}\n", chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"), line.replace('\n', " | "));
        let Some(path) = &self.path else {
            if self.waiting.len() < Self::MAX_WAITING {
                self.waiting.push(line);
            }
            return;
        };
        if self.written + line.len() as u64 > Self::MAX_BYTES {
            return;
        }
        self.written += line.len() as u64;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        if let Ok(mut f) = options.open(path) {
            let _ = f.write_all(line.as_bytes());
        }
    }
}

/// What the server thread shares with the console.
pub struct Shared {
    pub page: RwLock<Option<Published>>,
    pub tokens: RwLock<Tokens>,
    pub commands: Mutex<Sender<DeviceCommand>>,
    pub limits: Limits,
    limiter: Mutex<Limiter>,
    /// Open connections by address.
    connections: Mutex<HashMap<IpAddr, usize>>,
    /// Called after a command is sent, to wake the console's loop at once.
    wake: RwLock<Option<Box<dyn Fn() + Send + Sync>>>,
    /// `host:port` that pages are reached by (a `Host` header must name it; an `Origin` must be
    /// `http://` and it). Empty: not checked (not yet known).
    host: RwLock<String>,
    pub errors: Mutex<ErrorLog>,
    /// When each group's link was last used (a page polls every 3 s while open).
    seen: Mutex<HashMap<usize, Instant>>,
}

impl Shared {
    pub fn new(commands: Sender<DeviceCommand>, limits: Limits) -> Shared {
        Shared {
            page: RwLock::new(None),
            tokens: RwLock::new(Tokens::default()),
            commands: Mutex::new(commands),
            limits,
            limiter: Mutex::new(Limiter::default()),
            connections: Mutex::new(HashMap::new()),
            wake: RwLock::new(None),
            host: RwLock::new(String::new()),
            errors: Mutex::new(ErrorLog::default()),
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Writes one line to the error file (or keeps it until the file is known).
    pub fn log_error(&self, line: impl Into<String>) {
        lock(&self.errors).add(line.into());
    }

    /// From now on errors go to `path` (those kept so far first).
    pub fn set_error_path(&self, path: PathBuf) {
        lock(&self.errors).set_path(path);
    }

    /// What wakes the console when a device's command is waiting.
    pub fn set_waker(&self, wake: Box<dyn Fn() + Send + Sync>) {
        *self.wake.write().unwrap_or_else(PoisonError::into_inner) = Some(wake);
    }

    pub fn set_host(&self, host: String) {
        *self.host.write().unwrap_or_else(PoisonError::into_inner) = host;
    }

    /// The groups whose page was used within `within` (their device is connected).
    pub fn connected(&self, within: Duration) -> Vec<usize> {
        let now = Instant::now();
        let mut groups: Vec<usize> =
            lock(&self.seen).iter().filter(|(_, at)| now.duration_since(**at) <= within).map(|(g, _)| *g).collect();
        groups.sort_unstable();
        groups
    }

    fn wake(&self) {
        if let Some(wake) = self.wake.read().unwrap_or_else(PoisonError::into_inner).as_ref() {
            wake();
        }
    }
}

/// Token buckets by address and by link. Bounded: when too many addresses were seen, the
/// oldest-idle buckets are dropped (a full bucket is what a new address gets anyway).
#[derive(Default)]
struct Limiter {
    buckets: HashMap<Key, (f64, Instant)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Ip(IpAddr),
    Group(usize),
}

impl Limiter {
    fn allow(&mut self, key: Key, burst: f64, rate: f64, now: Instant) -> bool {
        if self.buckets.len() > 4096 {
            self.buckets.retain(|_, (level, at)| now.duration_since(*at).as_secs_f64() * rate + *level < burst);
        }
        let (level, at) = self.buckets.entry(key).or_insert((burst, now));
        *level = (*level + now.duration_since(*at).as_secs_f64() * rate).min(burst);
        *at = now;
        if *level >= 1.0 {
            *level -= 1.0;
            true
        } else {
            false
        }
    }
}

/// One open connection counted against the caps; uncounted when dropped.
struct Slot {
    shared: Arc<Shared>,
    ip: IpAddr,
}

impl Slot {
    fn open(shared: &Arc<Shared>, ip: IpAddr, total: &AtomicUsize) -> Option<Slot> {
        let limits = shared.limits;
        let mut open = lock(&shared.connections);
        let all: usize = open.values().sum();
        let mine = open.get(&ip).copied().unwrap_or(0);
        if all >= limits.max_connections || mine >= limits.max_connections_per_ip {
            return None;
        }
        *open.entry(ip).or_insert(0) += 1;
        total.fetch_add(1, Ordering::Relaxed);
        Some(Slot { shared: Arc::clone(shared), ip })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut open = lock(&self.shared.connections);
        if let Some(n) = open.get_mut(&self.ip) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                open.remove(&self.ip);
            }
        }
    }
}

/// The running server: its thread and a way to stop it.
pub struct Server {
    stop: Option<oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
    pub addr: SocketAddr,
}

impl Server {
    /// Binds `addr` here (so a taken port is an error now, not later) and serves on a thread
    /// of its own until [`Server::stop`] (or drop).
    pub fn start(addr: SocketAddr, shared: Arc<Shared>) -> std::io::Result<Server> {
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?;
        let (stop, stopped) = oneshot::channel();
        let thread = std::thread::Builder::new().name(THREAD.to_string()).spawn(move || {
            let errors = Arc::clone(&shared);
            // Structural: tokio keeps a panicking connection task to that task; this catches
            // anything else, so nothing unwinds out of the thread (the panic hook logs it).
            let run = std::panic::AssertUnwindSafe(|| {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            shared.log_error(format!("cannot serve: {e}"));
                            return;
                        }
                    };
                    tokio::spawn(accept_loop(listener, shared));
                    let _ = stopped.await;
                });
                runtime.shutdown_timeout(Duration::from_millis(200));
            });
            if std::panic::catch_unwind(run).is_err() {
                errors.log_error("the device server stopped after a panic");
            }
        })?;
        Ok(Server { stop: Some(stop), thread: Some(thread), addr })
    }

    /// Stops answering and closes the socket: every link is dead from here on.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A group counts as connected while its page was used within this (pages poll every 3 s).
pub const LOBBY_WINDOW: Duration = Duration::from_secs(10);

/// The server thread's name: the panic hook ([`super::guard_panics`]) knows its panics by it.
pub const THREAD: &str = "devices-http";

async fn accept_loop(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    let total = Arc::new(AtomicUsize::new(0));
    loop {
        let (stream, peer) = match listener.accept().await {
            Ok(x) => x,
            Err(e) => {
                // Out of file descriptors and the like: wait a moment, never give up.
                shared.log_error(format!("accept: {e}"));
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let ip = peer.ip();
        // Over a cap: closed at once (dropped), before a byte is read.
        let Some(slot) = Slot::open(&shared, ip, &total) else { continue };
        let _ = stream.set_nodelay(true);
        let shared = Arc::clone(&shared);
        tokio::spawn(async move {
            let limits = shared.limits;
            let served = Arc::new(AtomicUsize::new(0));
            let svc_shared = Arc::clone(&shared);
            let service = hyper::service::service_fn(move |req| {
                let shared = Arc::clone(&svc_shared);
                let count = served.fetch_add(1, Ordering::Relaxed) + 1;
                async move {
                    let mut response = respond(handle(&shared, ip, req).await);
                    if count >= shared.limits.max_requests_per_connection {
                        response.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
                    }
                    Ok::<_, Infallible>(response)
                }
            });
            let mut builder = hyper::server::conn::http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_timeout)
                .max_header_size(limits.max_header_bytes)
                .max_headers(limits.max_headers)
                .max_buf_size((limits.max_header_bytes + limits.max_body).max(8192))
                .keep_alive(true);
            let conn = builder.serve_connection(TokioIo::new(stream), service);
            match tokio::time::timeout(limits.connection_lifetime, conn).await {
                Ok(Ok(())) | Err(_) => {}
                Ok(Err(e)) if e.is_timeout() || e.is_incomplete_message() || e.is_closed() => {}
                Ok(Err(e)) => shared.log_error(format!("{ip}: {e}")),
            }
            drop(slot);
        });
    }
}

/// An answer to a request, before it becomes a response.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// Status with an empty body (404, 413, 429, ...).
    Empty(u16),
    Html(u16, String),
    Text(String),
    /// 303 to the page, after a recorded answer.
    Saved(String),
}

fn respond(reply: Reply) -> Response<Full<Bytes>> {
    let (status, body, kind, location) = match reply {
        Reply::Empty(status) => (status, String::new(), None, None),
        Reply::Html(status, body) => (status, body, Some("text/html; charset=utf-8"), None),
        Reply::Text(body) => (200, body, Some("text/plain; charset=utf-8"), None),
        Reply::Saved(to) => (303, String::new(), None, Some(to)),
    };
    let mut r = Response::new(Full::new(Bytes::from(body)));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src '{}'; connect-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'",
        script_hash()
    );
    let h = r.headers_mut();
    let mut put = |name: header::HeaderName, value: &str| {
        if let Ok(v) = HeaderValue::from_str(value) {
            h.insert(name, v);
        }
    };
    put(header::CACHE_CONTROL, "no-store");
    put(header::REFERRER_POLICY, "no-referrer");
    put(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    put(header::X_FRAME_OPTIONS, "DENY");
    put(header::CONTENT_SECURITY_POLICY, &csp);
    if let Some(kind) = kind {
        put(header::CONTENT_TYPE, kind);
    }
    if let Some(to) = location {
        put(header::LOCATION, &to);
    }
    // A refused request may have left a body unread: the connection ends with the reply.
    if status >= 400 {
        put(header::CONNECTION, "close");
    }
    r
}

/// `sha256-…` of the page's only script, for the Content-Security-Policy.
pub fn script_hash() -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(page::SCRIPT.as_bytes());
    format!("sha256-{}", base64(&digest))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ABC[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Decides the answer to one request.
async fn handle(shared: &Shared, ip: IpAddr, req: Request<Incoming>) -> Reply {
    let limits = shared.limits;
    let now = Instant::now();
    if !lock(&shared.limiter).allow(Key::Ip(ip), limits.per_ip_burst, limits.per_ip_rate, now) {
        return Reply::Empty(429);
    }
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let Some(rest) = path.strip_prefix("/g/") else { return Reply::Empty(404) };
    let (token, tail) = rest.split_once('/').map_or((rest, None), |(t, tail)| (t, Some(tail)));
    let group = shared.tokens.read().unwrap_or_else(PoisonError::into_inner).group_of(token);
    let Some(group) = group else { return Reply::Empty(404) };
    if !lock(&shared.limiter).allow(Key::Group(group), limits.per_token_burst, limits.per_token_rate, now) {
        return Reply::Empty(429);
    }
    // A group's first contact (or its first after a while) changes the console's lobby line:
    // wake the console to show it now rather than at its next tick.
    let first = lock(&shared.seen).insert(group, now).is_none_or(|at| now.duration_since(at) > LOBBY_WINDOW);
    if first {
        shared.wake();
    }
    let published = shared.page.read().unwrap_or_else(PoisonError::into_inner).clone();
    let Some(published) = published.filter(|p| group < p.page.groups.len()) else { return Reply::Empty(404) };
    match (req.method(), tail) {
        (&Method::GET | &Method::HEAD, Some("v")) => Reply::Text(published.version.to_string()),
        (&Method::GET | &Method::HEAD, None) => {
            let answered = published.page.groups.get(group).is_some_and(|g| g.answered);
            let flash = if query.as_deref() == Some("ok") && answered { Flash::Saved } else { Flash::None };
            Reply::Html(200, page::render(&published.page, group, token, published.version, &flash))
        }
        (&Method::POST, None) => {
            let token = token.to_string();
            submit(shared, &published, group, &token, req).await
        }
        _ => Reply::Empty(404),
    }
}

/// Whether a state-changing request comes from the page itself: its `Host` names the address
/// the links use (no DNS rebinding), and an `Origin`, when the browser sends one, is that
/// address too (no cross-site post).
fn same_origin(shared: &Shared, req: &Request<Incoming>) -> bool {
    let expected = shared.host.read().unwrap_or_else(PoisonError::into_inner).clone();
    if expected.is_empty() {
        return true;
    }
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok());
    if host.is_none_or(|h| !h.eq_ignore_ascii_case(&expected)) {
        return false;
    }
    match req.headers().get(header::ORIGIN).map(|o| o.to_str()) {
        None => true,
        Some(Ok(origin)) => origin.eq_ignore_ascii_case(&format!("http://{expected}")),
        Some(Err(_)) => false,
    }
}

async fn submit(shared: &Shared, published: &Published, group: usize, token: &str, req: Request<Incoming>) -> Reply {
    let limits = shared.limits;
    if !same_origin(shared, &req) {
        return Reply::Empty(403);
    }
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits.max_body as u64) {
        return Reply::Empty(413);
    }
    let body = Limited::new(req.into_body(), limits.max_body);
    let bytes = match tokio::time::timeout(limits.body_timeout, body.collect()).await {
        Err(_) => return Reply::Empty(408),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => return Reply::Empty(413),
        Ok(Err(_)) => return Reply::Empty(400),
        Ok(Ok(collected)) => collected.to_bytes(),
    };
    let page = &published.page;
    let lang = page.lang;
    let refuse = |status: u16, why: &str| {
        Reply::Html(status, page::render(page, group, token, published.version, &Flash::Refused(why.to_string())))
    };
    let form = parse_form(&bytes);
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let Some(card) = field("card").filter(|c| !c.is_empty()) else { return refuse(422, page::BAD_FORM.get(lang)) };
    let Some(option) = field("option").filter(|o| !o.is_empty()) else {
        return refuse(422, page::CHOOSE_OPTION.get(lang));
    };
    let decision = match field("decision").map(str::parse::<usize>) {
        None => Some(Decision::NotRecorded),
        Some(Ok(i)) => Decision::ALL.get(i).copied(),
        Some(Err(_)) => None,
    };
    let Some(decision) = decision else { return refuse(422, page::BAD_FORM.get(lang)) };
    let roles = page.groups.get(group).map(|g| g.roles.as_slice()).unwrap_or_default();
    let mut dissent = Vec::new();
    for (_, v) in form.iter().filter(|(k, _)| k == "dissent") {
        match v.parse::<usize>().ok().and_then(|i| Role::ALL.get(i)) {
            Some(role) if roles.contains(role) => dissent.push(*role),
            _ => return refuse(422, page::BAD_FORM.get(lang)),
        }
    }
    let rationale = field("rationale").unwrap_or_default();
    if rationale.chars().count() > page::MAX_RATIONALE {
        return refuse(422, page::TOO_LONG.get(lang));
    }
    // The page's id of this submission; a form without one gets a fresh id (never a repeat).
    let request = match field("request").filter(|r| page::is_request_id(r)) {
        Some(r) => r.to_string(),
        None => page::new_request_id(),
    };
    // The card is checked by the engine against the open card when the console runs the
    // command, not here against a page that may be out of date.
    let command = Command::AnswerFromDevice {
        card: CardId::from(card),
        group: GroupId(group as u8),
        option: OptionId::from(option),
        rationale: rationale.replace("\r\n", "\n"),
        decision,
        dissent,
    };
    let claim = Arc::new(AtomicU8::new(PENDING));
    let (reply, answer) = oneshot::channel();
    let deadline = Instant::now() + limits.reply_timeout;
    let cmd =
        DeviceCommand { group: GroupId(group as u8), command, request, deadline, claim: Arc::clone(&claim), reply };
    if lock(&shared.commands).send(cmd).is_err() {
        return refuse(503, page::WITHDRAWN.get(lang));
    }
    shared.wake();
    let mut answer = answer;
    let result = match tokio::time::timeout(limits.reply_timeout, &mut answer).await {
        Ok(result) => result,
        Err(_) => {
            if claim.compare_exchange(PENDING, WITHDRAWN, Ordering::SeqCst, Ordering::SeqCst).is_ok() {
                // Withdrawn: the console will drop it unrun.
                return refuse(503, page::WITHDRAWN.get(lang));
            }
            // The console took it just now and is writing it: wait for the outcome.
            match tokio::time::timeout(Duration::from_secs(60), answer).await {
                Ok(result) => result,
                Err(_) => return refuse(503, page::UNKNOWN.get(lang)),
            }
        }
    };
    match result {
        Ok(Ok(())) => Reply::Saved(format!("/g/{token}?ok")),
        Ok(Err(why)) => {
            // The view as it is now (the refusal may be about a change the page had not seen).
            let now = shared.page.read().unwrap_or_else(PoisonError::into_inner).clone();
            let now = now.unwrap_or_else(|| published.clone());
            Reply::Html(409, page::render(&now.page, group, token, now.version, &Flash::Refused(why)))
        }
        // The console dropped the command unrun (too late, or the session closed).
        Err(_) => refuse(503, page::WITHDRAWN.get(lang)),
    }
}

/// `application/x-www-form-urlencoded` → pairs (invalid UTF-8 replaced, never a panic).
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    body.split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let mut it = pair.splitn(2, |b| *b == b'=');
            let k = decode(it.next().unwrap_or_default());
            let v = decode(it.next().unwrap_or_default());
            (k, v)
        })
        .collect()
}

fn decode(s: &[u8]) -> String {
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < s.len() => {
                let hex = std::str::from_utf8(&s[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_are_decoded() {
        let form = parse_form(b"card=a&option=b&rationale=%3Cb%3Ehoi+daar%21&dissent=1&dissent=2&x=%zz%4");
        assert_eq!(form[2], ("rationale".into(), "<b>hoi daar!".into()));
        assert_eq!(form.iter().filter(|(k, _)| k == "dissent").count(), 2);
        assert_eq!(form[5].1, "%zz%4");
    }

    #[test]
    fn the_script_hash_is_base64_of_sha256() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(script_hash().len(), "sha256-".len() + 44);
    }

    #[test]
    fn a_bucket_empties_and_refills() {
        let mut l = Limiter::default();
        let t0 = Instant::now();
        let key = Key::Group(0);
        assert_eq!((0..10).filter(|_| l.allow(key, 5.0, 1.0, t0)).count(), 5);
        assert!(l.allow(key, 5.0, 1.0, t0 + Duration::from_secs(2)));
    }
}
