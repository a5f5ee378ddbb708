//! Writes the seed corpus, `fuzz/corpus/<target>/`, from valid records of
//! every kind signed with the fixed key of `src/lib.rs`:
//!
//!     cargo run --manifest-path fuzz/Cargo.toml --example seeds --features credential
//!
//! (Without `--features credential` the `credential_verify` seeds are left
//! alone.) Five records of `protocol/tests/vectors/` (`vector-offer`,
//! `vector-profile`, `vector-withdrawal`, `vector-event`,
//! `vector-event-withdrawal`) are seeds too; they are copied in by hand from
//! the vector files' `record_hex` and `payload_hex`. The two mobility vectors
//! (an interest and its receipt) are read from there by this program.

use std::path::{Path, PathBuf};

use coset::{CoseSign1, TaggedCborSerializable};
use negentropy::{Id, Negentropy, NegentropyStorageVector};
use serde_bytes::ByteBuf;
use vetnet_fuzz::{NET, TS, key};
use vetnet_protocol::achievement::AchievementBody;
use vetnet_protocol::delegation::{DelegationBody, delegation_id};
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole, endorsement_id};
use vetnet_protocol::fixtures;
use vetnet_protocol::key_lifecycle::{
    KEY_ROTATION_ID, KeyRevocationBody, KeyRevocationReason, KeyRotationBody, key_revocation_id,
};
use vetnet_protocol::need::{AgeBand, Funding, NeedBody, SupportNeed};
use vetnet_protocol::offer::{Contact, OfferBody};
use vetnet_protocol::profile::ProfileBody;
use vetnet_protocol::revocation::{RevocationBody, RevocationReason};
use vetnet_protocol::sync::{NEGENTROPY_FRAME_LIMIT, SyncRequest, SyncResponse};
use vetnet_protocol::{InstitutionKey, LangText, Payload, RecordKind, VerifiedRecord};

const UUID: &str = "6f2e33e5-7a29-4155-840a-59483ba10164";

fn corpus(target: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target);
    std::fs::create_dir_all(&dir).expect("creates the corpus directory");
    dir
}

fn write(target: &str, name: &str, bytes: &[u8]) {
    std::fs::write(corpus(target).join(name), bytes).expect("writes a seed");
}

// The bodies start from the full fixtures of vetnet-protocol; where a seed
// differs (for variety: an ESCO occupation URI, a German description, a mixed
// group), the change is set here, so the seeds stay those of fuzz/corpus/.

fn profile() -> ProfileBody {
    fixtures::full_profile()
}

fn offer() -> OfferBody {
    let mut offer = fixtures::full_offer();
    offer.title = LangText::new("en", "Welding placement");
    offer.description = LangText::new("de", "Schweißen in unserer Werkstatt.");
    offer.occupation = Some("http://data.europa.eu/esco/occupation/0e2b5a5d-1d4c-4b0e-8e8c-8a0e0f0f0f0f".into());
    offer
}

fn achievement() -> AchievementBody {
    let mut achievement = fixtures::full_achievement();
    achievement.assessment = "Practical test at the workplace".into();
    achievement
}

fn need() -> NeedBody {
    let mut need = fixtures::full_need();
    need.title = LangText::new("en", "Four bricklayers for a spring placement");
    need.description = LangText::new("sv", "Fyra elever i murning.");
    need.qualification = Some("Building programme".into());
    need.languages = vec![fixtures::language("en", Some("B1"))];
    need.age = AgeBand::Mixed;
    need.support = vec![SupportNeed::Accessibility];
    need.support_note = Some("Step-free access".into());
    need.funding = Some(Funding::Nordplus);
    need.contact = Some(Contact { name: None, email: Some("placements@example.se".into()), phone: None });
    need
}

