//! SPEC §9 at 100,000 submissions in one edition, with criterion: open to the first full frame, a key
//! in the list (move, page, switch pane) and one search keystroke. The store is generated once per run
//! (`jurydesk generate`, about 7 s); set `JURYDESK_SCALE` to try another size.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use jurydesk::desk::Desk;
use jurydesk::tui::actions::Action;
use jurydesk::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

const WIDTH: u16 = 160;
const HEIGHT: u16 = 45;

fn scale() -> usize {
    std::env::var("JURYDESK_SCALE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

fn generated() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.generate(scale(), 1, 7).expect("generate");
    dir
}

fn at_scale(c: &mut Criterion) {
    let dir = generated();
    let path = dir.path().join("store");
    let mut group = c.benchmark_group(format!("{} submissions", scale()));
    group.sample_size(10);
    group.bench_function("open to the first full frame", |b| {
        // The app is dropped outside the timing: dropping it waits for the rows still being read.
        b.iter_with_large_drop(|| {
            let desk = Desk::open(&path).expect("open");
            let app = App::new(desk, Size::new(WIDTH, HEIGHT)).expect("app");
            let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
            terminal.draw(|f| view::render(&app, f)).expect("draw");
            black_box(app.submissions.len());
            app
        })
    });
    group.finish();

    let desk = Desk::open(&path).expect("open");
    let mut app = App::new(desk, Size::new(WIDTH, HEIGHT)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
    app.update(Action::FocusSubmissions);
    app.update(Action::Down); // waits once for the whole edition
    let mut group = c.benchmark_group(format!("{} submissions, keys", scale()));
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
}

criterion_group!(benches, at_scale);
criterion_main!(benches);
