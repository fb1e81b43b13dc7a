//! The store directory and the files in it. sled keeps `conf` (its settings), `db` (its log: every
//! record and the audit log), `snap.*` (a snapshot of where pages are in `db`) and `blobs/`; jurydesk
//! adds `jurydesk.lock` (one jurydesk at a time) and `jurydesk.head` (see `head_file`).
//!
//! Before sled is let near the directory, `inspect` makes sure every file it will need is there and
//! may be read and written: sled silently starts an empty database when `db` is missing and rewrites
//! its settings when `conf` is, and reports a permission problem as a bare I/O error. `survey` describes
//! the directory for `check` when the store cannot be opened at all.

use std::fs::{self, File, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::head_file::{self, HEAD_FILE};
use super::{Result, StoreError};

pub(super) const LOCK_FILE: &str = "jurydesk.lock";
const CONF_FILE: &str = "conf";
const DB_FILE: &str = "db";
const SNAPSHOT_PREFIX: &str = "snap.";
/// sled's name for a snapshot it is still writing. One left behind (a `kill -9`, or a full disk that
/// stopped the write) is not harmless: sled 0.34.7's own snapshot search skips only `.in___motion`
/// files, so it would read an empty or partial `.generating` file as the newest snapshot and refuse
/// the store as corrupted (sled issues 1527 and 1533). `remove_unfinished_snapshots` clears them.
const SNAPSHOT_IN_PROGRESS: &str = ".generating";
const BLOBS_DIR: &str = "blobs";

/// Creates the store directory (owner-only) when it does not exist yet.
pub(super) fn create_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(path)
        .map_err(|source| io_error(path, "create the store directory", source))
}

/// Whether the directory holds a store: any of sled's or jurydesk's files (a store with one of them
/// missing is damaged, not absent, and `inspect` says so).
pub(super) fn holds_a_store(path: &Path) -> bool {
    match list(path) {
        Ok(found) => {
            found.conf || found.db || found.blobs || found.head_file || !found.snapshots.is_empty()
        }
        // A directory this user may not look into: the open says so (and how to fix it), rather
        // than calling it missing.
        Err(StoreError::Permission { .. }) => true,
        Err(_) => false,
    }
}

/// Refuses a path that is a file, or a directory of other files with no store in it: sled would
/// scatter its files among someone's documents (and `make_private` would lock them away).
pub(super) fn refuse_not_a_store(path: &Path) -> Result<()> {
    let not_a_store = |why| StoreError::NotAStore {
        path: path.to_path_buf(),
        why,
    };
    match fs::metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if !meta.is_dir() => Err(not_a_store("is a file, not a store directory")),
        Ok(_) if holds_a_store(path) => Ok(()),
        Ok(_) => {
            let entries =
                fs::read_dir(path).map_err(|e| io_error(path, "read the store directory", e))?;
            let mut others = entries
                .flatten()
                .filter(|e| e.file_name() != LOCK_FILE && e.file_name() != HEAD_FILE);
            match others.next() {
                Some(_) => Err(not_a_store(
                    "is a directory with other files in it and no jurydesk store",
                )),
                None => Ok(()),
            }
        }
    }
}

/// Makes a directory that is about to become a store owner-only: a store made inside a directory that
/// already existed (`mktemp -d`, a folder made by hand) would otherwise keep its 755 and let other
/// users read every ballot.
pub(super) fn make_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Best effort: an empty directory this user may write in but does not own keeps its mode.
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(0o700));
    }
    let _ = path;
    Ok(())
}

/// Gives every file of the store owner-only permissions (0600). sled creates its files with the
/// process's umask (often 644); the directory is owner-only too, but a store copied elsewhere keeps
/// its files' modes. Run at every open, after sled has made its files.
pub(super) fn make_files_private(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let entries =
            fs::read_dir(path).map_err(|e| io_error(path, "read the store directory", e))?;
        for entry in entries.flatten() {
            let file = entry.path();
            let Ok(meta) = fs::symlink_metadata(&file) else {
                continue;
            };
            if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
                // Best effort: a file this user does not own (a store shared on purpose) keeps its
                // mode rather than making the store refuse to open.
                let mode = meta.permissions().mode() & 0o700;
                let _ = fs::set_permissions(&file, fs::Permissions::from_mode(mode));
            }
        }
    }
    let _ = path;
    Ok(())
}

