//! The `jurydesk` binary: parse the command line, then run a command or open the desk.

use std::process::ExitCode;

use clap::Parser;
use jurydesk::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    let db = args.db.clone().unwrap_or_else(cli::default_store_path);
    let outcome = match &args.command {
        Some(command) => cli::run(&db, command),
        None => jurydesk::tui::run(&db),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                eprintln!("jurydesk: {}", failure.message);
            }
            ExitCode::from(failure.code)
        }
    }
}
