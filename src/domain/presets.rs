//! Well-known palmarès rule sets a secretary can start from and then edit
//! (docs/counting.md#palmares-rules).
//!
//! They are *in the style of* the festivals they are named after, built from what those festivals
//! publish about their juries' deliberations; a festival's regulations change from year to year, so a
//! preset is a starting point for the secretary to check against this year's text, never an authority.

use std::fmt;
use std::str::FromStr;

use super::{Category, CategoryKind, EditionRules, Method, TieBreak};
use crate::text::fold;

/// A named rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// No rules across categories: each category is counted alone, as it is configured.
    Plain,
    /// One prize per film (performance prizes combinable), at most one ex-aequo and never for the top
    /// prize, an absolute majority in two rounds then a relative one, the president's casting vote.
    Cannes,
    /// No ex-aequo at all; an absolute majority in two rounds, then a relative one where only the
    /// president's casting vote may settle a tie (so it can act in round three, never before).
    Berlinale,
    /// One prize per film (performance prizes combinable), no ex-aequo at all, an absolute majority in
    /// the first round then a relative one, the president's casting vote.
    Venice,
}

/// How a preset configures one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategorySettings {
    pub method: Method,
    pub tie_breaks: Vec<TieBreak>,
    pub ex_aequo_allowed: bool,
}

impl Preset {
    pub const ALL: [Preset; 4] = [
        Preset::Plain,
        Preset::Cannes,
        Preset::Berlinale,
        Preset::Venice,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Preset::Plain => "plain",
            Preset::Cannes => "cannes",
            Preset::Berlinale => "berlinale",
            Preset::Venice => "venice",
        }
    }

    /// One line for `rules --help` and the desk.
    pub fn summary(self) -> &'static str {
        match self {
            Preset::Plain => "no rules across categories; each category counted alone",
            Preset::Cannes => {
                "one prize per film (performance prizes combinable); at most one ex-aequo, never the top prize; absolute majority in rounds 1-2, then relative; casting vote"
            }
            Preset::Berlinale => {
                "no ex-aequo; absolute majority in rounds 1-2, then relative; the president's casting vote only from round 3"
            }
            Preset::Venice => {
                "one prize per film (performance prizes combinable); no ex-aequo; absolute majority in round 1, then relative; casting vote"
            }
        }
    }

    /// The edition-wide rules of this preset for an edition with these categories (which it needs to
    /// know which prizes are for performances, and so combinable).
    pub fn rules(self, categories: &[Category]) -> EditionRules {
        let performance_prizes = || {
            categories
                .iter()
                .filter(|c| is_performance_prize(c))
                .map(|c| c.id)
                .collect()
        };
        match self {
            Preset::Plain => EditionRules::default(),
            Preset::Cannes => EditionRules {
                one_prize_per_film: true,
                combinable_categories: performance_prizes(),
                max_shared_prizes: Some(1),
                top_prize_never_shared: true,
            },
            Preset::Berlinale => EditionRules {
                one_prize_per_film: false,
                combinable_categories: Vec::new(),
                max_shared_prizes: Some(0),
                top_prize_never_shared: true,
            },
            Preset::Venice => EditionRules {
                one_prize_per_film: true,
                combinable_categories: performance_prizes(),
                max_shared_prizes: Some(0),
                top_prize_never_shared: true,
            },
        }
    }

    /// How this preset counts a category; `None` leaves the category as it is. `is_top` says whether it
    /// is the edition's top prize.
    pub fn category_settings(self, is_top: bool) -> Option<CategorySettings> {
        let rounds = |absolute_rounds| CategorySettings {
            method: Method::MajorityRounds { absolute_rounds },
            tie_breaks: vec![TieBreak::CastingVote],
            ex_aequo_allowed: false,
        };
        match self {
            Preset::Plain => None,
            Preset::Cannes => Some(CategorySettings {
                ex_aequo_allowed: !is_top,
                ..rounds(2)
            }),
            Preset::Berlinale => Some(rounds(2)),
            Preset::Venice => Some(rounds(1)),
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase();
        Preset::ALL
            .into_iter()
            .find(|p| p.name() == wanted)
            .ok_or_else(|| {
                format!(
                    "'{s}' is not a preset{}; choose one of {}",
                    crate::text::suggest::did_you_mean(&wanted, Preset::ALL.map(Preset::name)),
                    Preset::ALL.map(Preset::name).join(", ")
                )
            })
    }
}

