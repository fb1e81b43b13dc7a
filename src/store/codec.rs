//! The only place that knows how values are turned into bytes
//! (docs/architecture.md#keys-and-codec).
//!
//! Every value is `[format version byte][bincode 2 body]`. bincode is not self-describing: a newer record
//! can decode "successfully" under an older struct with bytes left over, so decoding checks the version
//! first, caps how much a length prefix may claim, and refuses trailing bytes. Keeping all of bincode
//! here means the encoding can be swapped without touching the rest of the program.

use bincode::config::{self, Configuration, Limit, LittleEndian, Varint};
use bincode::enc::write::SizeWriter;
use serde::Serialize;
use serde::de::{Deserialize, DeserializeOwned};

/// No single value may claim more than this many bytes. Records are kilobytes; audit entries of a large
/// import can reach tens of megabytes; anything beyond this is damage, not data.
pub const SIZE_LIMIT: usize = 256 * 1024 * 1024;

type Config = Configuration<LittleEndian, Varint, Limit<SIZE_LIMIT>>;

fn config() -> Config {
    config::standard().with_limit::<SIZE_LIMIT>()
}

/// Why bytes could not be turned back into a value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    #[error("empty value: no format version byte")]
    Empty,
    #[error(
        "format version {found} is not one this jurydesk reads (it reads {known}); was it written by a newer jurydesk?"
    )]
    UnknownVersion { found: u8, known: String },
    #[error("{extra} unexpected byte(s) after the value: it was written in another format")]
    TrailingBytes { extra: usize },
    #[error("value larger than the {SIZE_LIMIT}-byte limit")]
    TooLarge,
    #[error("damaged value: {0}")]
    Damaged(String),
    #[error("cannot encode value: {0}")]
    Encode(String),
}

