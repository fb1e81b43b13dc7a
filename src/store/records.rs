//! Which domain types are stored, under which key prefix and format version, and which index entries
//! each one keeps. The index entries are derived from the record alone, so any write (a use-case, an
//! undo, a migration, a backup restore) keeps the indexes right by the same rule.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::codec::{self, CodecError};
use super::keys;
use super::legacy;
use crate::domain::{
    Assignments, Award, Ballot, Category, Edition, Festival, Film, Id, Juror, Nomination, Rating,
    Screener, ScreeningRound, Submission,
};

/// The kinds of record in a store. The order is part of the audit log's encoding: append, never reorder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Kind {
    Festival,
    Edition,
    Film,
    Submission,
    Category,
    Juror,
    Nomination,
    Ballot,
    Award,
    ScreeningRound,
    Screener,
    Assignments,
    Rating,
}

impl Kind {
    pub const ALL: [Kind; 13] = [
        Kind::Festival,
        Kind::Edition,
        Kind::Film,
        Kind::Submission,
        Kind::Category,
        Kind::Juror,
        Kind::Nomination,
        Kind::Ballot,
        Kind::Award,
        Kind::ScreeningRound,
        Kind::Screener,
        Kind::Assignments,
        Kind::Rating,
    ];

    /// The key prefix of this kind's records.
    pub fn tag(self) -> u8 {
        match self {
            Kind::Festival => 0x01,
            Kind::Edition => 0x02,
            Kind::Film => 0x03,
            Kind::Submission => 0x04,
            Kind::Category => 0x05,
            Kind::Juror => 0x06,
            Kind::Nomination => 0x07,
            Kind::Ballot => 0x08,
            Kind::Award => 0x09,
            // Schema 7 (screening): 0x0A..=0x0F are reserved for it; 0x0E and 0x0F are still free.
            Kind::ScreeningRound => 0x0A,
            Kind::Screener => 0x0B,
            Kind::Assignments => 0x0C,
            Kind::Rating => 0x0D,
        }
    }

    pub fn from_tag(tag: u8) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.tag() == tag)
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Festival => "festival",
            Kind::Edition => "edition",
            Kind::Film => "film",
            Kind::Submission => "submission",
            Kind::Category => "category",
            Kind::Juror => "juror",
            Kind::Nomination => "nomination",
            Kind::Ballot => "ballot",
            Kind::Award => "award",
            Kind::ScreeningRound => "screening round",
            Kind::Screener => "screener",
            Kind::Assignments => "assignments",
            Kind::Rating => "rating",
        }
    }
}

/// An index key and its value (empty for one-to-many indexes).
pub type IndexEntry = (Vec<u8>, Vec<u8>);

/// A domain type the store keeps.
pub trait Record: Serialize + DeserializeOwned + Clone {
    const KIND: Kind;
    /// The format version written today. Older versions are read through `decode_older`.
    const VERSION: u8;

    fn id(&self) -> Id;

    /// The index entries this record keeps (see `keys`).
    fn index_entries(&self) -> Vec<IndexEntry>;

    /// Reads a value written in an older format version; the default knows none.
    fn decode_older(version: u8, _body: &[u8]) -> Result<Self, CodecError> {
        Err(CodecError::UnknownVersion {
            found: version,
            known: Self::VERSION.to_string(),
        })
    }

    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::VERSION, self)
    }

    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, body) = codec::split_version(bytes)?;
        if version == Self::VERSION {
            codec::decode_body(body)
        } else {
            Self::decode_older(version, body)
        }
    }
}

fn pair(prefix: u8, parent: Id, child: Id) -> IndexEntry {
    (keys::pair(prefix, parent, child), Vec::new())
}

impl Record for Festival {
    const KIND: Kind = Kind::Festival;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![(
            keys::code(keys::FESTIVAL_CODE, &self.code),
            keys::id_value(self.id),
        )]
    }
}

impl Record for Edition {
    const KIND: Kind = Kind::Edition;
    /// Version 2 added the calendar; version 1 values are read by `legacy`.
    const VERSION: u8 = 2;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![
            (
                keys::code(keys::EDITION_CODE, &self.code),
                keys::id_value(self.id),
            ),
            pair(keys::EDITIONS_OF_FESTIVAL, self.festival_id, self.id),
        ]
    }
    fn decode_older(version: u8, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => legacy::edition_v1(body),
            _ => Err(CodecError::UnknownVersion {
                found: version,
                known: "1, 2".into(),
            }),
        }
    }
}

impl Record for Film {
    const KIND: Kind = Kind::Film;
    /// Version 2 added the original-script names and the aliases (schema 10); version 1 values are
    /// read by `legacy`.
    const VERSION: u8 = 2;
    fn decode_older(version: u8, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => legacy::film_v1(body),
            _ => Err(CodecError::UnknownVersion {
                found: version,
                known: "1, 2".into(),
            }),
        }
    }
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        let mut key = film_identity(self);
        key.extend_from_slice(&self.id.to_be_bytes());
        vec![(key, Vec::new())]
    }
}

/// The identity prefix of a film (see `keys::film_identity`): folded title, folded directors in sorted
/// order (the order credits are listed in does not make another film), and year.
pub fn film_identity(film: &Film) -> Vec<u8> {
    let mut directors: Vec<String> = film
        .directors
        .iter()
        .map(|d| crate::text::fold(d))
        .collect();
    directors.sort();
    keys::film_identity(&crate::text::fold(&film.title), &directors, film.year)
}

