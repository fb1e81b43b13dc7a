//! The streamed commit (issue 17, review 13): the read model is derived on a thread of its own that
//! writes its pages through the same staged writer while the main thread writes the records and
//! index. When that thread fails half-way (an unreadable page), the slices both threads wrote must
//! be rolled back whole: the store's every key as before, no marker, no journal, and the store
//! still usable.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::desk::{
    Desk, EditionInput, FestivalInput, FilmInput, ImportOptions, IncomingSubmission, Parsed,
};
use jurydesk::store::keys;

type Contents = Vec<(Vec<u8>, Vec<u8>)>;

fn contents(db: &sled::Db) -> Contents {
    db.iter()
        .map(|kv| {
            let (k, v) = kv.expect("read");
            (k.to_vec(), v.to_vec())
        })
        .collect()
}

fn rows(from: u64, count: u64) -> Parsed<IncomingSubmission> {
    Parsed {
        rows: (from..from + count)
            .map(|i| IncomingSubmission {
                line: i + 2,
                external_id: format!("r13-{i}"),
                film: FilmInput {
                    title: format!("Review Film {i}"),
                    year: Some(1950 + (i % 70) as i32),
                    ..FilmInput::default()
                },
                section: "Imported".into(),
                ..IncomingSubmission::default()
            })
            .collect(),
        ..Parsed::default()
    }
}

fn new_desk(dir: &tempfile::TempDir) -> Desk {
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.add_festival(&FestivalInput {
        code: "r".into(),
        name: "Review".into(),
        ..FestivalInput::default()
    })
    .expect("festival");
    desk.add_edition(&EditionInput {
        festival: "r".into(),
        number: 1,
        year: 2025,
        ..EditionInput::default()
    })
    .expect("edition");
    desk
}

fn import(desk: &Desk, parsed: Parsed<IncomingSubmission>) -> jurydesk::desk::Result<()> {
    desk.import_submissions(
        "r-1",
        "csv",
        "rows.csv",
        parsed.into(),
        ImportOptions::default(),
        &mut |_| {},
    )
    .map(|_| ())
}

/// A 3,000-row import (thousands of keys: staged in several slices) whose read model meets an
/// unreadable page near its end, after the main thread has written slices of records and index.
#[test]
fn a_read_model_failure_mid_commit_rolls_back_both_threads_writes() {
    let dir = tempfile::tempdir().unwrap();
    let desk = new_desk(&dir);
    import(&desk, rows(0, 300)).expect("the first import");
    let edition = desk.edition("r-1").expect("edition").id;
    // Submission ids 301..=3300 come next; page 46 holds ids 2944..=3007.
    desk.store()
        .raw()
        .insert(keys::summary_page(edition, 46), b"not a page".as_slice())
        .unwrap();
    desk.store().raw().flush().unwrap();
    let before = contents(desk.store().raw());

    let failed = import(&desk, rows(300, 3000));
    assert!(failed.is_err(), "the unreadable page stops the import");
    let after = contents(desk.store().raw());
    assert_eq!(
        after.len(),
        before.len(),
        "as many keys as before (no marker, no journal, no slice left)"
    );
    assert!(after == before, "every key as it was before the import");

    // Still usable in this process, and on the next open nothing is left to roll back.
    desk.add_edition(&EditionInput {
        festival: "r".into(),
        number: 2,
        year: 2026,
        ..EditionInput::default()
    })
    .expect("a later change");
    drop(desk);
    let desk = Desk::open(&dir.path().join("store")).expect("reopen");
    assert_eq!(desk.store().recovery(), None);
    assert!(desk.store().index_problems().unwrap().is_empty());
}

/// The same import with the page readable commits whole; its undo and the next undo leave the
/// index and read model as a rebuild would make them.
#[test]
fn a_large_import_and_two_undos_leave_index_and_read_model_sound() {
    let dir = tempfile::tempdir().unwrap();
    let desk = new_desk(&dir);
    import(&desk, rows(0, 300)).expect("the first import");
    import(&desk, rows(300, 3000)).expect("the large import");
    let edition = desk.edition("r-1").expect("edition").id;
    let sound = |desk: &Desk, count: usize| {
        let store = desk.store();
        assert_eq!(store.index_problems().unwrap(), Vec::<String>::new());
        assert_eq!(store.read_model_problems().unwrap(), Vec::<String>::new());
        assert_eq!(store.submission_count(edition).unwrap(), count);
    };
    sound(&desk, 3300);
    desk.undo().expect("undo").expect("something undone");
    sound(&desk, 300);
    // An undo is not undone: the next undo reverses the first import.
    desk.undo().expect("second undo").expect("something undone");
    sound(&desk, 0);
}
