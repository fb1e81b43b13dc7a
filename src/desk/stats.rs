//! Award statistics (README.md#command-line `stats awards`): nominations and wins counted per film,
//! person or country, over one edition, one festival or the whole store.

use std::collections::hash_map::Entry;
use std::collections::{BTreeSet, HashMap};

use super::{Desk, Result};
use crate::domain::{Film, Id};
use crate::text::fold;

/// What the statistics count by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatsBy {
    Film,
    /// The nominated person in a person category; in a film category, the film's directors.
    Person,
    /// Each of the film's countries.
    Country,
}

/// Which awards the statistics cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatsScope {
    Everything,
    Festival(String),
    Edition(String),
}

/// One film, person or country with its nominations and wins.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StatLine {
    pub name: String,
    pub nominations: u32,
    pub wins: u32,
}

/// The name under which a film without recorded countries is counted by country.
pub const NO_COUNTRY: &str = "(no country recorded)";

impl Desk {
    /// Nominations and wins per film, person or country: most wins first, then most nominations, then
    /// name. Films that share a title are told apart by their year.
    pub fn award_stats(&self, scope: &StatsScope, by: StatsBy) -> Result<Vec<StatLine>> {
        let editions = match scope {
            StatsScope::Everything => self.store.all::<crate::domain::Edition>()?,
            StatsScope::Festival(code) => {
                let festival = self.festival(code)?;
                self.store
                    .all::<crate::domain::Edition>()?
                    .into_iter()
                    .filter(|e| e.festival_id == festival.id)
                    .collect()
            }
            StatsScope::Edition(code) => vec![self.edition(code)?],
        };
        let mut films: HashMap<Id, Film> = HashMap::new();
        // Group key → (shown name, nominations, wins).
        let mut groups: HashMap<String, StatLine> = HashMap::new();
        for edition in &editions {
            for category in self.categories(edition.id)? {
                let won: BTreeSet<Id> = self
                    .awards(category.id)?
                    .into_iter()
                    .flat_map(|a| a.winners)
                    .collect();
                for nomination in self.nominations(category.id)? {
                    let submission = self.submission(nomination.submission_id)?;
                    let film = match films.entry(submission.film_id) {
                        Entry::Occupied(known) => known.into_mut(),
                        Entry::Vacant(slot) => slot.insert(self.film(submission.film_id)?),
                    };
                    let names: Vec<(String, String)> = match by {
                        StatsBy::Film => vec![(format!("film:{}", film.id), film.title.clone())],
                        StatsBy::Person => match (&nomination.person, category.kind) {
                            (Some(person), _) => vec![(fold(person), person.clone())],
                            (None, _) => film
                                .directors
                                .iter()
                                .map(|d| (fold(d), d.clone()))
                                .collect(),
                        },
                        StatsBy::Country if film.countries.is_empty() => {
                            vec![(NO_COUNTRY.to_string(), NO_COUNTRY.to_string())]
                        }
                        StatsBy::Country => film
                            .countries
                            .iter()
                            .map(|c| (fold(c), c.clone()))
                            .collect(),
                    };
                    let unique: BTreeSet<(String, String)> = names.into_iter().collect();
                    for (key, name) in unique {
                        let line = groups.entry(key).or_insert_with(|| StatLine {
                            name,
                            nominations: 0,
                            wins: 0,
                        });
                        line.nominations += 1;
                        if won.contains(&nomination.id) {
                            line.wins += 1;
                        }
                    }
                }
            }
        }
        if by == StatsBy::Film {
            name_films_apart(&mut groups, &films);
        }
        let mut lines: Vec<(Vec<u8>, StatLine)> = groups
            .into_values()
            .map(|line| (crate::text::collation::sort_key(&line.name), line))
            .collect();
        // Most wins first; equal lines by name in collation order (countries, people, titles).
        lines.sort_by(|(ka, a), (kb, b)| {
            b.wins
                .cmp(&a.wins)
                .then(b.nominations.cmp(&a.nominations))
                .then_with(|| ka.cmp(kb))
        });
        let lines: Vec<StatLine> = lines.into_iter().map(|(_, line)| line).collect();
        Ok(lines)
    }
}

/// Adds the year to the names of films that share a title, so each line names one film.
fn name_films_apart(groups: &mut HashMap<String, StatLine>, films: &HashMap<Id, Film>) {
    let mut by_title: HashMap<String, usize> = HashMap::new();
    for line in groups.values() {
        *by_title.entry(fold(&line.name)).or_default() += 1;
    }
    for (key, line) in groups.iter_mut() {
        if by_title[&fold(&line.name)] < 2 {
            continue;
        }
        let year = key
            .strip_prefix("film:")
            .and_then(|id| id.parse::<Id>().ok())
            .and_then(|id| films.get(&id))
            .and_then(|f| f.year);
        if let Some(year) = year {
            line.name = format!("{} ({year})", line.name);
        }
    }
}
