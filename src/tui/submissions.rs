//! The submissions pane's list: every row of the edition, the folded search index built once when the
//! edition is loaded, and the rows on view (search hits, in the chosen order). A search keystroke only
//! compares pre-folded strings, and narrows the previous hits when the query only grew.

use std::sync::Arc;
use std::thread::JoinHandle;

use crate::desk::{SearchIndex, SortKey, SubmissionQuery, SubmissionRow};

/// The search index of the loaded edition: folding 100,000 rows takes longer than the first frame may,
/// so it is built on a thread when the edition loads, and the first search waits for it only if it
/// comes sooner than that.
#[derive(Debug, Default)]
enum Index {
    #[default]
    None,
    Building(JoinHandle<SearchIndex>),
    Ready(SearchIndex),
}

#[derive(Debug, Default)]
pub struct SubmissionList {
    rows: Arc<Vec<SubmissionRow>>,
    index: Index,
    /// Positions in `rows` on view, in order.
    pub view: Vec<usize>,
    /// The search as typed (`/`), and whether keys are going into it.
    pub query: String,
    pub typing: bool,
    /// The search's problem, if it cannot be read (an unknown status, a bad year).
    pub problem: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
}

/// The order `s` cycles through.
const SORTS: [SortKey; 8] = [
    SortKey::Id,
    SortKey::Title,
    SortKey::Director,
    SortKey::Country,
    SortKey::Year,
    SortKey::Section,
    SortKey::Status,
    SortKey::Submitted,
];

impl SubmissionList {
    /// Takes an edition's rows; the search and order carry over from the previous edition.
    pub fn load(&mut self, rows: Vec<SubmissionRow>) {
        self.rows = Arc::new(rows);
        let shared = Arc::clone(&self.rows);
        self.index = match std::thread::Builder::new()
            .name("search-index".into())
            .spawn(move || SearchIndex::new(&shared))
        {
            Ok(handle) => Index::Building(handle),
            // No thread to spare: the first search builds it.
            Err(_) => Index::None,
        };
        self.refilter(None);
    }

    /// Rows on view.
    pub fn len(&self) -> usize {
        self.view.len()
    }

    pub fn is_empty(&self) -> bool {
        self.view.is_empty()
    }

    /// Every row of the edition, in id order.
    pub fn rows(&self) -> &[SubmissionRow] {
        &self.rows
    }

    /// All rows of the edition.
    pub fn total(&self) -> usize {
        self.rows.len()
    }

    /// The `i`-th row on view.
    pub fn get(&self, i: usize) -> Option<&SubmissionRow> {
        self.view.get(i).and_then(|&r| self.rows.get(r))
    }

    pub fn type_char(&mut self, c: char) {
        let before = self.query.clone();
        self.query.push(c);
        self.refilter(Some(&before));
    }

    pub fn erase(&mut self) {
        self.query.pop();
        self.refilter(None);
    }

    pub fn clear(&mut self) {
        self.query.clear();
        self.typing = false;
        self.refilter(None);
    }

    /// `s`: the next sort column.
    pub fn next_sort(&mut self) {
        let at = SORTS.iter().position(|&k| k == self.sort).unwrap_or(0);
        self.sort = SORTS[(at + 1) % SORTS.len()];
        self.refilter(None);
    }

    /// `S`: the other direction.
    pub fn reverse(&mut self) {
        self.descending = !self.descending;
        self.refilter(None);
    }

    /// Recomputes the view. When the query only grew from `previous` (typing, no field change), the old
    /// hits are narrowed instead of searching every row again.
    fn refilter(&mut self, previous: Option<&str>) {
        let mut query = match SubmissionQuery::parse(&self.query) {
            Ok(q) => {
                self.problem = None;
                q
            }
            Err(problem) => {
                // Keep the last good view while the query is being typed.
                self.problem = Some(problem);
                return;
            }
        };
        query.sort = self.sort;
        query.descending = self.descending;
        let grew = previous.is_some_and(|p| {
            !p.contains(':') && !self.query.contains(':') && self.query.starts_with(p)
        });
        if query.filters() {
            self.index = match std::mem::take(&mut self.index) {
                Index::Ready(index) => Index::Ready(index),
                Index::Building(handle) => match handle.join() {
                    Ok(index) => Index::Ready(index),
                    Err(_) => Index::Ready(SearchIndex::new(&self.rows)),
                },
                Index::None => Index::Ready(SearchIndex::new(&self.rows)),
            };
        }
        self.view = match &self.index {
            Index::Ready(index) if grew => query.narrow(index, &self.rows, &self.view),
            Index::Ready(index) if query.filters() => query.apply_indexed(index, &self.rows),
            _ => {
                let mut all: Vec<usize> = (0..self.rows.len()).collect();
                query.sort(&self.rows, &mut all);
                all
            }
        };
    }
}
