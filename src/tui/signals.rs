//! The signals that end the desk (docs/architecture.md#faults): SIGTERM (a shutdown, `kill`), SIGHUP
//! (the terminal went away: a dropped SSH connection), SIGINT and SIGQUIT (sent from outside: in
//! raw mode Ctrl-C and Ctrl-\ arrive as keys). By default each of them kills the process on the
//! spot, which leaves the user's terminal in raw mode on the alternate screen with mouse tracking on
//! and the cursor hidden, and leaves sled unflushed.
//!
//! Instead the handler only raises a flag (nothing else is safe inside a signal handler); the desk's
//! loop looks at it between events and ends the way `q` does: the store is closed (flushed, its lock
//! released), then the terminal is restored. A second signal while that runs ends the process at
//! once, so a desk that cannot close is never stuck.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// The signals that end the desk, with their names for the message.
#[cfg(unix)]
const STOPPING: [(i32, &str); 4] = [
    (signal_hook::consts::SIGTERM, "SIGTERM"),
    (signal_hook::consts::SIGHUP, "SIGHUP"),
    (signal_hook::consts::SIGINT, "SIGINT"),
    (signal_hook::consts::SIGQUIT, "SIGQUIT"),
];

/// Watches for the signals that end the desk.
pub struct StopSignals {
    /// The number of the first signal received, 0 while none.
    received: Arc<AtomicUsize>,
    /// Raised with the first signal: a second one then ends the process at once.
    stopping: Arc<AtomicBool>,
}

/// A signal that ended the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped {
    pub number: i32,
    pub name: &'static str,
}

impl Stopped {
    /// The terminal hung up without the signal reaching the desk (`hangup`): ended as SIGHUP would.
    #[cfg(unix)]
    pub const HANG_UP: Stopped = Stopped {
        number: signal_hook::consts::SIGHUP,
        name: "SIGHUP",
    };
    #[cfg(not(unix))]
    pub const HANG_UP: Stopped = Stopped {
        number: 1,
        name: "SIGHUP",
    };

    /// The exit status a shell expects of a process ended by this signal (128 + its number).
    pub fn exit_code(self) -> u8 {
        u8::try_from(128 + self.number).unwrap_or(1)
    }
}

impl StopSignals {
    /// Installs the handlers. A failure to install one is returned: the desk should not run with a
    /// terminal it might be unable to give back.
    pub fn install() -> std::io::Result<StopSignals> {
        let received = Arc::new(AtomicUsize::new(0));
        let stopping = Arc::new(AtomicBool::new(false));
        #[cfg(unix)]
        {
            for (number, _) in STOPPING {
                // Registered first, so it runs before the flag below is raised: only a signal that
                // comes while the desk is already closing ends the process outright.
                signal_hook::flag::register_conditional_shutdown(
                    number,
                    128 + number,
                    Arc::clone(&stopping),
                )?;
                signal_hook::flag::register(number, Arc::clone(&stopping))?;
                signal_hook::flag::register_usize(
                    number,
                    Arc::clone(&received),
                    usize::try_from(number).unwrap_or(0),
                )?;
            }
        }
        Ok(StopSignals { received, stopping })
    }

    /// Forgets a Ctrl-C or Ctrl-\ typed while `$EDITOR` had the terminal: the terminal sends them to
    /// the editor and the desk alike (its process group), and they were meant for the editor. A
    /// SIGTERM or SIGHUP is kept: the desk still ends.
    pub fn forget_keyboard_signals(&self) {
        #[cfg(unix)]
        {
            let number = self.received.load(Ordering::SeqCst);
            let keyboard = [signal_hook::consts::SIGINT, signal_hook::consts::SIGQUIT];
            if keyboard
                .iter()
                .any(|&k| usize::try_from(k).is_ok_and(|k| k == number))
            {
                self.received.store(0, Ordering::SeqCst);
                self.stopping.store(false, Ordering::SeqCst);
            }
        }
    }

    /// The signal that asks the desk to end, if one has come.
    pub fn received(&self) -> Option<Stopped> {
        let number = self.received.load(Ordering::SeqCst);
        if number == 0 {
            return None;
        }
        let number = i32::try_from(number).unwrap_or(0);
        Some(Stopped {
            number,
            name: name_of(number),
        })
    }
}

fn name_of(number: i32) -> &'static str {
    #[cfg(unix)]
    if let Some((_, name)) = STOPPING.iter().find(|(n, _)| *n == number) {
        return name;
    }
    let _ = number;
    "a signal"
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_raised_signal_is_seen_with_its_name_and_exit_code() {
        let signals = StopSignals::install().unwrap();
        assert_eq!(signals.received(), None);
        signal_hook::low_level::raise(signal_hook::consts::SIGHUP).unwrap();
        let stopped = signals.received().expect("SIGHUP was seen");
        assert_eq!(stopped.name, "SIGHUP");
        assert_eq!(stopped.exit_code(), 129);
    }
}
