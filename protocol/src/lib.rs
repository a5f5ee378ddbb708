//! The vetnet record model: what a record is, how it is encoded, signed and
//! checked. Everything another implementation needs to interoperate lives here
//! and is specified in `docs/PROTOCOL.md`.
//!
//! This crate does no I/O and knows nothing of libp2p, sled, tokio or HTTP:
//! it turns bytes into verified, validated records and back, so it can be
//! tested in isolation and reused by any transport or store.
//!
//! A record travels as a COSE_Sign1 message (RFC 9052) whose payload is a CBOR
//! map ([`Payload`]). [`InstitutionKey::sign`] makes one; [`VerifiedRecord::open`]
//! checks one (size, envelope, signature, field rules) and says what it holds.

#![warn(missing_docs)]

pub mod achievement;
pub mod cbor;
pub mod codes;
pub mod delegation;
mod did;
pub mod endorsement;
mod envelope;
mod error;
pub mod event;
#[cfg(feature = "fixtures")]
pub mod fixtures;
pub mod issuance_stats;
pub mod key_lifecycle;
mod keyword;
pub mod letter;
pub mod limits;
pub mod matching;
pub mod mobility;
pub mod need;
pub mod network;
pub mod nuts;
pub mod offer;
mod payload;
pub mod profile;
pub mod resource;
pub mod revocation;
pub mod skills_matching;
pub mod skills_need;
pub mod sync;
mod text;
pub mod validate;

pub use did::{DidError, InstitutionId};
pub use envelope::{InstitutionKey, RecordHash, VerifiedRecord};
pub use error::RecordError;
pub use payload::{Content, FORMAT_VERSION, Payload, RecordKey, RecordKind};
pub use text::LangText;
pub use validate::{Checked, ValidationContext, ValidationError};

/// The network name used when none is configured (the Baltic Sea Region).
pub const DEFAULT_NETWORK: &str = "bsr";

/// The gossipsub topic a network's records travel on: a plain (ident) topic
/// string, never hashed.
pub fn records_topic(network: &str) -> String {
    format!("vetnet/{network}/records/1")
}
