//! "did you mean schulze?": the closest of a few known names to a word that is none of them, so a
//! typo in a method, status, preset or sort key is answered with the fix, not only the list.

/// The known name closest to `typed` (ignoring case), when it is close enough to be a typo: at most
/// one edit (insert, delete, change or swap two letters) per three letters of the name, and at least
/// one. `None` when nothing is that close or two names are equally close.
pub fn closest<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    if typed.is_empty() {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    let mut tied = false;
    for name in names {
        let distance = strsim::damerau_levenshtein(&typed, &name.to_lowercase());
        let allowed = (name.chars().count() / 3).max(1);
        if distance > allowed {
            continue;
        }
        match best {
            Some((d, _)) if distance > d => {}
            Some((d, _)) if distance == d => tied = true,
            _ => {
                best = Some((distance, name));
                tied = false;
            }
        }
    }
    best.filter(|_| !tied).map(|(_, name)| name)
}

/// " (did you mean NAME?)" for a close name, or nothing: to put after "unknown X 'typed'".
pub fn did_you_mean<'a>(typed: &str, names: impl IntoIterator<Item = &'a str>) -> String {
    closest(typed, names).map_or_else(String::new, |name| format!(" (did you mean {name}?)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const METHODS: [&str; 8] = [
        "plurality",
        "majority-rounds",
        "borda",
        "irv",
        "schulze",
        "score-mean",
        "score-trimmed",
        "score-z",
    ];

    #[test]
    fn a_typo_finds_its_name() {
        assert_eq!(closest("shulze", METHODS), Some("schulze"));
        assert_eq!(closest("SCHULZE ", METHODS), Some("schulze"));
        assert_eq!(
            closest("shultz", METHODS),
            None,
            "three edits in seven letters"
        );
        assert_eq!(closest("brda", METHODS), Some("borda"));
        assert_eq!(
            closest("plurailty", METHODS),
            Some("plurality"),
            "a swap is one edit"
        );
        assert_eq!(did_you_mean("iv", METHODS), " (did you mean irv?)");
    }

    #[test]
    fn far_or_equally_close_names_are_not_guessed() {
        assert_eq!(closest("condorcet", METHODS), None);
        assert_eq!(closest("", METHODS), None);
        // score-mean and score-z are both two edits from "score-m": no guess.
        assert_eq!(closest("score", ["score-a", "score-b"]), None);
        assert_eq!(did_you_mean("condorcet", METHODS), "");
    }
}
