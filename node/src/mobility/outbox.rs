//! Delivering the steps this node took: the outbox, in the order they were
//! taken, through the node's [`StepCourier`](super::StepCourier); backoff
//! after a failed attempt; and the receipts that come back.
//!
//! Each thread's steps go in order, and a thread whose step was not taken
//! sends nothing after it in that pass; threads are served concurrently, so
//! one unreachable partner, or one thread waiting for something, holds up no
//! other. After the k-th failed attempt of a step, the next one is due
//! min(`outbox_retry_min` × 2^min(k, 16), `outbox_retry_max`) later on the
//! node's clock; a peer connecting retries everything at once.

use std::collections::BTreeMap;
use std::time::Duration;

use futures::StreamExt;
use serde::{Deserialize, Serialize};
use tokio::sync::watch;
use vetnet_protocol::mobility::thread::ThreadStatus;
use vetnet_protocol::mobility::{ReceiptStatus, VerifiedReceipt};
use vetnet_protocol::{InstitutionId, RecordHash};

use super::courier::OutgoingStep;
use super::log::{Delivery, LoggedStatus, OUTBOX, RECEIPT, STEP, THREAD, ThreadLog, decode, encode, key_of};
use super::{Mobility, MobilityError};
use crate::network::NetworkTiming;

/// Threads an outbox pass serves at the same time.
const CONCURRENT_THREADS: usize = 16;

/// A step waiting to be delivered.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct OutboxEntry {
    pub(super) thread: String,
    #[serde(with = "serde_bytes")]
    pub(super) hash: Vec<u8>,
    #[serde(with = "serde_bytes")]
    pub(super) to: Vec<u8>,
    pub(super) attempts: u32,
    /// Unix milliseconds on the node's clock before which it is not tried
    /// again (a new connection to the other node tries at once).
    pub(super) next_attempt_ms: u64,
}

/// One thread's outbox entries, in order, with their keys.
type OutboxQueue = Vec<(sled::IVec, OutboxEntry)>;

/// How long a step waits after its `attempts`-th failed attempt.
pub fn retry_wait(timing: &NetworkTiming, attempts: u32) -> Duration {
    timing.outbox_retry_min.saturating_mul(1u32 << attempts.min(16)).min(timing.outbox_retry_max)
}

/// A step's outbox entry as the outbox holds it now, for callers that show
/// when its next attempt is due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxState {
    pub thread: String,
    pub step: RecordHash,
    /// Failed attempts so far.
    pub attempts: u32,
    /// Unix milliseconds on the node's clock; 0 for "at once".
    pub next_attempt_ms: u64,
}

impl Mobility {
    /// Wakes the outbox now, whatever the backoff (a peer connected).
    pub fn retry_now(&self) {
        self.inner.retry_now.notify_one();
    }

    /// Steps still to deliver.
    pub fn outbox_len(&self) -> usize {
        self.inner.tree.scan_prefix(OUTBOX).count()
    }

    /// The steps still to deliver, in the order they were taken.
    pub fn outbox(&self) -> Result<Vec<OutboxState>, MobilityError> {
        let mut states = Vec::new();
        for item in self.inner.tree.scan_prefix(OUTBOX) {
            let (_, value) = item?;
            let entry: OutboxEntry = decode(&value)?;
            states.push(OutboxState {
                step: hash_of(&entry)?,
                thread: entry.thread,
                attempts: entry.attempts,
                next_attempt_ms: entry.next_attempt_ms,
            });
        }
        Ok(states)
    }

