//! The status bar's key hints, ordered by use. At 80 columns eight or so fit, so the order decides
//! what a newcomer sees: help and the palette first (the palette reaches every other action by
//! name), then what a secretary does most in the focused pane — ballots and counts on the
//! nominations, search and status on the submissions — then the way out; the rest follow in the
//! registry's order for wider terminals. A hint that does not fit whole is left out, never cut.

use super::actions::{Action, Context};
use super::app::Pane;

/// Where `action`'s hint goes among those of `context` with `focus`: lower first.
pub fn rank(action: Action, context: Context, focus: Pane) -> usize {
    const FIRST: [Action; 2] = [Action::Help, Action::Palette];
    if let Some(place) = FIRST.iter().position(|a| *a == action) {
        return place;
    }
    if context != Context::Browse {
        // Popups, ballots and counts have a few hints: the way out comes next, as it always has.
        // Quitting (the welcome screen) waits behind what the screen offers: load the demo.
        return match action {
            Action::Back => FIRST.len(),
            Action::Quit => usize::MAX - 1,
            _ => usize::MAX - 2,
        };
    }
    let by_use: &[Action] = match focus {
        Pane::Editions => &[
            Action::Open,
            Action::Add,
            Action::Edit,
            Action::Search,
            Action::NextPane,
            Action::Undo,
        ],
        Pane::Submissions => &[
            Action::Search,
            Action::Open,
            Action::ChangeStatus,
            Action::Nominate,
            Action::SortNext,
            Action::Add,
            Action::Edit,
            Action::Undo,
            Action::NextPane,
        ],
        Pane::Nominations => &[
            Action::EnterBallots,
            Action::Tally,
            Action::Open,
            Action::Add,
            Action::Edit,
            Action::Search,
            Action::Undo,
            Action::NextPane,
        ],
    };
    match by_use.iter().position(|a| *a == action) {
        Some(place) => FIRST.len() + place,
        // q is on every screen and in the help: it goes after what the pane is for.
        None if action == Action::Quit => FIRST.len() + by_use.len(),
        None => usize::MAX,
    }
}

/// How many of `hints` (key, word) fit whole in `width` cells, each drawn ` key:word `.
pub fn fitting(hints: &[(String, &str)], width: usize) -> usize {
    let mut used = 0;
    hints
        .iter()
        .take_while(|(key, word)| {
            used += crate::text::width(key) + crate::text::width(word) + 3;
            used <= width
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::Keymap;

    fn line(focus: Pane, width: usize) -> String {
        let hints = Keymap::default().hints(Context::Browse, focus);
        let shown = fitting(&hints, width);
        hints[..shown]
            .iter()
            .map(|(key, word)| format!("{key}:{word}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn at_80_columns_each_pane_shows_the_palette_and_what_it_is_for() {
        // Before: `?:help q:quit Tab:pane Enter:open /:search s:sort u:undo x:status a:add` in every
        // pane — no palette, no ballot, no count.
        assert_eq!(
            line(Pane::Submissions, 80),
            "?:help ::palette /:search Enter:open x:status n:nominate s:sort a:add"
        );
        assert_eq!(
            line(Pane::Nominations, 80),
            "?:help ::palette b:ballot t:tally Enter:open a:add e:edit /:search"
        );
        assert_eq!(
            line(Pane::Editions, 80),
            "?:help ::palette Enter:open a:add e:edit /:search Tab:pane u:undo"
        );
    }

    #[test]
    fn a_wide_terminal_shows_every_hint_and_a_narrow_one_no_half_hint() {
        let all = Keymap::default().hints(Context::Browse, Pane::Submissions);
        assert_eq!(fitting(&all, 400), all.len());
        assert!(line(Pane::Submissions, 400).ends_with("q:quit b:ballot t:tally"));
        assert_eq!(line(Pane::Submissions, 20), "?:help ::palette");
        assert_eq!(fitting(&all, 3), 0);
    }

    #[test]
    fn outside_the_panes_the_way_out_comes_first() {
        let hints = Keymap::default().hints(Context::Popup, Pane::Nominations);
        let words: Vec<&str> = hints.iter().map(|(_, word)| *word).collect();
        assert_eq!(words[..3], ["help", "palette", "close"]);
        let ballot = Keymap::default().hints(Context::Ballot, Pane::Nominations);
        assert_eq!(ballot[0].1, "close", "{ballot:?}");
        let welcome = Keymap::default().hints(Context::Welcome, Pane::Editions);
        let words: Vec<&str> = welcome.iter().map(|(_, word)| *word).collect();
        assert_eq!(words, ["help", "palette", "load demo", "quit"]);
    }
}
