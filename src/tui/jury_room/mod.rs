//! The jury room (issue 16 item 6, README.md#the-desk and docs/counting.md#provisional-counts):
//! secret ballot entry for one category, one juror at a time, at a keyboard passed round the table.
//!
//! Between turns the screen is blank but for "pass the keyboard to <name>"; the juror whose turn it
//! is types their PIN first if they have one (masked; three wrong PINs send the keyboard back), then
//! sees their own ballot as they type it, with the ballot room's keys (the ballot room's own form
//! does the typing and the durable save, in its secret mode). Enter saves and blanks the screen
//! again. Only voters are called (neither observers, nor absent or recused jurors,
//! docs/counting.md#provisional-counts).
//!
//! What a real jury room wants, and so what this does:
//! - no ranking, score or vote of another juror is ever on screen, nor any count: the room covers the
//!   whole screen (the panes beneath hold the ballots entered and the results), reads every key itself
//!   (no help, palette or count can be opened from it), and a refusal from the desk, whose words may
//!   name more than the juror's own ballot, is kept for the secretary until they leave;
//! - a juror who has voted already is told so between turns, never shown their stored ballot:
//!   Enter votes again from an empty ballot, which replaces theirs when saved; Tab skips them;
//! - Esc during a turn drops what was typed and passes the keyboard back; Esc between turns asks
//!   before leaving, because leaving shows the count again; once every voter has voted the room says
//!   so and offers to leave.

pub(in crate::tui) mod app;
pub(in crate::tui) mod view;

use super::ballot::{BallotForm, BallotKey};
use crate::desk::{BallotKind, Desk, MAX_PIN_DIGITS, pin_matches};

/// Wrong PINs allowed before the keyboard goes back to the pass screen.
pub const PIN_TRIES: u8 = 3;

/// What the screen shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stage {
    /// A blank screen between turns: pass the keyboard to voter `juror` (an index into the form's
    /// voters). `saved` names the juror whose ballot was just saved.
    Pass { juror: usize, saved: Option<String> },
    /// Voter `juror` types their PIN; `typed` is never drawn, only as many dots.
    Pin {
        juror: usize,
        typed: TypedPin,
        failures: u8,
    },
    /// The form's juror types their ballot.
    Ballot,
    /// Every voter has voted (in `round`, for a category counted in rounds). `next_round`: the desk
    /// has opened the next round, which the room can go on to without showing the count.
    AllVoted {
        round: Option<u32>,
        next_round: bool,
        /// The juror whose ballot was just saved, as on the pass screen.
        saved: Option<String>,
    },
    /// "Leave the jury room? The count will be shown." `back` is where No returns.
    Leave { back: Box<Stage> },
}

/// The digits of a PIN being typed. `Debug` shows dots: the desk's state may be printed (a test's
/// failure, a crash report) and the PIN must not be.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct TypedPin(String);

impl TypedPin {
    /// How many digits have been typed: the dots drawn.
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl std::fmt::Debug for TypedPin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TypedPin({})", "•".repeat(self.len()))
    }
}

/// A key the room understands (the keymap's actions in the jury room's context).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoomKey {
    /// Enter: go on.
    Go,
    Skip,
    SkipBack,
    Back,
    Yes,
    No,
    Digit(u8),
    Ten,
    Space,
    Erase,
    Up,
    Down,
}

/// What the desk does after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Stay,
    /// The secretary confirmed leaving: the count may be shown again.
    Leave,
}

/// The jury room's state.
#[derive(Debug, Clone, PartialEq)]
pub struct JuryRoom {
    /// The ballot room's form in its secret mode: it never holds another juror's ballot.
    pub form: BallotForm,
    pub stage: Stage,
    /// A line for the pass screen: why the keyboard came back (wrong PINs, a ballot dropped).
    pub notice: Option<String>,
    /// What the desk said when it refused a ballot, for the secretary once they leave.
    pub withheld: Vec<String>,
}

impl JuryRoom {
    /// Opens on the first voter who has not voted, or says that every voter has.
    pub fn new(form: BallotForm) -> JuryRoom {
        let mut room = JuryRoom {
            form,
            stage: Stage::Ballot,
            notice: None,
            withheld: Vec::new(),
        };
        room.stage = room.next_stage(None, None);
        room
    }

