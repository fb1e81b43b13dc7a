//! `palmares --check`, the sheet and `finalize` against issue 12's palmarès findings
//! (docs/counting.md#palmares-rules, docs/counting.md#deciding-an-award): rules broken and
//! incomplete apart, the cascade that empties a category, casting votes and draws checked with the
//! decision, winners never passed over in their own category, presets that keep what has ballots,
//! prizes without votes, unique precedence numbers.
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

const EDITION: &str = "rp-1";

/// An edition with Alpha, Beta and Gamma selected for competition and a jury of four (Juror A presides).
fn replay_edition(one_prize_per_film: bool) -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "rp", "--name", "Replay Fest"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "rp",
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
    for (juror, role) in [
        ("Juror A", "president"),
        ("Juror B", "member"),
        ("Juror C", "member"),
        ("Juror D", "member"),
    ] {
        store.ok(&[
            "juror",
            "add",
            "--edition",
            EDITION,
            "--name",
            juror,
            "--role",
            role,
        ]);
    }
    if one_prize_per_film {
        store.ok(&[
            "rules",
            "set",
            "--edition",
            EDITION,
            "--one-prize-per-film",
            "yes",
        ]);
    }
    store
}

fn category(store: &TestStore, name: &str, method: &str, nominees: &[&str]) {
    store.ok(&[
        "category",
        "add",
        "--edition",
        EDITION,
        "--name",
        name,
        "--method",
        method,
    ]);
    for title in nominees {
        store.ok(&[
            "nominate",
            "--edition",
            EDITION,
            "--category",
            name,
            "--submission",
            title,
        ]);
    }
}

/// Changes juror `juror`'s stored ranking in `category` behind the award's back: an award freezes its
/// ballots (docs/counting.md#deciding-an-award), so no command does this any more, but a store
/// written before that rule, or a change that reached the ballots some other way, must still show
/// the award as out of date. Done through the store, logged, as a use-case would. `order` lists
/// nominee numbers, best first.
fn change_ballot_behind_the_award(store: &TestStore, category: &str, juror: &str, order: &[u32]) {
    use jurydesk::domain::{Ballot, BallotContent, Category, Juror, Nomination};
    let db = jurydesk::store::Store::open(&store.path()).expect("the store opens");
    let category: Category = db
        .all::<Category>()
        .expect("categories")
        .into_iter()
        .find(|c| c.name == category)
        .expect("the category");
    let juror: Juror = db
        .all::<Juror>()
        .expect("jurors")
        .into_iter()
        .find(|j| j.name == format!("Juror {juror}"))
        .expect("the juror");
    let nominations: Vec<Nomination> = db
        .all::<Nomination>()
        .expect("nominations")
        .into_iter()
        .filter(|n| n.category_id == category.id)
        .collect();
    let mut ballot: Ballot = db
        .all::<Ballot>()
        .expect("ballots")
        .into_iter()
        .find(|b| b.category_id == category.id && b.juror_id == juror.id)
        .expect("the ballot");
    ballot.content = BallotContent::Ranked(
        order
            .iter()
            .map(|&n| {
                nominations
                    .iter()
                    .find(|x| x.number == n)
                    .expect("the nominee")
                    .id
            })
            .collect(),
    );
    jurydesk::store::testing::write_behind_the_desk(
        &db,
        "test: a ballot changed behind an award",
        |change| change.put(&ballot),
    )
    .expect("committed");
}

fn vote(store: &TestStore, category: &str, juror: &str, rank: &str) {
    let juror = format!("Juror {juror}");
    store.ok(&[
        "ballot",
        "set",
        "--edition",
        EDITION,
        "--category",
        category,
        "--juror",
        &juror,
        "--rank",
        rank,
    ]);
}

/// Every juror ranks the same way.
fn all_vote(store: &TestStore, category: &str, rank: &str) {
    for juror in ["A", "B", "C", "D"] {
        vote(store, category, juror, rank);
    }
}