/// Takes jurydesk's own advisory lock, held for as long as the store is open.
///
/// A compaction exchanges the store directory for its copy (`compact`), lock file and all: a process
/// that opened the old lock file before the exchange and locks it once the compaction lets go holds
/// the lock of a directory that is no longer the store. So once locked, the file is checked to be the
/// one at the path still, and if not the lock is taken again from the path.
pub(super) fn take_lock(path: &Path) -> Result<File> {
    let lock_path = path.join(LOCK_FILE);
    // A jurydesk that is just finishing (or a process forked a moment ago by one that had the store
    // open, until it executes) holds the lock for a moment: that is waited out briefly, so commands
    // run one right after another do not fail "open in another jurydesk". A desk left open is not.
    let mut waited = std::time::Duration::ZERO;
    loop {
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| io_error(&lock_path, "open the lock file", source))?;
        loop {
            match file.try_lock() {
                Ok(()) if still_at(&file, &lock_path) => return Ok(file),
                // Locked, but exchanged away meanwhile: take the lock of the file at the path.
                Ok(()) if waited < LOCK_PATIENCE => {
                    waited += std::time::Duration::from_millis(20);
                    break;
                }
                Ok(()) => {
                    return Err(StoreError::Locked {
                        path: path.to_path_buf(),
                    });
                }
                Err(TryLockError::WouldBlock) if waited < LOCK_PATIENCE => {
                    let pause = std::time::Duration::from_millis(20);
                    std::thread::sleep(pause);
                    waited += pause;
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(StoreError::Locked {
                        path: path.to_path_buf(),
                    });
                }
                Err(TryLockError::Error(source)) => {
                    return Err(io_error(&lock_path, "lock", source));
                }
            }
        }
    }
}

/// Whether the open `file` is the file now at `path` (the same inode on the same device).
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(held), Ok(there)) => held.dev() == there.dev() && held.ino() == there.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_: &File, _: &Path) -> bool {
    true
}

/// How long an open waits for a jurydesk that holds the store to let go before it says "open in
/// another jurydesk".
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(2);

/// An I/O failure on a file of the store; a refused permission gets its own message and fix.
pub(super) fn io_error(file: &Path, what: &'static str, source: io::Error) -> StoreError {
    if let Some(fault) = super::WriteFault::of(&source) {
        return StoreError::WriteRefused {
            path: file.to_path_buf(),
            fault,
        };
    }
    if source.kind() == io::ErrorKind::PermissionDenied {
        StoreError::Permission {
            path: file.to_path_buf(),
        }
    } else {
        StoreError::Io {
            what,
            path: file.to_path_buf(),
            source: in_words(source),
        }
    }
}

/// The error as the system words it ("No such device or address (os error 6)"). sled hands on an
/// error it met earlier as a copy whose text is Rust's debugging form
/// (`Os { code: 6, kind: Uncategorized, message: "No such device or address" }`), which is not for
/// a secretary: that form is turned back into the system's words.
fn in_words(source: io::Error) -> io::Error {
    if source.raw_os_error().is_some() {
        return source;
    }
    let text = source.to_string();
    let code = text
        .strip_prefix("Os { code: ")
        .and_then(|rest| rest.split(',').next())
        .and_then(|code| code.trim().parse::<i32>().ok());
    match code {
        Some(code) => io::Error::from_raw_os_error(code),
        None => source,
    }
}

