//! Spreadsheets as they come (issue 18 item 9): `import filmfreeway`, `import csv`, `import ballots`
//! and `screening import-ratings` read .xlsx, .ods and .xls workbooks (tests/fixtures/sheets, made by
//! make_sheets.py beside them) with the CSV paths' rules: all or nothing, every problem at once at
//! `file:sheet:row:column`, the same exit codes; hostile workbooks refused with a reason.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::path::Path;

use common::*;
use proptest::prelude::*;
use serde_json::Value;

const FORMATS: [&str; 3] = ["xlsx", "ods", "xls"];

fn sheet(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
        .to_str()
        .unwrap()
        .to_string()
}

/// An empty store with the festival `f` and its edition `f-1`.
fn festival() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "f", "--name", "F"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "f",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    store
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

#[test]
fn a_filmfreeway_export_reads_the_same_from_every_format() {
    for format in FORMATS {
        let store = festival();
        let file = sheet(&format!("filmfreeway.{format}"));
        let out = store.ok(&["import", "filmfreeway", &file, "--edition", "f-1"]);
        assert!(out.contains("2 added"), "{format}: {out}");
        let rows = store.submissions("f-1", &[]);
        let rain = find(&rows, "Children of the Rain");
        // The id was the float 2051001.0; the duration a time cell; the dates date cells.
        assert_eq!(rain["external_id"], "2051001", "{format}");
        assert_eq!(rain["runtime_minutes"], 92, "{format}: 1:32:05");
        assert_eq!(rain["year"], 2024, "{format}");
        assert_eq!(rain["submitted"], "2024-10-07", "{format}");
        assert_eq!(rain["status"], "shortlisted", "{format}");
        assert_eq!(
            strings(&rain["directors"]),
            ["Leila Ahmadi", "Omid Rahimi"],
            "{format}"
        );
        assert_eq!(
            rain["notes"],
            "Rating: 4.5\nHow did you hear about us?: A friend\nIs this a world premiere?: Yes",
            "{format}: the custom questions as question: answer lines"
        );
        let night = find(&rows, "Night, Again");
        assert_eq!(night["runtime_minutes"], 90, "{format}: 90.0 is 90");
        assert_eq!(night["year"], 2023, "{format}: 2023.0 is 2023");
        assert_eq!(night["notes"], "How did you hear about us?: Instagram");
    }
}

#[test]
fn a_submissions_sheet_reads_the_same_from_every_format() {
    for format in FORMATS {
        let store = festival();
        let file = sheet(&format!("submissions.{format}"));
        store.ok(&["import", "csv", &file, "--edition", "f-1"]);
        let rows = store.submissions("f-1", &[]);
        let cherry = find(&rows, "Taste of Cherry");
        assert_eq!(cherry["external_id"], "1234567", "{format}");
        assert_eq!(cherry["year"], 1997, "{format}");
        assert_eq!(cherry["runtime_minutes"], 95, "{format}");
        assert_eq!(cherry["submitted"], "2024-11-02", "{format}");
        assert_eq!(cherry["notes"], "", "{format}: every column was a field");
        assert_eq!(find(&rows, "Children of Heaven")["external_id"], "1234568");
    }
}

#[test]
fn a_formula_is_read_by_its_cached_value() {
    let store = festival();
    store.ok(&["import", "csv", &sheet("formula.xlsx"), "--edition", "f-1"]);
    let rows = store.submissions("f-1", &[]);
    assert_eq!(find(&rows, "Taste of Cherry")["runtime_minutes"], 95);
}

#[test]
fn ballots_read_from_every_format_and_merged_categories_fill_their_rows() {
    for file in [
        "ballots.xlsx",
        "ballots.ods",
        "ballots.xls",
        "ballots_merged.xlsx",
        "ballots_merged.xls",
    ] {
        let store = seated_jury();
        let out = store.ok(&["import", "ballots", &sheet(file), "--edition", JURY_EDITION]);
        assert!(out.contains("imported 2 ballot(s)"), "{file}: {out}");
    }
}

#[test]
fn bad_ballot_cells_are_named_by_sheet_row_and_column() {
    let store = seated_jury();
    let file = sheet("ballots_bad.xlsx");
    let err = store.fails(1, &["import", "ballots", &file, "--edition", JURY_EDITION]);
    assert!(
        err.contains(&format!("{file}:Ballots:2:2: column 'juror':")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{file}:Ballots:3:3: column 'ranking': ranking: 'Alpha > > Beta' has an empty place"
        )),
        "{err}"
    );
    // A sheet of another shape is refused by its header, naming the sheet.
    let err = store.fails(
        1,
        &[
            "import",
            "ballots",
            &sheet("submissions.xlsx"),
            "--edition",
            JURY_EDITION,
        ],
    );
    assert!(
        err.contains("submissions.xlsx:Films: the header 'title,directors"),
        "{err}"
    );
}

