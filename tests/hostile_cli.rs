//! Hostile data on the command line (SPEC §5.5, §8): titles and names holding escape sequences,
//! bidi overrides, NUL bytes, lone carriage returns and backspaces, combining stacks, wide CJK and
//! emoji, imported through `import filmfreeway`, `import csv --map` and `submission add`, then listed.
//!
//! What each class does:
//! - escape sequences (CSI, OSC title and clipboard, their C1 forms): removed whole on the way in,
//!   with a warning naming the cell;
//! - other control characters (NUL, BEL, backspace, DEL, C1): removed with a warning; line breaks and
//!   tabs in a one-line field become spaces;
//! - bidi embeddings, overrides and isolates: removed with a warning; direction marks removed;
//! - a title over 1,000 characters in a file: the import is refused, naming the cell (typed on the
//!   command line it is kept, and cut when shown);
//! - combining stacks, CJK and emoji: stored as typed.
//!
//! Whatever is stored, `list --format table` shows no control byte and keeps its columns, and
//! `--format json` gives back every character, the dangerous ones as `\uXXXX` escapes.

mod common;
mod hostile_fixtures;

use common::*;
use hostile_fixtures::*;
use jurydesk::text::width;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

fn titles_of(store: &TestStore) -> Vec<String> {
    store
        .submissions("hx-1", &[])
        .iter()
        .map(|r| r["title"].as_str().expect("a title").to_string())
        .collect()
}

#[test]
fn each_class_of_hostile_text_is_cleaned_on_the_way_in_and_the_secretary_told() {
    let (store, warnings) = hostile_store();
    let zalgo_row: String = "Zalgo"
        .chars()
        .map(|c| format!("{c}{}", ZALGO_MARKS.repeat(2)))
        .collect::<String>()
        .nfc()
        .collect();
    let titles = titles_of(&store);
    let expected = [
        "Window Title",
        "Clipboard Film",
        "C1 Red Film",
        "Reversed Title",
        "Carriage ReturnBack TabNul",
        zalgo_row.as_str(),
        "紙灯籠 🎞 👨\u{200D}👩\u{200D}👧 👍🏽 Festival 🇮🇷",
        "بالا و پایین",
        &format!("{}!", "Long ".repeat(200).trim_end()),
        "Plain Neighbour",
        "Mapped Title",
        "Mapped Override",
        "Mapped NEL LS",
        &ten_thousand(),
        "Typed Title",
    ];
    assert_eq!(titles, expected);
    let rows = store.submissions("hx-1", &[]);
    let row = |title: &str| find(&rows, title).clone();
    assert_eq!(row("Reversed Title")["original_title"], "جاده نمک");
    assert_eq!(
        row("Reversed Title")["directors"],
        serde_json::json!(["Isolated Name", "Forced Left"])
    );
    assert_eq!(
        row("Carriage ReturnBack TabNul")["directors"],
        serde_json::json!(["Nul Byte"])
    );
    assert_eq!(
        row("Mapped Title")["directors"],
        serde_json::json!(["Fritz Lang"])
    );
    assert_eq!(
        row("Mapped NEL LS")["directors"],
        serde_json::json!(["Backspace"])
    );
    assert_eq!(
        row("Mapped NEL LS")["countries"],
        serde_json::json!(["Swiss"])
    );
    assert_eq!(row("Plain Neighbour")["section"], "Shorts");
    assert_eq!(
        row(&ten_thousand())["directors"],
        serde_json::json!(["Ten Thousand"])
    );
    // Multi-line notes keep their line breaks, lose their controls and sequences; the festival's
    // own question (with an escape sequence in its header) is kept as a note line.
    let notes = row("Carriage ReturnBack TabNul")["notes"]
        .as_str()
        .expect("notes")
        .to_string();
    assert_eq!(notes, "line one\nline two\nline three\nQuestion: yes");

    for (place, what) in [
        (
            ":2:2: column 'Project Title'",
            "removed 3 terminal escape sequence(s)",
        ),
        (
            ":3:2: column 'Project Title'",
            "removed 1 terminal escape sequence(s)",
        ),
        (
            ":4:2: column 'Project Title'",
            "removed 2 terminal escape sequence(s)",
        ),
        (
            ":5:2: column 'Project Title'",
            "removed bidi override or isolate characters",
        ),
        (
            ":5:4: column 'Directors'",
            "removed bidi override or isolate characters",
        ),
        (":6:2: column 'Project Title'", "removed control characters"),
        (
            ":6:10: column 'Submission Notes'",
            "removed 1 terminal escape sequence(s) and control characters",
        ),
        (
            ":2:1: column 'Titel'",
            "removed 1 terminal escape sequence(s)",
        ),
        (
            ":3:1: column 'Titel'",
            "removed bidi override or isolate characters",
        ),
        (":4:2: column 'Regie'", "removed control characters"),
    ] {
        assert!(
            warnings
                .lines()
                .any(|l| l.starts_with("warning: ") && l.contains(place) && l.contains(what)),
            "no warning {place} {what}:\n{warnings}"
        );
    }
    assert!(
        !warnings.contains(":8:2:") && !warnings.contains(":9:2:"),
        "wide and right-to-left titles are not hostile:\n{warnings}"
    );
}

