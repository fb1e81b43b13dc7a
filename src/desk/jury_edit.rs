//! Changing the jury's records after they were made: a category's name, prize and counting rules, a
//! juror's name, role and notes, a nominee's person and number.
//!
//! The rules, and why:
//! - Nothing here changes while the edition is finalized (docs/counting.md#palmares-rules): the
//!   palmarès is frozen.
//! - A recorded award (however decided) freezes its category (docs/counting.md#deciding-an-award,
//!   see `award_withdraw`): its method, tie-break chain, ex-aequo and kind, and its nominees, do
//!   not change until the award is withdrawn (`jurydesk award withdraw`, `W` in the count): a
//!   palmarès that says "counted by Borda" must have been. A what-if count (`jurydesk tally
//!   --method M`) needs no edit at all. Its name, prize, mandatory flag and precedence may change.
//!   Otherwise the method may change freely, even to one that counts another kind of ballot: the
//!   ballots are kept (the count lists them as "not of the kind M counts") and the edit says so, so
//!   changing back restores them.
//! - A category's kind (film or person) does not change while it has nominees: a film nominee has no
//!   person to award, and dropping a person's name would lose it.
//! - A juror keeps their ballots when renamed (ballots name the juror by id). Made an observer, a juror
//!   keeps their ballots too, but they are not counted, exactly as the count already leaves out an
//!   observer's ballot; made a voter again, they count again. Because that moves counts, a juror's role
//!   does not change while one of their ballots is in a category with a recorded award.
//! - A nominee's number is only how jurors type it: ballots hold the nomination itself. Giving a nominee
//!   a number that another holds swaps the two, so a category can be reordered one edit at a time.
//!   Its film does not change: that would be another nomination, with other ballots.

use super::jury::refuse_if_finalized;
use super::nominations::{Nominee, label, resolve_nominee};
use super::{BallotKind, CategoryInput, Desk, DeskError, JurorInput, Result, validate};
use crate::domain::{Category, CategoryKind, Edition, Juror, JurorRole, Method, Nomination};
use crate::text::{clean_line, clean_text, fold};

/// A changed record, with what the change means beyond it (ballots no longer counted, a swapped
/// number), for the secretary to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited<T> {
    pub record: T,
    /// `false` when the input matched the record: nothing was written or logged.
    pub changed: bool,
    pub notes: Vec<String>,
}

/// What a secretary types to change a nominee.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NominationInput {
    /// The nominated person; must be given in a person category and left out in a film category.
    pub person: Option<String>,
    /// 1, 2, … within the category; a number another nominee holds swaps the two.
    pub number: u32,
}

