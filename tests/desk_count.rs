//! The count on the desk (issue 12 findings 3, 4, 9; README.md#the-desk,
//! docs/counting.md#deciding-an-award): the whole explanation of `tally --format text`, wrapped and
//! scrolled at any width, and awards that are always asked for.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod common;
#[path = "common/desk_app.rs"]
mod desk_app;

use common::*;
use desk_app::*;
use jurydesk::domain::Decision;
use jurydesk::tui::App;
use jurydesk::tui::tally::Deciding;
use ratatui::crossterm::event::KeyCode;

/// The three films of `long_tie`, with titles long enough that a tie-break line between them needs
/// more than one row at 80 columns.
const LONG_TITLES: [&str; 3] = [
    "The Unbearable Lightness of Being Somewhere Else",
    "A Very Long Night at the End of the Longest Road",
    "Letters Never Sent to the Mountains of Kurdistan",
];

/// Edition `long-1`: "Special Jury Prize" (plurality, tie-break none) with the three long titles,
/// a president and two members who each put a different film first: a three-way tie that stands.
fn long_tie() -> TestStore {
    let store = TestStore::empty();
    store.ok(&["festival", "add", "--code", "long", "--name", "Long Titles"]);
    store.ok(&[
        "edition",
        "add",
        "--festival",
        "long",
        "--number",
        "1",
        "--year",
        "2025",
    ]);
    store.ok(&[
        "category",
        "add",
        "--edition",
        "long-1",
        "--name",
        "Special Jury Prize",
        "--method",
        "plurality",
        "--tie-break",
        "none",
    ]);
    for title in LONG_TITLES {
        store.ok(&["submission", "add", "--edition", "long-1", "--title", title]);
        store.ok(&[
            "nominate",
            "--edition",
            "long-1",
            "--category",
            "Special Jury Prize",
            "--submission",
            title,
        ]);
    }
    for (i, (name, role)) in [
        ("Pia President", "president"),
        ("Mo Member", "member"),
        ("Max Member", "member"),
    ]
    .into_iter()
    .enumerate()
    {
        store.ok(&[
            "juror",
            "add",
            "--edition",
            "long-1",
            "--name",
            name,
            "--role",
            role,
        ]);
        let first = (i + 1).to_string();
        store.ok(&[
            "ballot",
            "set",
            "--edition",
            "long-1",
            "--category",
            "Special Jury Prize",
            "--juror",
            name,
            "--rank",
            &first,
        ]);
    }
    store
}

/// White space made single spaces, so that a line and its wrapped rows joined again compare equal.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A screen row without the view's side borders.
fn inside(row: &str) -> &str {
    let row = row.trim_end();
    let row = row.strip_prefix('│').unwrap_or(row);
    row.strip_suffix('│').unwrap_or(row)
}

/// Every screen of the open count, from its top to its bottom row by row (`j`), each screen's rows
/// joined with spaces. Also checks that no row of any screen is cut with "…".
fn screens_of_the_count(app: &mut App) -> Vec<String> {
    press(app, &[ch('g')]);
    let mut screens = Vec::new();
    loop {
        let rows = screen_rows(app);
        for row in &rows {
            assert!(
                !inside(row).trim_end().ends_with('…'),
                "a row is cut: {row:?}\n{}",
                rows.join("\n")
            );
        }
        screens.push(squeeze(
            &rows.iter().map(|r| inside(r)).collect::<Vec<_>>().join(" "),
        ));
        let before = tally_view(app).scroll;
        press(app, &[ch('j')]);
        if tally_view(app).scroll == before {
            return screens;
        }
        assert!(screens.len() < 1000, "the count never stops scrolling");
    }
}

/// Opens the count of `category` in `edition` at `width`×`height` and checks that every line the
/// command line printed for it (`cli`) appears whole on some screen of the view.
fn assert_the_view_holds_the_cli_text(
    store: &TestStore,
    edition: &str,
    category: &str,
    cli: &str,
    width: u16,
    height: u16,
) {
    let mut app = app_over(store, width, height);
    select_edition(&mut app, edition);
    select_category(&mut app, category);
    press(&mut app, &[ch('t')]);
    let screens = screens_of_the_count(&mut app);
    for line in cli.lines().map(squeeze).filter(|l| !l.is_empty()) {
        assert!(
            screens.iter().any(|s| s.contains(&line)),
            "{category} at {width}×{height}: the view never shows this line whole:\n{line}\n\nscreens:\n{}",
            screens.join("\n\n")
        );
    }
}

