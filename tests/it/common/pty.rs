#![allow(clippy::unwrap_used)] // Tests and benches fail loudly on purpose.
//! The real binary on a pseudo-terminal this test holds itself, for what tmux cannot do: a
//! terminal whose screen nobody reads (so the program blocks in its write), or one that goes
//! away under the program. Linux only (`openpty`, `/proc`).

use std::os::fd::{AsFd, OwnedFd};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A terminal (120x40): the master side this test reads and writes when it wants to, and the
/// other side for the program's standard input and output.
#[allow(unsafe_code)] // openpty: there is no std way to make a terminal.
pub fn terminal_nobody_reads() -> (std::fs::File, OwnedFd) {
    use std::os::fd::FromRawFd;
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize { ws_row: 40, ws_col: 120, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: out-pointers to two ints, no name buffer, default settings, a valid winsize.
    let rc = unsafe { libc::openpty(&mut master, &mut slave, std::ptr::null_mut(), std::ptr::null(), &size) };
    assert_eq!(rc, 0, "openpty failed");
    // SAFETY: both descriptors were just opened and are owned by nothing else.
    let (master, slave) = unsafe { (std::fs::File::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    // openpty does not close its descriptors on exec: without this, a program another test starts
    // meanwhile inherits this terminal and keeps it open after this test closes its side.
    for fd in [master.as_fd(), slave.as_fd()] {
        rustix::io::fcntl_setfd(fd, rustix::io::FdFlags::CLOEXEC).unwrap();
    }
    (master, slave)
}

/// Reads whatever the program has drawn so far, without waiting: a test that wants the program
/// blocked later keeps it running until then (a loaded machine draws many ticks meanwhile).
pub fn drain(master: &mut std::fs::File) {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::io::Read;
    let mut buf = [0u8; 65536];
    let now = Timespec { tv_sec: 0, tv_nsec: 0 };
    loop {
        let mut fds = [PollFd::new(&*master, PollFlags::IN)];
        if !matches!(poll(&mut fds, Some(&now)), Ok(n) if n > 0) {
            return;
        }
        if !matches!(master.read(&mut buf), Ok(n) if n > 0) {
            return;
        }
    }
}

/// The program's main thread is blocked writing to its terminal (`/proc/PID/syscall` shows
/// `write` or `writev`, three times in a row).
pub fn blocked_in_write(pid: u32) -> bool {
    (0..3).all(|_| {
        let call = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/syscall")).unwrap_or_default();
        std::thread::sleep(Duration::from_millis(30));
        matches!(call.split_whitespace().next(), Some("1" | "20"))
    })
}

/// The binary started on `terminal` in `dir`, killed when dropped: a test that fails half-way
/// never leaves a program running after it.
pub struct Program(pub Child);

impl Program {
    pub fn start(args: &[&str], dir: &Path, terminal: &OwnedFd) -> Program {
        let child = Command::new(super::tmux::bin())
            .args(args)
            .env("TERM", "xterm-256color")
            .env(weerbaar::log::DIR_VAR, dir.join("sessions"))
            .current_dir(dir)
            .stdin(Stdio::from(terminal.try_clone().unwrap()))
            .stdout(Stdio::from(terminal.try_clone().unwrap()))
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Program(child)
    }

    pub fn pid(&self) -> u32 {
        self.0.id()
    }

    /// How the program ended, if it did within `limit`.
    pub fn ended_within(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.0.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Program {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
