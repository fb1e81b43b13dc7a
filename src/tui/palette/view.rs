//! Drawing the `:` command palette: the query on top, then one row per matching action with its name,
//! what it does and its key, the best match first. Keys come from the keymap in force, so a rebound
//! key is shown as it really is.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::UnicodeWidthStr;

use crate::text::fit;
use crate::tui::actions::{ACTIONS, keys_label};
use crate::tui::keymap::Keymap;
use crate::tui::palette::Palette;
use crate::tui::view::layout;

/// Draws the palette; `keymap` gives the keys in force (`None`: the registry's defaults).
pub fn render(frame: &mut Frame, palette: &Palette, keymap: Option<&Keymap>) {
    let outer = layout::popup(frame.area());
    if outer.width < 3 || outer.height < 3 {
        return;
    }
    // As tall as the matches need, below the top of the screen like an editor's palette.
    let wanted = u16::try_from(palette.matches.len().max(1) + 4).unwrap_or(u16::MAX);
    let area = Rect {
        height: outer.height.min(wanted),
        ..outer
    };
    let inner_width = usize::from(area.width - 2);
    let count = format!(" {} of {} ", palette.matches.len(), offered(palette));
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(Line::from(fit(" Run an action ", inner_width)).bold())
        .title(Line::from(fit(&count, inner_width / 2)).right_aligned())
        .title_bottom(
            Line::from(fit(" Enter:run  ↑/↓:choose  Esc:close ", inner_width)).right_aligned(),
        );
    let inner = block.inner(area);
    crate::tui::view::clear_for_popup(frame, area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }

    let query = fit(&palette.query, inner_width.saturating_sub(3));
    let prompt = Line::from(vec![
        Span::raw(": ").fg(Color::Yellow).bold(),
        Span::raw(query.clone()),
    ]);
    frame.render_widget(Paragraph::new(prompt), Rect { height: 1, ..inner });
    let cursor_x = inner
        .x
        .saturating_add(u16::try_from(2 + query.width()).unwrap_or(u16::MAX));
    if cursor_x < inner.right() {
        frame.set_cursor_position(Position::new(cursor_x, inner.y));
    }

    let list = Rect {
        y: inner.y + 1,
        height: inner.height - 1,
        ..inner
    };
    if list.height == 0 {
        return;
    }
    if palette.matches.is_empty() {
        let none = Line::from(fit(
            "No action matches: Backspace widens the search",
            inner_width,
        ))
        .dim();
        frame.render_widget(Paragraph::new(none), Rect { height: 1, ..list });
        return;
    }
    let height = usize::from(list.height);
    // Keep the highlighted row in view.
    let start = (palette.cursor + 1).saturating_sub(height);
    let name_width = ACTIONS
        .iter()
        .map(|s| s.name.len())
        .max()
        .unwrap_or(0)
        .min(inner_width / 3);
    for (row, &index) in palette.matches.iter().enumerate().skip(start).take(height) {
        let Some(spec) = ACTIONS.get(index) else {
            continue;
        };
        let keys = match keymap {
            Some(keymap) => keymap.keys_label(spec.name),
            None => keys_label(spec),
        };
        let keys = fit(&keys, inner_width / 4);
        let description_width = inner_width.saturating_sub(name_width + keys.width() + 4);
        let name = fit(spec.name, name_width);
        let line = Line::from(vec![
            Span::raw(format!(" {name:<name_width$} ")).bold(),
            Span::raw(format!(
                "{:<description_width$} ",
                fit(spec.description, description_width)
            )),
            Span::raw(keys).fg(Color::Cyan).bold(),
        ]);
        let line = if row == palette.cursor {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        };
        let y = list.y + u16::try_from(row - start).unwrap_or(u16::MAX);
        frame.render_widget(
            Paragraph::new(line),
            Rect {
                y,
                height: 1,
                ..list
            },
        );
    }
}

/// How many actions the palette offers where it was opened, for the `3 of 40` count.
fn offered(palette: &Palette) -> usize {
    Palette::new(palette.context).matches.len()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::tui::actions::Context;
    use crate::tui::keymap::parse_key;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn screen(palette: &Palette, keymap: Option<&Keymap>, w: u16, h: u16) -> String {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a terminal");
        terminal
            .draw(|f| render(f, palette, keymap))
            .expect("drawn");
        crate::tui::view::screen_text(&terminal)
    }

    fn typed(text: &str) -> Palette {
        let mut palette = Palette::new(Context::Browse);
        for c in text.chars() {
            palette.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        palette
    }

    #[test]
    fn rows_show_name_description_and_key() {
        let text = screen(&typed("quit"), None, 100, 30);
        assert!(text.contains(": quit"), "{text}");
        let row = text
            .lines()
            .find(|l| l.contains("Quit jurydesk"))
            .expect("the quit row");
        assert!(row.contains("quit") && row.contains("q/Ctrl-c"), "{row}");
        assert!(text.contains("Enter:run"));
    }

    #[test]
    fn rebound_keys_are_shown() {
        let overrides =
            BTreeMap::from([("quit".to_string(), vec![parse_key("ctrl-q").expect("key")])]);
        let keymap = Keymap::new(&overrides).expect("no conflict");
        let text = screen(&typed("quit"), Some(&keymap), 100, 30);
        let row = text
            .lines()
            .find(|l| l.contains("Quit jurydesk"))
            .expect("the quit row");
        assert!(row.contains("Ctrl-q") && !row.contains("q/Ctrl-c"), "{row}");
    }

    #[test]
    fn the_highlighted_row_stays_in_view_and_no_match_is_said() {
        let mut palette = Palette::new(Context::Browse);
        for _ in 0..100 {
            palette.handle_key(KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        }
        let last = ACTIONS[*palette.matches.last().expect("matches")].description;
        assert!(screen(&palette, None, 200, 10).contains(last));
        assert!(screen(&typed("zzzqqq"), None, 80, 10).contains("No action matches"));
    }

    #[test]
    fn every_size_renders_without_panic() {
        let palettes = [
            Palette::new(Context::Browse),
            typed("pane"),
            typed("zzz"),
            typed("紙灯籠🎞"),
        ];
        for palette in &palettes {
            for w in [1, 2, 3, 5, 12, 30, 80, 400] {
                for h in [1, 2, 3, 4, 6, 24, 120] {
                    screen(palette, None, w, h);
                }
            }
        }
    }
}
