//! `scale`: the whole region on one school server (issue 20). One data
//! directory of N realistic offers from A institutions (1,000,000 from
//! 100,000 by default) is built once, then every part reads it:
//!
//! - search: the ten query classes of `search`, in process, on the
//!   store as a node opens it (16 MB sled cache);
//! - catch-up: a node on that directory serves it over loopback to a new
//!   node, which must hold every offer;
//! - the real `vetnet` binary on it: startup after a clean stop,
//!   resident memory after full search scans, startup after `kill -9`.
//!
//! The targets are those of issue 20 at 1,000,000 records; smaller runs
//! print them too, for comparison.

mod build;
mod catch_up;
mod restart;

use std::path::PathBuf;
use std::time::Instant;

use vetnet_node::DataDir;
use vetnet_node::store::RecordStore;
use vetnet_protocol::DEFAULT_NETWORK;
use vetnet_protocol::profile::InstitutionKind;

use crate::figure::Figure;
use crate::footprint::dir_bytes;
use crate::search::{QueryTargets, time_queries};

/// The search targets of issue 20, at 1,000,000 offers.
const SEARCH_TARGETS: QueryTargets = QueryTargets {
    indexed_ms: 5.0,
    indexed_note: "p99 < 5 ms, indexed filters only, at 1M",
    text_ms: 10.0,
    text_note: "p99 < 10 ms with free text, at 1M",
};

/// The size of a run.
#[derive(Debug, Clone)]
pub struct ScaleParams {
    /// Offers in the region.
    pub records: usize,
    /// Institutions publishing them.
    pub authors: usize,
    /// Timed runs of each search query class.
    pub runs: usize,
    /// Seeds the catalogue and the queries.
    pub seed: u64,
    /// The `vetnet` binary to run on the data directory.
    pub vetnet: PathBuf,
}

impl ScaleParams {
    /// The figures: 1,000,000 offers from 100,000 institutions.
    pub fn full(vetnet: PathBuf) -> Self {
        Self { records: 1_000_000, authors: 100_000, runs: 200, seed: 20, vetnet }
    }

    /// A run of a few seconds.
    pub fn quick(vetnet: PathBuf) -> Self {
        Self { records: 3_000, authors: 300, runs: 20, seed: 20, vetnet }
    }
}

/// Builds the region's data directory, then runs every part on it.
pub async fn run(params: &ScaleParams) -> anyhow::Result<Vec<Figure>> {
    anyhow::ensure!(
        params.records > 0 && params.authors > 0 && params.runs > 0,
        "scale needs records, authors and runs"
    );
    anyhow::ensure!(params.vetnet.exists(), "{} is missing: build the `vetnet` binary first", params.vetnet.display());
    let dir = tempfile::tempdir()?;
    let data_dir = DataDir::new(dir.path());
    let config = vetnet_tests::test_config(&[]);
    vetnet_node::initialize(&data_dir, &config, &vetnet_tests::profile("Region", "SE", InstitutionKind::VetProvider))?;
    let n = params.records;
    let figure =
        move |name: &str, value: f64, unit: &'static str| Figure::new("scale", format!("N={n}: {name}"), value, unit);

    let catalogue = build::Catalogue { records: n, authors: params.authors, seed: params.seed };
    let (runs, seed, db_path) = (params.runs, params.seed, data_dir.db_path());
    let cache_bytes = config.cache_mb * 1024 * 1024;
    let mut figures = tokio::task::spawn_blocking(move || -> anyhow::Result<Vec<Figure>> {
        eprintln!("scale: generating, signing and storing {n} offers of {} institutions...", catalogue.authors);
        let started = Instant::now();
        let store = RecordStore::open(&db_path, DEFAULT_NETWORK, cache_bytes)?;
        let samples = build::fill(&store, &catalogue)?;
        let took = started.elapsed().as_secs_f64();
        let mut figures = vec![
            figure("build: generate and sign on every core, insert_batch of 1,024", n as f64 / took, "rec/s"),
            figure("build: wall time", took * 1000.0, "ms"),
        ];
        figures.extend(time_queries(&store, &samples, runs, seed, "scale", &SEARCH_TARGETS)?);
        // What a clean shutdown leaves: the index snapshot saved.
        store.save_search_index()?;
        drop(store);
        figures.push(figure("disk bytes per record", dir_bytes(&db_path) as f64 / n as f64, "bytes"));
        Ok(figures)
    })
    .await??;

    let source = vetnet_tests::start_on(dir, None, &[]).await;
    figures.extend(catch_up::run(&source, n as u64).await?);
    let dir = vetnet_tests::stop(source).await;

    let vetnet = params.vetnet.clone();
    figures.extend(tokio::task::spawn_blocking(move || restart::run(&vetnet, dir.path(), n as u64)).await??);
    Ok(figures)
}
