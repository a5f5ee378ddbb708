//! The record store: every live record of the network, on sled.
//!
//! One tree, `records`, holds everything about records, under one-byte
//! prefixes, so each insert is a single atomic `apply_batch` (sled batches
//! are atomic within one tree; its multi-tree transactions cost about ten
//! times more per write):
//! - `L` record key (author ‖ kind ‖ 0 ‖ id) → seq (u64 BE) ‖ ts (u64 BE) ‖
//!   record hash ‖ slot (u32 BE) ‖ search terms. Only the newest version of a
//!   key is kept; a withdrawal stays as a tombstone (slot `u32::MAX`, no
//!   terms) so an older version can never come back.
//! - `B` record hash → the exact signed bytes.
//! - `S` ts (u64 BE) ‖ record hash → empty: the live versions (tombstones
//!   too) in the order catch-up sync reconciles them.
//! - `O` record hash → empty: own records not yet handed to any peer.
//!
//! The search index ([`SearchIndex`]) is rebuilt in memory from the `L`
//! entries when the store opens. A second tree, `peers`, is the address book
//! (peer id bytes → CBOR `[last_seen, [multiaddr text, ...]]`), so a restarted
//! node can rejoin without its bootstrap list.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use vetnet_protocol::{Content, InstitutionId, RecordHash, RecordKey, RecordKind, VerifiedRecord};

use crate::key_ledger::{KeyLedger, KeyRecordRole, KeyRefusal};
use crate::search_index::{NO_SLOT, SearchIndex, Slot, SlotEntry, encode_terms, terms_are_valid};
use crate::trust::TrustGraph;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the record database failed: {0}")]
    Sled(#[from] sled::Error),
    #[error("the record database holds a damaged entry: {0}")]
    Corrupt(String),
}

/// A trust graph with the trust generation and the day it was built for.
type CachedTrustGraph = (u64, String, Arc<TrustGraph>);

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
    /// Signed by a key after it rotated or was revoked (see [`KeyLedger`]).
    Refused(KeyRefusal),
}

impl InsertOutcome {
    /// Did the store change (so the record should travel on)?
    pub fn is_stored(self) -> bool {
        matches!(self, InsertOutcome::New | InsertOutcome::Replaced { .. })
    }
}

const LIVE: u8 = b'L';
const BLOB: u8 = b'B';
const SYNC: u8 = b'S';
const OUTBOX: u8 = b'O';
/// `M` + name: the store's own metadata. `Msearch-index` holds a snapshot of
/// the search index, written at a clean shutdown and removed when the store
/// opens, so it is only ever read back if no record changed since.
const SEARCH_INDEX_SNAPSHOT: &[u8] = b"Msearch-index";

/// How long [`RecordStore::open`] waits for sled's file lock to be released
/// by a handle closed a moment before.
pub const SLED_LOCK_WAIT: Duration = Duration::from_secs(5);

/// A cloneable handle to the node's records. sled allows one open handle per
/// path, so the node opens it once and clones this.
#[derive(Clone)]
pub struct RecordStore {
    db: sled::Db,
    records: sled::Tree,
    peers: sled::Tree,
    /// Also the writers' lock: an insert holds it from reading what is held
    /// to updating the index, so concurrent inserts of one key cannot both win.
    index: Arc<RwLock<SearchIndex>>,
    /// Bumped whenever what trust levels derive from changes (endorsement
    /// and key records, anchors), so the cached trust graph is rebuilt.
    trust_generation: Arc<AtomicU64>,
    /// The trust graph of the last (generation, day) asked for.
    trust_graph: Arc<std::sync::Mutex<Option<CachedTrustGraph>>>,
    /// Rotations and revocations of keys, consulted before every insert.
    /// Lock order: `index`, then `keys`; never take `index` while holding
    /// a `key_ledger()` guard.
    keys: Arc<RwLock<KeyLedger>>,
    /// Set once a search index snapshot was written: later inserts remove it.
    snapshot_saved: Arc<std::sync::atomic::AtomicBool>,
    /// The network name, to decode stored records.
    network: Arc<str>,
    /// Bumped after every change to the live set, so caches of it (the sync
    /// index) know when to rebuild.
    generation: Arc<AtomicU64>,
    /// Tells subscribers the key of every record stored, once it is searchable.
    stored: tokio::sync::broadcast::Sender<Arc<[u8]>>,
}

