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
//!
//! The parts:
//! - [`index`]: the in-memory search index, and the terms of each record;
//! - [`key_ledger`]: what key rotations and revocations say about keys;
//! - `insert`: the write path (every change to records goes through it);
//! - `layout`: the prefixes and values of the `records` tree;
//! - `outbox` and `peers`: own records not yet sent, and the address book;
//! - `generations`: change counters per record kind, and the slots where
//!   other modules cache what they derive from the records.
//! - `check`: the check on open that refuses a damaged database;
//! - [`disk`]: the free space kept on the database's file system;
//! - [`salvage`]: reading what a damaged database still holds, for `vetnet repair`;
//! - [`backup`]: what a backup takes from the store, and restoring it into a fresh one.

use std::any::Any;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::{Duration, Instant};

use vetnet_protocol::{InstitutionId, RecordHash, RecordKey, RecordKind, VerifiedRecord};

pub mod backup;
mod check;
pub mod disk;
mod generations;
pub mod index;
mod insert;
pub mod key_ledger;
mod layout;
mod outbox;
mod peers;
mod reindex;
pub mod salvage;

pub use check::{CheckState, DAMAGE_MARK_FILE, EXPECTED_COUNT_FILE};
pub use peers::{KnownPeer, MAX_ADDRESS_BOOK_PEERS};

use generations::{DerivedCaches, KindGenerations};
use index::{NO_SLOT, SearchIndex, SlotEntry};
pub use key_ledger::KeyRefusal;
use key_ledger::{KeyLedger, KeyRecordRole};
use layout::{BLOB, LIVE, LiveEntry, SEARCH_INDEX_SNAPSHOT, SYNC, corrupt, kind_of_live_key, prefixed};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the record database failed: {0}")]
    Sled(#[from] sled::Error),
    /// An index entry the store wrote has the wrong shape.
    #[error("the record database holds a damaged {what} entry (wrong length)")]
    Corrupt { what: &'static str },
    /// A record's stored bytes no longer decode as the record they were.
    #[error("the record database holds a damaged record")]
    DamagedRecord(#[source] vetnet_protocol::RecordError),
    /// An address-book entry could not be encoded.
    #[error("cannot encode an address-book entry")]
    Encode(#[source] ciborium::ser::Error<std::io::Error>),
    /// The check on open found the database damaged (see `check`).
    #[error(
        "the record database {path} is damaged: {what}. The node does not start on it. Next step: run \
         `vetnet repair` (with the node stopped): it keeps the institution keys and settings and every intact \
         record and private entry, keeps the damaged database beside the new one, and the node then fetches \
         the network's records again from its peers by sync. Or restore the data directory from a backup \
         (`vetnet restore`, once your version has it, or your own copy of the whole directory)"
    )]
    Damaged { path: PathBuf, what: String },
    /// The check that runs while the node runs found the database damaged:
    /// nothing more is written to it.
    #[error(
        "the record database {path} was found damaged while the node ran: {what}. The node stores nothing more \
         until it is repaired: stop it and run `vetnet repair`, or restore the data directory from a backup"
    )]
    WritesStopped { path: PathBuf, what: String },
    /// The file system holding the database has less free space than the
    /// node keeps (see `disk`).
    #[error(
        "the disk holding {} is full: {free} bytes free, below the {reserve} bytes the node keeps free \
         (disk_reserve_mb in config.toml). Nothing new is stored until space is freed; searches and status go \
         on, and writes resume by themselves once there is room. Free space on that file system (or give it \
         more), then try again",
        .path.display()
    )]
    DiskFull { path: PathBuf, free: u64, reserve: u64 },
    /// A thread reading records for a search panicked.
    #[error("a search thread failed while reading records")]
    SearchThread,
}

/// What happened to a record offered to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InsertOutcome {
    /// First version of this key held here.
    New,
    /// Replaced an older version.
    Replaced { previous_seq: u64 },
    /// This node holds a newer version.
    Stale { held_seq: u64 },
    /// This node holds a different record with the same seq: the author
    /// signed two versions without raising `seq`; the first one held wins.
    SameSeq { seq: u64 },
    /// This exact record is already held.
    Duplicate,
    /// Signed by a key after it rotated or was revoked (see [`KeyLedger`]).
    Refused(KeyRefusal),
}

impl StoreError {
    /// Whether the disk is full: the reserve reached, or sled met ENOSPC.
    pub fn is_disk_full(&self) -> bool {
        match self {
            StoreError::DiskFull { .. } => true,
            StoreError::Sled(e) => disk::is_out_of_space(e),
            _ => false,
        }
    }
}

