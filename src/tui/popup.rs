//! What covers the panes, and what each kind of popup means to the rest of the desk: where its keys
//! are read (`context`), whether it scrolls, whether closing it changes the panes beneath, how it is
//! drawn, and how actions reach it (`open`, `answer`, `digit`, `read_key`).
//!
//! A new popup is its own room (`tui/<room>/`: its state, how the desk opens it and answers its keys,
//! how it is drawn) plus a variant here and its lines in these tables. Nothing under `tui/app/` or
//! `tui/view/` changes for it.

use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Size;

use super::actions::{Action, Context};
use super::app::{App, DeleteTarget};
use super::ballot::{BallotForm, BallotKey};
use super::form::Form;
use super::jury_room::JuryRoom;
use super::leaderboard::Leaderboard;
use super::leaderboard::close::CloseQuestion;
use super::nominate::NominatePicker;
use super::palette::Palette;
use super::print::PrintMenu;
use super::screening::RatingForm;
use super::screening::progress::RoundProgress;
use super::status_menu::StatusMenu;
use super::tally::{TallyKey, TallyView};
use super::view::{self, layout};
use crate::desk::{
    DeskError, EditionOverview, FilmRecord, JurorRecord, Palmares, StatLine, StatsBy,
};

/// What covers the panes, if anything.
#[derive(Debug, Clone, PartialEq)]
pub enum Popup {
    Help {
        scroll: usize,
    },
    Record {
        record: Box<FilmRecord>,
        scroll: usize,
    },
    Edition {
        scroll: usize,
    },
    /// A juror's record: role, conflicts, recusals, each category's ballot.
    Juror {
        record: Box<JurorRecord>,
        scroll: usize,
    },
    Ballot(Box<BallotForm>),
    /// Secret ballot entry, one juror at a time (issue 16): covers the whole screen.
    JuryRoom(Box<JuryRoom>),
    Nominate(Box<NominatePicker>),
    /// A screener's rating of a film in the open screening round (issue 15).
    Rating(Box<RatingForm>),
    /// The open screening round's progress: a bar per screener.
    ScreeningProgress(Box<RoundProgress>),
    /// The open screening round's leaderboard with its cut line.
    Board(Box<Leaderboard>),
    /// The question before the open round is closed at the leaderboard's cut.
    CloseRound(Box<CloseQuestion>),
    Tally(Box<TallyView>),
    /// A yes/no question before a deletion.
    Confirm {
        question: String,
        target: DeleteTarget,
    },
    /// The status menu of a submission.
    Status(StatusMenu),
    /// The edition's printable documents, and where the last ones were written.
    Print(PrintMenu),
    Form(Box<Form>),
    Palette(Box<Palette>),
    Overview {
        overview: Box<EditionOverview>,
        title: String,
    },
    /// The edition's palmarès with its rule violations.
    Palmares {
        palmares: Box<Palmares>,
        scroll: usize,
    },
    /// Award leaders of a festival, by film, person or country.
    Stats {
        by: StatsBy,
        lines: Vec<StatLine>,
        festival: String,
    },
}

impl Popup {
    /// Where keys are read while this popup is open.
    pub fn context(&self) -> Context {
        match self {
            Popup::Ballot(_) => Context::Ballot,
            Popup::JuryRoom(_) => Context::JuryRoom,
            Popup::Rating(_) => Context::Rating,
            Popup::Board(_) => Context::Board,
            Popup::CloseRound(_) => Context::CloseRound,
            Popup::Tally(view) if view.deciding.is_some() => Context::Award,
            Popup::Tally(_) => Context::Tally,
            Popup::Confirm { .. } => Context::Confirm,
            Popup::Nominate(_)
            | Popup::Form(_)
            | Popup::Palette(_)
            | Popup::Status(_)
            | Popup::Print(_) => Context::Picker,
            Popup::Palmares { .. } => Context::Palmares,
            Popup::Juror { .. } => Context::JurorRecord,
            Popup::Help { .. }
            | Popup::Record { .. }
            | Popup::Edition { .. }
            | Popup::Overview { .. }
            | Popup::ScreeningProgress(_)
            | Popup::Stats { .. } => Context::Popup,
        }
    }

    /// The line a scrolling popup starts at; `None` for a popup that does not scroll (its list keys
    /// move a cursor, or nothing).
    pub fn scroll_mut(&mut self) -> Option<&mut usize> {
        match self {
            Popup::Help { scroll }
            | Popup::Record { scroll, .. }
            | Popup::Juror { scroll, .. }
            | Popup::Palmares { scroll, .. }
            | Popup::Edition { scroll } => Some(scroll),
            Popup::Tally(view) => Some(&mut view.scroll),
            Popup::Ballot(_)
            | Popup::JuryRoom(_)
            | Popup::Rating(_)
            | Popup::ScreeningProgress(_)
            | Popup::Board(_)
            | Popup::CloseRound(_)
            | Popup::Nominate(_)
            | Popup::Confirm { .. }
            | Popup::Status(_)
            | Popup::Print(_)
            | Popup::Form(_)
            | Popup::Palette(_)
            | Popup::Stats { .. }
            | Popup::Overview { .. } => None,
        }
    }

