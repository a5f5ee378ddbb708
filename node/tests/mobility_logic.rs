//! The hardest mobility logic without a socket: forks, the outbox's order
//! and backoff, and receipts, between real [`Mobility`] instances on real
//! sled, with real signatures, and a manual [`Clock`].
//!
//! Each institution is a store, an offline publisher and a `Mobility`; the
//! [`Loopback`] courier hands each outbox step straight to the addressee's
//! [`Mobility::receive`] and brings back the real signed receipt. Nothing
//! runs the outbox on a timer: each test calls [`Mobility::deliver`] when it
//! wants a pass, so what happens in which order is the test's choice.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::future::BoxFuture;
use tempfile::TempDir;
use vetnet_node::Clock;
use vetnet_node::credentials::CredentialIssuer;
use vetnet_node::mobility::{Delivery, DeliveryError, Mobility, OutgoingStep, StepCourier, ThreadStatus, ThreadView};
use vetnet_node::network::{NetworkError, NetworkTiming};
use vetnet_node::publish::{PublishMode, Publisher};
use vetnet_node::store::RecordStore;
use vetnet_protocol::fixtures;
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::{ReceiptStatus, VerifiedReceipt};
use vetnet_protocol::offer::OfferBody;
use vetnet_protocol::profile::{InstitutionKind, ProfileBody, VetProvision};
use vetnet_protocol::{InstitutionId, InstitutionKey, LangText, RecordHash, RecordKind};

const NET: &str = "bsr";
const OFFER: &str = "welding-2027";
/// 2026-09-01 00:00 UTC: before the placement the steps describe.
const START: u64 = 1_788_220_800;

/// Hands each step to the addressee's [`Mobility`], if that node is up, and
/// notes what it carried.
#[derive(Default)]
struct Loopback {
    /// The nodes that are up, by institution.
    up: Mutex<HashMap<InstitutionId, Mobility>>,
    /// Every step handed over, in order.
    carried: Mutex<Vec<(InstitutionId, RecordHash)>>,
}

impl Loopback {
    fn set_up(&self, institution: &Institution) {
        self.up.lock().unwrap().insert(institution.id, institution.mobility.clone());
    }

    fn set_down(&self, institution: &Institution) {
        self.up.lock().unwrap().remove(&institution.id);
    }

    fn carried_to(&self, to: InstitutionId) -> Vec<RecordHash> {
        self.carried.lock().unwrap().iter().filter(|(t, _)| *t == to).map(|(_, h)| *h).collect()
    }
}

impl StepCourier for Loopback {
    fn carry<'a>(&'a self, step: &'a OutgoingStep) -> BoxFuture<'a, Result<VerifiedReceipt, DeliveryError>> {
        Box::pin(async move {
            self.carried.lock().unwrap().push((step.to, step.hash));
            let node = self.up.lock().unwrap().get(&step.to).cloned();
            let Some(node) = node else {
                return Err(NetworkError::Direct("the test took this node down".into()).into());
            };
            let (answer, misbehaved) = node.receive(&step.bytes).await;
            assert!(!misbehaved, "an honest node's step is never garbage");
            step.check_answer(&answer)
        })
    }
}

/// One institution's mobility on its own temporary sled database.
struct Institution {
    id: InstitutionId,
    store: RecordStore,
    publisher: Publisher,
    mobility: Mobility,
    _dir: TempDir,
}

fn profile(name: &str, country: &str) -> ProfileBody {
    ProfileBody {
        name: LangText::new("en", name),
        institution: InstitutionKind::VetProvider,
        vet: vec![VetProvision::Ivet],
        country: country.to_owned(),
        region: None,
        city: None,
        nuts: None,
        isced: Vec::new(),
        nace: Vec::new(),
        languages: vec!["en".to_owned()],
        website: None,
        email: Some(format!("placements@{}.example", country.to_ascii_lowercase())),
        registration: None,
        description: LangText::default(),
        nodes: Vec::new(),
    }
}

fn offer(country: &str) -> OfferBody {
    OfferBody {
        description: LangText::new("en", "Work alongside experienced welders."),
        ..fixtures::offer("Welding placement", country, "0715", 4)
    }
}

