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
use vetnet_tests::{TestNode, signed_offers, spawn};

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
    /// Footprint of the real `vetnet` binary holding N records: startup time,
    /// resident memory after a full search scan, disk bytes per record.
    Footprint {
        /// Records held (default 1,000,000; 20,000 with --quick).
        #[arg(long)]
        records: Option<usize>,
    },
    /// Ingest: pre-signed records through decode, verify, validate, store,
    /// beside the raw Ed25519 verify rate of the same run.
    Ingest {
        /// Records (default 100,000; 10,000 with --quick).
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
            Scenario::Ingest { records } => ingest_rate(records.unwrap_or(if cli.quick { 10_000 } else { 100_000 })),
            Scenario::Footprint { records } => {
                footprint(records.unwrap_or(if cli.quick { 20_000 } else { 1_000_000 })).await
            }
            Scenario::All => {
                let mut figures = ingest_rate(if cli.quick { 10_000 } else { 100_000 })?;
                figures.extend(sync_cost(if cli.quick { 5_000 } else { 100_000 }).await?);
                figures.extend(footprint(if cli.quick { 20_000 } else { 100_000 }).await?);
                if !cli.quick {
                    figures.extend(footprint(1_000_000).await?);
                }
                Ok(figures)
            }
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
async fn node_with<'a>(name: &str, records: impl IntoIterator<Item = &'a VerifiedRecord>) -> anyhow::Result<TestNode> {
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
        let deadline = Instant::now() + std::time::Duration::from_secs(600);
        while sync.states().get(&full_peer).is_none_or(|s| s.last_finished.is_none()) {
            anyhow::ensure!(Instant::now() < deadline, "{label}: no sync session ended within 10 minutes");
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
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

/// The `vetnet` binary built beside this one (`cargo build --release -p vetnet`).
fn vetnet_binary() -> anyhow::Result<std::path::PathBuf> {
    let path = std::env::current_exe()?.with_file_name("vetnet");
    anyhow::ensure!(path.exists(), "{} is missing: run `cargo build --release -p vetnet` first", path.display());
    Ok(path)
}

fn resident_kib(pid: u32) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).context("no VmRSS")?;
    Ok(line.split_whitespace().nth(1).context("VmRSS value")?.parse()?)
}

fn dir_bytes(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.metadata() {
            Ok(m) if m.is_dir() => dir_bytes(&e.path()),
            Ok(m) => m.len(),
            Err(_) => 0,
        })
        .sum()
}

