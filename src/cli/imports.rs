//! `import filmfreeway|csv|oscars|backup` and `export backup|csv`: read the file, hand the rows to the
//! desk, print what changed. The report goes to stdout; warnings, skipped rows and the progress line go
//! to stderr (the progress line only when stderr is a terminal, so scripts and logs stay quiet).

use std::io::{IsTerminal, Write};
use std::path::Path;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::args::{ExportCommand, ImportCommand, ImportFlags};
use super::say::{say, tell};
use crate::desk::{
    BackupReader, Contents, Desk, DeskError, HistoryTarget, ImportOptions, ImportProgress,
    ImportReport, Problem, Reading, backup_damage, write_backup_to,
};
use crate::failure::Failure;
use crate::interchange::{
    parse_award_history, read_filmfreeway, read_mapped_csv, write_submissions,
};
use crate::output_file;
use crate::text::{for_terminal, for_terminal_block};

/// At most this many warnings are printed one by one; the rest are counted.
const WARNINGS_SHOWN: usize = 20;

pub fn import(desk: &Desk, cmd: &ImportCommand, out: &mut impl Write) -> Result<(), Failure> {
    match cmd {
        ImportCommand::Ballots { .. } => Ok(()),
        ImportCommand::Filmfreeway(a) => {
            let (name, bytes) = read(&a.file)?;
            // Problems, the log and the report name a workbook's sheet too (`file:sheet`). The rows
            // keep the file's bytes and are read as the desk stages them.
            let (name, found, rows) = read_filmfreeway(&name, bytes, a.sheet.as_deref());
            let reading = Reading {
                found,
                rows: Box::new(rows),
            };
            let report = with_progress(|progress| {
                desk.import_submissions(
                    &a.edition,
                    "filmfreeway",
                    &name,
                    reading,
                    options(&a.flags),
                    progress,
                )
            })
            .map_err(failure)?;
            print_report(&report, out)
        }
        ImportCommand::Csv(a) => {
            let (name, bytes) = read(&a.file)?;
            let (name, found, rows) =
                read_mapped_csv(&name, bytes, &a.map, a.separator, a.sheet.as_deref());
            let reading = Reading {
                found,
                rows: Box::new(rows),
            };
            let report = with_progress(|progress| {
                desk.import_submissions(
                    &a.edition,
                    "csv",
                    &name,
                    reading,
                    options(&a.flags),
                    progress,
                )
            })
            .map_err(failure)?;
            print_report(&report, out)
        }
        ImportCommand::Oscars(a) => {
            let (name, bytes) = read(&a.file)?;
            let parsed = parse_award_history(&name, &bytes);
            let rows = parsed.rows.len();
            let target = HistoryTarget {
                festival: a.festival.clone(),
                name: a.name.clone(),
            };
            let report = with_progress(|progress| {
                desk.import_award_history(&target, &name, parsed, options(&a.flags), &mut |done| {
                    progress(ImportProgress::Checked {
                        done,
                        expected: rows,
                    });
                    if done == rows {
                        progress(ImportProgress::Writing);
                    }
                })
            })
            .map_err(failure)?;
            print_report(&report, out)
        }
        ImportCommand::Backup { file } => {
            let name = file.display().to_string();
            let mut backup = BackupReader::file(file)
                .map_err(|e| Failure::failed(for_terminal(&e.to_string())))?;
            let restored = desk.restore_from(&mut backup).map_err(failure)?;
            say!(
                out,
                "restored {} record(s) and {} log entr(y/ies) from {}",
                restored.records,
                restored.entries,
                name
            )?;
            print_problems(
                "warning",
                backup.warnings().iter().map(String::as_str),
                WARNINGS_SHOWN,
            );
            Ok(())
        }
    }
}

pub fn export(desk: &Desk, cmd: &ExportCommand, out: &mut impl Write) -> Result<(), Failure> {
    match cmd {
        ExportCommand::Backup { out: file } => {
            // Streamed from the store to the file: a record or an entry in memory at a time.
            let mut records = |kind| desk.backup_records(kind);
            let contents = Contents {
                counters: desk.backup_counters()?,
                records: &mut records,
                log: desk.backup_log(),
            };
            let written = emit(file.as_deref(), out, |w| write_backup_to(contents, w))?;
            if let Some(file) = file {
                tell!(
                    "backup of {} record(s) and {} log entr(y/ies) written to {}",
                    written.records,
                    written.entries,
                    file.display()
                );
            }
        }
        ExportCommand::Csv {
            edition,
            out: file,
            separator,
        } => {
            let edition = desk.edition(edition)?;
            let rows = desk.submission_rows(edition.id)?;
            let bytes = write_submissions(&rows, *separator)
                .map_err(|e| Failure::failed(for_terminal(&e.to_string())))?;
            emit(file.as_deref(), out, |w| w.write_all(&bytes))?;
            if let Some(file) = file {
                tell!(
                    "{} submission(s) of {} written to {}",
                    rows.len(),
                    edition.code,
                    file.display()
                );
            }
        }
    }
    Ok(())
}

