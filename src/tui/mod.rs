//! The desk (README.md#the-desk): an Elm-style loop. A terminal event becomes an `Action` through
//! the keymap, `App::update` changes the state, `view::render` draws it. The terminal is restored on
//! quit, on error and on panic (see `crash`).

pub mod actions;
pub mod app;
pub mod ballot;
pub mod confirm;
pub mod crash;
pub mod editor;
pub mod form;
pub mod hangup;
pub mod hints;
pub mod juror_record;
pub mod jury_room;
pub mod keymap;
pub mod last_edition;
pub mod leaderboard;
pub mod list;
pub mod nominate;
pub mod overview;
pub mod palette;
pub mod palmares;
pub mod popup;
pub mod print;
pub mod screening;
pub mod search_line;
pub mod settings;
pub mod signals;
pub mod status_menu;
pub mod submissions;
pub mod tally;
pub mod view;

use std::io::{IsTerminal, Write};
use std::path::Path;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Size;

use crate::desk::Desk;
use crate::failure::Failure;
pub use app::App;

/// Opens the desk on the store at `db` and runs it until the secretary quits. `ask_before_creating`:
/// the path was typed (`--db`, `JURYDESK_DB`), so where there is no store yet the desk asks before
/// making one, and a typo does not quietly start an empty store beside the real one.
pub fn run(db: &Path, ask_before_creating: bool) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure {
            code: 2,
            message: "the desk needs a terminal; for scripts use a command (see `jurydesk --help`)"
                .into(),
        });
    }
    // Read the settings and open the store before touching the terminal, so that a bad settings file
    // or a locked or damaged store is reported plainly.
    let settings = settings::Settings::load(&settings::default_path())
        .map_err(|e| Failure::failed(e.to_string()))?;
    if ask_before_creating && !Desk::exists(db) && !confirm_new_store(db)? {
        return Err(Failure {
            code: 3,
            message: format!(
                "nothing was created: there is still no store at {}",
                db.display()
            ),
        });
    }
    let desk = Desk::open(db)?;
    if let Some(note) = desk.open_note() {
        eprintln!("{note}");
    }
    crate::text::bidi::set_reorder(settings.rtl == settings::RtlMode::Jurydesk);
    let signals = signals::StopSignals::install()
        .map_err(|e| Failure::failed(format!("cannot watch for signals: {e}")))?;
    let test_panic = crash::TestPanic::from_env();
    let mut terminal = ratatui::init();
    crash::install_panic_hook(db);
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    // The store is closed (flushed, unlocked) when `run_loop` returns, before the terminal is given
    // back: whatever ends the desk, a change it reported saved is on disk by then.
    let outcome = run_loop(&mut terminal, desk, db, settings, test_panic, &signals);
    // A terminal that hung up cannot be given back: trying would only print ratatui's complaints
    // (restoring, showing the cursor as the terminal is dropped) before the message that matters.
    if hangup::terminal_hung_up() {
        std::mem::forget(terminal);
    } else {
        let _ = execute!(std::io::stdout(), DisableMouseCapture);
        ratatui::restore();
    }
    outcome
}

fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    desk: Desk,
    db: &Path,
    settings: settings::Settings,
    mut test_panic: crash::TestPanic,
    signals: &signals::StopSignals,
) -> Result<(), Failure> {
    let size = terminal.size().unwrap_or(Size::new(80, 24));
    let state = last_edition::default_path();
    let last = last_edition::recall(&state, db);
    let mut app = App::reopened(desk, size, last.as_deref())?;
    app.keymap = settings.keymap;
    app.colours = settings.colours;
    while !app.quit {
        terminal
            .draw(|frame| view::render(&app, frame))
            .map_err(|e| Failure::failed(format!("cannot draw the desk: {e}")))?;
        test_panic.fire();
        let Some(event) = next_event(&mut app, signals)? else {
            continue;
        };
        app.handle_event(&event);
        if let Some(text) = app.editor_request.take() {
            let result = suspended(terminal, || editor::edit_in_editor(&text));
            signals.forget_keyboard_signals();
            app.editor_finished(result);
        }
    }
    // Where the desk was left is a convenience: failing to note it is not worth a word.
    if let Some(view) = app.selected_edition() {
        let _ = last_edition::remember(&state, db, &view.edition.code);
    }
    // A desk that ended because its store was given up says why on the plain terminal too, and
    // exits 3 like any command that finds the store unusable.
    match app.store_failure.take() {
        Some(failure) => Err(Failure {
            code: 3,
            message: failure,
        }),
        None => Ok(()),
    }
}

/// Asks on the plain terminal (before the desk takes it) whether to create a store at `db`.
fn confirm_new_store(db: &Path) -> Result<bool, Failure> {
    let mut err = std::io::stderr();
    let path = db.display().to_string();
    let shown = crate::text::for_terminal(&path);
    let _ = write!(
        err,
        "There is no jurydesk store at {shown} yet. Create one there? [y/N] "
    );
    let _ = err.flush();
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .map_err(|e| Failure::failed(format!("cannot read the answer: {e}")))?;
    Ok(matches!(answer.trim(), "y" | "Y" | "yes" | "Yes" | "YES"))
}

/// Waits for the next terminal event without drawing, looking for a signal that ends the desk now
/// and then. `None` asks for a redraw without an event: while a large edition is read in the
/// background, its rows are drawn as they arrive, so the count in the pane title keeps up.
fn next_event(
    app: &mut App,
    signals: &signals::StopSignals,
) -> Result<Option<event::Event>, Failure> {
    // A hung-up terminal fails the read as the SIGHUP arrives: the signal is the better account.
    let keyboard = |e: std::io::Error| match signals.received() {
        Some(stopped) => stopped_by(stopped),
        None => Failure::failed(format!("cannot read the keyboard: {e}")),
    };
    loop {
        if let Some(stopped) = signals.received() {
            return Err(stopped_by(stopped));
        }
        let loading = app.submissions.is_loading();
        let wait = if loading { 15 } else { SIGNAL_LOOK_MS };
        if event::poll(std::time::Duration::from_millis(wait)).map_err(keyboard)? {
            return event::read().map(Some).map_err(keyboard);
        }
        if hangup::terminal_hung_up() {
            return Err(stopped_by(signals::Stopped::HANG_UP));
        }
        if loading {
            app.submissions.poll();
            return Ok(None);
        }
    }
}

/// How often, in milliseconds, the idle desk looks for a signal: quick enough to feel immediate,
/// rare enough to cost nothing.
const SIGNAL_LOOK_MS: u64 = 100;

/// The desk ended by a signal: the exit status a shell expects, and what was kept.
fn stopped_by(stopped: signals::Stopped) -> Failure {
    Failure {
        code: stopped.exit_code(),
        message: format!(
            "the desk was ended by {}: the store was closed, and every change it reported saved is kept \
             (a form or ballot not yet saved was dropped)",
            stopped.name
        ),
    }
}

/// Runs `f` with the terminal given back to the shell (for `$EDITOR`), then takes it again.
fn suspended<T>(terminal: &mut ratatui::DefaultTerminal, f: impl FnOnce() -> T) -> T {
    let mut out = std::io::stdout();
    let _ = execute!(out, DisableMouseCapture, LeaveAlternateScreen);
    let _ = disable_raw_mode();
    let value = f();
    let _ = enable_raw_mode();
    let _ = execute!(out, EnterAlternateScreen, EnableMouseCapture);
    let _ = terminal.clear();
    value
}
