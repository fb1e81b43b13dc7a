//! What the terminal is shown (docs/formats.md#bad-input, docs/text.md). Whatever a record holds
//! (every way in cleans text, but a store written by an older jurydesk or another tool may hold
//! anything), what reaches the terminal is text that cannot drive it and whose width every party
//! agrees on: jurydesk's layout (`width`), ratatui's buffer, and the terminal.
//!
//! - Control characters are shown as their visible pictures (`␛` for ESC, `␀` for NUL, `␈` for
//!   backspace; `␛` too for the C1 controls, which are ESC's one-byte forms); tabs and line breaks as
//!   spaces. A hostile `ESC ]0;pwned BEL` is drawn as the harmless text `␛]0;pwned␇`.
//! - Bidi formatting characters are dropped, so an unmatched U+202E cannot reverse the rest of the
//!   row; right-to-left text is laid out by `bidi` or by the terminal from its letters alone.
//! - A character carries at most `MAX_MARKS` combining marks, so a "zalgo" stack cannot spill over the
//!   rows above and below it; marks (and other zero-width characters) before the first character
//!   drawn are dropped, having nothing to sit on.
//! - Emoji sequences whose width terminals disagree on are taken apart: no zero-width joiner between
//!   pictographs (a family is drawn as its members, each two cells wide), no skin-tone modifiers, no
//!   presentation selectors except the emoji selector after a pictograph that would otherwise be drawn
//!   one cell wide by some terminals and two by others.
//! - Invisible fillers that terminals measure differently (soft hyphen, Hangul fillers, tags, …) are
//!   dropped.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::sanitize::is_bidi_control;

/// The most combining marks drawn on one character. Real scripts stack up to three or four
/// (Vietnamese, pointed Hebrew, Tibetan); a "zalgo" title stacks dozens, which terminals draw over
/// the rows above and below.
pub const MAX_MARKS: usize = 4;

const EMOJI_SELECTOR: char = '\u{FE0F}';
const ZERO_WIDTH_JOINER: char = '\u{200D}';

/// Text about to be drawn or printed, as one line (see the module's notes). Text that needs nothing
/// is returned as it is.
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    if !needs_work(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut marks = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let shown = match c {
            '\t' | '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => control_picture(c),
            c if is_bidi_control(c) || is_invisible_filler(c) => continue,
            // Chosen again below, the one way every terminal agrees on.
            '\u{FE0E}' | EMOJI_SELECTOR => continue,
            '\u{1F3FB}'..='\u{1F3FF}' => continue,
            // A joiner between letters (Persian, Indic) shapes them; before a pictograph it would
            // make an emoji sequence.
            ZERO_WIDTH_JOINER if chars.peek().is_some_and(|n| !n.is_alphabetic()) => continue,
            // The halfwidth sound marks take a cell of their own in terminals but none in width
            // tables; their combining forms take none anywhere.
            '\u{FF9E}' => '\u{3099}',
            '\u{FF9F}' => '\u{309A}',
            c => c,
        };
        // Nothing zero-width before the first character drawn: a mark with no letter to sit on
        // would be drawn on whatever is left of the field (and trips ratatui's line wrapping).
        if out.is_empty() && shown.width() == Some(0) {
            continue;
        }
        if is_combining_mark(shown) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else {
            marks = 0;
        }
        out.push(shown);
        if widened_by_emoji_selector(shown) {
            out.push(EMOJI_SELECTOR);
        }
    }
    Cow::Owned(out)
}

