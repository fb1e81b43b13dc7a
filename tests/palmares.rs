//! The palmarès through the command line (README.md#command-line, docs/counting.md#palmares-rules):
//! the cascade, `palmares` and `--check`, `finalize` and `reopen` refusing and allowing the right
//! writes, rules presets, award statistics.
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

const EDITION: &str = "cas-1";

/// An edition where one film tops three categories: three films nominated in Golden, Silver and
/// Bronze (plurality), and three jurors who all rank Alpha > Beta > Gamma in each.
fn one_film_tops_three_categories() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "cas", "--name", "Cascade Fest"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "cas",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    for title in ["Alpha", "Beta", "Gamma"] {
        store.ok(&[
            "submission",
            "add",
            "--edition",
            EDITION,
            "--title",
            title,
            "--status",
            "selected",
        ]);
    }
    for juror in ["Juror One", "Juror Two", "Juror Three"] {
        store.ok(&["juror", "add", "--edition", EDITION, "--name", juror]);
    }
    for category in ["Golden", "Silver", "Bronze"] {
        store.ok(&[
            "category",
            "add",
            "--edition",
            EDITION,
            "--name",
            category,
            "--method",
            "plurality",
        ]);
        for title in ["Alpha", "Beta", "Gamma"] {
            store.ok(&[
                "nominate",
                "--edition",
                EDITION,
                "--category",
                category,
                "--submission",
                title,
            ]);
        }
        for juror in ["Juror One", "Juror Two", "Juror Three"] {
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
                "1 > 2 > 3",
            ]);
        }
    }
    store
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
    rows.remove(0)
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

fn award(store: &TestStore, category: &str) -> String {
    store.ok(&["award", "--edition", EDITION, "--category", category])
}

#[test]
fn the_cascade_counts_each_category_without_the_films_that_took_a_higher_prize() {
    let store = one_film_tops_three_categories();
    // Without the rule, Alpha tops every count.
    for category in ["Golden", "Silver", "Bronze"] {
        assert_eq!(strings(&tally(&store, category)["winners"]), ["Alpha"]);
    }
    store.ok(&[
        "rules",
        "set",
        "--edition",
        EDITION,
        "--one-prize-per-film",
        "yes",
    ]);
    assert!(award(&store, "Golden").contains("Alpha"));

    let silver = tally(&store, "Silver");
    assert_eq!(strings(&silver["winners"]), ["Beta"]);
    assert_eq!(silver["passed_over"][0]["nominee"], "Alpha");
    assert_eq!(silver["passed_over"][0]["took"], "Golden");
    let notes = strings(&silver["notes"]).join("\n");
    assert!(notes.contains("Counted without Alpha"), "{notes}");
    assert!(
        notes.contains("Without the cascade the count would give Alpha"),
        "{notes}"
    );
    assert!(award(&store, "Silver").contains("Beta"));

    let bronze = tally(&store, "Bronze");
    assert_eq!(strings(&bronze["winners"]), ["Gamma"]);
    assert_eq!(bronze["passed_over"].as_array().map(Vec::len), Some(2));
    assert!(award(&store, "Bronze").contains("Gamma"));

    // Naming a passed-over film by hand is refused with the prize it took.
    let refused = store.fails(
        1,
        &[
            "award",
            "--edition",
            EDITION,
            "--category",
            "Bronze",
            "--winner",
            "Alpha",
            "--reason",
            "jury",
        ],
    );
    assert!(refused.contains("already took Golden"), "{refused}");

    let sheet = store.json(&["palmares", "--edition", EDITION, "--format", "json"]);
    let winners: Vec<Vec<&str>> = sheet["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .map(|c| strings(&c["winners"]))
        .collect();
    assert_eq!(winners, [["Alpha"], ["Beta"], ["Gamma"]]);
    assert_eq!(sheet["violations"], Value::Array(Vec::new()));
    let text = store.ok(&["palmares", "--edition", EDITION]);
    assert!(
        text.contains("passed over: Alpha, whose film took Golden"),
        "{text}"
    );
    store.ok(&["palmares", "--edition", EDITION, "--check"]);

    // Turning the rule off makes the counted Silver and Bronze awards out of date: the check says so.
    store.ok(&[
        "rules",
        "set",
        "--edition",
        EDITION,
        "--one-prize-per-film",
        "no",
    ]);
    let out = store
        .run(&[
            "palmares",
            "--edition",
            EDITION,
            "--check",
            "--format",
            "json",
        ])
        .code(1);
    let checked: Value =
        serde_json::from_slice(&out.get_output().stdout).expect("the check as JSON");
    assert_eq!(checked["rules_broken"], Value::Array(Vec::new()));
    // An award the ballots no longer give is work to finish, not a broken rule.
    let items: Vec<&str> = checked["incomplete"]
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|v| v["item"].as_str())
        .collect();
    assert_eq!(items, ["award-out-of-date", "award-out-of-date"]);
    assert_eq!(checked["incomplete"][0]["category"], "Silver");
    assert_eq!(checked["incomplete"][0]["count_now"], "Alpha");
}

