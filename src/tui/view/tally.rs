//! The tally view: winners and state on top, a bar chart, then the explanation (scrollable).

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph};

use super::layout;
use crate::text::{fit, for_terminal};
use crate::tui::tally_view::TallyView;

pub fn render(frame: &mut Frame, view: &TallyView, limit: &std::cell::Cell<usize>) {
    let area = layout::popup(frame.area());
    if area.is_empty() {
        return;
    }
    let category = &view.summary.category;
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(
            Line::from(format!(
                " Count · {} · {} ",
                for_terminal(&category.name),
                view.count.method.name()
            ))
            .bold(),
        )
        .title_bottom(
            Line::from(" a:award  c:casting vote  r:draw  v:re-vote  j/k:scroll  Esc:close ")
                .right_aligned(),
        );
    let inner = block.inner(area);
    super::clear_for_popup(frame, area);
    frame.render_widget(block, area);

    let bars = view.bars();
    let chart_height = if bars.is_empty() || inner.height < 16 {
        0
    } else {
        8
    };
    let [head, chart, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(chart_height),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);

    let o = &view.count.outcome;
    let winners: Vec<String> = o
        .winners
        .iter()
        .map(|&i| view.count.labels[i].clone())
        .collect();
    let state = if !o.decided {
        "undecided".to_string()
    } else if winners.len() > 1 {
        format!("TIE: {}", winners.join(" = "))
    } else {
        format!("winner: {}", winners.join(""))
    };
    frame.render_widget(
        Paragraph::new(fit(&state, usize::from(head.width)))
            .bold()
            .fg(if o.decided && winners.len() == 1 {
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

    let visible = usize::from(body.height);
    limit.set(view.lines.len().saturating_sub(visible));
    let scroll = view.scroll.min(limit.get());
    let lines: Vec<Line> = view
        .lines
        .iter()
        .skip(scroll)
        .take(visible)
        .map(|l| Line::from(fit(l, usize::from(body.width))))
        .collect();
    frame.render_widget(Paragraph::new(lines), body);

    let message = match (&view.message, view.casting) {
        (Some(m), _) => m.clone(),
        (None, true) => "casting vote: type the nominee's number".into(),
        _ => String::new(),
    };
    frame.render_widget(
        Paragraph::new(fit(&message, usize::from(foot.width))).fg(Color::Yellow),
        foot,
    );
}
