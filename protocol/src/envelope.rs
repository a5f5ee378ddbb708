//! The COSE_Sign1 envelope (RFC 9052): signing, and opening a record, which
//! checks it step by step, cheapest first: size, envelope, signature,
//! payload, field rules.

use std::fmt;

use ed25519_dalek::SigningKey;
use sha2::{Digest, Sha256};

use crate::achievement::AchievementBody;
use crate::cbor::{self, cose};
use crate::delegation::{DelegationBody, delegation_id};
use crate::endorsement::{EndorsementBody, endorsement_id};
use crate::event::EventBody;
use crate::issuance_stats::{IssuanceStatsBody, Quarter};
use crate::key_lifecycle::{KEY_ROTATION_ID, KeyRevocationBody, KeyRotationBody, key_revocation_id};
use crate::limits::{MAX_CLOCK_SKEW_SECS, MAX_ID_LEN, MAX_KIND_LEN, MAX_RECORD_BYTES};
use crate::need::NeedBody;
use crate::network::{NETWORK_PROFILE_ID, NetworkProfileBody};
use crate::offer::OfferBody;
use crate::profile::{PROFILE_ID, ProfileBody};
use crate::resource::ResourceBody;
use crate::revocation::{RevocationBody, credential_uuid};
use crate::skills_need::SkillsNeedBody;
use crate::validate::{Checked, ValidationError};
use crate::{Content, FORMAT_VERSION, InstitutionId, Payload, RecordError, RecordKey, RecordKind, ValidationContext};

/// SHA-256 of the whole COSE_Sign1 bytes: the record's identity on the wire
/// (the gossipsub message id) and its dedup key.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RecordHash(pub [u8; 32]);

impl RecordHash {
    /// The hash of a record's bytes exactly as received or signed.
    pub fn of(bytes: &[u8]) -> Self {
        Self(Sha256::digest(bytes).into())
    }

    /// The hash in lower-case hex, as vectors and views show it.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl fmt::Display for RecordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for RecordHash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RecordHash({})", self.to_hex())
    }
}

/// An institution's signing key. Kept apart from the node's libp2p key, so a
/// node key can be replaced without changing who the institution is.
pub struct InstitutionKey(SigningKey);

impl InstitutionKey {
    /// The key of a 32-byte Ed25519 secret (RFC 8032).
    pub fn from_secret_bytes(secret: &[u8; 32]) -> Self {
        Self(SigningKey::from_bytes(secret))
    }

    /// The 32-byte Ed25519 secret, for the key file.
    pub fn secret_bytes(&self) -> [u8; 32] {
        self.0.to_bytes()
    }

    /// The institution this key signs for: its public key, the `kid` of its
    /// records.
    pub fn id(&self) -> InstitutionId {
        InstitutionId::from_bytes(self.0.verifying_key().to_bytes())
    }

    /// The Ed25519 key, for signatures outside records (credentials).
    pub fn signing_key(&self) -> &SigningKey {
        &self.0
    }

    /// Encodes `payload` in deterministic CBOR and wraps it in a tagged
    /// COSE_Sign1 whose protected header is exactly `{1: -8, 4: kid}`, `kid`
    /// being the public key.
    pub fn sign(&self, payload: &Payload) -> Result<Vec<u8>, RecordError> {
        let payload_bytes = cbor::to_deterministic_vec(payload)
            .map_err(|e| RecordError::Payload(ValidationError::new("payload", e.to_string())))?;
        Ok(cose::sign1(&self.0, None, &payload_bytes))
    }

    /// Signs `payload` and opens the result exactly as a receiving node would,
    /// so what the admin publishes passes the same checks as what peers send.
    pub fn sign_checked(&self, payload: &Payload, ctx: &ValidationContext) -> Result<VerifiedRecord, RecordError> {
        let bytes = self.sign(payload)?;
        VerifiedRecord::open(&bytes, ctx)
    }
}

