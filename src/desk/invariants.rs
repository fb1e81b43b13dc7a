//! What must hold between the records of a store (docs/architecture.md#integrity), whichever way
//! they came in: every reference resolves, inside its parent (a ballot's nominees and an award's
//! winners belong to its category; a ballot's juror sits on that category's edition), a ranking
//! names a nominee once, a round is voted once, scores lie on the 0–10 scale, nominee numbers are
//! unique in a category, and names, titles and synopses keep the length limits every way in
//! enforces.
//!
//! `check` runs it over the store, and `import backup` over a backup before anything is written, so a
//! backup edited into something jurydesk would never write is refused with the record named.

mod screening;

use std::collections::{HashMap, HashSet};

use crate::domain::{
    Award, Ballot, BallotContent, Category, Edition, Festival, Film, Id, Juror, MAX_LINE_CHARS,
    MAX_TEXT_CHARS, Nomination, Submission,
};

pub use crate::store::Records;

/// The highest score a ballot may give (docs/domain.md#entities: 0–10).
const TOP_SCORE: u8 = 10;

/// Every broken invariant, one line each, naming the record.
pub fn problems(r: &Records) -> Vec<String> {
    let mut checker = Checker::default();
    r.festivals.iter().for_each(|f| checker.festival(f));
    r.editions.iter().for_each(|e| checker.edition(e));
    r.films.iter().for_each(|f| checker.film(f));
    r.submissions.iter().for_each(|s| checker.submission(s));
    r.categories.iter().for_each(|c| checker.category(c));
    r.jurors.iter().for_each(|j| checker.juror(j));
    r.nominations.iter().for_each(|n| checker.nomination(n));
    r.ballots.iter().for_each(|b| checker.ballot(b));
    r.awards.iter().for_each(|a| checker.award(a));
    r.screening_rounds
        .iter()
        .for_each(|x| checker.screening_round(x));
    r.screeners.iter().for_each(|x| checker.screener(x));
    r.assignments.iter().for_each(|x| checker.assignments(x));
    r.ratings.iter().for_each(|x| checker.rating(x));
    checker.finish()
}

/// The invariants checked a record at a time, so that a backup read as a stream is checked without
/// holding its records: of each record only what other records' checks need is kept (its id, and
/// the parent a ballot's or an award's references are compared with). A check that needs another
/// record is settled at `finish`, when every record is in; the problems come out in the order the
/// records came, each record's in the order its checks are written here.
#[derive(Debug, Default)]
pub struct Checker {
    festivals: HashSet<Id>,
    editions: HashSet<Id>,
    films: HashSet<Id>,
    submissions: HashSet<Id>,
    /// Category → its edition.
    categories: HashMap<Id, Id>,
    /// Juror → the edition whose jury they sit on.
    jurors: HashMap<Id, Id>,
    /// Nomination → its category.
    nominations: HashMap<Id, Id>,
    numbers: HashMap<(Id, u32), Id>,
    checks: Vec<Check>,
    screening: screening::Screening,
}

/// A check, in the order it was met.
#[derive(Debug)]
enum Check {
    /// A problem found in the record alone.
    Said(String),
    /// `owner` refers to `what` `id`, which must exist.
    Exists { owner: String, what: Target, id: Id },
    /// A ballot's juror must exist and sit on the jury of its category's edition.
    Juror {
        owner: String,
        juror: Id,
        category: Id,
    },
    /// A nomination a ballot names (or an award's winner) must exist, in the owner's category.
    Nominee {
        owner: String,
        category: Id,
        nomination: Id,
        winner: bool,
    },
}

/// What a reference points at.
#[derive(Debug, Clone, Copy)]
enum Target {
    Festival,
    Edition,
    Film,
    Submission,
    Category,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Festival => "festival",
            Target::Edition => "edition",
            Target::Film => "film",
            Target::Submission => "submission",
            Target::Category => "category",
        }
    }
}

impl Checker {
    fn said(&mut self, problem: Option<String>) {
        self.checks.extend(problem.map(Check::Said));
    }

    fn exists(&mut self, owner: &str, what: Target, id: Id) {
        self.checks.push(Check::Exists {
            owner: owner.to_string(),
            what,
            id,
        });
    }

    // Length limits only where every way in enforces them (the names and titles typed or imported,
    // and the synopsis): a longer value there was written outside jurydesk.

