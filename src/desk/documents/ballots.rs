//! Paper ballots (docs/printing.md): one sheet per juror who may vote and category, the nominees
//! numbered as on the desk, and a box per nominee to rank, score or vote. A deliberation-rounds
//! category gets one sheet per round, since a jury votes round by round on fresh paper.
//!
//! Who gets no sheet is said, not silently left out: observers never vote, a recused or absent juror's
//! ballot would not count (docs/domain.md#conflicts-of-interest,
//! docs/counting.md#provisional-counts).

use chrono::NaiveDate;
use serde::Serialize;

use super::super::absence::absence_here;
use super::super::ballots::BallotKind;
use super::super::summary::recusal_here;
use super::super::{Desk, DeskError, Result};
use super::{Heading, NomineeLine};
use crate::domain::{BallotContent, Category, Edition, Juror, JurorRole, Method};

/// Which sheets to print: every category and voting juror unless narrowed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetScope {
    pub category: Option<String>,
    pub juror: Option<String>,
    /// Deliberation rounds: only this round's sheets.
    pub round: Option<u32>,
}

/// The ballot sheets of an edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BallotSheets {
    /// For the date's calendar; not printed as such.
    #[serde(skip)]
    pub edition: Edition,
    pub heading: Heading,
    pub sheets: Vec<BallotSheet>,
    /// Jurors who get no sheet in a category, and why.
    pub unprinted: Vec<Unprinted>,
}

/// One juror's sheet for one category (and, for rounds, one round).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BallotSheet {
    pub category: String,
    pub prize: String,
    /// `schulze`, `majority-rounds (absolute majority in rounds 1 to 2, relative after)`…
    pub method: String,
    pub form: SheetForm,
    pub juror: String,
    /// `president` or `member`.
    pub role: String,
    pub nominees: Vec<NomineeLine>,
}

/// What the juror writes on the sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SheetForm {
    /// A rank (1 = best) in each box; boxes left empty rank below all ranked nominees.
    Ranked,
    /// A score from 0 to 10 in each box; a box left empty is not scored.
    Scored,
    /// One cross for one nominee in this round; `absolute`: an absolute majority is needed to win it.
    Round { number: u32, absolute: bool },
}

/// A juror who gets no sheet in a category, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unprinted {
    pub juror: String,
    pub category: String,
    pub reason: String,
}

impl Desk {
    /// The ballot sheets of an edition, narrowed by `scope`, dated `printed_on`.
    pub fn ballot_sheets(
        &self,
        edition: &str,
        scope: &SheetScope,
        printed_on: NaiveDate,
    ) -> Result<BallotSheets> {
        let edition = self.edition(edition)?;
        let heading = self.heading(&edition, printed_on)?;
        let categories = match &scope.category {
            Some(c) => vec![self.category(&edition, c)?],
            None => self.categories(edition.id)?,
        };
        let jurors = match &scope.juror {
            Some(j) => {
                let juror = self.juror(&edition, j)?;
                if juror.role == JurorRole::Observer {
                    return Err(DeskError::Refused(format!(
                        "{} is an observer: observers never vote, so they get no ballot sheet",
                        juror.name
                    )));
                }
                vec![juror]
            }
            None => self.jurors(edition.id)?,
        };
        if scope.round == Some(0) {
            return Err(DeskError::invalid("round", "rounds are numbered from 1"));
        }
        let mut sheets = Vec::new();
        let mut unprinted = Vec::new();
        for category in &categories {
            let nominees = self.nominees(category)?;
            if nominees.is_empty() {
                continue;
            }
            let lines = self.nominee_lines(&nominees)?;
            let forms = self.forms(category, &jurors, scope.round)?;
            for juror in &jurors {
                let why_not = if juror.role == JurorRole::Observer {
                    Some("observer: observers never vote".to_string())
                } else {
                    recusal_here(juror, &nominees).or_else(|| absence_here(juror))
                };
                if let Some(reason) = why_not {
                    unprinted.push(Unprinted {
                        juror: juror.name.clone(),
                        category: category.name.clone(),
                        reason,
                    });
                    continue;
                }
                for form in &forms {
                    sheets.push(BallotSheet {
                        category: category.name.clone(),
                        prize: category.prize.clone(),
                        method: crate::tally::report::method_line(category.method),
                        form: form.clone(),
                        juror: juror.name.clone(),
                        role: juror.role.as_str().to_string(),
                        nominees: lines.clone(),
                    });
                }
            }
        }
        if sheets.is_empty() && unprinted.is_empty() {
            return Err(DeskError::Refused(format!(
                "{} has no ballot to print: it needs a juror and a category with nominees (jurydesk juror add, jurydesk nominate)",
                edition.code
            )));
        }
        Ok(BallotSheets {
            edition,
            heading,
            sheets,
            unprinted,
        })
    }

    /// The forms a category's sheets take: one, or one per round. Without `round`, a rounds category
    /// prints its absolute-majority rounds and the first relative-majority round (which decides unless
    /// it ties), and at least the round after the last one any juror has voted in.
    fn forms(
        &self,
        category: &Category,
        jurors: &[Juror],
        round: Option<u32>,
    ) -> Result<Vec<SheetForm>> {
        let absolute_rounds = match category.method {
            Method::MajorityRounds { absolute_rounds } => absolute_rounds,
            m => {
                return Ok(vec![match BallotKind::of(m) {
                    BallotKind::Scored => SheetForm::Scored,
                    _ => SheetForm::Ranked,
                }]);
            }
        };
        let form = |number| SheetForm::Round {
            number,
            absolute: number <= absolute_rounds,
        };
        if let Some(number) = round {
            return Ok(vec![form(number)]);
        }
        let mut voted = 0;
        for juror in jurors {
            if let Some(ballot) = self.ballot(category.id, juror.id)?
                && let BallotContent::Rounds(votes) = ballot.content
            {
                voted = votes.iter().map(|&(r, _)| r).fold(voted, u32::max);
            }
        }
        let last = (absolute_rounds + 1).max(voted + 1);
        Ok((1..=last).map(form).collect())
    }
}
