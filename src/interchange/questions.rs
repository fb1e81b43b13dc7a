//! FilmFreeway's numbered custom questions: a festival's own form questions are exported as pairs of
//! columns, `Submission Custom Field N` holding the question and `Submission Custom Answer N` the
//! answer, which `Cells::notes_with_other_columns` writes as one `question: answer` line each
//! instead of two unrelated `Column: value` lines.

/// The columns of FilmFreeway's numbered custom questions: (question column, answer column) for each
/// N that has both `Submission Custom Field N` and `Submission Custom Answer N` (case and spacing
/// aside; "Submission" may be left out).
pub fn question_pairs(header: &[String]) -> Vec<(usize, usize)> {
    let numbered = |name: &str, kind: &str| -> Option<u32> {
        let name = name
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let name = name.strip_prefix("submission ").unwrap_or(&name);
        name.strip_prefix("custom ")?
            .strip_prefix(kind)?
            .strip_prefix(' ')?
            .parse()
            .ok()
    };
    let mut pairs = Vec::new();
    for (q, name) in header.iter().enumerate() {
        if let Some(n) = numbered(name, "field")
            && let Some(a) = header
                .iter()
                .position(|other| numbered(other, "answer") == Some(n))
        {
            pairs.push((q, a));
        }
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::super::cells::Cells;
    use super::super::table::Row;

    #[test]
    fn numbered_custom_questions_become_question_answer_lines() {
        let header: Vec<String> = [
            "Submission Custom Field 2",
            "Submission Custom Answer 1",
            "Other",
            "submission custom field 1",
            "Submission Custom Answer 2",
            "Custom Field 3",
        ]
        .map(String::from)
        .to_vec();
        let row = Row {
            line: 2,
            cells: [
                "Is this a world premiere?",
                "A friend",
                "x",
                "How did you hear about us?",
                "",
                "Orphan question",
            ]
            .map(String::from)
            .to_vec(),
        };
        let mut cells = Cells::new("f.csv", &header, &row);
        let pairs = super::question_pairs(&header);
        let notes = cells.notes_with_other_columns(vec![], &pairs, |_| false);
        assert_eq!(
            notes,
            "Other: x\nHow did you hear about us?: A friend\nCustom Field 3: Orphan question"
        );
    }
}
