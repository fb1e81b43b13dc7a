//! Golden bytes: values encoded by earlier formats, committed in `tests/fixtures/golden/`, must decode
//! forever. A change of layout that breaks one of these needs a new format version and a reader for
//! the old one, never an edit of the bytes.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::path::PathBuf;

use chrono::{DateTime, NaiveDate};
use jurydesk::domain::*;
use jurydesk::store::{EditionV1, JurorV1, Record, SubmissionV1, codec};

fn golden(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/golden")
        .join(name)
}

fn at() -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_747_440_000, 0).unwrap()
}

fn festival() -> Festival {
    Festival {
        id: 1,
        code: "riff".into(),
        name: "Resistance International Film Festival".into(),
        organisers: vec!["Revayat Foundation".into()],
        notes: "golden".into(),
    }
}

fn edition_v1() -> EditionV1 {
    EditionV1 {
        id: 2,
        festival_id: 1,
        code: "riff-18".into(),
        number: 18,
        year: 2025,
        start: NaiveDate::from_ymd_opt(2025, 5, 17),
        end: NaiveDate::from_ymd_opt(2025, 5, 24),
        place: "Iran".into(),
        venues: vec!["Hall 1".into()],
        sections: vec!["International Competition".into()],
        events: vec![EditionEvent {
            name: "International event".into(),
            place: "Baghdad".into(),
            start: NaiveDate::from_ymd_opt(2025, 3, 15),
            end: NaiveDate::from_ymd_opt(2025, 3, 19),
            partners: vec!["Basirah Institute".into()],
            venues: vec!["Jadriya".into(), "Harithiya".into()],
        }],
        rules: EditionRules {
            one_prize_per_film: true,
            combinable_categories: vec![5],
            max_shared_prizes: Some(1),
            top_prize_never_shared: true,
        },
        state: EditionState::Finalized,
        notes: "line one\nline two".into(),
    }
}

fn edition() -> Edition {
    Edition {
        calendar: Calendar::Persian,
        ..Edition::from(edition_v1())
    }
}

fn film() -> Film {
    Film {
        id: 3,
        title: "Children of the River".into(),
        original_title: "بچه\u{200C}های رودخانه".into(),
        directors: vec!["Reza Tabesh".into()],
        writers: vec!["W".into()],
        producers: vec!["P".into()],
        cast: vec!["C1".into(), "C2".into()],
        countries: vec!["Iran".into()],
        languages: vec!["Persian".into()],
        year: Some(2024),
        runtime_minutes: Some(89),
        synopsis: "Three children build a raft.".into(),
        // Film format 1 had none of these (format 2 tests below give them).
        original_directors: Vec::new(),
        original_writers: Vec::new(),
        original_cast: Vec::new(),
        aliases: Vec::new(),
    }
}

fn submission_v1() -> SubmissionV1 {
    SubmissionV1 {
        id: 4,
        edition_id: 2,
        film_id: 3,
        section: "First Films".into(),
        status: SubmissionStatus::Shortlisted,
        original_status: "Semi-Finalist".into(),
        submitted: NaiveDate::from_ymd_opt(2024, 10, 7),
        external_id: "FF-123".into(),
        notes: "golden".into(),
    }
}

fn submission() -> Submission {
    let mut s: Submission = submission_v1().into();
    s.history = vec![StatusChange {
        at: at(),
        from: Some(SubmissionStatus::Received),
        to: SubmissionStatus::Shortlisted,
        note: "jury pre-selection".into(),
    }];
    s
}

fn category() -> Category {
    Category {
        id: 5,
        edition_id: 2,
        name: "Best Director".into(),
        prize: "Crystal Simorgh".into(),
        kind: CategoryKind::Person,
        method: Method::MajorityRounds { absolute_rounds: 2 },
        tie_breaks: vec![
            TieBreak::CastingVote,
            TieBreak::Draw { seed: 42 },
            TieBreak::None,
        ],
        ex_aequo_allowed: false,
        mandatory: true,
        precedence: 2,
    }
}

