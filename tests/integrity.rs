//! Records edited outside jurydesk (docs/architecture.md#integrity; issue 13 finding 5): the records
//! must be what the audit log last wrote, and keep every invariant. A backup edited by hand — a
//! winner changed, a ranking reversed, log entries cut off, contents jurydesk would never write — is
//! refused by `import backup` with the record named and nothing written; the same edits made in the
//! database files are named by `check` (exit 3).
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use common::TestStore;
use jurydesk::domain::{Award, Ballot, BallotContent};
use jurydesk::store::{Kind, Record, Store, testing};
use serde_json::Value;

/// The demo store's backup, parsed.
fn demo_backup() -> (TestStore, Value) {
    let store = TestStore::with_demo();
    let text = store.ok(&["export", "backup"]);
    (
        store,
        serde_json::from_str(&text).expect("the backup is JSON"),
    )
}

/// Imports `backup` into a new store and returns its stderr, asserting it was refused (exit 1) and
/// that nothing was written.
fn refused(backup: &Value, what: &str) -> String {
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("backup.json");
    std::fs::write(&file, serde_json::to_vec_pretty(backup).expect("JSON")).expect("write");
    let target = TestStore::empty();
    let out = target
        .cmd()
        .args(["import", "backup"])
        .arg(&file)
        .output()
        .expect("jurydesk runs");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{what}: refused; {stderr}");
    assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    if target.path().exists() {
        assert!(
            target.editions(&[]).is_empty() && target.log().is_empty(),
            "{what}: nothing was written"
        );
    }
    stderr
}

fn records<'a>(backup: &'a mut Value, kind: &str) -> &'a mut Vec<Value> {
    backup["records"][kind]
        .as_array_mut()
        .unwrap_or_else(|| panic!("records.{kind}"))
}

#[test]
fn an_untouched_backup_restores() {
    let (_store, backup) = demo_backup();
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("backup.json");
    std::fs::write(&file, serde_json::to_vec(&backup).expect("JSON")).expect("write");
    let target = TestStore::empty();
    target.ok(&["import", "backup", file.to_str().expect("UTF-8")]);
    target.ok(&["check"]);
}

#[test]
fn a_backup_whose_award_winner_was_changed_is_refused_naming_the_award() {
    let (_store, mut backup) = demo_backup();
    let nominations = records(&mut backup, "nomination").clone();
    let award = &mut records(&mut backup, "award")[0];
    let id = award["id"].as_u64().expect("an id");
    let category = award["category_id"].clone();
    let winner = award["winners"][0].clone();
    let other = nominations
        .iter()
        .find(|n| n["category_id"] == category && n["id"] != winner)
        .expect("another nominee of the category")["id"]
        .clone();
    award["winners"] = Value::Array(vec![other]);
    let stderr = refused(&backup, "winner changed");
    assert!(
        stderr.contains(&format!("award {id} differs from what the audit log")),
        "{stderr}"
    );
}

#[test]
fn a_backup_whose_ranking_was_reversed_is_refused_naming_the_ballot() {
    let (_store, mut backup) = demo_backup();
    let ballot = records(&mut backup, "ballot")
        .iter_mut()
        .find(|b| {
            b["content"]["Ranked"]
                .as_array()
                .is_some_and(|r| r.len() > 1)
        })
        .expect("a ranked ballot");
    let id = ballot["id"].as_u64().expect("an id");
    let ranking = ballot["content"]["Ranked"]
        .as_array_mut()
        .expect("a ranking");
    ranking.reverse();
    let stderr = refused(&backup, "ranking reversed");
    assert!(
        stderr.contains(&format!("ballot {id} differs from what the audit log")),
        "{stderr}"
    );
}

#[test]
fn a_backup_with_its_last_log_entries_cut_off_is_refused() {
    for keep in [1usize, 0] {
        let (store, _) = demo_backup();
        // One more change, so the log has an entry to lose.
        store.ok(&[
            "festival",
            "add",
            "--code",
            "late",
            "--name",
            "Late Festival",
        ]);
        let mut backup: Value =
            serde_json::from_str(&store.ok(&["export", "backup"])).expect("JSON");
        let log = backup["log"].as_array_mut().expect("the log");
        log.truncate(keep.min(log.len()));
        let stderr = refused(&backup, &format!("log cut to {keep}"));
        assert!(
            stderr.contains("is in no audit log entry")
                || stderr.contains("differs from what the audit log"),
            "{stderr}"
        );
    }
}

