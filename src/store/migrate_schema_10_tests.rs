//! Schema 10 (names in two scripts): a store written by schema 9 opens with its films in format 2,
//! its jurors in format 4, and its summaries rebuilt once so that search sees the new credits.

use super::super::summary::{SubmissionSummary, encode_page, page_of};
use super::super::{FilmV1, JurorV3, Record, codec};
use super::*;
use crate::domain::{Film, Juror, JurorRole, Submission, SubmissionStatus};

fn film_v1() -> FilmV1 {
    FilmV1 {
        id: 3,
        title: "Tales of Kish".into(),
        directors: vec!["Nasser Taghvai".into()],
        writers: vec!["Mohsen Makhmalbaf".into()],
        year: Some(1999),
        ..FilmV1::default()
    }
}

fn juror_v3() -> JurorV3 {
    JurorV3 {
        id: 6,
        edition_id: 1,
        name: "Majid Majidi".into(),
        role: JurorRole::President,
        recusals: Vec::new(),
        notes: String::new(),
        absence: None,
        cleared_conflicts: Vec::new(),
        pin: None,
    }
}

fn submission() -> Submission {
    Submission {
        id: 7,
        edition_id: 1,
        film_id: 3,
        section: String::new(),
        status: SubmissionStatus::Received,
        original_status: String::new(),
        submitted: None,
        external_id: String::new(),
        notes: String::new(),
        history: Vec::new(),
    }
}

/// The store as schema 9 left it: film format 1, juror format 3, and a summary derived by the rules
/// of then (writers were not searched) under another fingerprint.
fn schema_9_store(path: &std::path::Path) {
    let store = Store::open(path).unwrap();
    let film = Film::from(film_v1());
    let then = Film {
        writers: Vec::new(),
        ..film.clone()
    };
    let old_summary = SubmissionSummary::of(&submission(), Some(&then));
    for (key, value) in [
        (
            keys::record(Kind::Film.tag(), 3),
            codec::encode(1, &film_v1()).unwrap(),
        ),
        (
            keys::record(Kind::Juror.tag(), 6),
            codec::encode(3, &juror_v3()).unwrap(),
        ),
        (
            keys::record(Kind::Submission.tag(), 7),
            submission().encode().unwrap(),
        ),
        (
            keys::summary_page(1, page_of(7)),
            encode_page(&[old_summary]).unwrap(),
        ),
        (keys::meta(SCHEMA_KEY), 9u32.to_be_bytes().to_vec()),
        (keys::meta(read_model::FINGERPRINT_KEY), vec![9u8; 32]),
    ] {
        store.db.insert(key, value).unwrap();
    }
    for (key, value) in film
        .index_entries()
        .into_iter()
        .chain(submission().index_entries())
        .chain(Juror::from(juror_v3()).index_entries())
    {
        store.db.insert(key, value).unwrap();
    }
    store.flush().unwrap();
}

#[test]
fn a_schema_9_store_rewrites_films_and_jurors_and_rebuilds_its_summaries_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store");
    schema_9_store(&path);
    let store = Store::open(&path).unwrap();
    assert_eq!(stored_schema(&store).unwrap(), Some(SCHEMA_VERSION));
    let raw = store.get_raw(Kind::Film, 3).unwrap().unwrap();
    assert_eq!(raw[0], Film::VERSION, "film rewritten in format 2");
    let raw = store.get_raw(Kind::Juror, 6).unwrap().unwrap();
    assert_eq!(raw[0], Juror::VERSION, "juror rewritten in format 4");
    let film: Film = store.get(3).unwrap().unwrap();
    assert_eq!(film, Film::from(film_v1()));
    assert!(film.original_directors.is_empty() && film.aliases.is_empty());
    let juror: Juror = store.get(6).unwrap().unwrap();
    assert_eq!(juror, Juror::from(juror_v3()));
    assert!(juror.original_name.is_empty());

    let summaries = store.summaries(1).unwrap();
    assert!(
        summaries[0].search_text().contains("mohsenmakhmalbaf"),
        "rebuilt: writers are searched now"
    );
    assert!(store.read_model_problems().unwrap().is_empty());
    let problems = store.index_problems().unwrap();
    assert!(problems.is_empty(), "{problems:?}");
}
