//! Writing a file the user names (`export … --out`, a printed document): whole or not at all.
//!
//! A regular file is written beside itself and renamed over itself, so a failed write never leaves
//! half a backup where a good one was. That is only right for a regular file: renaming over a pipe,
//! a terminal or `/dev/null` replaces it with a plain file (a reader waiting on the pipe got nothing,
//! and run as root, `--out /dev/null` turned the machine's `/dev/null` into a file). So what is not a
//! regular file is written straight into; and a symbolic link to a file keeps being a link: the file
//! it leads to is the one replaced.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `path` through `write`: into a temporary file beside the file (or beside the file a link
/// leads to), flushed to the disk and renamed over it; or, when `path` is not a regular file (a pipe,
/// a device), straight into it. On an error nothing is left behind and a file already there is as it
/// was (what went into a pipe cannot be taken back).
pub fn write_whole<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<T>,
) -> io::Result<T> {
    if let Ok(found) = std::fs::metadata(path)
        && !found.is_file()
    {
        // A directory is refused by the open itself ("Is a directory").
        let mut direct = OpenOptions::new().write(true).open(path)?;
        let written = write(&mut direct)?;
        direct.flush()?;
        return Ok(written);
    }
    let target = resolved(path);
    let temporary = temporary_beside(&target);
    let written = (|| {
        let mut partial = File::create(&temporary)?;
        let written = write(&mut partial)?;
        // On the disk before it takes the file's name: a file reported written is one.
        partial.sync_all()?;
        std::fs::rename(&temporary, &target)?;
        Ok(written)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written
}

/// The file a path leads to once its symbolic links are followed, when it exists; else the path.
fn resolved(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

fn temporary_beside(target: &Path) -> PathBuf {
    let mut name: OsString = target.as_os_str().to_owned();
    name.push(".partial");
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(path: &Path, text: &str) -> io::Result<usize> {
        write_whole(path, |w| {
            w.write_all(text.as_bytes())?;
            Ok(text.len())
        })
    }

    #[test]
    fn a_regular_file_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        written(&path, "new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, "old").unwrap();
        let failed = write_whole(&path, |w| {
            w.write_all(b"half")?;
            Err::<(), _>(io::Error::other("the source broke"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link_and_the_file_it_leads_to_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("2026-12-07.json");
        let link = dir.path().join("latest.json");
        std::fs::write(&file, "old").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        written(&link, "new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "new");
    }

    #[cfg(unix)]
    #[test]
    /// A pipe stands for every file that is not a regular one (a device such as `/dev/null`, which a
    /// test run as root must not risk replacing).
    fn a_pipe_gets_the_bytes_and_stays_a_pipe() {
        let dir = tempfile::tempdir().unwrap();
        let pipe = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&pipe)
            .status()
            .unwrap();
        assert!(made.success());
        // A reader that gives up after a while: were the pipe replaced, it would wait for ever.
        let reader = std::process::Command::new("timeout")
            .args(["30", "cat"])
            .arg(&pipe)
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        written(&pipe, "through the pipe").unwrap();
        let through = reader.wait_with_output().unwrap().stdout;
        assert_eq!(through, b"through the pipe");
        let meta = std::fs::symlink_metadata(&pipe).unwrap();
        assert!(!meta.is_file(), "the pipe was replaced by a file");
    }
}
