//! `vetnet node run`: the node in the foreground until Ctrl-C or SIGTERM.

use vetnet_node::{Config, DataDir, NetworkTiming, Node, NodeOptions};

use crate::args::RunArgs;
use crate::printer::Printer;

pub async fn run(data_dir: DataDir, args: RunArgs, printer: Printer) -> anyhow::Result<()> {
    let mut config = Config::load(&data_dir)?;
    if !args.listen.is_empty() {
        config.listen = args.listen;
    }
    if let Some(api) = args.api {
        config.api = api;
    }
    config.bootstrap.extend(args.bootstrap);
    let node = Node::start(NodeOptions { data_dir, config, timing: NetworkTiming::default() }).await?;
    let info = node.info().clone();
    let has_profile = node.publisher().profile()?.is_some();
    if printer.json {
        printer.value(&serde_json::json!({
            "peer_id": info.peer_id.to_string(),
            "listen_addrs": info.listen_addrs.iter().map(ToString::to_string).collect::<Vec<_>>(),
            "api": info.api_addr.to_string(),
            "institution": info.institution.to_did(),
            "network": info.network,
        }));
    } else {
        printer.line(format!("vetnet node running (network {}). Press Ctrl-C to stop.", info.network));
        printer.line(format!("Institution  {}", info.institution));
        printer.line(format!("Peer id      {}", info.peer_id));
        for addr in &info.listen_addrs {
            printer.line(format!("Listening    {addr}"));
        }
        printer.line(format!("Admin API    http://{}", info.api_addr));
        if !has_profile {
            printer.line(
                "This institution has no profile yet, so others cannot see who you are. Set one with:\n  vetnet profile set --name NAME --country CC --kind vet-provider",
            );
        }
    }
    wait_for_stop_signal().await;
    node.shutdown().await;
    Ok(())
}

async fn wait_for_stop_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = ctrl_c => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = ctrl_c.await;
        }
    }
    tracing::info!("stopping");
}
