//! Mobility threads for the `mobility_step` and `mobility_thread` targets
//! and their seeds: the fixed parties, and [`run`], which reads bytes as a
//! sequence of operations that sign real steps of every kind (fields chosen
//! by the input) and push them into a [`Thread`], checking the thread's
//! invariants after each.
//!
//! The input is read in chunks of [`CHUNK`] bytes, `[op, who, to, chain, f0,
//! f1, f2, f3]`; a short last chunk is padded with zeros. The first chunk is
//! the interest that opens the thread (its `op` byte is ignored); each later
//! one is an operation: `op % 12` is a step kind (in the order of
//! `StepKind::ALL`), a truncation (10) or a replay of an earlier step (11).
//! Zero is the valid choice for every other byte, so a seed is a list of
//! kinds: `[[0; 8], [1, 0, ..], [2, 0, ..]]` is interest, nomination,
//! acceptance, each by the party that may take it.

use std::cell::RefCell;
use std::collections::HashMap;
use std::thread::LocalKey;

use ed25519_dalek::{Signer, SigningKey};
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::thread::{Party, StepRefusal, Thread, ThreadStatus};
use vetnet_protocol::mobility::{StepBody, StepDraft, StepKind, VerifiedStep, agreement_signing_input, sign_step};
use vetnet_protocol::offer::{InsuranceCover, LanguageRequirement};
use vetnet_protocol::{InstitutionId, RecordHash};

use crate::{NET, NOW, TS, ctx};

/// The school: the RFC 8032 test 1 key, as in `protocol/tests/vectors/mobility-interest.json`.
pub const SCHOOL_SECRET: [u8; 32] = [
    0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4, 0x44, 0x49, 0xc5,
    0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
];
/// The host: the RFC 8032 test 2 key, as in the vectors.
pub const HOST_SECRET: [u8; 32] = [
    0x4c, 0xcd, 0x08, 0x9b, 0x28, 0xff, 0x96, 0xda, 0x9d, 0xb6, 0xc3, 0x46, 0xec, 0x11, 0x4e, 0x0f, 0x5b, 0x8a, 0x31,
    0x9f, 0x35, 0xab, 0xa6, 0x24, 0xda, 0x8c, 0xf6, 0xed, 0x4f, 0xb8, 0xa6, 0xfb,
];
/// The learner's own key for the learning agreement.
pub const LEARNER_SECRET: [u8; 32] = [0x1e; 32];
/// An institution that is no party of the thread.
pub const OUTSIDER_SECRET: [u8; 32] = [0x0f; 32];

/// The thread of the vectors.
pub const THREAD: &str = "m-0123456789abcdef01234567";
pub const OTHER_THREAD: &str = "m-ffffffffffffffffffffffff";
/// The interest of the vector: with these fields, school to host, at [`TS`],
/// it is `mobility-interest.json` byte for byte.
pub const OFFER: &str = "welding-2027";
pub const INTEREST_MESSAGE: &str = "Two learners in their second year, EQF 4.";
pub const CREDENTIAL: &str = "urn:uuid:2f1c7e52-8b0e-4a8e-9c55-3d2b6f0e7a41";
pub const OTHER_CREDENTIAL: &str = "urn:uuid:3f2b8a3e-5b7c-4d1a-9e2f-0a1b2c3d4e5f";

/// Bytes per operation.
pub const CHUNK: usize = 8;
/// Operations read after the interest; the rest of the input is ignored
/// (signing takes ~50 µs, so an input stays a few milliseconds).
pub const MAX_OPS: usize = 16;

const OP_TRUNCATE: u8 = 10;
const OP_REPLAY: u8 = 11;
const OPS: u8 = 12;

pub struct Keys {
    pub school: SigningKey,
    pub host: SigningKey,
    pub learner: SigningKey,
    pub outsider: SigningKey,
}

impl Keys {
    pub fn new() -> Self {
        Self {
            school: SigningKey::from_bytes(&SCHOOL_SECRET),
            host: SigningKey::from_bytes(&HOST_SECRET),
            learner: SigningKey::from_bytes(&LEARNER_SECRET),
            outsider: SigningKey::from_bytes(&OUTSIDER_SECRET),
        }
    }

    /// The institution keys (the learner's is not one).
    fn institutions(&self) -> [&SigningKey; 3] {
        [&self.school, &self.host, &self.outsider]
    }

