//! The juror's record from the desk (README.md#the-desk "Jury and conflicts"): `Enter` on a juror's
//! row opens it; from it `r` recuses the juror from a film and `c` records that a probable conflict
//! is none, each through a form that asks for the reason; once saved, the record opens again,
//! brought up to date. And `W` in a count withdraws the category's award
//! (docs/counting.md#deciding-an-award), the one way to unfreeze it.

use crate::desk::{DeskError, JurorRecord};
use crate::tui::app::{App, Popup};
use crate::tui::form::Form;

impl App {
    /// Opens (or reopens, up to date) the record of the juror `juror` of the selected edition.
    pub(in crate::tui) fn open_juror_record(&mut self, juror: u64) -> Result<(), DeskError> {
        let Some(code) = self.selected_edition().map(|v| v.edition.code.clone()) else {
            return Ok(());
        };
        let record = self.desk.juror_record(&code, &juror.to_string())?;
        self.popup = Some(Popup::Juror {
            record: Box::new(record),
            scroll: 0,
        });
        Ok(())
    }

    fn shown_juror_record(&self) -> Option<&JurorRecord> {
        match &self.popup {
            Some(Popup::Juror { record, .. }) => Some(record),
            _ => None,
        }
    }

    /// `r` in a juror's record: the recusal form, its film picked among the edition's nominated films.
    pub(in crate::tui) fn open_recuse_form(&mut self) -> Result<(), DeskError> {
        let Some(record) = self.shown_juror_record() else {
            return Ok(());
        };
        let mut films: Vec<(u64, String)> = Vec::new();
        for summary in &self.categories {
            for nominee in &summary.nominees {
                let id = nominee.nomination.submission_id;
                let recused = record.recusals.iter().any(|r| r.submission_id == id);
                if !recused && !films.iter().any(|(f, _)| *f == id) {
                    films.push((id, nominee.title.clone()));
                }
            }
        }
        // The films the juror is credited on first: the likely choice is where the hint begins.
        films.sort_by_key(|(id, _)| !record.open_conflicts.iter().any(|c| c.submission_id == *id));
        if films.is_empty() {
            self.message = Some(format!(
                "no nominated film to recuse {} from (nominate films first, n in the submissions pane)",
                record.juror.name
            ));
            return Ok(());
        }
        let form = Form::recuse(record, films);
        self.popup = Some(Popup::Form(Box::new(form)));
        Ok(())
    }

    /// `c` in a juror's record: the "no conflict" form over the juror's open probable conflicts.
    pub(in crate::tui) fn open_clear_conflict_form(&mut self) {
        let Some(record) = self.shown_juror_record() else {
            return;
        };
        if record.open_conflicts.is_empty() {
            self.message = Some(format!(
                "{} has no probable conflict to clear",
                record.juror.name
            ));
            return;
        }
        let form = Form::clear_conflict(record);
        self.popup = Some(Popup::Form(Box::new(form)));
    }

    /// `W` in a count: the form that withdraws the category's recorded award, with the reason.
    pub(in crate::tui) fn open_withdraw_award_form(&mut self) {
        let Some(Popup::Tally(view)) = &self.popup else {
            return;
        };
        let category = view.summary.category.clone();
        let edition = view.edition.code.clone();
        match self.desk.awards(category.id) {
            Ok(awards) if awards.is_empty() => {
                if let Some(Popup::Tally(view)) = &mut self.popup {
                    view.message = Some(format!(
                        "'{}' has no recorded award to withdraw",
                        category.name
                    ));
                }
            }
            Ok(_) => {
                let form = Form::withdraw_award(&edition, &category);
                self.popup = Some(Popup::Form(Box::new(form)));
            }
            Err(e) => self.message = Some(e.desk_text()),
        }
    }

    /// After a recusal or a cleared conflict: the panes (the ⚠ marks) and the record, up to date.
    pub(in crate::tui) fn after_conflict_form(&mut self, juror: u64) -> Result<(), DeskError> {
        self.reload_categories()?;
        self.open_juror_record(juror)
    }
}
