//! The check on open: a damaged database is found before the node starts,
//! not half-way through serving it.
//!
//! [`RecordStore::check`] reads every entry of every tree once, so sled
//! verifies the checksum of every page, and checks the store's own
//! invariants: every record's bytes hash to the hash they are stored under
//! and decode; every live entry names stored bytes; the sync entries and the
//! search index count what the live entries count; and the live set holds at
//! least as many versions as it held at the last flush. That last count is
//! kept in a small file beside sled's own ([`EXPECTED_COUNT_FILE`]), so a log
//! that sled recovers to an earlier state (a truncated `db/db`) cannot lose
//! acknowledged records without a word.
//!
//! The full check reads and hashes everything, which at a million records
//! takes seconds. A node therefore opens with the quick part only
//! ([`RecordStore::open_checking_later`]: a damage mark left by an earlier
//! run, and the count of the last flush against the live count the index
//! holds) and runs the full check in the background after it started
//! ([`RecordStore::run_check`]). Damage found then stops every record write
//! ([`StoreError::WritesStopped`]), is logged, shown by `status`, and left as
//! a mark ([`DAMAGE_MARK_FILE`]) so the next start refuses the database.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Mutex, PoisonError};

use vetnet_protocol::{RecordHash, VerifiedRecord};

use super::index::{NO_SLOT, SearchIndex};
use super::layout::{BLOB, LIVE, LiveEntry, SYNC, prefixed};
use super::{RecordStore, StoreError};

/// The file, inside the database directory, that holds the number of live
/// versions at the last flush.
pub const EXPECTED_COUNT_FILE: &str = "vetnet-live-count";

/// The file, inside the database directory, that a check which found damage
/// while the node ran leaves behind (holding what it found), so that the next
/// start refuses the database until it is repaired.
pub const DAMAGE_MARK_FILE: &str = "vetnet-damaged";

/// Entries the full check reads between two looks at its stop signal.
const CHECK_STOP_EVERY: usize = 4_096;

/// Records the full check holds in memory and checks (on all cores) at a
/// time, so a million records never sit in memory at once.
const CHECK_RECORDS_AT_ONCE: usize = 8_192;

/// Serialises writes of the expected-count file.
#[derive(Default)]
pub(super) struct ExpectedCount {
    lock: Mutex<()>,
}

/// Where the full check of the database stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum CheckState {
    /// Not finished yet (it runs in the background of a starting node).
    #[default]
    Running,
    /// Every tree was read and every invariant holds.
    Passed { millis: u64 },
    /// The check found damage: record writes are refused from now on.
    Damaged { what: String },
    /// The node stopped before the check finished.
    Stopped,
}

