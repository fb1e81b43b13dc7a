//! Keeping control characters out of the store (docs/formats.md#bad-input, docs/text.md#stored-text).
//! Text is stored as typed, in NFC, with three exceptions that no secretary types on purpose and
//! that would otherwise travel to every screen and file the record reaches:
//!
//! - terminal escape sequences (`ESC [2J`, `ESC ]0;title BEL`, their C1 forms) are removed whole;
//! - every other control character (NUL, backspace, BEL, DEL, C1) is removed, and in a one-line field
//!   line breaks and tabs become spaces;
//! - bidi formatting characters (embeddings, overrides, isolates and the direction marks) are
//!   removed: an unmatched U+202E would reverse whatever is drawn after the field, and jurydesk lays
//!   out right-to-left text itself (`bidi`).
//!
//! Everything else is kept as typed: zero-width (non-)joiners, combining marks in any number, any
//! script, any length (the importers refuse enormous fields before they get here). What the terminal
//! is then shown is decided separately, in `terminal`.

use unicode_normalization::{UnicodeNormalization, is_nfc};

use super::escapes::strip_escape_sequences;

/// Characters that reorder text: bidi embeddings, overrides and isolates (which open a state that
/// lasts until it is closed) and the direction marks.
pub fn is_bidi_control(c: char) -> bool {
    is_bidi_override(c) || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The bidi controls that open a state lasting until it is closed (LRE, RLE, PDF, LRO, RLO, LRI,
/// RLI, FSI, PDI): left unmatched, they reorder everything drawn after them on the line.
pub fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A single-line field as it is stored: escape sequences, control characters and bidi controls
/// removed, line breaks and tabs turned into spaces, NFC, surrounding white space trimmed.
pub fn clean_line(s: &str) -> String {
    if is_clean_line(s) {
        return s.trim().to_string();
    }
    cleaned_line(s)
}

/// `clean_line` the long way, for text that needs more than a trim.
fn cleaned_line(s: &str) -> String {
    let (unescaped, _) = strip_escape_sequences(s);
    // Normalised after the removals: a control between a letter and its accent would otherwise
    // keep them apart in the stored text.
    let spaced: String = unescaped
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .nfc()
        .collect();
    spaced.trim().to_string()
}

/// A multi-line field (synopsis, notes) as it is stored: escape sequences removed, line breaks kept
/// (as `\n`), tabs kept, every other control character and bidi control removed, NFC.
pub fn clean_text(s: &str) -> String {
    if is_clean_text(s) {
        return s.trim_end().to_string();
    }
    cleaned_text(s)
}

/// `clean_text` the long way, for text that needs more than a trim.
fn cleaned_text(s: &str) -> String {
    let (unescaped, _) = strip_escape_sequences(s);
    let unified = unescaped
        .replace("\r\n", "\n")
        .replace(['\r', '\u{85}', '\u{2028}', '\u{2029}'], "\n");
    unified
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c)))
        .nfc()
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Whether `clean_line` would only trim `s`: it holds no control character (so no escape sequence
/// either: every introducer is one), no bidi control, no line or paragraph separator, and is NFC
/// already. Nearly every cell of a real file is such text, and checking is several times cheaper than
/// cleaning (an import cleans a million cells at 100k rows: BENCHMARKS.md, "import's own work").
pub fn is_clean_line(s: &str) -> bool {
    is_clean(s, |_| false)
}

/// Whether `clean_text` would only trim the end of `s`: as `is_clean_line`, but line feeds and tabs
/// are kept as they are (carriage returns are not: they become line feeds).
pub fn is_clean_text(s: &str) -> bool {
    is_clean(s, |c| c == '\n' || c == '\t')
}

fn is_clean(s: &str, kept: impl Fn(char) -> bool) -> bool {
    // Printable ASCII is NFC and holds nothing to remove: the common case, checked by bytes.
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return true;
    }
    s.chars().all(|c| {
        kept(c) || !(c.is_control() || is_bidi_control(c) || matches!(c, '\u{2028}' | '\u{2029}'))
    }) && is_nfc(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_survive() {
        let hostile = "Title\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202E}txet";
        for cleaned in [clean_line(hostile), clean_text(hostile)] {
            assert_eq!(cleaned, "Titletxet");
        }
    }

    #[test]
    fn the_command_line_and_the_importers_clean_alike() {
        // `submission add --title` goes through `clean_line` alone; the importers strip first and
        // warn. Both must store the same title.
        let typed = "Evil\u{1b}]0;pwned\u{7} \u{1b}[2J\u{1b}[31mRed\u{9b}31m Film";
        assert_eq!(clean_line(typed), "Evil Red Film");
    }

    #[test]
    fn other_controls_go_and_line_breaks_become_spaces() {
        assert_eq!(clean_line("A\0B\u{8}\u{8}C\u{7f}D\u{85}E"), "ABCD E");
        assert_eq!(clean_line("one\rtwo\ttab"), "one two tab");
        assert_eq!(clean_text("a\u{0}b\u{2028}c\td"), "ab\nc\td");
    }

    #[test]
    fn every_bidi_control_goes_but_joiners_stay() {
        let hostile =
            "\u{202E}evil\u{202D}\u{2066}\u{2067}\u{2068}x\u{2069}\u{200F}\u{200E}\u{061C}";
        assert_eq!(clean_line(hostile), "evilx");
        assert_eq!(
            clean_line("بچه\u{200C}های"),
            "بچه\u{200C}های",
            "ZWNJ is a letter-joining control, kept"
        );
    }

    #[test]
    fn a_control_between_a_letter_and_its_accent_does_not_keep_them_apart() {
        assert_eq!(clean_line("I\u{7f}\u{301}"), "Í");
        assert_eq!(clean_text("I\u{0}\u{301}"), "Í");
    }

    #[test]
    fn lines_are_trimmed_and_normalised() {
        assert_eq!(clean_line("  Cafe\u{301}\n Society\t"), "Café  Society");
        assert_eq!(clean_text("one\r\ntwo\rthree\n\n"), "one\ntwo\nthree");
    }

    #[test]
    fn combining_stacks_and_wide_text_are_stored_as_typed() {
        let zalgo = format!("Z{}", "\u{0336}\u{0489}".repeat(40));
        assert_eq!(clean_line(&zalgo), zalgo.nfc().collect::<String>());
        assert_eq!(clean_line("紙灯籠 🎞 🇮🇷"), "紙灯籠 🎞 🇮🇷");
    }

    /// Characters that exercise every branch: printable ASCII, white space and line breaks, C0 and
    /// C1 controls and escape introducers, bidi controls, precomposed and combining letters (in and
    /// out of canonical order), Hangul jamo that compose, Persian with ZWNJ, and a singleton (U+212B,
    /// never in NFC).
    fn mixed() -> impl proptest::strategy::Strategy<Value = String> {
        let chars = proptest::sample::select(vec![
            'a', 'Z', ' ', '[', '2', 'J', '\t', '\n', '\r', '\u{0}', '\u{7}', '\u{1b}', '\u{7f}',
            '\u{85}', '\u{9b}', '\u{9c}', '\u{9d}', '\u{2028}', '\u{2029}', '\u{202E}', '\u{2066}',
            '\u{200F}', '\u{61C}', '\u{200C}', 'é', 'e', '\u{301}', '\u{323}', '\u{336}', 'ệ',
            '\u{1100}', '\u{1161}', '\u{11A8}', '가', 'ب', 'چ', 'ه', '\u{654}', '\u{212B}', 'Å',
            '\u{3000}', '\u{a0}', '紙', '🎞',
        ]);
        proptest::collection::vec(chars, 0..24).prop_map(|v| v.into_iter().collect())
    }

    use proptest::prelude::*;

    proptest! {
        /// The shortcut for clean text gives exactly what the long way gives, for any text.
        #[test]
        fn the_shortcut_cleans_exactly_as_the_long_way(s in mixed()) {
            prop_assert_eq!(clean_line(&s), cleaned_line(&s));
            prop_assert_eq!(clean_text(&s), cleaned_text(&s));
            if is_clean_line(&s) {
                prop_assert_eq!(cleaned_line(&s), s.trim());
            }
        }

        /// And for text of any characters at all.
        #[test]
        fn the_shortcut_agrees_on_any_text(s in any::<String>()) {
            prop_assert_eq!(clean_line(&s), cleaned_line(&s));
            prop_assert_eq!(clean_text(&s), cleaned_text(&s));
        }
    }
}
