//! Sorting names and titles as their readers expect (docs/text.md#collation): by ICU4X's collator
//! (`icu_collator`), with numbers in numeric order ("Border 1086" before "Border 10085"), Persian
//! collation for text in the Arabic script (پ after ب, چ after ج, ژ after ز, گ after ک, و before ه,
//! which code-point order gets wrong) and the root collation (CLDR's order for every other script)
//! otherwise.
//!
//! [`sort_key`] gives bytes whose plain byte order is that order, so a list of 100,000 rows keeps one
//! key per row (the read model stores them, see `store::summary`) and sorts by comparing bytes,
//! never calling the collator while it sorts. A key starts with a byte naming the collation it was
//! made with: titles in the Latin and other scripts first (root), then those in the Arabic script
//! (Persian), so keys of the two collations are never compared with each other.

use std::cmp::Ordering;
use std::sync::LazyLock;

use icu_collator::options::CollatorOptions;
use icu_collator::preferences::CollationNumericOrdering;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;

/// The group byte of a key made by the root collation.
const ROOT: u8 = 1;
/// The group byte of a key made by the Persian collation.
const PERSIAN: u8 = 2;

/// A collator with numeric ordering for `prefs`; `None` only if ICU4X's compiled data lacked it, in
/// which case keys fall back to the text's bytes (still a total order, never a panic).
fn collator(mut prefs: CollatorPreferences) -> Option<CollatorBorrowed<'static>> {
    prefs.numeric_ordering = Some(CollationNumericOrdering::True);
    CollatorBorrowed::try_new(prefs, CollatorOptions::default()).ok()
}

static ROOT_COLLATOR: LazyLock<Option<CollatorBorrowed<'static>>> =
    LazyLock::new(|| collator(CollatorPreferences::default()));

static PERSIAN_COLLATOR: LazyLock<Option<CollatorBorrowed<'static>>> =
    LazyLock::new(|| collator(CollatorPreferences::from(&locale!("fa"))));

/// Whether a letter is of the Arabic script (Arabic, Persian, Urdu letters and their presentation
/// forms).
fn is_arabic_script(c: char) -> bool {
    matches!(c,
        '\u{0600}'..='\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// The collation for `text`: Persian when its first letter is in the Arabic script, root otherwise
/// (digits, spaces and punctuation before the first letter decide nothing).
fn is_persian(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(is_arabic_script)
}

/// The sort key of `text`: comparing two keys as bytes orders their texts as described above.
pub fn sort_key(text: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(text.len() * 3 + 4);
    let (group, collator) = if is_persian(text) {
        (PERSIAN, &*PERSIAN_COLLATOR)
    } else {
        (ROOT, &*ROOT_COLLATOR)
    };
    key.push(group);
    match collator {
        Some(collator) => {
            let Ok(()) = collator.write_sort_key_to(text, &mut key);
        }
        None => key.extend_from_slice(text.as_bytes()),
    }
    key
}

/// Compares two texts as their sort keys would (for short lists that keep no keys: jurors, countries
/// in a statistic).
pub fn compare(a: &str, b: &str) -> Ordering {
    sort_key(a).cmp(&sort_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut items: Vec<&str>) -> Vec<&str> {
        items.sort_by_cached_key(|s| sort_key(s));
        items
    }

    #[test]
    fn numbers_sort_by_value() {
        assert_eq!(
            sorted(vec!["Border 10085", "Border 1086", "Border 2", "Border 10"]),
            ["Border 2", "Border 10", "Border 1086", "Border 10085"]
        );
        // Persian digits are numbers too.
        assert_eq!(
            sorted(vec!["مرز ۱۰۰۸۵", "مرز ۱۰۸۶"]),
            ["مرز ۱۰۸۶", "مرز ۱۰۰۸۵"]
        );
    }

    #[test]
    fn latin_titles_follow_the_root_collation() {
        assert_eq!(
            sorted(vec![
                "zebra",
                "Éclair",
                "apple",
                "eclair",
                "Zoo",
                "Ångström"
            ]),
            ["Ångström", "apple", "eclair", "Éclair", "zebra", "Zoo"]
        );
    }

    /// Persian alphabetical order, checked by hand against a Persian dictionary's: ا ب پ ت ث ج چ ح خ
    /// د ذ ر ز ژ س ش ص ض ط ظ ع غ ف ق ک گ ل م ن و ه ی. Code-point order puts پ چ ژ گ after ی (they
    /// are later additions to the Arabic block) and ه before و.
    #[test]
    fn persian_titles_sort_in_persian_order() {
        let expected = vec![
            "آب",       // alef madda
            "باران",    // be
            "پدر",      // pe
            "تهران",    // te
            "جدایی",    // jim
            "چهارشنبه", // che
            "خانه",     // khe
            "زیر",      // ze
            "ژاله",     // zhe
            "سلام",      // sin
            "کلید",     // kaf
            "گبه",      // gaf
            "لیلا",      // lam
            "نان",      // nun
            "وحید",     // vav
            "هامون",    // he
            "یک",       // ye
        ];
        let mut shuffled = expected.clone();
        shuffled.reverse();
        shuffled.swap(2, 9);
        assert_eq!(sorted(shuffled.clone()), expected);
        // What code-point order would do instead: پ چ ژ گ after ی, ه before و.
        let mut by_code_point = shuffled;
        by_code_point.sort_unstable();
        assert_ne!(by_code_point, expected);
    }

    #[test]
    fn arabic_variants_sort_with_their_persian_letters() {
        // Arabic ي and ك sort as Persian ی and ک (and search folds them, docs/text.md#folding).
        assert_ne!(
            compare("كليد", "کلید"),
            Ordering::Equal,
            "distinct texts, distinct keys"
        );
        let order = sorted(vec!["گبه", "كليد", "لیلا"]);
        assert_eq!(order, ["كليد", "گبه", "لیلا"]);
    }

    #[test]
    fn latin_titles_come_before_persian_ones() {
        assert_eq!(
            sorted(vec!["باران", "Rain", "۱۹۱۷", "1917 Nights"]),
            ["۱۹۱۷", "1917 Nights", "Rain", "باران"]
        );
    }

    #[test]
    fn empty_and_odd_text_has_a_key() {
        assert!(sort_key("") < sort_key("a"));
        assert!(!sort_key("\u{200C}\u{0640}").is_empty());
    }
}
