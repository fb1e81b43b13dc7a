//! Score methods: each juror scores nominees 0–10, and a nominee is valued by
//! - `score-mean`: the mean of the scores it was given;
//! - `score-trimmed`: the same without its single highest and single lowest score, when it has at
//!   least 5 (so one enthusiast or one detractor cannot carry it);
//! - `score-z`: the mean of its z-scores, each juror's scores standardised by that juror's mean and
//!   population standard deviation over the nominees they scored (so a severe juror and a generous one
//!   weigh the same); a juror with no spread contributes 0.
//!
//! A juror who did not score a nominee is not counted for it. Mean and trimmed mean are exact fractions
//! compared by cross-multiplication: a tie at 7 against 7 is a tie. The z-score needs a square root, so
//! it is computed in f64 and **values within 1e-9 of each other are treated as tied**; each nominee's
//! z-scores are summed in fixed point (exact integer addition) so that the ballots' order cannot change
//! the last bits.

use super::fraction::Frac;
use super::ties::{TieContext, settle};
use super::{
    Count, JurorScale, Method, Outcome, ScoreLine, TallyError, ballots, blank, names, plural,
};

/// Which score method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Mean,
    Trimmed,
    Z,
}

/// Values closer than this are a tie in `score-z`.
pub const Z_TOLERANCE: f64 = 1e-9;

/// 2⁶⁴: z-scores are summed as integer multiples of 2⁻⁶⁴.
const FIXED: f64 = 18_446_744_073_709_551_616.0;

/// Scores listed in a detail line up to this many; beyond, only their count and sum.
const LISTED: usize = 12;

pub(super) fn count(input: &Count<'_>, kind: Kind) -> Result<Outcome, TallyError> {
    let n = input.nominees.len();
    let method = match kind {
        Kind::Mean => Method::ScoreMean,
        Kind::Trimmed => Method::ScoreTrimmed,
        Kind::Z => Method::ScoreZ,
    };
    let sheets = ballots::scored(method.name(), input.nominees, input.ballots)?;
    let mut outcome = blank(method, n);
    if input.ballots.is_empty() {
        return Ok(outcome);
    }
    let mut given: Vec<Vec<u8>> = vec![Vec::new(); n];
    for sheet in &sheets {
        for &(c, s) in *sheet {
            given[c].push(s);
        }
    }
    for scores in &mut given {
        scores.sort_unstable();
    }
    outcome.notes.push(match kind {
        Kind::Mean => "Each nominee's value is the mean of the scores it was given; a juror who did not score a nominee is not counted for it.".to_string(),
        Kind::Trimmed => "Each nominee's value is the mean of its scores without the single highest and single lowest, when it has at least 5 scores; a juror who did not score a nominee is not counted for it.".to_string(),
        Kind::Z => format!(
            "Each juror's scores become z-scores (score minus the juror's mean, divided by the juror's population standard deviation over the nominees they scored); a nominee's value is the mean of its z-scores. Values within {Z_TOLERANCE:e} are treated as tied."
        ),
    });
    let unscored: Vec<usize> = (0..n).filter(|&c| given[c].is_empty()).collect();
    if !unscored.is_empty() {
        outcome.notes.push(format!(
            "{} received no scores and {} ranked last.",
            names(input.nominees, &unscored),
            if unscored.len() == 1 { "is" } else { "are" }
        ));
    }
    let (ranking, mut lines) = match kind {
        Kind::Mean | Kind::Trimmed => exact(&given, kind, sheets.len()),
        Kind::Z => {
            let (ranking, lines, mut scales) = z_scores(&sheets, &given, n, input.ballots);
            // By name, so that the ballots' order never shows.
            scales.sort_by(|a, b| a.voter.cmp(&b.voter));
            let flat: Vec<&str> = scales
                .iter()
                .filter(|s| s.flat)
                .map(|s| s.voter.as_str())
                .collect();
            if !flat.is_empty() {
                outcome.notes.push(format!(
                    "{} gave the same score to every nominee they scored ({} no spread) and contribute 0: {}.",
                    plural(flat.len() as u64, "juror"),
                    if flat.len() == 1 { "has" } else { "have" },
                    flat.join(", ")
                ));
            }
            outcome.juror_scales = scales;
            (ranking, lines)
        }
    };
    for tier in ranking.iter().filter(|t| t.len() > 1) {
        if let Some(line) = lines.iter().find(|l| l.nominee == tier[0])
            && line.denominator != 0
        {
            outcome.notes.push(format!(
                "{} are tied at {}.",
                names(input.nominees, tier),
                line.display
            ));
        }
    }
    let ctx = TieContext {
        nominees: input.nominees,
        chain: input.tie_breaks,
        casting_vote: input.casting_vote,
        rankings: None,
        earlier_rounds: &[],
    };
    let settled = settle(ranking, &ctx);
    let order: Vec<usize> = settled.ranking.iter().flatten().copied().collect();
    lines.sort_by_key(|l| order.iter().position(|&c| c == l.nominee));
    outcome.scores = lines;
    outcome.winners = settled.winners;
    outcome.tie = settled.tie;
    outcome.ranking = settled.ranking;
    outcome.tie_breaks_applied = settled.applied;
    outcome.notes.extend(settled.notes);
    Ok(outcome)
}

