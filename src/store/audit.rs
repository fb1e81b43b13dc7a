//! The tamper-evident audit log (docs/architecture.md#audit-log): every committed change appends an
//! entry that carries the before and after bytes of each record it touched, and a SHA-256 hash over
//! the previous entry's hash and its own content. Editing, removing or reordering any entry breaks
//! the chain.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::codec::{self, CodecError};
use super::records::Kind;
use crate::domain::Id;

pub const ENTRY_VERSION: u8 = 1;

mod by_ref;
pub use by_ref::{ChangeRef, EntryRef, SealedRef};

/// One record's change inside an entry: `None` before means it was created, `None` after deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub kind: Kind,
    pub id: Id,
    #[serde(with = "record_bytes")]
    pub before: Option<Vec<u8>>,
    #[serde(with = "record_bytes")]
    pub after: Option<Vec<u8>>,
}

/// A change's record bytes as one byte string rather than a sequence of `u8`s. bincode writes both
/// alike (a length, then the bytes), so entries keep their bytes and hashes; but serde reads and writes
/// a sequence one element at a time, and a large import's entry holds tens of megabytes of them:
/// decoding the log was 0.3 s of `check` at 100k.
mod record_bytes {
    use std::fmt;

    use serde::de::{self, SeqAccess, Visitor};
    use serde::{Deserializer, Serializer};

    // serde's `with` hands over a reference to the field itself.
    #[allow(clippy::ref_option)]
    pub fn serialize<S: Serializer>(bytes: &Option<Vec<u8>>, out: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&super::by_ref::Optional(bytes.as_deref()), out)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<Vec<u8>>, D::Error> {
        input.deserialize_option(OptionalBytes)
    }

    struct OptionalBytes;

    impl<'de> Visitor<'de> for OptionalBytes {
        type Value = Option<Vec<u8>>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("record bytes or nothing")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
            input.deserialize_byte_buf(ByteBuf).map(Some)
        }
    }

    struct ByteBuf;

    impl<'de> Visitor<'de> for ByteBuf {
        type Value = Vec<u8>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("record bytes")
        }

        fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Self::Value, E> {
            Ok(bytes.to_vec())
        }

        fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Self::Value, E> {
            Ok(bytes)
        }

        /// A format that writes bytes as a list of numbers (JSON, say) reads them back as one.
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
            while let Some(byte) = seq.next_element::<u8>()? {
                bytes.push(byte);
            }
            Ok(bytes)
        }
    }
}

/// What one committed action did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub seq: u64,
    pub at: DateTime<Utc>,
    /// The operating-system user who ran jurydesk.
    pub user: String,
    /// What the user did, in words, e.g. `submission add "North from South West" to fajr-43`.
    pub action: String,
    pub changes: Vec<Change>,
    /// Set on an undo: the sequence number of the entry it reversed.
    pub undoes: Option<u64>,
    pub prev_hash: [u8; 32],
}

/// An entry as stored: the entry and the hash that chains it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub entry: Entry,
    pub hash: [u8; 32],
}

/// SHA-256 over the previous hash and an entry's encoding (which includes it).
fn chain_hash(prev_hash: &[u8; 32], entry_bytes: &[u8]) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(prev_hash);
    hasher.update(entry_bytes);
    hasher.finalize().into()
}

impl Entry {
    /// The chain hash: SHA-256 over the previous hash and this entry's encoding (which includes it).
    pub fn hash(&self) -> Result<[u8; 32], CodecError> {
        let bytes = codec::encode(ENTRY_VERSION, self)?;
        Ok(chain_hash(&self.prev_hash, &bytes))
    }

    pub fn seal(self) -> Result<Sealed, CodecError> {
        let hash = self.hash()?;
        Ok(Sealed { entry: self, hash })
    }

