//! The record store: every live record of the network, on sled.
//!
//! Trees (all updated in one transaction per insert):
//! - `live`:  record key (author ‖ kind ‖ 0 ‖ id) → seq (u64 BE) ‖ record hash.
//!   Only the newest version of a key is kept; a withdrawal stays as a
//!   tombstone so an older version can never come back.
//! - `blobs`: record hash → the exact signed bytes.
//! - `index`: `kind 0 field 0 value 0 record-key` → empty, for search.
//!   Withdrawn records have no index entries.
//! - `counts`: kind → number of live, not withdrawn records.
//! - `outbox`: record hash → empty: own records not yet handed to any peer.
//! - `peers`: peer id bytes → CBOR `[last_seen, [multiaddr text, ...]]`: the
//!   address book, so a restarted node can rejoin without its bootstrap list.
//! - `sync`:  ts (u64 BE) ‖ record hash → empty: the hashes of the live
//!   versions (tombstones too) in the order catch-up sync reconciles them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};
use vetnet_protocol::{Content, InstitutionId, RecordHash, RecordKey, RecordKind, VerifiedRecord};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the record database failed: {0}")]
    Sled(#[from] sled::Error),
    #[error("the record database holds a damaged entry: {0}")]
    Corrupt(String),
}

impl From<TransactionError<StoreError>> for StoreError {
    fn from(e: TransactionError<StoreError>) -> Self {
        match e {
            TransactionError::Abort(e) => e,
            TransactionError::Storage(e) => StoreError::Sled(e),
        }
    }
}

/// What happened to a record offered to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// First version of this key held here.
    New,
    /// Replaced an older version.
    Replaced { previous_seq: u64 },
    /// This node holds a newer version (or a different record with the same seq).
    Stale { held_seq: u64 },
    /// This exact record is already held.
    Duplicate,
}

impl InsertOutcome {
    /// Did the store change (so the record should travel on)?
    pub fn is_stored(self) -> bool {
        matches!(self, InsertOutcome::New | InsertOutcome::Replaced { .. })
    }
}

/// How long [`RecordStore::open`] waits for sled's file lock to be released
/// by a handle closed a moment before.
pub const SLED_LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// A cloneable handle to the node's records. sled allows one open handle per
/// path, so the node opens it once and clones this.
#[derive(Clone)]
pub struct RecordStore {
    db: sled::Db,
    live: sled::Tree,
    blobs: sled::Tree,
    index: sled::Tree,
    counts: sled::Tree,
    outbox: sled::Tree,
    sync: sled::Tree,
    peers: sled::Tree,
    /// The network name, to decode stored records.
    network: Arc<str>,
    /// Bumped after every change to the live set, so caches of it (the sync
    /// index) know when to rebuild.
    generation: Arc<AtomicU64>,
}

impl RecordStore {
    /// Opens (or creates) the store. `cache_bytes` bounds sled's page cache,
    /// whose default (1 GiB) is far more than a school server should give.
    ///
    /// The caller must hold the data directory's `node.lock`, so no other node
    /// uses `path`. sled's own file lock can still be held for a moment by the
    /// background flusher of a handle just closed in this process (sled does
    /// not join that thread on drop), so opening waits up to
    /// [`SLED_LOCK_WAIT`] for it instead of failing.
    pub fn open(path: &Path, network: &str, cache_bytes: u64) -> Result<Self, StoreError> {
        let config = sled::Config::new().path(path).cache_capacity(cache_bytes);
        let deadline = std::time::Instant::now() + SLED_LOCK_WAIT;
        let db = loop {
            match config.open() {
                // sled reports a held lock as a plain `Other` error whose
                // text names it (sled 0.34 `Config::open`).
                Err(sled::Error::Io(e)) if e.to_string().starts_with("could not acquire lock") => {
                    if std::time::Instant::now() >= deadline {
                        return Err(StoreError::Sled(sled::Error::Io(e)));
                    }
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => break other?,
            }
        };
        Ok(Self {
            live: db.open_tree("live")?,
            blobs: db.open_tree("blobs")?,
            index: db.open_tree("index")?,
            counts: db.open_tree("counts")?,
            outbox: db.open_tree("outbox")?,
            sync: db.open_tree("sync")?,
            peers: db.open_tree("peers")?,
            db,
            network: network.into(),
            generation: Arc::new(AtomicU64::new(0)),
        })
    }

    /// Changes to the live set since the store was opened.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The live set in sync order: (`ts`, record hash), ascending.
    pub fn sync_items(&self) -> impl Iterator<Item = Result<(u64, RecordHash), StoreError>> + '_ {
        self.sync.iter().map(|entry| {
            let (key, _) = entry?;
            let (ts, hash) = key.split_at_checked(8).ok_or_else(|| corrupt("sync"))?;
            let ts = u64::from_be_bytes(ts.try_into().map_err(|_| corrupt("sync"))?);
            Ok((ts, RecordHash(hash.try_into().map_err(|_| corrupt("sync"))?)))
        })
    }

