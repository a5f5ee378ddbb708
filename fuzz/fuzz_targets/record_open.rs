//! Bytes from a peer (gossip or a sync `records` response) through
//! `VerifiedRecord::open`, the one gate every record passes. It must never
//! panic; and whatever it accepts must be self-consistent.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use vetnet_fuzz::{NET, ctx};
use vetnet_protocol::VerifiedRecord;

fuzz_target!(|data: &[u8]| {
    let Ok(record) = VerifiedRecord::open(data, &ctx()) else { return };
    assert_eq!(record.bytes, data, "a record keeps the exact bytes received");
    assert_eq!(record.hash.0, <[u8; 32]>::from(Sha256::digest(data)), "the hash is SHA-256 of the bytes");
    let again = VerifiedRecord::open(data, &ctx()).expect("opening is deterministic");
    assert_eq!(
        (again.hash, again.author, &again.payload, &again.content),
        (record.hash, record.author, &record.payload, &record.content)
    );
    // What the store reads back must be the record that was stored.
    let trusted = VerifiedRecord::from_trusted_bytes(data, NET).expect("an accepted record reads back");
    assert_eq!((trusted.author, &trusted.payload, &trusted.content), (record.author, &record.payload, &record.content));
    // Its key round-trips through the store's byte form.
    let key = record.key();
    assert_eq!(vetnet_protocol::RecordKey::from_bytes(&key.to_bytes()).as_ref(), Some(&key));
});
