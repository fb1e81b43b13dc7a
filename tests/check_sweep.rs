//! `check` reads the store on two threads (src/store/sweep/): every kind of damage is still found,
//! with the same words, whichever thread meets it, and wherever in a key range it sits. The index and
//! read-model findings are also compared with the single-reader comparisons the store keeps
//! (`Store::index_problems`, `Store::read_model_problems`), on random damage.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jurydesk::desk::Desk;
use jurydesk::store::{Kind, Store, keys, testing};
use proptest::prelude::*;

/// A generated store (3 editions, 300 submissions) made once, copied for each test.
fn base() -> &'static Path {
    static BASE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = BASE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a directory");
        let path = dir.path().join("store");
        let desk = Desk::open(&path).expect("open");
        desk.generate(300, 3, 7).expect("generate");
        drop(desk);
        (dir, path)
    });
    path
}

/// A copy of the generated store, damaged by `damage` through sled directly.
fn damaged(damage: impl FnOnce(&sled::Db)) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a directory");
    let path = dir.path().join("store");
    copy_dir(base(), &path);
    let store = Store::open(&path).expect("the store opens");
    damage(store.raw());
    store.raw().flush().expect("flush");
    drop(store);
    (dir, path)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy");
        }
    }
}

fn check(path: &Path) -> Vec<String> {
    Desk::open(path)
        .expect("open")
        .check()
        .expect("check")
        .problems
}

fn keys_under(db: &sled::Db, prefix: u8) -> Vec<Vec<u8>> {
    db.scan_prefix([prefix])
        .keys()
        .map(|k| k.expect("a key").to_vec())
        .collect()
}

