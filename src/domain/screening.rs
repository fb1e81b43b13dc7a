//! Screening rounds (docs/screening.md): a selection committee's passes over an edition's
//! submissions.
//!
//! Scores are kept in tenths of a point (`Tenths`), never as floats, so that a stored rating compares
//! exactly, a step of 0.5 is exact and a backup round-trips byte for byte.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Id, Recusal, SubmissionStatus};

/// A score in tenths of a point: 7.5 is 75.
pub type Tenths = u32;

/// One pass of the selection committee over a set of submissions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreeningRound {
    pub id: Id,
    pub edition_id: Id,
    /// 1, 2, … within the edition.
    pub number: u32,
    pub name: String,
    pub scope: RoundScope,
    /// The submissions in scope, fixed when the round was added (docs/screening.md: "when it
    /// opens").
    pub submission_ids: Vec<Id>,
    pub form: Form,
    /// How many different screeners rate each submission.
    pub coverage: u32,
    pub normalisation: Normalisation,
    /// When every rating is due; after it, unrated assignments are overdue.
    pub due: Option<NaiveDate>,
    pub state: RoundState,
    /// Set while the round is closed: where the cut fell and what moved.
    pub outcome: Option<Outcome>,
    /// A demo round, to be told apart from real work.
    pub sample: bool,
    /// Closings and reopenings, with their reasons.
    pub events: Vec<RoundEvent>,
}

/// Which submissions a round takes, as the secretary asked for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct RoundScope {
    /// Empty: every status but withdrawn, disqualified and ineligible.
    pub statuses: Vec<SubmissionStatus>,
    /// Empty: every section.
    pub sections: Vec<String>,
    /// Only the submissions that round passed (its pass status, given by its close).
    pub after_round: Option<u32>,
}

/// What a screener fills in for each film.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Form {
    Criteria(Vec<Criterion>),
    Verdicts,
}

/// One criterion of a criteria form: a weighted score on a scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub name: String,
    pub min: Tenths,
    pub max: Tenths,
    pub step: Tenths,
    pub weight: u32,
    /// "Not applicable" may be given; its weight then goes to the others in proportion.
    pub allows_na: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Yes,
    Maybe,
    No,
}

impl Verdict {
    /// The leaderboard's points: yes = 2, maybe = 1, no = 0.
    pub fn points(self) -> u32 {
        match self {
            Verdict::Yes => 2,
            Verdict::Maybe => 1,
            Verdict::No => 0,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Yes => "yes",
            Verdict::Maybe => "maybe",
            Verdict::No => "no",
        }
    }

    pub fn parse(text: &str) -> Option<Verdict> {
        match text.trim().to_lowercase().as_str() {
            "yes" | "y" => Some(Verdict::Yes),
            "maybe" | "m" => Some(Verdict::Maybe),
            "no" | "n" => Some(Verdict::No),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Normalisation {
    #[default]
    None,
    /// Per screener z-scores, averaged, rescaled to the scale (as Evalato documents it).
    Z,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoundState {
    Open,
    Closed,
}

/// Where a closed round put its cut, and the statuses it gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub cut: Cut,
    pub pass: SubmissionStatus,
    pub fail: SubmissionStatus,
    pub passed: u32,
    pub failed: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cut {
    /// The best N (ties at the cut go through together).
    Top(u32),
    /// Every score at or above this, in tenths of a point (verdict points × 10).
    Threshold(Tenths),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundEvent {
    pub at: DateTime<Utc>,
    /// "closed" or "reopened".
    pub what: String,
    pub reason: String,
}

/// A member of an edition's selection committee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Screener {
    pub id: Id,
    pub edition_id: Id,
    pub name: String,
    pub recusals: Vec<Recusal>,
    pub sample: bool,
}

/// One screener's assignments in one round: the submissions they are to rate, in id order. Kept as
/// one record per screener and round, not one per film: `assign` at 100,000 films × 3 writes 40
/// records, not 300,000 (the budget in BENCHMARKS.md#budgets, issue 15).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignments {
    pub id: Id,
    pub round_id: Id,
    pub screener_id: Id,
    pub submission_ids: Vec<Id>,
}

/// What a rating says: one mark per criterion in the form's order (`None` = not applicable), or a
/// verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Marks {
    Scores(Vec<Option<Tenths>>),
    Verdict(Verdict),
}

/// One screener's judgement of one submission in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub id: Id,
    pub round_id: Id,
    pub submission_id: Id,
    pub screener_id: Id,
    pub watched: Option<NaiveDate>,
    pub marks: Marks,
    /// For the committee.
    pub comment: String,
    /// For the screener alone.
    pub private_note: String,
    pub updated_at: DateTime<Utc>,
}

/// Tenths as text: 75 → "7.5", 80 → "8".
pub fn tenths_text(value: Tenths) -> String {
    if value.is_multiple_of(10) {
        (value / 10).to_string()
    } else {
        format!("{}.{}", value / 10, value % 10)
    }
}

/// Parses "8", "7.5" or "7,5" (any script's digits) into tenths; `None` when it is not such a number
/// or has more than one decimal.
pub fn parse_tenths(text: &str) -> Option<Tenths> {
    let text = crate::text::digits::to_ascii(text.trim());
    let text = text.replace(',', ".");
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_string(), f.to_string()),
        None => (text.clone(), String::new()),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || fraction.len() > 1 {
        return None;
    }
    if !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let tenth: u32 = if fraction.is_empty() {
        0
    } else {
        fraction.parse().ok()?
    };
    whole.checked_mul(10)?.checked_add(tenth)
}

