//! Steps arriving from the other node of a thread: each is checked exactly
//! as its sender checked it, stored, and answered with a signed receipt
//! (accepted, duplicate, refused, conflict or retry).
//!
//! **Forks:** both parties may take a link after the same head at the same
//! time. The branch whose first step has the lower hash wins, on both nodes,
//! whichever step arrives first: the loser's steps are marked superseded
//! (and leave the outbox), the winner's are answered `conflict` by the node
//! that holds the winner.

use vetnet_protocol::mobility::steps::InterestBody;
use vetnet_protocol::mobility::thread::{Party, StepRefusal, Thread, ThreadStatus};
use vetnet_protocol::mobility::{ReceiptStatus, StepBody, VerifiedStep, sign_receipt};
use vetnet_protocol::{RecordError, RecordHash, RecordKind, ValidationError};

use super::log::{
    Delivery, LogEntry, LoggedStatus, OUTBOX, STEP, THREAD, ThreadLog, decode, encode, key_of, party_name,
};
use super::outbox::OutboxEntry;
use super::{MAX_STEPS_PER_THREAD, MAX_THREADS_PER_INSTITUTION, Mobility, MobilityError};
use crate::credentials;

/// Why a received step was not taken.
enum Receive {
    Refused(ValidationError),
    /// Refused, and no honest node sends it.
    Garbage(ValidationError),
    Conflict(RecordHash),
    Retry(String),
}

impl Receive {
    fn internal(e: MobilityError) -> Self {
        tracing::warn!(error = %e, "a mobility step could not be handled");
        Receive::Retry(format!("the node could not store it: {e}"))
    }

    fn refused(field: &str, rule: impl Into<String>) -> Self {
        Receive::Refused(ValidationError::new(field, rule))
    }
}

/// What an accepted step did: its receipt's status, and the thread's head.
type Taken = (ReceiptStatus, Option<RecordHash>);

impl Mobility {
    /// Handles a step another node sent; returns the signed receipt, and
    /// whether the sender misbehaved (sent something no honest node sends:
    /// not a step envelope, or a forged signature).
    pub async fn receive(&self, bytes: &[u8]) -> (Vec<u8>, bool) {
        let hash = RecordHash::of(bytes);
        let mut misbehaved = false;
        let (status, head, refusal) = match self.receive_step(bytes).await {
            Ok((status, head)) => (status, head, None),
            Err(Receive::Refused(e)) => (ReceiptStatus::Refused, None, Some(e)),
            Err(Receive::Garbage(e)) => {
                misbehaved = true;
                (ReceiptStatus::Refused, None, Some(e))
            }
            Err(Receive::Conflict(head)) => (ReceiptStatus::Conflict, Some(head), None),
            Err(Receive::Retry(why)) => {
                tracing::debug!(%why, "a mobility step must be sent again later");
                (ReceiptStatus::Retry, None, Some(ValidationError::new("step", why)))
            }
        };
        if let Some(e) = &refusal
            && status == ReceiptStatus::Refused
        {
            // The rule may quote what the step held: only the field is logged.
            tracing::info!(field = %e.field, "refused a mobility step");
        }
        let key = self.inner.publisher.key();
        let receipt =
            sign_receipt(key.signing_key(), self.network_name(), &hash, status, self.now(), head, refusal.as_ref())
                .unwrap_or_default();
        (receipt, misbehaved)
    }

    async fn receive_step(&self, bytes: &[u8]) -> Result<Taken, Receive> {
        let step = VerifiedStep::open(bytes, &self.ctx()).map_err(|e| match e {
            RecordError::Rule(rule) => Receive::Refused(rule),
            // A newer version's step: refused, but an honest node may send it.
            RecordError::Payload(_) => Receive::refused("step", e.to_string()),
            // One of the two clocks is off: try again later.
            RecordError::FromTheFuture { .. } => Receive::Retry(e.to_string()),
            RecordError::TooLarge { .. } | RecordError::Envelope(_) | RecordError::BadSignature => {
                Receive::Garbage(ValidationError::new("step", e.to_string()))
            }
        })?;
        let me = self.me();
        if !self.is_same_institution(&step.to, &me) {
            return Err(Receive::refused("to", format!("this node speaks for {}, not for the addressee", me.to_did())));
        }
        let _guard = self.inner.lock.lock().await;
        if self.inner.tree.contains_key(key_of(STEP, &step.hash.0)).map_err(|e| Receive::internal(e.into()))? {
            return Ok((ReceiptStatus::Duplicate, None));
        }
        let thread_id = step.payload.thread.clone();
        let Some(log) = self.read_log(&thread_id).map_err(Receive::internal)? else {
            return match &step.body {
                StepBody::Interest(interest) => {
                    self.open_thread(step.clone(), interest).await.map(|h| (ReceiptStatus::Accepted, Some(h)))
                }
                // Nothing held about the thread: nothing to erase.
                StepBody::Erasure(_) => Ok((ReceiptStatus::Accepted, None)),
                _ => Err(Receive::refused(
                    "thread",
                    format!("{thread_id} is unknown here; a thread starts with an interest"),
                )),
            };
        };
        let party_key = |key| step.author == key;
        let erasure_by_successor = matches!(step.body, StepBody::Erasure(_))
            && (self.is_same_institution(&log.school(), &step.author)
                || self.is_same_institution(&log.host(), &step.author));
        if !party_key(log.school()) && !party_key(log.host()) && !erasure_by_successor {
            return Err(Receive::refused("kid", "the author is not a party of this thread"));
        }
        if let StepBody::Erasure(_) = step.body {
            return self.receive_erasure(log, &step).await;
        }
        self.receive_link_or_signature(log, step).await
    }

