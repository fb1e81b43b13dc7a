//! Which columns the submissions table shows at a width (issue 18 item 6). Title, director, country
//! and status always (the narrowest pane keeps title and status); a wider pane adds the original title
//! first (a search in Persian matches it, and the row shows why), then year, section, runtime and the
//! submission date. The column the list is sorted by is always shown, and marked `↑` or `↓`.

use ratatui::layout::Constraint;

use crate::desk::{SortKey, SubmissionSummary};
use crate::text::fit;

/// A column of the submissions table, in the order they stand on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Column {
    Title,
    OriginalTitle,
    Director,
    Country,
    Year,
    Runtime,
    Section,
    Submitted,
    Status,
}

/// Below this inner width the pane keeps title and status only (and the sort column).
const NARROW: u16 = 44;

/// The extra columns in the order they appear as the pane widens, with the inner width each needs.
const EXTRAS: [(Column, u16); 5] = [
    (Column::OriginalTitle, 76),
    (Column::Year, 88),
    (Column::Section, 96),
    (Column::Runtime, 100),
    (Column::Submitted, 112),
];

impl Column {
    /// The column a sort key sorts by (`None` for the id: the order the submissions came in).
    pub fn of_sort(key: SortKey) -> Option<Column> {
        match key {
            SortKey::Id => None,
            SortKey::Title => Some(Column::Title),
            SortKey::Director => Some(Column::Director),
            SortKey::Country => Some(Column::Country),
            SortKey::Year => Some(Column::Year),
            SortKey::Runtime => Some(Column::Runtime),
            SortKey::Section => Some(Column::Section),
            SortKey::Status => Some(Column::Status),
            SortKey::Submitted => Some(Column::Submitted),
        }
    }

    fn header(self) -> &'static str {
        match self {
            Column::Title => "  Title",
            Column::OriginalTitle => "Original title",
            Column::Director => "Director",
            Column::Country => "Country",
            Column::Year => "Year",
            Column::Runtime => "Runtime",
            Column::Section => "Section",
            Column::Submitted => "Submitted",
            Column::Status => "Status",
        }
    }

    fn constraint(self) -> Constraint {
        match self {
            Column::Title => Constraint::Fill(4),
            Column::OriginalTitle => Constraint::Fill(3),
            Column::Director | Column::Section => Constraint::Fill(2),
            Column::Country => Constraint::Fill(1),
            Column::Year => Constraint::Length(6),
            Column::Runtime => Constraint::Length(7),
            Column::Submitted => Constraint::Length(11),
            Column::Status => Constraint::Length(12),
        }
    }

    /// What a row shows in this column, before it is fitted (the title's marker is added by the caller).
    pub fn text(self, row: &SubmissionSummary) -> String {
        match self {
            Column::Title => row.title().to_string(),
            Column::OriginalTitle => row.original_title().to_string(),
            Column::Director => row.directors().collect::<Vec<_>>().join(", "),
            Column::Country => row.countries().collect::<Vec<_>>().join(", "),
            Column::Year => row.year().map(|y| y.to_string()).unwrap_or_default(),
            Column::Runtime => row
                .runtime_minutes()
                .map(|m| format!("{m} min"))
                .unwrap_or_default(),
            Column::Section => row.section().to_string(),
            Column::Submitted => row.submitted().map(|d| d.to_string()).unwrap_or_default(),
            Column::Status => row.status().as_str().to_string(),
        }
    }
}

/// The table's columns at `width` (the pane's inner width): each with its constraint and header, the
/// sort column's header marked. The narrow layout keeps zero-width director and country columns, as
/// it always has, so a narrow desk draws as before.
pub fn layout(width: u16, sort: SortKey, descending: bool) -> Vec<(Column, Constraint, String)> {
    let sorted = Column::of_sort(sort);
    let mut columns: Vec<(Column, Constraint)> = if width < NARROW {
        let shown = |column: Column, share: u16| {
            if sorted == Some(column) {
                Constraint::Length(width / share)
            } else {
                Constraint::Length(0)
            }
        };
        vec![
            (Column::Title, Constraint::Fill(1)),
            (Column::Director, shown(Column::Director, 3)),
            (Column::Country, shown(Column::Country, 4)),
            (Column::Status, Constraint::Length((width / 3).min(12))),
        ]
    } else {
        [
            Column::Title,
            Column::Director,
            Column::Country,
            Column::Status,
        ]
        .map(|c| (c, c.constraint()))
        .to_vec()
    };
    for (column, needs) in EXTRAS {
        if width >= needs || sorted == Some(column) {
            let constraint = if width < NARROW {
                match column.constraint() {
                    Constraint::Length(n) => Constraint::Length(n.min(width / 3)),
                    _ => Constraint::Length(width / 3),
                }
            } else {
                column.constraint()
            };
            columns.push((column, constraint));
        }
    }
    columns.sort_by_key(|(column, _)| *column);
    columns
        .into_iter()
        .map(|(column, constraint)| {
            let mut header = column.header().to_string();
            if sorted == Some(column) {
                header.push_str(if descending { " ↓" } else { " ↑" });
            }
            (column, constraint, header)
        })
        .collect()
}

/// A row's cell in `column`, fitted to `cells`.
pub fn cell(column: Column, row: &SubmissionSummary, cells: usize) -> String {
    fit(&column.text(row), cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(width: u16, sort: SortKey) -> Vec<Column> {
        layout(width, sort, false)
            .into_iter()
            .filter(|(_, c, _)| *c != Constraint::Length(0))
            .map(|(column, ..)| column)
            .collect()
    }

    #[test]
    fn columns_join_as_the_pane_widens_original_title_first() {
        use Column::*;
        assert_eq!(shown(39, SortKey::Id), [Title, Status]);
        assert_eq!(shown(60, SortKey::Id), [Title, Director, Country, Status]);
        assert_eq!(
            shown(81, SortKey::Id),
            [Title, OriginalTitle, Director, Country, Status]
        );
        assert_eq!(
            shown(102, SortKey::Id),
            [
                Title,
                OriginalTitle,
                Director,
                Country,
                Year,
                Runtime,
                Section,
                Status
            ]
        );
        assert_eq!(
            shown(130, SortKey::Id),
            [
                Title,
                OriginalTitle,
                Director,
                Country,
                Year,
                Runtime,
                Section,
                Submitted,
                Status
            ]
        );
    }

    #[test]
    fn the_sort_column_is_always_shown_and_marked() {
        for width in [20, 39, 60, 81, 102, 130] {
            for key in SortKey::ALL {
                let columns = layout(width, key, true);
                if let Some(sorted) = Column::of_sort(key) {
                    let (_, constraint, header) = columns
                        .iter()
                        .find(|(c, ..)| *c == sorted)
                        .unwrap_or_else(|| panic!("{key:?} hidden at {width}"));
                    assert_ne!(*constraint, Constraint::Length(0), "{key:?} at {width}");
                    assert!(header.ends_with(" ↓"), "{header}");
                }
                let marked = columns.iter().filter(|(.., h)| h.ends_with('↓')).count();
                assert_eq!(marked, usize::from(key != SortKey::Id));
            }
        }
    }
}
