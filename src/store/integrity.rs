//! The records are the audit log's latest values (docs/architecture.md#integrity). The chain hash
//! makes the log itself tamper-evident, but a record can be edited beside it — in the database
//! files with a small sled program, or in a backup's readable JSON — and a log can be cut short at
//! its end, which leaves a valid chain. Both show here: every record must equal the after-value of
//! the latest log entry that wrote it, and every key the log says exists must be a record.
//!
//! Values are compared decoded and encoded again in today's format, so that a record an open migrated
//! to a newer format (schema 2's submissions, schema 6's jurors) still matches the older bytes its log
//! entry holds. Only a hash of each latest value is kept while the log is read, not the value.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

use super::audit::Sealed;
use super::records::{Kind, Record};
use crate::domain::Id;

/// A hash of a stored value in today's format (`fingerprint`).
pub(super) type Fingerprint = [u8; 32];

/// What the log says each record holds now: a fingerprint of its latest after-value (`None`: deleted)
/// and the entry that wrote it.
#[derive(Default)]
pub(super) struct Latest {
    values: HashMap<(Kind, Id), (Option<Fingerprint>, u64)>,
}

impl Latest {
    /// Reads the log in order; later entries win. (The store reads its log as a stream, `add`; this
    /// is for tests.)
    #[cfg(test)]
    pub(super) fn of<'a>(log: impl Iterator<Item = &'a Sealed>) -> Latest {
        let mut latest = Latest::default();
        for sealed in log {
            latest.add(sealed);
        }
        latest
    }

    /// Takes in one more entry, later than every entry added before (a log read as a stream).
    pub(super) fn add(&mut self, sealed: &Sealed) {
        for change in &sealed.entry.changes {
            let print = change
                .after
                .as_deref()
                .map(|bytes| fingerprint(change.kind, bytes));
            self.values
                .insert((change.kind, change.id), (print, sealed.entry.seq));
        }
    }

    /// Compares the records with the log, consuming the log's view: one problem per record the log
    /// does not account for, and per record the log says exists but the store lacks. (For tests; the
    /// store `take`s records as it reads them.)
    #[cfg(test)]
    pub(super) fn compare<'a>(
        mut self,
        records: impl Iterator<Item = (Kind, Id, &'a [u8])>,
    ) -> Vec<String> {
        let mut problems: Vec<String> = records
            .filter_map(|(kind, id, bytes)| self.take(kind, id, bytes))
            .collect();
        problems.extend(self.missing());
        problems
    }

    /// Compares one record with the log (each record once): the problem, if it is not what the log
    /// last wrote.
    pub(super) fn take(&mut self, kind: Kind, id: Id, bytes: &[u8]) -> Option<String> {
        self.take_print(kind, id, &fingerprint(kind, bytes))
    }

    /// `take` for a record whose `fingerprint` was made already (`check` hashes the records on one
    /// thread while another reads the log).
    pub(super) fn take_print(&mut self, kind: Kind, id: Id, print: &Fingerprint) -> Option<String> {
        let name = kind.name();
        match self.values.remove(&(kind, id)) {
            None => Some(format!(
                "{name} {id} is in no audit log entry: it was written outside jurydesk, or the log was cut short"
            )),
            Some((None, seq)) => Some(format!(
                "{name} {id} exists, but the audit log's entry #{seq} deleted it: it was put back outside jurydesk, or the log was cut short"
            )),
            Some((Some(expected), seq)) if *print != expected => Some(format!(
                "{name} {id} differs from what the audit log's entry #{seq} wrote: it was changed outside jurydesk, or the log was cut short"
            )),
            Some(_) => None,
        }
    }

    /// Once every record was `take`n: one problem per record the log says exists but none was.
    pub(super) fn missing(self) -> Vec<String> {
        let mut missing: Vec<((Kind, Id), u64)> = self
            .values
            .into_iter()
            .filter_map(|(key, (print, seq))| print.map(|_| (key, seq)))
            .collect();
        missing.sort();
        missing
            .into_iter()
            .map(|((kind, id), seq)| {
                format!(
                    "{} {id} was written by the audit log's entry #{seq} but is not in the store: it was removed outside jurydesk",
                    kind.name()
                )
            })
            .collect()
    }
}

