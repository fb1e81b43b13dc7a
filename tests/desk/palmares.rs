//! The palmarès (docs/counting.md#palmares-rules): its popup, the live rule state, finalize and
//! reopen, award leaders.

use super::*;

/// Types `text` into the open form, then Enter.
pub(crate) fn type_and_submit(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &[ch(c)]);
    }
    press(app, &[key(KeyCode::Enter)]);
}

#[test]
fn the_palmares_popup_shows_the_cascade_and_the_rule_state_follows_every_award() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "riff-18");
    // No rule broken, but nothing awarded yet: the pane says both
    // (docs/counting.md#palmares-rules).
    assert_eq!(
        app.palmares_state.as_deref(),
        Some("9 incomplete · rules kept")
    );
    // Award the Grand Prize from its count: A House in Basra, whose director is then passed over.
    complete_grand_prize(&app);
    app.desk
        .record_award(
            "riff-18",
            "Grand Prize",
            &jurydesk::desk::AwardChoice::FromCount,
        )
        .expect("the Grand Prize is decided by its count");
    app.reload_categories().expect("reload");
    press(&mut app, &[ch('P')]);
    assert!(matches!(app.popup, Some(Popup::Palmares { .. })));
    assert_screen!(screen_at(&app, 120, 36));
    press(&mut app, &[key(KeyCode::Esc)]);

    // A mandatory category without an award breaks a rule: the pane says so at once.
    app.desk
        .add_category(&jurydesk::desk::CategoryInput {
            edition: "riff-18".into(),
            name: "Audience Award".into(),
            prize: String::new(),
            kind: jurydesk::domain::CategoryKind::Film,
            method: jurydesk::domain::Method::Plurality,
            tie_breaks: Vec::new(),
            ex_aequo_allowed: false,
            mandatory: true,
            precedence: None,
        })
        .expect("add a category");
    app.reload_categories().expect("reload");
    let state = app.palmares_state.clone().unwrap_or_default();
    assert_eq!(state, "⚠ 1 broken · 7 incomplete");
    let text = screen_at(&app, 120, 36);
    assert!(text.contains("⚠ 1 broken · 7 incomplete"), "{text}");
}

#[test]
fn finalize_and_reopen_from_the_desk_and_a_frozen_edition_refuses_a_ballot() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('F')]);
    assert!(matches!(app.popup, Some(Popup::Form(_))));
    assert_screen!("finalize_form", screen_at(&app, 120, 36));
    // The demo's Fajr palmarès is incomplete: a blank reason is refused, a reason overrides it.
    type_and_submit(&mut app, "");
    assert!(
        matches!(app.popup, Some(Popup::Form(_))),
        "refused without a reason"
    );
    type_and_submit(&mut app, "the festival announced only three prizes");
    assert!(app.popup.is_none(), "the form closed: {:?}", app.message);
    // Finalized over what was incomplete: the pane says so, with how much was overridden.
    assert!(
        app.palmares_state
            .as_deref()
            .is_some_and(|s| s.starts_with("finalized · ") && s.ends_with(" overridden")),
        "{:?}",
        app.palmares_state
    );
    assert_eq!(
        app.desk.edition("fajr-43").expect("fajr-43").state,
        jurydesk::domain::EditionState::Finalized
    );
    // Ballot entry on a frozen edition: the desk says why, and nothing opens.
    press(&mut app, &[ch('3'), ch('g'), ch('b')]);
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("fajr-43 is finalized"), "{message}");

    // Reopening needs a reason: Enter on an empty one is refused at the field.
    press(&mut app, &[ch('1'), ch('R')]);
    type_and_submit(&mut app, "");
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("the reopen form stays open without a reason");
    };
    assert!(form.fields[0].error.is_some() || form.message.is_some());
    type_and_submit(&mut app, "a late ballot");
    assert!(app.popup.is_none());
    let state = app.palmares_state.clone().unwrap_or_default();
    assert!(state.ends_with("incomplete · rules kept"), "{state}");
}

#[test]
fn the_rules_form_applies_a_preset_and_refuses_a_word_it_does_not_know() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('L')]);
    assert_screen!("rules_form", screen_at(&app, 120, 36));
    type_and_submit(&mut app, "oscars");
    let Some(Popup::Form(form)) = &app.popup else {
        panic!("a refused preset keeps the form open");
    };
    let error = form.fields[0].error.clone().unwrap_or_default();
    assert!(
        error.contains("plain, cannes, berlinale, venice"),
        "{error}"
    );
    press(&mut app, &[ctrl('u')]);
    type_and_submit(&mut app, "venice");
    assert!(app.popup.is_none(), "{:?}", app.message);
    let rules = app.desk.edition("fajr-43").expect("fajr-43").rules;
    assert!(rules.one_prize_per_film);
    assert_eq!(rules.max_shared_prizes, Some(0));
    // The story film holds three prizes: under one prize per film, that breaks the rule.
    let state = app.palmares_state.clone().unwrap_or_default();
    assert!(state.contains("⚠ 1 broken"), "{state}");
}

#[test]
fn award_leaders_as_bar_charts_by_film_then_person_then_country() {
    let (_dir, mut app) = demo_app(120, 36);
    select_edition(&mut app, "fajr-43");
    press(&mut app, &[ch('W')]);
    assert_screen!("award_leaders_by_film", screen_at(&app, 120, 36));
    press(&mut app, &[ch('W')]);
    assert!(matches!(
        app.popup,
        Some(Popup::Stats {
            by: jurydesk::desk::StatsBy::Person,
            ..
        })
    ));
    press(&mut app, &[ch('W'), ch('W')]);
    assert!(matches!(
        app.popup,
        Some(Popup::Stats {
            by: jurydesk::desk::StatsBy::Film,
            ..
        })
    ));
    for (w, h) in [(20, 5), (1, 1), (400, 120)] {
        draw_at(&app, w, h);
    }
}
