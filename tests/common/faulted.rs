//! What the fault tests (`full_disk.rs`, `faults.rs`) share: the real binary run with a deadline, and
//! the checks every run must pass whatever failed under it (docs/architecture.md#faults).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use super::TestStore;

pub const BIN: &str = env!("CARGO_BIN_EXE_jurydesk");
/// Longer than any of these commands takes on a loaded machine; a run past it is a hang.
pub const DEADLINE: Duration = Duration::from_secs(90);

/// Runs jurydesk with a deadline; a run past it is killed and fails the test as a hang.
pub fn run(db: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    command
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JURYDESK_DB");
    super::deadline::output_within(command, DEADLINE, &format!("jurydesk {args:?}"))
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A change either succeeds (`true`) or is refused with exit 3 and a message holding one of `words`
/// (`false`); a panic, Rust's debugging form of an error or any other exit fails the test.
pub fn saved_or_refused_in_words(out: &Output, what: &str, words: &[&str]) -> bool {
    let text = stderr(out);
    assert!(!text.contains("panicked"), "{what}: {text}");
    assert!(!text.contains("Os {"), "{what}: a raw error: {text}");
    match out.status.code() {
        Some(0) => true,
        Some(3) => {
            assert!(
                words.iter().any(|w| text.contains(w)),
                "{what}: the message says what happened ({words:?}): {text}"
            );
            false
        }
        other => panic!("{what}: exit {other:?}: {text}"),
    }
}

/// Once the fault is gone: the store opens with no manual step, is sound, and no unfinished sled
/// snapshot is left behind.
pub fn assert_sound(db: &Path, what: &str) {
    let out = run(db, &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{what}: check afterwards: {}",
        stderr(&out)
    );
    assert!(
        !db.read_dir()
            .expect("the store")
            .flatten()
            .any(|e| e.file_name().to_string_lossy().ends_with(".generating")),
        "{what}: an unfinished snapshot was left behind after the open"
    );
}

/// The audit log's latest entry number; `None` where there is no store or an empty log.
pub fn head_seq(db: &Path) -> Option<u64> {
    if !db.exists() {
        return None;
    }
    let out = run(db, &["log", "--format", "json", "--limit", "1"]);
    assert_eq!(out.status.code(), Some(0), "log: {}", stderr(&out));
    let entries: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    entries[0]["seq"].as_u64()
}

/// The titles of an edition's submissions.
pub fn titles_in(db: &Path, edition: &str) -> Vec<String> {
    let out = run(
        db,
        &[
            "list",
            "submissions",
            "--edition",
            edition,
            "--format",
            "json",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    rows.as_array()
        .expect("an array")
        .iter()
        .filter_map(|r| r["title"].as_str().map(str::to_string))
        .collect()
}

/// A copy of `template`'s store at `into/store`.
pub fn copy_of(template: &TestStore, into: &Path) -> PathBuf {
    let db = into.join("store");
    let status = Command::new("cp")
        .arg("-a")
        .arg(template.path())
        .arg(&db)
        .status()
        .expect("cp runs");
    assert!(status.success(), "copy the demo store");
    db
}