#[test]
fn names_of_festivals_categories_and_jurors_are_cleaned_too() {
    let (store, _) = hostile_store();
    let editions = store.editions(&[]);
    assert_eq!(editions[0]["festival_name"], "Hostile Fest");
    let categories = array(store.json(&[
        "list",
        "categories",
        "--edition",
        "hx-1",
        "--format",
        "json",
    ]));
    assert_eq!(categories[0]["name"], "Best Film");
    let jurors = array(store.json(&["list", "jurors", "--edition", "hx-1", "--format", "json"]));
    assert_eq!(jurors[0]["name"], "Juror Zed");
}

#[test]
fn a_title_too_long_for_a_file_is_refused_at_its_cell_and_nothing_is_written() {
    let (store, _) = hostile_store();
    let before = store.ok(&["export", "backup"]);
    let stderr = store.fails(
        1,
        &[
            "import",
            "filmfreeway",
            &fixture("enormous_title.csv"),
            "--edition",
            "hx-1",
        ],
    );
    assert!(
        stderr.contains(
            "enormous_title.csv:2:2: column 'Project Title': is 10000 characters long; at most 1000 fit a one-line field"
        ),
        "{stderr}"
    );
    assert!(
        !stderr.contains("is empty"),
        "one problem, not two:\n{stderr}"
    );
    assert!(stderr.contains("nothing was written"), "{stderr}");
    assert_eq!(store.ok(&["export", "backup"]), before);
}

/// Where each column of a table starts, in cells, from its header (columns are separated by at
/// least two spaces; header names hold single spaces).
fn column_starts(header: &str) -> Vec<usize> {
    let mut starts = vec![0];
    let mut spaces = 0;
    for (i, c) in header.chars().enumerate() {
        if c == ' ' {
            spaces += 1;
        } else {
            if spaces >= 2 {
                starts.push(i);
            }
            spaces = 0;
        }
    }
    starts
}

/// The text of `line` from cell `from` on.
fn from_cell(line: &str, from: usize) -> &str {
    line.char_indices()
        .map(|(i, _)| i)
        .find(|&i| width(&line[..i]) >= from)
        .map_or("", |i| &line[i..])
}

fn table(store: &TestStore, what: &str) -> String {
    let assert = store
        .run(&["list", what, "--edition", "hx-1", "--format", "table"])
        .success();
    let stdout = &assert.get_output().stdout;
    assert_no_raw_controls(&format!("list {what}"), stdout);
    String::from_utf8_lossy(stdout).into_owned()
}

