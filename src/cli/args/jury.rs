//! The arguments of the jury commands: categories, jurors, nominations, ballots, tallies, awards.

use super::number;
use clap::{Args, Subcommand, ValueEnum};

#[derive(Debug, Subcommand)]
pub enum CategoryCommand {
    /// Add an award category to an edition
    Add(CategoryAdd),
    /// Change a category's name, prize, kind, counting rules or precedence
    Edit(CategoryEdit),
    /// Delete a category with its nominees and ballots (refused while an award is recorded for it)
    Delete(CategoryDelete),
}

/// Refused in a finalized edition and while the category has a recorded award; `undo` brings back
/// everything it removed.
#[derive(Debug, Args)]
pub struct CategoryDelete {
    #[arg(long)]
    pub edition: String,
    /// The category's name or id
    #[arg(long)]
    pub category: String,
}

#[derive(Debug, Args)]
pub struct CategoryAdd {
    #[arg(long)]
    pub edition: String,
    /// e.g. "Best Director"
    #[arg(long)]
    pub name: String,
    /// The prize's own name, e.g. "Crystal Simorgh"
    #[arg(long, default_value = "")]
    pub prize: String,
    /// film or person
    #[arg(long, default_value = "film")]
    pub kind: String,
    /// plurality, majority-rounds[:K], borda, irv, schulze, score-mean, score-trimmed, score-z
    #[arg(long, default_value = "schulze")]
    pub method: String,
    /// A tie-break rule, tried in the order given: casting-vote, borda, count-back, draw:SEED, none
    #[arg(long = "tie-break", value_name = "RULE")]
    pub tie_breaks: Vec<String>,
    /// The prize may be shared (ex aequo)
    #[arg(long)]
    pub ex_aequo: bool,
    /// The palmarès must award this category
    #[arg(long)]
    pub mandatory: bool,
    /// Rank among the edition's prizes, 1 = the top prize [default: after the others]
    #[arg(long, value_parser = number::<u32>)]
    pub precedence: Option<u32>,
}

/// Only the options given change; `--tie-break` given once or more replaces the whole chain. The method,
/// tie-breaks, ex-aequo and kind cannot change while an award is recorded for the category (`award
/// withdraw` first), nor its kind while it has nominees; nothing changes in a finalized edition.
#[derive(Debug, Args)]
pub struct CategoryEdit {
    #[arg(long)]
    pub edition: String,
    /// The category's name or id
    #[arg(long)]
    pub category: String,
    /// A new name, e.g. "Best Director"
    #[arg(long)]
    pub name: Option<String>,
    /// The prize's own name, e.g. "Crystal Simorgh"
    #[arg(long)]
    pub prize: Option<String>,
    /// film or person
    #[arg(long)]
    pub kind: Option<String>,
    /// plurality, majority-rounds[:K], borda, irv, schulze, score-mean, score-trimmed, score-z
    #[arg(long)]
    pub method: Option<String>,
    /// A tie-break rule, tried in the order given: casting-vote, borda, count-back, draw:SEED, none
    #[arg(long = "tie-break", value_name = "RULE")]
    pub tie_breaks: Vec<String>,
    /// Empty the tie-break chain (a tie is shown for the jury to decide)
    #[arg(long, conflicts_with = "tie_breaks")]
    pub no_tie_breaks: bool,
    /// The prize may be shared (ex aequo)
    #[arg(long, conflicts_with = "no_ex_aequo")]
    pub ex_aequo: bool,
    /// The prize may not be shared
    #[arg(long)]
    pub no_ex_aequo: bool,
    /// The palmarès must award this category
    #[arg(long, conflicts_with = "no_mandatory")]
    pub mandatory: bool,
    /// The palmarès may leave this category without an award
    #[arg(long)]
    pub no_mandatory: bool,
    /// Rank among the edition's prizes, 1 = the top prize
    #[arg(long, value_parser = number::<u32>)]
    pub precedence: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum JurorCommand {
    /// Seat a juror
    Add(JurorAdd),
    /// Change a juror's name, role or notes (their ballots and recusals stay theirs)
    Edit(JurorEdit),
    /// Record that a juror stands aside from a submission
    Recuse(JurorRecuse),
    /// Record that a probable conflict (the juror's name in a film's credits) is none, with the reason
    ClearConflict(JurorClearConflict),
    /// Delete a juror with their ballots and recusals (refused while a ballot of theirs is in a
    /// category with a recorded award)
    Delete(JurorDelete),
    /// Declare a juror absent from the deliberation: counts stop waiting for their ballot and leave
    /// out one they entered (logged with the reason; `juror present` or `undo` reverses it)
    Absent(JurorAbsent),
    /// Declare an absent juror present again: their ballots count and counts wait for them again
    Present(JurorPresent),
    /// Set, change or remove a juror's jury-room PIN (kept as a salted hash; never shown or logged)
    Pin(JurorPin),
}

/// The PIN is read from a file (its first line) or from standard input (`--pin-file -`), never from
/// the command line, where it would stay in the shell's history and show in the process list.
#[derive(Debug, Args)]
pub struct JurorPin {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
    /// A file whose first line is the PIN, 4 to 12 digits (`-`: standard input)
    #[arg(
        long,
        value_name = "FILE",
        required_unless_present = "remove",
        conflicts_with = "remove"
    )]
    pub pin_file: Option<std::path::PathBuf>,
    /// Remove the juror's PIN: the jury room then asks none
    #[arg(long)]
    pub remove: bool,
}

