//! Damaged stores (docs/architecture.md#the-store, issue 7 item 4): a store directory with a
//! truncated or corrupted file, a missing file, files this user may not read, or a newer schema is
//! refused with exit code 3 and a message that names the store and what to do, never with a panic,
//! and never opened as if it were whole. `check` explains what is wrong.
//!
//! The truncation and corruption cases sweep several places in the database file instead of one
//! lucky offset: every outcome must be either "refused" or "every acknowledged change is there".
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
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::TestStore;
use jurydesk::store::{Store, keys};

/// What a refusal must say beyond the store's path, per kind of damage.
const RESTORE_HINT: &str = "import backup";

fn output(store: &TestStore, args: &[&str]) -> Output {
    store.cmd().args(args).output().expect("jurydesk runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs `args` and asserts the store was refused: exit 3, nothing on stdout, no panic, the store's
/// path and `hint` in the message. Returns stderr.
fn assert_refused(store: &TestStore, args: &[&str], hint: &str) -> String {
    let out = output(store, args);
    let stderr = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{args:?} must exit 3; stderr:\n{stderr}"
    );
    assert!(out.stdout.is_empty(), "stdout: {}", text(&out.stdout));
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains(&store.path().display().to_string()),
        "the message names the store:\n{stderr}"
    );
    assert!(
        stderr.contains(hint),
        "the message says {hint:?}:\n{stderr}"
    );
    stderr
}

/// The same store refused by an ordinary command and by `check`, which also describes its directory.
fn assert_damaged(store: &TestStore, what: &str) -> String {
    let stderr = assert_refused(store, &["list", "editions"], RESTORE_HINT);
    assert!(stderr.contains("damaged"), "{stderr}");
    assert!(
        stderr.contains(what),
        "the message says {what:?}:\n{stderr}"
    );
    let checked = assert_refused(store, &["check"], RESTORE_HINT);
    assert!(checked.contains(what), "check says {what:?}:\n{checked}");
    assert!(
        checked.contains("what its directory holds") && checked.contains("conf"),
        "check lists the store's files:\n{checked}"
    );
    checked
}

fn db_file(store: &TestStore) -> PathBuf {
    store.path().join("db")
}

fn snapshots(store: &TestStore) -> Vec<PathBuf> {
    fs::read_dir(store.path())
        .expect("the store directory")
        .map(|e| e.expect("an entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("snap."))
        })
        .collect()
}

/// The length of the file up to its last non-zero byte: how much of it sled has written.
fn used_len(file: &Path) -> u64 {
    let bytes = fs::read(file).expect("read the file");
    bytes
        .iter()
        .rposition(|&b| b != 0)
        .map_or(0, |i| i as u64 + 1)
}

/// Adds a submission in a child process and SIGKILLs it as soon as it reports success, so it never
/// closes the store cleanly: the change is only in sled's log, not yet in a snapshot. Returns whether
/// the kill landed (the child may have closed the store and exited first; then it did not).
fn add_then_kill(store: &TestStore, title: &str) -> bool {
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
        .stderr(Stdio::null())
        .spawn()
        .expect("jurydesk starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("piped stdout"))
        .read_line(&mut line)
        .expect("read the child's stdout");
    let _ = child.kill();
    let status = child.wait().expect("the child's status");
    assert!(
        line.starts_with("added submission "),
        "submission add did not report success: {line:?}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        status.signal() == Some(9)
    }
    #[cfg(not(unix))]
    {
        !status.success()
    }
}

/// A demo store with three acknowledged additions, the last one killed before it closed the store.
/// Returns the store, the titles added, and the used length of `db` before the last addition.
fn store_with_a_fresh_tail() -> (TestStore, Vec<String>, u64) {
    let store = TestStore::with_demo();
    let titles: Vec<String> = (1..=3).map(|n| format!("Acknowledged No. {n}")).collect();
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        &titles[0],
    ]);
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        &titles[1],
    ]);
    // The kill must land before the child closes the store, or the "fresh tail" is not fresh (issue
    // 13: this used to be assumed). Each try that missed still added its (acknowledged) film.
    let mut titles = titles;
    for attempt in 0..20 {
        let before_last = used_len(&db_file(&store));
        if attempt > 0 {
            titles.push(format!("Acknowledged No. 3, try {attempt}"));
        }
        let title = titles.last().expect("a title").clone();
        if add_then_kill(&store, &title) {
            return (store, titles, before_last);
        }
    }
    panic!("in 20 tries the kill never landed before jurydesk closed the store");
}