    fn by_id(&self, id: &InstitutionId) -> &SigningKey {
        self.institutions().into_iter().find(|k| id_of(k) == *id).expect("the thread's parties are fixed keys")
    }
}

impl Default for Keys {
    fn default() -> Self {
        Self::new()
    }
}

pub fn id_of(key: &SigningKey) -> InstitutionId {
    InstitutionId::from_bytes(key.verifying_key().to_bytes())
}

/// Signing and opening a step takes ~1 ms instrumented, and the inputs of
/// `mobility_thread` share most of their steps (a mutation changes one
/// operation): so [`run`] signs through a cache of drafts. Signing is
/// deterministic, so a hit is what signing again would give; `VerifiedStep::open`
/// itself is fuzzed by `mobility_step`.
const CACHE_ENTRIES: usize = 20_000;

/// A cache keyed by the signing key and what it signs.
type Cache<K, V> = RefCell<HashMap<([u8; 32], K), V>>;

thread_local! {
    static STEPS: Cache<String, Option<VerifiedStep>> = Default::default();
    static AGREEMENT_SIGNATURES: Cache<Vec<u8>, [u8; 64]> = Default::default();
}

fn cached<K: std::hash::Hash + Eq, V: Clone>(
    cache: &'static LocalKey<Cache<K, V>>,
    key: ([u8; 32], K),
    make: impl FnOnce() -> V,
) -> V {
    cache.with(|cache| {
        if let Some(value) = cache.borrow().get(&key) {
            return value.clone();
        }
        let value = make();
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, value.clone());
        value
    })
}

/// Signs a step for [`NET`] and opens it with [`ctx`], through the cache;
/// `None` if it does not open.
fn sign_cached(
    key: &SigningKey,
    thread: &str,
    n: Option<u32>,
    prev: Option<RecordHash>,
    to: InstitutionId,
    ts: u64,
    body: StepBody,
) -> Option<VerifiedStep> {
    let draft = StepDraft { net: NET.into(), thread: thread.into(), n, prev, to, ts, body };
    cached(&STEPS, (key.verifying_key().to_bytes(), format!("{draft:?}")), || sign_step(key, draft, &ctx()).ok())
}

fn sign_agreement_cached(key: &SigningKey, input: Vec<u8>) -> [u8; 64] {
    cached(&AGREEMENT_SIGNATURES, (key.verifying_key().to_bytes(), input.clone()), || key.sign(&input).to_bytes())
}

/// The thread of the seeds: every link kind, the three signatures, a
/// credential at completion and its recognition.
pub fn happy_path() -> Vec<u8> {
    let ops: [[u8; CHUNK]; 9] = [
        [0; 8],                   // interest (the vector's)
        [1, 0, 0, 0, 0, 0, 0, 0], // nomination
        [2, 0, 0, 0, 0, 0, 0, 0], // acceptance
        [4, 0, 0, 0, 0, 0, 0, 0], // agreement
        [8, 0, 0, 0, 0, 0, 0, 0], // the learner's signature
        [8, 0, 0, 0, 0, 1, 0, 0], // the school's
        [8, 0, 0, 0, 0, 2, 0, 0], // the host's
        [5, 0, 0, 0, 0, 0, 0, 0], // completion with a credential
        [6, 0, 0, 0, 0, 0, 0, 0], // recognition of it
    ];
    ops.concat()
}

/// What [`run`] did.
pub struct Run {
    pub thread: Option<Thread>,
    /// Every step signed, in order, whether or not the thread took it.
    pub steps: Vec<VerifiedStep>,
    /// How many of them the thread took.
    pub taken: usize,
    /// The thread after each operation (only with `keep_states`).
    pub states: Vec<Thread>,
}

