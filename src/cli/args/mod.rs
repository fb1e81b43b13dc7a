//! The command line's grammar (clap derive), one file per family of commands. `run` matches on it;
//! nothing here does any work.

mod interchange;
mod jury;
mod records;
mod reports;
mod screening;

pub use interchange::*;
pub use jury::*;
pub use records::*;
pub use reports::*;
pub use screening::*;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

pub use crate::domain::Calendar;
// See docs/text.md#digits.
/// Every numeric argument reads Persian and Arabic-Indic digits too.
pub(crate) use crate::text::digits::parse_number as number;

/// `--calendar`'s value parser: the names `Calendar` knows (gregorian, persian, islamic).
pub(crate) fn calendar(typed: &str) -> Result<Calendar, crate::domain::CalendarError> {
    typed.parse()
}

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
        #[arg(long, value_parser = number::<usize>)]
        submissions: usize,
        /// Spread over this many editions
        #[arg(long, default_value_t = 1, value_parser = number::<u32>)]
        editions: u32,
        /// The same seed always makes the same data
        #[arg(value_parser = number::<u64>)]
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Also add a screening round to the first edition: this many screeners, 3 per film, a
        /// criteria form, rated in part (see --rated)
        #[arg(long = "screening-round", value_name = "SCREENERS")]
        screening_round: Option<usize>,
        /// With --screening-round: the percentage of assignments rated
        #[arg(long, default_value_t = 100, requires = "screening_round")]
        rated: u8,
    },
    /// Print where the desk's settings file is looked for, and the default settings (keys, colours, rtl)
    Config,
    /// Print the shell's completion script (see README: "Install")
    Completions {
        /// The shell to complete in
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or write one page per command into a directory
    Man {
        /// Write jurydesk.1 and a page per command (jurydesk-edition-add.1, …) here
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
    /// Create and change festivals
    #[command(subcommand)]
    Festival(FestivalCommand),
    /// Create and change editions
    #[command(subcommand)]
    Edition(EditionCommand),
    /// Create and change film submissions
    #[command(subcommand)]
    Submission(SubmissionCommand),
    /// Create and change award categories
    #[command(subcommand)]
    Category(CategoryCommand),
    /// Seat jurors, change them, and record recusals
    #[command(subcommand)]
    Juror(JurorCommand),
    /// Nominate a submission (and a person, in a person category) in a category
    Nominate(NominateArgs),
    /// Change a nominee's person or number
    #[command(subcommand)]
    Nomination(NominationCommand),
    /// Enter a juror's ballot
    #[command(subcommand)]
    Ballot(BallotCommand),
    /// Import data from files
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write data out: a backup of the whole store, an edition's submissions as CSV
    #[command(subcommand)]
    Export(ExportCommand),
    // See docs/counting.md#methods.
    /// Count the votes of an edition's categories, with the full explanation
    Tally(TallyArgs),
    /// Record a category's award: from the count, by casting vote, by draw, or by hand with a reason;
    /// `award withdraw` removes one
    Award(AwardCli),
    // See docs/counting.md#palmares-rules.
    /// The edition's results sheet, with the rule violations
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
    // See docs/printing.md.
    /// Printable documents: ballot sheets, the jury's minutes, the press palmarès, as one
    /// self-contained HTML file or Markdown
    Print(PrintArgs),
    /// Read records
    List(ListArgs),
    /// Show the audit log, newest first
    Log(LogArgs),
    /// Screening rounds: a selection committee rates the submissions down to a shortlist
    #[command(subcommand)]
    Screening(ScreeningCommand),
    /// Undo the latest change still in effect (the undo is itself logged)
    Undo,
    /// Verify the store: every record decodes, references resolve, indexes agree, the log chain holds
    Check,
    /// Rewrite the store into a fresh file and swap it in: the same records, log and backup, without
    /// the free space an upgrade or a large undo leaves, which slows every open. Needs free space about
    /// the store's size; nothing is logged
    #[command(long_about = COMPACT_ABOUT)]
    Compact,
}

/// `compact --help`.
const COMPACT_ABOUT: &str = "Rewrite the store into a fresh file and swap it in.

sled, the database inside the store, writes again at every start the space that changes freed in the \
middle of its file: after an upgrade from an older jurydesk (which compacts by itself when there is \
room) or a large undo, every open is slower, about 1 s instead of 0.1 s at 1M submissions. `compact` \
copies every key, in order, into a new store beside this one (STORE.compacting), reads the copy back \
and compares it with the store, then swaps the two directories in one step and removes the old one. \
The store is never missing and never half-written: a compaction stopped at any point leaves the old \
store or the new one, whole, and the next compaction removes what it left.

It needs free space about the store's size on the same disk; without it the store is left as it was. \
It changes no record: the audit log (no entry is added), `log --verify`, `check` and `export backup` \
are the same before and after. It refuses a store that another jurydesk has open (exit code 3).";

impl Command {
    /// Whether the command may create the store when there is none: only those that can start one
    /// from nothing. Every other command needs records that must already exist, so on a path with no
    /// store (a mistyped `--db`) it is refused instead of leaving an empty store behind.
    pub fn may_create_store(&self) -> bool {
        match self {
            Command::Demo | Command::Generate { .. } => true,
            Command::Festival(FestivalCommand::Add(_)) => true,
            Command::Import(ImportCommand::Backup { .. }) => true,
            Command::Import(ImportCommand::Oscars(args)) => !args.flags.dry_run,
            _ => false,
        }
    }
}