impl Record for Submission {
    const KIND: Kind = Kind::Submission;
    /// Version 2 added the status history; version 1 values are read by `legacy`.
    const VERSION: u8 = 2;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        let mut entries = vec![
            pair(keys::SUBMISSIONS_OF_EDITION, self.edition_id, self.id),
            pair(keys::SUBMISSIONS_OF_FILM, self.film_id, self.id),
        ];
        if !self.external_id.is_empty() {
            entries.push((
                keys::scoped_code(
                    keys::SUBMISSION_BY_EXTERNAL_ID,
                    self.edition_id,
                    &self.external_id,
                ),
                keys::id_value(self.id),
            ));
        }
        entries
    }
    fn decode_older(version: u8, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => legacy::submission_v1(body),
            _ => Err(CodecError::UnknownVersion {
                found: version,
                known: "1, 2".into(),
            }),
        }
    }
}

impl Record for Category {
    const KIND: Kind = Kind::Category;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![pair(keys::CATEGORIES_OF_EDITION, self.edition_id, self.id)]
    }
}

impl Record for Juror {
    const KIND: Kind = Kind::Juror;
    /// Version 2 added the absence and the cleared conflicts, version 3 the jury-room PIN's hash,
    /// version 4 the name in its own script (schema 10); versions 1 to 3 are read by `legacy`.
    const VERSION: u8 = 4;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![pair(keys::JURORS_OF_EDITION, self.edition_id, self.id)]
    }
    fn decode_older(version: u8, body: &[u8]) -> Result<Self, CodecError> {
        match version {
            1 => legacy::juror_v1(body),
            2 => legacy::juror_v2(body),
            3 => legacy::juror_v3(body),
            _ => Err(CodecError::UnknownVersion {
                found: version,
                known: "1, 2, 3, 4".into(),
            }),
        }
    }
}

impl Record for Nomination {
    const KIND: Kind = Kind::Nomination;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![
            pair(keys::NOMINATIONS_OF_CATEGORY, self.category_id, self.id),
            pair(keys::NOMINATIONS_OF_SUBMISSION, self.submission_id, self.id),
        ]
    }
}

impl Record for Ballot {
    const KIND: Kind = Kind::Ballot;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![(
            keys::pair(
                keys::BALLOT_OF_CATEGORY_JUROR,
                self.category_id,
                self.juror_id,
            ),
            keys::id_value(self.id),
        )]
    }
}

impl Record for Award {
    const KIND: Kind = Kind::Award;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![pair(keys::AWARDS_OF_CATEGORY, self.category_id, self.id)]
    }
}

impl Record for ScreeningRound {
    const KIND: Kind = Kind::ScreeningRound;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![(
            keys::round_number(self.edition_id, self.number),
            keys::id_value(self.id),
        )]
    }
}

impl Record for Screener {
    const KIND: Kind = Kind::Screener;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![pair(keys::SCREENERS_OF_EDITION, self.edition_id, self.id)]
    }
}

impl Record for Assignments {
    const KIND: Kind = Kind::Assignments;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![(
            keys::pair(keys::ASSIGNMENTS_OF_ROUND, self.round_id, self.screener_id),
            keys::id_value(self.id),
        )]
    }
}

impl Record for Rating {
    const KIND: Kind = Kind::Rating;
    const VERSION: u8 = 1;
    fn id(&self) -> Id {
        self.id
    }
    fn index_entries(&self) -> Vec<IndexEntry> {
        vec![(
            keys::rating(self.round_id, self.submission_id, self.screener_id),
            keys::id_value(self.id),
        )]
    }
}

/// Calls `$body` with `$T` bound to the record type of `$kind`: the one place that maps a runtime kind to
/// its type, for code that handles stored bytes generically (undo, check, migrations, backups).
#[macro_export]
#[doc(hidden)]
macro_rules! with_record_type {
    ($kind:expr, $T:ident => $body:expr) => {{
        use $crate::domain::*;
        use $crate::store::Kind;
        match $kind {
            Kind::Festival => {
                type $T = Festival;
                $body
            }
            Kind::Edition => {
                type $T = Edition;
                $body
            }
            Kind::Film => {
                type $T = Film;
                $body
            }
            Kind::Submission => {
                type $T = Submission;
                $body
            }
            Kind::Category => {
                type $T = Category;
                $body
            }
            Kind::Juror => {
                type $T = Juror;
                $body
            }
            Kind::Nomination => {
                type $T = Nomination;
                $body
            }
            Kind::Ballot => {
                type $T = Ballot;
                $body
            }
            Kind::Award => {
                type $T = Award;
                $body
            }
            Kind::ScreeningRound => {
                type $T = ScreeningRound;
                $body
            }
            Kind::Screener => {
                type $T = Screener;
                $body
            }
            Kind::Assignments => {
                type $T = Assignments;
                $body
            }
            Kind::Rating => {
                type $T = Rating;
                $body
            }
        }
    }};
}

/// The index entries of a stored value of `kind`, decoding it first.
pub fn index_entries_of(kind: Kind, bytes: &[u8]) -> Result<Vec<IndexEntry>, CodecError> {
    crate::with_record_type!(kind, T => T::decode(bytes).map(|record| record.index_entries()))
}

/// Re-encodes a stored value of `kind` in today's format version (used by migrations).
pub fn upgrade(kind: Kind, bytes: &[u8]) -> Result<Vec<u8>, CodecError> {
    crate::with_record_type!(kind, T => T::decode(bytes)?.encode())
}
