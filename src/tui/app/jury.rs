//! The jury's work from the desk: nominating, ballot entry and the count, each a popup of its own.

use super::*;

impl App {
    pub(super) fn tally_key(&mut self, key: TallyKey) {
        if let Some(Popup::Tally(view)) = &mut self.popup {
            view.handle(&self.desk, key, &self.keymap);
        }
    }

    pub(super) fn ballot_key(&mut self, key: BallotKey) {
        self.message = None;
        if let Some(Popup::Ballot(form)) = &mut self.popup
            && let Err(e) = form.handle(&self.desk, key)
        {
            form.message = Some(e.desk_text());
        }
    }

    pub(super) fn open_nominate(&mut self) -> Result<(), DeskError> {
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
        // A film out of the running is nominated only once the secretary says so (SPEC §2.1).
        self.popup = Some(match self.desk.nomination_caution(picker.submission_id)? {
            Some(status) => Popup::Confirm {
                question: format!("{title} is {status}: nominate anyway? y/n"),
                target: DeleteTarget::NominateAnyway(Box::new(picker)),
            },
            None => Popup::Nominate(Box::new(picker)),
        });
        Ok(())
    }

    pub(super) fn open_ballots(&mut self) -> Result<(), DeskError> {
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
