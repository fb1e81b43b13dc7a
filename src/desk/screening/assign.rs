//! Assignment (docs/screening.md#screeners-and-assignment): every in-scope submission gets k different
//! screeners, loads differ by at most one, never a screener recused from or credited on the film,
//! reproducibly from a seed.
//!
//! `plan` is pure (and proptested): films are taken in a seeded random order and each is given the k
//! least-loaded screeners it may have, ties drawn at random, which keeps every load within one of the
//! others when nothing is blocked (the least-loaded are always taken first). A recusal can push a load
//! apart; a repair pass then moves films from the most- to the least-loaded screener while one can
//! take one. The random ties also mix the screeners, so that z-normalisation compares each screener
//! with many others, not with a fixed trio.

use std::collections::{HashMap, HashSet};

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::super::{Desk, DeskError, Result};
use crate::domain::{
    Assignments, Edition, Film, Id, RoundState, Screener, ScreeningRound, Submission,
};
use crate::store::{Kind, Tx, keys};

/// What `plan` works from, by position: screener `s` and submission `i` are indexes.
#[derive(Debug, Clone, Default)]
pub struct PlanInput {
    pub submissions: usize,
    pub screeners: usize,
    pub coverage: usize,
    /// (screener, submission) pairs that may not be assigned.
    pub blocked: HashSet<(usize, usize)>,
    /// Screeners already assigned to each submission (kept; they count in the loads).
    pub existing: Vec<Vec<usize>>,
}

/// What `plan` adds, and what it could not.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// For each submission, the screeners it gets (existing first, then the new ones).
    pub screeners_of: Vec<Vec<usize>>,
    /// (submission, screener) pairs added.
    pub added: Vec<(usize, usize)>,
    /// Submissions left with fewer than `coverage` screeners.
    pub short: Vec<usize>,
}

/// Spreads the submissions over the screeners; see the module.
pub fn plan(input: &PlanInput, seed: u64) -> Plan {
    let (n, m, k) = (input.submissions, input.screeners, input.coverage);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut screeners_of: Vec<Vec<usize>> = (0..n)
        .map(|i| input.existing.get(i).cloned().unwrap_or_default())
        .collect();
    let mut load = vec![0usize; m];
    for list in &screeners_of {
        for &s in list {
            load[s] += 1;
        }
    }
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        order.swap(i, rng.random_range(0..=i));
    }
    let mut added = Vec::new();
    let mut candidates: Vec<(usize, u32, usize)> = Vec::with_capacity(m);
    for &i in &order {
        let need = k.saturating_sub(screeners_of[i].len());
        if need == 0 {
            continue;
        }
        candidates.clear();
        for (s, &l) in load.iter().enumerate() {
            if !screeners_of[i].contains(&s) && !input.blocked.contains(&(s, i)) {
                candidates.push((l, rng.random::<u32>(), s));
            }
        }
        let take = need.min(candidates.len());
        if take < candidates.len() {
            candidates.select_nth_unstable(take);
        }
        for &(_, _, s) in &candidates[..take] {
            screeners_of[i].push(s);
            load[s] += 1;
            added.push((i, s));
        }
    }
    super::balance::repair(input, &mut screeners_of, &mut load, &mut added);
    let short = (0..n).filter(|&i| screeners_of[i].len() < k).collect();
    Plan {
        screeners_of,
        added,
        short,
    }
}

/// A submission that could not get all its screeners, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uncovered {
    pub submission: Id,
    pub title: String,
    pub got: usize,
    pub why: String,
}

/// What `assign` or `release` did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssignReport {
    pub added: usize,
    /// Each screener's load in the round afterwards, by name.
    pub loads: Vec<(String, usize)>,
    pub uncovered: Vec<Uncovered>,
    /// When the loads cannot be within one: the two screeners furthest apart and the films (with
    /// why) that keep them apart.
    pub uneven: Option<String>,
}

/// A round's assignment lists, indexed by screener.
pub(super) struct Lists {
    pub(super) by_screener: HashMap<Id, Assignments>,
}

