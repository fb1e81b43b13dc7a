//! The compaction's dealings with the filesystem: the atomic exchange of two directories, free space,
//! waiting for a closed sled to let go of its files, and making a directory tree durable.

use std::fs::{self, File};
use std::io;
use std::path::Path;
use std::time::Duration;

use crate::store::directory::io_error;
use crate::store::{Result, StoreError};

/// How long to wait for a closed sled's background threads to let go of its files.
const LET_GO: Duration = Duration::from_secs(20);

/// Exchanges two directories in one step: at no moment is either path missing.
#[cfg(target_os = "linux")]
pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
pub(super) fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(
        io::ErrorKind::Unsupported,
        "not available on this system",
    ))
}

/// Bytes free for this user on the disk holding `path`.
#[cfg(unix)]
pub(super) fn free_space(path: &Path) -> Option<u64> {
    let stat = rustix::fs::statvfs(path).ok()?;
    Some(stat.f_bavail.saturating_mul(stat.f_frsize))
}

#[cfg(not(unix))]
pub(super) fn free_space(_: &Path) -> Option<u64> {
    None
}

/// Waits until no sled has the database at `dir` open (its background threads keep its lock on `db`
/// for a moment after its last handle is dropped): it then finds its files by path no more.
pub(super) fn wait_until_closed(dir: &Path) -> Result<()> {
    let db = dir.join("db");
    let file = File::open(&db).map_err(|e| io_error(&db, "open", e))?;
    let mut waited = Duration::ZERO;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) if waited < LET_GO => {
                let pause = Duration::from_millis(10);
                std::thread::sleep(pause);
                waited += pause;
            }
            Err(fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: dir.to_path_buf(),
                });
            }
            Err(fs::TryLockError::Error(e)) => return Err(io_error(&db, "lock", e)),
        }
    }
}

/// Makes the directory, which must not exist yet, owner-only.
pub(super) fn create_new_private_dir(path: &Path) -> Result<()> {
    let mut builder = fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(path)
        .map_err(|e| io_error(path, "create the compacted copy", e))
}

/// Removes a directory and everything in it. sled's threads may still be finishing a file in it a
/// moment after a failure, so a directory that is not empty yet is tried again.
pub(super) fn remove_dir(path: &Path) -> io::Result<()> {
    let mut tries = 0;
    loop {
        match fs::remove_dir_all(path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) if e.kind() == io::ErrorKind::DirectoryNotEmpty && tries < 50 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(e),
        }
    }
}

/// The size of every file under `path`, in bytes.
pub(super) fn size_of(path: &Path) -> u64 {
    let Ok(entries) = fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => size_of(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Makes every file and directory under `dir`, and `dir` itself, durable: the copy must be whole on
/// disk before it takes the store's place.
pub(super) fn sync_tree(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            sync_tree(&entry.path())?;
        } else {
            File::open(entry.path())?.sync_all()?;
        }
    }
    sync_dir(dir)
}

pub(super) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Bytes as a person reads them: "1.9 GB", "640.0 MB", "12 KB".
pub fn in_units(bytes: u64) -> String {
    const UNITS: [(&str, f64); 3] = [("GB", 1e9), ("MB", 1e6), ("KB", 1e3)];
    for (unit, size) in UNITS {
        if bytes as f64 >= size {
            return format!("{:.1} {unit}", bytes as f64 / size);
        }
    }
    format!("{bytes} bytes")
}
