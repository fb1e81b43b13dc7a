//! The forms against a real store: what they write, and where each refusal lands.

use tempfile::TempDir;

use super::{Form, FormTarget};
use crate::desk::{Desk, EditionInput, FestivalInput};
use chrono::NaiveDate;

use crate::domain::{Calendar, CategoryKind, EditionEvent, Method, TieBreak};
use crate::tui::form::FieldKey;

fn desk() -> (TempDir, Desk) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let desk = Desk::open(&dir.path().join("store")).expect("a store");
    (dir, desk)
}

/// A desk with festival `fajr` and its edition `fajr-43`.
fn desk_with_edition() -> (TempDir, Desk) {
    let (dir, desk) = desk();
    desk.add_festival(&FestivalInput {
        code: "fajr".into(),
        name: "Fajr Film Festival".into(),
        ..FestivalInput::default()
    })
    .expect("festival");
    desk.add_edition(&EditionInput {
        festival: "fajr".into(),
        number: 43,
        year: 2025,
        events: vec![EditionEvent {
            name: "International week".into(),
            place: "Mashhad".into(),
            start: None,
            end: None,
            partners: Vec::new(),
            venues: Vec::new(),
        }],
        ..EditionInput::default()
    })
    .expect("edition");
    (dir, desk)
}

fn set(form: &mut Form, label: &str, value: &str) {
    let field = form
        .fields
        .iter_mut()
        .find(|f| f.label == label)
        .unwrap_or_else(|| panic!("no field {label}"));
    field.value = value.to_string();
    field.cursor = value.chars().count();
}

fn error<'a>(form: &'a Form, label: &str) -> Option<&'a str> {
    form.fields
        .iter()
        .find(|f| f.label == label)
        .and_then(|f| f.error.as_deref())
}

#[test]
fn a_festival_is_added_and_a_bad_code_is_refused_at_its_field() {
    let (_dir, desk) = desk();
    let mut form = Form::add_festival();
    set(&mut form, "Code", "Fajr Festival");
    set(&mut form, "Name", "Fajr Film Festival");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Code").is_some_and(|e| e.contains("lowercase")));
    assert_eq!(form.focus, 0);

    set(&mut form, "Code", "fajr");
    set(
        &mut form,
        "Organisers",
        "Farabi Cinema Foundation، Ministry of Culture",
    );
    let done = form.submit(&desk).expect("added");
    assert_eq!(done, "added festival fajr: Fajr Film Festival");
    let festival = desk.festival("fajr").expect("stored");
    assert_eq!(
        festival.organisers,
        ["Farabi Cinema Foundation", "Ministry of Culture"]
    );

    // The same code again: a refusal about no single field goes to the form's message.
    assert_eq!(form.submit(&desk), Err(()));
    assert!(
        form.message
            .as_deref()
            .is_some_and(|m| m.contains("already exists"))
    );
    assert!(!form.has_errors());
}

#[test]
fn editing_a_festival_keeps_its_code() {
    let (_dir, desk) = desk_with_edition();
    let festival = desk.festival("fajr").expect("festival");
    let mut form = Form::edit_festival(&festival);
    assert!(form.fields.iter().all(|f| f.label != "Code"));
    set(&mut form, "Name", "");
    assert_eq!(form.submit(&desk), Err(()));
    assert_eq!(error(&form, "Name"), Some("must not be empty"));
    set(&mut form, "Name", "Fajr International Film Festival");
    assert_eq!(
        form.submit(&desk),
        Ok("saved festival fajr: Fajr International Film Festival".into())
    );
}

#[test]
fn a_persian_edition_s_dates_are_typed_and_shown_in_its_calendar() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_edition("fajr");
    set(&mut form, "Number", "۴۴");
    set(&mut form, "Year", "۲۰۲۶");
    set(&mut form, "Calendar", "persian");
    set(&mut form, "Start", "۱۴۰۴-۱۱-۱۲");
    set(&mut form, "End", "١٤٠٤-١١-٢٢");
    assert_eq!(
        form.submit(&desk),
        Ok("added edition fajr-44 (2026)".into())
    );
    let edition = desk.edition("fajr-44").expect("edition");
    assert_eq!(edition.calendar, Calendar::Persian);
    assert_eq!(edition.start, NaiveDate::from_ymd_opt(2026, 2, 1));
    assert_eq!(edition.end, NaiveDate::from_ymd_opt(2026, 2, 11));
    // Editing shows the dates as they were typed, in the edition's calendar.
    let form = Form::edit_edition(&edition);
    assert_eq!(form.value(FieldKey::Calendar), "persian");
    assert_eq!(form.value(FieldKey::Start), "1404-11-12");
    assert_eq!(form.value(FieldKey::End), "1404-11-22");
}

