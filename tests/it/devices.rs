#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! Delegations answering on their own devices: the pages and the answers over real HTTP on
//! loopback, the console side driven without a terminal, and the real binary's sockets.

use crate::common;
use crate::common::tools::{Tool, need};

use common::tmux::Tmux;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use weerbaar::devices::{DeviceConsole, Devices, Limits, page::esc};
use weerbaar::scenario::{Lang, Role};
use weerbaar::session::{Command, Decision, Event, GroupId, GroupSetup, ManualClock, Session, Source, Visibility};
use weerbaar::ui::run::Program;
use weerbaar::ui::{App, Launch};

const CARD: &str = "ransom-friday";
const PRIVATE: &str = "Alleen voor mij: Huizen leek verdeeld over de kosten";
const ROOM_NOTE: &str = "Notitie voor de zaal over de back-ups";
const ACTION: &str = "Draaiboek losgeld herzien met de raad";
const SECRET_RATIONALE: &str = "Blaricum wil eerst de verzekeraar bellen";

struct Rig {
    console: DeviceConsole<ManualClock>,
    addr: SocketAddr,
    links: Vec<String>,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

/// A live session of three delegations (Huizen without a CISO) on `ransom-friday`, with a
/// private note, a room note and an action, Blaricum's answer recorded at the console, one
/// development released; the device server on a free loopback port.
fn rig(limits: Limits) -> Rig {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("sessie.jsonl");
    let clock = common::clock();
    let mut setup = common::setup("Regio Gooi", &["Laren", "Blaricum", "Huizen"], "gemengd");
    setup.groups[2] = GroupSetup { name: "Huizen".into(), roles: vec![Role::Mayor, Role::MunicipalSecretary] };
    let deck = common::deck();
    let mut s = Session::start(deck.clone(), setup, &log, clock.clone()).unwrap();
    s.execute(Command::OpenCard(CARD.into())).unwrap();
    s.execute(Command::ReleaseInject("council-asks".into())).unwrap();
    s.execute(Command::AddNote { about: Some(GroupId(2)), text: PRIVATE.into() }).unwrap();
    s.execute(Command::AddNoteAs { about: None, text: ROOM_NOTE.into(), visibility: Visibility::Room }).unwrap();
    s.execute(Command::AddAction {
        group: GroupId(0),
        what: ACTION.into(),
        owner: Role::Mayor,
        due: "1-3-2027".into(),
    })
    .unwrap();
    s.execute(Command::RecordChoice {
        group: GroupId(1),
        option: "ask-council".into(),
        rationale: SECRET_RATIONALE.into(),
        decision: Decision::Majority,
        dissent: vec![Role::Ciso],
    })
    .unwrap();
    let launch =
        Launch { deck, log: None, log_dir: dir.path().into(), seed: 1, facilitator: String::new(), follow_up: None };
    let app = App::with_session(launch, s, Lang::Nl, clock.clone());
    let devices = Devices::start_with("127.0.0.1:0".parse().unwrap(), limits).unwrap();
    let addr = devices.addr().unwrap();
    let console = DeviceConsole::new(app, devices);
    let links = console.devices.links().into_iter().map(|(_, url)| url).collect();
    Rig { console, addr, links, log, _dir: dir }
}

/// The path part of a group's link: `/g/<token>`.
fn path_of(link: &str) -> String {
    link.split_once("/g/").map(|(_, t)| format!("/g/{t}")).unwrap()
}

#[derive(Debug)]
struct Reply {
    status: u16,
    head: String,
    body: String,
}

/// One HTTP/1.1 request on a fresh connection, read to the end.
fn http(addr: SocketAddr, method: &str, path: &str, body: &[u8]) -> Reply {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).unwrap();
    // A server may answer (413) before reading a big body; a broken pipe is then fine.
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    Reply { status, head: head.to_string(), body: body.to_string() }
}

impl Rig {
    /// Sends a request from another thread while this thread runs the console loop, as the
    /// program does (ticks), until the answer is back.
    fn send(&mut self, method: &str, path: &str, body: &str) -> Reply {
        let (addr, method, path, body) = (self.addr, method.to_string(), path.to_string(), body.to_string());
        let client = std::thread::spawn(move || http(addr, &method, &path, body.as_bytes()));
        let start = Instant::now();
        while !client.is_finished() {
            self.console.on_tick();
            std::thread::sleep(Duration::from_millis(2));
            assert!(start.elapsed() < Duration::from_secs(30), "no answer");
        }
        client.join().unwrap()
    }

    fn get(&mut self, group: usize) -> Reply {
        let p = path_of(&self.links[group]);
        self.send("GET", &p, "")
    }

    fn post(&mut self, group: usize, form: &str) -> Reply {
        let p = path_of(&self.links[group]);
        self.send("POST", &p, form)
    }

    fn events(&self) -> Vec<Event> {
        weerbaar::log::read(&self.log).unwrap().records.into_iter().map(|r| r.event).collect()
    }

    fn exec(&mut self, cmd: Command) {
        assert!(self.console.app.exec(cmd), "{:?}", self.console.app.notice);
        self.console.sync();
    }

    fn notice(&self) -> String {
        self.console.app.notice.as_ref().map(|(_, t)| t.clone()).unwrap_or_default()
    }
}

/// What no response may ever carry: notes, facilitator notes, actions and Blaricum's rationale
/// before the reveal (raw or escaped).
fn secrets(before_reveal: bool) -> Vec<String> {
    let deck = common::deck();
    let mut out = vec![PRIVATE.to_string(), ROOM_NOTE.to_string(), ACTION.to_string()];
    for card in &deck.cards {
        for text in card.notes.all() {
            out.extend(text.lines().map(str::trim).filter(|l| l.chars().count() > 25).map(str::to_string));
        }
    }
    if before_reveal {
        out.push(SECRET_RATIONALE.to_string());
    }
    out
}

fn assert_no_secrets(reply: &Reply, before_reveal: bool) {
    assert!(secrets(before_reveal).len() > 20, "the facilitator notes of the deck are searched for");
    let all = format!("{}\n{}", reply.head, reply.body);
    for s in secrets(before_reveal) {
        assert!(!all.contains(&s) && !all.contains(&esc(&s)), "leaked {s:?}:\n{all}");
    }
}

fn form(option: &str, decision: usize, dissent: &[usize], rationale: &str) -> String {
    let mut f = format!("card={CARD}&option={option}&decision={decision}&rationale={}", urlencode(rationale));
    for d in dissent {
        f.push_str(&format!("&dissent={d}"));
    }
    f
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            b => format!("%{b:02X}"),
        })
        .collect()
}