    /// The voters' names, in the jury's order.
    pub fn voter_name(&self, juror: usize) -> &str {
        self.form
            .summary
            .voters
            .get(juror)
            .map_or("", |j| j.name.as_str())
    }

    /// Whether voter `juror` has voted (in the open round).
    pub fn has_voted(&self, juror: usize) -> bool {
        self.form.voted.get(juror).copied().unwrap_or(false)
    }

    fn rounds(&self) -> bool {
        self.form.kind == BallotKind::Rounds
    }

    /// Between turns: the pass screen for the form's juror, or "every voter has voted".
    fn next_stage(&self, saved: Option<String>, round_closed: Option<u32>) -> Stage {
        let round = self.rounds().then_some(self.form.round);
        if let Some(closed) = round_closed {
            return Stage::AllVoted {
                round: Some(closed),
                next_round: round != Some(closed),
                saved,
            };
        }
        if self.form.voted.iter().all(|&v| v) {
            return Stage::AllVoted {
                round,
                next_round: false,
                saved,
            };
        }
        let juror = if self.has_voted(self.form.juror) {
            self.form.voted.iter().position(|v| !v).unwrap_or(0)
        } else {
            self.form.juror
        };
        Stage::Pass { juror, saved }
    }

    /// Handles one key; the desk is used to check a PIN and to save a ballot.
    pub fn handle(&mut self, desk: &Desk, key: RoomKey) -> Signal {
        let stage = std::mem::replace(&mut self.stage, Stage::Ballot);
        let (stage, signal) = match stage {
            Stage::Pass { juror, saved } => self.on_pass(desk, juror, saved, key),
            Stage::Pin {
                juror,
                typed,
                failures,
            } => self.on_pin(desk, juror, typed, failures, key),
            Stage::Ballot => (self.on_ballot(desk, key), Signal::Stay),
            Stage::AllVoted {
                round,
                next_round,
                saved,
            } => match key {
                RoomKey::Go | RoomKey::Back => (
                    Stage::Leave {
                        back: Box::new(Stage::AllVoted {
                            round,
                            next_round,
                            saved,
                        }),
                    },
                    Signal::Stay,
                ),
                RoomKey::Skip | RoomKey::SkipBack => {
                    // Round again (or on to the next round): the first voter's turn.
                    (
                        Stage::Pass {
                            juror: self.form.voted.iter().position(|v| !v).unwrap_or(0),
                            saved: None,
                        },
                        Signal::Stay,
                    )
                }
                _ => (
                    Stage::AllVoted {
                        round,
                        next_round,
                        saved,
                    },
                    Signal::Stay,
                ),
            },
            Stage::Leave { back } => match key {
                RoomKey::Go | RoomKey::Yes => (Stage::Leave { back }, Signal::Leave),
                RoomKey::No | RoomKey::Back => (*back, Signal::Stay),
                _ => (Stage::Leave { back }, Signal::Stay),
            },
        };
        self.stage = stage;
        signal
    }

    fn on_pass(
        &mut self,
        desk: &Desk,
        juror: usize,
        saved: Option<String>,
        key: RoomKey,
    ) -> (Stage, Signal) {
        let count = self.form.summary.voters.len().max(1);
        match key {
            RoomKey::Go => {
                self.notice = None;
                let has_pin = self
                    .form
                    .summary
                    .voters
                    .get(juror)
                    .is_some_and(|j| j.pin.is_some());
                if has_pin {
                    (
                        Stage::Pin {
                            juror,
                            typed: TypedPin::default(),
                            failures: 0,
                        },
                        Signal::Stay,
                    )
                } else {
                    (self.start_ballot(desk, juror), Signal::Stay)
                }
            }
            RoomKey::Skip | RoomKey::SkipBack => {
                self.notice = None;
                let step = if key == RoomKey::Skip { 1 } else { count - 1 };
                (
                    Stage::Pass {
                        juror: (juror + step) % count,
                        saved: None,
                    },
                    Signal::Stay,
                )
            }
            RoomKey::Back => (
                Stage::Leave {
                    back: Box::new(Stage::Pass { juror, saved }),
                },
                Signal::Stay,
            ),
            _ => (Stage::Pass { juror, saved }, Signal::Stay),
        }
    }

