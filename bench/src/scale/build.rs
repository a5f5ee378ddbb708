//! The data directory of the `scale` scenario: N realistic offers (the
//! `search` catalogue) from A institutions, generated and signed on every
//! core while the calling thread stores them in batches of 1,024, as a
//! node's sync path does. Built once per run; every part of the scenario
//! reads it.

use std::sync::mpsc;

use vetnet_node::store::RecordStore;
use vetnet_protocol::{DEFAULT_NETWORK, InstitutionKey, Payload, RecordKind, VerifiedRecord};

use crate::rng::Rng;
use crate::search::{COUNTRY_COUNT, Traits, author_key, generate_offer};

/// Records per `insert_batch` (the sync path's batch size).
const BATCH: usize = 1_024;
/// At most this many offers' traits are kept to build queries from.
const MAX_SAMPLES: usize = 1_000;

/// What the store is filled with.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Catalogue {
    pub(crate) records: usize,
    pub(crate) authors: usize,
    pub(crate) seed: u64,
}

/// One signed batch, and the traits of the sampled offers in it.
struct Signed {
    batch: usize,
    records: Vec<VerifiedRecord>,
    samples: Vec<Traits>,
}

/// The keys of `authors` test institutions, derived on every core.
fn author_keys(seed: u8, authors: usize, threads: usize) -> anyhow::Result<Vec<InstitutionKey>> {
    let per_thread = authors.div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..authors)
            .step_by(per_thread)
            .map(|first| {
                scope.spawn(move || {
                    (first..authors.min(first + per_thread)).map(|i| author_key(seed, i)).collect::<Vec<_>>()
                })
            })
            .collect();
        let mut keys = Vec::with_capacity(authors);
        for worker in workers {
            keys.extend(worker.join().map_err(|_| anyhow::anyhow!("a key thread panicked"))?);
        }
        Ok(keys)
    })
}

/// Generates and signs batch `batch` of `catalogue`. Each batch has its own
/// random stream, so the catalogue is the same whichever thread signs it.
fn sign_batch(
    catalogue: &Catalogue,
    keys: &[InstitutionKey],
    homes: &[usize],
    now: u64,
    batch: usize,
) -> anyhow::Result<Signed> {
    let mut rng = Rng::new(catalogue.seed ^ (batch as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let sample_every = catalogue.records.div_ceil(MAX_SAMPLES).max(1);
    let first = batch * BATCH;
    let mut signed = Signed { batch, records: Vec::with_capacity(BATCH), samples: Vec::new() };
    for i in first..catalogue.records.min(first + BATCH) {
        let author = rng.below(catalogue.authors);
        let (body, traits) = generate_offer(&mut rng, homes[author]);
        if i % sample_every == 0 {
            signed.samples.push(traits);
        }
        // Oldest first, one second apart, the newest a moment ago.
        let ts = now - (catalogue.records - i) as u64;
        let payload = Payload::with_body(DEFAULT_NETWORK, RecordKind::Offer, &format!("offer-{i}"), 1, ts, &body)?;
        let bytes = keys[author].sign(&payload)?;
        // Signed a moment ago by a known key: checking the signature again
        // would only slow the build (the catch-up below checks every one).
        signed.records.push(VerifiedRecord::from_trusted_bytes(&bytes, DEFAULT_NETWORK)?);
    }
    Ok(signed)
}

/// Fills `store` with `catalogue` and flushes it; returns a sample of the
/// offers' traits to make queries from.
pub(crate) fn fill(store: &RecordStore, catalogue: &Catalogue) -> anyhow::Result<Vec<Traits>> {
    anyhow::ensure!(catalogue.records > 0 && catalogue.authors > 0, "the catalogue needs records and authors");
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let keys = author_keys(catalogue.seed as u8, catalogue.authors, threads)?;
    let mut rng = Rng::new(catalogue.seed);
    let homes: Vec<usize> = (0..catalogue.authors).map(|_| rng.below(COUNTRY_COUNT)).collect();
    let now = vetnet_node::publish::unix_now();
    let batches = catalogue.records.div_ceil(BATCH);
    std::thread::scope(|scope| {
        // Bounded, so signing stays a few batches ahead of the store.
        let (sender, receiver) = mpsc::sync_channel::<Signed>(2 * threads);
        let workers: Vec<_> = (0..threads)
            .map(|thread| {
                let sender = sender.clone();
                let (keys, homes) = (&keys, &homes);
                scope.spawn(move || -> anyhow::Result<()> {
                    for batch in (thread..batches).step_by(threads) {
                        let signed = sign_batch(catalogue, keys, homes, now, batch)?;
                        if sender.send(signed).is_err() {
                            break; // The store failed; its error is reported below.
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        drop(sender);
        let mut samples = Vec::with_capacity(batches);
        for signed in receiver {
            let stored = store.insert_batch(&signed.records)?.into_iter().filter(|o| o.is_stored()).count();
            anyhow::ensure!(
                stored == signed.records.len(),
                "only {stored} of {} offers were stored",
                signed.records.len()
            );
            samples.push((signed.batch, signed.samples));
        }
        for worker in workers {
            worker.join().map_err(|_| anyhow::anyhow!("a signing thread panicked"))??;
        }
        store.flush()?;
        // In batch order, so the queries made from them are the same in every run.
        samples.sort_unstable_by_key(|(batch, _)| *batch);
        Ok(samples.into_iter().flat_map(|(_, traits)| traits).collect())
    })
}
