//! `stats awards`: nominations and wins per film, person or country (README.md#command-line).

use std::io::Write;

use serde_json::json;

use super::args::{StatsAwardsArgs, StatsGroup};
use super::output::Listing;
use crate::desk::{Desk, StatsBy, StatsScope};
use crate::failure::Failure;

pub fn awards(desk: &Desk, a: &StatsAwardsArgs, out: &mut impl Write) -> Result<(), Failure> {
    let scope = match (&a.edition, &a.festival) {
        (Some(edition), _) => StatsScope::Edition(edition.clone()),
        (None, Some(festival)) => StatsScope::Festival(festival.clone()),
        (None, None) => StatsScope::Everything,
    };
    let by = match a.by {
        StatsGroup::Film => StatsBy::Film,
        StatsGroup::Person => StatsBy::Person,
        StatsGroup::Country => StatsBy::Country,
    };
    let mut lines = desk.award_stats(&scope, by)?;
    if let Some(top) = a.top {
        lines.truncate(top);
    }
    let listing = Listing {
        fields: vec!["name", "nominations", "wins"],
        table: vec!["wins", "nominations", "name"],
        rows: lines
            .into_iter()
            .map(|l| vec![json!(l.name), json!(l.nominations), json!(l.wins)])
            .collect(),
    };
    listing.print(a.format, out)?;
    Ok(())
}
