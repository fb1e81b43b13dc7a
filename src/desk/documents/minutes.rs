//! The jury's minutes (procès-verbal, docs/printing.md): the jury and who was present, each
//! category's count as the desk explains it (ballots counted and excluded and why, the rounds or the
//! pairwise matrix), the award and how it was decided, the palmarès rules checked and any override,
//! and the audit log's head hash with the command that verifies it, so that the signed paper can be
//! matched to the store.
//!
//! A category that cannot be counted is a line of the minutes, never an error that hides them (as on
//! the palmarès sheet).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::super::palmares::PalmaresLine;
use super::super::{Desk, Result};
use super::tables::CountTables;
use super::{Heading, NomineeLine};
use crate::domain::{Decision, Edition, Juror};

/// The minutes of an edition's deliberation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    /// For the date's calendar; not printed as such.
    #[serde(skip)]
    pub edition: Edition,
    pub heading: Heading,
    pub jury: Vec<JuryMember>,
    pub categories: Vec<CategoryMinutes>,
    /// "rules broken", each in words.
    pub violations: Vec<String>,
    /// "incomplete", each in words.
    pub incomplete: Vec<String>,
    /// Where the palmarès stands, in one sentence (`Palmares::verdict`).
    pub verdict: String,
    /// Finalizations that overrode a problem, and reopenings, from the audit log, oldest first.
    pub overrides: Vec<Override>,
    pub log: LogSeal,
}

/// A juror as the minutes list them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct JuryMember {
    pub name: String,
    pub role: String,
    pub present: bool,
    /// Why absent (empty when present).
    pub absence_reason: String,
    pub absent_since: Option<NaiveDate>,
    /// Recusals, each "Film: reason".
    pub recusals: Vec<String>,
}

/// One category in the minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryMinutes {
    pub name: String,
    pub prize: String,
    pub method: String,
    pub tie_breaks_declared: String,
    pub nominees: Vec<NomineeLine>,
    /// Why the category could not be counted; then the count fields are empty.
    pub uncounted: Option<String>,
    pub ballots_counted: usize,
    /// (juror, why): recused, observer, absent, a ballot of the wrong kind.
    pub excluded: Vec<(String, String)>,
    pub missing: Vec<String>,
    pub provisional: bool,
    /// Nominees the cascade left out: (label, the prize its film took).
    pub passed_over: Vec<(String, String)>,
    pub count: Option<CountTables>,
    pub award: Option<AwardMinute>,
}

/// A recorded award and how it was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AwardMinute {
    pub winners: Vec<NomineeLine>,
    pub shared: bool,
    /// "counted by schulze", "the president's casting vote (Mina Sadeghi)", "a draw (seed 42)",
    /// "the jury (reason)".
    pub how: String,
    pub decided_at: DateTime<Utc>,
    pub note: String,
}

/// An entry of the audit log that finalized over a problem, or reopened the edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Override {
    pub seq: u64,
    pub at: DateTime<Utc>,
    pub user: String,
    pub action: String,
}

/// The audit log as it stood when the minutes were printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogSeal {
    /// The latest entry's number (0: an empty log).
    pub head_seq: u64,
    /// Its SHA-256 chain hash, in hex.
    pub head_hash: String,
    /// Whether the whole chain verified when printed, and what was found.
    pub intact: bool,
    pub verification: String,
    /// The command that verifies the chain against this paper.
    pub verify_command: String,
}

impl Desk {
    /// The minutes of an edition (or of one category), dated `printed_on`.
    pub fn minutes(
        &self,
        edition: &str,
        category: Option<&str>,
        printed_on: NaiveDate,
    ) -> Result<Minutes> {
        let palmares = self.palmares(edition)?;
        let edition = palmares.edition.clone();
        let heading = self.heading(&edition, printed_on)?;
        let jurors = self.jurors(edition.id)?;
        let only = match category {
            Some(c) => Some(self.category(&edition, c)?.id),
            None => None,
        };
        let mut categories = Vec::new();
        for line in &palmares.lines {
            if only.is_some_and(|id| id != line.category.id) {
                continue;
            }
            categories.push(self.category_minutes(&edition, line, &jurors)?);
        }
        let jury = jurors
            .iter()
            .map(|j| self.jury_member(j))
            .collect::<Result<_>>()?;
        Ok(Minutes {
            heading,
            jury,
            categories,
            violations: palmares
                .violations
                .iter()
                .map(ToString::to_string)
                .collect(),
            incomplete: palmares
                .incomplete
                .iter()
                .map(ToString::to_string)
                .collect(),
            verdict: palmares.verdict(),
            overrides: self.overrides(&edition.code),
            log: self.log_seal()?,
            edition,
        })
    }

