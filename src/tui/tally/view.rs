//! The tally view, over the whole terminal but the status bar: the state on top, a bar chart when
//! there is room, then the explanation wrapped to the width and scrolled (never cut), and the answer
//! to the last key. An award being decided is a box over it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect, Size};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};

use super::{Deciding, TallyView};
use crate::text::{bidi, fit, for_terminal, wrap};
use crate::tui::keymap::Keymap;
use crate::tui::view::layout;

/// Inner heights from which the bar chart is drawn (below it the explanation has every row).
const CHART_FROM: u16 = 30;
const CHART_HEIGHT: u16 = 8;
/// The most rows the answer to a key takes at the foot.
const MESSAGE_ROWS: usize = 3;

/// The view's rectangle: the whole terminal but its last row (the status bar and its key hints).
fn area(screen: Rect) -> Rect {
    let [_, _, status] = layout::frame(screen);
    Rect {
        height: screen.height.saturating_sub(status.height),
        ..screen
    }
}

/// Rows of explanation on screen at this terminal size (a page for PgUp/PgDn), with no message shown.
pub fn body_height(size: Size) -> usize {
    let inner = area(Rect::new(0, 0, size.width, size.height))
        .height
        .saturating_sub(2);
    let chart = if inner >= CHART_FROM { CHART_HEIGHT } else { 0 };
    usize::from(inner.saturating_sub(1 + chart)).max(1)
}

/// The explanation's rows at `width`: every line made safe, wrapped, and put in display order.
pub fn rows(view: &TallyView, width: usize) -> Vec<String> {
    view.lines
        .iter()
        .flat_map(|line| wrap(&for_terminal(line), width))
        .map(|row| bidi::for_display(&row).into_owned())
        .collect()
}

pub fn render(
    frame: &mut Frame,
    view: &TallyView,
    limit: &std::cell::Cell<usize>,
    keymap: &Keymap,
) {
    let area = area(frame.area());
    if area.is_empty() {
        return;
    }
    let category = &view.summary.category;
    let hints = [
        ("record-award", "award"),
        ("casting-vote", "casting vote"),
        ("draw", "draw"),
        ("revote", "re-vote"),
        ("down", "scroll"),
        ("back", "close"),
    ]
    .iter()
    .map(|(name, word)| format!("{}:{word}", keymap.first_key_label(name)))
    .collect::<Vec<_>>()
    .join("  ");
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(
            Line::from(format!(
                " Count · {} · {} ",
                fit(&category.name, usize::from(area.width).saturating_sub(24)),
                view.count.method.name()
            ))
            .bold(),
        )
        .title_bottom(Line::from(format!(" {hints} ")).right_aligned());
    let inner = block.inner(area);
    crate::tui::view::clear_for_popup(frame, area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }

    let bars = view.bars();
    let chart_height = if bars.is_empty() || inner.height < CHART_FROM {
        0
    } else {
        CHART_HEIGHT
    };
    let message: Vec<String> = view
        .message
        .as_deref()
        .map(|m| wrap(&for_terminal(m), usize::from(inner.width)))
        .unwrap_or_default()
        .into_iter()
        .take(MESSAGE_ROWS)
        .collect();
    let state = state_rows(view, usize::from(inner.width));
    let [head, chart, body, foot] = Layout::vertical([
        Constraint::Length(state.len() as u16),
        Constraint::Length(chart_height),
        Constraint::Fill(1),
        Constraint::Length(message.len() as u16),
    ])
    .areas(inner);

    let o = &view.count.outcome;
    frame.render_widget(
        Paragraph::new(state.into_iter().map(Line::from).collect::<Vec<_>>())
            .bold()
            .fg(if o.decided && o.winners.len() == 1 {
                Color::Green
            } else {
                Color::Yellow
            }),
        head,
    );

    if chart_height > 0 {
        let width = (usize::from(chart.width) / bars.len().max(1)).clamp(3, 12) as u16;
        let group = BarGroup::default().bars(
            &bars
                .iter()
                .map(|b| {
                    Bar::default()
                        .label(Line::from(b.label.clone()))
                        .value(b.value)
                        .text_value(b.text.clone())
                })
                .collect::<Vec<_>>(),
        );
        frame.render_widget(
            BarChart::default()
                .direction(Direction::Vertical)
                .bar_width(width.saturating_sub(1).max(1))
                .bar_gap(1)
                .data(group)
                .bar_style(Style::new().fg(Color::Cyan)),
            chart,
        );
    }

    let rows = rows(view, usize::from(body.width));
    let visible = usize::from(body.height);
    limit.set(rows.len().saturating_sub(visible));
    let scroll = view.scroll.min(limit.get());
    let lines: Vec<Line> = rows
        .into_iter()
        .skip(scroll)
        .take(visible)
        .map(Line::from)
        .collect();
    frame.render_widget(Paragraph::new(lines), body);
    frame.render_widget(
        Paragraph::new(message.into_iter().map(Line::from).collect::<Vec<_>>()).fg(Color::Yellow),
        foot,
    );

    if let Some(deciding) = &view.deciding {
        deciding_box(frame, area, view, deciding, keymap);
    }
}

