//! The Negentropy messages a peer sends inside sync messages: the `msg` of a
//! `reconcile` request (answered by the responder, `Negentropy::reconcile`)
//! and of a `reconcile` response (read by the initiator,
//! `Negentropy::reconcile_with_ids`). The decoder is the negentropy crate's;
//! the node only maps its errors, so it must never panic or loop. Storage and
//! frame limit are as in `node/src/sync.rs`, over a small fixed set.

#![no_main]

use libfuzzer_sys::fuzz_target;
use negentropy::{Id, Negentropy, NegentropyStorageVector};
use vetnet_protocol::sync::NEGENTROPY_FRAME_LIMIT;

fn storage() -> NegentropyStorageVector {
    let mut storage = NegentropyStorageVector::new();
    for i in 0..40u8 {
        let ts = 1_795_000_000 + u64::from(i / 3);
        storage.insert(ts, Id::from_byte_array([i.wrapping_mul(37); 32])).expect("inserts");
    }
    storage.seal().expect("seals");
    storage
}

fuzz_target!(|data: &[u8]| {
    let storage = storage();
    // Responder.
    let mut responder = Negentropy::borrowed(&storage, NEGENTROPY_FRAME_LIMIT).expect("a responder");
    if let Ok(answer) = responder.reconcile(data) {
        assert!(answer.len() as u64 <= NEGENTROPY_FRAME_LIMIT.max(4096), "the answer respects the frame limit");
    }
    // Initiator: after its first message, the peer's answer is `data`.
    let mut initiator = Negentropy::borrowed(&storage, NEGENTROPY_FRAME_LIMIT).expect("an initiator");
    initiator.initiate().expect("initiates");
    let (mut have, mut need) = (Vec::new(), Vec::new());
    if let Ok(Some(next)) = initiator.reconcile_with_ids(data, &mut have, &mut need) {
        assert!(next.len() as u64 <= NEGENTROPY_FRAME_LIMIT.max(4096));
    }
});
