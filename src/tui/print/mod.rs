//! Printing from the desk (`p`, docs/printing.md, issue 16 item 7): a menu of the selected
//! edition's three documents (ballot sheets, minutes, palmarès) and "all three". Enter writes the
//! chosen ones as self-contained HTML files beside the store (`<edition>-<document>.html`), each whole
//! or not at all, and the menu stays open showing where each went (or why it could not be), in
//! full, so the path can be read off the screen. Markdown, one category or one juror: `jurydesk
//! print`.

pub mod view;

use std::path::PathBuf;

use crate::desk::DeskError;
use crate::desk::documents::SheetScope;
use crate::print::{self, Document, Format, PrintError};
use crate::tui::actions::Action;
use crate::tui::app::{App, Popup};

/// The menu's rows: each document, then all three.
pub const CHOICES: usize = Document::ALL.len() + 1;

/// The menu's state: which edition, the row under the cursor, and what the last Enter wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintMenu {
    pub edition: String,
    pub cursor: usize,
    /// What the last Enter did, one line per document: where it was written, or why not.
    pub outcome: Vec<Written>,
}

/// One document written, or the reason it was not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub document: Document,
    pub result: Result<(PathBuf, String), String>,
}

impl PrintMenu {
    /// The documents the row under the cursor stands for.
    pub fn chosen(&self) -> Vec<Document> {
        match Document::ALL.get(self.cursor) {
            Some(&one) => vec![one],
            None => Document::ALL.to_vec(),
        }
    }
}

impl App {
    /// Opens the menu on the selected edition.
    pub(in crate::tui) fn open_print(&mut self) {
        let Some(view) = self.selected_edition() else {
            self.message = Some("select an edition to print its documents".into());
            return;
        };
        self.popup = Some(Popup::Print(PrintMenu {
            edition: view.edition.code.clone(),
            cursor: 0,
            outcome: Vec::new(),
        }));
    }

    /// Up and Down move the cursor; Enter writes the chosen documents beside the store.
    pub(in crate::tui) fn print_menu_key(&mut self, action: Action) -> Result<(), DeskError> {
        let Some(Popup::Print(menu)) = &mut self.popup else {
            return Ok(());
        };
        match action {
            Action::Up => menu.cursor = menu.cursor.saturating_sub(1),
            Action::Down => menu.cursor = (menu.cursor + 1).min(CHOICES - 1),
            Action::Choose => {
                let (edition, chosen) = (menu.edition.clone(), menu.chosen());
                let today = chrono::Local::now().date_naive();
                let mut outcome = Vec::new();
                for document in chosen {
                    let result = match self.write_document(&edition, document, today) {
                        Ok(done) => Ok(done),
                        Err(PrintError::Desk(e)) if e.is_store_unavailable() => return Err(e),
                        Err(e) => Err(e.to_string()),
                    };
                    outcome.push(Written { document, result });
                }
                let written = outcome.iter().filter(|w| w.result.is_ok()).count();
                self.message = Some(match outcome.as_slice() {
                    [
                        Written {
                            result: Ok((path, _)),
                            ..
                        },
                    ] => format!("wrote {}", path.display()),
                    _ => format!("wrote {written} of {} documents", outcome.len()),
                });
                if let Some(Popup::Print(menu)) = &mut self.popup {
                    menu.outcome = outcome;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Renders one document as HTML and writes it beside the store: its path and what it holds.
    fn write_document(
        &self,
        edition: &str,
        document: Document,
        today: chrono::NaiveDate,
    ) -> Result<(PathBuf, String), PrintError> {
        let printed = print::print(
            &self.desk,
            edition,
            document,
            &SheetScope::default(),
            Format::Html,
            today,
        )?;
        let path = print::beside_store(self.desk.path(), edition, document, Format::Html);
        print::write_whole(&path, &printed.text)?;
        let mut summary = printed.summary;
        if !printed.notes.is_empty() {
            summary.push_str(&format!(
                "; no sheet for {} (observers, recused or absent jurors)",
                printed.notes.len()
            ));
        }
        Ok((path, summary))
    }
}