fn options(flags: &ImportFlags) -> ImportOptions {
    ImportOptions {
        dry_run: flags.dry_run,
        skip_bad: flags.skip_bad,
    }
}

fn read(file: &Path) -> Result<(String, Vec<u8>), Failure> {
    let name = file.display().to_string();
    let bytes = std::fs::read(file)
        .map_err(|e| Failure::failed(format!("cannot read {}: {e}", for_terminal(&name))))?;
    Ok((name, bytes))
}

/// Every file-derived word in an error is made safe for the terminal before it is printed.
fn failure(e: DeskError) -> Failure {
    let mut failure = Failure::from(e);
    failure.message = for_terminal_block(&failure.message);
    failure
}

/// Has `write` write to `file` (whole or not at all: `output_file`) or to `out`. An `InvalidData`
/// error from `write` is content that could not be read (a damaged record), any other an error of the
/// output.
fn emit<T>(
    file: Option<&Path>,
    out: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<T>,
) -> Result<T, Failure> {
    let Some(file) = file else {
        return write(out).map_err(|e| match backup_damage(e) {
            Ok(damage) => failure(damage),
            Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
                Failure::failed(format!("cannot write the backup: {e}"))
            }
            Err(e) => e.into(),
        });
    };
    output_file::write_whole(file, write).map_err(|e| {
        let e = match backup_damage(e) {
            Ok(damage) => return failure(damage),
            Err(e) => e,
        };
        let why = match e.kind() {
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
                "the disk is full".to_string()
            }
            _ => e.to_string(),
        };
        Failure::failed(format!(
            "cannot write {}: {why}; nothing was written (a file already there is as it was)",
            file.display()
        ))
    })
}

/// Runs `work` with a progress line on stderr when stderr is a terminal; quiet otherwise.
fn with_progress<T>(work: impl FnOnce(&mut dyn FnMut(ImportProgress)) -> T) -> T {
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} rows, {elapsed}")
        {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message("importing");
        // Redraw on a timer too, so the line keeps up while the final write runs.
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        bar
    } else {
        ProgressBar::hidden()
    };
    let result = work(&mut |step| match step {
        ImportProgress::Checked { done, expected } => {
            bar.set_length(expected as u64);
            bar.set_position(done as u64);
        }
        ImportProgress::Writing => {
            // Every row is checked and staged; what is left is the one write and flush.
            bar.set_length(bar.position());
            bar.set_message("writing");
        }
    });
    bar.finish_and_clear();
    result
}

fn print_report(report: &ImportReport, out: &mut impl Write) -> Result<(), Failure> {
    let source = &report.source;
    let skipped = match report.skipped.len() {
        0 => String::new(),
        n => format!("; {n} bad row(s) skipped"),
    };
    if report.dry_run {
        say!(
            out,
            "dry run, nothing written: {source} into {} would give {}{skipped}",
            report.target,
            report.summary()
        )?;
        for group in report.groups.iter().filter(|g| g.count > 0) {
            say!(out, "{} ({}):", group.name, group.count)?;
            for row in &group.first {
                say!(out, "  {row}")?;
            }
            if group.count > group.first.len() {
                say!(out, "  … and {} more", group.count - group.first.len())?;
            }
        }
    } else {
        say!(
            out,
            "imported {source} into {}: {}{skipped}",
            report.target,
            report.summary()
        )?;
    }
    print_problems("skipped", texts(&report.skipped), usize::MAX);
    print_problems("warning", texts(&report.warnings), WARNINGS_SHOWN);
    Ok(())
}

fn texts(problems: &[Problem]) -> impl ExactSizeIterator<Item = &str> {
    problems.iter().map(|p| p.text.as_str())
}

/// The first `shown` of `problems` on stderr, one a line, then how many more there were.
fn print_problems<'a>(label: &str, problems: impl ExactSizeIterator<Item = &'a str>, shown: usize) {
    let total = problems.len();
    for problem in problems.take(shown) {
        tell!("{label}: {problem}");
    }
    if total > shown {
        tell!("{label}: … and {} more", total - shown);
    }
}
