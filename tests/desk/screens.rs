//! Snapshots of the main screens, popups and small terminals.

use super::*;

#[test]
fn welcome_screen_on_an_empty_store() {
    let (_dir, app) = empty_app(120, 30);
    assert!(app.welcome);
    assert!(app.editions.is_empty());
    let text = screen_at(&app, 120, 30);
    assert!(text.contains("Welcome to jurydesk"));
    assert!(text.contains("Press d to load the demo"));
    assert_screen!("welcome_120x30", text);
}

#[test]
fn three_panes_with_the_demo_160x45() {
    let (_dir, mut app) = demo_app(160, 45);
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_eq!(app.focus, Pane::Submissions);
    assert_screen!("panes_demo_160x45", screen_at(&app, 160, 45));
}

#[test]
fn three_panes_with_the_demo_120x30() {
    let (_dir, mut app) = demo_app(120, 30);
    press(&mut app, &[ch('2')]);
    assert_eq!(app.focus, Pane::Submissions);
    assert_screen!("panes_demo_120x30", screen_at(&app, 120, 30));
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
    let text = screen_at(&app, 120, 45);
    assert!(text.contains("North from South West"));
    assert!(text.contains("(fajr-43, 2025)"), "{text}");
    assert!(text.contains("(basirah-1, 2025)"), "{text}");
    assert_screen!("record_north_from_south_west_120x45", text);
}

#[test]
fn edition_popup_of_riff_18_shows_the_baghdad_event() {
    let (_dir, mut app) = demo_app(120, 30);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.popup, Some(Popup::Edition { scroll: 0 }));
    let text = screen_at(&app, 120, 30);
    assert!(text.contains("International event in Baghdad"), "{text}");
    assert!(text.contains("Baghdad, Iraq"), "{text}");
    assert_screen!("edition_riff_18_120x30", text);
}

/// The rows inside the popup's border, cut from the screen by columns (the popup covers the panes,
/// whose text would otherwise run into it).
pub(crate) fn popup_rows(text: &str, width: u16, height: u16) -> Vec<String> {
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
pub(crate) fn help_names(app: &mut App, width: u16, height: u16) -> (Vec<String>, String) {
    app.resize(Size::new(width, height));
    press(app, &[ch('g')]);
    let mut names = Vec::new();
    let mut previous = String::new();
    for _ in 0..500 {
        let text = screen_at(app, width, height);
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
    (names, screen_at(app, width, height))
}

pub(crate) fn assert_help_lists_every_action(app: &mut App, width: u16, height: u16) {
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
    assert_screen!("help_120x30", screen_at(&app, 120, 30));

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
    let text = screen_at(&app, 60, 16);
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
    let top = screen_at(&app, 120, 12);
    press(&mut app, &[ch('G')]);
    let bottom = screen_at(&app, 120, 12);
    assert!(top != bottom, "the edition record is longer than 8 lines");
    press(&mut app, &[ch('k')]);
    let one_up = screen_at(&app, 120, 12);
    assert!(one_up != bottom, "k after G does not scroll up:\n{one_up}");
    press(
        &mut app,
        &[
            key(KeyCode::PageDown),
            key(KeyCode::PageDown),
            key(KeyCode::PageUp),
        ],
    );
    let page_up = screen_at(&app, 120, 12);
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
    let text = screen_at(&app, 100, 30);
    assert!(text.contains("load-demo"), "{text}");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.popup, None);
    assert!(app.welcome);
}

#[test]
fn tiny_terminal_20x5() {
    let (_dir, mut app) = demo_app(20, 5);
    assert_screen!("panes_demo_20x5", screen_at(&app, 20, 5));
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_screen!("panes_demo_20x5_submissions", screen_at(&app, 20, 5));
}

#[test]
fn narrow_terminal_60x20_shows_only_the_focused_pane() {
    let (_dir, mut app) = demo_app(60, 20);
    let text = screen_at(&app, 60, 20);
    assert!(text.contains("1 Editions"), "{text}");
    assert!(!text.contains("2 Submissions"), "{text}");
    assert_screen!("panes_demo_60x20_editions", text);

    press(&mut app, &[ch('2')]);
    let text = screen_at(&app, 60, 20);
    assert!(text.contains("2 Submissions"), "{text}");
    assert!(!text.contains("1 Editions"), "{text}");
    assert_screen!("panes_demo_60x20_submissions", text);
}

/// A FilmFreeway import keeps each extra column as a `Question: answer` line of the notes; the
/// record shows them one per line. Before, they ran together on one line: "Screener received.
/// Tracking Number: FFT-0001 Rating: 4.5 How did you hear about us?: …".
#[test]
fn record_popup_shows_imported_notes_one_per_line() {
    let store = TestStore::with_one_edition("ff", "FF Test");
    let export = common::fixture_file("filmfreeway/export_v2.csv");
    store.ok(&["import", "filmfreeway", &export, "--edition", "ff-1"]);
    let mut app = app_over(&store, 100, 40);
    select_submission(&mut app, "Children of the Rain");
    press(&mut app, &[ch('2'), key(KeyCode::Enter)]);
    let rows = screen_rows(&app);
    let notes = [
        "Screener received.",
        "Tracking Number: FFT-0001",
        "Rating: 4.5",
        "Is this a world premiere?: Yes",
    ];
    for note in notes {
        let row = rows.iter().find(|row| row.contains(note));
        let others = |row: &String| notes.iter().filter(|n| row.contains(*n)).count();
        assert_eq!(
            row.map(others),
            Some(1),
            "{note} on a line of its own:\n{}",
            rows.join("\n")
        );
    }
}