/// One valid record of each kind, a withdrawal, and a kind this version
/// does not interpret.
fn records() -> Vec<(&'static str, Vec<u8>)> {
    let key = key();
    let partner = InstitutionKey::from_secret_bytes(&[8; 32]).id();
    let delegation = DelegationBody {
        achievement: "mig-welding".into(),
        delegate: partner.to_did(),
        from: "2027-01-01".into(),
        until: None,
    };
    let successor = InstitutionKey::from_secret_bytes(&[0x5c; 32]);
    let payloads = [
        ("profile", Payload::with_body(NET, RecordKind::Profile, "profile", 1, TS, &profile()).unwrap()),
        ("offer", Payload::with_body(NET, RecordKind::Offer, "welding-2027", 3, TS, &offer()).unwrap()),
        ("withdrawal", Payload::withdrawal(NET, RecordKind::Offer, "welding-2027", 4, TS)),
        ("need", Payload::with_body(NET, RecordKind::Need, "bricklayers-2027", 1, TS, &need()).unwrap()),
        (
            "achievement",
            Payload::with_body(NET, RecordKind::Achievement, "mig-welding", 1, TS, &achievement()).unwrap(),
        ),
        (
            "revocation",
            Payload::with_body(
                NET,
                RecordKind::Revocation,
                UUID,
                1,
                TS,
                &RevocationBody { credential: format!("urn:uuid:{UUID}"), reason: RevocationReason::IssuedInError },
            )
            .unwrap(),
        ),
        (
            "delegation",
            Payload::with_body(
                NET,
                RecordKind::Delegation,
                &delegation_id("mig-welding", &partner),
                1,
                TS,
                &delegation,
            )
            .unwrap(),
        ),
        (
            "endorsement",
            Payload::with_body(
                NET,
                RecordKind::Endorsement,
                &endorsement_id(&partner, EndorsementRole::Member, Some("HansaVET")),
                1,
                TS,
                &EndorsementBody {
                    subject: partner.to_did(),
                    role: EndorsementRole::Member,
                    network_name: Some("HansaVET".into()),
                    until: Some("2027-12-31".into()),
                },
            )
            .unwrap(),
        ),
        (
            "key-rotation",
            Payload::with_body(
                NET,
                RecordKind::KeyRotation,
                KEY_ROTATION_ID,
                1,
                TS,
                &KeyRotationBody::new(NET, &key.id(), successor.signing_key()),
            )
            .unwrap(),
        ),
        (
            "key-revocation",
            Payload::with_body(
                NET,
                RecordKind::KeyRevocation,
                &key_revocation_id(&key.id()),
                1,
                TS,
                &KeyRevocationBody {
                    key: key.id().to_did(),
                    since: TS - 86_400,
                    reason: KeyRevocationReason::Compromised,
                    successor: Some(successor.id().to_did()),
                },
            )
            .unwrap(),
        ),
        (
            "unknown-kind",
            Payload::with_body(NET, RecordKind::Other("event".into()), "fair-2027", 1, TS, &profile()).unwrap(),
        ),
    ];
    payloads
        .into_iter()
        .map(|(name, payload)| {
            let bytes = key.sign(&payload).expect("signs");
            VerifiedRecord::open(&bytes, &vetnet_fuzz::ctx()).unwrap_or_else(|e| panic!("seed {name} is valid: {e}"));
            (name, bytes)
        })
        .collect()
}

fn storage() -> NegentropyStorageVector {
    let mut storage = NegentropyStorageVector::new();
    for i in 0..40u8 {
        storage.insert(1_795_000_000 + u64::from(i / 3), Id::from_byte_array([i.wrapping_mul(37); 32])).unwrap();
    }
    storage.seal().unwrap();
    storage
}

/// A smaller set, so the reconciliation with [`storage`] has differences.
fn other_storage() -> NegentropyStorageVector {
    let mut storage = NegentropyStorageVector::new();
    for i in 20..50u8 {
        storage.insert(1_795_000_000 + u64::from(i / 3), Id::from_byte_array([i.wrapping_mul(37); 32])).unwrap();
    }
    storage.seal().unwrap();
    storage
}

