//! The mobility protocol (`vetnet_protocol::mobility`): the step envelope,
//! every step kind's field rules, who may take which step when
//! (`Thread::check`), learning-agreement signatures, the hash chain, receipts,
//! and the test vectors `tests/vectors/mobility-interest.json` and
//! `mobility-receipt.json`.
//!
//! Real keys and real signatures throughout: a school, a host, a learner and
//! an outsider, each from a fixed seed.
//!
//! `VETNET_WRITE_VECTORS=1 cargo test -p vetnet-protocol --test mobility_rules`
//! rewrites the two vector files instead of comparing.

mod common;

use std::path::PathBuf;
use vetnet_protocol::letter::{
    ApplicationBody, LETTER_CONTENT_TYPE, LetterBody, LetterDraft, LetterKind, VerifiedLetter, sign_letter,
};

use ciborium::Value;
use common::{NET, NOW};
use coset::{CoseSign1Builder, HeaderBuilder, TaggedCborSerializable, iana};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::thread::{Party, StepRefusal, Thread, ThreadStatus};
use vetnet_protocol::mobility::{
    AGREEMENT_SIGNATURE_DOMAIN, MAX_RECEIPT_BYTES, MAX_STEP_BYTES, RECEIPT_CONTENT_TYPE, ReceiptStatus,
    STEP_CONTENT_TYPE, StepBody, StepDraft, StepKind, StepPayload, VerifiedReceipt, VerifiedStep,
    agreement_signing_input, direct_protocol, is_thread_id, sign_agreement, sign_receipt, sign_step,
};
use vetnet_protocol::offer::{InsuranceCover, LanguageRequirement};
use vetnet_protocol::{
    InstitutionId, InstitutionKey, Payload, RecordError, RecordHash, RecordKind, ValidationContext, ValidationError,
    VerifiedRecord,
};

const THREAD: &str = "m-00112233445566778899aabb";

fn ctx() -> ValidationContext<'static> {
    ValidationContext { network: NET, now: NOW }
}

// ----- the parties -----

/// The sending school: opens threads, nominates, recognises.
fn school() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&[21; 32])
}

/// The host of the offer.
fn host() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&[22; 32])
}

/// The learner's own signing key for the learning agreement.
fn learner() -> SigningKey {
    SigningKey::from_bytes(&[23; 32])
}

/// An institution that is no party of the thread.
fn outsider() -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&[24; 32])
}

fn did_of(key: &SigningKey) -> String {
    InstitutionId::from_bytes(key.verifying_key().to_bytes()).to_did()
}

// ----- bodies -----

fn interest_body() -> InterestBody {
    InterestBody { offer: "welding-2027".into(), need: None, learners: 2, message: Some("Two learners".into()) }
}

fn nomination_body() -> NominationBody {
    NominationBody {
        learner: Learner {
            given_name: "Elin".into(),
            family_name: "Svensson".into(),
            birth_date: "2008-04-02".into(),
            email: Some("elin@example.se".into()),
            languages: vec![LanguageRequirement { lang: "en".into(), cefr: Some("B1".into()) }],
            qualification: Some("Welder".into()),
            eqf: Some(4),
        },
        learner_key: did_of(&learner()),
        key_custody: KeyCustody::Learner,
        start: "2027-03-01".into(),
        end: "2027-04-30".into(),
        message: None,
    }
}

fn agreement_body() -> AgreementBody {
    AgreementBody {
        start: "2027-03-01".into(),
        end: "2027-04-30".into(),
        hours_per_week: Some(38),
        units: vec![
            Unit {
                title: "MIG/MAG welding".into(),
                outcomes: vec!["Welds steel plates in positions PA and PB".into()],
                esco_skills: vec![],
                hours: Some(120),
            },
            Unit {
                title: "Workshop safety".into(),
                outcomes: vec!["Works safely".into()],
                esco_skills: vec![],
                hours: None,
            },
        ],
        tasks: vec!["Prepares joints".into()],
        mentor: Mentor { name: "Jonas Weber".into(), email: Some("jonas@host.example.de".into()) },
        assessment: "Observation by the mentor".into(),
        recognition: "Counts as course SVE01".into(),
        insurance: Some(InsuranceCover::SendingSchool),
        note: None,
    }
}

fn completion_body(signatures: Vec<RecordHash>) -> CompletionBody {
    CompletionBody {
        start: "2027-03-01".into(),
        end: "2027-04-30".into(),
        units: vec![UnitAssessment { unit: 0, result: UnitResult::Achieved, note: None }],
        assessment: "Welds to the standard".into(),
        hours: Some(300),
        signatures: signatures.into_iter().map(|h| serde_bytes::ByteBuf::from(h.0.to_vec())).collect(),
        credential: None,
    }
}

fn recognition_body() -> RecognitionBody {
    RecognitionBody { decision: RecognitionDecision::Recognised, units: vec![0], credential: None, note: None }
}

fn cancellation_body() -> CancellationBody {
    CancellationBody { reason: "The learner is ill".into() }
}

// ----- signing and opening -----

fn draft(thread: &str, n: Option<u32>, prev: Option<RecordHash>, to: InstitutionId, body: StepBody) -> StepDraft {
    StepDraft { net: NET.into(), thread: thread.into(), n, prev, to, ts: NOW, body }
}

fn sign(key: &InstitutionKey, draft: StepDraft) -> Result<VerifiedStep, RecordError> {
    sign_step(key.signing_key(), draft, &ctx())
}

/// The interest that opens `THREAD`, school to host.
fn interest() -> VerifiedStep {
    sign(&school(), draft(THREAD, Some(0), None, host().id(), StepBody::Interest(interest_body()))).unwrap()
}