#[test]
fn an_unknown_calendar_or_a_day_it_lacks_is_marked_on_its_field() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_edition("fajr");
    set(&mut form, "Number", "44");
    set(&mut form, "Year", "2026");
    set(&mut form, "Calendar", "julian");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Calendar").is_some_and(|e| e.contains("gregorian, persian or islamic")));
    set(&mut form, "Calendar", "persian");
    // 1404 is not a leap year: Esfand has 29 days.
    set(&mut form, "Start", "1404-12-30");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Start").is_some_and(|e| e.contains("Solar Hijri")));
    assert!(desk.edition("fajr-44").is_err(), "nothing was written");
}

#[test]
fn an_edition_reports_every_bad_field_at_once() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_edition("fajr");
    assert_eq!(form.target, FormTarget::AddEdition);
    assert_eq!(form.value(FieldKey::Festival), "fajr");
    assert_eq!(form.focused().map(|f| f.label), Some("Number"));
    set(&mut form, "Number", "forty-four");
    set(&mut form, "Year", "");
    set(&mut form, "Start", "2026-02-30");
    set(&mut form, "End", "17/02/2026");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Number").is_some_and(|e| e.contains("whole number")));
    assert!(error(&form, "Year").is_some_and(|e| e.contains("must not be empty")));
    assert!(error(&form, "Start").is_some_and(|e| e.contains("YYYY-MM-DD")));
    assert!(error(&form, "End").is_some());
    assert_eq!(form.focused().map(|f| f.label), Some("Number"));

    // Persian digits are digits; a blank year is the start's; the desk checks the order of dates.
    set(&mut form, "Number", "۴۴");
    set(&mut form, "Start", "2026-02-10");
    set(&mut form, "End", "2026-02-01");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "End").is_some_and(|e| e.contains("before the start")));
    assert_eq!(error(&form, "Number"), None);

    set(&mut form, "End", "2026-02-20");
    set(
        &mut form,
        "Sections",
        "International Competition, Eastern Vista",
    );
    assert_eq!(
        form.submit(&desk),
        Ok("added edition fajr-44 (2026)".into())
    );
    let edition = desk.edition("fajr-44").expect("stored");
    assert_eq!(edition.sections.len(), 2);
}

/// A festival without editions shows nowhere in the panes; the edition form is where it gets one,
/// so its festival is a field, and a wrong one is refused there with the codes that exist.
#[test]
fn an_edition_names_its_festival_in_a_field() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_edition("");
    assert_eq!(form.focused().map(|f| f.label), Some("Festival"));
    set(&mut form, "Number", "1");
    set(&mut form, "Year", "2026");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Festival").is_some_and(|e| e.contains("must not be empty")));
    set(&mut form, "Festival", "cannes");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(
        error(&form, "Festival").is_some_and(|e| e.contains("cannes") && e.contains("fajr")),
        "{:?}",
        error(&form, "Festival")
    );
    assert_eq!(form.focused().map(|f| f.label), Some("Festival"));
    set(&mut form, "Festival", " fajr ");
    assert_eq!(form.submit(&desk), Ok("added edition fajr-1 (2026)".into()));
}

#[test]
fn editing_an_edition_keeps_its_side_events() {
    let (_dir, desk) = desk_with_edition();
    let edition = desk.edition("fajr-43").expect("edition");
    let mut form = Form::edit_edition(&edition);
    assert_eq!(form.value(FieldKey::Year), "2025");
    set(&mut form, "Year", "1066");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Year").is_some_and(|e| e.contains("plausible")));
    set(&mut form, "Year", "2025");
    set(&mut form, "Place", "Tehran");
    assert_eq!(
        form.submit(&desk),
        Ok("saved edition fajr-43 (2025)".into())
    );
    let edition = desk.edition("fajr-43").expect("edition");
    assert_eq!(edition.place, "Tehran");
    assert_eq!(
        edition.events.len(),
        1,
        "events are not on the form, and stay"
    );
}

