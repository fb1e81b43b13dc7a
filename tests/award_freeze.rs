//! docs/counting.md#deciding-an-award on the command line: a recorded award freezes its category
//! until `award withdraw`, and every refusal names the command that unblocks it (issue 12, findings 6,
//! 8 and 9). Nominating a film out of the running needs `--force`; a ballot saved for a recused
//! juror says it will not count.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use common::{TestStore, array};

const EDITION: &str = "riff-18";
const GRAND_PRIZE: &str = "Grand Prize";
const WITHDRAW: &str = "withdraw the award first (jurydesk award withdraw --edition riff-18 --category 'Grand Prize' --reason …)";

/// The demo with riff-18's Grand Prize awarded as counted (to A House in Basra), once Javad Karimi's
/// missing ballot is in (an award follows only from a complete count,
/// docs/counting.md#provisional-counts).
fn awarded() -> TestStore {
    let store = TestStore::with_demo_grand_prize_complete();
    store.ok(&["award", "--edition", EDITION, "--category", GRAND_PRIZE]);
    store
}

fn awards(store: &TestStore) -> Vec<serde_json::Value> {
    array(store.json(&["list", "awards", "--edition", EDITION, "--format", "json"]))
}

#[test]
fn every_change_under_an_award_is_refused_and_names_award_withdraw() {
    let store = awarded();
    let csv = store.path().with_extension("ballots.csv");
    std::fs::write(
        &csv,
        "category,juror,ranking\nGrand Prize,Sara Ahmadi,The Last Date Palm > The Salt Road\n",
    )
    .expect("write the ballots file");
    let csv = csv.to_str().expect("a UTF-8 path").to_string();
    let entries = store.log().len();
    let refusals: Vec<(Vec<&str>, &str)> = vec![
        (
            vec![
                "nominate",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--submission",
                "The Drummer Boy",
            ],
            "freezes its nominees",
        ),
        (
            vec![
                "ballot",
                "set",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--juror",
                "Sara Ahmadi",
                "--rank",
                "4 > 1",
            ],
            "freezes its ballots",
        ),
        (
            vec!["import", "ballots", &csv, "--edition", EDITION],
            "freezes its ballots",
        ),
        (
            vec![
                "juror",
                "delete",
                "--edition",
                EDITION,
                "--juror",
                "Sara Ahmadi",
            ],
            "freezes its ballots, Sara Ahmadi's among them",
        ),
        (
            vec![
                "nomination",
                "delete",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--nominee",
                "4",
            ],
            "freezes its nominees",
        ),
        (
            vec![
                "nomination",
                "edit",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--nominee",
                "4",
                "--number",
                "9",
            ],
            "freezes its nominees",
        ),
        (
            vec![
                "category",
                "edit",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--method",
                "borda",
            ],
            "freezes its method",
        ),
        (
            vec![
                "category",
                "edit",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--tie-break",
                "borda",
            ],
            "freezes its tie-breaks",
        ),
        (
            vec![
                "category",
                "edit",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--ex-aequo",
            ],
            "freezes whether its prize may be shared",
        ),
        (
            vec![
                "category",
                "edit",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
                "--kind",
                "person",
            ],
            "freezes its kind",
        ),
        (
            vec![
                "category",
                "delete",
                "--edition",
                EDITION,
                "--category",
                GRAND_PRIZE,
            ],
            "freezes the category",
        ),
        (
            vec![
                "juror",
                "edit",
                "--edition",
                EDITION,
                "--juror",
                "Sara Ahmadi",
                "--role",
                "observer",
            ],
            "a new role would count differently",
        ),
        (
            vec![
                "juror",
                "recuse",
                "--edition",
                EDITION,
                "--juror",
                "Sara Ahmadi",
                "--submission",
                "The Salt Road",
                "--reason",
                "her cousin",
            ],
            "which the recusal would leave out",
        ),
    ];
    for (args, why) in refusals {
        let err = store.fails(1, &args);
        assert!(
            err.contains("'Grand Prize' has a recorded award (to A House in Basra)"),
            "{args:?}: {err}"
        );
        assert!(err.contains(why), "{args:?}: {err}");
        assert!(err.contains(WITHDRAW), "{args:?}: {err}");
        assert!(!err.contains("undo"), "{args:?}: {err}");
    }
    assert_eq!(store.log().len(), entries, "a refusal writes nothing");
    // A name, a prize or the precedence do not change how the award was decided.
    store.ok(&[
        "category",
        "edit",
        "--edition",
        EDITION,
        "--category",
        GRAND_PRIZE,
        "--prize",
        "Golden Palm Tree",
    ]);
}

