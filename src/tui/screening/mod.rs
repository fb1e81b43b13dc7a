//! Screening on the desk (issue 15 item 7, docs/screening.md): the open round of the selected
//! edition, held in memory as a `RoundTally` (read once when the edition is chosen, updated with each
//! rating saved, never re-read per keystroke), the screener the desk rates as, and the rating form.
//!
//! The rating form takes one key per criterion, like ballot entry: a digit is the score, `+` the top
//! of the scale, `-` "not applicable" (where the form allows it); Backspace takes the last mark back.
//! On a scale with half steps a score is typed as it is written: `7`, `.`, `5` is 7.5 (the point
//! reopens the mark just typed for its tenth; `,` works as the point too).
//! Tab goes to the comment (typed as text) and back. Enter saves through `Desk::rate`, the call
//! `screening rate` makes (on disk at once), and moves on to the screener's next unrated film.

pub(in crate::tui) mod app;
pub(in crate::tui) mod progress;
pub(in crate::tui) mod view;

use crate::desk::screening::{RatingInput, RoundTally};
use crate::desk::{Desk, DeskError};
use crate::domain::{Edition, Form, Id, Marks, RoundState, Tenths, Verdict};

/// The selected edition's open round, as the submissions pane and the rating form see it.
#[derive(Debug, Clone)]
pub struct OpenRound {
    pub edition: Edition,
    pub tally: RoundTally,
    /// Index into `tally.screeners` of the screener the desk rates as.
    pub screener: usize,
}

impl OpenRound {
    /// The edition's open round (the latest one still open), or `None` when it has none.
    pub fn read(desk: &Desk, edition: &Edition) -> Result<Option<OpenRound>, DeskError> {
        let Some(round) = desk
            .screening_rounds(edition.id)?
            .into_iter()
            .filter(|r| r.state == RoundState::Open)
            .max_by_key(|r| r.number)
        else {
            return Ok(None);
        };
        let tally = desk.screening_tally(edition, round.number)?;
        Ok(Some(OpenRound {
            edition: edition.clone(),
            tally,
            screener: 0,
        }))
    }

    /// The screener rating: (id, name).
    pub fn screener(&self) -> Option<&(Id, String)> {
        self.tally.screeners.get(self.screener)
    }

    /// `seen 2/3` for the pane.
    pub fn seen_text(&self, submission: Id) -> String {
        let (rated, assigned) = self.tally.seen(submission);
        if assigned == 0 {
            "—".into()
        } else {
            format!("seen {rated}/{assigned}")
        }
    }

    /// The film's mean score so far, one decimal.
    pub fn score_text(&self, submission: Id) -> String {
        self.tally
            .film_mean(submission)
            .map_or_else(|| "—".into(), |s| format!("{s:.1}"))
    }
}

/// Which part of the form keys go into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Marks,
    Comment,
}

/// One screener's rating of one film, being typed.
#[derive(Debug, Clone, PartialEq)]
pub struct RatingForm {
    pub edition: String,
    pub round: u32,
    pub form: Form,
    pub screener: (Id, String),
    /// The screener's assignments in the round, in id order (for "next unrated").
    pub films: Vec<Id>,
    pub submission: Id,
    pub title: String,
    /// One mark per criterion typed so far: `Some(score)` or `None` for N/A.
    pub marks: Vec<Option<Tenths>>,
    pub verdict: Option<Verdict>,
    /// A point was typed after the last mark: the next digit is its tenth.
    pub point: bool,
    pub comment: String,
    pub field: Field,
    /// What the last key did wrong, or what was saved.
    pub message: Option<String>,
    /// How many ratings were saved in this form (shown after a save).
    pub saved: usize,
}

/// A key the form understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatingKey {
    Digit(u8),
    /// A decimal point after a score (7 . 5 is 7.5).
    Point,
    Top,
    NotApplicable,
    Erase,
    Comment,
    Char(char),
}