/// Reads `data` as operations on a thread (see the module documentation);
/// panics if an invariant breaks.
pub fn run(data: &[u8], keep_states: bool) -> Run {
    let keys = Keys::new();
    let mut ops = data.chunks(CHUNK).take(1 + MAX_OPS).map(|chunk| {
        let mut op = [0u8; CHUNK];
        op[..chunk.len()].copy_from_slice(chunk);
        op
    });
    let mut run = Run { thread: None, steps: Vec::new(), taken: 0, states: Vec::new() };
    let Some(first) = ops.next() else { return run };
    let Some(interest) = interest(&keys, &first) else { return run };
    let mut thread = Thread::start(NET, interest.clone()).expect("every interest that opens starts a thread");
    assert_eq!(thread.id, interest.payload.thread);
    assert_eq!((thread.school, thread.host), (interest.author, interest.to));
    assert_eq!((thread.links(), thread.head()), (&[interest.clone()][..], interest.hash));
    assert!(thread.signatures().is_empty());
    assert!(thread.check(&interest).is_err(), "the interest cannot join its own thread again");
    invariants(&thread);
    run.steps.push(interest);
    run.taken = 1;
    if keep_states {
        run.states.push(thread.clone());
    }

    for op in ops {
        match op[0] % OPS {
            OP_TRUNCATE => truncate(&mut thread, op[1] as usize),
            OP_REPLAY => {
                let step = run.steps[op[1] as usize % run.steps.len()].clone();
                if apply(&mut thread, step) {
                    run.taken += 1;
                }
            }
            kind => {
                let kind = StepKind::ALL[kind as usize];
                if let Some(step) = step(&keys, &thread, kind, &op) {
                    assert_eq!(step.kind(), kind);
                    if kind != StepKind::Interest {
                        assert!(Thread::start(NET, step.clone()).is_err(), "only an interest starts a thread");
                    }
                    run.steps.push(step.clone());
                    if apply(&mut thread, step) {
                        run.taken += 1;
                    }
                }
            }
        }
        if keep_states {
            run.states.push(thread.clone());
        }
    }
    run.thread = Some(thread);
    run
}

/// What a thread holds, to compare before and after.
#[derive(Debug, PartialEq)]
struct Snapshot {
    links: Vec<RecordHash>,
    signatures: Vec<RecordHash>,
    status: ThreadStatus,
    next: [Vec<StepKind>; 2],
}

impl Snapshot {
    fn of(thread: &Thread) -> Self {
        Self {
            links: thread.links().iter().map(|s| s.hash).collect(),
            signatures: thread.signatures().iter().map(|s| s.hash).collect(),
            status: thread.status(),
            next: [thread.next_steps(Party::School), thread.next_steps(Party::Host)],
        }
    }
}

/// Pushes `step` into `thread`: the push must do exactly what `check` says,
/// leave the thread as it was when refused, and keep the invariants when
/// taken. Returns whether it was taken.
pub fn apply(thread: &mut Thread, step: VerifiedStep) -> bool {
    let before = Snapshot::of(thread);
    let checked = thread.check(&step);
    let pushed = thread.push(step.clone());
    assert_eq!(pushed, checked, "push takes exactly the steps check allows");
    if let Err(refusal) = pushed {
        if let StepRefusal::NotAtHead { head } = refusal {
            assert_eq!(head, thread.head());
        }
        assert_eq!(Snapshot::of(thread), before, "a refused step leaves the thread as it was");
        return false;
    }
    let party = thread.party_of(&step.author).expect("only a party's step is taken");
    assert_eq!(step.to, thread.counterpart(party), "a step taken is addressed to the other party");
    assert_eq!(step.payload.thread, thread.id);
    let after = Snapshot::of(thread);
    match step.kind() {
        StepKind::Erasure => assert_eq!(after, before, "an erasure is no link and no signature"),
        StepKind::Signature => {
            assert_eq!(before.status, ThreadStatus::Agreeing, "signatures are taken while agreeing");
            assert_eq!(after.links, before.links);
            assert_eq!(after.signatures, [&before.signatures[..], &[step.hash]].concat());
            assert!(matches!(after.status, ThreadStatus::Agreeing | ThreadStatus::Agreed));
        }
        kind => {
            let allowed = &before.next[party_index(party)];
            assert!(allowed.contains(&kind), "a {kind} by the {party:?} was taken, but only {allowed:?} were allowed");
            assert_eq!(after.links, [&before.links[..], &[step.hash]].concat());
            assert_eq!(after.signatures, before.signatures);
            assert_eq!(thread.head(), step.hash);
        }
    }
    invariants(thread);
    true
}

fn party_index(party: Party) -> usize {
    match party {
        Party::School => 0,
        Party::Host => 1,
    }
}