    /// An erasure from the other party: the learner's data goes here too.
    async fn receive_erasure(&self, log: ThreadLog, step: &VerifiedStep) -> Result<Taken, Receive> {
        if log.erased.is_some() {
            // Erased already: nothing more to keep.
            return Ok((ReceiptStatus::Accepted, None));
        }
        let from = if step.author == log.school() { Party::School } else { Party::Host };
        let log = self.erase_locally(log).map_err(Receive::internal)?;
        self.commit_received(log, step, from, None).await.map_err(Receive::internal)?;
        Ok((ReceiptStatus::Accepted, None))
    }

    /// A link or a signature in a thread held here, checked against it; a
    /// fork is resolved by [`Mobility::resolve_fork`].
    async fn receive_link_or_signature(&self, mut log: ThreadLog, step: VerifiedStep) -> Result<Taken, Receive> {
        if log.erased.is_some() {
            return Err(Receive::refused("thread", "was erased at the learner's request"));
        }
        if log.entries.len() >= MAX_STEPS_PER_THREAD {
            return Err(Receive::refused(
                "thread",
                format!("holds {MAX_STEPS_PER_THREAD} steps, the most one thread may"),
            ));
        }
        let mut thread = self.rebuild(&log).map_err(Receive::internal)?.ok_or(Receive::Retry("erased".into()))?;
        let party = thread.party_of(&step.author).unwrap_or(Party::School);
        match thread.check(&step) {
            Ok(()) => {}
            Err(StepRefusal::Refused(e)) => return Err(Receive::Refused(e)),
            Err(StepRefusal::Missing(why)) => return Err(Receive::Retry(why)),
            Err(StepRefusal::NotAtHead { head }) => thread = self.resolve_fork(thread, &mut log, &step, head)?,
        }
        thread.push_trusted(step.clone());
        self.commit_received(log, &step, party, Some(thread.status())).await.map_err(Receive::internal)?;
        Ok((ReceiptStatus::Accepted, Some(thread.head())))
    }

    /// Both parties took a step after the same link. The branch whose first
    /// step has the lower hash wins, on both nodes. When `step` wins, the
    /// branch held here is superseded and the thread `step` joins is
    /// returned; when it loses, it is answered `conflict` with `head`.
    fn resolve_fork(
        &self,
        thread: Thread,
        log: &mut ThreadLog,
        step: &VerifiedStep,
        head: RecordHash,
    ) -> Result<Thread, Receive> {
        let len = thread.links().len();
        let fork = step.prev().and_then(|prev| thread.position(&prev));
        let Some(fork) = fork.filter(|k| step.payload.n == Some(*k as u32 + 1) && k + 1 < len) else {
            return if step.payload.n.unwrap_or(0) as usize > len {
                Err(Receive::Retry("an earlier step of this thread has not arrived yet".into()))
            } else {
                Err(Receive::Conflict(head))
            };
        };
        let branch = &thread.links()[fork + 1..];
        if branch.iter().any(|l| l.author == step.author) {
            return Err(Receive::refused("prev", "does not follow the steps its own author took since"));
        }
        if step.hash > branch[0].hash {
            return Err(Receive::Conflict(head));
        }
        // Checked on a copy first: a step that is refused anyway must not
        // cost this node its own branch.
        let mut trial = thread;
        let dropped = trial.truncate(fork + 1);
        trial.check(step).map_err(|e| match e {
            StepRefusal::Refused(rule) => Receive::Refused(rule),
            StepRefusal::Missing(why) => Receive::Retry(why),
            StepRefusal::NotAtHead { head } => Receive::Conflict(head),
        })?;
        self.supersede(log, &dropped).map_err(Receive::internal)?;
        Ok(trial)
    }

