//! Ballot entry (SPEC §3): one category, its voters in turn. Ranked ballots take nominee numbers in order
//! of preference (`3 1 4`) or the highlighted nominee with Space; scored ballots take a digit per
//! nominee (`+` for 10); deliberation rounds take one number. Enter saves durably and moves on to the
//! next juror who has not voted.

use crate::desk::{BallotKind, CategorySummary, Desk, DeskError};
use crate::domain::{BallotContent, Edition};

/// The ballot being typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotForm {
    pub edition: Edition,
    pub summary: CategorySummary,
    pub kind: BallotKind,
    /// Index into `summary.voters`.
    pub juror: usize,
    /// Highlighted nominee.
    pub cursor: usize,
    /// Digits typed but not yet committed (for categories with ten or more nominees).
    pub pending: String,
    pub ranking: Vec<usize>,
    pub scores: Vec<Option<u8>>,
    /// The deliberation round being voted, and the vote.
    pub round: u32,
    pub vote: Option<usize>,
    /// Whether each voter has a stored ballot.
    pub voted: Vec<bool>,
    pub message: Option<String>,
}

/// A key the ballot form understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotKey {
    Digit(u8),
    Ten,
    Space,
    Erase,
    Up,
    Down,
    NextJuror,
    PreviousJuror,
    Save,
}

impl BallotForm {
    /// Opens the form on the first voter who has not voted yet.
    pub fn open(
        desk: &Desk,
        edition: Edition,
        summary: CategorySummary,
    ) -> Result<BallotForm, DeskError> {
        crate::desk::refuse_if_finalized(&edition)?;
        if summary.nominees.is_empty() {
            return Err(DeskError::Refused(format!(
                "'{}' has no nominees yet",
                summary.category.name
            )));
        }
        if summary.voters.is_empty() {
            return Err(DeskError::Refused(format!(
                "'{}' has no juror who may vote (add jurors with `jurydesk juror add`)",
                summary.category.name
            )));
        }
        let kind = BallotKind::of(summary.category.method);
        let mut form = BallotForm {
            edition,
            kind,
            juror: 0,
            cursor: 0,
            pending: String::new(),
            ranking: Vec::new(),
            scores: vec![None; summary.nominees.len()],
            round: 1,
            vote: None,
            voted: Vec::new(),
            message: None,
            summary,
        };
        form.refresh(desk)?;
        form.juror = form.voted.iter().position(|v| !v).unwrap_or(0);
        form.load_juror(desk)?;
        Ok(form)
    }

    /// Re-reads who has voted and, for rounds, which round is open: the latest round, or the next one
    /// once every voter has voted in it.
    fn refresh(&mut self, desk: &Desk) -> Result<(), DeskError> {
        let category = &self.summary.category;
        let mut ballots = Vec::new();
        for juror in &self.summary.voters {
            ballots.push(desk.ballot(category.id, juror.id)?);
        }
        if self.kind == BallotKind::Rounds {
            let rounds_of = |b: &Option<crate::domain::Ballot>| -> Vec<u32> {
                match b.as_ref().map(|b| &b.content) {
                    Some(BallotContent::Rounds(votes)) => votes.iter().map(|(r, _)| *r).collect(),
                    _ => Vec::new(),
                }
            };
            let latest = ballots.iter().flat_map(rounds_of).max().unwrap_or(1);
            let all_voted = ballots.iter().all(|b| rounds_of(b).contains(&latest));
            self.round = if all_voted { latest + 1 } else { latest };
            self.voted = ballots
                .iter()
                .map(|b| rounds_of(b).contains(&self.round))
                .collect();
        } else {
            self.voted = ballots.iter().map(Option::is_some).collect();
        }
        Ok(())
    }

    /// Fills the form with the current juror's stored ballot, so a correction starts from it.
    fn load_juror(&mut self, desk: &Desk) -> Result<(), DeskError> {
        self.ranking.clear();
        self.scores = vec![None; self.summary.nominees.len()];
        self.vote = None;
        self.pending.clear();
        let Some(juror) = self.summary.voters.get(self.juror) else {
            return Ok(());
        };
        let index = |id| {
            self.summary
                .nominees
                .iter()
                .position(|n| n.nomination.id == id)
        };
        match desk
            .ballot(self.summary.category.id, juror.id)?
            .map(|b| b.content)
        {
            Some(BallotContent::Ranked(order)) => {
                self.ranking = order.into_iter().filter_map(index).collect()
            }
            Some(BallotContent::Scored(scores)) => {
                for (id, s) in scores {
                    if let Some(i) = index(id) {
                        self.scores[i] = Some(s);
                    }
                }
            }
            Some(BallotContent::Rounds(votes)) => {
                self.vote = votes
                    .iter()
                    .find(|(r, _)| *r == self.round)
                    .and_then(|(_, id)| index(*id));
            }
            None => {}
        }
        Ok(())
    }

    pub fn juror_name(&self) -> &str {
        self.summary
            .voters
            .get(self.juror)
            .map_or("", |j| j.name.as_str())
    }

