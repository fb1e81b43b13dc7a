//! Screening rounds through the command line (docs/screening.md, issue 15): seating a committee,
//! assigning, rating, packets filled in elsewhere, the leaderboard, closing, undo and reopening.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use common::*;
use serde_json::Value;

const E: &str = "cannes-78";
const FORM: &str = "Story:1-10:2, Craft:1-10:1, Sound:1-10/0.5:1:na";

/// Thirty films of the Cannes list, four screeners (B recused from submission 3), round 1 added.
fn committee() -> TestStore {
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
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cannes_30.csv");
    store.ok(&[
        "import",
        "csv",
        fixture.to_str().unwrap(),
        "--edition",
        E,
        "--map",
        "directors=director",
        "--map",
        "countries=countries_of_origin",
        "--map",
        "runtime=run_time",
    ]);
    for name in ["Ana", "Ben", "Chloé", "Dev"] {
        store.ok(&[
            "screening",
            "screener",
            "add",
            "--edition",
            E,
            "--name",
            name,
        ]);
    }
    store.ok(&[
        "screening",
        "screener",
        "recuse",
        "--edition",
        E,
        "--screener",
        "Ben",
        "--submission",
        "3",
        "--reason",
        "his sister edited it",
    ]);
    let out = store.ok(&[
        "screening",
        "round",
        "add",
        "--edition",
        E,
        "--criteria",
        FORM,
        "--coverage",
        "2",
    ]);
    assert!(out.contains("added screening round 1"), "{out}");
    assert!(out.contains("30 film(s)"), "{out}");
    store
}

/// `screening assign` of round 1 with a seed; returns what it printed.
fn assign(store: &TestStore, seed: &str) -> String {
    store.ok(&[
        "screening",
        "assign",
        "--edition",
        E,
        "--round",
        "1",
        "--seed",
        seed,
    ])
}

/// `screening import-ratings FILE` into round 1; returns what it printed.
fn import(store: &TestStore, file: &str) -> String {
    store.ok(&[
        "screening",
        "import-ratings",
        file,
        "--edition",
        E,
        "--round",
        "1",
    ])
}

fn progress(store: &TestStore, round: &str) -> Value {
    store.json(&[
        "screening",
        "progress",
        "--edition",
        E,
        "--round",
        round,
        "--format",
        "json",
    ])
}

fn board(store: &TestStore, extra: &[&str]) -> Vec<Value> {
    let mut args = vec![
        "screening",
        "board",
        "--edition",
        E,
        "--round",
        "1",
        "--format",
        "json",
    ];
    args.extend_from_slice(extra);
    array(store.json(&args))
}

fn packet(store: &TestStore, screener: &str, dir: &Path) -> std::path::PathBuf {
    let path = dir.join(format!("{screener}.csv"));
    store.ok(&[
        "screening",
        "packet",
        "--edition",
        E,
        "--round",
        "1",
        "--screener",
        screener,
        "--out",
        path.to_str().unwrap(),
    ]);
    path
}

