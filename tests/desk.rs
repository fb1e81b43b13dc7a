//! The desk (SPEC §3) driven without a terminal: `App::update`/`handle_key` change the state and
//! `view::render` draws it into a `TestBackend`, whose text is compared with the snapshots in
//! `tests/snapshots/`. Run with `INSTA_UPDATE=always` once to accept new snapshots, then read them.

use std::path::{Path, PathBuf};

use jurydesk::desk::Desk;
use jurydesk::tui::App;
use jurydesk::tui::actions::{ACTIONS, Action};
use jurydesk::tui::app::{Pane, Popup};
use jurydesk::tui::form::{Field, Form};
use jurydesk::tui::list::ListPosition;
use jurydesk::tui::view::{layout, render};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Rect, Size};
use tempfile::TempDir;

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/// The prefix of every store directory, so the welcome screen's path has a known shape.
const STORE_PREFIX: &str = "jurydesk-";

/// A fresh directory for a store. On unix it is made in `/tmp`, so the store path shown on the
/// welcome screen always has the same length (`/tmp/jurydesk-XXXXXX/store`) and the same wrapping.
fn store_dir() -> TempDir {
    let base = if Path::new("/tmp").is_dir() {
        PathBuf::from("/tmp")
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
fn empty_app(width: u16, height: u16) -> (TempDir, App) {
    let dir = store_dir();
    let desk = Desk::open(&dir.path().join("store")).expect("open an empty store");
    let app = App::new(desk, Size::new(width, height)).expect("open the desk");
    (dir, app)
}

/// An app over a store holding the demo festivals.
fn demo_app(width: u16, height: u16) -> (TempDir, App) {
    let dir = store_dir();
    let desk = Desk::open(&dir.path().join("store")).expect("open a store");
    desk.load_demo().expect("load the demo");
    let app = App::new(desk, Size::new(width, height)).expect("open the desk");
    (dir, app)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn press(app: &mut App, keys: &[KeyEvent]) {
    for &k in keys {
        app.handle_key(k);
    }
}

/// Draws the app into a fresh `width`×`height` test terminal.
fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    terminal
}

/// The text of the screen, made stable: status-history timestamps (the time the demo was loaded)
/// and the random part of the store directory are replaced by placeholders of the same width, so
/// the layout in the snapshot is exactly the one drawn.
///
/// (insta's `filters` setting needs the crate's `filters` feature, which this project does not
/// enable; this does the same two substitutions by hand.)
fn screen(app: &App, width: u16, height: u16) -> String {
    scrub(&draw(app, width, height).backend().to_string())
}

fn scrub(text: &str) -> String {
    let text = scrub_store_dir(text);
    scrub_today(&scrub_timestamps(&text))
}

/// Today's date (what a new submission's form offers) → `YYYY-MM-DD`, so that a snapshot taken today
/// still holds tomorrow. Runs after `scrub_timestamps`, whose placeholder holds no digits.
fn scrub_today(text: &str) -> String {
    let today = chrono::Local::now().date_naive().to_string();
    text.replace(&today, "YYYY-MM-DD")
}

/// `jurydesk-AbC123` → `jurydesk-XXXXXX`.
fn scrub_store_dir(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(STORE_PREFIX) {
        let (before, after) = rest.split_at(i + STORE_PREFIX.len());
        out.push_str(before);
        let random: String = after.chars().take(6).collect();
        if random.chars().count() == 6 && random.chars().all(|c| c.is_ascii_alphanumeric()) {
            out.push_str("XXXXXX");
            rest = &after[random.len()..];
        } else {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// `2025-06-01 14:03` → `YYYY-MM-DD hh:mm` (the shape of `\d{4}-\d{2}-\d{2} \d{2}:\d{2}`).
fn scrub_timestamps(text: &str) -> String {
    const SHAPE: &[u8] = b"dddd-dd-dd dd:dd";
    const PLACEHOLDER: &str = "YYYY-MM-DD hh:mm";
    let bytes = text.as_bytes();
    let matches_at = |i: usize| {
        bytes.len() >= i + SHAPE.len()
            && SHAPE.iter().zip(&bytes[i..]).all(|(&s, &b)| match s {
                b'd' => b.is_ascii_digit(),
                other => other == b,
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut copied = 0;
    while i < bytes.len() {
        if matches_at(i) {
            out.push_str(&text[copied..i]);
            out.push_str(PLACEHOLDER);
            i += SHAPE.len();
            copied = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

#[test]
fn the_scrubbers_keep_the_layout() {
    assert_eq!(
        scrub("\"│ 2025-06-01 14:03  received │\"\n\"/tmp/jurydesk-aB3xYz/store\""),
        "\"│ YYYY-MM-DD hh:mm  received │\"\n\"/tmp/jurydesk-XXXXXX/store\""
    );
    assert_eq!(scrub("2025-06-01 and 12:00"), "2025-06-01 and 12:00");
    let today = chrono::Local::now().date_naive().to_string();
    assert_eq!(scrub(&format!("│ {today} │")), "│ YYYY-MM-DD │");
}

fn edition_code(app: &App) -> Option<&str> {
    app.selected_edition().map(|v| v.edition.code.as_str())
}

/// Moves the editions selection to `code` with the list keys (the way a secretary would).
fn select_edition(app: &mut App, code: &str) {
    press(app, &[ch('1'), ch('g')]);
    for _ in 0..app.editions.len() {
        if edition_code(app) == Some(code) {
            return;
        }
        press(app, &[ch('j')]);
    }
    assert_eq!(
        edition_code(app),
        Some(code),
        "edition {code} is not in the editions pane"
    );
}

/// Moves the submissions selection to the film titled `title`.
fn select_submission(app: &mut App, title: &str) {
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

// ---------------------------------------------------------------------------------------------
// Snapshots
// ---------------------------------------------------------------------------------------------

#[test]
fn welcome_screen_on_an_empty_store() {
    let (_dir, app) = empty_app(120, 30);
    assert!(app.welcome);
    assert!(app.editions.is_empty());
    let text = screen(&app, 120, 30);
    assert!(text.contains("Welcome to jurydesk"));
    assert!(text.contains("Press d to load the demo"));
    insta::assert_snapshot!("welcome_120x30", text);
}

#[test]
fn three_panes_with_the_demo_160x45() {
    let (_dir, mut app) = demo_app(160, 45);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus, Pane::Submissions);
    insta::assert_snapshot!("panes_demo_160x45", screen(&app, 160, 45));
}

#[test]
fn three_panes_with_the_demo_120x30() {
    let (_dir, mut app) = demo_app(120, 30);
    press(&mut app, &[ch('2')]);
    assert_eq!(app.focus, Pane::Submissions);
    insta::assert_snapshot!("panes_demo_120x30", screen(&app, 120, 30));
}

#[test]
fn record_popup_of_the_story_film_shows_both_editions() {
    // Tall enough for the whole record: 13 nominations at the 43rd Fajr, then the 1st Basirah.
    let (_dir, mut app) = demo_app(120, 45);
    select_edition(&mut app, "fajr-43");
    select_submission(&mut app, "North from South West");
    press(&mut app, &[key(KeyCode::Enter)]);
    let Some(Popup::Record { record, .. }) = &app.popup else {
        panic!(
            "Enter on a submission opens its record, got {:?}",
            app.popup
        );
    };
    let codes: Vec<&str> = record
        .appearances
        .iter()
        .map(|a| a.edition.code.as_str())
        .collect();
    assert!(
        codes.contains(&"fajr-43") && codes.contains(&"basirah-1"),
        "{codes:?}"
    );
    let text = screen(&app, 120, 45);
    assert!(text.contains("North from South West"));
    assert!(text.contains("(fajr-43, 2025)"), "{text}");
    assert!(text.contains("(basirah-1, 2025)"), "{text}");
    insta::assert_snapshot!("record_north_from_south_west_120x45", text);
}

#[test]
fn edition_popup_of_riff_18_shows_the_baghdad_event() {
    let (_dir, mut app) = demo_app(120, 30);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.popup, Some(Popup::Edition { scroll: 0 }));
    let text = screen(&app, 120, 30);
    assert!(text.contains("International event in Baghdad"), "{text}");
    assert!(text.contains("Baghdad, Iraq"), "{text}");
    insta::assert_snapshot!("edition_riff_18_120x30", text);
}

/// The rows inside the popup's border, cut from the screen by columns (the popup covers the panes,
/// whose text would otherwise run into it).
fn popup_rows(text: &str, width: u16, height: u16) -> Vec<String> {
    let area = layout::popup(Rect::new(0, 0, width, height));
    let (left, inner) = (
        usize::from(area.x) + 1,
        usize::from(area.width.saturating_sub(2)),
    );
    text.lines()
        .skip(usize::from(area.y) + 1)
        .take(usize::from(area.height.saturating_sub(2)))
        .map(|line| {
            let line = line.strip_prefix('"').unwrap_or(line);
            line.chars().skip(left).take(inner).collect()
        })
        .collect()
}

/// The action names the help shows at a size (a help row is `keys  name  description`),
/// scrolling down a line at a time until the view stops changing; and the view at the bottom.
fn help_names(app: &mut App, width: u16, height: u16) -> (Vec<String>, String) {
    app.resize(Size::new(width, height));
    press(app, &[ch('g')]);
    let mut names = Vec::new();
    let mut previous = String::new();
    for _ in 0..500 {
        let text = screen(app, width, height);
        if text == previous {
            break;
        }
        for row in popup_rows(&text, width, height) {
            if let Some(name) = row.split_whitespace().nth(1) {
                names.push(name.to_string());
            }
        }
        previous = text;
        press(app, &[ch('j')]);
    }
    press(app, &[ch('G')]);
    (names, screen(app, width, height))
}

fn assert_help_lists_every_action(app: &mut App, width: u16, height: u16) {
    let (names, bottom) = help_names(app, width, height);
    let missing: Vec<&str> = ACTIONS
        .iter()
        .map(|spec| spec.name)
        .filter(|name| !names.iter().any(|n| n == name))
        .collect();
    assert!(
        missing.is_empty(),
        "scrolling the help at {width}x{height} never shows {missing:?}; at the bottom (G):\n{bottom}"
    );
}

#[test]
fn help_overlay_lists_every_action_of_the_registry() {
    let (_dir, mut app) = demo_app(120, 30);
    press(&mut app, &[ch('?')]);
    assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
    insta::assert_snapshot!("help_120x30", screen(&app, 120, 30));

    // Every action of the registry is reachable in the help, on a big screen and, scrolling, on
    // small ones.
    for (width, height) in [(160, 60), (120, 30), (80, 10)] {
        assert_help_lists_every_action(&mut app, width, height);
    }

    // `?` again closes it.
    press(&mut app, &[ch('?')]);
    assert_eq!(app.popup, None);
}

/// Scrolled to the bottom (G), a popup shows its last line, even when long lines wrap.
#[test]
fn record_popup_scrolls_to_its_last_line_on_a_small_screen() {
    let (_dir, mut app) = demo_app(60, 16);
    select_edition(&mut app, "fajr-43");
    select_submission(&mut app, "North from South West");
    press(&mut app, &[key(KeyCode::Enter), ch('G')]);
    assert!(matches!(app.popup, Some(Popup::Record { .. })));
    let text = screen(&app, 60, 16);
    let lines: Vec<&str> = text.lines().collect();
    let notes = lines
        .iter()
        .position(|l| l.contains("Its first screening in Iraq."));
    // The record ends with the basirah-1 notes and that submission's status history.
    let last = notes
        .and_then(|i| lines.get(i + 1))
        .copied()
        .unwrap_or_default();
    assert!(
        notes.is_some() && last.contains("selected  entered"),
        "the end of the record is out of reach at 60x16:\n{text}"
    );
}

/// After G, k scrolls back up at once (the scroll is kept within the text, not past its end).
#[test]
fn popup_scrolls_back_up_after_the_bottom() {
    let (_dir, mut app) = demo_app(120, 12);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.popup, Some(Popup::Edition { .. })));
    let top = screen(&app, 120, 12);
    press(&mut app, &[ch('G')]);
    let bottom = screen(&app, 120, 12);
    assert!(top != bottom, "the edition record is longer than 8 lines");
    press(&mut app, &[ch('k')]);
    let one_up = screen(&app, 120, 12);
    assert!(one_up != bottom, "k after G does not scroll up:\n{one_up}");
    press(
        &mut app,
        &[
            key(KeyCode::PageDown),
            key(KeyCode::PageDown),
            key(KeyCode::PageUp),
        ],
    );
    let page_up = screen(&app, 120, 12);
    assert!(
        page_up != bottom,
        "PgUp after paging past the end does not scroll up:\n{page_up}"
    );
}

#[test]
fn help_opens_on_the_welcome_screen_too() {
    let (_dir, mut app) = empty_app(100, 30);
    press(&mut app, &[key(KeyCode::F(1))]);
    assert_eq!(app.popup, Some(Popup::Help { scroll: 0 }));
    let text = screen(&app, 100, 30);
    assert!(text.contains("load-demo"), "{text}");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.popup, None);
    assert!(app.welcome);
}

#[test]
fn tiny_terminal_20x5() {
    let (_dir, mut app) = demo_app(20, 5);
    insta::assert_snapshot!("panes_demo_20x5", screen(&app, 20, 5));
    press(&mut app, &[key(KeyCode::Tab)]);
    insta::assert_snapshot!("panes_demo_20x5_submissions", screen(&app, 20, 5));
}

#[test]
fn narrow_terminal_60x20_shows_only_the_focused_pane() {
    let (_dir, mut app) = demo_app(60, 20);
    let text = screen(&app, 60, 20);
    assert!(text.contains("1 Editions"), "{text}");
    assert!(!text.contains("2 Submissions"), "{text}");
    insta::assert_snapshot!("panes_demo_60x20_editions", text);

    press(&mut app, &[ch('2')]);
    let text = screen(&app, 60, 20);
    assert!(text.contains("2 Submissions"), "{text}");
    assert!(!text.contains("1 Editions"), "{text}");
    insta::assert_snapshot!("panes_demo_60x20_submissions", text);
}

// ---------------------------------------------------------------------------------------------
// Every view at every size
// ---------------------------------------------------------------------------------------------

const SIZES: &[(u16, u16)] = &[
    (1, 1),
    (2, 2),
    (1, 40),
    (40, 1),
    (5, 3),
    (10, 2),
    (20, 5),
    (30, 8),
    (40, 10),
    (60, 20),
    (71, 24),
    (72, 24),
    (80, 24),
    (100, 3),
    (120, 30),
    (160, 45),
    (200, 60),
    (400, 120),
];

#[test]
fn every_view_renders_at_every_size() {
    let (_empty_dir, mut welcome) = empty_app(80, 24);
    let (_demo_dir, mut app) = demo_app(80, 24);
    select_edition(&mut app, "fajr-43");
    select_submission(&mut app, "North from South West");
    let keys_in_popup = [
        ch('j'),
        ctrl('d'),
        key(KeyCode::PageDown),
        ch('G'),
        ch('k'),
        ch('g'),
    ];

    for &(width, height) in SIZES {
        let size = Size::new(width, height);

        // Welcome, and the help over it.
        welcome.resize(size);
        draw(&welcome, width, height);
        press(&mut welcome, &[ch('?')]);
        for &k in &keys_in_popup {
            press(&mut welcome, &[k]);
            draw(&welcome, width, height);
        }
        press(&mut welcome, &[key(KeyCode::Esc)]);

        // The panes, each focused in turn, with the selection at both ends.
        app.resize(size);
        for focus in ['1', '2', '3'] {
            press(&mut app, &[ch(focus)]);
            for k in [ch('G'), ch('g'), key(KeyCode::PageDown)] {
                press(&mut app, &[k]);
                draw(&app, width, height);
            }
        }

        // The record, the edition popup and the help, scrolled about.
        select_edition(&mut app, "fajr-43");
        select_submission(&mut app, "North from South West");
        let popups: [&[KeyEvent]; 3] = [
            &[ch('2'), key(KeyCode::Enter)],
            &[ch('1'), key(KeyCode::Enter)],
            &[ch('?')],
        ];
        for open in popups {
            press(&mut app, open);
            assert!(
                app.popup.is_some(),
                "{open:?} opens a popup at {width}x{height}"
            );
            draw(&app, width, height);
            for &k in &keys_in_popup {
                press(&mut app, &[k]);
                draw(&app, width, height);
            }
            press(&mut app, &[key(KeyCode::Esc)]);
            assert_eq!(app.popup, None);
        }

        // The forms: nominate (from a submission), ballot entry, the count and the edit forms of a
        // category and a juror (from riff-18, which has a jury and ballots). Only keys that do not
        // write are pressed.
        select_edition(&mut app, "riff-18");
        let forms: [&[KeyEvent]; 5] = [
            &[ch('2'), ch('g'), ch('n')],
            &[ch('3'), ch('g'), ch('b')],
            &[ch('3'), ch('g'), ch('t')],
            &[ch('3'), ch('g'), ch('e')],
            &[ch('3'), ch('G'), ch('e')],
        ];
        for open in forms {
            press(&mut app, open);
            assert!(
                app.popup.is_some(),
                "{open:?} opens a form at {width}x{height}: {:?}",
                app.message
            );
            draw(&app, width, height);
            for k in [
                key(KeyCode::Down),
                key(KeyCode::Down),
                ch('G'),
                key(KeyCode::Up),
                ch('g'),
            ] {
                press(&mut app, &[k]);
                draw(&app, width, height);
            }
            press(&mut app, &[key(KeyCode::Esc)]);
            assert_eq!(app.popup, None);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

fn assert_in_range(app: &App) {
    for (name, len, pos) in [
        ("editions", app.editions.len(), app.editions_pos),
        ("submissions", app.submissions.len(), app.submissions_pos),
        ("nominations", app.nomination_rows.len(), app.categories_pos),
    ] {
        if len > 0 {
            assert!(
                pos.selected < len,
                "{name}: selected {} of {len}",
                pos.selected
            );
        } else {
            assert_eq!(pos.selected, 0, "{name}: selection in an empty list");
        }
        assert!(
            pos.offset <= pos.selected,
            "{name}: {pos:?} scrolled past its selection"
        );
    }
}

#[test]
fn panes_are_switched_with_tab_shift_tab_and_numbers() {
    let (_dir, mut app) = demo_app(120, 30);
    assert!(!app.welcome);
    assert_eq!(app.focus, Pane::Editions);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus, Pane::Submissions);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus, Pane::Nominations);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus, Pane::Editions, "Tab wraps around");
    press(&mut app, &[key(KeyCode::BackTab)]);
    assert_eq!(app.focus, Pane::Nominations, "Shift-Tab wraps around");
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT)],
    );
    assert_eq!(app.focus, Pane::Submissions);
    press(&mut app, &[ch('1')]);
    assert_eq!(app.focus, Pane::Editions);
    press(&mut app, &[ch('3')]);
    assert_eq!(app.focus, Pane::Nominations);
    press(&mut app, &[ch('2')]);
    assert_eq!(app.focus, Pane::Submissions);
    assert!(!app.quit);
}

#[test]
fn list_keys_move_the_selection_and_keep_it_in_range() {
    // 12 rows: the submissions pane of riff-18 (10 films) shows fewer rows than it has.
    let (_dir, mut app) = demo_app(120, 12);
    select_edition(&mut app, "riff-18");
    let len = app.submissions.len();
    press(&mut app, &[ch('2')]);
    let page = layout::list_height(app.size, Pane::Submissions);
    assert!(
        page > 1 && page < len,
        "the list is longer than a page: {page} of {len}"
    );

    assert_eq!(app.submissions_pos.selected, 0);
    press(&mut app, &[ch('k')]);
    assert_eq!(app.submissions_pos.selected, 0, "k at the top stays");
    press(&mut app, &[ch('j')]);
    assert_eq!(app.submissions_pos.selected, 1);
    press(&mut app, &[key(KeyCode::Down)]);
    assert_eq!(app.submissions_pos.selected, 2);
    press(&mut app, &[key(KeyCode::Up)]);
    assert_eq!(app.submissions_pos.selected, 1);
    press(&mut app, &[ch('G')]);
    assert_eq!(app.submissions_pos.selected, len - 1);
    press(&mut app, &[ch('j')]);
    assert_eq!(
        app.submissions_pos.selected,
        len - 1,
        "j at the bottom stays"
    );
    press(&mut app, &[ch('g')]);
    assert_eq!(app.submissions_pos.selected, 0);
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT)],
    );
    assert_eq!(
        app.submissions_pos.selected,
        len - 1,
        "G arrives with SHIFT too"
    );
    press(&mut app, &[key(KeyCode::Home)]);
    assert_eq!(app.submissions_pos.selected, 0);

    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(app.submissions_pos.selected, page);
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(app.submissions_pos.selected, (2 * page).min(len - 1));
    press(&mut app, &[key(KeyCode::PageDown), key(KeyCode::PageDown)]);
    assert_eq!(app.submissions_pos.selected, len - 1);
    press(&mut app, &[key(KeyCode::PageUp)]);
    assert_eq!(app.submissions_pos.selected, len - 1 - page);
    press(&mut app, &[key(KeyCode::PageUp), key(KeyCode::PageUp)]);
    assert_eq!(app.submissions_pos.selected, 0);

    let half = (page / 2).max(1);
    press(&mut app, &[ctrl('d')]);
    assert_eq!(app.submissions_pos.selected, half);
    press(&mut app, &[ctrl('d')]);
    assert_eq!(app.submissions_pos.selected, (2 * half).min(len - 1));
    press(&mut app, &[ctrl('u')]);
    assert_eq!(app.submissions_pos.selected, half);
    press(&mut app, &[ctrl('u'), ctrl('u')]);
    assert_eq!(app.submissions_pos.selected, 0);
    assert_in_range(&app);

    // The selected row is on screen after every move (a page is what is on screen).
    for k in [
        ch('G'),
        key(KeyCode::PageUp),
        ctrl('d'),
        ch('g'),
        key(KeyCode::PageDown),
    ] {
        press(&mut app, &[k]);
        let title = app.selected_submission().unwrap().title().to_string();
        let shown: String = title.chars().take(10).collect();
        // The screen shows text-style pictographs with the emoji selector (two cells).
        let text = screen(&app, 120, 12).replace('\u{FE0F}', "");
        assert!(
            text.contains(&shown),
            "after {k:?} the selected {title:?} is off screen:\n{text}"
        );
        assert_in_range(&app);
    }
}

#[test]
fn moving_in_the_editions_pane_scopes_the_other_panes() {
    let (_dir, mut app) = demo_app(120, 30);
    let codes: Vec<String> = app
        .editions
        .iter()
        .map(|v| v.edition.code.clone())
        .collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    for code in ["riff-18", "fajr-43", "basirah-1"] {
        select_edition(&mut app, code);
        let id = app.selected_edition().unwrap().edition.id;
        assert!(!app.submissions.is_empty(), "{code} has submissions");
        assert!(
            app.submissions.rows().iter().all(|r| r.edition_id() == id),
            "{code}"
        );
        assert_eq!(
            app.submissions_pos.selected, 0,
            "a new edition starts at its first row"
        );
        let text = screen(&app, 120, 30);
        let festival = &app.selected_edition().unwrap().festival.name;
        assert!(
            text.lines().next().unwrap().contains(festival.as_str()),
            "header names {festival}"
        );
    }
    // Moving down in submissions, then changing edition, resets the submissions selection.
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('2'), ch('G')]);
    assert!(app.submissions_pos.selected > 0);
    press(&mut app, &[ch('1'), ch('j')]);
    assert_eq!(app.submissions_pos.selected, 0);
    press(&mut app, &[ch('G'), ch('j'), ch('j')]);
    assert_eq!(app.editions_pos.selected, app.editions.len() - 1);
    assert_in_range(&app);
}

