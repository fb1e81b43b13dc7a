//! Jurors and categories named by people (`--juror`, `--category`, the cells of a ballots file):
//! an id, or the whole name as stored, equal after folding (docs/text.md#folding) and nothing else.
//! A prefix or a near miss is never taken: `Ann` must not become "Anna Karina", because a ballot
//! credited to the wrong juror is worse than a refused one. What does not match exactly is an error
//! that suggests the close names and lists the candidates when they are few; two items that fold alike
//! are an error too.
//!
//! `Names` indexes a list once (folded name → items), so that a file of 10,000 rows resolves each
//! name in constant time instead of folding the whole jury per row.

use std::collections::HashMap;

use super::{DeskError, Result};
use crate::domain::Id;
use crate::text::fold;

/// At most this many close names are suggested.
const SUGGESTED: usize = 3;

/// An index of items by id and by folded name.
pub struct Names<'a, T> {
    /// What an item is ("juror", "category"), for messages.
    what: &'static str,
    /// Where the items live ("on the jury of fajr-43"), for messages.
    within: String,
    items: &'a [T],
    /// Each item's id, name and folded name, in `items` order.
    labels: Vec<(Id, String, String)>,
    by_folded: HashMap<String, Vec<usize>>,
    by_id: HashMap<Id, usize>,
}

