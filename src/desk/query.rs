//! Finding and ordering submissions: the one matcher and the one set of sort keys that both the desk's
//! search and `list --query/--sort` use.

use chrono::Datelike;
use std::ops::Range;
use std::str::FromStr;

use crate::domain::SubmissionStatus;
use crate::store::SubmissionSummary;
use crate::text::{Matcher, fold};

/// A column submissions can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
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
    pub fn key(self, row: &SubmissionSummary) -> SortValue {
        match self {
            SortKey::Id => SortValue::Number(row.id() as i64),
            SortKey::Title => SortValue::Text(fold(row.title())),
            SortKey::Director => {
                SortValue::Text(row.directors().next().map(fold).unwrap_or_default())
            }
            SortKey::Country => {
                SortValue::Text(row.countries().next().map(fold).unwrap_or_default())
            }
            SortKey::Year => SortValue::Number(row.year().map_or(i64::MIN, i64::from)),
            SortKey::Runtime => {
                SortValue::Number(row.runtime_minutes().map_or(i64::MIN, i64::from))
            }
            SortKey::Section => SortValue::Text(fold(row.section())),
            SortKey::Status => SortValue::Number(row.status() as i64),
            SortKey::Submitted => SortValue::Number(
                row.submitted()
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

/// What to show of an edition's submissions: free text and field filters, status, order.
///
/// The search syntax (the desk's `/` and `list --query`): words match title, original title, directors,
/// cast and countries; `director:`, `country:`, `section:`, `status:` and `year:` narrow to one field;
/// terms combine (all must hold). A value with spaces can be quoted: `director:"Hamid Zargarnejad"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionQuery {
    pub text: Matcher,
    pub director: Option<Matcher>,
    pub country: Option<Matcher>,
    pub section: Option<Matcher>,
    pub year: Option<i32>,
    pub status: Option<SubmissionStatus>,
    pub sort: SortKey,
    pub descending: bool,
}

impl Default for SubmissionQuery {
    fn default() -> Self {
        SubmissionQuery {
            text: Matcher::new(""),
            director: None,
            country: None,
            section: None,
            year: None,
            status: None,
            sort: SortKey::Id,
            descending: false,
        }
    }
}

impl SubmissionQuery {
    /// Reads the search syntax (see the type's documentation). An unknown field or a bad value is an
    /// error that says what is accepted.
    pub fn parse(query: &str) -> Result<SubmissionQuery, String> {
        let mut parsed = SubmissionQuery::default();
        let mut free = Vec::new();
        for term in terms(query) {
            let Some((field, value)) = term.split_once(':').filter(|(f, _)| is_field(f)) else {
                free.push(term.trim_matches('"').to_string());
                continue;
            };
            let value = value.trim_matches('"');
            match field.to_ascii_lowercase().as_str() {
                "director" => parsed.director = Some(Matcher::new(value)),
                "country" => parsed.country = Some(Matcher::new(value)),
                "section" => parsed.section = Some(Matcher::new(value)),
                "status" => {
                    parsed.status = Some(
                        value
                            .parse::<SubmissionStatus>()
                            .map_err(|e| e.to_string())?,
                    )
                }
                "year" => {
                    let digits = crate::text::fold(value);
                    parsed.year = Some(
                        digits
                            .parse()
                            .map_err(|_| format!("year:{value} is not a year (e.g. year:2025)"))?,
                    )
                }
                _ => free.push(term.trim_matches('"').to_string()),
            }
        }
        parsed.text = Matcher::new(&free.join(" "));
        Ok(parsed)
    }

    /// Whether any filter is set.
    pub fn filters(&self) -> bool {
        !self.text.is_empty()
            || self.director.is_some()
            || self.country.is_some()
            || self.section.is_some()
            || self.year.is_some()
            || self.status.is_some()
    }

    /// Whether a row passes every filter. Its search fields are folded already (the summaries are
    /// stored that way), so this is a handful of substring searches and no allocation.
    pub fn keeps(&self, row: &SubmissionSummary) -> bool {
        let field = |m: &Option<Matcher>, prepared: &str| {
            m.as_ref().is_none_or(|m| m.matches_prepared(prepared))
        };
        self.status.is_none_or(|s| row.status() == s)
            && self.year.is_none_or(|y| row.year() == Some(y))
            && field(&self.director, row.search_directors())
            && field(&self.country, row.search_countries())
            && field(&self.section, row.search_section())
            && self.text.matches_prepared(row.search_text())
    }

    /// The positions in `rows` that match, in the requested order.
    pub fn apply(&self, rows: &[SubmissionSummary]) -> Vec<usize> {
        let mut hits = self.matching(rows, 0..rows.len());
        self.sort(rows, &mut hits);
        hits
    }

    /// The positions in `range` of `rows` that match, in position order (not sorted): for rows that
    /// arrive after the first ones were filtered.
    pub fn matching(&self, rows: &[SubmissionSummary], range: Range<usize>) -> Vec<usize> {
        let range = range.start.min(rows.len())..range.end.min(rows.len());
        if self.filters() {
            range.filter(|&i| self.keeps(&rows[i])).collect()
        } else {
            range.collect()
        }
    }

    /// Narrows earlier hits (typing one more letter only removes rows) without re-sorting them.
    pub fn narrow(&self, rows: &[SubmissionSummary], hits: &[usize]) -> Vec<usize> {
        hits.iter()
            .copied()
            .filter(|&i| rows.get(i).is_some_and(|row| self.keeps(row)))
            .collect()
    }

    /// Orders positions in `rows` by the sort key, folding each row's key once (not per comparison).
    pub fn sort(&self, rows: &[SubmissionSummary], hits: &mut [usize]) {
        if self.sort != SortKey::Id {
            hits.sort_by_cached_key(|&i| self.sort.key(&rows[i]));
        } else {
            hits.sort_unstable_by_key(|&i| rows[i].id());
        }
        if self.descending {
            hits.reverse();
        }
    }
}

fn is_field(name: &str) -> bool {
    matches!(
        name.to_ascii_lowercase().as_str(),
        "director" | "country" | "section" | "status" | "year"
    )
}

/// Splits on white space, keeping `"quoted phrases"` together.
fn terms(query: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in query.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    terms.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        terms.push(current);
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_filters_parse_and_combine() {
        let q = SubmissionQuery::parse(r#"salt director:"nasim rahbar" year:۲۰۲۴ status:selected"#)
            .unwrap();
        assert!(!q.text.is_empty());
        assert!(q.director.is_some());
        assert_eq!(q.year, Some(2024), "Persian digits fold");
        assert_eq!(q.status, Some(SubmissionStatus::Selected));
        assert!(SubmissionQuery::parse("status:accepted").is_err());
        assert!(SubmissionQuery::parse("year:soon").is_err());
        // An unknown field name is just text.
        assert!(!SubmissionQuery::parse("note:x").unwrap().text.is_empty());
        assert!(!SubmissionQuery::parse("").unwrap().filters());
    }
}
