//! `jurydesk compact` and the compaction an upgrade does by itself (docs/architecture.md, "The store";
//! issue 17): nothing a user can read changes (the backup byte for byte, `check`, `log --verify`, the
//! log), a store another jurydesk has open is refused, a compaction stopped at any step leaves a whole
//! store and the next one cleans up, and a disk without room leaves the store as it was.
#![cfg(target_os = "linux")]
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
use std::path::Path;
use std::process::Output;

use common::TestStore;
use common::faulted::{self, run, stderr};
use common::tmpfs::Tmpfs;
use jurydesk::desk::Desk;
use jurydesk::store::Store;

/// What a user can read of a store: the backup, the log, its verification and `check`.
#[derive(PartialEq)]
struct Readable {
    backup: Vec<u8>,
    log: String,
    verify: String,
    check: String,
}

/// Which parts differ, not the whole backup.
impl std::fmt::Debug for Readable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Readable")
            .field("backup", &format!("{} bytes", self.backup.len()))
            .field("log", &format!("{} bytes", self.log.len()))
            .field("verify", &self.verify)
            .field("check", &self.check)
            .finish()
    }
}

fn readable(db: &Path) -> Readable {
    let out = |args: &[&str]| {
        let out = run(db, args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        out.stdout
    };
    let text = |args: &[&str]| String::from_utf8(out(args)).unwrap();
    Readable {
        backup: out(&["export", "backup"]),
        log: text(&["log", "--format", "json"]),
        verify: text(&["log", "--verify"]),
        check: text(&["check"]),
    }
}

/// What the directory holding the store holds, by name.
fn beside(db: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(db.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The demo store with an import and its undo: a store with freed space in it.
fn demo_with_history() -> TestStore {
    let store = TestStore::with_demo();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("more.csv");
    let mut text = String::from(
        "Submission ID,Project Title,Directors,Duration,Country of Origin,Submission Status,Judging Status,Submission Notes\n",
    );
    for i in 0..300 {
        text.push_str(&format!(
            "{},Compacted Film {i},Director {},1:{:02}:00,Iran,In Consideration,Undecided,\n",
            800_000 + i,
            i % 37,
            i % 60
        ));
    }
    fs::write(&csv, text).unwrap();
    store.ok(&[
        "import",
        "filmfreeway",
        csv.to_str().unwrap(),
        "--edition",
        "fajr-43",
    ]);
    store.ok(&["undo"]);
    store
}

fn compact(db: &Path) -> Output {
    run(db, &["compact"])
}

#[test]
fn compact_changes_nothing_a_user_can_read_and_says_what_it_did() {
    let store = demo_with_history();
    let db = store.path();
    let before = readable(&db);
    let out = compact(&db);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        said.starts_with(&format!("compacted {}: ", db.display())) && said.contains(" -> "),
        "{said}"
    );
    assert_eq!(stderr(&out), "", "nothing to warn about");
    assert_eq!(readable(&db), before, "backup, log, log --verify and check");
    assert_eq!(beside(&db), ["store"], "nothing left beside the store");
    // Again, on a store just compacted.
    assert!(compact(&db).status.success());
    assert_eq!(readable(&db), before);
}

#[test]
fn compact_explains_itself_in_its_help() {
    let out = common::jurydesk()
        .args(["compact", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for words in ["free space", "no entry is added", "exit code 3", "swaps"] {
        assert!(help.contains(words), "{words}: {help}");
    }
}

#[test]
fn compact_refuses_a_store_another_jurydesk_has_open() {
    let store = TestStore::with_demo();
    let before = readable(&store.path());
    let holder = Desk::open(&store.path()).unwrap();
    let said = store.fails(3, &["compact"]);
    assert!(said.contains("open in another jurydesk"), "{said}");
    drop(holder);
    assert_eq!(beside(&store.path()), ["store"]);
    assert_eq!(readable(&store.path()), before);
}

#[test]
fn compact_creates_no_store_where_there_is_none() {
    let store = TestStore::empty();
    let said = store.fails(3, &["compact"]);
    assert!(said.contains("there is no jurydesk store"), "{said}");
    assert!(!store.path().exists());
}

/// The steps a compaction can be stopped after (`store::compact::Step`), as `kill -9` would stop it.
const STEPS: [&str; 6] = [
    "copying",
    "copied",
    "verified",
    "exchanged",
    "renamed",
    "removing",
];

#[test]
fn a_compaction_killed_at_any_step_leaves_a_whole_store_and_the_next_one_cleans_up() {
    let template = demo_with_history();
    let expected = readable(&template.path());
    for step in STEPS {
        let store = template.duplicate();
        let db = store.path();
        let out = store
            .cmd()
            .arg("compact")
            .env(jurydesk::store::TEST_STOP_VAR, step)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(137), "{step}: {}", stderr(&out));
        assert!(beside(&db).len() > 1, "{step}: something is left beside it");
        // The next open works on a whole store and says what is left, truly.
        let listed = run(&db, &["list", "editions"]);
        assert!(listed.status.success(), "{step}: {}", stderr(&listed));
        let said = stderr(&listed);
        assert!(
            said.contains("the store itself is whole")
                && said.contains("`jurydesk compact` removes it"),
            "{step}: {said}"
        );
        assert_eq!(readable(&db), expected, "{step}");
        let out = compact(&db);
        assert!(out.status.success(), "{step}: {}", stderr(&out));
        assert_eq!(beside(&db), ["store"], "{step}");
        assert_eq!(readable(&db), expected, "{step}");
        let listed = run(&db, &["list", "editions"]);
        assert_eq!(stderr(&listed), "", "{step}: nothing more to say");
    }
}

/// The demo store with history laid out as schema 11 kept it, and what could be read of it before.
fn schema_11_demo() -> (TestStore, Readable) {
    let store = demo_with_history();
    let before = readable(&store.path());
    let db = Store::open(&store.path()).unwrap();
    jurydesk::store::testing::lay_out_as_schema_11(db.raw()).unwrap();
    (store, before)
}

#[test]
fn an_upgrade_that_moved_the_layout_compacts_the_store_and_says_so() {
    let (store, expected) = schema_11_demo();
    let db = store.path();
    let out = run(&db, &["list", "editions"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stderr(&out);
    assert!(
        said.contains(
            "written by an older jurydesk (schema 11) and was upgraded, then compacted: "
        ),
        "{said}"
    );
    assert_eq!(said.lines().count(), 1, "{said}");
    assert_eq!(beside(&db), ["store"]);
    assert_eq!(
        readable(&db),
        expected,
        "the same as before the layout was made old"
    );
    assert_eq!(stderr(&run(&db, &["list", "editions"])), "", "said once");
}

/// A store on a small disk filled to leave `free` bytes.
fn on_a_full_disk(disk: &Tmpfs, template: &TestStore, free: u64) -> std::path::PathBuf {
    let db = faulted::copy_of(template, &disk.mount);
    disk.fill_leaving(free);
    db
}

fn size_of(dir: &Path) -> u64 {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            if meta.is_dir() {
                size_of(&e.path())
            } else {
                meta.len()
            }
        })
        .sum()
}

#[test]
fn compact_on_a_disk_without_room_leaves_the_store_as_it_was_and_names_the_space_needed() {
    let Some(disk) = Tmpfs::mount("compact.rs", 16) else {
        return;
    };
    let template = demo_with_history();
    let expected = readable(&template.path());
    let needed = size_of(&template.path());
    // Sixteen amounts of free space from 32 KiB to the store's size, so that the disk fills at every
    // step: making the copy's directory, copying, reading it back, making it durable. (With no byte
    // free at all the open itself is refused, "the disk … is full", as for every command:
    // tests/full_disk.rs.) Each run compacts, or refuses in words naming the space needed; either way
    // nothing is left beside the store and it reads as before.
    let mut refused = 0;
    for i in 0..16 {
        let free = 32 * 1024 + i * needed / 16;
        let db = on_a_full_disk(&disk, &template, free);
        let out = compact(&db);
        let said = stderr(&out);
        assert!(
            !said.contains("Os {") && !said.contains("panicked"),
            "{said}"
        );
        match out.status.code() {
            Some(0) => {}
            Some(1) => {
                refused += 1;
                let no_room_for_the_copy = said
                    .contains("was not compacted and is as it was: the disk holding it has ")
                    && said.contains(" free and the compacted copy needs up to ")
                    && said.contains("; the partial copy was removed. Free some space");
                // Now and then the copy fits and the open of it in the store's place does not: the
                // store as it was is put back.
                let no_room_to_open_it = said.contains(
                    "was not compacted and is as it was: the compacted copy was made and checked, but the disk (",
                ) && said.contains(" free before it) had no room left to open it beside the store as it was; the copy was removed. Free some space");
                assert!(no_room_for_the_copy || no_room_to_open_it, "{free}: {said}");
            }
            other => panic!("{free}: exit {other:?}: {said}"),
        }
        assert_eq!(
            beside(&db),
            ["filler", "store"],
            "{free}: the partial copy was removed"
        );
        disk.free();
        assert_eq!(readable(&db), expected, "{free}");
        fs::remove_dir_all(&db).unwrap();
    }
    println!("{refused} of 16 runs found the disk full");
    assert!(
        refused >= 4,
        "only {refused} of 16 runs found the disk full"
    );
    // With room, the same store compacts.
    let db = on_a_full_disk(&disk, &template, 3 * needed);
    let out = compact(&db);
    assert!(out.status.success(), "{}", stderr(&out));
    disk.free();
    assert_eq!(readable(&db), expected);
}

#[test]
fn an_upgrade_on_a_disk_without_room_to_compact_still_opens_and_says_to_compact_later() {
    let Some(disk) = Tmpfs::mount("compact.rs", 16) else {
        return;
    };
    let (template, _) = schema_11_demo();
    let needed = size_of(&template.path());
    let db = on_a_full_disk(&disk, &template, needed / 2);
    let out = run(&db, &["list", "editions"]);
    let said = stderr(&out);
    assert!(out.status.success(), "{said}");
    assert!(
        said.contains("was upgraded, but not compacted")
            && said.contains("the compacted copy needs up to")
            && said.contains("run `jurydesk compact` when there is room")
            && !said.contains("partial copy"),
        "{said}"
    );
    assert_eq!(beside(&db), ["filler", "store"]);
    disk.free();
    let out = compact(&db);
    assert!(out.status.success(), "{}", stderr(&out));
    faulted::assert_sound(&db, "after the upgrade and a compaction");
}
