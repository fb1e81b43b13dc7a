//! A count's explanation as tables for paper: the rounds table (irv, majority-rounds, plurality), the
//! pairwise matrices (schulze), the scores, the ranking, the tie-breaks and the notes. The sentences are
//! the ones `tally --format text` prints (`tally::report`); only the layout is the printer's.

use serde::Serialize;

use super::super::tallying::CategoryCount;
use crate::domain::Method;
use crate::tally::report;

/// Everything the minutes show of one count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountTables {
    /// The result in one phrase, as `tally` says it.
    pub result: String,
    /// Tiers best first: (place, the nominees' labels), `=` marks a shared place.
    pub ranking: Vec<(String, Vec<String>)>,
    pub rounds: Option<RoundsTable>,
    /// schulze: ballots preferring the row to the column.
    pub preferences: Option<Matrix>,
    /// schulze: the strongest beat-path from the row to the column.
    pub strongest_paths: Option<Matrix>,
    /// schulze: the Condorcet winner, or the majority cycle.
    pub pairwise_summary: Vec<String>,
    pub scores: Vec<ScoreRow>,
    pub tie_breaks: Vec<String>,
    pub notes: Vec<String>,
}

/// Votes per nominee (rows) and round (columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundsTable {
    pub numbers: Vec<u32>,
    pub rows: Vec<RoundsRow>,
    /// Per round: ballots that counted for someone (irv: continuing; rounds: votes cast).
    pub active: Vec<u64>,
    /// Per round: ballots that counted for no one (irv: exhausted in all; rounds: no vote).
    pub inactive: Vec<u64>,
    pub active_name: String,
    pub inactive_name: String,
    /// irv: votes needed to win each round.
    pub thresholds: Vec<u64>,
    /// What each round decided (and irv's transfers).
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoundsRow {
    pub number: u32,
    pub label: String,
    /// `None`: no longer in the count that round.
    pub votes: Vec<Option<u64>>,
    pub eliminated_in: Option<u32>,
}

/// A square matrix indexed by nominee, the diagonal empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matrix {
    pub title: String,
    /// Column headings: the nominees' numbers.
    pub numbers: Vec<u32>,
    pub rows: Vec<MatrixRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MatrixRow {
    pub number: u32,
    pub label: String,
    /// `None` on the diagonal.
    pub cells: Vec<Option<i64>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreRow {
    pub number: u32,
    pub label: String,
    pub value: String,
    pub detail: String,
}

impl CountTables {
    pub fn of(count: &CategoryCount) -> CountTables {
        let outcome = &count.outcome;
        let labels = &count.labels;
        let number = |i: usize| count.nominees.get(i).map_or(0, super::Nominee::number);
        let label = |i: usize| labels.get(i).cloned().unwrap_or_else(|| format!("#{i}"));
        let mut ranking = Vec::new();
        let mut place = 1;
        for tier in &outcome.ranking {
            let mark = if tier.len() > 1 { "=" } else { "" };
            ranking.push((
                format!("{place}{mark}"),
                tier.iter().map(|&i| label(i)).collect(),
            ));
            place += tier.len();
        }
        let rounds = (!outcome.rounds.is_empty()).then(|| rounds_table(count));
        let (preferences, strongest_paths, pairwise_summary) = match &outcome.pairwise {
            Some(pw) => {
                let matrix = |title: &str, rows: Vec<Vec<i64>>| Matrix {
                    title: title.to_string(),
                    numbers: (0..rows.len()).map(number).collect(),
                    rows: rows
                        .into_iter()
                        .enumerate()
                        .map(|(i, row)| MatrixRow {
                            number: number(i),
                            label: label(i),
                            cells: row
                                .into_iter()
                                .enumerate()
                                .map(|(j, v)| (i != j).then_some(v))
                                .collect(),
                        })
                        .collect(),
                };
                let d =
                    pw.d.iter()
                        .map(|r| {
                            r.iter()
                                .map(|&v| i64::try_from(v).unwrap_or(i64::MAX))
                                .collect()
                        })
                        .collect();
                let mut summary = Vec::new();
                if let Some(w) = pw.condorcet_winner {
                    summary.push(format!(
                        "Condorcet winner: {} is preferred to each other nominee by more ballots than prefer that one.",
                        label(w)
                    ));
                } else if !pw.cycle.is_empty() {
                    let mut names: Vec<String> = pw.cycle.iter().map(|&i| label(i)).collect();
                    names.push(label(pw.cycle[0]));
                    summary.push(format!(
                        "No Condorcet winner: a majority cycle {}.",
                        names.join(" > ")
                    ));
                }
                (
                    Some(matrix(
                        "Pairwise preferences: ballots preferring the row's nominee to the column's",
                        d,
                    )),
                    Some(matrix(
                        "Strongest paths: strength of the strongest beat-path from the row's nominee to the column's",
                        pw.p.clone(),
                    )),
                    summary,
                )
            }
            None => (None, None, Vec::new()),
        };
        CountTables {
            result: report::result(outcome, labels),
            ranking,
            rounds,
            preferences,
            strongest_paths,
            pairwise_summary,
            scores: outcome
                .scores
                .iter()
                .map(|s| ScoreRow {
                    number: number(s.nominee),
                    label: label(s.nominee),
                    value: s.display.clone(),
                    detail: s.detail.clone(),
                })
                .collect(),
            tie_breaks: report::tie_break_lines(outcome, labels),
            notes: report::notes(outcome).into_iter().cloned().collect(),
        }
    }
}

fn rounds_table(count: &CategoryCount) -> RoundsTable {
    let outcome = &count.outcome;
    let irv = outcome.method == Method::Irv;
    let label = |i: usize| {
        count
            .labels
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("#{i}"))
    };
    let rows = report::in_rounds(outcome)
        .into_iter()
        .map(|c| RoundsRow {
            number: count.nominees.get(c).map_or(0, super::Nominee::number),
            label: label(c),
            votes: outcome
                .rounds
                .iter()
                .map(|r| r.counts.iter().find(|&&(x, _)| x == c).map(|&(_, v)| v))
                .collect(),
            eliminated_in: outcome
                .rounds
                .iter()
                .find(|r| r.eliminated.contains(&c))
                .map(|r| r.number),
        })
        .collect();
    let mut notes = Vec::new();
    for (i, r) in outcome.rounds.iter().enumerate() {
        notes.push(format!("Round {}: {}", r.number, r.note));
        if irv {
            notes.push(format!(
                "Round {}: {} ballots exhausted this round, {} in all.",
                r.number,
                report::exhausted_new(&outcome.rounds, i),
                r.exhausted
            ));
        }
        for t in &r.transfers {
            let mut parts: Vec<String> =
                t.to.iter()
                    .map(|&(c, v)| format!("{v} to {}", label(c)))
                    .collect();
            parts.push(format!("{} exhausted", t.exhausted));
            notes.push(format!(
                "Round {}: transfer from {}: {}.",
                r.number,
                label(t.from),
                parts.join(", ")
            ));
        }
    }
    RoundsTable {
        numbers: outcome.rounds.iter().map(|r| r.number).collect(),
        rows,
        active: outcome.rounds.iter().map(|r| r.active).collect(),
        inactive: outcome.rounds.iter().map(|r| r.exhausted).collect(),
        active_name: if irv {
            "continuing ballots"
        } else {
            "votes cast"
        }
        .to_string(),
        inactive_name: if irv { "exhausted (in all)" } else { "no vote" }.to_string(),
        thresholds: if irv {
            outcome.rounds.iter().map(report::irv_threshold).collect()
        } else {
            Vec::new()
        },
        notes,
    }
}
