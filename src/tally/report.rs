//! The explanation of a count (docs/counting.md#explanations): as text for a secretary to read, and as
//! the JSON of docs/counting.md#json-output.
//!
//! Tables put numbers first and labels last, so columns line up whatever the labels' scripts and widths.
//! Control characters in labels, names and reasons are replaced in the text, so a hostile title cannot
//! drive the terminal (docs/formats.md#bad-input).

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::{Method, Outcome, Round, ScoreLine, tie_break_label};

/// Votes needed in an irv round: more than half of the continuing ballots.
pub fn irv_threshold(round: &Round) -> u64 {
    round.active / 2 + 1
}

/// `votes` as a share of `of`, to two decimals (`31.58%`); `—` when `of` is 0.
pub fn percent(votes: u64, of: u64) -> String {
    if of == 0 {
        return "—".to_string();
    }
    let hundredths = (u128::from(votes) * 10_000 + u128::from(of) / 2) / u128::from(of);
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

/// A round's counts sorted by votes (most first), equal votes by nominee number.
pub fn by_votes(round: &Round) -> Vec<(usize, u64)> {
    let mut counts = round.counts.clone();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts
}

/// Ballots exhausted during `round` (the running total less the round before's).
pub fn exhausted_new(rounds: &[Round], i: usize) -> u64 {
    let before = i.checked_sub(1).map_or(0, |p| rounds[p].exhausted);
    rounds[i].exhausted.saturating_sub(before)
}

/// irv's rounds as RCTab's round summary reads: per round the continuing ballots and the threshold,
/// each nominee's votes and share sorted by votes, the ballots exhausted (new and in all), what the
/// round decided, and where the eliminated nominees' ballots went.
fn irv_rounds(out: &mut String, outcome: &Outcome, nominees: &[String]) {
    let _ = writeln!(
        out,
        "\nRounds (a nominee needs more than half of the continuing ballots: those still ranking a nominee in the count)"
    );
    let width = outcome
        .rounds
        .iter()
        .flat_map(|r| r.counts.iter().map(|&(_, v)| v.to_string().len()))
        .max()
        .unwrap_or(1)
        .max(3);
    for (i, r) in outcome.rounds.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n  Round {}: {} continuing ballots, {} needed to win",
            r.number,
            r.active,
            irv_threshold(r)
        );
        for (c, v) in by_votes(r) {
            let mark = if r.eliminated.contains(&c) {
                "  (eliminated)"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "    {v:>width$}  {:>7}  {}{mark}",
                percent(v, r.active),
                label(nominees, c)
            );
        }
        let _ = writeln!(
            out,
            "    exhausted: {} this round, {} in all",
            exhausted_new(&outcome.rounds, i),
            r.exhausted
        );
        let _ = writeln!(out, "    {}", clean(&r.note));
        for t in &r.transfers {
            let mut parts: Vec<String> =
                t.to.iter()
                    .map(|&(c, v)| format!("{v} to {}", label(nominees, c)))
                    .collect();
            parts.push(format!("{} exhausted", t.exhausted));
            let _ = writeln!(
                out,
                "    transfer from {}: {}",
                label(nominees, t.from),
                parts.join(", ")
            );
        }
    }
}

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

/// The method as the report names it, with majority-rounds' absolute rounds.
pub fn method_line(method: Method) -> String {
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
    let result = result(outcome, nominees);
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
    scales_section(&mut out, outcome, nominees);
    let tie_breaks = tie_break_lines(outcome, nominees);
    if !tie_breaks.is_empty() {
        let _ = writeln!(out, "\nTie-breaks");
        for (i, line) in tie_breaks.iter().enumerate() {
            let _ = writeln!(out, "  {}. {line}", i + 1);
        }
    }
    let notes = notes(outcome);
    if !notes.is_empty() {
        let _ = writeln!(out, "\nNotes");
        for note in notes {
            let _ = writeln!(out, "  - {}", clean(note));
        }
    }
    out
}

/// What the count came to, in one phrase: the winner, a tie, an elimination tie left to the jury,
/// "undecided" or "nothing to count". The text report and the printed minutes say the same.
pub fn result(outcome: &Outcome, nominees: &[String]) -> String {
    let winners = labels(nominees, &outcome.winners);
    match (winners.len(), &outcome.elimination_tie) {
        (0, _) if outcome.ballots_used == 0 => "nothing to count".to_string(),
        (0, Some(t)) => format!(
            "elimination tie between {} in round {}: the jury decides whom to eliminate",
            and_list(&labels(nominees, &t.among)),
            t.round
        ),
        (0, None) => "undecided".to_string(),
        (1, _) if outcome.tie || outcome.rested_on_tie => {
            format!("{} (rests on a tie-break)", winners[0])
        }
        (1, _) => winners[0].clone(),
        _ => format!("tie between {}", and_list(&winners)),
    }
}

/// Every tie-break of the chain as it was applied, one sentence each, in order.
pub fn tie_break_lines(outcome: &Outcome, nominees: &[String]) -> Vec<String> {
    outcome
        .tie_breaks_applied
        .iter()
        .map(|t| {
            format!(
                "{}{} among {} → {}: {}",
                t.elimination
                    .map_or_else(String::new, |r| format!("round {r} elimination: ")),
                tie_break_label(t.rule),
                and_list(&labels(nominees, &t.among)),
                and_list(&labels(nominees, &t.result)),
                clean(&t.detail)
            )
        })
        .collect()
}

