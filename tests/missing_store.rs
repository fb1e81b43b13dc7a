//! A mistyped store path (README.md#command-line, docs/architecture.md#durability-and-the-lock; issue
//! 13 findings 6 and 9): commands that only read, or that change records which must already exist,
//! never create a store — they exit 3 with "no jurydesk store" and leave nothing behind; a path
//! that is a file or a directory of other files is refused; and a store made inside a directory
//! that already existed is owner-only (0700, files 0600).
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::fs;

use common::TestStore;

/// Commands that must not create a store where there is none.
const READERS: &[&[&str]] = &[
    &["check"],
    &["list", "editions"],
    &["list", "submissions", "--edition", "fajr-43"],
    &["export", "backup"],
    &["log", "--verify"],
    &["tally", "--edition", "fajr-43"],
    &["palmares", "--edition", "fajr-43", "--check"],
    &["undo"],
    &["import", "oscars", "nothing.csv", "--dry-run"],
];

#[test]
fn a_command_that_only_reads_never_creates_a_store() {
    for args in READERS {
        let store = TestStore::empty();
        let out = store.cmd().args(*args).output().expect("jurydesk runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: exit 3; {stderr}");
        assert!(
            stderr.contains("no jurydesk store") && stderr.contains("nothing was created"),
            "{args:?}: says there is no store: {stderr}"
        );
        assert!(out.stdout.is_empty(), "{args:?}: nothing on stdout");
        assert!(
            !store.path().exists(),
            "{args:?}: created {:?}",
            store.path()
        );
    }
}

#[test]
fn commands_that_start_a_store_still_create_one() {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "fajr", "--name", "Fajr"]);
    store.ok(&["check"]);
}

#[test]
fn a_path_that_is_a_file_or_a_directory_of_other_files_is_refused() {
    let store = TestStore::empty();
    fs::write(store.path(), "not a store").expect("a file");
    let stderr = store.fails(3, &["demo"]);
    assert!(
        stderr.contains("is a file, not a store directory"),
        "{stderr}"
    );

    let other = TestStore::empty();
    fs::create_dir(other.path()).expect("a directory");
    fs::write(other.path().join("thesis.odt"), "mine").expect("a file");
    let stderr = other.fails(3, &["demo"]);
    assert!(stderr.contains("other files in it"), "{stderr}");
    assert_eq!(
        fs::read_dir(other.path()).expect("the directory").count(),
        1,
        "nothing was added beside the user's file"
    );
}

#[cfg(unix)]
#[test]
fn a_store_made_in_an_existing_directory_is_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let store = TestStore::empty();
    fs::create_dir(store.path()).expect("a directory");
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o755)).expect("chmod 755");
    store.ok(&["demo"]);
    store.ok(&["list", "editions"]);
    let mode =
        |p: &std::path::Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&store.path()), 0o700, "the directory is owner-only");
    for entry in fs::read_dir(store.path()).expect("the store") {
        let path = entry.expect("an entry").path();
        if path.is_file() {
            assert_eq!(mode(&path) & 0o077, 0, "{path:?} is readable by others");
        }
    }
}

#[test]
fn without_a_home_directory_the_default_store_is_not_put_in_the_current_directory() {
    let dir = tempfile::tempdir().expect("a directory");
    let out = common::jurydesk()
        .env_remove("HOME")
        .env_remove("XDG_DATA_HOME")
        .current_dir(dir.path())
        .args(["list", "editions"])
        .output()
        .expect("jurydesk runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // With no HOME the passwd entry may still give one (then the store is simply missing: exit 3);
    // (or a store the machine's user already has there: exit 0); either way nothing is created in the current directory.
    assert!(
        matches!(out.status.code(), Some(0 | 2 | 3)),
        "no panic, no other failure: {stderr}"
    );
    assert_eq!(
        fs::read_dir(dir.path()).expect("the directory").count(),
        0,
        "nothing created in the current directory"
    );
}

/// `config` is about the desk's settings: it needs no store, opens none and creates none, and prints
/// the settings with their defaults (stdout) after saying where the file is (stderr).
#[test]
fn config_needs_no_store_and_prints_the_settings() {
    let dir = tempfile::tempdir().expect("a directory");
    let db = dir.path().join("no-store-here");
    let out = common::jurydesk()
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .arg("--db")
        .arg(&db)
        .arg("config")
        .output()
        .expect("jurydesk runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("settings file: "), "{stderr}");
    assert!(stdout.contains("rtl = "), "{stdout}");
    assert!(!db.exists(), "no store was created");
}
