//! The settings file's colours (README.md#settings) on every view. The views draw with the default
//! palette: `ACCENT` for keys, headings and the pane in focus, `WARNING` for popup borders and what
//! needs attention, `SELECTION` under the selected row. This last pass over the drawn frame puts
//! the secretary's colours in their place, so that no popup, chart or form can be forgotten when a
//! colour is added, and the drawing functions need not carry the colours around.

use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::tui::settings::Colours;

/// The default accent: keys, headings, the pane in focus.
pub const ACCENT: Color = Color::Cyan;
/// The default warning: popup borders, messages that need attention.
pub const WARNING: Color = Color::Yellow;
/// The default background of the selected row.
pub const SELECTION: Color = Color::Cyan;

/// Replaces the default palette in `buffer` with `colours`. Each cell is looked at once, so a chosen
/// colour that happens to be another default (accent = "yellow") is never replaced a second time.
pub fn apply(buffer: &mut Buffer, colours: &Colours) {
    if *colours == Colours::default() {
        return;
    }
    for cell in &mut buffer.content {
        if cell.fg == ACCENT {
            cell.fg = colours.accent;
        } else if cell.fg == WARNING {
            cell.fg = colours.warning;
        }
        if cell.bg == SELECTION {
            cell.bg = colours.selection;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    #[test]
    fn each_default_becomes_its_setting_once() {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 1));
        buffer.set_string(0, 0, "a", Style::new().fg(ACCENT));
        buffer.set_string(1, 0, "w", Style::new().fg(WARNING));
        buffer.set_string(2, 0, "s", Style::new().bg(SELECTION).fg(Color::Black));
        buffer.set_string(3, 0, "g", Style::new().fg(Color::Green));
        let colours = Colours {
            accent: Color::Yellow,
            warning: Color::Red,
            selection: Color::Blue,
        };
        apply(&mut buffer, &colours);
        let fg: Vec<Color> = buffer.content.iter().map(|c| c.fg).collect();
        assert_eq!(fg, [Color::Yellow, Color::Red, Color::Black, Color::Green]);
        assert_eq!(buffer.content[2].bg, Color::Blue);
    }
}
