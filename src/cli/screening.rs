//! `jurydesk screening …` (docs/screening.md): the command line's face of `desk::screening`.

use std::io::Write;

use serde_json::{Value, json};

use super::args::{
    BoardArgs, CloseArgs, Format, NormaliseArg, ProgressArgs, RoundAddArgs, RoundCommand,
    ScreenerCommand, ScreeningCommand,
};
use super::output::{Listing, print_json_value};
use super::say::say;
use crate::desk::screening::{AssignReport, RatingInput, RoundInput, parse_criteria, parse_marks};
use crate::desk::{Desk, DeskError};
use crate::domain::{
    Cut, Form, Normalisation, RoundScope, SubmissionStatus, parse_tenths, tenths_text,
};
use crate::failure::Failure;

pub fn screening(desk: &Desk, cmd: &ScreeningCommand, out: &mut impl Write) -> Result<(), Failure> {
    match cmd {
        ScreeningCommand::Round(RoundCommand::Add(a)) => round_add(desk, a, out),
        ScreeningCommand::Screener(ScreenerCommand::Add(a)) => {
            let s = desk.add_screener(&a.edition, &a.name)?;
            say!(
                out,
                "seated screener {} \"{}\" in {}",
                s.id,
                s.name,
                a.edition
            )?;
            Ok(())
        }
        ScreeningCommand::Screener(ScreenerCommand::Recuse(a)) => {
            let s = desk.recuse_screener(&a.edition, &a.screener, &a.submission, &a.reason)?;
            say!(
                out,
                "{} is recused from submission {} ({})",
                s.name,
                a.submission,
                a.reason
            )?;
            Ok(())
        }
        ScreeningCommand::Assign(a) => {
            if let (Some(screener), Some(submission)) = (&a.screener, &a.submission) {
                desk.assign_by_hand(&a.at.edition, a.at.round, screener, submission)?;
                say!(
                    out,
                    "assigned submission {submission} to {screener} in round {}",
                    a.at.round
                )?;
                return Ok(());
            }
            let report = desk.assign_screening(&a.at.edition, a.at.round, a.seed)?;
            print_assign(
                &report,
                &format!(
                    "assigned {} film(s) in round {} (seed {})",
                    report.added, a.at.round, a.seed
                ),
                out,
            )
        }
        ScreeningCommand::Unassign(a) => {
            desk.unassign_by_hand(&a.at.edition, a.at.round, &a.screener, &a.submission)?;
            say!(
                out,
                "took submission {} from {} in round {}",
                a.submission,
                a.screener,
                a.at.round
            )?;
            Ok(())
        }
        ScreeningCommand::Release(a) => {
            let report = desk.release_screener(&a.at.edition, a.at.round, &a.screener)?;
            print_assign(
                &report,
                &format!(
                    "passed {} film(s) of {} on to the others",
                    report.added, a.screener
                ),
                out,
            )
        }
        ScreeningCommand::Rate(a) => {
            let edition = desk.edition(&a.at.edition)?;
            let round = desk.screening_round(&edition, a.at.round)?;
            let input = RatingInput {
                marks: parse_marks(&round.form, a.score.as_deref(), a.verdict.as_deref())?,
                comment: a.comment.clone(),
                private_note: a.note.clone(),
                watched: a
                    .watched
                    .as_deref()
                    .map(|d| crate::desk::parse_date("watched", d))
                    .transpose()?,
            };
            let rating = desk.rate(
                &a.at.edition,
                a.at.round,
                &a.screener,
                &a.submission,
                &input,
            )?;
            let score =
                crate::desk::screening::rating_score(&round.form, &rating.marks).unwrap_or(0.0);
            say!(
                out,
                "rated submission {} for {} in round {}: {score:.2}",
                rating.submission_id,
                a.screener,
                a.at.round
            )?;
            Ok(())
        }
        ScreeningCommand::Packet(a) => {
            let (header, rows) = desk.screening_packet(&a.at.edition, a.at.round, &a.screener)?;
            let mut bytes = Vec::new();
            {
                let mut w = csv::Writer::from_writer(&mut bytes);
                w.write_record(&header).map_err(csv_failure)?;
                for row in &rows {
                    w.write_record(row).map_err(csv_failure)?;
                }
                w.flush()?;
            }
            match &a.out {
                Some(path) => {
                    std::fs::write(path, &bytes).map_err(|e| {
                        Failure::failed(format!("cannot write {}: {e}", path.display()))
                    })?;
                    say!(
                        out,
                        "wrote {} film(s) for {} to {}",
                        rows.len(),
                        a.screener,
                        path.display()
                    )?;
                }
                None => out.write_all(&bytes)?,
            }
            Ok(())
        }
        ScreeningCommand::ImportRatings(a) => {
            let name = a.file.display().to_string();
            let bytes = std::fs::read(&a.file)
                .map_err(|e| Failure::failed(format!("cannot read {name}: {e}")))?;
            let n =
                desk.import_ratings(&a.at.edition, a.at.round, &name, &bytes, a.sheet.as_deref())?;
            say!(
                out,
                "imported {n} rating(s) from {name} into round {} of {}",
                a.at.round,
                a.at.edition
            )?;
            Ok(())
        }
        ScreeningCommand::Progress(a) => progress(desk, a, out),
        ScreeningCommand::Board(a) => board(desk, a, out),
        ScreeningCommand::Close(a) => close(desk, a, out),
        ScreeningCommand::Reopen(a) => {
            let round = desk.reopen_round(&a.at.edition, a.at.round, &a.reason)?;
            say!(
                out,
                "reopened round {} of {}: {}",
                round.number,
                a.at.edition,
                a.reason
            )?;
            Ok(())
        }
    }
}

