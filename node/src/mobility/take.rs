//! The steps this institution takes in its threads: each is signed, checked
//! against the thread exactly as the other node will check it, and stored
//! with its outbox entry in one flushed write.

use ed25519_dalek::SigningKey;
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::thread::{Party, StepRefusal, Thread, ThreadStatus};
use vetnet_protocol::mobility::{StepBody, StepDraft, StepKind, VerifiedStep, sign_agreement, sign_step};
use vetnet_protocol::{InstitutionId, RecordKind};

use super::log::{
    Delivery, LEARNER_KEY, LogEntry, LoggedStatus, OUTBOX, OUTBOX_COUNTER, RECEIPT, STEP, THREAD, ThreadLog,
    ThreadView, decode, encode, key_of, party_name,
};
use super::outbox::OutboxEntry;
use super::{Mobility, MobilityError, closed_thread, refused};
use crate::credentials::{self, IssueRequest};

/// A learning-agreement signature to add.
pub enum SignAs {
    /// The school's or the host's own signature (this institution's role).
    Institution,
    /// The learner's, with the key the school's node holds.
    LearnerHeldKey,
    /// The learner's, with their own key (given for this signature only).
    LearnerOwnKey(Box<SigningKey>),
}

/// Issue a micro-credential at completion.
pub struct CompletionCredential {
    /// One of this institution's achievement ids.
    pub achievement: String,
    pub grade: Option<String>,
}

fn random<const N: usize>() -> Result<[u8; N], MobilityError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(MobilityError::Randomness)?;
    Ok(bytes)
}

impl Mobility {
    /// Opens a thread: interest in `offer` of `host`.
    pub async fn express_interest(&self, host: InstitutionId, body: InterestBody) -> Result<ThreadView, MobilityError> {
        let me = self.me();
        if host == me {
            return Err(refused("host", "must be another institution: this node cannot host its own learners"));
        }
        if credentials::live(&self.inner.store, host, &RecordKind::Offer, &body.offer)?.is_none() {
            return Err(refused(
                "offer",
                format!("this node holds no live offer {:?} by {} (search offers first)", body.offer, host.to_did()),
            ));
        }
        if let Some(need) = &body.need
            && credentials::live(&self.inner.store, me, &RecordKind::Need, need)?.is_none()
        {
            return Err(refused(
                "need",
                format!("this institution has no live need {need:?} (see `vetnet need list`)"),
            ));
        }
        let thread_id = format!("m-{}", hex::encode(random::<12>()?));
        let _guard = self.inner.lock.lock().await;
        let draft = StepDraft {
            net: self.network_name().to_owned(),
            thread: thread_id.clone(),
            n: Some(0),
            prev: None,
            to: host,
            ts: self.now(),
            body: StepBody::Interest(body.clone()),
        };
        let step = sign_step(self.inner.publisher.key().signing_key(), draft, &self.ctx())?;
        let now = self.now();
        let log = ThreadLog {
            thread: thread_id.clone(),
            school: *me.as_bytes(),
            host: *host.as_bytes(),
            offer: body.offer,
            created: now,
            updated: now,
            status: LoggedStatus(ThreadStatus::Interested),
            entries: Vec::new(),
            erased: None,
        };
        self.commit_own(log, &step, None, Some(ThreadStatus::Interested)).await?;
        drop(_guard);
        self.show(&thread_id)
    }

    /// Takes a link step (or a signature) in `thread` as this institution.
    async fn take(
        &self,
        thread_id: &str,
        body: StepBody,
        learner_key: Option<[u8; 32]>,
    ) -> Result<ThreadView, MobilityError> {
        let _guard = self.inner.lock.lock().await;
        let log = self.read_log(thread_id)?.ok_or_else(|| MobilityError::UnknownThread(thread_id.to_owned()))?;
        if log.erased.is_some() {
            return Err(MobilityError::Erased(thread_id.to_owned()));
        }
        let thread = self.rebuild(&log)?.ok_or_else(|| closed_thread(&log))?;
        let me = self.me();
        let party = thread.party_of(&me).ok_or_else(|| self.not_a_party(&thread))?;
        let kind = body.kind();
        let link = kind.is_link();
        let draft = StepDraft {
            net: self.network_name().to_owned(),
            thread: thread_id.to_owned(),
            n: link.then_some(thread.links().len() as u32),
            prev: link.then_some(thread.head()),
            to: thread.counterpart(party),
            ts: self.now(),
            body,
        };
        let step = sign_step(self.inner.publisher.key().signing_key(), draft, &self.ctx())?;
        match thread.check(&step) {
            Ok(()) => {}
            Err(StepRefusal::Refused(e)) => return Err(MobilityError::Refused(e)),
            Err(StepRefusal::NotAtHead { .. }) => return Err(MobilityError::Conflict),
            Err(StepRefusal::Missing(m)) => return Err(refused("step", m)),
        }
        let mut after = thread;
        after.push_trusted(step.clone());
        self.commit_own(log, &step, learner_key, Some(after.status())).await?;
        drop(_guard);
        self.show(thread_id)
    }