fn main() {
    let records = records();
    for (name, bytes) in &records {
        write("record_open", name, bytes);
        let payload = CoseSign1::from_tagged_slice(bytes).unwrap().payload.unwrap();
        write("record_payload", name, &payload);
    }

    // Negentropy: the initiator's first message, and the responder's answer.
    let (storage, other) = (storage(), other_storage());
    let mut initiator = Negentropy::borrowed(&other, NEGENTROPY_FRAME_LIMIT).unwrap();
    let initiate = initiator.initiate().unwrap();
    let mut responder = Negentropy::borrowed(&storage, NEGENTROPY_FRAME_LIMIT).unwrap();
    let answer = responder.reconcile(&initiate).unwrap();
    write("negentropy_reconcile", "initiate", &initiate);
    write("negentropy_reconcile", "answer", &answer);

    let ids = records
        .iter()
        .map(|(_, bytes)| ByteBuf::from(VerifiedRecord::open(bytes, &vetnet_fuzz::ctx()).unwrap().hash.0.to_vec()));
    let requests = [
        ("reconcile", SyncRequest::Reconcile { net: NET.into(), msg: initiate }),
        ("fetch", SyncRequest::Fetch { ids: ids.collect() }),
        ("fetch-empty", SyncRequest::Fetch { ids: vec![] }),
    ];
    for (name, request) in requests {
        write("sync_request", name, &request.encode().unwrap());
    }
    let responses = [
        ("reconcile", SyncResponse::Reconcile { msg: answer }),
        ("records", SyncResponse::Records { records: records.iter().map(|(_, b)| ByteBuf::from(b.clone())).collect() }),
        ("refused", SyncResponse::Refused { reason: "busy".into() }),
    ];
    for (name, response) in responses {
        write("sync_response", name, &response.encode().unwrap());
    }

    mobility::write_seeds();

    #[cfg(feature = "credential")]
    credentials::write_seeds();
}

/// `mobility_thread`: operation lists (see `src/mobility.rs`) through a
/// whole thread, refusals, an amendment, a cancellation, a fork and steps
/// out of turn. `mobility_step`: the vectors, every distinct step those
/// threads sign, and receipts of every status.
mod mobility {
    use std::path::Path;

    use ed25519_dalek::SigningKey;
    use vetnet_fuzz::mobility::{CHUNK, HOST_SECRET, MAX_OPS, happy_path, run};
    use vetnet_fuzz::{NET, TS};
    use vetnet_protocol::RecordHash;
    use vetnet_protocol::mobility::thread::ThreadStatus;
    use vetnet_protocol::mobility::{ReceiptStatus, VerifiedReceipt, sign_receipt};
    use vetnet_protocol::validate::ValidationError;

    /// An operation: `op` (a `StepKind::ALL` index, 10 truncate, 11 replay)
    /// and the bytes after it.
    fn op(op: u8, rest: [u8; 7]) -> [u8; CHUNK] {
        let mut chunk = [op; CHUNK];
        chunk[1..].copy_from_slice(&rest);
        chunk
    }

    /// A step of `kind` with every choice the valid one.
    fn take(kind: u8) -> [u8; CHUNK] {
        op(kind, [0; 7])
    }

    /// A signature by `role` (0 learner, 1 school, 2 host), with `f2`, `f3`.
    fn sign(role: u8, f2: u8, f3: u8) -> [u8; CHUNK] {
        op(8, [0, 0, 0, 0, role, f2, f3])
    }

    const INTEREST: [u8; CHUNK] = [0; CHUNK];
    const NOMINATION: u8 = 1;
    const ACCEPTANCE: u8 = 2;
    const REFUSAL: u8 = 3;
    const AGREEMENT: u8 = 4;
    const COMPLETION: u8 = 5;
    const RECOGNITION: u8 = 6;
    const CANCELLATION: u8 = 7;
    const ERASURE: u8 = 9;
    const TRUNCATE: u8 = 10;
    const REPLAY: u8 = 11;

