//! Conflicts and the award's freeze on the desk (README.md#the-desk "Jury and conflicts",
//! docs/counting.md#deciding-an-award; issue 12 findings 2, 6, 8 and 9), driven without a terminal:
//! keys go to `App::handle_key`, the screen is drawn into a `TestBackend` and compared with the
//! snapshots in `tests/snapshots/`.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::desk::Desk;
use jurydesk::tui::App;
use jurydesk::tui::app::Popup;
use jurydesk::tui::form::{FieldKey, Form};
use jurydesk::tui::view::render;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use tempfile::TempDir;

const WIDTH: u16 = 110;
const HEIGHT: u16 = 34;

/// The demo, with a juror who directed a film of riff-18 (A House in Basra, by Yusuf al-Amiri): a
/// probable conflict. Opened on riff-18.
fn desk_with_a_credited_juror() -> (TempDir, App) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let desk = Desk::open(&dir.path().join("store")).expect("open a store");
    desk.load_demo().expect("load the demo");
    desk.add_juror(&jurydesk::desk::JurorInput {
        edition: "riff-18".into(),
        name: "Yusuf al-Amiri".into(),
        original_name: String::new(),
        role: jurydesk::domain::JurorRole::Member,
        notes: String::new(),
    })
    .expect("seated");
    let mut app = App::new(desk, Size::new(WIDTH, HEIGHT)).expect("open the desk");
    select_edition(&mut app, "riff-18");
    (dir, app)
}

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn press(app: &mut App, keys: &[KeyEvent]) {
    for &k in keys {
        app.handle_key(k);
    }
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(ch(c));
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    terminal.backend().to_string()
}

fn select_edition(app: &mut App, code: &str) {
    press(app, &[ch('1'), ch('g')]);
    for _ in 0..app.editions.len() {
        if app.selected_edition().map(|v| v.edition.code.as_str()) == Some(code) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no edition {code}");
}

fn select_juror(app: &mut App, name: &str) {
    press(app, &[ch('3'), ch('g')]);
    for _ in 0..app.nomination_rows.len() {
        if app.selected_juror().map(|j| j.name.as_str()) == Some(name) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no juror {name}");
}

fn select_category(app: &mut App, name: &str) {
    press(app, &[ch('3'), ch('g')]);
    for _ in 0..app.nomination_rows.len() {
        if app.selected_category().map(|c| c.category.name.as_str()) == Some(name) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no category {name}");
}

fn select_submission(app: &mut App, title: &str) {
    press(app, &[ch('2'), ch('g')]);
    for _ in 0..app.submissions.len() {
        if app.selected_submission().map(|r| r.title()) == Some(title) {
            return;
        }
        press(app, &[ch('j')]);
    }
    panic!("no submission {title}");
}

fn open_form(app: &App) -> &Form {
    match &app.popup {
        Some(Popup::Form(form)) => form,
        other => panic!("expected a form, got {other:?}"),
    }
}

fn message(app: &App) -> &str {
    app.message.as_deref().unwrap_or("")
}

fn record_text(app: &App) -> String {
    assert!(
        matches!(app.popup, Some(Popup::Juror { .. })),
        "expected the juror's record, got {:?}",
        app.popup
    );
    screen(app)
}

#[test]
fn a_conflicted_juror_is_marked_and_enter_opens_the_record() {
    let (_dir, mut app) = desk_with_a_credited_juror();
    select_juror(&mut app, "Yusuf al-Amiri");
    let panes = screen(&app);
    assert!(panes.contains("Yusuf al-Amiri ⚠"), "{panes}");
    assert!(!panes.contains("Sara Ahmadi ⚠"), "{panes}");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = record_text(&app);
    insta::assert_snapshot!("juror_record_with_a_probable_conflict", text);
    assert!(
        text.contains("A House in Basra (submission 5): credited as director"),
        "{text}"
    );
}

#[test]
fn no_conflict_from_the_record_clears_the_mark_and_says_why() {
    let (_dir, mut app) = desk_with_a_credited_juror();
    select_juror(&mut app, "Yusuf al-Amiri");
    press(&mut app, &[key(KeyCode::Enter), ch('c')]);
    let form = open_form(&app);
    assert_eq!(form.value(FieldKey::Film), "A House in Basra");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_text(&mut app, "a namesake, not the director");
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = record_text(&app);
    insta::assert_snapshot!("juror_record_after_no_conflict", text);
    assert!(text.contains("a namesake, not the director"), "{text}");
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(!screen(&app).contains("Yusuf al-Amiri ⚠"));
    // Logged, and undone with u like any change.
    press(&mut app, &[ch('u')]);
    assert!(
        message(&app).contains("juror clear-conflict"),
        "{:?}",
        app.message
    );
    assert!(screen(&app).contains("Yusuf al-Amiri ⚠"));
}

#[test]
fn recusing_from_the_record_picks_the_film_and_leaves_the_ballot_out() {
    let (_dir, mut app) = desk_with_a_credited_juror();
    select_juror(&mut app, "Yusuf al-Amiri");
    press(&mut app, &[key(KeyCode::Enter), ch('r')]);
    let form_screen = screen(&app);
    insta::assert_snapshot!("juror_recuse_form", form_screen);
    // An unknown film is refused at its field, with the choices.
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)],
    );
    type_text(&mut app, "Nowhere");
    press(&mut app, &[key(KeyCode::Tab)]);
    type_text(&mut app, "his own film");
    press(&mut app, &[key(KeyCode::Enter)]);
    let film = open_form(&app)
        .fields
        .iter()
        .find(|f| f.label == "Film")
        .and_then(|f| f.error.clone())
        .unwrap_or_default();
    assert!(film.contains("type its number or title"), "{film}");
    // By its number in the list (the refusal put the focus back on the film).
    press(
        &mut app,
        &[KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)],
    );
    let number = {
        let hint = &open_form(&app).fields[0].hint;
        hint.split(" · ")
            .find(|c| c.ends_with("A House in Basra"))
            .and_then(|c| c.split(' ').next())
            .unwrap_or("?")
            .to_string()
    };
    type_text(&mut app, &number);
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = record_text(&app);
    assert!(
        text.contains("A House in Basra (submission 5): his own film"),
        "{text}"
    );
    assert!(
        text.contains("Grand Prize: excluded: recused from A House in Basra: his own film"),
        "{text}"
    );
    assert!(text.contains("none open"), "{text}");
}

