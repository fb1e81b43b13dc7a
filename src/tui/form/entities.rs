//! Each entity's form: which fields it has and what they start with. List fields (directors,
//! countries, venues…) are one comma-separated text; dates are `YYYY-MM-DD`; words such as a status or
//! a method are typed and checked by the domain's own parsers when the form is submitted.

use chrono::{Datelike, Local, NaiveDate};

use super::{Field, FieldKey, Form, FormTarget};
use crate::desk::Nominee;
use crate::domain::{
    Calendar, Category, CategoryKind, Edition, Festival, Film, Juror, JurorRole, Method,
    Submission, TieBreak,
};

const LIST: &str = "comma-separated";
/// Names in their own script pair with the list above by place (`domain::names`).
const ORIGINALS: &str = "in their own script, in the same order; blank between commas: not known";
const DATE: &str = "YYYY-MM-DD, or blank";
const LONG: &str = "long text: Ctrl-e or F2 opens $EDITOR";

impl Form {
    pub fn add_festival() -> Form {
        Form::new(
            "Add festival",
            FormTarget::AddFestival,
            festival_fields(Some(""), "", &[], ""),
        )
    }

    /// The code is not offered: edition codes are made from it, so it never changes.
    pub fn edit_festival(festival: &Festival) -> Form {
        Form::new(
            format!("Edit festival {}", festival.code),
            FormTarget::EditFestival {
                code: festival.code.clone(),
            },
            festival_fields(None, &festival.name, &festival.organisers, &festival.notes),
        )
    }

    /// The festival is a field, prefilled with the one in view: a festival that has no edition yet
    /// (just added, or whose editions were all deleted) shows nowhere in the panes, and this is the
    /// way to give it one.
    pub fn add_edition(festival_code: &str) -> Form {
        let mut fields = vec![
            Field::line(
                FieldKey::Festival,
                "the festival's code, e.g. fajr",
                festival_code,
            ),
            Field::line(FieldKey::Number, "1, 2, … (the 43rd edition is 43)", ""),
        ];
        fields.extend(edition_fields(
            Some(Local::now().year()),
            (Calendar::Gregorian, None, None),
            "",
            &[],
            &[],
            "",
        ));
        let mut form = Form::new("Add edition", FormTarget::AddEdition, fields);
        // With the festival given, the number is what is left to type first.
        form.focus = usize::from(!festival_code.is_empty());
        form
    }

    /// The number is not offered: the edition's code is made from it.
    pub fn edit_edition(edition: &Edition) -> Form {
        Form::new(
            format!("Edit edition {}", edition.code),
            FormTarget::EditEdition {
                code: edition.code.clone(),
            },
            edition_fields(
                Some(edition.year),
                (edition.calendar, edition.start, edition.end),
                &edition.place,
                &edition.venues,
                &edition.sections,
                &edition.notes,
            ),
        )
    }

    pub fn add_submission(edition_code: &str) -> Form {
        let mut fields = film_fields(&Film::default());
        let today = Local::now().date_naive().to_string();
        fields.extend([
            Field::line(FieldKey::Section, "e.g. International Competition", ""),
            Field::line(
                FieldKey::Status,
                "received, eligible, ineligible, shortlisted, selected, not-selected, withdrawn, disqualified",
                "received",
            ),
            Field::line(FieldKey::Submitted, DATE, today),
            Field::line(FieldKey::ExternalId, "e.g. FilmFreeway Submission ID", ""),
            Field::text(FieldKey::Notes, LONG, ""),
        ]);
        Form::new(
            format!("Add submission to {edition_code}"),
            FormTarget::AddSubmission {
                edition: edition_code.to_string(),
            },
            fields,
        )
    }

    /// The status is not offered: it moves through the status menu, which keeps its history true.
    pub fn edit_submission(submission: &Submission, film: &Film) -> Form {
        let mut fields = film_fields(film);
        fields.extend([
            Field::line(
                FieldKey::Section,
                "e.g. International Competition",
                &submission.section,
            ),
            Field::line(
                FieldKey::Submitted,
                DATE,
                submission
                    .submitted
                    .map(|d| d.to_string())
                    .unwrap_or_default(),
            ),
            Field::line(
                FieldKey::ExternalId,
                "e.g. FilmFreeway Submission ID",
                &submission.external_id,
            ),
            Field::text(FieldKey::Notes, LONG, &submission.notes),
        ]);
        Form::new(
            format!("Edit submission {}: {}", submission.id, film.title),
            FormTarget::EditSubmission { id: submission.id },
            fields,
        )
    }