    /// Why this institution cannot write to `thread`: usually because its
    /// key was rotated after the thread opened (threads are bound to the
    /// keys of the two institutions when they opened).
    fn not_a_party(&self, thread: &Thread) -> MobilityError {
        let ledger = self.inner.store.key_ledger();
        let me = self.me();
        let rotated = [thread.school, thread.host].into_iter().any(|key| ledger.current_key(&key) == me && key != me);
        if rotated {
            refused(
                "thread",
                "this institution's key was rotated after the thread opened, and a thread stays bound to the keys \
                 that opened it: open a new thread with the other institution for this learner",
            )
        } else {
            refused("thread", "this institution is not a party of it")
        }
    }

    /// Stores a step this node took, its log entry and its outbox entry in
    /// one write, flushes, and wakes the outbox.
    async fn commit_own(
        &self,
        mut log: ThreadLog,
        step: &VerifiedStep,
        learner_key: Option<[u8; 32]>,
        status: Option<ThreadStatus>,
    ) -> Result<(), MobilityError> {
        self.inner.store.refuse_writes_if_disk_full()?;
        let from = self.my_party(&log);
        if let Some(status) = status {
            log.status = LoggedStatus(status);
        }
        log.entries.push(LogEntry {
            hash: step.hash.0,
            kind: step.kind(),
            from: party_name(from),
            ts: step.payload.ts,
            delivery: Delivery::Pending { attempts: 0, last_error: None },
        });
        log.updated = self.now();
        let mut batch = sled::Batch::default();
        batch.insert(key_of(STEP, &step.hash.0), step.bytes.clone());
        batch.insert(key_of(THREAD, log.thread.as_bytes()), encode(&log)?);
        let entry = OutboxEntry {
            thread: log.thread.clone(),
            hash: step.hash.0.to_vec(),
            to: step.to.as_bytes().to_vec(),
            attempts: 0,
            next_attempt_ms: 0,
        };
        // Outbox numbers are never reused (a delivery pass may still hold an
        // old entry's key); callers hold the lock, so the counter is ours.
        let seq = match self.inner.tree.get(OUTBOX_COUNTER)? {
            Some(bytes) => {
                let last: [u8; 8] =
                    bytes.as_ref().try_into().map_err(|_| MobilityError::Corrupt("outbox counter".into()))?;
                u64::from_be_bytes(last) + 1
            }
            None => 0,
        };
        batch.insert(OUTBOX_COUNTER, &seq.to_be_bytes());
        batch.insert(key_of(OUTBOX, &seq.to_be_bytes()), encode(&entry)?);
        if let Some(secret) = learner_key {
            batch.insert(key_of(LEARNER_KEY, log.thread.as_bytes()), secret.to_vec());
        }
        self.inner.tree.apply_batch(batch)?;
        self.flush().await?;
        self.inner.outbox_changed.notify_one();
        Ok(())
    }

    pub async fn nominate(&self, thread: &str, mut body: NominationBody) -> Result<ThreadView, MobilityError> {
        let mut held_key = None;
        if body.key_custody == KeyCustody::School {
            let secret = random::<32>()?;
            let key = SigningKey::from_bytes(&secret);
            body.learner_key = InstitutionId::from_bytes(key.verifying_key().to_bytes()).to_did();
            held_key = Some(secret);
        } else if body.learner_key.is_empty() {
            return Err(refused("learner_key", "is required when the learner holds their own key (did:key:z6Mk…)"));
        }
        self.take(thread, StepBody::Nomination(Box::new(body)), held_key).await
    }

