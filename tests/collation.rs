//! Sorting as readers expect (docs/text.md#collation, issue 18 item 2): `list submissions --sort
//! title|director| country` orders by ICU collation with numbers by value and Persian titles in
//! Persian order.
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

/// A store with one edition holding films of these titles (and the given directors and countries).
fn edition_of(films: &[(&str, &str, &str)]) -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "fajr", "--name", "Fajr"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "fajr",
        "--number",
        "43",
        "--year",
        "2025",
    ]);
    for (title, director, country) in films {
        store.ok(&[
            "submission",
            "add",
            "--edition",
            "fajr-43",
            "--title",
            title,
            "--director",
            director,
            "--country",
            country,
        ]);
    }
    store
}

fn sorted_by(store: &TestStore, sort: &str, field: &str) -> Vec<String> {
    store
        .submissions("fajr-43", &["--sort", sort])
        .iter()
        .map(|row| match &row[field] {
            serde_json::Value::Array(items) => items[0].as_str().unwrap().to_string(),
            value => value.as_str().unwrap().to_string(),
        })
        .collect()
}

#[test]
fn numbers_in_titles_sort_by_value() {
    let store = edition_of(&[
        ("Border 10085", "A", "Iran"),
        ("Border 1086", "A", "Iran"),
        ("Border 9", "A", "Iran"),
    ]);
    assert_eq!(
        sorted_by(&store, "title", "title"),
        ["Border 9", "Border 1086", "Border 10085"]
    );
    assert_eq!(
        sorted_by(&store, "-title", "title"),
        ["Border 10085", "Border 1086", "Border 9"]
    );
}

/// The order checked by hand against the Persian alphabet (ا ب پ ت ث ج چ ح خ د ذ ر ز ژ س ش ص ض ط ظ ع
/// غ ف ق ک گ ل م ن و ه ی): code-point order would put پ چ ژ گ after ی and ه before و.
#[test]
fn persian_titles_and_names_sort_in_persian_order() {
    let expected = [
        "باران",
        "پدر",
        "جدایی",
        "چهارشنبه",
        "زیر",
        "ژاله",
        "کلید",
        "گبه",
        "وحید",
        "هامون",
        "یک",
    ];
    let mut films: Vec<(&str, &str, &str)> =
        expected.iter().rev().map(|t| (*t, *t, "ایران")).collect();
    films.swap(0, 5);
    let store = edition_of(&films);
    assert_eq!(sorted_by(&store, "title", "title"), expected);
    assert_eq!(sorted_by(&store, "director", "directors"), expected);
}

#[test]
fn countries_sort_by_collation_not_code_point() {
    let store = edition_of(&[
        ("One", "A", "Zimbabwe"),
        ("Two", "A", "Åland"),
        ("Three", "A", "Egypt"),
        ("Four", "A", "Ísland"),
    ]);
    // Code-point order would put Å and Í after Z.
    assert_eq!(
        sorted_by(&store, "country", "countries"),
        ["Åland", "Egypt", "Ísland", "Zimbabwe"]
    );
}
