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
fn field<'de, T: Deserialize<'de>, A: SeqAccess<'de>>(seq: &mut A, n: usize) -> Result<T, A::Error> {
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
