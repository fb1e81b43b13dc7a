//! The backup file (docs/formats.md#backups): one JSON document with the id counters, every record (as
//! readable JSON of its domain type) and the whole audit log (each entry with its hashes and the stored
//! bytes of each change, in hex, because the chain hash is over those exact bytes).
//!
//! Writing is deterministic (kinds in a fixed order, records by id, entries by sequence number, no
//! export time), so a backup restored into an empty store and exported again is the same file, byte
//! for byte.

use std::cell::{Cell, RefCell};
use std::io::Write;

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde::ser::{Error as _, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Map, Value};

use super::text::clean_record;
use crate::domain::Id;
use crate::store::{Change, Entry, Kind, Record, SCHEMA_VERSION, Sealed, Snapshot, StoreError};

pub const FORMAT: &str = "jurydesk backup";
pub const VERSION: u64 = 1;
/// The oldest store schema whose backups restore here: from schema 5 on, every record's JSON reads
/// into today's types (fields added since have defaults). Older backups restore through the jurydesk
/// that wrote them, and that store opens here (its schema is migrated on open).
const OLDEST_SCHEMA: u64 = 5;

/// Where the content of a backup being written comes from, read as it is written: the counters, then
/// each kind's records by id, then the log, so that at most one record or one log entry is in memory.
pub struct Contents<'a> {
    pub counters: Vec<(Kind, Id)>,
    /// The stored records of a kind, by id.
    pub records: &'a mut RecordsOf<'a>,
    /// The audit log by sequence number.
    pub log: Items<'a, Sealed>,
}

/// The stored records of a kind (id and bytes), by id.
pub type RecordsOf<'a> = dyn FnMut(Kind) -> Items<'a, (Id, Vec<u8>)> + 'a;

/// Items read from the store one at a time.
pub type Items<'a, T> = Box<dyn Iterator<Item = Result<T, StoreError>> + 'a>;

/// What a backup holds, once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Written {
    pub records: usize,
    pub entries: usize,
}

/// Writes the backup of `contents` to `out` as pretty-printed JSON ending in a newline, streaming:
/// the document is the one `serde_json` prints for the whole store held as a `Value` (which is what
/// jurydesk once did, at 1.7 GB resident for 100,000 submissions), byte for byte. An error from
/// `out` keeps its kind (a full disk says so); a record or entry that cannot be read is an
/// `InvalidData` error saying which.
pub fn write_backup_to(contents: Contents<'_>, out: &mut dyn Write) -> std::io::Result<Written> {
    let document = Document {
        counters: contents.counters,
        records: RefCell::new(contents.records),
        log: RefCell::new(Some(contents.log)),
        written: Cell::new(Written::default()),
        damage: RefCell::new(None),
    };
    let mut writer = std::io::BufWriter::with_capacity(1 << 16, out);
    if let Err(e) = serde_json::to_writer_pretty(&mut writer, &document) {
        // The store's own error, when reading it is what failed: the caller tells damage (exit 3)
        // from a failed output (`store_error_in`).
        return Err(match document.damage.take() {
            Some(damage) => std::io::Error::new(std::io::ErrorKind::InvalidData, damage),
            None => e.into(),
        });
    }
    writer.write_all(b"\n")?;
    writer.flush()?;
    Ok(document.written.get())
}

/// The backup of a snapshot held in memory.
pub(crate) fn write_backup(snapshot: &Snapshot) -> std::io::Result<Vec<u8>> {
    let mut records = |kind: Kind| -> Items<'_, (Id, Vec<u8>)> {
        Box::new(
            snapshot
                .records
                .iter()
                .filter(move |(k, ..)| *k == kind)
                .map(|(_, id, bytes)| Ok((*id, bytes.clone()))),
        )
    };
    let contents = Contents {
        counters: snapshot.counters.clone(),
        records: &mut records,
        log: Box::new(snapshot.log.iter().cloned().map(Ok)),
    };
    let mut bytes = Vec::new();
    write_backup_to(contents, &mut bytes)?;
    Ok(bytes)
}