impl Desk {
    /// Changes a category's name, prize, kind, method, tie-breaks, ex-aequo, mandatory flag and, when
    /// `input.precedence` is given, its precedence. `input.edition` may be blank; if given it must be
    /// the category's edition.
    pub fn edit_category(
        &self,
        edition: &str,
        category: &str,
        input: &CategoryInput,
    ) -> Result<Edited<Category>> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        refuse_another_edition(&edition, &input.edition, "a category")?;
        let before = self.category(&edition, category)?;
        let name = validate::required("name", &input.name)?;
        let siblings = self.categories(edition.id)?;
        if let Some(other) = siblings
            .iter()
            .find(|c| c.id != before.id && fold(&c.name) == fold(&name))
        {
            return Err(DeskError::invalid(
                "name",
                format!(
                    "{} already has a category named '{}' (category {})",
                    edition.code, other.name, other.id
                ),
            ));
        }
        if let Method::MajorityRounds { absolute_rounds: 0 } = input.method {
            return Err(DeskError::invalid(
                "method",
                "majority-rounds needs at least one absolute-majority round",
            ));
        }
        // Only a move is checked: a store from before the rule may hold a shared place, and editing
        // something else must not be blocked by it (`palmares --check` reports it).
        if let Some(place) = input.precedence.filter(|p| *p != before.precedence) {
            super::jury::refuse_taken_precedence(&edition, &siblings, place, Some(before.id))?;
        }
        let after = Category {
            name,
            prize: clean_line(&input.prize),
            kind: input.kind,
            method: input.method,
            tie_breaks: input.tie_breaks.clone(),
            ex_aequo_allowed: input.ex_aequo_allowed,
            mandatory: input.mandatory,
            precedence: input.precedence.unwrap_or(before.precedence),
            ..before.clone()
        };
        self.refuse_category_change(&edition, &before, &after)?;
        let notes = self.category_notes(&edition, &before, &after)?;
        let mut tx = self.store.begin();
        tx.put(&after)?;
        let renamed = renaming(&before.name, &after.name);
        let changed = tx
            .commit(format!(
                "category edit \"{}\"{renamed} in {}",
                before.name, edition.code
            ))?
            .is_some();
        Ok(Edited {
            record: after,
            changed,
            notes: if changed { notes } else { Vec::new() },
        })
    }

    /// Changes a juror's name, role and notes; their ballots and recusals stay theirs.
    pub fn edit_juror(
        &self,
        edition: &str,
        juror: &str,
        input: &JurorInput,
    ) -> Result<Edited<Juror>> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        refuse_another_edition(&edition, &input.edition, "a juror")?;
        let before = self.juror(&edition, juror)?;
        let name = validate::required("name", &input.name)?;
        let jurors = self.jurors(edition.id)?;
        if let Some(other) = jurors
            .iter()
            .find(|j| j.id != before.id && fold(&j.name) == fold(&name))
        {
            return Err(DeskError::invalid(
                "name",
                format!(
                    "{} already sits on the jury of {} (juror {})",
                    other.name, edition.code, other.id
                ),
            ));
        }
        if input.role == JurorRole::President
            && let Some(president) = jurors
                .iter()
                .find(|j| j.id != before.id && j.role == JurorRole::President)
        {
            return Err(DeskError::invalid(
                "role",
                format!(
                    "{} already has a president, {}: make them a member first",
                    edition.code, president.name
                ),
            ));
        }
        let after = Juror {
            original_name: super::jury::original_name(&input.original_name, &name)?,
            name,
            role: input.role,
            notes: clean_text(&input.notes),
            ..before.clone()
        };
        let mut notes = Vec::new();
        if before.role != after.role {
            notes = self.role_change_notes(&edition, &before, &after)?;
        }
        let mut tx = self.store.begin();
        tx.put(&after)?;
        let renamed = renaming(&before.name, &after.name);
        let changed = tx
            .commit(format!(
                "juror edit {}{renamed} ({}) in {}",
                before.name,
                after.role.as_str(),
                edition.code
            ))?
            .is_some();
        Ok(Edited {
            record: after,
            changed,
            notes: if changed { notes } else { Vec::new() },
        })
    }

    /// Changes a nominee's person (in a person category) and number. `nominee` is a reference as
    /// docs/domain.md#nominees-labels-and-references describes: the number, the label, the film
    /// title or the person's name.
    pub fn edit_nomination(
        &self,
        edition: &str,
        category: &str,
        nominee: &str,
        input: &NominationInput,
    ) -> Result<Edited<Nominee>> {
        let edition = self.edition(edition)?;
        refuse_if_finalized(&edition)?;
        let category = self.category(&edition, category)?;
        self.refuse_if_awarded(&edition, &category, "its nominees")?;
        let nominees = self.nominees(&category)?;
        let before = resolve_nominee(&nominees, nominee)?.clone();
        let person = person_for(&category, input.person.as_deref())?;
        if let Some(twin) = nominees.iter().find(|n| {
            n.nomination.id != before.nomination.id
                && n.nomination.submission_id == before.nomination.submission_id
                && n.nomination.person.as_deref().map(fold) == person.as_deref().map(fold)
        }) {
            return Err(DeskError::invalid(
                "person",
                format!(
                    "already nominated in '{}' as number {}: {}",
                    category.name,
                    twin.number(),
                    twin.label
                ),
            ));
        }
        if input.number == 0 {
            return Err(DeskError::invalid("number", "nominees are numbered from 1"));
        }
        let after = Nomination {
            person,
            number: input.number,
            ..before.nomination.clone()
        };
        let mut notes = Vec::new();
        let mut tx = self.store.begin();
        if let Some(holder) = nominees
            .iter()
            .find(|n| n.nomination.id != after.id && n.number() == after.number)
        {
            let moved = Nomination {
                number: before.number(),
                ..holder.nomination.clone()
            };
            tx.put(&moved)?;
            notes.push(format!(
                "{} took number {} in exchange",
                holder.label,
                before.number()
            ));
        }
        tx.put(&after)?;
        let record = Nominee {
            label: label(after.person.as_deref(), &before.title),
            title: before.title.clone(),
            nomination: after,
        };
        let changed = tx
            .commit(format!(
                "nomination edit {} {}{} in \"{}\" ({})",
                before.number(),
                before.label,
                renaming(
                    &format!("{} {}", before.number(), before.label),
                    &format!("{} {}", record.number(), record.label)
                ),
                category.name,
                edition.code
            ))?
            .is_some();
        Ok(Edited {
            record,
            changed,
            notes: if changed { notes } else { Vec::new() },
        })
    }

    /// Changes that would contradict what the category already holds (see the module's rules).
    fn refuse_category_change(
        &self,
        edition: &Edition,
        before: &Category,
        after: &Category,
    ) -> Result<()> {
        let frozen = [
            (before.method != after.method, "its method"),
            (before.tie_breaks != after.tie_breaks, "its tie-breaks"),
            (
                before.ex_aequo_allowed != after.ex_aequo_allowed,
                "whether its prize may be shared",
            ),
            (before.kind != after.kind, "its kind"),
        ];
        for (changed, what) in frozen {
            if changed {
                self.refuse_if_awarded(edition, before, what)?;
            }
        }
        if before.kind != after.kind {
            let nominees = self.nominations(before.id)?.len();
            if nominees > 0 {
                return Err(DeskError::invalid(
                    "kind",
                    format!(
                        "'{}' has {nominees} nominee(s) as a {} category; its kind cannot change under them: add a new {} category instead",
                        before.name,
                        before.kind.as_str(),
                        after.kind.as_str()
                    ),
                ));
            }
        }
        Ok(())
    }

    /// What a method change leaves behind: ballots of a kind the new method does not count.
    fn category_notes(
        &self,
        edition: &Edition,
        before: &Category,
        after: &Category,
    ) -> Result<Vec<String>> {
        let wanted = BallotKind::of(after.method);
        if BallotKind::of(before.method) == wanted {
            return Ok(Vec::new());
        }
        let mut stranded = 0;
        for juror in self.jurors(edition.id)? {
            if let Some(ballot) = self.ballot(before.id, juror.id)?
                && BallotKind::of_content(&ballot.content) != wanted
            {
                stranded += 1;
            }
        }
        Ok(if stranded == 0 {
            Vec::new()
        } else {
            vec![format!(
                "{stranded} ballot(s) entered earlier are not {}, so {} leaves them out (changing back counts them)",
                kind_plural(wanted),
                after.method.name()
            )]
        })
    }

    /// A role change moves counts only through the juror's ballots: refused where one of them stands
    /// behind a recorded award, otherwise said.
    fn role_change_notes(
        &self,
        edition: &Edition,
        before: &Juror,
        after: &Juror,
    ) -> Result<Vec<String>> {
        let mut voted_in = Vec::new();
        for category in self.categories(edition.id)? {
            if self.ballot(category.id, before.id)?.is_none() {
                continue;
            }
            self.refuse_if_awarded(
                edition,
                &category,
                &format!(
                    "its ballots, {}'s among them, which a new role would count differently",
                    before.name
                ),
            )?;
            voted_in.push(category.name);
        }
        let votes = |role: JurorRole| role != JurorRole::Observer;
        if voted_in.is_empty() || votes(before.role) == votes(after.role) {
            return Ok(Vec::new());
        }
        let ballots = format!(
            "{} ballot(s) of {} ({})",
            voted_in.len(),
            after.name,
            voted_in.join(", ")
        );
        Ok(vec![if votes(after.role) {
            format!("{ballots} count again")
        } else {
            format!("{ballots} are kept, not counted while they observe")
        }])
    }
}

