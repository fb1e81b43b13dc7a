//! Complete and provisional counts and deliberate awards on the command line
//! (docs/counting.md#provisional-counts, docs/counting.md#deciding-an-award; issue 12 findings 1, 3
//! and 14): `tally` text and JSON say when a count is provisional and which round is being voted,
//! `ballot set` and `import ballots` keep rounds in turn, `juror absent`/`present`, and `award`
//! refuses a provisional count, a casting vote or draw without a standing tie, and a winner nobody
//! voted for.
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

const FILMS: [&str; 3] = ["Alpha", "Beta", "Gamma"];

fn tally_json(store: &TestStore, edition: &str, category: &str) -> Value {
    let mut rows = array(store.json(&[
        "tally",
        "--edition",
        edition,
        "--category",
        category,
        "--format",
        "json",
    ]));
    assert_eq!(rows.len(), 1);
    rows.remove(0)
}

fn names(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect()
}

const DIRECTOR: &str = "Best Director";

fn director_vote(store: &TestStore, juror: &str, round: &str, nominee: &str) {
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        "riff-18",
        "--category",
        DIRECTOR,
        "--juror",
        juror,
        "--round",
        round,
        "--vote",
        nominee,
    ]);
}

/// Issue 12 finding 1, replayed: one juror's vote in round 3 decided the demo's Best Director.
#[test]
fn a_vote_in_a_round_the_jury_is_not_on_is_refused_and_decides_nothing() {
    let store = TestStore::with_demo();
    let err = store.fails(
        1,
        &[
            "ballot",
            "set",
            "--edition",
            "riff-18",
            "--category",
            DIRECTOR,
            "--juror",
            "Yannick Morel",
            "--round",
            "3",
            "--vote",
            "3",
        ],
    );
    assert!(
        err.contains("round 3")
            && err.contains("the jury is on round 1")
            && err.contains("Javad Karimi"),
        "{err}"
    );
    let count = tally_json(&store, "riff-18", DIRECTOR);
    assert_eq!(count["provisional"], true);
    assert_eq!(names(&count["missing"]), ["Javad Karimi"]);
    assert_eq!(count["pending_round"]["round"], 1);
    assert_eq!(count["pending_round"]["cast"], 4);
    assert_eq!(count["pending_round"]["electorate"], 5);
    assert_eq!(names(&count["pending_round"]["waiting"]), ["Javad Karimi"]);
    assert!(names(&count["winners"]).is_empty());
    let err = store.fails(
        1,
        &["award", "--edition", "riff-18", "--category", DIRECTOR],
    );
    assert!(
        err.contains("missing: Javad Karimi")
            && err.contains("--winner")
            && err.contains("--reason"),
        "{err}"
    );
    let text = store.ok(&["tally", "--edition", "riff-18", "--category", DIRECTOR]);
    assert!(
        text.contains("provisional: 1 of 5 ballots missing: Javad Karimi"),
        "{text}"
    );
    assert!(
        text.contains("round 1: 4 of 5 votes cast; still to vote in it: Javad Karimi"),
        "{text}"
    );
}

