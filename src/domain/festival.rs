use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Calendar, Id};

/// An organisation that runs numbered editions (docs/domain.md#entities).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Festival {
    pub id: Id,
    /// Short slug used on the command line and in edition codes, e.g. `fajr`.
    pub code: String,
    pub name: String,
    pub organisers: Vec<String>,
    pub notes: String,
}

/// Whether an edition's palmarès can still change (docs/counting.md#palmares-rules).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum EditionState {
    #[default]
    Open,
    Finalized,
}

impl EditionState {
    pub fn as_str(self) -> &'static str {
        match self {
            EditionState::Open => "open",
            EditionState::Finalized => "finalized",
        }
    }
}

/// A side event of an edition held elsewhere, such as an international screening week in another city.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditionEvent {
    pub name: String,
    pub place: String,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub partners: Vec<String>,
    pub venues: Vec<String>,
}

/// The palmarès rules a festival declares for one edition (docs/counting.md#palmares-rules). Stored
/// with the edition so the layout is fixed now; the rules are enforced by the palmarès work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct EditionRules {
    /// A film may take only one prize, except in the combinable categories.
    pub one_prize_per_film: bool,
    pub combinable_categories: Vec<Id>,
    /// At most this many shared (ex-aequo) prizes in the whole edition; `None` means no limit.
    pub max_shared_prizes: Option<u32>,
    /// The top prize (lowest precedence number) may never be shared.
    pub top_prize_never_shared: bool,
}

/// One numbered year of a festival.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Edition {
    pub id: Id,
    pub festival_id: Id,
    /// `<festival>-<number>`, e.g. `fajr-43`.
    pub code: String,
    pub number: u32,
    pub year: i32,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub place: String,
    pub venues: Vec<String>,
    pub sections: Vec<String>,
    pub events: Vec<EditionEvent>,
    pub rules: EditionRules,
    pub state: EditionState,
    pub notes: String,
    /// The calendar its dates are shown and typed in beside the Gregorian (format version 2).
    #[serde(default)]
    pub calendar: Calendar,
}

impl Edition {
    /// The code an edition of `festival_code` numbered `number` must have.
    pub fn code_for(festival_code: &str, number: u32) -> String {
        format!("{festival_code}-{number}")
    }

    /// "43rd", "1st", "112th": how festivals name their editions.
    pub fn ordinal(&self) -> String {
        ordinal(self.number)
    }
}

/// English ordinal of a number: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st…
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::ordinal;

    #[test]
    fn ordinals_follow_english_usage() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 18, 21, 22, 43, 101, 111, 112]
            .into_iter()
            .map(ordinal)
            .collect();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "18th", "21st", "22nd", "43rd",
                "101st", "111th", "112th"
            ]
        );
    }
}
