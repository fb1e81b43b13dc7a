//! Award histories in the shape of `the_oscar_award.csv` (docs/formats.md#award-history):
//! `year_film,year_ceremony,ceremony,category,canon_category,name,film,winner`, one row per nominee.

use super::cells::{Cells, ascii_digits};
use super::countries::is_country;
use super::table::read_table;
use crate::desk::{AwardRow, Parsed, Problem};
use crate::text::for_terminal;

const COLUMNS: [&str; 8] = [
    "year_film",
    "year_ceremony",
    "ceremony",
    "category",
    "canon_category",
    "name",
    "film",
    "winner",
];

/// Reads an award history; every problem is reported, not just the first.
pub fn parse_award_history(file: &str, bytes: &[u8]) -> Parsed<AwardRow> {
    let mut parsed = Parsed::default();
    let Some(table) = read_table(file, bytes, &mut parsed.problems) else {
        return parsed;
    };
    let position = |name: &str| {
        table
            .header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
    };
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| *c != "canon_category" && position(c).is_none())
        .collect();
    if !missing.is_empty() {
        parsed.problems.push(Problem::new(
            0,
            for_terminal(&format!(
                "{file}: no column {}: expected the columns {} (its columns: {})",
                missing.join(", "),
                COLUMNS.join(","),
                table.header.join(",")
            ))
            .into_owned(),
        ));
        return parsed;
    }
    for row in &table.rows {
        let mut cells = Cells::new(file, &table.header, row);
        let film_year_column = position("year_film");
        let film_year = film_year(&mut cells, film_year_column);
        let ceremony_year = cells.year(position("year_ceremony"));
        let ceremony = ceremony_number(&mut cells, position("ceremony"));
        let category = cells.line(position("category"));
        let name = cells.line(position("name"));
        let film = cells.line(position("film"));
        let winner = winner(&mut cells, position("winner"));
        if let Some(c) = position("year_ceremony")
            && ceremony_year.is_none()
            && cells.raw(Some(c)).trim().is_empty()
        {
            cells.problem(c, "is empty: expected the year of the ceremony, e.g. 1929");
        }
        if let Some(c) = position("category")
            && category.is_empty()
        {
            cells.problem(c, "is empty: expected the award category, e.g. ACTOR");
        }
        if let Some(c) = position("film")
            && film.is_empty()
            && name.is_empty()
        {
            cells.problem(
                c,
                "is empty, and so is 'name': a row must name a film or a nominee",
            );
        }
        parsed.warnings.append(&mut cells.warnings);
        match (ceremony, ceremony_year, winner) {
            (Some(ceremony), Some(ceremony_year), Some(winner)) if cells.problems.is_empty() => {
                parsed.rows.push(AwardRow {
                    line: row.line,
                    ceremony,
                    ceremony_year,
                    ceremony_year_column: position("year_ceremony").map_or(0, |c| c + 1),
                    film_year,
                    category,
                    name_is_country: is_country(&name),
                    name,
                    film,
                    winner,
                });
            }
            _ => parsed.problems.append(&mut cells.problems),
        }
    }
    parsed
}

/// The film's year; some histories write a season such as `1927/28`, whose first year is taken.
fn film_year(cells: &mut Cells<'_>, column: Option<usize>) -> Option<i32> {
    let raw = cells.raw(column).trim();
    match raw.split_once('/') {
        Some((first, _)) if first.len() == 4 && first.chars().all(|c| c.is_ascii_digit()) => {
            first.parse().ok()
        }
        _ => cells.year(column),
    }
}

fn ceremony_number(cells: &mut Cells<'_>, column: Option<usize>) -> Option<u32> {
    let c = column?;
    let text = ascii_digits(cells.raw(column).trim());
    match text.parse::<i64>() {
        Ok(n) if n >= 1 && n <= i64::from(u32::MAX) => Some(n as u32),
        Ok(n) if n < 0 => {
            cells.problem(
                c,
                format!("'{text}' is negative: expected the ceremony's number (1, 2, …)"),
            );
            None
        }
        _ => {
            cells.problem(
                c,
                format!("'{text}' is not a ceremony number: expected 1, 2, …"),
            );
            None
        }
    }
}

fn winner(cells: &mut Cells<'_>, column: Option<usize>) -> Option<bool> {
    let c = column?;
    let text = cells.raw(column).trim();
    match text.to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" | "winner" => Some(true),
        "false" | "no" | "0" | "" => Some(false),
        _ => {
            cells.problem(c, format!("'{text}' is neither True nor False"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "year_film,year_ceremony,ceremony,category,canon_category,name,film,winner\n";

    #[test]
    fn reads_rows_with_countries_and_without_films() {
        let text = format!(
            "{HEADER}1957,1958,30,FOREIGN LANGUAGE FILM,INTERNATIONAL FEATURE FILM,Italy,The Nights of Cabiria,True\n1927,1929,1,HONORARY AWARD,HONORARY AWARD,\"Barney \"\"Chick\"\" McGill\",,False\n"
        );
        let parsed = parse_award_history("o.csv", text.as_bytes());
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        assert!(parsed.rows[0].name_is_country && parsed.rows[0].winner);
        assert_eq!(parsed.rows[1].name, "Barney \"Chick\" McGill");
        assert!(parsed.rows[1].film.is_empty() && !parsed.rows[1].name_is_country);
    }

    #[test]
    fn bad_rows_say_where_and_what_was_expected() {
        let text = format!(
            "{HEADER}1927,1928,-1,ACTOR,ACTOR,A,B,True\n1927,1928,1,ACTOR,ACTOR,A,B,Maybe\n1927,1928,1,,ACTOR,,,False\n"
        );
        let parsed = parse_award_history("o.csv", text.as_bytes());
        assert!(parsed.rows.is_empty());
        let texts: Vec<&str> = parsed.problems.iter().map(|p| p.text.as_str()).collect();
        assert!(
            texts[0].starts_with("o.csv:2:3: column 'ceremony': '-1' is negative"),
            "{texts:?}"
        );
        assert!(
            texts[1].starts_with("o.csv:3:8: column 'winner': 'Maybe'"),
            "{texts:?}"
        );
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("o.csv:4:4: column 'category': is empty")),
            "{texts:?}"
        );
    }
}
