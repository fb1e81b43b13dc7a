//! Names in two scripts (issue 18 item 10) on the desk: `/` finds a film by its director's Persian
//! name (folded: Arabic letters typed), and the record shows each name beside its original.

use super::*;
use crate::common::find;

/// An edition with the Iranian list's Baran and On the Comet, entered with their Persian names.
fn iran_app(width: u16, height: u16) -> (TestStore, App) {
    let store = TestStore::with_one_edition("iran", "Iranian films");
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "iran-1",
        "--title",
        "Baran",
        "--original-title",
        "باران",
        "--alias",
        "Hamsay-e khoda",
        "--director",
        "Majid Majidi",
        "--original-director",
        "مجید مجیدی",
        "--cast",
        "Hossein Abedini",
        "--cast",
        "Zahra Bahrami",
        "--original-cast",
        "",
        "--original-cast",
        "زهرا بهرامی",
        "--year",
        "2001",
    ]);
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "iran-1",
        "--title",
        "On the Comet",
        "--director",
        "Karel Zeman",
        "--director",
        "Jan Procházka",
        "--original-director",
        "کارل زمان",
        "--year",
        "1970",
    ]);
    let mut app = app_over(&store, width, height);
    select_edition(&mut app, "iran-1");
    (store, app)
}

#[test]
fn slash_finds_a_film_by_its_director_s_persian_name_and_the_record_shows_both() {
    let (_store, mut app) = iran_app(100, 24);
    press(&mut app, &[ch('2'), ch('/')]);
    // Typed with Arabic yeh: the film stores the Persian ی.
    type_keys(&mut app, "مجيدي");
    let text = screen_at(&app, 100, 24);
    assert!(text.contains("1 of 2"), "{text}");
    assert!(text.contains("Baran"), "{text}");
    press(&mut app, &[key(KeyCode::Enter), key(KeyCode::Enter)]);
    let text = screen_at(&app, 100, 24);
    assert!(text.contains("Majid Majidi (مجید مجیدی)"), "{text}");
    assert!(
        text.contains("Hossein Abedini, Zahra Bahrami (زهرا بهرامی)"),
        "{text}"
    );
    assert!(text.contains("Hamsay-e khoda"), "{text}");
    assert_screen!("record_names_in_two_scripts_100x24", text);
}

#[test]
fn a_missing_original_keeps_its_place_on_the_record() {
    let (_store, mut app) = iran_app(100, 24);
    press(&mut app, &[ch('2')]);
    select_submission(&mut app, "On the Comet");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen_at(&app, 100, 24);
    assert!(
        text.contains("Karel Zeman (کارل زمان), Jan Procházka"),
        "{text}"
    );
}

/// A film's other titles may hold commas ("Goodbye, Dragon Inn", Persian `،`); the edit form shows
/// a list joined by commas, and saving it untouched must give back the same titles. Before, `e` then
/// Enter split them: `Goodbye`, `Dragon Inn`, `جاده`, `نمک`.
#[test]
fn saving_the_form_untouched_keeps_titles_that_hold_commas() {
    let (store, app) = iran_app(100, 30);
    // The desk holds the store: the command line edits it before the desk opens again.
    drop(app);
    let aliases = |store: &TestStore| -> Vec<String> {
        let rows = store.submissions("iran-1", &[]);
        let baran = find(&rows, "Baran");
        serde_json::from_value(baran["aliases"].clone()).expect("aliases")
    };
    let id = find(&store.submissions("iran-1", &[]), "Baran")["id"].to_string();
    store.ok(&[
        "submission",
        "edit",
        &id,
        "--alias",
        "Goodbye, Dragon Inn",
        "--alias",
        "جاده، نمک",
    ]);
    let before = aliases(&store);
    assert_eq!(before, ["Goodbye, Dragon Inn", "جاده، نمک"]);
    let mut app = app_over(&store, 100, 30);
    select_edition(&mut app, "iran-1");
    press(&mut app, &[ch('2')]);
    select_submission(&mut app, "Baran");
    press(&mut app, &[ch('e'), key(KeyCode::Enter)]);
    assert!(
        app.message.as_deref().is_some_and(|m| m.contains("saved")),
        "{:?}",
        app.message
    );
    drop(app);
    assert_eq!(aliases(&store), before);
}
