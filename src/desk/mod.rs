//! The use-cases: the one place where a change happens. The command line and the desk both call these
//! functions, so the same validation, audit entry and flush apply whichever face the secretary uses.

mod absence;
mod award_history;
mod award_withdraw;
mod backup;
mod ballot_import;
mod ballots;
mod check;
mod compact;
mod completeness;
mod conflicts;
mod count_text;
mod demo;
mod demo_jury;
pub mod documents;
mod editions;
mod error;
mod finalize;
mod generate;
mod import_report;
mod imports;
mod invariants;
mod jury;
mod jury_delete;
mod jury_edit;
mod listing_rows;
mod names;
mod nominations;
mod overview;
mod palmares;
mod pin;
mod query;
mod read_ahead;
mod round_order;
mod rules;
pub mod screening;
mod search;
mod stats;
mod submissions;
mod summary;
mod tallying;
mod undo;
mod validate;
mod views;

use std::path::Path;

pub use crate::store::backup_file::{BackupReader, Contents, Items, Written, write_backup_to};
pub use crate::store::{
    ChainError, CodecError, CompactProgress, Compacted, FilmView, NotCompacted, RECOVERY, RowView,
    Sealed, StoreError, StoredRow, SubmissionSummary, SubmissionView, capturing_panics, in_units,
};
pub use absence::absence_here;
pub use award_history::{AwardRow, HistoryTarget};
pub use award_withdraw::WithdrawnAward;
pub use backup::{Restored, backup_damage};
pub use ballot_import::{BallotColumns, BallotRow};
pub use ballots::{BallotEntry, BallotKind, parse_ranking, parse_score, parse_scores};
pub use check::{CheckReport, survey_store};
pub use conflicts::{BallotState, FilmNote, JurorRecord};
pub use count_text::count_text;
pub use demo::DemoReport;
pub use editions::{EditionInput, FestivalInput};
pub use error::{DeskError, Remedy};
pub use generate::Generated;
pub use import_report::{
    Column, Found, Group, ImportOptions, ImportProgress, ImportReport, Parsed, Problem, Reading,
    RowSource,
};
pub use imports::IncomingSubmission;
pub use jury::{CategoryInput, JurorInput, ProbableConflict, refuse_if_finalized};
pub use jury_delete::Removal;
pub use jury_edit::{Edited, NominationInput};
pub use nominations::{Nominee, label, resolve_nominee};
pub use overview::{EditionOverview, overview};
pub use palmares::{Palmares, PalmaresLine};
pub use pin::{MAX_PIN_DIGITS, MIN_PIN_DIGITS, hash_pin, pin_matches};
pub use query::{SearchIndex, SortKey, SubmissionQuery};
pub use rules::{RulesChange, RulesReport, parse_switch};
pub use stats::{NO_COUNTRY, StatLine, StatsBy, StatsScope};
pub use submissions::{FilmInput, SubmissionInput};
pub use summary::{CategorySummary, eligible_voters, recusal_here};
pub use tallying::{AwardChoice, CategoryCount, PassedOver};
pub use undo::Undone;
pub use validate::{date as parse_date, date_in as parse_date_in};
pub use views::{Appearance, EditionView, FilmRecord, SubmissionRow};

use crate::store::Store;

pub type Result<T, E = DeskError> = std::result::Result<T, E>;

/// An open store and everything a secretary can do with it. Cloning shares the store (see `Store`).
#[derive(Debug, Clone)]
pub struct Desk {
    store: Store,
}

impl Desk {
    /// Opens the store at `path`, creating it if needed.
    pub fn open(path: &Path) -> Result<Desk> {
        Ok(Desk {
            store: Store::open(path)?,
        })
    }

    /// Opens the store at `path` only if one is there; never creates one (a mistyped `--db` is an
    /// error, not an empty store that passes every check).
    pub fn open_existing(path: &Path) -> Result<Desk> {
        Ok(Desk {
            store: Store::open_existing(path)?,
        })
    }

    /// Whether `path` holds a store.
    pub fn exists(path: &Path) -> bool {
        Store::exists(path)
    }

    /// The store itself, for tests that read or tamper with it beneath the desk. The faces never use
    /// it: what they read of the store goes through the methods below.
    #[doc(hidden)]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Where the store is.
    pub fn path(&self) -> &std::path::Path {
        self.store.path()
    }

    /// The latest audit log entry: its number and hash; `None` for an empty log.
    pub fn log_head(&self) -> Result<Option<(u64, [u8; 32])>> {
        Ok(self.store.log_head()?)
    }

    /// The audit log, newest entry first; an entry that cannot be read is its error.
    pub fn log_newest_first(
        &self,
    ) -> impl Iterator<Item = (u64, std::result::Result<Sealed, CodecError>)> + '_ {
        self.store.log_newest_first()
    }

    /// Checks the audit log's whole hash chain: how many entries, or where it breaks.
    pub fn verify_log(&self) -> Result<std::result::Result<u64, ChainError>> {
        Ok(self.store.verify_log()?)
    }

    /// Whether the store was given up after a write to it failed (a full disk, a disk error): the
    /// desk can then only say so and end (docs/architecture.md#faults).
    pub fn store_given_up(&self) -> bool {
        self.store.given_up()
    }

    /// Lets go of the store when the process is about to end (a command has run): see
    /// `Store::close_for_exit`. Never for a store this process will open again.
    pub fn close_for_exit(self) -> Result<()> {
        Ok(self.store.close_for_exit()?)
    }

    /// What the user should hear about the open, when it had to repair the store: a large change
    /// (an import) that was cut short and has been rolled back whole; an upgrade, and whether the
    /// store was compacted after it; what a compaction that did not finish left beside the store.
    pub fn open_note(&self) -> Option<String> {
        let mut notes = Vec::new();
        if let Some(crate::store::Recovery::RolledBack { action }) = self.store.recovery() {
            notes.push(format!(
                "a change that was cut short before it finished was rolled back, so none of it is in \
                 the store: {action}. Run it again to make it."
            ));
        }
        notes.extend(self.upkeep_notes());
        (!notes.is_empty()).then(|| notes.join("\n"))
    }

    /// Whether the store holds no festival data at all (the desk then shows its welcome screen).
    pub fn is_empty(&self) -> bool {
        self.store.is_empty_of_records()
    }
}
