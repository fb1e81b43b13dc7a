//! `category delete`, `nomination delete`, `juror delete`: the desk's removal use-cases (which hold
//! every rule). Like `submission delete`, they do not ask: a command line is typed on purpose, and
//! `jurydesk undo` brings back everything a removal took. What a removal means beyond the records
//! (ballots a withdrawn nominee was taken off) is said on stderr as a note.

use std::io::Write;

use super::args::{CategoryDelete, JurorDelete, NominationDelete};
use super::say::{say, tell};
use crate::desk::{Desk, Removal};
use crate::failure::Failure;

pub fn category_delete(
    desk: &Desk,
    a: &CategoryDelete,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let removal = desk.delete_category(&a.edition, &a.category)?;
    report(out, &removal)
}

pub fn nomination_delete(
    desk: &Desk,
    a: &NominationDelete,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let removal = desk.delete_nomination(&a.edition, &a.category, &a.nominee)?;
    report(out, &removal)
}

pub fn juror_delete(desk: &Desk, a: &JurorDelete, out: &mut impl Write) -> Result<(), Failure> {
    let removal = desk.delete_juror(&a.edition, &a.juror)?;
    report(out, &removal)
}

/// `deleted …` on stdout; the notes on stderr.
fn report(out: &mut impl Write, removal: &Removal) -> Result<(), Failure> {
    say!(
        out,
        "deleted {} (jurydesk undo brings it back)",
        removal.summary
    )?;
    for note in &removal.notes {
        tell!("note: {note}");
    }
    Ok(())
}