impl<'a, T> Names<'a, T> {
    pub fn new(
        what: &'static str,
        within: impl Into<String>,
        items: &'a [T],
        id: impl Fn(&T) -> Id,
        name: impl Fn(&T) -> &str,
    ) -> Self {
        let mut by_folded: HashMap<String, Vec<usize>> = HashMap::with_capacity(items.len());
        let mut by_id = HashMap::with_capacity(items.len());
        let mut labels = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let folded = fold(name(item));
            by_folded.entry(folded.clone()).or_default().push(i);
            by_id.insert(id(item), i);
            labels.push((id(item), name(item).to_string(), folded));
        }
        Names {
            what,
            within: within.into(),
            items,
            labels,
            by_folded,
            by_id,
        }
    }

    /// The item `reference` names: its id, or its whole name after folding. Anything else (a prefix,
    /// a misspelling, a name two items share) is an error naming the candidates.
    pub fn find(&self, reference: &str) -> Result<&'a T> {
        let reference = reference.trim();
        let folded = fold(reference);
        let named: &[usize] = self.by_folded.get(&folded).map_or(&[], Vec::as_slice);
        let by_id = crate::text::digits::parse_number::<Id>(reference)
            .ok()
            .and_then(|id| self.by_id.get(&id).copied());
        let mut found: Vec<usize> = named.to_vec();
        if let Some(i) = by_id
            && !found.contains(&i)
        {
            found.push(i);
        }
        match found.as_slice() {
            [one] => Ok(&self.items[*one]),
            [] => Err(self.not_found(reference, &folded)),
            many => Err(DeskError::Refused(format!(
                "'{reference}' names {} {}s {} ({}): use the id",
                many.len(),
                self.what,
                self.within,
                many.iter()
                    .map(|&i| format!("{} (id {})", self.labels[i].1, self.labels[i].0))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }

    fn not_found(&self, reference: &str, folded: &str) -> DeskError {
        DeskError::NoSuchName {
            what: self.what,
            reference: reference.to_string(),
            within: self.within.clone(),
            suggestions: suggestions(folded, &self.labels),
            candidates: self.labels.iter().map(|(_, n, _)| n.clone()).collect(),
        }
    }
}

/// The names closest to what was typed (already folded), best first: names of which it is a prefix
/// (of the whole name or of one of its words), then names or words within a few edits of it.
/// `labels` hold each name with its folded form (folded once, when the index was made).
fn suggestions(typed: &str, labels: &[(Id, String, String)]) -> Vec<String> {
    let mut scored: Vec<(usize, String)> = labels
        .iter()
        .filter_map(|(_, name, folded)| closeness(typed, folded).map(|d| (d, name.clone())))
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    scored.into_iter().take(SUGGESTED).map(|(_, n)| n).collect()
}

/// How far a name is from what was typed (both folded): 0 when one starts the other or starts one
/// of its words, else the edit distance to the name or to its closest word, when small enough to be
/// a slip of the keyboard; `None` when the name is not close.
fn closeness(typed: &str, name: &str) -> Option<usize> {
    if typed.is_empty() {
        return None;
    }
    let words = || name.split(' ').filter(|w| !w.is_empty());
    if name.starts_with(typed) || typed.starts_with(name) || words().any(|w| w.starts_with(typed)) {
        return Some(0);
    }
    let allowed = |len: usize| (len / 3).max(1);
    let whole = edit_distance(typed, name);
    let best_word = words()
        .map(|w| (edit_distance(typed, w), w.chars().count()))
        .filter(|(d, len)| *d <= allowed(*len))
        .map(|(d, _)| d)
        .min();
    let whole = (whole <= allowed(name.chars().count())).then_some(whole);
    match (whole, best_word) {
        (Some(a), Some(b)) => Some(a.min(b) + 1),
        (Some(a), None) | (None, Some(a)) => Some(a + 1),
        (None, None) => None,
    }
}

/// The Levenshtein distance between two strings, by characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jury() -> Vec<(Id, String)> {
        [
            "Anna Karina",
            "Javad Karimi",
            "Leila Hatami",
            "Reza Kianian",
        ]
        .iter()
        .enumerate()
        .map(|(i, n)| (i as Id + 8, n.to_string()))
        .collect()
    }

    fn names(items: &[(Id, String)]) -> Names<'_, (Id, String)> {
        Names::new("juror", "on the jury of fajr-43", items, |j| j.0, |j| &j.1)
    }

    #[test]
    fn the_whole_name_after_folding_or_the_id_finds_the_juror() {
        let jury = jury();
        let names = names(&jury);
        assert_eq!(names.find("anna  KARINA ").unwrap().1, "Anna Karina");
        assert_eq!(names.find("Ánna Karína").unwrap().1, "Anna Karina");
        assert_eq!(names.find("9").unwrap().1, "Javad Karimi");
        assert_eq!(names.find("۹").unwrap().1, "Javad Karimi");
    }

    #[test]
    fn a_prefix_is_refused_with_the_name_it_could_be() {
        let jury = jury();
        let e = names(&jury).find("Ann").unwrap_err().to_string();
        assert_eq!(
            e,
            "no juror 'Ann' on the jury of fajr-43; did you mean Anna Karina? (4 jurors there: Anna Karina, Javad Karimi, Leila Hatami, Reza Kianian)"
        );
        let e = names(&jury).find("Kar").unwrap_err().to_string();
        assert!(
            e.contains("did you mean Anna Karina or Javad Karimi?"),
            "{e}"
        );
    }

    #[test]
    fn a_slip_of_the_keyboard_is_suggested_and_a_stranger_is_not() {
        let jury = jury();
        let e = names(&jury).find("Leyla Hatami").unwrap_err().to_string();
        assert!(e.contains("did you mean Leila Hatami?"), "{e}");
        let e = names(&jury).find("Karimy").unwrap_err().to_string();
        assert!(
            e.contains("did you mean Javad Karimi or Anna Karina?"),
            "{e}"
        );
        let e = names(&jury)
            .find("Mohammad Rasoulof")
            .unwrap_err()
            .to_string();
        assert!(!e.contains("did you mean"), "{e}");
        assert!(e.contains("Reza Kianian"), "{e}");
    }

    #[test]
    fn two_jurors_who_fold_alike_are_an_ambiguity() {
        let jury = vec![(1, "Zoë Ash".to_string()), (2, "Zoe Ash".to_string())];
        let e = names(&jury).find("zoe ash").unwrap_err().to_string();
        assert!(e.contains("names 2 jurors"), "{e}");
        assert!(e.contains("Zoë Ash (id 1), Zoe Ash (id 2)"), "{e}");
        assert_eq!(names(&jury).find("2").unwrap().1, "Zoe Ash");
        // A name that is also another juror's id is ambiguous too.
        let jury = vec![(1, "2".to_string()), (2, "Zoe Ash".to_string())];
        assert!(names(&jury).find("2").is_err());
    }

    #[test]
    fn many_candidates_are_counted_not_listed() {
        let jury: Vec<(Id, String)> = (1..=40).map(|i| (i, format!("Juror {i:02}"))).collect();
        let e = names(&jury).find("Nobody").unwrap_err().to_string();
        assert!(e.contains("(40 jurors there)"), "{e}");
        assert!(!e.contains("Juror 33"), "{e}");
    }

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("حسن", "حسین"), 1);
    }
}