#[test]
fn tables_show_no_control_and_keep_their_columns() {
    let (store, _) = hostile_store();
    let text = table(&store, "submissions");
    let lines: Vec<&str> = text.lines().collect();
    let json = store.submissions("hx-1", &[]);
    assert_eq!(
        lines.len(),
        json.len() + 1,
        "one line per submission:\n{text}"
    );
    let starts = column_starts(lines[0]);
    assert_eq!(starts.len(), 7, "{}", lines[0]);
    let status_at = *starts.last().expect("a status column");
    let widest = status_at + "received".len();
    for (line, row) in lines[1..].iter().zip(&json) {
        assert_eq!(
            width(line),
            widest,
            "every row is as wide as the last column ends: {line}"
        );
        assert_eq!(from_cell(line, status_at), row["status"], "{line}");
        assert_eq!(
            from_cell(line, 0).split_whitespace().next(),
            Some(row["id"].to_string().as_str())
        );
    }
    assert!(text.contains("Long Long Long"), "{text}");
    assert!(
        text.contains(&format!("{}…", "T".repeat(47))),
        "the 10,000-character title is cut to its column:\n{text}"
    );

    for what in ["categories", "jurors", "nominations", "editions"] {
        let text = table(&store, what);
        let lines: Vec<&str> = text.lines().collect();
        let starts = column_starts(lines[0]);
        for line in &lines[1..] {
            for &start in &starts[1..] {
                let before: Vec<char> = from_cell(line, start.saturating_sub(2))
                    .chars()
                    .take(2)
                    .collect();
                assert!(
                    width(line) <= start || before == [' ', ' '],
                    "list {what}: a column does not start where its header does: {line:?}"
                );
            }
        }
    }
}

#[test]
fn json_gives_back_every_character_and_escapes_the_dangerous_ones() {
    let store = raw_store();
    let assert = store
        .run(&[
            "list",
            "submissions",
            "--edition",
            "hx-1",
            "--format",
            "json",
        ])
        .success();
    let stdout = assert.get_output().stdout.clone();
    assert_no_raw_controls("list --format json", &stdout);
    let text = String::from_utf8(stdout).expect("UTF-8");
    assert!(
        text.contains(r#""Raw\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eTitle\u0000\u007f""#),
        "{text}"
    );
    let rows: Vec<Value> = array(serde_json::from_str(&text).expect("one JSON document"));
    let raw = rows
        .iter()
        .find(|r| r["title"].as_str().is_some_and(|t| t.starts_with("Raw")))
        .expect("the raw row");
    assert_eq!(
        raw["title"],
        format!("Raw{ESC}]0;pwned\u{7}{ESC}[2J\u{9b}31m\u{202E}Title\0\u{7f}"),
        "the data comes back as stored"
    );
}

#[test]
fn a_record_holding_raw_controls_is_shown_as_their_pictures() {
    let store = raw_store();
    let text = table(&store, "submissions");
    assert!(text.contains("Raw␛]0;pwned␇␛[2J␛31mTitle␀␡"), "{text}");
    assert!(text.contains("Dir␛[31m ector"), "{text}");
    // CSV is data: the pictures stand in for the controls only; the bidi control stays.
    let csv = store.ok(&[
        "list",
        "submissions",
        "--edition",
        "hx-1",
        "--format",
        "csv",
    ]);
    assert!(
        !csv.chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r')),
        "{csv:?}"
    );
    assert!(
        csv.contains("Raw␛]0;pwned␇␛[2J␛31m\u{202E}Title␀␡"),
        "{csv}"
    );
}

#[test]
fn an_error_quoting_what_was_typed_shows_it_without_obeying_it() {
    let store = TestStore::with_demo();
    let stderr = store.fails(
        1,
        &[
            "list",
            "submissions",
            "--edition",
            &format!("x{ESC}]0;pwned\u{7}{ESC}[2J"),
        ],
    );
    assert_no_raw_controls("the error", stderr.as_bytes());
    assert!(stderr.contains("x␛]0;pwned␇␛[2J"), "{stderr}");
}
