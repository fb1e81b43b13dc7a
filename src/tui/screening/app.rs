//! How the desk opens the rating form, switches the screener and passes the form its keys. The form
//! reads every key itself (its comment takes any text), through the keymap's rating context.

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::{Field, OpenRound, RatingForm, RatingKey};
use crate::desk::DeskError;
use crate::domain::RoundState;
use crate::tui::actions::{Action, Context};
use crate::tui::app::{App, Popup};

impl App {
    /// Reads the selected edition's open round for the submissions pane (once per edition chosen).
    pub(in crate::tui) fn load_open_round(&mut self) -> Result<(), DeskError> {
        let keep = self.submissions.round.as_ref().map(|r| r.screener);
        self.submissions.round = match self.selected_edition() {
            Some(view) => OpenRound::read(&self.desk, &view.edition.clone())?,
            None => None,
        };
        if let (Some(round), Some(keep)) = (&mut self.submissions.round, keep)
            && keep < round.tally.screeners.len()
        {
            round.screener = keep;
        }
        Ok(())
    }

    /// The open round, or `None` with the reason on the status line.
    fn open_round_or_say(&mut self) -> Option<&mut OpenRound> {
        if self.submissions.round.is_none() {
            self.message = Some(self.no_open_round());
        }
        self.submissions.round.as_mut()
    }

    /// Why there is no round to rate or rank, and what to do: the edition's last round may just
    /// have been closed (then `u` or `screening reopen` brings it back), or there is none yet.
    pub(in crate::tui) fn no_open_round(&self) -> String {
        let last = self.selected_edition().and_then(|view| {
            let rounds = self.desk.screening_rounds(view.edition.id).ok()?;
            let last = rounds.into_iter().max_by_key(|r| r.number)?;
            Some((view.edition.code.clone(), last))
        });
        match last {
            Some((code, round)) if round.state == RoundState::Closed => format!(
                "round {n} of {code} is closed: u undoes a close just made, `jurydesk screening \
                 reopen --edition {code} --round {n} --reason …` opens it again, `jurydesk \
                 screening round add` adds the next",
                n = round.number
            ),
            _ => "no open screening round in this edition (add one with `jurydesk screening round \
                  add`)"
                .into(),
        }
    }

    /// `w`: the next screener of the round rates.
    pub(in crate::tui) fn switch_screener(&mut self) {
        let Some(round) = self.open_round_or_say() else {
            return;
        };
        if round.tally.screeners.is_empty() {
            self.message = Some("the round has no screener yet".into());
            return;
        }
        round.screener = (round.screener + 1) % round.tally.screeners.len();
        let name = round.screener().map(|s| s.1.clone()).unwrap_or_default();
        self.message = Some(format!("rating as {name}"));
    }

    /// `r`: rate the selected submission as the chosen screener.
    pub(in crate::tui) fn open_rating(&mut self) -> Result<(), DeskError> {
        let selected = self
            .submissions
            .get(self.submissions_pos.selected)
            .map(|s| (s.id(), s.title().to_string()));
        let rate_key = self.keymap.first_key_label("rate");
        if self.open_round_or_say().is_none() {
            return Ok(());
        }
        let Some(round) = self.submissions.round.as_ref() else {
            return Ok(());
        };
        let Some((submission, title)) = selected else {
            self.message = Some(format!(
                "choose a submission in the submissions pane (2), then {rate_key}"
            ));
            return Ok(());
        };
        let Some(screener) = round.screener().cloned() else {
            self.message = Some("the round has no screener yet".into());
            return Ok(());
        };
        let films = self
            .desk
            .assignments_of(round.tally.round.id, screener.0)?
            .map(|a| a.submission_ids)
            .unwrap_or_default();
        if films.binary_search(&submission).is_err() {
            self.message = Some(format!(
                "'{title}' is not assigned to {} in round {} (w switches the screener)",
                screener.1, round.tally.round.number
            ));
            return Ok(());
        }
        let form = RatingForm {
            edition: round.edition.code.clone(),
            round: round.tally.round.number,
            form: round.tally.round.form.clone(),
            screener,
            films,
            submission,
            title,
            marks: Vec::new(),
            verdict: None,
            point: false,
            comment: String::new(),
            field: Field::Marks,
            message: None,
            saved: 0,
        };
        self.popup = Some(Popup::Rating(Box::new(form)));
        Ok(())
    }