/// An institution with a profile and an offer, whose steps leave through
/// `courier`; the courier does not yet reach it ([`Loopback::set_up`]).
async fn institution(seed: u8, country: &str, clock: &Clock, courier: &Arc<Loopback>) -> Institution {
    let dir = tempfile::tempdir().unwrap();
    let store = RecordStore::open(dir.path(), NET, 8 << 20).unwrap();
    let key = InstitutionKey::from_secret_bytes(&[seed; 32]);
    let id = key.id();
    let publisher = Publisher::offline(key, store.clone(), NET.to_owned(), clock.clone());
    publisher.publish_profile(&profile(&format!("School {seed}"), country)).await.unwrap();
    publisher.publish_offer(OFFER, &offer(country), PublishMode::Create).await.unwrap();
    let issuer = CredentialIssuer::open(publisher.clone(), store.clone()).unwrap();
    let courier: Arc<dyn StepCourier> = courier.clone();
    let mobility =
        Mobility::open(store.clone(), publisher.clone(), issuer, courier, NetworkTiming::default(), clock.clone())
            .unwrap();
    Institution { id, store, publisher, mobility, _dir: dir }
}

/// Gives each institution every record the others published (what gossip
/// would have done).
fn share_records(institutions: &[&Institution]) {
    for from in institutions {
        for record in from.store.outbox().unwrap() {
            for to in institutions.iter().filter(|to| to.id != from.id) {
                to.store.insert(&record).unwrap();
            }
        }
    }
}

/// A school and a host that know each other, both reachable.
struct Pair {
    clock: Clock,
    courier: Arc<Loopback>,
    school: Institution,
    host: Institution,
}

async fn pair() -> Pair {
    let clock = Clock::manual(START);
    let courier = Arc::new(Loopback::default());
    let school = institution(1, "SE", &clock, &courier).await;
    let host = institution(2, "DE", &clock, &courier).await;
    share_records(&[&school, &host]);
    courier.set_up(&school);
    courier.set_up(&host);
    Pair { clock, courier, school, host }
}

fn interest() -> InterestBody {
    InterestBody { offer: OFFER.into(), need: None, learners: 1, message: None }
}

fn nomination() -> NominationBody {
    NominationBody {
        learner: Learner {
            given_name: "Elsa".into(),
            family_name: "Lindqvist".into(),
            birth_date: "2009-05-14".into(),
            email: None,
            languages: vec![fixtures::language("en", Some("B1"))],
            qualification: None,
            eqf: Some(4),
        },
        learner_key: String::new(),
        key_custody: KeyCustody::School,
        start: "2026-10-05".into(),
        end: "2026-10-30".into(),
        message: None,
    }
}

fn agreement(note: &str) -> AgreementBody {
    AgreementBody {
        start: "2026-10-05".into(),
        end: "2026-10-30".into(),
        hours_per_week: Some(37),
        units: vec![Unit {
            title: "MIG welding of steel structures".into(),
            outcomes: vec!["Welds fillet joints in PA and PB positions".into()],
            esco_skills: Vec::new(),
            hours: Some(120),
        }],
        tasks: vec!["Welds brackets under supervision".into()],
        mentor: Mentor { name: "Jens Petersen".into(), email: None },
        assessment: "Practical test at the end of week 4".into(),
        recognition: "Credited as the workplace-learning part of the welding course".into(),
        insurance: None,
        note: Some(note.into()),
    }
}

/// The hashes of a thread's links, in order.
fn chain(view: &ThreadView) -> Vec<RecordHash> {
    view.thread.as_ref().map(|t| t.links().iter().map(|l| l.hash).collect()).unwrap_or_default()
}

fn delivery(view: &ThreadView, step: &RecordHash) -> Delivery {
    view.log.entries.iter().find(|e| e.hash == step.0).map(|e| e.delivery.clone()).expect("the log holds the step")
}

/// The hash of the newest step in `view`'s log.
fn last_step(view: &ThreadView) -> RecordHash {
    RecordHash(view.log.entries.last().unwrap().hash.as_slice().try_into().unwrap())
}

/// A thread the host has accepted, with every step delivered.
async fn accepted_thread(p: &Pair) -> String {
    let thread = p.school.mobility.express_interest(p.host.id, interest()).await.unwrap().log.thread;
    p.school.mobility.deliver(false).await.unwrap();
    p.school.mobility.nominate(&thread, nomination()).await.unwrap();
    p.school.mobility.deliver(false).await.unwrap();
    p.host.mobility.accept(&thread, AcceptanceBody::default()).await.unwrap();
    p.host.mobility.deliver(false).await.unwrap();
    assert_eq!(p.school.mobility.show(&thread).unwrap().status(), ThreadStatus::Accepted);
    thread
}