fn award(store: &TestStore, category: &str, extra: &[&str]) -> String {
    let mut args = vec!["award", "--edition", EDITION, "--category", category];
    args.extend_from_slice(extra);
    store.ok(&args)
}

/// `palmares --check --format json`, whatever its exit code, with that code.
fn check(store: &TestStore) -> (Value, i32) {
    let output = store
        .cmd()
        .args([
            "palmares",
            "--edition",
            EDITION,
            "--check",
            "--format",
            "json",
        ])
        .output()
        .expect("palmares --check runs");
    let report = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "--check prints one JSON document ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    (report, output.status.code().unwrap_or(-1))
}

/// The `rule` or `item` names of one of the check's lists.
fn names<'a>(report: &'a Value, list: &str, field: &str) -> Vec<&'a str> {
    report[list]
        .as_array()
        .map(|a| a.iter().filter_map(|v| v[field].as_str()).collect())
        .unwrap_or_default()
}

fn status(store: &TestStore, title: &str, to: &str) {
    let row = store.submissions(EDITION, &["--query", title]);
    let id = row[0]["id"].to_string();
    store.ok(&["submission", "status", &id, to, "--force"]);
}

// Finding 5: an empty palmarès with a ballot missing is incomplete, and finalize says so.
#[test]
fn finalize_refuses_an_incomplete_palmares_and_the_check_lists_it_apart_from_rules_broken() {
    let store = TestStore::with_demo();
    let out = store
        .run(&["palmares", "--edition", "riff-18", "--check"])
        .code(1);
    let text = stdout_of(out);
    assert!(
        text.contains("riff-18: Not ready to finalize: 9 items incomplete."),
        "{text}"
    );
    assert!(!text.contains("Rules broken"), "{text}");
    assert!(
        text.contains("not-awarded: Grand Prize has no award yet"),
        "{text}"
    );
    assert!(
        text.contains("ballots-missing: Grand Prize: 1 ballot(s) missing (Javad Karimi)"),
        "{text}"
    );
    assert!(
        text.contains(
            "nominee-not-selected: The Last Date Palm is nominated in Grand Prize but its submission is eligible"
        ),
        "{text}"
    );
    let refused = store.fails(1, &["finalize", "--edition", "riff-18"]);
    assert!(
        refused.contains("riff-18 cannot be finalized: 9 items incomplete"),
        "{refused}"
    );
    assert!(refused.contains("--override"), "{refused}");
    let sheet = store.ok(&["palmares", "--edition", "riff-18"]);
    assert!(!sheet.contains("may be finalized"), "{sheet}");
    assert!(sheet.contains("Incomplete (9):"), "{sheet}");

    // The JSON keeps the two lists apart, with stable fields.
    let sheet = store.json(&["palmares", "--edition", "riff-18", "--format", "json"]);
    assert_eq!(sheet["finalizable"], false);
    assert_eq!(sheet["rules_broken"], Value::Array(Vec::new()));
    let missing = &sheet["incomplete"][1];
    assert_eq!(missing["item"], "ballots-missing");
    assert_eq!(missing["category"], "Grand Prize");
    assert_eq!(missing["jurors"][0], "Javad Karimi");
    assert!(
        missing["message"]
            .as_str()
            .is_some_and(|m| m.contains("missing"))
    );

    store.ok(&[
        "finalize",
        "--edition",
        "riff-18",
        "--override",
        "the ceremony cannot wait",
    ]);
    let action = store.log()[0]["action"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        action.contains(
            "overriding 0 rule(s) broken and 9 item(s) incomplete because: the ceremony cannot wait"
        ),
        "{action}"
    );
    assert!(action.contains("Grand Prize has no award yet"), "{action}");
    // A finalized sheet says so, never that it may be finalized.
    let sheet = store.ok(&["palmares", "--edition", "riff-18"]);
    assert!(
        sheet.contains("Finalized, overriding 9 items incomplete."),
        "{sheet}"
    );
    assert!(!sheet.contains("may be finalized"), "{sheet}");
}

