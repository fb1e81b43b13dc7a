//! The demo festivals: a few facts of the seed story, and clearly marked sample films so the panes have
//! something to browse. Loading is idempotent (festivals and editions by code, films by their demo id)
//! and happens in one change, so a single `undo` takes it all back.

use chrono::NaiveDate;

use super::demo_jury::{self, Entered};
use super::editions::{stage_edition, stage_festival};
use super::submissions::{stage_entry_of_film, stage_submission};
use super::{Desk, EditionInput, FestivalInput, FilmInput, Result, SubmissionInput};
use crate::domain::{
    Calendar, Edition, EditionEvent, Festival, Film, Submission, SubmissionStatus,
};
use crate::store::{Tx, keys};

/// What `demo` added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DemoReport {
    pub festivals: usize,
    pub editions: usize,
    pub submissions: usize,
    pub categories: usize,
}

impl DemoReport {
    pub fn added_nothing(&self) -> bool {
        *self == DemoReport::default()
    }
}

const SAMPLE_NOTE: &str = "sample: invented for the jurydesk demo, not a real film";

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

fn demo_festivals() -> Vec<FestivalInput> {
    vec![
        FestivalInput {
            code: "riff".into(),
            name: "Resistance International Film Festival".into(),
            organisers: strings(&[
                "Association of the Revolution and Sacred Defense Cinema",
                "Revayat Foundation",
            ]),
            notes: String::new(),
        },
        FestivalInput {
            code: "fajr".into(),
            name: "Fajr Film Festival".into(),
            organisers: Vec::new(),
            notes: String::new(),
        },
        FestivalInput {
            code: "basirah".into(),
            name: "Basirah Cinema and Theater Festival".into(),
            organisers: Vec::new(),
            notes: "Held in Iraq.".into(),
        },
    ]
}

fn demo_editions() -> Vec<EditionInput> {
    vec![
        EditionInput {
            calendar: Calendar::Gregorian,
            festival: "riff".into(),
            number: 18,
            year: 2025,
            start: date(2025, 5, 17),
            end: date(2025, 5, 24),
            place: "Iran".into(),
            venues: Vec::new(),
            sections: strings(&[
                "International Competition",
                "National Competition",
                "Short Films",
            ]),
            events: vec![EditionEvent {
                name: "International event in Baghdad".into(),
                place: "Baghdad, Iraq".into(),
                start: date(2025, 3, 15),
                end: date(2025, 3, 19),
                partners: strings(&["Basirah Institute (Iraq)"]),
                venues: strings(&[
                    "a cinema in the Jadriya district",
                    "a cinema in the Harithiya district",
                ]),
            }],
            notes: "Closing ceremony on 24 May 2025.".into(),
        },
        EditionInput {
            calendar: Calendar::Gregorian,
            festival: "fajr".into(),
            number: 43,
            year: 2025,
            start: None,
            end: None,
            place: "Iran".into(),
            venues: Vec::new(),
            sections: strings(&["Main Competition", "First Films"]),
            events: Vec::new(),
            notes: "The seed story says \"North from South West\" was nominated in 13 categories but not which; the demo's 13 categories are representative.".into(),
        },
        EditionInput {
            calendar: Calendar::Gregorian,
            festival: "basirah".into(),
            number: 1,
            year: 2025,
            start: None,
            end: None,
            place: "Iraq".into(),
            venues: Vec::new(),
            sections: strings(&["Special Screenings", "Competition"]),
            events: Vec::new(),
            notes: "The first edition of the festival.".into(),
        },
    ]
}

/// The story's film: entered at the 43rd Fajr, then screened at the 1st Basirah festival.
fn north_from_south_west() -> FilmInput {
    FilmInput {
        title: "North from South West".into(),
        directors: strings(&["Hamid Zargarnejad"]),
        countries: strings(&["Iran"]),
        languages: strings(&["Persian"]),
        synopsis: "A thriller set during the 1980–88 war: a truck loaded with explosives is smuggled \
                   across the border and then disappears somewhere in a province in the north of Iran."
            .into(),
        ..FilmInput::default()
    }
}

struct Sample {
    edition: &'static str,
    id: &'static str,
    title: &'static str,
    original: &'static str,
    director: &'static str,
    countries: &'static [&'static str],
    language: &'static str,
    year: i32,
    runtime: u32,
    section: &'static str,
    status: SubmissionStatus,
    submitted: (u32, u32),
    synopsis: &'static str,
}

