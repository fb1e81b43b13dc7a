//! Printing from the desk (`p`, issue 16 item 7): the menu of the edition's documents, the files
//! written beside the store and their paths shown in full.

use super::*;

fn print_menu(app: &App) -> &jurydesk::tui::print::PrintMenu {
    match &app.popup {
        Some(Popup::Print(menu)) => menu,
        other => panic!("the print menu is not open: {other:?}"),
    }
}

#[test]
fn p_offers_the_three_documents_and_writes_the_chosen_one_beside_the_store() {
    let (dir, mut app) = demo_app(100, 30);
    select_edition(&mut app, "riff-18");
    press(&mut app, &[ch('p')]);
    assert_eq!(print_menu(&app).edition, "riff-18");
    assert_screen!(screen_at(&app, 100, 30));

    // The minutes: written beside the store, the path on screen in full.
    press(&mut app, &[ch('j'), key(KeyCode::Enter)]);
    let path = dir.path().join("riff-18-minutes.html");
    let html = std::fs::read_to_string(&path).expect("the minutes are written beside the store");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Minutes of the jury"));
    let screen = screen_at(&app, 100, 30);
    assert!(screen.contains("riff-18-minutes.html"), "{screen}");
    assert_screen!(screen);
    assert_eq!(
        app.message.as_deref(),
        Some(format!("wrote {}", path.display()).as_str())
    );
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.popup.is_none());
}

#[test]
fn all_three_are_written_and_what_cannot_be_printed_says_why() {
    let (dir, mut app) = demo_app(100, 30);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('p'), ch('G'), ch('j'), ch('j'), ch('j')]);
    assert_eq!(
        print_menu(&app).cursor,
        3,
        "the cursor stops on the last row"
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    let menu = print_menu(&app);
    assert_eq!(menu.outcome.len(), 3);
    // The demo seats no jury at Fajr 43: no ballot sheet to print, and the menu says how to mend it.
    let ballots = menu.outcome[0]
        .result
        .as_ref()
        .expect_err("no jury, no ballots");
    assert!(ballots.contains("jurydesk juror add"), "{ballots}");
    for name in ["fajr-43-minutes.html", "fajr-43-palmares.html"] {
        assert!(dir.path().join(name).exists(), "{name}");
    }
    assert!(!dir.path().join("fajr-43-ballots.html").exists());
    assert_eq!(app.message.as_deref(), Some("wrote 2 of 3 documents"));
    assert_screen!(screen_at(&app, 100, 30));
}

#[test]
fn the_print_key_is_in_the_action_table_and_reaches_the_menu_at_any_size() {
    let spec = ACTIONS
        .iter()
        .find(|s| s.action == Action::Print)
        .expect("print is an action");
    assert_eq!(spec.name, "print");
    for (w, h) in [(1, 1), (20, 5), (40, 12)] {
        let (_dir, mut app) = demo_app(w, h);
        press(&mut app, &[ch('p'), key(KeyCode::Enter)]);
        screen_at(&app, w, h);
    }
}
