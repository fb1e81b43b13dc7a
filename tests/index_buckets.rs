//! Index buckets (schema 11, src/store/buckets.rs) under one commit that gives up and takes the same
//! bucketed entries (outside ids swapped, submissions moved between films and editions both ways),
//! then undone: every entry lands once, in its own bucket, and `check` finds nothing. (Written by the
//! schema 11 review.)
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::desk::Desk;
use jurydesk::domain::Submission;
use jurydesk::store::{Store, keys, testing};

fn check(path: &std::path::Path) -> Vec<String> {
    Desk::open(path).unwrap().check().unwrap().problems
}

#[test]
fn a_commit_that_swaps_bucketed_entries_keeps_every_one_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let desk = Desk::open(&path).unwrap();
        desk.generate(300, 3, 7).unwrap();
    }
    assert!(check(&path).is_empty());
    let store = Store::open(&path).unwrap();
    // Two submissions of one edition and one of another.
    let a: Submission = store.get(1).unwrap().unwrap();
    let b: Submission = store.get(2).unwrap().unwrap();
    let far: Submission = (3..=300)
        .filter_map(|id| store.get::<Submission>(id).unwrap())
        .find(|s| s.edition_id != a.edition_id && s.film_id != a.film_id)
        .unwrap();
    assert_eq!(a.edition_id, b.edition_id);
    assert!(!a.external_id.is_empty() && !b.external_id.is_empty());
    testing::write_behind_the_desk(&store, "swap", |w| {
        let mut a2 = a.clone();
        let mut b2 = b.clone();
        let mut f2 = far.clone();
        std::mem::swap(&mut a2.external_id, &mut b2.external_id);
        // a and far trade films and editions.
        std::mem::swap(&mut a2.film_id, &mut f2.film_id);
        std::mem::swap(&mut a2.edition_id, &mut f2.edition_id);
        // far's outside id must stay unique in a's edition.
        f2.external_id = format!("{}-moved", f2.external_id);
        w.put(&a2)?;
        w.put(&b2)?;
        w.put(&f2)
    })
    .unwrap();
    let key = |s: &Submission, edition| {
        keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, edition, &s.external_id)
    };
    assert_eq!(store.id_at(&key(&a, a.edition_id)).unwrap(), Some(b.id));
    assert_eq!(store.id_at(&key(&b, b.edition_id)).unwrap(), None);
    assert!(
        store
            .child_ids(keys::SUBMISSIONS_OF_FILM, far.film_id)
            .unwrap()
            .contains(&a.id)
    );
    assert!(
        store
            .child_ids(keys::SUBMISSIONS_OF_EDITION, far.edition_id)
            .unwrap()
            .contains(&a.id)
    );
    drop(store);
    assert_eq!(check(&path), Vec::<String>::new());
    let desk = Desk::open(&path).unwrap();
    desk.undo().unwrap();
    drop(desk);
    assert_eq!(check(&path), Vec::<String>::new());
    let store = Store::open(&path).unwrap();
    assert_eq!(store.id_at(&key(&a, a.edition_id)).unwrap(), Some(a.id));
    assert_eq!(store.id_at(&key(&b, b.edition_id)).unwrap(), Some(b.id));
}
