//! Records arriving by gossip: decode, verify, validate, store, and tell
//! gossipsub whether to forward them. One function decides the verdict for
//! every outcome, so the forwarding rule and the peer penalty never disagree.
//!
//! Both paths (gossip and sync) count what they store against the author's
//! daily limit ([`AuthorRecordLimit`]); a record over it is ignored (the
//! forwarder is not at fault) and comes again by sync later.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use vetnet_protocol::{InstitutionId, RecordError, ValidationContext, VerifiedRecord};

use crate::network::Verdict;
use crate::rate_limit::AuthorRecordLimit;
use crate::store::{InsertOutcome, RecordStore, StoreError};

/// Counters of what gossip brought, and of why records were ignored (by
/// gossip and by sync), shown by `vetnet status`.
#[derive(Debug, Default)]
pub struct IngestStats {
    pub accepted: AtomicU64,
    pub ignored: AtomicU64,
    pub rejected: AtomicU64,
    /// Records ignored, per [`IgnoreReason`] (in the order of [`IgnoreReason::ALL`]), by path.
    ignored_by_gossip: [AtomicU64; IgnoreReason::ALL.len()],
    ignored_by_sync: [AtomicU64; IgnoreReason::ALL.len()],
}

/// The way a record arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrival {
    Gossip,
    Sync,
}

impl Arrival {
    pub fn as_str(self) -> &'static str {
        match self {
            Arrival::Gossip => "gossip",
            Arrival::Sync => "sync",
        }
    }
}

impl IngestStats {
    /// Counts a gossip verdict (sync verdicts are counted by their session).
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

    /// If `judged` is an Ignore verdict: counts it under its reason and logs
    /// it at debug, with the reason in words. A stale version or a record from
    /// the future is not the sender's fault, so nothing louder is said; store
    /// failures are logged by the caller at their own level.
    pub fn note_ignored(&self, judged: &IngestVerdict, arrival: Arrival) {
        let Some(reason) = IgnoreReason::of(judged) else { return };
        let counters = match arrival {
            Arrival::Gossip => &self.ignored_by_gossip,
            Arrival::Sync => &self.ignored_by_sync,
        };
        counters[reason.index()].fetch_add(1, Ordering::Relaxed);
        tracing::debug!(
            via = arrival.as_str(),
            reason = reason.as_str(),
            detail = %describe_ignored(judged),
            "ignored a record"
        );
    }

    /// The reasons that were counted at least once: (reason, by gossip, by sync).
    pub fn ignored_by_reason(&self) -> Vec<(IgnoreReason, u64, u64)> {
        IgnoreReason::ALL
            .iter()
            .enumerate()
            .map(|(i, reason)| {
                let load = |counters: &[AtomicU64]| counters[i].load(Ordering::Relaxed);
                (*reason, load(&self.ignored_by_gossip), load(&self.ignored_by_sync))
            })
            .filter(|(_, gossip, sync)| gossip + sync > 0)
            .collect()
    }
}

/// Why a record got the Ignore verdict: it is neither stored nor forwarded,
/// and the peer that sent it is not penalised (docs/PROTOCOL.md, "Checking a
/// record, and the gossip verdict").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IgnoreReason {
    /// This node holds a newer version of the record.
    Stale,
    /// This node holds a different record with the same `seq`.
    SameSeq,
    /// This node holds this exact record.
    Duplicate,
    /// Signed by a key after it rotated or was revoked.
    KeyRetired,
    /// `ts` is more than the allowed skew ahead of this node's clock.
    FromTheFuture,
    /// The author's records for the day are used up; sync brings it later.
    AuthorDailyLimit,
    /// This node could not store it (a full disk, a database error).
    StoreError,
    /// A check did not finish (a worker stopped).
    Internal,
}

impl IgnoreReason {
    /// Every reason, in the order status lists them.
    pub const ALL: [IgnoreReason; 8] = [
        IgnoreReason::Stale,
        IgnoreReason::SameSeq,
        IgnoreReason::Duplicate,
        IgnoreReason::KeyRetired,
        IgnoreReason::FromTheFuture,
        IgnoreReason::AuthorDailyLimit,
        IgnoreReason::StoreError,
        IgnoreReason::Internal,
    ];

