//! The HTTP side: a small synchronous server (`tiny_http`) on a few threads of its own. It reads
//! only the published [`PageState`] and writes nothing: an answer becomes a [`DeviceCommand`]
//! for the console, which runs it through the engine and replies; the page says "saved" only
//! after that reply.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tiny_http::{Header, Method, Request, Response};

use super::page::{self, Flash, PageState};
use super::token::Tokens;
use crate::scenario::{OptionId, Role};
use crate::session::{Command, Decision, GroupId};

/// What the console is asked to do for a device, and where to say how it went.
#[derive(Debug)]
pub struct DeviceCommand {
    pub group: GroupId,
    pub command: Command,
    /// `Ok` once the event is written and applied; the refusal in the session's language if not.
    pub reply: mpsc::SyncSender<Result<(), String>>,
}

/// Limits on what a device may send.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body accepted, in bytes.
    pub max_body: usize,
    /// Requests one address may make in a burst, and per second after that.
    pub per_ip_burst: f64,
    pub per_ip_rate: f64,
    /// Requests one group's link may take in a burst, and per second after that.
    pub per_token_burst: f64,
    pub per_token_rate: f64,
    /// How long a request waits for the console to record an answer.
    pub reply_timeout: Duration,
    /// Threads answering requests.
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_body: 16 * 1024,
            per_ip_burst: 60.0,
            per_ip_rate: 10.0,
            per_token_burst: 40.0,
            per_token_rate: 5.0,
            reply_timeout: Duration::from_secs(10),
            workers: 4,
        }
    }
}

/// The room's view as last published, with a number that changes when it changes.
#[derive(Debug, Clone)]
pub struct Published {
    pub page: PageState,
    pub version: u64,
}

/// What the server threads share with the console.
pub struct Shared {
    pub page: RwLock<Option<Published>>,
    pub tokens: RwLock<Tokens>,
    pub commands: Mutex<Sender<DeviceCommand>>,
    pub limits: Limits,
    limiter: Mutex<Limiter>,
}

