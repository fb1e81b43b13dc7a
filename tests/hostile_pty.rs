//! Hostile data on the desk, end to end (docs/formats.md#bad-input): the real binary in a
//! pseudo-terminal, on a store holding every class of hostile title and name (and, written straight
//! into the store, raw escape sequences in a title, a director, the festival's name and a category's
//! name). The secretary browses, opens film records and searches; a terminal emulator (vt100) reads
//! what was drawn. Asserted after every step: the terminal was asked for nothing but drawing (no
//! window title, no clipboard, no bell), the stream holds no lone control and no screen clear after
//! the first frame, the title bar is the desk's, every pane's (and popup's) borders are whole on
//! every row, and the rows are where the layout put them.
#![cfg(unix)]
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;
mod hostile_fixtures;
mod hostile_terminal;

use std::ffi::OsStr;
use std::path::Path;

use common::pty::PtySession;
use jurydesk::text::is_bidi_control;

const ROWS: u16 = 32;
const COLS: u16 = 110;
/// Erase in display, as a hostile `ESC [2J` would send it.
const CLEAR_SCREEN: &[u8] = b"\x1b[2J";

/// `jurydesk ARGS` in the pseudo-terminal, with a private config directory.
fn spawn(args: &[&OsStr], config: &Path) -> PtySession {
    PtySession::spawn(
        ROWS,
        COLS,
        args,
        &[
            ("XDG_CONFIG_HOME", config.as_os_str()),
            ("HOME", config.as_os_str()),
        ],
    )
}

/// The desk on the store at `db`.
fn start(db: &Path, config: &Path) -> PtySession {
    spawn(&[OsStr::new("--db"), db.as_os_str()], config)
}

/// The terminal as it is now, having read everything the desk wrote, with the events it was asked
/// for besides drawing.
fn terminal(desk: &PtySession) -> vt100::Parser<hostile_terminal::Events> {
    let mut terminal = hostile_terminal::terminal(desk.rows(), desk.cols());
    terminal.process(&desk.raw());
    terminal
}

/// Waits until `text` is on the screen; returns the terminal.
fn wait_for(desk: &PtySession, text: &str) -> vt100::Parser<hostile_terminal::Events> {
    desk.wait_for(text);
    terminal(desk)
}

/// A screen's rows as text, one string per row, each exactly `COLS` cells (a wide character's
/// second cell is an empty string in vt100 and is counted here as itself).
fn rows(screen: &vt100::Screen) -> Vec<Vec<String>> {
    (0..ROWS)
        .map(|r| {
            (0..COLS)
                .map(|c| {
                    screen
                        .cell(r, c)
                        .map_or_else(String::new, |cell| cell.contents().to_string())
                })
                .collect()
        })
        .collect()
}

const VERTICAL: &[&str] = &["│", "┃"];
const TOP_LEFT: &[&str] = &["┌", "┏"];
const TOP_RIGHT: &[&str] = &["┐", "┓"];
const BOTTOM_LEFT: &[&str] = &["└", "┗"];
const BOTTOM_RIGHT: &[&str] = &["┘", "┛"];

/// A box drawn on the screen: its corners' rows and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Frame {
    top: usize,
    bottom: usize,
    left: usize,
    right: usize,
}

/// The boxes whose top-left corner is on `row`: each from a top-left corner to the next top-right
/// corner on that row, down to the bottom-left corner under it.
fn frames_from(cells: &[Vec<String>], row: usize) -> Vec<Frame> {
    let mut frames = Vec::new();
    let line = &cells[row];
    for left in 0..line.len() {
        if !TOP_LEFT.contains(&line[left].as_str()) {
            continue;
        }
        let Some(right) = (left + 1..line.len()).find(|&c| TOP_RIGHT.contains(&line[c].as_str()))
        else {
            continue;
        };
        let Some(bottom) =
            (row + 1..cells.len()).find(|&r| BOTTOM_LEFT.contains(&cells[r][left].as_str()))
        else {
            continue;
        };
        frames.push(Frame {
            top: row,
            bottom,
            left,
            right,
        });
    }
    frames
}

