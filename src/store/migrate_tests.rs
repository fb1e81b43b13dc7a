//! Tests of `migrate`: the steps before schema 10 (later ones have files of their own).

use super::super::{Record, SubmissionV1};
use super::*;
use crate::domain::{Submission, SubmissionStatus};

fn v1() -> SubmissionV1 {
    SubmissionV1 {
        id: 7,
        edition_id: 1,
        film_id: 3,
        section: "Competition".into(),
        status: SubmissionStatus::Selected,
        original_status: String::new(),
        submitted: None,
        external_id: "FF-1".into(),
        notes: String::new(),
    }
}

#[test]
fn a_schema_2_store_gains_the_film_identity_index_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let film = crate::domain::Film {
        id: 3,
        title: "Children of the River".into(),
        directors: vec!["Reza Tabesh".into()],
        year: Some(2024),
        ..crate::domain::Film::default()
    };
    {
        let store = Store::open(&path).unwrap();
        // A film as schema 2 wrote it: the record, no identity entry.
        store
            .db
            .insert(keys::record(Kind::Film.tag(), 3), film.encode().unwrap())
            .unwrap();
        store
            .db
            .insert(keys::meta(SCHEMA_KEY), &2u32.to_be_bytes())
            .unwrap();
        store.flush().unwrap();
        assert!(
            crate::store::testing::index_entries(&store.db, keys::FILMS_BY_IDENTITY)
                .unwrap()
                .is_empty(),
            "the entry is missing"
        );
    }
    let store = Store::open(&path).unwrap();
    let identity = super::super::film_identity(&film);
    assert_eq!(store.films_with_identity(&identity).unwrap(), vec![3]);
    assert!(store.index_problems().unwrap().is_empty());
}

/// A film and its submission written as schema 3 wrote them: records and indexes, no summary.
fn schema_3_store(path: &std::path::Path) -> crate::domain::Film {
    let film = crate::domain::Film {
        id: 3,
        title: "Café Noir".into(),
        directors: vec!["Élodie Morel".into()],
        ..crate::domain::Film::default()
    };
    let submission = Submission::from(v1());
    let store = Store::open(path).unwrap();
    for (key, value) in [
        (keys::record(Kind::Film.tag(), 3), film.encode().unwrap()),
        (
            keys::record(Kind::Submission.tag(), 7),
            submission.encode().unwrap(),
        ),
    ] {
        store.db.insert(key, value).unwrap();
    }
    for (key, value) in film
        .index_entries()
        .into_iter()
        .chain(submission.index_entries())
    {
        store.db.insert(key, value).unwrap();
    }
    store
        .db
        .insert(keys::meta(SCHEMA_KEY), &3u32.to_be_bytes())
        .unwrap();
    store
        .db
        .remove(keys::meta(read_model::FINGERPRINT_KEY))
        .unwrap();
    store.flush().unwrap();
    film
}

#[test]
fn a_schema_3_store_gains_its_submission_summaries_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let film = schema_3_store(&path);
    let store = Store::open(&path).unwrap();
    let summaries = store.summaries(1).unwrap();
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].id(), 7);
    assert_eq!(summaries[0].title(), film.title);
    assert_eq!(store.submission_count(1).unwrap(), 1);
    assert!(store.read_model_problems().unwrap().is_empty());
}

#[test]
fn summaries_derived_by_other_rules_or_cut_short_are_rebuilt_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    schema_3_store(&path);
    let good = Store::open(&path).unwrap().summaries(1).unwrap();
    {
        // Another jurydesk folded differently: its fingerprint and a stale summary.
        let store = Store::open(&path).unwrap();
        store
            .db
            .insert(keys::meta(read_model::FINGERPRINT_KEY), &[7u8; 32])
            .unwrap();
        store
            .db
            .insert(
                keys::summary_page(1, 0),
                store.db.get(keys::summary_page(1, 0)).unwrap().unwrap()[..5].to_vec(),
            )
            .unwrap();
        assert!(!store.read_model_problems().unwrap().is_empty());
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.summaries(1).unwrap(), good);
    assert!(store.read_model_problems().unwrap().is_empty());
    // A rebuild cut short leaves no fingerprint: the next open builds them again.
    store
        .db
        .remove(keys::meta(read_model::FINGERPRINT_KEY))
        .unwrap();
    store.db.remove(keys::summary_page(1, 0)).unwrap();
    store.flush().unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(store.summaries(1).unwrap(), good);
}

