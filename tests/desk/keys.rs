//! Keys: panes, lists, popups, quitting, the welcome screen.

use super::*;

pub(crate) fn assert_in_range(app: &App) {
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
        let text = screen_at(&app, 120, 12).replace('\u{FE0F}', "");
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
        let text = screen_at(&app, 120, 30);
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
        let hints = screen_at(&app, 120, 30);
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
    let text = screen_at(&app, 120, 30);
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
