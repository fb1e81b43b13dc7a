//! The backup file read as a stream (SPEC §5.4, §9): the document is never held whole. Each record is
//! read as a small JSON value, cleaned (`backup_text`), encoded and handed on before the next is read;
//! each log entry is read change by change into its stored form. What is handed on is a
//! `store::BackupItem`, to the store's restore, which reads the file more than once (`BackupSource`).
//!
//! Every problem found is reported, each saying where in the document it is, as when the backup was
//! read whole; a file that is not JSON is named with its line and column.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::backup_json::{
    BackupFile, FORMAT, entry_from, header_problems, kind_named, record_from,
};
use crate::store::{BackupItem, BackupSource, Change, Part, RestoreError, Snapshot};

type Visit<'v> = dyn FnMut(BackupItem<'_>) -> Result<(), RestoreError> + 'v;

/// A backup file, read from its start on every pass.
pub struct BackupReader {
    name: String,
    from: From,
    /// One line per text value cleaned, from the first pass that read the records.
    warnings: Option<Vec<String>>,
}

enum From {
    File(PathBuf),
    Spooled(Spool),
    Bytes(Vec<u8>),
}

/// A copy of a backup that came through a pipe, in the temporary directory, readable by this user
/// only (a backup holds ballots); removed when dropped.
struct Spool(PathBuf);

impl Spool {
    fn of(input: &mut impl Read) -> std::io::Result<Spool> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "jurydesk-backup-{}-{stamp}.json",
            std::process::id()
        ));
        let mut file = options.open(&path)?;
        let spool = Spool(path);
        std::io::copy(input, &mut file)?;
        Ok(spool)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

impl BackupReader {
    /// The backup in the file at `path`. It is read more than once (checked whole, then written),
    /// so what is not a regular file (a pipe, `/dev/stdin`, `<(zcat …)`) is first copied to a
    /// private temporary file, removed when the reader is dropped.
    pub fn file(path: &Path) -> Result<BackupReader, String> {
        let name = path.display().to_string();
        let cannot = |e: std::io::Error| format!("cannot read {name}: {e}");
        let metadata = std::fs::metadata(path).map_err(cannot)?;
        let from = if metadata.is_file() {
            From::File(path.to_path_buf())
        } else {
            let mut input = std::fs::File::open(path).map_err(cannot)?;
            From::Spooled(Spool::of(&mut input).map_err(|e| {
                format!(
                    "cannot read {name}: it is not a regular file, and copying it to a temporary file (to read it more than once) failed: {e}; save it to a file first"
                )
            })?)
        };
        Ok(BackupReader {
            name,
            from,
            warnings: None,
        })
    }

    /// A backup held in memory, named `name` in messages.
    pub fn bytes(name: &str, bytes: Vec<u8>) -> BackupReader {
        BackupReader {
            name: name.to_string(),
            from: From::Bytes(bytes),
            warnings: None,
        }
    }

    /// One line per text value cleaned on the way in, naming the record and the field.
    pub fn warnings(&self) -> &[String] {
        self.warnings.as_deref().unwrap_or_default()
    }

    fn parse(&mut self, part: Part, visit: &mut Visit<'_>) -> Result<(), RestoreError> {
        let mut warnings = Vec::new();
        let keep_warnings = part.records() && self.warnings.is_none();
        let outcome = match &self.from {
            From::File(path) | From::Spooled(Spool(path)) => {
                let file = std::fs::File::open(path).map_err(|e| {
                    RestoreError::File(vec![format!("cannot read {}: {e}", self.name)])
                })?;
                let reader = std::io::BufReader::with_capacity(1 << 16, file);
                parse(&self.name, reader, part, &mut warnings, visit)
            }
            From::Bytes(bytes) => parse(&self.name, bytes.as_slice(), part, &mut warnings, visit),
        };
        if keep_warnings && outcome.is_ok() {
            self.warnings = Some(warnings);
        }
        outcome
    }
}

impl BackupSource for BackupReader {
    fn read(&mut self, part: Part, visit: &mut Visit<'_>) -> Result<(), RestoreError> {
        match self.parse(part, visit) {
            // A part alone showed a problem: read everything, so that every problem is said.
            Err(RestoreError::File(_)) if part != Part::All => {
                self.parse(Part::All, &mut |_| Ok(()))
            }
            outcome => outcome,
        }
    }
}

