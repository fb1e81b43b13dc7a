//! The jury's work through the command line: seating a jury, nominating, entering ballots, recusals,
//! counting, settling ties and recording awards (docs/domain.md#conflicts-of-interest,
//! README.md#command-line, docs/formats.md#ballots-csv, docs/counting.md#methods).
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

/// A festival with one edition and four films, ready for a jury.
fn edition() -> TestStore {
    let store = TestStore::empty();
    store.ok(&[
        "festival",
        "add",
        "--code",
        "test",
        "--name",
        "Test Festival",
    ]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "test",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    for (title, director) in [
        ("Alpha", "Ada Director"),
        ("Beta", "Ben Director"),
        ("Gamma", "Gus Director"),
        ("Delta", "Dee Director"),
    ] {
        store.ok(&[
            "submission",
            "add",
            "--edition",
            "test-1",
            "--title",
            title,
            "--director",
            director,
        ]);
    }
    store
}

fn category(store: &TestStore, name: &str, method: &str, tie_breaks: &[&str]) {
    let mut args = vec![
        "category",
        "add",
        "--edition",
        "test-1",
        "--name",
        name,
        "--method",
        method,
    ];
    for t in tie_breaks {
        args.extend(["--tie-break", t]);
    }
    store.ok(&args);
}

fn nominate(store: &TestStore, category: &str, titles: &[&str]) {
    for title in titles {
        store.ok(&[
            "nominate",
            "--edition",
            "test-1",
            "--category",
            category,
            "--submission",
            title,
        ]);
    }
}

fn juror(store: &TestStore, name: &str, role: &str) {
    store.ok(&[
        "juror",
        "add",
        "--edition",
        "test-1",
        "--name",
        name,
        "--role",
        role,
    ]);
}

fn rank(store: &TestStore, category: &str, juror: &str, ranking: &str) {
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        "test-1",
        "--category",
        category,
        "--juror",
        juror,
        "--rank",
        ranking,
    ]);
}

fn tally(store: &TestStore, category: &str) -> Value {
    let all = store.json(&[
        "tally",
        "--edition",
        "test-1",
        "--category",
        category,
        "--format",
        "json",
    ]);
    let mut rows = array(all);
    assert_eq!(rows.len(), 1);
    rows.remove(0)
}

fn labels(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a label"))
        .collect()
}

/// Seven jurors, four nominees, Schulze: the count names the Condorcet winner and explains itself.
fn seven_member_jury() -> TestStore {
    let store = edition();
    category(&store, "Best Film", "schulze", &["casting-vote"]);
    nominate(&store, "Best Film", &["Alpha", "Beta", "Gamma", "Delta"]);
    juror(&store, "President P", "president");
    for name in [
        "Member A", "Member B", "Member C", "Member D", "Member E", "Member F",
    ] {
        juror(&store, name, "member");
    }
    let ballots = [
        ("President P", "Beta > Alpha > Gamma > Delta"),
        ("Member A", "Alpha > Beta > Delta > Gamma"),
        ("Member B", "2 > 3 > 1 > 4"),
        ("Member C", "Beta > Gamma"),
        ("Member D", "Alpha > Beta > Gamma > Delta"),
        ("Member E", "Gamma > Beta > Alpha > Delta"),
        ("Member F", "Delta > Beta > Alpha > Gamma"),
    ];
    for (juror, ranking) in ballots {
        rank(&store, "Best Film", juror, ranking);
    }
    store
}

#[test]
fn a_seven_member_jury_is_counted_and_explained() {
    let store = seven_member_jury();
    let count = tally(&store, "Best Film");
    assert_eq!(count["category"], "Best Film");
    assert_eq!(count["method"], "schulze");
    assert_eq!(count["ballots"], 7);
    assert_eq!(labels(&count["winners"]), ["Beta"]);
    assert_eq!(count["tie"], false);
    assert_eq!(labels(&count["ranking"][0]), ["Beta"]);
    let d = &count["pairwise"]["d"];
    // Beta is preferred to Alpha by P, B, C, E, F (5) and Alpha to Beta by A, D (2).
    assert_eq!(d[1][0], 5);
    assert_eq!(d[0][1], 2);
    assert_eq!(count["missing"], serde_json::json!([]));

    let text = store.ok(&["tally", "--edition", "test-1", "--category", "Best Film"]);
    assert!(text.contains("Result: Beta"), "{text}");
    assert!(text.contains("Pairwise"), "{text}");

    store.ok(&["award", "--edition", "test-1", "--category", "Best Film"]);
    let awards = array(store.json(&["list", "awards", "--edition", "test-1", "--format", "json"]));
    assert_eq!(labels(&awards[0]["winners"]), ["Beta"]);
    assert_eq!(awards[0]["decided_by"], "counted (schulze)");
}

