//! Finding and ordering submissions: the one matcher and the one set of sort keys that both the desk's
//! search and `list --query/--sort` use.

use chrono::Datelike;
use std::ops::Range;
use std::str::FromStr;

use crate::domain::SubmissionStatus;
use crate::store::{Collated, SubmissionSummary, SummaryRef};
use crate::text::Matcher;

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

    /// The column whose collation key (kept in the read model) this sorts by, for the text columns.
    pub fn collated(self) -> Option<Collated> {
        match self {
            SortKey::Title => Some(Collated::Title),
            SortKey::Director => Some(Collated::Director),
            SortKey::Country => Some(Collated::Country),
            SortKey::Section => Some(Collated::Section),
            _ => None,
        }
    }

    /// A row's value under a numeric column (missing values sort first); 0 for the text columns.
    pub fn number(self, row: &SubmissionSummary) -> i64 {
        match self {
            SortKey::Id => row.id() as i64,
            SortKey::Year => row.year().map_or(i64::MIN, i64::from),
            SortKey::Runtime => row.runtime_minutes().map_or(i64::MIN, i64::from),
            SortKey::Status => row.status() as i64,
            SortKey::Submitted => row
                .submitted()
                .map_or(i64::MIN, |d| i64::from(d.num_days_from_ce())),
            SortKey::Title | SortKey::Director | SortKey::Country | SortKey::Section => 0,
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
                format!(
                    "cannot sort by '{s}'{}: use one of {}",
                    crate::text::suggest::did_you_mean(s, names.iter().copied()),
                    names.join(", ")
                )
            })
    }
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

/// Where a row's prepared search fields are (see `SubmissionSummary::search_text` and its siblings):
/// in the row itself, or in a `SearchIndex`. A field is only looked up when a filter needs it.
trait SearchFields {
    fn text(&self) -> &str;
    fn directors(&self) -> &str;
    fn countries(&self) -> &str;
    fn section(&self) -> &str;
}

/// A summary, owned or looked at in its stored page, gives its own search fields.
macro_rules! search_fields_of_a_summary {
    ($($row:ty),+) => {$(
        impl SearchFields for $row {
            fn text(&self) -> &str {
                self.search_text()
            }
            fn directors(&self) -> &str {
                self.search_directors()
            }
            fn countries(&self) -> &str {
                self.search_countries()
            }
            fn section(&self) -> &str {
                self.search_section()
            }
        }
    )+};
}

search_fields_of_a_summary!(SubmissionSummary, SummaryRef<'_>);

/// The search fields of many rows laid end to end, so that a search keystroke over 100,000 rows reads
/// memory in order instead of visiting 100,000 separate allocations (several times faster: rows read
/// on a thread lie scattered among the store's own allocations). The free text, which nearly every
/// search reads, has a string of its own; the fields of `director:`, `country:` and `section:` share
/// another. It is a copy of fields the summaries hold already folded, made as rows are loaded: nothing
/// is folded here.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchIndex {
    text: String,
    /// Where each row's free text ends in `text`.
    text_ends: Vec<usize>,
    fields: String,
    /// Where each row's directors, countries and section end in `fields`.
    field_ends: Vec<[usize; 3]>,
}

/// One row of a `SearchIndex`.
struct IndexedRow<'a> {
    index: &'a SearchIndex,
    row: usize,
}

impl SearchIndex {
    pub fn new(rows: &[SubmissionSummary]) -> SearchIndex {
        let mut index = SearchIndex::default();
        index.extend(rows);
        index
    }

    /// Makes room for `more` rows like `sample` (their average size), so that adding them later does
    /// not move what is indexed already.
    pub fn reserve_like(&mut self, sample: &[SubmissionSummary], more: usize) {
        let average = |field: fn(&SubmissionSummary) -> usize| {
            sample.iter().map(field).sum::<usize>() / sample.len().max(1)
        };
        let text = average(|row| row.search_text().len());
        let fields = average(|row| {
            row.search_directors().len() + row.search_countries().len() + row.search_section().len()
        });
        // A little over the average, so that an edition a bit wordier than its first page still fits.
        self.text.reserve((text + text / 4) * more);
        self.fields.reserve((fields + fields / 4) * more);
        self.text_ends.reserve(more);
        self.field_ends.reserve(more);
    }

