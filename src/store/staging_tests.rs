use super::*;

use crate::store::testing::contents;

type Contents = Vec<(Vec<u8>, Vec<u8>)>;

/// A store holding a few records' worth of keys, and writes that change, remove and add keys.
fn store_and_writes(dir: &std::path::Path) -> (Store, Writes<'static>) {
    let store = Store::open(dir).unwrap();
    for i in 0..20u64 {
        store
            .db
            .insert(keys::record(3, i), format!("old {i}").as_bytes())
            .unwrap();
    }
    store.flush().unwrap();
    let mut writes = Writes::new();
    for i in 0..40u64 {
        let value = match i % 4 {
            0 => None,
            _ => Some(Cow::Owned(format!("new {i}").into_bytes())),
        };
        writes.insert(keys::record(3, i), value);
    }
    (store, writes)
}

fn last_batch() -> sled::Batch {
    let mut batch = sled::Batch::default();
    batch.insert(keys::meta("last"), b"written".as_slice());
    batch
}

#[test]
fn a_staged_commit_cut_short_is_rolled_back_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (store, writes) = store_and_writes(&path);
    let before = contents(&store);
    // 40 writes in slices of 6: stop after 3 of the 7 slices, as a kill would.
    apply_sliced(&store, "import test", writes, last_batch(), 6, Some(3)).unwrap();
    assert_ne!(contents(&store), before, "the slices were written");
    drop(store);

    let reopened = Store::open(&path).unwrap();
    assert_eq!(
        reopened.recovery(),
        Some(&Recovery::RolledBack {
            action: "import test".into()
        })
    );
    assert_eq!(contents(&reopened), before, "every key is as it was");
    drop(reopened);
    assert_eq!(Store::open(&path).unwrap().recovery(), None);
}

#[test]
fn a_staged_commit_that_ends_leaves_its_writes_and_no_journal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (store, writes) = store_and_writes(&path);
    let mut expected: BTreeMap<Vec<u8>, Vec<u8>> = contents(&store).into_iter().collect();
    for (key, value) in &writes {
        match value {
            Some(v) => expected.insert(key.clone(), v.to_vec()),
            None => expected.remove(key),
        };
    }
    expected.insert(keys::meta("last"), b"written".to_vec());
    apply_sliced(&store, "import test", writes, last_batch(), 6, None).unwrap();
    let expected: Contents = expected.into_iter().collect();
    assert_eq!(contents(&store), expected);
    assert!(journal_tree(&store).unwrap().is_empty(), "no journal left");
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.recovery(), None);
    assert_eq!(contents(&reopened), expected);
}

#[test]
fn a_journal_left_by_a_commit_that_happened_is_cleared_not_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (store, writes) = store_and_writes(&path);
    apply_sliced(&store, "import test", writes, last_batch(), 6, None).unwrap();
    let committed = contents(&store);
    // As if the process died between the commit and the journal's removal: a journal in its own
    // tree, and one a jurydesk before it left in the store's tree.
    let stale = encode(
        JOURNAL_VERSION,
        &Journal {
            before: vec![(keys::record(3, 1), Some(b"old 1".to_vec()))],
        },
    )
    .unwrap();
    journal_tree(&store)
        .unwrap()
        .insert(0u64.to_be_bytes(), stale.clone())
        .unwrap();
    store.db.insert(keys::staged(0), stale).unwrap();
    store.flush().unwrap();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.recovery(), None);
    assert_eq!(contents(&reopened), committed);
    assert!(journal_tree(&reopened).unwrap().is_empty());
}