    /// How many lines a page key scrolls on a terminal of `size`.
    pub fn page_height(&self, size: Size) -> usize {
        match self {
            Popup::Tally(_) => super::tally::view::body_height(size),
            _ => layout::popup_body_height(size),
        }
    }

    /// Whether closing it may have changed what the panes show (ballots, nominations, awards), so
    /// they are read again.
    pub fn changes_the_panes(&self) -> bool {
        matches!(
            self,
            Popup::Ballot(_) | Popup::JuryRoom(_) | Popup::Nominate(_) | Popup::Tally(_)
        )
    }

    /// Draws it over the desk.
    pub fn render(&self, app: &App, frame: &mut Frame) {
        match self {
            Popup::Help { scroll } => {
                let under = if app.welcome {
                    Context::Welcome
                } else {
                    Context::Browse
                };
                view::popups::help(frame, *scroll, &app.scroll_limit, under, &app.keymap);
            }
            Popup::Record { record, scroll } => {
                view::popups::record(frame, record, *scroll, &app.scroll_limit);
            }
            Popup::Juror { record, scroll } => crate::tui::juror_record::view::record(
                frame,
                record,
                *scroll,
                &app.scroll_limit,
                &app.keymap,
            ),
            Popup::Edition { scroll } => {
                if let Some(edition) = app.selected_edition() {
                    view::popups::edition(frame, edition, *scroll, &app.scroll_limit);
                }
            }
            Popup::Ballot(form) => crate::tui::ballot::view::ballot(frame, form),
            Popup::JuryRoom(room) => crate::tui::jury_room::view::render(frame, room, &app.keymap),
            Popup::Nominate(picker) => crate::tui::nominate::view::nominate(frame, picker),
            Popup::Rating(form) => crate::tui::screening::view::render(frame, form),
            Popup::ScreeningProgress(p) => crate::tui::screening::progress::render(frame, p),
            Popup::Board(board) => {
                crate::tui::leaderboard::view::render(frame, board, app.submissions.rows());
            }
            Popup::CloseRound(question) => {
                view::popups::small_box(
                    frame,
                    "Close the screening round",
                    question
                        .lines()
                        .into_iter()
                        .map(|l| {
                            ratatui::text::Line::from(format!(
                                " {} ",
                                crate::text::for_terminal(&l)
                            ))
                        })
                        .collect(),
                    " y:close it  n:no  p/f:statuses ",
                );
            }
            Popup::Form(form) => view::form::render(frame, form),
            Popup::Palette(palette) => {
                crate::tui::palette::view::render(frame, palette, Some(&app.keymap));
            }
            Popup::Overview { overview, title } => {
                crate::tui::overview::view::render(frame, overview, title);
            }
            Popup::Confirm { question, .. } => super::confirm::view::confirm(frame, question),
            Popup::Status(menu) => super::status_menu::view::render(frame, menu),
            Popup::Print(menu) => super::print::view::render(frame, menu),
            Popup::Tally(tally) => {
                super::tally::view::render(frame, tally, &app.scroll_limit, &app.keymap);
            }
            Popup::Palmares { palmares, scroll } => crate::tui::palmares::view::palmares(
                frame,
                palmares,
                *scroll,
                &app.scroll_limit,
                &app.keymap.first_key_label("finalize"),
            ),
            Popup::Stats {
                by,
                lines,
                festival,
            } => crate::tui::palmares::view::stats(frame, *by, lines, festival),
        }
    }
}

/// The actions that open a room's popup, each with the room that opens it. True when `action` was
/// one of them (whether or not there was anything to open it on).
pub(super) fn open(app: &mut App, action: Action) -> Result<bool, DeskError> {
    match action {
        Action::Nominate => app.open_nominate()?,
        Action::EnterBallots => app.open_ballots()?,
        Action::Tally => app.open_tally()?,
        Action::Palmares => app.open_palmares()?,
        Action::AwardStats => app.open_award_stats()?,
        Action::Finalize => app.open_finalize()?,
        Action::Reopen => app.open_reopen()?,
        Action::Rules => app.open_rules()?,
        Action::RecuseJuror => app.open_recuse_form()?,
        Action::ClearConflict => app.open_clear_conflict_form(),
        Action::WithdrawAward => app.open_withdraw_award_form(),
        Action::Overview => app.open_overview(),
        Action::ChangeStatus => app.open_status_menu(),
        Action::Print => app.open_print(),
        Action::Palette => app.open_palette(),
        Action::JuryRoom => app.open_jury_room()?,
        Action::Rate => app.open_rating()?,
        Action::SwitchScreener => app.switch_screener(),
        Action::ScreeningProgress => app.open_screening_progress(),
        Action::Leaderboard => app.open_leaderboard(),
        Action::Delete => app.ask_delete(),
        Action::Add => app.open_add_form(),
        Action::Edit => app.open_edit_form(),
        Action::AddFestival => app.open_add_festival_form(),
        Action::EditFestival => app.open_edit_festival_form(),
        Action::AddJuror => app.open_add_juror_form(),
        _ => return Ok(false),
    }
    Ok(true)
}

