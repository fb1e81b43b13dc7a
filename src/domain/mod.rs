//! The festival domain of docs/domain.md#entities: plain data and the rules that need no I/O.
//!
//! Nothing here knows about sled, ratatui, clap or files, so the types can be shared by the store, the desk
//! and the tally engine, and tested alone.

pub mod calendar;
mod festival;
mod film;
mod jury;
mod limits;
pub mod names;
pub mod palmares;
mod presets;
mod screening;
mod status;

pub use calendar::{Calendar, CalendarError, LocalDate};
pub use festival::{Edition, EditionEvent, EditionRules, EditionState, Festival, ordinal};
pub use film::{Film, StatusChange, Submission};
pub use jury::{
    Absence, Award, Ballot, BallotContent, Category, CategoryKind, ClearedConflict, Decision,
    Juror, JurorRole, Method, Nomination, PinHash, Recusal, TieBreak,
};
pub use limits::{MAX_LINE_CHARS, MAX_TEXT_CHARS};
pub use presets::{CategorySettings, Preset, is_performance_prize};
pub use screening::{
    Assignments, Criterion, Cut, Form, Marks, Normalisation, Outcome, Rating, RoundEvent,
    RoundScope, RoundState, Screener, ScreeningRound, Tenths, Verdict, parse_tenths, tenths_text,
};
pub use status::{AmbiguousStatus, StatusPrefixError, SubmissionStatus, UnknownStatus};

/// Every record is identified by a number allocated by the store, unique within its kind.
pub type Id = u64;
