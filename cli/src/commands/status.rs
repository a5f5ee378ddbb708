//! `vetnet status` and `vetnet peers`.

use crate::client::ApiClient;
use crate::commands::text;
use crate::printer::Printer;

pub async fn status(client: &ApiClient, printer: Printer) -> anyhow::Result<()> {
    let status = client.get("/v1/status", &[]).await?;
    if printer.json {
        printer.value(&status);
        return Ok(());
    }
    let name = status["institution_name"].as_str().unwrap_or("(no profile yet)");
    printer.line(format!("Institution  {name}"));
    printer.line(format!("             {}", text(&status["institution"])));
    printer.line(format!("Network      {}", text(&status["network"])));
    printer.line(format!("Peer id      {}", text(&status["peer_id"])));
    for addr in status["listen_addrs"].as_array().into_iter().flatten() {
        printer.line(format!("Listening    {}", text(addr)));
    }
    printer.line(format!("Admin API    http://{}", text(&status["api"])));
    printer.line(format!(
        "Peers        {} connected ({} on the records topic, {} in the gossip mesh), {} banned for misbehaving",
        text(&status["peers"]),
        text(&status["topic_peers"]),
        text(&status["mesh_peers"]),
        text(&status["banned_peers"])
    ));
    let records: Vec<String> = status["records"]
        .as_object()
        .map(|counts| {
            counts
                .iter()
                .map(|(kind, n)| format!("{n} {kind}{}", if n.as_u64() == Some(1) { "" } else { "s" }))
                .collect()
        })
        .unwrap_or_default();
    printer.line(format!("Records      {}", if records.is_empty() { "none yet".into() } else { records.join(", ") }));
    let gossip = &status["gossip"];
    printer.line(format!(
        "Gossip       {} accepted, {} ignored, {} rejected",
        text(&gossip["accepted"]),
        text(&gossip["ignored"]),
        text(&gossip["rejected"])
    ));
    let synced: Vec<&serde_json::Value> =
        status["sync"].as_array().into_iter().flatten().filter(|p| !p["last_finished"].is_null()).collect();
    match synced.first() {
        Some(last) => {
            let ago = now().saturating_sub(last["last_finished"].as_u64().unwrap_or(0));
            printer.line(format!("Sync         with {} peers; last {ago} s ago", synced.len()));
        }
        None => printer.line("Sync         not yet"),
    }
    let behind: u64 = status["sync"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|p| p["running"] == true)
        .map(|p| p["needed"].as_u64().unwrap_or(0).saturating_sub(p["fetched"].as_u64().unwrap_or(0)))
        .sum();
    if behind > 0 {
        printer.line(format!("             catching up: {behind} records to fetch"));
    }
    let reach = &status["reachability"];
    let mut reachability = match reach["status"].as_str() {
        Some("public") => "reachable from the internet".to_owned(),
        Some("private") => "behind NAT or a firewall".to_owned(),
        _ => "not known yet".to_owned(),
    };
    if let Some(relayed) = reach["relayed_addrs"].as_array().and_then(|a| a.first()) {
        reachability.push_str(&format!("; reachable through a relay at {}", text(relayed)));
    }
    if reach["relay_server"] == true {
        reachability.push_str("; relays for others");
    }
    printer.line(format!("Reachable    {reachability}"));
    if status["outbox"].as_u64().unwrap_or(0) > 0 {
        printer.line(format!("Outbox       {} own records wait for a peer", text(&status["outbox"])));
    }
    Ok(())
}

pub async fn peers(client: &ApiClient, printer: Printer) -> anyhow::Result<()> {
    let peers = client.get("/v1/peers", &[]).await?;
    if printer.json {
        printer.value(&peers);
        return Ok(());
    }
    let list = peers.as_array().cloned().unwrap_or_default();
    if list.is_empty() {
        printer.line("No peers connected. Join a network with `vetnet node run --bootstrap MULTIADDR`.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                text(&p["peer_id"]),
                p["addrs"].as_array().and_then(|a| a.first()).map(text).unwrap_or_default(),
                text(&p["agent"]),
                if p["on_topic"].as_bool() == Some(true) { "yes".into() } else { "no".into() },
                p["score"].as_f64().map(|s| format!("{s:.1}")).unwrap_or_default(),
            ]
        })
        .collect();
    printer.table(&["PEER ID", "ADDRESS", "AGENT", "TOPIC", "SCORE"], &rows);
    Ok(())
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}
