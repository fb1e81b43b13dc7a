//! Fitting text into terminal cells, measured as the terminal draws them (CJK and emoji take two).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::for_terminal;

/// `s` made safe for the terminal and cut to at most `width` cells, ending in `…` when cut.
pub fn fit(s: &str, width: usize) -> String {
    let safe = for_terminal(s);
    let safe = match super::bidi::for_display(&safe) {
        std::borrow::Cow::Owned(visual) => std::borrow::Cow::Owned(visual),
        std::borrow::Cow::Borrowed(_) => safe,
    };
    if safe.width() <= width {
        return safe.into_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let mut previous: Option<char> = None;
    for c in safe.chars() {
        // The emoji selector widens the pictograph before it to two cells (see `for_terminal`).
        let w = match (previous, c) {
            (Some(p), '\u{FE0F}') if p.width() == Some(1) && !p.is_ascii() => 1,
            _ => c.width().unwrap_or(0),
        };
        previous = Some(c);
        if used + w > width - 1 {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::fit;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn cuts_by_display_width() {
        assert_eq!(fit("North from South West", 10), "North fro…");
        assert_eq!(fit("short", 10), "short");
        assert_eq!(fit("紙灯籠紙灯籠", 5), "紙灯…");
        assert!(fit("🎞 Reel Memories", 4).width() <= 4);
        assert_eq!(fit("anything", 0), "");
        assert_eq!(fit("ab", 1), "…");
    }
}
