//! A panic in the desk (issue 7 item 7, SPEC §3): the real binary, in a pseudo-terminal, made to panic
//! on purpose through its test hook `JURYDESK_TEST_PANIC` once its first frame is drawn.
//!
//! On the desk's own thread the panic must give the terminal back (mouse capture off, raw mode off,
//! the main screen, the cursor shown) before saying anything, then say where the crash log and the
//! store are. On a helper thread it must not disturb the desk at all: no restore under the desk's
//! feet, no message drawn over its screen, the details in the crash log.
#![cfg(unix)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_jurydesk");
const ROWS: u16 = 30;
const COLS: u16 = 120;
/// Generous: a debug build on a loaded two-core machine.
const TIMEOUT: Duration = Duration::from_secs(30);

const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
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

/// The desk in a pseudo-terminal, its output collected as raw bytes.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn std::io::Write + Send>,
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    fn start(place: &Place, test_panic: &str) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(BIN);
        command.arg("--db");
        command.arg(&place.store);
        command.env("TERM", "xterm-256color");
        command.env("HOME", &place.home);
        command.env("XDG_CONFIG_HOME", &place.home);
        command.env("XDG_DATA_HOME", &place.data);
        command.env("JURYDESK_TEST_PANIC", test_panic);
        command.env_remove("JURYDESK_DB");
        let child = pair.slave.spawn_command(command).expect("jurydesk starts");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("the output")
                    .extend_from_slice(&buf[..n]);
            }
        });
        Session {
            child,
            master: pair.master,
            writer,
            output,
            reader: Some(reader),
        }
    }

    fn raw(&self) -> Vec<u8> {
        self.output.lock().expect("the output").clone()
    }

    fn screen(&self) -> vt100::Parser {
        let size = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
        let mut parser = vt100::Parser::new(size(ROWS), size(COLS), 0);
        parser.process(&self.raw());
        parser
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.screen().screen().contents().contains(text) {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {text:?}; the screen:\n{}",
                self.screen().screen().contents()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
        std::thread::sleep(Duration::from_millis(150));
    }

    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                if let Some(reader) = self.reader.take() {
                    reader.join().expect("the reader ends");
                }
                return status.exit_code();
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "jurydesk did not exit; the screen:\n{}",
                self.screen().screen().contents()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The terminal as the shell needs it back: every mode the desk switched on was switched off
    /// after it was last switched on, the emulator shows the main screen, and raw mode is off.
    fn assert_terminal_restored(&self) {
        let raw = self.raw();
        for (on, off, what) in [
            (
                ENTER_ALTERNATE_SCREEN,
                LEAVE_ALTERNATE_SCREEN,
                "the alternate screen",
            ),
            (MOUSE_ON, MOUSE_OFF, "mouse capture"),
            (HIDE_CURSOR, SHOW_CURSOR, "the hidden cursor"),
        ] {
            let switched_on = find_last(&raw, on).unwrap_or_else(|| panic!("{what} was used"));
            let switched_off = find_last(&raw, off).unwrap_or_else(|| panic!("{what} was undone"));
            assert!(
                switched_off > switched_on,
                "{what} is undone after its last use"
            );
        }
        let screen = self.screen();
        assert!(
            !screen.screen().alternate_screen(),
            "back on the main screen"
        );
        assert!(!screen.screen().hide_cursor(), "the cursor is shown");
        let termios = self.master.get_termios().expect("the terminal's modes");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "raw mode is off: {:?}",
            termios.local_flags
        );
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
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
    let mut desk = Session::start(&place, "desk");
    assert_eq!(
        desk.wait_exit(),
        101,
        "a panic ends the desk with Rust's panic code"
    );
    desk.assert_terminal_restored();

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
            .screen()
            .contents()
            .contains("jurydesk stopped on an internal error"),
        "{}",
        desk.screen().screen().contents()
    );
    check_passes(&place.store);
}

#[test]
fn a_panic_on_a_helper_thread_leaves_the_desk_running_and_its_screen_clean() {
    let place = Place::new();
    let mut desk = Session::start(&place, "thread");
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
    assert!(desk.screen().screen().alternate_screen());
    desk.press("2");
    desk.press("/");
    desk.press("salt");
    desk.wait_for("The Salt Road");
    desk.press("\x1b");
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
    desk.assert_terminal_restored();

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