#[test]
fn a_complete_palmares_may_be_finalized_and_then_says_finalized() {
    let store = replay_edition(false);
    category(&store, "Top", "plurality", &["Alpha", "Beta"]);
    all_vote(&store, "Top", "1 > 2");
    let sheet = store.ok(&["palmares", "--edition", EDITION]);
    assert!(
        sheet.contains("Incomplete (1):\n  - Top has no award yet"),
        "{sheet}"
    );
    award(&store, "Top", &[]);
    let (report, code) = check(&store);
    assert_eq!((code, &report["finalizable"]), (0, &Value::Bool(true)));
    let sheet = store.ok(&["palmares", "--edition", EDITION]);
    assert!(sheet.contains("the palmarès may be finalized"), "{sheet}");
    store.ok(&["finalize", "--edition", EDITION]);
    let sheet = store.ok(&["palmares", "--edition", EDITION]);
    assert!(
        sheet.contains("Finalized: the palmarès is frozen."),
        "{sheet}"
    );
    assert!(!sheet.contains("may be finalized"), "{sheet}");
}

// Finding 8: a winner set to withdrawn after the award shows on the check.
#[test]
fn a_winner_withdrawn_or_disqualified_after_the_award_makes_the_palmares_incomplete() {
    let store = replay_edition(false);
    category(&store, "Top", "plurality", &["Alpha", "Beta"]);
    all_vote(&store, "Top", "1 > 2");
    award(&store, "Top", &[]);
    assert_eq!(check(&store).1, 0);
    status(&store, "Alpha", "withdrawn");
    let (report, code) = check(&store);
    assert_eq!(code, 1);
    assert_eq!(names(&report, "incomplete", "item"), ["winner-ineligible"]);
    assert_eq!(report["incomplete"][0]["status"], "withdrawn");
    assert_eq!(report["incomplete"][0]["winner"], "Alpha");
    store.fails(1, &["finalize", "--edition", EDITION]);
    status(&store, "Alpha", "disqualified");
    assert_eq!(check(&store).0["incomplete"][0]["status"], "disqualified");
    // A nominee that is not a winner and not selected is listed once, with its categories.
    status(&store, "Alpha", "selected");
    status(&store, "Beta", "shortlisted");
    let (report, _) = check(&store);
    assert_eq!(
        names(&report, "incomplete", "item"),
        ["nominee-not-selected"]
    );
    assert_eq!(report["incomplete"][0]["film"], "Beta");
    assert_eq!(report["incomplete"][0]["categories"][0], "Top");
}

/// Finding 10's replay: one prize per film; Top has Alpha and Beta, Second only Alpha.
fn second_holds_only_alpha() -> TestStore {
    let store = replay_edition(true);
    category(&store, "Top", "plurality", &["Alpha", "Beta"]);
    category(&store, "Second", "plurality", &["Alpha"]);
    all_vote(&store, "Top", "1");
    all_vote(&store, "Second", "1");
    store
}

