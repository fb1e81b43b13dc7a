//! The status menu of a submission (`x`), and Enter in a picker.

use super::*;

impl App {
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
