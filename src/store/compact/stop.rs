//! Where a compaction can be stopped, as a crash would stop it: for the tests of what each step
//! leaves behind (in this process, or by ending the process at once).

use std::io;
use std::path::PathBuf;

use crate::store::{Result, StoreError};

/// The points a compaction can be stopped at, as a crash would stop it (for tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The copy's first batch is written.
    Copying,
    /// The copy is whole and flushed, not yet read back.
    Copied,
    /// The copy is read back and both sleds closed: next is the exchange.
    Verified,
    /// The directories are exchanged; the old store is at `<store>.compacting`.
    Exchanged,
    /// The old store is at `<store>.before-compaction`.
    Renamed,
    /// Part of the old store is removed.
    Removing,
}

impl Step {
    #[cfg(test)]
    pub(super) const ALL: [Step; 6] = [
        Step::Copying,
        Step::Copied,
        Step::Verified,
        Step::Exchanged,
        Step::Renamed,
        Step::Removing,
    ];

    fn name(self) -> &'static str {
        match self {
            Step::Copying => "copying",
            Step::Copied => "copied",
            Step::Verified => "verified",
            Step::Exchanged => "exchanged",
            Step::Renamed => "renamed",
            Step::Removing => "removing",
        }
    }
}

/// The test hook for whole processes: `JURYDESK_TEST_COMPACT_STOP=<step>` ends the process at once
/// at that step, as `kill -9` would (no destructor runs, no cleanup), so the tests can open what it
/// left behind.
pub const TEST_STOP_VAR: &str = "JURYDESK_TEST_COMPACT_STOP";

/// A compaction stopped on purpose by a test (`Stop::At`); never seen otherwise.
pub(super) const STOPPED: &str = "stopped here by a test";

/// Where to stop a compaction, for tests.
#[derive(Debug, Clone, Copy)]
pub(super) enum Stop {
    Never,
    /// Return an error at this step, leaving everything on disk as it is (unit tests).
    #[cfg_attr(not(test), allow(dead_code))]
    At(Step),
    /// The open of the copy, once it is in the store's place, fails as on a full disk (unit tests;
    /// a real full disk finds that moment only now and then: tests/compact.rs).
    #[cfg_attr(not(test), allow(dead_code))]
    DiskFullAtReopen,
}

impl Stop {
    /// Whether a test stops the compaction at `step` (in this process or by ending it).
    pub(super) fn reaches(self, step: Step) -> bool {
        matches!(self, Stop::At(at) if at == step)
            || std::env::var(TEST_STOP_VAR).is_ok_and(|named| named == step.name())
    }

    pub(super) fn disk_full_at_reopen(self) -> bool {
        matches!(self, Stop::DiskFullAtReopen)
    }

    pub(super) fn here(self, step: Step) -> Result<()> {
        if std::env::var(TEST_STOP_VAR).is_ok_and(|named| named == step.name()) {
            std::process::exit(137);
        }
        match self {
            Stop::At(at) if at == step => Err(StoreError::Io {
                what: "compact (test)",
                path: PathBuf::from(step.name()),
                source: io::Error::other(STOPPED),
            }),
            _ => Ok(()),
        }
    }
}