#[test]
fn award_withdraw_unfreezes_the_category_logs_the_reason_and_undo_puts_it_back() {
    let store = awarded();
    let said = store.ok(&[
        "award",
        "withdraw",
        "--edition",
        EDITION,
        "--category",
        GRAND_PRIZE,
        "--reason",
        "Sara's ballot was typed wrong",
    ]);
    assert!(
        said.contains("Grand Prize: the award to A House in Basra is withdrawn"),
        "{said}"
    );
    assert!(awards(&store).is_empty());
    let action = store.log()[0]["action"].as_str().unwrap_or("").to_string();
    assert!(
        action.contains("award withdraw \"Grand Prize\"")
            && action.contains("because: Sara's ballot was typed wrong"),
        "{action}"
    );
    store.ok(&["undo"]);
    assert_eq!(awards(&store).len(), 1, "undo puts the award back");
    store.fails(
        1,
        &[
            "ballot",
            "set",
            "--edition",
            EDITION,
            "--category",
            GRAND_PRIZE,
            "--juror",
            "Sara Ahmadi",
            "--rank",
            "4 > 1",
        ],
    );
    store.ok(&[
        "award",
        "withdraw",
        "--edition",
        EDITION,
        "--category",
        GRAND_PRIZE,
        "--reason",
        "again",
    ]);
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        EDITION,
        "--category",
        GRAND_PRIZE,
        "--juror",
        "Sara Ahmadi",
        "--rank",
        "4 > 1",
    ]);
}

#[test]
fn award_withdraw_needs_an_award_a_reason_and_an_open_edition() {
    let store = awarded();
    let withdraw = |category: &'static str, reason: &'static str| {
        vec![
            "award",
            "withdraw",
            "--edition",
            EDITION,
            "--category",
            category,
            "--reason",
            reason,
        ]
    };
    let err = store.fails(1, &withdraw("Best Short Film", "no award there"));
    assert!(err.contains("has no recorded award to withdraw"), "{err}");
    let err = store.fails(1, &withdraw(GRAND_PRIZE, "  "));
    assert!(err.contains("reason"), "{err}");
    store.fails(
        2,
        &[
            "award",
            "withdraw",
            "--edition",
            EDITION,
            "--category",
            GRAND_PRIZE,
        ],
    );
    store.ok(&["finalize", "--edition", EDITION, "--override", "the test"]);
    let err = store.fails(1, &withdraw(GRAND_PRIZE, "too late"));
    assert!(
        err.contains(
            "riff-18 is finalized: its palmarès is frozen; reopen it first (jurydesk reopen --edition riff-18 --reason …)"
        ),
        "{err}"
    );
    assert_eq!(awards(&store).len(), 1);
}

#[test]
fn nominating_a_film_out_of_the_running_needs_force_and_names_its_status() {
    let store = TestStore::with_demo();
    store.ok(&["submission", "status", "10", "disqualified"]);
    let nominate = |title: &'static str, force: bool| {
        let mut args = vec![
            "nominate",
            "--edition",
            EDITION,
            "--category",
            "Best Short Film",
            "--submission",
            title,
        ];
        if force {
            args.push("--force");
        }
        args
    };
    for (title, status) in [
        ("Olive Memory", "withdrawn"),
        ("The Radio Operator", "disqualified"),
        ("Café des Exilés", "not-selected"),
        ("Paper Lanterns", "ineligible"),
    ] {
        let entries = store.log().len();
        let err = store.fails(1, &nominate(title, false));
        assert!(
            err.contains(&format!("'{title}'")) && err.contains(&format!("is {status}")),
            "{title}: {err}"
        );
        assert!(err.contains("--force"), "{title}: {err}");
        assert_eq!(store.log().len(), entries);
        store.ok(&nominate(title, true));
    }
    // A film in the running needs nothing.
    store.ok(&nominate("The Last Date Palm", false));
}

#[test]
fn a_ballot_for_a_recused_juror_is_saved_and_says_it_will_not_count() {
    let store = TestStore::with_demo();
    let out = store
        .run(&[
            "ballot",
            "set",
            "--edition",
            EDITION,
            "--category",
            GRAND_PRIZE,
            "--juror",
            "Omar Khalil",
            "--rank",
            "2 > 1",
        ])
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stdout.contains("saved ballot"), "{stdout}");
    assert!(
        stderr.contains("Omar Khalil's ballot is saved but will not count in 'Grand Prize'")
            && stderr.contains("recused from A House in Basra"),
        "{stderr}"
    );
    // A juror whose ballot counts hears nothing of the kind.
    let out = store
        .run(&[
            "ballot",
            "set",
            "--edition",
            EDITION,
            "--category",
            GRAND_PRIZE,
            "--juror",
            "Sara Ahmadi",
            "--rank",
            "2 > 1",
        ])
        .success();
    assert!(out.get_output().stderr.is_empty());
}
