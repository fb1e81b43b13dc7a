//! The edition overview (README.md#the-desk): how the submissions stand, where they come from and when
//! they came. A read model over rows the desk already holds, so opening it costs one pass and no
//! store read.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};

use crate::domain::SubmissionStatus;
use crate::store::SubmissionSummary;

/// How many countries the overview names; the rest are too small to read on a chart.
const TOP_COUNTRIES: usize = 10;

/// Counts for the overview's charts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditionOverview {
    /// Each status that has submissions, in the order of the selection process.
    pub by_status: Vec<(String, u64)>,
    /// Each section, most submissions first; `(no section)` for those without one.
    pub by_section: Vec<(String, u64)>,
    /// The ten countries with most submissions; a co-production counts for each of its countries.
    pub by_country: Vec<(String, u64)>,
    /// Submissions per week, from the week of the first submission date to the week of the last.
    pub per_week: Vec<u64>,
    pub total: usize,
    /// The Monday that starts `per_week[0]`.
    pub first_week: Option<NaiveDate>,
    /// Submissions without a date (not in `per_week`).
    pub undated: u64,
}

/// Counts `rows` (one edition's submissions) for the overview.
pub fn overview(rows: &[SubmissionSummary]) -> EditionOverview {
    let mut statuses: HashMap<SubmissionStatus, u64> = HashMap::new();
    let mut sections: HashMap<&str, u64> = HashMap::new();
    let mut countries: HashMap<&str, u64> = HashMap::new();
    let mut dates: Vec<NaiveDate> = Vec::new();
    for row in rows {
        *statuses.entry(row.status()).or_default() += 1;
        let section = row.section().trim();
        *sections
            .entry(if section.is_empty() {
                "(no section)"
            } else {
                section
            })
            .or_default() += 1;
        for country in row.countries() {
            let country = country.trim();
            if !country.is_empty() {
                *countries.entry(country).or_default() += 1;
            }
        }
        dates.extend(row.submitted());
    }
    let by_status = SubmissionStatus::ALL
        .iter()
        .filter_map(|s| Some((s.as_str().to_string(), *statuses.get(s)?)))
        .collect();
    let mut by_country = most_first(countries);
    by_country.truncate(TOP_COUNTRIES);
    let undated = (rows.len() - dates.len()) as u64;
    let (first_week, per_week) = weekly(&dates);
    EditionOverview {
        by_status,
        by_section: most_first(sections),
        by_country,
        per_week,
        total: rows.len(),
        first_week,
        undated,
    }
}

/// Counts sorted by count, most first, then by name, so equal counts always come in the same order.
fn most_first(counts: HashMap<&str, u64>) -> Vec<(String, u64)> {
    let mut list: Vec<(String, u64)> = counts
        .into_iter()
        .map(|(name, n)| (name.to_string(), n))
        .collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// Dates counted per week (weeks start on Monday, as festival calendars do).
fn weekly(dates: &[NaiveDate]) -> (Option<NaiveDate>, Vec<u64>) {
    let (Some(first), Some(last)) = (dates.iter().min(), dates.iter().max()) else {
        return (None, Vec::new());
    };
    let monday = |d: &NaiveDate| *d - Duration::days(i64::from(d.weekday().num_days_from_monday()));
    let start = monday(first);
    let week_of = |d: &NaiveDate| ((*d - start).num_days() / 7) as usize;
    let mut per_week = vec![0; week_of(last) + 1];
    for date in dates {
        per_week[week_of(date)] += 1;
    }
    (Some(start), per_week)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Film, Submission};

    fn row(
        status: SubmissionStatus,
        section: &str,
        countries: &[&str],
        date: Option<&str>,
    ) -> SubmissionSummary {
        SubmissionSummary::of(
            &Submission {
                id: 1,
                edition_id: 1,
                film_id: 1,
                section: section.into(),
                status,
                original_status: String::new(),
                submitted: date.map(|d| d.parse().expect("a date")),
                external_id: String::new(),
                notes: String::new(),
                history: Vec::new(),
            },
            Some(&Film {
                countries: countries.iter().map(ToString::to_string).collect(),
                ..Film::default()
            }),
        )
    }

    #[test]
    fn an_empty_edition_has_empty_charts() {
        assert_eq!(overview(&[]), EditionOverview::default());
    }

    #[test]
    fn counts_by_status_section_and_country() {
        use SubmissionStatus::*;
        let rows = [
            row(Selected, "International Competition", &["Iran"], None),
            row(
                Received,
                "International Competition",
                &["Iran", "France"],
                None,
            ),
            row(Received, "Eastern Vista", &["Japan"], None),
            row(Received, "", &[], None),
        ];
        let o = overview(&rows);
        assert_eq!(o.total, 4);
        assert_eq!(
            o.by_status,
            [("received".to_string(), 3), ("selected".to_string(), 1)]
        );
        assert_eq!(
            o.by_section,
            [
                ("International Competition".to_string(), 2),
                ("(no section)".to_string(), 1),
                ("Eastern Vista".to_string(), 1),
            ]
        );
        assert_eq!(
            o.by_country,
            [
                ("Iran".to_string(), 2),
                ("France".to_string(), 1),
                ("Japan".to_string(), 1),
            ]
        );
        assert_eq!(o.undated, 4);
        assert!(o.per_week.is_empty() && o.first_week.is_none());
    }

    #[test]
    fn only_the_top_ten_countries_are_named() {
        let names: Vec<String> = (0..15).map(|i| format!("Country {i:02}")).collect();
        let rows: Vec<SubmissionSummary> = names
            .iter()
            .enumerate()
            .flat_map(|(i, name)| {
                (0..=i).map(move |_| row(SubmissionStatus::Received, "", &[name.as_str()], None))
            })
            .collect();
        let o = overview(&rows);
        assert_eq!(o.by_country.len(), 10);
        assert_eq!(o.by_country[0], ("Country 14".to_string(), 15));
        assert_eq!(o.by_country[9], ("Country 05".to_string(), 6));
    }

    #[test]
    fn submissions_are_counted_per_week_from_monday() {
        use SubmissionStatus::Received;
        let rows = [
            row(Received, "", &[], Some("2025-01-01")), // a Wednesday: week of Monday 2024-12-30
            row(Received, "", &[], Some("2025-01-05")), // Sunday, same week
            row(Received, "", &[], Some("2025-01-06")), // Monday, the next week
            row(Received, "", &[], Some("2025-01-27")), // three weeks later
            row(Received, "", &[], None),
        ];
        let o = overview(&rows);
        assert_eq!(o.first_week, "2024-12-30".parse().ok());
        assert_eq!(o.per_week, [2, 1, 0, 0, 1]);
        assert_eq!(o.undated, 1);
        assert_eq!(o.per_week.iter().sum::<u64>() + o.undated, o.total as u64);
    }
}
