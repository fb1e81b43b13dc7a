//! Counting a category: gather its ballots, leave out those that must not count (observers, recused
//! and absent jurors) and say who has not voted, hand the rest to the pure `tally` engine, then record
//! the award — only from a complete count (docs/counting.md#provisional-counts), a casting vote or
//! draw only on a standing tie, never for a nominee nobody voted for
//! (docs/counting.md#deciding-an-award); a decision by hand stays possible.

use chrono::Utc;

use super::absence::absence_here;
use super::ballots::BallotKind;
use super::jury::refuse_if_finalized;
use super::nominations::{Nominee, resolve_nominee};
use super::summary::recusal_here;
use super::{Desk, DeskError, Result};
use crate::domain::{
    Award, BallotContent, Category, Decision, Edition, Id, Juror, JurorRole, Method, TieBreak,
};
use crate::store::{Kind, keys};
use crate::tally::{self, Content, Exclusion, Outcome};

/// A category's count with everything needed to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryCount {
    pub category: Category,
    pub nominees: Vec<Nominee>,
    pub labels: Vec<String>,
    pub method: Method,
    pub outcome: Outcome,
    /// Eligible jurors without a ballot that counts here (none entered yet, or one of a kind the
    /// method does not count): while any is missing the count is provisional.
    pub missing: Vec<String>,
    /// Jurors who may vote in this category (neither observers, nor recused, nor absent).
    pub eligible: usize,
    /// The count is not final (docs/counting.md#provisional-counts): an eligible juror's ballot is
    /// missing, or (majority-rounds) the round the jury is voting in is not complete
    /// (`outcome.pending_round`). No award follows from a provisional count; see
    /// [`CategoryCount::incomplete`].
    pub provisional: bool,
    /// Jurors declared absent, with the reason: not eligible, not waited for.
    pub absent: Vec<(String, String)>,
    /// Nominees (indices into `nominees`) that no counted ballot names at all: a count that makes
    /// one of them a winner gives no award except by hand (docs/counting.md#deciding-an-award).
    pub without_votes: Vec<usize>,
    /// Nominees left out of this count because their film took a higher prize (the cascade,
    /// docs/counting.md#palmares-rules).
    pub passed_over: Vec<PassedOver>,
}

/// A nominee the cascade left out of a count, and the prize its film already took.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassedOver {
    pub nominee: Nominee,
    /// The name of the higher category whose prize the film took.
    pub took: String,
}

/// How the secretary decides a category's award.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AwardChoice {
    /// Whatever the count (with its tie-break chain) says.
    FromCount,
    /// The president settles a tie by choosing one of the tied nominees.
    CastingVote(String),
    /// A seeded, reproducible draw among the tied.
    Draw(u64),
    /// Named winners, with the reason (a re-vote on paper, a jury statement).
    Manual {
        winners: Vec<String>,
        reason: String,
    },
}

impl Desk {
    /// Counts one category from its stored ballots. `method` and `tie_breaks` override the category's
    /// own for a what-if count; such a count is never stored as the award.
    ///
    /// When the edition gives a film one prize, nominees whose film took the prize of a higher category
    /// are left out (the cascade), and the count says who was passed over, why, and whom the count
    /// would have chosen without the cascade.
    pub fn count_category(
        &self,
        edition: &Edition,
        category: &Category,
        method: Option<Method>,
        tie_breaks: Option<&[TieBreak]>,
    ) -> Result<CategoryCount> {
        let taken = self.taken_before(edition, category)?;
        let mut count = self.count_without(edition, category, method, tie_breaks, &taken, &[])?;
        if count.passed_over.is_empty() {
            return Ok(count);
        }
        let mut notes: Vec<String> = count
            .passed_over
            .iter()
            .map(|p| {
                format!(
                    "Counted without {}: the film already took {} (one prize per film).",
                    p.nominee.label, p.took
                )
            })
            .collect();
        let uncascaded = self.count_without(edition, category, method, tie_breaks, &[], &[])?;
        let would_have: Vec<&str> = uncascaded
            .outcome
            .winners
            .iter()
            .map(|&i| uncascaded.nominees[i].nomination.id)
            .filter_map(|id| {
                count
                    .passed_over
                    .iter()
                    .find(|p| p.nominee.nomination.id == id)
            })
            .map(|p| p.nominee.label.as_str())
            .collect();
        if uncascaded.outcome.decided && !would_have.is_empty() {
            notes.push(format!(
                "Without the cascade the count would give {}.",
                would_have.join(" and ")
            ));
        }
        notes.append(&mut count.outcome.notes);
        count.outcome.notes = notes;
        Ok(count)
    }

