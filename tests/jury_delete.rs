//! Removing the jury's records from the command line: `category delete`, `nomination delete` and
//! `juror delete`. Each removal is one audit entry that `undo` reverses exactly (the backup before and
//! after delete + undo is the same, byte for byte), `check` finds the store sound after either, and a
//! removal that would contradict a recorded award or a frozen palmarès is refused with the way out.
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

const EDITION: &str = JURY_EDITION;

/// An edition with three films; "Best Film" (Schulze) with all three nominated and ranked ballots from
/// the president and the member; "Best Director" (a person category, plurality) with one nominee and a
/// ballot of the president's naming only her; a president, a member (recused from Gamma) and an
/// observer.
fn jury() -> TestStore {
    let store = seated_jury();
    store.ok(&[
        "juror",
        "recuse",
        "--edition",
        EDITION,
        "--juror",
        "Mo Member",
        "--submission",
        "Gamma",
        "--reason",
        "produced it",
    ]);
    for (juror, ranking) in [
        ("Pia President", "Alpha > Beta > Gamma"),
        ("Mo Member", "Beta > Alpha"),
    ] {
        ballot(&store, "Best Film", juror, ranking);
    }
    ballot(&store, "Best Director", "Pia President", "Ada Director");
    store
}

fn ballot(store: &TestStore, category: &str, juror: &str, ranking: &str) {
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        EDITION,
        "--category",
        category,
        "--juror",
        juror,
        "--rank",
        ranking,
    ]);
}

fn list(store: &TestStore, what: &str) -> Vec<Value> {
    array(store.json(&["list", what, "--edition", EDITION, "--format", "json"]))
}

fn names(rows: &[Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["name"].as_str().unwrap_or_default().to_string())
        .collect()
}

/// The backup's records and id counters, as the backup writes them. The backup also carries the audit
/// log, which a delete and its undo lengthen by two entries; everything else must come back exactly.
fn backup(store: &TestStore) -> String {
    let backup: Value = serde_json::from_str(&store.ok(&["export", "backup"])).unwrap();
    assert!(backup["records"].is_object(), "{backup}");
    format!("{:#}\n{:#}", backup["records"], backup["counters"])
}

fn assert_sound(store: &TestStore, when: &str) {
    let out = store.ok(&["check"]);
    assert!(out.contains("store is sound"), "{when}: {out}");
}

/// Runs a delete that must succeed; returns (stdout, stderr).
fn delete(store: &TestStore, args: &[&str]) -> (String, String) {
    let out = store.run(args).success();
    let output = out.get_output();
    (
        String::from_utf8(output.stdout.clone()).unwrap(),
        String::from_utf8(output.stderr.clone()).unwrap(),
    )
}

/// Undoes the latest change and checks the store is back exactly as `before`, and sound.
fn undo_restores(store: &TestStore, before: &str) {
    store.ok(&["undo"]);
    let after = backup(store);
    assert!(
        after == before,
        "delete + undo is not byte-identical:\n{}",
        first_difference(before, &after)
    );
    assert_sound(store, "after undo");
}

fn first_difference(before: &str, after: &str) -> String {
    before
        .lines()
        .zip(after.lines())
        .enumerate()
        .find(|(_, (b, a))| b != a)
        .map(|(i, (b, a))| format!("line {}: {b:?} became {a:?}", i + 1))
        .unwrap_or_else(|| "one is a prefix of the other".into())
}

#[test]
fn category_delete_takes_its_nominees_and_ballots_and_undo_restores_them_exactly() {
    let store = jury();
    let before = backup(&store);
    let entries = store.log().len();
    let (out, _) = delete(
        &store,
        &[
            "category",
            "delete",
            "--edition",
            EDITION,
            "--category",
            "Best Film",
        ],
    );
    assert!(
        out.contains("deleted category Best Film and its 3 nominees, with 2 ballots"),
        "{out}"
    );
    assert_eq!(store.log().len(), entries + 1, "one audit entry");
    assert_eq!(names(&list(&store, "categories")), ["Best Director"]);
    let ballots = list(&store, "ballots");
    assert_eq!(
        ballots.len(),
        1,
        "only Best Director's ballot is left: {ballots:?}"
    );
    assert_sound(&store, "after delete");
    undo_restores(&store, &before);
}

