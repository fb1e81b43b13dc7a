//! Changing the jury's records from the command line: `category edit`, `juror edit` and `nomination
//! edit` (README.md#command-line: every desk action has a scriptable command). Only the options given
//! change; bad input fails with exit 1 and a message naming the field; every edit is logged and
//! undone by `undo`.
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

/// An edition with three films, "Best Film" (Schulze) with all three nominated and two ranked ballots,
/// "Best Director" (a person category), and a president, a member and an observer.
fn jury() -> TestStore {
    let store = seated_jury();
    for juror in ["Pia President", "Mo Member"] {
        store.ok(&[
            "ballot",
            "set",
            "--edition",
            EDITION,
            "--category",
            "Best Film",
            "--juror",
            juror,
            "--rank",
            "Alpha > Beta > Gamma",
        ]);
    }
    store
}

fn with<'a>(base: &[&'a str], extra: &[&'a str]) -> Vec<&'a str> {
    [base, extra].concat()
}

fn list(store: &TestStore, what: &str) -> Vec<Value> {
    array(store.json(&["list", what, "--edition", EDITION, "--format", "json"]))
}

fn named<'a>(rows: &'a [Value], name: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no row named {name} in {rows:?}"))
}

fn tally(store: &TestStore, category: &str) -> Value {
    let mut rows = array(store.json(&[
        "tally",
        "--edition",
        EDITION,
        "--category",
        category,
        "--format",
        "json",
    ]));
    assert_eq!(rows.len(), 1);
    rows.remove(0)
}

const BEST_FILM: [&str; 6] = [
    "category",
    "edit",
    "--edition",
    EDITION,
    "--category",
    "Best Film",
];

#[test]
fn category_edit_changes_only_the_options_given_and_undo_restores_them() {
    let store = jury();
    let before = named(&list(&store, "categories"), "Best Film").clone();
    let out = store.ok(&with(
        &BEST_FILM,
        &[
            "--name",
            "Best Feature",
            "--prize",
            "Crystal Simorgh",
            "--mandatory",
            "--ex-aequo",
            "--precedence",
            "4",
        ],
    ));
    assert_eq!(
        out.trim(),
        format!(
            "changed category {}: Best Feature (film, counted by schulze)",
            before["id"]
        )
    );
    let after = named(&list(&store, "categories"), "Best Feature").clone();
    assert_eq!(after["id"], before["id"]);
    assert_eq!(after["prize"], "Crystal Simorgh");
    assert_eq!(after["method"], before["method"], "not given, not changed");
    assert_eq!(after["kind"], "film");
    assert_eq!(after["mandatory"], true);
    assert_eq!(after["ex_aequo_allowed"], true);
    assert_eq!(after["precedence"], 4);
    assert!(
        store.log()[0]["action"]
            .as_str()
            .unwrap()
            .starts_with("category edit \"Best Film\" → \"Best Feature\"")
    );
    // The negative switches turn the flags off again.
    store.ok(&[
        "category",
        "edit",
        "--edition",
        EDITION,
        "--category",
        "Best Feature",
        "--no-mandatory",
        "--no-ex-aequo",
    ]);
    let flags = named(&list(&store, "categories"), "Best Feature").clone();
    assert_eq!(flags["mandatory"], false);
    assert_eq!(flags["ex_aequo_allowed"], false);

    store.ok(&["undo"]);
    store.ok(&["undo"]);
    assert_eq!(named(&list(&store, "categories"), "Best Film"), &before);
    store.ok(&["log", "--verify"]);
    store.ok(&["check"]);
}

#[test]
fn category_edit_without_changes_says_so_and_logs_nothing() {
    let store = jury();
    let entries = store.log().len();
    let out = store.ok(&with(&BEST_FILM, &["--name", "Best Film"]));
    assert!(out.starts_with("no change to category"), "{out}");
    assert_eq!(store.log().len(), entries);
}