// Finding 10: the cascade empties an awarded category; nothing may stop working.
#[test]
fn a_category_the_cascade_emptied_after_its_award_is_reported_and_every_command_still_works() {
    let store = second_holds_only_alpha();
    award(&store, "Second", &[]);
    award(&store, "Top", &[]);
    for format in ["text", "md", "csv", "json"] {
        store.ok(&["palmares", "--edition", EDITION, "--format", format]);
    }
    let (report, code) = check(&store);
    assert_eq!(code, 1);
    assert_eq!(
        names(&report, "rules_broken", "rule"),
        ["more-than-one-prize"]
    );
    assert_eq!(report["rules_broken"][0]["film"], "Alpha");
    assert_eq!(names(&report, "incomplete", "item"), ["category-emptied"]);
    let emptied = &report["incomplete"][0];
    assert_eq!(emptied["category"], "Second");
    assert_eq!(emptied["films"][0]["film"], "Alpha");
    assert_eq!(
        emptied["films"][0]["prizes"],
        serde_json::json!(["Top", "Second"])
    );
    let text = store.ok(&["palmares", "--edition", EDITION]);
    assert!(
        text.contains("Alpha holds 2 prizes (Top, Second)"),
        "the real problem is named: {text}"
    );
    assert!(
        text.contains("Second has no nominee left to count: Alpha holds Top and Second"),
        "{text}"
    );
    let tally = store.ok(&["tally", "--edition", EDITION]);
    assert!(
        tally.contains("Second has no nominee left to count"),
        "{tally}"
    );
    let counts = array(store.json(&["tally", "--edition", EDITION, "--format", "json"]));
    assert_eq!(counts.len(), 2);
    assert_eq!(counts[1]["passed_over"][0]["took"], "Top");
    store.ok(&[
        "finalize",
        "--edition",
        EDITION,
        "--override",
        "the jury insists",
    ]);
}

#[test]
fn a_category_the_cascade_emptied_before_its_award_is_reported_not_an_error() {
    let store = second_holds_only_alpha();
    award(&store, "Top", &[]);
    store.ok(&["tally", "--edition", EDITION]);
    let (report, code) = check(&store);
    assert_eq!(code, 1);
    assert_eq!(report["rules_broken"], Value::Array(Vec::new()));
    // Emptied, which is why it has no award: said once.
    assert_eq!(names(&report, "incomplete", "item"), ["category-emptied"]);
    assert!(
        report["incomplete"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("Alpha holds Top")),
        "{report}"
    );
    let refused = store.fails(1, &["finalize", "--edition", EDITION]);
    assert!(refused.contains("Second has no nominee left"), "{refused}");
}

/// Finding 11's replay: a 2–2 tie between Alpha and Beta in Special.
fn two_two_tie() -> TestStore {
    let store = replay_edition(false);
    category(&store, "Special", "plurality", &["Alpha", "Beta"]);
    vote(&store, "Special", "A", "1 > 2");
    vote(&store, "Special", "B", "1 > 2");
    vote(&store, "Special", "C", "2 > 1");
    vote(&store, "Special", "D", "2 > 1");
    store
}

// Finding 11: a casting vote is checked with the decision it recorded.
#[test]
fn a_casting_vote_stands_while_its_tie_stands_and_is_out_of_date_once_the_ballots_change() {
    let store = two_two_tie();
    award(&store, "Special", &["--casting-vote", "Beta"]);
    let (report, code) = check(&store);
    assert_eq!(code, 0, "{report}");
    store.ok(&["finalize", "--edition", EDITION]);
    store.ok(&[
        "reopen",
        "--edition",
        EDITION,
        "--reason",
        "a ballot was wrong",
    ]);
    // Juror D now ranks Alpha first: no tie, and Alpha wins.
    change_ballot_behind_the_award(&store, "Special", "D", &[1, 2]);
    let (report, code) = check(&store);
    assert_eq!(code, 1);
    assert_eq!(names(&report, "incomplete", "item"), ["award-out-of-date"]);
    assert_eq!(report["incomplete"][0]["count_now"], "Alpha");
    assert_eq!(report["incomplete"][0]["recorded"][0], "Beta");
}

#[test]
fn a_draw_stands_while_the_same_seed_draws_the_same_winner() {
    let store = two_two_tie();
    award(&store, "Special", &["--draw", "42"]);
    assert_eq!(check(&store).1, 0);
    change_ballot_behind_the_award(&store, "Special", "D", &[1, 2]);
    let (report, _) = check(&store);
    // Alpha now wins outright: the draw stands only if it had drawn Alpha.
    let drawn_alpha = store
        .json(&["list", "awards", "--edition", EDITION, "--format", "json"])
        .to_string()
        .contains("\"Alpha\"");
    let expected: &[&str] = if drawn_alpha {
        &[]
    } else {
        &["award-out-of-date"]
    };
    assert_eq!(names(&report, "incomplete", "item"), expected);
}

