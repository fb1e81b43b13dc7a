//! Deciding an award from the count (docs/counting.md#deciding-an-award): nothing is recorded by a
//! single key press.
//!
//! `a` (the award as counted), `c` (the president's casting vote: then the nominee's number) and `r`
//! (a draw: its seed is shown first, and one announced in the room can be typed over it) each end in
//! a question that names the winner(s), the method and what settled any tie; Enter or `y` records,
//! Esc or `n` leaves it. A casting vote or a draw is offered only while a tie stands: when the
//! category's own tie-break settled it, the view says so instead. Whatever the desk refuses
//! (`record_award`) is shown in the question.

use super::{TallyKey, TallyView};
use crate::desk::{AwardChoice, Desk, DeskError};
use crate::domain::JurorRole;
use crate::tally::tie_break_label;
use crate::tui::keymap::Keymap;

/// The longest seed a draw takes (u64 has 20 digits; 19 always fit).
const SEED_DIGITS: usize = 19;

/// An award on its way to being recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Deciding {
    /// The number of the nominee the president chooses among the tied, being typed.
    Casting { president: String, typed: String },
    /// The draw's seed: offered at random, replaced by the first digit typed.
    Seed { seed: String, offered: bool },
    /// The question before recording.
    Confirm(Question),
}

/// What the secretary is asked before an award is recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub choice: AwardChoice,
    pub title: String,
    pub lines: Vec<String>,
    /// Why the desk refused to record it, after Enter.
    pub error: Option<String>,
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => "no one".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

impl TallyView {
    /// Handles a key of the count or of an award being decided. Never records without a question.
    pub fn handle(&mut self, desk: &Desk, key: TallyKey, keys: &Keymap) {
        self.message = None;
        let state = self.deciding.take();
        let result = match (state, key) {
            (None, TallyKey::Award) => self.ask_award(keys),
            (None, TallyKey::Casting) => self.start_casting(desk, keys),
            (None, TallyKey::Draw) => self.start_draw(keys),
            (None, _) => Ok(()),
            (Some(_), TallyKey::Cancel) => {
                self.message = Some("nothing recorded".into());
                Ok(())
            }
            (Some(Deciding::Casting { president, typed }), key) => {
                self.type_casting(president, typed, key)
            }
            (Some(Deciding::Seed { seed, offered }), key) => self.type_seed(seed, offered, key),
            (Some(Deciding::Confirm(question)), TallyKey::Confirm) => {
                self.record(desk, question);
                Ok(())
            }
            (Some(state), _) => {
                self.deciding = Some(state);
                Ok(())
            }
        };
        if let Err(e) = result {
            self.message = Some(e.desk_text());
        }
    }

    fn labels(&self, indices: &[usize]) -> Vec<String> {
        indices
            .iter()
            .filter_map(|&i| self.count.labels.get(i).cloned())
            .collect()
    }

    /// The tied nominees while a tie stands (more than one winner), else `None`.
    fn standing_tie(&self) -> Option<Vec<usize>> {
        let o = &self.count.outcome;
        (o.decided && o.winners.len() > 1).then(|| o.winners.clone())
    }

    /// Why there is nothing for a casting vote or a draw to settle.
    fn no_standing_tie(&self, keys: &Keymap) -> String {
        let o = &self.count.outcome;
        let award = keys.first_key_label("record-award");
        if !o.decided || o.winners.is_empty() {
            return format!(
                "nothing to settle: '{}' has no result yet ({}); nothing recorded",
                self.summary.category.name,
                o.notes.last().map_or("no ballots", String::as_str)
            );
        }
        let winner = and_list(&self.labels(&o.winners));
        match o.tie_breaks_applied.last().filter(|_| o.tie) {
            Some(settled) => format!(
                "no tie stands: the category's own tie-break ({}) already settled the tie between {} for {winner}; nothing recorded ({award}: record the award as counted)",
                tie_break_label(settled.rule),
                and_list(&self.labels(&o.tie_breaks_applied[0].among)),
            ),
            None => format!(
                "no tie to settle: {winner} wins the count outright; nothing recorded ({award}: record the award)"
            ),
        }
    }

