//! `juror absent` and `juror present` (docs/counting.md#provisional-counts): who the counts stop
//! waiting for, and who they wait for again.

use std::io::Write;

use super::args::{JurorAbsent, JurorPresent};
use super::say::say;
use crate::desk::Desk;
use crate::failure::Failure;

pub fn absent(desk: &Desk, a: &JurorAbsent, out: &mut impl Write) -> Result<(), Failure> {
    let juror = desk.declare_absent(&a.edition, &a.juror, &a.reason)?;
    say!(
        out,
        "{} is declared absent ({}): counts no longer wait for their ballots, and leave out any they entered",
        juror.name,
        juror.absence.as_ref().map_or("", |x| x.reason.as_str())
    )?;
    Ok(())
}

pub fn present(desk: &Desk, a: &JurorPresent, out: &mut impl Write) -> Result<(), Failure> {
    let juror = desk.declare_present(&a.edition, &a.juror)?;
    say!(
        out,
        "{} is present again: their ballots count, and counts wait for the ones they have not entered",
        juror.name
    )?;
    Ok(())
}
