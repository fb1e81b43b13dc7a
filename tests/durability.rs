//! What the store promises beyond one command (docs/architecture.md#the-store): a change the user
//! was told about survives `kill -9`, a second jurydesk is kept out, the audit log detects
//! tampering, and `undo` takes back every kind of change while keeping the log whole.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::Stdio;

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use jurydesk::desk::Desk;
use jurydesk::store::{Store, keys};
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

/// A demo store of its own in a temporary directory, removed when the test ends.
struct TestStore {
    dir: TempDir,
}

impl TestStore {
    fn with_demo() -> Self {
        let store = TestStore {
            dir: tempfile::tempdir().expect("a temporary directory"),
        };
        store.ok(&["demo"]);
        store
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    fn run(&self, args: &[&str]) -> Assert {
        Command::cargo_bin("jurydesk")
            .expect("the jurydesk binary is built")
            .env_remove("JURYDESK_DB")
            .arg("--db")
            .arg(self.path())
            .args(args)
            .assert()
    }

    /// Runs a command that must succeed; returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let assert = self.run(args).success();
        String::from_utf8(assert.get_output().stdout.clone()).expect("stdout is UTF-8")
    }

    fn json(&self, args: &[&str]) -> Vec<Value> {
        let stdout = self.ok(args);
        match serde_json::from_str(&stdout) {
            Ok(Value::Array(rows)) => rows,
            other => panic!("expected a JSON array on stdout, got {other:?}:\n{stdout}"),
        }
    }

    fn submissions(&self, edition: &str) -> Vec<Value> {
        self.json(&[
            "list",
            "submissions",
            "--edition",
            edition,
            "--format",
            "json",
        ])
    }

    /// The listed row of the submission with this title in `edition`, if any.
    fn row(&self, edition: &str, title: &str) -> Option<Value> {
        self.submissions(edition)
            .into_iter()
            .find(|r| r["title"] == title)
    }

    fn id_of(&self, edition: &str, title: &str) -> String {
        let row = self
            .row(edition, title)
            .unwrap_or_else(|| panic!("no submission titled {title:?}"));
        row["id"].to_string()
    }

    /// The audit log, newest first.
    fn log(&self) -> Vec<Value> {
        self.json(&["log", "--format", "json"])
    }

    fn assert_sound(&self) {
        let verified = self.ok(&["log", "--verify"]);
        assert!(verified.contains("audit log intact"), "{verified}");
        let checked = self.ok(&["check"]);
        assert!(checked.contains("store is sound"), "{checked}");
    }
}

/// The id a `submission add` reported ("added submission 25: …").
fn added_id(line: &str) -> String {
    line.strip_prefix("added submission ")
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_else(|| panic!("unexpected output of submission add: {line:?}"))
        .to_string()
}

// ---------------------------------------------------------------------------------------------------
// kill -9