/// A record whose envelope, signature and rules have been checked.
#[derive(Debug, Clone)]
pub struct VerifiedRecord {
    /// The exact bytes received or signed; stored and forwarded as they are.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`: the record hash and gossip message id.
    pub hash: RecordHash,
    /// The signer: the envelope's `kid`.
    pub author: InstitutionId,
    /// The decoded payload.
    pub payload: Payload,
    /// The body as far as this version interprets it.
    pub content: Content,
}

impl VerifiedRecord {
    /// Checks `bytes` as a record of the network in `ctx`.
    pub fn open(bytes: &[u8], ctx: &ValidationContext) -> Result<Self, RecordError> {
        if bytes.len() > MAX_RECORD_BYTES {
            return Err(RecordError::TooLarge { size: bytes.len(), max: MAX_RECORD_BYTES });
        }
        let (author, payload_bytes) = open_signed(bytes, None)?;
        let payload = decode_payload(payload_bytes)?;
        let content = check_payload(&payload, &author, ctx)?;
        Ok(Self { bytes: bytes.to_vec(), hash: RecordHash::of(bytes), author, payload, content })
    }

    /// Decodes bytes this node verified before (its own store) without
    /// checking the signature or the clock again: reading a record back must
    /// not cost a signature check. Never use it on bytes from outside.
    pub fn from_trusted_bytes(bytes: &[u8], network: &str) -> Result<Self, RecordError> {
        Self::from_trusted_parts(bytes, RecordHash::of(bytes), network)
    }

    /// [`VerifiedRecord::from_trusted_bytes`] for bytes read back by their
    /// hash, which is not computed again.
    ///
    /// Lenient about the encoding: a store may hold records accepted before
    /// the payload had to be deterministic CBOR and the protected header had
    /// to be exact, so the payload is read in any well-formed encoding and
    /// the `kid` wherever the header holds it. The field rules still apply.
    pub fn from_trusted_parts(bytes: &[u8], hash: RecordHash, network: &str) -> Result<Self, RecordError> {
        let sign1 = cose::parse_sign1(bytes).map_err(RecordError::Envelope)?;
        let kid = match cose::header_kid(sign1.protected, None) {
            Ok(kid) => kid,
            Err(e) => cose::lenient_header_kid(sign1.protected).ok_or(RecordError::Envelope(e))?,
        };
        let author = InstitutionId::from_bytes(kid);
        let payload = decode_stored::<Payload>(sign1.payload)?;
        let ctx = ValidationContext { network, now: u64::MAX - MAX_CLOCK_SKEW_SECS };
        let content = check_payload(&payload, &author, &ctx)?;
        Ok(Self { bytes: bytes.to_vec(), hash, author, payload, content })
    }

    /// Whether the bytes are in the encoding [`VerifiedRecord::open`]
    /// requires: the exact protected header and a payload in deterministic
    /// CBOR. Cheap (no signature check): for records read back from a store
    /// that may hold some accepted before those rules.
    pub fn has_strict_encoding(&self) -> bool {
        cose::parse_sign1(&self.bytes).is_ok_and(|sign1| {
            cose::header_kid(sign1.protected, None).is_ok() && cbor::read_deterministic(sign1.payload, "").is_ok()
        })
    }

    /// Whether the record is a withdrawal (a tombstone).
    pub fn is_withdrawn(&self) -> bool {
        matches!(self.content, Content::Withdrawn)
    }

    /// The key that identifies the record across its versions: author, kind
    /// and id.
    pub fn key(&self) -> RecordKey {
        RecordKey { author: self.author, kind: self.payload.kind.clone(), id: self.payload.id.clone() }
    }
}

/// Authors whose public key was decompressed recently. Decompressing an
/// Ed25519 point costs about a fifth of a signature check, and an author's
/// records tend to arrive together (sync, a busy publisher), so this is a
/// memo of a pure function, bounded: it empties when full.
static VERIFYING_KEYS: std::sync::LazyLock<
    std::sync::Mutex<std::collections::HashMap<[u8; 32], ed25519_dalek::VerifyingKey>>,