fn cli_tally(store: &TestStore, edition: &str, category: &str) -> String {
    store.ok(&["tally", "--edition", edition, "--category", category])
}

#[test]
fn every_line_of_the_cli_count_is_in_the_view_at_80_and_160_columns() {
    let store = TestStore::with_demo();
    let cases = [
        ("riff-18", "Grand Prize"),
        ("riff-18", "Best Director"),
        ("riff-18", "Best Short Film"),
    ];
    let texts: Vec<String> = cases.iter().map(|(e, c)| cli_tally(&store, e, c)).collect();
    // Lines longer than 80 columns are in the demo's text: the view must wrap them, not cut them.
    assert!(
        texts
            .iter()
            .flat_map(|t| t.lines())
            .any(|l| l.chars().count() > 150)
    );
    for ((edition, category), cli) in cases.iter().zip(&texts) {
        for (width, height) in [(80, 24), (160, 45)] {
            assert_the_view_holds_the_cli_text(&store, edition, category, cli, width, height);
        }
    }
}

#[test]
fn a_long_tie_sentence_is_shown_whole_at_80_and_160_columns() {
    let store = long_tie();
    let cli = cli_tally(&store, "long-1", "Special Jury Prize");
    let tie_line = cli
        .lines()
        .find(|l| l.trim_start().starts_with("1. none among"))
        .unwrap_or_else(|| panic!("a tie-break line in:\n{cli}"));
    assert!(tie_line.chars().count() > 160, "{tie_line}");
    for (width, height) in [(80, 24), (160, 45), (80, 12)] {
        assert_the_view_holds_the_cli_text(
            &store,
            "long-1",
            "Special Jury Prize",
            &cli,
            width,
            height,
        );
    }
}

#[test]
fn the_count_uses_the_whole_terminal_and_scrolls_with_the_list_keys() {
    let store = TestStore::with_demo();
    let mut app = app_over(&store, 160, 45);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('t')]);
    let rows = screen_rows(&app);
    // The view's border runs from the first column to the last, and from the top row to the one above
    // the status bar.
    assert!(
        rows[0].starts_with('┌') && rows[0].ends_with('┐'),
        "{}",
        rows[0]
    );
    assert!(
        rows[43].starts_with('└') && rows[43].ends_with('┘'),
        "{}",
        rows[43]
    );
    insta::assert_snapshot!("count_grand_prize_160x45", rows.join("\n"));
    drop(app);

    let mut app = app_over(&store, 80, 24);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('t')]);
    insta::assert_snapshot!("count_grand_prize_80x24", screen(&app));
    let last = "Basra: sample: worked with the film's director).";
    assert!(!screen(&app).contains(last));
    press(&mut app, &[ch('G')]);
    let bottom = tally_view(&app).scroll;
    assert!(bottom > 0);
    assert!(screen(&app).contains(last), "{}", screen(&app));
    press(&mut app, &[key(KeyCode::PageUp)]);
    let page_up = tally_view(&app).scroll;
    assert!(page_up < bottom);
    screen(&app);
    press(&mut app, &[key(KeyCode::PageDown)]);
    assert_eq!(tally_view(&app).scroll, bottom);
    screen(&app);
    press(&mut app, &[ch('k')]);
    assert_eq!(tally_view(&app).scroll, bottom - 1);
    press(&mut app, &[ch('g')]);
    assert_eq!(tally_view(&app).scroll, 0);
    assert!(screen(&app).contains("Grand Prize (schulze): 4 ballot(s)"));
}

fn awards(app: &App, edition: &str, category: &str) -> Vec<jurydesk::domain::Award> {
    let edition = app.desk.edition(edition).expect("the edition");
    let category = app.desk.category(&edition, category).expect("the category");
    app.desk.awards(category.id).expect("the awards")
}

fn message(app: &App) -> String {
    tally_view(app).message.clone().unwrap_or_default()
}

