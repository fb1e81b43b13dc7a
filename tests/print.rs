//! `jurydesk print` (docs/printing.md, issue 16): the HTML read back with an HTML parser (every
//! voting juror has a sheet per category and round, the nominees carry the desk's numbers, every name
//! and title sits in an element with `dir="auto"`, a hostile title stays text, nothing is fetched),
//! the Markdown, and the errors. The real browser's rendering is `tests/print_browser.rs`.

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

use std::collections::BTreeSet;

use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use common::{TestStore, array};

fn sel(css: &str) -> Selector {
    Selector::parse(css).expect("a selector")
}

/// Runs `print …` and returns (stdout, stderr).
fn print(store: &TestStore, args: &[&str]) -> (String, String) {
    let mut all = vec!["print"];
    all.extend_from_slice(args);
    let output = store.run(&all).success().get_output().clone();
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
    )
}

fn text(e: ElementRef<'_>) -> String {
    e.text().collect::<String>()
}

fn has_dir_auto(e: ElementRef<'_>) -> bool {
    std::iter::once(*e)
        .chain(e.ancestors())
        .filter_map(|n| n.value().as_element())
        .any(|el| el.attr("dir") == Some("auto"))
}

/// Every text node of the body that holds one of `names` sits inside an element with `dir="auto"`.
fn names_isolated(html: &Html, names: &BTreeSet<String>) {
    let body = html.select(&sel("body")).next().expect("a body");
    for node in body.descendants() {
        let Some(t) = node.value().as_text() else {
            continue;
        };
        let Some(name) = names.iter().find(|n| t.contains(n.as_str())) else {
            continue;
        };
        let parent = node
            .parent()
            .and_then(ElementRef::wrap)
            .expect("text sits in an element");
        assert!(
            has_dir_auto(parent),
            "{name:?} is printed outside an element with dir=\"auto\": {:?}",
            parent.html()
        );
    }
}

/// Nothing that loads anything: no script, no external resource, no CSS import or url().
fn self_contained(html: &Html, raw: &str) {
    for tag in ["script", "link", "img", "iframe", "object", "embed", "base"] {
        assert_eq!(html.select(&sel(tag)).count(), 0, "a <{tag}> element");
    }
    if let Some(e) = html.select(&sel("[src], [href]")).next() {
        panic!("an element that loads: {}", e.html());
    }
    let style: String = html.select(&sel("style")).map(text).collect();
    assert!(!style.contains("url(") && !style.contains("@import"));
    assert!(
        style.contains("break-before: page"),
        "page breaks between sheets"
    );
    assert!(raw.starts_with("<!DOCTYPE html>"));
}

fn nominations(store: &TestStore, edition: &str) -> Vec<Value> {
    array(store.json(&[
        "list",
        "nominations",
        "--edition",
        edition,
        "--format",
        "json",
    ]))
}

fn jurors(store: &TestStore, edition: &str) -> Vec<Value> {
    array(store.json(&["list", "jurors", "--edition", edition, "--format", "json"]))
}

fn categories(store: &TestStore, edition: &str) -> Vec<String> {
    array(store.json(&[
        "list",
        "categories",
        "--edition",
        edition,
        "--format",
        "json",
    ]))
    .iter()
    .map(|c| c["name"].as_str().expect("a name").to_string())
    .collect()
}

