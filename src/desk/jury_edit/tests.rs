//! Editing categories, jurors and nominees against a real store: what is written, what is refused and
//! on which field, what the edit says about ballots, and that one undo takes it all back.

use tempfile::TempDir;

use super::*;
use crate::desk::{AwardChoice, BallotEntry, EditionInput, FestivalInput, SubmissionInput};
use crate::domain::{EditionState, TieBreak};

const EDITION: &str = "test-1";

/// An edition with three films, a film category counted by Schulze with two ranked ballots, a person
/// category, and a jury of a president, a member and an observer.
fn jury_desk() -> (TempDir, Desk) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let desk = Desk::open(&dir.path().join("store")).expect("a store");
    desk.add_festival(&FestivalInput {
        code: "test".into(),
        name: "Test Festival".into(),
        ..FestivalInput::default()
    })
    .expect("festival");
    desk.add_edition(&EditionInput {
        festival: "test".into(),
        number: 1,
        year: 2025,
        ..EditionInput::default()
    })
    .expect("edition");
    for title in ["Alpha", "Beta", "Gamma"] {
        let mut input = SubmissionInput {
            edition: EDITION.into(),
            ..SubmissionInput::default()
        };
        input.film.title = title.into();
        desk.add_submission(&input).expect("submission");
    }
    for (name, kind, method) in [
        ("Best Film", CategoryKind::Film, Method::Schulze),
        ("Best Director", CategoryKind::Person, Method::Plurality),
    ] {
        desk.add_category(&category_input(name, kind, method))
            .expect("category");
    }
    for title in ["Alpha", "Beta", "Gamma"] {
        desk.nominate(EDITION, "Best Film", title, None)
            .expect("nominated");
    }
    for (title, person) in [("Alpha", "Ada Director"), ("Beta", "Ben Director")] {
        desk.nominate(EDITION, "Best Director", title, Some(person))
            .expect("nominated");
    }
    for (name, role) in [
        ("Pia President", JurorRole::President),
        ("Mo Member", JurorRole::Member),
        ("Oz Observer", JurorRole::Observer),
    ] {
        desk.add_juror(&juror_input(name, role)).expect("juror");
    }
    for juror in ["Pia President", "Mo Member"] {
        desk.set_ballot(
            EDITION,
            "Best Film",
            juror,
            &BallotEntry::Ranked(vec!["1".into(), "2".into(), "3".into()]),
        )
        .expect("ballot");
    }
    (dir, desk)
}

fn category_input(name: &str, kind: CategoryKind, method: Method) -> CategoryInput {
    CategoryInput {
        edition: EDITION.into(),
        name: name.into(),
        prize: String::new(),
        kind,
        method,
        tie_breaks: Vec::new(),
        ex_aequo_allowed: false,
        mandatory: false,
        precedence: None,
    }
}

fn juror_input(name: &str, role: JurorRole) -> JurorInput {
    JurorInput {
        edition: EDITION.into(),
        name: name.into(),
        original_name: String::new(),
        role,
        notes: String::new(),
    }
}

/// The input that would leave `category` exactly as it is.
fn as_is(category: &Category) -> CategoryInput {
    CategoryInput {
        edition: String::new(),
        name: category.name.clone(),
        prize: category.prize.clone(),
        kind: category.kind,
        method: category.method,
        tie_breaks: category.tie_breaks.clone(),
        ex_aequo_allowed: category.ex_aequo_allowed,
        mandatory: category.mandatory,
        precedence: Some(category.precedence),
    }
}

fn edition(desk: &Desk) -> Edition {
    desk.edition(EDITION).expect("the edition")
}

fn category(desk: &Desk, name: &str) -> Category {
    desk.category(&edition(desk), name).expect("the category")
}

fn juror(desk: &Desk, name: &str) -> Juror {
    desk.juror(&edition(desk), name).expect("the juror")
}

fn log_length(desk: &Desk) -> u64 {
    desk.store()
        .log_head()
        .expect("the log")
        .map_or(0, |(seq, _)| seq)
}

