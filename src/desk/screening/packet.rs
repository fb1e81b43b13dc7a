//! Packets (docs/screening.md#packets): a screener's assignments as a CSV any spreadsheet fills in,
//! and the import that reads it back, all or nothing, every problem at `file:line:column`.
//!
//! Columns: id, title, original title, directors, runtime, synopsis, link (the first web address in
//! the submission's notes), one per criterion (its name) or `verdict`, comment, screener. A row whose
//! marks and comment are all empty is a film not rated yet and is skipped; a criterion that allows it
//! takes `n/a`. Ratings already entered are written into the packet, so a packet round-trips.

use std::collections::HashMap;

use super::super::{Desk, DeskError, Problem, Result};
use super::assign::refuse_closed;
use super::rate::{RatingInput, parse_mark};
use super::screener_names;
use crate::domain::{Form, Id, Marks, Verdict, tenths_text};
use crate::interchange::read_input;
use crate::interchange::table::at_cell;

/// The fixed columns before the marks.
const FILM_COLUMNS: [&str; 7] = [
    "id",
    "title",
    "original title",
    "directors",
    "runtime",
    "synopsis",
    "link",
];

/// One row of a packet, cell by cell, in `packet_header` order.
pub type PacketRow = Vec<String>;

/// A packet's header for a form.
pub fn packet_header(form: &Form) -> Vec<String> {
    let mut header: Vec<String> = FILM_COLUMNS.iter().map(ToString::to_string).collect();
    match form {
        Form::Verdicts => header.push("verdict".into()),
        Form::Criteria(criteria) => header.extend(criteria.iter().map(|c| c.name.clone())),
    }
    header.push("comment".into());
    header.push("screener".into());
    header
}

/// The first web address in a text.
fn link(notes: &str) -> String {
    notes
        .split_whitespace()
        .find(|w| w.starts_with("https://") || w.starts_with("http://"))
        .unwrap_or_default()
        .to_string()
}

impl Desk {
    /// `screening packet`: the header and one row per film assigned to the screener.
    pub fn screening_packet(
        &self,
        edition: &str,
        number: u32,
        screener: &str,
    ) -> Result<(Vec<String>, Vec<PacketRow>)> {
        let edition = self.edition(edition)?;
        let round = self.screening_round(&edition, number)?;
        let screener = self.screener(&edition, screener)?;
        let films = self
            .assignments_of(round.id, screener.id)?
            .map(|a| a.submission_ids)
            .unwrap_or_default();
        let mut rows = Vec::with_capacity(films.len());
        for id in films {
            let submission = self.submission(id)?;
            let film = self.film(submission.film_id)?;
            let rating = self.rating_of(round.id, id, screener.id)?;
            let mut row = vec![
                id.to_string(),
                film.title,
                film.original_title,
                film.directors.join("; "),
                film.runtime_minutes
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                film.synopsis,
                link(&submission.notes),
            ];
            match (&round.form, rating.as_ref().map(|r| &r.marks)) {
                (Form::Verdicts, Some(Marks::Verdict(v))) => row.push(v.as_str().into()),
                (Form::Verdicts, _) => row.push(String::new()),
                (Form::Criteria(_), Some(Marks::Scores(scores))) => {
                    row.extend(scores.iter().map(|s| s.map_or("n/a".into(), tenths_text)));
                }
                (Form::Criteria(criteria), _) => row.extend(criteria.iter().map(|_| String::new())),
            }
            row.push(rating.map(|r| r.comment).unwrap_or_default());
            row.push(screener.name.clone());
            rows.push(row);
        }
        Ok((packet_header(&round.form), rows))
    }