/// Notices a [`RecordStore::subscribe`] receiver holds before the oldest are
/// dropped (the receiver then sees `Lagged`).
pub const STORED_NOTICES: usize = 4_096;

impl RecordStore {
    /// Opens (or creates) the store and rebuilds its search index.
    /// `cache_bytes` bounds sled's page cache, whose default (1 GiB) is far
    /// more than a school server should give.
    ///
    /// The caller must hold the data directory's `node.lock`, so no other node
    /// uses `path`. sled's own file lock can still be held for a moment by the
    /// background flusher of a handle just closed in this process (sled does
    /// not join that thread on drop), so opening waits up to
    /// [`SLED_LOCK_WAIT`] for it instead of failing.
    pub fn open(path: &Path, network: &str, cache_bytes: u64) -> Result<Self, StoreError> {
        let config = sled::Config::new().path(path).cache_capacity(cache_bytes);
        let deadline = Instant::now() + SLED_LOCK_WAIT;
        let db = loop {
            match config.open() {
                // sled reports a held lock as a plain `Other` error whose
                // text names it (sled 0.34 `Config::open`).
                Err(sled::Error::Io(e)) if e.to_string().starts_with("could not acquire lock") => {
                    if Instant::now() >= deadline {
                        return Err(StoreError::Sled(sled::Error::Io(e)));
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
                other => break other?,
            }
        };
        let opened = Instant::now();
        let store = Self {
            records: db.open_tree("records")?,
            peers: db.open_tree("peers")?,
            db,
            index: Arc::default(),
            keys: Arc::default(),
            trust_generation: Arc::default(),
            trust_graph: Arc::default(),
            snapshot_saved: Arc::default(),
            network: network.into(),
            generation: Arc::new(AtomicU64::new(0)),
            stored: tokio::sync::broadcast::channel(STORED_NOTICES).0,
        };
        let sled_took = opened.elapsed();
        let from_snapshot = store.load_index_snapshot()?;
        if !from_snapshot {
            store.rebuild_index()?;
        }
        tracing::info!(
            records = store.live_len(),
            sled_ms = sled_took.as_millis() as u64,
            index_ms = (opened.elapsed() - sled_took).as_millis() as u64,
            from_snapshot,
            "record store opened"
        );
        store.convert_first_layout()?;
        store.rebuild_key_ledger()?;
        Ok(store)
    }

    /// Loads the search index saved at the last clean shutdown, if there is
    /// one, and removes it from disk first: from now on only a rebuild or a
    /// new snapshot can describe the records.
    fn load_index_snapshot(&self) -> Result<bool, StoreError> {
        let Some(snapshot) = self.records.get(SEARCH_INDEX_SNAPSHOT)? else { return Ok(false) };
        self.records.remove(SEARCH_INDEX_SNAPSHOT)?;
        self.flush()?;
        match SearchIndex::from_snapshot(&snapshot) {
            Some(index) => {
                *self.write_index() = index;
                Ok(true)
            }
            None => {
                tracing::warn!("the saved search index is damaged; rebuilding it from the records");
                Ok(false)
            }
        }
    }

    /// Writes the search index to disk so the next start need not rebuild it,
    /// and flushes. Called at a clean shutdown; a record stored afterwards
    /// removes the snapshot again.
    pub fn save_search_index(&self) -> Result<(), StoreError> {
        let index = self.write_index();
        self.records.insert(SEARCH_INDEX_SNAPSHOT, index.to_snapshot())?;
        self.snapshot_saved.store(true, Ordering::Release);
        drop(index);
        self.flush()
    }

    /// Reads every `L` entry into the search index. No record is decoded:
    /// the entries carry their terms.
    fn rebuild_index(&self) -> Result<(), StoreError> {
        let mut index = self.write_index();
        *index = SearchIndex::default();
        for entry in self.records.scan_prefix([LIVE]) {
            let (key, value) = entry?;
            let live = LiveEntry::parse(&value)?;
            index.count_live_version(1);
            if live.slot != NO_SLOT {
                let kind = kind_of_live_key(&key)?;
                index.add(live.slot, kind, live.terms, SlotEntry { ts: live.ts, hash: live.hash });
            }
        }
        index.finish_rebuild();
        Ok(())
    }

    /// Converts a database written by vetnet before the one-tree layout
    /// (trees `live`, `blobs`, `outbox`, ...): its records are inserted anew,
    /// then the old trees are dropped. Safe to interrupt: it starts over.
    fn convert_first_layout(&self) -> Result<(), StoreError> {
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

    /// Reads every `key-rotation` and `key-revocation` record into the key
    /// ledger, then removes what they refuse (a crash may have come between
    /// storing one and removing what it refuses).
    fn rebuild_key_ledger(&self) -> Result<(), StoreError> {
        let mut index = self.write_index();
        let mut affected = Vec::new();
        {
            let mut keys = self.write_keys();
            let anchors = keys.anchors().clone();
            *keys = KeyLedger::default();
            keys.set_anchors(anchors);
            for kind in [RecordKind::KeyRotation, RecordKind::KeyRevocation] {
                for entry in index.entries(&index.all(kind.as_str())) {
                    if let Some(record) = self.get_by_hash(&entry.hash)? {
                        affected.extend(keys.note(&record));
                    }
                }
            }
        }
        self.purge_refused(&affected, &mut index)?;
        Ok(())
    }

    /// Sets this node's trust anchors (their revocations of keys they endorse
    /// count), and removes the records that makes refused.
    pub fn set_anchors(&self, anchors: std::collections::HashSet<InstitutionId>) -> Result<(), StoreError> {
        let mut index = self.write_index();
        let affected = self.write_keys().set_anchors(anchors);
        self.purge_refused(&affected, &mut index)?;
        self.trust_generation.fetch_add(1, Ordering::AcqRel);
        Ok(())
    }

    /// The trust levels as of `day` (`YYYY-MM-DD`), built once per change of
    /// endorsements, key records or anchors, and per day.
    pub fn trust_graph(&self, day: &str) -> Result<Arc<TrustGraph>, StoreError> {
        let mut cached = self.trust_graph.lock().unwrap_or_else(PoisonError::into_inner);
        let generation = self.trust_generation.load(Ordering::Acquire);
        if let Some((held, held_day, graph)) = cached.as_ref()
            && *held == generation
            && held_day == day
        {
            return Ok(graph.clone());
        }
        let graph = Arc::new(TrustGraph::build(self, day)?);
        *cached = Some((generation, day.to_owned(), graph.clone()));
        Ok(graph)
    }

    /// Why a record `author` signed at `ts` would be refused now, if it would
    /// (for checks outside the store: a credential's signing time).
    pub fn key_refusal(&self, author: &InstitutionId, ts: u64) -> Option<KeyRefusal> {
        let index = self.search_index();
        self.key_ledger().refuses(author, ts, KeyRecordRole::Other, &|anchor, key| endorses(&index, anchor, key))
    }

    /// The key ledger, for reading (trust levels, verification).
    pub fn key_ledger(&self) -> RwLockReadGuard<'_, KeyLedger> {
        self.keys.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write_keys(&self) -> RwLockWriteGuard<'_, KeyLedger> {
        self.keys.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// Removes the records of `keys` the key ledger now refuses (signed after
    /// a rotation or revocation that arrived after them): their `L`, `B`, `S`
    /// and `O` entries and their index slots, in one write. An older version
    /// a peer still holds may come back by sync, if it was signed in time.
    fn purge_refused(&self, keys: &[InstitutionId], index: &mut SearchIndex) -> Result<usize, StoreError> {
        let mut ledger = self.write_keys();
        let mut batch = sled::Batch::default();
        let mut removed = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for key in keys.iter().filter(|key| seen.insert(**key)) {
            for entry in self.records.scan_prefix(prefixed(LIVE, key.as_bytes())) {
                let (live_key, value) = entry?;
                let live = LiveEntry::parse(&value)?;
                let kind = kind_of_live_key(&live_key)?;
                let role = match RecordKind::from(kind) {
                    RecordKind::KeyRotation | RecordKind::KeyRevocation => {
                        self.get_by_hash(&live.hash)?.map_or(KeyRecordRole::Other, |r| KeyRecordRole::of(&r))
                    }
                    _ => KeyRecordRole::Other,
                };
                let Some(refusal) = ledger.refuses(key, live.ts, role, &|a, k| endorses(index, a, k)) else { continue };
                tracing::warn!(author = %key, kind, ts = live.ts, ?refusal, "removing a record signed after its key was retired");
                if matches!(role, KeyRecordRole::RotationTo(_)) {
                    ledger.forget_rotation(key);
                }
                batch.remove(live_key.clone());
                batch.remove(prefixed(BLOB, &live.hash.0));
                batch.remove(sync_key(live.ts, &live.hash));
                batch.remove(prefixed(OUTBOX, &live.hash.0));
                removed.push((live.slot, kind.to_owned(), live.terms.to_vec()));
            }
        }
        if removed.is_empty() {
            return Ok(0);
        }
        if self.snapshot_saved.load(Ordering::Acquire) {
            batch.remove(SEARCH_INDEX_SNAPSHOT);
        }
        self.records.apply_batch(batch)?;
        for (slot, kind, terms) in &removed {
            if *slot != NO_SLOT {
                index.remove(*slot, kind, terms);
                index.release(*slot);
            }
        }
        index.count_live_version(-(removed.len() as i64));
        self.generation.fetch_add(1, Ordering::AcqRel);
        self.trust_generation.fetch_add(1, Ordering::AcqRel);
        Ok(removed.len())
    }

    fn write_index(&self) -> RwLockWriteGuard<'_, SearchIndex> {
        self.index.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The search index, for reading. Hold it briefly: inserts wait for it.
    /// A tree of this node's private data (issued credentials), in the same
    /// database but outside the records: nothing in it is ever gossiped,
    /// synced or indexed.
    pub fn private_tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(format!("private/{name}"))?)
    }

    pub fn search_index(&self) -> RwLockReadGuard<'_, SearchIndex> {
        self.index.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// The record key bytes ([`RecordKey::to_bytes`]) of every record stored
    /// from now on, sent once the record is searchable. A receiver that falls
    /// more than [`STORED_NOTICES`] behind loses the oldest (`Lagged`).
    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Arc<[u8]>> {
        self.stored.subscribe()
    }

    /// Changes to the live set since the store was opened.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// The live set in sync order: (`ts`, record hash), ascending.
    pub fn sync_items(&self) -> impl Iterator<Item = Result<(u64, RecordHash), StoreError>> + '_ {
        self.records.scan_prefix([SYNC]).map(|entry| {
            let (key, _) = entry?;
            let (ts, hash) = key.get(1..).and_then(|k| k.split_at_checked(8)).ok_or_else(|| corrupt("sync"))?;
            let ts = u64::from_be_bytes(ts.try_into().map_err(|_| corrupt("sync"))?);
            Ok((ts, RecordHash(hash.try_into().map_err(|_| corrupt("sync"))?)))
        })
    }

