//! The `:` command palette (README.md#the-desk): every action that applies where the secretary is,
//! found by its name or description (`rank`: the name typed first, scattered letters last) and
//! shown with its key, so an action can be run before its key is learnt, and its key learnt from
//! running it.

mod app;
mod rank;
pub mod view;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::actions::{ACTIONS, Action, ActionSpec, Context};

/// The palette's state: the query and the actions it matches, best first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// Where the palette was opened: only actions that apply there are offered.
    pub context: Context,
    pub query: String,
    /// Indices into `ACTIONS`, best match first.
    pub matches: Vec<usize>,
    /// The highlighted row of `matches`.
    pub cursor: usize,
}

/// What a key asks of the palette's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaletteSignal {
    Continue,
    /// Close the palette and apply this action as if its key had been pressed.
    Run(Action),
    Cancel,
}

/// Whether the palette offers an action in `context`. Digits are left out: they mean the number typed,
/// which a palette row cannot supply.
fn offered(spec: &ActionSpec, context: Context) -> bool {
    spec.contexts.contains(&context) && spec.action != Action::Digit
}

impl Palette {
    pub fn new(context: Context) -> Palette {
        let mut palette = Palette {
            context,
            query: String::new(),
            matches: Vec::new(),
            cursor: 0,
        };
        palette.refilter();
        palette
    }

    /// The highlighted action's registry entry.
    pub fn selected(&self) -> Option<&'static ActionSpec> {
        self.matches.get(self.cursor).and_then(|&i| ACTIONS.get(i))
    }

    pub fn handle_key(&mut self, key: KeyEvent) -> PaletteSignal {
        if key.kind == KeyEventKind::Release {
            return PaletteSignal::Continue;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Esc => return PaletteSignal::Cancel,
            KeyCode::Char('c') if ctrl => return PaletteSignal::Cancel,
            KeyCode::Enter => {
                return match self.selected() {
                    Some(spec) => PaletteSignal::Run(spec.action),
                    None => PaletteSignal::Continue,
                };
            }
            KeyCode::Up | KeyCode::BackTab => self.step(-1),
            KeyCode::Down | KeyCode::Tab => self.step(1),
            KeyCode::Char('p') if ctrl => self.step(-1),
            KeyCode::Char('n') if ctrl => self.step(1),
            KeyCode::PageUp => self.step(-10),
            KeyCode::PageDown => self.step(10),
            KeyCode::Char('u') if ctrl => {
                self.query.clear();
                self.refilter();
            }
            KeyCode::Backspace if self.query.pop().is_some() => self.refilter(),
            KeyCode::Char(c) if !ctrl && !alt && !c.is_control() => {
                self.query.push(c);
                self.refilter();
            }
            _ => {}
        }
        PaletteSignal::Continue
    }

    fn step(&mut self, by: isize) {
        let last = self.matches.len().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(by).min(last);
    }

    /// Recomputes the matches for the query. The registry is a few dozen entries, so this runs on
    /// every keystroke without a thought.
    fn refilter(&mut self) {
        let candidates = ACTIONS
            .iter()
            .enumerate()
            .filter(|(_, spec)| offered(spec, self.context));
        self.matches = rank::ranked(&self.query, candidates);
        self.cursor = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn typed(palette: &mut Palette, text: &str) {
        for c in text.chars() {
            assert_eq!(
                palette.handle_key(key(KeyCode::Char(c))),
                PaletteSignal::Continue
            );
        }
    }

    fn names(palette: &Palette) -> Vec<&'static str> {
        palette.matches.iter().map(|&i| ACTIONS[i].name).collect()
    }

    #[test]
    fn an_empty_query_offers_every_action_of_the_context_in_registry_order() {
        let palette = Palette::new(Context::Browse);
        let expected: Vec<&str> = ACTIONS
            .iter()
            .filter(|s| s.contexts.contains(&Context::Browse) && s.action != Action::Digit)
            .map(|s| s.name)
            .collect();
        assert_eq!(names(&palette), expected);
        assert!(
            !names(&palette).contains(&"save-ballot"),
            "not in the panes"
        );
        let ballot = Palette::new(Context::Ballot);
        assert!(names(&ballot).contains(&"save-ballot"));
        assert!(!names(&ballot).contains(&"ballot-digit"));
    }

    #[test]
    fn typing_filters_fuzzily_and_enter_runs_the_best_match() {
        let mut palette = Palette::new(Context::Browse);
        typed(&mut palette, "tly");
        assert_eq!(names(&palette).first(), Some(&"tally"));
        assert_eq!(
            palette.handle_key(key(KeyCode::Enter)),
            PaletteSignal::Run(Action::Tally)
        );
        // Descriptions are searched too.
        let mut palette = Palette::new(Context::Browse);
        typed(&mut palette, "every key");
        assert_eq!(names(&palette).first(), Some(&"help"));
        // Case does not matter.
        let mut palette = Palette::new(Context::Browse);
        typed(&mut palette, "QUIT");
        assert_eq!(names(&palette).first(), Some(&"quit"));
    }

    #[test]
    fn moving_stays_in_the_list_and_backspace_widens_it() {
        let mut palette = Palette::new(Context::Browse);
        let all = palette.matches.len();
        palette.handle_key(key(KeyCode::Up));
        assert_eq!(palette.cursor, 0);
        for _ in 0..all + 5 {
            palette.handle_key(key(KeyCode::Down));
        }
        assert_eq!(palette.cursor, all - 1);
        palette.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
        assert_eq!(palette.cursor, all - 2);
        palette.handle_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
        assert_eq!(palette.cursor, all - 1);
        typed(&mut palette, "pane");
        assert_eq!(palette.cursor, 0, "a new query starts at its best match");
        let narrowed = palette.matches.len();
        assert!(narrowed < all);
        palette.handle_key(key(KeyCode::Backspace));
        assert!(palette.matches.len() >= narrowed);
        palette.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
        assert_eq!(palette.query, "");
        assert_eq!(palette.matches.len(), all);
    }

    #[test]
    fn no_match_runs_nothing_and_esc_cancels() {
        let mut palette = Palette::new(Context::Welcome);
        typed(&mut palette, "zzzzqqq");
        assert!(palette.matches.is_empty());
        assert!(palette.selected().is_none());
        assert_eq!(
            palette.handle_key(key(KeyCode::Enter)),
            PaletteSignal::Continue
        );
        palette.handle_key(key(KeyCode::Down));
        assert_eq!(palette.cursor, 0);
        assert_eq!(palette.handle_key(key(KeyCode::Esc)), PaletteSignal::Cancel);
    }
}
