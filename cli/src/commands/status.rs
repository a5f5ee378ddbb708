//! `vetnet status` and `vetnet peers`.

use vetnet_views::{PeerView, StatusView};

use crate::client::ApiClient;
use crate::commands::opt;
use crate::printer::Printer;

pub async fn status(client: &ApiClient, printer: Printer) -> anyhow::Result<()> {
    let status: StatusView = client.get("/v1/status", &[]).await?;
    if printer.json {
        printer.value(&status);
        return Ok(());
    }
    let name = status.institution_name.as_deref().unwrap_or("(no profile yet)");
    printer.line(format!("Institution  {name}"));
    printer.line(format!("             {}", status.institution));
    printer.line(format!("Network      {}", status.network));
    printer.line(format!("Peer id      {}", status.peer_id));
    for addr in &status.listen_addrs {
        printer.line(format!("Listening    {addr}"));
    }
    printer.line(format!("Admin API    http://{}", status.api));
    printer.line(format!(
        "Peers        {} connected ({} on the records topic, {} in the gossip mesh), {} banned for misbehaving",
        status.peers, status.topic_peers, status.mesh_peers, status.banned_peers
    ));
    let records: Vec<String> =
        status.records.iter().map(|(kind, n)| format!("{n} {kind}{}", if *n == 1 { "" } else { "s" })).collect();
    printer.line(format!("Records      {}", if records.is_empty() { "none yet".into() } else { records.join(", ") }));
    let gossip = &status.gossip;
    printer.line(format!(
        "Gossip       {} accepted, {} ignored, {} rejected",
        gossip.accepted, gossip.ignored, gossip.rejected
    ));
    if !status.ignored.is_empty() {
        let reasons: Vec<String> = status.ignored.iter().map(ignored_line).collect();
        printer.line(format!("Ignored      {}", reasons.join("; ")));
    }
    let synced: Vec<u64> = status.sync.iter().filter_map(|p| p.last_finished).collect();
    match synced.first() {
        Some(last) => {
            let ago = now().saturating_sub(*last);
            printer.line(format!("Sync         with {} peers; last {ago} s ago", synced.len()));
        }
        None => printer.line("Sync         not yet"),
    }
    let behind: usize = status.sync.iter().filter(|p| p.running).map(|p| p.needed.saturating_sub(p.fetched)).sum();
    if behind > 0 {
        printer.line(format!("             catching up: {behind} records to fetch"));
    }
    let reach = &status.reachability;
    let mut reachability = match reach.status.as_str() {
        "public" => "reachable from the internet".to_owned(),
        "private" => "behind NAT or a firewall".to_owned(),
        _ => "not known yet".to_owned(),
    };
    if let Some(relayed) = reach.relayed_addrs.first() {
        reachability.push_str(&format!("; reachable through a relay at {relayed}"));
    }
    if reach.relay_server {
        reachability.push_str("; relays for others");
    }
    printer.line(format!("Reachable    {reachability}"));
    let database = &status.database;
    match (database.check.as_str(), &database.damage) {
        ("passed", _) => printer.line(format!(
            "Database     intact (checked in {:.1} s)",
            database.check_ms.unwrap_or_default() as f64 / 1000.0
        )),
        ("running", _) => printer.line("Database     being checked"),
        (_, Some(damage)) => printer.line(format!(
            "Database     DAMAGED: {damage}. Nothing more is stored; stop the node and run `vetnet repair`"
        )),
        (other, None) => printer.line(format!("Database     check {other}")),
    }
    let disk = &status.disk;
    let mib = |bytes: u64| bytes / (1024 * 1024);
    if disk.full {
        printer.line(format!(
            "Disk         FULL: {} MiB free, below the {} MiB reserve; nothing new is stored until space is freed",
            mib(disk.free_bytes),
            mib(disk.reserve_bytes)
        ));
    } else if disk.free_bytes != u64::MAX {
        printer.line(format!(
            "Disk         {} MiB free (reserve {} MiB)",
            mib(disk.free_bytes),
            mib(disk.reserve_bytes)
        ));
    }
    if status.outbox > 0 {
        printer.line(format!("Outbox       {} own records wait for a peer", status.outbox));
    }
    Ok(())
}

pub async fn peers(client: &ApiClient, printer: Printer) -> anyhow::Result<()> {
    let peers: Vec<PeerView> = client.get("/v1/peers", &[]).await?;
    if printer.json {
        printer.value(&peers);
        return Ok(());
    }
    if peers.is_empty() {
        printer.line("No peers connected. Join a network with `vetnet node run --bootstrap MULTIADDR`.");
        return Ok(());
    }
    let rows: Vec<Vec<String>> = peers
        .iter()
        .map(|p| {
            vec![
                p.peer_id.clone(),
                p.addrs.first().cloned().unwrap_or_default(),
                opt(&p.agent),
                if p.on_topic { "yes".into() } else { "no".into() },
                p.score.map(|s| format!("{s:.1}")).unwrap_or_default(),
            ]
        })
        .collect();
    printer.table(&["PEER ID", "ADDRESS", "AGENT", "TOPIC", "SCORE"], &rows);
    Ok(())
}

fn now() -> u64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// One reason records were ignored, in words: "3 stale (2 by sync)".
fn ignored_line(count: &vetnet_views::IgnoredCount) -> String {
    let what = match count.reason.as_str() {
        "stale" => "older than the version held",
        "same_seq" => "a second record with the seq held",
        "duplicate" => "already held",
        "key_retired" => "signed by a retired key",
        "from_the_future" => "dated ahead of this clock",
        "author_daily_limit" => "over the author's daily limit",
        "store_error" => "not stored (database or disk)",
        other => other,
    };
    let total = count.gossip + count.sync;
    match (count.gossip, count.sync) {
        (_, 0) => format!("{total} {what}"),
        (0, _) => format!("{total} {what} (by sync)"),
        (_, sync) => format!("{total} {what} ({sync} by sync)"),
    }
}
