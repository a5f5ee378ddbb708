//! Reading what can still be read of a damaged database, for `vetnet repair`.
//!
//! sled checks a checksum on every page it reads, so an entry it hands out is
//! intact; a damaged page is an error for every read that passes through it.
//! [`DamagedDatabase::read_tree`] reads a tree in key order and, when a read
//! fails, searches (bisecting the key space) for the first key after the
//! damage that reads again, so one damaged page costs the entries in it, not
//! every entry after it. What could not be read is reported as ranges
//! between the last key read and the next ([`Unreadable`]).
//!
//! [`RecordStore::restore_records`] then writes into a fresh store, through
//! the normal insert path, every record whose bytes hash to their id and
//! open as a signed record ([`VerifiedRecord::open`], as if from a peer), and
//! reports what the damaged database held that is not kept.

use std::collections::{BTreeMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use vetnet_protocol::{InstitutionId, RecordHash, ValidationContext, VerifiedRecord};

use super::check::EXPECTED_COUNT_FILE;
use super::layout::{BLOB, LIVE, LiveEntry, OUTBOX, SYNC, prefixed};
use super::peers::decode_peer;
use super::{RecordStore, StoreError, open_sled};

/// What a read of a damaged tree calls with each entry it reads (key, value).
pub type EntryVisitor<'a> = dyn FnMut(&[u8], &[u8]) -> Result<(), StoreError> + 'a;

/// Ranges of unreadable entries kept per tree before the rest of it is given
/// up (each costs a search of the key space).
const MAX_UNREADABLE_RANGES: usize = 1_000;

/// Records written to the new store in one batch.
const RESTORE_BATCH: usize = 1_024;

/// A damaged sled database, opened only to read it.
pub struct DamagedDatabase {
    db: sled::Db,
    path: PathBuf,
}

/// A run of entries that could not be read: everything after `after` (or
/// from the tree's start) and before `before` (or to its end).
#[derive(Debug, Clone)]
pub struct Unreadable {
    pub after: Option<Vec<u8>>,
    pub before: Option<Vec<u8>>,
    /// What sled said, in words.
    pub error: String,
}

impl Unreadable {
    /// The range in words, each key shown by `key_words`.
    pub fn describe(&self, key_words: impl Fn(&[u8]) -> String) -> String {
        let after = self.after.as_deref().map_or_else(|| "the start".to_owned(), &key_words);
        let before = self.before.as_deref().map_or_else(|| "the end".to_owned(), &key_words);
        format!("the entries after {after} and before {before} ({})", self.error)
    }
}

/// What [`RecordStore::restore_records`] kept and found lost.
#[derive(Debug, Default)]
pub struct RecordsRestored {
    /// Records kept per kind.
    pub kept: BTreeMap<String, u64>,
    pub own_kept: u64,
    /// Own records the damaged database had a live entry for but whose
    /// bytes are lost: (kind, id).
    pub own_lost: Vec<(String, String)>,
    /// Own records in the damaged outbox (not yet sent to any peer) that are lost.
    pub own_lost_unsent: u64,
    /// Entries whose bytes did not hash to their id or did not open.
    pub damaged: u64,
    /// The live records the damaged database held, as far as it tells.
    pub held_before: u64,
    /// The unreadable parts of the `records` tree, in words.
    pub unreadable: Vec<String>,
}

/// The live entries of a damaged database.
struct LiveScan {
    entries: u64,
    /// Own records with a live entry and no intact bytes: (kind, id).
    own_lost: Vec<(String, String)>,
    unreadable: Vec<Unreadable>,
}

impl DamagedDatabase {
    /// Opens `path` with sled, or says in words why sled cannot (also when
    /// sled panics on what it finds, which sled 0.34 does on some damage).
    pub fn open(path: &Path) -> Result<Self, String> {
        match open_sled(&sled::Config::new().path(path).cache_capacity(64 * 1024 * 1024)) {
            Ok(db) => Ok(Self { db, path: path.to_owned() }),
            Err(StoreError::Sled(e)) => Err(sled_words(&e)),
            Err(StoreError::Damaged { what, .. }) => Err(what),
            Err(other) => Err(other.to_string()),
        }
    }

    /// The names of the trees besides sled's default one.
    pub fn tree_names(&self) -> Vec<String> {
        self.db
            .tree_names()
            .iter()
            .filter(|name| name.as_ref() != b"__sled__default")
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect()
    }

    /// The live count the store noted at its last flush, if the file is there.
    pub fn expected_count(&self) -> Option<u64> {
        std::fs::read_to_string(self.path.join(EXPECTED_COUNT_FILE)).ok()?.trim().parse().ok()
    }

    /// Calls `visit` with every entry of tree `name` that can be read, in key
    /// order, and returns the ranges that could not be.
    pub fn read_tree(&self, name: &str, visit: &mut EntryVisitor<'_>) -> Result<Vec<Unreadable>, StoreError> {
        self.read(name, &[], visit)
    }

    fn read(&self, name: &str, prefix: &[u8], visit: &mut EntryVisitor<'_>) -> Result<Vec<Unreadable>, StoreError> {
        let tree = match catch_unwind(AssertUnwindSafe(|| self.db.open_tree(name))) {
            Ok(Ok(tree)) => tree,
            Ok(Err(e)) => return Ok(vec![whole_tree(sled_words(&e))]),
            Err(_) => return Ok(vec![whole_tree("sled stopped with an internal error".to_owned())]),
        };
        match catch_unwind(AssertUnwindSafe(|| read_prefix(&tree, prefix, visit))) {
            Ok(result) => result,
            Err(_) => Ok(vec![whole_tree("sled stopped with an internal error while reading".to_owned())]),
        }
    }
}

fn whole_tree(error: String) -> Unreadable {
    Unreadable { after: None, before: None, error }
}

/// Reads every entry of `tree` whose key starts with `prefix`, skipping what
/// cannot be read (see the module doc).
fn read_prefix(tree: &sled::Tree, prefix: &[u8], visit: &mut EntryVisitor<'_>) -> Result<Vec<Unreadable>, StoreError> {
    let end = prefix_end(prefix);
    let mut start = prefix.to_vec();
    let mut last: Option<Vec<u8>> = None;
    let mut gaps = Vec::new();
    loop {
        let entries = match &end {
            Some(end) => tree.range(start.clone()..end.clone()),
            None => tree.range(start.clone()..),
        };
        let mut failed = None;
        for entry in entries {
            match entry {
                Ok((key, value)) => {
                    visit(&key, &value)?;
                    last = Some(key.to_vec());
                }
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        let Some(error) = failed else { break };
        let from = match &last {
            Some(key) if *key >= start => successor(key),
            _ => start.clone(),
        };
        let next = first_readable(tree, &from, end.as_deref());
        gaps.push(Unreadable { after: last.clone(), before: next.clone(), error: sled_words(&error) });
        match next {
            Some(key) if last.as_ref().is_none_or(|last| key > *last) && gaps.len() < MAX_UNREADABLE_RANGES => {
                start = key;
            }
            _ => break,
        }
    }
    Ok(gaps)
}

/// What reading from a key on finds first.
enum Probe {
    Entry(Vec<u8>),
    End,
    Unreadable,
}

fn probe(tree: &sled::Tree, start: &[u8], end: Option<&[u8]>) -> Probe {
    let first = match end {
        Some(end) => tree.range(start.to_vec()..end.to_vec()).next(),
        None => tree.range(start.to_vec()..).next(),
    };
    match first {
        Some(Ok((key, _))) => Probe::Entry(key.to_vec()),
        None => Probe::End,
        Some(Err(_)) => Probe::Unreadable,
    }
}

/// The first key at or after `from` (and before `end`) from which the tree
/// reads again, found by bisecting the key space between `from`, which does
/// not read, and `end`, which does (nothing is there): each probe reads from
/// the middle key and keeps the half where reading changes from failing to
/// working. Keys are compared as fixed-length numbers (padded with zeros).
fn first_readable(tree: &sled::Tree, from: &[u8], end: Option<&[u8]>) -> Option<Vec<u8>> {
    if let Probe::Entry(key) = probe(tree, from, end) {
        return Some(key);
    }
    let width = from.len().max(end.map_or(0, <[u8]>::len)) + 8;
    let mut low = padded(from, width, 0);
    let mut high = end.map_or_else(|| vec![u8::MAX; width], |end| padded(end, width, 0));
    loop {
        let middle = midpoint(&low, &high);
        if middle == low {
            break;
        }
        match probe(tree, &middle, end) {
            Probe::Unreadable => low = middle,
            Probe::Entry(_) | Probe::End => high = middle,
        }
    }
    match probe(tree, &high, end) {
        Probe::Entry(key) => Some(key),
        Probe::End | Probe::Unreadable => None,
    }
}

/// `key` cut or padded with `fill` to `width` bytes.
fn padded(key: &[u8], width: usize, fill: u8) -> Vec<u8> {
    let mut padded = key.to_vec();
    padded.resize(width, fill);
    padded
}

/// The middle of two keys of the same length read as big-endian numbers
/// (rounded down).
fn midpoint(low: &[u8], high: &[u8]) -> Vec<u8> {
    let mut sum = vec![0u16; low.len()];
    let mut carry = 0u16;
    for i in (0..low.len()).rev() {
        let total = u16::from(low[i]) + u16::from(high[i]) + carry;
        sum[i] = total & 0xff;
        carry = total >> 8;
    }
    let mut middle = vec![0u8; low.len()];
    let mut upper = carry;
    for (out, byte) in middle.iter_mut().zip(&sum) {
        let value = (upper << 8) | byte;
        *out = (value >> 1) as u8;
        upper = value & 1;
    }
    middle
}

/// The smallest key after `key`.
fn successor(key: &[u8]) -> Vec<u8> {
    let mut next = key.to_vec();
    next.push(0);
    next
}

/// The smallest key after every key that starts with `prefix`, or `None`
/// when there is none (an empty prefix, or only `0xff` bytes).
fn prefix_end(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut end = prefix.to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// A sled error in words, without its debug text.
pub(super) fn sled_words(error: &sled::Error) -> String {
    match error {
        sled::Error::Corruption { .. } => "sled found data whose checksum does not match".to_owned(),
        sled::Error::Io(e) => format!("reading failed: {e}"),
        other => other.to_string(),
    }
}

/// A `records` key in words: the kind and id of a live entry, the hash of
/// stored bytes, or hex.
pub fn record_key_words(key: &[u8]) -> String {
    match key.first() {
        Some(&LIVE) => match live_key_parts(key) {
            Some((_, kind, id)) => format!("{kind} {id}"),
            None => hex::encode(key),
        },
        Some(&BLOB) | Some(&OUTBOX) => format!("record {}", hex::encode(&key[1..])),
        _ => hex::encode(key),
    }
}

/// The author, kind and id of an `L` key.
fn live_key_parts(key: &[u8]) -> Option<([u8; 32], String, String)> {
    let author: [u8; 32] = key.get(1..33)?.try_into().ok()?;
    let rest = key.get(33..)?;
    let zero = rest.iter().position(|b| *b == 0)?;
    let kind = std::str::from_utf8(&rest[..zero]).ok()?.to_owned();
    let id = std::str::from_utf8(&rest[zero + 1..]).ok()?.to_owned();
    Some((author, kind, id))
}

impl RecordStore {
    /// Writes into this (new, empty) store every record of `damaged` that is
    /// intact, through `insert_all`, so the search index, the live set and
    /// the key ledger are derived as for any insert; own records that were
    /// waiting in the damaged outbox wait in this one. `own` is this
    /// institution; `now` judges records "from the future" as for a peer's.
    pub fn restore_records(
        &self,
        damaged: &DamagedDatabase,
        own: &InstitutionId,
        now: u64,
    ) -> Result<RecordsRestored, StoreError> {
        let mut restored = RecordsRestored::default();
        let mut unreadable = Vec::new();
        let mut outbox = HashSet::new();
        unreadable.extend(damaged.read("records", &[OUTBOX], &mut |key, _| {
            if let Some(hash) = key.get(1..).and_then(|h| <[u8; 32]>::try_from(h).ok()) {
                outbox.insert(RecordHash(hash));
            }
            Ok(())
        })?);
        let network = self.network.clone();
        let ctx = ValidationContext { network: &network, now };
        let mut kept = HashSet::new();
        let mut raw = Vec::new();
        let mut keep_raw = |raw: &mut Vec<(Vec<u8>, Vec<u8>)>, restored: &mut RecordsRestored| {
            let opened = open_intact(&std::mem::take(raw), &ctx);
            restored.damaged += opened.iter().filter(|record| record.is_none()).count() as u64;
            let mut batch: Vec<VerifiedRecord> = opened.into_iter().flatten().collect();
            self.keep(&mut batch, &outbox, own, &mut kept, restored)
        };
        unreadable.extend(damaged.read("records", &[BLOB], &mut |key, bytes| {
            raw.push((key.get(1..).unwrap_or_default().to_vec(), bytes.to_vec()));
            if raw.len() >= RESTORE_BATCH {
                keep_raw(&mut raw, &mut restored)?;
            }
            Ok(())
        })?);
        keep_raw(&mut raw, &mut restored)?;
        let live = self.restore_missing_blobs(damaged, &ctx, &outbox, own, &mut kept, &mut restored)?;
        unreadable.extend(live.unreadable);
        restored.own_lost = live.own_lost;
        let mut sync = 0u64;
        unreadable.extend(damaged.read("records", &[SYNC], &mut |_, _| {
            sync += 1;
            Ok(())
        })?);
        restored.own_lost_unsent = outbox.iter().filter(|hash| !kept.contains(*hash)).count() as u64;
        let kept_total = kept.len() as u64;
        restored.held_before =
            [damaged.expected_count().unwrap_or(0), live.entries, sync, kept_total].into_iter().max().unwrap_or(0);
        restored.unreadable =
            unreadable.iter().map(|gap| format!("records: {}", gap.describe(record_key_words))).collect();
        Ok(restored)
    }

    /// Reads the damaged live entries: a live entry whose bytes were not
    /// kept is looked up once more by its hash (the scan may have skipped
    /// a readable page), else it is lost.
    fn restore_missing_blobs(
        &self,
        damaged: &DamagedDatabase,
        ctx: &ValidationContext<'_>,
        outbox: &HashSet<RecordHash>,
        own: &InstitutionId,
        kept: &mut HashSet<RecordHash>,
        restored: &mut RecordsRestored,
    ) -> Result<LiveScan, StoreError> {
        let mut live = 0u64;
        let mut missing = Vec::new();
        let gaps = damaged.read("records", &[LIVE], &mut |key, value| {
            live += 1;
            if let Ok(entry) = LiveEntry::parse(value)
                && !kept.contains(&entry.hash)
            {
                missing.push((key.to_vec(), entry.hash));
            }
            Ok(())
        })?;
        let records = damaged.db.open_tree("records").ok();
        let mut own_lost = Vec::new();
        for (key, hash) in missing {
            let found = records
                .as_ref()
                .and_then(|tree| tree.get(prefixed(BLOB, &hash.0)).ok().flatten())
                .and_then(|bytes| intact_record(&hash.0, &bytes, ctx));
            match found {
                Some(record) => self.keep(&mut vec![record], outbox, own, kept, restored)?,
                None => {
                    if let Some((author, kind, id)) = live_key_parts(&key)
                        && author == *own.as_bytes()
                    {
                        own_lost.push((kind, id));
                    }
                }
            }
        }
        Ok(LiveScan { entries: live, own_lost, unreadable: gaps })
    }

    /// Inserts `batch` (emptying it): those in `outbox` queued for gossip again.
    fn keep(
        &self,
        batch: &mut Vec<VerifiedRecord>,
        outbox: &HashSet<RecordHash>,
        own: &InstitutionId,
        kept: &mut HashSet<RecordHash>,
        restored: &mut RecordsRestored,
    ) -> Result<(), StoreError> {
        let (unsent, sent): (Vec<VerifiedRecord>, Vec<VerifiedRecord>) =
            std::mem::take(batch).into_iter().partition(|record| outbox.contains(&record.hash));
        for (records, queue) in [(sent, false), (unsent, true)] {
            if records.is_empty() {
                continue;
            }
            let outcomes = if queue { self.insert_own_batch(&records)? } else { self.insert_batch(&records)? };
            for (record, outcome) in records.iter().zip(outcomes) {
                if outcome.is_stored() {
                    kept.insert(record.hash);
                    *restored.kept.entry(record.payload.kind.as_str().to_owned()).or_default() += 1;
                    restored.own_kept += u64::from(record.author == *own);
                }
            }
        }
        Ok(())
    }

    /// Copies the address book of `damaged` (what can be read and decodes).
    /// Returns the entries kept and the unreadable ranges in words.
    pub fn restore_peers(&self, damaged: &DamagedDatabase) -> Result<(u64, Vec<String>), StoreError> {
        let mut kept = 0u64;
        let gaps = damaged.read("peers", &[], &mut |peer, value| {
            if let Some((seen, addrs)) = decode_peer(value) {
                self.remember_peer(peer, &addrs, seen)?;
                kept += 1;
            }
            Ok(())
        })?;
        Ok((kept, gaps.iter().map(|gap| format!("peers: {}", gap.describe(|key| hex::encode(key)))).collect()))
    }
}

/// [`intact_record`] of each (hash, bytes), on all cores (checking the
/// signatures dominates a repair).
fn open_intact(raw: &[(Vec<u8>, Vec<u8>)], ctx: &ValidationContext<'_>) -> Vec<Option<VerifiedRecord>> {
    let open = |part: &[(Vec<u8>, Vec<u8>)]| -> Vec<Option<VerifiedRecord>> {
        part.iter().map(|(hash, bytes)| intact_record(hash, bytes, ctx)).collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(raw.len().div_ceil(64));
    if threads <= 1 {
        return open(raw);
    }
    std::thread::scope(|scope| {
        let parts: Vec<_> =
            raw.chunks(raw.len().div_ceil(threads)).map(|part| (part.len(), scope.spawn(move || open(part)))).collect();
        // A worker that panicked opened none of its part: those count as damaged.
        parts
            .into_iter()
            .flat_map(|(len, worker)| worker.join().unwrap_or_else(|_| (0..len).map(|_| None).collect()))
            .collect()
    })
}

/// The record stored under `hash`, if its bytes still hash to it and open
/// as a signed record of this network.
fn intact_record(hash: &[u8], bytes: &[u8], ctx: &ValidationContext<'_>) -> Option<VerifiedRecord> {
    let hash = RecordHash(hash.try_into().ok()?);
    if RecordHash::of(bytes) != hash {
        return None;
    }
    VerifiedRecord::open(bytes, ctx).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_midpoint_of_two_keys_is_between_them() {
        assert_eq!(midpoint(&[0, 0], &[0, 2]), vec![0, 1]);
        assert_eq!(midpoint(&[0, 255], &[1, 1]), vec![1, 0]);
        assert_eq!(midpoint(&[255, 255], &[255, 255]), vec![255, 255]);
        assert_eq!(midpoint(&[1, 0], &[1, 1]), vec![1, 0]);
    }

    #[test]
    fn a_prefix_ends_after_its_last_key() {
        assert_eq!(prefix_end(b"B"), Some(b"C".to_vec()));
        assert_eq!(prefix_end(&[1, 255]), Some(vec![2]));
        assert_eq!(prefix_end(&[]), None);
        assert_eq!(prefix_end(&[255]), None);
    }
}
