//! The cases of the vector file, built from fixed inputs: the RFC 8032 test
//! keys, a fixed `ts`, the protocol's fixture bodies, and the kit's own
//! deterministic writer. One module per part of the spec.
//!
//! `VETNET_WRITE_VECTORS=1 cargo test -p vetnet-conformance` writes
//! [`generate`]'s output to `protocol/tests/vectors/conformance.json`; the
//! same test fails when the committed file differs.

mod direct;
mod envelope;
mod kinds;
mod payload;
mod sync;
mod versions;

use ciborium::Value;
use serde::Serialize;

use crate::case::{Case, FORMAT, Input, KeyEntry, VectorFile, Verdict};
use crate::cbor::{self, text};
use crate::keys::TestKey;
use crate::sign;

/// The network every case is signed for.
pub const NETWORK: &str = "bsr";
/// The `ts` of the cases (as of the positive vectors).
pub const TS: u64 = 1_795_000_000;
/// The receiver's clock: a minute after [`TS`].
pub const NOW: u64 = TS + 60;

/// Every case, in the order of the file.
pub fn all() -> Vec<Case> {
    let mut cases = Vec::new();
    cases.extend(envelope::cases());
    cases.extend(payload::cases());
    cases.extend(kinds::cases());
    cases.extend(versions::cases());
    cases.extend(direct::cases());
    cases.extend(sync::cases());
    cases
}

/// The vector file of [`all`].
pub fn generate() -> VectorFile {
    VectorFile {
        format: FORMAT.to_owned(),
        description: "Conformance cases of the vetnet protocol (docs/PROTOCOL.md, section Conformance): bytes, \
                      the verdict a conforming node reaches, and for refusals the field at fault."
            .to_owned(),
        keys: TestKey::ALL
            .iter()
            .map(|key| KeyEntry {
                name: key.name().to_owned(),
                secret_key_hex: key.secret_hex().to_owned(),
                public_key_hex: hex::encode(key.id().as_bytes()),
            })
            .collect(),
        cases: all(),
    }
}

/// A case being written: its bytes and circumstances, before its verdict.
pub(crate) struct Draft {
    id: &'static str,
    group: &'static str,
    input: Input,
    description: &'static str,
    bytes: Vec<u8>,
    now: u64,
    given: Vec<Vec<u8>>,
}

/// A case of `input` bytes.
pub(crate) fn case(
    id: &'static str,
    group: &'static str,
    input: Input,
    description: &'static str,
    bytes: Vec<u8>,
) -> Draft {
    Draft { id, group, input, description, bytes, now: NOW, given: Vec::new() }
}

/// A record case.
pub(crate) fn record(id: &'static str, group: &'static str, description: &'static str, bytes: Vec<u8>) -> Draft {
    case(id, group, Input::Record, description, bytes)
}

impl Draft {
    /// Records the receiver accepted before.
    pub(crate) fn given(mut self, given: Vec<Vec<u8>>) -> Self {
        self.given = given;
        self
    }

    /// The receiver's clock.
    pub(crate) fn now(mut self, now: u64) -> Self {
        self.now = now;
        self
    }

    fn finish(self, verdict: Verdict, field: Option<&str>, rule: Option<&str>) -> Case {
        Case {
            id: self.id.to_owned(),
            description: self.description.to_owned(),
            group: self.group.to_owned(),
            input: self.input,
            network: NETWORK.to_owned(),
            now: self.now,
            given: self.given.iter().map(hex::encode).collect(),
            hex: hex::encode(&self.bytes),
            verdict,
            field: field.map(str::to_owned),
            rule: rule.map(str::to_owned),
        }
    }

    /// A case a conforming node accepts.
    pub(crate) fn accept(self) -> Case {
        self.finish(Verdict::Accept, None, None)
    }

    /// A case a conforming node ignores, and why.
    pub(crate) fn ignore(self, why: &str) -> Case {
        self.finish(Verdict::Ignore, None, Some(why))
    }

    /// A case a conforming node refuses, naming `field` and the `rule`.
    pub(crate) fn reject(self, field: &str, rule: &str) -> Case {
        self.finish(Verdict::Reject, Some(field), Some(rule))
    }
}

/// A body as a CBOR value.
pub(crate) fn body_of<B: Serialize>(body: &B) -> Value {
    // The fixtures are plain data: serialising them into a `Value` cannot fail.
    Value::serialized(body).unwrap_or(Value::Null)
}

/// A record payload map: `v`, `net`, `kind`, `id`, `seq`, `ts`, and `body`
/// when given.
pub(crate) fn payload(kind: &str, id: &str, seq: u64, ts: u64, body: Option<Value>) -> Value {
    let mut entries = vec![
        (text("v"), Value::Integer(1.into())),
        (text("net"), text(NETWORK)),
        (text("kind"), text(kind)),
        (text("id"), text(id)),
        (text("seq"), Value::Integer(seq.into())),
        (text("ts"), Value::Integer(ts.into())),
    ];
    if let Some(body) = body {
        entries.push((text("body"), body));
    }
    Value::Map(entries)
}

/// A withdrawal payload of `kind`/`id`.
pub(crate) fn withdrawal(kind: &str, id: &str, seq: u64, ts: u64) -> Value {
    let mut map = payload(kind, id, seq, ts, None);
    cbor::set(&mut map, "withdrawn", Value::Bool(true));
    map
}

/// A record of `key` over the deterministic encoding of `payload`.
pub(crate) fn signed(key: TestKey, payload: &Value) -> Vec<u8> {
    sign::record(&key.signing(), &cbor::deterministic(payload))
}

/// A record of `key` over payload bytes exactly as given.
pub(crate) fn signed_raw(key: TestKey, payload: &[u8]) -> Vec<u8> {
    sign::record(&key.signing(), payload)
}

/// The offer most cases start from: a fixed start on 1 March 2027, 4 weeks,
/// in Sweden, ISCED-F 0715, EQF 4.
pub(crate) fn offer_body() -> Value {
    body_of(&vetnet_protocol::fixtures::minimal_offer("Welding placement", "SE", "0715", 4))
}

/// The profile most cases start from: a Swedish VET provider.
pub(crate) fn profile_body() -> Value {
    body_of(&vetnet_protocol::fixtures::profile(
        "Karlskrona Vocational College",
        "SE",
        vetnet_protocol::profile::InstitutionKind::VetProvider,
    ))
}

/// `body` with `key` set to `value`.
pub(crate) fn with(mut body: Value, key: &str, value: Value) -> Value {
    cbor::set(&mut body, key, value);
    body
}

/// A record of the test 1 key: an offer with id `id` and `body`.
pub(crate) fn offer(id: &str, body: Value) -> Vec<u8> {
    signed(TestKey::Test1, &payload("offer", id, 1, TS, Some(body)))
}

/// A record of the test 1 key: its profile with `body`.
pub(crate) fn profile(body: Value) -> Vec<u8> {
    signed(TestKey::Test1, &payload("profile", "profile", 1, TS, Some(body)))
}