/// Drops the links from `at % (len + 2)` on: exactly min(k, len) links stay,
/// the first ones, and the signatures of agreements that are gone go too.
fn truncate(thread: &mut Thread, at: usize) {
    let len = thread.links().len();
    let k = at % (len + 2);
    let links: Vec<RecordHash> = thread.links().iter().map(|s| s.hash).collect();
    let signatures = thread.signatures().to_vec();
    let dropped = thread.truncate(k);
    let kept = k.min(len);
    assert_eq!(thread.links().len(), kept, "truncate({k}) of {len} links");
    assert_eq!(thread.links().iter().map(|s| s.hash).collect::<Vec<_>>(), links[..kept]);
    let dropped_links: Vec<RecordHash> = dropped.iter().take(len - kept).map(|s| s.hash).collect();
    assert_eq!(dropped_links, links[kept..], "truncate returns the links it dropped, in order");
    let keeps = |s: &VerifiedStep| match &s.body {
        StepBody::Signature(b) => links[..kept].iter().any(|h| h.0[..] == b.agreement[..]),
        _ => panic!("a thread's signatures are signature steps"),
    };
    let (kept_signatures, orphaned): (Vec<_>, Vec<_>) = signatures.into_iter().partition(keeps);
    assert_eq!(thread.signatures(), &kept_signatures[..], "signatures of kept agreements stay, in order");
    assert_eq!(&dropped[len - kept..], &orphaned[..], "the signatures of dropped agreements are returned");
    invariants(thread);
}

/// What holds of every thread: the links chain by hash from the interest,
/// every step is between the two parties, signatures sign agreements of the
/// chain once per role, and `status` and `next_steps` agree with the table
/// of `thread.rs`.
pub fn invariants(thread: &Thread) {
    let links = thread.links();
    for (i, link) in links.iter().enumerate() {
        assert_eq!(link.payload.n, Some(i as u32), "link {i} says n = {:?}", link.payload.n);
        let prev = if i == 0 { None } else { Some(links[i - 1].hash) };
        assert_eq!(link.prev(), prev, "link {i} names the hash of link {}", i.wrapping_sub(1));
        assert!(link.kind().is_link());
        assert_eq!(link.kind() == StepKind::Interest, i == 0, "exactly the first link is the interest");
        assert_eq!(thread.position(&link.hash), Some(i));
        assert_eq!(link.payload.thread, thread.id);
        between_parties(thread, link);
    }
    if let Some(first) = links.first() {
        assert_eq!((first.author, first.to), (thread.school, thread.host), "the school opened the thread");
    }
    assert_eq!(thread.head(), links.last().map_or(RecordHash([0; 32]), |s| s.hash));

    let mut seen: Vec<(&[u8], SignerRole)> = Vec::new();
    for signature in thread.signatures() {
        between_parties(thread, signature);
        let StepBody::Signature(body) = &signature.body else { panic!("a signature step is held as a signature") };
        assert!(
            links.iter().any(|l| l.kind() == StepKind::Agreement && l.hash.0[..] == body.agreement[..]),
            "a signature held signs an agreement of the chain"
        );
        assert!(!seen.contains(&(&body.agreement[..], body.role)), "one {} signature per agreement", body.role);
        seen.push((&body.agreement[..], body.role));
    }

    let status = model_status(thread);
    assert_eq!(thread.status(), status);
    let school = thread.next_steps(Party::School);
    let host = thread.next_steps(Party::Host);
    // Which signatures of the current agreement are still to give.
    let unsigned = |role: SignerRole| {
        thread.current_agreement().is_some_and(|a| {
            !thread
                .signatures()
                .iter()
                .any(|s| matches!(&s.body, StepBody::Signature(b) if b.role == role && b.agreement[..] == a.hash.0))
        })
    };
    let school_may_sign = unsigned(SignerRole::School) || unsigned(SignerRole::Learner);
    let host_may_sign = unsigned(SignerRole::Host);
    assert_eq!(
        school,
        model_next(status, Party::School, school_may_sign),
        "the school's next steps when {}",
        status.as_str()
    );
    assert_eq!(host, model_next(status, Party::Host, host_may_sign), "the host's next steps when {}", status.as_str());
    assert_eq!(status.is_closed(), school.is_empty() && host.is_empty(), "closed exactly when nobody may act");
    assert!(!school.iter().chain(&host).any(|k| matches!(k, StepKind::Interest | StepKind::Erasure)));
    if thread.current_agreement().is_some_and(|a| thread.signatures_of(&a.hash).is_complete()) {
        assert_ne!(status, ThreadStatus::Agreeing);
    }
}

