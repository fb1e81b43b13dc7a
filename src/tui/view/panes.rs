//! The three panes. Each builds widgets only for the rows inside its window.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Cell, Paragraph, Row, Table};

use super::{layout, submission_columns};
use crate::text::fit;
use crate::tui::app::{App, NominationRow, Pane};
use crate::tui::list::ListPosition;
use crate::tui::search_line::SearchLine;

pub fn render(app: &App, frame: &mut Frame, body: Rect) {
    for (pane, area) in layout::panes(body, app.focus) {
        if area.is_empty() {
            continue;
        }
        match pane {
            Pane::Editions => editions(app, frame, area),
            Pane::Submissions => submissions(app, frame, area),
            Pane::Nominations => nominations(app, frame, area),
        }
    }
}

fn pane_block(app: &App, pane: Pane, title: String) -> Block<'static> {
    let focused = app.focus == pane;
    let number = match pane {
        Pane::Editions => 1,
        Pane::Submissions => 2,
        Pane::Nominations => 3,
    };
    let style = if focused {
        Style::new()
            .fg(super::theme::ACCENT)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new()
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(style)
        .title(Line::from(format!(" {number} {title} ")).style(style))
}

fn selected_style(app: &App, pane: Pane) -> Style {
    if app.focus == pane {
        Style::new()
            .bg(super::theme::SELECTION)
            .fg(Color::Black)
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    }
}

/// A number as people write it: 1,203.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn empty_note(frame: &mut Frame, block: Block<'_>, area: Rect, text: &str) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    frame.render_widget(
        Paragraph::new(text)
            .wrap(ratatui::widgets::Wrap { trim: true })
            .style(Style::new().dim()),
        inner,
    );
}

/// Lines for the rows of `range`, with the selected one marked.
fn list_lines<'a>(
    app: &App,
    pane: Pane,
    position: &ListPosition,
    range: std::ops::Range<usize>,
    width: usize,
    text: impl Fn(usize) -> (String, String),
) -> Vec<Line<'a>> {
    range
        .map(|i| {
            let (left, right) = text(i);
            let marker = if i == position.selected { "▸ " } else { "  " };
            let right_width = crate::text::width(&right);
            let left = fit(&left, width.saturating_sub(right_width + 3));
            let used = 2 + crate::text::width(&left) + right_width;
            let line = Line::from(vec![
                Span::raw(marker),
                Span::raw(left),
                Span::raw(" ".repeat(width.saturating_sub(used))),
                Span::raw(right).dim(),
            ]);
            if i == position.selected {
                line.style(selected_style(app, pane))
            } else {
                line
            }
        })
        .collect()
}

