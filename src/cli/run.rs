//! Carrying out one command, and turning every outcome into an exit code
//! (docs/architecture.md#exit-codes): 0 success, 1 the operation failed, 2 wrong usage, 3 the store
//! is unavailable.

use std::io;
use std::path::Path;

use super::args::*;
use super::say::say;
use super::{
    editions, festivals, jury, jury_delete, jury_edit, list, log, palmares, stats, submissions,
    tally,
};
use crate::desk::Desk;
use crate::failure::{Failure, usage};

/// Runs one command against the store at `db`.
pub fn run(db: &Path, command: &Command) -> Result<(), Failure> {
    match command {
        Command::Check => return super::check::check(db),
        // The store is closed and opened again: the command owns its desk.
        Command::Compact => return super::compact::compact(db),
        _ => {}
    }
    let desk = if command.may_create_store() {
        Desk::open(db)?
    } else {
        Desk::open_existing(db)?
    };
    if let Some(note) = desk.open_note() {
        eprintln!("{note}");
    }
    let stdout = io::stdout();
    let mut out = stdout.lock();
    match command {
        Command::Demo => {
            let report = desk.load_demo()?;
            if report.added_nothing() {
                say!(out, "the demo festivals are already loaded")?;
            } else {
                say!(
                    out,
                    "demo loaded: {} festival(s), {} edition(s), {} submission(s); try `jurydesk list editions`",
                    report.festivals,
                    report.editions,
                    report.submissions
                )?;
            }
        }
        Command::Generate {
            submissions,
            editions,
            seed,
            screening_round,
            rated,
        } => {
            let made = desk.generate(*submissions, *editions, *seed)?;
            say!(
                out,
                "generated festival {} with {} submission(s) in {}",
                made.festival,
                made.submissions,
                made.editions.join(", ")
            )?;
            if let (Some(screeners), Some(edition)) = (screening_round, made.editions.first()) {
                let round = desk.generate_screening_round(edition, *screeners, *rated, *seed)?;
                say!(
                    out,
                    "added screening round {} to {edition}: {} screener(s), {} assignment(s), {} rating(s)",
                    round.number,
                    round.screeners,
                    round.assignments,
                    round.ratings
                )?;
            }
        }
        // `check` is answered before the store is opened (it also describes a store that cannot be),
        // and `compact` with a desk of its own;
        // `config`, `completions` and `man` are answered by `main` without a store.
        Command::Config
        | Command::Completions { .. }
        | Command::Man { .. }
        | Command::Check
        | Command::Compact => {}
        Command::Festival(cmd) => festivals::festival(&desk, cmd, &mut out)?,
        Command::Edition(cmd) => editions::edition(&desk, cmd, &mut out)?,
        Command::Submission(cmd) => submissions::submission(&desk, cmd, &mut out)?,
        Command::Category(CategoryCommand::Add(a)) => jury::category_add(&desk, a, &mut out)?,
        Command::Category(CategoryCommand::Edit(a)) => {
            jury_edit::category_edit(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Add(a)) => jury::juror_add(&desk, a, &mut out)?,
        Command::Juror(JurorCommand::Edit(a)) => jury_edit::juror_edit(&desk, a, &mut out)?,
        Command::Nomination(NominationCommand::Edit(a)) => {
            jury_edit::nomination_edit(&desk, a, &mut out)?;
        }
        Command::Category(CategoryCommand::Delete(a)) => {
            jury_delete::category_delete(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Delete(a)) => jury_delete::juror_delete(&desk, a, &mut out)?,
        Command::Nomination(NominationCommand::Delete(a)) => {
            jury_delete::nomination_delete(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Recuse(a)) => jury::juror_recuse(&desk, a, &mut out)?,
        Command::Juror(JurorCommand::ClearConflict(a)) => {
            jury::juror_clear_conflict(&desk, a, &mut out)?;
        }
        Command::Juror(JurorCommand::Absent(a)) => super::absence::absent(&desk, a, &mut out)?,
        Command::Juror(JurorCommand::Present(a)) => super::absence::present(&desk, a, &mut out)?,
        Command::Juror(JurorCommand::Pin(a)) => super::pin::juror_pin(&desk, a, &mut out)?,
        Command::Nominate(a) => jury::nominate(&desk, a, &mut out)?,
        Command::Ballot(BallotCommand::Set(a)) => jury::ballot_set(&desk, a, &mut out)?,
        Command::Import(ImportCommand::Ballots {
            file,
            edition,
            sheet,
        }) => {
            jury::import_ballots(&desk, file, edition, sheet.as_deref(), &mut out)?;
        }
        Command::Import(cmd) => super::imports::import(&desk, cmd, &mut out)?,
        Command::Export(cmd) => super::imports::export(&desk, cmd, &mut out)?,
        Command::Tally(a) => tally::tally(&desk, a, &mut out)?,
        Command::Award(AwardCli {
            action: Some(AwardCommand::Withdraw(a)),
            ..
        }) => jury::award_withdraw(&desk, a, &mut out)?,
        Command::Award(AwardCli {
            record: Some(a), ..
        }) => tally::award(&desk, a, &mut out)?,
        Command::Award(_) => {
            return Err(usage(
                "say which award: jurydesk award --edition E --category C, or jurydesk award withdraw --edition E --category C --reason R",
            ));
        }
        Command::Palmares(a) => palmares::palmares(&desk, a, &mut out)?,
        Command::Finalize(a) => palmares::finalize(&desk, a, &mut out)?,
        Command::Reopen(a) => palmares::reopen(&desk, a, &mut out)?,
        Command::Rules(cmd) => palmares::rules(&desk, cmd, &mut out)?,
        Command::Stats(StatsCommand::Awards(a)) => stats::awards(&desk, a, &mut out)?,
        Command::Print(a) => super::print::print(&desk, a, &mut out)?,
        Command::List(args) => list::print(&desk, args, &mut out)?,
        Command::Log(args) => log::log(&desk, args, &mut out)?,
        Command::Screening(cmd) => super::screening::screening(&desk, cmd, &mut out)?,
        Command::Undo => match desk.undo()? {
            Some(undone) => say!(out, "undid #{}: {}", undone.seq, undone.action)?,
            None => say!(out, "nothing to undo")?,
        },
    }
    // The process ends next: the store is let go without sled's own closing work.
    Ok(desk.close_for_exit()?)
}