    /// Counts a category without the nominees whose submission is in `taken` (with the prize it took).
    /// `overlay` stands in for stored ballots (juror id → content): a ballot about to be saved, so that
    /// it can be checked against the count it would make (see `round_order`).
    pub(super) fn count_without(
        &self,
        edition: &Edition,
        category: &Category,
        method: Option<Method>,
        tie_breaks: Option<&[TieBreak]>,
        taken: &[(Id, String)],
        overlay: &[(Id, BallotContent)],
    ) -> Result<CategoryCount> {
        let method = method.unwrap_or(category.method);
        let chain: Vec<TieBreak> =
            tie_breaks.map_or_else(|| category.tie_breaks.clone(), <[TieBreak]>::to_vec);
        let (nominees, passed_over): (Vec<Nominee>, Vec<Nominee>) = self
            .nominees(category)?
            .into_iter()
            .partition(|n| !taken.iter().any(|(s, _)| *s == n.nomination.submission_id));
        let passed_over = passed_over
            .into_iter()
            .map(|nominee| PassedOver {
                took: taken
                    .iter()
                    .find(|(s, _)| *s == nominee.nomination.submission_id)
                    .map(|(_, took)| took.clone())
                    .unwrap_or_default(),
                nominee,
            })
            .collect();
        let labels: Vec<String> = nominees.iter().map(|n| n.label.clone()).collect();
        let index_of = |id: Id| nominees.iter().position(|n| n.nomination.id == id);

        let mut ballots = Vec::new();
        let mut excluded = Vec::new();
        let mut missing = Vec::new();
        let mut absent = Vec::new();
        let mut electorate = Vec::new();
        let mut void_votes = Vec::new();
        let mut president_ballot = None;
        for juror in self.jurors(edition.id)? {
            let ballot = match overlay.iter().find(|(id, _)| *id == juror.id) {
                Some((_, content)) => Some(content.clone()),
                None => self.ballot(category.id, juror.id)?.map(|b| b.content),
            };
            if juror.role == JurorRole::Observer {
                if ballot.is_some() {
                    excluded.push(exclusion(&juror, "observer: observers never vote"));
                }
                continue;
            }
            if let Some(reason) = recusal_here(&juror, &nominees) {
                excluded.push(exclusion(&juror, &reason));
                continue;
            }
            if let Some(reason) = absence_here(&juror) {
                if ballot.is_some() {
                    excluded.push(exclusion(&juror, &reason));
                }
                let why = juror.absence.as_ref().map(|a| a.reason.clone());
                absent.push((juror.name.clone(), why.unwrap_or_default()));
                continue;
            }
            electorate.push(juror.name.clone());
            let Some(ballot) = ballot else {
                missing.push(juror.name.clone());
                continue;
            };
            if BallotKind::of_content(&ballot) != BallotKind::of(method) {
                excluded.push(exclusion(
                    &juror,
                    &format!("ballot is not of the kind {} counts", method.name()),
                ));
                missing.push(juror.name.clone());
                continue;
            }
            let content = match &ballot {
                BallotContent::Ranked(order) => {
                    Content::Ranked(order.iter().filter_map(|&id| index_of(id)).collect())
                }
                BallotContent::Scored(scores) => Content::Scored(
                    scores
                        .iter()
                        .filter_map(|&(id, s)| Some((index_of(id)?, s)))
                        .collect(),
                ),
                BallotContent::Rounds(votes) => {
                    // A vote for a nominee the cascade left out was cast, for no one counted here.
                    void_votes.extend(
                        votes
                            .iter()
                            .filter(|&&(_, id)| index_of(id).is_none())
                            .map(|&(r, _)| (juror.name.clone(), r)),
                    );
                    Content::Rounds(
                        votes
                            .iter()
                            .filter_map(|&(r, id)| Some((r, index_of(id)?)))
                            .collect(),
                    )
                }
            };
            if juror.role == JurorRole::President {
                president_ballot = Some(content.clone());
            }
            ballots.push(tally::Ballot {
                voter: juror.name.clone(),
                content,
            });
        }

        let run = |casting_vote: Option<usize>| -> Result<Outcome> {
            tally::count(
                method,
                &tally::Count {
                    nominees: &labels,
                    ballots: &ballots,
                    excluded: &excluded,
                    tie_breaks: &chain,
                    casting_vote,
                    electorate: Some(&electorate),
                    void_votes: &void_votes,
                },
            )
            .map_err(|e| DeskError::Refused(format!("cannot count '{}': {e}", category.name)))
        };
        let mut outcome = run(None)?;
        // The president's casting vote is their own preference among the tied, read from their ballot.
        if outcome.tie && chain.contains(&TieBreak::CastingVote) {
            let tied = tied_set(&outcome);
            if let Some(choice) = president_ballot
                .as_ref()
                .and_then(|b| preferred_among(b, &tied))
            {
                outcome = run(Some(choice))?;
            }
        }
        let without_votes = (0..nominees.len())
            .filter(|&i| !ballots.iter().any(|b| names_nominee(&b.content, i)))
            .collect();
        let provisional = !missing.is_empty() || outcome.pending_round.is_some();
        Ok(CategoryCount {
            category: category.clone(),
            nominees,
            labels,
            method,
            outcome,
            missing,
            eligible: electorate.len(),
            provisional,
            absent,
            without_votes,
            passed_over,
        })
    }

