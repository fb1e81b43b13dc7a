//! Schema migrations, run on open (docs/architecture.md#keys-and-codec): a store written by an older
//! jurydesk is brought up to `SCHEMA_VERSION` all or nothing (one batch, or for a large store a
//! staged commit that the next open rolls back and does again if it is cut short: `staging`); one
//! written by a newer jurydesk is refused and left untouched.

use std::borrow::Cow;

use super::boundary::AtStore;
use super::records::{Kind, index_entries_of, upgrade};
use super::staging::{self, Writes};
use super::{Result, SCHEMA_VERSION, Store, StoreError, buckets, keys, read_model, summary};

const SCHEMA_KEY: &str = "schema";

/// What a migration is called in the staging marker: a migration cut short is rolled back on the next
/// open and then done again whole, so the user is not asked to redo it (`Store::open`).
pub(super) const ACTION: &str = "bring the store up to today's schema";

/// The schema version the store records, or `None` for a store with no schema record yet.
fn stored_schema(store: &Store) -> Result<Option<u32>> {
    let Some(raw) = store.db.get(keys::meta(SCHEMA_KEY)).at(&store.path)? else {
        return Ok(None);
    };
    let bytes: [u8; 4] = raw.as_ref().try_into().map_err(|_| StoreError::Damaged {
        path: store.path.clone(),
        reason: "the schema version record has the wrong size".into(),
    })?;
    Ok(Some(u32::from_be_bytes(bytes)))
}

/// Refuses a store written by a newer jurydesk, reading only: run before anything writes on open.
pub(super) fn refuse_newer(store: &Store) -> Result<()> {
    match stored_schema(store)? {
        Some(found) if found > SCHEMA_VERSION => Err(StoreError::NewerSchema {
            path: store.path.clone(),
            found,
        }),
        _ => Ok(()),
    }
}

/// The steps (by the schema they start from) that rewrite most keys of a store, leaving their old
/// place free in sled's file: the open compacts the store after them (`compact::after_upgrade`).
const MOVES_LAYOUT: [u32; 2] = [10, 11];

/// Brings the store up to `SCHEMA_VERSION`; the schema it was upgraded from when a step of the
/// upgrade moved its layout (`MOVES_LAYOUT`).
pub(super) fn bring_up_to_date(store: &Store) -> Result<Option<u32>> {
    refuse_newer(store)?;
    let found = match stored_schema(store)? {
        Some(found) => found,
        None if store.db.is_empty() => {
            let mut batch = sled::Batch::default();
            batch.insert(keys::meta(SCHEMA_KEY), &SCHEMA_VERSION.to_be_bytes());
            batch.insert(
                keys::meta(read_model::FINGERPRINT_KEY),
                &summary::derivation_fingerprint(),
            );
            store.db.apply_batch(batch).at(&store.path)?;
            store.flush()?;
            return Ok(None);
        }
        None => {
            return Err(StoreError::Damaged {
                path: store.path.clone(),
                reason: "it holds data but no schema version".into(),
            });
        }
    };
    if found < SCHEMA_VERSION {
        // Staged like an import: schema 11 rewrites every index entry of a 100k store, which as one
        // sled batch peaked at 1.8 GB.
        staging::apply(store, ACTION, steps_from(store, found)?, schema_batch()).map_err(
            |error| match error {
                StoreError::WriteRefused { path, fault } => StoreError::UpgradeRefused {
                    path,
                    fault,
                    from: found,
                },
                other => other,
            },
        )?;
    }
    refresh_read_model(store)?;
    Ok((found..SCHEMA_VERSION)
        .any(|from| MOVES_LAYOUT.contains(&from))
        .then_some(found))
}

/// Builds the submission summaries when there are none yet (a store migrated to schema 4, or one whose
/// rebuild was cut short) or rebuilds them when they were derived by other rules than today's (the
/// folding of docs/text.md#folding changed between versions): otherwise a search would miss rows it
/// should find.
fn refresh_read_model(store: &Store) -> Result<()> {
    if read_model::up_to_date(store)? {
        return Ok(());
    }
    read_model::rebuild(store)
}