#[test]
fn a_withdrawn_nominee_is_taken_off_the_ballots_and_the_others_keep_their_numbers() {
    let store = jury();
    let before = backup(&store);
    let (out, err) = delete(
        &store,
        &[
            "nomination",
            "delete",
            "--edition",
            EDITION,
            "--category",
            "Best Film",
            "--nominee",
            "Alpha",
        ],
    );
    assert!(
        out.contains("deleted nominee 1 Alpha from Best Film"),
        "{out}"
    );
    assert!(
        err.contains(
            "note: it is taken off 2 ballots (Pia President, Mo Member); the rest of each stays as cast"
        ),
        "{err}"
    );
    // The rest of each ballot stays as cast: the president's Beta > Gamma (the member, recused from
    // Gamma, is not counted here).
    let tally = array(store.json(&[
        "tally",
        "--edition",
        EDITION,
        "--category",
        "Best Film",
        "--format",
        "json",
    ]));
    assert_eq!(tally[0]["ballots"], 1, "{tally:?}");
    assert_eq!(
        tally[0]["ranking"],
        serde_json::json!([["Beta"], ["Gamma"]])
    );
    // Numbers are what jurors type: Beta is still 2, and "1" names nobody now.
    ballot(&store, "Best Film", "Mo Member", "2 > 3");
    let err = store.fails(
        1,
        &[
            "ballot",
            "set",
            "--edition",
            EDITION,
            "--category",
            "Best Film",
            "--juror",
            "Pia President",
            "--rank",
            "1",
        ],
    );
    assert!(err.contains("nominee '1' not found"), "{err}");
    store.ok(&["undo"]); // Mo's new ballot
    assert_sound(&store, "after delete");
    undo_restores(&store, &before);
}

#[test]
fn a_ballot_that_named_only_the_withdrawn_nominee_goes_with_it() {
    let store = jury();
    let before = backup(&store);
    let (_, err) = delete(
        &store,
        &[
            "nomination",
            "delete",
            "--edition",
            EDITION,
            "--category",
            "Best Director",
            "--nominee",
            "Ada Director",
        ],
    );
    assert!(
        err.contains("note: 1 ballot named only it and goes (Pia President)"),
        "{err}"
    );
    let ballots = list(&store, "ballots");
    assert_eq!(ballots.len(), 2, "{ballots:?}");
    assert_sound(&store, "after delete");
    undo_restores(&store, &before);
}

#[test]
fn a_nominated_submission_can_be_deleted_once_its_nominations_are() {
    let store = jury();
    let gamma = find(&store.submissions(EDITION, &[]), "Gamma")["id"].to_string();
    let err = store.fails(1, &["submission", "delete", &gamma]);
    assert!(err.contains("remove them first"), "{err}");
    store.ok(&[
        "nomination",
        "delete",
        "--edition",
        EDITION,
        "--category",
        "Best Film",
        "--nominee",
        "3",
    ]);
    // Mo Member stood aside from Gamma: the recusal goes with the film, and comes back with it.
    let before = backup(&store);
    store.ok(&["submission", "delete", &gamma]);
    assert_sound(&store, "after both deletes");
    undo_restores(&store, &before);
}

#[test]
fn juror_delete_takes_their_ballots_and_recusals_and_undo_restores_them_exactly() {
    let store = jury();
    let before = backup(&store);
    let (out, _) = delete(
        &store,
        &[
            "juror",
            "delete",
            "--edition",
            EDITION,
            "--juror",
            "Mo Member",
        ],
    );
    assert!(
        out.contains("deleted juror Mo Member, with their 1 ballot (Best Film) and 1 recusal"),
        "{out}"
    );
    assert_eq!(
        names(&list(&store, "jurors")),
        ["Pia President", "Oz Observer"]
    );
    let ballots = list(&store, "ballots");
    assert_eq!(ballots.len(), 2, "{ballots:?}");
    assert!(
        ballots.iter().all(|b| b["juror"] == "Pia President"),
        "{ballots:?}"
    );
    assert_sound(&store, "after delete");
    undo_restores(&store, &before);
}