#[test]
fn the_nominations_pane_lists_categories_and_their_nominees() {
    let (_dir, mut app) = demo_app(120, 30);
    select_edition(&mut app, "fajr-43");
    assert!(
        !app.categories.is_empty(),
        "the demo's 43rd Fajr has award categories"
    );
    assert!(app.nomination_rows.len() >= app.categories.len());
    press(&mut app, &[ch('3')]);
    assert_eq!(app.focus, Pane::Nominations);
    assert_eq!(app.categories_pos.selected, 0);
    assert!(app.selected_category().is_some());
    press(&mut app, &[ch('G')]);
    assert_eq!(app.categories_pos.selected, app.nomination_rows.len() - 1);
    assert!(
        app.selected_category().is_some(),
        "every row belongs to a category"
    );
    let last = app.categories_pos.selected;
    let page = layout::list_height(app.size, Pane::Nominations);
    press(&mut app, &[key(KeyCode::PageUp)]);
    assert_eq!(app.categories_pos.selected, last.saturating_sub(page));
    press(&mut app, &[ch('g'), ctrl('d'), ctrl('u')]);
    assert_eq!(app.categories_pos.selected, 0);
    assert_in_range(&app);
    // Moving the editions selection starts the nominations pane again from its first row.
    press(&mut app, &[ch('G'), ch('1'), ch('k'), ch('3')]);
    assert_eq!(app.categories_pos.selected, 0);
    assert_in_range(&app);
}

