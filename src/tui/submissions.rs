//! The submissions pane's list: the edition's submission summaries (their search fields come folded
//! from the store, and are copied end to end into a `SearchIndex` as they arrive), and the rows on
//! view (search hits, in the chosen order). A search keystroke only compares pre-folded strings, and
//! narrows the previous hits when the query only grew.
//!
//! A large edition starts from its first page while a thread reads the rest in chunks. Keys never wait
//! for that thread: moving, paging and searching work on the rows read so far, and each chunk that
//! arrives is filtered by the current search and joins the view (`poll`). Only a new sort order, which
//! needs every row, waits for the rest.

use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::desk::{Desk, DeskError, SearchIndex, SortKey, SubmissionQuery, SubmissionSummary};
use crate::domain::Id;

use super::search_line::{SearchEdit, SearchLine};

/// Rows handed over by the reading thread at a time: small enough that taking one in costs a fraction
/// of a millisecond, large enough that there are not too many of them.
const CHUNK: usize = 1024;

/// How long `poll` may spend taking in rows: keys call it, and a key has 2 ms
/// (BENCHMARKS.md#budgets).
const POLL_BUDGET: Duration = Duration::from_millis(1);

/// The rest of a large edition, arriving from a reading thread.
#[derive(Debug)]
struct Loading {
    chunks: Receiver<Result<Vec<SubmissionSummary>, DeskError>>,
    thread: JoinHandle<()>,
    expected: usize,
}

#[derive(Debug, Default)]
pub struct SubmissionList {
    rows: Vec<SubmissionSummary>,
    /// The search fields of `rows`, end to end (see `SearchIndex`).
    index: SearchIndex,
    loading: Option<Loading>,
    /// The search the view was made with, for the rows that arrive later.
    filter: SubmissionQuery,
    /// Positions in `rows` on view, in order.
    pub view: Vec<usize>,
    /// The search as typed (`/`), and whether keys are going into it.
    pub search: SearchLine,
    /// The search's problem, if it cannot be read (an unknown status, a bad year).
    pub problem: Option<String>,
    pub sort: SortKey,
    pub descending: bool,
    /// The edition's open screening round, when it has one: the pane shows `seen 2/3` and the score.
    pub round: Option<super::screening::OpenRound>,
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
    /// Whether rows read later can simply join the end of the view: the view is in id order, which is
    /// the order they are read in. (Any search can start partial: arriving rows are filtered.)
    pub fn can_start_partial(&self) -> bool {
        self.sort == SortKey::Id && !self.descending
    }

    /// Starts a large edition (`expected` submissions) from its first `first_page` rows while a thread
    /// reads the rest, so that the first frame does not wait for 100,000 of them. Falls back to reading
    /// everything at once when no thread can be started.
    pub fn load_streaming(
        &mut self,
        desk: &Desk,
        edition_id: Id,
        expected: usize,
        first_page: usize,
    ) -> Result<(), DeskError> {
        let first = desk.first_summaries(edition_id, first_page)?;
        let after = first.last().map(SubmissionSummary::id);
        let (sender, chunks) = mpsc::channel();
        let reader = desk.clone();
        let spawned = std::thread::Builder::new()
            .name("edition-rows".into())
            .spawn(move || {
                let read = reader.summaries_in_chunks(edition_id, after, CHUNK, |chunk| {
                    sender.send(Ok(chunk)).is_ok()
                });
                if let Err(e) = read {
                    let _ = sender.send(Err(e));
                }
            });
        match spawned {
            Ok(thread) => {
                self.load(first);
                // Room for every row that will arrive, so that taking rows in never moves the ones
                // held (a copy of 100,000 rows in the middle of a key).
                let more = expected.saturating_sub(self.rows.len());
                self.rows.reserve(more);
                self.view.reserve(more);
                self.index.reserve_like(&self.rows, more);
                self.loading = Some(Loading {
                    chunks,
                    thread,
                    expected,
                });
            }
            Err(_) => self.load(desk.summaries(edition_id)?),
        }
        Ok(())
    }

    /// Whether rows of the edition are still being read.
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Takes in rows read since the last call, for about a millisecond at most; never waits.
    pub fn poll(&mut self) {
        let start = Instant::now();
        while self.loading.is_some() && start.elapsed() < POLL_BUDGET {
            if !self.take_arrived(false) {
                return;
            }
        }
    }

