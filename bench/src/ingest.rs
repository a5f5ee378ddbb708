//! `ingest`: records per second through each stage of the ingest path,
//! beside the raw Ed25519 verify rate of the same run.

use std::time::Instant;

use vetnet_node::network::Verdict;
use vetnet_node::store::RecordStore;
use vetnet_protocol::{DEFAULT_NETWORK, ValidationContext, VerifiedRecord};
use vetnet_tests::signed_offers;

use crate::figure::{Figure, Target};

/// sled page cache of the stores measured here.
const CACHE_BYTES: u64 = 64 * 1024 * 1024;

/// Measures `n` pre-signed offers through verify, open, and both ingest paths.
pub fn run(n: usize) -> anyhow::Result<Vec<Figure>> {
    anyhow::ensure!(n > 0, "ingest needs at least one record");
    eprintln!("ingest: signing {n} records...");
    let records = signed_offers(11, (n / 10).max(1), n, 1);
    let ctx = ValidationContext { network: DEFAULT_NETWORK, now: vetnet_node::publish::unix_now() };
    let rate = |started: Instant| n as f64 / started.elapsed().as_secs_f64();

    // Raw single-signature verification of messages of the records' size.
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let messages: Vec<(Vec<u8>, ed25519_dalek::Signature)> = records
        .iter()
        .map(|r| {
            let message = r[..r.len().saturating_sub(64)].to_vec();
            let signature = ed25519_dalek::Signer::sign(&key, &message);
            (message, signature)
        })
        .collect();
    let verifying = key.verifying_key();
    let started = Instant::now();
    for (message, signature) in &messages {
        verifying.verify_strict(message, signature)?;
    }
    let raw = rate(started);

    let started = Instant::now();
    for bytes in &records {
        VerifiedRecord::open(bytes, &ctx)?;
    }
    let open = rate(started);

    // Counted against a per-author limit as a node does, set high enough
    // that no record here is refused.
    let authors = vetnet_node::rate_limit::AuthorRecordLimit::new(&vetnet_node::rate_limit::RateLimits {
        records_per_author_per_day: 1_000_000,
        ..Default::default()
    });

    // The gossip path: one record at a time, one transaction each.
    let dir = tempfile::tempdir()?;
    let store = RecordStore::open(dir.path(), DEFAULT_NETWORK, CACHE_BYTES)?;
    let started = Instant::now();
    for bytes in &records {
        let (verdict, _) = vetnet_node::ingest::ingest(&store, DEFAULT_NETWORK, &authors, bytes);
        anyhow::ensure!(verdict == Verdict::Accept, "a record was not accepted");
    }
    store.flush()?;
    let one_by_one = rate(started);
    drop(store);

    // The sync path: batches of 1,024, opened on every core, stored in one transaction each.
    let dir = tempfile::tempdir()?;
    let store = RecordStore::open(dir.path(), DEFAULT_NETWORK, CACHE_BYTES)?;
    let started = Instant::now();
    for batch in records.chunks(vetnet_protocol::sync::MAX_FETCH_IDS) {
        for (verdict, _) in vetnet_node::ingest::ingest_batch(&store, DEFAULT_NETWORK, &authors, batch) {
            anyhow::ensure!(verdict == Verdict::Accept, "a record was not accepted");
        }
    }
    store.flush()?;
    let batched = rate(started);
    drop(store);

    let figure =
        |name: &str, value: f64, unit: &'static str| Figure::new("ingest", format!("N={n}: {name}"), value, unit);
    Ok(vec![
        figure("raw ed25519 verify_strict, one core", raw, "rec/s"),
        figure("open (decode, verify, validate)", open, "rec/s"),
        figure("ingest one by one (gossip path)", one_by_one, "rec/s"),
        figure("ingest in batches of 1,024 (sync path)", batched, "rec/s"),
        figure("batched ingest rate / raw verify rate", batched / raw, "x")
            .with_target(Target::at_least(1.5, "ingest >= 1.5 x raw verify")),
    ])
}
