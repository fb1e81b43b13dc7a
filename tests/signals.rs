//! Signals to the desk (docs/architecture.md#faults, issue 13 finding 4): SIGTERM, SIGHUP (a
//! dropped SSH connection), SIGINT and SIGQUIT sent from outside must end the desk the way `q` does
//! — the terminal given back (alternate screen left, raw mode off, mouse tracking off, cursor
//! shown), the store closed and its lock released, every change the desk reported saved kept — with
//! the shell's exit status for the signal (128 + its number). Each signal is sent to an idle desk and
//! to one in the middle of a form, after another change was saved.
#![cfg(unix)]
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use common::pty::{
    BIN, ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, PtySession, find_last, strip_escapes,
};
use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

const ENABLE_MOUSE: &[u8] = b"\x1b[?1000h";
const DISABLE_MOUSE: &[u8] = b"\x1b[?1000l";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

const SIGNALS: [Signal; 4] = [
    Signal::SIGTERM,
    Signal::SIGHUP,
    Signal::SIGINT,
    Signal::SIGQUIT,
];

fn jurydesk(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JURYDESK_DB")
        .output()
        .expect("jurydesk runs")
}

fn start(db: &Path, config: &Path) -> PtySession {
    PtySession::spawn(
        32,
        110,
        &[OsStr::new("--db"), db.as_os_str()],
        &[
            ("XDG_CONFIG_HOME", config.as_os_str()),
            ("HOME", config.as_os_str()),
        ],
    )
}

/// Sends `signal` to the desk and checks how it ended: the exit status, the terminal given back, the
/// message saying what was kept.
fn end_with(desk: &mut PtySession, signal: Signal) {
    kill(Pid::from_raw(desk.pid() as i32), signal).expect("the signal is sent");
    let code = desk.wait_exit();
    assert_eq!(
        code,
        128 + signal as u32,
        "{signal}: the exit status a shell expects; the screen:\n{}",
        desk.screen()
    );
    let raw = desk.raw();
    let entered = find_last(&raw, ENTER_ALTERNATE_SCREEN).expect("the alternate screen was used");
    let left = find_last(&raw, LEAVE_ALTERNATE_SCREEN)
        .unwrap_or_else(|| panic!("{signal}: the alternate screen was never left"));
    assert!(
        left > entered,
        "{signal}: the alternate screen is left last"
    );
    assert!(
        !desk.emulator().screen().alternate_screen(),
        "{signal}: back on the main screen"
    );
    desk.assert_raw_mode_off();
    desk.assert_undone_after_last_use(ENABLE_MOUSE, DISABLE_MOUSE, "mouse tracking");
    desk.assert_undone_after_last_use(HIDE_CURSOR, SHOW_CURSOR, "the hidden cursor");
    let after = strip_escapes(&raw[left..]);
    assert!(
        after.contains(&format!("ended by {signal}")) && after.contains("kept"),
        "{signal}: the message says what ended the desk and what was kept: {after:?}"
    );
}

/// The store is closed and unlocked (a command can open it) and `check` finds it sound.
fn assert_store_released_and_sound(db: &Path, signal: Signal) {
    let check = jurydesk(db, &["check"]);
    assert!(
        check.status.success(),
        "{signal}: the store is released and sound: {}",
        String::from_utf8_lossy(&check.stderr)
    );
}

fn titles(db: &Path) -> String {
    let out = jurydesk(
        db,
        &[
            "list",
            "submissions",
            "--edition",
            "riff-18",
            "--format",
            "json",
        ],
    );
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn demo_store() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("store");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("a config directory");
    assert!(jurydesk(&db, &["demo"]).status.success());
    (dir, db, config)
}

#[test]
fn each_signal_ends_an_idle_desk_cleanly() {
    for signal in SIGNALS {
        let (_dir, db, config) = demo_store();
        let mut desk = start(&db, &config);
        desk.wait_for_drawn("riff-18");
        desk.settle();
        end_with(&mut desk, signal);
        assert_store_released_and_sound(&db, signal);
    }
}

#[test]
fn each_signal_mid_form_keeps_what_was_saved_and_drops_the_unsaved_form() {
    for signal in SIGNALS {
        let (_dir, db, config) = demo_store();
        let saved = format!("Saved Before {signal}");
        let unsaved = format!("Typed During {signal}");
        let mut desk = start(&db, &config);
        desk.wait_for_drawn("riff-18");
        desk.press("2");
        desk.press("a");
        desk.wait_for_drawn("Add submission");
        desk.press(&saved);
        desk.wait_for_drawn(&saved);
        desk.press("\r");
        desk.wait_for_drawn("added submission");
        desk.press("a");
        desk.wait_for_drawn("Add submission");
        desk.press(&unsaved);
        desk.wait_for_drawn(&unsaved);
        end_with(&mut desk, signal);
        assert_store_released_and_sound(&db, signal);
        let listed = titles(&db);
        assert!(
            listed.contains(&saved),
            "{signal}: what the desk reported saved is kept"
        );
        assert!(
            !listed.contains(&unsaved),
            "{signal}: a form never saved is not"
        );
    }
}