/// Whether two stored values of `kind` hold the same record, whatever format version each was
/// written in (a record migrated on open against the older bytes its log entry holds).
pub fn same_record(kind: Kind, a: Option<&[u8]>, b: Option<&[u8]>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || fingerprint(kind, a) == fingerprint(kind, b),
        (None, None) => true,
        _ => false,
    }
}

/// A hash of a stored value in today's format (see the module); a value that does not decode keeps
/// its raw bytes' hash, and a mismatch is reported (its decoding error is `check`'s to report).
pub(super) fn fingerprint(kind: Kind, bytes: &[u8]) -> Fingerprint {
    // A value already in today's format is its own re-encoding (the codec round-trips exactly, see
    // tests/golden.rs): only older versions are decoded, which keeps `check` at 100k fast.
    let current_version = crate::with_record_type!(kind, T => T::VERSION);
    if bytes.first() == Some(&current_version) {
        return Sha256::digest(bytes).into();
    }
    let current = crate::with_record_type!(kind, T => T::decode(bytes).and_then(|r| r.encode()));
    let hashed = current.as_deref().unwrap_or(bytes);
    Sha256::digest(hashed).into()
}

#[cfg(test)]
mod tests {
    use super::super::audit::{Change, Entry, GENESIS};
    use super::*;
    use crate::domain::Festival;

    fn festival(id: Id, name: &str) -> Vec<u8> {
        Festival {
            id,
            code: format!("f{id}"),
            name: name.into(),
            organisers: Vec::new(),
            notes: String::new(),
        }
        .encode()
        .unwrap()
    }

    fn entry(seq: u64, changes: Vec<Change>) -> Sealed {
        Entry {
            seq,
            at: chrono::DateTime::from_timestamp(0, 0).unwrap(),
            user: "test".into(),
            action: "test".into(),
            changes,
            undoes: None,
            prev_hash: GENESIS,
        }
        .seal()
        .unwrap()
    }

    fn change(id: Id, before: Option<Vec<u8>>, after: Option<Vec<u8>>) -> Change {
        Change {
            kind: Kind::Festival,
            id,
            before,
            after,
        }
    }

    #[test]
    fn records_agree_with_the_log_or_are_named() {
        let log = [
            entry(1, vec![change(1, None, Some(festival(1, "Fajr")))]),
            entry(2, vec![change(2, None, Some(festival(2, "Basirah")))]),
            entry(
                3,
                vec![change(
                    1,
                    Some(festival(1, "Fajr")),
                    Some(festival(1, "Fajr FF")),
                )],
            ),
            entry(4, vec![change(3, None, Some(festival(3, "RIFF")))]),
            entry(5, vec![change(3, Some(festival(3, "RIFF")), None)]),
        ];
        let whole = [
            (Kind::Festival, 1, festival(1, "Fajr FF")),
            (Kind::Festival, 2, festival(2, "Basirah")),
        ];
        let records = |r: &[(Kind, Id, Vec<u8>)]| -> Vec<String> {
            Latest::of(log.iter()).compare(r.iter().map(|(k, i, b)| (*k, *i, b.as_slice())))
        };
        assert!(records(&whole).is_empty());

        let edited = [
            (Kind::Festival, 1, festival(1, "Fajr (edited)")),
            (Kind::Festival, 2, festival(2, "Basirah")),
            (Kind::Festival, 3, festival(3, "RIFF")),
            (Kind::Festival, 9, festival(9, "Forged")),
        ];
        let problems = records(&edited);
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(problems[0].contains("festival 1 differs from what the audit log's entry #3"));
        assert!(problems[1].contains("festival 3 exists, but the audit log's entry #5 deleted it"));
        assert!(problems[2].contains("festival 9 is in no audit log entry"));

        let removed = [(Kind::Festival, 1, festival(1, "Fajr FF"))];
        let problems = records(&removed);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("festival 2 was written by the audit log's entry #2"));
    }
}