> = std::sync::LazyLock::new(Default::default);

/// Authors [`VERIFYING_KEYS`] holds at most (about 200 bytes each).
const VERIFYING_KEYS_MAX: usize = 16_384;

/// The author's key for `verify_strict`; a key that is no curve point makes
/// the signature bad.
pub(crate) fn verifying_key_of(author: &InstitutionId) -> Result<ed25519_dalek::VerifyingKey, RecordError> {
    let mut keys = VERIFYING_KEYS.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(key) = keys.get(author.as_bytes()) {
        return Ok(*key);
    }
    let key = author.verifying_key().map_err(|_| RecordError::BadSignature)?;
    if keys.len() >= VERIFYING_KEYS_MAX {
        keys.clear();
    }
    keys.insert(*author.as_bytes(), key);
    Ok(key)
}

/// Takes a signed message apart and checks it: the envelope in its one
/// accepted encoding, the protected header exactly as the spec gives it for
/// `content_type` (`None` for a record), and the strict Ed25519 signature of
/// its `kid`. Returns the signer and the payload bytes.
pub(crate) fn open_signed<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
) -> Result<(InstitutionId, &'a [u8]), RecordError> {
    let sign1 = cose::parse_sign1(bytes).map_err(RecordError::Envelope)?;
    let kid = cose::header_kid(sign1.protected, content_type).map_err(RecordError::Envelope)?;
    let author = InstitutionId::from_bytes(kid);
    let verifying_key = verifying_key_of(&author)?;
    if !cose::verifies(&sign1, &verifying_key) {
        return Err(RecordError::BadSignature);
    }
    Ok((author, sign1.payload))
}

/// [`open_signed`] for bytes this node stored itself: the signature is
/// checked, but the protected header may be in any encoding that holds the
/// kid, as accepted before the header had to be exact.
pub(crate) fn open_signed_as_stored<'a>(
    bytes: &'a [u8],
    content_type: Option<&str>,
) -> Result<(InstitutionId, &'a [u8]), RecordError> {
    let sign1 = cose::parse_sign1(bytes).map_err(RecordError::Envelope)?;
    let kid = match cose::header_kid(sign1.protected, content_type) {
        Ok(kid) => kid,
        Err(e) => cose::lenient_header_kid(sign1.protected).ok_or(RecordError::Envelope(e))?,
    };
    let author = InstitutionId::from_bytes(kid);
    let verifying_key = verifying_key_of(&author)?;
    if !cose::verifies(&sign1, &verifying_key) {
        return Err(RecordError::BadSignature);
    }
    Ok((author, sign1.payload))
}

/// A payload this node stored itself, in any well-formed CBOR encoding
/// (stored before the encoding had to be deterministic).
pub(crate) fn decode_stored<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, RecordError> {
    let value: ciborium::Value = ciborium::from_reader(bytes)
        .map_err(|_| RecordError::Payload(ValidationError::new("payload", "must be one well-formed CBOR map")))?;
    cbor::from_value(&value, "").map_err(RecordError::Payload)
}

/// The payload is exactly one item of deterministic CBOR, checked before
/// any typed decoding, then a map with the payload's fields.
fn decode_payload(bytes: &[u8]) -> Result<Payload, RecordError> {
    let value = cbor::read_deterministic(bytes, "").map_err(RecordError::Payload)?;
    cbor::from_value(&value, "").map_err(RecordError::Payload)
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
}

fn rule(field: &str, rule: String) -> RecordError {
    RecordError::Rule(ValidationError::new(field, rule))
}

