//! The sync session state machine without sockets: two real sled stores
//! with overlapping sets of real signed records, and sessions between them
//! driven through the sync request and response types directly. Each
//! request goes through the wire encoding to the other store's real
//! responder, as the libp2p codec would carry it.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use vetnet_node::publish::unix_now;
use vetnet_node::rate_limit::AuthorRecordLimit;
use vetnet_node::store::RecordStore;
use vetnet_node::sync::{SessionProgress, SyncError, SyncPeer, SyncReport, SyncResponder, SyncSession};
use vetnet_protocol::fixtures;
use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::sync::{SyncRequest, SyncResponse};
use vetnet_protocol::{InstitutionKey, Payload, RecordHash, RecordKind, ValidationContext, VerifiedRecord};

const NET: &str = "bsr";

fn offer(title: &str) -> OfferBody {
    OfferBody { eqf_min: 3, ..fixtures::minimal_offer(title, "SE", "0715", 4) }
}

/// Offer `id` at version `seq`, signed by `key` a little in the past.
fn record(key: &InstitutionKey, id: &str, seq: u64) -> VerifiedRecord {
    let now = unix_now();
    let payload =
        Payload::with_body(NET, RecordKind::Offer, id, seq, now - 3_600 + seq, &offer(&format!("{id} v{seq}")))
            .unwrap();
    key.sign_checked(&payload, &ValidationContext { network: NET, now }).unwrap()
}

/// One side of a session: a store in its own temporary directory.
struct Side {
    _dir: tempfile::TempDir,
    store: RecordStore,
    responder: SyncResponder,
    session: SyncSession,
}

fn side(records: &[&VerifiedRecord]) -> Side {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), NET, 8 << 20).unwrap();
    for record in records {
        assert!(store.insert(record).unwrap().is_stored());
    }
    let responder = SyncResponder::new(store.clone(), NET.to_owned());
    // Small fetches, so one session fetches a batch while it stores the previous one.
    let session = SyncSession::new(&responder, Arc::new(AuthorRecordLimit::unlimited())).with_fetch_batch(4);
    Side { _dir: dir, store, responder, session }
}

/// The live set of a store, as the sync index sees it.
fn live_set(store: &RecordStore) -> BTreeSet<(u64, RecordHash)> {
    store.sync_items().map(Result::unwrap).collect()
}

/// The other side, reached by a direct call through the wire encoding.
struct Direct<'a> {
    responder: &'a SyncResponder,
    disconnected: AtomicBool,
}

impl<'a> Direct<'a> {
    fn new(responder: &'a SyncResponder) -> Self {
        Self { responder, disconnected: AtomicBool::new(false) }
    }
}

impl SyncPeer for Direct<'_> {
    async fn request(&self, request: SyncRequest) -> Result<SyncResponse, SyncError> {
        let request = SyncRequest::decode(&request.encode().unwrap()).unwrap();
        let response = self.responder.respond(request);
        Ok(SyncResponse::decode(&response.encode().unwrap()).unwrap())
    }

    async fn disconnect(&self) -> Result<(), SyncError> {
        self.disconnected.store(true, Ordering::SeqCst);
        Ok(())
    }
}