    /// A key while the rating form is open.
    /// A Persian or Arabic-Indic digit is a score like its ASCII one, but the comment keeps the text
    /// as typed: only the marks read the digit's value.
    pub(in crate::tui) fn rating_key(&mut self, key: KeyEvent) {
        let as_ascii = crate::tui::keymap::with_ascii_digits(key);
        let action = self.keymap.action_for(as_ascii, Context::Rating);
        let Some(Popup::Rating(form)) = &mut self.popup else {
            return;
        };
        let typing = form.field == Field::Comment;
        let key = match (action, key.code) {
            (Some(Action::Quit), _) => {
                self.quit = true;
                return;
            }
            (Some(Action::Back), _) => {
                self.popup = None;
                return;
            }
            (Some(Action::Save), _) => {
                self.save_rating();
                return;
            }
            (Some(Action::RatingComment), _) => RatingKey::Comment,
            (Some(Action::Erase), _) => RatingKey::Erase,
            (_, KeyCode::Char(c)) if typing => RatingKey::Char(c),
            (Some(Action::Digit), KeyCode::Char(c)) => match crate::text::digits::digit_value(c) {
                Some(d) => RatingKey::Digit(d),
                None => return,
            },
            (Some(Action::DecimalPoint), _) => RatingKey::Point,
            (Some(Action::ScoreTen), _) => RatingKey::Top,
            (Some(Action::NotApplicable), _) => RatingKey::NotApplicable,
            (_, KeyCode::Char(c)) => RatingKey::Char(c),
            _ => return,
        };
        form.handle(key);
    }

    /// Enter: saves the rating through `Desk::rate` (as `screening rate` does), takes it into the
    /// round's tally, and goes on to the screener's next unrated film.
    fn save_rating(&mut self) {
        let Some(Popup::Rating(form)) = &mut self.popup else {
            return;
        };
        let Some(input) = form.input() else {
            form.message = Some(format!(
                "{} mark(s) still to give before Enter saves",
                form.remaining()
            ));
            return;
        };
        let saved = self.desk.rate(
            &form.edition,
            form.round,
            &form.screener.0.to_string(),
            &form.submission.to_string(),
            &input,
        );
        let rating = match saved {
            Ok(r) => r,
            Err(e) => {
                form.message = Some(e.desk_text());
                return;
            }
        };
        let Some(round) = self.submissions.round.as_mut() else {
            return;
        };
        round.tally.record(&rating);
        let done = form.title.clone();
        let screener = form.screener.0;
        // The next unrated film after this one, wrapping round the list.
        let at = form.films.partition_point(|&f| f <= form.submission);
        let next = form.films[at..]
            .iter()
            .chain(&form.films[..at])
            .copied()
            .find(|&f| !round.tally.has_rated(f, screener));
        let Some(next) = next else {
            self.popup = None;
            self.message = Some(format!(
                "saved the rating of '{done}': {} has rated every film assigned",
                form_name(&round.tally.screeners, screener)
            ));
            return;
        };
        form.saved += 1;
        form.submission = next;
        form.title = round
            .tally
            .title(next)
            .map_or_else(|| next.to_string(), str::to_string);
        form.marks.clear();
        form.verdict = None;
        form.point = false;
        form.comment.clear();
        form.field = Field::Marks;
        form.message = Some(format!("saved the rating of '{done}'"));
        // The pane follows when the next film is on view.
        if let Some(i) = (0..self.submissions.len())
            .find(|&i| self.submissions.get(i).is_some_and(|s| s.id() == next))
        {
            self.submissions_pos.selected = i;
        }
    }
}

fn form_name(screeners: &[(crate::domain::Id, String)], id: crate::domain::Id) -> String {
    screeners
        .iter()
        .find(|s| s.0 == id)
        .map(|s| s.1.clone())
        .unwrap_or_default()
}
