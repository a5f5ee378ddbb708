//! Every main view survives serde both ways: serialised to JSON and read
//! back, it is equal to what it was. The CLI prints `--json` by reading the
//! node's answer into a view and serialising it again, so a view that loses
//! or changes a field on the way (a `flatten` that swallows a field, an
//! optional field that comes back different) would change the CLI's output.
//! Each sample fills the optional fields, and a second one leaves them out.

use std::collections::BTreeMap;
use std::fmt::Debug;

use serde::Serialize;
use serde::de::DeserializeOwned;
use vetnet_views::*;

/// Serialises `view` (as text and as a `Value`), reads it back, and checks
/// it is unchanged and serialises to the same JSON again.
fn round_trip<T: Serialize + DeserializeOwned + PartialEq + Debug>(view: &T) {
    let text = serde_json::to_string(view).unwrap();
    let back: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e} reading back {text}"));
    assert_eq!(&back, view, "changed on the way through {text}");
    let value = serde_json::to_value(view).unwrap();
    let back: T = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(serde_json::to_value(&back).unwrap(), value, "serialises differently the second time");
}

const DID: &str = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";
const OTHER: &str = "did:key:z6MknGc3ocHs3zdPiJbnaaqDi58NGb4pk1Sp9WxWufuXSdxf";

fn trust() -> TrustView {
    TrustView {
        level: TrustLevel::EndorsedByAnchor,
        depth: Some(1),
        path: Some(vec![TrustStep {
            endorser: OTHER.into(),
            endorser_name: Some("Netzwerk".into()),
            subject: DID.into(),
            subject_name: None,
            role: EndorsementRole::Member,
            network_name: Some("VET Nord".into()),
            until: None,
        }]),
        current_key: None,
        error: None,
    }
}

fn record<B>(kind: &str, body: Option<B>) -> RecordView<B> {
    RecordView {
        id: format!("{kind}-1"),
        author: DID.into(),
        author_name: Some("Berufsschule Kiel".into()),
        trust: trust(),
        kind: kind.into(),
        seq: 3,
        ts: 1_780_000_000,
        hash: "ab".repeat(32),
        withdrawn: body.is_none(),
        body,
    }
}

fn offer() -> Offer {
    Offer {
        title: LangText::new("en", "Welding in Kiel"),
        description: LangText::new("de", "Schweißen"),
        isced: "0715".into(),
        nace: Some("C25".into()),
        occupation: Some("http://data.europa.eu/esco/isco/C7212".into()),
        country: "DE".into(),
        city: Some("Kiel".into()),
        eqf_min: 3,
        eqf_max: 4,
        places: 2,
        start: "2027-03".into(),
        end: Some("2027-06".into()),
        weeks_min: 4,
        weeks_max: 8,
        deadline: Some("2027-01-15".into()),
        languages: vec![LanguageRequirement { lang: "de".into(), cefr: Some("A2".into()) }],
        outcomes: vec!["Welds steel plates".into()],
        esco_skills: vec!["http://data.europa.eu/esco/skill/1".into()],
        conditions: Conditions {
            accommodation: Some(Provision::Assisted),
            meals: Some(Provision::None),
            stipend: Some(Stipend { amount: 400, currency: "EUR".into() }),
            insurance: Some(InsuranceCover::SendingSchool),
            minors: true,
            mentor: true,
        },
        contact: Some(Contact { name: Some("Ana".into()), email: Some("ana@example.org".into()), phone: None }),
    }
}

fn minimal_offer() -> Offer {
    Offer {
        title: LangText::new("sv", "Svetsning"),
        description: LangText::default(),
        isced: "0715".into(),
        nace: None,
        occupation: None,
        country: "SE".into(),
        city: None,
        eqf_min: 4,
        eqf_max: 4,
        places: 1,
        start: "2027-09".into(),
        end: None,
        weeks_min: 2,
        weeks_max: 2,
        deadline: None,
        languages: Vec::new(),
        outcomes: Vec::new(),
        esco_skills: Vec::new(),
        conditions: Conditions::default(),
        contact: None,
    }
}

