//! One pass over a backup file (`backup_read`), as `serde` visitors over the document: the header
//! and counters are read as small JSON values, each record as one, and each log entry change by
//! change, every item handed on before the next is read. A value of the wrong shape is a problem
//! named with its place, never a reason to stop reading; a file that is not JSON stops at once.

use std::fmt;
use std::io::Read;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::json::{
    FORMAT, FieldError, change_from, entry_from, header_problems, kind_named, record_from,
};
use crate::store::{BackupItem, Change, Part, RestoreError};

/// Where the items read go.
pub(super) type Visit<'v> = dyn FnMut(BackupItem<'_>) -> Result<(), RestoreError> + 'v;

/// One pass over the document in `reader`.
pub(super) fn parse(
    file: &str,
    reader: impl Read,
    part: Part,
    warnings: &mut Vec<String>,
    visit: &mut Visit<'_>,
) -> Result<(), RestoreError> {
    let mut state = Parse {
        file,
        part,
        warnings,
        visit,
        stopped: None,
        header: Map::new(),
        counters: None,
        records_seen: false,
        log_seen: false,
        record_problems: Vec::new(),
        log_problems: Vec::new(),
    };
    let mut de = serde_json::Deserializer::from_reader(reader);
    let parsed = DocumentSeed(&mut state)
        .deserialize(&mut de)
        .and_then(|()| de.end());
    if let Some(stopped) = state.stopped {
        return Err(stopped);
    }
    if let Err(e) = parsed {
        let said = if e.is_io() {
            format!("cannot read {file}: {e}")
        } else {
            format!(
                "{file}:{}:{}: not a jurydesk backup (invalid JSON: {e})",
                e.line(),
                e.column()
            )
        };
        return Err(RestoreError::File(vec![said]));
    }
    state.finish()
}

/// What one pass has read so far.
struct Parse<'p, 'v> {
    file: &'p str,
    part: Part,
    warnings: &'p mut Vec<String>,
    visit: &'p mut Visit<'v>,
    /// Why `visit` stopped the reading.
    stopped: Option<RestoreError>,
    /// "format", "version" and "schema", as found.
    header: Map<String, Value>,
    /// The counters' problems, once "counters" was read.
    counters: Option<Vec<String>>,
    records_seen: bool,
    log_seen: bool,
    record_problems: Vec<String>,
    log_problems: Vec<String>,
}

impl Parse<'_, '_> {
    fn hand_on<E: de::Error>(&mut self, item: BackupItem<'_>) -> Result<(), E> {
        if self.stopped.is_some() {
            return Err(E::custom("stopped"));
        }
        (self.visit)(item).map_err(|e| {
            self.stopped = Some(e);
            E::custom("stopped")
        })
    }

    fn counters<E: de::Error>(&mut self, value: Value) -> Result<(), E> {
        let mut problems = Vec::new();
        let mut counters = Vec::new();
        match value.as_object() {
            Some(found) => {
                for (name, next) in found {
                    match (kind_named(name), next.as_u64()) {
                        (Some(kind), Some(next)) => counters.push((kind, next)),
                        _ => problems.push(format!(
                            "{}: counters.{name}: expected a record kind and a number",
                            self.file
                        )),
                    }
                }
            }
            None => problems.push(format!("{}: no \"counters\" object", self.file)),
        }
        counters.sort_by_key(|(kind, _)| *kind);
        self.counters = Some(problems);
        for (kind, next) in counters {
            self.hand_on(BackupItem::Counter(kind, next))?;
        }
        Ok(())
    }

    /// Every problem of the document, once it was read whole.
    fn finish(self) -> Result<(), RestoreError> {
        let file = self.file;
        if self.header.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(RestoreError::File(vec![format!(
                "{file}: not a jurydesk backup (no \"format\": \"{FORMAT}\"); make one with `jurydesk export backup`"
            )]));
        }
        let mut problems = header_problems(file, &self.header);
        problems.extend(
            self.counters
                .unwrap_or_else(|| vec![format!("{file}: no \"counters\" object")]),
        );
        if !self.records_seen {
            problems.push(format!("{file}: no \"records\" object"));
        }
        problems.extend(self.record_problems);
        if !self.log_seen {
            problems.push(format!("{file}: no \"log\" array"));
        }
        problems.extend(self.log_problems);
        if problems.is_empty() {
            Ok(())
        } else {
            Err(RestoreError::File(problems))
        }
    }
}

/// Visitor methods for the values a visitor does not expect: each is consumed and said to be of the
/// wrong shape (`$wrong`), never a reason to stop reading the document.
macro_rules! other_values {
    ($wrong:expr) => {
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok($wrong)
        }
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
            Ok($wrong)
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
            Ok($wrong)
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
            Ok($wrong)
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
            Ok($wrong)
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
            Ok($wrong)
        }
    };
}

fn skip_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<(), A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

fn skip_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<(), A::Error> {
    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
    Ok(())
}

/// The whole document: an object whose "records" and "log" are read an item at a time.
struct DocumentSeed<'s, 'p, 'v>(&'s mut Parse<'p, 'v>);

