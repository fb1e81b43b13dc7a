use crate::store::StoreError;

/// Why a use-case refused or failed. Every message says what was wrong and, where it can, what to do.
#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A reference (edition code, submission id…) that names nothing.
    #[error("{what} '{reference}' not found{}", candidates_hint(.candidates))]
    NotFound {
        what: &'static str,
        reference: String,
        candidates: Vec<String>,
    },
    /// A juror or category name that matches none exactly (after folding): the close names are
    /// suggested and, when they are few, every candidate is listed. A prefix is never taken as a
    /// match (`desk::names`).
    #[error(
        "no {what} '{reference}' {within}{}",
        name_hint(what, suggestions, candidates)
    )]
    NoSuchName {
        what: &'static str,
        reference: String,
        /// Where it was looked for: "on the jury of fajr-43", "in fajr-43".
        within: String,
        suggestions: Vec<String>,
        candidates: Vec<String>,
    },
    /// A field that does not hold an acceptable value.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The change contradicts what is already stored.
    #[error("{0}")]
    Refused(String),
    /// The change waits on another step first (reopen the edition, withdraw the award): `reason` says
    /// what stands in the way, `remedy` the way out. `Display` names the command (the command line's
    /// words); the desk shows `DeskError::desk_text`, which names the desk's key instead
    /// (docs/counting.md#deciding-an-award).
    #[error("{reason}; {}", remedy.cli_text())]
    Blocked { reason: String, remedy: Remedy },
    /// An import found bad rows; each names its place. Nothing was written.
    #[error("{} problem(s), nothing was written:\n  {}", .0.len(), bad_rows(.0))]
    BadInput(Vec<String>),
}

/// The step that unblocks a refused change, said in each face's own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remedy {
    /// The edition is finalized: reopen it (with a logged reason).
    Reopen { edition: String },
    /// The category has a recorded award, which freezes it: withdraw the award (with a logged reason).
    WithdrawAward { edition: String, category: String },
    /// The change is unusual (nominating a withdrawn film): the command line needs `--force`, the
    /// desk asks first.
    Force,
}

impl Remedy {
    /// The way out on the command line: the command to run.
    pub fn cli_text(&self) -> String {
        match self {
            Remedy::Reopen { edition } => format!(
                "reopen it first (jurydesk reopen --edition {} --reason …)",
                shell_word(edition)
            ),
            Remedy::WithdrawAward { edition, category } => format!(
                "withdraw the award first (jurydesk award withdraw --edition {} --category {} --reason …)",
                shell_word(edition),
                shell_word(category)
            ),
            Remedy::Force => "to do it anyway, add --force".to_string(),
        }
    }

    /// The way out on the desk: the key to press, and where. The keys are the desk's defaults
    /// (`R` in the panes or the palmarès, `W` in the category's count).
    pub fn desk_text(&self) -> String {
        match self {
            Remedy::Reopen { .. } => "reopen it first (R, with a reason)".to_string(),
            Remedy::WithdrawAward { category, .. } => format!(
                "withdraw the award first (W in the count of '{category}', t on the category)"
            ),
            Remedy::Force => "the desk asks before doing it anyway (y)".to_string(),
        }
    }
}

/// A value as one shell word: as it is when that is safe, else in single quotes.
fn shell_word(value: &str) -> String {
    let plain = !value.is_empty()
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ':' | '/'));
    if plain {
        value.to_string()
    } else {
        format!("'{}'", value.replace('\'', "'\\''"))
    }
}

fn candidates_hint(candidates: &[String]) -> String {
    match candidates.len() {
        0 => String::new(),
        n if n <= 12 => format!("; known: {}", candidates.join(", ")),
        n => format!("; known: {}, … ({n} in all)", candidates[..12].join(", ")),
    }
}

/// At most this many candidates are listed one by one after a name that matches none.
const LISTED: usize = 20;

fn name_hint(what: &str, suggestions: &[String], candidates: &[String]) -> String {
    let mut hint = String::new();
    if let Some((last, first)) = suggestions.split_last() {
        hint.push_str("; did you mean ");
        if !first.is_empty() {
            hint.push_str(&first.join(", "));
            hint.push_str(" or ");
        }
        hint.push_str(last);
        hint.push('?');
    }
    let plural = match what {
        "category" => "categories".to_string(),
        other => format!("{other}s"),
    };
    match candidates.len() {
        0 => hint.push_str(&format!(" (no {plural} there yet)")),
        n if n <= LISTED => {
            hint.push_str(&format!(" ({n} {plural} there: {})", candidates.join(", ")));
        }
        n => hint.push_str(&format!(" ({n} {plural} there)")),
    }
    hint
}

fn bad_rows(problems: &[String]) -> String {
    const SHOWN: usize = 30;
    let mut text = problems
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("\n  ");
    if problems.len() > SHOWN {
        text.push_str(&format!("\n  … and {} more", problems.len() - SHOWN));
    }
    text
}

impl DeskError {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        DeskError::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A refusal that waits on `remedy`.
    pub fn blocked(reason: impl Into<String>, remedy: Remedy) -> Self {
        DeskError::Blocked {
            reason: reason.into(),
            remedy,
        }
    }

    /// The message in the desk's words: a blocked change names the desk's key rather than the
    /// command; every other message is the same on both faces.
    pub fn desk_text(&self) -> String {
        match self {
            DeskError::Blocked { reason, remedy } => format!("{reason}; {}", remedy.desk_text()),
            other => other.to_string(),
        }
    }

    /// Whether the store itself is unusable (exit code 3) rather than this one operation.
    pub fn is_store_unavailable(&self) -> bool {
        matches!(self, DeskError::Store(e) if e.is_unavailable())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blocked_change_names_the_command_on_the_cli_and_the_key_on_the_desk() {
        let e = DeskError::blocked(
            "riff-18 is finalized",
            Remedy::Reopen {
                edition: "riff-18".into(),
            },
        );
        assert_eq!(
            e.to_string(),
            "riff-18 is finalized; reopen it first (jurydesk reopen --edition riff-18 --reason …)"
        );
        assert_eq!(
            e.desk_text(),
            "riff-18 is finalized; reopen it first (R, with a reason)"
        );
        let e = DeskError::blocked(
            "'Best Director' has a recorded award",
            Remedy::WithdrawAward {
                edition: "riff-18".into(),
                category: "Best Director".into(),
            },
        );
        assert!(
            e.to_string().ends_with(
                "withdraw the award first (jurydesk award withdraw --edition riff-18 --category 'Best Director' --reason …)"
            ),
            "{e}"
        );
        assert!(e.desk_text().contains("W in the count of 'Best Director'"));
        assert!(!e.desk_text().contains("jurydesk"));
        // Other errors read the same on both faces.
        let e = DeskError::Refused("no".into());
        assert_eq!(e.desk_text(), e.to_string());
    }

    #[test]
    fn shell_words_are_quoted_only_when_needed() {
        assert_eq!(shell_word("fajr-43"), "fajr-43");
        assert_eq!(shell_word("Best Director"), "'Best Director'");
        assert_eq!(shell_word("L'Avventura"), "'L'\\''Avventura'");
        assert_eq!(shell_word(""), "''");
    }
}
