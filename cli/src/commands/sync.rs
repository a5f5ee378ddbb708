//! `vetnet sync`: catch up with peers now, with a progress bar on a terminal.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use reqwest::Method;
use serde_json::Value;

use crate::client::ApiClient;
use crate::commands::text;
use crate::printer::Printer;

pub async fn run(client: &ApiClient, peer: Option<String>, printer: Printer) -> anyhow::Result<()> {
    let path = match &peer {
        Some(peer) => format!("/v1/sync?peer={peer}"),
        None => "/v1/sync".to_owned(),
    };
    // A first catch-up of a large network takes minutes: wait for it.
    let request = client.send_slow(Method::POST, &path, Duration::from_secs(3_600));
    tokio::pin!(request);
    let show_progress = std::io::stderr().is_terminal() && !printer.json;
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    let results = loop {
        tokio::select! {
            result = &mut request => break result?,
            _ = tick.tick(), if show_progress => {
                if let Ok(state) = client.get("/v1/sync", &[]).await {
                    draw_progress(&state);
                }
            }
        }
    };
    if show_progress {
        eprint!("\r\x1b[2K");
    }
    let all_failed = results.as_array().is_some_and(|r| !r.is_empty() && r.iter().all(|r| r["ok"] != true));
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

fn print_results(results: &Value, printer: Printer) {
    for result in results.as_array().into_iter().flatten() {
        let peer = text(&result["peer_id"]);
        if result["ok"] == true {
            let r = &result["report"];
            printer.line(format!(
                "{peer}: {} new records ({} already held), {} round trips, {} bytes",
                text(&r["stored"]),
                text(&r["stale"]),
                r["rounds"].as_u64().unwrap_or(0) + r["fetches"].as_u64().unwrap_or(0),
                r["bytes_sent"].as_u64().unwrap_or(0) + r["bytes_received"].as_u64().unwrap_or(0),
            ));
        } else {
            printer.line(format!("{peer}: failed: {}", text(&result["error"])));
        }
    }
}

fn draw_progress(state: &Value) {
    let (fetched, needed) = state["peers"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["running"] == true)
        .fold((0, 0), |(f, n), p| (f + p["fetched"].as_u64().unwrap_or(0), n + p["needed"].as_u64().unwrap_or(0)));
    let width = 30;
    let filled = (fetched * width).checked_div(needed).unwrap_or(0).min(width) as usize;
    let bar = format!("{}{}", "#".repeat(filled), " ".repeat(width as usize - filled));
    eprint!("\r\x1b[2Ksyncing [{bar}] {fetched}/{needed} records");
    let _ = std::io::stderr().flush();
}