/// The field an `Invalid` refusal names; panics on anything else.
fn refused_field<T: std::fmt::Debug>(result: Result<T>) -> (&'static str, String) {
    match result {
        Err(DeskError::Invalid { field, message }) => (field, message),
        other => panic!("expected a refusal of one field, got {other:?}"),
    }
}

fn award_best_film(desk: &Desk) {
    desk.record_award(EDITION, "Best Film", &AwardChoice::FromCount)
        .expect("both ballots put Alpha first");
}

fn finalize(desk: &Desk) {
    let mut edition = edition(desk);
    edition.state = EditionState::Finalized;
    let mut tx = desk.store.begin();
    tx.put(&edition).expect("staged");
    tx.commit("finalize test-1 (test)").expect("committed");
}

#[test]
fn a_category_edit_changes_its_fields_and_one_undo_restores_it() {
    let (_dir, desk) = jury_desk();
    let before = category(&desk, "Best Film");
    let mut input = as_is(&before);
    input.name = "Best Feature Film".into();
    input.prize = "Golden \u{1b}[2JSimorgh".into();
    input.mandatory = true;
    input.ex_aequo_allowed = true;
    input.tie_breaks = vec![TieBreak::Borda, TieBreak::Draw { seed: 7 }];
    input.precedence = Some(5);
    let edited = desk
        .edit_category(EDITION, "best film", &input)
        .expect("edited");
    assert!(edited.changed);
    assert!(edited.notes.is_empty(), "{:?}", edited.notes);
    let stored = category(&desk, "Best Feature Film");
    assert_eq!(stored, edited.record);
    assert_eq!(stored.id, before.id);
    assert_eq!(stored.prize, "Golden Simorgh", "escape sequences go whole");
    assert!(stored.mandatory && stored.ex_aequo_allowed);
    assert_eq!(stored.tie_breaks, input.tie_breaks);
    assert_eq!(stored.precedence, 5);
    assert_eq!(desk.nominations(stored.id).expect("nominees").len(), 3);

    let undone = desk.undo().expect("undo").expect("something to undo");
    assert_eq!(
        undone.action,
        "category edit \"Best Film\" → \"Best Feature Film\" in test-1"
    );
    assert_eq!(category(&desk, "Best Film"), before);
}

#[test]
fn an_unchanged_category_or_juror_writes_and_logs_nothing() {
    let (_dir, desk) = jury_desk();
    let before = log_length(&desk);
    for name in ["Best Film", "Best Director"] {
        let category = category(&desk, name);
        let edited = desk
            .edit_category(EDITION, &category.id.to_string(), &as_is(&category))
            .expect("saved");
        assert!(
            !edited.changed,
            "{name} was written although nothing changed"
        );
    }
    let pia = juror(&desk, "Pia President");
    let edited = desk
        .edit_juror(
            EDITION,
            "Pia President",
            &JurorInput {
                edition: String::new(),
                name: pia.name.clone(),
                original_name: String::new(),
                role: pia.role,
                notes: pia.notes.clone(),
            },
        )
        .expect("saved");
    assert!(!edited.changed);
    // A blank precedence keeps the category where it is.
    let film = category(&desk, "Best Film");
    let mut keep = as_is(&film);
    keep.precedence = None;
    assert!(
        !desk
            .edit_category(EDITION, "Best Film", &keep)
            .expect("saved")
            .changed
    );
    assert_eq!(log_length(&desk), before);
}

