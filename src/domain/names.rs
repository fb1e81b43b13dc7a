//! Names in two scripts (issue 18 item 10): a person credited as `Majid Majidi` may also be written
//! `مجید مجیدی`. A film keeps each credit list (`directors`, `writers`, `cast`) as it always has, plus
//! a list of originals paired with it by position, because a credit's place in the list is what ties
//! a person to their original name: `original_directors[i]` belongs to `directors[i]`, an empty entry
//! means "not known", and the originals list is never longer than the names and ends on a known one.
//!
//! Why paired lists rather than a `{name, original}` per person: every reader of the credits (tally
//! labels, conflicts, nominations, the identity index) goes on reading the Latin names it always read,
//! and older records simply have no originals.

/// Each name with its original (`""` when none is known).
pub fn paired<'a>(
    names: &'a [String],
    originals: &'a [String],
) -> impl Iterator<Item = (&'a str, &'a str)> {
    names
        .iter()
        .enumerate()
        .map(move |(i, name)| (name.as_str(), originals.get(i).map_or("", String::as_str)))
}

/// `Majid Majidi (مجید مجیدی)`, or the name alone when it has no other original. The parentheses keep
/// a right-to-left original readable in a left-to-right line whether the terminal or jurydesk reorders
/// it (the Unicode bidi algorithm gives the brackets the direction of the Latin name before them).
pub fn with_original(name: &str, original: &str) -> String {
    if original.is_empty() || original == name {
        name.to_string()
    } else {
        format!("{name} ({original})")
    }
}

/// A credit list as one line, each name beside its original: `Majid Majidi (مجید مجیدی), Ali Hatami`.
pub fn credits(names: &[String], originals: &[String]) -> String {
    paired(names, originals)
        .map(|(name, original)| with_original(name, original))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The originals of `new_names`, taken from `old_names`: what an edit that changes a credit list but
/// not its originals keeps. A name that stays keeps its original, whatever its new place; a name put
/// in the place of one that left (a spelling corrected) takes that place's original; a name added
/// has none yet.
pub fn repaired(
    old_names: &[String],
    old_originals: &[String],
    new_names: &[String],
) -> Vec<String> {
    let original_at = |i: usize| old_originals.get(i).cloned().unwrap_or_default();
    let originals = new_names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if let Some(j) = old_names.iter().position(|old| old == name) {
                original_at(j)
            } else if old_names.get(i).is_some_and(|old| !new_names.contains(old)) {
                original_at(i)
            } else {
                String::new()
            }
        })
        .collect();
    without_trailing_blanks(originals)
}

/// Drops the blank entries at the end of an originals list (they say nothing).
pub fn without_trailing_blanks(mut originals: Vec<String>) -> Vec<String> {
    while originals.last().is_some_and(String::is_empty) {
        originals.pop();
    }
    originals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_string()).collect()
    }

    #[test]
    fn names_pair_by_place_and_a_missing_original_is_blank() {
        let names = list(&["Karel Zeman", "Jan Procházka"]);
        let originals = list(&["کارل زمان"]);
        assert_eq!(
            paired(&names, &originals).collect::<Vec<_>>(),
            [("Karel Zeman", "کارل زمان"), ("Jan Procházka", "")]
        );
        assert_eq!(
            credits(&names, &originals),
            "Karel Zeman (کارل زمان), Jan Procházka"
        );
        assert_eq!(with_original("پریسا مهدوی", "پریسا مهدوی"), "پریسا مهدوی");
    }

    #[test]
    fn an_edit_of_the_names_keeps_each_name_s_original() {
        let old = list(&["A", "B", "C"]);
        let originals = list(&["الف", "", "ج"]);
        assert_eq!(
            repaired(&old, &originals, &list(&["C", "D", "A"])),
            list(&["ج", "", "الف"])
        );
        assert!(repaired(&old, &originals, &list(&["B", "D"])).is_empty());
        assert_eq!(
            repaired(
                &list(&["Majid Majid"]),
                &list(&["مجید مجیدی"]),
                &list(&["Majid Majidi"])
            ),
            list(&["مجید مجیدی"]),
            "a spelling corrected in place keeps the original"
        );
    }

    proptest::proptest! {
        /// However the names are reordered, each keeps the original it had; names left out take
        /// theirs with them.
        #[test]
        fn reordered_names_keep_their_own_originals(
            count in 0usize..8,
            known in proptest::collection::vec(proptest::bool::ANY, 8),
            order in proptest::collection::vec(0usize..8, 0..8),
        ) {
            let names: Vec<String> = (0..count).map(|i| format!("Name {i}")).collect();
            let originals = without_trailing_blanks(
                (0..count)
                    .map(|i| if known[i] { format!("نام {i}") } else { String::new() })
                    .collect(),
            );
            let mut new_names: Vec<String> = Vec::new();
            for i in order.into_iter().filter(|&i| i < count) {
                if !new_names.contains(&names[i]) {
                    new_names.push(names[i].clone());
                }
            }
            let repaired = repaired(&names, &originals, &new_names);
            proptest::prop_assert!(repaired.len() <= new_names.len());
            for (name, original) in paired(&new_names, &repaired) {
                let i: usize = name["Name ".len()..].parse().unwrap();
                let expected = if known[i] { format!("نام {i}") } else { String::new() };
                proptest::prop_assert_eq!(original, expected.as_str());
            }
        }
    }
}
