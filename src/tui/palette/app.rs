//! How the desk opens the palette and hands it keys.

use ratatui::crossterm::event::KeyEvent;

use super::{Palette, PaletteSignal};
use crate::tui::app::{App, Popup};

impl App {
    /// Opens the palette on the actions that apply where the secretary is.
    pub(in crate::tui) fn open_palette(&mut self) {
        let palette = Palette::new(self.context());
        self.popup = Some(Popup::Palette(Box::new(palette)));
    }

    /// A key in the open palette: it reads every key itself (a query in any script); Enter runs
    /// the chosen action as if its key had been pressed.
    pub(in crate::tui) fn palette_key(&mut self, key: KeyEvent) {
        let Some(Popup::Palette(palette)) = &mut self.popup else {
            return;
        };
        match palette.handle_key(key) {
            PaletteSignal::Continue => {}
            PaletteSignal::Cancel => self.popup = None,
            PaletteSignal::Run(action) => {
                self.popup = None;
                self.update(action);
            }
        }
    }
}