#[test]
fn enter_opens_and_esc_closes_popups() {
    let (_dir, mut app) = demo_app(120, 30);
    // Enter on an edition: its record.
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(matches!(app.popup, Some(Popup::Edition { .. })));
    // In a popup, the pane keys do nothing and the list keys scroll the popup.
    press(&mut app, &[key(KeyCode::Tab), ch('2'), ch('3')]);
    assert_eq!(app.focus, Pane::Editions);
    let selected = app.editions_pos;
    press(&mut app, &[ch('j'), ch('j')]);
    assert_eq!(app.popup, Some(Popup::Edition { scroll: 2 }));
    assert_eq!(
        app.editions_pos, selected,
        "j in a popup does not move the list under it"
    );
    press(&mut app, &[ch('k'), ch('g')]);
    assert_eq!(app.popup, Some(Popup::Edition { scroll: 0 }));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.popup, None);

    // Enter on a submission: the film's record.
    press(&mut app, &[ch('2'), key(KeyCode::Enter)]);
    let Some(Popup::Record { record, .. }) = &app.popup else {
        panic!("expected a film record, got {:?}", app.popup);
    };
    assert_eq!(
        Some(record.film.title.as_str()),
        app.selected_submission().map(|r| r.title())
    );
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.popup, None);

    // Enter on the nominations pane, whatever it opens, is closed by Esc.
    press(&mut app, &[ch('3'), key(KeyCode::Enter), key(KeyCode::Esc)]);
    assert_eq!(app.popup, None);
    // Esc with nothing open does nothing.
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.popup, None);
    assert!(!app.quit);
}

#[test]
fn q_quits_from_the_main_screen_and_closes_a_popup() {
    let (_dir, mut app) = demo_app(80, 24);
    press(&mut app, &[ch('q')]);
    assert!(app.quit, "q in the panes");

    // Each kind of popup: q closes it as Esc does, and the desk stays open.
    let (_dir, mut app) = demo_app(120, 30);
    select_edition(&mut app, "riff-18");
    let openers: [(&str, &[KeyEvent]); 9] = [
        ("help", &[ch('?')]),
        ("edition", &[ch('1'), key(KeyCode::Enter)]),
        ("film record", &[ch('2'), ch('g'), key(KeyCode::Enter)]),
        ("overview", &[ch('o')]),
        ("palmarès", &[ch('P')]),
        ("award stats", &[ch('W')]),
        ("status menu", &[ch('2'), ch('x')]),
        ("nominate picker", &[ch('2'), ch('n')]),
        ("count", &[ch('3'), ch('g'), ch('t')]),
    ];
    for (kind, opener) in openers {
        press(&mut app, opener);
        assert!(app.popup.is_some(), "{kind} opens: {:?}", app.message);
        let hints = screen(&app, 120, 30);
        let status = hints.lines().last().unwrap_or("").to_string();
        assert!(!status.contains("q:quit"), "{kind}: {status}");
        press(&mut app, &[ch('q')]);
        assert!(!app.quit, "q in the {kind} must not quit");
        assert_eq!(app.popup, None, "q closes the {kind}");
    }
    press(&mut app, &[ch('q')]);
    assert!(app.quit, "and q on the main screen quits again");

    // Ballot entry is left with Esc only: a stray q must not drop a ballot typed and not yet saved.
    let (_dir, mut app) = demo_app(120, 30);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('3'), ch('g'), ch('b'), ch('1'), ch('q')]);
    assert!(!app.quit, "q in ballot entry does not quit");
    assert!(
        matches!(app.popup, Some(Popup::Ballot(_))),
        "q in ballot entry leaves it open"
    );
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.popup, None, "Esc leaves ballot entry");

    // Ctrl-c still quits from inside a popup.
    let (_dir, mut app) = demo_app(80, 24);
    press(&mut app, &[ch('?'), ctrl('c')]);
    assert!(app.quit, "Ctrl-c in the help");

    let (_dir, mut app) = empty_app(80, 24);
    press(&mut app, &[ch('q')]);
    assert!(app.quit, "q on the welcome screen");

    let (_dir, mut app) = demo_app(80, 24);
    press(&mut app, &[ctrl('c')]);
    assert!(app.quit, "Ctrl-c");
}

#[test]
fn d_on_the_welcome_screen_loads_the_demo() {
    let (_dir, mut app) = empty_app(120, 30);
    assert!(app.welcome);
    // The list keys do nothing on the welcome screen.
    press(
        &mut app,
        &[
            ch('j'),
            ch('G'),
            key(KeyCode::Tab),
            key(KeyCode::Enter),
            ctrl('d'),
        ],
    );
    assert!(app.welcome);
    assert_eq!(app.popup, None);
    press(&mut app, &[ch('d')]);
    assert!(!app.welcome);
    assert!(!app.editions.is_empty());
    assert!(
        !app.submissions.is_empty(),
        "the first edition's submissions are loaded"
    );
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("demo loaded"), "{message:?}");
    let text = screen(&app, 120, 30);
    assert!(text.contains("demo loaded"), "{text}");
    assert!(!text.contains("Welcome to jurydesk"));

    // After the demo, `d` in the panes does nothing harmful: no second load, nothing deleted
    // (should `d` ask to confirm a deletion one day, Esc declines), the store unchanged.
    let editions = app.editions.clone();
    let submissions = app.submissions.len();
    let edition_id = app.selected_edition().unwrap().edition.id;
    press(&mut app, &[ch('2'), ch('j'), ch('d')]);
    assert!(!app.welcome);
    assert!(!app.quit);
    assert_eq!(app.message, None, "d is not a key of the panes");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.popup, None);
    assert_eq!(app.editions, editions);
    assert_eq!(app.submissions.len(), submissions);
    assert_eq!(app.submissions_pos.selected, 1);
    assert_eq!(app.desk.editions().unwrap(), editions);
    assert_eq!(
        app.desk.submission_rows(edition_id).unwrap().len(),
        submissions
    );
    // Nor through the action itself (the demo is idempotent).
    app.update(Action::LoadDemo);
    assert_eq!(app.editions.len(), editions.len());
    assert_eq!(app.submissions.len(), submissions);
    assert_in_range(&app);
}

// ---------------------------------------------------------------------------------------------
// Random key sequences
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Clone)]
enum Input {
    Key(KeyEvent),
    Resize(u16, u16),
}

fn input() -> impl Strategy<Value = Input> {
    let keys = vec![
        ch('j'),
        ch('k'),
        ch('g'),
        KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT),
        key(KeyCode::PageUp),
        key(KeyCode::PageDown),
        ctrl('d'),
        ctrl('u'),
        key(KeyCode::Tab),
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        ch('1'),
        ch('2'),
        ch('3'),
        key(KeyCode::Enter),
        key(KeyCode::Esc),
        ch('?'),
    ];
    prop_oneof![
        8 => proptest::sample::select(keys).prop_map(Input::Key),
        1 => (1u16..200, 1u16..80).prop_map(|(w, h)| Input::Resize(w, h)),
    ]
}

std::thread_local! {
    /// One demo store for the cases of this thread: `App::new` takes the desk by value, each case
    /// gives it back through `app.desk`, so a case costs no store opening. Some keys do write (a form
    /// submitted, a ballot saved, a status changed), so a desk is given back only when its audit log
    /// is where the demo left it: every case starts from the same demo store, and a failure replays
    /// from its seed alone. A case that wrote, or panicked, leaves the next case a new store.
    static SHARED: std::cell::RefCell<Option<(TempDir, Desk)>> = const { std::cell::RefCell::new(None) };
    /// The demo store's log head, as loaded.
    static PRISTINE: std::cell::Cell<Option<(u64, [u8; 32])>> = const { std::cell::Cell::new(None) };
}

fn take_demo_desk() -> (TempDir, Desk) {
    SHARED
        .with(|cell| cell.borrow_mut().take())
        .unwrap_or_else(|| {
            let dir = store_dir();
            let desk = Desk::open(&dir.path().join("store")).expect("open a store");
            desk.load_demo().expect("load the demo");
            PRISTINE.with(|p| p.set(desk.store().log_head().expect("the log head")));
            (dir, desk)
        })
}

fn give_back(dir: TempDir, desk: Desk) {
    let head = desk.store().log_head().expect("the log head");
    if PRISTINE.with(std::cell::Cell::get) == head {
        SHARED.with(|cell| *cell.borrow_mut() = Some((dir, desk)));
    }
}

/// Everything `render` reads that the keys can change.
type State = (Pane, [ListPosition; 3], Option<Popup>, Size, Option<String>);

fn state(app: &App) -> State {
    (
        app.focus,
        [app.editions_pos, app.submissions_pos, app.categories_pos],
        app.popup.clone(),
        app.size,
        app.message.clone(),
    )
}

/// 500 cases in all unless `PROPTEST_CASES` says otherwise, split between the two tests below so
/// that they run side by side (drawing in a debug build is what a case costs).
fn cases() -> u32 {
    let total = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(500u32);
    total.div_ceil(2).max(1)
}

/// Opens a fresh app over the shared demo store, presses `prelude`, then plays `inputs`, drawing
/// after every step that changed something and checking that every selection stays in its list.
fn play(
    (width, height): (u16, u16),
    prelude: &[KeyEvent],
    inputs: &[Input],
) -> Result<(), TestCaseError> {
    let (dir, desk) = take_demo_desk();
    let mut app = App::new(desk, Size::new(width, height)).expect("open the desk");
    press(&mut app, prelude);
    let outcome = play_on(&mut app, (width, height), inputs);
    give_back(dir, app.desk);
    outcome
}

