//! The submission summaries (the lists' read model) stay exactly what the records say, whatever writes
//! them: random adds, edits, status changes, deletes, imports that link one film into several editions,
//! and undos, then a backup restored into a new store. After each run the stored summaries must equal
//! summaries derived afresh from the records, and `check` must agree.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::desk::{
    Desk, DeskError, EditionInput, FestivalInput, FilmInput, ImportOptions, IncomingSubmission,
    Parsed, SubmissionInput, SubmissionSummary,
};
use jurydesk::domain::{Id, Submission, SubmissionStatus};
use proptest::prelude::*;

const EDITIONS: [&str; 3] = ["prop-1", "prop-2", "prop-3"];
/// Few titles and names, so that imports often meet a film already in the store and link it.
const TITLES: [&str; 5] = ["Night", "Café Noir", "بچه‌های آسمان", "紙灯籠", "Salt"];
const NAMES: [&str; 4] = ["Élodie Morel", "رضا تابش", "Aiko Tanaka", "Omar Haddad"];
const COUNTRIES: [&str; 3] = ["France", "Iran", "Japan"];
const SECTIONS: [&str; 3] = ["Shorts", "Competition", ""];

#[derive(Debug, Clone)]
enum Op {
    Add {
        edition: usize,
        title: usize,
        director: usize,
        country: usize,
        section: usize,
    },
    /// An import of rows without outside ids: a row whose film (title, director, year) is already in
    /// the store is entered as that film, so one film ends up in several editions. A row may number
    /// its title, so that imports are large enough for an edition's summaries to span several pages.
    Import {
        edition: usize,
        rows: Vec<(usize, usize, Option<u8>)>,
    },
    Edit {
        which: usize,
        title: usize,
        cast: usize,
        country: usize,
        section: usize,
    },
    Status {
        which: usize,
        status: usize,
    },
    Delete {
        which: usize,
    },
    Undo,
}

fn add() -> impl Strategy<Value = Op> {
    (0..3usize, 0..5usize, 0..4usize, 0..3usize, 0..3usize).prop_map(
        |(edition, title, director, country, section)| Op::Add {
            edition,
            title,
            director,
            country,
            section,
        },
    )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        add(),
        (
            0..3usize,
            prop::collection::vec((0..5usize, 0..4usize, prop::option::of(0..90u8)), 1..48)
        )
            .prop_map(|(edition, rows)| Op::Import { edition, rows }),
        (any::<usize>(), 0..5usize, 0..4usize, 0..3usize, 0..3usize).prop_map(
            |(which, title, cast, country, section)| Op::Edit {
                which,
                title,
                cast,
                country,
                section
            }
        ),
        (any::<usize>(), 0..8usize).prop_map(|(which, status)| Op::Status { which, status }),
        any::<usize>().prop_map(|which| Op::Delete { which }),
        Just(Op::Undo),
        Just(Op::Undo),
    ]
}

fn film(title: usize, director: usize) -> FilmInput {
    FilmInput {
        title: TITLES[title].into(),
        directors: vec![NAMES[director].into()],
        year: Some(2024),
        ..FilmInput::default()
    }
}

fn new_desk(dir: &tempfile::TempDir) -> Desk {
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.add_festival(&FestivalInput {
        code: "prop".into(),
        name: "Property Festival".into(),
        ..FestivalInput::default()
    })
    .expect("festival");
    for number in 1..=3 {
        desk.add_edition(&EditionInput {
            festival: "prop".into(),
            number,
            year: 2022 + number as i32,
            ..EditionInput::default()
        })
        .expect("edition");
    }
    desk
}

fn submissions(desk: &Desk) -> Vec<Submission> {
    desk.store().all::<Submission>().expect("submissions")
}

fn pick(desk: &Desk, which: usize) -> Option<Submission> {
    let all = submissions(desk);
    (!all.is_empty()).then(|| all[which % all.len()].clone())
}

/// What became of one operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// It changed the store (and so the audit log).
    Applied,
    /// An edit or a status change to what the record already says: accepted, nothing to write.
    Unchanged,
    /// A rule refused it (undo of something changed since, an illegal move, a delete that would take
    /// a nomination with it, a film already in the edition…) or there was nothing to do: part of the
    /// game, but it must leave no trace.
    Refused,
}

/// Runs one operation and says what became of it. A refusal must leave the store as it was and an
/// applied change must reach the log; an error from the store itself (I/O, decoding) fails the test,
/// so a write path that breaks cannot hide behind "refused".
fn apply(desk: &Desk, op: &Op) -> Fate {
    let before = desk.store().log_head().expect("the log head");
    let fate = run(desk, op);
    let after = desk.store().log_head().expect("the log head");
    match fate {
        Fate::Applied if before == after => {
            assert!(
                matches!(op, Op::Edit { .. } | Op::Status { .. }),
                "{op:?} was accepted but wrote no log entry"
            );
            Fate::Unchanged
        }
        Fate::Refused => {
            assert_eq!(before, after, "{op:?} was refused but wrote to the log");
            fate
        }
        _ => fate,
    }
}

