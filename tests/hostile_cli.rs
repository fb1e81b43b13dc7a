//! Hostile data on the command line (docs/formats.md#bad-input, docs/text.md): titles and names
//! holding escape sequences, bidi overrides, NUL bytes, lone carriage returns and backspaces,
//! combining stacks, wide CJK and emoji, imported through `import filmfreeway`, `import csv --map` and
//! `submission add`, then listed.
//!
//! What each class does:
//! - escape sequences (CSI, OSC title and clipboard, their C1 forms): removed whole on the way in,
//!   with a warning naming the cell;
//! - other control characters (NUL, BEL, backspace, DEL, C1): removed with a warning; line breaks and
//!   tabs in a one-line field become spaces;
//! - bidi embeddings, overrides and isolates: removed with a warning; direction marks removed;
//! - a title over 1,000 characters (`MAX_LINE_CHARS`): refused whichever way it comes in, a file
//!   naming the cell, the command line naming the field; one of 1,000 is kept, and cut when shown;
//! - combining stacks, CJK and emoji: stored as typed.
//!
//! Whatever is stored, `list --format table` shows no control byte and keeps its columns, and
//! `--format json` gives back every character, the dangerous ones as `\uXXXX` escapes.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;
mod hostile_fixtures;

use common::*;
use hostile_fixtures::*;
use jurydesk::text::{is_bidi_control, width};
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
        &longest_title(),
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
        row(&longest_title())["directors"],
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
        "the 1,000-character title is cut to its column:\n{text}"
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

