//! How the desk opens ballot entry and passes it keys.

use super::{BallotForm, BallotKey};
use crate::desk::DeskError;
use crate::tui::app::{App, Popup};

impl App {
    pub(in crate::tui) fn ballot_key(&mut self, key: BallotKey) {
        self.message = None;
        if let Some(Popup::Ballot(form)) = &mut self.popup
            && let Err(e) = form.handle(&self.desk, key)
        {
            form.message = Some(e.desk_text());
        }
    }

    pub(in crate::tui) fn open_ballots(&mut self) -> Result<(), DeskError> {
        let (Some(view), Some(summary)) = (self.selected_edition(), self.selected_category())
        else {
            self.message = Some("choose a category in the nominations pane (3), then b".into());
            return Ok(());
        };
        crate::desk::refuse_if_finalized(&view.edition)?;
        if !summary.nominees.is_empty() && summary.voters.is_empty() {
            self.message = Some(format!(
                "'{}' has no juror who may vote: seat one with {} in the panes",
                summary.category.name,
                self.keymap.first_key_label("add-juror")
            ));
            return Ok(());
        }
        let form = BallotForm::open(&self.desk, view.edition.clone(), summary.clone())?;
        self.popup = Some(Popup::Ballot(Box::new(form)));
        Ok(())
    }
}
