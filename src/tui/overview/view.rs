//! The edition overview popup (README.md#the-desk): submissions by status, by section and by
//! country as bar charts, and submissions over time as a sparkline. Three charts side by side on a
//! wide terminal, stacked on a narrow one; every chart keeps to the rows it has.

use ratatui::Frame;
use ratatui::layout::{Constraint, Direction, Layout, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, Sparkline};

use crate::desk::EditionOverview;
use crate::text::{fit, for_terminal};
use crate::tui::view::layout;

/// Below this width the three charts are stacked.
const SIDE_BY_SIDE: u16 = 90;

pub fn render(frame: &mut Frame, overview: &EditionOverview, title: &str) {
    let area = layout::wide_popup(frame.area());
    if area.width < 3 || area.height < 3 {
        return;
    }
    let inner_width = usize::from(area.width - 2);
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(
            Line::from(format!(
                " {} ",
                fit(
                    &format!("Overview · {title}"),
                    inner_width.saturating_sub(2)
                )
            ))
            .bold(),
        )
        .title_bottom(Line::from(fit(" Esc:close ", inner_width)).right_aligned());
    let inner = block.inner(area);
    crate::tui::view::clear_for_popup(frame, area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }

    let noun = if overview.total == 1 {
        "submission"
    } else {
        "submissions"
    };
    let mut summary = format!("{} {noun}", thousands(overview.total as u64));
    if overview.undated > 0 {
        summary.push_str(&format!(
            " · {} without a date",
            thousands(overview.undated)
        ));
    }
    let [top, charts, timeline] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(if inner.height >= 14 { 6 } else { 0 }),
    ])
    .areas(inner);
    frame.render_widget(Paragraph::new(fit(&summary, inner_width)).bold(), top);
    if overview.total == 0 {
        frame.render_widget(
            Paragraph::new("No submissions yet: nothing to count.").dim(),
            charts,
        );
        return;
    }

    let direction = if charts.width >= SIDE_BY_SIDE {
        Direction::Horizontal
    } else {
        Direction::Vertical
    };
    let parts = Layout::default()
        .direction(direction)
        .constraints([Constraint::Fill(1); 3])
        .split(charts);
    let countries = if overview.by_country.is_empty() {
        " Countries (none given) "
    } else {
        " Top countries "
    };
    for (rect, heading, counts, colour) in [
        (parts[0], " By status ", &overview.by_status, Color::Cyan),
        (parts[1], " By section ", &overview.by_section, Color::Green),
        (parts[2], countries, &overview.by_country, Color::Magenta),
    ] {
        bar_chart(frame, rect, heading, counts, colour, Labels::Shown);
    }
    sparkline(frame, timeline, overview);
}

/// Whether a bar chart draws its labels, or leaves them to a chart beside it with the same rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::tui) enum Labels {
    Shown,
    Beside,
}

/// A horizontal bar chart of `counts`, as many bars as there are rows. Labels take the width they
/// need, leaving the bars a third of the chart (and room for their numbers): "not-selected" and a
/// section's name are read whole wherever the chart allows it.
pub(in crate::tui) fn bar_chart(
    frame: &mut Frame,
    area: Rect,
    heading: &str,
    counts: &[(String, u64)],
    colour: Color,
    labels: Labels,
) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let block = Block::bordered().title(Line::from(fit(heading, usize::from(area.width - 2))));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let widest_value = counts
        .iter()
        .map(|(_, n)| thousands(*n).len())
        .max()
        .unwrap_or(1);
    let bars_room = (usize::from(inner.width) / 3).max(widest_value + 2);
    let label_width = match labels {
        Labels::Shown => counts
            .iter()
            .map(|(name, _)| crate::text::width(&for_terminal(name)))
            .max()
            .unwrap_or(0)
            .min(usize::from(inner.width).saturating_sub(bars_room)),
        Labels::Beside => 0,
    };
    let mut bars: Vec<Bar> = counts
        .iter()
        .take(usize::from(inner.height))
        .map(|(name, n)| {
            Bar::default()
                .value(*n)
                .label(Line::from(fit(name, label_width)))
                .text_value(thousands(*n))
        })
        .collect();
    let hidden = counts.len().saturating_sub(bars.len());
    if hidden > 0 && !bars.is_empty() {
        // The last row says how much did not fit, rather than silently dropping it.
        bars.pop();
        let rest: u64 = counts.iter().skip(bars.len()).map(|(_, n)| n).sum();
        bars.push(
            Bar::default()
                .value(rest)
                .label(Line::from(fit(
                    &format!("+{} more", hidden + 1),
                    label_width,
                )))
                .text_value(thousands(rest)),
        );
    }
    let chart = BarChart::default()
        .direction(Direction::Horizontal)
        .bar_width(1)
        .bar_gap(0)
        .bar_style(Style::new().fg(colour))
        .value_style(Style::new().fg(Color::Black).bg(colour).bold())
        .data(BarGroup::default().bars(&bars));
    frame.render_widget(chart, inner);
}

