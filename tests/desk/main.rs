//! The desk (README.md#the-desk) driven without a terminal: `App::update`/`handle_key` change the
//! state and `view::render` draws it into a `TestBackend`, whose text is compared with the
//! snapshots in `tests/desk/snapshots/`. Run with `INSTA_UPDATE=always` once to accept new
//! snapshots, then read them. One module per part of the desk; the harness (apps over temporary
//! stores, keys, screens, the snapshot filters) is `tests/common/desk_app.rs`, shared with the
//! other desk tests.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

#[path = "../common/mod.rs"]
mod common;
#[macro_use]
#[path = "../common/desk_app.rs"]
mod desk_app;

mod board;
mod first_steps;
mod jury_records;
mod jury_room;
mod jury_work;
mod keys;
mod locale;
mod names;
mod palmares;
mod pane_search;
mod print;
mod random_keys;
mod screening;
mod screens;
mod scripts_and_views;
mod sizes;

use common::TestStore;
#[allow(unused_imports)]
use first_steps::*;
#[allow(unused_imports)]
use jury_records::*;
#[allow(unused_imports)]
use jury_work::*;
#[allow(unused_imports)]
use keys::*;
#[allow(unused_imports)]
use palmares::*;
#[allow(unused_imports)]
use pane_search::*;
#[allow(unused_imports)]
use print::*;
#[allow(unused_imports)]
use random_keys::*;
#[allow(unused_imports)]
use screens::*;
#[allow(unused_imports)]
use scripts_and_views::*;
#[allow(unused_imports)]
use sizes::*;

use desk_app::*;
use jurydesk::desk::Desk;
use jurydesk::tui::App;
use jurydesk::tui::actions::{ACTIONS, Action};
use jurydesk::tui::app::{Pane, Popup};
use jurydesk::tui::form::{Field, FieldKey, Form};
use jurydesk::tui::list::ListPosition;
use jurydesk::tui::view::{layout, render};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Rect, Size};
use tempfile::TempDir;

/// The snapshot filters keep the layout: each placeholder is as wide as what it replaces, and a date
/// that is neither today nor followed by a time is left as it is.
#[test]
fn the_snapshot_filters_keep_the_layout() {
    let today = chrono::Local::now().date_naive().to_string();
    let sample = format!(
        "\"│ 2025-06-01 14:03  received │\"\n\"/tmp/jurydesk-aB3xYz/store\"\n2025-06-01 and 12:00\n│ {today} │"
    );
    assert_screen!(sample, @r#"
    "│ YYYY-MM-DD hh:mm  received │"
    "/tmp/jurydesk-XXXXXX/store"
    2025-06-01 and 12:00
    │ YYYY-MM-DD │
    "#);
}
