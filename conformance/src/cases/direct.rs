//! Direct messages: mobility steps, receipts and letters
//! (`docs/PROTOCOL.md` "Step envelope", "Step payload", "Receipts",
//! "Letters").

use ciborium::Value;
use sha2::{Digest, Sha256};

use super::{TS, case, signed};
use crate::case::{Case, Input};
use crate::cbor::{self, deterministic, text};
use crate::keys::TestKey;
use crate::sign::{self, LETTER_CONTENT_TYPE, RECEIPT_CONTENT_TYPE, STEP_CONTENT_TYPE};

const THREAD: &str = "m-0123456789abcdef01234567";
const LETTER_ID: &str = "l-0123456789abcdef01234567";

fn bytes(b: &[u8]) -> Value {
    Value::Bytes(b.to_vec())
}

fn int(n: u64) -> Value {
    Value::Integer(n.into())
}

/// A step payload of kind `step` from the test 1 key (the school) to the
/// test 2 key (the host).
fn step_payload(step: &str, n: Option<u64>, prev: Option<[u8; 32]>, body: Value) -> Value {
    let mut entries = vec![
        (text("v"), int(1)),
        (text("net"), text(super::NETWORK)),
        (text("thread"), text(THREAD)),
        (text("step"), text(step)),
        (text("to"), bytes(TestKey::Test2.id().as_bytes())),
        (text("ts"), int(TS)),
        (text("body"), body),
    ];
    if let Some(n) = n {
        entries.push((text("n"), int(n)));
    }
    if let Some(prev) = prev {
        entries.push((text("prev"), bytes(&prev)));
    }
    Value::Map(entries)
}

fn interest_body() -> Value {
    Value::Map(vec![(text("offer"), text("welding-2027")), (text("learners"), int(2))])
}

fn step(key: TestKey, payload: &Value) -> Vec<u8> {
    sign::direct(&key.signing(), STEP_CONTENT_TYPE, &deterministic(payload))
}

fn interest() -> Vec<u8> {
    step(TestKey::Test1, &step_payload("interest", Some(0), None, interest_body()))
}

fn hash(b: &[u8]) -> [u8; 32] {
    Sha256::digest(b).into()
}

pub(super) fn cases() -> Vec<Case> {
    let mut cases = step_cases();
    cases.extend(receipt_and_letter_cases());
    cases
}

fn step_cases() -> Vec<Case> {
    let s = |id, description, bytes| case(id, "step", Input::Step, description, bytes);
    let mut to_self = step_payload("interest", Some(0), None, interest_body());
    cbor::set(&mut to_self, "to", bytes(TestKey::Test1.id().as_bytes()));
    let mut bad_thread = step_payload("interest", Some(0), None, interest_body());
    cbor::set(&mut bad_thread, "thread", text("m-XYZ"));
    let learner = Value::Map(vec![
        (text("given_name"), text("Alex")),
        (text("family_name"), text("Berg")),
        (text("birth_date"), text("2008-04-02")),
    ]);
    let nomination = Value::Map(vec![
        (text("learner"), learner),
        (text("learner_key"), text(&TestKey::Test3.id().to_did())),
        (text("key_custody"), text("school")),
        (text("start"), text("2027-03-10")),
        (text("end"), text("2027-03-01")),
    ]);
    let as_record = signed(TestKey::Test1, &step_payload("interest", Some(0), None, interest_body()));
    vec![
        s(
            "step-interest-valid",
            "An interest step of the school (test 1 key) to the host (test 2 key), opening a thread.",
            interest(),
        )
        .accept(),
        s("step-without-content-type", "An interest signed with a record's header (no content type).", as_record)
            .reject("protected", "a step must carry the content type application/vnd.vetnet.mobility-step+cbor"),
        s("step-to-self", "An interest addressed to its own author.", step(TestKey::Test1, &to_self))
            .reject("to", "must be the other institution, not the author"),
        s("step-bad-thread", "An interest with the thread id m-XYZ.", step(TestKey::Test1, &bad_thread))
            .reject("thread", "must be m- and 24 lower-case hex digits"),
        s(
            "step-interest-n-1",
            "An interest with n = 1.",
            step(TestKey::Test1, &step_payload("interest", Some(1), Some(hash(b"x")), interest_body())),
        )
        .reject("n", "must be 0 exactly in the interest that opens a thread"),
        s(
            "step-interest-with-prev",
            "An interest with a prev.",
            step(TestKey::Test1, &step_payload("interest", Some(0), Some(hash(b"x")), interest_body())),
        )
        .reject("prev", "must be absent in the first step"),
        s(
            "step-signature-with-n",
            "A signature step carrying n.",
            step(TestKey::Test1, &step_payload("signature", Some(3), Some(hash(b"x")), Value::Map(vec![]))),
        )
        .reject("n", "n and prev must be absent in a signature step"),
        s(
            "step-nomination-end-before-start",
            "A nomination whose end is before its start.",
            step(TestKey::Test1, &step_payload("nomination", Some(1), Some(hash(&interest())), nomination)),
        )
        .reject("body.end", "must not be before start"),
        s("step-from-the-future", "An interest 601 s ahead of the receiver's clock: answered retry.", interest())
            .now(TS - 601)
            .ignore("ts: the step is signed 601 s in the future"),
    ]
}