    fn threads() -> Vec<(&'static str, Vec<[u8; CHUNK]>, ThreadStatus)> {
        let agreed = vec![
            INTEREST,
            take(NOMINATION),
            take(ACCEPTANCE),
            take(AGREEMENT),
            sign(0, 0, 0),
            sign(1, 0, 0),
            sign(2, 0, 0),
        ];
        vec![
            (
                "refused-interest",
                vec![INTEREST, op(REFUSAL, [0, 0, 0, 2, 1, 0, 0]), take(NOMINATION)],
                ThreadStatus::Refused,
            ),
            (
                "refused-nomination",
                vec![INTEREST, op(NOMINATION, [0, 0, 0, 0, 1, 1, 0]), op(REFUSAL, [0, 0, 0, 1, 2, 0, 0])],
                ThreadStatus::Refused,
            ),
            (
                "amendment",
                vec![
                    INTEREST,
                    take(NOMINATION),
                    take(ACCEPTANCE),
                    take(AGREEMENT),
                    sign(0, 0, 0),
                    sign(1, 0, 0),
                    // The host amends: later dates, a note.
                    op(AGREEMENT, [1, 0, 0, 0, 0, 1, 0x20]),
                    // A signature of the old version is refused.
                    op(8, [0, 0, 0, 1, 0, 0, 0]),
                    sign(0, 0, 0),
                    sign(1, 0, 0),
                    sign(2, 0, 0),
                    take(COMPLETION),
                    take(RECOGNITION),
                ],
                ThreadStatus::Recognised,
            ),
            (
                "cancellation",
                vec![
                    INTEREST,
                    op(NOMINATION, [0, 0, 0, 0, 1, 0, 0x23]),
                    take(ACCEPTANCE),
                    op(CANCELLATION, [1, 0, 0, 1, 0, 0, 0]),
                    take(AGREEMENT),
                    op(ERASURE, [1, 0, 0, 1, 0, 0, 0]),
                ],
                ThreadStatus::Cancelled,
            ),
            (
                "fork",
                vec![
                    INTEREST,
                    take(NOMINATION),
                    take(ACCEPTANCE),
                    take(AGREEMENT),
                    sign(0, 0, 0),
                    // Back to the acceptance: the agreement and its signature go.
                    op(TRUNCATE, [3, 0, 0, 0, 0, 0, 0]),
                    // The host's agreement at the same place instead.
                    op(AGREEMENT, [1, 0, 0, 2, 0, 0, 0]),
                    // The school's old agreement and signature come back too late.
                    op(REPLAY, [3, 0, 0, 0, 0, 0, 0]),
                    op(REPLAY, [4, 0, 0, 0, 0, 0, 0]),
                    sign(0, 0, 0),
                ],
                ThreadStatus::Agreeing,
            ),
            (
                // The longest input read (1 + MAX_OPS operations), so that
                // libFuzzer, which caps inputs at the longest seed, tries
                // threads of every length.
                "amended-after-agreed",
                [
                    agreed.clone(),
                    vec![
                        op(AGREEMENT, [1, 0, 0, 2, 0, 1, 0x20]),
                        sign(0, 0, 0),
                        sign(1, 0, 0),
                        sign(2, 0, 0),
                        take(COMPLETION),
                        take(RECOGNITION),
                        take(ERASURE),
                        take(CANCELLATION),
                        op(REPLAY, [3, 0, 0, 0, 0, 0, 0]),
                        op(AGREEMENT, [1, 0, 0, 0, 0, 0, 0]),
                    ],
                ]
                .concat(),
                ThreadStatus::Recognised,
            ),
            (
                "truncate-all",
                vec![
                    INTEREST,
                    take(NOMINATION),
                    take(ACCEPTANCE),
                    // Past the end: nothing goes.
                    op(TRUNCATE, [4, 0, 0, 0, 0, 0, 0]),
                    // Everything goes, the interest too.
                    op(TRUNCATE, [0, 0, 0, 0, 0, 0, 0]),
                    take(ERASURE),
                    take(NOMINATION),
                    op(REPLAY, [0, 0, 0, 0, 0, 0, 0]),
                ],
                ThreadStatus::Interested,
            ),
            (
                "out-of-turn",
                vec![
                    INTEREST,
                    take(ACCEPTANCE),
                    op(NOMINATION, [1, 0, 0, 0, 0, 0, 0]),
                    op(NOMINATION, [0, 0, 1, 0, 0, 0, 0]),
                    op(NOMINATION, [2, 0, 0, 0, 0, 0, 0]),
                    op(NOMINATION, [0, 2, 0, 0, 0, 0, 0]),
                    op(NOMINATION, [0, 0, 7, 0, 0, 0, 0]),
                    op(NOMINATION, [0, 0, 4, 0, 0, 0, 0]),
                    take(NOMINATION),
                    take(NOMINATION),
                    take(COMPLETION),
                    sign(0, 0, 0),
                    take(RECOGNITION),
                ],
                ThreadStatus::Nominated,
            ),
            (
                "signature-faults",
                vec![
                    INTEREST,
                    take(NOMINATION),
                    take(ACCEPTANCE),
                    take(AGREEMENT),
                    sign(0, 2, 0),
                    sign(0, 0, 2),
                    op(8, [1, 0, 0, 0, 1, 0, 0]),
                    sign(0, 0, 0),
                    sign(0, 0, 0),
                    sign(2, 0, 3),
                    sign(2, 0, 4),
                    sign(1, 0, 0x23),
                    take(COMPLETION),
                ],
                ThreadStatus::Agreeing,
            ),
            (
                "completion-faults",
                [
                    agreed,
                    vec![
                        op(COMPLETION, [0, 0, 0, 2, 0, 0, 0]),
                        op(COMPLETION, [0, 0, 0, 0, 0x04, 0, 0]),
                        op(COMPLETION, [0, 0, 0, 4, 0, 0, 0]),
                        op(COMPLETION, [0, 0, 0, 1, 0x03, 0x10, 0]),
                        op(RECOGNITION, [0, 0, 0, 0, 0, 3, 0]),
                        op(RECOGNITION, [0, 0, 0, 0, 0x08, 0, 0]),
                        op(RECOGNITION, [0, 0, 0, 1, 0x03, 0, 1]),
                    ],
                ]
                .concat(),
                ThreadStatus::Recognised,
            ),
        ]
    }