/// The demo's Best Director with votes entered one juror at a time: no winner is shown, and no
/// award recorded, before the round is complete; the last vote of round 3 decides.
#[test]
fn the_demo_best_director_shows_no_winner_before_the_round_is_complete() {
    let store = TestStore::with_demo();
    // Javad Karimi catches up on rounds 1 and 2: neither reaches an absolute majority.
    director_vote(&store, "Javad Karimi", "1", "3");
    let count = tally_json(&store, "riff-18", DIRECTOR);
    assert_eq!(count["provisional"], true, "round 2 is still 4 of 5");
    assert_eq!(count["pending_round"]["round"], 2);
    assert!(names(&count["winners"]).is_empty());
    director_vote(&store, "Javad Karimi", "2", "3");
    let count = tally_json(&store, "riff-18", DIRECTOR);
    assert_eq!(count["provisional"], false);
    assert_eq!(count["decided"], false);
    assert!(count["pending_round"].is_null());
    assert_eq!(count["rounds"].as_array().map(Vec::len), Some(2));

    let round3 = [
        ("Yannick Morel", "3"),
        ("Mina Sadeghi", "1"),
        ("Leila Haddad", "3"),
        ("Sara Ahmadi", "2"),
        ("Javad Karimi", "3"),
    ];
    for (k, (juror, nominee)) in round3.iter().enumerate() {
        director_vote(&store, juror, "3", nominee);
        let count = tally_json(&store, "riff-18", DIRECTOR);
        if k + 1 < round3.len() {
            assert!(
                names(&count["winners"]).is_empty(),
                "a winner after {} of 5 votes: {count}",
                k + 1
            );
            assert_eq!(count["decided"], false);
            assert_eq!(count["provisional"], true);
            assert_eq!(count["pending_round"]["round"], 3);
            assert_eq!(count["pending_round"]["cast"], k + 1);
            assert_eq!(count["rounds"].as_array().map(Vec::len), Some(2));
            store.fails(
                1,
                &["award", "--edition", "riff-18", "--category", DIRECTOR],
            );
        } else {
            assert_eq!(
                names(&count["winners"]),
                ["Kaveh Arman (Letters from the Front Line)"]
            );
            assert_eq!(count["provisional"], false);
            assert!(count["pending_round"].is_null());
        }
    }
    store.ok(&["award", "--edition", "riff-18", "--category", DIRECTOR]);
    // Round 3 decided: no round 4 is held.
    let err = store.fails(
        1,
        &[
            "ballot",
            "set",
            "--edition",
            "riff-18",
            "--category",
            DIRECTOR,
            "--juror",
            "Sara Ahmadi",
            "--round",
            "4",
            "--vote",
            "1",
        ],
    );
    assert!(err.contains("round 3 already decided"), "{err}");
}

#[test]
fn a_juror_declared_absent_is_not_waited_for_and_their_ballot_is_left_out() {
    let store = TestStore::with_demo();
    // Yannick Morel's ballot counts; Javad Karimi's is missing.
    let err = store.fails(
        2,
        &[
            "juror",
            "absent",
            "--edition",
            "riff-18",
            "--juror",
            "Javad Karimi",
        ],
    );
    assert!(err.contains("--reason"), "{err}");
    store.ok(&[
        "juror",
        "absent",
        "--edition",
        "riff-18",
        "--juror",
        "Javad Karimi",
        "--reason",
        "flight cancelled",
    ]);
    store.ok(&[
        "juror",
        "absent",
        "--edition",
        "riff-18",
        "--juror",
        "Yannick Morel",
        "--reason",
        "ill",
    ]);
    let jurors = array(store.json(&["list", "jurors", "--edition", "riff-18", "--format", "json"]));
    let row = |name: &str| {
        jurors
            .iter()
            .find(|j| j["name"] == name)
            .unwrap_or_else(|| panic!("{name} listed"))
            .clone()
    };
    assert_eq!(row("Javad Karimi")["absent"], true);
    assert_eq!(row("Javad Karimi")["absence_reason"], "flight cancelled");
    assert_eq!(row("Mina Sadeghi")["absent"], false);
    assert!(row("Mina Sadeghi")["absence_reason"].is_null());
    let table = store.ok(&["list", "jurors", "--edition", "riff-18"]);
    assert!(table.contains("flight cancelled"), "{table}");

    let count = tally_json(&store, "riff-18", DIRECTOR);
    assert_eq!(count["provisional"], false);
    assert!(names(&count["missing"]).is_empty());
    assert_eq!(count["eligible_jurors"], 3);
    let excluded = count["excluded"].as_array().expect("excluded");
    assert!(
        excluded
            .iter()
            .any(|e| e["voter"] == "Yannick Morel" && e["reason"] == "absent: ill"),
        "{excluded:?}"
    );
    assert!(
        !excluded.iter().any(|e| e["voter"] == "Javad Karimi"),
        "an absent juror without a ballot is not an exclusion"
    );
    assert_eq!(count["absent"][0]["juror"], "Javad Karimi");
    let text = store.ok(&["tally", "--edition", "riff-18", "--category", DIRECTOR]);
    assert!(
        text.contains("absent: Javad Karimi (flight cancelled)"),
        "{text}"
    );
    assert!(!text.contains("provisional"), "{text}");

    // Twice, or present when not absent: refused, saying so.
    let err = store.fails(
        1,
        &[
            "juror",
            "absent",
            "--edition",
            "riff-18",
            "--juror",
            "Javad Karimi",
            "--reason",
            "x",
        ],
    );
    assert!(
        err.contains("already declared absent") && err.contains("juror present"),
        "{err}"
    );
    let err = store.fails(
        1,
        &[
            "juror",
            "present",
            "--edition",
            "riff-18",
            "--juror",
            "Mina Sadeghi",
        ],
    );
    assert!(err.contains("not declared absent"), "{err}");

    // Logged, and undone like every change.
    let log = store.log();
    assert!(
        log[0]["action"]
            .as_str()
            .is_some_and(|a| a.contains("juror absent Yannick Morel")),
        "{log:?}"
    );
    store.ok(&["undo"]);
    let count = tally_json(&store, "riff-18", DIRECTOR);
    assert_eq!(count["eligible_jurors"], 4, "Yannick Morel counts again");

    store.ok(&[
        "juror",
        "present",
        "--edition",
        "riff-18",
        "--juror",
        "Javad Karimi",
    ]);
    let count = tally_json(&store, "riff-18", DIRECTOR);
    assert_eq!(count["provisional"], true);
    assert_eq!(names(&count["missing"]), ["Javad Karimi"]);
    assert!(
        store
            .log()
            .first()
            .and_then(|e| e["action"].as_str())
            .is_some_and(|a| a.contains("juror present Javad Karimi")),
    );
}

