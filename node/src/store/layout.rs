//! The on-disk layout of the `records` tree: the one-byte prefixes, the
//! `L` value ([`LiveEntry`]) and the keys built from them, and the
//! conversion of a database written before the one-tree layout.

use vetnet_protocol::RecordHash;

use super::index::{Slot, terms_are_valid};
use super::{RecordStore, StoreError};

pub(super) const LIVE: u8 = b'L';
pub(super) const BLOB: u8 = b'B';
pub(super) const SYNC: u8 = b'S';
pub(super) const OUTBOX: u8 = b'O';
/// `M` + name: the store's own metadata. `Msearch-index` holds a snapshot of
/// the search index, written at a clean shutdown and removed when the store
/// opens, so it is only ever read back if no record changed since.
pub(super) const SEARCH_INDEX_SNAPSHOT: &[u8] = b"Msearch-index";

/// An `L` value.
pub(super) struct LiveEntry<'a> {
    pub(super) seq: u64,
    pub(super) ts: u64,
    pub(super) hash: RecordHash,
    pub(super) slot: Slot,
    pub(super) terms: &'a [u8],
}

impl<'a> LiveEntry<'a> {
    const FIXED: usize = 8 + 8 + 32 + 4;

    pub(super) fn parse(value: &'a [u8]) -> Result<Self, StoreError> {
        let (fixed, terms) = value.split_at_checked(Self::FIXED).ok_or_else(|| corrupt("live"))?;
        let (seq, rest) = fixed.split_at(8);
        let (ts, rest) = rest.split_at(8);
        let (hash, slot) = rest.split_at(32);
        if !terms_are_valid(terms) {
            return Err(corrupt("live"));
        }
        Ok(Self {
            seq: u64::from_be_bytes(seq.try_into().map_err(|_| corrupt("live"))?),
            ts: u64::from_be_bytes(ts.try_into().map_err(|_| corrupt("live"))?),
            hash: RecordHash(hash.try_into().map_err(|_| corrupt("live"))?),
            slot: Slot::from_be_bytes(slot.try_into().map_err(|_| corrupt("live"))?),
            terms,
        })
    }

    pub(super) fn to_bytes(&self) -> Vec<u8> {
        let mut value = Vec::with_capacity(Self::FIXED + self.terms.len());
        value.extend_from_slice(&self.seq.to_be_bytes());
        value.extend_from_slice(&self.ts.to_be_bytes());
        value.extend_from_slice(&self.hash.0);
        value.extend_from_slice(&self.slot.to_be_bytes());
        value.extend_from_slice(self.terms);
        value
    }
}

impl RecordStore {
    /// Converts a database written by vetnet before the one-tree layout
    /// (trees `live`, `blobs`, `outbox`, ...): its records are inserted anew,
    /// then the old trees are dropped. Safe to interrupt: it starts over.
    pub(super) fn convert_first_layout(&self) -> Result<(), StoreError> {
        const OLD_TREES: [&str; 6] = ["live", "blobs", "index", "counts", "outbox", "sync"];
        if !self.db.tree_names().iter().any(|name| name.as_ref() == b"live") {
            return Ok(());
        }
        let live = self.db.open_tree("live")?;
        let blobs = self.db.open_tree("blobs")?;
        let outbox = self.db.open_tree("outbox")?;
        tracing::info!(records = live.len(), "converting the record database to the current layout");
        let mut batch = Vec::new();
        for entry in live.iter() {
            let (_, value) = entry?;
            let hash = value.get(8..40).ok_or_else(|| corrupt("live"))?;
            if let Some(bytes) = blobs.get(hash)? {
                batch.push(self.decode(&bytes)?);
            }
            if batch.len() == 1_024 {
                self.insert_batch(&std::mem::take(&mut batch))?;
            }
        }
        self.insert_batch(&batch)?;
        for entry in outbox.iter() {
            let (hash, _) = entry?;
            if self.records.contains_key(prefixed(BLOB, &hash))? {
                self.records.insert(prefixed(OUTBOX, &hash), &[][..])?;
            }
        }
        self.flush()?;
        for name in OLD_TREES {
            self.db.drop_tree(name)?;
        }
        self.flush()
    }
}

/// The kind in an `L` key: `L` ‖ author (32 bytes) ‖ kind ‖ 0 ‖ id.
pub(super) fn kind_of_live_key(key: &[u8]) -> Result<&str, StoreError> {
    let rest = key.get(33..).ok_or_else(|| corrupt("live"))?;
    let end = rest.iter().position(|b| *b == 0).ok_or_else(|| corrupt("live"))?;
    std::str::from_utf8(&rest[..end]).map_err(|_| corrupt("live"))
}

/// `prefix` ‖ `key`.
pub(super) fn prefixed(prefix: u8, key: &[u8]) -> Vec<u8> {
    let mut prefixed = Vec::with_capacity(1 + key.len());
    prefixed.push(prefix);
    prefixed.extend_from_slice(key);
    prefixed
}

/// An `S` key: `S` ‖ ts (u64 BE) ‖ record hash.
pub(super) fn sync_key(ts: u64, hash: &RecordHash) -> Vec<u8> {
    let mut key = Vec::with_capacity(1 + 8 + 32);
    key.push(SYNC);
    key.extend_from_slice(&ts.to_be_bytes());
    key.extend_from_slice(&hash.0);
    key
}

/// The error for a stored entry of the wrong length.
pub(super) fn corrupt(what: &'static str) -> StoreError {
    StoreError::Corrupt { what }
}
