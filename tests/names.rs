//! Names in two scripts (issue 18 item 10), from the command line: the Iranian films list imported
//! with its Persian directors and aliases (a fixture cut from `iran_films_fa_en.csv`), found by either
//! script with folding, written back by `export csv` and read again unchanged; the flags of
//! `submission` and `juror`; a schema 9 backup restoring.
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
use serde_json::Value;

fn strings(value: &Value) -> Vec<&str> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect()
}

/// A store with an empty edition `iran-1`.
fn iran_store() -> TestStore {
    TestStore::with_one_edition("iran", "Iranian films")
}

/// The README's mapping of the Iranian list.
const README_MAP: [&str; 20] = [
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
    "directors=directors_fa",
    "--map",
    "original_directors=directors_fa",
    "--map",
    "aliases=aliases_en",
    "--map",
    "aliases=aliases_fa",
    "--map",
    "external_id=wikidata_id",
];

fn jury(store: &TestStore) -> Vec<Value> {
    array(store.json(&["list", "jurors", "--edition", "iran-1", "--format", "json"]))
}

fn edit_juror(store: &TestStore, juror: &str, changes: &[&str]) {
    let mut args = vec!["juror", "edit", "--edition", "iran-1", "--juror", juror];
    args.extend_from_slice(changes);
    store.ok(&args);
}

fn import_iran(store: &TestStore) -> String {
    let file = fixture_file("iran_names.csv");
    let mut args = vec!["import", "csv", file.as_str(), "--edition", "iran-1"];
    args.extend(README_MAP);
    store.ok(&args)
}