#[test]
fn absence_is_refused_in_a_finalized_edition() {
    let store = TestStore::with_demo();
    store.ok(&["finalize", "--edition", "riff-18", "--override", "test"]);
    let err = store.fails(
        1,
        &[
            "juror",
            "absent",
            "--edition",
            "riff-18",
            "--juror",
            "Javad Karimi",
            "--reason",
            "ill",
        ],
    );
    assert!(err.contains("finalized"), "{err}");
    let err = store.fails(
        1,
        &[
            "juror",
            "present",
            "--edition",
            "riff-18",
            "--juror",
            "Javad Karimi",
        ],
    );
    assert!(err.contains("finalized"), "{err}");
}

/// A festival with films Alpha, Beta and Gamma and a president P with members M1…M4.
fn small_jury() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "t", "--name", "T"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "t",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    for film in FILMS {
        store.ok(&["submission", "add", "--edition", "t-1", "--title", film]);
    }
    store.ok(&[
        "juror",
        "add",
        "--edition",
        "t-1",
        "--name",
        "P",
        "--role",
        "president",
    ]);
    for m in ["M1", "M2", "M3", "M4"] {
        store.ok(&["juror", "add", "--edition", "t-1", "--name", m]);
    }
    store
}

fn category(store: &TestStore, name: &str, method: &str, chain: &[&str], films: &[&str]) {
    let mut args = vec![
        "category",
        "add",
        "--edition",
        "t-1",
        "--name",
        name,
        "--method",
        method,
    ];
    for t in chain {
        args.extend(["--tie-break", t]);
    }
    store.ok(&args);
    for film in films {
        store.ok(&[
            "nominate",
            "--edition",
            "t-1",
            "--category",
            name,
            "--submission",
            film,
        ]);
    }
}

fn rank(store: &TestStore, category: &str, juror: &str, ranking: &str) {
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        "t-1",
        "--category",
        category,
        "--juror",
        juror,
        "--rank",
        ranking,
    ]);
}

fn award(store: &TestStore, category: &str, extra: &[&str]) -> Result<String, String> {
    let mut args = vec!["award", "--edition", "t-1", "--category", category];
    args.extend_from_slice(extra);
    let output = store.cmd().args(&args).output().expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(stderr)
    }
}