/// Refused in a finalized edition and for a juror already declared absent.
#[derive(Debug, Args)]
pub struct JurorAbsent {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
    /// Why the juror is absent (the minutes give it)
    #[arg(long)]
    pub reason: String,
}

/// Refused in a finalized edition and for a juror who is not declared absent.
#[derive(Debug, Args)]
pub struct JurorPresent {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
}

/// `list jurors` then shows the conflict as cleared instead of probable; `undo` takes it back.
#[derive(Debug, Args)]
pub struct JurorClearConflict {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
    /// The submission's id or film title
    #[arg(long)]
    pub submission: String,
    /// Why it is no conflict (logged)
    #[arg(long)]
    pub reason: String,
}

/// Refused in a finalized edition, and where one of the juror's ballots is in a category with a
/// recorded award or the award names their casting vote; `undo` brings back everything it removed.
#[derive(Debug, Args)]
pub struct JurorDelete {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
}

#[derive(Debug, Args)]
pub struct JurorAdd {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub name: String,
    /// The name in its own script, e.g. --name "Majid Majidi" --original-name "مجید مجیدی"
    #[arg(long, default_value = "")]
    pub original_name: String,
    /// president, member or observer (observers never vote)
    #[arg(long, default_value = "member")]
    pub role: String,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// A jury-room PIN for the juror, read from this file's first line (`-`: standard input); 4 to
    /// 12 digits, kept as a salted hash. Never given on the command line itself
    #[arg(long, value_name = "FILE")]
    pub pin_file: Option<std::path::PathBuf>,
}

/// Only the options given change. A juror made an observer keeps their ballots, which are then not
/// counted; a role does not change while one of the juror's ballots stands behind a recorded award.
#[derive(Debug, Args)]
pub struct JurorEdit {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    /// The name in its own script ("" removes it)
    #[arg(long)]
    pub original_name: Option<String>,
    /// president, member or observer (observers never vote)
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub notes: Option<String>,
}