    /// Handles one key; saving writes through the desk.
    pub fn handle(&mut self, desk: &Desk, key: BallotKey) -> Result<(), DeskError> {
        self.message = None;
        let n = self.summary.nominees.len();
        match key {
            BallotKey::Up => self.cursor = self.cursor.saturating_sub(1),
            BallotKey::Down => self.cursor = (self.cursor + 1).min(n.saturating_sub(1)),
            BallotKey::Digit(d) => self.digit(d),
            BallotKey::Ten => {
                if self.kind == BallotKind::Scored {
                    self.score_highlighted(10);
                }
            }
            BallotKey::Space => {
                if !self.pending.is_empty() {
                    self.commit_pending();
                } else {
                    self.pick(self.cursor);
                }
            }
            BallotKey::Erase => self.erase(),
            BallotKey::NextJuror | BallotKey::PreviousJuror => {
                let count = self.summary.voters.len();
                self.juror = if key == BallotKey::NextJuror {
                    (self.juror + 1) % count
                } else {
                    (self.juror + count - 1) % count
                };
                self.load_juror(desk)?;
            }
            BallotKey::Save => self.save(desk)?,
        }
        Ok(())
    }

    fn digit(&mut self, d: u8) {
        match self.kind {
            BallotKind::Scored => self.score_highlighted(d),
            _ => {
                self.pending.push(char::from(b'0' + d));
                // With fewer than ten nominees one digit is a whole number.
                if self.summary.nominees.len() < 10 || self.pending.len() >= 2 {
                    self.commit_pending();
                }
            }
        }
    }

    fn commit_pending(&mut self) {
        let typed = std::mem::take(&mut self.pending);
        let number: u32 = typed.parse().unwrap_or(0);
        match self
            .summary
            .nominees
            .iter()
            .position(|n| n.number() == number)
        {
            Some(i) => self.pick(i),
            None => self.message = Some(format!("there is no nominee {typed}")),
        }
    }

    fn pick(&mut self, nominee: usize) {
        match self.kind {
            BallotKind::Ranked => {
                if self.ranking.contains(&nominee) {
                    self.message = Some("already ranked: Backspace removes the last place".into());
                } else {
                    self.ranking.push(nominee);
                }
            }
            BallotKind::Rounds => self.vote = Some(nominee),
            BallotKind::Scored => {}
        }
        self.cursor = nominee;
    }

    fn score_highlighted(&mut self, score: u8) {
        if let Some(slot) = self.scores.get_mut(self.cursor) {
            *slot = Some(score);
        }
        self.cursor = (self.cursor + 1).min(self.summary.nominees.len().saturating_sub(1));
    }

    fn erase(&mut self) {
        if self.pending.pop().is_some() {
            return;
        }
        match self.kind {
            BallotKind::Ranked => {
                self.ranking.pop();
            }
            BallotKind::Scored => {
                if let Some(slot) = self.scores.get_mut(self.cursor) {
                    *slot = None;
                }
            }
            BallotKind::Rounds => self.vote = None,
        }
    }

    fn content(&self, desk: &Desk) -> Result<BallotContent, DeskError> {
        let id = |i: usize| self.summary.nominees[i].nomination.id;
        Ok(match self.kind {
            BallotKind::Ranked => {
                BallotContent::Ranked(self.ranking.iter().map(|&i| id(i)).collect())
            }
            BallotKind::Scored => BallotContent::Scored(
                self.scores
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| Some((id(i), (*s)?)))
                    .collect(),
            ),
            BallotKind::Rounds => {
                let vote = self.vote.ok_or_else(|| {
                    DeskError::invalid("vote", "type the number of the nominee voted for")
                })?;
                let juror = &self.summary.voters[self.juror];
                let mut votes = match desk
                    .ballot(self.summary.category.id, juror.id)?
                    .map(|b| b.content)
                {
                    Some(BallotContent::Rounds(votes)) => votes,
                    _ => Vec::new(),
                };
                votes.retain(|(r, _)| *r != self.round);
                votes.push((self.round, id(vote)));
                votes.sort_by_key(|(r, _)| *r);
                BallotContent::Rounds(votes)
            }
        })
    }

    fn save(&mut self, desk: &Desk) -> Result<(), DeskError> {
        if !self.pending.is_empty() {
            self.commit_pending();
        }
        let content = self.content(desk)?;
        let juror = self.summary.voters[self.juror].clone();
        desk.save_ballot(
            &self.edition,
            &self.summary.category,
            &juror,
            &self.summary.nominees,
            content,
        )?;
        let round = self.round;
        self.refresh(desk)?;
        let saved = format!("saved {}'s ballot", juror.name);
        let round_closed = self.kind == BallotKind::Rounds && self.round != round;
        match self.voted.iter().position(|v| !v) {
            _ if round_closed => {
                self.juror = 0;
                self.message = Some(format!(
                    "{saved}; every voter has voted in round {round}: Esc, then t for the count"
                ));
            }
            Some(next) => {
                self.juror = next;
                self.message = Some(format!("{saved}; next: {}", self.juror_name()));
            }
            None => {
                self.message = Some(format!(
                    "{saved}; all {} voters have voted",
                    self.voted.len()
                ))
            }
        }
        self.load_juror(desk)?;
        self.cursor = 0;
        Ok(())
    }
}