/// Encodes `value` behind its format `version` byte.
///
/// The value is encoded into a buffer kept by the thread and then copied into a vector of exactly its
/// size: grown from empty by doubling, each of an import's 200,000 records kept a quarter to a half of
/// its bytes again as unused capacity until the commit ended (12.6 MB for the films alone at 100k).
pub fn encode<T: Serialize>(version: u8, value: &T) -> Result<Vec<u8>, CodecError> {
    /// Above this the buffer is not kept for the next value (a summary page is a few kilobytes; an
    /// audit entry may be megabytes, and is encoded by `encode_sealed` into a buffer of its own).
    const KEPT: usize = 64 * 1024;
    thread_local! {
        static SCRATCH: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    SCRATCH.with(|scratch| {
        // A value encoded while another is (a `Serialize` that encodes) gets a buffer of its own.
        let Ok(mut scratch) = scratch.try_borrow_mut() else {
            return encode_into(Vec::new(), version, value);
        };
        scratch.clear();
        scratch.push(version);
        append_body(&mut scratch, value)?;
        if scratch.capacity() > KEPT {
            // Not kept: handed out itself rather than copied.
            let mut value = std::mem::take(&mut *scratch);
            value.shrink_to_fit();
            return Ok(value);
        }
        Ok(scratch.as_slice().to_vec())
    })
}

/// Encodes `value` behind its format `version` byte into `out` (emptied first), which may have been
/// given the room the value needs.
fn encode_into<T: Serialize>(
    mut out: Vec<u8>,
    version: u8,
    value: &T,
) -> Result<Vec<u8>, CodecError> {
    out.clear();
    out.push(version);
    append_body(&mut out, value)?;
    Ok(out)
}

/// The encoding of a struct of two fields, `{ first, hash }`, whose second is a 32-byte hash computed
/// from the encoding of the first alone (the audit log's sealed entry: an entry and the hash of its
/// own bytes), and that hash. bincode writes a struct's fields one after the other with nothing
/// between, so the struct's bytes are the first's encoding followed by the hash's: the first is
/// encoded once, not twice. `audit`'s tests hold the result equal to the struct's own encoding.
///
/// The bytes are written straight into a buffer of exactly their size (measured by a first, counting
/// pass) that `buffer` makes, zeroed, for that size: the store's is the value sled keeps, so that it
/// is never copied. An import's entry at 100k rows is 29 MB; a buffer grown by doubling and then
/// copied into sled's was 67 MB at the commit's peak.
pub fn encode_sealed<A: Serialize, Buf: AsMut<[u8]>>(
    version: u8,
    first: &A,
    buffer: impl FnOnce(usize) -> Buf,
    hash: impl FnOnce(&[u8]) -> [u8; 32],
) -> Result<([u8; 32], Buf), CodecError> {
    let encode_error = |e: bincode::error::EncodeError| CodecError::Encode(e.to_string());
    let mut counted = SizeWriter::default();
    bincode::serde::encode_into_writer(first, &mut counted, config()).map_err(encode_error)?;
    let body = counted.bytes_written;
    // A byte array is a tuple to serde: one byte each, with no length.
    let total = 1 + body + 32;
    if total - 1 > SIZE_LIMIT {
        return Err(CodecError::TooLarge);
    }
    let mut out = buffer(total);
    let bytes = out.as_mut();
    if bytes.len() != total {
        return Err(CodecError::Encode(format!(
            "a buffer of {} bytes was made for {total}",
            bytes.len()
        )));
    }
    bytes[0] = version;
    let (head, tail) = bytes.split_at_mut(1 + body);
    let written =
        bincode::serde::encode_into_slice(first, &mut head[1..], config()).map_err(encode_error)?;
    let sealed = hash(head);
    let hashed = bincode::serde::encode_into_slice(sealed, tail, config()).map_err(encode_error)?;
    if written != body || hashed != tail.len() {
        return Err(CodecError::Encode(format!(
            "the value took {written} + {hashed} bytes where {body} + {} were measured",
            tail.len()
        )));
    }
    Ok((sealed, out))
}

/// Appends the body of `value` (no version byte) to `out`, written straight in.
fn append_body<T: Serialize>(out: &mut Vec<u8>, value: &T) -> Result<(), CodecError> {
    let start = out.len();
    bincode::serde::encode_into_std_write(value, out, config())
        .map_err(|e| CodecError::Encode(e.to_string()))?;
    if out.len() - start > SIZE_LIMIT {
        return Err(CodecError::TooLarge);
    }
    Ok(())
}

/// Splits a stored value into its version byte and body.
pub fn split_version(bytes: &[u8]) -> Result<(u8, &[u8]), CodecError> {
    match bytes.split_first() {
        Some((&version, body)) => Ok((version, body)),
        None => Err(CodecError::Empty),
    }
}

/// Decodes a body (the bytes after the version byte) as exactly one `T`.
pub fn decode_body<T: DeserializeOwned>(body: &[u8]) -> Result<T, CodecError> {
    decode_borrowed_body(body)
}

/// Like `decode_body`, for a `T` that may borrow its text from the bytes (`&str` fields: nothing is
/// copied or allocated for them). Checked exactly as strictly: limits, UTF-8, no trailing bytes.
pub fn decode_borrowed_body<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, CodecError> {
    let (value, used) = decode_prefix(body)?;
    if used != body.len() {
        return Err(CodecError::TrailingBytes {
            extra: body.len() - used,
        });
    }
    Ok(value)
}

/// Decodes the first fields of a body as a `T` whose fields are the leading fields of the value's
/// type, and ignores the rest: a reader that needs a record's ids before the rest is decoded.
pub fn decode_head<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<T, CodecError> {
    decode_prefix(body).map(|(value, _)| value)
}

/// One `T` from the start of `body`, and how many bytes it took.
fn decode_prefix<'de, T: Deserialize<'de>>(body: &'de [u8]) -> Result<(T, usize), CodecError> {
    decode_within_tier::<T>(body).map_err(|(e, limit)| match e {
        bincode::error::DecodeError::LimitExceeded if limit == SIZE_LIMIT => CodecError::TooLarge,
        bincode::error::DecodeError::LimitExceeded => CodecError::Damaged(format!(
            "a length claims more than the {} byte(s) of the value (truncated or damaged)",
            body.len()
        )),
        bincode::error::DecodeError::UnexpectedEnd { .. } => {
            CodecError::Damaged("value ends too early (truncated)".into())
        }
        other => CodecError::Damaged(other.to_string()),
    })
}

/// The limits `decode_body` picks from (each 16 times the one before).
const LIMIT_TIERS: [usize; 5] = [4 << 10, 64 << 10, 1 << 20, 16 << 20, SIZE_LIMIT];

/// bincode counts against the limit the in-memory size of every primitive it decodes (at most 16 bytes,
/// for at least one byte of input) and the bytes of every string: never more than this many times
/// the length of the body.
const CLAIM_PER_BYTE: usize = 16;

/// Decodes under the smallest limit of `LIMIT_TIERS` that covers what `body` can honestly claim, and
/// says which limit that was.
///
/// Why not always `SIZE_LIMIT`: bincode 2 allocates a string's claimed length before it reads the
/// bytes, so a damaged length prefix in a 10-byte value made it allocate up to 256 MB (found by the
/// `codec` fuzz target). A limit of at least `CLAIM_PER_BYTE` times the body refuses no real value,
/// while a lie now costs at most its tier: 4 KiB for a small record, under 256 times the body for any.
fn decode_within_tier<'de, T: Deserialize<'de>>(
    body: &'de [u8],
) -> Result<(T, usize), (bincode::error::DecodeError, usize)> {
    fn within<'de, T: Deserialize<'de>, const LIMIT: usize>(
        body: &'de [u8],
    ) -> Result<(T, usize), (bincode::error::DecodeError, usize)> {
        bincode::serde::borrow_decode_from_slice::<T, _>(
            body,
            config::standard().with_limit::<LIMIT>(),
        )
        .map_err(|e| (e, LIMIT))
    }
    match body.len().saturating_mul(CLAIM_PER_BYTE) {
        n if n <= LIMIT_TIERS[0] => within::<T, { LIMIT_TIERS[0] }>(body),
        n if n <= LIMIT_TIERS[1] => within::<T, { LIMIT_TIERS[1] }>(body),
        n if n <= LIMIT_TIERS[2] => within::<T, { LIMIT_TIERS[2] }>(body),
        n if n <= LIMIT_TIERS[3] => within::<T, { LIMIT_TIERS[3] }>(body),
        _ => within::<T, { LIMIT_TIERS[4] }>(body),
    }
}

/// Decodes a value that must carry exactly format `version`.
pub fn decode<T: DeserializeOwned>(version: u8, bytes: &[u8]) -> Result<T, CodecError> {
    decode_body(body_of(version, bytes)?)
}

/// Like `decode`, borrowing its strings and byte strings from `bytes` instead of copying them: for a
/// reader that looks at many values and keeps few (a search over pages of summaries). The same
/// checks: version, limits, no trailing bytes.
pub fn decode_borrowed<'a, T: Deserialize<'a>>(
    version: u8,
    bytes: &'a [u8],
) -> Result<T, CodecError> {
    decode_borrowed_body(body_of(version, bytes)?)
}

/// The body of a value that must carry exactly format `version`.
fn body_of(version: u8, bytes: &[u8]) -> Result<&[u8], CodecError> {
    let (found, body) = split_version(bytes)?;
    if found != version {
        return Err(CodecError::UnknownVersion {
            found,
            known: version.to_string(),
        });
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Sample {
        name: String,
        numbers: Vec<u64>,
    }

    fn sample() -> Sample {
        Sample {
            name: "بچه‌های آسمان".into(),
            numbers: vec![1, 300, u64::MAX],
        }
    }

    #[test]
    fn round_trips_behind_the_version_byte() {
        let bytes = encode(7, &sample()).unwrap();
        assert_eq!(bytes[0], 7);
        assert_eq!(decode::<Sample>(7, &bytes).unwrap(), sample());
    }

    #[test]
    fn refuses_another_version() {
        let bytes = encode(2, &sample()).unwrap();
        assert!(matches!(
            decode::<Sample>(1, &bytes),
            Err(CodecError::UnknownVersion { found: 2, .. })
        ));
    }

    #[test]
    fn refuses_trailing_bytes() {
        let mut bytes = encode(1, &sample()).unwrap();
        bytes.extend_from_slice(&[0, 0]);
        assert_eq!(
            decode::<Sample>(1, &bytes),
            Err(CodecError::TrailingBytes { extra: 2 })
        );
    }

    #[test]
    fn refuses_truncated_values() {
        let bytes = encode(1, &sample()).unwrap();
        for cut in 1..bytes.len() {
            assert!(decode::<Sample>(1, &bytes[..cut]).is_err(), "cut at {cut}");
        }
        assert_eq!(decode::<Sample>(1, &[]), Err(CodecError::Empty));
    }

    #[test]
    fn an_absurd_length_prefix_hits_the_size_limit() {
        // Version byte, then a varint length of u64::MAX for the string: 0xFD marks an 8-byte length.
        let mut bytes = vec![1, 0xFD];
        bytes.extend_from_slice(&u64::MAX.to_le_bytes());
        let err = decode::<Sample>(1, &bytes).unwrap_err();
        assert!(
            matches!(err, CodecError::TooLarge | CodecError::Damaged(_)),
            "{err:?}"
        );
        // A claim just over the limit is refused before any allocation.
        let mut bytes = vec![1, 0xFC];
        bytes.extend_from_slice(&((SIZE_LIMIT as u32) + 1).to_le_bytes());
        assert!(
            matches!(decode::<Sample>(1, &bytes), Err(CodecError::Damaged(ref m)) if m.contains("claims more than the 5 byte(s)")),
            "{:?}",
            decode::<Sample>(1, &bytes)
        );
    }

    #[test]
    fn a_length_beyond_the_value_is_damage_whatever_the_tier() {
        // A string claiming 100 MB inside values of every tier's size: refused as damage, under the
        // tier's limit (tests/fuzz_regressions.rs checks that no such claim is allocated).
        for size in LIMIT_TIERS
            .into_iter()
            .take(4)
            .flat_map(|t| [t / CLAIM_PER_BYTE / 2, t / CLAIM_PER_BYTE])
        {
            let mut bytes = vec![1, 0xFC];
            bytes.extend_from_slice(&100_000_000u32.to_le_bytes());
            bytes.resize(size + 1, 0);
            let err = decode::<Sample>(1, &bytes).unwrap_err();
            assert!(
                matches!(err, CodecError::Damaged(ref m) if m.contains("claims more than")),
                "{size}: {err:?}"
            );
        }
    }

    #[test]
    fn values_of_every_tier_round_trip() {
        // Values at the edge of each tier, and just past it (decoded under the next), strings and
        // numbers (which bincode counts at 8 bytes each for one byte of input).
        for tier in LIMIT_TIERS.into_iter().take(4) {
            let edge = tier / CLAIM_PER_BYTE;
            for len in [edge - 16, edge - 1, edge, edge + 1] {
                for value in [
                    Sample {
                        name: "x".repeat(len),
                        numbers: vec![7; 3],
                    },
                    Sample {
                        name: String::new(),
                        numbers: vec![7; len],
                    },
                ] {
                    let bytes = encode(1, &value).unwrap();
                    assert_eq!(decode::<Sample>(1, &bytes).unwrap(), value, "{len}");
                }
            }
        }
    }
}
