//! What happens when the desk panics (README.md#the-desk: "it never leaves the terminal broken").
//!
//! A panic on the desk's own thread ends the desk: the terminal is given back (mouse capture off, raw
//! mode off, main screen, cursor shown) before anything is printed, the details go to a crash log
//! file, and stderr says where that log and the store are. A panic on one of the desk's helper threads
//! (reading a large edition, building the search index) does not end it: the desk notices the thread
//! failed and carries on, so the terminal must stay as the desk needs it, and the panic's message goes
//! only to the crash log, never onto the screen the desk is drawing.
//!
//! `JURYDESK_TEST_PANIC` is a test hook (see `TestPanic`): it makes the desk panic on purpose so the
//! tests can check all of the above on the real binary in a pseudo-terminal.

use std::fmt::Write as _;
use std::io::Write as _;
use std::panic::PanicHookInfo;
use std::path::{Path, PathBuf};
use std::thread::ThreadId;

use chrono::Utc;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{LeaveAlternateScreen, disable_raw_mode};

/// The environment variable of the test hook.
pub const TEST_PANIC_VAR: &str = "JURYDESK_TEST_PANIC";

/// Installs the desk's panic hook, for the desk running on this thread over the store at `store`.
/// It replaces the hooks installed before it (ratatui's among them): it restores the terminal
/// itself, and prints its own message instead of Rust's.
pub fn install_panic_hook(store: &Path) {
    let store = store.to_path_buf();
    let desk_thread = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| on_panic(info, &store, desk_thread)));
}

fn on_panic(info: &PanicHookInfo<'_>, store: &Path, desk_thread: ThreadId) {
    // A panic the store turns into an error (sled's, while closing it) is not the desk's crash.
    if crate::desk::capturing_panics() {
        return;
    }
    let thread = std::thread::current();
    let on_desk = thread.id() == desk_thread;
    if on_desk {
        restore_terminal();
    }
    let what = describe(info);
    let report = crash_report(&what, thread.name().unwrap_or("unnamed"), store);
    let log = write_crash_log(&report);
    if !on_desk {
        // The desk carries on; the screen is its own. The log keeps what happened.
        return;
    }
    let store = store.display();
    let details = match &log {
        Some(path) => format!(
            "The details are in {} (please send that file with a bug report).",
            path.display()
        ),
        None => format!("The crash log could not be written; here are the details:\n{report}"),
    };
    eprintln!(
        "\njurydesk stopped on an internal error: {what}.\n{details}\nEvery change jurydesk \
         reported as saved is in the store at {store}: `jurydesk --db {store} check` verifies \
         it, and `jurydesk --db {store} log` lists the latest changes."
    );
}

/// Gives the terminal back as the shell had it. Each step is tried even when one before it failed.
pub fn restore_terminal() {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture);
    let _ = disable_raw_mode();
    let _ = execute!(out, LeaveAlternateScreen, Show);
    let _ = out.flush();
}

/// The panic's message and where it happened.
fn describe(info: &PanicHookInfo<'_>) -> String {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unknown error".to_string());
    match info.location() {
        Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
        None => message,
    }
}

fn crash_report(what: &str, thread: &str, store: &Path) -> String {
    let mut report = String::new();
    let _ = writeln!(
        report,
        "jurydesk {} crash report",
        env!("CARGO_PKG_VERSION")
    );
    let _ = writeln!(report, "time: {}", Utc::now().to_rfc3339());
    let _ = writeln!(report, "thread: {thread}");
    let _ = writeln!(report, "panic: {what}");
    let _ = writeln!(report, "store: {}", store.display());
    let _ = writeln!(
        report,
        "backtrace:\n{}",
        std::backtrace::Backtrace::force_capture()
    );
    report
}

/// Where crash logs go: jurydesk's local data directory (beside the default store), else the system's
/// temporary directory.
fn crash_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = directories::ProjectDirs::from("", "", "jurydesk")
        .map(|d| d.data_local_dir().to_path_buf())
        .into_iter()
        .collect();
    dirs.push(std::env::temp_dir());
    dirs
}

/// Writes the report to a new file; returns its path, or `None` when no directory would take it.
fn write_crash_log(report: &str) -> Option<PathBuf> {
    let name = format!(
        "jurydesk-crash-{}-{}.log",
        Utc::now().format("%Y%m%d-%H%M%S"),
        std::process::id()
    );
    crash_dirs().into_iter().find_map(|dir| {
        std::fs::create_dir_all(&dir).ok()?;
        let path = dir.join(&name);
        std::fs::write(&path, report).ok()?;
        Some(path)
    })
}

/// The test hook: `JURYDESK_TEST_PANIC=desk` panics on the desk's thread, `=thread` on a helper
/// thread, once the desk has drawn its first frame (so the terminal is fully taken: raw mode, the
/// alternate screen, mouse capture, hidden cursor). Nothing else reads the variable; it exists so the
/// tests can prove the behaviour above on the real binary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestPanic {
    None,
    OnDesk,
    OnThread,
}

impl TestPanic {
    /// Reads the hook's variable, once, when the desk starts.
    pub fn from_env() -> TestPanic {
        match std::env::var(TEST_PANIC_VAR).as_deref() {
            Ok("desk") => TestPanic::OnDesk,
            Ok("thread") => TestPanic::OnThread,
            _ => TestPanic::None,
        }
    }

    /// Panics as asked, the first time it is called; does nothing after that.
    // The one place jurydesk panics on purpose: the tests need a real panic to check what a crash
    // leaves of the terminal.
    #[allow(clippy::panic)]
    pub fn fire(&mut self) {
        match std::mem::replace(self, TestPanic::None) {
            TestPanic::None => {}
            TestPanic::OnDesk => panic!("{TEST_PANIC_VAR}=desk: a panic on the desk's thread"),
            TestPanic::OnThread => {
                let helper = std::thread::Builder::new()
                    .name("test-panic".into())
                    .spawn(|| panic!("{TEST_PANIC_VAR}=thread: a panic on a helper thread"));
                // Its failure is the point; the desk goes on, as it does when a real helper fails.
                if let Ok(handle) = helper {
                    let _ = handle.join();
                }
            }
        }
    }
}