impl Desk {
    /// One screener's assignments in a round, if any.
    pub fn assignments_of(&self, round: Id, screener: Id) -> Result<Option<Assignments>> {
        match self
            .store
            .id_at(&keys::pair(keys::ASSIGNMENTS_OF_ROUND, round, screener))?
        {
            Some(id) => Ok(self.store.get::<Assignments>(id)?),
            None => Ok(None),
        }
    }

    /// Every assignment list of a round.
    pub fn round_assignments(&self, round: Id) -> Result<Vec<Assignments>> {
        let ids = self
            .store
            .ids_valued_under(&keys::children(keys::ASSIGNMENTS_OF_ROUND, round))?;
        Ok(self.store.many(&ids)?)
    }

    pub(super) fn lists(&self, round: Id) -> Result<Lists> {
        Ok(Lists {
            by_screener: self
                .round_assignments(round)?
                .into_iter()
                .map(|a| (a.screener_id, a))
                .collect(),
        })
    }

    /// Why each screener may not have each film of the round: recusals, and credits (the screener's
    /// name among the film's credited people, folded).
    pub(super) fn blocked(
        &self,
        round: &ScreeningRound,
        screeners: &[Screener],
    ) -> Result<HashMap<(Id, Id), String>> {
        let mut why = HashMap::new();
        for s in screeners {
            for r in &s.recusals {
                why.insert(
                    (s.id, r.submission_id),
                    format!("{} is recused ({})", s.name, r.reason),
                );
            }
        }
        let names: HashMap<String, &Screener> = screeners
            .iter()
            .map(|s| (crate::text::fold(&s.name), s))
            .collect();
        let submissions = self
            .store
            .many_sorted::<Submission>(&round.submission_ids)?;
        let mut film_ids: Vec<Id> = submissions.iter().map(|s| s.film_id).collect();
        film_ids.sort_unstable();
        film_ids.dedup();
        let films: HashMap<Id, Film> = self
            .store
            .many_sorted::<Film>(&film_ids)?
            .into_iter()
            .map(|f| (f.id, f))
            .collect();
        for submission in &submissions {
            let Some(film) = films.get(&submission.film_id) else {
                continue;
            };
            for person in film.credited_people() {
                if let Some(s) = names.get(&crate::text::fold(person)) {
                    why.entry((s.id, submission.id))
                        .or_insert_with(|| format!("{} is credited on the film", s.name));
                }
            }
        }
        Ok(why)
    }

    /// `screening assign`: tops every in-scope submission up to the round's coverage (keeping what is
    /// assigned already), as one logged change. Reproducible: the same store and seed give the same
    /// assignments.
    pub fn assign_screening(&self, edition: &str, number: u32, seed: u64) -> Result<AssignReport> {
        let (edition, round) = self.round_for_change(edition, number)?;
        refuse_closed(&edition, &round, "its assignments")?;
        let screeners = self.screeners(edition.id)?;
        if screeners.is_empty() {
            return Err(DeskError::Refused(format!(
                "{} has no screeners: seat them first (screening screener add --edition {} --name …)",
                edition.code, edition.code
            )));
        }
        let lists = self.lists(round.id)?;
        let blocked = self.blocked(&round, &screeners)?;
        let input = plan_input(
            &round.submission_ids,
            &screeners,
            &lists,
            &blocked,
            round.coverage as usize,
        );
        let planned = plan(&input, seed);
        let mut additions: Vec<Vec<Id>> = vec![Vec::new(); screeners.len()];
        for &(i, s) in &planned.added {
            additions[s].push(round.submission_ids[i]);
        }
        let mut tx = self.store.begin();
        write_additions(&mut tx, &round, &screeners, &lists, additions)?;
        tx.commit(format!(
            "screening assign round {} ({}): {} assignment(s), seed {seed}",
            round.number,
            edition.code,
            planned.added.len()
        ))?;
        let mut report = self.assign_report(
            &round,
            &screeners,
            &blocked,
            &planned.short,
            &planned.screeners_of,
        )?;
        report.added = planned.added.len();
        report.uneven = super::balance::uneven(&input, &planned).map(|(hi, lo, films)| {
            uneven_text(
                &round,
                &screeners,
                &blocked,
                &report.loads,
                (hi, lo),
                &films,
            )
        });
        Ok(report)
    }