    /// Records a category's award, replacing an earlier one.
    ///
    /// From the count (as counted, by casting vote or by draw) only while the count is complete
    /// (docs/counting.md#provisional-counts); a casting vote or a draw only on a tie the count
    /// leaves standing after the category's own tie-break chain, among the nominees tied; never for
    /// a winner no ballot names (docs/counting.md#deciding-an-award). A decision by hand (`Manual`,
    /// with a reason) is always possible.
    pub fn record_award(
        &self,
        edition: &str,
        category: &str,
        choice: &AwardChoice,
    ) -> Result<Award> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let category = self.category(&edition, category)?;
        let count = self.count_category(&edition, &category, None, None)?;
        let label_list = |ids: &[usize]| {
            ids.iter()
                .map(|&i| count.labels[i].clone())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let and_list = |ids: &[usize]| {
            let labels: Vec<&str> = ids.iter().map(|&i| count.labels[i].as_str()).collect();
            match labels.as_slice() {
                [init @ .., last] if !init.is_empty() => format!("{} and {last}", init.join(", ")),
                _ => labels.join(""),
            }
        };
        let by_hand = format!(
            "A decision by hand stays possible: jurydesk award --edition {} --category \"{}\" --winner … --reason …",
            edition.code, category.name
        );
        if !matches!(choice, AwardChoice::Manual { .. })
            && let Some(why) = count.incomplete()
        {
            return Err(DeskError::Refused(format!(
                "'{}' cannot be awarded from the count yet: {why}. {by_hand}",
                category.name
            )));
        }
        let no_votes = |chosen: &[usize]| -> Result<()> {
            let unvoted: Vec<usize> = chosen
                .iter()
                .copied()
                .filter(|i| count.without_votes.contains(i))
                .collect();
            if unvoted.is_empty() {
                return Ok(());
            }
            Err(DeskError::Refused(format!(
                "'{}': {} received no vote at all (no counted ballot names {}), so the count gives no award. {by_hand}",
                category.name,
                and_list(&unvoted),
                if unvoted.len() == 1 { "it" } else { "them" }
            )))
        };
        let president = self
            .jurors(edition.id)?
            .into_iter()
            .find(|j| j.role == JurorRole::President);
        // The tie the count leaves standing once the category's own chain has been applied.
        let standing: Vec<usize> = if count.outcome.winners.len() > 1 {
            count.outcome.winners.clone()
        } else {
            Vec::new()
        };
        let no_standing_tie = |what: &str| -> DeskError {
            let o = &count.outcome;
            let why = match o.winners.as_slice() {
                [] if o.elimination_tie.is_some() => format!(
                    "the count stops at an elimination tie between {} (the jury decides whom to eliminate; a draw settles it with `--draw SEED`)",
                    and_list(&tied_set(o))
                ),
                [] => "the count has no result yet".to_string(),
                [w] if o.tie => format!(
                    "the tie between {} was already settled by the category's tie-break ({}) for {}",
                    and_list(&tied_set(o)),
                    o.tie_breaks_applied
                        .iter()
                        .rev()
                        .find(|t| t.result.len() < t.among.len())
                        .map_or_else(
                            || "its chain".to_string(),
                            |t| { crate::tally::tie_break_label(t.rule).clone() }
                        ),
                    count.labels[*w]
                ),
                [w] => format!("the count gives {} without a tie", count.labels[*w]),
                _ => String::new(),
            };
            DeskError::Refused(format!(
                "{what} settles only a tie the count leaves standing, and '{}' has none: {why}. Record the count's result with `jurydesk award --edition {} --category \"{}\"`. {by_hand}",
                category.name, edition.code, category.name
            ))
        };
        let (winners, decision, note): (Vec<usize>, Decision, String) = match choice {
            AwardChoice::FromCount => {
                let o = &count.outcome;
                if !o.decided || o.winners.is_empty() {
                    return Err(DeskError::Refused(format!(
                        "'{}' is not decided yet: {}",
                        category.name,
                        // The count's last word, before the list of ballots left out.
                        o.notes
                            .iter()
                            .rev()
                            .nth(usize::from(!o.excluded.is_empty()))
                            .cloned()
                            .unwrap_or_else(|| "no ballots".into())
                    )));
                }
                no_votes(&o.winners)?;
                if o.winners.len() > 1 && !category.ex_aequo_allowed {
                    return Err(DeskError::Refused(format!(
                        "'{}' ends in a tie between {}; shared prizes are not allowed here: settle it with a casting vote, a draw or a re-vote (jurydesk award --casting-vote / --draw SEED / --winner … --reason …)",
                        category.name,
                        label_list(&o.winners)
                    )));
                }
                let decision = match o.tie_breaks_applied.last().filter(|_| o.tie) {
                    Some(applied) => match applied.rule {
                        TieBreak::CastingVote => Decision::CastingVote {
                            juror_id: president.as_ref().map_or(0, |p| p.id),
                        },
                        TieBreak::Draw { seed } => Decision::Draw { seed },
                        _ => Decision::Counted {
                            method: count.method,
                        },
                    },
                    None => Decision::Counted {
                        method: count.method,
                    },
                };
                (o.winners.clone(), decision, String::new())
            }
            AwardChoice::CastingVote(reference) => {
                let president = president.ok_or_else(|| {
                    DeskError::Refused(format!(
                        "{} has no jury president to cast a vote. {by_hand}",
                        edition.code
                    ))
                })?;
                if let Some(absence) = &president.absence {
                    return Err(DeskError::Refused(format!(
                        "the president, {}, is declared absent ({}): there is no casting vote. {by_hand}",
                        president.name, absence.reason
                    )));
                }
                let chosen = nominee_index(&count, reference)?;
                if standing.is_empty() {
                    return Err(no_standing_tie("a casting vote"));
                }
                if !standing.contains(&chosen) {
                    return Err(DeskError::Refused(format!(
                        "a casting vote chooses among the tied; {} is not among them ({})",
                        count.labels[chosen],
                        and_list(&standing)
                    )));
                }
                no_votes(&[chosen])?;
                (
                    vec![chosen],
                    Decision::CastingVote {
                        juror_id: president.id,
                    },
                    format!("casting vote of {}", president.name),
                )
            }
            AwardChoice::Draw(seed) => {
                // A draw also settles an irv elimination tie: the recount below eliminates by lot.
                if standing.is_empty() && count.outcome.elimination_tie.is_none() {
                    return Err(no_standing_tie("a draw"));
                }
                // The draw follows the category's own chain, among the tie that chain left standing.
                // (`none` ends a chain: "let the jury decide"; drawing lots is that decision.)
                let mut chain = category.tie_breaks.clone();
                chain.retain(|t| *t != TieBreak::None);
                chain.push(TieBreak::Draw { seed: *seed });
                let redrawn = self.count_category(&edition, &category, None, Some(&chain))?;
                no_votes(&redrawn.outcome.winners)?;
                (
                    redrawn.outcome.winners.clone(),
                    Decision::Draw { seed: *seed },
                    match &count.outcome.elimination_tie {
                        Some(t) if standing.is_empty() => format!(
                            "draw to eliminate one of {} (round {})",
                            label_list(&t.among),
                            t.round
                        ),
                        _ => format!("draw among {}", label_list(&standing)),
                    },
                )
            }
            AwardChoice::Manual { winners, reason } => {
                let reason = super::validate::required("reason", reason)?;
                let chosen = winners
                    .iter()
                    .map(|r| nominee_index(&count, r))
                    .collect::<Result<Vec<_>>>()?;
                if chosen.is_empty() {
                    return Err(DeskError::invalid("winner", "name at least one winner"));
                }
                if chosen.len() > 1 && !category.ex_aequo_allowed {
                    return Err(DeskError::Refused(format!(
                        "'{}' does not allow shared prizes",
                        category.name
                    )));
                }
                (
                    chosen,
                    Decision::Manual {
                        reason: reason.clone(),
                    },
                    reason,
                )
            }
        };
        if winners.len() != 1 && !category.ex_aequo_allowed {
            return Err(DeskError::Refused(format!(
                "'{}' does not allow shared prizes",
                category.name
            )));
        }
        let winner_ids: Vec<Id> = winners
            .iter()
            .map(|&i| count.nominees[i].nomination.id)
            .collect();
        let mut tx = self.store.begin();
        for old in self
            .store
            .child_ids(keys::AWARDS_OF_CATEGORY, category.id)?
        {
            tx.delete::<Award>(old)?;
        }
        let award = Award {
            id: tx.new_id(Kind::Award)?,
            category_id: category.id,
            winners: winner_ids,
            decision,
            decided_at: Utc::now(),
            note,
        };
        tx.put(&award)?;
        tx.commit(format!(
            "award \"{}\" to {} ({})",
            category.name,
            label_list(&winners),
            edition.code
        ))?;
        Ok(award)
    }
}

