//! How the desk opens the count and passes it keys.

use super::{TallyKey, TallyView};
use crate::desk::DeskError;
use crate::tui::app::{App, Popup};

impl App {
    pub(in crate::tui) fn tally_key(&mut self, key: TallyKey) {
        if let Some(Popup::Tally(view)) = &mut self.popup {
            view.handle(&self.desk, key, &self.keymap);
        }
    }

    pub(in crate::tui) fn open_tally(&mut self) -> Result<(), DeskError> {
        let (Some(view), Some(summary)) = (self.selected_edition(), self.selected_category())
        else {
            self.message = Some("choose a category in the nominations pane (3), then t".into());
            return Ok(());
        };
        let tally = TallyView::open(&self.desk, view.edition.clone(), summary.clone())?;
        self.popup = Some(Popup::Tally(Box::new(tally)));
        Ok(())
    }
}