/// The person a nominee may have in `category` (docs/domain.md#entities: person categories name one,
/// film ones none).
fn person_for(category: &Category, person: Option<&str>) -> Result<Option<String>> {
    match (
        category.kind,
        person.map(str::trim).filter(|p| !p.is_empty()),
    ) {
        (CategoryKind::Person, None) => Err(DeskError::invalid(
            "person",
            format!("'{}' awards a person: say who", category.name),
        )),
        (CategoryKind::Film, Some(_)) => Err(DeskError::invalid(
            "person",
            format!(
                "'{}' awards a film, not a person: leave the person out",
                category.name
            ),
        )),
        (_, person) => person.map(|p| validate::required("person", p)).transpose(),
    }
}

/// What ballots of a kind are called, for notes.
fn kind_plural(kind: BallotKind) -> &'static str {
    match kind {
        BallotKind::Ranked => "rankings",
        BallotKind::Scored => "scores",
        BallotKind::Rounds => "round votes",
    }
}

/// Records stay in their edition; a blank `given` means "this one".
fn refuse_another_edition(edition: &Edition, given: &str, what: &str) -> Result<()> {
    let given = given.trim();
    if given.is_empty() || given == edition.code {
        return Ok(());
    }
    Err(DeskError::invalid(
        "edition",
        format!(
            "{what} of {} cannot move to {given}: add it there instead",
            edition.code
        ),
    ))
}

/// ` → "new"` for the log when a name changed, nothing otherwise.
fn renaming(before: &str, after: &str) -> String {
    if before == after {
        String::new()
    } else {
        format!(" → \"{after}\"")
    }
}

#[cfg(test)]
mod tests;