/// Every write that brings a store from schema `found` up to today's, but the schema itself.
fn steps_from(store: &Store, found: u32) -> Result<Writes<'static>> {
    let mut writes = Writes::new();
    for from in found..SCHEMA_VERSION {
        step(store, from, &mut writes)?;
    }
    Ok(writes)
}

/// The last batch of a migration, which makes it happen: today's schema version.
fn schema_batch() -> sled::Batch {
    let mut last = sled::Batch::default();
    last.insert(keys::meta(SCHEMA_KEY), &SCHEMA_VERSION.to_be_bytes());
    last
}

/// The change from schema `from` to `from + 1`, added to `writes`.
fn step(store: &Store, from: u32, writes: &mut Writes<'_>) -> Result<()> {
    match from {
        // Schema 2: submissions carry their status history (record format 2).
        1 => rewrite_in_current_format(store, Kind::Submission, writes),
        // Schema 3: films are indexed by identity (title, directors, year) so imports can link them.
        // (Written as a key per entry, as schema 3 kept them; schema 11's step moves them into
        // their buckets with the rest.)
        2 => add_index_entries(store, Kind::Film, writes),
        // Schema 4: every submission has a summary, the read model of the lists. They are derived
        // data, built by `refresh_read_model` after the records are up to date; the bump itself is
        // what matters here: it keeps out an older jurydesk, which would not keep them.
        3 => Ok(()),
        // Schema 5: a large commit is written in slices under a marker that the next open rolls back
        // (`staging`). Nothing to convert; the bump keeps out an older jurydesk, which would not roll
        // back a commit cut short and would read its first slices as if they were all of it.
        4 => Ok(()),
        // Schema 6: jurors may be declared absent and may have probable conflicts cleared (juror
        // format 2). Rewritten so that an older jurydesk, which cannot read format 2, is kept out.
        5 => rewrite_in_current_format(store, Kind::Juror, writes),
        // Schema 7: screening rounds, screeners, assignments and ratings (record kinds 0x0A..=0x0D,
        // index prefixes 0x4D..=0x4F and 0x52). Nothing to convert; the bump keeps out an older
        // jurydesk, which would neither check nor back up the new records.
        6 => Ok(()),
        // Schema 8: a juror may have a jury-room PIN, kept as a salted hash (juror format 3, issue
        // 16). Rewritten so that an older jurydesk, which cannot read format 3, is kept out.
        7 => rewrite_in_current_format(store, Kind::Juror, writes),
        // Schema 9: an edition keeps its calendar (edition format 2). Rewritten so that an older
        // jurydesk, which cannot read format 2, is kept out.
        8 => rewrite_in_current_format(store, Kind::Edition, writes),
        // Schema 10: names in two scripts (issue 18 item 10): films keep their people's names in
        // the original script and other titles (film format 2), jurors their name in its own script
        // (juror format 4). Rewritten so that an older jurydesk, which reads neither, is kept out.
        // The summaries search the new names: their `DERIVATION` changed, so they rebuild once.
        9 => {
            rewrite_in_current_format(store, Kind::Film, writes)?;
            rewrite_in_current_format(store, Kind::Juror, writes)
        }
        // Schema 11: the indexes with an entry per submission or film (0x43, 0x44, 0x4B, 0x4C) are
        // kept many entries to a value (`buckets`, issue 17): an import writes thousands of values
        // instead of 400,000 keys. The same entries, moved as they are into their buckets.
        10 => move_into_buckets(store, writes),
        // Schema 12: records are kept sixteen to a value too (`buckets::record_bucket`, issue 17):
        // an import writes 6,250 record values instead of 100,000 keys or more. Moved as they are.
        11 => move_records_into_buckets(store, writes),
        _ => Ok(()),
    }
}