    /// `message_hex` of a vector of `protocol/tests/vectors/`.
    fn vector(name: &str) -> Vec<u8> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../protocol/tests/vectors").join(name);
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reads {}: {e}", path.display()));
        let hex = json.split("\"message_hex\": \"").nth(1).and_then(|s| s.split('"').next()).expect("message_hex");
        (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")).collect()
    }

    pub fn write_seeds() {
        let interest = vector("mobility-interest.json");
        let receipt = vector("mobility-receipt.json");
        let happy = run(&happy_path(), false);
        assert_eq!(happy.steps[0].bytes, interest, "the seed thread opens with the vector's interest");
        assert_eq!(happy.taken, 9);
        assert_eq!(happy.thread.as_ref().unwrap().status(), ThreadStatus::Recognised);
        VerifiedReceipt::open(&receipt, NET).expect("the vector receipt opens");
        super::write("mobility_step", "vector-interest", &interest);
        super::write("mobility_step", "vector-receipt", &receipt);
        super::write("mobility_thread", "happy-path", &happy_path());

        let mut runs = vec![("happy-path", happy)];
        for (name, ops, status) in threads() {
            assert!(ops.len() <= 1 + MAX_OPS, "{name} has too many operations");
            let run = run(&ops.concat(), false);
            assert_eq!(run.thread.as_ref().map(|t| t.status()), Some(status), "{name} ends {}", status.as_str());
            super::write("mobility_thread", name, &ops.concat());
            runs.push((name, run));
        }

        let mut written: Vec<RecordHash> = vec![RecordHash::of(&interest)];
        for (name, run) in &runs {
            for (i, step) in run.steps.iter().enumerate() {
                if !written.contains(&step.hash) {
                    written.push(step.hash);
                    super::write("mobility_step", &format!("{name}-{i:02}-{}", step.kind()), &step.bytes);
                }
            }
        }

        // The host's receipts for the interest, one of each status.
        let host = SigningKey::from_bytes(&HOST_SECRET);
        let step = RecordHash::of(&interest);
        let refusal = ValidationError::new("body.offer", "the offer is withdrawn");
        let receipts = [
            ("receipt-duplicate", ReceiptStatus::Duplicate, Some(step), None),
            ("receipt-refused", ReceiptStatus::Refused, None, Some(&refusal)),
            ("receipt-conflict", ReceiptStatus::Conflict, Some(RecordHash([3; 32])), None),
            ("receipt-retry", ReceiptStatus::Retry, None, None),
        ];
        for (name, status, head, refusal) in receipts {
            let bytes = sign_receipt(&host, NET, &step, status, TS + 2, head, refusal).expect("signs a receipt");
            VerifiedReceipt::open(&bytes, NET).expect("the seed receipt opens");
            super::write("mobility_step", name, &bytes);
        }
    }
}

