//! How the desk opens the nominate picker.

use super::NominatePicker;
use crate::desk::DeskError;
use crate::tui::app::{App, DeleteTarget, Pane, Popup};

impl App {
    pub(in crate::tui) fn open_nominate(&mut self) -> Result<(), DeskError> {
        if self.focus != Pane::Submissions {
            self.message = Some("choose a submission first (2), then n".into());
            return Ok(());
        }
        let (Some(view), Some(row)) = (self.selected_edition(), self.selected_submission()) else {
            return Ok(());
        };
        let film = self.desk.film(row.film_id())?;
        let title = film.title.clone();
        let picker = NominatePicker::open(&self.desk, view.edition.clone(), row.id(), film)?;
        // A film out of the running is nominated only once the secretary says so
        // (docs/domain.md#submission-status).
        self.popup = Some(match self.desk.nomination_caution(picker.submission_id)? {
            Some(status) => Popup::Confirm {
                question: format!("{title} is {status}: nominate anyway? y/n"),
                target: DeleteTarget::NominateAnyway(Box::new(picker)),
            },
            None => Popup::Nominate(Box::new(picker)),
        });
        Ok(())
    }

    /// Enter in the picker: the category, then (in a person category) the person.
    pub(in crate::tui) fn choose_nominee(&mut self) -> Result<(), DeskError> {
        let Some(Popup::Nominate(picker)) = &mut self.popup else {
            return Ok(());
        };
        match picker.choose(&self.desk) {
            Ok(Some(nominee)) => {
                let category = picker
                    .categories
                    .iter()
                    .find(|c| c.id == nominee.nomination.category_id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                self.popup = None;
                self.reload_categories()?;
                self.message = Some(format!(
                    "nominated {} in {category} as number {}",
                    nominee.label,
                    nominee.number()
                ));
            }
            Ok(None) => {}
            Err(e) => picker.message = Some(e.to_string()),
        }
        Ok(())
    }
}
