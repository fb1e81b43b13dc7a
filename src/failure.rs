//! How a command or the desk ends when it does not succeed: an exit code and a message for stderr
//! (docs/architecture.md#exit-codes: 0 success, 1 the operation failed, 2 wrong usage, 3 the store
//! is unavailable). Both faces end this way, so it belongs to neither.

use std::io;

use crate::desk::DeskError;

/// A command that did not succeed: the exit code and the message for stderr.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn failed(message: impl Into<String>) -> Self {
        Failure {
            code: 1,
            message: message.into(),
        }
    }
}

/// Wrong usage of the command line (exit 2).
pub fn usage(message: impl Into<String>) -> Failure {
    Failure {
        code: 2,
        message: message.into(),
    }
}

impl From<DeskError> for Failure {
    fn from(e: DeskError) -> Self {
        Failure {
            code: if e.is_store_unavailable() { 3 } else { 1 },
            message: e.to_string(),
        }
    }
}

impl From<crate::print::PrintError> for Failure {
    fn from(e: crate::print::PrintError) -> Self {
        match e {
            crate::print::PrintError::Desk(e) => e.into(),
            e => Failure::failed(e.to_string()),
        }
    }
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            // The reader went away (`| head`): not our failure.
            return Failure {
                code: 0,
                message: String::new(),
            };
        }
        Failure::failed(format!("cannot write output: {e}"))
    }
}