impl InsertOutcome {
    /// Did the store change (so the record should travel on)?
    pub fn is_stored(self) -> bool {
        matches!(self, InsertOutcome::New | InsertOutcome::Replaced { .. })
    }
}

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
    /// Bumped per record kind whenever a version of it is stored or
    /// removed, and when the anchors change, so caches of what derives from
    /// some kinds (the trust graph) know when to rebuild.
    kind_generations: Arc<KindGenerations>,
    /// Caches other modules keep of what they derive from the records.
    derived: Arc<DerivedCaches>,
    /// Rotations and revocations of keys, consulted before every insert.
    /// Lock order: `index`, then `keys`; never take `index` while holding
    /// a `key_ledger()` guard.
    keys: Arc<RwLock<KeyLedger>>,
    /// Set once a search index snapshot was written: later inserts remove it.
    snapshot_saved: Arc<AtomicBool>,
    /// The network name, to decode stored records.
    network: Arc<str>,
    /// Bumped after every change to the live set, so caches of it (the sync
    /// index) know when to rebuild.
    generation: Arc<AtomicU64>,
    /// Tells subscribers the key of every record stored, once it is searchable.
    stored: tokio::sync::broadcast::Sender<Arc<[u8]>>,
    /// The database directory, which also holds the expected-count file.
    path: Arc<Path>,
    /// Removals of live versions since the store was opened (see `check`).
    removals: Arc<AtomicU64>,
    /// Serialises writes of the expected-count file.
    expected: Arc<check::ExpectedCount>,
    /// Where the full check stands; damage found stops record writes.
    check_state: Arc<RwLock<CheckState>>,
    /// Free bytes kept on the database's file system; writes below it are
    /// refused (see `disk`). 0 until the node sets it from its settings.
    disk_reserve: Arc<AtomicU64>,
}

/// Notices a [`RecordStore::subscribe`] receiver holds before the oldest are
/// dropped (the receiver then sees `Lagged`).
pub const STORED_NOTICES: usize = 4_096;