/// Fills every row of a packet as a spreadsheet would: the criteria columns from `score(id)`.
fn fill(path: &Path, score: impl Fn(u64) -> [&'static str; 3]) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (story, craft, sound, comment) = (col("Story"), col("Craft"), col("Sound"), col("comment"));
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let mut row: Vec<String> = record.unwrap().iter().map(String::from).collect();
        let [a, b, c] = score(row[0].parse().unwrap());
        row[story] = a.into();
        row[craft] = b.into();
        row[sound] = c.into();
        row[comment] = "seen at home".into();
        rows.push(row);
    }
    let mut writer = csv::Writer::from_path(path).unwrap();
    writer.write_record(&header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    writer.flush().unwrap();
}

#[test]
fn assignment_covers_every_film_with_balanced_loads_and_no_conflict() {
    let store = committee();
    let twin = store.duplicate();
    let out = assign(&store, "7");
    assert!(
        out.contains("assigned 60 film(s) in round 1 (seed 7)"),
        "{out}"
    );
    assert!(
        out.contains("loads: Ana 15, Ben 15, Chloé 15, Dev 15"),
        "{out}"
    );
    let p = progress(&store, "1");
    let films = p["submissions"].as_array().unwrap();
    assert_eq!(films.len(), 30);
    for film in films {
        assert_eq!(film["assigned"], 2, "{film}");
        let names: HashSet<&str> = film["screeners"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 2);
        if film["id"] == 3 {
            assert!(
                !names.contains("Ben"),
                "a recused screener got the film: {film}"
            );
        }
    }
    // Same seed, same store: the same assignments.
    assign(&twin, "7");
    assert_eq!(progress(&twin, "1"), p);
    // A second run has nothing left to assign.
    let again = assign(&store, "8");
    assert!(again.contains("assigned 0 film(s)"), "{again}");
}

#[test]
fn a_film_without_enough_free_screeners_is_named() {
    let store = committee();
    store.ok(&[
        "screening",
        "round",
        "add",
        "--edition",
        E,
        "--verdicts",
        "--coverage",
        "4",
    ]);
    let out = store.ok(&["screening", "assign", "--edition", E, "--round", "2"]);
    assert!(
        out.contains("1 film(s) could not get all their screeners"),
        "{out}"
    );
    assert!(out.contains("submission 3"), "{out}");
    assert!(
        out.contains("Ben is recused (his sister edited it)"),
        "{out}"
    );
}

#[test]
fn rating_checks_the_form_the_assignment_and_the_scale() {
    let store = committee();
    assign(&store, "7");
    let p = progress(&store, "1");
    let film = &p["submissions"][0];
    let id = film["id"].to_string();
    let who = film["screeners"][0].as_str().unwrap().to_string();
    let other = ["Ana", "Ben", "Chloé", "Dev"]
        .into_iter()
        .find(|n| !film["screeners"].as_array().unwrap().iter().any(|s| s == n))
        .unwrap();
    let rate = |screener: &str, score: &str| {
        vec![
            "screening".to_string(),
            "rate".into(),
            "--edition".into(),
            E.into(),
            "--round".into(),
            "1".into(),
            "--screener".into(),
            screener.into(),
            "--submission".into(),
            id.clone(),
            "--score".into(),
            score.into(),
        ]
    };
    let args = rate(&who, "Story=8, Craft=7, Sound=n/a");
    let out = store.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    // (2×8 + 1×7) / 3 with Sound's weight given to the others.
    assert!(out.contains("7.67"), "{out}");
    for (screener, score, says) in [
        (other, "Story=8, Craft=7, Sound=5", "is not assigned to"),
        (who.as_str(), "Story=11, Craft=7, Sound=5", "off the scale"),
        (who.as_str(), "Story=8, Craft=7.5, Sound=5", "off the scale"),
        (
            who.as_str(),
            "Story=8, Craft=n/a, Sound=5",
            "must be scored",
        ),
        (who.as_str(), "Story=8, Sound=5", "'Craft' is not scored"),
    ] {
        let args = rate(screener, score);
        let err = store.fails(1, &args.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(err.contains(says), "{score}: {err}");
    }
    // Sound allows half points.
    let args = rate(&who, "Story=8, Craft=7, Sound=6.5");
    store.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn packets_round_trip_and_bad_packets_change_nothing() {
    let store = committee();
    assign(&store, "7");
    let dir = tempfile::tempdir().unwrap();
    let ana = packet(&store, "Ana", dir.path());
    let text = std::fs::read_to_string(&ana).unwrap();
    assert!(text.starts_with("id,title,original title,directors,runtime,synopsis,link,Story,Craft,Sound,comment,screener\n"), "{text}");
    assert!(
        text.contains("https://www.imdb.com/title/"),
        "the link comes from the notes: {text}"
    );
    assert_eq!(text.lines().count(), 16);
    fill(&ana, |id| {
        if id % 2 == 0 {
            ["8", "7", "n/a"]
        } else {
            ["5", "6", "6.5"]
        }
    });
    let out = import(&store, ana.to_str().unwrap());
    assert!(out.contains("imported 15 rating(s)"), "{out}");
    // Round trip: the packet now carries the ratings, and reading it again changes nothing.
    let again = packet(&store, "Ana", dir.path());
    let refilled = std::fs::read_to_string(&again).unwrap();
    assert!(refilled.contains(",8,7,n/a,seen at home,Ana"), "{refilled}");
    let before = store.log().len();
    import(&store, again.to_str().unwrap());
    assert_eq!(
        store.log().len(),
        before,
        "an unchanged packet writes nothing"
    );

    // Every bad packet names file:line:column and writes nothing.
    let ben = packet(&store, "Ben", dir.path());
    let name = ben.to_str().unwrap().to_string();
    let original = std::fs::read_to_string(&ben).unwrap();
    let lines: Vec<&str> = original.lines().collect();
    let bad = |edit: &dyn Fn(&str) -> String, line: usize, says: &str, column: usize| {
        let mut changed: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        changed[line - 1] = edit(lines[line - 1]);
        std::fs::write(&ben, changed.join("\n") + "\n").unwrap();
        let err = store.fails(
            1,
            &[
                "screening",
                "import-ratings",
                &name,
                "--edition",
                E,
                "--round",
                "1",
            ],
        );
        assert!(
            err.contains(&format!("{name}:{line}:{column}:")),
            "{says}: {err}"
        );
        assert!(err.contains(says), "{says}: {err}");
        assert!(err.contains("nothing was written"), "{err}");
        assert_eq!(store.log().len(), before, "{says}");
    };
    // The last four cells of a row: Story, Craft, Sound, comment, then screener (columns 8–12).
    let with_marks = |marks: &'static str| {
        move |l: &str| {
            let cells: Vec<&str> = l.rsplitn(6, ',').collect();
            format!("{},{marks},Ben", cells[5])
        }
    };
    bad(&with_marks("11,7,5,x"), 2, "off the scale", 8);
    bad(&with_marks("8,7.5,5,x"), 3, "off the scale", 9);
    bad(&with_marks("8,n/a,5,x"), 2, "allows no n/a", 9);
    bad(&with_marks("8,seven,5,x"), 2, "is not a score", 9);
    bad(&with_marks("8,,5,x"), 2, "'Craft' is not scored", 9);
    bad(
        &|l: &str| with_marks("8,7,5,x")(l).replace(",Ben", ",Nobody"),
        2,
        "no screener 'Nobody'",
        12,
    );
    // A film assigned to somebody else.
    let p = progress(&store, "1");
    let not_bens = p["submissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| {
            !f["screeners"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "Ben")
        })
        .unwrap()["id"]
        .to_string();
    bad(
        &|l: &str| {
            let rest = l.split_once(',').unwrap().1;
            with_marks("8,7,5,x")(&format!("{not_bens},{rest}"))
        },
        2,
        "is not assigned to Ben",
        1,
    );
    // A closed round refuses a packet whole.
    std::fs::write(&ben, &original).unwrap();
    store.ok(&[
        "screening",
        "close",
        "--edition",
        E,
        "--round",
        "1",
        "--top",
        "5",
    ]);
    let err = store.fails(
        1,
        &[
            "screening",
            "import-ratings",
            &name,
            "--edition",
            E,
            "--round",
            "1",
        ],
    );
    assert!(err.contains("round 1 of cannes-78 is closed"), "{err}");
}

#[test]
fn board_close_undo_reopen_and_a_second_round_on_the_shortlist() {
    let store = committee();
    assign(&store, "7");
    let dir = tempfile::tempdir().unwrap();
    for (screener, lenient) in [("Ana", 2), ("Ben", 0), ("Chloé", 1), ("Dev", 0)] {
        let path = packet(&store, screener, dir.path());
        let scores = ["3", "4", "5", "6", "7", "8"];
        fill(&path, move |id| {
            let s = scores[((id as usize) + lenient) % 6];
            [s, s, "n/a"]
        });
        import(&store, path.to_str().unwrap());
    }
    let rows = board(&store, &[]);
    assert_eq!(rows.len(), 30);
    let mut keys: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        ["coverage", "id", "rank", "ratings", "score", "title"]
    );
    // Best first; ties share a rank and the next rank skips.
    let mut last: Option<(f64, u64)> = None;
    for (i, row) in rows.iter().enumerate() {
        let score = row["score"].as_f64().unwrap();
        let rank = row["rank"].as_u64().unwrap();
        assert_eq!(row["coverage"], 2);
        match last {
            Some((s, r)) if (s - score).abs() < 1e-9 => assert_eq!(rank, r),
            Some((s, _)) => {
                assert!(score < s);
                assert_eq!(rank, i as u64 + 1);
            }
            None => assert_eq!(rank, 1),
        }
        last = Some((score, rank));
    }
    // --explain shows each screener's raw and normalised part.
    let top = rows[0]["id"].to_string();
    let explain = store.ok(&[
        "screening",
        "board",
        "--edition",
        E,
        "--round",
        "1",
        "--normalise",
        "z",
        "--explain",
        &top,
    ]);
    assert!(
        explain.contains("raw") && explain.contains("→ z"),
        "{explain}"
    );
    assert_eq!(
        explain.lines().filter(|l| l.contains("→ z")).count(),
        2,
        "{explain}"
    );

    // Close at the top 5 (ties at the cut go through together).
    let cut = rows
        .iter()
        .filter(|r| r["rank"].as_u64().unwrap() <= 5)
        .count();
    let out = store.ok(&[
        "screening",
        "close",
        "--edition",
        E,
        "--round",
        "1",
        "--top",
        "5",
    ]);
    assert!(
        out.contains(&format!(
            "{cut} film(s) to shortlisted, {} to not-selected",
            30 - cut
        )),
        "{out}"
    );
    let statuses = |store: &TestStore| -> HashMap<String, usize> {
        let mut m = HashMap::new();
        for s in store.submissions(E, &[]) {
            *m.entry(s["status"].as_str().unwrap().to_string())
                .or_default() += 1;
        }
        m
    };
    assert_eq!(statuses(&store)["shortlisted"], cut);
    // The history says where each film stood.
    let backup = dir.path().join("b.json");
    store.ok(&["export", "backup", "--out", backup.to_str().unwrap()]);
    let text = std::fs::read_to_string(&backup).unwrap();
    let first = format!(
        "\"note\": \"round 1: {:.1}, rank 1 of 30\"",
        rows[0]["score"].as_f64().unwrap()
    );
    assert!(
        text.contains(&first) || text.contains(&first.replace(": \"", ":\"")),
        "{first}"
    );
    // A closed round refuses ratings.
    let err = store.fails(
        1,
        &[
            "screening",
            "rate",
            "--edition",
            E,
            "--round",
            "1",
            "--screener",
            "Ana",
            "--submission",
            &top,
            "--score",
            "Story=1, Craft=1, Sound=1",
        ],
    );
    assert!(err.contains("is closed"), "{err}");
    // Undo puts everything back in one step.
    let undone = store.ok(&["undo"]);
    assert!(undone.contains("screening close round 1"), "{undone}");
    assert_eq!(statuses(&store).get("shortlisted"), None);
    // Close again, reopen with a reason: the statuses go back, the history keeps both.
    store.ok(&[
        "screening",
        "close",
        "--edition",
        E,
        "--round",
        "1",
        "--threshold",
        "6",
    ]);
    let reopened = store.ok(&[
        "screening",
        "reopen",
        "--edition",
        E,
        "--round",
        "1",
        "--reason",
        "a screener's packet came late",
    ]);
    assert!(reopened.contains("reopened round 1"), "{reopened}");
    assert_eq!(statuses(&store).get("shortlisted"), None);
    store.ok(&[
        "screening",
        "close",
        "--edition",
        E,
        "--round",
        "1",
        "--top",
        "5",
    ]);
    // Round 2 takes round 1's shortlist.
    let out = store.ok(&[
        "screening",
        "round",
        "add",
        "--edition",
        E,
        "--verdicts",
        "--coverage",
        "2",
        "--scope-round",
        "1",
    ]);
    assert!(out.contains(&format!("{cut} film(s)")), "{out}");
    // Round 1 cannot be reopened under it.
    let err = store.fails(
        1,
        &[
            "screening",
            "reopen",
            "--edition",
            E,
            "--round",
            "1",
            "--reason",
            "x",
        ],
    );
    assert!(err.contains("round 2"), "{err}");
    let check = store.ok(&["check"]);
    assert!(check.contains("store is sound"), "{check}");
}

