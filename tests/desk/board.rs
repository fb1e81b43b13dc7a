//! The open screening round's leaderboard (`l`) and closing the round from it (`C`), on the demo's
//! RIFF 18 sample round: 8 films, 5 rated (raw: 8.50, 8.46, 7.75, 7.00, 5.00; z-normalised ties at
//! 2nd and 4th), 3 not rated.

use super::*;
use jurydesk::domain::{Cut, RoundState, SubmissionStatus};

const EDITION: &str = "riff-18";

fn board_app(width: u16, height: u16) -> (TempDir, App) {
    let (dir, mut app) = demo_app(width, height);
    select_edition(&mut app, EDITION);
    press(&mut app, &[ch('l')]);
    assert!(
        matches!(app.popup, Some(Popup::Board(_))),
        "l opens the board"
    );
    (dir, app)
}

/// The board's row (or line) with `text` (a board row ends in its ratings, `n/2`).
fn line_with(app: &App, text: &str) -> String {
    screen_rows(app)
        .into_iter()
        .find(|r| r.contains(text) && (r.contains("/2") || !r.contains("(")))
        .unwrap_or_else(|| panic!("no line with {text:?}:\n{}", screen(app)))
}

/// The titles on view, top to bottom.
fn titles(app: &App) -> Vec<String> {
    let Some(Popup::Board(board)) = &app.popup else {
        panic!("the board is not open");
    };
    board
        .view
        .iter()
        .map(|&b| board.board.rows[b].title.clone())
        .collect()
}

/// The number of the audit log's latest entry.
fn log_seq(app: &App) -> u64 {
    app.desk.log_head().unwrap().map_or(0, |(seq, _)| seq)
}

fn round_state(app: &App) -> RoundState {
    let edition = app.desk.edition(EDITION).unwrap();
    app.desk.screening_round(&edition, 1).unwrap().state
}

fn status_of(app: &App, title: &str) -> SubmissionStatus {
    let edition = app.desk.edition(EDITION).unwrap();
    app.desk
        .summaries(edition.id)
        .unwrap()
        .into_iter()
        .find(|s| s.title() == title)
        .unwrap()
        .status()
}

#[test]
fn the_board_at_80_and_160_columns() {
    let (_dir, mut app) = board_app(80, 24);
    assert_screen!("board_80x24", screen(&app));
    // Best first; the cut line after the first film (the top tenth of 8 films, rounded up).
    assert_eq!(
        titles(&app)[..2],
        ["A House in Basra", "Letters from the Front Line"]
    );
    let rows = screen_rows(&app);
    let line = rows.iter().position(|r| r.contains("✂ top 1")).unwrap();
    assert!(rows[line - 1].contains("A House in Basra") && rows[line - 1].contains('✓'));
    assert!(rows[line + 1].contains("Letters from the Fr"));
    app.resize(Size::new(160, 30));
    assert_screen!("board_160x30", screen(&app));
    assert!(line_with(&app, "8.46").contains("Letters from the Front"));
}

#[test]
fn ties_share_a_rank_and_the_cut_moves_with_keys_and_typed_numbers() {
    let (_dir, mut app) = board_app(100, 24);
    // z-normalised: two ties.
    press(&mut app, &[ch('z')]);
    assert!(screen(&app).contains("z-normalised scores"));
    assert!(line_with(&app, "The Salt Road").contains("=2   "));
    assert!(line_with(&app, "The Drummer Boy").contains("=4"));
    // Typed: the top 2 lets the tie at 2nd through (3 pass).
    press(&mut app, &[ch('2')]);
    assert!(
        screen(&app).contains("top 2: 3 pass (1 tied at the cut), 5 fail (3 not rated)"),
        "{}",
        screen(&app)
    );
    assert!(line_with(&app, "The Salt Road").contains("=2 ✓"));
    assert_screen!("board_ties_cut", screen(&app));
    // + one more: the top 3 is the same three (the 4th is tied with the 5th: top 4 takes both).
    press(&mut app, &[ch('+')]);
    assert!(screen(&app).contains("top 3: 3 pass, 5 fail"));
    press(&mut app, &[ch('+')]);
    assert!(screen(&app).contains("top 4: 5 pass (1 tied at the cut)"));
    press(&mut app, &[ch('-'), ch('-'), ch('-')]);
    assert!(screen(&app).contains("top 1: 1 pass, 7 fail"));
    // Raw again, then a threshold: c starts at the last passing film's score, 7.5 typed.
    press(&mut app, &[ch('z'), ch('c')]);
    assert!(
        screen(&app).contains("threshold 8.5: 1 pass"),
        "{}",
        screen(&app)
    );
    type_keys(&mut app, "7.5");
    assert!(screen(&app).contains("threshold 7.5: 3 pass, 5 fail"));
    press(
        &mut app,
        &[key(KeyCode::Backspace), key(KeyCode::Backspace)],
    );
    assert!(screen(&app).contains("threshold 7: 4 pass"));
    // A number that is no cut says so and keeps the cut.
    press(&mut app, &[ch('c')]);
    assert!(screen(&app).contains("top 4: 4 pass"));
}

