//! Elimination ties on the command line (issue 14 findings 1 and 2; docs/counting.md#methods,
//! docs/counting.md#ties, docs/counting.md#deciding-an-award): the two small cases built as real stores
//! with `category add`, `ballot set` and `tally`, and what `award` does with an elimination tie.
//! The outcomes are derived by hand in tests/tally_vectors.rs.
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
use serde_json::Value;

const FINDING_ONE: [(usize, &str); 4] = [(6, "A"), (4, "B > D"), (4, "C > B"), (5, "D > C")];
const FINDING_TWO: [(usize, &str); 4] = [(3, "A"), (3, "B"), (2, "C > A"), (1, "D > C > A")];

fn tally(store: &TestStore, name: &str) -> (String, Value) {
    let text = store.ok(&[
        "tally",
        "--edition",
        "iss-1",
        "--category",
        name,
        "--format",
        "text",
    ]);
    let json = store.json(&[
        "tally",
        "--edition",
        "iss-1",
        "--category",
        name,
        "--format",
        "json",
    ]);
    let json = match json {
        Value::Array(mut rows) => rows.remove(0),
        other => other,
    };
    (text, json)
}

#[test]
fn finding_one_with_none_is_a_reported_elimination_tie_and_only_a_draw_or_the_jury_decides() {
    let store = TestStore::irv_case("Best Film", &["none"], &FINDING_ONE);
    let (text, json) = tally(&store, "Best Film");
    assert!(
        text.contains(
            "Result: elimination tie between B and C in round 1: the jury decides whom to eliminate"
        ),
        "{text}"
    );
    assert!(
        text.contains("Round 1: 19 continuing ballots, 10 needed to win"),
        "{text}"
    );
    assert!(text.contains("6   31.58%  A"), "{text}");
    assert_eq!(json["tie"], true);
    assert_eq!(json["decided"], false);
    assert_eq!(json["winners"], serde_json::json!([]));
    assert_eq!(json["ranking"], serde_json::json!([]));
    assert_eq!(
        json["elimination_tie"],
        serde_json::json!({"round": 1, "among": ["B", "C"]})
    );
    // No award from the count; a draw eliminates by lot and the count goes on.
    let refused = store.fails(
        1,
        &["award", "--edition", "iss-1", "--category", "Best Film"],
    );
    assert!(
        refused.contains("the jury decides whom to eliminate"),
        "{refused}"
    );
    let seed = 7;
    let drawn = store.ok(&[
        "award",
        "--edition",
        "iss-1",
        "--category",
        "Best Film",
        "--draw",
        &seed.to_string(),
    ]);
    // Seed 7 draws C last among B and C (pinned by jurydesk::tally::draw_order): C goes, B wins.
    let out = *jurydesk::tally::draw_order(seed, &[1, 2])
        .last()
        .expect("drawn");
    let winner = if out == 1 { "D" } else { "B" };
    assert!(drawn.contains(&format!("awarded to {winner}")), "{drawn}");
    let sheet = store.ok(&["palmares", "--edition", "iss-1"]);
    assert!(sheet.contains(&format!("Best Film: {winner}")), "{sheet}");
    assert!(sheet.contains("No rule is broken."), "{sheet}");
}

#[test]
fn finding_one_with_borda_eliminates_b_and_elects_d_resting_on_the_tie_break() {
    let store = TestStore::irv_case("Best Film", &["borda"], &FINDING_ONE);
    let (text, json) = tally(&store, "Best Film");
    assert!(text.contains("Result: D (rests on a tie-break)"), "{text}");
    assert!(
        text.contains("transfer from B: 4 to D, 0 exhausted"),
        "{text}"
    );
    assert!(text.contains("exhausted: 4 this round, 4 in all"), "{text}");
    assert!(
        text.contains(
            "round 1 elimination: borda among B and C → B: Borda points among the tied: C 12, B 7"
        ),
        "{text}"
    );
    assert_eq!(json["rested_on_tie"], true);
    assert_eq!(json["tie"], false);
    assert_eq!(json["winners"], serde_json::json!(["D"]));
    assert_eq!(json["tie_breaks"][0]["elimination"], 1);
}

#[test]
fn finding_two_count_back_decides_the_elimination_and_the_count_goes_on() {
    let store = TestStore::irv_case("Best Film", &["count-back"], &FINDING_TWO);
    let (text, json) = tally(&store, "Best Film");
    assert!(text.contains("Result: A (rests on a tie-break)"), "{text}");
    assert!(
        text.contains(
            "round 2 elimination: count-back among A, B and C → C: round 1: A 3, B 3, C 2"
        ),
        "{text}"
    );
    assert!(
        text.contains("Round 3: 9 continuing ballots, 5 needed to win"),
        "{text}"
    );
    let last = &json["rounds"][2]["counts"];
    assert_eq!(
        last,
        &serde_json::json!([
            {"nominee": "A", "votes": 6, "percent": "66.67%"},
            {"nominee": "B", "votes": 3, "percent": "33.33%"}
        ])
    );
    // The award follows from the count.
    let awarded = store.ok(&["award", "--edition", "iss-1", "--category", "Best Film"]);
    assert!(awarded.contains("awarded to A"), "{awarded}");
}
