//! Screening rounds made up for the demo (RIFF 18's sample round, docs/screening.md / issue 15 item
//! 8) and for scale tests (`generate --screening-round`, item 9).

use chrono::Utc;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::super::{Desk, Result};
use super::assign::{PlanInput, plan};
use super::{RoundInput, parse_criteria};
use crate::domain::{
    Assignments, Edition, Form, Id, Marks, Normalisation, Rating, Recusal, RoundScope, RoundState,
    Screener, ScreeningRound,
};
use crate::store::{Kind, Tx};

/// The sample form: weighted criteria, one of which may be "not applicable".
const SAMPLE_CRITERIA: &str = "Story:1-10:2, Craft:1-10:1, Sound:1-10:1:na";

/// The demo's committee; the second has a declared conflict with one film.
const DEMO_SCREENERS: [&str; 4] = [
    "Leila Karimi (sample)",
    "Tomás Ferreira (sample)",
    "Hana Sato (sample)",
    "Omar Haddad (sample)",
];

/// What `generate --screening-round` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedRound {
    pub number: u32,
    pub screeners: usize,
    pub assignments: usize,
    pub ratings: usize,
}

/// A deterministic mark on a criterion: 1–10 around a film's "quality" and a screener's leniency.
fn mark(rng: &mut ChaCha8Rng, quality: i32, leniency: i32) -> u32 {
    let v = (quality + leniency + rng.random_range(-1..=1)).clamp(1, 10);
    u32::try_from(v).unwrap_or(1) * 10
}

fn sample_marks(rng: &mut ChaCha8Rng, form: &Form, quality: i32, leniency: i32) -> Marks {
    match form {
        Form::Verdicts => Marks::Verdict(crate::domain::Verdict::Maybe),
        Form::Criteria(criteria) => Marks::Scores(
            criteria
                .iter()
                .map(|c| {
                    if c.allows_na && rng.random_range(0..8) == 0 {
                        None
                    } else {
                        Some(mark(rng, quality, leniency))
                    }
                })
                .collect(),
        ),
    }
}

/// Stages RIFF 18's sample round into the demo's transaction: four sample screeners (one recused from
/// a film), a criteria form, coverage 2, assigned from seed 18, about half the assignments rated.
pub(in crate::desk) fn stage_demo_round(
    tx: &mut Tx<'_>,
    edition: &Edition,
    films: &[Id],
) -> Result<()> {
    let mut films = films.to_vec();
    films.sort_unstable();
    let Some(&conflicted) = films.get(2) else {
        return Ok(());
    };
    let mut screeners = Vec::new();
    for (i, name) in DEMO_SCREENERS.iter().enumerate() {
        let screener = Screener {
            id: tx.new_id(Kind::Screener)?,
            edition_id: edition.id,
            name: (*name).to_string(),
            recusals: if i == 1 {
                vec![Recusal {
                    submission_id: conflicted,
                    reason: "edited the film (sample conflict)".into(),
                }]
            } else {
                Vec::new()
            },
            sample: true,
        };
        tx.put(&screener)?;
        screeners.push(screener);
    }
    let form = Form::Criteria(parse_criteria(SAMPLE_CRITERIA)?);
    let round = ScreeningRound {
        id: tx.new_id(Kind::ScreeningRound)?,
        edition_id: edition.id,
        number: 1,
        name: "Sample pre-selection".into(),
        scope: RoundScope::default(),
        submission_ids: films.clone(),
        form: form.clone(),
        coverage: 2,
        normalisation: Normalisation::None,
        due: None,
        state: RoundState::Open,
        outcome: None,
        sample: true,
        events: Vec::new(),
    };
    tx.put(&round)?;
    let ix = films.iter().position(|&f| f == conflicted).unwrap_or(0);
    let input = PlanInput {
        submissions: films.len(),
        screeners: screeners.len(),
        coverage: 2,
        blocked: [(1, ix)].into_iter().collect(),
        existing: Vec::new(),
    };
    let planned = plan(&input, 18);
    let mut rng = ChaCha8Rng::seed_from_u64(18);
    let mut lists: Vec<Vec<Id>> = vec![Vec::new(); screeners.len()];
    for &(i, s) in &planned.added {
        lists[s].push(films[i]);
    }
    for (s, mut list) in lists.into_iter().enumerate() {
        list.sort_unstable();
        // The first half of each screener's films are rated.
        let rated = list.len().div_ceil(2);
        for (n, &film) in list.iter().enumerate().take(rated) {
            let quality = 4 + i32::try_from(film % 6).unwrap_or(0);
            let leniency = i32::try_from(s).unwrap_or(0) - 1;
            let rating = Rating {
                id: tx.new_id(Kind::Rating)?,
                round_id: round.id,
                submission_id: film,
                screener_id: screeners[s].id,
                watched: edition.start.map(|d| d - chrono::Days::new(40 - n as u64)),
                marks: sample_marks(&mut rng, &form, quality, leniency),
                comment: "Sample rating.".into(),
                private_note: String::new(),
                updated_at: Utc::now(),
            };
            tx.put(&rating)?;
        }
        let id = tx.new_id(Kind::Assignments)?;
        tx.put(&Assignments {
            id,
            round_id: round.id,
            screener_id: screeners[s].id,
            submission_ids: list,
        })?;
    }
    Ok(())
}

