//! `list`: editions, submissions and categories as tables, JSON or CSV.

use std::collections::HashMap;
use std::io::Write;

use serde_json::{Value, json};

use super::args::{ListArgs, ListWhat};
use super::list_jury;
use super::output::{Cell, Listing, Printer, print_streamed};
use crate::desk::{
    Desk, DeskError, RowView, SortKey, StoredRow, SubmissionQuery, SubmissionSummary,
};
use crate::domain::calendar::local_iso;
use crate::domain::{Calendar, Category, Method, SubmissionStatus};
use crate::failure::{Failure, usage};
use crate::text::Matcher;

/// Prints what `list` asks for. Submissions are printed as they are read (100,000 of them held
/// whole were 330 MB); the other lists are short and printed from a `Listing`.
pub fn print(desk: &Desk, args: &ListArgs, out: &mut impl Write) -> Result<(), Failure> {
    let mut listing = match args.what {
        ListWhat::Submissions => return submissions(desk, args, out),
        ListWhat::Editions => editions(desk, args)?,
        ListWhat::Categories => categories(desk, args)?,
        ListWhat::Nominations => list_jury::nominations(desk, args)?,
        ListWhat::Jurors => list_jury::jurors(desk, args)?,
        ListWhat::Ballots => list_jury::ballots(desk, args)?,
        ListWhat::Awards => list_jury::awards(desk, args)?,
    };
    if let Some(limit) = args.limit {
        listing.rows.truncate(limit);
    }
    Ok(listing.print(args.format, out)?)
}

fn editions(desk: &Desk, args: &ListArgs) -> Result<Listing, Failure> {
    let matcher = Matcher::new(args.query.as_deref().unwrap_or(""));
    let views = desk.editions()?;
    // The local dates get columns of their own in the table when an edition keeps another calendar.
    let any_local = views
        .iter()
        .any(|v| v.edition.calendar != Calendar::Gregorian);
    let rows = views
        .into_iter()
        .filter(|v| {
            matcher.matches(&v.festival.name)
                || matcher.matches(&v.edition.code)
                || matcher.matches(&v.edition.place)
        })
        .map(|v| {
            let e = &v.edition;
            vec![
                json!(e.code),
                json!(v.festival.code),
                json!(v.festival.name),
                json!(e.number),
                json!(e.ordinal()),
                json!(e.year),
                json!(e.start.map(|d| d.to_string())),
                json!(e.end.map(|d| d.to_string())),
                json!(e.calendar.as_str()),
                json!(local_iso(e.calendar, e.start)),
                json!(local_iso(e.calendar, e.end)),
                json!(e.place),
                json!(e.venues),
                json!(e.sections),
                json!(e.state.as_str()),
                json!(v.submissions),
            ]
        })
        .collect();
    Ok(Listing {
        fields: vec![
            "code",
            "festival",
            "festival_name",
            "number",
            "ordinal",
            "year",
            "start",
            "end",
            "calendar",
            "start_local",
            "end_local",
            "place",
            "venues",
            "sections",
            "state",
            "submissions",
        ],
        table: if any_local {
            vec![
                "code",
                "festival_name",
                "ordinal",
                "year",
                "start",
                "start_local",
                "end",
                "end_local",
                "calendar",
                "place",
                "state",
                "submissions",
            ]
        } else {
            vec![
                "code",
                "festival_name",
                "ordinal",
                "year",
                "start",
                "end",
                "place",
                "state",
                "submissions",
            ]
        },
        rows,
    })
}

fn required_edition(args: &ListArgs) -> Result<&str, Failure> {
    args.edition
        .as_deref()
        .ok_or_else(|| usage("this list needs --edition CODE (see `jurydesk list editions`)"))
}

