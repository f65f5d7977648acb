#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! End-to-end: `weerbaar play --follow-up PREVIOUS_LOG` in a real terminal (tmux), the way a
//! gespreksleider starts the next session of a series.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use weerbaar::scenario::{AgendaId, Lang, Role};
use weerbaar::session::{Command as Cmd, GroupId, GroupSetup, Session, Setup, SystemClock};

/// A private tmux server running a plain shell, killed when dropped (as in `tests/tmux.rs`).
struct Tmux {
    socket: String,
    dir: tempfile::TempDir,
}

impl Tmux {
    fn start(name: &str) -> Tmux {
        let dir = tempfile::tempdir().unwrap();
        let socket = format!("weerbaar-{name}-{}", std::process::id());
        let status = Command::new("tmux")
            .args(["-L", &socket, "-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "-s", "t"])
            .args(["-c", &dir.path().display().to_string()])
            .args(["env", "PS1=$ ", "TERM=xterm-256color", "LANG=C.UTF-8", "bash", "--norc", "--noprofile"])
            .status()
            .expect("tmux must be installed (apt-get install tmux)");
        assert!(status.success());
        Tmux { socket, dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn tmux(&self, args: &[&str]) -> String {
        let out = Command::new("tmux").args(["-L", &self.socket]).args(args).output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn send(&self, keys: &[&str]) {
        for k in keys {
            self.tmux(&["send-keys", "-t", "t", k]);
        }
    }

    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "t", "-l", text]);
    }

    fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "t"])
    }

    /// Waits until the screen shows `text` and has settled (two captures alike).
    fn wait_for(&self, text: &str) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                std::thread::sleep(Duration::from_millis(80));
                if self.screen() == screen {
                    return screen;
                }
                continue;
            }
            if start.elapsed() > Duration::from_secs(45) {
                panic!("waited for {text:?}; the screen shows:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux").args(["-L", &self.socket, "kill-server"]).status();
    }
}

fn deck_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/deck")
}

/// `weerbaar play` on the frozen test deck.
fn play() -> String {
    format!("{} --deck {}", env!("CARGO_BIN_EXE_weerbaar"), deck_dir().display())
}

/// A finished earlier session: Laren (three roles) and Huizen, the fraud card answered and
/// revealed, and `actions` take-home actions for Laren.
fn previous_log(path: &Path, actions: &[&str]) {
    let deck = weerbaar::scenario::load_deck(Some(&deck_dir())).unwrap();
    let setup = Setup {
        title: "Sessie Laren - Huizen".into(),
        facilitator: "Rian van Dam".into(),
        date: chrono::NaiveDate::from_ymd_opt(2026, 10, 12).unwrap(),
        lang: Lang::Nl,
        target_minutes: 120,
        seed: 1,
        agenda: AgendaId::from("gemengd"),
        groups: vec![
            GroupSetup { name: "Laren".into(), roles: vec![Role::Mayor, Role::Ciso, Role::DataProtectionOfficer] },
            GroupSetup { name: "Huizen".into(), roles: Role::ALL.to_vec() },
        ],
    };
    let mut s = Session::start(deck, setup, path, SystemClock).unwrap();
    s.execute(Cmd::OpenCard("helpdesk-fraud-wave".into())).unwrap();
    for (g, option) in [(0, "broad-campaign"), (1, "ambassadors")] {
        s.execute(Cmd::RecordChoice {
            group: GroupId(g),
            option: option.into(),
            rationale: String::new(),
            decision: weerbaar::session::Decision::Majority,
            dissent: vec![],
        })
        .unwrap();
    }
    s.execute(Cmd::Reveal).unwrap();
    for what in actions {
        s.execute(Cmd::AddAction { group: GroupId(0), what: (*what).into(), owner: Role::Ciso, due: String::new() })
            .unwrap();
    }
    s.execute(Cmd::CloseCard).unwrap();
    s.execute(Cmd::End).unwrap();
}

#[test]
fn play_follow_up_fills_in_the_form_and_a_log_without_actions_only_gives_a_notice() {
    let t = Tmux::start("followup-chain");
    let previous = t.path("vorige.jsonl");
    previous_log(&previous, &["Back-ups offline testen", "Crisisplan bijwerken"]);

    // Without --group: the form holds the previous session's title, gespreksleider, groups and roles.
    t.type_text(&format!(
        "{} --follow-up {} --log {}; echo KLA''AR",
        play(),
        previous.display(),
        t.path("s2.jsonl").display()
    ));
    t.send(&["Enter"]);
    let form = t.wait_for("Start de sessie");
    assert!(form.contains("Sessie Laren - Huizen") && form.contains("Rian van Dam"), "{form}");
    assert!(form.contains("1. Laren   [BM CISO FG]") && form.contains("2. Huizen"), "{form}");
    assert!(!form.contains("vorige.jsonl"), "{form}");
    // Everything stays editable: a third municipality joins, then the session starts.
    for _ in 0..4 {
        t.send(&["Down"]);
    }
    t.send(&["Enter"]);
    t.type_text("Blaricum");
    for _ in 0..5 {
        t.send(&["Down"]);
    }
    t.wait_for("3. Blaricum");
    t.send(&["Enter"]);
    let follow_up = t.wait_for("Laren: 0 van 2 gedaan");
    assert!(follow_up.contains("sessie van 12-10-2026, ‘Sessie Laren - Huizen’"), "{follow_up}");
    t.send(&["1", "Enter"]);
    let agenda = t.wait_for("eerder gespeeld");
    assert!(agenda.contains("Een golf van bankhelpdeskfraude"), "{agenda}");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");

    // A previous session without actions no longer refuses: the session starts, with a notice.
    let empty = t.path("leeg.jsonl");
    previous_log(&empty, &[]);
    t.type_text(&format!(
        "clear; {} --group Laren --group Huizen --follow-up {} --log {}; echo KLA''AR",
        play(),
        empty.display(),
        t.path("s3.jsonl").display()
    ));
    t.send(&["Enter"]);
    let started = t.wait_for("Geen actiepunten in de vorige sessie");
    assert!(started.contains("Agenda") && started.contains("eerder gespeeld"), "{started}");
    t.send(&["q", "j"]);
    t.wait_for("KLAAR");
}