/// The rules every payload follows, then the rules of its kind.
fn check_payload(payload: &Payload, author: &InstitutionId, ctx: &ValidationContext) -> Result<Content, RecordError> {
    check_header(payload, ctx)?;
    let kind = payload.record_kind();
    if kind == RecordKind::Profile && payload.id != PROFILE_ID {
        return Err(rule("id", format!("must be {PROFILE_ID:?} for a profile (got {:?})", payload.id)));
    }
    if kind == RecordKind::NetworkProfile && payload.id != NETWORK_PROFILE_ID {
        let id = &payload.id;
        return Err(rule("id", format!("must be {NETWORK_PROFILE_ID:?} for a network profile (got {id:?})")));
    }
    let body = match (&payload.body, payload.withdrawn) {
        (None, true) if kind.is_final() => {
            return Err(rule("withdrawn", format!("a {kind} is final and cannot be withdrawn")));
        }
        (None, true) => return Ok(Content::Withdrawn),
        (Some(_), true) => return Err(rule("body", "must be absent in a withdrawal".into())),
        (None, false) => return Err(rule("body", "is required unless the record is a withdrawal".into())),
        (Some(body), false) => body,
    };
    if !body.is_map() {
        return Err(rule("body", "must be a CBOR map".into()));
    }
    check_body(kind, body, payload, author)
}

/// The envelope fields every payload has: format version, network, kind,
/// id, sequence number and time.
fn check_header(payload: &Payload, ctx: &ValidationContext) -> Result<(), RecordError> {
    if payload.v != FORMAT_VERSION {
        return Err(rule(
            "v",
            format!("must be {FORMAT_VERSION}, the format version this node understands (got {})", payload.v),
        ));
    }
    if payload.net != ctx.network {
        return Err(rule("net", format!("must be this node's network {:?} (got {:?})", ctx.network, payload.net)));
    }
    let kind_ok = !payload.kind.is_empty()
        && payload.kind.len() <= MAX_KIND_LEN
        && payload.kind.as_bytes()[0].is_ascii_lowercase()
        && payload.kind.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !kind_ok {
        return Err(rule(
            "kind",
            format!(
                "must be 1-{MAX_KIND_LEN} lower-case letters, digits or hyphens, starting with a letter (got {:?})",
                payload.kind
            ),
        ));
    }
    let id_ok = !payload.id.is_empty() && payload.id.len() <= MAX_ID_LEN && payload.id.bytes().all(is_name_char);
    if !id_ok {
        return Err(rule(
            "id",
            format!("must be 1-{MAX_ID_LEN} letters, digits, '-', '_' or '.' (got {:?})", payload.id),
        ));
    }
    if payload.seq == 0 {
        return Err(rule("seq", "must be at least 1".into()));
    }
    if payload.ts > ctx.now.saturating_add(MAX_CLOCK_SKEW_SECS) {
        return Err(RecordError::FromTheFuture { ahead_secs: payload.ts - ctx.now, max_secs: MAX_CLOCK_SKEW_SECS });
    }
    Ok(())
}

