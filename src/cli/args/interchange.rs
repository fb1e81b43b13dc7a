//! The arguments of imports and exports.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    // See docs/formats.md#ballots-csv.
    /// Ballots from CSV or a workbook: category,juror,ranking | category,juror,nominee,score | category,round,juror,vote
    Ballots {
        /// CSV, or an Excel (.xlsx, .xls) or LibreOffice (.ods) workbook
        file: PathBuf,
        #[arg(long)]
        edition: String,
        /// The sheet of a workbook to read (default: the first)
        #[arg(long)]
        sheet: Option<String>,
    },
    // See docs/formats.md#filmfreeway-export.
    /// A FilmFreeway submissions export, CSV or workbook; re-importing a newer export updates by Submission ID
    Filmfreeway(ImportFilmfreeway),
    /// Any submissions sheet (CSV, .xlsx, .xls, .ods); columns are fields by name, or as --map says (see README)
    Csv(ImportCsv),
    // See docs/formats.md#award-history.
    /// An award history shaped like the_oscar_award.csv: one edition per ceremony
    Oscars(ImportOscars),
    // See docs/formats.md#backups.
    /// A backup made by `export backup`, into an empty store
    Backup { file: PathBuf },
}

// See docs/formats.md#bad-input.
/// What every file import accepts.
#[derive(Debug, Args)]
pub struct ImportFlags {
    /// Show what would change (counts and the first rows of each kind), write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Import the good rows and list the bad ones with why, instead of refusing the whole file
    #[arg(long)]
    pub skip_bad: bool,
}

#[derive(Debug, Args)]
pub struct ImportFilmfreeway {
    /// The export as CSV, or as an Excel (.xlsx, .xls) or LibreOffice (.ods) workbook
    pub file: PathBuf,
    /// The edition the submissions belong to, e.g. riff-18
    #[arg(long)]
    pub edition: String,
    /// The sheet of a workbook (.xlsx, .xls, .ods) to read (default: the first)
    #[arg(long)]
    pub sheet: Option<String>,
    #[command(flatten)]
    pub flags: ImportFlags,
}

#[derive(Debug, Args)]
pub struct ImportCsv {
    /// CSV, or an Excel (.xlsx, .xls) or LibreOffice (.ods) workbook
    pub file: PathBuf,
    #[arg(long)]
    pub edition: String,
    /// Take FIELD from column HEADER, e.g. --map directors=Director (repeat a field for fallbacks).
    /// Fields: title, original_title, directors, writers, producers, cast, countries, languages, year,
    /// runtime_minutes, synopsis, section, status, original_status, submitted, external_id, notes
    #[arg(long = "map", value_name = "FIELD=HEADER")]
    pub map: Vec<String>,
    /// What separates the values of a list cell (directors, countries…)
    #[arg(long, default_value_t = ',')]
    pub separator: char,
    /// The sheet of a workbook (.xlsx, .xls, .ods) to read (default: the first)
    #[arg(long)]
    pub sheet: Option<String>,
    #[command(flatten)]
    pub flags: ImportFlags,
}

#[derive(Debug, Args)]
pub struct ImportOscars {
    pub file: PathBuf,
    /// The festival the ceremonies become editions of (created if needed)
    #[arg(long, default_value = "oscars")]
    pub festival: String,
    /// The festival's name, if it has to be created
    #[arg(long, default_value = "Academy Awards")]
    pub name: String,
    #[command(flatten)]
    pub flags: ImportFlags,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    // See docs/formats.md#backups.
    /// The whole store as one JSON document: every record, the audit log, the id counters
    Backup {
        /// Write here instead of to standard output
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// An edition's submissions as CSV that `import csv` reads back with no --map
    Csv {
        #[arg(long)]
        edition: String,
        /// Write here instead of to standard output
        #[arg(long)]
        out: Option<PathBuf>,
        /// What separates the values of a list cell
        #[arg(long, default_value_t = ',')]
        separator: char,
    },
}
