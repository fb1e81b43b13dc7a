//! Editing the jury's records from the nominations pane: categories, nominees, jurors.

use super::*;

/// Moves the nominations selection to the juror named `name` (the jury follows the categories).
pub(crate) fn select_juror(app: &mut App, name: &str) {
    press(app, &[ch('3'), ch('g')]);
    for _ in 0..app.nomination_rows.len() {
        if app.selected_juror().map(|j| j.name.as_str()) == Some(name) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no juror {name}");
}

pub(crate) fn open_form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(form)) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}

pub(crate) fn field<'a>(app: &'a App, label: &str) -> &'a Field {
    open_form(app)
        .fields
        .iter()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no field {label}"))
}

/// Tabs to the single-line field `label`, empties it and types `text`, as a secretary would.
pub(crate) fn retype(app: &mut App, label: &str, text: &str) {
    for _ in 0..open_form(app).fields.len() {
        if open_form(app).focused().map(|f| f.label) == Some(label) {
            break;
        }
        press(app, &[key(KeyCode::Tab)]);
    }
    assert_eq!(open_form(app).focused().map(|f| f.label), Some(label));
    press(app, &[ctrl('e'), ctrl('u')]);
    type_keys(app, text);
}

pub(crate) fn message(app: &App) -> &str {
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
    let text = screen_at(&app, 110, 30);
    assert!(
        !text.lines().last().unwrap_or("").contains("q:quit"),
        "in a form q is a letter, not quit: the status line must not say otherwise"
    );
    assert_screen!("form_edit_category_110x30", text);
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
    let text = screen_at(&app, 160, 30);
    let status = text.lines().last().unwrap_or("");
    assert!(
        status.contains("irv leaves them out (changing back counts them)"),
        "a message longer than half the line is not cut: {status}"
    );
    // The next key clears it and the key hints are back.
    press(&mut app, &[ch('j')]);
    let text = screen_at(&app, 160, 30);
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
    assert_screen!("form_edit_category_error_110x30", screen_at(&app, 110, 30));

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
    assert_screen!("form_edit_juror_110x30", screen_at(&app, 110, 30));
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
