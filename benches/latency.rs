//! Tail latencies for the SPEC §9 budgets stated as p99 (criterion reports means): each operation is
//! timed one by one, and the median, p99 and maximum are printed. Run with `cargo bench --bench latency`.

use std::time::{Duration, Instant};

use jurydesk::desk::Desk;
use jurydesk::domain::BallotContent;
use jurydesk::tui::actions::Action;
use jurydesk::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() as f64 - 1.0) * q).round() as usize];
    println!(
        "{name:<46} n={:<6} median {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}",
        samples.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

/// With `JURYDESK_BENCH_STORE=PATH` (a store made by `jurydesk generate`): open to the first frame, list
/// keys and search keystrokes at that scale.
fn at_scale(path: &std::path::Path) {
    let start = Instant::now();
    let desk = Desk::open(path).expect("open");
    let mut app = App::new(desk, Size::new(160, 45)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("terminal");
    terminal.draw(|f| view::render(&app, f)).expect("draw");
    println!("{:<46} {:>9.3?}", "open to first frame", start.elapsed());

    app.update(Action::FocusSubmissions);
    let keys = [
        Action::Down,
        Action::PageDown,
        Action::Up,
        Action::HalfPageDown,
        Action::Bottom,
        Action::Top,
    ];
    let mut samples = Vec::new();
    for i in 0..3000 {
        let start = Instant::now();
        app.update(keys[i % keys.len()]);
        terminal.draw(|f| view::render(&app, f)).expect("draw");
        samples.push(start.elapsed());
    }
    report("key in a list: update + render (at scale)", samples);

    let mut samples = Vec::new();
    for query in ["night", "شب", "director:kaveh", "river 12"] {
        app.update(Action::Search);
        for c in query.chars() {
            let start = Instant::now();
            app.handle_key(ratatui::crossterm::event::KeyEvent::from(
                ratatui::crossterm::event::KeyCode::Char(c),
            ));
            terminal.draw(|f| view::render(&app, f)).expect("draw");
            samples.push(start.elapsed());
        }
        app.update(Action::SearchClear);
    }
    report("search keystroke: filter + render (at scale)", samples);
}

fn main() {
    if let Some(path) = std::env::var_os("JURYDESK_BENCH_STORE") {
        at_scale(std::path::Path::new(&path));
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.load_demo().expect("demo");

    // Saving a ballot: write + flush, the desk's Enter.
    let edition = desk.edition("riff-18").expect("edition");
    let category = desk.category(&edition, "Grand Prize").expect("category");
    let juror = desk.juror(&edition, "Mina Sadeghi").expect("juror");
    let nominees = desk.nominees(&category).expect("nominees");
    let ids: Vec<u64> = nominees.iter().map(|n| n.nomination.id).collect();
    let mut samples = Vec::new();
    for turn in 0..1000 {
        let mut order = ids.clone();
        order.rotate_left(turn % ids.len());
        let start = Instant::now();
        desk.save_ballot(
            &edition,
            &category,
            &juror,
            &nominees,
            BallotContent::Ranked(order),
        )
        .expect("save");
        samples.push(start.elapsed());
    }
    report("save a ballot (write + flush)", samples);

    // A key in a list: update + render of a 160x45 frame.
    let mut app = App::new(desk, Size::new(160, 45)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("terminal");
    app.update(Action::FocusSubmissions);
    let keys = [
        Action::Down,
        Action::Down,
        Action::PageDown,
        Action::Up,
        Action::Top,
        Action::NextPane,
    ];
    let mut samples = Vec::new();
    for i in 0..5000 {
        let action = keys[i % keys.len()];
        let start = Instant::now();
        app.update(action);
        terminal.draw(|f| view::render(&app, f)).expect("draw");
        samples.push(start.elapsed());
    }
    report("key in a list: update + render (demo)", samples);
}