    /// `screening import-ratings`: reads filled-in packets (CSV, or `sheet` of a workbook) (one screener's or several, named by the
    /// `screener` column) and saves every rating in one change, or nothing when any cell is wrong.
    pub fn import_ratings(
        &self,
        edition: &str,
        number: u32,
        file: &str,
        bytes: &[u8],
        sheet: Option<&str>,
    ) -> Result<usize> {
        let (edition, round) = self.round_for_change(edition, number)?;
        refuse_closed(&edition, &round, "its ratings")?;
        let mut problems: Vec<Problem> = Vec::new();
        let Some((source, table)) = read_input(file, bytes, sheet, &mut problems) else {
            return Err(DeskError::BadInput(
                problems.into_iter().map(|p| p.text).collect(),
            ));
        };
        // Problems name the sheet of a workbook too (`file:sheet:row:column`).
        let file = source.as_str();
        let expected = packet_header(&round.form);
        let column: HashMap<String, usize> = table
            .header
            .iter()
            .enumerate()
            .map(|(i, h)| (crate::text::fold(h), i))
            .collect();
        let place = |name: &str| column.get(&crate::text::fold(name)).copied();
        let missing: Vec<&String> = expected
            .iter()
            .filter(|name| {
                let fixed = FILM_COLUMNS[1..].contains(&name.as_str());
                !fixed && place(name).is_none()
            })
            .collect();
        if !missing.is_empty() {
            return Err(DeskError::BadInput(vec![format!(
                "{file}:1: the column(s) {} are missing: this packet is not for round {number}'s form ({})",
                missing
                    .iter()
                    .map(|m| format!("'{m}'"))
                    .collect::<Vec<_>>()
                    .join(", "),
                round.form.describe()
            )]));
        }
        let screeners = self.screeners(edition.id)?;
        let names = screener_names(&edition, &screeners);
        let mut assigned: HashMap<Id, Vec<Id>> = HashMap::new();
        for list in self.round_assignments(round.id)? {
            assigned.insert(list.screener_id, list.submission_ids);
        }
        let id_col = place("id").unwrap_or(0);
        let screener_col = place("screener").unwrap_or(0);
        let comment_col = place("comment").unwrap_or(0);
        let mark_cols: Vec<(String, usize)> = expected[FILM_COLUMNS.len()..expected.len() - 2]
            .iter()
            .map(|n| (n.clone(), place(n).unwrap_or(0)))
            .collect();
        let mut ratings: Vec<(Id, Id, RatingInput)> = Vec::new();
        let mut seen: HashMap<(Id, Id), u64> = HashMap::new();
        for row in &table.rows {
            let cell = |c: usize| row.cells.get(c).map_or("", |s| s.trim());
            let mut bad = |c: usize, message: String| {
                problems.push(Problem::new(
                    row.line,
                    at_cell(file, row.line, c, &table.header[c], message),
                ));
            };
            let marks_text: Vec<&str> = mark_cols.iter().map(|(_, c)| cell(*c)).collect();
            if marks_text.iter().all(|m| m.is_empty()) {
                if !cell(comment_col).is_empty() {
                    bad(
                        mark_cols[0].1,
                        "a comment without marks: rate the film, or leave the comment out".into(),
                    );
                }
                continue;
            }
            let screener = match names.find(cell(screener_col)) {
                Ok(s) => s,
                Err(e) => {
                    bad(screener_col, e.to_string());
                    continue;
                }
            };
            let Ok(id) = crate::text::digits::to_ascii(cell(id_col)).parse::<Id>() else {
                bad(id_col, format!("'{}' is not a submission id", cell(id_col)));
                continue;
            };
            if assigned
                .get(&screener.id)
                .is_none_or(|l| l.binary_search(&id).is_err())
            {
                bad(
                    id_col,
                    format!(
                        "submission {id} is not assigned to {} in round {number}",
                        screener.name
                    ),
                );
                continue;
            }
            if let Some(first) = seen.insert((screener.id, id), row.line) {
                bad(
                    id_col,
                    format!(
                        "submission {id} is rated by {} again (first on line {first})",
                        screener.name
                    ),
                );
                continue;
            }
            let marks = match &round.form {
                Form::Verdicts => {
                    let Some(v) = Verdict::parse(marks_text[0]) else {
                        bad(
                            mark_cols[0].1,
                            format!("'{}' is not yes, maybe or no", marks_text[0]),
                        );
                        continue;
                    };
                    Marks::Verdict(v)
                }
                Form::Criteria(criteria) => {
                    let mut scores = Vec::with_capacity(criteria.len());
                    let mut ok = true;
                    for ((c, (_, col)), text) in criteria.iter().zip(&mark_cols).zip(&marks_text) {
                        let mark = if text.is_empty() {
                            Err(format!(
                                "'{}' is not scored (write n/a if it does not apply)",
                                c.name
                            ))
                        } else {
                            parse_mark(text).map_err(|e| e.to_string())
                        };
                        let checked = mark.and_then(|m| match m {
                            None if !c.allows_na => Err(format!("'{}' allows no n/a", c.name)),
                            Some(v) if !c.accepts(v) => Err(format!(
                                "{} is off the scale ({})",
                                tenths_text(v),
                                c.scale_text()
                            )),
                            m => Ok(m),
                        });
                        match checked {
                            Ok(m) => scores.push(m),
                            Err(e) => {
                                bad(*col, e);
                                ok = false;
                            }
                        }
                    }
                    if !ok {
                        continue;
                    }
                    if scores.iter().all(Option::is_none) {
                        bad(
                            mark_cols[0].1,
                            "every criterion is n/a: score at least one".into(),
                        );
                        continue;
                    }
                    Marks::Scores(scores)
                }
            };
            let previous = self.rating_of(round.id, id, screener.id)?;
            ratings.push((
                id,
                screener.id,
                RatingInput {
                    marks,
                    comment: cell(comment_col).to_string(),
                    private_note: previous
                        .as_ref()
                        .map(|r| r.private_note.clone())
                        .unwrap_or_default(),
                    watched: previous.and_then(|r| r.watched),
                },
            ));
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.line);
            return Err(DeskError::BadInput(
                problems.into_iter().map(|p| p.text).collect(),
            ));
        }
        let mut tx = self.store.begin();
        for (submission, screener, input) in &ratings {
            self.stage_rating(&mut tx, round.id, *submission, *screener, input)?;
        }
        tx.commit(format!(
            "screening import-ratings {file} round {number} ({}): {} rating(s)",
            edition.code,
            ratings.len()
        ))?;
        Ok(ratings.len())
    }
}
