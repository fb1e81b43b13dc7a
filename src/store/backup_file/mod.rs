//! The backup file (docs/formats.md#backups): one JSON document holding every record and the whole
//! audit log, written and read a record at a time. It lives in the store because it is the store's
//! own records in the store's own codec, checked against the store's own log; the faces reach it
//! through `desk`.

pub mod json;
mod parse;
mod read;
mod text;

pub(crate) use json::write_backup;
pub use json::{Contents, Items, Written, store_error_in, write_backup_to};
pub use read::{BackupReader, OpenError};
