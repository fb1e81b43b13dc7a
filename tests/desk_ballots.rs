//! Ballot entry on the desk (issue 12 finding 7): numbers typed digit by digit or separated by Space,
//! invalid numbers that block saving with the reason, a stored ballot replaced rather than added to,
//! jurors whose ballot would not count, and Persian digits.
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
use jurydesk::domain::BallotContent;
use jurydesk::tui::App;
use jurydesk::tui::ballot::Entry;
use ratatui::crossterm::event::KeyCode;

/// The stored ballot of `juror` in `category` as nominee numbers (ranked), or `None`.
fn stored_ranking(app: &App, edition: &str, category: &str, juror: &str) -> Option<Vec<u32>> {
    let edition = app.desk.edition(edition).expect("the edition");
    let category = app.desk.category(&edition, category).expect("the category");
    let juror = app.desk.juror(&edition, juror).expect("the juror");
    let nominees = app.desk.nominees(&category).expect("the nominees");
    let ballot = app.desk.ballot(category.id, juror.id).expect("read")?;
    match ballot.content {
        BallotContent::Ranked(order) => Some(
            order
                .iter()
                .map(|id| {
                    nominees
                        .iter()
                        .find(|n| n.nomination.id == *id)
                        .expect("a nominee")
                        .number()
                })
                .collect(),
        ),
        other => panic!("not a ranking: {other:?}"),
    }
}

/// The ranking typed so far, as nominee numbers (valid places only).
fn typed(app: &App) -> Vec<u32> {
    let form = ballot_form(app);
    form.ranking()
        .iter()
        .map(|&i| form.summary.nominees[i].number())
        .collect()
}

fn form_message(app: &App) -> String {
    ballot_form(app).message.clone().unwrap_or_default()
}

/// Moves ballot entry to `juror` with Tab.
fn go_to_juror(app: &mut App, juror: &str) {
    for _ in 0..ballot_form(app).summary.voters.len() {
        if ballot_form(app).juror_name() == juror {
            return;
        }
        press(app, &[key(KeyCode::Tab)]);
    }
    panic!("no voter {juror}");
}

#[test]
fn with_fewer_than_ten_nominees_digits_are_numbers_with_or_without_spaces() {
    let store = TestStore::with_demo();
    let mut app = app_over(&store, 120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('b')]);
    assert_eq!(ballot_form(&app).juror_name(), "Javad Karimi");
    let text = screen(&app);
    assert!(
        text.contains("type nominee numbers in order of preference (3 1 4,"),
        "{text}"
    );
    type_keys(&mut app, "31 4");
    assert_eq!(typed(&app), [3, 1, 4]);
    press(&mut app, &[key(KeyCode::Backspace)]);
    type_keys(&mut app, "2 ");
    assert_eq!(
        typed(&app),
        [3, 1, 2],
        "a Space after a digit only separates"
    );
    // Space with nothing typed before it still ranks the highlighted nominee.
    press(
        &mut app,
        &[key(KeyCode::Down), key(KeyCode::Down), key(KeyCode::Down)],
    );
    press(&mut app, &[ch(' ')]);
    assert_eq!(typed(&app), [3, 1, 2, 4]);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        stored_ranking(&app, "riff-18", "Grand Prize", "Javad Karimi"),
        Some(vec![3, 1, 2, 4])
    );
}

#[test]
fn persian_and_arabic_indic_digits_are_typed_on_the_desk() {
    let store = TestStore::with_demo();
    let mut app = app_over(&store, 120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('b')]);
    type_keys(&mut app, "۳ ٢");
    assert_eq!(typed(&app), [3, 2]);
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        stored_ranking(&app, "riff-18", "Grand Prize", "Javad Karimi"),
        Some(vec![3, 2])
    );
}

#[test]
fn typing_229_with_three_nominees_shows_why_and_saves_nothing() {
    let store = seated_jury();
    let mut app = app_over(&store, 110, 30);
    select_category(&mut app, "Best Film");
    press(&mut app, &[ch('b')]);
    assert_eq!(ballot_form(&app).juror_name(), "Pia President");
    type_keys(&mut app, "229");
    let form = ballot_form(&app);
    assert_eq!(form.entries.len(), 3, "{:?}", form.entries);
    assert!(matches!(form.entries[1], Entry::Invalid { .. }));
    assert!(matches!(form.entries[2], Entry::Invalid { .. }));
    let text = screen(&app);
    assert!(text.contains("Ranking: 2 > 2✗ > 9✗"), "{text}");
    assert!(text.contains("2 is already ranked #1"), "{text}");
    assert!(
        text.contains("there is no nominee 9 (the numbers are 1 to 3)"),
        "{text}"
    );
    // The observer is shown, with why a ballot of theirs would not count.
    assert!(
        text.contains("Oz Observer (observer: observers never vote)"),
        "{text}"
    );
    insta::assert_snapshot!("ballot_229_of_three_110x30", text);

    press(&mut app, &[key(KeyCode::Enter)]);
    let said = form_message(&app);
    assert!(said.starts_with("not saved:"), "{said}");
    assert!(said.contains("there is no nominee 9"), "{said}");
    assert_eq!(
        stored_ranking(&app, "test-1", "Best Film", "Pia President"),
        None,
        "nothing was saved"
    );
    assert_eq!(
        ballot_form(&app).juror_name(),
        "Pia President",
        "still her ballot"
    );

    press(
        &mut app,
        &[key(KeyCode::Backspace), key(KeyCode::Backspace)],
    );
    type_keys(&mut app, "3");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        stored_ranking(&app, "test-1", "Best Film", "Pia President"),
        Some(vec![2, 3])
    );
    // An empty ranking is not a ballot either.
    assert_eq!(ballot_form(&app).juror_name(), "Mo Member");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(form_message(&app).contains("the ranking is empty"));
    assert_eq!(
        stored_ranking(&app, "test-1", "Best Film", "Mo Member"),
        None
    );
}

