//! The desk (SPEC §3): an Elm-style loop. A terminal event becomes an `Action` through the keymap,
//! `App::update` changes the state, `view::render` draws it. The terminal is restored on quit, on error
//! and on panic (see `crash`).

pub mod actions;
pub mod app;
pub mod ballot;
pub mod crash;
pub mod editor;
pub mod form;
pub mod keymap;
pub mod list;
pub mod nominate;
pub mod palette;
pub mod search_line;
pub mod settings;
pub mod submissions;
pub mod tally_decide;
pub mod tally_view;
pub mod view;

use std::io::IsTerminal;
use std::path::Path;

use ratatui::crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::layout::Size;

use crate::cli::Failure;
use crate::desk::Desk;
pub use app::App;

/// Opens the desk on the store at `db` and runs it until the secretary quits.
pub fn run(db: &Path) -> Result<(), Failure> {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure {
            code: 2,
            message: "the desk needs a terminal; for scripts use a command (see `jurydesk --help`)"
                .into(),
        });
    }
    // Read the settings and open the store before touching the terminal, so that a bad settings file
    // or a locked or damaged store is reported plainly.
    let settings = settings::Settings::load(&settings::default_path()).map_err(Failure::failed)?;
    let desk = Desk::open(db)?;
    if let Some(note) = desk.open_note() {
        eprintln!("{note}");
    }
    crate::text::bidi::set_reorder(settings.rtl == settings::RtlMode::Jurydesk);
    let test_panic = crash::TestPanic::from_env();
    let mut terminal = ratatui::init();
    crash::install_panic_hook(db);
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let outcome = run_loop(&mut terminal, desk, settings, test_panic);
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    outcome
}

fn run_loop(
    terminal: &mut ratatui::DefaultTerminal,
    desk: Desk,
    settings: settings::Settings,
    mut test_panic: crash::TestPanic,
) -> Result<(), Failure> {
    let size = terminal.size().unwrap_or(Size::new(80, 24));
    let mut app = App::new(desk, size)?;
    app.keymap = settings.keymap;
    app.colours = settings.colours;
    while !app.quit {
        terminal
            .draw(|frame| view::render(&app, frame))
            .map_err(|e| Failure::failed(format!("cannot draw the desk: {e}")))?;
        test_panic.fire();
        let keyboard =
            |e: std::io::Error| Failure::failed(format!("cannot read the keyboard: {e}"));
        // While a large edition is read in the background, redraw as its rows arrive even without a
        // key, so the count in the pane title keeps up.
        if app.submissions.is_loading()
            && !event::poll(std::time::Duration::from_millis(15)).map_err(keyboard)?
        {
            app.submissions.poll();
            continue;
        }
        let event = event::read().map_err(keyboard)?;
        app.handle_event(&event);
        if let Some(text) = app.editor_request.take() {
            let result = suspended(terminal, || editor::edit_in_editor(&text));
            app.editor_finished(result);
        }
    }
    Ok(())
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