    /// Number of live versions held (tombstones included).
    pub fn live_len(&self) -> usize {
        self.search_index().live_versions() as usize
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
    /// gossip in the same batch, so a stored own record is never forgotten by
    /// the gossip layer.
    pub fn insert_with_outbox(&self, record: &VerifiedRecord, outbox: bool) -> Result<InsertOutcome, StoreError> {
        Ok(self.insert_all(std::slice::from_ref(record), outbox)?[0])
    }

    /// Stores a batch of records in one atomic write (much cheaper per record
    /// than one write each: sync stores what it fetches this way). Each
    /// record is judged as if inserted alone, in order.
    pub fn insert_batch(&self, records: &[VerifiedRecord]) -> Result<Vec<InsertOutcome>, StoreError> {
        self.insert_all(records, false)
    }

    fn insert_all(&self, records: &[VerifiedRecord], outbox: bool) -> Result<Vec<InsertOutcome>, StoreError> {
        let mut index = self.write_index();
        let mut plan = InsertPlan::default();
        if self.snapshot_saved.load(Ordering::Acquire) {
            plan.batch.remove(SEARCH_INDEX_SNAPSHOT);
        }
        let result = records
            .iter()
            .map(|record| self.plan_insert(record, outbox, &mut index, &mut plan))
            .collect::<Result<Vec<_>, _>>()
            .and_then(|outcomes| {
                self.records.apply_batch(std::mem::take(&mut plan.batch))?;
                Ok(outcomes)
            });
        let outcomes = match result {
            Ok(outcomes) => outcomes,
            Err(e) => {
                for slot in plan.allocated {
                    index.release(slot);
                }
                return Err(e);
            }
        };
        for change in plan.index_changes {
            match change {
                IndexChange::Remove { slot, kind, terms } => index.remove(slot, &kind, &terms),
                IndexChange::Release(slot) => index.release(slot),
                IndexChange::Add { slot, kind, terms, entry } => index.add(slot, &kind, &terms, entry),
            }
        }
        let new = outcomes.iter().filter(|o| matches!(o, InsertOutcome::New)).count();
        index.count_live_version(new as i64);
        if !plan.retired_keys.is_empty() {
            self.purge_refused(&plan.retired_keys, &mut index)?;
        }
        drop(index);
        if outcomes.iter().any(|o| o.is_stored()) {
            self.generation.fetch_add(1, Ordering::AcqRel);
        }
        let trust_kinds = [RecordKind::Endorsement, RecordKind::KeyRotation, RecordKind::KeyRevocation];
        if records.iter().zip(&outcomes).any(|(r, o)| o.is_stored() && trust_kinds.contains(&r.payload.record_kind())) {
            self.trust_generation.fetch_add(1, Ordering::AcqRel);
        }
        if self.stored.receiver_count() > 0 {
            for (record, outcome) in records.iter().zip(&outcomes) {
                if outcome.is_stored() {
                    // Err only means every receiver has gone.
                    let _ = self.stored.send(record.key().to_bytes().into());
                }
            }
        }
        Ok(outcomes)
    }

    /// Judges `record` against what is held (or planned earlier in this
    /// batch) and adds its writes and index changes to `plan`.
    fn plan_insert(
        &self,
        record: &VerifiedRecord,
        outbox: bool,
        index: &mut SearchIndex,
        plan: &mut InsertPlan,
    ) -> Result<InsertOutcome, StoreError> {
        let refusal =
            self.key_ledger().refuses(&record.author, record.payload.ts, KeyRecordRole::of(record), &|anchor, key| {
                endorses(index, anchor, key)
            });
        if let Some(refusal) = refusal {
            return Ok(InsertOutcome::Refused(refusal));
        }
        let live_key = prefixed(LIVE, &record.key().to_bytes());
        let held = match plan.pending.get(&live_key) {
            Some(value) => Some(value.clone()),
            None => self.records.get(&live_key)?.map(|value| value.to_vec()),
        };
        let kind = record.payload.kind.as_str();
        let mut slot = NO_SLOT;
        let outcome = match &held {
            None => InsertOutcome::New,
            Some(value) => {
                let held = LiveEntry::parse(value)?;
                if held.hash == record.hash {
                    return Ok(InsertOutcome::Duplicate);
                }
                if record.payload.seq <= held.seq {
                    return Ok(InsertOutcome::Stale { held_seq: held.seq });
                }
                plan.batch.remove(prefixed(BLOB, &held.hash.0));
                plan.batch.remove(sync_key(held.ts, &held.hash));
                plan.batch.remove(prefixed(OUTBOX, &held.hash.0));
                if held.slot != NO_SLOT {
                    plan.index_changes.push(IndexChange::Remove {
                        slot: held.slot,
                        kind: kind.to_owned(),
                        terms: held.terms.to_vec(),
                    });
                    slot = held.slot;
                }
                InsertOutcome::Replaced { previous_seq: held.seq }
            }
        };
        let terms = encode_terms(record);
        if record.is_withdrawn() {
            if slot != NO_SLOT {
                plan.index_changes.push(IndexChange::Release(slot));
                slot = NO_SLOT;
            }
        } else {
            if slot == NO_SLOT {
                slot = index.allocate();
                plan.allocated.push(slot);
            }
            plan.index_changes.push(IndexChange::Add {
                slot,
                kind: kind.to_owned(),
                terms: terms.clone(),
                entry: SlotEntry { ts: record.payload.ts, hash: record.hash },
            });
        }
        let value =
            LiveEntry { seq: record.payload.seq, ts: record.payload.ts, hash: record.hash, slot, terms: &terms }
                .to_bytes();
        plan.batch.insert(live_key.as_slice(), value.as_slice());
        plan.batch.insert(prefixed(BLOB, &record.hash.0), record.bytes.as_slice());
        plan.batch.insert(sync_key(record.payload.ts, &record.hash), &[][..]);
        if outbox {
            plan.batch.insert(prefixed(OUTBOX, &record.hash.0), &[][..]);
        }
        plan.pending.insert(live_key, value);
        // The ledger learns at once, so later records of this batch are
        // judged by it; what the key signed earlier is removed after the write.
        match &record.content {
            Content::KeyRotation(_) | Content::KeyRevocation(_) => {
                plan.retired_keys.extend(self.write_keys().note(record))
            }
            Content::Endorsement(endorsement) if self.key_ledger().anchors().contains(&record.author) => {
                plan.retired_keys.extend(endorsement.subject_id());
            }
            _ => {}
        }
        Ok(outcome)
    }

    /// The newest version held for `key`, withdrawn or not.
    pub fn get(&self, key: &RecordKey) -> Result<Option<VerifiedRecord>, StoreError> {
        self.get_by_key_bytes(&key.to_bytes())
    }

    /// The seq of the newest version held for `key`.
    pub fn seq_of(&self, key: &RecordKey) -> Result<Option<u64>, StoreError> {
        match self.records.get(prefixed(LIVE, &key.to_bytes()))? {
            Some(value) => Ok(Some(LiveEntry::parse(&value)?.seq)),
            None => Ok(None),
        }
    }

    /// The exact signed bytes of a held record, without decoding them.
    pub fn bytes_by_hash(&self, hash: &RecordHash) -> Result<Option<sled::IVec>, StoreError> {
        Ok(self.records.get(prefixed(BLOB, &hash.0))?)
    }

    pub fn get_by_hash(&self, hash: &RecordHash) -> Result<Option<VerifiedRecord>, StoreError> {
        match self.bytes_by_hash(hash)? {
            Some(bytes) => VerifiedRecord::from_trusted_parts(&bytes, *hash, &self.network)
                .map(Some)
                .map_err(|e| StoreError::Corrupt(e.to_string())),
            None => Ok(None),
        }
    }

    /// Every record (withdrawn ones too) of `author` and `kind`, by id.
    pub fn by_author(&self, author: &InstitutionId, kind: &RecordKind) -> Result<Vec<VerifiedRecord>, StoreError> {
        let mut prefix = vec![LIVE];
        prefix.extend_from_slice(author.as_bytes());
        prefix.extend_from_slice(kind.as_str().as_bytes());
        prefix.push(0);
        let mut records = Vec::new();
        for entry in self.records.scan_prefix(&prefix) {
            let (_, value) = entry?;
            if let Some(record) = self.get_by_hash(&LiveEntry::parse(&value)?.hash)? {
                records.push(record);
            }
        }
        Ok(records)
    }

    /// The newest version held for a key given as bytes.
    /// Every record `author` holds live here (withdrawals included), any kind.
    pub fn all_by_author(&self, author: &InstitutionId) -> Result<Vec<VerifiedRecord>, StoreError> {
        let mut records = Vec::new();
        for entry in self.records.scan_prefix(prefixed(LIVE, author.as_bytes())) {
            let (_, value) = entry?;
            if let Some(record) = self.get_by_hash(&LiveEntry::parse(&value)?.hash)? {
                records.push(record);
            }
        }
        Ok(records)
    }

    /// Stores own records (a key rotation and what it re-signs) in one
    /// atomic write, each queued in the outbox.
    pub fn insert_own_batch(&self, records: &[VerifiedRecord]) -> Result<Vec<InsertOutcome>, StoreError> {
        self.insert_all(records, true)
    }

    pub fn get_by_key_bytes(&self, key: &[u8]) -> Result<Option<VerifiedRecord>, StoreError> {
        match self.records.get(prefixed(LIVE, key))? {
            Some(value) => self.get_by_hash(&LiveEntry::parse(&value)?.hash),
            None => Ok(None),
        }
    }

    /// Live, not withdrawn records per kind.
    pub fn counts(&self) -> Result<BTreeMap<String, u64>, StoreError> {
        Ok(self.search_index().counts())
    }

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
        self.records.remove(prefixed(OUTBOX, &hash.0))?;
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

/// The writes and index changes of one insert call, applied together.
#[derive(Default)]
struct InsertPlan {
    batch: sled::Batch,
    /// `L` values written earlier in this batch, so a key seen twice is
    /// judged against its first version.
    pending: HashMap<Vec<u8>, Vec<u8>>,
    index_changes: Vec<IndexChange>,
    /// Slots taken for new records, given back if the write fails.
    allocated: Vec<Slot>,
    /// Keys a stored rotation, revocation or anchor endorsement concerns:
    /// records they signed too late are removed after the write.
    retired_keys: Vec<InstitutionId>,
}

enum IndexChange {
    Remove { slot: Slot, kind: String, terms: Vec<u8> },
    Release(Slot),
    Add { slot: Slot, kind: String, terms: Vec<u8>, entry: SlotEntry },
}

/// An `L` value.
struct LiveEntry<'a> {
    seq: u64,
    ts: u64,
    hash: RecordHash,
    slot: Slot,
    terms: &'a [u8],
}

impl<'a> LiveEntry<'a> {
    const FIXED: usize = 8 + 8 + 32 + 4;