    pub(super) fn assign_report(
        &self,
        round: &ScreeningRound,
        screeners: &[Screener],
        blocked: &HashMap<(Id, Id), String>,
        short: &[usize],
        screeners_of: &[Vec<usize>],
    ) -> Result<AssignReport> {
        let mut loads = vec![0usize; screeners.len()];
        for list in screeners_of {
            for &s in list {
                loads[s] += 1;
            }
        }
        let mut uncovered = Vec::new();
        for &i in short {
            let id = round.submission_ids[i];
            let reasons: Vec<&str> = screeners
                .iter()
                .filter_map(|s| blocked.get(&(s.id, id)).map(String::as_str))
                .collect();
            let why = if screeners.len() < round.coverage as usize {
                format!(
                    "the committee has {} screener(s) for a coverage of {}",
                    screeners.len(),
                    round.coverage
                )
            } else {
                reasons.join("; ")
            };
            uncovered.push(Uncovered {
                submission: id,
                title: self.film(self.submission(id)?.film_id)?.title,
                got: screeners_of[i].len(),
                why,
            });
        }
        Ok(AssignReport {
            added: 0,
            loads: screeners
                .iter()
                .zip(loads)
                .map(|(s, l)| (s.name.clone(), l))
                .collect(),
            uncovered,
            uneven: None,
        })
    }
}

/// The report's words for loads that cannot be within one: "loads differ by 2 (Ana 10, Emil 8):
/// Emil may not take any of the films that would even them: submission 7: Emil is recused (…); …".
fn uneven_text(
    round: &ScreeningRound,
    screeners: &[Screener],
    blocked: &HashMap<(Id, Id), String>,
    loads: &[(String, usize)],
    (hi, lo): (usize, usize),
    films: &[usize],
) -> String {
    const SHOWN: usize = 20;
    let (most, least) = (&loads[hi], &loads[lo]);
    let mut why: Vec<String> = films
        .iter()
        .take(SHOWN)
        .map(|&i| {
            let id = round.submission_ids[i];
            let reason = blocked
                .get(&(screeners[lo].id, id))
                .map_or("kept off it", String::as_str);
            format!("submission {id}: {reason}")
        })
        .collect();
    if films.len() > SHOWN {
        why.push(format!("and {} more", films.len() - SHOWN));
    }
    format!(
        "loads differ by {} ({} {}, {} {}): {} may not take any film that would even them out ({} film(s)): {}",
        most.1 - least.1,
        most.0,
        most.1,
        least.0,
        least.1,
        least.0,
        films.len(),
        why.join("; ")
    )
}

/// What `plan` needs for `films`: each film's screeners already assigned (from `lists`) and the
/// screeners it may not have (`blocked`), by position.
pub(super) fn plan_input(
    films: &[Id],
    screeners: &[Screener],
    lists: &Lists,
    blocked: &HashMap<(Id, Id), String>,
    coverage: usize,
) -> PlanInput {
    let position: HashMap<Id, usize> = films.iter().enumerate().map(|(i, &id)| (id, i)).collect();
    let seat: HashMap<Id, usize> = screeners
        .iter()
        .enumerate()
        .map(|(s, x)| (x.id, s))
        .collect();
    let mut input = PlanInput {
        submissions: films.len(),
        screeners: screeners.len(),
        coverage,
        blocked: HashSet::new(),
        existing: vec![Vec::new(); films.len()],
    };
    for (s, screener) in screeners.iter().enumerate() {
        if let Some(list) = lists.by_screener.get(&screener.id) {
            for id in &list.submission_ids {
                if let Some(&i) = position.get(id) {
                    input.existing[i].push(s);
                }
            }
        }
    }
    for (screener, submission) in blocked.keys() {
        if let (Some(&s), Some(&i)) = (seat.get(screener), position.get(submission)) {
            input.blocked.insert((s, i));
        }
    }
    input
}

