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
    /// A field that does not hold an acceptable value.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// The change contradicts what is already stored.
    #[error("{0}")]
    Refused(String),
    /// An import found bad rows; each names its place. Nothing was written.
    #[error("{} problem(s), nothing was written:\n  {}", .0.len(), bad_rows(.0))]
    BadInput(Vec<String>),
}

fn candidates_hint(candidates: &[String]) -> String {
    match candidates.len() {
        0 => String::new(),
        n if n <= 12 => format!("; known: {}", candidates.join(", ")),
        n => format!("; known: {}, … ({n} in all)", candidates[..12].join(", ")),
    }
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

    /// Whether the store itself is unusable (exit code 3) rather than this one operation.
    pub fn is_store_unavailable(&self) -> bool {
        matches!(self, DeskError::Store(e) if e.is_unavailable())
    }
}
