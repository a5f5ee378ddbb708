//! Bytes from the other node of a mobility thread (`/vetnet/<net>/direct/1`)
//! through `VerifiedStep::open`, the gate every step passes, and
//! `VerifiedReceipt::open`, the gate of the answers. Neither may panic; what
//! they accept must be self-consistent; an accepted step is never a record
//! or a receipt, an interest starts a thread, and any accepted step is
//! checked (and, if allowed, pushed) against the seed thread in each of its
//! states.

#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use vetnet_fuzz::mobility::{apply, happy_path, invariants, run};
use vetnet_fuzz::{NET, NOW, ctx};
use vetnet_protocol::mobility::thread::{Thread, ThreadStatus};
use vetnet_protocol::mobility::{
    MAX_RECEIPT_BYTES, MAX_STEP_BYTES, MOBILITY_VERSION, StepKind, VerifiedReceipt, VerifiedStep, is_thread_id,
};
use vetnet_protocol::{ValidationContext, VerifiedRecord};

/// The seed thread after each of its operations.
fn states() -> &'static [Thread] {
    static STATES: OnceLock<Vec<Thread>> = OnceLock::new();
    STATES.get_or_init(|| run(&happy_path(), true).states)
}

fuzz_target!(|data: &[u8]| {
    receipt(data);
    let Ok(step) = VerifiedStep::open(data, &ctx()) else { return };
    assert_eq!(step.bytes, data, "a step keeps the exact bytes received");
    assert_eq!(step.hash.0, <[u8; 32]>::from(Sha256::digest(data)), "the hash is SHA-256 of the bytes");
    assert!(data.len() <= MAX_STEP_BYTES);
    assert_eq!(VerifiedStep::open(data, &ctx()).expect("opening is deterministic"), step);
    let other = ValidationContext { network: "other", now: NOW };
    assert!(VerifiedStep::open(data, &other).is_err(), "a step is for one network");
    assert!(VerifiedRecord::open(data, &ctx()).is_err(), "a step never opens as a record");
    assert!(VerifiedReceipt::open(data, NET).is_err(), "a step never opens as a receipt");

    let payload = &step.payload;
    assert_eq!((payload.v, payload.net.as_str()), (MOBILITY_VERSION, NET));
    assert!(is_thread_id(&payload.thread));
    assert!(payload.ts <= NOW + 600);
    assert_eq!(payload.to.as_slice(), step.to.as_bytes());
    assert_ne!(step.to, step.author);
    assert_eq!(step.kind(), step.body.kind());
    if step.kind().is_link() {
        let n = payload.n.expect("a link has n");
        assert_eq!(n == 0, step.kind() == StepKind::Interest);
        assert_eq!(step.prev().is_some(), n > 0, "every link but the interest names its predecessor");
    } else {
        assert_eq!((payload.n, step.prev()), (None, None));
    }

    if step.kind() == StepKind::Interest {
        let thread = Thread::start(NET, step.clone()).expect("an interest starts a thread");
        assert_eq!((thread.status(), thread.head(), thread.links().len()), (ThreadStatus::Interested, step.hash, 1));
        invariants(&thread);
        assert!(thread.check(&step).is_err(), "the interest cannot join its own thread again");
    } else {
        assert!(Thread::start(NET, step.clone()).is_err(), "only an interest starts a thread");
    }
    for state in states() {
        apply(&mut state.clone(), step.clone());
    }
});

fn receipt(data: &[u8]) {
    let Ok(receipt) = VerifiedReceipt::open(data, NET) else { return };
    assert_eq!(receipt.bytes, data, "a receipt keeps the exact bytes received");
    assert!(data.len() <= MAX_RECEIPT_BYTES);
    assert_eq!(VerifiedReceipt::open(data, NET).expect("opening is deterministic"), receipt);
    assert!(VerifiedReceipt::open(data, "other").is_err(), "a receipt is for one network");
    assert_eq!((receipt.payload.v, receipt.payload.net.as_str()), (MOBILITY_VERSION, NET));
    assert_eq!(receipt.step.0[..], receipt.payload.step[..]);
    assert_eq!(receipt.head().map(|h| h.0.to_vec()), receipt.payload.head.as_ref().map(|h| h.to_vec()));
    assert!(VerifiedStep::open(data, &ctx()).is_err(), "a receipt never opens as a step");
    assert!(VerifiedRecord::open(data, &ctx()).is_err(), "a receipt never opens as a record");
}