    /// The reason's place in [`IgnoreReason::ALL`] (the declaration order).
    fn index(self) -> usize {
        self as usize
    }

    /// The reason's name in status, logs and metrics.
    pub fn as_str(self) -> &'static str {
        match self {
            IgnoreReason::Stale => "stale",
            IgnoreReason::SameSeq => "same_seq",
            IgnoreReason::Duplicate => "duplicate",
            IgnoreReason::KeyRetired => "key_retired",
            IgnoreReason::FromTheFuture => "from_the_future",
            IgnoreReason::AuthorDailyLimit => "author_daily_limit",
            IgnoreReason::StoreError => "store_error",
            IgnoreReason::Internal => "internal",
        }
    }

    /// The reason of an Ignore verdict; `None` for Accept and Reject.
    pub fn of(judged: &IngestVerdict) -> Option<IgnoreReason> {
        if judged.0 != Verdict::Ignore {
            return None;
        }
        Some(match &judged.1 {
            Ok(InsertOutcome::Stale { .. }) => IgnoreReason::Stale,
            Ok(InsertOutcome::SameSeq { .. }) => IgnoreReason::SameSeq,
            Ok(InsertOutcome::Duplicate) => IgnoreReason::Duplicate,
            Ok(InsertOutcome::Refused(_)) => IgnoreReason::KeyRetired,
            // An Ignore verdict never carries a stored outcome; counted as internal if one ever does.
            Ok(InsertOutcome::New | InsertOutcome::Replaced { .. }) => IgnoreReason::Internal,
            Err(IngestError::Record(RecordError::FromTheFuture { .. })) => IgnoreReason::FromTheFuture,
            Err(IngestError::Record(_)) => IgnoreReason::Internal,
            Err(IngestError::AuthorRateLimited { .. }) => IgnoreReason::AuthorDailyLimit,
            Err(IngestError::Store(_) | IngestError::BatchStore(_)) => IgnoreReason::StoreError,
            Err(IngestError::WorkerFailed | IngestError::MissingOutcome) => IgnoreReason::Internal,
        })
    }
}