#[test]
fn a_what_if_method_counts_the_same_ballots_without_recording_anything() {
    let store = seven_member_jury();
    let borda = array(store.json(&[
        "tally",
        "--edition",
        "test-1",
        "--method",
        "borda",
        "--format",
        "json",
    ]));
    assert_eq!(borda[0]["method"], "borda");
    assert_eq!(borda[0]["what_if"], true);
    let awards = array(store.json(&["list", "awards", "--edition", "test-1", "--format", "json"]));
    assert!(awards.is_empty());
}

#[test]
fn missing_jurors_are_named() {
    let store = edition();
    category(&store, "Best Film", "plurality", &[]);
    nominate(&store, "Best Film", &["Alpha", "Beta"]);
    juror(&store, "Voted", "member");
    juror(&store, "Not Yet", "member");
    rank(&store, "Best Film", "Voted", "Alpha");
    let count = tally(&store, "Best Film");
    assert_eq!(count["missing"], serde_json::json!(["Not Yet"]));
    assert_eq!(count["eligible_jurors"], 2);
}

#[test]
fn a_recused_juror_is_excluded_and_their_ballot_changes_nothing() {
    let store = seven_member_jury();
    let before = tally(&store, "Best Film");
    store.ok(&[
        "juror",
        "recuse",
        "--edition",
        "test-1",
        "--juror",
        "Member F",
        "--submission",
        "Delta",
        "--reason",
        "co-producer",
    ]);
    let recused = tally(&store, "Best Film");
    assert_eq!(recused["ballots"], 6);
    let excluded = recused["excluded"].as_array().unwrap();
    assert_eq!(excluded.len(), 1);
    assert_eq!(excluded[0]["voter"], "Member F");
    assert!(
        excluded[0]["reason"]
            .as_str()
            .unwrap()
            .contains("co-producer")
    );
    assert_ne!(before["pairwise"], recused["pairwise"]);

    // Whatever the recused juror puts on their ballot, the count does not move.
    rank(
        &store,
        "Best Film",
        "Member F",
        "Delta > Gamma > Alpha > Beta",
    );
    let after = tally(&store, "Best Film");
    assert_eq!(after["pairwise"], recused["pairwise"]);
    assert_eq!(after["winners"], recused["winners"]);
    let jurors = array(store.json(&["list", "jurors", "--edition", "test-1", "--format", "json"]));
    let f = jurors.iter().find(|j| j["name"] == "Member F").unwrap();
    assert!(f["recusals"][0].as_str().unwrap().contains("co-producer"));
}

#[test]
fn observers_never_vote() {
    let store = edition();
    category(&store, "Best Film", "plurality", &[]);
    nominate(&store, "Best Film", &["Alpha", "Beta"]);
    juror(&store, "Watcher", "observer");
    let err = store.fails(
        1,
        &[
            "ballot",
            "set",
            "--edition",
            "test-1",
            "--category",
            "Best Film",
            "--juror",
            "Watcher",
            "--rank",
            "Alpha",
        ],
    );
    assert!(err.contains("observer"), "{err}");
}

#[test]
fn a_juror_credited_on_a_film_is_flagged_as_a_probable_conflict() {
    let store = edition();
    let out = store
        .cmd()
        .args([
            "juror",
            "add",
            "--edition",
            "test-1",
            "--name",
            "ada director",
        ])
        .assert()
        .success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("probable conflict") && stderr.contains("Alpha"),
        "{stderr}"
    );
    let jurors = array(store.json(&["list", "jurors", "--edition", "test-1", "--format", "json"]));
    assert!(
        jurors[0]["probable_conflicts"][0]
            .as_str()
            .unwrap()
            .contains("Alpha")
    );
}

/// Two jurors, two nominees, one vote each: a plurality tie.
fn tied(tie_breaks: &[&str]) -> TestStore {
    let store = edition();
    category(&store, "Best Film", "plurality", tie_breaks);
    nominate(&store, "Best Film", &["Alpha", "Beta"]);
    juror(&store, "Pres", "president");
    juror(&store, "Mem", "member");
    rank(&store, "Best Film", "Pres", "Beta > Alpha");
    rank(&store, "Best Film", "Mem", "Alpha > Beta");
    store
}

