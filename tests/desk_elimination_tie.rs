//! An irv elimination tie on the desk (issue 14 finding 1; docs/counting.md#methods,
//! docs/counting.md#deciding-an-award): the count says the jury decides whom to eliminate, `a`
//! records nothing, and `r` draws lots to eliminate one of the tied, after which the count goes on
//! to a winner.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;
#[path = "common/desk_app.rs"]
mod desk_app;

use common::*;
use desk_app::*;
use jurydesk::domain::Decision;
use jurydesk::tui::tally::Deciding;
use ratatui::crossterm::event::KeyCode;

/// Finding 1: A×6, B>D×4, C>B×4, D>C×5 in "Best Film" (irv, tie-break none) of `iss-1`.
fn finding_one() -> TestStore {
    TestStore::irv_case(
        "Best Film",
        &["none"],
        &[(6, "A"), (4, "B > D"), (4, "C > B"), (5, "D > C")],
    )
}

#[test]
fn the_desk_names_the_elimination_tie_and_a_draw_settles_it() {
    let store = finding_one();
    let mut app = app_over(&store, 140, 45);
    select_category(&mut app, "Best Film");
    press(&mut app, &[ch('t')]);
    let text = screen(&app);
    assert!(
        text.contains("ELIMINATION TIE (round 1): B = C — the jury decides whom to eliminate"),
        "{text}"
    );
    assert!(
        text.contains("Round 1: 19 continuing ballots, 10 needed to win"),
        "{text}"
    );
    // `a` records nothing: there is no winner.
    press(&mut app, &[ch('a')]);
    let edition = app.desk.edition("iss-1").expect("edition");
    let category = app.desk.category(&edition, "Best Film").expect("category");
    assert!(app.desk.awards(category.id).expect("awards").is_empty());
    assert!(tally_view(&app).deciding.is_none(), "nothing to ask");
    // `r`: the seed first, then the question, then the award.
    press(&mut app, &[ch('r')]);
    assert!(
        matches!(tally_view(&app).deciding, Some(Deciding::Seed { .. })),
        "{:?}",
        tally_view(&app).deciding
    );
    type_keys(&mut app, "7");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen(&app);
    assert!(
        text.contains("Draw lots to eliminate one of B and C (round 1); the count then goes on"),
        "{text}"
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    let recorded = app.desk.awards(category.id).expect("awards");
    assert_eq!(recorded.len(), 1, "{}", screen(&app));
    assert_eq!(recorded[0].decision, Decision::Draw { seed: 7 });
}