/// The index entries under a prefix, wherever they are kept (a key each, or in buckets).
fn entries_under(db: &sled::Db, prefix: u8) -> Vec<Vec<u8>> {
    testing::index_entries(db, prefix)
        .expect("index entries")
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

fn set_entry(db: &sled::Db, key: &[u8], value: Option<&[u8]>) {
    testing::set_index_entry(db, key, value).expect("write an index entry");
}

fn missing(key: &[u8]) -> String {
    format!("index entry {} is missing", hex::encode(key))
}

/// The problems of `check` that are about indexes, and the store's single-reader comparison.
fn index_findings(path: &Path) -> (Vec<String>, Vec<String>) {
    let found: Vec<String> = check(path)
        .into_iter()
        .filter(|p| {
            p.starts_with("index entry ")
                || p.starts_with("index bucket ")
                || p.starts_with("indexes: ")
        })
        .collect();
    let store = Store::open(path).expect("open");
    (found, store.index_problems().expect("index problems"))
}

#[test]
fn a_generated_store_is_sound_and_every_record_is_counted() {
    let (_dir, path) = damaged(|_| {});
    let desk = Desk::open(&path).expect("open");
    let report = desk.check().expect("check");
    assert_eq!(report.problems, Vec::<String>::new());
    assert_eq!(report.records["submission"], 300);
    assert_eq!(report.records["film"], 300);
    assert_eq!(report.records["edition"], 3);
    assert!(report.log_entries > 0);
}

/// The first and last entry of every prefix a submission or film calls for, and the last entry of
/// the first edition's range (where one edition's keys end and the next one's begin).
#[test]
fn index_entries_missing_at_either_end_of_a_range_are_named() {
    let mut removed = Vec::new();
    let (_dir, path) = damaged(|db| {
        for prefix in [
            keys::SUBMISSIONS_OF_EDITION,
            keys::SUBMISSIONS_OF_FILM,
            keys::SUBMISSION_BY_EXTERNAL_ID,
            keys::FILMS_BY_IDENTITY,
            keys::EDITION_CODE,
        ] {
            let all = entries_under(db, prefix);
            removed.push(all[0].clone());
            removed.push(all[all.len() - 1].clone());
        }
        let by_edition = entries_under(db, keys::SUBMISSIONS_OF_EDITION);
        let first_edition = &by_edition[1][1..9];
        let end_of_first = by_edition
            .iter()
            .rfind(|k| &k[1..9] == first_edition)
            .expect("the first edition's last entry");
        removed.push(end_of_first.clone());
        for key in &removed {
            set_entry(db, key, None);
        }
    });
    let problems = check(&path);
    removed.sort();
    let expected: Vec<String> = removed.iter().map(|k| missing(k)).collect();
    assert_eq!(problems, expected);
    let (found, reference) = index_findings(&path);
    assert_eq!(found, reference);
}

#[test]
fn index_entries_left_over_or_pointing_elsewhere_are_named() {
    let mut planted = Vec::new();
    let (_dir, path) = damaged(|db| {
        // Past the end of the last range, before the first, between two, and under a prefix no
        // record of this store calls for.
        let mut last = keys::pair(keys::SUBMISSIONS_OF_EDITION, u64::MAX, u64::MAX);
        set_entry(db, &last, Some(&[]));
        planted.push(format!(
            "index entry {} names no record",
            hex::encode(&last)
        ));
        last = keys::pair(keys::SUBMISSIONS_OF_FILM, 0, 0);
        set_entry(db, &last, Some(&[]));
        planted.push(format!(
            "index entry {} names no record",
            hex::encode(&last)
        ));
        let between = keys::pair(keys::BALLOT_OF_CATEGORY_JUROR, 7, 7);
        db.insert(&between, keys::id_value(1)).expect("insert");
        planted.push(format!(
            "index entry {} names no record",
            hex::encode(&between)
        ));
        // An outside id that names another submission.
        let external = entries_under(db, keys::SUBMISSION_BY_EXTERNAL_ID)
            .pop()
            .expect("an outside id");
        set_entry(db, &external, Some(&keys::id_value(1)));
        planted.push(format!(
            "index entry {} points elsewhere",
            hex::encode(&external)
        ));
    });
    let mut problems = check(&path);
    problems.sort();
    planted.sort();
    assert_eq!(problems, planted);
    let (found, reference) = index_findings(&path);
    assert_eq!(found, reference);
}

/// A bucket value (src/store/buckets.rs): format byte, count, then each key and value with its length.
fn bucket_value(entries: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
    let mut value = vec![1u8];
    value.extend_from_slice(&(entries.len() as u32).to_be_bytes());
    for (key, entry) in entries {
        value.extend_from_slice(&(key.len() as u32).to_be_bytes());
        value.extend_from_slice(key);
        value.extend_from_slice(&(entry.len() as u32).to_be_bytes());
        value.extend_from_slice(entry);
    }
    value
}

/// How index entries are kept many to a sled value (schema 11) is judged too: a bucket that cannot be
/// read is named, and so is every entry the records call for that it held; an entry kept in another
/// bucket than its own is named where it is, and counts as not stored.
#[test]
fn a_bucket_that_cannot_be_read_or_holds_another_buckets_entry_is_named() {
    let mut expected = Vec::new();
    let mut lost = Vec::new();
    let mut expected_stray_edition = Vec::new();
    let (_dir, path) = damaged(|db| {
        // An entry of an edition's first bucket, copied into its second bucket.
        let by_edition = keys_under(db, keys::SUBMISSIONS_OF_EDITION);
        let (first, second) = (&by_edition[0], &by_edition[1]);
        let stray = entries_under(db, keys::SUBMISSIONS_OF_EDITION)[0].clone();
        let mut held = testing::index_entries(db, keys::SUBMISSIONS_OF_EDITION)
            .expect("entries")
            .into_iter()
            .filter(|(key, _)| {
                key[..9] == second[..9]
                    && keys::trailing_id(key).unwrap() / 64 == keys::trailing_id(second).unwrap()
            })
            .collect::<Vec<_>>();
        assert!(!held.is_empty() && stray[..9] == first[..9]);
        held.insert(0, (stray.clone(), Vec::new()));
        expected_stray_edition = stray[1..9].to_vec();
        db.insert(second, bucket_value(&held)).expect("write");
        expected.push(format!(
            "index entry {} is kept in bucket {}, not in its own",
            hex::encode(&stray),
            hex::encode(second)
        ));
        // A film bucket cut short: its entries are all missing.
        let by_film = keys_under(db, keys::SUBMISSIONS_OF_FILM);
        let before = entries_under(db, keys::SUBMISSIONS_OF_FILM);
        let value = db.get(&by_film[3]).expect("read").expect("a bucket");
        db.insert(&by_film[3], &value[..value.len() - 1])
            .expect("write");
        let after = entries_under(db, keys::SUBMISSIONS_OF_FILM);
        lost = before.into_iter().filter(|k| !after.contains(k)).collect();
        expected.push(format!(
            "index bucket {} cannot be read: it ends in the middle of an entry",
            hex::encode(&by_film[3])
        ));
    });
    assert!(!lost.is_empty());
    expected.extend(lost.iter().map(|k| missing(k)));
    assert_eq!(check(&path), expected);
    let (found, reference) = index_findings(&path);
    assert_eq!(found, reference);
    // A command that meets the bucket says the store is damaged and where to look.
    let film = u64::from_be_bytes(lost[0][1..9].try_into().unwrap());
    let store = Store::open(&path).expect("open");
    // The entry kept in the wrong bucket is not read twice (once where it is, once where it belongs).
    let edition = u64::from_be_bytes(expected_stray_edition.try_into().unwrap());
    let ids = store
        .child_ids(keys::SUBMISSIONS_OF_EDITION, edition)
        .expect("the edition's submissions");
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
    let error = store
        .child_ids(keys::SUBMISSIONS_OF_FILM, film)
        .expect_err("the bucket cannot be read")
        .to_string();
    assert!(
        error.contains("cannot be read (it ends in the middle of an entry)")
            && error.contains("jurydesk check"),
        "{error}"
    );
}

/// Damage met by the log side (a film edited, a log entry that does not decode) and by the
/// submission side (a submission that does not decode, a missing index entry) in one run: all of it
/// is named, each record's findings in the order one reader finds them.
/// Records are kept sixteen to a bucket (schema 12): a bucket cut short and a record kept in another
/// record's bucket are named by their keys, as index buckets are; the records they hold are missing
/// for everything else `check` says, and a command that meets the bucket says where to look.
#[test]
fn a_record_bucket_that_cannot_be_read_or_holds_another_records_entry_is_named() {
    let (mut cut, mut moved, mut host) = (Vec::new(), Vec::new(), Vec::new());
    let (_dir, path) = damaged(|db| {
        let buckets = keys_under(db, Kind::Submission.tag());
        assert!(buckets.len() > 3, "{} submission buckets", buckets.len());
        cut = buckets[1].clone();
        let value = db.get(&cut).expect("read").expect("a bucket");
        db.insert(&cut, &value[..value.len() - 1]).expect("write");
        // The first submission of bucket 3 moved into bucket 2, beside that bucket's own.
        let records = testing::records(db, Kind::Submission.tag()).expect("submissions");
        let (id, _) = records
            .iter()
            .find(|(id, _)| keys::record(Kind::Submission.tag(), id >> 4) == buckets[3])
            .expect("a submission of bucket 3");
        let into = keys::trailing_id(&buckets[2]).expect("a bucket number") << 4;
        assert!(testing::misplace_record(db, Kind::Submission.tag(), *id, into).expect("move"));
        moved = keys::record(Kind::Submission.tag(), *id);
        host = buckets[2].clone();
    });
    let problems = check(&path);
    let named = |needle: String| {
        assert!(
            problems.iter().any(|p| p == &needle),
            "{needle:?} in {problems:#?}"
        );
    };
    named(format!(
        "submission bucket {} cannot be read: it ends in the middle of an entry",
        hex::encode(&cut)
    ));
    named(format!(
        "submission entry {} is kept in bucket {}, not in its own",
        hex::encode(&moved),
        hex::encode(&host)
    ));
    // The moved submission is missing where it belongs: its index entries name no record.
    let id = keys::trailing_id(&moved).expect("an id");
    assert!(
        problems.iter().any(|p| p.starts_with("index entry 43")
            && p.ends_with(&format!("{id:016x} names no record"))),
        "{problems:#?}"
    );
    let (found, reference) = index_findings(&path);
    assert_eq!(found, reference);
    let error = Desk::open(&path)
        .expect("open")
        .store()
        .all::<jurydesk::domain::Submission>()
        .expect_err("the bucket cannot be read")
        .to_string();
    assert!(
        error.contains(&format!(
            "the submission bucket {} cannot be read (it ends in the middle of an entry)",
            hex::encode(&cut)
        )) && error.contains("jurydesk check"),
        "{error}"
    );
}

#[test]
fn damage_met_by_both_threads_in_one_run_is_all_named() {
    let (mut film_id, mut submission_id) = (0, 0);
    let (_dir, path) = damaged(|db| {
        let films = testing::records(db, Kind::Film.tag()).expect("films");
        let (id, mut edited) = films[5].clone();
        let last = edited.len() - 1;
        edited[last] ^= 0x01;
        testing::set_record(db, Kind::Film.tag(), id, Some(&edited)).expect("write");
        film_id = id;
        let submissions = testing::records(db, Kind::Submission.tag()).expect("submissions");
        submission_id = submissions[10].0;
        testing::set_record(
            db,
            Kind::Submission.tag(),
            submission_id,
            Some(&[2u8, 0xFF, 0xFF][..]),
        )
        .expect("write");
        let by_film = entries_under(db, keys::SUBMISSIONS_OF_FILM);
        set_entry(db, &by_film[20], None);
    });
    let problems = check(&path);
    let at = |needle: &str| {
        problems
            .iter()
            .position(|p| p.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} in {problems:#?}"))
    };
    let film = at(&format!(
        "film {film_id} differs from what the audit log's entry"
    ));
    let differs = at(&format!(
        "submission {submission_id} differs from what the audit log's entry"
    ));
    let undecoded = at(&format!("submission {submission_id} cannot be read"));
    let index = at("index entry 44");
    assert!(
        film < differs && differs < undecoded && undecoded < index,
        "{problems:#?}"
    );
    let (found, reference) = index_findings(&path);
    assert_eq!(found, reference);
}

#[test]
fn a_log_entry_that_does_not_decode_leaves_the_records_unjudged_and_the_indexes_compared() {
    let mut removed = Vec::new();
    let (_dir, path) = damaged(|db| {
        let log = keys_under(db, keys::LOG);
        db.insert(&log[0], &[1u8, 0xFF][..]).expect("write");
        let by_edition = entries_under(db, keys::SUBMISSIONS_OF_EDITION);
        removed.push(by_edition[by_edition.len() - 1].clone());
        set_entry(db, &removed[0], None);
    });
    let problems = check(&path);
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(
        problems[0].starts_with("records against the audit log: log entry 1 cannot be read"),
        "{problems:#?}"
    );
    assert_eq!(problems[1], missing(&removed[0]));
    assert!(
        problems[2].starts_with("audit log: log entry 1 cannot be read"),
        "{problems:#?}"
    );
}

/// What random damage can do to the indexes, the records and the read model.
#[derive(Debug, Clone)]
enum Damage {
    /// Removes the `n`th key (modulo their number) under a prefix.
    Remove(u8, usize),
    /// Sets the value of the `n`th key under a prefix to an id.
    Point(u8, usize, u64),
    /// Adds a key under a prefix: parent and child ids.
    Add(u8, u64, u64),
    /// Cuts the last byte off the `n`th stored value under a prefix (a record, a bucket, a page).
    Truncate(u8, usize),
    /// Moves the `n`th record of a kind (by its tag) into the bucket after its own, beside the
    /// records there (schema 12's record buckets).
    Misplace(u8, usize),
}

fn damage() -> impl Strategy<Value = Damage> {
    let prefix = prop::sample::select(vec![
        keys::SUBMISSIONS_OF_EDITION,
        keys::SUBMISSIONS_OF_FILM,
        keys::SUBMISSION_BY_EXTERNAL_ID,
        keys::FILMS_BY_IDENTITY,
        keys::EDITION_CODE,
        keys::EDITIONS_OF_FESTIVAL,
        keys::SUBMISSION_SUMMARIES,
        keys::SUBMISSION_COUNTS,
        Kind::Film.tag(),
        Kind::Submission.tag(),
    ]);
    prop_oneof![
        (prefix.clone(), any::<usize>()).prop_map(|(p, n)| Damage::Remove(p, n)),
        (prefix.clone(), any::<usize>(), 0u64..400).prop_map(|(p, n, id)| Damage::Point(p, n, id)),
        (prefix.clone(), 0u64..5, 0u64..400).prop_map(|(p, a, b)| Damage::Add(p, a, b)),
        (prefix, any::<usize>()).prop_map(|(p, n)| Damage::Truncate(p, n)),
        (
            prop::sample::select(vec![Kind::Film.tag(), Kind::Submission.tag()]),
            any::<usize>()
        )
            .prop_map(|(p, n)| Damage::Misplace(p, n)),
    ]
}

fn apply(db: &sled::Db, damage: &Damage) {
    // Index entries and records are damaged as entries, wherever they are kept (a key each, or in
    // buckets); everything else as the sled key it is. Truncation is of the sled value (a bucket's,
    // for records: one that cannot be read).
    let is_index = |prefix| {
        keys::INDEX_PREFIXES.contains(&prefix) || prefix < keys::FESTIVAL_CODE && prefix > 0
    };
    match *damage {
        Damage::Remove(prefix, n) | Damage::Point(prefix, n, _) => {
            let all = if is_index(prefix) {
                entries_under(db, prefix)
            } else {
                keys_under(db, prefix)
            };
            if all.is_empty() {
                return;
            }
            let key = &all[n % all.len()];
            let value = match damage {
                Damage::Point(_, _, id) => Some(keys::id_value(*id)),
                _ => None,
            };
            if is_index(prefix) {
                set_entry(db, key, value.as_deref());
            } else if let Some(value) = value {
                db.insert(key, value).expect("write");
            } else {
                db.remove(key).expect("remove");
            }
        }
        Damage::Add(prefix, parent, child) => {
            // Under a record prefix, a record key (an odd-length key there is named by its last
            // eight bytes, as `check` always did, and could stand for another record).
            let key = if prefix < keys::FESTIVAL_CODE {
                keys::record(prefix, child)
            } else {
                keys::pair(prefix, parent, child)
            };
            if is_index(prefix) {
                set_entry(db, &key, Some(&[]));
            } else {
                db.insert(key, &[][..]).expect("write");
            }
        }
        Damage::Misplace(tag, n) => {
            let records = testing::records(db, tag).expect("records");
            let id = records[n % records.len()].0;
            testing::misplace_record(db, tag, id, id + 16).expect("move");
        }
        Damage::Truncate(prefix, n) => {
            let all = keys_under(db, prefix);
            if all.is_empty() {
                return;
            }
            let key = &all[n % all.len()];
            let value = db.get(key).expect("read").expect("a value");
            db.insert(key, &value[..value.len().saturating_sub(1)])
                .expect("write");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever is damaged, the two-thread `check` says about the indexes and the read model exactly
    /// what a single reader says, in the same order.
    #[test]
    fn random_damage_is_judged_as_one_reader_judges_it(damages in prop::collection::vec(damage(), 1..6)) {
        let (_dir, path) = damaged(|db| damages.iter().for_each(|d| apply(db, d)));
        let problems = check(&path);
        let store = Store::open(&path).expect("open");
        let reference = store.index_problems().expect("index problems");
        let found: Vec<&String> = problems
            .iter()
            .filter(|p| {
                p.starts_with("index entry ")
                    || p.starts_with("index bucket ")
                    || p.starts_with("indexes: ")
            })
            .collect();
        prop_assert_eq!(found, reference.iter().collect::<Vec<_>>());
        let reference = store.read_model_problems().expect("read model problems");
        let found: Vec<&String> = problems
            .iter()
            .filter(|p| p.contains("summaries") || p.contains("submission count"))
            .collect();
        prop_assert_eq!(found, reference.iter().collect::<Vec<_>>());
    }
}
