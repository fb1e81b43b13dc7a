//! The hostile store the command-line, desk and pseudo-terminal tests share: everything a hostile
//! title or name can hold, put in through every way in (`import filmfreeway`, `import csv --map`,
//! `submission add`, `category add`, `juror add`, `festival add`), and, for `raw_store`, what no way
//! in writes but a store written before text was cleaned everywhere can hold.
#![allow(dead_code)]

use std::path::PathBuf;

use jurydesk::domain::{Category, Festival, Film, MAX_LINE_CHARS};
use jurydesk::store::Store;
use jurydesk::text::is_bidi_control;

use crate::common::TestStore;

pub fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/hostile")
        .join(name)
        .display()
        .to_string()
}

pub const ESC: &str = "\u{1b}";
/// The marks stacked (twice) on each letter of the fixture's "Zalgo" title (`make.py`).
pub const ZALGO_MARKS: &str = "\u{0336}\u{0334}\u{0337}\u{0338}\u{0321}\u{0322}\u{0327}\u{0328}\u{031b}\u{0340}\u{0341}\u{0358}";
/// The longest title any way in takes (`MAX_LINE_CHARS`), typed on the command line.
pub fn longest_title() -> String {
    "T".repeat(MAX_LINE_CHARS)
}

/// A title of 10,000 characters: no way in stores it; `raw_store` holds one.
pub fn ten_thousand() -> String {
    "T".repeat(10_000)
}

/// A festival, edition, category and juror with hostile names, and the hostile fixtures imported.
/// Returns the store and the stderr of both imports.
pub fn hostile_store() -> (TestStore, String) {
    let store = TestStore::empty();
    store.ok(&[
        "festival",
        "add",
        "--code",
        "hx",
        "--name",
        &format!("Hostile {ESC}]0;pwned\u{7}Fest\u{202E}"),
    ]);
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
    // Imported from the fixtures' own directory, so that the records (which say where they were
    // imported from) are the same on every machine.
    let mut warnings = String::new();
    for args in [
        &[
            "import",
            "filmfreeway",
            "filmfreeway.csv",
            "--edition",
            "hx-1",
        ][..],
        &[
            "import",
            "csv",
            "mapped.csv",
            "--edition",
            "hx-1",
            "--map",
            "title=Titel",
            "--map",
            "director=Regie",
            "--map",
            "countries=Land",
            "--map",
            "notes=Notizen",
        ],
    ] {
        let assert = store
            .cmd()
            .current_dir(fixture(""))
            .args(args)
            .assert()
            .success();
        let output = assert.get_output();
        assert_no_raw_controls("import stdout", &output.stdout);
        assert_no_raw_controls("import stderr", &output.stderr);
        warnings.push_str(&String::from_utf8_lossy(&output.stderr));
    }
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "hx-1",
        "--title",
        &longest_title(),
        "--director",
        &format!("Ten{ESC}[2J Thousand\u{202E}"),
    ]);
    store.ok(&[
        "submission",
        "add",
        "--edition",
        "hx-1",
        "--title",
        // (No NUL: an argument cannot hold one; files can, and the fixture's do.)
        &format!("Typed {ESC}]0;pwned\u{7}Title{ESC}[2J\u{9b}31m\r\u{8}"),
        "--cast",
        &format!("Z{}", "\u{0336}".repeat(30)),
    ]);
    store.ok(&[
        "category",
        "add",
        "--edition",
        "hx-1",
        "--name",
        &format!("Best {ESC}]0;pwned\u{7}Film\u{202E}"),
    ]);
    store.ok(&[
        "juror",
        "add",
        "--edition",
        "hx-1",
        "--name",
        &format!("Juror {ESC}[2J{ESC}]52;c;cm0gLXJm\u{7}Zed\u{2066}"),
    ]);
    for title in ["Reversed Title", "Window Title", "Typed Title"] {
        store.ok(&[
            "nominate",
            "--edition",
            "hx-1",
            "--category",
            "Best Film",
            "--submission",
            title,
        ]);
    }
    (store, warnings)
}

/// No ESC, BEL, backspace, NUL or C1 control, and no bidi control, in bytes meant for a terminal.
pub fn assert_no_raw_controls(what: &str, bytes: &[u8]) {
    let text =
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| (c.is_control() && c != '\n') || is_bidi_control(c))
        .collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{text}");
}

/// A store holding what no way in writes: raw escape sequences, C1 and bidi controls in a title, a
/// director, the festival's name (shown in the desk's title bar) and a category's name, and a title
/// of 10,000 characters. A store written before every way in cleaned its text (or by a tool of the
/// festival's own) can hold them, and whatever jurydesk shows must still be safe; they are put there
/// through the store itself, as no command of jurydesk would.
pub fn raw_store() -> TestStore {
    let (store, _) = hostile_store();
    let db = Store::open(&store.path()).expect("the hostile store opens");
    let films: Vec<Film> = db.all().expect("the films");
    let film = |title: &str| {
        films
            .iter()
            .find(|f| f.title == title)
            .cloned()
            .unwrap_or_else(|| panic!("no film titled {title:?}"))
    };
    let mut plain = film("Plain Neighbour");
    plain.title = format!("Raw{ESC}]0;pwned\u{7}{ESC}[2J\u{9b}31m\u{202E}Title\0\u{7f}");
    plain.directors = vec![format!("Dir{ESC}[31m\u{85}ector")];
    let mut long = film(&longest_title());
    long.title = ten_thousand();
    let mut festival: Festival = db
        .all()
        .expect("the festivals")
        .into_iter()
        .next()
        .expect("a festival");
    festival.name = format!("Hostile{ESC}]0;pwned\u{7}Fest\u{202E}");
    let categories: Vec<Category> = db.all().expect("the categories");
    let mut best = categories
        .into_iter()
        .find(|c| c.name == "Best Film")
        .expect("the category");
    best.name = format!("Best{ESC}[2J\u{8}\u{8}Film");
    jurydesk::store::testing::write_behind_the_desk(&db, "test: text no way in writes", |change| {
        change.put(&plain)?;
        change.put(&long)?;
        change.put(&festival)?;
        change.put(&best)
    })
    .expect("committed");
    drop(db);
    store
}