fn juror_v1() -> JurorV1 {
    JurorV1 {
        id: 6,
        edition_id: 2,
        name: "A Juror".into(),
        role: JurorRole::President,
        recusals: vec![Recusal {
            submission_id: 4,
            reason: "co-producer".into(),
        }],
        notes: String::new(),
    }
}

fn juror() -> Juror {
    Juror {
        absence: Some(Absence {
            reason: "flight delayed".into(),
            since: at(),
        }),
        cleared_conflicts: vec![ClearedConflict {
            submission_id: 3,
            reason: "a namesake, not the same person".into(),
        }],
        ..juror_v1().into()
    }
}

fn nomination() -> Nomination {
    Nomination {
        id: 7,
        category_id: 5,
        submission_id: 4,
        person: Some("Reza Tabesh".into()),
        number: 1,
    }
}

fn ballots() -> Vec<Ballot> {
    [
        BallotContent::Ranked(vec![7, 9, 8]),
        BallotContent::Scored(vec![(7, 8), (9, 10)]),
        BallotContent::Rounds(vec![(1, 7), (2, 9)]),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, content)| Ballot {
        id: 8 + i as u64,
        category_id: 5,
        juror_id: 6,
        content,
        updated_at: at(),
    })
    .collect()
}

fn awards() -> Vec<Award> {
    [
        Decision::Counted {
            method: Method::Schulze,
        },
        Decision::CastingVote { juror_id: 6 },
        Decision::Draw { seed: 7 },
        Decision::Manual {
            reason: "jury statement".into(),
        },
        Decision::Imported {
            source: "the_oscar_award.csv".into(),
        },
    ]
    .into_iter()
    .enumerate()
    .map(|(i, decision)| Award {
        id: 20 + i as u64,
        category_id: 5,
        winners: vec![7],
        decision,
        decided_at: at(),
        note: String::new(),
    })
    .collect()
}

/// With `JURYDESK_FREEZE_GOLDEN=1`, writes a golden file that does not exist yet (for a new format
/// version). Existing files are never rewritten: the bytes of a version are frozen once committed.
fn freeze(name: &str, bytes: &[u8]) {
    let path = golden(name);
    if std::env::var_os("JURYDESK_FREEZE_GOLDEN").is_some() && !path.exists() {
        std::fs::write(&path, bytes).unwrap();
    }
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(golden(name)).unwrap_or_else(|e| panic!("golden file {name} is missing: {e}"))
}

fn check<T: Record + PartialEq + std::fmt::Debug>(name: &str, expected: &T) {
    freeze(name, &expected.encode().unwrap());
    let decoded =
        T::decode(&read(name)).unwrap_or_else(|e| panic!("{name} no longer decodes: {e}"));
    assert_eq!(&decoded, expected, "{name}");
}

#[test]
fn every_record_of_format_version_1_still_decodes() {
    check("festival.v1.bin", &festival());
    check("film.v1.bin", &film());
    check("category.v1.bin", &category());
    check("nomination.v1.bin", &nomination());
    for (i, ballot) in ballots().iter().enumerate() {
        check(&format!("ballot-{i}.v1.bin"), ballot);
    }
    for (i, award) in awards().iter().enumerate() {
        check(&format!("award-{i}.v1.bin"), award);
    }
}

#[test]
fn a_version_1_submission_decodes_into_today_s_submission() {
    freeze(
        "submission.v1.bin",
        &codec::encode(1, &submission_v1()).unwrap(),
    );
    let decoded = Submission::decode(&read("submission.v1.bin")).unwrap();
    assert_eq!(decoded, Submission::from(submission_v1()));
    assert!(decoded.history.is_empty(), "version 1 kept no history");
}

#[test]
fn a_version_1_juror_decodes_present_with_no_conflict_cleared() {
    let decoded = Juror::decode(&read("juror.v1.bin")).unwrap();
    assert_eq!(decoded, Juror::from(juror_v1()));
    assert!(decoded.absence.is_none() && decoded.cleared_conflicts.is_empty());
}

