//! vetnet's benchmark suite. Each scenario prints its figures beside the
//! target it is measured against, taken in the same run.
//!
//! ```text
//! cargo run --release -p vetnet-bench -- sync                # catch-up sync cost, N = 100,000
//! cargo run --release -p vetnet-bench -- search              # query latency, 100,000 offers
//! cargo run --release -p vetnet-bench -- propagation         # publish to searchable, 30 nodes
//! cargo run --release -p vetnet-bench -- mobility            # direct messages between two nodes
//! cargo run --release -p vetnet-bench -- match               # 10 own offers against 10,000 needs
//! cargo run --release -p vetnet-bench -- pages               # dashboard pages at 100,000 records
//! cargo run --release -p vetnet-bench -- events              # event search and feeds, 20,000 events
//! cargo run --release -p vetnet-bench -- backup              # backup and restore, 100,000 own records
//! cargo run --release -p vetnet-bench -- scale               # 1,000,000 records: catch-up, search, memory, restarts
//! cargo run --release -p vetnet-bench -- all --quick         # everything, small
//! cargo run --release -p vetnet-bench -- all --markdown figures.md
//! ```

use std::time::Duration;

use clap::{Parser, Subcommand};
use vetnet_bench::pages::{self, PagesParams};
use vetnet_bench::propagation::{self, PropagationParams};
use vetnet_bench::scale::{self, ScaleParams};
use vetnet_bench::search::{self, SearchParams};
use vetnet_bench::{Figure, footprint, ingest, mobility, report, sync, trust};