/// Runs a command that must succeed; neither its stdout nor its stderr may hold a raw control.
/// Returns both.
fn said(store: &TestStore, args: &[&str]) -> (String, String) {
    let assert = store.run(args).success();
    let output = assert.get_output();
    assert_no_raw_controls(&format!("{args:?}: stdout"), &output.stdout);
    assert_no_raw_controls(&format!("{args:?}: stderr"), &output.stderr);
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// The raw title of `raw_store`, as every message must show it.
const RAW_TITLE_SHOWN: &str = "Raw␛]0;pwned␇␛[2J␛31mTitle␀␡";
/// The raw category name of `raw_store`, as every message must show it.
const RAW_CATEGORY_SHOWN: &str = "Best␛[2J␈␈Film";

fn id_of(rows: &[Value], pick: impl Fn(&str) -> bool, field: &str) -> String {
    rows.iter()
        .find(|r| r[field].as_str().is_some_and(&pick))
        .unwrap_or_else(|| panic!("no row whose {field} fits"))["id"]
        .to_string()
}

#[test]
fn messages_quoting_stored_names_show_them_without_obeying_them() {
    let store = raw_store();
    let rows = store.submissions("hx-1", &[]);
    let raw = id_of(&rows, |t| t.starts_with("Raw"), "title");
    let long = id_of(&rows, |t| t.len() == 10_000, "title");
    let categories = array(store.json(&[
        "list",
        "categories",
        "--edition",
        "hx-1",
        "--format",
        "json",
    ]));
    let best = id_of(&categories, |n| n.starts_with("Best"), "name");
    let raw_category = format!("Best{ESC}[2J\u{8}\u{8}Film");

    // The audit action quotes the title; undo quotes the action.
    let (out, _) = said(&store, &["submission", "delete", &raw]);
    assert_eq!(out, format!("deleted submission {raw}\n"));
    let (out, _) = said(&store, &["undo"]);
    assert!(
        out.contains(&format!("submission delete {raw} \"{RAW_TITLE_SHOWN}\"")),
        "{out}"
    );

    let (out, _) = said(
        &store,
        &[
            "nominate",
            "--edition",
            "hx-1",
            "--category",
            &best,
            "--submission",
            &raw,
        ],
    );
    assert_eq!(out, format!("nominated {RAW_TITLE_SHOWN} as number 4\n"));

    // A reference typed as the raw name (the way a script might pass on what it read) is echoed.
    let (out, _) = said(
        &store,
        &[
            "ballot",
            "set",
            "--edition",
            "hx-1",
            "--category",
            &raw_category,
            "--juror",
            "Juror Zed",
            "--rank",
            "4 > 1",
        ],
    );
    assert!(
        out.ends_with(&format!("of Juror Zed in {RAW_CATEGORY_SHOWN}\n")),
        "{out}"
    );

    let (out, _) = said(&store, &["tally", "--edition", "hx-1", "--category", &best]);
    assert!(out.starts_with(RAW_CATEGORY_SHOWN), "{out}");
    assert!(out.contains(RAW_TITLE_SHOWN), "{out}");

    let (out, _) = said(
        &store,
        &[
            "award",
            "--edition",
            "hx-1",
            "--category",
            &best,
            "--winner",
            "4",
            "--reason",
            &format!("the jury {ESC}]0;agreed\u{7}"),
        ],
    );
    assert_eq!(
        out,
        format!("{RAW_CATEGORY_SHOWN}: awarded to {RAW_TITLE_SHOWN}\n")
    );

    let (out, _) = said(&store, &["palmares", "--edition", "hx-1"]);
    assert!(
        out.contains(&format!("{RAW_CATEGORY_SHOWN}: {RAW_TITLE_SHOWN}")),
        "{out}"
    );
    assert!(out.contains("Hostile␛]0;pwned␇Fest"), "{out}");

    let (out, _) = said(
        &store,
        &[
            "rules",
            "set",
            "--edition",
            "hx-1",
            "--one-prize-per-film",
            "yes",
            "--combinable",
            &best,
        ],
    );
    assert!(
        out.contains(&format!("combinable: {RAW_CATEGORY_SHOWN}")),
        "{out}"
    );
    let (out, _) = said(&store, &["rules", "show", "--edition", "hx-1"]);
    assert!(out.contains(RAW_CATEGORY_SHOWN), "{out}");

    let (out, _) = said(
        &store,
        &[
            "category",
            "edit",
            "--edition",
            "hx-1",
            "--category",
            &best,
            "--prize",
            "Golden",
        ],
    );
    assert!(
        out.starts_with(&format!("changed category {best}: BestFilm ")),
        "an edit stores the name cleaned: {out}"
    );

    // A juror credited on the 10,000-character title is warned of on stderr: the whole title,
    // shown safely, and no panic.
    let (out, err) = said(
        &store,
        &[
            "juror",
            "add",
            "--edition",
            "hx-1",
            "--name",
            "Ten Thousand",
        ],
    );
    assert!(out.starts_with("added juror"), "{out}");
    assert!(
        err.contains(&format!("on '{}'", ten_thousand())),
        "the credit warning names the film"
    );
    let (out, _) = said(
        &store,
        &[
            "juror",
            "recuse",
            "--edition",
            "hx-1",
            "--juror",
            "Ten Thousand",
            "--submission",
            &long,
            "--reason",
            "directed it",
        ],
    );
    assert_eq!(
        out,
        format!("Ten Thousand is recused from submission {long}\n")
    );

    // Editing the raw record stores it cleaned, and says so with the cleaned title.
    let (out, _) = said(&store, &["submission", "edit", &raw, "--notes", "checked"]);
    assert_eq!(out, format!("changed submission {raw}: RawTitle\n"));
}

#[test]
fn messages_quoting_typed_names_and_file_names_show_them_without_obeying_them() {
    let (store, _) = hostile_store();
    let (out, _) = said(
        &store,
        &[
            "submission",
            "add",
            "--edition",
            "hx-1",
            "--title",
            &format!("Evil{ESC}]0;pwned\u{7}\u{9b}31m\u{202E} Twin"),
        ],
    );
    assert!(out.ends_with(": Evil Twin (hx-1)\n"), "{out}");
    let (out, _) = said(
        &store,
        &[
            "festival",
            "add",
            "--code",
            "hy",
            "--name",
            &format!("Hy{ESC}[2J\u{202E}Fest"),
        ],
    );
    assert_eq!(out, "added festival hy: HyFest\n");

    // File names are typed: they are quoted as shown, never obeyed.
    let dir = tempfile::tempdir().expect("a directory");
    let hostile_name = format!("ballots{ESC}]0;pwned\u{7}\u{9b}2J\u{202E}.csv");
    let ballots = dir.path().join(&hostile_name);
    std::fs::write(
        &ballots,
        "category,juror,ranking\nBest Film,Juror Zed,Typed Title > Window Title\n",
    )
    .expect("the ballots file");
    let path = ballots.to_str().expect("a UTF-8 path");
    let (out, _) = said(&store, &["import", "ballots", path, "--edition", "hx-1"]);
    assert!(out.contains("ballots␛]0;pwned␇␛2J.csv into hx-1"), "{out}");
    let (out, _) = said(
        &store,
        &[
            "import",
            "filmfreeway",
            &fixture("filmfreeway.csv"),
            "--edition",
            "hx-1",
            "--dry-run",
        ],
    );
    assert!(out.starts_with("dry run, nothing written"), "{out}");
    let export = dir.path().join(format!("out{ESC}[31m\u{85}.csv"));
    let (_, err) = said(
        &store,
        &[
            "export",
            "csv",
            "--edition",
            "hx-1",
            "--out",
            export.to_str().expect("a UTF-8 path"),
        ],
    );
    assert!(err.contains("out␛[31m .csv"), "{err}");
}

#[test]
fn a_title_longer_than_any_import_takes_is_refused_on_the_command_line_too() {
    use jurydesk::domain::MAX_LINE_CHARS;
    let (store, _) = hostile_store();
    let too_long = "T".repeat(MAX_LINE_CHARS + 1);
    let stderr = store.fails(
        1,
        &[
            "submission",
            "add",
            "--edition",
            "hx-1",
            "--title",
            &too_long,
        ],
    );
    assert_eq!(
        stderr,
        format!(
            "jurydesk: title: is {} characters long; at most {MAX_LINE_CHARS} fit a one-line field\n",
            MAX_LINE_CHARS + 1
        ),
        "the error names the field and the limit, and does not quote the title back"
    );

    // The same limit in a file: the longest title is taken, one character more is refused.
    let dir = tempfile::tempdir().expect("a directory");
    let sheet = |name: &str, title: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, format!("Titel\n{title}\n")).expect("the sheet");
        path.display().to_string()
    };
    let import = |path: &str| {
        vec![
            "import".to_string(),
            "csv".into(),
            path.into(),
            "--edition".into(),
            "hx-1".into(),
            "--map".into(),
            "title=Titel".into(),
        ]
    };
    let refused = sheet("refused.csv", &too_long);
    let args = import(&refused);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let stderr = store.fails(1, &args);
    assert!(
        stderr.contains(&format!(
            "column 'Titel': is {} characters long; at most {MAX_LINE_CHARS} fit a one-line field",
            MAX_LINE_CHARS + 1
        )),
        "{stderr}"
    );
    let longest = format!("{}S", "T".repeat(MAX_LINE_CHARS - 1));
    let taken = sheet("taken.csv", &longest);
    let args = import(&taken);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    store.ok(&args);
    assert!(titles_of(&store).contains(&longest));
}

