//! Any submissions sheet (`import csv --map FIELD=HEADER`), and the edition's submissions written back
//! out (`export csv`) in the shape that imports again with no mapping at all: the export's column names
//! are the field names, and a column named like a field is that field unless `--map` says otherwise.
//!
//! `--map` may name a field more than once: the columns are tried in order and the first non-empty one
//! is taken (a sheet whose English title is sometimes missing: `--map title=title_en --map
//! title=title_fa`). `aliases` is the exception: it gathers the titles of all its columns, because an
//! English and a Persian alias column hold different titles, where two columns of a credit list
//! (`directors_en`, `directors_fa`) hold the same people twice. Columns that no field takes are kept
//! as `Column: value` lines of the notes.
//!
//! The `original_*` lists pair with their credit list by place (`domain::names`): a blank between
//! two separators (`مجید مجیدی||ناصر تقوایی`) keeps the place of a name whose original is not known.

use std::collections::HashMap;

use super::cells::Cells;
use super::filmfreeway::judging_status;
use super::input::stream_input;
use super::questions::question_pairs;
use super::sheet_rows::{MapRow, SheetRows, name_problems_of};
use super::table::Row;
use crate::desk::{Found, IncomingSubmission, Parsed, Problem, SubmissionRow};
use crate::domain::SubmissionStatus;
use crate::text::for_terminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Title,
    OriginalTitle,
    Directors,
    Writers,
    Producers,
    Cast,
    Countries,
    Languages,
    Year,
    Runtime,
    Synopsis,
    Section,
    Status,
    OriginalStatus,
    Submitted,
    ExternalId,
    Notes,
    OriginalDirectors,
    OriginalWriters,
    OriginalCast,
    Aliases,
}

/// Field names in export order; the first name of each field is the one `export csv` writes.
const FIELDS: &[(&str, Field)] = &[
    ("title", Field::Title),
    ("original_title", Field::OriginalTitle),
    ("directors", Field::Directors),
    ("writers", Field::Writers),
    ("producers", Field::Producers),
    ("cast", Field::Cast),
    ("countries", Field::Countries),
    ("languages", Field::Languages),
    ("year", Field::Year),
    ("runtime_minutes", Field::Runtime),
    ("synopsis", Field::Synopsis),
    ("section", Field::Section),
    ("status", Field::Status),
    ("original_status", Field::OriginalStatus),
    ("submitted", Field::Submitted),
    ("external_id", Field::ExternalId),
    ("notes", Field::Notes),
    ("original_directors", Field::OriginalDirectors),
    ("original_writers", Field::OriginalWriters),
    ("original_cast", Field::OriginalCast),
    ("aliases", Field::Aliases),
    // Other names people use for the same fields.
    ("runtime", Field::Runtime),
    ("director", Field::Directors),
    ("country", Field::Countries),
    ("language", Field::Languages),
];

/// How many of `FIELDS` are the fields themselves (the rest are other names for them).
const FIELD_COUNT: usize = 21;

