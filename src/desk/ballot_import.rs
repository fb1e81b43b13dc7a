//! `import ballots` (docs/formats.md#ballots-csv): every row checked first, all written in one
//! transaction (one audit entry, undone whole) or nothing at all.
//!
//! The import is linear in the rows: the jury and the categories are read and indexed once
//! (`names::Names`), each category's nominees once, and rows meet their juror's earlier rows through a
//! map. (It used to reload and sort the whole jury for every row and compare each row with every
//! earlier one: 9,000 rows took 90 s.)
//!
//! Names must match whole (after folding): a ballot never lands on a juror or category other than the
//! one written. Every problem names its line and, where one cell is at fault, its column; a problem
//! found while merging rows (a nominee scored twice, two votes in a round) names the later row, with
//! the earlier one for reference.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::ballots::{BallotEntry, BallotKind, resolve_entry, validate_content};
use super::import_report::Column;
use super::jury::{category_names, juror_names, refuse_if_finalized};
use super::nominations::Nominee;
use super::{Desk, DeskError, Problem, Result};
use crate::domain::{BallotContent, Category, Id, Juror, JurorRole};

/// One row of a ballots file: the line it is on, its cells, and where they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRow {
    pub line: usize,
    pub category: String,
    pub juror: String,
    pub entry: BallotEntry,
    pub columns: BallotColumns,
}

/// The columns of a row's category, juror and ballot (ranking, nominee or vote) cells, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BallotColumns {
    pub category: Column,
    pub juror: Column,
    pub entry: Column,
}

/// A juror's ballot in a category, gathered from one or more rows.
struct Gathered<'a> {
    /// The first row's line.
    line: usize,
    category: &'a Category,
    juror: &'a Juror,
    content: BallotContent,
    /// The line of each score or round vote in `content`, in the same order.
    lines: Vec<usize>,
}

impl Desk {
    /// Imports ballots all or nothing. Rows for the same juror and category merge (scores, rounds); a
    /// second ranking for them is refused. `problems` holds what the file's reader already found, so
    /// that every problem is reported at once, in file order.
    pub fn import_ballots(
        &self,
        edition: &str,
        source: &str,
        rows: &[BallotRow],
        mut problems: Vec<Problem>,
    ) -> Result<usize> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let jurors = self.jurors(edition.id)?;
        let categories = self.categories(edition.id)?;
        let juror_names = juror_names(&edition, &jurors);
        let category_names = category_names(&edition, &categories);
        let mut nominees: HashMap<Id, Vec<Nominee>> = HashMap::new();
        let mut gathered: Vec<Gathered> = Vec::new();
        let mut index: HashMap<(Id, Id), usize> = HashMap::with_capacity(rows.len());

        for row in rows {
            let line = row.line as u64;
            let cell = |column: Column, e: &dyn std::fmt::Display| {
                Problem::at_cell(source, line, column, e)
            };
            let category = category_names.find(&row.category);
            let juror = juror_names.find(&row.juror);
            let (category, juror) = match (category, juror) {
                (Ok(c), Ok(j)) => (c, j),
                (c, j) => {
                    if let Err(e) = c {
                        problems.push(cell(row.columns.category, &e));
                    }
                    if let Err(e) = j {
                        problems.push(cell(row.columns.juror, &e));
                    }
                    continue;
                }
            };
            if juror.role == JurorRole::Observer {
                let e = format!("{} is an observer: observers never vote", juror.name);
                problems.push(cell(row.columns.juror, &e));
                continue;
            }
            let wanted = BallotKind::of(category.method);
            if BallotKind::of_entry(&row.entry) != wanted {
                let e = format!(
                    "'{}' is counted by {}: its ballots file has the columns {}",
                    category.name,
                    category.method.name(),
                    file_columns(wanted)
                );
                problems.push(Problem::at_line(source, line, e));
                continue;
            }
            let listed = match nominees.entry(category.id) {
                Entry::Occupied(slot) => slot.into_mut(),
                Entry::Vacant(slot) => slot.insert(self.nominees(category)?),
            };
            let content = match resolve_entry(&row.entry, listed) {
                Ok(content) => content,
                Err(e) => {
                    problems.push(cell(row.columns.entry, &e));
                    continue;
                }
            };
            if let Err(e) = validate_content(&content, listed) {
                problems.push(cell(row.columns.entry, &e));
                continue;
            }
            match index.entry((category.id, juror.id)) {
                Entry::Vacant(slot) => {
                    slot.insert(gathered.len());
                    let pieces = match &content {
                        BallotContent::Ranked(_) => 0,
                        BallotContent::Scored(s) => s.len(),
                        BallotContent::Rounds(v) => v.len(),
                    };
                    gathered.push(Gathered {
                        line: row.line,
                        category,
                        juror,
                        content,
                        lines: vec![row.line; pieces],
                    });
                }
                Entry::Occupied(slot) => {
                    let earlier = &mut gathered[*slot.get()];
                    if let Err(e) = merge(earlier, content, row.line, listed) {
                        problems.push(match e {
                            Merge::Row(e) => Problem::at_line(source, line, e),
                            Merge::Cell(e) => cell(row.columns.entry, &e),
                        });
                    }
                }
            }
        }

