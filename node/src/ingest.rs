//! Records arriving by gossip: decode, verify, validate, store, and tell
//! gossipsub whether to forward them. One function decides the verdict for
//! every outcome, so the forwarding rule and the peer penalty never disagree.

use std::sync::atomic::{AtomicU64, Ordering};

use vetnet_protocol::{RecordError, ValidationContext, VerifiedRecord};

use crate::network::Verdict;
use crate::publish::unix_now;
use crate::store::{InsertOutcome, RecordStore, StoreError};

/// Counters of what gossip brought, shown by `vetnet status`.
#[derive(Debug, Default)]
pub struct IngestStats {
    pub accepted: AtomicU64,
    pub ignored: AtomicU64,
    pub rejected: AtomicU64,
}

impl IngestStats {
    pub fn count(&self, verdict: Verdict) {
        let counter = match verdict {
            Verdict::Accept => &self.accepted,
            Verdict::Ignore => &self.ignored,
            Verdict::Reject => &self.rejected,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> (u64, u64, u64) {
        (
            self.accepted.load(Ordering::Relaxed),
            self.ignored.load(Ordering::Relaxed),
            self.rejected.load(Ordering::Relaxed),
        )
    }
}

/// The gossip verdict for a record that failed to open.
pub fn verdict_for_error(error: &RecordError) -> Verdict {
    match error {
        // The sender's clock, not the sender, may be at fault.
        RecordError::FromTheFuture { .. } => Verdict::Ignore,
        RecordError::TooLarge { .. }
        | RecordError::Envelope(_)
        | RecordError::BadSignature
        | RecordError::Payload(_)
        | RecordError::Rule(_) => Verdict::Reject,
    }
}

/// Checks and stores one record from a peer, and says what gossip should do.
pub fn ingest(store: &RecordStore, network: &str, bytes: &[u8]) -> (Verdict, Result<InsertOutcome, IngestError>) {
    let ctx = ValidationContext { network, now: unix_now() };
    let record = match VerifiedRecord::open(bytes, &ctx) {
        Ok(record) => record,
        Err(e) => return (verdict_for_error(&e), Err(IngestError::Record(e))),
    };
    match store.insert(&record) {
        Ok(outcome) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
        Ok(outcome) => (Verdict::Ignore, Ok(outcome)),
        // Not the peer's fault: do not forward what we could not keep, but do not penalise.
        Err(e) => (Verdict::Ignore, Err(IngestError::Store(e))),
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Record(RecordError),
    #[error(transparent)]
    Store(StoreError),
}

/// [`ingest`] for a batch (what sync fetches): records are opened in
/// parallel on every core, then the valid ones are stored in one
/// transaction. Verdicts come back in the order of `batch`.
pub fn ingest_batch(
    store: &RecordStore,
    network: &str,
    batch: &[impl AsRef<[u8]> + Sync],
) -> Vec<(Verdict, Result<InsertOutcome, IngestError>)> {
    let ctx = ValidationContext { network, now: unix_now() };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = batch.len().div_ceil(threads).max(1);
    let opened: Vec<Result<VerifiedRecord, RecordError>> = std::thread::scope(|scope| {
        let workers: Vec<_> = batch
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || part.iter().map(|b| VerifiedRecord::open(b.as_ref(), &ctx)).collect::<Vec<_>>())
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    if opened.len() != batch.len() {
        // A worker panicked: judge nothing rather than misattribute verdicts.
        return batch
            .iter()
            .map(|_| (Verdict::Ignore, Err(IngestError::Store(StoreError::Corrupt("ingest worker failed".into())))))
            .collect();
    }
    let valid: Vec<VerifiedRecord> = opened.iter().filter_map(|r| r.as_ref().ok().cloned()).collect();
    let mut stored = match store.insert_batch(&valid) {
        Ok(outcomes) => outcomes.into_iter().map(Ok).collect::<Vec<_>>().into_iter(),
        Err(e) => {
            let message = e.to_string();
            valid.iter().map(|_| Err(StoreError::Corrupt(message.clone()))).collect::<Vec<_>>().into_iter()
        }
    };
    opened
        .into_iter()
        .map(|result| match result {
            Err(e) => (verdict_for_error(&e), Err(IngestError::Record(e))),
            Ok(_) => match stored.next() {
                Some(Ok(outcome)) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
                Some(Ok(outcome)) => (Verdict::Ignore, Ok(outcome)),
                Some(Err(e)) => (Verdict::Ignore, Err(IngestError::Store(e))),
                None => (Verdict::Ignore, Err(IngestError::Store(StoreError::Corrupt("missing outcome".into())))),
            },
        })
        .collect()
}