fn choices(events: &[Event]) -> Vec<(GroupId, String, Source, String)> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::ChoiceRecorded { group, option, source, rationale, .. } => {
                Some((*group, option.to_string(), *source, rationale.clone()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn a_page_shows_the_room_view_and_no_secrets() {
    let mut rig = rig(Limits::default());
    let r = rig.get(0);
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.head.to_lowercase().contains("content-type: text/html; charset=utf-8"), "{}", r.head);
    assert!(r.head.to_lowercase().contains("content-security-policy"), "{}", r.head);
    for text in [
        "Vrijdag 17.00 uur: alles staat op slot",
        "Wie beslist over betalen",
        "Niet betalen. Aangifte doen",
        "Ik lees dat jullie misschien gaan betalen",
        "niet vastgelegd",
        "Laren",
    ] {
        assert!(r.body.contains(&esc(text)), "missing {text:?}:\n{}", r.body);
    }
    // Who has answered is public (as on the audience screen); what Blaricum chose is not.
    assert!(r.body.contains("Blaricum ✓"), "{}", r.body);
    assert!(!r.body.contains("checked"), "Laren has not answered: nothing is pre-selected");
    assert!(!r.body.contains("https://") && !r.body.contains("src="), "no external assets");
    assert_no_secrets(&r, true);
    // Huizen's form offers only the roles at its table.
    let huizen = rig.get(2);
    assert_eq!(huizen.body.matches("name=\"dissent\"").count(), 2, "{}", huizen.body);
    assert!(huizen.body.contains("value=\"0\"> burgemeester") && !huizen.body.contains("value=\"2\"> CISO"));
    assert_eq!(r.body.matches("name=\"dissent\"").count(), 6);
    assert_no_secrets(&huizen, true);
}

#[test]
fn wrong_and_old_tokens_get_404_and_nothing_else() {
    let mut rig = rig(Limits::default());
    let good = path_of(&rig.links[0]);
    let token = good.trim_start_matches("/g/").to_string();
    let mut flipped = token.clone().into_bytes();
    flipped[0] = if flipped[0] == b'0' { b'1' } else { b'0' };
    let flipped = String::from_utf8(flipped).unwrap();
    let before = rig.events().len();
    for (method, path) in [
        ("GET", format!("/g/{flipped}")),
        ("GET", format!("/g/{}", token.to_uppercase())),
        ("GET", format!("/g/{}", &token[..31])),
        ("GET", "/".to_string()),
        ("GET", "/g/".to_string()),
        ("GET", format!("/g/{token}/anders")),
        ("GET", format!("/x/{token}")),
        ("POST", format!("/g/{flipped}")),
        ("DELETE", good.clone()),
    ] {
        let r = rig.send(method, &path, &form("refuse", 0, &[], "hoi"));
        assert_eq!(r.status, 404, "{method} {path}: {r:?}");
        assert!(r.body.is_empty(), "{method} {path}: {}", r.body);
        assert_no_secrets(&r, true);
    }
    assert_eq!(rig.events().len(), before, "nothing was written");

    // Ending the session revokes every link: the server stops listening.
    rig.exec(Command::End);
    assert!(!rig.console.devices.is_running());
    assert!(rig.console.devices.links().is_empty());
    // Every link is dead at once (the tokens are gone); the socket closes as the accept thread ends.
    let start = Instant::now();
    while TcpStream::connect(rig.addr).is_ok() {
        assert!(start.elapsed() < Duration::from_secs(5), "nothing listens after the session ended");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_answer_from_a_device_is_written_by_the_engine_with_its_source() {
    let mut rig = rig(Limits::default());
    let before = rig.events().len();
    let r = rig.post(0, &form("refuse", 2, &[2], "Wij betalen nooit,\r\nook niet onder druk"));
    assert_eq!(r.status, 303, "{r:?}");
    let location = r.head.lines().find(|l| l.to_lowercase().starts_with("location:")).unwrap();
    assert!(location.ends_with(&format!("{}?ok", path_of(&rig.links[0]))), "{location}");
    // Written (and synced) before the reply: the log holds it when the page says "saved".
    let events = rig.events();
    assert_eq!(events.len(), before + 1);
    let (group, option, source, rationale) = choices(&events).pop().unwrap();
    assert_eq!((group, option.as_str(), source), (GroupId(0), "refuse", Source::Device));
    assert_eq!(rationale, "Wij betalen nooit,\nook niet onder druk");
    match events.last().unwrap() {
        Event::ChoiceRecorded { decision, dissent, .. } => {
            assert_eq!((*decision, dissent.as_slice()), (Decision::Majority, &[Role::Ciso][..]));
        }
        e => panic!("{e:?}"),
    }
    // The console shows that Laren answered, not what.
    let notice = rig.notice();
    assert!(notice.contains("✓ Laren"), "{notice}");
    assert!(!notice.contains("betalen"), "{notice}");
    // The page after the redirect says saved and shows the answer as it stands, to change it.
    let page = rig.send("GET", &format!("{}?ok", path_of(&rig.links[0])), "");
    assert!(page.body.contains("Opgeslagen ✓"), "{}", page.body);
    assert!(page.body.contains("value=\"refuse\" required checked"), "{}", page.body);
    assert!(page.body.contains("Wij betalen nooit,\nook niet onder druk"), "{}", page.body);
    assert_no_secrets(&page, true);
    // Changed before the reveal: the new answer replaces the first.
    assert_eq!(rig.post(0, &form("ask-council", 0, &[], "")).status, 303);
    let s = rig.console.app.session().unwrap();
    let play = s.state().current_play().unwrap();
    assert_eq!(play.choices[&GroupId(0)].option.as_str(), "ask-council");
    assert_eq!(play.choices[&GroupId(0)].changes, 1);
    // A console answer in the same session still says console.
    rig.exec(Command::RecordChoice {
        group: GroupId(2),
        option: "refuse".into(),
        rationale: String::new(),
        decision: Decision::NotRecorded,
        dissent: vec![],
    });
    assert_eq!(choices(&rig.events()).pop().unwrap().2, Source::Console);
}

#[test]
fn a_group_link_cannot_answer_for_another_group() {
    let mut rig = rig(Limits::default());
    // Huizen's link, with fields that name Laren: only Huizen's answer is recorded.
    let r = rig.post(2, &format!("{}&group=0&group=1", form("refuse", 0, &[], "van Huizen")));
    assert_eq!(r.status, 303, "{r:?}");
    let mine: Vec<_> = choices(&rig.events()).into_iter().filter(|c| c.2 == Source::Device).collect();
    assert_eq!(mine, vec![(GroupId(2), "refuse".into(), Source::Device, "van Huizen".into())]);
    // A role Huizen does not have at its table is refused, and nothing is written.
    let before = rig.events().len();
    let r = rig.post(2, &form("refuse", 2, &[2], "CISO?"));
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body.contains("Het formulier klopt niet"), "{}", r.body);
    // A form for another card, an unknown option, no option, a too long rationale: refused.
    for (bad, why) in [
        (
            form("refuse", 0, &[], "").replace(CARD, "ransom-second-demand"),
            "de kaart waarop jullie antwoordden is gesloten",
        ),
        (form("betalen-maar", 0, &[], ""), "deze kaart heeft die optie niet"),
        (form("", 0, &[], ""), "Kies eerst een optie"),
        (form("refuse", 0, &[], &"x".repeat(2001)), "te lang"),
        (form("refuse", 9, &[], ""), "Het formulier klopt niet"),
        // Unanimous with dissent: the engine's own rule, in the engine's words.
        (form("refuse", 1, &[0], ""), "Unaniem en een afwijkende mening"),
    ] {
        let r = rig.post(2, &bad);
        assert!(r.status == 409 || r.status == 422, "{bad}: {r:?}");
        assert!(r.body.contains(why), "{bad}: {}", r.body);
        assert_no_secrets(&r, true);
    }
    assert_eq!(rig.events().len(), before, "nothing was written");
}

#[test]
fn oversized_bodies_and_floods_are_refused_and_the_console_goes_on() {
    let mut rig = rig(Limits::default());
    let before = rig.events().len();
    let big = form("refuse", 0, &[], &"a".repeat(20 * 1024));
    let r = rig.post(0, &big);
    assert_eq!(r.status, 413, "{}", r.head);
    assert!(r.body.is_empty());
    assert_eq!(rig.events().len(), before, "nothing was written");

    // A flood on one link: after the burst, requests are turned away without work.
    let path = path_of(&rig.links[1]);
    let addr = rig.addr;
    let statuses: Vec<u16> = (0..150).map(|_| http(addr, "GET", &path, b"").status).collect();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert!(refused >= 50, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 429), "{statuses:?}");
    // The console still runs and another group still answers.
    std::thread::sleep(Duration::from_millis(1200));
    let r = rig.post(0, &form("refuse", 0, &[], "na de vloed"));
    assert_eq!(r.status, 303, "{r:?}");
    rig.console.on_key(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::NONE));
    assert!(rig.console.app.overlay.is_some(), "the console still takes keys");
}

#[test]
fn html_in_a_rationale_is_escaped_and_the_comparison_follows_the_reveal() {
    let mut rig = rig(Limits::default());
    let evil = "<script>alert('x')</script><img src=x onerror=alert(1)> & \"quotes\"";
    assert_eq!(rig.post(0, &form("refuse", 0, &[], evil)).status, 303);
    assert_eq!(rig.post(2, &form("refuse", 0, &[], "Huizen sluit aan")).status, 303);
    // Before the reveal Laren sees its own answer (escaped), not Blaricum's.
    let before = rig.get(0);
    assert!(before.body.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), "{}", before.body);
    assert!(!before.body.contains("<img") && !before.body.contains("alert('x')"));
    assert!(!before.body.contains("De antwoorden naast elkaar"));
    assert_no_secrets(&before, true);
    let huizen = rig.get(2);
    assert!(!huizen.body.contains("alert"), "Laren's rationale is not on Huizen's page before the reveal");

    rig.exec(Command::Reveal);
    let after = rig.get(2);
    assert!(after.body.contains("De antwoorden naast elkaar"), "{}", after.body);
    assert!(after.body.contains(SECRET_RATIONALE), "the comparison shows every rationale");
    assert!(after.body.contains("&lt;script&gt;") && !after.body.contains("<img"), "{}", after.body);
    assert!(!after.body.contains("<form"), "no form after the reveal");
    assert_no_secrets(&after, false);

    // Answering after the reveal is refused and writes nothing.
    let n = rig.events().len();
    let r = rig.post(2, &form("refuse", 0, &[], "te laat"));
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(rig.events().len(), n);
    assert_no_secrets(&r, false);
}

