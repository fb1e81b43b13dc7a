//! Adding, editing and deleting records from the desk: forms, `$EDITOR`, the delete question.

use super::*;
use crate::tui::form::FieldKey;

impl App {
    pub(in crate::tui) fn open_add_form(&mut self) {
        let Some(view) = self.selected_edition() else {
            // No edition to add to: the festivals there are have none yet, so the first is an
            // edition (its festival typed in); an empty store starts with a festival.
            let form = if self.desk.is_empty() {
                Form::add_festival()
            } else {
                Form::add_edition("")
            };
            self.popup = Some(Popup::Form(Box::new(form)));
            return;
        };
        let on_jury = self
            .selected_nomination_row()
            .is_some_and(|row| row.category().is_none());
        let form = match self.focus {
            Pane::Editions => Form::add_edition(&view.festival.code),
            Pane::Submissions => Form::add_submission(&view.edition.code),
            Pane::Nominations if on_jury => Form::add_juror(&view.edition.code),
            Pane::Nominations => Form::add_category(&view.edition.code),
        };
        self.popup = Some(Popup::Form(Box::new(form)));
    }

    fn selected_nomination_row(&self) -> Option<NominationRow> {
        self.nomination_rows
            .get(self.categories_pos.selected)
            .copied()
    }

    /// The form for the nominations pane's selected row: its category, nominee or juror.
    fn nominations_edit_form(&mut self) -> Option<Form> {
        let edition = self.selected_edition()?.edition.code.clone();
        match self.selected_nomination_row()? {
            NominationRow::Category { category } => {
                let summary = self.categories.get(category)?;
                Some(Form::edit_category(&edition, &summary.category))
            }
            NominationRow::Nominee { category, nominee } => {
                let summary = self.categories.get(category)?;
                let nominee = summary.nominees.get(nominee)?;
                Some(Form::edit_nomination(&edition, &summary.category, nominee))
            }
            NominationRow::Juror { juror } => {
                Some(Form::edit_juror(&edition, self.jurors.get(juror)?))
            }
            NominationRow::Jury => {
                self.message = Some("choose a juror (j) to edit, or press a to seat one".into());
                None
            }
        }
    }

