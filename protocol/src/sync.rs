//! The catch-up sync protocol `/vetnet/sync/1`: its messages and limits.
//!
//! Two peers reconcile the sets of record hashes they hold with Negentropy
//! (range-based set reconciliation), then the initiator fetches the records
//! it lacks by hash. Each message is one CBOR map with a `t` (type) field,
//! framed on the stream by a 4-byte big-endian length. See `docs/PROTOCOL.md`.

use serde::{Deserialize, Serialize};

/// The libp2p protocol id.
pub const SYNC_PROTOCOL: &str = "/vetnet/sync/1";
/// Largest encoded request a node reads.
pub const MAX_SYNC_REQUEST_BYTES: usize = 512 * 1024;
/// Largest encoded response a node reads; a `records` response is filled up to
/// [`MAX_RECORDS_RESPONSE_BYTES`] and the rest asked for again.
pub const MAX_SYNC_RESPONSE_BYTES: usize = 2 * 1024 * 1024;
/// Record bytes a responder puts in one `records` response, at most.
pub const MAX_RECORDS_RESPONSE_BYTES: usize = 1024 * 1024;
/// Negentropy frame size limit both sides use.
pub const NEGENTROPY_FRAME_LIMIT: u64 = 256 * 1024;
/// Record hashes one `fetch` may ask for.
pub const MAX_FETCH_IDS: usize = 1_024;
/// Reconcile round trips one sync session may take before the initiator gives up.
pub const MAX_RECONCILE_ROUNDS: usize = 64;

/// A request of the initiator of a sync session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum SyncRequest {
    /// A Negentropy message (protocol version 0x61) about the set of live
    /// record hashes of network `net`, ordered by (`ts`, hash).
    Reconcile {
        /// The sender's network name; a responder of another network refuses.
        net: String,
        /// The Negentropy message.
        #[serde(with = "serde_bytes")]
        msg: Vec<u8>,
    },
    /// Records wanted, by record hash (32 bytes each).
    Fetch {
        /// The hashes of the records wanted: at most [`MAX_FETCH_IDS`].
        ids: Vec<serde_bytes::ByteBuf>,
    },
}

/// The responder's answer to a [`SyncRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "t", rename_all = "kebab-case")]
pub enum SyncResponse {
    /// The Negentropy answer to a `reconcile`.
    Reconcile {
        /// The Negentropy message.
        #[serde(with = "serde_bytes")]
        msg: Vec<u8>,
    },
    /// The exact signed bytes of records asked for and held, in any order. Ids
    /// not held, or not fitting, are simply absent.
    Records {
        /// The records' bytes: at most [`MAX_RECORDS_RESPONSE_BYTES`] in all.
        records: Vec<serde_bytes::ByteBuf>,
    },
    /// The request was not served (wrong network, over a limit, busy).
    Refused {
        /// Why, for people.
        reason: String,
    },
}

