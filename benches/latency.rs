//! Tail latencies for the SPEC §9 budgets stated as p99 (criterion reports means): each operation is
//! timed one by one, and the median, p99 and maximum are printed. `cargo bench --bench latency` runs
//! them on the demo; with `JURYDESK_SCALE=100000` (a generated store) or `JURYDESK_BENCH_STORE=PATH`
//! (a store made beforehand) at scale.

mod support;

use std::time::{Duration, Instant};

use jurydesk::desk::{Desk, Nominee};
use jurydesk::domain::{BallotContent, Category, Edition, Juror};
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

/// Opens the store at `path` to the first full frame.
fn open_to_first_frame(path: &std::path::Path) -> (App, Terminal<TestBackend>, Duration) {
    let start = Instant::now();
    let desk = Desk::open(path).expect("open");
    let app = App::new(desk, Size::new(160, 45)).expect("app");
    let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("terminal");
    terminal.draw(|f| view::render(&app, f)).expect("draw");
    let took = start.elapsed();
    (app, terminal, took)
}

/// Times `action` + a render, one at a time.
fn timed(app: &mut App, terminal: &mut Terminal<TestBackend>, action: Action) -> Duration {
    let start = Instant::now();
    app.update(action);
    terminal.draw(|f| view::render(app, f)).expect("draw");
    start.elapsed()
}

/// At scale (see `support::bench_store`: 100,000 submissions generated, or `JURYDESK_BENCH_STORE=PATH`
/// for a store made beforehand, e.g. 1,000,000 across 10 editions): open to the first frame, list keys
/// (also while a large edition is still being read), opening a record, search keystrokes and saving a
/// ballot.
fn at_scale() {
    let store = support::bench_store();
    println!("{}", store.label);
    let mut opens = Vec::new();
    for _ in 0..7 {
        let (app, _, took) = open_to_first_frame(&store.path);
        opens.push(took);
        drop(app);
    }
    report("open to first frame (at scale)", opens);

    // The first keys after opening, while the rest of a large edition is still being read.
    let (mut app, mut terminal, _) = open_to_first_frame(&store.path);
    app.update(Action::FocusSubmissions);
    let mut samples = Vec::new();
    while app.submissions.is_loading() && samples.len() < 2000 {
        app.submissions.poll();
        samples.push(timed(&mut app, &mut terminal, Action::Down));
    }
    if !samples.is_empty() {
        report("key in a list while its rows arrive", samples);
    }
    app.submissions.finish();

    let keys = [
        Action::Down,
        Action::PageDown,
        Action::Up,
        Action::HalfPageDown,
        Action::Bottom,
        Action::Top,
        Action::NextPane,
        Action::FocusSubmissions,
    ];
    let samples = (0..3000)
        .map(|i| timed(&mut app, &mut terminal, keys[i % keys.len()]))
        .collect();
    report("key in a list: update + render (at scale)", samples);

    let mut samples = Vec::new();
    for _ in 0..200 {
        samples.push(timed(&mut app, &mut terminal, Action::Open));
        app.update(Action::Cancel);
        app.update(Action::Down);
    }
    report("open a film record: update + render", samples);

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

    let desk = app.desk.clone();
    let edition = support::largest_edition(&desk);
    let (category, juror, nominees) = support::jury(&desk, &edition);
    save_ballots(&desk, &edition, &category, &juror, &nominees, "(at scale)");
}

/// Saves `count` ballots one by one (write + flush, the desk's Enter).
fn save_ballots(
    desk: &Desk,
    edition: &Edition,
    category: &Category,
    juror: &Juror,
    nominees: &[Nominee],
    label: &str,
) {
    let ids: Vec<u64> = nominees.iter().map(|n| n.nomination.id).collect();
    let mut samples = Vec::new();
    for turn in 0..1000 {
        let mut order = ids.clone();
        order.rotate_left(turn % ids.len());
        let start = Instant::now();
        desk.save_ballot(
            edition,
            category,
            juror,
            nominees,
            BallotContent::Ranked(order),
        )
        .expect("save");
        samples.push(start.elapsed());
    }
    report(&format!("save a ballot (write + flush) {label}"), samples);
}

fn main() {
    if std::env::var_os("JURYDESK_BENCH_STORE").is_some()
        || std::env::var_os("JURYDESK_SCALE").is_some()
    {
        at_scale();
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
    save_ballots(&desk, &edition, &category, &juror, &nominees, "(demo)");

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