impl Criterion {
    /// Whether `value` lies on this criterion's scale and step.
    pub fn accepts(&self, value: Tenths) -> bool {
        value >= self.min
            && value <= self.max
            && (value - self.min).is_multiple_of(self.step.max(1))
    }

    /// The scale as people write it: "1–10", "1–10 in steps of 0.5".
    pub fn scale_text(&self) -> String {
        let range = format!("{}–{}", tenths_text(self.min), tenths_text(self.max));
        if self.step == 10 {
            range
        } else {
            format!("{range} in steps of {}", tenths_text(self.step))
        }
    }
}

impl Form {
    /// The range the leaderboard's scores lie in, in tenths: the criteria's common scale (the widest
    /// when they differ), or 0–2 for verdicts.
    pub fn range(&self) -> (Tenths, Tenths) {
        match self {
            Form::Verdicts => (0, 20),
            Form::Criteria(criteria) => (
                criteria.iter().map(|c| c.min).min().unwrap_or(0),
                criteria.iter().map(|c| c.max).max().unwrap_or(0),
            ),
        }
    }

    /// The form as people write it (the `--criteria` syntax), or "verdicts".
    pub fn describe(&self) -> String {
        match self {
            Form::Verdicts => "verdicts (yes=2, maybe=1, no=0)".into(),
            Form::Criteria(criteria) => criteria
                .iter()
                .map(|c| {
                    format!(
                        "{} {} ×{}{}",
                        c.name,
                        c.scale_text(),
                        c.weight,
                        if c.allows_na { " (n/a allowed)" } else { "" }
                    )
                })
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_parse_and_print() {
        assert_eq!(parse_tenths("8"), Some(80));
        assert_eq!(parse_tenths("7.5"), Some(75));
        assert_eq!(parse_tenths("7,5"), Some(75));
        assert_eq!(parse_tenths("۷"), Some(70));
        assert_eq!(parse_tenths("7.25"), None);
        assert_eq!(parse_tenths("-1"), None);
        assert_eq!(parse_tenths(""), None);
        assert_eq!(parse_tenths("x"), None);
        assert_eq!(tenths_text(75), "7.5");
        assert_eq!(tenths_text(80), "8");
    }

    #[test]
    fn a_criterion_accepts_its_steps_only() {
        let c = Criterion {
            name: "Story".into(),
            min: 10,
            max: 100,
            step: 5,
            weight: 1,
            allows_na: false,
        };
        assert!(c.accepts(10) && c.accepts(75) && c.accepts(100));
        assert!(!c.accepts(0) && !c.accepts(72) && !c.accepts(105));
    }
}
