//! A small disk of its own for a test: a tmpfs mounted on a temporary directory, which the test can
//! fill to leave a chosen number of bytes free. Mounting needs root (CI runs as root); where it cannot
//! mount, `mount` says so through `cannot_run_here` and gives `None`: never a silent pass.

use std::fs::{self, File};
use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

/// A tmpfs of its own, unmounted when dropped.
pub struct Tmpfs {
    _dir: tempfile::TempDir,
    pub mount: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `megabytes`; `None` (with the reason printed) where that is not possible
    /// and the environment allows skipping.
    pub fn mount(test: &str, megabytes: u32) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().expect("a directory to mount on");
        let mount = dir.path().join("disk");
        fs::create_dir(&mount).expect("the mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m"), "tmpfs"])
            .arg(&mount)
            .output();
        let why = match out {
            Ok(out) if out.status.success() => {
                return Some(Tmpfs { _dir: dir, mount });
            }
            Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
            Err(e) => e.to_string(),
        };
        let message = format!(
            "cannot mount a tmpfs to fill a disk ({}); the full-disk tests need root (CI runs as root)",
            why.trim()
        );
        super::cannot_run_here(test, "TMPFS", &message);
        None
    }

    /// Fills the disk, then frees `leave` bytes (rounded to pages by tmpfs).
    pub fn fill_leaving(&self, leave: u64) {
        let path = self.filler();
        let mut file = File::create(&path).expect("the filler file");
        let chunk = vec![0u8; 64 * 1024];
        loop {
            match file.write(&chunk) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
        let _ = file.flush();
        let len = file.metadata().expect("the filler's size").len();
        file.set_len(len.saturating_sub(leave))
            .expect("free the bytes to leave");
    }

    pub fn free(&self) {
        let _ = fs::remove_file(self.filler());
    }

    fn filler(&self) -> PathBuf {
        self.mount.join("filler")
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.mount).status();
    }
}