    /// Waits for the whole edition (when it is still being read) and takes it in.
    pub fn finish(&mut self) {
        while self.loading.is_some() {
            self.take_arrived(true);
        }
    }

    /// Takes in the next chunk of rows, or notices the end of the reading; false when nothing has
    /// arrived yet.
    fn take_arrived(&mut self, wait: bool) -> bool {
        let Some(loading) = &self.loading else {
            return false;
        };
        let next = if wait {
            loading
                .chunks
                .recv()
                .map_err(|_| TryRecvError::Disconnected)
        } else {
            loading.chunks.try_recv()
        };
        match next {
            Ok(Ok(chunk)) => self.append(chunk),
            Ok(Err(e)) => {
                self.problem = Some(format!("only some rows could be read: {e}"));
                self.end_loading();
            }
            Err(TryRecvError::Empty) => return false,
            Err(TryRecvError::Disconnected) => self.end_loading(),
        }
        true
    }

    /// Rows that arrived: they come in id order after the ones held, so matching ones join the end of
    /// the view.
    fn append(&mut self, chunk: Vec<SubmissionSummary>) {
        let from = self.rows.len();
        self.index.extend(&chunk);
        self.rows.extend(chunk);
        let hits = self
            .filter
            .matching(&self.index, &self.rows, from..self.rows.len());
        self.view.extend(hits);
    }

    fn end_loading(&mut self) {
        if let Some(loading) = self.loading.take() {
            drop(loading.chunks);
            let _ = loading.thread.join();
        }
    }

    /// Takes an edition's rows; the search and order carry over from the previous edition.
    pub fn load(&mut self, rows: Vec<SubmissionSummary>) {
        self.end_loading();
        self.index = SearchIndex::new(&rows);
        self.rows = rows;
        self.refilter(None);
    }

    /// Rows on view (while a large edition is still being read: of the rows read so far).
    pub fn len(&self) -> usize {
        self.view.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every row of the edition read so far, in id order (call `finish` first to have them all).
    pub fn rows(&self) -> &[SubmissionSummary] {
        &self.rows
    }

    /// The search fields of `rows()`, for a view that searches the same rows (the leaderboard).
    pub fn search_index(&self) -> &SearchIndex {
        &self.index
    }

    /// All rows of the edition (while it is being read: how many there will be).
    pub fn total(&self) -> usize {
        match &self.loading {
            Some(loading) => loading.expected.max(self.rows.len()),
            None => self.rows.len(),
        }
    }

    /// The `i`-th row on view.
    /// Where submission `id` is on view, if it is (the cursor follows a film across a new order).
    pub fn position_of(&self, id: crate::domain::Id) -> Option<usize> {
        self.view
            .iter()
            .position(|&i| self.rows.get(i).is_some_and(|row| row.id() == id))
    }

    pub fn get(&self, i: usize) -> Option<&SubmissionSummary> {
        self.view.get(i).and_then(|&r| self.rows.get(r))
    }

    /// Applies an edit of the search line (see `search_line`) and recomputes the view.
    pub fn edit_search(&mut self, edit: SearchEdit) {
        let previous = self.search.apply(edit);
        if !matches!(edit, SearchEdit::Start | SearchEdit::Done) {
            self.refilter(previous.as_deref());
        }
    }

    /// Types one character into the search.
    pub fn type_char(&mut self, c: char) {
        self.edit_search(SearchEdit::Type(c));
    }

    /// `s`: the next sort column (waits for a large edition's rows: an order needs all of them).
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
        let Some(mut query) = self.search.submission_query(&mut self.problem) else {
            return;
        };
        query.sort = self.sort;
        query.descending = self.descending;
        let grew = previous.is_some_and(|p| {
            let query = &self.search.query;
            !p.contains(':') && !query.contains(':') && query.starts_with(p)
        });
        self.view = if grew {
            query.narrow(&self.index, &self.rows, &self.view)
        } else {
            query.apply_indexed(&self.index, &self.rows)
        };
        self.filter = query;
    }
}

impl Drop for SubmissionList {
    /// The reading thread holds a clone of the store; waiting for it (it stops at its next chunk once
    /// nobody receives) means that once the desk is gone, so is its hold on the store (a later open in
    /// this process is not refused as "in another jurydesk").
    fn drop(&mut self) {
        self.end_loading();
    }
}
