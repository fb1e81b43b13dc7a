//! The arguments of the commands that read: lists, the log, the palmarès, rules and statistics.

use super::number;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    Editions,
    Submissions,
    Categories,
    Nominations,
    Jurors,
    Ballots,
    Awards,
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
    /// Only this edition (required for all but editions)
    #[arg(long)]
    pub edition: Option<String>,
    /// Only this category (nominations, ballots, awards)
    #[arg(long)]
    pub category: Option<String>,
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
    #[arg(long, value_parser = number::<usize>)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// At most this many entries
    #[arg(long, value_parser = number::<usize>)]
    pub limit: Option<usize>,
    /// Check the whole hash chain instead of listing
    #[arg(long)]
    pub verify: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PalmaresFormat {
    #[default]
    Text,
    /// Markdown, for a press release
    Md,
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct PalmaresArgs {
    #[arg(long)]
    pub edition: String,
    /// Only list the rule violations (exit 1 when there are any)
    #[arg(long)]
    pub check: bool,
    #[arg(long, value_enum, default_value_t)]
    pub format: PalmaresFormat,
}

#[derive(Debug, Args)]
pub struct FinalizeArgs {
    #[arg(long)]
    pub edition: String,
    /// Finalize although the palmarès breaks a rule; the reason and the violations are logged
    #[arg(long = "override", value_name = "REASON")]
    pub override_reason: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReopenArgs {
    #[arg(long)]
    pub edition: String,
    /// Why the palmarès must change again (logged)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Show an edition's rules and its categories' settings
    Show {
        #[arg(long)]
        edition: String,
    },
    /// Change an edition's rules, from a preset and/or rule by rule
    Set(RulesSetArgs),
    /// List the presets
    Presets,
}

#[derive(Debug, Args)]
pub struct RulesSetArgs {
    #[arg(long)]
    pub edition: String,
    /// Start from a preset: plain, cannes, berlinale or venice (also sets each category's method,
    /// tie-breaks and ex-aequo setting, except where an award is recorded)
    #[arg(long)]
    pub preset: Option<String>,
    /// A film may take only one prize (yes/no)
    #[arg(long, value_name = "YES|NO")]
    pub one_prize_per_film: Option<String>,
    /// A category whose prize a film may combine with another (repeat; replaces the list)
    #[arg(long = "combinable", value_name = "CATEGORY")]
    pub combinable: Vec<String>,
    /// No category is combinable
    #[arg(long, conflicts_with = "combinable")]
    pub no_combinable: bool,
    /// At most this many shared (ex-aequo) prizes in the edition, or "none" for no limit
    #[arg(long, value_name = "N|none")]
    pub max_shared: Option<String>,
    /// The top prize may never be shared (yes/no)
    #[arg(long, value_name = "YES|NO")]
    pub top_prize_never_shared: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum StatsCommand {
    /// Nominations and wins per film, person or country
    Awards(StatsAwardsArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum StatsGroup {
    #[default]
    Film,
    Person,
    Country,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("scope").args(["edition", "festival"])))]
pub struct StatsAwardsArgs {
    /// Only this edition
    #[arg(long)]
    pub edition: Option<String>,
    /// Only this festival's editions
    #[arg(long)]
    pub festival: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub by: StatsGroup,
    /// Only the first N lines
    #[arg(long, value_parser = number::<usize>)]
    pub top: Option<usize>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PrintWhat {
    /// One sheet per juror and category (and round), to fill in by hand
    Ballots,
    /// The jury's minutes (procès-verbal), with signature lines and the audit log's head hash
    Minutes,
    /// The palmarès for the press and the festival's site
    Palmares,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum PrintFormat {
    /// One self-contained HTML file (inline CSS, a page per sheet when printed, no script)
    #[default]
    Html,
    /// Markdown
    Md,
}

#[derive(Debug, Args)]
pub struct PrintArgs {
    /// What to print
    pub what: PrintWhat,
    #[arg(long)]
    pub edition: String,
    /// Only this category
    #[arg(long)]
    pub category: Option<String>,
    /// Ballots: only this juror's sheets
    #[arg(long)]
    pub juror: Option<String>,
    /// Ballots of a deliberation-rounds category: only this round's sheets (default: the
    /// absolute-majority rounds and the first relative one)
    #[arg(long)]
    pub round: Option<u32>,
    /// Write to this file (whole or not at all) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<std::path::PathBuf>,
    #[arg(long, value_enum, default_value_t)]
    pub format: PrintFormat,
}
