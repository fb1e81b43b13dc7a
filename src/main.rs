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
                // The message may quote what was typed (`--edition` of an unknown code, a file
                // name): shown, never obeyed, by the terminal.
                let message = jurydesk::text::for_terminal_block(&failure.message);
                eprintln!("jurydesk: {message}");
            }
            ExitCode::from(failure.code)
        }
    }
}