/// Runs a session of `from` against `to`, and the progress it reported.
async fn pull(from: &Side, to: &Side) -> (SyncReport, Vec<SessionProgress>) {
    let peer = Direct::new(&to.responder);
    let steps = std::sync::Mutex::new(Vec::new());
    let report = from.session.run(&peer, |step| steps.lock().unwrap().push(step)).await.unwrap();
    assert!(!peer.disconnected.load(Ordering::SeqCst), "an honest peer is never dropped");
    (report, steps.into_inner().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_stores_end_with_the_union_and_a_second_session_has_nothing_to_do() {
    let school = InstitutionKey::from_secret_bytes(&[1; 32]);
    let company = InstitutionKey::from_secret_bytes(&[2; 32]);
    let shared: Vec<_> = (0..5).map(|i| record(&school, &format!("shared-{i}"), 1)).collect();
    let only_a: Vec<_> = (0..3).map(|i| record(&school, &format!("a-{i}"), 1)).collect();
    let only_b: Vec<_> = (0..10).map(|i| record(&company, &format!("b-{i}"), 1)).collect();
    // One key both hold: A the newer version, B the older one.
    let (older, newer) = (record(&company, "moved", 1), record(&company, "moved", 2));
    let a = side(&shared.iter().chain(&only_a).chain([&newer]).collect::<Vec<_>>());
    let b = side(&shared.iter().chain(&only_b).chain([&older]).collect::<Vec<_>>());

    // A pulls: B's ten records are new, B's older "moved" is stale.
    let (report, progress) = pull(&a, &b).await;
    assert_eq!((report.needed, report.have), (11, 4), "{report:?}");
    assert_eq!((report.stored, report.stale), (10, 1), "{report:?}");
    assert_eq!(report.fetches, 3, "11 records in fetches of 4: {report:?}");
    assert!(report.rounds >= 1 && report.bytes_sent > 0 && report.bytes_received > 0, "{report:?}");
    assert_eq!(progress.first(), Some(&SessionProgress::Needed(11)));
    assert_eq!(progress.last(), Some(&SessionProgress::Fetched(11)));

    // B pulls A's three records and the newer "moved"; its older "moved" is the one A lacks.
    let (report, _) = pull(&b, &a).await;
    assert_eq!((report.needed, report.have, report.stored, report.stale), (4, 1, 4, 0), "{report:?}");

    let union: BTreeSet<_> = shared.iter().chain(&only_a).chain(&only_b).chain([&newer]).map(|r| r.hash).collect();
    for store in [&a.store, &b.store] {
        let held: BTreeSet<_> = live_set(store).into_iter().map(|(_, hash)| hash).collect();
        assert_eq!(held, union);
    }

    // Nothing is left to do, either way: one round, no fetch.
    for (from, to) in [(&a, &b), (&b, &a)] {
        let (report, _) = pull(from, to).await;
        assert_eq!(
            report,
            SyncReport {
                rounds: 1,
                bytes_sent: report.bytes_sent,
                bytes_received: report.bytes_received,
                ..SyncReport::default()
            }
        );
    }
}

/// A peer that answers with what `answer` makes of each request.
struct Scripted<F> {
    answer: F,
    disconnected: AtomicBool,
}

impl<F: Fn(SyncRequest) -> SyncResponse + Sync> SyncPeer for Scripted<F> {
    async fn request(&self, request: SyncRequest) -> Result<SyncResponse, SyncError> {
        Ok((self.answer)(request))
    }

    async fn disconnect(&self) -> Result<(), SyncError> {
        self.disconnected.store(true, Ordering::SeqCst);
        Ok(())
    }
}

async fn run_against<F: Fn(SyncRequest) -> SyncResponse + Sync>(
    side: &Side,
    answer: F,
) -> (Result<SyncReport, SyncError>, bool) {
    let peer = Scripted { answer, disconnected: AtomicBool::new(false) };
    let result = side.session.run(&peer, |_| {}).await;
    (result, peer.disconnected.load(Ordering::SeqCst))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_peer_answering_garbage_ends_the_session_with_an_error() {
    let key = InstitutionKey::from_secret_bytes(&[3; 32]);
    let held = record(&key, "held", 1);
    let a = side(&[&held]);
    let b = side(&[&held, &record(&key, "new", 1)]);

    // Bytes that are no Negentropy message.
    let (result, _) = run_against(&a, |_| SyncResponse::Reconcile { msg: vec![0xff; 40] }).await;
    assert!(matches!(result, Err(SyncError::Negentropy(_))), "{result:?}");

    // Records where a reconcile answer belongs.
    let (result, _) = run_against(&a, |_| SyncResponse::Records { records: Vec::new() }).await;
    assert!(matches!(result, Err(SyncError::Protocol(_))), "{result:?}");

    // A refusal ends the session with the peer's reason.
    let (result, _) = run_against(&a, |_| SyncResponse::Refused { reason: "busy".into() }).await;
    assert!(matches!(&result, Err(SyncError::Refused(reason)) if reason == "busy"), "{result:?}");

    // Honest reconciling, then a record that was not asked for: the peer is dropped, nothing stored.
    let stranger = record(&key, "stranger", 1).bytes;
    let (result, dropped) = run_against(&a, |request| match request {
        SyncRequest::Fetch { .. } => {
            SyncResponse::Records { records: vec![serde_bytes::ByteBuf::from(stranger.clone())] }
        }
        reconcile => b.responder.respond(reconcile),
    })
    .await;
    assert!(matches!(result, Err(SyncError::Protocol(_))), "{result:?}");
    assert!(dropped, "a peer sending records it was not asked for is disconnected");
    assert_eq!(live_set(&a.store).len(), 1, "nothing the peer sent is stored");
}
