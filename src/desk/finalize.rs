//! Freezing an edition's palmarès before the ceremony, and reopening it (SPEC §6.3): both logged, and a
//! palmarès that breaks the rules is frozen only with a reason that the log keeps.

use super::jury::refuse_if_finalized;
use super::{Desk, DeskError, Result, validate};
use crate::domain::{Edition, EditionState};

impl Desk {
    /// Finalizes an edition: its ballots, nominations, awards, categories and jury then refuse changes
    /// until it is reopened. Refused while the palmarès breaks a rule, unless `override_reason` says why
    /// it must be frozen anyway (the reason and the violations go into the log).
    pub fn finalize(&self, edition: &str, override_reason: Option<&str>) -> Result<Edition> {
        let palmares = self.palmares(edition)?;
        let mut edition = palmares.edition;
        refuse_if_finalized(&edition)?;
        let listed = palmares
            .violations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>();
        let action = match override_reason {
            _ if listed.is_empty() => format!("finalize {}", edition.code),
            None => {
                return Err(DeskError::Refused(format!(
                    "{} cannot be finalized: its palmarès breaks {} rule(s):\n  - {}\nmend them, or finalize with --override REASON (the reason is logged)",
                    edition.code,
                    listed.len(),
                    listed.join("\n  - ")
                )));
            }
            Some(reason) => {
                let reason = validate::required("override", reason)?;
                format!(
                    "finalize {} overriding {} violation(s) because: {reason} [{}]",
                    edition.code,
                    listed.len(),
                    listed.join("; ")
                )
            }
        };
        edition.state = EditionState::Finalized;
        let mut tx = self.store.begin();
        tx.put(&edition)?;
        tx.commit(action)?;
        Ok(edition)
    }

    /// Reopens a finalized edition so its palmarès can change again; the reason is logged.
    pub fn reopen(&self, edition: &str, reason: &str) -> Result<Edition> {
        let mut edition = self.edition(edition)?;
        if edition.state != EditionState::Finalized {
            return Err(DeskError::Refused(format!(
                "{} is not finalized; there is nothing to reopen",
                edition.code
            )));
        }
        let reason = validate::required("reason", reason)?;
        edition.state = EditionState::Open;
        let mut tx = self.store.begin();
        tx.put(&edition)?;
        tx.commit(format!("reopen {} because: {reason}", edition.code))?;
        Ok(edition)
    }
}
