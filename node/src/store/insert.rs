//! The write path: every change to records goes through
//! `RecordStore::insert_all`, which judges each record against what is
//! held and the key ledger, writes sled in one atomic batch and updates the
//! search index under its write lock; and `purge_refused`, which removes
//! what a late rotation or revocation refuses.

use std::collections::HashMap;
use std::sync::atomic::Ordering;

use vetnet_protocol::{Content, InstitutionId, RecordKind, VerifiedRecord};

use super::index::{NO_SLOT, SearchIndex, Slot, SlotEntry, encode_terms};
use super::key_ledger::KeyRecordRole;
use super::layout::{BLOB, LIVE, LiveEntry, OUTBOX, SEARCH_INDEX_SNAPSHOT, kind_of_live_key, prefixed, sync_key};
use super::{InsertOutcome, RecordStore, StoreError, endorses};

impl RecordStore {
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

    /// Stores own records (a key rotation and what it re-signs) in one
    /// atomic write, each queued in the outbox.
    pub fn insert_own_batch(&self, records: &[VerifiedRecord]) -> Result<Vec<InsertOutcome>, StoreError> {
        self.insert_all(records, true)
    }

    fn insert_all(&self, records: &[VerifiedRecord], outbox: bool) -> Result<Vec<InsertOutcome>, StoreError> {
        self.refuse_writes_if_damaged()?;
        self.refuse_writes_if_disk_full()?;
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
        for (record, _) in records.iter().zip(&outcomes).filter(|(_, o)| o.is_stored()) {
            self.kind_generations.bump(&record.payload.record_kind());
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
                if record.payload.seq == held.seq {
                    return Ok(InsertOutcome::SameSeq { seq: held.seq });
                }
                if record.payload.seq < held.seq {
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

    /// Removes the records of `keys` the key ledger now refuses (signed after
    /// a rotation or revocation that arrived after them): their `L`, `B`, `S`
    /// and `O` entries and their index slots, in one write. An older version
    /// a peer still holds may come back by sync, if it was signed in time.
    pub(super) fn purge_refused(&self, keys: &[InstitutionId], index: &mut SearchIndex) -> Result<usize, StoreError> {
        self.refuse_writes_if_damaged()?;
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
        self.note_removal(index.live_versions())?;
        self.generation.fetch_add(1, Ordering::AcqRel);
        for (_, kind, _) in &removed {
            self.kind_generations.bump(&RecordKind::from(kind.as_str()));
        }
        Ok(removed.len())
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