const SAMPLES: &[Sample] = {
    use SubmissionStatus::*;
    &[
        Sample {
            edition: "riff-18",
            id: "demo-riff-01",
            title: "The Salt Road",
            original: "جاده نمک",
            director: "Nasim Rahbar",
            countries: &["Iran"],
            language: "Persian",
            year: 2024,
            runtime: 94,
            section: "National Competition",
            status: Selected,
            submitted: (1, 12),
            synopsis: "Two drivers carry salt across a flooded plain and argue about the road home.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-02",
            title: "Letters from the Front Line",
            original: "نامه‌هایی از خط مقدم",
            director: "Kaveh Arman",
            countries: &["Iran"],
            language: "Persian",
            year: 2024,
            runtime: 102,
            section: "National Competition",
            status: Shortlisted,
            submitted: (1, 20),
            synopsis: "A postman keeps the letters he could not deliver.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-03",
            title: "A House in Basra",
            original: "بيت في البصرة",
            director: "Yusuf al-Amiri",
            countries: &["Iraq"],
            language: "Arabic",
            year: 2024,
            runtime: 88,
            section: "International Competition",
            status: Selected,
            submitted: (1, 25),
            synopsis: "A family returns to the house they left and finds strangers living there.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-04",
            title: "The Last Date Palm",
            original: "النخلة الأخيرة",
            director: "Hana Jaber",
            countries: &["Iraq", "Lebanon"],
            language: "Arabic",
            year: 2023,
            runtime: 76,
            section: "International Competition",
            status: Eligible,
            submitted: (2, 2),
            synopsis: "An old gardener refuses to cut down the last palm of a burnt grove.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-05",
            title: "The Drummer Boy",
            original: "الطَّبّال الصغير",
            director: "Rana Haddad",
            countries: &["Lebanon"],
            language: "Arabic",
            year: 2024,
            runtime: 15,
            section: "Short Films",
            status: Selected,
            submitted: (2, 9),
            synopsis: "A boy drums for a wedding that keeps being postponed.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-06",
            title: "Café des Exilés",
            original: "",
            director: "Élodie Marchand",
            countries: &["France", "Algeria"],
            language: "French",
            year: 2024,
            runtime: 91,
            section: "International Competition",
            status: NotSelected,
            submitted: (2, 14),
            synopsis: "Regulars of a Marseille café trade stories of the cities they left.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-07",
            title: "Paper Lanterns",
            original: "紙灯籠",
            director: "Aiko Tanabe",
            countries: &["Japan"],
            language: "Japanese",
            year: 2023,
            runtime: 19,
            section: "Short Films",
            status: Ineligible,
            submitted: (2, 21),
            synopsis: "A lantern maker prepares for a festival of the dead.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-08",
            title: "The Radio Operator",
            original: "بی‌سیم‌چی",
            director: "Omid Farhang",
            countries: &["Iran"],
            language: "Persian",
            year: 2025,
            runtime: 107,
            section: "National Competition",
            status: Received,
            submitted: (3, 1),
            synopsis: "A radio operator hears a voice on a frequency nobody should be using.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-09",
            title: "Olive Memory",
            original: "ذاكرة الزيتون",
            director: "Nour El-Sayed",
            countries: &["Syria"],
            language: "Arabic",
            year: 2024,
            runtime: 83,
            section: "International Competition",
            status: Withdrawn,
            submitted: (3, 4),
            synopsis: "A woman reconstructs her village from the olive trees that survived.",
        },
        Sample {
            edition: "riff-18",
            id: "demo-riff-10",
            title: "🎞 Reel Memories",
            original: "",
            director: "Lucía Ferrer",
            countries: &["Spain"],
            language: "Spanish",
            year: 2024,
            runtime: 12,
            section: "Short Films",
            status: Eligible,
            submitted: (3, 9),
            synopsis: "Home movies found in a flea market, narrated by the woman who shot them.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-01",
            title: "Seven Winters",
            original: "هفت زمستان",
            director: "Mariam Sadr",
            countries: &["Iran"],
            language: "Persian",
            year: 2024,
            runtime: 112,
            section: "Main Competition",
            status: Selected,
            submitted: (10, 3),
            synopsis: "Seven winters in the life of a village school teacher.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-02",
            title: "Children of the River",
            original: "بچه‌های رودخانه",
            director: "Reza Tabesh",
            countries: &["Iran"],
            language: "Persian",
            year: 2024,
            runtime: 89,
            section: "First Films",
            status: Selected,
            submitted: (10, 7),
            synopsis: "Three children build a raft to reach the island their grandfather talked about.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-03",
            title: "Bridge of Reeds",
            original: "پل نی",
            director: "Bahram Nikpour",
            countries: &["Iran"],
            language: "Persian",
            year: 2024,
            runtime: 98,
            section: "Main Competition",
            status: Shortlisted,
            submitted: (10, 11),
            synopsis: "Marsh villagers rebuild a bridge after every flood.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-04",
            title: "Mother's Bread",
            original: "نان مادر",
            director: "پریسا مهدوی",
            countries: &["Iran"],
            language: "Persian",
            year: 2024,
            runtime: 95,
            section: "Main Competition",
            status: NotSelected,
            submitted: (10, 15),
            synopsis: "A bakery, a debt, and a daughter who wants to leave.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-05",
            title: "The Mine Clearer",
            original: "مین‌یاب",
            director: "Arash Kamali",
            countries: &["Iran"],
            language: "Persian",
            year: 2025,
            runtime: 101,
            section: "Main Competition",
            status: Selected,
            submitted: (10, 20),
            synopsis: "Years after the war, a deminer walks the same fields every morning.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-06",
            title: "Two Brothers from Abadan",
            original: "دو برادر از آبادان",
            director: "Farid Ansari",
            countries: &["Iran"],
            language: "Persian",
            year: 2024,
            runtime: 118,
            section: "Main Competition",
            status: Eligible,
            submitted: (10, 24),
            synopsis: "Brothers separated as boys meet again at their father's funeral.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-07",
            title: "A Well in the Desert",
            original: "چاهی در بیابان",
            director: "Zainab Hashemi",
            countries: &["Iran", "Afghanistan"],
            language: "Dari",
            year: 2024,
            runtime: 86,
            section: "First Films",
            status: Received,
            submitted: (11, 2),
            synopsis: "A well digger and his apprentice wait for water that may never come.",
        },
        Sample {
            edition: "fajr-43",
            id: "demo-fajr-08",
            title: "The Weaver's Daughter",
            original: "دختر بافنده",
            director: "کاوه آرمان",
            countries: &["Iran"],
            language: "Persian",
            year: 2025,
            runtime: 93,
            section: "First Films",
            status: Disqualified,
            submitted: (11, 6),
            synopsis: "A carpet left unfinished holds the story of the woman who wove it.",
        },
        Sample {
            edition: "basirah-1",
            id: "demo-basirah-01",
            title: "Night Watch on the Tigris",
            original: "حراسة ليلية على دجلة",
            director: "Karim Nouri",
            countries: &["Iraq"],
            language: "Arabic",
            year: 2025,
            runtime: 97,
            section: "Competition",
            status: Selected,
            submitted: (1, 30),
            synopsis: "A night watchman on a riverside road meets everyone who cannot sleep.",
        },
        Sample {
            edition: "basirah-1",
            id: "demo-basirah-02",
            title: "Under the Same Sky",
            original: "تحت السماء نفسها",
            director: "Layla Karim",
            countries: &["Iraq", "Iran"],
            language: "Arabic",
            year: 2024,
            runtime: 90,
            section: "Competition",
            status: Shortlisted,
            submitted: (2, 5),
            synopsis: "Two pilgrims, two languages, one long road on foot.",
        },
        Sample {
            edition: "basirah-1",
            id: "demo-basirah-03",
            title: "Qasida for a Lost City",
            original: "قصيدة لمدينة ضائعة",
            director: "Hana Jaber",
            countries: &["Iraq"],
            language: "Arabic",
            year: 2025,
            runtime: 24,
            section: "Competition",
            status: Received,
            submitted: (2, 11),
            synopsis: "A poet recites a city street by street from memory.",
        },
        Sample {
            edition: "basirah-1",
            id: "demo-basirah-04",
            title: "Snow on the Border",
            original: "Sınırda Kar",
            director: "Mehmet Aydın",
            countries: &["Turkey"],
            language: "Turkish",
            year: 2024,
            runtime: 81,
            section: "Competition",
            status: Eligible,
            submitted: (2, 18),
            synopsis: "A border guard and a shepherd share a hut through a blizzard.",
        },
    ]
};

