//! Search, scripts and the newer views: records, forms, palette, overview, deletion.

use super::*;

#[test]
fn search_with_arabic_letters_finds_a_persian_spelling_and_shows_the_count() {
    let (_dir, mut app) = demo_app(120, 20);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('2'), ch('/')]);
    // Arabic kaf and yeh: the demo stores "ذاكرة الزيتون"; typed with Persian letters.
    type_keys(&mut app, "ذاکره");
    let text = screen_at(&app, 120, 20);
    assert!(text.contains("1 of 10"), "{text}");
    assert!(text.contains("Olive Memory"), "{text}");
    assert_screen!("search_arabic_120x20", text);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(app.submissions.len(), 10, "Esc clears the search");
    assert!(
        !screen_at(&app, 120, 20).contains("of 10  /"),
        "nor is it in the title"
    );

    press(&mut app, &[ch('/')]);
    type_keys(&mut app, "country:iraq status:selected");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_eq!(app.submissions.len(), 1, "A House in Basra");
    assert!(
        !app.submissions.search.typing,
        "Enter keeps the search and leaves typing"
    );
    press(&mut app, &[ch('s'), ch('s')]);
    assert!(screen_at(&app, 120, 20).contains("↑director"));
}

#[test]
fn records_of_persian_and_cjk_titles() {
    let (_dir, mut app) = demo_app(100, 24);
    select_edition(&mut app, "riff-18");
    select_submission(&mut app, "Letters from the Front Line");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen_at(&app, 100, 24);
    assert!(
        text.contains("نامه\u{200c}هایی از خط مقدم"),
        "the ZWNJ is kept: {text}"
    );
    assert_screen!("record_persian_100x24", text);
    press(&mut app, &[key(KeyCode::Esc)]);
    select_submission(&mut app, "Paper Lanterns");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert_screen!("record_cjk_100x24", screen_at(&app, 100, 24));
}

#[test]
fn forms_palette_overview_and_menus() {
    let (_dir, mut app) = demo_app(110, 30);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('2'), ch('a')]);
    type_keys(&mut app, "بچه‌های آسمان");
    press(&mut app, &[key(KeyCode::Tab)]);
    assert_screen!("form_add_submission_110x30", screen_at(&app, 110, 30));
    // A bad year is refused at its field, and nothing is written. From the original title to the
    // year: aliases, directors and theirs, writers and theirs, producers, cast and theirs, countries,
    // languages.
    for _ in 0..11 {
        press(&mut app, &[key(KeyCode::Tab)]);
    }
    type_keys(&mut app, "1200");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen_at(&app, 110, 30);
    assert!(text.contains("plausible year"), "{text}");
    assert_eq!(app.submissions.total(), 10);
    press(&mut app, &[key(KeyCode::Esc)]);

    press(&mut app, &[ch(':')]);
    type_keys(&mut app, "tally");
    assert_screen!("palette_tally_110x30", screen_at(&app, 110, 30));
    press(&mut app, &[key(KeyCode::Esc)]);

    press(&mut app, &[ch('1'), ch('o')]);
    assert_screen!("overview_riff_18_110x30", screen_at(&app, 110, 30));
    press(&mut app, &[key(KeyCode::Esc)]);

    press(&mut app, &[ch('2'), ch('x')]);
    assert_screen!("status_menu_110x30", screen_at(&app, 110, 30));
    press(&mut app, &[key(KeyCode::Esc), ch('d')]);
    assert_screen!("confirm_delete_110x30", screen_at(&app, 110, 30));
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
    let text = screen_at(&app, 110, 30);
    assert!(
        text.contains(&format!(
            "Delete category Best Director and its {nominees} nominees"
        )),
        "{text}"
    );
    assert_screen!("confirm_delete_category_110x30", text);
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
    let text = screen_at(&app, 110, 30);
    let said = text
        .lines()
        .find(|l| l.contains("named only it"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(said.contains("2 ballots named only it and go ("), "{said}");
    assert_screen!("confirm_delete_nominee_110x30", text);
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
    // The desk names its own key, not a command (docs/counting.md#deciding-an-award).
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