/// Edition `many-1`: "Best Film" (schulze) with twelve nominees, numbered 1 to 12, and one juror.
fn twelve_nominees() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "many", "--name", "Many"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "many",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    store.ok(&[
        "category",
        "add",
        "--edition",
        "many-1",
        "--name",
        "Best Film",
    ]);
    for i in 1..=12 {
        let title = format!("Film {i:02}");
        store.ok(&[
            "submission",
            "add",
            "--edition",
            "many-1",
            "--title",
            &title,
        ]);
        store.ok(&[
            "nominate",
            "--edition",
            "many-1",
            "--category",
            "Best Film",
            "--submission",
            &title,
        ]);
    }
    store.ok(&["juror", "add", "--edition", "many-1", "--name", "Ana Juror"]);
    store
}

#[test]
fn with_ten_or_more_nominees_numbers_of_any_length_are_separated_by_space() {
    let store = twelve_nominees();
    let mut app = app_over(&store, 120, 40);
    select_category(&mut app, "Best Film");
    press(&mut app, &[ch('b')]);
    let text = screen(&app);
    assert!(text.contains("separated by Space (12 3"), "{text}");
    type_keys(&mut app, "12 3 1");
    assert_eq!(typed(&app), [12, 3]);
    assert_eq!(ballot_form(&app).pending, "1");
    assert!(screen(&app).contains("typing 1"));
    type_keys(&mut app, "0 13 ");
    assert_eq!(typed(&app), [12, 3, 10]);
    assert!(form_message(&app).contains("there is no nominee 13 (the numbers are 1 to 12)"));
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(form_message(&app).starts_with("not saved:"));
    press(&mut app, &[key(KeyCode::Backspace)]);
    // Enter ends the number being typed, then saves.
    type_keys(&mut app, "01");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        stored_ranking(&app, "many-1", "Best Film", "Ana Juror"),
        Some(vec![12, 3, 10, 1])
    );
}

#[test]
fn returning_to_a_juror_starts_from_the_stored_ballot_and_replaces_it() {
    let store = TestStore::with_demo();
    let mut app = app_over(&store, 120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('b')]);
    go_to_juror(&mut app, "Mina Sadeghi");
    let before = stored_ranking(&app, "riff-18", "Grand Prize", "Mina Sadeghi").expect("stored");
    assert_eq!(before, [2, 1, 4, 3]);
    assert_eq!(
        typed(&app),
        before,
        "the form starts from the stored ballot"
    );
    let text = screen(&app);
    assert!(text.contains("Ranking (stored): 2 > 1 > 4 > 3"), "{text}");
    insta::assert_snapshot!("ballot_stored_ranking_120x40", text);
    // Typing starts a new ranking: never appended to the stored one.
    type_keys(&mut app, "31");
    assert_eq!(typed(&app), [3, 1]);
    assert!(ballot_form(&app).replacing);
    let text = screen(&app);
    assert!(
        text.contains("Ranking (new: replaces the stored one when saved): 3 > 1"),
        "{text}"
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        stored_ranking(&app, "riff-18", "Grand Prize", "Mina Sadeghi"),
        Some(vec![3, 1])
    );
    // Backspace edits the stored ballot instead.
    go_to_juror(&mut app, "Mina Sadeghi");
    press(&mut app, &[key(KeyCode::Backspace)]);
    type_keys(&mut app, "2");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        stored_ranking(&app, "riff-18", "Grand Prize", "Mina Sadeghi"),
        Some(vec![3, 2])
    );
}

#[test]
fn a_recused_juror_and_an_observer_are_shown_with_why_their_ballot_would_not_count() {
    let store = TestStore::with_demo();
    let mut app = app_over(&store, 120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('b')]);
    let text = screen(&app);
    assert!(
        text.contains("Not voting here: Omar Khalil (recused from A House in Basra"),
        "{text}"
    );
    assert!(text.contains("a ballot would not count)"), "{text}");
    assert!(text.contains("observers never vote"), "{text}");
}

#[test]
fn a_category_without_voters_names_the_desk_key_to_seat_one() {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "few", "--name", "Few"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "few",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    store.ok(&["category", "add", "--edition", "few-1", "--name", "Prize"]);
    store.ok(&["submission", "add", "--edition", "few-1", "--title", "Solo"]);
    store.ok(&[
        "nominate",
        "--edition",
        "few-1",
        "--category",
        "Prize",
        "--submission",
        "Solo",
    ]);
    let mut app = app_over(&store, 120, 40);
    select_category(&mut app, "Prize");
    press(&mut app, &[ch('b')]);
    let said = app.message.clone().unwrap_or_default();
    assert!(said.contains("seat one with J"), "{said}");
    assert!(!said.contains("jurydesk"), "{said}");
}