#[test]
fn release_passes_unrated_films_on() {
    let store = committee();
    assign(&store, "7");
    let out = store.ok(&[
        "screening",
        "release",
        "--edition",
        E,
        "--round",
        "1",
        "--screener",
        "Dev",
    ]);
    assert!(out.contains("passed 15 film(s) of Dev on"), "{out}");
    let p = progress(&store, "1");
    for film in p["submissions"].as_array().unwrap() {
        assert_eq!(film["assigned"], 2, "{film}");
        assert!(
            !film["screeners"]
                .as_array()
                .unwrap()
                .iter()
                .any(|s| s == "Dev")
        );
    }
}

#[test]
fn a_finalized_edition_refuses_screening_changes() {
    let store = committee();
    store.ok(&["finalize", "--edition", E, "--override", "the test"]);
    for args in [
        vec!["screening", "assign", "--edition", E, "--round", "1"],
        vec![
            "screening",
            "screener",
            "add",
            "--edition",
            E,
            "--name",
            "Eve",
        ],
        vec!["screening", "round", "add", "--edition", E, "--verdicts"],
    ] {
        let err = store.fails(1, &args);
        assert!(err.contains("finalized"), "{err}");
    }
    // Nor can a screening change be undone under it: undo stops at the finalize, which it never undoes.
    let err = store.fails(1, &["undo"]);
    assert!(
        err.contains("finalizing and reopening are not undone"),
        "{err}"
    );
}

#[test]
fn backups_carry_screening_records_byte_for_byte() {
    let store = TestStore::with_demo();
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.json");
    store.ok(&["export", "backup", "--out", first.to_str().unwrap()]);
    let text = std::fs::read_to_string(&first).unwrap();
    assert!(text.contains("\"screening round\"") && text.contains("Leila Karimi (sample)"));
    let restored = TestStore::empty();
    restored.ok(&["import", "backup", first.to_str().unwrap()]);
    let second = restored.ok(&["export", "backup"]);
    assert!(
        text == second,
        "export → import → export is not byte-identical"
    );
    let progress = restored.json(&[
        "screening",
        "progress",
        "--edition",
        "riff-18",
        "--round",
        "1",
        "--format",
        "json",
    ]);
    assert_eq!(progress["screeners"].as_array().unwrap().len(), 4);
}
