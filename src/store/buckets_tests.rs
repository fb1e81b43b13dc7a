//! Tests of `buckets`: where entries go, and the value format read back and refused.

use super::*;
use proptest::prelude::*;

#[test]
fn an_editions_submissions_share_a_bucket_per_64_ids_and_keep_their_order() {
    let a = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 2, 63)).unwrap();
    let b = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 2, 0)).unwrap();
    let c = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 2, 64)).unwrap();
    let d = bucket_of(&keys::pair(keys::SUBMISSIONS_OF_EDITION, 3, 0)).unwrap();
    assert_eq!(a, b);
    assert!(b < c && c < d);
    assert!(c.starts_with(&keys::children(keys::SUBMISSIONS_OF_EDITION, 2)));
}

#[test]
fn a_films_submissions_are_in_the_bucket_children_of_names() {
    for film in [0, 1, 63, 64, 1 << 40] {
        let key = keys::pair(keys::SUBMISSIONS_OF_FILM, film, 9);
        let Children::One(bucket) = children_of(keys::SUBMISSIONS_OF_FILM, film) else {
            panic!("a film's submissions are in one bucket");
        };
        assert_eq!(bucket_of(&key), Some(bucket));
    }
}

#[test]
fn the_hash_is_pinned_because_stored_buckets_depend_on_it() {
    assert_eq!(hashed(b"", 4096), [0x0f, 0xc1]);
    assert_eq!(hashed(b"", 16_384), [0x3f, 0xc1]);
    assert_eq!(
        bucket_of(&keys::scoped_code(
            keys::SUBMISSION_BY_EXTERNAL_ID,
            7,
            "FF-1"
        )),
        Some(
            [
                vec![0x4b, 0, 0, 0, 0, 0, 0, 0, 7],
                hashed(b"FF-1", 4096).to_vec()
            ]
            .concat()
        )
    );
    let identity = keys::film_identity("night", &[], None);
    assert_eq!(
        identity_bucket(&identity),
        [vec![0x4c], hashed(&identity[1..], 16_384).to_vec()].concat()
    );
}

#[test]
fn films_of_one_identity_share_its_bucket() {
    let identity = keys::film_identity("night", &["a b".into()], Some(2020));
    for film in [1u64, 99, u64::MAX] {
        let mut key = identity.clone();
        key.extend_from_slice(&film.to_be_bytes());
        assert_eq!(bucket_of(&key), Some(identity_bucket(&identity)));
    }
}

#[test]
fn other_prefixes_keep_a_key_per_entry() {
    assert_eq!(
        bucket_of(&keys::pair(keys::NOMINATIONS_OF_CATEGORY, 1, 2)),
        None
    );
    assert_eq!(bucket_of(&[]), None);
}

#[test]
fn every_flaw_of_a_value_is_named() {
    let good = encode([(&b"\x43a"[..], &b""[..]), (b"\x43b", b"1")].into_iter()).unwrap();
    assert_eq!(entries(&good).unwrap().len(), 2);
    assert_eq!(entries(&[]), Err(BucketError::Format(None)));
    assert_eq!(entries(&[9]), Err(BucketError::Format(Some(9))));
    assert_eq!(
        entries(&good[..good.len() - 1]),
        Err(BucketError::Truncated)
    );
    assert_eq!(
        entries(&[good.as_slice(), &[0]].concat()),
        Err(BucketError::Trailing)
    );
    assert_eq!(entries(&[FORMAT, 0, 0, 0, 0]), Err(BucketError::Empty));
    let swapped = encode([(&b"\x43b"[..], &b""[..]), (b"\x43a", b"")].into_iter()).unwrap();
    assert_eq!(entries(&swapped), Err(BucketError::OutOfOrder));
    // A count far beyond the bytes does not allocate for it.
    assert_eq!(
        entries(&[FORMAT, 0xff, 0xff, 0xff, 0xff]),
        Err(BucketError::Truncated)
    );
}

#[test]
fn settling_removes_before_it_adds_and_drops_an_emptied_bucket() {
    let key = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 5);
    let bucket = bucket_of(&key).unwrap();
    let stored = fill([(key.clone(), Vec::new())]);
    let read = |b: &[u8]| -> Result<Option<Vec<u8>>, ()> {
        Ok(stored.iter().find(|(k, _)| k == b).map(|(_, v)| v.clone()))
    };
    // Given up and taken again in one commit: unchanged, so not written.
    let mut changes = Changes::default();
    assert!(changes.remove(&key));
    assert!(changes.add(key.clone(), Vec::new()).is_none());
    assert!(changes.settle(read, |_, _| ()).unwrap().is_empty());
    // Given up: the bucket goes.
    let mut changes: Changes = Changes::default();
    changes.remove(&key);
    assert_eq!(changes.settle(read, |_, _| ()).unwrap(), [(bucket, None)]);
    // A plain prefix is handed back.
    let mut changes = Changes::default();
    let plain = keys::pair(keys::AWARDS_OF_CATEGORY, 1, 2);
    assert!(!changes.remove(&plain));
    assert!(changes.add(plain.clone(), Vec::new()).is_some());
}

