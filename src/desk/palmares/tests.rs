//! The palmarès of stores the command line cannot build any more: two categories on one place (written
//! before precedence numbers were unique), and categories with nobody to count.

use tempfile::TempDir;

use crate::desk::{CategoryInput, Desk, EditionInput, FestivalInput};
use crate::domain::palmares::{Incomplete, Violation};
use crate::domain::{Category, CategoryKind, Method};

const EDITION: &str = "old-1";

fn desk_with_two_categories() -> (TempDir, Desk) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let desk = Desk::open(&dir.path().join("store")).expect("a store");
    desk.add_festival(&FestivalInput {
        code: "old".into(),
        name: "Old Festival".into(),
        ..FestivalInput::default()
    })
    .expect("festival");
    desk.add_edition(&EditionInput {
        festival: "old".into(),
        number: 1,
        year: 2024,
        ..EditionInput::default()
    })
    .expect("edition");
    for name in ["Top", "Other"] {
        desk.add_category(&CategoryInput {
            edition: EDITION.into(),
            name: name.into(),
            prize: String::new(),
            kind: CategoryKind::Film,
            method: Method::Plurality,
            tie_breaks: Vec::new(),
            ex_aequo_allowed: false,
            mandatory: false,
            precedence: None,
        })
        .expect("category");
    }
    (dir, desk)
}

fn category(desk: &Desk, name: &str) -> Category {
    let edition = desk.edition(EDITION).expect("edition");
    desk.category(&edition, name).expect("category")
}

#[test]
fn a_shared_place_from_an_older_store_is_a_rule_broken_and_other_edits_still_work() {
    let (_dir, desk) = desk_with_two_categories();
    let mut other = category(&desk, "Other");
    other.precedence = 1;
    let mut tx = desk.store.begin();
    tx.put(&other).expect("put");
    tx.commit("an older jurydesk put Other on place 1")
        .expect("commit");

    let palmares = desk.palmares(EDITION).expect("the sheet shows");
    assert_eq!(
        palmares.violations,
        vec![Violation::DuplicatePrecedence {
            precedence: 1,
            categories: vec!["Top".into(), "Other".into()],
        }]
    );
    // Neither category has nominees: each is simply not awarded yet, and nothing fails to count.
    assert_eq!(
        palmares.incomplete,
        vec![
            Incomplete::NotAwarded {
                category: "Top".into()
            },
            Incomplete::NotAwarded {
                category: "Other".into()
            },
        ]
    );
    assert!(!palmares.finalizable());
    assert!(desk.finalize(EDITION, None).is_err());

    // Renaming Other keeps its (shared) place and is not refused for it; moving onto Top's place is.
    let mut input = CategoryInput {
        edition: String::new(),
        name: "Other Prize".into(),
        prize: String::new(),
        kind: other.kind,
        method: other.method,
        tie_breaks: Vec::new(),
        ex_aequo_allowed: false,
        mandatory: false,
        precedence: Some(1),
    };
    desk.edit_category(EDITION, "Other", &input)
        .expect("a rename keeps the place");
    input.precedence = Some(2);
    desk.edit_category(EDITION, "Other Prize", &input)
        .expect("a free place");
    input.precedence = Some(1);
    let refused = desk
        .edit_category(EDITION, "Other Prize", &input)
        .expect_err("Top holds place 1");
    assert!(refused.to_string().contains("taken by 'Top'"), "{refused}");
    assert!(desk.palmares(EDITION).expect("sheet").violations.is_empty());
}

#[test]
fn a_category_without_nominees_counts_as_nothing_to_count_instead_of_failing() {
    let (_dir, desk) = desk_with_two_categories();
    let edition = desk.edition(EDITION).expect("edition");
    let top = category(&desk, "Top");
    assert!(desk.count_category(&edition, &top, None, None).is_err());
    let count = desk
        .count_or_explain(&edition, &top, None, None)
        .expect("an empty count");
    assert!(!count.outcome.decided);
    assert_eq!(
        count.outcome.notes,
        ["Top has no nominees yet: there is nothing to count."]
    );
}
