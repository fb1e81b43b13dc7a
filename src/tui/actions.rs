//! The one list of what the desk can do. The keymap, the help overlay and the status-bar hints are all
//! read from `ACTIONS`, so they can never disagree with what a key really does.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Everything a key can ask the desk to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Quit,
    Help,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    HalfPageUp,
    HalfPageDown,
    NextPane,
    PreviousPane,
    FocusEditions,
    FocusSubmissions,
    FocusNominations,
    Open,
    Back,
    LoadDemo,
    Nominate,
    EnterBallots,
    Tally,
    /// A digit typed in a ballot (the key says which).
    Digit,
    ScoreTen,
    PickHighlighted,
    Erase,
    NextJuror,
    PreviousJuror,
    Save,
    Choose,
    RecordAward,
    CastingVote,
    Draw,
    Revote,
    Search,
    SearchDone,
    SearchClear,
    SearchErase,
    SortNext,
    SortReverse,
    Undo,
    ChangeStatus,
    Delete,
    Confirm,
    Cancel,
    Add,
    Edit,
    AddFestival,
    EditFestival,
    AddJuror,
    Palette,
    Overview,
    Palmares,
    AwardStats,
    Finalize,
    Reopen,
    Rules,
    /// In a juror's record: recuse them from a film, with the reason.
    RecuseJuror,
    /// In a juror's record: a probable conflict is none, with the reason.
    ClearConflict,
    /// In a count: withdraw the category's recorded award, with the reason.
    WithdrawAward,
    /// Open the jury room for the selected category: secret ballot entry, one juror at a time.
    JuryRoom,
    /// The selected edition's printable documents (docs/printing.md).
    Print,
    /// Rate the selected submission in the open screening round, as the chosen screener.
    Rate,
    /// Rate as the round's next screener.
    SwitchScreener,
    /// The open screening round's progress, a bar per screener.
    ScreeningProgress,
    /// In the rating form: the criterion does not apply.
    NotApplicable,
    /// In the rating form: to the comment and back.
    RatingComment,
    /// The open screening round's leaderboard, with the cut line.
    Leaderboard,
    /// In the leaderboard: raw scores or z-normalised ones.
    Normalise,
    /// In the leaderboard: one more film passes the cut.
    CutMore,
    /// In the leaderboard: one film fewer passes the cut.
    CutFewer,
    /// In the leaderboard: cut at a top N or at a threshold.
    CutMode,
    /// In the leaderboard: close the round at the cut (asks first).
    CloseRound,
    /// Closing a round: the next status for the films that pass.
    PassStatus,
    /// Closing a round: the next status for the films that fail.
    FailStatus,
    /// A decimal point: a half (or tenth) score in the rating form, a threshold in the leaderboard.
    DecimalPoint,
}

/// Where an action applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The three panes.
    Browse,
    /// The welcome screen of an empty store.
    Welcome,
    /// A read-only popup over the panes (help, record).
    Popup,
    /// Ballot entry.
    Ballot,
    /// A list to choose from (nominate).
    Picker,
    /// A category's count.
    Tally,
    /// Typing a search in the submissions pane.
    Search,
    /// A yes/no question before something that cannot be taken back lightly.
    Confirm,
    /// The edition's palmarès, where what it says can be done (finalize, reopen, rules) is at hand.
    Palmares,
    /// Deciding an award from a count: typing a casting vote's number or a draw's seed, then the
    /// question before it is recorded.
    Award,
    /// A juror's record, where a conflict can be settled (recuse, or no conflict).
    JurorRecord,
    /// The jury room (issue 16): secret ballot entry, one juror at a time; nothing else is reachable.
    JuryRoom,
    /// A screener's rating form in the open screening round (issue 15).
    Rating,
    /// The open screening round's leaderboard (issue 15).
    Board,
    /// The question before a screening round is closed from the leaderboard.
    CloseRound,
}

/// A key press: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const fn plain(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn ch(c: char) -> Key {
    plain(KeyCode::Char(c))
}

/// One action's entry in the registry.
#[derive(Debug)]
pub struct ActionSpec {
    pub action: Action,
    /// The stable name, used by the palette and the settings file.
    pub name: &'static str,
    pub description: &'static str,
    pub keys: &'static [Key],
    pub contexts: &'static [Context],
    /// The word shown in the status bar, for the actions worth a hint.
    pub hint: Option<&'static str>,
}