/// Reads a backup held in memory whole into a snapshot (small backups, tests).
pub fn read_backup(file: &str, bytes: &[u8]) -> Result<BackupFile, Vec<String>> {
    let mut reader = BackupReader::bytes(file, bytes.to_vec());
    let mut snapshot = Snapshot::default();
    let read = reader.read(Part::All, &mut |item| {
        match item {
            BackupItem::Counter(kind, next) => snapshot.counters.push((kind, next)),
            BackupItem::Record {
                kind,
                id,
                bytes,
                as_written,
            } => {
                snapshot.records.push((kind, id, bytes.to_vec()));
                if let Some(raw) = as_written {
                    snapshot.as_written.push((kind, id, raw.to_vec()));
                }
            }
            BackupItem::Entry(sealed) => snapshot.log.push(sealed.clone()),
        }
        Ok(())
    });
    match read {
        Ok(()) => {
            snapshot.records.sort_by_key(|(kind, id, _)| (*kind, *id));
            Ok(BackupFile {
                snapshot,
                warnings: reader.warnings().to_vec(),
            })
        }
        Err(RestoreError::File(problems)) => Err(problems),
        Err(e) => Err(vec![e.to_string()]),
    }
}

/// One pass over the document in `reader`.
fn parse(
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
                Err(problem) => state.record_problems.push(problem),
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
    changes: Option<Result<Vec<Change>, String>>,
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
    type Value = Result<Vec<Change>, String>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ChangesSeed {
    type Value = Result<Vec<Change>, String>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of changes")
    }
    other_values!(Err("\"changes\" is not an array".into()));
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        skip_map(map).map(|()| Err("\"changes\" is not an array".into()))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut changes = Ok(Vec::new());
        let mut i = 0;
        while let Some(value) = seq.next_element::<Value>()? {
            if let Ok(list) = &mut changes {
                match super::backup_json::change_from(i, &value) {
                    Ok(change) => list.push(change),
                    Err(e) => changes = Err(e),
                }
            }
            i += 1;
        }
        Ok(changes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(text: &str) -> Vec<String> {
        read_backup("b.json", text.as_bytes())
            .err()
            .unwrap_or_default()
    }

    #[test]
    fn every_problem_is_named_with_its_place() {
        let said = problems(
            r#"{"format": "jurydesk backup", "version": 1, "schema": 6,
                "counters": {"film": "x"},
                "records": {"film": [{"id": 1}], "nonsense": []},
                "log": [{"seq": 1}, 7]}"#,
        );
        assert_eq!(said.len(), 5, "{said:#?}");
        assert!(said[0].starts_with("b.json: counters.film:"), "{said:#?}");
        assert!(said[1].starts_with("b.json: records.film[0]:"), "{said:#?}");
        assert!(
            said[2].starts_with("b.json: records.nonsense:"),
            "{said:#?}"
        );
        assert_eq!(said[3], "b.json: log[0]: no \"at\"");
        assert_eq!(said[4], "b.json: log[1]: no \"at\"");
    }

    #[test]
    fn missing_parts_and_bad_json_are_said() {
        assert_eq!(
            problems(r#"{"format": "jurydesk backup", "version": 1, "schema": 6}"#),
            [
                "b.json: no \"counters\" object",
                "b.json: no \"records\" object",
                "b.json: no \"log\" array"
            ]
        );
        let said = problems("{\"format\": \"jurydesk backup\",\n  \"log\": [,]}");
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with("b.json:2:"), "{said:?}");
        assert!(problems("[1, 2]")[0].contains("not a jurydesk backup"));
    }

    #[test]
    fn a_backup_through_a_pipe_is_read_from_a_private_copy_removed_after() {
        let reader = BackupReader::file(Path::new("/dev/null")).unwrap();
        let From::Spooled(Spool(copy)) = &reader.from else {
            panic!("/dev/null is not a regular file: it is copied");
        };
        let copy = copy.clone();
        assert!(copy.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drop(reader);
        assert!(!copy.exists(), "the copy is removed");
    }
}
