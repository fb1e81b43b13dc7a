//! Deliberation rounds are voted in turn (docs/counting.md#provisional-counts): a vote in round K
//! is accepted only once every eligible juror has voted in round K−1, and never in a round after
//! the one that decided. A ballot (from the desk, `ballot set` or a ballots file) is checked against
//! the count it would make, so the rule is the count's own: the round a vote may go to is the round
//! the count is waiting for.
//!
//! Only what a change adds is refused: votes already stored out of turn (by an older jurydesk) do not
//! block the jury's other ballots.

use std::collections::BTreeSet;

use super::tallying::CategoryCount;
use super::{Desk, DeskError, Problem, Result};
use crate::domain::{BallotContent, Category, Edition, Id, Juror, Method};

impl Desk {
    /// The deliberation round a vote may go to now: the round being voted (every juror who has not
    /// voted in it may), or the next round once the last one is complete and decided nothing (or left
    /// a tie standing). `None` once a round has decided, or for a category not counted in rounds.
    /// The desk's ballot entry opens on this round.
    pub fn open_round(&self, edition: &Edition, category: &Category) -> Result<Option<u32>> {
        if !matches!(category.method, Method::MajorityRounds { .. }) {
            return Ok(None);
        }
        let count = self.count_with(edition, category, &[])?;
        let o = &count.outcome;
        Ok(match (&o.pending_round, o.winners.len()) {
            (Some(pending), _) => Some(pending.number),
            (None, 1) => None,
            (None, _) => Some(o.rounds.last().map_or(1, |r| r.number + 1)),
        })
    }

