//! Progress and the leaderboard (docs/screening.md#progress), computed from one read of a round:
//! its assignment lists and its ratings, never the edition's records. A `RoundTally` is what the
//! desk keeps for the open round; see `Desk::screening_tally`.
//!
//! Scores: a rating's score is its weighted mean (`rating_score`). A film's score is the mean of its
//! ratings' scores, or with `--normalise z` the Evalato method: each screener's scores in the round
//! become z-scores over that screener's own ratings (population standard deviation), a film's
//! z-scores are averaged, and the averages are fitted back onto the range the raw means span
//! (the lowest raw mean maps to the lowest normalised mean, the highest to the highest). A screener
//! whose scores have no spread (all equal, or one rating) says nothing about relative quality: their
//! z-scores are 0, the committee's middle. If every normalised mean is equal, each film gets the
//! middle of the raw range.

use std::collections::HashMap;

use super::super::{Desk, Result};
use super::rating_score;
use crate::domain::{Edition, Id, Normalisation, Rating, ScreeningRound};

/// Everything the progress view and the leaderboard need of one round, held in memory and updated a
/// rating at a time (`record`), so the desk never rescans the edition.
#[derive(Debug, Clone)]
pub struct RoundTally {
    pub round: ScreeningRound,
    /// Screener id → name, in seating order.
    pub screeners: Vec<(Id, String)>,
    /// Submission → the screeners assigned to it.
    assigned: HashMap<Id, Vec<Id>>,
    /// (submission, screener) → the rating's weighted mean.
    scores: HashMap<(Id, Id), f64>,
    titles: HashMap<Id, String>,
}

/// One line of the leaderboard.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRow {
    /// Shared by ties; `None` for a film nobody rated yet.
    pub rank: Option<u32>,
    pub id: Id,
    pub title: String,
    pub score: Option<f64>,
    pub ratings: usize,
    /// Screeners assigned (the round's coverage once assigned).
    pub coverage: usize,
}

/// The leaderboard, best first; films without a rating last, in id order.
#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub rows: Vec<BoardRow>,
    /// How many films have a score (the "of N" of a rank).
    pub ranked: usize,
}