fn editions(app: &App, frame: &mut Frame, area: Rect) {
    let block = pane_block(
        app,
        Pane::Editions,
        filtered_title(
            "Editions",
            app.editions.len(),
            app.all_editions.len(),
            &app.editions_search,
        ),
    );
    if app.editions.is_empty() && !app.all_editions.is_empty() {
        let note = nothing_matches(app);
        empty_note(frame, block, area, &note);
        return;
    }
    if app.editions.is_empty() {
        let note = format!(
            "No editions yet: {} adds one ({} adds a festival)",
            app.keymap.first_key_label("add"),
            app.keymap.first_key_label("add-festival")
        );
        empty_note(frame, block, area, &note);
        return;
    }
    let inner = block.inner(area);
    let range = app
        .editions_pos
        .window(app.editions.len(), usize::from(inner.height));
    let lines = list_lines(
        app,
        Pane::Editions,
        &app.editions_pos,
        range,
        usize::from(inner.width),
        |i| {
            let view = &app.editions[i];
            (
                format!("{} {}", view.edition.code, view.edition.year),
                grouped(view.submissions),
            )
        },
    );
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A pane's title while its search narrows it: `Editions  2 of 3  /fajr`; the plain count without one.
fn filtered_title(name: &str, on_view: usize, all: usize, search: &SearchLine) -> String {
    if search.query.is_empty() {
        format!("{name}  {}", grouped(all))
    } else {
        format!(
            "{name}  {} of {}{}",
            grouped(on_view),
            grouped(all),
            query_in_title(search)
        )
    }
}

/// The query as a pane's title shows it (cut to fit), or nothing without one.
fn query_in_title(search: &SearchLine) -> String {
    if search.query.is_empty() {
        String::new()
    } else {
        format!("  /{}", fit(&search.query, 24))
    }
}

/// What a pane says when its search hides every row.
fn nothing_matches(app: &App) -> String {
    format!(
        "Nothing matches the search ({} clears it)",
        app.keymap.first_key_label("clear-search")
    )
}

/// The narrowest submissions pane (inside its border) that shows the screening columns.
const SCREENING_COLUMNS_FROM: u16 = 64;

fn submissions(app: &App, frame: &mut Frame, area: Rect) {
    let total = app.submissions.len();
    let sort = if app.submissions.sort == crate::desk::SortKey::Id {
        String::new()
    } else {
        let arrow = if app.submissions.descending {
            "↓"
        } else {
            "↑"
        };
        format!("  {arrow}{}", app.submissions.sort.name())
    };
    let query = query_in_title(&app.submissions.search);
    // A large edition is still being read: the count grows as its rows arrive.
    let reading = if app.submissions.is_loading() {
        "  reading…"
    } else {
        ""
    };
    let block = pane_block(
        app,
        Pane::Submissions,
        format!(
            "Submissions  {} of {}{query}{sort}{reading}",
            grouped(total),
            grouped(app.submissions.total())
        ),
    );
    if total == 0 {
        let key = |name| app.keymap.first_key_label(name);
        let note = if app.editions.is_empty() {
            "Choose an edition".to_string()
        } else if app.submissions.total() > 0 {
            nothing_matches(app)
        } else {
            format!(
                "No submissions in this edition yet: {} adds one",
                key("add")
            )
        };
        empty_note(frame, block, area, &note);
        return;
    }
    let inner = block.inner(area);
    let height = usize::from(inner.height.saturating_sub(1));
    let range = app.submissions_pos.window(total, height);
    // In an open screening round: `seen 2/3` and the film's mean score so far (issue 15), when the
    // pane has room for them beside a readable title (a terminal of about 130 columns). They take
    // their room first; the film's columns fit in the rest.
    let round = app
        .submissions
        .round
        .as_ref()
        .filter(|_| inner.width >= SCREENING_COLUMNS_FROM);
    let screening_room = if round.is_some() { 9 + 5 + 2 } else { 0 };
    // A narrow pane keeps the title and the status; a wide one adds columns (`submission_columns`).
    let columns = submission_columns::layout(
        inner.width.saturating_sub(screening_room),
        app.submissions.sort,
        app.submissions.descending,
    );
    let mut widths: Vec<Constraint> = columns.iter().map(|(_, c, _)| *c).collect();
    if round.is_some() {
        widths.extend([Constraint::Length(9), Constraint::Length(5)]);
    }
    let cells = ratatui::layout::Layout::horizontal(widths.clone())
        .spacing(1)
        .split(Rect::new(0, 0, inner.width, 1));
    let rows: Vec<Row> = range
        .map(|i| {
            let Some(row) = app.submissions.get(i) else {
                return Row::new(Vec::<Cell>::new());
            };
            let marker = if i == app.submissions_pos.selected {
                "▸ "
            } else {
                "  "
            };
            let mut row_cells: Vec<Cell> = columns
                .iter()
                .zip(cells.iter())
                .map(|((column, ..), area)| {
                    let width = usize::from(area.width);
                    if *column == submission_columns::Column::Title {
                        let text = submission_columns::cell(*column, row, width.saturating_sub(2));
                        Cell::from(format!("{marker}{text}"))
                    } else {
                        Cell::from(submission_columns::cell(*column, row, width))
                    }
                })
                .collect();
            if let Some(round) = round {
                row_cells.push(Cell::from(round.seen_text(row.id())));
                row_cells.push(Cell::from(round.score_text(row.id())));
            }
            let styled = Row::new(row_cells);
            if i == app.submissions_pos.selected {
                styled.style(selected_style(app, Pane::Submissions))
            } else {
                styled
            }
        })
        .collect();
    let mut heading: Vec<Cell> = columns
        .iter()
        .map(|(.., header)| Cell::from(header.clone()))
        .collect();
    if round.is_some() {
        heading.extend([Cell::from("Seen"), Cell::from("Score")]);
    }
    let header =
        Row::new(heading).style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    let table = Table::new(rows, widths).header(header).column_spacing(1);
    frame.render_widget(block, area);
    frame.render_widget(table, inner);
}

fn nominations(app: &App, frame: &mut Frame, area: Rect) {
    let mut block = pane_block(
        app,
        Pane::Nominations,
        if app.nominations_search.query.is_empty() {
            format!("Nominations  {}", grouped(app.categories.len()))
        } else {
            // Rows on view of all rows (the jury's heading not counted).
            let on_view = app
                .nomination_rows
                .iter()
                .filter(|row| **row != NominationRow::Jury)
                .count();
            filtered_title(
                "Nominations",
                on_view,
                app.nominations_total,
                &app.nominations_search,
            )
        },
    );
    // The palmarès' rule state, kept current after every change (docs/counting.md#palmares-rules).
    if let Some(state) = &app.palmares_state {
        let colour = if state.starts_with('⚠') {
            Color::Red
        } else {
            Color::Green
        };
        // Named in full where the pane is wide enough, the state alone where it is not, and cut at
        // its end in a narrow pane: the border would otherwise cut its start ("plete · rules kept").
        let room = usize::from(area.width).saturating_sub(2);
        let full = format!(" palmarès: {state} ");
        let label = if crate::text::width(&full) <= room {
            full
        } else {
            format!(" {} ", crate::text::fit(state, room.saturating_sub(2)))
        };
        block = block.title_bottom(Line::from(label).fg(colour).right_aligned());
    }
    if app.nomination_rows.is_empty() {
        let note = if app.editions.is_empty() {
            "Choose an edition".to_string()
        } else if app.nominations_total > 0 {
            nothing_matches(app)
        } else {
            format!(
                "No award categories or jurors yet: {} adds a category, {} seats a juror",
                app.keymap.first_key_label("add"),
                app.keymap.first_key_label("add-juror")
            )
        };
        empty_note(frame, block, area, &note);
        return;
    }
    let inner = block.inner(area);
    let range = app
        .categories_pos
        .window(app.nomination_rows.len(), usize::from(inner.height));
    let lines = list_lines(
        app,
        Pane::Nominations,
        &app.categories_pos,
        range,
        usize::from(inner.width),
        |i| nomination_row_text(app, app.nomination_rows[i]),
    );
    frame.render_widget(block, area);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A row of the nominations pane: its text on the left, and a state on the right.
fn nomination_row_text(app: &App, row: NominationRow) -> (String, String) {
    match row {
        NominationRow::Category { category } => {
            let summary = &app.categories[category];
            let state = if !summary.awards.is_empty() {
                "awarded".to_string()
            } else if summary.voters.is_empty() {
                String::new()
            } else {
                format!("ballots {}/{}", summary.ballots, summary.voters.len())
            };
            (summary.category.name.clone(), state)
        }
        NominationRow::Nominee { category, nominee } => {
            let summary = &app.categories[category];
            let nominee = &summary.nominees[nominee];
            let won = if summary.has_won(nominee.nomination.id) {
                "★"
            } else {
                ""
            };
            (
                format!(" {} {}", nominee.number(), nominee.label),
                won.to_string(),
            )
        }
        NominationRow::Jury => ("Jury".to_string(), grouped(app.jurors.len())),
        NominationRow::Juror { juror } => {
            let juror = &app.jurors[juror];
            // ⚠ while a probable conflict is neither recused nor cleared (Enter opens the record).
            let mark = if app.conflicted.contains(&juror.id) {
                " ⚠"
            } else {
                ""
            };
            (
                format!(" {}{mark}", juror.name),
                juror.role.as_str().to_string(),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn groups_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1203), "1,203");
        assert_eq!(grouped(1_000_000), "1,000,000");
    }
}
