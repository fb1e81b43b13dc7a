//! The palmarès from the desk: the results sheet with its violations, award leaders, and the forms
//! that finalize, reopen and set the rules.

use crate::desk::DeskError;
use crate::desk::{StatsBy, StatsScope};
use crate::domain::EditionState;
use crate::tui::app::{App, Popup};
use crate::tui::form::Form;

impl App {
    pub(in crate::tui) fn open_palmares(&mut self) -> Result<(), DeskError> {
        let Some(code) = self.selected_edition().map(|v| v.edition.code.clone()) else {
            self.message = Some("choose an edition first (1)".into());
            return Ok(());
        };
        let palmares = self.desk.palmares(&code)?;
        self.popup = Some(Popup::Palmares {
            palmares: Box::new(palmares),
            scroll: 0,
        });
        Ok(())
    }

    /// Opens the award leaders of the selected edition's festival, or shows them by the next grouping
    /// when they are already open.
    pub(in crate::tui) fn open_award_stats(&mut self) -> Result<(), DeskError> {
        let by = match &self.popup {
            Some(Popup::Stats { by, .. }) => match by {
                StatsBy::Film => StatsBy::Person,
                StatsBy::Person => StatsBy::Country,
                StatsBy::Country => StatsBy::Film,
            },
            // From the palmarès, the festival's leaders are the next thing worth seeing.
            Some(Popup::Palmares { .. }) | None => StatsBy::Film,
            Some(_) => return Ok(()),
        };
        let Some(view) = self.selected_edition() else {
            self.message = Some("choose an edition first (1)".into());
            return Ok(());
        };
        let festival = view.festival.name.clone();
        let scope = StatsScope::Festival(view.festival.code.clone());
        let lines = self.desk.award_stats(&scope, by)?;
        self.popup = Some(Popup::Stats {
            by,
            lines,
            festival,
        });
        Ok(())
    }

    pub(in crate::tui) fn open_finalize(&mut self) -> Result<(), DeskError> {
        let Some(code) = self.selected_edition().map(|v| v.edition.code.clone()) else {
            self.message = Some("choose an edition first (1)".into());
            return Ok(());
        };
        let palmares = self.desk.palmares(&code)?;
        if palmares.edition.state == EditionState::Finalized {
            self.message = Some(format!("{code} is already finalized (R reopens it)"));
            return Ok(());
        }
        let form = Form::finalize(&palmares.edition, !palmares.finalizable());
        self.popup = Some(Popup::Form(Box::new(form)));
        Ok(())
    }

    pub(in crate::tui) fn open_reopen(&mut self) -> Result<(), DeskError> {
        let Some(edition) = self.selected_edition().map(|v| v.edition.clone()) else {
            self.message = Some("choose an edition first (1)".into());
            return Ok(());
        };
        if edition.state != EditionState::Finalized {
            self.message = Some(format!("{} is open: nothing to reopen", edition.code));
            return Ok(());
        }
        self.popup = Some(Popup::Form(Box::new(Form::reopen(&edition))));
        Ok(())
    }

    pub(in crate::tui) fn open_rules(&mut self) -> Result<(), DeskError> {
        let Some(edition) = self.selected_edition().map(|v| v.edition.clone()) else {
            self.message = Some("choose an edition first (1)".into());
            return Ok(());
        };
        let categories = self.desk.categories(edition.id)?;
        self.popup = Some(Popup::Form(Box::new(Form::rules(&edition, &categories))));
        Ok(())
    }

    /// What the nominations pane says about the palmarès: frozen, or how many rules it breaks and how
    /// much is still incomplete (docs/counting.md#palmares-rules: "rules kept" alone would read as
    /// ready while a category has no award). Read again after every change, so a ballot that makes
    /// an award out of date shows at once.
    pub(in crate::tui) fn palmares_state(&self) -> Result<Option<String>, DeskError> {
        let Some(view) = self.selected_edition() else {
            return Ok(None);
        };
        if self.categories.is_empty() {
            return Ok(None);
        }
        let palmares = self.desk.palmares(&view.edition.code)?;
        let finalized = palmares.edition.state == EditionState::Finalized;
        let open = palmares.incomplete.len();
        Ok(Some(match (finalized, palmares.violations.len(), open) {
            (true, 0, 0) => "finalized".to_string(),
            (true, broken, open) => {
                format!("finalized · {} overridden", broken + open)
            }
            (false, 0, 0) => "complete · rules kept".to_string(),
            (false, 0, open) => format!("{open} incomplete · rules kept"),
            (false, 1, 0) => "⚠ 1 rule broken".to_string(),
            (false, n, 0) => format!("⚠ {n} rules broken"),
            // Short, to fit the foot of a narrow pane.
            (false, n, open) => format!("⚠ {n} broken · {open} incomplete"),
        }))
    }
}
