//! `sync`: the cost of catch-up sync on N records, for d = 0, 10, 1,000 and
//! 10,000 differences (the d most recent records missing, and d scattered
//! ones), beside the lower bound (d × mean record size) and the full
//! transfer (N × mean size).

use std::time::{Duration, Instant};

use anyhow::Context;
use vetnet_protocol::{DEFAULT_NETWORK, ValidationContext, VerifiedRecord};
use vetnet_tests::{TestNode, signed_offers, spawn};

use crate::figure::{Figure, Target};

/// How long one sync session may take before the run fails.
const SESSION_DEADLINE: Duration = Duration::from_secs(600);

/// Starts a node holding `records` (inserted straight into its store; they
/// were verified once beforehand).
async fn node_with<'a>(name: &str, records: impl IntoIterator<Item = &'a VerifiedRecord>) -> anyhow::Result<TestNode> {
    let node = spawn(name, "SE", &[]).await;
    for record in records {
        node.node.store().insert(record).context("insert")?;
    }
    node.node.store().flush()?;
    Ok(node)
}

/// Measures sync on `n` records (tests use a few hundred; the figure is 100,000).
pub async fn run(n: usize) -> anyhow::Result<Vec<Figure>> {
    anyhow::ensure!(n > 0, "sync needs at least one record");
    eprintln!("sync: signing and verifying {n} records...");
    let ctx = ValidationContext { network: DEFAULT_NETWORK, now: vetnet_node::publish::unix_now() };
    let records: Vec<VerifiedRecord> = signed_offers(9, (n / 10).max(1), n, 1)
        .iter()
        .map(|bytes| VerifiedRecord::open(bytes, &ctx))
        .collect::<Result<_, _>>()?;
    let mean = records.iter().map(|r| r.bytes.len()).sum::<usize>() as f64 / n as f64;
    let full_node = node_with("Full", &records).await?;
    let full_peer = full_node.node.info().peer_id;
    let mut figures =
        vec![Figure::new("sync", format!("full transfer of N={n} (for comparison)"), mean * n as f64, "bytes")];

    let mut cases: Vec<(String, Vec<VerifiedRecord>)> = Vec::new();
    for d in [0usize, 10, 1_000, 10_000].into_iter().filter(|d| *d < n) {
        cases.push((format!("d={d} recent"), records[..n - d].to_vec()));
        if let Some(step) = n.checked_div(d) {
            let scattered =
                records.iter().enumerate().filter(|(i, _)| i % step != 0 || i / step >= d).map(|(_, r)| r.clone());
            cases.push((format!("d={d} scattered"), scattered.collect()));
        }
    }
    cases.push((format!("new node (d=N={n})"), Vec::new()));

    for (label, held) in cases {
        let d = n - held.len();
        let node = node_with("Behind", &held).await?;
        let started = Instant::now();
        node.node.network().dial(full_node.addr()).await?;
        let sync = node.node.sync().clone();
        let deadline = started + SESSION_DEADLINE;
        while sync.states().get(&full_peer).is_none_or(|s| s.last_finished.is_none()) {
            anyhow::ensure!(Instant::now() < deadline, "{label}: no sync session ended within {SESSION_DEADLINE:?}");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let took = started.elapsed();
        let state = sync.states().remove(&full_peer).context("sync state")?;
        let report = state.last_report.with_context(|| format!("{label}: sync failed: {:?}", state.last_error))?;
        // At least the d missing offers (plus a few profiles of the nodes in this run).
        anyhow::ensure!(report.stored >= d, "{label}: stored {} of {d}", report.stored);
        let lower_bound = d as f64 * mean;
        let mut bytes =
            Figure::new("sync", format!("{label}: bytes"), (report.bytes_sent + report.bytes_received) as f64, "bytes");
        if d == 0 {
            bytes = bytes.with_target(Target::at_most(2_048.0, "d=0 costs < 2 KB"));
        } else if label.contains("recent") {
            bytes = bytes.with_target(Target::at_most(1.2 * lower_bound + 65_536.0, "1.2 x lower bound + 64 KB"));
        }
        figures.push(bytes);
        figures.push(Figure::new("sync", format!("{label}: lower bound d x mean size"), lower_bound, "bytes"));
        figures.push(Figure::new(
            "sync",
            format!("{label}: round trips (reconcile + fetch)"),
            (report.rounds + report.fetches) as f64,
            "",
        ));
        let mut wall = Figure::new("sync", format!("{label}: wall time"), took.as_secs_f64() * 1000.0, "ms");
        if held.is_empty() && n >= 100_000 {
            wall = wall.with_target(Target::at_most(20_000.0, "new node holds 100k < 20 s"));
        }
        figures.push(wall);
        node.node.shutdown().await;
    }
    full_node.node.shutdown().await;
    Ok(figures)
}