    /// Adds rows after the ones indexed already.
    pub fn extend(&mut self, rows: &[SubmissionSummary]) {
        self.text_ends.reserve(rows.len());
        self.field_ends.reserve(rows.len());
        for row in rows {
            self.text.push_str(row.search_text());
            self.text_ends.push(self.text.len());
            let mut ends = [0; 3];
            for (end, field) in ends.iter_mut().zip([
                row.search_directors(),
                row.search_countries(),
                row.search_section(),
            ]) {
                self.fields.push_str(field);
                *end = self.fields.len();
            }
            self.field_ends.push(ends);
        }
    }

    pub fn len(&self) -> usize {
        self.text_ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.text_ends.is_empty()
    }

    fn row(&self, row: usize) -> IndexedRow<'_> {
        IndexedRow { index: self, row }
    }
}

impl IndexedRow<'_> {
    fn field(&self, at: usize) -> &str {
        let ends = &self.index.field_ends;
        let start = match (at, self.row.checked_sub(1)) {
            (0, Some(previous)) => ends[previous][2],
            (0, None) => 0,
            (at, _) => ends[self.row][at - 1],
        };
        &self.index.fields[start..ends[self.row][at]]
    }
}

impl SearchFields for IndexedRow<'_> {
    fn text(&self) -> &str {
        let ends = &self.index.text_ends;
        let start = self.row.checked_sub(1).map_or(0, |previous| ends[previous]);
        &self.index.text[start..ends[self.row]]
    }
    fn directors(&self) -> &str {
        self.field(0)
    }
    fn countries(&self) -> &str {
        self.field(1)
    }
    fn section(&self) -> &str {
        self.field(2)
    }
}

/// A search that names a field with a value the field cannot hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// `status:` with a word that is no status (the domain's message lists the statuses), or the
    /// beginning of several.
    #[error(transparent)]
    Status(#[from] crate::domain::StatusPrefixError),
    #[error("year:{0} is not a year (e.g. year:2025)")]
    Year(String),
}

impl SubmissionQuery {
    /// Reads the search syntax (see the type's documentation). An unknown field or a bad value is an
    /// error that says what is accepted.
    pub fn parse(query: &str) -> Result<SubmissionQuery, QueryError> {
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
                    parsed.status = Some(SubmissionStatus::from_prefix(value)?);
                }
                "year" => {
                    parsed.year = Some(
                        crate::text::digits::parse_number(value)
                            .map_err(|_| QueryError::Year(value.to_string()))?,
                    );
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
        self.keeps_with(row.status(), row.year(), row)
    }

    /// `keeps` for a summary looked at in its stored page (a one-off search over a whole edition).
    pub fn keeps_stored(&self, row: &SummaryRef<'_>) -> bool {
        self.keeps_with(row.status(), row.year(), row)
    }

    /// Whether row `i` of `rows` passes every filter, its search fields read from `index`: for a view
    /// that lists some of the same rows in its own order (the screening leaderboard).
    pub fn keeps_at(&self, index: &SearchIndex, rows: &[SubmissionSummary], i: usize) -> bool {
        i < rows.len() && i < index.len() && self.indexed_keeps(index, rows, i)
    }

    /// `keeps` for row `i` of `rows`, its search fields read from `index`.
    fn indexed_keeps(&self, index: &SearchIndex, rows: &[SubmissionSummary], i: usize) -> bool {
        self.keeps_with(rows[i].status(), rows[i].year(), &index.row(i))
    }

    /// Whether a row of this status and year, whose search fields are `fields` (the row, its stored
    /// page, or a `SearchIndex`), passes every filter.
    fn keeps_with(
        &self,
        status: SubmissionStatus,
        year: Option<i32>,
        fields: &impl SearchFields,
    ) -> bool {
        self.status.is_none_or(|s| status == s)
            && self.year.is_none_or(|y| year == Some(y))
            && field_keeps(self.director.as_ref(), || fields.directors())
            && field_keeps(self.country.as_ref(), || fields.countries())
            && field_keeps(self.section.as_ref(), || fields.section())
            && (self.text.is_empty() || self.text.matches_prepared(fields.text()))
    }