impl<'de> DeserializeSeed<'de> for DocumentSeed<'_, '_, '_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DocumentSeed<'_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a jurydesk backup")
    }
    other_values!(());
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        skip_seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let state = self.0;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" | "version" | "schema" => {
                    let value: Value = map.next_value()?;
                    state.header.insert(key, value);
                }
                "counters" => {
                    let value: Value = map.next_value()?;
                    state.counters(value)?;
                }
                "records" => {
                    state.records_seen = map.next_value_seed(RecordsSeed(state))?;
                }
                "log" => {
                    state.log_seen = map.next_value_seed(LogSeed(state))?;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// "records": an object of kinds, each an array of records. `false` when it is not an object.
struct RecordsSeed<'s, 'p, 'v>(&'s mut Parse<'p, 'v>);

impl<'de> DeserializeSeed<'de> for RecordsSeed<'_, '_, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for RecordsSeed<'_, '_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of record kinds")
    }
    other_values!(false);
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<bool, A::Error> {
        skip_seq(seq).map(|()| false)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let state = self.0;
        while let Some(name) = map.next_key::<String>()? {
            if !state.part.records() {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let array = map.next_value_seed(KindSeed {
                state: &mut *state,
                name: &name,
            })?;
            if !array {
                state.record_problems.push(format!(
                    "{}: records.{name}: expected a record kind with an array",
                    state.file
                ));
            }
        }
        Ok(true)
    }
}

/// One kind's array of records. `false` when the kind is unknown or the value not an array.
struct KindSeed<'s, 'p, 'v, 'n> {
    state: &'s mut Parse<'p, 'v>,
    name: &'n str,
}

impl<'de> DeserializeSeed<'de> for KindSeed<'_, '_, '_, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KindSeed<'_, '_, '_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of records")
    }
    other_values!(false);
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
        skip_map(map).map(|()| false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let Some(kind) = kind_named(self.name) else {
            return skip_seq(seq).map(|()| false);
        };
        let state = self.state;
        let mut i = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            let place = format!("{}: records.{}[{i}]", state.file, self.name);
            i += 1;
            let read = record_from(kind, &value, &place);
            state.warnings.extend(read.warnings);
            match read.record {
                Ok((id, bytes, as_written)) => state.hand_on(BackupItem::Record {
                    kind,
                    id,
                    bytes: &bytes,
                    as_written: as_written.as_deref(),
                })?,
                Err(problem) => state.record_problems.push(problem.to_string()),
            }
        }
        Ok(true)
    }
}

/// "log": an array of entries. `false` when it is not an array.
struct LogSeed<'s, 'p, 'v>(&'s mut Parse<'p, 'v>);

impl<'de> DeserializeSeed<'de> for LogSeed<'_, '_, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<bool, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for LogSeed<'_, '_, '_> {
    type Value = bool;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of log entries")
    }
    other_values!(false);
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<bool, A::Error> {
        skip_map(map).map(|()| false)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let state = self.0;
        if !state.part.log() {
            return skip_seq(seq).map(|()| true);
        }
        let mut i = 0;
        while let Some(fields) = seq.next_element_seed(EntrySeed)? {
            match entry_from(&Value::Object(fields.fields), fields.changes) {
                Ok(sealed) => state.hand_on(BackupItem::Entry(&sealed))?,
                Err(e) => state
                    .log_problems
                    .push(format!("{}: log[{i}]: {e}", state.file)),
            }
            i += 1;
        }
        Ok(true)
    }
}

/// One log entry as read: its fields but "changes", and its changes in their stored form (or the
/// first problem with them; `None` without a "changes" field).
#[derive(Default)]
struct EntryFields {
    fields: Map<String, Value>,
    changes: Option<Result<Vec<Change>, FieldError>>,
}

struct EntrySeed;

impl<'de> DeserializeSeed<'de> for EntrySeed {
    type Value = EntryFields;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<EntryFields, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed {
    type Value = EntryFields;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a log entry")
    }
    other_values!(EntryFields::default());
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<EntryFields, A::Error> {
        skip_seq(seq).map(|()| EntryFields::default())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<EntryFields, A::Error> {
        let mut entry = EntryFields::default();
        while let Some(key) = map.next_key::<String>()? {
            if key == "changes" {
                entry.changes = Some(map.next_value_seed(ChangesSeed)?);
            } else {
                let value: Value = map.next_value()?;
                entry.fields.insert(key, value);
            }
        }
        Ok(entry)
    }
}

/// An entry's "changes", a change at a time.
struct ChangesSeed;

impl<'de> DeserializeSeed<'de> for ChangesSeed {
    type Value = Result<Vec<Change>, FieldError>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ChangesSeed {
    type Value = Result<Vec<Change>, FieldError>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of changes")
    }
    other_values!(Err(FieldError::ChangesNotAnArray));
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(map).map(|()| Err(FieldError::ChangesNotAnArray))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut changes = Ok(Vec::new());
        let mut i = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            if let Ok(list) = &mut changes {
                match change_from(i, &value) {
                    Ok(change) => list.push(change),
                    Err(e) => changes = Err(e),
                }
            }
            i += 1;
        }
        Ok(changes)
    }
}
