//! The desk's state and how actions change it. Rendering reads this and nothing else; `update` needs no
//! terminal, so the whole desk can be driven in tests.

mod mouse;
mod nominations;
mod records;
mod search;

pub use super::confirm::DeleteTarget;
pub use super::popup::Popup;
pub use nominations::{NominationKey, NominationRow};

use ratatui::crossterm::event::{Event, KeyEvent, MouseButton, MouseEventKind};
use ratatui::layout::Size;

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::actions::{Action, Context};
use super::form::{Form, FormSignal, FormTarget};
use super::keymap::Keymap;
use super::list::ListPosition;
use super::search_line::{SearchEdit, SearchLine};
use super::submissions::SubmissionList;
use super::view::layout;
use crate::desk::{CategorySummary, Desk, DeskError, EditionView, SubmissionSummary};
use crate::domain::Juror;

/// Rows of a large edition read before its first frame; the rest follow on a thread.
const FIRST_PAGE: usize = 400;

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

/// Everything the desk shows.
pub struct App {
    pub desk: Desk,
    pub welcome: bool,
    pub focus: Pane,
    /// The editions on view (those that answer the pane's search), and all of them.
    pub editions: Vec<EditionView>,
    pub all_editions: Vec<EditionView>,
    pub editions_search: SearchLine,
    pub editions_pos: ListPosition,
    pub submissions: SubmissionList,
    pub submissions_pos: ListPosition,
    pub categories: Vec<CategorySummary>,
    /// The selected edition's jury, as the nominations pane lists it (president first).
    pub jurors: Vec<Juror>,
    /// Jurors (by id) with a probable conflict neither recused nor cleared: marked ⚠ on their row.
    pub conflicted: Vec<u64>,
    /// The nominations pane's rows: each category followed by its nominees, then the jury.
    pub nomination_rows: Vec<NominationRow>,
    pub nominations_search: SearchLine,
    /// The nominations pane's rows without its search (the jury's heading not counted).
    pub nominations_total: usize,
    pub categories_pos: ListPosition,
    /// What the nominations pane says of the palmarès ("⚠ 2 rules broken", "finalized").
    pub palmares_state: Option<String>,
    pub popup: Option<Popup>,
    /// A one-line message for the status bar (what just happened, or what went wrong).
    pub message: Option<String>,
    pub size: Size,
    pub quit: bool,
    /// Set once a write failed and the store was given up: what the failure said, shown in full over
    /// everything until the desk is quit (see `view::popups::store_failure`).
    pub store_failure: Option<String>,
    /// The furthest a scrolling popup can scroll, as its last frame measured it (after wrapping).
    pub scroll_limit: std::cell::Cell<usize>,
    /// The keys in force: the registry's defaults with the settings file's rebindings.
    pub keymap: Keymap,
    /// Text a form asked to edit in `$EDITOR`; the run loop suspends the terminal for it.
    pub editor_request: Option<String>,
    /// The colours from the settings file.
    pub colours: super::settings::Colours,
}

impl App {
    /// Opens the desk over `desk`, on the welcome screen when the store is empty.
    pub fn new(desk: Desk, size: Size) -> Result<App, DeskError> {
        App::reopened(desk, size, None)
    }

    /// Opens the desk on the edition with the code `last` (the one it was left on), or on the first
    /// edition when there is no such edition any more.
    pub fn reopened(desk: Desk, size: Size, last: Option<&str>) -> Result<App, DeskError> {
        let last = last.and_then(|code| desk.edition(code).ok()).map(|e| e.id);
        let mut app = App {
            welcome: desk.is_empty(),
            desk,
            focus: Pane::Editions,
            editions: Vec::new(),
            all_editions: Vec::new(),
            editions_search: SearchLine::default(),
            editions_pos: ListPosition::default(),
            submissions: SubmissionList::default(),
            submissions_pos: ListPosition::default(),
            categories: Vec::new(),
            jurors: Vec::new(),
            conflicted: Vec::new(),
            nomination_rows: Vec::new(),
            nominations_search: SearchLine::default(),
            nominations_total: 0,
            categories_pos: ListPosition::default(),
            palmares_state: None,
            popup: None,
            message: None,
            size,
            quit: false,
            store_failure: None,
            scroll_limit: std::cell::Cell::new(usize::MAX),
            keymap: Keymap::default(),
            editor_request: None,
            colours: super::settings::Colours::default(),
        };
        app.reload_editions_keeping(last)?;
        Ok(app)
    }

    /// Where keys are read.
    pub fn context(&self) -> Context {
        if let Some(popup) = &self.popup {
            popup.context()
        } else if self.welcome {
            Context::Welcome
        } else if self.focused_search().typing {
            Context::Search
        } else {
            Context::Browse
        }
    }

    pub fn selected_edition(&self) -> Option<&EditionView> {
        self.editions.get(self.editions_pos.selected)
    }

    pub fn selected_submission(&self) -> Option<&SubmissionSummary> {
        self.submissions.get(self.submissions_pos.selected)
    }