    /// Number of live versions held (tombstones included).
    pub fn live_len(&self) -> usize {
        self.live.len()
    }

    /// Writes everything to disk. Called before telling an admin a publish
    /// succeeded: sled on its own syncs only every 500 ms.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// Stores `record` if it is newer than what is held for its key.
    pub fn insert(&self, record: &VerifiedRecord) -> Result<InsertOutcome, StoreError> {
        self.insert_with_outbox(record, false)
    }

    /// Like [`RecordStore::insert`]; with `outbox`, also queues the record for
    /// gossip in the same transaction, so a stored own record is never
    /// forgotten by the gossip layer.
    pub fn insert_with_outbox(&self, record: &VerifiedRecord, outbox: bool) -> Result<InsertOutcome, StoreError> {
        Ok(self.insert_all(std::slice::from_ref(record), outbox)?[0])
    }

    /// Stores a batch of records in one transaction (much cheaper per record
    /// than one transaction each: sync stores what it fetches this way). Each
    /// record is judged as if inserted alone, in order.
    pub fn insert_batch(&self, records: &[VerifiedRecord]) -> Result<Vec<InsertOutcome>, StoreError> {
        self.insert_all(records, false)
    }

    fn insert_all(&self, records: &[VerifiedRecord], outbox: bool) -> Result<Vec<InsertOutcome>, StoreError> {
        let prepared: Vec<PreparedInsert> = records.iter().map(PreparedInsert::new).collect();
        let trees = (&self.live, &self.blobs, &self.index, &self.counts, &self.outbox, &self.sync);
        let outcomes = trees.transaction(|trees| {
            prepared.iter().map(|insert| insert.apply(trees, outbox, &self.network)).collect::<Result<Vec<_>, _>>()
        })?;
        if outcomes.iter().any(|o| o.is_stored()) {
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
        Ok(outcomes)
    }

    /// The newest version held for `key`, withdrawn or not.
    pub fn get(&self, key: &RecordKey) -> Result<Option<VerifiedRecord>, StoreError> {
        self.get_by_key_bytes(&key.to_bytes())
    }

    /// The seq of the newest version held for `key`.
    pub fn seq_of(&self, key: &RecordKey) -> Result<Option<u64>, StoreError> {
        match self.live.get(key.to_bytes())? {
            Some(value) => Ok(Some(parse_live(&value)?.0)),
            None => Ok(None),
        }
    }

    /// The exact signed bytes of a held record, without decoding them.
    pub fn bytes_by_hash(&self, hash: &RecordHash) -> Result<Option<sled::IVec>, StoreError> {
        Ok(self.blobs.get(hash.0)?)
    }

    pub fn get_by_hash(&self, hash: &RecordHash) -> Result<Option<VerifiedRecord>, StoreError> {
        match self.blobs.get(hash.0)? {
            Some(bytes) => self.decode(&bytes).map(Some),
            None => Ok(None),
        }
    }

    /// Every record (withdrawn ones too) of `author` and `kind`, by id.
    pub fn by_author(&self, author: &InstitutionId, kind: &RecordKind) -> Result<Vec<VerifiedRecord>, StoreError> {
        let mut prefix = author.as_bytes().to_vec();
        prefix.extend_from_slice(kind.as_str().as_bytes());
        prefix.push(0);
        let mut records = Vec::new();
        for entry in self.live.scan_prefix(&prefix) {
            let (_, value) = entry?;
            let (_, hash) = parse_live(&value)?;
            if let Some(record) = self.get_by_hash(&hash)? {
                records.push(record);
            }
        }
        Ok(records)
    }

    /// The keys of live records of `kind` whose indexed `field` has `value`.
    pub fn index_lookup(&self, kind: &str, field: &str, value: &str) -> Result<BTreeSet<Vec<u8>>, StoreError> {
        let prefix = index_prefix(kind, field, value);
        let mut keys = BTreeSet::new();
        for entry in self.index.scan_prefix(&prefix) {
            let (index_key, _) = entry?;
            keys.insert(index_key[prefix.len()..].to_vec());
        }
        Ok(keys)
    }

    /// Every live, not withdrawn record of `kind`, as record keys.
    pub fn all_of_kind(&self, kind: &str) -> Result<BTreeSet<Vec<u8>>, StoreError> {
        self.index_lookup(kind, ALL_FIELD, "")
    }

    /// The newest version held for a key given as bytes.
    pub fn get_by_key_bytes(&self, key: &[u8]) -> Result<Option<VerifiedRecord>, StoreError> {
        match self.live.get(key)? {
            Some(value) => self.get_by_hash(&parse_live(&value)?.1),
            None => Ok(None),
        }
    }

    /// Live, not withdrawn records per kind.
    pub fn counts(&self) -> Result<BTreeMap<String, u64>, StoreError> {
        let mut counts = BTreeMap::new();
        for entry in self.counts.iter() {
            let (kind, value) = entry?;
            let count = u64::from_be_bytes(value.as_ref().try_into().map_err(|_| corrupt("count"))?);
            counts.insert(String::from_utf8_lossy(&kind).into_owned(), count);
        }
        Ok(counts)
    }

    /// Own records waiting to be handed to a peer, oldest first by hash order.
    pub fn outbox(&self) -> Result<Vec<VerifiedRecord>, StoreError> {
        let mut records = Vec::new();
        for entry in self.outbox.iter() {
            let (hash, _) = entry?;
            let hash = RecordHash(hash.as_ref().try_into().map_err(|_| corrupt("outbox"))?);
            match self.get_by_hash(&hash)? {
                Some(record) => records.push(record),
                None => {
                    self.outbox.remove(hash.0)?;
                }
            }
        }
        Ok(records)
    }

    pub fn outbox_remove(&self, hash: &RecordHash) -> Result<(), StoreError> {
        self.outbox.remove(hash.0)?;
        Ok(())
    }

    /// Remembers where a peer listens. The book holds at most
    /// [`MAX_ADDRESS_BOOK_PEERS`]; the least recently seen peer makes room.
    pub fn remember_peer(&self, peer: &[u8], addrs: &[String], seen: u64) -> Result<(), StoreError> {
        if !self.peers.contains_key(peer)? && self.peers.len() >= MAX_ADDRESS_BOOK_PEERS {
            let oldest = self
                .peers
                .iter()
                .filter_map(|entry| entry.ok())
                .filter_map(|(key, value)| decode_peer(&value).map(|(seen, _)| (seen, key)))
                .min_by_key(|(seen, _)| *seen);
            if let Some((_, key)) = oldest {
                self.peers.remove(key)?;
            }
        }
        let mut value = Vec::new();
        ciborium::into_writer(&(seen, addrs), &mut value).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        self.peers.insert(peer, value)?;
        Ok(())
    }

    /// The address book, most recently seen first.
    pub fn known_peers(&self) -> Result<Vec<KnownPeer>, StoreError> {
        let mut peers = Vec::new();
        for entry in self.peers.iter() {
            let (key, value) = entry?;
            if let Some((seen, addrs)) = decode_peer(&value) {
                peers.push((seen, key.to_vec(), addrs));
            }
        }
        peers.sort_by_key(|(seen, _, _)| std::cmp::Reverse(*seen));
        Ok(peers.into_iter().map(|(_, peer, addrs)| (peer, addrs)).collect())
    }

    fn decode(&self, bytes: &[u8]) -> Result<VerifiedRecord, StoreError> {
        VerifiedRecord::from_trusted_bytes(bytes, &self.network).map_err(|e| StoreError::Corrupt(e.to_string()))
    }
}

/// An address book entry: peer id bytes and multiaddrs as text.
pub type KnownPeer = (Vec<u8>, Vec<String>);

/// Peers kept in the address book.
pub const MAX_ADDRESS_BOOK_PEERS: usize = 1_000;

fn decode_peer(value: &[u8]) -> Option<(u64, Vec<String>)> {
    ciborium::from_reader(value).ok()
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt(format!("a {what} entry has the wrong length"))
}

type Trees =
    (TransactionalTree, TransactionalTree, TransactionalTree, TransactionalTree, TransactionalTree, TransactionalTree);

/// One record's keys, computed before the transaction (which sled may retry).
struct PreparedInsert<'a> {
    record: &'a VerifiedRecord,
    key: Vec<u8>,
    index: Vec<Vec<u8>>,
    live: Vec<u8>,
    sync: Vec<u8>,
}

