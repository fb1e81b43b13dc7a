//! `generate`: synthetic but realistic stores for trying jurydesk at scale (BENCHMARKS.md#budgets).
//! Titles and names come in several scripts, countries and sections are skewed the way real calls for
//! entries are, and submission dates spread over a call window. The same seed always gives the same
//! store.

use chrono::{Duration, NaiveDate};
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::editions::{stage_edition, stage_festival};
use super::submissions::stage_submission;
use super::{Desk, DeskError, EditionInput, FestivalInput, FilmInput, Result, SubmissionInput};
use crate::domain::{Edition, Festival, SubmissionStatus};

/// What `generate` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub festival: String,
    pub editions: Vec<String>,
    pub submissions: usize,
}

/// Submissions written per transaction: big enough to be fast, small enough that one audit entry stays
/// a few megabytes.
const BATCH: usize = 5_000;

const LATIN_WORDS: &[&str] = &[
    "Night", "River", "Salt", "Letters", "Garden", "Silence", "Winter", "Border", "Mother", "Road",
    "House", "Light", "Harvest", "Bridge", "Witness", "Stone", "Rain", "Orchard", "Window",
    "Mirror", "Journey", "Return", "Smoke", "Desert", "Sea", "Song", "Island", "Train", "Field",
    "Sky", "Café", "Éclipse",
];
const PERSIAN_WORDS: &[&str] = &[
    "شب",
    "رود",
    "نمک",
    "نامه",
    "باغ",
    "سکوت",
    "زمستان",
    "مرز",
    "مادر",
    "جاده",
    "خانه",
    "نور",
    "بچه‌های",
    "آسمان",
    "پل",
    "باران",
    "آینه",
    "سفر",
    "دریا",
    "آواز",
];
const ARABIC_WORDS: &[&str] = &[
    "ليل",
    "نهر",
    "ملح",
    "رسائل",
    "حديقة",
    "صمت",
    "شتاء",
    "حدود",
    "أم",
    "طريق",
    "بيت",
    "نور",
    "مدينة",
    "ذاكرة",
    "الزيتون",
    "بحر",
];
const CJK_WORDS: &[&str] = &[
    "夜",
    "川",
    "塩",
    "手紙",
    "庭",
    "冬",
    "母",
    "道",
    "家",
    "光",
    "雨",
    "海",
    "紙灯籠",
];
const GIVEN: &[&str] = &[
    "Ali", "Sara", "Reza", "Maryam", "Omar", "Leila", "Hamid", "Nasrin", "Yusuf", "Hana", "Kaveh",
    "Aiko", "Jean", "Élodie", "Mehmet", "Lucía", "Ana", "Karim", "Zainab", "Farid", "Noor",
    "Parisa", "Wei", "Ola",
];
const FAMILY: &[&str] = &[
    "Ahmadi",
    "Karimi",
    "Haddad",
    "Rahimi",
    "Tanaka",
    "Morel",
    "Aydın",
    "Ferrer",
    "Sadr",
    "Nouri",
    "Jaber",
    "Kamali",
    "Hashemi",
    "Farhang",
    "Tabesh",
    "Li",
    "Nowak",
    "Silva",
    "Okafor",
    "Kiarostami-Sample",
];
const PERSIAN_NAMES: &[&str] = &[
    "کاوه آرمان",
    "پریسا مهدوی",
    "رضا تابش",
    "مریم صدر",
    "علی کریمی",
];
/// Countries weighted roughly as a large international call for entries is.
const COUNTRIES: &[(&str, u32)] = &[
    ("Iran", 30),
    ("France", 12),
    ("United States", 10),
    ("Iraq", 8),
    ("India", 7),
    ("Turkey", 6),
    ("Lebanon", 5),
    ("Japan", 4),
    ("Spain", 4),
    ("Germany", 4),
    ("Syria", 3),
    ("Brazil", 3),
    ("Egypt", 3),
    ("China", 3),
    ("Nigeria", 2),
    ("Afghanistan", 2),
    ("Poland", 1),
    ("Chile", 1),
];
const SECTIONS: &[(&str, u32)] = &[
    ("Short Films", 45),
    ("International Competition", 25),
    ("National Competition", 15),
    ("Documentary", 10),
    ("First Films", 5),
];
const STATUSES: &[(SubmissionStatus, u32)] = &[
    (SubmissionStatus::Received, 40),
    (SubmissionStatus::Eligible, 25),
    (SubmissionStatus::Ineligible, 8),
    (SubmissionStatus::Shortlisted, 10),
    (SubmissionStatus::Selected, 4),
    (SubmissionStatus::NotSelected, 10),
    (SubmissionStatus::Withdrawn, 2),
    (SubmissionStatus::Disqualified, 1),
];

fn weighted<T: Copy>(rng: &mut ChaCha8Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut pick = rng.random_range(0..total);
    for &(item, weight) in items {
        if pick < weight {
            return item;
        }
        pick -= weight;
    }
    items[0].0
}