/// Signs any payload as a COSE_Sign1 with `content_type` (none: a record's
/// header), the way `sign_step` does, so malformed payloads can be tried.
fn sign_raw<T: Serialize>(key: &SigningKey, payload: &T, content_type: Option<&str>) -> Vec<u8> {
    let payload_bytes = vetnet_protocol::cbor::to_deterministic_vec(payload).unwrap();
    let mut header =
        HeaderBuilder::new().algorithm(iana::Algorithm::EdDSA).key_id(key.verifying_key().to_bytes().to_vec());
    if let Some(content_type) = content_type {
        header = header.content_type(content_type.to_owned());
    }
    CoseSign1Builder::new()
        .protected(header.build())
        .payload(payload_bytes)
        .create_signature(&[], |data| key.sign(data).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .unwrap()
}

/// The payload of a valid interest, to break one field at a time.
fn interest_payload() -> StepPayload {
    interest().payload
}

fn open_raw(payload: &StepPayload) -> Result<VerifiedStep, RecordError> {
    VerifiedStep::open(&sign_raw(school().signing_key(), payload, Some(STEP_CONTENT_TYPE)), &ctx())
}

#[track_caller]
fn assert_rule<T: std::fmt::Debug>(result: Result<T, RecordError>, field: &str) -> ValidationError {
    match result {
        Err(RecordError::Rule(rule)) => {
            assert_eq!(rule.field, field, "wrong field in {rule}");
            rule
        }
        other => panic!("expected a rule on {field}, got {other:?}"),
    }
}

/// `body` as the first step of a thread from the school: field rules only.
#[track_caller]
fn assert_body_rule(body: StepBody, field: &str) {
    let (n, prev) = match body.kind() {
        StepKind::Interest => (Some(0), None),
        kind if kind.is_link() => (Some(1), Some(interest().hash)),
        _ => (None, None),
    };
    assert_rule(sign(&school(), draft(THREAD, n, prev, host().id(), body)), field);
}

// ----- envelope and payload -----

#[test]
fn a_step_round_trips_and_is_what_was_signed() {
    let step = interest();
    assert_eq!(step.author, school().id());
    assert_eq!(step.to, host().id());
    assert_eq!(step.kind(), StepKind::Interest);
    assert_eq!(step.hash.0, <[u8; 32]>::from(Sha256::digest(&step.bytes)));
    assert_eq!(step.body, StepBody::Interest(interest_body()));
    assert_eq!(step.prev(), None);
    let payload = &step.payload;
    assert_eq!((payload.v, payload.net.as_str(), payload.thread.as_str()), (1, NET, THREAD));
    assert_eq!((payload.n, payload.ts), (Some(0), NOW));
    assert_eq!(payload.to.as_slice(), host().id().as_bytes());

    let opened = VerifiedStep::open(&step.bytes, &ctx()).unwrap();
    assert_eq!(opened, step);
    // Writing the same payload by hand gives the same bytes (Ed25519 is
    // deterministic), so the malformed payloads below differ only where meant.
    assert_eq!(sign_raw(school().signing_key(), &step.payload, Some(STEP_CONTENT_TYPE)), step.bytes);

    // Steps are deterministic, and a link names its predecessor's hash.
    let nomination = sign(
        &school(),
        draft(THREAD, Some(1), Some(step.hash), host().id(), StepBody::Nomination(Box::new(nomination_body()))),
    )
    .unwrap();
    assert_eq!(nomination.prev(), Some(step.hash));
    assert_eq!(nomination.bytes, VerifiedStep::open(&nomination.bytes, &ctx()).unwrap().bytes);
    assert_eq!(direct_protocol("bsr"), "/vetnet/bsr/direct/1");
}

#[test]
fn the_protected_header_names_the_step_content_type() {
    let step = interest();
    let kid = school().id();
    let mut expected = vec![0xa3, 0x01, 0x27, 0x03, 0x78, STEP_CONTENT_TYPE.len() as u8];
    expected.extend_from_slice(STEP_CONTENT_TYPE.as_bytes());
    expected.extend_from_slice(&[0x04, 0x58, 0x20]);
    expected.extend_from_slice(kid.as_bytes());
    let parts = take_apart(&step.bytes).unwrap();
    assert_eq!(parts.protected, expected);
    assert_eq!(&step.bytes[..4], &[0xd2, 0x84, 0x58, expected.len() as u8]);
}

#[test]
fn a_step_is_not_a_record_and_a_record_is_not_a_step() {
    let step = interest();
    assert!(matches!(VerifiedRecord::open(&step.bytes, &ctx()), Err(RecordError::Envelope(_))));

    let record = common::key().sign(&Payload::withdrawal(NET, RecordKind::Offer, "welding-2027", 2, NOW)).unwrap();
    assert!(VerifiedRecord::open(&record, &ctx()).is_ok());
    assert!(matches!(VerifiedStep::open(&record, &ctx()), Err(RecordError::Envelope(_))));
    // Nor is a step's payload under a record's header a step.
    let headerless = sign_raw(school().signing_key(), &step.payload, None);
    assert!(matches!(VerifiedStep::open(&headerless, &ctx()), Err(RecordError::Envelope(_))));

    // A receipt is not a step, and a step is not a receipt.
    let receipt =
        sign_receipt(host().signing_key(), NET, &step.hash, ReceiptStatus::Accepted, NOW, None, None).unwrap();
    assert!(matches!(VerifiedStep::open(&receipt, &ctx()), Err(RecordError::Envelope(_))));
    assert!(matches!(VerifiedReceipt::open(&step.bytes, NET), Err(RecordError::Envelope(_))));
    assert!(matches!(VerifiedRecord::open(&receipt, &ctx()), Err(RecordError::Envelope(_))));
}

#[test]
fn envelope_faults_are_refused() {
    let step = interest();

    // A flipped byte in the payload or the signature.
    let mut tampered = step.bytes.clone();
    let at = tampered.len() - 70;
    tampered[at] ^= 0x01;
    assert!(VerifiedStep::open(&tampered, &ctx()).is_err());
    let mut bad_signature = step.bytes.clone();
    *bad_signature.last_mut().unwrap() ^= 0x01;
    assert!(matches!(VerifiedStep::open(&bad_signature, &ctx()), Err(RecordError::BadSignature)));

    // Signed by someone else than the kid says: the host's signature under
    // the school's kid.
    let mut forged = step.bytes.clone();
    let host_signed = sign_raw(host().signing_key(), &step.payload, Some(STEP_CONTENT_TYPE));
    let n = forged.len();
    forged[n - 64..].copy_from_slice(&host_signed[host_signed.len() - 64..]);
    assert!(matches!(VerifiedStep::open(&forged, &ctx()), Err(RecordError::BadSignature)));

    // Not the preferred encoding: the signature's length head 58 40 as 59 00 40.
    let mut long_head = step.bytes[..n - 66].to_vec();
    long_head.extend_from_slice(&[0x59, 0x00, 0x40]);
    long_head.extend_from_slice(&step.bytes[n - 64..]);
    assert!(matches!(VerifiedStep::open(&long_head, &ctx()), Err(RecordError::Envelope(_))));

    // Anything after the envelope.
    let mut trailing = step.bytes.clone();
    trailing.push(0);
    assert!(VerifiedStep::open(&trailing, &ctx()).is_err());

    // Another header parameter (an IV) besides alg, kid and content type.
    let key = school();
    let payload = vetnet_protocol::cbor::to_deterministic_vec(&step.payload).unwrap();
    let extra = CoseSign1Builder::new()
        .protected(
            HeaderBuilder::new()
                .algorithm(iana::Algorithm::EdDSA)
                .key_id(key.id().as_bytes().to_vec())
                .content_type(STEP_CONTENT_TYPE.into())
                .iv(vec![1, 2, 3])
                .build(),
        )
        .payload(payload)
        .create_signature(&[], |data| key.signing_key().sign(data).to_bytes().to_vec())
        .build()
        .to_tagged_vec()
        .unwrap();
    assert!(matches!(VerifiedStep::open(&extra, &ctx()), Err(RecordError::Envelope(_))));
}

#[test]
fn a_step_over_the_size_limit_is_refused_before_anything_else() {
    let padded = |bytes: usize| {
        let mut value = Value::serialized(&interest_payload()).unwrap();
        if let Value::Map(entries) = &mut value {
            entries.push((Value::Text("padding".into()), Value::Bytes(vec![0; bytes])));
        }
        sign_raw(school().signing_key(), &value, Some(STEP_CONTENT_TYPE))
    };
    let fits = padded(MAX_STEP_BYTES - 1000);
    assert!(fits.len() <= MAX_STEP_BYTES);
    // Unknown top-level fields are ignored (and signed, so kept).
    assert!(VerifiedStep::open(&fits, &ctx()).is_ok());

    let over = padded(MAX_STEP_BYTES);
    assert!(matches!(
        VerifiedStep::open(&over, &ctx()),
        Err(RecordError::TooLarge { max, .. }) if max == MAX_STEP_BYTES
    ));
}

#[test]
fn payload_rules_name_their_field() {
    let mut p = interest_payload();
    p.v = 2;
    assert_rule(open_raw(&p), "v");

    let mut p = interest_payload();
    p.net = "other".into();
    assert_rule(open_raw(&p), "net");
    // The same step, opened by a node of another network.
    let other = ValidationContext { network: "other", now: NOW };
    assert_rule(VerifiedStep::open(&interest().bytes, &other), "net");

    for bad in ["m-00112233445566778899AABB", "m-00112233445566778899aab", "x-00112233445566778899aabb", ""] {
        let mut p = interest_payload();
        p.thread = bad.into();
        assert_rule(open_raw(&p), "thread");
    }
    assert!(is_thread_id(THREAD));

    let mut p = interest_payload();
    p.to = serde_bytes::ByteBuf::from(vec![7; 31]);
    assert_rule(open_raw(&p), "to");
    let mut p = interest_payload();
    p.to = serde_bytes::ByteBuf::from(school().id().as_bytes().to_vec());
    let rule = assert_rule(open_raw(&p), "to");
    assert!(rule.rule.contains("not the author"), "{rule}");

    let mut p = interest_payload();
    p.body = Value::Array(vec![]);
    assert_rule(open_raw(&p), "body");
    // A body that lacks a required field, or has one of the wrong type.
    let mut p = interest_payload();
    p.body = Value::Map(vec![(Value::Text("offer".into()), Value::Text("welding-2027".into()))]);
    let rule = assert_rule(open_raw(&p), "body.learners");
    assert_eq!(rule.rule, "is required");
    let mut p = interest_payload();
    p.body = Value::Map(vec![
        (Value::Text("offer".into()), Value::Text("welding-2027".into())),
        (Value::Text("learners".into()), Value::Text("two".into())),
    ]);
    let rule = assert_rule(open_raw(&p), "body.learners");
    assert_eq!(rule.rule, "must be a whole number from 0 to 4294967295 (got the text \"two\")");
    // An enumerated value not in its list.
    let refusal = sign(
        &host(),
        draft(
            THREAD,
            Some(1),
            Some(interest().hash),
            school().id(),
            StepBody::Refusal(RefusalBody { reason: RefusalReason::Dates, message: None }),
        ),
    )
    .unwrap();
    let mut p = refusal.payload.clone();
    p.body = Value::Map(vec![(Value::Text("reason".into()), Value::Text("busy".into()))]);
    let bytes = sign_raw(host().signing_key(), &p, Some(STEP_CONTENT_TYPE));
    let rule = assert_rule(VerifiedStep::open(&bytes, &ctx()), "body.reason");
    assert!(rule.rule.starts_with("must be one of `"), "{rule}");
    assert!(rule.rule.ends_with("(got `busy`)"), "{rule}");
    // An unknown step kind does not decode at all.
    let mut value: Value = ciborium::from_reader(take_apart(&interest().bytes).unwrap().payload.as_slice()).unwrap();
    if let Value::Map(entries) = &mut value {
        for (k, v) in entries.iter_mut() {
            if k.as_text() == Some("step") {
                *v = Value::Text("applause".into());
            }
        }
    }
    let bytes = sign_raw(school().signing_key(), &value, Some(STEP_CONTENT_TYPE));
    assert!(matches!(VerifiedStep::open(&bytes, &ctx()), Err(RecordError::Payload(_))));
}

#[test]
fn ts_may_be_at_most_600_seconds_ahead() {
    let mut p = interest_payload();
    p.ts = NOW + 600;
    assert!(open_raw(&p).is_ok());
    p.ts = NOW + 601;
    assert!(matches!(open_raw(&p), Err(RecordError::FromTheFuture { ahead_secs: 601, max_secs: 600 })));
    // No lower bound.
    p.ts = 0;
    assert!(open_raw(&p).is_ok());
}

#[test]
fn n_and_prev_are_present_exactly_in_links() {
    let head = interest().hash;
    let bytes = |h: RecordHash| Some(serde_bytes::ByteBuf::from(h.0.to_vec()));
    let with = |step: StepKind, body: Value, n: Option<u32>, prev: Option<serde_bytes::ByteBuf>| StepPayload {
        step,
        n,
        prev,
        body,
        ..interest_payload()
    };
    let interest_value = Value::serialized(&interest_body()).unwrap();
    let cancel_value = Value::serialized(&cancellation_body()).unwrap();
    let erasure_value = Value::serialized(&ErasureBody::default()).unwrap();

    // The interest: n = 0 and no prev.
    assert!(open_raw(&with(StepKind::Interest, interest_value.clone(), Some(0), None)).is_ok());
    assert_rule(open_raw(&with(StepKind::Interest, interest_value.clone(), Some(0), bytes(head))), "prev");
    assert_rule(open_raw(&with(StepKind::Interest, interest_value.clone(), Some(1), bytes(head))), "n");
    assert_rule(open_raw(&with(StepKind::Interest, interest_value.clone(), None, None)), "n");

    // Every later link: n ≥ 1 and a 32-byte prev.
    assert!(open_raw(&with(StepKind::Cancellation, cancel_value.clone(), Some(1), bytes(head))).is_ok());
    assert_rule(open_raw(&with(StepKind::Cancellation, cancel_value.clone(), Some(0), None)), "n");
    assert_rule(open_raw(&with(StepKind::Cancellation, cancel_value.clone(), None, bytes(head))), "n");
    assert_rule(open_raw(&with(StepKind::Cancellation, cancel_value.clone(), Some(1), None)), "prev");
    let short = Some(serde_bytes::ByteBuf::from(vec![0; 31]));
    assert_rule(open_raw(&with(StepKind::Cancellation, cancel_value.clone(), Some(1), short)), "prev");

    // Signatures and erasures are not links: neither n nor prev.
    assert!(open_raw(&with(StepKind::Erasure, erasure_value.clone(), None, None)).is_ok());
    assert_rule(open_raw(&with(StepKind::Erasure, erasure_value.clone(), Some(1), None)), "n");
    assert_rule(open_raw(&with(StepKind::Erasure, erasure_value.clone(), None, bytes(head))), "n");
    assert!(!StepKind::Signature.is_link() && !StepKind::Erasure.is_link());
    assert!(StepKind::ALL.iter().filter(|k| k.is_link()).count() == 8);
}

// ----- body rules, per kind -----

#[test]
fn interest_rules() {
    let with = |f: fn(&mut InterestBody)| {
        let mut body = interest_body();
        f(&mut body);
        StepBody::Interest(body)
    };
    assert_body_rule(with(|b| b.offer = "welding 2027".into()), "body.offer");
    assert_body_rule(with(|b| b.offer = "x".repeat(65)), "body.offer");
    assert_body_rule(with(|b| b.need = Some(String::new())), "body.need");
    assert_body_rule(with(|b| b.learners = 0), "body.learners");
    assert_body_rule(with(|b| b.learners = 1001), "body.learners");
    assert_body_rule(with(|b| b.message = Some("  ".into())), "body.message");
    assert_body_rule(with(|b| b.message = Some("x".repeat(MAX_MESSAGE_CHARS + 1))), "body.message");
    assert_body_rule(with(|b| b.message = Some("bell\u{7}".into())), "body.message");
    // Multi-line messages are fine, as are the limits themselves.
    let fine = with(|b| {
        b.message = Some(format!("line one\nline two\t{}", "x".repeat(MAX_MESSAGE_CHARS - 18)));
        b.learners = 1000;
        b.need = Some("spring-2027".into());
    });
    assert!(sign(&school(), draft(THREAD, Some(0), None, host().id(), fine)).is_ok());
}

#[test]
fn nomination_rules() {
    let with = |f: fn(&mut NominationBody)| {
        let mut body = nomination_body();
        f(&mut body);
        StepBody::Nomination(Box::new(body))
    };
    assert_body_rule(with(|b| b.learner.given_name = " ".into()), "body.learner.given_name");
    assert_body_rule(with(|b| b.learner.family_name = "Svens\nson".into()), "body.learner.family_name");
    assert_body_rule(with(|b| b.learner.family_name = "x".repeat(101)), "body.learner.family_name");
    assert_body_rule(with(|b| b.learner.birth_date = "2008-02-30".into()), "body.learner.birth_date");
    assert_body_rule(with(|b| b.learner.email = Some("elin.example.se".into())), "body.learner.email");
    assert_body_rule(with(|b| b.learner.languages[0].lang = "EN".into()), "body.learner.languages[0].lang");
    assert_body_rule(with(|b| b.learner.languages[0].cefr = Some("D1".into())), "body.learner.languages[0].cefr");
    assert_body_rule(
        with(|b| b.learner.languages = vec![LanguageRequirement { lang: "en".into(), cefr: None }; 17]),
        "body.learner.languages",
    );
    assert_body_rule(with(|b| b.learner.qualification = Some(String::new())), "body.learner.qualification");
    assert_body_rule(with(|b| b.learner.eqf = Some(9)), "body.learner.eqf");
    assert_body_rule(with(|b| b.learner.eqf = Some(0)), "body.learner.eqf");
    assert_body_rule(
        with(|b| b.learner_key = "z6MkiaMbhXHNA4eJVCCj8dbzKzTgYDKf6crKgHVHid1F1WCT".into()),
        "body.learner_key",
    );
    assert_body_rule(with(|b| b.learner_key = String::new()), "body.learner_key");
    assert_body_rule(with(|b| b.start = "2027-3-1".into()), "body.start");
    assert_body_rule(with(|b| b.end = "2027-02-28".into()), "body.end");
    assert_body_rule(with(|b| b.message = Some(String::new())), "body.message");
    // One day is a valid placement.
    let one_day = with(|b| b.end = b.start.clone());
    assert!(sign(&school(), draft(THREAD, Some(1), Some(interest().hash), host().id(), one_day)).is_ok());
}

#[test]
fn acceptance_refusal_cancellation_and_erasure_rules() {
    assert_body_rule(StepBody::Acceptance(AcceptanceBody { message: Some(" \n ".into()) }), "body.message");
    assert_body_rule(
        StepBody::Refusal(RefusalBody { reason: RefusalReason::NoCapacity, message: Some("x".repeat(2001)) }),
        "body.message",
    );
    assert_body_rule(StepBody::Cancellation(CancellationBody { reason: String::new() }), "body.reason");
    assert_body_rule(StepBody::Cancellation(CancellationBody { reason: "x".repeat(2001) }), "body.reason");
    assert_body_rule(StepBody::Erasure(ErasureBody { reason: Some("\u{0}".into()) }), "body.reason");
    // Empty bodies are valid where nothing is required.
    for body in [StepBody::Acceptance(AcceptanceBody::default()), StepBody::Erasure(ErasureBody::default())] {
        let (n, prev) = if body.kind().is_link() { (Some(1), Some(interest().hash)) } else { (None, None) };
        assert!(sign(&host(), draft(THREAD, n, prev, school().id(), body)).is_ok());
    }
}

#[test]
fn agreement_rules() {
    let with = |f: fn(&mut AgreementBody)| {
        let mut body = agreement_body();
        f(&mut body);
        StepBody::Agreement(Box::new(body))
    };
    assert_body_rule(with(|b| b.start = "01.03.2027".into()), "body.start");
    assert_body_rule(with(|b| b.end = "2027-02-01".into()), "body.end");
    assert_body_rule(with(|b| b.hours_per_week = Some(0)), "body.hours_per_week");
    assert_body_rule(with(|b| b.hours_per_week = Some(61)), "body.hours_per_week");
    assert_body_rule(with(|b| b.units.clear()), "body.units");
    assert_body_rule(with(|b| b.units = vec![b.units[0].clone(); MAX_UNITS + 1]), "body.units");
    assert_body_rule(with(|b| b.units[1].title = String::new()), "body.units[1].title");
    assert_body_rule(with(|b| b.units[0].outcomes.clear()), "body.units[0].outcomes");
    assert_body_rule(with(|b| b.units[0].outcomes = vec!["x".into(); 31]), "body.units[0].outcomes");
    assert_body_rule(with(|b| b.units[0].outcomes.push("x".repeat(501))), "body.units[0].outcomes[1]");
    assert_body_rule(
        with(|b| b.units[0].esco_skills = vec!["http://data.europa.eu/esco/skill/not-a-uuid".into()]),
        "body.units[0].esco_skills[0]",
    );
    assert_body_rule(with(|b| b.units[0].hours = Some(0)), "body.units[0].hours");
    assert_body_rule(with(|b| b.units[0].hours = Some(10_001)), "body.units[0].hours");
    assert_body_rule(with(|b| b.tasks.clear()), "body.tasks");
    assert_body_rule(with(|b| b.tasks = vec!["x".into(); MAX_TASKS + 1]), "body.tasks");
    assert_body_rule(with(|b| b.tasks[0] = " ".into()), "body.tasks[0]");
    assert_body_rule(with(|b| b.mentor.name = String::new()), "body.mentor.name");
    assert_body_rule(with(|b| b.mentor.email = Some("jonas@".into())), "body.mentor.email");
    assert_body_rule(with(|b| b.assessment = String::new()), "body.assessment");
    assert_body_rule(with(|b| b.recognition = "x".repeat(2001)), "body.recognition");
    assert_body_rule(with(|b| b.note = Some(String::new())), "body.note");
}

#[test]
fn completion_rules() {
    let hashes = vec![RecordHash([1; 32]), RecordHash([2; 32]), RecordHash([3; 32])];
    let with = |f: &dyn Fn(&mut CompletionBody)| {
        let mut body = completion_body(hashes.clone());
        f(&mut body);
        StepBody::Completion(Box::new(body))
    };
    assert_body_rule(with(&|b| b.start = String::new()), "body.start");
    assert_body_rule(with(&|b| b.end = "2027-01-01".into()), "body.end");
    assert_body_rule(with(&|b| b.units.clear()), "body.units");
    assert_body_rule(
        with(&|b| b.units = vec![UnitAssessment { unit: 0, result: UnitResult::Achieved, note: None }; 21]),
        "body.units",
    );
    assert_body_rule(
        with(&|b| b.units.push(UnitAssessment { unit: 0, result: UnitResult::NotAchieved, note: None })),
        "body.units[1].unit",
    );
    assert_body_rule(with(&|b| b.units[0].note = Some(String::new())), "body.units[0].note");
    assert_body_rule(with(&|b| b.assessment = " ".into()), "body.assessment");
    assert_body_rule(with(&|b| b.hours = Some(0)), "body.hours");
    assert_body_rule(with(&|b| b.signatures.truncate(2)), "body.signatures");
    assert_body_rule(with(&|b| b.signatures.push(serde_bytes::ByteBuf::from(vec![4; 32]))), "body.signatures");
    assert_body_rule(with(&|b| b.signatures[1] = serde_bytes::ByteBuf::from(vec![4; 31])), "body.signatures[1]");
    let credential = CredentialReference {
        id: "urn:uuid:3f2b8a3e-5b7c-4d1a-9e2f-0a1b2c3d4e5f".into(),
        achievement: "welding-basics".into(),
        document: Some("{}".into()),
    };
    let with_credential = |f: &dyn Fn(&mut CredentialReference)| {
        let mut credential = credential.clone();
        f(&mut credential);
        with(&move |b| b.credential = Some(credential.clone()))
    };
    assert_body_rule(with_credential(&|c| c.id = "3f2b8a3e-5b7c-4d1a-9e2f-0a1b2c3d4e5f".into()), "body.credential.id");
    assert_body_rule(
        with_credential(&|c| c.id = "urn:uuid:3F2B8A3E-5B7C-4D1A-9E2F-0A1B2C3D4E5F".into()),
        "body.credential.id",
    );
    assert_body_rule(with_credential(&|c| c.achievement = "no spaces".into()), "body.credential.achievement");
    assert_body_rule(
        with_credential(&|c| c.document = Some("x".repeat(MAX_CREDENTIAL_DOCUMENT_BYTES + 1))),
        "body.credential.document",
    );
    let fits = with_credential(&|c| c.document = Some("x".repeat(MAX_CREDENTIAL_DOCUMENT_BYTES)));
    assert!(sign(&host(), draft(THREAD, Some(1), Some(interest().hash), school().id(), fits)).is_ok());
}

#[test]
fn recognition_and_signature_rules() {
    let with = |f: fn(&mut RecognitionBody)| {
        let mut body = recognition_body();
        f(&mut body);
        StepBody::Recognition(body)
    };
    assert_body_rule(with(|b| b.units = (0..21).collect()), "body.units");
    assert_body_rule(with(|b| b.credential = Some("urn:uuid:nope".into())), "body.credential");
    assert_body_rule(with(|b| b.note = Some(" ".into())), "body.note");

    let signature = |f: fn(&mut SignatureBody)| {
        let mut body = SignatureBody {
            agreement: serde_bytes::ByteBuf::from(vec![5; 32]),
            role: SignerRole::School,
            signer: school().id().to_did(),
            signature: serde_bytes::ByteBuf::from(vec![6; 64]),
        };
        f(&mut body);
        StepBody::Signature(body)
    };
    assert_body_rule(signature(|b| b.agreement = serde_bytes::ByteBuf::from(vec![5; 33])), "body.agreement");
    assert_body_rule(signature(|b| b.signer = "did:key:z6Mk".into()), "body.signer");
    assert_body_rule(signature(|b| b.signature = serde_bytes::ByteBuf::from(vec![6; 63])), "body.signature");
    // The envelope rules hold; whether the signature verifies is the thread's business.
    assert!(sign(&school(), draft(THREAD, None, None, host().id(), signature(|_| {}))).is_ok());
}

// ----- the thread -----

/// A thread, and steps taken in it by a party.
struct Mobility {
    thread: Thread,
}

impl Mobility {
    fn start() -> Self {
        Self { thread: Thread::start(NET, interest()).unwrap() }
    }

    /// The next link by `by`, addressed to the other party.
    fn link(&self, by: &InstitutionKey, body: StepBody) -> VerifiedStep {
        let party = self.thread.party_of(&by.id()).expect("a party");
        let n = self.thread.links().len() as u32;
        let to = self.thread.counterpart(party);
        sign(by, draft(&self.thread.id, Some(n), Some(self.thread.head()), to, body)).unwrap()
    }

    #[track_caller]
    fn take(&mut self, by: &InstitutionKey, body: StepBody) -> VerifiedStep {
        let step = self.link(by, body);
        self.thread.push(step.clone()).unwrap_or_else(|e| panic!("{e:?}"));
        step
    }

    /// A signature step of the current agreement, sent by `by`.
    fn signature(&self, by: &InstitutionKey, role: SignerRole, signer: &SigningKey) -> VerifiedStep {
        let agreement = self.thread.current_agreement().expect("an agreement").hash;
        self.signature_of(by, role, signer, agreement, sign_agreement(signer, NET, &self.thread.id, &agreement))
    }

    fn signature_of(
        &self,
        by: &InstitutionKey,
        role: SignerRole,
        signer: &SigningKey,
        agreement: RecordHash,
        signature: [u8; 64],
    ) -> VerifiedStep {
        let party = self.thread.party_of(&by.id()).expect("a party");
        let body = SignatureBody {
            agreement: serde_bytes::ByteBuf::from(agreement.0.to_vec()),
            role,
            signer: did_of(signer),
            signature: serde_bytes::ByteBuf::from(signature.to_vec()),
        };
        sign(by, draft(&self.thread.id, None, None, self.thread.counterpart(party), StepBody::Signature(body))).unwrap()
    }

    #[track_caller]
    fn sign_all(&mut self) -> Vec<RecordHash> {
        let steps = [
            self.signature(&school(), SignerRole::Learner, &learner()),
            self.signature(&host(), SignerRole::Host, host().signing_key()),
            self.signature(&school(), SignerRole::School, school().signing_key()),
        ];
        steps
            .into_iter()
            .map(|s| {
                let hash = s.hash;
                self.thread.push(s).unwrap_or_else(|e| panic!("{e:?}"));
                hash
            })
            .collect()
    }

    fn current_signatures(&self) -> Vec<RecordHash> {
        let agreement = self.thread.current_agreement().expect("an agreement").hash;
        let signed = self.thread.signatures_of(&agreement);
        [signed.learner, signed.school, signed.host].into_iter().flatten().map(|s| s.hash).collect()
    }

    fn status(&self) -> ThreadStatus {
        self.thread.status()
    }
}

fn nominated() -> Mobility {
    let mut m = Mobility::start();
    m.take(&school(), StepBody::Nomination(Box::new(nomination_body())));
    m
}

fn accepted() -> Mobility {
    let mut m = nominated();
    m.take(&host(), StepBody::Acceptance(AcceptanceBody::default()));
    m
}

fn agreeing() -> Mobility {
    let mut m = accepted();
    m.take(&host(), StepBody::Agreement(Box::new(agreement_body())));
    m
}

fn agreed() -> Mobility {
    let mut m = agreeing();
    m.sign_all();
    m
}

fn completed(credential: Option<CredentialReference>) -> Mobility {
    let mut m = agreed();
    let mut body = completion_body(m.current_signatures());
    body.credential = credential;
    m.take(&host(), StepBody::Completion(Box::new(body)));
    m
}

/// Every link kind, by a fitting body for the thread.
fn body_for(kind: StepKind, m: &Mobility) -> StepBody {
    match kind {
        StepKind::Interest => StepBody::Interest(interest_body()),
        StepKind::Nomination => StepBody::Nomination(Box::new(nomination_body())),
        StepKind::Acceptance => StepBody::Acceptance(AcceptanceBody::default()),
        StepKind::Refusal => StepBody::Refusal(RefusalBody { reason: RefusalReason::NoCapacity, message: None }),
        StepKind::Agreement => StepBody::Agreement(Box::new(agreement_body())),
        StepKind::Completion => {
            let signed = if m.thread.current_agreement().is_some() { m.current_signatures() } else { vec![] };
            let mut pinned = signed;
            pinned.resize(3, RecordHash([9; 32]));
            StepBody::Completion(Box::new(completion_body(pinned)))
        }
        StepKind::Recognition => StepBody::Recognition(recognition_body()),
        StepKind::Cancellation => StepBody::Cancellation(cancellation_body()),
        StepKind::Signature | StepKind::Erasure => unreachable!("not links"),
    }
}

/// The table of docs/PROTOCOL.md, written out independently of `next_steps`.
fn allowed(status: ThreadStatus, party: Party, kind: StepKind) -> bool {
    use ThreadStatus::*;
    let open = matches!(status, Interested | Nominated | Accepted | Agreeing | Agreed);
    match kind {
        StepKind::Nomination => party == Party::School && status == Interested,
        StepKind::Acceptance => party == Party::Host && status == Nominated,
        StepKind::Refusal => party == Party::Host && matches!(status, Interested | Nominated),
        StepKind::Agreement => matches!(status, Accepted | Agreeing | Agreed),
        StepKind::Completion => party == Party::Host && status == Agreed,
        StepKind::Recognition => party == Party::School && status == Completed,
        StepKind::Cancellation => open,
        _ => false,
    }
}

#[test]
fn who_may_take_which_link_when() {
    let threads: Vec<(Mobility, ThreadStatus)> = vec![
        (Mobility::start(), ThreadStatus::Interested),
        (nominated(), ThreadStatus::Nominated),
        (accepted(), ThreadStatus::Accepted),
        (agreeing(), ThreadStatus::Agreeing),
        (agreed(), ThreadStatus::Agreed),
        (completed(None), ThreadStatus::Completed),
        (
            {
                let mut m = completed(None);
                m.take(&school(), StepBody::Recognition(recognition_body()));
                m
            },
            ThreadStatus::Recognised,
        ),
        (
            {
                let mut m = nominated();
                m.take(&host(), body_for(StepKind::Refusal, &m));
                m
            },
            ThreadStatus::Refused,
        ),
        (
            {
                let mut m = accepted();
                m.take(&school(), StepBody::Cancellation(cancellation_body()));
                m
            },
            ThreadStatus::Cancelled,
        ),
    ];
    let kinds = [
        StepKind::Nomination,
        StepKind::Acceptance,
        StepKind::Refusal,
        StepKind::Agreement,
        StepKind::Completion,
        StepKind::Recognition,
        StepKind::Cancellation,
    ];
    let mut allowed_count = 0;
    for (m, status) in &threads {
        assert_eq!(m.status(), *status);
        assert_eq!(
            status.is_closed(),
            matches!(status, ThreadStatus::Refused | ThreadStatus::Recognised | ThreadStatus::Cancelled)
        );
        for (party, key) in [(Party::School, school()), (Party::Host, host())] {
            let mut expected: Vec<StepKind> = kinds.iter().copied().filter(|k| allowed(*status, party, *k)).collect();
            if *status == ThreadStatus::Agreeing {
                expected.push(StepKind::Signature);
            }
            let mut next = m.thread.next_steps(party);
            next.sort_by_key(|k| k.as_str());
            expected.sort_by_key(|k| k.as_str());
            assert_eq!(next, expected, "next steps of the {} when {}", party.as_str(), status.as_str());
            for kind in kinds {
                let step = m.link(&key, body_for(kind, m));
                let result = m.thread.check(&step);
                if allowed(*status, party, kind) {
                    allowed_count += 1;
                    assert_eq!(result, Ok(()), "the {} taking a {kind} when {}", party.as_str(), status.as_str());
                } else {
                    let Err(StepRefusal::Refused(e)) = result else {
                        panic!("the {} taking a {kind} when {}: {result:?}", party.as_str(), status.as_str())
                    };
                    assert_eq!(e.field, "step", "{e}");
                    let who = format!(
                        "the {} may not take a {kind} step while the thread is {}",
                        party.as_str(),
                        status.as_str()
                    );
                    assert!(e.rule.contains(&who), "{e}");
                }
            }
        }
    }
    // Guard against a table that allows nothing.
    assert_eq!(allowed_count, 4 + 4 + 4 + 4 + 5 + 1);
}

#[test]
fn a_thread_starts_with_an_interest_only() {
    let nomination = sign(
        &school(),
        draft(THREAD, Some(1), Some(interest().hash), host().id(), StepBody::Nomination(Box::new(nomination_body()))),
    )
    .unwrap();
    let Err(StepRefusal::Refused(e)) = Thread::start(NET, nomination) else { panic!("a nomination opened a thread") };
    assert_eq!(e.field, "step");
    let m = Mobility::start();
    assert_eq!((m.thread.school, m.thread.host), (school().id(), host().id()));
    assert_eq!(m.thread.id, THREAD);
    assert_eq!(m.thread.head(), interest().hash);
    assert_eq!(m.thread.party_of(&outsider().id()), None);
    assert_eq!(m.thread.counterpart(Party::Host), school().id());
}

#[test]
fn only_the_two_parties_may_write_and_only_to_each_other() {
    let m = Mobility::start();
    let nomination = || StepBody::Nomination(Box::new(nomination_body()));
    let head = Some(m.thread.head());

    let by_outsider = sign(&outsider(), draft(THREAD, Some(1), head, host().id(), nomination())).unwrap();
    assert_eq!(
        m.thread.check(&by_outsider),
        Err(StepRefusal::Refused(ValidationError::new(
            "kid",
            "the author is not a party of this thread (only its school and host may write to it)"
        )))
    );
    let to_outsider = sign(&school(), draft(THREAD, Some(1), head, outsider().id(), nomination())).unwrap();
    let Err(StepRefusal::Refused(e)) = m.thread.check(&to_outsider) else { panic!() };
    assert_eq!(e.field, "to");
    let other_thread =
        sign(&school(), draft("m-ffffffffffffffffffffffff", Some(1), head, host().id(), nomination())).unwrap();
    let Err(StepRefusal::Refused(e)) = m.thread.check(&other_thread) else { panic!() };
    assert_eq!(e.field, "thread");
}

#[test]
fn a_link_must_follow_the_head() {
    let mut m = Mobility::start();
    let interest_hash = m.thread.head();
    let nomination = m.take(&school(), StepBody::Nomination(Box::new(nomination_body())));
    assert_eq!(m.thread.head(), nomination.hash);
    assert_eq!(m.thread.position(&nomination.hash), Some(1));

    // The host refuses, not having seen the nomination: prev is the interest.
    let stale =
        sign(&host(), draft(THREAD, Some(1), Some(interest_hash), school().id(), body_for(StepKind::Refusal, &m)))
            .unwrap();
    assert_eq!(m.thread.check(&stale), Err(StepRefusal::NotAtHead { head: nomination.hash }));
    // The right prev with the wrong n, and the right n with an unknown prev.
    let wrong_n =
        sign(&host(), draft(THREAD, Some(3), Some(nomination.hash), school().id(), body_for(StepKind::Acceptance, &m)))
            .unwrap();
    assert_eq!(m.thread.check(&wrong_n), Err(StepRefusal::NotAtHead { head: nomination.hash }));
    let unknown_prev = sign(
        &host(),
        draft(THREAD, Some(2), Some(RecordHash([7; 32])), school().id(), body_for(StepKind::Acceptance, &m)),
    )
    .unwrap();
    assert_eq!(m.thread.check(&unknown_prev), Err(StepRefusal::NotAtHead { head: nomination.hash }));
    // A second interest can never be a later link: n must be 0 in it.
    let mut p = interest_payload();
    p.n = Some(2);
    p.prev = Some(serde_bytes::ByteBuf::from(nomination.hash.0.to_vec()));
    assert_rule(open_raw(&p), "n");
    // The right link is taken.
    m.take(&host(), StepBody::Acceptance(AcceptanceBody::default()));
    assert_eq!(m.status(), ThreadStatus::Accepted);
}

#[test]
fn signatures_follow_the_agreement_and_the_roles() {
    let mut m = agreeing();
    let agreement = m.thread.current_agreement().unwrap().hash;
    assert_eq!(
        m.thread.signatures_of(&agreement).missing(),
        vec![SignerRole::Learner, SignerRole::School, SignerRole::Host]
    );

    let refused_on = |m: &Mobility, step: &VerifiedStep, field: &str| {
        let Err(StepRefusal::Refused(e)) = m.thread.check(step) else {
            panic!("expected a refusal on {field}, got {:?}", m.thread.check(step))
        };
        assert_eq!(e.field, field, "{e}");
        e
    };

    // Roles: the host sends only its own; the school its own and the learner's.
    let e = refused_on(&m, &m.signature(&host(), SignerRole::Learner, &learner()), "body.role");
    assert!(e.rule.contains("the host cannot send the learner's signature"), "{e}");
    refused_on(&m, &m.signature(&host(), SignerRole::School, school().signing_key()), "body.role");
    refused_on(&m, &m.signature(&school(), SignerRole::Host, host().signing_key()), "body.role");
    // Signers: the role's key, the learner's being the nominated one.
    refused_on(&m, &m.signature(&school(), SignerRole::School, host().signing_key()), "body.signer");
    refused_on(&m, &m.signature(&school(), SignerRole::Learner, school().signing_key()), "body.signer");
    refused_on(&m, &m.signature(&school(), SignerRole::Learner, &SigningKey::from_bytes(&[99; 32])), "body.signer");
    // The signature must verify over the signing input of this agreement,
    // this thread and this network.
    let key = learner();
    for wrong in [
        key.sign(&agreement_signing_input(NET, THREAD, &RecordHash([0; 32]))).to_bytes(),
        key.sign(&agreement_signing_input("other", THREAD, &agreement)).to_bytes(),
        key.sign(&agreement_signing_input(NET, "m-ffffffffffffffffffffffff", &agreement)).to_bytes(),
        key.sign(&agreement.0).to_bytes(),
    ] {
        let step = m.signature_of(&school(), SignerRole::Learner, &key, agreement, wrong);
        refused_on(&m, &step, "body.signature");
    }
    // An agreement the thread does not hold (yet): Missing, so a node asks to retry.
    let unknown = m.signature_of(
        &school(),
        SignerRole::Learner,
        &key,
        RecordHash([8; 32]),
        sign_agreement(&key, NET, THREAD, &RecordHash([8; 32])),
    );
    assert!(matches!(m.thread.check(&unknown), Err(StepRefusal::Missing(_))));

    // In any order; a role signs once.
    let host_signature = m.signature(&host(), SignerRole::Host, host().signing_key());
    m.thread.push(host_signature.clone()).unwrap();
    assert_eq!(m.thread.links().len(), 4, "signatures are not links");
    assert_eq!(m.thread.signatures(), std::slice::from_ref(&host_signature));
    let again = m.signature(&host(), SignerRole::Host, host().signing_key());
    let e = refused_on(&m, &again, "body.role");
    assert!(e.rule.contains("already signed"), "{e}");
    m.thread.push(m.signature(&school(), SignerRole::Learner, &learner())).unwrap();
    assert_eq!(m.status(), ThreadStatus::Agreeing);
    assert_eq!(m.thread.signatures_of(&agreement).missing(), vec![SignerRole::School]);
    // The host may not complete before all three signed.
    let early = m.link(&host(), body_for(StepKind::Completion, &m));
    refused_on(&m, &early, "step");
    m.thread.push(m.signature(&school(), SignerRole::School, school().signing_key())).unwrap();
    assert_eq!(m.status(), ThreadStatus::Agreed);
    assert!(m.thread.signatures_of(&agreement).is_complete());
    // No signature once agreed.
    let fourth = m.signature(&school(), SignerRole::School, school().signing_key());
    refused_on(&m, &fourth, "step");
    // Nor before there is an agreement: the agreement is unknown.
    let a = accepted();
    let early = a.signature_of(&school(), SignerRole::School, school().signing_key(), agreement, [0; 64]);
    assert!(matches!(a.thread.check(&early), Err(StepRefusal::Missing(_))));
}

#[test]
fn an_amendment_needs_all_three_signatures_again() {
    let mut m = agreed();
    let first = m.thread.current_agreement().unwrap().hash;
    let old_signatures = m.current_signatures();
    assert_eq!(old_signatures.len(), 3);

    let mut amended = agreement_body();
    amended.end = "2027-05-14".into();
    let amendment = m.take(&school(), StepBody::Agreement(Box::new(amended)));
    assert_eq!(m.status(), ThreadStatus::Agreeing);
    assert_eq!(m.thread.current_agreement().unwrap().hash, amendment.hash);
    assert!(m.thread.signatures_of(&amendment.hash).missing().len() == 3);
    assert!(m.thread.signatures_of(&first).is_complete(), "the old signatures stay with the old version");
    assert_eq!(
        m.thread.next_steps(Party::Host),
        vec![StepKind::Signature, StepKind::Agreement, StepKind::Cancellation]
    );

    // A signature of the amended version is refused, naming the agreement.
    let old = m.signature_of(
        &host(),
        SignerRole::Host,
        host().signing_key(),
        first,
        sign_agreement(host().signing_key(), NET, THREAD, &first),
    );
    let Err(StepRefusal::Refused(e)) = m.thread.check(&old) else { panic!() };
    assert_eq!(e.field, "body.agreement");
    assert!(e.rule.contains("amended"), "{e}");
    // The host may not complete on the old signatures.
    let early = m.link(&host(), StepBody::Completion(Box::new(completion_body(old_signatures.clone()))));
    let Err(StepRefusal::Refused(e)) = m.thread.check(&early) else { panic!() };
    assert_eq!(e.field, "step");

    let new_signatures = m.sign_all();
    assert_eq!(m.status(), ThreadStatus::Agreed);
    // Completion pins exactly the three current signatures, in any order.
    let stale = m.link(&host(), StepBody::Completion(Box::new(completion_body(old_signatures.clone()))));
    let Err(StepRefusal::Refused(e)) = m.thread.check(&stale) else { panic!() };
    assert_eq!(e.field, "body.signatures");
    let mixed = vec![new_signatures[0], new_signatures[1], old_signatures[2]];
    let mixed = m.link(&host(), StepBody::Completion(Box::new(completion_body(mixed))));
    assert!(matches!(m.thread.check(&mixed), Err(StepRefusal::Refused(e)) if e.field == "body.signatures"));
    let twice = vec![new_signatures[0], new_signatures[0], new_signatures[1]];
    let twice = m.link(&host(), StepBody::Completion(Box::new(completion_body(twice))));
    assert!(matches!(m.thread.check(&twice), Err(StepRefusal::Refused(e)) if e.field == "body.signatures"));
    // A unit the agreement does not have.
    let mut body = completion_body(new_signatures.clone());
    body.units.push(UnitAssessment { unit: 2, result: UnitResult::Achieved, note: None });
    let out_of_range = m.link(&host(), StepBody::Completion(Box::new(body)));
    assert!(matches!(m.thread.check(&out_of_range), Err(StepRefusal::Refused(e)) if e.field == "body.units"));

    let reversed: Vec<RecordHash> = new_signatures.iter().rev().copied().collect();
    m.take(&host(), StepBody::Completion(Box::new(completion_body(reversed))));
    assert_eq!(m.status(), ThreadStatus::Completed);
    assert!(m.thread.completion().is_some());
}

#[test]
fn recognition_refers_to_the_completions_credential() {
    let credential = CredentialReference {
        id: "urn:uuid:3f2b8a3e-5b7c-4d1a-9e2f-0a1b2c3d4e5f".into(),
        achievement: "welding-basics".into(),
        document: None,
    };
    let m = completed(Some(credential.clone()));
    let recognition = |credential: Option<&str>, units: Vec<u32>| {
        StepBody::Recognition(RecognitionBody {
            decision: RecognitionDecision::PartlyRecognised,
            units,
            credential: credential.map(str::to_owned),
            note: None,
        })
    };
    let other = "urn:uuid:00000000-0000-4000-8000-000000000000";
    let step = m.link(&school(), recognition(Some(other), vec![0]));
    assert!(matches!(m.thread.check(&step), Err(StepRefusal::Refused(e)) if e.field == "body.credential"));
    let step = m.link(&school(), recognition(Some(&credential.id), vec![2]));
    assert!(matches!(m.thread.check(&step), Err(StepRefusal::Refused(e)) if e.field == "body.units"));
    assert_eq!(m.thread.check(&m.link(&school(), recognition(Some(&credential.id), vec![0, 1]))), Ok(()));
    assert_eq!(m.thread.check(&m.link(&school(), recognition(None, vec![]))), Ok(()));

    // No credential at completion: none to name.
    let m = completed(None);
    let step = m.link(&school(), recognition(Some(&credential.id), vec![0]));
    assert!(matches!(m.thread.check(&step), Err(StepRefusal::Refused(e)) if e.field == "body.credential"));

    let mut m = m;
    m.take(&school(), recognition(None, vec![0]));
    assert_eq!(m.status(), ThreadStatus::Recognised);
    assert!(m.thread.next_steps(Party::School).is_empty() && m.thread.next_steps(Party::Host).is_empty());
}

#[test]
fn erasure_is_allowed_at_any_time_and_is_no_link() {
    for m in [Mobility::start(), agreeing(), completed(None)] {
        for (by, to) in [(school(), host().id()), (host(), school().id())] {
            let erasure = sign(&by, draft(THREAD, None, None, to, StepBody::Erasure(ErasureBody::default()))).unwrap();
            let mut thread = m.thread.clone();
            let links = thread.links().len();
            assert_eq!(thread.push(erasure), Ok(()));
            assert_eq!(thread.links().len(), links);
        }
    }
    // Even after the thread closed.
    let mut m = accepted();
    m.take(&host(), StepBody::Cancellation(cancellation_body()));
    assert!(m.status().is_closed());
    let erasure =
        sign(&host(), draft(THREAD, None, None, school().id(), StepBody::Erasure(ErasureBody::default()))).unwrap();
    assert_eq!(m.thread.check(&erasure), Ok(()));
}

#[test]
fn truncate_drops_links_and_their_signatures() {
    let mut m = agreed();
    let agreement_at = m.thread.position(&m.thread.current_agreement().unwrap().hash).unwrap();
    assert_eq!(agreement_at, 3);
    let acceptance = m.thread.links()[2].hash;

    // Beyond the end: nothing.
    assert!(m.thread.truncate(10).is_empty());
    assert_eq!(m.thread.links().len(), 4);

    let dropped = m.thread.truncate(agreement_at);
    assert_eq!(dropped.len(), 4, "the agreement and its three signatures");
    assert_eq!(dropped[0].kind(), StepKind::Agreement);
    assert!(dropped[1..].iter().all(|s| s.kind() == StepKind::Signature));
    assert!(m.thread.signatures().is_empty());
    assert_eq!(m.thread.head(), acceptance);
    assert_eq!(m.status(), ThreadStatus::Accepted);
    assert_eq!(m.thread.current_agreement(), None);

    // Signatures of an agreement that stays are kept.
    let mut m = agreeing();
    m.thread.push(m.signature(&host(), SignerRole::Host, host().signing_key())).unwrap();
    let mut amended = agreement_body();
    amended.note = Some("Amended".into());
    m.take(&host(), StepBody::Agreement(Box::new(amended)));
    m.thread.push(m.signature(&host(), SignerRole::Host, host().signing_key())).unwrap();
    let dropped = m.thread.truncate(4);
    assert_eq!(dropped.iter().map(|s| s.kind()).collect::<Vec<_>>(), vec![StepKind::Agreement, StepKind::Signature]);
    assert_eq!(m.thread.signatures().len(), 1);
    assert_eq!(m.status(), ThreadStatus::Agreeing);
    assert_eq!(m.thread.signatures_of(&m.thread.current_agreement().unwrap().hash).missing().len(), 2);
}

#[test]
fn the_agreement_signing_input_is_laid_out_as_specified() {
    let agreement = RecordHash([0xab; 32]);
    let input = agreement_signing_input("bsr", THREAD, &agreement);
    let mut expected = b"vetnet/learning-agreement/1\x00bsr\x00m-00112233445566778899aabb\x00".to_vec();
    expected.extend_from_slice(&[0xab; 32]);
    assert_eq!(input, expected);
    assert_eq!(AGREEMENT_SIGNATURE_DOMAIN, b"vetnet/learning-agreement/1");
    // The example in docs/PROTOCOL.md: the vector's thread and interest hash.
    let example = agreement_signing_input("bsr", VECTOR_THREAD, &vector_interest().hash);
    assert_eq!(
        hex::encode(&example),
        [
            "7665746e65742f6c6561726e696e672d61677265656d656e742f31", // vetnet/learning-agreement/1
            "00627372",                                               // 0x00 bsr
            "006d2d303132333435363738396162636465663031323334353637", // 0x00 m-0123456789abcdef01234567
            "0046eb1c7985291ed09a10e2068aa35d1f31a0e922049d26d8181a0e3e40dda484", // 0x00 hash
        ]
        .concat()
    );
    assert_eq!(example.len(), 91);
    let signature = sign_agreement(&learner(), "bsr", THREAD, &agreement);
    assert!(learner().verifying_key().verify_strict(&input, &Signature::from_bytes(&signature)).is_ok());
}

// ----- receipts -----

#[test]
fn receipts_round_trip_and_refuse_tampering() {
    let step = interest();
    for (status, head, refusal) in [
        (ReceiptStatus::Accepted, Some(step.hash), None),
        (ReceiptStatus::Duplicate, None, None),
        (ReceiptStatus::Refused, None, Some(ValidationError::new("body.offer", "no live offer"))),
        (ReceiptStatus::Conflict, Some(RecordHash([3; 32])), None),
        (ReceiptStatus::Retry, None, Some(ValidationError::new("step", "busy"))),
    ] {
        let bytes =
            sign_receipt(host().signing_key(), NET, &step.hash, status, NOW + 1, head, refusal.as_ref()).unwrap();
        assert!(bytes.len() <= MAX_RECEIPT_BYTES);
        let receipt = VerifiedReceipt::open(&bytes, NET).unwrap();
        assert_eq!(receipt.signer, host().id());
        assert_eq!(receipt.step, step.hash);
        assert_eq!(receipt.payload.status, status);
        assert_eq!(receipt.payload.ts, NOW + 1);
        assert_eq!(receipt.head(), head);
        assert_eq!(receipt.payload.field, refusal.as_ref().map(|r| r.field.clone()));
        assert_eq!(receipt.payload.reason, refusal.as_ref().map(|r| r.rule.clone()));
        assert_eq!(receipt.bytes, bytes);

        // Any flipped byte after the header breaks it.
        for at in (40..bytes.len()).step_by(7) {
            let mut tampered = bytes.clone();
            tampered[at] ^= 0x20;
            assert!(VerifiedReceipt::open(&tampered, NET).is_err(), "flipped byte {at} of {status}");
        }
    }

    let bytes = sign_receipt(host().signing_key(), NET, &step.hash, ReceiptStatus::Accepted, NOW, None, None).unwrap();
    assert_rule(VerifiedReceipt::open(&bytes, "other"), "net");
    // A long reason is cut, so the receipt always fits its limit.
    let long = ValidationError::new("step", "x".repeat(MAX_RECEIPT_BYTES));
    let bytes =
        sign_receipt(host().signing_key(), NET, &step.hash, ReceiptStatus::Refused, NOW, None, Some(&long)).unwrap();
    assert!(bytes.len() <= MAX_RECEIPT_BYTES);
    let reason = VerifiedReceipt::open(&bytes, NET).unwrap().payload.reason.unwrap();
    assert_eq!(reason.chars().count(), vetnet_protocol::mobility::MAX_RECEIPT_REASON_CHARS);
    assert!(reason.ends_with('…'));
    // Too large: a receipt is refused over its limit, whatever it says.
    let mut oversized = bytes.clone();
    oversized.resize(MAX_RECEIPT_BYTES + 1, 0);
    assert!(matches!(VerifiedReceipt::open(&oversized, NET), Err(RecordError::TooLarge { .. })));

    // The hashes must be 32 bytes.
    #[derive(Serialize)]
    struct Raw<'a> {
        v: u32,
        net: &'a str,
        step: serde_bytes::ByteBuf,
        status: &'a str,
        ts: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        head: Option<serde_bytes::ByteBuf>,
    }
    let raw = |step: usize, head: Option<usize>, status: &'static str, v: u32| Raw {
        v,
        net: NET,
        step: serde_bytes::ByteBuf::from(vec![1; step]),
        status,
        ts: NOW,
        head: head.map(|n| serde_bytes::ByteBuf::from(vec![2; n])),
    };
    let open = |r: Raw| VerifiedReceipt::open(&sign_raw(host().signing_key(), &r, Some(RECEIPT_CONTENT_TYPE)), NET);
    assert!(open(raw(32, Some(32), "accepted", 1)).is_ok());
    assert_rule(open(raw(31, None, "accepted", 1)), "step");
    assert_rule(open(raw(32, Some(33), "conflict", 1)), "head");
    assert_rule(open(raw(32, None, "accepted", 2)), "v");
    assert!(matches!(open(raw(32, None, "received", 1)), Err(RecordError::Payload(_))));
}

