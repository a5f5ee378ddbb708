//! Trust without a central register, over real nodes: a national agency is
//! every node's anchor; it endorses a school, which endorses a company, which
//! endorses another school. Every node computes the same levels and paths;
//! a withdrawal or an expiry lowers them everywhere. A rotated key goes on
//! under its successor while what the old key signs later is refused, and a
//! revocation removes what a leaked key signed.

use std::collections::HashSet;

use vetnet_node::ingest::ingest;
use vetnet_node::keys::retired_institution_key;
use vetnet_node::network::Verdict;
use vetnet_node::publish::{PublishMode, unix_now};
use vetnet_node::search::{InstitutionQuery, OfferQuery, search_institutions};
use vetnet_node::store::InsertOutcome;
use vetnet_node::trust::{TrustGraph, TrustLevel};
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole};
use vetnet_protocol::key_lifecycle::KeyRevocationReason;
use vetnet_protocol::{InstitutionId, InstitutionKey, Payload, RecordKey, RecordKind, ValidationContext};
use vetnet_tests::{TestNode, offer, restart, spawn, wait_for_topic_peers, wait_until};

/// Today by the system clock, as the test nodes judge trust.
fn today() -> String {
    vetnet_node::Clock::system().today()
}

fn id(node: &TestNode) -> InstitutionId {
    node.node.publisher().institution()
}

fn endorsement(
    subject: InstitutionId,
    role: EndorsementRole,
    network: Option<&str>,
    until: Option<&str>,
) -> EndorsementBody {
    EndorsementBody {
        subject: subject.to_did(),
        role,
        network_name: network.map(str::to_owned),
        until: until.map(str::to_owned),
    }
}

/// The level and the path (as endorser → subject pairs) `node` gives `key` on `day`.
fn trust_on(node: &TestNode, key: InstitutionId, day: &str) -> (TrustLevel, Vec<(InstitutionId, InstitutionId)>) {
    let store = node.node.store();
    let graph = TrustGraph::build(store, day).unwrap();
    let trust = graph.trust_of(&key, &store.key_ledger());
    (trust.level, trust.path.iter().map(|step| (step.endorser, step.subject)).collect())
}

