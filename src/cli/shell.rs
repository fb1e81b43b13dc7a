//! What a shell and `man` need: completion scripts (clap_complete) and manual pages (clap_mangen),
//! both made from the same grammar as `--help`, so they cannot drift from it. Neither needs a store.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;
use crate::failure::Failure;

/// The completion script for `shell`, written to `out`. (Made in memory first: clap_complete
/// panics when its output fails, and `| head` is not a failure.)
pub fn completions(shell: Shell, out: &mut dyn Write) -> Result<(), Failure> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jurydesk", &mut script);
    out.write_all(&script)?;
    Ok(out.flush()?)
}

/// The manual page of `jurydesk` to `out`, or with `dir` one page per command into it.
pub fn man(dir: Option<&Path>, out: &mut dyn Write) -> Result<(), Failure> {
    let command = Cli::command();
    match dir {
        Some(dir) => {
            std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
            clap_mangen::generate_to(command, dir).map_err(|e| cannot_write(dir, &e))?;
            let pages = std::fs::read_dir(dir).map_or(0, |entries| {
                entries
                    .flatten()
                    .filter(|e| e.path().extension().is_some_and(|x| x == "1"))
                    .count()
            });
            super::say::tell!(
                "{pages} manual page(s) in {}; try: man -l {}",
                dir.display(),
                dir.join("jurydesk.1").display()
            );
            Ok(())
        }
        None => Ok(clap_mangen::Man::new(command).render(out)?),
    }
}

fn cannot_write(dir: &Path, e: &std::io::Error) -> Failure {
    Failure::failed(format!(
        "cannot write the manual pages into {}: {e}",
        crate::text::for_terminal(&dir.display().to_string())
    ))
}
