//! Schema 11 (index entries kept in buckets, issue 17): a store written by schema 10, with a sled key
//! per entry of the four bucketed indexes, opens with the same entries in buckets and nothing else
//! under those prefixes; every lookup answers as before.

use super::super::buckets;
use super::super::{Record, film_identity};
use super::*;
use crate::domain::{Film, Submission, SubmissionStatus};

fn film(id: u64, title: &str) -> Film {
    Film {
        id,
        title: title.into(),
        directors: vec!["Forough Farrokhzad".into()],
        year: Some(1962),
        ..Film::default()
    }
}

fn submission(id: u64, edition_id: u64, film_id: u64, external_id: &str) -> Submission {
    Submission {
        id,
        edition_id,
        film_id,
        section: String::new(),
        status: SubmissionStatus::Received,
        original_status: String::new(),
        submitted: None,
        external_id: external_id.into(),
        notes: String::new(),
        history: Vec::new(),
    }
}

/// Two editions whose submissions cross a bucket's 64 ids, a film entered in both, two films of one
/// identity, outside ids and none: written as schema 10 kept them, a key per index entry.
fn schema_10_store(path: &std::path::Path) -> (Vec<Film>, Vec<Submission>) {
    schema_10_store_of(path, 70)
}

fn schema_10_store_of(path: &std::path::Path, rows: u64) -> (Vec<Film>, Vec<Submission>) {
    let store = Store::open(path).unwrap();
    write_schema_10(&store, rows)
}

/// Makes `store` hold what schema 10 kept for `rows` films and submissions (and one more submission).
fn write_schema_10(store: &Store, rows: u64) -> (Vec<Film>, Vec<Submission>) {
    let films: Vec<Film> = (1..=rows)
        .map(|id| {
            film(
                id,
                if id <= 2 {
                    "The House Is Black"
                } else {
                    "Other"
                },
            )
        })
        .map(|f| Film {
            title: format!("{} {}", f.title, if f.id <= 2 { 0 } else { f.id }),
            ..f
        })
        .collect();
    let mut submissions: Vec<Submission> = (1..=rows)
        .map(|id| submission(id, 1 + id % 2, id, &format!("FF-{id}")))
        .collect();
    submissions.push(submission(rows + 1, 1, rows, ""));
    for film in &films {
        store
            .db
            .insert(
                keys::record(Kind::Film.tag(), film.id),
                film.encode().unwrap(),
            )
            .unwrap();
    }
    for s in &submissions {
        store
            .db
            .insert(
                keys::record(Kind::Submission.tag(), s.id),
                s.encode().unwrap(),
            )
            .unwrap();
    }
    let entries = films
        .iter()
        .flat_map(Record::index_entries)
        .chain(submissions.iter().flat_map(Record::index_entries));
    for (key, value) in entries {
        store.db.insert(key, value).unwrap();
    }
    store
        .db
        .insert(keys::meta(SCHEMA_KEY), 10u32.to_be_bytes().to_vec())
        .unwrap();
    store.flush().unwrap();
    (films, submissions)
}

#[test]
fn a_schema_10_store_keeps_the_same_index_entries_in_buckets_after_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (films, submissions) = schema_10_store(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(SCHEMA_VERSION));

    // Nothing but buckets under the four prefixes; an edition's or 64 films' entries share one.
    for prefix in buckets::BUCKETED {
        let mut stored = 0;
        for item in store.db.scan_prefix([prefix]) {
            let (key, value) = item.unwrap();
            let held = buckets::entries(&value).unwrap();
            assert!(
                held.iter()
                    .all(|(k, _)| buckets::bucket_of(k).as_deref() == Some(&key[..]))
            );
            stored += 1;
        }
        let hashed = [keys::SUBMISSION_BY_EXTERNAL_ID, keys::FILMS_BY_IDENTITY];
        let most = if hashed.contains(&prefix) { 70 } else { 4 };
        assert!(
            stored > 0 && stored <= most,
            "prefix {prefix:#x}: {stored} buckets"
        );
    }
    let problems = store.index_problems().unwrap();
    assert!(problems.is_empty(), "{problems:?}");

    // Every lookup answers as the keys did.
    let odd: Vec<u64> = (1..=71).filter(|id| id % 2 == 0 || *id == 71).collect();
    assert_eq!(
        store.child_ids(keys::SUBMISSIONS_OF_EDITION, 1).unwrap(),
        odd
    );
    assert_eq!(
        store.child_ids(keys::SUBMISSIONS_OF_FILM, 70).unwrap(),
        vec![70, 71]
    );
    assert_eq!(
        store.child_ids(keys::SUBMISSIONS_OF_FILM, 64).unwrap(),
        vec![64]
    );
    assert!(
        store
            .child_ids(keys::SUBMISSIONS_OF_FILM, 99)
            .unwrap()
            .is_empty()
    );
    // The bounds alone, from the first and last bucket: what an edition's scan needs.
    assert_eq!(
        store
            .child_id_bounds(keys::SUBMISSIONS_OF_EDITION, 1)
            .unwrap(),
        Some((2, 71))
    );
    assert_eq!(
        store
            .child_id_bounds(keys::SUBMISSIONS_OF_EDITION, 2)
            .unwrap(),
        Some((1, 69))
    );
    assert_eq!(
        store
            .child_id_bounds(keys::SUBMISSIONS_OF_EDITION, 3)
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .child_id_bounds(keys::SUBMISSIONS_OF_FILM, 70)
            .unwrap(),
        Some((70, 71))
    );
    assert_eq!(
        store
            .child_id_bounds(keys::SUBMISSIONS_OF_FILM, 99)
            .unwrap(),
        None
    );
    let external = keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, 2, "FF-33");
    assert_eq!(store.id_at(&external).unwrap(), Some(33));
    let elsewhere = keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, 1, "FF-33");
    assert_eq!(store.id_at(&elsewhere).unwrap(), None);
    assert_eq!(
        store
            .films_with_identity(&film_identity(&films[0]))
            .unwrap(),
        vec![1, 2]
    );
    assert_eq!(
        store
            .films_with_identity(&film_identity(&films[40]))
            .unwrap(),
        vec![41]
    );
    assert_eq!(submissions.len(), 71);
}

