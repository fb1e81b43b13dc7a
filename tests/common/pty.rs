//! The real binary in a pseudo-terminal, for the end-to-end tests (`pty`, `hostile_pty`,
//! `panic_restore`): keys go in as a person types them, everything the program writes is kept as raw
//! bytes, and the screen is read back through a terminal emulator (vt100). Every wait has a timeout
//! and fails with the screen as it was.
//!
//! What each test then checks about the terminal (restored after quitting, after a panic, never
//! driven by hostile text) is its own; the session only gives it the bytes, the screen and the
//! pseudo-terminal's modes.

use std::ffi::OsStr;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use nix::sys::termios::LocalFlags;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const BIN: &str = env!("CARGO_BIN_EXE_jurydesk");
/// Generous: a debug build on a loaded two-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(30);
/// How long `press` leaves the program to read a burst of keys before the next one.
const AFTER_KEYS: Duration = Duration::from_millis(150);
/// How often a wait looks again.
const POLL: Duration = Duration::from_millis(50);

pub const ENTER_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049h";
pub const LEAVE_ALTERNATE_SCREEN: &[u8] = b"\x1b[?1049l";

/// One run of `jurydesk` in a pseudo-terminal of its own.
pub struct PtySession {
    rows: u16,
    cols: u16,
    child: Box<dyn Child + Send + Sync>,
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    /// Everything the program wrote, as raw bytes.
    output: Arc<Mutex<Vec<u8>>>,
    reader: Option<JoinHandle<()>>,
}

impl PtySession {
    /// Starts `jurydesk ARGS` in a `rows`×`cols` pseudo-terminal, as `TERM=xterm-256color`, with
    /// `env` set and no `JURYDESK_DB` from the environment the tests run in. Tests pass a private
    /// `HOME` and `XDG_CONFIG_HOME`, so that no settings file of the machine's user changes what
    /// they see.
    pub fn spawn(rows: u16, cols: u16, args: &[&OsStr], env: &[(&str, &OsStr)]) -> PtySession {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(BIN);
        command.args(args);
        command.env("TERM", "xterm-256color");
        for (name, value) in env {
            command.env(name, value);
        }
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
        PtySession {
            rows,
            cols,
            child,
            master: pair.master,
            writer,
            output,
            reader: Some(reader),
        }
    }

    /// The program's process id, to send it a signal.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("the child's process id")
    }

    pub fn rows(&self) -> u16 {
        self.rows
    }

    pub fn cols(&self) -> u16 {
        self.cols
    }

    /// Everything the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().expect("the output").clone()
    }

    fn written(&self) -> usize {
        self.output.lock().expect("the output").len()
    }

    /// A terminal emulator the size of the pseudo-terminal, having read everything written so far.
    pub fn emulator(&self) -> vt100::Parser {
        let size = |n: u16| NonZeroU16::new(n).unwrap_or(NonZeroU16::MIN);
        let mut parser = vt100::Parser::new(size(self.rows), size(self.cols), 0);
        parser.process(&self.raw());
        parser
    }

    /// The screen's text as a terminal would show it now.
    pub fn screen(&self) -> String {
        self.emulator().screen().contents()
    }

    /// Waits until `done` holds for the screen's text and returns it; on timeout fails with the
    /// screen and `what` was wanted.
    pub fn wait_until(&self, what: &str, done: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if done(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "timed out waiting for {what}; the screen:\n{screen}"
            );
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on the screen; returns the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), |screen| screen.contains(text))
    }

    /// Waits until `text` is on the screen or was drawn at all: the escape-stripped stream counts
    /// too, so a message drawn and covered again before a look is still seen. Returns the screen.
    pub fn wait_for_drawn(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?} drawn"), |screen| {
            screen.contains(text) || strip_escapes(&self.raw()).contains(text)
        })
    }

    /// Waits until the program has written nothing for a while, so that a frame is never read half
    /// drawn.
    pub fn settle(&self) {
        let start = Instant::now();
        let mut seen = self.written();
        loop {
            std::thread::sleep(Duration::from_millis(250));
            let now = self.written();
            if now == seen {
                return;
            }
            seen = now;
            assert!(start.elapsed() < TIMEOUT, "the desk never stopped drawing");
        }
    }

    /// Types keys. Each call is one burst; a lone Esc needs its own call, or the terminal reads it
    /// with the next key as Alt-key.
    pub fn press(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("keys sent");
        self.writer.flush().expect("keys flushed");
        std::thread::sleep(AFTER_KEYS);
    }

    /// Waits for the program to exit, and for everything it wrote to be read; returns its exit
    /// code. On timeout fails with the screen.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("the child's status") {
                if let Some(reader) = self.reader.take() {
                    reader.join().expect("the reader ends");
                }
                return status.exit_code();
            }
            assert!(
                start.elapsed() <= TIMEOUT,
                "jurydesk did not exit; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(POLL);
        }
    }

    /// Checks that the pseudo-terminal is back in canonical mode with echo (raw mode off), as the
    /// shell needs it.
    pub fn assert_raw_mode_off(&self) {
        let termios = self.master.get_termios().expect("the terminal's modes");
        assert!(
            termios
                .local_flags
                .contains(LocalFlags::ICANON | LocalFlags::ECHO),
            "raw mode must be off: {:?}",
            termios.local_flags
        );
    }

    /// Checks that `off` was written after the last `on` (a mode the program switched on was
    /// switched off again); `what` names the mode.
    pub fn assert_undone_after_last_use(&self, on: &[u8], off: &[u8], what: &str) {
        let raw = self.raw();
        let switched_on = find_last(&raw, on).unwrap_or_else(|| panic!("{what} was used"));
        let switched_off = find_last(&raw, off).unwrap_or_else(|| panic!("{what} was undone"));
        assert!(
            switched_off > switched_on,
            "{what} is undone after its last use"
        );
    }
}

impl Drop for PtySession {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

/// Where `needle` last occurs in `haystack`.
pub fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// The printable text of a stream, without CSI, OSC and other escape sequences; line breaks kept.
pub fn strip_escapes(bytes: &[u8]) -> String {
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