/// After damage: either the store is refused (exit 3, no panic, path and fix named), or it opens with
/// every acknowledged title present and `check` passes. Returns whether it was refused.
fn refused_or_whole(store: &TestStore, titles: &[String], damage: &str) -> bool {
    let out = output(
        store,
        &[
            "list",
            "submissions",
            "--edition",
            "fajr-43",
            "--format",
            "json",
        ],
    );
    let stderr = text(&out.stderr);
    assert!(!stderr.contains("panicked"), "{damage}: {stderr}");
    match out.status.code() {
        Some(3) => {
            assert!(
                stderr.contains(&store.path().display().to_string())
                    && stderr.contains(RESTORE_HINT),
                "{damage}: the refusal names the store and the fix:\n{stderr}"
            );
            true
        }
        Some(0) => {
            let listed = text(&out.stdout);
            for title in titles {
                assert!(
                    listed.contains(title.as_str()),
                    "{damage}: the store opened without {title:?}, which was reported saved"
                );
            }
            let check = output(store, &["check"]);
            assert_eq!(
                check.status.code(),
                Some(0),
                "{damage}: opened, so check must pass: {}",
                text(&check.stderr)
            );
            false
        }
        other => panic!("{damage}: exit {other:?}, stderr:\n{stderr}"),
    }
}

// ---------------------------------------------------------------------------------------------------
// (a) truncated

#[test]
fn a_truncated_database_file_is_refused_and_check_explains() {
    let store = TestStore::with_demo();
    fs::File::options()
        .write(true)
        .open(db_file(&store))
        .expect("the db file")
        .set_len(1000)
        .expect("truncate");
    // Depending on where the cut falls, sled finds corrupted data, or reads what is left as an older
    // store (here: an empty one) that the head file shows to have lost its changes.
    // (sled rewrites the tail of its file while it reads it back, so the size `check` shows is
    // sled's, not the cut's.)
    let checked = assert_damaged(&store, "damaged");
    assert!(
        checked.contains("\n  db "),
        "check shows the db file: {checked}"
    );
}

/// The case that used to pass silently: cut inside the last commit, sled recovers the store as it
/// was before that commit, a consistent but older store. The head file catches it.
#[test]
fn a_database_cut_inside_its_latest_change_is_refused_not_opened_older() {
    let (original, titles, before_last) = store_with_a_fresh_tail();
    let after_last = used_len(&db_file(&original));
    assert!(after_last > before_last, "the last change wrote to db");
    let mut refused = 0;
    let steps = 6;
    for step in 0..steps {
        let cut = before_last + (after_last - before_last) * step / steps;
        let store = original.duplicate();
        fs::File::options()
            .write(true)
            .open(db_file(&store))
            .expect("the db file")
            .set_len(cut)
            .expect("truncate");
        let damage = format!("db cut at byte {cut} (last change {before_last}..{after_last})");
        refused += usize::from(refused_or_whole(&store, &titles, &damage));
    }
    assert!(
        refused > 0,
        "no cut inside the last change was noticed: it was lost silently"
    );
}

// ---------------------------------------------------------------------------------------------------
// (b) corrupted

