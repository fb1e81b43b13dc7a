//! The print menu drawn: the three documents and "all three", the cursor's reversed, then what the
//! last Enter wrote, each path in full (wrapped, never cut).

use ratatui::Frame;
use ratatui::style::{Modifier, Stylize};
use ratatui::text::Line;

use super::{CHOICES, PrintMenu};
use crate::print::Document;
use crate::text::for_terminal;
use crate::tui::view::popups::small_box;

pub fn render(frame: &mut Frame, menu: &PrintMenu) {
    let room = usize::from(frame.area().width).saturating_sub(6).max(10);
    let mut lines: Vec<Line<'static>> = (0..CHOICES)
        .map(|i| {
            let text = match Document::ALL.get(i) {
                Some(d) => format!("  {:<9} {}", d.name(), d.describe()),
                None => "  all three".to_string(),
            };
            let line = Line::from(text);
            if i == menu.cursor {
                line.add_modifier(Modifier::REVERSED)
            } else {
                line
            }
        })
        .collect();
    lines.push(Line::from(""));
    if menu.outcome.is_empty() {
        lines.push(
            Line::from("  Written as HTML beside the store, to open in a browser and print.").dim(),
        );
        lines
            .push(Line::from("  Markdown, one category or one juror: jurydesk print --help").dim());
    }
    for written in &menu.outcome {
        let text = match &written.result {
            Ok((path, summary)) => format!(
                "{}: {summary}, written to {}",
                written.document.name(),
                for_terminal(&path.display().to_string())
            ),
            Err(why) => format!(
                "{}: not written: {}",
                written.document.name(),
                for_terminal(why)
            ),
        };
        for piece in wrap(&text, room) {
            let line = Line::from(format!("  {piece}"));
            lines.push(if written.result.is_ok() {
                line
            } else {
                line.red()
            });
        }
    }
    small_box(
        frame,
        &format!("Print {}", menu.edition),
        lines,
        " Enter:write  Esc:close ",
    );
}

/// `text` cut into pieces of at most `width` characters, at spaces where it can, anywhere else (a
/// path has none).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let room = width
                .saturating_sub(line.chars().count())
                .saturating_sub(usize::from(!line.is_empty()));
            if word.chars().count() <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if line.is_empty() {
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                pieces.push(head);
                continue;
            }
            pieces.push(std::mem::take(&mut line));
        }
    }
    if !line.is_empty() {
        pieces.push(line);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_spaces_and_cuts_a_long_path() {
        assert_eq!(wrap("ab cd ef", 5), ["ab cd", "ef"]);
        assert_eq!(
            wrap("x /a/very/long/path", 8),
            ["x", "/a/very/", "long/pat", "h"]
        );
        assert_eq!(wrap("", 5), Vec::<String>::new());
    }
}
