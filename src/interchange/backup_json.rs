//! The backup file (SPEC §5.4): one JSON document with the id counters, every record (as readable JSON
//! of its domain type) and the whole audit log (each entry with its hashes and the stored bytes of each
//! change, in hex, because the chain hash is over those exact bytes).
//!
//! Writing is deterministic (kinds in a fixed order, records by id, entries by sequence number, no
//! export time), so a backup restored into an empty store and exported again is the same file, byte
//! for byte.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Map, Value, json};

use super::backup_text::clean_record;
use crate::store::{Change, Entry, Kind, Record, SCHEMA_VERSION, Sealed, Snapshot};

pub const FORMAT: &str = "jurydesk backup";
pub const VERSION: u64 = 1;
/// The oldest store schema whose backups restore here: from schema 5 on, every record's JSON reads
/// into today's types (fields added since have defaults). Older backups restore through the jurydesk
/// that wrote them, and that store opens here (its schema is migrated on open).
const OLDEST_SCHEMA: u64 = 5;

/// The backup of a snapshot, as pretty-printed JSON ending in a newline.
pub fn write_backup(snapshot: &Snapshot) -> Result<Vec<u8>, String> {
    let mut counters = Map::new();
    for (kind, next) in &snapshot.counters {
        counters.insert(kind.name().to_string(), json!(next));
    }
    let mut records = Map::new();
    for kind in Kind::ALL {
        let mut values = Vec::new();
        for (_, id, bytes) in snapshot.records.iter().filter(|(k, ..)| *k == kind) {
            let value = crate::with_record_type!(kind, T => T::decode(bytes)
                .map_err(|e| format!("{} {id} cannot be read: {e}", kind.name()))
                .and_then(|record| serde_json::to_value(record).map_err(|e| e.to_string())))?;
            values.push(value);
        }
        records.insert(kind.name().to_string(), Value::Array(values));
    }
    let log: Vec<Value> = snapshot.log.iter().map(entry_json).collect();
    let document = json!({
        "format": FORMAT,
        "version": VERSION,
        "schema": SCHEMA_VERSION,
        "counters": counters,
        "records": records,
        "log": log,
    });
    let mut bytes = serde_json::to_vec_pretty(&document).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn entry_json(sealed: &Sealed) -> Value {
    let e = &sealed.entry;
    let bytes = |b: &Option<Vec<u8>>| b.as_ref().map_or(Value::Null, |b| json!(hex::encode(b)));
    json!({
        "seq": e.seq,
        "at": e.at.to_rfc3339_opts(SecondsFormat::AutoSi, true),
        "user": e.user,
        "action": e.action,
        "undoes": e.undoes,
        "prev_hash": hex::encode(e.prev_hash),
        "hash": hex::encode(sealed.hash),
        "changes": e.changes.iter().map(|c| json!({
            "kind": c.kind.name(),
            "id": c.id,
            "before": bytes(&c.before),
            "after": bytes(&c.after),
        })).collect::<Vec<_>>(),
    })
}

/// A backup as read: the snapshot to restore, and what cleaning its records' text changed.
#[derive(Debug)]
pub struct BackupFile {
    pub snapshot: Snapshot,
    /// One line per text value cleaned (`backup_text`), naming the record and the field.
    pub warnings: Vec<String>,
}

/// Reads a backup file, cleaning its records' text as every import does (`backup_text`). Every
/// problem found is returned, each saying where in the document it is.
pub fn read_backup(file: &str, bytes: &[u8]) -> Result<BackupFile, Vec<String>> {
    let document: Value = serde_json::from_slice(bytes).map_err(|e| {
        vec![format!(
            "{file}:{}:{}: not a jurydesk backup (invalid JSON: {e})",
            e.line(),
            e.column()
        )]
    })?;
    let mut problems = Vec::new();
    if document.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(vec![format!(
            "{file}: not a jurydesk backup (no \"format\": \"{FORMAT}\"); make one with `jurydesk export backup`"
        )]);
    }
    match document.get("version").and_then(Value::as_u64) {
        Some(VERSION) => {}
        other => problems.push(format!(
            "{file}: backup format version {} is not one this jurydesk reads ({VERSION}); use the jurydesk that wrote it",
            other.map_or("(none)".to_string(), |v| v.to_string())
        )),
    }
    match document.get("schema") {
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
    let mut snapshot = Snapshot::default();
    let mut warnings = Vec::new();
    match document.get("counters").and_then(Value::as_object) {
        Some(counters) => {
            for (name, next) in counters {
                match (kind_named(name), next.as_u64()) {
                    (Some(kind), Some(next)) => snapshot.counters.push((kind, next)),
                    _ => problems.push(format!(
                        "{file}: counters.{name}: expected a record kind and a number"
                    )),
                }
            }
            snapshot.counters.sort_by_key(|(kind, _)| *kind);
        }
        None => problems.push(format!("{file}: no \"counters\" object")),
    }
    match document.get("records").and_then(Value::as_object) {
        Some(records) => {
            for (name, values) in records {
                let (Some(kind), Some(values)) = (kind_named(name), values.as_array()) else {
                    problems.push(format!(
                        "{file}: records.{name}: expected a record kind with an array"
                    ));
                    continue;
                };
                for (i, value) in values.iter().enumerate() {
                    let place = format!("{file}: records.{name}[{i}]");
                    let mut cleaned = value.clone();
                    let cleanings = clean_record(&mut cleaned, &place);
                    let encode = |value: &Value| {
                        crate::with_record_type!(kind, T => serde_json::from_value::<T>(value.clone())
                            .map_err(|e| e.to_string())
                            .and_then(|record| record.encode().map(|b| (record.id(), b)).map_err(|e| e.to_string())))
                    };
                    match encode(&cleaned) {
                        Ok((id, bytes)) => {
                            if !cleanings.is_empty() {
                                // As the backup held it: what its log wrote (see `Snapshot`).
                                match encode(value) {
                                    Ok((_, raw)) => snapshot.as_written.push((kind, id, raw)),
                                    Err(e) => problems.push(format!("{place}: {e}")),
                                }
                            }
                            snapshot.records.push((kind, id, bytes));
                        }
                        Err(e) => problems.push(format!("{place}: {e}")),
                    }
                    warnings.extend(cleanings);
                }
            }
            snapshot.records.sort_by_key(|(kind, id, _)| (*kind, *id));
        }
        None => problems.push(format!("{file}: no \"records\" object")),
    }
    match document.get("log").and_then(Value::as_array) {
        Some(log) => {
            for (i, value) in log.iter().enumerate() {
                match entry_from(value) {
                    Ok(sealed) => snapshot.log.push(sealed),
                    Err(e) => problems.push(format!("{file}: log[{i}]: {e}")),
                }
            }
        }
        None => problems.push(format!("{file}: no \"log\" array")),
    }
    if problems.is_empty() {
        Ok(BackupFile { snapshot, warnings })
    } else {
        Err(problems)
    }
}

fn kind_named(name: &str) -> Option<Kind> {
    Kind::ALL.into_iter().find(|k| k.name() == name)
}

fn entry_from(value: &Value) -> Result<Sealed, String> {
    let field = |name: &str| value.get(name).ok_or_else(|| format!("no \"{name}\""));
    let number = |name: &str| {
        field(name)?
            .as_u64()
            .ok_or_else(|| format!("\"{name}\" is not a number"))
    };
    let text = |name: &str| {
        field(name)?
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| format!("\"{name}\" is not text"))
    };
    let hash = |name: &str| -> Result<[u8; 32], String> {
        let bytes = hex::decode(text(name)?).map_err(|e| format!("\"{name}\": {e}"))?;
        bytes
            .try_into()
            .map_err(|_| format!("\"{name}\" is not a 32-byte hash"))
    };
    let at = DateTime::parse_from_rfc3339(&text("at")?)
        .map_err(|e| format!("\"at\": {e}"))?
        .with_timezone(&Utc);
    let undoes = match field("undoes")? {
        Value::Null => None,
        v => Some(v.as_u64().ok_or("\"undoes\" is not a number")?),
    };
    let mut changes = Vec::new();
    for (i, change) in field("changes")?
        .as_array()
        .ok_or("\"changes\" is not an array")?
        .iter()
        .enumerate()
    {
        let kind = change
            .get("kind")
            .and_then(Value::as_str)
            .and_then(kind_named)
            .ok_or_else(|| format!("changes[{i}]: no known \"kind\""))?;
        let id = change
            .get("id")
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("changes[{i}]: no \"id\""))?;
        let bytes = |name: &str| -> Result<Option<Vec<u8>>, String> {
            match change.get(name) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(h)) => hex::decode(h)
                    .map(Some)
                    .map_err(|e| format!("changes[{i}].{name}: {e}")),
                Some(_) => Err(format!("changes[{i}].{name}: expected hex text or null")),
            }
        };
        changes.push(Change {
            kind,
            id,
            before: bytes("before")?,
            after: bytes("after")?,
        });
    }
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
