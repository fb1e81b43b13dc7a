//! The real binary in a pseudo-terminal (SPEC §3): keys go in as a person types them, the screen is
//! read back through a terminal emulator (vt100), and the terminal must be left as it was found: the
//! alternate screen left, raw mode off. Each wait has a timeout and dumps the screen when it fails.
#![cfg(unix)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use tempfile::TempDir;

const ROWS: u16 = 32;
const COLS: u16 = 110;
/// Generous: a debug build on a loaded two-core machine.
const TIMEOUT: Duration = Duration::from_secs(30);
const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";
const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";

const BIN: &str = env!("CARGO_BIN_EXE_jurydesk");

/// One run of the desk in a pseudo-terminal.
struct Session {
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    /// Everything the program wrote, as raw bytes.
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
}

impl Session {
    /// Starts `jurydesk --db <db>` with a private config directory, so no settings file of the
    /// machine's user changes what the test sees.
    fn start(db: &Path, config: &Path) -> Session {
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
        command.arg(db);
        command.env("TERM", "xterm-256color");
        command.env("XDG_CONFIG_HOME", config);
        command.env("HOME", config);
        command.env_remove("JURYDESK_DB");
        let child = pair.slave.spawn_command(command).expect("jurydesk starts");
        // Only the child holds the slave now: its exit ends the reader's stream.
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let writer = pair.master.take_writer().expect("a writer");
        let output = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&output);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink
                        .lock()
                        .expect("the output")
                        .extend_from_slice(&buf[..n]),
                }
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

    /// The screen as a terminal would show it now.
    fn screen(&self) -> String {
        let mut parser = parser();
        parser.process(&self.raw());
        parser.screen().contents()
    }

    /// Waits until `done` holds for the screen; on timeout fails with the screen and what was wanted.
    fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            if start.elapsed() > TIMEOUT {
                panic!("timed out waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `text` is on the screen, or was drawn at all: the escape-stripped stream counts
    /// too, so a message drawn and covered again before a look is still seen.
    fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| {
            screen.contains(text) || strip_escapes(&self.raw()).contains(text)
        })
    }

    /// Types keys. Each call is one burst; a lone Esc needs its own call, or the terminal reads
    /// it with the next key as Alt-key.
    fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
        std::thread::sleep(Duration::from_millis(150));
    }

    /// Waits for the program to exit and returns its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                if let Some(reader) = self.reader.take() {
                    reader.join().expect("the reader ends");
                }
                return status.exit_code();
            }
            if start.elapsed() > TIMEOUT {
                panic!("jurydesk did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Checks that the program left the terminal as it found it: the last alternate-screen switch
    /// is the way out, nothing but control sequences follow it, and raw mode is off.
    fn assert_terminal_restored(&self) {
        let raw = self.raw();
        let entered =
            find_last(&raw, ENTER_ALTERNATE_SCREEN).expect("the desk used the alternate screen");
        let left = find_last(&raw, LEAVE_ALTERNATE_SCREEN).expect("the alternate screen was left");
        assert!(
            left > entered,
            "the last switch must leave the alternate screen"
        );
        let after = strip_escapes(&raw[left + LEAVE_ALTERNATE_SCREEN.len()..]);
        assert!(
            after.trim().is_empty(),
            "nothing may be drawn after leaving: {after:?}"
        );
        let mut parser = parser();
        parser.process(&raw);
        assert!(!parser.screen().alternate_screen());
        let termios = self.master.get_termios().expect("the terminal's modes");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "raw mode must be off after exit: {:?}",
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

/// A terminal emulator the size of the pseudo-terminal.
fn parser() -> vt100::Parser {
    let size = |n: u16| std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN);
    vt100::Parser::new(size(ROWS), size(COLS), 0)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The printable text of a stream, without CSI, OSC and other escape sequences.
fn strip_escapes(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => match chars.next() {
                Some('[') => {
                    // CSI: parameters, then one final byte in @..~.
                    for c in chars.by_ref() {
                        if ('@'..='~').contains(&c) {
                            break;
                        }
                    }
                }
                Some(']') => {
                    // OSC: up to BEL or ST.
                    while let Some(c) = chars.next() {
                        if c == '\u{7}' || (c == '\u{1b}' && chars.next_if_eq(&'\\').is_some()) {
                            break;
                        }
                    }
                }
                _ => {}
            },
            c if c.is_control() && c != '\n' => {}
            c => out.push(c),
        }
    }
    out
}

fn jurydesk(db: &Path, args: &[&str]) -> String {
    let output = Command::new(BIN)
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JURYDESK_DB")
        .output()
        .expect("jurydesk runs");
    assert!(
        output.status.success(),
        "jurydesk {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn dirs() -> (TempDir, std::path::PathBuf, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let db = dir.path().join("store");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).expect("a config directory");
    (dir, db, config)
}

#[test]
fn an_empty_store_welcomes_loads_the_demo_and_quits_cleanly() {
    let (_dir, db, config) = dirs();
    let mut desk = Session::start(&db, &config);
    desk.wait_for("Welcome to jurydesk");
    desk.wait_for("Press d to load the demo");
    desk.press("d");
    let screen = desk.wait_for("riff-18");
    assert!(
        screen.contains("fajr-43") && screen.contains("basirah-1"),
        "{screen}"
    );
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
    desk.assert_terminal_restored();
}

#[test]
fn a_ballot_typed_in_the_desk_is_what_the_command_line_lists() {
    let (_dir, db, config) = dirs();
    jurydesk(&db, &["demo"]);
    let mut desk = Session::start(&db, &config);
    desk.wait_for("Grand Prize");
    desk.press("3");
    desk.press("b");
    let screen = desk.wait_for("Juror: Javad Karimi");
    assert!(screen.contains("Ballot · Grand Prize"), "{screen}");
    desk.press("3 1 4 2");
    desk.wait_for("Ranking: 3 > 1 > 4 > 2");
    desk.press("\r");
    desk.wait_for("saved Javad Karimi's ballot");
    desk.press("\x1b");
    desk.wait_until("the ballot to close", |screen| {
        !screen.contains("Ballot · ")
    });
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
    desk.assert_terminal_restored();

    // What was typed is what was stored, nominee by nominee.
    let nominations: serde_json::Value = serde_json::from_str(&jurydesk(
        &db,
        &[
            "list",
            "nominations",
            "--edition",
            "riff-18",
            "--category",
            "Grand Prize",
            "--format",
            "json",
        ],
    ))
    .expect("nominations as JSON");
    let label = |number: u64| {
        nominations
            .as_array()
            .and_then(|all| all.iter().find(|n| n["number"] == number))
            .and_then(|n| n["label"].as_str())
            .unwrap_or_else(|| panic!("no nominee {number}"))
            .to_string()
    };
    let expected = [3, 1, 4, 2].map(label).join(" > ");
    let ballots: serde_json::Value = serde_json::from_str(&jurydesk(
        &db,
        &[
            "list",
            "ballots",
            "--edition",
            "riff-18",
            "--format",
            "json",
        ],
    ))
    .expect("ballots as JSON");
    let javad = ballots
        .as_array()
        .and_then(|all| {
            all.iter()
                .find(|b| b["juror"] == "Javad Karimi" && b["category"] == "Grand Prize")
        })
        .unwrap_or_else(|| panic!("no ballot of Javad Karimi in {ballots:#}"));
    assert_eq!(javad["kind"], "ranked");
    assert_eq!(javad["ballot"], expected.as_str());
}

#[test]
fn stripping_escapes_keeps_the_text() {
    let raw =
        b"\x1b[?1049h\x1b[1;1H\x1b[38;5;3mHello\x1b[0m \x1b]0;title\x07world\x1b]2;x\x1b\\!\r\n";
    assert_eq!(strip_escapes(raw), "Hello world!\n");
}

/// The issue's end-to-end run: add a submission through the form, quit, start again, find it with
/// search and open its record.
#[test]
fn a_submission_added_in_the_form_is_found_after_a_restart() {
    let (_dir, db, config) = dirs();
    jurydesk(&db, &["demo"]);
    let title = "Pseudo Terminal Nights 紙灯籠";
    let mut desk = Session::start(&db, &config);
    desk.wait_for("riff-18");
    desk.press("2");
    desk.press("a");
    desk.wait_for("Add submission");
    desk.press(title);
    desk.wait_for("Pseudo Terminal Nights");
    desk.press("\r");
    desk.wait_for("added submission");
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
    desk.assert_terminal_restored();

    let mut desk = Session::start(&db, &config);
    desk.wait_for("riff-18");
    desk.press("2");
    desk.press("/");
    desk.press("pseudo term");
    let screen = desk.wait_for("Pseudo Terminal Nig");
    assert!(
        screen.contains("1 of "),
        "the search narrows to it:\n{screen}"
    );
    // Enter keeps the search; Enter again opens the record, with the whole title.
    desk.press("\r");
    desk.press("\r");
    desk.wait_for("Pseudo Terminal Nights 紙灯籠");
    desk.press("\x1b");
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
}
