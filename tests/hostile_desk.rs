//! Hostile data on the desk, drawn into a `TestBackend` (docs/formats.md#bad-input, docs/text.md):
//! the submissions pane and the film records of a store holding every class of hostile title and
//! name, including raw escape sequences restored from a backup. Snapshots in `tests/snapshots/`
//! show what the secretary sees; at every size, every cell must be safe to send to a terminal and
//! every box whole.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;
#[macro_use]
#[path = "common/desk_app.rs"]
mod desk_app;
mod hostile_fixtures;

use common::TestStore;
use jurydesk::text::{MAX_MARKS, is_bidi_control};
use jurydesk::tui::App;
use jurydesk::tui::app::Popup;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_normalization::char::is_combining_mark;

/// The desk over the hostile store. The store must outlive the app.
fn hostile_app(width: u16, height: u16) -> (TestStore, App) {
    let store = hostile_fixtures::raw_store();
    // Through the harness, which waits out a lock a test forking on another thread holds a moment.
    let app = desk_app::app_over(&store, width, height);
    (store, app)
}

fn press(app: &mut App, keys: &[KeyCode]) {
    for &code in keys {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal
        .draw(|f| jurydesk::tui::view::render(app, f))
        .expect("draw");
    terminal
}

/// The buffer's rows as text, for failure messages.
fn rows(buffer: &Buffer) -> String {
    buffer
        .content()
        .chunks(usize::from(buffer.area.width.max(1)))
        .map(|row| row.iter().map(|c| c.symbol()).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The screen as text, with the times of the status history (when the store was made) replaced by a
/// placeholder of the same width.
fn screen(app: &App, width: u16, height: u16) -> String {
    let terminal = draw(app, width, height);
    let buffer = terminal.backend().buffer();
    assert_safe(buffer);
    assert_boxes_whole(buffer);
    terminal.backend().to_string()
}

/// No cell holds a control character or a bidi control, or more combining marks than are drawn.
fn assert_safe(buffer: &Buffer) {
    for (i, cell) in buffer.content().iter().enumerate() {
        let symbol = cell.symbol();
        assert!(
            !symbol.chars().any(|c| c.is_control() || is_bidi_control(c)),
            "cell {i} holds {symbol:?}"
        );
        let marks = symbol.chars().filter(|&c| is_combining_mark(c)).count();
        assert!(
            marks <= MAX_MARKS + 1,
            "cell {i} stacks {marks} marks: {symbol:?}"
        );
    }
}

/// Every box on the screen (panes, popups) has its four corners and a border on every row.
fn assert_boxes_whole(buffer: &Buffer) {
    let area = buffer.area;
    let at = |x: u16, y: u16| buffer[(x, y)].symbol();
    for y in 0..area.height {
        for x in 0..area.width {
            if !matches!(at(x, y), "┌" | "┏") {
                continue;
            }
            let Some(right) = (x + 1..area.width).find(|&r| matches!(at(r, y), "┐" | "┓"))
            else {
                continue;
            };
            let Some(bottom) = (y + 1..area.height).find(|&b| matches!(at(x, b), "└" | "┗"))
            else {
                continue;
            };
            for row in y + 1..bottom {
                for col in [x, right] {
                    assert!(
                        matches!(at(col, row), "│" | "┃"),
                        "the box at ({x}, {y}) has {:?} at ({col}, {row}):\n{}",
                        at(col, row),
                        rows(buffer)
                    );
                }
            }
            assert!(
                matches!(at(right, bottom), "┘" | "┛"),
                "the box at ({x}, {y}) has no bottom-right corner"
            );
        }
    }
}

/// Moves the submissions selection to the first film whose title `pick` accepts.
fn select(app: &mut App, pick: impl Fn(&str) -> bool) {
    press(app, &[KeyCode::Char('2'), KeyCode::Char('g')]);
    for _ in 0..app.submissions.len() {
        if app.selected_submission().is_some_and(|r| pick(r.title())) {
            return;
        }
        press(app, &[KeyCode::Char('j')]);
    }
    panic!("no submission matches");
}

fn open_record(app: &mut App, pick: impl Fn(&str) -> bool) {
    select(app, pick);
    press(app, &[KeyCode::Enter]);
    assert!(
        matches!(app.popup, Some(Popup::Record { .. })),
        "Enter opens the record"
    );
}

#[test]
fn the_submissions_pane_with_hostile_rows() {
    let (_store, mut app) = hostile_app(110, 30);
    press(&mut app, &[KeyCode::Char('2')]);
    let text = screen(&app, 110, 30);
    assert!(text.contains("Hostile␛]0;pwned␇Fest"), "{text}");
    assert!(text.contains("Raw␛]0;pwned␇␛[2J␛31"), "{text}");
    assert_screen!("hostile_submissions_110x30", text);
}

#[test]
fn film_records_with_hostile_titles_and_names() {
    let (_store, mut app) = hostile_app(100, 30);
    for (name, pick, shown) in [
        (
            "hostile_record_raw_100x30",
            (|t: &str| t.starts_with("Raw")) as fn(&str) -> bool,
            "Raw␛]0;pwned␇␛[2J␛31mTitle␀␡",
        ),
        (
            "hostile_record_emoji_100x30",
            |t: &str| t.starts_with("紙灯籠"),
            "紙灯籠 🎞\u{FE0F} 👨👩👧 👍 Festival 🇮🇷",
        ),
        (
            "hostile_record_zalgo_100x30",
            |t: &str| t.starts_with('Z'),
            "Norway",
        ),
        (
            "hostile_record_ten_thousand_100x30",
            |t: &str| t.len() == 10_000,
            "TTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTTT",
        ),
    ] {
        open_record(&mut app, pick);
        let text = screen(&app, 100, 30);
        assert!(text.contains(shown), "{name}: {text}");
        assert_screen!(name, text);
        press(&mut app, &[KeyCode::Esc]);
    }
}

#[test]
fn every_record_at_every_size_is_safe_and_boxed() {
    let (_store, mut app) = hostile_app(110, 30);
    press(&mut app, &[KeyCode::Char('2'), KeyCode::Char('g')]);
    for row in 0..app.submissions.len() {
        for (width, height) in [(1, 1), (20, 5), (44, 12), (60, 20), (80, 24), (200, 50)] {
            screen(&app, width, height);
        }
        press(&mut app, &[KeyCode::Enter]);
        for (width, height) in [(20, 5), (60, 20), (100, 30), (200, 50)] {
            screen(&app, width, height);
            press(&mut app, &[KeyCode::Char('G')]);
            screen(&app, width, height);
            press(&mut app, &[KeyCode::Char('g')]);
        }
        press(&mut app, &[KeyCode::Esc]);
        assert!(app.popup.is_none(), "row {row}: Esc closes the record");
        press(&mut app, &[KeyCode::Char('j')]);
    }
}
