//! `vetnet sync`: catch up with peers now, with a progress bar on a terminal.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use vetnet_views::{SyncResultView, SyncStateView};

use crate::client::ApiClient;
use crate::printer::Printer;

pub async fn run(client: &ApiClient, peer: Option<String>, printer: Printer) -> anyhow::Result<()> {
    let path = match &peer {
        Some(peer) => format!("/v1/sync?peer={peer}"),
        None => "/v1/sync".to_owned(),
    };
    // A first catch-up of a large network takes minutes: wait for it.
    let request = client.post_slow::<Vec<SyncResultView>>(&path, Duration::from_secs(3_600));
    tokio::pin!(request);
    let show_progress = std::io::stderr().is_terminal() && !printer.json;
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    let results = loop {
        tokio::select! {
            result = &mut request => break result?,
            _ = tick.tick(), if show_progress => {
                if let Ok(state) = client.get::<SyncStateView>("/v1/sync", &[]).await {
                    draw_progress(&state);
                }
            }
        }
    };
    if show_progress {
        eprint!("\r\x1b[2K");
    }
    let all_failed = !results.is_empty() && results.iter().all(|r| !r.ok);
    if printer.json {
        printer.value(&results);
    } else {
        print_results(&results, printer);
    }
    if all_failed {
        return Err(crate::failure::Failure::internal("sync failed with every peer"));
    }
    Ok(())
}

fn print_results(results: &[SyncResultView], printer: Printer) {
    for result in results {
        let peer = &result.peer_id;
        if result.ok {
            let (stored, stale, trips, bytes) = match &result.report {
                Some(r) => {
                    (r.stored.to_string(), r.stale.to_string(), r.rounds + r.fetches, r.bytes_sent + r.bytes_received)
                }
                None => (String::new(), String::new(), 0, 0),
            };
            printer.line(format!(
                "{peer}: {stored} new records ({stale} already held), {trips} round trips, {bytes} bytes"
            ));
        } else {
            printer.line(format!("{peer}: failed: {}", result.error.as_deref().unwrap_or_default()));
        }
    }
}

fn draw_progress(state: &SyncStateView) {
    let (fetched, needed) =
        state.peers.iter().filter(|p| p.running).fold((0, 0), |(f, n), p| (f + p.fetched, n + p.needed));
    let width = 30;
    let filled = (fetched * width).checked_div(needed).unwrap_or(0).min(width);
    let bar = format!("{}{}", "#".repeat(filled), " ".repeat(width - filled));
    eprint!("\r\x1b[2Ksyncing [{bar}] {fetched}/{needed} records");
    let _ = std::io::stderr().flush();
}