#[test]
fn a_submission_is_parsed_then_checked_by_the_desk() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_submission("fajr-43");
    assert_eq!(form.value(FieldKey::Status), "received");
    set(&mut form, "Title", "");
    set(&mut form, "Runtime", "an hour");
    set(&mut form, "Status", "accepted");
    set(&mut form, "Year", "20x4");
    set(&mut form, "Submitted", "yesterday");
    assert_eq!(form.submit(&desk), Err(()));
    for label in ["Runtime", "Status", "Year", "Submitted"] {
        assert!(error(&form, label).is_some(), "{label} should be refused");
    }
    // Title is the desk's rule: it is checked once the form's own parsing passes.
    assert_eq!(error(&form, "Title"), None);

    set(&mut form, "Runtime", "0");
    set(&mut form, "Status", "Shortlisted");
    set(&mut form, "Year", "2024");
    set(&mut form, "Submitted", "2024-11-02");
    assert_eq!(form.submit(&desk), Err(()));
    assert_eq!(error(&form, "Title"), Some("must not be empty"));

    set(&mut form, "Title", "Children of Heaven");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Runtime").is_some_and(|e| e.contains("at least 1 minute")));

    set(&mut form, "Runtime", "1:29");
    set(&mut form, "Original title", "بچه‌های آسمان");
    set(&mut form, "Directors", "Majid Majidi");
    set(&mut form, "Countries", "Iran");
    let done = form.submit(&desk).expect("added");
    assert!(done.starts_with("added submission ") && done.ends_with(": Children of Heaven"));
    let edition = desk.edition("fajr-43").expect("edition");
    let rows = desk.submission_rows(edition.id).expect("rows");
    let row = &rows[0];
    assert_eq!(row.film.runtime_minutes, Some(89));
    assert_eq!(row.film.original_title, "بچه\u{200C}های آسمان");
    assert_eq!(row.submission.status.as_str(), "shortlisted");

    // A second submission with the same outside id is refused at that field.
    let mut first = Form::edit_submission(&row.submission, &row.film);
    set(&mut first, "External id", "FF-1");
    assert!(first.submit(&desk).is_ok());
    let mut other = Form::add_submission("fajr-43");
    set(&mut other, "Title", "The Color of Paradise");
    set(&mut other, "External id", "FF-1");
    assert_eq!(other.submit(&desk), Err(()));
    assert!(error(&other, "External id").is_some_and(|e| e.contains("already used")));
}

#[test]
fn editing_a_submission_changes_the_film_but_not_the_status() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_submission("fajr-43");
    set(&mut form, "Title", "Reel Memories");
    form.submit(&desk).expect("added");
    let edition = desk.edition("fajr-43").expect("edition");
    let row = desk.submission_rows(edition.id).expect("rows").remove(0);

    let mut form = Form::edit_submission(&row.submission, &row.film);
    assert!(form.fields.iter().all(|f| f.label != "Status"));
    set(&mut form, "Title", "紙灯籠 🎞");
    form.focus = form
        .fields
        .iter()
        .position(|f| f.label == "Synopsis")
        .unwrap_or(0);
    form.set_editor_text("Line one.\nLine two.".into());
    let done = form.submit(&desk).expect("saved");
    assert_eq!(
        done,
        format!("saved submission {}: 紙灯籠 🎞", row.submission.id)
    );
    let film = desk.film(row.film.id).expect("film");
    assert_eq!(film.synopsis, "Line one.\nLine two.");
}

#[test]
fn a_category_reports_every_bad_word_and_then_is_added() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_category("fajr-43");
    set(&mut form, "Name", "Best Director");
    set(&mut form, "Kind", "group");
    set(&mut form, "Method", "approval");
    set(&mut form, "Tie-breaks", "borda, draw:soon");
    set(&mut form, "Ex aequo", "maybe");
    set(&mut form, "Precedence", "first");
    assert_eq!(form.submit(&desk), Err(()));
    for label in ["Kind", "Method", "Tie-breaks", "Ex aequo", "Precedence"] {
        assert!(error(&form, label).is_some(), "{label} should be refused");
    }
    assert_eq!(form.focus, 2);

    set(&mut form, "Kind", "Person");
    set(&mut form, "Method", "majority-rounds:0");
    set(&mut form, "Tie-breaks", "casting-vote, draw:2025");
    set(&mut form, "Ex aequo", "yes");
    set(&mut form, "Precedence", "");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Method").is_some());

    set(&mut form, "Method", "irv");
    let done = form.submit(&desk).expect("added");
    assert!(
        done.ends_with("Best Director (person, counted by irv)"),
        "{done}"
    );
    let edition = desk.edition("fajr-43").expect("edition");
    let category = desk.category(&edition, "Best Director").expect("stored");
    assert_eq!(category.kind, CategoryKind::Person);
    assert_eq!(category.method, Method::Irv);
    assert_eq!(
        category.tie_breaks,
        [TieBreak::CastingVote, TieBreak::Draw { seed: 2025 }]
    );
    assert!(category.ex_aequo_allowed && !category.mandatory);
}

#[test]
fn a_juror_is_seated_once_and_a_second_president_is_refused() {
    let (_dir, desk) = desk_with_edition();
    let mut form = Form::add_juror("fajr-43");
    set(&mut form, "Name", "Javad Karimi");
    set(&mut form, "Role", "chair");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Role").is_some_and(|e| e.contains("president, member or observer")));
    set(&mut form, "Role", "president");
    let done = form.submit(&desk).expect("seated");
    assert!(done.ends_with("Javad Karimi (president)"), "{done}");

    let mut second = Form::add_juror("fajr-43");
    set(&mut second, "Name", "Leila Rahimi");
    set(&mut second, "Role", "president");
    assert_eq!(second.submit(&desk), Err(()));
    assert!(
        second
            .message
            .as_deref()
            .is_some_and(|m| m.contains("already has a president"))
    );
}