/// The open popup's own actions, answered by its room. False when the action is not the open
/// popup's (or none is open): the desk's common handling (Back, Help, scrolling…) takes it.
pub(super) fn answer(app: &mut App, action: Action) -> Result<bool, DeskError> {
    match (&app.popup, action) {
        (Some(Popup::Confirm { .. }), Action::Confirm) => app.confirm_delete()?,
        (Some(Popup::Confirm { .. }), Action::Cancel) => app.popup = None,
        (Some(Popup::CloseRound(_)), Action::Confirm) => app.close_round_confirmed()?,
        (Some(Popup::CloseRound(_)), Action::Cancel) => app.close_round_cancelled(),
        (Some(Popup::CloseRound(_)), Action::PassStatus) => app.close_round_status(true),
        (Some(Popup::CloseRound(_)), Action::FailStatus) => app.close_round_status(false),
        (Some(Popup::Tally(_)), Action::Confirm) => app.tally_key(TallyKey::Confirm),
        (Some(Popup::Tally(_)), Action::Cancel) => app.tally_key(TallyKey::Cancel),
        (Some(Popup::Tally(_)), Action::Erase) => app.tally_key(TallyKey::Erase),
        (Some(Popup::Tally(_)), Action::RecordAward) => app.tally_key(TallyKey::Award),
        (Some(Popup::Tally(_)), Action::CastingVote) => app.tally_key(TallyKey::Casting),
        (Some(Popup::Tally(_)), Action::Draw) => app.tally_key(TallyKey::Draw),
        (Some(Popup::Tally(_)), Action::Revote) => {
            app.popup = None;
            app.reload_categories()?;
            app.open_ballots()?;
        }
        (Some(Popup::Ballot(_)), action) => match action {
            Action::ScoreTen => app.ballot_key(BallotKey::Ten),
            Action::PickHighlighted => app.ballot_key(BallotKey::Space),
            Action::Erase => app.ballot_key(BallotKey::Erase),
            Action::NextJuror => app.ballot_key(BallotKey::NextJuror),
            Action::PreviousJuror => app.ballot_key(BallotKey::PreviousJuror),
            Action::Save => app.ballot_key(BallotKey::Save),
            Action::Up => app.ballot_key(BallotKey::Up),
            Action::Down => app.ballot_key(BallotKey::Down),
            _ => return Ok(false),
        },
        (Some(Popup::Nominate(_)), Action::Up | Action::Down) => {
            if let Some(Popup::Nominate(picker)) = &mut app.popup {
                picker.step(if action == Action::Up { -1 } else { 1 });
            }
        }
        (Some(Popup::Nominate(_)), Action::Choose) => app.choose_nominee()?,
        (Some(Popup::Status(_)), Action::Up | Action::Down | Action::Choose) => {
            app.status_menu_key(action)?;
        }
        (Some(Popup::Print(_)), Action::Up | Action::Down | Action::Choose) => {
            app.print_menu_key(action)?;
        }
        _ => return Ok(false),
    }
    Ok(true)
}

/// A digit typed where the keymap reads digits: a nominee's number or a score in ballot entry, the
/// casting vote's number or the draw's seed in a count.
pub(super) fn digit(app: &mut App, digit: u8) {
    match app.popup {
        Some(Popup::Tally(_)) => app.tally_key(TallyKey::Digit(digit)),
        Some(Popup::Ballot(_)) => app.ballot_key(BallotKey::Digit(digit)),
        _ => {}
    }
}

/// A key for a popup that reads every key itself before the keymap (text in any script; the jury
/// room, from which nothing else of the desk may be reached). True when the open popup took it.
pub(super) fn read_key(app: &mut App, key: KeyEvent) -> bool {
    match app.popup {
        Some(Popup::Form(_)) => app.form_key(key),
        Some(Popup::Palette(_)) => app.palette_key(key),
        Some(Popup::JuryRoom(_)) => app.jury_room_key(super::keymap::with_ascii_digits(key)),
        Some(Popup::Rating(_)) => app.rating_key(key),
        Some(Popup::Board(_)) => app.leaderboard_key(key),
        _ => return false,
    }
    true
}
