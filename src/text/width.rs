//! Fitting text into terminal cells, measured as the terminal draws them (docs/text.md#widths): CJK
//! and emoji take two cells, combining marks none.
//!
//! The measure is per character, as terminals advance the cursor, not per string: width tables count
//! some letter pairs as one ligature (Arabic lam-alef `لا` is one cell for `UnicodeWidthStr::width`)
//! that a terminal draws in two cells, which would shift every column after a Persian title.

use unicode_normalization::char::is_combining_mark;
use unicode_width::UnicodeWidthChar;

use super::for_terminal;
use super::terminal::widened_by_emoji_selector;

/// The cells `s` takes on screen once it has been through `for_terminal`.
pub fn width(s: &str) -> usize {
    let mut total = 0;
    let mut previous = None;
    for c in s.chars() {
        total += match (previous, c) {
            (Some(p), '\u{FE0F}') if widened_by_emoji_selector(p) => 1,
            _ => c.width().unwrap_or(0),
        };
        previous = Some(c);
    }
    total
}

/// `s` made safe for the terminal (`for_terminal`), put in display order (`bidi`) and cut to at most
/// `cells` cells, ending in `…` when cut. A character is never cut from its combining marks or its
/// emoji selector.
pub fn fit(s: &str, cells: usize) -> String {
    let safe = for_terminal(s);
    let shown = super::bidi::for_display(&safe);
    if width(&shown) <= cells {
        return shown.into_owned();
    }
    if cells == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for cluster in clusters(&shown) {
        let w = width(cluster);
        if used + w > cells - 1 {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// `s` in pieces that are drawn together: a character and the combining marks after it (the emoji
/// selector is one).
pub(super) fn clusters(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        let mut chars = rest.char_indices();
        chars.next()?;
        let end = chars
            .find(|&(_, c)| !is_combining_mark(c))
            .map_or(rest.len(), |(i, _)| i);
        let (cluster, after) = rest.split_at(end);
        rest = after;
        Some(cluster)
    })
}

#[cfg(test)]
mod tests {
    use super::{clusters, fit, width};

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(fit("North from South West", 10), "North fro…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("紙灯籠紙灯籠", 5), "紙灯…");
        assert!(width(&fit("🎞 Reel Memories", 4)) <= 4);
        assert_eq!(fit("anything", 0), "");
        assert_eq!(fit("ab", 1), "…");
    }

    #[test]
    fn a_pictograph_is_not_cut_from_its_selector() {
        // 🎞 is shown as 🎞 + U+FE0F, two cells: with two cells left for it (three minus the
        // ellipsis) it fits whole, with one it goes whole.
        assert_eq!(fit("🎞🎞🎞", 3), "🎞\u{FE0F}…");
        assert_eq!(fit("a🎞🎞", 3), "a…");
    }

    #[test]
    fn lam_alef_takes_two_cells_as_terminals_draw_it() {
        assert_eq!(width("لا"), 2);
        assert_eq!(width("بالا"), 4);
        assert_eq!(width("🎞\u{FE0F}"), 2);
        assert_eq!(width("e\u{301}"), 1);
    }

    #[test]
    fn clusters_keep_marks_with_their_letter() {
        let parts: Vec<&str> = clusters("e\u{301}x\u{200C}م\u{64E}").collect();
        assert_eq!(parts, ["e\u{301}", "x", "\u{200C}", "م\u{64E}"]);
        assert_eq!(clusters("").count(), 0);
    }
}