/// Maps a desk result to its fate: refusals by a rule are expected, a store failure is not.
fn fate<T>(op: &Op, result: Result<T, DeskError>) -> Fate {
    match result {
        Ok(_) => Fate::Applied,
        Err(DeskError::Store(e)) => panic!("{op:?} failed in the store: {e}"),
        Err(_) => Fate::Refused,
    }
}

fn run(desk: &Desk, op: &Op) -> Fate {
    match op {
        Op::Add {
            edition,
            title,
            director,
            country,
            section,
        } => {
            let mut input = SubmissionInput {
                edition: EDITIONS[*edition].into(),
                film: film(*title, *director),
                section: SECTIONS[*section].into(),
                ..SubmissionInput::default()
            };
            input.film.countries = vec![COUNTRIES[*country].into()];
            fate(op, desk.add_submission(&input))
        }
        Op::Import { edition, rows } => {
            let parsed = Parsed {
                rows: rows
                    .iter()
                    .enumerate()
                    .map(|(i, &(title, director, number))| IncomingSubmission {
                        line: i as u64 + 2,
                        film: FilmInput {
                            title: match number {
                                Some(n) => format!("{} {n}", TITLES[title]),
                                None => TITLES[title].into(),
                            },
                            ..film(title, director)
                        },
                        section: "Imported".into(),
                        ..IncomingSubmission::default()
                    })
                    .collect(),
                ..Parsed::default()
            };
            let result = desk.import_submissions(
                EDITIONS[*edition],
                "csv",
                "rows.csv",
                parsed.into(),
                // Rows that are the same film twice are left out, the rest imported.
                ImportOptions {
                    skip_bad: true,
                    ..ImportOptions::default()
                },
                &mut |_| {},
            );
            match result {
                // Every row left out (each the same film twice, or already in the edition): no change.
                Ok(report) if report.log_seq.is_none() => Fate::Refused,
                other => fate(op, other),
            }
        }
        Op::Edit {
            which,
            title,
            cast,
            country,
            section,
        } => {
            let Some(submission) = pick(desk, *which) else {
                return Fate::Refused;
            };
            let film = desk.film(submission.film_id).expect("film");
            let edition = desk
                .editions()
                .expect("editions")
                .into_iter()
                .find(|v| v.edition.id == submission.edition_id)
                .expect("its edition");
            let input = SubmissionInput {
                edition: edition.edition.code,
                film: FilmInput {
                    title: TITLES[*title].into(),
                    directors: film.directors.clone(),
                    cast: vec![NAMES[*cast].into()],
                    countries: vec![COUNTRIES[*country].into()],
                    year: film.year,
                    ..FilmInput::default()
                },
                section: SECTIONS[*section].into(),
                ..SubmissionInput::default()
            };
            fate(op, desk.edit_submission(submission.id, &input))
        }
        Op::Status { which, status } => match pick(desk, *which) {
            Some(submission) => {
                let to = SubmissionStatus::ALL[*status];
                fate(op, desk.set_status(submission.id, to, "", true))
            }
            None => Fate::Refused,
        },
        Op::Delete { which } => match pick(desk, *which) {
            Some(submission) => fate(op, desk.delete_submission(submission.id)),
            None => Fate::Refused,
        },
        Op::Undo => match desk.undo() {
            Ok(None) => Fate::Refused,
            other => fate(op, other),
        },
    }
}

/// Each edition's stored summaries next to the ones its records give today.
fn stored_and_derived(desk: &Desk) -> Vec<(Id, Vec<SubmissionSummary>, Vec<SubmissionSummary>)> {
    desk.editions()
        .expect("editions")
        .into_iter()
        .map(|view| {
            let id = view.edition.id;
            let stored = desk.summaries(id).expect("summaries");
            let derived = desk
                .submission_rows(id)
                .expect("rows")
                .iter()
                .map(|row| SubmissionSummary::of(&row.submission, Some(&row.film)))
                .collect();
            (id, stored, derived)
        })
        .collect()
}