fn csv_failure(e: csv::Error) -> Failure {
    Failure::failed(format!("cannot write the packet: {e}"))
}

fn normalisation(arg: NormaliseArg) -> Normalisation {
    match arg {
        NormaliseArg::None => Normalisation::None,
        NormaliseArg::Z => Normalisation::Z,
    }
}

fn status(field: &'static str, text: &str) -> Result<SubmissionStatus, DeskError> {
    text.parse()
        .map_err(|e: crate::domain::UnknownStatus| DeskError::invalid(field, e.to_string()))
}

fn round_add(desk: &Desk, a: &RoundAddArgs, out: &mut impl Write) -> Result<(), Failure> {
    let form = match &a.criteria {
        Some(text) => Form::Criteria(parse_criteria(text)?),
        None => Form::Verdicts,
    };
    let statuses = a
        .scope_status
        .iter()
        .map(|s| status("scope-status", s))
        .collect::<Result<Vec<_>, _>>()?;
    let input = RoundInput {
        name: a.name.clone(),
        form,
        coverage: a.coverage,
        scope: RoundScope {
            statuses,
            sections: a.scope_section.clone(),
            after_round: a.scope_round,
        },
        normalisation: normalisation(a.normalise),
        due: a
            .due
            .as_deref()
            .map(|d| crate::desk::parse_date("due", d))
            .transpose()?,
        sample: false,
    };
    let round = desk.add_screening_round(&a.edition, &input)?;
    say!(
        out,
        "added screening round {} \"{}\" to {}: {} film(s), {} screener(s) each, form: {}",
        round.number,
        round.name,
        a.edition,
        round.submission_ids.len(),
        round.coverage,
        round.form.describe()
    )?;
    Ok(())
}

fn print_assign(
    report: &AssignReport,
    headline: &str,
    out: &mut impl Write,
) -> Result<(), Failure> {
    say!(out, "{headline}")?;
    let loads: Vec<String> = report
        .loads
        .iter()
        .map(|(n, l)| format!("{n} {l}"))
        .collect();
    say!(out, "loads: {}", loads.join(", "))?;
    if let Some(uneven) = &report.uneven {
        say!(out, "{uneven}")?;
    }
    if !report.uncovered.is_empty() {
        say!(
            out,
            "{} film(s) could not get all their screeners:",
            report.uncovered.len()
        )?;
        for u in &report.uncovered {
            say!(
                out,
                "  submission {} \"{}\": {} screener(s); {}",
                u.submission,
                u.title,
                u.got,
                u.why
            )?;
        }
    }
    Ok(())
}

fn progress(desk: &Desk, a: &ProgressArgs, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.edition(&a.at.edition)?;
    let p = desk
        .screening_tally(&edition, a.at.round)?
        .progress(chrono::Utc::now().date_naive());
    match a.format {
        Format::Json => {
            let value = json!({
                "screeners": p.screeners.iter().map(|s| json!({
                    "name": s.name, "assigned": s.assigned, "rated": s.rated, "overdue": s.overdue,
                })).collect::<Vec<_>>(),
                "submissions": p.submissions.iter().map(|s| json!({
                    "id": s.id, "title": s.title, "assigned": s.assigned, "rated": s.rated,
                    "screeners": s.screeners,
                })).collect::<Vec<_>>(),
            });
            print_json_value(&value, out)?;
        }
        Format::Table | Format::Csv => {
            let listing = Listing {
                fields: vec!["screener", "rated", "assigned", "overdue"],
                table: vec!["screener", "rated", "assigned", "overdue"],
                rows: p
                    .screeners
                    .iter()
                    .map(|s| {
                        vec![
                            json!(s.name),
                            json!(s.rated),
                            json!(s.assigned),
                            json!(s.overdue),
                        ]
                    })
                    .collect(),
            };
            listing.print(a.format, out)?;
            if a.format == Format::Table {
                let full = p
                    .submissions
                    .iter()
                    .filter(|s| s.assigned > 0 && s.rated == s.assigned)
                    .count();
                let unassigned = p.submissions.iter().filter(|s| s.assigned == 0).count();
                say!(
                    out,
                    "films: {} in the round, {full} seen by all their screeners, {unassigned} not assigned",
                    p.submissions.len()
                )?;
            }
        }
    }
    Ok(())
}