#[test]
fn a_tie_is_reported_and_cannot_be_awarded_as_counted() {
    let store = tied(&[]);
    let count = tally(&store, "Best Film");
    assert_eq!(count["tie"], true);
    assert_eq!(labels(&count["winners"]), ["Alpha", "Beta"]);
    let err = store.fails(
        1,
        &["award", "--edition", "test-1", "--category", "Best Film"],
    );
    assert!(err.contains("tie") && err.contains("casting"), "{err}");
}

#[test]
fn the_presidents_casting_vote_settles_a_tie_in_the_chain() {
    let store = tied(&["casting-vote"]);
    let count = tally(&store, "Best Film");
    assert_eq!(count["tie"], true, "the count itself is tied");
    assert_eq!(
        labels(&count["winners"]),
        ["Beta"],
        "the president ranked Beta first"
    );
    assert_eq!(count["tie_breaks"][0]["rule"], "casting-vote");
    store.ok(&["award", "--edition", "test-1", "--category", "Best Film"]);
    let awards = array(store.json(&["list", "awards", "--edition", "test-1", "--format", "json"]));
    assert_eq!(awards[0]["decided_by"], "casting vote");
}

#[test]
fn a_tie_is_settled_by_an_explicit_casting_vote_draw_or_named_winner() {
    let store = tied(&[]);
    let err = store.fails(
        1,
        &[
            "award",
            "--edition",
            "test-1",
            "--category",
            "Best Film",
            "--casting-vote",
            "Gamma",
        ],
    );
    assert!(err.contains("Gamma"), "{err}");
    store.ok(&[
        "award",
        "--edition",
        "test-1",
        "--category",
        "Best Film",
        "--casting-vote",
        "Alpha",
    ]);
    let awards = array(store.json(&["list", "awards", "--edition", "test-1", "--format", "json"]));
    assert_eq!(labels(&awards[0]["winners"]), ["Alpha"]);

    // A draw is reproducible: the same seed gives the same winner on another store.
    let draws: Vec<Value> = (0..2)
        .map(|_| {
            let s = tied(&[]);
            s.ok(&[
                "award",
                "--edition",
                "test-1",
                "--category",
                "Best Film",
                "--draw",
                "2025",
            ]);
            array(s.json(&["list", "awards", "--edition", "test-1", "--format", "json"]))[0].clone()
        })
        .collect();
    assert_eq!(draws[0]["winners"], draws[1]["winners"]);
    assert_eq!(draws[0]["decided_by"], "draw (seed 2025)");

    let err = store.fails(
        2,
        &[
            "award",
            "--edition",
            "test-1",
            "--category",
            "Best Film",
            "--winner",
            "Beta",
        ],
    );
    assert!(err.contains("--reason"), "{err}");
    store.ok(&[
        "award",
        "--edition",
        "test-1",
        "--category",
        "Best Film",
        "--winner",
        "Beta",
        "--reason",
        "re-vote on paper",
    ]);
    let awards = array(store.json(&["list", "awards", "--edition", "test-1", "--format", "json"]));
    assert_eq!(awards.len(), 1, "a new award replaces the old one");
    assert_eq!(awards[0]["decided_by"], "by hand: re-vote on paper");
}

#[test]
fn majority_rounds_decide_only_with_the_majority_the_round_needs() {
    let store = edition();
    category(&store, "Grand Prix", "majority-rounds", &["casting-vote"]);
    nominate(&store, "Grand Prix", &["Alpha", "Beta", "Gamma"]);
    for (name, role) in [
        ("P", "president"),
        ("M1", "member"),
        ("M2", "member"),
        ("M3", "member"),
    ] {
        juror(&store, name, role);
    }
    let vote = |juror: &str, round: &str, nominee: &str| {
        store.ok(&[
            "ballot",
            "set",
            "--edition",
            "test-1",
            "--category",
            "Grand Prix",
            "--juror",
            juror,
            "--round",
            round,
            "--vote",
            nominee,
        ]);
    };
    for (juror, nominee) in [
        ("P", "Alpha"),
        ("M1", "Alpha"),
        ("M2", "Beta"),
        ("M3", "Gamma"),
    ] {
        vote(juror, "1", nominee);
    }
    let count = tally(&store, "Grand Prix");
    assert_eq!(
        count["decided"], false,
        "2 of 4 is not an absolute majority"
    );
    let err = store.fails(
        1,
        &["award", "--edition", "test-1", "--category", "Grand Prix"],
    );
    assert!(err.contains("not decided"), "{err}");

    for (juror, nominee) in [
        ("P", "Alpha"),
        ("M1", "Alpha"),
        ("M2", "Alpha"),
        ("M3", "Gamma"),
    ] {
        vote(juror, "2", nominee);
    }
    let count = tally(&store, "Grand Prix");
    assert_eq!(count["decided"], true);
    assert_eq!(labels(&count["winners"]), ["Alpha"]);
    assert_eq!(count["rounds"].as_array().unwrap().len(), 2);
    let ballots =
        array(store.json(&["list", "ballots", "--edition", "test-1", "--format", "json"]));
    assert!(ballots[0]["ballot"].as_str().unwrap().contains("round 2"));
}

