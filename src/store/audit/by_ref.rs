//! Audit entries by reference: an entry sealed straight from a transaction's records, and a sealed
//! entry read in place from its stored bytes (`Tx::commit`). Each is stored exactly as the owned
//! `Entry` and `Change` of the same fields are.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ENTRY_VERSION, chain_hash};
use crate::domain::Id;
use crate::store::codec::{self, CodecError};
use crate::store::records::Kind;

pub(super) use borrowed_bytes::Optional;

/// A change with its record bytes borrowed rather than owned: what a commit seals from the records its
/// transaction holds, and what it derives its writes from once they are let go and only the sealed
/// entry holds them (`SealedRef`). Stored exactly as the `Change` of the same fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub struct ChangeRef<'a> {
    pub kind: Kind,
    pub id: Id,
    #[serde(borrow, deserialize_with = "borrowed_bytes::deserialize")]
    pub before: Option<&'a [u8]>,
    #[serde(borrow, deserialize_with = "borrowed_bytes::deserialize")]
    pub after: Option<&'a [u8]>,
}

/// Written by hand, field for field as `Change`'s derived one is: the derived one would hand each
/// byte string's `Option` over by reference.
impl Serialize for ChangeRef<'_> {
    fn serialize<S: serde::Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut change = out.serialize_struct("Change", 4)?;
        change.serialize_field("kind", &self.kind)?;
        change.serialize_field("id", &self.id)?;
        change.serialize_field("before", &borrowed_bytes::Optional(self.before))?;
        change.serialize_field("after", &borrowed_bytes::Optional(self.after))?;
        change.end()
    }
}

/// `record_bytes` for bytes borrowed from the value being read (which must then be bytes in memory,
/// as the store's values are).
mod borrowed_bytes {
    use std::fmt;

    use serde::de::{self, Visitor};
    use serde::{Deserializer, Serializer};

    /// Record bytes or nothing, as one byte string (`record_bytes` writes its own through this).
    pub struct Optional<'a>(pub Option<&'a [u8]>);

    impl serde::Serialize for Optional<'_> {
        fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
            match self.0 {
                Some(bytes) => out.serialize_some(&Bytes(bytes)),
                None => out.serialize_none(),
            }
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(input: D) -> Result<Option<&'de [u8]>, D::Error> {
        input.deserialize_option(OptionalBytes)
    }

    struct Bytes<'a>(&'a [u8]);

    impl serde::Serialize for Bytes<'_> {
        fn serialize<S: Serializer>(&self, out: S) -> Result<S::Ok, S::Error> {
            out.serialize_bytes(self.0)
        }
    }

    struct OptionalBytes;

    impl<'de> Visitor<'de> for OptionalBytes {
        type Value = Option<&'de [u8]>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("record bytes or nothing")
        }

        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, input: D) -> Result<Self::Value, D::Error> {
            input.deserialize_bytes(BorrowedBytes).map(Some)
        }
    }

    struct BorrowedBytes;

    impl<'de> Visitor<'de> for BorrowedBytes {
        type Value = &'de [u8];

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("record bytes held in memory")
        }

        fn visit_borrowed_bytes<E: de::Error>(self, bytes: &'de [u8]) -> Result<Self::Value, E> {
            Ok(bytes)
        }
    }
}

/// An entry whose text and changes are borrowed: `changes` is a sequence of `ChangeRef`s or
/// `Change`s. A commit seals one made from its transaction's records (no `Entry` of copies is
/// built), and derives its writes from one read back from the sealed bytes (`SealedRef`). Stored
/// exactly as the `Entry` of the same fields: bincode writes a struct's fields in order, with
/// neither names nor tags, so the two types need only the same fields in the same order (`audit`'s
/// tests hold them to it).
#[derive(Debug, Serialize, Deserialize)]
pub struct EntryRef<'a, C> {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub user: &'a str,
    pub action: &'a str,
    pub changes: C,
    pub undoes: Option<u64>,
    pub prev_hash: [u8; 32],
}

impl<C: Serialize> EntryRef<'_, C> {
    /// The chain hash and the stored bytes of this entry sealed with it (what `Entry::seal` and then
    /// `Sealed::encode` give for the same entry), encoding it once. The bytes are written into the
    /// buffer `buffer` makes, zeroed, for their exact size (`codec::encode_sealed`).
    pub fn sealed_into<Buf: AsMut<[u8]>>(
        &self,
        buffer: impl FnOnce(usize) -> Buf,
    ) -> Result<([u8; 32], Buf), CodecError> {
        codec::encode_sealed(ENTRY_VERSION, self, buffer, |bytes| {
            chain_hash(&self.prev_hash, bytes)
        })
    }
}

/// A sealed entry read in place, borrowing its text and record bytes from the stored bytes.
#[derive(Debug, Deserialize)]
pub struct SealedRef<'a> {
    #[serde(borrow)]
    pub entry: EntryRef<'a, ChangeRefs<'a>>,
    pub hash: [u8; 32],
}

/// An entry's changes read in place, in a vector of the room they take. serde's own vector reads
/// a long list into room it doubles from a cautious start: an import's 200,000 changes took room for
/// 350,000 (7 MB more, through the commit). The room is taken as the length before the list says,
/// up to `MAX_RESERVED` (a damaged length then costs address space, never memory: the room is only
/// touched as changes are read into it).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ChangeRefs<'a>(pub Vec<ChangeRef<'a>>);

/// The most changes `ChangeRefs` makes room for before reading them (an import of 500,000 rows).
const MAX_RESERVED: usize = 1 << 20;

impl<'de: 'a, 'a> Deserialize<'de> for ChangeRefs<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        struct List<'a>(std::marker::PhantomData<&'a ()>);

        impl<'de: 'a, 'a> serde::de::Visitor<'de> for List<'a> {
            type Value = ChangeRefs<'a>;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of changes")
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Self::Value, A::Error> {
                let mut changes =
                    Vec::with_capacity(seq.size_hint().unwrap_or(0).min(MAX_RESERVED));
                while let Some(change) = seq.next_element()? {
                    changes.push(change);
                }
                Ok(ChangeRefs(changes))
            }
        }

        input.deserialize_seq(List(std::marker::PhantomData))
    }
}

impl<'a> SealedRef<'a> {
    pub fn decode(bytes: &'a [u8]) -> Result<Self, CodecError> {
        codec::decode_borrowed(ENTRY_VERSION, bytes)
    }
}
