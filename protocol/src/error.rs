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
    /// Not a well-formed COSE_Sign1 message with the required headers.
    #[error("not a valid record envelope: {0}")]
    Envelope(String),
    /// The signature does not verify against the `kid` key.
    #[error("the signature does not match the author key")]
    BadSignature,
    /// The payload is not a CBOR map of the record format.
    #[error("the record payload cannot be decoded: {0}")]
    Payload(String),
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