impl<'a> PreparedInsert<'a> {
    fn new(record: &'a VerifiedRecord) -> Self {
        let key = record.key().to_bytes();
        Self {
            index: index_keys(record, &key),
            live: live_value(record.payload.seq, &record.hash),
            sync: sync_key(record.payload.ts, &record.hash),
            key,
            record,
        }
    }

    /// Inside the transaction: keep the record if it is newer than what is
    /// held, and replace the held version everywhere.
    fn apply(
        &self,
        (live, blobs, index, counts, outbox_tree, sync): &Trees,
        outbox: bool,
        network: &str,
    ) -> Result<InsertOutcome, ConflictableTransactionError<StoreError>> {
        let record = self.record;
        let mut outcome = InsertOutcome::New;
        if let Some(held) = live.get(&self.key)? {
            let (held_seq, held_hash) = parse_live(&held).map_err(ConflictableTransactionError::Abort)?;
            if held_hash == record.hash {
                return Ok(InsertOutcome::Duplicate);
            }
            if record.payload.seq <= held_seq {
                return Ok(InsertOutcome::Stale { held_seq });
            }
            if let Some(old_bytes) = blobs.remove(&held_hash.0[..])? {
                let old = VerifiedRecord::from_trusted_bytes(&old_bytes, network)
                    .map_err(|e| ConflictableTransactionError::Abort(StoreError::Corrupt(e.to_string())))?;
                for old_key in index_keys(&old, &self.key) {
                    index.remove(old_key)?;
                }
                if !old.is_withdrawn() {
                    add_count(counts, &old.payload.kind, -1)?;
                }
                sync.remove(sync_key(old.payload.ts, &held_hash))?;
            }
            outbox_tree.remove(&held_hash.0[..])?;
            outcome = InsertOutcome::Replaced { previous_seq: held_seq };
        }
        live.insert(self.key.as_slice(), self.live.as_slice())?;
        blobs.insert(&record.hash.0[..], record.bytes.as_slice())?;
        for index_key in &self.index {
            index.insert(index_key.as_slice(), &[][..])?;
        }
        if !record.is_withdrawn() {
            add_count(counts, &record.payload.kind, 1)?;
        }
        if outbox {
            outbox_tree.insert(&record.hash.0[..], &[][..])?;
        }
        sync.insert(self.sync.as_slice(), &[][..])?;
        Ok(outcome)
    }
}

