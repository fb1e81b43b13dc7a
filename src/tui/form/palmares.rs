//! The palmarès forms: finalize (with an override reason when rules are broken), reopen (with the
//! reason), and the edition's rules (a preset, or rule by rule). Like every form, what is typed goes to
//! the desk's own use-cases, so the desk and the command line refuse the same things.

use super::{Field, Form, FormTarget};
use crate::desk::{Desk, DeskError, RulesChange, parse_switch};
use crate::domain::{Category, Edition, Preset};
use crate::text::fold;
use crate::tui::form::FieldKey;

/// Names every preset of `Preset::ALL` (a test keeps them in step).
const PRESET_HINT: &str = "blank, or plain, cannes, berlinale, venice: replaces the rules below and sets each category's count";

impl Form {
    /// Finalizing asks for a reason only when the palmarès breaks a rule or is incomplete: the reason
    /// overrides them.
    pub fn finalize(edition: &Edition, blocked: bool) -> Form {
        let hint = if blocked {
            "the palmarès is not ready (see P): finalizing anyway needs a reason, which is logged"
        } else {
            "the palmarès keeps every rule and is complete: leave blank and press Enter"
        };
        Form::new(
            format!("Finalize {} — freeze its palmarès", edition.code),
            FormTarget::Finalize {
                edition: edition.code.clone(),
            },
            vec![Field::line(FieldKey::Override, hint, "")],
        )
    }

    pub fn reopen(edition: &Edition) -> Form {
        Form::new(
            format!("Reopen {}", edition.code),
            FormTarget::Reopen {
                edition: edition.code.clone(),
            },
            vec![Field::line(
                FieldKey::Reason,
                "why the palmarès must change again (logged)",
                "",
            )],
        )
    }

    /// The edition's rules as they stand; a preset typed in the first field replaces them all.
    pub fn rules(edition: &Edition, categories: &[Category]) -> Form {
        let rules = &edition.rules;
        let yes_no = |on: bool| if on { "yes" } else { "no" };
        let combinable: Vec<&str> = categories
            .iter()
            .filter(|c| rules.combinable_categories.contains(&c.id))
            .map(|c| c.name.as_str())
            .collect();
        Form::new(
            format!("Palmarès rules of {}", edition.code),
            FormTarget::Rules {
                edition: edition.code.clone(),
            },
            vec![
                Field::line(FieldKey::Preset, PRESET_HINT, ""),
                Field::line(
                    FieldKey::OnePrizePerFilm,
                    "yes or no: later categories are counted without a film that took a higher prize",
                    yes_no(rules.one_prize_per_film),
                ),
                Field::line(
                    FieldKey::Combinable,
                    "comma-separated categories whose prize a film may add to another (acting prizes)",
                    combinable.join(", "),
                ),
                Field::line(
                    FieldKey::MaxShared,
                    "how many ex-aequo prizes the edition allows; blank: no limit",
                    rules
                        .max_shared_prizes
                        .map(|n| n.to_string())
                        .unwrap_or_default(),
                ),
                Field::line(
                    FieldKey::TopPrizeNeverShared,
                    "yes or no",
                    yes_no(rules.top_prize_never_shared),
                ),
            ],
        )
    }

    /// Submits the three palmarès forms; `Ok(None)` when a field was refused before reaching the desk.
    pub(super) fn submit_palmares(
        &mut self,
        desk: &Desk,
        target: &FormTarget,
    ) -> Result<Option<String>, DeskError> {
        match target {
            FormTarget::Finalize { edition } => {
                let reason = self.value(FieldKey::Override).trim().to_string();
                let e = desk.finalize(edition, (!reason.is_empty()).then_some(reason.as_str()))?;
                Ok(Some(format!(
                    "{} is finalized: ballots, nominations, awards and jury are frozen (R reopens)",
                    e.code
                )))
            }
            FormTarget::Reopen { edition } => {
                let e = desk.reopen(edition, self.value(FieldKey::Reason))?;
                Ok(Some(format!("{} is open again", e.code)))
            }
            FormTarget::Rules { edition } => {
                let Some(change) = self.rules_change() else {
                    return Ok(None);
                };
                let report = desk.set_rules(edition, &change)?;
                let mut done = format!("rules of {edition} saved");
                if !report.categories_changed.is_empty() {
                    done.push_str(&format!(
                        "; {} categories set by the preset",
                        report.categories_changed.len()
                    ));
                }
                if !report.methods_kept.is_empty() {
                    done.push_str(&format!(
                        "; kept their method (ballots entered): {}",
                        report.methods_kept.join(", ")
                    ));
                }
                if !report.categories_kept.is_empty() {
                    done.push_str(&format!(
                        "; kept (already awarded): {}",
                        report.categories_kept.join(", ")
                    ));
                }
                Ok(Some(done))
            }
            _ => Ok(None),
        }
    }

    /// A preset alone, or every rule as the fields say.
    fn rules_change(&mut self) -> Option<RulesChange> {
        let preset = self.value(FieldKey::Preset).trim().to_string();
        if !preset.is_empty() {
            return match preset.parse::<Preset>() {
                Ok(preset) => Some(RulesChange {
                    preset: Some(preset),
                    ..RulesChange::default()
                }),
                Err(message) => {
                    self.fail(FieldKey::Preset, message);
                    None
                }
            };
        }
        let switch =
            |form: &mut Form, key: FieldKey| match parse_switch(key.label(), form.value(key)) {
                Ok(on) => Some(on),
                Err(DeskError::Invalid { message, .. }) => {
                    form.fail(key, message);
                    None
                }
                Err(other) => {
                    form.fail(key, other.to_string());
                    None
                }
            };
        let one_prize = switch(self, FieldKey::OnePrizePerFilm);
        let top_never = switch(self, FieldKey::TopPrizeNeverShared);
        let raw_limit = fold(self.value(FieldKey::MaxShared)).trim().to_string();
        let limit = if raw_limit.is_empty() {
            Some(None)
        } else if let Ok(n) = crate::text::digits::parse_number::<u32>(&raw_limit) {
            Some(Some(n))
        } else {
            self.fail(
                FieldKey::MaxShared,
                format!(
                    "'{raw_limit}' is not a number of shared prizes (0, 1, 2…); blank for no limit"
                ),
            );
            None
        };
        let combinable = super::submit::list(self.value(FieldKey::Combinable));
        Some(RulesChange {
            preset: None,
            one_prize_per_film: Some(one_prize?),
            combinable: Some(combinable),
            max_shared_prizes: Some(limit?),
            top_prize_never_shared: Some(top_never?),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preset_hint_names_every_preset() {
        for preset in Preset::ALL {
            assert!(PRESET_HINT.contains(preset.name()), "{preset}");
        }
    }
}