fn exclusion(juror: &Juror, reason: &str) -> Exclusion {
    Exclusion {
        voter: juror.name.clone(),
        reason: reason.to_string(),
    }
}

/// The index in the count of the nominee a secretary named. A nominee the cascade passed over is
/// refused with the prize their film took, rather than reported unknown.
fn nominee_index(count: &CategoryCount, reference: &str) -> Result<usize> {
    match resolve_nominee(&count.nominees, reference) {
        Ok(nominee) => Ok(count
            .nominees
            .iter()
            .position(|n| n.nomination.id == nominee.nomination.id)
            .unwrap_or_default()),
        Err(not_found) => {
            let passed: Vec<Nominee> = count
                .passed_over
                .iter()
                .map(|p| p.nominee.clone())
                .collect();
            match resolve_nominee(&passed, reference) {
                Ok(nominee) => {
                    let took = count
                        .passed_over
                        .iter()
                        .find(|p| p.nominee.nomination.id == nominee.nomination.id)
                        .map(|p| p.took.as_str())
                        .unwrap_or_default();
                    Err(DeskError::Refused(format!(
                        "{} cannot take '{}': the film already took {took}, and a film takes one prize in this edition (change the rules with `jurydesk rules set`, or that award first)",
                        nominee.label, count.category.name
                    )))
                }
                Err(_) => Err(not_found),
            }
        }
    }
}

