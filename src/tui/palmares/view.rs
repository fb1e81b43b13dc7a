//! The palmarès popup (prizes in precedence order, the cascade, the violations) and the award leaders
//! as a bar chart.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::desk::{Palmares, StatLine, StatsBy};
use crate::domain::EditionState;
use crate::domain::calendar::format_period;
use crate::text::{fit, for_terminal};
use crate::tui::overview::view as overview;
use crate::tui::view::{layout, popups};

/// `finalize_key`: the key in force for `finalize`, which the sheet names when nothing stands in its way.
pub fn palmares(
    frame: &mut Frame,
    p: &Palmares,
    scroll: usize,
    limit: &Cell<usize>,
    finalize_key: &str,
) {
    let mut lines = vec![popups::heading(&format!(
        "{} · {} edition · {}",
        p.festival.name,
        p.edition.ordinal(),
        p.edition.state.as_str()
    ))];
    // The edition's dates, in its own calendar beside the Gregorian (`domain::calendar`).
    if let Some(dates) = format_period(p.edition.calendar, p.edition.start, p.edition.end) {
        lines.push(Line::from(dates).dim());
    }
    if p.edition.state == EditionState::Finalized {
        lines.push(
            Line::from(
                "Frozen: ballots, nominations, awards and jury refuse changes until R reopens it.",
            )
            .dim(),
        );
    }
    lines.push(Line::from(""));
    if p.lines.is_empty() {
        lines.push(
            Line::from("No award categories yet: add one in the nominations pane (3, then a).")
                .dim(),
        );
    }
    for line in &p.lines {
        let name = if line.category.prize.is_empty() {
            line.category.name.clone()
        } else {
            format!("{} — {}", line.category.name, line.category.prize)
        };
        let (marker, winners) = if line.winners.is_empty() {
            (Span::raw("  · ").dim(), Span::raw("not awarded yet").dim())
        } else {
            (
                Span::raw("  ★ ").fg(Color::Yellow),
                Span::raw(for_terminal(&line.winner_labels().join(" and ")).into_owned()).bold(),
            )
        };
        lines.push(Line::from(vec![
            marker,
            Span::raw(format!("{}: ", for_terminal(&name))),
            winners,
        ]));
        if line.award.is_some() {
            lines.push(Line::from(format!("      {}", for_terminal(&line.how_decided()))).dim());
        }
        for passed in &line.passed_over {
            lines.push(
                Line::from(format!(
                    "      passed over: {}, whose film took {}",
                    for_terminal(&passed.nominee.label),
                    for_terminal(&passed.took)
                ))
                .fg(Color::Cyan),
            );
        }
    }
    lines.push(Line::from(""));
    let broken = p.violations.iter().map(ToString::to_string);
    let missing = p.incomplete.iter().map(ToString::to_string);
    for (heading, items, colour) in [
        ("Rules broken", broken.collect::<Vec<_>>(), Color::Red),
        ("Incomplete", missing.collect::<Vec<_>>(), Color::Yellow),
    ] {
        if !items.is_empty() {
            lines.push(
                Line::from(format!("{heading} ({}):", items.len()))
                    .fg(colour)
                    .bold(),
            );
        }
        for item in items {
            lines.push(Line::from(format!("  ⚠ {}", for_terminal(&item))).fg(colour));
        }
    }
    let open = p.edition.state != EditionState::Finalized;
    let verdict = match (p.finalizable(), open) {
        (true, true) => format!("{} ({finalize_key}).", p.verdict().trim_end_matches('.')),
        _ => p.verdict(),
    };
    let colour = if p.finalizable() {
        Color::Green
    } else {
        Color::Red
    };
    lines.push(Line::from(verdict).fg(colour));
    popups::show(frame, "Palmarès", lines, scroll, limit);
}

/// The leaders by wins then nominations, one bar per film, person or country, as many as fit.
pub fn stats(frame: &mut Frame, by: StatsBy, lines: &[StatLine], festival: &str) {
    let area = layout::wide_popup(frame.area());
    if area.width < 3 || area.height < 3 {
        return;
    }
    let noun = match by {
        StatsBy::Film => "film",
        StatsBy::Person => "person",
        StatsBy::Country => "country",
    };
    let inner_width = usize::from(area.width - 2);
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(
            Line::from(format!(
                " {} ",
                fit(
                    &format!("Award leaders · {festival} · by {noun}"),
                    inner_width.saturating_sub(2)
                )
            ))
            .bold(),
        )
        .title_bottom(
            Line::from(fit(" W:by film/person/country  Esc:close ", inner_width)).right_aligned(),
        );
    let inner = block.inner(area);
    crate::tui::view::clear_for_popup(frame, area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    if lines.is_empty() {
        frame.render_widget(
            ratatui::widgets::Paragraph::new("No nominations yet: nothing to count.").dim(),
            inner,
        );
        return;
    }
    // The names once, on the wins; the nominations' bars beside them on the same rows.
    let [wins, nominations] = ratatui::layout::Layout::horizontal([
        ratatui::layout::Constraint::Fill(3),
        ratatui::layout::Constraint::Fill(2),
    ])
    .areas(inner);
    let rows = usize::from(inner.height.saturating_sub(2));
    let top: Vec<&StatLine> = lines.iter().take(rows).collect();
    let wins_data: Vec<(String, u64)> = top
        .iter()
        .map(|l| (l.name.clone(), u64::from(l.wins)))
        .collect();
    let nominations_data: Vec<(String, u64)> = top
        .iter()
        .map(|l| (l.name.clone(), u64::from(l.nominations)))
        .collect();
    overview::bar_chart(
        frame,
        wins,
        " Wins ",
        &wins_data,
        Color::Yellow,
        overview::Labels::Shown,
    );
    overview::bar_chart(
        frame,
        nominations,
        " Nominations ",
        &nominations_data,
        Color::Cyan,
        overview::Labels::Beside,
    );
}
