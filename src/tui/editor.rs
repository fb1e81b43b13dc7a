//! Long text (synopsis, notes) in the secretary's own editor (README.md#the-desk "Editing"): a form
//! field is fine for a title, not for three paragraphs. The caller suspends the desk's terminal around
//! the call (leave the alternate screen and raw mode, then restore them), because the editor needs
//! it whole.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// Writes `initial` to a private temporary file, runs `$VISUAL`, else `$EDITOR`, else `vi` on it with
/// the inherited terminal, and returns what was saved. An editor that exits with an error (`:cq` in
/// vi) means "abandon": the caller keeps the old text.
pub fn edit_in_editor(initial: &str) -> io::Result<String> {
    edit_with(&editor_command(), initial)
}

/// The editor a user has chosen, as git chooses it.
fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .into_iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs `editor` (a command line, possibly with arguments, e.g. `code --wait`) on a file holding
/// `initial`.
fn edit_with(editor: &str, initial: &str) -> io::Result<String> {
    let file = TempFile::create(initial)?;
    let status = command(editor, &file.path).status().map_err(|e| {
        io::Error::new(e.kind(), format!("cannot start the editor '{editor}': {e}"))
    })?;
    if !status.success() {
        return Err(io::Error::other(format!(
            "the editor '{editor}' exited with {status}; the text is unchanged"
        )));
    }
    let bytes = fs::read(&file.path)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        io::Error::new(
            io::ErrorKind::InvalidData,
            "the editor saved text that is not UTF-8; the text is unchanged",
        )
    })?;
    // Editors end a file with a line break; the field did not have one.
    let text = text.replace("\r\n", "\n");
    Ok(text.strip_suffix('\n').unwrap_or(&text).to_string())
}

/// The editor's command line goes through the shell, as git does, so `EDITOR="emacs -nw"` works;
/// the file's path is passed as an argument, never spliced into the command text.
#[cfg(unix)]
fn command(editor: &str, path: &Path) -> Command {
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg(editor)
        .arg(path);
    command
}

#[cfg(not(unix))]
fn command(editor: &str, path: &Path) -> Command {
    let mut words = editor.split_whitespace();
    let mut command = Command::new(words.next().unwrap_or("notepad"));
    command.args(words).arg(path);
    command
}

/// A file only this user can read (a synopsis under embargo is nobody else's business), removed
/// when dropped.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn create(initial: &str) -> io::Result<TempFile> {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir();
        for _ in 0..100 {
            let n = COUNTER.fetch_add(1, Ordering::Relaxed);
            let path = dir.join(format!("jurydesk-{}-{n}.txt", std::process::id()));
            match open_new(&path) {
                Ok(mut file) => {
                    let temp = TempFile { path };
                    file.write_all(initial.as_bytes())?;
                    if !initial.is_empty() && !initial.ends_with('\n') {
                        file.write_all(b"\n")?;
                    }
                    file.sync_all()?;
                    return Ok(temp);
                }
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
                Err(e) => return Err(e),
            }
        }
        Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("cannot create a temporary file in {}", dir.display()),
        ))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

fn open_new(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn the_editor_changes_the_text() {
        let edited = edit_with("sed -i s/old/new/", "an old synopsis\nsecond line")
            .expect("sed edits the file");
        assert_eq!(edited, "an new synopsis\nsecond line");
    }

    #[test]
    fn an_editor_with_arguments_and_an_untouched_file() {
        assert_eq!(edit_with("true --wait", "kept").expect("ran"), "kept");
        assert_eq!(edit_with("true", "").expect("ran"), "");
        assert_eq!(edit_with("true", "ends\n").expect("ran"), "ends");
    }

    #[test]
    fn a_failing_or_missing_editor_is_an_error() {
        assert!(edit_with("false", "text").is_err());
        assert!(edit_with("no-such-editor-jurydesk", "text").is_err());
    }

    #[test]
    fn the_file_is_private_and_removed_afterwards() {
        use std::os::unix::fs::PermissionsExt;
        let file = TempFile::create("secret").expect("created");
        let mode = fs::metadata(&file.path)
            .expect("exists")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read it");
        let path = file.path.clone();
        drop(file);
        assert!(!path.exists());
    }

    #[test]
    fn what_the_editor_saves_must_be_utf8() {
        let result = edit_with("printf '\\377' >", "x");
        assert!(result.is_err());
    }
}
