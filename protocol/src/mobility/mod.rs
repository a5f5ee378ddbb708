//! A learner's mobility between a sending school and a host: the signed
//! steps the two institutions' nodes send each other directly (never
//! gossiped), the delivery receipts, and the rules of which party may take
//! which step when ([`thread::Thread`]).
//!
//! A step is a COSE_Sign1 message like a record, but with the content type
//! [`STEP_CONTENT_TYPE`] in its protected header, so a step can never pass
//! as a record or the other way round. Each step of a thread names the hash
//! of the one before it (`prev`), so neither party can rewrite the thread.
//! Signatures of the learning agreement and erasure notices are not links of
//! the chain: they refer to the agreement (or the thread) instead, so the
//! three parties can sign in any order. `docs/PROTOCOL.md` specifies it all.

pub mod steps;
pub mod thread;

use ed25519_dalek::{Signer, SigningKey};
use serde::{Deserialize, Serialize};

use crate::envelope::{decode_stored, open_signed, open_signed_as_stored};
use crate::keyword::keyword_enum;
use crate::limits::MAX_CLOCK_SKEW_SECS;
use crate::validate::{Checked, ValidationError};
use crate::{InstitutionId, RecordError, RecordHash, ValidationContext};
use steps::*;

/// The format version of steps and receipts.
pub const MOBILITY_VERSION: u32 = 1;
/// The COSE content type (header label 3) of a mobility step.
pub const STEP_CONTENT_TYPE: &str = "application/vnd.vetnet.mobility-step+cbor";
/// The COSE content type of a delivery receipt.
pub const RECEIPT_CONTENT_TYPE: &str = "application/vnd.vetnet.receipt+cbor";
/// The largest step a node accepts (a completion may carry a credential).
pub const MAX_STEP_BYTES: usize = 60 * 1024;
/// The largest receipt a node accepts.
pub const MAX_RECEIPT_BYTES: usize = 2 * 1024;
/// The domain separator of the learning-agreement signatures.
pub const AGREEMENT_SIGNATURE_DOMAIN: &[u8] = b"vetnet/learning-agreement/1";

/// The libp2p request-response protocol carrying steps (request) and
/// receipts (response) between two nodes.
pub fn direct_protocol(network: &str) -> String {
    format!("/vetnet/{network}/direct/1")
}

keyword_enum! {
    /// What a step does. Which party may take it, and when, is in
    /// [`thread::Thread::check`].
    pub enum StepKind {
        /// School to host: interest in one of the host's offers; opens the thread.
        Interest = "interest",
        /// School to host: the one learner of the thread, with the minimum
        /// personal data a host needs.
        Nomination = "nomination",
        /// Host to school: the nominated learner is welcome.
        Acceptance = "acceptance",
        /// Host to school: declined, with a reason.
        Refusal = "refusal",
        /// Either party: the learning agreement; a later one amends it.
        Agreement = "agreement",
        /// Host to school: the placement is over, with the assessments.
        Completion = "completion",
        /// School to host: the school's recognition decision.
        Recognition = "recognition",
        /// Either party: the mobility will not happen.
        Cancellation = "cancellation",
        /// Either party: one signature of one version of the learning
        /// agreement (not a link).
        Signature = "signature",
        /// Either party: the learner asked for their data to be erased (not a
        /// link).
        Erasure = "erasure",
    }
}

impl StepKind {
    /// Whether the step is a link of the thread's chain (`n` and `prev`);
    /// signatures and erasures refer to the thread without being links.
    pub fn is_link(self) -> bool {
        !matches!(self, StepKind::Signature | StepKind::Erasure)
    }
}

/// The signed payload of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StepPayload {
    /// Format version, [`MOBILITY_VERSION`].
    pub v: u32,
    /// Network name; must equal the receiver's network.
    pub net: String,
    /// The thread: `m-` and 24 lower-case hex digits, chosen by the school.
    pub thread: String,
    /// What the step does; decides how `body` is read.
    pub step: StepKind,
    /// The step's place in the chain (0 for the interest); absent for
    /// signatures and erasures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<u32>,
    /// SHA-256 of the previous link's bytes; absent for the interest,
    /// signatures and erasures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<serde_bytes::ByteBuf>,
    /// The institution the step is addressed to (its 32-byte key).
    pub to: serde_bytes::ByteBuf,
    /// Unix seconds when signed; at most [`MAX_CLOCK_SKEW_SECS`] ahead of the
    /// receiver's clock.
    pub ts: u64,
    /// The step kind's fields, a CBOR map ([`steps`]).
    pub body: ciborium::Value,
}