    pub async fn accept(&self, thread: &str, body: AcceptanceBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Acceptance(body), None).await
    }

    pub async fn refuse(&self, thread: &str, body: RefusalBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Refusal(body), None).await
    }

    pub async fn agree(&self, thread: &str, body: AgreementBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Agreement(Box::new(body)), None).await
    }

    pub async fn cancel(&self, thread: &str, body: CancellationBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Cancellation(body), None).await
    }

    pub async fn recognise(&self, thread: &str, body: RecognitionBody) -> Result<ThreadView, MobilityError> {
        self.take(thread, StepBody::Recognition(body), None).await
    }

    /// Signs the current learning agreement.
    pub async fn sign(&self, thread_id: &str, sign_as: SignAs) -> Result<ThreadView, MobilityError> {
        let view = self.show(thread_id)?;
        let thread = view.thread.as_ref().ok_or_else(|| closed_thread(&view.log))?;
        let agreement = thread
            .current_agreement()
            .ok_or_else(|| refused("step", "there is no learning agreement to sign yet"))?
            .hash;
        let institution = self.inner.publisher.key();
        let (role, key) = match sign_as {
            SignAs::Institution => {
                let role = if view.party == Party::School { SignerRole::School } else { SignerRole::Host };
                (role, institution.signing_key().clone())
            }
            SignAs::LearnerHeldKey => {
                let secret = self.inner.tree.get(key_of(LEARNER_KEY, thread_id.as_bytes()))?.ok_or_else(|| {
                    refused("as", "this node holds no key for the learner (the learner holds their own: pass it)")
                })?;
                let secret: [u8; 32] =
                    secret.as_ref().try_into().map_err(|_| MobilityError::Corrupt("learner key".into()))?;
                (SignerRole::Learner, SigningKey::from_bytes(&secret))
            }
            SignAs::LearnerOwnKey(key) => (SignerRole::Learner, *key),
        };
        let signature = sign_agreement(&key, self.network_name(), thread_id, &agreement);
        let body = SignatureBody {
            agreement: serde_bytes::ByteBuf::from(agreement.0.to_vec()),
            role,
            signer: InstitutionId::from_bytes(key.verifying_key().to_bytes()).to_did(),
            signature: serde_bytes::ByteBuf::from(signature.to_vec()),
        };
        self.take(thread_id, StepBody::Signature(body), None).await
    }

    /// The host's completion; with `credential`, a micro-credential is issued
    /// to the learner first and the completion carries it.
    pub async fn complete(
        &self,
        thread_id: &str,
        mut body: CompletionBody,
        credential: Option<CompletionCredential>,
    ) -> Result<ThreadView, MobilityError> {
        let view = self.show(thread_id)?;
        let thread = view.thread.as_ref().ok_or_else(|| closed_thread(&view.log))?;
        let agreement = thread.current_agreement().ok_or_else(|| refused("step", "there is no learning agreement"))?;
        let signed = thread.signatures_of(&agreement.hash);
        if !signed.is_complete() {
            let missing: Vec<&str> = signed.missing().iter().map(|r| r.as_str()).collect();
            return Err(refused(
                "step",
                format!("the learning agreement is not signed by all three yet (missing: {})", missing.join(", ")),
            ));
        }
        body.signatures = [signed.learner, signed.school, signed.host]
            .into_iter()
            .flatten()
            .map(|s| serde_bytes::ByteBuf::from(s.hash.0.to_vec()))
            .collect();
        if let Some(credential) = credential {
            if !thread.next_steps(view.party).contains(&StepKind::Completion) {
                return Err(refused(
                    "step",
                    format!("a completion cannot be taken while the thread is {}", view.status().as_str()),
                ));
            }
            body.credential = Some(self.issue_at_completion(thread, &body, credential)?);
        }
        let issued = body.credential.as_ref().map(|c| c.id.clone());
        let taken = self.take(thread_id, StepBody::Completion(Box::new(body)), None).await;
        if taken.is_err()
            && let Some(id) = issued
        {
            // Nobody received it: it is not kept.
            self.inner.issuer.forget(&id)?;
        }
        taken
    }

    /// Issues the micro-credential a completion carries to the nominated
    /// learner, dated the last day of the placement.
    fn issue_at_completion(
        &self,
        thread: &Thread,
        body: &CompletionBody,
        credential: CompletionCredential,
    ) -> Result<CredentialReference, MobilityError> {
        let learner = match thread.nomination().map(|n| &n.body) {
            Some(StepBody::Nomination(n)) => n.learner.clone(),
            _ => return Err(refused("step", "no learner is nominated")),
        };
        let issued = self
            .inner
            .issuer
            .issue(vec![IssueRequest {
                achievement: credential.achievement.clone(),
                learner_name: format!("{} {}", learner.given_name, learner.family_name),
                learner_email: learner.email.clone(),
                grade: credential.grade,
                date: Some(body.end.clone()),
                valid_until: None,
            }])
            .map_err(completion_refusal)?;
        let issued = issued.into_iter().next().ok_or_else(|| MobilityError::Corrupt("no credential issued".into()))?;
        Ok(CredentialReference { id: issued.id, achievement: credential.achievement, document: Some(issued.document) })
    }

    /// Erases the learner's personal data of `thread` here, keeps an
    /// anonymised trace, and tells the other node to do the same.
    pub async fn erase(&self, thread_id: &str, reason: Option<String>) -> Result<ThreadView, MobilityError> {
        let _guard = self.inner.lock.lock().await;
        let log = self.read_log(thread_id)?.ok_or_else(|| MobilityError::UnknownThread(thread_id.to_owned()))?;
        if log.erased.is_some() {
            drop(_guard);
            return self.show(thread_id);
        }
        let party = self.my_party(&log);
        let to = if party == Party::School { log.host() } else { log.school() };
        let draft = StepDraft {
            net: self.network_name().to_owned(),
            thread: thread_id.to_owned(),
            n: None,
            prev: None,
            to,
            ts: self.now(),
            body: StepBody::Erasure(ErasureBody { reason }),
        };
        let step = sign_step(self.inner.publisher.key().signing_key(), draft, &self.ctx())?;
        let log = self.erase_locally(log)?;
        self.commit_own(log, &step, None, None).await?;
        drop(_guard);
        self.show(thread_id)
    }

    /// Deletes every step's bytes and the learner key, drops the thread's
    /// outbox entries, and marks the log erased. Returns the new log.
    pub(super) fn erase_locally(&self, mut log: ThreadLog) -> Result<ThreadLog, MobilityError> {
        // A credential this node issued at completion holds the learner's
        // name too: this node's copy goes (the learner keeps theirs).
        if let Some(thread) = self.rebuild(&log)?
            && let Some(StepBody::Completion(completion)) = thread.completion().map(|c| &c.body)
            && let Some(credential) = &completion.credential
            && thread.completion().is_some_and(|c| c.author == self.me())
        {
            self.inner.issuer.forget(&credential.id)?;
        }
        let mut batch = sled::Batch::default();
        for entry in &log.entries {
            if entry.kind != StepKind::Erasure {
                batch.remove(key_of(STEP, &entry.hash));
            }
            // Receipts and refusal reasons may quote what a step held.
            batch.remove(key_of(RECEIPT, &entry.hash));
        }
        for entry in &mut log.entries {
            if let Delivery::Refused { reason, .. } = &mut entry.delivery {
                *reason = "(erased)".into();
            }
        }
        batch.remove(key_of(LEARNER_KEY, log.thread.as_bytes()));
        for item in self.inner.tree.scan_prefix(OUTBOX) {
            let (key, value) = item?;
            let entry: OutboxEntry = decode(&value)?;
            if entry.thread == log.thread {
                batch.remove(key);
            }
        }
        let now = self.now();
        for entry in &mut log.entries {
            if matches!(entry.delivery, Delivery::Pending { .. }) {
                entry.delivery = Delivery::Superseded { at: now };
            }
        }
        log.erased = Some(now);
        log.updated = now;
        batch.insert(key_of(THREAD, log.thread.as_bytes()), encode(&log)?);
        self.inner.tree.apply_batch(batch)?;
        Ok(log)
    }
}

/// The issuer's refusal of the completion's credential, named by the
/// completion's own field: the credential is dated the placement's last day
/// (`body.end`), and its achievement and grade are `body.credential.*`.
fn completion_refusal(error: credentials::CredentialError) -> MobilityError {
    let credentials::CredentialError::Invalid(rows) = error else { return error.into() };
    let Some(row) = rows.into_iter().next() else { return refused("body.credential", "cannot be issued") };
    match row.field.as_str() {
        "date" => {
            refused("body.end", format!("the credential is dated the last day of the placement, which {}", row.rule))
        }
        "achievement" | "grade" => refused(&format!("body.credential.{}", row.field), row.rule),
        other => refused("body.credential", format!("{other}: {}", row.rule)),
    }
}
