//! Complete and provisional counts (docs/counting.md#provisional-counts): what every face says above
//! a count that is not final, and why no award may be recorded from it yet. One wording for the
//! command line, the desk and the award's refusal, so they never disagree.

use super::tallying::CategoryCount;

impl CategoryCount {
    /// Why no award may follow from this count yet (a ballot missing, a round incomplete), or `None`
    /// when the count is complete.
    pub fn incomplete(&self) -> Option<String> {
        let mut why = Vec::new();
        if !self.missing.is_empty() {
            why.push(format!(
                "{} missing: {} (enter {}, or declare a juror who cannot vote absent: jurydesk juror absent --juror … --reason …)",
                ballots_of(self.missing.len(), self.eligible),
                self.missing.join(", "),
                if self.missing.len() == 1 {
                    "it"
                } else {
                    "them"
                }
            ));
        }
        if let Some(round) = &self.outcome.pending_round {
            why.push(format!(
                "round {} is not complete ({} of {} votes cast; still to vote in it: {})",
                round.number,
                round.cast,
                round.electorate,
                round.waiting.join(", ")
            ));
        }
        (!why.is_empty()).then(|| why.join("; "))
    }

    /// The lines shown above a provisional count: `provisional: 2 of 7 ballots missing: A, B` and, for
    /// deliberation rounds, `round 3: 3 of 7 votes cast; still to vote in it: …`. Empty when complete.
    pub fn provisional_lines(&self) -> Vec<String> {
        if !self.provisional {
            return Vec::new();
        }
        let mut lines = Vec::new();
        if self.missing.is_empty() {
            lines.push("provisional: a round is not complete".to_string());
        } else {
            lines.push(format!(
                "provisional: {} missing: {}",
                ballots_of(self.missing.len(), self.eligible),
                self.missing.join(", ")
            ));
        }
        if let Some(round) = &self.outcome.pending_round {
            let counted = match round.number {
                1 => "no round is counted yet".to_string(),
                2 => "round 1 is counted".to_string(),
                n => format!("rounds 1 to {} are counted", n - 1),
            };
            lines.push(format!(
                "round {}: {} of {} votes cast; still to vote in it: {} ({counted})",
                round.number,
                round.cast,
                round.electorate,
                round.waiting.join(", ")
            ));
        }
        lines
    }
}

/// `1 of 7 ballots`, `2 of 7 ballots`.
fn ballots_of(missing: usize, eligible: usize) -> String {
    format!(
        "{missing} of {eligible} ballot{}",
        if eligible == 1 { "" } else { "s" }
    )
}
