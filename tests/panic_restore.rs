//! A panic in the desk (issue 7 item 7, README.md#the-desk): the real binary, in a pseudo-terminal,
//! made to panic on purpose through its test hook `JURYDESK_TEST_PANIC` once its first frame is
//! drawn.
//!
//! On the desk's own thread the panic must give the terminal back (mouse capture off, raw mode off,
//! the main screen, the cursor shown) before saying anything, then say where the crash log and the
//! store are. On a helper thread it must not disturb the desk at all: no restore under the desk's
//! feet, no message drawn over its screen, the details in the crash log.
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
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::pty::{
    BIN, ENTER_ALTERNATE_SCREEN, LEAVE_ALTERNATE_SCREEN, PtySession, TIMEOUT, find_last,
};
use tempfile::TempDir;

const ROWS: u16 = 30;
const COLS: u16 = 120;

const MOUSE_ON: &[u8] = b"\x1b[?1000h";
const MOUSE_OFF: &[u8] = b"\x1b[?1000l";
const HIDE_CURSOR: &[u8] = b"\x1b[?25l";
const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// A store with the demo, a private config and data directory, for one run of the desk.
struct Place {
    _dir: TempDir,
    store: PathBuf,
    home: PathBuf,
    data: PathBuf,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let store = dir.path().join("store");
        let home = dir.path().join("home");
        let data = dir.path().join("data");
        std::fs::create_dir_all(&home).expect("a home directory");
        let demo = Command::new(BIN)
            .arg("--db")
            .arg(&store)
            .arg("demo")
            .env_remove("JURYDESK_DB")
            .output()
            .expect("jurydesk runs");
        assert!(demo.status.success(), "{demo:?}");
        Place {
            _dir: dir,
            store,
            home,
            data,
        }
    }

    /// The crash logs written under this place's data directory.
    fn crash_logs(&self) -> Vec<PathBuf> {
        let dir = self.data.join("jurydesk");
        std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.to_string_lossy().contains("jurydesk-crash-"))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// The desk in a pseudo-terminal on `place`, made to panic where `test_panic` says.
fn start(place: &Place, test_panic: &str) -> PtySession {
    PtySession::spawn(
        ROWS,
        COLS,
        &[OsStr::new("--db"), place.store.as_os_str()],
        &[
            ("HOME", place.home.as_os_str()),
            ("XDG_CONFIG_HOME", place.home.as_os_str()),
            ("XDG_DATA_HOME", place.data.as_os_str()),
            ("JURYDESK_TEST_PANIC", OsStr::new(test_panic)),
        ],
    )
}

/// The terminal as the shell needs it back: every mode the desk switched on was switched off after
/// it was last switched on, the emulator shows the main screen, and raw mode is off.
fn assert_terminal_restored(desk: &PtySession) {
    for (on, off, what) in [
        (
            ENTER_ALTERNATE_SCREEN,
            LEAVE_ALTERNATE_SCREEN,
            "the alternate screen",
        ),
        (MOUSE_ON, MOUSE_OFF, "mouse capture"),
        (HIDE_CURSOR, SHOW_CURSOR, "the hidden cursor"),
    ] {
        desk.assert_undone_after_last_use(on, off, what);
    }
    let screen = desk.emulator();
    assert!(
        !screen.screen().alternate_screen(),
        "back on the main screen"
    );
    assert!(!screen.screen().hide_cursor(), "the cursor is shown");
    desk.assert_raw_mode_off();
}

/// The printable text of a byte stream, escape sequences and line breaks dropped (a long line the
/// terminal wrapped reads whole).
fn text_of(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => {
                if chars.next() == Some('[') {
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
            }
            '\r' | '\n' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn check_passes(store: &Path) {
    let out = Command::new(BIN)
        .arg("--db")
        .arg(store)
        .arg("check")
        .env_remove("JURYDESK_DB")
        .output()
        .expect("jurydesk runs");
    assert!(
        out.status.success(),
        "check after the panic: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_panic_on_the_desk_gives_the_terminal_back_and_says_where_the_log_and_store_are() {
    let place = Place::new();
    let mut desk = start(&place, "desk");
    assert_eq!(
        desk.wait_exit(),
        101,
        "a panic ends the desk with Rust's panic code"
    );
    assert_terminal_restored(&desk);

    let raw = desk.raw();
    let left = find_last(&raw, LEAVE_ALTERNATE_SCREEN).expect("the alternate screen was left");
    let said = text_of(&raw[left..]);
    assert!(
        said.contains("jurydesk stopped on an internal error"),
        "{said}"
    );
    assert!(
        said.contains("JURYDESK_TEST_PANIC=desk"),
        "says what: {said}"
    );
    let store = place.store.display().to_string();
    assert!(
        said.contains(&format!("the store at {store}")),
        "names the store: {said}"
    );
    assert!(
        said.contains(&format!("jurydesk --db {store} check")),
        "{said}"
    );
    let logs = place.crash_logs();
    assert_eq!(logs.len(), 1, "one crash log: {logs:?}");
    assert!(
        said.contains(&logs[0].display().to_string()),
        "names the crash log: {said}"
    );
    let log = std::fs::read_to_string(&logs[0]).expect("the crash log");
    assert!(log.contains("JURYDESK_TEST_PANIC=desk"), "{log}");
    assert!(log.contains(&store) && log.contains("backtrace"), "{log}");
    // What was said is on the main screen, where the user sees it after the desk is gone.
    assert!(
        desk.screen()
            .contains("jurydesk stopped on an internal error"),
        "{}",
        desk.screen()
    );
    check_passes(&place.store);
}

#[test]
fn a_panic_on_a_helper_thread_leaves_the_desk_running_and_its_screen_clean() {
    let place = Place::new();
    let mut desk = start(&place, "thread");
    desk.wait_for("riff-18");
    let logs = {
        let start = Instant::now();
        loop {
            let logs = place.crash_logs();
            if !logs.is_empty() || start.elapsed() > TIMEOUT {
                break logs;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    assert_eq!(logs.len(), 1, "the helper's panic is logged: {logs:?}");
    let log = std::fs::read_to_string(&logs[0]).expect("the crash log");
    assert!(
        log.contains("JURYDESK_TEST_PANIC=thread") && log.contains("thread: test-panic"),
        "{log}"
    );

    // The desk still answers keys, in raw mode (no Enter needed), on the alternate screen.
    assert!(desk.emulator().screen().alternate_screen());
    desk.press("2");
    desk.press("/");
    desk.press("salt");
    desk.wait_for("The Salt Road");
    desk.press("\x1b");
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
    assert_terminal_restored(&desk);

    let raw = desk.raw();
    let said = text_of(&raw);
    assert!(
        !said.contains("panicked") && !said.contains("internal error"),
        "nothing about the helper's panic was drawn over the desk: {said}"
    );
    let entered = raw
        .windows(ENTER_ALTERNATE_SCREEN.len())
        .filter(|w| *w == ENTER_ALTERNATE_SCREEN)
        .count();
    assert_eq!(entered, 1, "the desk never had to take the terminal back");
    check_passes(&place.store);
}
