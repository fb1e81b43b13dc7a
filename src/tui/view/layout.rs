//! The desk's geometry, in one place: rendering draws into these rectangles and `update` pages by the
//! same heights, so a page is always exactly what is on screen.

use ratatui::layout::{Constraint, Layout, Rect, Size};

use crate::tui::app::Pane;

/// Below this width the desk shows only the focused pane.
pub const NARROW: u16 = 72;

/// Header line, body, status bar.
pub fn frame(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(0),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The rectangle of each pane inside the body (a pane not shown gets an empty one).
pub fn panes(body: Rect, focus: Pane) -> [(Pane, Rect); 3] {
    if body.width < NARROW {
        let empty = Rect::new(body.x, body.y, 0, 0);
        return [Pane::Editions, Pane::Submissions, Pane::Nominations]
            .map(|pane| (pane, if pane == focus { body } else { empty }));
    }
    let [editions, submissions, nominations] = Layout::horizontal([
        Constraint::Percentage(22),
        Constraint::Percentage(52),
        Constraint::Percentage(26),
    ])
    .areas(body);
    [
        (Pane::Editions, editions),
        (Pane::Submissions, submissions),
        (Pane::Nominations, nominations),
    ]
}

/// Rows of the list inside a pane: its height less the borders, and less the column header for tables.
pub fn list_height(size: Size, pane: Pane) -> usize {
    let [_, body, _] = frame(Rect::new(0, 0, size.width, size.height));
    let rect = panes(body, pane)
        .into_iter()
        .find(|(p, _)| *p == pane)
        .map(|(_, r)| r)
        .unwrap_or_default();
    let chrome = if pane == Pane::Submissions { 3 } else { 2 };
    usize::from(rect.height.saturating_sub(chrome))
}

/// A popup's rectangle: most of the screen, centred.
pub fn popup(area: Rect) -> Rect {
    centred(
        area,
        area.width.saturating_sub(4).clamp(area.width.min(20), 100),
    )
}

/// A popup for charts: the whole screen but a margin, so that long labels and bars have room on a
/// wide terminal (a text popup stays at 100 columns, a comfortable line to read).
pub fn wide_popup(area: Rect) -> Rect {
    centred(area, area.width.saturating_sub(4).max(area.width.min(20)))
}

/// A rectangle `width` wide and all but two rows high, centred in `area`.
fn centred(area: Rect, width: u16) -> Rect {
    let height = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    )
}

/// Text lines visible inside a popup.
pub fn popup_body_height(size: Size) -> usize {
    usize::from(
        popup(Rect::new(0, 0, size.width, size.height))
            .height
            .saturating_sub(2),
    )
}
