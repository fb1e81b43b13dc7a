//! The desk (SPEC §3): an Elm-style loop. A terminal event becomes an `Action` through the keymap,
//! `App::update` changes the state, `view::render` draws it. The terminal is restored on quit, on error
//! and on panic.

pub mod actions;
pub mod app;
pub mod ballot;
pub mod editor;
pub mod form;
pub mod keymap;
pub mod list;
pub mod nominate;
pub mod palette;
pub mod settings;
pub mod submissions;
pub mod tally_view;
pub mod view;

use std::io::IsTerminal;
use std::path::Path;

use ratatui::crossterm::event;
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
    // Open the store before touching the terminal, so a locked or damaged store is reported plainly.
    let desk = Desk::open(db)?;
    let mut terminal = ratatui::init();
    let outcome = run_loop(&mut terminal, desk);
    ratatui::restore();
    outcome
}

fn run_loop(terminal: &mut ratatui::DefaultTerminal, desk: Desk) -> Result<(), Failure> {
    let size = terminal.size().unwrap_or(Size::new(80, 24));
    let mut app = App::new(desk, size)?;
    while !app.quit {
        terminal
            .draw(|frame| view::render(&app, frame))
            .map_err(|e| Failure::failed(format!("cannot draw the desk: {e}")))?;
        let event =
            event::read().map_err(|e| Failure::failed(format!("cannot read the keyboard: {e}")))?;
        app.handle_event(&event);
    }
    Ok(())
}