#[test]
fn a_film_holding_two_prizes_breaks_the_one_prize_rule_until_an_award_changes() {
    let store = one_film_tops_three_categories();
    award(&store, "Golden");
    award(&store, "Silver");
    // Both went to Alpha before the rule was declared.
    store.ok(&[
        "rules",
        "set",
        "--edition",
        EDITION,
        "--one-prize-per-film",
        "yes",
    ]);
    let out = store
        .run(&["palmares", "--edition", EDITION, "--check"])
        .code(1);
    let stdout = stdout_of(out);
    assert!(
        stdout.contains("more-than-one-prize: Alpha holds 2 prizes (Golden, Silver)"),
        "{stdout}"
    );
    // Silver's award is also out of date: its count now passes Alpha over.
    assert!(stdout.contains("award-out-of-date: Silver"), "{stdout}");
    let refused = store.fails(1, &["finalize", "--edition", EDITION]);
    assert!(refused.contains("cannot be finalized"), "{refused}");
    assert!(refused.contains("--override"), "{refused}");
    // Re-recording Silver from the count mends both; Bronze still lacks its award.
    assert!(award(&store, "Silver").contains("Beta"));
    let out = store
        .run(&["palmares", "--edition", EDITION, "--check"])
        .code(1);
    let stdout = stdout_of(out);
    assert!(
        stdout.contains("not-awarded: Bronze has no award yet"),
        "{stdout}"
    );
    assert!(!stdout.contains("Rules broken"), "{stdout}");
    award(&store, "Bronze");
    store.ok(&["palmares", "--edition", EDITION, "--check"]);
    store.ok(&["finalize", "--edition", EDITION]);
}

#[test]
fn a_combinable_category_may_go_to_a_film_that_took_another_prize() {
    let store = one_film_tops_three_categories();
    store.ok(&[
        "rules",
        "set",
        "--edition",
        EDITION,
        "--one-prize-per-film",
        "yes",
        "--combinable",
        "Silver",
    ]);
    award(&store, "Golden");
    let silver = tally(&store, "Silver");
    assert_eq!(strings(&silver["winners"]), ["Alpha"]);
    assert_eq!(silver["passed_over"], Value::Array(Vec::new()));
    award(&store, "Silver");
    // Bronze is not combinable: Alpha's Golden passes it over, its combinable Silver takes nothing.
    assert_eq!(strings(&tally(&store, "Bronze")["winners"]), ["Beta"]);
    let shown = store.ok(&["rules", "show", "--edition", EDITION]);
    assert!(
        shown.contains("one prize per film (combinable: Silver)"),
        "{shown}"
    );
}