#[test]
fn a_category_name_must_be_given_and_unique_in_its_edition() {
    let (_dir, desk) = jury_desk();
    let film = category(&desk, "Best Film");
    let mut input = as_is(&film);
    input.name = " best  DIRECTOR ".into();
    let (field, message) = refused_field(desk.edit_category(EDITION, "Best Film", &input));
    assert_eq!(field, "name");
    assert!(message.contains("already has a category named 'Best Director'"));
    input.name = "\u{7} ".into();
    assert_eq!(
        refused_field(desk.edit_category(EDITION, "Best Film", &input)).0,
        "name"
    );
    input.name = film.name.clone();
    input.precedence = Some(0);
    assert_eq!(
        refused_field(desk.edit_category(EDITION, "Best Film", &input)).0,
        "precedence"
    );
    input.precedence = None;
    input.method = Method::MajorityRounds { absolute_rounds: 0 };
    assert_eq!(
        refused_field(desk.edit_category(EDITION, "Best Film", &input)).0,
        "method"
    );
    input.method = film.method;
    input.edition = "other-2".into();
    assert_eq!(
        refused_field(desk.edit_category(EDITION, "Best Film", &input)).0,
        "edition"
    );
    assert_eq!(category(&desk, "Best Film"), film);
}

#[test]
fn a_categorys_kind_changes_only_while_it_has_no_nominees() {
    let (_dir, desk) = jury_desk();
    let mut input = as_is(&category(&desk, "Best Film"));
    input.kind = CategoryKind::Person;
    let (field, message) = refused_field(desk.edit_category(EDITION, "Best Film", &input));
    assert_eq!(field, "kind");
    assert!(message.contains("3 nominee(s)"), "{message}");

    desk.add_category(&category_input(
        "Best Actress",
        CategoryKind::Film,
        Method::Borda,
    ))
    .expect("added");
    let mut input = as_is(&category(&desk, "Best Actress"));
    input.kind = CategoryKind::Person;
    let edited = desk
        .edit_category(EDITION, "Best Actress", &input)
        .expect("no nominees yet");
    assert_eq!(edited.record.kind, CategoryKind::Person);
}

#[test]
fn a_method_change_keeps_the_ballots_and_says_when_the_new_method_leaves_them_out() {
    let (_dir, desk) = jury_desk();
    let mut input = as_is(&category(&desk, "Best Film"));
    input.method = Method::Borda;
    let edited = desk
        .edit_category(EDITION, "Best Film", &input)
        .expect("a ranked method for ranked ballots");
    assert!(edited.notes.is_empty(), "{:?}", edited.notes);

    input.method = Method::ScoreMean;
    let edited = desk
        .edit_category(EDITION, "Best Film", &input)
        .expect("allowed: no award yet");
    assert_eq!(edited.notes.len(), 1);
    assert!(
        edited.notes[0].starts_with(
            "2 ballot(s) entered earlier are not scores, so score-mean leaves them out"
        ),
        "{:?}",
        edited.notes
    );
    let film = category(&desk, "Best Film");
    let count = desk
        .count_category(&edition(&desk), &film, None, None)
        .expect("counted");
    assert_eq!(count.outcome.excluded.len(), 2, "{:?}", count.outcome);

    input.method = Method::Schulze;
    desk.edit_category(EDITION, "Best Film", &input)
        .expect("back");
    let count = desk
        .count_category(&edition(&desk), &category(&desk, "Best Film"), None, None)
        .expect("counted");
    assert!(count.outcome.excluded.is_empty());
    assert_eq!(count.outcome.winners, vec![0], "Alpha, as both ranked it");
}

/// The refusal of a change under a recorded award: blocked until the award is withdrawn.
fn frozen<T: std::fmt::Debug>(result: Result<T>) -> String {
    match result {
        Err(
            e @ DeskError::Blocked {
                remedy: crate::desk::Remedy::WithdrawAward { .. },
                ..
            },
        ) => e.to_string(),
        other => panic!("expected the award's freeze, got {other:?}"),
    }
}

