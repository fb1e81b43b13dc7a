//! The desk's state and how actions change it. Rendering reads this and nothing else; `update` needs no
//! terminal, so the whole desk can be driven in tests.

use ratatui::crossterm::event::{Event, KeyEvent, MouseEventKind};
use ratatui::layout::Size;

use super::actions::{Action, Context, action_for};
use super::list::ListPosition;
use super::view::layout;
use crate::desk::{Desk, DeskError, EditionView, FilmRecord, SubmissionRow};
use crate::domain::Category;

/// The three panes, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Editions,
    Submissions,
    Nominations,
}

impl Pane {
    const ORDER: [Pane; 3] = [Pane::Editions, Pane::Submissions, Pane::Nominations];

    fn index(self) -> usize {
        Pane::ORDER.iter().position(|&p| p == self).unwrap_or(0)
    }

    fn shifted(self, by: isize) -> Pane {
        let n = Pane::ORDER.len() as isize;
        Pane::ORDER[(self.index() as isize + by).rem_euclid(n) as usize]
    }
}

/// What covers the panes, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// Everything the desk shows.
pub struct App {
    pub desk: Desk,
    pub welcome: bool,
    pub focus: Pane,
    pub editions: Vec<EditionView>,
    pub editions_pos: ListPosition,
    pub submissions: Vec<SubmissionRow>,
    pub submissions_pos: ListPosition,
    pub categories: Vec<Category>,
    pub categories_pos: ListPosition,
    pub popup: Option<Popup>,
    /// A one-line message for the status bar (what just happened, or what went wrong).
    pub message: Option<String>,
    pub size: Size,
    pub quit: bool,
}

impl App {
    /// Opens the desk over `desk`, on the welcome screen when the store is empty.
    pub fn new(desk: Desk, size: Size) -> Result<App, DeskError> {
        let mut app = App {
            welcome: desk.is_empty(),
            desk,
            focus: Pane::Editions,
            editions: Vec::new(),
            editions_pos: ListPosition::default(),
            submissions: Vec::new(),
            submissions_pos: ListPosition::default(),
            categories: Vec::new(),
            categories_pos: ListPosition::default(),
            popup: None,
            message: None,
            size,
            quit: false,
        };
        app.reload_editions()?;
        Ok(app)
    }

    /// Where keys are read.
    pub fn context(&self) -> Context {
        if self.popup.is_some() {
            Context::Popup
        } else if self.welcome {
            Context::Welcome
        } else {
            Context::Browse
        }
    }

    pub fn selected_edition(&self) -> Option<&EditionView> {
        self.editions.get(self.editions_pos.selected)
    }

    pub fn selected_submission(&self) -> Option<&SubmissionRow> {
        self.submissions.get(self.submissions_pos.selected)
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        if let Some(key) = event.as_key_press_event() {
            self.handle_key(key);
            return;
        }
        match event {
            Event::Resize(width, height) => self.resize(Size::new(*width, *height)),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.update(Action::Down),
                MouseEventKind::ScrollUp => self.update(Action::Up),
                _ => {}
            },
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        if let Some(action) = action_for(key, self.context()) {
            self.update(action);
        }
    }

    pub fn resize(&mut self, size: Size) {
        self.size = size;
        self.keep_selections_in_view();
    }

    /// Applies one action. Errors become a status-bar message; the desk never stops on one.
    pub fn update(&mut self, action: Action) {
        // A message answers the key that caused it; the next key clears it.
        self.message = None;
        if let Err(e) = self.try_update(action) {
            self.message = Some(e.to_string());
        }
    }

