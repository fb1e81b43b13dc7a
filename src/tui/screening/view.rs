//! Drawing the rating form: the film, each criterion with its scale and the mark typed, the comment.

use ratatui::Frame;
use ratatui::style::{Color, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Field, RatingForm};
use crate::domain::{Form, tenths_text};
use crate::text::for_terminal;
use crate::tui::view::frame_popup;

pub(in crate::tui) fn render(frame: &mut Frame, form: &RatingForm) {
    let title = format!(
        "Rate as {} — round {} of {}",
        form.screener.1, form.round, form.edition
    );
    // A scale with half steps says how a half is typed.
    let halves =
        matches!(&form.form, Form::Criteria(c) if c.iter().any(|c| !c.step.is_multiple_of(10)));
    let footer = if halves {
        " 0-9 score  7.5: 7 . 5  + top  - n/a  Tab comment  Enter save  Esc close "
    } else {
        " 0-9 score  + top  - n/a  Tab comment  Enter save  Esc close "
    };
    let Some(inner) = frame_popup(frame, &title, footer) else {
        return;
    };
    let mut lines = vec![
        Line::from(vec![
            Span::raw("Film: ").bold(),
            Span::raw(format!(
                "{} ({})",
                for_terminal(&form.title),
                form.submission
            )),
        ]),
        Line::from(""),
    ];
    match &form.form {
        Form::Criteria(criteria) => {
            for (i, c) in criteria.iter().enumerate() {
                let pending = form.point && i + 1 == form.marks.len();
                let mark = match form.marks.get(i) {
                    Some(Some(m)) if pending => Span::raw(format!("{}.▏", tenths_text(*m))).bold(),
                    Some(Some(m)) => Span::raw(tenths_text(*m)).bold(),
                    Some(None) => Span::raw("n/a").bold(),
                    None if i == form.marks.len() && form.field == Field::Marks => {
                        Span::raw("▏").fg(Color::Cyan)
                    }
                    None => Span::raw("·"),
                };
                let na = if c.allows_na { ", n/a allowed" } else { "" };
                let about = format!("({}, weight {}{na})", c.scale_text(), c.weight);
                lines.push(Line::from(vec![
                    Span::raw(format!("  {:<12} {about:<32} ", for_terminal(&c.name))),
                    mark,
                ]));
            }
        }
        Form::Verdicts => {
            let verdict = form
                .verdict
                .map_or_else(|| "▏ (y yes, m maybe, n no)".into(), |v| format!("{v:?}"));
            lines.push(Line::from(format!("  Verdict: {verdict}")));
        }
    }
    lines.push(Line::from(""));
    let cursor = if form.field == Field::Comment {
        "▏"
    } else {
        ""
    };
    lines.push(Line::from(vec![
        Span::raw("Comment: ").bold(),
        Span::raw(format!("{}{cursor}", for_terminal(&form.comment))),
    ]));
    lines.push(Line::from(""));
    if let Some(m) = &form.message {
        lines.push(Line::from(for_terminal(m)).fg(Color::Yellow));
    } else if form.complete() {
        lines.push(Line::from(
            "Enter saves (on disk at once) and goes to the next unrated film",
        ));
    }
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