/// The whole document, its records and log pulled from `Contents` as `serde_json` asks for them.
struct Document<'a> {
    counters: Vec<(Kind, Id)>,
    records: RefCell<&'a mut RecordsOf<'a>>,
    log: RefCell<Option<Items<'a, Sealed>>>,
    written: Cell<Written>,
    /// The first error met reading the store, kept whole (`serde_json` keeps only its words).
    damage: RefCell<Option<StoreError>>,
}

impl Document<'_> {
    fn count(&self, add: impl FnOnce(&mut Written)) {
        let mut written = self.written.get();
        add(&mut written);
        self.written.set(written);
    }

    /// `error` kept for `write_backup_to` to return, as the serializer's error.
    fn met<E: serde::ser::Error>(&self, error: StoreError) -> E {
        let words = error.to_string();
        self.damage.borrow_mut().get_or_insert(error);
        E::custom(words)
    }
}

/// The store's error a failed `write_backup_to` carries, when reading the store is what failed; the
/// error as it was otherwise.
pub fn store_error_in(error: std::io::Error) -> Result<StoreError, std::io::Error> {
    type Inner = dyn std::error::Error + Send + Sync;
    if !error.get_ref().is_some_and(Inner::is::<StoreError>) {
        return Err(error);
    }
    let kind = error.kind();
    match error.into_inner().map(Inner::downcast::<StoreError>) {
        Some(Ok(damage)) => Ok(*damage),
        // Not reached: the inner error was just found to be the store's.
        Some(Err(other)) => Err(std::io::Error::new(kind, other)),
        None => Err(kind.into()),
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("version", &VERSION)?;
        map.serialize_entry("schema", &SCHEMA_VERSION)?;
        map.serialize_entry("counters", &Counters(&self.counters))?;
        map.serialize_entry("records", &Records(self))?;
        map.serialize_entry("log", &Log(self))?;
        map.end()
    }
}

struct Counters<'a>(&'a [(Kind, Id)]);

impl Serialize for Counters<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (kind, next) in self.0 {
            map.serialize_entry(kind.name(), next)?;
        }
        map.end()
    }
}

/// Every kind, in `Kind::ALL` order, with its records.
struct Records<'d, 'a>(&'d Document<'a>);

impl Serialize for Records<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(Kind::ALL.len()))?;
        for kind in Kind::ALL {
            map.serialize_entry(kind.name(), &OfKind(self.0, kind))?;
        }
        map.end()
    }
}

/// One kind's records, each as the readable JSON of its domain type.
struct OfKind<'d, 'a>(&'d Document<'a>, Kind);

impl Serialize for OfKind<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let OfKind(document, kind) = *self;
        let records = (document.records.borrow_mut())(kind);
        let mut seq = serializer.serialize_seq(None)?;
        for record in records {
            let (id, bytes) = record.map_err(|e| document.met::<S::Error>(e))?;
            crate::with_record_type!(kind, T => {
                let record = T::decode(&bytes).map_err(|e| {
                    S::Error::custom(format!("{} {id} cannot be read: {e}", kind.name()))
                })?;
                seq.serialize_element(&record)?;
            });
            document.count(|w| w.records += 1);
        }
        seq.end()
    }
}

/// The whole audit log, an entry at a time.
struct Log<'d, 'a>(&'d Document<'a>);

impl Serialize for Log<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entries = self.0.log.borrow_mut().take().into_iter().flatten();
        let mut seq = serializer.serialize_seq(None)?;
        for sealed in entries {
            let sealed = sealed.map_err(|e| self.0.met::<S::Error>(e))?;
            seq.serialize_element(&EntryJson(&sealed))?;
            self.0.count(|w| w.entries += 1);
        }
        seq.end()
    }
}

/// An entry with its hashes and the stored bytes of each change, in hex (the chain hash is over
/// those exact bytes).
struct EntryJson<'a>(&'a Sealed);

