//! A submission and its film read for printing, their text borrowed from the stored bytes.
//!
//! `list submissions` prints 100,000 rows: decoding each into a `Submission` and a `Film` allocated
//! every string and every list (about thirty allocations a row, freed again on another thread), which
//! was a third of the listing's time. These views decode the same bytes with the same codec and the
//! same checks (UTF-8, limits, no byte left over) but point into them: one allocation a film (its
//! lists' items end to end), none a submission. What a listing never prints is read past without
//! being kept: the synopsis, and the status history (its moments are taken as text, not parsed).
//!
//! Only values in today's format version are viewed; `stored_rows` brings older ones up to it first.
//! A view's fields are in the order of the record's, which the tests hold equal to the owned decode.

use std::fmt;
use std::marker::PhantomData;

use chrono::NaiveDate;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, SeqAccess, Visitor};

use crate::domain::{Id, SubmissionStatus};

/// The printed fields of a stored `Submission` (format 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmissionView<'a> {
    pub id: Id,
    pub edition_id: Id,
    pub film_id: Id,
    pub section: &'a str,
    pub status: SubmissionStatus,
    pub original_status: &'a str,
    pub submitted: Option<NaiveDate>,
    pub external_id: &'a str,
    pub notes: &'a str,
}

/// The first fields of a stored `Submission`: what the reader needs to find its film.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub struct SubmissionHead {
    pub id: Id,
    pub edition_id: Id,
    pub film_id: Id,
}

/// The lists of a film, in the order the record holds them.
const LISTS: usize = 10;

/// The printed fields of a stored `Film` (format 2). The lists' items are kept end to end in one
/// vector (one allocation for all ten lists).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilmView<'a> {
    pub id: Id,
    pub title: &'a str,
    pub original_title: &'a str,
    pub year: Option<i32>,
    pub runtime_minutes: Option<u32>,
    items: Vec<&'a str>,
    /// Where each list ends in `items`.
    ends: [usize; LISTS],
}

impl<'a> FilmView<'a> {
    fn list(&self, n: usize) -> &[&'a str] {
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        &self.items[start..self.ends[n]]
    }
    pub fn directors(&self) -> &[&'a str] {
        self.list(0)
    }
    pub fn writers(&self) -> &[&'a str] {
        self.list(1)
    }
    pub fn producers(&self) -> &[&'a str] {
        self.list(2)
    }
    pub fn cast(&self) -> &[&'a str] {
        self.list(3)
    }
    pub fn countries(&self) -> &[&'a str] {
        self.list(4)
    }
    pub fn languages(&self) -> &[&'a str] {
        self.list(5)
    }
    pub fn original_directors(&self) -> &[&'a str] {
        self.list(6)
    }
    pub fn original_writers(&self) -> &[&'a str] {
        self.list(7)
    }
    pub fn original_cast(&self) -> &[&'a str] {
        self.list(8)
    }
    pub fn aliases(&self) -> &[&'a str] {
        self.list(9)
    }
}

/// `Film`'s fields, in its order (bincode reads a struct as a sequence of this many values).
const FILM_FIELDS: &[&str] = &[
    "id",
    "title",
    "original_title",
    "directors",
    "writers",
    "producers",
    "cast",
    "countries",
    "languages",
    "year",
    "runtime_minutes",
    "synopsis",
    "original_directors",
    "original_writers",
    "original_cast",
    "aliases",
];

/// `Submission`'s fields, in its order.
const SUBMISSION_FIELDS: &[&str] = &[
    "id",
    "edition_id",
    "film_id",
    "section",
    "status",
    "original_status",
    "submitted",
    "external_id",
    "notes",
    "history",
];

/// The next value of a struct read as a sequence; a missing one is damage.
fn field<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(
    seq: &mut A,
    n: usize,
) -> Result<T, A::Error> {
    seq.next_element()?
        .ok_or_else(|| de::Error::invalid_length(n, &"every field of the record"))
}

impl<'de> Deserialize<'de> for FilmView<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Film", FILM_FIELDS, FilmVisitor)
    }
}

struct FilmVisitor;