    pub fn add_category(edition_code: &str) -> Form {
        Form::new(
            format!("Add category to {edition_code}"),
            FormTarget::AddCategory {
                edition: edition_code.to_string(),
            },
            category_fields(
                "",
                "",
                CategoryKind::Film,
                Method::Schulze,
                &[],
                false,
                false,
                None,
            ),
        )
    }

    /// Every field of the category, as it is; the method and tie-breaks are refused at their field
    /// while an award counted with them stands.
    pub fn edit_category(edition_code: &str, category: &Category) -> Form {
        Form::new(
            format!("Edit category {}: {}", category.id, category.name),
            FormTarget::EditCategory {
                edition: edition_code.to_string(),
                id: category.id,
            },
            category_fields(
                &category.name,
                &category.prize,
                category.kind,
                category.method,
                &category.tie_breaks,
                category.ex_aequo_allowed,
                category.mandatory,
                Some(category.precedence),
            ),
        )
    }

    pub fn add_juror(edition_code: &str) -> Form {
        Form::new(
            format!("Add juror to {edition_code}"),
            FormTarget::AddJuror {
                edition: edition_code.to_string(),
            },
            {
                let mut fields = juror_fields("", "", JurorRole::Member, "");
                fields.push(Field::secret(
                    FieldKey::Pin,
                    "optional jury-room PIN, 4 to 12 digits (shown as dots, kept as a salted hash)",
                ));
                fields
            },
        )
    }

    /// Recusals are not offered: they are recorded one by one, with a reason (`jurydesk juror recuse`).
    pub fn edit_juror(edition_code: &str, juror: &Juror) -> Form {
        Form::new(
            format!("Edit juror {}: {}", juror.id, juror.name),
            FormTarget::EditJuror {
                edition: edition_code.to_string(),
                id: juror.id,
            },
            juror_fields(&juror.name, &juror.original_name, juror.role, &juror.notes),
        )
    }

    /// The film is not offered: another film would be another nomination, with other ballots. The
    /// person is asked only in a person category.
    pub fn edit_nomination(edition_code: &str, category: &Category, nominee: &Nominee) -> Form {
        let mut fields = vec![Field::line(
            FieldKey::Number,
            "what jurors type; a number another nominee holds swaps the two",
            nominee.number().to_string(),
        )];
        if category.kind == CategoryKind::Person {
            fields.push(Field::line(
                FieldKey::Person,
                "the nominated person, as credited",
                nominee.nomination.person.clone().unwrap_or_default(),
            ));
        }
        Form::new(
            format!("Edit nominee {} in {}", nominee.label, category.name),
            FormTarget::EditNomination {
                edition: edition_code.to_string(),
                category: category.id,
                id: nominee.nomination.id,
            },
            fields,
        )
    }
}