fn between_parties(thread: &Thread, step: &VerifiedStep) {
    let party = thread.party_of(&step.author).expect("every step held is by a party");
    assert_eq!(step.to, thread.counterpart(party));
}

/// The status from the last link, written out again from `thread.rs`.
fn model_status(thread: &Thread) -> ThreadStatus {
    let Some(last) = thread.links().last() else { return ThreadStatus::Interested };
    match last.kind() {
        StepKind::Interest => ThreadStatus::Interested,
        StepKind::Nomination => ThreadStatus::Nominated,
        StepKind::Acceptance => ThreadStatus::Accepted,
        StepKind::Refusal => ThreadStatus::Refused,
        StepKind::Agreement => {
            let signed = |role| {
                thread.signatures().iter().any(
                    |s| matches!(&s.body, StepBody::Signature(b) if b.role == role && b.agreement[..] == last.hash.0),
                )
            };
            if [SignerRole::Learner, SignerRole::School, SignerRole::Host].into_iter().all(signed) {
                ThreadStatus::Agreed
            } else {
                ThreadStatus::Agreeing
            }
        }
        StepKind::Completion => ThreadStatus::Completed,
        StepKind::Recognition => ThreadStatus::Recognised,
        StepKind::Cancellation => ThreadStatus::Cancelled,
        StepKind::Signature | StepKind::Erasure => panic!("a {} is never a link", last.kind()),
    }
}

/// The table of `thread.rs`: who may take which step in which status.
fn model_next(status: ThreadStatus, party: Party, may_sign: bool) -> Vec<StepKind> {
    use Party::*;
    use StepKind::*;
    use ThreadStatus as S;
    match (status, party) {
        (S::Interested, School) => vec![Nomination, Cancellation],
        (S::Interested, Host) => vec![Refusal, Cancellation],
        (S::Nominated, School) => vec![Cancellation],
        (S::Nominated, Host) => vec![Acceptance, Refusal, Cancellation],
        (S::Accepted, _) => vec![Agreement, Cancellation],
        (S::Agreeing, _) if may_sign => vec![Signature, Agreement, Cancellation],
        (S::Agreeing, _) => vec![Agreement, Cancellation],
        (S::Agreed, School) => vec![Agreement, Cancellation],
        (S::Agreed, Host) => vec![Completion, Agreement, Cancellation],
        (S::Completed, School) => vec![Recognition],
        (S::Completed, Host) => vec![],
        (S::Refused | S::Recognised | S::Cancelled, _) => vec![],
    }
}

fn pick<T: Clone>(choices: &[T], byte: u8) -> T {
    choices[byte as usize % choices.len()].clone()
}

fn text(choice: u8, choices: &[Option<&str>]) -> Option<String> {
    pick(choices, choice).map(str::to_owned)
}

/// Messages: absent, a line, several lines, blank (invalid), too long (invalid).
fn message(byte: u8) -> Option<String> {
    match byte % 5 {
        0 => None,
        1 => Some("Welcome".into()),
        2 => Some("Line one\nline two\twith a tab, ümlauts".into()),
        3 => Some(" \n ".into()),
        _ => Some("x".repeat(MAX_MESSAGE_CHARS + 1)),
    }
}

/// The interest that opens the thread (`op`, `who`, `to`, `chain` choose the
/// author, the receiver, the thread id and n/prev).
fn interest(keys: &Keys, op: &[u8; CHUNK]) -> Option<VerifiedStep> {
    let [_, who, to, chain, f0, f1, f2, f3] = *op;
    let author = pick(&keys.institutions(), who);
    let to = match to % 4 {
        0 if *author == keys.school => id_of(&keys.host),
        0 => id_of(&keys.school),
        1 => id_of(author),
        2 => id_of(&keys.outsider),
        _ => id_of(&keys.host),
    };
    let thread = pick(&[THREAD, OTHER_THREAD, "m-0123456789ABCDEF01234567", THREAD], chain);
    let (n, prev) = match (chain >> 2) % 4 {
        0 => (Some(0), None),
        1 => (Some(1), Some(RecordHash([1; 32]))),
        2 => (None, None),
        _ => (Some(0), Some(RecordHash([1; 32]))),
    };
    let body = interest_body([f0, f1, f2, f3]);
    sign_cached(author, thread, n, prev, to, TS, StepBody::Interest(body))
}

