//! Search as you type (`/`) in whichever pane has the focus. The keys and the search line are the same
//! in the three panes (`search_line`); what a query narrows is each pane's: the submissions pane its
//! own query language, the editions pane festival names, codes, places and years, the nominations pane
//! categories, prizes, nominees and jurors (`nominations`), all on the folded forms of
//! docs/text.md#folding.

use super::{App, Pane};
use crate::desk::{DeskError, EditionView};
use crate::text::Matcher;
use crate::tui::list::ListPosition;
use crate::tui::search_line::{SearchEdit, SearchLine};

/// Whether an edition answers the editions pane's search.
pub fn edition_matches(query: &Matcher, view: &EditionView) -> bool {
    query.matches(&view.festival.name)
        || query.matches(&view.festival.code)
        || query.matches(&view.edition.code)
        || query.matches(&view.edition.place)
        || query.matches(&view.edition.year.to_string())
}

impl App {
    /// The search line of the focused pane.
    pub fn focused_search(&self) -> &SearchLine {
        match self.focus {
            Pane::Editions => &self.editions_search,
            Pane::Submissions => &self.submissions.search,
            Pane::Nominations => &self.nominations_search,
        }
    }

    /// Why the focused pane's search cannot be read, if it cannot (only the submissions pane's query
    /// has a grammar: `status:`, `year:`…).
    pub fn focused_search_problem(&self) -> Option<&str> {
        match self.focus {
            Pane::Submissions => self.submissions.problem.as_deref(),
            Pane::Editions | Pane::Nominations => None,
        }
    }

    /// Applies a search edit to the focused pane and narrows its rows; the selection stays inside
    /// them.
    pub(super) fn edit_search(&mut self, edit: SearchEdit) -> Result<(), DeskError> {
        let narrows = !matches!(edit, SearchEdit::Start | SearchEdit::Done);
        match self.focus {
            Pane::Submissions => {
                self.submissions.edit_search(edit);
                if narrows {
                    self.after_search();
                }
            }
            Pane::Editions => {
                self.editions_search.apply(edit);
                if narrows {
                    self.refilter_editions()?;
                }
            }
            Pane::Nominations => {
                self.nominations_search.apply(edit);
                if narrows {
                    self.refilter_nominations();
                }
            }
        }
        Ok(())
    }

    /// The editions on view: those of `all_editions` that answer the pane's search.
    pub(super) fn filtered_editions(&self) -> Vec<EditionView> {
        let matcher = self.editions_search.matcher();
        self.all_editions
            .iter()
            .filter(|view| edition_matches(&matcher, view))
            .cloned()
            .collect()
    }

    /// The editions pane's search changed: the selected edition stays selected while it is on view,
    /// else the first is, and the other panes follow the selection.
    fn refilter_editions(&mut self) -> Result<(), DeskError> {
        let keep = self.selected_edition().map(|v| v.edition.id);
        self.editions = self.filtered_editions();
        self.editions_pos = ListPosition::default();
        if let Some(i) = keep.and_then(|id| self.editions.iter().position(|v| v.edition.id == id)) {
            self.editions_pos.selected = i;
        }
        self.keep_selections_in_view();
        if self.selected_edition().map(|v| v.edition.id) != keep {
            self.load_edition_contents()?;
        }
        Ok(())
    }
}