    pub(in crate::tui) fn open_edit_form(&mut self) {
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
            Pane::Nominations => self.nominations_edit_form(),
        };
        if let Some(form) = form {
            self.popup = Some(Popup::Form(Box::new(form)));
        }
    }

    /// Enter in a form: save through the desk, then show the change.
    pub(in crate::tui) fn open_add_festival_form(&mut self) {
        self.popup = Some(Popup::Form(Box::new(Form::add_festival())));
    }

    pub(in crate::tui) fn open_edit_festival_form(&mut self) {
        if let Some(view) = self.selected_edition() {
            self.popup = Some(Popup::Form(Box::new(Form::edit_festival(&view.festival))));
        }
    }

    pub(in crate::tui) fn open_add_juror_form(&mut self) {
        if let Some(view) = self.selected_edition() {
            self.popup = Some(Popup::Form(Box::new(Form::add_juror(&view.edition.code))));
        }
    }

    /// A key in an open form: the form reads every key itself (text in any script).
    pub(in crate::tui) fn form_key(&mut self, key: KeyEvent) {
        let Some(Popup::Form(form)) = &mut self.popup else {
            return;
        };
        match form.handle_key(key) {
            FormSignal::Continue => {}
            FormSignal::Cancel => self.popup = None,
            FormSignal::OpenEditor => {
                self.editor_request = form.editor_text().map(str::to_owned);
            }
            FormSignal::Submit => self.submit_form(),
        }
    }

    pub(super) fn submit_form(&mut self) {
        let Some(Popup::Form(form)) = &mut self.popup else {
            return;
        };
        let Ok(message) = form.submit(&self.desk) else {
            return;
        };
        let target = form.target.clone();
        let added = form.added;
        let festival = form.value(FieldKey::Festival).trim().to_string();
        let code = form.value(FieldKey::Code).trim().to_string();
        self.popup = None;
        self.message = Some(message);
        let reloaded = match target {
            // A festival shows in the panes only through its editions: go straight on to its first.
            FormTarget::AddFestival => {
                self.welcome = false;
                self.popup = Some(Popup::Form(Box::new(Form::add_edition(&code))));
                if let Some(done) = &mut self.message {
                    done.push_str(
                        " · now its first edition (Esc: later, with a in the editions pane)",
                    );
                }
                Ok(())
            }
            // Land on the new edition, where its submissions and categories are added next.
            FormTarget::AddEdition => {
                let known: Vec<u64> = self.editions.iter().map(|v| v.edition.id).collect();
                self.welcome = false;
                self.reload_editions().and_then(|()| {
                    if let Some(i) = self
                        .editions
                        .iter()
                        .position(|v| !known.contains(&v.edition.id) && v.festival.code == festival)
                    {
                        self.editions_pos.selected = i;
                        self.focus = Pane::Editions;
                        self.keep_selections_in_view();
                        self.load_edition_contents()
                    } else {
                        self.say_the_search_hides_it();
                        Ok(())
                    }
                })
            }
            // Back to the juror's record, brought up to date (and the ⚠ marks with it).
            FormTarget::Recuse { juror, .. } | FormTarget::ClearConflict { juror, .. } => {
                self.after_conflict_form(juror)
            }
            FormTarget::WithdrawAward { .. } => self.reload_categories(),
            FormTarget::EditFestival { .. }
            | FormTarget::EditEdition { .. }
            | FormTarget::Finalize { .. }
            | FormTarget::Reopen { .. }
            | FormTarget::Rules { .. } => {
                self.welcome = false;
                self.reload_editions()
            }
            FormTarget::AddSubmission { .. } | FormTarget::EditSubmission { .. } => {
                let keep = self.submissions_pos;
                // The editions pane counts submissions too.
                let result = self.reload_editions();
                self.restore_submissions_position(keep);
                if let Some(id) = added {
                    self.select_submission(id);
                }
                result
            }
            // Land on the new category or juror, where its nominees or recusals come next.
            FormTarget::AddCategory { .. } | FormTarget::AddJuror { .. } => {
                self.reload_categories().map(|()| {
                    let Some(id) = added else { return };
                    let key = match target {
                        FormTarget::AddCategory { .. } => NominationKey::Category(id),
                        _ => NominationKey::Juror(id),
                    };
                    if self
                        .nomination_rows
                        .iter()
                        .any(|&row| self.nomination_key(row) == Some(key))
                    {
                        self.focus = Pane::Nominations;
                        self.select_nomination_row(|app, row| app.nomination_key(row) == Some(key));
                    } else {
                        self.say_the_search_hides_it();
                    }
                })
            }
            // The edited record may have moved (a new precedence, number or role): follow it.
            FormTarget::EditCategory { id, .. } => self.reload_categories().map(|()| {
                self.select_nomination_row(|app, row| match row {
                    NominationRow::Category { category } => app
                        .categories
                        .get(category)
                        .is_some_and(|s| s.category.id == id),
                    _ => false,
                });
            }),
            FormTarget::EditNomination { id, .. } => self.reload_categories().map(|()| {
                self.select_nomination_row(|app, row| match row {
                    NominationRow::Nominee { category, nominee } => app
                        .categories
                        .get(category)
                        .and_then(|s| s.nominees.get(nominee))
                        .is_some_and(|n| n.nomination.id == id),
                    _ => false,
                });
            }),
            FormTarget::EditJuror { id, .. } => self.reload_categories().map(|()| {
                self.select_nomination_row(|app, row| match row {
                    NominationRow::Juror { juror } => {
                        app.jurors.get(juror).is_some_and(|j| j.id == id)
                    }
                    _ => false,
                });
            }),
        };
        if let Err(e) = reloaded {
            self.message = Some(e.to_string());
        }
    }

    /// Selects the submission `id` in the submissions pane (a new one is at the end of the id order,
    /// or anywhere in another), or says that the search hides it.
    fn select_submission(&mut self, id: u64) {
        self.submissions.finish();
        let at = (0..self.submissions.len())
            .find(|&i| self.submissions.get(i).is_some_and(|row| row.id() == id));
        match at {
            Some(i) => {
                self.submissions_pos.selected = i;
                self.focus = Pane::Submissions;
                self.keep_selections_in_view();
            }
            None => self.say_the_search_hides_it(),
        }
    }

    /// Adds to the message of a record just added that the pane's search does not show it.
    fn say_the_search_hides_it(&mut self) {
        if let Some(done) = &mut self.message {
            done.push_str(" (the search hides it: Esc clears the search)");
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

    /// The question before removing the nominations pane's selected row, naming everything that
    /// goes with it; a removal the desk refuses is said at once instead (nothing to confirm).
    pub(in crate::tui) fn nominations_delete_question(&mut self) -> Option<(String, DeleteTarget)> {
        let edition = self.selected_edition()?.edition.code.clone();
        let (removal, target) = match self.selected_nomination_row()? {
            NominationRow::Category { category } => {
                let category = self.categories.get(category)?.category.id;
                (
                    self.desk.category_removal(&edition, &category.to_string()),
                    DeleteTarget::Category { edition, category },
                )
            }
            NominationRow::Nominee { category, nominee } => {
                let summary = self.categories.get(category)?;
                let number = summary.nominees.get(nominee)?.number();
                let category = summary.category.id;
                (
                    self.desk.nomination_removal(
                        &edition,
                        &category.to_string(),
                        &number.to_string(),
                    ),
                    DeleteTarget::Nominee {
                        edition,
                        category,
                        number,
                    },
                )
            }
            NominationRow::Juror { juror } => {
                let juror = self.jurors.get(juror)?.id;
                (
                    self.desk.juror_removal(&edition, &juror.to_string()),
                    DeleteTarget::Juror { edition, juror },
                )
            }
            NominationRow::Jury => {
                self.message = Some("choose a juror (j) to delete".into());
                return None;
            }
        };
        match removal {
            Ok(removal) => {
                // One line each: a line break inside a stored name must not forge another line
                // (shown as a space, as the command line's messages do).
                let mut question = format!("Delete {}? (u undoes)", one_line(&removal.summary));
                for note in &removal.notes {
                    question.push_str(&format!("\n{}.", capitalised(&one_line(note))));
                }
                Some((question, target))
            }
            Err(e) => {
                self.message = Some(e.desk_text());
                None
            }
        }
    }
}

/// A note as a sentence of the question.
fn capitalised(note: &str) -> String {
    let mut chars = note.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn one_line(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}
