//! Records kept sixteen to a bucket (schema 12): what the commands make of damaged record buckets,
//! through the real binary (from the schema 12 review; `tests/backup.rs` holds its backup finding).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use common::TestStore;
use jurydesk::store::{Kind, buckets};

/// Applies `damage` to the store's sled database, behind jurydesk's back (the store must be closed).
fn damage(store: &TestStore, damage: impl FnOnce(&sled::Db)) {
    let db = sled::open(store.path()).expect("sled opens the store");
    damage(&db);
    db.flush().expect("flush");
}

/// Keys under a record kind's tag that are no bucket's (past the last bucket, too short, too long):
/// `check` names each, as schema 11's named them as records that could not be read.
#[test]
fn check_names_every_key_under_a_record_tag_that_is_no_buckets() {
    let store = TestStore::with_demo();
    let keys: [&[u8]; 3] = [
        &[0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF],
        &[0x03, 0xAA],
        &[0x04, 0, 0, 0, 0, 0, 0, 0, 0, 7],
    ];
    damage(&store, |db| {
        for key in keys {
            db.insert(key, &[1, 2, 3][..]).expect("write");
        }
    });
    let out = store.cmd().arg("check").output().expect("runs");
    assert_eq!(out.status.code(), Some(3));
    let said = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
    for (kind, key) in [
        ("film", "03ffffffffffffffff"),
        ("film", "03aa"),
        ("submission", "04000000000000000007"),
    ] {
        assert!(
            said.contains(&format!(
                "the {kind} records hold a key {key} that is not a bucket's"
            )),
            "{key} in {said}"
        );
    }
    // A command that reads the films meets the damage and says so.
    let e = store.fails(3, &["export", "backup", "--out", "/dev/null"]);
    assert!(e.contains("that is not a bucket's"), "{e}");
}

/// An edit of a record whose bucket cannot be read is refused with exit 3 naming the bucket, and the
/// bucket's other records are not overwritten: its bytes stay as they were damaged.
#[test]
fn an_edit_in_an_unreadable_bucket_is_refused_and_the_bucket_left_alone() {
    let store = TestStore::with_demo();
    let tag = Kind::Submission.tag();
    let bucket = buckets::record_bucket(tag, 5);
    let mut garbled = Vec::new();
    damage(&store, |db| {
        let value = db.get(&bucket).expect("read").expect("bucket 0");
        garbled = value[..value.len() / 2].to_vec();
        db.insert(&bucket, garbled.clone()).expect("write");
    });
    let err = store.fails(3, &["submission", "edit", "5", "--notes", "x"]);
    assert!(
        err.contains("the submission bucket 040000000000000000 cannot be read"),
        "{err}"
    );
    store.fails(3, &["submission", "delete", "6"]);
    let db = sled::open(store.path()).expect("sled opens the store");
    assert_eq!(
        db.get(&bucket).unwrap().unwrap().as_ref(),
        garbled.as_slice()
    );
}