fn interest_body([f0, f1, f2, f3]: [u8; 4]) -> InterestBody {
    InterestBody {
        offer: match f0 % 4 {
            0 => OFFER.into(),
            1 => "x".into(),
            2 => "welding 2027".into(),
            _ => "x".repeat(65),
        },
        need: text(f3, &[None, Some("spring-2027"), Some("")]),
        learners: if f1 == 0 { 2 } else { u32::from(f1) * 5 },
        message: match f2 % 4 {
            0 => Some(INTEREST_MESSAGE.into()),
            _ => message(f2 / 4),
        },
    }
}

/// A step of `kind` for `thread`: by default by the party that may take it,
/// to the other party, at the head of the chain, with valid fields; the
/// bytes of `op` change any of that.
fn step(keys: &Keys, thread: &Thread, kind: StepKind, op: &[u8; CHUNK]) -> Option<VerifiedStep> {
    let [_, who, to, chain, f0, f1, f2, f3] = *op;
    let role = pick(&[SignerRole::Learner, SignerRole::School, SignerRole::Host], f1);
    let party = match kind {
        StepKind::Acceptance | StepKind::Refusal | StepKind::Completion => Party::Host,
        StepKind::Signature if role == SignerRole::Host => Party::Host,
        _ => Party::School,
    };
    let other = match party {
        Party::School => Party::Host,
        Party::Host => Party::School,
    };
    let party_key = |party| match party {
        Party::School => keys.by_id(&thread.school),
        Party::Host => keys.by_id(&thread.host),
    };
    let author = match who % 4 {
        1 => party_key(other),
        2 => &keys.outsider,
        _ => party_key(party),
    };
    let author_id = id_of(author);
    let to = match to % 8 {
        1 => author_id,
        2 => id_of(&keys.outsider),
        3 => thread.school,
        4 => thread.host,
        _ => match thread.party_of(&author_id) {
            Some(p) => thread.counterpart(p),
            None => thread.host,
        },
    };

    let len = thread.links().len() as u32;
    let head = (len > 0).then(|| thread.head());
    let (mut n, mut prev) = if kind.is_link() { (Some(len), head) } else { (None, None) };
    let mut id = thread.id.as_str();
    let mut ts = TS;
    match chain % 16 {
        1 => (n, prev) = (Some(len + 1), head),
        2 => n = Some(len.saturating_sub(1)),
        3 if len > 0 => prev = Some(thread.links()[(chain >> 4) as usize % len as usize].hash),
        4 => prev = Some(RecordHash([chain; 32])),
        5 => prev = None,
        6 => n = None,
        7 => id = OTHER_THREAD,
        8 => ts = NOW + 601,
        9 => ts = 0,
        _ => {}
    }

    let body = match kind {
        StepKind::Interest => StepBody::Interest(interest_body([f0, f1, f2, f3])),
        StepKind::Nomination => StepBody::Nomination(Box::new(nomination(keys, [f0, f1, f2, f3]))),
        StepKind::Acceptance => StepBody::Acceptance(AcceptanceBody { message: message(f0) }),
        StepKind::Refusal => {
            StepBody::Refusal(RefusalBody { reason: pick(RefusalReason::ALL, f0), message: message(f1) })
        }
        StepKind::Agreement => StepBody::Agreement(Box::new(agreement([f0, f1, f2, f3]))),
        StepKind::Completion => StepBody::Completion(Box::new(completion(thread, [f0, f1, f2, f3]))),
        StepKind::Recognition => StepBody::Recognition(recognition(thread, [f0, f1, f2, f3])),
        StepKind::Cancellation => StepBody::Cancellation(CancellationBody {
            reason: match f0 % 4 {
                0 => "The learner is ill".into(),
                1 => "Kein Platz mehr:\nWerkstatt geschlossen".into(),
                2 => String::new(),
                _ => "x".repeat(MAX_MESSAGE_CHARS + 1),
            },
        }),
        StepKind::Signature => StepBody::Signature(signature(keys, thread, role, [f0, f1, f2, f3])),
        StepKind::Erasure => StepBody::Erasure(ErasureBody {
            reason: text(f0, &[None, Some("The learner asked for it"), Some("\u{0}")]),
        }),
    };
    sign_cached(author, id, n, prev, to, ts, body)
}