// ----- test vectors -----

/// RFC 8032 section 7.1, test 1: the school, author of the interest.
const SECRET_KEY_1_HEX: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
/// RFC 8032 section 7.1, test 2: the host, the interest's addressee, which
/// signs the receipt.
const SECRET_KEY_2_HEX: &str = "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
const PUBLIC_KEY_2_HEX: &str = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
const VECTOR_TS: u64 = 1_795_000_000;
const VECTOR_THREAD: &str = "m-0123456789abcdef01234567";

/// One mobility vector file. Field order here is the order in the file.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct MobilityVector {
    description: String,
    network: String,
    ts: u64,
    /// The clock to validate with.
    now: u64,
    secret_key_hex: String,
    public_key_hex: String,
    did: String,
    /// The COSE content type in the protected header.
    content_type: String,
    payload_diag: String,
    payload_hex: String,
    protected_hex: String,
    sig_structure_hex: String,
    signature_hex: String,
    /// The whole tagged COSE_Sign1: what travels in the frame.
    message_hex: String,
    /// SHA-256 of `message_hex`.
    hash_hex: String,
}

fn key_from_hex(secret: &str) -> InstitutionKey {
    InstitutionKey::from_secret_bytes(&hex::decode(secret).unwrap().try_into().unwrap())
}

