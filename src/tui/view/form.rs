//! Drawing a form: a centred popup, labels on the left, values on the right, the focused field marked
//! and holding the cursor, each refusal in red under its field, the keys in the bottom border. A form
//! taller than the screen scrolls to keep the focused field in view.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::layout;
use crate::text::{fit, for_terminal};
use crate::tui::form::{Field, Form};

/// Rows a long-text field shows; the rest is one Ctrl-e away.
const TEXT_ROWS: usize = 3;

/// One screen row of the form's body.
enum Row {
    /// Row `line` of a field's value (single-line fields have only line 0).
    Value { field: usize, line: usize },
    /// One wrapped row of a field's error.
    Error { text: String },
}

pub fn render(frame: &mut Frame, form: &Form) {
    let screen = frame.area();
    let outer = layout::popup(screen);
    if outer.width < 3 || outer.height < 3 {
        return;
    }
    let label_width = form
        .fields
        .iter()
        .map(|f| f.label.width() + 2)
        .max()
        .unwrap_or(0)
        .min(usize::from(outer.width.saturating_sub(2)) / 3);
    let value_width = usize::from(outer.width.saturating_sub(2)).saturating_sub(label_width);
    let rows = rows(form, value_width);
    let message = form
        .message
        .as_deref()
        .map(|m| wrap(m, usize::from(outer.width.saturating_sub(2)), 3))
        .unwrap_or_default();
    // As tall as the form needs (body, a hint line, the message), no taller than a popup may be.
    let wanted = rows.len() + 1 + message.len() + 2;
    let height = outer.height.min(u16::try_from(wanted).unwrap_or(u16::MAX));
    let area = Rect {
        y: outer.y + (outer.height - height) / 2,
        height,
        ..outer
    };
    let editor = form.focused().is_some_and(|f| f.multiline);
    let footer = if editor {
        " Enter:save  Tab/↓:next  Shift-Tab/↑:back  Ctrl-e:$EDITOR  Esc:cancel "
    } else {
        " Enter:save  Tab/↓:next  Shift-Tab/↑:back  Esc:cancel "
    };
    let inner_width = usize::from(area.width.saturating_sub(2));
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(
            Line::from(format!(
                " {} ",
                fit(&form.title, inner_width.saturating_sub(2))
            ))
            .bold(),
        )
        .title_bottom(Line::from(fit(footer, inner_width)).right_aligned());
    let inner = block.inner(area);
    super::clear_for_popup(frame, area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }

    // The body takes what the hint and the message leave, the message going first when space is short.
    let below = (1 + message.len()).min(usize::from(inner.height.saturating_sub(1)));
    let body_height = usize::from(inner.height) - below;
    let focus_rows = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r, Row::Value { field, .. } if *field == form.focus))
        .map(|(i, _)| i);
    let (first, last) = (
        focus_rows.clone().min().unwrap_or(0),
        focus_rows.max().unwrap_or(0),
    );
    // Keep the focused field and the error just under it in view.
    let last = (last + 1..rows.len())
        .take_while(|&i| matches!(rows[i], Row::Error { .. }))
        .last()
        .unwrap_or(last);
    let offset = (last + 1).saturating_sub(body_height).min(first);

    for (screen_row, row) in rows.iter().skip(offset).take(body_height).enumerate() {
        let y = inner.y + u16::try_from(screen_row).unwrap_or(u16::MAX);
        let line_area = Rect::new(inner.x, y, inner.width, 1);
        match row {
            Row::Value { field, line } => {
                let Some(f) = form.fields.get(*field) else {
                    continue;
                };
                let focused = *field == form.focus;
                let (line, cursor) = value_line(f, *line, focused, label_width, value_width);
                frame.render_widget(Paragraph::new(line), line_area);
                if let Some(x) = cursor {
                    let x = inner.x.saturating_add(u16::try_from(x).unwrap_or(u16::MAX));
                    if x < inner.right() {
                        frame.set_cursor_position(Position::new(x, y));
                    }
                }
            }
            Row::Error { text } => {
                let line = Line::from(vec![
                    Span::raw(" ".repeat(label_width)),
                    Span::raw(text.clone()).fg(Color::Red),
                ]);
                frame.render_widget(Paragraph::new(line), line_area);
            }
        }
    }

    let mut y = inner.y + u16::try_from(body_height).unwrap_or(u16::MAX);
    if y < inner.bottom() {
        let hint = form
            .focused()
            .map(|f| format!("{}: {}", f.label, f.hint))
            .unwrap_or_default();
        let hint = Line::from(fit(&hint, inner_width)).dim().italic();
        frame.render_widget(Paragraph::new(hint), Rect::new(inner.x, y, inner.width, 1));
        y += 1;
    }
    for text in message {
        if y >= inner.bottom() {
            break;
        }
        let line = Line::from(text).fg(Color::Red).bold();
        frame.render_widget(Paragraph::new(line), Rect::new(inner.x, y, inner.width, 1));
        y += 1;
    }
}

/// The body's rows: each field's value rows, then its error's wrapped rows.
fn rows(form: &Form, value_width: usize) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let lines = if field.multiline {
            field.value.split('\n').count().clamp(1, TEXT_ROWS)
        } else {
            1
        };
        rows.extend((0..lines).map(|line| Row::Value { field: i, line }));
        if let Some(error) = &field.error {
            rows.extend(
                wrap(&format!("↳ {error}"), value_width, 3)
                    .into_iter()
                    .map(|text| Row::Error { text }),
            );
        }
    }
    rows
}

