//! The desk's speed at the demo size (BENCHMARKS.md#budgets): open to the first full frame, and one
//! key's update + render. Scale benches over generated stores join these when `generate` exists.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jurydesk::desk::Desk;
use jurydesk::domain::BallotContent;
use jurydesk::tui::actions::Action;
use jurydesk::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

fn demo_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.load_demo().expect("demo");
    dir
}

fn open_to_first_frame(c: &mut Criterion) {
    let dir = demo_store();
    let path = dir.path().join("store");
    c.bench_function("open demo store to first frame", |b| {
        b.iter(|| {
            let desk = Desk::open(&path).expect("open");
            let app = App::new(desk, Size::new(WIDTH, HEIGHT)).expect("app");
            let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
            terminal.draw(|f| view::render(&app, f)).expect("draw");
            black_box(terminal.backend().buffer().area);
        })
    });
}

fn key_update_and_render(c: &mut Criterion) {
    let dir = demo_store();
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    let mut app = App::new(desk, Size::new(WIDTH, HEIGHT)).expect("app");
    app.update(Action::FocusSubmissions);
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    let mut down = true;
    c.bench_function("key (move in submissions) update + render", |b| {
        b.iter(|| {
            // Walk down and back up so every iteration really moves.
            if app.submissions_pos.selected + 1 >= app.submissions.len() {
                down = false;
            } else if app.submissions_pos.selected == 0 {
                down = true;
            }
            app.update(if down { Action::Down } else { Action::Up });
            terminal.draw(|f| view::render(&app, f)).expect("draw");
        })
    });
    c.bench_function("key (switch edition) update + render", |b| {
        b.iter(|| {
            app.update(Action::FocusEditions);
            app.update(if app.editions_pos.selected == 0 {
                Action::Down
            } else {
                Action::Top
            });
            terminal.draw(|f| view::render(&app, f)).expect("draw");
        })
    });
}

/// BENCHMARKS.md#budgets: saving a ballot (write + flush) ≤ 20 ms. Each iteration replaces a juror's
/// ranked ballot in the demo's Grand Prize, through the same use-case the desk's Enter calls.
fn save_ballot(c: &mut Criterion) {
    let dir = demo_store();
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    let edition = desk.edition("riff-18").expect("edition");
    let category = desk.category(&edition, "Grand Prize").expect("category");
    let juror = desk.juror(&edition, "Mina Sadeghi").expect("juror");
    let nominees = desk.nominees(&category).expect("nominees");
    let ids: Vec<u64> = nominees.iter().map(|n| n.nomination.id).collect();
    let mut turn = 0usize;
    c.bench_function("save a ballot (write + flush)", |b| {
        b.iter(|| {
            turn += 1;
            let mut order = ids.clone();
            order.rotate_left(turn % ids.len());
            desk.save_ballot(
                &edition,
                &category,
                &juror,
                &nominees,
                BallotContent::Ranked(order),
            )
            .expect("save");
        })
    });
}

criterion_group!(
    benches,
    open_to_first_frame,
    key_update_and_render,
    save_ballot
);
criterion_main!(benches);
