//! The inputs kept from fuzzing (`tests/fixtures/fuzz/<target>/`: every input that crashed a target,
//! and a few that reach deep into a parser) run here on stable `cargo test`, through the very entry
//! points of the fuzz targets: `fuzz/src/lib.rs` is included below, so a kept input meets exactly the
//! code that found it. An input passes when its entry point returns (the parser answered with rows
//! or with clean problems) without a panic, and without any single allocation larger than the
//! fuzzing runs allowed (`-malloc_limit_mb=64`, README "Fuzzing").

use std::alloc::{GlobalAlloc, Layout, System};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod targets;

/// A fuzz target's body: raw bytes in, returns or panics.
type EntryPoint = fn(&[u8]);

/// The fuzz targets, by the name of their directory of kept inputs.
const TARGETS: [(&str, EntryPoint); 6] = [
    ("filmfreeway", targets::filmfreeway),
    ("mapped_csv", targets::mapped_csv),
    ("award_history", targets::award_history),
    ("ballots_csv", targets::ballots_csv),
    ("ballot_text", targets::ballot_text),
    ("codec", targets::codec),
];

/// The largest single allocation the fuzzing runs allowed.
const MALLOC_LIMIT: usize = 64 << 20;

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

/// Runs every kept input of `target`, and names each one that panics or allocates too much.
fn run_kept_inputs(target: &str) {
    let entry = TARGETS.iter().find(|(name, _)| *name == target).unwrap().1;
    let inputs = kept_inputs(target);
    assert!(!inputs.is_empty(), "no kept inputs for {target}");
    let mut failures = Vec::new();
    for path in &inputs {
        let bytes = std::fs::read(path).unwrap();
        let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        LARGEST.store(0, Ordering::Relaxed);
        let outcome = catch_unwind(AssertUnwindSafe(|| entry(&bytes)));
        let largest = LARGEST.load(Ordering::Relaxed);
        let name = path.file_name().unwrap().to_string_lossy();
        if outcome.is_err() {
            failures.push(format!("{name}: panicked (message above)"));
        }
        if largest > MALLOC_LIMIT {
            failures.push(format!(
                "{name}: allocated {largest} bytes at once ({} byte input)",
                bytes.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{target}:\n{}", failures.join("\n"));
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

/// The allocation check sees an allocation over the limit (such as the 186 MB string that a 58-byte
/// value once made the codec allocate: `codec/oom-submission-v1-string-claims-186mb`).
#[test]
fn the_allocation_check_sees_a_large_allocation() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    LARGEST.store(0, Ordering::Relaxed);
    let big = vec![0u8; MALLOC_LIMIT + 1];
    assert!(LARGEST.load(Ordering::Relaxed) > MALLOC_LIMIT);
    drop(big);
}
