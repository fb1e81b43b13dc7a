//! `jurydesk print ballots|minutes|palmares`: the printable documents of docs/printing.md, to stdout
//! or to a file written whole. What the document leaves out (a juror with no sheet, and why) and where
//! it went are said on stderr, so stdout stays the document alone.

use std::io::Write;

use super::args::{PrintArgs, PrintFormat, PrintWhat};
use super::say::to_stderr;
use crate::desk::Desk;
use crate::desk::documents::SheetScope;
use crate::failure::{Failure, usage};
use crate::print::{self, Document, Format};

pub(super) fn print(desk: &Desk, a: &PrintArgs, out: &mut impl Write) -> Result<(), Failure> {
    let document = match a.what {
        PrintWhat::Ballots => Document::Ballots,
        PrintWhat::Minutes => Document::Minutes,
        PrintWhat::Palmares => Document::Palmares,
    };
    if document != Document::Ballots {
        for (flag, given) in [
            ("--juror", a.juror.is_some()),
            ("--round", a.round.is_some()),
        ] {
            if given {
                return Err(usage(format!(
                    "{flag} narrows ballot sheets only: jurydesk print ballots --edition {} {flag} …",
                    a.edition
                )));
            }
        }
    }
    let format = match a.format {
        PrintFormat::Html => Format::Html,
        PrintFormat::Md => Format::Md,
    };
    let scope = SheetScope {
        category: a.category.clone(),
        juror: a.juror.clone(),
        round: a.round,
    };
    let today = chrono::Local::now().date_naive();
    let printed = print::print(desk, &a.edition, document, &scope, format, today)?;
    for note in &printed.notes {
        to_stderr(format_args!("{note}"));
    }
    match &a.out {
        Some(path) => {
            print::write_whole(path, &printed.text)?;
            to_stderr(format_args!(
                "wrote {} of {} to {}",
                printed.summary,
                a.edition,
                path.display()
            ));
        }
        None => out.write_all(printed.text.as_bytes())?,
    }
    Ok(())
}