    /// Lines every question ends with: a provisional count (which no award follows from) and an
    /// award this one replaces, so the secretary reads them before pressing Enter.
    fn closing_lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        let provisional = self.count.provisional_lines();
        if !provisional.is_empty() {
            lines.push(format!(
                "No award follows from a provisional count ({}): enter the missing ballots first.",
                provisional.join("; ")
            ));
        }
        let recorded = self.recorded_winners();
        if !recorded.is_empty() {
            lines.push(format!(
                "This replaces the award recorded for {}.",
                and_list(&recorded)
            ));
        }
        lines
    }

    fn method_line(&self) -> String {
        format!(
            "Method: {}, {} ballot(s) of {} juror(s) who may vote",
            self.count.method.name(),
            self.count.outcome.ballots_used,
            self.count.eligible
        )
    }

    fn ask_award(&mut self, keys: &Keymap) -> Result<(), DeskError> {
        let o = &self.count.outcome;
        let category = &self.summary.category;
        if !o.decided || o.winners.is_empty() {
            self.message = Some(format!(
                "nothing to record: '{}' is not decided yet ({})",
                category.name,
                o.notes.last().map_or("no ballots", String::as_str)
            ));
            return Ok(());
        }
        let winners = self.labels(&o.winners);
        if winners.len() > 1 && !category.ex_aequo_allowed {
            self.message = Some(format!(
                "the tie between {} stands and '{}' is not shared: settle it with {} (the president's casting vote), {} (a draw) or {} (a re-vote); nothing recorded",
                and_list(&winners),
                category.name,
                keys.first_key_label("casting-vote"),
                keys.first_key_label("draw"),
                keys.first_key_label("revote"),
            ));
            return Ok(());
        }
        let mut lines = vec![if winners.len() > 1 {
            format!("Winners, sharing the prize: {}", and_list(&winners))
        } else {
            format!("Winner: {}", winners[0])
        }];
        lines.push(self.method_line());
        lines.push(if winners.len() > 1 {
            format!(
                "Tie: {} stay tied after the category's tie-breaks; the prize may be shared here.",
                and_list(&winners)
            )
        } else if let Some(last) = o.tie_breaks_applied.last().filter(|_| o.tie) {
            format!(
                "Tie: {} were tied; settled by {}: {}",
                and_list(&self.labels(&o.tie_breaks_applied[0].among)),
                tie_break_label(last.rule),
                last.detail
            )
        } else {
            "Tie: none.".to_string()
        });
        lines.extend(self.closing_lines());
        self.deciding = Some(Deciding::Confirm(Question {
            choice: AwardChoice::FromCount,
            title: format!("Record the award · {}", category.name),
            lines,
            error: None,
        }));
        Ok(())
    }

    fn start_casting(&mut self, desk: &Desk, keys: &Keymap) -> Result<(), DeskError> {
        if self.standing_tie().is_none() {
            self.message = Some(self.no_standing_tie(keys));
            return Ok(());
        }
        let Some(president) = desk
            .jurors(self.edition.id)?
            .into_iter()
            .find(|j| j.role == JurorRole::President)
        else {
            self.message = Some(format!(
                "{} has no jury president to cast a vote: seat one (or settle the tie by {} or {}); nothing recorded",
                self.edition.code,
                keys.first_key_label("draw"),
                keys.first_key_label("revote"),
            ));
            return Ok(());
        };
        self.deciding = Some(Deciding::Casting {
            president: president.name,
            typed: String::new(),
        });
        Ok(())
    }

    /// The tied nominees with their numbers, as the casting-vote prompt lists them.
    pub fn tied_choices(&self) -> Vec<(u32, String)> {
        self.standing_tie()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|i| {
                let nominee = self.count.nominees.get(i)?;
                Some((nominee.number(), nominee.label.clone()))
            })
            .collect()
    }

    fn type_casting(
        &mut self,
        president: String,
        mut typed: String,
        key: TallyKey,
    ) -> Result<(), DeskError> {
        match key {
            TallyKey::Digit(d) if typed.len() < 6 => typed.push(char::from(b'0' + d)),
            TallyKey::Erase => {
                typed.pop();
            }
            TallyKey::Confirm => {}
            _ => {
                self.deciding = Some(Deciding::Casting { president, typed });
                return Ok(());
            }
        }
        // With fewer than ten nominees one digit is the whole number.
        let single = self.count.nominees.iter().all(|n| n.number() < 10);
        let done = key == TallyKey::Confirm || (single && matches!(key, TallyKey::Digit(_)));
        if !done || typed.is_empty() {
            self.deciding = Some(Deciding::Casting { president, typed });
            return Ok(());
        }
        let choices = self.tied_choices();
        let listed = choices
            .iter()
            .map(|(n, label)| format!("{n} {label}"))
            .collect::<Vec<_>>()
            .join(", ");
        let number: Option<u32> = crate::text::digits::parse_number(&typed).ok();
        let Some((_, label)) = choices.iter().find(|(n, _)| Some(*n) == number) else {
            let known = self
                .count
                .nominees
                .iter()
                .find(|n| Some(n.number()) == number);
            self.message = Some(match known {
                Some(n) => format!("{} is not among the tied: choose {listed}", n.label),
                None => format!("there is no nominee {typed} here: choose {listed}"),
            });
            self.deciding = Some(Deciding::Casting {
                president,
                typed: String::new(),
            });
            return Ok(());
        };
        let tied: Vec<String> = choices.iter().map(|(_, l)| l.clone()).collect();
        let mut lines = vec![
            format!("Winner: {label}"),
            format!("Decided by: the casting vote of {president}, president of the jury"),
            self.method_line(),
            format!(
                "Tie: {} are tied, and the category's own tie-breaks left the tie standing.",
                and_list(&tied)
            ),
        ];
        lines.extend(self.closing_lines());
        self.deciding = Some(Deciding::Confirm(Question {
            choice: AwardChoice::CastingVote(typed),
            title: format!("Casting vote · {}", self.summary.category.name),
            lines,
            error: None,
        }));
        Ok(())
    }

    fn start_draw(&mut self, keys: &Keymap) -> Result<(), DeskError> {
        // A draw also settles an irv elimination tie (it eliminates by lot and the count goes on).
        if self.standing_tie().is_none() && self.count.outcome.elimination_tie.is_none() {
            self.message = Some(self.no_standing_tie(keys));
            return Ok(());
        }
        // Six digits: short enough to read out and note down.
        let seed = rand::random_range(100_000..1_000_000u64);
        self.deciding = Some(Deciding::Seed {
            seed: seed.to_string(),
            offered: true,
        });
        Ok(())
    }

    fn type_seed(
        &mut self,
        mut seed: String,
        offered: bool,
        key: TallyKey,
    ) -> Result<(), DeskError> {
        let mut still_offered = offered;
        match key {
            TallyKey::Digit(d) => {
                if offered {
                    seed.clear();
                }
                if seed.len() < SEED_DIGITS {
                    seed.push(char::from(b'0' + d));
                }
                still_offered = false;
            }
            TallyKey::Erase => {
                seed.pop();
                still_offered = false;
            }
            TallyKey::Confirm => {
                let Ok(number) = crate::text::digits::parse_number::<u64>(&seed) else {
                    self.message = Some("type the seed of the draw (digits), then Enter".into());
                    self.deciding = Some(Deciding::Seed {
                        seed,
                        offered: false,
                    });
                    return Ok(());
                };
                let first = match (&self.standing_tie(), &self.count.outcome.elimination_tie) {
                    (None, Some(t)) => format!(
                        "Draw lots to eliminate one of {} (round {}); the count then goes on",
                        and_list(&self.labels(&t.among)),
                        t.round
                    ),
                    (tied, _) => format!(
                        "Draw lots among {}",
                        and_list(&self.labels(tied.as_deref().unwrap_or_default()))
                    ),
                };
                let mut lines = vec![
                    first,
                    format!(
                        "Seed: {number} (recorded with the award: the same seed always draws the same winner)"
                    ),
                    self.method_line(),
                    "Tie: the category's own tie-breaks left the tie standing.".to_string(),
                    "The winner is drawn when you confirm, and named in the count.".to_string(),
                ];
                lines.extend(self.closing_lines());
                self.deciding = Some(Deciding::Confirm(Question {
                    choice: AwardChoice::Draw(number),
                    title: format!("Draw · {}", self.summary.category.name),
                    lines,
                    error: None,
                }));
                return Ok(());
            }
            _ => {}
        }
        self.deciding = Some(Deciding::Seed {
            seed,
            offered: still_offered,
        });
        Ok(())
    }

    fn record(&mut self, desk: &Desk, mut question: Question) {
        match self.award(desk, &question.choice) {
            Ok(done) => {
                self.message = Some(match question.choice {
                    AwardChoice::Draw(seed) => format!("{done} (drawn with seed {seed})"),
                    AwardChoice::CastingVote(_) => format!("{done} (by casting vote)"),
                    _ => done,
                });
            }
            Err(e) => {
                question.error = Some(format!("not recorded: {}", e.desk_text()));
                self.deciding = Some(Deciding::Confirm(question));
            }
        }
    }
}
