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

pub fn tally_view(app: &App) -> &jurydesk::tui::tally::TallyView {
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

// ---------------------------------------------------------------------------------------------
// Apps over temporary stores at a fixed size, and their screens as the snapshots hold them
// ---------------------------------------------------------------------------------------------

/// The prefix of every store directory, so the welcome screen's path has a known shape.
pub const STORE_PREFIX: &str = "jurydesk-";

/// A fresh directory for a store. On unix it is made in `/tmp`, so the store path shown on the
/// welcome screen always has the same length (`/tmp/jurydesk-XXXXXX/store`) and the same wrapping.
pub fn store_dir() -> tempfile::TempDir {
    let base = if std::path::Path::new("/tmp").is_dir() {
        std::path::PathBuf::from("/tmp")
    } else {
        std::env::temp_dir()
    };
    tempfile::Builder::new()
        .prefix(STORE_PREFIX)
        .rand_bytes(6)
        .tempdir_in(base)
        .expect("a temporary directory")
}

/// An app over an empty store (the welcome screen). The directory must outlive the app.
pub fn empty_app(width: u16, height: u16) -> (tempfile::TempDir, App) {
    let dir = store_dir();
    let desk = Desk::open(&dir.path().join("store")).expect("open an empty store");
    let app = App::new(desk, Size::new(width, height)).expect("open the desk");
    (dir, app)
}

/// An app over a store holding the demo festivals.
pub fn demo_app(width: u16, height: u16) -> (tempfile::TempDir, App) {
    let dir = store_dir();
    let desk = Desk::open(&dir.path().join("store")).expect("open a store");
    desk.load_demo().expect("load the demo");
    let app = App::new(desk, Size::new(width, height)).expect("open the desk");
    (dir, app)
}

pub fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// Draws the app into a fresh `width`×`height` test terminal.
pub fn draw_at(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    terminal
}

/// The screen drawn at `width`×`height`, one quoted line per row (as `TestBackend` prints it).
pub fn screen_at(app: &App, width: u16, height: u16) -> String {
    draw_at(app, width, height).backend().to_string()
}

/// What changes from run to run in a screen, replaced by placeholders of the same width so that the
/// layout in a snapshot is exactly the one drawn: the random part of a store directory, status-history
/// timestamps (when the demo was loaded), and today's date (what a new submission's form offers).
pub fn snapshot_settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        &format!("{STORE_PREFIX}[A-Za-z0-9]{{6}}"),
        format!("{STORE_PREFIX}XXXXXX"),
    );
    settings.add_filter(
        "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}",
        "YYYY-MM-DD hh:mm",
    );
    let today = chrono::Local::now().date_naive().to_string();
    settings.add_filter(&today, "YYYY-MM-DD");
    settings
}

/// `insta::assert_snapshot!` with `snapshot_settings`' filters.
#[allow(unused_macros)]
macro_rules! assert_screen {
    ($($arg:tt)*) => {
        {
            let _filters = $crate::desk_app::snapshot_settings().bind_to_scope();
            insta::assert_snapshot!($($arg)*);
        }
    };
}

/// The editions pane's selected code.
pub fn edition_code(app: &App) -> Option<&str> {
    app.selected_edition().map(|v| v.edition.code.as_str())
}

/// Moves the submissions selection to the film titled `title`.
pub fn select_submission(app: &mut App, title: &str) {
    press(app, &[ch('2'), ch('g')]);
    for _ in 0..app.submissions.len() {
        if app.selected_submission().map(|r| r.title()) == Some(title) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!(
        "{title} is not among the submissions of {:?}",
        edition_code(app)
    );
}