fn play_on(
    app: &mut App,
    (mut width, mut height): (u16, u16),
    inputs: &[Input],
) -> Result<(), TestCaseError> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    let mut drawn = state(app);
    for input in inputs {
        match *input {
            Input::Key(k) => app.handle_key(k),
            Input::Resize(w, h) => {
                (width, height) = (w, h);
                app.resize(Size::new(w, h));
                terminal.backend_mut().resize(w, h);
            }
        }
        prop_assert!(!app.quit);
        prop_assert!(!app.welcome);
        prop_assert_eq!(app.message.as_deref(), None, "no error for {:?}", input);
        // Drawing is most of the cost of a case, so a key that changed nothing (k at the top, Tab in
        // a popup...) is not drawn twice.
        let now = state(app);
        if now != drawn {
            terminal.draw(|f| render(app, f)).expect("draw");
            prop_assert_eq!(
                terminal.backend().buffer().area,
                Rect::new(0, 0, width, height)
            );
            drawn = now;
        }
        for (name, len, pos) in [
            ("editions", app.editions.len(), app.editions_pos),
            ("submissions", app.submissions.len(), app.submissions_pos),
            ("nominations", app.nomination_rows.len(), app.categories_pos),
        ] {
            if len > 0 {
                prop_assert!(
                    pos.selected < len,
                    "{}: selected {} of {}",
                    name,
                    pos.selected,
                    len
                );
            } else {
                prop_assert_eq!(pos.selected, 0, "{}", name);
            }
            prop_assert!(pos.offset <= pos.selected, "{}: {:?}", name, pos);
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    /// From the desk as it opens: the editions pane in focus.
    #[test]
    fn random_keys_never_break_the_desk(
        start in (1u16..200, 1u16..80),
        inputs in proptest::collection::vec(input(), 0..200),
    ) {
        play(start, &[], &inputs)?;
    }

    /// From the last edition's last submission, its record open.
    #[test]
    fn random_keys_never_break_the_desk_from_a_record(
        start in (1u16..200, 1u16..80),
        inputs in proptest::collection::vec(input(), 0..200),
    ) {
        let prelude = [ch('G'), ch('2'), ch('G'), key(KeyCode::Enter)];
        play(start, &prelude, &inputs)?;
    }
}

/// Every key a secretary might press except those that quit, delete or undo: searches, sorts,
/// forms (with typed text and digits), ballot entry, counts, the palette, the overview, menus.
fn any_key() -> impl Strategy<Value = KeyEvent> {
    let named = vec![
        key(KeyCode::Enter),
        key(KeyCode::Esc),
        key(KeyCode::Tab),
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        key(KeyCode::Backspace),
        key(KeyCode::Up),
        key(KeyCode::Down),
        key(KeyCode::Left),
        key(KeyCode::Right),
        key(KeyCode::PageDown),
        key(KeyCode::PageUp),
        key(KeyCode::Home),
        key(KeyCode::End),
        key(KeyCode::F(1)),
        ctrl('d'),
        ctrl('u'),
    ];
    let letters: Vec<char> = "jkgG123/sSxo:aebtnrcvA?J+ 0456789شب紙éz".chars().collect();
    prop_oneof![
        3 => proptest::sample::select(named),
        4 => proptest::sample::select(letters).prop_map(ch),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000),
        ..ProptestConfig::default()
    })]

    /// 10,000 random key sequences over every view: nothing panics, every selection stays inside
    /// its list, and the desk draws at the end at any size.
    #[test]
    fn random_key_sequences_over_every_view_keep_selections_in_their_lists(
        (width, height) in (1u16..160, 1u16..60),
        keys in proptest::collection::vec(any_key(), 1..30),
    ) {
        let (dir, desk) = take_demo_desk();
        let mut app = App::new(desk, Size::new(width, height)).expect("open the desk");
        for &k in &keys {
            app.handle_key(k);
            for (len, pos) in [
                (app.editions.len(), app.editions_pos),
                (app.submissions.len(), app.submissions_pos),
                (app.nomination_rows.len(), app.categories_pos),
            ] {
                prop_assert!(len == 0 || pos.selected < len, "{:?} of {} after {:?}", pos, len, k);
            }
        }
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
        terminal.draw(|f| render(&app, f)).expect("draw");
        give_back(dir, app.desk);
    }
}

// ---------------------------------------------------------------------------------------------
// The jury's work on the desk: ballot entry, recusals, the count, ties and awards
// ---------------------------------------------------------------------------------------------

/// Moves the nominations selection to the category named `name`.
fn select_category(app: &mut App, name: &str) {
    press(app, &[ch('3'), ch('g')]);
    for _ in 0..app.nomination_rows.len() {
        if app.selected_category().map(|c| c.category.name.as_str()) == Some(name) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no category {name}");
}

fn ballot_form(app: &App) -> &jurydesk::tui::ballot::BallotForm {
    match &app.popup {
        Some(Popup::Ballot(form)) => form,
        other => panic!("expected ballot entry, got {other:?}"),
    }
}

#[test]
fn ballot_entry_saves_a_ranking_and_moves_to_the_next_juror() {
    let (_dir, mut app) = demo_app(120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('b')]);
    // The form opens on the one juror who has not voted, and shows the recused one apart.
    assert_eq!(ballot_form(&app).juror_name(), "Javad Karimi");
    let text = screen(&app, 120, 40);
    assert!(text.contains("Not voting here: Omar Khalil"), "{text}");
    insta::assert_snapshot!("ballot_entry_grand_prize_120x40", text);

    press(
        &mut app,
        &[ch('3'), ch('1'), ch('4'), key(KeyCode::Backspace), ch('2')],
    );
    assert_eq!(ballot_form(&app).ranking(), vec![2, 0, 1]);
    press(&mut app, &[key(KeyCode::Enter)]);
    let form = ballot_form(&app);
    assert!(form.voted.iter().all(|v| *v), "every voter has now voted");
    assert!(
        form.message
            .as_deref()
            .unwrap_or("")
            .contains("saved Javad Karimi")
    );

    // The ballot is on disk, in the order typed.
    let edition = app.desk.edition("riff-18").unwrap();
    let category = app.desk.category(&edition, "Grand Prize").unwrap();
    let juror = app.desk.juror(&edition, "Javad Karimi").unwrap();
    let ballot = app
        .desk
        .ballot(category.id, juror.id)
        .unwrap()
        .expect("saved");
    let nominees = app.desk.nominees(&category).unwrap();
    let numbers: Vec<u32> = match ballot.content {
        jurydesk::domain::BallotContent::Ranked(order) => order
            .iter()
            .map(|id| {
                nominees
                    .iter()
                    .find(|n| n.nomination.id == *id)
                    .unwrap()
                    .number()
            })
            .collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(numbers, vec![3, 1, 2]);

    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(
        app.selected_category().unwrap().ballots,
        5,
        "the pane shows 5/5 now"
    );
}

#[test]
fn scores_and_round_votes_are_typed_as_digits() {
    let (_dir, mut app) = demo_app(120, 40);
    select_category(&mut app, "Best Short Film");
    press(&mut app, &[ch('b')]);
    assert_eq!(ballot_form(&app).juror_name(), "Javad Karimi");
    press(&mut app, &[ch('7'), ch('+'), key(KeyCode::Enter)]);
    let edition = app.desk.edition("riff-18").unwrap();
    let category = app.desk.category(&edition, "Best Short Film").unwrap();
    let juror = app.desk.juror(&edition, "Javad Karimi").unwrap();
    let ballot = app.desk.ballot(category.id, juror.id).unwrap().unwrap();
    let scores: Vec<u8> = match ballot.content {
        jurydesk::domain::BallotContent::Scored(s) => s.iter().map(|(_, v)| *v).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(scores, vec![7, 10]);

    press(&mut app, &[key(KeyCode::Esc)]);
    // Rounds are voted in turn (SPEC §6.4): Javad first catches up on round 1.
    let round1 = jurydesk::desk::BallotEntry::Rounds(vec![(1, "3".to_string())]);
    app.desk
        .set_ballot("riff-18", "Best Director", "Javad Karimi", &round1)
        .expect("round 1 is the jury's round");
    app.reload_categories().expect("reload");
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('b')]);
    let form = ballot_form(&app);
    assert_eq!((form.juror_name(), form.round), ("Javad Karimi", 2));
    press(&mut app, &[ch('9')]);
    assert!(
        ballot_form(&app)
            .message
            .as_deref()
            .unwrap_or("")
            .contains("no nominee 9")
    );
    press(&mut app, &[ch('1'), key(KeyCode::Enter)]);
    let form = ballot_form(&app);
    // Javad's vote completes round 2, which decides (Nasim Rahbar, 3 of 5): no round 3 opens.
    assert_eq!(form.round, 2, "round 2 decided: the form stays on it");
    assert_eq!(
        app.desk
            .open_round(
                &app.desk.edition("riff-18").unwrap(),
                &app.desk
                    .category(&app.desk.edition("riff-18").unwrap(), "Best Director")
                    .unwrap()
            )
            .unwrap(),
        None,
        "no round is open once one decided"
    );
}

#[test]
fn the_tally_view_counts_live_and_records_the_award() {
    let (_dir, mut app) = demo_app(120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('t')]);
    let text = screen(&app, 120, 40);
    // Javad Karimi has not voted: the count names no winner yet, only who leads (SPEC §6.4).
    assert!(
        text.contains(
            "leading so far: A House in Basra  ·  PROVISIONAL: not voted yet: Javad Karimi"
        ),
        "{text}"
    );
    assert!(!text.contains("winner: "), "{text}");
    assert!(
        text.contains("provisional: 1 of 5 ballots missing: Javad Karimi"),
        "{text}"
    );
    assert!(
        text.contains("Omar Khalil"),
        "the excluded juror is named: {text}"
    );
    insta::assert_snapshot!("tally_grand_prize_120x40", text);

    // Javad Karimi's ballot is missing: the count is provisional, and even when asked for and
    // confirmed it gives no award (SPEC §6.4).
    press(&mut app, &[ch('a'), key(KeyCode::Enter)]);
    let category_id = app.selected_category().map(|c| c.category.id).unwrap();
    assert!(app.desk.awards(category_id).unwrap().is_empty());
    press(&mut app, &[key(KeyCode::Esc)]);
    press(&mut app, &[key(KeyCode::Esc)]);
    complete_grand_prize(&app);
    app.reload_categories().expect("reload");
    // The award is asked for first (tests/desk_count.rs has the question itself).
    press(&mut app, &[ch('t'), ch('a'), key(KeyCode::Enter)]);
    let awards = app
        .selected_category()
        .map(|c| c.category.id)
        .map(|id| app.desk.awards(id).unwrap())
        .unwrap();
    assert_eq!(awards.len(), 1);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(
        !app.selected_category().unwrap().awards.is_empty(),
        "the pane shows it awarded"
    );
}

/// Javad Karimi, the one juror whose Grand Prize ballot the demo leaves missing, ranks A House in
/// Basra first: the count is complete and its result unchanged.
fn complete_grand_prize(app: &App) {
    let entry = jurydesk::desk::BallotEntry::Ranked(vec!["A House in Basra".to_string()]);
    app.desk
        .set_ballot("riff-18", "Grand Prize", "Javad Karimi", &entry)
        .expect("Javad's ballot");
}