fn nomination(keys: &Keys, [f0, f1, f2, f3]: [u8; 4]) -> NominationBody {
    let (given, family) =
        pick(&[("Elin", "Svensson"), ("Élodie", "Ørsted-Müller"), ("", "Svensson"), ("Elin", "Svens\nson")], f1);
    let (birth, start, end) = pick(
        &[
            ("2008-04-02", "2027-03-01", "2027-04-30"),
            ("2010-12-31", "2027-03-01", "2027-03-01"),
            ("2008-04-02", "2027-03-01", "2027-02-28"),
            ("2008-02-30", "2027-03-01", "2027-04-30"),
        ],
        f2,
    );
    NominationBody {
        learner: Learner {
            given_name: given.into(),
            family_name: family.into(),
            birth_date: birth.into(),
            email: text(f3 >> 3, &[Some("elin@example.se"), None, Some("elin.example.se")]),
            languages: match (f3 >> 5) % 4 {
                0 => vec![LanguageRequirement { lang: "en".into(), cefr: Some("B1".into()) }],
                1 => vec![],
                2 => vec![LanguageRequirement { lang: "EN".into(), cefr: None }],
                _ => vec![LanguageRequirement { lang: "de".into(), cefr: Some("D1".into()) }],
            },
            qualification: Some("Welder".into()),
            eqf: pick(&[Some(4), None, Some(9), Some(0)], f3 >> 1),
        },
        learner_key: match f0 % 4 {
            0 => id_of(&keys.learner).to_did(),
            1 => id_of(&keys.school).to_did(),
            2 => id_of(&keys.outsider).to_did(),
            _ => "did:key:z6Mk".into(),
        },
        key_custody: pick(&[KeyCustody::Learner, KeyCustody::School], f3),
        start: start.into(),
        end: end.into(),
        message: message(f0 >> 2),
    }
}

fn unit(i: usize, skill: bool) -> Unit {
    Unit {
        title: format!("Unit {i}"),
        outcomes: vec![format!("Outcome {i}")],
        esco_skills: if skill {
            vec!["http://data.europa.eu/esco/skill/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f".into()]
        } else {
            vec![]
        },
        hours: if i == 0 { Some(120) } else { None },
    }
}

fn agreement([f0, f1, f2, f3]: [u8; 4]) -> AgreementBody {
    let units = pick(&[2, 1, 3, 0, MAX_UNITS + 1], f0);
    let (start, end) = pick(
        &[
            ("2027-03-01", "2027-04-30"),
            ("2027-03-15", "2027-05-15"),
            ("2027-03-01", "2027-02-01"),
            ("2027-3-1", "2027-04-30"),
        ],
        f2,
    );
    AgreementBody {
        start: start.into(),
        end: end.into(),
        hours_per_week: pick(&[Some(38), None, Some(0), Some(61)], f3),
        units: (0..units).map(|i| unit(i, f0 & 0x80 != 0)).collect(),
        tasks: (0..pick(&[1, 2, 0], f1)).map(|i| format!("Task {i}")).collect(),
        mentor: Mentor {
            name: "Jonas Weber".into(),
            email: text(f1 >> 2, &[Some("jonas@host.example.de"), None, Some("jonas@")]),
        },
        assessment: "Observation by the mentor".into(),
        recognition: "Counts as course SVE01".into(),
        insurance: match (f3 >> 2) % 5 {
            0 => Some(InsuranceCover::SendingSchool),
            1 => None,
            i => Some(InsuranceCover::ALL[i as usize - 2]),
        },
        note: text(f3 >> 5, &[None, Some("Amended: two more weeks"), Some("")]),
    }
}

/// The hashes of the current agreement's signatures held, learner, school,
/// host (missing ones as a made-up hash).
fn held_signatures(thread: &Thread) -> Vec<RecordHash> {
    let signed = thread.current_agreement().map(|a| thread.signatures_of(&a.hash)).unwrap_or_default();
    [signed.learner, signed.school, signed.host]
        .into_iter()
        .map(|s| s.map_or(RecordHash([9; 32]), |s| s.hash))
        .collect()
}