/// One edition's submissions with `--edition`, or every edition's (a film's history across
/// festivals; `--query` over all of them) with an edition column in the table.
fn submissions(desk: &Desk, args: &ListArgs, out: &mut impl Write) -> Result<(), Failure> {
    let editions: Vec<(u64, String)> = match &args.edition {
        Some(code) => {
            let edition = desk.edition(code)?;
            vec![(edition.id, edition.code)]
        }
        None => desk
            .editions()?
            .into_iter()
            .map(|v| (v.edition.id, v.edition.code))
            .collect(),
    };
    let mut query =
        SubmissionQuery::parse(args.query.as_deref().unwrap_or("")).map_err(|error| {
            Failure::from(crate::desk::DeskError::Invalid {
                field: "query",
                message: error.to_string(),
            })
        })?;
    if let Some(status) = &args.status {
        query.status = Some(
            status
                .parse::<SubmissionStatus>()
                .map_err(|e| Failure::failed(e.to_string()))?,
        );
    }
    if let Some(sort) = &args.sort {
        let (descending, name) = match sort.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, sort.as_str()),
        };
        query.sort = name.parse::<SortKey>().map_err(Failure::failed)?;
        query.descending = descending;
    }
    let limit = args.limit.unwrap_or(usize::MAX);
    let codes: HashMap<u64, String> = editions.iter().cloned().collect();
    let (fields, table) = submission_fields(args.edition.is_some());
    let print = |rows: Vec<StoredRow>, printer: &mut Printer<'_>| {
        for row in &rows {
            let row = row.view().map_err(DeskError::from)?;
            let code = codes.get(&row.submission.edition_id);
            printer(&submission_cells(&row, code.map(String::as_str)))?;
        }
        Ok::<(), Failure>(())
    };
    // One edition as it is stored, in id order: its rows are read straight from the records,
    // nothing to search or sort.
    if let ([(edition, _)], false, SortKey::Id, false) =
        (&editions[..], query.filters(), query.sort, query.descending)
    {
        return print_streamed(&fields, &table, args.format, out, |printer| {
            desk.edition_rows_in_chunks(*edition, limit, ROWS_PER_CHUNK, |rows| {
                print(rows, printer)
            })
        });
    }
    // Search and sort read the editions' summaries; only the rows that will be printed are read
    // whole (every field of the submission and its film).
    let edition_ids: Vec<u64> = editions.iter().map(|(id, _)| *id).collect();
    let ids: Vec<u64> = desk
        .search(&edition_ids, &query)?
        .iter()
        .take(limit)
        .map(SubmissionSummary::id)
        .collect();
    print_streamed(&fields, &table, args.format, out, |printer| {
        desk.stored_rows_in_chunks(&ids, ROWS_PER_CHUNK, |rows| print(rows, printer))
    })
}

/// How many rows are read at a time (and at most two chunks ahead of the printer, by each reader).
const ROWS_PER_CHUNK: usize = 2048;

/// One submission's row, in the order of `submission_fields`: its text borrowed from the stored
/// record, nothing copied.
fn submission_cells<'a>(row: &'a RowView<'a>, edition: Option<&'a str>) -> [Cell<'a>; 23] {
    let (s, f) = (&row.submission, &row.film);
    [
        Cell::Unsigned(s.id),
        edition.map_or(Cell::Null, Cell::Text),
        Cell::Unsigned(f.id),
        Cell::Text(f.title),
        Cell::Text(f.original_title),
        Cell::List(f.directors()),
        Cell::List(f.writers()),
        Cell::List(f.producers()),
        Cell::List(f.cast()),
        Cell::List(f.countries()),
        Cell::List(f.languages()),
        f.year.into(),
        f.runtime_minutes.into(),
        Cell::Text(s.section),
        Cell::Text(s.status.as_str()),
        Cell::Text(s.original_status),
        s.submitted.map_or(Cell::Null, Cell::Date),
        Cell::Text(s.external_id),
        Cell::Text(s.notes),
        Cell::List(f.original_directors()),
        Cell::List(f.original_writers()),
        Cell::List(f.original_cast()),
        Cell::List(f.aliases()),
    ]
}