#[test]
fn the_poll_address_changes_only_when_the_room_view_does() {
    let mut rig = rig(Limits::default());
    let v = |rig: &mut Rig| rig.send("GET", &format!("{}/v", path_of(&rig.links[0])), "").body;
    let first = v(&mut rig);
    // A private note changes nothing a page shows.
    rig.exec(Command::AddNote { about: None, text: "nog een eigen notitie".into() });
    assert_eq!(v(&mut rig), first);
    rig.exec(Command::ReleaseInject("press-calls".into()));
    assert_ne!(v(&mut rig), first);
}

#[test]
fn the_join_screen_shows_each_group_link_and_a_qr_code_only_in_the_private_view() {
    let mut rig = rig(Limits::default());
    let draw = |c: &DeviceConsole<ManualClock>| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 50)).unwrap();
        t.draw(|f| c.render(f)).unwrap();
        let buf = t.backend().buffer().clone();
        (0..buf.area.height)
            .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    };
    // Room-safe (the default): the join screen never opens, by itself or with `l`.
    assert_eq!(rig.console.join, None, "not shown by itself");
    rig.console.on_key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE));
    let screen = draw(&rig.console);
    assert!(!rig.links.iter().any(|l| screen.contains(l.as_str())) && !screen.contains("/g/"), "{screen}");
    assert!(rig.notice().contains("niet op het zaalscherm"), "{}", rig.notice());
    // The private view: `l` shows each group's link and code.
    rig.console.app.private = true;
    rig.console.on_key(KeyEvent::new(KeyCode::Char('l'), KeyModifiers::NONE));
    assert_eq!(rig.console.join, Some(0));
    let screen = draw(&rig.console);
    assert!(screen.contains(&rig.links[0]) && screen.contains("Laren"), "{screen}");
    assert!(screen.contains('▀') && screen.contains('█'), "{screen}");
    assert!(screen.contains("andere groep") && screen.contains("verder"), "the join screen names its keys: {screen}");
    // The default terminal (80x24) has room for the code too.
    let small = draw80(&rig.console);
    assert!(small.contains('▀') && !small.contains("te klein"), "{small}");
    assert!(small.contains("kan voor de groep antwoorden.") && small.contains("Enter verder"), "{small}");
    // Three groups: the digits that choose one are 1-3, not every digit the table accepts.
    assert!(small.contains("1-3 andere groep") && !small.contains("1-8"), "{small}");
    rig.console.on_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE));
    assert!(draw(&rig.console).contains(&rig.links[1]));
    // Back to room-safe while it is open: the links go off the screen at once.
    rig.console.app.private = false;
    assert!(!draw(&rig.console).contains("/g/"));
    rig.console.app.private = true;
    rig.console.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(rig.console.join, None);
    assert!(!draw(&rig.console).contains(&rig.links[1]));
}

#[test]
fn the_links_handout_beside_the_log_has_a_page_per_group_and_only_the_owner_reads_it() {
    let mut rig = rig(Limits::default());
    let handout = rig.log.with_extension("links.html");
    let html = std::fs::read_to_string(&handout).unwrap();
    assert_eq!(html.matches("<section>").count(), 3);
    assert_eq!(html.matches("<svg").count(), 3);
    for (name, link) in ["Laren", "Blaricum", "Huizen"].iter().zip(&rig.links) {
        assert!(html.contains(&format!("<h1>{name}</h1>")) && html.contains(link.as_str()), "{html}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&handout).unwrap().permissions().mode() & 0o777, 0o600);
    }
    // The session ends: the links are dead and the handout is gone.
    rig.exec(Command::End);
    assert!(!handout.exists());
}

#[test]
fn quitting_the_console_mid_session_removes_the_handout_of_dead_links() {
    let rig = rig(Limits::default());
    let handout = rig.log.with_extension("links.html");
    assert!(handout.exists());
    // `q` and yes: the console (and its server) goes; a resume would hand out new links. (The
    // folder stays: only the console goes.)
    let Rig { console, log, _dir: dir, .. } = rig;
    drop(console.finish());
    assert!(log.exists() && !handout.exists(), "a page of dead links stayed beside the log");
    drop(dir);
}

// ---- the real binary -----------------------------------------------------------------------

/// The TCP ports a process listens on: its socket inodes matched against /proc/net/tcp{,6}.
fn listening_ports(pid: u32) -> Vec<u16> {
    let inodes: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|l| l.to_str()?.strip_prefix("socket:[")?.strip_suffix(']').map(str::to_string))
        .collect();
    let mut ports = Vec::new();
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Ok(text) = std::fs::read_to_string(table) else { continue };
        for line in text.lines().skip(1) {
            let f: Vec<&str> = line.split_whitespace().collect();
            // local address, state 0A = LISTEN, inode
            if f.len() > 9 && f[3] == "0A" && inodes.iter().any(|i| i == f[9]) {
                let port = f[1].rsplit(':').next().and_then(|p| u16::from_str_radix(p, 16).ok()).unwrap();
                ports.push(port);
            }
        }
    }
    ports
}

