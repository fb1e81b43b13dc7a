//! Where sled meets the rest of jurydesk. On a damaged directory sled may return errors written for
//! its own developers ("Read corrupted data at file offset Some(Inline(71)) backtrace ()") or panic
//! outright while it reads its log back. Here every sled error becomes a `StoreError` that names the
//! store and says what to do, and a panic while opening becomes a "damaged" error instead of a crash.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::Once;
use std::time::Duration;

use super::directory::io_error;
use super::{CACHE_BYTES, Result, StoreError};

/// The sled database, whose last handle cannot crash the process when it is dropped.
///
/// sled's own drop flushes, then fsyncs its file with `unwrap()` (`Log::drop`): an fsync that fails
/// at that moment (a disk error, a disk remounted read-only) panicked after a change had already been
/// flushed and reported saved, and the command then exited 101 with sled's panic message. Every commit
/// flushes itself (`Store::flush`), so nothing is left for that last flush to keep: its panic is
/// caught and dropped here. `Deref` gives sled's API unchanged.
pub(super) struct Sled(Option<sled::Db>);

impl Sled {
    fn new(db: sled::Db) -> Sled {
        Sled(Some(db))
    }
}

impl std::ops::Deref for Sled {
    type Target = sled::Db;

    fn deref(&self) -> &sled::Db {
        match &self.0 {
            Some(db) => db,
            // Taken only in `drop`, after which nothing can deref.
            None => unreachable!("the sled handle is used after it was dropped"),
        }
    }
}

impl Clone for Sled {
    fn clone(&self) -> Sled {
        Sled(self.0.clone())
    }
}

impl Drop for Sled {
    fn drop(&mut self) {
        if let Some(db) = self.0.take() {
            // Only the last handle's drop does any work; see the type's documentation.
            let _ = without_panics(move || drop(db));
        }
    }
}

/// Whether a panic on the calling thread is being turned into an error (`without_panics`): a panic
/// hook installed after the capturing one (the desk's) leaves such a panic alone.
pub fn capturing_panics() -> bool {
    CAPTURING.with(Cell::get)
}

/// How long an open waits for sled's lock when jurydesk's own lock is held. sled's background tasks
/// (writing a sealed log buffer, generating a snapshot) keep its files, and so its lock, for a moment
/// after the last handle is dropped; on a loaded machine that moment took more than the 3 s allowed
/// before (a test reopening a store it had just closed failed "open in another jurydesk" about once
/// in a few hundred runs). Only a process reopening a store it closed itself ever waits.
const SLED_LET_GO: Duration = Duration::from_secs(20);

/// Opens sled once jurydesk's own lock is held. Holding that lock means no other jurydesk has the
/// store, so a sled lock error can only be a store closed a moment ago whose background thread has not
/// let go yet: wait for it briefly instead of reporting a false "open in another jurydesk".
pub(super) fn open_sled(path: &Path) -> Result<Sled> {
    let mut waited = Duration::ZERO;
    loop {
        let opened = without_panics(|| {
            sled::Config::new()
                .path(path)
                .cache_capacity(CACHE_BYTES)
                // Every commit flushes itself before it is reported
                // (docs/architecture.md#durability-and-the-lock); sled's own timer would also
                // write, after a failure, what an abandoned store holds in memory.
                .flush_every_ms(None)
                .open()
        });
        let error = match opened {
            Ok(Ok(db)) => return Ok(Sled::new(db)),
            Ok(Err(e)) if is_lock_error(&e) => StoreError::Locked {
                path: path.to_path_buf(),
            },
            Ok(Err(e)) => return Err(sled_error(path, e)),
            Err(panic) => {
                return Err(StoreError::Damaged {
                    path: path.to_path_buf(),
                    reason: format!("its database could not be read back (sled stopped: {panic})"),
                });
            }
        };
        if waited >= SLED_LET_GO {
            return Err(error);
        }
        let pause = Duration::from_millis(20);
        std::thread::sleep(pause);
        waited += pause;
    }
}