impl RecordStore {
    /// Where the full check of this store stands.
    pub fn check_state(&self) -> CheckState {
        self.check_state.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Runs the full check (blocking; seconds at a million records) and
    /// records its outcome. It gives up, as [`CheckState::Stopped`], once
    /// `stop` says so. Damage stops record writes, is logged, and leaves
    /// [`DAMAGE_MARK_FILE`].
    pub fn run_check(&self, stop: &dyn Fn() -> bool) -> CheckState {
        let started = std::time::Instant::now();
        let state = match self.check(stop) {
            Ok(true) => CheckState::Passed { millis: started.elapsed().as_millis() as u64 },
            Ok(false) => CheckState::Stopped,
            Err(e) => {
                let what = match with_path(e, &self.path) {
                    StoreError::Damaged { what, .. } => what,
                    other => other.to_string(),
                };
                tracing::error!(
                    path = %self.path.display(),
                    damage = %what,
                    "the record database is damaged; the node stores no more records. Stop it and run `vetnet repair`"
                );
                if let Err(e) = std::fs::write(self.path.join(DAMAGE_MARK_FILE), &what) {
                    tracing::error!(error = %e, "cannot leave the damage mark in the database directory");
                }
                CheckState::Damaged { what }
            }
        };
        match &state {
            CheckState::Passed { millis } => tracing::info!(check_ms = millis, "record store checked: intact"),
            CheckState::Stopped => tracing::info!("the record store check stopped with the node"),
            _ => {}
        }
        *self.check_state.write().unwrap_or_else(PoisonError::into_inner) = state.clone();
        state
    }

    /// Refuses a write once the check found damage.
    pub(super) fn refuse_writes_if_damaged(&self) -> Result<(), StoreError> {
        match &*self.check_state.read().unwrap_or_else(PoisonError::into_inner) {
            CheckState::Damaged { what } => {
                Err(StoreError::WritesStopped { path: self.path.to_path_buf(), what: what.clone() })
            }
            _ => Ok(()),
        }
    }

    /// The part of the check a starting node waits for: a damage mark an
    /// earlier run left, and fewer live versions than the last flush noted.
    pub(super) fn quick_check(&self) -> Result<(), StoreError> {
        if let Ok(what) = std::fs::read_to_string(self.path.join(DAMAGE_MARK_FILE)) {
            return Err(damage(format!("a check while the node ran found: {}", what.trim())));
        }
        let live = self.search_index().live_versions();
        match self.read_expected_count() {
            Some(expected) if live < expected => Err(damage(format!(
                "it holds {live} records but held {expected} when last written: {} acknowledged records are lost",
                expected - live
            ))),
            _ => Ok(()),
        }
    }
}

impl RecordStore {
    /// Checks every tree and the store's invariants (see the module doc).
    /// Returns false when `stop` said to give up before the end.
    ///
    /// It reads without holding writers off, so records stored meanwhile can
    /// look like damage (a live entry seen without its bytes, counts a batch
    /// apart); such a finding is looked at again with writers waiting for
    /// the index, and only what holds then is damage.
    pub(super) fn check(&self, stop: &dyn Fn() -> bool) -> Result<bool, StoreError> {
        let mut blobs = HashSet::new();
        let mut records = Vec::with_capacity(CHECK_RECORDS_AT_ONCE);
        let mut counts = LiveCounts::default();
        for (n, entry) in self.records.iter().enumerate() {
            if n % CHECK_STOP_EVERY == 0 && stop() {
                return Ok(false);
            }
            let (key, value) = entry?;
            match key.first() {
                Some(&BLOB) => {
                    let hash =
                        RecordHash(key[1..].try_into().map_err(|_| damage("a record key has the wrong length"))?);
                    blobs.insert(hash);
                    records.push((hash, value));
                    if records.len() == CHECK_RECORDS_AT_ONCE {
                        self.check_records(&records)?;
                        records.clear();
                    }
                }
                // `B` sorts before `L`: every blob is known by now.
                Some(&LIVE) => counts.add_live(&key, &value, |hash| Ok(blobs.contains(hash)))?,
                Some(&SYNC) => counts.sync += 1,
                _ => {}
            }
        }
        self.check_records(&records)?;
        drop(records);
        drop(blobs);
        let index = self.search_index();
        if self.finding(&counts, &index).is_some() {
            let mut again = LiveCounts::default();
            for entry in self.records.scan_prefix([LIVE]) {
                let (key, value) = entry?;
                again.add_live(&key, &value, |hash| Ok(self.records.contains_key(prefixed(BLOB, &hash.0))?))?;
            }
            again.sync = self.records.scan_prefix([SYNC]).try_fold(0u64, |n, entry| entry.map(|_| n + 1))?;
            if let Some(finding) = self.finding(&again, &index) {
                return Err(damage(finding));
            }
        }
        drop(index);
        for name in self.db.tree_names() {
            if name.as_ref() != b"records" {
                for entry in self.db.open_tree(&name)?.iter() {
                    entry?;
                }
            }
        }
        Ok(true)
    }

    /// What `counts` show damaged, if anything, against the index and the
    /// count of the last flush.
    fn finding(&self, counts: &LiveCounts, index: &SearchIndex) -> Option<String> {
        let LiveCounts { live, searchable, sync, .. } = *counts;
        if let Some((hash, key)) = counts.missing.first() {
            return Some(format!("the live entry {} names record {hash}, whose bytes are missing", words(key)));
        }
        if sync != live {
            return Some(format!("it holds {live} live records but {sync} sync entries"));
        }
        let indexed: u64 = index.counts().values().sum();
        if index.live_versions() != live || indexed != searchable {
            return Some(format!(
                "its search index counts {} records ({indexed} searchable) but the live entries count {live} \
                 ({searchable} searchable)",
                index.live_versions()
            ));
        }
        match self.read_expected_count() {
            Some(expected) if live < expected => Some(format!(
                "it holds {live} records but held {expected} when last written: {} acknowledged records are lost",
                expected - live
            )),
            _ => None,
        }
    }

    /// Checks that every record's bytes hash to the hash they are stored
    /// under and decode, on all cores (hashing and decoding dominate).
    fn check_records(&self, records: &[(RecordHash, sled::IVec)]) -> Result<(), StoreError> {
        let one = |(hash, bytes): &(RecordHash, sled::IVec)| {
            if RecordHash::of(bytes) != *hash {
                return Err(damage(format!("the bytes of record {hash} no longer hash to its id")));
            }
            VerifiedRecord::from_trusted_parts(bytes, *hash, &self.network)
                .map(drop)
                .map_err(|e| damage(format!("record {hash} no longer decodes ({e})")))
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let part = records.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            let workers: Vec<_> =
                records.chunks(part).map(|chunk| scope.spawn(move || chunk.iter().try_for_each(one))).collect();
            workers.into_iter().try_for_each(|worker| worker.join().unwrap_or(Err(StoreError::SearchThread)))
        })
    }