fn sync_key(ts: u64, hash: &RecordHash) -> Vec<u8> {
    let mut key = ts.to_be_bytes().to_vec();
    key.extend_from_slice(&hash.0);
    key
}

fn live_value(seq: u64, hash: &RecordHash) -> Vec<u8> {
    let mut value = seq.to_be_bytes().to_vec();
    value.extend_from_slice(&hash.0);
    value
}

fn parse_live(value: &[u8]) -> Result<(u64, RecordHash), StoreError> {
    let (seq, hash) = value.split_at_checked(8).ok_or_else(|| corrupt("live"))?;
    let seq = u64::from_be_bytes(seq.try_into().map_err(|_| corrupt("live"))?);
    let hash = RecordHash(hash.try_into().map_err(|_| corrupt("live"))?);
    Ok((seq, hash))
}

fn add_count(
    counts: &TransactionalTree,
    kind: &str,
    delta: i64,
) -> Result<(), ConflictableTransactionError<StoreError>> {
    let current = match counts.get(kind.as_bytes())? {
        Some(value) => u64::from_be_bytes(
            value.as_ref().try_into().map_err(|_| ConflictableTransactionError::Abort(corrupt("count")))?,
        ),
        None => 0,
    };
    let next = current.saturating_add_signed(delta);
    counts.insert(kind.as_bytes(), &next.to_be_bytes()[..])?;
    Ok(())
}