#[test]
fn finalize_freezes_ballots_nominations_awards_and_jury_until_reopened_with_a_reason() {
    let store = TestStore::with_demo();
    // Nothing of the demo's RIFF palmarès is awarded yet: freezing it needs a reason.
    let said = store.ok(&[
        "finalize",
        "--edition",
        "riff-18",
        "--override",
        "frozen to try the guards",
    ]);
    assert!(said.contains("riff-18 is finalized"), "{said}");
    let frozen: [&[&str]; 8] = [
        &[
            "ballot",
            "set",
            "--edition",
            "riff-18",
            "--category",
            "Grand Prize",
            "--juror",
            "Javad Karimi",
            "--rank",
            "1 > 2",
        ],
        &[
            "nominate",
            "--edition",
            "riff-18",
            "--category",
            "Best Short Film",
            "--submission",
            "The Salt Road",
        ],
        &["award", "--edition", "riff-18", "--category", "Grand Prize"],
        &[
            "juror",
            "add",
            "--edition",
            "riff-18",
            "--name",
            "Late Juror",
        ],
        &[
            "juror",
            "recuse",
            "--edition",
            "riff-18",
            "--juror",
            "Javad Karimi",
            "--submission",
            "The Salt Road",
            "--reason",
            "x",
        ],
        &[
            "category",
            "add",
            "--edition",
            "riff-18",
            "--name",
            "Audience Award",
        ],
        &["rules", "set", "--edition", "riff-18", "--preset", "plain"],
        &["finalize", "--edition", "riff-18"],
    ];
    for args in frozen {
        let refused = store.fails(1, args);
        assert!(
            refused.contains("riff-18 is finalized"),
            "{args:?}: {refused}"
        );
    }
    // What is not the palmarès may still change.
    let row = store.submissions("riff-18", &["--query", "Salt Road"]);
    let id = row[0]["id"].to_string();
    store.ok(&["submission", "status", &id, "withdrawn"]);

    // Undo does not reopen: that needs a reason.
    store.ok(&["undo"]);
    let refused = store.fails(1, &["undo"]);
    assert!(refused.contains("reopen --edition riff-18"), "{refused}");
    store.fails(2, &["reopen", "--edition", "riff-18"]);
    let refused = store.fails(1, &["reopen", "--edition", "riff-18", "--reason", " "]);
    assert!(refused.contains("reason"), "{refused}");
    store.ok(&[
        "reopen",
        "--edition",
        "riff-18",
        "--reason",
        "a juror's ballot was entered for the wrong category",
    ]);
    store.ok(frozen[0]);
    let log = store.log();
    let actions: Vec<&str> = log
        .iter()
        .filter_map(|e| e["action"].as_str())
        .take(3)
        .collect();
    assert!(
        actions[1].starts_with("reopen riff-18 because: a juror's ballot"),
        "{actions:?}"
    );
    store.ok(&["log", "--verify"]);
}

#[test]
fn finalize_with_broken_rules_needs_an_override_reason_and_logs_it() {
    let store = TestStore::with_demo();
    store.ok(&[
        "category",
        "add",
        "--edition",
        "riff-18",
        "--name",
        "Audience Award",
        "--mandatory",
    ]);
    let refused = store.fails(1, &["finalize", "--edition", "riff-18"]);
    assert!(
        refused.contains("Audience Award is mandatory and has no award yet"),
        "{refused}"
    );
    store.ok(&[
        "finalize",
        "--edition",
        "riff-18",
        "--override",
        "the audience vote was cancelled",
    ]);
    let log = store.log();
    let action = log[0]["action"].as_str().expect("an action");
    assert!(
        action.contains(
            "overriding 1 rule(s) broken and 9 item(s) incomplete because: the audience vote was cancelled"
        ),
        "{action}"
    );
    assert!(action.contains("Audience Award is mandatory"), "{action}");
}

/// Every demo edition's palmarès can be checked and frozen: the one without categories as it is, the
/// incomplete ones (prizes still to award) only with a reason.
#[test]
fn every_demo_edition_has_a_checked_palmares_that_finalizes_once_complete_or_overridden() {
    let store = TestStore::with_demo();
    for edition in array(store.json(&["list", "editions", "--format", "json"])) {
        let code = edition["code"].as_str().expect("a code");
        let checked = store
            .cmd()
            .args(["palmares", "--edition", code, "--check", "--format", "json"])
            .output()
            .expect("palmares --check runs");
        let report: Value = serde_json::from_slice(&checked.stdout).expect("one JSON document");
        assert_eq!(report["rules_broken"], Value::Array(Vec::new()), "{code}");
        let complete = report["incomplete"].as_array().is_some_and(Vec::is_empty);
        assert_eq!(report["finalizable"], complete, "{code}");
        assert_eq!(
            checked.status.code(),
            Some(if complete { 0 } else { 1 }),
            "{code}"
        );
        if complete {
            store.ok(&["finalize", "--edition", code]);
        } else {
            store.fails(1, &["finalize", "--edition", code]);
            store.ok(&["finalize", "--edition", code, "--override", "demo"]);
        }
    }
    store.ok(&["check"]);
}