#[test]
fn flipped_bytes_in_the_database_are_refused_or_harmless_never_a_panic() {
    let (original, titles, before_last) = store_with_a_fresh_tail();
    let used = used_len(&db_file(&original));
    // Across the whole written part, and densely over the latest change.
    let mut places: Vec<u64> = (0..8).map(|i| used * i / 8).collect();
    places.extend((0..4).map(|i| before_last + (used - before_last) * i / 4));
    let mut refused = 0;
    for &at in &places {
        let store = original.duplicate();
        let mut bytes = fs::read(db_file(&store)).expect("read db");
        for b in &mut bytes[at as usize..(at as usize + 8).min(used as usize)] {
            *b ^= 0xA5;
        }
        fs::write(db_file(&store), bytes).expect("write db");
        refused += usize::from(refused_or_whole(
            &store,
            &titles,
            &format!("8 bytes flipped at {at}"),
        ));
    }
    assert!(refused > 0, "no corruption was noticed at all: {places:?}");
}

#[test]
fn a_corrupted_snapshot_is_rebuilt_or_refused() {
    let (original, titles, _) = store_with_a_fresh_tail();
    let store = original.duplicate();
    for snapshot in snapshots(&store) {
        let mut bytes = fs::read(&snapshot).expect("read the snapshot");
        let (middle, end) = (bytes.len() / 2, bytes.len());
        for b in &mut bytes[middle..(middle + 16).min(end)] {
            *b ^= 0xFF;
        }
        fs::write(&snapshot, bytes).expect("write the snapshot");
    }
    refused_or_whole(&store, &titles, "a corrupted snapshot");
}

#[test]
fn a_garbled_head_file_is_rewritten_not_trusted() {
    let (original, titles, _) = store_with_a_fresh_tail();
    let store = original.duplicate();
    let head = store.path().join("jurydesk.head");
    fs::write(&head, "jurydesk store head 1\nseq 9999\nhash zz").expect("garble the head file");
    assert!(
        !refused_or_whole(&store, &titles, "a garbled head file"),
        "a cut-short head file is a crash while writing it, not damage"
    );
    let rewritten = fs::read_to_string(&head).expect("the head file");
    assert!(rewritten.contains("\nend\n"), "{rewritten}");
}

/// The database put back from an older copy (or one that lost its end some other way) is refused
/// with the way to accept it on purpose; accepting it opens the older store as it was.
#[test]
fn an_older_database_than_the_head_file_records_is_refused_until_accepted() {
    let store = TestStore::with_demo();
    let older = store.duplicate();
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        "After the Copy",
    ]);
    for file in std::iter::once(db_file(&store)).chain(snapshots(&store)) {
        fs::remove_file(file).expect("remove");
    }
    fs::copy(db_file(&older), db_file(&store)).expect("put the older db back");
    for snapshot in snapshots(&older) {
        let name = snapshot.file_name().expect("a name");
        fs::copy(&snapshot, store.path().join(name)).expect("put the older snapshot back");
    }

    let stderr = assert_damaged(&store, "lost its latest changes");
    assert!(stderr.contains("jurydesk.head"), "{stderr}");

    fs::remove_file(store.path().join("jurydesk.head")).expect("accept the older copy");
    let rows = store.submissions("fajr-43", &[]);
    assert!(rows.iter().all(|r| r["title"] != "After the Copy"));
    store.ok(&["check"]);
}

// ---------------------------------------------------------------------------------------------------
// (c) missing

#[test]
fn a_missing_database_file_is_refused_not_started_empty() {
    let store = TestStore::with_demo();
    fs::remove_file(db_file(&store)).expect("remove db");
    let checked = assert_damaged(&store, "`db`");
    assert!(checked.contains("missing"), "{checked}");
}

#[test]
fn a_missing_database_and_snapshot_are_refused_not_started_empty() {
    let store = TestStore::with_demo();
    fs::remove_file(db_file(&store)).expect("remove db");
    for snapshot in snapshots(&store) {
        fs::remove_file(snapshot).expect("remove the snapshot");
    }
    assert_damaged(&store, "`db`");
    assert!(
        !db_file(&store).exists(),
        "nothing was created in its place"
    );
}

#[test]
fn a_missing_settings_file_is_refused() {
    let store = TestStore::with_demo();
    fs::remove_file(store.path().join("conf")).expect("remove conf");
    assert_damaged(&store, "`conf`");
    assert!(
        !store.path().join("conf").exists(),
        "sled was not let near it"
    );
}

