//! The mouse: a click focuses the pane under the pointer and selects the row clicked; the wheel moves
//! through the pane under the pointer (focusing it), or scrolls the popup.

use super::*;

impl App {
    /// A click: focus the pane under the pointer and select the row clicked, using the same geometry
    /// the frame was drawn with.
    pub fn click(&mut self, column: u16, row: u16) {
        if self.welcome {
            return;
        }
        let Some((pane, rect)) = self.pane_at(column, row) else {
            return;
        };
        self.message = None;
        self.focus = pane;
        // Inside the border, below the column header for the submissions table.
        let header = u16::from(pane == Pane::Submissions);
        let Some(line) = row.checked_sub(rect.y + 1 + header) else {
            return;
        };
        let height = layout::list_height(self.size, pane);
        if usize::from(line) >= height {
            return;
        }
        let (position, len) = match pane {
            Pane::Editions => (&mut self.editions_pos, self.editions.len()),
            Pane::Submissions => (&mut self.submissions_pos, self.submissions.len()),
            Pane::Nominations => (&mut self.categories_pos, self.nomination_rows.len()),
        };
        let start = position.window(len, height).start;
        let target = start + usize::from(line);
        if target >= len {
            return;
        }
        let before = position.selected;
        position.selected = target;
        position.scroll_into_view(len, height);
        if pane == Pane::Editions
            && target != before
            && let Err(e) = self.load_edition_contents()
        {
            self.message = Some(e.to_string());
        }
    }

    /// The wheel: over a pane, that pane takes the focus and its selection moves one row (as `j`/`k`
    /// would); over a popup, or anywhere else, it goes to what has the focus (a popup scrolls).
    pub fn wheel(&mut self, column: u16, row: u16, down: bool) {
        if self.popup.is_none()
            && !self.welcome
            && let Some((pane, _)) = self.pane_at(column, row)
        {
            self.focus = pane;
        }
        self.update(if down { Action::Down } else { Action::Up });
    }

    /// The pane under the pointer and its area, in the geometry the frame is drawn with.
    fn pane_at(&self, column: u16, row: u16) -> Option<(Pane, ratatui::layout::Rect)> {
        let area = ratatui::layout::Rect::new(0, 0, self.size.width, self.size.height);
        let [_, body, _] = layout::frame(area);
        let position = ratatui::layout::Position::new(column, row);
        layout::panes(body, self.focus)
            .into_iter()
            .find(|(_, rect)| rect.contains(position))
    }
}
