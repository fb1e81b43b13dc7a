//! What must hold between the records of a store (SPEC §7.4), whichever way they came in: every
//! reference resolves, inside its parent (a ballot's nominees and an award's winners belong to its
//! category; a ballot's juror sits on that category's edition), a ranking names a nominee once, a
//! round is voted once, scores lie on the 0–10 scale, nominee numbers are unique in a category, and
//! names, titles and synopses keep the length limits every way in enforces.
//!
//! `check` runs it over the store, and `import backup` over a backup before anything is written, so a
//! backup edited into something jurydesk would never write is refused with the record named.

use std::collections::{HashMap, HashSet};

use crate::domain::{
    Award, Ballot, BallotContent, Category, Edition, Festival, Film, Id, Juror, MAX_LINE_CHARS,
    MAX_TEXT_CHARS, Nomination, Submission,
};

/// Every record of a store (or of a backup), decoded.
#[derive(Debug, Default)]
pub struct Records {
    pub festivals: Vec<Festival>,
    pub editions: Vec<Edition>,
    pub films: Vec<Film>,
    pub submissions: Vec<Submission>,
    pub categories: Vec<Category>,
    pub jurors: Vec<Juror>,
    pub nominations: Vec<Nomination>,
    pub ballots: Vec<Ballot>,
    pub awards: Vec<Award>,
}

/// The highest score a ballot may give (SPEC §2: 0–10).
const TOP_SCORE: u8 = 10;

