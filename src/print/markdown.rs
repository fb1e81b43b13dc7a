//! Escaping for Markdown: a value is text, never markup, whatever a title holds (`*`, `|`, `<script>`,
//! `[link](…)`, a `#` that would start a heading).

/// `text` with every character Markdown (CommonMark, GitHub tables) gives a meaning backslash-escaped
/// (`(` and `!` mean something only after `]` or before `[`, which are escaped),
/// and line breaks turned into spaces (a value never ends a table row or a paragraph).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut at_start = true;
    let mut digits = false;
    for c in text.chars() {
        match c {
            '\r' | '\n' => {
                out.push(' ');
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' => {
                out.push('\\');
            }
            '-' | '+' | '=' if at_start => out.push('\\'),
            '.' if digits => out.push('\\'),
            _ => {}
        }
        digits = (at_start || digits) && c.is_ascii_digit();
        at_start = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_stays_text() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape("a | b *c* [x](y)"), "a \\| b \\*c\\* \\[x\\](y)");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("هفت زمستان"), "هفت زمستان");
        assert_eq!(escape("Mina-Sadeghi 3.5"), "Mina-Sadeghi 3.5");
    }
}