        // Round votes add to the juror's stored rounds, and are voted in turn
        // (docs/counting.md#provisional-counts).
        let mut ballots = Vec::with_capacity(gathered.len());
        for mut g in gathered {
            if let BallotContent::Rounds(votes) = &mut g.content {
                votes.sort_by_key(|(round, _)| *round);
            }
            let content = self.merged_rounds(g.category, g.juror, g.content)?;
            ballots.push((g.line, g.category, g.juror, content));
        }
        let in_turn: Vec<(usize, &Category, &Juror, &BallotContent)> = ballots
            .iter()
            .map(|(line, c, j, content)| (*line, *c, *j, content))
            .collect();
        problems.extend(self.rounds_out_of_turn_in_import(&edition, source, &in_turn)?);

        let mut tx = self.store.begin();
        let mut written = 0;
        for (line, category, juror, content) in ballots {
            let listed = nominees.get(&category.id).map_or(&[][..], Vec::as_slice);
            match self.stage_ballot(&mut tx, &edition, category, juror, listed, content) {
                Ok(_) => written += 1,
                Err(e @ DeskError::Store(_)) => return Err(e),
                Err(e) => problems.push(Problem::at_line(source, line as u64, e)),
            }
        }
        if !problems.is_empty() {
            // In file order, whichever stage found them (the sort is stable: a row's own problems
            // stay in column order).
            problems.sort_by_key(|p| p.line);
            return Err(DeskError::BadInput(
                problems.into_iter().map(|p| p.text).collect(),
            ));
        }
        tx.commit(format!(
            "import ballots {source} ({written} ballots) into {}",
            edition.code
        ))?;
        Ok(written)
    }
}

/// Why a row could not join the juror's earlier rows in the category.
enum Merge {
    /// The whole row is one too many (a second ranking).
    Row(String),
    /// Its ballot cell repeats what an earlier row said.
    Cell(String),
}

/// Adds a row's scores or round votes to the juror's earlier rows in the category.
fn merge(
    earlier: &mut Gathered,
    content: BallotContent,
    line: usize,
    nominees: &[Nominee],
) -> std::result::Result<(), Merge> {
    let who = |g: &Gathered| format!("{} in '{}'", g.juror.name, g.category.name);
    let label = |id: Id| {
        nominees
            .iter()
            .find(|n| n.nomination.id == id)
            .map_or_else(|| format!("nomination {id}"), |n| n.label.clone())
    };
    match (&mut earlier.content, content) {
        (BallotContent::Scored(scores), BallotContent::Scored(more)) => {
            for (id, score) in more {
                if let Some(at) = scores.iter().position(|(n, _)| *n == id) {
                    return Err(Merge::Cell(format!(
                        "{} is scored twice for {} (first on line {})",
                        label(id),
                        who(earlier),
                        earlier.lines[at]
                    )));
                }
                scores.push((id, score));
                earlier.lines.push(line);
            }
            Ok(())
        }
        (BallotContent::Rounds(votes), BallotContent::Rounds(more)) => {
            for (round, id) in more {
                if let Some(at) = votes.iter().position(|(r, _)| *r == round) {
                    return Err(Merge::Cell(format!(
                        "a second vote in round {round} for {} (the first is on line {})",
                        who(earlier),
                        earlier.lines[at]
                    )));
                }
                votes.push((round, id));
                earlier.lines.push(line);
            }
            Ok(())
        }
        _ => Err(Merge::Row(format!(
            "a second ballot for {} (the first is on line {})",
            who(earlier),
            earlier.line
        ))),
    }
}

/// The header of a ballots file of each kind (docs/formats.md#ballots-csv).
fn file_columns(kind: BallotKind) -> &'static str {
    match kind {
        BallotKind::Ranked => "category,juror,ranking",
        BallotKind::Scored => "category,juror,nominee,score",
        BallotKind::Rounds => "category,round,juror,vote",
    }
}
