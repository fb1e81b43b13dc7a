//! One kind of record read once for `check`: every value hashed for the comparison with the log,
//! decoded once (the decoded records feed the invariants and the summaries), and its index entries
//! noted by prefix. The comparison with the log is made later (`KindReport::problems`), because the
//! log may still be being read on the other thread.

use std::collections::BTreeMap;

use super::unreadable;
use crate::domain::Id;
use crate::store::integrity::{Fingerprint, Latest, fingerprint};
use crate::store::record_scan::{Held, RecordScan};
use crate::store::records::{IndexEntry, Kind, Record};
use crate::store::{Store, keys};

/// What reading one kind found, besides the records.
pub(super) struct KindReport {
    pub kind: Kind,
    /// Every value read (decoded or not), in key order: its id and fingerprint.
    pub prints: Vec<(Id, Fingerprint)>,
    /// The values that did not decode: their place in `prints`, their id, and the problem.
    pub undecoded: Vec<(usize, Id, String)>,
    /// What the record buckets hold that no commit writes (`record_scan::Flaw`): how many values
    /// were read before it, and the problem.
    pub flaws: Vec<(usize, String)>,
    /// Why reading stopped before the end of the kind (a part of the store that cannot be read).
    pub broke: Option<String>,
}

impl KindReport {
    /// The ids of the values that did not decode, in key order.
    pub fn undecoded_ids(&self) -> impl Iterator<Item = Id> + '_ {
        self.undecoded.iter().map(|&(_, id, _)| id)
    }

    /// This kind's problems, in the order a single reader finds them: for each value in key order,
    /// whether the log accounts for it (when the log could be read) and whether it decodes; then
    /// where reading stopped.
    pub fn problems(&self, mut latest: Option<&mut Latest>) -> Vec<String> {
        let mut problems = Vec::new();
        let mut undecoded = self.undecoded.iter().peekable();
        let mut flaws = self.flaws.iter().peekable();
        for (place, (id, print)) in self.prints.iter().enumerate() {
            while let Some((_, problem)) = flaws.next_if(|(at, _)| *at == place) {
                problems.push(problem.clone());
            }
            if let Some(latest) = latest.as_deref_mut()
                && let Some(problem) = latest.take_print(self.kind, *id, print)
            {
                problems.push(problem);
            }
            while let Some((_, _, problem)) = undecoded.next_if(|(at, _, _)| *at == place) {
                problems.push(problem.clone());
            }
        }
        problems.extend(flaws.map(|(_, problem)| problem.clone()));
        problems.extend(self.broke.iter().cloned());
        problems
    }
}

/// The index entries some records of one kind call for, as read.
pub(super) type Group = (Kind, Vec<IndexEntry>);

/// The index entries the records read so far call for, by key prefix, and within a prefix by the
/// kind that called for them (in the order read). Kept apart by prefix so that each index prefix can
/// be compared on whichever thread is free, once every kind that may call for it was read.
#[derive(Default)]
pub(super) struct Expected {
    by_prefix: BTreeMap<u8, Vec<Group>>,
}

impl Expected {
    fn add(&mut self, kind: Kind, entries: Vec<IndexEntry>) {
        for entry in entries {
            // Every index key has its prefix; an empty one (none is made) sorts first, as before.
            let prefix = entry.0.first().copied().unwrap_or(keys::META);
            let groups = self.by_prefix.entry(prefix).or_default();
            match groups.last_mut() {
                Some((last, group)) if *last == kind => group.push(entry),
                _ => groups.push((kind, vec![entry])),
            }
        }
    }

    /// Every index prefix with what both threads' records call for under it, as read: each prefix
    /// an index is kept under (even with nothing expected: what is stored there names no record),
    /// and any other prefix a record calls for (none is made).
    pub fn together(self, other: Expected) -> Vec<(u8, Vec<Group>)> {
        let mut by_prefix: BTreeMap<u8, Vec<Group>> = keys::INDEX_PREFIXES
            .into_iter()
            .map(|prefix| (prefix, Vec::new()))
            .collect();
        for (prefix, groups) in self.by_prefix.into_iter().chain(other.by_prefix) {
            by_prefix.entry(prefix).or_default().extend(groups);
        }
        by_prefix.into_iter().collect()
    }
}

/// The entries under one prefix from both threads, in key order with one entry per key: where two
/// records call for the same key, the one read last in kind order and key order wins (as when the
/// entries were gathered in one map).
pub(super) fn settle(mut groups: Vec<Group>) -> Vec<IndexEntry> {
    // Stable: the groups of one kind keep their reading order.
    groups.sort_by_key(|(kind, _)| *kind);
    let mut entries: Vec<IndexEntry> = groups.into_iter().flat_map(|(_, group)| group).collect();
    // Stable, so equal keys stay in reading order and the last one read is kept.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            std::mem::swap(&mut later.1, &mut kept.1);
        }
        same
    });
    entries
}

/// Reads every record of `T` once, in key order (see the module).
pub(super) fn scan<T: Record>(store: &Store, expected: &mut Expected) -> (Vec<T>, KindReport) {
    let mut records = Vec::new();
    let mut report = KindReport {
        kind: T::KIND,
        prints: Vec::new(),
        undecoded: Vec::new(),
        flaws: Vec::new(),
        broke: None,
    };
    for item in RecordScan::all(&store.db, &store.path, T::KIND) {
        let (id, value) = match item {
            Ok(Held::Record(id, value)) => (id, value),
            Ok(Held::Flaw(flaw)) => {
                report
                    .flaws
                    .push((report.prints.len(), flaw.describe(T::KIND)));
                continue;
            }
            Err(e) => {
                report.broke = Some(format!("{}s: {}", T::KIND.name(), unreadable(e)));
                break;
            }
        };
        let place = report.prints.len();
        report.prints.push((id, fingerprint(T::KIND, &value)));
        match T::decode(&value) {
            Ok(record) => {
                expected.add(T::KIND, record.index_entries());
                records.push(record);
            }
            Err(source) => report.undecoded.push((
                place,
                id,
                format!("{} {id} cannot be read: {source}", T::KIND.name()),
            )),
        }
    }
    (records, report)
}