fn vector_interest() -> VerifiedStep {
    let host: [u8; 32] = hex::decode(PUBLIC_KEY_2_HEX).unwrap().try_into().unwrap();
    let body = InterestBody {
        offer: "welding-2027".into(),
        need: None,
        learners: 2,
        message: Some("Two learners in their second year, EQF 4.".into()),
    };
    let draft = StepDraft {
        net: "bsr".into(),
        thread: VECTOR_THREAD.into(),
        n: Some(0),
        prev: None,
        to: InstitutionId::from_bytes(host),
        ts: VECTOR_TS,
        body: StepBody::Interest(body),
    };
    let ctx = ValidationContext { network: "bsr", now: VECTOR_TS + 60 };
    sign_step(key_from_hex(SECRET_KEY_1_HEX).signing_key(), draft, &ctx).unwrap()
}

fn vector_receipt(interest: &VerifiedStep) -> Vec<u8> {
    let host = key_from_hex(SECRET_KEY_2_HEX);
    sign_receipt(
        host.signing_key(),
        "bsr",
        &interest.hash,
        ReceiptStatus::Accepted,
        VECTOR_TS + 2,
        Some(interest.hash),
        None,
    )
    .unwrap()
}

fn vector_letter() -> VerifiedLetter {
    let network: [u8; 32] = hex::decode(PUBLIC_KEY_2_HEX).unwrap().try_into().unwrap();
    let draft = LetterDraft {
        net: "bsr".into(),
        id: "l-0123456789abcdef01234567".into(),
        to: InstitutionId::from_bytes(network),
        ts: VECTOR_TS,
        body: LetterBody::Application(ApplicationBody {
            motivation: "We place 40 welding learners a year in Norrbotten companies.".into(),
        }),
    };
    let ctx = ValidationContext { network: "bsr", now: VECTOR_TS + 60 };
    sign_letter(key_from_hex(SECRET_KEY_1_HEX).signing_key(), draft, &ctx).unwrap()
}