#[test]
fn the_markdown_palmares_of_the_demo_fajr_edition() {
    let store = TestStore::with_demo();
    let md = store.ok(&["palmares", "--edition", "fajr-43", "--format", "md"]);
    insta::assert_snapshot!(md);
}

#[test]
fn the_palmares_as_csv_has_one_row_per_winner_and_one_per_open_category() {
    let store = TestStore::with_demo();
    let csv = store.ok(&["palmares", "--edition", "fajr-43", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("a header").clone();
    assert_eq!(&headers[1], "category");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 13);
    let director = rows
        .iter()
        .find(|r| &r[1] == "Best Director")
        .expect("Best Director");
    assert_eq!(&director[4], STORY_TITLE);
    assert_eq!(&director[5], "Hamid Zargarnejad");
}

#[test]
fn a_preset_sets_the_rules_and_the_categories_that_have_no_ballots_or_award() {
    let store = TestStore::with_demo();
    let said = store.ok(&["rules", "set", "--edition", "riff-18", "--preset", "venice"]);
    // Every RIFF category has ballots, so each keeps its method, tie-breaks and ex-aequo.
    assert!(
        said.contains(
            "kept their method, tie-breaks and ex-aequo (ballots are entered): Grand Prize, Best Director, Best Short Film"
        ),
        "{said}"
    );
    assert!(said.contains("no shared prizes"), "{said}");
    assert!(said.contains("the top prize is never shared"), "{said}");
    let listed = store.ok(&["rules", "presets"]);
    for name in ["plain", "cannes", "berlinale", "venice"] {
        assert!(listed.contains(name), "{listed}");
    }
    let refused = store.fails(
        1,
        &["rules", "set", "--edition", "riff-18", "--preset", "oscars"],
    );
    assert!(
        refused.contains("plain, cannes, berlinale, venice"),
        "{refused}"
    );
    store.fails(2, &["rules", "set", "--edition", "riff-18"]);
    store.ok(&["undo"]);
    let shown = store.ok(&["rules", "show", "--edition", "riff-18"]);
    assert!(shown.contains("at most 1 shared prize(s)"), "{shown}");
}

#[test]
fn award_statistics_over_the_demo_put_the_story_film_first() {
    let store = TestStore::with_demo();
    let by_film = array(store.json(&["stats", "awards", "--by", "film", "--format", "json"]));
    assert_eq!(
        by_film[0],
        serde_json::json!({"name": STORY_TITLE, "nominations": 13, "wins": 3})
    );
    // Most wins first, then most nominations, then name in collation order (issue 18: "Café" beside
    // "Cafe", Persian names in Persian order, numbers by value).
    let key = |v: &Value| {
        (
            std::cmp::Reverse(v["wins"].as_u64()),
            std::cmp::Reverse(v["nominations"].as_u64()),
            v["name"].as_str().map(jurydesk::text::collation::sort_key),
        )
    };
    assert!(by_film.windows(2).all(|w| key(&w[0]) <= key(&w[1])));
    let by_person = array(store.json(&[
        "stats",
        "awards",
        "--edition",
        "fajr-43",
        "--by",
        "person",
        "--format",
        "json",
    ]));
    assert_eq!(by_person[0]["name"], "Hamid Zargarnejad");
    assert_eq!(by_person[0]["wins"], 3);
    let top = array(store.json(&[
        "stats", "awards", "--by", "country", "--top", "1", "--format", "json",
    ]));
    assert_eq!(top.len(), 1);
    assert_eq!(top[0]["name"], "Iran");
    store.fails(
        2,
        &[
            "stats",
            "awards",
            "--edition",
            "fajr-43",
            "--festival",
            "fajr",
        ],
    );
}
