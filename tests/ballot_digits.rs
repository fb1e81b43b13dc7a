//! Persian (`۰`–`۹`) and Arabic-Indic (`٠`–`٩`) digits are numbers wherever a ballot is typed on the
//! command line or read from a ballots CSV (docs/text.md; issue 12 finding 7).
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use common::*;

/// The juror's stored ballot in a category, as `list ballots` writes it.
fn ballot_of(store: &TestStore, category: &str, juror: &str) -> String {
    let rows = array(store.json(&[
        "list",
        "ballots",
        "--edition",
        "riff-18",
        "--format",
        "json",
    ]));
    rows.iter()
        .find(|r| r["category"] == category && r["juror"] == juror)
        .unwrap_or_else(|| panic!("no ballot of {juror} in {category}: {rows:?}"))["ballot"]
        .as_str()
        .expect("a ballot text")
        .to_string()
}

#[test]
fn a_ranking_typed_in_persian_digits_is_the_same_ranking() {
    let store = TestStore::with_demo();
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        "riff-18",
        "--category",
        "Grand Prize",
        "--juror",
        "Javad Karimi",
        "--rank",
        "۲ > ۱",
    ]);
    assert_eq!(
        ballot_of(&store, "Grand Prize", "Javad Karimi"),
        "A House in Basra > The Salt Road"
    );
    // Arabic-Indic digits too, and a mix with ASCII ones.
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        "riff-18",
        "--category",
        "Grand Prize",
        "--juror",
        "Javad Karimi",
        "--rank",
        "٤ > 3 > ۱",
    ]);
    assert_eq!(
        ballot_of(&store, "Grand Prize", "Javad Karimi"),
        "The Last Date Palm > Letters from the Front Line > The Salt Road"
    );
    // A Persian number that names no nominee is still refused, with the nominees to choose from.
    let err = store.fails(
        1,
        &[
            "ballot",
            "set",
            "--edition",
            "riff-18",
            "--category",
            "Grand Prize",
            "--juror",
            "Javad Karimi",
            "--rank",
            "۹ > ۱",
        ],
    );
    assert!(err.contains("9"), "{err}");
    assert!(err.contains("The Salt Road"), "{err}");
}

#[test]
fn scores_and_round_votes_in_persian_digits() {
    let store = TestStore::with_demo();
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        "riff-18",
        "--category",
        "Best Short Film",
        "--juror",
        "Javad Karimi",
        "--score",
        "۱=۸, ٢=١٠",
    ]);
    let scored = ballot_of(&store, "Best Short Film", "Javad Karimi");
    assert!(scored.contains("The Drummer Boy=8"), "{scored}");
    assert!(scored.contains("Reel Memories=10"), "{scored}");
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        "riff-18",
        "--category",
        "Best Director",
        "--juror",
        "Javad Karimi",
        "--round",
        "1",
        "--vote",
        "۳",
    ]);
    let rounds = ballot_of(&store, "Best Director", "Javad Karimi");
    assert!(rounds.contains("Kaveh Arman"), "{rounds}");
}

#[test]
fn a_ballots_csv_in_persian_digits_imports() {
    let store = TestStore::with_demo();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let ranked = dir.path().join("ranked.csv");
    std::fs::write(
        &ranked,
        "category,juror,ranking\nGrand Prize,Javad Karimi,۳ > ۲ > ۱\n",
    )
    .expect("write the CSV");
    store.ok(&[
        "import",
        "ballots",
        ranked.to_str().expect("a UTF-8 path"),
        "--edition",
        "riff-18",
    ]);
    assert_eq!(
        ballot_of(&store, "Grand Prize", "Javad Karimi"),
        "Letters from the Front Line > A House in Basra > The Salt Road"
    );
    let scored = dir.path().join("scored.csv");
    std::fs::write(
        &scored,
        "category,juror,nominee,score\nBest Short Film,Javad Karimi,۱,٧\n",
    )
    .expect("write the CSV");
    store.ok(&[
        "import",
        "ballots",
        scored.to_str().expect("a UTF-8 path"),
        "--edition",
        "riff-18",
    ]);
    let text = ballot_of(&store, "Best Short Film", "Javad Karimi");
    assert!(text.contains("The Drummer Boy=7"), "{text}");
    let rounds = dir.path().join("rounds.csv");
    std::fs::write(
        &rounds,
        "category,round,juror,vote\nBest Director,۱,Javad Karimi,٢\n",
    )
    .expect("write the CSV");
    store.ok(&[
        "import",
        "ballots",
        rounds.to_str().expect("a UTF-8 path"),
        "--edition",
        "riff-18",
    ]);
    let text = ballot_of(&store, "Best Director", "Javad Karimi");
    assert!(text.contains("Yusuf al-Amiri"), "{text}");
}
