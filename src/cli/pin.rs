//! `juror pin` and the PIN files of `juror add --pin-file` (issue 16): a juror's jury-room PIN is
//! read from a file or standard input, never from the command line (shell history, `ps`), and never
//! printed back.

use std::io::{BufRead, Write};
use std::path::Path;

use super::args::JurorPin;
use super::say::say;
use crate::desk::{Desk, DeskError};
use crate::failure::Failure;

/// The PIN in the first line of `path` (`-`: standard input). The line is checked and hashed by the
/// desk; an error here names the file, never what it holds.
pub(super) fn read_pin(path: &Path) -> Result<String, Failure> {
    let unreadable = |e: std::io::Error| {
        Failure::from(DeskError::invalid(
            "pin-file",
            format!("{}: cannot be read ({e})", path.display()),
        ))
    };
    let mut line = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(unreadable)?;
    } else {
        let file = std::fs::File::open(path).map_err(unreadable)?;
        std::io::BufReader::new(file)
            .read_line(&mut line)
            .map_err(unreadable)?;
    }
    if line.trim().is_empty() {
        return Err(DeskError::invalid(
            "pin-file",
            format!(
                "{}: the first line is empty: write the PIN there (4 to 12 digits)",
                path.display()
            ),
        )
        .into());
    }
    Ok(line)
}

pub fn juror_pin(desk: &Desk, a: &JurorPin, out: &mut impl Write) -> Result<(), Failure> {
    let pin = a.pin_file.as_deref().map(read_pin).transpose()?;
    let juror = desk.set_pin(&a.edition, &a.juror, pin.as_deref())?;
    if juror.pin.is_some() {
        say!(
            out,
            "{}'s jury-room PIN is set: the jury room asks for it before their ballot",
            juror.name
        )?;
    } else {
        say!(out, "{}'s jury-room PIN is removed", juror.name)?;
    }
    Ok(())
}