#[test]
fn a_backup_holding_raw_text_is_restored_cleaned_and_each_cleaning_named() {
    let raw = raw_store();
    // A backup must keep the length limits (docs/architecture.md#integrity), which no cleaning can
    // restore: the raw store's 10,000-character title is shortened first, with `submission edit`
    // (logged).
    let long = raw
        .submissions("hx-1", &[])
        .into_iter()
        .find(|r| {
            r["title"]
                .as_str()
                .is_some_and(|t| t.chars().count() > jurydesk::domain::MAX_LINE_CHARS)
        })
        .expect("the long film");
    let id = long["id"].to_string();
    raw.ok(&[
        "submission",
        "edit",
        &id,
        "--title",
        "Long Title, Shortened",
    ]);
    let logged_before = raw.log().len();
    let backup = raw.ok(&["export", "backup"]);
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("edited.json");
    std::fs::write(&file, &backup).expect("the backup");
    let file = file.to_str().expect("a UTF-8 path");

    let restored = TestStore::empty();
    let (out, err) = said(&restored, &["import", "backup", file]);
    assert!(out.starts_with("restored "), "{out}");
    for field in [
        "records.festival[0].name: removed 1 terminal escape sequence(s) and bidi control characters",
        ".title: removed 3 terminal escape sequence(s), control characters and bidi control characters",
        ".directors[0]: removed 1 terminal escape sequence(s) and control characters",
        ".name: removed 1 terminal escape sequence(s) and control characters",
    ] {
        assert!(
            err.lines().any(|l| l.starts_with("warning: ")
                && l.contains("edited.json: records.")
                && l.contains(field)),
            "no warning {field}:\n{err}"
        );
    }
    assert_eq!(
        err.lines().count(),
        4,
        "one warning per field cleaned:\n{err}"
    );

    let rows = restored.submissions("hx-1", &[]);
    let cleaned = find(&rows, "RawTitle");
    assert_eq!(cleaned["directors"], serde_json::json!(["Dir ector"]));
    assert_eq!(restored.editions(&[])[0]["festival_name"], "HostileFest");
    let categories = array(restored.json(&[
        "list",
        "categories",
        "--edition",
        "hx-1",
        "--format",
        "json",
    ]));
    assert!(categories.iter().any(|c| c["name"] == "BestFilm"));
    for row in &rows {
        let title = row["title"].as_str().expect("a title");
        assert!(
            !title.chars().any(|c| c.is_control() || is_bidi_control(c)),
            "{title:?}"
        );
    }
    // The log is the backed-up log with the cleaning as one more entry: it verifies, and every
    // record is what it last wrote.
    restored.ok(&["log", "--verify"]);
    restored.ok(&["check"]);
    let log = restored.log();
    assert_eq!(log.len(), logged_before + 1, "the cleaning is logged once");
    assert!(
        log[0]["action"]
            .as_str()
            .is_some_and(|a| a.contains("removed from the text of 3 record(s)")),
        "{:#}",
        log[0]
    );

    // What was restored cleaned comes back byte for byte, with nothing more to clean.
    let again = restored.ok(&["export", "backup"]);
    std::fs::write(dir.path().join("again.json"), &again).expect("the second backup");
    let third = TestStore::empty();
    let (_, err) = said(
        &third,
        &[
            "import",
            "backup",
            dir.path()
                .join("again.json")
                .to_str()
                .expect("a UTF-8 path"),
        ],
    );
    assert_eq!(err, "", "nothing left to clean");
    assert_eq!(third.ok(&["export", "backup"]), again);
}