/// A commit cut short by a jurydesk that kept the journal in the store's tree (marker version 1)
/// is rolled back as well.
#[test]
fn a_commit_cut_short_with_its_journal_in_the_stores_tree_is_rolled_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (store, writes) = store_and_writes(&path);
    let before = contents(&store);
    apply_sliced(&store, "old import", writes, last_batch(), 6, Some(3)).unwrap();
    // Laid out as that jurydesk left it: the journal's entries under `keys::STAGED`, the marker
    // of version 1.
    let tree = journal_tree(&store).unwrap();
    for entry in &tree {
        let (key, value) = entry.unwrap();
        let number = u64::from_be_bytes(key.as_ref().try_into().unwrap());
        store.db.insert(keys::staged(number), value).unwrap();
    }
    tree.clear().unwrap();
    let marker = Marker {
        action: "old import".into(),
    };
    let marker = encode(MARKER_IN_STORE_TREE, &marker).unwrap();
    store.db.insert(keys::meta(MARKER), marker).unwrap();
    store.flush().unwrap();
    drop((tree, store));

    let reopened = Store::open(&path).unwrap();
    assert_eq!(
        reopened.recovery(),
        Some(&Recovery::RolledBack {
            action: "old import".into()
        })
    );
    assert_eq!(contents(&reopened), before, "every key is as it was");
}

/// A commit cut short after its marker and before its first slice's journal entry (a failed
/// write, as the fault tests make): no journal's tree at all, and nothing to put back.
#[test]
fn a_marker_with_no_journal_yet_is_rolled_back_as_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (store, _) = store_and_writes(&path);
    let before = contents(&store);
    mark(&store, "cut at once").unwrap();
    drop(store);
    let reopened = Store::open(&path).unwrap();
    assert_eq!(
        reopened.recovery(),
        Some(&Recovery::RolledBack {
            action: "cut at once".into()
        })
    );
    assert_eq!(contents(&reopened), before);
    assert!(
        !reopened
            .db
            .tree_names()
            .iter()
            .any(|name| name == JOURNAL_TREE),
        "nothing made the journal's tree"
    );
}

/// What a jurydesk that knows only the journal in the store's tree makes of a marker whose journal
/// is in its own: it cannot read the marker, so it refuses the store rather than roll back
/// without the journal.
#[test]
fn a_marker_whose_journal_is_in_its_own_tree_cannot_be_read_as_the_older_version() {
    let marker = encode(
        MARKER_VERSION,
        &Marker {
            action: "import".into(),
        },
    )
    .unwrap();
    assert!(codec::decode::<Marker>(MARKER_IN_STORE_TREE, &marker).is_err());
}

#[test]
fn a_commit_of_few_keys_is_staged_once_its_values_pass_the_slice_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = store_and_writes(&dir.path().join("store"));
    let mut writes = Writes::new();
    for i in 0..3u64 {
        writes.insert(keys::record(3, i), Some(Cow::Owned(vec![7; SLICE_BYTES])));
    }
    // Three keys, far under the keys of a slice: staged by their bytes, one slice each.
    apply_sliced(&store, "big values", writes, last_batch(), 64, Some(1)).unwrap();
    assert!(store.db.get(keys::meta(MARKER)).unwrap().is_some());
    assert_eq!(journal_tree(&store).unwrap().len(), 1);
}

#[test]
fn a_commit_given_up_before_its_last_batch_puts_back_what_it_staged() {
    let dir = tempfile::tempdir().unwrap();
    let (store, writes) = store_and_writes(&dir.path().join("store"));
    let before = contents(&store);
    let mut commit = Streamed::new(&store, "given up", 6, None);
    for (key, value) in writes {
        commit
            .set(key, value.map(|v| sled::IVec::from(v.as_ref())))
            .unwrap();
    }
    assert!(commit.marked, "40 writes in slices of 6 are staged");
    commit.roll_back().unwrap();
    assert_eq!(contents(&store), before, "every key is as it was");
    // And a commit given up before any slice wrote nothing at all.
    let mut commit = Streamed::lazy(&store, "given up early");
    commit
        .write(keys::record(3, 99), b"never".to_vec())
        .unwrap();
    commit.roll_back().unwrap();
    assert_eq!(contents(&store), before);
}

#[test]
fn a_small_commit_is_one_batch_with_no_marker() {
    let dir = tempfile::tempdir().unwrap();
    let (store, writes) = store_and_writes(&dir.path().join("store"));
    // Stopping "after 0 slices" would leave nothing written if this were staged.
    apply_sliced(&store, "edit", writes, last_batch(), 64, Some(0)).unwrap();
    assert_eq!(
        store.db.get(keys::meta("last")).unwrap().as_deref(),
        Some(b"written".as_slice())
    );
    assert!(store.db.get(keys::meta(MARKER)).unwrap().is_none());
}