/// Submissions over time: one column per week, or per several weeks when the window is wider than
/// the screen.
fn sparkline(frame: &mut Frame, area: Rect, overview: &EditionOverview) {
    if area.width < 3 || area.height < 3 {
        return;
    }
    let width = usize::from(area.width - 2);
    let weeks = overview.per_week.len();
    let per_column = weeks.div_ceil(width).max(1);
    let data: Vec<u64> = overview
        .per_week
        .chunks(per_column)
        .map(|chunk| chunk.iter().sum())
        .collect();
    let weeks_word = if weeks == 1 { "week" } else { "weeks" };
    let unit = if per_column == 1 {
        "per week".to_string()
    } else {
        format!("per {per_column} weeks")
    };
    let heading = match overview.first_week {
        Some(first) => format!(" Submissions {unit}, {weeks} {weeks_word} from {first} "),
        None => " Submissions over time (no dates given) ".to_string(),
    };
    let peak = data.iter().copied().max().unwrap_or(0);
    let block = Block::bordered()
        .title(Line::from(fit(&heading, width)))
        .title_bottom(
            Line::from(fit(&format!(" busiest: {} ", thousands(peak)), width)).right_aligned(),
        );
    frame.render_widget(
        Sparkline::default()
            .block(block)
            .data(&data)
            .style(Style::new().fg(Color::Cyan)),
        area,
    );
}

/// `1203` → `1,203`: counts as a festival office writes them.
fn thousands(n: u64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn sample() -> EditionOverview {
        EditionOverview {
            by_status: vec![("received".into(), 1200), ("selected".into(), 3)],
            by_section: (0..30).map(|i| (format!("Section {i}"), 40 - i)).collect(),
            by_country: vec![
                ("ایران".into(), 700),
                ("日本".into(), 120),
                ("France\u{1b}[2J".into(), 90),
            ],
            per_week: (0..400).map(|i| i % 17).collect(),
            total: 1203,
            first_week: "2024-09-02".parse().ok(),
            undated: 17,
        }
    }

    fn text(terminal: &Terminal<TestBackend>) -> String {
        crate::tui::view::screen_text(terminal)
    }

    #[test]
    fn every_size_renders_without_panic() {
        for overview in [sample(), EditionOverview::default()] {
            for (w, h) in [
                (1, 1),
                (2, 2),
                (3, 3),
                (10, 4),
                (20, 8),
                (40, 14),
                (80, 24),
                (89, 30),
                (120, 40),
                (400, 120),
            ] {
                let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("a terminal");
                terminal
                    .draw(|f| render(f, &overview, "Fajr · 43rd edition"))
                    .expect("drawn");
            }
        }
    }

    #[test]
    fn the_charts_name_their_counts_and_nothing_escapes() {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a terminal");
        terminal
            .draw(|f| render(f, &sample(), "riff-18"))
            .expect("drawn");
        let screen = text(&terminal);
        for expected in [
            "Overview · riff-18",
            "1,203 submissions · 17 without a date",
            "By status",
            "received",
            "1,200",
            "By section",
            "more",
            "Top countries",
            "日本",
            "per 4 weeks, 400 weeks from 2024-09-02",
        ] {
            assert!(screen.contains(expected), "{expected} missing:\n{screen}");
        }
        assert!(!screen.contains('\u{1b}'));
    }

    #[test]
    fn an_empty_edition_says_so() {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a terminal");
        terminal
            .draw(|f| render(f, &EditionOverview::default(), "x-1"))
            .expect("drawn");
        assert!(text(&terminal).contains("No submissions yet"));
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
