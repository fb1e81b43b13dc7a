//! The round's progress view (`%`): a bar per screener, rated of assigned, and the overdue count,
//! computed from the tally the desk holds (no read of the store).

use ratatui::Frame;
use ratatui::style::{Color, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::desk::screening::ScreenerProgress;
use crate::text::for_terminal;
use crate::tui::app::{App, Popup};
use crate::tui::view::frame_popup;

/// What the progress view shows: the round's title and each screener's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundProgress {
    pub title: String,
    pub screeners: Vec<ScreenerProgress>,
    /// Films seen by all their screeners, of the films in the round.
    pub complete: usize,
    pub films: usize,
}

impl App {
    /// `%`: the open round's progress, a bar per screener.
    pub(in crate::tui) fn open_screening_progress(&mut self) {
        let Some(round) = self.submissions.round.as_ref() else {
            self.message = Some("no open screening round in this edition".into());
            return;
        };
        let progress = round.tally.progress(chrono::Local::now().date_naive());
        let complete = progress
            .submissions
            .iter()
            .filter(|s| s.assigned > 0 && s.rated == s.assigned)
            .count();
        let shown = RoundProgress {
            title: format!(
                "Progress · round {} \"{}\" of {}",
                round.tally.round.number, round.tally.round.name, round.edition.code
            ),
            films: progress.submissions.len(),
            complete,
            screeners: progress.screeners,
        };
        self.popup = Some(Popup::ScreeningProgress(Box::new(shown)));
    }
}

/// A bar of `width` cells, `done` of `total` filled.
fn bar(done: usize, total: usize, width: usize) -> String {
    let filled = (done * width).checked_div(total).unwrap_or(0);
    format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(width - filled.min(width))
    )
}

pub(in crate::tui) fn render(frame: &mut Frame, progress: &RoundProgress) {
    let Some(inner) = frame_popup(frame, &progress.title, " Esc close ") else {
        return;
    };
    let name_width = progress
        .screeners
        .iter()
        .map(|s| s.name.chars().count())
        .max()
        .unwrap_or(0)
        .min(28);
    let mut lines: Vec<Line> = progress
        .screeners
        .iter()
        .map(|s| {
            let overdue = if s.overdue > 0 {
                Span::raw(format!("  {} overdue", s.overdue)).fg(Color::Red)
            } else {
                Span::raw("")
            };
            Line::from(vec![
                Span::raw(format!(
                    "{:<name_width$}  ",
                    crate::text::fit(&for_terminal(&s.name), name_width)
                )),
                Span::raw(bar(s.rated, s.assigned, 20)).fg(Color::Green),
                Span::raw(format!("  {}/{} rated", s.rated, s.assigned)),
                overdue,
            ])
        })
        .collect();
    lines.push(Line::from(""));
    lines.push(Line::from(format!(
        "films: {} in the round, {} seen by all their screeners",
        progress.films, progress.complete
    )));
    frame.render_widget(Paragraph::new(lines), inner);
}
