//! The optional settings file (README.md#settings, docs/text.md) in the platform config directory: key
//! rebindings by action name, three colours, and who reorders right-to-left text. A missing file
//! means the defaults; a bad one is refused with the line and the key to fix, never half-applied,
//! so the desk never runs with a keymap the secretary did not mean.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;
use toml::Spanned;

use super::actions::{ACTIONS, Action, Key};
use super::keymap::{KeyError, Keymap, KeymapError, key_string, parse_key};

/// Who turns right-to-left text (Persian, Arabic) into display order (docs/text.md#right-to-left).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RtlMode {
    /// The terminal does it (VTE-based terminals, Konsole, mlterm): jurydesk sends text in logical
    /// order. The default, because reordering twice garbles the text, and text in logical order
    /// stays right when copied.
    #[default]
    Terminal,
    /// jurydesk reorders each line before drawing it, for terminals that draw everything left to
    /// right.
    Jurydesk,
}

impl RtlMode {
    pub fn as_str(self) -> &'static str {
        match self {
            RtlMode::Terminal => "terminal",
            RtlMode::Jurydesk => "jurydesk",
        }
    }
}

/// The colours the desk draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colours {
    /// Keys, headings and pane borders in focus.
    pub accent: Color,
    /// The background of the selected row.
    pub selection: Color,
    /// Messages that need attention, and popup borders.
    pub warning: Color,
}

impl Default for Colours {
    fn default() -> Self {
        use crate::tui::view::theme;
        Colours {
            accent: theme::ACCENT,
            selection: theme::SELECTION,
            warning: theme::WARNING,
        }
    }
}

/// Everything the settings file can change.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    /// The rebindings as written (action name → keys); `keymap` already has them applied.
    pub keys: BTreeMap<String, Vec<Key>>,
    pub keymap: Keymap,
    pub colours: Colours,
    pub rtl: RtlMode,
}

/// The file as written, with where each value stands so that errors can name the line.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSettings {
    rtl: Option<Spanned<String>>,
    #[serde(alias = "colors")]
    colours: Option<RawColours>,
    keys: Option<BTreeMap<String, Spanned<toml::Value>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColours {
    accent: Option<Spanned<String>>,
    selection: Option<Spanned<String>>,
    warning: Option<Spanned<String>>,
}

/// Where the settings file is looked for: `settings.toml` in the platform config directory (e.g.
/// `~/.config/jurydesk/settings.toml` on Linux).
pub fn default_path() -> PathBuf {
    crate::paths::settings_path()
}

/// What `jurydesk config` says: a note for stderr on where the settings file is (or would be), and
/// for stdout every setting with its default, ready to copy into that file.
pub fn describe() -> (String, String) {
    let path = default_path();
    let state = if path.exists() {
        "exists"
    } else {
        "not created yet; these are the defaults"
    };
    (
        format!("settings file: {} ({state})", path.display()),
        defaults_toml(),
    )
}

/// Why the settings file cannot be used; each says where in the file, and what to write instead.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("cannot read the settings file {}: {source}", .path.display())]
    Unreadable {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// Not TOML, or a setting of the wrong shape.
    #[error("{place}: {message}")]
    Toml { place: String, message: String },
    #[error(
        "{place}: rtl = \"{value}\": write \"terminal\" (the terminal reorders right-to-left text) or \"jurydesk\""
    )]
    Rtl { place: String, value: String },
    #[error(
        "{place}: [colours] {name} = \"{value}\": write a colour name (red, light-blue, dark-gray…), a number 0-255 or #rrggbb"
    )]
    Colour {
        place: String,
        name: &'static str,
        value: String,
    },
    #[error("{place}: [keys] {name}: {source}")]
    Key {
        place: String,
        name: String,
        source: KeyError,
    },
    /// Keys that clash, or an action the desk does not have.
    #[error("{place}: [keys] {error}")]
    Keymap { place: String, error: KeymapError },
}

