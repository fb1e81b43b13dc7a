//! The floor under `check` at 100k (BENCHMARKS.md, "Third session (branch `check`)"): what reading
//! every key of a store costs in sled alone, on one thread and split over two, and what deriving
//! every submission summary again costs, beside what `check` takes. `check` must do at least all of
//! this (every key read, every summary compared), so with two cores its wall time cannot go below
//! about half their sum plus opening and closing the store.
//!
//! `cargo bench --bench check_floor -- STORE` (a copy: sled opens a store in one process at a time).
// Benches stop loudly (expect) and are held to clippy's default set, not the pedantic one the
// product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::time::Instant;

use jurydesk::domain::{Film, Submission};
use jurydesk::store::{Store, SubmissionSummary};

#[path = "support/floor.rs"]
mod floor;
use floor::cpu_seconds;

fn measure<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let (wall, cpu0) = (Instant::now(), cpu_seconds());
    let out = f();
    println!(
        "{what:<58} {:>6.3} s wall {:>6.2} s cpu",
        wall.elapsed().as_secs_f64(),
        cpu_seconds() - cpu0
    );
    out
}

fn count(db: &sled::Db, range: std::ops::Range<u8>) -> (u64, u64) {
    let (mut keys, mut bytes) = (0, 0);
    for item in db.range(vec![range.start]..vec![range.end]) {
        let (k, v) = item.expect("a readable key");
        keys += 1;
        bytes += (k.len() + v.len()) as u64;
    }
    (keys, bytes)
}

fn main() {
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with('-')) else {
        eprintln!("usage: cargo bench --bench check_floor -- STORE (a copy of a store)");
        return;
    };
    let store = measure("open", || {
        Store::open(path.as_ref()).expect("the store opens")
    });
    let db = store.raw();
    let (keys, bytes) = measure("every key, one thread", || count(db, 0..0xFF));
    println!("  ({keys} keys, {bytes} bytes)");
    measure("every key again, two threads (records | the rest)", || {
        std::thread::scope(|s| {
            let records = s.spawn(|| count(db, 0x01..0x0E));
            let rest = count(db, 0x0E..0xFF);
            let _ = records.join();
            rest
        })
    });
    let films: Vec<Film> = measure("decode every film", || store.all().expect("films"));
    let submissions: Vec<Submission> = measure("decode every submission", || {
        store.all().expect("submissions")
    });
    measure("derive every summary, one thread", || {
        submissions
            .iter()
            .map(|s| {
                let film = films
                    .binary_search_by_key(&s.film_id, |f| f.id)
                    .ok()
                    .map(|i| &films[i]);
                SubmissionSummary::of(s, film).id()
            })
            .sum::<u64>()
    });
    measure("drop the records", || drop((films, submissions)));
    measure("close the store", || drop(store));
}