fn words(rng: &mut ChaCha8Rng, pool: &[&str], joiner: &str) -> String {
    let n = rng.random_range(1..=3);
    (0..n)
        .map(|_| *pool.choose(rng).unwrap_or(&"Film"))
        .collect::<Vec<_>>()
        .join(joiner)
}

fn person(rng: &mut ChaCha8Rng) -> String {
    if rng.random_ratio(1, 6) {
        return PERSIAN_NAMES.choose(rng).unwrap_or(&"").to_string();
    }
    format!(
        "{} {}",
        GIVEN.choose(rng).unwrap_or(&""),
        FAMILY.choose(rng).unwrap_or(&"")
    )
}

fn film(rng: &mut ChaCha8Rng, country: &str, serial: usize) -> FilmInput {
    let title = format!("{} {}", words(rng, LATIN_WORDS, " "), serial);
    let original_title = match country {
        "Iran" | "Afghanistan" => words(rng, PERSIAN_WORDS, " "),
        "Iraq" | "Lebanon" | "Syria" | "Egypt" => words(rng, ARABIC_WORDS, " "),
        "Japan" | "China" => words(rng, CJK_WORDS, ""),
        _ => String::new(),
    };
    let directors = (0..rng.random_range(1..=2)).map(|_| person(rng)).collect();
    let cast = (0..rng.random_range(0..=4)).map(|_| person(rng)).collect();
    FilmInput {
        title,
        original_title,
        directors,
        cast,
        countries: vec![country.to_string()],
        year: Some(rng.random_range(2022..=2025)),
        runtime_minutes: Some(if rng.random_ratio(1, 2) {
            rng.random_range(3..=30)
        } else {
            rng.random_range(60..=160)
        }),
        synopsis: "Synthetic film made by `jurydesk generate`.".into(),
        ..FilmInput::default()
    }
}

impl Desk {
    /// Makes a synthetic festival `gen-<seed>` with `editions` editions sharing `submissions`.
    pub fn generate(&self, submissions: usize, editions: u32, seed: u64) -> Result<Generated> {
        if editions == 0 {
            return Err(DeskError::invalid("editions", "at least 1"));
        }
        let code = format!("gen-{seed}");
        if self.festival_id(&code)?.is_some() {
            return Err(DeskError::Refused(format!(
                "festival '{code}' was already generated in this store; use another --seed or store"
            )));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut tx = self.store.begin();
        let festival: Festival = stage_festival(
            &mut tx,
            code.clone(),
            &FestivalInput {
                code: code.clone(),
                name: format!("Generated Festival {seed}"),
                organisers: vec!["jurydesk generate".into()],
                notes: "Synthetic data for trying jurydesk at scale.".into(),
            },
        )?;
        let mut made: Vec<Edition> = Vec::new();
        for number in 1..=editions {
            let year = 2025 - i32::try_from(editions - number).unwrap_or(0);
            made.push(stage_edition(
                &mut tx,
                &festival,
                &EditionInput {
                    festival: code.clone(),
                    number,
                    year,
                    start: NaiveDate::from_ymd_opt(year, 5, 17),
                    end: NaiveDate::from_ymd_opt(year, 5, 24),
                    place: "Synthetic".into(),
                    sections: SECTIONS.iter().map(|(s, _)| s.to_string()).collect(),
                    ..EditionInput::default()
                },
            )?);
        }
        tx.commit(format!(
            "generate festival {code} with {editions} edition(s)"
        ))?;

        let per_edition = submissions.div_ceil(editions as usize);
        let mut written = 0;
        for edition in &made {
            let count = per_edition.min(submissions - written);
            let window_start = NaiveDate::from_ymd_opt(edition.year - 1, 9, 1).unwrap_or_default();
            let mut done = 0;
            while done < count {
                let mut tx = self.store.begin();
                let batch = BATCH.min(count - done);
                for i in 0..batch {
                    let country = weighted(&mut rng, COUNTRIES);
                    let serial = written + done + i + 1;
                    let input = SubmissionInput {
                        edition: edition.code.clone(),
                        film: film(&mut rng, country, serial),
                        section: weighted(&mut rng, SECTIONS).to_string(),
                        status: weighted(&mut rng, STATUSES),
                        // Entries pile up towards the deadline.
                        submitted: Some(
                            window_start
                                + Duration::days((240.0 * rng.random::<f64>().sqrt()) as i64),
                        ),
                        external_id: format!("GEN-{seed}-{serial}"),
                        notes: String::new(),
                    };
                    stage_submission(&mut tx, edition, &input)?;
                }
                done += batch;
                tx.commit(format!(
                    "generate {batch} submission(s) into {} ({done} of {count})",
                    edition.code
                ))?;
            }
            written += count;
        }
        Ok(Generated {
            festival: code,
            editions: made.into_iter().map(|e| e.code).collect(),
            submissions: written,
        })
    }
}
