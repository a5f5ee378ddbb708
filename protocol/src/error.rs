//! Why bytes are not an acceptable record. Each variant is one failure domain;
//! the node maps each to a gossip verdict (see `docs/PROTOCOL.md`).

use crate::ValidationError;

/// Why bytes are not an acceptable record (or step, or receipt), in the order
/// a node checks them.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// Over [`crate::limits::MAX_RECORD_BYTES`]; checked before decoding.
    #[error("the record is {size} bytes; the limit is {max} bytes")]
    TooLarge {
        /// The record's size in bytes.
        size: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// Not a tagged COSE_Sign1 message in its one accepted encoding, or its
    /// protected header is not exactly the one the spec gives. The field is
    /// `envelope`, `protected`, `unprotected`, `payload` or `signature`.
    #[error("{0}")]
    Envelope(ValidationError),
    /// The signature does not verify against the `kid` key.
    #[error("the signature does not match the author key")]
    BadSignature,
    /// The payload is not deterministic CBOR (the field is the path of the
    /// offending item, `payload` for the whole), or not a map with the
    /// required fields of the right types (the field is the one at fault).
    #[error("{0}")]
    Payload(ValidationError),
    /// `ts` is further in the future than the allowed clock skew. Kept apart
    /// from rule violations: the sender's clock, not the sender, may be wrong.
    #[error("ts: the record is signed {ahead_secs} s in the future; at most {max_secs} s of clock skew is allowed")]
    FromTheFuture {
        /// How far `ts` is ahead of the receiver's clock, in seconds.
        ahead_secs: u64,
        /// The allowed skew, [`crate::limits::MAX_CLOCK_SKEW_SECS`].
        max_secs: u64,
    },
    /// A field breaks a rule of the format.
    #[error("{0}")]
    Rule(#[from] ValidationError),
}

impl RecordError {
    /// The field at fault, as a path into the message: `record` (its size),
    /// `envelope`, `protected`, `unprotected`, `signature`, `payload` (the
    /// payload as a whole), or a payload field such as `ts`, `body.city` or
    /// `body.languages[1].lang`.
    pub fn field(&self) -> String {
        match self {
            RecordError::TooLarge { .. } => "record".to_owned(),
            RecordError::BadSignature => "signature".to_owned(),
            RecordError::FromTheFuture { .. } => "ts".to_owned(),
            RecordError::Envelope(e) | RecordError::Payload(e) | RecordError::Rule(e) => e.field.clone(),
        }
    }

    /// The rule the field breaks, in words an admin can act on.
    pub fn rule(&self) -> String {
        match self {
            RecordError::TooLarge { size, max } => format!("must be at most {max} bytes (got {size})"),
            RecordError::BadSignature => "must be the author key's valid Ed25519 signature over the record".to_owned(),
            RecordError::FromTheFuture { ahead_secs, max_secs } => {
                format!("must not be more than {max_secs} s in the future (the record is {ahead_secs} s ahead)")
            }
            RecordError::Envelope(e) | RecordError::Payload(e) | RecordError::Rule(e) => e.rule.clone(),
        }
    }
}
