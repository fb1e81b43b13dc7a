//! Drawing the leaderboard: what the cut does, then a table of the rows in the window only (ranks,
//! the submissions pane's columns for the width, score, ratings of coverage) with the cut line drawn
//! between the last film that passes and the first that fails.

use ratatui::Frame;
use ratatui::layout::{Constraint, Rect, Size};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Cell, Paragraph, Row, Table};

use super::app::normalisation_word;
use super::{BoardSort, Leaderboard};
use crate::desk::{SortKey, SubmissionSummary};
use crate::text::{fit, for_terminal};
use crate::tui::view::{frame_popup, layout, submission_columns};

/// Rows of films the table shows on a terminal of `size` (the popup's inside less the cut's line,
/// the table's header, the cut line's row and the search line).
pub fn body_height(size: Size) -> usize {
    layout::popup_body_height(size).saturating_sub(4)
}

/// The rank column: selection marker, rank (`=` when shared), `✓` when the film passes.
const RANK_WIDTH: u16 = 8;
const SCORE_WIDTH: u16 = 6;
const RATED_WIDTH: u16 = 5;

fn rank_text(board: &Leaderboard, b: usize, selected: bool) -> String {
    let row = &board.board.rows[b];
    let rank = match row.rank {
        Some(r) if board.is_tied(b) => format!("={r}"),
        Some(r) => r.to_string(),
        None => "—".into(),
    };
    let marker = if selected { "▸" } else { " " };
    let pass = if board.passes(b) { " ✓" } else { "  " };
    format!("{marker}{rank:>5}{pass}")
}

pub(in crate::tui) fn render(frame: &mut Frame, board: &Leaderboard, rows: &[SubmissionSummary]) {
    let title = format!(
        "Leaderboard · round {} \"{}\" of {} · {} scores",
        board.round,
        board.round_name,
        board.edition,
        normalisation_word(board.normalise)
    );
    let Some(inner) = frame_popup(
        frame,
        &title,
        " +/- 0-9 cut  c top/threshold  z  /  s  C close round  Esc ",
    ) else {
        return;
    };
    if inner.height < 5 {
        return;
    }
    let mut cut = format!("Cut at the {}", board.cut_text());
    if let Some(typed) = board.typed() {
        cut.push_str(&format!("   typing: {typed}▏"));
    }
    frame.render_widget(
        Paragraph::new(Line::from(for_terminal(&cut)).bold()),
        Rect { height: 1, ..inner },
    );
    let table_area = Rect {
        y: inner.y + 1,
        height: inner.height - 2,
        ..inner
    };
    table(frame, board, rows, table_area);
    let bottom = Rect {
        y: inner.y + inner.height - 1,
        height: 1,
        ..inner
    };
    let last = if let Some(m) = &board.message {
        Line::from(for_terminal(m)).fg(Color::Yellow)
    } else if board.search.is_shown() {
        let cursor = if board.search.typing { "▏" } else { "" };
        let problem = board
            .problem
            .as_deref()
            .map(|p| format!("   {p}"))
            .unwrap_or_default();
        let text = format!(
            "/{}{cursor}   {} of {} films{problem}",
            board.search.query,
            board.view.len(),
            board.board.rows.len()
        );
        Line::from(for_terminal(&text).into_owned())
    } else {
        Line::from(format!("{} films", board.board.rows.len())).dim()
    };
    frame.render_widget(Paragraph::new(last), bottom);
}

