//! A sync request from a peer (`/vetnet/sync/1`, after the frame's length
//! check) through `SyncRequest::decode`. Never panics; whatever decodes is
//! within the limits and re-encodes to a message that decodes the same.

#![no_main]

use libfuzzer_sys::fuzz_target;
use vetnet_protocol::sync::{MAX_FETCH_IDS, MAX_SYNC_REQUEST_BYTES, SyncRequest};

fuzz_target!(|data: &[u8]| {
    let Ok(request) = SyncRequest::decode(data) else { return };
    if let SyncRequest::Fetch { ids } = &request {
        assert!(ids.len() <= MAX_FETCH_IDS);
        assert!(ids.iter().all(|id| id.len() == 32));
    }
    let encoded = request.encode().expect("a decoded request re-encodes within the limit");
    assert!(encoded.len() <= MAX_SYNC_REQUEST_BYTES);
    assert_eq!(SyncRequest::decode(&encoded).expect("a re-encoded request decodes"), request);
});
