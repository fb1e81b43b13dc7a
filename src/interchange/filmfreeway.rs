//! FilmFreeway's submissions export (docs/formats.md#filmfreeway-export), with the header names
//! FilmFreeway writes. Columns this reader does not know (the questions a festival adds to its form,
//! the submitter's contact details) are kept, not dropped: each becomes a `Question: answer` line
//! of the submission's notes.

use std::collections::HashMap;

use super::cells::Cells;
use super::input::stream_input;
use super::questions::question_pairs;
use super::sheet_rows::{MapRow, SheetRows, name_problems_of};
use super::table::Row;
use crate::desk::{Found, IncomingSubmission, Parsed, Problem};
use crate::domain::SubmissionStatus;
use crate::text::for_terminal;

/// What a FilmFreeway column is to jurydesk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    SubmissionId,
    TrackingNumber,
    Title,
    OriginalTitle,
    Synopsis,
    Duration,
    Countries,
    Languages,
    Directors,
    Writers,
    Producers,
    Cast,
    CompletionDate,
    SubmissionDate,
    SubmissionStatus,
    JudgingStatus,
    Categories,
    Rating,
    Notes,
}

/// FilmFreeway's names for each field (lowercase), including the variants older exports use.
const NAMES: &[(&str, Field)] = &[
    ("submission id", Field::SubmissionId),
    ("tracking number", Field::TrackingNumber),
    ("project title", Field::Title),
    ("project title (original language)", Field::OriginalTitle),
    ("title (original language)", Field::OriginalTitle),
    ("synopsis", Field::Synopsis),
    ("brief synopsis", Field::Synopsis),
    ("duration", Field::Duration),
    ("runtime", Field::Duration),
    ("country of origin", Field::Countries),
    ("countries of origin", Field::Countries),
    ("language", Field::Languages),
    ("languages", Field::Languages),
    ("directors", Field::Directors),
    ("director", Field::Directors),
    ("director(s)", Field::Directors),
    ("writers", Field::Writers),
    ("writer", Field::Writers),
    ("writer(s)", Field::Writers),
    ("producers", Field::Producers),
    ("producer", Field::Producers),
    ("producer(s)", Field::Producers),
    ("key cast", Field::Cast),
    ("completion date", Field::CompletionDate),
    ("submission date", Field::SubmissionDate),
    ("submission status", Field::SubmissionStatus),
    ("judging status", Field::JudgingStatus),
    ("submission categories", Field::Categories),
    ("submission category", Field::Categories),
    ("rating", Field::Rating),
    ("submission notes", Field::Notes),
];

/// FilmFreeway separates the values of a multi-value cell with commas.
const SEPARATOR: char = ',';

