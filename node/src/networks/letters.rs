//! The letters this node sent and received, in the private tree
//! `private/letters`, and their delivery: an outgoing letter waits until
//! the addressee's node answers with a signed receipt, retried with the
//! mobility outbox's backoff, at once when a peer connects.
//!
//! Keys: `o` + id for a letter this node wrote, `i` + id for one it
//! received. Each value is a CBOR [`LetterEntry`].

use serde::{Deserialize, Serialize};
use vetnet_protocol::letter::VerifiedLetter;
use vetnet_protocol::mobility::ReceiptStatus;

use super::{Networks, NetworksError};
use crate::mobility::OutgoingStep;
use crate::mobility::outbox::retry_wait;

/// Letters one pass delivers at most; the rest wait for the next pass.
const LETTERS_PER_PASS: usize = 64;
/// Letters kept in all; a node refuses to write or take more.
pub const MAX_LETTERS: usize = 20_000;

pub(super) const OUTGOING: u8 = b'o';
pub(super) const INCOMING: u8 = b'i';

/// What the answer to an application said (on both sides).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Answer {
    /// `accepted` or `refused`.
    pub(super) decision: String,
    pub(super) reason: Option<String>,
    pub(super) ts: u64,
}

/// A letter with what became of it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct LetterEntry {
    /// The letter's exact signed bytes.
    #[serde(with = "serde_bytes")]
    pub(super) bytes: Vec<u8>,
    /// Unix seconds when written or received here.
    pub(super) at: u64,
    /// An outgoing letter: the addressee's node took it (or refused it).
    pub(super) delivered: bool,
    /// Failed delivery attempts so far.
    pub(super) attempts: u32,
    /// Node-clock milliseconds before which it is not tried again.
    pub(super) next_attempt_ms: u64,
    /// Why the last attempt failed, or why the addressee refused it.
    pub(super) last_error: Option<String>,
    /// For an application: its answer, once given or received.
    pub(super) answer: Option<Answer>,
}

pub(super) fn key(direction: u8, id: &str) -> Vec<u8> {
    let mut key = vec![direction];
    key.extend_from_slice(id.as_bytes());
    key
}

pub(super) fn encode(entry: &LetterEntry) -> Result<Vec<u8>, NetworksError> {
    let mut bytes = Vec::new();
    ciborium::into_writer(entry, &mut bytes).map_err(|e| NetworksError::Damaged(e.to_string()))?;
    Ok(bytes)
}

pub(super) fn decode(bytes: &[u8]) -> Result<LetterEntry, NetworksError> {
    ciborium::from_reader(bytes).map_err(|e| NetworksError::Damaged(e.to_string()))
}

impl Networks {
    /// Every letter of one direction, oldest first, opened again (the
    /// bytes were checked when written or received).
    pub(super) fn letters(&self, direction: u8) -> Result<Vec<(LetterEntry, VerifiedLetter)>, NetworksError> {
        let mut letters = Vec::new();
        for item in self.inner.tree.scan_prefix([direction]) {
            let (_, value) = item?;
            let entry = decode(&value)?;
            // Opened with its own time: a letter held here stays readable.
            let letter = self.reopen(&entry.bytes)?;
            letters.push((entry, letter));
        }
        letters.sort_by_key(|(entry, letter)| (entry.at, letter.payload.id.clone()));
        Ok(letters)
    }

    pub(super) fn reopen(&self, bytes: &[u8]) -> Result<VerifiedLetter, NetworksError> {
        let ctx = vetnet_protocol::ValidationContext { network: self.network_name(), now: u64::MAX / 2 };
        VerifiedLetter::open_stored(bytes, &ctx).map_err(|e| NetworksError::Damaged(e.to_string()))
    }

    pub(super) fn entry(&self, direction: u8, id: &str) -> Result<Option<LetterEntry>, NetworksError> {
        self.inner.tree.get(key(direction, id))?.map(|value| decode(&value)).transpose()
    }