/// Runs `submission add` in a child process and SIGKILLs it as soon as it reports success, before it
/// can exit (and close the store) normally. Returns the id it reported and whether the kill landed
/// (rather than the child having exited on its own first).
fn add_then_kill(store: &TestStore, title: &str) -> (String, bool) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jurydesk"))
        .env_remove("JURYDESK_DB")
        .arg("--db")
        .arg(store.path())
        .args([
            "submission",
            "add",
            "--edition",
            "fajr-43",
            "--title",
            title,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jurydesk starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut line)
        .expect("read the child's stdout");
    child.kill().expect("kill the child");
    if !line.starts_with("added submission ") {
        let output = child.wait_with_output().expect("reap the child");
        panic!(
            "submission add did not report success: stdout {line:?}, stderr {:?}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let status = child.wait().expect("reap the child");
    (added_id(line.trim_end()), killed_by_signal(status))
}

#[cfg(unix)]
fn killed_by_signal(status: std::process::ExitStatus) -> bool {
    use std::os::unix::process::ExitStatusExt;
    status.signal().is_some()
}

#[cfg(not(unix))]
fn killed_by_signal(status: std::process::ExitStatus) -> bool {
    !status.success()
}

#[test]
fn an_acknowledged_submission_survives_kill_9() {
    let store = TestStore::with_demo();
    let mut kills = 0;
    for n in 1..=10 {
        let title = format!("Survivor No. {n}");
        let (id, killed) = add_then_kill(&store, &title);
        kills += usize::from(killed);
        let row = store
            .row("fajr-43", &title)
            .unwrap_or_else(|| panic!("{title:?} (submission {id}) was lost to kill -9"));
        assert_eq!(row["id"].to_string(), id);
    }
    assert!(
        kills > 0,
        "every child exited before the kill: this run tested nothing"
    );
    assert_eq!(store.log().len(), 1 + 10);
    store.assert_sound();
}

// ---------------------------------------------------------------------------------------------------
// one jurydesk at a time

#[test]
fn a_second_jurydesk_is_told_the_store_is_open_elsewhere() {
    let store = TestStore::with_demo();
    let holder = Desk::open(&store.path()).expect("the store opens");

    store
        .run(&["list", "editions"])
        .code(3)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("open in another jurydesk"))
        .stderr(predicate::str::contains(store.path().display().to_string()))
        .stderr(predicate::str::contains("panicked").not());

    drop(holder);
    store.ok(&["list", "editions"]);
}

// ---------------------------------------------------------------------------------------------------
// the audit log

#[test]
fn log_verify_passes_on_a_fresh_demo_store() {
    let store = TestStore::with_demo();
    let out = store.ok(&["log", "--verify"]);
    assert!(out.contains("audit log intact: 1 entries"), "{out}");
}

/// Flips one byte near the middle of the stored log entry `seq`.
fn tamper_with_log_entry(store: &TestStore, seq: u64) {
    let opened = Store::open(&store.path()).expect("the store opens");
    let db = opened.raw();
    let (key, value) = db
        .scan_prefix([keys::LOG])
        .map(|item| item.expect("a readable log entry"))
        .find(|(key, _)| key.as_ref() == keys::log(seq).as_slice())
        .unwrap_or_else(|| panic!("no log entry {seq}"));
    let mut bytes = value.to_vec();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    db.insert(key, bytes).expect("write the altered entry");
    db.flush().expect("flush");
}

#[test]
fn log_verify_detects_an_altered_entry() {
    let store = TestStore::with_demo();
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        "Second Entry",
    ]);
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        "Third Entry",
    ]);
    tamper_with_log_entry(&store, 2);

    let assert = store
        .run(&["log", "--verify"])
        .failure()
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("panicked").not());
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("log") && stderr.contains("entry 2"),
        "{stderr}"
    );
}

#[test]
fn check_reports_an_altered_log() {
    let store = TestStore::with_demo();
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        "Second Entry",
    ]);
    tamper_with_log_entry(&store, 2);

    store
        .run(&["check"])
        .failure()
        .stderr(predicate::str::contains("audit log"))
        .stderr(predicate::str::contains("panicked").not());
}

// ---------------------------------------------------------------------------------------------------
// undo

#[test]
fn undo_of_an_add_removes_the_submission() {
    let store = TestStore::with_demo();
    let before = store.submissions("fajr-43");
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        "Added by Mistake",
    ]);
    assert!(store.row("fajr-43", "Added by Mistake").is_some());

    let out = store.ok(&["undo"]);
    assert!(
        out.contains("undid #2") && out.contains("Added by Mistake"),
        "{out}"
    );
    assert_eq!(store.submissions("fajr-43"), before);
    store.assert_sound();
}

