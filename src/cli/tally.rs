//! `tally` and `award`: counting an edition's categories and recording the results.

use std::io::Write;

use serde_json::{Value, json};

use super::args::{AwardArgs, TallyArgs, TextOrJson};
use super::say::{self, say};
use crate::desk::{AwardChoice, CategoryCount, Desk, DeskError};
use crate::domain::{Method, TieBreak};
use crate::failure::Failure;
use crate::tally::report;

pub fn tally(desk: &Desk, a: &TallyArgs, out: &mut impl Write) -> Result<(), Failure> {
    let edition = desk.edition(&a.edition)?;
    let method = a
        .method
        .as_deref()
        .map(|m| {
            m.parse::<Method>().map_err(|message| DeskError::Invalid {
                field: "method",
                message,
            })
        })
        .transpose()?;
    let chain = a
        .tie_breaks
        .iter()
        .map(|t| {
            t.parse::<TieBreak>().map_err(|message| DeskError::Invalid {
                field: "tie-break",
                message,
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let categories = match &a.category {
        Some(reference) => vec![desk.category(&edition, reference)?],
        None => desk.categories(edition.id)?,
    };
    let mut counts = Vec::new();
    for category in &categories {
        let chain = (!chain.is_empty()).then_some(chain.as_slice());
        counts.push(desk.count_or_explain(&edition, category, method, chain)?);
    }
    match a.format {
        TextOrJson::Json => {
            let array: Vec<Value> = counts.iter().map(count_json).collect();
            super::output::print_json_value(&Value::Array(array), out)?;
        }
        TextOrJson::Text => {
            for (i, count) in counts.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                say::block(out, &count_text(count))?;
            }
        }
    }
    Ok(())
}

fn count_json(count: &CategoryCount) -> Value {
    let mut value = json!({ "category": count.category.name });
    if let (Value::Object(object), Value::Object(body)) =
        (&mut value, report::json(&count.outcome, &count.labels))
    {
        object.extend(body);
        object.insert("eligible_jurors".into(), json!(count.eligible));
        object.insert("provisional".into(), json!(count.provisional));
        object.insert("missing".into(), json!(count.missing));
        object.insert(
            "absent".into(),
            count
                .absent
                .iter()
                .map(|(name, reason)| json!({ "juror": name, "reason": reason }))
                .collect(),
        );
        object.insert(
            "without_votes".into(),
            count
                .without_votes
                .iter()
                .map(|&i| json!(count.labels[i]))
                .collect(),
        );
        object.insert(
            "passed_over".into(),
            count
                .passed_over
                .iter()
                .map(|p| json!({ "nominee": p.nominee.label, "took": p.took }))
                .collect(),
        );
        object.insert(
            "what_if".into(),
            json!(count.method != count.category.method),
        );
    }
    value
}

/// The CLI and the desk's count print the same text (`desk::count_text`).
fn count_text(count: &CategoryCount) -> String {
    crate::desk::count_text(count)
}

pub fn award(desk: &Desk, a: &AwardArgs, out: &mut impl Write) -> Result<(), Failure> {
    let choice = if let Some(nominee) = &a.casting_vote {
        AwardChoice::CastingVote(nominee.clone())
    } else if let Some(seed) = a.draw {
        AwardChoice::Draw(seed)
    } else if !a.winners.is_empty() {
        AwardChoice::Manual {
            winners: a.winners.clone(),
            reason: a.reason.clone().unwrap_or_default(),
        }
    } else {
        AwardChoice::FromCount
    };
    let award = desk.record_award(&a.edition, &a.category, &choice)?;
    let edition = desk.edition(&a.edition)?;
    let category = desk.category(&edition, &a.category)?;
    let nominees = desk.nominees(&category)?;
    let winners: Vec<String> = award
        .winners
        .iter()
        .filter_map(|id| nominees.iter().find(|n| n.nomination.id == *id))
        .map(|n| n.label.clone())
        .collect();
    say!(
        out,
        "{}: awarded to {}",
        category.name,
        winners.join(" and ")
    )?;
    Ok(())
}
