//! A file's rows read on a thread of their own, a little ahead of the import that checks and stages
//! them.
//!
//! Why: reading the rows (parsing the CSV, cleaning every cell, mapping the columns) is about a third
//! of an import's checking and staging, and that was one thread's work while the machine's other
//! core waited for the commit (BENCHMARKS.md, "Eighth session"). What the import sees is unchanged:
//! each row comes with what reading it found on the way (the problems of the rows passed over, the
//! warnings of the cells cleaned), in the file's order, and with how many rows were still to come.
//!
//! A few hundred rows at most are read and not yet checked (`BATCHES_AHEAD` batches in the channel,
//! one waiting to be handed over, one being checked: 384), and the reader lets the file's
//! bytes go as soon as it has read the last row. An import that stops early (a failed write) stops
//! the reader at its next batch; a reader that panics is resumed in the import's thread before
//! `reading_ahead` returns, so no import can take a reader's end for the file's.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Mutex, PoisonError};

use super::import_report::{Found, RowSource};

/// Rows handed over at once: the two threads meet once per batch, not once per row.
const BATCH: usize = 64;

/// Batches the channel holds (a sixth may wait in the reader's hands).
const BATCHES_AHEAD: usize = 4;

/// A row as the reader took it: the row (`None` after the last), what reading it found, and at most
/// how many rows were still to come after it.
struct Read<T> {
    row: Option<T>,
    found: Found,
    left: usize,
}

/// Runs `use_rows` over the rows of `rows`, which are read meanwhile on a thread of their own.
/// Returns once the reader has ended, so the rows (and the file's bytes they keep) are gone by then.
pub(super) fn reading_ahead<T: Send, R>(
    rows: Box<dyn RowSource<T> + Send + '_>,
    use_rows: impl FnOnce(&mut dyn RowSource<T>) -> R,
) -> R {
    let left = rows.expected();
    // The rows wait here for the reader to take them: if no thread can be had, they are still here,
    // and the import reads them itself.
    let waiting = Mutex::new(Some(rows));
    let waiting = &waiting;
    std::thread::scope(|scope| {
        let (sender, receiver) = sync_channel(BATCHES_AHEAD);
        let reader = std::thread::Builder::new()
            .name("jurydesk-rows".into())
            // The sender moves in: a reader that ends, however it ends, lets the import know.
            .spawn_scoped(scope, move || {
                let rows = waiting
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                if let Some(rows) = rows {
                    read(rows, &sender);
                }
            });
        let Ok(reader) = reader else {
            let rows = waiting
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            return match rows {
                Some(mut rows) => use_rows(&mut *rows),
                None => use_rows(&mut Ahead::<T>::ended()),
            };
        };
        let mut ahead = Ahead {
            receiver: Some(receiver),
            batch: Vec::new().into_iter(),
            left,
        };
        let used = use_rows(&mut ahead);
        // The import's end (all read, or stopped early): a reader still waiting to hand over a batch
        // finds no one there and stops.
        drop(ahead);
        if let Err(panicked) = reader.join() {
            std::panic::resume_unwind(panicked);
        }
        used
    })
}

/// The reader's side: batches of rows until the last, or until the import stops taking them.
fn read<T>(mut rows: Box<dyn RowSource<T> + Send + '_>, sender: &SyncSender<Vec<Read<T>>>) {
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        let mut ended = false;
        while batch.len() < BATCH && !ended {
            let mut found = Found::default();
            let row = rows.next_row(&mut found);
            ended = row.is_none();
            batch.push(Read {
                row,
                found,
                left: rows.expected(),
            });
        }
        if sender.send(batch).is_err() || ended {
            return;
        }
    }
}

/// The import's side: the rows as the reader handed them over.
struct Ahead<T> {
    /// `None` once the last row has been met (a reader gone before it leaves this `Some`, and its
    /// end reads as no more rows: `reading_ahead` then resumes its panic).
    receiver: Option<Receiver<Vec<Read<T>>>>,
    batch: std::vec::IntoIter<Read<T>>,
    left: usize,
}

impl<T> Ahead<T> {
    /// No rows (never met: a failed spawn leaves the rows where they were).
    fn ended() -> Self {
        Ahead {
            receiver: None,
            batch: Vec::new().into_iter(),
            left: 0,
        }
    }
}