/// The groups' links from the handout written beside the log (`s.links.html`).
fn handout_links(pane: &Tmux, addr: &str) -> Vec<String> {
    let prefix = format!("http://{addr}/g/");
    let start = Instant::now();
    loop {
        let html = std::fs::read_to_string(pane.path("s.links.html")).unwrap_or_default();
        let mut links: Vec<String> = Vec::new();
        for part in html.split(&prefix).skip(1) {
            let token: String = part.chars().take_while(char::is_ascii_hexdigit).collect();
            let link = format!("{prefix}{token}");
            if token.len() == 32 && !links.contains(&link) {
                links.push(link);
            }
        }
        if links.len() >= 2 {
            return links;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no handout beside the log");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn log_in(dir: &Path) -> PathBuf {
    dir.join("s.jsonl")
}

#[test]
fn no_server_listens_without_devices_and_one_does_with() {
    if !need(Tool::Tmux) {
        return;
    }
    let without =
        Tmux::program("off", 120, 40, &["play", "--group", "Laren", "--group", "Blaricum", "--log", "s.jsonl"]);
    without.wait_for("Blaricum");
    assert!(log_in(without.dir.path()).exists());
    assert_eq!(listening_ports(without.pid()), Vec::<u16>::new(), "no socket listens without --devices");

    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let with = Tmux::program(
        "on",
        120,
        40,
        &["play", "--group", "Laren", "--group", "Blaricum", "--log", "s.jsonl", "--devices", &addr],
    );
    with.wait_for("Blaricum");
    let link = handout_links(&with, &addr)[0].rsplit('/').next().unwrap().to_string();
    assert_eq!(listening_ports(with.pid()), vec![port]);
    // The log never holds a token.
    assert_eq!(link.len(), 32, "{link}");
    let log = std::fs::read_to_string(log_in(with.dir.path())).unwrap();
    assert!(!log.contains(&link));
}

// ---- the engine ------------------------------------------------------------------------------

#[test]
fn a_device_may_only_record_an_answer_and_old_logs_read_as_console() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Session::start(
        common::deck(),
        common::setup("Regio", &["Laren", "Blaricum"], "gemengd"),
        &dir.path().join("s.jsonl"),
        common::clock(),
    )
    .unwrap();
    s.execute(Command::OpenCard(CARD.into())).unwrap();
    for cmd in [
        Command::Reveal,
        Command::AddNote { about: None, text: "van een telefoon".into() },
        Command::End,
        Command::FromDevice(Box::new(Command::CloseCard)),
    ] {
        let e = s.execute(Command::FromDevice(Box::new(cmd))).unwrap_err();
        assert!(e.describe(Lang::Nl).contains("alleen het antwoord van zijn eigen groep"), "{e}");
    }
    assert_eq!(s.records().len(), 3, "nothing written");
    // A choice line as logs wrote it before devices existed: read as entered at the console.
    let old = r#"{"type":"choice_recorded","card":"ransom-friday","group":0,"option":"refuse","rationale":"","decision":"unanimous","dissent":[]}"#;
    match serde_json::from_str::<Event>(old).unwrap() {
        Event::ChoiceRecorded { source, .. } => assert_eq!(source, Source::Console),
        e => panic!("{e:?}"),
    }
    let rec = s
        .execute(Command::FromDevice(Box::new(Command::RecordChoice {
            group: GroupId(1),
            option: "refuse".into(),
            rationale: String::new(),
            decision: Decision::NotRecorded,
            dissent: vec![],
        })))
        .unwrap();
    assert!(serde_json::to_string(rec).unwrap().contains(r#""source":"device""#));
}

// ---- a real browser ----------------------------------------------------------------------------

impl Rig {
    /// Headless Chromium's DOM of `url` after scripts and navigations settled, run while this
    /// thread drives the console; with the browser's log (CSP violations show there).
    fn browse(&mut self, profile: &Path, url: &str) -> (String, String) {
        let (bin, profile, url) = (crate::common::tools::chromium(), profile.display().to_string(), url.to_string());
        let browser = std::thread::spawn(move || {
            std::process::Command::new(bin)
                .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
                .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
                .args(["--enable-logging=stderr", "--v=0", "--virtual-time-budget=4000"])
                .arg(format!("--user-data-dir={profile}"))
                .arg("--dump-dom")
                .arg(&url)
                .output()
                .unwrap()
        });
        let start = Instant::now();
        while !browser.is_finished() {
            self.console.on_tick();
            std::thread::sleep(Duration::from_millis(5));
            assert!(start.elapsed() < Duration::from_secs(90), "chromium did not finish");
        }
        let out = browser.join().unwrap();
        (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[test]
fn a_browser_answers_for_two_groups_and_sees_the_comparison_after_the_reveal() {
    if !need(Tool::Chromium) {
        return;
    }
    let mut rig = rig(Limits::default());
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");

    // The page as the browser builds it: the card, the form, the script allowed by the CSP.
    let (dom, log) = rig.browse(&profile, &rig.links[0].clone());
    assert!(dom.contains("Vrijdag 17.00 uur: alles staat op slot"), "{dom}");
    assert!(dom.contains("<form method=\"post\""), "{dom}");
    assert!(!log.contains("Content Security Policy"), "the page's own script is allowed:\n{log}");

    // A page from elsewhere (here a file: Origin "null") that makes the browser post to a
    // group's link is refused: cross-site posts (CSRF) never record anything (attack row D9).
    // The groups then answer from their own page's origin, and the browser shows the saved page.
    for (group, option, why) in [(0, "refuse", "<b>Nooit</b> betalen"), (2, "ask-council", "De raad beslist")] {
        let f = dir.path().join(format!("post{group}.html"));
        std::fs::write(
            &f,
            format!(
                "<!DOCTYPE html><form method=post action=\"{}\"><input name=card value=\"{CARD}\">\
                 <input name=option value=\"{option}\"><input name=decision value=2>\
                 <input name=dissent value=0><textarea name=rationale>{}</textarea></form>\
                 <script>document.forms[0].submit()</script>",
                rig.links[group],
                esc(why)
            ),
        )
        .unwrap();
        let before = rig.events().len();
        let (dom, _) = rig.browse(&profile, &crate::common::tools::file_url(&f));
        assert!(!dom.contains("Opgeslagen ✓"), "group {group}: {dom}");
        assert_eq!(rig.events().len(), before, "a cross-site post records nothing");
        let f = format!("card={CARD}&option={option}&decision=2&dissent=0&rationale={}", urlencode(why));
        assert_eq!(rig.post(group, &f).status, 303);
        let (dom, _) = rig.browse(&profile, &format!("{}?ok", rig.links[group]));
        assert!(dom.contains("Opgeslagen ✓"), "group {group}: {dom}");
        assert!(dom.contains(&format!("value=\"{option}\" required=\"\" checked=\"\"")), "{dom}");
    }
    let device: Vec<_> = choices(&rig.events()).into_iter().filter(|c| c.2 == Source::Device).collect();
    assert_eq!(
        device,
        vec![
            (GroupId(0), "refuse".to_string(), Source::Device, "<b>Nooit</b> betalen".to_string()),
            (GroupId(2), "ask-council".to_string(), Source::Device, "De raad beslist".to_string()),
        ]
    );
    assert!(rig.console.app.session().unwrap().state().unanswered().is_empty());

    rig.exec(Command::Reveal);
    let (dom, _) = rig.browse(&profile, &rig.links[2].clone());
    assert!(dom.contains("De antwoorden naast elkaar"), "{dom}");
    assert!(dom.contains("&lt;b&gt;Nooit&lt;/b&gt; betalen"), "the rationale is text, never markup: {dom}");
    assert!(dom.contains(SECRET_RATIONALE) && !dom.contains("<form"), "{dom}");
    for s in secrets(false) {
        assert!(!dom.contains(&esc(&s)) && !dom.contains(&s), "leaked {s:?}");
    }
}

/// A page that makes the browser post a group's answer to its link (what a group does on its
/// phone, without a scripting driver for the page itself).
fn post_page(dir: &Path, name: &str, link: &str, card: &str, option: &str, rationale: &str) -> String {
    let f = dir.join(name);
    std::fs::write(
        &f,
        format!(
            "<!DOCTYPE html><form method=post action=\"{link}\"><input name=card value=\"{card}\">\
             <input name=option value=\"{option}\"><input name=decision value=2>\
             <textarea name=rationale>{}</textarea></form><script>document.forms[0].submit()</script>",
            esc(rationale)
        ),
    )
    .unwrap();
    crate::common::tools::file_url(&f)
}

fn dump_dom(profile: &Path, url: &str) -> String {
    let out = std::process::Command::new(crate::common::tools::chromium())
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg("--virtual-time-budget=4000")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The value of the first `name="NAME" value="..."` in a page.
fn form_value(page: &str, name: &str) -> String {
    let at = page.find(&format!("name=\"{name}\" value=\"")).unwrap() + name.len() + 15;
    page[at..].split('"').next().unwrap().to_string()
}

#[test]
fn the_real_console_takes_two_groups_answers_from_a_browser_and_reveals() {
    if !(need(Tool::Tmux) && need(Tool::Chromium)) {
        return;
    }
    let port = free_port();
    let addr = format!("127.0.0.1:{port}");
    let pane = Tmux::program(
        "e2e",
        120,
        40,
        &["play", "--group", "Laren", "--group", "Blaricum", "--seed", "5", "--log", "s.jsonl", "--devices", &addr],
    );
    pane.wait_for("Blaricum");
    let links = handout_links(&pane, &addr);
    let (first, second) = (links[0].clone(), links[1].clone());
    assert_ne!(first, second);
    pane.send(&["Enter"]); // open the first card
    pane.wait_for("Antwoorden 0/2");

    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let socket: SocketAddr = addr.parse().unwrap();
    for (i, link) in [&first, &second].into_iter().enumerate() {
        let page = http(socket, "GET", &path_of(link), b"").body;
        let (card, option) = (form_value(&page, "card"), form_value(&page, "option"));
        // From another origin (a file page): refused (CSRF); from the page's own origin: saved.
        let url = post_page(dir.path(), &format!("p{i}.html"), link, &card, &option, &format!("Reden {i}"));
        assert!(!dump_dom(&profile, &url).contains("Opgeslagen ✓"));
        let f = format!("card={card}&option={option}&decision=2&rationale=Reden+{i}");
        let head = format!(
            "POST {} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nConnection: close\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{f}",
            path_of(link),
            f.len()
        );
        let mut s = TcpStream::connect(socket).unwrap();
        s.write_all(head.as_bytes()).unwrap();
        let mut reply = String::new();
        let _ = s.read_to_string(&mut reply);
        assert!(reply.starts_with("HTTP/1.1 303"), "{reply}");
        assert!(dump_dom(&profile, &format!("{link}?ok")).contains("Opgeslagen ✓"));
    }
    let screen = pane.wait_for("Antwoorden 2/2");
    // The status line says who answered from a device, or (when a page's poll came after the
    // answer) which groups have a device connected.
    assert!(
        screen.contains("✓ Blaricum") || screen.contains("Apparaten verbonden ("),
        "the console says who answered:\n{screen}"
    );
    pane.send(&["Enter"]); // reveal
    let start = Instant::now();
    loop {
        let dom = dump_dom(&profile, &first);
        if dom.contains("De antwoorden naast elkaar") {
            assert!(dom.contains("Reden 0") && dom.contains("Reden 1"), "{dom}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no comparison on the page:\n{dom}");
    }
    let log = weerbaar::log::read(&log_in(pane.dir.path())).unwrap();
    let events: Vec<Event> = log.records.into_iter().map(|r| r.event).collect();
    let sources: Vec<(GroupId, Source)> = choices(&events).into_iter().map(|c| (c.0, c.2)).collect();
    assert_eq!(sources, vec![(GroupId(0), Source::Device), (GroupId(1), Source::Device)]);
    assert!(events.iter().any(|e| matches!(e, Event::ChoicesRevealed { .. })));
}

#[test]
fn an_english_session_gets_english_pages() {
    let rig = rig(Limits::default());
    let s = rig.console.app.session().unwrap();
    let page = weerbaar::devices::PageState::build(s.state(), s.deck(), Lang::En);
    let html = weerbaar::devices::page::render(&page, 0, "t", 1, &weerbaar::devices::page::Flash::None);
    for text in ["lang=\"en\"", "Friday 5 pm: everything is locked", "Your answer", "not recorded", "Save answer"] {
        assert!(html.contains(text), "missing {text:?}:\n{html}");
    }
    for dutch in ["Jullie antwoord", "niet vastgelegd", "Vrijdag", "opslaan", "Situatie"] {
        assert!(!html.contains(dutch), "Dutch {dutch:?} on an English page");
    }
}

const SECOND_DEMAND: &str = "ransom-second-demand";
const LAREN_SECRET: &str = "Laren betaalt niet nog eens, dat spreken wij vooraf af";

/// The rig after the ransom card: Laren paid (its follow-up: the second demand), Blaricum and
/// Huizen asked the council; the second demand opened for Laren from its suggestion.
fn follow_up_rig() -> Rig {
    let mut rig = rig(Limits::default());
    for (g, option) in [(0, "pay"), (2, "ask-council")] {
        rig.exec(Command::RecordChoice {
            group: GroupId(g),
            option: option.into(),
            rationale: String::new(),
            decision: Decision::Majority,
            dissent: vec![],
        });
    }
    rig.exec(Command::Reveal);
    rig.exec(Command::CloseCard);
    let s = rig.console.app.session().unwrap();
    let suggestion = s.state().suggestions(s.deck()).into_iter().find(|x| x.card.as_str() == SECOND_DEMAND).unwrap();
    assert_eq!(suggestion.groups, vec![GroupId(0)]);
    rig.exec(Command::OpenCardFor { card: suggestion.card, groups: suggestion.groups });
    rig
}

fn follow_up_form(option: &str, rationale: &str) -> String {
    form(option, 0, &[], rationale).replace(CARD, SECOND_DEMAND)
}

#[test]
fn a_follow_up_page_says_for_whom_and_a_group_looking_on_answers_only_through_the_gespreksleider() {
    let mut rig = follow_up_rig();
    // Laren's page: the follow-up is for Laren, with the form; the others look on.
    let laren = rig.get(0);
    assert!(laren.body.contains(&esc("↳ Vervolg voor jullie gemeente")), "{}", laren.body);
    assert!(laren.body.contains("name=\"option\""), "{}", laren.body);
    assert!(laren.body.contains(&esc("Laren nog niet · Blaricum en Huizen kijken mee")), "{}", laren.body);
    // Huizen's page: for Laren, Huizen looks on, reads the options, gets no form and is told how
    // to answer anyway.
    let huizen = rig.get(2);
    for text in ["↳ Dit is een vervolg voor Laren; jullie kijken mee.", "Vraag het de gespreksleider", "Opties"] {
        assert!(huizen.body.contains(&esc(text)), "missing {text:?}:\n{}", huizen.body);
    }
    assert!(!huizen.body.contains("<form") && !huizen.body.contains("name=\"option\""), "{}", huizen.body);
    assert!(!huizen.body.contains("Vervolg voor jullie gemeente"), "{}", huizen.body);
    // A post from Huizen's device anyway is refused by the console and nothing is written.
    let before = rig.events().len();
    let r = rig.post(2, &follow_up_form("refuse-quietly", "Huizen wil ook"));
    assert_eq!(r.status, 409, "{r:?}");
    assert!(r.body.contains(&esc("Niet opgeslagen: dit vervolg is voor Laren; jullie kijken mee.")), "{}", r.body);
    assert_eq!(rig.events().len(), before, "nothing was written");
    assert!(rig.notice().contains("Huizen: antwoord via apparaat niet vastgelegd (kijkt mee"), "{}", rig.notice());

    // Laren answers from its device; Huizen's page does not show what, only that Laren answered.
    assert_eq!(rig.post(0, &follow_up_form("pay-again", LAREN_SECRET)).status, 303);
    let huizen = rig.get(2);
    assert!(huizen.body.contains("Laren ✓"), "{}", huizen.body);
    assert!(!huizen.body.contains(LAREN_SECRET) && !huizen.body.contains(&esc(LAREN_SECRET)), "{}", huizen.body);
    assert!(!huizen.body.contains("checked"), "{}", huizen.body);
    assert_no_secrets(&huizen, true);

    // The gespreksleider enters Huizen's answer at the console: from then on Huizen takes part,
    // its page has the form with that answer and says it counts, and its device may change it.
    rig.exec(Command::RecordChoice {
        group: GroupId(2),
        option: "refuse-quietly".into(),
        rationale: String::new(),
        decision: Decision::NotRecorded,
        dissent: vec![],
    });
    let huizen = rig.get(2);
    assert!(
        huizen
            .body
            .contains(&esc("↳ Dit is een vervolg voor Laren; jullie antwoorden toch, en jullie antwoord telt mee.")),
        "{}",
        huizen.body
    );
    assert!(huizen.body.contains("value=\"refuse-quietly\" required checked"), "{}", huizen.body);
    assert!(!huizen.body.contains(&esc(LAREN_SECRET)), "{}", huizen.body);
    assert_eq!(rig.post(2, &follow_up_form("refuse-quietly", "Toch mee")).status, 303);
    let mine: Vec<_> = choices(&rig.events()).into_iter().filter(|c| c.2 == Source::Device).collect();
    assert_eq!(mine.last().unwrap().0, GroupId(2));

    // After the reveal both pages compare the two answers, Laren's rationale included.
    rig.exec(Command::Reveal);
    let huizen = rig.get(2);
    assert!(huizen.body.contains(&esc(LAREN_SECRET)), "{}", huizen.body);
    assert!(huizen.body.contains(&esc("De antwoorden naast elkaar")), "{}", huizen.body);
}

#[test]
fn an_english_follow_up_page_says_for_whom_in_english_and_escapes_the_names() {
    let rig = follow_up_rig();
    let s = rig.console.app.session().unwrap();
    let mut page = weerbaar::devices::PageState::build(s.state(), s.deck(), Lang::En);
    // A name is untrusted text: it is escaped where the page says for whom.
    page.groups[0].name = "Laren <b>&</b>".into();
    let flash = weerbaar::devices::page::Flash::None;
    let laren = weerbaar::devices::page::render(&page, 0, "t", 1, &flash);
    assert!(laren.contains("↳ Follow-up for your municipality"), "{laren}");
    assert!(laren.contains("Blaricum and Huizen look on"), "{laren}");
    let huizen = weerbaar::devices::page::render(&page, 2, "t", 1, &flash);
    for text in
        ["↳ This is a follow-up for Laren &lt;b&gt;&amp;&lt;/b&gt;; you look on.", "Ask the facilitator", "Options"]
    {
        assert!(huizen.contains(text), "missing {text:?}:\n{huizen}");
    }
    assert!(!huizen.contains("<b>&</b>") && !huizen.contains("<form"), "{huizen}");
    for dutch in ["Vervolg", "kijken mee", "gespreksleider", "Opties"] {
        assert!(!laren.contains(dutch) && !huizen.contains(dutch), "Dutch {dutch:?} on an English page");
    }
}

// ---- an answer tells the truth (attack rows D8, D21, D31) ------------------------------------

#[test]
fn the_same_submission_twice_is_recorded_once() {
    let mut rig = rig(Limits::default());
    let before = rig.events().len();
    let page = rig.get(0).body;
    let request = form_value(&page, "request");
    assert_eq!(request.len(), 32, "{page}");
    let f = format!("{}&request={request}", form("refuse", 0, &[], "dubbel"));
    assert_eq!(rig.post(0, &f).status, 303);
    assert_eq!(rig.post(0, &f).status, 303, "the repeat is told it is saved");
    assert_eq!(rig.events().len(), before + 1, "and recorded once");
    // Another submission (a fresh page) is a new answer.
    let again = form_value(&rig.get(0).body, "request");
    assert_ne!(again, request);
    assert_eq!(rig.post(0, &format!("{}&request={again}", form("pay", 0, &[], ""))).status, 303);
    assert_eq!(rig.events().len(), before + 2);
}

#[test]
fn d21_an_answer_the_console_could_not_take_in_time_is_withdrawn_and_never_recorded_later() {
    let mut rig = rig(Limits { reply_timeout: Duration::from_millis(400), ..Limits::default() });
    let before = rig.events().len();
    // The console is busy (no tick) while the device posts.
    let (addr, path) = (rig.addr, path_of(&rig.links[0]));
    let body = form("pay", 0, &[], "test blocked");
    let r = std::thread::spawn(move || http(addr, "POST", &path, body.as_bytes())).join().unwrap();
    assert_eq!(r.status, 503, "{r:?}");
    assert!(r.body.contains("ingetrokken en wordt ook later niet vastgelegd"), "{}", r.body);
    assert!(!r.body.contains("de console antwoordde niet"));
    // The console comes back: the withdrawn answer is dropped, not recorded on whatever is open.
    for _ in 0..5 {
        rig.console.on_tick();
    }
    assert_eq!(rig.events().len(), before, "nothing recorded later");
}

#[test]
fn d31_a_failed_write_is_named_as_such_on_the_page() {
    let mut rig = rig(Limits::default());
    // The log is replaced under the console: the engine refuses to write.
    let moved = rig.log.with_extension("moved");
    std::fs::rename(&rig.log, &moved).unwrap();
    std::fs::write(&rig.log, "").unwrap();
    let r = rig.post(0, &form("refuse", 0, &[], "na de wissel"));
    assert_eq!(r.status, 409, "{r:?}");
    assert!(r.body.contains("kon het antwoord niet naar het logboek schrijven"), "{}", r.body);
    assert!(!r.body.contains("antwoordde niet"), "{}", r.body);
    assert!(!std::fs::read_to_string(&moved).unwrap().contains("na de wissel"));
}

#[test]
fn d7_an_answer_queued_while_the_card_changes_is_refused_not_moved_to_the_next_card() {
    let mut rig = rig(Limits::default());
    let (addr, path) = (rig.addr, path_of(&rig.links[2]));
    let body = form("refuse", 0, &[], "bedoeld voor vrijdag");
    let client = std::thread::spawn(move || http(addr, "POST", &path, body.as_bytes()));
    // The post waits for the console, which closes the card and opens the next one first.
    std::thread::sleep(Duration::from_millis(300));
    let next = common::deck().cards.iter().find(|c| c.id.as_str() != CARD).unwrap().id.clone();
    rig.exec(Command::CloseCard);
    rig.exec(Command::OpenCard(next.clone()));
    while !client.is_finished() {
        rig.console.on_tick();
        std::thread::sleep(Duration::from_millis(2));
    }
    let r = client.join().unwrap();
    assert_eq!(r.status, 409, "{r:?}");
    assert!(r.body.contains("de kaart waarop jullie antwoordden is gesloten"), "{}", r.body);
    assert!(
        !rig.events().iter().any(|e| matches!(e, Event::ChoiceRecorded { card, .. } if *card == next)),
        "nothing recorded on the next card"
    );
}

// ---- one answer, one source (attack row D23, facilitator problem 2) --------------------------

fn huizen_editing(rig: &mut Rig, with_console_answer: bool) {
    if with_console_answer {
        rig.exec(Command::RecordChoice {
            group: GroupId(2),
            option: "pay".into(),
            rationale: String::new(),
            decision: Decision::Majority,
            dissent: vec![],
        });
    }
    rig.console.app.overlay = Some(weerbaar::ui::Overlay::Rationale {
        group: GroupId(2),
        text: weerbaar::ui::text_field::TextField::multiline("console-tekst"),
    });
}

fn draw80(c: &DeviceConsole<ManualClock>) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    t.draw(|f| c.render(f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn d23_a_device_answer_during_an_edit_at_the_console_is_said_at_once_and_the_gespreksleider_chooses() {
    let mut rig = rig(Limits::default());
    huizen_editing(&mut rig, true);
    assert_eq!(rig.post(2, &form("refuse", 1, &[], "apparaat-tekst")).status, 303);
    // Said at once, room-safe: who, never what.
    assert!(rig.notice().contains("Huizen heeft zelf geantwoord via een eigen apparaat"), "{}", rig.notice());
    let screen = draw80(&rig.console);
    assert!(screen.contains("Welk antwoord telt?") && screen.contains("t  het antwoord van het apparaat"), "{screen}");
    assert!(!screen.contains("apparaat-tekst"), "{screen}");
    // Enter does not slip through: nothing is merged while the question is open.
    let n = rig.events().len();
    rig.console.on_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert_eq!(rig.events().len(), n);
    // `c`: the console's answer stands again, and the edit is still open to finish.
    rig.console.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    let s = rig.console.app.session().unwrap();
    let choice = &s.state().current_play().unwrap().choices[&GroupId(2)];
    assert_eq!((choice.option.as_str(), choice.source), ("pay", Source::Console));
    assert!(matches!(rig.console.app.overlay, Some(weerbaar::ui::Overlay::Rationale { .. })));

    // Again, and this time the phone's answer stands: the edit is dropped, nothing merged.
    assert_eq!(rig.post(2, &form("refuse", 1, &[], "apparaat-tekst")).status, 303);
    rig.console.on_key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE));
    assert!(rig.console.app.overlay.is_none());
    let s = rig.console.app.session().unwrap();
    let choice = &s.state().current_play().unwrap().choices[&GroupId(2)];
    assert_eq!((choice.option.as_str(), choice.rationale.as_str()), ("refuse", "apparaat-tekst"));
    assert_eq!(choice.source, Source::Device);
    assert!(
        !rig.events()
            .iter()
            .any(|e| matches!(e, Event::RationaleRecorded { rationale, .. } if rationale == "console-tekst"))
    );
}

#[test]
fn the_consoles_anders_answer_comes_back_with_its_words_when_it_stands() {
    let mut rig = rig(Limits::default());
    huizen_editing(&mut rig, false);
    rig.exec(Command::RecordOutside { group: GroupId(2), other: Some("een combinatie van 1 en 3".into()) });
    assert_eq!(rig.post(2, &form("refuse", 1, &[], "apparaat-tekst")).status, 303);
    assert!(rig.console.conflict.is_some());
    rig.console.on_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    let s = rig.console.app.session().unwrap();
    let choice = &s.state().current_play().unwrap().choices[&GroupId(2)];
    assert_eq!(
        (choice.option.as_str(), choice.other.as_str(), choice.source),
        ("_other", "een combinatie van 1 en 3", Source::Console),
        "the console's own answer, words and all"
    );
    assert!(rig.notice().contains("Het antwoord van Huizen aan de console telt weer"), "{}", rig.notice());
}

#[test]
fn another_option_at_the_console_replaces_a_device_answer_whole_and_says_so() {
    let mut rig = rig(Limits::default());
    assert_eq!(rig.post(0, &form("refuse", 1, &[], "Via het apparaat: niet betalen")).status, 303);
    rig.console.on_tick();
    rig.console.app.focus = 0;
    // Option 2 at the console for Laren, who answered option 1 on its own device.
    rig.console.on_key(KeyEvent::new(KeyCode::Char('2'), KeyModifiers::NONE));
    let s = rig.console.app.session().unwrap();
    let choice = &s.state().current_play().unwrap().choices[&GroupId(0)];
    assert_eq!(choice.option.as_str(), "ask-council");
    assert_eq!(choice.source, Source::Console);
    assert_eq!(choice.rationale, "", "the device's rationale was about another option: not carried over");
    assert!(
        rig.notice().contains("het antwoord via het eigen apparaat (met toelichting) is vervangen"),
        "{}",
        rig.notice()
    );
}

#[test]
fn a_device_answer_for_another_group_than_the_one_edited_asks_nothing() {
    let mut rig = rig(Limits::default());
    huizen_editing(&mut rig, false);
    assert_eq!(rig.post(0, &form("refuse", 0, &[], "")).status, 303);
    assert!(rig.console.conflict.is_none());
    assert!(rig.notice().contains("✓ Laren"), "{}", rig.notice());
}

#[test]
fn d9_a_post_with_another_host_or_origin_is_refused() {
    let mut rig = rig(Limits::default());
    let before = rig.events().len();
    let path = path_of(&rig.links[0]);
    let body = form("refuse", 0, &[], "van elders");
    for (host, origin) in [
        ("evil.example".to_string(), None),
        (rig.addr.to_string(), Some("http://evil.example")),
        (rig.addr.to_string(), Some("null")),
    ] {
        let origin = origin.map(|o| format!("Origin: {o}\r\n")).unwrap_or_default();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: close\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let addr = rig.addr;
        let reply = std::thread::spawn(move || {
            let mut s = TcpStream::connect(addr).unwrap();
            s.write_all(head.as_bytes()).unwrap();
            let mut r = String::new();
            let _ = s.read_to_string(&mut r);
            r
        })
        .join()
        .unwrap();
        assert!(reply.starts_with("HTTP/1.1 403"), "{host} {origin}: {reply}");
    }
    assert_eq!(rig.events().len(), before, "nothing recorded");
    // The page's own origin is accepted.
    assert_eq!(rig.post(0, &body).status, 303);
}

#[test]
fn where_an_answer_came_from_shows_for_the_facilitator_and_in_every_report_but_not_to_the_room() {
    let mut rig = rig(Limits::default());
    assert_eq!(rig.post(0, &form("refuse", 0, &[], "van de telefoon")).status, 303);
    // Room-safe: nothing says where an answer came from.
    let room = draw80(&rig.console);
    assert!(!room.contains("via apparaat"), "{room}");
    rig.console.app.private = true;
    let private = draw80(&rig.console);
    assert!(private.contains("via apparaat"), "{private}");
    rig.exec(Command::RecordChoice {
        group: GroupId(2),
        option: "refuse".into(),
        rationale: String::new(),
        decision: Decision::NotRecorded,
        dissent: vec![],
    });
    rig.exec(Command::Reveal);
    let compare = draw80(&rig.console);
    assert!(compare.contains("via apparaat"), "the private compare screen: {compare}");
    rig.console.app.private = false;
    assert!(!draw80(&rig.console).contains("via apparaat"), "the room's compare screen");
    rig.exec(Command::End);
    let debrief = |format: &str| {
        let out = std::process::Command::new(common::tmux::bin())
            .args(["debrief", &rig.log.display().to_string(), "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert!(debrief("md").contains("ingevoerd op eigen apparaat"));
    assert!(debrief("html").contains("ingevoerd op eigen apparaat"));
    let csv = debrief("csv");
    assert!(csv.contains("Ingevoerd via") && csv.contains("eigen apparaat") && csv.contains(";console"), "{csv}");
    assert!(debrief("json").contains("\"source\": \"device\""));
    // Word and Excel too.
    for (format, file) in [("docx", "d.docx"), ("xlsx", "d.xlsx")] {
        let out = rig.log.with_file_name(file);
        let status = std::process::Command::new(common::tmux::bin())
            .args(["debrief", &rig.log.display().to_string(), "--format", format, "-o", &out.display().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut text = String::new();
        for i in 0..zip.len() {
            let mut part = zip.by_index(i).unwrap();
            if part.name().unwrap().ends_with(".xml") {
                part.read_to_string(&mut text).unwrap();
            }
        }
        let via = if format == "docx" { "ingevoerd op eigen apparaat" } else { "eigen apparaat" };
        assert!(text.contains(via), "{format} says where the answer came from");
    }
    // And `review`, walking through the session afterwards (the compare screen of the card).
    if !need(Tool::Tmux) {
        return;
    }
    let log = rig.log.display().to_string();
    let pane = Tmux::program("source-review", 120, 40, &["review", &log]);
    let screen = pane.wait_for("TERUGBLIK");
    let line = |name: &str| screen.lines().find(|l| l.contains(&format!("▸ {name}"))).unwrap_or_default();
    assert!(line("Laren").contains("via apparaat"), "{screen}");
    assert!(!line("Huizen").contains("via apparaat") && !line("Blaricum").contains("via apparaat"), "{screen}");
    assert!(!line("Huizen").is_empty(), "{screen}");
}

#[test]
fn the_console_says_which_groups_have_a_device_connected() {
    let mut rig = rig(Limits::default());
    assert!(rig.console.connected.is_empty());
    // The lobby line stands on the console from the start, room-safe and in the private view.
    let room = draw80(&rig.console);
    assert!(room.contains("Apparaten verbonden (0/3): nog geen"), "{room}");
    assert_eq!(rig.get(2).status, 200);
    rig.console.on_tick();
    assert_eq!(rig.console.connected, vec![2]);
    assert!(draw80(&rig.console).contains("Apparaten verbonden (1/3): Huizen"));
    assert_eq!(rig.get(0).status, 200);
    rig.console.on_tick();
    // Another message on the status line does not take it away.
    rig.console.app.say(weerbaar::ui::model::Level::Info, "Iets anders".to_string());
    let room = draw80(&rig.console);
    assert!(room.contains("Apparaten verbonden (2/3): Laren, Huizen") && room.contains("Iets anders"), "{room}");
    assert!(!room.contains("/g/"), "names only, never a link: {room}");
    rig.console.app.private = true;
    let private = draw80(&rig.console);
    assert!(private.contains("Apparaten verbonden (2/3): Laren, Huizen"), "{private}");
    assert!(!private.contains("/g/"), "{private}");
}

#[test]
fn a_whole_room_behind_one_address_is_served() {
    // Forty devices behind one NAT address (a guest Wi-Fi), each page holding two connections
    // open at once, all polling: every one is answered (docs/design.md, "Limits").
    let rig = rig(Limits::default());
    let mut open: Vec<TcpStream> = Vec::new();
    for i in 0..80 {
        let mut s = TcpStream::connect(rig.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let path = format!("{}/v", path_of(&rig.links[i % 3]));
        write!(s, "GET {path} HTTP/1.1\r\nHost: {}\r\n\r\n", rig.addr).unwrap();
        open.push(s);
    }
    for (i, s) in open.iter_mut().enumerate() {
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).unwrap_or(0);
        let head = String::from_utf8_lossy(&buf[..n]);
        assert!(head.starts_with("HTTP/1.1 200"), "connection {i}: {head:?}");
    }
}

/// Issue #28: after the reveal the groups' pages name the answers outside the options as the
/// compare screen does ("Anders / combinatie", "Geen keuze", never scored), with the group's own
/// words escaped, and give them no consequence of an option they did not choose.
#[test]
fn the_pages_show_answers_outside_the_options_after_the_reveal() {
    let mut rig = rig(Limits::default());
    assert_eq!(rig.post(0, &form("refuse", 0, &[], "Laren betaalt niet")).status, 303);
    rig.exec(Command::RecordOutside { group: GroupId(1), other: Some("Een combinatie van 1 en 3 <b>nu</b>".into()) });
    rig.exec(Command::RecordOutside { group: GroupId(2), other: None });
    rig.exec(Command::Reveal);
    let page = rig.get(0).body;
    for (name, says) in [
        ("Blaricum", "Anders / combinatie (telt niet in de scores)"),
        ("Huizen", "Geen keuze (telt niet in de scores)"),
    ] {
        let at = page.find(&format!("<b>{name}</b>")).unwrap_or_else(|| panic!("{name} is on the page:\n{page}"));
        let box_end = page[at..].find("</div>").unwrap() + at;
        let card = &page[at..box_end];
        assert!(card.contains(says), "{name}: {card}");
        assert!(!card.contains("Gevolg"), "no option's consequence for an answer outside them: {card}");
    }
    assert!(page.contains("Eigen antwoord:</b> Een combinatie van 1 en 3 &lt;b&gt;nu&lt;/b&gt;"), "{page}");
    assert!(page.contains("<b>Laren</b><br>1. "), "an option keeps its number: {page}");
}
