//! The `jurydesk` binary: parse the command line, then run a command or open the desk.
//!
//! Whatever is printed here may quote what was typed (an unknown edition code, a file name, a value
//! clap could not read): it is shown, never obeyed, by the terminal (docs/formats.md#bad-input).
#![deny(unsafe_code)]

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use jurydesk::cli::{self, Cli, Command};
use jurydesk::text::for_terminal_block;

/// mimalloc instead of glibc's malloc: the bulk commands allocate and free millions of small values
/// (records, keys, strings), often freeing on another thread than the one that allocated, where glibc
/// was a quarter of the profile. At 100k it takes `check` from 1.2 to 0.9 s and an import from 8.3 to
/// 6.3 s of CPU, for 10-60 MB more at the peak (BENCHMARKS.md, "Where it stands"). Transparent huge
/// pages are off (`no_thp`): with them the same commands held 60-120 MB more.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Gives back to the system, at once, what mimalloc holds of memory let go (`jurydesk::memory`): on
/// its own it waits a second, and a 100k import's peak held 30-60 MB of it (issue 17).
///
/// The product's one `unsafe` block: a call into the allocator's C library, which has no safe
/// wrapper. The library itself forbids `unsafe` code.
#[allow(unsafe_code)]
fn release_memory() {
    // SAFETY: `mi_collect` takes no pointer and touches no memory of ours; mimalloc documents it as
    // callable at any time, from any thread ("eagerly free memory"; `force`: purge now, not after the
    // delay).
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn main() -> ExitCode {
    jurydesk::memory::set_release(release_memory);
    let args = match Cli::try_parse() {
        Ok(args) => args,
        Err(usage) => return usage_error(&usage),
    };
    // With no home directory to find the platform's data directory in, the store is not quietly put
    // in whatever directory jurydesk was started from.
    // The desk's settings, completions and manual pages need no store.
    match &args.command {
        Some(Command::Config) => {
            let (note, settings) = jurydesk::tui::settings::describe();
            let _ = writeln!(std::io::stderr(), "{}", for_terminal_block(&note));
            print!("{settings}");
            return ExitCode::SUCCESS;
        }
        Some(Command::Completions { shell }) => {
            return finish(cli::shell::completions(
                *shell,
                &mut std::io::stdout().lock(),
            ));
        }
        Some(Command::Man { out_dir }) => {
            let outcome = cli::shell::man(out_dir.as_deref(), &mut std::io::stdout().lock());
            return finish(outcome);
        }
        _ => {}
    }
    let Some(db) = args.db.clone().or_else(jurydesk::paths::default_store_path) else {
        let _ = writeln!(
            std::io::stderr(),
            "jurydesk: there is no home directory to keep the default store in: give --db PATH (or set JURYDESK_DB)"
        );
        return ExitCode::from(2);
    };
    let outcome = match &args.command {
        Some(command) => cli::run(&db, command),
        None => jurydesk::tui::run(&db, args.db.is_some()),
    };
    finish(outcome)
}

/// The exit status of what ran, and its failure said on stderr.
fn finish(outcome: Result<(), jurydesk::failure::Failure>) -> ExitCode {
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            if !failure.message.is_empty() {
                // Not `eprintln!`, which panics when stderr is gone (a terminal hung up: SIGHUP).
                let _ = writeln!(
                    std::io::stderr(),
                    "jurydesk: {}",
                    for_terminal_block(&failure.message)
                );
            }
            ExitCode::from(failure.code)
        }
    }
}

/// Help and version as clap prints them; a usage error as plain text made safe for the terminal.
/// (clap writes the offending value as typed, escape sequences included, when stderr is a terminal.)
fn usage_error(usage: &clap::Error) -> ExitCode {
    if !usage.use_stderr() {
        return match usage.print() {
            Ok(()) => ExitCode::SUCCESS,
            Err(_) => ExitCode::FAILURE,
        };
    }
    let text = usage.render().to_string();
    eprint!("{}", for_terminal_block(&text));
    ExitCode::from(u8::try_from(usage.exit_code()).unwrap_or(2))
}