/// One screener's part in a film's score, for `--explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Explained {
    pub screener: String,
    pub raw: f64,
    /// The screener's mean and standard deviation over the round.
    pub mean: f64,
    pub spread: f64,
    pub z: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScreenerProgress {
    pub name: String,
    pub assigned: usize,
    pub rated: usize,
    /// Unrated after the round's due date.
    pub overdue: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionProgress {
    pub id: Id,
    pub title: String,
    pub assigned: usize,
    pub rated: usize,
    pub screeners: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub screeners: Vec<ScreenerProgress>,
    pub submissions: Vec<SubmissionProgress>,
}

/// Scores within this distance are a tie (they differ only by floating-point rounding).
const TIE: f64 = 1e-9;

impl RoundTally {
    /// A tally from the records of a round (used by `Desk::screening_tally` and tests).
    pub fn new(
        round: ScreeningRound,
        screeners: Vec<(Id, String)>,
        lists: &[(Id, Vec<Id>)],
        ratings: &[Rating],
        titles: HashMap<Id, String>,
    ) -> RoundTally {
        let mut assigned: HashMap<Id, Vec<Id>> = HashMap::with_capacity(round.submission_ids.len());
        for (screener, films) in lists {
            for &f in films {
                assigned.entry(f).or_default().push(*screener);
            }
        }
        let mut tally = RoundTally {
            round,
            screeners,
            assigned,
            scores: HashMap::with_capacity(ratings.len()),
            titles,
        };
        for r in ratings {
            tally.record(r);
        }
        tally
    }

    /// Takes in a rating just saved (or replaced): the desk calls this instead of reloading.
    pub fn record(&mut self, rating: &Rating) {
        if let Some(score) = rating_score(&self.round.form, &rating.marks) {
            self.scores
                .insert((rating.submission_id, rating.screener_id), score);
        }
    }

    /// `seen k/K`: how many of a film's screeners rated it, of how many assigned.
    pub fn seen(&self, submission: Id) -> (usize, usize) {
        let screeners = self
            .assigned
            .get(&submission)
            .map_or(&[][..], Vec::as_slice);
        let rated = screeners
            .iter()
            .filter(|s| self.scores.contains_key(&(submission, **s)))
            .count();
        (rated, screeners.len())
    }

    /// Whether `screener` has rated `submission` (for "the screener's next unrated film").
    pub fn has_rated(&self, submission: Id, screener: Id) -> bool {
        self.scores.contains_key(&(submission, screener))
    }

    /// A film's title, as the round read it.
    pub fn title(&self, submission: Id) -> Option<&str> {
        self.titles.get(&submission).map(String::as_str)
    }

    /// A film's raw mean over its ratings so far (the pane's score column: two or three lookups per
    /// visible row, no board to compute); `None` when nobody rated it.
    pub fn film_mean(&self, submission: Id) -> Option<f64> {
        let r = self.ratings_of(submission);
        #[allow(clippy::cast_precision_loss)]
        let n = r.len() as f64;
        (!r.is_empty()).then(|| r.iter().map(|(_, v)| v).sum::<f64>() / n)
    }

    /// A film's raw ratings: (screener, score).
    fn ratings_of(&self, submission: Id) -> Vec<(Id, f64)> {
        self.assigned
            .get(&submission)
            .map(|ss| {
                ss.iter()
                    .filter_map(|s| self.scores.get(&(submission, *s)).map(|v| (*s, *v)))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Each screener's mean and population standard deviation over their ratings in the round.
    fn screener_stats(&self) -> HashMap<Id, (f64, f64)> {
        let mut sums: HashMap<Id, (f64, f64, f64)> = HashMap::new();
        for (&(_, screener), &v) in &self.scores {
            let e = sums.entry(screener).or_default();
            e.0 += 1.0;
            e.1 += v;
            e.2 += v * v;
        }
        sums.into_iter()
            .map(|(s, (n, sum, squares))| {
                let mean = sum / n;
                let variance = (squares / n - mean * mean).max(0.0);
                (s, (mean, variance.sqrt()))
            })
            .collect()
    }

    /// The film scores: raw means, or Evalato's fitted z-means (see the module).
    fn film_scores(&self, normalise: Normalisation) -> HashMap<Id, (f64, usize)> {
        let raw: HashMap<Id, (f64, usize)> = self
            .round
            .submission_ids
            .iter()
            .filter_map(|&id| {
                let r = self.ratings_of(id);
                (!r.is_empty()).then(|| {
                    #[allow(clippy::cast_precision_loss)]
                    let n = r.len() as f64;
                    (id, (r.iter().map(|(_, v)| v).sum::<f64>() / n, r.len()))
                })
            })
            .collect();
        if normalise == Normalisation::None || raw.is_empty() {
            return raw;
        }
        let stats = self.screener_stats();
        let z_means: HashMap<Id, f64> = raw
            .keys()
            .map(|&id| {
                let zs: Vec<f64> = self
                    .ratings_of(id)
                    .iter()
                    .map(|(s, v)| z_score(*v, stats.get(s).copied().unwrap_or((0.0, 0.0))))
                    .collect();
                #[allow(clippy::cast_precision_loss)]
                let n = zs.len() as f64;
                (id, zs.iter().sum::<f64>() / n)
            })
            .collect();
        let fit = Fit::new(raw.values().map(|v| v.0), z_means.values().copied());
        raw.into_iter()
            .map(|(id, (_, n))| (id, (fit.apply(z_means[&id]), n)))
            .collect()
    }

    /// The leaderboard, best first, ties sharing a rank.
    pub fn board(&self, normalise: Normalisation) -> Board {
        let scores = self.film_scores(normalise);
        let mut rows: Vec<BoardRow> = self
            .round
            .submission_ids
            .iter()
            .map(|&id| {
                let (score, ratings) = match scores.get(&id) {
                    Some(&(s, n)) => (Some(s), n),
                    None => (None, 0),
                };
                BoardRow {
                    rank: None,
                    id,
                    title: self.titles.get(&id).cloned().unwrap_or_default(),
                    score,
                    ratings,
                    coverage: self.assigned.get(&id).map_or(0, Vec::len),
                }
            })
            .collect();
        rows.sort_by(|a, b| match (a.score, b.score) {
            (Some(x), Some(y)) => y.total_cmp(&x).then(a.id.cmp(&b.id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        });
        let mut previous: Option<(f64, u32)> = None;
        let mut ranked = 0;
        for (i, row) in rows.iter_mut().enumerate() {
            let Some(score) = row.score else { break };
            ranked += 1;
            let place = u32::try_from(i + 1).unwrap_or(u32::MAX);
            let rank = match previous {
                Some((p, r)) if (p - score).abs() < TIE => r,
                _ => place,
            };
            row.rank = Some(rank);
            previous = Some((score, rank));
        }
        Board { rows, ranked }
    }

    /// Each screener's raw and normalised part in one film's score.
    pub fn explain(&self, submission: Id) -> Vec<Explained> {
        let stats = self.screener_stats();
        let name = |s: Id| {
            self.screeners
                .iter()
                .find(|(id, _)| *id == s)
                .map_or_else(|| format!("screener {s}"), |(_, n)| n.clone())
        };
        self.ratings_of(submission)
            .into_iter()
            .map(|(s, raw)| {
                let (mean, spread) = stats.get(&s).copied().unwrap_or((raw, 0.0));
                Explained {
                    screener: name(s),
                    raw,
                    mean,
                    spread,
                    z: z_score(raw, (mean, spread)),
                }
            })
            .collect()
    }

    /// Per screener: rated x of y (and overdue); per film: seen k of K.
    pub fn progress(&self, today: chrono::NaiveDate) -> Progress {
        let late = self.round.due.is_some_and(|due| today > due);
        let mut per: HashMap<Id, (usize, usize)> = HashMap::new();
        let mut submissions = Vec::with_capacity(self.round.submission_ids.len());
        for &id in &self.round.submission_ids {
            let screeners = self.assigned.get(&id).cloned().unwrap_or_default();
            let mut rated = 0;
            for s in &screeners {
                let e = per.entry(*s).or_default();
                e.0 += 1;
                if self.scores.contains_key(&(id, *s)) {
                    e.1 += 1;
                    rated += 1;
                }
            }
            submissions.push(SubmissionProgress {
                id,
                title: self.titles.get(&id).cloned().unwrap_or_default(),
                assigned: screeners.len(),
                rated,
                screeners: screeners
                    .iter()
                    .filter_map(|s| self.screeners.iter().find(|(i, _)| i == s))
                    .map(|(_, n)| n.clone())
                    .collect(),
            });
        }
        Progress {
            screeners: self
                .screeners
                .iter()
                .map(|(id, name)| {
                    let (assigned, rated) = per.get(id).copied().unwrap_or_default();
                    ScreenerProgress {
                        name: name.clone(),
                        assigned,
                        rated,
                        overdue: if late { assigned - rated } else { 0 },
                    }
                })
                .collect(),
            submissions,
        }
    }
}

/// A z-score; 0 for a screener with no spread (see the module).
fn z_score(value: f64, (mean, spread): (f64, f64)) -> f64 {
    if spread < TIE {
        0.0
    } else {
        (value - mean) / spread
    }
}

/// Evalato's fit: normalised means mapped linearly so that their lowest and highest land on the
/// lowest and highest raw means.
struct Fit {
    raw: (f64, f64),
    normalised: (f64, f64),
}

impl Fit {
    fn new(raw: impl Iterator<Item = f64>, normalised: impl Iterator<Item = f64>) -> Fit {
        let span = |it: &mut dyn Iterator<Item = f64>| {
            it.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                (lo.min(v), hi.max(v))
            })
        };
        Fit {
            raw: span(&mut { raw }),
            normalised: span(&mut { normalised }),
        }
    }

    fn apply(&self, n: f64) -> f64 {
        let (s_lo, s_hi) = self.raw;
        let (n_lo, n_hi) = self.normalised;
        if n_hi - n_lo < TIE {
            return f64::midpoint(s_lo, s_hi);
        }
        s_lo + (n - n_lo) * (s_hi - s_lo) / (n_hi - n_lo)
    }
}

impl Desk {
    /// The round's tally from one read of its assignment lists and ratings, and the titles of its
    /// films from the edition's summaries (the read model, not the records). The desk builds one when
    /// the round opens and then calls `RoundTally::record` after each rating it saves, so `seen 2/3`
    /// and the score columns never cost a rescan per keystroke; `RoundTally::board` and `progress`
    /// are computed from it in memory.
    pub fn screening_tally(&self, edition: &Edition, number: u32) -> Result<RoundTally> {
        self.round_tally(edition, number, true)
    }

    /// The tally without the films' titles (`close` needs scores and ranks only, and reading the
    /// edition's summaries for titles is a tenth of its cost at 100k).
    pub(super) fn round_tally(
        &self,
        edition: &Edition,
        number: u32,
        with_titles: bool,
    ) -> Result<RoundTally> {
        let round = self.screening_round(edition, number)?;
        let screeners: Vec<(Id, String)> = self
            .screeners(edition.id)?
            .into_iter()
            .map(|s| (s.id, s.name))
            .collect();
        let lists: Vec<(Id, Vec<Id>)> = self
            .round_assignments(round.id)?
            .into_iter()
            .map(|a| (a.screener_id, a.submission_ids))
            .collect();
        let ratings = self.round_ratings(round.id)?;
        if !with_titles {
            return Ok(RoundTally::new(
                round,
                screeners,
                &lists,
                &ratings,
                HashMap::new(),
            ));
        }
        let titles: HashMap<Id, String> = self
            .summaries(edition.id)?
            .into_iter()
            .filter(|s| round.submission_ids.binary_search(&s.id()).is_ok())
            .map(|s| (s.id(), s.title().to_string()))
            .collect();
        Ok(RoundTally::new(round, screeners, &lists, &ratings, titles))
    }

    /// The leaderboard of a round (see `RoundTally::board`).
    pub fn screening_board(
        &self,
        edition: &Edition,
        number: u32,
        normalise: Normalisation,
    ) -> Result<Board> {
        Ok(self.screening_tally(edition, number)?.board(normalise))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Criterion, Form, Marks, RoundScope, RoundState};

    fn round(films: Vec<Id>, form: Form) -> ScreeningRound {
        ScreeningRound {
            id: 1,
            edition_id: 1,
            number: 1,
            name: "R".into(),
            scope: RoundScope::default(),
            submission_ids: films,
            form,
            coverage: 2,
            normalisation: Normalisation::None,
            due: None,
            state: RoundState::Open,
            outcome: None,
            sample: false,
            events: vec![],
        }
    }

    fn one_criterion() -> Form {
        Form::Criteria(vec![Criterion {
            name: "Overall".into(),
            min: 0,
            max: 100,
            step: 10,
            weight: 1,
            allows_na: false,
        }])
    }

    fn rating(id: Id, film: Id, screener: Id, points: u32) -> Rating {
        Rating {
            id,
            round_id: 1,
            submission_id: film,
            screener_id: screener,
            watched: None,
            marks: Marks::Scores(vec![Some(points * 10)]),
            comment: String::new(),
            private_note: String::new(),
            updated_at: chrono::DateTime::UNIX_EPOCH,
        }
    }

    #[test]
    fn na_gives_its_weight_to_the_others_in_proportion() {
        let c = |name: &str, weight| Criterion {
            name: name.into(),
            min: 10,
            max: 100,
            step: 10,
            weight,
            allows_na: true,
        };
        let form = Form::Criteria(vec![c("Story", 2), c("Craft", 1), c("Sound", 1)]);
        // All marked: (2×8 + 1×6 + 1×4) / 4 = 6.5.
        let all = Marks::Scores(vec![Some(80), Some(60), Some(40)]);
        assert!((rating_score(&form, &all).unwrap() - 6.5).abs() < 1e-12);
        // Sound N/A: its weight goes to Story and Craft 2:1, i.e. (2×8 + 1×6) / 3 = 7.333…
        let na = Marks::Scores(vec![Some(80), Some(60), None]);
        assert!((rating_score(&form, &na).unwrap() - 22.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn z_normalisation_matches_a_worked_example() {
        // Films 1–4. Screener A (generous) rates 1:9, 2:8, 3:7; B (harsh) rates 2:4, 3:3, 4:2;
        // C gives 5 to films 1 and 4 (no spread).
        let ratings = vec![
            rating(1, 1, 10, 9),
            rating(2, 2, 10, 8),
            rating(3, 3, 10, 7),
            rating(4, 2, 20, 4),
            rating(5, 3, 20, 3),
            rating(6, 4, 20, 2),
            rating(7, 1, 30, 5),
            rating(8, 4, 30, 5),
        ];
        let lists = vec![(10, vec![1, 2, 3]), (20, vec![2, 3, 4]), (30, vec![1, 4])];
        let names = vec![(10, "A".into()), (20, "B".into()), (30, "C".into())];
        let tally = RoundTally::new(
            round(vec![1, 2, 3, 4], one_criterion()),
            names,
            &lists,
            &ratings,
            HashMap::new(),
        );
        // By hand. A: mean 8, population sd sqrt(2/3) = 0.81650; z = +1.22474, 0, -1.22474.
        // B: mean 3, same sd; z = +1.22474 (film 2), 0 (film 3), -1.22474 (film 4).
        // C: no spread, z = 0 for both.
        // z-means: film 1 (A +1.22474, C 0) = 0.61237; film 2 (0, +1.22474) = 0.61237;
        //          film 3 (-1.22474, 0) = -0.61237; film 4 (-1.22474, 0) = -0.61237.
        // Raw means: film 1 (9+5)/2 = 7, film 2 (8+4)/2 = 6, film 3 (7+3)/2 = 5, film 4 (2+5)/2 = 3.5.
        // Fit onto [3.5, 7]: -0.61237 → 3.5, +0.61237 → 7.
        let board = tally.board(Normalisation::Z);
        let by_id = |id| board.rows.iter().find(|r| r.id == id).unwrap().clone();
        assert!((by_id(1).score.unwrap() - 7.0).abs() < 1e-9);
        assert!((by_id(2).score.unwrap() - 7.0).abs() < 1e-9);
        assert!((by_id(3).score.unwrap() - 3.5).abs() < 1e-9);
        assert!((by_id(4).score.unwrap() - 3.5).abs() < 1e-9);
        // Ties share a rank: 1, 1, 3, 3.
        let ranks: Vec<_> = board.rows.iter().map(|r| r.rank).collect();
        assert_eq!(ranks, vec![Some(1), Some(1), Some(3), Some(3)]);
        // Raw: 7, 6, 5, 3.5 in that order.
        let raw = tally.board(Normalisation::None);
        let order: Vec<Id> = raw.rows.iter().map(|r| r.id).collect();
        assert_eq!(order, vec![1, 2, 3, 4]);
        assert!((raw.rows[3].score.unwrap() - 3.5).abs() < 1e-12);
        // The explanation of film 1.
        let e = tally.explain(1);
        assert_eq!(e.len(), 2);
        let a = e.iter().find(|x| x.screener == "A").unwrap();
        assert!((a.mean - 8.0).abs() < 1e-12 && (a.spread - (2.0f64 / 3.0).sqrt()).abs() < 1e-12);
        assert!((a.z - 1.224_744_871).abs() < 1e-6);
        let c = e.iter().find(|x| x.screener == "C").unwrap();
        assert_eq!((c.spread, c.z), (0.0, 0.0));
    }

    #[test]
    fn progress_counts_seen_and_unrated_films_rank_last() {
        let lists = vec![(10, vec![1, 2]), (20, vec![1, 2])];
        let ratings = vec![rating(1, 1, 10, 6)];
        let tally = RoundTally::new(
            round(vec![1, 2], one_criterion()),
            vec![(10, "A".into()), (20, "B".into())],
            &lists,
            &ratings,
            HashMap::new(),
        );
        assert_eq!(tally.seen(1), (1, 2));
        assert_eq!(tally.seen(2), (0, 2));
        let board = tally.board(Normalisation::None);
        assert_eq!((board.rows[1].id, board.rows[1].rank), (2, None));
        assert_eq!(board.ranked, 1);
        let p = tally.progress(chrono::NaiveDate::MIN);
        assert_eq!(p.screeners[0].rated, 1);
        assert_eq!(p.screeners[1].assigned, 2);
        assert_eq!(p.screeners[1].overdue, 0, "no due date: nothing is overdue");
        // After the due date, what is unrated is overdue; on the day itself it is not yet.
        let mut late = tally.clone();
        let due = chrono::NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        late.round.due = Some(due);
        assert_eq!(late.progress(due).screeners[0].overdue, 0);
        let after = late.progress(due.succ_opt().unwrap());
        assert_eq!(
            (after.screeners[0].overdue, after.screeners[1].overdue),
            (1, 2)
        );
    }
}