/// Who delivers their side of a fork first.
#[derive(Debug, Clone, Copy)]
enum First {
    School,
    Host,
    Both,
}

/// Both parties propose an agreement after the same acceptance; the outboxes
/// then run in the order `first` says. Checks that the lower step hash wins
/// on both sides and the loser is superseded where it was taken.
async fn fork(first: First) {
    let p = pair().await;
    let thread = accepted_thread(&p).await;
    let head = chain(&p.school.mobility.show(&thread).unwrap());
    let by_school = last_step(&p.school.mobility.agree(&thread, agreement("the school's")).await.unwrap());
    let by_host = last_step(&p.host.mobility.agree(&thread, agreement("the host's")).await.unwrap());
    let (school, host) = (&p.school.mobility, &p.host.mobility);
    match first {
        First::School => {
            school.deliver(false).await.unwrap();
            host.deliver(false).await.unwrap();
        }
        First::Host => {
            host.deliver(false).await.unwrap();
            school.deliver(false).await.unwrap();
        }
        First::Both => {
            let (a, b) = tokio::join!(school.deliver(false), host.deliver(false));
            a.unwrap();
            b.unwrap();
        }
    }
    let (winner, loser) = if by_school < by_host { (by_school, by_host) } else { (by_host, by_school) };
    let loser_side = if loser == by_school { school } else { host };
    for side in [school, host] {
        let view = side.show(&thread).unwrap();
        assert_eq!(chain(&view), [head.clone(), vec![winner]].concat(), "{first:?}: the lower hash wins");
        assert_eq!(view.status(), ThreadStatus::Agreeing);
        assert_eq!(side.outbox_len(), 0, "{first:?}: nothing is left to send");
    }
    let view = loser_side.show(&thread).unwrap();
    assert!(
        matches!(delivery(&view, &loser), Delivery::Superseded { .. }),
        "{first:?}: the loser is superseded where it was taken: {:?}",
        delivery(&view, &loser)
    );
    assert!(matches!(delivery(&view, &winner), Delivery::Received { .. }), "{first:?}");
}

/// Runs `test` and says how long it took (each of these must stay under a
/// second).
async fn timed<F: std::future::Future<Output = ()>>(name: &str, test: F) {
    let started = Instant::now();
    test.await;
    eprintln!("{name}: {:?}", started.elapsed());
}

#[tokio::test]
async fn a_fork_is_won_by_the_lower_hash_when_the_school_delivers_first() {
    timed("fork, school first", fork(First::School)).await;
}

#[tokio::test]
async fn a_fork_is_won_by_the_lower_hash_when_the_host_delivers_first() {
    timed("fork, host first", fork(First::Host)).await;
}

#[tokio::test]
async fn a_fork_is_won_by_the_lower_hash_when_both_deliver_at_once() {
    timed("fork, both at once", fork(First::Both)).await;
}

#[tokio::test]
async fn steps_to_one_recipient_arrive_in_the_order_they_were_taken() {
    timed("outbox order", async {
        let p = pair().await;
        let thread = p.school.mobility.express_interest(p.host.id, interest()).await.unwrap().log.thread;
        let view = p.school.mobility.nominate(&thread, nomination()).await.unwrap();
        let taken: Vec<RecordHash> =
            view.log.entries.iter().map(|e| RecordHash(e.hash.as_slice().try_into().unwrap())).collect();
        assert_eq!(p.school.mobility.outbox_len(), 2);
        p.school.mobility.deliver(false).await.unwrap();
        assert_eq!(p.courier.carried_to(p.host.id), taken, "the interest goes before the nomination");
        let at_host = p.host.mobility.show(&thread).unwrap();
        assert_eq!(at_host.status(), ThreadStatus::Nominated);
        assert_eq!(chain(&at_host), taken);
        let at_school = p.school.mobility.show(&thread).unwrap();
        assert!(taken.iter().all(|h| matches!(delivery(&at_school, h), Delivery::Delivered { .. })));
        assert_eq!(p.school.mobility.outbox_len(), 0);
    })
    .await;
}

