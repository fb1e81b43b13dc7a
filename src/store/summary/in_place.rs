//! A stored page of summaries looked at in place (`SummaryRef`): for a one-off search over a whole
//! edition, which keeps a few rows of many (`Store::summaries_where`).

use serde::Deserialize;

use super::{
    FIELD_COUNT, Field, KEY_COUNT, SubmissionSummary, VERSION, check_page, codec, cut, fits,
};
use crate::domain::{Id, SubmissionStatus};
use crate::store::codec::CodecError;

/// A stored summary looked at in place: its text and keys borrowed from the page's bytes, so that a
/// search can test every row of an edition without allocating for any (decoding 100,000 owned
/// summaries to keep a few thousand was most of a `list --query`, and all of its memory). The same
/// bytes as `SubmissionSummary`, field for field; `to_owned` makes one of it.
#[derive(Debug, Clone, Copy, Deserialize)]
pub struct SummaryRef<'p> {
    id: Id,
    edition_id: Id,
    film_id: Id,
    status: SubmissionStatus,
    year: Option<i32>,
    runtime_minutes: Option<u32>,
    submitted: Option<i32>,
    text: &'p str,
    ends: [u32; FIELD_COUNT],
    keys: &'p [u8],
    key_ends: [u32; KEY_COUNT],
}

impl<'p> SummaryRef<'p> {
    pub fn id(&self) -> Id {
        self.id
    }

    pub fn status(&self) -> SubmissionStatus {
        self.status
    }

    pub fn year(&self) -> Option<i32> {
        self.year
    }

    /// See `SubmissionSummary::search_text`.
    pub fn search_text(&self) -> &'p str {
        cut(self.text, &self.ends, Field::Search)
    }

    pub fn search_directors(&self) -> &'p str {
        cut(self.text, &self.ends, Field::SearchDirectors)
    }

    pub fn search_countries(&self) -> &'p str {
        cut(self.text, &self.ends, Field::SearchCountries)
    }

    pub fn search_section(&self) -> &'p str {
        cut(self.text, &self.ends, Field::SearchSection)
    }

    /// The summary itself, owning its text.
    pub fn to_owned(&self) -> SubmissionSummary {
        SubmissionSummary {
            id: self.id,
            edition_id: self.edition_id,
            film_id: self.film_id,
            status: self.status,
            year: self.year,
            runtime_minutes: self.runtime_minutes,
            submitted: self.submitted,
            text: self.text.into(),
            ends: self.ends,
            keys: self.keys.into(),
            key_ends: self.key_ends,
        }
    }

    fn fits(&self) -> bool {
        fits(self.text, &self.ends, self.keys, &self.key_ends)
    }
}

/// Reads a stored page in place (see `SummaryRef`), with the checks of `decode_page`.
pub(in crate::store) fn decode_page_borrowed(
    bytes: &[u8],
) -> Result<Vec<SummaryRef<'_>>, CodecError> {
    let rows: Vec<SummaryRef<'_>> = codec::decode_borrowed(VERSION, bytes)?;
    check_page(&rows, |row| (row.id, row.fits()))?;
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{film, submission};
    use super::super::{decode_page, encode_page};
    use super::*;

    /// A page looked at in place gives each row field for field (`to_owned` is the stored summary),
    /// and refuses what `decode_page` refuses.
    #[test]
    fn a_page_read_in_place_is_the_page_read_whole() {
        let mut rows = Vec::new();
        for id in [64, 65, 100, 127] {
            let mut s = submission();
            s.id = id;
            s.status = SubmissionStatus::ALL[id as usize % SubmissionStatus::ALL.len()];
            let film = (id != 100).then(film);
            rows.push(SubmissionSummary::of(&s, film.as_ref()));
        }
        let bytes = encode_page(&rows).unwrap();
        let in_place = decode_page_borrowed(&bytes).unwrap();
        let owned: Vec<SubmissionSummary> = in_place.iter().map(SummaryRef::to_owned).collect();
        assert_eq!(owned, rows);
        for (seen, row) in in_place.iter().zip(&rows) {
            assert_eq!(
                (seen.id(), seen.status(), seen.year()),
                (row.id(), row.status(), row.year())
            );
            assert_eq!(seen.search_text(), row.search_text());
            assert_eq!(seen.search_directors(), row.search_directors());
            assert_eq!(seen.search_countries(), row.search_countries());
            assert_eq!(seen.search_section(), row.search_section());
        }
        assert!(
            decode_page_borrowed(&encode_page(&[]).unwrap())
                .unwrap()
                .is_empty()
        );

        let mut bent = rows[0].clone();
        bent.ends[0] = 4; // inside the two bytes of "é"
        let mut keys_short = rows[0].clone();
        keys_short.key_ends[KEY_COUNT - 1] -= 1;
        let reversed = [rows[1].clone(), rows[0].clone()];
        let mut far = submission();
        far.id = 128;
        let straddling = [rows[3].clone(), SubmissionSummary::of(&far, None)];
        for bad in [
            vec![bent],
            vec![keys_short],
            reversed.to_vec(),
            straddling.to_vec(),
        ] {
            let bytes = encode_page(&bad).unwrap();
            assert_eq!(
                decode_page_borrowed(&bytes).map(|_| ()),
                decode_page(&bytes).map(|_| ())
            );
            assert!(decode_page_borrowed(&bytes).is_err());
        }
        for cut in 1..bytes.len() {
            assert!(decode_page_borrowed(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(
            decode_page_borrowed(&longer),
            Err(CodecError::TrailingBytes { extra: 1 })
        ));
        let mut other_version = bytes;
        other_version[0] = VERSION + 1;
        assert!(matches!(
            decode_page_borrowed(&other_version),
            Err(CodecError::UnknownVersion { .. })
        ));
    }
}