    /// An interest opens a thread here when it is about one of this
    /// institution's live offers and its author has room for more threads.
    async fn open_thread(&self, step: VerifiedStep, interest: &InterestBody) -> Result<RecordHash, Receive> {
        let me = self.me();
        let offer = credentials::live(&self.inner.store, me, &RecordKind::Offer, &interest.offer)
            .map_err(|e| Receive::internal(e.into()))?;
        if offer.is_none() {
            return Err(Receive::refused(
                "body.offer",
                format!("this institution has no live offer {:?}", interest.offer),
            ));
        }
        if credentials::institution(&self.inner.store, step.author).map_err(|e| Receive::internal(e.into()))?.is_none()
        {
            // Not refused for good: the profile may still be on its way.
            return Err(Receive::Retry("this node holds no profile of the school yet".into()));
        }
        let mut open = 0;
        for item in self.inner.tree.scan_prefix(THREAD) {
            let (_, bytes) = item.map_err(|e| Receive::internal(e.into()))?;
            let log: ThreadLog = decode(&bytes).map_err(Receive::internal)?;
            let closed = log.erased.is_some() || log.status.0.is_closed();
            if log.school == *step.author.as_bytes() && !closed {
                open += 1;
            }
        }
        if open >= MAX_THREADS_PER_INSTITUTION {
            return Err(Receive::refused(
                "thread",
                format!("the school has {MAX_THREADS_PER_INSTITUTION} threads here, the most one institution may"),
            ));
        }
        let thread =
            Thread::start(self.network_name(), step.clone()).map_err(|e| Receive::refused("step", e.to_string()))?;
        let now = self.now();
        let log = ThreadLog {
            thread: thread.id.clone(),
            school: *step.author.as_bytes(),
            host: *me.as_bytes(),
            offer: interest.offer.clone(),
            created: now,
            updated: now,
            status: LoggedStatus(ThreadStatus::Interested),
            entries: Vec::new(),
            erased: None,
        };
        self.commit_received(log, &step, Party::School, Some(ThreadStatus::Interested))
            .await
            .map_err(Receive::internal)?;
        Ok(step.hash)
    }

    /// Stores a step that arrived, with its log entry; `status` is the
    /// thread's status with it (`None` for an erasure, which keeps it).
    async fn commit_received(
        &self,
        mut log: ThreadLog,
        step: &VerifiedStep,
        from: Party,
        status: Option<ThreadStatus>,
    ) -> Result<(), MobilityError> {
        let now = self.now();
        if let Some(status) = status {
            log.status = LoggedStatus(status);
        }
        log.entries.push(LogEntry {
            hash: step.hash.0,
            kind: step.kind(),
            from: party_name(from),
            ts: step.payload.ts,
            delivery: Delivery::Received { at: now },
        });
        log.updated = now;
        let mut batch = sled::Batch::default();
        batch.insert(key_of(STEP, &step.hash.0), step.bytes.clone());
        batch.insert(key_of(THREAD, log.thread.as_bytes()), encode(&log)?);
        self.inner.tree.apply_batch(batch)?;
        self.flush().await
    }

    /// Marks `dropped` steps superseded (or refused) in `log` and removes
    /// their outbox entries, in one write.
    fn supersede(&self, log: &mut ThreadLog, dropped: &[VerifiedStep]) -> Result<(), MobilityError> {
        let mut batch = sled::Batch::default();
        self.supersede_into(&mut batch, log, dropped)?;
        batch.insert(key_of(THREAD, log.thread.as_bytes()), encode(&*log)?);
        self.inner.tree.apply_batch(batch)?;
        Ok(())
    }

    /// [`Mobility::supersede`] into `batch`; the caller writes the log.
    pub(super) fn supersede_into(
        &self,
        batch: &mut sled::Batch,
        log: &mut ThreadLog,
        dropped: &[VerifiedStep],
    ) -> Result<(), MobilityError> {
        let now = self.now();
        let me = self.me();
        for step in dropped {
            if let Some(entry) = log.entry_mut(&step.hash) {
                entry.delivery = Delivery::Superseded { at: now };
            }
            // A credential issued with a completion that never reached the
            // school was never received by the learner: it is not kept.
            if let StepBody::Completion(completion) = &step.body
                && let Some(credential) = &completion.credential
                && step.author == me
            {
                self.inner.issuer.forget(&credential.id)?;
            }
        }
        for item in self.inner.tree.scan_prefix(OUTBOX) {
            let (key, value) = item?;
            let entry: OutboxEntry = decode(&value)?;
            if dropped.iter().any(|s| s.hash.0[..] == entry.hash[..]) {
                batch.remove(key);
            }
        }
        log.status = LoggedStatus(self.status_of(log)?);
        Ok(())
    }
}
