//! The matcher, the search index and the sort against summaries made in memory.

use super::*;

fn summaries() -> Vec<SubmissionSummary> {
    use crate::domain::{Film, Submission};
    let films = [
        ("Café Noir", "Élodie Morel", "France", "Shorts"),
        ("بچه\u{200C}های آسمان", "مجید مجیدی", "Iran", "Competition"),
        ("Night Train", "Aiko Tanaka", "Japan", "Competition"),
        ("Salt", "", "", ""),
    ];
    films
        .iter()
        .enumerate()
        .map(|(i, (title, director, country, section))| {
            let id = i as u64 + 1;
            let film = Film {
                id,
                title: title.to_string(),
                directors: [director]
                    .iter()
                    .filter(|d| !d.is_empty())
                    .map(ToString::to_string)
                    .collect(),
                countries: [country]
                    .iter()
                    .filter(|c| !c.is_empty())
                    .map(ToString::to_string)
                    .collect(),
                year: Some(2020 + i as i32),
                ..Film::default()
            };
            let submission = Submission {
                id,
                edition_id: 1,
                film_id: id,
                section: section.to_string(),
                status: SubmissionStatus::ALL[i],
                original_status: String::new(),
                submitted: None,
                external_id: String::new(),
                notes: String::new(),
                history: Vec::new(),
            };
            SubmissionSummary::of(&submission, Some(&film))
        })
        .collect()
}

#[test]
fn the_search_index_finds_what_the_rows_themselves_give() {
    let rows = summaries();
    // Built in two steps, as a large edition arrives.
    let mut index = SearchIndex::new(&rows[..1]);
    index.extend(&rows[1..]);
    assert_eq!(index, SearchIndex::new(&rows));
    for query in [
        "",
        "cafe",
        "بچه های",
        "night",
        "director:tanaka",
        "country:iran",
        "section:comp",
        "section:comp night",
        "year:2023",
        "status:eligible",
        "nothing",
        "director:morel cafe",
    ] {
        let q = SubmissionQuery::parse(query).unwrap();
        let direct = q.apply(&rows);
        assert_eq!(q.apply_indexed(&index, &rows), direct, "{query}");
        assert_eq!(q.matching(&index, &rows, 0..rows.len()), direct, "{query}");
        assert_eq!(q.narrow(&index, &rows, &[0, 1, 2, 3]), direct, "{query}");
    }
    let hits = |query: &str| {
        SubmissionQuery::parse(query)
            .unwrap()
            .apply_indexed(&index, &rows)
    };
    assert_eq!(hits("cafe"), [0]);
    assert_eq!(hits("section:competition"), [1, 2]);
    assert_eq!(hits("director:مجیدی"), [1]);
}

#[test]
fn field_filters_parse_and_combine() {
    let q = SubmissionQuery::parse(r#"salt director:"nasim rahbar" year:۲۰۲۴ status:selected"#)
        .unwrap();
    assert!(!q.text.is_empty());
    assert!(q.director.is_some());
    assert_eq!(q.year, Some(2024), "Persian digits fold");
    assert_eq!(q.status, Some(SubmissionStatus::Selected));
    assert!(SubmissionQuery::parse("status:accepted").is_err());
    // The beginning of one status is that status; of several, an error naming them.
    assert_eq!(
        SubmissionQuery::parse("status:sel").unwrap().status,
        Some(SubmissionStatus::Selected)
    );
    assert_eq!(
        SubmissionQuery::parse("status:not").unwrap().status,
        Some(SubmissionStatus::NotSelected)
    );
    let said = SubmissionQuery::parse("status:s").unwrap_err().to_string();
    assert_eq!(
        said,
        "status 's' could be shortlisted or selected: type more of it"
    );
    let said = SubmissionQuery::parse("status:selcted")
        .unwrap_err()
        .to_string();
    assert!(said.contains("(did you mean selected?)"), "{said}");
    assert!(SubmissionQuery::parse("year:soon").is_err());
    // An unknown field name is just text.
    assert!(!SubmissionQuery::parse("note:x").unwrap().text.is_empty());
    assert!(!SubmissionQuery::parse("").unwrap().filters());
}

fn titled(titles: &[String]) -> Vec<SubmissionSummary> {
    use crate::domain::{Film, Submission};
    titles
        .iter()
        .enumerate()
        .map(|(i, title)| {
            let id = i as u64 + 1;
            let film = Film {
                id,
                title: title.clone(),
                ..Film::default()
            };
            let submission = Submission {
                id,
                edition_id: 1,
                film_id: id,
                section: String::new(),
                status: SubmissionStatus::Received,
                original_status: String::new(),
                submitted: None,
                external_id: String::new(),
                notes: String::new(),
                history: Vec::new(),
            };
            SubmissionSummary::of(&submission, Some(&film))
        })
        .collect()
}

proptest::proptest! {
    /// The prefix pass of `sort_collated` orders rows exactly as comparing whole keys would,
    /// titles sharing long beginnings ("The Long Road 10…") included, and keeps ties in id order.
    #[test]
    fn sorting_by_title_equals_comparing_whole_keys(
        picks in proptest::collection::vec((0usize..6, 0u32..3000), 0..60),
        descending: bool,
    ) {
        let stems = ["The Long Road of ", "The Long Road ", "جاده\u{200C}های طولانی ", "Border ", "border ", ""];
        let titles: Vec<String> = picks.iter().map(|(s, n)| format!("{}{n}", stems[*s])).collect();
        let rows = titled(&titles);
        let query = SubmissionQuery { sort: SortKey::Title, descending, ..SubmissionQuery::default() };
        let mut hits: Vec<usize> = (0..rows.len()).collect();
        query.sort(&rows, &mut hits);
        let mut expected: Vec<usize> = (0..rows.len()).collect();
        expected.sort_by(|&a, &b| rows[a].sort_key(Collated::Title).cmp(rows[b].sort_key(Collated::Title)));
        if descending {
            expected.reverse();
        }
        proptest::prop_assert_eq!(hits, expected);
    }
}