/// An Ignore verdict in words, for the debug log.
fn describe_ignored(judged: &IngestVerdict) -> String {
    match &judged.1 {
        Ok(InsertOutcome::Stale { held_seq }) => format!("this node holds a newer version, seq {held_seq}"),
        Ok(InsertOutcome::SameSeq { seq }) => format!("this node holds a different record with the same seq {seq}"),
        Ok(InsertOutcome::Duplicate) => "this node holds this exact record".to_owned(),
        Ok(InsertOutcome::Refused(refusal)) => crate::publish::describe_refusal(refusal),
        Ok(outcome) => format!("{outcome:?}"),
        Err(e) => e.to_string(),
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

/// The labels of a verdict in the node's metrics (`vetnet_gossip_messages`):
/// the verdict, and why, from a fixed set of reasons.
pub fn verdict_labels(verdict: &IngestVerdict) -> (&'static str, &'static str) {
    let name = match verdict.0 {
        Verdict::Accept => "accept",
        Verdict::Ignore => "ignore",
        Verdict::Reject => "reject",
    };
    if let Some(reason) = IgnoreReason::of(verdict) {
        return (name, reason.as_str());
    }
    let reason = match &verdict.1 {
        Ok(InsertOutcome::New) => "new",
        Ok(InsertOutcome::Replaced { .. }) => "replaced",
        Ok(InsertOutcome::Stale { .. }) => "stale",
        Ok(InsertOutcome::SameSeq { .. }) => "same_seq",
        Ok(InsertOutcome::Duplicate) => "duplicate",
        Ok(InsertOutcome::Refused(_)) => "key_retired",
        Err(IngestError::Record(e)) => match e {
            RecordError::TooLarge { .. } => "too_large",
            RecordError::Envelope(_) => "bad_envelope",
            RecordError::BadSignature => "bad_signature",
            RecordError::Payload(_) => "bad_payload",
            RecordError::Rule(_) => "broken_rule",
            RecordError::FromTheFuture { .. } => "from_the_future",
        },
        Err(IngestError::AuthorRateLimited { .. }) => "author_daily_limit",
        Err(IngestError::Store(_) | IngestError::BatchStore(_)) => "store_error",
        Err(IngestError::WorkerFailed | IngestError::MissingOutcome) => "internal",
    };
    (name, reason)
}

/// [`ingest_at`] on the system clock, for callers not handed the node's
/// [`Clock`](crate::Clock) yet.
pub fn ingest(store: &RecordStore, network: &str, authors: &AuthorRecordLimit, bytes: &[u8]) -> IngestVerdict {
    ingest_at(store, network, authors, bytes, crate::clock::unix_now())
}

/// Checks and stores one record from a peer, and says what gossip should do;
/// `now` (Unix seconds, from the node's clock) is what "from the future" is
/// judged against. Stored records count against their author's day in
/// `authors`.
pub fn ingest_at(
    store: &RecordStore,
    network: &str,
    authors: &AuthorRecordLimit,
    bytes: &[u8],
    now: u64,
) -> IngestVerdict {
    let ctx = ValidationContext { network, now };
    let record = match VerifiedRecord::open(bytes, &ctx) {
        Ok(record) => record,
        Err(e) => return (verdict_for_error(&e), Err(IngestError::Record(e))),
    };
    let (author, ts) = (record.author, record.payload.ts);
    if !authors.try_reserve(author, ts) {
        return (Verdict::Ignore, Err(IngestError::AuthorRateLimited { author, per_day: authors.per_day() }));
    }
    match store.insert(&record) {
        Ok(outcome) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
        Ok(outcome) => {
            authors.release(author, ts);
            (Verdict::Ignore, Ok(outcome))
        }
        // Not the peer's fault: do not forward what we could not keep, but do not penalise.
        Err(e) => {
            authors.release(author, ts);
            (Verdict::Ignore, Err(IngestError::Store(e)))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error(transparent)]
    Record(RecordError),
    #[error(transparent)]
    Store(StoreError),
    /// A batch's one write failed: every record of it has this verdict.
    #[error("the batch could not be stored: {0}")]
    BatchStore(#[source] Arc<StoreError>),
    /// A worker opening records stopped; its records were not judged.
    #[error("an ingest worker failed")]
    WorkerFailed,
    /// The store answered fewer outcomes than it was given records.
    #[error("the store returned no outcome for a record")]
    MissingOutcome,
    /// The author's day is full; the record comes again by sync later.
    #[error("{author} reached its limit of {per_day} new records for the day of this record")]
    AuthorRateLimited { author: InstitutionId, per_day: u32 },
}

/// What ingest says of one record: the gossip verdict, and what the store did.
pub type IngestVerdict = (Verdict, Result<InsertOutcome, IngestError>);

/// Records opened per worker task in [`ingest_batch`]: small enough that
/// storing starts early, large enough that each sled write covers many.
const INGEST_CHUNK: usize = 128;

/// [`ingest_batch_at`] on the system clock, for callers not handed the
/// node's [`Clock`](crate::Clock) yet.
pub fn ingest_batch(
    store: &RecordStore,
    network: &str,
    authors: &AuthorRecordLimit,
    batch: &[impl AsRef<[u8]> + Sync],
) -> Vec<IngestVerdict> {
    ingest_batch_at(store, network, authors, batch, crate::clock::unix_now())
}

/// [`ingest`] for a batch (what sync fetches). Records are opened (decoded,
/// verified, validated) on every core in chunks while this thread stores the
/// chunks already opened, in order, one atomic write per chunk; so signature
/// checks and sled writes overlap. Verdicts come back in the order of `batch`.
/// `now` (Unix seconds) comes from the node's clock.
pub fn ingest_batch_at(
    store: &RecordStore,
    network: &str,
    authors: &AuthorRecordLimit,
    batch: &[impl AsRef<[u8]> + Sync],
    now: u64,
) -> Vec<IngestVerdict> {
    let ctx = ValidationContext { network, now };
    let chunks: Vec<_> = batch.chunks(INGEST_CHUNK).collect();
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8).min(chunks.len());
    let next_chunk = AtomicUsize::new(0);
    let mut verdicts = Vec::with_capacity(batch.len());
    std::thread::scope(|scope| {
        let (opened_tx, opened_rx) = std::sync::mpsc::sync_channel::<(usize, Vec<Opened>)>(2 * workers);
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let opened_tx = opened_tx.clone();
                let (chunks, next_chunk, ctx) = (&chunks, &next_chunk, &ctx);
                scope.spawn(move || {
                    loop {
                        let i = next_chunk.fetch_add(1, Ordering::Relaxed);
                        let Some(chunk) = chunks.get(i) else { break };
                        let opened = chunk.iter().map(|bytes| VerifiedRecord::open(bytes.as_ref(), ctx)).collect();
                        if opened_tx.send((i, opened)).is_err() {
                            break;
                        }
                    }
                })
            })
            .collect();
        drop(opened_tx);
        // Chunks arrive in any order; store them in order.
        let mut early = std::collections::BTreeMap::new();
        for (i, opened) in opened_rx {
            early.insert(i, opened);
            while let Some(opened) = early.remove(&(verdicts.len() / INGEST_CHUNK)) {
                verdicts.extend(store_opened(store, authors, opened));
            }
        }
        for handle in handles {
            // A panicked worker's chunks are judged below, not misattributed.
            let _ = handle.join();
        }
    });
    while verdicts.len() < batch.len() {
        verdicts.push((Verdict::Ignore, Err(IngestError::WorkerFailed)));
    }
    verdicts
}

type Opened = Result<VerifiedRecord, RecordError>;

/// Stores the valid records of one opened chunk in one write, and gives
/// each record of the chunk its verdict.
fn store_opened(store: &RecordStore, authors: &AuthorRecordLimit, opened: Vec<Opened>) -> Vec<IngestVerdict> {
    let mut valid = Vec::with_capacity(opened.len());
    let refused: Vec<Option<IngestVerdict>> = opened
        .into_iter()
        .map(|result| match result {
            Ok(record) if authors.try_reserve(record.author, record.payload.ts) => {
                valid.push(record);
                None
            }
            Ok(record) => Some((
                Verdict::Ignore,
                Err(IngestError::AuthorRateLimited { author: record.author, per_day: authors.per_day() }),
            )),
            Err(e) => Some((verdict_for_error(&e), Err(IngestError::Record(e)))),
        })
        .collect();
    let outcomes: Vec<Result<InsertOutcome, IngestError>> = match store.insert_batch(&valid) {
        Ok(outcomes) => outcomes.into_iter().map(Ok).collect(),
        Err(e) => {
            let e = Arc::new(e);
            valid.iter().map(|_| Err(IngestError::BatchStore(e.clone()))).collect()
        }
    };
    // Places reserved for records that were not stored go back.
    for (record, outcome) in valid.iter().zip(&outcomes) {
        if !outcome.as_ref().is_ok_and(|o| o.is_stored()) {
            authors.release(record.author, record.payload.ts);
        }
    }
    let mut stored = outcomes.into_iter();
    refused
        .into_iter()
        .map(|refused| match refused {
            Some(verdict) => verdict,
            None => match stored.next() {
                Some(Ok(outcome)) if outcome.is_stored() => (Verdict::Accept, Ok(outcome)),
                Some(Ok(outcome)) => (Verdict::Ignore, Ok(outcome)),
                Some(Err(e)) => (Verdict::Ignore, Err(e)),
                None => (Verdict::Ignore, Err(IngestError::MissingOutcome)),
            },
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::IgnoreReason;

    #[test]
    fn every_reason_counts_in_its_own_place() {
        for (place, reason) in IgnoreReason::ALL.iter().enumerate() {
            assert_eq!(reason.index(), place, "{}", reason.as_str());
        }
    }
}