/// Several lines about to be printed: each line made safe, the line breaks kept.
pub fn for_terminal_block(s: &str) -> String {
    s.split('\n')
        .map(|line| for_terminal(line))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether `for_terminal` has anything to change. Most titles and names are plain ASCII.
fn needs_work(s: &str) -> bool {
    if s.is_ascii() {
        return s.bytes().any(|b| b < 0x20 || b == 0x7f);
    }
    if s.chars().next().is_some_and(|c| c.width() == Some(0)) {
        return true;
    }
    s.chars().any(|c| {
        c.is_control()
            || is_bidi_control(c)
            || is_invisible_filler(c)
            || is_combining_mark(c)
            || widened_by_emoji_selector(c)
            || matches!(
                c,
                '\u{2028}' | '\u{2029}' | ZERO_WIDTH_JOINER | '\u{FE0E}' | '\u{1F3FB}'
                    ..='\u{1F3FF}' | '\u{FF9E}' | '\u{FF9F}'
            )
    })
}

/// The visible picture of a control character: U+2400 + code for C0, `␡` for DEL, `␛` for the C1
/// controls (each is ESC's one-byte form of `ESC x`).
pub fn control_picture(c: char) -> char {
    match u32::from(c) {
        code @ 0..=0x1F => char::from_u32(0x2400 + code).unwrap_or('\u{241B}'),
        0x7F => '\u{2421}',
        _ => '\u{241B}',
    }
}

/// Invisible characters that width tables and terminals measure differently (zero cells in one, one
/// or two in another): the soft hyphen, the Hangul fillers, word joiners and invisible operators,
/// the byte-order mark, interlinear annotation marks and tags.
fn is_invisible_filler(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{206A}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// A pictograph that width tables count as one cell on its own (text presentation) but two with the
/// emoji selector, and that most terminals draw two cells wide either way (🎞 U+1F39E). Shown with the
/// selector, so that the layout and the terminal agree on two.
pub(super) fn widened_by_emoji_selector(c: char) -> bool {
    if !matches!(c, '\u{1F000}'..='\u{1FAFF}') || matches!(c, '\u{1F1E6}'..='\u{1F1FF}') {
        return false;
    }
    if c.width() != Some(1) {
        return false;
    }
    let mut buf = [0u8; 8];
    let len = c.encode_utf8(&mut buf).len();
    buf[len..len + 3].copy_from_slice("\u{FE0F}".as_bytes());
    std::str::from_utf8(&buf[..len + 3]).is_ok_and(|pair| pair.width() == 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_as_their_pictures() {
        assert_eq!(
            for_terminal("Evil\u{1b}]0;pwned\u{7}\u{1b}[2J"),
            "Evil␛]0;pwned␇␛[2J"
        );
        assert_eq!(for_terminal("a\0b\u{8}c\u{7f}"), "a␀b␈c␡");
        assert_eq!(for_terminal("x\u{9b}31my"), "x␛31my", "C1 CSI");
        assert_eq!(for_terminal("one\ttwo\rthree\nfour"), "one two three four");
        assert_eq!(for_terminal_block("one\ntwo\u{1b}"), "one\ntwo␛");
    }

    #[test]
    fn bidi_controls_are_dropped() {
        assert_eq!(
            for_terminal("\u{202E}Reversed\u{2066}\u{2067}x\u{200F}"),
            "Reversedx"
        );
    }

    #[test]
    fn combining_stacks_are_capped() {
        let zalgo = format!("Z{}a", "\u{0336}".repeat(40));
        let shown = for_terminal(&zalgo);
        assert_eq!(shown, format!("Z{}a", "\u{0336}".repeat(MAX_MARKS)));
        let vietnamese = "Ngo\u{323}\u{302}c";
        assert_eq!(for_terminal(vietnamese), vietnamese, "real stacks are kept");
    }

    #[test]
    fn text_style_pictographs_get_the_emoji_selector_and_two_cells() {
        let shown = for_terminal("🎞 Reel Memories");
        assert_eq!(shown, "🎞\u{FE0F} Reel Memories");
        assert_eq!(for_terminal("😀"), "😀", "already wide: unchanged");
        assert_eq!(for_terminal("🎞\u{FE0F}"), "🎞\u{FE0F}", "not twice");
        assert_eq!(for_terminal("🎞\u{FE0E}"), "🎞\u{FE0F}");
        assert_eq!(
            for_terminal("❤\u{FE0F}"),
            "❤",
            "text presentation everywhere"
        );
        assert_eq!(for_terminal("🇮🇷"), "🇮🇷", "flags are left alone");
    }

    #[test]
    fn emoji_sequences_are_taken_apart() {
        assert_eq!(for_terminal("👨\u{200D}👩\u{200D}👧"), "👨👩👧");
        assert_eq!(for_terminal("👍\u{1F3FD}"), "👍");
        assert_eq!(
            for_terminal("क\u{94D}\u{200D}ष"),
            "क\u{94D}\u{200D}ष",
            "a joiner between letters stays"
        );
    }

    #[test]
    fn nothing_zero_width_leads() {
        assert_eq!(for_terminal("\u{301}\u{200C}abc"), "abc");
        assert_eq!(for_terminal("\u{336}\u{336}"), "");
        assert_eq!(for_terminal("a\u{301}"), "a\u{301}");
    }

    #[test]
    fn invisible_fillers_are_dropped() {
        assert_eq!(for_terminal("a\u{AD}b\u{3164}c\u{FEFF}d\u{E0041}"), "abcd");
        assert_eq!(for_terminal("ｶﾞ"), "ｶ\u{3099}");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(for_terminal("North"), Cow::Borrowed(_)));
        assert!(matches!(for_terminal("جاده نمک 紙灯籠"), Cow::Borrowed(_)));
    }
}
