//! The audit log read once for `check`: the hash chain walked an entry at a time (`ChainWalk`), and
//! each record's latest after-value noted as it goes (`Latest`), so the log is never held whole.

use super::unreadable;
use crate::store::audit::{ChainError, ChainWalk, Sealed};
use crate::store::boundary::AtStore;
use crate::store::integrity::Latest;
use crate::store::{Store, keys};

/// What the log says.
pub(super) struct LogWalk {
    /// What the log says each record holds; `None` when an entry could not be read (then records
    /// cannot be judged against it, and that is among `problems`).
    pub latest: Option<Latest>,
    /// The verdict on the hash chain: the number of entries, or the first break; `None` when the
    /// log could not be read at all (already among `problems`).
    pub chain: Option<Result<u64, ChainError>>,
    pub problems: Vec<String>,
}

/// Reads the log once; `head` is the last entry the store recorded.
pub(super) fn walk(store: &Store, head: Option<(u64, [u8; 32])>) -> LogWalk {
    let mut walk = ChainWalk::default();
    let mut chain = None;
    let mut latest = Some(Latest::default());
    let mut problems = Vec::new();
    for item in store.db.scan_prefix([keys::LOG]) {
        let (key, value) = match item.at(&store.path) {
            Ok(item) => item,
            Err(e) => {
                let why = unreadable(e);
                problems.push(format!("audit log: {why}"));
                problems.push(format!("records against the audit log: {why}"));
                return LogWalk {
                    latest: None,
                    chain: None,
                    problems,
                };
            }
        };
        let seq = keys::trailing_id(&key).unwrap_or_default();
        let sealed = Sealed::decode(&value);
        if chain.is_none()
            && let Err(e) = walk.step_read(seq, sealed.as_ref())
        {
            chain = Some(Err(e));
        }
        match (&sealed, &mut latest) {
            (Ok(sealed), Some(latest)) => latest.add(sealed),
            (Err(e), Some(_)) => {
                problems.push(format!(
                    "records against the audit log: log entry {seq} cannot be read: {e}"
                ));
                latest = None;
            }
            (_, None) => {}
        }
    }
    LogWalk {
        latest,
        chain: Some(chain.unwrap_or_else(|| walk.end(head))),
        problems,
    }
}