fn need() -> Need {
    Need {
        title: LangText::new("en", "Metalwork placements"),
        description: LangText::default(),
        learners: 3,
        isced: "0715".into(),
        occupation: None,
        qualification: Some("Metalworker".into()),
        eqf: 4,
        start: "2027-03".into(),
        end: None,
        weeks_min: 4,
        weeks_max: 6,
        countries: vec!["DE".into(), "AT".into()],
        nace: Vec::new(),
        languages: vec![LanguageRequirement { lang: "en".into(), cefr: None }],
        age: AgeBand::Under18,
        support: vec![SupportNeed::AccompanyingTeacher],
        support_note: Some("one wheelchair user".into()),
        funding: Some(Funding::ErasmusKa1Vet),
        contact: None,
    }
}

fn profile() -> Profile {
    Profile {
        name: LangText::new("de", "Berufsschule Kiel"),
        institution: InstitutionKind::VetProvider,
        vet: vec![VetProvision::Ivet, VetProvision::Cvet],
        country: "DE".into(),
        region: Some("DEF0".into()),
        city: Some("Kiel".into()),
        nuts: Some("DEF02".into()),
        isced: vec!["0715".into()],
        nace: vec!["C25".into()],
        languages: vec!["de".into(), "en".into()],
        website: Some("https://example.org".into()),
        email: Some("office@example.org".into()),
        registration: None,
        description: LangText::default(),
        nodes: vec![NodeAddress { peer_id: "12D3KooWExample".into(), addrs: vec!["/ip4/127.0.0.1/tcp/4001".into()] }],
    }
}

#[test]
fn offer_views_round_trip() {
    round_trip(&record("offer", Some(offer())));
    round_trip(&record("offer", Some(minimal_offer())));
    round_trip(&record::<Offer>("offer", None));
    round_trip(&PublishedView { record: record("offer", Some(offer())), gossip: GossipState::Queued });
    let unknown = RecordView { author_name: None, ..record::<Offer>("offer", None) };
    round_trip(&unknown);
}

#[test]
fn need_and_profile_views_round_trip() {
    round_trip(&record("need", Some(need())));
    round_trip(&record::<Need>("need", None));
    round_trip(&record("profile", Some(profile())));
    let unknown_trust = TrustView {
        level: TrustLevel::Unknown,
        depth: None,
        path: None,
        current_key: Some(OTHER.into()),
        error: Some("the trust graph could not be built".into()),
    };
    round_trip(&RecordView { trust: unknown_trust, ..record("profile", Some(profile())) });
}

#[test]
fn status_view_round_trips() {
    let report = SyncReportView {
        rounds: 2,
        fetches: 1,
        bytes_sent: 900,
        bytes_received: 12_000,
        needed: 5,
        have: 10,
        stored: 5,
        stale: 0,
    };
    let status = StatusView {
        peer_id: "12D3KooWExample".into(),
        listen_addrs: vec!["/ip4/127.0.0.1/tcp/4001".into()],
        institution: DID.into(),
        institution_name: Some("Berufsschule Kiel".into()),
        network: "vetnet-test".into(),
        peers: 2,
        topic_peers: 2,
        mesh_peers: 1,
        banned_peers: 0,
        records: BTreeMap::from([("offer".to_owned(), 3), ("profile".to_owned(), 2)]),
        gossip: GossipStats { accepted: 7, ignored: 1, rejected: 0 },
        ignored: vec![IgnoredCount { reason: "stale".into(), gossip: 1, sync: 3 }],
        outbox: 1,
        sync: vec![
            SyncPeerView {
                peer_id: "12D3KooWOther".into(),
                running: false,
                fetched: 0,
                needed: 0,
                last_finished: Some(1_780_000_100),
                last_report: Some(report),
                last_error: None,
            },
            SyncPeerView {
                peer_id: "12D3KooWThird".into(),
                running: true,
                fetched: 3,
                needed: 9,
                last_finished: None,
                last_report: None,
                last_error: Some("timed out".into()),
            },
        ],
        reachability: ReachabilityView {
            status: "private".into(),
            external_addrs: Vec::new(),
            relayed_addrs: vec!["/ip4/1.2.3.4/tcp/4001/p2p-circuit".into()],
            relay_server: false,
        },
        routing_table_peers: 4,
        database: DatabaseCheckView { check: "passed".into(), check_ms: Some(310), damage: None },
        disk: vetnet_views::DiskView { free_bytes: 5 << 30, reserve_bytes: 64 << 20, full: false },
        data_format: 1,
        api: "127.0.0.1:7300".into(),
        data_dir: "/var/lib/vetnet".into(),
        version: "0.1.0".into(),
    };
    round_trip(&status);
    let damaged = DatabaseCheckView { check: "damaged".into(), check_ms: None, damage: Some("a record".into()) };
    round_trip(&StatusView { institution_name: None, sync: Vec::new(), database: damaged, ..status });
}

