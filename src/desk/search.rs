//! A one-off search of whole editions (`list submissions --query/--sort`): the hits are found in the
//! stored pages of summaries, in place, and only they are copied out. The desk, which searches on
//! every keystroke, holds its edition's summaries instead and searches them (`SearchIndex`).

use super::{Desk, Result, SubmissionQuery};
use crate::domain::Id;
use crate::store::SubmissionSummary;

impl Desk {
    /// The summaries of these editions' submissions that `query` keeps, in its order (`sort`): the same
    /// rows, in the same order, as `query.apply` over all of the editions' summaries, without holding
    /// the ones it does not keep (at 100,000 submissions, 70 MB and most of the time of a search).
    pub fn search(
        &self,
        edition_ids: &[Id],
        query: &SubmissionQuery,
    ) -> Result<Vec<SubmissionSummary>> {
        let mut hits = Vec::new();
        for &edition in edition_ids {
            hits.extend(
                self.store
                    .summaries_where(edition, |row| query.keeps_stored(row))?,
            );
        }
        let mut order: Vec<usize> = (0..hits.len()).collect();
        query.sort(&hits, &mut order);
        let mut hits: Vec<Option<SubmissionSummary>> = hits.into_iter().map(Some).collect();
        Ok(order.into_iter().filter_map(|i| hits[i].take()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::desk::SortKey;

    /// A search of the stored pages keeps exactly the rows, in exactly the order, that the query keeps
    /// of all the editions' summaries read whole: every filter, every sort both ways, one edition or
    /// several (a film's history across editions), no hits, every row.
    #[test]
    fn a_search_in_place_is_the_query_applied_to_every_summary() {
        let dir = tempfile::tempdir().unwrap();
        let desk = Desk::open(&dir.path().join("store")).unwrap();
        let generated = desk.generate(400, 3, 5).unwrap();
        let editions: Vec<Id> = generated
            .editions
            .iter()
            .map(|code| desk.edition(code).unwrap().id)
            .collect();
        let sample = desk.summaries(editions[0]).unwrap();
        let title = sample[17].title().to_lowercase();
        let word = title.split(' ').next().unwrap_or("a").to_string();
        let director = sample[3].directors().next().unwrap_or("a").to_lowercase();
        let queries = [
            String::new(),
            "a".into(),
            word.clone(),
            format!("{word} year:{}", sample[17].year().unwrap_or(2000)),
            format!("director:\"{director}\""),
            "country:iran".into(),
            "section:comp status:elig".into(),
            "nothing-is-called-this".into(),
        ];
        let all_of = |ids: &[Id]| -> Vec<SubmissionSummary> {
            ids.iter()
                .flat_map(|&id| desk.summaries(id).unwrap())
                .collect()
        };
        let mut nonempty = 0;
        for ids in [&editions[..1], &editions[..]] {
            let all = all_of(ids);
            for text in &queries {
                for sort in SortKey::ALL {
                    for descending in [false, true] {
                        let mut query = SubmissionQuery::parse(text).unwrap();
                        query.sort = sort;
                        query.descending = descending;
                        let expected: Vec<SubmissionSummary> = query
                            .apply(&all)
                            .into_iter()
                            .map(|i| all[i].clone())
                            .collect();
                        let found = desk.search(ids, &query).unwrap();
                        assert_eq!(found, expected, "{text:?} by {sort:?} {descending}");
                        nonempty += usize::from(!found.is_empty());
                    }
                }
            }
        }
        assert!(nonempty > 100, "the queries find rows ({nonempty})");
        assert!(
            desk.search(&[Id::MAX], &SubmissionQuery::default())
                .unwrap()
                .is_empty()
        );
    }
}