    fn parse(value: &'a [u8]) -> Result<Self, StoreError> {
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

    fn to_bytes(&self) -> Vec<u8> {
        let mut value = Vec::with_capacity(Self::FIXED + self.terms.len());
        value.extend_from_slice(&self.seq.to_be_bytes());
        value.extend_from_slice(&self.ts.to_be_bytes());
        value.extend_from_slice(&self.hash.0);
        value.extend_from_slice(&self.slot.to_be_bytes());
        value.extend_from_slice(self.terms);
        value
    }
}

/// Does `anchor` hold a live endorsement of `key` (any role)?
fn endorses(index: &SearchIndex, anchor: &InstitutionId, key: &InstitutionId) -> bool {
    let kind = RecordKind::Endorsement;
    let mut slots = index.any_of(kind.as_str(), "subject", &[hex::encode(key.as_bytes())]);
    slots &= index.any_of(kind.as_str(), "author", &[hex::encode(anchor.as_bytes())]);
    !slots.is_empty()
}

/// The kind in an `L` key: `L` ‖ author (32 bytes) ‖ kind ‖ 0 ‖ id.
fn kind_of_live_key(key: &[u8]) -> Result<&str, StoreError> {
    let rest = key.get(33..).ok_or_else(|| corrupt("live"))?;
    let end = rest.iter().position(|b| *b == 0).ok_or_else(|| corrupt("live"))?;
    std::str::from_utf8(&rest[..end]).map_err(|_| corrupt("live"))
}

fn prefixed(prefix: u8, key: &[u8]) -> Vec<u8> {
    let mut prefixed = Vec::with_capacity(1 + key.len());
    prefixed.push(prefix);
    prefixed.extend_from_slice(key);
    prefixed
}

fn sync_key(ts: u64, hash: &RecordHash) -> Vec<u8> {
    let mut key = Vec::with_capacity(1 + 8 + 32);
    key.push(SYNC);
    key.extend_from_slice(&ts.to_be_bytes());
    key.extend_from_slice(&hash.0);
    key
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
