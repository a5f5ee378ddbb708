//! A sync response from a peer through `SyncResponse::decode`. Never panics;
//! whatever decodes re-encodes within the limit and decodes the same.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vetnet_protocol::sync::{MAX_SYNC_RESPONSE_BYTES, SyncResponse};

fuzz_target!(|data: &[u8]| {
    let Ok(response) = SyncResponse::decode(data) else { return };
    let encoded = response.encode().expect("a decoded response re-encodes within the limit");
    assert!(encoded.len() <= MAX_SYNC_RESPONSE_BYTES);
    assert_eq!(SyncResponse::decode(&encoded).expect("a re-encoded response decodes"), response);
});
