//! Persian (`۰`–`۹`) and Arabic-Indic (`٠`–`٩`) digits in every number typed on the command line
//! (docs/text.md, issue 18 item 3): ids, years, runtimes, limits, precedences, method and draw
//! arguments, search terms. Ballots are in tests/ballot_digits.rs, the desk's forms in
//! src/tui/form/submit_tests.rs.
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

#[test]
fn a_submission_s_year_runtime_and_id_in_persian_and_arabic_indic_digits() {
    let store = TestStore::with_demo();
    let out = store.ok(&[
        "submission",
        "add",
        "--edition",
        "riff-18",
        "--title",
        "Digits Film",
        "--year",
        "۲۰۲۴",
        "--runtime",
        "٩٥",
    ]);
    let id = out
        .split_once("added submission ")
        .and_then(|(_, rest)| rest.split_once(':'))
        .map(|(id, _)| id.to_string())
        .unwrap_or_else(|| panic!("{out}"));
    let row = find(&store.submissions("riff-18", &[]), "Digits Film").clone();
    assert_eq!(row["year"], 2024);
    assert_eq!(row["runtime_minutes"], 95);
    // The id typed back in Persian digits.
    let persian_id: String = id
        .chars()
        .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
        .collect();
    store.ok(&["submission", "edit", &persian_id, "--runtime", "۱۰۰"]);
    let row = find(&store.submissions("riff-18", &[]), "Digits Film").clone();
    assert_eq!(row["runtime_minutes"], 100);
}

#[test]
fn limits_precedences_and_method_arguments_read_every_script() {
    let store = TestStore::with_demo();
    assert_eq!(store.submissions("riff-18", &["--limit", "۲"]).len(), 2);
    assert_eq!(store.submissions("riff-18", &["--limit", "٣"]).len(), 3);
    store.ok(&[
        "category",
        "add",
        "--edition",
        "riff-18",
        "--name",
        "Digit Prize",
        "--method",
        "majority-rounds:۳",
        "--tie-break",
        "draw:۲۰۲۵",
        "--precedence",
        "۲۰",
    ]);
    let categories = array(store.json(&[
        "list",
        "categories",
        "--edition",
        "riff-18",
        "--format",
        "json",
    ]));
    let prize = categories
        .iter()
        .find(|c| c["name"] == "Digit Prize")
        .unwrap();
    assert_eq!(prize["precedence"], 20);
    let rules = store.ok(&["rules", "set", "--edition", "riff-18", "--max-shared", "۲"]);
    assert!(rules.contains('2'), "{rules}");
}

#[test]
fn a_search_for_a_year_in_persian_digits_finds_the_year() {
    let store = TestStore::with_demo();
    let ascii = store.submissions("riff-18", &["--query", "year:2024"]);
    let persian = store.submissions("riff-18", &["--query", "year:۲۰۲۴"]);
    assert!(!ascii.is_empty());
    assert_eq!(titles(&ascii), titles(&persian));
}

#[test]
fn a_number_that_is_not_one_is_still_refused_in_words() {
    let store = TestStore::with_demo();
    let err = store.fails(
        2,
        &[
            "list",
            "submissions",
            "--edition",
            "riff-18",
            "--limit",
            "۲x",
        ],
    );
    assert!(err.contains("--limit"), "{err}");
    assert!(err.contains("invalid digit"), "{err}");
}
