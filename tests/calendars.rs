//! An edition's calendar (docs/text.md#calendars, issue 18 item 1): a Solar Hijri or Hijri edition's
//! dates are typed in its calendar, shown in it beside the Gregorian, kept as ISO Gregorian dates in
//! JSON with the local form beside them, and carried by backups.
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

/// A store with festival `fajr` and its 43rd edition in the Persian calendar, typed as a Tehran
/// office would: 12 to 22 Bahman 1403, in Persian digits.
fn fajr_43() -> TestStore {
    let store = TestStore::empty();
    store.ok(&[
        "festival",
        "add",
        "--code",
        "fajr",
        "--name",
        "Fajr Film Festival",
    ]);
    let out = store.ok(&[
        "edition",
        "add",
        "--festival",
        "fajr",
        "--number",
        "۴۳",
        "--year",
        "۲۰۲۵",
        "--calendar",
        "persian",
        "--start",
        "۱۴۰۳-۱۱-۱۲",
        "--end",
        "1403-11-22",
        "--place",
        "Tehran",
    ]);
    assert_eq!(out.trim(), "added edition fajr-43 (43rd edition, 2025)");
    store
}

fn edition<'a>(rows: &'a [Value], code: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no edition {code} in {rows:?}"))
}

#[test]
fn the_43rd_fajr_is_typed_in_bahman_and_kept_as_gregorian_dates() {
    let store = fajr_43();
    let rows = store.editions(&[]);
    let e = edition(&rows, "fajr-43");
    assert_eq!(e["start"], "2025-01-31");
    assert_eq!(e["end"], "2025-02-10");
    assert_eq!(e["calendar"], "persian");
    assert_eq!(e["start_local"], "1403-11-12");
    assert_eq!(e["end_local"], "1403-11-22");
    let table = store.ok(&["list", "editions"]);
    assert!(table.contains("START LOCAL"), "{table}");
    let row = table.lines().find(|l| l.starts_with("fajr-43")).unwrap();
    for part in [
        "2025-01-31",
        "1403-11-12",
        "2025-02-10",
        "1403-11-22",
        "persian",
    ] {
        assert!(row.contains(part), "{part} missing from: {row}");
    }
}

#[test]
fn a_gregorian_store_s_table_has_no_local_columns() {
    let store = TestStore::with_demo();
    let table = store.ok(&["list", "editions"]);
    assert!(!table.contains("LOCAL"), "{table}");
    let rows = store.editions(&[]);
    assert_eq!(edition(&rows, "riff-18")["calendar"], "gregorian");
    assert_eq!(edition(&rows, "riff-18")["start_local"], Value::Null);
}

#[test]
fn editing_keeps_the_calendar_and_reads_dates_in_it() {
    let store = fajr_43();
    store.ok(&[
        "edition",
        "edit",
        "--festival",
        "fajr",
        "--number",
        "43",
        "--year",
        "2025",
        "--start",
        "1403-11-13",
    ]);
    let rows = store.editions(&[]);
    assert_eq!(edition(&rows, "fajr-43")["calendar"], "persian");
    assert_eq!(edition(&rows, "fajr-43")["start"], "2025-02-01");
    // Moved to the Hijri calendar (Umm al-Qura): 2 Shaban 1446 is 1 February 2025.
    store.edit_fajr_43("islamic", &["--start", "١٤٤٦-٠٨-٠٢"]);
    let rows = store.editions(&[]);
    let e = edition(&rows, "fajr-43");
    assert_eq!(e["calendar"], "islamic");
    assert_eq!(e["start"], "2025-02-01");
    assert_eq!(e["start_local"], "1446-08-02");
}

#[test]
fn a_day_the_calendar_lacks_is_refused_and_nothing_is_written() {
    let store = fajr_43();
    let before = store.ok(&["log"]);
    // 1403 is a leap year in the Solar Hijri calendar and 1404 is not: 30 Esfand 1404 does not exist.
    let err = store.fails(
        1,
        &[
            "edition",
            "add",
            "--festival",
            "fajr",
            "--number",
            "44",
            "--year",
            "2026",
            "--calendar",
            "persian",
            "--start",
            "1404-12-30",
        ],
    );
    assert!(err.contains("start"), "{err}");
    assert!(err.contains("Solar Hijri"), "{err}");
    assert_eq!(store.ok(&["log"]), before, "nothing was written");
    let err = store.fails(
        2,
        &[
            "edition",
            "add",
            "--festival",
            "fajr",
            "--number",
            "44",
            "--year",
            "2026",
            "--calendar",
            "julian",
        ],
    );
    assert!(err.contains("gregorian, persian or islamic"), "{err}");
}

#[test]
fn the_palmares_shows_the_dates_in_both_calendars() {
    let store = fajr_43();
    let text = store.ok(&["palmares", "--edition", "fajr-43"]);
    assert!(
        text.contains("Dates: 2025-01-31 (1403-11-12 SH) – 2025-02-10 (1403-11-22 SH)"),
        "{text}"
    );
    let md = store.ok(&["palmares", "--edition", "fajr-43", "--format", "md"]);
    assert!(
        md.contains("31 January 2025 (12 Bahman 1403 SH) to 10 February 2025 (22 Bahman 1403 SH)"),
        "{md}"
    );
    let json = store.json(&["palmares", "--edition", "fajr-43", "--format", "json"]);
    assert_eq!(json["calendar"], "persian");
    assert_eq!(json["start"], "2025-01-31");
    assert_eq!(json["start_local"], "1403-11-12");
    assert_eq!(json["end_local"], "1403-11-22");
}

#[test]
fn a_backup_carries_the_calendar() {
    let store = fajr_43();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("backup.json");
    store.ok(&["export", "backup", "--out", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(
        text.contains("\"calendar\": \"Persian\""),
        "the backup names the calendar"
    );
    let restored = TestStore::empty();
    restored.ok(&["import", "backup", file.to_str().unwrap()]);
    let rows = restored.editions(&[]);
    assert_eq!(edition(&rows, "fajr-43")["calendar"], "persian");
    assert_eq!(edition(&rows, "fajr-43")["start_local"], "1403-11-12");
    assert!(restored.ok(&["check"]).contains("store is sound"));
}