impl Serialize for EntryJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let e = &self.0.entry;
        let mut map = serializer.serialize_map(Some(8))?;
        map.serialize_entry("seq", &e.seq)?;
        map.serialize_entry("at", &e.at.to_rfc3339_opts(SecondsFormat::AutoSi, true))?;
        map.serialize_entry("user", &e.user)?;
        map.serialize_entry("action", &e.action)?;
        map.serialize_entry("undoes", &e.undoes)?;
        map.serialize_entry("prev_hash", &hex::encode(e.prev_hash))?;
        map.serialize_entry("hash", &hex::encode(self.0.hash))?;
        map.serialize_entry("changes", &ChangesJson(&e.changes))?;
        map.end()
    }
}

struct ChangesJson<'a>(&'a [Change]);

impl Serialize for ChangesJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for change in self.0 {
            seq.serialize_element(&ChangeJson(change))?;
        }
        seq.end()
    }
}

struct ChangeJson<'a>(&'a Change);

impl Serialize for ChangeJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        let hex = |b: &Option<Vec<u8>>| b.as_ref().map(hex::encode);
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("kind", c.kind.name())?;
        map.serialize_entry("id", &c.id)?;
        map.serialize_entry("before", &hex(&c.before))?;
        map.serialize_entry("after", &hex(&c.after))?;
        map.end()
    }
}

/// The problems of a backup's "version" and "schema" (found in `header`), each naming the file.
pub(super) fn header_problems(file: &str, header: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    match header.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        other => problems.push(format!(
            "{file}: backup format version {} is not one this jurydesk reads ({VERSION}); use the jurydesk that wrote it",
            other.map_or("(none)".to_string(), |v| v.to_string())
        )),
    }
    match header.get("schema") {
        Some(Value::Number(n))
            if n.as_u64().is_some_and(|s| {
                (OLDEST_SCHEMA..=u64::from(SCHEMA_VERSION)).contains(&s)
            }) => {}
        Some(Value::Number(n)) if n.as_u64().is_some_and(|s| s > u64::from(SCHEMA_VERSION)) => {
            problems.push(format!(
                "{file}: written by a newer jurydesk (schema {n}; this one knows up to {SCHEMA_VERSION})"
            ));
        }
        other => problems.push(format!(
            "{file}: \"schema\" is {}, not a store schema this jurydesk restores (a whole number from {OLDEST_SCHEMA} to {SCHEMA_VERSION}); the backup was altered, or comes from a jurydesk too old to restore directly",
            other.map_or("missing".to_string(), Value::to_string)
        )),
    }
    problems
}

/// A record's id and stored bytes with text cleaned, and the bytes as the backup held it when the
/// cleaning changed it (what its log wrote, see `Snapshot::as_written`).
pub(super) type Cleaned = (Id, Vec<u8>, Option<Vec<u8>>);

/// One record of a backup, read.
pub(super) struct RecordRead {
    /// The record, or the problem.
    pub record: Result<Cleaned, FieldError>,
    /// One line per text value cleaned.
    pub warnings: Vec<String>,
}

/// Reads `value`, one record of `kind` found at `place`, cleaning its text as every import does.
pub(super) fn record_from(kind: Kind, value: &Value, place: &str) -> RecordRead {
    let mut cleaned = value.clone();
    let warnings = clean_record(&mut cleaned, place);
    let encode = |value: Value| -> Result<(Id, Vec<u8>), RecordProblem> {
        crate::with_record_type!(kind, T => {
            let record = serde_json::from_value::<T>(value)?;
            Ok(record.encode().map(|b| (record.id(), b))?)
        })
    };
    let record = encode(cleaned).and_then(|(id, bytes)| {
        if warnings.is_empty() {
            return Ok((id, bytes, None));
        }
        // As the backup held it: what its log wrote.
        let (_, raw) = encode(value.clone())?;
        Ok((id, bytes, Some(raw)))
    });
    RecordRead {
        record: record.map_err(|problem| FieldError::Record {
            place: place.to_string(),
            problem,
        }),
        warnings,
    }
}

pub(super) fn kind_named(name: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.name() == name)
}