fn receipt_payload(status: &str, head: Option<Vec<u8>>) -> Value {
    let mut entries = vec![
        (text("v"), int(1)),
        (text("net"), text(super::NETWORK)),
        (text("step"), bytes(&hash(&interest()))),
        (text("status"), text(status)),
        (text("ts"), int(TS)),
    ];
    if let Some(head) = head {
        entries.push((text("head"), Value::Bytes(head)));
    }
    Value::Map(entries)
}

fn letter_payload(to: TestKey, id: &str) -> Value {
    Value::Map(vec![
        (text("v"), int(1)),
        (text("net"), text(super::NETWORK)),
        (text("kind"), text("network-application")),
        (text("id"), text(id)),
        (text("to"), bytes(to.id().as_bytes())),
        (text("ts"), int(TS)),
        (text("body"), Value::Map(vec![(text("motivation"), text("We train welders and want to host learners."))])),
    ])
}

fn receipt_and_letter_cases() -> Vec<Case> {
    let receipt = |p: &Value| sign::direct(&TestKey::Test2.signing(), RECEIPT_CONTENT_TYPE, &deterministic(p));
    let letter = |p: &Value| sign::direct(&TestKey::Test1.signing(), LETTER_CONTENT_TYPE, &deterministic(p));
    let head = hash(&interest()).to_vec();
    vec![
        case(
            "receipt-valid",
            "receipt",
            Input::Receipt,
            "The host's accepted receipt of the interest, head its hash.",
            receipt(&receipt_payload("accepted", Some(head.clone()))),
        )
        .accept(),
        case(
            "receipt-head-31",
            "receipt",
            Input::Receipt,
            "A receipt whose head is 31 bytes.",
            receipt(&receipt_payload("accepted", Some(head[..31].to_vec()))),
        )
        .reject("head", "must be the 32-byte hash of the receiver's last link"),
        case(
            "receipt-unknown-status",
            "receipt",
            Input::Receipt,
            "A receipt with the status \"maybe\".",
            receipt(&receipt_payload("maybe", None)),
        )
        .reject("status", "must be accepted, duplicate, refused, conflict or retry"),
        case(
            "letter-valid",
            "letter",
            Input::Letter,
            "A network application of the test 1 key to the test 2 key.",
            letter(&letter_payload(TestKey::Test2, LETTER_ID)),
        )
        .accept(),
        case(
            "letter-to-self",
            "letter",
            Input::Letter,
            "A letter addressed to its own author.",
            letter(&letter_payload(TestKey::Test1, LETTER_ID)),
        )
        .reject("to", "must be the other institution, not the author"),
        case(
            "letter-bad-id",
            "letter",
            Input::Letter,
            "A letter with the id l-1.",
            letter(&letter_payload(TestKey::Test2, "l-1")),
        )
        .reject("id", "must be l- and 24 lower-case hex digits"),
    ]
}
