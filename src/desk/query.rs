//! Finding and ordering submissions: the one matcher and the one set of sort keys that both the desk's
//! search and `list --query/--sort` use.

use chrono::Datelike;
use std::str::FromStr;

use super::views::SubmissionRow;
use crate::domain::SubmissionStatus;
use crate::text::{Matcher, fold};

/// A column submissions can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Id,
    Title,
    Director,
    Country,
    Year,
    Runtime,
    Section,
    Status,
    Submitted,
}

impl SortKey {
    pub const ALL: [SortKey; 9] = [
        SortKey::Id,
        SortKey::Title,
        SortKey::Director,
        SortKey::Country,
        SortKey::Year,
        SortKey::Runtime,
        SortKey::Section,
        SortKey::Status,
        SortKey::Submitted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            SortKey::Id => "id",
            SortKey::Title => "title",
            SortKey::Director => "director",
            SortKey::Country => "country",
            SortKey::Year => "year",
            SortKey::Runtime => "runtime",
            SortKey::Section => "section",
            SortKey::Status => "status",
            SortKey::Submitted => "submitted",
        }
    }

    /// A row's sort key under this column; rows come in id order, and the sort is stable, so equal
    /// keys keep id order.
    pub fn key(self, row: &SubmissionRow) -> SortValue {
        let first = |v: &[String]| v.first().map(|s| fold(s)).unwrap_or_default();
        let (film, submission) = (&row.film, &row.submission);
        match self {
            SortKey::Id => SortValue::Number(submission.id as i64),
            SortKey::Title => SortValue::Text(fold(&film.title)),
            SortKey::Director => SortValue::Text(first(&film.directors)),
            SortKey::Country => SortValue::Text(first(&film.countries)),
            SortKey::Year => SortValue::Number(film.year.map_or(i64::MIN, i64::from)),
            SortKey::Runtime => SortValue::Number(film.runtime_minutes.map_or(i64::MIN, i64::from)),
            SortKey::Section => SortValue::Text(fold(&submission.section)),
            SortKey::Status => SortValue::Number(submission.status as i64),
            SortKey::Submitted => SortValue::Number(
                submission
                    .submitted
                    .map_or(i64::MIN, |d| i64::from(d.num_days_from_ce())),
            ),
        }
    }
}

impl FromStr for SortKey {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        SortKey::ALL
            .into_iter()
            .find(|k| k.name() == s.trim())
            .ok_or_else(|| {
                let names: Vec<&str> = SortKey::ALL.iter().map(|k| k.name()).collect();
                format!("cannot sort by '{s}': use one of {}", names.join(", "))
            })
    }
}

/// A precomputed sort key: folded text or a number (missing values sort first).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortValue {
    Number(i64),
    Text(String),
}

/// What to show of an edition's submissions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionQuery {
    pub text: Matcher,
    pub status: Option<SubmissionStatus>,
    pub sort: SortKey,
    pub descending: bool,
}

impl Default for SubmissionQuery {
    fn default() -> Self {
        SubmissionQuery {
            text: Matcher::new(""),
            status: None,
            sort: SortKey::Id,
            descending: false,
        }
    }
}

impl SubmissionQuery {
    /// The positions in `rows` that match, in the requested order.
    pub fn apply(&self, rows: &[SubmissionRow]) -> Vec<usize> {
        let mut hits: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, row)| self.status.is_none_or(|s| row.submission.status == s))
            .filter(|(_, row)| self.text.is_empty() || self.text.matches_folded(&row.search_text()))
            .map(|(i, _)| i)
            .collect();
        self.sort(rows, &mut hits);
        hits
    }

    /// Orders positions in `rows` by the sort key, folding each row's key once (not per comparison).
    pub fn sort(&self, rows: &[SubmissionRow], hits: &mut [usize]) {
        if self.sort != SortKey::Id {
            hits.sort_by_cached_key(|&i| self.sort.key(&rows[i]));
        }
        if self.descending {
            hits.reverse();
        }
    }
}