/// The category form's fields, shared by adding and editing so the two never drift apart.
#[allow(clippy::too_many_arguments)]
fn category_fields(
    name: &str,
    prize: &str,
    kind: CategoryKind,
    method: Method,
    tie_breaks: &[TieBreak],
    ex_aequo: bool,
    mandatory: bool,
    precedence: Option<u32>,
) -> Vec<Field> {
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    vec![
        Field::line(FieldKey::Name, "e.g. Best Director", name),
        Field::line(
            FieldKey::Prize,
            "the prize's own name, e.g. Crystal Simorgh",
            prize,
        ),
        Field::line(FieldKey::Kind, "film or person", kind.as_str()),
        Field::line(
            FieldKey::Method,
            "plurality, majority-rounds[:K], borda, irv, schulze, score-mean, score-trimmed, score-z",
            method_text(method),
        ),
        Field::line(
            FieldKey::TieBreaks,
            "in order, comma-separated: casting-vote, borda, count-back, draw:SEED, none",
            tie_breaks
                .iter()
                .map(|t| t.name())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Field::line(
            FieldKey::ExAequo,
            "yes or no: may the prize be shared?",
            yes_no(ex_aequo),
        ),
        Field::line(
            FieldKey::Mandatory,
            "yes or no: must the palmarès award it?",
            yes_no(mandatory),
        ),
        match precedence {
            None => Field::line(
                FieldKey::Precedence,
                "1 = the top prize; blank: after the others",
                "",
            ),
            Some(p) => Field::line(FieldKey::Precedence, "1 = the top prize", p.to_string()),
        },
    ]
}

/// A method as the form shows it, so that submitting it unchanged parses back to the same method:
/// `majority-rounds` alone would mean two absolute-majority rounds, whatever the category had.
fn method_text(method: Method) -> String {
    match method {
        Method::MajorityRounds { absolute_rounds } => format!("majority-rounds:{absolute_rounds}"),
        other => other.name().to_string(),
    }
}

fn juror_fields(name: &str, original_name: &str, role: JurorRole, notes: &str) -> Vec<Field> {
    vec![
        Field::line(
            FieldKey::Name,
            "as it appears in credits, for conflict checks",
            name,
        ),
        Field::line(
            FieldKey::OriginalName,
            "in its own script, e.g. مجید مجیدی; blank when none",
            original_name,
        ),
        Field::line(
            FieldKey::Role,
            "president, member or observer (observers never vote)",
            role.as_str(),
        ),
        Field::text(FieldKey::Notes, LONG, notes),
    ]
}

fn festival_fields(
    code: Option<&str>,
    name: &str,
    organisers: &[String],
    notes: &str,
) -> Vec<Field> {
    let mut fields = Vec::new();
    if let Some(code) = code {
        fields.push(Field::line(
            FieldKey::Code,
            "short, lowercase, e.g. fajr (editions are named fajr-43)",
            code,
        ));
    }
    fields.extend([
        Field::line(
            FieldKey::Name,
            "e.g. Fajr International Film Festival",
            name,
        ),
        Field::list(FieldKey::Organisers, LIST, organisers),
        Field::text(FieldKey::Notes, LONG, notes),
    ]);
    fields
}

fn edition_fields(
    year: Option<i32>,
    // The calendar and the dates, shown in it.
    (calendar, start, end): (Calendar, Option<NaiveDate>, Option<NaiveDate>),
    place: &str,
    venues: &[String],
    sections: &[String],
    notes: &str,
) -> Vec<Field> {
    // The dates are shown, and read back, in the edition's calendar (`1403-11-12` in a Persian one).
    let date = |d: Option<NaiveDate>| {
        d.map(|d| calendar.local(d).map_or(d.to_string(), |l| l.to_string()))
            .unwrap_or_default()
    };
    let date_hint = match calendar {
        Calendar::Gregorian => DATE,
        _ => "YYYY-MM-DD in the edition's calendar, or blank",
    };
    vec![
        Field::line(
            FieldKey::Year,
            "e.g. 2025 (blank: the start's year)",
            year.map(|y| y.to_string()).unwrap_or_default(),
        ),
        Field::line(
            FieldKey::Calendar,
            "gregorian, persian (Solar Hijri) or islamic (Hijri); dates below are typed in it",
            calendar.as_str(),
        ),
        Field::line(FieldKey::Start, date_hint, date(start)),
        Field::line(FieldKey::End, date_hint, date(end)),
        Field::line(FieldKey::Place, "city, country", place),
        Field::list(FieldKey::Venues, LIST, venues),
        Field::list(FieldKey::Sections, LIST, sections),
        Field::text(FieldKey::Notes, LONG, notes),
    ]
}

fn film_fields(film: &Film) -> Vec<Field> {
    vec![
        Field::line(FieldKey::Title, "as the festival lists it", &film.title),
        Field::line(
            FieldKey::OriginalTitle,
            "in its own script; blank when the same",
            &film.original_title,
        ),
        Field::list(FieldKey::Aliases, LIST, &film.aliases),
        Field::list(FieldKey::Directors, LIST, &film.directors),
        Field::list(
            FieldKey::OriginalDirectors,
            ORIGINALS,
            &film.original_directors,
        ),
        Field::list(FieldKey::Writers, LIST, &film.writers),
        Field::list(FieldKey::OriginalWriters, ORIGINALS, &film.original_writers),
        Field::list(FieldKey::Producers, LIST, &film.producers),
        Field::list(FieldKey::Cast, LIST, &film.cast),
        Field::list(FieldKey::OriginalCast, ORIGINALS, &film.original_cast),
        Field::list(FieldKey::Countries, LIST, &film.countries),
        Field::list(FieldKey::Languages, LIST, &film.languages),
        Field::line(
            FieldKey::Year,
            "the film's year, e.g. 2024",
            film.year.map(|y| y.to_string()).unwrap_or_default(),
        ),
        Field::line(
            FieldKey::Runtime,
            "minutes (95) or hours:minutes (1:35)",
            film.runtime_minutes
                .map(|m| m.to_string())
                .unwrap_or_default(),
        ),
        Field::text(FieldKey::Synopsis, LONG, &film.synopsis),
    ]
}
