/// Why a count could not be made. Each message names the voter and what was wrong with the ballot, so a
/// secretary can find and fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TallyError {
    #[error("the category has no nominees to count")]
    NoNominees,
    /// The ballot's kind does not fit the method (e.g. scores given to a ranked method).
    #[error("{voter}'s ballot is {found}, but {method} counts {expected}")]
    WrongBallotKind {
        voter: String,
        method: &'static str,
        expected: &'static str,
        found: &'static str,
    },
    #[error(
        "{voter}'s ballot names nominee index {nominee}, but the category has {count} nominee(s) (indices 0 to {})",
        .count.saturating_sub(1)
    )]
    NomineeOutOfRange {
        voter: String,
        nominee: usize,
        count: usize,
    },
    #[error("{voter}'s ranking names {label} twice")]
    RankedTwice { voter: String, label: String },
    #[error("{voter}'s ballot scores {label} twice")]
    ScoredTwice { voter: String, label: String },
    #[error("{voter}'s score for {label} is {score}; scores run from 0 to 10")]
    ScoreOutOfRange {
        voter: String,
        label: String,
        score: u8,
    },
    #[error("{voter}'s ballot has a vote in round 0; rounds are numbered from 1")]
    RoundZero { voter: String },
    #[error("{voter}'s ballot has two votes in round {round}")]
    RoundTwice { voter: String, round: u32 },
    #[error(
        "the casting vote names nominee index {nominee}, but the category has {count} nominee(s)"
    )]
    CastingVoteOutOfRange { nominee: usize, count: usize },
}