fn build_vector(description: &str, secret: &str, content_type: &str, ts: u64, message: &[u8]) -> MobilityVector {
    let key = key_from_hex(secret);
    let parts = take_apart(message).unwrap();
    let payload: Value = ciborium::from_reader(parts.payload.as_slice()).unwrap();
    MobilityVector {
        description: description.to_owned(),
        network: "bsr".into(),
        ts,
        now: VECTOR_TS + 60,
        secret_key_hex: secret.to_owned(),
        public_key_hex: hex::encode(key.id().as_bytes()),
        did: key.id().to_did(),
        content_type: content_type.to_owned(),
        payload_diag: diagnostic(&payload),
        payload_hex: hex::encode(&parts.payload),
        protected_hex: hex::encode(&parts.protected),
        sig_structure_hex: hex::encode(sig_structure(&parts.protected, &parts.payload)),
        signature_hex: hex::encode(&parts.signature),
        message_hex: hex::encode(message),
        hash_hex: hex::encode(Sha256::digest(message)),
    }
}

#[test]
fn mobility_vectors_are_reproduced_and_verify() {
    let interest = vector_interest();
    let receipt = vector_receipt(&interest);
    let letter = vector_letter();
    let vectors = [
        (
            "mobility-interest",
            build_vector(
                "An interest step opening thread m-0123456789abcdef01234567: the RFC 8032 test 1 key (the school) \
                 to the RFC 8032 test 2 key (the host), about its offer welding-2027, for 2 learners.",
                SECRET_KEY_1_HEX,
                STEP_CONTENT_TYPE,
                VECTOR_TS,
                &interest.bytes,
            ),
        ),
        (
            "mobility-receipt",
            build_vector(
                "The host's receipt for mobility-interest: signed by the RFC 8032 test 2 key, status accepted, \
                 head the interest's hash (the thread's head after it).",
                SECRET_KEY_2_HEX,
                RECEIPT_CONTENT_TYPE,
                VECTOR_TS + 2,
                &receipt,
            ),
        ),
        (
            "letter-application",
            build_vector(
                "A network-application letter l-0123456789abcdef01234567 from the RFC 8032 test 1 key (a school) \
                 to the RFC 8032 test 2 key (a network), with its motivation.",
                SECRET_KEY_1_HEX,
                LETTER_CONTENT_TYPE,
                VECTOR_TS,
                &letter.bytes,
            ),
        ),
    ];
    let write = std::env::var("VETNET_WRITE_VECTORS").as_deref() == Ok("1");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("vectors");
    for (name, built) in &vectors {
        let path = dir.join(format!("{name}.json"));
        if write {
            std::fs::write(&path, serde_json::to_string_pretty(built).unwrap() + "\n").unwrap();
        }
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e}; run with VETNET_WRITE_VECTORS=1 to write it", path.display()));
        let file: MobilityVector = serde_json::from_str(&text).unwrap();
        assert_eq!(file.message_hex, built.message_hex, "{name}: the bytes changed");
        assert_eq!(&file, built, "{name}: the file differs from the rebuilt vector");
        check_vector(name, &file);
    }

    // Through the crate's own readers.
    let files: Vec<MobilityVector> = vectors.into_iter().map(|(_, v)| v).collect();
    let ctx = ValidationContext { network: &files[0].network, now: files[0].now };
    let step = VerifiedStep::open(&hex::decode(&files[0].message_hex).unwrap(), &ctx).unwrap();
    assert_eq!(step.kind(), StepKind::Interest);
    assert_eq!(step.payload.thread, VECTOR_THREAD);
    assert_eq!(hex::encode(step.to.as_bytes()), PUBLIC_KEY_2_HEX);
    assert_eq!(step.hash.to_hex(), files[0].hash_hex);
    Thread::start("bsr", step.clone()).unwrap();
    let receipt = VerifiedReceipt::open(&hex::decode(&files[1].message_hex).unwrap(), "bsr").unwrap();
    assert_eq!(receipt.signer, step.to, "the addressee signs the receipt");
    assert_eq!(receipt.step, step.hash);
    assert_eq!(receipt.head(), Some(step.hash));
    assert_eq!(receipt.payload.status, ReceiptStatus::Accepted);
    let letter = VerifiedLetter::open(&hex::decode(&files[2].message_hex).unwrap(), &ctx).unwrap();
    assert_eq!(letter.payload.kind, LetterKind::NetworkApplication);
    assert!(VerifiedStep::open(&letter.bytes, &ctx).is_err(), "a letter never passes as a step");
}

