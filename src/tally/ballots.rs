//! Checking ballots against their method before anything is counted, so that a bad ballot is an error
//! that names its voter instead of a silently wrong count.

use super::{Ballot, Content, TallyError};

fn kind(content: &Content) -> &'static str {
    match content {
        Content::Ranked(_) => "a ranking",
        Content::Scored(_) => "a set of scores",
        Content::Rounds(_) => "a set of round votes",
    }
}

fn wrong_kind(ballot: &Ballot, method: &'static str, expected: &'static str) -> TallyError {
    TallyError::WrongBallotKind {
        voter: ballot.voter.clone(),
        method,
        expected,
        found: kind(&ballot.content),
    }
}

fn in_range(ballot: &Ballot, nominee: usize, n: usize) -> Result<(), TallyError> {
    if nominee < n {
        Ok(())
    } else {
        Err(TallyError::NomineeOutOfRange {
            voter: ballot.voter.clone(),
            nominee,
            count: n,
        })
    }
}

/// Remembers which nominees one ballot has named, without clearing between ballots: a nominee is seen
/// on this ballot when its stamp equals the ballot's number.
struct Seen {
    stamps: Vec<usize>,
    ballot: usize,
}

impl Seen {
    fn new(n: usize) -> Self {
        Seen {
            stamps: vec![0; n],
            ballot: 0,
        }
    }

    fn next_ballot(&mut self) {
        self.ballot += 1;
    }

    /// Marks `nominee`; false if this ballot had already named it.
    fn mark(&mut self, nominee: usize) -> bool {
        let first = self.stamps[nominee] != self.ballot;
        self.stamps[nominee] = self.ballot;
        first
    }
}

fn check_ranking(
    ballot: &Ballot,
    ranking: &[usize],
    nominees: &[String],
    seen: &mut Seen,
) -> Result<(), TallyError> {
    seen.next_ballot();
    for &c in ranking {
        in_range(ballot, c, nominees.len())?;
        if !seen.mark(c) {
            return Err(TallyError::RankedTwice {
                voter: ballot.voter.clone(),
                label: nominees[c].clone(),
            });
        }
    }
    Ok(())
}

fn check_rounds(ballot: &Ballot, votes: &[(u32, usize)], n: usize) -> Result<(), TallyError> {
    let mut rounds: Vec<u32> = Vec::with_capacity(votes.len());
    for &(round, c) in votes {
        in_range(ballot, c, n)?;
        if round == 0 {
            return Err(TallyError::RoundZero {
                voter: ballot.voter.clone(),
            });
        }
        rounds.push(round);
    }
    rounds.sort_unstable();
    if let Some(w) = rounds.windows(2).find(|w| w[0] == w[1]) {
        return Err(TallyError::RoundTwice {
            voter: ballot.voter.clone(),
            round: w[0],
        });
    }
    Ok(())
}

/// The rankings of a ranked method; every ballot must be a valid ranking.
pub(super) fn ranked<'a>(
    method: &'static str,
    nominees: &[String],
    ballots: &'a [Ballot],
) -> Result<Vec<&'a [usize]>, TallyError> {
    let mut seen = Seen::new(nominees.len());
    ballots
        .iter()
        .map(|b| match &b.content {
            Content::Ranked(r) => {
                check_ranking(b, r, nominees, &mut seen)?;
                Ok(r.as_slice())
            }
            _ => Err(wrong_kind(b, method, "rankings")),
        })
        .collect()
}

/// The score sheets of a score method; every score must be 0–10 and every nominee scored at most once.
pub(super) fn scored<'a>(
    method: &'static str,
    nominees: &[String],
    ballots: &'a [Ballot],
) -> Result<Vec<&'a [(usize, u8)]>, TallyError> {
    let mut seen = Seen::new(nominees.len());
    ballots
        .iter()
        .map(|b| match &b.content {
            Content::Scored(s) => {
                seen.next_ballot();
                for &(c, score) in s {
                    in_range(b, c, nominees.len())?;
                    if !seen.mark(c) {
                        return Err(TallyError::ScoredTwice {
                            voter: b.voter.clone(),
                            label: nominees[c].clone(),
                        });
                    }
                    if score > 10 {
                        return Err(TallyError::ScoreOutOfRange {
                            voter: b.voter.clone(),
                            label: nominees[c].clone(),
                            score,
                        });
                    }
                }
                Ok(s.as_slice())
            }
            _ => Err(wrong_kind(b, method, "scores from 0 to 10")),
        })
        .collect()
}

/// The round votes of majority-rounds; rounds are numbered from 1, one vote per round.
pub(super) fn rounds<'a>(
    method: &'static str,
    n: usize,
    ballots: &'a [Ballot],
) -> Result<Vec<&'a [(u32, usize)]>, TallyError> {
    ballots
        .iter()
        .map(|b| match &b.content {
            Content::Rounds(v) => {
                check_rounds(b, v, n)?;
                Ok(v.as_slice())
            }
            _ => Err(wrong_kind(b, method, "one vote per round")),
        })
        .collect()
}

/// What plurality counts.
pub(super) struct FirstChoices<'a> {
    /// Per ballot: the top of its ranking or its round-1 vote; `None` when it names no one.
    pub firsts: Vec<Option<usize>>,
    /// The rankings, when every ballot is ranked (the Borda tie-break needs them).
    pub rankings: Option<Vec<&'a [usize]>>,
}

/// Plurality's first choices, checking every ballot.
pub(super) fn first_choices<'a>(
    nominees: &[String],
    ballots: &'a [Ballot],
) -> Result<FirstChoices<'a>, TallyError> {
    let mut seen = Seen::new(nominees.len());
    let mut firsts = Vec::with_capacity(ballots.len());
    let mut rankings = Vec::with_capacity(ballots.len());
    for b in ballots {
        match &b.content {
            Content::Ranked(r) => {
                check_ranking(b, r, nominees, &mut seen)?;
                firsts.push(r.first().copied());
                rankings.push(r.as_slice());
            }
            Content::Rounds(v) => {
                check_rounds(b, v, nominees.len())?;
                firsts.push(v.iter().find(|(round, _)| *round == 1).map(|&(_, c)| c));
            }
            Content::Scored(_) => {
                return Err(wrong_kind(b, "plurality", "rankings or single votes"));
            }
        }
    }
    let all_ranked = rankings.len() == ballots.len();
    Ok(FirstChoices {
        firsts,
        rankings: all_ranked.then_some(rankings),
    })
}
