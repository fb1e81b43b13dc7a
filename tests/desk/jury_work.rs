//! The jury's work on the desk: ballot entry, recusals, the count, ties and awards.

use super::*;

#[test]
fn ballot_entry_saves_a_ranking_and_moves_to_the_next_juror() {
    let (_dir, mut app) = demo_app(120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('b')]);
    // The form opens on the one juror who has not voted, and shows the recused one apart.
    assert_eq!(ballot_form(&app).juror_name(), "Javad Karimi");
    let text = screen_at(&app, 120, 40);
    assert!(text.contains("Not voting here: Omar Khalil"), "{text}");
    assert_screen!("ballot_entry_grand_prize_120x40", text);

    press(
        &mut app,
        &[ch('3'), ch('1'), ch('4'), key(KeyCode::Backspace), ch('2')],
    );
    assert_eq!(ballot_form(&app).ranking(), vec![2, 0, 1]);
    press(&mut app, &[key(KeyCode::Enter)]);
    let form = ballot_form(&app);
    assert!(form.voted.iter().all(|v| *v), "every voter has now voted");
    assert!(
        form.message
            .as_deref()
            .unwrap_or("")
            .contains("saved Javad Karimi")
    );

    // The ballot is on disk, in the order typed.
    let edition = app.desk.edition("riff-18").unwrap();
    let category = app.desk.category(&edition, "Grand Prize").unwrap();
    let juror = app.desk.juror(&edition, "Javad Karimi").unwrap();
    let ballot = app
        .desk
        .ballot(category.id, juror.id)
        .unwrap()
        .expect("saved");
    let nominees = app.desk.nominees(&category).unwrap();
    let numbers: Vec<u32> = match ballot.content {
        jurydesk::domain::BallotContent::Ranked(order) => order
            .iter()
            .map(|id| {
                nominees
                    .iter()
                    .find(|n| n.nomination.id == *id)
                    .unwrap()
                    .number()
            })
            .collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(numbers, vec![3, 1, 2]);

    press(&mut app, &[key(KeyCode::Esc)]);
    assert_eq!(
        app.selected_category().unwrap().ballots,
        5,
        "the pane shows 5/5 now"
    );
}

#[test]
fn scores_and_round_votes_are_typed_as_digits() {
    let (_dir, mut app) = demo_app(120, 40);
    select_category(&mut app, "Best Short Film");
    press(&mut app, &[ch('b')]);
    assert_eq!(ballot_form(&app).juror_name(), "Javad Karimi");
    press(&mut app, &[ch('7'), ch('+'), key(KeyCode::Enter)]);
    let edition = app.desk.edition("riff-18").unwrap();
    let category = app.desk.category(&edition, "Best Short Film").unwrap();
    let juror = app.desk.juror(&edition, "Javad Karimi").unwrap();
    let ballot = app.desk.ballot(category.id, juror.id).unwrap().unwrap();
    let scores: Vec<u8> = match ballot.content {
        jurydesk::domain::BallotContent::Scored(s) => s.iter().map(|(_, v)| *v).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(scores, vec![7, 10]);

    press(&mut app, &[key(KeyCode::Esc)]);
    // Rounds are voted in turn (docs/counting.md#provisional-counts): Javad first catches up on
    // round 1.
    let round1 = jurydesk::desk::BallotEntry::Rounds(vec![(1, "3".to_string())]);
    app.desk
        .set_ballot("riff-18", "Best Director", "Javad Karimi", &round1)
        .expect("round 1 is the jury's round");
    app.reload_categories().expect("reload");
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('b')]);
    let form = ballot_form(&app);
    assert_eq!((form.juror_name(), form.round), ("Javad Karimi", 2));
    press(&mut app, &[ch('9')]);
    assert!(
        ballot_form(&app)
            .message
            .as_deref()
            .unwrap_or("")
            .contains("no nominee 9")
    );
    press(&mut app, &[ch('1'), key(KeyCode::Enter)]);
    let form = ballot_form(&app);
    // Javad's vote completes round 2, which decides (Nasim Rahbar, 3 of 5): no round 3 opens.
    assert_eq!(form.round, 2, "round 2 decided: the form stays on it");
    assert_eq!(
        app.desk
            .open_round(
                &app.desk.edition("riff-18").unwrap(),
                &app.desk
                    .category(&app.desk.edition("riff-18").unwrap(), "Best Director")
                    .unwrap()
            )
            .unwrap(),
        None,
        "no round is open once one decided"
    );
}