impl RatingForm {
    fn criteria_len(&self) -> usize {
        match &self.form {
            Form::Criteria(c) => c.len(),
            Form::Verdicts => 1,
        }
    }

    /// Whether every criterion (or the verdict) has a mark.
    pub fn complete(&self) -> bool {
        match &self.form {
            Form::Criteria(c) => self.marks.len() == c.len(),
            Form::Verdicts => self.verdict.is_some(),
        }
    }

    /// Applies a key to the form.
    pub fn handle(&mut self, key: RatingKey) {
        self.message = None;
        if self.field == Field::Comment {
            match key {
                RatingKey::Comment => self.field = Field::Marks,
                RatingKey::Erase => {
                    self.comment.pop();
                }
                RatingKey::Char(c) => self.comment.push(c),
                RatingKey::Digit(d) => self.comment.push(char::from(b'0' + d)),
                RatingKey::Top => self.comment.push('+'),
                RatingKey::Point => self.comment.push('.'),
                RatingKey::NotApplicable => self.comment.push('-'),
            }
            return;
        }
        let point = std::mem::take(&mut self.point);
        match (&self.form, key) {
            (Form::Criteria(_), RatingKey::Point) => self.open_tenth(),
            (Form::Criteria(_), RatingKey::Digit(d)) if point => self.type_tenth(d),
            (Form::Criteria(_), RatingKey::Erase) if point => {}
            (_, RatingKey::Comment) => self.field = Field::Comment,
            (Form::Verdicts, RatingKey::Erase) => self.verdict = None,
            (Form::Criteria(_), RatingKey::Erase) => {
                self.marks.pop();
            }
            (Form::Verdicts, RatingKey::Char(c)) => match Verdict::parse(&c.to_string()) {
                Some(v) => self.verdict = Some(v),
                None => self.message = Some("y, m or n: yes, maybe or no".into()),
            },
            (Form::Criteria(criteria), key) => {
                let Some(criterion) = criteria.get(self.marks.len()) else {
                    self.message = Some(
                        "every criterion is marked: Enter saves, Backspace takes one back".into(),
                    );
                    return;
                };
                let mark = match key {
                    RatingKey::Digit(d) => Some(Tenths::from(d) * 10),
                    RatingKey::Top => Some(criterion.max),
                    RatingKey::NotApplicable if criterion.allows_na => None,
                    RatingKey::NotApplicable => {
                        self.message = Some(format!("'{}' must be scored", criterion.name));
                        return;
                    }
                    _ => return,
                };
                if let Some(m) = mark
                    && !criterion.accepts(m)
                {
                    self.message = Some(format!(
                        "{} is off '{}': {}",
                        crate::domain::tenths_text(m),
                        criterion.name,
                        criterion.scale_text()
                    ));
                    return;
                }
                self.marks.push(mark);
            }
            (Form::Verdicts, _) => {}
        }
    }

    /// Criterion `i` of a criteria form.
    fn criterion(&self, i: usize) -> Option<crate::domain::Criterion> {
        match &self.form {
            Form::Criteria(c) => c.get(i).cloned(),
            Form::Verdicts => None,
        }
    }

    /// `.` after a whole score: the next digit is its tenth, when the criterion has steps under one.
    fn open_tenth(&mut self) {
        let last = self.marks.len().checked_sub(1);
        let Some((i, Some(mark))) = last.map(|i| (i, self.marks[i])) else {
            self.message = Some("a point follows a score: 7 . 5 is 7.5".into());
            return;
        };
        let Some(criterion) = self.criterion(i) else {
            return;
        };
        if criterion.step.is_multiple_of(10) {
            self.message = Some(format!(
                "'{}' takes whole scores ({})",
                criterion.name,
                criterion.scale_text()
            ));
        } else if !mark.is_multiple_of(10) {
            self.message = Some(format!(
                "{} has its tenth already: Backspace takes it back",
                crate::domain::tenths_text(mark)
            ));
        } else {
            self.point = true;
        }
    }