/// A store with the films Alpha (1) and Beta (2), the screener Ana and round 1 (yes/maybe/no), both
/// films assigned to Ana.
fn screening() -> TestStore {
    let store = festival();
    for title in ["Alpha", "Beta"] {
        store.ok(&["submission", "add", "--edition", "f-1", "--title", title]);
    }
    store.ok(&[
        "screening",
        "screener",
        "add",
        "--edition",
        "f-1",
        "--name",
        "Ana",
    ]);
    store.ok(&[
        "screening",
        "round",
        "add",
        "--edition",
        "f-1",
        "--verdicts",
        "--coverage",
        "1",
    ]);
    store.ok(&["screening", "assign", "--edition", "f-1", "--round", "1"]);
    store
}

#[test]
fn a_packet_filled_in_a_spreadsheet_imports_from_every_format() {
    for format in FORMATS {
        let store = screening();
        let out = store.ok(&[
            "screening",
            "import-ratings",
            &sheet(&format!("packet.{format}")),
            "--edition",
            "f-1",
            "--round",
            "1",
        ]);
        assert!(out.contains("imported 2 rating(s)"), "{format}: {out}");
    }
}

#[test]
fn a_bad_packet_names_every_bad_cell_and_saves_nothing() {
    let store = screening();
    let file = sheet("packet_bad.xlsx");
    let err = store.fails(
        1,
        &[
            "screening",
            "import-ratings",
            &file,
            "--edition",
            "f-1",
            "--round",
            "1",
        ],
    );
    assert!(
        err.contains(
            "packet_bad.xlsx:Packet:2:8: column 'verdict': 'perhaps' is not yes, maybe or no"
        ),
        "{err}"
    );
    assert!(
        err.contains("packet_bad.xlsx:Packet:3:10: column 'screener':"),
        "{err}"
    );
    let progress = store.json(&[
        "screening",
        "progress",
        "--edition",
        "f-1",
        "--round",
        "1",
        "--format",
        "json",
    ]);
    assert!(
        !progress.to_string().contains("\"rated\":1")
            && !progress.to_string().contains("\"rated\":2"),
        "nothing saved: {progress}"
    );
}

#[test]
fn every_bad_cell_is_named_at_once_and_nothing_is_written() {
    let store = festival();
    let file = sheet("bad_cells.xlsx");
    let err = store.fails(1, &["import", "csv", &file, "--edition", "f-1"]);
    let problems: Vec<&str> = err.lines().skip(1).map(str::trim).collect();
    let at = |s: &str| format!("{file}:Films:{s}");
    assert_eq!(problems.len(), 3, "{err}");
    assert!(
        err.starts_with("jurydesk: 3 problem(s), nothing was written"),
        "{err}"
    );
    assert!(
        problems[0].starts_with(&at(
            "2:4: column 'runtime_minutes': 'long' is not a running time"
        )),
        "{err}"
    );
    assert!(
        problems[1].starts_with(&at(
            "3:5: column 'submitted': '2024-02-30' is an impossible date"
        )),
        "{err}"
    );
    assert!(
        problems[2].starts_with(&at("4:3: column 'year': holds the error #N/A")),
        "{err}"
    );
    assert!(store.submissions("f-1", &[]).is_empty());

    // --skip-bad takes the rows without problems, as with CSV.
    let assert = store
        .run(&["import", "csv", &file, "--edition", "f-1", "--skip-bad"])
        .success();
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(stderr.contains(&at("4:3")), "{stderr}");
    assert_eq!(
        titles(&store.submissions("f-1", &[])),
        ["Where Is the Friend's House?"]
    );
}

#[test]
fn the_first_sheet_by_default_another_by_name_and_a_typo_gets_a_suggestion() {
    let store = festival();
    let two = sheet("two_sheets.xlsx");
    let out = store.ok(&["import", "csv", &two, "--edition", "f-1", "--dry-run"]);
    assert!(
        out.contains("Taste of Cherry") && !out.contains("Children of Heaven"),
        "{out}"
    );
    let out = store.ok(&[
        "import",
        "csv",
        &two,
        "--edition",
        "f-1",
        "--dry-run",
        "--sheet",
        "Shorts",
    ]);
    assert!(
        out.contains("Children of Heaven") && !out.contains("Taste of Cherry"),
        "{out}"
    );
    let err = store.fails(
        1,
        &[
            "import",
            "csv",
            &two,
            "--edition",
            "f-1",
            "--sheet",
            "Shrots",
        ],
    );
    assert!(
        err.contains("has no sheet 'Shrots' (did you mean Shorts?); its sheets: 'Films', 'Shorts'"),
        "{err}"
    );

    let empty_first = sheet("empty_first.xlsx");
    let err = store.fails(1, &["import", "csv", &empty_first, "--edition", "f-1"]);
    assert!(
        err.contains("its first sheet 'Read me' is empty, and sheet 'Films' has data: import with --sheet 'Films'"),
        "{err}"
    );
    store.ok(&[
        "import",
        "csv",
        &empty_first,
        "--edition",
        "f-1",
        "--sheet",
        "Films",
    ]);
    assert_eq!(store.submissions("f-1", &[]).len(), 2);

    let csv = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cannes_30.csv");
    let err = store.fails(
        1,
        &[
            "import",
            "csv",
            csv.to_str().unwrap(),
            "--edition",
            "f-1",
            "--sheet",
            "Films",
        ],
    );
    assert!(
        err.contains("is CSV text, which has no sheets: leave out --sheet"),
        "{err}"
    );
}