#[test]
fn every_voting_juror_has_a_sheet_per_category_numbered_as_on_the_desk() {
    let store = TestStore::with_demo();
    let (raw, stderr) = print(&store, &["ballots", "--edition", "riff-18"]);
    let html = Html::parse_document(&raw);
    self_contained(&html, &raw);
    let sheets: Vec<ElementRef<'_>> = html.select(&sel("section.sheet.ballot")).collect();
    let nominations = nominations(&store, "riff-18");
    let mut names = BTreeSet::new();
    for juror in jurors(&store, "riff-18") {
        let name = juror["name"].as_str().expect("a name");
        names.insert(name.to_string());
        for category in categories(&store, "riff-18") {
            names.insert(category.clone());
            let mine: Vec<&ElementRef<'_>> = sheets
                .iter()
                .filter(|s| {
                    s.attr("data-juror") == Some(name) && s.attr("data-category") == Some(&category)
                })
                .collect();
            let why_not = format!("no sheet for {name} in {category}: ");
            let observer = juror["role"] == "observer";
            let recused = juror["recusals"].as_array().is_some_and(|r| !r.is_empty())
                && category != "Best Short Film";
            if observer || recused {
                assert!(mine.is_empty(), "{name} gets no sheet in {category}");
                assert!(stderr.contains(&why_not), "stderr says why: {stderr}");
                continue;
            }
            let rounds: Vec<&str> = mine.iter().filter_map(|s| s.attr("data-round")).collect();
            if category == "Best Director" {
                assert_eq!(rounds, ["1", "2", "3"], "{name}: a sheet per round");
            } else {
                assert_eq!(mine.len(), 1, "{name} in {category}");
            }
            let want: Vec<(String, String)> = nominations
                .iter()
                .filter(|n| n["category"] == category.as_str())
                .map(|n| {
                    (
                        n["number"].to_string(),
                        n["label"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
            for sheet in mine {
                let juror_cell = sheet
                    .select(&sel(".juror"))
                    .next()
                    .expect("the juror's name");
                assert_eq!(text(juror_cell), name);
                assert!(sheet.select(&sel(".signature")).next().is_some());
                let got: Vec<(String, String)> = sheet
                    .select(&sel("tr[data-number]"))
                    .map(|row| {
                        let number = row
                            .select(&sel("td.num"))
                            .next()
                            .map(text)
                            .unwrap_or_default();
                        let label = row
                            .select(&sel(".label"))
                            .next()
                            .map(text)
                            .unwrap_or_default();
                        assert!(row.select(&sel("td.box")).next().is_some(), "a box to fill");
                        (number, label)
                    })
                    .collect();
                assert_eq!(got, want, "{name} in {category}: the desk's numbers");
            }
        }
    }
    for n in &nominations {
        names.insert(n["label"].as_str().expect("a label").to_string());
    }
    names.insert("جاده نمک".to_string());
    names_isolated(&html, &names);
    assert!(
        raw.contains("جاده نمک"),
        "the original title in its own script"
    );
}

#[test]
fn narrowing_by_category_juror_and_round() {
    let store = TestStore::with_demo();
    let (raw, _) = print(
        &store,
        &[
            "ballots",
            "--edition",
            "riff-18",
            "--category",
            "Best Director",
            "--juror",
            "Sara Ahmadi",
            "--round",
            "4",
        ],
    );
    let html = Html::parse_document(&raw);
    let sheets: Vec<_> = html.select(&sel("section.ballot")).collect();
    assert_eq!(sheets.len(), 1);
    assert_eq!(sheets[0].attr("data-round"), Some("4"));
    assert!(text(sheets[0]).contains("relative majority"));
    let err = store.fails(
        1,
        &[
            "print",
            "ballots",
            "--edition",
            "riff-18",
            "--juror",
            "Noor Hassan",
        ],
    );
    assert!(err.contains("observers never vote"), "{err}");
    let err = store.fails(
        2,
        &[
            "print",
            "minutes",
            "--edition",
            "riff-18",
            "--juror",
            "Mina Sadeghi",
        ],
    );
    assert!(err.contains("--juror narrows ballot sheets only"), "{err}");
    let err = store.fails(1, &["print", "ballots", "--edition", "fajr-43"]);
    assert!(err.contains("jurydesk juror add"), "{err}");
    let err = store.fails(1, &["print", "palmares", "--edition", "nope-1"]);
    assert!(err.contains("nope-1"), "{err}");
}

#[test]
fn the_minutes_hold_the_jury_the_counts_the_awards_and_the_log_head() {
    let store = TestStore::with_demo();
    store.ok(&[
        "juror",
        "absent",
        "--edition",
        "riff-18",
        "--juror",
        "Javad Karimi",
        "--reason",
        "flight cancelled",
    ]);
    let (raw, _) = print(&store, &["minutes", "--edition", "riff-18"]);
    let html = Html::parse_document(&raw);
    self_contained(&html, &raw);
    let absent = html
        .select(&sel("table.jury tr.absent"))
        .map(text)
        .collect::<Vec<_>>();
    assert_eq!(absent.len(), 1);
    assert!(absent[0].contains("Javad Karimi") && absent[0].contains("flight cancelled"));
    // A section per category, with its count.
    let sections: Vec<_> = html.select(&sel("section.category")).collect();
    let names: Vec<&str> = sections
        .iter()
        .filter_map(|s| s.attr("data-category"))
        .collect();
    assert_eq!(names, ["Grand Prize", "Best Director", "Best Short Film"]);
    assert!(
        sections[0].select(&sel("table.matrix")).count() == 2,
        "schulze's two matrices"
    );
    assert!(
        sections[1].select(&sel("table.rounds")).next().is_some(),
        "rounds table"
    );
    assert!(
        sections[2].select(&sel("table.scores")).next().is_some(),
        "scores"
    );
    assert!(text(sections[0]).contains("recused from A House in Basra"));
    // Signature lines: every juror and the secretary.
    let signers: Vec<String> = html.select(&sel(".signatures .who")).map(text).collect();
    for juror in jurors(&store, "riff-18") {
        let name = juror["name"].as_str().expect("a name");
        assert!(signers.iter().any(|s| s.starts_with(name)), "{name} signs");
    }
    assert!(signers.iter().any(|s| s.contains("secretary")));
    // The log's head, as `log` gives it, and how to verify it.
    let head = &array(store.json(&["log", "--limit", "1", "--format", "json"]))[0];
    let hash = html
        .select(&sel(".hash"))
        .next()
        .map(text)
        .expect("the hash");
    assert_eq!(hash, head["hash"].as_str().expect("a hash"));
    assert!(text(html.select(&sel("code")).next().expect("a command")).ends_with("log --verify"));
    assert!(raw.contains(&format!("#{}", head["seq"])));
}

#[test]
fn a_recorded_award_says_how_it_was_decided() {
    let store = TestStore::with_demo_grand_prize_complete();
    store.ok(&["award", "--edition", "riff-18", "--category", "Grand Prize"]);
    let (raw, _) = print(
        &store,
        &[
            "minutes",
            "--edition",
            "riff-18",
            "--category",
            "Grand Prize",
        ],
    );
    let html = Html::parse_document(&raw);
    let award = html
        .select(&sel(".award"))
        .next()
        .map(text)
        .expect("the award");
    assert!(award.contains("A House in Basra"), "{award}");
    assert!(award.contains("decided by counted by schulze"), "{award}");
    let (press, _) = print(&store, &["palmares", "--edition", "riff-18"]);
    let press = Html::parse_document(&press);
    let rows: Vec<String> = press
        .select(&sel("table.prizes tr[data-category]"))
        .map(text)
        .collect();
    assert_eq!(rows.len(), 3, "categories in precedence order");
    assert!(rows[0].starts_with("Grand Prize") && rows[0].contains("A House in Basra"));
    assert!(rows[0].contains("بيت في البصرة"));
    assert!(rows[1].contains("not awarded"));
}

const HOSTILE_TITLE: &str = "<script>alert(\"x\")</script> & <b>Bold</b> | *star* [a](b)";
const HOSTILE_JUROR: &str = "<img src=x onerror=alert(1)> Eve";

fn hostile() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "hx", "--name", "<i>Fest</i>"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "hx",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "hx-1",
        "--title",
        HOSTILE_TITLE,
    ]);
    store.ok(&["submission", "add", "--edition", "hx-1", "--title", "Plain"]);
    store.ok(&[
        "category",
        "add",
        "--edition",
        "hx-1",
        "--name",
        "\"><u>Cat</u>",
    ]);
    for title in ["1", "2"] {
        store.ok(&[
            "nominate",
            "--edition",
            "hx-1",
            "--category",
            "\"><u>Cat</u>",
            "--submission",
            title,
        ]);
    }
    store.ok(&["juror", "add", "--edition", "hx-1", "--name", HOSTILE_JUROR]);
    store
}

#[test]
fn a_hostile_title_or_name_stays_text_in_html_and_markdown() {
    let store = hostile();
    for what in ["ballots", "minutes", "palmares"] {
        let (raw, _) = print(&store, &[what, "--edition", "hx-1"]);
        let html = Html::parse_document(&raw);
        self_contained(&html, &raw);
        for tag in ["b", "i", "u"] {
            assert_eq!(
                html.select(&sel(tag)).count(),
                0,
                "{what}: markup from data: <{tag}>"
            );
        }
        let labels: Vec<String> = html.select(&sel(".label")).map(text).collect();
        if what != "palmares" {
            assert!(
                labels.iter().any(|l| l == HOSTILE_TITLE),
                "{what}: {labels:?}"
            );
        }
        let names: BTreeSet<String> =
            [HOSTILE_TITLE, HOSTILE_JUROR, "<i>Fest</i>", "\"><u>Cat</u>"]
                .map(String::from)
                .into();
        names_isolated(&html, &names);
        let (md, _) = print(&store, &[what, "--edition", "hx-1", "--format", "md"]);
        // Every `<` of the data is escaped, so no renderer takes it for a tag.
        assert!(!md.replace("\\<", "").contains('<'), "{what}: {md}");
    }
    let (md, _) = print(&store, &["ballots", "--edition", "hx-1", "--format", "md"]);
    assert!(
        md.contains("\\<script\\>alert(\"x\")\\</script\\> \\& \\<b\\>Bold\\</b\\> \\| \\*star\\* \\[a\\](b)"),
        "{md}"
    );
}

#[test]
fn markdown_ballots_have_a_table_per_sheet_with_the_desks_numbers() {
    let store = TestStore::with_demo();
    let (md, _) = print(
        &store,
        &["ballots", "--edition", "riff-18", "--format", "md"],
    );
    // 5 voters (Omar Khalil recused, Noor Hassan observing) × (1 + 3 rounds) + 6 for the short film.
    let sheets = md.matches("\n## ").count();
    assert_eq!(sheets, 5 + 5 * 3 + 6);
    assert_eq!(md.matches("Signature of ").count(), sheets);
    assert!(md.contains("| 2 | A House in Basra (بيت في البصرة) | [   ] |"));
    assert!(md.contains("## Best Director · round 3"));
    let (minutes, _) = print(
        &store,
        &["minutes", "--edition", "fajr-43", "--format", "md"],
    );
    assert!(minutes.contains("## Best Director"));
    assert!(minutes.contains("| 2 | Seven Winters (هفت زمستان) |"));
    assert!(minutes.contains("No jury is seated"));
    assert!(minutes.contains("The jury's secretary: "));
}

#[test]
fn out_writes_the_file_whole_and_says_where() {
    let store = TestStore::with_demo();
    let dir = tempfile::tempdir().expect("a directory");
    let file = dir.path().join("minutes.html");
    let file_arg = file.display().to_string();
    let output = store
        .run(&[
            "print",
            "minutes",
            "--edition",
            "fajr-43",
            "--out",
            &file_arg,
        ])
        .success()
        .get_output()
        .clone();
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).expect("UTF-8");
    assert!(
        stderr.contains(&format!("wrote 13 categories of fajr-43 to {file_arg}")),
        "{stderr}"
    );
    let written = std::fs::read_to_string(&file).expect("written");
    assert!(written.trim_end().ends_with("</html>"));
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no partial file left"
    );
    let missing = dir
        .path()
        .join("no/such/folder/x.html")
        .display()
        .to_string();
    let err = store.fails(
        1,
        &[
            "print",
            "palmares",
            "--edition",
            "fajr-43",
            "--out",
            &missing,
        ],
    );
    assert!(
        err.contains("cannot write") && err.contains("no/such/folder"),
        "{err}"
    );
}