/// Merges new assignments into the screeners' lists (creating the lists that do not exist yet).
pub(super) fn write_additions(
    tx: &mut Tx<'_>,
    round: &ScreeningRound,
    screeners: &[Screener],
    lists: &Lists,
    additions: Vec<Vec<Id>>,
) -> Result<()> {
    for (screener, mut new) in screeners.iter().zip(additions) {
        if new.is_empty() {
            continue;
        }
        let mut list = match lists.by_screener.get(&screener.id) {
            Some(list) => list.clone(),
            None => Assignments {
                id: tx.new_id(Kind::Assignments)?,
                round_id: round.id,
                screener_id: screener.id,
                submission_ids: Vec::new(),
            },
        };
        list.submission_ids.append(&mut new);
        list.submission_ids.sort_unstable();
        list.submission_ids.dedup();
        tx.put(&list)?;
    }
    Ok(())
}

/// Refuses a change to a closed round's `what`.
pub(super) fn refuse_closed(edition: &Edition, round: &ScreeningRound, what: &str) -> Result<()> {
    if round.state == RoundState::Closed {
        return Err(DeskError::Refused(format!(
            "round {} of {} is closed: {what} cannot change until it is reopened (screening reopen --edition {} --round {} --reason …)",
            round.number, edition.code, edition.code, round.number
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn loads(p: &Plan, m: usize) -> Vec<usize> {
        let mut l = vec![0; m];
        for list in &p.screeners_of {
            for &s in list {
                l[s] += 1;
            }
        }
        l
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn assignment_properties(
            n in 0usize..200,
            m in 1usize..12,
            k in 1usize..4,
            seed in any::<u64>(),
            raw_blocked in proptest::collection::vec((0usize..12, 0usize..200), 0..20),
        ) {
            let blocked: HashSet<(usize, usize)> =
                raw_blocked.into_iter().filter(|&(s, i)| s < m && i < n).collect();
            let input = PlanInput { submissions: n, screeners: m, coverage: k, blocked: blocked.clone(), existing: vec![] };
            let p = plan(&input, seed);
            // Same seed, same result.
            prop_assert_eq!(&p, &plan(&input, seed));
            for (i, list) in p.screeners_of.iter().enumerate() {
                // Distinct, never blocked.
                let distinct: HashSet<_> = list.iter().collect();
                prop_assert_eq!(distinct.len(), list.len());
                prop_assert!(list.iter().all(|&s| !blocked.contains(&(s, i))));
                // Exact coverage where enough screeners may take the film; the rest are reported.
                let may = (0..m).filter(|&s| !blocked.contains(&(s, i))).count();
                prop_assert_eq!(list.len(), k.min(may));
                prop_assert_eq!(p.short.contains(&i), may < k);
            }
            // Loads within one, whenever no more than one film per screener is blocked and each
            // blocked film still has k others (a looser case can make balance impossible).
            let l = loads(&p, m);
            let per_screener_ok = (0..m).all(|s| blocked.iter().filter(|b| b.0 == s).count() <= 1);
            if per_screener_ok && p.short.is_empty() && n >= m {
                let (lo, hi) = (l.iter().min().copied().unwrap_or(0), l.iter().max().copied().unwrap_or(0));
                prop_assert!(hi - lo <= 1, "loads {:?}", l);
            }
        }
    }

    #[test]
    fn loads_are_within_one_without_conflicts() {
        let input = PlanInput {
            submissions: 1000,
            screeners: 7,
            coverage: 3,
            ..PlanInput::default()
        };
        let l = loads(&plan(&input, 42), 7);
        assert_eq!(l.iter().sum::<usize>(), 3000);
        assert!(
            l.iter().max().unwrap() - l.iter().min().unwrap() <= 1,
            "{l:?}"
        );
        // Another seed, another draw.
        assert_ne!(plan(&input, 42), plan(&input, 43));
    }

    #[test]
    fn a_film_with_too_few_free_screeners_is_reported() {
        let input = PlanInput {
            submissions: 3,
            screeners: 3,
            coverage: 3,
            blocked: [(0, 1)].into_iter().collect(),
            existing: vec![],
        };
        let p = plan(&input, 1);
        assert_eq!(p.short, vec![1]);
        assert_eq!(p.screeners_of[1].len(), 2);
    }
}
