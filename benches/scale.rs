//! The budgets of BENCHMARKS.md#budgets at scale, with criterion: open to the first full frame, a
//! key in the list (move, page, switch pane, open a record), one search keystroke, and saving a
//! ballot. By default the store is generated once per run (100,000 submissions in one edition, about
//! 10 s); see `support::bench_store` for measuring another size or a store made beforehand
//! (`JURYDESK_BENCH_STORE`, for 1,000,000). Tail latencies (p99) are in the `latency` bench;
//! criterion reports means.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jurydesk::desk::Desk;
use jurydesk::domain::BallotContent;
use jurydesk::tui::actions::Action;
use jurydesk::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

fn at_scale(c: &mut Criterion) {
    let store = support::bench_store();
    let path = store.path.clone();
    let mut group = c.benchmark_group(store.label.clone());
    group.sample_size(10);
    group.bench_function("open to the first full frame", |b| {
        // Each desk is closed (outside the timing) before the next opens: one store, one desk.
        b.iter_custom(|iterations| {
            let mut took = std::time::Duration::ZERO;
            for _ in 0..iterations {
                let start = std::time::Instant::now();
                let desk = Desk::open(&path).expect("open");
                let app = App::new(desk, Size::new(WIDTH, HEIGHT)).expect("app");
                let mut terminal =
                    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
                terminal.draw(|f| view::render(&app, f)).expect("draw");
                black_box(app.submissions.len());
                took += start.elapsed();
                drop(app);
            }
            took
        })
    });
    group.finish();

    let desk = Desk::open(&path).expect("open");
    let mut app = App::new(desk, Size::new(WIDTH, HEIGHT)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    app.update(Action::FocusSubmissions);
    // Keys work on the rows read so far; measure them on the whole edition.
    app.submissions.finish();
    let mut group = c.benchmark_group(format!("{}, keys", store.label));
    let mut down = true;
    group.bench_function("move one row: update + render", |b| {
        b.iter(|| {
            down = !down;
            app.update(if down { Action::Down } else { Action::Up });
            terminal.draw(|f| view::render(&app, f)).expect("draw");
        })
    });
    group.bench_function("page down and back: update + render", |b| {
        b.iter(|| {
            app.update(Action::PageDown);
            terminal.draw(|f| view::render(&app, f)).expect("draw");
            app.update(Action::PageUp);
            terminal.draw(|f| view::render(&app, f)).expect("draw");
        })
    });
    group.bench_function("switch pane: update + render", |b| {
        b.iter(|| {
            app.update(Action::NextPane);
            terminal.draw(|f| view::render(&app, f)).expect("draw");
        })
    });
    app.update(Action::FocusSubmissions);
    group.bench_function("open a film record and close it: update + render", |b| {
        b.iter(|| {
            app.update(Action::Open);
            terminal.draw(|f| view::render(&app, f)).expect("draw");
            app.update(Action::Cancel);
            terminal.draw(|f| view::render(&app, f)).expect("draw");
        })
    });
    app.update(Action::Search);
    // Type "nigh", then measure the keystroke that makes it "night" (and take it back).
    for c in "nigh".chars() {
        app.handle_key(KeyEvent::from(KeyCode::Char(c)));
    }
    group.bench_function("one search keystroke: filter + render", |b| {
        b.iter(|| {
            app.handle_key(KeyEvent::from(KeyCode::Char('t')));
            terminal.draw(|f| view::render(&app, f)).expect("draw");
            app.handle_key(KeyEvent::from(KeyCode::Backspace));
        })
    });
    group.finish();

    sorting(c, &store.label, &app);

    let desk = app.desk.clone();
    let edition = support::largest_edition(&desk);
    let (category, juror, nominees) = support::jury(&desk, &edition);
    let ids: Vec<u64> = nominees.iter().map(|n| n.nomination.id).collect();
    let mut turn = 0;
    let mut group = c.benchmark_group(format!("{}, writes", store.label));
    group.bench_function("save a ballot (write + flush)", |b| {
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
            .expect("save")
        })
    });
    group.finish();
}

/// Sorting the whole edition (issue 18 item 2): the collation keys the read model keeps, against what
/// a sort did before them (fold every title, compare the folded strings: code-point order) and against
/// making the collation keys while sorting (why the read model keeps them).
fn sorting(c: &mut Criterion, label: &str, app: &App) {
    use jurydesk::desk::{SortKey, SubmissionQuery};
    let edition = support::largest_edition(&app.desk);
    let rows = app.desk.summaries(edition.id).expect("summaries");
    let all: Vec<usize> = (0..rows.len()).collect();
    let mut group = c.benchmark_group(format!("{label}, sort {} rows", rows.len()));
    group.sample_size(10);
    for key in [SortKey::Title, SortKey::Director, SortKey::Country] {
        let query = SubmissionQuery {
            sort: key,
            ..SubmissionQuery::default()
        };
        group.bench_function(format!("by {}: stored collation keys", key.name()), |b| {
            b.iter(|| {
                let mut hits = all.clone();
                query.sort(&rows, &mut hits);
                black_box(hits[0])
            })
        });
    }
    group.bench_function("by title: fold and compare code points (before)", |b| {
        b.iter(|| {
            let mut hits = all.clone();
            hits.sort_by_cached_key(|&i| jurydesk::text::fold(rows[i].title()));
            black_box(hits[0])
        })
    });
    group.bench_function("by title: collation keys made while sorting", |b| {
        b.iter(|| {
            let mut hits = all.clone();
            hits.sort_by_cached_key(|&i| jurydesk::text::collation::sort_key(rows[i].title()));
            black_box(hits[0])
        })
    });
    group.finish();
}

criterion_group!(benches, at_scale);
criterion_main!(benches);
