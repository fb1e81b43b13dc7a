//! Tail latencies for the budgets (BENCHMARKS.md#budgets) stated as p99 (criterion reports means):
//! each operation is timed one by one, and the median, p99 and maximum are printed. `cargo bench
//! --bench latency` runs them on the demo; with `JURYDESK_SCALE=100000` (a generated store) or
//! `JURYDESK_BENCH_STORE=PATH` (a store made beforehand) at scale.
//!
//! Each operation is timed twice: on the wall clock (what the secretary waits), and on the CPU clock
//! of the thread doing it (the work itself). On a machine shared with other work, the wall clock's
//! tail is mostly time spent waiting for a core, which the CPU clock leaves out.
// Tests stop loudly (unwrap, expect, panic) and are held to clippy's default set, not the pedantic one
// the product code keeps (Cargo.toml [lints]).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::pedantic
)]

mod support;

use std::time::{Duration, Instant};

use jurydesk::desk::{Desk, Nominee};
use jurydesk::domain::{BallotContent, Category, Edition, Juror};
use jurydesk::tui::actions::Action;
use jurydesk::tui::{App, view};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

/// One operation's time on the wall clock and on its thread's CPU clock.
#[derive(Clone, Copy)]
struct Sample {
    wall: Duration,
    cpu: Duration,
}

#[cfg(unix)]
fn thread_cpu_time() -> Duration {
    use nix::time::{ClockId, clock_gettime};
    clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID)
        .map(Duration::from)
        .unwrap_or_default()
}

#[cfg(not(unix))]
fn thread_cpu_time() -> Duration {
    Duration::ZERO
}

/// Runs `f` once, timed.
fn measure<T>(f: impl FnOnce() -> T) -> (T, Sample) {
    let (wall, cpu) = (Instant::now(), thread_cpu_time());
    let value = f();
    let sample = Sample {
        wall: wall.elapsed(),
        cpu: thread_cpu_time().saturating_sub(cpu),
    };
    (value, sample)
}

fn report(name: &str, samples: &[Sample]) {
    let summary = |mut times: Vec<Duration>| {
        times.sort();
        let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
        format!(
            "median {:>9.3?}  p99 {:>9.3?}  max {:>9.3?}",
            at(0.5),
            at(0.99),
            at(1.0)
        )
    };
    println!(
        "{name:<44} n={:<5} wall: {}\n{:<52} cpu:  {}",
        samples.len(),
        summary(samples.iter().map(|s| s.wall).collect()),
        "",
        summary(samples.iter().map(|s| s.cpu).collect()),
    );
}

/// Opens the store at `path` to the first full frame.
fn open_to_first_frame(path: &std::path::Path) -> (App, Terminal<TestBackend>, Sample) {
    let ((app, terminal), sample) = measure(|| {
        let desk = Desk::open(path).expect("open");
        let app = App::new(desk, Size::new(160, 45)).expect("app");
        let mut terminal = Terminal::new(TestBackend::new(160, 45)).expect("terminal");
        terminal.draw(|f| view::render(&app, f)).expect("draw");
        (app, terminal)
    });
    (app, terminal, sample)
}

/// Times `action` + a render of a 160×45 frame.
fn timed(app: &mut App, terminal: &mut Terminal<TestBackend>, action: Action) -> Sample {
    measure(|| {
        app.update(action);
        terminal.draw(|f| view::render(app, f)).expect("draw");
    })
    .1
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
        let (app, _, sample) = open_to_first_frame(&store.path);
        opens.push(sample);
        drop(app);
    }
    report("open to first frame", &opens);

    // The first keys after opening, while the rest of a large edition is still being read.
    let (mut app, mut terminal, _) = open_to_first_frame(&store.path);
    app.update(Action::FocusSubmissions);
    let mut samples = Vec::new();
    while app.submissions.is_loading() && samples.len() < 2000 {
        samples.push(measure(|| app.submissions.poll()).1);
        samples.push(timed(&mut app, &mut terminal, Action::Down));
    }
    if !samples.is_empty() {
        report("key in a list while its rows arrive", &samples);
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
    let samples: Vec<Sample> = (0..3000)
        .map(|i| timed(&mut app, &mut terminal, keys[i % keys.len()]))
        .collect();
    report("key in a list: update + render", &samples);

    let mut samples = Vec::new();
    for _ in 0..200 {
        samples.push(timed(&mut app, &mut terminal, Action::Open));
        app.update(Action::Cancel);
        app.update(Action::Down);
    }
    report("open a film record: update + render", &samples);

    let mut samples = Vec::new();
    for query in ["night", "شب", "director:kaveh", "river 12"] {
        app.update(Action::Search);
        for c in query.chars() {
            let (_, sample) = measure(|| {
                app.handle_key(KeyEvent::from(KeyCode::Char(c)));
                terminal.draw(|f| view::render(&app, f)).expect("draw");
            });
            samples.push(sample);
        }
        app.update(Action::SearchClear);
    }
    report("search keystroke: filter + render", &samples);

    let desk = app.desk.clone();
    let edition = support::largest_edition(&desk);
    let (category, juror, nominees) = support::jury(&desk, &edition);
    save_ballots(&desk, &edition, &category, &juror, &nominees);
}

/// Saves 1,000 ballots one by one (write + flush, the desk's Enter).
fn save_ballots(
    desk: &Desk,
    edition: &Edition,
    category: &Category,
    juror: &Juror,
    nominees: &[Nominee],
) {
    let ids: Vec<u64> = nominees.iter().map(|n| n.nomination.id).collect();
    let samples: Vec<Sample> = (0..1000)
        .map(|turn| {
            let mut order = ids.clone();
            order.rotate_left(turn % ids.len());
            let content = BallotContent::Ranked(order);
            measure(|| {
                desk.save_ballot(edition, category, juror, nominees, content)
                    .expect("save")
            })
            .1
        })
        .collect();
    report("save a ballot (write + flush)", &samples);
}

fn main() {
    if std::env::var_os("JURYDESK_BENCH_STORE").is_some()
        || std::env::var_os("JURYDESK_SCALE").is_some()
    {
        at_scale();
        return;
    }
    println!("demo store");
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = Desk::open(&dir.path().join("store")).expect("open");
    desk.load_demo().expect("demo");

    let edition = desk.edition("riff-18").expect("edition");
    let category = desk.category(&edition, "Grand Prize").expect("category");
    let juror = desk.juror(&edition, "Mina Sadeghi").expect("juror");
    let nominees = desk.nominees(&category).expect("nominees");
    save_ballots(&desk, &edition, &category, &juror, &nominees);

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
    let samples: Vec<Sample> = (0..5000)
        .map(|i| timed(&mut app, &mut terminal, keys[i % keys.len()]))
        .collect();
    report("key in a list: update + render", &samples);
}