/// Moves every entry of the bucketed indexes, as it is stored, into its bucket: the keys a schema 10
/// store kept under those prefixes, and the entries an earlier step of this migration wrote there
/// (schema 3's film identities). Nothing is decoded: a record that cannot be read does not stop the
/// migration (`check` names it afterwards, as before), and damage to the indexes is carried over for
/// `check` to name instead of being quietly repaired.
fn move_into_buckets(store: &Store, writes: &mut Writes<'_>) -> Result<()> {
    let mut entries = Vec::new();
    for prefix in buckets::BUCKETED {
        for item in store.db.scan_prefix([prefix]) {
            let (key, value) = item.at(&store.path)?;
            entries.push((key.to_vec(), value.to_vec()));
            writes.insert(key.to_vec(), None);
        }
        let written: Vec<Vec<u8>> = writes
            .range(vec![prefix]..vec![prefix + 1])
            .filter(|(_, value)| value.is_some())
            .map(|(key, _)| key.clone())
            .collect();
        for key in written {
            if let Some(Some(value)) = writes.remove(&key) {
                entries.push((key, value.into_owned()));
            }
        }
    }
    // Removals first, then the buckets: a bucket's key may have the shape of an old entry's.
    for (bucket, value) in buckets::fill(entries) {
        writes.insert(bucket, Some(Cow::Owned(value)));
    }
    Ok(())
}

/// Moves every record, as it is stored, into its bucket: those a schema 11 store kept a key each, or
/// as an earlier step of this migration rewrote them. Nothing is decoded, as in `move_into_buckets`:
/// a record that cannot be read is carried over for `check` to name.
fn move_records_into_buckets(store: &Store, writes: &mut Writes<'_>) -> Result<()> {
    let mut records = Vec::new();
    for kind in Kind::ALL {
        for item in store.db.scan_prefix([kind.tag()]) {
            let (key, value) = item.at(&store.path)?;
            let rewritten = writes.remove(key.as_ref());
            let value = match rewritten {
                Some(Some(value)) => value.into_owned(),
                _ => value.to_vec(),
            };
            writes.insert(key.to_vec(), None);
            records.push((key.to_vec(), value));
        }
    }
    // Removals first, then the buckets: a bucket's key has the shape of an old record's.
    for (bucket, value) in buckets::fill(records) {
        writes.insert(bucket, Some(Cow::Owned(value)));
    }
    Ok(())
}

/// Writes the index entries every record of `kind` keeps today, for an index that did not exist when
/// the records were written (the entries are derived from the records alone, see `records`).
fn add_index_entries(store: &Store, kind: Kind, writes: &mut Writes<'_>) -> Result<()> {
    for item in store.db.scan_prefix([kind.tag()]) {
        let (key, value) = item.at(&store.path)?;
        let entries = index_entries_of(kind, &value).map_err(|source| StoreError::Record {
            kind: kind.name(),
            id: keys::trailing_id(&key).unwrap_or_default(),
            source,
        })?;
        for (index_key, index_value) in entries {
            writes.insert(index_key, Some(Cow::Owned(index_value)));
        }
    }
    Ok(())
}

fn rewrite_in_current_format(store: &Store, kind: Kind, writes: &mut Writes<'_>) -> Result<()> {
    for item in store.db.scan_prefix([kind.tag()]) {
        let (key, value) = item.at(&store.path)?;
        let upgraded = upgrade(kind, &value).map_err(|source| StoreError::Record {
            kind: kind.name(),
            id: keys::trailing_id(&key).unwrap_or_default(),
            source,
        })?;
        writes.insert(key.to_vec(), Some(Cow::Owned(upgraded)));
    }
    Ok(())
}

#[cfg(test)]
#[path = "migrate_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "migrate_schema_10_tests.rs"]
mod schema_10_tests;

#[cfg(test)]
#[path = "migrate_schema_11_tests.rs"]
mod schema_11_tests;

#[cfg(test)]
#[path = "migrate_schema_12_tests.rs"]
mod schema_12_tests;
