//! Keeping control characters out of the store and out of the terminal (SPEC §5.5, §8): a title that
//! holds an escape sequence must never retitle, clear or recolour the secretary's terminal.

use unicode_normalization::UnicodeNormalization;

/// Characters that reorder text or smuggle formatting: bidi embeddings, overrides and isolates.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// A single-line field as it is stored: NFC, control characters and bidi controls removed, line breaks
/// and tabs turned into spaces, surrounding white space trimmed.
pub fn clean_line(s: &str) -> String {
    let spaced: String = s
        .nfc()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() || is_bidi_control(c) => None,
            c => Some(c),
        })
        .collect();
    spaced.trim().to_string()
}

/// A multi-line field (synopsis, notes) as it is stored: NFC, line breaks kept (as `\n`), tabs kept,
/// every other control character and bidi control removed.
pub fn clean_text(s: &str) -> String {
    let unified = s.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .nfc()
        .filter(|&c| c == '\n' || c == '\t' || !(c.is_control() || is_bidi_control(c)))
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Text about to be drawn or printed: every control character shown as a visible replacement, so that
/// nothing read from a file or a store can drive the terminal; and pictographs that default to text
/// presentation (🎞 U+1F39E) given the emoji selector, so that the terminal and the layout agree
/// that they take two cells.
pub fn for_terminal(s: &str) -> std::borrow::Cow<'_, str> {
    let needs_work = s
        .chars()
        .any(|c| c.is_control() || is_bidi_control(c) || is_narrow_pictograph(c));
    if !needs_work {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 4);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c if is_bidi_control(c) => {}
            c if is_narrow_pictograph(c) => {
                out.push(c);
                if !matches!(chars.peek(), Some('\u{FE0F}' | '\u{FE0E}')) {
                    out.push('\u{FE0F}');
                }
            }
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A pictograph that unicode-width counts as one cell (text presentation by default) but most
/// terminals draw as a two-cell emoji.
fn is_narrow_pictograph(c: char) -> bool {
    matches!(c, '\u{1F000}'..='\u{1FAFF}') && unicode_width::UnicodeWidthChar::width(c) == Some(1)
}

/// Several lines about to be printed: each line made safe, the line breaks kept.
pub fn for_terminal_block(s: &str) -> String {
    s.split('\n')
        .map(|line| for_terminal(line))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_survive() {
        let hostile = "Title\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202E}txet";
        for cleaned in [
            clean_line(hostile),
            clean_text(hostile),
            for_terminal(hostile).into_owned(),
        ] {
            assert!(!cleaned.chars().any(|c| c.is_control()), "{cleaned:?}");
            assert!(!cleaned.contains('\u{202E}'));
        }
    }

    #[test]
    fn text_style_pictographs_get_the_emoji_selector_and_two_cells() {
        use unicode_width::UnicodeWidthStr;
        let shown = for_terminal("🎞 Reel Memories");
        assert_eq!(shown, "🎞\u{FE0F} Reel Memories");
        assert_eq!(shown.width(), 2 + 1 + 13);
        assert_eq!(for_terminal("😀"), "😀", "already wide: unchanged");
        assert_eq!(for_terminal("🎞\u{FE0F}"), "🎞\u{FE0F}", "not twice");
    }

    #[test]
    fn lines_are_trimmed_and_normalised() {
        assert_eq!(clean_line("  Cafe\u{301}\n Society\t"), "Café  Society");
        assert_eq!(clean_text("one\r\ntwo\rthree\n\n"), "one\ntwo\nthree");
        assert_eq!(
            clean_line("بچه\u{200C}های"),
            "بچه\u{200C}های",
            "ZWNJ is a letter-joining control, kept"
        );
    }
}
