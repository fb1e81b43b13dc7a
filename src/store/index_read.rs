//! Reading the indexes, wherever their entries are kept: one sled key each, or many to a bucket
//! (`buckets`, schema 11). Callers name the logical entries the records call for (`keys`) and never
//! see which.

use super::boundary::AtStore;
use super::buckets::{self, Children};
use super::records::Kind;
use super::{Result, Store, StoreError, keys};
use crate::domain::Id;
use std::path::Path;

/// Every entry stored under one index prefix, in key order, and what is wrong with how they are kept
/// (unreadable or misplaced bucket entries; always empty for a prefix kept a key per entry).
pub struct StoredEntries {
    pub entries: Vec<(Vec<u8>, Vec<u8>)>,
    pub flaws: Vec<String>,
}

/// The entries under one index prefix, read a stored value at a time: a bucket's entries are handed
/// over one by one, and what is wrong with how they are kept is gathered in `flaws` (a bucket that
/// cannot be read holds no entry; an entry kept in another bucket than its own is not handed over).
pub struct StoredStream<'s> {
    store: &'s Store,
    prefix: u8,
    stored: sled::Iter,
    held: std::collections::VecDeque<(Vec<u8>, Vec<u8>)>,
    pub flaws: Vec<String>,
}

impl Iterator for StoredStream<'_> {
    type Item = Result<(Vec<u8>, Vec<u8>)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(entry) = self.held.pop_front() {
                return Some(Ok(entry));
            }
            let (key, value) = match self.stored.next()?.at(&self.store.path) {
                Ok(item) => item,
                Err(e) => return Some(Err(e)),
            };
            if !buckets::is_bucketed(self.prefix) {
                return Some(Ok((key.to_vec(), value.to_vec())));
            }
            match buckets::judge(&key, &value) {
                Ok(judged) => {
                    self.flaws.extend(judged.misplaced.iter().map(|(entry, _)| {
                        format!(
                            "index entry {} is kept in bucket {}, not in its own",
                            hex::encode(entry),
                            hex::encode(&key)
                        )
                    }));
                    self.held
                        .extend(judged.entries.iter().map(|(k, v)| (k.to_vec(), v.to_vec())));
                }
                Err(e) => self.flaws.push(format!(
                    "index bucket {} cannot be read: {e}",
                    hex::encode(&key)
                )),
            }
        }
    }
}

impl Store {
    /// The ids under a one-to-many index (see `keys`), in id order.
    pub fn child_ids(&self, prefix: u8, parent: Id) -> Result<Vec<Id>> {
        self.usable()?;
        let children = keys::children(prefix, parent);
        if !buckets::is_bucketed(prefix) {
            return self
                .db
                .scan_prefix(&children)
                .keys()
                .map(|key| Ok(keys::trailing_id(&key.at(&self.path)?).unwrap_or_default()))
                .collect();
        }
        let mut ids = Vec::new();
        let mut take = |bucket: &[u8], value: &[u8]| -> Result<()> {
            ids.extend(self.children_in(bucket, value, &children)?);
            Ok(())
        };
        match buckets::children_of(prefix, parent) {
            Children::One(bucket) => {
                if let Some(value) = self.db.get(&bucket).at(&self.path)? {
                    take(&bucket, &value)?;
                }
            }
            Children::Scan(range) => {
                for item in self.db.scan_prefix(range) {
                    let (bucket, value) = item.at(&self.path)?;
                    take(&bucket, &value)?;
                }
            }
        }
        Ok(ids)
    }

    /// The lowest and highest id under a one-to-many index, without reading the ids between: for an
    /// edition's scan, which only needs its bounds (`edition_submissions`).
    pub fn child_id_bounds(&self, prefix: u8, parent: Id) -> Result<Option<(Id, Id)>> {
        self.usable()?;
        let Children::Scan(range) = buckets::children_of(prefix, parent) else {
            let ids = self.child_ids(prefix, parent)?;
            return Ok(ids.first().copied().zip(ids.last().copied()));
        };
        if !buckets::is_bucketed(prefix) {
            let mut keys = self.db.scan_prefix(&range).keys();
            let first = keys.next().transpose().at(&self.path)?;
            let last = keys
                .next_back()
                .transpose()
                .at(&self.path)?
                .or(first.clone());
            return Ok(first
                .zip(last)
                .and_then(|(a, b)| keys::trailing_id(&a).zip(keys::trailing_id(&b))));
        }
        // The buckets of consecutive ids hold them in order: the first entry of the first bucket and
        // the last of the last.
        // From either end, the first bucket that holds one of the parent's entries in its own place
        // (a damaged bucket may hold only entries that belong elsewhere, which `check` names).
        let ids_in = |item: sled::Result<(sled::IVec, sled::IVec)>| -> Result<Vec<Id>> {
            let (bucket, value) = item.at(&self.path)?;
            self.children_in(&bucket, &value, &range)
        };
        let mut lowest = None;
        for item in self.db.scan_prefix(&range) {
            if let Some(&id) = ids_in(item)?.first() {
                lowest = Some(id);
                break;
            }
        }
        let mut highest = None;
        for item in self.db.scan_prefix(&range).rev() {
            if let Some(&id) = ids_in(item)?.last() {
                highest = Some(id);
                break;
            }
        }
        Ok(lowest.zip(highest))
    }