fn assert_exact(desk: &Desk, ops: &[Op]) {
    for (edition, stored, derived) in stored_and_derived(desk) {
        assert_eq!(stored, derived, "edition {edition} after {ops:#?}");
        let count = desk.store().submission_count(edition).expect("count");
        assert_eq!(count, derived.len(), "edition {edition} after {ops:#?}");
    }
    let report = desk.check().expect("check");
    assert!(report.is_ok(), "{:?} after {ops:#?}", report.problems);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn summaries_equal_a_rebuild_after_random_writes_and_undos(
        first in add(),
        rest in prop::collection::vec(op(), 0..27)
    ) {
        let ops: Vec<Op> = std::iter::once(first).chain(rest).collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let desk = new_desk(&dir);
        // The first operation adds a film to an empty edition: nothing may refuse it, so every case
        // has something to summarise.
        prop_assert_eq!(apply(&desk, &ops[0]), Fate::Applied);
        for op in &ops[1..] {
            apply(&desk, op);
        }
        assert_exact(&desk, &ops);

        // Undo everything still undoable: back to three empty editions, with no summary left over.
        while let Ok(Some(_)) = desk.undo() {}
        assert_exact(&desk, &ops);

        // Replay, then restore a backup into a new store: the restore derives the same summaries.
        for op in &ops {
            apply(&desk, op);
        }
        let backup = desk.backup().expect("backup");
        let other_dir = tempfile::tempdir().expect("temp dir");
        let other = Desk::open(&other_dir.path().join("store")).expect("open");
        other.restore_backup("backup.json", backup).expect("restore");
        assert_exact(&other, &ops);
        let ours: Vec<_> = stored_and_derived(&desk).into_iter().map(|(_, s, _)| s).collect();
        let theirs: Vec<_> = stored_and_derived(&other).into_iter().map(|(_, s, _)| s).collect();
        prop_assert_eq!(ours, theirs);
    }
}

/// Editing a film that two editions share changes the summary in both.
#[test]
fn a_film_shared_by_two_editions_is_summarised_in_both() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = new_desk(&dir);
    for edition in [0, 1] {
        let import = Op::Import {
            edition,
            rows: vec![(0, 0, None)],
        };
        assert_eq!(apply(&desk, &import), Fate::Applied);
    }
    let all = submissions(&desk);
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].film_id, all[1].film_id, "the import linked the film");
    let edit = Op::Edit {
        which: 0,
        title: 3,
        cast: 1,
        country: 2,
        section: 1,
    };
    assert_eq!(apply(&desk, &edit), Fate::Applied);
    for id in [all[0].edition_id, all[1].edition_id] {
        let summaries = desk.summaries(id).expect("summaries");
        assert_eq!(summaries.len(), 1);
        assert_eq!(summaries[0].title(), TITLES[3], "edition {id}");
        assert_eq!(summaries[0].countries().collect::<Vec<_>>(), ["Japan"]);
    }
    assert_exact(&desk, &[]);
}

/// `check` notices a summary that no longer says what the records say, and one left behind.
#[test]
fn check_reports_a_stale_summary_a_left_over_one_and_a_wrong_count() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = new_desk(&dir);
    for edition in [0, 1] {
        let add = Op::Add {
            edition,
            title: edition,
            director: 0,
            country: 0,
            section: 0,
        };
        assert_eq!(apply(&desk, &add), Fate::Applied);
    }
    let raw = desk.store().raw();
    let pages: Vec<(sled::IVec, sled::IVec)> = raw
        .scan_prefix([jurydesk::store::keys::SUBMISSION_SUMMARIES])
        .map(|item| item.expect("read"))
        .collect();
    assert_eq!(pages.len(), 2, "one page in each edition");
    // The first edition's page now holds the second one's summaries; a page far on names nobody.
    raw.insert(&pages[0].0, pages[1].1.clone()).expect("write");
    let mut orphan = pages[0].0.to_vec();
    *orphan.last_mut().expect("a key") += 10;
    raw.insert(orphan, pages[1].1.clone()).expect("write");
    // And the edition's count says three.
    let edition = desk.edition(EDITIONS[0]).expect("edition");
    raw.insert(
        jurydesk::store::keys::submission_count(edition.id),
        &3u64.to_be_bytes(),
    )
    .expect("write");
    let problems = desk.check().expect("check").problems;
    assert!(
        problems
            .iter()
            .any(|p| p.contains("summaries of submissions")
                && p.contains("does not match the records")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("submission count of edition") && p.contains("does not match")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("left over")),
        "{problems:?}"
    );
}

/// Reading many records by id gives the same whether the ids are dense (one range scan) or sparse
/// (one lookup each), in the order asked.
#[test]
fn many_sorted_reads_dense_and_sparse_ids_alike() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = new_desk(&dir);
    let rows: Vec<IncomingSubmission> = (0..600)
        .map(|i| IncomingSubmission {
            line: i + 2,
            film: FilmInput {
                title: format!("Film {i}"),
                ..FilmInput::default()
            },
            ..IncomingSubmission::default()
        })
        .collect();
    desk.import_submissions(
        EDITIONS[0],
        "csv",
        "rows.csv",
        Parsed {
            rows,
            ..Parsed::default()
        }
        .into(),
        ImportOptions::default(),
        &mut |_| {},
    )
    .expect("import");
    let all: Vec<Id> = submissions(&desk).iter().map(|s| s.id).collect();
    let dense: Vec<Id> = all.iter().rev().copied().collect();
    let sparse: Vec<Id> = all.iter().step_by(37).rev().copied().collect();
    let store = desk.store();
    for ids in [&dense, &sparse] {
        let read: Vec<Id> = store
            .many_sorted::<Submission>(ids)
            .expect("read")
            .iter()
            .map(|s| s.id)
            .collect();
        assert_eq!(&read, ids);
    }
}
