//! A new node catches up with one that holds the whole region: from the
//! dial until its search index holds every offer, over loopback TCP, with
//! the node's own sync path (reconcile, fetch 1,024 at a time, open every
//! record on both cores, store in batches).

use std::time::{Duration, Instant};

use vetnet_tests::TestNode;

use crate::figure::{Figure, Target};

/// How long the catch-up may go without one more offer stored before it
/// is given up (and its figure is NaN, which never meets the target).
const STALL: Duration = Duration::from_secs(60);
/// How often the new node's index is looked at.
const POLL: Duration = Duration::from_millis(50);
/// The target at 1,000,000 records.
const TARGET_MS: f64 = 60_000.0;

/// Offers in `node`'s search index.
fn offers_held(node: &TestNode) -> u64 {
    node.node.store().search_index().counts().get("offer").copied().unwrap_or_default()
}

/// Starts a new node, dials `source` (which holds `offers` offers) and
/// waits until the new node holds them all.
pub(crate) async fn run(source: &TestNode, offers: u64) -> anyhow::Result<Vec<Figure>> {
    let newcomer = vetnet_tests::spawn("Newcomer", "FI", &[]).await;
    let source_peer = source.node.info().peer_id;
    eprintln!("scale: a new node catches up with {offers} offers...");
    let started = Instant::now();
    newcomer.node.network().dial(source.addr()).await?;
    let (mut held, mut progressed) = (offers_held(&newcomer), Instant::now());
    let mut stalled = false;
    while held < offers {
        if progressed.elapsed() > STALL {
            let state = newcomer.node.sync().states().remove(&source_peer);
            let error = state.and_then(|s| s.last_error).unwrap_or_default();
            eprintln!("scale: catch-up given up: {held} of {offers} offers stored, none for {STALL:?}; sync: {error}");
            stalled = true;
            break;
        }
        tokio::time::sleep(POLL).await;
        let now_held = offers_held(&newcomer);
        if now_held > held {
            (held, progressed) = (now_held, Instant::now());
        }
    }
    let took = if stalled { f64::NAN } else { started.elapsed().as_secs_f64() };
    let state = newcomer.node.sync().states().remove(&source_peer);
    newcomer.node.shutdown().await;

    let figure = |name: &str, value: f64, unit: &'static str| {
        Figure::new("scale", format!("N={offers}: catch-up: {name}"), value, unit)
    };
    let mut figures = vec![
        figure("a new node holds every offer (loopback)", took * 1000.0, "ms")
            .with_target(Target::at_most(TARGET_MS, "a new node holds 1M < 60 s")),
        figure("rate", offers as f64 / took, "rec/s"),
        figure("offers held when it ended", held as f64, "rec"),
    ];
    // The last session's report: the whole catch-up when one session did it
    // all (an error of an earlier session is printed below).
    if let Some(report) = state.as_ref().and_then(|s| s.last_report.as_ref()) {
        figures.push(figure("round trips of the last session", (report.rounds + report.fetches) as f64, ""));
        figures.push(figure("bytes of the last session", (report.bytes_sent + report.bytes_received) as f64, "bytes"));
    }
    if let Some(error) = state.as_ref().and_then(|s| s.last_error.as_ref()) {
        eprintln!("scale: a sync session with the source ended with: {error}");
    }
    Ok(figures)
}
