//! The harness of the desk's tests: an `App` over a store of a `TestStore`, keys, and the text of
//! the screen drawn into a `TestBackend`.
#![allow(dead_code)]

use jurydesk::desk::Desk;
use jurydesk::tui::App;
use jurydesk::tui::app::Popup;
use jurydesk::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

use super::TestStore;

/// The desk over `store` (which no jurydesk process may hold open), at `width`×`height`.
///
/// The store's lock may still be held for a moment after the desk of an earlier step closed: another
/// test of this binary that starts a `jurydesk` process forks while the lock is open, and the child
/// keeps a copy of it until it executes. So a refusal as locked is retried for a few seconds.
pub fn app_over(store: &TestStore, width: u16, height: u16) -> App {
    let mut waited = 0;
    let desk = loop {
        match Desk::open(&store.path()) {
            Ok(desk) => break desk,
            Err(e) if waited < 5000 && format!("{e:?}").contains("Locked") => {
                std::thread::sleep(std::time::Duration::from_millis(25));
                waited += 25;
            }
            Err(e) => panic!("open the store: {e:?}"),
        }
    };
    App::new(desk, Size::new(width, height)).expect("open the desk")
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

pub fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

pub fn press(app: &mut App, keys: &[KeyEvent]) {
    for &k in keys {
        app.handle_key(k);
    }
}

/// Types `text` one character at a time.
pub fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(ch(c));
    }
}

/// Draws the app into a fresh test terminal of the app's size.
pub fn draw(app: &App) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("a test terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    terminal
}

/// The screen's rows as text (a wide character's second cell is not repeated).
pub fn screen_rows(app: &App) -> Vec<String> {
    let terminal = draw(app);
    let buffer = terminal.backend().buffer();
    let mut rows = Vec::new();
    for y in 0..buffer.area.height {
        let mut row = String::new();
        let mut skip = 0;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            row.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        rows.push(row);
    }
    rows
}

pub fn screen(app: &App) -> String {
    screen_rows(app).join("\n")
}

/// Selects the edition `code` in the editions pane with the list keys.
pub fn select_edition(app: &mut App, code: &str) {
    press(app, &[ch('1'), ch('g')]);
    for _ in 0..app.editions.len() {
        if app.selected_edition().map(|v| v.edition.code.as_str()) == Some(code) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no edition {code}");
}

/// Selects the category `name` in the nominations pane with the list keys.
pub fn select_category(app: &mut App, name: &str) {
    press(app, &[ch('3'), ch('g')]);
    for _ in 0..app.nomination_rows.len() {
        if app.selected_category().map(|c| c.category.name.as_str()) == Some(name) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no category {name}");
}

pub fn tally_view(app: &App) -> &jurydesk::tui::tally_view::TallyView {
    match &app.popup {
        Some(Popup::Tally(view)) => view,
        other => panic!("expected the count, got {other:?}"),
    }
}

pub fn ballot_form(app: &App) -> &jurydesk::tui::ballot::BallotForm {
    match &app.popup {
        Some(Popup::Ballot(form)) => form,
        other => panic!("expected ballot entry, got {other:?}"),
    }
}