#[test]
fn ballots_of_the_wrong_kind_or_out_of_range_are_refused() {
    let store = edition();
    category(&store, "Scored", "score-mean", &[]);
    nominate(&store, "Scored", &["Alpha", "Beta"]);
    juror(&store, "J", "member");
    let base = [
        "ballot",
        "set",
        "--edition",
        "test-1",
        "--category",
        "Scored",
        "--juror",
        "J",
    ];
    fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
        [base, extra].concat()
    }
    assert!(
        store
            .fails(1, &with(&base, &["--rank", "Alpha > Beta"]))
            .contains("score")
    );
    assert!(
        store
            .fails(1, &with(&base, &["--score", "Alpha=11"]))
            .contains("0 to 10")
    );
    assert!(
        store
            .fails(1, &with(&base, &["--score", "Alpha=3, Alpha=4"]))
            .contains("twice")
    );
    assert!(
        store
            .fails(1, &with(&base, &["--score", "Omega=3"]))
            .contains("Alpha"),
        "unknown nominee lists candidates"
    );
    store.ok(&with(&base, &["--score", "1=7, Beta=10"]));
    let count = tally(&store, "Scored");
    assert_eq!(labels(&count["winners"]), ["Beta"]);
}

#[test]
fn importing_ballots_is_all_or_nothing_with_line_numbers() {
    let store = seven_member_jury();
    let dir = tempfile::tempdir().unwrap();
    category(&store, "Best Short", "borda", &[]);
    nominate(&store, "Best Short", &["Alpha", "Gamma"]);
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "category,juror,ranking\nBest Short,Member A,Alpha > Gamma\nBest Short,Nobody,Gamma\nBest Short,Member B,Alpha > > Gamma\n",
    )
    .unwrap();
    let err = store.fails(
        1,
        &[
            "import",
            "ballots",
            bad.to_str().unwrap(),
            "--edition",
            "test-1",
        ],
    );
    assert!(err.contains("bad.csv:3") && err.contains("Nobody"), "{err}");
    assert!(err.contains("bad.csv:4"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    let ballots = array(store.json(&[
        "list",
        "ballots",
        "--edition",
        "test-1",
        "--category",
        "Best Short",
        "--format",
        "json",
    ]));
    assert!(ballots.is_empty(), "nothing of the bad file was stored");

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "category,juror,ranking\nBest Short,Member A,Alpha > Gamma\nBest Short,Member B,2 > 1\n",
    )
    .unwrap();
    let out = store.ok(&[
        "import",
        "ballots",
        good.to_str().unwrap(),
        "--edition",
        "test-1",
    ]);
    assert!(out.contains("imported 2 ballot(s)"), "{out}");
    let count = tally(&store, "Best Short");
    assert_eq!(count["ballots"], 2);
}

#[test]
fn ballots_changes_are_logged_and_undone() {
    let store = seven_member_jury();
    rank(&store, "Best Film", "Member F", "Alpha > Beta");
    let log = store.log();
    assert!(
        log[0]["action"]
            .as_str()
            .unwrap()
            .contains("ballot set Member F")
    );
    store.ok(&["undo"]);
    let ballots =
        array(store.json(&["list", "ballots", "--edition", "test-1", "--format", "json"]));
    let f = ballots.iter().find(|b| b["juror"] == "Member F").unwrap();
    assert!(
        f["ballot"].as_str().unwrap().starts_with("Delta"),
        "undo restored the earlier ballot"
    );
    store.ok(&["log", "--verify"]);
    store.ok(&["check"]);
}