/// Why a sync message cannot be sent or read.
#[derive(Debug, thiserror::Error)]
pub enum SyncMessageError {
    /// The message is over the limit of its direction.
    #[error("sync message of {size} bytes is over the limit of {max} bytes")]
    TooLarge {
        /// The message's size in bytes.
        size: usize,
        /// The limit in bytes.
        max: usize,
    },
    /// The bytes are not one well-formed CBOR map with the fields of a sync
    /// message: the field at fault and the rule, in words.
    #[error("sync message: {0}")]
    Decode(crate::ValidationError),
    /// A message of a known type lacks one of its fields.
    #[error("a {message_type:?} sync message needs the field {field:?}")]
    MissingField {
        /// The message's `t`.
        message_type: &'static str,
        /// The missing field.
        field: &'static str,
    },
    /// The message's `t` names no message of its direction.
    #[error("unknown sync message type {0:?}")]
    UnknownType(String),
    /// The message could not be written as CBOR.
    #[error("sync message cannot be encoded")]
    Encode(#[source] crate::cbor::EncodeError),
    /// A `fetch` asks for more than [`MAX_FETCH_IDS`] records.
    #[error("sync fetch asks for {count} records; at most {max} per request")]
    TooManyIds {
        /// How many hashes the fetch holds.
        count: usize,
        /// The limit, [`MAX_FETCH_IDS`].
        max: usize,
    },
    /// A hash in a `fetch` is not 32 bytes (its length is given).
    #[error("a record hash in a sync fetch is {0} bytes, not 32")]
    BadId(usize),
}

fn encode<T: Serialize>(message: &T, max: usize) -> Result<Vec<u8>, SyncMessageError> {
    let bytes = crate::cbor::to_deterministic_vec(message).map_err(SyncMessageError::Encode)?;
    if bytes.len() > max {
        return Err(SyncMessageError::TooLarge { size: bytes.len(), max });
    }
    Ok(bytes)
}

/// Every field any sync message has, decoded as a plain struct. (Decoding the
/// tagged enums directly would make serde buffer the whole map, unknown
/// fields included, before choosing a variant: many times the message size.)
#[derive(Deserialize)]
struct WireMessage {
    t: String,
    net: Option<String>,
    msg: Option<serde_bytes::ByteBuf>,
    ids: Option<Vec<serde_bytes::ByteBuf>>,
    records: Option<Vec<serde_bytes::ByteBuf>>,
    reason: Option<String>,
}

fn decode(bytes: &[u8], max: usize) -> Result<WireMessage, SyncMessageError> {
    if bytes.len() > max {
        return Err(SyncMessageError::TooLarge { size: bytes.len(), max });
    }
    // Sync messages are not signed: any key order is read, and the rest of
    // the strict reader's rules hold (docs/PROTOCOL.md, "Catch-up sync").
    let value = crate::cbor::read(bytes, "message", crate::cbor::KeyOrder::Any).map_err(SyncMessageError::Decode)?;
    crate::cbor::from_value(&value, "").map_err(SyncMessageError::Decode)
}

fn missing(message_type: &'static str, field: &'static str) -> SyncMessageError {
    SyncMessageError::MissingField { message_type, field }
}

impl SyncRequest {
    /// The request as CBOR, refused over [`MAX_SYNC_REQUEST_BYTES`].
    pub fn encode(&self) -> Result<Vec<u8>, SyncMessageError> {
        encode(self, MAX_SYNC_REQUEST_BYTES)
    }

    /// Decodes and checks the limits a responder enforces.
    pub fn decode(bytes: &[u8]) -> Result<Self, SyncMessageError> {
        let wire = decode(bytes, MAX_SYNC_REQUEST_BYTES)?;
        let request = match wire.t.as_str() {
            "reconcile" => SyncRequest::Reconcile {
                net: wire.net.ok_or_else(|| missing("reconcile", "net"))?,
                msg: wire.msg.ok_or_else(|| missing("reconcile", "msg"))?.into_vec(),
            },
            "fetch" => SyncRequest::Fetch { ids: wire.ids.ok_or_else(|| missing("fetch", "ids"))? },
            other => return Err(SyncMessageError::UnknownType(other.to_owned())),
        };
        if let SyncRequest::Fetch { ids } = &request {
            if ids.len() > MAX_FETCH_IDS {
                return Err(SyncMessageError::TooManyIds { count: ids.len(), max: MAX_FETCH_IDS });
            }
            if let Some(bad) = ids.iter().find(|id| id.len() != 32) {
                return Err(SyncMessageError::BadId(bad.len()));
            }
        }
        Ok(request)
    }
}

impl SyncResponse {
    /// The response as CBOR, refused over [`MAX_SYNC_RESPONSE_BYTES`].
    pub fn encode(&self) -> Result<Vec<u8>, SyncMessageError> {
        encode(self, MAX_SYNC_RESPONSE_BYTES)
    }

