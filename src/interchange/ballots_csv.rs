//! The ballots CSV of docs/formats.md#ballots-csv, in its three shapes, told apart by the header:
//! ranked `category,juror,ranking`, scored `category,juror,nominee,score`, rounds
//! `category,round,juror,vote`.

use super::input::read_input;
use super::table::{Table, at_cell};
use crate::desk::{
    BallotColumns, BallotEntry, BallotRow, Column, Problem, parse_ranking, parse_score,
};
use crate::text::{clean_line, for_terminal};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Ranked,
    Scored,
    Rounds,
}

const SHAPES: [(Shape, &[&str]); 3] = [
    (Shape::Ranked, &["category", "juror", "ranking"]),
    (Shape::Scored, &["category", "juror", "nominee", "score"]),
    (Shape::Rounds, &["category", "round", "juror", "vote"]),
];

/// Reads every row. Returns the name the problems give the source (`file`, or `file:sheet` for a
/// sheet of a workbook), the rows that could be read and every problem found (not just the first),
/// each naming its line and column, so that the caller can check the good rows further and report
/// everything at once. The file is read as every sheet is (`input`): CSV with a BOM, quoted multi-line
/// cells, blank lines, UTF-16 or oversized cells refused with a reason; or a workbook's sheet.
pub fn parse_ballots(
    file: &str,
    bytes: &[u8],
    sheet: Option<&str>,
) -> (String, Vec<BallotRow>, Vec<Problem>) {
    let mut problems = Vec::new();
    let Some((source, table)) = read_input(file, bytes, sheet, &mut problems) else {
        return (file.to_string(), Vec::new(), problems);
    };
    let (rows, problems) = ballot_rows(&source, &table, problems);
    (source, rows, problems)
}

fn ballot_rows(
    file: &str,
    table: &Table,
    mut problems: Vec<Problem>,
) -> (Vec<BallotRow>, Vec<Problem>) {
    let header: Vec<String> = table
        .header
        .iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    let Some(&(shape, names)) = SHAPES.iter().find(|(_, columns)| {
        header
            .iter()
            .map(String::as_str)
            .eq(columns.iter().copied())
    }) else {
        problems.push(Problem::new(
            0,
            for_terminal(&format!(
                "{file}: the header '{}' is none of: {}",
                table.header.join(","),
                SHAPES
                    .iter()
                    .map(|(_, c)| c.join(","))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ))
            .into_owned(),
        ));
        return (Vec::new(), problems);
    };

    let mut rows = Vec::with_capacity(table.rows.len());
    for raw in &table.rows {
        let cells: Vec<String> = raw.cells.iter().map(|c| clean_line(c)).collect();
        match row(shape, names, &cells, raw.line as usize) {
            Ok(row) => rows.push(row),
            Err((i, message)) => problems.push(Problem::new(
                raw.line,
                at_cell(file, raw.line, i, &table.header[i], message),
            )),
        }
    }
    // In file order: the table's own problems (column counts, encoding) came first.
    problems.sort_by_key(|p| p.line);
    (rows, problems)
}