#[test]
fn a_recorded_award_freezes_the_method_tie_breaks_and_sharing_but_not_the_name() {
    let (_dir, desk) = jury_desk();
    award_best_film(&desk);
    let film = category(&desk, "Best Film");
    let mut input = as_is(&film);
    input.method = Method::Irv;
    let message = frozen(desk.edit_category(EDITION, "Best Film", &input));
    assert!(message.contains("freezes its method"), "{message}");
    assert!(
        message.contains("jurydesk award withdraw --edition test-1 --category 'Best Film'"),
        "{message}"
    );
    input.method = film.method;
    input.tie_breaks = vec![TieBreak::CastingVote];
    assert!(frozen(desk.edit_category(EDITION, "Best Film", &input)).contains("tie-breaks"));
    input.tie_breaks = film.tie_breaks.clone();
    input.ex_aequo_allowed = true;
    assert!(frozen(desk.edit_category(EDITION, "Best Film", &input)).contains("shared"));
    assert_eq!(category(&desk, "Best Film"), film);

    input.ex_aequo_allowed = film.ex_aequo_allowed;
    input.name = "Best Feature".into();
    desk.edit_category(EDITION, "Best Film", &input)
        .expect("a name does not change how it was counted");
    // Withdrawing the award (not undo, which reverses only the latest change) frees the method.
    desk.withdraw_award(EDITION, "Best Feature", "the method was wrong")
        .expect("withdrawn");
    input.method = Method::Irv;
    desk.edit_category(EDITION, "Best Feature", &input)
        .expect("no award any more");
}

#[test]
fn an_award_named_by_hand_freezes_its_category_too() {
    let (_dir, desk) = jury_desk();
    desk.record_award(
        EDITION,
        "Best Film",
        &AwardChoice::Manual {
            winners: vec!["Beta".into()],
            reason: "the jury's statement".into(),
        },
    )
    .expect("named by hand");
    let mut input = as_is(&category(&desk, "Best Film"));
    input.method = Method::Irv;
    input.tie_breaks = vec![TieBreak::CountBack];
    frozen(desk.edit_category(EDITION, "Best Film", &input));
    frozen(desk.edit_juror(
        EDITION,
        "Mo Member",
        &juror_input("Mo Member", JurorRole::Observer),
    ));
    frozen(desk.edit_nomination(
        EDITION,
        "Best Film",
        "Beta",
        &NominationInput {
            person: None,
            number: 9,
        },
    ));
}

#[test]
fn a_shared_award_keeps_its_category_shareable() {
    let (_dir, desk) = jury_desk();
    let mut input = as_is(&category(&desk, "Best Film"));
    input.ex_aequo_allowed = true;
    desk.edit_category(EDITION, "Best Film", &input)
        .expect("shareable");
    desk.record_award(
        EDITION,
        "Best Film",
        &AwardChoice::Manual {
            winners: vec!["Alpha".into(), "Beta".into()],
            reason: "ex aequo".into(),
        },
    )
    .expect("shared");
    input.ex_aequo_allowed = false;
    let message = frozen(desk.edit_category(EDITION, "Best Film", &input));
    assert!(message.contains("to Alpha and Beta"), "{message}");
}

#[test]
fn a_finalized_edition_refuses_every_jury_edit() {
    let (_dir, desk) = jury_desk();
    finalize(&desk);
    let before = log_length(&desk);
    let mut input = as_is(&category(&desk, "Best Film"));
    input.name = "Renamed".into();
    let refused = |result: Result<()>| match result {
        Err(
            e @ DeskError::Blocked {
                remedy: crate::desk::Remedy::Reopen { .. },
                ..
            },
        ) => assert!(e.to_string().contains("finalized"), "{e}"),
        other => panic!("expected the finalized refusal, got {other:?}"),
    };
    refused(desk.edit_category(EDITION, "Best Film", &input).map(|_| ()));
    refused(
        desk.edit_juror(
            EDITION,
            "Mo Member",
            &juror_input("Mo Renamed", JurorRole::Member),
        )
        .map(|_| ()),
    );
    refused(
        desk.edit_nomination(
            EDITION,
            "Best Film",
            "1",
            &NominationInput {
                person: None,
                number: 4,
            },
        )
        .map(|_| ()),
    );
    assert_eq!(log_length(&desk), before);
}