#[tokio::test]
async fn an_unreachable_recipient_holds_up_no_other() {
    timed("outbox, one recipient down", async {
        let p = pair().await;
        let far = institution(3, "FR", &p.clock, &p.courier).await;
        share_records(&[&p.school, &p.host, &far]);
        // `far` is never up: its thread's steps stay, the host's go.
        let stuck = p.school.mobility.express_interest(far.id, interest()).await.unwrap().log.thread;
        p.school.mobility.nominate(&stuck, nomination()).await.unwrap();
        let open = p.school.mobility.express_interest(p.host.id, interest()).await.unwrap().log.thread;
        p.school.mobility.deliver(false).await.unwrap();
        assert_eq!(p.host.mobility.show(&open).unwrap().status(), ThreadStatus::Interested);
        assert_eq!(p.courier.carried_to(far.id).len(), 1, "the nomination waits behind the interest");
        let view = p.school.mobility.show(&stuck).unwrap();
        match &view.log.entries[0].delivery {
            Delivery::Pending { attempts: 1, last_error: Some(why) } => {
                assert!(why.contains("took this node down"), "{why}")
            }
            other => panic!("the interest to the unreachable node waits: {other:?}"),
        }
        assert_eq!(view.log.entries[1].delivery, Delivery::Pending { attempts: 0, last_error: None });
        assert_eq!(p.school.mobility.outbox_len(), 2, "only the unreachable thread's steps are left");
    })
    .await;
}

#[tokio::test]
async fn a_refused_interest_is_applied_from_its_receipt() {
    timed("outbox, refused receipt", async {
        let p = pair().await;
        // The host withdraws its offer before the interest arrives.
        p.host.publisher.withdraw(RecordKind::Offer, OFFER).await.unwrap();
        let view = p.school.mobility.express_interest(p.host.id, interest()).await.unwrap();
        let step = last_step(&view);
        p.school.mobility.deliver(false).await.unwrap();
        let view = p.school.mobility.show(&view.log.thread).unwrap();
        match delivery(&view, &step) {
            Delivery::Refused { field, reason } => {
                assert_eq!(field, "body.offer");
                assert!(reason.contains("no live offer"), "{reason}");
            }
            other => panic!("the interest is refused: {other:?}"),
        }
        assert_eq!(view.status(), ThreadStatus::Refused, "the thread never opened at the host");
        assert!(view.next_steps.is_empty());
        assert_eq!(p.school.mobility.outbox_len(), 0);
        let receipt = VerifiedReceipt::open(&p.school.mobility.receipt(&step).unwrap().unwrap(), NET).unwrap();
        assert_eq!((receipt.payload.status, receipt.signer), (ReceiptStatus::Refused, p.host.id));
        assert!(p.host.mobility.list().unwrap().is_empty(), "the host keeps nothing of it");
    })
    .await;
}

#[tokio::test]
async fn a_failed_delivery_backs_off_on_the_clock_doubling_to_the_cap() {
    timed("outbox backoff", async {
        let p = pair().await;
        p.courier.set_down(&p.host);
        let view = p.school.mobility.express_interest(p.host.id, interest()).await.unwrap();
        let (thread, step) = (view.log.thread.clone(), last_step(&view));
        let attempts = || p.courier.carried_to(p.host.id).len();
        p.school.mobility.deliver(false).await.unwrap();
        assert_eq!(attempts(), 1, "a new step is sent at once");
        // PROTOCOL.md: after the k-th failure the next attempt waits
        // min(5 s × 2^k, 600 s): 10 s, 20 s, 40 s, … 600 s.
        let waits = [10, 20, 40, 80, 160, 320, 600, 600];
        for (k, wait) in waits.into_iter().enumerate() {
            let due = p.clock.now_unix_ms() + wait * 1000;
            let state = &p.school.mobility.outbox().unwrap()[0];
            assert_eq!((state.step, state.attempts, state.next_attempt_ms), (step, k as u32 + 1, due));
            p.clock.advance(Duration::from_millis(wait * 1000 - 1));
            p.school.mobility.deliver(false).await.unwrap();
            assert_eq!(attempts(), k + 1, "not due 1 ms before {wait} s");
            p.clock.advance(Duration::from_millis(1));
            p.school.mobility.deliver(false).await.unwrap();
            assert_eq!(attempts(), k + 2, "due after {wait} s");
        }
        // A peer connecting retries at once, whatever the backoff.
        p.courier.set_up(&p.host);
        p.school.mobility.deliver(true).await.unwrap();
        assert_eq!(attempts(), waits.len() + 2);
        assert_eq!(p.school.mobility.outbox_len(), 0);
        let view = p.school.mobility.show(&thread).unwrap();
        assert_eq!(delivery(&view, &step), Delivery::Delivered { at: p.clock.now_unix() });
        assert_eq!(p.host.mobility.show(&thread).unwrap().status(), ThreadStatus::Interested);
    })
    .await;
}