fn board(desk: &Desk, a: &BoardArgs, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.edition(&a.at.edition)?;
    let tally = desk.screening_tally(&edition, a.at.round)?;
    let normalise = a.normalise.map_or(tally.round.normalisation, normalisation);
    if let Some(reference) = &a.explain {
        let id = desk.submission_in(&edition, reference)?;
        let board = tally.board(normalise);
        let row = board.rows.iter().find(|r| r.id == id).ok_or_else(|| {
            DeskError::Refused(format!("submission {id} is not in round {}", a.at.round))
        })?;
        say!(
            out,
            "submission {} \"{}\" in round {}:",
            row.id,
            row.title,
            a.at.round
        )?;
        for e in tally.explain(id) {
            say!(
                out,
                "  {}: raw {:.2} (their mean {:.2}, spread {:.2}) → z {:+.2}",
                e.screener,
                e.raw,
                e.mean,
                e.spread,
                e.z
            )?;
        }
        let raw = tally.board(Normalisation::None);
        let raw_score = raw.rows.iter().find(|r| r.id == id).and_then(|r| r.score);
        say!(
            out,
            "  mean of the raw scores {}; {} {}; rank {} of {}",
            raw_score.map_or("—".into(), |s| format!("{s:.2}")),
            if normalise == Normalisation::Z {
                "normalised (z, fitted to the raw range)"
            } else {
                "score"
            },
            row.score.map_or("—".into(), |s| format!("{s:.2}")),
            row.rank.map_or("—".into(), |r| r.to_string()),
            board.ranked
        )?;
        return Ok(());
    }
    let board = tally.board(normalise);
    let rows = board
        .rows
        .iter()
        .take_while(|r| a.top.is_none_or(|k| r.rank.is_some_and(|rank| rank <= k)))
        .map(|r| {
            vec![
                r.rank.map_or(Value::Null, |k| json!(k)),
                json!(r.id),
                json!(r.title),
                r.score
                    .map_or(Value::Null, |s| json!((s * 1000.0).round() / 1000.0)),
                json!(r.ratings),
                json!(r.coverage),
            ]
        })
        .collect();
    Listing {
        fields: vec!["rank", "id", "title", "score", "ratings", "coverage"],
        table: vec!["rank", "id", "title", "score", "ratings", "coverage"],
        rows,
    }
    .print(a.format, out)?;
    Ok(())
}

fn close(desk: &Desk, a: &CloseArgs, out: &mut impl Write) -> Result<(), Failure> {
    let cut = match (a.top, &a.threshold) {
        (Some(n), _) => Cut::Top(n),
        (None, Some(t)) => Cut::Threshold(parse_tenths(t).ok_or_else(|| {
            DeskError::invalid(
                "threshold",
                format!("'{t}' is not a score such as 7 or 7.5"),
            )
        })?),
        (None, None) => return Err(crate::failure::usage("give --top N or --threshold T")),
    };
    let pass = status("pass", &a.pass)?;
    let fail = status("fail", &a.fail)?;
    let closed = desk.close_round(&a.at.edition, a.at.round, cut, pass, fail)?;
    say!(
        out,
        "closed round {} of {}: {} film(s) to {}, {} to {}",
        closed.round,
        a.at.edition,
        closed.passed,
        closed.pass,
        closed.failed,
        closed.fail
    )?;
    if closed.tied_in > 0 {
        say!(
            out,
            "{} film(s) past the top {} pass because they tie at the cut",
            closed.tied_in,
            a.top.unwrap_or(0)
        )?;
    }
    if closed.unrated > 0 {
        say!(
            out,
            "{} film(s) nobody rated went to {}",
            closed.unrated,
            closed.fail
        )?;
    }
    if let Cut::Threshold(t) = cut {
        say!(out, "threshold: {}", tenths_text(t))?;
    }
    Ok(())
}
