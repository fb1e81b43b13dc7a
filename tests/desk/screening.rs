//! Screening rounds on the desk (issue 15 item 7): the submissions pane's `seen k/K` and score
//! columns in an open round, the rating form (a key per criterion, N/A, Tab to the comment, Enter
//! saves through the desk and moves to the screener's next unrated film) and the screener switcher.
//! The demo's RIFF 18 has the sample round (4 screeners, Story/Craft/Sound with N/A on Sound).

use super::*;
use jurydesk::domain::Marks;

const EDITION: &str = "riff-18";

fn rating_of(app: &App, screener: &str, title: &str) -> Option<jurydesk::domain::Rating> {
    let desk = &app.desk;
    let edition = desk.edition(EDITION).unwrap();
    let round = desk.screening_round(&edition, 1).unwrap();
    let screener = desk.screener(&edition, screener).unwrap();
    let id = app
        .submissions
        .rows()
        .iter()
        .find(|r| r.title() == title)
        .unwrap()
        .id();
    desk.rating_of(round.id, id, screener.id).unwrap()
}

fn message(app: &App) -> String {
    app.message.clone().unwrap_or_default()
}

#[test]
fn the_pane_shows_seen_and_score_in_an_open_round() {
    let (_dir, mut app) = demo_app(150, 16);
    select_edition(&mut app, EDITION);
    press(&mut app, &[ch('2')]);
    assert_screen!(screen(&app));
    // An edition without a round keeps its four columns.
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('2')]);
    let rows = screen_rows(&app);
    assert!(rows.iter().all(|r| !r.contains("Seen")), "{rows:#?}");
}

#[test]
fn rating_a_film_saves_it_and_moves_to_the_next_unrated() {
    let (_dir, mut app) = demo_app(150, 22);
    select_edition(&mut app, EDITION);
    select_submission(&mut app, "The Last Date Palm");
    assert!(rating_of(&app, "Leila Karimi (sample)", "The Last Date Palm").is_none());
    press(&mut app, &[ch('r')]);
    assert_screen!("form_empty", screen(&app));
    // Story (no N/A) refuses "not applicable"; a 0 is off the scale.
    press(&mut app, &[ch('-')]);
    assert!(screen(&app).contains("'Story' must be scored"));
    press(&mut app, &[ch('0')]);
    assert!(screen(&app).contains("0 is off 'Story'"));
    press(
        &mut app,
        &[ch('8'), ch('6'), key(KeyCode::Backspace), ch('7'), ch('-')],
    );
    press(&mut app, &[key(KeyCode::Tab)]);
    type_keys(&mut app, "strong opening, 3 acts");
    assert_screen!("form_filled", screen(&app));
    press(&mut app, &[key(KeyCode::Enter)]);
    // Saved on disk through the desk, and the form is on Leila's next unrated film.
    let saved = rating_of(&app, "Leila Karimi (sample)", "The Last Date Palm").unwrap();
    assert_eq!(saved.marks, Marks::Scores(vec![Some(80), Some(70), None]));
    assert_eq!(saved.comment, "strong opening, 3 acts");
    assert_screen!("form_next_film", screen(&app));
    // Enter on an incomplete form says what is missing and saves nothing.
    press(&mut app, &[ch('9'), key(KeyCode::Enter)]);
    assert!(screen(&app).contains("2 mark(s) still to give"));
    assert!(rating_of(&app, "Leila Karimi (sample)", "The Drummer Boy").is_none());
    // Esc drops it; the pane counts the saved rating (seen 1/2, score 7.8 for 8, 7, n/a).
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.popup.is_none());
    let row = screen_rows(&app)
        .into_iter()
        .find(|r| r.contains("The Last Date Palm"))
        .unwrap();
    assert!(row.contains("seen 1/2") && row.contains("7.7"), "{row}");
}

#[test]
fn persian_digits_score_but_a_comment_keeps_them_as_typed() {
    let (_dir, mut app) = demo_app(150, 22);
    select_edition(&mut app, EDITION);
    select_submission(&mut app, "The Last Date Palm");
    press(
        &mut app,
        &[ch('r'), ch('۸'), ch('٧'), ch('-'), key(KeyCode::Tab)],
    );
    type_keys(&mut app, "پرده ۳ بهتر است");
    press(&mut app, &[key(KeyCode::Enter)]);
    let saved = rating_of(&app, "Leila Karimi (sample)", "The Last Date Palm").unwrap();
    assert_eq!(saved.marks, Marks::Scores(vec![Some(80), Some(70), None]));
    assert_eq!(
        saved.comment, "پرده ۳ بهتر است",
        "the comment is stored as typed"
    );
}

#[test]
fn the_last_unrated_film_closes_the_form() {
    let (_dir, mut app) = demo_app(150, 22);
    select_edition(&mut app, EDITION);
    select_submission(&mut app, "The Last Date Palm");
    press(&mut app, &[ch('r')]);
    press(&mut app, &[ch('5'), ch('5'), ch('5'), key(KeyCode::Enter)]);
    press(&mut app, &[ch('6'), ch('6'), ch('6'), key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    assert!(
        message(&app).contains("has rated every film assigned"),
        "{}",
        message(&app)
    );
}

#[test]
fn the_switcher_changes_who_rates() {
    let (_dir, mut app) = demo_app(150, 22);
    select_edition(&mut app, EDITION);
    select_submission(&mut app, "The Last Date Palm");
    press(&mut app, &[ch('w')]);
    assert_eq!(message(&app), "rating as Tomás Ferreira (sample)");
    press(&mut app, &[ch('r')]);
    // Not Tomás's film: said, nothing opens.
    assert!(app.popup.is_none());
    assert!(message(&app).contains("not assigned to Tomás Ferreira (sample)"));
    press(&mut app, &[ch('w'), ch('w'), ch('w')]);
    assert_eq!(message(&app), "rating as Leila Karimi (sample)");
    // No open round: r and w say so.
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('2'), ch('r')]);
    assert!(message(&app).contains("no open screening round"));
}

#[test]
fn progress_shows_a_bar_per_screener_and_follows_a_saved_rating() {
    let (_dir, mut app) = demo_app(150, 22);
    select_edition(&mut app, EDITION);
    press(&mut app, &[ch('%')]);
    assert_screen!("progress", screen(&app));
    press(&mut app, &[key(KeyCode::Esc)]);
    select_submission(&mut app, "The Last Date Palm");
    press(
        &mut app,
        &[ch('r'), ch('8'), ch('7'), ch('-'), key(KeyCode::Enter)],
    );
    press(&mut app, &[key(KeyCode::Esc), ch('%')]);
    let leila = screen_rows(&app)
        .into_iter()
        .find(|r| r.contains("Leila Karimi"))
        .unwrap();
    assert!(leila.contains("3/4 rated"), "{leila}");
}
