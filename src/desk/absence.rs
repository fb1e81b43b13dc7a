//! Jurors declared absent (docs/counting.md#provisional-counts): a juror who cannot take part in the
//! deliberation (ill, travelling, withdrawn from the jury) stops being eligible, so counts no longer
//! wait for their ballot and leave out one they had entered, saying why. Declaring a juror absent or
//! present again is a logged change like any other, undone with `undo`.

use chrono::Utc;

use super::{Desk, DeskError, Result, validate};
use crate::domain::{Absence, Juror};

impl Desk {
    /// Declares a juror absent from the deliberation, with the reason the minutes will give. Refused in
    /// a finalized edition and for a juror already declared absent (declare them present first to
    /// change the reason).
    pub fn declare_absent(&self, edition: &str, juror: &str, reason: &str) -> Result<Juror> {
        let edition = self.open_edition(edition)?;
        let mut juror = self.juror(&edition, juror)?;
        let reason = validate::required("reason", reason)?;
        if let Some(absence) = &juror.absence {
            return Err(DeskError::Refused(format!(
                "{} is already declared absent since {} ({}); to change the reason, declare them present first (jurydesk juror present --edition {} --juror …)",
                juror.name,
                absence.since.format("%Y-%m-%d %H:%M UTC"),
                absence.reason,
                edition.code
            )));
        }
        juror.absence = Some(Absence {
            reason: reason.clone(),
            since: Utc::now(),
        });
        let mut tx = self.store.begin();
        tx.put(&juror)?;
        tx.commit(format!(
            "juror absent {} from {}: {reason}",
            juror.name, edition.code
        ))?;
        Ok(juror)
    }

    /// Declares an absent juror present again: their ballots count once more, and counts wait for the
    /// ballots they have not entered. Refused in a finalized edition and for a juror not declared absent.
    pub fn declare_present(&self, edition: &str, juror: &str) -> Result<Juror> {
        let edition = self.open_edition(edition)?;
        let mut juror = self.juror(&edition, juror)?;
        if juror.absence.take().is_none() {
            return Err(DeskError::Refused(format!(
                "{} is not declared absent in {}: nothing to change",
                juror.name, edition.code
            )));
        }
        let mut tx = self.store.begin();
        tx.put(&juror)?;
        tx.commit(format!("juror present {} in {}", juror.name, edition.code))?;
        Ok(juror)
    }
}

/// Why an absent juror's ballot does not count (`absent: <reason>`), or `None` while they are present.
/// The one wording the count, the pane and the juror's record use.
pub fn absence_here(juror: &Juror) -> Option<String> {
    juror
        .absence
        .as_ref()
        .map(|a| format!("absent: {}", a.reason))
}