impl<'de> Visitor<'de> for FilmVisitor {
    type Value = FilmView<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a film")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::with_capacity(16);
        let mut ends = [0; LISTS];
        let mut lists = |seq: &mut A, range: std::ops::Range<usize>, items: &mut Vec<&'de str>| {
            for (n, end) in ends[range.clone()].iter_mut().enumerate() {
                seq.next_element_seed(Items(items))?.ok_or_else(|| {
                    de::Error::invalid_length(range.start + n, &"every field of the record")
                })?;
                *end = items.len();
            }
            Ok::<(), A::Error>(())
        };
        let id = field(&mut seq, 0)?;
        let title = field(&mut seq, 1)?;
        let original_title = field(&mut seq, 2)?;
        lists(&mut seq, 0..6, &mut items)?;
        let year = field(&mut seq, 9)?;
        let runtime_minutes = field(&mut seq, 10)?;
        let _synopsis: &str = field(&mut seq, 11)?;
        lists(&mut seq, 6..LISTS, &mut items)?;
        Ok(FilmView {
            id,
            title,
            original_title,
            year,
            runtime_minutes,
            items,
            ends,
        })
    }
}

/// A list of strings, its items pushed onto a vector shared by every list of the record.
struct Items<'v, 'de>(&'v mut Vec<&'de str>);

impl<'de> DeserializeSeed<'de> for Items<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for Items<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of text")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(item) = seq.next_element::<&'de str>()? {
            self.0.push(item);
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for SubmissionView<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_struct("Submission", SUBMISSION_FIELDS, SubmissionVisitor)
    }
}

struct SubmissionVisitor;

impl<'de> Visitor<'de> for SubmissionVisitor {
    type Value = SubmissionView<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a submission")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let view = SubmissionView {
            id: field(&mut seq, 0)?,
            edition_id: field(&mut seq, 1)?,
            film_id: field(&mut seq, 2)?,
            section: field(&mut seq, 3)?,
            status: field(&mut seq, 4)?,
            original_status: field(&mut seq, 5)?,
            submitted: field(&mut seq, 6)?,
            external_id: field(&mut seq, 7)?,
            notes: field(&mut seq, 8)?,
        };
        let Skipped(PhantomData::<StatusChangeView>) = field(&mut seq, 9)?;
        Ok(view)
    }
}

/// One entry of a submission's status history, read and dropped (a listing does not print it).
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct StatusChangeView<'a> {
    at: &'a str,
    from: Option<SubmissionStatus>,
    to: SubmissionStatus,
    note: &'a str,
}