    /// "festival 1, edition 2": the records an entry touched, for `log`.
    pub fn keys(&self) -> String {
        let mut words: Vec<String> = self
            .changes
            .iter()
            .take(4)
            .map(|c| format!("{} {}", c.kind.name(), c.id))
            .collect();
        if self.changes.len() > 4 {
            words.push(format!("and {} more", self.changes.len() - 4));
        }
        words.join(", ")
    }
}

impl Sealed {
    pub fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(ENTRY_VERSION, self)
    }

    pub fn decode(bytes: &[u8]) -> Result<Sealed, CodecError> {
        codec::decode(ENTRY_VERSION, bytes)
    }
}

/// The hash before the first entry.
pub const GENESIS: [u8; 32] = [0; 32];

/// Why `log --verify` failed: the first broken place in the chain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("log entry {seq} cannot be read: {reason}")]
    Unreadable { seq: u64, reason: String },
    #[error(
        "log entry {seq} was changed after it was written (its hash does not match its content)"
    )]
    Altered { seq: u64 },
    #[error("log entry {seq} does not follow entry {previous} (an entry was removed or reordered)")]
    Broken { seq: u64, previous: u64 },
    #[error(
        "the log ends at entry {last} but the store recorded {head} as the last one (entries were removed)"
    )]
    Truncated { last: u64, head: u64 },
}

/// Walks entries in key order and checks the chain. `head` is the last (seq, hash) the store recorded.
pub fn verify_chain(
    entries: impl Iterator<Item = (u64, Result<Sealed, CodecError>)>,
    head: Option<(u64, [u8; 32])>,
) -> Result<u64, ChainError> {
    let mut walk = ChainWalk::default();
    for (key_seq, sealed) in entries {
        walk.step_read(key_seq, sealed.as_ref())?;
    }
    walk.end(head)
}

/// The chain checked an entry at a time, for logs read as a stream: a backup being restored holds one
/// entry in memory at a time, not the log, and `check` reads the log once for the chain and for the
/// records' latest values together.
#[derive(Debug, Clone, Copy)]
pub struct ChainWalk {
    previous_seq: u64,
    previous_hash: [u8; 32],
}

impl Default for ChainWalk {
    fn default() -> Self {
        ChainWalk {
            previous_seq: 0,
            previous_hash: GENESIS,
        }
    }
}

impl ChainWalk {
    /// Checks that `sealed`, read under key `key_seq`, follows the entries walked so far.
    pub fn step(&mut self, key_seq: u64, sealed: &Sealed) -> Result<(), ChainError> {
        let entry = &sealed.entry;
        if entry.seq != key_seq
            || entry.seq != self.previous_seq + 1
            || entry.prev_hash != self.previous_hash
        {
            return Err(ChainError::Broken {
                seq: key_seq,
                previous: self.previous_seq,
            });
        }
        let hash = entry.hash().map_err(|e| ChainError::Unreadable {
            seq: key_seq,
            reason: e.to_string(),
        })?;
        if hash != sealed.hash {
            return Err(ChainError::Altered { seq: key_seq });
        }
        self.previous_seq = entry.seq;
        self.previous_hash = hash;
        Ok(())
    }

    /// `step` for an entry as read from the store, which may not have decoded.
    pub fn step_read(
        &mut self,
        key_seq: u64,
        sealed: Result<&Sealed, &CodecError>,
    ) -> Result<(), ChainError> {
        let sealed = sealed.map_err(|e| ChainError::Unreadable {
            seq: key_seq,
            reason: e.to_string(),
        })?;
        self.step(key_seq, sealed)
    }

    /// After the last entry: whether the log ends where the store's head says; the number of entries.
    pub fn end(self, head: Option<(u64, [u8; 32])>) -> Result<u64, ChainError> {
        let (head_seq, head_hash) = head.unwrap_or((0, GENESIS));
        if head_seq != self.previous_seq {
            return Err(ChainError::Truncated {
                last: self.previous_seq,
                head: head_seq,
            });
        }
        if head_hash != self.previous_hash {
            return Err(ChainError::Altered { seq: head_seq });
        }
        Ok(self.previous_seq)
    }