#[test]
fn printing_reads_only() {
    let store = TestStore::with_demo();
    let before = store.log().len();
    print(&store, &["minutes", "--edition", "riff-18"]);
    assert_eq!(store.log().len(), before);
    let missing = TestStore::empty();
    missing.fails(3, &["print", "minutes", "--edition", "riff-18"]);
    assert!(!missing.path().exists(), "no store is created by printing");
}

#[test]
fn a_store_holding_raw_controls_prints_without_them() {
    // Escape sequences, C1 and bidi controls that no way in stores, but another tool's store can hold.
    let store = hostile_fixtures::raw_store();
    for what in ["ballots", "minutes", "palmares"] {
        for format in ["html", "md"] {
            let output = store
                .run(&["print", what, "--edition", "hx-1", "--format", format])
                .success()
                .get_output()
                .clone();
            hostile_fixtures::assert_no_raw_controls(&format!("{what} {format}"), &output.stdout);
            hostile_fixtures::assert_no_raw_controls(&format!("{what} stderr"), &output.stderr);
        }
    }
}

#[test]
fn the_minutes_list_a_finalization_that_overrode_the_rules() {
    let store = TestStore::with_demo();
    store.ok(&[
        "finalize",
        "--edition",
        "riff-18",
        "--override",
        "the jury decided on paper",
    ]);
    let (raw, _) = print(&store, &["minutes", "--edition", "riff-18"]);
    let html = Html::parse_document(&raw);
    let closing = html
        .select(&sel("section.closing"))
        .next()
        .map(text)
        .expect("the closing sheet");
    assert!(closing.contains("Finalized, overriding"), "{closing}");
    assert!(
        closing.contains("finalize riff-18 overriding")
            && closing.contains("the jury decided on paper"),
        "{closing}"
    );
    let (press, _) = print(&store, &["palmares", "--edition", "riff-18"]);
    assert!(
        !press.contains("Provisional"),
        "a finalized palmarès is not provisional"
    );
}

#[test]
fn a_persian_edition_prints_its_dates_in_the_solar_hijri_calendar_beside_the_gregorian() {
    let store = TestStore::with_demo();
    store.edit_fajr_43("persian", &["--start", "1403-11-12", "--end", "1403-11-22"]);
    let (minutes, _) = print(&store, &["minutes", "--edition", "fajr-43"]);
    assert!(
        minutes.contains("31 January 2025 (12 Bahman 1403 SH)")
            && minutes.contains("10 February 2025 (22 Bahman 1403 SH)"),
        "the minutes give the edition's dates in both calendars"
    );
    let (palmares, _) = print(
        &store,
        &["palmares", "--edition", "fajr-43", "--format", "md"],
    );
    assert!(palmares.contains("(12 Bahman 1403 SH)"), "{palmares}");
}