#[test]
fn a_tie_is_settled_on_the_desk_by_the_presidents_casting_vote() {
    let (_dir, mut app) = demo_app(120, 40);
    let edition = app.desk.edition("riff-18").unwrap();
    let vote = |app: &App, juror: &str, round: u32, nominee: &str| {
        let entry = jurydesk::desk::BallotEntry::Rounds(vec![(round, nominee.to_string())]);
        app.desk
            .set_ballot(&edition.code, "Best Director", juror, &entry)
            .unwrap();
    };
    // Javad's votes keep rounds 1 and 2 without an absolute majority; round 3 ends 2–2–1.
    vote(&app, "Javad Karimi", 1, "3");
    vote(&app, "Javad Karimi", 2, "3");
    for (juror, nominee) in [
        ("Mina Sadeghi", "1"),
        ("Leila Haddad", "1"),
        ("Sara Ahmadi", "2"),
        ("Yannick Morel", "2"),
        ("Javad Karimi", "3"),
    ] {
        vote(&app, juror, 3, nominee);
    }
    app.reload_categories().unwrap();
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('t')]);
    let text = screen(&app, 120, 40);
    // The chain's casting vote reads the president's own round-3 vote.
    assert!(text.contains("winner: Nasim Rahbar"), "{text}");
    assert!(text.contains("casting"), "{text}");
    press(&mut app, &[ch('a'), key(KeyCode::Enter)]);
    let category = app.desk.category(&edition, "Best Director").unwrap();
    let award = &app.desk.awards(category.id).unwrap()[0];
    assert!(matches!(
        award.decision,
        jurydesk::domain::Decision::CastingVote { .. }
    ));

    // The chain's casting vote already settled the tie: another casting vote would overrule the
    // count, and is refused (issue 12 finding 3).
    press(&mut app, &[ch('c'), ch('2')]);
    let Some(Popup::Tally(view)) = &app.popup else {
        panic!("tally view")
    };
    assert!(view.deciding.is_none());
    press(&mut app, &[ch('c')]);
    let Some(Popup::Tally(view)) = &app.popup else {
        panic!("tally view")
    };
    let said = view.message.as_deref().unwrap_or("");
    assert!(said.contains("no tie stands"), "{said}");
    let awards = app.desk.awards(category.id).unwrap();
    assert_eq!(awards.len(), 1);
    assert_eq!(
        awards[0].winners, award.winners,
        "still the president's choice"
    );
    let award = &app.desk.awards(category.id).unwrap()[0];
    assert_eq!(award.winners.len(), 1);
}

#[test]
fn nominating_from_the_submissions_pane() {
    let (_dir, mut app) = demo_app(120, 40);
    select_edition(&mut app, "riff-18");
    select_submission(&mut app, "Olive Memory");
    // Olive Memory is withdrawn: the desk asks first (SPEC §2.1).
    press(&mut app, &[ch('n')]);
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })));
    press(&mut app, &[ch('y')]);
    assert!(matches!(app.popup, Some(Popup::Nominate(_))));
    // Second category is Best Director, a person category: the film's director is offered.
    press(&mut app, &[ch('j'), key(KeyCode::Enter)]);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Nour El-Sayed"), "{text}");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("Nour El-Sayed (Olive Memory)"),
        "{:?}",
        app.message
    );
    select_category(&mut app, "Best Director");
    assert_eq!(app.selected_category().unwrap().nominees.len(), 4);
}

// ---------------------------------------------------------------------------------------------
// Search, scripts and the new views
// ---------------------------------------------------------------------------------------------

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(ch(c));
    }
}

#[test]
fn search_with_arabic_letters_finds_a_persian_spelling_and_shows_the_count() {
    let (_dir, mut app) = demo_app(120, 20);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('2'), ch('/')]);
    // Arabic kaf and yeh: the demo stores "ذاكرة الزيتون"; typed with Persian letters.
    type_text(&mut app, "ذاکره");
    let text = screen(&app, 120, 20);
    assert!(text.contains("1 of 10"), "{text}");
    assert!(text.contains("Olive Memory"), "{text}");
    insta::assert_snapshot!("search_arabic_120x20", text);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.submissions.len(), 10, "Esc clears the search");
    assert!(
        !screen(&app, 120, 20).contains("of 10  /"),
        "nor is it in the title"
    );

    press(&mut app, &[ch('/')]);
    type_text(&mut app, "country:iraq status:selected");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.submissions.len(), 1, "A House in Basra");
    assert!(
        !app.submissions.search.typing,
        "Enter keeps the search and leaves typing"
    );
    press(&mut app, &[ch('s'), ch('s')]);
    assert!(screen(&app, 120, 20).contains("↑director"));
}

#[test]
fn records_of_persian_and_cjk_titles() {
    let (_dir, mut app) = demo_app(100, 24);
    select_edition(&mut app, "riff-18");
    select_submission(&mut app, "Letters from the Front Line");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen(&app, 100, 24);
    assert!(
        text.contains("نامه\u{200c}هایی از خط مقدم"),
        "the ZWNJ is kept: {text}"
    );
    insta::assert_snapshot!("record_persian_100x24", text);
    press(&mut app, &[key(KeyCode::Esc)]);
    select_submission(&mut app, "Paper Lanterns");
    press(&mut app, &[key(KeyCode::Enter)]);
    insta::assert_snapshot!("record_cjk_100x24", screen(&app, 100, 24));
}

#[test]
fn forms_palette_overview_and_menus() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('2'), ch('a')]);
    type_text(&mut app, "بچه‌های آسمان");
    press(&mut app, &[key(KeyCode::Tab)]);
    insta::assert_snapshot!("form_add_submission_110x30", screen(&app, 110, 30));
    // A bad year is refused at its field, and nothing is written.
    for _ in 0..7 {
        press(&mut app, &[key(KeyCode::Tab)]);
    }
    type_text(&mut app, "1200");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen(&app, 110, 30);
    assert!(text.contains("plausible year"), "{text}");
    assert_eq!(app.submissions.total(), 10);
    press(&mut app, &[key(KeyCode::Esc)]);

    press(&mut app, &[ch(':')]);
    type_text(&mut app, "tally");
    insta::assert_snapshot!("palette_tally_110x30", screen(&app, 110, 30));
    press(&mut app, &[key(KeyCode::Esc)]);

    press(&mut app, &[ch('1'), ch('o')]);
    insta::assert_snapshot!("overview_riff_18_110x30", screen(&app, 110, 30));
    press(&mut app, &[key(KeyCode::Esc)]);

    press(&mut app, &[ch('2'), ch('x')]);
    insta::assert_snapshot!("status_menu_110x30", screen(&app, 110, 30));
    press(&mut app, &[key(KeyCode::Esc), ch('d')]);
    insta::assert_snapshot!("confirm_delete_110x30", screen(&app, 110, 30));
    press(&mut app, &[ch('n')]);
    assert!(app.popup.is_none());
    assert_eq!(app.submissions.total(), 10, "n leaves it");
}

#[test]
fn delete_asks_first_and_undo_brings_it_back() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    select_submission(&mut app, "Olive Memory");
    press(&mut app, &[ch('d'), ch('y')]);
    assert_eq!(app.submissions.total(), 9);
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("deleted submission")
    );
    press(&mut app, &[ch('u')]);
    assert_eq!(app.submissions.total(), 10);
    assert!(app.message.as_deref().unwrap_or("").starts_with("undid #"));
}

/// `d` on the nominations pane asks first, naming everything that goes; `y` does it, `u` brings it
/// all back, and the store is sound after each step.
#[test]
fn categories_nominees_and_jurors_are_deleted_after_a_question_and_undone() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    let rows = app.nomination_rows.len();
    let sound = |app: &App| {
        let report = app.desk.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
    };

    select_category(&mut app, "Best Director");
    let nominees = app.selected_category().unwrap().nominees.len();
    press(&mut app, &[ch('d')]);
    let text = screen(&app, 110, 30);
    assert!(
        text.contains(&format!(
            "Delete category Best Director and its {nominees} nominees"
        )),
        "{text}"
    );
    insta::assert_snapshot!("confirm_delete_category_110x30", text);
    press(&mut app, &[ch('n')]);
    assert!(app.popup.is_none());
    assert_eq!(app.nomination_rows.len(), rows, "n leaves it");
    press(&mut app, &[ch('d'), ch('y')]);
    assert!(
        message(&app).starts_with("deleted category Best Director"),
        "{:?}",
        app.message
    );
    assert_eq!(app.nomination_rows.len(), rows - 1 - nominees);
    assert!(
        app.categories
            .iter()
            .all(|c| c.category.name != "Best Director")
    );
    sound(&app);
    press(&mut app, &[ch('u')]);
    assert_eq!(app.nomination_rows.len(), rows);
    sound(&app);

    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('j'), ch('d')]);
    let question = match &app.popup {
        Some(Popup::Confirm { question, .. }) => question.clone(),
        other => panic!("expected the question, got {other:?}"),
    };
    assert!(
        question.starts_with("Delete nominee 1 ") && question.contains("from Best Director"),
        "{question}"
    );
    // Its ballots are named on a line of their own, inside the box.
    let text = screen(&app, 110, 30);
    let said = text
        .lines()
        .find(|l| l.contains("named only it"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(said.contains("2 ballots named only it and go ("), "{said}");
    insta::assert_snapshot!("confirm_delete_nominee_110x30", text);
    press(&mut app, &[ch('y')]);
    assert_eq!(app.nomination_rows.len(), rows - 1);
    sound(&app);
    press(&mut app, &[ch('u')]);
    assert_eq!(app.nomination_rows.len(), rows);

    select_juror(&mut app, "Noor Hassan");
    press(&mut app, &[ch('d')]);
    assert!(
        matches!(&app.popup, Some(Popup::Confirm { question, .. }) if question.starts_with("Delete juror Noor Hassan")),
        "{:?}",
        app.popup
    );
    press(&mut app, &[ch('y')]);
    assert_eq!(app.jurors.len(), 6);
    assert!(app.jurors.iter().all(|j| j.name != "Noor Hassan"));
    sound(&app);
    press(&mut app, &[ch('u')]);
    assert_eq!(app.jurors.len(), 7);
    sound(&app);
}

/// A removal the desk refuses is said at once, as other refusals are, with no question to answer.
#[test]
fn a_category_with_an_award_is_not_offered_for_deletion() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "fajr-43");
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('d')]);
    assert!(app.popup.is_none(), "{:?}", app.popup);
    // The desk names its own key, not a command (SPEC §6.5).
    assert!(
        message(&app).contains("has a recorded award")
            && message(&app)
                .contains("withdraw the award first (W in the count of 'Best Director'"),
        "{:?}",
        app.message
    );
    assert!(!message(&app).contains("jurydesk"), "{:?}", app.message);
    // The jury's heading is no juror: say which rows can go.
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('3'), ch('G'), ch('k')]);
    while app.selected_juror().is_some() {
        press(&mut app, &[ch('k')]);
    }
    press(&mut app, &[ch('d')]);
    assert!(app.popup.is_none(), "{:?}", app.popup);
    assert!(
        message(&app).contains("choose a juror"),
        "{:?}",
        app.message
    );
}

// ---------------------------------------------------------------------------------------------
// Editing the jury's records from the nominations pane: categories, nominees, jurors
// ---------------------------------------------------------------------------------------------

/// Moves the nominations selection to the juror named `name` (the jury follows the categories).
fn select_juror(app: &mut App, name: &str) {
    press(app, &[ch('3'), ch('g')]);
    for _ in 0..app.nomination_rows.len() {
        if app.selected_juror().map(|j| j.name.as_str()) == Some(name) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no juror {name}");
}

fn open_form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(form)) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}

fn field<'a>(app: &'a App, label: &str) -> &'a Field {
    open_form(app)
        .fields
        .iter()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no field {label}"))
}

/// Tabs to the single-line field `label`, empties it and types `text`, as a secretary would.
fn retype(app: &mut App, label: &str, text: &str) {
    for _ in 0..open_form(app).fields.len() {
        if open_form(app).focused().map(|f| f.label) == Some(label) {
            break;
        }
        press(app, &[key(KeyCode::Tab)]);
    }
    assert_eq!(open_form(app).focused().map(|f| f.label), Some(label));
    press(app, &[ctrl('e'), ctrl('u')]);
    type_text(app, text);
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or("")
}