fn is_lock_error(error: &sled::Error) -> bool {
    matches!(error, sled::Error::Io(e) if e.to_string().contains("could not acquire lock"))
}

/// A sled error in words a secretary can act on, naming the store at `path`.
pub(super) fn sled_error(path: &Path, error: sled::Error) -> StoreError {
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    match error {
        sled::Error::Io(source) => io_error(path, "read or write the store at", source),
        sled::Error::Corruption { at, .. } => damaged(match at {
            Some(sled::DiskPtr::Inline(offset)) => {
                format!("its database file `db` holds corrupted data at byte {offset}")
            }
            Some(sled::DiskPtr::Blob(_, blob)) => {
                format!("its large-value file blobs/{blob} is corrupted")
            }
            None => "its database files hold corrupted data".to_string(),
        }),
        sled::Error::Unsupported(message) => {
            damaged(format!("sled cannot use its files as they are ({message})"))
        }
        sled::Error::ReportableBug(message) => damaged(format!(
            "sled met an inconsistency in its files ({message})"
        )),
        sled::Error::CollectionNotFound(name) => damaged(format!(
            "sled cannot find its tree {}",
            String::from_utf8_lossy(&name)
        )),
    }
}

/// sled results, with errors turned into `StoreError`s naming the store.
pub(super) trait AtStore<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> AtStore<T> for std::result::Result<T, sled::Error> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|e| sled_error(path, e))
    }
}

thread_local! {
    /// Whether a panic on this thread is being turned into an error by `without_panics`.
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    /// The message of the last panic captured on this thread.
    static CAPTURED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// A panic inside sled, caught: what it said and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub(super) struct Panicked {
    pub message: String,
}

/// Runs `f`; a panic inside it becomes `Err(Panicked)` with its message and is not printed. Panics on other threads,
/// and on this one outside `f`, reach the hooks installed before as usual. (The capturing hook is
/// installed the first time this runs and passes on what it does not capture; a hook installed after
/// it that does not pass panics on takes them all, as the desk's does: the desk opens its store
/// before it installs that hook, and never opens one after.)
pub(super) fn without_panics<T>(f: impl FnOnce() -> T) -> std::result::Result<T, Panicked> {
    install_capturing_hook();
    let was_capturing = CAPTURING.with(|c| c.replace(true));
    let outcome = panic::catch_unwind(AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(was_capturing));
    outcome.map_err(|payload| Panicked {
        message: CAPTURED
            .with(|c| c.borrow_mut().take())
            .unwrap_or_else(|| payload_text(payload.as_ref())),
    })
}

fn install_capturing_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) {
                let place = info
                    .location()
                    .map(|l| format!(" at {}:{}", l.file(), l.line()))
                    .unwrap_or_default();
                let text = format!("{}{place}", payload_text(info.payload()));
                CAPTURED.with(|c| *c.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "an internal error".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_the_next_call_works() {
        let caught = without_panics(|| -> u8 { panic!("tried to serialize Uninitialized") });
        let message = caught.unwrap_err().message;
        assert!(
            message.starts_with("tried to serialize Uninitialized at "),
            "{message}"
        );
        assert!(message.contains("boundary.rs"), "{message}");
        assert_eq!(without_panics(|| 7), Ok(7));
    }

    #[test]
    fn a_corruption_error_names_the_byte_and_the_store() {
        let error = sled_error(
            Path::new("/stores/fajr"),
            sled::Error::Corruption {
                at: Some(sled::DiskPtr::Inline(71)),
                bt: (),
            },
        );
        let text = error.to_string();
        assert!(text.contains("/stores/fajr"), "{text}");
        assert!(
            text.contains("byte 71 of") || text.contains("at byte 71"),
            "{text}"
        );
        assert!(!text.contains("Inline"), "{text}");
        assert!(error.is_unavailable());
    }
}