/// A present body, decoded as its kind and checked against the rules that
/// tie it to the envelope (derived ids, the author, the record's time).
fn check_body(
    kind: RecordKind,
    body: &ciborium::Value,
    payload: &Payload,
    author: &InstitutionId,
) -> Result<Content, RecordError> {
    match kind {
        RecordKind::Profile => Ok(Content::Profile(Box::new(decode_body::<ProfileBody>(body)?))),
        RecordKind::Offer => Ok(Content::Offer(Box::new(decode_body::<OfferBody>(body)?))),
        RecordKind::Need => Ok(Content::Need(Box::new(decode_body::<NeedBody>(body)?))),
        RecordKind::NetworkProfile => Ok(Content::NetworkProfile(Box::new(decode_body::<NetworkProfileBody>(body)?))),
        RecordKind::Achievement => Ok(Content::Achievement(Box::new(decode_body::<AchievementBody>(body)?))),
        RecordKind::Revocation => {
            let revocation = decode_body::<RevocationBody>(body)?;
            if credential_uuid(&revocation.credential) != Some(payload.id.as_str()) {
                return Err(rule(
                    "id",
                    format!(
                        "must be the UUID of the revoked credential {:?} (got {:?})",
                        revocation.credential, payload.id
                    ),
                ));
            }
            Ok(Content::Revocation(revocation))
        }
        RecordKind::Delegation => {
            let delegation = decode_body::<DelegationBody>(body)?;
            let expected = delegation.delegate_id().map(|delegate| delegation_id(&delegation.achievement, &delegate));
            if expected.as_deref() != Some(payload.id.as_str()) {
                return Err(rule(
                    "id",
                    format!(
                        "must be {:?}, derived from the achievement and the delegate (got {:?})",
                        expected.unwrap_or_default(),
                        payload.id
                    ),
                ));
            }
            Ok(Content::Delegation(delegation))
        }
        RecordKind::Endorsement => {
            let endorsement = decode_body::<EndorsementBody>(body)?;
            let subject = endorsement.subject_id().ok_or_else(|| rule("body.subject", "must be a did:key".into()))?;
            if subject == *author {
                return Err(rule(
                    "body.subject",
                    "must be another institution: an institution cannot endorse itself".into(),
                ));
            }
            let expected = endorsement_id(&subject, endorsement.role, endorsement.network_name.as_deref());
            if payload.id != expected {
                return Err(rule(
                    "id",
                    format!(
                        "must be {expected:?}, derived from the subject, role and network name (got {:?})",
                        payload.id
                    ),
                ));
            }
            Ok(Content::Endorsement(endorsement))
        }
        RecordKind::KeyRotation => {
            if payload.id != KEY_ROTATION_ID {
                return Err(rule(
                    "id",
                    format!("must be {KEY_ROTATION_ID:?} for a key rotation (got {:?})", payload.id),
                ));
            }
            let rotation = decode_body::<KeyRotationBody>(body)?;
            rotation.check_proof(&payload.net, author)?;
            Ok(Content::KeyRotation(rotation))
        }
        RecordKind::KeyRevocation => {
            let revocation = decode_body::<KeyRevocationBody>(body)?;
            let key = revocation.key_id().ok_or_else(|| rule("body.key", "must be a did:key".into()))?;
            if payload.id != key_revocation_id(&key) {
                return Err(rule(
                    "id",
                    format!(
                        "must be {:?}, the revoked key's z6Mk… part (got {:?})",
                        key_revocation_id(&key),
                        payload.id
                    ),
                ));
            }
            if revocation.since > payload.ts {
                return Err(rule(
                    "body.since",
                    format!("must not be after the record's ts {} (got {})", payload.ts, revocation.since),
                ));
            }
            if revocation.successor.is_some() && key != *author {
                return Err(rule("body.successor", "only a key revoking itself can name its successor".into()));
            }
            Ok(Content::KeyRevocation(revocation))
        }
        RecordKind::Event => Ok(Content::Event(Box::new(decode_body::<EventBody>(body)?))),
        RecordKind::SkillsNeed => Ok(Content::SkillsNeed(Box::new(decode_body::<SkillsNeedBody>(body)?))),
        RecordKind::Resource => Ok(Content::Resource(Box::new(decode_body::<ResourceBody>(body)?))),
        RecordKind::IssuanceStats => {
            let stats = decode_body::<IssuanceStatsBody>(body)?;
            if payload.id != stats.quarter {
                return Err(rule(
                    "id",
                    format!("must be the quarter {:?} of the statistics (got {:?})", stats.quarter, payload.id),
                ));
            }
            let begun = Quarter::parse(&stats.quarter)
                .and_then(|q| q.first_day().and_hms_opt(0, 0, 0))
                .is_some_and(|start| start.and_utc().timestamp() <= payload.ts as i64);
            if !begun {
                return Err(rule(
                    "body.quarter",
                    format!("must have begun by the record's ts {} (got {:?})", payload.ts, stats.quarter),
                ));
            }
            Ok(Content::IssuanceStats(stats))
        }
        RecordKind::Other(_) => Ok(Content::Uninterpreted),
    }
}

fn decode_body<B: serde::de::DeserializeOwned + Checked>(body: &ciborium::Value) -> Result<B, RecordError> {
    let typed: B = cbor::from_value(body, "body")?;
    typed.check("body")?;
    Ok(typed)
}