#[test]
fn category_edit_refuses_bad_input_naming_the_field() {
    let store = jury();
    for (extra, expected) in [
        (&["--name", " "][..], "name: must not be empty"),
        (
            &["--name", "best director"][..],
            "name: test-1 already has a category named 'Best Director'",
        ),
        (
            &["--kind", "persons"][..],
            "kind: 'persons' is neither film nor person",
        ),
        (
            &["--kind", "person"][..],
            "kind: 'Best Film' has 3 nominee(s)",
        ),
        (
            &["--method", "condorcet"][..],
            "method: unknown method 'condorcet'",
        ),
        (
            &["--tie-break", "coin"][..],
            "tie-break: unknown tie-break 'coin'",
        ),
        (&["--precedence", "0"][..], "precedence: 1 is the top prize"),
    ] {
        let err = store.fails(1, &with(&BEST_FILM, extra));
        assert!(err.contains(expected), "{extra:?}: {err}");
    }
    let err = store.fails(
        1,
        &[
            "category",
            "edit",
            "--edition",
            EDITION,
            "--category",
            "Best Actor",
            "--name",
            "x",
        ],
    );
    assert!(
        err.contains("no category 'Best Actor' in") && err.contains("Best Film"),
        "{err}"
    );
    // Both halves of a switch at once is wrong usage.
    store.fails(2, &with(&BEST_FILM, &["--ex-aequo", "--no-ex-aequo"]));
    store.fails(
        2,
        &with(&BEST_FILM, &["--tie-break", "borda", "--no-tie-breaks"]),
    );
    assert_eq!(
        named(&list(&store, "categories"), "Best Film")["method"],
        "schulze"
    );
}

#[test]
fn a_method_change_is_refused_under_a_recorded_award_and_allowed_after_its_withdrawal() {
    let store = jury();
    let out = store.run(&with(&BEST_FILM, &["--method", "score-mean"]));
    let out = out.success();
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains(
            "note: 2 ballot(s) entered earlier are not scores, so score-mean leaves them out"
        ),
        "{stderr}"
    );
    assert_eq!(tally(&store, "Best Film")["ballots"], 0);
    store.ok(&with(&BEST_FILM, &["--method", "schulze"]));
    assert_eq!(
        tally(&store, "Best Film")["ballots"],
        2,
        "the ballots were kept"
    );

    store.ok(&["award", "--edition", EDITION, "--category", "Best Film"]);
    let err = store.fails(1, &with(&BEST_FILM, &["--method", "borda"]));
    assert!(
        err.contains("'Best Film' has a recorded award (to Alpha), which freezes its method")
            && err.contains("withdraw the award first (jurydesk award withdraw"),
        "{err}"
    );
    let err = store.fails(1, &with(&BEST_FILM, &["--tie-break", "draw:7"]));
    assert!(err.contains("freezes its tie-breaks"), "{err}");
    store.ok(&[
        "award",
        "withdraw",
        "--edition",
        EDITION,
        "--category",
        "Best Film",
        "--reason",
        "another method",
    ]);
    store.ok(&with(&BEST_FILM, &["--method", "borda"]));
    assert_eq!(tally(&store, "Best Film")["method"], "borda");
}

#[test]
fn juror_edit_renames_keeping_ballots_and_undo_restores() {
    let store = jury();
    let out = store.ok(&[
        "juror",
        "edit",
        "--edition",
        EDITION,
        "--juror",
        "Mo Member",
        "--name",
        "Mohammad Member",
        "--notes",
        "from Tabriz",
    ]);
    assert!(out.starts_with("changed juror"), "{out}");
    assert!(out.contains("Mohammad Member (member)"), "{out}");
    let ballots = list(&store, "ballots");
    assert!(
        ballots.iter().any(|b| b["juror"] == "Mohammad Member"),
        "the ballot follows the juror: {ballots:?}"
    );
    assert_eq!(tally(&store, "Best Film")["ballots"], 2);
    store.ok(&["undo"]);
    let jurors = list(&store, "jurors");
    named(&jurors, "Mo Member");
    assert!(jurors.iter().all(|j| j["name"] != "Mohammad Member"));
}

