//! The keymap actually in force: the registry's default keys (`actions::ACTIONS`) with the settings
//! file's rebindings laid over them. The help, the hints and the palette read keys from here, so a
//! rebound key is shown where the old one was.
//!
//! Key strings (`j`, `G`, `ctrl-d`, `f1`, `shift-tab`, `pgdn`, `space`) are parsed and written here
//! too, so the settings file and `jurydesk config` spell keys one way.

use std::collections::BTreeMap;
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::actions::{ACTIONS, Action, ActionSpec, Context, Key, key_label};
use super::app::Pane;
use super::hints;

/// One registry entry with the keys it has now.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Binding {
    /// Index into `ACTIONS`.
    index: usize,
    keys: Vec<Key>,
}

impl Binding {
    fn spec(&self) -> &'static ActionSpec {
        &ACTIONS[self.index]
    }
}

/// Keys to actions, per context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<Binding>,
}

/// Why a set of rebindings cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeymapError {
    /// No action has this name.
    UnknownAction(String),
    /// The action takes its key from what was typed (a nominee's number) and cannot be rebound.
    Fixed(&'static str),
    /// Two actions would answer the same key in one context.
    Conflict {
        key: String,
        context: Context,
        first: &'static str,
        second: &'static str,
    },
}

impl KeymapError {
    /// The action names the error is about, to find their lines in the settings file.
    pub fn actions(&self) -> Vec<&str> {
        match self {
            KeymapError::UnknownAction(name) => vec![name.as_str()],
            KeymapError::Fixed(name) => vec![name],
            KeymapError::Conflict { first, second, .. } => vec![first, second],
        }
    }
}

impl fmt::Display for KeymapError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeymapError::UnknownAction(name) => write!(
                f,
                "no action is named '{name}' (`jurydesk config` lists them all)"
            ),
            KeymapError::Fixed(name) => write!(
                f,
                "'{name}' takes the digit that was typed and cannot be rebound"
            ),
            KeymapError::Conflict {
                key,
                context,
                first,
                second,
            } => write!(
                f,
                "{key} would mean both '{first}' and '{second}' ({}); give one of them another key",
                context.title().to_lowercase()
            ),
        }
    }
}

/// Whether an action's keys come from what was typed (the digits of a ballot or a casting vote).
fn is_fixed(spec: &ActionSpec) -> bool {
    spec.action == Action::Digit
}

/// The form a key is compared in: a shifted letter arrives as its capital, so SHIFT adds nothing to a
/// character; Shift-Tab arrives as BackTab with or without SHIFT depending on the terminal.
fn normal(code: KeyCode, modifiers: KeyModifiers) -> Key {
    let modifiers = match code {
        KeyCode::Char(_) | KeyCode::BackTab => modifiers - KeyModifiers::SHIFT,
        _ => modifiers,
    };
    Key { code, modifiers }
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap {
            bindings: ACTIONS
                .iter()
                .enumerate()
                .map(|(index, spec)| Binding {
                    index,
                    keys: dedup(spec.keys.iter().map(|k| normal(k.code, k.modifiers))),
                })
                .collect(),
        }
    }
}

fn dedup(keys: impl Iterator<Item = Key>) -> Vec<Key> {
    let mut out: Vec<Key> = Vec::new();
    for key in keys {
        if !out.contains(&key) {
            out.push(key);
        }
    }
    out
}

impl Keymap {
    /// The registry with `overrides` (action name → keys) laid over it: an override replaces all of
    /// that action's default keys. Refused when a name is unknown or a key would mean two things in
    /// one context.
    pub fn new(overrides: &BTreeMap<String, Vec<Key>>) -> Result<Keymap, KeymapError> {
        let mut keymap = Keymap::default();
        for (name, keys) in overrides {
            let binding = keymap
                .bindings
                .iter_mut()
                .find(|b| b.spec().name == name)
                .ok_or_else(|| KeymapError::UnknownAction(name.clone()))?;
            if is_fixed(binding.spec()) {
                return Err(KeymapError::Fixed(binding.spec().name));
            }
            binding.keys = dedup(keys.iter().map(|k| normal(k.code, k.modifiers)));
        }
        keymap.check()?;
        Ok(keymap)
    }

