//! Adding, editing and deleting records from the desk: forms, `$EDITOR`, the delete question.

use super::*;

impl App {
    pub(super) fn open_add_form(&mut self) {
        let Some(view) = self.selected_edition() else {
            self.popup = Some(Popup::Form(Box::new(Form::add_festival())));
            return;
        };
        let form = match self.focus {
            Pane::Editions => Form::add_edition(&view.festival.code),
            Pane::Submissions => Form::add_submission(&view.edition.code),
            Pane::Nominations => Form::add_category(&view.edition.code),
        };
        self.popup = Some(Popup::Form(Box::new(form)));
    }

    pub(super) fn open_edit_form(&mut self) {
        let form = match self.focus {
            Pane::Editions => self
                .selected_edition()
                .map(|v| Form::edit_edition(&v.edition)),
            Pane::Submissions => match self.selected_submission() {
                // The list holds summaries; the form needs every field of both records.
                Some(row) => match (
                    self.desk.submission(row.id()),
                    self.desk.film(row.film_id()),
                ) {
                    (Ok(submission), Ok(film)) => Some(Form::edit_submission(&submission, &film)),
                    (Err(e), _) | (_, Err(e)) => {
                        self.message = Some(e.to_string());
                        None
                    }
                },
                None => None,
            },
            Pane::Nominations => {
                self.message = Some("categories are changed from the command line for now".into());
                None
            }
        };
        if let Some(form) = form {
            self.popup = Some(Popup::Form(Box::new(form)));
        }
    }

    /// Enter in a form: save through the desk, then show the change.
    pub(super) fn submit_form(&mut self) {
        let Some(Popup::Form(form)) = &mut self.popup else {
            return;
        };
        let Ok(message) = form.submit(&self.desk) else {
            return;
        };
        let target = form.target.clone();
        self.popup = None;
        self.message = Some(message);
        let reloaded = match target {
            FormTarget::AddFestival
            | FormTarget::EditFestival { .. }
            | FormTarget::AddEdition { .. }
            | FormTarget::EditEdition { .. } => {
                self.welcome = false;
                self.reload_editions()
            }
            FormTarget::AddSubmission { .. } | FormTarget::EditSubmission { .. } => {
                let keep = self.submissions_pos;
                // The editions pane counts submissions too.
                let result = self.reload_editions();
                self.restore_submissions_position(keep);
                result
            }
            FormTarget::AddCategory { .. } | FormTarget::AddJuror { .. } => {
                self.reload_categories()
            }
        };
        if let Err(e) = reloaded {
            self.message = Some(e.to_string());
        }
    }

    /// The run loop's answer to `editor_request`: the edited text, or why there is none.
    pub fn editor_finished(&mut self, result: std::io::Result<String>) {
        if let Some(Popup::Form(form)) = &mut self.popup {
            match result {
                Ok(text) => form.set_editor_text(text),
                Err(e) => form.message = Some(format!("the editor did not finish: {e}")),
            }
        }
    }

    pub(super) fn ask_delete(&mut self) {
        let (question, target) = match self.focus {
            Pane::Submissions => match self.selected_submission() {
                Some(row) => (
                    format!(
                        "Delete submission {} \"{}\"? (undo brings it back)",
                        row.id(),
                        row.title()
                    ),
                    DeleteTarget::Submission(row.id()),
                ),
                None => return,
            },
            Pane::Editions => match self.selected_edition() {
                Some(view) => (
                    format!(
                        "Delete edition {}? Only an empty edition can go.",
                        view.edition.code
                    ),
                    DeleteTarget::Edition(view.edition.code.clone()),
                ),
                None => return,
            },
            Pane::Nominations => {
                self.message = Some("nominations are removed from the command line for now".into());
                return;
            }
        };
        self.popup = Some(Popup::Confirm { question, target });
    }

    pub(super) fn confirm_delete(&mut self) -> Result<(), DeskError> {
        let Some(Popup::Confirm { target, .. }) = self.popup.take() else {
            return Ok(());
        };
        self.message = Some(match target {
            DeleteTarget::Submission(id) => {
                self.desk.delete_submission(id)?;
                format!("deleted submission {id} (u undoes)")
            }
            DeleteTarget::Edition(code) => {
                self.desk.delete_edition(&code)?;
                format!("deleted edition {code} (u undoes)")
            }
        });
        let keep = self.submissions_pos;
        self.reload_editions()?;
        self.restore_submissions_position(keep);
        Ok(())
    }
}