    /// Refuses a juror's ballot of deliberation rounds that votes in a round the jury is not on yet,
    /// or after the round that decided. Other methods' ballots pass.
    pub(super) fn refuse_round_out_of_turn(
        &self,
        edition: &Edition,
        category: &Category,
        juror: &Juror,
        content: &BallotContent,
    ) -> Result<()> {
        match self.rounds_out_of_turn(edition, category, &[(juror.clone(), content.clone())]) {
            Ok(Some(problem)) => Err(DeskError::Refused(problem)),
            // A ballot the count cannot read (a round 0, two votes in a round) is refused by the
            // ballot's own checks, which say more precisely what is wrong.
            Ok(None) | Err(DeskError::Refused(_)) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The rule for a ballots file: all its round votes in a category are checked together (a file
    /// may hold rounds 1 and 2 of the whole jury), and each ballot that adds a vote out of turn is
    /// reported at its line. `ballots` are the file's resolved ballots (line, category, juror, content
    /// already merged with the juror's stored rounds); other methods' ballots are passed over.
    pub(super) fn rounds_out_of_turn_in_import(
        &self,
        edition: &Edition,
        source: &str,
        ballots: &[(usize, &Category, &Juror, &BallotContent)],
    ) -> Result<Vec<Problem>> {
        let mut by_category: Vec<(&Category, Vec<LineBallot>)> = Vec::new();
        for &(line, category, juror, content) in ballots {
            if !matches!(content, BallotContent::Rounds(_)) {
                continue;
            }
            let ballot = (line, juror.clone(), content.clone());
            match by_category.iter_mut().find(|(c, _)| c.id == category.id) {
                Some((_, ballots)) => ballots.push(ballot),
                None => by_category.push((category, vec![ballot])),
            }
        }
        let mut problems = Vec::new();
        for (category, ballots) in &by_category {
            let overlay: Vec<(Juror, BallotContent)> = ballots
                .iter()
                .map(|(_, j, c)| (j.clone(), c.clone()))
                .collect();
            if let Some(problem) = self.rounds_out_of_turn(edition, category, &overlay)? {
                // Name the lines whose votes are out of turn.
                let late = self.late_votes(edition, category, &overlay)?;
                for (line, juror, _) in ballots {
                    if late.iter().any(|(id, _)| *id == juror.id) {
                        problems.push(Problem::at_line(source, *line as u64, &problem));
                    }
                }
            }
        }
        Ok(problems)
    }

    /// A file's round votes add to the juror's stored rounds, as `ballot set --round` does.
    pub(super) fn merged_rounds(
        &self,
        category: &Category,
        juror: &Juror,
        content: BallotContent,
    ) -> Result<BallotContent> {
        let BallotContent::Rounds(mut new) = content else {
            return Ok(content);
        };
        if let Some(BallotContent::Rounds(old)) =
            self.ballot(category.id, juror.id)?.map(|b| b.content)
        {
            new.extend(
                old.into_iter()
                    .filter(|(r, _)| new.iter().all(|(n, _)| n != r))
                    .collect::<Vec<_>>(),
            );
            new.sort_by_key(|(r, _)| *r);
        }
        Ok(BallotContent::Rounds(new))
    }

    /// What is wrong with the round votes `overlay` would add, said once, or `None`.
    fn rounds_out_of_turn(
        &self,
        edition: &Edition,
        category: &Category,
        overlay: &[(Juror, BallotContent)],
    ) -> Result<Option<String>> {
        if !matches!(category.method, Method::MajorityRounds { .. }) {
            return Ok(None);
        }
        let late = self.late_votes(edition, category, overlay)?;
        let Some(&(juror_id, round)) = late.first() else {
            return Ok(None);
        };
        let after = self.count_with(edition, category, overlay)?;
        let name = overlay
            .iter()
            .find(|(j, _)| j.id == juror_id)
            .map_or_else(String::new, |(j, _)| j.name.clone());
        let o = &after.outcome;
        let problem = match (&o.pending_round, o.rounds.last(), o.winners.as_slice()) {
            (Some(p), _, _) => format!(
                "{name} cannot vote in round {round} of '{}' yet: the jury is on round {} ({} of {} votes cast; still to vote in it: {}); rounds are voted in turn, each once every juror has voted in the one before",
                category.name,
                p.number,
                p.cast,
                p.electorate,
                p.waiting.join(", ")
            ),
            (None, Some(decided), [winner]) => format!(
                "{name} cannot vote in round {round} of '{}': round {} already decided ({}), so no later round is held; to change a vote, enter it again for its round",
                category.name, decided.number, after.labels[*winner]
            ),
            _ => format!(
                "{name} cannot vote in round {round} of '{}': the jury is on round {}",
                category.name,
                o.rounds.last().map_or(1, |r| r.number + 1)
            ),
        };
        Ok(Some(problem))
    }

    /// The round votes (juror id, round) that `overlay` would add beyond the round the count allows,
    /// oldest round first: votes already out of turn before the change are not counted against it.
    fn late_votes(
        &self,
        edition: &Edition,
        category: &Category,
        overlay: &[(Juror, BallotContent)],
    ) -> Result<Vec<(Id, u32)>> {
        let before = self.count_with(edition, category, &[])?;
        let after = self.count_with(edition, category, overlay)?;
        let stored = |juror: Id| -> Result<Vec<(u32, Id)>> {
            Ok(match self.ballot(category.id, juror)?.map(|b| b.content) {
                Some(BallotContent::Rounds(votes)) => votes,
                _ => Vec::new(),
            })
        };
        let limit_before = last_allowed_round(&before);
        let limit_after = last_allowed_round(&after);
        let mut late = BTreeSet::new();
        for (juror, content) in overlay {
            let BallotContent::Rounds(votes) = content else {
                continue;
            };
            let old = stored(juror.id)?;
            for &(round, id) in votes {
                let already_late = old.contains(&(round, id)) && round > limit_before;
                if round > limit_after && !already_late {
                    late.insert((round, juror.id));
                }
            }
        }
        Ok(late.into_iter().map(|(round, id)| (id, round)).collect())
    }

    /// The category counted by its own rules (with the cascade, as `tally` counts it), with `overlay`
    /// standing in for stored ballots.
    fn count_with(
        &self,
        edition: &Edition,
        category: &Category,
        overlay: &[(Juror, BallotContent)],
    ) -> Result<CategoryCount> {
        let overlay: Vec<(Id, BallotContent)> =
            overlay.iter().map(|(j, c)| (j.id, c.clone())).collect();
        let taken = self.taken_before(edition, category)?;
        self.count_without(edition, category, None, None, &taken, &overlay)
    }
}

/// A ballot from a file: its line, the juror, and what it would store.
type LineBallot = (usize, Juror, BallotContent);

/// The last round a vote may go to in this count: the round being voted; after a round that decided,
/// that round; after a tie left standing, the round that may break it; otherwise the next round.
fn last_allowed_round(count: &CategoryCount) -> u32 {
    let o = &count.outcome;
    if let Some(pending) = &o.pending_round {
        return pending.number;
    }
    let last = o.rounds.last().map_or(0, |r| r.number);
    if o.winners.len() == 1 { last } else { last + 1 }
}