/// The fields of a submission row, and those a table shows (with the edition when the list spans
/// editions).
fn submission_fields(one_edition: bool) -> (Vec<&'static str>, Vec<&'static str>) {
    (
        vec![
            "id",
            "edition",
            "film_id",
            "title",
            "original_title",
            "directors",
            "writers",
            "producers",
            "cast",
            "countries",
            "languages",
            "year",
            "runtime_minutes",
            "section",
            "status",
            "original_status",
            "submitted",
            "external_id",
            "notes",
            "original_directors",
            "original_writers",
            "original_cast",
            "aliases",
        ],
        if one_edition {
            vec![
                "id",
                "title",
                "directors",
                "countries",
                "year",
                "section",
                "status",
            ]
        } else {
            vec![
                "id",
                "edition",
                "title",
                "directors",
                "countries",
                "year",
                "section",
                "status",
            ]
        },
    )
}

fn method_json(method: Method) -> Value {
    json!(method.name())
}

fn categories(desk: &Desk, args: &ListArgs) -> Result<Listing, Failure> {
    let edition = desk.edition(required_edition(args)?)?;
    let matcher = Matcher::new(args.query.as_deref().unwrap_or(""));
    let rows = desk
        .categories(edition.id)?
        .into_iter()
        .filter(|c: &Category| matcher.matches(&c.name) || matcher.matches(&c.prize))
        .map(|c| {
            vec![
                json!(c.id),
                json!(edition.code),
                json!(c.name),
                json!(c.prize),
                json!(match c.kind {
                    crate::domain::CategoryKind::Film => "film",
                    crate::domain::CategoryKind::Person => "person",
                }),
                method_json(c.method),
                json!(c.ex_aequo_allowed),
                json!(c.mandatory),
                json!(c.precedence),
            ]
        })
        .collect();
    Ok(Listing {
        fields: vec![
            "id",
            "edition",
            "name",
            "prize",
            "kind",
            "method",
            "ex_aequo_allowed",
            "mandatory",
            "precedence",
        ],
        table: vec!["id", "name", "prize", "kind", "method", "precedence"],
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::args::Format;
    use crate::desk::SubmissionRow;

    /// A row as `list` made it before rows were printed from the stored bytes: every field of the
    /// decoded records turned into a JSON value. The oracle the listing is held to.
    fn values(row: SubmissionRow, code: &str) -> Vec<Value> {
        let (s, f) = (row.submission, row.film);
        vec![
            json!(s.id),
            json!(code),
            json!(f.id),
            json!(f.title),
            json!(f.original_title),
            json!(f.directors),
            json!(f.writers),
            json!(f.producers),
            json!(f.cast),
            json!(f.countries),
            json!(f.languages),
            json!(f.year),
            json!(f.runtime_minutes),
            json!(s.section),
            json!(s.status.as_str()),
            json!(s.original_status),
            json!(s.submitted.map(|d| d.to_string())),
            json!(s.external_id),
            json!(s.notes),
            json!(f.original_directors),
            json!(f.original_writers),
            json!(f.original_cast),
            json!(f.aliases),
        ]
    }

    fn args(
        edition: Option<&str>,
        query: Option<&str>,
        sort: Option<&str>,
        limit: Option<usize>,
        format: Format,
    ) -> ListArgs {
        ListArgs {
            what: ListWhat::Submissions,
            edition: edition.map(str::to_owned),
            category: None,
            query: query.map(str::to_owned),
            status: None,
            sort: sort.map(str::to_owned),
            limit,
            format,
        }
    }

    fn printed(desk: &Desk, args: &ListArgs) -> String {
        let mut out = Vec::new();
        print(desk, args, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// Whole editions (more rows than a chunk, so read on the reader threads), sorted, searched,
    /// limited and across editions: in each format, the bytes are those of the rows decoded whole
    /// and printed from values, in the order listed.
    #[test]
    fn rows_print_as_the_decoded_records_print() {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(&dir.path().join("store")).unwrap();
        let generated = desk.generate(4400, 2, 11).unwrap();
        let code = generated.editions[0].as_str();
        // Every field set and each list its own, so that a field printed in another's place shows;
        // text JSON escapes, and Persian.
        for i in 0..3 {
            let names = |what: &str| vec![format!("{what} {i}"), format!("{what} \"b\" \\ {i}")];
            desk.add_submission(&crate::desk::SubmissionInput {
                edition: code.to_owned(),
                film: crate::desk::FilmInput {
                    title: format!("Full \"{i}\""),
                    original_title: format!("فیلم {i}"),
                    directors: names("Director"),
                    writers: names("Writer"),
                    producers: names("Producer"),
                    cast: names("Actor"),
                    countries: names("Country"),
                    languages: names("Language"),
                    year: Some(1990 + i),
                    runtime_minutes: Some(80 + i as u32),
                    synopsis: "Not printed.".into(),
                    original_directors: vec![format!("کارگردان {i}")],
                    original_writers: vec![format!("نویسنده {i}")],
                    original_cast: vec![format!("بازیگر {i}")],
                    aliases: names("Alias"),
                },
                section: format!("Section {i}"),
                status: SubmissionStatus::Shortlisted,
                submitted: chrono::NaiveDate::from_ymd_opt(2024, 3, 1 + i as u32),
                external_id: format!("EXT-{i}"),
                notes: format!("Note {i}: \"quoted\""),
            })
            .unwrap();
        }
        let edition = desk.edition(code).unwrap();
        let all_ids = desk.submission_ids(edition.id).unwrap();
        assert!(all_ids.len() > ROWS_PER_CHUNK, "{}", all_ids.len());
        let codes: HashMap<u64, String> = desk
            .editions()
            .unwrap()
            .into_iter()
            .map(|v| (v.edition.id, v.edition.code))
            .collect();
        for (edition, query, sort, limit) in [
            (Some(code), None, None, None),
            (Some(code), None, Some("id"), Some(2100)),
            (Some(code), None, None, Some(0)),
            (Some(code), None, Some("title"), None),
            (Some(code), Some("a"), Some("-year"), None),
            (None, None, None, None),
        ] {
            let json = printed(&desk, &args(edition, query, sort, limit, Format::Json));
            let listed: Vec<Value> = serde_json::from_str(&json).unwrap();
            let ids: Vec<u64> = listed.iter().map(|r| r["id"].as_u64().unwrap()).collect();
            if edition.is_some() && query.is_none() && sort.is_none_or(|s| s == "id") {
                let limit = limit.unwrap_or(usize::MAX).min(all_ids.len());
                assert_eq!(ids, all_ids[..limit], "the edition in id order");
            }
            let (fields, table) = submission_fields(edition.is_some());
            let oracle = Listing {
                fields,
                table,
                rows: desk
                    .rows_of(&ids)
                    .unwrap()
                    .into_iter()
                    .map(|row| {
                        let code = codes[&row.submission.edition_id].clone();
                        values(row, &code)
                    })
                    .collect(),
            };
            for format in [Format::Json, Format::Csv, Format::Table] {
                let mut expected = Vec::new();
                oracle.print(format, &mut expected).unwrap();
                let listed = printed(&desk, &args(edition, query, sort, limit, format));
                let expected = String::from_utf8(expected).unwrap();
                // The first line that differs, not two documents of megabytes.
                let differs = listed
                    .lines()
                    .zip(expected.lines())
                    .position(|(a, b)| a != b);
                assert!(
                    listed == expected,
                    "{format:?} {edition:?} {query:?} {sort:?} {limit:?}: line {differs:?}: {:?}",
                    differs.map(|n| (listed.lines().nth(n), expected.lines().nth(n)))
                );
            }
        }
    }
}