    /// The positions in `rows` that match, in the requested order: a one-off search (the command
    /// line), straight over the rows.
    pub fn apply(&self, rows: &[SubmissionSummary]) -> Vec<usize> {
        let mut hits: Vec<usize> = if self.filters() {
            (0..rows.len()).filter(|&i| self.keeps(&rows[i])).collect()
        } else {
            (0..rows.len()).collect()
        };
        self.sort(rows, &mut hits);
        hits
    }

    /// Like `apply`, over the search index of these rows (the desk, which searches on every keystroke).
    pub fn apply_indexed(&self, index: &SearchIndex, rows: &[SubmissionSummary]) -> Vec<usize> {
        let mut hits = self.matching(index, rows, 0..rows.len());
        self.sort(rows, &mut hits);
        hits
    }

    /// The positions in `range` of `rows` that match, in position order (not sorted): for rows that
    /// arrive after the first ones were filtered.
    pub fn matching(
        &self,
        index: &SearchIndex,
        rows: &[SubmissionSummary],
        range: Range<usize>,
    ) -> Vec<usize> {
        let end = range.end.min(rows.len()).min(index.len());
        let range = range.start.min(end)..end;
        if self.filters() {
            range
                .filter(|&i| self.indexed_keeps(index, rows, i))
                .collect()
        } else {
            range.collect()
        }
    }

    /// Narrows earlier hits (typing one more letter only removes rows) without re-sorting them.
    pub fn narrow(
        &self,
        index: &SearchIndex,
        rows: &[SubmissionSummary],
        hits: &[usize],
    ) -> Vec<usize> {
        hits.iter()
            .copied()
            .filter(|&i| i < rows.len() && i < index.len())
            .filter(|&i| self.indexed_keeps(index, rows, i))
            .collect()
    }

    /// Orders positions in `rows` by the sort column. Text columns compare the collation keys the
    /// read model keeps (the order of docs/text.md#collation: numbers by value, Persian in Persian
    /// order), so no row is folded or collated while sorting; the sort is stable, so equal keys
    /// keep id order.
    pub fn sort(&self, rows: &[SubmissionSummary], hits: &mut [usize]) {
        if self.sort == SortKey::Id {
            hits.sort_unstable_by_key(|&i| rows[i].id());
        } else if let Some(column) = self.sort.collated() {
            sort_collated(rows, hits, column);
        } else {
            hits.sort_by_key(|&i| self.sort.number(&rows[i]));
        }
        if self.descending {
            hits.reverse();
        }
    }
}

/// Orders `hits` by the rows' collation keys of `column`. Each key's first 16 bytes are copied
/// beside its position first, so almost every comparison is of two numbers side by side in memory;
/// only rows whose keys share those bytes compare the whole keys (which live with each row, far
/// apart: at 100,000 rows, reaching them for every comparison is most of the cost).
fn sort_collated(rows: &[SubmissionSummary], hits: &mut [usize], column: Collated) {
    let prefix = |i: usize| {
        let key = rows[i].sort_key(column);
        let mut bytes = [0u8; 16];
        let n = key.len().min(16);
        bytes[..n].copy_from_slice(&key[..n]);
        u128::from_be_bytes(bytes)
    };
    let mut keyed: Vec<(u128, usize)> = hits.iter().map(|&i| (prefix(i), i)).collect();
    // Stable, so equal keys keep the order they came in (id order).
    keyed.sort_by(|(pa, a), (pb, b)| {
        pa.cmp(pb)
            .then_with(|| rows[*a].sort_key(column).cmp(rows[*b].sort_key(column)))
    });
    for (hit, (_, i)) in hits.iter_mut().zip(keyed) {
        *hit = i;
    }
}

/// Whether a field filter, if set, matches the field (looked up only then).
fn field_keeps<'a>(filter: Option<&Matcher>, prepared: impl FnOnce() -> &'a str) -> bool {
    filter.is_none_or(|m| m.matches_prepared(prepared()))
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
mod tests;
