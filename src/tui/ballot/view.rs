//! Drawing ballot entry.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{BallotForm, Entry};
use crate::desk::BallotKind;
use crate::text::{fit, for_terminal};
use crate::tui::view::{frame_popup, wrapping_area};

/// How numbers are typed here, for the line under the juror's name.
pub(in crate::tui) fn how(form: &BallotForm) -> &'static str {
    match (form.kind, form.spaced()) {
        (BallotKind::Ranked, false) => {
            "type nominee numbers in order of preference (3 1 4, Space between them optional), or Space on the highlighted one"
        }
        (BallotKind::Ranked, true) => {
            "type nominee numbers in order of preference, separated by Space (12 3 10), or Space on the highlighted one"
        }
        (BallotKind::Rounds, false) => "type the number of the nominee voted for",
        (BallotKind::Rounds, true) => {
            "type the number of the nominee voted for, then Space (or Enter to save)"
        }
        (BallotKind::Scored, _) => "type a score 0–9 for the highlighted nominee (+ for 10)",
    }
}

/// The ranking or the vote as typed: valid numbers plain, invalid ones marked (the reasons follow).
fn entry_line(form: &BallotForm) -> Option<Line<'static>> {
    let title = match form.kind {
        BallotKind::Ranked => "Ranking",
        BallotKind::Rounds => "Vote",
        BallotKind::Scored => return None,
    };
    let mut spans = vec![
        Span::raw(if form.stored {
            format!("{title} (stored): ")
        } else if form.replacing {
            format!("{title} (new: replaces the stored one when saved): ")
        } else {
            format!("{title}: ")
        })
        .bold(),
    ];
    for (i, entry) in form.entries.iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" > "));
        }
        spans.push(match entry {
            Entry::Nominee(n) => Span::raw(form.summary.nominees[*n].number().to_string()).bold(),
            Entry::Invalid { typed, .. } => Span::raw(format!("{typed}✗")).fg(Color::Red).bold(),
        });
    }
    if !form.pending.is_empty() {
        spans.push(Span::raw(format!("  typing {}▏", form.pending)).fg(Color::Cyan));
    }
    if form.stored {
        spans.push(
            Span::raw("  a number typed starts a new ballot that replaces it; Backspace edits it")
                .dim(),
        );
    }
    Some(Line::from(spans))
}

pub fn ballot(frame: &mut Frame, form: &BallotForm) {
    let category = &form.summary.category;
    let title = format!("Ballot · {} · {}", category.name, category.method.name());
    let Some(inner) = frame_popup(
        frame,
        &title,
        " Enter:save  Tab:juror  Backspace:erase  Esc:close ",
    ) else {
        return;
    };
    let [jurors_area, body] =
        Layout::horizontal([Constraint::Length(26), Constraint::Fill(1)]).areas(inner);

    let juror_lines: Vec<Line> = form
        .summary
        .voters
        .iter()
        .enumerate()
        .map(|(i, juror)| {
            let mark = if form.voted.get(i).copied().unwrap_or(false) {
                "✓"
            } else {
                " "
            };
            let line = Line::from(format!(
                "{mark} {}",
                fit(
                    &juror.name,
                    usize::from(jurors_area.width).saturating_sub(3)
                )
            ));
            if i == form.juror {
                line.style(
                    Style::new()
                        .bg(Color::Cyan)
                        .fg(Color::Black)
                        .add_modifier(Modifier::BOLD),
                )
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(
        Paragraph::new(juror_lines).block(Block::bordered().title(" Voters ")),
        jurors_area,
    );

    let mut lines = vec![
        juror_line(form),
        Line::from(how(form)).dim(),
        Line::from(""),
    ];
    lines.extend(entry_lines(form, body.width));
    for (name, why) in &form.not_counted {
        lines.push(
            Line::from(format!(
                "Not voting here: {} ({})",
                for_terminal(name),
                for_terminal(why)
            ))
            .dim(),
        );
    }
    let text_area = wrapping_area(body, &lines);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), text_area);
}

/// Whose ballot this is (and the round being voted).
pub(in crate::tui) fn juror_line(form: &BallotForm) -> Line<'static> {
    Line::from(vec![
        Span::raw("Juror: ").bold(),
        Span::raw(for_terminal(form.juror_name()).into_owned()),
        Span::raw(if form.kind == BallotKind::Rounds {
            format!("   round {}", form.round)
        } else {
            String::new()
        }),
    ])
}

/// The ballot as the juror at the form types it: a row per nominee with its place, score or vote,
/// the ranking or vote as typed, what cannot be saved and why, and the answer to the last key. Shared
/// by ballot entry and the jury room, which shows nothing else of the ballots (issue 16).
pub(in crate::tui) fn entry_lines(form: &BallotForm, area_width: u16) -> Vec<Line<'static>> {
    let width = usize::from(area_width).saturating_sub(14);
    let mut lines = Vec::new();
    let ranking = form.ranking();
    for (i, nominee) in form.summary.nominees.iter().enumerate() {
        let state = match form.kind {
            BallotKind::Ranked => ranking
                .iter()
                .position(|&r| r == i)
                .map(|p| format!("#{}", p + 1))
                .unwrap_or_default(),
            BallotKind::Scored => form.scores[i].map_or_else(|| "–".into(), |s| s.to_string()),
            BallotKind::Rounds => {
                if form.vote() == Some(i) {
                    "vote".into()
                } else {
                    String::new()
                }
            }
        };
        let line = Line::from(vec![
            Span::raw(format!("{:>3} ", nominee.number())).fg(Color::Cyan),
            Span::raw(format!("{:<width$}", fit(&nominee.label, width))),
            Span::raw(format!(" {state:>6}")).bold(),
        ]);
        lines.push(if i == form.cursor {
            line.add_modifier(Modifier::REVERSED)
        } else {
            line
        });
    }
    lines.push(Line::from(""));
    if let Some(line) = entry_line(form) {
        lines.push(line);
    }
    for entry in &form.entries {
        if let Entry::Invalid { typed, why } = entry {
            lines.push(Line::from(format!("  {typed}✗ {}", for_terminal(why))).fg(Color::Red));
        }
    }
    // The answer to the last key before the notes, so that a small screen keeps it.
    if let Some(message) = &form.message {
        lines.push(Line::from(for_terminal(message).into_owned()).fg(Color::Yellow));
    }
    lines
}
