//! The floor under `list submissions --format json` of a whole edition (issue 17, budget 0.4 s at
//! 100k): what sled alone costs to open a store, read every film and submission record once and
//! close it, with the same configuration as jurydesk (`store::boundary::open_sled`: 16 MB cache, no
//! flush thread), on one thread and on two (one range each, as the listing reads them). Nothing is
//! decoded or printed: whatever jurydesk does on top of this is its own cost.
//!
//! `JURYDESK_BENCH_STORE=COPY_OF_A_STORE cargo bench --bench list_floor` (`RUNS=N`, default 5).
//! Give it a copy: sled may tidy its files on open. Prints the median and the lowest wall and CPU
//! time (user + system of the whole process, every thread, from /proc/self/stat) of each way.
// Benches stop loudly and are held to clippy's default set (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::path::Path;
use std::time::Instant;

#[path = "support/floor.rs"]
mod floor;
use floor::{cpu_seconds, open_like_jurydesk};

/// The key prefixes of films and submissions (`store::Kind::tag`).
const FILMS: u8 = 0x03;
const SUBMISSIONS: u8 = 0x04;

/// Every record under one tag, its bytes touched; how many and their total size.
fn scan(db: &sled::Db, tag: u8) -> (usize, usize) {
    let (mut records, mut bytes) = (0, 0);
    for item in db.range(vec![tag]..vec![tag + 1]) {
        let (key, value) = item.unwrap();
        records += 1;
        bytes += key.len() + value.len();
    }
    (records, bytes)
}

/// Open, read both ranges (on two threads or one), close: wall and CPU seconds.
fn once(path: &Path, threads: usize) -> (f64, f64, usize) {
    let (wall, cpu0) = (Instant::now(), cpu_seconds());
    let db = open_like_jurydesk(path);
    let records = if threads == 2 {
        std::thread::scope(|s| {
            let films = s.spawn(|| scan(&db, FILMS));
            let submissions = scan(&db, SUBMISSIONS);
            films.join().unwrap().0 + submissions.0
        })
    } else {
        scan(&db, SUBMISSIONS).0 + scan(&db, FILMS).0
    };
    drop(db);
    (wall.elapsed().as_secs_f64(), cpu_seconds() - cpu0, records)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let Ok(store) = std::env::var("JURYDESK_BENCH_STORE") else {
        eprintln!(
            "list_floor: set JURYDESK_BENCH_STORE to a copy of a store (see the file's head)"
        );
        return;
    };
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let path = Path::new(&store);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!("store {store}; load {}", load.trim());
    for threads in [1, 2] {
        let (mut walls, mut cpus, mut records) = (Vec::new(), Vec::new(), 0);
        for _ in 0..runs {
            let (wall, cpu, n) = once(path, threads);
            walls.push(wall);
            cpus.push(cpu);
            records = n;
        }
        let least = |xs: &[f64]| xs.iter().copied().fold(f64::INFINITY, f64::min);
        println!(
            "sled alone, open + {records} film and submission records + close, {threads} thread(s): \
             wall median {:.3} s (least {:.3}), CPU median {:.2} s (least {:.2}), {runs} runs",
            median(walls.clone()),
            least(&walls),
            median(cpus.clone()),
            least(&cpus),
        );
    }
}
