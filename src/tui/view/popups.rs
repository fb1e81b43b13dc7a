//! Popups over the panes: the help (generated from the action registry), a film's record and an
//! edition's record. All are read-only and scroll with the list keys.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::layout;
use crate::desk::{EditionView, FilmRecord};
use crate::domain::Calendar;
use crate::domain::calendar::format_period;
use crate::domain::names::credits;
use crate::text::for_terminal;
use crate::tui::actions::{ACTIONS, Context};

/// Draws a scrolling text popup. The scroll is counted in screen rows after wrapping; the furthest
/// useful scroll is written to `limit`, so that the next key scrolls from what is on screen.
pub(in crate::tui) fn show(
    frame: &mut Frame,
    title: &str,
    lines: Vec<Line<'static>>,
    scroll: usize,
    limit: &Cell<usize>,
) {
    let area = layout::popup(frame.area());
    if area.is_empty() {
        return;
    }
    let visible = usize::from(area.height.saturating_sub(2));
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(Line::from(format!(" {} ", for_terminal(title))).bold())
        .title_bottom(Line::from(" Esc:close  j/k:scroll ").right_aligned());
    let text_area = super::wrapping_area(block.inner(area), &lines);
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(text_area.width);
    let last_start = rows.saturating_sub(visible);
    limit.set(last_start);
    let scroll = u16::try_from(scroll.min(last_start)).unwrap_or(u16::MAX);
    super::clear_for_popup(frame, area);
    frame.render_widget(block, area);
    frame.render_widget(paragraph.scroll((scroll, 0)), text_area);
}

fn field(label: &str, value: &str) -> Option<Line<'static>> {
    if value.trim().is_empty() {
        return None;
    }
    Some(Line::from(vec![
        Span::raw(format!("{label:<13}")).add_modifier(Modifier::BOLD),
        Span::raw(for_terminal(value).into_owned()),
    ]))
}

pub(in crate::tui) fn heading(text: &str) -> Line<'static> {
    Line::from(for_terminal(text).into_owned()).add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
}

/// The help, with the keys of the screen underneath (`first`) at the top.
pub fn help(
    frame: &mut Frame,
    scroll: usize,
    limit: &Cell<usize>,
    first: Context,
    keymap: &crate::tui::keymap::Keymap,
) {
    let mut lines = vec![
        Line::from("Every key of the desk, where it applies. The status bar and this list come from the same table.")
            .dim(),
    ];
    let width = ACTIONS
        .iter()
        .map(|s| keymap.keys_label(s.name).chars().count())
        .max()
        .unwrap_or(0);
    // The descriptions are wrapped here, under their own column, so that a long one does not run
    // back under the keys; on a narrow screen they go on the lines below the key instead.
    let inner = usize::from(layout::popup(frame.area()).width.saturating_sub(2));
    let indent = width + 2 + HELP_NAME_WIDTH + 1;
    let beside = inner >= indent + 20;
    let order = std::iter::once(first).chain(Context::ALL.into_iter().filter(|&c| c != first));
    for context in order {
        lines.push(Line::from(""));
        lines.push(heading(context.title()));
        for spec in ACTIONS.iter().filter(|s| s.contexts.contains(&context)) {
            let keys = Span::raw(format!("{:<width$}  ", keymap.keys_label(spec.name)))
                .fg(Color::Cyan)
                .bold();
            let name = format!("{:<HELP_NAME_WIDTH$} ", spec.name);
            if beside {
                let mut parts = wrap_words(spec.description, inner - indent).into_iter();
                let first = parts.next().unwrap_or_default();
                lines.push(Line::from(vec![keys, Span::raw(name), Span::raw(first)]));
                lines.extend(parts.map(|part| Line::from(format!("{}{part}", " ".repeat(indent)))));
            } else {
                lines.push(Line::from(vec![
                    keys,
                    Span::raw(name.trim_end().to_string()),
                ]));
                let parts = wrap_words(spec.description, inner.saturating_sub(2).max(1));
                lines.extend(
                    parts
                        .into_iter()
                        .map(|part| Line::from(format!("  {part}"))),
                );
            }
        }
    }
    // Forms read their keys themselves; their list is the form's own.
    lines.push(Line::from(""));
    lines.push(heading("In a form (these keys are fixed)"));
    for (keys, description) in crate::tui::form::FORM_KEYS {
        let keys = Span::raw(format!("{keys:<18} ")).fg(Color::Cyan).bold();
        let indent = 19;
        if inner >= indent + 20 {
            let mut parts = wrap_words(description, inner - indent).into_iter();
            let first = parts.next().unwrap_or_default();
            lines.push(Line::from(vec![keys, Span::raw(first)]));
            lines.extend(parts.map(|part| Line::from(format!("{}{part}", " ".repeat(indent)))));
        } else {
            lines.push(Line::from(keys));
            let parts = wrap_words(description, inner.saturating_sub(2).max(1));
            lines.extend(
                parts
                    .into_iter()
                    .map(|part| Line::from(format!("  {part}"))),
            );
        }
    }
    show(frame, "Help", lines, scroll, limit);
}