    /// The digit after a point: the last mark's tenth (7 . 5 is 7.5), if its scale has it.
    fn type_tenth(&mut self, d: u8) {
        let i = self.marks.len().saturating_sub(1);
        let (Some(Some(whole)), Some(criterion)) = (self.marks.get(i).copied(), self.criterion(i))
        else {
            return;
        };
        let mark = whole + Tenths::from(d);
        if criterion.accepts(mark) {
            self.marks[i] = Some(mark);
        } else {
            self.point = true;
            self.message = Some(format!(
                "{} is off '{}': {}",
                crate::domain::tenths_text(mark),
                criterion.name,
                criterion.scale_text()
            ));
        }
    }

    /// The rating as `Desk::rate` takes it, once complete.
    pub fn input(&self) -> Option<RatingInput> {
        let marks = match &self.form {
            Form::Criteria(_) if self.complete() => Marks::Scores(self.marks.clone()),
            Form::Verdicts => Marks::Verdict(self.verdict?),
            Form::Criteria(_) => return None,
        };
        Some(RatingInput {
            marks,
            comment: self.comment.trim().to_string(),
            private_note: String::new(),
            watched: None,
        })
    }

    /// How many marks are still to type (for the prompt).
    pub fn remaining(&self) -> usize {
        self.criteria_len().saturating_sub(self.marks.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Criterion;

    fn form(step: Tenths) -> RatingForm {
        let c = |name: &str| Criterion {
            name: name.into(),
            min: 10,
            max: 100,
            step,
            weight: 1,
            allows_na: false,
        };
        RatingForm {
            edition: "e".into(),
            round: 1,
            form: Form::Criteria(vec![c("Story"), c("Craft")]),
            screener: (1, "A".into()),
            films: vec![1],
            submission: 1,
            title: "F".into(),
            marks: Vec::new(),
            verdict: None,
            point: false,
            comment: String::new(),
            field: Field::Marks,
            message: None,
            saved: 0,
        }
    }

    fn keys(form: &mut RatingForm, typed: &str) {
        for c in typed.chars() {
            form.handle(match c {
                '.' | ',' => RatingKey::Point,
                '+' => RatingKey::Top,
                '\u{8}' => RatingKey::Erase,
                d => RatingKey::Digit(u8::try_from(d.to_digit(10).unwrap()).unwrap()),
            });
        }
    }

    #[test]
    fn a_half_step_is_typed_as_it_is_written() {
        let mut f = form(5);
        keys(&mut f, "7.58");
        assert_eq!(f.marks, vec![Some(75), Some(80)]);
        // A comma is a point too; a whole score needs no point.
        let mut f = form(5);
        keys(&mut f, "6,0+");
        assert_eq!(f.marks, vec![Some(60), Some(100)]);
    }

    #[test]
    fn a_tenth_off_the_scale_or_on_a_whole_scale_is_refused_and_nothing_moves() {
        let mut f = form(5);
        keys(&mut f, "7.3");
        assert_eq!(f.marks, vec![Some(70)]);
        assert!(f.message.as_deref().unwrap().contains("7.3 is off 'Story'"));
        // Still waiting for the tenth: 5 makes it 7.5.
        keys(&mut f, "5");
        assert_eq!(f.marks, vec![Some(75)]);
        // A second point on a mark with its tenth says so.
        keys(&mut f, ".");
        assert!(
            f.message
                .as_deref()
                .unwrap()
                .contains("has its tenth already")
        );
        // Backspace after a point drops the point, not the mark.
        let mut f = form(5);
        keys(&mut f, "7.\u{8}");
        assert_eq!((f.marks.clone(), f.point), (vec![Some(70)], false));
        // A whole-step scale refuses the point.
        let mut f = form(10);
        keys(&mut f, "7.");
        assert!(f.message.as_deref().unwrap().contains("takes whole scores"));
        assert!(!f.point);
        // A point before any score says how it is used.
        let mut f = form(5);
        keys(&mut f, ".");
        assert!(f.message.as_deref().unwrap().contains("7 . 5 is 7.5"));
    }
}