impl Settings {
    /// Reads the settings at `path`; a missing file gives the defaults.
    pub fn load(path: &Path) -> Result<Settings, SettingsError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Settings::parse(&text, &path.display().to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Settings::default()),
            Err(source) => Err(SettingsError::Unreadable {
                path: path.to_path_buf(),
                source,
            }),
        }
    }

    /// Parses the text of a settings file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Settings, SettingsError> {
        let at = |span: std::ops::Range<usize>| {
            let line = text
                .get(..span.start)
                .map_or(1, |before| before.matches('\n').count() + 1);
            format!("{origin}, line {line}")
        };
        let raw: RawSettings = toml::from_str(text).map_err(|e| SettingsError::Toml {
            place: e.span().map_or_else(|| origin.to_string(), &at),
            message: e.message().trim_end().to_string(),
        })?;
        let mut settings = Settings::default();
        if let Some(rtl) = raw.rtl {
            settings.rtl = match rtl.get_ref().trim() {
                "terminal" => RtlMode::Terminal,
                "jurydesk" => RtlMode::Jurydesk,
                other => {
                    return Err(SettingsError::Rtl {
                        place: at(rtl.span()),
                        value: other.to_string(),
                    });
                }
            };
        }
        let colours = raw.colours.unwrap_or_default();
        for (name, raw, slot) in [
            ("accent", colours.accent, &mut settings.colours.accent),
            (
                "selection",
                colours.selection,
                &mut settings.colours.selection,
            ),
            ("warning", colours.warning, &mut settings.colours.warning),
        ] {
            if let Some(raw) = raw {
                *slot = raw
                    .get_ref()
                    .parse::<Color>()
                    .map_err(|_| SettingsError::Colour {
                        place: at(raw.span()),
                        name,
                        value: raw.get_ref().clone(),
                    })?;
            }
        }
        let raw_keys = raw.keys.unwrap_or_default();
        for (name, value) in &raw_keys {
            let keys = key_list(value.get_ref()).map_err(|source| SettingsError::Key {
                place: at(value.span()),
                name: name.clone(),
                source,
            })?;
            settings.keys.insert(name.clone(), keys);
        }
        settings.keymap = Keymap::new(&settings.keys).map_err(|error| {
            let place = error
                .actions()
                .iter()
                .rev()
                .find_map(|name| raw_keys.get(*name))
                .map_or_else(|| origin.to_string(), |v| at(v.span()));
            SettingsError::Keymap { place, error }
        })?;
        Ok(settings)
    }
}

/// `"q"` or `["q", "ctrl-c"]`.
fn key_list(value: &toml::Value) -> Result<Vec<Key>, KeyError> {
    match value {
        toml::Value::String(one) => Ok(vec![parse_key(one)?]),
        toml::Value::Array(many) => many
            .iter()
            .map(|v| match v {
                toml::Value::String(s) => parse_key(s),
                other => Err(KeyError::NotText(other.to_string())),
            })
            .collect(),
        other => Err(KeyError::NotAList(other.to_string())),
    }
}

