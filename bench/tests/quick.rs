//! The benchmark scenarios at small sizes, in process, so the suite keeps
//! working as the node changes. These check that every figure comes out and
//! makes sense; they do not check speed targets (a debug build on a shared
//! CI machine says nothing about those). `footprint` needs the release
//! `vetnet` binary and is left out; `scale` runs the `vetnet` binary of the
//! same build (`target/debug/vetnet`, which `cargo test` of the workspace
//! builds for the CLI's own tests).

use std::path::{Path, PathBuf};

use vetnet_bench::Figure;
use vetnet_bench::propagation::{self, PropagationParams};
use vetnet_bench::scale::{self, ScaleParams};
use vetnet_bench::search::{self, SearchParams};

/// The figure whose name ends with `suffix`.
fn figure<'a>(figures: &'a [Figure], suffix: &str) -> &'a Figure {
    figures.iter().find(|f| f.name.ends_with(suffix)).unwrap_or_else(|| {
        panic!("no figure ending {suffix:?} in {:#?}", figures.iter().map(|f| &f.name).collect::<Vec<_>>())
    })
}

fn assert_all_finite(figures: &[Figure]) {
    assert!(!figures.is_empty());
    for f in figures {
        assert!(f.value.is_finite() && f.value >= 0.0, "{}: {}", f.name, f.value);
    }
}

#[test]
fn ingest_quick() {
    let figures = vetnet_bench::ingest::run(500).expect("ingest runs");
    assert_all_finite(&figures);
    assert!(figure(&figures, "ingest in batches of 1,024 (sync path)").value > 0.0);
    let ratio = figure(&figures, "batched ingest rate / raw verify rate");
    let target = ratio.target.as_ref().expect("a target");
    assert!(target.higher_is_better);
    assert_eq!(target.limit, 1.5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_quick() {
    let figures = vetnet_bench::sync::run(300).await.expect("sync runs");
    assert_all_finite(&figures);
    // Two peers already in sync exchange a few hundred bytes.
    assert!(figure(&figures, "d=0 recent: bytes").value > 0.0);
    assert!(
        figure(&figures, "d=10 recent: bytes").value
            >= figure(&figures, "d=10 recent: lower bound d x mean size").value
    );
    assert!(figure(&figures, "new node (d=N=300): round trips (reconcile + fetch)").value >= 1.0);
}

#[test]
fn search_quick() {
    let params = SearchParams { offers: 2_000, authors: 200, runs: 10, seed: 6 };
    // The run itself fails if any query (each made from a stored offer) finds nothing.
    let figures = search::run(&params).expect("search runs, every query finds something");
    assert_all_finite(&figures);
    let classes = figures.iter().filter(|f| f.name.ends_with(": p99") && !f.name.contains("all queries")).count();
    assert_eq!(classes, 10);
    for f in figures.iter().filter(|f| f.name.contains("mean results")) {
        assert!((1.0..=100.0).contains(&f.value), "{}: {}", f.name, f.value);
    }
    assert!(figure(&figures, "all queries with free text: p99").target.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn propagation_quick() {
    let params = PropagationParams { nodes: 5, records: 30, ..PropagationParams::quick() };
    let figures = propagation::run(&params).await.expect("propagation runs");
    assert_all_finite(&figures);
    assert_eq!(figure(&figures, "delivery ratio").value, 1.0, "every node finds every record");
    let p50 = figure(&figures, "publish to searchable, p50").value;
    let p99 = figure(&figures, "publish to searchable, p99").value;
    assert!(p50 > 0.0 && p50 <= p99 && p99 < 30_000.0, "p50 {p50} ms, p99 {p99} ms");
}

#[test]
fn trust_quick() {
    let figures = vetnet_bench::trust::run(300).unwrap();
    let value = |name: &str| figures.iter().find(|f| f.name.starts_with(name)).map(|f| f.value).unwrap();
    assert!(value("endorsements among") >= 297.0, "every non-anchor is endorsed at least once");
    assert!(value("institutions trusted") >= 3.0, "at least the anchors");
    assert!(value("trust graph build") > 0.0);
    assert!(value("offer inserts, 1,000 rotations") > 0.0);
}

#[test]
fn match_quick() {
    let figures = vetnet_bench::matching::run(3, 300).expect("match runs");
    assert_all_finite(&figures);
    assert!(figure(&figures, "matches returned (limit 10 each)").value >= 1.0, "some needs fit");
    assert!(figure(&figures, "match_own mean").target.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mobility_quick() {
    let figures = vetnet_bench::mobility::run(10).await.expect("mobility runs");
    assert_all_finite(&figures);
    assert_eq!(figure(&figures, "steps without a delivered receipt").value, 0.0);
    assert_eq!(figure(&figures, "threads nominated at the host").value, 10.0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_quick() {
    let params = vetnet_bench::pages::PagesParams { runs: 3, ..vetnet_bench::pages::PagesParams::quick() };
    let figures = vetnet_bench::pages::run(&params).await.expect("pages run");
    assert_all_finite(&figures);
    let matches = figure(&figures, "matches: p99");
    assert_eq!(matches.target.as_ref().map(|t| t.limit), Some(50.0));
    assert_eq!(figures.len(), 8, "p50 and p99 of four pages");
}

#[test]
fn events_quick() {
    // The run itself fails if any query (each made from a stored event) finds nothing.
    let figures = vetnet_bench::events::run(600, 10).expect("events runs, every query finds something");
    assert_all_finite(&figures);
    assert_eq!(figures.iter().filter(|f| f.name.ends_with(": p99")).count(), 7);
    assert!(figure(&figures, "network feed size").value > 1_000.0, "a feed holds events");
    assert!(figure(&figures, "network + from: p99").target.is_some());
}

/// `target/<profile>/vetnet`, beside this test's `deps/` directory.
fn vetnet_binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    let profile_dir = exe.parent().and_then(Path::parent).expect("target/<profile>/deps/quick-…");
    profile_dir.join("vetnet")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scale_quick() {
    let vetnet = vetnet_binary();
    assert!(vetnet.exists(), "{} is missing: run `cargo build -p vetnet` first", vetnet.display());
    let figures = scale::run(&ScaleParams::quick(vetnet)).await.expect("scale runs");
    assert_all_finite(&figures);
    let target = |suffix: &str| figure(&figures, suffix).target.as_ref().map(|t| t.limit);
    assert_eq!(target("catch-up: a new node holds every offer (loopback)"), Some(60_000.0));
    assert_eq!(target("all queries indexed filters only: p99"), Some(5.0));
    assert_eq!(target("all queries with free text: p99"), Some(10.0));
    assert_eq!(target("real node: startup after a clean stop, until the API answers"), Some(2_000.0));
    assert_eq!(target("real node: startup after kill -9, until the API answers"), Some(5_000.0));
    assert_eq!(target("real node: resident memory after both searches"), Some(150.0));
    let rss = figure(&figures, "resident memory after both searches").value;
    assert!((1.0..2_000.0).contains(&rss), "a node's resident memory of {rss} MB");
    assert!(figure(&figures, "catch-up: rate").value > 0.0);
    assert!(figure(&figures, "disk bytes per record").value > 100.0, "a record is a few hundred bytes at least");
    for f in figures.iter().filter(|f| f.name.contains("mean results")) {
        assert!((1.0..=100.0).contains(&f.value), "{}: {}", f.name, f.value);
    }
}
