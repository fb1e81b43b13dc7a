//! `jurydesk festival add|edit|delete`.

use std::io::Write;

use super::args::*;
use super::say::say;
use crate::desk::{Desk, FestivalInput};
use crate::failure::Failure;

pub(super) fn festival(
    desk: &Desk,
    cmd: &FestivalCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let input = |f: &FestivalFields| FestivalInput {
        code: f.code.clone(),
        name: f.name.clone(),
        organisers: f.organisers.clone(),
        notes: f.notes.clone(),
    };
    match cmd {
        FestivalCommand::Add(f) => {
            let festival = desk.add_festival(&input(f))?;
            say!(out, "added festival {}: {}", festival.code, festival.name)?;
        }
        FestivalCommand::Edit(f) => {
            let festival = desk.edit_festival(&f.code, &input(f))?;
            say!(out, "changed festival {}", festival.code)?;
        }
        FestivalCommand::Delete { code } => {
            let festival = desk.delete_festival(code)?;
            say!(out, "deleted festival {}", festival.code)?;
        }
    }
    Ok(())
}
