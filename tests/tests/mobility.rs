//! A learner's mobility over real nodes: a school in Sweden and a host in
//! Germany walk a thread from need, offer and match through interest to
//! recognition over
//! `/vetnet/<net>/direct/1`. The host is offline for part of it (the
//! nomination waits in the school's outbox and arrives when the host is
//! back), a party that may not take a step is refused (locally and over the
//! wire), the three parties sign the learning agreement, the host issues a
//! micro-credential at completion and the school's recognition refers to it;
//! an erasure leaves only an anonymised trace on both nodes.

use vetnet_node::Clock;
use vetnet_node::credentials::{Verdict, verify};
use vetnet_node::matching::{MatchQuery, match_own};
use vetnet_node::mobility::{CompletionCredential, Delivery, MobilityError, SignAs, ThreadStatus, ThreadView};
use vetnet_node::publish::PublishMode;
use vetnet_protocol::achievement::{AchievementBody, Participation};
use vetnet_protocol::fixtures;
use vetnet_protocol::mobility::steps::*;
use vetnet_protocol::mobility::{ReceiptStatus, StepBody, StepDraft, VerifiedReceipt, sign_step};
use vetnet_protocol::need::NeedBody;
use vetnet_protocol::offer::LanguageRequirement;
use vetnet_protocol::{LangText, RecordKey, RecordKind, ValidationContext};
use vetnet_tests::mobility::{wait_delivered, wait_for_status};
use vetnet_tests::{
    TestNode, offer, spawn, spawn_with_clock, start_on, stop, test_config, wait_for_topic_peers, wait_until,
};

const OFFER: &str = "welding-2027";
const ACHIEVEMENT: &str = "welding-placement";
const NEED: &str = "welders-2027";

/// Two welding learners from Sweden, EQF 4, four weeks in spring 2027.
fn need() -> NeedBody {
    NeedBody {
        title: LangText::new("en", "Two welders for a spring placement"),
        description: LangText::default(),
        qualification: Some("Industrial technology programme".into()),
        start: "2027-02-15".into(),
        end: Some("2027-04-30".into()),
        ..fixtures::need("", "DE", "0715", 4)
    }
}

fn achievement() -> AchievementBody {
    AchievementBody {
        title: LangText::new("en", "Welding placement at Kiel Metallbau"),
        description: LangText::new("en", "Four weeks of MIG welding in a shipyard supplier."),
        country: "DE".into(),
        outcomes: vec!["Welds fillet joints in PA and PB positions".into()],
        esco_skills: Vec::new(),
        ects: Some(6.0),
        hours: Some(150),
        eqf: Some(4),
        nqf: None,
        isced: Some("0715".into()),
        languages: vec!["en".into()],
        assessment: "Practical test, assessed by the workplace mentor".into(),
        participation: Participation::Workplace,
        quality_assurance: "Chamber of crafts quality assurance".into(),
        prerequisites: None,
        supervision: None,
        stackability: None,
        further_information: None,
    }
}

fn nomination() -> NominationBody {
    NominationBody {
        learner: Learner {
            given_name: "Elsa".into(),
            family_name: "Lindqvist".into(),
            birth_date: "2009-05-14".into(),
            email: Some("elsa.lindqvist@learners.example".into()),
            languages: vec![LanguageRequirement { lang: "en".into(), cefr: Some("B1".into()) }],
            qualification: Some("Industrial technology programme, welding".into()),
            eqf: Some(4),
        },
        learner_key: String::new(),
        key_custody: KeyCustody::School,
        start: "2026-10-05".into(),
        end: "2026-10-30".into(),
        message: Some("Elsa has her welding safety certificate.".into()),
    }
}