    /// The last entry walked, (0, GENESIS) before any.
    pub fn last(&self) -> (u64, [u8; 32]) {
        (self.previous_seq, self.previous_hash)
    }
}

/// The OS user running jurydesk, for the log: from the environment, else (on Unix) the password
/// database entry of the process's user id, else `uid N`.
pub fn current_user() -> String {
    if let Some(name) = ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
    {
        return name;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(uid) = std::fs::metadata("/proc/self").map(|m| m.uid()) {
            let from_passwd = std::fs::read_to_string("/etc/passwd")
                .ok()
                .and_then(|passwd| {
                    passwd.lines().find_map(|line| {
                        let mut fields = line.split(':');
                        let name = fields.next()?;
                        let id = fields.nth(1)?;
                        (id.parse::<u32>().ok()? == uid).then(|| name.to_string())
                    })
                });
            return from_passwd.unwrap_or_else(|| format!("uid {uid}"));
        }
    }
    "unknown".into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// `Change` as it was written before its bytes were a byte string: a sequence of `u8`s.
    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct ChangeAsSequence {
        kind: Kind,
        id: Id,
        before: Option<Vec<u8>>,
        after: Option<Vec<u8>>,
    }

    proptest! {
        /// Entries already in every store were written with the bytes as a sequence: the same bytes
        /// must come out (or every chain hash would break) and go back in.
        #[test]
        fn record_bytes_are_written_and_read_as_they_always_were(
            id in any::<u64>(),
            before in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
            after in proptest::option::of(proptest::collection::vec(any::<u8>(), 0..300)),
        ) {
            let change = Change { kind: Kind::Submission, id, before: before.clone(), after: after.clone() };
            let old = ChangeAsSequence { kind: Kind::Submission, id, before, after };
            let bytes = codec::encode(ENTRY_VERSION, &change).unwrap();
            prop_assert_eq!(&bytes, &codec::encode(ENTRY_VERSION, &old).unwrap());
            prop_assert_eq!(codec::decode::<Change>(ENTRY_VERSION, &bytes).unwrap(), change);
        }
    }

    #[test]
    fn record_bytes_cut_short_are_refused_as_damage() {
        let change = Change {
            kind: Kind::Film,
            id: 7,
            before: None,
            after: Some(vec![9; 40]),
        };
        let bytes = codec::encode(ENTRY_VERSION, &change).unwrap();
        for end in 1..bytes.len() {
            assert!(
                codec::decode::<Change>(ENTRY_VERSION, &bytes[..end]).is_err(),
                "cut at {end}"
            );
        }
    }

    fn entry(seq: u64, prev_hash: [u8; 32]) -> Entry {
        Entry {
            seq,
            at: DateTime::from_timestamp(1_700_000_000 + seq as i64, 0).unwrap(),
            user: "secretary".into(),
            action: format!("action {seq}"),
            changes: vec![Change {
                kind: Kind::Film,
                id: seq,
                before: None,
                after: Some(vec![1, 2, 3]),
            }],
            undoes: None,
            prev_hash,
        }
    }

    /// A commit seals its entry from borrowed changes (`EntryRef::sealed_into`) and reads it back in
    /// place (`SealedRef`): the same hash and bytes as sealing an `Entry` of the same fields and
    /// encoding it, and the same fields read back, whatever the entry holds.
    #[test]
    fn an_entry_sealed_by_reference_is_stored_as_one_sealed_by_value() {
        let mut undone = entry(7, [9; 32]);
        undone.undoes = Some(3);
        undone.user = "ana\u{e9}".into();
        undone.changes.push(Change {
            kind: Kind::Ballot,
            id: 1 << 40,
            before: Some(vec![0; 300]),
            after: None,
        });
        undone.changes.push(Change {
            kind: Kind::Submission,
            id: u64::MAX,
            before: Some(Vec::new()),
            after: Some(vec![7; 70_000]),
        });
        for entry in [entry(1, GENESIS), undone] {
            let sealed = entry.clone().seal().unwrap();
            let stored = sealed.encode().unwrap();
            let changes: Vec<ChangeRef<'_>> = entry
                .changes
                .iter()
                .map(|c| ChangeRef {
                    kind: c.kind,
                    id: c.id,
                    before: c.before.as_deref(),
                    after: c.after.as_deref(),
                })
                .collect();
            let by_reference = |changes| EntryRef {
                seq: entry.seq,
                at: entry.at,
                user: &entry.user,
                action: &entry.action,
                changes,
                undoes: entry.undoes,
                prev_hash: entry.prev_hash,
            };
            let (hash, bytes) = by_reference(&changes)
                .sealed_into(|size| vec![0; size])
                .unwrap();
            assert_eq!(hash, sealed.hash);
            assert_eq!(bytes, stored);
            assert_eq!(Sealed::decode(&bytes).unwrap(), sealed);

            let read = SealedRef::decode(&bytes).unwrap();
            assert_eq!(read.hash, sealed.hash);
            assert_eq!(read.entry.changes.0, changes);
            assert_eq!(
                (
                    read.entry.seq,
                    read.entry.at,
                    read.entry.user,
                    read.entry.action
                ),
                (
                    entry.seq,
                    entry.at,
                    entry.user.as_str(),
                    entry.action.as_str()
                )
            );
            assert_eq!(
                (read.entry.undoes, read.entry.prev_hash),
                (entry.undoes, entry.prev_hash)
            );
        }
    }

    /// A sealed entry read in place is checked as strictly as one read whole.
    #[test]
    fn a_sealed_entry_read_in_place_refuses_what_a_whole_read_refuses() {
        let bytes = entry(2, GENESIS).seal().unwrap().encode().unwrap();
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(SealedRef::decode(&longer).is_err());
        for end in [1, bytes.len() / 2, bytes.len() - 1] {
            assert!(SealedRef::decode(&bytes[..end]).is_err(), "cut at {end}");
        }
        let mut other = bytes.clone();
        other[0] = ENTRY_VERSION + 1;
        assert!(SealedRef::decode(&other).is_err());
    }

    fn chain(n: u64) -> Vec<Sealed> {
        let mut out = Vec::new();
        let mut prev = GENESIS;
        for seq in 1..=n {
            let sealed = entry(seq, prev).seal().unwrap();
            prev = sealed.hash;
            out.push(sealed);
        }
        out
    }

    fn verify(entries: &[Sealed], head: Option<(u64, [u8; 32])>) -> Result<u64, ChainError> {
        verify_chain(entries.iter().map(|s| (s.entry.seq, Ok(s.clone()))), head)
    }

    #[test]
    fn an_intact_chain_verifies() {
        let entries = chain(3);
        let head = Some((3, entries[2].hash));
        assert_eq!(verify(&entries, head), Ok(3));
        assert_eq!(verify(&[], None), Ok(0));
    }

    #[test]
    fn an_edited_entry_is_detected() {
        let mut entries = chain(3);
        let head = Some((3, entries[2].hash));
        entries[1].entry.action = "something else".into();
        assert_eq!(verify(&entries, head), Err(ChainError::Altered { seq: 2 }));
    }

    #[test]
    fn a_removed_entry_is_detected() {
        let mut entries = chain(3);
        let head = Some((3, entries[2].hash));
        entries.remove(1);
        assert!(matches!(
            verify(&entries, head),
            Err(ChainError::Broken { seq: 3, .. })
        ));
        let mut entries = chain(3);
        entries.pop();
        assert!(matches!(
            verify(&entries, head),
            Err(ChainError::Truncated { .. })
        ));
    }
}