    fn check(&self) -> Result<(), KeymapError> {
        for context in Context::ALL {
            let mut seen: Vec<(Key, &'static str)> = Vec::new();
            for binding in self.in_context(context) {
                for key in &binding.keys {
                    if let Some((_, first)) = seen.iter().find(|(k, _)| k == key) {
                        return Err(KeymapError::Conflict {
                            key: key_string(key),
                            context,
                            first,
                            second: binding.spec().name,
                        });
                    }
                    seen.push((*key, binding.spec().name));
                }
            }
        }
        Ok(())
    }

    fn in_context(&self, context: Context) -> impl Iterator<Item = &Binding> {
        self.bindings
            .iter()
            .filter(move |b| b.spec().contexts.contains(&context))
    }

    /// The action a key press means in `context`, if any.
    pub fn action_for(&self, key: KeyEvent, context: Context) -> Option<Action> {
        let pressed = normal(key.code, key.modifiers);
        self.in_context(context)
            .find(|b| b.keys.contains(&pressed))
            .map(|b| b.spec().action)
    }

    /// The keys of the action named `action_name` (empty for an unknown name).
    pub fn keys_of(&self, action_name: &str) -> Vec<Key> {
        self.bindings
            .iter()
            .find(|b| b.spec().name == action_name)
            .map(|b| b.keys.clone())
            .unwrap_or_default()
    }

    /// The first key of an action written for people (`a`, `Ctrl-e`), for a sentence that tells
    /// the secretary what to press; "?" when the settings file left the action without a key.
    pub fn first_key_label(&self, action_name: &str) -> String {
        self.keys_of(action_name)
            .first()
            .map_or_else(|| "?".to_string(), key_label)
    }

    /// The keys of an action written for people (`j/↓`, `0-9`), as `actions::keys_label` writes the
    /// defaults.
    pub fn keys_label(&self, action_name: &str) -> String {
        let keys = self.keys_of(action_name);
        let spec = ACTIONS.iter().find(|s| s.name == action_name);
        if spec.is_some_and(is_fixed) {
            return "0-9".into();
        }
        dedup_labels(keys.iter().map(key_label)).join("/")
    }

    /// The status-bar hints for a context with the keys in force, ordered by use (`hints::rank`):
    /// help and the palette first, then what the focused pane is for.
    pub fn hints(&self, context: Context, focus: Pane) -> Vec<(String, &'static str)> {
        let mut bindings: Vec<&Binding> = self
            .in_context(context)
            .filter(|b| b.spec().hint.is_some())
            .collect();
        bindings.sort_by_key(|b| hints::rank(b.spec().action, context, focus));
        bindings
            .into_iter()
            .filter_map(|b| Some((key_label(b.keys.first()?), b.spec().hint?)))
            .collect()
    }
}

fn dedup_labels(labels: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for label in labels {
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// The words a settings file may use for keys that are not a character.
const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("return", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("escape", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("del", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pageup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

/// A key a settings file names that jurydesk cannot read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error(
        "'{0}' is not a key: write a character (j, G, ?) or ctrl-x, alt-x, f1…f24, enter, esc, tab, \
         shift-tab, backspace, delete, up, down, left, right, home, end, pgup, pgdn, space"
    )]
    Unknown(String),
    /// A value in a list of keys that is not text (a number, a table…).
    #[error("{0} is not a key: write keys in quotes")]
    NotText(String),
    /// A value that is neither a key nor a list of keys.
    #[error("{0} is not a list of keys: write e.g. [\"q\", \"ctrl-c\"]")]
    NotAList(String),
}

/// Parses a key as a settings file writes it: `j`, `G`, `?`, `ctrl-d`, `alt-x`, `f1`, `enter`, `esc`,
/// `tab`, `shift-tab`, `pgdn`, `space`. Modifier and key names ignore case; a single character does
/// not (`g` and `G` are two keys).
pub fn parse_key(text: &str) -> Result<Key, KeyError> {
    let mut rest = text.trim();
    let mut modifiers = KeyModifiers::NONE;
    loop {
        let lower = rest.to_ascii_lowercase();
        let found = [
            ("ctrl-", KeyModifiers::CONTROL),
            ("control-", KeyModifiers::CONTROL),
            ("alt-", KeyModifiers::ALT),
            ("shift-", KeyModifiers::SHIFT),
        ]
        .into_iter()
        .find(|(prefix, _)| lower.starts_with(prefix) && rest.len() > prefix.len());
        match found {
            Some((prefix, modifier)) => {
                modifiers |= modifier;
                rest = &rest[prefix.len()..];
            }
            None => break,
        }
    }
    let shift = modifiers.contains(KeyModifiers::SHIFT);
    let lower = rest.to_ascii_lowercase();
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() && c != ' ' => {
            if shift {
                KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
            } else if modifiers.contains(KeyModifiers::CONTROL) {
                // Ctrl with a capital is what terminals send for Ctrl with the letter.
                KeyCode::Char(c.to_ascii_lowercase())
            } else {
                KeyCode::Char(c)
            }
        }
        _ if lower == "tab" && shift => KeyCode::BackTab,
        _ => match NAMED.iter().find(|(name, _)| *name == lower) {
            Some((_, code)) => *code,
            None => match lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                Some(n) if (1..=24).contains(&n) => KeyCode::F(n),
                _ => return Err(KeyError::Unknown(text.to_string())),
            },
        },
    };
    Ok(normal(code, modifiers))
}

/// A key as a settings file writes it; `parse_key` reads it back.
pub fn key_string(key: &Key) -> String {
    let name = match key.code {
        KeyCode::BackTab => "tab".to_string(),
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        code => NAMED.iter().find(|(_, c)| *c == code).map_or_else(
            || format!("{code:?}").to_lowercase(),
            |(name, _)| name.to_string(),
        ),
    };
    let mut out = String::new();
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    if key.modifiers.contains(KeyModifiers::SHIFT) || key.code == KeyCode::BackTab {
        out.push_str("shift-");
    }
    out.push_str(&name);
    out
}

/// The key with a Persian or Arabic-Indic digit (`۲`, `٢`) read as the ASCII one: a Persian or Arabic
/// keyboard types those for 2 (docs/text.md#digits), and the keymap, ballots and PINs know only
/// `0`–`9`.
pub fn with_ascii_digits(key: KeyEvent) -> KeyEvent {
    match key.code {
        KeyCode::Char(c) => KeyEvent {
            code: KeyCode::Char(crate::text::digits::ascii_digit(c)),
            ..key
        },
        _ => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn overrides(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<Key>> {
        pairs
            .iter()
            .map(|(name, keys)| {
                let keys = keys.iter().map(|k| parse_key(k).expect("a key")).collect();
                (name.to_string(), keys)
            })
            .collect()
    }

    #[test]
    fn the_default_keymap_agrees_with_the_registry() {
        let keymap = Keymap::default();
        for context in Context::ALL {
            for spec in ACTIONS.iter().filter(|s| s.contexts.contains(&context)) {
                for key in spec.keys {
                    let event = press(key.code, key.modifiers);
                    assert_eq!(
                        keymap.action_for(event, context),
                        crate::tui::actions::action_for(event, context),
                        "{} in {context:?}",
                        key_label(key)
                    );
                }
            }
            for focus in [Pane::Editions, Pane::Submissions, Pane::Nominations] {
                assert_eq!(
                    keymap.hints(context, focus),
                    crate::tui::actions::hints(context, focus)
                );
            }
        }
        assert_eq!(keymap.keys_label("down"), "j/↓");
        assert_eq!(keymap.keys_label("ballot-digit"), "0-9");
        assert_eq!(keymap.keys_label("previous-pane"), "Shift-Tab");
        assert!(keymap.keys_of("no-such-action").is_empty());
    }

    #[test]
    fn an_override_replaces_the_default_keys() {
        let keymap = Keymap::new(&overrides(&[("quit", &["ctrl-q"]), ("help", &["h", "f1"])]))
            .expect("no conflict");
        let browse = Context::Browse;
        assert_eq!(
            keymap.action_for(press(KeyCode::Char('q'), KeyModifiers::CONTROL), browse),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action_for(press(KeyCode::Char('q'), KeyModifiers::NONE), browse),
            None
        );
        assert_eq!(
            keymap.action_for(press(KeyCode::Char('h'), KeyModifiers::NONE), browse),
            Some(Action::Help)
        );
        assert_eq!(keymap.keys_label("quit"), "Ctrl-q");
        assert_eq!(
            keymap.hints(browse, Pane::Submissions)[0],
            ("h".to_string(), "help")
        );
        // Shift-Tab matches however the terminal reports it.
        assert_eq!(
            keymap.action_for(press(KeyCode::BackTab, KeyModifiers::SHIFT), browse),
            Some(Action::PreviousPane)
        );
        assert_eq!(
            keymap.action_for(press(KeyCode::Char('G'), KeyModifiers::SHIFT), browse),
            Some(Action::Bottom)
        );
    }

    #[test]
    fn a_key_bound_twice_in_one_context_names_both_actions() {
        let err = Keymap::new(&overrides(&[("quit", &["j"])])).expect_err("j is down");
        let text = err.to_string();
        assert!(text.contains("'down'") && text.contains("'quit'"), "{text}");
        assert!(text.starts_with("j would mean both"), "{text}");
        // The same key in two contexts that never meet is fine: `a` adds in a count, here it saves.
        assert!(Keymap::new(&overrides(&[("save-ballot", &["a"])])).is_ok());
        assert!(matches!(
            Keymap::new(&overrides(&[("qiut", &["x"])])),
            Err(KeymapError::UnknownAction(_))
        ));
        assert!(matches!(
            Keymap::new(&overrides(&[("ballot-digit", &["x"])])),
            Err(KeymapError::Fixed(_))
        ));
    }

    #[test]
    fn key_strings_read_and_write_the_same_keys() {
        let cases = [
            ("j", KeyCode::Char('j'), KeyModifiers::NONE),
            ("G", KeyCode::Char('G'), KeyModifiers::NONE),
            ("shift-g", KeyCode::Char('G'), KeyModifiers::NONE),
            ("ctrl-d", KeyCode::Char('d'), KeyModifiers::CONTROL),
            ("Ctrl-D", KeyCode::Char('d'), KeyModifiers::CONTROL),
            ("alt-x", KeyCode::Char('x'), KeyModifiers::ALT),
            ("f1", KeyCode::F(1), KeyModifiers::NONE),
            ("F12", KeyCode::F(12), KeyModifiers::NONE),
            ("enter", KeyCode::Enter, KeyModifiers::NONE),
            ("esc", KeyCode::Esc, KeyModifiers::NONE),
            ("tab", KeyCode::Tab, KeyModifiers::NONE),
            ("shift-tab", KeyCode::BackTab, KeyModifiers::NONE),
            ("pgdn", KeyCode::PageDown, KeyModifiers::NONE),
            ("space", KeyCode::Char(' '), KeyModifiers::NONE),
            ("?", KeyCode::Char('?'), KeyModifiers::NONE),
            ("-", KeyCode::Char('-'), KeyModifiers::NONE),
            ("ctrl--", KeyCode::Char('-'), KeyModifiers::CONTROL),
            ("ک", KeyCode::Char('ک'), KeyModifiers::NONE),
        ];
        for (text, code, modifiers) in cases {
            let key = parse_key(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(key, Key { code, modifiers }, "{text}");
            assert_eq!(parse_key(&key_string(&key)), Ok(key), "{text} round trip");
        }
        for bad in ["", "ctrl-", "f0", "f25", "hyper-x", "jj", "ctrl-pgdnx"] {
            assert!(parse_key(bad).is_err(), "{bad:?} should be refused");
        }
        for spec in ACTIONS {
            for key in spec.keys {
                let key = normal(key.code, key.modifiers);
                assert_eq!(parse_key(&key_string(&key)), Ok(key));
            }
        }
    }
}
