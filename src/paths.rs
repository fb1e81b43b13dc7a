//! Where jurydesk keeps things when it is not told: the store, the desk's settings file and what the
//! desk remembers between runs, in the platform's data, config and state directories. Both faces
//! and `main` ask here.

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

/// Where the desk keeps what it remembers between runs (the edition last on screen): the platform's
/// state directory, e.g. `~/.local/state/jurydesk` on Linux, or its local data directory where the
/// platform has no state directory (the current directory without a home).
pub fn desk_state_dir() -> PathBuf {
    directories::ProjectDirs::from("", "", "jurydesk").map_or_else(
        || PathBuf::from("."),
        |dirs| {
            dirs.state_dir()
                .unwrap_or_else(|| dirs.data_local_dir())
                .to_path_buf()
        },
    )
}