fn table(frame: &mut Frame, board: &Leaderboard, rows: &[SubmissionSummary], area: Rect) {
    // The header and the cut line's row take two of the area's rows.
    let height = usize::from(area.height.saturating_sub(2));
    let len = board.view.len();
    let window = board.pos.window(len, height);
    let sort = match board.sort {
        BoardSort::Rank => SortKey::Id,
        BoardSort::Column(key) => key,
    };
    let fixed = RANK_WIDTH + SCORE_WIDTH + RATED_WIDTH + 3;
    let columns =
        submission_columns::layout(area.width.saturating_sub(fixed), sort, board.descending);
    let mut widths = vec![Constraint::Length(RANK_WIDTH)];
    widths.extend(columns.iter().map(|(_, c, _)| *c));
    widths.extend([
        Constraint::Length(SCORE_WIDTH),
        Constraint::Length(RATED_WIDTH),
    ]);
    let cells = ratatui::layout::Layout::horizontal(widths.clone())
        .spacing(1)
        .split(Rect::new(0, 0, area.width, 1));
    let line_before = board.line_before();
    let mut table_rows: Vec<Row> = Vec::with_capacity(height + 1);
    let mut line_at = None;
    for i in window.clone() {
        if line_before == Some(i) {
            line_at = Some(table_rows.len());
            table_rows.push(Row::new(Vec::<Cell>::new()));
        }
        let b = board.view[i];
        let row = &board.board.rows[b];
        let selected = i == board.pos.selected;
        let mut row_cells = vec![Cell::from(rank_text(board, b, selected))];
        let pane_row = board.pane_row(b).and_then(|p| rows.get(p));
        for ((column, ..), area) in columns.iter().zip(cells.iter().skip(1)) {
            let width = usize::from(area.width);
            let text = match pane_row {
                Some(r) => submission_columns::cell(*column, r, width),
                None if *column == submission_columns::Column::Title => fit(&row.title, width),
                None => String::new(),
            };
            row_cells.push(Cell::from(text));
        }
        row_cells.push(Cell::from(
            row.score
                .map_or_else(|| format!("{:>6}", "—"), |s| format!("{s:>6.2}")),
        ));
        row_cells.push(Cell::from(format!("{}/{}", row.ratings, row.coverage)));
        let styled = Row::new(row_cells);
        table_rows.push(if selected {
            styled.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            styled
        });
    }
    if line_before == Some(window.end) && window.end > window.start {
        line_at = Some(table_rows.len());
    }
    let rank_header = match (board.sort, board.descending) {
        (BoardSort::Rank, false) => "   Rank ↑",
        (BoardSort::Rank, true) => "   Rank ↓",
        _ => "   Rank",
    };
    let mut heading = vec![Cell::from(rank_header)];
    heading.extend(columns.iter().map(|(.., h)| Cell::from(h.clone())));
    heading.extend([Cell::from(" Score"), Cell::from("Rated")]);
    let header =
        Row::new(heading).style(Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED));
    frame.render_widget(
        Table::new(table_rows, widths)
            .header(header)
            .column_spacing(1),
        area,
    );
    // The cut line, or where it is when it is not in the window.
    let (at, text) = match (line_at, line_before) {
        (Some(at), _) => (at, cut_line(board, area.width)),
        (None, Some(before)) if before < window.start => (
            height,
            format!("▲ the cut line is above ({})", board.cut_text()),
        ),
        (None, Some(_)) => (
            height,
            format!("▼ the cut line is below ({})", board.cut_text()),
        ),
        (None, None) if board.view.is_empty() => (0, "no film on view".into()),
        (None, None) => (
            height,
            format!(
                "✓ marks the {} film(s) that pass; s back to the rank order draws the cut line",
                board.split.passed
            ),
        ),
    };
    let y = area.y + 1 + u16::try_from(at).unwrap_or(0);
    if y < area.y + area.height {
        frame.render_widget(
            Paragraph::new(Line::from(for_terminal(&text)).fg(Color::Yellow)),
            Rect {
                y,
                height: 1,
                ..area
            },
        );
    }
}

/// `──── cut: top 20: 22 pass (2 tied at the cut), 1851 fail ────` across the table.
fn cut_line(board: &Leaderboard, width: u16) -> String {
    let label = format!(" ✂ {} ", board.cut_text());
    let width = usize::from(width);
    let label = fit(&label, width);
    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(label.as_str()));
    format!(
        "{}{label}{}",
        "─".repeat(room / 2),
        "─".repeat(room - room / 2)
    )
}
