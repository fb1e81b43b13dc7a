//! The documents' models over the demo: who gets a sheet, the numbers, the counts and the log's seal.

use chrono::NaiveDate;
use tempfile::TempDir;

use super::{SheetForm, SheetScope};
use crate::desk::Desk;

fn demo() -> (TempDir, Desk) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let desk = Desk::open(&dir.path().join("store")).expect("a store");
    desk.load_demo().expect("the demo");
    (dir, desk)
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 5, 24).expect("a date")
}

#[test]
fn every_voting_juror_gets_a_sheet_per_category_and_round_numbered_as_on_the_desk() {
    let (_dir, desk) = demo();
    let sheets = desk
        .ballot_sheets("riff-18", &SheetScope::default(), day())
        .expect("sheets");
    let edition = desk.edition("riff-18").expect("edition");
    let jurors = desk.jurors(edition.id).expect("jurors");
    for category in desk.categories(edition.id).expect("categories") {
        let numbers: Vec<u32> = desk
            .nominees(&category)
            .expect("nominees")
            .iter()
            .map(crate::desk::Nominee::number)
            .collect();
        for juror in &jurors {
            let mine: Vec<_> = sheets
                .sheets
                .iter()
                .filter(|s| s.category == category.name && s.juror == juror.name)
                .collect();
            let skipped = sheets
                .unprinted
                .iter()
                .any(|u| u.category == category.name && u.juror == juror.name);
            assert!(
                mine.is_empty() == skipped,
                "{} in {}: a sheet or a reason, never both nor neither",
                juror.name,
                category.name
            );
            for sheet in mine {
                let printed: Vec<u32> = sheet.nominees.iter().map(|n| n.number).collect();
                assert_eq!(printed, numbers);
            }
        }
    }
    let observer = sheets
        .unprinted
        .iter()
        .find(|u| u.juror == "Noor Hassan")
        .expect("the observer is named");
    assert!(observer.reason.contains("observer"));
    let director_rounds: Vec<u32> = sheets
        .sheets
        .iter()
        .filter(|s| s.category == "Best Director" && s.juror == "Mina Sadeghi")
        .map(|s| match s.form {
            SheetForm::Round { number, .. } => number,
            _ => 0,
        })
        .collect();
    assert_eq!(
        director_rounds,
        [1, 2, 3],
        "two absolute rounds and one relative"
    );
}

#[test]
fn one_round_or_one_juror_narrows_the_sheets_and_an_observer_is_refused() {
    let (_dir, desk) = demo();
    let scope = SheetScope {
        category: Some("Best Director".into()),
        juror: Some("Sara Ahmadi".into()),
        round: Some(4),
    };
    let sheets = desk
        .ballot_sheets("riff-18", &scope, day())
        .expect("sheets");
    assert_eq!(sheets.sheets.len(), 1);
    assert_eq!(
        sheets.sheets[0].form,
        SheetForm::Round {
            number: 4,
            absolute: false
        }
    );
    let observer = SheetScope {
        juror: Some("Noor Hassan".into()),
        ..SheetScope::default()
    };
    let refused = desk
        .ballot_sheets("riff-18", &observer, day())
        .expect_err("observers never vote");
    assert!(refused.to_string().contains("observer"), "{refused}");
}

#[test]
fn the_minutes_carry_the_counts_the_awards_and_the_log_head() {
    let (_dir, desk) = demo();
    let minutes = desk.minutes("riff-18", None, day()).expect("minutes");
    assert_eq!(minutes.jury.len(), 7);
    let grand = &minutes.categories[0];
    assert_eq!(grand.name, "Grand Prize");
    let count = grand.count.as_ref().expect("counted");
    assert!(count.preferences.is_some(), "schulze prints its matrix");
    assert!(grand.provisional, "Javad Karimi's ballot is missing");
    assert_eq!(grand.missing, ["Javad Karimi"]);
    let (seq, hash) = desk.log_head().expect("head").expect("a log");
    assert_eq!(minutes.log.head_seq, seq);
    assert_eq!(minutes.log.head_hash, hex::encode(hash));
    assert!(minutes.log.intact);
    assert!(minutes.log.verify_command.ends_with("log --verify"));

    let fajr = desk.minutes("fajr-43", None, day()).expect("minutes");
    let director = &fajr.categories[1];
    let award = director.award.as_ref().expect("awarded by the story");
    assert_eq!(award.winners[0].number, 1);
    assert!(award.how.starts_with("the jury ("), "{}", award.how);
}

#[test]
fn the_press_sheet_keeps_precedence_and_the_original_titles() {
    let (_dir, desk) = demo();
    let press = desk.press_sheet("fajr-43", None, day()).expect("press");
    assert_eq!(press.lines.len(), 13);
    assert_eq!(press.lines[0].category, "Best Film");
    assert!(press.lines[0].winners.is_empty());
    assert_eq!(
        press.lines[1].winners[0].person.as_deref(),
        Some("Hamid Zargarnejad")
    );
    let minutes = desk.minutes("fajr-43", None, day()).expect("minutes");
    let persian = minutes.categories[0]
        .nominees
        .iter()
        .any(|n| n.original_title == "هفت زمستان");
    assert!(persian, "the original title in its own script is carried");
}

#[test]
fn the_verify_command_quotes_a_path_a_shell_would_split() {
    assert_eq!(
        super::verify_command(std::path::Path::new("/data/store")),
        "jurydesk --db /data/store log --verify"
    );
    assert_eq!(
        super::verify_command(std::path::Path::new("/my data/it's")),
        "jurydesk --db '/my data/it'\\''s' log --verify"
    );
}

#[test]
fn a_person_nominee_is_printed_beside_the_name_the_credits_give_in_its_own_script() {
    let (_dir, desk) = demo();
    let edition = desk.edition("fajr-43").expect("edition");
    let row = desk
        .submission_rows(edition.id)
        .expect("rows")
        .into_iter()
        .find(|r| r.film.title == "North from South West")
        .expect("the story's film");
    let film = &row.film;
    let input = crate::desk::SubmissionInput {
        edition: String::new(),
        film: crate::desk::FilmInput {
            title: film.title.clone(),
            original_title: "شمال از جنوب غربی".into(),
            directors: film.directors.clone(),
            original_directors: vec!["حمید زرگرنژاد".into()],
            countries: film.countries.clone(),
            languages: film.languages.clone(),
            synopsis: film.synopsis.clone(),
            ..crate::desk::FilmInput::default()
        },
        section: row.submission.section.clone(),
        status: row.submission.status,
        submitted: row.submission.submitted,
        external_id: row.submission.external_id.clone(),
        notes: row.submission.notes.clone(),
    };
    desk.edit_submission(row.submission.id, &input)
        .expect("edited");
    let press = desk.press_sheet("fajr-43", None, day()).expect("press");
    let director = &press.lines[1].winners[0];
    assert_eq!(director.person.as_deref(), Some("Hamid Zargarnejad"));
    assert_eq!(director.original_label, "حمید زرگرنژاد (شمال از جنوب غربی)");
    let film_line = press
        .lines
        .iter()
        .flat_map(|l| &l.winners)
        .find(|w| w.person.is_none() && w.title == "North from South West");
    if let Some(line) = film_line {
        assert_eq!(
            line.original_label, "شمال از جنوب غربی",
            "a film: its title"
        );
    }
}
