//! Search folding: two spellings a secretary would call "the same" fold to the same string.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The folded form of `s` (docs/text.md#folding): compatibility decomposition, case folding,
/// accents, harakat and tatweel dropped, Arabic-script letter variants unified to their Persian
/// forms, zero-width joiners dropped, Persian and Arabic-Indic digits turned into ASCII digits, runs of
/// white space made one space.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return fold_ascii(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let Some(c) = unify(c) else { continue };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// The same folding for ASCII text, which has no accents, variants or joiners to remove: lower case
/// and single spaces. Most titles and names are ASCII, and this is many times faster than
/// decomposing them.
fn fold_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for b in s.bytes() {
        if b.is_ascii_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        // Control characters fold away in the general path too (they are not letters).
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
    out
}

/// One character's folded form, or `None` to drop it.
fn unify(c: char) -> Option<char> {
    Some(match c {
        // Arabic yeh, alef maksura → Persian yeh; Arabic kaf → keheh; teh marbuta → heh.
        'ي' | 'ى' | 'ئ' => 'ی',
        'ك' => 'ک',
        'ة' | 'ە' | 'ہ' | 'ھ' => 'ه', // ۀ decomposes to ە + hamza above
        // Alef variants decompose under NFKD, except alef wasla.
        'ٱ' => 'ا',
        // Tatweel, zero-width non-joiner and joiner, soft hyphen, BOM: invisible.
        '\u{0640}' | '\u{200C}' | '\u{200D}' | '\u{00AD}' | '\u{FEFF}' => return None,
        // Persian (U+06F0…) and Arabic-Indic (U+0660…) digits.
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => c,
    })
}

/// A search query, folded once, matched against folded haystacks.
///
/// Spaces are ignored when matching: Persian writes the same word with a space, a zero-width non-joiner
/// or nothing between its parts (`بچه های` = `بچه‌های` = `بچههای`), so `بچه های آسمان` must find
/// `بچه‌های آسمان`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matcher {
    needle: String,
}

impl Matcher {
    pub fn new(query: &str) -> Self {
        Matcher {
            needle: squash(&fold(query)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.needle.is_empty()
    }

    /// Whether the folded haystack contains the query. A haystack may hold several fields separated by
    /// line breaks; a match never spans two fields.
    pub fn matches_folded(&self, folded_haystack: &str) -> bool {
        if self.needle.is_empty() {
            return true;
        }
        folded_haystack.split('\n').any(|field| {
            if field.contains(' ') {
                squash(field).contains(&self.needle)
            } else {
                field.contains(&self.needle)
            }
        })
    }

    pub fn matches(&self, haystack: &str) -> bool {
        self.matches_folded(&fold(haystack))
    }

    /// Whether a haystack made by `prepare` contains the query: one substring search, no allocation,
    /// for matching many rows per keystroke.
    pub fn matches_prepared(&self, prepared: &str) -> bool {
        self.needle.is_empty() || prepared.contains(&self.needle)
    }
}

/// A folded haystack of line-separated fields with the spaces taken out of each field, the form
/// `Matcher::matches_prepared` compares against. The line breaks stay, so a match never spans fields.
pub fn prepare(folded: &str) -> String {
    squash(folded)
}

fn squash(folded: &str) -> String {
    folded.chars().filter(|c| *c != ' ').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_spellings_find_persian_ones() {
        assert!(Matcher::new("كيارستمي").matches("عباس کیارستمی"));
        assert_eq!(fold("آ"), fold("ا"));
        assert_eq!(fold("أإ"), fold("اا"));
        assert_eq!(fold("ۀ"), fold("ه"));
        assert_eq!(fold("ة"), fold("ه"));
    }

    #[test]
    fn zwnj_and_spaces_do_not_matter_in_persian_words() {
        let title = "بچه\u{200C}های آسمان";
        assert!(Matcher::new("بچه های آسمان").matches(title));
        assert!(Matcher::new("بچههای").matches(title));
        assert!(Matcher::new("بچه‌های").matches(title));
    }

    #[test]
    fn harakat_tatweel_and_digits_fold() {
        assert_eq!(fold("مُحَمَّد"), fold("محمد"));
        assert_eq!(fold("کتـــاب"), fold("کتاب"));
        assert!(Matcher::new("۳").matches("3 Faces"));
        assert!(Matcher::new("3").matches("سه ۳"));
        assert!(Matcher::new("٣").matches("3"));
    }

    #[test]
    fn the_ascii_shortcut_folds_like_the_general_path() {
        for s in ["  North  from South\tWest ", "CAFE", "a\u{7}b", "", "x  y"] {
            let general: String = {
                let mut out = String::new();
                let mut pending = false;
                for c in s.nfkd() {
                    if c.is_whitespace() {
                        pending = !out.is_empty();
                        continue;
                    }
                    if pending {
                        out.push(' ');
                        pending = false;
                    }
                    out.extend(c.to_lowercase());
                }
                out
            };
            assert_eq!(fold(s), general, "{s:?}");
        }
    }

    #[test]
    fn latin_accents_and_case_fold() {
        assert!(Matcher::new("cafe").matches("Café Society"));
        assert!(Matcher::new("CAFÉ").matches("cafe"));
        assert!(Matcher::new("ﬁlm").matches("FILM"));
        assert!(Matcher::new("").matches("anything"));
    }
}
