//! A newcomer's first steps (the keyboard-only walk of issue 3).

use super::*;

/// From an empty store, a festival of one's own and its first edition, with the keys alone: `A` on
/// the welcome screen, then the edition's form follows, and the desk lands on the new edition.
#[test]
fn a_festival_of_ones_own_from_the_welcome_screen_to_its_first_edition() {
    let (_dir, mut app) = empty_app(110, 30);
    assert!(screen_at(&app, 110, 30).contains("press A to add your own festival"));
    press(&mut app, &[ch('A')]);
    assert!(matches!(app.popup, Some(Popup::Form(_))), "A opens a form");
    type_keys(&mut app, "cannes");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_and_submit(&mut app, "Festival de Cannes");
    // The festival alone would show nowhere: the edition's form follows, its festival filled in.
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("no edition form after the festival: {:?}", app.message);
    };
    assert_eq!(form.value(FieldKey::Festival), "cannes");
    assert_eq!(form.focused().map(|f| f.label), Some("Number"));
    assert!(!app.welcome);
    type_and_submit(&mut app, "78");
    assert!(app.popup.is_none(), "{:?}", app.message);
    assert_eq!(edition_code(&app), Some("cannes-78"));
    assert_eq!(app.focus, Pane::Editions);
    assert!(
        screen_at(&app, 110, 30).contains("No submissions in this edition yet: a adds one"),
        "the empty pane says which key fills it"
    );
}

/// A festival whose edition form was put off (Esc) still gets one: `a` in the editions pane offers
/// the festival as a field. And a new edition of a festival in view is selected once added.
#[test]
fn an_edition_put_off_can_be_added_later_and_is_selected_once_added() {
    let (_dir, mut app) = demo_app(110, 30);
    press(&mut app, &[ch('A')]);
    type_keys(&mut app, "cannes");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_and_submit(&mut app, "Festival de Cannes");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(app.popup.is_none());
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('a')]);
    // Replace the prefilled festival (fajr) with the one that has no edition yet.
    press(&mut app, &[key(KeyCode::BackTab), ctrl('u')]);
    type_keys(&mut app, "cannes");
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
    let text = screen_at(&app, 120, 30);
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
        let terminal = draw_at(app, 120, 30);
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
    assert!(screen_at(&app, 120, 36).contains("may be finalized (F)"));
    press(&mut app, &[key(KeyCode::Esc)]);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('P')]);
    let sheet = screen_at(&app, 120, 36);
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
        sheet.push_str(&screen_at(&app, 120, 36));
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
        help.push_str(&screen_at(&app, 120, 36));
        press(&mut app, &[key(KeyCode::PageDown)]);
    }
    assert!(help.contains("In the palmarès"), "{help}");
}

/// The text inside the help popup on one row of a 120-column screen (the popup is 100 wide, centred;
/// the snapshot lines are quoted, hence the one more column).
pub(crate) fn inside_the_help(line: &str) -> String {
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
        help.push_str(&screen_at(&app, 120, 30));
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
    let text = screen_at(&narrow, 40, 12);
    assert!(
        text.contains("│  "),
        "descriptions indented below their key: {text}"
    );

    let (_dir, mut one) = empty_app(110, 30);
    press(&mut one, &[ch('A')]);
    type_keys(&mut one, "solo");
    press(&mut one, &[key(KeyCode::Tab)]);
    type_and_submit(&mut one, "Solo");
    type_and_submit(&mut one, "1");
    press(&mut one, &[ch('2'), ch('a')]);
    type_and_submit(&mut one, "Only Film");
    press(&mut one, &[ch('1'), ch('o')]);
    let text = screen_at(&one, 110, 30);
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
    type_keys(&mut app, "zzzz");
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
    type_keys(&mut app, "solo");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_and_submit(&mut app, "Solo");
    press(&mut app, &[key(KeyCode::Esc)]);
    let text = screen_at(&app, 120, 30);
    assert!(text.contains("No editions yet: a adds"), "{text}");
    assert!(!text.contains("adds a category"), "{text}");
    press(&mut app, &[ch('a')]);
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("a opens the edition form");
    };
    assert_eq!(form.focused().map(|f| f.label), Some("Festival"));
}
