//! How the desk opens ballot entry and passes it keys.

use super::{BallotForm, BallotKey};
use crate::desk::{CategorySummary, DeskError};
use crate::domain::Edition;
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
        let Some((edition, summary)) = self.category_to_vote_in("ballot")? else {
            return Ok(());
        };
        let form = BallotForm::open(&self.desk, edition, summary)?;
        self.popup = Some(Popup::Ballot(Box::new(form)));
        Ok(())
    }

    /// The selected category and its edition, when a jury can vote there; otherwise `None`, with the
    /// reason on the status line (`action` names the key that was pressed, ballot entry's or the jury
    /// room's). A finalized edition is refused.
    pub(in crate::tui) fn category_to_vote_in(
        &mut self,
        action: &str,
    ) -> Result<Option<(Edition, CategorySummary)>, DeskError> {
        let (Some(view), Some(summary)) = (self.selected_edition(), self.selected_category())
        else {
            self.message = Some(format!(
                "choose a category in the nominations pane (3), then {}",
                self.keymap.first_key_label(action)
            ));
            return Ok(None);
        };
        crate::desk::refuse_if_finalized(&view.edition)?;
        if !summary.nominees.is_empty() && summary.voters.is_empty() {
            self.message = Some(format!(
                "'{}' has no juror who may vote: seat one with {} in the panes",
                summary.category.name,
                self.keymap.first_key_label("add-juror")
            ));
            return Ok(None);
        }
        Ok(Some((view.edition.clone(), summary.clone())))
    }
}
