//! vetnet's benchmark suite. Each scenario prints its figures beside the
//! target it is measured against, taken in the same run.
//!
//! ```text
//! cargo run --release -p vetnet-bench -- sync            # catch-up sync cost, N = 100,000
//! cargo run --release -p vetnet-bench -- sync --quick    # N = 5,000, for CI
//! ```

use std::time::Instant;

use anyhow::Context;
use clap::{Parser, Subcommand};
use vetnet_protocol::{ValidationContext, VerifiedRecord};
use vetnet_tests::{TestNode, signed_offers, spawn, wait_until};

#[derive(Parser)]
#[command(name = "vetnet-bench", about = "Measure vetnet against its targets")]
struct Cli {
    #[command(subcommand)]
    scenario: Scenario,
    /// A small run that finishes in seconds (what CI runs).
    #[arg(long, global = true)]
    quick: bool,
    /// One JSON object per figure instead of a table.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Subcommand)]
enum Scenario {
    /// Catch-up sync: bytes and round trips for d differences out of N records.
    Sync {
        /// Records held (default 100,000; 5,000 with --quick).
        #[arg(long)]
        records: Option<usize>,
    },
    /// Every scenario.
    All,
}

/// One measured figure.
struct Figure {
    scenario: String,
    name: String,
    value: f64,
    unit: &'static str,
    target: Option<(f64, &'static str)>,
}

impl Figure {
    /// `None` when there is no target; `Some(met)` otherwise (lower is better).
    fn met(&self) -> Option<bool> {
        self.target.map(|(limit, _)| self.value <= limit)
    }
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let figures = runtime.block_on(async {
        match cli.scenario {
            Scenario::Sync { records } => sync_cost(records.unwrap_or(if cli.quick { 5_000 } else { 100_000 })).await,
            Scenario::All => sync_cost(if cli.quick { 5_000 } else { 100_000 }).await,
        }
    })?;
    print(&figures, cli.json);
    Ok(())
}

fn print(figures: &[Figure], json: bool) {
    for f in figures {
        if json {
            let line = serde_json::json!({
                "scenario": f.scenario, "figure": f.name, "value": f.value, "unit": f.unit,
                "target": f.target.map(|(v, _)| v), "target_note": f.target.map(|(_, n)| n), "met": f.met(),
            });
            println!("{line}");
        } else {
            let target = match (f.target, f.met()) {
                (Some((limit, note)), Some(met)) => {
                    format!("{} {limit:.0} {} ({note})", if met { "met:  <=" } else { "MISSED: >" }, f.unit)
                }
                _ => String::new(),
            };
            println!("{:<10} {:<44} {:>14.1} {:<6} {target}", f.scenario, f.name, f.value, f.unit);
        }
    }
}

/// Starts a node holding `records` (inserted straight into its store; they
/// were verified once beforehand).
async fn node_with(name: &str, records: &[VerifiedRecord]) -> anyhow::Result<TestNode> {
    let node = spawn(name, "SE", &[]).await;
    for record in records {
        node.node.store().insert(record).context("insert")?;
    }
    node.node.store().flush()?;
    Ok(node)
}

/// Sync cost on N records, for d = 0, 10, 1,000 and 10,000 differences (the
/// d most recent records missing, and d scattered ones), beside the lower
/// bound (d × mean record size) and the full transfer (N × mean size).
async fn sync_cost(n: usize) -> anyhow::Result<Vec<Figure>> {
    eprintln!("sync: signing and verifying {n} records...");
    let now = vetnet_node::publish::unix_now();
    let ctx = ValidationContext { network: vetnet_protocol::DEFAULT_NETWORK, now };
    let records: Vec<VerifiedRecord> = signed_offers(9, (n / 10).max(1), n, 1)
        .iter()
        .map(|bytes| VerifiedRecord::open(bytes, &ctx))
        .collect::<Result<_, _>>()?;
    let mean = records.iter().map(|r| r.bytes.len()).sum::<usize>() as f64 / n as f64;
    let full = mean * n as f64;
    let full_node = node_with("Full", &records).await?;
    let full_peer = full_node.node.info().peer_id;
    let mut figures = vec![Figure {
        scenario: "sync".into(),
        name: format!("full transfer of N={n} (for comparison)"),
        value: full,
        unit: "bytes",
        target: None,
    }];

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
        wait_until(&format!("{label}: the first session with the full node ends"), || async {
            sync.states().get(&full_peer).is_some_and(|s| s.last_finished.is_some())
        })
        .await;
        let took = started.elapsed();
        let state = sync.states().remove(&full_peer).context("sync state")?;
        let report = state.last_report.with_context(|| format!("{label}: sync failed: {:?}", state.last_error))?;
        // At least the d missing offers (plus a few profiles of the nodes in this run).
        anyhow::ensure!(report.stored >= d, "{label}: stored {} of {d}", report.stored);
        let bytes = (report.bytes_sent + report.bytes_received) as f64;
        let lower_bound = d as f64 * mean;
        let recent = label.contains("recent");
        figures.push(Figure {
            scenario: "sync".into(),
            name: format!("{label}: bytes"),
            value: bytes,
            unit: "bytes",
            target: if d == 0 {
                Some((2_048.0, "d=0 costs < 2 KB"))
            } else if recent {
                Some((1.2 * lower_bound + 65_536.0, "1.2 x lower bound + 64 KB"))
            } else {
                None
            },
        });
        figures.push(Figure {
            scenario: "sync".into(),
            name: format!("{label}: lower bound d x mean size"),
            value: lower_bound,
            unit: "bytes",
            target: None,
        });
        figures.push(Figure {
            scenario: "sync".into(),
            name: format!("{label}: round trips (reconcile + fetch)"),
            value: (report.rounds + report.fetches) as f64,
            unit: "",
            target: None,
        });
        figures.push(Figure {
            scenario: "sync".into(),
            name: format!("{label}: wall time"),
            value: took.as_secs_f64() * 1000.0,
            unit: "ms",
            target: if held.is_empty() && n >= 100_000 { Some((20_000.0, "new node holds 100k < 20 s")) } else { None },
        });
        node.node.shutdown().await;
    }
    full_node.node.shutdown().await;
    Ok(figures)
}
