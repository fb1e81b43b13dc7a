//! The arguments of `jurydesk screening …` (docs/screening.md, issue 15). The names are a contract:
//! scripts call them.

use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use super::Format;

#[derive(Debug, Subcommand)]
pub enum ScreeningCommand {
    /// Rounds of the selection committee
    #[command(subcommand)]
    Round(RoundCommand),
    /// The selection committee
    #[command(subcommand)]
    Screener(ScreenerCommand),
    /// Give every film of a round its screeners (or, with --screener and --submission, one by hand)
    Assign(AssignArgs),
    /// Take one film from one screener by hand
    Unassign(HandArgs),
    /// Record a screener's rating of an assigned film
    Rate(RateArgs),
    /// Pass a leaving screener's unrated films to the others
    Release(ReleaseArgs),
    /// Write a screener's assignments as a CSV to fill in a spreadsheet
    Packet(PacketArgs),
    /// Read filled-in packets back, all or nothing
    ImportRatings(ImportRatingsArgs),
    /// Rated x of y per screener, seen k of K per film
    Progress(ProgressArgs),
    /// The leaderboard
    Board(BoardArgs),
    /// Move the films above the cut to one status and the rest to another
    Close(CloseArgs),
    /// Open a closed round again, putting back the statuses its close gave
    Reopen(ReopenRoundArgs),
}

#[derive(Debug, Subcommand)]
pub enum RoundCommand {
    /// Add the next round to an edition
    Add(RoundAddArgs),
}

#[derive(Debug, Subcommand)]
pub enum ScreenerCommand {
    /// Seat a screener on an edition's selection committee
    Add(ScreenerAddArgs),
    /// Recuse a screener from a film (they are never assigned it)
    Recuse(ScreenerRecuseArgs),
}

/// Which round a command is about: the edition and the round's number, as every round command
/// names them.
#[derive(Debug, Args)]
pub struct RoundRef {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub round: u32,
}

#[derive(Debug, Args)]
pub struct RoundAddArgs {
    #[arg(long)]
    pub edition: String,
    #[arg(long, default_value = "")]
    pub name: String,
    /// NAME:MIN-MAX[/STEP]:WEIGHT[:na], comma-separated, e.g. "Story:1-10:2, Sound:1-10/0.5:1:na"
    #[arg(
        long,
        conflicts_with = "verdicts",
        required_unless_present = "verdicts"
    )]
    pub criteria: Option<String>,
    /// A yes / maybe / no form (2, 1, 0 points)
    #[arg(long)]
    pub verdicts: bool,
    /// Screeners per film
    #[arg(long, default_value_t = 3)]
    pub coverage: u32,
    /// Only films in this status (repeatable) [default: all but withdrawn, disqualified, ineligible]
    #[arg(long = "scope-status", value_name = "STATUS")]
    pub scope_status: Vec<String>,
    /// Only films in this section (repeatable)
    #[arg(long = "scope-section", value_name = "SECTION")]
    pub scope_section: Vec<String>,
    /// Only the films that round N passed (its shortlist)
    #[arg(long = "scope-round", value_name = "N")]
    pub scope_round: Option<u32>,
    /// How the leaderboard and the close score films
    #[arg(long, value_enum, default_value_t = NormaliseArg::None)]
    pub normalise: NormaliseArg,
    /// When the ratings are due (YYYY-MM-DD); unrated films are overdue after it
    #[arg(long)]
    pub due: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NormaliseArg {
    None,
    Z,
}

#[derive(Debug, Args)]
pub struct ScreenerAddArgs {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct ScreenerRecuseArgs {
    #[arg(long)]
    pub edition: String,
    /// The screener's name or id
    #[arg(long)]
    pub screener: String,
    /// The submission's id or title
    #[arg(long)]
    pub submission: String,
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct AssignArgs {
    #[command(flatten)]
    pub at: RoundRef,
    /// The seed of the draw: the same store and seed give the same assignments
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Assign one film by hand to this screener (with --submission)
    #[arg(long, requires = "submission")]
    pub screener: Option<String>,
    #[arg(long, requires = "screener")]
    pub submission: Option<String>,
}

#[derive(Debug, Args)]
pub struct HandArgs {
    #[command(flatten)]
    pub at: RoundRef,
    #[arg(long)]
    pub screener: String,
    #[arg(long)]
    pub submission: String,
}

#[derive(Debug, Args)]
pub struct RateArgs {
    #[command(flatten)]
    pub at: RoundRef,
    #[arg(long)]
    pub screener: String,
    #[arg(long)]
    pub submission: String,
    /// "Story=8, Craft=7, Sound=n/a" (a criteria form)
    #[arg(long, conflicts_with = "verdict", required_unless_present = "verdict")]
    pub score: Option<String>,
    /// yes, maybe or no (a verdict form)
    #[arg(long)]
    pub verdict: Option<String>,
    #[arg(long, default_value = "")]
    pub comment: String,
    /// For the screener alone
    #[arg(long, default_value = "")]
    pub note: String,
    /// YYYY-MM-DD
    #[arg(long)]
    pub watched: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReleaseArgs {
    #[command(flatten)]
    pub at: RoundRef,
    #[arg(long)]
    pub screener: String,
}

#[derive(Debug, Args)]
pub struct PacketArgs {
    #[command(flatten)]
    pub at: RoundRef,
    #[arg(long)]
    pub screener: String,
    /// Write here instead of standard output
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportRatingsArgs {
    /// A filled-in packet: CSV, or an Excel (.xlsx, .xls) or LibreOffice (.ods) workbook
    pub file: PathBuf,
    #[command(flatten)]
    pub at: RoundRef,
    /// The sheet of a workbook to read (default: the first)
    #[arg(long)]
    pub sheet: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProgressArgs {
    #[command(flatten)]
    pub at: RoundRef,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct BoardArgs {
    #[command(flatten)]
    pub at: RoundRef,
    /// [default: the round's own setting]
    #[arg(long, value_enum)]
    pub normalise: Option<NormaliseArg>,
    /// Only the first K rows (ties at the Kth included)
    #[arg(long)]
    pub top: Option<u32>,
    /// Each screener's raw and normalised score for one film
    #[arg(long, value_name = "SUBMISSION")]
    pub explain: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    #[command(flatten)]
    pub at: RoundRef,
    /// The best N pass (ties at the Nth pass with them)
    #[arg(
        long,
        conflicts_with = "threshold",
        required_unless_present = "threshold"
    )]
    pub top: Option<u32>,
    /// Scores at or above T pass
    #[arg(long)]
    pub threshold: Option<String>,
    #[arg(long, default_value = "shortlisted")]
    pub pass: String,
    #[arg(long, default_value = "not-selected")]
    pub fail: String,
}

#[derive(Debug, Args)]
pub struct ReopenRoundArgs {
    #[command(flatten)]
    pub at: RoundRef,
    #[arg(long)]
    pub reason: String,
}