impl Desk {
    /// Loads the demo festivals, adding only what is not there yet, in one logged change.
    pub fn load_demo(&self) -> Result<DemoReport> {
        let mut report = DemoReport::default();
        let mut tx = self.store.begin();

        let mut festivals: Vec<Festival> = Vec::new();
        for input in demo_festivals() {
            let festival = if self.festival_id(&input.code)?.is_some() {
                self.festival(&input.code)?
            } else {
                report.festivals += 1;
                stage_festival(&mut tx, input.code.clone(), &input)?
            };
            festivals.push(festival);
        }
        let mut editions: Vec<Edition> = Vec::new();
        for input in demo_editions() {
            let code = Edition::code_for(&input.festival, input.number);
            let edition = if self.edition_id(&code)?.is_some() {
                self.edition(&code)?
            } else {
                let Some(festival) = festivals.iter().find(|f| f.code == input.festival) else {
                    continue;
                };
                report.editions += 1;
                stage_edition(&mut tx, festival, &input)?
            };
            editions.push(edition);
        }
        let edition = |code: &str| editions.iter().find(|e| e.code == code);

        // The story's film, with one identity across its two editions.
        let story = [
            (
                "fajr-43",
                "demo-story-fajr",
                "Main Competition",
                SubmissionStatus::Selected,
                "In competition; nominated in 13 categories, winner of best director, best actor and best cinematography.",
            ),
            (
                "basirah-1",
                "demo-story-basirah",
                "Special Screenings",
                SubmissionStatus::Selected,
                "Its first screening in Iraq.",
            ),
        ];
        let mut story_film: Option<Film> = None;
        let mut entered: Vec<(&str, String, Submission)> = Vec::new();
        for (code, external_id, section, status, notes) in story {
            let Some(edition) = edition(code) else {
                continue;
            };
            if let Some((submission, film)) = self.demo_submission(&tx, edition, external_id)? {
                entered.push((code, film.title.clone(), submission));
                story_film = Some(film);
                continue;
            }
            let input = SubmissionInput {
                edition: code.into(),
                film: north_from_south_west(),
                section: section.into(),
                status,
                submitted: None,
                external_id: external_id.into(),
                notes: notes.into(),
            };
            report.submissions += 1;
            if let Some(film) = &story_film {
                let submission = stage_entry_of_film(&mut tx, edition, film, &input)?;
                entered.push((code, film.title.clone(), submission));
            } else {
                let (submission, film) = stage_submission(&mut tx, edition, &input)?;
                entered.push((code, film.title.clone(), submission));
                story_film = Some(film);
            }
        }

        for sample in SAMPLES {
            let Some(edition) = edition(sample.edition) else {
                continue;
            };
            if let Some((submission, film)) = self.demo_submission(&tx, edition, sample.id)? {
                entered.push((sample.edition, film.title, submission));
                continue;
            }
            let window_year = if sample.edition == "fajr-43" {
                2024
            } else {
                2025
            };
            let input = SubmissionInput {
                edition: sample.edition.into(),
                film: FilmInput {
                    title: sample.title.into(),
                    original_title: sample.original.into(),
                    directors: strings(&[sample.director]),
                    countries: strings(sample.countries),
                    languages: strings(&[sample.language]),
                    year: Some(sample.year),
                    runtime_minutes: Some(sample.runtime),
                    synopsis: sample.synopsis.into(),
                    ..FilmInput::default()
                },
                section: sample.section.into(),
                status: sample.status,
                submitted: date(window_year, sample.submitted.0, sample.submitted.1),
                external_id: sample.id.into(),
                notes: SAMPLE_NOTE.into(),
            };
            report.submissions += 1;
            let (submission, film) = stage_submission(&mut tx, edition, &input)?;
            entered.push((sample.edition, film.title, submission));
        }

        // The jury work, for editions that have no categories yet.
        for (code, stage) in [
            (
                "fajr-43",
                demo_jury::fajr as fn(&mut Tx<'_>, &Entered<'_>) -> Result<()>,
            ),
            ("riff-18", demo_jury::riff),
        ] {
            let Some(edition) = edition(code) else {
                continue;
            };
            if !self.categories(edition.id)?.is_empty() {
                continue;
            }
            let by_title = entered
                .iter()
                .filter(|(c, ..)| *c == code)
                .map(|(_, title, s)| (title.clone(), s.clone()))
                .collect();
            stage(&mut tx, &Entered { edition, by_title })?;
            report.categories += 1;
        }

        // RIFF 18's sample screening round, when it has none yet (issue 15 item 8).
        if let Some(riff) = edition("riff-18")
            && self.screening_rounds(riff.id)?.is_empty()
        {
            let films: Vec<crate::domain::Id> = entered
                .iter()
                .filter(|(c, _, s)| {
                    *c == "riff-18"
                        && !matches!(
                            s.status,
                            SubmissionStatus::Withdrawn
                                | SubmissionStatus::Disqualified
                                | SubmissionStatus::Ineligible
                        )
                })
                .map(|(_, _, s)| s.id)
                .collect();
            super::screening::stage_demo_round(&mut tx, riff, &films)?;
        }
        tx.commit("demo: load the demo festivals")?;
        Ok(report)
    }

    /// A demo submission already in the store, with its film, found by its demo id.
    fn demo_submission(
        &self,
        tx: &Tx<'_>,
        edition: &Edition,
        external_id: &str,
    ) -> Result<Option<(Submission, Film)>> {
        let key = keys::scoped_code(keys::SUBMISSION_BY_EXTERNAL_ID, edition.id, external_id);
        let Some(id) = self.store.id_at(&key)? else {
            return Ok(None);
        };
        let Some(submission) = tx.get::<Submission>(id)? else {
            return Ok(None);
        };
        let film = tx.get::<Film>(submission.film_id)?;
        Ok(film.map(|film| (submission, film)))
    }
}
