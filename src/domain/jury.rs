use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::Id;

/// Whether a category awards a film or a person for their work on a film.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CategoryKind {
    Film,
    Person,
}

/// How a category's ballots are counted (docs/counting.md#methods).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    Plurality,
    /// Absolute majority needed in the first `absolute_rounds` rounds, relative majority after.
    MajorityRounds {
        absolute_rounds: u32,
    },
    Borda,
    Irv,
    Schulze,
    ScoreMean,
    ScoreTrimmed,
    ScoreZ,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::Plurality => "plurality",
            Method::MajorityRounds { .. } => "majority-rounds",
            Method::Borda => "borda",
            Method::Irv => "irv",
            Method::Schulze => "schulze",
            Method::ScoreMean => "score-mean",
            Method::ScoreTrimmed => "score-trimmed",
            Method::ScoreZ => "score-z",
        }
    }
}

/// One step of a category's tie-break chain (docs/counting.md#ties).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TieBreak {
    CastingVote,
    Borda,
    CountBack,
    Draw { seed: u64 },
    None,
}

/// An award of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: Id,
    pub edition_id: Id,
    /// e.g. `Best Director`.
    pub name: String,
    /// e.g. `Crystal Simorgh`; empty when the festival names none.
    pub prize: String,
    pub kind: CategoryKind,
    pub method: Method,
    pub tie_breaks: Vec<TieBreak>,
    pub ex_aequo_allowed: bool,
    pub mandatory: bool,
    /// Lower is higher: the top prize has the smallest number (the cascade,
    /// docs/counting.md#palmares-rules).
    pub precedence: u32,
}

/// A juror's part in the deliberation; observers never vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum JurorRole {
    President,
    Member,
    Observer,
}

impl JurorRole {
    pub fn as_str(self) -> &'static str {
        match self {
            JurorRole::President => "president",
            JurorRole::Member => "member",
            JurorRole::Observer => "observer",
        }
    }
}

/// A juror's declared conflict with one submission (docs/domain.md#conflicts-of-interest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recusal {
    pub submission_id: Id,
    pub reason: String,
}

/// A juror declared absent from the deliberation (docs/counting.md#provisional-counts): while absent
/// the juror is not eligible, so a count does not wait for their ballot (and leaves out one they
/// had entered), and the minutes say so with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub reason: String,
    pub since: DateTime<Utc>,
}

/// A probable conflict (docs/domain.md#conflicts-of-interest: the juror's name in a film's credits)
/// that the secretary examined and found to be none, with the reason; the flag is not shown again
/// for that film.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClearedConflict {
    pub submission_id: Id,
    pub reason: String,
}

/// A member of an edition's jury.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Juror {
    pub id: Id,
    pub edition_id: Id,
    pub name: String,
    pub role: JurorRole,
    pub recusals: Vec<Recusal>,
    pub notes: String,
    /// Set while the juror is declared absent (format version 2).
    #[serde(default)]
    pub absence: Option<Absence>,
    /// Probable conflicts examined and cleared (format version 2).
    #[serde(default)]
    pub cleared_conflicts: Vec<ClearedConflict>,
    /// The juror's jury-room PIN, as a salted hash (format version 3); `None`: no PIN asked.
    #[serde(default)]
    pub pin: Option<PinHash>,
    /// The juror's name in its own script (juror format 4), e.g. `مجید مجیدی` beside `Majid Majidi`;
    /// empty when the same as `name` or not known.
    #[serde(default)]
    pub original_name: String,
}

/// A juror's PIN for the jury room (issue 16), kept only as a salted Argon2id hash in PHC form
/// (`$argon2id$v=19$m=…$salt$hash`): the PIN itself is never stored, logged or shown. `Debug`
/// says only that one is set, so that a record printed while debugging shows not even the hash.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PinHash(pub String);

impl std::fmt::Debug for PinHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PinHash(set)")
    }
}

/// A nominee in a category: a film, or a person for their work on a film.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nomination {
    pub id: Id,
    pub category_id: Id,
    pub submission_id: Id,
    /// The nominated person in a person category.
    pub person: Option<String>,
    /// 1, 2, … within the category: what jurors type on the desk.
    pub number: u32,
}

/// What a juror put on their ballot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BallotContent {
    /// Nominations in order of preference; unranked nominees rank below all ranked ones.
    Ranked(Vec<Id>),
    /// Nomination → score from 0 to 10.
    Scored(Vec<(Id, u8)>),
    /// Deliberation rounds: round number → the one nomination voted for.
    Rounds(Vec<(u32, Id)>),
}

/// One juror's vote in one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ballot {
    pub id: Id,
    pub category_id: Id,
    pub juror_id: Id,
    pub content: BallotContent,
    pub updated_at: DateTime<Utc>,
}

/// How an award was decided, kept with it so the palmarès can say so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Counted by the category's method from the stored ballots.
    Counted { method: Method },
    /// A tie settled by the president's casting vote.
    CastingVote { juror_id: Id },
    /// A tie settled by a reproducible draw.
    Draw { seed: u64 },
    /// Recorded by hand, with the reason.
    Manual { reason: String },
    /// Taken from an imported award history.
    Imported { source: String },
}

/// A decided result of a category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Award {
    pub id: Id,
    pub category_id: Id,
    /// More than one means an ex-aequo (shared) prize.
    pub winners: Vec<Id>,
    pub decision: Decision,
    pub decided_at: DateTime<Utc>,
    pub note: String,
}