#[test]
fn a_asks_before_recording_the_award_and_esc_records_nothing() {
    // Javad Karimi's missing ballot is in: an award follows only from a complete count
    // (docs/counting.md#provisional-counts).
    let store = TestStore::with_demo_grand_prize_complete();
    let mut app = app_over(&store, 80, 24);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('t'), ch('a')]);
    assert!(
        awards(&app, "riff-18", "Grand Prize").is_empty(),
        "a alone records nothing"
    );
    let text = screen(&app);
    assert!(text.contains("Record the award · Grand Prize"), "{text}");
    assert!(text.contains("Winner: A House in Basra"), "{text}");
    assert!(text.contains("Method: schulze"), "{text}");
    assert!(text.contains("Tie: none."), "{text}");
    assert!(
        !text.contains("rovisional"),
        "the count is complete: {text}"
    );
    insta::assert_snapshot!("count_award_question_80x24", text);

    press(&mut app, &[key(KeyCode::Esc)]);
    assert!(awards(&app, "riff-18", "Grand Prize").is_empty());
    assert!(
        tally_view(&app).deciding.is_none(),
        "Esc leaves the question, not the count"
    );
    assert_eq!(message(&app), "nothing recorded");
    press(&mut app, &[ch('a'), ch('n')]);
    assert!(awards(&app, "riff-18", "Grand Prize").is_empty());

    press(&mut app, &[ch('a'), key(KeyCode::Enter)]);
    let recorded = awards(&app, "riff-18", "Grand Prize");
    assert_eq!(recorded.len(), 1);
    assert!(matches!(recorded[0].decision, Decision::Counted { .. }));
    assert!(
        message(&app).contains("awarded to A House in Basra"),
        "{}",
        message(&app)
    );
    assert!(screen(&app).contains("Award recorded: A House in Basra"));
    // y records too; the question says which award it replaces.
    press(&mut app, &[ch('a')]);
    assert!(screen(&app).contains("This replaces the award recorded for A House in Basra"));
    press(&mut app, &[ch('y')]);
    assert_eq!(awards(&app, "riff-18", "Grand Prize").len(), 1);
}

#[test]
fn no_casting_vote_or_draw_when_the_categorys_own_tie_break_settled_the_tie() {
    let store = TestStore::with_demo();
    // Javad's votes keep rounds 1 and 2 without an absolute majority; round 3 ends 2–2–1, and the
    // chain's casting vote reads the president's own round-3 vote: Nasim Rahbar.
    for (juror, round, vote) in [
        ("Javad Karimi", "1", "3"),
        ("Javad Karimi", "2", "3"),
        ("Mina Sadeghi", "3", "1"),
        ("Leila Haddad", "3", "1"),
        ("Sara Ahmadi", "3", "2"),
        ("Yannick Morel", "3", "2"),
        ("Javad Karimi", "3", "3"),
    ] {
        store.ok(&[
            "ballot",
            "set",
            "--edition",
            "riff-18",
            "--category",
            "Best Director",
            "--juror",
            juror,
            "--round",
            round,
            "--vote",
            vote,
        ]);
    }
    let mut app = app_over(&store, 120, 40);
    select_category(&mut app, "Best Director");
    press(&mut app, &[ch('t')]);
    assert!(screen(&app).contains("winner: Nasim Rahbar"));
    press(&mut app, &[ch('c'), ch('2')]);
    assert!(
        tally_view(&app).deciding.is_none(),
        "no casting vote is offered"
    );
    assert!(awards(&app, "riff-18", "Best Director").is_empty());
    press(&mut app, &[ch('c')]);
    let said = message(&app);
    assert!(said.contains("no tie stands"), "{said}");
    assert!(said.contains("casting-vote"), "{said}");
    assert!(said.contains("Nasim Rahbar"), "{said}");
    assert!(said.contains("nothing recorded"), "{said}");
    press(&mut app, &[ch('r')]);
    assert!(tally_view(&app).deciding.is_none(), "no draw is offered");
    assert!(message(&app).contains("no tie stands"));
    // The award from the count names the casting vote that settled the tie.
    press(&mut app, &[ch('a')]);
    let text = screen(&app);
    assert!(text.contains("settled by casting-vote"), "{text}");
    press(&mut app, &[key(KeyCode::Enter)]);
    let recorded = awards(&app, "riff-18", "Best Director");
    assert!(matches!(recorded[0].decision, Decision::CastingVote { .. }));
}

