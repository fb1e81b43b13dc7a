//! Freezing an edition's palmarès before the ceremony, and reopening it
//! (docs/counting.md#palmares-rules): both logged, and a palmarès that breaks the rules or is
//! incomplete is frozen only with a reason that the log keeps.

use super::jury::refuse_if_finalized;
use super::{Desk, DeskError, Result, validate};
use crate::domain::{Edition, EditionState};

impl Desk {
    /// Finalizes an edition: its ballots, nominations, awards, categories and jury then refuse changes
    /// until it is reopened. Refused while the palmarès breaks a rule or is incomplete (a category
    /// without an award, a ballot missing, an award the ballots no longer give, a winner withdrawn…),
    /// unless `override_reason` says why it must be frozen anyway: the reason and every problem it
    /// overrides go into the log.
    pub fn finalize(&self, edition: &str, override_reason: Option<&str>) -> Result<Edition> {
        let palmares = self.palmares(edition)?;
        refuse_if_finalized(&palmares.edition)?;
        let broken: Vec<String> = palmares
            .violations
            .iter()
            .map(ToString::to_string)
            .collect();
        let missing: Vec<String> = palmares
            .incomplete
            .iter()
            .map(ToString::to_string)
            .collect();
        let code = palmares.edition.code.clone();
        let action = match override_reason {
            _ if palmares.finalizable() => format!("finalize {code}"),
            None => {
                let mut lists = String::new();
                for (heading, items) in [("rules broken", &broken), ("incomplete", &missing)] {
                    if !items.is_empty() {
                        lists.push_str(&format!(
                            "\n{heading} ({}):\n  - {}",
                            items.len(),
                            items.join("\n  - ")
                        ));
                    }
                }
                return Err(DeskError::Refused(format!(
                    "{code} cannot be finalized: {}{lists}\nmend them, or finalize with an override reason, which is logged (--override REASON on the command line)",
                    palmares.problems(),
                )));
            }
            Some(reason) => {
                let reason = validate::required("override", reason)?;
                format!(
                    "finalize {code} overriding {} rule(s) broken and {} item(s) incomplete because: {reason} [{}]",
                    broken.len(),
                    missing.len(),
                    broken
                        .iter()
                        .chain(&missing)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join("; ")
                )
            }
        };
        let mut edition = palmares.edition;
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
