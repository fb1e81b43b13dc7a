//! Messages for people: "added submission 12: …", "nominated … as number 3", "undid #40: …", import
//! reports, warnings and notes. They quote what the store holds (titles, names, labels, audit actions)
//! and what was typed (a file name, a juror reference), and a record restored from an old or edited
//! store may hold anything; so every message goes out through here, where it is made safe for the
//! terminal as a whole (docs/formats.md#bad-input): control characters shown as their pictures, bidi
//! controls dropped, combining stacks capped (`text::for_terminal`). One choke point, so that a
//! message added later cannot forget it.
//!
//! Data is not a message: listings as JSON and CSV keep every character and make themselves safe in
//! their own way (`output`); backups and exported sheets are documents for programs, written as
//! they are.

use std::fmt;
use std::io::{self, Write};

use crate::text::{for_terminal, for_terminal_block};

/// Writing messages: `out.say(format_args!(…))`, through the `say!` macro.
pub trait Say: Write {
    /// Writes one message line, made safe for the terminal. A line break inside what the message
    /// quotes is shown as a space: a stored name cannot forge a second line.
    fn say(&mut self, message: fmt::Arguments<'_>) -> io::Result<()> {
        writeln!(self, "{}", safe(message))
    }
}

impl<W: Write + ?Sized> Say for W {}

/// Writes text of several lines (a results sheet, a count) as it is laid out, each line made safe.
pub fn block(out: &mut impl Write, text: &str) -> io::Result<()> {
    out.write_all(for_terminal_block(text).as_bytes())
}

/// Writes one warning or note line to stderr, made safe for the terminal like `Say::say`.
pub fn to_stderr(message: fmt::Arguments<'_>) {
    eprintln!("{}", safe(message));
}

fn safe(message: fmt::Arguments<'_>) -> String {
    match message.as_str() {
        // A message with nothing formatted into it is written in the code: nothing to make safe.
        Some(fixed) => fixed.to_string(),
        None => for_terminal(&message.to_string()).into_owned(),
    }
}

/// `say!(out, "added {}: {}", id, title)`: a message line on `out`, made safe (see the module).
macro_rules! say {
    ($out:expr, $($arg:tt)*) => {
        {
            use $crate::cli::say::Say as _;
            $out.say(format_args!($($arg)*))
        }
    };
}

/// `tell!("warning: {} …", name)`: a warning or note on stderr, made safe (see the module).
macro_rules! tell {
    ($($arg:tt)*) => {
        $crate::cli::say::to_stderr(format_args!($($arg)*))
    };
}

pub(crate) use {say, tell};

#[cfg(test)]
mod tests {
    use super::*;

    fn said(message: fmt::Arguments<'_>) -> String {
        let mut out = Vec::new();
        out.say(message).expect("written to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn what_a_message_quotes_is_shown_not_obeyed() {
        let title = "Evil\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202E}Film\0";
        assert_eq!(
            said(format_args!("added submission 7: {title} (hx-1)")),
            "added submission 7: Evil␛]0;pwned␇␛[2J␛31mFilm␀ (hx-1)\n"
        );
    }

    #[test]
    fn a_quoted_line_break_cannot_forge_a_second_line() {
        let name = "Zed\nimported 0 rows\r\u{85}";
        assert_eq!(
            said(format_args!("added juror 1: {name}")),
            "added juror 1: Zed imported 0 rows  \n"
        );
    }

    #[test]
    fn a_block_keeps_its_own_line_breaks() {
        let mut out = Vec::new();
        block(&mut out, "Best Film: Evil\u{1b}[2J\n  decided by count\n").expect("written");
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "Best Film: Evil␛[2J\n  decided by count\n"
        );
    }
}
