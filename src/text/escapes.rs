//! Terminal escape sequences inside text (docs/formats.md#bad-input). A cell of a CSV file or an
//! argument on the command line can hold `ESC ]0;title BEL` (retitle the window), `ESC ]52;c;… BEL`
//! (write the clipboard), `ESC [2J` (clear the screen) or their one-byte C1 forms. Before such text is
//! stored, the sequences are taken out whole, so that `ESC [2J` leaves nothing behind rather than a
//! stray `[2J`.
//!
//! The grammar is ECMA-48's, read the way terminals read it: a sequence ends at its final byte, and a
//! character that cannot belong to it ends it early (and is kept), so a stray ESC never swallows the
//! words after it.

/// ESC: starts every 7-bit sequence.
const ESC: char = '\u{1b}';
/// The string terminator, one-byte form (the two-byte form is `ESC \`).
const ST: char = '\u{9c}';
/// BEL: ends an operating-system command (OSC) in the form xterm accepts.
const BEL: char = '\u{7}';
/// CAN and SUB: abort any sequence in progress.
const CAN: char = '\u{18}';
const SUB: char = '\u{1a}';

/// What follows an introducer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    /// Control sequence (`ESC [` or U+009B): parameters, intermediates, one final byte.
    Control,
    /// Command string (OSC, DCS, SOS, PM, APC): anything up to BEL or ST.
    String,
}

/// The characters that introduce a sequence in their one-byte C1 form.
fn c1_introducer(c: char) -> Option<Body> {
    match c {
        '\u{9b}' => Some(Body::Control),
        '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => Some(Body::String),
        _ => None,
    }
}

/// Whether `s` holds anything that starts an escape sequence.
pub fn has_escape_sequences(s: &str) -> bool {
    s.chars().any(|c| c == ESC || c1_introducer(c).is_some())
}

/// `s` without its escape sequences, and how many were removed. Text without any is returned as is.
pub fn strip_escape_sequences(s: &str) -> (String, usize) {
    if !has_escape_sequences(s) {
        return (s.to_string(), 0);
    }
    let mut out = String::with_capacity(s.len());
    let mut removed = 0;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let body = if c == ESC {
            match chars.peek() {
                Some('[') => {
                    chars.next();
                    Some(Body::Control)
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    chars.next();
                    Some(Body::String)
                }
                // `ESC c` (reset), `ESC 7`, `ESC ( 0` (line-drawing characters): intermediates in
                // 0x20..=0x2F, then one final character in 0x30..=0x7E.
                Some(' '..='~') => {
                    while chars.next_if(|c| (' '..='/').contains(c)).is_some() {}
                    chars.next_if(|c| ('0'..='~').contains(c));
                    None
                }
                // A lone ESC: nothing follows that a terminal would read with it.
                _ => None,
            }
        } else if let Some(body) = c1_introducer(c) {
            Some(body)
        } else {
            out.push(c);
            continue;
        };
        removed += 1;
        match body {
            Some(Body::Control) => skip_control_sequence(&mut chars),
            Some(Body::String) => skip_command_string(&mut chars),
            None => {}
        }
    }
    (out, removed)
}

/// Parameters (0x30..=0x3F) and intermediates (0x20..=0x2F), then one final byte (0x40..=0x7E).
/// Anything else ends the sequence and stays in the text.
fn skip_control_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            ' '..='?' => {
                chars.next();
            }
            '@'..='~' | CAN | SUB => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

/// A command string: everything up to BEL, ST or `ESC \`; CAN and SUB abort it, another ESC ends it
/// (and starts the next sequence). An unterminated string runs to the end of the text, as it would
/// in a terminal.
fn skip_command_string(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            BEL | ST | CAN | SUB => {
                chars.next();
                return;
            }
            ESC => {
                chars.next();
                chars.next_if_eq(&'\\');
                return;
            }
            _ => {
                chars.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> (String, usize) {
        strip_escape_sequences(s)
    }

    #[test]
    fn sequences_go_whole() {
        assert_eq!(strip("A\u{1b}[2JB"), ("AB".into(), 1));
        assert_eq!(strip("A\u{1b}[38;5;196mB\u{1b}[0m"), ("AB".into(), 2));
        assert_eq!(strip("A\u{1b}]0;pwned\u{7}B"), ("AB".into(), 1));
        assert_eq!(
            strip("A\u{1b}]52;c;cm0gLXJmIH4=\u{1b}\\B"),
            ("AB".into(), 1),
            "clipboard write ended by ESC \\"
        );
        assert_eq!(strip("A\u{1b}]0;x\u{1b}\\B\u{9b}31mC"), ("ABC".into(), 2));
        assert_eq!(
            strip("A\u{9d}0;t\u{9c}B"),
            ("AB".into(), 1),
            "8-bit OSC and ST"
        );
        assert_eq!(strip("A\u{1b}PqDCS\u{1b}\\B"), ("AB".into(), 1));
        assert_eq!(strip("A\u{1b}cB\u{1b}(0C\u{1b}7D"), ("ABCD".into(), 3));
        assert_eq!(strip("plain"), ("plain".into(), 0));
    }

    #[test]
    fn a_broken_sequence_keeps_the_words_after_it() {
        assert_eq!(
            strip("\u{1b}[12جاده نمک"),
            ("جاده نمک".into(), 1),
            "a letter that cannot be in a control sequence ends it"
        );
        assert_eq!(strip("Title \u{1b}"), ("Title ".into(), 1));
        assert_eq!(strip("a\u{1b}\u{1b}[2Jb"), ("ab".into(), 2));
        assert_eq!(strip("a\u{1b}éb"), ("aéb".into(), 1));
        assert_eq!(strip("a\u{1b}[1\u{18}b"), ("ab".into(), 1), "CAN aborts");
        assert_eq!(
            strip("a\u{1b}]0;never ends"),
            ("a".into(), 1),
            "an unterminated title runs to the end, as in a terminal"
        );
    }

    #[test]
    fn what_is_left_has_no_introducer() {
        for s in [
            "\u{1b}\u{1b}\u{1b}",
            "\u{9b}\u{9b}",
            "\u{1b}[\u{1b}]\u{1b}P",
            "x\u{1b}[?1049h\u{9d}",
        ] {
            let (out, _) = strip(s);
            assert!(!has_escape_sequences(&out), "{s:?} → {out:?}");
        }
    }
}
