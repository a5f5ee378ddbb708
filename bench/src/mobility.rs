//! `mobility`: what direct messages cost. Two real nodes in this process (a
//! school and a host, loopback TCP, the test network timing), the host's
//! offer known to the school. Measured:
//!
//! - taking a step: `express_interest` (sign, check against the thread,
//!   store with its outbox entry, flush), per call;
//! - delivery while both are online: N interests taken back to back until
//!   every one has its signed receipt, as steps per second;
//! - catch-up: with the host stopped, N nominations wait in the outbox; the
//!   time from the host's restart until all are delivered.

use std::time::{Duration, Instant};

use vetnet_node::mobility::Delivery;
use vetnet_node::publish::PublishMode;
use vetnet_node::{Config, DataDir, NetworkTiming, Node, NodeOptions};
use vetnet_protocol::mobility::steps::{InterestBody, KeyCustody, Learner, NominationBody};
use vetnet_protocol::{RecordKey, RecordKind};
use vetnet_tests::{TestNode, offer, spawn, spawn_with, stop, test_config, wait_for_topic_peers};

use crate::figure::{Figure, quantile};

const OFFER: &str = "bench-offer";
/// How long a phase may take before the run fails.
const DEADLINE: Duration = Duration::from_secs(300);

fn nomination(i: usize) -> NominationBody {
    NominationBody {
        learner: Learner {
            given_name: format!("Learner{i}"),
            family_name: "Benchmark".into(),
            birth_date: "2008-01-01".into(),
            email: None,
            languages: Vec::new(),
            qualification: None,
            eqf: Some(4),
        },
        learner_key: String::new(),
        key_custody: KeyCustody::School,
        start: "2026-10-05".into(),
        end: "2026-10-30".into(),
        message: None,
    }
}

async fn wait_for(what: &str, mut done: impl FnMut() -> bool) -> anyhow::Result<()> {
    let start = Instant::now();
    while !done() {
        if start.elapsed() > DEADLINE {
            anyhow::bail!("timed out waiting until {what}");
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    Ok(())
}

/// `config` without the per-peer pace of direct messages.
fn unpaced(mut config: Config) -> Config {
    config.limits.direct_messages_per_peer_per_minute = 100_000;
    config.limits.direct_message_burst_per_peer = 100_000;
    config
}

fn all_delivered(node: &TestNode) -> bool {
    node.node.mobility().outbox_len() == 0
}

pub async fn run(threads: usize) -> anyhow::Result<Vec<Figure>> {
    // The default per-peer rate (120 a minute, bursts of 200) is far above
    // what two institutions exchange, and would pace this run: raise it to
    // measure what the nodes themselves can do.
    let host = spawn_with("Bench Host", "DE", unpaced(test_config(&[]))).await;
    let school = spawn("Bench School", "SE", &[host.addr()]).await;
    wait_for_topic_peers(&school, 1).await;
    let host_id = host.node.info().institution;
    host.node
        .publisher()
        .publish(RecordKind::Offer, OFFER, &offer("Benchmark placement", "DE", "0715", 4), PublishMode::Create)
        .await?;
    let key = RecordKey { author: host_id, kind: "offer".into(), id: OFFER.into() };
    wait_for("the offer reaches the school", || school.node.store().get(&key).ok().flatten().is_some()).await?;

    // Online: take N interests back to back, then wait for every receipt.
    let mut take_ms = Vec::with_capacity(threads);
    let mut ids = Vec::with_capacity(threads);
    let started = Instant::now();
    for _ in 0..threads {
        let interest = InterestBody { offer: OFFER.into(), need: None, learners: 1, message: None };
        let t = Instant::now();
        let view = school.node.mobility().express_interest(host_id, interest).await?;
        take_ms.push(t.elapsed().as_secs_f64() * 1e3);
        ids.push(view.log.thread);
    }
    wait_for("every interest is delivered", || all_delivered(&school)).await?;
    let online_secs = started.elapsed().as_secs_f64();

    // Offline: the host stops; N nominations queue; time the catch-up.
    let host_addr = host.addr();
    let host_dir = stop(host).await;
    for (i, thread) in ids.iter().enumerate() {
        school.node.mobility().nominate(thread, nomination(i)).await?;
    }
    let queued = school.node.mobility().outbox_len();
    let restarted = Instant::now();
    let mut config = unpaced(test_config(&[school.addr()]));
    config.listen = vec![host_addr.to_string()];
    let options = NodeOptions { data_dir: DataDir::new(host_dir.path()), config, timing: NetworkTiming::fast() };
    let host = TestNode { node: Node::start(options).await?, dir: host_dir };
    let boot_ms = restarted.elapsed().as_secs_f64() * 1e3;
    wait_for("every queued nomination is delivered", || all_delivered(&school)).await?;
    let catch_up_secs = restarted.elapsed().as_secs_f64();
    let refused = ids
        .iter()
        .filter_map(|t| school.node.mobility().show(t).ok())
        .flat_map(|v| v.log.entries)
        .filter(|e| !matches!(e.delivery, Delivery::Delivered { .. }))
        .count();
    let at_host = ids
        .iter()
        .filter(|t| {
            host.node
                .mobility()
                .show(t)
                .is_ok_and(|v| v.status() == vetnet_protocol::mobility::thread::ThreadStatus::Nominated)
        })
        .count();

    let figures = vec![
        Figure::new("mobility", "take a step (sign, check, store, flush), median", quantile(&mut take_ms, 0.5), "ms"),
        Figure::new("mobility", "take a step, p99", quantile(&mut take_ms, 0.99), "ms"),
        Figure::new(
            "mobility",
            format!("{threads} interests delivered with receipts, online"),
            threads as f64 / online_secs,
            "steps/s",
        ),
        Figure::new(
            "mobility",
            format!("{queued} queued nominations: host restart to all delivered"),
            catch_up_secs * 1e3,
            "ms",
        ),
        Figure::new("mobility", "of which the host's restart", boot_ms, "ms"),
        Figure::new("mobility", "steps without a delivered receipt", refused as f64, "steps"),
        Figure::new("mobility", "threads nominated at the host", at_host as f64, "threads"),
    ];
    host.node.shutdown().await;
    school.node.shutdown().await;
    Ok(figures)
}