impl Shared {
    pub fn new(commands: Sender<DeviceCommand>, limits: Limits) -> Shared {
        Shared {
            page: RwLock::new(None),
            tokens: RwLock::new(Tokens::default()),
            commands: Mutex::new(commands),
            limits,
            limiter: Mutex::new(Limiter::default()),
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

/// The running server: its threads and the socket they share.
pub struct Server {
    http: Arc<tiny_http::Server>,
    workers: Vec<JoinHandle<()>>,
    pub addr: SocketAddr,
}

impl Server {
    /// Listens on `addr` and answers with `workers` threads until [`Server::stop`] (or drop).
    pub fn start(addr: SocketAddr, shared: Arc<Shared>) -> std::io::Result<Server> {
        let http = tiny_http::Server::http(addr).map_err(std::io::Error::other)?;
        let addr = http.server_addr().to_ip().unwrap_or(addr);
        let http = Arc::new(http);
        let workers = (0..shared.limits.workers.max(1))
            .map(|i| {
                let http = Arc::clone(&http);
                let shared = Arc::clone(&shared);
                std::thread::Builder::new().name(format!("devices-{i}")).spawn(move || {
                    while let Ok(request) = http.recv() {
                        handle(&shared, request);
                    }
                })
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Server { http, workers, addr })
    }

    /// Stops answering and closes the socket: every link is dead from here on.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        for _ in &self.workers {
            self.http.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// An answer to a request, before it becomes a `tiny_http` response.
#[derive(Debug, PartialEq, Eq)]
pub enum Reply {
    /// Status with an empty body (404, 413, 429, ...).
    Empty(u16),
    Html(u16, String),
    Text(String),
    /// 303 to the page, after a recorded answer.
    Saved(String),
}

fn handle(shared: &Shared, mut request: Request) {
    let ip = request.remote_addr().map(|a| a.ip());
    let method = request.method().clone();
    let url = request.url().to_string();
    let length = request.body_length();
    let reply = answer(shared, ip, &method, &url, length, request.as_reader());
    let _ = request.respond(response(reply));
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn response(reply: Reply) -> Response<std::io::Cursor<Vec<u8>>> {
    let (status, body, kind, location) = match reply {
        Reply::Empty(status) => (status, String::new(), None, None),
        Reply::Html(status, body) => (status, body, Some("text/html; charset=utf-8"), None),
        Reply::Text(body) => (200, body, Some("text/plain; charset=utf-8"), None),
        Reply::Saved(to) => (303, String::new(), None, Some(to)),
    };
    let mut r = Response::from_string(body).with_status_code(status);
    let csp = format!(
        "default-src 'none'; style-src 'unsafe-inline'; script-src '{}'; connect-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'",
        script_hash()
    );
    let mut headers = vec![
        header("Cache-Control", "no-store"),
        header("Referrer-Policy", "no-referrer"),
        header("X-Content-Type-Options", "nosniff"),
        header("X-Frame-Options", "DENY"),
        header("Content-Security-Policy", &csp),
    ];
    if let Some(kind) = kind {
        headers.push(header("Content-Type", kind));
    }
    if let Some(to) = location {
        headers.push(header("Location", &to));
    }
    for h in headers.into_iter().flatten() {
        r.add_header(h);
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

/// Decides the answer to one request. Public for the tests of the routing and the limits.
pub fn answer(
    shared: &Shared,
    ip: Option<IpAddr>,
    method: &Method,
    url: &str,
    length: Option<usize>,
    body: &mut dyn Read,
) -> Reply {
    let limits = shared.limits;
    let now = Instant::now();
    if let Some(ip) = ip
        && !lock(&shared.limiter).allow(Key::Ip(ip), limits.per_ip_burst, limits.per_ip_rate, now)
    {
        return Reply::Empty(429);
    }
    let path = url.split_once('?').map_or(url, |(p, _)| p);
    let query = url.split_once('?').map(|(_, q)| q);
    let Some(rest) = path.strip_prefix("/g/") else { return Reply::Empty(404) };
    let (token, tail) = rest.split_once('/').map_or((rest, None), |(t, tail)| (t, Some(tail)));
    let group = match shared.tokens.read() {
        Ok(tokens) => tokens.group_of(token),
        Err(_) => None,
    };
    let Some(group) = group else { return Reply::Empty(404) };
    if !lock(&shared.limiter).allow(Key::Group(group), limits.per_token_burst, limits.per_token_rate, now) {
        return Reply::Empty(429);
    }
    let published = match shared.page.read() {
        Ok(p) => p.clone(),
        Err(_) => None,
    };
    let Some(published) = published.filter(|p| group < p.page.groups.len()) else { return Reply::Empty(404) };
    match (method, tail) {
        (Method::Get | Method::Head, Some("v")) => Reply::Text(published.version.to_string()),
        (Method::Get | Method::Head, None) => {
            let answered = published.page.groups.get(group).is_some_and(|g| g.answered);
            let flash = if query == Some("ok") && answered { Flash::Saved } else { Flash::None };
            Reply::Html(200, page::render(&published.page, group, token, published.version, &flash))
        }
        (Method::Post, None) => submit(shared, &published, group, token, length, body),
        _ => Reply::Empty(404),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn submit(
    shared: &Shared,
    published: &Published,
    group: usize,
    token: &str,
    length: Option<usize>,
    body: &mut dyn Read,
) -> Reply {
    let max = shared.limits.max_body;
    if length.is_some_and(|n| n > max) {
        return Reply::Empty(413);
    }
    let mut bytes = Vec::new();
    if body.take(max as u64 + 1).read_to_end(&mut bytes).is_err() {
        return Reply::Empty(400);
    }
    if bytes.len() > max {
        return Reply::Empty(413);
    }
    let page = &published.page;
    let lang = page.lang;
    let refuse = |status: u16, why: &str| {
        Reply::Html(status, page::render(page, group, token, published.version, &Flash::Refused(why.to_string())))
    };
    let form = parse_form(&bytes);
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let Some(card) = &page.card else { return refuse(409, page::CARD_CHANGED.get(lang)) };
    if field("card") != Some(card.id.as_str()) || card.revealed.is_some() {
        return refuse(409, page::CARD_CHANGED.get(lang));
    }
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
    let command = Command::FromDevice(Box::new(Command::RecordChoice {
        group: GroupId(group as u8),
        option: OptionId::from(option),
        rationale: rationale.replace("\r\n", "\n"),
        decision,
        dissent,
    }));
    let (reply, answer) = mpsc::sync_channel(1);
    let sent = lock(&shared.commands).send(DeviceCommand { group: GroupId(group as u8), command, reply });
    if sent.is_err() {
        return refuse(503, page::NOT_SAVED.get(lang));
    }
    match answer.recv_timeout(shared.limits.reply_timeout) {
        Ok(Ok(())) => Reply::Saved(format!("/g/{token}?ok")),
        Ok(Err(why)) => {
            // The view as it is now (the refusal may be about a change the page had not seen).
            let now = shared.page.read().ok().and_then(|p| p.clone()).unwrap_or_else(|| published.clone());
            Reply::Html(409, page::render(&now.page, group, token, now.version, &Flash::Refused(why)))
        }
        Err(_) => refuse(503, page::NOT_SAVED.get(lang)),
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
