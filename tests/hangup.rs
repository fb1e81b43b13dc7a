//! A terminal that goes away under the desk (a dropped SSH connection, a closed tmux pane or window):
//! the desk must end as SIGHUP ends it — the store closed and unlocked, every saved change kept,
//! exit status 129 — and must never go on running unseen, spinning on the CPU with the store locked.
//!
//! Two ways it happens, both replayed in a real pseudo-terminal whose master side is closed:
//! - the usual one: the desk is in the terminal's session, so the hang-up sends it SIGHUP while its
//!   keyboard reads end-of-file. crossterm's default reader read end-of-file again for ever and
//!   never returned to look at the signal (the desk stayed at 100 % CPU holding the lock);
//! - no signal at all: the desk is not in the terminal's session (here `setsid`; in life the shell
//!   that started it died first), so only its keyboard says the terminal is gone (`tui::hangup`).
#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::pty::{BIN, TIMEOUT};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};

fn demo_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("store");
    let demo = Command::new(BIN)
        .arg("--db")
        .arg(&db)
        .arg("demo")
        .env_remove("JURYDESK_DB")
        .output()
        .expect("jurydesk runs");
    assert!(demo.status.success());
    (dir, db)
}

/// Starts `command` in a new pseudo-terminal, waits until the desk has drawn its panes, then closes
/// every descriptor of the master side: the terminal hangs up.
fn start_then_hang_up(mut command: CommandBuilder, home: &Path) -> Box<dyn portable_pty::Child> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 32,
            cols: 110,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pseudo-terminal");
    command.env("TERM", "xterm-256color");
    command.env("HOME", home);
    command.env("XDG_CONFIG_HOME", home);
    command.env_remove("JURYDESK_DB");
    let child = pair.slave.spawn_command(command).expect("the desk starts");
    drop(pair.slave);
    // The reader owns a copy of the master's descriptor: it returns (closing it) once the panes are
    // drawn, so that dropping the master below closes the last one.
    let mut reader = pair.master.try_clone_reader().expect("a reader");
    let (drawn, seen) = mpsc::channel();
    std::thread::spawn(move || {
        let mut screen = Vec::new();
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            screen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&screen).contains("Nominations") {
                let _ = drawn.send(());
                return;
            }
        }
    });
    seen.recv_timeout(TIMEOUT)
        .expect("the desk draws its panes");
    // Let the desk settle into waiting for a key, where a hang-up finds it in life.
    std::thread::sleep(Duration::from_millis(300));
    drop(pair.master);
    child
}

/// The processes whose command line names `db` (the desk, however it was started).
fn desks_on(db: &Path) -> Vec<u32> {
    let needle = db.as_os_str().as_encoded_bytes();
    let mut found = Vec::new();
    for entry in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        let zombie = std::fs::read_to_string(entry.path().join("stat"))
            .map(|stat| {
                stat.rsplit(')')
                    .next()
                    .unwrap_or("")
                    .trim_start()
                    .starts_with('Z')
            })
            .unwrap_or(true);
        if !zombie && cmdline.windows(needle.len()).any(|w| w == needle) {
            found.push(pid);
        }
    }
    found
}

/// Waits (up to the harness's generous deadline) until no desk runs on `db`, then checks the store
/// is unlocked and sound.
fn assert_desk_gone_and_store_sound(db: &Path, how: &str) {
    let start = Instant::now();
    while !desks_on(db).is_empty() {
        assert!(
            start.elapsed() <= TIMEOUT,
            "{how}: the desk still runs {:?} after its terminal hung up (pids {:?})",
            start.elapsed(),
            desks_on(db)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let check = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .arg("check")
        .env_remove("JURYDESK_DB")
        .output()
        .expect("jurydesk runs");
    assert!(
        check.status.success(),
        "{how}: the store is unlocked and sound: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn a_hang_up_that_sends_sighup_ends_the_desk_even_while_it_waits_for_a_key() {
    let (dir, db) = demo_store();
    let errors = dir.path().join("desk.err");
    // `exec`: the desk itself leads the terminal's session, as a login shell's child in the
    // foreground would be signalled; its error output goes to a file the test reads.
    let mut child = start_then_hang_up(desk_command("exec", &db, &errors), dir.path());
    assert_desk_gone_and_store_sound(&db, "SIGHUP with the hang-up");
    let status = child.wait().expect("the desk's status");
    assert_ended_as_sighup(&errors);
    assert_eq!(status.exit_code(), 129, "ended as SIGHUP ends it");
}

/// `sh -c '<how> jurydesk --db DB 2>ERRORS'`.
fn desk_command(how: &str, db: &Path, errors: &Path) -> CommandBuilder {
    let mut command = CommandBuilder::new("sh");
    command.arg("-c");
    command.arg(format!("{how} \"$0\" --db \"$1\" 2>\"$2\""));
    command.arg(BIN);
    command.arg(db);
    command.arg(errors);
    command
}

fn assert_ended_as_sighup(errors: &Path) {
    let said = std::fs::read_to_string(errors).expect("the desk's error output");
    assert!(
        said.contains("ended by SIGHUP") && said.contains("kept"),
        "the desk says why it ended and what was kept: {said:?}"
    );
    assert!(
        !said.contains("Failed to"),
        "no noise about a terminal that is gone: {said:?}"
    );
}

#[test]
fn a_hang_up_without_a_signal_ends_the_desk() {
    if Command::new("setsid").arg("--version").output().is_err() {
        common::cannot_run_here(
            "a_hang_up_without_a_signal_ends_the_desk",
            "SETSID",
            "setsid (util-linux) is missing: the desk cannot be started outside the terminal's session",
        );
        return;
    }
    let (dir, db) = demo_store();
    let errors = dir.path().join("desk.err");
    // `setsid` puts the desk in a session of its own: the hang-up signals the shell's session, not
    // the desk, whose keyboard (still this terminal) only reads end-of-file.
    let _shell = start_then_hang_up(desk_command("setsid -w", &db, &errors), dir.path());
    assert_desk_gone_and_store_sound(&db, "no signal");
    assert_ended_as_sighup(&errors);
}
