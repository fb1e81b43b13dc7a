//! Bad input (docs/formats.md#bad-input): one file per kind of damage, each refused with an error that
//! names the file, line and column and says what was expected, and the store left exactly as it was
//! (its `export backup` unchanged). Control characters and escape sequences are the exception: they are
//! cleaned, the secretary is warned, and nothing raw ever reaches the terminal.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use common::*;

fn backup(store: &TestStore) -> String {
    store.ok(&["export", "backup"])
}

/// Runs an import that must be refused: exit 1, nothing on stdout, and the store unchanged.
/// Returns the error text.
fn refused(store: &TestStore, args: &[&str]) -> String {
    let before = backup(store);
    let stderr = store.fails(1, args);
    assert_eq!(
        backup(store),
        before,
        "the store changed after a refused import"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    stderr
}

fn strings(value: &serde_json::Value) -> Vec<&str> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(serde_json::Value::as_str).collect())
        .unwrap_or_default()
}

fn cannes_store() -> TestStore {
    let store = TestStore::empty();
    store.ok(&[
        "festival",
        "add",
        "--code",
        "cannes",
        "--name",
        "Festival de Cannes",
    ]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "cannes",
        "--number",
        "78",
        "--year",
        "2025",
    ]);
    store
}

fn refused_ff(file: &str) -> String {
    let store = TestStore::with_demo();
    refused(
        &store,
        &[
            "import",
            "filmfreeway",
            &fixture_file(file),
            "--edition",
            "riff-18",
        ],
    )
}

#[test]
fn invalid_utf8_is_refused_at_its_cell() {
    let e = refused_ff("bad/invalid_utf8.csv");
    assert!(
        e.contains("invalid_utf8.csv:3:2: column 'Project Title': is not UTF-8 text"),
        "{e}"
    );
    assert!(e.contains("save the file as CSV UTF-8"), "{e}");
}

#[test]
fn utf16_is_refused_with_how_to_save_it() {
    let e = refused_ff("bad/utf16.csv");
    assert!(e.contains("is UTF-16 text"), "{e}");
}

#[test]
fn a_wrong_column_count_is_refused_at_its_line() {
    let e = refused_ff("bad/wrong_columns.csv");
    assert!(
        e.contains("wrong_columns.csv:3: has 3 column(s), the header has 7"),
        "{e}"
    );
}

#[test]
fn an_unclosed_quote_is_explained() {
    let e = refused_ff("bad/unclosed_quote.csv");
    assert!(
        e.contains("unclosed_quote.csv:3:") && e.contains("a quote left open"),
        "{e}"
    );
}

#[test]
fn an_impossible_date_is_refused() {
    let e = refused_ff("bad/impossible_date.csv");
    assert!(e.contains(":3:6: column 'Submission Date': '2025-02-30' is an impossible date: month 2 of 2025 has no day 30"), "{e}");
}

#[test]
fn an_impossible_duration_is_refused() {
    let e = refused_ff("bad/impossible_duration.csv");
    assert!(
        e.contains(":3:4: column 'Duration': '1:75:00' is an impossible duration"),
        "{e}"
    );
    assert!(e.contains("expected H:MM:SS"), "{e}");
}

#[test]
fn a_negative_runtime_is_refused() {
    let e = refused_ff("bad/negative_runtime.csv");
    assert!(
        e.contains(":3:4: column 'Duration': '-1:30:00' is negative"),
        "{e}"
    );
}

#[test]
fn a_negative_number_is_refused() {
    let e = refused_ff("bad/negative_number.csv");
    assert!(
        e.contains(":3:7: column 'Rating': '-2' is negative: expected a number of 0 or more"),
        "{e}"
    );
}

#[test]
fn duplicate_ids_are_refused_naming_both_lines() {
    let e = refused_ff("bad/duplicate_ids.csv");
    assert!(
        e.contains(":3:1: column 'Submission ID': '3001' is a duplicate id: line 2 has the same"),
        "{e}"
    );
}

#[test]
fn a_sheet_that_is_not_a_filmfreeway_export_says_so() {
    let e = refused_ff("bad/not_filmfreeway.csv");
    assert!(
        e.contains("no 'Submission ID' column: is this a FilmFreeway submissions export?"),
        "{e}"
    );
}

#[test]
fn an_empty_file_is_refused() {
    let e = refused_ff("bad/empty.csv");
    assert!(e.contains("is empty: expected a header row"), "{e}");
}

