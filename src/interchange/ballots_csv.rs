//! The ballots CSV of SPEC §5.3, in its three shapes, told apart by the header:
//! ranked `category,juror,ranking`, scored `category,juror,nominee,score`, rounds
//! `category,round,juror,vote`.

use super::at;
use crate::desk::{BallotEntry, BallotRow, parse_ranking, parse_score};
use crate::text::clean_line;

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

/// Reads every row. Returns the rows that could be read and every problem found (not just the first),
/// so that the caller can check the good rows further and report everything at once.
pub fn parse_ballots(file: &str, bytes: &[u8]) -> (Vec<BallotRow>, Vec<String>) {
    let bytes = bytes.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(bytes);
    let header: Vec<String> = match reader.byte_headers() {
        Ok(h) => h
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_ascii_lowercase())
            .collect(),
        Err(e) => {
            return (
                Vec::new(),
                vec![at(file, 1, None, format!("cannot read the header: {e}"))],
            );
        }
    };
    let Some(shape) = SHAPES
        .iter()
        .find(|(_, columns)| {
            header
                .iter()
                .map(String::as_str)
                .eq(columns.iter().copied())
        })
        .map(|(shape, _)| *shape)
    else {
        return (
            Vec::new(),
            vec![at(
                file,
                1,
                None,
                format!(
                    "the header '{}' is none of: {}",
                    header.join(","),
                    SHAPES
                        .iter()
                        .map(|(_, c)| c.join(","))
                        .collect::<Vec<_>>()
                        .join(" | ")
                ),
            )],
        );
    };

    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.byte_records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(at(file, line, None, csv_problem(&e, header.len())));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let mut cells = Vec::with_capacity(header.len());
        let mut readable = true;
        for (column, raw) in header.iter().zip(record.iter()) {
            match std::str::from_utf8(raw) {
                Ok(text) => cells.push(clean_line(text)),
                Err(_) => {
                    problems.push(at(
                        file,
                        line,
                        Some(column),
                        "is not valid UTF-8 text: save the file as UTF-8",
                    ));
                    readable = false;
                }
            }
        }
        if !readable {
            continue;
        }
        match row(shape, &header, &cells, line as usize) {
            Ok(row) => rows.push(row),
            Err((column, message)) => problems.push(at(file, line, Some(column), message)),
        }
    }
    (rows, problems)
}

fn csv_problem(error: &csv::Error, columns: usize) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { len, .. } => {
            format!("has {len} column(s), the header has {columns}")
        }
        _ => format!("cannot be read as CSV: {error}"),
    }
}

fn row<'h>(
    shape: Shape,
    header: &'h [String],
    cells: &[String],
    line: usize,
) -> Result<BallotRow, (&'h str, String)> {
    let cell = |name: &str| -> Result<&String, (&'h str, String)> {
        let i = header.iter().position(|h| h == name).unwrap_or(0);
        let value = &cells[i];
        if value.is_empty() {
            Err((header[i].as_str(), "is empty".to_string()))
        } else {
            Ok(value)
        }
    };
    let category = cell("category")?.clone();
    let juror = cell("juror")?.clone();
    let entry = match shape {
        Shape::Ranked => BallotEntry::Ranked(
            parse_ranking(cell("ranking")?)
                .map_err(|e| (column(header, "ranking"), e.to_string()))?,
        ),
        // The cells are taken as they are: joined into `nominee=score` text, a title holding ',' or
        // '=' ("Night, Again") was split into other nominees or refused as a bad score.
        Shape::Scored => {
            let nominee = cell("nominee")?.clone();
            let score = cell("score")?;
            let score = parse_score(score).map_err(|_| {
                (
                    column(header, "score"),
                    format!("'{score}' is not a score from 0 to 10"),
                )
            })?;
            BallotEntry::Scored(vec![(nominee, score)])
        }
        Shape::Rounds => {
            let round = cell("round")?;
            let round: u32 = crate::text::digits::to_ascii(round)
                .parse()
                .ok()
                .filter(|r| *r >= 1)
                .ok_or_else(|| {
                    (
                        column(header, "round"),
                        format!("'{round}' is not a round number (1, 2, …)"),
                    )
                })?;
            BallotEntry::Rounds(vec![(round, cell("vote")?.clone())])
        }
    };
    Ok(BallotRow {
        line,
        category,
        juror,
        entry,
    })
}

fn column<'h>(header: &'h [String], name: &str) -> &'h str {
    header
        .iter()
        .find(|h| *h == name)
        .map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_three_shapes() {
        let ranked = parse_ballots(
            "r.csv",
            b"category,juror,ranking\nBest Film,Ana,1 > 3 > 2\n",
        )
        .0;
        assert_eq!(
            ranked[0].entry,
            BallotEntry::Ranked(vec!["1".into(), "3".into(), "2".into()])
        );
        assert_eq!(ranked[0].line, 2);
        let scored = parse_ballots(
            "s.csv",
            "\u{FEFF}category,juror,nominee,score\nBest Film,Ana,Film A,8\n".as_bytes(),
        )
        .0;
        assert_eq!(
            scored[0].entry,
            BallotEntry::Scored(vec![("Film A".into(), 8)])
        );
        let rounds = parse_ballots(
            "v.csv",
            b"category,round,juror,vote\nBest Film,2,Ana,Film A\n",
        )
        .0;
        assert_eq!(
            rounds[0].entry,
            BallotEntry::Rounds(vec![(2, "Film A".into())])
        );
    }

    #[test]
    fn every_bad_row_is_named_by_line_and_column() {
        let text = b"category,juror,nominee,score\nBest Film,Ana,A,11\nBest Film,,B,3\nBest Film,Ana,C\nBest Film,Ana,\xff,4\n";
        let (rows, problems) = parse_ballots("s.csv", text);
        assert!(rows.is_empty());
        assert_eq!(problems.len(), 4, "{problems:#?}");
        assert!(
            problems[0].starts_with("s.csv:2: column 'score'"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].starts_with("s.csv:3: column 'juror': is empty"),
            "{}",
            problems[1]
        );
        assert!(
            problems[2].contains("s.csv:4") && problems[2].contains("3 column(s)"),
            "{}",
            problems[2]
        );
        assert!(problems[3].contains("UTF-8"), "{}", problems[3]);
    }

    #[test]
    fn a_nominee_whose_title_holds_a_comma_or_an_equals_sign_is_scored_whole() {
        let text = "category,juror,nominee,score\nBest Film,Ana,\"Night, Again\",8\nBest Film,Ana,\"A=5, B\",3\n";
        let (rows, problems) = parse_ballots("s.csv", text.as_bytes());
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
        let problems = parse_ballots("x.csv", b"who,what\n").1;
        assert!(problems[0].contains("category,juror,ranking"));
    }
}
