//! Setting an edition's palmarès rules (docs/counting.md#palmares-rules), from a preset and field
//! by field.

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
    /// Categories the preset left exactly as they are because an award is recorded for them.
    pub categories_kept: Vec<String>,
    /// Categories the preset left exactly as they are (method, tie-breaks and ex-aequo) because
    /// ballots are entered for them: a new tie-break or method would change a count already under way.
    pub methods_kept: Vec<String>,
}

impl Desk {
    /// Changes an edition's rules (refused once it is finalized). A preset also sets each category's
    /// method, tie-break chain and ex-aequo setting, but never those of a category that has ballots or an
    /// award (docs/counting.md#palmares-rules): the report says which were kept and why.
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
            if !self.awards(category.id)?.is_empty() {
                report.categories_kept.push(category.name.clone());
                continue;
            }
            // Ballots already entered were cast under the category's method and tie-breaks: a new
            // tie-break could settle a tie the jury is still deliberating, another method would leave
            // the ballots out of the count. The category stays exactly as it is.
            let has_ballots = !self
                .store
                .child_ids(keys::BALLOT_OF_CATEGORY_JUROR, category.id)?
                .is_empty();
            if has_ballots {
                report.methods_kept.push(category.name.clone());
                continue;
            }
            let mut category = category.clone();
            category.method = settings.method;
            category.tie_breaks = settings.tie_breaks;
            category.ex_aequo_allowed = settings.ex_aequo_allowed;
            tx.put(&category)?;
            report.categories_changed.push(category.name.clone());
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