/// sled's snapshot is an index into its log, rebuilt from the log when it is missing: no change is
/// lost, so the store opens whole (this is not damage, and jurydesk does not call it damage).
#[test]
fn a_missing_snapshot_is_rebuilt_from_the_log_with_nothing_lost() {
    let (original, titles, _) = store_with_a_fresh_tail();
    let store = original.duplicate();
    let removed = snapshots(&store);
    assert!(!removed.is_empty(), "sled keeps a snapshot");
    for snapshot in removed {
        fs::remove_file(snapshot).expect("remove the snapshot");
    }
    assert!(!refused_or_whole(&store, &titles, "no snapshot"));
}

/// A snapshot sled began and never finished (a `kill -9` mid-snapshot, or a full disk: sled leaves an
/// empty `snap.<lsn>.generating`) is not damage: sled 0.34.7 would read it as the newest snapshot and
/// call the store corrupted, so jurydesk removes it at open and every acknowledged change is there
/// (issue 13, finding 1). The highest possible LSN makes it the one sled's search would pick.
#[test]
fn an_unfinished_snapshot_is_cleared_at_open_not_called_damage() {
    let (original, titles, _) = store_with_a_fresh_tail();
    for (name, contents) in [
        ("snap.7FFFFFFFFFFFFFFF.generating", &b""[..]),
        ("snap.7FFFFFFFFFFFFFFE.generating", &b"\x01\x02partial"[..]),
    ] {
        let store = original.duplicate();
        let unfinished = store.path().join(name);
        fs::write(&unfinished, contents).expect("write the unfinished snapshot");
        assert!(
            !refused_or_whole(&store, &titles, name),
            "{name}: an unfinished snapshot must not make the store refused"
        );
        assert!(!unfinished.exists(), "{name} is removed at open");
    }
}

// ---------------------------------------------------------------------------------------------------
// (d) permissions

/// Whether this test runs as root, for whom file permissions do not apply.
#[cfg(unix)]
fn running_as_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().expect("a temporary file");
    probe.as_file().metadata().expect("its metadata").uid() == 0
}

/// The unprivileged user (nobody) the refused jurydesk runs as when the test runs as root, since root
/// may read anything; otherwise it runs as the test's own user.
#[cfg(unix)]
const NOBODY: u32 = 65534;

/// Runs jurydesk on `store` as a user that the store's permissions keep out.
#[cfg(unix)]
fn run_kept_out(store: &TestStore, args: &[&str]) -> Option<Output> {
    use std::os::unix::process::CommandExt;
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_jurydesk"));
    command
        .env_remove("JURYDESK_DB")
        .arg("--db")
        .arg(store.path())
        .args(args);
    if running_as_root() {
        command.uid(NOBODY).gid(NOBODY);
    }
    match command.output() {
        Ok(out) => Some(out),
        Err(e) => {
            common::cannot_run_here(
                "damaged.rs (permissions)",
                "OTHER_USER",
                &format!("cannot run jurydesk as uid {NOBODY} here ({e})"),
            );
            None
        }
    }
}

/// Makes the store's parent directories passable for the unprivileged user when running as root
/// (temporary directories are created owner-only).
#[cfg(unix)]
fn open_the_way(store: &TestStore) {
    use std::os::unix::fs::PermissionsExt;
    if running_as_root()
        && let Some(parent) = store.path().parent()
    {
        fs::set_permissions(parent, fs::Permissions::from_mode(0o755)).expect("chmod");
    }
}

