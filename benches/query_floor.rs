//! The floor under `list submissions --query` (issue 17, BENCHMARKS.md "Third session (branch
//! `query`)"): what sled alone costs for the reads a search that prints its hits cannot do without,
//! each measured in a fresh process, as the command runs.
//!
//! `JURYDESK_BENCH_STORE=S cargo bench --bench query_floor` (S: a copy of a `generate --submissions
//! 100000 --seed 7` store; `JURYDESK_BENCH_EDITION` defaults to gen-7-1, `JURYDESK_BENCH_QUERY` to
//! night, `JURYDESK_BENCH_RUNS` to 5). The hits are found once with jurydesk's own search; then each
//! phase runs in a process of its own, with sled opened as jurydesk opens it (16 MB cache, no flush
//! thread), and prints the median wall and CPU time (user + system, every thread) of its runs:
//!
//! - `open`: sled's start-up and one read;
//! - `pages`: that, and the edition's pages of summaries read (bytes only, nothing decoded);
//! - `records`: the open, and each hit's submission and film record read by key (bytes only);
//! - `floor`: all three, in one process: the least a `--query` that prints its hits' records costs
//!   with this layout, before jurydesk decodes, matches or prints anything;
//! - `records2`, `floor2`: the same with the submissions and the films read on two threads at once.
// Benches stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic
// one the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use jurydesk::desk::{Desk, SubmissionQuery};
use jurydesk::store::keys;

#[path = "support/floor.rs"]
mod floor;
use floor::{cpu_seconds, open_like_jurydesk};

/// The phase a child process runs, and the file of hits it reads.
const PHASE: &str = "JURYDESK_FLOOR_PHASE";
const HITS: &str = "JURYDESK_FLOOR_HITS";
const EDITION: &str = "JURYDESK_FLOOR_EDITION";

/// The record tags of films and submissions (`store::records::Kind`).
const FILM: u8 = 0x03;
const SUBMISSION: u8 = 0x04;

/// Reads every page of the edition's summaries; their bytes.
fn read_pages(db: &sled::Db, edition: u64) -> usize {
    let start = keys::summary_page(edition, 0);
    let end = keys::summary_page(edition + 1, 0);
    db.range(start..end).map(|kv| kv.unwrap().1.len()).sum()
}

/// Reads each hit's submission and film record by key; their bytes.
fn read_records(db: &sled::Db, hits: &[(u64, u64)]) -> usize {
    hits.iter()
        .map(|&(submission, film)| {
            let s = db.get(keys::record(SUBMISSION, submission)).unwrap();
            let f = db.get(keys::record(FILM, film)).unwrap();
            s.map_or(0, |v| v.len()) + f.map_or(0, |v| v.len())
        })
        .sum()
}

/// `read_records` with the submissions read on one thread and the films on another.
fn read_records_on_two_threads(db: &sled::Db, hits: &[(u64, u64)]) -> usize {
    let read = |tag: u8, pick: fn(&(u64, u64)) -> u64| {
        hits.iter()
            .map(|hit| {
                db.get(keys::record(tag, pick(hit)))
                    .unwrap()
                    .map_or(0, |v| v.len())
            })
            .sum::<usize>()
    };
    std::thread::scope(|scope| {
        let films = scope.spawn(|| read(FILM, |hit| hit.1));
        read(SUBMISSION, |hit| hit.0) + films.join().unwrap()
    })
}

/// A child: runs one phase and prints `wall_ns cpu_ns bytes` (the exit is left out, as jurydesk
/// leaves sled's closing work out).
fn child(phase: &str, store: &Path, edition: u64) {
    let wall = Instant::now();
    let hits: Vec<(u64, u64)> = std::fs::read_to_string(std::env::var_os(HITS).unwrap())
        .unwrap()
        .lines()
        .map(|line| {
            let (s, f) = line.split_once(' ').unwrap();
            (s.parse().unwrap(), f.parse().unwrap())
        })
        .collect();
    let db = open_like_jurydesk(store);
    let mut bytes = db.get(b"x").unwrap().map_or(0, |v| v.len());
    if phase == "pages" || phase.starts_with("floor") {
        bytes += read_pages(&db, edition);
    }
    if phase == "records" || phase == "floor" {
        bytes += read_records(&db, &hits);
    }
    if phase == "records2" || phase == "floor2" {
        bytes += read_records_on_two_threads(&db, &hits);
    }
    println!(
        "{} {} {bytes}",
        wall.elapsed().as_nanos(),
        Duration::from_secs_f64(cpu_seconds()).as_nanos()
    );
    std::mem::forget(db);
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    let store = PathBuf::from(
        std::env::var_os("JURYDESK_BENCH_STORE")
            .expect("JURYDESK_BENCH_STORE=PATH: a copy of a generated 100k store"),
    );
    let code = std::env::var("JURYDESK_BENCH_EDITION").unwrap_or_else(|_| "gen-7-1".into());
    let text = std::env::var("JURYDESK_BENCH_QUERY").unwrap_or_else(|_| "night".into());
    let runs: usize = std::env::var("JURYDESK_BENCH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(5);
    if let (Ok(phase), Ok(edition)) = (std::env::var(PHASE), std::env::var(EDITION)) {
        return child(&phase, &store, edition.parse().unwrap());
    }
    let desk = Desk::open_existing(&store).unwrap();
    let edition = desk.edition(&code).unwrap().id;
    let query = SubmissionQuery::parse(&text).unwrap();
    let hits = desk.search(&[edition], &query).unwrap();
    drop(desk);
    let dir = tempfile::tempdir().unwrap();
    let hits_file = dir.path().join("hits");
    let lines: Vec<String> = hits
        .iter()
        .map(|h| format!("{} {}", h.id(), h.film_id()))
        .collect();
    std::fs::write(&hits_file, lines.join("\n")).unwrap();
    println!(
        "query_floor: store {}, edition {code}, query {text:?}: {} hits; {runs} fresh processes per phase; load {}",
        store.display(),
        hits.len(),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
    );
    for phase in ["open", "pages", "records", "floor", "records2", "floor2"] {
        let (mut walls, mut cpus) = (Vec::new(), Vec::new());
        let mut bytes = 0;
        for _ in 0..runs {
            // sled's lock outlives a process by a moment: a busy store is retried briefly.
            let mut tries = 0;
            let output = loop {
                let output = Command::new(std::env::current_exe().unwrap())
                    .env(PHASE, phase)
                    .env(HITS, &hits_file)
                    .env(EDITION, edition.to_string())
                    .output()
                    .unwrap();
                tries += 1;
                if output.status.success() || tries == 50 {
                    break output;
                }
                std::thread::sleep(Duration::from_millis(50));
            };
            assert!(
                output.status.success(),
                "{phase}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            let line = String::from_utf8(output.stdout).unwrap();
            let fields: Vec<f64> = line
                .split_whitespace()
                .map(|f| f.parse().unwrap())
                .collect();
            walls.push(fields[0] / 1e6);
            cpus.push(fields[1] / 1e6);
            bytes = fields[2] as u64;
        }
        println!(
            "{phase:>8}: wall median {:6.1} ms (min {:6.1}), CPU median {:6.1} ms, {:.1} MB read",
            median(walls.clone()),
            walls.iter().copied().fold(f64::INFINITY, f64::min),
            median(cpus),
            bytes as f64 / 1e6
        );
    }
}