    fn jury_member(&self, juror: &Juror) -> Result<JuryMember> {
        let mut recusals = Vec::new();
        for r in &juror.recusals {
            let title = match self.submission(r.submission_id) {
                Ok(s) => self.film(s.film_id)?.title,
                Err(_) => format!("submission {}", r.submission_id),
            };
            recusals.push(format!("{title}: {}", r.reason));
        }
        Ok(JuryMember {
            name: juror.name.clone(),
            role: juror.role.as_str().to_string(),
            present: juror.absence.is_none(),
            absence_reason: juror
                .absence
                .as_ref()
                .map(|a| a.reason.clone())
                .unwrap_or_default(),
            absent_since: juror.absence.as_ref().map(|a| a.since.date_naive()),
            recusals,
        })
    }

    fn category_minutes(
        &self,
        edition: &Edition,
        line: &PalmaresLine,
        jurors: &[Juror],
    ) -> Result<CategoryMinutes> {
        let category = &line.category;
        let nominees = self.nominees(category)?;
        let award = match &line.award {
            Some(award) => Some(AwardMinute {
                winners: self.nominee_lines(&line.winners)?,
                shared: line.winners.len() > 1,
                how: match &award.decision {
                    Decision::CastingVote { juror_id } => {
                        let who = jurors
                            .iter()
                            .find(|j| j.id == *juror_id)
                            .map_or_else(|| format!("juror {juror_id}"), |j| j.name.clone());
                        format!("the president's casting vote ({who})")
                    }
                    _ => line.how_decided(),
                },
                decided_at: award.decided_at,
                note: award.note.clone(),
            }),
            None => None,
        };
        let mut minutes = CategoryMinutes {
            name: category.name.clone(),
            prize: category.prize.clone(),
            method: crate::tally::report::method_line(category.method),
            tie_breaks_declared: category
                .tie_breaks
                .iter()
                .map(|t| crate::tally::tie_break_label(*t))
                .collect::<Vec<_>>()
                .join(", "),
            nominees: self.nominee_lines(&nominees)?,
            uncounted: None,
            ballots_counted: 0,
            excluded: Vec::new(),
            missing: Vec::new(),
            provisional: false,
            passed_over: line
                .passed_over
                .iter()
                .map(|p| (p.nominee.label.clone(), p.took.clone()))
                .collect(),
            count: None,
            award,
        };
        if nominees.is_empty() {
            minutes.uncounted = Some("no nominees".into());
            return Ok(minutes);
        }
        match self.count_category(edition, category, None, None) {
            Ok(count) => {
                minutes.ballots_counted = count.outcome.ballots_used;
                minutes.excluded = count
                    .outcome
                    .excluded
                    .iter()
                    .map(|e| (e.voter.clone(), e.reason.clone()))
                    .collect();
                minutes.missing.clone_from(&count.missing);
                minutes.provisional = count.provisional;
                minutes.count = Some(CountTables::of(&count));
            }
            Err(e) if e.is_store_unavailable() => return Err(e),
            Err(e) => minutes.uncounted = Some(e.to_string()),
        }
        Ok(minutes)
    }

    /// Finalizations that overrode problems, and reopenings, of the edition `code`, oldest first.
    fn overrides(&self, code: &str) -> Vec<Override> {
        let finalize = format!("finalize {code} overriding ");
        let reopen = format!("reopen {code} because");
        let mut found: Vec<Override> = self
            .log_newest_first()
            .filter_map(|(_, sealed)| sealed.ok())
            .map(|sealed| sealed.entry)
            .filter(|e| e.action.starts_with(&finalize) || e.action.starts_with(&reopen))
            .map(|e| Override {
                seq: e.seq,
                at: e.at,
                user: e.user,
                action: e.action,
            })
            .collect();
        found.reverse();
        found
    }

    fn log_seal(&self) -> Result<LogSeal> {
        let (head_seq, head_hash) = self
            .log_head()?
            .map_or((0, String::new()), |(seq, hash)| (seq, hex::encode(hash)));
        let (intact, verification) = match self.verify_log()? {
            Ok(n) => (true, format!("intact: {n} entries, hash chain verified")),
            Err(e) => (false, format!("verification FAILED: {e}")),
        };
        Ok(LogSeal {
            head_seq,
            head_hash,
            intact,
            verification,
            verify_command: verify_command(self.path()),
        })
    }
}

/// `jurydesk --db '<store>' log --verify`, quoted for a POSIX shell.
pub fn verify_command(store: &std::path::Path) -> String {
    let path = store.display().to_string();
    let quoted = if path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+,:@".contains(c))
    {
        path
    } else {
        format!("'{}'", path.replace('\'', "'\\''"))
    };
    format!("jurydesk --db {quoted} log --verify")
}
