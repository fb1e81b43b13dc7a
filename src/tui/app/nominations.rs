//! The nominations pane's rows: each category followed by its nominees, then the jury, narrowed by the
//! pane's search; and its selection, which follows a row by id across reloads (an undo or an edit may
//! add or remove rows above it).

use super::App;
use crate::desk::{CategorySummary, DeskError};
use crate::domain::{Id, Juror};
use crate::text::Matcher;
use crate::tui::list::ListPosition;

/// One row of the nominations pane: a category, one of its nominees, or, after the categories, the
/// jury's heading and its jurors (so that they can be chosen, edited and added from the keyboard).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominationRow {
    /// `App::categories[category]`.
    Category {
        category: usize,
    },
    /// `App::categories[category].nominees[nominee]`.
    Nominee {
        category: usize,
        nominee: usize,
    },
    Jury,
    /// `App::jurors[juror]`.
    Juror {
        juror: usize,
    },
}

impl NominationRow {
    /// The category the row belongs to; `None` on the jury's rows.
    pub fn category(self) -> Option<usize> {
        match self {
            NominationRow::Category { category } | NominationRow::Nominee { category, .. } => {
                Some(category)
            }
            NominationRow::Jury | NominationRow::Juror { .. } => None,
        }
    }
}

/// What a row shows, by id rather than by position: it names the same row after a reload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NominationKey {
    Category(Id),
    Nominee(Id),
    Jury,
    Juror(Id),
}

/// The rows on view for `query`, and how many rows there are without it (the jury's heading counts in
/// neither). A category that matches shows all its nominees; a nominee that matches shows under its
/// category; a juror that matches shows under the jury's heading.
pub fn nomination_rows(
    categories: &[CategorySummary],
    jurors: &[Juror],
    query: &Matcher,
) -> (Vec<NominationRow>, usize) {
    let mut rows = Vec::new();
    let mut total = 0;
    for (c, summary) in categories.iter().enumerate() {
        total += 1 + summary.nominees.len();
        let whole = query.matches(&summary.category.name) || query.matches(&summary.category.prize);
        let nominees: Vec<NominationRow> = (0..summary.nominees.len())
            .filter(|&n| {
                let nominee = &summary.nominees[n];
                whole || query.matches(&nominee.label) || query.matches(&nominee.title)
            })
            .map(|n| NominationRow::Nominee {
                category: c,
                nominee: n,
            })
            .collect();
        if whole || !nominees.is_empty() {
            rows.push(NominationRow::Category { category: c });
            rows.extend(nominees);
        }
    }
    total += jurors.len();
    let seated: Vec<NominationRow> = (0..jurors.len())
        .filter(|&j| query.matches(&jurors[j].name))
        .map(|juror| NominationRow::Juror { juror })
        .collect();
    if !seated.is_empty() {
        rows.push(NominationRow::Jury);
        rows.extend(seated);
    }
    (rows, total)
}

impl App {
    /// Re-reads the selected edition's categories, nominees, ballot counts and awards.
    pub fn reload_categories(&mut self) -> Result<(), DeskError> {
        (self.categories, self.jurors) = match self.selected_edition().map(|v| v.edition.id) {
            Some(id) => (self.desk.category_summaries(id)?, self.desk.jurors(id)?),
            None => (Vec::new(), Vec::new()),
        };
        self.conflicted = match self.selected_edition().map(|v| v.edition.id) {
            Some(id) => self
                .desk
                .open_conflicts(id)?
                .iter()
                .map(|c| c.juror.id)
                .collect(),
            None => Vec::new(),
        };
        self.rebuild_nomination_rows();
        self.palmares_state = self.palmares_state()?;
        self.keep_selections_in_view();
        Ok(())
    }

    /// Recomputes the rows on view from the categories and jurors held, with the pane's search.
    pub(super) fn rebuild_nomination_rows(&mut self) {
        let matcher = self.nominations_search.matcher();
        (self.nomination_rows, self.nominations_total) =
            nomination_rows(&self.categories, &self.jurors, &matcher);
    }

    /// The pane's search changed: the selected row stays selected while it is on view, else the first
    /// row is.
    pub(super) fn refilter_nominations(&mut self) {
        let keep = self.selected_nomination_key();
        self.rebuild_nomination_rows();
        self.categories_pos = ListPosition::default();
        if let Some(key) = keep {
            self.select_nomination_row(|app, row| app.nomination_key(row) == Some(key));
        }
        self.keep_selections_in_view();
    }

    /// Selects the first nominations-pane row that `wanted` accepts (after a reload moved it).
    pub(super) fn select_nomination_row(&mut self, wanted: impl Fn(&App, NominationRow) -> bool) {
        if let Some(i) = self
            .nomination_rows
            .iter()
            .position(|&row| wanted(self, row))
        {
            self.categories_pos.selected = i;
            self.keep_selections_in_view();
        }
    }

    /// The id of what a row shows (`None` for a row out of date with the categories held).
    pub fn nomination_key(&self, row: NominationRow) -> Option<NominationKey> {
        Some(match row {
            NominationRow::Category { category } => {
                NominationKey::Category(self.categories.get(category)?.category.id)
            }
            NominationRow::Nominee { category, nominee } => NominationKey::Nominee(
                self.categories
                    .get(category)?
                    .nominees
                    .get(nominee)?
                    .nomination
                    .id,
            ),
            NominationRow::Jury => NominationKey::Jury,
            NominationRow::Juror { juror } => NominationKey::Juror(self.jurors.get(juror)?.id),
        })
    }

    /// The id of the nominations pane's selected row.
    pub fn selected_nomination_key(&self) -> Option<NominationKey> {
        let row = *self.nomination_rows.get(self.categories_pos.selected)?;
        self.nomination_key(row)
    }

    /// After a reload: selects the row showing `key` if it is still there, else the row nearest to
    /// where the selection was (`before`, clamped to the list), so an undo that removed the row does
    /// not send the secretary to the top.
    pub(super) fn restore_nomination_selection(
        &mut self,
        key: Option<NominationKey>,
        before: ListPosition,
    ) {
        self.categories_pos = before;
        if let Some(key) = key {
            self.select_nomination_row(|app, row| app.nomination_key(row) == Some(key));
        }
        self.keep_selections_in_view();
    }
}