    pub fn festival(&mut self, f: &Festival) {
        self.festivals.insert(f.id);
        self.said(line(&format!("festival {}", f.id), "name", &f.name));
    }

    pub fn edition(&mut self, e: &Edition) {
        self.editions.insert(e.id);
        self.exists(
            &format!("edition {}", e.code),
            Target::Festival,
            e.festival_id,
        );
    }

    pub fn film(&mut self, f: &Film) {
        self.films.insert(f.id);
        let owner = format!("film {}", f.id);
        self.said(line(&owner, "title", &f.title));
        self.said(line(&owner, "original title", &f.original_title));
        self.said(text(&owner, "synopsis", &f.synopsis));
        // Originals pair with their names by place (`domain::names`): one more than the names has
        // no one to belong to.
        for (what, names, originals) in [
            ("directors", &f.directors, &f.original_directors),
            ("writers", &f.writers, &f.original_writers),
            ("cast", &f.cast, &f.original_cast),
        ] {
            if originals.len() > names.len() {
                self.said(Some(format!(
                    "{owner}: {} original {what} for {} {what}: the names in the original script no longer pair with the names",
                    originals.len(),
                    names.len()
                )));
            }
            for original in originals {
                self.said(line(&owner, "name in the original script", original));
            }
        }
    }

    pub fn submission(&mut self, s: &Submission) {
        self.submissions.insert(s.id);
        let owner = format!("submission {}", s.id);
        self.exists(&owner, Target::Edition, s.edition_id);
        self.exists(&owner, Target::Film, s.film_id);
    }

    pub fn category(&mut self, c: &Category) {
        self.categories.insert(c.id, c.edition_id);
        let owner = format!("category {}", c.id);
        self.exists(&owner, Target::Edition, c.edition_id);
        self.said(line(&owner, "name", &c.name));
    }

    pub fn juror(&mut self, j: &Juror) {
        self.jurors.insert(j.id, j.edition_id);
        let owner = format!("juror {}", j.id);
        self.exists(&owner, Target::Edition, j.edition_id);
        self.said(line(&owner, "name", &j.name));
        self.said(line(&owner, "original name", &j.original_name));
        for recusal in &j.recusals {
            self.exists(&owner, Target::Submission, recusal.submission_id);
            self.said(line(&owner, "recusal reason", &recusal.reason));
        }
        for cleared in &j.cleared_conflicts {
            self.exists(&owner, Target::Submission, cleared.submission_id);
            self.said(line(
                &owner,
                "reason a conflict was cleared",
                &cleared.reason,
            ));
        }
        if let Some(pin) = &j.pin
            && !super::pin::pin_hash_is_readable(pin)
        {
            // A PIN no one could type: the juror would be locked out of the jury room.
            self.said(Some(format!(
                "{owner}'s jury-room PIN is not a hash jurydesk can read: set it again with `jurydesk juror pin`"
            )));
        }
    }

    pub fn nomination(&mut self, n: &Nomination) {
        self.nominations.insert(n.id, n.category_id);
        let owner = format!("nomination {}", n.id);
        self.exists(&owner, Target::Category, n.category_id);
        self.exists(&owner, Target::Submission, n.submission_id);
        if let Some(person) = &n.person {
            self.said(line(&owner, "person", person));
        }
        if let Some(other) = self.numbers.insert((n.category_id, n.number), n.id) {
            self.said(Some(format!(
                "{owner} has number {} in category {}, which nomination {other} has too",
                n.number, n.category_id
            )));
        }
    }

    pub fn ballot(&mut self, b: &Ballot) {
        let owner = format!("ballot {}", b.id);
        self.exists(&owner, Target::Category, b.category_id);
        self.checks.push(Check::Juror {
            owner: owner.clone(),
            juror: b.juror_id,
            category: b.category_id,
        });
        let named: Vec<Id> = match &b.content {
            BallotContent::Ranked(order) => order.clone(),
            BallotContent::Scored(scores) => scores.iter().map(|(n, _)| *n).collect(),
            BallotContent::Rounds(votes) => votes.iter().map(|(_, n)| *n).collect(),
        };
        for id in &named {
            self.checks.push(Check::Nominee {
                owner: owner.clone(),
                category: b.category_id,
                nomination: *id,
                winner: false,
            });
        }
        match &b.content {
            BallotContent::Ranked(_) | BallotContent::Scored(_) => {
                if let Some(twice) = repeated(&named) {
                    self.said(Some(format!(
                        "{owner} names nomination {twice} more than once"
                    )));
                }
            }
            BallotContent::Rounds(votes) => {
                let rounds: Vec<Id> = votes.iter().map(|(r, _)| u64::from(*r)).collect();
                if let Some(twice) = repeated(&rounds) {
                    self.said(Some(format!("{owner} holds two votes in round {twice}")));
                }
            }
        }
        if let BallotContent::Scored(scores) = &b.content
            && let Some((n, score)) = scores.iter().find(|(_, s)| *s > TOP_SCORE)
        {
            self.said(Some(format!(
                "{owner} gives nomination {n} a score of {score}, off the 0–{TOP_SCORE} scale"
            )));
        }
    }