#[test]
fn a_standing_tie_is_settled_by_casting_vote_after_the_number_and_a_question() {
    let store = long_tie();
    let mut app = app_over(&store, 100, 30);
    select_category(&mut app, "Special Jury Prize");
    press(&mut app, &[ch('t'), ch('a')]);
    assert!(message(&app).contains("stands"), "{}", message(&app));
    assert!(message(&app).contains("c (the president's casting vote)"));
    assert!(tally_view(&app).deciding.is_none());

    press(&mut app, &[ch('c')]);
    let text = screen(&app);
    assert!(
        text.contains("The president, Pia President, chooses among the tied"),
        "{text}"
    );
    insta::assert_snapshot!("count_casting_vote_100x30", text);
    press(&mut app, &[ch('9')]);
    assert!(
        message(&app).contains("there is no nominee 9"),
        "{}",
        message(&app)
    );
    assert!(matches!(
        tally_view(&app).deciding,
        Some(Deciding::Casting { .. })
    ));
    // A Persian 2 is a 2.
    press(&mut app, &[ch('۲')]);
    let text = screen(&app);
    assert!(
        text.contains(&format!("Winner: {}", LONG_TITLES[1])),
        "{text}"
    );
    assert!(text.contains("casting vote of Pia President"), "{text}");
    assert!(awards(&app, "long-1", "Special Jury Prize").is_empty());
    press(&mut app, &[key(KeyCode::Enter)]);
    let recorded = awards(&app, "long-1", "Special Jury Prize");
    assert_eq!(recorded.len(), 1);
    assert!(matches!(recorded[0].decision, Decision::CastingVote { .. }));
    assert!(
        message(&app).contains("by casting vote"),
        "{}",
        message(&app)
    );
}

#[test]
fn a_draw_shows_its_seed_first_and_takes_one_announced_in_the_room() {
    let store = long_tie();
    let mut app = app_over(&store, 100, 30);
    select_category(&mut app, "Special Jury Prize");
    press(&mut app, &[ch('t'), ch('r')]);
    let Some(Deciding::Seed { seed, offered }) = tally_view(&app).deciding.clone() else {
        panic!("the seed first: {:?}", tally_view(&app).deciding)
    };
    assert!(offered && seed.len() == 6, "{seed}");
    assert!(screen(&app).contains(&format!("Seed: {seed}")));
    assert!(awards(&app, "long-1", "Special Jury Prize").is_empty());
    // The seed announced in the room replaces the one offered.
    type_keys(&mut app, "4711");
    press(&mut app, &[key(KeyCode::Backspace)]);
    type_keys(&mut app, "2");
    assert!(screen(&app).contains("Seed: 4712"));
    press(&mut app, &[key(KeyCode::Enter)]);
    let text = screen(&app);
    assert!(text.contains("Seed: 4712"), "{text}");
    assert!(text.contains("Draw lots among"), "{text}");
    insta::assert_snapshot!("count_draw_question_100x30", text);
    assert!(awards(&app, "long-1", "Special Jury Prize").is_empty());
    press(&mut app, &[key(KeyCode::Enter)]);
    let recorded = awards(&app, "long-1", "Special Jury Prize");
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].decision, Decision::Draw { seed: 4712 });
    assert!(
        message(&app).contains("drawn with seed 4712"),
        "{}",
        message(&app)
    );
}

#[test]
fn what_the_desk_refuses_is_shown_in_the_question() {
    let store = TestStore::with_demo();
    let mut app = app_over(&store, 100, 30);
    select_category(&mut app, "Grand Prize");
    press(&mut app, &[ch('t'), ch('a')]);
    // The edition is finalized behind the secretary's back (another desk would be locked out; the
    // desk's own call stands in for it).
    app.desk
        .finalize("riff-18", Some("test: frozen while the question is open"))
        .expect("finalize");
    press(&mut app, &[key(KeyCode::Enter)]);
    let Some(Deciding::Confirm(question)) = &tally_view(&app).deciding else {
        panic!("the question stays: {:?}", tally_view(&app).deciding)
    };
    let error = question.error.clone().unwrap_or_default();
    assert!(error.starts_with("not recorded:"), "{error}");
    assert!(error.contains("finalized"), "{error}");
    assert!(screen(&app).contains("not recorded:"));
    assert!(awards(&app, "riff-18", "Grand Prize").is_empty());
}
