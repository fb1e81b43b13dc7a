//! Finding and ordering submissions: the one matcher and the one set of sort keys that both the desk's
//! search and `list --query/--sort` use.

use std::cmp::Ordering;
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

    /// Orders two rows by this key, then by id so that the order is total and stable.
    pub fn compare(self, a: &SubmissionRow, b: &SubmissionRow) -> Ordering {
        let first = |v: &[String]| v.first().map(|s| fold(s)).unwrap_or_default();
        let by_key = match self {
            SortKey::Id => Ordering::Equal,
            SortKey::Title => fold(&a.film.title).cmp(&fold(&b.film.title)),
            SortKey::Director => first(&a.film.directors).cmp(&first(&b.film.directors)),
            SortKey::Country => first(&a.film.countries).cmp(&first(&b.film.countries)),
            SortKey::Year => a.film.year.cmp(&b.film.year),
            SortKey::Runtime => a.film.runtime_minutes.cmp(&b.film.runtime_minutes),
            SortKey::Section => fold(&a.submission.section).cmp(&fold(&b.submission.section)),
            SortKey::Status => a.submission.status.cmp(&b.submission.status),
            SortKey::Submitted => a.submission.submitted.cmp(&b.submission.submitted),
        };
        by_key.then(a.submission.id.cmp(&b.submission.id))
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
        hits.sort_by(|&a, &b| {
            let order = self.sort.compare(&rows[a], &rows[b]);
            if self.descending {
                order.reverse()
            } else {
                order
            }
        });
        hits
    }
}