impl<T> RowSource<T> for Ahead<T> {
    fn next_row(&mut self, found: &mut Found) -> Option<T> {
        loop {
            if let Some(read) = self.batch.next() {
                found.problems.extend(read.found.problems);
                found.warnings.extend(read.found.warnings);
                self.left = read.left;
                if read.row.is_none() {
                    self.receiver = None;
                }
                return read.row;
            }
            // A reader gone without its last row has panicked: `reading_ahead` resumes the panic once
            // the import returns, so the rows it had are never taken for the whole file.
            self.batch = self.receiver.as_ref()?.recv().ok()?.into_iter();
        }
    }

    fn expected(&self) -> usize {
        self.left
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::Problem;

    /// Rows 1..=n, with a problem read on the way to every fifth and a warning with every third.
    struct Numbered {
        next: u64,
        last: u64,
    }

    impl RowSource<u64> for Numbered {
        fn next_row(&mut self, found: &mut Found) -> Option<u64> {
            while self.next <= self.last {
                let line = self.next;
                self.next += 1;
                if line.is_multiple_of(5) {
                    found
                        .problems
                        .push(Problem::new(line, format!("bad {line}")));
                    continue;
                }
                if line.is_multiple_of(3) {
                    found
                        .warnings
                        .push(Problem::new(line, format!("odd {line}")));
                }
                return Some(line);
            }
            None
        }

        fn expected(&self) -> usize {
            usize::try_from(self.last + 1 - self.next).unwrap_or(usize::MAX)
        }
    }

    /// Each row, what had been found when it came, and how many were said to be left after it.
    type Seen = Vec<(u64, usize, usize, usize)>;

    fn take_all(rows: &mut dyn RowSource<u64>, found: &mut Found) -> (Seen, usize) {
        let mut seen = Vec::new();
        while let Some(row) = rows.next_row(found) {
            seen.push((
                row,
                found.problems.len(),
                found.warnings.len(),
                rows.expected(),
            ));
        }
        (seen, rows.expected())
    }

    #[test]
    fn rows_read_ahead_come_as_rows_read_in_place_with_what_was_found_on_the_way() {
        for last in [0, 1, 4, 5, 63, 64, 65, 1000] {
            let mut alone = Found::default();
            let expected = take_all(&mut Numbered { next: 1, last }, &mut alone);
            let mut ahead = Found::default();
            let seen = reading_ahead(Box::new(Numbered { next: 1, last }), |rows| {
                assert_eq!(rows.expected(), usize::try_from(last).unwrap());
                take_all(rows, &mut ahead)
            });
            assert_eq!(seen, expected, "{last}");
            assert_eq!(ahead, alone, "{last}");
        }
    }

    /// Rows 1..=last, counting how many were read.
    struct Counted {
        rows: Numbered,
        read: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }

    impl RowSource<u64> for Counted {
        fn next_row(&mut self, found: &mut Found) -> Option<u64> {
            self.read.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            self.rows.next_row(found)
        }

        fn expected(&self) -> usize {
            self.rows.expected()
        }
    }

    #[test]
    fn an_import_that_stops_early_stops_the_reader() {
        let read = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let source = Counted {
            rows: Numbered {
                next: 1,
                last: 100_000,
            },
            read: std::sync::Arc::clone(&read),
        };
        let taken = reading_ahead(Box::new(source), |rows| {
            let mut found = Found::default();
            (0..10).filter_map(|_| rows.next_row(&mut found)).count()
        });
        assert_eq!(taken, 10);
        // The reader stopped at the batch it could not hand over: a few batches, not the file.
        let read = read.load(std::sync::atomic::Ordering::SeqCst);
        assert!(read <= (BATCHES_AHEAD + 2) * BATCH, "{read} rows read");
    }

    struct Panicking;

    impl RowSource<u64> for Panicking {
        fn next_row(&mut self, _: &mut Found) -> Option<u64> {
            panic!("the reader broke");
        }

        fn expected(&self) -> usize {
            1
        }
    }

    #[test]
    fn a_reader_that_panics_is_not_taken_for_the_files_end() {
        let outcome = std::panic::catch_unwind(|| {
            reading_ahead(Box::new(Panicking), |rows| {
                rows.next_row(&mut Found::default()).is_none()
            })
        });
        assert!(outcome.is_err(), "the reader's panic reaches the import");
    }
}
