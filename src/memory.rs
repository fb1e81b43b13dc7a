//! Giving back to the system memory the process has let go of.
//!
//! The allocator (the binary's, `main.rs`) keeps memory it was given back for a while before it
//! returns it to the system, so that it can hand it out again cheaply: a second, for mimalloc. A bulk
//! command lets go of tens of megabytes at once (an import's records, once its entry is sealed) and
//! then needs as much again of other sizes, so memory let go and memory in use added up at its peak
//! (issue 17). Work that has just let go of much calls `release`; the binary says how (`set_release`),
//! so that this library knows nothing of any allocator and holds no `unsafe` code.

use std::sync::OnceLock;

static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Says how memory let go is given back to the system. Set once, at the start of `main`; later
/// calls are ignored.
pub fn set_release(release: fn()) {
    let _ = RELEASE.set(release);
}

/// Gives memory let go of back to the system now, if the binary said how (tests and other users of
/// the library do nothing).
pub fn release() {
    if let Some(release) = RELEASE.get() {
        release();
    }
}