/// A list whose items are read and dropped as they come (nothing is kept or allocated).
struct Skipped<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Skipped<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Each<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Each<T> {
            type Value = Skipped<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<T>()?.is_some() {}
                Ok(Skipped(PhantomData))
            }
        }
        deserializer.deserialize_seq(Each(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use proptest::prelude::*;

    use super::*;
    use crate::domain::{Film, StatusChange, Submission};
    use crate::store::Record;
    use crate::store::codec::{self, CodecError};

    fn texts() -> impl Strategy<Value = Vec<String>> {
        prop::collection::vec(any::<String>(), 0..4)
    }

    prop_compose! {
        fn films()(
            id in any::<u64>(),
            title in any::<String>(),
            original_title in any::<String>(),
            lists in prop::collection::vec(texts(), 10),
            year in any::<Option<i32>>(),
            runtime_minutes in any::<Option<u32>>(),
            synopsis in any::<String>(),
        ) -> Film {
            Film {
                id,
                title,
                original_title,
                directors: lists[0].clone(),
                writers: lists[1].clone(),
                producers: lists[2].clone(),
                cast: lists[3].clone(),
                countries: lists[4].clone(),
                languages: lists[5].clone(),
                year,
                runtime_minutes,
                synopsis,
                original_directors: lists[6].clone(),
                original_writers: lists[7].clone(),
                original_cast: lists[8].clone(),
                aliases: lists[9].clone(),
            }
        }
    }

    fn statuses() -> impl Strategy<Value = SubmissionStatus> {
        prop::sample::select(SubmissionStatus::ALL.to_vec())
    }

    prop_compose! {
        fn submissions()(
            ids in any::<(u64, u64, u64)>(),
            texts in prop::collection::vec(any::<String>(), 4),
            status in statuses(),
            submitted in prop::option::of(-100_000i32..3_000_000),
            history in prop::collection::vec(
                (0i64..4_000_000_000, prop::option::of(statuses()), statuses(), any::<String>()),
                0..4,
            ),
        ) -> Submission {
            Submission {
                id: ids.0,
                edition_id: ids.1,
                film_id: ids.2,
                section: texts[0].clone(),
                status,
                original_status: texts[1].clone(),
                submitted: submitted
                    .and_then(NaiveDate::from_num_days_from_ce_opt),
                external_id: texts[2].clone(),
                notes: texts[3].clone(),
                history: history
                    .into_iter()
                    .map(|(at, from, to, note)| StatusChange {
                        at: DateTime::<Utc>::from_timestamp(at, 0).unwrap_or_default(),
                        from,
                        to,
                        note,
                    })
                    .collect(),
            }
        }
    }

    fn film_view(bytes: &[u8]) -> Result<FilmView<'_>, CodecError> {
        codec::decode_borrowed_body(&bytes[1..])
    }

    fn submission_view(bytes: &[u8]) -> Result<SubmissionView<'_>, CodecError> {
        codec::decode_borrowed_body(&bytes[1..])
    }

    proptest! {
        /// A view holds exactly what the owned decode gives for every printed field.
        #[test]
        fn a_film_views_as_it_decodes(film in films()) {
            let bytes = film.encode().unwrap();
            let view = film_view(&bytes).unwrap();
            prop_assert_eq!(view.id, film.id);
            prop_assert_eq!(view.title, film.title.as_str());
            prop_assert_eq!(view.original_title, film.original_title.as_str());
            prop_assert_eq!(view.year, film.year);
            prop_assert_eq!(view.runtime_minutes, film.runtime_minutes);
            for (viewed, owned) in [
                (view.directors(), &film.directors),
                (view.writers(), &film.writers),
                (view.producers(), &film.producers),
                (view.cast(), &film.cast),
                (view.countries(), &film.countries),
                (view.languages(), &film.languages),
                (view.original_directors(), &film.original_directors),
                (view.original_writers(), &film.original_writers),
                (view.original_cast(), &film.original_cast),
                (view.aliases(), &film.aliases),
            ] {
                prop_assert_eq!(viewed, owned.as_slice());
            }
        }

        #[test]
        fn a_submission_views_as_it_decodes(submission in submissions()) {
            let bytes = submission.encode().unwrap();
            let view = submission_view(&bytes).unwrap();
            let s = &submission;
            prop_assert_eq!(
                view,
                SubmissionView {
                    id: s.id,
                    edition_id: s.edition_id,
                    film_id: s.film_id,
                    section: &s.section,
                    status: s.status,
                    original_status: &s.original_status,
                    submitted: s.submitted,
                    external_id: &s.external_id,
                    notes: &s.notes,
                }
            );
            let head: SubmissionHead = codec::decode_head(&bytes[1..]).unwrap();
            prop_assert_eq!((head.id, head.edition_id, head.film_id), (s.id, s.edition_id, s.film_id));
        }

        /// Damage the owned decode refuses, the view refuses too: a value cut anywhere, or with
        /// bytes after it.
        #[test]
        fn a_view_refuses_what_the_decode_refuses(film in films(), submission in submissions()) {
            let film = film.encode().unwrap();
            let submission = submission.encode().unwrap();
            for cut in 1..film.len() {
                prop_assert!(Film::decode(&film[..cut]).is_err());
                prop_assert!(film_view(&film[..cut]).is_err(), "film cut at {}", cut);
            }
            for cut in 1..submission.len() {
                prop_assert!(Submission::decode(&submission[..cut]).is_err());
                prop_assert!(submission_view(&submission[..cut]).is_err(), "cut at {}", cut);
            }
            let mut longer = submission.clone();
            longer.push(0);
            prop_assert_eq!(
                submission_view(&longer).unwrap_err(),
                CodecError::TrailingBytes { extra: 1 }
            );
        }
    }

    /// Text that is not UTF-8 is damage in a view as in a record.
    #[test]
    fn a_view_refuses_text_that_is_not_utf8() {
        let film = Film {
            id: 1,
            title: "ab".into(),
            original_title: String::new(),
            directors: vec!["cd".into()],
            writers: vec![],
            producers: vec![],
            cast: vec![],
            countries: vec![],
            languages: vec![],
            year: None,
            runtime_minutes: None,
            synopsis: String::new(),
            original_directors: vec![],
            original_writers: vec![],
            original_cast: vec![],
            aliases: vec![],
        };
        let mut bytes = film.encode().unwrap();
        let at = bytes.windows(2).position(|w| w == b"cd").unwrap();
        bytes[at] = 0xff;
        assert!(Film::decode(&bytes).is_err());
        assert!(matches!(film_view(&bytes), Err(CodecError::Damaged(_))));
    }
}
