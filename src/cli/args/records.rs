//! The arguments of the commands that keep festivals, editions and submissions.

use clap::{Args, Subcommand};

use super::{Calendar, calendar, number};

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
    #[arg(long, value_parser = number::<u32>)]
    pub number: u32,
    #[arg(long, value_parser = number::<i32>)]
    pub year: i32,
    /// The calendar the dates are shown and typed in beside the Gregorian: gregorian (the default
    /// for a new edition), persian (Solar Hijri) or islamic (Hijri, Umm al-Qura)
    #[arg(long, value_parser = calendar)]
    pub calendar: Option<Calendar>,
    /// First day, YYYY-MM-DD in the edition's calendar (1403-11-12 in a Persian one)
    #[arg(long)]
    pub start: Option<String>,
    /// Last day, YYYY-MM-DD in the edition's calendar
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
        #[arg(value_parser = number::<u64>)]
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
    #[arg(value_parser = number::<u64>)]
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
    /// Boxed: four lists more made `Command` the size clippy refuses (`large_enum_variant`).
    #[command(flatten)]
    pub names: Box<OriginalNames>,
    #[arg(long = "country", value_name = "NAME")]
    pub countries: Vec<String>,
    #[arg(long = "language", value_name = "NAME")]
    pub languages: Vec<String>,
    #[arg(long, value_parser = number::<i32>)]
    pub year: Option<i32>,
    /// Running time in minutes
    #[arg(long, value_parser = number::<u32>)]
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
    /// Boxed: four lists more made `Command` the size clippy refuses (`large_enum_variant`).
    #[command(flatten)]
    pub names: Box<OriginalNames>,
    #[arg(long = "country", value_name = "NAME")]
    pub countries: Vec<String>,
    #[arg(long = "language", value_name = "NAME")]
    pub languages: Vec<String>,
    #[arg(long, value_parser = number::<i32>)]
    pub year: Option<i32>,
    /// Running time in minutes
    #[arg(long, value_parser = number::<u32>)]
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

/// The names in their own script (issue 18 item 10) and the other titles, for `add` and `edit`.
#[derive(Debug, Args)]
pub struct OriginalNames {
    /// A director's name in its own script, in the directors' order (repeat; "" for one not known)
    #[arg(long = "original-director", value_name = "NAME")]
    pub original_directors: Vec<String>,
    /// A writer's name in its own script, in the writers' order (repeat; "" for one not known)
    #[arg(long = "original-writer", value_name = "NAME")]
    pub original_writers: Vec<String>,
    /// A cast member's name in its own script, in the cast's order (repeat; "" for one not known)
    #[arg(long = "original-cast", value_name = "NAME")]
    pub original_cast: Vec<String>,
    /// Another title the film is known by (repeat for several)
    #[arg(long = "alias", value_name = "TITLE")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Args)]
pub struct SubmissionStatusArgs {
    /// The submission's id
    #[arg(value_parser = number::<u64>)]
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
