//! The rules of a mobility thread: who may take which step, and when.
//!
//! | step | taken by | allowed when the thread is |
//! |---|---|---|
//! | interest | school | (opens the thread) |
//! | nomination | school | interested |
//! | acceptance | host | nominated |
//! | refusal | host | interested or nominated |
//! | agreement | either | accepted, agreeing or agreed (a later one amends) |
//! | signature | learner (sent by the school), school, host | agreeing (signs the current agreement) |
//! | completion | host | agreed: all three signed the current agreement |
//! | recognition | school | completed |
//! | cancellation | either | interested … agreed |
//! | erasure | either | any time |

use crate::mobility::steps::{SignatureBody, SignerRole};
use crate::mobility::{StepBody, StepKind, VerifiedStep, agreement_signing_input};
use crate::validate::ValidationError;
use crate::{InstitutionId, RecordHash};

/// The two institutions of a thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The sending school, which opened the thread.
    School,
    /// The host of the offer.
    Host,
}

impl Party {
    /// The party's name, as rules and views say it.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::School => "school",
            Party::Host => "host",
        }
    }
}

/// Where a thread stands, from its last link (and, for an agreement, its
/// signatures).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThreadStatus {
    /// The last link is the interest.
    Interested,
    /// The last link is a nomination.
    Nominated,
    /// The last link is an acceptance.
    Accepted,
    /// The last link is a refusal; closed.
    Refused,
    /// An agreement (or amendment) waits for signatures.
    Agreeing,
    /// All three signed the current agreement.
    Agreed,
    /// The last link is a completion.
    Completed,
    /// The last link is a recognition; closed.
    Recognised,
    /// The last link is a cancellation; closed.
    Cancelled,
}

impl ThreadStatus {
    /// The status's name, as rules and views say it.
    pub fn as_str(self) -> &'static str {
        match self {
            ThreadStatus::Interested => "interested",
            ThreadStatus::Nominated => "nominated",
            ThreadStatus::Accepted => "accepted",
            ThreadStatus::Refused => "refused",
            ThreadStatus::Agreeing => "agreeing",
            ThreadStatus::Agreed => "agreed",
            ThreadStatus::Completed => "completed",
            ThreadStatus::Recognised => "recognised",
            ThreadStatus::Cancelled => "cancelled",
        }
    }

    /// Whether nothing but an erasure can follow.
    pub fn is_closed(self) -> bool {
        matches!(self, ThreadStatus::Refused | ThreadStatus::Recognised | ThreadStatus::Cancelled)
    }
}

/// Why a step cannot join a thread.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StepRefusal {
    /// The link does not follow the thread's head: the other party took a
    /// step at the same time (or the sender is behind).
    #[error("the thread moved on: the step does not follow its last step")]
    NotAtHead {
        /// The thread's last link, which the step does not follow.
        head: RecordHash,
    },
    /// The step refers to a step this thread does not hold (yet).
    #[error("{0}")]
    Missing(String),
    /// The party may not take this step now, or its content does not fit
    /// the thread.
    #[error("{0}")]
    Refused(ValidationError),
}

fn refused(field: &str, rule: impl Into<String>) -> StepRefusal {
    StepRefusal::Refused(ValidationError::new(field, rule))
}

/// The signatures of one agreement version, by role.
#[derive(Debug, Clone, Copy, Default)]
pub struct AgreementSignatures<'a> {
    /// The learner's signature step, if held.
    pub learner: Option<&'a VerifiedStep>,
    /// The school's signature step, if held.
    pub school: Option<&'a VerifiedStep>,
    /// The host's signature step, if held.
    pub host: Option<&'a VerifiedStep>,
}

impl AgreementSignatures<'_> {
    /// Whether all three signed: the agreement is then in force.
    pub fn is_complete(&self) -> bool {
        self.learner.is_some() && self.school.is_some() && self.host.is_some()
    }

    /// The roles still to sign, in the order learner, school, host.
    pub fn missing(&self) -> Vec<SignerRole> {
        [(SignerRole::Learner, self.learner), (SignerRole::School, self.school), (SignerRole::Host, self.host)]
            .into_iter()
            .filter(|(_, s)| s.is_none())
            .map(|(role, _)| role)
            .collect()
    }
}

