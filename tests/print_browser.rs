//! The printed documents in a real browser (issue 16 item 5): the demo's Fajr 43 minutes and RIFF 18
//! ballots (and minutes) printed to PDF by headless Chromium, then read back with poppler: the page
//! count, the Persian title of a demo film and every juror's name. Page 1 of each PDF (and the Fajr
//! minutes' page 2, its first with Persian titles) is kept as a PNG under target/tmp/print-browser and
//! its path printed, to be looked at.
//!
//! `.ci/run` installs Debian's `chromium` and `poppler-utils`, so under CI a missing browser fails
//! the run; elsewhere the test is skipped, loudly (`common::cannot_run_here`).

// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use common::deadline::output_within;
use common::{TestStore, array, cannot_run_here};

const TOOLS: [&str; 4] = ["chromium", "pdfinfo", "pdftotext", "pdftoppm"];

fn missing_tool() -> Option<&'static str> {
    TOOLS.into_iter().find(|tool| {
        Command::new("sh")
            .args(["-c", &format!("command -v {tool}")])
            .output()
            .map_or(true, |o| !o.status.success())
    })
}

/// Where the PNGs are kept: target/tmp/print-browser.
fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("print-browser");
    std::fs::create_dir_all(&dir).expect("the artifacts' folder");
    dir
}

fn run(mut command: Command, what: &str) -> String {
    command.env("LC_ALL", "C.UTF-8");
    let out = output_within(command, Duration::from_secs(120), what);
    assert!(
        out.status.success(),
        "{what} failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// Prints `html` to a PDF with headless Chromium: no network, no first-run chores, a fresh profile.
fn to_pdf(html: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().expect("a profile folder");
    let mut chromium = Command::new("chromium");
    chromium.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-pdf-header-footer",
    ]);
    chromium.arg(format!("--user-data-dir={}", profile.path().display()));
    chromium.arg(format!("--print-to-pdf={}", pdf.display()));
    chromium.arg(format!("file://{}", html.display()));
    run(chromium, "chromium --print-to-pdf");
    assert!(pdf.exists(), "chromium wrote no PDF");
}

fn pages(pdf: &Path) -> usize {
    let info = run(
        {
            let mut c = Command::new("pdfinfo");
            c.arg(pdf);
            c
        },
        "pdfinfo",
    );
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count:\n{info}"))
}

/// The PDF's text as poppler extracts it, without the bidi marks it wraps right-to-left runs in,
/// compatibility-normalised (so presentation forms read as the letters they shape).
fn text(pdf: &Path) -> String {
    let raw = run(
        {
            let mut c = Command::new("pdftotext");
            c.arg(pdf).arg("-");
            c
        },
        "pdftotext",
    );
    raw.chars()
        .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .collect::<String>()
        .nfkc()
        .collect()
}

/// A page as a PNG (80 dpi) kept under target/, its path printed past the test harness's capture.
fn keep_page(pdf: &Path, name: &str, page: usize) -> PathBuf {
    let name = format!("{name}-page-{page}");
    let stem = artifacts().join(&name);
    let page = page.to_string();
    let mut c = Command::new("pdftoppm");
    c.args(["-png", "-r", "80", "-f", &page, "-l", &page, "-singlefile"])
        .arg(pdf)
        .arg(&stem);
    run(c, "pdftoppm");
    let png = stem.with_extension("png");
    assert!(png.exists(), "pdftoppm wrote no {}", png.display());
    let _ = writeln!(
        std::io::stderr(),
        "print_browser: {name} is at {}",
        png.display()
    );
    png
}

fn print(store: &TestStore, what: &str, edition: &str, out: &Path) -> String {
    let out_arg = out.display().to_string();
    store.ok(&["print", what, "--edition", edition, "--out", &out_arg]);
    std::fs::read_to_string(out).expect("the printed file")
}

fn juror_names(store: &TestStore, edition: &str) -> Vec<(String, String)> {
    array(store.json(&["list", "jurors", "--edition", edition, "--format", "json"]))
        .iter()
        .map(|j: &Value| {
            (
                j["name"].as_str().expect("a name").to_string(),
                j["role"].as_str().expect("a role").to_string(),
            )
        })
        .collect()
}

#[test]
fn the_demo_prints_to_pdf_with_persian_titles_and_every_jurors_name() {
    if let Some(tool) = missing_tool() {
        cannot_run_here(
            "print_browser",
            "BROWSER",
            &format!(
                "{tool} is not installed (Debian's chromium and poppler-utils; .ci/run installs them)"
            ),
        );
        return;
    }
    let store = TestStore::with_demo();
    let work = tempfile::tempdir().expect("a folder");

    // Fajr 43's minutes: a cover, a sheet per category (13), the closing sheet.
    let html = work.path().join("fajr-43-minutes.html");
    let source = print(&store, "minutes", "fajr-43", &html);
    let sheets = source.matches("<section class=\"sheet").count();
    assert_eq!(sheets, 15);
    let pdf = work.path().join("fajr-43-minutes.pdf");
    to_pdf(&html, &pdf);
    let n = pages(&pdf);
    assert!(
        (sheets..=sheets * 2).contains(&n),
        "{n} pages for {sheets} sheets: each sheet starts a page"
    );
    let fajr = text(&pdf);
    assert!(
        fajr.contains("هفت زمستان"),
        "the Persian title of Seven Winters:\n{fajr}"
    );
    assert!(fajr.contains("بچه‌های رودخانه") || fajr.contains("بچههای رودخانه"));
    assert!(fajr.contains("Minutes of the jury's deliberation"));
    for (name, _) in juror_names(&store, "fajr-43") {
        assert!(fajr.contains(&name), "{name} in the Fajr minutes");
    }
    keep_page(&pdf, "fajr-43-minutes", 1);
    // Page 2: Best Film, whose nominees' Persian titles are printed beside the English ones.
    keep_page(&pdf, "fajr-43-minutes", 2);

    // RIFF 18's ballots: one page per sheet exactly, every voting juror named on them.
    let html = work.path().join("riff-18-ballots.html");
    let source = print(&store, "ballots", "riff-18", &html);
    let sheets = source.matches("<section class=\"sheet").count();
    let pdf = work.path().join("riff-18-ballots.pdf");
    to_pdf(&html, &pdf);
    assert_eq!(pages(&pdf), sheets, "a ballot sheet is one page");
    let ballots = text(&pdf);
    assert!(
        ballots.contains("جاده نمک"),
        "the Persian title of The Salt Road:\n{ballots}"
    );
    for (name, role) in juror_names(&store, "riff-18") {
        if role != "observer" {
            assert!(ballots.contains(&name), "{name} on the ballots");
        }
    }
    keep_page(&pdf, "riff-18-ballots", 1);

    // RIFF 18's minutes: every juror, observers too, is named (and signs).
    let html = work.path().join("riff-18-minutes.html");
    print(&store, "minutes", "riff-18", &html);
    let pdf = work.path().join("riff-18-minutes.pdf");
    to_pdf(&html, &pdf);
    let minutes = text(&pdf);
    for (name, _) in juror_names(&store, "riff-18") {
        assert!(
            minutes.matches(&name).count() >= 2,
            "{name}: in the jury and a signature line"
        );
    }
    assert!(minutes.contains("log --verify"));
}