    fn try_update(&mut self, action: Action) -> Result<(), DeskError> {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.popup = match self.popup {
                    Some(Popup::Help { .. }) => None,
                    _ => Some(Popup::Help { scroll: 0 }),
                }
            }
            Action::Back => self.popup = None,
            Action::LoadDemo => {
                let report = self.desk.load_demo()?;
                self.welcome = false;
                self.reload_editions()?;
                self.message = Some(format!(
                    "demo loaded: {} festivals, {} editions, {} submissions",
                    report.festivals, report.editions, report.submissions
                ));
            }
            Action::NextPane => self.focus = self.focus.shifted(1),
            Action::PreviousPane => self.focus = self.focus.shifted(-1),
            Action::FocusEditions => self.focus = Pane::Editions,
            Action::FocusSubmissions => self.focus = Pane::Submissions,
            Action::FocusNominations => self.focus = Pane::Nominations,
            Action::Open => self.open()?,
            Action::Up
            | Action::Down
            | Action::Top
            | Action::Bottom
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown => self.navigate(action)?,
        }
        Ok(())
    }

    fn open(&mut self) -> Result<(), DeskError> {
        match self.focus {
            Pane::Submissions => {
                if let Some(row) = self.selected_submission() {
                    let record = self.desk.film_record(row.film.id)?;
                    self.popup = Some(Popup::Record {
                        record: Box::new(record),
                        scroll: 0,
                    });
                }
            }
            Pane::Editions => {
                if self.selected_edition().is_some() {
                    self.popup = Some(Popup::Edition { scroll: 0 });
                }
            }
            Pane::Nominations => {}
        }
        Ok(())
    }

    fn navigate(&mut self, action: Action) -> Result<(), DeskError> {
        if let Some(popup) = &mut self.popup {
            let scroll = match popup {
                Popup::Help { scroll }
                | Popup::Record { scroll, .. }
                | Popup::Edition { scroll } => scroll,
            };
            let page = layout::popup_body_height(self.size);
            *scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::Top => 0,
                Action::Bottom => usize::MAX / 2,
                Action::PageUp => scroll.saturating_sub(page),
                Action::PageDown => scroll.saturating_add(page),
                Action::HalfPageUp => scroll.saturating_sub(page / 2),
                Action::HalfPageDown => scroll.saturating_add(page / 2),
                _ => *scroll,
            };
            return Ok(());
        }
        let height = layout::list_height(self.size, self.focus);
        let (position, len) = match self.focus {
            Pane::Editions => (&mut self.editions_pos, self.editions.len()),
            Pane::Submissions => (&mut self.submissions_pos, self.submissions.len()),
            Pane::Nominations => (&mut self.categories_pos, self.categories.len()),
        };
        let before = position.selected;
        let page = height.max(1) as isize;
        match action {
            Action::Up => position.step(-1, len, height),
            Action::Down => position.step(1, len, height),
            Action::PageUp => position.step(-page, len, height),
            Action::PageDown => position.step(page, len, height),
            Action::HalfPageUp => position.step(-(page / 2).max(1), len, height),
            Action::HalfPageDown => position.step((page / 2).max(1), len, height),
            Action::Top => position.to_top(),
            Action::Bottom => position.to_bottom(len, height),
            _ => {}
        }
        if self.focus == Pane::Editions && self.editions_pos.selected != before {
            self.load_edition_contents()?;
        }
        Ok(())
    }

    /// Re-reads the editions (after a change), keeping the selected one if it still exists.
    pub fn reload_editions(&mut self) -> Result<(), DeskError> {
        let keep = self.selected_edition().map(|v| v.edition.id);
        self.editions = self.desk.editions()?;
        if let Some(i) = keep.and_then(|id| self.editions.iter().position(|v| v.edition.id == id)) {
            self.editions_pos.selected = i;
        }
        self.keep_selections_in_view();
        self.load_edition_contents()
    }

    /// Loads the submissions and categories of the selected edition.
    fn load_edition_contents(&mut self) -> Result<(), DeskError> {
        match self.selected_edition().map(|v| v.edition.id) {
            Some(id) => {
                self.submissions = self.desk.submission_rows(id)?;
                self.categories = self.desk.categories(id)?;
            }
            None => {
                self.submissions.clear();
                self.categories.clear();
            }
        }
        self.submissions_pos = ListPosition::default();
        self.categories_pos = ListPosition::default();
        Ok(())
    }

    fn keep_selections_in_view(&mut self) {
        let size = self.size;
        self.editions_pos.scroll_into_view(
            self.editions.len(),
            layout::list_height(size, Pane::Editions),
        );
        self.submissions_pos.scroll_into_view(
            self.submissions.len(),
            layout::list_height(size, Pane::Submissions),
        );
        self.categories_pos.scroll_into_view(
            self.categories.len(),
            layout::list_height(size, Pane::Nominations),
        );
    }
}
