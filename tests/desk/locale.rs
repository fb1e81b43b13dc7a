//! Issue 18 on the desk: a Persian edition's dates (item 1), Persian titles in Persian order (item 2),
//! and the submissions table on a wide terminal (item 6: more columns, the sort column shown and
//! marked, the cursor staying on its film across a new order).

use super::*;

/// The demo with its 43rd Fajr moved to the Persian calendar and given its dates, typed in Bahman.
fn demo_with_persian_fajr(width: u16, height: u16) -> (TestStore, App) {
    let store = TestStore::with_demo();
    store.edit_fajr_43(
        "persian",
        &[
            "--start",
            "۱۴۰۳-۱۱-۱۲",
            "--end",
            "۱۴۰۳-۱۱-۲۲",
            "--place",
            "Tehran",
        ],
    );
    let app = app_over(&store, width, height);
    (store, app)
}

#[test]
fn a_persian_edition_shows_its_dates_in_both_calendars() {
    let (_store, mut app) = demo_with_persian_fajr(120, 30);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.popup, Some(Popup::Edition { scroll: 0 }));
    let text = screen_at(&app, 120, 30);
    assert!(
        text.contains("2025-01-31 (1403-11-12 SH) – 2025-02-10 (1403-11-22 SH)"),
        "{text}"
    );
    assert!(text.contains("Solar Hijri"), "{text}");
    assert_screen!("edition_fajr_43_persian_120x30", text);
}

#[test]
fn the_wide_table_at_160_columns_shows_the_original_title_a_persian_search_matched() {
    let (_dir, mut app) = demo_app(160, 45);
    // Fajr 43: no screening round open there, whose columns would take the room (RIFF 18 has one).
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down), ch('2')]);
    press(&mut app, &[ch('/')]);
    type_keys(&mut app, "زمستان");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen_at(&app, 160, 45);
    assert!(text.contains("Original title"), "{text}");
    assert!(text.contains("هفت زمستان"), "{text}");
    assert_screen!("wide_table_persian_search_160x45", text);
}

#[test]
fn the_wide_table_at_200_columns_sorted_by_year_marks_its_column() {
    let (_dir, mut app) = demo_app(200, 50);
    press(&mut app, &[key(KeyCode::Down), key(KeyCode::Down), ch('2')]);
    // id → title → director → country → year, then the other direction.
    press(&mut app, &[ch('s'), ch('s'), ch('s'), ch('s'), ch('S')]);
    assert_eq!(app.submissions.sort, jurydesk::desk::SortKey::Year);
    let text = screen_at(&app, 200, 50);
    for header in ["Original title", "Year ↓", "Runtime", "Section", "Status"] {
        assert!(text.contains(header), "{header} missing:\n{text}");
    }
    assert_screen!("wide_table_by_year_200x50", text);
}

#[test]
fn the_sort_column_is_shown_and_marked_even_at_80_columns() {
    let (_dir, mut app) = demo_app(80, 24);
    press(&mut app, &[ch('2')]);
    press(&mut app, &[ch('s'), ch('s'), ch('s'), ch('s')]);
    assert_eq!(app.submissions.sort, jurydesk::desk::SortKey::Year);
    let text = screen_at(&app, 80, 24);
    assert!(text.contains("Year ↑"), "{text}");
}

#[test]
fn the_cursor_stays_on_its_film_after_a_sort() {
    let (_dir, mut app) = demo_app(160, 45);
    press(&mut app, &[ch('2')]);
    let title = |app: &App| app.selected_submission().map(|s| s.title().to_string());
    // The last row in id order, then every order in turn: the cursor follows the film.
    press(&mut app, &[ch('G')]);
    let film = title(&app).unwrap();
    let before = app.submissions_pos.selected;
    let mut moved = false;
    for _ in 0..8 {
        press(&mut app, &[ch('s')]);
        assert_eq!(
            title(&app).as_deref(),
            Some(film.as_str()),
            "{:?}",
            app.submissions.sort
        );
        moved |= app.submissions_pos.selected != before;
        press(&mut app, &[ch('S')]);
        assert_eq!(title(&app).as_deref(), Some(film.as_str()));
    }
    assert!(moved, "some order put {film} elsewhere");
}

#[test]
fn persian_titles_sort_in_persian_order_on_the_desk() {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "fajr", "--name", "Fajr"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "fajr",
        "--number",
        "43",
        "--year",
        "2025",
    ]);
    // In the order a Persian reader expects; added in another.
    let expected = [
        "باران",
        "پدر",
        "چهارشنبه",
        "زیر",
        "ژاله",
        "کلید",
        "گبه",
        "وحید",
        "هامون",
    ];
    for title in [
        "هامون",
        "گبه",
        "ژاله",
        "پدر",
        "وحید",
        "چهارشنبه",
        "باران",
        "کلید",
        "زیر",
    ] {
        store.ok(&[
            "submission",
            "add",
            "--edition",
            "fajr-43",
            "--title",
            title,
        ]);
    }
    let mut app = app_over(&store, 160, 45);
    press(&mut app, &[ch('2'), ch('s')]);
    assert_eq!(app.submissions.sort, jurydesk::desk::SortKey::Title);
    let shown: Vec<String> = (0..app.submissions.len())
        .map(|i| app.submissions.get(i).unwrap().title().to_string())
        .collect();
    assert_eq!(shown, expected);
}
