//! Letters: the private messages two institutions' nodes send each other
//! directly about a network's membership (an application, its answer, the
//! end of a membership). Like mobility steps they never go onto gossip or
//! sync, because they may carry a person's words; unlike steps they form no
//! chain: each letter stands alone, and an answer names the letter it
//! answers by its id.
//!
//! A letter is a COSE_Sign1 message like a step, with the content type
//! [`LETTER_CONTENT_TYPE`], over the same direct protocol, and is answered
//! with the same signed receipt (`ReceiptPayload.step` holds the letter's
//! hash). `docs/PROTOCOL.md` ("Letters") specifies it.

use ed25519_dalek::SigningKey;
use serde::{Deserialize, Serialize};

use crate::keyword::keyword_enum;
use crate::mobility::{
    MOBILITY_VERSION, Source, check_time_and_addressee, check_version_and_network, decode_exact, open_cose, sign_cose,
};
use crate::validate::{self, Checked, Rule, ValidationError, fail};
use crate::{InstitutionId, RecordError, RecordHash, ValidationContext};

/// The COSE content type (header label 3) of a letter.
pub const LETTER_CONTENT_TYPE: &str = "application/vnd.vetnet.letter+cbor";
/// The largest letter a node accepts.
pub const MAX_LETTER_BYTES: usize = 8 * 1024;
/// The longest motivation of an application, in characters.
pub const MAX_MOTIVATION_CHARS: usize = 2_000;
/// The longest reason of an answer or an ending, in characters.
pub const MAX_REASON_CHARS: usize = 500;

keyword_enum! {
    /// What a letter is.
    pub enum LetterKind {
        /// An institution asks a network to take it as a member.
        NetworkApplication = "network-application",
        /// The network's answer to an application: accepted or refused.
        ApplicationAnswer = "application-answer",
        /// A membership ends: the member leaves, or the network ends it.
        MembershipEnd = "membership-end",
        /// A person registers for one of the addressee's events.
        EventRegistration = "event-registration",
    }
}

keyword_enum! {
    /// A network's decision on an application.
    pub enum Decision {
        /// Taken as a member; the network publishes its member endorsement.
        Accepted = "accepted",
        /// Not taken; `reason` says why.
        Refused = "refused",
    }
}

/// The body of a `network-application` letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationBody {
    /// Why the institution wants to join: multi-line, 1 to
    /// [`MAX_MOTIVATION_CHARS`] characters.
    pub motivation: String,
}

/// The body of an `application-answer` letter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerBody {
    /// The id of the application answered.
    pub application: String,
    /// Accepted or refused.
    pub decision: Decision,
    /// Why: required when refused, multi-line, at most [`MAX_REASON_CHARS`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The body of a `membership-end` letter: from the member, it leaves; from
/// the network, it ends the membership.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipEndBody {
    /// Why, when given: multi-line, at most [`MAX_REASON_CHARS`] characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The body of an `event-registration` letter: who attends which event.
/// It goes to the organiser only; the attendee list stays on its node.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationBody {
    /// The record id of the organiser's `event`.
    pub event: String,
    /// The attendee's name: single-line, 1 to [`MAX_ATTENDEE_NAME_CHARS`].
    pub name: String,
    /// The attendee's email address.
    pub email: String,
}

/// The longest attendee name, in characters.
pub const MAX_ATTENDEE_NAME_CHARS: usize = 200;

/// A letter body, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterBody {
    /// A `network-application`.
    Application(ApplicationBody),
    /// An `application-answer`.
    Answer(AnswerBody),
    /// A `membership-end`.
    MembershipEnd(MembershipEndBody),
    /// An `event-registration`.
    Registration(RegistrationBody),
}

impl LetterBody {
    /// The kind this body belongs to.
    pub fn kind(&self) -> LetterKind {
        match self {
            LetterBody::Application(_) => LetterKind::NetworkApplication,
            LetterBody::Answer(_) => LetterKind::ApplicationAnswer,
            LetterBody::MembershipEnd(_) => LetterKind::MembershipEnd,
            LetterBody::Registration(_) => LetterKind::EventRegistration,
        }
    }

    fn to_value(&self) -> Result<ciborium::Value, crate::cbor::EncodeError> {
        match self {
            LetterBody::Application(b) => crate::cbor::to_deterministic_value(b),
            LetterBody::Answer(b) => crate::cbor::to_deterministic_value(b),
            LetterBody::MembershipEnd(b) => crate::cbor::to_deterministic_value(b),
            LetterBody::Registration(b) => crate::cbor::to_deterministic_value(b),
        }
    }

