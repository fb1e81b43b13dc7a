//! `list nominations|jurors|ballots|awards`.

use serde_json::json;

use super::args::ListArgs;
use super::output::{Listing, timestamp};
use crate::desk::{Desk, Nominee};
use crate::domain::{BallotContent, Category, Decision, Edition, Id};
use crate::failure::{Failure, usage};
use crate::text::Matcher;

fn edition(desk: &Desk, args: &ListArgs) -> Result<Edition, Failure> {
    let code = args
        .edition
        .as_deref()
        .ok_or_else(|| usage("this list needs --edition CODE (see `jurydesk list editions`)"))?;
    Ok(desk.edition(code)?)
}

/// The edition's categories, or the one named by `--category`.
fn categories(desk: &Desk, edition: &Edition, args: &ListArgs) -> Result<Vec<Category>, Failure> {
    Ok(match &args.category {
        Some(reference) => vec![desk.category(edition, reference)?],
        None => desk.categories(edition.id)?,
    })
}

fn label_of(nominees: &[Nominee], id: Id) -> String {
    nominees
        .iter()
        .find(|n| n.nomination.id == id)
        .map_or_else(|| format!("nomination {id}"), |n| n.label.clone())
}

pub fn nominations(desk: &Desk, args: &ListArgs) -> Result<Listing, Failure> {
    let edition = edition(desk, args)?;
    let matcher = Matcher::new(args.query.as_deref().unwrap_or(""));
    let mut rows = Vec::new();
    for category in categories(desk, &edition, args)? {
        for n in desk.nominees(&category)? {
            if !matcher.matches(&n.label) {
                continue;
            }
            rows.push(vec![
                json!(n.nomination.id),
                json!(edition.code),
                json!(category.name),
                json!(n.number()),
                json!(n.label),
                json!(n.title),
                json!(n.nomination.person),
                json!(n.nomination.submission_id),
            ]);
        }
    }
    Ok(Listing {
        fields: vec![
            "id",
            "edition",
            "category",
            "number",
            "label",
            "film",
            "person",
            "submission_id",
        ],
        table: vec!["category", "number", "label"],
        rows,
    })
}

pub fn jurors(desk: &Desk, args: &ListArgs) -> Result<Listing, Failure> {
    let edition = edition(desk, args)?;
    let conflicts = desk.open_conflicts(edition.id)?;
    let rows = desk
        .jurors(edition.id)?
        .into_iter()
        .map(|j| {
            let recusals: Vec<String> = j
                .recusals
                .iter()
                .map(|r| format!("submission {}: {}", r.submission_id, r.reason))
                .collect();
            // Open only: neither recused nor cleared (`juror clear-conflict`), which show apart.
            let probable: Vec<String> = conflicts
                .iter()
                .filter(|c| c.juror.id == j.id)
                .map(|c| format!("{} ({}, submission {})", c.title, c.credit, c.submission_id))
                .collect();
            let cleared: Vec<String> = j
                .cleared_conflicts
                .iter()
                .map(|c| format!("submission {}: {}", c.submission_id, c.reason))
                .collect();
            vec![
                json!(j.id),
                json!(edition.code),
                json!(j.name),
                json!(j.original_name),
                json!(j.role.as_str()),
                json!(recusals),
                json!(probable),
                json!(cleared),
                json!(j.absence.is_some()),
                json!(j.absence.as_ref().map(|a| a.reason.clone())),
            ]
        })
        .collect();
    Ok(Listing {
        fields: vec![
            "id",
            "edition",
            "name",
            "original_name",
            "role",
            "recusals",
            "probable_conflicts",
            "cleared_conflicts",
            "absent",
            "absence_reason",
        ],
        table: vec![
            "id",
            "name",
            "original_name",
            "role",
            "recusals",
            "probable_conflicts",
            "cleared_conflicts",
            "absence_reason",
        ],
        rows,
    })
}

pub fn ballots(desk: &Desk, args: &ListArgs) -> Result<Listing, Failure> {
    let edition = edition(desk, args)?;
    let jurors = desk.jurors(edition.id)?;
    let mut rows = Vec::new();
    for category in categories(desk, &edition, args)? {
        let nominees = desk.nominees(&category)?;
        for juror in &jurors {
            let Some(ballot) = desk.ballot(category.id, juror.id)? else {
                continue;
            };
            let (kind, text) = match &ballot.content {
                BallotContent::Ranked(order) => (
                    "ranked",
                    order
                        .iter()
                        .map(|&id| label_of(&nominees, id))
                        .collect::<Vec<_>>()
                        .join(" > "),
                ),
                BallotContent::Scored(scores) => (
                    "scored",
                    scores
                        .iter()
                        .map(|&(id, s)| format!("{}={s}", label_of(&nominees, id)))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                BallotContent::Rounds(votes) => (
                    "rounds",
                    votes
                        .iter()
                        .map(|&(r, id)| format!("round {r}: {}", label_of(&nominees, id)))
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            rows.push(vec![
                json!(ballot.id),
                json!(edition.code),
                json!(category.name),
                json!(juror.name),
                json!(kind),
                json!(text),
                json!(timestamp(&ballot.updated_at)),
            ]);
        }
    }
    Ok(Listing {
        fields: vec![
            "id",
            "edition",
            "category",
            "juror",
            "kind",
            "ballot",
            "updated_at",
        ],
        table: vec!["category", "juror", "ballot"],
        rows,
    })
}

pub fn awards(desk: &Desk, args: &ListArgs) -> Result<Listing, Failure> {
    let edition = edition(desk, args)?;
    let mut rows = Vec::new();
    for category in categories(desk, &edition, args)? {
        let nominees = desk.nominees(&category)?;
        for award in desk.awards(category.id)? {
            let winners: Vec<String> = award
                .winners
                .iter()
                .map(|&id| label_of(&nominees, id))
                .collect();
            let how = match &award.decision {
                Decision::Counted { method } => format!("counted ({})", method.name()),
                Decision::CastingVote { .. } => "casting vote".to_string(),
                Decision::Draw { seed } => format!("draw (seed {seed})"),
                Decision::Manual { reason } => format!("by hand: {reason}"),
                Decision::Imported { source } => format!("imported from {source}"),
            };
            rows.push(vec![
                json!(award.id),
                json!(edition.code),
                json!(category.name),
                json!(category.prize),
                json!(winners),
                json!(how),
                json!(timestamp(&award.decided_at)),
            ]);
        }
    }
    Ok(Listing {
        fields: vec![
            "id",
            "edition",
            "category",
            "prize",
            "winners",
            "decided_by",
            "decided_at",
        ],
        table: vec!["category", "winners", "decided_by"],
        rows,
    })
}
