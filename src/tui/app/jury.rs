//! The count and the status menu: how the desk opens them and passes them keys.

use super::*;

impl App {
    pub(super) fn tally_key(&mut self, key: TallyKey) {
        if let Some(Popup::Tally(view)) = &mut self.popup {
            view.handle(&self.desk, key, &self.keymap);
        }
    }

    pub(super) fn open_tally(&mut self) -> Result<(), DeskError> {
        let (Some(view), Some(summary)) = (self.selected_edition(), self.selected_category())
        else {
            self.message = Some("choose a category in the nominations pane (3), then t".into());
            return Ok(());
        };
        let tally = TallyView::open(&self.desk, view.edition.clone(), summary.clone())?;
        self.popup = Some(Popup::Tally(Box::new(tally)));
        Ok(())
    }

    pub(super) fn choose(&mut self) -> Result<(), DeskError> {
        if let Some(Popup::Status {
            submission_id,
            cursor,
            ..
        }) = &self.popup
        {
            let (id, to) = (*submission_id, SubmissionStatus::ALL[(*cursor).min(7)]);
            self.popup = None;
            let submission = self.desk.set_status(id, to, "", false)?;
            self.message = Some(format!(
                "submission {} is now {}",
                submission.id, submission.status
            ));
            let keep = self.submissions_pos;
            self.load_edition_contents()?;
            self.restore_submissions_position(keep);
            return Ok(());
        }
        self.choose_nominee()
    }
}