/// One row of a field: the label (on its first row), then the value; for the focused field the value
/// scrolls sideways to keep the cursor in view. Returns the line and, when the cursor is on it, the
/// cursor's column from the left of the row.
fn value_line(
    field: &Field,
    row: usize,
    focused: bool,
    label_width: usize,
    value_width: usize,
) -> (Line<'static>, Option<usize>) {
    let label = if row > 0 {
        " ".repeat(label_width)
    } else {
        let marker = if focused { "▸" } else { " " };
        let text = fit(field.label, label_width.saturating_sub(2));
        let pad = label_width.saturating_sub(text.width() + 1);
        format!("{marker}{text}{}", " ".repeat(pad))
    };
    let label_style = if focused {
        Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    };
    let mut spans = vec![Span::styled(label, label_style)];

    // A secret is drawn as one dot per character typed.
    let value = if field.masked {
        "•".repeat(field.value.chars().count())
    } else {
        field.value.clone()
    };
    // Which text line of the value this row shows: long text scrolls to the cursor's line.
    let lines: Vec<&str> = value.split('\n').collect();
    let (cursor_line, cursor_col) = line_and_column(&value, field.cursor);
    let first = if focused && field.multiline {
        (cursor_line + 1).saturating_sub(TEXT_ROWS)
    } else {
        0
    };
    let index = first + row;
    let text = lines.get(index).copied().unwrap_or("");
    let on_cursor_line = focused && index == cursor_line;
    let hidden = lines.len().saturating_sub(TEXT_ROWS);
    let more = (field.multiline && hidden > 0 && row + 1 == TEXT_ROWS)
        .then(|| format!(" (+{hidden} lines)"));

    if field.value.is_empty() && !focused {
        spans.push(Span::raw(fit(&field.hint, value_width)).dim().italic());
        return (Line::from(spans), None);
    }
    let value_style = if focused {
        Style::new().bg(Color::DarkGray)
    } else {
        Style::new()
    };
    let room = value_width.saturating_sub(more.as_ref().map_or(0, |m| m.width()));
    let mut cursor = None;
    if on_cursor_line {
        let (before, at, after) = window(text, cursor_col, room);
        cursor = Some(label_width + before.width());
        spans.push(Span::styled(before, value_style));
        spans.push(Span::styled(
            at,
            value_style.add_modifier(Modifier::REVERSED),
        ));
        spans.push(Span::styled(after, value_style));
    } else {
        spans.push(Span::styled(fit(text, room), value_style));
    }
    if let Some(more) = more {
        spans.push(Span::raw(more).dim());
    }
    (Line::from(spans), cursor)
}

/// The line of the value the cursor is on, and its column (in characters) within that line.
fn line_and_column(value: &str, cursor: usize) -> (usize, usize) {
    let mut line = 0;
    let mut column = 0;
    for c in value.chars().take(cursor) {
        if c == '\n' {
            line += 1;
            column = 0;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// The part of `text` that fits in `width` cells with the character at `cursor` visible: the text
/// before the cursor, the cursor's cell (the character there, or a space at the end), and what follows.
fn window(text: &str, cursor: usize, width: usize) -> (String, String, String) {
    let safe: Vec<char> = text
        .chars()
        .map(|c| for_terminal(&c.to_string()).chars().next().unwrap_or(' '))
        .collect();
    let w = |c: &char| c.width().unwrap_or(0);
    let cursor = cursor.min(safe.len());
    let at = safe.get(cursor).copied().unwrap_or(' ');
    let at_width = w(&at).max(1);
    if width < at_width {
        return (String::new(), String::new(), String::new());
    }
    // Start as far left as possible while the cursor's cell still fits.
    let mut start = 0;
    let mut before: usize = safe[..cursor].iter().map(w).sum();
    while before + at_width > width && start < cursor {
        before -= w(&safe[start]);
        start += 1;
    }
    let mut used = before + at_width;
    let mut after = String::new();
    for c in safe.iter().skip(cursor + 1) {
        if used + w(c) > width {
            break;
        }
        used += w(c);
        after.push(*c);
    }
    (safe[start..cursor].iter().collect(), at.to_string(), after)
}

/// `text` made safe and broken into rows of at most `width` cells, at spaces where it can; at most
/// `max_rows` rows, the last ending in `…` when cut.
pub(super) fn wrap(text: &str, width: usize, max_rows: usize) -> Vec<String> {
    if width == 0 || max_rows == 0 {
        return Vec::new();
    }
    let safe = for_terminal(text);
    let mut rows: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in safe.split(' ') {
        let sep = usize::from(!current.is_empty());
        if current.width() + sep + word.width() <= width {
            if sep == 1 {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            rows.push(std::mem::take(&mut current));
        }
        // A word longer than a row is cut into pieces.
        let mut piece = String::new();
        for c in word.chars() {
            if piece.width() + c.width().unwrap_or(0) > width {
                rows.push(std::mem::take(&mut piece));
            }
            piece.push(c);
        }
        current = piece;
    }
    if !current.is_empty() || rows.is_empty() {
        rows.push(current);
    }
    if rows.len() > max_rows {
        let rest = rows.split_off(max_rows - 1).join(" ");
        rows.push(fit(&rest, width));
    }
    rows
}

#[cfg(test)]
mod tests;
