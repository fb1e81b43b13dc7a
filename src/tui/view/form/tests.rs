//! The form popup drawn into a test terminal: what is shown, where the cursor is, and no panic at
//! any size.

use super::*;
use crate::tui::form::FieldKey;
use crate::tui::form::FormSignal;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn draw(form: &Form, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a terminal");
    terminal.draw(|f| render(f, form)).expect("drawn");
    terminal
}

fn text(terminal: &Terminal<TestBackend>) -> String {
    crate::tui::view::screen_text(terminal)
}

fn set(form: &mut Form, label: &str, value: &str) {
    if let Some(field) = form.fields.iter_mut().find(|f| f.label == label) {
        field.value = value.to_string();
        field.cursor = value.chars().count();
    }
}

/// A submission form with a bit of everything: scripts, a long synopsis, errors, a message.
fn busy_form() -> Form {
    let mut form = Form::add_submission("fajr-43");
    set(&mut form, "Title", "بچه‌های آسمان \u{1b}]0;pwned\u{7}");
    set(
        &mut form,
        "Original title",
        "紙灯籠 🎞 Reel Memories of a very long title that goes on",
    );
    set(&mut form, "Synopsis", "one\ntwo\nthree\nfour\nfive");
    form.fail(
        FieldKey::Runtime,
        "'an hour' is not a runtime: minutes (95) or hours:minutes (1:35)",
    );
    form.fail(FieldKey::Status, "unknown status 'accepted': expected one of received, eligible, ineligible, shortlisted, selected, not-selected, withdrawn, disqualified");
    form.message = Some("edition 'fajr-43' not found; known: riff-18".into());
    form
}

#[test]
fn every_size_renders_without_panic() {
    let mut forms = vec![busy_form(), Form::add_juror("x-1"), Form::add_festival()];
    let mut focused_last = busy_form();
    focused_last.focus = focused_last.fields.len() - 1;
    forms.push(focused_last);
    let mut on_synopsis = busy_form();
    on_synopsis.focus = 10;
    on_synopsis.fields[10].cursor = 9;
    forms.push(on_synopsis);
    for form in &forms {
        for w in [1, 2, 3, 4, 7, 12, 20, 33, 60, 80, 121, 400] {
            for h in [1, 2, 3, 4, 5, 8, 12, 24, 41, 120] {
                draw(form, w, h);
            }
        }
    }
}

#[test]
fn labels_values_errors_and_keys_are_shown() {
    let form = busy_form();
    let terminal = draw(&form, 100, 50);
    let screen = text(&terminal);
    for expected in [
        "Add submission to fajr-43",
        "▸Title",
        "Original title",
        "紙灯籠 🎞",
        "↳ 'an hour' is not a runtime",
        "(+2 lines)",
        "Enter:save",
        "Esc:cancel",
        "edition 'fajr-43' not found",
        "Title: as the festival lists it",
    ] {
        assert!(screen.contains(expected), "{expected} missing:\n{screen}");
    }
    assert!(!screen.contains('\u{1b}') && !screen.contains('\u{7}'));
    // The error sits on the row under its field, in red.
    let lines: Vec<&str> = screen.lines().collect();
    let runtime = lines
        .iter()
        .position(|l| l.contains(" Runtime"))
        .expect("runtime row");
    assert!(lines[runtime + 1].contains("↳ 'an hour'"));
    let buffer = terminal.backend().buffer();
    let x = lines[runtime + 1]
        .chars()
        .position(|c| c == '↳')
        .expect("arrow");
    let cell = &buffer[(
        u16::try_from(x).expect("x"),
        u16::try_from(runtime + 1).expect("y"),
    )];
    assert_eq!(cell.fg, Color::Red);
}

#[test]
fn the_cursor_is_where_typing_goes() {
    let mut form = Form::add_juror("fajr-43");
    for c in "Javad".chars() {
        assert_eq!(
            form.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            FormSignal::Continue
        );
    }
    form.handle_key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE));
    let mut terminal = draw(&form, 80, 24);
    let screen = text(&terminal);
    let y = screen
        .lines()
        .position(|l| l.contains("Javad"))
        .expect("value row");
    let line: Vec<char> = screen.lines().nth(y).expect("row").chars().collect();
    let j = line.iter().position(|&c| c == 'J').expect("J");
    let cursor = terminal.get_cursor_position().expect("a cursor");
    assert_eq!(
        (usize::from(cursor.x), usize::from(cursor.y)),
        (j + 4, y),
        "on the d"
    );
    let cell = &terminal.backend().buffer()[(cursor.x, cursor.y)];
    assert_eq!(cell.symbol(), "d");
    assert!(cell.modifier.contains(Modifier::REVERSED));
}

#[test]
fn a_long_value_scrolls_to_keep_the_cursor_in_view() {
    let mut form = Form::add_juror("fajr-43");
    let long: String = (0..200)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    set(&mut form, "Name", &format!("{long}END"));
    let screen = text(&draw(&form, 60, 20));
    assert!(screen.contains("END"), "{screen}");
    form.fields[0].cursor = 0;
    let screen = text(&draw(&form, 60, 20));
    assert!(screen.contains("abcdef") && !screen.contains("END"));
}

#[test]
fn a_short_terminal_scrolls_to_the_focused_field() {
    let mut form = busy_form();
    form.focus = form.fields.len() - 1;
    let screen = text(&draw(&form, 80, 12));
    assert!(screen.contains("▸Notes"), "{screen}");
    form.focus = 0;
    let screen = text(&draw(&form, 80, 12));
    assert!(
        screen.contains("▸Title") && !screen.contains("Notes "),
        "{screen}"
    );
}

#[test]
fn window_and_wrap_respect_cell_widths() {
    let (before, at, after) = window("紙灯籠紙灯籠", 5, 6);
    assert_eq!(
        (before.as_str(), at.as_str(), after.as_str()),
        ("紙灯", "籠", "")
    );
    let (before, at, _) = window("abc", 3, 2);
    assert_eq!((before.as_str(), at.as_str()), ("c", " "));
    assert_eq!(
        window("紙", 0, 1),
        (String::new(), String::new(), String::new())
    );
    assert_eq!(wrap("one two three", 7, 5), ["one two", "three"]);
    assert_eq!(wrap("abcdefghij", 4, 5), ["abcd", "efgh", "ij"]);
    let cut = wrap("one two three four five six", 7, 2);
    assert_eq!(cut.len(), 2);
    assert!(cut[1].ends_with('…') && cut[1].width() <= 7);
    assert!(wrap("x", 0, 3).is_empty());
}
