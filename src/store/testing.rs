//! For tests only: a logged change that no way in would make (a ballot changed behind an award, text
//! that every form and import would have cleaned), so that the tests can check what `check`, the
//! count and the desk make of such a store. The faces never call this (`grep -rn "store::testing"
//! src` finds only this file); everything else writes through `desk/`.

use super::{Record, Result, Store, Tx};

/// The records of one such change, committed together as one audit log entry.
pub struct BehindTheDesk<'a> {
    tx: Tx<'a>,
}

impl BehindTheDesk<'_> {
    /// Writes `record` as it is, with none of the desk's rules.
    pub fn put<T: Record>(&mut self, record: &T) -> Result<()> {
        self.tx.put(record)
    }
}

/// Writes what `change` puts as one logged commit named `action`; its log entry number.
#[doc(hidden)]
pub fn write_behind_the_desk(
    store: &Store,
    action: &str,
    change: impl FnOnce(&mut BehindTheDesk<'_>) -> Result<()>,
) -> Result<Option<u64>> {
    let mut writer = BehindTheDesk { tx: store.begin() };
    change(&mut writer)?;
    writer.tx.commit(action)
}