    /// The films with this identity (`records::film_identity`), in id order: how an import finds the
    /// film it meets again.
    pub fn films_with_identity(&self, identity: &[u8]) -> Result<Vec<Id>> {
        self.usable()?;
        let bucket = buckets::identity_bucket(identity);
        let Some(value) = self.db.get(&bucket).at(&self.path)? else {
            return Ok(Vec::new());
        };
        let held = buckets::entries(&value).map_err(|e| self.bad_bucket(&bucket, &e))?;
        Ok(held
            .into_iter()
            .filter(|(key, _)| key.len() == identity.len() + 8 && key.starts_with(identity))
            .filter_map(|(key, _)| keys::trailing_id(key))
            .collect())
    }

    /// The ids stored as the values of every unique index key under `prefix` (e.g. an edition's
    /// screening rounds by number), in key order. Only for prefixes kept a key per entry.
    pub fn ids_valued_under(&self, prefix: &[u8]) -> Result<Vec<Id>> {
        self.usable()?;
        self.db
            .scan_prefix(prefix)
            .values()
            .map(|value| Ok(keys::trailing_id(&value.at(&self.path)?).unwrap_or_default()))
            .collect()
    }

    /// The id stored under a unique index key (a code, an outside id, a category+juror pair).
    pub fn id_at(&self, index_key: &[u8]) -> Result<Option<Id>> {
        Ok(self
            .index_value(index_key)?
            .and_then(|v| keys::trailing_id(&v)))
    }

    /// The value of one index entry, if it is stored.
    pub fn index_value(&self, index_key: &[u8]) -> Result<Option<Vec<u8>>> {
        let Some(bucket) = buckets::bucket_of(index_key) else {
            return Ok(self.db.get(index_key).at(&self.path)?.map(|v| v.to_vec()));
        };
        let Some(value) = self.db.get(&bucket).at(&self.path)? else {
            return Ok(None);
        };
        let held = buckets::entries(&value).map_err(|e| self.bad_bucket(&bucket, &e))?;
        Ok(held
            .binary_search_by(|(key, _)| (*key).cmp(index_key))
            .ok()
            .and_then(|at| held.get(at))
            .map(|(_, v)| v.to_vec()))
    }

    /// Every entry stored under an index prefix, for `check`'s reference: a bucketed prefix's
    /// buckets are read whole and their entries put in key order.
    pub fn stored_index_entries(&self, prefix: u8) -> Result<StoredEntries> {
        let mut stream = self.stored_index_stream(prefix);
        let mut entries = stream.by_ref().collect::<Result<Vec<_>>>()?;
        if !buckets::in_key_order(prefix) {
            entries.sort_unstable();
        }
        Ok(StoredEntries {
            entries,
            flaws: stream.flaws,
        })
    }

    /// The entries stored under an index prefix as they are read: one bucket at a time, each judged
    /// (see `StoredStream`). In key order for a prefix kept a key per entry or in buckets of
    /// consecutive keys (`buckets::in_key_order`); otherwise in bucket order.
    pub fn stored_index_stream(&self, prefix: u8) -> StoredStream<'_> {
        StoredStream {
            store: self,
            prefix,
            stored: self.db.scan_prefix([prefix]),
            held: std::collections::VecDeque::new(),
            flaws: Vec::new(),
        }
    }

    /// The ids of the entries `children *` a stored bucket holds, in order. An entry kept in another
    /// bucket than its own is left out, as `check` counts it (not stored, and named there).
    fn children_in(&self, bucket: &[u8], value: &[u8], children: &[u8]) -> Result<Vec<Id>> {
        let held = buckets::entries(value).map_err(|e| self.bad_bucket(bucket, &e))?;
        Ok(held
            .into_iter()
            .filter(|(key, _)| key.len() == children.len() + 8 && key.starts_with(children))
            .filter(|(key, _)| buckets::bucket_of(key).as_deref() == Some(bucket))
            .filter_map(|(key, _)| keys::trailing_id(key))
            .collect())
    }

    /// The damage of a bucket that cannot be read, for a command that meets it.
    pub(super) fn bad_bucket(&self, bucket: &[u8], error: &buckets::BucketError) -> StoreError {
        bucket_damage(&self.path, bucket, error)
    }
}

/// The damage of a bucket that cannot be read (an index's or a kind of record's), for a command that
/// meets it.
pub(super) fn bucket_damage(
    path: &Path,
    bucket: &[u8],
    error: &buckets::BucketError,
) -> StoreError {
    let what = match bucket.first().copied().and_then(Kind::from_tag) {
        Some(kind) => kind.name(),
        None => "index",
    };
    StoreError::Damaged {
        path: path.to_path_buf(),
        reason: format!(
            "the {what} bucket {} cannot be read ({error}); `jurydesk check` lists every problem",
            hex::encode(bucket)
        ),
    }
}
