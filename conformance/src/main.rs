//! `vetnet-conformance`: runs the conformance cases against the reference
//! (`vectors`) or against a live node of any implementation (`peer`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};
use libp2p::Multiaddr;
use vetnet_conformance::reference::{CaseResult, compare, judge};
use vetnet_conformance::{load_vectors, peer};

/// Checks an implementation of the vetnet protocol against its conformance
/// cases (docs/PROTOCOL.md, section Conformance).
#[derive(Parser)]
#[command(version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the reference (vetnet-protocol and vetnet-node's ingest, on a
    /// temporary store) against every case; exits non-zero on a mismatch.
    Vectors {
        /// A vector file to run instead of the compiled-in one.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Checks a live node over the wire: publishes the accept cases and
    /// expects them back by sync or gossip, sends each reject case from a
    /// fresh peer identity and expects it neither stored nor forwarded.
    Peer {
        /// The node's address, with its /p2p/ peer id, e.g.
        /// /ip4/127.0.0.1/tcp/7301/p2p/12D3KooW…
        multiaddr: Multiaddr,
        /// The node's network (its gossip topic is vetnet/<network>/records/1).
        #[arg(long, default_value = "bsr")]
        network: String,
        /// How long to wait for any one event (a connection, a record back).
        #[arg(long, default_value_t = 20)]
        timeout_secs: u64,
        /// A vector file to run instead of the compiled-in one.
        #[arg(long)]
        file: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Vectors { file } => run_vectors(file),
        Command::Peer { multiaddr, network, timeout_secs, file } => run_peer(multiaddr, network, timeout_secs, file),
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_vectors(file: Option<PathBuf>) -> anyhow::Result<bool> {
    let vectors = load_vectors(file.as_deref())?;
    let (mut passed, mut awaiting, mut failed) = (0, 0, 0);
    for case in &vectors.cases {
        let outcome = judge(case)?;
        let expected = match &case.field {
            Some(field) => format!("{} {field}", case.verdict),
            None => case.verdict.to_string(),
        };
        let got = |o: &vetnet_conformance::reference::Outcome| match (&o.field, &o.rule) {
            (Some(field), Some(rule)) => format!("{} {field}: {rule}", o.verdict),
            (None, Some(rule)) => format!("{}: {rule}", o.verdict),
            _ => o.verdict.to_string(),
        };
        match compare(case, outcome) {
            CaseResult::Pass => {
                passed += 1;
                println!("ok       {:<40} {expected}", case.id);
            }
            CaseResult::PassListedAwaiting => {
                passed += 1;
                println!("ok       {:<40} {expected} (listed as awaiting a merge: drop it from the list)", case.id);
            }
            CaseResult::Awaiting(o) => {
                awaiting += 1;
                println!("awaiting {:<40} expected {expected}, the reference says {}", case.id, got(&o));
            }
            CaseResult::Fail(o) => {
                failed += 1;
                println!("FAIL     {:<40} expected {expected}, the reference says {}", case.id, got(&o));
            }
        }
    }
    println!("total: {} cases, {passed} passed, {awaiting} awaiting a merge, {failed} failed", vectors.cases.len());
    Ok(failed == 0)
}

fn run_peer(addr: Multiaddr, network: String, timeout_secs: u64, file: Option<PathBuf>) -> anyhow::Result<bool> {
    let vectors = load_vectors(file.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let config = peer::PeerConfig { addr, network, timeout: Duration::from_secs(timeout_secs) };
    let report = runtime.block_on(peer::check(&config, &vectors.cases))?;
    for line in &report.lines {
        println!("{line}");
    }
    println!("{}", report.total());
    Ok(report.passed())
}