    /// After a key: once the store has been given up, keeps what the failure said (on the status
    /// line or in the open form) for the screen that replaces the desk.
    fn notice_store_failure(&mut self) {
        if self.store_failure.is_some() || !self.desk.store_given_up() {
            return;
        }
        let in_form = match &self.popup {
            Some(Popup::Form(form)) => form.message.clone(),
            _ => None,
        };
        self.store_failure = Some(
            self.message
                .clone()
                .or(in_form)
                .unwrap_or_else(|| "a write to the store failed".to_string()),
        );
        self.popup = None;
    }

    /// Handles one terminal event.
    pub fn handle_event(&mut self, event: &Event) {
        self.submissions.poll();
        if self.store_failure.is_some() {
            // The store was given up: the desk can only say so and end.
            if let Some(key) = event.as_key_press_event()
                && matches!(key.code, KeyCode::Char('q') | KeyCode::Esc | KeyCode::Enter)
            {
                self.quit = true;
            }
            return;
        }
        if let Some(key) = event.as_key_press_event() {
            self.handle_key(key);
            self.notice_store_failure();
            return;
        }
        match event {
            Event::Resize(width, height) => self.resize(Size::new(*width, *height)),
            Event::Mouse(mouse) => match mouse.kind {
                MouseEventKind::ScrollDown => self.wheel(mouse.column, mouse.row, true),
                MouseEventKind::ScrollUp => self.wheel(mouse.column, mouse.row, false),
                MouseEventKind::Down(MouseButton::Left) if self.popup.is_none() => {
                    self.click(mouse.column, mouse.row);
                }
                _ => {}
            },
            Event::Paste(text) => {
                if let Some(Popup::Form(form)) = &mut self.popup {
                    form.paste(text);
                }
            }
            _ => {}
        }
    }

