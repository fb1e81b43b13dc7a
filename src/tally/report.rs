//! The explanation of a count (SPEC §6.2): as text for a secretary to read, and as the JSON of SPEC §4.
//!
//! Tables put numbers first and labels last, so columns line up whatever the labels' scripts and widths.
//! Control characters in labels, names and reasons are replaced in the text, so a hostile title cannot
//! drive the terminal (SPEC §5.5).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Method, Outcome, ScoreLine, tie_break_label};

fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

fn label(nominees: &[String], c: usize) -> String {
    nominees
        .get(c)
        .map_or_else(|| format!("#{c}"), |l| clean(l))
}

fn labels(nominees: &[String], set: &[usize]) -> Vec<String> {
    set.iter().map(|&c| label(nominees, c)).collect()
}

fn and_list(items: &[String]) -> String {
    match items {
        [] => "no one".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {}", init.join(", "), last),
    }
}

fn method_line(method: Method) -> String {
    match method {
        Method::MajorityRounds { absolute_rounds } => format!(
            "majority-rounds (absolute majority in rounds 1 to {absolute_rounds}, relative after)"
        ),
        m => m.name().to_string(),
    }
}

/// The explanation a secretary reads: result, ranking, rounds table, pairwise matrices, scores,
/// exclusions, tie-breaks and notes.
pub fn text(outcome: &Outcome, nominees: &[String]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Method: {}", method_line(outcome.method));
    let _ = writeln!(out, "Ballots counted: {}", outcome.ballots_used);
    if !outcome.excluded.is_empty() {
        let _ = writeln!(out, "Ballots excluded: {}", outcome.excluded.len());
        for e in &outcome.excluded {
            let _ = writeln!(out, "  - {}: {}", clean(&e.voter), clean(&e.reason));
        }
    }
    let winners = labels(nominees, &outcome.winners);
    let result = match winners.len() {
        0 if outcome.ballots_used == 0 => "nothing to count".to_string(),
        0 => "undecided".to_string(),
        1 if outcome.tie => format!("{} (after a tie-break)", winners[0]),
        1 => winners[0].clone(),
        _ => format!("tie between {}", and_list(&winners)),
    };
    let _ = match &outcome.pending_round {
        Some(p) => writeln!(
            out,
            "Result: {result} (round {} not complete: {} of {} votes cast)",
            p.number, p.cast, p.electorate
        ),
        None => writeln!(out, "Result: {result}"),
    };
    ranking_section(&mut out, outcome, nominees);
    rounds_section(&mut out, outcome, nominees);
    pairwise_section(&mut out, outcome, nominees);
    scores_section(&mut out, &outcome.scores, nominees);
    if !outcome.tie_breaks_applied.is_empty() {
        let _ = writeln!(out, "\nTie-breaks");
        for (i, t) in outcome.tie_breaks_applied.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {} among {} → {}: {}",
                i + 1,
                tie_break_label(t.rule),
                and_list(&labels(nominees, &t.among)),
                and_list(&labels(nominees, &t.result)),
                clean(&t.detail)
            );
        }
    }
    if !outcome.notes.is_empty() {
        let _ = writeln!(out, "\nNotes");
        for note in &outcome.notes {
            let _ = writeln!(out, "  - {}", clean(note));
        }
    }
    out
}

fn ranking_section(out: &mut String, outcome: &Outcome, nominees: &[String]) {
    if outcome.ballots_used == 0 {
        return;
    }
    let _ = writeln!(out, "\nRanking");
    let mut place = 1;
    for tier in &outcome.ranking {
        let mark = if tier.len() > 1 { "=" } else { " " };
        let _ = writeln!(
            out,
            "  {place:>3}{mark} {}",
            labels(nominees, tier).join(" = ")
        );
        place += tier.len();
    }
}

fn rounds_section(out: &mut String, outcome: &Outcome, nominees: &[String]) {
    if outcome.rounds.is_empty() {
        return;
    }
    let irv = outcome.method == Method::Irv;
    let _ = writeln!(out, "\nRounds");
    let mut header = String::from(" ");
    for r in &outcome.rounds {
        let _ = write!(header, " {:>7}", format!("R{}", r.number));
    }
    let _ = writeln!(out, "{header}   nominee");
    // Every nominee that appears in any round, by index.
    let mut shown: Vec<usize> = outcome
        .rounds
        .iter()
        .flat_map(|r| r.counts.iter().map(|&(c, _)| c))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    for c in shown {
        let mut line = String::from(" ");
        for r in &outcome.rounds {
            let cell = match r.counts.iter().find(|&&(x, _)| x == c) {
                Some(&(_, v)) if r.eliminated.contains(&c) => format!("{v}*"),
                Some(&(_, v)) => format!("{v} "),
                None => "— ".to_string(),
            };
            let _ = write!(line, " {cell:>7}");
        }
        let _ = writeln!(out, "{line}   {}", label(nominees, c));
    }
    let totals = [
        ("votes cast", true),
        (if irv { "exhausted" } else { "no vote" }, false),
    ];
    for (name, active) in totals {
        let mut line = String::from(" ");
        for r in &outcome.rounds {
            let v = if active { r.active } else { r.exhausted };
            let _ = write!(line, " {:>7}", format!("{v} "));
        }
        let _ = writeln!(out, "{line}   ({name})");
    }
    if outcome.rounds.iter().any(|r| !r.eliminated.is_empty()) {
        let _ = writeln!(out, "  * eliminated at the end of the round");
    }
}