    /// Decodes a response of at most [`MAX_SYNC_RESPONSE_BYTES`]; unknown
    /// fields are skipped.
    pub fn decode(bytes: &[u8]) -> Result<Self, SyncMessageError> {
        let wire = decode(bytes, MAX_SYNC_RESPONSE_BYTES)?;
        Ok(match wire.t.as_str() {
            "reconcile" => {
                SyncResponse::Reconcile { msg: wire.msg.ok_or_else(|| missing("reconcile", "msg"))?.into_vec() }
            }
            "records" => SyncResponse::Records { records: wire.records.ok_or_else(|| missing("records", "records"))? },
            "refused" => SyncResponse::Refused { reason: wire.reason.ok_or_else(|| missing("refused", "reason"))? },
            other => return Err(SyncMessageError::UnknownType(other.to_owned())),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_limits_hold() {
        let request = SyncRequest::Reconcile { net: "bsr".into(), msg: vec![0x61, 0, 1] };
        assert_eq!(SyncRequest::decode(&request.encode().unwrap()).unwrap(), request);
        let fetch = SyncRequest::Fetch { ids: vec![serde_bytes::ByteBuf::from(vec![7u8; 32])] };
        assert_eq!(SyncRequest::decode(&fetch.encode().unwrap()).unwrap(), fetch);
        let too_many = SyncRequest::Fetch { ids: vec![serde_bytes::ByteBuf::from(vec![7u8; 32]); MAX_FETCH_IDS + 1] };
        assert!(matches!(SyncRequest::decode(&too_many.encode().unwrap()), Err(SyncMessageError::TooManyIds { .. })));
        let short_id = SyncRequest::Fetch { ids: vec![serde_bytes::ByteBuf::from(vec![7u8; 31])] };
        assert!(matches!(SyncRequest::decode(&short_id.encode().unwrap()), Err(SyncMessageError::BadId(31))));
        let response = SyncResponse::Records { records: vec![serde_bytes::ByteBuf::from(vec![1, 2, 3])] };
        assert_eq!(SyncResponse::decode(&response.encode().unwrap()).unwrap(), response);
        assert!(SyncResponse::decode(&[0xff, 0x00]).is_err());
        let mut trailing = response.encode().unwrap();
        trailing.push(0);
        assert!(SyncResponse::decode(&trailing).is_err());
        assert!(SyncRequest::decode(&SyncResponse::Refused { reason: "x".into() }.encode().unwrap()).is_err());
    }

    #[test]
    fn unknown_fields_are_skipped_and_missing_ones_refused() {
        // {"t": "fetch", "ids": [], "extra": h'00 * 1000'}
        let mut bytes = vec![0xa3, 0x61, b't', 0x65, b'f', b'e', b't', b'c', b'h', 0x63, b'i', b'd', b's', 0x80];
        bytes.extend([0x65, b'e', b'x', b't', b'r', b'a', 0x59, 0x03, 0xe8]);
        bytes.extend([0u8; 1000]);
        assert_eq!(SyncRequest::decode(&bytes).unwrap(), SyncRequest::Fetch { ids: vec![] });
        // {"t": "reconcile", "net": "bsr"}: no msg.
        let no_msg = [
            0xa2, 0x61, b't', 0x69, b'r', b'e', b'c', b'o', b'n', b'c', b'i', b'l', b'e', 0x63, b'n', b'e', b't', 0x63,
            b'b', b's', b'r',
        ];
        let error = SyncRequest::decode(&no_msg).unwrap_err().to_string();
        assert_eq!(error, "a \"reconcile\" sync message needs the field \"msg\"");
        // Words, not decoder internals, for bytes that are no CBOR map.
        let error = SyncRequest::decode(&[0xa1, 0x61, b't', 0x18, 0x63]).unwrap_err().to_string();
        assert_eq!(error, "sync message: t: must be text (got the integer 99)");
    }

    #[test]
    fn wire_form_is_a_tagged_map() {
        let bytes = SyncRequest::Reconcile { net: "bsr".into(), msg: vec![0x61] }.encode().unwrap();
        // {"t": "reconcile", "msg": h'61', "net": "bsr"}: keys in deterministic order.
        assert_eq!(
            bytes,
            [
                0xa3, 0x61, b't', 0x69, b'r', b'e', b'c', b'o', b'n', b'c', b'i', b'l', b'e', 0x63, b'm', b's', b'g',
                0x41, 0x61, 0x63, b'n', b'e', b't', 0x63, b'b', b's', b'r'
            ]
        );
        // The order the writer used before is read too: sync messages are not signed.
        let old_order = [
            0xa3, 0x61, b't', 0x69, b'r', b'e', b'c', b'o', b'n', b'c', b'i', b'l', b'e', 0x63, b'n', b'e', b't', 0x63,
            b'b', b's', b'r', 0x63, b'm', b's', b'g', 0x41, 0x61,
        ];
        assert!(SyncRequest::decode(&old_order).is_ok());
    }
}
