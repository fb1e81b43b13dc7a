//! The harness the command-line tests share: a store in a temporary directory and the real binary.
#![allow(dead_code)]

pub mod deadline;
pub mod faulted;
#[cfg(unix)]
pub mod pty;
#[cfg(target_os = "linux")]
pub mod tmpfs;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

pub const STORY_TITLE: &str = "North from South West";

/// A store of its own in a temporary directory, removed when the test ends.
pub struct TestStore {
    dir: TempDir,
}

impl TestStore {
    /// A store that does not exist yet (jurydesk creates it on first use).
    pub fn empty() -> Self {
        TestStore {
            dir: tempfile::tempdir().expect("a temporary directory"),
        }
    }

    /// A store with one festival `code` named `name` and its first edition, `<code>-1` (2025).
    pub fn with_one_edition(code: &str, name: &str) -> Self {
        let store = TestStore::empty();
        store.ok(&["festival", "add", "--code", code, "--name", name]);
        store.ok(&[
            "edition",
            "add",
            "--festival",
            code,
            "--number",
            "1",
            "--year",
            "2025",
        ]);
        store
    }

    /// A store holding the demo festivals.
    pub fn with_demo() -> Self {
        let store = TestStore::empty();
        store.ok(&["demo"]);
        store
    }

    pub fn path(&self) -> PathBuf {
        self.dir.path().join("store")
    }

    /// A copy of this store's directory, in a temporary directory of its own. The store must not be
    /// open (in this process or a child) while it is copied.
    pub fn duplicate(&self) -> Self {
        let copy = TestStore::empty();
        copy_dir(&self.path(), &copy.path());
        copy
    }

    /// `jurydesk --db <store>`, ignoring any `JURYDESK_DB` of the environment the tests run in.
    pub fn cmd(&self) -> Command {
        let mut cmd = jurydesk();
        cmd.arg("--db").arg(self.path());
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Assert {
        self.cmd().args(args).assert()
    }

    /// `ballot set` of a ranking (nominees by number, title or label, `>` between them); must succeed.
    pub fn rank(&self, edition: &str, category: &str, juror: &str, ranking: &str) -> String {
        self.ok(&[
            "ballot",
            "set",
            "--edition",
            edition,
            "--category",
            category,
            "--juror",
            juror,
            "--rank",
            ranking,
        ])
    }

    /// The demo with Javad Karimi's riff-18 Grand Prize ballot entered (A House in Basra first), the
    /// one ballot the demo leaves missing there: the count is complete, its result unchanged, so an
    /// award may follow from it (docs/counting.md#provisional-counts).
    pub fn with_demo_grand_prize_complete() -> Self {
        let store = TestStore::with_demo();
        store.rank("riff-18", "Grand Prize", "Javad Karimi", "A House in Basra");
        store
    }

    /// Moves the demo's 43rd Fajr to `calendar`, with `more` options of `edition edit` (dates typed
    /// in that calendar, a place…).
    pub fn edit_fajr_43(&self, calendar: &str, more: &[&str]) -> String {
        let mut args = vec![
            "edition",
            "edit",
            "--festival",
            "fajr",
            "--number",
            "43",
            "--year",
            "2025",
            "--calendar",
            calendar,
        ];
        args.extend_from_slice(more);
        self.ok(&args)
    }

    /// Runs a command that must succeed; returns its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        stdout_of(self.run(args).success())
    }

    /// Runs a command that must fail with `code`, print nothing on stdout, and not panic; returns stderr.
    pub fn fails(&self, code: i32, args: &[&str]) -> String {
        let assert = self
            .run(args)
            .code(code)
            .stdout(predicate::str::is_empty())
            .stderr(predicate::str::contains("panicked").not());
        String::from_utf8(assert.get_output().stderr.clone()).expect("stderr is UTF-8")
    }

    /// Runs a `--format json` command; stdout must be one JSON document and nothing else.
    pub fn json(&self, args: &[&str]) -> Value {
        let stdout = self.ok(args);
        serde_json::from_str(&stdout)
            .unwrap_or_else(|e| panic!("stdout is not one JSON document ({e}):\n{stdout}"))
    }