fn query(store: &TestStore, q: &str) -> Vec<String> {
    store
        .submissions("iran-1", &["--query", q])
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_iranian_list_imports_with_its_persian_directors_found_by_either_script() {
    let store = iran_store();
    let out = import_iran(&store);
    assert!(out.contains("8 added"), "{out}");

    // The finding: `list --query مجیدی` found nothing although the file holds "مجید مجیدی".
    assert_eq!(query(&store, "مجیدی"), ["Baran", "The Color of Paradise"]);
    assert_eq!(query(&store, "Majidi"), ["Baran", "The Color of Paradise"]);
    // Folded: Arabic yeh and kaf find the Persian letters, and the other way round.
    assert_eq!(
        query(&store, "كيارستمي"),
        ["Close-Up", "Taste of Cherry"],
        "ي and ك fold to ی and ک"
    );
    // `director:` looks at both scripts too.
    assert_eq!(query(&store, "director:مخملباف"), ["Tales of an Island"]);
    // Aliases in either script.
    assert_eq!(query(&store, "Hamsay-e khoda"), ["Baran"]);
    assert_eq!(query(&store, "نمای نزدیک"), ["Close-Up"]);
    assert_eq!(query(&store, "island stories"), ["Tales of an Island"]);

    let rows = store.submissions("iran-1", &[]);
    let baran = find(&rows, "Baran");
    assert_eq!(strings(&baran["directors"]), ["Majid Majidi"]);
    assert_eq!(strings(&baran["original_directors"]), ["مجید مجیدی"]);
    assert_eq!(strings(&baran["aliases"]), ["Bârân", "Hamsay-e khoda"]);
    assert_eq!(
        baran["notes"], "imdb: tt0233841",
        "the Persian names no longer land in the notes"
    );
    // A missing original keeps its place: Jan Procházka has none, Karel Zeman has his.
    let comet = find(&rows, "On the Comet");
    assert_eq!(
        strings(&comet["directors"]),
        ["Karel Zeman", "Jan Procházka"]
    );
    assert_eq!(strings(&comet["original_directors"]), ["کارل زمان"]);
    let island = find(&rows, "Tales of an Island");
    assert_eq!(
        strings(&island["original_directors"]),
        ["محسن مخملباف", "داریوش مهرجویی", "رخشان بنی\u{200C}اعتماد"]
    );
    assert_eq!(
        strings(&island["aliases"]),
        [
            "The Lost Cousin",
            "The Island Stories",
            "Dastanha-ye Jazire",
            "دختردایی گمشده"
        ],
        "aliases mapped twice gather both columns"
    );
    // A director known only in Persian is the director, with no original beside it.
    let album = find(&rows, "Album");
    assert_eq!(strings(&album["directors"]), ["رضا حیدرنژاد"]);
    assert!(strings(&album["original_directors"]).is_empty());
}

#[test]
fn export_csv_writes_the_originals_and_aliases_and_imports_back_unchanged() {
    let store = iran_store();
    import_iran(&store);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("iran.csv");
    let file = file.to_str().unwrap();
    store.ok(&[
        "export",
        "csv",
        "--edition",
        "iran-1",
        "--separator",
        "|",
        "--out",
        file,
    ]);
    let written = std::fs::read_to_string(file).unwrap();
    let header = written.lines().next().unwrap();
    assert!(
        header.ends_with("original_directors,original_writers,original_cast,aliases"),
        "{header}"
    );

    // The same edition: nothing changes.
    let again = store.ok(&[
        "import",
        "csv",
        file,
        "--edition",
        "iran-1",
        "--separator",
        "|",
    ]);
    assert!(again.contains("0 added, 0 updated, 8 unchanged"), "{again}");

    // Another store: the same films, names and aliases.
    let other = iran_store();
    other.ok(&[
        "import",
        "csv",
        file,
        "--edition",
        "iran-1",
        "--separator",
        "|",
    ]);
    let strip = |rows: Vec<Value>| -> Vec<Value> {
        rows.into_iter()
            .map(|mut r| {
                let o = r.as_object_mut().unwrap();
                o.remove("id");
                o.remove("film_id");
                r
            })
            .collect()
    };
    assert_eq!(
        strip(other.submissions("iran-1", &[])),
        strip(store.submissions("iran-1", &[]))
    );
}

#[test]
fn more_originals_than_names_is_refused_naming_the_line_and_the_fix() {
    let store = iran_store();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bad.csv");
    std::fs::write(
        &file,
        "title,directors,original_directors\nBaran,Majid Majidi,مجید مجیدی|محسن مخملباف\n",
    )
    .unwrap();
    let err = store.fails(
        1,
        &[
            "import",
            "csv",
            file.to_str().unwrap(),
            "--edition",
            "iran-1",
            "--separator",
            "|",
        ],
    );
    assert!(err.contains(":2:"), "names the line: {err}");
    assert!(
        err.contains("original directors") && err.contains("2 given for 1 directors"),
        "{err}"
    );
    assert!(
        store.submissions("iran-1", &[]).is_empty(),
        "nothing written"
    );
    // Originals with no names at all: before, "1 given for 0 directors", as if the count were the
    // mistake; now what is missing.
    std::fs::write(
        &file,
        "title,directors,original_directors\nBaran,,مجید مجیدی\n",
    )
    .unwrap();
    let err = store.fails(
        1,
        &[
            "import",
            "csv",
            file.to_str().unwrap(),
            "--edition",
            "iran-1",
        ],
    );
    assert!(
        err.contains(":2:") && err.contains("given, but no directors: give the directors too"),
        "{err}"
    );
}

#[test]
fn submission_flags_pair_originals_and_an_edit_of_the_names_keeps_them() {
    let store = iran_store();
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "iran-1",
        "--title",
        "Tales of Kish",
        "--director",
        "Mohsen Makhmalbaf",
        "--director",
        "Nasser Taghvai",
        "--director",
        "Abolfazl Jalili",
        "--original-director",
        "محسن مخملباف",
        "--original-director",
        "",
        "--original-director",
        "ابوالفضل جلیلی",
        "--cast",
        "Mahmoud Vafaei",
        "--original-cast",
        "محمود وفایی",
        "--alias",
        "قصه‌های کیش",
    ]);
    let row = |store: &TestStore| store.submissions("iran-1", &[])[0].clone();
    let film = row(&store);
    assert_eq!(
        strings(&film["original_directors"]),
        ["محسن مخملباف", "", "ابوالفضل جلیلی"]
    );
    assert_eq!(strings(&film["original_cast"]), ["محمود وفایی"]);
    assert_eq!(query(&store, "جليلي"), ["Tales of Kish"], "Arabic yeh");
    assert_eq!(query(&store, "وفایی"), ["Tales of Kish"], "cast");
    assert_eq!(
        query(&store, "قصه های کیش"),
        ["Tales of Kish"],
        "alias, ZWNJ"
    );

    // The directors change, their originals are not given: each name keeps its own.
    let id = film["id"].to_string();
    store.ok(&[
        "submission",
        "edit",
        &id,
        "--director",
        "Abolfazl Jalili",
        "--director",
        "Mohsen Makhmalbaf",
    ]);
    assert_eq!(
        strings(&row(&store)["original_directors"]),
        ["ابوالفضل جلیلی", "محسن مخملباف"]
    );
    // More originals than directors is refused, naming the field.
    let err = store.fails(
        1,
        &[
            "submission",
            "edit",
            &id,
            "--original-director",
            "a",
            "--original-director",
            "b",
            "--original-director",
            "c",
        ],
    );
    assert!(err.contains("original directors"), "{err}");
    // "" clears them.
    store.ok(&["submission", "edit", &id, "--original-director", ""]);
    assert!(strings(&row(&store)["original_directors"]).is_empty());
}