/// A log entry from its fields (`value`, an object) and its changes, read apart (`None`: the entry
/// has no "changes").
pub(super) fn entry_from(
    value: &Value,
    changes: Option<Result<Vec<Change>, FieldError>>,
) -> Result<Sealed, FieldError> {
    let field = |name: &'static str| value.get(name).ok_or(FieldError::Missing(name));
    let number = |name: &'static str| field(name)?.as_u64().ok_or(FieldError::NotNumber(name));
    let text = |name: &'static str| {
        field(name)?
            .as_str()
            .map(str::to_string)
            .ok_or(FieldError::NotText(name))
    };
    let hash = |name: &'static str| -> Result<[u8; 32], FieldError> {
        let bytes =
            hex::decode(text(name)?).map_err(|reason| FieldError::BadHex { name, reason })?;
        bytes.try_into().map_err(|_| FieldError::NotHash(name))
    };
    let at = DateTime::parse_from_rfc3339(&text("at")?)
        .map_err(FieldError::BadTime)?
        .with_timezone(&Utc);
    let undoes = match field("undoes")? {
        Value::Null => None,
        v => Some(v.as_u64().ok_or(FieldError::NotNumber("undoes"))?),
    };
    let changes = changes.ok_or(FieldError::Missing("changes"))??;
    Ok(Sealed {
        entry: Entry {
            seq: number("seq")?,
            at,
            user: text("user")?,
            action: text("action")?,
            changes,
            undoes,
            prev_hash: hash("prev_hash")?,
        },
        hash: hash("hash")?,
    })
}

/// Change `i` of a log entry, its bytes from hex.
pub(super) fn change_from(i: usize, change: &Value) -> Result<Change, FieldError> {
    let kind = change
        .get("kind")
        .and_then(Value::as_str)
        .and_then(kind_named)
        .ok_or(FieldError::ChangeKind(i))?;
    let id = change
        .get("id")
        .and_then(Value::as_u64)
        .ok_or(FieldError::ChangeId(i))?;
    let bytes = |name: &'static str| -> Result<Option<Vec<u8>>, FieldError> {
        match change.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(h)) => hex::decode(h)
                .map(Some)
                .map_err(|reason| FieldError::ChangeHex { i, name, reason }),
            Some(_) => Err(FieldError::ChangeNotHex { i, name }),
        }
    };
    Ok(Change {
        kind,
        id,
        before: bytes("before")?,
        after: bytes("after")?,
    })
}

/// What is wrong with one field of a backup's record or log entry. The words are the backup's own:
/// field names as the file spells them.
#[derive(Debug, thiserror::Error)]
pub enum FieldError {
    #[error("no \"{0}\"")]
    Missing(&'static str),
    #[error("\"{0}\" is not a number")]
    NotNumber(&'static str),
    #[error("\"{0}\" is not text")]
    NotText(&'static str),
    #[error("\"{name}\": {reason}")]
    BadHex {
        name: &'static str,
        reason: hex::FromHexError,
    },
    #[error("\"{0}\" is not a 32-byte hash")]
    NotHash(&'static str),
    #[error("\"at\": {0}")]
    BadTime(chrono::ParseError),
    #[error("\"changes\" is not an array")]
    ChangesNotAnArray,
    #[error("changes[{0}]: no known \"kind\"")]
    ChangeKind(usize),
    #[error("changes[{0}]: no \"id\"")]
    ChangeId(usize),
    #[error("changes[{i}].{name}: {reason}")]
    ChangeHex {
        i: usize,
        name: &'static str,
        reason: hex::FromHexError,
    },
    #[error("changes[{i}].{name}: expected hex text or null")]
    ChangeNotHex { i: usize, name: &'static str },
    /// A record at `place` (file: records.kind[i]) that is not a record of its kind.
    #[error("{place}: {problem}")]
    Record {
        place: String,
        problem: RecordProblem,
    },
}

/// Why a record's JSON is not a record of its kind: its fields, or its encoding in the store's format.
#[derive(Debug, thiserror::Error)]
pub enum RecordProblem {
    #[error(transparent)]
    Fields(#[from] serde_json::Error),
    #[error(transparent)]
    Encoding(#[from] crate::store::CodecError),
}