#[test]
fn juror_edit_to_observer_keeps_the_ballot_out_of_the_count() {
    let store = jury();
    let assert = store
        .run(&[
            "juror",
            "edit",
            "--edition",
            EDITION,
            "--juror",
            "Mo Member",
            "--role",
            "observer",
        ])
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("1 ballot(s) of Mo Member (Best Film) are kept, not counted"),
        "{stderr}"
    );
    let count = tally(&store, "Best Film");
    assert_eq!(count["ballots"], 1);
    assert_eq!(
        named(&list(&store, "jurors"), "Mo Member")["role"],
        "observer"
    );
    store.ok(&["undo"]);
    assert_eq!(tally(&store, "Best Film")["ballots"], 2);
    assert_eq!(
        named(&list(&store, "jurors"), "Mo Member")["role"],
        "member"
    );
}

#[test]
fn juror_edit_refuses_bad_input_naming_the_field() {
    let store = jury();
    let base = [
        "juror",
        "edit",
        "--edition",
        EDITION,
        "--juror",
        "Mo Member",
    ];
    for (extra, expected) in [
        (&["--role", "chair"][..], "role: unknown role 'chair'"),
        (
            &["--role", "president"][..],
            "role: test-1 already has a president, Pia President",
        ),
        (
            &["--name", "PIA PRESIDENT"][..],
            "name: Pia President already sits on the jury",
        ),
        (&["--name", "\u{1b}"][..], "name: must not be empty"),
    ] {
        let err = store.fails(1, &with(&base, extra));
        assert!(err.contains(expected), "{extra:?}: {err}");
    }
    let err = store.fails(
        1,
        &[
            "juror",
            "edit",
            "--edition",
            EDITION,
            "--juror",
            "Nobody",
            "--name",
            "x",
        ],
    );
    assert!(err.contains("no juror 'Nobody' on the jury of"), "{err}");
    store.ok(&["award", "--edition", EDITION, "--category", "Best Film"]);
    let err = store.fails(1, &with(&base, &["--role", "observer"]));
    assert!(
        err.contains("freezes its ballots, Mo Member's among them, which a new role"),
        "{err}"
    );
}

#[test]
fn a_renamed_juror_credited_on_a_film_is_flagged() {
    let store = jury();
    store.ok(&["submission", "edit", "1", "--director", "Zahra Judge"]);
    let assert = store
        .run(&[
            "juror",
            "edit",
            "--edition",
            EDITION,
            "--juror",
            "Oz Observer",
            "--name",
            "Zahra Judge",
        ])
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("warning: Zahra Judge is credited (director)"),
        "{stderr}"
    );
}

#[test]
fn nomination_edit_renumbers_by_swapping_and_renames_a_person() {
    let store = jury();
    let base = [
        "nomination",
        "edit",
        "--edition",
        EDITION,
        "--category",
        "Best Film",
    ];
    let assert = store
        .run(&with(&base, &["--nominee", "Gamma", "--number", "1"]))
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("note: Alpha took number 3 in exchange"),
        "{stderr}"
    );
    let order: Vec<(i64, String)> = list(&store, "nominations")
        .iter()
        .filter(|n| n["category"] == "Best Film")
        .map(|n| {
            (
                n["number"].as_i64().unwrap(),
                n["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [(1, "Gamma".into()), (2, "Beta".into()), (3, "Alpha".into())]
    );
    store.ok(&["undo"]);
    let first = list(&store, "nominations");
    assert_eq!(first[0]["label"], "Alpha");
    assert_eq!(first[0]["number"], 1);

    let out = store.ok(&[
        "nomination",
        "edit",
        "--edition",
        EDITION,
        "--category",
        "Best Director",
        "--nominee",
        "Ada Director",
        "--person",
        "Ada Directora",
    ]);
    assert!(
        out.contains("nominee 1 Ada Directora (Alpha) in Best Director"),
        "{out}"
    );
    for (extra, expected) in [
        (
            &["--nominee", "1", "--person", "Someone"][..],
            "person: 'Best Film' awards a film",
        ),
        (
            &["--nominee", "1", "--number", "0"][..],
            "number: nominees are numbered from 1",
        ),
        (
            &["--nominee", "Omega", "--number", "2"][..],
            "nominee 'Omega' not found",
        ),
    ] {
        let err = store.fails(1, &with(&base, extra));
        assert!(err.contains(expected), "{extra:?}: {err}");
    }
}