/// The nominees tied for first before any tie-break.
fn tied_set(outcome: &Outcome) -> Vec<usize> {
    if let Some(t) = &outcome.elimination_tie {
        // An irv elimination tie: the president's casting vote keeps their choice in the count.
        return t.among.clone();
    }
    outcome
        .tie_breaks_applied
        .iter()
        .find(|t| t.elimination.is_none())
        .map(|t| t.among.clone())
        .or_else(|| outcome.ranking.first().cloned())
        .unwrap_or_default()
}

/// The nominee among `tied` that a ballot prefers: ranked highest, scored highest (uniquely), or voted
/// for in the latest round that chose one of them.
fn preferred_among(ballot: &Content, tied: &[usize]) -> Option<usize> {
    match ballot {
        Content::Ranked(order) => order.iter().copied().find(|n| tied.contains(n)),
        Content::Scored(scores) => {
            let among: Vec<&(usize, u8)> =
                scores.iter().filter(|(n, _)| tied.contains(n)).collect();
            let best = among.iter().map(|(_, s)| *s).max()?;
            let top: Vec<usize> = among
                .iter()
                .filter(|(_, s)| *s == best)
                .map(|(n, _)| *n)
                .collect();
            (top.len() == 1).then(|| top[0])
        }
        Content::Rounds(votes) => votes
            .iter()
            .rev()
            .map(|(_, n)| *n)
            .find(|n| tied.contains(n)),
    }
}

/// Whether a ballot names a nominee anywhere: ranked, scored or voted for in some round.
fn names_nominee(ballot: &Content, nominee: usize) -> bool {
    match ballot {
        Content::Ranked(order) => order.contains(&nominee),
        Content::Scored(scores) => scores.iter().any(|&(n, _)| n == nominee),
        Content::Rounds(votes) => votes.iter().any(|&(_, n)| n == nominee),
    }
}
