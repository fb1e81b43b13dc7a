//! The bodies of jurydesk's fuzz targets, one function per target.
//!
//! They live here, not in `fuzz_targets/`, so that `tests/fuzz_regressions.rs` can include this very
//! file and run every kept input through exactly the code that found it, on stable `cargo test`.
//! Each function takes the raw bytes libFuzzer hands over, runs the parsing layer (bytes → rows or
//! problems, bytes → record or codec error; never a store), and returns normally for any input. It
//! panics only when jurydesk panics, or when a property that the parser promises
//! (docs/formats.md#bad-input: nothing stored in a one-line field holds a control character; every
//! problem is safe to print) does not hold, so that libFuzzer reports it as a finding.

use jurydesk::desk::{
    AwardRow, BallotEntry, IncomingSubmission, Parsed, parse_ranking, parse_scores,
};
use jurydesk::interchange::{
    parse_award_history, parse_ballots, parse_filmfreeway, parse_mapped_csv,
};
use jurydesk::store::{Kind, Record, Sealed, index_entries_of};

/// The file name the parsers put in their messages.
const FILE: &str = "fuzz.csv";

/// `import filmfreeway`: the input is the export file.
pub fn filmfreeway(data: &[u8]) {
    check_submissions(&parse_filmfreeway(FILE, data, None).1);
}

/// `import filmfreeway|csv|ballots` of a workbook: the input is the file, whatever it holds (seeded
/// with real .xlsx, .ods and .xls files, which libFuzzer mutates). The file's name says .xlsx, so text
/// is refused as a misnamed file and only workbooks reach calamine; the kept inputs include the
/// hostile workbooks of tests/fixtures/sheets (a zip bomb, far-apart cells, a million repeated rows),
/// which must be refused without a large allocation.
pub fn spreadsheet(data: &[u8]) {
    const BOOK: &str = "fuzz.xlsx";
    check_submissions(&parse_filmfreeway(BOOK, data, None).1);
    check_submissions(&parse_mapped_csv(BOOK, data, &[], ',', None).1);
    let (_, rows, problems) = parse_ballots(BOOK, data, None);
    check_problems(&Parsed {
        rows,
        problems,
        warnings: Vec::new(),
    });
}

/// `import csv --map … --separator …`: the input's first line holds the options, the rest is the
/// sheet. The options line is the separator character, then the `FIELD=HEADER` mappings, each
/// after a tab (`|\ttitle=title_en\tdirectors=directors_en`); an empty line means `,` and no mapping.
pub fn mapped_csv(data: &[u8]) {
    let (options, sheet) = match data.iter().position(|&b| b == b'\n') {
        Some(end) => (&data[..end], &data[end + 1..]),
        None => (&data[..0], data),
    };
    let options = String::from_utf8_lossy(options);
    let mut chars = options.chars();
    let separator = chars.next().unwrap_or(',');
    let map: Vec<String> = chars
        .as_str()
        .split('\t')
        .filter(|spec| !spec.is_empty())
        .map(str::to_string)
        .collect();
    check_submissions(&parse_mapped_csv(FILE, sheet, &map, separator, None).1);
}

/// `import oscars`: the input is an award history in the shape of `the_oscar_award.csv`.
pub fn award_history(data: &[u8]) {
    let parsed = parse_award_history(FILE, data);
    check_problems(&parsed);
    for row in &parsed.rows {
        let AwardRow {
            ceremony,
            category,
            name,
            film,
            ..
        } = row;
        assert!(*ceremony >= 1, "ceremony {ceremony} accepted");
        assert!(!category.is_empty(), "empty category accepted");
        for value in [category, name, film] {
            check_line("award field", value);
        }
    }
}

/// `import ballots`: the input is a ballots file in any of its three shapes
/// (docs/formats.md#ballots-csv).
pub fn ballots_csv(data: &[u8]) {
    let (_, rows, _problems) = parse_ballots(FILE, data, None);
    for row in &rows {
        assert!(!row.category.is_empty() && !row.juror.is_empty(), "{row:?}");
        check_line("category", &row.category);
        check_line("juror", &row.juror);
        match &row.entry {
            BallotEntry::Ranked(order) => {
                assert!(!order.is_empty(), "{row:?}");
                order.iter().for_each(|r| check_reference(r));
            }
            // One row of the scored shape is one nominee's score.
            BallotEntry::Scored(scores) => {
                assert_eq!(scores.len(), 1, "one row gave several scores: {row:?}");
                for (nominee, score) in scores {
                    check_reference(nominee);
                    assert!(*score <= 10, "{row:?}");
                }
            }
            BallotEntry::Rounds(votes) => {
                assert_eq!(votes.len(), 1, "{row:?}");
                for (round, vote) in votes {
                    assert!(*round >= 1, "{row:?}");
                    check_reference(vote);
                }
            }
        }
    }
}