#[test]
fn a_version_1_edition_decodes_gregorian() {
    freeze("edition.v1.bin", &codec::encode(1, &edition_v1()).unwrap());
    let decoded = Edition::decode(&read("edition.v1.bin")).unwrap();
    assert_eq!(decoded, Edition::from(edition_v1()));
    assert_eq!(decoded.calendar, Calendar::Gregorian);
}

#[test]
fn a_version_2_edition_decodes() {
    check("edition.v2.bin", &edition());
}

#[test]
fn a_version_2_juror_decodes() {
    check("juror.v2.bin", &juror());
}

#[test]
fn a_version_2_juror_decodes_without_a_pin() {
    let decoded = Juror::decode(&read("juror.v2.bin")).unwrap();
    assert!(decoded.pin.is_none(), "format 2 had no jury-room PIN");
}

/// Format 3 added the jury-room PIN's hash (issue 16). The hash is a fixed PHC string here, so the
/// golden bytes do not depend on a random salt.
#[test]
fn a_version_3_juror_with_a_pin_decodes() {
    let juror = Juror {
        pin: Some(PinHash(
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$9Z2pWm8s3r1m2kqv1nQe0c0yJ0xv7b2Gx2zT9k1qP1E"
                .into(),
        )),
        ..juror()
    };
    check("juror.v3.bin", &juror);
}

/// Film format 2 (schema 10) added the names in their original script, paired by place with the
/// credit lists (a blank keeps the place of one not known), and the aliases.
#[test]
fn a_version_2_film_with_original_names_and_aliases_decodes() {
    let film = Film {
        directors: vec!["Karel Zeman".into(), "Jan Procházka".into()],
        original_directors: vec!["کارل زمان".into()],
        original_writers: vec!["و".into()],
        original_cast: vec![String::new(), "سی ۲".into()],
        aliases: vec!["Bârân".into(), "شب نشینی در جهنم".into()],
        ..film()
    };
    check("film.v2.bin", &film);
}

#[test]
fn a_version_1_film_decodes_with_no_original_names() {
    let decoded = Film::decode(&read("film.v1.bin")).unwrap();
    assert_eq!(decoded, film());
    assert!(decoded.original_directors.is_empty() && decoded.aliases.is_empty());
}

/// Juror format 4 (schema 10) added the name in its own script.
#[test]
fn a_version_4_juror_with_an_original_name_decodes() {
    let juror = Juror {
        original_name: "مجید مجیدی".into(),
        ..juror()
    };
    check("juror.v4.bin", &juror);
}

#[test]
fn a_version_3_juror_decodes_with_no_original_name() {
    let decoded = Juror::decode(&read("juror.v3.bin")).unwrap();
    assert!(decoded.original_name.is_empty());
    assert!(decoded.pin.is_some());
}

#[test]
fn a_version_2_submission_decodes() {
    check("submission.v2.bin", &submission());
}

#[test]
fn round_trip_of_every_type_is_exact() {
    fn round<T: Record + PartialEq + std::fmt::Debug>(value: T) {
        assert_eq!(T::decode(&value.encode().unwrap()).unwrap(), value);
    }
    round(festival());
    round(edition());
    round(film());
    round(submission());
    round(category());
    round(juror());
    round(Juror {
        original_name: "مجید مجیدی".into(),
        ..juror()
    });
    round(nomination());
    ballots().into_iter().for_each(round);
    awards().into_iter().for_each(round);
}

#[test]
fn damaged_record_bytes_are_refused_not_misread() {
    let bytes = film().encode().unwrap();
    let mut trailing = bytes.clone();
    trailing.push(0);
    assert!(matches!(
        Film::decode(&trailing),
        Err(codec::CodecError::TrailingBytes { extra: 1 })
    ));
    assert!(Film::decode(&bytes[..bytes.len() - 3]).is_err());
    let mut future = bytes.clone();
    future[0] = 200;
    assert!(matches!(
        Film::decode(&future),
        Err(codec::CodecError::UnknownVersion { found: 200, .. })
    ));
}