#[test]
fn a_juror_has_an_original_name_that_also_finds_conflicts() {
    let store = iran_store();
    import_iran(&store);
    store.ok(&[
        "juror",
        "add",
        "--edition",
        "iran-1",
        "--name",
        "M. Majidi",
        "--original-name",
        "مجيد مجيدي",
    ]);
    let jurors = jury(&store);
    assert_eq!(jurors[0]["original_name"], "مجيد مجيدي");
    // The Latin names differ; the Persian ones are the same once folded (ي = ی).
    let probable = strings(&jurors[0]["probable_conflicts"]);
    assert_eq!(probable.len(), 2, "{probable:?}");
    assert!(probable[0].starts_with("Baran (director"), "{probable:?}");

    edit_juror(&store, "M. Majidi", &["--name", "Majid Majidi"]);
    let jurors = jury(&store);
    assert_eq!(jurors[0]["name"], "Majid Majidi");
    assert_eq!(
        jurors[0]["original_name"], "مجيد مجيدي",
        "kept when not given"
    );
    edit_juror(&store, "Majid Majidi", &["--original-name", ""]);
    let jurors = jury(&store);
    assert_eq!(jurors[0]["original_name"], "");
}

/// A backup written by schema 9 (before names in two scripts) restores, and its films and jurors take
/// originals afterwards; the new fields then travel in the next backup.
#[test]
fn a_schema_9_backup_restores_and_a_new_backup_carries_the_names() {
    let store = TestStore::empty();
    let out = store.ok(&["import", "backup", &fixture_file("backup_schema9.json")]);
    assert!(out.contains("restored 25 record(s)"), "{out}");
    assert!(store.ok(&["check"]).contains("store is sound"));
    let baran = find(&store.submissions("iran-1", &[]), "Baran").clone();
    assert!(strings(&baran["original_directors"]).is_empty());

    store.ok(&[
        "submission",
        "edit",
        &baran["id"].to_string(),
        "--original-director",
        "مجید مجیدی",
    ]);
    edit_juror(&store, "Majid Majidi", &["--original-name", "مجید مجیدی"]);
    let backup = store.ok(&["export", "backup"]);
    let schema = format!("\"schema\": {}", jurydesk::store::SCHEMA_VERSION);
    assert!(backup.contains(&schema), "a backup of today's schema");
    assert!(backup.contains("\"original_directors\""));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("b.json");
    std::fs::write(&file, &backup).unwrap();
    let restored = TestStore::empty();
    restored.ok(&["import", "backup", file.to_str().unwrap()]);
    assert!(restored.ok(&["check"]).contains("store is sound"));
    let films = restored.submissions("iran-1", &["--query", "مجیدی"]);
    assert_eq!(titles(&films), ["Baran"]);
    let jurors = jury(&restored);
    assert_eq!(jurors[0]["original_name"], "مجید مجیدی");
}
