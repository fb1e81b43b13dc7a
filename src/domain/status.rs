use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a submission stands (docs/domain.md#submission-status):
/// `received → eligible | ineligible → shortlisted → selected | not-selected`, plus `withdrawn` and
/// `disqualified` at any point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SubmissionStatus {
    Received,
    Eligible,
    Ineligible,
    Shortlisted,
    Selected,
    NotSelected,
    Withdrawn,
    Disqualified,
}

impl SubmissionStatus {
    pub const ALL: [SubmissionStatus; 8] = [
        SubmissionStatus::Received,
        SubmissionStatus::Eligible,
        SubmissionStatus::Ineligible,
        SubmissionStatus::Shortlisted,
        SubmissionStatus::Selected,
        SubmissionStatus::NotSelected,
        SubmissionStatus::Withdrawn,
        SubmissionStatus::Disqualified,
    ];

    /// The spelling used on the command line, in JSON and on screen.
    pub fn as_str(self) -> &'static str {
        match self {
            SubmissionStatus::Received => "received",
            SubmissionStatus::Eligible => "eligible",
            SubmissionStatus::Ineligible => "ineligible",
            SubmissionStatus::Shortlisted => "shortlisted",
            SubmissionStatus::Selected => "selected",
            SubmissionStatus::NotSelected => "not-selected",
            SubmissionStatus::Withdrawn => "withdrawn",
            SubmissionStatus::Disqualified => "disqualified",
        }
    }

    /// The statuses reachable in one step of the selection process.
    fn next_steps(self) -> &'static [SubmissionStatus] {
        use SubmissionStatus::*;
        match self {
            Received => &[Eligible, Ineligible],
            Eligible => &[Shortlisted],
            Shortlisted => &[Selected, NotSelected],
            Ineligible | Selected | NotSelected | Withdrawn | Disqualified => &[],
        }
    }

    /// Whether the selection process can go from `self` to `to`: forward along the chain (skipping
    /// steps is allowed, festivals often select straight from the pile), or to `withdrawn` /
    /// `disqualified` from anywhere. Going back needs an explicit override by the caller.
    pub fn can_move_to(self, to: SubmissionStatus) -> bool {
        use SubmissionStatus::*;
        if self == to {
            return false;
        }
        if matches!(to, Withdrawn | Disqualified) {
            return !matches!(self, Withdrawn | Disqualified);
        }
        let mut frontier = vec![self];
        while let Some(s) = frontier.pop() {
            for &next in s.next_steps() {
                if next == to {
                    return true;
                }
                frontier.push(next);
            }
        }
        false
    }
}

impl fmt::Display for SubmissionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a status word that is not one of docs/domain.md#submission-status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown status '{0}'{hint}: expected one of received, eligible, ineligible, shortlisted, selected, not-selected, withdrawn, disqualified",
    hint = crate::text::suggest::did_you_mean(.0, SubmissionStatus::ALL.map(SubmissionStatus::as_str))
)]
pub struct UnknownStatus(pub String);

/// The error for the beginning of a status word that begins several (`s`: shortlisted, selected).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("status '{typed}' could be {}: type more of it", .candidates.join(" or "))]
pub struct AmbiguousStatus {
    pub typed: String,
    pub candidates: Vec<&'static str>,
}

/// A status word that is none, or the beginning of several.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusPrefixError {
    #[error(transparent)]
    Unknown(#[from] UnknownStatus),
    #[error(transparent)]
    Ambiguous(#[from] AmbiguousStatus),
}

impl SubmissionStatus {
    /// A status from its name or the beginning of only one name (`sel` is selected, `not` is
    /// not-selected): for a search typed in a hurry (`status:sel`). A whole name always wins, so
    /// `eligible` is never taken for a beginning of something else.
    pub fn from_prefix(s: &str) -> Result<SubmissionStatus, StatusPrefixError> {
        if let Ok(status) = s.parse::<SubmissionStatus>() {
            return Ok(status);
        }
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        let candidates: Vec<SubmissionStatus> = SubmissionStatus::ALL
            .into_iter()
            .filter(|status| !wanted.is_empty() && status.as_str().starts_with(&wanted))
            .collect();
        match candidates.as_slice() {
            [status] => Ok(*status),
            [] => Err(UnknownStatus(s.to_string()).into()),
            _ => Err(AmbiguousStatus {
                typed: s.to_string(),
                candidates: candidates.iter().map(|c| c.as_str()).collect(),
            }
            .into()),
        }
    }
}

impl FromStr for SubmissionStatus {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace(['_', ' '], "-");
        SubmissionStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| UnknownStatus(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::SubmissionStatus::{self, *};

    #[test]
    fn parses_every_spelling_it_prints() {
        for status in SubmissionStatus::ALL {
            assert_eq!(status.as_str().parse::<SubmissionStatus>().unwrap(), status);
        }
        assert_eq!(
            "Not Selected".parse::<SubmissionStatus>().unwrap(),
            NotSelected
        );
        assert!("accepted".parse::<SubmissionStatus>().is_err());
    }

    #[test]
    fn moves_forward_or_out_but_not_back() {
        assert!(Received.can_move_to(Eligible));
        assert!(Received.can_move_to(Selected));
        assert!(Shortlisted.can_move_to(NotSelected));
        assert!(Selected.can_move_to(Withdrawn));
        assert!(Received.can_move_to(Disqualified));
        assert!(!Selected.can_move_to(Received));
        assert!(!Ineligible.can_move_to(Selected));
        assert!(!Withdrawn.can_move_to(Disqualified));
        assert!(!Eligible.can_move_to(Eligible));
    }
}