/// The column the help gives an action's name (the longest is `focus-submissions`).
const HELP_NAME_WIDTH: usize = 18;

/// `text` in lines of at most `width` cells, broken between words; a word longer than a line is cut.
fn wrap_words(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_string();
        loop {
            let room = if line.is_empty() {
                width
            } else {
                width.saturating_sub(crate::text::width(&line) + 1)
            };
            if crate::text::width(&word) <= room {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(&word);
                break;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                continue;
            }
            // A word wider than a whole line: cut it at the width.
            let mut cells = 0;
            let cut: String = word
                .chars()
                .enumerate()
                .take_while(|&(i, c)| {
                    cells += crate::text::width(c.encode_utf8(&mut [0; 4]));
                    i == 0 || cells <= width
                })
                .map(|(_, c)| c)
                .collect();
            word = word[cut.len()..].to_string();
            lines.push(cut);
            if word.is_empty() {
                break;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

pub fn record(frame: &mut Frame, record: &FilmRecord, scroll: usize, limit: &Cell<usize>) {
    let film = &record.film;
    let mut lines: Vec<Line<'static>> = vec![heading(&film.title)];
    let year = film.year.map(|y| y.to_string()).unwrap_or_default();
    let runtime = film
        .runtime_minutes
        .map(|m| format!("{m} min"))
        .unwrap_or_default();
    lines.extend(
        [
            field("Original", &film.original_title),
            field("Other titles", &film.aliases.join(", ")),
            field(
                "Directed by",
                &credits(&film.directors, &film.original_directors),
            ),
            field(
                "Written by",
                &credits(&film.writers, &film.original_writers),
            ),
            field("Produced by", &film.producers.join(", ")),
            field("Cast", &credits(&film.cast, &film.original_cast)),
            field("Countries", &film.countries.join(", ")),
            field("Languages", &film.languages.join(", ")),
            field("Year", &year),
            field("Runtime", &runtime),
        ]
        .into_iter()
        .flatten(),
    );
    if !film.synopsis.is_empty() {
        lines.push(Line::from(""));
        lines.push(heading("Synopsis"));
        lines.extend(
            film.synopsis
                .lines()
                .map(|l| Line::from(for_terminal(l).into_owned())),
        );
    }
    lines.push(Line::from(""));
    lines.push(heading("Across editions"));
    for appearance in &record.appearances {
        let s = &appearance.submission;
        let e = &appearance.edition;
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{} {} ({}, {})",
                e.ordinal(),
                for_terminal(&appearance.festival.name),
                e.code,
                e.year
            ))
            .bold(),
            Span::raw(format!(
                "  {}  {}",
                for_terminal(&s.section),
                s.status.as_str()
            )),
        ]));
        if let Some(entry) = entry_line(s) {
            lines.push(Line::from(entry).dim());
        }
        // One line each: an import keeps every extra column as its own `Question: answer` line.
        lines.extend(
            s.notes
                .lines()
                .filter(|note| !note.trim().is_empty())
                .map(|note| Line::from(format!("  {}", for_terminal(note))).italic()),
        );
        if !appearance.nominations.is_empty() {
            lines.push(Line::from(format!(
                "  {}, {}",
                counted(appearance.nominations.len(), "nomination"),
                counted(appearance.wins.len(), "win")
            )));
        }
        for (category, _) in &appearance.nominations {
            let won = appearance.wins.iter().any(|w| w.id == category.id);
            let word = if won { "won" } else { "nominated" };
            lines.push(Line::from(format!(
                "    {word}: {}",
                for_terminal(&category.name)
            )));
        }
        for change in &s.history {
            let from = change.from.map(|f| format!("{f} → ")).unwrap_or_default();
            lines.push(
                Line::from(format!(
                    "  {}  {from}{}  {}",
                    change.at.format("%Y-%m-%d %H:%M"),
                    change.to,
                    for_terminal(&change.note)
                ))
                .dim(),
            );
        }
    }
    show(frame, "Film record", lines, scroll, limit);
}

/// How a submission came in: when, under which outside id (a FilmFreeway submission id), and the
/// status the outside platform gave it; `None` when none of them is known (one typed in by hand).
fn entry_line(s: &crate::domain::Submission) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(date) = s.submitted {
        parts.push(format!("submitted {date}"));
    }
    if !s.external_id.is_empty() {
        parts.push(format!("id {}", for_terminal(&s.external_id)));
    }
    if !s.original_status.is_empty() {
        parts.push(format!(
            "imported as “{}”",
            for_terminal(&s.original_status)
        ));
    }
    (!parts.is_empty()).then(|| format!("  {}", parts.join(" · ")))
}

