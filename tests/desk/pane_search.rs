//! Search in every pane (`/`), and the nominations selection across an undo.

use super::*;

pub(crate) fn editions_title_count(app: &App) -> (usize, usize) {
    (app.editions.len(), app.all_editions.len())
}

#[test]
fn slash_in_the_editions_pane_narrows_the_editions_and_esc_brings_them_back() {
    let (_dir, mut app) = demo_app(120, 24);
    let all = app.editions.len();
    assert!(all >= 3, "the demo has several editions");
    press(&mut app, &[ch('1'), ch('/')]);
    assert_eq!(app.focus, Pane::Editions, "/ searches the focused pane");
    type_keys(&mut app, "FAJR");
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
    let text = screen_at(&app, 120, 24);
    assert!(
        text.contains(&format!("Editions  {fajr} of {all}")),
        "{text}"
    );
    assert!(
        text.contains(" /FAJR "),
        "the status line shows the query: {text}"
    );
    assert_screen!("editions_search_120x24", text);
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
    let text = screen_at(&app, 120, 24);
    assert!(
        text.contains(&format!("Editions  {all} ")) && !text.contains("Editions  {all} of"),
        "no count without a search: {text}"
    );

    // By year and by place, on folded text; nothing matching says how to clear it.
    press(&mut app, &[ch('/')]);
    type_keys(&mut app, "iraq");
    assert!(
        app.editions
            .iter()
            .all(|v| v.edition.place.contains("Iraq"))
            && !app.editions.is_empty()
    );
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_keys(&mut app, "2025");
    assert_eq!(app.editions.len(), all, "every demo edition is of 2025");
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_keys(&mut app, "zzzz");
    assert!(app.editions.is_empty());
    assert!(app.submissions.is_empty() && app.nomination_rows.is_empty());
    let text = screen_at(&app, 120, 24);
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
    type_keys(&mut app, "director");
    let rows = app.nomination_rows.clone();
    assert!(!rows.is_empty() && rows.len() < all_rows);
    let director = app.selected_category().expect("a category row first");
    assert_eq!(director.category.name, "Best Director");
    // The category with all its nominees, nothing else.
    assert_eq!(rows.len(), 1 + director.nominees.len(), "{rows:?}");
    let text = screen_at(&app, 120, 40);
    assert!(
        text.contains(&format!("Nominations  {} of ", rows.len())) && text.contains("/director"),
        "{text}"
    );
    assert_screen!("nominations_search_120x40", text);

    // A juror by name, with the jury's heading above; the selection stays inside the rows.
    press(&mut app, &[key(KeyCode::Esc), ch('/')]);
    type_keys(&mut app, "noor");
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
    assert!(screen_at(&app, 120, 40).contains("/noor"));
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
    type_keys(&mut app, "كيارستمي");
    assert_eq!(app.nomination_rows.len(), 2, "{:?}", app.nomination_rows);
    press(&mut app, &[key(KeyCode::Enter), ch('G')]);
    assert_eq!(
        app.selected_juror().map(|j| j.name.as_str()),
        Some("عباس کیارستمی")
    );
    assert!(screen_at(&app, 120, 40).contains("Nominations  1 of "));
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
    type_keys(&mut app, "zzzz");
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
