//! How the palette orders what a query matches. People type the start of an action's name, or a word
//! they expect in it; a fuzzy matcher alone ranks `jury-room` above `tally` for "tally" because the
//! letters t-a-l-l-y occur, scattered, in the jury room's long description. So matches are put in
//! tiers, from the name typed exactly down to letters found anywhere in the description, and the
//! last tier — the weak one — is shown only when nothing better matches (a typo must still find
//! something).

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use super::super::actions::ActionSpec;

/// How well a query matches an action, best first. The derived order is the ranking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// The name, exactly (`undo`).
    Exact,
    /// The start of the name (`pri` → `print`).
    NamePrefix,
    /// The start of one of the name's words (`stats` → `award-stats`).
    NameWord,
    /// Anywhere in the name, in one piece (`vote` → `revote`).
    InName,
    /// Every word typed starts a word of the name or description (`count ballots` → `tally`).
    Words,
    /// The name's letters in order, with gaps (`tly` → `tally`).
    NameFuzzy,
    /// The letters somewhere in the name and description: shown only when nothing better matches.
    Weak,
}

/// The indices of `candidates` that match `query`, best first; equal matches keep the candidates'
/// order (the registry's, which is the help's). An empty query matches everything in that order.
pub fn ranked<'a>(
    query: &str,
    candidates: impl Iterator<Item = (usize, &'a ActionSpec)>,
) -> Vec<usize> {
    let query = query.trim().to_lowercase();
    if query.is_empty() {
        return candidates.map(|(i, _)| i).collect();
    }
    let words: Vec<&str> = query.split_whitespace().collect();
    let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
    let mut matcher = Matcher::new(Config::DEFAULT);
    let mut buf = Vec::new();
    let mut fuzzy = |text: &str| pattern.score(Utf32Str::new(text, &mut buf), &mut matcher);

    let mut scored: Vec<(Tier, std::cmp::Reverse<u32>, usize)> = candidates
        .filter_map(|(i, spec)| {
            let name = spec.name.to_lowercase();
            let description = spec.description.to_lowercase();
            let name_score = fuzzy(&name);
            let tier = if name == query {
                Tier::Exact
            } else if name.starts_with(&query) {
                Tier::NamePrefix
            } else if name.split('-').any(|word| word.starts_with(&query)) {
                Tier::NameWord
            } else if name.contains(&query) {
                Tier::InName
            } else if words_start_words(&words, &name, &description) {
                Tier::Words
            } else if name_score.is_some() {
                Tier::NameFuzzy
            } else {
                fuzzy(&format!("{name} {description}"))?;
                Tier::Weak
            };
            let score = name_score
                .or_else(|| fuzzy(&description))
                .unwrap_or_default();
            Some((tier, std::cmp::Reverse(score), i))
        })
        .collect();
    if scored.iter().any(|(tier, _, _)| *tier < Tier::Weak) {
        scored.retain(|(tier, _, _)| *tier < Tier::Weak);
    }
    // Stable, and the index breaks the last ties: the registry's order.
    scored.sort();
    scored.into_iter().map(|(_, _, i)| i).collect()
}

/// Whether each word typed is the start of some word of the name or the description.
fn words_start_words(typed: &[&str], name: &str, description: &str) -> bool {
    let theirs = name
        .split('-')
        .chain(description.split(|c: char| !c.is_alphanumeric()))
        .filter(|word| !word.is_empty());
    typed
        .iter()
        .all(|typed| theirs.clone().any(|word| word.starts_with(typed)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::actions::{ACTIONS, Action, Context};

    fn names(query: &str) -> Vec<&'static str> {
        let offered = ACTIONS.iter().enumerate().filter(|(_, spec)| {
            spec.contexts.contains(&Context::Browse) && spec.action != Action::Digit
        });
        ranked(query, offered)
            .into_iter()
            .map(|i| ACTIONS[i].name)
            .collect()
    }

    #[test]
    fn the_name_typed_whole_comes_first_and_scattered_letters_are_hidden() {
        // Before: tally, jury-room, search, ballot, finalize, rules, award-stats — the last six
        // only because t, a, l, l, y occur in that order somewhere in their descriptions. The jury
        // room stays: its description has the word ("no ballot, count or tally is shown").
        assert_eq!(names("tally"), ["tally", "jury-room"]);
        // Before: undo, delete, rate, finalize, switch-screener, screening-progress, open, palette.
        // Delete stays: "u undoes" is in its description.
        assert_eq!(names("undo"), ["undo", "delete"]);
    }

    #[test]
    fn a_prefix_beats_a_word_of_the_name_which_beats_letters_inside_it() {
        let found = names("st");
        assert_eq!(found[0], "status", "{found:?}");
        assert_eq!(found[1], "award-stats", "{found:?}");
        let position = |name| found.iter().position(|n| *n == name);
        assert!(position("add-festival") > position("award-stats"));
        assert_eq!(names("pri")[0], "print");
        assert_eq!(
            names("screen")[..2],
            ["screening-progress", "switch-screener"]
        );
    }

    #[test]
    fn words_of_the_description_find_an_action_whose_name_is_not_known() {
        assert_eq!(names("count ballots")[0], "tally");
        assert_eq!(names("every key")[0], "help");
        assert_eq!(names("QUIT")[0], "quit", "case does not matter");
    }

    #[test]
    fn a_typo_still_finds_the_action_by_its_letters() {
        assert_eq!(names("tly")[0], "tally");
        assert_eq!(names("nominat")[0], "nominate");
        assert!(names("zzzzqqq").is_empty());
    }
}
