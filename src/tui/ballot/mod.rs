//! Ballot entry (README.md#the-desk): one category, its voters in turn. Ranked ballots take nominee
//! numbers in order of preference or the highlighted nominee with Space; scored ballots take a digit per
//! nominee (`+` for 10); deliberation rounds take one number. Enter saves durably and moves on to the
//! next juror who has not voted.
//!
//! How a number is typed (issue 12 finding 7): with fewer than ten nominees each digit is a number
//! (`314`, or `3 1 4`); with ten or more, numbers of any length are separated by Space (`12 3 10`). A
//! number that names no nominee, or one already ranked, is kept where it was typed and shown with the
//! reason, and Enter saves nothing until Backspace removes it. A juror's stored ballot is shown when the
//! form comes to them; the first number typed starts a new ballot that replaces it (Backspace edits the
//! stored one instead). Persian and Arabic-Indic digits arrive here as ASCII ones (`App::handle_key`).

mod app;
pub(in crate::tui) mod view;

use crate::desk::{BallotKind, CategorySummary, Desk, DeskError};
use crate::domain::{BallotContent, Edition, JurorRole};

/// The longest number typed (longer is no nominee's number anyway).
const MAX_DIGITS: usize = 6;

/// One place of a ranking, or the vote of a round, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// A nominee, by index into `summary.nominees`.
    Nominee(usize),
    /// A number that cannot be saved, and why.
    Invalid { typed: String, why: String },
}

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
    /// Digits of a number not yet ended by Space (ten or more nominees).
    pub pending: String,
    /// The ranking's places in order (ranked), or the round's vote (at most one entry).
    pub entries: Vec<Entry>,
    pub scores: Vec<Option<u8>>,
    /// The deliberation round being voted.
    pub round: u32,
    /// Whether each voter has a stored ballot.
    pub voted: Vec<bool>,
    /// The form shows the juror's stored ballot, untouched: a number typed starts a new one.
    pub stored: bool,
    /// A new ballot was started over the juror's stored one, which it replaces when saved.
    pub replacing: bool,
    /// The last key was a digit that made a whole number, so a Space after it only separates.
    pub after_digit: bool,
    /// Jurors whose ballot would not count here, with the reason: recused from a nominee, observers.
    pub not_counted: Vec<(String, String)>,
    pub message: Option<String>,
    /// In the jury room (issue 16) the form never reads a stored ballot into what it shows: a juror
    /// who has voted starts from an empty ballot, which replaces theirs when saved.
    pub secret: bool,
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
        Self::open_with(desk, edition, summary, false)
    }

    /// Opens the form for the jury room: no stored ballot is ever read into it (see `secret`).
    pub(in crate::tui) fn open_secret(
        desk: &Desk,
        edition: Edition,
        summary: CategorySummary,
    ) -> Result<BallotForm, DeskError> {
        Self::open_with(desk, edition, summary, true)
    }

    fn open_with(
        desk: &Desk,
        edition: Edition,
        summary: CategorySummary,
        secret: bool,
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
                "'{}' has no juror who may vote: seat one first",
                summary.category.name
            )));
        }
        let mut not_counted: Vec<(String, String)> = summary
            .recused
            .iter()
            .map(|(name, why)| (name.clone(), format!("{why}: a ballot would not count")))
            .collect();
        not_counted.extend(
            desk.jurors(edition.id)?
                .into_iter()
                .filter(|j| j.role == JurorRole::Observer)
                .map(|j| (j.name, "observer: observers never vote".to_string())),
        );
        let kind = BallotKind::of(summary.category.method);
        let mut form = BallotForm {
            edition,
            kind,
            juror: 0,
            cursor: 0,
            pending: String::new(),
            entries: Vec::new(),
            scores: vec![None; summary.nominees.len()],
            round: 1,
            voted: Vec::new(),
            stored: false,
            replacing: false,
            after_digit: false,
            not_counted,
            message: None,
            secret,
            summary,
        };
        form.refresh(desk)?;
        form.juror = form.voted.iter().position(|v| !v).unwrap_or(0);
        form.load_juror(desk)?;
        Ok(form)
    }

    /// The ranking's valid places, as nominee indices.
    pub fn ranking(&self) -> Vec<usize> {
        self.entries
            .iter()
            .filter_map(|e| match e {
                Entry::Nominee(i) => Some(*i),
                Entry::Invalid { .. } => None,
            })
            .collect()
    }

    /// The round's vote, when it names a nominee.
    pub fn vote(&self) -> Option<usize> {
        match self.entries.first() {
            Some(Entry::Nominee(i)) => Some(*i),
            _ => None,
        }
    }

    /// Whether numbers need a Space after them: ten or more nominees.
    pub fn spaced(&self) -> bool {
        self.summary.nominees.len() >= 10
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
            // The round the jury is on (docs/counting.md#provisional-counts: rounds are voted in
            // turn, so a juror who missed round 1 votes there first); once a round has decided, the
            // latest, where any vote is refused with the reason.
            let open = desk.open_round(&self.edition, category)?;
            self.round = open.unwrap_or(latest);
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
        self.entries.clear();
        self.scores = vec![None; self.summary.nominees.len()];
        self.pending.clear();
        self.after_digit = false;
        self.stored = false;
        self.replacing = false;
        let Some(juror) = self.summary.voters.get(self.juror) else {
            return Ok(());
        };
        if self.secret {
            self.replacing = self.voted.get(self.juror).copied().unwrap_or(false);
            return Ok(());
        }
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
                self.entries = order
                    .into_iter()
                    .filter_map(index)
                    .map(Entry::Nominee)
                    .collect();
            }
            Some(BallotContent::Scored(scores)) => {
                for (id, s) in scores {
                    if let Some(i) = index(id) {
                        self.scores[i] = Some(s);
                    }
                }
            }
            Some(BallotContent::Rounds(votes)) => {
                self.entries = votes
                    .iter()
                    .find(|(r, _)| *r == self.round)
                    .and_then(|(_, id)| index(*id))
                    .map(Entry::Nominee)
                    .into_iter()
                    .collect();
            }
            None => {}
        }
        self.stored = !self.entries.is_empty();
        Ok(())
    }

    /// Turns the form to voter `juror` (an index into `summary.voters`), from an empty entry in the
    /// jury room or from their stored ballot in ballot entry.
    pub(in crate::tui) fn turn_to(&mut self, desk: &Desk, juror: usize) -> Result<(), DeskError> {
        self.juror = juror.min(self.summary.voters.len().saturating_sub(1));
        self.cursor = 0;
        self.message = None;
        self.load_juror(desk)
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
        let after_digit = std::mem::take(&mut self.after_digit);
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
                } else if !after_digit && self.kind != BallotKind::Scored {
                    self.start_over_if_stored();
                    let number = self.summary.nominees[self.cursor].number().to_string();
                    self.place(self.cursor, number);
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
            BallotKey::Save => {
                self.save(desk)?;
            }
        }
        Ok(())
    }

    /// A number typed over the stored ballot starts a new one: it replaces the stored ballot when
    /// saved, and is never added to it.
    fn start_over_if_stored(&mut self) {
        if self.stored {
            self.stored = false;
            self.replacing = true;
            self.entries.clear();
        }
    }

    fn digit(&mut self, d: u8) {
        if self.kind == BallotKind::Scored {
            self.score_highlighted(d);
            return;
        }
        self.start_over_if_stored();
        if self.pending.len() < MAX_DIGITS {
            self.pending.push(char::from(b'0' + d));
        }
        // With fewer than ten nominees one digit is a whole number.
        if !self.spaced() {
            self.commit_pending();
            self.after_digit = true;
        }
    }

    /// Ends the number being typed: a place of the ranking or the round's vote, valid or not.
    fn commit_pending(&mut self) {
        let typed = std::mem::take(&mut self.pending);
        if typed.is_empty() {
            return;
        }
        let number: Option<u32> = crate::text::digits::parse_number(&typed).ok();
        if let Some(i) = self
            .summary
            .nominees
            .iter()
            .position(|n| Some(n.number()) == number)
        {
            self.place(i, typed);
        } else {
            let why = format!("there is no nominee {typed} ({})", self.numbers_here());
            self.put(Entry::Invalid { typed, why });
        }
    }

    /// The nominees' numbers, as a reason quotes them: "the numbers are 1 to 12".
    fn numbers_here(&self) -> String {
        let mut numbers: Vec<u32> = self
            .summary
            .nominees
            .iter()
            .map(crate::desk::Nominee::number)
            .collect();
        numbers.sort_unstable();
        match (numbers.first(), numbers.last()) {
            (Some(&first), Some(&last)) if (last - first) as usize + 1 == numbers.len() => {
                format!("the numbers are {first} to {last}")
            }
            _ => format!(
                "the numbers are {}",
                numbers
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn place(&mut self, nominee: usize, typed: String) {
        self.cursor = nominee;
        if self.kind == BallotKind::Ranked
            && let Some(place) = self
                .entries
                .iter()
                .position(|e| *e == Entry::Nominee(nominee))
        {
            let number = self.summary.nominees[nominee].number();
            let why = format!("{number} is already ranked #{}", place + 1);
            self.put(Entry::Invalid { typed, why });
            return;
        }
        self.put(Entry::Nominee(nominee));
    }

    fn put(&mut self, entry: Entry) {
        if let Entry::Invalid { why, .. } = &entry {
            self.message = Some(format!("{why}: Backspace removes it"));
        }
        match self.kind {
            BallotKind::Ranked => self.entries.push(entry),
            BallotKind::Rounds => self.entries = vec![entry],
            BallotKind::Scored => {}
        }
    }

    fn score_highlighted(&mut self, score: u8) {
        self.stored = false;
        if let Some(slot) = self.scores.get_mut(self.cursor) {
            *slot = Some(score);
        }
        self.cursor = (self.cursor + 1).min(self.summary.nominees.len().saturating_sub(1));
    }

    fn erase(&mut self) {
        // Backspace edits the stored ballot rather than starting over.
        self.stored = false;
        if self.pending.pop().is_some() {
            return;
        }
        match self.kind {
            BallotKind::Ranked | BallotKind::Rounds => {
                self.entries.pop();
            }
            BallotKind::Scored => {
                if let Some(slot) = self.scores.get_mut(self.cursor) {
                    *slot = None;
                }
            }
        }
    }

    /// Why the ballot as typed cannot be saved, if it cannot.
    pub fn problem(&self) -> Option<String> {
        let invalid: Vec<String> = self
            .entries
            .iter()
            .filter_map(|e| match e {
                Entry::Invalid { why, .. } => Some(why.clone()),
                Entry::Nominee(_) => None,
            })
            .collect();
        if !invalid.is_empty() {
            return Some(format!(
                "not saved: {}; Backspace removes what cannot be saved",
                invalid.join("; ")
            ));
        }
        match self.kind {
            BallotKind::Ranked if self.entries.is_empty() => Some(
                "not saved: the ranking is empty: type the nominees' numbers in order of preference"
                    .into(),
            ),
            BallotKind::Rounds if self.entries.is_empty() => {
                Some("not saved: type the number of the nominee voted for".into())
            }
            BallotKind::Scored if self.scores.iter().all(Option::is_none) => {
                Some("not saved: no nominee has a score yet".into())
            }
            _ => None,
        }
    }

    fn content(&self, desk: &Desk) -> Result<BallotContent, DeskError> {
        let id = |i: usize| self.summary.nominees[i].nomination.id;
        Ok(match self.kind {
            BallotKind::Ranked => {
                BallotContent::Ranked(self.ranking().iter().map(|&i| id(i)).collect())
            }
            BallotKind::Scored => BallotContent::Scored(
                self.scores
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| Some((id(i), (*s)?)))
                    .collect(),
            ),
            BallotKind::Rounds => {
                let vote = self.vote().ok_or_else(|| {
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

    /// Saves the ballot as typed (durably, through the desk) and turns to the next voter who has not
    /// voted; `false` when it could not be saved (the reason is in `message`).
    pub(in crate::tui) fn save(&mut self, desk: &Desk) -> Result<bool, DeskError> {
        self.commit_pending();
        if let Some(problem) = self.problem() {
            self.message = Some(problem);
            return Ok(false);
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
                ));
            }
        }
        self.load_juror(desk)?;
        self.cursor = 0;
        Ok(true)
    }
}
