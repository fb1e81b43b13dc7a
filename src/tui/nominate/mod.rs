//! Nominating the selected submission (`n`): choose the category, then, in a person category, the
//! person from the film's credits.

mod app;
pub(in crate::tui) mod view;

use crate::desk::{Desk, DeskError, Nominee};
use crate::domain::{Category, CategoryKind, Edition, Film};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NominatePicker {
    pub edition: Edition,
    pub submission_id: u64,
    pub film: Film,
    pub categories: Vec<Category>,
    pub cursor: usize,
    /// Set once a person category is chosen: the film's credited people to pick from.
    pub person_step: Option<(Category, Vec<(String, &'static str)>)>,
    pub message: Option<String>,
    /// The secretary said yes to nominating a submission out of the running (withdrawn…).
    pub force: bool,
}

impl NominatePicker {
    pub fn open(
        desk: &Desk,
        edition: Edition,
        submission_id: u64,
        film: Film,
    ) -> Result<Self, DeskError> {
        crate::desk::refuse_if_finalized(&edition)?;
        let categories = desk.categories(edition.id)?;
        if categories.is_empty() {
            return Err(DeskError::Refused(format!(
                "{} has no categories yet: add one with `jurydesk category add`",
                edition.code
            )));
        }
        Ok(NominatePicker {
            edition,
            submission_id,
            film,
            categories,
            cursor: 0,
            person_step: None,
            message: None,
            force: false,
        })
    }

    /// The rows on screen: categories, or people in the second step.
    pub fn rows(&self) -> Vec<String> {
        match &self.person_step {
            Some((_, people)) => people
                .iter()
                .map(|(p, role)| format!("{p}  ({role})"))
                .collect(),
            None => self
                .categories
                .iter()
                .map(|c| format!("{}  ({})", c.name, c.kind.as_str()))
                .collect(),
        }
    }

    pub fn step(&mut self, delta: isize) {
        let len = self.rows().len();
        self.cursor = self
            .cursor
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
    }

    /// Enter: choose the highlighted row. Returns the nomination once made.
    pub fn choose(&mut self, desk: &Desk) -> Result<Option<Nominee>, DeskError> {
        let (category, person) = if let Some((category, people)) = &self.person_step {
            let Some((person, _)) = people.get(self.cursor) else {
                return Ok(None);
            };
            (category.clone(), Some(person.clone()))
        } else {
            let Some(category) = self.categories.get(self.cursor).cloned() else {
                return Ok(None);
            };
            if category.kind == CategoryKind::Person {
                let people = credits(&self.film);
                if people.is_empty() {
                    return Err(DeskError::Refused(format!(
                        "'{}' awards a person, and this film has no credits yet: add them first (e)",
                        category.name
                    )));
                }
                self.person_step = Some((category, people));
                self.cursor = 0;
                return Ok(None);
            }
            (category, None)
        };
        let nominee = desk.nominate_with(
            &self.edition.code,
            &category.id.to_string(),
            &self.submission_id.to_string(),
            person.as_deref(),
            self.force,
        )?;
        Ok(Some(nominee))
    }
}

fn credits(film: &Film) -> Vec<(String, &'static str)> {
    let mut people: Vec<(String, &'static str)> = Vec::new();
    for (role, names) in [
        ("director", &film.directors),
        ("writer", &film.writers),
        ("producer", &film.producers),
        ("cast", &film.cast),
    ] {
        for name in names {
            if !people.iter().any(|(p, _)| p == name) {
                people.push((name.clone(), role));
            }
        }
    }
    people
}