    fn decode(kind: LetterKind, value: &ciborium::Value) -> Result<Self, RecordError> {
        fn typed<B: serde::de::DeserializeOwned + Checked>(value: &ciborium::Value) -> Result<B, RecordError> {
            let body: B = crate::cbor::from_value(value, "body")?;
            body.check("body")?;
            Ok(body)
        }
        Ok(match kind {
            LetterKind::NetworkApplication => LetterBody::Application(typed(value)?),
            LetterKind::ApplicationAnswer => LetterBody::Answer(typed(value)?),
            LetterKind::MembershipEnd => LetterBody::MembershipEnd(typed(value)?),
            LetterKind::EventRegistration => LetterBody::Registration(typed(value)?),
        })
    }
}

fn reason(field: &str, value: &Option<String>) -> Rule {
    match value {
        Some(text) => validate::text(field, text, MAX_REASON_CHARS, false),
        None => Ok(()),
    }
}

impl Checked for ApplicationBody {
    fn check(&self, p: &str) -> Rule {
        validate::text(&format!("{p}.motivation"), &self.motivation, MAX_MOTIVATION_CHARS, false)
    }
}

impl Checked for AnswerBody {
    fn check(&self, p: &str) -> Rule {
        if !is_letter_id(&self.application) {
            return fail(
                format!("{p}.application"),
                "must be the id of the application answered (l- and 24 hex digits)",
            );
        }
        if self.decision == Decision::Refused && self.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            return fail(format!("{p}.reason"), "is required when the application is refused: say why");
        }
        reason(&format!("{p}.reason"), &self.reason)
    }
}

impl Checked for RegistrationBody {
    fn check(&self, p: &str) -> Rule {
        let id_ok = !self.event.is_empty()
            && self.event.len() <= crate::limits::MAX_ID_LEN
            && self.event.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !id_ok {
            return fail(format!("{p}.event"), "must be the record id of one of the organiser's events");
        }
        validate::text(&format!("{p}.name"), &self.name, MAX_ATTENDEE_NAME_CHARS, true)?;
        validate::email(&format!("{p}.email"), &self.email)
    }
}

impl Checked for MembershipEndBody {
    fn check(&self, p: &str) -> Rule {
        reason(&format!("{p}.reason"), &self.reason)
    }
}

/// The signed payload of a letter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LetterPayload {
    /// Format version, [`MOBILITY_VERSION`] (letters share it with steps).
    pub v: u32,
    /// Network name; must equal the receiver's network.
    pub net: String,
    /// What the letter is; decides how `body` is read.
    pub kind: LetterKind,
    /// The letter's id: `l-` and 24 lower-case hex digits, chosen by the
    /// author (the reference: 12 random bytes).
    pub id: String,
    /// The institution the letter is addressed to (its 32-byte key).
    pub to: serde_bytes::ByteBuf,
    /// Unix seconds when signed; at most [`MAX_CLOCK_SKEW_SECS`] ahead.
    pub ts: u64,
    /// The kind's fields, a CBOR map.
    pub body: ciborium::Value,
}

/// What a node fills in to write a letter; [`sign_letter`] signs it.
#[derive(Debug, Clone)]
pub struct LetterDraft {
    /// The network the letter belongs to.
    pub net: String,
    /// `l-` and 24 lower-case hex digits.
    pub id: String,
    /// The addressee, never the author.
    pub to: InstitutionId,
    /// Unix seconds of signing.
    pub ts: u64,
    /// The body; its kind becomes the payload's `kind`.
    pub body: LetterBody,
}

/// A letter whose envelope, signature and field rules have been checked.
#[derive(Debug, Clone, PartialEq)]
pub struct VerifiedLetter {
    /// The exact bytes received or signed.
    pub bytes: Vec<u8>,
    /// SHA-256 of `bytes`: what the receipt answers.
    pub hash: RecordHash,
    /// The signer: the envelope's `kid`.
    pub author: InstitutionId,
    /// The addressee: the payload's `to`.
    pub to: InstitutionId,
    /// The decoded payload.
    pub payload: LetterPayload,
    /// The payload's body, typed by its kind.
    pub body: LetterBody,
}

