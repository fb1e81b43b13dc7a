//! Where jurydesk keeps things when it is not told: the store and the desk's settings file, in the
//! platform's data and config directories. Both faces and `main` ask here.

use std::path::PathBuf;

/// Where the store lives when neither `--db` nor `JURYDESK_DB` says: the platform data directory,
/// e.g. `~/.local/share/jurydesk/store` on Linux. `None` without a home directory.
pub fn default_store_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "jurydesk").map(|dirs| dirs.data_dir().join("store"))
}

/// The desk's settings file: `~/.config/jurydesk/settings.toml` on Linux (in the current directory
/// when there is no home directory).
pub fn settings_path() -> PathBuf {
    directories::ProjectDirs::from("", "", "jurydesk").map_or_else(
        || PathBuf::from("jurydesk-settings.toml"),
        |dirs| dirs.config_dir().join("settings.toml"),
    )
}