/// Checks a vector on its own terms, without coset, as another
/// implementation would.
fn check_vector(name: &str, file: &MobilityVector) {
    let message = hex::decode(&file.message_hex).unwrap();
    let public_key: [u8; 32] = hex::decode(&file.public_key_hex).unwrap().try_into().unwrap();
    assert_eq!(key_from_hex(&file.secret_key_hex).id().as_bytes(), &public_key, "{name}");
    assert_eq!(file.did.parse::<InstitutionId>().unwrap(), InstitutionId::from_bytes(public_key), "{name}");
    assert_eq!(hex::decode(&file.hash_hex).unwrap(), Sha256::digest(&message).to_vec(), "{name}: hash");
    let parts = take_apart(&message).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(hex::encode(&parts.protected), file.protected_hex);
    assert_eq!(hex::encode(&parts.payload), file.payload_hex);
    assert_eq!(hex::encode(&parts.signature), file.signature_hex);
    assert_eq!(hex::encode(sig_structure(&parts.protected, &parts.payload)), file.sig_structure_hex);

    // The protected header is exactly {1: -8, 3: content type, 4: kid}, in that order.
    let mut protected = vec![0xa3, 0x01, 0x27, 0x03, 0x78, file.content_type.len() as u8];
    protected.extend_from_slice(file.content_type.as_bytes());
    protected.extend_from_slice(&[0x04, 0x58, 0x20]);
    protected.extend_from_slice(&public_key);
    assert_eq!(parts.protected, protected, "{name}: protected header bytes");

    let signature: [u8; 64] = parts.signature.as_slice().try_into().unwrap();
    VerifyingKey::from_bytes(&public_key)
        .unwrap()
        .verify_strict(&sig_structure(&parts.protected, &parts.payload), &Signature::from_bytes(&signature))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let payload: Value = ciborium::from_reader(parts.payload.as_slice()).unwrap();
    assert_eq!(diagnostic(&payload), file.payload_diag);
}

