//! For tests only: a logged change that no way in would make (a ballot changed behind an award, text
//! that every form and import would have cleaned), so that the tests can check what `check`, the
//! count and the desk make of such a store. The faces never call this (`grep -rn "store::testing"
//! src` finds only this file); everything else writes through `desk/`.

use super::records::Kind;
use super::{Record, Result, Store, Tx, buckets, keys};
use crate::domain::Id;

/// The records of one such change, committed together as one audit log entry.
pub struct BehindTheDesk<'a> {
    tx: Tx<'a>,
}

impl BehindTheDesk<'_> {
    /// Writes `record` as it is, with none of the desk's rules.
    pub fn put<T: Record>(&mut self, record: &T) -> Result<()> {
        self.tx.put(record)
    }
}

/// Writes what `change` puts as one logged commit named `action`; its log entry number.
#[doc(hidden)]
pub fn write_behind_the_desk(
    store: &Store,
    action: &str,
    change: impl FnOnce(&mut BehindTheDesk<'_>) -> Result<()>,
) -> Result<Option<u64>> {
    let mut writer = BehindTheDesk { tx: store.begin() };
    change(&mut writer)?;
    writer.tx.commit(action)
}

/// The index entries (or, under a record kind's tag, the records) stored under `prefix`, wherever
/// they are kept (a key each, or many to a bucket: `buckets`), in key order: for tests that damage
/// them. An unreadable bucket holds none.
#[doc(hidden)]
pub fn index_entries(db: &sled::Db, prefix: u8) -> sled::Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let mut entries = Vec::new();
    for item in db.scan_prefix([prefix]) {
        let (key, value) = item?;
        if !buckets::is_bucketed(prefix) {
            entries.push((key.to_vec(), value.to_vec()));
        } else if let Ok(held) = buckets::entries(&value) {
            entries.extend(held.into_iter().map(|(k, v)| (k.to_vec(), v.to_vec())));
        }
    }
    entries.sort();
    Ok(entries)
}

/// Sets one index entry or record (`None` removes it) where its prefix keeps it, behind the store's back, as
/// damage would: for tests of what `check` and the commands make of it. An unreadable bucket is
/// replaced.
#[doc(hidden)]
pub fn set_index_entry(db: &sled::Db, key: &[u8], value: Option<&[u8]>) -> sled::Result<()> {
    let Some(bucket) = buckets::bucket_of(key) else {
        match value {
            Some(value) => db.insert(key, value)?,
            None => db.remove(key)?,
        };
        return Ok(());
    };
    let stored = db.get(&bucket)?;
    let mut held: std::collections::BTreeMap<&[u8], &[u8]> = stored
        .as_deref()
        .and_then(|v| buckets::entries(v).ok())
        .unwrap_or_default()
        .into_iter()
        .collect();
    match value {
        Some(value) => held.insert(key, value),
        None => held.remove(key),
    };
    match buckets::encode(held.iter().map(|(k, v)| (*k, *v))) {
        Some(value) => db.insert(bucket, value)?,
        None => db.remove(bucket)?,
    };
    Ok(())
}

/// Sets the stored bytes of record `id` of the kind tagged `tag` (`None` removes it) in its bucket,
/// behind the store's back, as damage would.
#[doc(hidden)]
pub fn set_record(db: &sled::Db, tag: u8, id: Id, bytes: Option<&[u8]>) -> sled::Result<()> {
    set_index_entry(db, &keys::record(tag, id), bytes)
}

/// Moves record `id` of the kind tagged `tag`, bytes unchanged, out of its own bucket into the bucket
/// of record `into`, beside the records there: damage no commit makes (a record kept out of its
/// place). `false`, changing nothing, when either is missing or that bucket cannot be read.
#[doc(hidden)]
pub fn misplace_record(db: &sled::Db, tag: u8, id: Id, into: Id) -> sled::Result<bool> {
    let host = buckets::record_bucket(tag, into);
    let (Some(record), Some(value)) = (
        records(db, tag)?
            .into_iter()
            .find(|(found, _)| *found == id),
        db.get(&host)?,
    ) else {
        return Ok(false);
    };
    let Ok(entries) = buckets::entries(&value) else {
        return Ok(false);
    };
    let key = keys::record(tag, id);
    let mut held: std::collections::BTreeMap<&[u8], &[u8]> = entries.into_iter().collect();
    held.insert(&key, &record.1);
    let Some(moved) = buckets::encode(held.iter().map(|(k, v)| (*k, *v))) else {
        return Ok(false);
    };
    set_record(db, tag, id, None)?;
    db.insert(host, moved)?;
    Ok(true)
}

/// The stored bytes of every record of the kind tagged `tag`, by id, as `set_record` sees them.
#[doc(hidden)]
pub fn records(db: &sled::Db, tag: u8) -> sled::Result<Vec<(Id, Vec<u8>)>> {
    Ok(index_entries(db, tag)?
        .into_iter()
        .map(|(key, value)| (keys::trailing_id(&key).unwrap_or_default(), value))
        .collect())
}

/// Lays a store out as schema 11 kept it: every record a key of its own, and the schema number 11, so
/// that tests can watch the next open migrate it. Everything else is as it was.
#[doc(hidden)]
pub fn lay_out_as_schema_11(db: &sled::Db) -> sled::Result<()> {
    for kind in Kind::ALL {
        unbucket(db, kind.tag())?;
    }
    db.insert(keys::meta("schema"), &11u32.to_be_bytes())?;
    db.flush()?;
    Ok(())
}

/// Lays a store out as schema 10 kept it: what `lay_out_as_schema_11` does, and every entry of the
/// bucketed indexes a key of its own, and the schema number 10 (a schema-10 store is what an older
/// jurydesk leaves).
#[doc(hidden)]
pub fn lay_out_as_schema_10(db: &sled::Db) -> sled::Result<()> {
    lay_out_as_schema_11(db)?;
    for prefix in buckets::BUCKETED {
        unbucket(db, prefix)?;
    }
    db.insert(keys::meta("schema"), &10u32.to_be_bytes())?;
    db.flush()?;
    Ok(())
}

/// Every entry kept in the buckets under `prefix` made a key of its own.
fn unbucket(db: &sled::Db, prefix: u8) -> sled::Result<()> {
    let entries = index_entries(db, prefix)?;
    for key in db.scan_prefix([prefix]).keys() {
        db.remove(key?)?;
    }
    for (key, value) in entries {
        db.insert(key, value)?;
    }
    Ok(())
}

/// Every key and value of the store's default tree, in key order: for the unit tests that hold a
/// store "exactly as it was" (a staged commit cut short or given up).
#[cfg(test)]
pub(crate) fn contents(store: &Store) -> Vec<(Vec<u8>, Vec<u8>)> {
    store
        .db
        .iter()
        .map(|item| {
            let (k, v) = item.expect("a key of a test store");
            (k.to_vec(), v.to_vec())
        })
        .collect()
}