/// `l-` and 24 lower-case hex digits.
pub fn is_letter_id(id: &str) -> bool {
    id.len() == 26 && id.starts_with("l-") && id[2..].bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Signs a letter and opens it again as the receiver will, so nothing
/// invalid leaves the node.
pub fn sign_letter(
    key: &SigningKey,
    draft: LetterDraft,
    ctx: &ValidationContext,
) -> Result<VerifiedLetter, RecordError> {
    let payload = LetterPayload {
        v: MOBILITY_VERSION,
        net: draft.net,
        kind: draft.body.kind(),
        id: draft.id,
        to: serde_bytes::ByteBuf::from(draft.to.as_bytes().to_vec()),
        ts: draft.ts,
        body: draft.body.to_value().map_err(|e| RecordError::Payload(ValidationError::new("body", e.to_string())))?,
    };
    let bytes = sign_cose(key, &payload, LETTER_CONTENT_TYPE)?;
    VerifiedLetter::open(&bytes, ctx)
}

impl VerifiedLetter {
    /// Checks `bytes` as a letter of the network in `ctx`.
    pub fn open(bytes: &[u8], ctx: &ValidationContext) -> Result<Self, RecordError> {
        Self::open_from(bytes, ctx, Source::Received)
    }

    /// Checks a letter this node stored itself: every check of
    /// [`Self::open`] but the encoding rules, so letters stored before the
    /// payload had to be deterministic CBOR still open. Never use it on
    /// bytes from outside.
    pub fn open_stored(bytes: &[u8], ctx: &ValidationContext) -> Result<Self, RecordError> {
        Self::open_from(bytes, ctx, Source::Stored)
    }

    fn open_from(bytes: &[u8], ctx: &ValidationContext, source: Source) -> Result<Self, RecordError> {
        let (author, payload_bytes) = open_cose(bytes, LETTER_CONTENT_TYPE, MAX_LETTER_BYTES, source)?;
        let payload: LetterPayload = decode_exact(&payload_bytes, source)?;
        let rule = |field: &str, rule: String| RecordError::Rule(ValidationError::new(field, rule));
        check_version_and_network(payload.v, &payload.net, ctx)?;
        if !is_letter_id(&payload.id) {
            return Err(rule("id", format!("must be l- and 24 lower-case hex digits (got {:?})", payload.id)));
        }
        let to = check_time_and_addressee(payload.ts, &payload.to, &author, ctx)?;
        if !payload.body.is_map() {
            return Err(rule("body", "must be a CBOR map".into()));
        }
        let body = LetterBody::decode(payload.kind, &payload.body)?;
        Ok(Self { bytes: bytes.to_vec(), hash: RecordHash::of(bytes), author, to, payload, body })
    }
}

/// Whether `bytes` claim to be a letter: a COSE_Sign1 whose protected
/// header names [`LETTER_CONTENT_TYPE`]. A node sends those to its letters
/// and everything else to its mobility threads; [`VerifiedLetter::open`]
/// still decides.
pub fn is_letter(bytes: &[u8]) -> bool {
    let prefix = crate::cbor::cose::header_prefix(Some(LETTER_CONTENT_TYPE));
    crate::cbor::cose::parse_sign1(bytes).is_ok_and(|sign1| sign1.protected.starts_with(&prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> ValidationContext<'static> {
        ValidationContext { network: "bsr", now: 1_800_000_000 }
    }

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn draft(body: LetterBody) -> LetterDraft {
        let to = InstitutionId::from_bytes(key(2).verifying_key().to_bytes());
        LetterDraft { net: "bsr".into(), id: "l-0123456789abcdef01234567".into(), to, ts: 1_800_000_000, body }
    }

    #[test]
    fn an_application_signs_and_opens() {
        let body = LetterBody::Application(ApplicationBody { motivation: "We place 40 learners a year.".into() });
        let letter = sign_letter(&key(1), draft(body.clone()), &ctx()).unwrap();
        assert_eq!(letter.body, body);
        assert!(is_letter(&letter.bytes));
        let opened = VerifiedLetter::open(&letter.bytes, &ctx()).unwrap();
        assert_eq!(opened.author, InstitutionId::from_bytes(key(1).verifying_key().to_bytes()));
    }

    #[test]
    fn a_refusal_without_a_reason_is_refused_naming_the_field() {
        let answer =
            AnswerBody { application: "l-0123456789abcdef01234567".into(), decision: Decision::Refused, reason: None };
        let error = sign_letter(&key(1), draft(LetterBody::Answer(answer)), &ctx()).unwrap_err();
        assert!(error.to_string().starts_with("body.reason: is required"), "{error}");
    }

    #[test]
    fn a_letter_to_oneself_or_an_empty_motivation_is_refused() {
        let mut to_self = draft(LetterBody::MembershipEnd(MembershipEndBody { reason: None }));
        to_self.to = InstitutionId::from_bytes(key(1).verifying_key().to_bytes());
        assert!(sign_letter(&key(1), to_self, &ctx()).unwrap_err().to_string().starts_with("to:"));
        let empty = LetterBody::Application(ApplicationBody { motivation: " ".into() });
        let error = sign_letter(&key(1), draft(empty), &ctx()).unwrap_err();
        assert!(error.to_string().starts_with("body.motivation:"), "{error}");
    }

    #[test]
    fn a_step_is_not_a_letter() {
        let letter =
            sign_letter(&key(1), draft(LetterBody::MembershipEnd(MembershipEndBody { reason: None })), &ctx()).unwrap();
        let step = crate::mobility::VerifiedStep::open(&letter.bytes, &ctx());
        assert!(step.is_err(), "the content type keeps letters and steps apart");
    }
}