async fn wait_for_endorsements(nodes: &[&TestNode], count: usize) {
    for node in nodes {
        wait_until("every endorsement reaches every node", || async {
            vetnet_node::trust::live_endorsements(node.node.store()).unwrap().len() == count
        })
        .await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_three_level_chain_gives_levels_and_paths_and_withdrawal_or_expiry_lowers_them() {
    let agency = spawn("Swedish agency", "SE", &[]).await;
    let school = spawn("Riga VET school", "LV", &[agency.addr()]).await;
    let company = spawn("Gdansk Shipyard", "PL", &[agency.addr()]).await;
    let other = spawn("Tallinn Tech", "EE", &[agency.addr()]).await;
    wait_for_topic_peers(&agency, 3).await;
    let nodes = [&agency, &school, &company, &other];
    let (n, a, b, c) = (id(&agency), id(&school), id(&company), id(&other));
    let beyond = InstitutionKey::from_secret_bytes(&[9; 32]).id();

    // No anchors anywhere: everything is unverified, nothing breaks.
    assert_eq!(trust_on(&other, a, &today()).0, TrustLevel::Unverified);

    for node in nodes {
        node.node.store().set_anchors(HashSet::from([n])).unwrap();
    }
    let until = "2099-12-31";
    agency.node.publisher().endorse(&endorsement(a, EndorsementRole::Accreditor, None, Some(until))).await.unwrap();
    school.node.publisher().endorse(&endorsement(b, EndorsementRole::Partner, None, None)).await.unwrap();
    company.node.publisher().endorse(&endorsement(c, EndorsementRole::Member, Some("HansaVET"), None)).await.unwrap();
    other.node.publisher().endorse(&endorsement(beyond, EndorsementRole::Partner, None, None)).await.unwrap();
    wait_for_endorsements(&nodes, 4).await;

    for node in nodes {
        let day = today();
        assert_eq!(trust_on(node, n, &day), (TrustLevel::Anchor, vec![]));
        assert_eq!(trust_on(node, a, &day), (TrustLevel::EndorsedByAnchor, vec![(n, a)]));
        assert_eq!(trust_on(node, b, &day), (TrustLevel::EndorsedViaChain, vec![(n, a), (a, b)]));
        assert_eq!(trust_on(node, c, &day), (TrustLevel::EndorsedViaChain, vec![(n, a), (a, b), (b, c)]));
        // Four steps from the anchor is beyond the documented depth of three.
        assert_eq!(trust_on(node, beyond, &day), (TrustLevel::Unverified, vec![]));
    }
    let store = other.node.store();
    let graph = TrustGraph::build(store, &today()).unwrap();
    let trust = graph.trust_of(&c, &store.key_ledger());
    assert_eq!(trust.path[2].role, EndorsementRole::Member);
    assert_eq!(trust.path[2].network_name.as_deref(), Some("HansaVET"));
    // `--trusted` keeps the four institutions of the chain, not strangers.
    let trusted = graph.trust_of(&n, &store.key_ledger());
    assert_eq!(trusted.level, TrustLevel::Anchor);
    let query = InstitutionQuery { authors_in: Some(graph.trusted_keys()), ..InstitutionQuery::default() };
    assert_eq!(search_institutions(store, &query).unwrap().len(), 4);

    // The agency's endorsement ends on its `until` day: from the next day on,
    // the whole chain below it is unverified on every node.
    for node in nodes {
        assert_eq!(trust_on(node, a, until).0, TrustLevel::EndorsedByAnchor);
        for institution in [a, b, c] {
            assert_eq!(trust_on(node, institution, "2100-01-01"), (TrustLevel::Unverified, vec![]));
        }
        assert_eq!(trust_on(node, n, "2100-01-01").0, TrustLevel::Anchor);
    }

    // The school withdraws its endorsement of the company: on every node the
    // company and the school it vouched for fall to unverified.
    school.node.publisher().withdraw_endorsements(&b, None).await.unwrap();
    wait_for_endorsements(&nodes, 3).await;
    for node in nodes {
        assert_eq!(trust_on(node, a, &today()).0, TrustLevel::EndorsedByAnchor);
        assert_eq!(trust_on(node, b, &today()), (TrustLevel::Unverified, vec![]));
        assert_eq!(trust_on(node, c, &today()), (TrustLevel::Unverified, vec![]));
    }
    let query = InstitutionQuery {
        authors_in: Some(TrustGraph::build(store, &today()).unwrap().trusted_keys()),
        ..InstitutionQuery::default()
    };
    assert_eq!(search_institutions(store, &query).unwrap().len(), 2);
}

/// Signs a record with `key` as a node would, at `ts`.
fn sign_offer(key: &InstitutionKey, id: &str, seq: u64, ts: u64) -> Vec<u8> {
    let body = offer("Welding placement", "LV", "0715", 4);
    let payload = Payload::with_body("bsr", RecordKind::Offer, id, seq, ts, &body).unwrap();
    key.sign_checked(&payload, &ValidationContext { network: "bsr", now: unix_now() }).unwrap().bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotated_key_goes_on_under_its_successor_and_the_old_key_is_refused() {
    let school = spawn("Riga VET school", "LV", &[]).await;
    let host = spawn("Gdansk Shipyard", "PL", &[school.addr()]).await;
    wait_for_topic_peers(&host, 1).await;
    let old = id(&school);
    // The host trusts itself and endorses the school as a partner.
    host.node.store().set_anchors(HashSet::from([id(&host)])).unwrap();
    host.node.publisher().endorse(&endorsement(old, EndorsementRole::Partner, None, None)).await.unwrap();
    let publisher = school.node.publisher();
    publisher.publish_offer("welding-2027", &offer("Welding", "LV", "0715", 4), PublishMode::Create).await.unwrap();
    wait_until("the offer reaches the host", || async {
        host.offers(&OfferQuery::default()).iter().any(|r| r.author == old)
    })
    .await;

    let rotated = publisher.rotate_key(school.node.data_dir()).await.unwrap();
    let new = rotated.new;
    assert_eq!(rotated.old, old);
    assert_eq!(id(&school), new);
    assert_eq!(rotated.carried, 2, "the profile and the offer are signed again");
    wait_until("the host has the offer under the new key, and not the old", || async {
        let offers = host.offers(&OfferQuery::default());
        offers.len() == 1 && offers[0].author == new
    })
    .await;
    // The host's endorsement of the old key counts for the new one.
    let (level, path) = trust_on(&host, new, &today());
    assert_eq!((level, path), (TrustLevel::EndorsedByAnchor, vec![(id(&host), new)]));
    assert_eq!(trust_on(&host, old, &today()).0, TrustLevel::EndorsedByAnchor);

    // The successor publishes on; the old key's later records are refused
    // on both nodes, an earlier one (signed before the rotation) is not.
    publisher.publish_offer("cnc-2027", &offer("CNC machining", "LV", "0715", 4), PublishMode::Create).await.unwrap();
    wait_until("the new key's offer arrives", || async { host.offers(&OfferQuery::default()).len() == 2 }).await;
    let old_key = retired_institution_key(school.node.data_dir(), &old).unwrap().expect("the old key is kept");
    let at = rotated.rotation.record.payload.ts;
    for node in [&school, &host] {
        let late = sign_offer(&old_key, "forged", 1, at + 1);
        let (verdict, outcome) = ingest(node.node.store(), "bsr", node.node.author_limit(), &late);
        assert_eq!(verdict, Verdict::Ignore);
        assert!(matches!(outcome, Ok(InsertOutcome::Refused(_))), "{outcome:?}");
        let early = sign_offer(&old_key, "archived", 1, at - 5);
        assert_eq!(ingest(node.node.store(), "bsr", node.node.author_limit(), &early).0, Verdict::Accept);
    }
    // The new key survives a restart; the old key's records stay for history
    // (old credentials) but never show in search.
    let school = restart(school, None, &[host.addr()]).await;
    assert_eq!(id(&school), new);
    assert!(school.offers(&OfferQuery::default()).iter().all(|r| r.author == new));

    // The school now revokes its old key back to before the rotation
    // (it leaked): the old key's records are removed everywhere, but the
    // rotation to the successor stands, and so does the successor's trust.
    school
        .node
        .publisher()
        .revoke_key(school.node.data_dir(), &old, at - 60, KeyRevocationReason::Compromised)
        .await
        .unwrap();
    let archived = RecordKey { author: old, kind: "offer".into(), id: "archived".into() };
    wait_until("the leaked key's late records are removed on the host", || async {
        host.node.store().get(&archived).unwrap().is_none()
    })
    .await;
    assert_eq!(host.node.store().key_ledger().current_key(&old), new, "the named successor stands");
    assert_eq!(trust_on(&host, new, &today()).0, TrustLevel::EndorsedByAnchor);
    let again = sign_offer(&old_key, "again", 1, at - 30);
    assert!(matches!(
        ingest(host.node.store(), "bsr", host.node.author_limit(), &again).1,
        Ok(InsertOutcome::Refused(_))
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_whose_key_is_revoked_still_starts_and_refuses_to_sign() {
    let school = spawn("Riga VET school", "LV", &[]).await;
    let key = id(&school);
    let publisher = school.node.publisher();
    publisher.revoke_key(school.node.data_dir(), &key, unix_now(), KeyRevocationReason::Lost).await.unwrap();
    let refused = publisher.publish_offer("late", &offer("Welding", "LV", "0715", 4), PublishMode::Create).await;
    assert!(matches!(refused, Err(vetnet_node::publish::PublishError::KeyRetired(_))), "{refused:?}");
    // A restart on a new port would update the profile's addresses, which the
    // revoked key cannot sign: the node starts anyway.
    let school = restart(school, None, &[]).await;
    assert_eq!(id(&school), key);
    assert_eq!(trust_on(&school, key, &today()).0, TrustLevel::Revoked);
}