#[test]
fn a_withdrawn_film_is_nominated_only_after_yes() {
    let (_dir, mut app) = desk_with_a_credited_juror();
    select_submission(&mut app, "Olive Memory");
    press(&mut app, &[ch('n')]);
    let asked = screen(&app);
    assert!(
        asked.contains("Olive Memory is withdrawn: nominate anyway? y/n"),
        "{asked}"
    );
    // No: nothing happens.
    press(&mut app, &[ch('n')]);
    assert!(app.popup.is_none());
    // Yes: the category picker, which then nominates it.
    press(&mut app, &[ch('n'), ch('y')]);
    assert!(
        matches!(app.popup, Some(Popup::Nominate(_))),
        "{:?}",
        app.popup
    );
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        message(&app).contains("nominated Olive Memory"),
        "{:?}",
        app.message
    );
    // A film in the running is not asked about.
    select_submission(&mut app, "The Salt Road");
    press(&mut app, &[ch('n')]);
    assert!(
        matches!(app.popup, Some(Popup::Nominate(_))),
        "{:?}",
        app.popup
    );
}

#[test]
fn an_awarded_category_refuses_in_the_desk_s_words_and_w_withdraws_the_award() {
    let (_dir, mut app) = desk_with_a_credited_juror();
    app.desk
        .record_award(
            "riff-18",
            "Grand Prize",
            // By hand: two ballots are missing, so the count gives none yet
            // (docs/counting.md#provisional-counts).
            &jurydesk::desk::AwardChoice::Manual {
                winners: vec!["A House in Basra".into()],
                reason: "the jury's statement".into(),
            },
        )
        .expect("awarded");
    app.reload_categories().expect("reloaded");
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('d')]);
    assert!(
        message(&app).contains("withdraw the award first (W in the count of 'Grand Prize'"),
        "{:?}",
        app.message
    );
    assert!(!message(&app).contains("jurydesk"), "{:?}", app.message);
    // W in the count: the reason, then the award is gone and the category can change again.
    press(&mut app, &[ch('t'), ch('W')]);
    assert!(
        open_form(&app)
            .title
            .contains("Withdraw the award of Grand Prize")
    );
    type_text(&mut app, "a ballot was entered wrong");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(
        message(&app).contains("the award to A House in Basra is withdrawn"),
        "{:?}",
        app.message
    );
    let category = app.selected_category().expect("still selected").clone();
    assert!(category.awards.is_empty(), "{:?}", category.awards);
    // The finalized edition's refusal names R on the desk.
    app.desk
        .finalize("riff-18", Some("the test"))
        .expect("finalized");
    app.reload_editions().expect("reloaded");
    select_submission(&mut app, "The Salt Road");
    press(&mut app, &[ch('n')]);
    assert!(
        message(&app).contains("reopen it first (R, with a reason)"),
        "{:?}",
        app.message
    );
}
