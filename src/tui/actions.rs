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
}

/// Where an action applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The three panes.
    Browse,
    /// The welcome screen of an empty store.
    Welcome,
    /// A popup over the panes (help, record).
    Popup,
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

use Context::{Browse, Popup, Welcome};

pub const ACTIONS: &[ActionSpec] = &[
    ActionSpec {
        action: Action::Help,
        name: "help",
        description: "Show every key and what it does",
        keys: &[ch('?'), plain(KeyCode::F(1))],
        contexts: &[Browse, Welcome, Popup],
        hint: Some("help"),
    },
    ActionSpec {
        action: Action::LoadDemo,
        name: "load-demo",
        description: "Load the demo festivals into this empty store",
        keys: &[ch('d')],
        contexts: &[Welcome],
        hint: Some("load demo"),
    },
    ActionSpec {
        action: Action::Down,
        name: "down",
        description: "Move down one row",
        keys: &[ch('j'), plain(KeyCode::Down)],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::Up,
        name: "up",
        description: "Move up one row",
        keys: &[ch('k'), plain(KeyCode::Up)],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::Top,
        name: "top",
        description: "Go to the first row",
        keys: &[ch('g'), plain(KeyCode::Home)],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::Bottom,
        name: "bottom",
        description: "Go to the last row",
        keys: &[ch('G'), plain(KeyCode::End)],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::PageDown,
        name: "page-down",
        description: "Move down one page",
        keys: &[plain(KeyCode::PageDown)],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::PageUp,
        name: "page-up",
        description: "Move up one page",
        keys: &[plain(KeyCode::PageUp)],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::HalfPageDown,
        name: "half-page-down",
        description: "Move down half a page",
        keys: &[ctrl('d')],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::HalfPageUp,
        name: "half-page-up",
        description: "Move up half a page",
        keys: &[ctrl('u')],
        contexts: &[Browse, Popup],
        hint: None,
    },
    ActionSpec {
        action: Action::NextPane,
        name: "next-pane",
        description: "Focus the next pane",
        keys: &[plain(KeyCode::Tab)],
        contexts: &[Browse],
        hint: Some("pane"),
    },
    ActionSpec {
        action: Action::PreviousPane,
        name: "previous-pane",
        description: "Focus the previous pane",
        keys: &[
            plain(KeyCode::BackTab),
            Key {
                code: KeyCode::BackTab,
                modifiers: KeyModifiers::SHIFT,
            },
        ],
        contexts: &[Browse],
        hint: None,
    },
    ActionSpec {
        action: Action::FocusEditions,
        name: "focus-editions",
        description: "Focus the editions pane",
        keys: &[ch('1')],
        contexts: &[Browse],
        hint: None,
    },
    ActionSpec {
        action: Action::FocusSubmissions,
        name: "focus-submissions",
        description: "Focus the submissions pane",
        keys: &[ch('2')],
        contexts: &[Browse],
        hint: None,
    },
    ActionSpec {
        action: Action::FocusNominations,
        name: "focus-nominations",
        description: "Focus the nominations pane",
        keys: &[ch('3')],
        contexts: &[Browse],
        hint: None,
    },
    ActionSpec {
        action: Action::Open,
        name: "open",
        description: "Open the selected record",
        keys: &[plain(KeyCode::Enter)],
        contexts: &[Browse],
        hint: Some("open"),
    },
    ActionSpec {
        action: Action::Back,
        name: "back",
        description: "Close the popup",
        keys: &[plain(KeyCode::Esc)],
        contexts: &[Popup],
        hint: Some("close"),
    },
    ActionSpec {
        action: Action::Quit,
        name: "quit",
        description: "Quit jurydesk",
        keys: &[ch('q'), ctrl('c')],
        contexts: &[Browse, Welcome, Popup],
        hint: Some("quit"),
    },
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

/// The keys of an action, written for people, without repeats (`j/↓`).
pub fn keys_label(spec: &ActionSpec) -> String {
    let mut labels: Vec<String> = Vec::new();
    for label in spec.keys.iter().map(key_label) {
        if !labels.contains(&label) {
            labels.push(label);
        }
    }
    labels.join("/")
}

/// The status-bar hints for a context: `?:help  Tab:pane  q:quit`.
pub fn hints(context: Context) -> Vec<(String, &'static str)> {
    ACTIONS
        .iter()
        .filter(|spec| spec.contexts.contains(&context))
        .filter_map(|spec| {
            let word = spec.hint?;
            Some((key_label(spec.keys.first()?), word))
        })
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
        for context in [Context::Browse, Context::Welcome, Context::Popup] {
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
            None
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