/// Whether a category honours a performance (an acting prize), which festivals usually let a film
/// combine with another prize. Judged from the category's kind and name, in the languages of the
/// festivals jurydesk ships with; the secretary can correct it with `rules set --combinable`.
pub fn is_performance_prize(category: &Category) -> bool {
    const WORDS: [&str; 9] = [
        "actor",
        "actress",
        "acting",
        "performance",
        "interpretation",
        "volpi",
        "mastroianni",
        "بازیگر",
        "ممثل",
    ];
    let name = fold(&format!("{} {}", category.name, category.prize));
    category.kind == CategoryKind::Person && WORDS.iter().any(|w| name.contains(&fold(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(id: u64, name: &str, kind: CategoryKind) -> Category {
        Category {
            id,
            edition_id: 1,
            name: name.into(),
            prize: String::new(),
            kind,
            method: Method::Plurality,
            tie_breaks: Vec::new(),
            ex_aequo_allowed: true,
            mandatory: false,
            precedence: u32::try_from(id).unwrap_or(0),
        }
    }

    #[test]
    fn performance_prizes_are_found_in_english_french_persian_and_arabic() {
        let person = |name| category(1, name, CategoryKind::Person);
        assert!(is_performance_prize(&person("Best Actress")));
        assert!(is_performance_prize(&person(
            "Prix d'interprétation masculine"
        )));
        assert!(is_performance_prize(&person("بهترین بازیگر نقش اول مرد")));
        assert!(is_performance_prize(&person("جائزة أفضل ممثل")));
        assert!(!is_performance_prize(&person("Best Director")));
        // A film category is never a performance prize, whatever its name says.
        assert!(!is_performance_prize(&category(
            1,
            "Best Ensemble Acting",
            CategoryKind::Film
        )));
    }

    #[test]
    fn cannes_style_makes_acting_combinable_and_allows_one_shared_prize_but_not_the_top() {
        let categories = [
            category(1, "Palme d'Or", CategoryKind::Film),
            category(2, "Best Director", CategoryKind::Person),
            category(3, "Best Actor", CategoryKind::Person),
        ];
        let rules = Preset::Cannes.rules(&categories);
        assert!(rules.one_prize_per_film);
        assert_eq!(rules.combinable_categories, vec![3]);
        assert_eq!(rules.max_shared_prizes, Some(1));
        assert!(rules.top_prize_never_shared);
        let top = Preset::Cannes.category_settings(true).unwrap();
        let other = Preset::Cannes.category_settings(false).unwrap();
        assert!(!top.ex_aequo_allowed && other.ex_aequo_allowed);
        assert_eq!(top.method, Method::MajorityRounds { absolute_rounds: 2 });
        assert_eq!(top.tie_breaks, vec![TieBreak::CastingVote]);
    }

    #[test]
    fn berlinale_style_allows_no_shared_prize_and_venice_style_one_absolute_round() {
        let rules = Preset::Berlinale.rules(&[]);
        assert_eq!(rules.max_shared_prizes, Some(0));
        assert!(
            !Preset::Berlinale
                .category_settings(false)
                .unwrap()
                .ex_aequo_allowed
        );
        assert_eq!(
            Preset::Venice.category_settings(false).unwrap().method,
            Method::MajorityRounds { absolute_rounds: 1 }
        );
        assert_eq!(Preset::Plain.rules(&[]), EditionRules::default());
        assert_eq!(Preset::Plain.category_settings(true), None);
    }

    #[test]
    fn presets_parse_by_name_and_an_unknown_one_lists_the_choices() {
        assert_eq!("Cannes".parse::<Preset>(), Ok(Preset::Cannes));
        let err = "oscars".parse::<Preset>().unwrap_err();
        assert!(err.contains("plain, cannes, berlinale, venice"), "{err}");
    }
}