/// Reads a FilmFreeway export (CSV, or `sheet` of a workbook). Every problem is reported, not just
/// the first. Returns the name the problems give the source (`file`, or `file:sheet`) with the rows.
pub fn parse_filmfreeway(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> (String, Parsed<IncomingSubmission>) {
    let (source, found, mut rows) = read_filmfreeway(file, bytes, sheet);
    (source, Parsed::read_all(found, &mut rows))
}

/// Like `parse_filmfreeway`, with the rows read one at a time as they are asked for (an import
/// stages each as it comes). `None` for the rows when the file is refused whole.
pub fn read_filmfreeway<B: AsRef<[u8]>>(
    file: &str,
    bytes: B,
    sheet: Option<&str>,
) -> (String, Found, Option<FilmFreewayRows<B>>) {
    let mut found = Found::default();
    let Some((source, header, rows)) = stream_input(file, bytes, sheet, &mut found.problems) else {
        return (file.to_string(), found, None);
    };
    let Some(columns) = required_columns(&source, &header, &mut found.problems) else {
        name_problems_of(rows, &mut found);
        return (source, found, None);
    };
    let mapper = FilmFreewaySheet {
        known: columns.values().copied().collect(),
        questions: question_pairs(&header),
        first_line_of: HashMap::with_capacity(rows.expected()),
        file: source.clone(),
        header,
        columns,
    };
    (source, found, Some(SheetRows::new(rows, mapper)))
}

/// An export's rows as submissions, read one at a time.
pub type FilmFreewayRows<B> = SheetRows<B, FilmFreewaySheet>;

/// How an export's rows map to submissions.
pub struct FilmFreewaySheet {
    file: String,
    header: Vec<String>,
    columns: HashMap<Field, usize>,
    /// Every column a field takes: the others become lines of the notes.
    known: Vec<usize>,
    /// The header's question and answer columns (`questions::question_pairs`).
    questions: Vec<(usize, usize)>,
    /// The first line of each Submission ID so far: a second one is a duplicate.
    first_line_of: HashMap<String, u64>,
}

/// The columns of each field, or `None` when a column every export has is missing.
fn required_columns(
    file: &str,
    header: &[String],
    problems: &mut Vec<Problem>,
) -> Option<HashMap<Field, usize>> {
    let columns = columns(header);
    for required in [Field::SubmissionId, Field::Title] {
        if !columns.contains_key(&required) {
            let name = match required {
                Field::SubmissionId => "Submission ID",
                _ => "Project Title",
            };
            problems.push(Problem::new(
                0,
                for_terminal(&format!(
                    "{file}: no '{}' column: is this a FilmFreeway submissions export? (columns: {})",
                    name,
                    header.join(", ")
                ))
                .into_owned(),
            ));
        }
    }
    if problems.iter().any(|p| p.line == 0) {
        return None;
    }
    Some(columns)
}

impl MapRow for FilmFreewaySheet {
    fn incoming(&mut self, row: &Row, found: &mut Found) -> Option<IncomingSubmission> {
        let (file, header, columns) = (self.file.as_str(), self.header.as_slice(), &self.columns);
        let (known, questions) = (&self.known, &self.questions);
        let mut cells = Cells::new(file, header, row);
        let col = |f: Field| columns.get(&f).copied();
        let mut incoming = IncomingSubmission {
            line: row.line,
            external_id: cells.line(col(Field::SubmissionId)),
            section: cells.list(col(Field::Categories), SEPARATOR).join(", "),
            submitted: cells.date(col(Field::SubmissionDate)),
            ..IncomingSubmission::default()
        };
        let film = &mut incoming.film;
        film.title = cells.line(col(Field::Title));
        film.original_title = cells.line(col(Field::OriginalTitle));
        film.synopsis = cells.text(col(Field::Synopsis));
        film.runtime_minutes = cells.runtime(col(Field::Duration));
        film.countries = cells.list(col(Field::Countries), SEPARATOR);
        film.languages = cells.list(col(Field::Languages), SEPARATOR);
        film.directors = cells.list(col(Field::Directors), SEPARATOR);
        film.writers = cells.list(col(Field::Writers), SEPARATOR);
        film.producers = cells.list(col(Field::Producers), SEPARATOR);
        film.cast = cells.list(col(Field::Cast), SEPARATOR);
        film.year = cells.year_or_date(col(Field::CompletionDate));
        status(
            &mut cells,
            col(Field::SubmissionStatus),
            col(Field::JudgingStatus),
            &mut incoming,
        );

        if let Some(c) = col(Field::SubmissionId) {
            if incoming.external_id.is_empty() {
                cells.problem(c, "is empty: every FilmFreeway row has a Submission ID");
            } else if let Some(first) = self
                .first_line_of
                .insert(incoming.external_id.clone(), row.line)
            {
                cells.problem(
                    c,
                    format!(
                        "'{}' is a duplicate id: line {first} has the same Submission ID",
                        incoming.external_id
                    ),
                );
            }
        }
        if let Some(c) = col(Field::Title)
            && incoming.film.title.is_empty()
        {
            cells.problem(c, "is empty: a submission needs its project title");
        }

        // Notes: FilmFreeway's own notes first, then one line per other column that says something.
        let mut notes = vec![cells.text(col(Field::Notes))];
        for (field, label) in [
            (Field::TrackingNumber, "Tracking Number"),
            (Field::Rating, "Rating"),
        ] {
            if let Some(c) = col(field) {
                if field == Field::Rating {
                    cells.non_negative(Some(c));
                }
                let value = cells.line(Some(c));
                if !value.is_empty() {
                    notes.push(format!("{label}: {value}"));
                }
            }
        }
        incoming.notes = cells.notes_with_other_columns(notes, questions, |c| known.contains(&c));
        cells.settle(&mut found.problems, &mut found.warnings, incoming)
    }
}

/// Which column holds which field (the first column of each name wins; `table` refuses duplicates).
fn columns(header: &[String]) -> HashMap<Field, usize> {
    let mut columns = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let wanted = normalise(name);
        if let Some((_, field)) = NAMES.iter().find(|(n, _)| *n == wanted) {
            columns.entry(*field).or_insert(i);
        }
    }
    columns
}

fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// FilmFreeway's Submission Status and Judging Status, mapped onto docs/domain.md#submission-status;
/// the original words are kept as `original_status` ("In Consideration / Finalist").
fn status(
    cells: &mut Cells<'_>,
    submission: Option<usize>,
    judging: Option<usize>,
    incoming: &mut IncomingSubmission,
) {
    let submission_text = cells.line(submission);
    let judging_text = cells.line(judging);
    incoming.original_status = [submission_text.as_str(), judging_text.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" / ");
    let from_submission = match key(&submission_text).as_str() {
        "" => Ok(None),
        "withdrawn" => Ok(Some(SubmissionStatus::Withdrawn)),
        "disqualified" => Ok(Some(SubmissionStatus::Disqualified)),
        "inconsideration" | "incomplete" => Ok(None),
        _ => Err(format!(
            "'{submission_text}' is not a FilmFreeway submission status: expected In Consideration, Incomplete, Disqualified or Withdrawn"
        )),
    };
    let from_judging = match judging_status(&judging_text) {
        Some(status) => Ok(status),
        None => Err(format!(
            "'{judging_text}' is not a FilmFreeway judging status: expected Undecided, Selected, Not Selected, Finalist, Semi-Finalist, Nominee, Award Winner or Honorable Mention"
        )),
    };
    match (from_submission, from_judging) {
        (Err(message), _) => cells.problem(submission.unwrap_or(0), message),
        (_, Err(message)) => cells.problem(judging.unwrap_or(0), message),
        // Withdrawn or disqualified stands whatever the jury had decided.
        (Ok(Some(out)), _) => incoming.status = Some(out),
        (Ok(None), Ok(judged)) => {
            incoming.status = judged.or_else(|| {
                (!submission_text.is_empty() || !judging_text.is_empty())
                    .then_some(SubmissionStatus::Received)
            });
        }
    }
}

/// A FilmFreeway judging status as ours: `Some(None)` for an empty cell, `None` when unknown.
// Three answers, each meaning something different to the importer: a status, none given, not ours.
#[allow(clippy::option_option)]
pub fn judging_status(text: &str) -> Option<Option<SubmissionStatus>> {
    use SubmissionStatus::*;
    Some(match key(text).as_str() {
        "" => None,
        "undecided" => Some(Received),
        "semifinalist" | "finalist" | "quarterfinalist" => Some(Shortlisted),
        "selected" | "nominee" | "awardwinner" | "winner" | "honorablemention"
        | "honourablemention" => Some(Selected),
        "notselected" => Some(NotSelected),
        _ => return None,
    })
}

/// Status words compared without case, spaces, hyphens or underscores ("Semi-Finalist" = "semifinalist").
fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "Submission ID,Project Title,Directors,Duration,Submission Status,Judging Status,Completion Date,What inspired you?\n";

    #[test]
    fn maps_fields_statuses_and_keeps_questions_as_notes() {
        let text = format!(
            "\u{FEFF}{HEADER}101,\"Night, Again\",\"Ana Ruiz, Bo Li\",1:32:05,In Consideration,Semi-Finalist,2024-03-01,\"My mother.\nAnd the sea.\"\n"
        );
        let (_, parsed) = parse_filmfreeway("ff.csv", text.as_bytes(), None);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let row = &parsed.rows[0];
        assert_eq!(row.film.title, "Night, Again");
        assert_eq!(row.film.directors, ["Ana Ruiz", "Bo Li"]);
        assert_eq!(row.film.runtime_minutes, Some(92));
        assert_eq!(row.film.year, Some(2024));
        assert_eq!(row.status, Some(SubmissionStatus::Shortlisted));
        assert_eq!(row.original_status, "In Consideration / Semi-Finalist");
        assert_eq!(row.notes, "What inspired you?: My mother.\nAnd the sea.");
    }

    #[test]
    fn withdrawn_wins_and_unknown_words_are_refused_with_the_expected_ones() {
        let text = format!("{HEADER}1,A,X,,Withdrawn,Finalist,,\n2,B,Y,,Pending,,,\n");
        let (_, parsed) = parse_filmfreeway("ff.csv", text.as_bytes(), None);
        assert_eq!(parsed.rows[0].status, Some(SubmissionStatus::Withdrawn));
        assert_eq!(parsed.problems.len(), 1);
        assert!(
            parsed.problems[0]
                .text
                .starts_with("ff.csv:3:5: column 'Submission Status': 'Pending'")
        );
        assert!(
            parsed.problems[0]
                .text
                .contains("expected In Consideration")
        );
    }

    #[test]
    fn a_sheet_without_submission_ids_is_not_a_filmfreeway_export() {
        let (_, parsed) = parse_filmfreeway("x.csv", b"title,year\nA,2020\n", None);
        assert!(
            parsed.problems[0]
                .text
                .contains("no 'Submission ID' column"),
            "{:?}",
            parsed.problems
        );
    }
}