    pub(super) fn put(&self, direction: u8, id: &str, entry: &LetterEntry) -> Result<(), NetworksError> {
        self.inner.tree.insert(key(direction, id), encode(entry)?)?;
        Ok(())
    }

    /// Refuses a new letter when the tree is full.
    pub(super) fn check_room(&self) -> Result<(), NetworksError> {
        self.inner.store.refuse_writes_if_disk_full()?;
        if self.inner.tree.len() >= MAX_LETTERS {
            return Err(NetworksError::Full);
        }
        Ok(())
    }

    /// Keeps `letter`, written here, until its addressee's node takes it.
    pub(super) async fn send(&self, letter: &VerifiedLetter, answer: Option<Answer>) -> Result<(), NetworksError> {
        self.check_room()?;
        let entry = LetterEntry {
            bytes: letter.bytes.clone(),
            at: self.now(),
            delivered: false,
            attempts: 0,
            next_attempt_ms: 0,
            last_error: None,
            answer,
        };
        self.put(OUTGOING, &letter.payload.id, &entry)?;
        self.inner.tree.flush_async().await?;
        self.inner.outbox_changed.notify_one();
        Ok(())
    }

    /// One pass over the undelivered letters; `force` ignores the backoff.
    pub async fn deliver(&self, force: bool) -> Result<(), NetworksError> {
        let now_ms = self.inner.clock.now_unix_ms();
        let due: Vec<(LetterEntry, VerifiedLetter)> = self
            .letters(OUTGOING)?
            .into_iter()
            .filter(|(entry, _)| !entry.delivered && (force || entry.next_attempt_ms <= now_ms))
            .take(LETTERS_PER_PASS)
            .collect();
        for (entry, letter) in due {
            let outgoing =
                OutgoingStep::new(letter.to, letter.bytes.clone(), self.network_name(), self.inner.store.clone());
            let carried = self.inner.courier.carry(&outgoing).await;
            // The answer to an application may have arrived while it was
            // carried: update the entry as it is now, under the lock.
            let _guard = self.inner.lock.lock().await;
            let mut entry = self.entry(OUTGOING, &letter.payload.id)?.unwrap_or(entry);
            match carried {
                Ok(receipt) if receipt.payload.status == ReceiptStatus::Retry => {
                    entry.attempts += 1;
                    entry.last_error = receipt.payload.reason.clone();
                }
                Ok(receipt) => {
                    entry.delivered = true;
                    entry.last_error = match receipt.payload.status {
                        ReceiptStatus::Refused => Some(format!(
                            "refused by the addressee's node: {}: {}",
                            receipt.payload.field.as_deref().unwrap_or("letter"),
                            receipt.payload.reason.as_deref().unwrap_or("no reason given")
                        )),
                        _ => None,
                    };
                    tracing::info!(letter = %letter.payload.id, kind = %letter.payload.kind, status = %receipt.payload.status, "letter delivered");
                }
                Err(e) => {
                    entry.attempts += 1;
                    entry.last_error = Some(e.to_string());
                }
            }
            if !entry.delivered {
                let wait = retry_wait(&self.inner.timing, entry.attempts);
                entry.next_attempt_ms = now_ms.saturating_add(wait.as_millis() as u64);
            }
            self.put(OUTGOING, &letter.payload.id, &entry)?;
            drop(_guard);
        }
        Ok(())
    }

    /// Delivers letters until `shutdown`: when one is written, when a peer
    /// connects, and on the outbox's timer.
    pub async fn run_outbox(self, mut shutdown: tokio::sync::watch::Receiver<bool>) {
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
                tracing::warn!(error = %e, "letter delivery failed");
            }
        }
    }

    /// Wakes the delivery now, whatever the backoff (a peer connected).
    pub fn retry_now(&self) {
        self.inner.retry_now.notify_one();
    }

    /// Letters still to deliver.
    pub fn outbox_len(&self) -> usize {
        self.inner
            .tree
            .scan_prefix([OUTGOING])
            .filter_map(Result::ok)
            .filter(|(_, value)| decode(value).is_ok_and(|entry| !entry.delivered))
            .count()
    }
}
