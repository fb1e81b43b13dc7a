//! Every template renders over every demo edition in both formats, and dates go through the edition.

use chrono::NaiveDate;

use super::{Document, Format, file_name, print};
use crate::desk::Desk;
use crate::desk::documents::SheetScope;

#[test]
fn every_document_renders_for_every_demo_edition_in_both_formats() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let desk = Desk::open(&dir.path().join("store")).expect("a store");
    desk.load_demo().expect("the demo");
    let day = NaiveDate::from_ymd_opt(2025, 5, 24).expect("a date");
    for edition in ["fajr-43", "riff-18"] {
        for document in Document::ALL {
            for format in [Format::Html, Format::Md] {
                let printed = print(
                    &desk,
                    edition,
                    document,
                    &SheetScope::default(),
                    format,
                    day,
                );
                let printed = match (printed, document, edition) {
                    // fajr-43 seats no jury in the demo: there is no ballot to print, and it says so.
                    (Err(e), Document::Ballots, "fajr-43") => {
                        assert!(e.to_string().contains("juror add"), "{e}");
                        continue;
                    }
                    (printed, ..) => printed.unwrap_or_else(|e| {
                        panic!("{edition} {} {format:?}: {e}", document.name())
                    }),
                };
                assert!(
                    printed.text.contains("24 May 2025"),
                    "{edition} {}: the date",
                    document.name()
                );
                if format == Format::Html {
                    assert!(printed.text.starts_with("<!DOCTYPE html>"));
                    assert!(!printed.text.contains("<script"));
                }
            }
        }
    }
}

#[test]
fn file_names_are_safe_slugs() {
    assert_eq!(
        file_name("riff-18", Document::Minutes, Format::Html),
        "riff-18-minutes.html"
    );
    assert_eq!(
        file_name("../x y", Document::Palmares, Format::Md),
        "___x_y-palmares.md"
    );
}
