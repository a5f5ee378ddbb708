//! The outbox: `O` entries name own records not yet handed to any peer, so
//! a record published while the node was alone is gossiped once a peer
//! joins the topic.

use vetnet_protocol::{RecordHash, VerifiedRecord};

use super::layout::{OUTBOX, corrupt, prefixed};
use super::{RecordStore, StoreError};

impl RecordStore {
    /// Own records waiting to be handed to a peer, in hash order.
    pub fn outbox(&self) -> Result<Vec<VerifiedRecord>, StoreError> {
        let mut records = Vec::new();
        for entry in self.records.scan_prefix([OUTBOX]) {
            let (key, _) = entry?;
            let hash = RecordHash(key.get(1..).and_then(|h| h.try_into().ok()).ok_or_else(|| corrupt("outbox"))?);
            match self.get_by_hash(&hash)? {
                Some(record) => records.push(record),
                None => {
                    self.records.remove(&key)?;
                }
            }
        }
        Ok(records)
    }

    pub fn outbox_remove(&self, hash: &RecordHash) -> Result<(), StoreError> {
        self.refuse_writes_if_damaged()?;
        self.records.remove(prefixed(OUTBOX, &hash.0))?;
        Ok(())
    }
}