fn institution(did: &str, name: Option<&str>) -> InstitutionView {
    InstitutionView { institution: did.into(), name: name.map(str::to_owned), trust: trust() }
}

fn step(ts: u64, delivery: Delivery, content: StepContent) -> StepView {
    StepView { from: DID.into(), ts, hash: format!("{ts:064x}"), delivery, content }
}

fn steps() -> Vec<StepView> {
    let interest = InterestStep { offer: "offer-1".into(), need: None, learners: 1, message: Some("hi".into()) };
    let agreement = AgreementStep {
        start: "2027-03-01".into(),
        end: "2027-03-28".into(),
        hours_per_week: Some(35),
        units: vec![Unit {
            title: "Welding".into(),
            outcomes: vec!["MIG welds".into()],
            esco_skills: Vec::new(),
            hours: Some(80),
        }],
        tasks: vec!["Workshop".into()],
        mentor: Mentor { name: "Jo".into(), email: None },
        assessment: "Observed".into(),
        recognition: "Unit 4".into(),
        insurance: Some(InsuranceCover::Host),
        note: None,
    };
    let signature = SignatureStep {
        agreement: "cd".repeat(32),
        role: SignerRole::Learner,
        signer: OTHER.into(),
        signature: "ef".repeat(64),
    };
    vec![
        step(1, Delivery::Delivered { at: 2 }, StepContent::Interest(Some(interest))),
        step(3, Delivery::Received { at: 4 }, StepContent::Acceptance(Some(MessageStep::default()))),
        step(
            5,
            Delivery::Pending { attempts: 2, last_error: Some("no route".into()) },
            StepContent::Agreement(Some(agreement)),
        ),
        step(6, Delivery::Pending { attempts: 0, last_error: None }, StepContent::Signature(Some(signature))),
        step(
            7,
            Delivery::Refused { field: "body.end".into(), reason: "before start".into() },
            StepContent::Nomination(None),
        ),
        step(
            8,
            Delivery::Superseded { at: 9 },
            StepContent::Cancellation(Some(CancellationStep { reason: "x".into() })),
        ),
    ]
}

fn facts() -> ThreadFacts {
    let signed = SignatureState { signed: true, signer: Some(OTHER.into()), ts: Some(6), step: Some("06".into()) };
    let unsigned = SignatureState { signed: false, signer: None, ts: None, step: None };
    ThreadFacts {
        learner: Some(LearnerFacts {
            name: "Kim Berg".into(),
            birth_date: "2008-05-01".into(),
            key: OTHER.into(),
            key_custody: KeyCustody::School,
            key_held_here: Some(true),
        }),
        agreement: Some(AgreementFacts {
            hash: "cd".repeat(32),
            version: 1,
            signatures: AgreementSignatures { learner: signed, school: unsigned.clone(), host: unsigned },
            missing: vec![SignerRole::School, SignerRole::Host],
            complete: false,
        }),
        credential: Some(ThreadCredential { id: "urn:uuid:1".into(), achievement: "weld-1".into(), document: None }),
        recognition: Some(RecognitionStep {
            decision: RecognitionDecision::PartlyRecognised,
            units: vec![0],
            credential: None,
            note: Some("unit 1 only".into()),
        }),
    }
}

#[test]
fn thread_detail_round_trips() {
    let detail = ThreadDetail {
        thread: "t-1".into(),
        role: Party::School,
        status: ThreadStatus::Agreeing,
        school: institution(DID, Some("Berufsschule Kiel")),
        host: institution(OTHER, None),
        offer: "offer-1".into(),
        created: 1,
        updated: 8,
        erased: false,
        erased_at: None,
        pending: 2,
        steps: steps(),
        next_steps: vec![StepKind::Signature, StepKind::Cancellation],
        facts: facts(),
    };
    round_trip(&detail);
    let erased = ThreadDetail {
        erased: true,
        erased_at: Some(10),
        status: ThreadStatus::Cancelled,
        steps: vec![step(10, Delivery::Received { at: 11 }, StepContent::Erasure(None))],
        next_steps: Vec::new(),
        facts: ThreadFacts::default(),
        ..detail
    };
    round_trip(&erased);
}