/// Records [`RecordStore::get_many`] reads on one thread; more are split
/// over the cores.
const GET_MANY_CHUNK: usize = 32;

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
    ///
    /// Every tree is then read once and checked (`check`): a damaged database
    /// is refused with [`StoreError::Damaged`].
    pub fn open(path: &Path, network: &str, cache_bytes: u64) -> Result<Self, StoreError> {
        Self::open_and_check(path, network, cache_bytes, true).map_err(|e| check::with_path(e, path))
    }

    /// Like [`RecordStore::open`], with only the quick part of the check
    /// (see `check`): the caller runs the rest with [`RecordStore::run_check`]
    /// (a node does, in the background once it started).
    pub fn open_checking_later(path: &Path, network: &str, cache_bytes: u64) -> Result<Self, StoreError> {
        Self::open_and_check(path, network, cache_bytes, false).map_err(|e| check::with_path(e, path))
    }

    fn open_and_check(path: &Path, network: &str, cache_bytes: u64, full: bool) -> Result<Self, StoreError> {
        let db = open_sled(&sled::Config::new().path(path).cache_capacity(cache_bytes))?;
        let opened = Instant::now();
        let store = Self {
            records: db.open_tree("records")?,
            peers: db.open_tree("peers")?,
            db,
            index: Arc::default(),
            keys: Arc::default(),
            kind_generations: Arc::default(),
            derived: Arc::default(),
            snapshot_saved: Arc::default(),
            network: network.into(),
            generation: Arc::new(AtomicU64::new(0)),
            stored: tokio::sync::broadcast::channel(STORED_NOTICES).0,
            path: path.into(),
            removals: Arc::default(),
            expected: Arc::default(),
            check_state: Arc::default(),
            disk_reserve: Arc::default(),
        };
        let sled_took = opened.elapsed();
        let from_snapshot = store.load_index_snapshot()?;
        if !from_snapshot {
            store.rebuild_index()?;
        }
        let indexed = opened.elapsed();
        store.quick_check()?;
        if full {
            store.check(&|| false)?;
            *store.check_state.write().unwrap_or_else(PoisonError::into_inner) =
                CheckState::Passed { millis: (opened.elapsed() - indexed).as_millis() as u64 };
        }
        tracing::info!(
            records = store.live_len(),
            sled_ms = sled_took.as_millis() as u64,
            index_ms = (indexed - sled_took).as_millis() as u64,
            check_ms = (opened.elapsed() - indexed).as_millis() as u64,
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
        // Not `flush`: the expected count must stay until `check` read it.
        self.db.flush()?;
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
        self.refuse_writes_if_damaged()?;
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
    pub fn set_anchors(&self, anchors: HashSet<InstitutionId>) -> Result<(), StoreError> {
        let mut index = self.write_index();
        let affected = self.write_keys().set_anchors(anchors);
        self.purge_refused(&affected, &mut index)?;
        self.kind_generations.bump_anchors();
        Ok(())
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

    fn write_index(&self) -> RwLockWriteGuard<'_, SearchIndex> {
        self.index.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// A tree of this node's private data (issued credentials), in the same
    /// database but outside the records: nothing in it is ever gossiped,
    /// synced or indexed.
    pub fn private_tree(&self, name: &str) -> Result<sled::Tree, StoreError> {
        Ok(self.db.open_tree(format!("private/{name}"))?)
    }

    /// The search index, for reading. Hold it briefly: inserts wait for it.
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

    /// Versions of `kind` stored or removed since the store was opened (all
    /// kinds this version does not interpret share one count). A cache of
    /// what derives from records of `kind` rebuilds when this moved.
    pub fn kind_generation(&self, kind: &RecordKind) -> u64 {
        self.kind_generations.get(kind)
    }

    /// Times the trust anchors were set since the store was opened.
    pub fn anchors_generation(&self) -> u64 {
        self.kind_generations.anchors()
    }

    /// The cache of type `T` kept with this store (made with `T::default()`
    /// on first use), for what other modules derive from the records: the
    /// store never looks inside, so it need not know what they derive or
    /// from which kinds. Each cache keys itself on [`Self::kind_generation`].
    pub fn derived<T: Any + Send + Sync + Default>(&self) -> Arc<T> {
        self.derived.get::<T>()
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
        self.flush_and_note_count()
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

    /// The held record of `hash`, decoded.
    pub fn get_by_hash(&self, hash: &RecordHash) -> Result<Option<VerifiedRecord>, StoreError> {
        match self.bytes_by_hash(hash)? {
            Some(bytes) => VerifiedRecord::from_trusted_parts(&bytes, *hash, &self.network)
                .map(Some)
                .map_err(StoreError::DamagedRecord),
            None => Ok(None),
        }
    }

    /// The held records of `hashes`, in order, skipping any no longer held
    /// (replaced since the caller read the index). Decoding dominates, so a
    /// long list is read by several threads.
    pub fn get_many(&self, hashes: &[RecordHash]) -> Result<Vec<VerifiedRecord>, StoreError> {
        let read = |part: &[RecordHash]| -> Result<Vec<VerifiedRecord>, StoreError> {
            part.iter().filter_map(|hash| self.get_by_hash(hash).transpose()).collect()
        };
        let threads =
            std::thread::available_parallelism().map_or(1, |n| n.get()).min(hashes.len().div_ceil(GET_MANY_CHUNK));
        if threads <= 1 {
            return read(hashes);
        }
        let parts: Vec<Result<Vec<VerifiedRecord>, StoreError>> = std::thread::scope(|scope| {
            let workers: Vec<_> =
                hashes.chunks(hashes.len().div_ceil(threads)).map(|part| scope.spawn(move || read(part))).collect();
            workers.into_iter().map(|worker| worker.join().unwrap_or_else(|_| Err(StoreError::SearchThread))).collect()
        });
        let mut records = Vec::with_capacity(hashes.len());
        for part in parts {
            records.extend(part?);
        }
        Ok(records)
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

    /// The newest version held for a key given as bytes.
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

    fn decode(&self, bytes: &[u8]) -> Result<VerifiedRecord, StoreError> {
        VerifiedRecord::from_trusted_bytes(bytes, &self.network).map_err(StoreError::DamagedRecord)
    }
}

/// Opens sled, waiting up to [`SLED_LOCK_WAIT`] for its file lock to be
/// released by a handle closed a moment before in this process.
/// sled 0.34 panics on some damage it meets while recovering its log
/// ("tried to serialize Uninitialized"); that is a damaged database too.
fn open_sled(config: &sled::Config) -> Result<sled::Db, StoreError> {
    let deadline = Instant::now() + SLED_LOCK_WAIT;
    loop {
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open())) {
            // sled reports a held lock as a plain `Other` error whose text
            // names it (sled 0.34 `Config::open`).
            Ok(Err(sled::Error::Io(e))) if e.to_string().starts_with("could not acquire lock") => {
                if Instant::now() >= deadline {
                    return Err(StoreError::Sled(sled::Error::Io(e)));
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Ok(other) => return Ok(other?),
            Err(_) => {
                return Err(StoreError::Damaged {
                    path: PathBuf::new(),
                    what: "sled stopped with an internal error (a panic) while recovering its log".to_owned(),
                });
            }
        }
    }
}

/// Does `anchor` hold a live endorsement of `key` (any role)?
fn endorses(index: &SearchIndex, anchor: &InstitutionId, key: &InstitutionId) -> bool {
    let kind = RecordKind::Endorsement;
    let mut slots = index.any_of(kind.as_str(), "subject", &[hex::encode(key.as_bytes())]);
    slots &= index.any_of(kind.as_str(), "author", &[hex::encode(anchor.as_bytes())]);
    !slots.is_empty()
}