/// The whole default settings file, generated from the action registry, for `jurydesk config` to print
/// and the secretary to copy and change.
pub fn defaults_toml() -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    let colours = Colours::default();
    let colour = |c: Color| c.to_string().to_lowercase();
    let mut out = format!(
        "# jurydesk settings. Put this file at {path}\n\
         # and keep only what you change: anything left out keeps its default.\n\
         \n\
         # Who reorders right-to-left text (Persian, Arabic) for display: \"terminal\" if your terminal\n\
         # does it (GNOME Terminal and other VTE terminals, Konsole, mlterm), \"jurydesk\" if it shows such\n\
         # titles with their letters in the wrong order.\n\
         rtl = {rtl}\n\
         \n\
         [colours]\n\
         # A colour name (black, red, green, yellow, blue, magenta, cyan, gray, dark-gray, light-red…,\n\
         # white), a terminal colour number 0-255, or #rrggbb.\n\
         accent = {accent}\n\
         selection = {selection}\n\
         warning = {warning}\n\
         \n\
         [keys]\n\
         # The keys of each action, by its name. Naming an action replaces all of its default keys; a key\n\
         # may mean only one action wherever it applies. Keys: a character (j, G, ?), ctrl-x, alt-x,\n\
         # f1…f24, enter, esc, tab, shift-tab, backspace, delete, up, down, left, right, home, end,\n\
         # pgup, pgdn, space. The digits of ballots and casting votes cannot be rebound.\n",
        path = default_path().display(),
        rtl = quote(RtlMode::default().as_str()),
        accent = quote(&colour(colours.accent)),
        selection = quote(&colour(colours.selection)),
        warning = quote(&colour(colours.warning)),
    );
    for spec in ACTIONS.iter().filter(|s| s.action != Action::Digit) {
        let places: Vec<String> = spec
            .contexts
            .iter()
            .map(|c| c.title().to_lowercase())
            .collect();
        let keys = Keymap::default()
            .keys_of(spec.name)
            .iter()
            .map(|k| quote(&key_string(k)))
            .collect::<Vec<_>>()
            .join(", ");
        out.push_str(&format!(
            "\n# {} ({})\n{} = [{keys}]\n",
            spec.description,
            places.join("; "),
            spec.name
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use crate::tui::actions::Context;

    fn parse(text: &str) -> Result<Settings, String> {
        Settings::parse(text, "settings.toml").map_err(|e| e.to_string())
    }

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let text = defaults_toml();
        let settings = parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(settings.keymap, Keymap::default());
        assert_eq!(settings.colours, Colours::default());
        assert_eq!(settings.rtl, RtlMode::Terminal);
        assert!(text.contains("quit = [\"q\", \"ctrl-c\"]"), "{text}");
        assert!(text.contains("previous-pane = [\"shift-tab\"]"), "{text}");
        assert!(!text.contains("ballot-digit"));
        for spec in ACTIONS.iter().filter(|s| s.action != Action::Digit) {
            assert!(
                text.contains(&format!("\n{} = [", spec.name)),
                "{}",
                spec.name
            );
        }
    }

    #[test]
    fn an_empty_or_missing_file_is_the_defaults() {
        assert_eq!(parse(""), Ok(Settings::default()));
        let dir = tempfile::tempdir().expect("a directory");
        assert_eq!(
            Settings::load(&dir.path().join("settings.toml")).ok(),
            Some(Settings::default())
        );
    }

    #[test]
    fn keys_colours_and_rtl_are_read() {
        let settings = parse(
            "rtl = \"jurydesk\"\n\
             [colors]\n\
             accent = \"light-magenta\"\n\
             warning = \"#ff8800\"\n\
             [keys]\n\
             quit = \"ctrl-q\"\n\
             help = [\"h\", \"f1\"]\n",
        )
        .expect("valid");
        assert_eq!(settings.rtl, RtlMode::Jurydesk);
        assert_eq!(settings.colours.accent, Color::LightMagenta);
        assert_eq!(settings.colours.warning, Color::Rgb(0xff, 0x88, 0));
        assert_eq!(settings.colours.selection, Colours::default().selection);
        let ctrl_q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(
            settings.keymap.action_for(ctrl_q, Context::Browse),
            Some(Action::Quit)
        );
        assert_eq!(settings.keys["help"].len(), 2);
    }

    #[test]
    fn a_bad_file_names_the_line_and_the_key() {
        let cases = [
            ("rtl = \"both\"", "settings.toml, line 1: rtl = \"both\""),
            (
                "\n\n[keys]\nquit = [\"ctrl-\"]",
                "settings.toml, line 4: [keys] quit: 'ctrl-' is not a key",
            ),
            (
                "[keys]\nquit = 3",
                "settings.toml, line 2: [keys] quit: 3 is not a list of keys",
            ),
            (
                "[keys]\nquit = [3]",
                "settings.toml, line 2: [keys] quit: 3 is not a key",
            ),
            (
                "[keys]\nhelp = [\"?\"]\nquit = [\"j\"]",
                "settings.toml, line 3: [keys] j would mean both 'down' and 'quit'",
            ),
            (
                "[keys]\nqiut = [\"x\"]",
                "settings.toml, line 2: [keys] no action is named 'qiut'",
            ),
            (
                "[colours]\naccent = \"mauve\"",
                "settings.toml, line 2: [colours] accent = \"mauve\"",
            ),
            (
                "[colours]\nbackground = \"red\"",
                "settings.toml, line 2: unknown field `background`",
            ),
            ("[keys\nquit = 1", "settings.toml, line 1: "),
            ("theme = 1", "settings.toml, line 1: unknown field `theme`"),
        ];
        for (text, expected) in cases {
            let err = parse(text).expect_err(text);
            assert!(err.starts_with(expected), "{text:?} gave {err:?}");
        }
    }

    #[test]
    fn an_unreadable_file_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().expect("a directory");
        let path = dir.path().join("settings.toml");
        std::fs::write(&path, b"rtl = \"\xff\"").expect("written");
        assert!(Settings::load(&path).is_err());
        // A directory where the file should be.
        assert!(Settings::load(dir.path()).is_err());
        assert!(default_path().ends_with("settings.toml"));
    }
}
