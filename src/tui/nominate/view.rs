//! Drawing the nominate picker.

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::NominatePicker;
use crate::text::{fit, for_terminal};
use crate::tui::view::{frame_popup, wrapping_area};

pub fn nominate(frame: &mut Frame, picker: &NominatePicker) {
    let title = match &picker.person_step {
        Some((category, _)) => format!("Nominate {} · {} · who?", picker.film.title, category.name),
        None => format!("Nominate {} · in which category?", picker.film.title),
    };
    let Some(inner) = frame_popup(frame, &title, " Enter:choose  Esc:close ") else {
        return;
    };
    let width = usize::from(inner.width);
    let mut lines: Vec<Line> = picker
        .rows()
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let line = Line::from(fit(row, width));
            if i == picker.cursor {
                line.add_modifier(Modifier::REVERSED)
            } else {
                line
            }
        })
        .collect();
    if let Some(message) = &picker.message {
        lines.push(Line::from(""));
        lines.push(Line::from(for_terminal(message).into_owned()).fg(Color::Yellow));
    }
    let text_area = wrapping_area(inner, &lines);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
}
