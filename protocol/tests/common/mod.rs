//! What the record-kind rule tests share: a fixed author, a second
//! institution, and opening a signed record the way a receiving node does.

#![allow(dead_code)] // each test file uses its own subset

use vetnet_protocol::{InstitutionKey, Payload, RecordError, RecordKind, ValidationContext, VerifiedRecord};

pub const NET: &str = "bsr";
pub const NOW: u64 = 1_795_000_000;

/// The author of every record the tests sign.
pub fn key() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&[9; 32])
}

/// Another institution (a delegate, an endorsed partner, a successor key).
pub fn partner() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&[10; 32])
}

/// Signs `body` as `kind`/`id` (seq 1, ts NOW) and opens it.
pub fn open<B: serde::Serialize>(kind: RecordKind, id: &str, body: &B) -> Result<VerifiedRecord, RecordError> {
    let payload = Payload::with_body(NET, kind, id, 1, NOW, body).expect("encodes");
    let bytes = key().sign(&payload).expect("signs");
    VerifiedRecord::open(&bytes, &ValidationContext { network: NET, now: NOW })
}

/// Signs a withdrawal of `kind`/`id` (seq 2) and opens it.
pub fn withdrawal(kind: RecordKind, id: &str) -> Result<VerifiedRecord, RecordError> {
    let bytes = key().sign(&Payload::withdrawal(NET, kind, id, 2, NOW)).expect("signs");
    VerifiedRecord::open(&bytes, &ValidationContext { network: NET, now: NOW })
}

/// The record was refused for a rule on `field` (a field rule, or an
/// encoding rule such as a NaN float).
pub fn assert_rule(result: Result<VerifiedRecord, RecordError>, field: &str) {
    match result {
        Err(RecordError::Rule(rule) | RecordError::Payload(rule)) => {
            assert_eq!(rule.field, field, "wrong field in {rule}")
        }
        Err(other) => panic!("expected a rule on {field}, got {other}"),
        Ok(_) => panic!("expected a rule on {field}, but the record was accepted"),
    }
}
