//! Schema 12 (records kept sixteen to a bucket, issue 17): a store written by schema 11, with a sled
//! key per record, opens with the same records, byte for byte, in buckets of sixteen consecutive ids
//! and nothing else under the kinds' tags; a record that cannot be read and a stray key are carried
//! over for `check` to name, not repaired or lost.

use super::super::buckets;
use super::super::record_scan::{Held, RecordScan};
use super::super::testing::{lay_out_as_schema_11, write_behind_the_desk};
use super::*;
use crate::domain::{Film, Id, Submission, SubmissionStatus};

fn film(id: Id) -> Film {
    Film {
        id,
        title: format!("Film {id}"),
        directors: vec!["Agnès Varda".into()],
        year: Some(1962),
        ..Film::default()
    }
}

fn submission(id: Id, film_id: Id) -> Submission {
    Submission {
        id,
        edition_id: 1 + id % 2,
        film_id,
        section: String::new(),
        status: SubmissionStatus::Received,
        original_status: String::new(),
        submitted: None,
        external_id: format!("FF-{id}"),
        notes: String::new(),
        history: Vec::new(),
    }
}

/// Every record of the two kinds written, as `(kind, id, bytes)`, read the way every command reads.
fn every_record(store: &Store) -> Vec<(Kind, Id, Vec<u8>)> {
    [Kind::Film, Kind::Submission]
        .into_iter()
        .flat_map(|kind| {
            store
                .records_of(kind)
                .map(move |item| item.map(|(id, bytes)| (kind, id, bytes.to_vec())))
        })
        .collect::<Result<_>>()
        .unwrap()
}

/// A store of 40 films and 41 submissions (ids across three buckets), written by today's commit,
/// then laid out as schema 11 kept it; what it held.
fn schema_11_store(path: &std::path::Path) -> Vec<(Kind, Id, Vec<u8>)> {
    let store = Store::open(path).unwrap();
    write_behind_the_desk(&store, "forty films", |w| {
        for id in 1..=40 {
            w.put(&film(id))?;
            w.put(&submission(id, id))?;
        }
        w.put(&submission(41, 40))
    })
    .unwrap();
    let held = every_record(&store);
    assert_eq!(held.len(), 81);
    lay_out_as_schema_11(&store.db).unwrap();
    assert_eq!(
        store.db.scan_prefix([Kind::Submission.tag()]).count(),
        41,
        "a key per record, as schema 11 kept them"
    );
    held
}

#[test]
fn a_schema_11_store_keeps_every_record_byte_for_byte_in_buckets_after_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let held = schema_11_store(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(SCHEMA_VERSION));
    assert_eq!(every_record(&store), held);
    // Buckets only, each holding its own sixteen ids: 1..=15, 16..=31, 32..=41.
    for kind in [Kind::Film, Kind::Submission] {
        let stored: Vec<(Vec<u8>, usize)> = store
            .db
            .scan_prefix([kind.tag()])
            .map(|item| {
                let (bucket, value) = item.unwrap();
                let judged = buckets::judge(&bucket, &value).unwrap();
                assert!(judged.misplaced.is_empty());
                (bucket.to_vec(), judged.entries.len())
            })
            .collect();
        let expected_last = if kind == Kind::Film { 9 } else { 10 };
        assert_eq!(
            stored,
            vec![
                (keys::record(kind.tag(), 0), 15),
                (keys::record(kind.tag(), 1), 16),
                (keys::record(kind.tag(), 2), expected_last),
            ]
        );
    }
    assert!(store.index_problems().unwrap().is_empty());
    assert_eq!(
        store.get::<Submission>(17).unwrap(),
        Some(submission(17, 17))
    );
    // The next commit writes into the buckets the migration made.
    write_behind_the_desk(&store, "one more", |w| w.put(&film(42))).unwrap();
    assert_eq!(store.count(Kind::Film), 41);
    assert_eq!(store.db.scan_prefix([Kind::Film.tag()]).count(), 3);
}

#[test]
fn an_unreadable_record_and_a_stray_key_are_carried_over_for_check_to_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    schema_11_store(&path);
    {
        let db = sled::open(&path).unwrap();
        db.insert(keys::record(Kind::Submission.tag(), 5), vec![0xff, 0])
            .unwrap();
        db.insert([Kind::Film.tag(), 1, 2, 3], vec![7]).unwrap();
        db.flush().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(
        store.get_raw(Kind::Submission, 5).unwrap(),
        Some(vec![0xff, 0])
    );
    assert!(matches!(
        store.get::<Submission>(5),
        Err(StoreError::Record { id: 5, .. })
    ));
    let flaws: Vec<String> = RecordScan::all(&store.db, &store.path, Kind::Film)
        .filter_map(|held| match held.unwrap() {
            Held::Flaw(flaw) => Some(flaw.describe(Kind::Film)),
            Held::Record(..) => None,
        })
        .collect();
    assert_eq!(
        flaws,
        vec![
            "film bucket 030010203000000000 holds 03010203, which is not the key of a film"
                .to_string()
        ]
    );
    // Every other film is read, the stray key among them passed over.
    assert_eq!(store.count(Kind::Film), 40);
}

/// Large enough to be staged in slices, cut short after its first slice as a kill would: the next
/// open rolls it back, does it again whole, and holds every record as it was.
#[test]
fn a_migration_cut_short_is_rolled_back_and_done_again_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let store = Store::open(&path).unwrap();
    write_behind_the_desk(&store, "many films", |w| {
        (1..=3_000).try_for_each(|id| w.put(&film(id)))
    })
    .unwrap();
    let held = every_record(&store);
    lay_out_as_schema_11(&store.db).unwrap();
    let writes = steps_from(&store, 11).unwrap();
    assert!(
        writes.len() > 2 * staging::SLICE_KEYS,
        "{} writes",
        writes.len()
    );
    staging::apply_cut_short(&store, ACTION, writes, schema_batch(), 1).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(11));
    drop(store);

    let reopened = Store::open(&path).unwrap();
    assert_eq!(reopened.recovery(), None, "nothing for the user to redo");
    assert_eq!(stored_schema(&reopened).unwrap(), Some(SCHEMA_VERSION));
    assert_eq!(every_record(&reopened), held);
    assert_eq!(
        reopened.db.scan_prefix([Kind::Film.tag()]).count(),
        3_000 / 16 + 1
    );
    assert!(reopened.index_problems().unwrap().is_empty());
}
