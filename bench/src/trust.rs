//! `trust`: what trust levels cost on a network of N institutions where
//! every institution is endorsed by 1-3 others (a few anchors at the top,
//! endorsements mostly pointing from older to newer institutions, so paths
//! of every length up to the depth limit occur), plus the cost the key
//! ledger adds to every insert once rotations and revocations exist.
//!
//! Figures: building the trust graph (done once per API answer that shows
//! trust), one `trust_of` lookup, and ingest throughput of offers with and
//! without 1,000 rotated and revoked keys in the ledger.

use std::collections::HashSet;
use std::time::Instant;

use anyhow::Context;
use vetnet_node::store::RecordStore;
use vetnet_node::trust::{TrustGraph, TrustGraphs};
use vetnet_protocol::endorsement::{EndorsementBody, EndorsementRole, endorsement_id};
use vetnet_protocol::key_lifecycle::{
    KEY_ROTATION_ID, KeyRevocationBody, KeyRevocationReason, KeyRotationBody, key_revocation_id,
};
use vetnet_protocol::{
    DEFAULT_NETWORK, InstitutionId, InstitutionKey, Payload, RecordKind, ValidationContext, VerifiedRecord,
};

use crate::figure::{Figure, Target};
use crate::rng::Rng;

const NOW: u64 = 1_795_000_000;
const CACHE_BYTES: u64 = 64 * 1024 * 1024;
/// Anchors of the measuring node.
const ANCHORS: usize = 3;
/// Targets at 10,000 institutions: a rebuild after an endorsement changes
/// may take a second; each API answer then reads the cached graph.
const BUILD_MS_TARGET: f64 = 1_000.0;
const CACHED_US_TARGET: f64 = 100.0;

fn key(n: usize) -> InstitutionKey {
    let mut secret = [0u8; 32];
    secret[..8].copy_from_slice(&(n as u64 + 1).to_le_bytes());
    secret[8] = 0x7e;
    InstitutionKey::from_secret_bytes(&secret)
}

fn sign<B: serde::Serialize>(
    by: &InstitutionKey,
    kind: RecordKind,
    id: &str,
    body: &B,
) -> anyhow::Result<VerifiedRecord> {
    let payload = Payload::with_body(DEFAULT_NETWORK, kind, id, 1, NOW, body)?;
    Ok(by.sign_checked(&payload, &ValidationContext { network: DEFAULT_NETWORK, now: NOW })?)
}

/// Runs the scenario on `institutions` institutions.
pub fn run(institutions: usize) -> anyhow::Result<Vec<Figure>> {
    let institutions = institutions.max(ANCHORS + 1);
    let dir = tempfile::tempdir()?;
    let store = RecordStore::open(&dir.path().join("db"), DEFAULT_NETWORK, CACHE_BYTES)?;
    let keys: Vec<InstitutionKey> = (0..institutions).map(key).collect();
    let ids: Vec<InstitutionId> = keys.iter().map(InstitutionKey::id).collect();
    let mut rng = Rng::new(5);
    let mut endorsements = Vec::new();
    for (subject, subject_id) in ids.iter().enumerate().skip(ANCHORS) {
        for _ in 0..1 + rng.below(3) {
            let endorser = rng.below(subject);
            let role = [EndorsementRole::Partner, EndorsementRole::Accreditor][rng.below(2)];
            let body = EndorsementBody { subject: subject_id.to_did(), role, network_name: None, until: None };
            let id = endorsement_id(subject_id, role, None);
            endorsements.push(sign(&keys[endorser], RecordKind::Endorsement, &id, &body)?);
        }
    }
    for chunk in endorsements.chunks(1_024) {
        store.insert_batch(chunk)?;
    }
    store.set_anchors(ids[..ANCHORS].iter().copied().collect::<HashSet<_>>())?;

    let day = vetnet_node::Clock::system().today();
    let started = Instant::now();
    let runs = 5;
    let mut graph = None;
    for _ in 0..runs {
        graph = Some(TrustGraph::build(&store, &day)?);
    }
    let build_ms = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let graph = graph.context("no graph")?;
    // What an API answer pays once the graph is built (until endorsements,
    // key records or anchors change, or the day does).
    store.trust_graph(&day)?;
    let started = Instant::now();
    for _ in 0..1_000 {
        store.trust_graph(&day)?;
    }
    let cached_us = started.elapsed().as_secs_f64() * 1e6 / 1_000.0;
    let ledger = store.key_ledger();
    let started = Instant::now();
    let mut trusted = 0;
    for id in &ids {
        if graph.trust_of(id, &ledger).level.is_trusted() {
            trusted += 1;
        }
    }
    let lookup_us = started.elapsed().as_secs_f64() * 1e6 / ids.len() as f64;
    drop(ledger);

    // Ingest with an empty ledger, then with 1,000 rotated and revoked keys.
    let offers = |seed: usize| -> anyhow::Result<Vec<VerifiedRecord>> {
        let mut rng = Rng::new(seed as u64);
        (0..5_000)
            .map(|i| {
                let by = &keys[(seed + i) % institutions];
                let (body, _) = crate::search::generate_offer(&mut rng, i % crate::search::COUNTRY_COUNT);
                sign(by, RecordKind::Offer, &format!("o{seed}-{i}"), &body)
            })
            .collect()
    };
    let ingest_rate = |records: &[VerifiedRecord]| -> anyhow::Result<f64> {
        let started = Instant::now();
        for chunk in records.chunks(1_024) {
            store.insert_batch(chunk)?;
        }
        Ok(records.len() as f64 / started.elapsed().as_secs_f64())
    };
    let plain = ingest_rate(&offers(0)?)?;
    let mut key_records = Vec::new();
    for n in 0..1_000 {
        let old = key(1_000_000 + 2 * n);
        let new = key(1_000_001 + 2 * n);
        let rotation = KeyRotationBody::new(DEFAULT_NETWORK, &old.id(), new.signing_key());
        key_records.push(sign(&old, RecordKind::KeyRotation, KEY_ROTATION_ID, &rotation)?);
        let revocation = KeyRevocationBody {
            key: new.id().to_did(),
            since: NOW - 1,
            reason: KeyRevocationReason::Retired,
            successor: None,
        };
        key_records.push(sign(&new, RecordKind::KeyRevocation, &key_revocation_id(&new.id()), &revocation)?);
    }
    store.insert_batch(&key_records)?;
    let with_ledger = ingest_rate(&offers(1)?)?;

    let n = institutions.to_string();
    Ok(vec![
        Figure::new("trust", format!("endorsements among {n} institutions"), endorsements.len() as f64, "records"),
        Figure::new("trust", "institutions trusted (depth <= 3)", trusted as f64, "institutions"),
        Figure::new("trust", format!("trust graph build, {n} institutions"), build_ms, "ms")
            .with_target(Target::at_most(BUILD_MS_TARGET, "once per change of endorsements")),
        Figure::new("trust", "trust graph, cached (per API answer)", cached_us, "µs")
            .with_target(Target::at_most(CACHED_US_TARGET, "no cost per answer")),
        Figure::new("trust", "trust_of lookup", lookup_us, "µs"),
        Figure::new("trust", "offer inserts, empty key ledger", plain, "records/s"),
        Figure::new("trust", "offer inserts, 1,000 rotations + 1,000 revocations held", with_ledger, "records/s"),
    ])
}