fn listed(scores: &[u8]) -> String {
    if scores.len() <= LISTED {
        let list: Vec<String> = scores.iter().map(u8::to_string).collect();
        format!(
            "{} ({})",
            plural(scores.len() as u64, "score"),
            list.join(", ")
        )
    } else {
        let sum: u64 = scores.iter().map(|&s| u64::from(s)).sum();
        format!("{} summing to {sum}", plural(scores.len() as u64, "score"))
    }
}

fn missing(scores: &[u8], jurors: usize) -> String {
    let missing = jurors - scores.len();
    if missing == 0 {
        String::new()
    } else {
        format!("; {} did not score it", plural(missing as u64, "juror"))
    }
}

/// `21/3 = 7`, or just `23/3` when it does not reduce.
fn quotient(num: i128, den: i128, value: Frac) -> String {
    if value.num == num && value.den == den {
        format!("{num}/{den}")
    } else {
        format!("{num}/{den} = {}", value.exact())
    }
}

fn no_scores(c: usize) -> ScoreLine {
    ScoreLine {
        nominee: c,
        numerator: 0,
        denominator: 0,
        display: "—".to_string(),
        detail: "no scores".to_string(),
    }
}

/// Mean or trimmed mean as exact fractions; nominees without scores rank last.
fn exact(given: &[Vec<u8>], kind: Kind, jurors: usize) -> (Vec<Vec<usize>>, Vec<ScoreLine>) {
    let mut values: Vec<Option<Frac>> = Vec::with_capacity(given.len());
    let mut lines = Vec::with_capacity(given.len());
    for (c, scores) in given.iter().enumerate() {
        // `scores` is sorted, so the lowest is first and the highest last.
        let (Some(&lowest), Some(&highest)) = (scores.first(), scores.last()) else {
            values.push(None);
            lines.push(no_scores(c));
            continue;
        };
        let sum: i128 = scores.iter().map(|&s| i128::from(s)).sum();
        let count = scores.len() as i128;
        let trim = kind == Kind::Trimmed && scores.len() >= 5;
        let value = if trim {
            Frac::new(sum - i128::from(lowest) - i128::from(highest), count - 2)
        } else {
            Frac::new(sum, count)
        };
        let how = if trim {
            format!(
                "{}; without the highest ({highest}) and lowest ({lowest}): {}",
                listed(scores),
                quotient(
                    sum - i128::from(lowest) - i128::from(highest),
                    count - 2,
                    value
                )
            )
        } else {
            let fewer = if kind == Kind::Trimmed {
                ", too few to trim"
            } else {
                ""
            };
            format!("{}{fewer}; {}", listed(scores), quotient(sum, count, value))
        };
        values.push(Some(value));
        lines.push(ScoreLine {
            nominee: c,
            numerator: value.num,
            denominator: value.den,
            display: value.display(),
            detail: format!("{how}{}", missing(scores, jurors)),
        });
    }
    // `None < Some(_)`, so nominees without scores fall to the last tier.
    (super::tiers_desc(&values), lines)
}