#[test]
fn search_and_sort_work_as_in_the_submissions_pane() {
    let (_dir, mut app) = board_app(100, 24);
    press(&mut app, &[ch('/')]);
    type_keys(&mut app, "country:iran");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(
        titles(&app),
        [
            "Letters from the Front Line",
            "The Salt Road",
            "The Radio Operator"
        ]
    );
    assert_screen!("board_filtered", screen(&app));
    // The cut line stays where the close would cut: between the films on view either side of it.
    assert!(screen(&app).contains("▲ the cut line is above") || screen(&app).contains("✂"));
    // The pane's query language: a bad status is the pane's error.
    press(&mut app, &[ch('/')]);
    type_keys(&mut app, " status:zz");
    assert!(screen(&app).contains("status"), "{}", screen(&app));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(titles(&app).len(), 8, "Esc clears the search");
    // Sort by title (the pane's collation), then reversed.
    press(&mut app, &[ch('s')]);
    let by_title = titles(&app);
    assert_eq!(by_title[1], "A House in Basra", "{by_title:?}");
    assert!(screen(&app).contains("Title ↑"));
    assert!(screen(&app).contains("✓ marks the 1 film(s) that pass"));
    press(&mut app, &[ch('S')]);
    let mut reversed = titles(&app);
    reversed.reverse();
    assert_eq!(reversed, by_title);
    assert_screen!("board_sorted_by_title", screen(&app));
    // Esc closes the board.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.popup.is_none());
}

#[test]
fn closing_asks_with_the_counts_and_yes_closes_no_leaves_u_undoes() {
    let (_dir, mut app) = board_app(100, 24);
    press(&mut app, &[ch('2'), ch('C')]);
    assert_screen!("close_question", screen(&app));
    let s = screen(&app);
    assert!(s.contains("2 pass → shortlisted"), "{s}");
    assert!(s.contains("6 fail → not-selected"), "{s}");
    assert!(s.contains("3 not rated fail"), "{s}");
    // n: back to the board, nothing changed.
    press(&mut app, &[ch('n')]);
    assert!(matches!(app.popup, Some(Popup::Board(_))));
    assert_eq!(round_state(&app), RoundState::Open);
    let log = log_seq(&app);
    // p and f choose the statuses (they never meet).
    press(&mut app, &[ch('C'), ch('p'), ch('f')]);
    assert!(screen(&app).contains("2 pass → selected"));
    assert!(screen(&app).contains("6 fail → withdrawn"));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(log_seq(&app), log);
    // y: closed through the desk, one logged change.
    press(&mut app, &[ch('C'), ch('y')]);
    assert!(app.popup.is_none());
    assert_eq!(round_state(&app), RoundState::Closed);
    assert_eq!(
        app.message.as_deref(),
        Some("closed round 1 of riff-18: 2 film(s) to shortlisted, 6 to not-selected (u undoes)")
    );
    assert_eq!(
        status_of(&app, "A House in Basra"),
        SubmissionStatus::Shortlisted
    );
    assert_eq!(
        status_of(&app, "The Salt Road"),
        SubmissionStatus::NotSelected
    );
    assert_eq!(log_seq(&app), log + 1);
    // No open round now: the pane drops its screening columns and l says why and what brings it
    // back (before: "no open screening round … add one", though the round was there, closed).
    press(&mut app, &[ch('l')]);
    let message = app.message.as_deref().unwrap();
    assert!(
        message.contains("round 1 of riff-18 is closed")
            && message.contains("u undoes")
            && message.contains("screening reopen --edition riff-18 --round 1"),
        "{message}"
    );
    // u undoes the close: the round is open again and the statuses are back.
    press(&mut app, &[ch('u')]);
    assert_eq!(round_state(&app), RoundState::Open);
    assert_eq!(status_of(&app, "The Salt Road"), SubmissionStatus::Selected);
    press(&mut app, &[ch('l')]);
    assert!(matches!(app.popup, Some(Popup::Board(_))));
}

#[test]
fn a_refused_close_is_shown_in_the_question() {
    let (_dir, mut app) = board_app(100, 24);
    // Closed elsewhere (the command line) while the board was open.
    app.desk
        .close_round(
            EDITION,
            1,
            Cut::Top(3),
            SubmissionStatus::Shortlisted,
            SubmissionStatus::NotSelected,
        )
        .unwrap();
    press(&mut app, &[ch('C'), ch('y')]);
    assert!(matches!(app.popup, Some(Popup::CloseRound(_))));
    assert!(screen(&app).contains("closed already"), "{}", screen(&app));
    // The board closes on its round's normalisation: with z on screen, C says so.
    press(&mut app, &[ch('n'), ch('z'), ch('C')]);
    assert!(matches!(app.popup, Some(Popup::Board(_))));
    assert!(screen(&app).contains("closes on raw scores"));
}

#[test]
fn the_board_and_its_question_draw_at_any_size() {
    let (_dir, mut app) = board_app(100, 24);
    for (w, h) in [
        (1, 1),
        (10, 3),
        (20, 5),
        (40, 8),
        (60, 12),
        (80, 24),
        (200, 60),
    ] {
        app.resize(Size::new(w, h));
        press(&mut app, &[key(KeyCode::PageDown), ch('G'), ch('+')]);
        let _ = screen(&app);
    }
    press(&mut app, &[ch('C')]);
    for (w, h) in [(1, 1), (10, 3), (20, 5), (80, 24)] {
        app.resize(Size::new(w, h));
        let _ = screen(&app);
    }
}
