//! What covers the panes, and what each kind of popup means to the rest of the desk: where its keys
//! are read (`context`), whether it scrolls, whether closing it changes the panes beneath, and how it
//! is drawn. A new popup is its own room (state, how the desk opens it, how it is drawn) plus a variant
//! here and its arms in these few methods.

use ratatui::Frame;
use ratatui::layout::Size;

use super::actions::Context;
use super::app::{App, DeleteTarget};
use super::ballot::BallotForm;
use super::form::Form;
use super::jury_room::JuryRoom;
use super::nominate::NominatePicker;
use super::palette::Palette;
use super::tally::TallyView;
use super::view::{self, layout};
use crate::desk::{EditionOverview, FilmRecord, JurorRecord, Palmares, StatLine, StatsBy};

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
    Tally(Box<TallyView>),
    /// A yes/no question before a deletion.
    Confirm {
        question: String,
        target: DeleteTarget,
    },
    /// The status menu of a submission.
    Status {
        submission_id: u64,
        title: String,
        cursor: usize,
    },
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
            Popup::Tally(view) if view.deciding.is_some() => Context::Award,
            Popup::Tally(_) => Context::Tally,
            Popup::Confirm { .. } => Context::Confirm,
            Popup::Nominate(_) | Popup::Form(_) | Popup::Palette(_) | Popup::Status { .. } => {
                Context::Picker
            }
            Popup::Palmares { .. } => Context::Palmares,
            Popup::Juror { .. } => Context::JurorRecord,
            Popup::Help { .. }
            | Popup::Record { .. }
            | Popup::Edition { .. }
            | Popup::Overview { .. }
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
            | Popup::Nominate(_)
            | Popup::Confirm { .. }
            | Popup::Status { .. }
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
            Popup::Form(form) => view::form::render(frame, form),
            Popup::Palette(palette) => {
                crate::tui::palette::view::render(frame, palette, Some(&app.keymap));
            }
            Popup::Overview { overview, title } => {
                crate::tui::overview::view::render(frame, overview, title);
            }
            Popup::Confirm { question, .. } => view::popups::confirm(frame, question),
            Popup::Status { title, cursor, .. } => view::popups::status_menu(frame, title, *cursor),
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