/// The count's notes, less irv's round notes (shown with their rounds already).
pub fn notes(outcome: &Outcome) -> Vec<&String> {
    let shown_in_rounds: Vec<String> = if outcome.method == Method::Irv {
        outcome
            .rounds
            .iter()
            .map(|r| format!("Round {}: {}", r.number, r.note))
            .collect()
    } else {
        Vec::new()
    };
    outcome
        .notes
        .iter()
        .filter(|n| !shown_in_rounds.contains(n))
        .collect()
}

fn ranking_section(out: &mut String, outcome: &Outcome, nominees: &[String]) {
    // An undecided count has no ranking (no first tier to show).
    if outcome.ballots_used == 0 || outcome.ranking.is_empty() {
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
    if outcome.method == Method::Irv {
        irv_rounds(out, outcome, nominees);
        return;
    }
    let _ = writeln!(out, "\nRounds");
    let mut header = String::from(" ");
    for r in &outcome.rounds {
        let _ = write!(header, " {:>7}", format!("R{}", r.number));
    }
    let _ = writeln!(out, "{header}   nominee");
    for c in in_rounds(outcome) {
        let mut line = String::from(" ");
        for r in &outcome.rounds {
            let cell = match r.counts.iter().find(|&&(x, _)| x == c) {
                Some(&(_, v)) => format!("{v} "),
                None => "— ".to_string(),
            };
            let _ = write!(line, " {cell:>7}");
        }
        let _ = writeln!(out, "{line}   {}", label(nominees, c));
    }
    let totals = [("votes cast", true), ("no vote", false)];
    for (name, active) in totals {
        let mut line = String::from(" ");
        for r in &outcome.rounds {
            let v = if active { r.active } else { r.exhausted };
            let _ = write!(line, " {:>7}", format!("{v} "));
        }
        let _ = writeln!(out, "{line}   ({name})");
    }
}

/// Every nominee that appears in any round, by index: the rows of a rounds table.
pub fn in_rounds(outcome: &Outcome) -> Vec<usize> {
    let mut shown: Vec<usize> = outcome
        .rounds
        .iter()
        .flat_map(|r| r.counts.iter().map(|&(c, _)| c))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    shown
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

/// score-z: each juror's mean and spread and the z-score of each score they gave.
fn scales_section(out: &mut String, outcome: &Outcome, nominees: &[String]) {
    if outcome.juror_scales.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\nJurors' scales (z = (score − mean) / spread; a juror with no spread gives 0 to everyone)"
    );
    for j in &outcome.juror_scales {
        let cells: Vec<String> =
            j.z.iter()
                .map(|(c, score, z)| format!("{} {score} → {z}", label(nominees, *c)))
                .collect();
        let _ = writeln!(
            out,
            "  {}: mean {}, spread {}{}: {}",
            clean(&j.voter),
            j.mean,
            j.spread,
            if j.flat { " (no spread)" } else { "" },
            cells.join("; ")
        );
    }
}

fn number(v: i128) -> Value {
    i64::try_from(v).map_or_else(|_| Value::String(v.to_string()), Value::from)
}

/// The tally JSON (docs/counting.md#json-output) without `category` (the caller adds it): method,
/// ballots, winners, tie, ranking, rounds, pairwise, scores, excluded, tie_breaks, decided, notes,
/// pending_round (majority-rounds: the round still being voted, or null).
pub fn json(outcome: &Outcome, nominees: &[String]) -> Value {
    let lab = |c: usize| nominees.get(c).cloned().unwrap_or_else(|| format!("#{c}"));
    let labs = |set: &[usize]| set.iter().map(|&c| lab(c)).collect::<Vec<_>>();
    let irv = outcome.method == Method::Irv;
    let rounds: Vec<Value> = outcome
        .rounds
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut round = json!({
                "round": r.number,
                "counts": by_votes(r).iter().map(|&(c, v)| json!({"nominee": lab(c), "votes": v, "percent": percent(v, r.active)})).collect::<Vec<_>>(),
                "eliminated": labs(&r.eliminated),
                "active": r.active,
                "exhausted": r.exhausted,
                "note": r.note,
            });
            if irv && let Value::Object(map) = &mut round {
                map.insert("threshold".into(), json!(irv_threshold(r)));
                map.insert("exhausted_new".into(), json!(exhausted_new(&outcome.rounds, i)));
                map.insert(
                    "transfers".into(),
                    r.transfers
                        .iter()
                        .map(|t| {
                            json!({
                                "from": lab(t.from),
                                "to": t.to.iter().map(|&(c, v)| json!({"nominee": lab(c), "votes": v})).collect::<Vec<_>>(),
                                "exhausted": t.exhausted,
                            })
                        })
                        .collect(),
                );
            }
            round
        })
        .collect();
    let pairwise = outcome.pairwise.as_ref().map_or(Value::Null, |p| {
        json!({
            "nominees": labs(&(0..p.d.len()).collect::<Vec<_>>()),
            "d": p.d,
            "p": p.p,
            "condorcet_winner": p.condorcet_winner.map(lab),
            "cycle": labs(&p.cycle),
            "beat_paths": p.beat_paths.iter().map(|b| json!({
                "path": labs(&b.path),
                "strength": b.strength,
                "back": b.back,
            })).collect::<Vec<_>>(),
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
            "elimination": t.elimination,
        })).collect::<Vec<_>>(),
        "rested_on_tie": outcome.rested_on_tie,
        "juror_scales": outcome.juror_scales.iter().map(|j| json!({
            "voter": j.voter,
            "mean": j.mean,
            "spread": j.spread,
            "flat": j.flat,
            "z": j.z.iter().map(|(c, score, z)| json!({"nominee": lab(*c), "score": score, "z": z})).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "elimination_tie": outcome.elimination_tie.as_ref().map_or(Value::Null, |t| json!({
            "round": t.round,
            "among": labs(&t.among),
        })),
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
