//! Drawing the jury room: the whole screen, so that nothing of the desk beneath (ballots entered,
//! results, the status line) shows around it. Between turns it holds a single sentence; during a
//! turn, the juror's own PIN dots or their own ballot as they type it, and nothing else.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Color, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{JuryRoom, PIN_TRIES, Stage};
use crate::desk::BallotKind;
use crate::tui::ballot::view::{entry_lines, how, juror_line};
use crate::tui::keymap::Keymap;
use crate::tui::view::wrapping_area;

pub fn render(frame: &mut Frame, room: &JuryRoom, keymap: &Keymap) {
    let area = frame.area();
    frame.render_widget(Clear, area);
    let category = &room.form.summary.category;
    let title = format!(
        " Jury room · {} · {} ",
        crate::text::for_terminal(&category.name),
        category.method.name()
    );
    let key = |name: &str| keymap.first_key_label(name);
    let footer = match &room.stage {
        Stage::Pass { .. } => format!(
            " {}:start the turn  {}:another juror  {}:leave ",
            key("jury-room-go-on"),
            key("jury-room-skip"),
            key("jury-room-back")
        ),
        Stage::Pin { .. } => format!(
            " {}:go on  {}:erase  {}:back ",
            key("jury-room-go-on"),
            key("jury-room-erase"),
            key("jury-room-back")
        ),
        Stage::Ballot => format!(
            " {}:save  {}:erase  {}:drop it ",
            key("jury-room-go-on"),
            key("jury-room-erase"),
            key("jury-room-back")
        ),
        Stage::AllVoted { .. } => format!(
            " {}:leave  {}:round again ",
            key("jury-room-go-on"),
            key("jury-room-skip")
        ),
        Stage::Leave { .. } => format!(
            " {}/{}:leave  {}/{}:stay ",
            key("jury-room-leave"),
            key("jury-room-go-on"),
            key("jury-room-stay"),
            key("jury-room-back")
        ),
    };
    let block = Block::bordered()
        .border_style(Style::new().fg(Color::Yellow))
        .title(Line::from(title).bold())
        .title_bottom(Line::from(footer).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.is_empty() {
        return;
    }
    match &room.stage {
        Stage::Ballot => ballot(frame, room, inner),
        stage => centred(frame, inner, sentences(room, stage, keymap)),
    }
}

/// What a screen between turns says.
fn sentences(room: &JuryRoom, stage: &Stage, keymap: &Keymap) -> Vec<Line<'static>> {
    let key = |name: &str| keymap.first_key_label(name);
    let name = |juror: usize| crate::text::for_terminal(room.voter_name(juror)).into_owned();
    let mut lines = Vec::new();
    match stage {
        Stage::Pass { juror, saved } => {
            saved_line(&mut lines, saved.as_deref());
            lines.push(Line::from(format!("Pass the keyboard to {}.", name(*juror))).bold());
            lines.push(Line::from(""));
            if room.has_voted(*juror) {
                lines.push(Line::from(format!(
                    "{} has voted already. {}: vote again — the new ballot replaces the earlier one when saved (which is not shown). {}: skip.",
                    name(*juror),
                    key("jury-room-go-on"),
                    key("jury-room-skip")
                )));
            } else {
                lines.push(Line::from(format!(
                    "{}: press {} to start your turn.",
                    name(*juror),
                    key("jury-room-go-on")
                )));
            }
            if let Some(notice) = &room.notice {
                lines.push(Line::from(""));
                lines.push(
                    Line::from(crate::text::for_terminal(notice).into_owned()).fg(Color::Yellow),
                );
            }
        }
        Stage::Pin {
            juror,
            typed,
            failures,
        } => {
            lines.push(Line::from(format!("{}, type your PIN.", name(*juror))).bold());
            lines.push(Line::from(""));
            lines.push(Line::from(format!("PIN: {}▏", "●".repeat(typed.len()))));
            if *failures > 0 {
                lines.push(Line::from(""));
                lines.push(
                    Line::from(format!(
                        "Wrong PIN: {} {} left.",
                        PIN_TRIES - failures,
                        if PIN_TRIES - failures == 1 {
                            "try"
                        } else {
                            "tries"
                        }
                    ))
                    .fg(Color::Red),
                );
            }
        }
        Stage::AllVoted {
            round,
            next_round,
            saved,
        } => {
            saved_line(&mut lines, saved.as_deref());
            lines.push(
                Line::from(match round {
                    Some(round) => format!("Every juror has voted in round {round}."),
                    None => "Every juror has voted.".to_string(),
                })
                .bold(),
            );
            lines.push(Line::from(""));
            lines.push(Line::from(format!(
                "{}: leave the jury room (asks first: the count will be shown).",
                key("jury-room-go-on")
            )));
            lines.push(Line::from(if *next_round {
                format!(
                    "{}: go on to the next round without showing the count.",
                    key("jury-room-skip")
                )
            } else {
                format!(
                    "{}: round the table again (a juror may vote again; their new ballot replaces the earlier one).",
                    key("jury-room-skip")
                )
            }));
        }
        Stage::Leave { .. } => {
            lines.push(Line::from("Leave the jury room? The count will be shown.").bold());
            lines.push(Line::from(""));
            lines.push(Line::from(format!(
                "{}: leave   {}: stay",
                key("jury-room-leave"),
                key("jury-room-stay")
            )));
        }
        Stage::Ballot => {}
    }
    lines
}

/// "Saved — <name>'s ballot is on disk.", after a save.
fn saved_line(lines: &mut Vec<Line<'static>>, saved: Option<&str>) {
    if let Some(saved) = saved {
        lines.push(
            Line::from(format!(
                "Saved — {}'s ballot is on disk.",
                crate::text::for_terminal(saved)
            ))
            .fg(Color::Green),
        );
        lines.push(Line::from(""));
    }
}

/// Sentences in the middle of the screen.
fn centred(frame: &mut Frame, inner: Rect, lines: Vec<Line<'static>>) {
    let width = inner.width.saturating_sub(4).max(1);
    let height = lines
        .iter()
        .map(|l| {
            let w = u16::try_from(l.width()).unwrap_or(u16::MAX);
            w.div_ceil(width).max(1)
        })
        .sum::<u16>();
    let top = inner.height.saturating_sub(height) / 2;
    let area = Rect {
        x: inner.x + 2.min(inner.width),
        y: inner.y + top,
        width,
        height: inner.height - top,
    }
    .intersection(inner);
    let area = wrapping_area(area, &lines);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

/// The juror's own ballot, as in ballot entry but without the jury's list or anyone else's state.
fn ballot(frame: &mut Frame, room: &JuryRoom, inner: Rect) {
    let form = &room.form;
    let mut lines = vec![juror_line(form), Line::from(how(form)).dim()];
    if form.replacing {
        lines.push(
            Line::from(match form.kind {
                BallotKind::Rounds => {
                    "You have voted in this round already: this vote replaces your earlier one when saved."
                }
                _ => "You have voted already: this ballot replaces your earlier one when saved.",
            })
            .fg(Color::Yellow),
        );
    }
    lines.push(Line::from(""));
    lines.extend(entry_lines(form, inner.width));
    let area = wrapping_area(inner, &lines);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), area);
}