    /// Delivers the outbox until `shutdown`: when a step is taken, when a
    /// peer connects, and on a timer for the rest.
    pub async fn run_outbox(self, mut shutdown: watch::Receiver<bool>) {
        let mut timer = tokio::time::interval(self.inner.timing.outbox_retry_min);
        timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            let force = tokio::select! {
                _ = self.inner.outbox_changed.notified() => false,
                _ = self.inner.retry_now.notified() => true,
                _ = timer.tick() => false,
                _ = shutdown.changed() => break,
            };
            if let Err(e) = self.deliver(force).await {
                tracing::warn!(error = %e, "mobility outbox delivery failed");
            }
        }
    }

    /// One pass over the outbox; `force` tries every entry whatever its
    /// backoff. Each thread's steps go in the order they were taken, and a
    /// thread whose step was not taken sends nothing after it in this pass;
    /// threads are served concurrently (at most [`CONCURRENT_THREADS`]), so
    /// one unreachable partner, or one thread waiting for something, does
    /// not hold up the others.
    pub async fn deliver(&self, force: bool) -> Result<(), MobilityError> {
        let mut queues: BTreeMap<String, OutboxQueue> = BTreeMap::new();
        for item in self.inner.tree.scan_prefix(OUTBOX) {
            let (key, value) = item?;
            let entry: OutboxEntry = decode(&value)?;
            queues.entry(entry.thread.clone()).or_default().push((key, entry));
        }
        let results: Vec<Result<(), MobilityError>> = futures::stream::iter(queues)
            .map(|(_, queue)| self.deliver_queue(queue, force))
            .buffer_unordered(CONCURRENT_THREADS)
            .collect()
            .await;
        results.into_iter().collect()
    }

    /// Delivers one thread's steps in order, until one is not taken.
    async fn deliver_queue(&self, queue: OutboxQueue, force: bool) -> Result<(), MobilityError> {
        let now_ms = self.inner.clock.now_unix_ms();
        for (key, entry) in queue {
            if !force && entry.next_attempt_ms > now_ms {
                return Ok(());
            }
            if !self.outbox_holds(&key, &entry)? {
                // Superseded or refused earlier in this pass.
                continue;
            }
            let Some(bytes) = self.inner.tree.get(key_of(STEP, &entry.hash))? else {
                self.inner.tree.remove(&key)?;
                continue;
            };
            let to = InstitutionId::from_bytes(
                entry.to.as_slice().try_into().map_err(|_| MobilityError::Corrupt("outbox addressee".into()))?,
            );
            let step = OutgoingStep::new(to, bytes.to_vec(), self.network_name(), self.inner.store.clone());
            let short = hex::encode(&entry.hash[..8]);
            tracing::debug!(thread = %entry.thread, step = %short, attempts = entry.attempts, "sending a mobility step");
            match self.inner.courier.carry(&step).await {
                Ok(receipt) if receipt.step != step.hash => {
                    let why = "the courier brought a receipt for another step".to_owned();
                    self.back_off(&key, &entry, why).await?;
                    return Ok(());
                }
                Ok(receipt) if receipt.payload.status != ReceiptStatus::Retry => {
                    tracing::debug!(thread = %entry.thread, step = %short, status = %receipt.payload.status, "receipt");
                    self.apply_receipt(&key, &entry, receipt).await?;
                }
                Ok(receipt) => {
                    let why = receipt.payload.reason.clone().unwrap_or_else(|| "the other node asked to retry".into());
                    tracing::debug!(thread = %entry.thread, step = %short, %why, "the other node asks to retry");
                    self.back_off(&key, &entry, why).await?;
                    return Ok(());
                }
                Err(why) => {
                    tracing::debug!(thread = %entry.thread, step = %short, error = %why, "not delivered");
                    self.back_off(&key, &entry, why.to_string()).await?;
                    return Ok(());
                }
            }
        }
        Ok(())
    }

    /// Whether the outbox still holds `entry` under `key`.
    fn outbox_holds(&self, key: &sled::IVec, entry: &OutboxEntry) -> Result<bool, MobilityError> {
        Ok(match self.inner.tree.get(key)? {
            Some(value) => decode::<OutboxEntry>(&value)?.hash == entry.hash,
            None => false,
        })
    }

    /// Counts a failed attempt and sets when the next one is due.
    async fn back_off(&self, key: &sled::IVec, entry: &OutboxEntry, why: String) -> Result<(), MobilityError> {
        let _guard = self.inner.lock.lock().await;
        if !self.outbox_holds(key, entry)? {
            return Ok(());
        }
        let attempts = entry.attempts.saturating_add(1);
        let wait = retry_wait(&self.inner.timing, attempts);
        let mut updated = entry.clone();
        updated.attempts = attempts;
        updated.next_attempt_ms = self.inner.clock.now_unix_ms().saturating_add(wait.as_millis() as u64);
        let mut batch = sled::Batch::default();
        batch.insert(key.clone(), encode(&updated)?);
        if let Some(mut log) = self.read_log(&entry.thread)? {
            if let Some(e) = log.entries.iter_mut().find(|e| e.hash[..] == entry.hash[..]) {
                e.delivery = Delivery::Pending { attempts, last_error: Some(why) };
            }
            batch.insert(key_of(THREAD, log.thread.as_bytes()), encode(&log)?);
        }
        self.inner.tree.apply_batch(batch)?;
        Ok(())
    }

    /// Records the other node's answer to a delivered step.
    async fn apply_receipt(
        &self,
        key: &sled::IVec,
        entry: &OutboxEntry,
        receipt: VerifiedReceipt,
    ) -> Result<(), MobilityError> {
        let _guard = self.inner.lock.lock().await;
        if !self.outbox_holds(key, entry)? {
            // Superseded or erased meanwhile: keep the receipt only.
            self.inner.tree.insert(key_of(RECEIPT, &entry.hash), receipt.bytes.clone())?;
            return Ok(());
        }
        let Some(mut log) = self.read_log(&entry.thread)? else {
            self.inner.tree.remove(key)?;
            return Ok(());
        };
        let hash = hash_of(entry)?;
        let now = self.now();
        let mut batch = sled::Batch::default();
        batch.remove(key.clone());
        batch.insert(key_of(RECEIPT, &hash.0), receipt.bytes.clone());
        match receipt.payload.status {
            ReceiptStatus::Accepted | ReceiptStatus::Duplicate | ReceiptStatus::Retry => {
                if let Some(e) = log.entry_mut(&hash) {
                    e.delivery = Delivery::Delivered { at: now };
                }
            }
            ReceiptStatus::Refused | ReceiptStatus::Conflict => {
                self.drop_untaken(&mut batch, &mut log, &hash, &receipt)?;
            }
        }
        log.updated = now;
        // One write: the outbox entry, the receipt, any dropped steps and the
        // log change together.
        batch.insert(key_of(THREAD, log.thread.as_bytes()), encode(&log)?);
        self.inner.tree.apply_batch(batch)?;
        self.flush().await
    }

    /// The other node did not take step `hash` (refused, or a fork it won):
    /// the step, and any link of ours after it, leave the thread.
    fn drop_untaken(
        &self,
        batch: &mut sled::Batch,
        log: &mut ThreadLog,
        hash: &RecordHash,
        receipt: &VerifiedReceipt,
    ) -> Result<(), MobilityError> {
        let field = receipt.payload.field.clone().unwrap_or_else(|| "step".into());
        let reason = receipt.payload.reason.clone().unwrap_or_else(|| "the other party took a step first".into());
        tracing::info!(thread = %log.thread, %field, "the other node did not take a step");
        let mut dropped = Vec::new();
        if log.erased.is_none()
            && let Some(mut thread) = self.rebuild(log)?
        {
            if let Some(position) = thread.position(hash) {
                dropped = thread.truncate(position);
            } else if let Some(signature) = thread.signatures().iter().find(|s| s.hash == *hash) {
                dropped.push(signature.clone());
            }
        }
        self.supersede_into(batch, log, &dropped)?;
        if receipt.payload.status == ReceiptStatus::Refused
            && let Some(e) = log.entry_mut(hash)
        {
            e.delivery = Delivery::Refused { field, reason };
        }
        log.status = LoggedStatus(self.status_of(log)?);
        if !log.entries.iter().any(|e| e.delivery.is_active() && e.kind.is_link()) {
            // The interest itself was refused: the thread never opened there.
            log.status = LoggedStatus(ThreadStatus::Refused);
        }
        Ok(())
    }
}

fn hash_of(entry: &OutboxEntry) -> Result<RecordHash, MobilityError> {
    Ok(RecordHash(entry.hash.as_slice().try_into().map_err(|_| MobilityError::Corrupt("outbox hash".into()))?))
}