#[cfg(unix)]
fn assert_kept_out(store: &TestStore, names: &Path) {
    for args in [&["list", "editions"][..], &["check"][..]] {
        let Some(out) = run_kept_out(store, args) else {
            return;
        };
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty());
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(stderr.contains("permission denied"), "{stderr}");
        assert!(
            stderr.contains(&names.display().to_string()),
            "names {}: {stderr}",
            names.display()
        );
        assert!(stderr.contains("chmod"), "says what to do: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn a_store_directory_this_user_may_not_enter_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let store = TestStore::with_demo();
    open_the_way(&store);
    if running_as_root() {
        println!("running as root: the store is kept from uid {NOBODY} by its owner-only mode");
    } else {
        fs::set_permissions(store.path(), fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    assert_kept_out(&store, &store.path());
    fs::set_permissions(store.path(), fs::Permissions::from_mode(0o700)).expect("chmod back");
    store.ok(&["check"]);
}

#[cfg(unix)]
#[test]
fn a_database_file_this_user_may_not_read_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let store = TestStore::with_demo();
    open_the_way(&store);
    if running_as_root() {
        // The directory and everything but `db` belong to the unprivileged user; `db` stays root's.
        println!("running as root: the store is handed to uid {NOBODY}, all but its db file");
        fs::set_permissions(store.path(), fs::Permissions::from_mode(0o755)).expect("chmod");
        for entry in fs::read_dir(store.path()).expect("the store") {
            let path = entry.expect("an entry").path();
            if path != db_file(&store) {
                std::os::unix::fs::chown(&path, Some(NOBODY), Some(NOBODY)).expect("chown");
            }
        }
        std::os::unix::fs::chown(store.path(), Some(NOBODY), Some(NOBODY)).expect("chown");
    } else {
        fs::set_permissions(db_file(&store), fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    assert_kept_out(&store, &db_file(&store));
    let Some(out) = run_kept_out(&store, &["check"]) else {
        return;
    };
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("what its directory holds") && stderr.contains("cannot be opened"),
        "check shows which file: {stderr}"
    );
}

// ---------------------------------------------------------------------------------------------------
// (e) newer schema

#[test]
fn a_store_from_a_newer_jurydesk_is_refused_by_check_too_and_left_untouched() {
    let store = TestStore::with_demo();
    {
        let opened = Store::open(&store.path()).expect("the store opens");
        opened
            .raw()
            .insert(keys::meta("schema"), &99u32.to_be_bytes())
            .expect("write the schema");
        opened.raw().flush().expect("flush");
    }
    let head_before = fs::read(store.path().join("jurydesk.head")).expect("the head file");
    for args in [&["list", "editions"][..], &["check"][..], &["demo"][..]] {
        let stderr = assert_refused(&store, args, "newer jurydesk");
        assert!(stderr.contains("use a newer jurydesk"), "{stderr}");
    }
    let db = sled::open(store.path()).expect("sled opens the store");
    assert_eq!(
        db.get(keys::meta("schema")).expect("read").as_deref(),
        Some(&99u32.to_be_bytes()[..]),
        "the newer schema was not overwritten"
    );
    assert_eq!(db.scan_prefix([keys::LOG]).count(), 1, "nothing was logged");
    drop(db);
    assert_eq!(
        fs::read(store.path().join("jurydesk.head")).expect("the head file"),
        head_before
    );
}

// ---------------------------------------------------------------------------------------------------
// the way back

/// What the refusals tell the user to do works: a backup exported before the damage restores into a
/// new store with everything in it.
#[test]
fn the_advised_recovery_from_a_backup_restores_everything() {
    let store = TestStore::with_demo();
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "fajr-43",
        "--title",
        "Kept in the Backup",
    ]);
    let backup = store.path().with_file_name("backup.json");
    store.ok(&[
        "export",
        "backup",
        "--out",
        backup.to_str().expect("a UTF-8 path"),
    ]);
    fs::remove_file(db_file(&store)).expect("remove db");
    assert_damaged(&store, "`db`");

    let restored = TestStore::empty();
    restored.ok(&["import", "backup", backup.to_str().expect("a UTF-8 path")]);
    restored.ok(&["check"]);
    let titles: Vec<String> = restored
        .submissions("fajr-43", &[])
        .iter()
        .map(|r| r["title"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        titles.iter().any(|t| t == "Kept in the Backup"),
        "{titles:?}"
    );
}
