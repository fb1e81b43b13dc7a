//! Commands for the jury's work: categories, jurors, recusals, nominations, ballots.

use std::io::Write;

use super::args::{
    AwardWithdraw, BallotSet, CategoryAdd, JurorAdd, JurorClearConflict, JurorRecuse, NominateArgs,
};
use super::say::{say, tell};
use crate::desk::{
    BallotEntry, CategoryInput, Desk, DeskError, JurorInput, parse_ranking, parse_scores,
};
use crate::domain::{CategoryKind, Juror, JurorRole, Method, TieBreak};
use crate::failure::Failure;
use crate::interchange::parse_ballots;

pub(super) fn parsed<T: std::str::FromStr<Err = String>>(
    field: &'static str,
    raw: &str,
) -> Result<T, Failure> {
    raw.parse::<T>()
        .map_err(|message| Failure::from(DeskError::Invalid { field, message }))
}

pub fn category_add(desk: &Desk, a: &CategoryAdd, out: &mut impl Write) -> Result<(), Failure> {
    let kind: CategoryKind = parsed("kind", &a.kind)?;
    let method: Method = parsed("method", &a.method)?;
    let tie_breaks = a
        .tie_breaks
        .iter()
        .map(|t| parsed::<TieBreak>("tie-break", t))
        .collect::<Result<Vec<_>, _>>()?;
    let category = desk.add_category(&CategoryInput {
        edition: a.edition.clone(),
        name: a.name.clone(),
        prize: a.prize.clone(),
        kind,
        method,
        tie_breaks,
        ex_aequo_allowed: a.ex_aequo,
        mandatory: a.mandatory,
        precedence: a.precedence,
    })?;
    say!(
        out,
        "added category {}: {} ({}, counted by {})",
        category.id,
        category.name,
        category.kind.as_str(),
        category.method.name()
    )?;
    Ok(())
}

pub fn juror_add(desk: &Desk, a: &JurorAdd, out: &mut impl Write) -> Result<(), Failure> {
    let role: JurorRole = parsed("role", &a.role)?;
    let pin = a
        .pin_file
        .as_deref()
        .map(super::pin::read_pin)
        .transpose()?;
    let juror = desk.add_juror_with_pin(
        &JurorInput {
            edition: a.edition.clone(),
            name: a.name.clone(),
            original_name: a.original_name.clone(),
            role,
            notes: a.notes.clone(),
        },
        pin.as_deref(),
    )?;
    say!(
        out,
        "added juror {}: {} ({}){}",
        juror.id,
        juror.name,
        juror.role.as_str(),
        if juror.pin.is_some() {
            "; jury-room PIN set"
        } else {
            ""
        }
    )?;
    warn_probable_conflicts(desk, &juror)
}

/// Says on stderr where a juror's name appears in the credits of the edition's films
/// (docs/domain.md#conflicts-of-interest).
pub(super) fn warn_probable_conflicts(desk: &Desk, juror: &Juror) -> Result<(), Failure> {
    for conflict in desk
        .open_conflicts(juror.edition_id)?
        .iter()
        .filter(|c| c.juror.id == juror.id)
    {
        tell!(
            "warning: {} is credited ({}) on '{}' (submission {}): a probable conflict; record it with `jurydesk juror recuse`, or that it is none with `jurydesk juror clear-conflict`",
            juror.name,
            conflict.credit,
            conflict.title,
            conflict.submission_id
        );
    }
    Ok(())
}

pub fn juror_recuse(desk: &Desk, a: &JurorRecuse, out: &mut impl Write) -> Result<(), Failure> {
    let juror = desk.recuse(&a.edition, &a.juror, &a.submission, &a.reason)?;
    let last = juror
        .recusals
        .last()
        .map(|r| r.submission_id)
        .unwrap_or_default();
    say!(out, "{} is recused from submission {last}", juror.name)?;
    Ok(())
}

/// Says that a probable conflict is cleared.
pub fn juror_clear_conflict(
    desk: &Desk,
    a: &JurorClearConflict,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let juror = desk.clear_conflict(&a.edition, &a.juror, &a.submission, &a.reason)?;
    let last = juror
        .cleared_conflicts
        .last()
        .map(|c| c.submission_id)
        .unwrap_or_default();
    say!(
        out,
        "{}: no conflict with submission {last} (cleared, logged; undo takes it back)",
        juror.name
    )?;
    Ok(())
}

pub fn award_withdraw(desk: &Desk, a: &AwardWithdraw, out: &mut impl Write) -> Result<(), Failure> {
    let withdrawn = desk.withdraw_award(&a.edition, &a.category, &a.reason)?;
    say!(
        out,
        "{}: the award to {} is withdrawn; its nominees, ballots and counting rules may change again",
        withdrawn.category,
        withdrawn.winners.join(" and ")
    )?;
    Ok(())
}

pub fn nominate(desk: &Desk, a: &NominateArgs, out: &mut impl Write) -> Result<(), Failure> {
    let nominee = desk.nominate_with(
        &a.edition,
        &a.category,
        &a.submission,
        a.person.as_deref(),
        a.force,
    )?;
    say!(
        out,
        "nominated {} as number {}",
        nominee.label,
        nominee.number()
    )?;
    Ok(())
}

pub fn ballot_set(desk: &Desk, a: &BallotSet, out: &mut impl Write) -> Result<(), Failure> {
    let entry = match (&a.rank, &a.score, a.round, &a.vote) {
        (Some(rank), None, None, None) => BallotEntry::Ranked(parse_ranking(rank)?),
        (None, Some(score), None, None) => BallotEntry::Scored(parse_scores(score)?),
        (None, None, Some(round), Some(vote)) => {
            if round == 0 {
                return Err(DeskError::invalid("round", "rounds are numbered from 1").into());
            }
            BallotEntry::Rounds(vec![(round, vote.clone())])
        }
        _ => {
            return Err(crate::failure::usage(
                "give one of --rank, --score, or --round with --vote",
            ));
        }
    };
    let ballot = desk.set_ballot(&a.edition, &a.category, &a.juror, &entry)?;
    // The names as stored, not as typed: the secretary sees whom the ballot went to.
    let edition = desk.edition(&a.edition)?;
    let category = desk.category(&edition, &a.category)?;
    let juror = desk.juror(&edition, &a.juror)?;
    say!(
        out,
        "saved ballot {} of {} in {}",
        ballot.id,
        juror.name,
        category.name
    )?;
    if let Some(why) = desk.ballot_exclusion(&category, &juror)? {
        tell!(
            "note: {}'s ballot is saved but will not count in '{}': {why}",
            juror.name,
            category.name
        );
    }
    Ok(())
}

pub fn import_ballots(
    desk: &Desk,
    file: &std::path::Path,
    edition: &str,
    sheet: Option<&str>,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let name = file.display().to_string();
    let bytes =
        std::fs::read(file).map_err(|e| Failure::failed(format!("cannot read {name}: {e}")))?;
    let (source, rows, problems) = parse_ballots(&name, &bytes, sheet);
    let written = desk.import_ballots(edition, &source, &rows, problems)?;
    say!(
        out,
        "imported {written} ballot(s) from {name} into {edition}"
    )?;
    Ok(())
}
