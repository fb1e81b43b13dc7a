use super::*;
use crate::domain::{Film, Id};
use std::time::Duration;

use crate::store::Kind;
use crate::store::directory;
use crate::store::testing::{lay_out_as_schema_11, write_behind_the_desk};

/// A film of its own title (and so of its own identity bucket).
fn film(id: Id) -> Film {
    let title = format!("Compacted {id}");
    Film {
        id,
        title,
        ..Film::default()
    }
}

/// Every key of every tree, as stored.
fn contents(store: &Store) -> Vec<(Vec<u8>, Vec<u8>, Vec<u8>)> {
    let mut all = Vec::new();
    for name in tree_names(&store.db) {
        for item in &store.db.open_tree(&name).unwrap() {
            let (key, value) = item.unwrap();
            all.push((name.to_vec(), key.to_vec(), value.to_vec()));
        }
    }
    all
}

/// A store at `dir/store` with `films` films, written in commits of 100 (several batches of the copy).
fn store_with(dir: &Path, films: Id) -> Store {
    let store = Store::open(&dir.join("store")).unwrap();
    for first in (1..=films).step_by(100) {
        write_behind_the_desk(&store, "films", |w| {
            (first..(first + 100).min(films + 1)).try_for_each(|id| w.put(&film(id)))
        })
        .unwrap();
    }
    store
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_compacted_store_holds_every_key_byte_for_byte_and_nothing_is_left_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 3000);
    let before = contents(&store);
    let head = store.log_head().unwrap();
    let head_file = fs::read(store.path.join(HEAD_FILE)).unwrap();
    let mut seen = Vec::new();
    let (store, done) = store.compact(&mut |p| seen.push(p)).unwrap();
    assert_eq!(contents(&store), before);
    assert_eq!(done.keys, before.len() as u64);
    assert_eq!(store.log_head().unwrap(), head, "no audit entry");
    assert_eq!(store.verify_log().unwrap().unwrap(), 30);
    assert_eq!(fs::read(store.path.join(HEAD_FILE)).unwrap(), head_file);
    assert!(done.old_copy_left.is_none());
    assert!(done.before > 0 && done.after > 0);
    assert_eq!(names_in(dir.path()), ["store"]);
    assert!(seen.contains(&Progress::Swapping));
    assert!(seen.iter().any(|p| matches!(p, Progress::Copying { .. })));
    // The store is usable, and the next open finds it whole.
    write_behind_the_desk(&store, "one more", |w| w.put(&film(3001))).unwrap();
    drop(store);
    let store = Store::open(&dir.path().join("store")).unwrap();
    assert_eq!(store.count(Kind::Film), 3001);
    assert!(store.upgraded().is_none());
}

#[test]
fn a_store_upgraded_on_open_is_compacted_once_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = store_with(dir.path(), 500);
    let records = store.all::<Film>().unwrap();
    lay_out_as_schema_11(&store.db).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    let upgraded = store.upgraded().cloned().unwrap();
    assert_eq!(upgraded.from, 11);
    let compacted = upgraded.compaction.unwrap();
    assert!(compacted.after < compacted.before, "{compacted:?}");
    assert_eq!(store.all::<Film>().unwrap(), records);
    assert!(store.index_problems().unwrap().is_empty());
    assert_eq!(names_in(dir.path()), ["store"]);
    drop(store);
    let store = Store::open(&path).unwrap();
    assert!(store.upgraded().is_none(), "only the open that upgraded");
}

/// A compaction stopped after each of its steps, as a crash would stop it, leaves the store whole at
/// its path (the old one or the copy), and the next compaction removes what it left.
#[test]
fn a_compaction_stopped_at_any_step_leaves_a_whole_store_and_the_next_one_cleans_up() {
    for step in Step::ALL {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("store");
        let store = store_with(dir.path(), 1500);
        let before = contents(&store);
        let stopped = compact(store, &mut |_| {}, Stop::At(step));
        assert!(stopped.is_err(), "{step:?}");
        drop(stopped);
        assert!(
            !leftovers(&path).is_empty(),
            "{step:?}: {:?}",
            names_in(dir.path())
        );
        let store = Store::open(&path).unwrap();
        assert_eq!(contents(&store), before, "{step:?}");
        let (store, _) = store.compact(&mut |_| {}).unwrap();
        assert_eq!(contents(&store), before, "{step:?}");
        assert_eq!(names_in(dir.path()), ["store"], "{step:?}");
        assert!(leftovers(&path).is_empty());
    }
}