// Finding 12: a winner is never "passed over" in its own category.
#[test]
fn a_winner_is_never_listed_as_passed_over_in_its_own_category() {
    for hand in [false, true] {
        let store = replay_edition(true);
        category(&store, "Top", "plurality", &["Alpha", "Beta"]);
        category(&store, "Jury", "plurality", &["Alpha", "Beta"]);
        all_vote(&store, "Top", "1 > 2");
        all_vote(&store, "Jury", "1 > 2");
        award(&store, "Jury", &[]);
        if hand {
            award(
                &store,
                "Top",
                &["--winner", "Alpha", "--reason", "deliberation"],
            );
        } else {
            award(&store, "Top", &[]);
        }
        let text = store.ok(&["palmares", "--edition", EDITION]);
        assert!(text.contains("Jury: Alpha"), "{text}");
        assert!(!text.contains("passed over: Alpha"), "{text}");
        assert!(text.contains("Alpha holds 2 prizes (Top, Jury)"), "{text}");
        let sheet = store.json(&["palmares", "--edition", EDITION, "--format", "json"]);
        assert_eq!(sheet["categories"][1]["winners"][0], "Alpha");
        assert_eq!(
            sheet["categories"][1]["passed_over"],
            Value::Array(Vec::new())
        );
        // Once Jury goes to Beta, Alpha is passed over there, as it should be.
        award(&store, "Jury", &[]);
        let text = store.ok(&["palmares", "--edition", EDITION]);
        assert!(text.contains("Jury: Beta"), "{text}");
        assert!(
            text.contains("passed over: Alpha, whose film took Top"),
            "{text}"
        );
    }
}

// Finding 13: a preset keeps every category that has ballots or an award as it is.
#[test]
fn a_preset_never_changes_the_count_of_a_category_with_ballots_or_an_award() {
    let store = two_two_tie();
    category(&store, "Awarded", "plurality", &["Alpha", "Beta"]);
    all_vote(&store, "Awarded", "1 > 2");
    award(&store, "Awarded", &[]);
    category(&store, "Fresh", "plurality", &["Alpha", "Gamma"]);
    let said = store.ok(&[
        "rules",
        "set",
        "--edition",
        EDITION,
        "--preset",
        "berlinale",
    ]);
    assert!(
        said.contains("categories set by the preset: Fresh"),
        "{said}"
    );
    assert!(
        said.contains("kept their method, tie-breaks and ex-aequo (an award is recorded): Awarded"),
        "{said}"
    );
    assert!(
        said.contains("kept their method, tie-breaks and ex-aequo (ballots are entered): Special"),
        "{said}"
    );
    let shown = store.ok(&["rules", "show", "--edition", EDITION]);
    assert!(shown.contains("Special — plurality; top prize"), "{shown}");
    assert!(
        shown.contains("Fresh — majority-rounds:2, tie-break casting-vote"),
        "{shown}"
    );
    // The tie stands: the preset's casting vote did not settle it.
    let tally = array(store.json(&[
        "tally",
        "--edition",
        EDITION,
        "--category",
        "Special",
        "--format",
        "json",
    ]));
    assert_eq!(tally[0]["tie"], true);
    assert_eq!(tally[0]["winners"].as_array().map(Vec::len), Some(2));
}