#[test]
fn a_schema_1_store_is_migrated_on_open_and_a_newer_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    {
        let store = Store::open(&path).unwrap();
        let old = super::super::codec::encode(1, &v1()).unwrap();
        store
            .db
            .insert(keys::record(Kind::Submission.tag(), 7), old)
            .unwrap();
        store
            .db
            .insert(keys::meta(SCHEMA_KEY), &1u32.to_be_bytes())
            .unwrap();
        store.flush().unwrap();
    }
    {
        let store = Store::open(&path).unwrap();
        let raw = store.get_raw(Kind::Submission, 7).unwrap().unwrap();
        assert_eq!(
            raw[0],
            Submission::VERSION,
            "rewritten in the current format"
        );
        let submission: Submission = store.get(7).unwrap().unwrap();
        assert_eq!(submission, Submission::from(v1()));
        store
            .db
            .insert(keys::meta(SCHEMA_KEY), &99u32.to_be_bytes())
            .unwrap();
        store.flush().unwrap();
    }
    let err = Store::open(&path).unwrap_err();
    assert!(
        matches!(err, StoreError::NewerSchema { found: 99, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("newer jurydesk"));
}

/// A store as schema `schema` left it, holding juror 6 in juror format `format`.
fn juror_6_written_by(
    path: &std::path::Path,
    schema: u32,
    format: u8,
    juror: &impl serde::Serialize,
) {
    let store = Store::open(path).unwrap();
    let bytes = super::super::codec::encode(format, juror).unwrap();
    store
        .db
        .insert(keys::record(Kind::Juror.tag(), 6), bytes)
        .unwrap();
    store
        .db
        .insert(keys::meta(SCHEMA_KEY), &schema.to_be_bytes())
        .unwrap();
    store.flush().unwrap();
}

/// Opens the store at `path` (migrating it) and reads juror 6, checking the store is at today's
/// schema and the juror was rewritten in today's format.
fn juror_6_after_open(path: &std::path::Path) -> crate::domain::Juror {
    let store = Store::open(path).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(SCHEMA_VERSION));
    let raw = store.get_raw(Kind::Juror, 6).unwrap().unwrap();
    assert_eq!(
        raw[0],
        crate::domain::Juror::VERSION,
        "rewritten in today's format"
    );
    store.get(6).unwrap().unwrap()
}

#[test]
fn a_schema_5_store_rewrites_its_jurors_in_format_2_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let v1 = super::super::JurorV1 {
        id: 6,
        edition_id: 2,
        name: "Kaveh Arman".into(),
        role: crate::domain::JurorRole::Member,
        recusals: Vec::new(),
        notes: String::new(),
    };
    juror_6_written_by(&path, 5, 1, &v1);
    let juror = juror_6_after_open(&path);
    assert_eq!(juror, crate::domain::Juror::from(v1));
}

#[test]
fn a_schema_7_store_rewrites_its_jurors_in_format_3_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let v2 = super::super::JurorV2 {
        id: 6,
        edition_id: 2,
        name: "Kaveh Arman".into(),
        role: crate::domain::JurorRole::Member,
        recusals: Vec::new(),
        notes: String::new(),
        absence: None,
        cleared_conflicts: Vec::new(),
    };
    juror_6_written_by(&path, 7, 2, &v2);
    let juror = juror_6_after_open(&path);
    assert_eq!(juror, crate::domain::Juror::from(v2));
    assert!(juror.pin.is_none(), "no juror had a PIN before schema 8");
}

#[test]
fn a_schema_6_store_rewrites_its_editions_in_format_2_gregorian_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    let v1 = super::super::EditionV1 {
        id: 2,
        festival_id: 1,
        code: "fajr-43".into(),
        number: 43,
        year: 2025,
        start: chrono::NaiveDate::from_ymd_opt(2025, 1, 31),
        end: None,
        place: "Tehran".into(),
        venues: Vec::new(),
        sections: Vec::new(),
        events: Vec::new(),
        rules: crate::domain::EditionRules::default(),
        state: crate::domain::EditionState::Open,
        notes: String::new(),
    };
    {
        let store = Store::open(&path).unwrap();
        let bytes = super::super::codec::encode(1, &v1).unwrap();
        store
            .db
            .insert(keys::record(Kind::Edition.tag(), 2), bytes)
            .unwrap();
        store
            .db
            .insert(keys::meta(SCHEMA_KEY), &6u32.to_be_bytes())
            .unwrap();
        store.flush().unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(SCHEMA_VERSION));
    let raw = store.get_raw(Kind::Edition, 2).unwrap().unwrap();
    assert_eq!(raw[0], 2, "rewritten in format 2");
    let edition: crate::domain::Edition = store.get(2).unwrap().unwrap();
    assert_eq!(edition.calendar, crate::domain::Calendar::Gregorian);
    assert_eq!(edition, crate::domain::Edition::from(v1));
}