#[test]
fn an_entry_in_another_bucket_is_set_apart() {
    let here = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 5);
    let there = keys::pair(keys::SUBMISSIONS_OF_EDITION, 1, 500);
    let value = encode([(here.as_slice(), &b""[..]), (there.as_slice(), b"")].into_iter()).unwrap();
    let judged = judge(&bucket_of(&here).unwrap(), &value).unwrap();
    assert_eq!(judged.entries.len(), 1);
    assert_eq!(judged.misplaced, [(there.as_slice(), &b""[..])]);
}

proptest! {
    #[test]
    fn what_is_encoded_reads_back(
        held in proptest::collection::btree_map(
            proptest::collection::vec(any::<u8>(), 0..40),
            proptest::collection::vec(any::<u8>(), 0..12),
            1..30,
        )
    ) {
        let value = encode(held.iter().map(|(k, v)| (k.as_slice(), v.as_slice()))).unwrap();
        let read = entries(&value).unwrap();
        let expected: Vec<Entry<'_>> =
            held.iter().map(|(k, v)| (k.as_slice(), v.as_slice())).collect();
        prop_assert_eq!(read, expected);
    }

    /// What `in_key_order` promises, and `check` relies on to compare those buckets as it reads
    /// them: of two entries, the smaller key is never in the later bucket.
    #[test]
    fn buckets_of_consecutive_ids_keep_key_order(
        prefix in prop::sample::select(vec![keys::SUBMISSIONS_OF_EDITION, keys::SUBMISSIONS_OF_FILM]),
        a in (0u64..300, 0u64..300),
        b in (0u64..300, 0u64..300),
    ) {
        prop_assert!(in_key_order(prefix));
        let (ka, kb) = (keys::pair(prefix, a.0, a.1), keys::pair(prefix, b.0, b.1));
        let (ba, bb) = (bucket_of(&ka).unwrap(), bucket_of(&kb).unwrap());
        if ka < kb {
            prop_assert!(ba <= bb);
        }
    }

    #[test]
    fn no_value_makes_reading_panic(value in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = entries(&value);
    }
}

proptest! {
    /// A commit may gather its buckets in parts (`Changes::part`): together the parts write exactly
    /// what the whole does, each bucket in one part only, and every part hands back the same plain
    /// keys.
    #[test]
    fn buckets_gathered_in_parts_are_written_as_gathered_whole(
        stored_ids in proptest::collection::btree_set(0u64..2_000, 0..60),
        removed_ids in proptest::collection::vec(0u64..2_000, 0..60),
        added_ids in proptest::collection::vec(0u64..2_000, 0..60),
        parts in 1u8..5,
    ) {
        let key = |id: u64| match id % 3 {
            0 => keys::pair(keys::SUBMISSIONS_OF_EDITION, id % 7, id),
            1 => keys::pair(keys::SUBMISSIONS_OF_FILM, id, id + 1),
            _ => keys::pair(keys::AWARDS_OF_CATEGORY, 1, id),
        };
        let stored = fill(stored_ids.iter().map(|&id| (key(id), id.to_be_bytes().to_vec())));
        let read = |b: &[u8]| -> Result<Option<Vec<u8>>, ()> {
            Ok(stored.iter().find(|(k, _)| k == b).map(|(_, v)| v.clone()))
        };
        let gather = |changes: &mut Changes| {
            let mut plain = Vec::new();
            for &id in &removed_ids {
                if !changes.remove(&key(id)) {
                    plain.push(key(id));
                }
            }
            for &id in &added_ids {
                if let Some((key, _)) = changes.add(key(id), vec![7; (id % 5) as usize]) {
                    plain.push(key);
                }
            }
            plain
        };
        let mut whole = Changes::default();
        let whole_plain = gather(&mut whole);
        let whole = whole.settle(read, |_, _| ()).unwrap();

        let mut in_parts = Vec::new();
        for part in 0..parts {
            let mut changes = Changes::part(part, parts);
            prop_assert_eq!(&gather(&mut changes), &whole_plain);
            in_parts.extend(changes.settle(read, |_, _| ()).unwrap());
        }
        in_parts.sort();
        prop_assert_eq!(in_parts, whole);
    }
}
