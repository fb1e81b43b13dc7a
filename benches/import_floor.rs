//! What sled alone costs to write a 100k import under today's layout and under the layouts that would
//! write fewer keys per row (BENCHMARKS.md, "Third session (branch `import`)"). Issue 17 asks for
//! `import csv` at 100k in at most 2 s: this names the floor under each layout, measured, so that a
//! schema change is weighed on numbers.
//!
//! `cargo bench --bench import_floor [-- ROWS]` (100,000 by default). For each layout a child process
//! writes the same records into a new store the way `store::staging` writes a large commit — slices of
//! 1,024 keys in key order, a `get` of each key's before-value and a journal value per slice, the journal
//! removed at the end, one flush — with jurydesk's sled configuration (16 MB cache, no flush thread),
//! and reports its CPU time (user + system, whole child, store open included) and its peak RSS. Only
//! sled's work is measured: no parsing, staging, audit entry or read-model derivation.
//!
//! The records are jurydesk's own (`Film`, `Submission`, encoded by `Record::encode`) shaped like the
//! rows of `generate --seed 7`'s CSV, and the index entries are `Record::index_entries`, one key each
//! (schema 10) or in their buckets (`store::buckets`, schema 11). The summary pages (64 summaries each,
//! `SubmissionSummary::of`) are written in every layout.
// Benches stop loudly and are held to clippy's default set, as tests are (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::process::Command;
use std::time::Instant;

use chrono::{NaiveDate, TimeZone, Utc};
use jurydesk::domain::{Film, StatusChange, Submission, SubmissionStatus};
use jurydesk::store::{Record, SubmissionSummary, buckets, codec, keys};

#[path = "support/floor.rs"]
mod floor;
use floor::{cpu_seconds, open_like_jurydesk};

const SLICE_KEYS: usize = 1024;

/// A layout: which of today's per-row keys it keeps, and how many records share one value.
struct Layout {
    name: &'static str,
    /// Index prefixes written per row (of 0x43, 0x44, 0x4B, 0x4C).
    index: &'static [u8],
    /// Records per stored value (1: one key per record).
    pack: usize,
    /// Whether the index entries are kept in buckets (schema 11) rather than a key each; with `pack`
    /// 16, the records too (schema 12).
    bucketed: bool,
}

