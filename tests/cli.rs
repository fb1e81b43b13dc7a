//! The command line as a script sees it (README.md#command-line): the real `jurydesk` binary, run
//! against a store in a temporary directory, judged by its exit code, its stdout (the data) and its
//! stderr (the messages).
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
use jurydesk::desk::Desk;
use jurydesk::store::{Store, keys};
use predicates::prelude::*;
use serde_json::Value;

/// Submission counts per edition code, as `list editions` reports them.
fn counts(store: &TestStore) -> Vec<(String, u64)> {
    store
        .editions(&[])
        .iter()
        .map(|e| {
            (
                e["code"].as_str().unwrap().to_string(),
                e["submissions"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The id a `submission add` reported ("added submission 25: …").
fn added_id(stdout: &str) -> String {
    stdout
        .strip_prefix("added submission ")
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_else(|| panic!("unexpected output of submission add: {stdout}"))
        .to_string()
}

// ---------------------------------------------------------------------------------------------------
// demo

#[test]
fn demo_then_list_json_holds_the_story_film() {
    let store = TestStore::with_demo();
    let rows = store.submissions("fajr-43", &[]);
    let story = find(&rows, STORY_TITLE);
    assert_eq!(story["directors"], serde_json::json!(["Hamid Zargarnejad"]));
    assert_eq!(story["edition"], "fajr-43");
    assert_eq!(story["status"], "selected");
}

#[test]
fn list_submissions_without_an_edition_is_a_films_history_across_festivals() {
    let store = TestStore::with_demo();
    let out = store.ok(&[
        "list",
        "submissions",
        "--query",
        "north from south",
        "--format",
        "json",
    ]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let editions: Vec<&str> = rows
        .iter()
        .map(|r| r["edition"].as_str().unwrap())
        .collect();
    assert_eq!(editions, ["fajr-43", "basirah-1"], "{out}");
    assert!(rows.iter().all(|r| r["title"] == STORY_TITLE));
    let table = store.ok(&["list", "submissions", "--query", "north from south"]);
    let header = table.lines().next().unwrap();
    assert!(header.contains("EDITION"), "{table}");
    assert!(table.contains("basirah-1"), "{table}");
    // With --edition, as before: one edition, no edition column in the table.
    let one = store.ok(&[
        "list",
        "submissions",
        "--edition",
        "fajr-43",
        "--query",
        "north from south",
    ]);
    assert!(!one.lines().next().unwrap().contains("EDITION"), "{one}");
    assert!(!one.contains("basirah-1"), "{one}");
}

#[test]
fn a_misspelt_name_is_answered_with_the_fix_and_a_status_by_its_beginning() {
    let store = TestStore::with_demo();
    let said = store.fails(
        1,
        &[
            "category",
            "add",
            "--edition",
            "fajr-43",
            "--name",
            "X",
            "--method",
            "shulze",
        ],
    );
    assert!(said.contains("did you mean schulze?"), "{said}");
    let said = store.fails(
        1,
        &["rules", "set", "--edition", "fajr-43", "--preset", "venise"],
    );
    assert!(said.contains("did you mean venice?"), "{said}");
    let said = store.fails(1, &["list", "submissions", "--sort", "tilte"]);
    assert!(said.contains("did you mean title?"), "{said}");
    // status:sel is selected; status:s could be two.
    let rows = store.json(&[
        "list",
        "submissions",
        "--edition",
        "fajr-43",
        "--query",
        "status:sel",
        "--format",
        "json",
    ]);
    let rows = rows.as_array().unwrap();
    assert!(
        !rows.is_empty() && rows.iter().all(|r| r["status"] == "selected"),
        "{rows:?}"
    );
    let said = store.fails(1, &["list", "submissions", "--query", "status:s"]);
    assert!(said.contains("could be shortlisted or selected"), "{said}");
}

#[test]
fn demo_twice_adds_nothing() {
    let store = TestStore::empty();
    let first = store.ok(&["demo"]);
    assert!(first.contains("demo loaded"), "{first}");
    let before = counts(&store);

    let second = store.ok(&["demo"]);
    assert!(second.contains("already loaded"), "{second}");
    assert_eq!(counts(&store), before);
    assert_eq!(store.log().len(), 1, "only the first demo is a change");
}

// ---------------------------------------------------------------------------------------------------
// choosing the store

#[test]
fn jurydesk_db_names_the_store() {
    let store = TestStore::empty();
    jurydesk()
        .env("JURYDESK_DB", store.path())
        .arg("demo")
        .assert()
        .success();

    assert_eq!(
        store.editions(&[]).len(),
        3,
        "the demo went to the store JURYDESK_DB named"
    );
    let listed = jurydesk()
        .env("JURYDESK_DB", store.path())
        .args(["list", "editions", "--format", "json"])
        .assert()
        .success();
    assert_eq!(
        array(serde_json::from_str(&stdout_of(listed)).unwrap()).len(),
        3
    );
}

#[test]
fn db_flag_wins_over_jurydesk_db() {
    let named_by_env = TestStore::empty();
    let named_by_flag = TestStore::empty();
    named_by_flag
        .cmd()
        .env("JURYDESK_DB", named_by_env.path())
        .arg("demo")
        .assert()
        .success();
    assert_eq!(named_by_flag.editions(&[]).len(), 3);
    assert!(
        !named_by_env.path().exists(),
        "nothing was made where JURYDESK_DB points"
    );
}

// ---------------------------------------------------------------------------------------------------
// creating and changing records

#[test]
fn festival_edition_and_submission_can_be_added() {
    let store = TestStore::empty();
    let out = store.ok(&[
        "festival",
        "add",
        "--code",
        "cannes",
        "--name",
        "Festival de Cannes",
    ]);
    assert!(out.contains("added festival cannes"), "{out}");

    let out = store.ok(&[
        "edition",
        "add",
        "--festival",
        "cannes",
        "--number",
        "78",
        "--year",
        "2025",
        "--start",
        "2025-05-13",
        "--end",
        "2025-05-24",
        "--place",
        "Cannes",
        "--section",
        "Competition",
    ]);
    assert!(out.contains("added edition cannes-78"), "{out}");
    let editions = store.editions(&[]);
    assert_eq!(editions.len(), 1);
    assert_eq!(editions[0]["code"], "cannes-78");
    assert_eq!(editions[0]["festival_name"], "Festival de Cannes");
    assert_eq!(editions[0]["start"], "2025-05-13");
    assert_eq!(editions[0]["end"], "2025-05-24");
    assert_eq!(editions[0]["sections"], serde_json::json!(["Competition"]));

    let out = store.ok(&[
        "submission",
        "add",
        "--edition",
        "cannes-78",
        "--title",
        "Sirât",
        "--director",
        "Oliver Laxe",
        "--country",
        "Spain",
        "--country",
        "France",
        "--year",
        "2025",
        "--runtime",
        "115",
        "--section",
        "Competition",
        "--submitted",
        "2025-01-15",
        "--external-id",
        "FF-1001",
    ]);
    assert!(out.starts_with("added submission "), "{out}");
    let id = added_id(&out);

    let rows = store.submissions("cannes-78", &[]);
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(row["id"].to_string(), id);
    assert_eq!(row["title"], "Sirât");
    assert_eq!(row["directors"], serde_json::json!(["Oliver Laxe"]));
    assert_eq!(row["countries"], serde_json::json!(["Spain", "France"]));
    assert_eq!(row["year"], 2025);
    assert_eq!(row["runtime_minutes"], 115);
    assert_eq!(row["submitted"], "2025-01-15");
    assert_eq!(row["external_id"], "FF-1001");
    assert_eq!(row["status"], "received");
}

#[test]
fn submission_status_moves_forward() {
    let store = TestStore::with_demo();
    let row = find(&store.submissions("riff-18", &[]), "The Radio Operator").clone();
    assert_eq!(row["status"], "received");
    let id = row["id"].to_string();

    let out = store.ok(&[
        "submission",
        "status",
        &id,
        "eligible",
        "--note",
        "papers complete",
    ]);
    assert!(
        out.contains(&format!("submission {id} is now eligible")),
        "{out}"
    );
    let out = store.ok(&["submission", "status", &id, "selected"]);
    assert!(out.contains("is now selected"), "{out}");

    assert_eq!(
        find(&store.submissions("riff-18", &[]), "The Radio Operator")["status"],
        "selected"
    );
}

// ---------------------------------------------------------------------------------------------------
// list: query, status, sort, limit

#[test]
fn query_finds_an_arabic_title_typed_with_persian_letters() {
    let store = TestStore::with_demo();
    // "بيت في البصرة" is stored with the Arabic yeh (ي); a Persian keyboard types ی.
    let rows = store.submissions("riff-18", &["--query", "بیت"]);
    assert_eq!(titles(&rows), ["A House in Basra"]);
}

#[test]
fn query_unifies_arabic_kaf_and_teh_marbuta() {
    let store = TestStore::with_demo();
    // "ذاكرة الزيتون" holds Arabic kaf (ك) and teh marbuta (ة); typed here with keheh (ک) and heh (ه).
    let rows = store.submissions("riff-18", &["--query", "ذاکره"]);
    assert_eq!(titles(&rows), ["Olive Memory"]);
}

#[test]
fn query_finds_a_persian_title_typed_with_arabic_letters() {
    let store = TestStore::with_demo();
    // "چاهی در بیابان" is stored with Persian yeh; typed here with the Arabic yeh.
    let rows = store.submissions("fajr-43", &["--query", "چاهي"]);
    assert_eq!(titles(&rows), ["A Well in the Desert"]);
}

#[test]
fn query_ignores_case_and_accents() {
    let store = TestStore::with_demo();
    let rows = store.submissions("riff-18", &["--query", "CAFE DES EXILES"]);
    assert_eq!(titles(&rows), ["Café des Exilés"]);
    let rows = store.submissions("riff-18", &["--query", "elodie"]);
    assert_eq!(
        titles(&rows),
        ["Café des Exilés"],
        "directors are searched too"
    );
}

#[test]
fn query_filters_editions() {
    let store = TestStore::with_demo();
    let rows = store.editions(&["--query", "fajr"]);
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["fajr-43"]);
}

#[test]
fn status_filters_submissions() {
    let store = TestStore::with_demo();
    let rows = store.submissions("fajr-43", &["--status", "selected"]);
    assert!(rows.iter().all(|r| r["status"] == "selected"), "{rows:?}");
    let mut got = titles(&rows);
    got.sort();
    assert_eq!(
        got,
        [
            "Children of the River",
            STORY_TITLE,
            "Seven Winters",
            "The Mine Clearer"
        ]
    );
}

#[test]
fn sort_by_title() {
    let store = TestStore::with_demo();
    let rows = store.submissions("fajr-43", &["--sort", "title"]);
    assert_eq!(
        titles(&rows),
        [
            "A Well in the Desert",
            "Bridge of Reeds",
            "Children of the River",
            "Mother's Bread",
            STORY_TITLE,
            "Seven Winters",
            "The Mine Clearer",
            "The Weaver's Daughter",
            "Two Brothers from Abadan",
        ]
    );
}

#[test]
fn sort_descending_with_a_leading_dash() {
    let store = TestStore::with_demo();
    let rows = store.submissions("riff-18", &["--sort", "-year"]);
    let years: Vec<i64> = rows.iter().map(|r| r["year"].as_i64().unwrap()).collect();
    assert!(years.windows(2).all(|w| w[0] >= w[1]), "{years:?}");
    assert_eq!(
        rows[0]["title"], "The Radio Operator",
        "the only 2025 film comes first"
    );

    let ascending = store.submissions("riff-18", &["--sort", "year"]);
    let years: Vec<i64> = ascending
        .iter()
        .map(|r| r["year"].as_i64().unwrap())
        .collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "{years:?}");
}

#[test]
fn sort_by_an_unknown_field_names_the_known_ones() {
    let store = TestStore::with_demo();
    let stderr = store
        .cmd()
        .args([
            "list",
            "submissions",
            "--edition",
            "fajr-43",
            "--sort",
            "colour",
        ])
        .assert()
        .failure()
        .stdout(predicate::str::is_empty())
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(stderr).unwrap();
    assert!(
        stderr.contains("colour") && stderr.contains("title"),
        "{stderr}"
    );
}

#[test]
fn limit_keeps_the_first_rows_in_order() {
    let store = TestStore::with_demo();
    let all = store.submissions("fajr-43", &["--sort", "title"]);
    let first_three = store.submissions("fajr-43", &["--sort", "title", "--limit", "3"]);
    assert_eq!(titles(&first_three), titles(&all[..3]));
    assert!(store.submissions("fajr-43", &["--limit", "0"]).is_empty());
}

// ---------------------------------------------------------------------------------------------------
// list: formats

#[test]
fn table_format_has_a_header_and_a_row_per_submission() {
    let store = TestStore::with_demo();
    let out = store.ok(&[
        "list",
        "submissions",
        "--edition",
        "fajr-43",
        "--format",
        "table",
    ]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        ["ID", "TITLE", "DIRECTORS", "STATUS"]
            .iter()
            .all(|h| lines[0].contains(h)),
        "header: {}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + 9, "{out}");
    assert!(
        out.contains(STORY_TITLE) && out.contains("Hamid Zargarnejad"),
        "{out}"
    );
    assert_eq!(
        out,
        store.ok(&["list", "submissions", "--edition", "fajr-43"]),
        "table is the default"
    );
}

#[test]
fn csv_format_parses_with_a_header_row() {
    let store = TestStore::with_demo();
    let out = store.ok(&[
        "list",
        "submissions",
        "--edition",
        "fajr-43",
        "--format",
        "csv",
    ]);
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().expect("a header row").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no {name} column"))
    };
    let (title, directors, status) = (column("title"), column("directors"), column("status"));

    let records: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("a well-formed CSV row"))
        .collect();
    assert_eq!(records.len(), store.submissions("fajr-43", &[]).len());
    let story = records
        .iter()
        .find(|r| &r[title] == STORY_TITLE)
        .expect("the story film");
    assert_eq!(&story[directors], "Hamid Zargarnejad");
    assert_eq!(&story[status], "selected");
}

#[test]
fn editions_list_in_every_format() {
    let store = TestStore::with_demo();
    assert_eq!(store.editions(&[]).len(), 3);
    let table = store.ok(&["list", "editions", "--format", "table"]);
    assert!(table.lines().next().unwrap().contains("CODE"), "{table}");
    assert!(
        table.contains("riff-18") && table.contains("fajr-43") && table.contains("basirah-1"),
        "{table}"
    );
    let csv = store.ok(&["list", "editions", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(&reader.headers().unwrap()[0], "code");
    assert_eq!(reader.records().count(), 3);
}

// ---------------------------------------------------------------------------------------------------
// exit code 1: the operation failed

#[test]
fn unknown_edition_lists_the_known_codes() {
    let store = TestStore::with_demo();
    for args in [
        &["list", "submissions", "--edition", "cannes-78"][..],
        &[
            "submission",
            "add",
            "--edition",
            "cannes-78",
            "--title",
            "Anything",
        ][..],
    ] {
        let stderr = store.fails(1, args);
        assert!(stderr.contains("cannes-78"), "{stderr}");
        for known in ["fajr-43", "riff-18", "basirah-1"] {
            assert!(stderr.contains(known), "{stderr}");
        }
    }
}

#[test]
fn impossible_date_is_refused() {
    let store = TestStore::with_demo();
    let stderr = store.fails(
        1,
        &[
            "edition",
            "add",
            "--festival",
            "fajr",
            "--number",
            "44",
            "--year",
            "2026",
            "--start",
            "2025-02-30",
        ],
    );
    assert!(
        stderr.contains("2025-02-30") && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
    assert_eq!(store.editions(&[]).len(), 3, "nothing was added");
}

#[test]
fn date_in_another_layout_is_refused() {
    let store = TestStore::with_demo();
    let stderr = store.fails(
        1,
        &[
            "submission",
            "add",
            "--edition",
            "fajr-43",
            "--title",
            "Late Entry",
            "--submitted",
            "17/05/2025",
        ],
    );
    assert!(
        stderr.contains("17/05/2025") && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
    assert_eq!(store.log().len(), 1, "nothing was written");
}

#[test]
fn empty_title_is_refused() {
    let store = TestStore::with_demo();
    for title in ["", "   "] {
        let stderr = store.fails(
            1,
            &[
                "submission",
                "add",
                "--edition",
                "fajr-43",
                "--title",
                title,
            ],
        );
        assert!(
            stderr.contains("title") && stderr.contains("empty"),
            "{stderr}"
        );
    }
    assert_eq!(store.log().len(), 1, "nothing was written");
}

#[test]
fn duplicate_festival_code_is_refused() {
    let store = TestStore::with_demo();
    let stderr = store.fails(
        1,
        &[
            "festival",
            "add",
            "--code",
            "fajr",
            "--name",
            "Another Fajr",
        ],
    );
    assert!(
        stderr.contains("fajr") && stderr.contains("already exists"),
        "{stderr}"
    );
}

#[test]
fn unknown_status_word_lists_the_statuses() {
    let store = TestStore::with_demo();
    let id = find(&store.submissions("fajr-43", &[]), STORY_TITLE)["id"].to_string();
    for args in [
        &["submission", "status", &id, "accepted"][..],
        &[
            "submission",
            "add",
            "--edition",
            "fajr-43",
            "--title",
            "X",
            "--status",
            "accepted",
        ][..],
        &[
            "list",
            "submissions",
            "--edition",
            "fajr-43",
            "--status",
            "accepted",
        ][..],
    ] {
        let stderr = store.fails(1, args);
        assert!(
            stderr.contains("accepted") && stderr.contains("shortlisted"),
            "{stderr}"
        );
    }
}

#[test]
fn backward_status_move_needs_force() {
    let store = TestStore::with_demo();
    let id = find(&store.submissions("fajr-43", &[]), STORY_TITLE)["id"].to_string();

    let stderr = store.fails(1, &["submission", "status", &id, "received"]);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(
        find(&store.submissions("fajr-43", &[]), STORY_TITLE)["status"],
        "selected"
    );

    let out = store.ok(&[
        "submission",
        "status",
        &id,
        "received",
        "--force",
        "--note",
        "entered by mistake",
    ]);
    assert!(out.contains("is now received"), "{out}");
    assert_eq!(
        find(&store.submissions("fajr-43", &[]), STORY_TITLE)["status"],
        "received"
    );
}

// ---------------------------------------------------------------------------------------------------
// exit code 2: wrong usage

#[test]
fn unknown_subcommand_is_wrong_usage() {
    let store = TestStore::empty();
    let stderr = store.fails(2, &["frobnicate"]);
    assert!(stderr.contains("frobnicate"), "{stderr}");
}

#[test]
fn missing_required_flag_is_wrong_usage() {
    let store = TestStore::empty();
    let stderr = store.fails(2, &["festival", "add", "--code", "cannes"]);
    assert!(stderr.contains("--name"), "{stderr}");
}

#[test]
fn list_categories_without_edition_is_wrong_usage() {
    // (`list submissions` without one lists every edition's.)
    let store = TestStore::with_demo();
    let stderr = store.fails(2, &["list", "categories"]);
    assert!(stderr.contains("--edition"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------------
// exit code 3: the store is unavailable

/// Creates a store and lets `damage` change its sled tree directly before closing it.
fn store_with(damage: impl FnOnce(&sled::Db)) -> TestStore {
    let store = TestStore::with_demo();
    let opened = Store::open(&store.path()).expect("the store opens");
    damage(opened.raw());
    opened.raw().flush().expect("flush");
    drop(opened);
    store
}

#[test]
fn store_from_a_newer_jurydesk_is_refused_and_left_untouched() {
    let store = store_with(|db| {
        db.insert(keys::meta("schema"), &99u32.to_be_bytes())
            .unwrap();
    });
    let path = store.path().display().to_string();

    let stderr = store.fails(3, &["list", "editions"]);
    assert!(
        stderr.contains(&path) && stderr.contains("newer jurydesk"),
        "{stderr}"
    );
    let stderr = store.fails(
        3,
        &["festival", "add", "--code", "cannes", "--name", "Cannes"],
    );
    assert!(stderr.contains("newer jurydesk"), "{stderr}");

    let db = sled::open(store.path()).expect("sled opens the store");
    let schema = db
        .get(keys::meta("schema"))
        .unwrap()
        .expect("a schema record");
    assert_eq!(
        schema.as_ref(),
        99u32.to_be_bytes(),
        "the newer schema was not overwritten"
    );
    assert_eq!(db.scan_prefix([keys::LOG]).count(), 1, "nothing was logged");
}

#[test]
fn damaged_store_is_refused_with_the_fix() {
    let store = store_with(|db| {
        db.insert(keys::meta("schema"), &[1u8, 2][..]).unwrap();
    });
    let stderr = store.fails(3, &["list", "editions"]);
    assert!(
        stderr.contains(&store.path().display().to_string()),
        "{stderr}"
    );
    assert!(
        stderr.contains("damaged") && stderr.contains("backup"),
        "{stderr}"
    );
}

#[test]
fn store_open_in_another_jurydesk_is_refused() {
    let store = TestStore::with_demo();
    let holder = Desk::open(&store.path()).expect("the store opens");

    let stderr = store.fails(
        3,
        &[
            "submission",
            "add",
            "--edition",
            "fajr-43",
            "--title",
            "Blocked",
        ],
    );
    assert!(stderr.contains("open in another jurydesk"), "{stderr}");
    assert!(
        stderr.contains(&store.path().display().to_string()),
        "{stderr}"
    );

    drop(holder);
    assert!(!titles(&store.submissions("fajr-43", &[])).contains(&"Blocked"));
}

// ---------------------------------------------------------------------------------------------------
// check and undo

#[test]
fn check_passes_on_a_demo_store() {
    let store = TestStore::with_demo();
    let out = store.ok(&["check"]);
    assert!(out.contains("store is sound"), "{out}");
    assert!(out.contains("audit log: 1 entries"), "{out}");
}

#[test]
fn undo_on_an_empty_store_has_nothing_to_undo() {
    let store = TestStore::empty();
    // An empty store that exists (a read never creates one): a change, and its undo.
    store.ok(&["festival", "add", "--code", "x", "--name", "X"]);
    store.ok(&["undo"]);
    let out = store.ok(&["undo"]);
    assert!(out.contains("nothing to undo"), "{out}");
    assert_eq!(store.log().len(), 2, "an undo of nothing is not logged");
}

// ---------------------------------------------------------------------------------------------------
// edit

#[test]
fn submission_edit_changes_only_the_fields_it_names() {
    let store = TestStore::with_demo();
    let before = find(&store.submissions("riff-18", &[]), "The Salt Road").clone();
    let id = before["id"].to_string();
    store.ok(&[
        "submission",
        "edit",
        &id,
        "--title",
        "The Salt Road (new cut)",
    ]);
    let after = find(
        &store.submissions("riff-18", &[]),
        "The Salt Road (new cut)",
    )
    .clone();
    for field in [
        "original_title",
        "directors",
        "countries",
        "languages",
        "year",
        "runtime_minutes",
        "section",
        "submitted",
        "external_id",
        "notes",
        "status",
    ] {
        assert_eq!(after[field], before[field], "{field} must not change");
    }
    store.ok(&[
        "submission",
        "edit",
        &id,
        "--director",
        "A",
        "--director",
        "B",
    ]);
    let after = find(
        &store.submissions("riff-18", &[]),
        "The Salt Road (new cut)",
    )
    .clone();
    assert_eq!(after["directors"], serde_json::json!(["A", "B"]));
    assert_eq!(after["original_title"], before["original_title"]);
}

// ---------------------------------------------------------------------------------------------------
// outputs for scripts

/// Every moment in a CSV or JSON output is RFC 3339 in whole seconds, UTC: `2026-12-07T06:11:36Z`.
/// Before, `palmares` wrote `2026-12-07T06:11:36.106674713+00:00` where `list awards` wrote the
/// short form, so a script could not compare the two as text.
#[test]
fn every_csv_and_json_writes_moments_in_one_form() {
    let store = TestStore::with_demo();
    store.ok(&[
        "award",
        "--edition",
        "riff-18",
        "--category",
        "Grand Prize",
        "--winner",
        "1",
        "--reason",
        "decided in the room",
    ]);
    let one_form = |value: &str, what: &str| {
        let bytes = value.as_bytes();
        let shape = "dddd-dd-ddTdd:dd:ddZ";
        assert_eq!(value.len(), shape.len(), "{what}: {value}");
        for (c, s) in bytes.iter().zip(shape.bytes()) {
            assert!(
                if s == b'd' {
                    c.is_ascii_digit()
                } else {
                    *c == s
                },
                "{what}: {value}"
            );
        }
    };
    let json = |args: &[&str]| -> Value {
        serde_json::from_str(&stdout_of(store.run(args).success())).expect("JSON")
    };
    let palmares = json(&["palmares", "--edition", "riff-18", "--format", "json"]);
    let decided = palmares
        .pointer("/categories/0/decided_at")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("a decided_at in {palmares:#}"));
    one_form(decided, "palmares JSON");
    let csv = stdout_of(
        store
            .run(&["palmares", "--edition", "riff-18", "--format", "csv"])
            .success(),
    );
    let row = csv.lines().nth(1).expect("the Grand Prize row");
    one_form(row.rsplit(',').next().expect("decided_at"), "palmares CSV");
    let awards = json(&["list", "awards", "--edition", "riff-18", "--format", "json"]);
    one_form(
        awards[0]["decided_at"].as_str().expect("decided_at"),
        "list awards",
    );
    let log = json(&["log", "--format", "json"]);
    one_form(log[0]["at"].as_str().expect("at"), "log");
    let ballots = stdout_of(
        store
            .run(&["list", "ballots", "--edition", "riff-18", "--format", "csv"])
            .success(),
    );
    let row = ballots.lines().nth(1).expect("a ballot");
    one_form(
        row.rsplit(',').next().expect("updated_at"),
        "list ballots CSV",
    );
}

/// A reader that goes away (`| head`) is not a failure of any JSON or CSV output; before, `tally`
/// and `palmares` in JSON said "Broken pipe (os error 32)" and exited 1, and every CSV listing
/// "cannot write output: Broken pipe".
#[test]
fn a_reader_that_goes_away_is_not_a_failure() {
    let store = TestStore::with_demo();
    for args in [
        &["tally", "--edition", "riff-18", "--format", "json"][..],
        &["palmares", "--edition", "riff-18", "--format", "json"],
        &[
            "palmares",
            "--edition",
            "riff-18",
            "--check",
            "--format",
            "json",
        ],
        &["list", "submissions", "--format", "json"],
        &["log", "--format", "json"],
        // The csv crate made a broken pipe `Other`: "cannot write output: Broken pipe", exit 1.
        &["list", "submissions", "--format", "csv"],
        &["list", "ballots", "--edition", "riff-18", "--format", "csv"],
        &["palmares", "--edition", "riff-18", "--format", "csv"],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_jurydesk"))
            .arg("--db")
            .arg(store.path())
            .args(args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("jurydesk starts");
        // The reading end is closed before jurydesk has opened its store, let alone written.
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("jurydesk ends");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