#[test]
fn the_nominations_pane_lists_the_jury_after_the_categories() {
    let (_dir, mut app) = demo_app(120, 30);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('3'), ch('G')]);
    let last = app.selected_juror().expect("the last row is a juror");
    assert_eq!(last.name, "Noor Hassan");
    assert!(app.selected_category().is_none(), "a juror is no category");
    press(&mut app, &[ch('b')]);
    assert!(
        message(&app).contains("choose a category"),
        "{:?}",
        app.message
    );
    assert_eq!(app.jurors.len(), 7);
    // The heading above the president: e says what to do; a seats a juror.
    for _ in 0..app.jurors.len() {
        press(&mut app, &[ch('k')]);
    }
    assert!(app.selected_juror().is_none() && app.selected_category().is_none());
    press(&mut app, &[ch('e')]);
    assert!(app.popup.is_none());
    assert!(
        message(&app).contains("choose a juror"),
        "{:?}",
        app.message
    );
    press(&mut app, &[ch('a')]);
    assert_eq!(open_form(&app).title, "Add juror to riff-18");
    press(&mut app, &[key(KeyCode::Esc), ch('g'), ch('a')]);
    assert_eq!(open_form(&app).title, "Add category to riff-18");
}

#[test]
fn a_category_is_edited_from_the_nominations_pane_and_undone() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    select_category(&mut app, "Best Director");
    let nominees = app.selected_category().unwrap().nominees.clone();
    press(&mut app, &[ch('e')]);
    let text = screen(&app, 110, 30);
    assert!(
        !text.lines().last().unwrap_or("").contains("q:quit"),
        "in a form q is a letter, not quit: the status line must not say otherwise"
    );
    insta::assert_snapshot!("form_edit_category_110x30", text);
    assert_eq!(field(&app, "Kind").value, "person");
    assert!(
        field(&app, "Method").value.starts_with("majority-rounds:"),
        "the number of absolute-majority rounds is shown, so saving keeps it"
    );
    retype(&mut app, "Name", "Best Direction");
    retype(&mut app, "Prize", "Golden Olive");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none(), "saved and closed");
    assert!(
        message(&app).starts_with("saved category") && message(&app).contains("Best Direction"),
        "{:?}",
        app.message
    );
    let edited = app.selected_category().expect("the selection stays on it");
    assert_eq!(edited.category.name, "Best Direction");
    assert_eq!(edited.category.prize, "Golden Olive");
    assert_eq!(edited.nominees, nominees, "its nominees stay");

    let row = app.categories_pos.selected;
    press(&mut app, &[ch('u')]);
    assert!(
        message(&app).contains("category edit \"Best Director\""),
        "{:?}",
        app.message
    );
    assert_eq!(
        app.categories_pos.selected, row,
        "undo keeps the place in the pane"
    );
    assert_eq!(
        app.selected_category().map(|c| c.category.name.as_str()),
        Some("Best Director")
    );
    assert!(
        app.categories
            .iter()
            .any(|c| c.category.name == "Best Director" && c.category.prize.is_empty())
    );
    // Saving an untouched form writes nothing, so the next u would not undo something else.
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('e'), key(KeyCode::Enter)]);
    assert!(
        message(&app).starts_with("no change to category"),
        "{:?}",
        app.message
    );
}

#[test]
fn what_an_edit_means_for_the_ballots_is_said_in_full_on_the_status_line() {
    let (_dir, mut app) = demo_app(160, 30);
    select_edition(&mut app, "riff-18");
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('e')]);
    retype(&mut app, "Method", "irv");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        message(&app).contains("are not rankings, so irv leaves them out"),
        "{:?}",
        app.message
    );
    let text = screen(&app, 160, 30);
    let status = text.lines().last().unwrap_or("");
    assert!(
        status.contains("irv leaves them out (changing back counts them)"),
        "a message longer than half the line is not cut: {status}"
    );
    // The next key clears it and the key hints are back.
    press(&mut app, &[ch('j')]);
    let text = screen(&app, 160, 30);
    assert!(text.lines().last().unwrap_or("").contains("?:help"));
}

#[test]
fn a_refused_category_edit_shows_why_at_its_field() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    select_category(&mut app, "Grand Prize");
    // Record the award as counted: from then on the method stands behind it.
    complete_grand_prize(&app);
    app.reload_categories().expect("reload");
    press(
        &mut app,
        &[ch('t'), ch('a'), key(KeyCode::Enter), key(KeyCode::Esc)],
    );
    assert!(!app.selected_category().expect("selected").awards.is_empty());
    let method = app.selected_category().expect("selected").category.method;
    press(&mut app, &[ch('e')]);
    retype(&mut app, "Method", "borda");
    press(&mut app, &[key(KeyCode::Enter)]);
    // The award freezes the whole category, not one value: said on the form, in the desk's words.
    let said = open_form(&app).message.clone().unwrap_or_default();
    assert!(
        said.contains("has a recorded award")
            && said.contains("freezes its method")
            && said.contains("W in the count"),
        "{said}"
    );
    assert!(field(&app, "Method").error.is_none());
    assert_eq!(open_form(&app).focused().map(|f| f.label), Some("Method"));
    insta::assert_snapshot!("form_edit_category_error_110x30", screen(&app, 110, 30));

    retype(&mut app, "Method", "condorcet");
    retype(&mut app, "Name", "Best Director");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        field(&app, "Method")
            .error
            .as_deref()
            .is_some_and(|e| e.contains("unknown method 'condorcet'"))
    );
    press(&mut app, &[key(KeyCode::Esc)]);
    let edition = app.desk.edition("riff-18").unwrap();
    let stored = app.desk.category(&edition, "Grand Prize").unwrap();
    assert_eq!(stored.method, method, "nothing was written");
}

#[test]
fn a_juror_is_edited_from_the_nominations_pane_and_undone() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    select_juror(&mut app, "Noor Hassan");
    press(&mut app, &[ch('e')]);
    insta::assert_snapshot!("form_edit_juror_110x30", screen(&app, 110, 30));
    retype(&mut app, "Role", "chair");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        field(&app, "Role")
            .error
            .as_deref()
            .is_some_and(|e| e.contains("unknown role 'chair'"))
    );
    retype(&mut app, "Role", "member");
    retype(&mut app, "Name", "mina sadeghi");
    press(&mut app, &[key(KeyCode::Enter)]);
    let error = field(&app, "Name").error.clone().unwrap_or_default();
    assert!(error.contains("Mina Sadeghi already sits"), "{error}");
    assert_eq!(
        open_form(&app).focus,
        0,
        "the refused field takes the focus"
    );

    retype(&mut app, "Name", "Noor Hassan");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none(), "{:?}", open_form(&app));
    assert!(
        message(&app).starts_with("saved juror") && message(&app).contains("(member)"),
        "{:?}",
        app.message
    );
    let noor = app.selected_juror().expect("the selection follows her");
    assert_eq!(noor.name, "Noor Hassan");
    assert_eq!(noor.role.as_str(), "member");
    press(&mut app, &[ch('u')]);
    assert!(
        message(&app).contains("juror edit Noor Hassan"),
        "{:?}",
        app.message
    );
    assert!(
        app.jurors
            .iter()
            .any(|j| j.name == "Noor Hassan" && j.role.as_str() == "observer")
    );
}

#[test]
fn a_nominees_number_is_edited_and_swaps_with_the_holder() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    select_category(&mut app, "Grand Prize");
    let before: Vec<String> = app
        .selected_category()
        .unwrap()
        .nominees
        .iter()
        .map(|n| n.label.clone())
        .collect();
    press(&mut app, &[ch('j'), ch('e')]);
    let labels: Vec<&str> = open_form(&app).fields.iter().map(|f| f.label).collect();
    assert_eq!(
        labels,
        ["Number"],
        "a film category has no person to change"
    );
    retype(&mut app, "Number", "2");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        message(&app).contains(&format!("{} took number 1 in exchange", before[1])),
        "{:?}",
        app.message
    );
    let after: Vec<String> = app
        .selected_category()
        .unwrap()
        .nominees
        .iter()
        .map(|n| n.label.clone())
        .collect();
    assert_eq!(after[0], before[1]);
    assert_eq!(after[1], before[0]);
    assert_eq!(
        app.categories_pos.selected, 2,
        "the selection follows the nominee to its new row"
    );
    press(&mut app, &[ch('u')]);
    let undone: Vec<String> = app.categories[0]
        .nominees
        .iter()
        .map(|n| n.label.clone())
        .collect();
    assert_eq!(undone, before);

    select_category(&mut app, "Best Director");
    let person = app.selected_category().unwrap().nominees[0]
        .nomination
        .person
        .clone()
        .expect("a person category's nominee names a person");
    press(&mut app, &[ch('j'), ch('e')]);
    assert_eq!(field(&app, "Person").value, person);
    retype(&mut app, "Person", " ");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        field(&app, "Person")
            .error
            .as_deref()
            .is_some_and(|e| e.contains("awards a person")),
        "{:?}",
        open_form(&app)
    );
}

#[test]
fn clicks_focus_a_pane_and_select_a_row() {
    use ratatui::crossterm::event::{Event, MouseButton, MouseEvent, MouseEventKind};
    let (_dir, mut app) = demo_app(120, 30);
    let click = |app: &mut App, column, row| {
        app.handle_event(&Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    };
    // The submissions pane starts at x = 22% of 120; its rows start below the border and the header.
    click(&mut app, 40, 5);
    assert_eq!(app.focus, Pane::Submissions);
    assert_eq!(app.submissions_pos.selected, 2);
    click(&mut app, 5, 3);
    assert_eq!(app.focus, Pane::Editions);
    assert_eq!(app.editions_pos.selected, 1);
    let wheel = |app: &mut App, kind, column, row| {
        app.handle_event(&Event::Mouse(MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        }));
    };
    wheel(&mut app, MouseEventKind::ScrollDown, 5, 3);
    assert_eq!(app.editions_pos.selected, 2);

    // The wheel over another pane moves through that pane, which takes the focus.
    let nominations_before = app.categories_pos.selected;
    wheel(&mut app, MouseEventKind::ScrollDown, 110, 6);
    assert_eq!(app.focus, Pane::Nominations);
    assert_eq!(app.categories_pos.selected, nominations_before + 1);
    wheel(&mut app, MouseEventKind::ScrollUp, 40, 6);
    assert_eq!(app.focus, Pane::Submissions);
    assert_eq!(app.editions_pos.selected, 2, "the edition stays");

    // Over a popup the wheel scrolls the popup, and the panes keep their focus.
    press(&mut app, &[ch('?')]);
    wheel(&mut app, MouseEventKind::ScrollDown, 5, 3);
    assert_eq!(app.focus, Pane::Submissions);
    assert_eq!(app.popup, Some(Popup::Help { scroll: 1 }));
}

// ---------------------------------------------------------------------------------------------
// The palmarès (SPEC §6.3): its popup, the live rule state, finalize and reopen, award leaders
// ---------------------------------------------------------------------------------------------

/// Types `text` into the open form, then Enter.
fn type_and_submit(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &[ch(c)]);
    }
    press(app, &[key(KeyCode::Enter)]);
}

#[test]
fn the_palmares_popup_shows_the_cascade_and_the_rule_state_follows_every_award() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "riff-18");
    // No rule broken, but nothing awarded yet: the pane says both (SPEC §6.3).
    assert_eq!(
        app.palmares_state.as_deref(),
        Some("9 incomplete · rules kept")
    );
    // Award the Grand Prize from its count: A House in Basra, whose director is then passed over.
    complete_grand_prize(&app);
    app.desk
        .record_award(
            "riff-18",
            "Grand Prize",
            &jurydesk::desk::AwardChoice::FromCount,
        )
        .expect("the Grand Prize is decided by its count");
    app.reload_categories().expect("reload");
    press(&mut app, &[ch('P')]);
    assert!(matches!(app.popup, Some(Popup::Palmares { .. })));
    insta::assert_snapshot!(screen(&app, 120, 36));
    press(&mut app, &[key(KeyCode::Esc)]);

    // A mandatory category without an award breaks a rule: the pane says so at once.
    app.desk
        .add_category(&jurydesk::desk::CategoryInput {
            edition: "riff-18".into(),
            name: "Audience Award".into(),
            prize: String::new(),
            kind: jurydesk::domain::CategoryKind::Film,
            method: jurydesk::domain::Method::Plurality,
            tie_breaks: Vec::new(),
            ex_aequo_allowed: false,
            mandatory: true,
            precedence: None,
        })
        .expect("add a category");
    app.reload_categories().expect("reload");
    let state = app.palmares_state.clone().unwrap_or_default();
    assert_eq!(state, "⚠ 1 broken · 7 incomplete");
    let text = screen(&app, 120, 36);
    assert!(text.contains("⚠ 1 broken · 7 incomplete"), "{text}");
}