/// Removes the snapshots sled started and never finished. Only called with jurydesk's lock held, so no
/// sled is writing in this directory: such a file is what a killed process or a full disk left behind.
/// The finished snapshot (or, without one, `db` itself) still says where every page is, so nothing
/// is lost; sled rebuilds a newer snapshot from its log as it runs. Returns how many were removed.
pub(super) fn remove_unfinished_snapshots(path: &Path) -> Result<usize> {
    let entries = fs::read_dir(path).map_err(|e| io_error(path, "read the store directory", e))?;
    let mut removed = 0;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(path, "read the store directory", e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(SNAPSHOT_PREFIX) && name.ends_with(SNAPSHOT_IN_PROGRESS) {
            let file = entry.path();
            fs::remove_file(&file)
                .map_err(|e| io_error(&file, "remove an unfinished snapshot", e))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// The files of a store directory that matter, as found.
struct Listing {
    conf: bool,
    db: bool,
    snapshots: Vec<PathBuf>,
    blobs: bool,
    head_file: bool,
}

fn list(path: &Path) -> Result<Listing> {
    let mut listing = Listing {
        conf: false,
        db: false,
        snapshots: Vec::new(),
        blobs: false,
        head_file: false,
    };
    let entries = fs::read_dir(path).map_err(|e| io_error(path, "read the store directory", e))?;
    for entry in entries {
        let entry = entry.map_err(|e| io_error(path, "read the store directory", e))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        match name.as_ref() {
            CONF_FILE => listing.conf = true,
            DB_FILE => listing.db = true,
            BLOBS_DIR => listing.blobs = true,
            HEAD_FILE => listing.head_file = true,
            other
                if other.starts_with(SNAPSHOT_PREFIX) && !other.ends_with(SNAPSHOT_IN_PROGRESS) =>
            {
                listing.snapshots.push(entry.path());
            }
            _ => {}
        }
    }
    Ok(listing)
}

/// Refuses a directory that sled would misread: a file it needs is missing, or one it has may not be
/// read and written by this user. A directory with none of sled's files is a new store.
pub(super) fn inspect(path: &Path) -> Result<()> {
    let found = list(path)?;
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    if found.db && !found.conf {
        return Err(damaged(format!(
            "its settings file `{CONF_FILE}` is missing (sled writes it before anything else, so \
             something removed it)"
        )));
    }
    if !found.db && (found.head_file || !found.snapshots.is_empty()) {
        return Err(damaged(format!(
            "its database file `{DB_FILE}`, which held every record and the audit log, is missing"
        )));
    }
    let mut files: Vec<PathBuf> = Vec::new();
    if found.conf {
        files.push(path.join(CONF_FILE));
    }
    if found.db {
        files.push(path.join(DB_FILE));
    }
    if found.head_file {
        files.push(path.join(HEAD_FILE));
    }
    files.extend(found.snapshots);
    for file in files {
        fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open(&file)
            .map_err(|e| io_error(&file, "open", e))?;
    }
    if found.blobs {
        let blobs = path.join(BLOBS_DIR);
        fs::read_dir(&blobs).map_err(|e| io_error(&blobs, "read", e))?;
    }
    Ok(())
}

/// One line of `survey`: a file of the store and what was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileNote {
    pub name: String,
    pub state: String,
    pub role: &'static str,
}

/// What the store directory holds, file by file, for `check` to show when the store cannot be opened.
pub fn survey(path: &Path) -> Vec<FileNote> {
    let note = |name: &str, role: &'static str| FileNote {
        name: name.to_string(),
        state: describe_file(&path.join(name)),
        role,
    };
    let mut notes = vec![
        note(CONF_FILE, "sled's settings"),
        note(DB_FILE, "sled's log: every record and the audit log"),
    ];
    let mut snapshots: Vec<String> = fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                // sled's names are `snap.` and hex digits; anything else is not shown raw.
                .filter(|name| {
                    name.starts_with(SNAPSHOT_PREFIX) && name.chars().all(|c| c.is_ascii_graphic())
                })
                .collect()
        })
        .unwrap_or_default();
    snapshots.sort();
    if snapshots.is_empty() {
        notes.push(FileNote {
            name: format!("{SNAPSHOT_PREFIX}*"),
            state: "none".into(),
            role: "sled's snapshot of where pages are in db (rebuilt from db when missing)",
        });
    }
    for name in snapshots {
        notes.push(note(
            &name,
            "sled's snapshot of where pages are in db (rebuilt from db when missing)",
        ));
    }
    notes.push(note(BLOBS_DIR, "sled's large values"));
    let mut head = note(HEAD_FILE, "jurydesk's note of the latest committed change");
    if let Some(recorded) = head_file::read(path) {
        head.state.push_str(&format!(", change #{}", recorded.seq));
    }
    notes.push(head);
    notes
}

fn describe_file(file: &Path) -> String {
    match fs::metadata(file) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => "missing".into(),
        Err(e) => format!("cannot be examined: {e}"),
        Ok(meta) if meta.is_dir() => match fs::read_dir(file) {
            Ok(entries) => format!("directory, {} file(s)", entries.count()),
            Err(e) => format!("directory that cannot be read: {e}"),
        },
        Ok(meta) => {
            let access = match fs::OpenOptions::new().read(true).write(true).open(file) {
                Ok(_) => String::new(),
                Err(e) => format!(", cannot be opened: {e}"),
            };
            format!("{} bytes{access}", meta.len())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_in_its_debugging_form_is_put_back_in_the_systems_words() {
        let copied = io::Error::other(format!("{:?}", io::Error::from_raw_os_error(6)));
        assert!(copied.to_string().starts_with("Os {"), "{copied}");
        let words = in_words(copied).to_string();
        assert!(words.contains("(os error 6)"), "{words}");
        assert!(!words.contains("Os {"), "{words}");
        let plain = io::Error::other("a plain message");
        assert_eq!(in_words(plain).to_string(), "a plain message");
    }
}
