//! The juror's record (README.md#the-desk "Jury and conflicts"): role, absence, probable conflicts
//! still open (marked ⚠, with where the name appears), recusals, conflicts cleared, and each
//! category's ballot: entered, missing, or left out of the count and why. The keys that settle a
//! conflict head it.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::style::{Color, Modifier, Stylize};
use ratatui::text::{Line, Span};

use crate::desk::{BallotState, JurorRecord};
use crate::text::for_terminal;
use crate::tui::keymap::Keymap;
use crate::tui::view::popups::{heading, show};

pub fn record(
    frame: &mut Frame,
    record: &JurorRecord,
    scroll: usize,
    limit: &Cell<usize>,
    keymap: &Keymap,
) {
    let juror = &record.juror;
    let text = |s: &str| for_terminal(s).into_owned();
    let mut lines: Vec<Line<'static>> = vec![
        Line::from(format!(
            "{}: recuse from a film  ·  {}: no conflict (with a reason)",
            keymap.first_key_label("recuse"),
            keymap.first_key_label("clear-conflict")
        ))
        .dim(),
        Line::from(""),
        heading(&crate::domain::names::with_original(
            &juror.name,
            &juror.original_name,
        )),
        Line::from(vec![
            Span::raw(format!("{:<13}", "Role")).add_modifier(Modifier::BOLD),
            Span::raw(juror.role.as_str()),
        ]),
    ];
    if let Some(absence) = &juror.absence {
        lines.push(Line::from(vec![
            Span::raw(format!("{:<13}", "Absent")).add_modifier(Modifier::BOLD),
            Span::raw(text(&absence.reason)),
        ]));
    }
    if juror.pin.is_some() {
        // That one is set, never what it is (only its salted hash is kept).
        lines.push(Line::from(vec![
            Span::raw(format!("{:<13}", "Jury room")).add_modifier(Modifier::BOLD),
            Span::raw("asks for a PIN (set; `jurydesk juror pin` changes or removes it)"),
        ]));
    }
    if !juror.notes.trim().is_empty() {
        lines.push(Line::from(vec![
            Span::raw(format!("{:<13}", "Notes")).add_modifier(Modifier::BOLD),
            Span::raw(text(&juror.notes.replace(['\n', '\r'], " "))),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(heading("Probable conflicts"));
    if record.open_conflicts.is_empty() {
        lines.push(Line::from("none open").dim());
    }
    for conflict in &record.open_conflicts {
        lines.push(Line::from(vec![
            Span::raw("⚠ ").fg(Color::Yellow).bold(),
            Span::raw(format!(
                "{} (submission {}): credited as {} — recuse, or record that it is none",
                text(&conflict.title),
                conflict.submission_id,
                conflict.credit
            )),
        ]));
    }
    for (title, notes, none) in [
        ("Recusals", &record.recusals, "none"),
        ("Cleared: no conflict", &record.cleared, "none"),
    ] {
        lines.push(Line::from(""));
        lines.push(heading(title));
        if notes.is_empty() {
            lines.push(Line::from(none).dim());
        }
        for note in notes {
            lines.push(Line::from(format!(
                "{} (submission {}): {}",
                text(&note.title),
                note.submission_id,
                text(&note.reason)
            )));
        }
    }
    lines.push(Line::from(""));
    lines.push(heading("Ballots"));
    if record.ballots.is_empty() {
        lines.push(Line::from("no category yet").dim());
    }
    for (category, state) in &record.ballots {
        let colour = match state {
            BallotState::Entered => Color::Green,
            BallotState::Missing => Color::Yellow,
            BallotState::Excluded { .. } => Color::DarkGray,
        };
        lines.push(Line::from(vec![
            Span::raw(format!("{}: ", text(category))),
            Span::raw(text(&state.describe())).fg(colour),
        ]));
    }
    let title = format!("Juror · {} · {}", juror.name, record.edition.code);
    show(frame, &title, lines, scroll, limit);
}