    /// `list submissions --edition E --format json` plus `extra`, as an array of rows.
    pub fn submissions(&self, edition: &str, extra: &[&str]) -> Vec<Value> {
        let mut args = vec![
            "list",
            "submissions",
            "--edition",
            edition,
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        array(self.json(&args))
    }

    pub fn editions(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["list", "editions", "--format", "json"];
        args.extend_from_slice(extra);
        array(self.json(&args))
    }

    pub fn log(&self) -> Vec<Value> {
        array(self.json(&["log", "--format", "json"]))
    }
}

/// The path of a file under `tests/fixtures/`, as a string for a command's arguments.
pub fn fixture_file(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

pub fn jurydesk() -> Command {
    let mut cmd = Command::cargo_bin("jurydesk").expect("the jurydesk binary is built");
    cmd.env_remove("JURYDESK_DB");
    cmd
}

pub fn stdout_of(assert: Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("stdout is UTF-8")
}

pub fn array(value: Value) -> Vec<Value> {
    match value {
        Value::Array(rows) => rows,
        other => panic!("expected a JSON array, got {other}"),
    }
}

pub fn titles(rows: &[Value]) -> Vec<&str> {
    rows.iter()
        .map(|r| r["title"].as_str().expect("a title"))
        .collect()
}

pub fn find<'a>(rows: &'a [Value], title: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["title"] == title)
        .unwrap_or_else(|| panic!("no row titled {title:?} in {:?}", titles(rows)))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the copy's directory");
    for entry in std::fs::read_dir(from).expect("read the directory") {
        let entry = entry.expect("a directory entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("a file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// The edition `seated_jury` makes.
pub const JURY_EDITION: &str = "test-1";

/// The edition `test-1` of a festival `test`, with three films (Alpha, Beta, Gamma); "Best Film" (the
/// default method, Schulze) with all three nominated; "Best Director" (a person category, plurality)
/// with Ada Director (for Alpha) nominated; and a president (Pia President), a member (Mo Member) and
/// an observer (Oz Observer). No ballots: the jury tests each enter their own.
pub fn seated_jury() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "test", "--name", "Test"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "test",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    for title in ["Alpha", "Beta", "Gamma"] {
        store.ok(&[
            "submission",
            "add",
            "--edition",
            JURY_EDITION,
            "--title",
            title,
        ]);
    }
    store.ok(&[
        "category",
        "add",
        "--edition",
        JURY_EDITION,
        "--name",
        "Best Film",
    ]);
    store.ok(&[
        "category",
        "add",
        "--edition",
        JURY_EDITION,
        "--name",
        "Best Director",
        "--kind",
        "person",
        "--method",
        "plurality",
    ]);
    for title in ["Alpha", "Beta", "Gamma"] {
        store.ok(&[
            "nominate",
            "--edition",
            JURY_EDITION,
            "--category",
            "Best Film",
            "--submission",
            title,
        ]);
    }
    store.ok(&[
        "nominate",
        "--edition",
        JURY_EDITION,
        "--category",
        "Best Director",
        "--submission",
        "Alpha",
        "--person",
        "Ada Director",
    ]);
    for (name, role) in [
        ("Pia President", "president"),
        ("Mo Member", "member"),
        ("Oz Observer", "observer"),
    ] {
        store.ok(&[
            "juror",
            "add",
            "--edition",
            JURY_EDITION,
            "--name",
            name,
            "--role",
            role,
        ]);
    }
    store
}

/// A test that cannot do what it is for on this machine (no root to mount a tmpfs, no way to run as
/// another user). Under CI (`CI` set) that fails the run, since CI runs as root and must run every
/// such test; `JURYDESK_SKIP_<what>=1` skips it knowingly. Elsewhere the test is skipped, saying so on
/// the terminal itself, since the harness hides what a passing test prints.
pub fn cannot_run_here(test: &str, what: &str, message: &str) {
    use std::io::Write as _;
    let knowingly = format!("JURYDESK_SKIP_{what}");
    if std::env::var_os("CI").is_some() && std::env::var_os(&knowingly).is_none() {
        panic!("{test}: {message}; set {knowingly}=1 to skip it knowingly");
    }
    let notice = format!("\n*** {test} SKIPPED: {message} ***\n");
    match std::fs::OpenOptions::new().write(true).open("/dev/tty") {
        Ok(mut tty) => {
            let _ = tty.write_all(notice.as_bytes());
        }
        Err(_) => eprintln!("{notice}"),
    }
}

impl TestStore {
    /// An edition `iss-1` with films A–D nominated in one irv category named `name` with `chain`, and one
    /// juror per ballot in `groups` (how many, ranking).
    pub fn irv_case(name: &str, chain: &[&str], groups: &[(usize, &str)]) -> TestStore {
        let store = TestStore::empty();
        store.ok(&[
            "festival",
            "add",
            "--code",
            "iss",
            "--name",
            "Issue Fourteen",
        ]);
        store.ok(&[
            "edition",
            "add",
            "--festival",
            "iss",
            "--number",
            "1",
            "--year",
            "2026",
        ]);
        for film in ["A", "B", "C", "D"] {
            store.ok(&["submission", "add", "--edition", "iss-1", "--title", film]);
        }
        let mut add = vec![
            "category",
            "add",
            "--edition",
            "iss-1",
            "--name",
            name,
            "--method",
            "irv",
        ];
        for rule in chain {
            add.extend(["--tie-break", rule]);
        }
        store.ok(&add);
        for film in ["A", "B", "C", "D"] {
            store.ok(&[
                "nominate",
                "--edition",
                "iss-1",
                "--category",
                name,
                "--submission",
                film,
            ]);
        }
        let mut k = 0;
        for &(times, ranking) in groups {
            for _ in 0..times {
                k += 1;
                let juror = format!("Juror {k}");
                store.ok(&["juror", "add", "--edition", "iss-1", "--name", &juror]);
                store.rank("iss-1", name, &juror, ranking);
            }
        }
        store
    }
}