pub fn edition(frame: &mut Frame, view: &EditionView, scroll: usize, limit: &Cell<usize>) {
    let e = &view.edition;
    // In the edition's calendar beside the Gregorian: `2025-01-31 (1403-11-12 SH) – …`.
    let dates = format_period(e.calendar, e.start, e.end).unwrap_or_default();
    let calendar = match e.calendar {
        Calendar::Gregorian => String::new(),
        other => other.label().to_string(),
    };
    let mut lines = vec![heading(&format!(
        "{} · {} edition · {}",
        view.festival.name,
        e.ordinal(),
        e.year
    ))];
    lines.extend(
        [
            field("Code", &e.code),
            field("Organisers", &view.festival.organisers.join("; ")),
            field("Dates", &dates),
            field("Calendar", &calendar),
            field("Place", &e.place),
            field("Venues", &e.venues.join("; ")),
            field("Sections", &e.sections.join("; ")),
            field("State", e.state.as_str()),
            field("Submissions", &view.submissions.to_string()),
        ]
        .into_iter()
        .flatten(),
    );
    for event in &e.events {
        lines.push(Line::from(""));
        lines.push(heading(&event.name));
        let dates = match (event.start, event.end) {
            (Some(_), Some(_)) => {
                format_period(e.calendar, event.start, event.end).unwrap_or_default()
            }
            _ => String::new(),
        };
        lines.extend(
            [
                field("Place", &event.place),
                field("Dates", &dates),
                field("With", &event.partners.join("; ")),
                field("Venues", &event.venues.join("; ")),
            ]
            .into_iter()
            .flatten(),
        );
    }
    if !e.notes.is_empty() {
        lines.push(Line::from(""));
        lines.extend(
            e.notes
                .lines()
                .map(|l| Line::from(for_terminal(l).into_owned())),
        );
    }
    show(frame, "Edition", lines, scroll, limit);
}

/// A small box in the middle of the screen, for questions and short menus.
pub(in crate::tui) fn small_box(
    frame: &mut Frame,
    title: &str,
    lines: Vec<Line<'static>>,
    footer: &str,
) {
    let area = frame.area();
    let width = (lines.iter().map(Line::width).max().unwrap_or(0) + 4)
        .max(title.chars().count() + 6)
        .min(usize::from(area.width)) as u16;
    let height = (lines.len() + 2).min(usize::from(area.height)) as u16;
    let rect = ratatui::layout::Rect::new(
        area.x + (area.width - width) / 2,
        area.y + (area.height - height) / 2,
        width,
        height,
    );
    if rect.is_empty() {
        return;
    }
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(Line::from(format!(" {} ", for_terminal(title))).bold())
        .title_bottom(Line::from(footer.to_string()).right_aligned());
    super::clear_for_popup(frame, rect);
    frame.render_widget(Paragraph::new(lines).block(block), rect);
}

/// What replaces the desk once a write failed and the store was given up
/// (docs/architecture.md#faults): the failure in full (the status line would cut it), what is kept,
/// and the one thing left to do.
pub fn store_failure(frame: &mut Frame, failure: &str, store: &str) {
    let area = frame.area();
    let width = usize::from(area.width.saturating_sub(4)).clamp(20, 100);
    let text = format!(
        "{failure}\n\nEvery change the desk reported saved is in the store. The change that failed \
         is there whole or not at all (an import too): once jurydesk is started again, `jurydesk log` \
         shows which. The desk has stopped using the store so that nothing half-written is read \
         back. Quit, fix the disk, then start jurydesk again: `jurydesk --db {store} check` \
         verifies the store."
    );
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        if paragraph.is_empty() {
            lines.push(Line::from(""));
            continue;
        }
        for row in super::form::wrap(paragraph, width - 4, usize::MAX) {
            lines.push(Line::from(format!(" {row} ")));
        }
    }
    small_box(frame, "The store could not be written", lines, " q:quit ");
}

/// The question before a deletion; each line of `question` (the question, then what it means beyond
/// the records, such as ballots a withdrawn nominee is taken off) is a line of the box.
/// "1 nomination", "13 nominations", "0 wins".
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::wrap_words;

    #[test]
    fn words_wrap_between_words_and_a_long_one_is_cut() {
        assert_eq!(
            wrap_words("Undo the latest change (it is logged)", 16),
            ["Undo the latest", "change (it is", "logged)"]
        );
        assert_eq!(wrap_words("abcdefghij xy", 4), ["abcd", "efgh", "ij", "xy"]);
        assert_eq!(wrap_words("", 10), [""]);
        assert_eq!(wrap_words("a b", 0), ["a", "b"]);
        for width in 1..30 {
            for line in wrap_words("Find any action by name (fuzzy) and run it", width) {
                assert!(crate::text::width(&line) <= width, "{line:?} in {width}");
            }
        }
    }
}