/// The state of the count on top (`winner: …`, `TIE: … = …`, `undecided`), wrapped like the rest:
/// at most three rows, so the explanation keeps the screen.
fn state_rows(view: &TallyView, width: usize) -> Vec<String> {
    let o = &view.count.outcome;
    let winners: Vec<String> = o
        .winners
        .iter()
        .filter_map(|&i| view.count.labels.get(i).cloned())
        .collect();
    // A provisional count names no winner (docs/counting.md#provisional-counts): it says who leads
    // so far, and why it is not final, in the same line.
    let provisional = view.count.provisional;
    let mut state = if let Some(t) = o.elimination_tie.as_ref().filter(|_| !o.decided) {
        format!(
            "ELIMINATION TIE (round {}): {} — the jury decides whom to eliminate",
            t.round,
            t.among
                .iter()
                .filter_map(|&i| view.count.labels.get(i).cloned())
                .collect::<Vec<_>>()
                .join(" = ")
        )
    } else if !o.decided {
        "undecided".to_string()
    } else if winners.len() > 1 {
        format!("TIE: {}", winners.join(" = "))
    } else if provisional {
        format!("leading so far: {}", winners.join(""))
    } else {
        format!("winner: {}", winners.join(""))
    };
    if provisional {
        state.push_str(&format!(
            "  ·  PROVISIONAL: not voted yet: {}",
            if view.count.missing.is_empty() {
                "a round is not complete".to_string()
            } else {
                view.count.missing.join(", ")
            }
        ));
    }
    let recorded = view.recorded_winners();
    if !recorded.is_empty() {
        state.push_str(&format!("  ·  award recorded: {}", recorded.join(" and ")));
    }
    let mut rows = wrap(&for_terminal(&state), width);
    if rows.len() > 3 {
        rows = wrap(
            &format!("TIE among {} nominees: see Result below", winners.len()),
            width,
        );
    }
    rows.into_iter()
        .map(|row| bidi::for_display(&row).into_owned())
        .collect()
}

/// "A", "A and B", "A, B and C".
fn and_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => items.join(""),
    }
}

/// The box of an award being decided: the casting vote's number, the draw's seed, or the question.
fn deciding_box(
    frame: &mut Frame,
    over: Rect,
    view: &TallyView,
    deciding: &Deciding,
    keymap: &Keymap,
) {
    let yes = keymap.keys_label("award-confirm");
    let no = keymap.keys_label("award-cancel");
    let erase = keymap.first_key_label("award-erase");
    let category = &view.summary.category.name;
    let (title, mut lines, footer, error) = match deciding {
        Deciding::Casting { president, typed } => {
            let mut lines = vec![format!(
                "The president, {president}, chooses among the tied:"
            )];
            lines.extend(
                view.tied_choices()
                    .into_iter()
                    .map(|(number, label)| format!("  {number:>3}  {label}")),
            );
            lines.push(String::new());
            lines.push(format!("Nominee number: {typed}▏"));
            (
                format!("Casting vote · {category}"),
                lines,
                format!(" 0-9:number  {yes}:go on  {erase}:erase  {no}:cancel "),
                None,
            )
        }
        Deciding::Seed { seed, offered } => {
            let tied: Vec<String> = view.tied_choices().into_iter().map(|(_, l)| l).collect();
            let mut lines = vec![
                format!("Draw lots among {}.", and_list(&tied)),
                String::new(),
            ];
            lines.push(format!("Seed: {seed}▏"));
            lines.push(if *offered {
                "A seed chosen at random: type a seed announced in the room to replace it.".into()
            } else {
                "The seed typed: the same seed always draws the same winner.".into()
            });
            (
                format!("Draw · {category}"),
                lines,
                format!(" 0-9:seed  {yes}:go on  {erase}:erase  {no}:cancel "),
                None,
            )
        }
        Deciding::Confirm(question) => (
            question.title.clone(),
            question.lines.clone(),
            format!(" {yes}:record  {no}:leave it "),
            question.error.clone(),
        ),
    };
    if let Some(error) = &error {
        lines.push(String::new());
        lines.push(error.clone());
    }
    let width = usize::from(over.width.saturating_sub(4)).clamp(1, 78);
    let text_width = width.saturating_sub(4).max(1);
    let mut rows: Vec<Line> = Vec::new();
    let error_from = lines.len() - usize::from(error.is_some());
    for (i, line) in lines.iter().enumerate() {
        for row in wrap(&for_terminal(line), text_width) {
            let row = Line::from(format!(" {} ", bidi::for_display(&row)));
            rows.push(if i >= error_from {
                row.fg(Color::Red).bold()
            } else {
                row
            });
        }
    }
    let height = (rows.len() + 2).min(usize::from(over.height)) as u16;
    let width = width as u16;
    let rect = Rect::new(
        over.x + over.width.saturating_sub(width) / 2,
        over.y + over.height.saturating_sub(height) / 2,
        width,
        height,
    );
    if rect.is_empty() {
        return;
    }
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(
            Line::from(format!(
                " {} ",
                fit(&title, usize::from(width).saturating_sub(4))
            ))
            .bold(),
        )
        .title_bottom(Line::from(footer).right_aligned());
    crate::tui::view::clear_for_popup(frame, rect);
    frame.render_widget(Paragraph::new(rows).block(block), rect);
}
