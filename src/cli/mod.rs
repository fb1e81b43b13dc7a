//! The command line (SPEC §4): parse with clap, call the desk, print. Every desk action has a command.

mod absence;
mod args;
mod check;
mod imports;
mod jury;
mod jury_delete;
mod jury_edit;
mod list;
mod list_jury;
mod output;
mod palmares;
mod run;
mod say;
mod stats;
mod tally;

pub use args::{Cli, Command};
pub use run::{Failure, run};

use std::path::PathBuf;

/// Where the store lives when neither `--db` nor `JURYDESK_DB` says: the platform data directory,
/// e.g. `~/.local/share/jurydesk/store` on Linux.
pub fn default_store_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jurydesk").map(|dirs| dirs.data_dir().join("store"))
}
