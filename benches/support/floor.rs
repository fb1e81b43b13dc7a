//! What the floor benches (`*_floor.rs`: sled alone doing what a bulk command must) share: sled opened
//! the way `store::boundary` opens it, and the process's CPU time. Included with `#[path]`, so that
//! these benches need nothing of `support/mod.rs`'s desk set-up.

// Each bench uses part of this.
#![allow(dead_code)]

use std::path::Path;

/// sled as jurydesk configures it: a 16 MB page cache and no background flush thread (every commit
/// flushes itself). A floor measured under another configuration would not be jurydesk's floor.
pub fn open_like_jurydesk(path: &Path) -> sled::Db {
    sled::Config::new()
        .path(path)
        .cache_capacity(16 * 1024 * 1024)
        .flush_every_ms(None)
        .open()
        .expect("open the store (is another jurydesk using it?)")
}

/// This process's CPU time so far, user and system, every thread, in seconds.
pub fn cpu_seconds() -> f64 {
    use nix::time::{ClockId, clock_gettime};
    clock_gettime(ClockId::CLOCK_PROCESS_CPUTIME_ID)
        .map(|t| std::time::Duration::from(t).as_secs_f64())
        .unwrap_or_default()
}