#[derive(Parser)]
#[command(name = "vetnet-bench", about = "Measure vetnet against its targets")]
struct Cli {
    #[command(subcommand)]
    scenario: Scenario,
    /// A small run that finishes in seconds.
    #[arg(long, global = true)]
    quick: bool,
    /// One JSON object per figure instead of a table.
    #[arg(long, global = true)]
    json: bool,
    /// Also write the figures to FILE as a markdown table, headed by the
    /// machine, the date and the commit.
    #[arg(long, global = true, value_name = "FILE")]
    markdown: Option<std::path::PathBuf>,
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
    /// resident memory after a search, disk bytes per record.
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
    /// Search: latency of ten typical offer queries on one store.
    Search {
        /// Offers in the store (default 100,000; 10,000 with --quick).
        #[arg(long)]
        offers: Option<usize>,
        /// Institutions publishing them (default 10,000; 1,000 with --quick).
        #[arg(long)]
        authors: Option<usize>,
        /// Timed runs per query class (default 200; 50 with --quick).
        #[arg(long)]
        runs: Option<usize>,
        /// Seeds the generated catalogue and the queries.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Propagation: publish to searchable on every node of a gossiping network
    /// with the production network timing.
    Propagation {
        /// Nodes, at most 100 (default 30; 5 with --quick).
        #[arg(long)]
        nodes: Option<usize>,
        /// Offers published (default 1,000; 100 with --quick).
        #[arg(long)]
        records: Option<usize>,
        /// Offers published per second, network-wide (default 50).
        #[arg(long)]
        rate: Option<f64>,
        /// Seeds the graph and the publishing nodes.
        #[arg(long)]
        seed: Option<u64>,
    },
    /// Trust: building trust levels over N institutions' endorsements, and
    /// what rotated and revoked keys cost every insert.
    Trust {
        /// Institutions (default 10,000; 1,000 with --quick).
        #[arg(long)]
        institutions: Option<usize>,
    },
    /// Mobility: taking a step, delivering steps with receipts between two
    /// nodes, and catching up a queue after the other node was offline.
    Mobility {
        /// Threads (default 1,000; 100 with --quick).
        #[arg(long)]
        threads: Option<usize>,
    },
    /// Events: event search (country, network, start day) and a network's
    /// iCalendar feed on a store of meetings.
    Events {
        /// Events in the store (default 20,000; 2,000 with --quick).
        #[arg(long)]
        events: Option<usize>,
        /// Timed runs per query class (default 200; 50 with --quick).
        #[arg(long)]
        runs: Option<usize>,
    },
    /// Match: ranking the needs that fit an institution's own offers.
    Match {
        /// Own offers (default 10).
        #[arg(long)]
        offers: Option<usize>,
        /// Other institutions' needs (default 10,000; 1,000 with --quick).
        #[arg(long)]
        needs: Option<usize>,
    },
    /// Pages: server time of the dashboard's home, search and matches pages
    /// on a node holding 100,000 records of others.
    Pages {
        /// Timed requests per page (default 200; 20 with --quick).
        #[arg(long)]
        runs: Option<usize>,
    },
    /// Backup: `vetnet backup` over the admin API, reading the archive back,
    /// and `vetnet restore`, of a node with N own records (and N of others).
    Backup {
        /// Own records (default 100,000; 2,000 with --quick).
        #[arg(long)]
        records: Option<usize>,
    },
    /// Scale: the whole region (1,000,000 offers from 100,000 institutions)
    /// on one server: a new node's catch-up, search, resident memory of the
    /// real `vetnet` binary, its startup after a clean stop and after
    /// `kill -9`. Needs `cargo build --release -p vetnet` beside it.
    Scale {
        /// Offers (default 1,000,000; 3,000 with --quick).
        #[arg(long)]
        records: Option<usize>,
        /// Institutions publishing them (default 100,000; 300 with --quick).
        #[arg(long)]
        authors: Option<usize>,
        /// Timed runs per search query class (default 200; 20 with --quick).
        #[arg(long)]
        runs: Option<usize>,
    },
    /// Every scenario: ingest, sync, search, propagation, footprint (at
    /// 100,000 records; 20,000 with --quick).
    All,
}

/// `quick` or `full`, as the flag says.
fn size(quick: bool, quick_size: usize, full_size: usize) -> usize {
    if quick { quick_size } else { full_size }
}

fn search_params(quick: bool) -> SearchParams {
    if quick { SearchParams::quick() } else { SearchParams::full() }
}

fn propagation_params(quick: bool) -> PropagationParams {
    if quick { PropagationParams::quick() } else { PropagationParams::full() }
}

async fn run(scenario: Scenario, quick: bool) -> anyhow::Result<Vec<Figure>> {
    match scenario {
        Scenario::Sync { records } => sync::run(records.unwrap_or(size(quick, 5_000, 100_000))).await,
        Scenario::Ingest { records } => ingest::run(records.unwrap_or(size(quick, 10_000, 100_000))),
        Scenario::Trust { institutions } => {
            let institutions = institutions.unwrap_or(size(quick, 1_000, 10_000));
            tokio::task::spawn_blocking(move || trust::run(institutions)).await?
        }
        Scenario::Mobility { threads } => mobility::run(threads.unwrap_or(size(quick, 100, 1_000))).await,
        Scenario::Match { offers, needs } => {
            let (offers, needs) = (offers.unwrap_or(10), needs.unwrap_or(size(quick, 1_000, 10_000)));
            tokio::task::spawn_blocking(move || vetnet_bench::matching::run(offers, needs)).await?
        }
        Scenario::Events { events, runs } => {
            let (events, runs) = (events.unwrap_or(size(quick, 2_000, 20_000)), runs.unwrap_or(size(quick, 50, 200)));
            tokio::task::spawn_blocking(move || vetnet_bench::events::run(events, runs)).await?
        }
        Scenario::Pages { runs } => {
            let defaults = if quick { PagesParams::quick() } else { PagesParams::full() };
            pages::run(&PagesParams { runs: runs.unwrap_or(defaults.runs), ..defaults }).await
        }
        Scenario::Backup { records } => vetnet_bench::backup::run(records.unwrap_or(size(quick, 2_000, 100_000))).await,
        Scenario::Scale { records, authors, runs } => {
            let vetnet = footprint::vetnet_binary()?;
            let defaults = if quick { ScaleParams::quick(vetnet) } else { ScaleParams::full(vetnet) };
            let params = ScaleParams {
                records: records.unwrap_or(defaults.records),
                authors: authors.unwrap_or(defaults.authors),
                runs: runs.unwrap_or(defaults.runs),
                ..defaults
            };
            scale::run(&params).await
        }
        Scenario::Footprint { records } => footprint::run(records.unwrap_or(size(quick, 20_000, 1_000_000))).await,
        Scenario::Search { offers, authors, runs, seed } => {
            let defaults = search_params(quick);
            let params = SearchParams {
                offers: offers.unwrap_or(defaults.offers),
                authors: authors.unwrap_or(defaults.authors),
                runs: runs.unwrap_or(defaults.runs),
                seed: seed.unwrap_or(defaults.seed),
            };
            tokio::task::spawn_blocking(move || search::run(&params)).await?
        }
        Scenario::Propagation { nodes, records, rate, seed } => {
            let defaults = propagation_params(quick);
            let params = PropagationParams {
                nodes: nodes.unwrap_or(defaults.nodes),
                records: records.unwrap_or(defaults.records),
                rate: rate.unwrap_or(defaults.rate),
                seed: seed.unwrap_or(defaults.seed),
                ..defaults
            };
            propagation::run(&params).await
        }
        Scenario::All => {
            let mut figures = ingest::run(size(quick, 10_000, 100_000))?;
            figures.extend(sync::run(size(quick, 5_000, 100_000)).await?);
            let params = search_params(quick);
            figures.extend(tokio::task::spawn_blocking(move || search::run(&params)).await??);
            figures.extend(propagation::run(&propagation_params(quick)).await?);
            // 1,000,000 records take hours to write on a small machine: run `footprint` alone for that.
            figures.extend(footprint::run(size(quick, 20_000, 100_000)).await?);
            Ok(figures)
        }
    }
}

fn main() -> anyhow::Result<()> {
    vetnet_tests::init_logging();
    let cli = Cli::parse();
    let command = std::env::args().collect::<Vec<_>>().join(" ");
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let figures = runtime.block_on(run(cli.scenario, cli.quick))?;
    // Nodes that were shut down may leave background work; do not wait for it.
    runtime.shutdown_timeout(Duration::from_secs(5));
    if cli.json {
        print!("{}", report::json_lines(&figures));
    } else {
        print!("{}", report::table(&figures));
    }
    if let Some(path) = &cli.markdown {
        std::fs::write(path, report::markdown(&figures, &command))
            .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}