// Finding 14: a prize whose winner had no vote at all is flagged unless the jury gave it by hand.
#[test]
fn an_award_without_a_single_vote_for_its_winner_is_flagged_unless_given_by_hand() {
    let store = replay_edition(true);
    category(&store, "Top", "plurality", &["Alpha", "Beta"]);
    category(&store, "Second", "irv", &["Alpha", "Gamma"]);
    all_vote(&store, "Top", "1");
    all_vote(&store, "Second", "1");
    award(&store, "Top", &[]);
    // Whether or not `award` still lets this through, the check must name it when it is recorded.
    let recorded = store
        .cmd()
        .args(["award", "--edition", EDITION, "--category", "Second"])
        .output()
        .expect("award runs")
        .status
        .success();
    if recorded {
        let (report, code) = check(&store);
        assert_eq!(code, 1);
        assert_eq!(
            names(&report, "rules_broken", "rule"),
            ["winner-without-votes"]
        );
        assert_eq!(report["rules_broken"][0]["winners"][0], "Gamma");
    }
    award(
        &store,
        "Second",
        &["--winner", "Gamma", "--reason", "the jury's statement"],
    );
    let (report, code) = check(&store);
    assert_eq!(code, 0, "{report}");
}

#[test]
fn a_shared_prize_from_a_tie_without_votes_is_flagged() {
    let store = replay_edition(true);
    category(&store, "Top", "plurality", &["Alpha", "Beta"]);
    store.ok(&[
        "category",
        "add",
        "--edition",
        EDITION,
        "--name",
        "Shared",
        "--method",
        "plurality",
        "--ex-aequo",
    ]);
    for title in ["Alpha", "Beta", "Gamma"] {
        store.ok(&[
            "nominate",
            "--edition",
            EDITION,
            "--category",
            "Shared",
            "--submission",
            title,
        ]);
    }
    all_vote(&store, "Top", "1");
    all_vote(&store, "Shared", "1");
    award(&store, "Top", &[]);
    let recorded = store
        .cmd()
        .args(["award", "--edition", EDITION, "--category", "Shared"])
        .output()
        .expect("award runs")
        .status
        .success();
    if recorded {
        let (report, _) = check(&store);
        assert_eq!(
            names(&report, "rules_broken", "rule"),
            ["winner-without-votes"]
        );
        assert_eq!(
            report["rules_broken"][0]["winners"],
            serde_json::json!(["Beta", "Gamma"])
        );
    }
}

// Finding 15: precedence numbers are unique in an edition.
#[test]
fn a_taken_precedence_is_refused_naming_the_category_that_holds_it() {
    let store = replay_edition(false);
    store.ok(&[
        "category",
        "add",
        "--edition",
        EDITION,
        "--name",
        "Top",
        "--precedence",
        "1",
    ]);
    let refused = store.fails(
        1,
        &[
            "category",
            "add",
            "--edition",
            EDITION,
            "--name",
            "Other",
            "--precedence",
            "1",
        ],
    );
    assert!(
        refused.contains("place 1 is taken by 'Top' in rp-1"),
        "{refused}"
    );
    assert!(refused.contains("nothing is shifted"), "{refused}");
    assert!(refused.contains("such as 2"), "{refused}");
    store.ok(&["category", "add", "--edition", EDITION, "--name", "Other"]);
    let refused = store.fails(
        1,
        &[
            "category",
            "edit",
            "--edition",
            EDITION,
            "--category",
            "Other",
            "--precedence",
            "1",
        ],
    );
    assert!(refused.contains("taken by 'Top'"), "{refused}");
    // Its own place, or a free one, is fine.
    store.ok(&[
        "category",
        "edit",
        "--edition",
        EDITION,
        "--category",
        "Other",
        "--precedence",
        "2",
    ]);
    store.ok(&[
        "category",
        "edit",
        "--edition",
        EDITION,
        "--category",
        "Other",
        "--precedence",
        "5",
    ]);
    let rows = array(store.json(&[
        "list",
        "categories",
        "--edition",
        EDITION,
        "--format",
        "json",
    ]));
    let places: Vec<u64> = rows
        .iter()
        .filter_map(|r| r["precedence"].as_u64())
        .collect();
    assert_eq!(places, [1, 5]);
}
