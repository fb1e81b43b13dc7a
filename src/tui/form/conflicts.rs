//! The forms of conflicts and awards (README.md#the-desk "Jury and conflicts",
//! docs/counting.md#deciding-an-award): recusing a juror from a film, recording that a probable
//! conflict is none, withdrawing an award. Each takes a reason, which the log keeps; the film is
//! picked among the edition's nominated films by its number in the list the field's hint shows, or
//! by its title.

use super::{Field, Form, FormTarget};
use crate::desk::{Desk, DeskError, JurorRecord};
use crate::domain::Category;
use crate::text::fold;
use crate::tui::form::FieldKey;

impl Form {
    /// Recuses the record's juror from one of `films` (the edition's nominated films), the first
    /// open conflict's film offered first.
    pub fn recuse(record: &JurorRecord, films: Vec<(u64, String)>) -> Form {
        let offered = record
            .open_conflicts
            .first()
            .map(|c| c.title.clone())
            .unwrap_or_default();
        Form::new(
            format!("Recuse {} from a film", record.juror.name),
            FormTarget::Recuse {
                edition: record.edition.code.clone(),
                juror: record.juror.id,
                films: films.clone(),
            },
            vec![
                Field::line(FieldKey::Film, choices(&films), offered),
                Field::line(
                    FieldKey::Reason,
                    "why they stand aside (logged): their ballot is left out where the film is nominated",
                    "",
                ),
            ],
        )
    }

    /// Records that one of the record's open probable conflicts is none.
    pub fn clear_conflict(record: &JurorRecord) -> Form {
        let films: Vec<(u64, String)> = record
            .open_conflicts
            .iter()
            .map(|c| (c.submission_id, c.title.clone()))
            .collect();
        let offered = films.first().map(|(_, t)| t.clone()).unwrap_or_default();
        Form::new(
            format!("No conflict for {}", record.juror.name),
            FormTarget::ClearConflict {
                edition: record.edition.code.clone(),
                juror: record.juror.id,
                films: films.clone(),
            },
            vec![
                Field::line(FieldKey::Film, choices(&films), offered),
                Field::line(
                    FieldKey::Reason,
                    "why the credit is no conflict (a namesake…; logged)",
                    "",
                ),
            ],
        )
    }

    /// Withdraws a category's recorded award, so that it may change again.
    pub fn withdraw_award(edition: &str, category: &Category) -> Form {
        Form::new(
            format!("Withdraw the award of {}", category.name),
            FormTarget::WithdrawAward {
                edition: edition.to_string(),
                category: category.id,
            },
            vec![Field::line(
                FieldKey::Reason,
                "why the award is withdrawn (logged); its nominees, ballots and method may then change",
                "",
            )],
        )
    }

    /// Submits the three forms above; `Ok(None)` when a field was refused before reaching the desk.
    pub(super) fn submit_conflicts(
        &mut self,
        desk: &Desk,
        target: &FormTarget,
    ) -> Result<Option<String>, DeskError> {
        match target {
            FormTarget::Recuse {
                edition,
                juror,
                films,
            } => {
                let Some(film) = self.picked_film(films) else {
                    return Ok(None);
                };
                let j = desk.recuse(
                    edition,
                    &juror.to_string(),
                    &film.to_string(),
                    self.value(FieldKey::Reason),
                )?;
                Ok(Some(format!(
                    "{} is recused from submission {film} (u undoes)",
                    j.name
                )))
            }
            FormTarget::ClearConflict {
                edition,
                juror,
                films,
            } => {
                let Some(film) = self.picked_film(films) else {
                    return Ok(None);
                };
                let j = desk.clear_conflict(
                    edition,
                    &juror.to_string(),
                    &film.to_string(),
                    self.value(FieldKey::Reason),
                )?;
                Ok(Some(format!(
                    "{}: no conflict with submission {film} (u undoes)",
                    j.name
                )))
            }
            FormTarget::WithdrawAward { edition, category } => {
                let done = desk.withdraw_award(
                    edition,
                    &category.to_string(),
                    self.value(FieldKey::Reason),
                )?;
                Ok(Some(format!(
                    "{}: the award to {} is withdrawn; its nominees, ballots and method may change (u undoes)",
                    done.category,
                    done.winners.join(" and ")
                )))
            }
            _ => Ok(None),
        }
    }

    /// The submission the Film field names: its number in `films`, its title, or a unique part of it.
    fn picked_film(&mut self, films: &[(u64, String)]) -> Option<u64> {
        let typed = self.value(FieldKey::Film).trim().to_string();
        if films.is_empty() {
            self.fail(FieldKey::Film, "there is no film to choose from");
            return None;
        }
        if let Ok(n) = crate::text::digits::parse_number::<usize>(&typed)
            && let Some((id, _)) = n.checked_sub(1).and_then(|i| films.get(i))
        {
            return Some(*id);
        }
        let wanted = fold(&typed);
        let exact: Vec<u64> = films
            .iter()
            .filter(|(_, t)| fold(t) == wanted)
            .map(|(id, _)| *id)
            .collect();
        let partial: Vec<u64> = films
            .iter()
            .filter(|(_, t)| !wanted.is_empty() && fold(t).contains(&wanted))
            .map(|(id, _)| *id)
            .collect();
        match (exact.as_slice(), partial.as_slice()) {
            ([one], _) | ([], [one]) => Some(*one),
            _ => {
                self.fail(
                    FieldKey::Film,
                    format!(
                        "'{typed}' is not one of the films: type its number or title ({})",
                        choices(films)
                    ),
                );
                None
            }
        }
    }
}

/// `1 Title · 2 Title …`: the films to choose from, numbered as the Film field takes them.
fn choices(films: &[(u64, String)]) -> String {
    if films.is_empty() {
        return "no film to choose from".into();
    }
    films
        .iter()
        .enumerate()
        .map(|(i, (_, title))| format!("{} {title}", i + 1))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(films: &[(u64, &str)]) -> (Form, Vec<(u64, String)>) {
        let films: Vec<(u64, String)> = films.iter().map(|(i, t)| (*i, t.to_string())).collect();
        let form = Form::new(
            "t",
            FormTarget::AddFestival,
            vec![Field::line(FieldKey::Film, choices(&films), "")],
        );
        (form, films)
    }

    #[test]
    fn a_film_is_picked_by_number_title_or_a_unique_part_of_it() {
        let (mut f, films) = form(&[(5, "A House in Basra"), (3, "The Salt Road")]);
        assert_eq!(f.fields[0].hint, "1 A House in Basra · 2 The Salt Road");
        for (typed, wanted) in [
            ("2", Some(3)),
            ("a house in basra", Some(5)),
            ("salt", Some(3)),
            ("3", None),
            ("0", None),
            ("", None),
            ("o", None),
        ] {
            f.fields[0].value = typed.into();
            f.clear_errors();
            assert_eq!(f.picked_film(&films), wanted, "{typed}");
            assert_eq!(f.fields[0].error.is_some(), wanted.is_none(), "{typed}");
        }
    }
}
