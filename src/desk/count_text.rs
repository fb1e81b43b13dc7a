//! A category's count as the secretary reads it: the head lines (ballots, who has not voted, who the
//! cascade passed over) and the explanation of `tally::report`. `tally --format text` prints it and
//! the desk's count shows it, so the two faces never say different things (README.md#the-desk:
//! "shows every sentence that `tally --format text` prints").

use super::CategoryCount;
use crate::tally::report;

/// The text of one category's count, one sentence or table row a line, ending in a newline.
pub fn count_text(count: &CategoryCount) -> String {
    let mut text = format!(
        "{} ({}): {} ballot(s) of {} juror(s) who may vote",
        count.category.name,
        count.method.name(),
        count.outcome.ballots_used,
        count.eligible
    );
    if count.method != count.category.method {
        text.push_str(&format!(
            " (what-if: the category is counted by {})",
            count.category.method.name()
        ));
    }
    text.push('\n');
    for line in count.provisional_lines() {
        text.push_str(&line);
        text.push('\n');
    }
    for (name, reason) in &count.absent {
        text.push_str(&format!("absent: {name} ({reason})\n"));
    }
    for passed in &count.passed_over {
        text.push_str(&format!(
            "passed over: {} (the film took {})\n",
            passed.nominee.label, passed.took
        ));
    }
    // The labels are made safe here, as every message shows a stored name (control characters as
    // their pictures), before the report's own last-resort cleaning would blank them out.
    let shown: Vec<String> = count
        .labels
        .iter()
        .map(|label| crate::text::for_terminal(label).into_owned())
        .collect();
    text.push_str(&report::text(&count.outcome, &shown));
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}