#[test]
fn undo_of_an_edit_restores_the_old_fields() {
    let store = TestStore::with_demo();
    let before = store.row("riff-18", "The Salt Road").unwrap();
    let id = before["id"].to_string();
    store.ok(&[
        "submission",
        "edit",
        &id,
        "--title",
        "The Sugar Road",
        "--director",
        "Someone Else",
    ]);
    let edited = store
        .row("riff-18", "The Sugar Road")
        .expect("the edit took");
    assert_eq!(edited["directors"], serde_json::json!(["Someone Else"]));

    store.ok(&["undo"]);
    assert_eq!(store.row("riff-18", "The Salt Road"), Some(before));
    assert!(store.row("riff-18", "The Sugar Road").is_none());
    store.assert_sound();
}

#[test]
fn undo_of_a_delete_brings_back_the_same_record() {
    let store = TestStore::with_demo();
    // A nominated film cannot be deleted; one without nominations can.
    let nominated = store.row("riff-18", "A House in Basra").unwrap()["id"].to_string();
    let refused = store.run(&["submission", "delete", &nominated]).code(1);
    let err = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(err.contains("nomination"), "{err}");
    let before = store.row("riff-18", "Olive Memory").unwrap();
    let id = before["id"].to_string();
    let out = store.ok(&["submission", "delete", &id]);
    assert!(out.contains(&format!("deleted submission {id}")), "{out}");
    assert!(store.row("riff-18", "Olive Memory").is_none());

    store.ok(&["undo"]);
    assert_eq!(
        store.row("riff-18", "Olive Memory"),
        Some(before),
        "same id, film and fields"
    );
    let found = store.json(&[
        "list",
        "submissions",
        "--edition",
        "riff-18",
        "--query",
        "ذاکره",
        "--format",
        "json",
    ]);
    assert_eq!(
        found.len(),
        1,
        "the restored submission is searchable again"
    );
    store.assert_sound();
}

#[test]
fn undo_of_a_status_change_restores_the_old_status() {
    let store = TestStore::with_demo();
    let id = store.id_of("riff-18", "The Radio Operator");
    store.ok(&["submission", "status", &id, "eligible"]);
    assert_eq!(
        store.row("riff-18", "The Radio Operator").unwrap()["status"],
        "eligible"
    );

    store.ok(&["undo"]);
    assert_eq!(
        store.row("riff-18", "The Radio Operator").unwrap()["status"],
        "received"
    );
    store.assert_sound();
}

#[test]
fn log_shows_the_undo_entries_and_the_chain_holds() {
    let store = TestStore::with_demo();
    let id = store.id_of("fajr-43", "Seven Winters");
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        "Fourth Wall",
    ]); // #2
    store.ok(&["submission", "status", &id, "withdrawn"]); // #3
    store.ok(&["undo"]); // #4 undoes #3
    store.ok(&["undo"]); // #5 undoes #2

    let log = store.log();
    let summary: Vec<(u64, Option<u64>)> = log
        .iter()
        .map(|e| (e["seq"].as_u64().unwrap(), e["undoes"].as_u64()))
        .collect();
    assert_eq!(
        summary,
        [(5, Some(2)), (4, Some(3)), (3, None), (2, None), (1, None)]
    );
    assert!(
        log[0]["action"].as_str().unwrap().starts_with("undo #2"),
        "{}",
        log[0]
    );
    assert!(
        log[1]["action"].as_str().unwrap().starts_with("undo #3"),
        "{}",
        log[1]
    );
    store.assert_sound();
}

#[test]
fn undo_walks_back_through_every_change_to_an_empty_store() {
    let store = TestStore::with_demo();
    let id = store.id_of("fajr-43", "Two Brothers from Abadan");
    store.ok(&["submission", "edit", &id, "--title", "Three Brothers"]);
    store.ok(&["submission", "delete", &id]);

    for expected in ["undid #3", "undid #2", "undid #1"] {
        let out = store.ok(&["undo"]);
        assert!(out.contains(expected), "{out}");
    }
    assert!(
        store
            .json(&["list", "editions", "--format", "json"])
            .is_empty()
    );
    let out = store.ok(&["undo"]);
    assert!(out.contains("nothing to undo"), "{out}");
    assert_eq!(store.log().len(), 6, "three changes and three undos");
    store.assert_sound();
}
