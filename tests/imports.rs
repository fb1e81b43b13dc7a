//! Imports as a secretary runs them (docs/formats.md): the three real files in `tests/fixtures/`
//! (copied with their licences), a FilmFreeway-shaped export with every awkward case of
//! docs/formats.md#filmfreeway-export imported and then re-imported after edits, `--dry-run`,
//! `--skip-bad`, and `export csv` read back. The bad inputs of docs/formats.md#bad-input are in
//! `bad_input.rs`.
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
use predicates::prelude::*;
use serde_json::Value;

fn backup(store: &TestStore) -> String {
    store.ok(&["export", "backup"])
}

/// The counts in an import's summary line: "…: 3 added, 1 updated, …" → [("added", 3), …].
fn counts(stdout: &str) -> Vec<(String, u64)> {
    let line = stdout.lines().next().unwrap_or_default();
    let tail = line.split_once(": ").map_or("", |(_, t)| t);
    let tail = tail.split(';').next().unwrap_or_default();
    tail.split(", ")
        .filter_map(|part| {
            let (n, name) = part.trim().split_once(' ')?;
            Some((name.to_string(), n.parse().ok()?))
        })
        .collect()
}

fn count(stdout: &str, name: &str) -> u64 {
    counts(stdout)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no count '{name}' in {stdout}"))
        .1
}

fn rows(store: &TestStore, what: &str, edition: &str, extra: &[&str]) -> Vec<Value> {
    let mut args = vec!["list", what, "--edition", edition, "--format", "json"];
    args.extend_from_slice(extra);
    array(store.json(&args))
}

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------------------
// the real files