/// Every row of `frame` has its left and right border, and its bottom-right corner is in place.
fn assert_whole(cells: &[Vec<String>], frame: Frame, what: &str, screen: &str) {
    for (row, line) in cells
        .iter()
        .enumerate()
        .take(frame.bottom)
        .skip(frame.top + 1)
    {
        for col in [frame.left, frame.right] {
            assert!(
                VERTICAL.contains(&line[col].as_str()),
                "{what}: the border at row {row}, column {col} is {:?}; the screen:\n{screen}",
                line[col]
            );
        }
    }
    assert!(
        BOTTOM_RIGHT.contains(&cells[frame.bottom][frame.right].as_str()),
        "{what}: the bottom-right corner is {:?}; the screen:\n{screen}",
        cells[frame.bottom][frame.right]
    );
}

/// What must hold after every step.
fn assert_intact(desk: &PtySession, step: &str) -> vt100::Parser<hostile_terminal::Events> {
    desk.settle();
    let terminal = terminal(desk);
    let screen = terminal.screen().contents();
    let events = terminal.callbacks();
    assert!(
        events.only_drawing(),
        "{step}: the terminal was asked for more than drawing: {events:?}"
    );
    assert!(
        events.unhandled.iter().all(|e| !e.starts_with("char")),
        "{step}: the terminal was sent characters it cannot draw: {:?}",
        events.unhandled
    );
    let raw = desk.raw();
    let lone = hostile_terminal::lone_controls(&raw);
    assert!(
        lone.is_empty(),
        "{step}: lone controls in the stream: {lone:?}"
    );
    assert!(
        !raw.windows(2).any(|w| w == b"\x1b]"),
        "{step}: an operating-system command was sent"
    );
    let text = String::from_utf8_lossy(&raw);
    let bidi: Vec<char> = text.chars().filter(|&c| is_bidi_control(c)).collect();
    assert!(bidi.is_empty(), "{step}: bidi controls were sent: {bidi:?}");
    let clears = raw
        .windows(CLEAR_SCREEN.len())
        .filter(|w| *w == CLEAR_SCREEN)
        .count();
    assert!(
        clears <= 1,
        "{step}: the screen was cleared {clears} times (once is the desk starting)"
    );

    let cells = rows(terminal.screen());
    let title: String = cells[0].concat();
    assert!(
        title.starts_with(" jurydesk · Hostile␛]0;pwned␇Fest · 1st edition · 2025"),
        "{step}: the title bar is {title:?}"
    );
    let panes = frames_from(&cells, 1);
    assert!(
        !panes.is_empty(),
        "{step}: no pane starts under the title bar; the screen:\n{screen}"
    );
    for pane in &panes {
        assert_eq!(pane.bottom, usize::from(ROWS) - 2, "{step}: {pane:?}");
        assert_whole(&cells, *pane, step, &screen);
    }
    for row in 2..usize::from(ROWS) - 2 {
        for popup in frames_from(&cells, row) {
            assert_whole(&cells, popup, &format!("{step} (popup)"), &screen);
        }
    }
    // The title and status bars are drawn reversed, across the whole width.
    for bar in [0, ROWS - 1] {
        let plain: Vec<u16> = (0..COLS)
            .filter(|&c| {
                terminal
                    .screen()
                    .cell(bar, c)
                    .is_some_and(|cell| !cell.inverse())
            })
            .collect();
        assert!(
            plain.is_empty(),
            "{step}: row {bar} is not reversed at columns {plain:?}; the screen:\n{screen}"
        );
    }
    terminal
}

/// The rows of the submissions pane that show a submission.
fn submission_rows(screen: &str) -> usize {
    screen
        .lines()
        .filter(|l| l.contains("received") || l.contains("selected"))
        .count()
}

fn dirs() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let config = dir.path().join("config");
    std::fs::create_dir_all(config.join("jurydesk")).expect("a config directory");
    (dir, config)
}