impl Desk {
    /// `generate --screening-round N`: seats N screeners on `edition`, adds a round over all its films
    /// (coverage 3, the sample form), assigns it from `seed` and rates `rated` per cent of the
    /// assignments, in commits of one screener's ratings each.
    pub fn generate_screening_round(
        &self,
        edition: &str,
        screeners: usize,
        rated: u8,
        seed: u64,
    ) -> Result<GeneratedRound> {
        let code = self.edition(edition)?.code;
        let mut tx = self.store.begin();
        let ed = self.edition(&code)?;
        let first = self.screeners(ed.id)?.len();
        for i in 0..screeners {
            let screener = Screener {
                id: tx.new_id(Kind::Screener)?,
                edition_id: ed.id,
                name: format!("Screener {:02}", first + i + 1),
                recusals: Vec::new(),
                sample: true,
            };
            tx.put(&screener)?;
        }
        tx.commit(format!("generate: {screeners} screener(s) for {code}"))?;
        let round = self.add_screening_round(
            &code,
            &RoundInput {
                name: "Generated round".into(),
                form: Form::Criteria(parse_criteria(SAMPLE_CRITERIA)?),
                coverage: 3,
                scope: RoundScope::default(),
                normalisation: Normalisation::None,
                due: None,
                sample: true,
            },
        )?;
        let report = self.assign_screening(&code, round.number, seed)?;
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut ratings = 0;
        for (s, list) in self.round_assignments(round.id)?.into_iter().enumerate() {
            let mut tx = self.store.begin();
            let leniency = i32::try_from(s % 5).unwrap_or(0) - 2;
            for &film in &list.submission_ids {
                if rng.random_range(0..100) >= u32::from(rated) {
                    continue;
                }
                let quality = 3 + i32::try_from(film % 6).unwrap_or(0);
                let id = tx.new_id(Kind::Rating)?;
                tx.put(&Rating {
                    id,
                    round_id: round.id,
                    submission_id: film,
                    screener_id: list.screener_id,
                    watched: None,
                    marks: sample_marks(&mut rng, &round.form, quality, leniency),
                    comment: String::new(),
                    private_note: String::new(),
                    updated_at: Utc::now(),
                })?;
                ratings += 1;
            }
            tx.commit(format!(
                "generate: ratings of screener {} in round {} ({code})",
                list.screener_id, round.number
            ))?;
        }
        Ok(GeneratedRound {
            number: round.number,
            screeners,
            assignments: report.added,
            ratings,
        })
    }
}
