use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Id, SubmissionStatus};

/// A work, independent of any edition, so that its record can follow it across festivals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Film {
    pub id: Id,
    pub title: String,
    /// The title in its own language and script (Persian, Arabic, CJK…); empty when the same as `title`.
    pub original_title: String,
    pub directors: Vec<String>,
    pub writers: Vec<String>,
    pub producers: Vec<String>,
    pub cast: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub year: Option<i32>,
    pub runtime_minutes: Option<u32>,
    pub synopsis: String,
    /// The directors' names in their own script (film format 2), paired by position with
    /// `directors`: `original_directors[i]` is how `directors[i]` writes their name, empty when not
    /// known. Never longer than `directors`; no blank at the end (see `names::paired`).
    #[serde(default)]
    pub original_directors: Vec<String>,
    /// The writers' names in their own script, paired with `writers` as above.
    #[serde(default)]
    pub original_writers: Vec<String>,
    /// The cast's names in their own script, paired with `cast` as above.
    #[serde(default)]
    pub original_cast: Vec<String>,
    /// Other titles the film is known by, in any script (film format 2): searched like the title.
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl Film {
    /// Everyone credited on the film, for conflict-of-interest checks and person nominations.
    pub fn credited_people(&self) -> impl Iterator<Item = &str> {
        self.directors
            .iter()
            .chain(&self.writers)
            .chain(&self.producers)
            .chain(&self.cast)
            .map(String::as_str)
    }

    /// Everyone credited on the film, each with their name in its own script (empty when not known).
    pub fn credited_people_with_originals(&self) -> impl Iterator<Item = (&str, &str)> {
        super::names::paired(&self.directors, &self.original_directors)
            .chain(super::names::paired(&self.writers, &self.original_writers))
            .chain(super::names::paired(&self.producers, &[]))
            .chain(super::names::paired(&self.cast, &self.original_cast))
    }

    /// The original-script name of a credited person, if the film knows one.
    pub fn original_name_of(&self, person: &str) -> Option<&str> {
        self.credited_people_with_originals()
            .find(|(name, original)| *name == person && !original.is_empty())
            .map(|(_, original)| original)
    }
}

/// One change of a submission's status, kept so the film record can show how it got where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub at: DateTime<Utc>,
    pub from: Option<SubmissionStatus>,
    pub to: SubmissionStatus,
    pub note: String,
}

/// A film entered in one edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Submission {
    pub id: Id,
    pub edition_id: Id,
    pub film_id: Id,
    /// The competition or programme it was entered in, e.g. `International Competition`.
    pub section: String,
    pub status: SubmissionStatus,
    /// The status text as the source system wrote it (FilmFreeway's own words), when imported.
    pub original_status: String,
    pub submitted: Option<NaiveDate>,
    /// An identifier in another system, e.g. FilmFreeway's Submission ID.
    pub external_id: String,
    pub notes: String,
    pub history: Vec<StatusChange>,
}