#[test]
fn a_ten_megabyte_cell_is_refused() {
    // Made here rather than committed: 10 MB of fixture would weigh on every clone.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge_cell.csv");
    let mut text =
        String::from("Submission ID,Project Title,Directors,Synopsis\n1,Big Film,Ana Ruiz,\"");
    text.push_str(&"word ".repeat(2 * 1024 * 1024));
    text.push_str("\"\n2,Small Film,Bo Li,short\n");
    std::fs::write(&path, text).unwrap();
    let store = TestStore::with_demo();
    let e = refused(
        &store,
        &[
            "import",
            "filmfreeway",
            path.to_str().unwrap(),
            "--edition",
            "riff-18",
        ],
    );
    assert!(e.contains("huge_cell.csv:2:4: column 'Synopsis': holds 10485760 bytes; a cell may hold at most 1048576"), "{e}");
}

#[test]
fn escape_sequences_and_control_characters_are_cleaned_with_a_warning() {
    let store = TestStore::with_demo();
    let assert = store
        .run(&[
            "import",
            "filmfreeway",
            &fixture_file("bad/escape_sequences.csv"),
            "--edition",
            "riff-18",
        ])
        .success();
    let output = assert.get_output();
    for stream in [&output.stdout, &output.stderr] {
        assert!(
            !stream.contains(&0x1b) && !stream.contains(&0x07),
            "raw control bytes reached the terminal"
        );
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: ")
            && stderr
                .contains(":3:2: column 'Project Title': removed 3 terminal escape sequence(s)"),
        "{stderr}"
    );
    assert!(
        stderr.contains(":3:3: column 'Directors': removed control characters"),
        "{stderr}"
    );
    let rows = store.submissions("riff-18", &[]);
    let evil = find(&rows, "Evil Title");
    assert_eq!(strings(&evil["directors"]), ["Bo Li"]);
}

#[test]
fn a_ceremony_dated_two_ways_is_refused_at_its_year_column() {
    let store = TestStore::with_demo();
    let e = refused(
        &store,
        &[
            "import",
            "oscars",
            &fixture_file("bad/oscars_two_years.csv"),
        ],
    );
    assert!(
        e.contains("oscars_two_years.csv:3:2: column 'year_ceremony': ceremony 1 is dated 1929 here but 1928 on line 2"),
        "{e}"
    );
}

/// Issue 13: ballots files name the column too, and a repeated score the line it is on.
#[test]
fn a_bad_ballots_file_is_refused_cell_by_cell() {
    let store = TestStore::with_demo();
    let e = refused(
        &store,
        &[
            "import",
            "ballots",
            &fixture_file("bad/ballots_bad.csv"),
            "--edition",
            "riff-18",
        ],
    );
    for expected in [
        "ballots_bad.csv:2: 'Grand Prize' is counted by schulze: its ballots file has the columns category,juror,ranking",
        "ballots_bad.csv:3:2: column 'juror': no juror 'Mina' on the jury of riff-18; did you mean Mina Sadeghi?",
        "ballots_bad.csv:4:4: column 'score': 'eleven' is not a score from 0 to 10",
        "ballots_bad.csv:6:3: column 'nominee': ",
        "is scored twice for Mina Sadeghi in 'Best Short Film' (first on line 5)",
    ] {
        assert!(e.contains(expected), "{expected}\n in {e}");
    }
}

#[test]
fn a_bad_award_history_is_refused_row_by_row() {
    let store = TestStore::empty();
    store.ok(&["demo"]);
    let e = refused(
        &store,
        &["import", "oscars", &fixture_file("bad/oscars_bad.csv")],
    );
    assert!(
        e.contains("oscars_bad.csv:3:3: column 'ceremony': '-1' is negative"),
        "{e}"
    );
    assert!(
        e.contains("oscars_bad.csv:4:1: column 'year_film': '1799' is not a plausible year"),
        "{e}"
    );
    assert!(
        e.contains("oscars_bad.csv:4:8: column 'winner': 'Maybe' is neither True nor False"),
        "{e}"
    );
}

#[test]
fn a_bad_mapping_is_refused_with_the_fields_and_columns() {
    let store = cannes_store();
    let file = fixture_file("cannes_competition_films.csv");
    let e = refused(
        &store,
        &[
            "import",
            "csv",
            &file,
            "--edition",
            "cannes-78",
            "--map",
            "director=Regisseur",
        ],
    );
    assert!(
        e.contains("has no column 'Regisseur' (its columns: year, title, original_title, director"),
        "{e}"
    );
    let e = refused(
        &store,
        &[
            "import",
            "csv",
            &file,
            "--edition",
            "cannes-78",
            "--map",
            "auteur=director",
        ],
    );
    assert!(
        e.contains("'auteur' is not a field; the fields are title, original_title"),
        "{e}"
    );
}
