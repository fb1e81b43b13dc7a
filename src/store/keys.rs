//! The sled key layout (docs/architecture.md#keys-and-codec), built by hand so that keys sort: a
//! one-byte prefix, then big-endian integers. bincode's varints do not sort, so no key is ever
//! produced by the codec.
//!
//! ```text
//! 0x00 name                      meta: schema version, id counters, head of the audit log
//! 0x01..=0x0D id                 records, one prefix per kind (see `Kind::tag`) (bucketed)
//! 0x40 code                      festival code  -> festival id
//! 0x41 code                      edition code   -> edition id
//! 0x42 festival edition          editions of a festival
//! 0x43 edition submission        submissions of an edition (bucketed)
//! 0x44 film submission           submissions of a film, its history across editions (bucketed)
//! 0x45 edition category          categories of an edition
//! 0x46 edition juror             jurors of an edition
//! 0x47 category nomination       nominations in a category
//! 0x48 submission nomination     nominations of a submission
//! 0x49 category juror            -> ballot id: one ballot per juror and category
//! 0x4A category award            awards of a category
//! 0x4B edition external-id       -> submission id: one submission per outside id and edition (bucketed)
//! 0x4C title 0 directors 0 year film   films by identity (folded title, directors, year), for linking (bucketed)
//! 0x4D edition number          -> screening round id: one round per number and edition
//! 0x4E edition screener          screeners of an edition
//! 0x4F round screener            -> assignments id: one list per screener and round
//! 0x52 round submission screener -> rating id: one rating per screener, submission and round
//! 0x50 edition page              -> submission summaries } the read model of the lists (`read_model`)
//! 0x51 edition                   -> submission count     }
//! 0xE0 slice                     journal of a commit being staged in slices, as jurydesk kept it
//!                                before it had a tree of its own (`staging::JOURNAL_TREE`)
//! 0xF0 seq                       audit log entries
//! ```
//!
//! The entries of the four "bucketed" indexes (schema 11) and the records (schema 12) are not a key
//! each: many are kept in one sled value (`buckets`), under keys of their own. The entries themselves
//! are as listed: a record's key is still its kind's tag and its id.

use crate::domain::Id;

pub const META: u8 = 0x00;
pub const FESTIVAL_CODE: u8 = 0x40;
pub const EDITION_CODE: u8 = 0x41;
pub const EDITIONS_OF_FESTIVAL: u8 = 0x42;
pub const SUBMISSIONS_OF_EDITION: u8 = 0x43;
pub const SUBMISSIONS_OF_FILM: u8 = 0x44;
pub const CATEGORIES_OF_EDITION: u8 = 0x45;
pub const JURORS_OF_EDITION: u8 = 0x46;
pub const NOMINATIONS_OF_CATEGORY: u8 = 0x47;
pub const NOMINATIONS_OF_SUBMISSION: u8 = 0x48;
pub const BALLOT_OF_CATEGORY_JUROR: u8 = 0x49;
pub const AWARDS_OF_CATEGORY: u8 = 0x4A;
pub const SUBMISSION_BY_EXTERNAL_ID: u8 = 0x4B;
pub const FILMS_BY_IDENTITY: u8 = 0x4C;
pub const ROUND_BY_NUMBER: u8 = 0x4D;
pub const SCREENERS_OF_EDITION: u8 = 0x4E;
pub const ASSIGNMENTS_OF_ROUND: u8 = 0x4F;
pub const RATINGS_OF_ROUND: u8 = 0x52;
/// Not indexes of one record but a read model derived from submissions and their films: `check` and
/// rebuilds treat it apart (see `read_model`), so these are not in `INDEX_PREFIXES`.
pub const SUBMISSION_SUMMARIES: u8 = 0x50;
pub const SUBMISSION_COUNTS: u8 = 0x51;
/// What the slices of a large commit overwrote, while it is being written (`staging`): not data. Only
/// read, and removed, where an older jurydesk left it: the journal now has a tree of its own.
pub const STAGED: u8 = 0xE0;
pub const LOG: u8 = 0xF0;

/// Every index prefix, for `check` and for rebuilding indexes in a migration.
pub const INDEX_PREFIXES: [u8; 17] = [
    FESTIVAL_CODE,
    EDITION_CODE,
    EDITIONS_OF_FESTIVAL,
    SUBMISSIONS_OF_EDITION,
    SUBMISSIONS_OF_FILM,
    CATEGORIES_OF_EDITION,
    JURORS_OF_EDITION,
    NOMINATIONS_OF_CATEGORY,
    NOMINATIONS_OF_SUBMISSION,
    BALLOT_OF_CATEGORY_JUROR,
    AWARDS_OF_CATEGORY,
    SUBMISSION_BY_EXTERNAL_ID,
    FILMS_BY_IDENTITY,
    ROUND_BY_NUMBER,
    SCREENERS_OF_EDITION,
    ASSIGNMENTS_OF_ROUND,
    RATINGS_OF_ROUND,
];

pub fn meta(name: &str) -> Vec<u8> {
    prefixed(META, name.as_bytes())
}

