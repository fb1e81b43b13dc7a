//! The backup file read as a stream (docs/formats.md#backups, BENCHMARKS.md#budgets): the document is
//! never held whole. Each record is read as a small JSON value, cleaned (`backup_text`), encoded and
//! handed on before the next is read; each log entry is read change by change into its stored form.
//! What is handed on is a `store::BackupItem`, to the store's restore, which reads the file more than
//! once (`BackupSource`).
//!
//! Every problem found is reported, each saying where in the document it is, as when the backup was
//! read whole; a file that is not JSON is named with its line and column.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::parse::{Visit, parse};
use crate::store::{BackupSource, Part, RestoreError};

/// A backup file, read from its start on every pass.
pub struct BackupReader {
    name: String,
    from: From,
    /// One line per text value cleaned, from the first pass that read the records.
    warnings: Option<Vec<String>>,
}

enum From {
    File(PathBuf),
    Spooled(Spool),
    Bytes(Vec<u8>),
}

/// A copy of a backup that came through a pipe, in the temporary directory, readable by this user
/// only (a backup holds ballots); removed when dropped.
struct Spool(PathBuf);

impl Spool {
    fn of(input: &mut impl Read) -> std::io::Result<Spool> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!(
            "jurydesk-backup-{}-{stamp}.json",
            std::process::id()
        ));
        let mut file = options.open(&path)?;
        let spool = Spool(path);
        std::io::copy(input, &mut file)?;
        Ok(spool)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Why a backup file cannot be opened for reading.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot read {name}: {source}")]
    Unreadable {
        name: String,
        source: std::io::Error,
    },
    #[error(
        "cannot read {name}: it is not a regular file, and copying it to a temporary file (to read it more than once) failed: {source}; save it to a file first"
    )]
    NotCopied {
        name: String,
        source: std::io::Error,
    },
}

impl BackupReader {
    /// The backup in the file at `path`. It is read more than once (checked whole, then written),
    /// so what is not a regular file (a pipe, `/dev/stdin`, `<(zcat …)`) is first copied to a
    /// private temporary file, removed when the reader is dropped.
    pub fn file(path: &Path) -> Result<BackupReader, OpenError> {
        let name = path.display().to_string();
        let cannot = |source| OpenError::Unreadable {
            name: name.clone(),
            source,
        };
        let metadata = std::fs::metadata(path).map_err(cannot)?;
        let from = if metadata.is_file() {
            From::File(path.to_path_buf())
        } else {
            let mut input = std::fs::File::open(path).map_err(cannot)?;
            From::Spooled(
                Spool::of(&mut input).map_err(|source| OpenError::NotCopied {
                    name: name.clone(),
                    source,
                })?,
            )
        };
        Ok(BackupReader {
            name,
            from,
            warnings: None,
        })
    }

    /// A backup held in memory, named `name` in messages.
    pub fn bytes(name: &str, bytes: Vec<u8>) -> BackupReader {
        BackupReader {
            name: name.to_string(),
            from: From::Bytes(bytes),
            warnings: None,
        }
    }

    /// One line per text value cleaned on the way in, naming the record and the field.
    pub fn warnings(&self) -> &[String] {
        self.warnings.as_deref().unwrap_or_default()
    }

    fn parse(&mut self, part: Part, visit: &mut Visit<'_>) -> Result<(), RestoreError> {
        let mut warnings = Vec::new();
        let keep_warnings = part.records() && self.warnings.is_none();
        let outcome = match &self.from {
            From::File(path) | From::Spooled(Spool(path)) => {
                let file = std::fs::File::open(path).map_err(|e| {
                    RestoreError::File(vec![format!("cannot read {}: {e}", self.name)])
                })?;
                let reader = std::io::BufReader::with_capacity(1 << 16, file);
                parse(&self.name, reader, part, &mut warnings, visit)
            }
            From::Bytes(bytes) => parse(&self.name, bytes.as_slice(), part, &mut warnings, visit),
        };
        if keep_warnings && outcome.is_ok() {
            self.warnings = Some(warnings);
        }
        outcome
    }
}

impl BackupSource for BackupReader {
    fn read(&mut self, part: Part, visit: &mut Visit<'_>) -> Result<(), RestoreError> {
        match self.parse(part, visit) {
            // A part alone showed a problem: read everything, so that every problem is said.
            Err(RestoreError::File(_)) if part != Part::All => {
                self.parse(Part::All, &mut |_| Ok(()))
            }
            outcome => outcome,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What reading `text` whole says is wrong with it (nothing for a sound backup).
    fn problems(text: &str) -> Vec<String> {
        let mut reader = BackupReader::bytes("b.json", text.as_bytes().to_vec());
        match reader.read(Part::All, &mut |_| Ok(())) {
            Ok(()) => Vec::new(),
            Err(RestoreError::File(problems)) => problems,
            Err(e) => vec![e.to_string()],
        }
    }

    #[test]
    fn every_problem_is_named_with_its_place() {
        let said = problems(
            r#"{"format": "jurydesk backup", "version": 1, "schema": 6,
                "counters": {"film": "x"},
                "records": {"film": [{"id": 1}], "nonsense": []},
                "log": [{"seq": 1}, 7]}"#,
        );
        assert_eq!(said.len(), 5, "{said:#?}");
        assert!(said[0].starts_with("b.json: counters.film:"), "{said:#?}");
        assert!(said[1].starts_with("b.json: records.film[0]:"), "{said:#?}");
        assert!(
            said[2].starts_with("b.json: records.nonsense:"),
            "{said:#?}"
        );
        assert_eq!(said[3], "b.json: log[0]: no \"at\"");
        assert_eq!(said[4], "b.json: log[1]: no \"at\"");
    }

    #[test]
    fn missing_parts_and_bad_json_are_said() {
        assert_eq!(
            problems(r#"{"format": "jurydesk backup", "version": 1, "schema": 6}"#),
            [
                "b.json: no \"counters\" object",
                "b.json: no \"records\" object",
                "b.json: no \"log\" array"
            ]
        );
        let said = problems("{\"format\": \"jurydesk backup\",\n  \"log\": [,]}");
        assert_eq!(said.len(), 1);
        assert!(said[0].starts_with("b.json:2:"), "{said:?}");
        assert!(problems("[1, 2]")[0].contains("not a jurydesk backup"));
    }

    #[test]
    fn a_backup_through_a_pipe_is_read_from_a_private_copy_removed_after() {
        let reader = BackupReader::file(Path::new("/dev/null")).unwrap();
        let From::Spooled(Spool(copy)) = &reader.from else {
            panic!("/dev/null is not a regular file: it is copied");
        };
        let copy = copy.clone();
        assert!(copy.exists());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&copy).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drop(reader);
        assert!(!copy.exists(), "the copy is removed");
    }
}