/// One row, or the column (counted from 0) at fault and what is wrong there.
fn row(
    shape: Shape,
    names: &'static [&'static str],
    cells: &[String],
    line: usize,
) -> Result<BallotRow, (usize, String)> {
    let at = |name: &str| names.iter().position(|n| *n == name).unwrap_or(0);
    let column = |name: &str| {
        let i = at(name);
        Column {
            number: i + 1,
            name: names[i],
        }
    };
    let cell = |name: &str| -> Result<&String, (usize, String)> {
        let value = &cells[at(name)];
        if value.is_empty() {
            Err((at(name), "is empty".to_string()))
        } else {
            Ok(value)
        }
    };
    let category = cell("category")?.clone();
    let juror = cell("juror")?.clone();
    let (entry, entry_column) = match shape {
        Shape::Ranked => (
            BallotEntry::Ranked(
                parse_ranking(cell("ranking")?).map_err(|e| (at("ranking"), e.to_string()))?,
            ),
            "ranking",
        ),
        // The cells are taken as they are: joined into `nominee=score` text, a title holding ',' or
        // '=' ("Night, Again") was split into other nominees or refused as a bad score.
        Shape::Scored => {
            let nominee = cell("nominee")?.clone();
            let score = cell("score")?;
            let score = parse_score(score).map_err(|_| {
                (
                    at("score"),
                    format!("'{score}' is not a score from 0 to 10"),
                )
            })?;
            (BallotEntry::Scored(vec![(nominee, score)]), "nominee")
        }
        Shape::Rounds => {
            let round = cell("round")?;
            let round: u32 = crate::text::digits::parse_number(round)
                .ok()
                .filter(|r| *r >= 1)
                .ok_or_else(|| {
                    (
                        at("round"),
                        format!("'{round}' is not a round number (1, 2, …)"),
                    )
                })?;
            (
                BallotEntry::Rounds(vec![(round, cell("vote")?.clone())]),
                "vote",
            )
        }
    };
    Ok(BallotRow {
        line,
        category,
        juror,
        entry,
        columns: BallotColumns {
            category: column("category"),
            juror: column("juror"),
            entry: column(entry_column),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_shapes() {
        let ranked = parse_ballots(
            "r.csv",
            b"category,juror,ranking\nBest Film,Ana,1 > 3 > 2\n",
            None,
        )
        .1;
        assert_eq!(
            ranked[0].entry,
            BallotEntry::Ranked(vec!["1".into(), "3".into(), "2".into()])
        );
        assert_eq!(ranked[0].line, 2);
        let scored = parse_ballots(
            "s.csv",
            "\u{FEFF}category,juror,nominee,score\nBest Film,Ana,Film A,8\n".as_bytes(),
            None,
        )
        .1;
        assert_eq!(
            scored[0].entry,
            BallotEntry::Scored(vec![("Film A".into(), 8)])
        );
        let rounds = parse_ballots(
            "v.csv",
            b"category,round,juror,vote\nBest Film,2,Ana,Film A\n",
            None,
        )
        .1;
        assert_eq!(
            rounds[0].entry,
            BallotEntry::Rounds(vec![(2, "Film A".into())])
        );
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_column() {
        let text = b"category,juror,nominee,score\nBest Film,Ana,A,11\nBest Film,,B,3\nBest Film,Ana,C\nBest Film,Ana,\xff,4\n";
        let (_, rows, problems) = parse_ballots("s.csv", text, None);
        assert!(rows.is_empty());
        let problems: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            problems,
            [
                "s.csv:2:4: column 'score': '11' is not a score from 0 to 10",
                "s.csv:3:2: column 'juror': is empty",
                "s.csv:4: has 3 column(s), the header has 4",
                "s.csv:5:3: column 'nominee': is not UTF-8 text (byte 1 of the cell): save the file as CSV UTF-8",
            ]
        );
    }

    #[test]
    fn each_row_knows_the_columns_of_its_cells() {
        let (_, rows, _) = parse_ballots(
            "r.csv",
            b"Category,Round,Juror,Vote\nBest Film,1,Ana,2\n",
            None,
        );
        let columns = rows[0].columns;
        assert_eq!(
            (columns.category.number, columns.category.name),
            (1, "category")
        );
        assert_eq!((columns.juror.number, columns.juror.name), (3, "juror"));
        assert_eq!((columns.entry.number, columns.entry.name), (4, "vote"));
        let problems = parse_ballots(
            "r.csv",
            b"category,juror,ranking\nBest Film,Ana,1 > > 2\n",
            None,
        )
        .2;
        assert!(
            problems[0]
                .text
                .starts_with("r.csv:2:3: column 'ranking': ranking: '1 > > 2' has an empty place"),
            "{}",
            problems[0].text
        );
    }

    #[test]
    fn a_nominee_whose_title_holds_a_comma_or_an_equals_sign_is_scored_whole() {
        let text = "category,juror,nominee,score\nBest Film,Ana,\"Night, Again\",8\nBest Film,Ana,\"A=5, B\",3\n";
        let (_, rows, problems) = parse_ballots("s.csv", text.as_bytes(), None);
        assert!(problems.is_empty(), "{problems:?}");
        let entries: Vec<&BallotEntry> = rows.iter().map(|r| &r.entry).collect();
        assert_eq!(
            entries,
            [
                &BallotEntry::Scored(vec![("Night, Again".into(), 8)]),
                &BallotEntry::Scored(vec![("A=5, B".into(), 3)]),
            ]
        );
    }

    #[test]
    fn an_unknown_header_says_which_ones_are_known() {
        let problems = parse_ballots("x.csv", b"who,what\n", None).2;
        assert!(problems[0].text.contains("category,juror,ranking"));
    }
}