#[cfg(feature = "credential")]
mod credentials {
    use ed25519_dalek::SigningKey;
    use vetnet_credential::open_badge::{self, Award, HashedEmail, Institution};
    use vetnet_credential::{ContextSet, data_integrity, jwt};
    use vetnet_fuzz::{NET, SECRET, key};

    pub fn write_seeds() {
        let issuer = Institution {
            id: key().id(),
            name: "Karlskrona Vocational College".into(),
            country: "SE".into(),
            region: None,
            city: Some("Karlskrona".into()),
            website: Some("https://yrkes.example.se".into()),
            email: None,
        };
        let body = super::achievement();
        let uri = open_badge::achievement_uri(NET, &issuer.id, "mig-welding");
        let email = HashedEmail::new("jana@mail.example", "Xq7tLmR2vP9s");
        let award = Award {
            id: "urn:uuid:2f1c7e52-8b0e-4a8e-9c55-3d2b6f0e7a41",
            issuer: &issuer,
            creator: &issuer,
            achievement_uri: &uri,
            achievement: &body,
            learner_name: "Jana Novak",
            learner_email: Some(&email),
            awarded: "2027-02-01",
            valid_until: None,
            grade: Some("pass"),
        };
        let unsigned = open_badge::credential(&award);
        let signing = SigningKey::from_bytes(&SECRET);
        let method = data_integrity::verification_method_for(&signing.verifying_key());
        let signed = data_integrity::sign(&unsigned, &signing, &method, "2027-02-01T10:00:00Z", &ContextSet::bundled())
            .expect("signs the credential");
        data_integrity::verify(&signed, &ContextSet::bundled()).expect("the seed credential verifies");
        let token = jwt::encode(&unsigned, &signing, &method).expect("encodes the VC-JWT");
        jwt::decode_verify(&token).expect("the seed VC-JWT verifies");
        let signing_input = token.rsplit_once('.').expect("three parts").0;
        let seeds = [
            ("data-integrity", [&[0u8][..], serde_json::to_string(&signed).unwrap().as_bytes()].concat()),
            ("jwt", [&[1u8][..], token.as_bytes()].concat()),
            ("jwt-resigned", [&[2u8][..], signing_input.as_bytes()].concat()),
        ];
        for (name, bytes) in seeds {
            super::write("credential_verify", name, &bytes);
        }
    }
}