/// A thread: its links in order and the agreement signatures it holds.
#[derive(Debug, Clone)]
pub struct Thread {
    /// The thread id of every step: `m-` and 24 lower-case hex digits.
    pub id: String,
    /// The network the thread belongs to.
    pub network: String,
    /// The sending school: the author of the interest.
    pub school: InstitutionId,
    /// The host: the addressee of the interest.
    pub host: InstitutionId,
    links: Vec<VerifiedStep>,
    signatures: Vec<VerifiedStep>,
}

impl Thread {
    /// Opens a thread with its interest step.
    pub fn start(network: &str, interest: VerifiedStep) -> Result<Self, StepRefusal> {
        if interest.kind() != StepKind::Interest {
            return Err(refused(
                "step",
                format!("a thread starts with an interest, not a {} (the thread is unknown here)", interest.kind()),
            ));
        }
        Ok(Self {
            id: interest.payload.thread.clone(),
            network: network.to_owned(),
            school: interest.author,
            host: interest.to,
            links: vec![interest],
            signatures: Vec::new(),
        })
    }

    /// The links of the chain in order, the interest first.
    pub fn links(&self) -> &[VerifiedStep] {
        &self.links
    }

    /// The signature steps held, of every agreement version.
    pub fn signatures(&self) -> &[VerifiedStep] {
        &self.signatures
    }

    /// The hash of the last link, which the next link names as `prev`.
    pub fn head(&self) -> RecordHash {
        self.links.last().map(|s| s.hash).unwrap_or(RecordHash([0; 32]))
    }

    /// Which party `institution` is in the thread, if either.
    pub fn party_of(&self, institution: &InstitutionId) -> Option<Party> {
        if *institution == self.school {
            Some(Party::School)
        } else if *institution == self.host {
            Some(Party::Host)
        } else {
            None
        }
    }

    /// The other institution of the thread.
    pub fn counterpart(&self, party: Party) -> InstitutionId {
        match party {
            Party::School => self.host,
            Party::Host => self.school,
        }
    }

    /// The nomination, once taken: it names the learner and the learner's key.
    pub fn nomination(&self) -> Option<&VerifiedStep> {
        self.links.iter().find(|s| s.kind() == StepKind::Nomination)
    }

    /// The latest agreement (or amendment).
    pub fn current_agreement(&self) -> Option<&VerifiedStep> {
        self.links.iter().rev().find(|s| s.kind() == StepKind::Agreement)
    }

    /// The completion, once taken.
    pub fn completion(&self) -> Option<&VerifiedStep> {
        self.links.iter().find(|s| s.kind() == StepKind::Completion)
    }