    pub fn award(&mut self, a: &Award) {
        let owner = format!("award {}", a.id);
        self.exists(&owner, Target::Category, a.category_id);
        for w in &a.winners {
            self.checks.push(Check::Nominee {
                owner: owner.clone(),
                category: a.category_id,
                nomination: *w,
                winner: true,
            });
        }
    }

    /// Every broken invariant, one line each, naming the record.
    pub fn finish(self) -> Vec<String> {
        let missing = |owner: &str, what: &str, id: Id| {
            format!("{owner} refers to {what} {id}, which does not exist")
        };
        let mut p = Vec::new();
        for check in &self.checks {
            match check {
                Check::Said(problem) => p.push(problem.clone()),
                Check::Exists { owner, what, id } => {
                    let found = match what {
                        Target::Festival => self.festivals.contains(id),
                        Target::Edition => self.editions.contains(id),
                        Target::Film => self.films.contains(id),
                        Target::Submission => self.submissions.contains(id),
                        Target::Category => self.categories.contains_key(id),
                    };
                    if !found {
                        p.push(missing(owner, what.name(), *id));
                    }
                }
                Check::Juror {
                    owner,
                    juror,
                    category,
                } => match self.jurors.get(juror) {
                    None => p.push(missing(owner, "juror", *juror)),
                    Some(sits_on) => {
                        if let Some(edition) = self.categories.get(category)
                            && sits_on != edition
                        {
                            p.push(format!(
                                "{owner} is juror {juror}'s, who does not sit on the jury of category {category}'s edition"
                            ));
                        }
                    }
                },
                Check::Nominee {
                    owner,
                    category,
                    nomination,
                    winner,
                } => match self.nominations.get(nomination) {
                    None => p.push(missing(owner, "nomination", *nomination)),
                    Some(in_category) if in_category != category => {
                        let named = if *winner { "names winner" } else { "names" };
                        p.push(format!(
                            "{owner} (category {category}) {named} nomination {nomination}, which is in category {in_category}"
                        ));
                    }
                    Some(_) => {}
                },
            }
        }
        p.extend(self.screening_problems());
        p
    }
}

fn repeated(ids: &[Id]) -> Option<Id> {
    let mut seen = HashSet::new();
    ids.iter().copied().find(|id| !seen.insert(*id))
}

fn line(owner: &str, field: &str, value: &str) -> Option<String> {
    let length = value.chars().count();
    (length > MAX_LINE_CHARS).then(|| format!(
        "{owner}: its {field} is {length} characters long; at most {MAX_LINE_CHARS} fit a one-line field"
    ))
}

fn text(owner: &str, field: &str, value: &str) -> Option<String> {
    let length = value.chars().count();
    (length > MAX_TEXT_CHARS).then(|| format!(
        "{owner}: its {field} is {length} characters long; at most {MAX_TEXT_CHARS} fit a text field"
    ))
}

#[cfg(test)]
mod names_tests {
    use super::*;

    #[test]
    fn originals_with_no_name_to_pair_with_are_a_problem() {
        let mut checker = Checker::default();
        checker.film(&Film {
            id: 3,
            title: "Baran".into(),
            directors: vec!["Majid Majidi".into()],
            original_directors: vec!["مجید مجیدی".into(), "محسن مخملباف".into()],
            original_cast: vec!["x".repeat(MAX_LINE_CHARS + 1)],
            ..Film::default()
        });
        let problems = checker.finish();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("film 3: 2 original directors for 1 directors")),
            "{problems:?}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("its name in the original script is")),
            "{problems:?}"
        );
    }
}