/// A step body, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum StepBody {
    /// The body of an `interest` step.
    Interest(InterestBody),
    /// The body of a `nomination` step.
    Nomination(Box<NominationBody>),
    /// The body of an `acceptance` step.
    Acceptance(AcceptanceBody),
    /// The body of a `refusal` step.
    Refusal(RefusalBody),
    /// The body of an `agreement` step.
    Agreement(Box<AgreementBody>),
    /// The body of a `completion` step.
    Completion(Box<CompletionBody>),
    /// The body of a `recognition` step.
    Recognition(RecognitionBody),
    /// The body of a `cancellation` step.
    Cancellation(CancellationBody),
    /// The body of a `signature` step.
    Signature(SignatureBody),
    /// The body of an `erasure` step.
    Erasure(ErasureBody),
}

impl StepBody {
    /// The step kind this body belongs to.
    pub fn kind(&self) -> StepKind {
        match self {
            StepBody::Interest(_) => StepKind::Interest,
            StepBody::Nomination(_) => StepKind::Nomination,
            StepBody::Acceptance(_) => StepKind::Acceptance,
            StepBody::Refusal(_) => StepKind::Refusal,
            StepBody::Agreement(_) => StepKind::Agreement,
            StepBody::Completion(_) => StepKind::Completion,
            StepBody::Recognition(_) => StepKind::Recognition,
            StepBody::Cancellation(_) => StepKind::Cancellation,
            StepBody::Signature(_) => StepKind::Signature,
            StepBody::Erasure(_) => StepKind::Erasure,
        }
    }

