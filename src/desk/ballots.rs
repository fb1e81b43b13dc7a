//! Ballots: one per juror and category, in the form the category's method counts. Entering a ballot
//! again replaces it (a juror may change their mind until the edition is finalized).

use chrono::Utc;

use super::jury::refuse_if_finalized;
use super::nominations::{Nominee, resolve_nominee};
use super::{Desk, DeskError, Result};
use crate::domain::{Ballot, BallotContent, Category, Edition, Id, Juror, JurorRole, Method};
use crate::store::{Kind, Tx, keys};

/// What a juror's ballot says, with nominees as people type them (number, label, title or person).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotEntry {
    Ranked(Vec<String>),
    Scored(Vec<(String, u8)>),
    /// Deliberation votes: round number and the nominee voted for.
    Rounds(Vec<(u32, String)>),
}

/// Turns nominee references into nomination ids.
pub(super) fn resolve_entry(entry: &BallotEntry, nominees: &[Nominee]) -> Result<BallotContent> {
    let id_of =
        |reference: &str| -> Result<Id> { Ok(resolve_nominee(nominees, reference)?.nomination.id) };
    Ok(match entry {
        BallotEntry::Ranked(order) => {
            BallotContent::Ranked(order.iter().map(|r| id_of(r)).collect::<Result<_>>()?)
        }
        BallotEntry::Scored(scores) => BallotContent::Scored(
            scores
                .iter()
                .map(|(r, s)| Ok((id_of(r)?, *s)))
                .collect::<Result<_>>()?,
        ),
        BallotEntry::Rounds(votes) => {
            let mut votes: Vec<(u32, Id)> = votes
                .iter()
                .map(|(round, r)| Ok((*round, id_of(r)?)))
                .collect::<Result<_>>()?;
            votes.sort_by_key(|(r, _)| *r);
            BallotContent::Rounds(votes)
        }
    })
}

/// The kind of ballot a method counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BallotKind {
    Ranked,
    Scored,
    Rounds,
}

impl BallotKind {
    pub fn of(method: Method) -> BallotKind {
        match method {
            Method::Plurality | Method::Borda | Method::Irv | Method::Schulze => BallotKind::Ranked,
            Method::ScoreMean | Method::ScoreTrimmed | Method::ScoreZ => BallotKind::Scored,
            Method::MajorityRounds { .. } => BallotKind::Rounds,
        }
    }

    pub fn of_entry(entry: &BallotEntry) -> BallotKind {
        match entry {
            BallotEntry::Ranked(_) => BallotKind::Ranked,
            BallotEntry::Scored(_) => BallotKind::Scored,
            BallotEntry::Rounds(_) => BallotKind::Rounds,
        }
    }

    pub fn of_content(content: &BallotContent) -> BallotKind {
        match content {
            BallotContent::Ranked(_) => BallotKind::Ranked,
            BallotContent::Scored(_) => BallotKind::Scored,
            BallotContent::Rounds(_) => BallotKind::Rounds,
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            BallotKind::Ranked => "a ranking (--rank \"A > B > C\")",
            BallotKind::Scored => "scores from 0 to 10 (--score \"A=8, B=6\")",
            BallotKind::Rounds => "one vote per round (--round K --vote A)",
        }
    }
}

/// Parses `A > B > C` into its references.
pub fn parse_ranking(text: &str) -> Result<Vec<String>> {
    let parts: Vec<String> = text.split('>').map(|p| p.trim().to_string()).collect();
    if parts.iter().any(String::is_empty) {
        return Err(DeskError::invalid(
            "ranking",
            format!(
                "'{text}' has an empty place: write nominees separated by '>', e.g. \"2 > 1 > 3\""
            ),
        ));
    }
    Ok(parts)
}

/// Parses one score, a whole number from 0 to 10.
pub fn parse_score(text: &str) -> Result<u8> {
    crate::text::digits::parse_number(text)
        .ok()
        .filter(|s| *s <= 10)
        .ok_or_else(|| {
            DeskError::invalid(
                "scores",
                format!("'{}' is not a score from 0 to 10", text.trim()),
            )
        })
}

/// Parses `A=8, B=6` into references and scores.
pub fn parse_scores(text: &str) -> Result<Vec<(String, u8)>> {
    text.split(',')
        .filter(|p| !p.trim().is_empty())
        .map(|part| {
            let (who, score) = part.rsplit_once('=').ok_or_else(|| {
                DeskError::invalid(
                    "scores",
                    format!("'{}' needs the form nominee=score, e.g. 2=8", part.trim()),
                )
            })?;
            let score = parse_score(score)?;
            let who = who.trim();
            if who.is_empty() {
                return Err(DeskError::invalid(
                    "scores",
                    format!("'{}' names no nominee", part.trim()),
                ));
            }
            Ok((who.to_string(), score))
        })
        .collect()
}

impl Desk {
    /// Records a juror's ballot in a category from references, replacing any earlier one.
    pub fn set_ballot(
        &self,
        edition: &str,
        category: &str,
        juror: &str,
        entry: &BallotEntry,
    ) -> Result<Ballot> {
        let edition = self.edition(edition)?;
        let category = self.category(&edition, category)?;
        let juror = self.juror(&edition, juror)?;
        let nominees = self.nominees(&category)?;
        let mut content = resolve_entry(entry, &nominees)?;
        // A round vote adds to the juror's earlier rounds instead of replacing them.
        if let (BallotContent::Rounds(new), Some(BallotContent::Rounds(old))) = (
            &mut content,
            self.ballot(category.id, juror.id)?.map(|b| b.content),
        ) {
            let mut merged: Vec<(u32, Id)> = old
                .into_iter()
                .filter(|(r, _)| new.iter().all(|(n, _)| n != r))
                .collect();
            merged.append(new);
            merged.sort_by_key(|(r, _)| *r);
            *new = merged;
        }
        self.save_ballot(&edition, &category, &juror, &nominees, content)
    }