#[test]
fn a_recorded_award_holds_its_category_nominees_and_voters_until_it_is_withdrawn() {
    let store = jury();
    store.ok(&["award", "--edition", EDITION, "--category", "Best Film"]);
    let entries = store.log().len();
    let refusals: [(&[&str], &str); 4] = [
        (
            &[
                "category",
                "delete",
                "--edition",
                EDITION,
                "--category",
                "Best Film",
            ],
            "which freezes the category",
        ),
        (
            &[
                "nomination",
                "delete",
                "--edition",
                EDITION,
                "--category",
                "Best Film",
                "--nominee",
                "Alpha",
            ],
            "which freezes its nominees",
        ),
        (
            &[
                "nomination",
                "delete",
                "--edition",
                EDITION,
                "--category",
                "Best Film",
                "--nominee",
                "Gamma",
            ],
            "which freezes its nominees",
        ),
        (
            &[
                "juror",
                "delete",
                "--edition",
                EDITION,
                "--juror",
                "Mo Member",
            ],
            "which freezes its ballots, Mo Member's among them",
        ),
    ];
    for (args, why) in refusals {
        let err = store.fails(1, args);
        assert!(
            err.contains("'Best Film' has a recorded award"),
            "{args:?}: {err}"
        );
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(
            err.contains(
                "withdraw the award first (jurydesk award withdraw --edition test-1 --category 'Best Film' --reason …)"
            ),
            "{args:?}: {err}"
        );
    }
    assert_eq!(store.log().len(), entries, "a refusal writes nothing");
    // The observer has no ballot behind the award: they may go.
    store.ok(&[
        "juror",
        "delete",
        "--edition",
        EDITION,
        "--juror",
        "Oz Observer",
    ]);
    // Not undo (which reverses only the latest change, here the observer's removal): withdraw.
    store.ok(&[
        "award",
        "withdraw",
        "--edition",
        EDITION,
        "--category",
        "Best Film",
        "--reason",
        "to test",
    ]);
    store.ok(&[
        "category",
        "delete",
        "--edition",
        EDITION,
        "--category",
        "Best Film",
    ]);
    assert_sound(&store, "after the award's undo and the delete");
}

#[test]
fn nothing_is_deleted_in_a_finalized_edition() {
    let store = TestStore::with_demo();
    // The demo's palmarès is incomplete (nothing awarded yet): finalizing it needs a reason.
    store.ok(&[
        "finalize",
        "--edition",
        "riff-18",
        "--override",
        "frozen for the test",
    ]);
    let list =
        |what: &str| array(store.json(&["list", what, "--edition", "riff-18", "--format", "json"]));
    let juror = list("jurors")[0]["name"].as_str().unwrap().to_string();
    let category = list("categories")[0]["name"].as_str().unwrap().to_string();
    for args in [
        vec!["juror", "delete", "--edition", "riff-18", "--juror", &juror],
        vec![
            "category",
            "delete",
            "--edition",
            "riff-18",
            "--category",
            &category,
        ],
        vec![
            "nomination",
            "delete",
            "--edition",
            "riff-18",
            "--category",
            &category,
            "--nominee",
            "1",
        ],
    ] {
        let err = store.fails(1, &args);
        assert!(err.contains("riff-18 is finalized"), "{args:?}: {err}");
        assert!(err.contains("reopen it first"), "{args:?}: {err}");
    }
}

#[test]
fn an_unknown_reference_names_the_candidates() {
    let store = jury();
    let err = store.fails(
        1,
        &[
            "category",
            "delete",
            "--edition",
            EDITION,
            "--category",
            "Best Actor",
        ],
    );
    assert!(
        err.contains("Best Film") && err.contains("Best Director"),
        "{err}"
    );
    let err = store.fails(
        1,
        &["juror", "delete", "--edition", EDITION, "--juror", "Nobody"],
    );
    assert!(err.contains("Pia President"), "{err}");
}