use Context::{Ballot, Browse, Confirm, JurorRecord, Picker, Popup, Search, Tally, Welcome};

/// One row of the registry: (action, name, description, keys, contexts, hint).
const fn spec(
    action: Action,
    name: &'static str,
    description: &'static str,
    keys: &'static [Key],
    contexts: &'static [Context],
    hint: Option<&'static str>,
) -> ActionSpec {
    ActionSpec {
        action,
        name,
        description,
        keys,
        contexts,
        hint,
    }
}

const SHIFT_TAB: Key = Key {
    code: KeyCode::BackTab,
    modifiers: KeyModifiers::SHIFT,
};
const DIGITS: [Key; 10] = [
    ch('0'),
    ch('1'),
    ch('2'),
    ch('3'),
    ch('4'),
    ch('5'),
    ch('6'),
    ch('7'),
    ch('8'),
    ch('9'),
];

#[rustfmt::skip]
pub const ACTIONS: &[ActionSpec] = &[
    spec(Action::Help, "help", "Show every key and what it does", &[ch('?'), plain(KeyCode::F(1))], &[Browse, Welcome, Popup, Context::Palmares, JurorRecord], Some("help")),
    spec(Action::LoadDemo, "load-demo", "Load the demo festivals into this empty store", &[ch('d')], &[Welcome], Some("load demo")),
    spec(Action::Down, "down", "Move down one row", &[ch('j'), plain(KeyCode::Down)], &[Browse, Popup, Picker, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::Up, "up", "Move up one row", &[ch('k'), plain(KeyCode::Up)], &[Browse, Popup, Picker, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::Down, "ballot-down", "Highlight the next nominee", &[plain(KeyCode::Down)], &[Ballot], None),
    spec(Action::Up, "ballot-up", "Highlight the previous nominee", &[plain(KeyCode::Up)], &[Ballot], None),
    spec(Action::Down, "scroll-down", "Scroll the count down", &[ch('j'), plain(KeyCode::Down)], &[Tally], None),
    spec(Action::Up, "scroll-up", "Scroll the count up", &[ch('k'), plain(KeyCode::Up)], &[Tally], None),
    spec(Action::Top, "top", "Go to the first row", &[ch('g'), plain(KeyCode::Home)], &[Browse, Popup, Tally, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::Bottom, "bottom", "Go to the last row", &[ch('G'), plain(KeyCode::End)], &[Browse, Popup, Tally, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::PageDown, "page-down", "Move down one page", &[plain(KeyCode::PageDown)], &[Browse, Popup, Tally, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::PageUp, "page-up", "Move up one page", &[plain(KeyCode::PageUp)], &[Browse, Popup, Tally, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::HalfPageDown, "half-page-down", "Move down half a page", &[ctrl('d')], &[Browse, Popup, Tally, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::HalfPageUp, "half-page-up", "Move up half a page", &[ctrl('u')], &[Browse, Popup, Tally, Context::Palmares, JurorRecord, Context::Board], None),
    spec(Action::NextPane, "next-pane", "Focus the next pane", &[plain(KeyCode::Tab)], &[Browse], Some("pane")),
    spec(Action::PreviousPane, "previous-pane", "Focus the previous pane", &[plain(KeyCode::BackTab), SHIFT_TAB], &[Browse], None),
    spec(Action::FocusEditions, "focus-editions", "Focus the editions pane", &[ch('1')], &[Browse], None),
    spec(Action::FocusSubmissions, "focus-submissions", "Focus the submissions pane", &[ch('2')], &[Browse], None),
    spec(Action::FocusNominations, "focus-nominations", "Focus the nominations pane", &[ch('3')], &[Browse], None),
    spec(Action::Open, "open", "Open the selected record: a film, an edition, a juror (their conflicts, recusals and ballots)", &[plain(KeyCode::Enter)], &[Browse], Some("open")),
    spec(Action::Search, "search", "Search the focused pane as you type: editions by festival, code, place or year; categories, nominees and jurors by name; submissions also by field (director: country: status: section: year:)", &[ch('/')], &[Browse], Some("search")),
    spec(Action::SearchDone, "search-done", "Keep the search and go back to the list", &[plain(KeyCode::Enter)], &[Search], Some("done")),
    spec(Action::SearchClear, "search-clear", "Clear the search", &[plain(KeyCode::Esc)], &[Search], Some("clear")),
    spec(Action::SearchErase, "search-erase", "Erase the last character", &[plain(KeyCode::Backspace)], &[Search], None),
    spec(Action::SearchClear, "clear-search", "Clear the focused pane's search", &[plain(KeyCode::Esc)], &[Browse], None),
    spec(Action::SortNext, "sort", "Sort the submissions by the next column", &[ch('s')], &[Browse], Some("sort")),
    spec(Action::SortReverse, "sort-reverse", "Reverse the order", &[ch('S')], &[Browse], None),
    spec(Action::Undo, "undo", "Undo the latest change (it is logged, and can be seen with `jurydesk log`)", &[ch('u')], &[Browse], Some("undo")),
    spec(Action::ChangeStatus, "status", "Change the selected submission's status", &[ch('x')], &[Browse], Some("status")),
    spec(Action::Delete, "delete", "Delete the selected submission, edition, category (with its nominees), nominee or juror (asks first, names what goes; u undoes)", &[ch('d'), plain(KeyCode::Delete)], &[Browse], None),
    spec(Action::Confirm, "confirm", "Yes, do it", &[ch('y'), plain(KeyCode::Enter)], &[Confirm], Some("yes")),
    spec(Action::Cancel, "cancel", "No, leave it", &[ch('n'), plain(KeyCode::Esc)], &[Confirm], Some("no")),
    spec(Action::Add, "add", "Add a record to the focused pane: an edition, a submission, a category (a juror on the jury's rows)", &[ch('a')], &[Browse], Some("add")),
    spec(Action::Edit, "edit", "Edit the selected record: an edition, a submission, a category, a nominee or a juror", &[ch('e')], &[Browse], Some("edit")),
    spec(Action::AddFestival, "add-festival", "Add a festival (then its first edition)", &[ch('A')], &[Browse, Welcome], None),
    spec(Action::EditFestival, "edit-festival", "Edit the selected edition's festival", &[ch('E')], &[Browse], None),
    spec(Action::AddJuror, "add-juror", "Seat a juror in the selected edition", &[ch('J')], &[Browse], None),
    spec(Action::Overview, "overview", "The edition at a glance: by status, section and country, and over time", &[ch('o')], &[Browse], None),
    spec(Action::Print, "print", "Print the selected edition's ballot sheets, minutes or palmarès: HTML files written beside the store (the path is shown)", &[ch('p')], &[Browse], None),
    spec(Action::Palmares, "palmares", "The edition's palmarès: prizes in precedence order, who the cascade passed over, and every rule it breaks", &[ch('P')], &[Browse], None),
    spec(Action::AwardStats, "award-stats", "Award leaders of the selected edition's festival as a bar chart (press again: by film, person, country)", &[ch('W')], &[Browse, Popup, Context::Palmares], None),
    spec(Action::Finalize, "finalize", "Freeze the edition's palmarès: ballots, nominations, awards and jury refuse changes until reopened", &[ch('F')], &[Browse, Context::Palmares], None),
    spec(Action::Reopen, "reopen", "Reopen a finalized edition, with the reason (logged)", &[ch('R')], &[Browse, Context::Palmares], None),
    spec(Action::Rules, "rules", "Set the edition's palmarès rules: a preset (plain, cannes, berlinale, venice) or rule by rule", &[ch('L')], &[Browse, Context::Palmares], None),
    spec(Action::Palette, "palette", "Find any action by name (fuzzy) and run it", &[ch(':')], &[Browse, Welcome, Popup, Tally, Context::Palmares, JurorRecord], Some("palette")),
    spec(Action::Nominate, "nominate", "Nominate the selected submission in a category", &[ch('n')], &[Browse], Some("nominate")),
    spec(Action::EnterBallots, "ballot", "Enter the jury's ballots for the selected category", &[ch('b')], &[Browse], Some("ballot")),
    spec(Action::Tally, "tally", "Count the selected category's ballots", &[ch('t')], &[Browse], Some("tally")),
    spec(Action::JuryRoom, "jury-room", "Open the jury room for the selected category: each juror in turn enters their ballot in secret (a PIN first if they have one); no ballot, count or tally is shown until the secretary leaves", &[ch('B')], &[Browse], None),
    spec(Action::Save, "jury-room-go-on", "In the jury room: start the juror's turn, check their PIN, save their ballot (on disk at once), or leave once asked", &[plain(KeyCode::Enter)], &[Context::JuryRoom], Some("go on")),
    spec(Action::NextJuror, "jury-room-skip", "In the jury room, between turns: pass the keyboard to the next juror instead", &[plain(KeyCode::Tab)], &[Context::JuryRoom], Some("skip")),
    spec(Action::PreviousJuror, "jury-room-skip-back", "In the jury room, between turns: pass the keyboard to the previous juror instead", &[plain(KeyCode::BackTab), SHIFT_TAB], &[Context::JuryRoom], None),
    spec(Action::Digit, "jury-room-digit", "In the jury room: a digit of the PIN, or of the ballot (as in ballot entry)", &DIGITS, &[Context::JuryRoom], None),
    spec(Action::ScoreTen, "jury-room-ten", "In the jury room: score the highlighted nominee 10", &[ch('+')], &[Context::JuryRoom], None),
    spec(Action::PickHighlighted, "jury-room-pick", "In the jury room: rank or vote for the highlighted nominee", &[ch(' ')], &[Context::JuryRoom], None),
    spec(Action::Erase, "jury-room-erase", "In the jury room: erase the last digit of the PIN, or the last place, score or vote", &[plain(KeyCode::Backspace)], &[Context::JuryRoom], Some("erase")),
    spec(Action::Down, "jury-room-down", "In the jury room: highlight the next nominee", &[plain(KeyCode::Down)], &[Context::JuryRoom], None),
    spec(Action::Up, "jury-room-up", "In the jury room: highlight the previous nominee", &[plain(KeyCode::Up)], &[Context::JuryRoom], None),
    spec(Action::Confirm, "jury-room-leave", "In the jury room, once asked: yes, leave it (the count is shown again)", &[ch('y')], &[Context::JuryRoom], None),
    spec(Action::Cancel, "jury-room-stay", "In the jury room, once asked: no, stay", &[ch('n')], &[Context::JuryRoom], None),
    // Esc only, as in ballot entry: q is a letter a juror may hit by mistake.
    spec(Action::Back, "jury-room-back", "In the jury room: drop the ballot or PIN being typed and pass the keyboard back; between turns, leave the jury room (asks first: the count will be shown)", &[plain(KeyCode::Esc)], &[Context::JuryRoom], Some("back")),
    spec(Action::Digit, "ballot-digit", "Rank, score or vote: nominee number N (for scores, the digit is the score)", &DIGITS, &[Ballot], None),
    spec(Action::ScoreTen, "ballot-ten", "Score the highlighted nominee 10", &[ch('+')], &[Ballot], None),
    spec(Action::PickHighlighted, "ballot-pick", "Rank or vote for the highlighted nominee (or end a typed number)", &[ch(' ')], &[Ballot], Some("pick")),
    spec(Action::Erase, "ballot-erase", "Remove the last place, score or vote", &[plain(KeyCode::Backspace)], &[Ballot], Some("erase")),
    spec(Action::NextJuror, "next-juror", "Go to the next juror", &[plain(KeyCode::Tab)], &[Ballot], Some("juror")),
    spec(Action::PreviousJuror, "previous-juror", "Go to the previous juror", &[plain(KeyCode::BackTab), SHIFT_TAB], &[Ballot], None),
    spec(Action::Save, "save-ballot", "Save the ballot (on disk at once) and go to the next juror who has not voted", &[plain(KeyCode::Enter)], &[Ballot], Some("save")),
    spec(Action::RecordAward, "record-award", "Record the award as counted: asks first, naming the winner(s), the method and what settled any tie (a tie must be settled first, unless the prize may be shared)", &[ch('a')], &[Tally], Some("award")),
    spec(Action::CastingVote, "casting-vote", "Settle a standing tie by the president's casting vote: type the nominee's number, then confirm", &[ch('c')], &[Tally], Some("casting vote")),
    spec(Action::Draw, "draw", "Settle a standing tie by a seeded, reproducible draw: the seed is shown first (type one announced in the room over it), then confirm; the seed is recorded", &[ch('r')], &[Tally], Some("draw")),
    spec(Action::Revote, "revote", "Re-vote: open ballot entry for this category", &[ch('v')], &[Tally], Some("re-vote")),
    spec(Action::Confirm, "award-confirm", "Go on: from the number or the seed to the question, then record the award", &[plain(KeyCode::Enter), ch('y')], &[Context::Award], Some("yes")),
    spec(Action::Cancel, "award-cancel", "Leave it: nothing is recorded, back to the count", &[plain(KeyCode::Esc), ch('n')], &[Context::Award], Some("cancel")),
    spec(Action::Erase, "award-erase", "Erase the last digit typed", &[plain(KeyCode::Backspace)], &[Context::Award], Some("erase")),
    spec(Action::Digit, "casting-digit", "The casting vote's nominee number, or the draw's seed", &DIGITS, &[Context::Award], None),
    spec(Action::Choose, "choose", "Choose the highlighted row", &[plain(KeyCode::Enter)], &[Picker], Some("choose")),
    spec(Action::Back, "back", "Close the popup (q too: only on the main screen does q quit)", &[plain(KeyCode::Esc), ch('q')], &[Popup, Picker, Tally, Context::Palmares, JurorRecord], Some("close")),
    // Esc only: a stray q must not drop a ballot typed and not yet saved.
    spec(Action::Back, "leave-ballots", "Leave ballot entry (a ballot not yet saved is dropped)", &[plain(KeyCode::Esc)], &[Ballot], Some("close")),
    spec(Action::RecuseJuror, "recuse", "Recuse this juror from a film of the edition (pick the film, give the reason; logged, u undoes)", &[ch('r')], &[JurorRecord], Some("recuse")),
    spec(Action::ClearConflict, "clear-conflict", "Record that a probable conflict (the juror's name in a film's credits) is none, with the reason (logged, u undoes)", &[ch('c')], &[JurorRecord], Some("no conflict")),
    spec(Action::WithdrawAward, "withdraw-award", "Withdraw the category's recorded award, with the reason (logged): the one way to change its nominees, ballots or method again", &[ch('W')], &[Tally], None),
    spec(Action::Rate, "rate", "Rate the selected submission in the edition's open screening round, as the chosen screener (a key per criterion; Enter saves and goes to their next unrated film)", &[ch('r')], &[Browse], None),
    spec(Action::SwitchScreener, "switch-screener", "Rate as the open screening round's next screener", &[ch('w')], &[Browse], None),
    spec(Action::ScreeningProgress, "screening-progress", "The open screening round's progress: a bar per screener (rated of assigned, overdue) and the films seen by all their screeners", &[ch('%')], &[Browse], None),
    spec(Action::Digit, "rating-digit", "In the rating form: the digit is the highlighted criterion's score", &DIGITS, &[Context::Rating], None),
    spec(Action::DecimalPoint, "rating-point", "In the rating form: a point after a score, then its tenth (7 . 5 is 7.5), on a scale with half steps", &[ch('.'), ch(',')], &[Context::Rating], None),
    spec(Action::ScoreTen, "rating-top", "In the rating form: the top of the criterion's scale (10 on 1-10)", &[ch('+')], &[Context::Rating], None),
    spec(Action::NotApplicable, "rating-na", "In the rating form: the criterion does not apply (its weight goes to the others), where the form allows it", &[ch('-')], &[Context::Rating], Some("n/a")),
    spec(Action::Erase, "rating-erase", "In the rating form: take back the last mark (or the comment's last character)", &[plain(KeyCode::Backspace)], &[Context::Rating], Some("erase")),
    spec(Action::RatingComment, "rating-comment", "In the rating form: to the comment (any text) and back", &[plain(KeyCode::Tab)], &[Context::Rating], Some("comment")),
    spec(Action::Save, "save-rating", "Save the rating (on disk at once, as `screening rate`) and go to the screener's next unrated film", &[plain(KeyCode::Enter)], &[Context::Rating], Some("save")),
    spec(Action::Back, "leave-rating", "Close the rating form (a rating not yet saved is dropped)", &[plain(KeyCode::Esc)], &[Context::Rating], Some("close")),
    spec(Action::Leaderboard, "leaderboard", "The open screening round's leaderboard: best first, ties marked =, the cut line where a close would cut; close the round from it", &[ch('l')], &[Browse], None),
    spec(Action::Search, "board-search", "In the leaderboard: search as in the submissions pane (words, director: country: status: section: year:); Enter keeps it, Esc clears it", &[ch('/')], &[Context::Board], Some("search")),
    spec(Action::SortNext, "board-sort", "In the leaderboard: order by the next column (rank, then the submissions pane's columns)", &[ch('s')], &[Context::Board], Some("sort")),
    spec(Action::SortReverse, "board-sort-reverse", "In the leaderboard: reverse the order", &[ch('S')], &[Context::Board], None),
    spec(Action::Normalise, "board-normalise", "In the leaderboard: raw scores or z-normalised ones (per screener z-scores, averaged, rescaled)", &[ch('z')], &[Context::Board], Some("z-scores")),
    spec(Action::CutMore, "cut-more", "In the leaderboard: one more film passes (top N+1, or a threshold 0.1 lower)", &[ch('+')], &[Context::Board], Some("cut")),
    spec(Action::CutFewer, "cut-fewer", "In the leaderboard: one film fewer passes (top N-1, or a threshold 0.1 higher)", &[ch('-')], &[Context::Board], None),
    spec(Action::CutMode, "cut-mode", "In the leaderboard: cut at a top N or at a threshold score", &[ch('c')], &[Context::Board], Some("top/threshold")),
    spec(Action::Digit, "cut-digit", "In the leaderboard: type the cut (20 is the top 20; after c, 7.5 is a threshold)", &DIGITS, &[Context::Board], None),
    spec(Action::DecimalPoint, "cut-point", "In the leaderboard: the decimal point of a threshold being typed", &[ch('.'), ch(',')], &[Context::Board], None),
    spec(Action::Erase, "cut-erase", "In the leaderboard: erase the last character of the cut being typed", &[plain(KeyCode::Backspace)], &[Context::Board], None),
    spec(Action::CloseRound, "close-round", "In the leaderboard: close the round at the cut (asks first, with how many films go each way; one logged change, u undoes)", &[ch('C')], &[Context::Board], Some("close round")),
    spec(Action::Back, "leave-board", "Close the leaderboard (Esc clears a search first)", &[plain(KeyCode::Esc), ch('q')], &[Context::Board], Some("close")),
    spec(Action::Confirm, "close-round-yes", "Yes, close the round: the statuses change in one logged change (u undoes)", &[ch('y'), plain(KeyCode::Enter)], &[Context::CloseRound], Some("yes")),
    spec(Action::Cancel, "close-round-no", "No, leave the round open: back to the leaderboard", &[ch('n'), plain(KeyCode::Esc)], &[Context::CloseRound], Some("no")),
    spec(Action::PassStatus, "pass-status", "Closing a round: the next status for the films that pass", &[ch('p')], &[Context::CloseRound], Some("pass status")),
    spec(Action::FailStatus, "fail-status", "Closing a round: the next status for the films that fail", &[ch('f')], &[Context::CloseRound], Some("fail status")),
    spec(Action::Quit, "quit", "Quit jurydesk", &[ch('q'), ctrl('c')], &[Browse, Welcome], Some("quit")),
    spec(Action::Quit, "quit-now", "Quit jurydesk, even from a popup or a search", &[ctrl('c')], &[Search, Confirm, Popup, Picker, Tally, Context::Palmares, Context::Award, JurorRecord, Context::JuryRoom, Context::Rating, Context::Board, Context::CloseRound], None),
];

/// The action a key press means in `context`, if any.
pub fn action_for(event: KeyEvent, context: Context) -> Option<Action> {
    // Shifted letters arrive as their upper-case character; the SHIFT flag adds nothing for them.
    let modifiers = match event.code {
        KeyCode::Char(_) => event.modifiers - KeyModifiers::SHIFT,
        _ => event.modifiers,
    };
    ACTIONS
        .iter()
        .filter(|spec| spec.contexts.contains(&context))
        .find(|spec| {
            spec.keys
                .iter()
                .any(|key| key.code == event.code && key.modifiers == modifiers)
        })
        .map(|spec| spec.action)
}

/// How a key is written in the help and the status bar.
pub fn key_label(key: &Key) -> String {
    let name = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{name}")
    } else {
        name
    }
}

/// The keys of an action, written for people, without repeats (`j/↓`, `0-9`).
pub fn keys_label(spec: &ActionSpec) -> String {
    if spec.keys == DIGITS {
        return "0-9".into();
    }
    let mut labels: Vec<String> = Vec::new();
    for label in spec.keys.iter().map(key_label) {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join("/")
}

impl Context {
    /// Every context, in the order the help lists them.
    pub const ALL: [Context; 15] = [
        Context::Browse,
        Context::Search,
        Context::Confirm,
        Context::Ballot,
        Context::Tally,
        Context::Award,
        Context::Palmares,
        Context::JurorRecord,
        Context::JuryRoom,
        Context::Rating,
        Context::Board,
        Context::CloseRound,
        Context::Picker,
        Context::Popup,
        Context::Welcome,
    ];

    /// The help's heading for this context.
    pub fn title(self) -> &'static str {
        match self {
            Context::Browse => "In the panes",
            Context::Search => "Typing a search",
            Context::Confirm => "Answering a question",
            Context::Ballot => "Entering ballots",
            Context::Tally => "In a count",
            Context::Award => "Deciding an award (after a, c or r in a count)",
            Context::Palmares => "In the palmarès",
            Context::JurorRecord => "In a juror's record",
            Context::JuryRoom => "In the jury room (B on a category)",
            Context::Rating => "Rating a film (r in an open screening round)",
            Context::Board => "In the leaderboard (l in an open screening round)",
            Context::CloseRound => "Closing a screening round (C in the leaderboard)",
            Context::Picker => "Choosing from a list",
            Context::Popup => "In a record or this help",
            Context::Welcome => "On the welcome screen",
        }
    }
}

/// The status-bar hints for a context with the default keys, ordered by use (`hints::rank`).
pub fn hints(context: Context, focus: super::app::Pane) -> Vec<(String, &'static str)> {
    let mut specs: Vec<&ActionSpec> = ACTIONS
        .iter()
        .filter(|spec| spec.contexts.contains(&context) && spec.hint.is_some())
        .collect();
    specs.sort_by_key(|spec| super::hints::rank(spec.action, context, focus));
    specs
        .into_iter()
        .filter_map(|spec| Some((key_label(spec.keys.first()?), spec.hint?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn no_key_means_two_things_in_one_context() {
        for context in [
            Context::Browse,
            Context::Welcome,
            Context::Popup,
            Context::Ballot,
            Context::Picker,
            Context::Tally,
            Context::Award,
            Context::Palmares,
            Context::JurorRecord,
            Context::JuryRoom,
            Context::Rating,
            Context::Board,
            Context::CloseRound,
        ] {
            let mut seen = HashSet::new();
            for spec in ACTIONS.iter().filter(|s| s.contexts.contains(&context)) {
                for key in spec.keys {
                    assert!(
                        seen.insert((key.code, key.modifiers)),
                        "{} is bound twice in {context:?}",
                        key_label(key)
                    );
                }
            }
        }
    }

    #[test]
    fn names_are_unique_and_every_action_has_a_key() {
        let names: HashSet<&str> = ACTIONS.iter().map(|s| s.name).collect();
        assert_eq!(names.len(), ACTIONS.len());
        assert!(ACTIONS.iter().all(|s| !s.keys.is_empty()));
        // Ctrl-C always gets out, except in ballot entry where Esc closes the form first.
        assert!(
            ACTIONS
                .iter()
                .any(|s| s.action == Action::Quit && s.contexts.contains(&Context::Picker))
        );
    }

    #[test]
    fn keys_map_to_their_actions() {
        let browse = Context::Browse;
        assert_eq!(
            action_for(press(KeyCode::Char('j'), KeyModifiers::NONE), browse),
            Some(Action::Down)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('G'), KeyModifiers::SHIFT), browse),
            Some(Action::Bottom)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('d'), KeyModifiers::CONTROL), browse),
            Some(Action::HalfPageDown)
        );
        assert_eq!(
            action_for(press(KeyCode::BackTab, KeyModifiers::SHIFT), browse),
            Some(Action::PreviousPane)
        );
        assert_eq!(
            action_for(press(KeyCode::Char('d'), KeyModifiers::NONE), browse),
            Some(Action::Delete)
        );
        assert_eq!(
            action_for(
                press(KeyCode::Char('d'), KeyModifiers::NONE),
                Context::Welcome
            ),
            Some(Action::LoadDemo)
        );
    }
}