pub fn record(tag: u8, id: Id) -> Vec<u8> {
    prefixed(tag, &id.to_be_bytes())
}

/// The journal entry of slice `number` of a staged commit, as an older jurydesk kept it (tests).
pub fn staged(number: u64) -> Vec<u8> {
    prefixed(STAGED, &number.to_be_bytes())
}

pub fn log(seq: u64) -> Vec<u8> {
    prefixed(LOG, &seq.to_be_bytes())
}

/// A unique-name index key: prefix then the name's bytes.
pub fn code(prefix: u8, code: &str) -> Vec<u8> {
    prefixed(prefix, code.as_bytes())
}

/// A one-to-many index key: prefix, parent id, child id.
pub fn pair(prefix: u8, parent: Id, child: Id) -> Vec<u8> {
    let mut key = Vec::with_capacity(17);
    key.push(prefix);
    key.extend_from_slice(&parent.to_be_bytes());
    key.extend_from_slice(&child.to_be_bytes());
    key
}

/// A per-parent unique-name index key: prefix, parent id, then the name's bytes.
pub fn scoped_code(prefix: u8, parent: Id, code: &str) -> Vec<u8> {
    let mut key = children(prefix, parent);
    key.extend_from_slice(code.as_bytes());
    key
}

/// The key of an edition's screening round `number`.
pub fn round_number(edition: Id, number: u32) -> Vec<u8> {
    let mut key = children(ROUND_BY_NUMBER, edition);
    key.extend_from_slice(&number.to_be_bytes());
    key
}

/// The key of one screener's rating of one submission in a round: grouped by round, then by
/// submission, so that a round's ratings are one range and a submission's are a sub-range.
pub fn rating(round: Id, submission: Id, screener: Id) -> Vec<u8> {
    let mut key = pair(RATINGS_OF_ROUND, round, submission);
    key.extend_from_slice(&screener.to_be_bytes());
    key
}

/// Where a page of an edition's submission summaries is kept (`summary::page_of`): grouped by
/// edition, so that an edition's list is one range.
pub fn summary_page(edition: Id, page: u64) -> Vec<u8> {
    pair(SUBMISSION_SUMMARIES, edition, page)
}

/// Where the number of an edition's submissions is kept.
pub fn submission_count(edition: Id) -> Vec<u8> {
    prefixed(SUBMISSION_COUNTS, &edition.to_be_bytes())
}

/// The range of `pair` keys under one parent.
pub fn children(prefix: u8, parent: Id) -> Vec<u8> {
    prefixed(prefix, &parent.to_be_bytes())
}

/// The id at the end of a record or `pair` key.
pub fn trailing_id(key: &[u8]) -> Option<Id> {
    let tail: [u8; 8] = key.get(key.len().checked_sub(8)?..)?.try_into().ok()?;
    Some(Id::from_be_bytes(tail))
}

/// The key prefix under which films with this identity are listed (each entry appends the film id).
/// Imports use it to link a film they meet again instead of duplicating it. The parts are folded
/// (`text::fold`), so "Café" and "CAFE" by the same director in the same year are one film; NUL and
/// 0x01 bytes are dropped so that the separators cannot be forged and one identity is never a prefix
/// of another.
pub fn film_identity(
    folded_title: &str,
    folded_directors: &[String],
    year: Option<i32>,
) -> Vec<u8> {
    let clean = |s: &str| s.bytes().filter(|&b| b > 0x01).collect::<Vec<u8>>();
    let mut key = vec![FILMS_BY_IDENTITY];
    key.extend(clean(folded_title));
    key.push(0);
    for (i, director) in folded_directors.iter().enumerate() {
        if i > 0 {
            key.push(1);
        }
        key.extend(clean(director));
    }
    key.push(0);
    match year {
        Some(y) => {
            key.push(1);
            key.extend_from_slice(&y.to_be_bytes());
        }
        None => key.extend_from_slice(&[0; 5]),
    }
    key
}

pub fn id_value(id: Id) -> Vec<u8> {
    id.to_be_bytes().to_vec()
}

fn prefixed(prefix: u8, rest: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(1 + rest.len());
    key.push(prefix);
    key.extend_from_slice(rest);
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_keys_sort_by_id() {
        let ids = [0u64, 1, 255, 256, 65_535, 1 << 40, u64::MAX];
        let keys: Vec<Vec<u8>> = ids.iter().map(|&id| record(3, id)).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted);
        for (key, id) in keys.iter().zip(ids) {
            assert_eq!(trailing_id(key), Some(id));
        }
    }

    #[test]
    fn pair_keys_group_by_parent() {
        let a = pair(SUBMISSIONS_OF_EDITION, 2, u64::MAX);
        let b = pair(SUBMISSIONS_OF_EDITION, 3, 0);
        assert!(a < b);
        assert!(a.starts_with(&children(SUBMISSIONS_OF_EDITION, 2)));
        assert_eq!(trailing_id(&b), Some(0));
        assert_eq!(trailing_id(&[1, 2]), None);
    }
}
