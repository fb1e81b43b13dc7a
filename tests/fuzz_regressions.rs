//! The inputs kept from fuzzing (`tests/fixtures/fuzz/<target>/`: every input that crashed a target,
//! and a few that reach deep into a parser) run here on stable `cargo test`, through the very entry
//! points of the fuzz targets: `fuzz/src/lib.rs` is included below, so a kept input meets exactly the
//! code that found it. An input passes when its entry point returns (the parser answered with rows
//! or with clean problems) without a panic, within the time and without any single allocation
//! larger than the fuzzing runs allowed (`-timeout=10 -malloc_limit_mb=64`, README "Fuzzing").
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]
// The measuring allocator below (`GlobalAlloc` is an unsafe trait) is the only unsafe code anywhere.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod targets;

/// A fuzz target's body: raw bytes in, returns or panics.
type EntryPoint = fn(&[u8]);

/// The fuzz targets, by the name of their directory of kept inputs.
const TARGETS: [(&str, EntryPoint); 7] = [
    ("filmfreeway", targets::filmfreeway),
    ("mapped_csv", targets::mapped_csv),
    ("award_history", targets::award_history),
    ("ballots_csv", targets::ballots_csv),
    ("ballot_text", targets::ballot_text),
    ("codec", targets::codec),
    ("spreadsheet", targets::spreadsheet),
];

/// The largest single allocation the fuzzing runs allowed.
const MALLOC_LIMIT: usize = 64 << 20;

/// The longest one input may take (libFuzzer's `-timeout`); a linear parser needs well under a second
/// for any kept input, even in a debug build on a busy machine.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The system allocator, remembering the largest single allocation since the last reset.
struct LargestAllocation;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed on unchanged to the system allocator; only a size is recorded.
unsafe impl GlobalAlloc for LargestAllocation {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc` is the system allocator's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: as for `alloc`; `ptr` came from this allocator, which is the system's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, which is the system's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: LargestAllocation = LargestAllocation;

/// One input at a time, so that the largest allocation belongs to the input being run.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn kept_inputs(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every kept input of `target`, and names each one that fails.
fn run_kept_inputs(target: &str) {
    let entry = TARGETS.iter().find(|(name, _)| *name == target).unwrap().1;
    let inputs = kept_inputs(target);
    assert!(!inputs.is_empty(), "no kept inputs for {target}");
    let failures: Vec<String> = inputs
        .iter()
        .filter_map(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            run_one(entry, &std::fs::read(path).unwrap())
                .err()
                .map(|why| format!("{name}: {why}"))
        })
        .collect();
    assert!(failures.is_empty(), "{target}:\n{}", failures.join("\n"));
}

/// Runs one input through `entry`: what went wrong, if anything (panic, time, allocation).
fn run_one(entry: EntryPoint, bytes: &[u8]) -> Result<(), String> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    LARGEST.store(0, Ordering::Relaxed);
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| entry(bytes)));
    let took = started.elapsed();
    let largest = LARGEST.load(Ordering::Relaxed);
    let mut problems = Vec::new();
    if outcome.is_err() {
        problems.push("panicked (message above)".to_string());
    }
    if took > TIMEOUT {
        problems.push(format!("took {took:?}, more than {TIMEOUT:?}"));
    }
    if largest > MALLOC_LIMIT {
        problems.push(format!(
            "allocated {largest} bytes at once ({} byte input)",
            bytes.len()
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn filmfreeway_inputs() {
    run_kept_inputs("filmfreeway");
}

#[test]
fn mapped_csv_inputs() {
    run_kept_inputs("mapped_csv");
}

#[test]
fn award_history_inputs() {
    run_kept_inputs("award_history");
}

#[test]
fn ballots_csv_inputs() {
    run_kept_inputs("ballots_csv");
}

#[test]
fn ballot_text_inputs() {
    run_kept_inputs("ballot_text");
}

#[test]
fn codec_inputs() {
    run_kept_inputs("codec");
}

#[test]
fn spreadsheet_inputs() {
    run_kept_inputs("spreadsheet");
}

/// A header of 30,000 columns (made here rather than kept): the duplicate check compared every name
/// with every earlier one, so a header of 100,000 columns (a 1 MB line) took 7 minutes in a debug
/// build, and this one half a minute.
#[test]
fn a_header_of_30000_columns_is_read_within_the_timeout() {
    let mut header = String::from("Submission ID,Project Title");
    for i in 2..30_000 {
        header.push_str(&format!(",Question {i}"));
    }
    header.push('\n');
    for (target, entry, input) in [
        (
            "filmfreeway",
            targets::filmfreeway as EntryPoint,
            header.clone(),
        ),
        ("mapped_csv", targets::mapped_csv, format!(",\n{header}")),
    ] {
        if let Err(why) = run_one(entry, input.as_bytes()) {
            panic!("{target}: {why}");
        }
    }
}

/// A directory of kept inputs that names no target would never run.
#[test]
fn every_kept_directory_is_a_target() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz");
    for entry in std::fs::read_dir(&root).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        assert!(
            TARGETS.iter().any(|(target, _)| *target == name),
            "tests/fixtures/fuzz/{name} is not a fuzz target: {:?}",
            TARGETS.map(|(t, _)| t)
        );
    }
}

/// The checks see what they are for: a panic, and an allocation over the limit (such as the 186 MB
/// string that a 58-byte value once made the codec allocate:
/// `codec/oom-submission-v1-string-claims-186mb`).
#[test]
fn the_checks_see_a_panic_and_a_large_allocation() {
    let panics = run_one(|_| panic!("on purpose"), b"").unwrap_err();
    assert!(panics.contains("panicked"), "{panics}");
    let allocates = run_one(
        |_| drop(std::hint::black_box(vec![1u8; MALLOC_LIMIT + 1])),
        b"",
    )
    .unwrap_err();
    assert!(allocates.contains("allocated"), "{allocates}");
    assert_eq!(run_one(|_| {}, b""), Ok(()));
}