#[test]
fn commits_after_the_migration_keep_the_buckets_true() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let (_, submissions) = schema_10_store(&path);
    let store = Store::open(&path).unwrap();
    // A submission moves to the other edition and another film; one is removed; one is added.
    let mut tx = store.begin();
    let moved = Submission {
        edition_id: 2,
        film_id: 5,
        external_id: "FF-moved".into(),
        ..submissions[1].clone()
    };
    tx.put(&moved).unwrap();
    tx.delete::<Submission>(3).unwrap();
    tx.put(&submission(200, 1, 1, "FF-200")).unwrap();
    tx.commit("test").unwrap();
    let problems = store.index_problems().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        store.child_ids(keys::SUBMISSIONS_OF_FILM, 5).unwrap(),
        vec![2, 5]
    );
    assert!(
        !store
            .child_ids(keys::SUBMISSIONS_OF_EDITION, 1)
            .unwrap()
            .contains(&3)
    );
    let old = keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, 1, "FF-2");
    assert_eq!(store.id_at(&old).unwrap(), None);
    let new = keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, 2, "FF-moved");
    assert_eq!(store.id_at(&new).unwrap(), Some(2));
    // Removing every entry of a bucket removes the bucket.
    let mut tx = store.begin();
    tx.delete::<Submission>(200).unwrap();
    tx.commit("test").unwrap();
    let bucket = buckets::bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 200)).unwrap();
    assert_eq!(store.db.get(bucket).unwrap(), None);
    assert!(store.index_problems().unwrap().is_empty());
}

/// A migration large enough to be staged in slices, cut short after its first slice as a kill would:
/// the next open rolls it back, does it again whole, and has nothing to tell the user.
#[test]
fn a_migration_cut_short_is_rolled_back_and_done_again_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = Store::open(&path).unwrap();
    write_schema_10(&store, 2_500);
    let writes = steps_from(&store, 10).unwrap();
    assert!(
        writes.len() > 2 * staging::SLICE_KEYS,
        "{} writes",
        writes.len()
    );
    staging::apply_cut_short(&store, ACTION, writes, schema_batch(), 1).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(10));
    assert!(
        store.db.contains_key(keys::meta("staged_commit")).unwrap(),
        "cut short under its marker"
    );
    drop(store);

    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.recovery(), None, "nothing for the user to redo");
    assert_eq!(stored_schema(&reopened).unwrap(), Some(SCHEMA_VERSION));
    let problems = reopened.index_problems().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        reopened
            .child_ids(keys::SUBMISSIONS_OF_FILM, 2_500)
            .unwrap(),
        vec![2_500, 2_501]
    );
}

/// The entries move as they are stored, without decoding a record: a record that cannot be read does
/// not lock the user out of the store (`check` names it, as schema 10 did), and damage to the indexes
/// is carried over for `check` to name, not quietly repaired.
#[test]
fn a_record_that_cannot_be_read_and_a_stray_entry_survive_the_migration_for_check_to_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path).unwrap();
        write_schema_10(&store, 70);
        store
            .db
            .insert(keys::record(Kind::Ballot.tag(), 1), vec![0xff, 0])
            .unwrap();
        store
            .db
            .insert(keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 999), Vec::new())
            .unwrap();
        store.flush().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(SCHEMA_VERSION));
    let stray = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 999);
    assert_eq!(
        store.index_problems().unwrap(),
        [format!(
            "index entry {} names no record",
            hex::encode(&stray)
        )]
    );
    assert!(store.get_raw(Kind::Ballot, 1).unwrap().is_some());
}

/// Buckets at either end of an edition's range that hold only an entry belonging elsewhere (damage
/// `check` names) neither move the edition's bounds nor list a submission twice.
#[test]
fn a_bucket_holding_only_anothers_entry_is_not_read_as_the_editions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    schema_10_store(&path);
    let store = Store::open(&path).unwrap();
    let listed = store.child_ids(keys::SUBMISSIONS_OF_EDITION, 1).unwrap();
    let stray = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 2);
    let value = buckets::encode([(stray.as_slice(), &[][..])].into_iter()).unwrap();
    // One before the edition's first bucket (the shortest key under the edition sorts first) and one
    // after its last.
    let before_first = keys::children(keys::SUBMISSIONS_OF_EDITION, 1);
    let after_last = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 100);
    for key in [before_first, after_last] {
        store.db.insert(key, value.clone()).unwrap();
    }
    assert_eq!(
        store.child_ids(keys::SUBMISSIONS_OF_EDITION, 1).unwrap(),
        listed
    );
    assert_eq!(
        store
            .child_id_bounds(keys::SUBMISSIONS_OF_EDITION, 1)
            .unwrap(),
        Some((2, 71))
    );
}
