//! The edition at a glance (`o`): submissions by status, section, country and over time. How the desk
//! opens it is here; how it is drawn, `view`.

pub mod view;

use crate::tui::app::{App, Popup};

impl App {
    /// Opens the overview of the selected edition, over all of its submissions.
    pub(in crate::tui) fn open_overview(&mut self) {
        self.submissions.finish();
        if let Some(view) = self.selected_edition() {
            let title = format!(
                "{} · {} edition",
                view.festival.name,
                view.edition.ordinal()
            );
            let overview = crate::desk::overview(self.submissions.rows());
            self.popup = Some(Popup::Overview {
                overview: Box::new(overview),
                title,
            });
        }
    }
}