#[test]
fn finalize_and_reopen_from_the_desk_and_a_frozen_edition_refuses_a_ballot() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('F')]);
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    insta::assert_snapshot!("finalize_form", screen(&app, 120, 36));
    // The demo's Fajr palmarès is incomplete: a blank reason is refused, a reason overrides it.
    type_and_submit(&mut app, "");
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "refused without a reason"
    );
    type_and_submit(&mut app, "the festival announced only three prizes");
    assert!(app.popup.is_none(), "the form closed: {:?}", app.message);
    // Finalized over what was incomplete: the pane says so, with how much was overridden.
    assert!(
        app.palmares_state
            .as_deref()
            .is_some_and(|s| s.starts_with("finalized · ") && s.ends_with(" overridden")),
        "{:?}",
        app.palmares_state
    );
    assert_eq!(
        app.desk.edition("fajr-43").expect("fajr-43").state,
        jurydesk::domain::EditionState::Finalized
    );
    // Ballot entry on a frozen edition: the desk says why, and nothing opens.
    press(&mut app, &[ch('3'), ch('g'), ch('b')]);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("fajr-43 is finalized"), "{message}");

    // Reopening needs a reason: Enter on an empty one is refused at the field.
    press(&mut app, &[ch('1'), ch('R')]);
    type_and_submit(&mut app, "");
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("the reopen form stays open without a reason");
    };
    assert!(form.fields[0].error.is_some() || form.message.is_some());
    type_and_submit(&mut app, "a late ballot");
    assert!(app.popup.is_none());
    let state = app.palmares_state.clone().unwrap_or_default();
    assert!(state.ends_with("incomplete · rules kept"), "{state}");
}

#[test]
fn the_rules_form_applies_a_preset_and_refuses_a_word_it_does_not_know() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('L')]);
    insta::assert_snapshot!("rules_form", screen(&app, 120, 36));
    type_and_submit(&mut app, "oscars");
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("a refused preset keeps the form open");
    };
    let error = form.fields[0].error.clone().unwrap_or_default();
    assert!(
        error.contains("plain, cannes, berlinale, venice"),
        "{error}"
    );
    press(&mut app, &[ctrl('u')]);
    type_and_submit(&mut app, "venice");
    assert!(app.popup.is_none(), "{:?}", app.message);
    let rules = app.desk.edition("fajr-43").expect("fajr-43").rules;
    assert!(rules.one_prize_per_film);
    assert_eq!(rules.max_shared_prizes, Some(0));
    // The story film holds three prizes: under one prize per film, that breaks the rule.
    let state = app.palmares_state.clone().unwrap_or_default();
    assert!(state.contains("⚠ 1 broken"), "{state}");
}

#[test]
fn award_leaders_as_bar_charts_by_film_then_person_then_country() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('W')]);
    insta::assert_snapshot!("award_leaders_by_film", screen(&app, 120, 36));
    press(&mut app, &[ch('W')]);
    assert!(matches!(
        app.popup,
        Some(Popup::Stats {
            by: jurydesk::desk::StatsBy::Person,
            ..
        })
    ));
    press(&mut app, &[ch('W'), ch('W')]);
    assert!(matches!(
        app.popup,
        Some(Popup::Stats {
            by: jurydesk::desk::StatsBy::Film,
            ..
        })
    ));
    for (w, h) in [(20, 5), (1, 1), (400, 120)] {
        draw(&app, w, h);
    }
}

// ---------------------------------------------------------------------------------------------
// A newcomer's first steps (the keyboard-only walk of issue 3)
// ---------------------------------------------------------------------------------------------

/// From an empty store, a festival of one's own and its first edition, with the keys alone: `A` on
/// the welcome screen, then the edition's form follows, and the desk lands on the new edition.
#[test]
fn a_festival_of_ones_own_from_the_welcome_screen_to_its_first_edition() {
    let (_dir, mut app) = empty_app(110, 30);
    assert!(screen(&app, 110, 30).contains("press A to add your own festival"));
    press(&mut app, &[ch('A')]);
    assert!(matches!(app.popup, Some(Popup::Form(_))), "A opens a form");
    type_text(&mut app, "cannes");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_and_submit(&mut app, "Festival de Cannes");
    // The festival alone would show nowhere: the edition's form follows, its festival filled in.
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("no edition form after the festival: {:?}", app.message);
    };
    assert_eq!(form.value("Festival"), "cannes");
    assert_eq!(form.focused().map(|f| f.label), Some("Number"));
    assert!(!app.welcome);
    type_and_submit(&mut app, "78");
    assert!(app.popup.is_none(), "{:?}", app.message);
    assert_eq!(edition_code(&app), Some("cannes-78"));
    assert_eq!(app.focus, Pane::Editions);
    assert!(
        screen(&app, 110, 30).contains("No submissions in this edition yet: a adds one"),
        "the empty pane says which key fills it"
    );
}

/// A festival whose edition form was put off (Esc) still gets one: `a` in the editions pane offers
/// the festival as a field. And a new edition of a festival in view is selected once added.
#[test]
fn an_edition_put_off_can_be_added_later_and_is_selected_once_added() {
    let (_dir, mut app) = demo_app(110, 30);
    press(&mut app, &[ch('A')]);
    type_text(&mut app, "cannes");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_and_submit(&mut app, "Festival de Cannes");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.popup.is_none());
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('a')]);
    // Replace the prefilled festival (fajr) with the one that has no edition yet.
    press(&mut app, &[key(KeyCode::BackTab), ctrl('u')]);
    type_text(&mut app, "cannes");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_and_submit(&mut app, "1");
    assert_eq!(edition_code(&app), Some("cannes-1"), "{:?}", app.message);

    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('a')]);
    type_and_submit(&mut app, "44");
    assert_eq!(edition_code(&app), Some("fajr-44"), "{:?}", app.message);
}

/// The welcome screen and the empty panes name the keys in force, so a rebinding in the settings
/// file is what they say.
#[test]
fn the_welcome_screen_names_the_keys_in_force() {
    let settings = jurydesk::tui::settings::Settings::parse(
        "[keys]\nload-demo = \"D\"\nadd-festival = \"F2\"\n",
        "settings.toml",
    )
    .expect("valid settings");
    let (_dir, mut app) = empty_app(120, 30);
    app.keymap = settings.keymap;
    let text = screen(&app, 120, 30);
    assert!(text.contains("Press D to load the demo"), "{text}");
    assert!(text.contains("press F2 to add your own festival"), "{text}");
    press(&mut app, &[ch('D')]);
    assert!(!app.welcome, "the rebound key loads the demo");
}

/// The settings file's colours reach every view, not only the panes: the help's border (warning) and
/// its keys (accent) included. Before, only the focused pane's border and the selected row changed.
#[test]
fn the_settings_colours_reach_the_popups_too() {
    use ratatui::style::Color;
    let settings = jurydesk::tui::settings::Settings::parse(
        "[colours]\naccent = \"magenta\"\nwarning = \"red\"\nselection = \"green\"\n",
        "settings.toml",
    )
    .expect("valid settings");
    let (_dir, mut app) = demo_app(120, 30);
    app.colours = settings.colours;
    let colours_on_screen = |app: &App| {
        let terminal = draw(app, 120, 30);
        let buffer = terminal.backend().buffer().clone();
        let fg: Vec<Color> = buffer.content.iter().map(|c| c.fg).collect();
        let bg: Vec<Color> = buffer.content.iter().map(|c| c.bg).collect();
        (fg, bg)
    };
    let (fg, bg) = colours_on_screen(&app);
    assert!(fg.contains(&Color::Magenta), "the focused pane's border");
    assert!(bg.contains(&Color::Green), "the selected row");
    for popup in [ch('?'), ch('o'), ch('P')] {
        press(&mut app, &[popup]);
        let (fg, bg) = colours_on_screen(&app);
        assert!(fg.contains(&Color::Red), "{popup:?}: the popup's border");
        assert!(
            !fg.contains(&Color::Yellow) && !fg.contains(&Color::Cyan),
            "{popup:?}: a default colour is left"
        );
        assert!(!bg.contains(&Color::Cyan), "{popup:?}");
        press(&mut app, &[key(KeyCode::Esc)]);
    }
    press(&mut app, &[ch('?')]);
    assert!(
        colours_on_screen(&app).0.contains(&Color::Magenta),
        "the help's keys"
    );
}

/// A complete palmarès says "may be finalized (F)", an incomplete one what is missing: F works from
/// there either way (with a reason when it is incomplete), a finalized one says "finalized", and the
/// sheet's other next steps (rules, reopen, award leaders) and its keys are in the help under their own
/// heading.
#[test]
fn the_palmares_keys_work_where_the_palmares_names_them() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "basirah-1");
    press(&mut app, &[ch('P')]);
    assert!(screen(&app, 120, 36).contains("may be finalized (F)"));
    press(&mut app, &[key(KeyCode::Esc)]);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('P')]);
    let sheet = screen(&app, 120, 36);
    assert!(sheet.contains("Incomplete (11):"), "{sheet}");
    assert!(sheet.contains("Best Film has no award yet"), "{sheet}");
    assert!(!sheet.contains("may be finalized"), "{sheet}");
    press(&mut app, &[ch('F')]);
    let Some(Popup::Form(form)) = &app.popup else {
        panic!(
            "F in the palmarès opens the finalize form: {:?}",
            app.message
        );
    };
    assert!(form.title.starts_with("Finalize fajr-43"), "{}", form.title);
    type_and_submit(&mut app, "the festival announced only three prizes");
    assert!(
        app.palmares_state
            .as_deref()
            .is_some_and(|s| s.starts_with("finalized")),
        "{:?}",
        app.palmares_state
    );
    press(&mut app, &[ch('P')]);
    let mut sheet = String::new();
    for _ in 0..5 {
        sheet.push_str(&screen(&app, 120, 36));
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    assert!(sheet.contains("Finalized, overriding 11 items"), "{sheet}");
    assert!(!sheet.contains("may be finalized"), "{sheet}");
    press(&mut app, &[key(KeyCode::Esc)]);

    press(&mut app, &[ch('P'), ch('R')]);
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "R reopens from there"
    );
    press(&mut app, &[key(KeyCode::Esc), ch('P'), ch('L')]);
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "L sets the rules from there"
    );
    press(&mut app, &[key(KeyCode::Esc), ch('P'), ch('W')]);
    assert!(
        matches!(app.popup, Some(Popup::Stats { .. })),
        "W: the leaders"
    );
    press(&mut app, &[key(KeyCode::Esc), ch('P'), ch('?')]);
    let mut help = String::new();
    for _ in 0..40 {
        help.push_str(&screen(&app, 120, 36));
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    assert!(help.contains("In the palmarès"), "{help}");
}

/// The text inside the help popup on one row of a 120-column screen (the popup is 100 wide, centred;
/// the snapshot lines are quoted, hence the one more column).
fn inside_the_help(line: &str) -> String {
    line.chars().skip(12).take(98).collect()
}

