//! One index prefix compared with what the records call for, both ways, as a merge of two sorted
//! streams: the stored keys as sled hands them over, and the expected entries sorted once
//! (`scan::settle`). No map of expected entries is built or searched per stored key.

use crate::store::Result;
use crate::store::records::IndexEntry;

/// What one prefix's comparison found.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct IndexVerdict {
    /// Stored entries that point elsewhere or name no record, in key order.
    pub found: Vec<String>,
    /// Entries the records call for that are not stored, in key order.
    pub missing: Vec<String>,
}

/// Compares the stored entries of one prefix (in key order) with `expected` (in key order, one per
/// key); the first entry that cannot be read ends it with that error.
pub(super) fn compare<K, V>(
    stored: impl Iterator<Item = Result<(K, V)>>,
    expected: Vec<IndexEntry>,
) -> Result<IndexVerdict>
where
    K: AsRef<[u8]>,
    V: AsRef<[u8]>,
{
    let mut verdict = IndexVerdict::default();
    let mut expected = expected.into_iter().peekable();
    for item in stored {
        let (key, value) = item?;
        let key = key.as_ref();
        while let Some((missing, _)) = expected.next_if(|(k, _)| k.as_slice() < key) {
            verdict.missing.push(missing_entry(&missing));
        }
        match expected.next_if(|(k, _)| k.as_slice() == key) {
            Some((_, v)) if v.as_slice() == value.as_ref() => {}
            Some(_) => verdict
                .found
                .push(format!("index entry {} points elsewhere", hex::encode(key))),
            None => verdict
                .found
                .push(format!("index entry {} names no record", hex::encode(key))),
        }
    }
    verdict
        .missing
        .extend(expected.map(|(key, _)| missing_entry(&key)));
    Ok(verdict)
}

/// Entries the records call for under a prefix no index is kept under (none is made): all missing.
pub(super) fn all_missing(expected: &[IndexEntry]) -> IndexVerdict {
    IndexVerdict {
        found: Vec::new(),
        missing: expected.iter().map(|(key, _)| missing_entry(key)).collect(),
    }
}

fn missing_entry(key: &[u8]) -> String {
    format!("index entry {} is missing", hex::encode(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;

    fn entry(key: &[u8], value: &[u8]) -> IndexEntry {
        (key.to_vec(), value.to_vec())
    }

    fn stored(entries: &[(&[u8], &[u8])]) -> Vec<Result<(Vec<u8>, Vec<u8>)>> {
        entries
            .iter()
            .map(|(k, v)| Ok((k.to_vec(), v.to_vec())))
            .collect()
    }

    #[test]
    fn agreeing_streams_find_nothing() {
        let verdict = compare(
            stored(&[(b"\x43a", b""), (b"\x43b", b"1")]).into_iter(),
            vec![entry(b"\x43a", b""), entry(b"\x43b", b"1")],
        )
        .unwrap();
        assert_eq!(verdict, IndexVerdict::default());
    }

    #[test]
    fn each_disagreement_is_named_in_key_order_at_either_end_and_between() {
        let verdict = compare(
            stored(&[
                (b"\x43b", b""),
                (b"\x43c", b"2"),
                (b"\x43d", b""),
                (b"\x43f", b""),
            ])
            .into_iter(),
            vec![
                entry(b"\x43a", b""),
                entry(b"\x43b", b""),
                entry(b"\x43c", b"1"),
                entry(b"\x43e", b""),
                entry(b"\x43f", b""),
                entry(b"\x43g", b""),
            ],
        )
        .unwrap();
        assert_eq!(
            verdict.found,
            [
                format!("index entry {} points elsewhere", hex::encode(b"\x43c")),
                format!("index entry {} names no record", hex::encode(b"\x43d")),
            ]
        );
        assert_eq!(
            verdict.missing,
            ["\x43a", "\x43e", "\x43g"]
                .map(|k| format!("index entry {} is missing", hex::encode(k)))
        );
    }

    #[test]
    fn a_stored_key_that_is_a_prefix_of_an_expected_one_is_not_taken_for_it() {
        let verdict = compare(
            stored(&[(b"\x4cab", b"")]).into_iter(),
            vec![entry(b"\x4cab\x00", b"")],
        )
        .unwrap();
        assert_eq!(verdict.found.len(), 1);
        assert_eq!(verdict.missing.len(), 1);
    }

    #[test]
    fn a_read_error_ends_the_comparison_with_it() {
        let mut items = stored(&[(b"\x43a", b"")]);
        items.push(Err(StoreError::Damaged {
            path: "/s".into(),
            reason: "a page".into(),
        }));
        items.extend(stored(&[(b"\x43z", b"")]));
        let outcome = compare(items.into_iter(), vec![entry(b"\x43b", b"")]);
        assert!(matches!(outcome, Err(StoreError::Damaged { .. })));
    }
}