/// The copy fitted, but the disk had no room left for the open of it in the store's place: the store
/// as it was goes back, the copy goes, and the refusal says so (a real full disk meets this moment
/// only now and then: tests/compact.rs).
#[test]
fn a_copy_that_cannot_be_opened_for_a_full_disk_is_put_back_and_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = store_with(dir.path(), 300);
    let before = contents(&store);
    let Ok(Outcome::Untouched(store, reason)) = compact(store, &mut |_| {}, Stop::DiskFullAtReopen)
    else {
        panic!("not refused");
    };
    assert!(
        matches!(reason, NotCompacted::NoRoomToOpen { .. }),
        "{reason:?}"
    );
    assert!(
        reason.to_string().contains("had no room left to open it") && !reason.fix().is_empty(),
        "{reason}"
    );
    assert_eq!(contents(&store), before);
    assert_eq!(names_in(dir.path()), ["store"]);
    assert!(leftovers(&path).is_empty());
    // The store back in its place is the one this process holds, and still compacts.
    let (store, _) = store.compact(&mut |_| {}).unwrap();
    assert_eq!(contents(&store), before);
    assert_eq!(names_in(dir.path()), ["store"]);
}

#[test]
fn something_else_in_the_copys_place_stops_the_compaction_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 10);
    let before = contents(&store);
    let theirs = dir.path().join("store.compacting");
    fs::create_dir(&theirs).unwrap();
    fs::write(theirs.join("thesis.odt"), "mine").unwrap();
    let path = store.path.clone();
    let error = store.compact(&mut |_| {}).unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::NotCompacted {
                reason: NotCompacted::InTheWay { .. },
                ..
            }
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("store.compacting is in the way"),
        "{error}"
    );
    assert_eq!(fs::read(theirs.join("thesis.odt")).unwrap(), b"mine");
    let store = Store::open(&path).unwrap();
    assert_eq!(contents(&store), before);
}

/// A jurydesk waiting for the lock while the store is compacted opened the old lock file: once the
/// compaction lets go of it, it must not take that file's lock for the store's.
#[test]
fn a_jurydesk_waiting_on_the_old_lock_file_does_not_get_the_compacted_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = store_with(dir.path(), 10);
    let waiting = {
        let path = path.clone();
        std::thread::spawn(move || directory::take_lock(&path).map(|_| ()))
    };
    std::thread::sleep(Duration::from_millis(200));
    let (store, _) = store.compact(&mut |_| {}).unwrap();
    let waited = waiting.join().unwrap();
    assert!(
        matches!(waited, Err(StoreError::Locked { .. })),
        "{waited:?}"
    );
    drop(store);
    assert!(directory::take_lock(&path).is_ok());
}

#[test]
fn a_store_reached_through_a_symbolic_link_is_compacted_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 10);
    let before = contents(&store);
    drop(store);
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(dir.path().join("store"), &link).unwrap();
    let store = Store::open(&link).unwrap();
    let (store, _) = store.compact(&mut |_| {}).unwrap();
    assert_eq!(contents(&store), before);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names_in(dir.path()), ["link", "store"]);
}

#[test]
fn the_tally_tells_fields_apart_however_the_bytes_are_split() {
    let tally = |pairs: &[(&[u8], &[u8])]| {
        let mut t = Tallying::default();
        t.tree(b"t");
        for (k, v) in pairs {
            t.key(k, v);
        }
        t.done()
    };
    assert_eq!(tally(&[(b"ab", b"c")]), tally(&[(b"ab", b"c")]));
    assert_ne!(tally(&[(b"ab", b"c")]), tally(&[(b"a", b"bc")]));
    assert_ne!(tally(&[(b"a", b"b")]), tally(&[(b"a", b"b"), (b"", b"")]));
}

#[test]
fn sizes_read_as_a_person_reads_them() {
    assert_eq!(in_units(1_900_000_000), "1.9 GB");
    assert_eq!(in_units(640_000_000), "640.0 MB");
    assert_eq!(in_units(12_345), "12.3 KB");
    assert_eq!(in_units(512), "512 bytes");
}