const LAYOUTS: [Layout; 8] = [
    Layout {
        name: "schema 10: 2 records + a key per entry of 0x43 0x44 0x4B 0x4C",
        index: &[0x43, 0x44, 0x4B, 0x4C],
        pack: 1,
        bucketed: false,
    },
    Layout {
        name: "schema 11: 2 records + the buckets of 0x43 0x44 0x4B 0x4C",
        index: &[0x43, 0x44, 0x4B, 0x4C],
        pack: 1,
        bucketed: true,
    },
    Layout {
        name: "today (schema 12): the records' buckets + the buckets of 0x43 0x44 0x4B 0x4C",
        index: &[0x43, 0x44, 0x4B, 0x4C],
        pack: 16,
        bucketed: true,
    },
    Layout {
        name: "without 0x43 (edition -> submissions: the summary pages)",
        index: &[0x44, 0x4B, 0x4C],
        pack: 1,
        bucketed: false,
    },
    Layout {
        name: "without 0x43, 0x44",
        index: &[0x4B, 0x4C],
        pack: 1,
        bucketed: false,
    },
    Layout {
        name: "records + 0x4B only",
        index: &[0x4B],
        pack: 1,
        bucketed: false,
    },
    Layout {
        name: "records only",
        index: &[],
        pack: 1,
        bucketed: false,
    },
    Layout {
        name: "records packed 16 per value, no index keys",
        index: &[],
        pack: 16,
        bucketed: false,
    },
];

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if let Some(pos) = args.iter().position(|a| a == "--child") {
        let layout: usize = args[pos + 1].parse().unwrap();
        let rows: u64 = args[pos + 2].parse().unwrap();
        child(&LAYOUTS[layout], rows);
        return;
    }
    let rows: u64 = args.first().map_or(100_000, |r| r.parse().expect("ROWS"));
    println!(
        "sled 0.34.7 writing a {rows}-row import, staged as jurydesk stages it; one process each"
    );
    println!();
    println!("| layout | keys written | sled CPU (user+sys) | wall | peak RSS |");
    println!("|---|---|---|---|---|");
    let exe = std::env::current_exe().unwrap();
    for (i, layout) in LAYOUTS.iter().enumerate() {
        let out = Command::new(&exe)
            .args(["--child", &i.to_string(), &rows.to_string()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let line = String::from_utf8_lossy(&out.stdout);
        println!("| {} | {}", layout.name, line.trim());
    }
}

/// Writes one layout into a new store and prints `keys | CPU | wall | peak` for the table. CPU and wall
/// count from the store's open to its last flush.
fn child(layout: &Layout, rows: u64) {
    let mut writes: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut entries: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    let mut films = Vec::new();
    let mut submissions = Vec::new();
    let mut pages: Vec<Vec<SubmissionSummary>> = Vec::new();
    for n in 1..=rows {
        let (film, submission) = row(n);
        let summary = SubmissionSummary::of(&submission, Some(&film));
        if pages.last().is_none_or(|p| p.len() == 64) {
            pages.push(Vec::new());
        }
        pages.last_mut().unwrap().push(summary);
        for (key, value) in film
            .index_entries()
            .into_iter()
            .chain(submission.index_entries())
        {
            if layout.index.contains(&key[0]) {
                entries.push((key, value));
            }
        }
        films.push((keys::record(0x03, film.id), film.encode().unwrap()));
        submissions.push((
            keys::record(0x04, submission.id),
            submission.encode().unwrap(),
        ));
    }
    if layout.bucketed {
        writes.extend(buckets::fill(entries));
    } else {
        writes.extend(entries);
    }
    for records in [films, submissions] {
        if layout.bucketed && layout.pack > 1 {
            // Schema 12: in the real bucket format, sixteen consecutive ids to a bucket.
            writes.extend(buckets::fill(records));
            continue;
        }
        for group in records.chunks(layout.pack) {
            let mut value = Vec::new();
            for (_, bytes) in group {
                value.extend_from_slice(bytes);
            }
            writes.push((group[0].0.clone(), value));
        }
    }
    for (page, rows) in pages.iter().enumerate() {
        writes.push((
            keys::summary_page(1, page as u64),
            codec::encode(2, rows).unwrap(),
        ));
    }
    writes.sort();
    drop(pages);
    // The peak from here on: the prepared writes (held, as a commit holds them) plus sled.
    std::fs::write("/proc/self/clear_refs", "5").unwrap();
    let held_kb = status_kb("VmRSS:");
    let prepared = cpu_seconds();

    let dir = tempfile::tempdir().unwrap();
    let db = open_like_jurydesk(&dir.path().join("store"));
    let wall = Instant::now();
    for (number, slice) in writes.chunks(SLICE_KEYS).enumerate() {
        let mut batch = sled::Batch::default();
        let mut journal = Vec::with_capacity(slice.len());
        for (key, value) in slice {
            let old = db.get(key).unwrap();
            journal.extend_from_slice(key);
            journal.push(u8::from(old.is_some()));
            batch.insert(key.as_slice(), value.as_slice());
        }
        db.insert(keys::staged(number as u64), journal).unwrap();
        db.apply_batch(batch).unwrap();
    }
    db.flush().unwrap();
    let mut clear = sled::Batch::default();
    for key in db.scan_prefix([keys::STAGED]).keys() {
        clear.remove(key.unwrap());
    }
    db.apply_batch(clear).unwrap();
    db.flush().unwrap();
    drop(db);
    println!(
        "{} ({:.2} per row) | {:.2} s | {:.2} s | {} MB ({} MB of it the writes held) |",
        writes.len(),
        writes.len() as f64 / rows as f64,
        cpu_seconds() - prepared,
        wall.elapsed().as_secs_f64(),
        status_kb("VmHWM:") / 1024,
        held_kb / 1024
    );
}

/// Row `n` as `generate --seed 7` exports it and `import csv` stages it (sizes, not exact text).
fn row(n: u64) -> (Film, Submission) {
    let film = Film {
        id: n,
        title: format!("Silence {n}"),
        original_title: "سکوت".into(),
        directors: vec!["Sara Hashemi".into(), "Leila Karimi".into()],
        cast: vec!["Yusuf Nouri".into()],
        countries: vec!["Iran".into()],
        year: Some(2025),
        runtime_minutes: Some(23),
        synopsis: "Synthetic film made by `jurydesk generate`.".into(),
        ..Film::default()
    };
    let status = SubmissionStatus::Eligible;
    let submission = Submission {
        id: n,
        edition_id: 1,
        film_id: n,
        section: "Short Films".into(),
        status,
        original_status: "eligible".into(),
        submitted: NaiveDate::from_ymd_opt(2025, 3, 1),
        external_id: format!("GEN-{n:07}"),
        notes: String::new(),
        history: vec![StatusChange {
            at: Utc.with_ymd_and_hms(2026, 12, 7, 8, 0, 0).unwrap(),
            from: None,
            to: status,
            note: "imported from gen-7-1.csv".into(),
        }],
    };
    (film, submission)
}

/// A size in KB from /proc/self/status (Linux): `VmRSS:` now, `VmHWM:` the peak since `clear_refs`.
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}