fn agreement() -> AgreementBody {
    AgreementBody {
        start: "2026-10-05".into(),
        end: "2026-10-30".into(),
        hours_per_week: Some(37),
        units: vec![Unit {
            title: "MIG welding of steel structures".into(),
            outcomes: vec!["Welds fillet joints in PA and PB positions to EN ISO 5817 level C".into()],
            esco_skills: Vec::new(),
            hours: Some(120),
        }],
        tasks: vec!["Prepares joints".into(), "Welds brackets under supervision".into()],
        mentor: Mentor { name: "Jens Petersen".into(), email: Some("jens.petersen@kiel-metallbau.example".into()) },
        assessment: "Practical test at the end of week 4, assessed by the mentor".into(),
        recognition: "Credited as the workplace-learning part of the welding course (100 points)".into(),
        insurance: Some(vetnet_protocol::offer::InsuranceCover::SendingSchool),
        note: None,
    }
}

fn delivery_of(view: &ThreadView, index: usize) -> Delivery {
    view.log.entries[index].delivery.clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[expect(clippy::too_many_lines, reason = "one scenario, read top to bottom")]
async fn a_mobility_from_interest_to_recognition_with_the_host_offline_for_a_while() {
    vetnet_tests::init_logging();
    let host = spawn("Kiel Metallbau", "DE", &[]).await;
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[host.addr()]).await;
    wait_for_topic_peers(&school, 1).await;
    let host_id = host.node.info().institution;
    let school_id = school.node.info().institution;
    let publisher = host.node.publisher();
    publisher
        .publish(RecordKind::Offer, OFFER, &offer("Welding in Kiel", "DE", "0715", 4), PublishMode::Create)
        .await
        .unwrap();
    publisher.publish(RecordKind::Achievement, ACHIEVEMENT, &achievement(), PublishMode::Create).await.unwrap();
    let offer_key = RecordKey { author: host_id, kind: "offer".into(), id: OFFER.into() };
    wait_until("the host's offer reaches the school", || async {
        school.node.store().get(&offer_key).ok().flatten().is_some()
    })
    .await;

    // The school's need; matching ranks the host's offer for it, with reasons,
    // on the school's node, and the need for the offer on the host's.
    school.node.publisher().publish(RecordKind::Need, NEED, &need(), PublishMode::Create).await.unwrap();
    let need_key = RecordKey { author: school_id, kind: "need".into(), id: NEED.into() };
    wait_until("the school's need reaches the host", || async {
        host.node.store().get(&need_key).ok().flatten().is_some()
    })
    .await;
    let query = MatchQuery { need: Some(NEED.into()), ..MatchQuery::default() };
    let matches = match_own(school.node.store(), &school_id, &query).unwrap();
    let best = &matches[0].candidates[0];
    assert_eq!((best.record.author, best.record.payload.id.as_str()), (host_id, OFFER));
    assert!(!best.report.blocking);
    assert!(best.report.fits.iter().any(|r| r.text.contains("field of education matches")), "{:?}", best.report);
    let query = MatchQuery { offer: Some(OFFER.into()), ..MatchQuery::default() };
    let matches = match_own(host.node.store(), &host_id, &query).unwrap();
    assert_eq!(matches[0].candidates[0].record.author, school_id, "the host finds the school's need for its offer");

    // Interest: school → host, about the offer and answering the need,
    // delivered with a signed receipt.
    let wrong_need =
        InterestBody { offer: OFFER.into(), need: Some("no-such-need".into()), learners: 2, message: None };
    let refused = school.node.mobility().express_interest(host_id, wrong_need).await.unwrap_err();
    assert!(matches!(refused, MobilityError::Refused(ref r) if r.field == "need"), "{refused:?}");
    let interest = InterestBody {
        offer: OFFER.into(),
        need: Some(NEED.into()),
        learners: 2,
        message: Some("Two welders in March?".into()),
    };
    let view = school.node.mobility().express_interest(host_id, interest).await.unwrap();
    let thread = view.log.thread.clone();
    wait_delivered(&school, &thread).await;
    wait_for_status(&host, &thread, ThreadStatus::Interested).await;
    let interest_hash = vetnet_protocol::RecordHash(view.log.entries[0].hash);
    let receipt = school.node.mobility().receipt(&interest_hash).unwrap().expect("a receipt is kept");
    let receipt = VerifiedReceipt::open(&receipt, "bsr").unwrap();
    assert_eq!(receipt.signer, host_id, "the host's node signed the receipt");
    assert_eq!(receipt.payload.status, ReceiptStatus::Accepted);

    // The host goes offline; the nomination waits in the school's outbox.
    let host_addr = host.addr();
    let host_dir = stop(host).await;
    let view = school.node.mobility().nominate(&thread, nomination()).await.unwrap();
    assert_eq!(view.status(), ThreadStatus::Nominated);
    wait_until("the school has tried to deliver the nomination and failed", || async {
        let view = school.node.mobility().show(&thread).unwrap();
        matches!(delivery_of(&view, 1), Delivery::Pending { attempts, last_error: Some(_) } if attempts >= 1)
    })
    .await;
    assert_eq!(school.node.mobility().outbox_len(), 1);

    // Back on the same address: the nomination arrives.
    let host = start_on(host_dir, Some(host_addr.clone()), &[school.addr()]).await;
    wait_for_status(&host, &thread, ThreadStatus::Nominated).await;
    wait_delivered(&school, &thread).await;
    assert_eq!(school.node.mobility().outbox_len(), 0);
    let learner_key = {
        let view = host.node.mobility().show(&thread).unwrap();
        match &view.thread.as_ref().unwrap().nomination().unwrap().body {
            StepBody::Nomination(n) => {
                assert_eq!(n.learner.family_name, "Lindqvist", "the host holds the learner's minimum data");
                assert_eq!(n.key_custody, KeyCustody::School);
                n.learner_key.clone()
            }
            other => panic!("not a nomination: {other:?}"),
        }
    };
    assert!(learner_key.starts_with("did:key:z6Mk"));

    // A step from a party that may not take it: the school cannot accept
    // its own nomination, neither through its node ...
    let refused = school.node.mobility().accept(&thread, AcceptanceBody::default()).await.unwrap_err();
    match refused {
        MobilityError::Refused(rule) => {
            assert_eq!(rule.field, "step");
            assert!(rule.rule.contains("the school may not take a acceptance step"), "{}", rule.rule);
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    // ... nor by signing one by hand and sending it straight to the host.
    let host_view = host.node.mobility().show(&thread).unwrap();
    let head = host_view.thread.as_ref().unwrap().head();
    let forged = sign_step(
        school.node.publisher().key().signing_key(),
        StepDraft {
            net: "bsr".into(),
            thread: thread.clone(),
            n: Some(2),
            prev: Some(head),
            to: host_id,
            ts: vetnet_node::publish::unix_now(),
            body: StepBody::Acceptance(AcceptanceBody { message: Some("accepted by myself".into()) }),
        },
        &ValidationContext { network: "bsr", now: vetnet_node::publish::unix_now() },
    )
    .unwrap();
    let answer = school
        .node
        .network()
        .send_direct(host.node.info().peer_id, vec![host_addr.clone()], forged.bytes.clone())
        .await
        .unwrap();
    let receipt = VerifiedReceipt::open(&answer, "bsr").unwrap();
    assert_eq!(receipt.payload.status, ReceiptStatus::Refused);
    assert_eq!(receipt.payload.field.as_deref(), Some("step"));
    assert_eq!(
        host.node.mobility().show(&thread).unwrap().status(),
        ThreadStatus::Nominated,
        "nothing changed at the host"
    );

    // The host accepts; the school proposes the learning agreement.
    host.node.mobility().accept(&thread, AcceptanceBody { message: Some("Welcome, Elsa!".into()) }).await.unwrap();
    wait_for_status(&school, &thread, ThreadStatus::Accepted).await;
    school.node.mobility().agree(&thread, agreement()).await.unwrap();
    wait_for_status(&host, &thread, ThreadStatus::Agreeing).await;

    // Completion before all three signed is refused.
    let completion = CompletionBody {
        start: "2026-10-05".into(),
        end: "2026-10-30".into(),
        units: vec![UnitAssessment { unit: 0, result: UnitResult::Achieved, note: None }],
        assessment: "Elsa welds to level C; careful and safe.".into(),
        hours: Some(148),
        signatures: Vec::new(),
        credential: None,
    };
    let early = host.node.mobility().complete(&thread, completion.clone(), None).await.unwrap_err();
    assert!(
        matches!(early, MobilityError::Refused(ref r) if r.rule.contains("missing: learner, school, host")),
        "{early:?}"
    );

    // Three separate signatures: the learner (key held by the school's
    // node), the school and the host.
    school.node.mobility().sign(&thread, SignAs::LearnerHeldKey).await.unwrap();
    school.node.mobility().sign(&thread, SignAs::Institution).await.unwrap();
    let view = school.node.mobility().show(&thread).unwrap();
    let agreement_hash = view.thread.as_ref().unwrap().current_agreement().unwrap().hash;
    assert_eq!(
        view.thread.as_ref().unwrap().signatures_of(&agreement_hash).missing(),
        vec![SignerRole::Host],
        "mobility show says who still has to sign"
    );
    wait_until("both school signatures reach the host", || async {
        let view = host.node.mobility().show(&thread).unwrap();
        view.thread.unwrap().signatures().len() == 2
    })
    .await;
    host.node.mobility().sign(&thread, SignAs::Institution).await.unwrap();
    wait_for_status(&school, &thread, ThreadStatus::Agreed).await;
    wait_for_status(&host, &thread, ThreadStatus::Agreed).await;

    // A completion the thread refuses keeps no credential it would have carried.
    let mut wrong_unit = completion.clone();
    wrong_unit.units[0].unit = 5;
    let credential = CompletionCredential { achievement: ACHIEVEMENT.into(), grade: None };
    let refused = host.node.mobility().complete(&thread, wrong_unit, Some(credential)).await.unwrap_err();
    assert!(matches!(refused, MobilityError::Refused(ref r) if r.field == "body.units"), "{refused:?}");
    assert!(host.node.credentials().list().unwrap().is_empty(), "the credential issued for it is not kept");

    // Completion with a micro-credential; the school's recognition refers to it.
    let credential = CompletionCredential { achievement: ACHIEVEMENT.into(), grade: Some("Passed".into()) };
    let view = host.node.mobility().complete(&thread, completion, Some(credential)).await.unwrap();
    assert_eq!(view.status(), ThreadStatus::Completed);
    wait_for_status(&school, &thread, ThreadStatus::Completed).await;
    let (credential_id, document) = {
        let view = school.node.mobility().show(&thread).unwrap();
        match &view.thread.as_ref().unwrap().completion().unwrap().body {
            StepBody::Completion(c) => {
                let credential = c.credential.clone().expect("the completion carries the credential");
                (credential.id, credential.document.expect("and its document"))
            }
            other => panic!("not a completion: {other:?}"),
        }
    };
    assert!(document.contains("Elsa Lindqvist"));
    let achievement_key = RecordKey { author: host_id, kind: "achievement".into(), id: ACHIEVEMENT.into() };
    wait_until("the host's achievement reaches the school", || async {
        school.node.store().get(&achievement_key).ok().flatten().is_some()
    })
    .await;
    assert_eq!(verify(school.node.store(), &document, chrono::Utc::now()).unwrap().verdict, Verdict::Valid);

    let wrong = RecognitionBody {
        decision: RecognitionDecision::Recognised,
        units: vec![0],
        credential: Some("urn:uuid:00000000-0000-4000-8000-000000000000".into()),
        note: None,
    };
    assert!(matches!(
        school.node.mobility().recognise(&thread, wrong).await,
        Err(MobilityError::Refused(ref r)) if r.field == "body.credential"
    ));
    let recognition = RecognitionBody {
        decision: RecognitionDecision::Recognised,
        units: vec![0],
        credential: Some(credential_id.clone()),
        note: Some("Credited in full.".into()),
    };
    school.node.mobility().recognise(&thread, recognition).await.unwrap();
    wait_for_status(&host, &thread, ThreadStatus::Recognised).await;
    wait_delivered(&school, &thread).await;
    wait_delivered(&host, &thread).await;

    // Both nodes hold the same chain.
    let chain = |node: &TestNode| -> Vec<String> {
        let view = node.node.mobility().show(&thread).unwrap();
        view.thread.unwrap().links().iter().map(|l| l.hash.to_hex()).collect()
    };
    assert_eq!(chain(&school), chain(&host));
    assert_eq!(chain(&school).len(), 6, "interest, nomination, acceptance, agreement, completion, recognition");

    // A step can never pass as a record, so no node would gossip or store one.
    let step = view.thread.as_ref().unwrap().links()[1].bytes.clone();
    let ctx = ValidationContext { network: "bsr", now: vetnet_node::publish::unix_now() };
    assert!(vetnet_protocol::VerifiedRecord::open(&step, &ctx).is_err());

    // Erasure on the learner's request: both nodes keep only a trace.
    school.node.mobility().erase(&thread, Some("the learner asked".into())).await.unwrap();
    wait_until("the host erases the learner's data too", || async {
        host.node.mobility().show(&thread).is_ok_and(|v| v.log.erased.is_some())
    })
    .await;
    for node in [&school, &host] {
        let view = node.node.mobility().show(&thread).unwrap();
        assert!(view.thread.is_none() && view.bodies.is_empty(), "no step body is left");
        assert_eq!(view.status(), ThreadStatus::Recognised, "the trace keeps the outcome");
        assert_eq!(view.log.entries.len(), 10, "the trace keeps every step's kind, time and hash");
        assert!(!node.node.mobility().holds_learner_key(&thread).unwrap());
    }
    assert!(
        host.node.credentials().get(&credential_id).is_err(),
        "the host's copy of the credential it issued (the learner's name) is gone too"
    );
}

/// Opens a thread and walks it to `accepted` on both nodes.
async fn accepted_thread(school: &TestNode, host: &TestNode) -> String {
    let host_id = host.node.info().institution;
    let interest = InterestBody { offer: OFFER.into(), need: None, learners: 1, message: None };
    let thread = school.node.mobility().express_interest(host_id, interest).await.unwrap().log.thread;
    wait_for_status(host, &thread, ThreadStatus::Interested).await;
    school.node.mobility().nominate(&thread, nomination()).await.unwrap();
    wait_for_status(host, &thread, ThreadStatus::Nominated).await;
    host.node.mobility().accept(&thread, AcceptanceBody::default()).await.unwrap();
    wait_for_status(school, &thread, ThreadStatus::Accepted).await;
    thread
}

/// Two nodes with the host's offer known to the school.
async fn school_and_host() -> (TestNode, TestNode) {
    let host = spawn("Kiel Metallbau", "DE", &[]).await;
    let school = spawn("Luleå Yrkesgymnasium", "SE", &[host.addr()]).await;
    wait_for_topic_peers(&school, 1).await;
    let publisher = host.node.publisher();
    publisher
        .publish(RecordKind::Offer, OFFER, &offer("Welding in Kiel", "DE", "0715", 4), PublishMode::Create)
        .await
        .unwrap();
    let offer_key = RecordKey { author: host.node.info().institution, kind: "offer".into(), id: OFFER.into() };
    wait_until("the host's offer reaches the school", || async {
        school.node.store().get(&offer_key).ok().flatten().is_some()
    })
    .await;
    (school, host)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_parties_amending_at_once_converge_on_one_chain() {
    vetnet_tests::init_logging();
    let (school, host) = school_and_host().await;
    let mut threads = Vec::new();
    for _ in 0..4 {
        threads.push(accepted_thread(&school, &host).await);
    }
    // Both propose an agreement at the same moment, in every thread.
    let mut by_host = agreement();
    by_host.note = Some("the host's version".into());
    for thread in &threads {
        let (a, b) = tokio::join!(
            school.node.mobility().agree(thread, agreement()),
            host.node.mobility().agree(thread, by_host.clone())
        );
        // A side may find the other's agreement already there: its own is
        // then an amendment. Either way both calls succeed locally.
        a.unwrap();
        b.unwrap();
    }
    let mut superseded = 0;
    for thread in &threads {
        wait_delivered(&school, thread).await;
        wait_delivered(&host, thread).await;
        let chain = |node: &TestNode| -> Vec<String> {
            let view = node.node.mobility().show(thread).unwrap();
            view.thread.unwrap().links().iter().map(|l| l.hash.to_hex()).collect()
        };
        wait_until("both nodes hold the same chain", || async { chain(&school) == chain(&host) }).await;
        let view = school.node.mobility().show(thread).unwrap();
        assert_eq!(view.status(), ThreadStatus::Agreeing);
        let logs = [view.log.clone(), host.node.mobility().show(thread).unwrap().log];
        superseded +=
            logs.iter().flat_map(|l| &l.entries).filter(|e| matches!(e.delivery, Delivery::Superseded { .. })).count();
        assert_eq!(
            school.node.mobility().show(thread).unwrap().status(),
            host.node.mobility().show(thread).unwrap().status()
        );
    }
    eprintln!("{superseded} of {} concurrent agreements lost a race and were superseded", threads.len() * 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stranger_is_refused_an_interest_in_no_offer_and_banned_for_garbage() {
    let host = spawn("Kiel Metallbau", "DE", &[]).await;
    let other = spawn("Spammer", "SE", &[host.addr()]).await;
    wait_for_topic_peers(&other, 1).await;
    let (peer, addr) = (host.node.info().peer_id, host.addr());
    // A valid step of a thread the host does not know: refused, no penalty.
    let step = sign_step(
        other.node.publisher().key().signing_key(),
        StepDraft {
            net: "bsr".into(),
            thread: "m-0123456789abcdef01234567".into(),
            n: Some(1),
            prev: Some(vetnet_protocol::RecordHash([7; 32])),
            to: host.node.info().institution,
            ts: vetnet_node::publish::unix_now(),
            body: StepBody::Acceptance(AcceptanceBody::default()),
        },
        &ValidationContext { network: "bsr", now: vetnet_node::publish::unix_now() },
    )
    .unwrap();
    let answer = other.node.network().send_direct(peer, vec![addr.clone()], step.bytes).await.unwrap();
    let receipt = VerifiedReceipt::open(&answer, "bsr").unwrap();
    assert_eq!(receipt.payload.status, ReceiptStatus::Refused);
    assert_eq!(receipt.payload.field.as_deref(), Some("thread"));
    // An interest in an offer the host does not have: refused, naming it.
    let profile = RecordKey { author: other.node.info().institution, kind: "profile".into(), id: "profile".into() };
    wait_until("the host holds the sender's profile", || async {
        host.node.store().get(&profile).ok().flatten().is_some()
    })
    .await;
    let interest = sign_step(
        other.node.publisher().key().signing_key(),
        StepDraft {
            net: "bsr".into(),
            thread: "m-0123456789abcdef01234568".into(),
            n: Some(0),
            prev: None,
            to: host.node.info().institution,
            ts: vetnet_node::publish::unix_now(),
            body: StepBody::Interest(InterestBody {
                offer: "no-such-offer".into(),
                need: None,
                learners: 1,
                message: None,
            }),
        },
        &ValidationContext { network: "bsr", now: vetnet_node::publish::unix_now() },
    )
    .unwrap();
    let answer = other.node.network().send_direct(peer, vec![addr.clone()], interest.bytes).await.unwrap();
    let receipt = VerifiedReceipt::open(&answer, "bsr").unwrap();
    assert_eq!(
        (receipt.payload.status, receipt.payload.field.as_deref()),
        (ReceiptStatus::Refused, Some("body.offer"))
    );
    assert!(host.node.mobility().list().unwrap().is_empty(), "no thread was opened");

    // Garbage: refused with a receipt, until the sender is banned.
    let mut refused = 0;
    for i in 0..20u8 {
        match other.node.network().send_direct(peer, vec![addr.clone()], vec![0xd2, i, 1, 2, 3]).await {
            Ok(answer) => {
                let receipt = VerifiedReceipt::open(&answer, "bsr").unwrap();
                assert_eq!(receipt.payload.status, ReceiptStatus::Refused);
                refused += 1;
            }
            Err(_) => break,
        }
    }
    assert!(refused >= 5, "the first garbage messages get a refusal ({refused})");
    wait_until("the host bans the peer", || async {
        host.node
            .network()
            .banned_peers()
            .await
            .is_ok_and(|banned| banned.iter().any(|b| b.peer_id == other.node.info().peer_id))
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_the_host_rotates_its_key_steps_still_arrive_and_it_can_still_erase() {
    let (school, host) = school_and_host().await;
    let old_host = host.node.info().institution;
    let thread = accepted_thread(&school, &host).await;
    host.node.publisher().rotate_key(host.node.data_dir()).await.unwrap();
    let new_host = host.node.publisher().key().id();
    assert_ne!(old_host, new_host);
    wait_until("the school learns of the rotation", || async {
        school.node.store().key_ledger().current_key(&old_host) == new_host
    })
    .await;
    // The school's next step, addressed to the host's old key, arrives; the
    // receipt signed by the new key is taken.
    school.node.mobility().agree(&thread, agreement()).await.unwrap();
    wait_delivered(&school, &thread).await;
    wait_for_status(&host, &thread, ThreadStatus::Agreeing).await;
    // The host sees its side, and says why it cannot sign with the new key.
    let view = host.node.mobility().show(&thread).unwrap();
    assert_eq!(view.party.as_str(), "host");
    let refused = host.node.mobility().sign(&thread, SignAs::Institution).await.unwrap_err();
    assert!(matches!(refused, MobilityError::Refused(ref r) if r.rule.contains("rotated")), "{refused:?}");
    // An erasure signed by the new key is honoured by the school.
    host.node.mobility().erase(&thread, None).await.unwrap();
    wait_until("the school erases too", || async {
        school.node.mobility().show(&thread).is_ok_and(|v| v.log.erased.is_some())
    })
    .await;
}

/// Two nodes on one manual clock date what they sign by it: an offer, a
/// step, and the receipt the host signs for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nodes_on_a_manual_clock_date_records_steps_and_receipts_by_it() {
    let clock = Clock::manual(Clock::system().now_unix() + 60);
    let host = spawn_with_clock("Kiel Metallbau", "DE", test_config(&[]), clock.clone()).await;
    let school = spawn_with_clock("Luleå Yrkesgymnasium", "SE", test_config(&[host.addr()]), clock.clone()).await;
    wait_for_topic_peers(&school, 1).await;
    let host_id = host.node.info().institution;
    let offer = offer("Welding in Kiel", "DE", "0715", 4);
    let published = host.node.publisher().publish(RecordKind::Offer, OFFER, &offer, PublishMode::Create).await.unwrap();
    assert_eq!(published.record.payload.ts, clock.now_unix());
    let offer_key = RecordKey { author: host_id, kind: "offer".into(), id: OFFER.into() };
    wait_until("the host's offer reaches the school", || async {
        school.node.store().get(&offer_key).ok().flatten().is_some()
    })
    .await;
    clock.advance(std::time::Duration::from_secs(30));
    let interest = InterestBody { offer: OFFER.into(), need: None, learners: 1, message: None };
    let view = school.node.mobility().express_interest(host_id, interest).await.unwrap();
    assert_eq!(view.log.entries[0].ts, clock.now_unix());
    assert_eq!(view.log.created, clock.now_unix());
    let thread = view.log.thread.clone();
    wait_delivered(&school, &thread).await;
    let step = vetnet_protocol::RecordHash(view.log.entries[0].hash.as_slice().try_into().unwrap());
    let receipt = school.node.mobility().receipt(&step).unwrap().expect("a receipt is kept");
    let receipt = VerifiedReceipt::open(&receipt, "bsr").unwrap();
    assert_eq!((receipt.payload.status, receipt.payload.ts), (ReceiptStatus::Accepted, clock.now_unix()));
    assert_eq!(
        delivery_of(&school.node.mobility().show(&thread).unwrap(), 0),
        Delivery::Delivered { at: clock.now_unix() }
    );
}