#[test]
fn a_renamed_juror_keeps_their_ballots_and_recusals() {
    let (_dir, desk) = jury_desk();
    desk.recuse(EDITION, "Mo Member", "Alpha", "produced it")
        .expect("recused");
    let mo = juror(&desk, "Mo Member");
    let film = category(&desk, "Best Film");
    let ballot = desk.ballot(film.id, mo.id).expect("read").expect("entered");
    let edited = desk
        .edit_juror(
            EDITION,
            "Mo Member",
            &JurorInput {
                edition: EDITION.into(),
                name: "Mohammad Member".into(),
                original_name: String::new(),
                role: JurorRole::Member,
                notes: "came from Tabriz".into(),
            },
        )
        .expect("renamed");
    assert!(edited.changed && edited.notes.is_empty());
    let renamed = juror(&desk, "Mohammad Member");
    assert_eq!(renamed.id, mo.id);
    assert_eq!(renamed.recusals, mo.recusals);
    assert_eq!(renamed.notes, "came from Tabriz");
    assert_eq!(desk.ballot(film.id, mo.id).expect("read"), Some(ballot));
    let undone = desk.undo().expect("undo").expect("the edit");
    assert_eq!(
        undone.action,
        "juror edit Mo Member → \"Mohammad Member\" (member) in test-1"
    );
    assert_eq!(juror(&desk, "Mo Member"), mo);
}

#[test]
fn a_juror_name_is_unique_and_the_jury_has_one_president() {
    let (_dir, desk) = jury_desk();
    let (field, message) = refused_field(desk.edit_juror(
        EDITION,
        "Mo Member",
        &juror_input("pia president", JurorRole::Member),
    ));
    assert_eq!(field, "name");
    assert!(message.contains("Pia President already sits"), "{message}");
    let (field, message) = refused_field(desk.edit_juror(
        EDITION,
        "Mo Member",
        &juror_input("Mo Member", JurorRole::President),
    ));
    assert_eq!(field, "role");
    assert!(message.contains("Pia President"), "{message}");
    // The president themself stays president, and once they step down another may take the chair.
    desk.edit_juror(
        EDITION,
        "Pia President",
        &juror_input("Pia President", JurorRole::President),
    )
    .expect("unchanged");
    desk.edit_juror(
        EDITION,
        "Pia President",
        &juror_input("Pia President", JurorRole::Member),
    )
    .expect("steps down");
    desk.edit_juror(
        EDITION,
        "Mo Member",
        &juror_input("Mo Member", JurorRole::President),
    )
    .expect("takes the chair");
}

#[test]
fn an_observers_ballots_are_kept_but_not_counted_until_they_vote_again() {
    let (_dir, desk) = jury_desk();
    let edited = desk
        .edit_juror(
            EDITION,
            "Mo Member",
            &juror_input("Mo Member", JurorRole::Observer),
        )
        .expect("allowed: no award yet");
    assert_eq!(edited.notes.len(), 1, "{:?}", edited.notes);
    assert!(
        edited.notes[0].contains("1 ballot(s) of Mo Member (Best Film) are kept, not counted"),
        "{:?}",
        edited.notes
    );
    let film = category(&desk, "Best Film");
    let count = desk
        .count_category(&edition(&desk), &film, None, None)
        .expect("counted");
    assert_eq!(count.outcome.excluded.len(), 1);
    assert!(count.outcome.excluded[0].reason.contains("observer"));
    let mo = juror(&desk, "Mo Member");
    assert!(desk.ballot(film.id, mo.id).expect("read").is_some());

    let edited = desk
        .edit_juror(
            EDITION,
            "Mo Member",
            &juror_input("Mo Member", JurorRole::Member),
        )
        .expect("back");
    assert!(
        edited.notes[0].ends_with("count again"),
        "{:?}",
        edited.notes
    );
    let count = desk
        .count_category(&edition(&desk), &film, None, None)
        .expect("counted");
    assert!(count.outcome.excluded.is_empty());
}