    /// The signatures held for the agreement step `agreement`.
    pub fn signatures_of(&self, agreement: &RecordHash) -> AgreementSignatures<'_> {
        let mut found = AgreementSignatures::default();
        for step in &self.signatures {
            if let StepBody::Signature(body) = &step.body
                && body.agreement.as_slice() == agreement.0
            {
                match body.role {
                    SignerRole::Learner => found.learner = Some(step),
                    SignerRole::School => found.school = Some(step),
                    SignerRole::Host => found.host = Some(step),
                }
            }
        }
        found
    }

    /// Where the thread stands, from its last link and, for an agreement,
    /// whether all three signed it.
    pub fn status(&self) -> ThreadStatus {
        let Some(last) = self.links.last() else { return ThreadStatus::Interested };
        match last.kind() {
            StepKind::Interest => ThreadStatus::Interested,
            StepKind::Nomination => ThreadStatus::Nominated,
            StepKind::Acceptance => ThreadStatus::Accepted,
            StepKind::Refusal => ThreadStatus::Refused,
            StepKind::Agreement if self.signatures_of(&last.hash).is_complete() => ThreadStatus::Agreed,
            StepKind::Agreement => ThreadStatus::Agreeing,
            StepKind::Completion => ThreadStatus::Completed,
            StepKind::Recognition => ThreadStatus::Recognised,
            StepKind::Cancellation => ThreadStatus::Cancelled,
            StepKind::Signature | StepKind::Erasure => ThreadStatus::Interested,
        }
    }

    /// The steps `party` may take now (erasure, always allowed, left out).
    pub fn next_steps(&self, party: Party) -> Vec<StepKind> {
        use StepKind::*;
        use ThreadStatus as S;
        let status = self.status();
        let mut steps = match (status, party) {
            (S::Interested, Party::School) => vec![Nomination],
            (S::Interested, Party::Host) => vec![Refusal],
            (S::Nominated, Party::Host) => vec![Acceptance, Refusal],
            (S::Accepted, _) => vec![Agreement],
            (S::Agreeing, _) if self.may_still_sign(party) => vec![Signature, Agreement],
            (S::Agreeing, _) => vec![Agreement],
            (S::Agreed, Party::Host) => vec![Completion, Agreement],
            (S::Agreed, Party::School) => vec![Agreement],
            (S::Completed, Party::School) => vec![Recognition],
            _ => vec![],
        };
        if matches!(status, S::Interested | S::Nominated | S::Accepted | S::Agreeing | S::Agreed) {
            steps.push(Cancellation);
        }
        steps
    }

    /// Whether `party` still has a signature of the current agreement to
    /// give: the school its own and the learner's, the host its own.
    fn may_still_sign(&self, party: Party) -> bool {
        let Some(agreement) = self.current_agreement() else { return false };
        let signed = self.signatures_of(&agreement.hash);
        match party {
            Party::School => signed.school.is_none() || signed.learner.is_none(),
            Party::Host => signed.host.is_none(),
        }
    }

    /// Whether `step` may join the thread now; [`Thread::push`] adds it.
    pub fn check(&self, step: &VerifiedStep) -> Result<(), StepRefusal> {
        if step.payload.thread != self.id {
            return Err(refused("thread", format!("must be {:?} (got {:?})", self.id, step.payload.thread)));
        }
        let party = self.party_of(&step.author).ok_or_else(|| {
            refused("kid", "the author is not a party of this thread (only its school and host may write to it)")
        })?;
        if step.to != self.counterpart(party) {
            return Err(refused("to", "must be the other party of the thread"));
        }
        match &step.body {
            StepBody::Erasure(_) => return Ok(()),
            StepBody::Signature(body) => return self.check_signature(party, body),
            _ => {}
        }
        if step.payload.n != Some(self.links.len() as u32) || step.prev() != Some(self.head()) {
            return Err(StepRefusal::NotAtHead { head: self.head() });
        }
        let kind = step.kind();
        if !self.next_steps(party).contains(&kind) {
            let who = party.as_str();
            let allowed: Vec<&str> = self.next_steps(party).iter().map(|k| k.as_str()).collect();
            let now = if allowed.is_empty() { "nothing".to_owned() } else { allowed.join(", ") };
            return Err(refused(
                "step",
                format!(
                    "the {who} may not take a {kind} step while the thread is {} (the {who} may take: {now})",
                    self.status().as_str()
                ),
            ));
        }
        match &step.body {
            StepBody::Completion(body) => {
                let agreement = self.current_agreement().ok_or_else(|| refused("step", "there is no agreement"))?;
                let signed = self.signatures_of(&agreement.hash);
                let mut pinned: Vec<&[u8]> = body.signatures.iter().map(|h| h.as_slice()).collect();
                let mut held: Vec<&[u8]> =
                    [signed.learner, signed.school, signed.host].into_iter().flatten().map(|s| &s.hash.0[..]).collect();
                pinned.sort();
                held.sort();
                if pinned != held {
                    return Err(refused(
                        "body.signatures",
                        "must be the hashes of the three signatures of the current agreement",
                    ));
                }
                let units = agreement_units(agreement);
                if let Some(bad) = body.units.iter().find(|u| u.unit as usize >= units) {
                    return Err(refused(
                        "body.units",
                        format!("unit {} is not in the agreement ({units} units)", bad.unit),
                    ));
                }
            }
            StepBody::Recognition(body) => {
                if let Some(agreement) = self.current_agreement()
                    && let Some(bad) = body.units.iter().find(|u| **u as usize >= agreement_units(agreement))
                {
                    return Err(refused("body.units", format!("unit {bad} is not in the agreement")));
                }
                let issued = self.completion().and_then(|c| match &c.body {
                    StepBody::Completion(c) => c.credential.as_ref().map(|r| r.id.clone()),
                    _ => None,
                });
                if let Some(credential) = &body.credential
                    && issued.as_ref() != Some(credential)
                {
                    return Err(refused(
                        "body.credential",
                        format!("must be the credential the completion carries ({issued:?})"),
                    ));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn check_signature(&self, party: Party, body: &SignatureBody) -> Result<(), StepRefusal> {
        let agreement: [u8; 32] =
            body.agreement.as_slice().try_into().map_err(|_| refused("body.agreement", "must be 32 bytes"))?;
        let agreement = RecordHash(agreement);
        let current = self.current_agreement().map(|a| a.hash);
        if current != Some(agreement) {
            return Err(if self.links.iter().any(|l| l.hash == agreement) {
                refused("body.agreement", "the agreement was amended since; sign the current version")
            } else {
                StepRefusal::Missing("body.agreement: the signed agreement has not arrived yet".into())
            });
        }
        if self.status() != ThreadStatus::Agreeing {
            return Err(refused(
                "step",
                format!("signatures are taken while agreeing, not when {}", self.status().as_str()),
            ));
        }
        let expected_signer = match (body.role, party) {
            (SignerRole::School, Party::School) => self.school,
            (SignerRole::Host, Party::Host) => self.host,
            (SignerRole::Learner, Party::School) => {
                let nomination = self.nomination().ok_or_else(|| refused("body.role", "no learner is nominated"))?;
                match &nomination.body {
                    StepBody::Nomination(n) => n
                        .learner_key
                        .parse()
                        .map_err(|_| refused("body.signer", "the nomination's learner key is not a did:key"))?,
                    _ => return Err(refused("body.role", "no learner is nominated")),
                }
            }
            (role, party) => {
                return Err(refused("body.role", format!("the {} cannot send the {role}'s signature", party.as_str())));
            }
        };
        if body.signer.parse::<InstitutionId>().ok() != Some(expected_signer) {
            return Err(refused(
                "body.signer",
                format!("must be {} for the {}'s signature", expected_signer.to_did(), body.role),
            ));
        }
        let key = expected_signer.verifying_key().map_err(|_| refused("body.signer", "is not an Ed25519 key"))?;
        let signature = ed25519_dalek::Signature::from_slice(&body.signature)
            .map_err(|_| refused("body.signature", "is not an Ed25519 signature"))?;
        key.verify_strict(&agreement_signing_input(&self.network, &self.id, &agreement), &signature)
            .map_err(|_| refused("body.signature", "does not verify against the signer's key for this agreement"))?;
        let already = self.signatures_of(&agreement);
        let taken = match body.role {
            SignerRole::Learner => already.learner,
            SignerRole::School => already.school,
            SignerRole::Host => already.host,
        };
        if taken.is_some() {
            return Err(refused("body.role", format!("the {} has already signed this agreement", body.role)));
        }
        Ok(())
    }

    /// Checks `step` and adds it.
    pub fn push(&mut self, step: VerifiedStep) -> Result<(), StepRefusal> {
        self.check(&step)?;
        match step.kind() {
            StepKind::Signature => self.signatures.push(step),
            StepKind::Erasure => {}
            _ => self.links.push(step),
        }
        Ok(())
    }

    /// Adds a step without checking it: for steps read back from this node's
    /// own store, which were checked when they arrived.
    pub fn push_trusted(&mut self, step: VerifiedStep) {
        match step.kind() {
            StepKind::Signature => self.signatures.push(step),
            StepKind::Erasure => {}
            _ => self.links.push(step),
        }
    }

    /// Drops the links from position `len` on (a branch that lost a race),
    /// with the signatures of agreements among them. Returns what was dropped.
    pub fn truncate(&mut self, len: usize) -> Vec<VerifiedStep> {
        let mut dropped: Vec<VerifiedStep> = self.links.drain(len.min(self.links.len())..).collect();
        let kept: Vec<RecordHash> = self.links.iter().map(|l| l.hash).collect();
        let (keep, orphaned): (Vec<_>, Vec<_>) = std::mem::take(&mut self.signatures).into_iter().partition(
            |s| matches!(&s.body, StepBody::Signature(b) if kept.iter().any(|h| h.0[..] == b.agreement[..])),
        );
        self.signatures = keep;
        dropped.extend(orphaned);
        dropped
    }

    /// The position of the link `hash`, if it is in the chain.
    pub fn position(&self, hash: &RecordHash) -> Option<usize> {
        self.links.iter().position(|l| l.hash == *hash)
    }
}

fn agreement_units(agreement: &VerifiedStep) -> usize {
    match &agreement.body {
        StepBody::Agreement(a) => a.units.len(),
        _ => 0,
    }
}
