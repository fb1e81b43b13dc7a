//! Hostile text (docs/formats.md#bad-input, docs/text.md), property by property: whatever a title
//! holds, what is stored holds no control character, escape sequence or bidi control; what is shown
//! holds none either, cannot drive a terminal, and takes exactly the cells jurydesk measured, in
//! jurydesk's layout, in ratatui's buffer and in a terminal emulator alike.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod hostile_terminal;

use jurydesk::text::{
    MAX_MARKS, clean_line, clean_text, fit, for_terminal, has_escape_sequences, is_bidi_control,
    strip_escape_sequences, width,
};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_normalization::char::is_combining_mark;

/// Pieces hostile titles are made of: escape sequences, controls, bidi controls, combining marks,
/// joiners and selectors, wide and ligature-forming letters, and anything at all.
fn piece() -> impl Strategy<Value = String> {
    let hostile = prop::sample::select(vec![
        "\u{1b}[2J",
        "\u{1b}[31m",
        "\u{1b}]0;pwned\u{7}",
        "\u{1b}]52;c;cm0gLXJmIH4=\u{7}",
        "\u{1b}]2;title\u{1b}\\",
        "\u{1b}",
        "\u{9b}31m",
        "\u{9d}0;x\u{9c}",
        "\u{0}",
        "\u{7}",
        "\u{8}",
        "\r",
        "\t",
        "\n",
        "\u{7f}",
        "\u{85}",
        "\u{202E}",
        "\u{202D}",
        "\u{2066}",
        "\u{2067}",
        "\u{2068}",
        "\u{2069}",
        "\u{200F}",
        "\u{200D}",
        "\u{200C}",
        "\u{FE0F}",
        "\u{FE0E}",
        "\u{1F3FD}",
        "\u{0301}",
        "\u{0336}\u{0336}\u{0336}\u{0336}\u{0336}\u{0336}",
        "\u{0489}",
        "\u{064E}",
        "\u{0651}",
        "\u{FF9E}",
        "\u{3164}",
        "\u{00AD}",
        "\u{E0041}",
        "\u{2028}",
        "لا",
        "بالا",
        "جاده نمک",
        "紙灯籠",
        "😀",
        "🎞",
        "👨",
        "🇮",
        "🇷",
        "ᄀ",
        "\u{1161}",
        "क",
        "\u{094D}",
        "ष",
        "ｶ",
        "❤",
        "1",
        "a",
        " ",
        "(",
        "[",
        "2J",
    ])
    .prop_map(String::from);
    prop_oneof![
        3 => hostile,
        1 => any::<char>().prop_map(String::from),
        1 => "[a-zA-Z ]{1,8}",
    ]
}

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.concat())
}

/// What ratatui's buffer makes of `s`: the cells it advances over.
fn ratatui_width(s: &str) -> usize {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 400, 1));
    let (x, _) = buffer.set_stringn(0, 0, s, 400, Style::new());
    usize::from(x)
}

/// What a terminal makes of `s` drawn between two bars: where the cursor ends, what it was asked
/// to do besides drawing, and whether the closing bar landed where it should.
fn terminal_width(s: &str) -> (usize, hostile_terminal::Events, bool) {
    let mut terminal = hostile_terminal::terminal(3, 400);
    // vt100 takes U+FFFD for the mark of bytes it could not decode and draws nothing; terminals
    // draw the replacement character in one cell, as the width tables say.
    let s = s.replace('\u{FFFD}', "?");
    terminal.process(format!("|{s}|").as_bytes());
    let (row, col) = terminal.screen().cursor_position();
    assert_eq!(row, 0, "{s:?} moved the cursor off its row");
    let drawn = usize::from(col).saturating_sub(2);
    let bar = terminal
        .screen()
        .cell(0, col.saturating_sub(1))
        .is_some_and(|cell| cell.contents() == "|");
    (drawn, terminal.callbacks().clone(), bar)
}

fn assert_shown_safely(shown: &str) {
    assert!(
        !shown.chars().any(char::is_control),
        "a control character is shown: {shown:?}"
    );
    assert!(
        !shown.chars().any(is_bidi_control),
        "a bidi control is shown: {shown:?}"
    );
    let mut marks = 0;
    for c in shown.chars() {
        marks = if is_combining_mark(c) { marks + 1 } else { 0 };
        assert!(
            marks <= MAX_MARKS + 1,
            "a stack of marks is shown: {shown:?}"
        );
    }
    let measured = width(shown);
    assert_eq!(
        ratatui_width(shown),
        measured,
        "ratatui and jurydesk disagree on {shown:?}"
    );
    let (drawn, events, bar) = terminal_width(shown);
    assert_eq!(
        drawn, measured,
        "the terminal drew {shown:?} wider or narrower"
    );
    assert!(
        bar,
        "the text after {shown:?} did not land where it was measured"
    );
    assert_eq!(
        events,
        hostile_terminal::Events::default(),
        "{shown:?} asked the terminal for more than drawing"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn what_is_shown_cannot_drive_the_terminal_and_takes_the_measured_cells(s in hostile_text()) {
        assert_shown_safely(&for_terminal(&s));
    }

    #[test]
    fn what_is_fitted_fits_its_cell(s in hostile_text(), cells in 0usize..40) {
        let shown = fit(&s, cells);
        assert_shown_safely(&shown);
        prop_assert!(width(&shown) <= cells, "{shown:?} is wider than {cells}");
        let whole = for_terminal(&s);
        if width(&whole) <= cells {
            prop_assert_eq!(shown, whole.into_owned(), "cut though it fitted");
        }
    }

    #[test]
    fn what_is_stored_holds_no_control_sequence_or_bidi_control(s in hostile_text()) {
        let line = clean_line(&s);
        prop_assert!(!line.chars().any(char::is_control), "{line:?}");
        prop_assert!(!line.chars().any(is_bidi_control), "{line:?}");
        prop_assert!(!has_escape_sequences(&line));
        prop_assert_eq!(clean_line(&line), line.clone(), "cleaning twice changes nothing");
        let text = clean_text(&s);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n' && c != '\t'), "{text:?}");
        prop_assert!(!text.chars().any(is_bidi_control));
        prop_assert_eq!(clean_text(&text), text.clone());
    }

    #[test]
    fn stripping_leaves_no_sequence_and_only_removes(s in hostile_text()) {
        let (out, removed) = strip_escape_sequences(&s);
        prop_assert!(!has_escape_sequences(&out));
        prop_assert_eq!(removed == 0, !has_escape_sequences(&s));
        prop_assert!(out.len() <= s.len());
    }
}

proptest! {
    /// The desk can put right-to-left text in visual order itself (settings `rtl`): reordered, what
    /// is shown must still be safe and take the cells it was measured at. (`visual` is called
    /// directly: switching the setting here would switch it for the other tests running alongside.)
    #[test]
    fn right_to_left_reordering_keeps_it_safe_and_measured(s in hostile_text()) {
        let safe = for_terminal(&s);
        let reordered = jurydesk::text::bidi::visual(&safe);
        assert_shown_safely(&reordered);
        prop_assert_eq!(width(&reordered), width(&safe));
    }
}

#[test]
fn reordering_a_hostile_persian_title() {
    let s = "\u{202E}جاده نمک\u{1b}[2J (لا) مُحَمَّد 紙灯籠";
    let reordered = jurydesk::text::bidi::visual(&for_terminal(s)).into_owned();
    assert_shown_safely(&reordered);
    assert!(
        reordered.contains('␛') && reordered.contains("2J"),
        "{reordered}"
    );
    assert!(reordered.contains("紙灯籠"), "{reordered}");
}