#[test]
fn a_role_does_not_change_under_an_award_the_jurors_ballot_decided() {
    let (_dir, desk) = jury_desk();
    award_best_film(&desk);
    let message = frozen(desk.edit_juror(
        EDITION,
        "Mo Member",
        &juror_input("Mo Member", JurorRole::Observer),
    ));
    assert!(message.contains("'Best Film'"), "{message}");
    assert!(message.contains("a new role"), "{message}");
    // A juror with no ballot there changes role freely; a rename is no role change.
    desk.edit_juror(
        EDITION,
        "Oz Observer",
        &juror_input("Oz Observer", JurorRole::Member),
    )
    .expect("Oz has no ballots");
    desk.edit_juror(
        EDITION,
        "Mo Member",
        &juror_input("Mo M.", JurorRole::Member),
    )
    .expect("renamed");
}

#[test]
fn a_nominees_number_swaps_with_the_holder_and_one_undo_restores_both() {
    let (_dir, desk) = jury_desk();
    let film = category(&desk, "Best Film");
    let before = desk.nominees(&film).expect("nominees");
    let edited = desk
        .edit_nomination(
            EDITION,
            "Best Film",
            "Gamma",
            &NominationInput {
                person: None,
                number: 1,
            },
        )
        .expect("renumbered");
    assert_eq!(edited.notes, vec!["Alpha took number 3 in exchange"]);
    let after = desk.nominees(&film).expect("nominees");
    let numbers: Vec<(u32, &str)> = after
        .iter()
        .map(|n| (n.number(), n.title.as_str()))
        .collect();
    assert_eq!(numbers, [(1, "Gamma"), (2, "Beta"), (3, "Alpha")]);
    // Ballots hold nominations, not numbers: the count is unchanged.
    let count = desk
        .count_category(&edition(&desk), &film, None, None)
        .expect("counted");
    assert_eq!(count.labels[count.outcome.winners[0]], "Alpha");

    desk.undo().expect("undo").expect("the edit");
    assert_eq!(desk.nominees(&film).expect("nominees"), before);
    // A number nobody holds is simply taken.
    let edited = desk
        .edit_nomination(
            EDITION,
            "Best Film",
            "2",
            &NominationInput {
                person: None,
                number: 9,
            },
        )
        .expect("renumbered");
    assert!(edited.notes.is_empty());
    assert_eq!(edited.record.number(), 9);
}

#[test]
fn a_nominees_person_follows_the_categorys_kind() {
    let (_dir, desk) = jury_desk();
    let person = |p: Option<&str>, number| NominationInput {
        person: p.map(str::to_string),
        number,
    };
    let edited = desk
        .edit_nomination(
            EDITION,
            "Best Director",
            "Ada Director",
            &person(Some("Ada Directorová"), 1),
        )
        .expect("renamed");
    assert_eq!(edited.record.label, "Ada Directorová (Alpha)");
    assert_eq!(
        desk.nominees(&category(&desk, "Best Director"))
            .expect("nominees")[0]
            .label,
        "Ada Directorová (Alpha)"
    );
    for (category, reference, input, field) in [
        ("Best Director", "1", person(None, 1), "person"),
        ("Best Director", "1", person(Some("  "), 1), "person"),
        ("Best Film", "1", person(Some("Somebody"), 1), "person"),
        (
            "Best Director",
            "1",
            person(Some("Ada Directorová"), 0),
            "number",
        ),
    ] {
        let (got, message) =
            refused_field(desk.edit_nomination(EDITION, category, reference, &input));
        assert_eq!(got, field, "{category} {input:?}: {message}");
    }
    // The same film and person twice is one nominee too many.
    desk.nominate(EDITION, "Best Director", "Alpha", Some("Al Other"))
        .expect("a second person from Alpha");
    let (field, message) = refused_field(desk.edit_nomination(
        EDITION,
        "Best Director",
        "Al Other",
        &person(Some("ada directorová"), 3),
    ));
    assert_eq!(field, "person");
    assert!(message.contains("as number 1"), "{message}");
}