/// The field names `--map` accepts, for messages and `--help`.
pub fn field_names() -> String {
    FIELDS
        .iter()
        .take(FIELD_COUNT)
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Header names compared as people write them: case, spaces, dashes and underscores aside.
fn normalise(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Reads a sheet (CSV, or `sheet` of a workbook) with `map` (`FIELD=HEADER` strings) and `separator`
/// between values of list cells. Returns the name the problems give the source (`file`, or
/// `file:sheet`) with the rows.
pub fn parse_mapped_csv(
    file: &str,
    bytes: &[u8],
    map: &[String],
    separator: char,
    sheet: Option<&str>,
) -> (String, Parsed<IncomingSubmission>) {
    let (source, found, mut rows) = read_mapped_csv(file, bytes, map, separator, sheet);
    (source, Parsed::read_all(found, &mut rows))
}

/// Like `parse_mapped_csv`, with the rows read and mapped one at a time as they are asked for (an
/// import stages each as it comes). `None` for the rows when the file or the mapping is refused
/// whole (the problem is at line 0 of what was found).
pub fn read_mapped_csv<B: AsRef<[u8]>>(
    file: &str,
    bytes: B,
    map: &[String],
    separator: char,
    sheet: Option<&str>,
) -> (String, Found, Option<MappedRows<B>>) {
    let mut found = Found::default();
    let Some((source, header, rows)) = stream_input(file, bytes, sheet, &mut found.problems) else {
        return (file.to_string(), found, None);
    };
    let Some(mapping) = mapping(&source, &header, map, separator, &mut found.problems) else {
        name_problems_of(rows, &mut found);
        return (source, found, None);
    };
    let mapper = MappedSheet {
        first_line_of: HashMap::with_capacity(rows.expected()),
        file: source.clone(),
        header,
        mapping,
    };
    (source, found, Some(SheetRows::new(rows, mapper)))
}

/// A sheet's rows as submissions, mapped one at a time by their columns.
pub type MappedRows<B> = SheetRows<B, MappedSheet>;

/// How a sheet's rows map to submissions: by the columns of each field.
pub struct MappedSheet {
    file: String,
    header: Vec<String>,
    mapping: Mapping,
    /// The first line of each outside id so far: a second one is a duplicate.
    first_line_of: HashMap<String, u64>,
}

/// Which columns hold which field.
struct Mapping {
    /// Each field's columns, by the field's place (`Field as usize`): asked for every cell of every
    /// row, by place and not through a map (hashing the field two dozen times a row was 5 % of an
    /// import's parsing).
    by_field: [Vec<usize>; FIELD_COUNT],
    /// Every column some field takes: the others become lines of the notes.
    used: Vec<usize>,
    /// The header's question and answer columns (`questions::question_pairs`).
    questions: Vec<(usize, usize)>,
    separator: char,
}

/// The columns of each field: `map`'s first, in the order given, then every field not mapped takes
/// the column of its own name. `None` when the mapping or the header is refused (the problems say
/// why).
fn mapping(
    file: &str,
    header: &[String],
    map: &[String],
    separator: char,
    problems: &mut Vec<Problem>,
) -> Option<Mapping> {
    let whole = |message: String| Problem::new(0, for_terminal(&message).into_owned());
    let header_list = header.join(", ");

    // Explicit mappings first, in the order given.
    let mut columns: HashMap<Field, Vec<usize>> = HashMap::new();
    for spec in map {
        let Some((field, named)) = spec.split_once('=') else {
            problems.push(whole(format!(
                "--map '{spec}': write FIELD=HEADER, e.g. --map directors=Director"
            )));
            continue;
        };
        let Some((_, field)) = FIELDS.iter().find(|(n, _)| *n == normalise(field)) else {
            problems.push(whole(format!(
                "--map '{spec}': '{field}' is not a field; the fields are {}",
                field_names()
            )));
            continue;
        };
        match header
            .iter()
            .position(|h| h == named.trim())
            .or_else(|| header.iter().position(|h| normalise(h) == normalise(named)))
        {
            Some(c) => columns.entry(*field).or_default().push(c),
            None => problems.push(whole(format!(
                "--map '{spec}': {file} has no column '{}' (its columns: {header_list})",
                named.trim()
            ))),
        }
    }
    // Then every field not mapped takes the column of its own name, if there is one.
    for (i, name) in header.iter().enumerate() {
        if let Some((_, field)) = FIELDS.iter().find(|(n, _)| *n == normalise(name))
            && !columns.contains_key(field)
            && !columns.values().flatten().any(|&c| c == i)
        {
            columns.insert(*field, vec![i]);
        }
    }
    if !columns.contains_key(&Field::Title) {
        problems.push(whole(format!(
            "{file}: no column for the title: name one with --map title=HEADER (its columns: {header_list})"
        )));
    }
    if problems.iter().any(|p| p.line == 0) {
        return None;
    }

    let used: Vec<usize> = columns.values().flatten().copied().collect();
    let mut by_field: [Vec<usize>; FIELD_COUNT] = std::array::from_fn(|_| Vec::new());
    for (field, candidates) in columns {
        by_field[field as usize] = candidates;
    }
    Some(Mapping {
        by_field,
        used,
        questions: question_pairs(header),
        separator,
    })
}

impl MapRow for MappedSheet {
    fn incoming(&mut self, row: &Row, found: &mut Found) -> Option<IncomingSubmission> {
        let Mapping {
            by_field,
            used,
            questions,
            separator,
        } = &self.mapping;
        let separator = *separator;
        let (file, header) = (self.file.as_str(), self.header.as_slice());
        let mut cells = Cells::new(file, header, row);
        // The first of a field's columns that holds something (or its first, to name in messages).
        let col = |f: Field| {
            let candidates = &by_field[f as usize];
            candidates
                .iter()
                .copied()
                .find(|&c| row.cells.get(c).is_some_and(|v| !v.trim().is_empty()))
                .or_else(|| candidates.first().copied())
        };
        let mut incoming = IncomingSubmission {
            line: row.line,
            section: cells.line(col(Field::Section)),
            original_status: cells.line(col(Field::OriginalStatus)),
            submitted: cells.date(col(Field::Submitted)),
            external_id: cells.line(col(Field::ExternalId)),
            ..IncomingSubmission::default()
        };
        let film = &mut incoming.film;
        film.title = cells.line(col(Field::Title));
        film.original_title = cells.line(col(Field::OriginalTitle));
        // Places kept (the desk drops the blank ones), so that the originals pair by place.
        film.directors = cells.places(col(Field::Directors), separator);
        film.writers = cells.places(col(Field::Writers), separator);
        film.producers = cells.list(col(Field::Producers), separator);
        film.cast = cells.places(col(Field::Cast), separator);
        film.countries = cells.list(col(Field::Countries), separator);
        film.languages = cells.list(col(Field::Languages), separator);
        film.year = cells.year_or_date(col(Field::Year));
        film.runtime_minutes = cells.runtime(col(Field::Runtime));
        film.synopsis = cells.text(col(Field::Synopsis));
        film.original_directors = cells.places(col(Field::OriginalDirectors), separator);
        film.original_writers = cells.places(col(Field::OriginalWriters), separator);
        film.original_cast = cells.places(col(Field::OriginalCast), separator);
        for &c in &by_field[Field::Aliases as usize] {
            film.aliases.extend(cells.list(Some(c), separator));
        }

        if let Some(c) = col(Field::Status) {
            let text = cells.line(Some(c));
            match text.parse::<SubmissionStatus>() {
            _ if text.is_empty() => {}
            Ok(status) => incoming.status = Some(status),
            Err(_) => match judging_status(&text) {
                Some(status) => {
                    incoming.status = status;
                    if incoming.original_status.is_empty() {
                        incoming.original_status = text;
                    }
                }
                None => cells.problem(
                    c,
                    format!(
                        "'{text}' is not a status: expected one of received, eligible, ineligible, shortlisted, selected, not-selected, withdrawn, disqualified (or a FilmFreeway judging status)"
                    ),
                ),
            },
        }
        }
        if let Some(c) = col(Field::Title)
            && incoming.film.title.is_empty()
        {
            cells.problem(c, "is empty: a submission needs a title");
        }
        if let Some(c) = col(Field::ExternalId)
            && !incoming.external_id.is_empty()
            && let Some(first) = self
                .first_line_of
                .insert(incoming.external_id.clone(), row.line)
        {
            cells.problem(
                c,
                format!(
                    "'{}' is a duplicate id: line {first} has the same one",
                    incoming.external_id
                ),
            );
        }

        let notes = vec![cells.text(col(Field::Notes))];
        incoming.notes = cells.notes_with_other_columns(notes, questions, |c| used.contains(&c));
        cells.settle(&mut found.problems, &mut found.warnings, incoming)
    }
}

/// The edition's submissions as CSV that `import csv` reads back unchanged with no `--map`. Lists are
/// joined with `separator`; a value that itself holds the separator would not come back whole, so it
/// is refused with the advice to pick another separator.
pub fn write_submissions(rows: &[SubmissionRow], separator: char) -> Result<Vec<u8>, ExportError> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header: Vec<&str> = FIELDS.iter().take(FIELD_COUNT).map(|(n, _)| *n).collect();
    writer.write_record(&header)?;
    let joined = format!("{separator} ");
    for row in rows {
        let (f, s) = (&row.film, &row.submission);
        let list = |values: &[String]| -> Result<String, ExportError> {
            if let Some(v) = values.iter().find(|v| v.contains(separator)) {
                return Err(ExportError::HoldsTheSeparator {
                    title: f.title.clone(),
                    id: s.id,
                    value: v.clone(),
                    separator,
                });
            }
            Ok(values.join(&joined))
        };
        let record = [
            f.title.clone(),
            f.original_title.clone(),
            list(&f.directors)?,
            list(&f.writers)?,
            list(&f.producers)?,
            list(&f.cast)?,
            list(&f.countries)?,
            list(&f.languages)?,
            f.year.map(|y| y.to_string()).unwrap_or_default(),
            f.runtime_minutes.map(|m| m.to_string()).unwrap_or_default(),
            f.synopsis.clone(),
            s.section.clone(),
            s.status.as_str().to_string(),
            s.original_status.clone(),
            s.submitted.map(|d| d.to_string()).unwrap_or_default(),
            s.external_id.clone(),
            s.notes.clone(),
            list(&f.original_directors)?,
            list(&f.original_writers)?,
            list(&f.original_cast)?,
            list(&f.aliases)?,
        ];
        writer.write_record(&record)?;
    }
    writer
        .into_inner()
        .map_err(|e| ExportError::Csv(csv::Error::from(e.into_error())))
}

/// Why an edition's submissions cannot be written as CSV.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A list value holding the separator would come back split in two.
    #[error(
        "'{title}' (submission {id}) has '{value}', which holds the separator '{separator}': export with another --separator (e.g. ';' or '|') and import with the same"
    )]
    HoldsTheSeparator {
        title: String,
        id: u64,
        value: String,
        separator: char,
    },
    #[error("cannot write the CSV: {0}")]
    Csv(#[from] csv::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_field_is_named_first_at_its_own_place() {
        // `mapping` finds a field's columns at `field as usize`.
        for (place, (_, field)) in FIELDS.iter().take(FIELD_COUNT).enumerate() {
            assert_eq!(*field as usize, place, "{field:?}");
        }
    }

    #[test]
    fn default_mapping_by_name_and_explicit_fallbacks() {
        let text = "title_en,title_fa,director,year,run_time,imdb\n,بچه\u{200C}های آسمان,Majid Majidi,1997,1h 29m,tt0118849\n";
        let map = [
            "title=title_en".to_string(),
            "title=title_fa".into(),
            "original_title=title_fa".into(),
            "runtime=run_time".into(),
        ];
        let (_, parsed) = parse_mapped_csv("iran.csv", text.as_bytes(), &map, '|', None);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let row = &parsed.rows[0];
        assert_eq!(row.film.title, "بچه\u{200C}های آسمان");
        assert_eq!(row.film.directors, ["Majid Majidi"]);
        assert_eq!(row.film.runtime_minutes, Some(89));
        assert_eq!(row.notes, "imdb: tt0118849");
    }

    #[test]
    fn originals_keep_their_places_and_aliases_gather_both_columns() {
        let text = "title,directors_en,directors_fa,aliases_en,aliases_fa\nOn the Comet,Karel Zeman|Jan Procházka,کارل زمان|,The Comet|Na kometě,ستاره\n";
        let map = [
            "directors=directors_en".to_string(),
            "original_directors=directors_fa".into(),
            "aliases=aliases_en".into(),
            "aliases=aliases_fa".into(),
        ];
        let (_, parsed) = parse_mapped_csv("iran.csv", text.as_bytes(), &map, '|', None);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let film = &parsed.rows[0].film;
        assert_eq!(film.directors, ["Karel Zeman", "Jan Procházka"]);
        assert_eq!(
            film.original_directors,
            ["کارل زمان"],
            "the blank at the end goes"
        );
        assert_eq!(film.aliases, ["The Comet", "Na kometě", "ستاره"]);
        assert_eq!(
            parsed.rows[0].notes, "",
            "no column left over for the notes"
        );

        let text = "title,directors,original_directors\nX,A|B|C,الف||ج\n";
        let (_, parsed) = parse_mapped_csv("x.csv", text.as_bytes(), &[], '|', None);
        assert_eq!(parsed.rows[0].film.original_directors, ["الف", "", "ج"]);
    }

    #[test]
    fn a_sheet_refused_whole_still_names_its_rows_problems() {
        // No title column, and line 3 short of a cell: both are named in the one run.
        let text = "name,year\nA,2001\nB\n";
        let (_, parsed) = parse_mapped_csv("f.csv", text.as_bytes(), &[], ',', None);
        let lines: Vec<u64> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [0, 3], "{:?}", parsed.problems);
        assert!(parsed.rows.is_empty());
    }

    #[test]
    fn a_bad_mapping_names_the_fields_and_columns() {
        let (_, parsed) =
            parse_mapped_csv("x.csv", b"name\nA\n", &["titel=name".into()], ',', None);
        assert!(
            parsed.problems[0].text.contains("the fields are title,"),
            "{:?}",
            parsed.problems
        );
        let (_, parsed) = parse_mapped_csv(
            "x.csv",
            b"name\nA\n",
            &["title=Name of film".into()],
            ',',
            None,
        );
        assert!(
            parsed.problems[0].text.contains("its columns: name"),
            "{:?}",
            parsed.problems
        );
    }
}
