//! The command line (README.md#command-line): parse with clap, call the desk, print. Every desk action
//! has a command.

mod absence;
mod args;
mod check;
mod compact;
mod editions;
mod festivals;
mod imports;
mod json_rows;
mod jury;
mod jury_delete;
mod jury_edit;
mod list;
mod list_jury;
mod log;
mod output;
mod palmares;
mod pin;
mod print;
mod run;
mod say;
mod screening;
pub mod shell;
mod stats;
mod submissions;
mod tally;

pub use crate::failure::Failure;
pub use args::{Cli, Command};
pub use run::run;