    /// Records a juror's ballot from nomination ids (the desk's ballot entry), replacing any earlier one.
    pub fn save_ballot(
        &self,
        edition: &Edition,
        category: &Category,
        juror: &Juror,
        nominees: &[Nominee],
        content: BallotContent,
    ) -> Result<Ballot> {
        refuse_if_finalized(edition)?;
        self.refuse_round_out_of_turn(edition, category, juror, &content)?;
        let mut tx = self.store.begin();
        let ballot = self.stage_ballot(&mut tx, edition, category, juror, nominees, content)?;
        tx.commit(format!(
            "ballot set {} in \"{}\" ({})",
            juror.name, category.name, edition.code
        ))?;
        Ok(ballot)
    }

    /// Checks a ballot and writes it into `tx`, replacing the juror's earlier ballot in the category.
    /// Refused while the category has a recorded award (docs/counting.md#deciding-an-award): the
    /// award was counted from the ballots as they stand.
    pub(super) fn stage_ballot(
        &self,
        tx: &mut Tx<'_>,
        edition: &Edition,
        category: &Category,
        juror: &Juror,
        nominees: &[Nominee],
        content: BallotContent,
    ) -> Result<Ballot> {
        self.refuse_if_awarded(edition, category, "its ballots")?;
        if juror.role == JurorRole::Observer {
            return Err(DeskError::Refused(format!(
                "{} is an observer: observers never vote",
                juror.name
            )));
        }
        let wanted = BallotKind::of(category.method);
        if BallotKind::of_content(&content) != wanted {
            return Err(DeskError::invalid(
                "ballot",
                format!(
                    "'{}' is counted by {}: enter {}",
                    category.name,
                    category.method.name(),
                    wanted.describe()
                ),
            ));
        }
        validate_content(&content, nominees)?;
        let ballot = Ballot {
            id: match self.ballot(category.id, juror.id)? {
                Some(b) => b.id,
                None => tx.new_id(Kind::Ballot)?,
            },
            category_id: category.id,
            juror_id: juror.id,
            content,
            updated_at: Utc::now(),
        };
        tx.put(&ballot)?;
        Ok(ballot)
    }

    /// A juror's ballot in a category, if entered.
    pub fn ballot(&self, category_id: Id, juror_id: Id) -> Result<Option<Ballot>> {
        let key = keys::pair(keys::BALLOT_OF_CATEGORY_JUROR, category_id, juror_id);
        match self.store.id_at(&key)? {
            Some(id) => Ok(self.store.get::<Ballot>(id)?),
            None => Ok(None),
        }
    }
}

/// Checks a ballot's nominees (each once, each in the category), scores and rounds.
pub(super) fn validate_content(content: &BallotContent, nominees: &[Nominee]) -> Result<()> {
    let known = |id: &Id| nominees.iter().any(|n| n.nomination.id == *id);
    let mut seen = std::collections::HashSet::new();
    let mut once = |id: Id| -> Result<()> {
        if !known(&id) {
            return Err(DeskError::invalid(
                "ballot",
                format!("nomination {id} is not in this category"),
            ));
        }
        if !seen.insert(id) {
            let label = nominees
                .iter()
                .find(|n| n.nomination.id == id)
                .map(|n| n.label.clone())
                .unwrap_or_default();
            return Err(DeskError::invalid(
                "ballot",
                format!("{label} appears twice"),
            ));
        }
        Ok(())
    };
    match content {
        BallotContent::Ranked(order) => {
            if order.is_empty() {
                return Err(DeskError::invalid("ranking", "rank at least one nominee"));
            }
            order.iter().try_for_each(|&id| once(id))
        }
        BallotContent::Scored(scores) => {
            if scores.is_empty() {
                return Err(DeskError::invalid("scores", "score at least one nominee"));
            }
            if let Some((_, s)) = scores.iter().find(|(_, s)| *s > 10) {
                return Err(DeskError::invalid("scores", format!("{s} is more than 10")));
            }
            scores.iter().try_for_each(|&(id, _)| once(id))
        }
        BallotContent::Rounds(votes) => {
            if let Some((round, _)) = votes.iter().find(|(r, _)| *r == 0) {
                return Err(DeskError::invalid(
                    "round",
                    format!("round {round}: rounds are numbered from 1"),
                ));
            }
            let mut rounds = std::collections::HashSet::new();
            for (round, id) in votes {
                if !known(id) {
                    return Err(DeskError::invalid(
                        "vote",
                        format!("nomination {id} is not in this category"),
                    ));
                }
                if !rounds.insert(*round) {
                    return Err(DeskError::invalid(
                        "round",
                        format!("two votes in round {round}"),
                    ));
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rankings_parse_and_refuse_empty_places() {
        assert_eq!(
            parse_ranking("North from South West > 2 >3").unwrap(),
            vec!["North from South West", "2", "3"]
        );
        assert!(parse_ranking("A > > B").is_err());
        assert!(parse_ranking("").is_err());
    }

    #[test]
    fn scores_parse_and_refuse_out_of_range() {
        assert_eq!(
            parse_scores("A=8, B = 6").unwrap(),
            vec![("A".to_string(), 8), ("B".to_string(), 6)]
        );
        assert!(parse_scores("A=11").is_err());
        assert!(parse_scores("A=-1").is_err());
        assert!(parse_scores("A8").is_err());
        assert!(parse_scores("=8").is_err());
        // A title may hold '=': the score is after the last one.
        assert_eq!(parse_scores("x=y=3").unwrap(), vec![("x=y".to_string(), 3)]);
    }
}
