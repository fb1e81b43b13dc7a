//! The invariants of screening records (docs/screening.md, docs/architecture.md#integrity): a
//! round, its screeners, their assignments and ratings refer to records that exist, in the same
//! edition; a rating is for a film assigned to its screener, and its marks fit the round's form.

use std::collections::{HashMap, HashSet};

use super::{Checker, Target, line};
use crate::domain::{Assignments, Form, Id, Rating, Screener, ScreeningRound};

/// What the screening checks keep of the records seen so far, and what they settle at the end.
#[derive(Debug, Default)]
pub(super) struct Screening {
    /// Round → (its edition, its form, its submissions).
    rounds: HashMap<Id, (Id, Form, HashSet<Id>)>,
    /// Screener → their edition.
    screeners: HashMap<Id, Id>,
    /// (round, screener, submission) of every assignment.
    assigned: HashSet<(Id, Id, Id)>,
    pending: Vec<Pending>,
}

#[derive(Debug)]
enum Pending {
    Assignments(Assignments),
    Rating(Rating),
}

impl Checker {
    pub fn screening_round(&mut self, r: &ScreeningRound) {
        let owner = format!("screening round {}", r.id);
        self.exists(&owner, Target::Edition, r.edition_id);
        self.said(line(&owner, "name", &r.name));
        if r.coverage == 0 {
            self.said(Some(format!("{owner} asks for 0 screeners per film")));
        }
        if let Form::Criteria(criteria) = &r.form {
            if criteria.is_empty() {
                self.said(Some(format!(
                    "{owner} has a criteria form with no criterion"
                )));
            }
            for c in criteria {
                if c.min >= c.max || c.step == 0 || c.weight == 0 {
                    self.said(Some(format!(
                        "{owner}: criterion '{}' has an empty scale, a zero step or a zero weight",
                        c.name
                    )));
                }
            }
        }
        for &s in &r.submission_ids {
            self.exists(&owner, Target::Submission, s);
        }
        self.screening.rounds.insert(
            r.id,
            (
                r.edition_id,
                r.form.clone(),
                r.submission_ids.iter().copied().collect(),
            ),
        );
    }

    pub fn screener(&mut self, s: &Screener) {
        let owner = format!("screener {}", s.id);
        self.exists(&owner, Target::Edition, s.edition_id);
        self.said(line(&owner, "name", &s.name));
        for recusal in &s.recusals {
            self.exists(&owner, Target::Submission, recusal.submission_id);
            self.said(line(&owner, "recusal reason", &recusal.reason));
        }
        self.screening.screeners.insert(s.id, s.edition_id);
    }

    pub fn assignments(&mut self, a: &Assignments) {
        for &s in &a.submission_ids {
            self.screening
                .assigned
                .insert((a.round_id, a.screener_id, s));
        }
        self.screening.pending.push(Pending::Assignments(a.clone()));
    }

    pub fn rating(&mut self, r: &Rating) {
        let owner = format!("rating {}", r.id);
        self.exists(&owner, Target::Submission, r.submission_id);
        self.said(super::text(&owner, "comment", &r.comment));
        self.said(super::text(&owner, "private note", &r.private_note));
        self.screening.pending.push(Pending::Rating(r.clone()));
    }

    /// The screening problems that need every record: settled at `finish`.
    pub(super) fn screening_problems(&self) -> Vec<String> {
        let s = &self.screening;
        let mut p = Vec::new();
        let round_and_screener = |p: &mut Vec<String>, owner: &str, round: Id, screener: Id| {
            let Some((edition, form, scope)) = s.rounds.get(&round) else {
                p.push(format!(
                    "{owner} refers to screening round {round}, which does not exist"
                ));
                return None;
            };
            match s.screeners.get(&screener) {
                None => p.push(format!(
                    "{owner} refers to screener {screener}, which does not exist"
                )),
                Some(e) if e != edition => p.push(format!(
                    "{owner}: screener {screener} does not sit on round {round}'s edition"
                )),
                Some(_) => {}
            }
            Some((form, scope))
        };
        for pending in &s.pending {
            match pending {
                Pending::Assignments(a) => {
                    let owner = format!("assignments {}", a.id);
                    if let Some((_, scope)) =
                        round_and_screener(&mut p, &owner, a.round_id, a.screener_id)
                        && let Some(out) = a.submission_ids.iter().find(|id| !scope.contains(id))
                    {
                        p.push(format!(
                            "{owner} assigns submission {out}, which is not in round {}'s scope",
                            a.round_id
                        ));
                    }
                    if let Some(twice) = super::repeated(&a.submission_ids) {
                        p.push(format!("{owner} assigns submission {twice} twice"));
                    }
                }
                Pending::Rating(r) => {
                    let owner = format!("rating {}", r.id);
                    let Some((form, _)) =
                        round_and_screener(&mut p, &owner, r.round_id, r.screener_id)
                    else {
                        continue;
                    };
                    if !s
                        .assigned
                        .contains(&(r.round_id, r.screener_id, r.submission_id))
                    {
                        p.push(format!(
                            "{owner}: submission {} is not assigned to screener {} in round {}",
                            r.submission_id, r.screener_id, r.round_id
                        ));
                    }
                    if let Err(e) = crate::desk::screening::marks_fit(form, &r.marks) {
                        p.push(format!("{owner}: {e}"));
                    }
                }
            }
        }
        p
    }
}
