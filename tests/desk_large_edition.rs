//! A large edition in the desk (BENCHMARKS.md#budgets): it opens on its first rows while a thread
//! reads the rest; keys and searches work on the rows read so far and never wait for that thread;
//! rows that arrive later join a search's hits exactly as a search over the whole edition would have
//! them; and after a change the selection stays where it was, even beyond the first page.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use jurydesk::desk::{Desk, SubmissionQuery};
use jurydesk::domain::SubmissionStatus;
use jurydesk::tui::App;
use jurydesk::tui::actions::Action;
use jurydesk::tui::submissions::SubmissionList;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;
use tempfile::TempDir;

const SUBMISSIONS: usize = 3000;

fn large_store() -> (TempDir, Desk) {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.generate(SUBMISSIONS, 1, 7).expect("generate");
    (dir, desk)
}

fn edition_id(desk: &Desk) -> u64 {
    desk.editions().expect("editions")[0].edition.id
}

/// The ids a search over the whole edition finds, in order.
fn full_search(desk: &Desk, query: &str) -> Vec<u64> {
    let rows = desk.summaries(edition_id(desk)).expect("summaries");
    SubmissionQuery::parse(query)
        .expect("query")
        .apply(&rows)
        .into_iter()
        .map(|i| rows[i].id())
        .collect()
}

fn on_view(list: &SubmissionList) -> Vec<u64> {
    (0..list.len())
        .map(|i| list.get(i).expect("a row on view").id())
        .collect()
}

#[test]
fn a_search_typed_before_the_rows_arrive_ends_as_a_search_over_all_of_them() {
    let (_dir, desk) = large_store();
    let id = edition_id(&desk);
    for query in ["night", "director:kaveh", "status:eligible", "zzz"] {
        let mut list = SubmissionList::default();
        // Ten rows first; the rest wait in the channel until the list takes them in.
        list.load_streaming(&desk, id, SUBMISSIONS, 10)
            .expect("load");
        assert!(list.rows().len() <= 10 && list.is_loading());
        for c in query.chars() {
            list.type_char(c);
        }
        assert!(list.rows().len() <= 10, "typing did not wait for the rows");
        list.finish();
        assert!(!list.is_loading());
        assert_eq!(list.rows().len(), SUBMISSIONS);
        assert_eq!(on_view(&list), full_search(&desk, query), "{query}");
    }
}

#[test]
fn rows_taken_in_as_they_arrive_give_the_whole_edition_in_order() {
    let (_dir, desk) = large_store();
    let id = edition_id(&desk);
    let mut list = SubmissionList::default();
    list.load_streaming(&desk, id, SUBMISSIONS, 7)
        .expect("load");
    assert_eq!(list.total(), SUBMISSIONS, "the count is known at once");
    while list.is_loading() {
        list.poll();
    }
    assert_eq!(on_view(&list), full_search(&desk, ""));
}

#[test]
fn a_new_order_waits_for_every_row() {
    let (_dir, desk) = large_store();
    let mut list = SubmissionList::default();
    list.load_streaming(&desk, edition_id(&desk), SUBMISSIONS, 10)
        .expect("load");
    list.next_sort();
    assert!(!list.is_loading());
    assert_eq!(list.len(), SUBMISSIONS);
}

#[test]
fn keys_move_over_the_rows_read_so_far_and_the_selection_survives_a_change() {
    let (_dir, desk) = large_store();
    let mut app = App::new(desk, Size::new(120, 30)).expect("app");
    app.update(Action::FocusSubmissions);
    // Whatever has arrived, keys keep the selection on a row that is on view.
    for action in [Action::Bottom, Action::PageDown, Action::Down, Action::Top] {
        app.update(action);
        assert!(app.submissions_pos.selected < app.submissions.len().max(1));
        assert!(app.selected_submission().is_some());
    }
    app.submissions.finish();
    app.update(Action::Bottom);
    let selected = app.submissions_pos.selected;
    assert_eq!(selected, SUBMISSIONS - 1);
    let row = app.selected_submission().expect("a row").id();

    // Withdraw it from the status menu: the edition is read again, from its first page, and the
    // selection stays on the same row, far below that page.
    app.handle_key(KeyEvent::from(KeyCode::Char('x')));
    let withdrawn = SubmissionStatus::ALL
        .iter()
        .position(|&s| s == SubmissionStatus::Withdrawn)
        .expect("withdrawn");
    for _ in 0..SubmissionStatus::ALL.len() {
        app.update(Action::Up);
    }
    for _ in 0..withdrawn {
        app.update(Action::Down);
    }
    app.handle_key(KeyEvent::from(KeyCode::Enter));
    assert!(app.popup.is_none(), "{:?}", app.message);
    assert_eq!(app.submissions_pos.selected, selected, "{:?}", app.message);
    let now = app.selected_submission().expect("a row");
    assert_eq!(now.id(), row);
    assert_eq!(now.status(), SubmissionStatus::Withdrawn);
}
