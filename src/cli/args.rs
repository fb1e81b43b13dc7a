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
    /// Make a synthetic festival for trying jurydesk at scale (titles in several scripts, skewed countries)
    Generate {
        /// How many submissions in all
        #[arg(long)]
        submissions: usize,
        /// Spread over this many editions
        #[arg(long, default_value_t = 1)]
        editions: u32,
        /// The same seed always makes the same data
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print where the desk's settings file is looked for, and the default settings (keys, colours, rtl)
    Config,
    /// Create and change festivals
    #[command(subcommand)]
    Festival(FestivalCommand),
    /// Create and change editions
    #[command(subcommand)]
    Edition(EditionCommand),
    /// Create and change film submissions
    #[command(subcommand)]
    Submission(SubmissionCommand),
    /// Create award categories
    #[command(subcommand)]
    Category(CategoryCommand),
    /// Seat jurors and record recusals
    #[command(subcommand)]
    Juror(JurorCommand),
    /// Nominate a submission (and a person, in a person category) in a category
    Nominate(NominateArgs),
    /// Enter a juror's ballot
    #[command(subcommand)]
    Ballot(BallotCommand),
    /// Import data from files
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write data out: a backup of the whole store, an edition's submissions as CSV
    #[command(subcommand)]
    Export(ExportCommand),
    /// Count the votes of an edition's categories, with the full explanation (SPEC §6)
    Tally(TallyArgs),
    /// Record a category's award: from the count, by casting vote, by draw, or by hand with a reason
    Award(AwardArgs),
    /// The edition's results sheet, with the rule violations (SPEC §6.3)
    Palmares(PalmaresArgs),
    /// Freeze an edition's palmarès: ballots, nominations, awards and jury refuse changes until reopened
    Finalize(FinalizeArgs),
    /// Reopen a finalized edition (the reason is logged)
    Reopen(ReopenArgs),
    /// Show or set an edition's palmarès rules: one prize per film, shared prizes, presets
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Statistics over the award history
    #[command(subcommand)]
    Stats(StatsCommand),
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

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Add an award category to an edition
    Add(CategoryAdd),
}

#[derive(Debug, Args)]
pub struct CategoryAdd {
    #[arg(long)]
    pub edition: String,
    /// e.g. "Best Director"
    #[arg(long)]
    pub name: String,
    /// The prize's own name, e.g. "Crystal Simorgh"
    #[arg(long, default_value = "")]
    pub prize: String,
    /// film or person
    #[arg(long, default_value = "film")]
    pub kind: String,
    /// plurality, majority-rounds[:K], borda, irv, schulze, score-mean, score-trimmed, score-z
    #[arg(long, default_value = "schulze")]
    pub method: String,
    /// A tie-break rule, tried in the order given: casting-vote, borda, count-back, draw:SEED, none
    #[arg(long = "tie-break", value_name = "RULE")]
    pub tie_breaks: Vec<String>,
    /// The prize may be shared (ex aequo)
    #[arg(long)]
    pub ex_aequo: bool,
    /// The palmarès must award this category
    #[arg(long)]
    pub mandatory: bool,
    /// Rank among the edition's prizes, 1 = the top prize [default: after the others]
    #[arg(long)]
    pub precedence: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum JurorCommand {
    /// Seat a juror
    Add(JurorAdd),
    /// Record that a juror stands aside from a submission
    Recuse(JurorRecuse),
}

#[derive(Debug, Args)]
pub struct JurorAdd {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub name: String,
    /// president, member or observer (observers never vote)
    #[arg(long, default_value = "member")]
    pub role: String,
    #[arg(long, default_value = "")]
    pub notes: String,
}

#[derive(Debug, Args)]
pub struct JurorRecuse {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
    /// The submission's id or film title
    #[arg(long)]
    pub submission: String,
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct NominateArgs {
    #[arg(long)]
    pub edition: String,
    /// The category's name or id
    #[arg(long)]
    pub category: String,
    /// The submission's id or film title
    #[arg(long)]
    pub submission: String,
    /// The nominated person, in a person category
    #[arg(long)]
    pub person: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum BallotCommand {
    /// Enter (or replace) a juror's ballot in a category
    Set(BallotSet),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("content").required(true).args(["rank", "score", "round"])))]
pub struct BallotSet {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub category: String,
    #[arg(long)]
    pub juror: String,
    /// A ranking, best first: "North from South West > 2 > Film C" (numbers, titles, labels or names)
    #[arg(long)]
    pub rank: Option<String>,
    /// Scores from 0 to 10: "1=8, 2=6"
    #[arg(long)]
    pub score: Option<String>,
    /// A deliberation round's number (with --vote)
    #[arg(long, requires = "vote")]
    pub round: Option<u32>,
    /// The nominee voted for in --round
    #[arg(long, requires = "round")]
    pub vote: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TallyArgs {
    #[arg(long)]
    pub edition: String,
    /// Only this category (name or id)
    #[arg(long)]
    pub category: Option<String>,
    /// Count with another method, as a what-if (never stored as the award)
    #[arg(long)]
    pub method: Option<String>,
    /// Use this tie-break chain instead of the category's (repeat, in order)
    #[arg(long = "tie-break", value_name = "RULE")]
    pub tie_breaks: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("how").args(["casting_vote", "draw", "winners"])))]
pub struct AwardArgs {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub category: String,
    /// The president settles the tie for this nominee
    #[arg(long, value_name = "NOMINEE")]
    pub casting_vote: Option<String>,
    /// Settle the tie by a reproducible draw with this seed
    #[arg(long, value_name = "SEED")]
    pub draw: Option<u64>,
    /// Name the winner yourself (repeat for a shared prize); needs --reason
    #[arg(long = "winner", value_name = "NOMINEE", requires = "reason")]
    pub winners: Vec<String>,
    /// Why the winners were named by hand (a re-vote on paper, a jury statement)
    #[arg(long)]
    pub reason: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Ballots from CSV (SPEC §5.3): category,juror,ranking | category,juror,nominee,score | category,round,juror,vote
    Ballots {
        file: PathBuf,
        #[arg(long)]
        edition: String,
    },
    /// A FilmFreeway submissions export (SPEC §5.1); re-importing a newer export updates by Submission ID
    Filmfreeway(ImportFilmfreeway),
    /// Any submissions CSV; columns are fields by name, or as --map says (see README)
    Csv(ImportCsv),
    /// An award history shaped like the_oscar_award.csv (SPEC §5.2): one edition per ceremony
    Oscars(ImportOscars),
    /// A backup made by `export backup`, into an empty store (SPEC §5.4)
    Backup { file: PathBuf },
}

/// What every file import accepts (SPEC §5.5).
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
    pub file: PathBuf,
    /// The edition the submissions belong to, e.g. riff-18
    #[arg(long)]
    pub edition: String,
    #[command(flatten)]
    pub flags: ImportFlags,
}

#[derive(Debug, Args)]
pub struct ImportCsv {
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
    /// The whole store as one JSON document: every record, the audit log, the id counters (SPEC §5.4)
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
    #[arg(long)]
    pub top: Option<usize>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}