    pub fn handle_key(&mut self, key: KeyEvent) {
        // Forms and the palette read every key themselves (text in any script).
        if super::popup::read_key(self, key) {
            return;
        }
        // While a search is typed, every printable key is text.
        if self.context() == Context::Search
            && let KeyCode::Char(c) = key.code
            && !key
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            self.message = None;
            if let Err(e) = self.edit_search(SearchEdit::Type(c)) {
                self.message = Some(e.to_string());
            }
            return;
        }
        // A Persian or Arabic keyboard types `۲` or `٢` for 2 (docs/text.md#digits).
        let key = super::keymap::with_ascii_digits(key);
        match self.keymap.action_for(key, self.context()) {
            Some(Action::Digit) => {
                if let KeyCode::Char(c) = key.code
                    && let Some(d) = c.to_digit(10)
                {
                    super::popup::digit(self, d as u8);
                }
            }
            Some(action) => self.update(action),
            None => {}
        }
    }

    /// The category of the nominations pane's selected row; `None` on the jury's rows.
    pub fn selected_category(&self) -> Option<&CategorySummary> {
        let row = self.nomination_rows.get(self.categories_pos.selected)?;
        self.categories.get(row.category()?)
    }

    /// The juror of the nominations pane's selected row, if it is a juror's.
    pub fn selected_juror(&self) -> Option<&Juror> {
        match self.nomination_rows.get(self.categories_pos.selected)? {
            NominationRow::Juror { juror } => self.jurors.get(*juror),
            _ => None,
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
        let before = self.popup.as_ref().map(std::mem::discriminant);
        // The desk's words: a refusal names the desk's key, not the command line's command.
        if let Err(e) = self.try_update(action) {
            self.message = Some(e.desk_text());
        }
        // A popup that just opened has not been measured yet.
        if self.popup.as_ref().map(std::mem::discriminant) != before {
            self.scroll_limit.set(usize::MAX);
        }
    }

    fn try_update(&mut self, action: Action) -> Result<(), DeskError> {
        // The open popup's room answers its own actions first; then the actions that open a room.
        if super::popup::answer(self, action)? || super::popup::open(self, action)? {
            return Ok(());
        }
        match action {
            Action::Quit => self.quit = true,
            Action::Help => {
                self.popup = match self.popup {
                    Some(Popup::Help { .. }) => None,
                    _ => Some(Popup::Help { scroll: 0 }),
                }
            }
            Action::Back => {
                // Leaving ballot entry or a picker may have changed counts and nominations.
                let changed = self.popup.as_ref().is_some_and(Popup::changes_the_panes);
                self.popup = None;
                if changed {
                    self.reload_categories()?;
                }
            }
            Action::Search => self.edit_search(SearchEdit::Start)?,
            Action::SearchDone => self.edit_search(SearchEdit::Done)?,
            Action::SearchClear => self.edit_search(SearchEdit::Clear)?,
            Action::SearchErase => self.edit_search(SearchEdit::Erase)?,
            Action::SortNext | Action::SortReverse => {
                // The cursor stays on the film it was on, wherever the new order puts it.
                let kept = self.selected_submission().map(SubmissionSummary::id);
                if action == Action::SortNext {
                    self.submissions.next_sort();
                } else {
                    self.submissions.reverse();
                }
                self.after_search();
                if let Some(at) = kept.and_then(|id| self.submissions.position_of(id)) {
                    self.submissions_pos.selected = at;
                    self.keep_selections_in_view();
                }
            }
            Action::Undo => self.undo()?,
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
            // A room's own actions (a digit, a key of the ballot or the count) answered above, or
            // arriving where their room is not open: nothing to do.
            _ => {}
        }
        Ok(())
    }

    fn undo(&mut self) -> Result<(), DeskError> {
        self.message = Some(match self.desk.undo()? {
            Some(undone) => format!("undid #{}: {}", undone.seq, undone.action),
            None => "nothing to undo".into(),
        });
        // Undoing an edit should not send the secretary back to the top of the lists.
        let edition = self.selected_edition().map(|v| v.edition.id);
        let (submissions, categories) = (self.submissions_pos, self.categories_pos);
        let row = self.selected_nomination_key();
        self.reload_editions()?;
        if self.selected_edition().map(|v| v.edition.id) == edition {
            self.submissions_pos = submissions;
            self.restore_nomination_selection(row, categories);
        }
        self.welcome = self.desk.is_empty();
        Ok(())
    }

    fn open(&mut self) -> Result<(), DeskError> {
        match self.focus {
            Pane::Submissions => {
                if let Some(row) = self.selected_submission() {
                    let record = self.desk.film_record(row.film_id())?;
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
            Pane::Nominations => {
                if let Some(juror) = self.selected_juror().map(|j| j.id) {
                    self.open_juror_record(juror)?;
                }
            }
        }
        Ok(())
    }

    /// After the search or the order changed: back to the first row on view.
    fn after_search(&mut self) {
        self.submissions_pos = ListPosition::default();
        self.keep_selections_in_view();
    }

    fn navigate(&mut self, action: Action) -> Result<(), DeskError> {
        if let Some(popup) = &mut self.popup {
            let page = popup.page_height(self.size);
            let Some(scroll) = popup.scroll_mut() else {
                return Ok(());
            };
            *scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::Top => 0,
                Action::Bottom => usize::MAX,
                Action::PageUp => scroll.saturating_sub(page),
                Action::PageDown => scroll.saturating_add(page),
                Action::HalfPageUp => scroll.saturating_sub(page / 2),
                Action::HalfPageDown => scroll.saturating_add(page / 2),
                _ => *scroll,
            };
            *scroll = (*scroll).min(self.scroll_limit.get());
            return Ok(());
        }
        let height = layout::list_height(self.size, self.focus);
        let (position, len) = match self.focus {
            Pane::Editions => (&mut self.editions_pos, self.editions.len()),
            Pane::Submissions => (&mut self.submissions_pos, self.submissions.len()),
            Pane::Nominations => (&mut self.categories_pos, self.nomination_rows.len()),
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
        self.reload_editions_keeping(self.selected_edition().map(|v| v.edition.id))
    }

    /// Re-reads the editions and selects the one with the id `keep` if it is on view.
    fn reload_editions_keeping(
        &mut self,
        keep: Option<crate::domain::Id>,
    ) -> Result<(), DeskError> {
        self.all_editions = self.desk.editions()?;
        self.editions = self.filtered_editions();
        if let Some(i) = keep.and_then(|id| self.editions.iter().position(|v| v.edition.id == id)) {
            self.editions_pos.selected = i;
        }
        self.keep_selections_in_view();
        self.load_edition_contents()
    }

    /// Loads the submissions and categories of the selected edition.
    pub(in crate::tui) fn load_edition_contents(&mut self) -> Result<(), DeskError> {
        match self
            .selected_edition()
            .map(|v| (v.edition.id, v.submissions))
        {
            Some((id, count)) => {
                if count > 4 * FIRST_PAGE && self.submissions.can_start_partial() {
                    let desk = self.desk.clone();
                    self.submissions
                        .load_streaming(&desk, id, count, FIRST_PAGE)?;
                } else {
                    self.submissions.load(self.desk.summaries(id)?);
                }
            }
            None => self.submissions.load(Vec::new()),
        }
        self.submissions_pos = ListPosition::default();
        self.categories_pos = ListPosition::default();
        self.load_open_round()?;
        self.reload_categories()
    }

    /// Puts the submissions selection back where it was before a reload (after a change). A large
    /// edition reloads from its first page; a selection further down waits for the rest, once, rather
    /// than jumping to the end of that page.
    pub(in crate::tui) fn restore_submissions_position(&mut self, keep: ListPosition) {
        if keep.selected >= self.submissions.len() {
            self.submissions.finish();
        }
        self.submissions_pos = keep;
        self.keep_selections_in_view();
    }

    pub(in crate::tui) fn keep_selections_in_view(&mut self) {
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
            self.nomination_rows.len(),
            layout::list_height(size, Pane::Nominations),
        );
    }
}
