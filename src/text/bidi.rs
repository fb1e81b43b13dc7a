//! Right-to-left text on screen (docs/text.md#right-to-left). Terminals disagree: some reorder
//! Persian and Arabic for display themselves, others draw the letters in memory order (backwards to
//! a reader). The settings choose; when jurydesk reorders, each line is put in visual order with
//! the Unicode bidi algorithm before it is drawn. Stored text is never changed.

use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

use unicode_bidi::BidiInfo;

static REORDER: AtomicBool = AtomicBool::new(false);

/// Whether jurydesk puts right-to-left text in visual order before drawing it (the settings' `rtl`).
pub fn set_reorder(on: bool) {
    REORDER.store(on, Ordering::Relaxed);
}

pub fn reorders() -> bool {
    REORDER.load(Ordering::Relaxed)
}

fn has_rtl(s: &str) -> bool {
    s.chars().any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// One line in the order it should appear on screen, when jurydesk is the one reordering.
pub fn for_display(line: &str) -> Cow<'_, str> {
    if !reorders() || !has_rtl(line) {
        return Cow::Borrowed(line);
    }
    visual(line)
}

/// The visual order of a line by the Unicode bidi algorithm (the paragraph direction from its first
/// strong letter). A right-to-left run is reversed character by character, except that a letter keeps
/// its combining marks (harakat) after it, as a terminal needs them (rule L3), and brackets are
/// mirrored (rule L4), so `(نمک)` still opens before the word it encloses.
pub fn visual(line: &str) -> Cow<'_, str> {
    let info = BidiInfo::new(line, None);
    let Some(paragraph) = info.paragraphs.first() else {
        return Cow::Borrowed(line);
    };
    let (levels, runs) = info.visual_runs(paragraph, paragraph.range.clone());
    if runs.iter().all(|run| levels[run.start].is_ltr()) {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    for run in runs {
        let text = &line[run.clone()];
        if levels[run.start].is_rtl() {
            let pieces: Vec<&str> = super::width::clusters(text).collect();
            for piece in pieces.into_iter().rev() {
                let mut chars = piece.chars();
                if let Some(first) = chars.next() {
                    out.push(mirrored(first));
                    out.extend(chars);
                }
            }
        } else {
            out.push_str(text);
        }
    }
    Cow::Owned(out)
}

/// The mirror image of a bracket, as drawn in right-to-left text.
fn mirrored(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_is_put_in_visual_order_and_latin_is_left_alone() {
        assert_eq!(visual("North"), "North");
        let persian = "جاده نمک";
        let shown = visual(persian);
        assert_eq!(
            shown.chars().rev().collect::<String>(),
            persian,
            "letters reversed for display"
        );
        // A Latin title with a Persian part keeps its Latin words in reading order.
        let mixed = visual("The Salt Road (جاده نمک)");
        assert!(mixed.starts_with("The Salt Road"), "{mixed}");
    }

    #[test]
    fn harakat_stay_after_their_letter_and_brackets_mirror() {
        // Each letter's marks follow it in the visual order too: a mark first would be drawn on
        // whatever is left of the field.
        let logical = "مُحَمَّد";
        let pieces = |s: &str| -> Vec<String> {
            super::super::width::clusters(s).map(String::from).collect()
        };
        let mut expected = pieces(logical);
        expected.reverse();
        assert_eq!(pieces(&visual(logical)), expected);
        assert_eq!(visual("(نمک)"), "(کمن)");
    }

    #[test]
    fn nothing_changes_unless_jurydesk_reorders() {
        set_reorder(false);
        assert_eq!(for_display("جاده نمک"), "جاده نمک");
    }
}