#[test]
fn the_type_comes_from_the_content_not_the_name() {
    let store = festival();
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("films.csv");
    std::fs::copy(sheet("submissions.xlsx"), &renamed).unwrap();
    store.ok(&[
        "import",
        "csv",
        renamed.to_str().unwrap(),
        "--edition",
        "f-1",
    ]);
    assert_eq!(store.submissions("f-1", &[]).len(), 2);
}

#[test]
fn hostile_and_broken_workbooks_are_refused_with_a_reason() {
    let store = festival();
    for (file, reason) in [
        (
            "csv_named.xlsx",
            "is named .xlsx but holds text (CSV?), not a workbook: if it is CSV, rename it to .csv",
        ),
        ("html_named.xls", "is a web page or XML, not a workbook"),
        (
            "protected.xlsx",
            "is password-protected (encrypted): open it in Excel or LibreOffice, remove the password",
        ),
        ("truncated.xlsx", "is a damaged zip file"),
        (
            "bomb.xlsx",
            "unpacks to more than 200 MB: larger than any sheet jurydesk reads (a zip bomb?)",
        ),
        (
            "far_apart.xlsx",
            "far_apart.xlsx:Films:1048576: has a value in column 16384, right of the header's last column (1)",
        ),
        (
            "repeated.ods",
            "has a sheet of 104800100 cells once its repeated rows and cells are counted",
        ),
        (
            "far_apart.xls",
            "has a sheet whose cells span 4294967296 cells (from its first to its last)",
        ),
    ] {
        for import in ["csv", "filmfreeway"] {
            let err = store.fails(1, &["import", import, &sheet(file), "--edition", "f-1"]);
            assert!(err.contains(reason), "{import} {file}: {err}");
        }
        let err = store.fails(1, &["import", "ballots", &sheet(file), "--edition", "f-1"]);
        assert!(err.contains(reason), "ballots {file}: {err}");
    }
    assert!(store.submissions("f-1", &[]).is_empty());
}

#[test]
fn filmfreeway_custom_question_pairs_in_csv_too() {
    let store = festival();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ff.csv");
    std::fs::write(
        &file,
        "Submission ID,Project Title,Submission Custom Field 1,Submission Custom Answer 1,Submission Custom Field 2,Submission Custom Answer 2\n\
         9001,Q Film,How did you hear about us?,A friend,Budget?,\n",
    )
    .unwrap();
    store.ok(&[
        "import",
        "filmfreeway",
        file.to_str().unwrap(),
        "--edition",
        "f-1",
    ]);
    let rows = store.submissions("f-1", &[]);
    assert_eq!(
        find(&rows, "Q Film")["notes"],
        "How did you hear about us?: A friend",
        "a question left unanswered says nothing"
    );
    // The same columns through `import csv`.
    let store = festival();
    std::fs::write(
        &file,
        "title,Submission Custom Field 1,Submission Custom Answer 1\nQ Film,Premiere?,World\n",
    )
    .unwrap();
    store.ok(&["import", "csv", file.to_str().unwrap(), "--edition", "f-1"]);
    assert_eq!(
        find(&store.submissions("f-1", &[]), "Q Film")["notes"],
        "Premiere?: World"
    );
}

// ---------------------------------------------------------------------------------------------------
// The reader never panics, whatever the bytes: random bytes, and real workbooks damaged at random.

fn read_all(name: &str, bytes: &[u8]) {
    let mut problems = Vec::new();
    let _ = jurydesk::interchange::read_input(name, bytes, None, &mut problems);
    for p in &problems {
        assert!(!p.text.chars().any(|c| c.is_control()), "{:?}", p.text);
    }
    let _ = jurydesk::interchange::parse_filmfreeway(name, bytes, None);
    let _ = jurydesk::interchange::parse_ballots(name, bytes, Some("Ballots"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_all("x.xlsx", &bytes);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend(&bytes);
        read_all("x.xlsx", &zip);
        let mut cfb = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        cfb.extend(&bytes);
        read_all("x.xls", &cfb);
    }

    #[test]
    fn damaged_workbooks_never_panic(
        which in 0usize..3,
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
    ) {
        let name = ["filmfreeway.xlsx", "filmfreeway.ods", "filmfreeway.xls"][which];
        let mut bytes = std::fs::read(sheet(name)).unwrap();
        for (at, byte) in &flips {
            let i = at.index(bytes.len());
            bytes[i] = *byte;
        }
        read_all(name, &bytes);
        let keep = cut.index(bytes.len());
        read_all(name, &bytes[..keep]);
    }
}
