//! `screening release` (docs/screening.md): a screener who leaves has their unrated films spread
//! over the others, least loaded first, never to a conflicted screener or one who has the film
//! already; what they rated stays theirs.

use std::collections::HashSet;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::super::{Desk, Result};
use super::assign::{
    AssignReport, Lists, Plan, PlanInput, plan_input, refuse_closed, write_additions,
};
use crate::domain::{Id, Screener, ScreeningRound};

impl Desk {
    /// `screening release`: a leaving screener's unrated films go to the others (least loaded first,
    /// never a conflicted one or one who has the film already); what they rated stays theirs.
    pub fn release_screener(
        &self,
        edition: &str,
        number: u32,
        screener: &str,
    ) -> Result<AssignReport> {
        let (edition, round) = self.round_for_change(edition, number)?;
        refuse_closed(&edition, &round, "its assignments")?;
        let leaving = self.screener(&edition, screener)?;
        let screeners: Vec<Screener> = self
            .screeners(edition.id)?
            .into_iter()
            .filter(|s| s.id != leaving.id)
            .collect();
        let lists = self.lists(round.id)?;
        let Some(mut theirs) = lists.by_screener.get(&leaving.id).cloned() else {
            return Ok(AssignReport::default());
        };
        let rated: HashSet<Id> = self
            .round_ratings(round.id)?
            .into_iter()
            .filter(|r| r.screener_id == leaving.id)
            .map(|r| r.submission_id)
            .collect();
        let (kept, freed): (Vec<Id>, Vec<Id>) = theirs
            .submission_ids
            .iter()
            .partition(|id| rated.contains(id));
        theirs.submission_ids = kept;
        let sub_round = ScreeningRound {
            submission_ids: freed.clone(),
            ..round.clone()
        };
        let blocked = self.blocked(&sub_round, &screeners)?;
        let input = plan_input(&freed, &screeners, &lists, &blocked, 0);
        // Each freed film needs one more screener than it has among the others.
        let wanted: Vec<usize> = input.existing.iter().map(|e| e.len() + 1).collect();
        let planned = plan_each(&input, &wanted, &screeners, &lists, round.number.into());
        let mut additions: Vec<Vec<Id>> = vec![Vec::new(); screeners.len()];
        for &(i, s) in &planned.added {
            additions[s].push(freed[i]);
        }
        let mut tx = self.store.begin();
        tx.put(&theirs)?;
        write_additions(&mut tx, &round, &screeners, &lists, additions)?;
        tx.commit(format!(
            "screening release \"{}\" round {} ({}): {} film(s) passed on",
            leaving.name,
            round.number,
            edition.code,
            planned.added.len()
        ))?;
        let mut report = self.assign_report(
            &sub_round,
            &screeners,
            &blocked,
            &planned.short,
            &planned.screeners_of,
        )?;
        report.added = planned.added.len();
        Ok(report)
    }
}

/// `plan` for films that each want their own number of screeners (a release): the loads of the whole
/// round count, so the freed films go to the least loaded.
fn plan_each(
    input: &PlanInput,
    wanted: &[usize],
    screeners: &[Screener],
    lists: &Lists,
    seed: u64,
) -> Plan {
    let base: Vec<usize> = screeners
        .iter()
        .map(|s| {
            lists
                .by_screener
                .get(&s.id)
                .map_or(0, |l| l.submission_ids.len())
        })
        .collect();
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut load = base;
    let mut screeners_of = input.existing.clone();
    let mut added = Vec::new();
    let mut short = Vec::new();
    for i in 0..input.submissions {
        let mut candidates: Vec<(usize, u32, usize)> = (0..input.screeners)
            .filter(|&s| !screeners_of[i].contains(&s) && !input.blocked.contains(&(s, i)))
            .map(|s| (load[s], rng.random::<u32>(), s))
            .collect();
        candidates.sort_unstable();
        let need = wanted[i].saturating_sub(screeners_of[i].len());
        for &(_, _, s) in candidates.iter().take(need) {
            screeners_of[i].push(s);
            load[s] += 1;
            added.push((i, s));
        }
        if screeners_of[i].len() < wanted[i] {
            short.push(i);
        }
    }
    Plan {
        screeners_of,
        added,
        short,
    }
}
