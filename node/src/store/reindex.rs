//! Deriving every record's search terms again: the first migration of the
//! data directory (format 0 → 1, see `upgrade`). A node of an older version
//! stored records of kinds it did not interpret yet with no terms of their
//! own, so after an upgrade they would not be found by the searches that now
//! understand them; this writes the terms today's rules give.

use super::index::{NO_SLOT, SlotEntry, encode_terms};
use super::layout::{LIVE, LiveEntry, kind_of_live_key};
use super::{RecordStore, StoreError};

/// A live entry whose terms change: its key, slot, kind, old and new terms.
struct TermChange {
    key: Vec<u8>,
    value: Vec<u8>,
    slot: u32,
    kind: String,
    old: Vec<u8>,
    new: Vec<u8>,
    entry: SlotEntry,
}

impl RecordStore {
    /// Derives the terms of every live (not withdrawn) record again and
    /// rewrites the entries whose terms changed, in one write, then the
    /// index. Returns how many changed.
    pub fn reindex_terms(&self) -> Result<u64, StoreError> {
        self.refuse_writes_if_damaged()?;
        let mut index = self.write_index();
        let mut changes = Vec::new();
        for entry in self.records.scan_prefix([LIVE]) {
            let (key, value) = entry?;
            let live = LiveEntry::parse(&value)?;
            if live.slot == NO_SLOT {
                continue;
            }
            let Some(record) = self.get_by_hash(&live.hash)? else { continue };
            let new = encode_terms(&record);
            if new.as_slice() == live.terms {
                continue;
            }
            let value = LiveEntry { terms: &new, ..live }.to_bytes();
            changes.push(TermChange {
                kind: kind_of_live_key(&key)?.to_owned(),
                key: key.to_vec(),
                value,
                slot: live.slot,
                old: live.terms.to_vec(),
                new,
                entry: SlotEntry { ts: live.ts, hash: live.hash },
            });
        }
        let mut batch = sled::Batch::default();
        for change in &changes {
            batch.insert(change.key.as_slice(), change.value.as_slice());
        }
        self.records.apply_batch(batch)?;
        for change in &changes {
            index.remove(change.slot, &change.kind, &change.old);
            index.add(change.slot, &change.kind, &change.new, change.entry);
        }
        drop(index);
        self.flush()?;
        Ok(changes.len() as u64)
    }
}