    /// The number of live versions the last flush left, if it was written.
    fn read_expected_count(&self) -> Option<u64> {
        let text = std::fs::read_to_string(self.path.join(EXPECTED_COUNT_FILE)).ok()?;
        text.trim().parse().ok()
    }

    /// Flushes sled, then notes how many live versions are now on disk. The
    /// count is read before the flush (everything counted is then written);
    /// a removal meanwhile writes its own, lower count.
    pub(super) fn flush_and_note_count(&self) -> Result<(), StoreError> {
        let removals = self.removals.load(Ordering::Acquire);
        let count = self.live_len() as u64;
        self.db.flush()?;
        let _guard = self.expected.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if self.removals.load(Ordering::Acquire) == removals {
            self.write_expected_count(count)?;
        }
        Ok(())
    }

    /// Notes a lower count after records were removed (`count` is the live
    /// count after the removal).
    pub(super) fn note_removal(&self, count: u64) -> Result<(), StoreError> {
        self.removals.fetch_add(1, Ordering::AcqRel);
        let _guard = self.expected.lock.lock().unwrap_or_else(PoisonError::into_inner);
        self.write_expected_count(count)
    }

    fn write_expected_count(&self, count: u64) -> Result<(), StoreError> {
        let path = self.path.join(EXPECTED_COUNT_FILE);
        let partial = self.path.join(format!("{EXPECTED_COUNT_FILE}.partial"));
        std::fs::write(&partial, count.to_string())
            .and_then(|()| std::fs::rename(&partial, &path))
            .map_err(|e| StoreError::Sled(sled::Error::Io(e)))
    }
}

/// The live and sync entries a check read.
#[derive(Default)]
struct LiveCounts {
    live: u64,
    searchable: u64,
    sync: u64,
    /// Live entries whose record bytes were not found: (hash, key).
    missing: Vec<(RecordHash, Vec<u8>)>,
}

impl LiveCounts {
    fn add_live(
        &mut self,
        key: &[u8],
        value: &[u8],
        has_blob: impl Fn(&RecordHash) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let entry =
            LiveEntry::parse(value).map_err(|_| damage(format!("the live entry {} is malformed", words(key))))?;
        self.live += 1;
        self.searchable += u64::from(entry.slot != NO_SLOT);
        if !has_blob(&entry.hash)? {
            self.missing.push((entry.hash, key.to_vec()));
        }
        Ok(())
    }
}

/// A damage report whose path the caller fills in ([`with_path`]).
fn damage(what: impl Into<String>) -> StoreError {
    StoreError::Damaged { path: PathBuf::new(), what: what.into() }
}

/// Turns what shows a damaged database into [`StoreError::Damaged`] naming
/// `path`: sled's checksum errors, malformed entries, records that no longer
/// decode, and the check's own findings.
pub(super) fn with_path(error: StoreError, path: &Path) -> StoreError {
    let what = match error {
        StoreError::Damaged { what, .. } => what,
        StoreError::Sled(sled::Error::Corruption { at, .. }) => match at.as_ref().and_then(first_number) {
            Some(offset) => format!("sled found data whose checksum does not match at file offset {offset}"),
            None => "sled found data whose checksum does not match".to_owned(),
        },
        StoreError::Corrupt { what } => format!("a {what} entry has the wrong length"),
        StoreError::DamagedRecord(e) => format!("a stored record no longer decodes ({e})"),
        other => return other,
    };
    StoreError::Damaged { path: path.to_owned(), what }
}

/// The first number in sled's description of a disk position (it has no
/// accessor for the offset).
fn first_number(at: &impl std::fmt::Debug) -> Option<u64> {
    let text = format!("{at:?}");
    let digits: String = text.chars().skip_while(|c| !c.is_ascii_digit()).take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A stored key in words: its kind and id when it is a live key, else hex.
fn words(key: &[u8]) -> String {
    let readable = key.get(33..).and_then(|rest| {
        let (kind, id) = rest.split_at(rest.iter().position(|b| *b == 0)?);
        Some(format!("{} {}", std::str::from_utf8(kind).ok()?, std::str::from_utf8(&id[1..]).ok()?))
    });
    readable.unwrap_or_else(|| hex::encode(key))
}
