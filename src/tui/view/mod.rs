//! Drawing the desk: a pure function of `App`. Each pane and popup has its own module.

pub mod form;
pub mod layout;
mod panes;
pub(in crate::tui) mod popups;
pub(in crate::tui) mod submission_columns;
pub mod theme;
mod welcome;

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::app::{App, Popup};
use crate::text::{fit, for_terminal};

/// Draws the whole desk for the current state.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let [header, body, status] = layout::frame(area);
    render_header(app, frame, header);
    if app.welcome {
        welcome::render(app, frame, body);
    } else {
        panes::render(app, frame, body);
    }
    render_status(app, frame, status);
    if let Some(failure) = &app.store_failure {
        popups::store_failure(frame, failure, &app.desk.path().display().to_string());
        return;
    }
    if let Some(popup) = &app.popup {
        popup.render(app, frame);
    }
    theme::apply(frame.buffer_mut(), &app.colours);
}

/// A popup in the desk's popup area, framed and titled, with its keys in the bottom border; the
/// area inside the frame, or `None` on a screen too small for it.
pub(in crate::tui) fn frame_popup(
    frame: &mut Frame,
    title: &str,
    footer: &str,
) -> Option<ratatui::layout::Rect> {
    let area = layout::popup(frame.area());
    if area.is_empty() {
        return None;
    }
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(Line::from(format!(" {} ", for_terminal(title))).bold())
        .title_bottom(Line::from(footer.to_string()).right_aligned());
    let inner = block.inner(area);
    clear_for_popup(frame, area);
    frame.render_widget(block, area);
    Some(inner)
}

/// Clears `area` for a popup. A wide character (a CJK title in the pane beneath) whose first cell is
/// just left of the area would otherwise still cover the popup's left border: its second cell is
/// inside the area, and ratatui never sends a terminal a cell that a wide character covers, so the
/// border would be missing on that row.
pub(in crate::tui) fn clear_for_popup(frame: &mut Frame, area: ratatui::layout::Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    let buffer = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        let cell = &mut buffer[(left, y)];
        if unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The area a wrapped `Paragraph` of `lines` is given inside `inner`: one column narrower when a line
/// holds a wide character. ratatui's word wrapper (0.30) can let a line run one cell past its width
/// when a wide character (CJK, emoji) starts in its last column (ratatui issue #2679); the spare
/// column takes that cell instead of the border.
pub(in crate::tui) fn wrapping_area(
    inner: ratatui::layout::Rect,
    lines: &[ratatui::text::Line<'_>],
) -> ratatui::layout::Rect {
    let wide = lines.iter().flat_map(|line| &line.spans).any(|span| {
        span.content
            .chars()
            .any(|c| c == '\u{FE0F}' || unicode_width::UnicodeWidthChar::width(c) == Some(2))
    });
    if !wide {
        return inner;
    }
    ratatui::layout::Rect {
        width: inner.width.saturating_sub(1),
        ..inner
    }
}

fn render_header(app: &App, frame: &mut Frame, area: ratatui::layout::Rect) {
    let mut title = String::from(" jurydesk");
    let mut state = String::new();
    if let Some(view) = app.selected_edition().filter(|_| !app.welcome) {
        title.push_str(&format!(
            " · {} · {} edition · {}",
            view.festival.name,
            view.edition.ordinal(),
            view.edition.year
        ));
        state = format!("{} ", view.edition.state.as_str());
    }
    let width = usize::from(area.width);
    let state_width = if width > state.len() + 10 {
        state.len()
    } else {
        0
    };
    // Keep one blank cell between a shortened title and the state.
    let title = fit(
        &title,
        width.saturating_sub(state_width + usize::from(state_width > 0)),
    );
    let gap = width.saturating_sub(crate::text::width(&title) + state_width);
    let line = Line::from(vec![
        Span::raw(title).add_modifier(Modifier::BOLD),
        Span::raw(" ".repeat(gap)),
        Span::raw(if state_width > 0 {
            state
        } else {
            String::new()
        }),
    ]);
    frame.render_widget(Paragraph::new(line).style(Style::new().reversed()), area);
}

fn render_status(app: &App, frame: &mut Frame, area: ratatui::layout::Rect) {
    let mut spans = Vec::new();
    if let Some(message) = &app.message {
        // The message answers the last key and goes with the next one: while it shows, it may take
        // the whole line, and the key hints that do not fit after it wait for the next frame.
        let room = usize::from(area.width).saturating_sub(2);
        spans.push(Span::raw(format!(" {} ", fit(message, room))).bold());
        spans.push(Span::raw("│"));
    }
    let search = app.focused_search();
    if search.is_shown() {
        let problem = app
            .focused_search_problem()
            .map(|p| format!("  ({p})"))
            .unwrap_or_default();
        spans.push(Span::raw(format!(" /{}{problem} ", for_terminal(&search.query))).bold());
        spans.push(Span::raw("│"));
    }
    // A form and the palette read every key as text and draw their own keys in their border: the
    // registry's hints (q:quit…) would be wrong there.
    let typing = matches!(app.popup, Some(Popup::Form(_) | Popup::Palette(_)));
    let hints = if typing {
        Vec::new()
    } else {
        app.keymap.hints(app.context(), app.focus)
    };
    let used: usize = spans
        .iter()
        .map(|span| crate::text::width(&span.content))
        .sum();
    let room = usize::from(area.width).saturating_sub(used);
    let shown = crate::tui::hints::fitting(&hints, room);
    for (key, word) in hints.into_iter().take(shown) {
        spans.push(Span::raw(format!(" {key}")).bold());
        spans.push(Span::raw(format!(":{word} ")));
    }
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(Style::new().reversed()),
        area,
    );
}

/// The text of a test terminal, one line per row; a wide character's second cell is drawn by the first.
#[cfg(test)]
pub(crate) fn screen_text(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(symbol);
            skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