fn matrix<T: std::fmt::Display>(
    out: &mut String,
    title: &str,
    rows: &[Vec<T>],
    nominees: &[String],
) {
    let n = rows.len();
    let width = rows
        .iter()
        .flatten()
        .map(|v| v.to_string().chars().count())
        .chain(std::iter::once(n.to_string().len()))
        .max()
        .unwrap_or(1)
        + 2;
    let _ = writeln!(out, "\n{title}");
    let mut header = format!("  {:>4}", "");
    for j in 0..n {
        let _ = write!(header, "{:>width$}", j + 1);
    }
    let _ = writeln!(out, "{header}");
    for (i, row) in rows.iter().enumerate() {
        let mut line = format!("  {:>4}", i + 1);
        for (j, v) in row.iter().enumerate() {
            if i == j {
                let _ = write!(line, "{:>width$}", "—");
            } else {
                let _ = write!(line, "{v:>width$}");
            }
        }
        let _ = writeln!(out, "{line}   {}", label(nominees, i));
    }
}

fn pairwise_section(out: &mut String, outcome: &Outcome, nominees: &[String]) {
    let Some(pw) = &outcome.pairwise else {
        return;
    };
    matrix(
        out,
        "Pairwise preferences d: ballots preferring the row's nominee to the column's",
        &pw.d,
        nominees,
    );
    matrix(
        out,
        "Strongest paths p: strength of the strongest beat-path from the row's nominee to the column's",
        &pw.p,
        nominees,
    );
}

fn scores_section(out: &mut String, scores: &[ScoreLine], nominees: &[String]) {
    if scores.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nScores");
    let width = scores
        .iter()
        .map(|s| s.display.chars().count())
        .max()
        .unwrap_or(1);
    for s in scores {
        let _ = writeln!(
            out,
            "  {:>width$}  {}  ({})",
            s.display,
            label(nominees, s.nominee),
            clean(&s.detail)
        );
    }
}

fn number(v: i128) -> Value {
    i64::try_from(v).map_or_else(|_| Value::String(v.to_string()), Value::from)
}

/// SPEC §4's tally JSON without `category` (the caller adds it): method, ballots, winners, tie, ranking,
/// rounds, pairwise, scores, excluded, tie_breaks, decided, notes, pending_round (majority-rounds: the
/// round still being voted, or null).
pub fn json(outcome: &Outcome, nominees: &[String]) -> Value {
    let lab = |c: usize| nominees.get(c).cloned().unwrap_or_else(|| format!("#{c}"));
    let labs = |set: &[usize]| set.iter().map(|&c| lab(c)).collect::<Vec<_>>();
    let rounds: Vec<Value> = outcome
        .rounds
        .iter()
        .map(|r| {
            json!({
                "round": r.number,
                "counts": r.counts.iter().map(|&(c, v)| json!({"nominee": lab(c), "votes": v})).collect::<Vec<_>>(),
                "eliminated": labs(&r.eliminated),
                "active": r.active,
                "exhausted": r.exhausted,
                "note": r.note,
            })
        })
        .collect();
    let pairwise = outcome.pairwise.as_ref().map_or(Value::Null, |p| {
        json!({
            "nominees": labs(&(0..p.d.len()).collect::<Vec<_>>()),
            "d": p.d,
            "p": p.p,
        })
    });
    let scores: Vec<Value> = outcome
        .scores
        .iter()
        .map(|s| {
            json!({
                "nominee": lab(s.nominee),
                "value": s.display,
                "numerator": number(s.numerator),
                "denominator": number(s.denominator),
                "detail": s.detail,
            })
        })
        .collect();
    let mut value = json!({
        "method": outcome.method.name(),
        "ballots": outcome.ballots_used,
        "winners": labs(&outcome.winners),
        "tie": outcome.tie,
        "decided": outcome.decided,
        "ranking": outcome.ranking.iter().map(|t| labs(t)).collect::<Vec<_>>(),
        "rounds": rounds,
        "pairwise": pairwise,
        "scores": scores,
        "excluded": outcome.excluded.iter().map(|e| json!({"voter": e.voter, "reason": e.reason})).collect::<Vec<_>>(),
        "tie_breaks": outcome.tie_breaks_applied.iter().map(|t| json!({
            "rule": tie_break_label(t.rule),
            "among": labs(&t.among),
            "result": labs(&t.result),
            "detail": t.detail,
        })).collect::<Vec<_>>(),
        "notes": outcome.notes,
        "pending_round": outcome.pending_round.as_ref().map_or(Value::Null, |p| json!({
            "round": p.number,
            "cast": p.cast,
            "electorate": p.electorate,
            "waiting": p.waiting,
        })),
    });
    if let (Method::MajorityRounds { absolute_rounds }, Value::Object(map)) =
        (outcome.method, &mut value)
    {
        map.insert("absolute_rounds".to_string(), json!(absolute_rounds));
    }
    value
}
