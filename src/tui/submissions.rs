//! The submissions pane's list: every row of the edition, the folded search index built once when the
//! edition is loaded, and the rows on view (search hits, in the chosen order). A search keystroke only
//! compares pre-folded strings, and narrows the previous hits when the query only grew.

use std::sync::Arc;
use std::thread::JoinHandle;

use crate::desk::{DeskError, SearchIndex, SortKey, SubmissionQuery, SubmissionRow};

/// The rest of a large edition, read on a thread while the first page is already on screen.
#[derive(Debug)]
struct Rest {
    handle: JoinHandle<Result<Vec<SubmissionRow>, DeskError>>,
    expected: usize,
}

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
    rest: Option<Rest>,
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
    /// Whether the list can start from its first page alone: nothing to filter or reorder yet.
    pub fn can_start_partial(&self) -> bool {
        self.query.is_empty() && self.sort == SortKey::Id && !self.descending
    }

    /// Starts a large edition from its first rows (in id order) while `rest` reads all of them, so the
    /// first frame does not wait for 100,000 records. Anything that needs every row waits for it.
    pub fn load_first(
        &mut self,
        first: Vec<SubmissionRow>,
        expected: usize,
        rest: JoinHandle<Result<Vec<SubmissionRow>, DeskError>>,
    ) {
        self.view = (0..first.len()).collect();
        self.rows = Arc::new(first);
        self.index = Index::None;
        self.rest = Some(Rest {
            handle: rest,
            expected,
        });
    }

    /// Takes the whole edition if its reading thread is done; never waits.
    pub fn poll(&mut self) {
        if self.rest.as_ref().is_some_and(|r| r.handle.is_finished()) {
            self.finish();
        }
    }

    /// Waits for the whole edition (when it is still being read) and takes it.
    pub fn finish(&mut self) {
        let Some(rest) = self.rest.take() else {
            return;
        };
        match rest.handle.join() {
            Ok(Ok(rows)) => self.load(rows),
            Ok(Err(e)) => self.problem = Some(format!("only the first rows could be read: {e}")),
            Err(_) => self.problem = Some("only the first rows could be read".into()),
        }
    }

    /// Takes an edition's rows; the search and order carry over from the previous edition.
    pub fn load(&mut self, rows: Vec<SubmissionRow>) {
        self.rest = None;
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

    /// Rows on view (while a large edition is still being read: all of it, which is what will be).
    pub fn len(&self) -> usize {
        match &self.rest {
            Some(rest) => rest.expected,
            None => self.view.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every row of the edition, in id order (call `finish` first for a large edition).
    pub fn rows(&self) -> &[SubmissionRow] {
        &self.rows
    }

    /// All rows of the edition.
    pub fn total(&self) -> usize {
        match &self.rest {
            Some(rest) => rest.expected,
            None => self.rows.len(),
        }
    }

    /// The `i`-th row on view.
    pub fn get(&self, i: usize) -> Option<&SubmissionRow> {
        self.view.get(i).and_then(|&r| self.rows.get(r))
    }

    pub fn type_char(&mut self, c: char) {
        self.finish();
        let before = self.query.clone();
        self.query.push(c);
        self.refilter(Some(&before));
    }

    pub fn erase(&mut self) {
        self.finish();
        self.query.pop();
        self.refilter(None);
    }

    pub fn clear(&mut self) {
        self.finish();
        self.query.clear();
        self.typing = false;
        self.refilter(None);
    }

    /// `s`: the next sort column.
    pub fn next_sort(&mut self) {
        self.finish();
        let at = SORTS.iter().position(|&k| k == self.sort).unwrap_or(0);
        self.sort = SORTS[(at + 1) % SORTS.len()];
        self.refilter(None);
    }

    /// `S`: the other direction.
    pub fn reverse(&mut self) {
        self.finish();
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

impl Drop for SubmissionList {
    /// The reading thread holds a clone of the store; waiting for it means that once the desk is gone,
    /// so is its hold on the store (a later open in this process is not refused as "in another
    /// jurydesk").
    fn drop(&mut self) {
        if let Some(rest) = self.rest.take() {
            let _ = rest.handle.join();
        }
    }
}
