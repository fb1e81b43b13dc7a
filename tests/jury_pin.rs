//! A juror's jury-room PIN through the command line (issue 16 item 6): read from a file or standard
//! input, kept as a salted hash, logged as "PIN set", carried by backups, never printed.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use common::*;

const PIN: &str = "80417";

/// Every file of the store's directory, read as bytes: the PIN must be in none of them.
fn store_bytes(store: &TestStore) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in walk(&store.path()) {
        bytes.extend(std::fs::read(entry).unwrap());
    }
    bytes
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// `juror add` of Pat Pinned to the jury's edition, with `extra`.
fn add_pat<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "juror",
        "add",
        "--edition",
        JURY_EDITION,
        "--name",
        "Pat Pinned",
    ];
    args.extend_from_slice(extra);
    args
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn a_pin_set_when_seating_is_logged_as_set_and_never_in_clear() {
    let store = seated_jury();
    let pin_file = store.path().with_file_name("pin.txt");
    std::fs::write(&pin_file, format!("{PIN}\n")).unwrap();
    let out = store.ok(&add_pat(&["--pin-file", pin_file.to_str().unwrap()]));
    assert!(out.contains("jury-room PIN set"), "{out}");
    assert!(!out.contains(PIN));

    // The audit entry says "PIN set" and holds the hash, not the PIN.
    let log = store.log();
    let entry = log[0].to_string();
    assert!(entry.contains("PIN set"), "{entry}");
    assert!(!entry.contains(PIN), "{entry}");
    let text = store.ok(&["log", "--limit", "1"]);
    assert!(text.contains("PIN s") && !text.contains(PIN), "{text}");

    // Nowhere in the store's files, nor in the listing.
    assert!(!contains(&store_bytes(&store), PIN));
    let jurors = store.ok(&[
        "list",
        "jurors",
        "--edition",
        JURY_EDITION,
        "--format",
        "json",
    ]);
    assert!(!jurors.contains(PIN), "{jurors}");

    // The backup carries the salted hash (and only it), and a restored store keeps it.
    let backup = store.ok(&["export", "backup"]);
    assert!(!backup.contains(PIN));
    assert!(
        backup.contains("\"pin\": \"$argon2id$"),
        "the hash is in the backup"
    );
    let file = store.path().with_file_name("backup.json");
    std::fs::write(&file, &backup).unwrap();
    let restored = TestStore::empty();
    restored.ok(&["import", "backup", file.to_str().unwrap()]);
    assert_eq!(restored.ok(&["export", "backup"]), backup);
    restored.ok(&["check"]);
}

#[test]
fn a_pin_comes_from_standard_input_can_be_changed_and_removed() {
    let store = seated_jury();
    store
        .cmd()
        .args([
            "juror",
            "pin",
            "--edition",
            JURY_EDITION,
            "--juror",
            "Mo Member",
            "--pin-file",
            "-",
        ])
        .write_stdin("۱۲۳۴\n")
        .assert()
        .success();
    let log = store.log();
    assert!(
        log[0]
            .to_string()
            .contains("juror pin Mo Member in test-1: PIN set")
    );
    let remove = [
        "juror",
        "pin",
        "--edition",
        JURY_EDITION,
        "--juror",
        "Mo Member",
        "--remove",
    ];
    let out = store.ok(&remove);
    assert!(out.contains("PIN is removed"), "{out}");
    let err = store.fails(1, &remove);
    assert!(err.contains("has no PIN"), "{err}");
    // `undo` takes the removal back.
    store.ok(&["undo"]);
    store.ok(&["check"]);
}

#[test]
fn a_bad_pin_is_refused_before_anything_is_written() {
    let store = seated_jury();
    let before = store.log().len();
    let pin_file = store.path().with_file_name("pin.txt");
    for (bad, why) in [
        ("12\n", "2 digits"),
        ("12a4\n", "4 to 12 digits"),
        ("\n", "the first line is empty"),
    ] {
        std::fs::write(&pin_file, bad).unwrap();
        let err = store.fails(1, &add_pat(&["--pin-file", pin_file.to_str().unwrap()]));
        assert!(err.contains(why), "{bad:?}: {err}");
        assert!(!err.contains("12a4"), "the PIN is not echoed: {err}");
    }
    let err = store.fails(1, &add_pat(&["--pin-file", "/nonexistent/pin.txt"]));
    assert!(
        err.contains("/nonexistent/pin.txt: cannot be read"),
        "{err}"
    );
    assert_eq!(store.log().len(), before, "nothing was written");
    // On the command line itself a PIN is not accepted (it would stay in the shell's history).
    store.fails(2, &add_pat(&["--pin", "1234"]));
}