    fn on_pin(
        &mut self,
        desk: &Desk,
        juror: usize,
        mut typed: TypedPin,
        failures: u8,
        key: RoomKey,
    ) -> (Stage, Signal) {
        match key {
            RoomKey::Digit(d) if typed.len() < MAX_PIN_DIGITS => {
                typed.0.push(char::from(b'0' + d));
            }
            RoomKey::Erase => {
                typed.0.pop();
            }
            RoomKey::Back => {
                return (Stage::Pass { juror, saved: None }, Signal::Stay);
            }
            RoomKey::Go => {
                let right = self
                    .form
                    .summary
                    .voters
                    .get(juror)
                    .and_then(|j| j.pin.as_ref())
                    .is_some_and(|hash| pin_matches(hash, &typed.0));
                if right {
                    return (self.start_ballot(desk, juror), Signal::Stay);
                }
                let failures = failures + 1;
                if failures >= PIN_TRIES {
                    self.notice = Some(format!(
                        "{PIN_TRIES} wrong PINs for {}: the keyboard goes back round the table",
                        self.voter_name(juror)
                    ));
                    return (Stage::Pass { juror, saved: None }, Signal::Stay);
                }
                return (
                    Stage::Pin {
                        juror,
                        typed: TypedPin::default(),
                        failures,
                    },
                    Signal::Stay,
                );
            }
            _ => {}
        }
        (
            Stage::Pin {
                juror,
                typed,
                failures,
            },
            Signal::Stay,
        )
    }

    /// Turns the form to `juror`, from an empty ballot (the form is secret).
    fn start_ballot(&mut self, desk: &Desk, juror: usize) -> Stage {
        match self.form.turn_to(desk, juror) {
            Ok(()) => Stage::Ballot,
            Err(e) => {
                self.withheld.push(e.desk_text());
                self.notice = Some(
                    "the desk could not open this ballot: the secretary sees why after leaving the jury room"
                        .into(),
                );
                Stage::Pass { juror, saved: None }
            }
        }
    }

    fn on_ballot(&mut self, desk: &Desk, key: RoomKey) -> Stage {
        let ballot_key = match key {
            RoomKey::Digit(d) => BallotKey::Digit(d),
            RoomKey::Ten => BallotKey::Ten,
            RoomKey::Space => BallotKey::Space,
            RoomKey::Erase => BallotKey::Erase,
            RoomKey::Up => BallotKey::Up,
            RoomKey::Down => BallotKey::Down,
            RoomKey::Go => return self.save(desk),
            RoomKey::Back => {
                let juror = self.form.juror;
                self.notice = Some(format!(
                    "{}'s ballot was not saved: nothing of it was kept",
                    self.voter_name(juror)
                ));
                // Nothing typed stays in the form once the keyboard is passed.
                if let Err(e) = self.form.turn_to(desk, juror) {
                    self.withheld.push(e.desk_text());
                }
                return Stage::Pass { juror, saved: None };
            }
            RoomKey::Skip | RoomKey::SkipBack | RoomKey::Yes | RoomKey::No => {
                return Stage::Ballot;
            }
        };
        if let Err(e) = self.form.handle(desk, ballot_key) {
            self.refused(e.desk_text());
        }
        Stage::Ballot
    }

    /// A refusal from the desk: its words are kept for the secretary, the juror is told it was not
    /// saved.
    fn refused(&mut self, text: String) {
        self.withheld.push(text);
        self.form.message = Some(
            "not saved: the desk refused this ballot; the secretary sees why after leaving the jury room (Esc, then Esc)"
                .into(),
        );
    }

    fn save(&mut self, desk: &Desk) -> Stage {
        let who = self.form.juror_name().to_string();
        let round = self.form.round;
        match self.form.save(desk) {
            Ok(true) => {
                // The form's own "saved …; next: …" is for ballot entry: the pass screen says it.
                self.form.message = None;
                let closed = (self.rounds() && (self.form.round != round || self.all_voted()))
                    .then_some(round);
                self.next_stage(Some(who), closed)
            }
            Ok(false) => Stage::Ballot,
            Err(e) => {
                self.refused(e.desk_text());
                Stage::Ballot
            }
        }
    }

    fn all_voted(&self) -> bool {
        self.form.voted.iter().all(|&v| v)
    }
}