    fn to_value(&self) -> Result<ciborium::Value, crate::cbor::EncodeError> {
        match self {
            StepBody::Interest(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Nomination(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Acceptance(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Refusal(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Agreement(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Completion(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Recognition(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Cancellation(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Signature(b) => crate::cbor::to_deterministic_value(b),
            StepBody::Erasure(b) => crate::cbor::to_deterministic_value(b),
        }
    }

    fn decode(kind: StepKind, value: &ciborium::Value) -> Result<Self, RecordError> {
        fn typed<B: serde::de::DeserializeOwned + Checked>(value: &ciborium::Value) -> Result<B, RecordError> {
            let body: B = crate::cbor::from_value(value, "body")?;
            body.check("body")?;
            Ok(body)
        }
        Ok(match kind {
            StepKind::Interest => StepBody::Interest(typed(value)?),
            StepKind::Nomination => StepBody::Nomination(Box::new(typed(value)?)),
            StepKind::Acceptance => StepBody::Acceptance(typed(value)?),
            StepKind::Refusal => StepBody::Refusal(typed(value)?),
            StepKind::Agreement => StepBody::Agreement(Box::new(typed(value)?)),
            StepKind::Completion => StepBody::Completion(Box::new(typed(value)?)),
            StepKind::Recognition => StepBody::Recognition(typed(value)?),
            StepKind::Cancellation => StepBody::Cancellation(typed(value)?),
            StepKind::Signature => StepBody::Signature(typed(value)?),
            StepKind::Erasure => StepBody::Erasure(typed(value)?),
        })
    }
}

/// What a node fills in to make a step; [`sign_step`] turns it into bytes.
#[derive(Debug, Clone)]
pub struct StepDraft {
    /// The network the step belongs to.
    pub net: String,
    /// The thread id: `m-` and 24 lower-case hex digits.
    pub thread: String,
    /// The step's place in the chain: 0 for the interest, the number of links
    /// held for a later link, `None` for a signature or an erasure.
    pub n: Option<u32>,
    /// The hash of the previous link; `None` for the interest, a signature or
    /// an erasure.
    pub prev: Option<RecordHash>,
    /// The other institution of the thread, never the author.
    pub to: InstitutionId,
    /// Unix seconds of signing.
    pub ts: u64,
    /// The body; its kind becomes the payload's `step`.
    pub body: StepBody,
}

/// Signs a step with the author's key (a tagged COSE_Sign1, alg EdDSA, `kid`
/// = the public key, content type [`STEP_CONTENT_TYPE`]) and opens it again
/// as the receiver will, so nothing invalid leaves the node.
pub fn sign_step(key: &SigningKey, draft: StepDraft, ctx: &ValidationContext) -> Result<VerifiedStep, RecordError> {
    let payload = StepPayload {
        v: MOBILITY_VERSION,
        net: draft.net,
        thread: draft.thread,
        step: draft.body.kind(),
        n: draft.n,
        prev: draft.prev.map(|h| serde_bytes::ByteBuf::from(h.0.to_vec())),
        to: serde_bytes::ByteBuf::from(draft.to.as_bytes().to_vec()),
        ts: draft.ts,
        body: draft.body.to_value().map_err(|e| RecordError::Payload(ValidationError::new("body", e.to_string())))?,
    };
    let bytes = sign_cose(key, &payload, STEP_CONTENT_TYPE)?;
    VerifiedStep::open(&bytes, ctx)
}

pub(crate) fn sign_cose<T: Serialize>(
    key: &SigningKey,
    payload: &T,
    content_type: &str,
) -> Result<Vec<u8>, RecordError> {
    let payload_bytes = crate::cbor::to_deterministic_vec(payload)
        .map_err(|e| RecordError::Payload(ValidationError::new("payload", e.to_string())))?;
    Ok(crate::cbor::cose::sign1(key, Some(content_type), &payload_bytes))
}

/// Checks a COSE_Sign1 of `content_type` no larger than `max`: its one
/// accepted encoding, the protected header exactly `{1: -8, 3:
/// content_type, 4: kid}`, `verify_strict`; returns the signer and the
/// payload bytes.
pub(crate) fn open_cose(
    bytes: &[u8],
    content_type: &str,
    max: usize,
    source: Source,
) -> Result<(InstitutionId, Vec<u8>), RecordError> {
    if bytes.len() > max {
        return Err(RecordError::TooLarge { size: bytes.len(), max });
    }
    let (signer, payload) = match source {
        Source::Received => open_signed(bytes, Some(content_type))?,
        Source::Stored => open_signed_as_stored(bytes, Some(content_type))?,
    };
    Ok((signer, payload.to_vec()))
}

/// Where the bytes of a direct message come from, which decides how strictly
/// their encoding is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// From a peer, or just signed: the encoding rules of `docs/PROTOCOL.md`.
    Received,
    /// From this node's own store: accepted before, perhaps before the
    /// encoding had to be deterministic, so any well-formed encoding.
    Stored,
}

/// A direct message's payload: one item of deterministic CBOR, checked
/// before any typed decoding, then the payload's fields (or, for stored
/// bytes, any well-formed CBOR).
pub(crate) fn decode_exact<T: serde::de::DeserializeOwned>(bytes: &[u8], source: Source) -> Result<T, RecordError> {
    if source == Source::Stored {
        return decode_stored(bytes);
    }
    let value = crate::cbor::read_deterministic(bytes, "").map_err(RecordError::Payload)?;
    crate::cbor::from_value(&value, "").map_err(RecordError::Payload)
}

/// The first rules of every direct message (a step or a letter): the
/// format version and the receiver's network.
pub(crate) fn check_version_and_network(v: u32, net: &str, ctx: &ValidationContext) -> Result<(), RecordError> {
    let rule = |field: &str, rule: String| RecordError::Rule(ValidationError::new(field, rule));
    if v != MOBILITY_VERSION {
        return Err(rule("v", format!("must be {MOBILITY_VERSION} (got {v})")));
    }
    if net != ctx.network {
        return Err(rule("net", format!("must be this node's network {:?} (got {net:?})", ctx.network)));
    }
    Ok(())
}

/// The time and addressee of every direct message: not signed in the
/// future beyond the clock skew, and addressed by a 32-byte key to an
/// institution other than its author. Returns the addressee.
pub(crate) fn check_time_and_addressee(
    ts: u64,
    to: &[u8],
    author: &InstitutionId,
    ctx: &ValidationContext,
) -> Result<InstitutionId, RecordError> {
    let rule = |field: &str, rule: &str| RecordError::Rule(ValidationError::new(field, rule));
    if ts > ctx.now.saturating_add(MAX_CLOCK_SKEW_SECS) {
        return Err(RecordError::FromTheFuture { ahead_secs: ts - ctx.now, max_secs: MAX_CLOCK_SKEW_SECS });
    }
    let to: [u8; 32] = to.try_into().map_err(|_| rule("to", "must be the 32-byte key of the receiving institution"))?;
    let to = InstitutionId::from_bytes(to);
    if to == *author {
        return Err(rule("to", "must be the other institution, not the author"));
    }
    Ok(to)
}

/// A step whose envelope, signature and field rules have been checked.
/// Whether the author may take it now is [`thread::Thread::check`]'s job.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedStep {
    /// The exact bytes received or signed; stored and sent as they are.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`: what `prev`, signatures, completions and receipts
    /// refer to.
    pub hash: RecordHash,
    /// The signer: the envelope's `kid`.
    pub author: InstitutionId,
    /// The addressee: the payload's `to`, never the author.
    pub to: InstitutionId,
    /// The decoded payload.
    pub payload: StepPayload,
    /// The payload's body, typed by its step kind.
    pub body: StepBody,
}

impl VerifiedStep {
    /// Checks `bytes` as a step of the network in `ctx`.
    pub fn open(bytes: &[u8], ctx: &ValidationContext) -> Result<Self, RecordError> {
        Self::open_from(bytes, ctx, Source::Received)
    }

    /// Checks a step this node stored itself: every check of [`Self::open`]
    /// but the encoding rules, so steps stored before the payload had to be
    /// deterministic CBOR still open. Never use it on bytes from outside.
    pub fn open_stored(bytes: &[u8], ctx: &ValidationContext) -> Result<Self, RecordError> {
        Self::open_from(bytes, ctx, Source::Stored)
    }

    fn open_from(bytes: &[u8], ctx: &ValidationContext, source: Source) -> Result<Self, RecordError> {
        let (author, payload_bytes) = open_cose(bytes, STEP_CONTENT_TYPE, MAX_STEP_BYTES, source)?;
        let payload: StepPayload = decode_exact(&payload_bytes, source)?;
        let rule = |field: &str, rule: String| RecordError::Rule(ValidationError::new(field, rule));
        check_version_and_network(payload.v, &payload.net, ctx)?;
        if !is_thread_id(&payload.thread) {
            return Err(rule("thread", format!("must be m- and 24 lower-case hex digits (got {:?})", payload.thread)));
        }
        let to = check_time_and_addressee(payload.ts, &payload.to, &author, ctx)?;
        let is_link = payload.step.is_link();
        match (is_link, payload.n, payload.prev.as_ref()) {
            (true, Some(0), None) | (false, None, None) => {}
            (true, Some(0), Some(_)) => return Err(rule("prev", "must be absent in the first step".into())),
            (true, Some(_), Some(prev)) if prev.len() == 32 => {}
            (true, Some(_), _) => return Err(rule("prev", "must be the 32-byte hash of the previous step".into())),
            (true, None, _) => return Err(rule("n", format!("is required in a {} step", payload.step))),
            (false, _, _) => {
                return Err(rule("n", format!("n and prev must be absent in a {} step", payload.step)));
            }
        }
        if (payload.step == StepKind::Interest) != (payload.n == Some(0)) {
            return Err(rule("n", "must be 0 exactly in the interest that opens a thread".into()));
        }
        if !payload.body.is_map() {
            return Err(rule("body", "must be a CBOR map".into()));
        }
        let body = StepBody::decode(payload.step, &payload.body)?;
        Ok(Self { bytes: bytes.to_vec(), hash: RecordHash::of(bytes), author, to, payload, body })
    }

    /// The previous link's hash, for links after the first.
    pub fn prev(&self) -> Option<RecordHash> {
        let prev: [u8; 32] = self.payload.prev.as_ref()?.as_slice().try_into().ok()?;
        Some(RecordHash(prev))
    }

    /// What the step does.
    pub fn kind(&self) -> StepKind {
        self.payload.step
    }
}

/// `m-` and 24 lower-case hex digits.
pub fn is_thread_id(id: &str) -> bool {
    id.len() == 26 && id.starts_with("m-") && id[2..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// What a learning-agreement signature signs: the domain, the network, the
/// thread and the agreement step's hash, separated by zero bytes.
pub fn agreement_signing_input(network: &str, thread: &str, agreement: &RecordHash) -> Vec<u8> {
    let mut input = Vec::with_capacity(AGREEMENT_SIGNATURE_DOMAIN.len() + network.len() + thread.len() + 35);
    input.extend_from_slice(AGREEMENT_SIGNATURE_DOMAIN);
    input.push(0);
    input.extend_from_slice(network.as_bytes());
    input.push(0);
    input.extend_from_slice(thread.as_bytes());
    input.push(0);
    input.extend_from_slice(&agreement.0);
    input
}

/// Signs a version of the learning agreement with `key`.
pub fn sign_agreement(key: &SigningKey, network: &str, thread: &str, agreement: &RecordHash) -> [u8; 64] {
    key.sign(&agreement_signing_input(network, thread, agreement)).to_bytes()
}

keyword_enum! {
    /// What the receiving node did with a step.
    pub enum ReceiptStatus {
        /// Stored: the step is part of the thread now.
        Accepted = "accepted",
        /// Already held: delivered before.
        Duplicate = "duplicate",
        /// Delivered but not taken: the party may not take this step now,
        /// or it breaks a rule. `field` and `reason` say why. Final.
        Refused = "refused",
        /// The receiver's thread moved on (the other party took a step at
        /// the same time, and that step won): the sender's step is dropped.
        Conflict = "conflict",
        /// The receiver cannot take it yet (a step it refers to has not
        /// arrived, or the node is busy): send it again later.
        Retry = "retry",
    }
}

/// The signed answer to a delivered step: proof that the other node got it
/// and what it did with it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReceiptPayload {
    /// Format version, [`MOBILITY_VERSION`].
    pub v: u32,
    /// The network of the step.
    pub net: String,
    /// SHA-256 of the step's bytes.
    pub step: serde_bytes::ByteBuf,
    /// What the receiver did with the step.
    pub status: ReceiptStatus,
    /// Unix seconds when signed (not checked).
    pub ts: u64,
    /// The receiver's head of the thread after this step (on conflict: the
    /// link that won).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<serde_bytes::ByteBuf>,
    /// With `refused` and `retry`: the field at fault, at most
    /// [`MAX_RECEIPT_FIELD_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// With `refused` and `retry`: the rule or cause, for people, at most
    /// [`MAX_RECEIPT_REASON_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Longest `field` in a receipt (characters); a longer one is cut, so a
/// receipt always fits [`MAX_RECEIPT_BYTES`].
pub const MAX_RECEIPT_FIELD_CHARS: usize = 100;
/// Longest `reason` in a receipt (characters); a longer one is cut and ends
/// with `…`.
pub const MAX_RECEIPT_REASON_CHARS: usize = 500;

/// `text` cut to `max` characters, with `…` when cut.
fn bounded(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut cut: String = text.chars().take(max - 1).collect();
        cut.push('…');
        cut
    }
}

/// A checked receipt.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedReceipt {
    /// The exact bytes received or signed.
    pub bytes: Vec<u8>,
    /// The receiving institution that signed it; a sender takes it only from
    /// the step's `to`.
    pub signer: InstitutionId,
    /// The hash of the step it answers.
    pub step: RecordHash,
    /// The decoded payload.
    pub payload: ReceiptPayload,
}

/// Signs a receipt for `step`.
pub fn sign_receipt(
    key: &SigningKey,
    network: &str,
    step: &RecordHash,
    status: ReceiptStatus,
    ts: u64,
    head: Option<RecordHash>,
    refusal: Option<&ValidationError>,
) -> Result<Vec<u8>, RecordError> {
    let payload = ReceiptPayload {
        v: MOBILITY_VERSION,
        net: network.to_owned(),
        step: serde_bytes::ByteBuf::from(step.0.to_vec()),
        status,
        ts,
        head: head.map(|h| serde_bytes::ByteBuf::from(h.0.to_vec())),
        field: refusal.map(|e| bounded(&e.field, MAX_RECEIPT_FIELD_CHARS)),
        reason: refusal.map(|e| bounded(&e.rule, MAX_RECEIPT_REASON_CHARS)),
    };
    sign_cose(key, &payload, RECEIPT_CONTENT_TYPE)
}

impl VerifiedReceipt {
    /// Checks a receipt of the network `network`.
    pub fn open(bytes: &[u8], network: &str) -> Result<Self, RecordError> {
        let (signer, payload_bytes) = open_cose(bytes, RECEIPT_CONTENT_TYPE, MAX_RECEIPT_BYTES, Source::Received)?;
        let payload: ReceiptPayload = decode_exact(&payload_bytes, Source::Received)?;
        let rule = |field: &str, rule: String| RecordError::Rule(ValidationError::new(field, rule));
        if payload.v != MOBILITY_VERSION {
            return Err(rule("v", format!("must be {MOBILITY_VERSION} (got {})", payload.v)));
        }
        if payload.net != network {
            return Err(rule("net", format!("must be this node's network {network:?} (got {:?})", payload.net)));
        }
        let step: [u8; 32] =
            payload.step.as_slice().try_into().map_err(|_| rule("step", "must be a 32-byte hash".into()))?;
        if payload.head.as_ref().is_some_and(|h| h.len() != 32) {
            return Err(rule("head", "must be a 32-byte hash".into()));
        }
        Ok(Self { bytes: bytes.to_vec(), signer, step: RecordHash(step), payload })
    }

    /// The receiver's head of the thread, when the receipt names one.
    pub fn head(&self) -> Option<RecordHash> {
        let head: [u8; 32] = self.payload.head.as_ref()?.as_slice().try_into().ok()?;
        Some(RecordHash(head))
    }
}
