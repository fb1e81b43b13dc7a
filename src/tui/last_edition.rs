//! The edition the desk was last left on, per store, so that the next start opens where the
//! secretary stopped rather than on the first edition of the list. It is kept outside the store, in
//! a small JSON file in the platform's state directory: which edition was on the screen is a habit
//! of this desk, not a fact of the festival, and must never reach the audit log or a backup. A
//! missing, unreadable or stale entry is simply not used; failing to write it never stops the desk.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How many stores are remembered; the oldest are forgotten first.
const REMEMBERED: usize = 32;

/// One store and the code of the edition it was left on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    store: PathBuf,
    edition: String,
}

/// The state file: `~/.local/state/jurydesk/last-editions.json` on Linux.
pub fn default_path() -> PathBuf {
    crate::paths::desk_state_dir().join("last-editions.json")
}

/// The code of the edition the desk was last left on over `store`, if it is remembered.
pub fn recall(file: &Path, store: &Path) -> Option<String> {
    let store = canonical(store);
    read(file)
        .into_iter()
        .find(|entry| entry.store == store)
        .map(|entry| entry.edition)
}

/// Remembers that the desk over `store` was left on `edition`, most recent first.
pub fn remember(file: &Path, store: &Path, edition: &str) -> std::io::Result<()> {
    let store = canonical(store);
    let mut entries = read(file);
    entries.retain(|entry| entry.store != store);
    entries.insert(
        0,
        Entry {
            store,
            edition: edition.to_string(),
        },
    );
    entries.truncate(REMEMBERED);
    let json = serde_json::to_vec_pretty(&entries).map_err(std::io::Error::other)?;
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written whole beside the file and renamed over it: a desk killed half-way leaves the old file.
    // The partial file is this process's own, so two desks (over two stores) never write one file.
    let partial = file.with_extension(format!("json.{}.partial", std::process::id()));
    std::fs::write(&partial, json)?;
    std::fs::rename(&partial, file)
}

/// The same store however it was named (`./store`, `store/`, a symbolic link).
fn canonical(store: &Path) -> PathBuf {
    std::fs::canonicalize(store).unwrap_or_else(|_| store.to_path_buf())
}

/// The entries of `file`; nothing when it is missing or not what this module writes.
fn read(file: &Path) -> Vec<Entry> {
    std::fs::read(file)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_store_remembers_its_own_edition_and_the_latest_wins() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("state").join("last-editions.json");
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir_all(&a).expect("a");
        std::fs::create_dir_all(&b).expect("b");
        assert_eq!(recall(&file, &a), None, "nothing remembered yet");
        remember(&file, &a, "fajr-43").expect("written");
        remember(&file, &b, "riff-18").expect("written");
        remember(&file, &a.join("."), "basirah-1").expect("written");
        assert_eq!(recall(&file, &a).as_deref(), Some("basirah-1"));
        assert_eq!(recall(&file, &b).as_deref(), Some("riff-18"));
        assert_eq!(read(&file).len(), 2, "one entry per store");
    }

    #[test]
    fn a_damaged_file_is_ignored_and_then_replaced() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("last-editions.json");
        std::fs::write(&file, b"{ not json").expect("written");
        assert_eq!(recall(&file, dir.path()), None);
        remember(&file, dir.path(), "fajr-43").expect("written");
        assert_eq!(recall(&file, dir.path()).as_deref(), Some("fajr-43"));
    }

    #[test]
    fn only_the_latest_stores_are_kept() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("last-editions.json");
        for n in 0..REMEMBERED + 5 {
            remember(&file, &dir.path().join(format!("store-{n}")), "e").expect("written");
        }
        assert_eq!(read(&file).len(), REMEMBERED);
        assert_eq!(recall(&file, &dir.path().join("store-0")), None);
    }
}