#[derive(Debug, Args)]
pub struct JurorRecuse {
    #[arg(long)]
    pub edition: String,
    /// The juror's name or id
    #[arg(long)]
    pub juror: String,
    /// The submission's id or film title
    #[arg(long)]
    pub submission: String,
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
pub struct NominateArgs {
    #[arg(long)]
    pub edition: String,
    /// The category's name or id
    #[arg(long)]
    pub category: String,
    /// The submission's id or film title
    #[arg(long)]
    pub submission: String,
    /// The nominated person, in a person category
    #[arg(long)]
    pub person: Option<String>,
    /// Nominate it even though it is withdrawn, disqualified, ineligible or not selected
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum NominationCommand {
    /// Change a nominee's person (in a person category) or number; a number another nominee holds
    /// swaps the two
    Edit(NominationEdit),
    /// Withdraw a nominee: it is taken off the ballots that name it (refused while the category has a
    /// recorded award)
    Delete(NominationDelete),
}

/// The other nominees keep their numbers. Refused in a finalized edition and while the category has
/// a recorded award; `undo` brings back the nominee and the ballots exactly as they were.
#[derive(Debug, Args)]
pub struct NominationDelete {
    #[arg(long)]
    pub edition: String,
    /// The category's name or id
    #[arg(long)]
    pub category: String,
    /// The nominee: its number, label, film title or person
    #[arg(long)]
    pub nominee: String,
}

/// Only the options given change.
#[derive(Debug, Args)]
pub struct NominationEdit {
    #[arg(long)]
    pub edition: String,
    /// The category's name or id
    #[arg(long)]
    pub category: String,
    /// The nominee: its number, label, film title or person
    #[arg(long)]
    pub nominee: String,
    /// The nominated person, in a person category
    #[arg(long)]
    pub person: Option<String>,
    /// Its number in the category (what jurors type)
    #[arg(long, value_parser = number::<u32>)]
    pub number: Option<u32>,
}

#[derive(Debug, Subcommand)]
pub enum BallotCommand {
    /// Enter (or replace) a juror's ballot in a category
    Set(BallotSet),
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("content").required(true).args(["rank", "score", "round"])))]
pub struct BallotSet {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub category: String,
    #[arg(long)]
    pub juror: String,
    /// A ranking, best first: "North from South West > 2 > Film C" (numbers, titles, labels or names)
    #[arg(long)]
    pub rank: Option<String>,
    /// Scores from 0 to 10: "1=8, 2=6"
    #[arg(long)]
    pub score: Option<String>,
    /// A deliberation round's number (with --vote)
    #[arg(value_parser = number::<u32>, long, requires = "vote")]
    pub round: Option<u32>,
    /// The nominee voted for in --round
    #[arg(long, requires = "round")]
    pub vote: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum TextOrJson {
    #[default]
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TallyArgs {
    #[arg(long)]
    pub edition: String,
    /// Only this category (name or id)
    #[arg(long)]
    pub category: Option<String>,
    /// Count with another method, as a what-if (never stored as the award)
    #[arg(long)]
    pub method: Option<String>,
    /// Use this tie-break chain instead of the category's (repeat, in order)
    #[arg(long = "tie-break", value_name = "RULE")]
    pub tie_breaks: Vec<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: TextOrJson,
}

/// `award --edition E --category C …` records an award; `award withdraw …` removes one.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AwardCli {
    #[command(subcommand)]
    pub action: Option<AwardCommand>,
    #[command(flatten)]
    pub record: Option<AwardArgs>,
}

#[derive(Debug, Subcommand)]
pub enum AwardCommand {
    /// Remove a category's recorded award (logged with the reason; `undo` puts it back). A recorded
    /// award freezes its category's nominees, ballots and counting rules: this is the way to change
    /// them again.
    Withdraw(AwardWithdraw),
}

#[derive(Debug, Args)]
pub struct AwardWithdraw {
    #[arg(long)]
    pub edition: String,
    /// The category's name or id
    #[arg(long)]
    pub category: String,
    /// Why the award is withdrawn (logged)
    #[arg(long)]
    pub reason: String,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("how").args(["casting_vote", "draw", "winners"])))]
pub struct AwardArgs {
    #[arg(long)]
    pub edition: String,
    #[arg(long)]
    pub category: String,
    /// The president settles the tie for this nominee
    #[arg(long, value_name = "NOMINEE")]
    pub casting_vote: Option<String>,
    /// Settle the tie by a reproducible draw with this seed
    #[arg(value_parser = number::<u64>, long, value_name = "SEED")]
    pub draw: Option<u64>,
    /// Name the winner yourself (repeat for a shared prize); needs --reason
    #[arg(long = "winner", value_name = "NOMINEE", requires = "reason")]
    pub winners: Vec<String>,
    /// Why the winners were named by hand (a re-vote on paper, a jury statement)
    #[arg(long)]
    pub reason: Option<String>,
}