/// Issue 12 finding 3 (desk side): a 2–2 first-choice tie that the category's Borda tie-break
/// settles for Alpha; a casting vote (or a draw) for Beta would overrule the count.
#[test]
fn a_casting_vote_or_draw_needs_a_tie_the_chain_left_standing() {
    let store = small_jury();
    category(
        &store,
        "Special",
        "plurality",
        &["borda", "casting-vote"],
        &FILMS,
    );
    for (juror, ranking) in [
        ("P", "Alpha > Beta"),
        ("M1", "Alpha > Beta"),
        ("M2", "Beta > Alpha"),
        ("M3", "Beta > Alpha"),
        ("M4", "Gamma > Alpha > Beta"),
    ] {
        rank(&store, "Special", juror, ranking);
    }
    let count = tally_json(&store, "t-1", "Special");
    assert_eq!(count["tie"], true);
    assert_eq!(names(&count["winners"]), ["Alpha"]);
    let err = award(&store, "Special", &["--casting-vote", "Beta"]).expect_err("refused");
    assert!(
        err.contains("already settled") && err.contains("borda") && err.contains("for Alpha"),
        "{err}"
    );
    assert!(
        err.contains("jurydesk award --edition t-1 --category \"Special\""),
        "{err}"
    );
    let err = award(&store, "Special", &["--draw", "7"]).expect_err("refused");
    assert!(err.contains("already settled"), "{err}");
    assert!(
        store
            .ok(&["list", "awards", "--edition", "t-1"])
            .lines()
            .count()
            <= 1
    );
    award(&store, "Special", &[]).expect("the count's own result");
    let awards = array(store.json(&["list", "awards", "--edition", "t-1", "--format", "json"]));
    assert_eq!(names(&awards[0]["winners"]), ["Alpha"]);
}

#[test]
fn a_casting_vote_and_a_draw_settle_a_standing_tie_among_the_tied() {
    let store = small_jury();
    category(&store, "Special", "plurality", &[], &FILMS);
    for (juror, ranking) in [
        ("P", "Alpha"),
        ("M1", "Alpha"),
        ("M2", "Beta"),
        ("M3", "Beta"),
        ("M4", "Gamma"),
    ] {
        rank(&store, "Special", juror, ranking);
    }
    let err = award(&store, "Special", &["--casting-vote", "Gamma"]).expect_err("not tied");
    assert!(err.contains("not among them (Alpha and Beta)"), "{err}");
    award(&store, "Special", &["--casting-vote", "Beta"]).expect("a standing tie");
    award(&store, "Special", &["--draw", "11"]).expect("a draw among the standing tie");
    let awards = array(store.json(&["list", "awards", "--edition", "t-1", "--format", "json"]));
    let winner = names(&awards[0]["winners"]);
    assert!(winner == ["Alpha"] || winner == ["Beta"], "{winner:?}");
}

/// Issue 12 finding 14: after the cascade takes the only ranked film, IRV says "Gamma is the only
/// nominee left" with every ballot exhausted; plurality gives a 0–0 tie. Neither is an award.
#[test]
fn a_winner_nobody_voted_for_is_awarded_only_by_hand() {
    let store = small_jury();
    store.ok(&[
        "rules",
        "set",
        "--edition",
        "t-1",
        "--one-prize-per-film",
        "yes",
    ]);
    category(&store, "Top", "plurality", &[], &["Alpha", "Beta"]);
    category(&store, "Second", "irv", &[], &["Alpha", "Gamma"]);
    category(&store, "Third", "plurality", &[], &["Alpha", "Gamma"]);
    for juror in ["P", "M1", "M2", "M3", "M4"] {
        for c in ["Top", "Second", "Third"] {
            rank(&store, c, juror, "Alpha");
        }
    }
    award(&store, "Top", &[]).expect("Alpha takes the top prize");
    let count = tally_json(&store, "t-1", "Second");
    assert_eq!(names(&count["winners"]), ["Gamma"]);
    assert_eq!(names(&count["without_votes"]), ["Gamma"]);
    let err = award(&store, "Second", &[]).expect_err("no vote for Gamma");
    assert!(
        err.contains("Gamma received no vote at all") && err.contains("--winner"),
        "{err}"
    );
    store.ok(&[
        "category",
        "edit",
        "--edition",
        "t-1",
        "--category",
        "Third",
        "--ex-aequo",
    ]);
    let err = award(&store, "Third", &[]).expect_err("a 0–0 tie is no shared prize");
    assert!(err.contains("received no vote at all"), "{err}");
    award(
        &store,
        "Second",
        &["--winner", "Gamma", "--reason", "the jury chose on paper"],
    )
    .expect("by hand");
}