/// A long description in the help wraps under its own column, not back under the keys; on a narrow
/// screen it goes below its key, indented. The overview counts in the singular when it is one.
#[test]
fn the_help_wraps_descriptions_under_their_column() {
    let (_dir, mut app) = demo_app(120, 30);
    press(&mut app, &[ch('?')]);
    let mut help = String::new();
    for _ in 0..40 {
        help.push_str(&screen(&app, 120, 30));
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    let continued = help
        .lines()
        .map(inside_the_help)
        .find(|inside| inside.trim_start().starts_with("log`)"))
        .unwrap_or_else(|| {
            panic!("the undo description goes on over two lines at this width: {help}")
        });
    assert!(
        continued.starts_with(&" ".repeat(20)),
        "a continued description starts under its column: {continued:?}"
    );
    for line in help.lines() {
        let inside = inside_the_help(line);
        assert!(
            !inside.starts_with("log`)") && !inside.starts_with("status: section"),
            "a description ran back under the keys: {line:?}"
        );
    }

    let (_dir, mut narrow) = demo_app(40, 12);
    press(&mut narrow, &[ch('?'), key(KeyCode::PageDown)]);
    let text = screen(&narrow, 40, 12);
    assert!(
        text.contains("│  "),
        "descriptions indented below their key: {text}"
    );

    let (_dir, mut one) = empty_app(110, 30);
    press(&mut one, &[ch('A')]);
    type_text(&mut one, "solo");
    press(&mut one, &[key(KeyCode::Tab)]);
    type_and_submit(&mut one, "Solo");
    type_and_submit(&mut one, "1");
    press(&mut one, &[ch('2'), ch('a')]);
    type_and_submit(&mut one, "Only Film");
    press(&mut one, &[ch('1'), ch('o')]);
    let text = screen(&one, 110, 30);
    assert!(
        text.contains("1 submission ") && !text.contains("1 submissions"),
        "{text}"
    );
    assert!(
        !text.contains("· overview"),
        "the title says overview once: {text}"
    );
}

/// A new submission is selected once added, wherever the order puts it, so the secretary sees it;
/// a search that hides it says so.
#[test]
fn a_new_submission_is_selected_once_added() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    // By title, descending: a new "Aaa…" film goes to the very bottom, far from the first row.
    press(&mut app, &[ch('2'), ch('s'), ch('S'), ch('g'), ch('a')]);
    type_and_submit(&mut app, "Aaa First of All");
    assert_eq!(
        app.selected_submission().map(|r| r.title()),
        Some("Aaa First of All"),
        "{:?}",
        app.message
    );
    press(&mut app, &[ch('/')]);
    type_text(&mut app, "zzzz");
    press(&mut app, &[key(KeyCode::Enter), ch('a')]);
    type_and_submit(&mut app, "Hidden One");
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("the search hides it"),
        "{:?}",
        app.message
    );
}

/// A festival without an edition: the editions pane says how to add one, and the other panes do not
/// offer to add to an edition that is not there.
#[test]
fn a_festival_without_editions_says_how_to_give_it_one() {
    let (_dir, mut app) = empty_app(120, 30);
    press(&mut app, &[ch('A')]);
    type_text(&mut app, "solo");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_and_submit(&mut app, "Solo");
    press(&mut app, &[key(KeyCode::Esc)]);
    let text = screen(&app, 120, 30);
    assert!(text.contains("No editions yet: a adds"), "{text}");
    assert!(!text.contains("adds a category"), "{text}");
    press(&mut app, &[ch('a')]);
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("a opens the edition form");
    };
    assert_eq!(form.focused().map(|f| f.label), Some("Festival"));
}

// ---------------------------------------------------------------------------------------------
// Search in every pane (`/`), and the nominations selection across an undo
// ---------------------------------------------------------------------------------------------

fn editions_title_count(app: &App) -> (usize, usize) {
    (app.editions.len(), app.all_editions.len())
}

#[test]
fn slash_in_the_editions_pane_narrows_the_editions_and_esc_brings_them_back() {
    let (_dir, mut app) = demo_app(120, 24);
    let all = app.editions.len();
    assert!(all >= 3, "the demo has several editions");
    press(&mut app, &[ch('1'), ch('/')]);
    assert_eq!(app.focus, Pane::Editions, "/ searches the focused pane");
    type_text(&mut app, "FAJR");
    let fajr = app.editions.len();
    assert!(fajr >= 1 && fajr < all, "{fajr} of {all}");
    assert!(
        app.editions
            .iter()
            .all(|v| v.festival.name.contains("Fajr")),
        "only Fajr's editions: {:?}",
        app.editions
            .iter()
            .map(|v| &v.edition.code)
            .collect::<Vec<_>>()
    );
    let text = screen(&app, 120, 24);
    assert!(
        text.contains(&format!("Editions  {fajr} of {all}")),
        "{text}"
    );
    assert!(
        text.contains(" /FAJR "),
        "the status line shows the query: {text}"
    );
    insta::assert_snapshot!("editions_search_120x24", text);
    // The other panes follow the edition on view; Enter keeps the search, and keys act on its rows.
    assert_eq!(
        app.selected_edition().map(|v| v.festival.name.as_str()),
        Some("Fajr Film Festival")
    );
    press(
        &mut app,
        &[key(KeyCode::Enter), ch('G'), key(KeyCode::Enter)],
    );
    assert!(matches!(app.popup, Some(Popup::Edition { .. })));
    assert!(app.editions_pos.selected < app.editions.len());
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.editions.len(), fajr, "Esc closes the popup first");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(
        editions_title_count(&app),
        (all, all),
        "then clears the search"
    );
    let text = screen(&app, 120, 24);
    assert!(
        text.contains(&format!("Editions  {all} ")) && !text.contains("Editions  {all} of"),
        "no count without a search: {text}"
    );

    // By year and by place, on folded text; nothing matching says how to clear it.
    press(&mut app, &[ch('/')]);
    type_text(&mut app, "iraq");
    assert!(
        app.editions
            .iter()
            .all(|v| v.edition.place.contains("Iraq"))
            && !app.editions.is_empty()
    );
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_text(&mut app, "2025");
    assert_eq!(app.editions.len(), all, "every demo edition is of 2025");
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_text(&mut app, "zzzz");
    assert!(app.editions.is_empty());
    assert!(app.submissions.is_empty() && app.nomination_rows.is_empty());
    let text = screen(&app, 120, 24);
    assert!(
        text.contains("Nothing matches the") && text.contains("search (Esc clears it)"),
        "{text}"
    );
    press(&mut app, &[key(KeyCode::Backspace); 4]);
    assert_eq!(
        app.editions.len(),
        all,
        "erasing the query brings them back"
    );
}

#[test]
fn slash_in_the_nominations_pane_narrows_categories_nominees_and_jurors() {
    let (_dir, mut app) = demo_app(120, 40);
    select_edition(&mut app, "riff-18");
    let all_rows = app.nomination_rows.len();
    press(&mut app, &[ch('3'), ch('/')]);
    type_text(&mut app, "director");
    let rows = app.nomination_rows.clone();
    assert!(!rows.is_empty() && rows.len() < all_rows);
    let director = app.selected_category().expect("a category row first");
    assert_eq!(director.category.name, "Best Director");
    // The category with all its nominees, nothing else.
    assert_eq!(rows.len(), 1 + director.nominees.len(), "{rows:?}");
    let text = screen(&app, 120, 40);
    assert!(
        text.contains(&format!("Nominations  {} of ", rows.len())) && text.contains("/director"),
        "{text}"
    );
    insta::assert_snapshot!("nominations_search_120x40", text);

    // A juror by name, with the jury's heading above; the selection stays inside the rows.
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_text(&mut app, "noor");
    press(&mut app, &[key(KeyCode::Enter), ch('G')]);
    assert_eq!(app.nomination_rows.len(), 2, "{:?}", app.nomination_rows);
    assert_eq!(
        app.selected_juror().map(|j| j.name.as_str()),
        Some("Noor Hassan")
    );
    // `e` edits the row on view, and the saved edit keeps the search in force.
    press(&mut app, &[ch('e')]);
    assert!(
        open_form(&app).title.contains("juror"),
        "{}",
        open_form(&app).title
    );
    retype(&mut app, "Name", "Noor Hassan Ali");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none(), "{:?}", app.message);
    assert_eq!(
        app.nomination_rows.len(),
        2,
        "the search survives the change"
    );
    assert_eq!(
        app.selected_juror().map(|j| j.name.as_str()),
        Some("Noor Hassan Ali")
    );
    press(&mut app, &[ch('u')]);
    assert_eq!(app.nomination_rows.len(), 2, "and the undo");
    assert!(screen(&app, 120, 40).contains("/noor"));
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.nomination_rows.len(), all_rows, "Esc clears it");
}

#[test]
fn a_persian_name_is_found_from_arabic_letters_in_the_nominations_pane() {
    let (_dir, mut app) = demo_app(120, 40);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('J')]);
    type_and_submit(&mut app, "عباس کیارستمی");
    assert!(app.popup.is_none(), "{:?}", app.message);
    press(&mut app, &[ch('3'), ch('/')]);
    // Arabic kaf and yeh for the Persian ones the name was entered with.
    type_text(&mut app, "كيارستمي");
    assert_eq!(app.nomination_rows.len(), 2, "{:?}", app.nomination_rows);
    press(&mut app, &[key(KeyCode::Enter), ch('G')]);
    assert_eq!(
        app.selected_juror().map(|j| j.name.as_str()),
        Some("عباس کیارستمی")
    );
    assert!(screen(&app, 120, 40).contains("Nominations  1 of "));
}

#[test]
fn a_new_category_or_juror_is_selected_once_added_unless_the_search_hides_it() {
    let (_dir, mut app) = demo_app(120, 40);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('3'), ch('g'), ch('a')]);
    type_and_submit(&mut app, "Best Sound");
    assert_eq!(
        app.selected_category().map(|c| c.category.name.as_str()),
        Some("Best Sound"),
        "{:?}",
        app.message
    );
    press(&mut app, &[ch('g'), ch('J')]);
    type_and_submit(&mut app, "Nadia Example");
    assert_eq!(app.focus, Pane::Nominations);
    assert_eq!(
        app.selected_juror().map(|j| j.name.as_str()),
        Some("Nadia Example"),
        "{:?}",
        app.message
    );
    assert!(!app.message.as_deref().unwrap_or("").contains("hides"));

    press(&mut app, &[ch('/')]);
    type_text(&mut app, "zzzz");
    press(&mut app, &[key(KeyCode::Enter), ch('J')]);
    type_and_submit(&mut app, "Hidden Juror");
    let said = app.message.as_deref().unwrap_or("");
    assert!(said.contains("added juror"), "{said}");
    assert!(said.contains("the search hides it"), "{said}");
}

#[test]
fn undo_keeps_the_nominations_selection_on_the_same_row() {
    let (_dir, mut app) = demo_app(120, 40);
    select_edition(&mut app, "riff-18");
    // A new category goes above the jury: every juror's row moves down one.
    press(&mut app, &[ch('3'), ch('g'), ch('a')]);
    type_and_submit(&mut app, "Best Sound");
    assert!(app.popup.is_none(), "{:?}", app.message);
    let juror = app.jurors[0].name.clone();
    select_juror(&mut app, &juror);
    let before = app.categories_pos.selected;
    press(&mut app, &[ch('u')]);
    assert!(message(&app).starts_with("undid"), "{:?}", app.message);
    assert_eq!(
        app.selected_juror().map(|j| j.name.clone()),
        Some(juror),
        "the same juror, one row up"
    );
    assert_eq!(app.categories_pos.selected, before - 1);

    // The selected row itself undone: the nearest row takes the selection.
    press(&mut app, &[ch('g'), ch('a')]);
    type_and_submit(&mut app, "Best Sound");
    select_category(&mut app, "Best Sound");
    let at = app.categories_pos.selected;
    press(&mut app, &[ch('u')]);
    assert!(
        app.selected_category()
            .is_none_or(|c| c.category.name != "Best Sound")
    );
    assert_eq!(
        app.categories_pos.selected,
        at.min(app.nomination_rows.len() - 1)
    );
}