#[test]
fn the_oscars_file_imports_completely_and_twice_adds_nothing() {
    let store = TestStore::empty();
    let file = fixture_file("the_oscar_award.csv");
    let first = store.ok(&["import", "oscars", &file]);
    assert_eq!(count(&first, "editions added"), 97, "{first}");
    assert_eq!(count(&first, "nominations added"), 11_110, "{first}");

    let editions = store.editions(&["--query", "oscars"]);
    assert_eq!(editions.len(), 97);
    let first_ceremony = editions.iter().find(|e| e["code"] == "oscars-1").unwrap();
    assert_eq!(first_ceremony["year"], 1928);
    assert_eq!(first_ceremony["festival_name"], "Academy Awards");

    // The 1st ceremony: Emil Jannings won for two films, Janet Gaynor for three, Wings the top prize.
    let awards = rows(&store, "awards", "oscars-1", &[]);
    let winners = |category: &str| -> Vec<String> {
        let award = awards
            .iter()
            .find(|a| a["category"] == category)
            .unwrap_or_else(|| panic!("no award in {category}"));
        strings(&award["winners"])
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    assert_eq!(
        winners("ACTOR"),
        [
            "Emil Jannings (The Last Command)",
            "Emil Jannings (The Way of All Flesh)"
        ]
    );
    assert_eq!(winners("ACTRESS").len(), 3);
    assert_eq!(
        winners("OUTSTANDING PICTURE"),
        ["Paramount Famous Lasky (Wings)"]
    );

    // The 97th: the foreign-language category names countries, which become the films' countries.
    let awards = rows(&store, "awards", "oscars-97", &[]);
    let international = awards
        .iter()
        .find(|a| a["category"] == "INTERNATIONAL FEATURE FILM")
        .unwrap();
    assert_eq!(strings(&international["winners"]), ["I'm Still Here"]);
    let film = find(&store.submissions("oscars-97", &[]), "I'm Still Here").clone();
    assert_eq!(strings(&film["countries"]), ["Brazil"]);
    // An honorary award with no film is labelled by the honoree's name alone.
    let honorary = awards
        .iter()
        .find(|a| a["category"] == "HONORARY AWARD")
        .unwrap();
    assert!(
        strings(&honorary["winners"]).contains(&"Quincy Jones"),
        "{honorary}"
    );
    // Escaped quotes in a name survive (4th ceremony, cinematography, for Svengali).
    let nominations = rows(&store, "nominations", "oscars-4", &[]);
    assert!(
        nominations
            .iter()
            .any(|n| n["label"] == "Barney \"Chick\" McGill (Svengali)"),
        "no Barney \"Chick\" McGill among the 4th ceremony's nominees"
    );

    let log = store.log().len();
    let second = store.ok(&["import", "oscars", &file]);
    assert_eq!(count(&second, "nominations added"), 0, "{second}");
    assert_eq!(
        count(&second, "rows already in the store"),
        11_110,
        "{second}"
    );
    assert_eq!(store.log().len(), log, "a second import changes nothing");
    store.ok(&["check"]);
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

const CANNES_MAP: [&str; 6] = [
    "--map",
    "directors=director",
    "--map",
    "countries=countries_of_origin",
    "--map",
    "runtime=run_time",
];

#[test]
fn the_cannes_file_imports_completely_with_original_titles() {
    let store = cannes_store();
    let file = fixture_file("cannes_competition_films.csv");
    let mut args = vec!["import", "csv", file.as_str(), "--edition", "cannes-78"];
    args.extend_from_slice(&CANNES_MAP);
    let out = store.ok(&args);
    assert_eq!(count(&out, "added"), 1873, "{out}");

    let all = store.submissions("cannes-78", &[]);
    assert_eq!(all.len(), 1873);
    let film = find(&all, "Sentimental Value");
    assert_eq!(film["original_title"], "Affeksjonsverdi");
    assert_eq!(strings(&film["directors"]), ["Joachim Trier"]);
    assert_eq!(
        strings(&film["countries"]),
        ["NO", "FR", "DE", "DK", "SE", "GB"]
    );
    assert_eq!(film["runtime_minutes"], 135);
    assert_eq!(
        film["notes"],
        "imdb_url: https://www.imdb.com/title/tt27714581/"
    );
    // A title with a trailing space is stored trimmed; several directors are split.
    let musketeers = find(&all, "The Three Musketeers");
    assert_eq!(musketeers["original_title"], "Los tres mosqueteros");
    assert!(
        all.iter()
            .any(|r| strings(&r["directors"]) == ["Jean Cocteau", "René Clément"])
    );

    // Again: every row is found (by film, as the sheet has no ids) and nothing changes.
    let again = store.ok(&args);
    assert_eq!(count(&again, "unchanged"), 1873, "{again}");
}

#[test]
fn the_iran_file_keeps_persian_titles_with_their_zero_width_non_joiners() {
    let store = TestStore::empty();
    store.ok(&[
        "festival",
        "add",
        "--code",
        "fajr",
        "--name",
        "Fajr Film Festival",
    ]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "fajr",
        "--number",
        "1",
        "--year",
        "1983",
    ]);
    let file = fixture_file("iran_films_fa_en.csv");
    let out = store.ok(&[
        "import",
        "csv",
        &file,
        "--edition",
        "fajr-1",
        "--separator",
        "|",
        "--map",
        "title=title_en",
        "--map",
        "title=title_fa",
        "--map",
        "original_title=title_fa",
        "--map",
        "directors=directors_en",
        "--map",
        "external_id=wikidata_id",
    ]);
    assert_eq!(count(&out, "added"), 1663, "{out}");

    let found = store.submissions("fajr-1", &["--query", "بچه های آسمان"]);
    let film = find(&found, "Children of Heaven");
    assert_eq!(film["original_title"], "بچه\u{200C}های آسمان", "ZWNJ kept");
    assert_eq!(film["external_id"], "Q339804");
    assert_eq!(strings(&film["directors"]), ["Majid Majidi"]);
    // A film with no English title is entered under its Persian one, Persian digits and all.
    let all = store.submissions("fajr-1", &[]);
    assert!(all.iter().any(|r| r["title"] == "مومیایی ۳"));
}

// ---------------------------------------------------------------------------------------------------
// FilmFreeway

#[test]
fn a_filmfreeway_export_imports_then_a_newer_one_updates_it() {
    let store = TestStore::with_demo();
    let v1 = fixture_file("filmfreeway/export_v1.csv");
    let v2 = fixture_file("filmfreeway/export_v2.csv");
    let story_film = find(&store.submissions("fajr-43", &[]), STORY_TITLE)["film_id"].clone();

    let first = store.ok(&["import", "filmfreeway", &v1, "--edition", "riff-18"]);
    assert_eq!(count(&first, "added"), 8, "{first}");
    assert_eq!(
        count(&first, "linked to films already in the store"),
        1,
        "{first}"
    );

    let rows = store.submissions("riff-18", &[]);
    let rain = find(&rows, "Children of the Rain");
    assert_eq!(rain["original_title"], "بچه\u{200C}های باران");
    assert_eq!(strings(&rain["directors"]), ["Leila Ahmadi", "Omid Rahimi"]);
    assert_eq!(
        strings(&rain["cast"]),
        ["Sara Amini", "Barney \"Chick\" McGill"]
    );
    assert_eq!(strings(&rain["countries"]), ["Iran", "France"]);
    assert_eq!(rain["runtime_minutes"], 92, "1:32:05");
    assert_eq!(rain["year"], 2024);
    assert_eq!(rain["submitted"], "2024-10-07");
    assert_eq!(rain["section"], "International Competition, First Films");
    assert_eq!(rain["status"], "shortlisted");
    assert_eq!(rain["original_status"], "In Consideration / Semi-Finalist");
    assert_eq!(
        rain["notes"],
        "Screener received.\nTracking Number: FFT-0001\nRating: 4.5\nHow did you hear about us?: From a friend,\nthen on Instagram\nIs this a world premiere?: Yes"
    );
    // The multi-line synopsis keeps its lines (CRLF in the file, LF stored); `export csv` shows it.
    let sheet = store.ok(&["export", "csv", "--edition", "riff-18"]);
    assert!(
        sheet.contains("\"Two sisters wait for the rain.\nTheir father says \"\"soon\"\".\n\nIt does not come.\""),
        "{sheet}"
    );

    let status = |title: &str| find(&rows, title)["status"].as_str().unwrap().to_string();
    assert_eq!(
        status("Salt Line"),
        "withdrawn",
        "Withdrawn wins over Finalist"
    );
    assert_eq!(status("Paper Boats"), "disqualified");
    assert_eq!(status("Quiet Harbour"), "received");
    assert_eq!(status("The Long Winter"), "not-selected");
    assert_eq!(find(&rows, "Salt Line")["runtime_minutes"], 15, "0:14:30");
    assert_eq!(find(&rows, "Salt Line")["submitted"], "2024-10-20");
    assert_eq!(
        find(&rows, "North from South West")["submitted"],
        "2024-10-12"
    );
    assert_eq!(
        find(&rows, "North from South West")["film_id"],
        story_film,
        "linked, not duplicated"
    );
    let blue: Vec<&Value> = rows.iter().filter(|r| r["title"] == "Blue Hour").collect();
    assert_eq!(
        blue.len(),
        2,
        "one film entered in two categories is two submissions"
    );
    assert_eq!(blue[0]["film_id"], blue[1]["film_id"], "of one film");

    let same = store.ok(&["import", "filmfreeway", &v1, "--edition", "riff-18"]);
    assert_eq!(count(&same, "unchanged"), 8, "{same}");
    assert_eq!(count(&same, "added") + count(&same, "updated"), 0, "{same}");

    let newer = store.ok(&["import", "filmfreeway", &v2, "--edition", "riff-18"]);
    assert_eq!(
        counts(&newer)[..3],
        [
            ("added".to_string(), 1),
            ("updated".to_string(), 2),
            ("unchanged".to_string(), 6)
        ],
        "{newer}"
    );
    let rows = store.submissions("riff-18", &[]);
    assert_eq!(find(&rows, "Children of the Rain")["status"], "selected");
    assert_eq!(
        find(&rows, "Children of the Rain")["original_status"],
        "In Consideration / Selected"
    );
    assert_eq!(find(&rows, "Glass Orchard")["year"], 2024);
    store.ok(&["check"]);
    let log = store.ok(&["log", "--verify"]);
    assert!(log.contains("hash chain verified"), "{log}");
}

#[test]
fn a_dry_run_shows_what_would_change_and_writes_nothing() {
    let store = TestStore::with_demo();
    let before = backup(&store);
    let out = store.ok(&[
        "import",
        "filmfreeway",
        &fixture_file("filmfreeway/export_v1.csv"),
        "--edition",
        "riff-18",
        "--dry-run",
    ]);
    assert!(out.starts_with("dry run, nothing written"), "{out}");
    assert!(
        out.contains("added (8):\n  line 2: Children of the Rain"),
        "{out}"
    );
    assert!(out.contains("… and 3 more"), "{out}");
    assert_eq!(backup(&store), before);
}

#[test]
fn skip_bad_imports_the_good_rows_and_says_which_were_skipped() {
    let store = TestStore::with_demo();
    store
        .run(&[
            "import",
            "filmfreeway",
            &fixture_file("bad/impossible_date.csv"),
            "--edition",
            "riff-18",
            "--skip-bad",
        ])
        .success()
        .stdout(
            predicate::str::contains("1 added")
                .and(predicate::str::contains("1 bad row(s) skipped")),
        )
        .stderr(
            predicate::str::contains("skipped: ")
                .and(predicate::str::contains(":3:6: column 'Submission Date'")),
        );
    let rows = store.submissions("riff-18", &[]);
    assert!(rows.iter().any(|r| r["title"] == "Good Film"));
    assert!(!rows.iter().any(|r| r["title"] == "Leap Film"));
}

/// Rows are checked and staged one at a time (BENCHMARKS.md, "Third session"): a bad row between good
/// ones, a reader's problem and a desk's (the same film twice with no outside id), must still be all or
/// nothing without `--skip-bad`, and skip exactly the bad rows with it, keeping the first of the pair.
#[test]
fn bad_rows_among_good_ones_refuse_the_import_or_are_skipped_alone() {
    let store = TestStore::with_one_edition("imp", "Import");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("rows.csv");
    std::fs::write(
        &file,
        "title,directors,year,submitted,external_id\n\
         First,Ann Lee,2024,2025-01-02,\n\
         Twice,Bo Ek,2023,,\n\
         Middle,Cy Do,2022,2025-02-30,m-1\n\
         Twice,Bo Ek,2023,,\n\
         Last,Di Fu,2021,,l-1\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let before = backup(&store);

    let refused = store
        .run(&["import", "csv", file, "--edition", "imp-1"])
        .failure();
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert!(stderr.contains("rows.csv:4:"), "{stderr}");
    assert!(
        stderr.contains("rows.csv:5: the same film as line 3"),
        "{stderr}"
    );
    assert_eq!(backup(&store), before, "nothing written");

    let out = store.ok(&["import", "csv", file, "--edition", "imp-1", "--skip-bad"]);
    assert!(out.contains("3 added"), "{out}");
    let titles: Vec<String> = store
        .submissions("imp-1", &[])
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles.len(), 3, "{titles:?}");
    for title in ["First", "Twice", "Last"] {
        assert!(titles.iter().any(|t| t == title), "{titles:?}");
    }
}

// ---------------------------------------------------------------------------------------------------
// export csv

#[test]
fn export_csv_imports_again_without_a_mapping_and_loses_nothing() {
    let store = TestStore::with_demo();
    store.ok(&[
        "import",
        "filmfreeway",
        &fixture_file("filmfreeway/export_v1.csv"),
        "--edition",
        "riff-18",
    ]);
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("riff-18.csv");
    store.ok(&[
        "export",
        "csv",
        "--edition",
        "riff-18",
        "--out",
        sheet.to_str().unwrap(),
    ]);

    let other = TestStore::empty();
    other.ok(&["festival", "add", "--code", "riff", "--name", "Resistance"]);
    other.ok(&[
        "edition",
        "add",
        "--festival",
        "riff",
        "--number",
        "18",
        "--year",
        "2025",
    ]);
    let out = other.ok(&[
        "import",
        "csv",
        sheet.to_str().unwrap(),
        "--edition",
        "riff-18",
    ]);
    let original = store.submissions("riff-18", &[]);
    assert_eq!(count(&out, "added"), original.len() as u64, "{out}");

    let comparable = |rows: Vec<Value>| -> Vec<Value> {
        rows.into_iter()
            .map(|mut r| {
                let object = r.as_object_mut().unwrap();
                object.remove("id");
                object.remove("film_id");
                r
            })
            .collect()
    };
    assert_eq!(
        comparable(other.submissions("riff-18", &[])),
        comparable(original)
    );

    // And over the same edition, every row is found again and nothing changes.
    let again = store.ok(&[
        "import",
        "csv",
        sheet.to_str().unwrap(),
        "--edition",
        "riff-18",
    ]);
    assert_eq!(
        count(&again, "added") + count(&again, "updated"),
        0,
        "{again}"
    );
}
