//! `category edit`, `juror edit`, `nomination edit`: the record as it is, with the options given
//! replacing its fields, handed to the desk's edit use-cases (which hold every rule). What an edit means
//! beyond the record (ballots left uncounted, a swapped number) is said on stderr as a note.

use std::io::Write;

use super::args::{CategoryEdit, JurorEdit, NominationEdit};
use super::jury::{parsed, warn_probable_conflicts};
use super::say::{say, tell};
use crate::desk::{CategoryInput, Desk, Edited, JurorInput, NominationInput};
use crate::domain::TieBreak;
use crate::failure::Failure;

pub fn category_edit(desk: &Desk, a: &CategoryEdit, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.edition(&a.edition)?;
    let current = desk.category(&edition, &a.category)?;
    let tie_breaks = if a.no_tie_breaks {
        Vec::new()
    } else if a.tie_breaks.is_empty() {
        current.tie_breaks.clone()
    } else {
        a.tie_breaks
            .iter()
            .map(|t| parsed::<TieBreak>("tie-break", t))
            .collect::<Result<_, _>>()?
    };
    let input = CategoryInput {
        edition: String::new(),
        name: a.name.clone().unwrap_or_else(|| current.name.clone()),
        prize: a.prize.clone().unwrap_or_else(|| current.prize.clone()),
        kind: a
            .kind
            .as_deref()
            .map(|k| parsed("kind", k))
            .transpose()?
            .unwrap_or(current.kind),
        method: a
            .method
            .as_deref()
            .map(|m| parsed("method", m))
            .transpose()?
            .unwrap_or(current.method),
        tie_breaks,
        ex_aequo_allowed: switch(a.ex_aequo, a.no_ex_aequo, current.ex_aequo_allowed),
        mandatory: switch(a.mandatory, a.no_mandatory, current.mandatory),
        precedence: a.precedence,
    };
    let edited = desk.edit_category(&edition.code, &current.id.to_string(), &input)?;
    let c = &edited.record;
    report(
        out,
        &edited,
        &format!(
            "category {}: {} ({}, counted by {})",
            c.id,
            c.name,
            c.kind.as_str(),
            c.method.name()
        ),
    )
}

pub fn juror_edit(desk: &Desk, a: &JurorEdit, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.edition(&a.edition)?;
    let current = desk.juror(&edition, &a.juror)?;
    let input = JurorInput {
        edition: String::new(),
        name: a.name.clone().unwrap_or_else(|| current.name.clone()),
        original_name: a
            .original_name
            .clone()
            .unwrap_or_else(|| current.original_name.clone()),
        role: a
            .role
            .as_deref()
            .map(|r| parsed("role", r))
            .transpose()?
            .unwrap_or(current.role),
        notes: a.notes.clone().unwrap_or_else(|| current.notes.clone()),
    };
    let edited = desk.edit_juror(&edition.code, &current.id.to_string(), &input)?;
    let j = &edited.record;
    report(
        out,
        &edited,
        &format!("juror {}: {} ({})", j.id, j.name, j.role.as_str()),
    )?;
    if edited.changed && j.name != current.name {
        warn_probable_conflicts(desk, j)?;
    }
    Ok(())
}

pub fn nomination_edit(
    desk: &Desk,
    a: &NominationEdit,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let edition = desk.edition(&a.edition)?;
    let category = desk.category(&edition, &a.category)?;
    let nominees = desk.nominees(&category)?;
    let current = crate::desk::resolve_nominee(&nominees, &a.nominee)?;
    let input = NominationInput {
        person: a
            .person
            .clone()
            .or_else(|| current.nomination.person.clone()),
        number: a.number.unwrap_or(current.number()),
    };
    let edited = desk.edit_nomination(
        &edition.code,
        &category.id.to_string(),
        &current.number().to_string(),
        &input,
    )?;
    let n = &edited.record;
    report(
        out,
        &edited,
        &format!("nominee {} {} in {}", n.number(), n.label, category.name),
    )
}

/// `--x` turns on, `--no-x` turns off (clap refuses both), neither keeps `current`.
fn switch(on: bool, off: bool, current: bool) -> bool {
    if on {
        true
    } else if off {
        false
    } else {
        current
    }
}

/// `changed …` or `no change to …` on stdout; the edit's notes on stderr.
fn report<T>(out: &mut impl Write, edited: &Edited<T>, what: &str) -> Result<(), Failure> {
    if edited.changed {
        say!(out, "changed {what}")?;
    } else {
        say!(out, "no change to {what}")?;
    }
    for note in &edited.notes {
        tell!("note: {note}");
    }
    Ok(())
}