/// The four items of a COSE_Sign1, taken apart with plain ciborium.
struct Sign1Parts {
    protected: Vec<u8>,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

fn take_apart(mut bytes: &[u8]) -> Result<Sign1Parts, String> {
    let value: Value = ciborium::from_reader(&mut bytes).map_err(|e| e.to_string())?;
    if !bytes.is_empty() {
        return Err("bytes after the COSE_Sign1".into());
    }
    let Value::Tag(18, inner) = value else { return Err("not tag 18 (COSE_Sign1)".into()) };
    let Value::Array(items) = *inner else { return Err("tag 18 must hold an array".into()) };
    let [protected, unprotected, payload, signature]: [Value; 4] =
        items.try_into().map_err(|_| "the array must have four items")?;
    let (Value::Bytes(protected), Value::Map(unprotected), Value::Bytes(payload), Value::Bytes(signature)) =
        (protected, unprotected, payload, signature)
    else {
        return Err("items must be bstr, map, bstr, bstr".into());
    };
    if !unprotected.is_empty() {
        return Err("the unprotected header must be empty".into());
    }
    Ok(Sign1Parts { protected, payload, signature })
}

/// `["Signature1", protected, h'', payload]`, CBOR-encoded (RFC 9052 section 4.4).
fn sig_structure(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let structure = Value::Array(vec![
        Value::Text("Signature1".into()),
        Value::Bytes(protected.to_vec()),
        Value::Bytes(vec![]),
        Value::Bytes(payload.to_vec()),
    ]);
    vetnet_protocol::cbor::to_deterministic_vec(&structure).unwrap()
}

/// CBOR diagnostic notation, for the kinds of value a payload holds.
fn diagnostic(value: &Value) -> String {
    match value {
        Value::Integer(i) => i128::from(*i).to_string(),
        Value::Text(s) => serde_json::to_string(s).unwrap(),
        Value::Bytes(b) => format!("h'{}'", hex::encode(b)),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        Value::Array(items) => format!("[{}]", items.iter().map(diagnostic).collect::<Vec<_>>().join(", ")),
        Value::Map(entries) => format!(
            "{{{}}}",
            entries.iter().map(|(k, v)| format!("{}: {}", diagnostic(k), diagnostic(v))).collect::<Vec<_>>().join(", ")
        ),
        Value::Tag(tag, inner) => format!("{tag}({})", diagnostic(inner)),
        other => panic!("no diagnostic notation for {other:?} here"),
    }
}
