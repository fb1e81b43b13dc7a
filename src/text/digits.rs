//! Digits as people type them (docs/text.md#digits): a Persian or Arabic keyboard gives `۲`
//! (U+06F2) or `٢` (U+0662), not `2`. Wherever a number is typed — ballot entry on the desk,
//! `--rank`, `--score`, `--vote`, a ballots CSV — those digits mean the ASCII ones.
//!
//! [`parse_number`] is the one way a typed number is read, on the desk, on the command line (as a clap
//! value parser) and in imported files: a new parse site that calls `str::parse` directly would refuse
//! `۲`.

use std::borrow::Cow;
use std::str::FromStr;

/// The ASCII digit a Persian (`۰`–`۹`) or Arabic-Indic (`٠`–`٩`) digit stands for; any other
/// character as it is.
pub fn ascii_digit(c: char) -> char {
    match c {
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => c,
    }
}

/// The value of a digit in any of the three scripts (`7`, `۷`, `٧`), or `None`.
pub fn digit_value(c: char) -> Option<u8> {
    ascii_digit(c)
        .to_digit(10)
        .and_then(|d| u8::try_from(d).ok())
}

/// `text` with its Persian and Arabic-Indic digits written as ASCII digits (`۲ > ۱` → `2 > 1`);
/// borrowed when there is none, so the common case costs nothing.
pub fn to_ascii(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| ascii_digit(c) == c) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().map(ascii_digit).collect())
    }
}

/// A number typed in ASCII, Persian or Arabic-Indic digits (`12`, `۱۲`, `١٢`), surrounding spaces
/// ignored; the type's own error otherwise. Also the value parser of every numeric command-line
/// argument (`--year ۲۰۲۵`).
pub fn parse_number<T: FromStr>(typed: &str) -> Result<T, T::Err> {
    to_ascii(typed.trim()).parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_in_each_script() {
        assert_eq!(parse_number::<u32>("۱۲۰"), Ok(120));
        assert_eq!(parse_number::<u32>("١٢٠"), Ok(120));
        assert_eq!(parse_number::<u32>(" 120 "), Ok(120));
        assert_eq!(parse_number::<i32>("۱۴۰۳"), Ok(1403));
        assert_eq!(parse_number::<f64>("۷.۵"), Ok(7.5));
        assert_eq!(parse_number::<u64>("۱۲۳۴۵۶۷۸۹۰۱۲"), Ok(123_456_789_012));
        // Mixed scripts in one number still mean the digits they are.
        assert_eq!(parse_number::<u32>("1۲٣"), Ok(123));
        assert!(parse_number::<u32>("۱۲x").is_err());
        assert!(parse_number::<u32>("").is_err());
        assert!(parse_number::<u32>("-۱").is_err());
    }

    #[test]
    fn persian_and_arabic_indic_digits_become_ascii() {
        assert_eq!(to_ascii("۲ > ۱"), "2 > 1");
        assert_eq!(to_ascii("٣=٨, ۱۰=۹"), "3=8, 10=9");
        assert_eq!(to_ascii("۰۱۲۳۴۵۶۷۸۹"), "0123456789");
        assert_eq!(to_ascii("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        // Letters, ASCII digits and other scripts' digits are left alone.
        assert_eq!(to_ascii("بچه‌های آسمان 2"), "بچه‌های آسمان 2");
        assert!(matches!(to_ascii("12 > 3"), Cow::Borrowed(_)));
        assert_eq!(
            to_ascii("१२"),
            "१२",
            "Devanagari digits are not typed on these desks"
        );
        assert_eq!(digit_value('۹'), Some(9));
        assert_eq!(digit_value('٠'), Some(0));
        assert_eq!(digit_value('5'), Some(5));
        assert_eq!(digit_value('x'), None);
    }
}