#[test]
fn backups_holding_what_jurydesk_never_writes_are_refused_naming_the_record() {
    type Edit = fn(&mut Value);
    let cases: [(&str, Edit, &str); 6] = [
        (
            "a ballot naming another category's nominee",
            |b| {
                let nominations = records(b, "nomination").clone();
                let ballot = records(b, "ballot")
                    .iter_mut()
                    .find(|b| b["content"]["Ranked"].is_array())
                    .expect("a ranked ballot");
                let foreign = nominations
                    .iter()
                    .find(|n| n["category_id"] != ballot["category_id"])
                    .expect("a nominee elsewhere")["id"]
                    .clone();
                ballot["content"]["Ranked"][0] = foreign;
            },
            "which is in category",
        ),
        (
            "a ranking naming one nominee three times",
            |b| {
                let ballot = records(b, "ballot")
                    .iter_mut()
                    .find(|b| b["content"]["Ranked"].is_array())
                    .expect("a ranked ballot");
                let first = ballot["content"]["Ranked"][0].clone();
                ballot["content"]["Ranked"] =
                    Value::Array(vec![first.clone(), first.clone(), first]);
            },
            "more than once",
        ),
        (
            "duplicate nominee numbers",
            |b| {
                let nominations = records(b, "nomination");
                let category = nominations[0]["category_id"].clone();
                let number = nominations[0]["number"].clone();
                let twin = nominations
                    .iter_mut()
                    .skip(1)
                    .find(|n| n["category_id"] == category)
                    .expect("a second nominee");
                twin["number"] = number;
            },
            "which nomination",
        ),
        (
            "an award whose winner is in another category",
            |b| {
                let nominations = records(b, "nomination").clone();
                let award = &mut records(b, "award")[0];
                let foreign = nominations
                    .iter()
                    .find(|n| n["category_id"] != award["category_id"])
                    .expect("a nominee elsewhere")["id"]
                    .clone();
                award["winners"] = Value::Array(vec![foreign]);
            },
            "names winner nomination",
        ),
        (
            "a nomination naming a missing submission",
            |b| records(b, "nomination")[0]["submission_id"] = Value::from(987_654),
            "submission 987654, which does not exist",
        ),
        (
            "a synopsis far past the limit",
            |b| records(b, "film")[0]["synopsis"] = Value::from("x".repeat(200_001)),
            "at most 100000 fit a text field",
        ),
    ];
    for (what, edit, says) in cases {
        let (_store, mut backup) = demo_backup();
        edit(&mut backup);
        let stderr = refused(&backup, what);
        assert!(stderr.contains(says), "{what}: says {says:?}: {stderr}");
    }
}

#[test]
fn a_backup_schema_that_is_not_a_known_whole_number_is_refused() {
    for schema in [
        Value::from(0),
        Value::from(4),
        Value::from(-1),
        Value::from("5"),
    ] {
        let (_store, mut backup) = demo_backup();
        backup["schema"] = schema.clone();
        let stderr = refused(&backup, &format!("schema {schema}"));
        assert!(stderr.contains("schema"), "{schema}: {stderr}");
    }
}

/// The same edits made in the database files, as a small sled program would: `check` names them.
#[test]
fn records_edited_in_the_database_files_are_named_by_check() {
    let store = TestStore::with_demo();
    let (award_id, ballot_id) = {
        let opened = Store::open(&store.path()).expect("the store opens");
        let mut award: Award = opened.all::<Award>().expect("awards").remove(0);
        let mut ballot: Ballot = opened
            .all::<Ballot>()
            .expect("ballots")
            .into_iter()
            .find(|b| matches!(&b.content, BallotContent::Ranked(r) if r.len() > 1))
            .expect("a ranked ballot");
        award.note.push_str(" (edited)");
        if let BallotContent::Ranked(order) = &mut ballot.content {
            order.reverse();
        }
        let db = opened.raw();
        let award_bytes = award.encode().expect("encode");
        testing::set_record(db, Kind::Award.tag(), award.id, Some(&award_bytes)).expect("write");
        let ballot_bytes = ballot.encode().expect("encode");
        testing::set_record(db, Kind::Ballot.tag(), ballot.id, Some(&ballot_bytes)).expect("write");
        db.flush().expect("flush");
        (award.id, ballot.id)
    };
    let out = store.cmd().arg("check").output().expect("jurydesk runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    for owner in [format!("award {award_id}"), format!("ballot {ballot_id}")] {
        assert!(
            stderr.contains(&format!("{owner} differs from what the audit log")),
            "{owner}: {stderr}"
        );
    }
}