fn completion(thread: &Thread, [f0, f1, f2, f3]: [u8; 4]) -> CompletionBody {
    let mut signatures = held_signatures(thread);
    match f0 % 5 {
        1 => signatures.reverse(),
        2 => signatures[(f0 >> 3) as usize % 3] = RecordHash([8; 32]),
        3 => signatures.truncate(2),
        4 => signatures = vec![signatures[0]; 3],
        _ => {}
    }
    let mut units: Vec<u32> = (0..5).filter(|i| f1 & (1 << i) != 0).collect();
    if units.is_empty() {
        units.push(0);
    }
    let (start, end) = pick(&[("2027-03-01", "2027-04-30"), ("2027-03-01", "2027-02-28")], f3);
    CompletionBody {
        start: start.into(),
        end: end.into(),
        units: units
            .into_iter()
            .map(|unit| UnitAssessment {
                unit,
                result: pick(UnitResult::ALL, f1 >> 5),
                note: text(f1 >> 6, &[None, Some("Good work")]),
            })
            .collect(),
        assessment: "Welds to the standard".into(),
        hours: pick(&[Some(300), None, Some(0)], f3 >> 1),
        signatures: signatures.into_iter().map(|h| serde_bytes::ByteBuf::from(h.0.to_vec())).collect(),
        credential: match f2 % 4 {
            0 => Some(CREDENTIAL),
            1 => None,
            2 => Some(OTHER_CREDENTIAL),
            _ => Some("urn:uuid:nope"),
        }
        .map(|id| CredentialReference {
            id: id.into(),
            achievement: "welding-basics".into(),
            document: (f2 & 0x10 != 0).then(|| "{\"type\": [\"VerifiableCredential\"]}".into()),
        }),
    }
}

fn recognition(thread: &Thread, [f0, f1, f2, f3]: [u8; 4]) -> RecognitionBody {
    let issued = thread.completion().and_then(|c| match &c.body {
        StepBody::Completion(c) => c.credential.as_ref().map(|r| r.id.clone()),
        _ => None,
    });
    RecognitionBody {
        decision: pick(RecognitionDecision::ALL, f0),
        units: (0..6).filter(|i| f1 & (1 << i) != 0).collect(),
        credential: match f2 % 5 {
            0 => issued,
            1 => None,
            2 => Some(CREDENTIAL.into()),
            3 => Some(OTHER_CREDENTIAL.into()),
            _ => Some("urn:uuid:nope".into()),
        },
        note: text(f3, &[None, Some("Counts as SVE01"), Some(" ")]),
    }
}

fn signature(keys: &Keys, thread: &Thread, role: SignerRole, [f0, _, f2, f3]: [u8; 4]) -> SignatureBody {
    let links = thread.links();
    let agreement = match f0 % 5 {
        0 => thread.current_agreement().map(|a| a.hash),
        1 => links.iter().find(|l| l.kind() == StepKind::Agreement).map(|a| a.hash),
        2 => Some(thread.head()),
        3 => None,
        _ => links.get((f0 >> 3) as usize % links.len().max(1)).map(|l| l.hash),
    }
    .unwrap_or(RecordHash([7; 32]));
    let right = match role {
        SignerRole::Learner => &keys.learner,
        SignerRole::School => keys.by_id(&thread.school),
        SignerRole::Host => keys.by_id(&thread.host),
    };
    let signer = match f2 % 4 {
        1 => &keys.learner,
        2 => &keys.outsider,
        3 if role == SignerRole::Host => keys.by_id(&thread.school),
        3 => keys.by_id(&thread.host),
        _ => right,
    };
    let input = match f3 % 5 {
        1 => agreement_signing_input(NET, &thread.id, &RecordHash([7; 32])),
        3 => agreement_signing_input("other", &thread.id, &agreement),
        4 => agreement_signing_input(NET, OTHER_THREAD, &agreement),
        _ => agreement_signing_input(NET, &thread.id, &agreement),
    };
    let mut signature = sign_agreement_cached(signer, input);
    if f3 % 5 == 2 {
        signature[(f3 >> 3) as usize % 64] ^= 1;
    }
    let did = id_of(signer).to_did();
    SignatureBody {
        agreement: serde_bytes::ByteBuf::from(agreement.0.to_vec()),
        role,
        signer: match (f3 >> 5) % 3 {
            1 => format!("{did}#key-1"),
            2 => id_of(&keys.outsider).to_did(),
            _ => did,
        },
        signature: serde_bytes::ByteBuf::from(signature.to_vec()),
    }
}
