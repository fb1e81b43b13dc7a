use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A keyboard-driven desk for film festival jury secretaries. Without a command, opens the desk.
#[derive(Debug, Parser)]
#[command(name = "jurydesk", version, about, propagate_version = true)]
pub struct Cli {
    /// The store directory [default: the platform data directory, e.g. ~/.local/share/jurydesk/store]
    #[arg(long, global = true, env = "JURYDESK_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Load the demo festivals (the seed story plus clearly marked sample films); running it twice adds nothing
    Demo,
    /// Create and change festivals
    #[command(subcommand)]
    Festival(FestivalCommand),
    /// Create and change editions
    #[command(subcommand)]
    Edition(EditionCommand),
    /// Create and change film submissions
    #[command(subcommand)]
    Submission(SubmissionCommand),
    /// Read records
    List(ListArgs),
    /// Show the audit log, newest first
    Log(LogArgs),
    /// Undo the latest change still in effect (the undo is itself logged)
    Undo,
    /// Verify the store: every record decodes, references resolve, indexes agree, the log chain holds
    Check,
}

#[derive(Debug, Subcommand)]
pub enum FestivalCommand {
    /// Add a festival
    Add(FestivalFields),
    /// Change a festival's name, organisers or notes
    Edit(FestivalFields),
    /// Delete a festival that has no editions
    Delete {
        /// The festival's code
        code: String,
    },
}

#[derive(Debug, Args)]
pub struct FestivalFields {
    /// Short code, lowercase letters, digits and dashes (e.g. fajr)
    #[arg(long)]
    pub code: String,
    /// Full name
    #[arg(long)]
    pub name: String,
    /// An organising body (repeat for several)
    #[arg(long = "organiser", value_name = "NAME")]
    pub organisers: Vec<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Subcommand)]
pub enum EditionCommand {
    /// Add an edition to a festival; its code is <festival>-<number>
    Add(EditionFields),
    /// Change an edition's year, dates, place, venues, sections or notes
    Edit(EditionFields),
    /// Delete an edition that holds nothing
    Delete {
        /// The edition's code, e.g. fajr-43
        code: String,
    },
}

#[derive(Debug, Args)]
pub struct EditionFields {
    /// The festival's code
    #[arg(long)]
    pub festival: String,
    /// The edition's number (18 for the 18th)
    #[arg(long)]
    pub number: u32,
    #[arg(long)]
    pub year: i32,
    /// First day, YYYY-MM-DD
    #[arg(long)]
    pub start: Option<String>,
    /// Last day, YYYY-MM-DD
    #[arg(long)]
    pub end: Option<String>,
    #[arg(long, default_value = "")]
    pub place: String,
    /// A venue (repeat for several)
    #[arg(long = "venue", value_name = "NAME")]
    pub venues: Vec<String>,
    /// A section, e.g. "International Competition" (repeat for several)
    #[arg(long = "section", value_name = "NAME")]
    pub sections: Vec<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Subcommand)]
pub enum SubmissionCommand {
    /// Enter a film in an edition
    Add(SubmissionAdd),
    /// Change a submission's film details, section, date, outside id or notes
    Edit(SubmissionEdit),
    /// Move a submission through the selection process
    Status(SubmissionStatusArgs),
    /// Delete a submission (and its film, when no other edition holds it)
    Delete {
        /// The submission's id (see `list submissions`)
        id: u64,
    },
}

#[derive(Debug, Args)]
pub struct SubmissionAdd {
    /// The edition's code, e.g. fajr-43
    #[arg(long)]
    pub edition: String,
    #[command(flatten)]
    pub fields: SubmissionFields,
    /// The status it enters with
    #[arg(long, default_value = "received")]
    pub status: String,
}

/// Only the fields given change; a list flag given once or more replaces the whole list.
#[derive(Debug, Args)]
pub struct SubmissionEdit {
    /// The submission's id
    pub id: u64,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub original_title: Option<String>,
    #[arg(long = "director", value_name = "NAME")]
    pub directors: Vec<String>,
    #[arg(long = "writer", value_name = "NAME")]
    pub writers: Vec<String>,
    #[arg(long = "producer", value_name = "NAME")]
    pub producers: Vec<String>,
    #[arg(long = "cast", value_name = "NAME")]
    pub cast: Vec<String>,
    #[arg(long = "country", value_name = "NAME")]
    pub countries: Vec<String>,
    #[arg(long = "language", value_name = "NAME")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub year: Option<i32>,
    /// Running time in minutes
    #[arg(long)]
    pub runtime: Option<u32>,
    #[arg(long)]
    pub synopsis: Option<String>,
    #[arg(long)]
    pub section: Option<String>,
    /// The date it was submitted, YYYY-MM-DD
    #[arg(long)]
    pub submitted: Option<String>,
    #[arg(long)]
    pub external_id: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct SubmissionFields {
    #[arg(long)]
    pub title: String,
    /// The title in its own language and script
    #[arg(long, default_value = "")]
    pub original_title: String,
    /// A director (repeat for several)
    #[arg(long = "director", value_name = "NAME")]
    pub directors: Vec<String>,
    #[arg(long = "writer", value_name = "NAME")]
    pub writers: Vec<String>,
    #[arg(long = "producer", value_name = "NAME")]
    pub producers: Vec<String>,
    #[arg(long = "cast", value_name = "NAME")]
    pub cast: Vec<String>,
    #[arg(long = "country", value_name = "NAME")]
    pub countries: Vec<String>,
    #[arg(long = "language", value_name = "NAME")]
    pub languages: Vec<String>,
    #[arg(long)]
    pub year: Option<i32>,
    /// Running time in minutes
    #[arg(long)]
    pub runtime: Option<u32>,
    #[arg(long, default_value = "")]
    pub synopsis: String,
    #[arg(long, default_value = "")]
    pub section: String,
    /// The date it was submitted, YYYY-MM-DD
    #[arg(long)]
    pub submitted: Option<String>,
    /// Its id in another system, e.g. a FilmFreeway Submission ID
    #[arg(long, default_value = "")]
    pub external_id: String,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct SubmissionStatusArgs {
    /// The submission's id
    pub id: u64,
    /// received, eligible, ineligible, shortlisted, selected, not-selected, withdrawn or disqualified
    pub status: String,
    /// Why, for the history
    #[arg(long, default_value = "")]
    pub note: String,
    /// Allow going backwards in the selection process (to correct a mistake)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Editions,
    Submissions,
    Categories,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Table,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// What to list
    pub what: ListWhat,
    /// Only this edition (required for submissions and categories)
    #[arg(long)]
    pub edition: Option<String>,
    /// Only records matching this search (folded: case, accents, Persian/Arabic variants)
    #[arg(long)]
    pub query: Option<String>,
    /// Only submissions with this status
    #[arg(long)]
    pub status: Option<String>,
    /// Sort by this field; a leading '-' reverses (e.g. -year)
    #[arg(long, allow_hyphen_values = true)]
    pub sort: Option<String>,
    /// At most this many rows
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// At most this many entries
    #[arg(long)]
    pub limit: Option<usize>,
    /// Check the whole hash chain instead of listing
    #[arg(long)]
    pub verify: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}