/// Mean z-scores per nominee, tiers within [`Z_TOLERANCE`], and each juror's scale.
fn z_scores(
    sheets: &[&[(usize, u8)]],
    given: &[Vec<u8>],
    n: usize,
    ballots: &[super::Ballot],
) -> (Vec<Vec<usize>>, Vec<ScoreLine>, Vec<JurorScale>) {
    // Each z-score is rounded to a multiple of 2⁻⁶⁴ and summed as an integer: exact, so the sum does
    // not depend on the ballots' order, and the rounding (< 10⁻¹⁹ a score) is far below the tolerance.
    let mut sums = vec![0i128; n];
    let mut counts = vec![0usize; n];
    let mut scales = Vec::new();
    for (sheet, ballot) in sheets.iter().zip(ballots) {
        if sheet.is_empty() {
            continue;
        }
        // Exact integers: c·σ = sqrt(c·Σs² − (Σs)²), so z = (c·s − Σs) / sqrt(c·Σs² − (Σs)²).
        let c = sheet.len() as i64;
        let sum: i64 = sheet.iter().map(|&(_, s)| i64::from(s)).sum();
        let squares: i64 = sheet
            .iter()
            .map(|&(_, s)| i64::from(s) * i64::from(s))
            .sum();
        let spread = c * squares - sum * sum;
        let root = (spread as f64).sqrt();
        let mut zs = Vec::new();
        for &(nominee, s) in *sheet {
            let z = if spread != 0 {
                (c * i64::from(s) - sum) as f64 / root
            } else {
                0.0
            };
            sums[nominee] += (z * FIXED).round() as i128;
            counts[nominee] += 1;
            zs.push((nominee, s, signed(z)));
        }
        zs.sort_unstable_by_key(|&(nominee, _, _)| nominee);
        scales.push(JurorScale {
            voter: ballot.voter.clone(),
            mean: Frac::new(i128::from(sum), i128::from(c)).display(),
            spread: if spread == 0 {
                "0".to_string()
            } else {
                format!("{:.3}", root / c as f64)
            },
            flat: spread == 0,
            z: zs,
        });
    }
    let means: Vec<Option<f64>> = (0..n)
        .map(|c| (counts[c] > 0).then(|| sums[c] as f64 / FIXED / counts[c] as f64))
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| match (means[a], means[b]) {
        (Some(x), Some(y)) => y.total_cmp(&x).then(a.cmp(&b)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.cmp(&b),
    });
    let mut tiers: Vec<Vec<usize>> = Vec::new();
    let mut previous: Option<Option<f64>> = None;
    for c in order {
        let joins = match (previous, means[c]) {
            (Some(Some(p)), Some(m)) => (p - m).abs() <= Z_TOLERANCE,
            (Some(None), None) => true,
            _ => false,
        };
        match tiers.last_mut() {
            Some(tier) if joins => tier.push(c),
            _ => tiers.push(vec![c]),
        }
        previous = Some(means[c]);
    }
    for tier in &mut tiers {
        tier.sort_unstable();
    }
    let lines = (0..n)
        .map(|c| match means[c] {
            None => no_scores(c),
            Some(m) => {
                let shown = signed(m);
                ScoreLine {
                    nominee: c,
                    numerator: (m * 1e9).round() as i128,
                    denominator: 1_000_000_000,
                    display: shown,
                    detail: format!(
                        "mean of {} z-score{}, from {}",
                        counts[c],
                        if counts[c] == 1 { "" } else { "s" },
                        listed(&given[c])
                    ),
                }
            }
        })
        .collect();
    (tiers, lines, scales)
}

/// A z-score as read: `+0.426`, `-1.225`, `0.000`.
fn signed(z: f64) -> String {
    if z.abs() < 0.0005 {
        "0.000".to_string()
    } else {
        format!("{z:+.3}")
    }
}