/// The pseudo-field under which every live record of a kind is indexed.
const ALL_FIELD: &str = "all";

fn index_prefix(kind: &str, field: &str, value: &str) -> Vec<u8> {
    let mut key = Vec::with_capacity(kind.len() + field.len() + value.len() + 3);
    for part in [kind, field, value] {
        key.extend_from_slice(part.as_bytes());
        key.push(0);
    }
    key
}

/// The index entries of a record. Sector codes are indexed with their
/// broader levels too, so a search for `07` finds `0715`, and `F` finds `F41`.
fn index_keys(record: &VerifiedRecord, record_key: &[u8]) -> Vec<Vec<u8>> {
    let kind = record.payload.kind.as_str();
    let mut fields: Vec<(&str, String)> = Vec::new();
    match &record.content {
        Content::Withdrawn => return Vec::new(),
        Content::Uninterpreted => {}
        Content::Offer(offer) => {
            fields.push(("country", offer.country.clone()));
            fields.extend(isced_levels(&offer.isced).map(|code| ("sector", code)));
            fields.extend(offer.nace.iter().flat_map(|code| nace_levels(code)).map(|code| ("sector", code)));
            fields.extend((offer.eqf_min..=offer.eqf_max).map(|level| ("eqf", level.to_string())));
            for req in &offer.languages {
                fields.extend(language_levels(&req.lang).map(|lang| ("lang", lang)));
            }
        }
        Content::Profile(profile) => {
            fields.push(("country", profile.country.clone()));
            fields.push(("institution", profile.institution.as_str().to_owned()));
            fields.extend(profile.isced.iter().flat_map(|code| isced_levels(code)).map(|code| ("sector", code)));
            fields.extend(profile.nace.iter().flat_map(|code| nace_levels(code)).map(|code| ("sector", code)));
            for lang in &profile.languages {
                fields.extend(language_levels(lang).map(|lang| ("lang", lang)));
            }
        }
    }
    fields.push((ALL_FIELD, String::new()));
    fields.sort();
    fields.dedup();
    fields
        .into_iter()
        .map(|(field, value)| {
            let mut key = index_prefix(kind, field, &value);
            key.extend_from_slice(record_key);
            key
        })
        .collect()
}

/// `0715` → `07`, `071`, `0715`.
fn isced_levels(code: &str) -> impl Iterator<Item = String> + '_ {
    (2..=code.len()).map(move |len| code[..len].to_owned())
}

/// `F41.20` → `F`, `F41`, `F41.2`, `F41.20`.
fn nace_levels(code: &str) -> Vec<String> {
    let mut levels = vec![code[..1].to_owned()];
    for len in [3, 5, 6] {
        if code.len() >= len {
            levels.push(code[..len].to_owned());
        }
    }
    levels.dedup();
    levels
}

/// `en-GB` → `en`, `en-GB`.
fn language_levels(tag: &str) -> impl Iterator<Item = String> + '_ {
    let primary = tag.split('-').next().unwrap_or(tag);
    std::iter::once(primary.to_owned()).chain((primary != tag).then(|| tag.to_owned()))
}