#[test]
fn rounds_files_are_checked_in_turn_as_a_whole() {
    let store = small_jury();
    category(&store, "Grand", "majority-rounds", &[], &FILMS);
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("rounds.csv");
    // Rounds 1 and 2 of the whole jury in one file, rows in any order: accepted.
    let mut rows = String::from("category,round,juror,vote\n");
    for (juror, first, second) in [
        ("P", "Alpha", "Alpha"),
        ("M1", "Beta", "Alpha"),
        ("M2", "Gamma", "Beta"),
        ("M3", "Alpha", "Beta"),
        ("M4", "Beta", "Gamma"),
    ] {
        rows.push_str(&format!(
            "Grand,2,{juror},{second}\nGrand,1,{juror},{first}\n"
        ));
    }
    std::fs::write(&file, rows).expect("write");
    let path = file.to_str().expect("utf-8 path");
    store.ok(&["import", "ballots", path, "--edition", "t-1"]);
    let count = tally_json(&store, "t-1", "Grand");
    assert_eq!(count["rounds"].as_array().map(Vec::len), Some(2));
    assert_eq!(count["provisional"], false);
    // Round 3 from two jurors, then round 4 from one: the round-4 line is refused, nothing written.
    std::fs::write(
        &file,
        "category,round,juror,vote\nGrand,3,P,Alpha\nGrand,3,M1,Alpha\nGrand,4,M2,Alpha\n",
    )
    .expect("write");
    let err = store.fails(1, &["import", "ballots", path, "--edition", "t-1"]);
    assert!(
        err.contains(":4:") && err.contains("round 4") && err.contains("the jury is on round 3"),
        "{err}"
    );
    let count = tally_json(&store, "t-1", "Grand");
    assert!(
        count["pending_round"].is_null(),
        "nothing was written: {count}"
    );
    // Earlier rounds stay when a later round is imported.
    std::fs::write(
        &file,
        "category,round,juror,vote\nGrand,3,P,Alpha\nGrand,3,M1,Alpha\n",
    )
    .expect("write");
    store.ok(&["import", "ballots", path, "--edition", "t-1"]);
    let count = tally_json(&store, "t-1", "Grand");
    assert_eq!(count["rounds"].as_array().map(Vec::len), Some(2));
    assert_eq!(count["pending_round"]["round"], 3);
    assert_eq!(count["pending_round"]["cast"], 2);
    assert_eq!(
        names(&count["pending_round"]["waiting"]),
        ["M2", "M3", "M4"]
    );
}

/// One prize per film: once the Grand Prize goes to A House in Basra, Best Director is counted
/// without its director. A round in which a juror voted for him stays complete (the vote is void, not
/// missing); Omar Khalil, recused from that film only, now votes too.
#[test]
fn votes_for_a_nominee_the_cascade_removed_keep_their_round_complete() {
    let store = TestStore::with_demo_grand_prize_complete();
    store.ok(&[
        "rules",
        "set",
        "--edition",
        "riff-18",
        "--one-prize-per-film",
        "yes",
    ]);
    store.ok(&["award", "--edition", "riff-18", "--category", "Grand Prize"]);
    let count = tally_json(&store, "riff-18", DIRECTOR);
    assert_eq!(names(&count["missing"]), ["Javad Karimi", "Omar Khalil"]);
    for juror in ["Javad Karimi", "Omar Khalil"] {
        director_vote(&store, juror, "1", "1");
    }
    let count = tally_json(&store, "riff-18", DIRECTOR);
    let passed: Vec<Value> = count["passed_over"]
        .as_array()
        .expect("passed over")
        .iter()
        .map(|p| p["nominee"].clone())
        .collect();
    assert_eq!(passed, ["Yusuf al-Amiri (A House in Basra)"]);
    // The juror who voted for Yusuf al-Amiri in round 1 is not waited for: the round is complete,
    // and Nasim Rahbar has 4 of the 5 votes for nominees still in the count.
    assert!(
        count["pending_round"].is_null(),
        "round 1 is complete: {count}"
    );
    assert_eq!(count["provisional"], false);
    assert_eq!(count["rounds"].as_array().map(Vec::len), Some(1));
    assert_eq!(names(&count["winners"]), ["Nasim Rahbar (The Salt Road)"]);
}