/// Every broken invariant, one line each, naming the record.
pub fn problems(r: &Records) -> Vec<String> {
    let mut p = Vec::new();
    let festivals: HashSet<Id> = r.festivals.iter().map(|f| f.id).collect();
    let editions: HashSet<Id> = r.editions.iter().map(|e| e.id).collect();
    let films: HashSet<Id> = r.films.iter().map(|f| f.id).collect();
    let submissions: HashMap<Id, &Submission> = r.submissions.iter().map(|s| (s.id, s)).collect();
    let categories: HashMap<Id, &Category> = r.categories.iter().map(|c| (c.id, c)).collect();
    let jurors: HashMap<Id, &Juror> = r.jurors.iter().map(|j| (j.id, j)).collect();
    let nominations: HashMap<Id, &Nomination> = r.nominations.iter().map(|n| (n.id, n)).collect();
    let missing = |p: &mut Vec<String>, owner: &str, what: &str, id: Id| {
        p.push(format!(
            "{owner} refers to {what} {id}, which does not exist"
        ));
    };

    // Length limits only where every way in enforces them (the names and titles typed or imported,
    // and the synopsis): a longer value there was written outside jurydesk.
    for f in &r.festivals {
        line(&mut p, &format!("festival {}", f.id), "name", &f.name);
    }
    for e in &r.editions {
        if !festivals.contains(&e.festival_id) {
            missing(
                &mut p,
                &format!("edition {}", e.code),
                "festival",
                e.festival_id,
            );
        }
    }
    for f in &r.films {
        let owner = format!("film {}", f.id);
        line(&mut p, &owner, "title", &f.title);
        line(&mut p, &owner, "original title", &f.original_title);
        text(&mut p, &owner, "synopsis", &f.synopsis);
    }
    for s in &r.submissions {
        let owner = format!("submission {}", s.id);
        if !editions.contains(&s.edition_id) {
            missing(&mut p, &owner, "edition", s.edition_id);
        }
        if !films.contains(&s.film_id) {
            missing(&mut p, &owner, "film", s.film_id);
        }
    }
    for c in &r.categories {
        let owner = format!("category {}", c.id);
        if !editions.contains(&c.edition_id) {
            missing(&mut p, &owner, "edition", c.edition_id);
        }
        line(&mut p, &owner, "name", &c.name);
    }
    for j in &r.jurors {
        let owner = format!("juror {}", j.id);
        if !editions.contains(&j.edition_id) {
            missing(&mut p, &owner, "edition", j.edition_id);
        }
        line(&mut p, &owner, "name", &j.name);
        for recusal in &j.recusals {
            if !submissions.contains_key(&recusal.submission_id) {
                missing(&mut p, &owner, "submission", recusal.submission_id);
            }
            line(&mut p, &owner, "recusal reason", &recusal.reason);
        }
        for cleared in &j.cleared_conflicts {
            if !submissions.contains_key(&cleared.submission_id) {
                missing(&mut p, &owner, "submission", cleared.submission_id);
            }
            line(
                &mut p,
                &owner,
                "reason a conflict was cleared",
                &cleared.reason,
            );
        }
    }
    let mut numbers: HashMap<(Id, u32), Id> = HashMap::new();
    for n in &r.nominations {
        let owner = format!("nomination {}", n.id);
        if !categories.contains_key(&n.category_id) {
            missing(&mut p, &owner, "category", n.category_id);
        }
        if !submissions.contains_key(&n.submission_id) {
            missing(&mut p, &owner, "submission", n.submission_id);
        }
        if let Some(person) = &n.person {
            line(&mut p, &owner, "person", person);
        }
        if let Some(other) = numbers.insert((n.category_id, n.number), n.id) {
            p.push(format!(
                "{owner} has number {} in category {}, which nomination {other} has too",
                n.number, n.category_id
            ));
        }
    }
    for b in &r.ballots {
        let owner = format!("ballot {}", b.id);
        let category = categories.get(&b.category_id);
        if category.is_none() {
            missing(&mut p, &owner, "category", b.category_id);
        }
        match jurors.get(&b.juror_id) {
            None => missing(&mut p, &owner, "juror", b.juror_id),
            Some(juror) => {
                if let Some(category) = category
                    && juror.edition_id != category.edition_id
                {
                    p.push(format!(
                        "{owner} is juror {}'s, who does not sit on the jury of category {}'s edition",
                        juror.id, category.id
                    ));
                }
            }
        }
        let named: Vec<Id> = match &b.content {
            BallotContent::Ranked(order) => order.clone(),
            BallotContent::Scored(scores) => scores.iter().map(|(n, _)| *n).collect(),
            BallotContent::Rounds(votes) => votes.iter().map(|(_, n)| *n).collect(),
        };
        for id in &named {
            match nominations.get(id) {
                None => missing(&mut p, &owner, "nomination", *id),
                Some(n) if n.category_id != b.category_id => p.push(format!(
                    "{owner} (category {}) names nomination {id}, which is in category {}",
                    b.category_id, n.category_id
                )),
                Some(_) => {}
            }
        }
        match &b.content {
            BallotContent::Ranked(_) | BallotContent::Scored(_) => {
                if let Some(twice) = repeated(&named) {
                    p.push(format!("{owner} names nomination {twice} more than once"));
                }
            }
            BallotContent::Rounds(votes) => {
                let rounds: Vec<Id> = votes.iter().map(|(r, _)| u64::from(*r)).collect();
                if let Some(twice) = repeated(&rounds) {
                    p.push(format!("{owner} holds two votes in round {twice}"));
                }
            }
        }
        if let BallotContent::Scored(scores) = &b.content
            && let Some((n, score)) = scores.iter().find(|(_, s)| *s > TOP_SCORE)
        {
            p.push(format!(
                "{owner} gives nomination {n} a score of {score}, off the 0–{TOP_SCORE} scale"
            ));
        }
    }
    for a in &r.awards {
        let owner = format!("award {}", a.id);
        if !categories.contains_key(&a.category_id) {
            missing(&mut p, &owner, "category", a.category_id);
        }
        for w in &a.winners {
            match nominations.get(w) {
                None => missing(&mut p, &owner, "nomination", *w),
                Some(n) if n.category_id != a.category_id => p.push(format!(
                    "{owner} (category {}) names winner nomination {w}, which is in category {}",
                    a.category_id, n.category_id
                )),
                Some(_) => {}
            }
        }
    }
    p
}

fn repeated(ids: &[Id]) -> Option<Id> {
    let mut seen = HashSet::new();
    ids.iter().copied().find(|id| !seen.insert(*id))
}

fn line(p: &mut Vec<String>, owner: &str, field: &str, value: &str) {
    let length = value.chars().count();
    if length > MAX_LINE_CHARS {
        p.push(format!(
            "{owner}: its {field} is {length} characters long; at most {MAX_LINE_CHARS} fit a one-line field"
        ));
    }
}

fn text(p: &mut Vec<String>, owner: &str, field: &str, value: &str) {
    let length = value.chars().count();
    if length > MAX_TEXT_CHARS {
        p.push(format!(
            "{owner}: its {field} is {length} characters long; at most {MAX_TEXT_CHARS} fit a text field"
        ));
    }
}