/// Builds a data directory holding `n` records, then runs the real node on it.
async fn footprint(n: usize) -> anyhow::Result<Vec<Figure>> {
    use std::io::BufRead;
    let binary = vetnet_binary()?;
    let dir = tempfile_dir()?;
    let data_dir = vetnet_node::DataDir::new(&dir);
    let config = vetnet_tests::test_config(&[]);
    vetnet_node::initialize(
        &data_dir,
        &config,
        &vetnet_tests::profile("Footprint", "SE", vetnet_protocol::profile::InstitutionKind::VetProvider),
    )?;
    eprintln!("footprint: writing {n} records...");
    {
        let store = vetnet_node::store::RecordStore::open(&data_dir.db_path(), "bsr", config.cache_mb * 1024 * 1024)?;
        let chunk = 50_000;
        for start in (0..n).step_by(chunk) {
            let count = chunk.min(n - start);
            let seed = (start / chunk) as u8;
            for bytes in signed_offers(seed.wrapping_add(100), 1_000, count, 1) {
                let record = VerifiedRecord::from_trusted_bytes(&bytes, "bsr")?;
                store.insert(&record)?;
            }
        }
        store.flush()?;
    }
    let disk = dir_bytes(&data_dir.db_path()) as f64;
    let mut figures = vec![Figure {
        scenario: "footprint".into(),
        name: format!("N={n}: disk bytes per record"),
        value: disk / n as f64,
        unit: "bytes",
        target: None,
    }];

    let started = Instant::now();
    let mut child = std::process::Command::new(&binary)
        .arg("--data-dir")
        .arg(&dir)
        .args(["--json", "node", "run", "--listen", "/ip4/127.0.0.1/tcp/0", "--api", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    let stdout = child.stdout.take().context("stdout")?;
    let mut reader = std::io::BufReader::new(stdout);
    let mut text = String::new();
    while serde_json::from_str::<serde_json::Value>(&text).is_err() {
        let mut line = String::new();
        anyhow::ensure!(reader.read_line(&mut line)? > 0, "the node exited before it was ready");
        text.push_str(&line);
    }
    let startup = started.elapsed();
    figures.push(Figure {
        scenario: "footprint".into(),
        name: format!("N={n}: startup until the API answers"),
        value: startup.as_secs_f64() * 1000.0,
        unit: "ms",
        target: if n >= 1_000_000 { Some((2_000.0, "startup < 2 s at 1M")) } else { None },
    });
    // A free-text search loads every offer once: the full scan.
    let scan_started = Instant::now();
    let scan = std::process::Command::new(&binary)
        .arg("--data-dir")
        .arg(&dir)
        .args(["--json", "search", "offers", "--text", "no-such-word", "--limit", "1"])
        .output()?;
    anyhow::ensure!(scan.status.success(), "search failed: {}", String::from_utf8_lossy(&scan.stderr));
    figures.push(Figure {
        scenario: "footprint".into(),
        name: format!("N={n}: full scan by free-text search"),
        value: scan_started.elapsed().as_secs_f64() * 1000.0,
        unit: "ms",
        target: None,
    });
    let rss_mb = resident_kib(child.id())? as f64 / 1024.0;
    figures.push(Figure {
        scenario: "footprint".into(),
        name: format!("N={n}: resident memory after the scan"),
        value: rss_mb,
        unit: "MB",
        target: if n >= 1_000_000 { Some((150.0, "RSS < 150 MB at 1M")) } else { None },
    });
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    Ok(figures)
}

fn tempfile_dir() -> anyhow::Result<std::path::PathBuf> {
    let dir =
        std::env::temp_dir().join(format!("vetnet-bench-{}-{}", std::process::id(), vetnet_node::publish::unix_now()));
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Records per second through each stage of the ingest path.
fn ingest_rate(n: usize) -> anyhow::Result<Vec<Figure>> {
    eprintln!("ingest: signing {n} records...");
    let records = signed_offers(11, (n / 10).max(1), n, 1);
    let ctx = ValidationContext { network: vetnet_protocol::DEFAULT_NETWORK, now: vetnet_node::publish::unix_now() };
    let rate = |started: Instant| n as f64 / started.elapsed().as_secs_f64();

    // Raw single-signature verification of messages of the records' size.
    let key = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
    let messages: Vec<(Vec<u8>, ed25519_dalek::Signature)> = records
        .iter()
        .map(|r| {
            let message = r[..r.len() - 64].to_vec();
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

    let dir = tempfile_dir()?;
    let store = vetnet_node::store::RecordStore::open(&dir, "bsr", 64 * 1024 * 1024)?;
    let started = Instant::now();
    for bytes in &records {
        let (verdict, _) = vetnet_node::ingest::ingest(&store, "bsr", bytes);
        anyhow::ensure!(verdict == vetnet_node::network::Verdict::Accept, "a record was not accepted");
    }
    store.flush()?;
    let full = rate(started);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);

    // The sync path: batches of 1,024, opened on every core, stored in one transaction each.
    let store = vetnet_node::store::RecordStore::open(&dir, "bsr", 64 * 1024 * 1024)?;
    let started = Instant::now();
    for batch in records.chunks(vetnet_protocol::sync::MAX_FETCH_IDS) {
        for (verdict, _) in vetnet_node::ingest::ingest_batch(&store, "bsr", batch) {
            anyhow::ensure!(verdict == vetnet_node::network::Verdict::Accept, "a record was not accepted");
        }
    }
    store.flush()?;
    let batched = rate(started);
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);

    let figure = |name: &str, value: f64, unit: &'static str, target: Option<(f64, &'static str)>| Figure {
        scenario: "ingest".into(),
        name: format!("N={n}: {name}"),
        value,
        unit,
        target,
    };
    Ok(vec![
        figure("raw ed25519 verify_strict, one core", raw, "rec/s", None),
        figure("open (decode, verify, validate)", open, "rec/s", None),
        figure("ingest one by one (gossip path)", full, "rec/s", None),
        figure("ingest in batches of 1,024 (sync path)", batched, "rec/s", None),
        // Higher is better here: report the shortfall as a ratio to the target.
        Figure {
            scenario: "ingest".into(),
            name: format!("N={n}: raw verify rate / batched ingest rate"),
            value: raw / batched,
            unit: "x",
            target: Some((1.0 / 1.5, "ingest >= 1.5 x raw verify")),
        },
    ])
}
