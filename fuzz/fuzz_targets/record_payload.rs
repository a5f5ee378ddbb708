//! Arbitrary payload bytes, signed with a fixed key, through
//! `VerifiedRecord::open`. Random envelopes never carry a valid signature, so
//! `record_open` rarely gets past it; here every input reaches the payload
//! decoder and the rules of each kind. Whatever is accepted must be accepted
//! again after a round trip through this crate's own encoder.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vetnet_fuzz::{ctx, key, sign_raw};
use vetnet_protocol::{Content, VerifiedRecord};

fuzz_target!(|data: &[u8]| {
    let bytes = sign_raw(data);
    let Ok(record) = VerifiedRecord::open(&bytes, &ctx()) else { return };
    assert_eq!(record.author, key().id());
    // Re-encoding the decoded payload (unknown top-level fields dropped, the
    // body as decoded) gives a record that opens to the same content.
    let resigned = key().sign(&record.payload).expect("a decoded payload encodes");
    let reopened = VerifiedRecord::open(&resigned, &ctx()).expect("a re-encoded accepted payload is accepted");
    assert_eq!(reopened.payload, record.payload);
    assert_eq!(reopened.content, record.content);
    if record.is_withdrawn() {
        assert!(record.payload.body.is_none() && record.payload.withdrawn);
    }
    if matches!(record.content, Content::Uninterpreted) {
        assert!(
            !["profile", "offer", "achievement", "revocation", "delegation"].contains(&record.payload.kind.as_str())
        );
    }
});