#[test]
fn the_tally_view_counts_live_and_records_the_award() {
    let (_dir, mut app) = demo_app(120, 40);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('t')]);
    let text = screen_at(&app, 120, 40);
    // Javad Karimi has not voted: the count names no winner yet, only who leads
    // (docs/counting.md#provisional-counts).
    assert!(
        text.contains(
            "leading so far: A House in Basra  ·  PROVISIONAL: not voted yet: Javad Karimi"
        ),
        "{text}"
    );
    assert!(!text.contains("winner: "), "{text}");
    assert!(
        text.contains("provisional: 1 of 5 ballots missing: Javad Karimi"),
        "{text}"
    );
    assert!(
        text.contains("Omar Khalil"),
        "the excluded juror is named: {text}"
    );
    assert_screen!("tally_grand_prize_120x40", text);

    // Javad Karimi's ballot is missing: the count is provisional, and even when asked for and
    // confirmed it gives no award (docs/counting.md#provisional-counts).
    press(&mut app, &[ch('a'), key(KeyCode::Enter)]);
    let category_id = app.selected_category().map(|c| c.category.id).unwrap();
    assert!(app.desk.awards(category_id).unwrap().is_empty());
    press(&mut app, &[key(KeyCode::Esc)]);
    press(&mut app, &[key(KeyCode::Esc)]);
    complete_grand_prize(&app);
    app.reload_categories().expect("reload");
    // The award is asked for first (tests/desk_count.rs has the question itself).
    press(&mut app, &[ch('t'), ch('a'), key(KeyCode::Enter)]);
    let awards = app
        .selected_category()
        .map(|c| c.category.id)
        .map(|id| app.desk.awards(id).unwrap())
        .unwrap();
    assert_eq!(awards.len(), 1);
    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(
        !app.selected_category().unwrap().awards.is_empty(),
        "the pane shows it awarded"
    );
}

/// Javad Karimi, the one juror whose Grand Prize ballot the demo leaves missing, ranks A House in
/// Basra first: the count is complete and its result unchanged.
pub(crate) fn complete_grand_prize(app: &App) {
    let entry = jurydesk::desk::BallotEntry::Ranked(vec!["A House in Basra".to_string()]);
    app.desk
        .set_ballot("riff-18", "Grand Prize", "Javad Karimi", &entry)
        .expect("Javad's ballot");
}

#[test]
fn a_tie_is_settled_on_the_desk_by_the_presidents_casting_vote() {
    let (_dir, mut app) = demo_app(120, 40);
    let edition = app.desk.edition("riff-18").unwrap();
    let vote = |app: &App, juror: &str, round: u32, nominee: &str| {
        let entry = jurydesk::desk::BallotEntry::Rounds(vec![(round, nominee.to_string())]);
        app.desk
            .set_ballot(&edition.code, "Best Director", juror, &entry)
            .unwrap();
    };
    // Javad's votes keep rounds 1 and 2 without an absolute majority; round 3 ends 2–2–1.
    vote(&app, "Javad Karimi", 1, "3");
    vote(&app, "Javad Karimi", 2, "3");
    for (juror, nominee) in [
        ("Mina Sadeghi", "1"),
        ("Leila Haddad", "1"),
        ("Sara Ahmadi", "2"),
        ("Yannick Morel", "2"),
        ("Javad Karimi", "3"),
    ] {
        vote(&app, juror, 3, nominee);
    }
    app.reload_categories().unwrap();
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('t')]);
    let text = screen_at(&app, 120, 40);
    // The chain's casting vote reads the president's own round-3 vote.
    assert!(text.contains("winner: Nasim Rahbar"), "{text}");
    assert!(text.contains("casting"), "{text}");
    press(&mut app, &[ch('a'), key(KeyCode::Enter)]);
    let category = app.desk.category(&edition, "Best Director").unwrap();
    let award = &app.desk.awards(category.id).unwrap()[0];
    assert!(matches!(
        award.decision,
        jurydesk::domain::Decision::CastingVote { .. }
    ));

    // The chain's casting vote already settled the tie: another casting vote would overrule the
    // count, and is refused (issue 12 finding 3).
    press(&mut app, &[ch('c'), ch('2')]);
    let Some(Popup::Tally(view)) = &app.popup else {
        panic!("tally view")
    };
    assert!(view.deciding.is_none());
    press(&mut app, &[ch('c')]);
    let Some(Popup::Tally(view)) = &app.popup else {
        panic!("tally view")
    };
    let said = view.message.as_deref().unwrap_or("");
    assert!(said.contains("no tie stands"), "{said}");
    let awards = app.desk.awards(category.id).unwrap();
    assert_eq!(awards.len(), 1);
    assert_eq!(
        awards[0].winners, award.winners,
        "still the president's choice"
    );
    let award = &app.desk.awards(category.id).unwrap()[0];
    assert_eq!(award.winners.len(), 1);
}

#[test]
fn nominating_from_the_submissions_pane() {
    let (_dir, mut app) = demo_app(120, 40);
    select_edition(&mut app, "riff-18");
    select_submission(&mut app, "Olive Memory");
    // Olive Memory is withdrawn: the desk asks first (docs/domain.md#submission-status).
    press(&mut app, &[ch('n')]);
    assert!(matches!(app.popup, Some(Popup::Confirm { .. })));
    press(&mut app, &[ch('y')]);
    assert!(matches!(app.popup, Some(Popup::Nominate(_))));
    // Second category is Best Director, a person category: the film's director is offered.
    press(&mut app, &[ch('j'), key(KeyCode::Enter)]);
    let text = screen_at(&app, 120, 40);
    assert!(text.contains("Nour El-Sayed"), "{text}");
    press(&mut app, &[key(KeyCode::Enter)]);
    assert!(app.popup.is_none());
    assert!(
        app.message
            .as_deref()
            .unwrap_or("")
            .contains("Nour El-Sayed (Olive Memory)"),
        "{:?}",
        app.message
    );
    select_category(&mut app, "Best Director");
    assert_eq!(app.selected_category().unwrap().nominees.len(), 4);
}