#[test]
fn an_unknown_edition_is_a_message_not_a_panic() {
    let (_dir, desk) = desk();
    let mut form = Form::add_juror("nowhere-1");
    set(&mut form, "Name", "Someone");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(
        form.message
            .as_deref()
            .is_some_and(|m| m.contains("not found"))
    );
}

#[test]
fn an_untouched_edit_form_of_a_category_or_juror_saves_nothing() {
    let (_dir, desk) = desk_with_edition();
    let mut add = Form::add_category("fajr-43");
    set(&mut add, "Name", "Best Film");
    set(&mut add, "Method", "majority-rounds:3");
    set(&mut add, "Tie-breaks", "casting-vote, draw:2025");
    set(&mut add, "Ex aequo", "yes");
    add.submit(&desk).expect("added");
    let mut add = Form::add_juror("fajr-43");
    set(&mut add, "Name", "Mina Sadeghi");
    set(&mut add, "Notes", "line one\nline two");
    add.submit(&desk).expect("seated");
    let edition = desk.edition("fajr-43").expect("edition");
    let category = desk.category(&edition, "Best Film").expect("stored");
    let juror = desk.juror(&edition, "Mina Sadeghi").expect("stored");

    // Three absolute-majority rounds must come back as three, not as the default two.
    let mut form = Form::edit_category("fajr-43", &category);
    assert_eq!(form.value(FieldKey::Method), "majority-rounds:3");
    let done = form.submit(&desk).expect("saved");
    assert!(done.starts_with("no change to category"), "{done}");
    let mut form = Form::edit_juror("fajr-43", &juror);
    let done = form.submit(&desk).expect("saved");
    assert!(done.starts_with("no change to juror"), "{done}");
    assert_eq!(
        desk.category(&edition, "Best Film").expect("kept"),
        category
    );
    assert_eq!(desk.juror(&edition, "Mina Sadeghi").expect("kept"), juror);
}

#[test]
fn an_edit_refused_by_the_desk_lands_on_the_field_it_names() {
    let (_dir, desk) = desk_with_edition();
    for name in ["Best Film", "Best Actor"] {
        let mut add = Form::add_category("fajr-43");
        set(&mut add, "Name", name);
        add.submit(&desk).expect("added");
    }
    let edition = desk.edition("fajr-43").expect("edition");
    let category = desk.category(&edition, "Best Actor").expect("stored");
    let mut form = Form::edit_category("fajr-43", &category);
    set(&mut form, "Name", "best film");
    set(&mut form, "Precedence", "0");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(
        error(&form, "Name").is_some_and(|e| e.contains("already has a category named")),
        "{form:?}"
    );
    assert_eq!(form.focus, 0);
    set(&mut form, "Name", "Best Actress");
    assert_eq!(form.submit(&desk), Err(()));
    assert!(error(&form, "Precedence").is_some_and(|e| e.contains("top prize")));
    assert_eq!(form.focus, 7);
    // The desk calls the ex-aequo field `ex-aequo`; the form shows it as `Ex aequo`.
    set(&mut form, "Precedence", "");
    set(&mut form, "Ex aequo", "yes");
    form.submit(&desk).expect("shareable");
    for title in ["Alpha", "Beta"] {
        let mut input = crate::desk::SubmissionInput {
            edition: "fajr-43".into(),
            ..Default::default()
        };
        input.film.title = title.into();
        desk.add_submission(&input).expect("entered");
        desk.nominate("fajr-43", "Best Actress", title, None)
            .expect("nominated");
    }
    desk.record_award(
        "fajr-43",
        "Best Actress",
        &crate::desk::AwardChoice::Manual {
            winners: vec!["Alpha".into(), "Beta".into()],
            reason: "ex aequo".into(),
        },
    )
    .expect("shared");
    let category = desk.category(&edition, "Best Actress").expect("stored");
    let mut form = Form::edit_category("fajr-43", &category);
    set(&mut form, "Ex aequo", "no");
    assert_eq!(form.submit(&desk), Err(()));
    // The award freezes the category: said on the form, in the desk's words (its key, no command).
    let message = form.message.clone().unwrap_or_default();
    assert!(
        message.contains("recorded award") && message.contains("W in the count"),
        "{form:?}"
    );
    assert!(!message.contains("jurydesk award withdraw"), "{message}");
}
