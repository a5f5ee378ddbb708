//! What a backup takes from the store, and putting it into a fresh one.
//!
//! A backup holds the institution's own records (with whether they still
//! wait in the outbox), the address book and every private tree
//! (`private/mobility`, `private/credentials`, `private/letters`, and any a
//! later version adds) as raw entries. The network's public records of other
//! institutions are left out: catch-up sync fetches them again.
//!
//! [`RecordStore::backup_snapshot`] reads all of it while holding the
//! writers' lock of the records (no record insert can run meanwhile); the
//! caller holds the locks that serialise changes to threads and letters, so
//! the snapshot is one consistent moment of every tree.

use std::collections::HashMap;

use vetnet_protocol::{InstitutionId, ValidationContext, VerifiedRecord};

use super::layout::{BLOB, LIVE, LiveEntry, OUTBOX, prefixed};
use super::{RecordStore, StoreError};

/// Records put into the fresh store in one batch.
const RESTORE_BATCH: usize = 1_024;

/// One own record of a snapshot: its exact signed bytes, and whether no
/// peer had received it yet.
#[derive(Debug, Clone)]
pub struct SnapshotRecord {
    pub bytes: Vec<u8>,
    pub unsent: bool,
}

/// Raw entries of a sled tree, in key order.
pub type RawEntries = Vec<(Vec<u8>, Vec<u8>)>;

/// Everything of the store a backup keeps, read at one moment.
#[derive(Debug, Default)]
pub struct StoreSnapshot {
    /// Own records in key order.
    pub records: Vec<SnapshotRecord>,
    /// The address book, raw (peer id bytes, CBOR value).
    pub peers: RawEntries,
    /// Each private tree by its full name (`private/…`), raw entries in key order.
    pub private_trees: Vec<(String, RawEntries)>,
}

impl RecordStore {
    /// Reads what a backup keeps (see the module doc). Own records are those
    /// whose author is `own` or a key that rotated to it.
    pub fn backup_snapshot(&self, own: &InstitutionId) -> Result<StoreSnapshot, StoreError> {
        // Holding the read side of the writers' lock keeps every record
        // insert out until the snapshot is read; searches go on.
        let _writers = self.search_index();
        let mut snapshot = StoreSnapshot::default();
        let mut is_own: HashMap<[u8; 32], bool> = HashMap::new();
        for entry in self.records.scan_prefix([LIVE]) {
            let (key, value) = entry?;
            let Some(author) = key.get(1..33).and_then(|a| <[u8; 32]>::try_from(a).ok()) else { continue };
            let own_author = *is_own
                .entry(author)
                .or_insert_with(|| self.key_ledger().current_key(&InstitutionId::from_bytes(author)) == *own);
            if !own_author {
                continue;
            }
            let live = LiveEntry::parse(&value)?;
            let Some(bytes) = self.records.get(prefixed(BLOB, &live.hash.0))? else { continue };
            let unsent = self.records.contains_key(prefixed(OUTBOX, &live.hash.0))?;
            snapshot.records.push(SnapshotRecord { bytes: bytes.to_vec(), unsent });
        }
        for entry in self.peers.iter() {
            let (key, value) = entry?;
            snapshot.peers.push((key.to_vec(), value.to_vec()));
        }
        for name in self.db.tree_names() {
            let Ok(name) = String::from_utf8(name.to_vec()) else { continue };
            if !name.starts_with("private/") {
                continue;
            }
            let tree = self.db.open_tree(&name)?;
            let mut entries = Vec::new();
            for entry in tree.iter() {
                let (key, value) = entry?;
                entries.push((key.to_vec(), value.to_vec()));
            }
            snapshot.private_trees.push((name, entries));
        }
        Ok(snapshot)
    }

    /// Writes a snapshot into this (new, empty) store: each record is opened
    /// as a peer's would be (signature and rules, judged at `now`) and stored
    /// through the normal insert path, unsent ones queued in the outbox
    /// again; the address book and the private trees are copied as they
    /// were. Returns the records stored.
    pub fn restore_snapshot(&self, snapshot: &StoreSnapshot, now: u64) -> Result<u64, StoreError> {
        let network = self.network.clone();
        let ctx = ValidationContext { network: &network, now };
        let mut stored = 0u64;
        for part in snapshot.records.chunks(RESTORE_BATCH) {
            let mut sent = Vec::new();
            let mut unsent = Vec::new();
            for record in part {
                let opened = VerifiedRecord::open(&record.bytes, &ctx).map_err(StoreError::DamagedRecord)?;
                if record.unsent { unsent.push(opened) } else { sent.push(opened) }
            }
            for outcome in self.insert_batch(&sent)?.into_iter().chain(self.insert_own_batch(&unsent)?) {
                stored += u64::from(outcome.is_stored());
            }
        }
        let mut peers = sled::Batch::default();
        for (key, value) in &snapshot.peers {
            peers.insert(key.as_slice(), value.as_slice());
        }
        self.peers.apply_batch(peers)?;
        for (name, entries) in &snapshot.private_trees {
            let tree = self.db.open_tree(name)?;
            let mut batch = sled::Batch::default();
            for (key, value) in entries {
                batch.insert(key.as_slice(), value.as_slice());
            }
            tree.apply_batch(batch)?;
        }
        self.flush()?;
        Ok(stored)
    }
}
