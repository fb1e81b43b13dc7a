//! Conflicts of interest on the command line (docs/domain.md#conflicts-of-interest, README.md#the-desk;
//! issue 12 finding 2): a juror credited on a film is a probable conflict until recused or cleared with
//! a reason (`juror clear-conflict`), which is logged and undoable; `list jurors` then shows it as
//! cleared, not probable.
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
use serde_json::Value;

const EDITION: &str = "riff-18";

/// The demo with a juror who directed a film of riff-18 (A House in Basra, by Yusuf al-Amiri).
fn credited_juror() -> TestStore {
    let store = TestStore::with_demo();
    store.ok(&[
        "juror",
        "add",
        "--edition",
        EDITION,
        "--name",
        "Yusuf al-Amiri",
    ]);
    store
}

fn yusuf(store: &TestStore) -> Value {
    array(store.json(&["list", "jurors", "--edition", EDITION, "--format", "json"]))
        .into_iter()
        .find(|j| j["name"].as_str().is_some_and(|n| n.starts_with("Yusuf")))
        .expect("Yusuf sits on the jury")
}

fn clear(reason: &'static str, film: &'static str) -> Vec<&'static str> {
    vec![
        "juror",
        "clear-conflict",
        "--edition",
        EDITION,
        "--juror",
        "Yusuf al-Amiri",
        "--submission",
        film,
        "--reason",
        reason,
    ]
}

#[test]
fn a_cleared_conflict_is_no_longer_flagged_and_is_listed_as_cleared() {
    let store = credited_juror();
    let before = yusuf(&store);
    assert!(
        before["probable_conflicts"][0]
            .as_str()
            .unwrap_or("")
            .contains("A House in Basra (director"),
        "{before}"
    );
    assert_eq!(before["cleared_conflicts"], serde_json::json!([]));
    let said = store.ok(&clear(
        "a namesake: another Yusuf al-Amiri",
        "A House in Basra",
    ));
    assert!(said.contains("no conflict with submission 5"), "{said}");
    let after = yusuf(&store);
    assert_eq!(
        after["probable_conflicts"],
        serde_json::json!([]),
        "{after}"
    );
    assert_eq!(
        after["cleared_conflicts"],
        serde_json::json!(["submission 5: a namesake: another Yusuf al-Amiri"])
    );
    let action = store.log()[0]["action"].as_str().unwrap_or("").to_string();
    assert!(
        action.contains("juror clear-conflict Yusuf al-Amiri")
            && action.contains("because: a namesake"),
        "{action}"
    );
    // Renaming the juror (the credit still matches) warns no more about a cleared conflict.
    let out = store
        .run(&[
            "juror",
            "edit",
            "--edition",
            EDITION,
            "--juror",
            "Yusuf al-Amiri",
            "--name",
            "Yusuf AL-AMIRI",
        ])
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(!stderr.contains("probable conflict"), "{stderr}");
    store.ok(&["undo"]);
    store.ok(&["undo"]);
    assert_eq!(yusuf(&store), before, "undo brings the flag back");
}

#[test]
fn only_an_open_probable_conflict_can_be_cleared() {
    let store = credited_juror();
    let err = store.fails(1, &clear("not credited", "The Salt Road"));
    assert!(
        err.contains("is not in the credits of 'The Salt Road'"),
        "{err}"
    );
    let err = store.fails(1, &clear("  ", "A House in Basra"));
    assert!(err.contains("reason"), "{err}");
    store.ok(&clear("a namesake", "A House in Basra"));
    let err = store.fails(1, &clear("twice", "A House in Basra"));
    assert!(err.contains("already cleared"), "{err}");
    store.ok(&["undo"]);
    store.ok(&[
        "juror",
        "recuse",
        "--edition",
        EDITION,
        "--juror",
        "Yusuf al-Amiri",
        "--submission",
        "A House in Basra",
        "--reason",
        "his own film",
    ]);
    let err = store.fails(1, &clear("a namesake", "A House in Basra"));
    assert!(err.contains("a recusal already settles it"), "{err}");
    let listed = yusuf(&store);
    assert_eq!(listed["probable_conflicts"], serde_json::json!([]));
    store.ok(&["finalize", "--edition", EDITION, "--override", "the test"]);
    let err = store.fails(1, &clear("late", "A House in Basra"));
    assert!(err.contains("reopen it first (jurydesk reopen"), "{err}");
}
