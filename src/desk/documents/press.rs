//! The palmarès for the press and the festival's site (docs/printing.md): categories in precedence
//! order, each with its winners (and their titles in the original script), shared prizes marked. An
//! edition that is not finalized prints as provisional, so an early sheet is never taken for the
//! final one.

use chrono::NaiveDate;
use serde::Serialize;

use super::super::{Desk, Result};
use super::{Heading, NomineeLine};
use crate::domain::Edition;

/// The press sheet of an edition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PressSheet {
    #[serde(skip)]
    pub edition: Edition,
    pub heading: Heading,
    /// Top prize first.
    pub lines: Vec<PressLine>,
}

/// One prize on the press sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PressLine {
    pub category: String,
    pub prize: String,
    /// Empty: not awarded (yet).
    pub winners: Vec<NomineeLine>,
    /// Ex aequo.
    pub shared: bool,
}

impl Desk {
    /// The press palmarès of an edition (or of one category), dated `printed_on`.
    pub fn press_sheet(
        &self,
        edition: &str,
        category: Option<&str>,
        printed_on: NaiveDate,
    ) -> Result<PressSheet> {
        let palmares = self.palmares(edition)?;
        let edition = palmares.edition;
        let only = match category {
            Some(c) => Some(self.category(&edition, c)?.id),
            None => None,
        };
        let mut lines = Vec::new();
        for line in palmares.lines {
            if only.is_some_and(|id| id != line.category.id) {
                continue;
            }
            lines.push(PressLine {
                category: line.category.name.clone(),
                prize: line.category.prize.clone(),
                shared: line.winners.len() > 1,
                winners: self.nominee_lines(&line.winners)?,
            });
        }
        Ok(PressSheet {
            heading: self.heading(&edition, printed_on)?,
            edition,
            lines,
        })
    }
}