/// `ballot set --rank "A > B" / --score "A=8, B=6"` and the ballot form: the input, as text, goes to
/// both parsers.
pub fn ballot_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(order) = parse_ranking(text) {
        assert_eq!(order.len(), text.matches('>').count() + 1, "{text:?}");
        for reference in &order {
            assert!(
                !reference.is_empty() && !reference.contains('>'),
                "{text:?}"
            );
            assert_eq!(reference.trim(), reference, "{text:?}");
        }
    }
    if let Ok(scores) = parse_scores(text) {
        for (nominee, score) in &scores {
            assert!(*score <= 10, "{text:?}");
            assert!(!nominee.is_empty() && !nominee.contains(','), "{text:?}");
            assert_eq!(nominee.trim(), nominee, "{text:?}");
        }
    }
}

/// Stored values: the first byte picks what the rest is decoded as (`Kind::ALL` in order, then an
/// audit log entry), so that one corpus covers every record type. A value that decodes must encode
/// again and decode to the same record, and its index entries must be derivable.
pub fn codec(data: &[u8]) {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let kinds = Kind::ALL.len();
    match usize::from(selector) % (kinds + 1) {
        i if i < kinds => {
            let kind = Kind::ALL[i];
            jurydesk::with_record_type!(kind, T => round_trip::<T>(bytes));
            // The generic path (undo, check, migrations) agrees with the typed one.
            let typed = jurydesk::with_record_type!(kind, T => T::decode(bytes).is_ok());
            assert_eq!(index_entries_of(kind, bytes).is_ok(), typed);
        }
        _ => {
            if let Ok(sealed) = Sealed::decode(bytes) {
                let again = sealed.encode().map(|b| Sealed::decode(&b));
                assert!(matches!(again, Ok(Ok(ref s)) if *s == sealed), "{sealed:?}");
            }
        }
    }
}

fn round_trip<T: Record + PartialEq + std::fmt::Debug>(bytes: &[u8]) {
    let Ok(record) = T::decode(bytes) else { return };
    let _ = record.index_entries();
    let encoded = record.encode();
    let Ok(encoded) = encoded else {
        panic!("decoded {record:?} but cannot encode it again: {encoded:?}");
    };
    let again = T::decode(&encoded);
    assert!(
        matches!(again, Ok(ref r) if *r == record),
        "{record:?} came back as {again:?}"
    );
}

fn check_submissions(parsed: &Parsed<IncomingSubmission>) {
    check_problems(parsed);
    for row in parsed.rows.iter() {
        let film = &row.film;
        assert!(!film.title.is_empty(), "row without a title: {row:?}");
        for value in [
            &film.title,
            &film.original_title,
            &row.section,
            &row.original_status,
            &row.external_id,
        ] {
            check_line("one-line field", value);
        }
        for list in [
            &film.directors,
            &film.writers,
            &film.producers,
            &film.cast,
            &film.countries,
            &film.languages,
        ] {
            list.iter().for_each(|v| check_line("list value", v));
        }
        for value in [&film.synopsis, &row.notes] {
            assert!(
                !value
                    .chars()
                    .any(|c| c.is_control() && c != '\n' && c != '\t'),
                "control character in a text field: {value:?}"
            );
        }
        if let Some(year) = film.year {
            assert!((1850..=2200).contains(&year), "year {year} accepted");
        }
    }
}

/// Problems and warnings are printed as they are: they must be single lines with nothing that drives
/// a terminal.
fn check_problems<T>(parsed: &Parsed<T>) {
    for problem in parsed.problems.iter().chain(&parsed.warnings) {
        assert!(
            !problem.text.chars().any(char::is_control),
            "control character in a message: {:?}",
            problem.text
        );
    }
}

fn check_line(what: &str, value: &str) {
    assert!(
        !value.chars().any(char::is_control),
        "control character in a {what}: {value:?}"
    );
}

fn check_reference(reference: &str) {
    assert!(!reference.is_empty(), "an empty nominee reference");
    check_line("nominee reference", reference);
}