#[test]
fn match_items_round_trip() {
    let reason = |code, text: &str| Reason { code, text: text.into() };
    let candidate = MatchCandidate {
        score: 82,
        blocking: false,
        fits: vec![reason(Criterion::Field, "same field"), reason(Criterion::Dates, "dates overlap")],
        misfits: vec![reason(Criterion::Language, "needs A2 German")],
        notes: vec![reason(Criterion::Funding, "Erasmus+")],
        record: record("need", Some(need())),
    };
    round_trip(&MatchItem::Offer { own: record("offer", Some(offer())), matches: vec![candidate] });
    let blocked = MatchCandidate {
        score: 10,
        blocking: true,
        fits: Vec::new(),
        misfits: vec![reason(Criterion::Minors, "minors not accepted")],
        notes: Vec::new(),
        record: record("offer", Some(minimal_offer())),
    };
    round_trip(&MatchItem::Need { own: record("need", Some(need())), matches: vec![blocked] });
    round_trip(&MatchItem::Need { own: record("need", Some(need())), matches: Vec::new() });
}

#[test]
fn credential_verification_round_trips() {
    let check = |name: &str, status| CheckView {
        name: name.into(),
        status,
        detail: format!("{name} checked"),
        code: format!("{name}-checked"),
        args: [("day".to_owned(), "2027-01-01".to_owned())].into(),
    };
    let valid = VerificationView {
        verdict: Verdict::Valid,
        valid: true,
        summary: "valid".into(),
        format: Some("json".into()),
        checks: vec![check("signature", CheckStatus::Pass), check("expiry", CheckStatus::Skip)],
        credential: Some(CredentialFactsView {
            id: "urn:uuid:1".into(),
            name: "Welding".into(),
            issuer: DID.into(),
            issuer_name: Some("Berufsschule Kiel".into()),
            learner_name: Some("Kim Berg".into()),
            achievement: format!("{DID}/weld-1"),
            achievement_name: "Welding".into(),
            awarded: "2027-03-28".into(),
            valid_from: "2027-03-28T00:00:00Z".into(),
            valid_until: None,
        }),
        issuer: Some(IssuerView {
            id: DID.into(),
            name: "Berufsschule Kiel".into(),
            institution: InstitutionKind::VetProvider,
            country: "DE".into(),
            city: Some("Kiel".into()),
            website: None,
        }),
        delegated_by: Some(DelegatorView { id: OTHER.into(), name: "Kammer".into() }),
        revocation: None,
        trust: Some(trust()),
    };
    round_trip(&valid);
    let revoked = VerificationView {
        verdict: Verdict::Revoked,
        valid: false,
        summary: "revoked by its issuer".into(),
        checks: vec![check("revocation", CheckStatus::Fail)],
        revocation: Some(RevokedView { reason: RevocationReason::IssuedInError, ts: 5 }),
        trust: None,
        ..valid.clone()
    };
    round_trip(&revoked);
    let malformed = VerificationView {
        verdict: Verdict::Malformed,
        valid: false,
        summary: "not a credential".into(),
        format: None,
        checks: Vec::new(),
        credential: None,
        issuer: None,
        delegated_by: None,
        revocation: None,
        trust: None,
    };
    round_trip(&malformed);
}

#[test]
fn error_bodies_round_trip() {
    let invalid = ErrorBody {
        error: ErrorView {
            code: "invalid".into(),
            message: "body.eqf_min: must be 1 to 8".into(),
            field: Some("body.eqf_min".into()),
            rule: Some("must be 1 to 8".into()),
            rows: None,
        },
    };
    round_trip(&invalid);
    let rows = ErrorBody {
        error: ErrorView {
            code: "invalid".into(),
            message: "2 rows cannot be issued".into(),
            field: None,
            rule: None,
            rows: Some(vec![
                RowError { row: 1, field: "learner_name".into(), rule: "must not be empty".into() },
                RowError { row: 3, field: "date".into(), rule: "must be YYYY-MM-DD".into() },
            ]),
        },
    };
    round_trip(&rows);
    let not_found = ErrorBody {
        error: ErrorView {
            code: "not_found".into(),
            message: "no such API endpoint".into(),
            field: None,
            rule: None,
            rows: None,
        },
    };
    round_trip(&not_found);
}
