//! Setting an edition's palmarès rules (SPEC §6.3), from a preset and field by field.

use super::{Desk, DeskError, Result};
use crate::domain::{Category, EditionRules, Preset};
use crate::store::{Tx, keys};

/// What a secretary changes in an edition's rules. A preset applies first; the fields then adjust it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulesChange {
    pub preset: Option<Preset>,
    pub one_prize_per_film: Option<bool>,
    /// Categories (by name or number) whose prize a film may combine with another; replaces the list.
    pub combinable: Option<Vec<String>>,
    /// `Some(None)`: no limit.
    pub max_shared_prizes: Option<Option<u32>>,
    pub top_prize_never_shared: Option<bool>,
}

/// What changing the rules did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesReport {
    pub rules: EditionRules,
    /// Categories whose method, tie-breaks or ex-aequo setting the preset changed.
    pub categories_changed: Vec<String>,
    /// Categories the preset left alone because an award is already recorded for them.
    pub categories_kept: Vec<String>,
    /// Categories that kept their method because ballots were entered for it.
    pub methods_kept: Vec<String>,
}

impl Desk {
    /// Changes an edition's rules (refused once it is finalized). A preset also sets each category's
    /// method, tie-break chain and ex-aequo setting, except where an award is already recorded.
    pub fn set_rules(&self, edition: &str, change: &RulesChange) -> Result<RulesReport> {
        let mut edition = self.open_edition(edition)?;
        let categories = self.categories(edition.id)?;
        let mut rules = edition.rules.clone();
        let mut tx = self.store.begin();
        let mut report = RulesReport {
            rules: EditionRules::default(),
            categories_changed: Vec::new(),
            categories_kept: Vec::new(),
            methods_kept: Vec::new(),
        };
        if let Some(preset) = change.preset {
            rules = preset.rules(&categories);
            self.apply_preset_to_categories(&mut tx, preset, &categories, &mut report)?;
        }
        if let Some(on) = change.one_prize_per_film {
            rules.one_prize_per_film = on;
        }
        if let Some(references) = &change.combinable {
            rules.combinable_categories = references
                .iter()
                .map(|r| self.category(&edition, r).map(|c| c.id))
                .collect::<Result<_>>()?;
            rules.combinable_categories.sort_unstable();
            rules.combinable_categories.dedup();
        }
        if let Some(limit) = change.max_shared_prizes {
            rules.max_shared_prizes = limit;
        }
        if let Some(on) = change.top_prize_never_shared {
            rules.top_prize_never_shared = on;
        }
        if rules == edition.rules && report.categories_changed.is_empty() {
            report.rules = rules;
            return Ok(report);
        }
        edition.rules = rules.clone();
        tx.put(&edition)?;
        let preset = change
            .preset
            .map(|p| format!(" from preset {p}"))
            .unwrap_or_default();
        tx.commit(format!("rules set for {}{preset}", edition.code))?;
        report.rules = rules;
        Ok(report)
    }

    fn apply_preset_to_categories(
        &self,
        tx: &mut Tx<'_>,
        preset: Preset,
        categories: &[Category],
        report: &mut RulesReport,
    ) -> Result<()> {
        for (i, category) in categories.iter().enumerate() {
            let Some(settings) = preset.category_settings(i == 0) else {
                continue;
            };
            let unchanged = category.method == settings.method
                && category.tie_breaks == settings.tie_breaks
                && category.ex_aequo_allowed == settings.ex_aequo_allowed;
            if unchanged {
                continue;
            }
            let before = category.clone();
            if !self.awards(category.id)?.is_empty() {
                report.categories_kept.push(category.name.clone());
                continue;
            }
            let mut category = category.clone();
            // Ballots already entered were cast for the category's method; another method would
            // leave them out of the count, so the method stays and the rest follows the preset.
            let has_ballots = !self
                .store
                .child_ids(keys::BALLOT_OF_CATEGORY_JUROR, category.id)?
                .is_empty();
            if has_ballots && category.method != settings.method {
                report.methods_kept.push(category.name.clone());
            } else {
                category.method = settings.method;
            }
            category.tie_breaks = settings.tie_breaks;
            category.ex_aequo_allowed = settings.ex_aequo_allowed;
            if category != before {
                tx.put(&category)?;
                report.categories_changed.push(category.name.clone());
            }
        }
        Ok(())
    }
}

/// Reads `yes`/`no` (and `on`/`off`, `true`/`false`) for a rule switch.
pub fn parse_switch(field: &'static str, raw: &str) -> Result<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "yes" | "on" | "true" => Ok(true),
        "no" | "off" | "false" => Ok(false),
        other => Err(DeskError::invalid(
            field,
            format!("'{other}' is not yes or no"),
        )),
    }
}