/// Browses, opens records and searches on the hostile store, checking the terminal at every step.
/// `reorders`: the settings have jurydesk put right-to-left text in visual order.
fn browse(config: &Path, reorders: bool) {
    let store = hostile_fixtures::raw_store();
    let total = store.submissions("hx-1", &[]).len();
    let mut desk = start(&store.path(), config);
    wait_for(&desk, "Submissions");
    assert_intact(&desk, "opened");

    desk.press("2");
    let terminal = assert_intact(&desk, "the submissions pane");
    let screen = terminal.screen().contents();
    assert_eq!(
        submission_rows(&screen),
        total,
        "one row per submission:\n{screen}"
    );
    assert!(screen.contains("Raw␛]0;pwned␇␛[2J␛31…"), "{screen}");
    // Drawn as measured: the terminal's cells hold the text where the layout put it (a family
    // emoji the terminal drew six cells wide would have been overwritten by the next column).
    assert!(
        screen.contains("  紙灯籠 🎞\u{FE0F} 👨👩👧 👍…  是枝裕和"),
        "{screen}"
    );
    // In memory order for a terminal that reorders right-to-left text itself; in visual order
    // (reversed in memory) when jurydesk does.
    let persian = if reorders {
        "  نییاپ و الاب          هلال یلع"
    } else {
        "  بالا و پایین          علی لاله"
    };
    assert!(screen.contains(persian), "{screen}");
    for step in 0..total {
        desk.press("j");
        assert_intact(&desk, &format!("moved down {}", step + 1));
    }
    desk.press("g");

    for (query, shown) in [
        ("raw", "Raw␛]0;pwned␇␛[2J␛31mTitle␀␡"),
        ("zalgo", "Norway"),
        ("festival", "紙灯籠"),
        ("reversed", "Isolated Name"),
        ("tttttttt", "TTTTTTTTTTTTTTTTTTTT"),
        ("carriage", "Carriage ReturnBack TabNul"),
    ] {
        desk.press("/");
        desk.press(query);
        wait_for(&desk, &format!(" 1 of {total}"));
        assert_intact(&desk, &format!("searched {query:?}"));
        desk.press("\r");
        desk.press("\r");
        wait_for(&desk, "Film record");
        let terminal = assert_intact(&desk, &format!("the record found by {query:?}"));
        assert!(
            terminal.screen().contents().contains(shown),
            "the record found by {query:?} shows {shown:?}:\n{}",
            terminal.screen().contents()
        );
        for _ in 0..3 {
            desk.press("j");
        }
        assert_intact(&desk, &format!("scrolled the record found by {query:?}"));
        desk.press("\x1b");
        desk.press("\x1b");
        assert_intact(&desk, &format!("closed the record found by {query:?}"));
    }
    desk.press("3");
    let terminal = assert_intact(&desk, "the nominations pane");
    assert!(
        terminal.screen().contents().contains("Best␛[2J␈␈Fi"),
        "{}",
        terminal.screen().contents()
    );
    desk.press("q");
    assert_eq!(desk.wait_exit(), 0);
}

#[test]
fn hostile_titles_and_names_neither_drive_the_terminal_nor_break_the_layout() {
    let (_dir, config) = dirs();
    browse(&config, false);
}

#[test]
fn the_same_when_jurydesk_reorders_right_to_left_text() {
    let (_dir, config) = dirs();
    std::fs::write(
        config.join("jurydesk/settings.toml"),
        "rtl = \"jurydesk\"\n",
    )
    .expect("the settings");
    browse(&config, true);
}

/// A command-line error quoting a hostile argument, printed to a terminal: clap's usage errors and
/// jurydesk's own both show the argument without the terminal obeying it.
#[test]
fn errors_quoting_a_hostile_argument_do_not_drive_the_terminal() {
    let (_dir, config) = dirs();
    let store = common::TestStore::with_demo();
    let db = store.path();
    let hostile = "x\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202E}";
    for (args, code) in [
        (
            vec![
                "list",
                "submissions",
                "--edition",
                "riff-18",
                "--limit",
                hostile,
            ],
            2,
        ),
        (vec!["list", "submissions", "--edition", hostile], 1),
        (vec![hostile], 2),
    ] {
        let mut all: Vec<&OsStr> = vec![OsStr::new("--db"), db.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        let mut run = spawn(&all, &config);
        assert_eq!(run.wait_exit(), code, "{args:?}");
        let raw = run.raw();
        let terminal = terminal(&run);
        assert!(
            terminal.callbacks().only_drawing(),
            "{args:?}: {:?}",
            terminal.callbacks()
        );
        let text = String::from_utf8_lossy(&raw);
        assert!(
            !text.contains("\u{1b}]") && !text.contains("\u{1b}[2J") && !text.contains('\u{9b}'),
            "{args:?} printed the sequence as typed: {text:?}"
        );
        assert!(!text.chars().any(is_bidi_control), "{args:?}: {text:?}");
        assert!(
            text.contains('x'),
            "{args:?}: the argument is quoted: {text:?}"
        );
    }
}