impl std::str::FromStr for Method {
    type Err = String;

    /// `plurality`, `majority-rounds` (two absolute-majority rounds) or `majority-rounds:K`, `borda`,
    /// `irv`, `schulze`, `score-mean`, `score-trimmed`, `score-z`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        let (name, arg) = match s.split_once(':') {
            Some((name, arg)) => (name, Some(arg)),
            None => (s.as_str(), None),
        };
        let method = match name {
            "plurality" => Method::Plurality,
            "majority-rounds" => Method::MajorityRounds {
                absolute_rounds: match arg {
                    Some(k) => crate::text::digits::parse_number(k)
                        .ok()
                        .filter(|k| *k >= 1)
                        .ok_or_else(|| {
                            format!("'{k}' is not a number of absolute-majority rounds (1 or more)")
                        })?,
                    None => 2,
                },
            },
            "borda" => Method::Borda,
            "irv" => Method::Irv,
            "schulze" => Method::Schulze,
            "score-mean" => Method::ScoreMean,
            "score-trimmed" => Method::ScoreTrimmed,
            "score-z" => Method::ScoreZ,
            _ => {
                return Err(format!(
                    "unknown method '{s}'{}: use plurality, majority-rounds[:K], borda, irv, schulze, score-mean, score-trimmed or score-z",
                    crate::text::suggest::did_you_mean(
                        name,
                        [
                            "plurality",
                            "majority-rounds",
                            "borda",
                            "irv",
                            "schulze",
                            "score-mean",
                            "score-trimmed",
                            "score-z"
                        ]
                    )
                ));
            }
        };
        if arg.is_some() && !matches!(method, Method::MajorityRounds { .. }) {
            return Err(format!("'{s}': only majority-rounds takes a number"));
        }
        Ok(method)
    }
}

impl TieBreak {
    pub fn name(self) -> String {
        match self {
            TieBreak::CastingVote => "casting-vote".into(),
            TieBreak::Borda => "borda".into(),
            TieBreak::CountBack => "count-back".into(),
            TieBreak::Draw { seed } => format!("draw:{seed}"),
            TieBreak::None => "none".into(),
        }
    }
}

impl std::str::FromStr for TieBreak {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase();
        match s.as_str() {
            "casting-vote" => Ok(TieBreak::CastingVote),
            "borda" => Ok(TieBreak::Borda),
            "count-back" => Ok(TieBreak::CountBack),
            "none" => Ok(TieBreak::None),
            _ => match s.strip_prefix("draw:") {
                Some(seed) => crate::text::digits::parse_number(seed)
                    .map(|seed| TieBreak::Draw { seed })
                    .map_err(|_| {
                        format!("'{seed}' is not a draw seed (a whole number, e.g. draw:2025)")
                    }),
                None => Err(format!(
                    "unknown tie-break '{s}'{}: use casting-vote, borda, count-back, draw:SEED or none",
                    crate::text::suggest::did_you_mean(
                        &s,
                        ["casting-vote", "borda", "count-back", "none"]
                    )
                )),
            },
        }
    }
}

impl CategoryKind {
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryKind::Film => "film",
            CategoryKind::Person => "person",
        }
    }
}

impl std::str::FromStr for CategoryKind {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "film" => Ok(CategoryKind::Film),
            "person" => Ok(CategoryKind::Person),
            other => Err(format!("'{other}' is neither film nor person")),
        }
    }
}

impl std::str::FromStr for JurorRole {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "president" => Ok(JurorRole::President),
            "member" => Ok(JurorRole::Member),
            "observer" => Ok(JurorRole::Observer),
            other => Err(format!(
                "unknown role '{other}'{}: use president, member or observer",
                crate::text::suggest::did_you_mean(other, ["president", "member", "observer"])
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_and_tie_breaks_parse_what_they_print() {
        for m in [
            Method::Plurality,
            Method::Borda,
            Method::Irv,
            Method::Schulze,
            Method::ScoreMean,
            Method::ScoreTrimmed,
            Method::ScoreZ,
        ] {
            assert_eq!(m.name().parse::<Method>().unwrap(), m);
        }
        assert_eq!(
            "majority-rounds".parse::<Method>().unwrap(),
            Method::MajorityRounds { absolute_rounds: 2 }
        );
        assert_eq!(
            "majority-rounds:3".parse::<Method>().unwrap(),
            Method::MajorityRounds { absolute_rounds: 3 }
        );
        assert!("majority-rounds:0".parse::<Method>().is_err());
        assert!("borda:2".parse::<Method>().is_err());
        for t in [
            TieBreak::CastingVote,
            TieBreak::Borda,
            TieBreak::CountBack,
            TieBreak::Draw { seed: 9 },
            TieBreak::None,
        ] {
            assert_eq!(t.name().parse::<TieBreak>().unwrap(), t);
        }
        assert!("draw:x".parse::<TieBreak>().is_err());
        for k in [CategoryKind::Film, CategoryKind::Person] {
            assert_eq!(k.as_str().parse::<CategoryKind>().unwrap(), k);
        }
        assert_eq!(" Person ".parse::<CategoryKind>(), Ok(CategoryKind::Person));
        assert!("films".parse::<CategoryKind>().is_err());
    }
}
