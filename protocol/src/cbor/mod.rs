//! vetnet's CBOR: one strict reader, one deterministic writer, typed
//! decoding with errors in words, and the COSE_Sign1 envelope.
//!
//! Every signed payload (records, mobility steps, receipts, letters) is read
//! with [`read_deterministic`] before any typed decoding and written with
//! [`to_deterministic_vec`]: the core deterministic encoding of RFC 8949
//! section 4.2.1 (shortest heads, definite lengths, map keys sorted by their
//! encodings), with no tags, text map keys only, no `null`, `undefined` or
//! other simple values but `false` and `true`, floats in their shortest exact
//! form, and at most [`MAX_DEPTH`] levels of nesting. So every valid content
//! has exactly one encoding, and `docs/PROTOCOL.md` ("Encoding") says so.

pub(crate) mod cose;
mod fields;
mod float;
mod read;
mod write;

pub use fields::from_value;
pub(crate) use read::{KeyOrder, read};
pub use read::{MAX_DEPTH, read_deterministic};
pub use write::{EncodeError, to_deterministic_value, to_deterministic_vec};
