//! Delegations answer on their own devices (`weerbaar play --devices [ADDR:PORT]`).
//!
//! A small web server ([`server`]) gives every group a page at `/g/<token>` ([`token`]): the
//! room's view of the open card ([`page`]) and a form for that group's answer. The server never
//! writes: an answer is sent as a [`DeviceCommand`] to the console loop ([`console`]), which runs
//! it through the engine like a key press (checked, written, synced) and replies; only then does
//! the page say "saved". The console publishes the room's view after every change, and shows
//! each group's link and QR code on a join screen ([`join`]).

pub mod console;
pub mod handout;
pub mod join;
pub mod page;
pub mod server;
pub mod token;

use std::net::{IpAddr, Ipv4Addr, SocketAddr, UdpSocket};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, PoisonError};

pub use console::DeviceConsole;
pub use page::PageState;
pub use server::{DeviceCommand, ErrorLog, Limits, Published, Server, Shared};
pub use token::{Token, Tokens};

use crate::scenario::{Deck, Lang};
use crate::session::{MAX_GROUPS, State};

/// Where `--devices` listens when no address is given, on a port that needs no privileges. An
/// unspecified address (`0.0.0.0`) means the room's network: the server binds the address of the
/// interface that carries the default route ([`room_ip`]), never every interface.
pub const DEFAULT_ADDR: &str = "0.0.0.0:8080";

/// Why the device server could not start.
#[derive(Debug, thiserror::Error)]
pub enum DevicesError {
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: std::io::Error },
    #[error("the system's random generator failed: {0}")]
    Random(getrandom::Error),
}

impl DevicesError {
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (DevicesError::Listen { addr, source }, Lang::Nl) => format!(
                "kan niet luisteren op {addr}: {}; kies een ander adres of een andere poort, bijvoorbeeld --devices 0.0.0.0:8081",
                crate::scenario::text::io_error(source, lang)
            ),
            (DevicesError::Listen { addr, source }, Lang::En) => format!(
                "cannot listen on {addr}: {}; choose another address or port, for example --devices 0.0.0.0:8081",
                crate::scenario::clean(&source.to_string())
            ),
            (DevicesError::Random(e), Lang::Nl) => format!("de toevalsgenerator van het systeem faalde: {e}"),
            (DevicesError::Random(e), Lang::En) => format!("the system's random generator failed: {e}"),
        }
    }
}

/// The console's handle on the device server: publishes the room's view, hands out the links
/// and receives the devices' commands.
pub struct Devices {
    shared: Arc<Shared>,
    commands: Receiver<DeviceCommand>,
    server: Option<Server>,
    base: String,
    published: Option<PageState>,
    version: u64,
}

impl Devices {
    /// Starts the server on `addr` with the default limits.
    pub fn start(addr: SocketAddr) -> Result<Devices, DevicesError> {
        Devices::start_with(addr, Limits::default())
    }

    /// Starts the server on `addr`; the tokens are made now (for the most groups a session can
    /// have), so a failing random generator stops the start, not the session.
    pub fn start_with(addr: SocketAddr, limits: Limits) -> Result<Devices, DevicesError> {
        // "Every interface" becomes the room's: a wired, VPN or second network gets nothing.
        let addr = if addr.ip().is_unspecified() { SocketAddr::new(room_ip(), addr.port()) } else { addr };
        let tokens = Tokens::new(MAX_GROUPS).map_err(DevicesError::Random)?;
        let (tx, commands) = mpsc::channel();
        let shared = Arc::new(Shared::new(tx, limits));
        *shared.tokens.write().unwrap_or_else(PoisonError::into_inner) = tokens;
        let server =
            Server::start(addr, Arc::clone(&shared)).map_err(|source| DevicesError::Listen { addr, source })?;
        let host = server.addr.to_string();
        shared.set_host(host.clone());
        let base = format!("http://{host}");
        Ok(Devices { shared, commands, server: Some(server), base, published: None, version: 0 })
    }

    /// The address the server listens on, while it runs.
    pub fn addr(&self) -> Option<SocketAddr> {
        self.server.as_ref().map(|s| s.addr)
    }

    pub fn is_running(&self) -> bool {
        self.server.is_some()
    }

    /// `http://HOST:PORT`, with the address other devices on the network reach this one by.
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// The link of every group of the published session (empty before a session runs).
    pub fn links(&self) -> Vec<(String, String)> {
        let Some(page) = &self.published else { return Vec::new() };
        if !self.is_running() {
            return Vec::new();
        }
        let tokens = self.shared.tokens.read().unwrap_or_else(PoisonError::into_inner);
        page.groups
            .iter()
            .enumerate()
            .filter_map(|(i, g)| Some((g.name.clone(), format!("{}/g/{}", self.base, tokens.get(i)?.hex()))))
            .collect()
    }

    /// Publishes the room's view of `state` for the pages, if it changed.
    pub fn publish(&mut self, state: &State, deck: &Deck, lang: Lang) {
        let page = PageState::build(state, deck, lang);
        if self.published.as_ref() == Some(&page) {
            return;
        }
        self.version += 1;
        self.published = Some(page.clone());
        *self.shared.page.write().unwrap_or_else(PoisonError::into_inner) =
            Some(Published { page, version: self.version });
    }

    /// Errors of the server go to `path` from now on (a file beside the session's log).
    pub fn log_errors_to(&self, path: std::path::PathBuf) {
        self.shared.set_error_path(path);
    }

    /// What the server calls when a device's command waits, to wake the console's loop.
    pub fn set_waker(&self, wake: Box<dyn Fn() + Send + Sync>) {
        self.shared.set_waker(wake);
    }

    /// Makes a panic on the server's thread a line in its error file instead of a message on
    /// the terminal (and instead of the terminal's panic hook, which would leave raw mode while
    /// the console runs on). Install it after the terminal is set up, so it sees those panics
    /// first; other threads' panics go to the hooks as before.
    pub fn guard_panics(&self) {
        let shared = Arc::downgrade(&self.shared);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() == Some(server::THREAD) {
                if let Some(shared) = shared.upgrade() {
                    shared.log_error(format!("panic: {info}"));
                }
                return;
            }
            previous(info);
        }));
    }

    /// The groups (by index) with a device connected: their page was used in the last 10 s.
    pub fn connected(&self) -> Vec<usize> {
        if !self.is_running() {
            return Vec::new();
        }
        self.shared.connected(server::LOBBY_WINDOW)
    }

    /// The next command a device sent, if any (never blocks).
    pub fn next_command(&self) -> Option<DeviceCommand> {
        self.commands.try_recv().ok()
    }

    /// Stops the server and forgets the tokens: every link gets nothing from now on.
    pub fn stop(&mut self) {
        *self.shared.tokens.write().unwrap_or_else(PoisonError::into_inner) = Tokens::default();
        *self.shared.page.write().unwrap_or_else(PoisonError::into_inner) = None;
        if let Some(server) = self.server.take() {
            server.stop();
        }
    }
}

impl Drop for Devices {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The address of the interface that carries the default route: the one this machine uses
/// towards the network, found by routing a UDP socket (`connect` on UDP sends nothing). The
/// loopback address when there is no route (no network: only this machine can be served).
pub fn room_ip() -> IpAddr {
    let probe = UdpSocket::bind((Ipv4Addr::UNSPECIFIED, 0))
        .and_then(|s| s.connect((Ipv4Addr::new(192, 0, 2, 1), 9)).map(|_| s))
        .and_then(|s| s.local_addr());
    match probe {
        Ok(a) if !a.ip().is_unspecified() => a.ip(),
        _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
    }
}
